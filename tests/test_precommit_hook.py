"""The `clean-check` hook, run by real pre-commit against a repository of fixtures: from the
README's snippet pinned to a full commit SHA (cleaner has no release tags), and by try-repo.

pre-commit clones the hook repository at a commit (`try-repo` commits the *tracked*
uncommitted changes into a shadow clone, leaving out untracked files: a new module, a new
hook file). So the test commits a snapshot of the working tree (tracked and untracked, minus
ignored files) into a temporary hook repository and uses that: it tests the code as it is on
disk, committed or not.

pre-commit builds the hook's virtualenv with pip (the package and its dependencies from
the index), which takes a while: once for the pinned run (the good fixtures pass) and once
for try-repo, which keeps a store of its own (a bad fixture fails; then the consumer's own
rules, named in its pyproject.toml, fail a fixture too).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO

GOOD = "text-comment-furniture-credit-note"

_GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **_GIT_ENV}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True)
    return done.stdout


def _snapshot_repo(destination: Path) -> Path:
    """A git repository holding the working tree of this repo as one commit."""
    files = _git(REPO, "ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0")
    for name in filter(None, files):
        source = REPO / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _git(destination, "init", "-q")
    _git(destination, "add", "-A")
    _git(destination, "commit", "-q", "-m", "snapshot")
    return destination


def _pre_commit(cwd: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **_GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )


#: What the documented snippets write where the reader puts their own values.
URL_PLACEHOLDER = "<this repository's URL>"
SHA_PLACEHOLDER = "<full commit SHA>"


def documented_snippet(document: Path) -> str:
    """The `.pre-commit-config.yaml` a document shows for using the hook from another repository."""
    blocks = re.findall(r"^```yaml\n(.*?)^```", document.read_text(encoding="utf-8"), re.M | re.S)
    (snippet,) = [block for block in blocks if "id: clean-check" in block and "repo: local" not in block]
    return snippet


def test_documented_snippets_pin_a_commit_and_say_how_to_get_it():
    # cleaner has no release tags: a tag as `rev` fails to install
    for document in (REPO / "README.md", REPO / "docs" / "tools.md"):
        snippet = documented_snippet(document)
        assert re.search(rf"^\s*-\s+repo: {re.escape(URL_PLACEHOLDER)}$", snippet, re.M), document
        assert re.search(rf"^\s+rev: {re.escape(SHA_PLACEHOLDER)}$", snippet, re.M), document
        assert f"git ls-remote {URL_PLACEHOLDER} HEAD" in " ".join(document.read_text(encoding="utf-8").split())


def test_hook_definition_is_valid_for_pre_commit():
    pytest.importorskip("pre_commit", reason="pre-commit is in the `test` extra: pip install -e '.[test]'")
    from pre_commit.clientlib import load_config, load_manifest

    (hook,) = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "clean-check"
    assert hook["entry"] == "clean check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    config = load_config(str(REPO / ".pre-commit-config.yaml"))
    assert [h["id"] for repo in config["repos"] for h in repo["hooks"]] == ["clean-check", "ruff", "mypy"]


def test_hook_passes_good_fixtures_and_fails_a_bad_one(tmp_path):
    try:
        import pre_commit  # noqa: F401
    except ImportError:  # pragma: no cover
        pytest.fail("pre-commit is needed for this test; it is in the `test` extra: pip install -e '.[test]'")
    hook_repo = _snapshot_repo(tmp_path / "hook-repo")
    consumer = tmp_path / "consumer"
    good = consumer / "fixtures" / GOOD
    shutil.copytree(FIXTURES / GOOD, good)
    # the README's snippet, pinned as it says: the full SHA `git ls-remote URL HEAD` prints
    (sha, _ref) = _git(consumer.parent, "ls-remote", str(hook_repo), "HEAD").split()
    (consumer / ".pre-commit-config.yaml").write_text(
        documented_snippet(REPO / "README.md").replace(URL_PLACEHOLDER, str(hook_repo)).replace(SHA_PLACEHOLDER, sha),
        encoding="utf-8",
    )
    _git(consumer, "init", "-q")
    _git(consumer, "add", "-A")
    # the store of the pinned hook; try-repo below builds in a temporary store of its own
    home = tmp_path / "pre-commit-home"

    passed = _pre_commit(consumer, "run", "--all-files", home=home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "clean check (fixtures)" in passed.stdout and "Passed" in passed.stdout
    assert "mutable" not in passed.stdout + passed.stderr

    bad = consumer / "fixtures" / "bad-gold-keeps-comment-chrome"
    shutil.copytree(FIXTURES / GOOD, bad)
    with (bad / "expected.txt").open("a", encoding="utf-8") as stream:
        stream.write("\nLeave a Reply\n")
    _git(consumer, "add", "-A")

    failed = _pre_commit(consumer, "try-repo", str(hook_repo), "clean-check", "--all-files", home=home)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "Failed" in output
    assert "FAIL fixtures/bad-gold-keeps-comment-chrome" in output
    assert "comment-form-heading" in output  # the rule that says the gold holds chrome
    assert f"FAIL fixtures/{GOOD}" not in output

    # The consumer's own rules, named in its pyproject.toml, are loaded by the hook too.
    gold = (good / "expected.txt").read_text(encoding="utf-8")
    (bad / "expected.txt").write_text(gold + "\nTram club notice: members meet at the depot on Tuesdays.\n")
    (consumer / "pyproject.toml").write_text('[tool.cleaner]\nrules = ["my_rules/"]\n', encoding="utf-8")
    (consumer / "my_rules").mkdir()
    (consumer / "my_rules" / "notices.toml").write_text(
        """[[rule]]
id = "tram-club-notice"
description = "Test: the tram club's notice"
regex = '^Tram club notice:'
examples.match = ["Tram club notice: members meet at the depot."]
""",
        encoding="utf-8",
    )
    _git(consumer, "add", "-A")
    own = _pre_commit(consumer, "try-repo", str(hook_repo), "clean-check", "--all-files", home=home)
    output = own.stdout + own.stderr
    assert own.returncode == 1, output
    assert re.search(r"rule 'tram-club-notice' \(\w+\) would remove paragraph \d+ of expected.txt", output), output
