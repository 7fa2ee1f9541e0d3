"""The HTML pipeline does no harm to what trafilatura alone finds (issue #18.3): a heading near
the top never cuts the page's content, an HTML rule never removes the element holding it, an
empty extraction always tries the fallbacks, and a paragraph trafilatura kept never comes back
twice."""

import dataclasses

import lxml.html

from cleaner import Cleaner
from cleaner.html.extract import needs_fallback
from cleaner.html.pipeline import cut_to_end_floor
from cleaner.html.recovery import recover, units_from_lines
from cleaner.rules import load_rules
from cleaner.rules.apply import apply_html_rules
from cleaner.settings import DEFAULT_OPTIONS

SENTENCE = "The council met on Monday and agreed the budget for next year after a long debate."


def test_an_empty_extraction_needs_the_fallback_even_when_the_page_measures_empty():
    # trafilatura's page measure (html2txt) can find nothing where its fallbacks find the story
    assert needs_fallback("", lambda: "")
    assert needs_fallback("", lambda: "", lambda: 0)


def test_the_cut_floor_is_where_the_lines_above_hold_the_share_of_the_words():
    units = units_from_lines(["one two", "three four five six", "seven eight", "nine ten"])
    # 10 words: the first two lines hold 6, at least half, so a cut may start at the third line
    half = dataclasses.replace(DEFAULT_OPTIONS, html_cut_min_share_above=0.5)
    assert cut_to_end_floor(units, half) == 2
    assert cut_to_end_floor([], half) == 0
    # a quarter of the words: the first line (2 of 10) is not enough, the second is
    assert cut_to_end_floor(units, dataclasses.replace(half, html_cut_min_share_above=0.25)) == 2
    assert cut_to_end_floor(units, dataclasses.replace(half, html_cut_min_share_above=0.2)) == 1


def _page(inner: str) -> str:
    return f"<html><head><title>Shelves</title></head><body><main>{inner}</main></body></html>"


def test_a_cut_heading_above_most_of_the_body_drops_only_its_own_line():
    # a forum thread: the reply count heads the replies, which are the page's content
    replies = "".join(
        f"<div class='post'><p>Reply {n}: I built the same shelf last winter and it held every book I own. "
        f"{SENTENCE}</p></div>"
        for n in range(1, 7)
    )
    markup = _page(f"<h1>My first shelf</h1><p>How do I start a shelf?</p><h3>6 Replies</h3>{replies}")
    body = Cleaner().clean(markup, kind="html").body
    assert "6 Replies" not in body
    assert "Reply 1:" in body and "Reply 6:" in body


def test_a_cut_heading_below_most_of_the_story_still_cuts():
    story = "".join(f"<p>Paragraph {n}. {SENTENCE} {SENTENCE}</p>" for n in range(1, 6))
    markup = _page(
        f"<article><h1>Budget agreed</h1>{story}<h3>Related Articles</h3>"
        "<p>Another story about the council that readers liked last week, with its own words.</p></article>"
    )
    body = Cleaner().clean(markup, kind="html").body
    assert "Paragraph 5." in body
    assert "Related Articles" not in body and "Another story" not in body


def test_a_kept_paragraph_with_control_characters_is_not_put_back_twice():
    # a page whose UTF-8 was decoded twice holds C1 control characters (`\x80\x99` for an
    # apostrophe); trafilatura drops them from its lines, the tree still has them
    twice = "The mayorâ\x80\x99s plan for the bridge was agreed on Monday after a long debate in the hall."
    story = " ".join([SENTENCE] * 2)
    tree = lxml.html.fromstring(
        f"<html><body><article><div class='text'><p>First {story}</p><p>{twice}</p>"
        f"<p>Second {story}</p></div></article></body></html>"
    )
    lines = [f"First {story}", twice.replace("\x80", "").replace("\x99", ""), f"Second {story}"]
    result = recover(tree, lines, lambda text: False)
    assert result.lines == lines
    assert result.recovered == frozenset()


def _post(author: str) -> str:
    return f"<article class='post'><p>{author} wrote: I built the same shelf last winter. {SENTENCE}</p></article>"


def test_a_comment_area_holding_every_post_and_most_paragraphs_is_the_page_content():
    # a forum thread marked up as a comment area: its posts are the page
    thread = lxml.html.fromstring(
        "<html><body><nav><p>Forums</p></nav><h1>My first shelf</h1>"
        f"<div id='comments'>{_post('Ada')}{_post('Ben')}{_post('Cy')}</div></body></html>"
    )
    apply_html_rules(thread, load_rules())
    assert len(thread.findall(".//article")) == 3


def test_a_comment_area_under_a_story_is_still_removed():
    story = "".join(f"<p>{SENTENCE} {SENTENCE}</p>" for _ in range(4))
    for outside in (f"<div class='story'>{story}</div>", f"<article>{story}</article>"):
        page = lxml.html.fromstring(
            f"<html><body><h1>Budget agreed</h1>{outside}"
            f"<div id='comments'>{_post('Ada')}{_post('Ben')}</div></body></html>"
        )
        apply_html_rules(page, load_rules())
        assert page.find(".//div[@id='comments']") is None
        assert "Ada wrote" not in page.text_content()


def test_a_block_the_body_holds_cut_into_other_lines_is_not_put_back():
    # trafilatura wrote the post's two sentences as lines of their own, and the block that
    # holds both (with a signature) is no line of the body: it is kept already, not dropped
    first = "I have used the same host for ten years and never lost a single day of mail."
    second = "Support answered every ticket within an hour, even on a Sunday night in winter."
    dropped = "The council will vote on the money for the new bridge at its meeting in March."
    story = " ".join([SENTENCE] * 2)
    tree = lxml.html.fromstring(
        f"<html><body><article><div class='text'><p>First {story}</p>"
        f"<div class='post'>{first} {second} <span>Ada, host reviewer since 2015</span></div>"
        f"<p>{dropped}</p><p>Second {story}</p></div></article></body></html>"
    )
    lines = [f"First {story}", first, second, f"Second {story}"]
    result = recover(tree, lines, lambda text: False)
    assert result.lines == [f"First {story}", first, second, dropped, f"Second {story}"]
