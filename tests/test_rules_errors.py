"""Issue 7, item 3: a bad rule file fails at load (exit 2) naming file, rule and reason;
a catastrophic pattern is stopped by the per-pattern timeout, which names the rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main

GOOD = """
[[rule]]
id = "{id}"
description = "a test rule"
regex = '{regex}'
examples.match = ["{example}"]
"""
PROSE = "\n\n".join(
    f"Paragraph {n}: the council met on Monday and agreed that the new tram line will cross the river by spring."
    for n in range(5)
)


def run_with_rules(tmp_path: Path, files: dict[str, str], capture: str = PROSE) -> tuple[int, str]:
    rules = tmp_path / "rules"
    rules.mkdir(exist_ok=True)
    for name, text in files.items():
        (rules / name).write_text(text, encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(capture, encoding="utf-8")
    result = CliRunner().invoke(main, [str(page), str(tmp_path / "out"), "--rules", str(rules)])
    return result.exit_code, result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[rule]\nid = 'x'", "bad.toml: invalid TOML: "),
        (
            GOOD.format(id="tagline", regex="^x$", example="x") + "colour = 'red'\n",
            "bad.toml: rule 'tagline': unknown key(s) ['colour']",
        ),
        (
            GOOD.format(id="tagline", regex="(unclosed", example="x"),
            "bad.toml: rule 'tagline': invalid regex '(unclosed': ",
        ),
        (
            GOOD.format(id="Bad Id", regex="x", example="x"),
            "bad.toml: rule 'Bad Id': `id` 'Bad Id' must be at least 2 characters: lowercase letters, digits",
        ),
        (
            GOOD.format(id="x", regex="x", example="x"),
            "bad.toml: rule 'x': `id` 'x' must be at least 2 characters: lowercase letters, digits and dashes, "
            "starting and ending with a letter or digit",
        ),
        (
            "[[rule]]\ndescription = 'no id'\nregex = 'x'\nexamples.match = ['x']\n",
            "bad.toml: rule #1: needs an `id` of at least 2 characters",
        ),
        ("title = 'rules'\n", "bad.toml: unknown top-level key(s) ['title']"),
    ],
    ids=[
        "invalid-toml",
        "unknown-key",
        "invalid-regex",
        "bad-id",
        "one-letter-id",
        "missing-id",
        "unknown-top-level-key",
    ],
)
def test_bad_rule_file_fails_at_load(tmp_path: Path, text: str, message: str) -> None:
    code, stderr = run_with_rules(tmp_path, {"bad.toml": text})
    assert code == 2
    assert message in stderr
    assert not (tmp_path / "out").exists()


def test_duplicate_rule_id_names_both_files(tmp_path: Path) -> None:
    rule = GOOD.format(id="tagline", regex="^x$", example="x")
    code, stderr = run_with_rules(tmp_path, {"a.toml": rule, "b.toml": rule})
    assert code == 2
    assert "b.toml: rule 'tagline': duplicate id (already defined in " in stderr and "a.toml)" in stderr


def test_catastrophic_pattern_is_stopped_and_names_the_rule(tmp_path: Path) -> None:
    rule = GOOD.format(id="runaway", regex="(a+)+$", example="aaa")
    capture = PROSE + "\n\n" + "a" * 5000 + "!"
    code, stderr = run_with_rules(tmp_path, {"slow.toml": rule}, capture)
    assert code == 1
    assert "page.txt: rule 'runaway' (" in stderr
    assert "slow.toml) timed out after " in stderr and "may backtrack catastrophically" in stderr
