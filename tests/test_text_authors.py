"""The choice among a text capture's author candidates (`cleaner/text/authors.py`). What the choice
finds on whole invented dumps is in tests/cases/metadata/ (text-*)."""

from dataclasses import replace

from cleaner.blocks import split_units
from cleaner.settings import DEFAULT_OPTIONS
from cleaner.text import authors

STORY = (
    "The town council voted on Tuesday to build a sea wall along the northern beach, after two winters of "
    "storms flooded the lower streets near the harbour and closed the fish market for weeks."
)


def test_the_same_names_from_two_sources_are_one_candidate_knowing_both():
    one = authors.AuthorCandidate("header_by_word", ["Jane Doe"], 2)
    two = authors.AuthorCandidate("by_date", ["JANE DOE".title()], 3)
    other = authors.AuthorCandidate("copyright", ["John Roe"], None)
    merged = authors.merged([one, two, other])
    assert [(c.names, c.index, c.sources) for c in merged] == [
        (["Jane Doe"], 2, {"header_by_word", "by_date"}),
        (["John Roe"], None, {"copyright"}),
    ]


def test_no_candidate_is_chosen_under_the_threshold():
    units = split_units("Town votes to build a sea wall\n\nJane Doe\n\n" + STORY + "\n")
    context = authors.AuthorContext(units, 0, 2, 2, frozenset({2}), frozenset(), "Town votes to build a sea wall", None)
    candidate = authors.AuthorCandidate("name_line_head", ["Jane Doe"], 1)
    chosen = authors.choose([candidate], context, DEFAULT_OPTIONS)
    assert chosen is not None and chosen.names == ["Jane Doe"]
    strict = replace(DEFAULT_OPTIONS, author_choice_min_probability=1.0)
    assert authors.choose([candidate], context, strict) is None
    assert authors.choose([], context, DEFAULT_OPTIONS) is None
