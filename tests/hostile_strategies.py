"""Hypothesis strategies and checks shared by tests/test_properties.py and tests/fuzz_clean.py.

Purely random text almost never looks like an article, so besides `st.text()` the
strategies build article-shaped captures: prose paragraphs among menus, bullets, short
lines, repeated lines, wrapped lines, HTML with nesting, entities and boilerplate tags.
"""

from __future__ import annotations

import html as html_module
import unicodedata

import lxml.html
import regex
from hypothesis import strategies as st

from cleaner import CaptureError, NoArticleError
from cleaner.textutil import normalize_space

_WORDS = [
    "the",
    "council",
    "met",
    "on",
    "monday",
    "and",
    "agreed",
    "that",
    "new",
    "tram",
    "line",
    "will",
    "cross",
    "river",
    "by",
    "next",
    "spring",
    "officials",
    "said",
    "Zürich",
    "école",
    "naïve",
    "“quoted”",
    "it’s",
    "2024",
    "résumé",
    "Straße",
    "ça",
    "über",
    "10:30",
    "share",
    "subscribe",
    "login",
    "menu",
    "home",
    "news",
    "sport",
    "read",
    "more",
    "cookies",
    "newsletter",
    "follow",
    "us",
]
_WORD = regex.compile(r"\w+")

words = st.one_of(st.sampled_from(_WORDS), st.text(min_size=1, max_size=8).filter(lambda w: not w.isspace()))
sentence = st.builds(
    lambda ws, end: " ".join(ws) + end,
    st.lists(words, min_size=1, max_size=40),
    st.sampled_from([".", "!", "?", "", ":", "…", ".”"]),
)
line = st.one_of(
    sentence,
    st.builds(lambda b, s: f"{b} {s}", st.sampled_from(["*", "-", "•", "1.", "12)"]), sentence),
    st.builds(lambda s: "    " + s, sentence),
    st.sampled_from(["", "", "Home", "Share this", "Advertisement", "Leave a Reply", "By Jane Doe", "March 3, 2024"]),
)
structured_text = st.builds("\n".join, st.lists(line, max_size=40))
#: Arbitrary text: unstructured Unicode, or article-shaped lines.
any_text = st.one_of(st.text(max_size=2000), structured_text)

_INLINE_TAGS = ["span", "a", "b", "em", "strong", "code", "small"]
_BLOCK_TAGS = [
    "div",
    "article",
    "section",
    "nav",
    "footer",
    "header",
    "aside",
    "blockquote",
    "main",
    "figure",
    "ul",
    "li",
    "table",
    "td",
    "tr",
    "pre",
]
_LEAF_BLOCK_TAGS = ["p", "h1", "h2", "script", "style"]  # only inline content inside
_ATTRS = ["", ' class="content"', ' id="comments"', ' class="share menu"', " hidden"]
_ENTITIES = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&nbsp;", "&eacute;", "&#8220;", "&#x2019;", "&bogus;", "&"]


def _escape(text: str) -> str:
    return html_module.escape(text, quote=False)


html_text = st.one_of(
    sentence.map(_escape),
    st.builds(lambda s, e: s.replace(" ", f" {e} ", 1), sentence.map(_escape), st.sampled_from(_ENTITIES)),
    st.sampled_from(["", "<br>", "<br/>", "<img src=x alt='a picture'>", "<!-- comment -->", "<hr>"]),
)


def _wrap(tags: list[str]):
    def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.builds(
            lambda tag, attrs, inner: f"<{tag}{attrs}>{''.join(inner)}</{tag}>",
            st.sampled_from(tags),
            st.sampled_from(_ATTRS),
            st.lists(children, max_size=6),
        )

    return element


inline_fragment = st.recursive(html_text, _wrap(_INLINE_TAGS), max_leaves=12)
leaf_block = _wrap(_LEAF_BLOCK_TAGS)(inline_fragment)
#: Correctly nested markup: inline elements hold only inline content, `p` and headings only inline.
block_fragment = st.recursive(st.one_of(leaf_block, inline_fragment), _wrap(_BLOCK_TAGS), max_leaves=40)
#: Tag soup: any tag inside any other (the parser repairs it, moving elements around).
soup_fragment = st.recursive(html_text, _wrap(_INLINE_TAGS + _BLOCK_TAGS + _LEAF_BLOCK_TAGS), max_leaves=60)


def _document(title: str, body: list[str]) -> str:
    return f"<!DOCTYPE html><html><head><title>{_escape(title)}</title></head><body>{''.join(body)}</body></html>"


nested_html = st.builds(_document, sentence, st.lists(block_fragment, min_size=1, max_size=8))
soup_html = st.one_of(
    st.builds(_document, sentence, st.lists(soup_fragment, min_size=1, max_size=8)),
    st.builds(
        lambda parts: "<html><body><p>" + "".join(parts) + "</body></html>",
        st.lists(
            st.one_of(st.text(max_size=50), st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<", ">", "&", "<b>"])),
            max_size=60,
        ),
    ),
)
#: Arbitrary HTML: well-nested article-shaped documents, tag soup, random text with tags spliced in.
any_html = st.one_of(nested_html, soup_html)

ALLOWED_ERRORS = (CaptureError, NoArticleError)


def tokens(text: str) -> list[str]:
    return _WORD.findall(text)


def is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    position = iter(haystack)
    return all(any(needle == item for item in position) for needle in needles)


def occurs_in_order(needles: list[str], haystack: str) -> bool:
    """Every needle is a substring of `haystack`, each found after the previous one."""
    cursor = 0
    for needle in needles:
        found = haystack.find(needle, cursor)
        if found < 0:
            return False
        cursor = found + len(needle)
    return True


def page_text(markup: str) -> str:
    """The text of an HTML capture as a browser would show it, entities decoded, whitespace normalised."""
    from cleaner.capture import read_capture
    from cleaner.html.extract import separate_blocks
    from cleaner.tree import remove_element

    tree = lxml.html.document_fromstring(read_capture(markup).text.replace("\x00", ""))
    for element in list(tree.iter("script", "style", "template")):  # not shown: "a<script>x</script>b" reads "ab"
        remove_element(element)
    separate_blocks(tree)  # a block boundary is a word boundary, as on screen
    return comparable(tree.text_content())


def _word_char(char: str) -> bool:
    if char in "\t\n\r\x0b\x0c\x85 ":  # the control characters the cleaner reads as space
        return True
    return unicodedata.category(char) != "Cc" and (char.isprintable() or char.isspace())


def comparable(text: str) -> str:
    """Text reduced to what "words" means in the properties.

    Unicode NFC; characters that are neither printable nor space dropped (lxml refuses some,
    trafilatura removes the rest, and a control character is no part of a word); U+2424
    (SYMBOL FOR NEWLINE, which trafilatura uses internally) dropped; whitespace collapsed.
    """
    text = unicodedata.normalize("NFC", text).replace("\u2424", "")
    text = "".join(char for char in text if _word_char(char))
    return normalize_space(text)


def word_chars(text: str) -> str:
    """The word characters of `text` (letters, digits, underscore), in order, NFC, nothing else."""
    return "".join(tokens(comparable(text)))


def is_char_subsequence(needle: str, haystack: str) -> bool:
    position = iter(haystack)
    return all(char in position for char in needle)
