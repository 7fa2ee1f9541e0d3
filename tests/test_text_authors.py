"""The choice among a text capture's author candidates (`cleaner/text/authors.py`), on invented pages."""

from dataclasses import replace

from cleaner.api import Cleaner
from cleaner.blocks import split_units
from cleaner.settings import DEFAULT_OPTIONS
from cleaner.text import authors
from cleaner.text import metadata as textmeta

STORY = (
    "The town council voted on Tuesday to build a sea wall along the northern beach, after two winters of "
    "storms flooded the lower streets near the harbour and closed the fish market for weeks."
)
MORE = (
    "Residents who spoke at the meeting said they had waited years for the work and asked that it start "
    "before the autumn tides return to the bay, when the old wall is under water twice a day."
)
LAST = (
    "The council expects the first section to be finished next summer, and the whole wall two years later, "
    "if the regional government pays its share of the cost as it promised last year."
)


def find(*lines: str) -> textmeta.TextMetadata:
    units = split_units("\n\n".join(lines) + "\n")
    return textmeta.find_text_metadata(units, [u.index for u in units if u.words >= 15], set())


def test_the_byline_wins_over_a_section_label_above_the_headline():
    found = find("Coastal Affairs", "Town votes to build a sea wall", "By Jane Doe", STORY, MORE, LAST)
    assert found.authors == ["Jane Doe"]


def test_the_byline_wins_over_a_photographer_credit():
    found = find("Town votes to build a sea wall", "Photo: John Roe", "By Jane Doe", "4 March 2023", STORY, MORE, LAST)
    assert found.authors == ["Jane Doe"]


def test_the_byline_wins_over_the_site_name():
    found = find("The Harbour Herald", "Town votes to build a sea wall", "Jane Doe", "4 March 2023", STORY, MORE, LAST)
    assert found.authors == ["Jane Doe"]


def test_a_page_naming_no_person_has_no_author():
    found = find("Home", "Town votes to build a sea wall", "4 March 2023", STORY, MORE, LAST, "Share", "Contact Us")
    assert found.authors == []


def test_a_name_in_capitals_under_the_headline_is_the_author():
    found = find("Town votes to build a sea wall", "JANE DOE", "4 March 2023", STORY, MORE, LAST)
    assert found.authors == ["Jane Doe"]


def test_a_by_word_glued_to_the_name_is_read_as_a_by_word():
    found = find("Town votes to build a sea wall", "ByJane Doe", STORY, MORE, LAST)
    assert found.authors == ["Jane Doe"]


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


def test_a_whole_text_capture_names_its_byline():
    text = "\n\n".join(["Town votes to build a sea wall", "Section: Coast", "By Jane Doe", STORY, MORE, LAST])
    assert Cleaner().clean(text.encode()).authors == ["Jane Doe"]
