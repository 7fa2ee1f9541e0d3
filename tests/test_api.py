"""The library's entry points: what `clean` and `Cleaner.clean` accept, refuse and document."""

import inspect

import pytest

from cleaner import Cleaner, clean

STORY = (
    "Harbour Board Approves New Ferry Timetable\n\n"
    "By Imogen Castellanos\n\n"
    "The harbour board voted on Tuesday to add two evening crossings to the island ferry "
    "timetable from next month, after a year of complaints from commuters who work late shifts.\n\n"
    "Board members said the extra sailings would be paid for by a small rise in parking fees at "
    "the terminal, which has not changed its prices since the car park was rebuilt.\n\n"
    "Commuters at the terminal on Wednesday morning welcomed the change but asked why it had taken "
    "so long, pointing out that the last crossing still leaves before most restaurants close.\n"
)


@pytest.mark.parametrize("entry", ["function", "method"])
@pytest.mark.parametrize(("data", "type_name"), [(123, "int"), (None, "NoneType"), (["<p>"], "list")])
def test_data_that_is_not_bytes_or_str_is_a_type_error_naming_the_type(cleaner, entry, data, type_name):
    call = clean if entry == "function" else cleaner.clean
    with pytest.raises(TypeError, match=rf"\bbytes or str\b.*\b{type_name}\b"):
        call(data)


def test_bytearray_and_memoryview_are_read_as_bytes(cleaner):
    expected = cleaner.clean(STORY.encode()).body
    assert cleaner.clean(bytearray(STORY.encode())).body == expected
    assert cleaner.clean(memoryview(STORY.encode())).body == expected


@pytest.mark.parametrize("entry", ["function", "method"])
def test_an_unknown_kind_is_a_value_error_listing_the_kinds(cleaner, entry):
    call = clean if entry == "function" else cleaner.clean
    with pytest.raises(ValueError, match=r"'bogus'.*'html'.*'text'"):
        call(STORY, kind="bogus")


def test_known_kinds_are_still_obeyed(cleaner):
    assert cleaner.clean(STORY, kind="text").body
    assert clean(STORY.encode(), kind=None).body == cleaner.clean(STORY).body


@pytest.mark.parametrize("function", [clean, Cleaner.clean])
def test_help_documents_parameters_return_value_and_exceptions(function):
    doc = inspect.getdoc(function)
    sections = {name: doc.find(f"\n{name}:\n") for name in ("Args", "Returns", "Raises")}
    assert all(position > 0 for position in sections.values()), doc
    args, returns, raises = (
        doc[sections[a] : sections[b] if b else None]
        for a, b in (("Args", "Returns"), ("Returns", "Raises"), ("Raises", None))
    )
    for parameter in ("data", "url", "kind"):
        assert f"\n    {parameter}:" in args
    assert "Article" in returns
    for exception in ("TypeError", "ValueError", "CaptureError", "NoArticleError"):
        assert f"\n    {exception}:" in raises


def test_story_after_a_closed_mid_article_carousel_is_kept(cleaner):
    # As a browser's innerText carries it: the carousel's screen-reader labels close it.
    paragraphs = [
        f"Paragraph {number} of the story tells how the river town rebuilt its old stone bridge after the"
        f" spring floods, and what the {number} councillors who voted for it said afterwards."
        for number in range(1, 8)
    ]
    carousel = [
        "Recommended Stories",
        "list of 3 items",
        "list 1 of 3",
        "Farmers count the cost of a dry summer",
        "list 2 of 3",
        "A new ferry line opens on the lake",
        "list 3 of 3",
        "Schools reopen after the holidays",
        "end of list",
    ]
    text = "\n".join(["Bridge reopens after floods", *paragraphs[:4], *carousel, *paragraphs[4:], "About us"])
    body = cleaner.clean(text, kind="text").body
    for paragraph in paragraphs:
        assert paragraph in body
    for line in carousel:
        assert line not in body
