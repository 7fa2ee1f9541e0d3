"""The HTML pipeline's use of trafilatura (cleaner/html_extract.py): main extractor first,
fallback extractors only when it found little of the page."""

import lxml.html

from cleaner import html_extract, settings
from cleaner.html_extract import main_text, needs_fallback

SENTENCE = "The council met on Monday and agreed the budget for next year after a long debate."


def test_a_long_text_never_needs_the_fallback_and_the_page_is_not_measured():
    def page_text() -> str:
        raise AssertionError("the page need not be measured")

    assert not needs_fallback("x" * settings.HTML_FALLBACK_MAX_CHARS, page_text)


def test_a_short_text_needs_the_fallback_only_when_it_is_a_small_share_of_the_page():
    short = "x" * 100
    small_page = "y" * int(len(short) / settings.HTML_FALLBACK_PAGE_SHARE * 0.9)
    large_page = "y" * int(len(short) / settings.HTML_FALLBACK_PAGE_SHARE * 1.1)
    assert not needs_fallback(short, lambda: small_page)
    assert needs_fallback(short, lambda: large_page)
    assert needs_fallback("", lambda: large_page)


def test_main_text_runs_the_fallback_only_when_needed(monkeypatch):
    calls = []
    original = html_extract._extraction

    def spy(tree, url, fast):
        calls.append(fast)
        return original(tree, url, fast)

    monkeypatch.setattr(html_extract, "_extraction", spy)
    story = "".join(f"<p>{SENTENCE} Paragraph {n}.</p>" for n in range(12))
    tree = lxml.html.fromstring(f"<html><body><article>{story}</article></body></html>")
    lines = main_text(tree, None)
    assert calls == [True]
    assert lines[0].startswith(SENTENCE)


def test_main_text_takes_the_fallback_text_when_the_main_extractor_found_little(monkeypatch):
    texts = {True: "Short.", False: "Short.\nAnd the rest of the story."}
    monkeypatch.setattr(html_extract, "_extraction", lambda tree, url, fast: texts[fast])
    story = "".join(f"<p>{SENTENCE} Paragraph {n}.</p>" for n in range(12))
    tree = lxml.html.fromstring(f"<html><body><div>{story}</div></body></html>")
    assert main_text(tree, None) == ["Short.", "And the rest of the story."]
    texts[False] = ""  # the fallback found nothing: the main extractor's text stands
    assert main_text(tree, None) == ["Short."]
    texts[True] = texts[False] = ""
    assert main_text(tree, None) == []
