"""Put back paragraphs trafilatura dropped from the article it chose.

trafilatura sometimes loses paragraphs of the story it found: the lead set apart in the
article's header (`<p class="lead">`, `<div class="teaser-text">`), a section after a
widget, paragraphs it judged too short or too linky. The page tree (after our HTML rules)
still holds them. Here the paragraphs trafilatura kept are located in that tree; their
article container is the deepest element holding most of the kept text; prose blocks inside
it that trafilatura dropped are added back, and so are lead paragraphs just before the first
kept one, in document order. Every guard is a named threshold in `settings` (HTML recovery).

Runs on our own tree, which trafilatura copies rather than changes, so the page is still
parsed once.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import lxml.html
import regex
from lxml import etree
from trafilatura.utils import remove_control_characters

from cleaner.blocks import Unit
from cleaner.meta import vocab
from cleaner.settings import DEFAULT_OPTIONS, Options
from cleaner.textutil import normalize_space
from cleaner.tree import is_within

#: Blocks that may be a paragraph of the story.
_PROSE_TAGS = frozenset({"p", "h2", "h3", "h4", "li", "blockquote", "div", "dd"})
_HEADING_TAGS = frozenset({"h2", "h3", "h4"})
#: The elements whose document order the recovery compares: blocks and the page's headline.
_ORDERED_TAGS = tuple(sorted(_PROSE_TAGS | {"h1"}))
#: Any of these inside a candidate makes it a block of blocks (its children are the
#: candidates), or a widget.
_BLOCK_CHILD_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
    ]
)
_WIDGET_TAGS = frozenset(
    ["script", "style", "noscript", "form", "button", "input", "select", "textarea", "iframe", "svg"]
)
#: Elements that never hold the story, whatever their text.
_CHROME_TAGS = frozenset(["nav", "aside", "footer", "figure", "figcaption", "form", "button", "select", "table"])
#: Class/id words of containers that are not the story: comments, related stories, share
#: bars, newsletter boxes, navigation, captions, bylines and the like. A word counts when it
#: starts a token of the class or id (`related-posts`, `shareBar`, `comment_list`).
_CHROME_CLASS = regex.compile(
    rf"(?:^|[\s_\-]|(?<=[a-z])(?=[A-Z]))(?i:{vocab.alternation(vocab.words('chrome_class_words'))}"
    rf"|(?:{vocab.alternation(vocab.words('chrome_class_tokens'))})(?:$|[\s_\-]))",
)
#: A lead paragraph ends like a sentence.
_SENTENCE_END = regex.compile(r"[.!?…:\"'»«“”)]\s*$")


@dataclass(frozen=True)
class Recovered:
    """trafilatura's lines with recovered paragraphs inserted; `recovered` holds their indexes."""

    lines: list[str]
    recovered: frozenset[int]


def units_from_lines(lines: Sequence[str]) -> list[Unit]:
    """Units for trafilatura's text lines. Only its own list marker (`- `) is taken off: a
    heading or paragraph that begins `1. ` keeps its number, which is the page's text."""
    units: list[Unit] = []
    for number, line in enumerate(lines, start=1):
        bullet = line.startswith("- ")
        text = normalize_space(line[2:] if bullet else line)
        if text:
            units.append(Unit(len(units), text, number, number, 0, bullet, len(units) if bullet else -1, True))
    return units


def _text(element: etree._Element) -> str:
    """The block's text as trafilatura writes it: its control characters (the C1 codes of a
    page whose UTF-8 was decoded twice, `â\x80\x99`) dropped, as trafilatura drops them from
    its lines; compared with them, a paragraph it kept would look dropped and come back twice."""
    if not len(element):  # no child node: its own text is all its content (most paragraphs)
        return normalize_space(_without_control_characters(element.text or ""))
    # the text serialiser gives the string text_content's XPath `string()` gives (both are
    # libxml2's node content, comments left out), without an XPath evaluation per element
    return normalize_space(
        _without_control_characters(etree.tostring(element, method="text", encoding=str, with_tail=False))
    )


def _without_control_characters(text: str) -> str:
    """trafilatura's `remove_control_characters(text)`: the text without the characters that
    are neither printable nor whitespace. Its own shortcut, `isprintable()`, fails on any line
    break, and the text is then rebuilt character by character in Python: here the characters
    between the whitespace are tested first, in C, and nearly every text is returned as it is."""
    if text.isprintable() or "".join(text.split()).isprintable():
        return text
    return remove_control_characters(text)


def link_density(element: etree._Element, text: str | None = None) -> float:
    """The share of an element's characters that are link text."""
    text = _text(element) if text is None else text
    if not text:
        return 0.0
    linked = sum(len(normalize_space(a.text_content())) for a in element.iter("a"))
    return min(1.0, linked / len(text))


def is_chrome(element: etree._Element, stop: etree._Element | None = None) -> bool:
    """Whether the element, or an ancestor below `stop`, is page chrome by tag or class/id."""
    node: etree._Element | None = element
    while node is not None and node is not stop:
        if node.tag in _CHROME_TAGS:
            return True
        label = _naming_label(node)
        if label and _CHROME_CLASS.search(label):
            return True
        node = node.getparent()
    return False


#: Class words that describe an element rather than name it: `has-sharing`, `no-sidebar`.
_DESCRIBING_PREFIX = regex.compile(r"^(?:has|no|with|without)-", regex.I)


def _naming_label(element: etree._Element) -> str:
    """The element's class and id words that say what it is: without describing words
    (`has-sharing`, `no-sidebar`) and BEM modifiers (`site__main--no-sidebar` is a `site__main`)."""
    words = []
    for word in f"{element.get('class') or ''} {element.get('id') or ''}".split():
        if _DESCRIBING_PREFIX.match(word):
            continue
        words.append(word.split("--", 1)[0] if "--" in word[1:] else word)
    return " ".join(words)


def _block_holders(tree: etree._Element) -> set[etree._Element]:
    """The elements holding a block or a widget: blocks of blocks, not paragraphs (whose
    content is inline only). One walk up from each block, stopping where an earlier walk passed."""
    holders: set[etree._Element] = set()
    for block in tree.iter(*_BLOCK_CHILD_TAGS, *_WIDGET_TAGS):
        node = block.getparent()
        while node is not None and node not in holders:
            holders.add(node)
            node = node.getparent()
    return holders


def _is_prose(element: etree._Element, text: str, min_words: int, options: Options) -> bool:
    """Enough words, few links, and (for paragraphs) sentence-like."""
    words = len(text.split())
    if element.tag in _HEADING_TAGS:
        return (
            1 <= words <= options.max_heading_words
            and link_density(element, text) <= options.html_recovery_max_link_density_list
        )
    if words < min_words:
        return False
    limit = (
        options.html_recovery_max_link_density_list if element.tag == "li" else options.html_recovery_max_link_density
    )
    if link_density(element, text) > limit:
        return False
    return bool(_SENTENCE_END.search(text)) or words >= options.html_recovery_unpunctuated_min_words


def container_of(
    kept: Sequence[tuple[etree._Element, int]], options: Options = DEFAULT_OPTIONS
) -> etree._Element | None:
    """The deepest element holding at least `options.html_recovery_container_share` of the kept text
    (the article body, even when a stray kept line sits elsewhere on the page)."""
    total = sum(weight for _, weight in kept)
    if not total:
        return None
    weights: dict[etree._Element, int] = {}
    for element, weight in kept:
        for ancestor in element.iterancestors():
            weights[ancestor] = weights.get(ancestor, 0) + weight
    best, best_depth = None, -1
    for ancestor, weight in weights.items():
        if weight >= options.html_recovery_container_share * total:
            depth = sum(1 for _ in ancestor.iterancestors())
            if depth > best_depth:
                best, best_depth = ancestor, depth
    return best


def recover(
    tree: lxml.html.HtmlElement,
    lines: Sequence[str],
    is_boilerplate: Callable[[str], bool],
    options: Options = DEFAULT_OPTIONS,
) -> Recovered:
    """trafilatura's `lines` with the story paragraphs it dropped put back in document order.

    `is_boilerplate(text)` says whether our text rules would drop a line; such blocks are not
    recovered (a recovered "Related articles" heading must not cut the story).
    """
    lines = list(lines)
    texts = [normalize_space(line[2:] if line.startswith("- ") else line) for line in lines]  # once, for both
    body = " " + " ".join(texts) + " "
    exact = set(texts)
    if len(body) < options.html_recovery_min_body_chars:
        return Recovered(lines, frozenset())
    order: dict[etree._Element, int] = {}
    blocks: list[tuple[etree._Element, str]] = []
    kept: list[tuple[etree._Element, int]] = []
    holders = _block_holders(tree)
    # document order of the blocks and headlines only: every position compared below is one
    # of theirs (a walk over every element of the page cost more than the rest of this)
    for position, element in enumerate(tree.iter(*_ORDERED_TAGS)):
        order[element] = position
        if element in holders or element.tag not in _PROSE_TAGS:
            continue
        if not element.text and not len(element):
            continue
        text = _text(element)
        if not text:
            continue
        blocks.append((element, text))
        if text in exact or (len(text) >= options.html_recovery_anchor_min_chars and f" {text} " in body):
            kept.append((element, len(text)))
    container = container_of(kept, options)
    if container is None or container.tag in ("html", "body"):
        return Recovered(lines, frozenset())
    # the story starts at its first kept paragraph in the container: a kept line elsewhere
    # above it (the headline in a breadcrumb, a photo credit) is not where the story starts
    first_kept = next(
        (
            element
            for element, weight in kept
            if weight >= options.html_recovery_anchor_min_chars and is_within(element, container)
        ),
        None,
    )
    if first_kept is None:
        return Recovered(lines, frozenset())
    lead_scope = container
    for _ in range(options.html_recovery_lead_levels):
        parent = lead_scope.getparent()
        if parent is None or parent.tag in ("html", "body"):
            break
        lead_scope = parent
    kept_set = {element for element, _ in kept}
    story_line = {container, *container.iterancestors()}
    start = order[first_kept]
    # leads sit between the headline and the story: the element holding both bounds them too,
    # however deep the story's container is nested (not the whole page, when the only <h1>
    # before the story is the site's name)
    page_headline = max((h for h in tree.iter("h1") if order[h] < start), key=order.__getitem__, default=None)
    if page_headline is not None:
        around = _meeting_point(page_headline, story_line)
        if around is not None and around.tag not in ("html", "body") and is_within(lead_scope, around):
            lead_scope = around
    # the story ends at its last kept paragraph: below it are teasers, boxes and link lists
    end = max(order[element] for element, weight in kept if weight >= options.html_recovery_anchor_min_chars)
    # a lead comes after the headline: blocks above the last <h1> before the story are not leads
    # (without one, every block inside lead_scope is after its start: lead_scope, a block of
    # blocks, is not itself in `order`)
    headline = max((order[h] for h in lead_scope.iter("h1") if order[h] < start), default=-1)
    found: list[tuple[int, str]] = []
    shingles: set[tuple[str, ...]] | None = None  # the body's word runs, when a block is first judged
    # only blocks between the headline and the story's end can be recovered (as a lead or as
    # story): the page's navigation and footer, most of its blocks, are not looked at
    positions = [order[element] for element, _ in blocks]
    first, last = bisect_right(positions, headline), bisect_right(positions, end - 1)
    for number in range(first, last):
        element, text = blocks[number]
        position = positions[number]
        if element in kept_set or text in exact or f" {text} " in body:
            continue
        if element.tag in _HEADING_TAGS and not _heads_story(blocks, number, kept_set):
            continue
        inside = is_within(element, container)
        if inside and start < position < end:
            min_words = options.html_recovery_min_words
        elif headline < position < start and is_within(element, lead_scope):
            min_words = options.html_recovery_lead_min_words
        else:
            continue
        # chrome only counts below where the block's branch meets the story's: the classes of
        # the article around both (`tag-…`, `has-sidebar`) say nothing about the block
        if not _is_prose(element, text, min_words, options) or is_chrome(
            element, stop=_meeting_point(element, story_line)
        ):
            continue
        if is_boilerplate(text):
            continue
        if shingles is None:
            shingles = _shingles(body.split(), options.html_recovery_shingle_words)
        if (
            _repeated_share(text, shingles, options.html_recovery_shingle_words)
            >= options.html_recovery_max_repeated_share
        ):
            continue  # kept already, cut into other lines (a post's text beside its signature)
        found.append((position, text))
    if not found:
        return Recovered(lines, frozenset())
    found = _drop_nested(found)
    return _merge(lines, found, kept, order)


def _shingles(words: Sequence[str], size: int) -> set[tuple[str, ...]]:
    """Every run of `size` consecutive words."""
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def _repeated_share(text: str, shingles: set[tuple[str, ...]], size: int) -> float:
    """The share of the text's runs of `size` words that the body already holds."""
    runs = _shingles(text.split(), size)
    return len(runs & shingles) / len(runs) if runs else 0.0


def _heads_story(blocks: Sequence[tuple[etree._Element, str]], number: int, kept: set) -> bool:
    """A dropped heading is a subheading of the story only when the block after it was kept
    (a heading over a list of links or a box is not)."""
    following = blocks[number + 1] if number + 1 < len(blocks) else None
    return following is not None and following[0] in kept


def _meeting_point(element: etree._Element, line: set[etree._Element]) -> etree._Element | None:
    """The first of `element`'s ancestors (or itself) in `line` (an element and its ancestors)."""
    node: etree._Element | None = element
    while node is not None and node not in line:
        node = node.getparent()
    return node


def _drop_nested(found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """One copy of each text (a recovered block whose text repeats an earlier one is dropped)."""
    seen: set[str] = set()
    out = []
    for position, text in sorted(found):
        if text not in seen:
            seen.add(text)
            out.append((position, text))
    return out


def _merge(
    lines: list[str],
    found: list[tuple[int, str]],
    kept: list[tuple[etree._Element, int]],
    order: dict[etree._Element, int],
) -> Recovered:
    """Insert each recovered text before the first of trafilatura's lines that comes after
    it in the page (a line's place is that of the block it was found in)."""
    place: dict[str, int] = {}
    for element, _ in kept:
        place.setdefault(_text(element), order[element])
    positions: list[int] = []
    last = -1
    for line in lines:
        text = normalize_space(line[2:] if line.startswith("- ") else line)
        last = max(last, place.get(text, last))
        positions.append(last)
    out: list[str] = []
    recovered: set[int] = set()
    pending = list(found)
    for line, position in zip(lines, positions, strict=True):
        while pending and pending[0][0] < position:
            recovered.add(len(out))
            out.append(pending.pop(0)[1])
        out.append(line)
    for _, text in pending:
        recovered.add(len(out))
        out.append(text)
    return Recovered(out, frozenset(recovered))
