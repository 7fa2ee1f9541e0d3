"""The rule loader and the text-rule actions."""

import re
from pathlib import Path

import pytest

from cleaner.blocks import split_units
from cleaner.rules import RuleError, RuleSet, RuleTimeout, compile_rule, load_rules
from cleaner.rules.apply import apply_text_rules

RULE = """
[[rule]]
id = "{id}"
description = "test rule"
regex = '{regex}'
action = "{action}"
examples.match = ["{example}"]
"""


def write(tmp_path: Path, text: str, name: str = "rules.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rules_from(text: str, tmp_path: Path) -> RuleSet:
    return load_rules([write(tmp_path, text)], builtin=False)


def test_builtin_rules_load_and_pass_their_own_examples():
    rules = load_rules()
    assert len(rules.text_rules) >= 10 and rules.html_rules
    assert [failure for rule in rules.rules for failure in rule.example_failures()] == []


@pytest.mark.parametrize(
    "text, reason",
    [
        ("[[rule]]\nid = 'x-y'\ndescription = 'd'\nregex = '('\nexamples.match = ['a']\n", "invalid regex"),
        (
            "[[rule]]\nid = 'x-y'\ndescription = 'd'\nregex = 'a'\ncolour = 'red'\nexamples.match = ['a']\n",
            "unknown key",
        ),
        (
            "[[rule]]\nid = 'x-y'\ndescription = 'd'\nregex = 'a'\naction = 'explode'\nexamples.match = ['a']\n",
            "action 'explode'",
        ),
        ("[[rule]]\nid = 'x-y'\ndescription = 'd'\nregex = 'a'\n", "examples.match"),
        (
            "[[rule]]\nid = 'x-y'\ndescription = 'd'\nselector = 'div[['\nexamples.match = ['<div></div>']\n",
            "invalid CSS selector",
        ),
        ("[[rule]]\nid = 'x-y'\nregex = 'a'\nexamples.match = ['a']\n", "one-line `description`"),
        ("[[rule]\nid = 'x'\n", "invalid TOML"),
        ("[[rule]]\nid = 'x-y'\ndescription = 'd'\nregex = 'a'\nuntil = 'b'\nexamples.match = ['a']\n", "`until`"),
        (
            "[[rule]]\nid = 'x-y'\ndescription = 'd'\nregex = 'a'\naction = 'cut-to-end'\nuntil = '('\n"
            "examples.match = ['a']\n",
            "invalid `until` regex",
        ),
    ],
)
def test_malformed_rule_files_name_file_rule_and_reason(tmp_path, text, reason):
    with pytest.raises(RuleError) as error:
        rules_from(text, tmp_path)
    message = str(error.value)
    assert str(tmp_path / "rules.toml") in message
    assert reason in message
    if "invalid TOML" not in reason:
        assert "x-y" in message


SHARED_PATTERN_RULES = """
[patterns]
notice_heading = '(?:Cookie Notice|Privacy)[:.]?\\s+'

[[rule]]
id = "cookie-notice"
description = "cookie notice"
regex = '^(?&notice_heading)?We use cookies'
examples.match = ["Cookie Notice: We use cookies here."]

[[rule]]
id = "cookie-cut"
description = "cookie section"
regex = '^Cookie settings$'
action = "cut-to-end"
until = '^(?&notice_heading)?End$'
examples.match = ["Cookie settings"]
"""


def test_shared_patterns_are_written_into_the_rules_that_call_them(tmp_path):
    rules = {rule.id: rule for rule in rules_from(SHARED_PATTERN_RULES, tmp_path).rules}
    notice = rules["cookie-notice"].pattern
    assert notice.search("Privacy: We use cookies.") and notice.search("We use cookies.")
    assert not notice.search("Privacy notice: We use cookies.")
    assert rules["cookie-cut"].until.search("Cookie Notice. End")
    assert not rules["cookie-notice"].example_failures()


@pytest.mark.parametrize(
    "text, reason",
    [
        (SHARED_PATTERN_RULES.replace("?&notice_heading)?We", "?&heading)?We"), "calls (?&heading), which the file's"),
        (SHARED_PATTERN_RULES.replace("notice_heading = ", "Notice = "), "[patterns] 'Notice'"),
        (
            "patterns = 3\n"
            + SHARED_PATTERN_RULES.split("[patterns]")[0]
            + "[[rule]]"
            + SHARED_PATTERN_RULES.split("[[rule]]", 1)[1],
            "`patterns` must be a table",
        ),
        (
            SHARED_PATTERN_RULES.replace("notice_heading = '", "notice_heading = '(?&other)"),
            "a shared pattern cannot call another",
        ),
    ],
)
def test_malformed_shared_patterns_are_refused_with_the_reason(tmp_path, text, reason):
    with pytest.raises(RuleError, match=re.escape(reason)):
        rules_from(text, tmp_path)


def test_duplicate_ids_across_files_are_refused(tmp_path):
    write(tmp_path, RULE.format(id="same-id", regex="a", action="drop", example="a"), "one.toml")
    write(tmp_path, RULE.format(id="same-id", regex="b", action="drop", example="b"), "two.toml")
    with pytest.raises(RuleError, match="duplicate id"):
        load_rules([tmp_path], builtin=False)


def test_catastrophic_pattern_is_stopped_by_the_timeout_and_named():
    rule = compile_rule(
        {"id": "runaway", "description": "d", "regex": "(a|aa)+$", "examples": {"match": ["a"]}}, "user.toml"
    )
    with pytest.raises(RuleTimeout, match="runaway"):
        rule.search("a" * 60 + "!", timeout=0.05)


def test_site_scope():
    rule = compile_rule(
        {"id": "scoped", "description": "d", "regex": "x", "sites": ["example.com"], "examples": {"match": ["x"]}}, "f"
    )
    assert rule.applies_to("example.com") and rule.applies_to("news.example.com")
    assert not rule.applies_to("notexample.com") and not rule.applies_to(None)


def decide(text: str, rule_text: str, tmp_path: Path) -> dict[str, str]:
    units = split_units(text)
    verdicts = apply_text_rules(units, rules_from(rule_text, tmp_path))
    return {units[i].text: reason for i, (_, reason) in verdicts.roles.items()}


def test_drop_block_removes_a_bullet_item_with_its_continuation_lines(tmp_path):
    text = "Story para one.\n  • Oops!\n    Something broke.\n  • Keep me\nStory para two.\n"
    dropped = decide(text, RULE.format(id="oops", regex="^Oops!$", action="drop-block", example="Oops!"), tmp_path)
    assert set(dropped) == {"Oops!", "Something broke."}


def test_drop_block_on_a_heading_takes_the_list_it_introduces(tmp_path):
    text = "In this article:\n  • Card one\n  • Card two\n\nThe story starts here.\n"
    rule = RULE.format(id="cards", regex="^In this article:$", action="drop-block", example="In this article:")
    assert set(decide(text, rule, tmp_path)) == {"In this article:", "Card one", "Card two"}


def test_cut_to_end(tmp_path):
    text = "Story.\n\nRecommended Stories\n\nOther story one.\n\nOther story two.\n"
    rule = RULE.format(id="carousel", regex="^Recommended Stories$", action="cut-to-end", example="Recommended Stories")
    assert set(decide(text, rule, tmp_path)) == {"Recommended Stories", "Other story one.", "Other story two."}


def test_cut_to_end_above_the_story_drops_only_its_line(tmp_path):
    # "Most Read" in the menu, above where the story starts: the story is not cut away.
    text = "Home\n\nRecommended Stories\n\nStory para one.\n\nStory para two.\n"
    rule = RULE.format(id="carousel", regex="^Recommended Stories$", action="cut-to-end", example="Recommended Stories")
    units = split_units(text)
    verdicts = apply_text_rules(units, rules_from(rule, tmp_path), cut_floor=2)
    assert {units[i].text for i in verdicts.roles} == {"Recommended Stories"}


def test_cut_to_end_with_until_stops_after_the_closing_line(tmp_path):
    text = (
        "Story para one.\n\nMore to read\n\nOther story.\n\nThat was all\n\n"
        "Story para two.\n\nMore to read\n\nLast card.\n"
    )
    rule = RULE.format(id="carousel", regex="^More to read$", action="cut-to-end", example="More to read")
    rule += "until = '^That was all$'\n"
    units = split_units(text)
    verdicts = apply_text_rules(units, rules_from(rule, tmp_path))
    # The first carousel closes and the story goes on; the second never closes and runs to the end.
    kept = [unit.text for unit in units if unit.index not in verdicts.roles]
    assert kept == ["Story para one.", "Story para two."]


def test_next_drops_the_following_units(tmp_path):
    text = "Story.\n\nCard 1 of 4\n\nCard text.\n\nStory goes on.\n"
    rule = RULE.format(id="card", regex="^Card \\d+ of \\d+$", action="drop", example="Card 1 of 4") + "next = 1\n"
    assert set(decide(text, rule, tmp_path)) == {"Card 1 of 4", "Card text."}
