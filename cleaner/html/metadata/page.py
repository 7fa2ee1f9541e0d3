"""Where things sit on the page: furniture (asides, comment and related lists) around a
byline or a date, element order, and the date forms a page's text shows."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

import regex
from lxml import etree

from cleaner import meta
from cleaner.meta import vocab

if TYPE_CHECKING:
    pass


#: Containers a byline is never taken from, even inside the article.
_NOT_BYLINE_ANCESTORS = regex.compile(
    vocab.alternation(vocab.words("not_byline_classes") | vocab.words("layout_classes")), regex.I
)


def inside_furniture(
    element: etree._Element,
    root: etree._Element,
    in_article: bool = False,
    layout: frozenset[etree._Element] = frozenset(),
    header: frozenset[etree._Element] = frozenset(),
) -> bool:
    """Whether `element` sits in a sidebar, comment section, related list, share bar, figure
    (photo credits) or navigation below `root`; a `<footer>` counts only outside the article
    (`in_article`: inside, it is the post's own footer, where blogs put the byline).

    `layout`: elements that hold the headline. A container around the headline is the page's
    layout, whatever its class (not its tag) says (`zen-one-sidebar-second` on the page's panel, a blog
    engine's `widget Blog` around its posts), never furniture. `header`: elements of the
    article's header (`_header_zone`), where a sidebar's, widget's or teaser's class is the
    layout's too; a comment section or a list of stories is furniture there as anywhere."""
    node = element
    while node is not None and node is not root:
        marks = f"{node.get('class', '')} {node.get('id', '')}"
        if node.tag in _FURNITURE_TAGS or node.tag == "footer" and not in_article:
            return True
        if node not in layout and (_NOT_BYLINE_IN_HEADER if node in header else _NOT_BYLINE_ANCESTORS).search(marks):
            return True
        node = node.getparent()
    return False


#: `_NOT_BYLINE_ANCESTORS` but for the words a page's layout uses too (`sidebar`, `widget`,
#: `teaser`): in the article's header a left sidebar or a teaser-styled box holds the author's box.
_NOT_BYLINE_IN_HEADER = regex.compile(vocab.alternation(vocab.words("not_byline_classes")), regex.I)


_FURNITURE_TAGS = frozenset(("aside", "nav", "figure", "figcaption"))


#: The number of elements before an element in its document, in reading order.
ELEMENTS_BEFORE = etree.XPath("count(ancestor::*) + count(preceding::*)")


def dates_in(text: str, today: _dt.date | None = None) -> list[tuple[int, str]]:
    """Every valid, non-future date written in `text` as (position, ISO 8601), in reading order."""
    today = today or _dt.date.today()
    found: dict[int, str] = {}
    for pattern in meta.DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = meta.iso_from_match(match, today)
            if iso and match.start() not in found:
                found[match.start()] = iso
    return sorted(found.items())


#: Tags whose text is never shown on the page.
UNSHOWN = frozenset(("script", "style", "noscript", "template"))
