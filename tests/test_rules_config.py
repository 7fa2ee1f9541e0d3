"""Issue 20, point 2: a project's own rules, named by `[tool.cleaner] rules` in its pyproject.toml,
are found by every command (`clean`, `clean check`, `fixture add`, `explain`, `rules list`) from the
project or any folder inside it; point 3: the README's example rule loads beside the built-in ones."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from cleaner.cli import main
from cleaner.cli.config import configured_rule_paths, find_pyproject
from cleaner.rules import load_rules, parse_rule_file

NOTICE = "Tram club notice: members meet on the first Tuesday of each month at the depot to hear about the works."
STORY = [
    "The council approved the new tram line on Monday after a debate that lasted well into the evening.",
    "Work on the line will begin in the spring and should be finished within two years, officials said.",
    NOTICE,
    "Residents along the route said they welcomed the plan but worried about noise during construction.",
    "The mayor said the line would cut journey times across the river by a third once it was running.",
]
RULE = """
[[rule]]
id = "tram-club-notice"
description = "Test: the tram club's notice under each story"
regex = '^Tram club notice:'
examples.match = ["Tram club notice: members meet at the depot."]
examples.no_match = ["The tram club said the notice came too late."]
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def make_project(root: Path, rules: str = '["my_rules/"]') -> Path:
    """A project (its own repository) with a pyproject.toml naming its rules, a rule and a capture."""
    (root / ".git").mkdir(parents=True)
    (root / "pyproject.toml").write_text(f'[project]\nname = "demo"\n\n[tool.cleaner]\nrules = {rules}\n')
    (root / "my_rules").mkdir()
    (root / "my_rules" / "notices.toml").write_text(RULE, encoding="utf-8")
    (root / "raw").mkdir()
    (root / "raw" / "page.txt").write_text("\n\n".join(STORY) + "\n", encoding="utf-8")
    return root


def body_of(result) -> str:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["body"]


def test_clean_applies_the_rules_named_in_pyproject(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project")
    bare = tmp_path / "bare"
    (bare / ".git").mkdir(parents=True)
    monkeypatch.chdir(bare)
    assert NOTICE in body_of(run(str(project / "raw" / "page.txt"), "-"))  # without the rule, the line stays

    monkeypatch.chdir(project)
    body = body_of(run("raw/page.txt", "-"))
    assert NOTICE not in body and STORY[3] in body
    # a directory, cleaned by worker processes: they load the same rules
    assert run("raw", "out", "-j", "2").exit_code == 0
    assert NOTICE not in json.loads((project / "out" / "page.txt.json").read_text(encoding="utf-8"))["body"]

    # from a folder inside the project, the project's pyproject.toml is found
    monkeypatch.chdir(project / "raw")
    assert NOTICE not in body_of(run("page.txt", "-"))
    explained = run("explain", "page.txt", "--json")
    assert explained.exit_code == 0, explained.output
    reasons = {d["text"]: d["reason"] for d in json.loads(explained.stdout)["decisions"]}
    assert reasons[NOTICE] == "tram-club-notice"


def test_check_and_fixture_add_use_the_rules_named_in_pyproject(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project)
    added = run("fixture", "add", "raw/page.txt", "--name", "tram")
    assert added.exit_code == 0, added.output
    assert NOTICE not in (project / "fixtures" / "tram" / "expected.txt").read_text(encoding="utf-8")
    checked = run("check")
    assert checked.exit_code == 0, checked.output
    assert checked.output.startswith("ok: 1 fixture matches; the examples of ")

    # the project's rule is what keeps the notice out: without it, check sees a difference
    (project / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    failed = run("check")
    assert failed.exit_code == 1
    assert "+" + NOTICE in failed.output


def test_a_broken_rule_of_the_project_fails_check(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project")
    (project / "my_rules" / "notices.toml").write_text(RULE.replace('["Tram club notice: ', '["Club notice: '))
    monkeypatch.chdir(project / "raw")
    result = run("check", str(project / "my_rules"))  # no fixture there: only the rule examples count
    assert result.exit_code == 1
    assert "FAIL rule example: " in result.output and "notices.toml: rule 'tram-club-notice': should match" in (
        result.output
    )


def test_rules_list_from_a_subfolder_shows_the_project_rules(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project")
    deeper = project / "raw" / "a" / "b"
    deeper.mkdir(parents=True)
    monkeypatch.chdir(deeper)
    listed = run("rules", "list")
    assert listed.exit_code == 0, listed.output
    assert f"{project / 'my_rules' / 'notices.toml'}\n  tram-club-notice " in listed.output
    assert len(load_rules().rules) + 1 == int(listed.output.splitlines()[-1].split()[0])
    tested = run("rules", "test", "--no-builtin-rules")
    assert tested.output == "ok: the examples of 1 rule from 1 file pass\n"


def test_a_folder_named_both_in_pyproject_and_on_the_command_line_is_read_once(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project)
    assert NOTICE not in body_of(run("raw/page.txt", "-", "--rules", "my_rules"))
    listed = run("rules", "list", "--no-builtin-rules", "my_rules/")
    assert listed.exit_code == 0, listed.output
    assert listed.output.count("tram-club-notice") == 1


@pytest.mark.parametrize("command", [["raw/page.txt", "-"], ["check"], ["rules", "list"], ["learn", "raw"]])
def test_a_missing_configured_folder_is_a_usage_error_naming_pyproject(tmp_path, monkeypatch, command):
    project = make_project(tmp_path / "project", rules='["my_rules/", "shared_rules/"]')
    monkeypatch.chdir(project)
    result = run(*command)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: {project / 'pyproject.toml'}: [tool.cleaner] rules: shared_rules/: "
        f"no such rule file or directory (looked for {project / 'shared_rules'})"
    )
    assert not (project / "candidates.toml").exists()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('rule = ["my_rules/"]', "[tool.cleaner]: unknown key(s) ['rule']; allowed: ['rules']"),
        ('rules = "my_rules/"', '[tool.cleaner] rules must be a list of paths, e.g. rules = ["my_rules/"]'),
        ("rules = [", "invalid TOML: "),
    ],
    ids=["misspelt-key", "not-a-list", "invalid-toml"],
)
def test_a_malformed_tool_cleaner_table_is_refused(tmp_path, monkeypatch, table, message):
    project = make_project(tmp_path / "project")
    (project / "pyproject.toml").write_text(f"[tool.cleaner]\n{table}\n", encoding="utf-8")
    monkeypatch.chdir(project)
    result = run("raw/page.txt", "-")
    assert result.exit_code == 2
    assert f"Error: {project / 'pyproject.toml'}: {message}" in result.stderr


def test_the_nearest_pyproject_wins_and_the_search_stops_at_the_repository_root(tmp_path):
    outer = make_project(tmp_path / "outer")
    assert configured_rule_paths(outer / "raw") == [outer / "my_rules/"]
    # a package inside the project with a pyproject.toml of its own, without [tool.cleaner]
    inner = outer / "packages" / "tool"
    inner.mkdir(parents=True)
    (inner / "pyproject.toml").write_text('[project]\nname = "tool"\n')
    assert find_pyproject(inner / ".") == inner / "pyproject.toml"
    assert configured_rule_paths(inner) == []
    # a repository checked out inside the project, without a pyproject.toml: nothing is read
    checkout = outer / "vendor" / "other"
    (checkout / ".git").mkdir(parents=True)
    assert find_pyproject(checkout) is None
    assert configured_rule_paths(checkout) == []


def test_this_repository_does_not_name_its_built_in_rules_as_its_own():
    # They are loaded as the built-in rules; named again they would only be skipped.
    assert "cleaner" not in tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8")).get("tool", {})


def readme_rules_section() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return text.split("\n## Rules\n", 1)[1].split("\n## ", 1)[0]


def test_readme_example_rule_loads_beside_the_built_in_rules(tmp_path):
    blocks = re.findall(r"```toml\n(.*?)```", readme_rules_section(), re.S)
    (config,) = [block for block in blocks if "[tool.cleaner]" in block]
    assert tomllib.loads(config) == {"tool": {"cleaner": {"rules": ["my_rules/"]}}}
    (example,) = [block for block in blocks if "[[rule]]" in block]
    path = tmp_path / "example.toml"
    path.write_text(example, encoding="utf-8")
    (rule,) = parse_rule_file(path)
    assert rule.example_failures() == []
    rules = load_rules([path])  # no duplicate id against a built-in rule
    assert rules.rules[-1].id == rule.id


def test_readme_names_the_keys_a_rule_needs_and_links_the_rule_docs():
    section = readme_rules_section()
    for key in ("id", "description", "regex", "selector", "examples.match", "action", "flags", "sites", "next"):
        assert f"`{key}`" in section
    assert "(docs/rules.md)" in section and "(docs/failure-modes.md)" in section
    assert "[tool.cleaner]" in section and "--rules DIR" in section
