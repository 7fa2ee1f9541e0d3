"""Settling passes (issue 7): cleaning a cleaned body changes nothing, on real captures.

`Cleaner.clean_text` cleans its own body again until a pass changes nothing; the headline
leaves the body only when the page sets it apart (`pipeline.headline_set_apart`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.blocks import split_units
from cleaner.text.pipeline import TextPipeline, headline_set_apart

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TEXT_FIXTURES = sorted(p for p in FIXTURES.iterdir() if p.name.startswith("text-"))
CLEANER = Cleaner()


@pytest.mark.parametrize("fixture", TEXT_FIXTURES, ids=lambda p: p.name)
def test_a_cleaned_seed_body_cleans_to_itself(fixture: Path) -> None:
    body = CLEANER.clean((fixture / "source.txt").read_bytes(), kind="text").body
    assert CLEANER.clean(body, kind="text").body == body


@pytest.mark.parametrize("fixture", TEXT_FIXTURES, ids=lambda p: p.name)
def test_an_expected_body_is_already_clean(fixture: Path) -> None:
    """The gold body of each seed, given as a capture, comes back whole: the settling pass
    must not eat a story's first line for a headline."""
    expected = (fixture / "expected.txt").read_text(encoding="utf-8").strip()
    assert CLEANER.clean(expected, kind="text").body == expected


def test_a_settling_pass_is_recorded_in_the_decisions() -> None:
    """A line the first pass kept and the second dropped says so in `decisions`."""
    seen = []
    for fixture in TEXT_FIXTURES:
        article = CLEANER.clean((fixture / "source.txt").read_bytes(), kind="text")
        body_lines = set(article.body.split("\n\n"))
        for decision in article.decisions:
            if decision.reason.startswith("settling:"):
                assert decision.role == "dropped"
                assert decision.text not in body_lines
                seen.append(decision)
    # the seeds need no settling: their first pass is already a fixed point
    assert seen == []


HEADLINE = "Council approves new budget after long night of talks"
STORY = "The city council approved the new budget on Tuesday after a debate that lasted well past midnight."


def units_of(*lines: str):
    return split_units("\n\n".join(lines))


def test_a_headline_on_the_first_line_above_prose_is_set_apart() -> None:
    assert headline_set_apart(units_of(HEADLINE, STORY), 0, None)


def test_a_first_line_above_another_short_line_is_not_set_apart() -> None:
    """A cleaned body opening with a subheading and a standfirst keeps both."""
    assert not headline_set_apart(units_of(HEADLINE, "What the vote means", STORY), 0, None)


def test_a_sentence_of_prose_is_never_set_apart() -> None:
    assert not headline_set_apart(units_of(STORY, STORY.replace("Tuesday", "Monday")), 0, None)


def test_a_headline_the_page_repeats_is_set_apart() -> None:
    units = units_of("Home", "News", HEADLINE, "Share", STORY, f"{HEADLINE} | The Daily Site")
    assert headline_set_apart(units, 2, None)


def test_a_headline_the_slug_names_is_set_apart() -> None:
    units = units_of("Home", HEADLINE, "Share this", STORY)
    url = "https://news.example/2022/02/council-approves-new-budget-after-long-night-of-talks"
    assert headline_set_apart(units, 1, url)
    assert not headline_set_apart(units, 1, "https://news.example/2022/02/sports-results")


def test_a_headline_above_a_date_line_is_set_apart() -> None:
    units = units_of("Home", HEADLINE, "February 4, 2022", STORY)
    assert headline_set_apart(units, 1, None)


def test_metadata_searched_again_after_settling_relabels_the_lines() -> None:
    """The second metadata search wins; a line only the first used stays out of the body as a
    plain drop, and a line the body still holds keeps its place."""
    from cleaner.text.metadata import TextMetadata
    from cleaner.text.pipeline import _relabel_metadata

    roles = {
        2: ("title", "metadata", None),  # the first search's headline (a site name)
        5: ("dropped", "text-model", 0.1),  # the real headline, dropped by the body model
        6: ("date", "metadata", None),  # a date line both searches use
    }
    first = TextMetadata(title="Example Fandom Wiki", used={2: "title", 6: "date"})
    final = TextMetadata(title="Cloud-Making Charm", used={5: "title", 6: "date", 9: "byline"})
    assert _relabel_metadata(roles, first, final) is final
    assert roles[2] == ("dropped", "metadata (superseded after settling)", None)
    assert roles[5] == ("title", "metadata", None)
    assert roles[6] == ("date", "metadata", None)
    assert 9 not in roles  # still in the body: the settled body is not changed


@pytest.mark.parametrize("fixture", TEXT_FIXTURES, ids=lambda p: p.name)
def test_the_line_labelled_title_is_the_title_found(fixture: Path) -> None:
    article = CLEANER.clean((fixture / "source.txt").read_bytes(), kind="text")
    titled = [d for d in article.decisions if d.role == "title"]
    assert len(titled) <= 1
    if titled:
        assert article.title and article.title.casefold() in titled[0].text.casefold()


def test_rules_are_not_run_again_on_lines_that_passed_them() -> None:
    body = "Read More\n\nThe council met on Tuesday and voted to close the old bridge for repairs."
    texts = [unit.text for unit in split_units(body)]
    assert CLEANER.text.units(body)[3].roles  # 'Read More' is a rule's
    assert not CLEANER.text.units(body, passed_rules=texts)[3].roles  # told it passed: not run
    # lines that differ from the ones known to have passed are judged by the rules again
    assert CLEANER.text.units(body, passed_rules=texts[1:])[3].roles


@pytest.mark.parametrize("fixture", TEXT_FIXTURES, ids=lambda p: p.name)
def test_settling_without_the_rules_settles_as_with_them(fixture: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Skipping the rules in settling passes is only a saving: the same article either way."""
    source = (fixture / "source.txt").read_bytes()
    fast = CLEANER.clean(source, kind="text")
    original = TextPipeline.units
    monkeypatch.setattr(
        TextPipeline, "units", lambda self, text, url=None, passed_rules=None: original(self, text, url)
    )
    slow = CLEANER.clean(source, kind="text")
    assert (fast.body, fast.title, fast.authors, fast.date) == (slow.body, slow.title, slow.authors, slow.date)
    assert fast.decisions == slow.decisions


COMMENTS_BELOW_A_STORY = "\n\n".join(
    [
        STORY,
        "Members of the public spoke for three hours before the vote, most of them in favour of the plan.",
        "Maria Beispiel 12.03.2021 // 14:27",
        "Finally some money for the library, it was about time.",
        "Karl Muster 13.03.2021 // 09:02",
        "I hope they fix the roads on the east side before the summer comes.",
    ]
)


def test_a_settling_pass_takes_no_metadata_lines_out_of_the_body() -> None:
    """Each pass would otherwise take the next date line of a comment thread for the page's
    date and peel the thread off line by line; the first pass may take metadata, a settling
    pass does not."""
    first = CLEANER.text.one_pass(COMMENTS_BELOW_A_STORY, None)
    settling = CLEANER.text.one_pass(COMMENTS_BELOW_A_STORY, None, settling=True)
    assert first.found is not None and first.found.used
    assert settling.found is None
    assert {role for role, _, _ in settling.roles.values()} <= {"dropped"}
    assert not any(reason == "metadata" for _, reason, _ in settling.roles.values())


def test_a_pass_that_a_rule_changed_is_not_settled_already() -> None:
    with_rule = CLEANER.text.one_pass(f"Read More\n\n{STORY}", None)
    assert with_rule.rules_claimed and not with_rule.settled_already()
    body = CLEANER.text.one_pass(STORY, None)
    assert not body.rules_claimed and body.settled_already()
    assert CLEANER.text.one_pass(STORY, None, settling=True).changes_nothing()


def test_a_body_judged_whole_but_rejoined_differently_still_settles() -> None:
    """A capture whose lines a settling pass keeps is read as a body, but its body is written
    with blank lines between units, which the model may judge otherwise: it settles too, so
    cleaning the result changes nothing (found by the property test)."""
    text = ":A/C/J met met “quoted” us J.\nthe the the résumé 0 0"
    body = CLEANER.clean(text, kind="text").body
    assert CLEANER.clean(body, kind="text").body == body


@pytest.mark.parametrize("fixture", TEXT_FIXTURES, ids=lambda p: p.name)
def test_the_confident_core_is_a_settled_part_of_the_body(fixture: Path) -> None:
    from cleaner.text.heuristics import text_model_threshold
    from cleaner.text.model import load_model
    from cleaner.text.pipeline import confident_core

    body = split_units(CLEANER.clean((fixture / "source.txt").read_bytes(), kind="text").body)
    core = confident_core(body)
    assert core and set(core) <= {unit.index for unit in body}
    assert core == sorted(core)
    core_units = split_units("\n\n".join(body[i].text for i in core))
    assert min(load_model().probabilities(core_units).tolist()) >= text_model_threshold()
