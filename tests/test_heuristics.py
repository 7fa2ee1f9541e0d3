"""The plain-text heuristics (cleaner/text/heuristics.py), each on a small readable input."""

from dataclasses import replace

import numpy as np
import pytest

from cleaner.blocks import split_units
from cleaner.settings import DEFAULT_OPTIONS
from cleaner.text import model
from cleaner.text.features import densest_run
from cleaner.text.heuristics import (
    Verdict,
    cut_to_end_floor,
    is_prose,
    main_span,
    repeated_lines,
    settling_text_model,
    text_model,
    text_model_threshold,
)

PARAGRAPH = "The council voted on Tuesday to keep the old bridge open for another year, officials said."
OTHER = "Residents had asked for the repairs to start before the winter, when traffic is at its worst."
MENU = "Home\nNews\nSport\nWeather\nContact"


def units_of(text: str):
    return split_units(text)


def test_is_prose_needs_words_and_final_punctuation():
    prose, heading, run_on = units_of(PARAGRAPH + "\n\nLocal news in brief\n\n" + " ".join(["word"] * 31))
    assert is_prose(prose)
    assert not is_prose(heading)
    assert is_prose(run_on)  # LONG_PROSE_WORDS words need no final punctuation


def test_main_span_skips_the_menu_and_keeps_a_subheading_inside():
    units = units_of(f"{MENU}\n\n{PARAGRAPH}\n\nRepairs\n\n{OTHER}\n\nShare\nTweet\nEmail\nPrint")
    start, end = main_span(units)
    assert [u.text for u in units[start : end + 1]] == [PARAGRAPH, "Repairs", OTHER]


def test_main_span_counts_words_as_str_split_does():
    # a unit whose spacing was not normalised (an empty first unit, odd whitespace) still
    # counts its words as `unit.words` does
    units = units_of(f"{MENU}\n\n{PARAGRAPH}\n\n{OTHER}")
    units[0].text = ""
    units[-1].text = OTHER.replace(" ", " \x1c ")
    assert [u.words for u in units[-1:]] == [len(OTHER.split())]
    start, end = main_span(units)
    assert [u.text for u in units[start : end + 1]][0] == PARAGRAPH and end == len(units) - 1


def _scan(scores):
    """The maximum-subarray scan `densest_run` is the closed form of."""
    best, total, start = None, 0.0, 0
    for position, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, position
        total += score
        if total > 0 and (best is None or total > best[0]):
            best = (total, start, position)
    return None if best is None else (best[1], best[2])


@pytest.mark.parametrize(
    "scores",
    [
        [],
        [-6.0, -9.0],
        [12.0],
        [-6.0, 20.0, -6.0, 15.0, -9.0, -9.0, -9.0, 30.0],  # two runs, the later denser
        [10.0, -10.0, 10.0],  # equal runs: the first; a zero total restarts the run
        [5.0, -5.0, 0.0, 5.0],
        [-9.0, 8.0, -9.0, -9.0, 8.0, 3.0, -6.0, 2.0],
    ],
)
def test_densest_run_matches_the_scan(scores):
    assert densest_run(np.array(scores)) == _scan(scores)


def test_cut_to_end_floor_is_where_the_densest_prose_starts():
    units = units_of(f"{MENU}\nMost Read\n\n{PARAGRAPH}\n\n{OTHER}\n\nComments\n\nNice post.")
    assert units[cut_to_end_floor(units)].text == PARAGRAPH
    assert cut_to_end_floor(units_of(MENU)) == 0  # no prose: rules cut as written


def test_a_comments_link_in_the_menu_does_not_cut_the_story(cleaner):
    article = cleaner.clean_text(
        f"{MENU}\n3 Comments\n\n{PARAGRAPH}\n\n{OTHER}\n\nLeave a Reply\n\n{OTHER} Great post!"
    )
    reasons = {d.text: d.reason for d in article.decisions}
    assert reasons["3 Comments"] == "comment-form-heading"
    assert reasons[PARAGRAPH] != "comment-form-heading" and PARAGRAPH in article.body
    assert reasons[f"{OTHER} Great post!"] == "comment-form-heading"  # below the story it still cuts


def test_repeated_lines_drops_later_copies_only():
    units = units_of(f"Bridge stays open\n\n{PARAGRAPH}\n\nbridge stays open")
    verdicts = repeated_lines(units)
    assert list(verdicts) == [2]
    assert verdicts[2].reason == "repeated-line" and verdicts[2].score == 2.0


def test_text_model_keeps_the_story_and_drops_the_menu():
    story = "\n\n".join([PARAGRAPH, OTHER, PARAGRAPH.replace("Tuesday", "Monday"), OTHER.replace("winter", "summer")])
    units = units_of(f"{MENU}\n\n{story}\n\nCopyright 2024 Example Media | Privacy | Terms")
    verdicts = text_model(units)
    assert set(verdicts) == {u.index for u in units}  # it judges every unit
    kept = [units[i].text for i, v in verdicts.items() if not v.drop]
    assert PARAGRAPH in kept and OTHER in kept
    assert "Home" not in kept and "Contact" not in kept
    assert all(0.0 <= v.score <= 1.0 for v in verdicts.values())
    assert {v.reason for v in verdicts.values()} == {"text-model"}


def test_the_settling_model_drops_only_below_the_lower_threshold():
    """A settling pass judges with the same probabilities, cut at the settling threshold."""
    units = units_of(f"{MENU}\n\n{PARAGRAPH}\n\n{OTHER}\n\nShare this story")
    first = text_model(units)
    probabilities = sorted(v.score for v in first.values())
    between = (probabilities[0] + probabilities[-1]) / 2
    settling = settling_text_model(units, replace(DEFAULT_OPTIONS, text_settling_threshold=between))
    assert {i: v.score for i, v in settling.items()} == {i: v.score for i, v in first.items()}
    assert {i for i, v in settling.items() if v.drop} == {i for i, v in first.items() if v.score < between}
    keep_all = replace(DEFAULT_OPTIONS, text_settling_threshold=0.0)
    assert not any(v.drop for v in settling_text_model(units, keep_all).values())


def test_the_settling_threshold_is_below_the_first_pass_threshold():
    assert 0.0 < DEFAULT_OPTIONS.text_settling_threshold < text_model_threshold()


def test_text_model_keeps_nothing_of_a_bare_menu():
    verdicts = text_model(units_of(MENU))
    assert all(v.drop for v in verdicts.values())
    assert not text_model([])


def test_text_model_falls_back_to_its_best_units():
    # With a threshold nothing reaches, the best units are kept rather than none.
    units = units_of(f"{MENU}\n\n{PARAGRAPH}\n\n{OTHER}")
    verdicts = text_model(units, replace(DEFAULT_OPTIONS, text_model_threshold=1.01))
    kept = {units[i].text for i, v in verdicts.items() if not v.drop}
    assert PARAGRAPH in kept and "Home" not in kept
    assert {v.reason for v in verdicts.values() if not v.drop} == {"text-model-fallback"}


def test_text_model_verdicts_are_each_units_own():
    """Every unit's verdict holds its own probability (3 places), reason and drop, also when
    the pages before were judged alike or with another reason (verdicts are shared)."""
    units = units_of(f"{MENU}\n\n{PARAGRAPH}\n\n{OTHER}\n\nShare this story")
    probabilities = model.load_model().probabilities(units).tolist()
    threshold = text_model_threshold()

    def expected(reason_kept: str, cut: float) -> dict:
        return {
            u.index: Verdict(reason_kept if p >= cut else "text-model", round(p, 3), drop=p < cut)
            for u, p in zip(units, probabilities, strict=True)
        }

    assert text_model(units) == expected("text-model", threshold)
    assert text_model(units, threshold=0.0) == expected("text-model", 0.0)
    unreachable = replace(DEFAULT_OPTIONS, text_model_threshold=1.01)  # nothing reaches it: the fallback
    best = max(probabilities) * DEFAULT_OPTIONS.text_model_fallback_ratio
    assert text_model(units, unreachable) == expected("text-model-fallback", best)
    assert text_model(units) == expected("text-model", threshold)
