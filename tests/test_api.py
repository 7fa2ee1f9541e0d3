"""The library's entry points: what `clean` and `Cleaner.clean` accept, refuse and document."""

import inspect
from dataclasses import replace

import pytest

from cleaner import Cleaner, NoArticleError, clean
from cleaner.settings import DEFAULT_OPTIONS
from cleaner.text.pipeline import FALLBACK_WARNING

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


#: No line reaches the model's threshold: every line of a capture scores low, as on a page
#: unlike any the model learned from, and only the model's fallback can keep a body.
NOTHING_REACHES = replace(DEFAULT_OPTIONS, text_model_threshold=1.01)

MENU_ONLY = "Home\nNews\nSport\nWeather\nContact\n"
# what a text browser saves of a page that script builds: its form fields and a button
SCRIPT_SHELL = "[                    ] [                    ] [Sign In]\n"
# a shop's page that holds only its banner, menu and footer
SHOP_CHROME = (
    "Skip to content\n\nFREE SHIPPING ON ORDERS OVER $50\n\n"
    "Teas\nGift Cards\nStores\nJournal\nAbout us\n Log in\n Cart\n"
    "Company\nHelp Centre\nReturns\nCareers\nWholesale\nYour Account\nTrack Your Order\n"
    "Terms of Service\nPrivacy Policy\n Facebook\n Instagram\n"
    "\u00a9 2025 Bramble Tea Co. All rights reserved.\n"
)


def test_a_story_whose_lines_all_score_low_is_kept_with_a_low_confidence_warning():
    text = f"{MENU_ONLY}\n{STORY}\nShare\nTweet\n"
    article = Cleaner(options=NOTHING_REACHES).clean(text, kind="text")
    assert article.warnings == (FALLBACK_WARNING,)
    assert {"Home", "Share"}.isdisjoint(article.body.splitlines())
    assert "The harbour board voted on Tuesday" in article.body
    assert "Commuters at the terminal on Wednesday morning" in article.body
    assert any(decision.reason == "text-model-fallback" for decision in article.decisions)
    assert Cleaner().clean(text, kind="text").warnings == ()  # read as story at the threshold: no doubt


def test_the_fallback_warning_follows_the_captures_own():
    # an undeclared single-byte charset: the capture's warning, then the body's
    text = f"{MENU_ONLY}\nCaf\u00e9 du Port\n\n{STORY}"
    article = Cleaner(options=NOTHING_REACHES).clean(text.encode("cp1252"), kind="text")
    assert len(article.warnings) == 2
    assert article.warnings[0].startswith("charset guessed as ")
    assert article.warnings[1] == FALLBACK_WARNING


@pytest.mark.parametrize("capture", [MENU_ONLY, SCRIPT_SHELL, SHOP_CHROME], ids=["menu", "script-shell", "shop-chrome"])
@pytest.mark.parametrize("options", [DEFAULT_OPTIONS, NOTHING_REACHES], ids=["default", "fallback"])
def test_a_capture_of_only_chrome_is_no_article_even_for_the_fallback(capture, options):
    with pytest.raises(NoArticleError, match=r"^no article found \(the capture holds only boilerplate\)$"):
        Cleaner(options=options).clean(capture, kind="text")
