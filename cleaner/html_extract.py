"""Stages 2–5 for HTML: our HTML rules, then trafilatura, then our text rules on what it kept.

The page is parsed once. HTML rules remove elements from the tree before trafilatura's
extraction sees it; trafilatura's own heuristics choose the main text; our text rules
then remove what it keeps by design (read-more links, newsletter prompts, captions).
"""

from __future__ import annotations

from collections.abc import Callable

import lxml.html
import regex
import trafilatura
from lxml import etree
from trafilatura.baseline import html2txt
from trafilatura.utils import load_html

from cleaner import html_metadata, html_recovery, metadata, settings
from cleaner.article import Article, Decision, Role
from cleaner.blocks import normalize_space, units_from_paragraphs
from cleaner.heuristics import repeated_lines
from cleaner.rules import RuleSet, host_of


class HtmlParseError(ValueError):
    """The capture looked like HTML but no document tree could be built from it."""


def parse_html(text: str) -> lxml.html.HtmlElement:
    tree = load_html(text)
    if tree is None:
        raise HtmlParseError("could not parse the HTML")
    return tree


def remove_element(element: etree._Element) -> None:
    """Remove an element but keep its tail text, which belongs to the parent."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = xml_safe((previous.tail or "") + tail)
        else:
            parent.text = xml_safe((parent.text or "") + tail)
    parent.remove(element)


#: Characters lxml keeps from a parsed page but refuses on assignment (not XML 1.0).
_NOT_XML = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\p{Cs}]")


def xml_safe(text: str) -> str:
    """`text` without the characters lxml refuses to assign (a ValueError otherwise)."""
    return _NOT_XML.sub("", text)


def apply_html_rules(tree: lxml.html.HtmlElement, rules: RuleSet) -> list[Decision]:
    """Remove every element an HTML rule selects; one decision per removed element."""
    decisions = []
    for rule in rules.html_rules_for(tree):  # the rules whose classes/ids/tags occur at all
        assert rule.selector is not None
        for element in rule.selector(tree):
            text = normalize_space(element.text_content()) if isinstance(element, lxml.html.HtmlElement) else ""
            line = element.sourceline or 0
            decisions.append(Decision(line, line, text[:200], "dropped", rule.id))
            remove_element(element)
    return decisions


#: Elements a browser lays out as blocks: text on either side of one is never one word.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul".split()
)


def separate_blocks(tree: lxml.html.HtmlElement) -> None:
    """Put a space between a block element and text touching it (`a<div>…</div>b`), as layout does.

    When trafilatura prunes the block (a comment section, a footer), the text on either side
    would otherwise be glued into a word the page never had ("ab"). Well-formed pages keep
    their text inside paragraphs and are unchanged.
    """
    for element in tree.iter(*_BLOCK_TAGS):
        if not element.tail:
            element.tail = " "  # the block's own last word ends here, whatever follows
        elif not element.tail[0].isspace():
            element.tail = xml_safe(" " + element.tail)
        previous = element.getprevious()
        if previous is not None:
            if previous.tail and not previous.tail[-1].isspace():
                previous.tail = xml_safe(previous.tail + " ")
        else:
            parent = element.getparent()
            if parent is not None and parent.text and not parent.text[-1].isspace():
                parent.text = xml_safe(parent.text + " ")


def page_url(tree: lxml.html.HtmlElement) -> str | None:
    """The URL a saved page states for itself (canonical link, then og:url)."""
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        values = [value.strip() for value in tree.xpath(xpath) if value.strip().startswith("http")]
        if values:
            return values[0]
    return None


def _extraction(tree: lxml.html.HtmlElement, url: str | None, fast: bool) -> str:
    # trafilatura copies the tree it is given, so ours stays whole for the metadata and the
    # recovery; its own metadata is not asked for (html_metadata reads the head, faster and better)
    document = trafilatura.bare_extraction(
        tree, url=url, fast=fast, with_metadata=False, include_comments=False, include_tables=True
    )
    return document.text if document is not None and document.text else ""


def needs_fallback(text: str, page_text: Callable[[], str]) -> bool:
    """Whether trafilatura's main extractor found too little of the page to be the story: a
    short text (under HTML_FALLBACK_MAX_CHARS) holding under HTML_FALLBACK_PAGE_SHARE of the
    page's text. `page_text` is only asked for when the text is short."""
    if len(text) >= settings.HTML_FALLBACK_MAX_CHARS:
        return False
    return len(text) < settings.HTML_FALLBACK_PAGE_SHARE * len(page_text())


def main_text(tree: lxml.html.HtmlElement, url: str | None) -> list[str]:
    """trafilatura's text lines for the page (empty when it found nothing).

    Its main extractor alone (`fast`) first; its fallback extractors (readability, jusText),
    which cost as much again, only when that result is a small part of the page: on most
    pages they change nothing, and html_recovery puts back what the main extractor drops.
    """
    text = _extraction(tree, url, fast=True)
    if needs_fallback(text, lambda: html2txt(tree)):
        text = _extraction(tree, url, fast=False) or text
    return text.split("\n") if text else []


def clean_html(text: str, url: str | None, rules: RuleSet) -> Article:
    """The HTML pipeline."""
    tree = parse_html(text)
    separate_blocks(tree)
    url = url or page_url(tree)
    site_rules = rules.for_host(host_of(url))
    decisions = apply_html_rules(tree, site_rules)
    text_lines = main_text(tree, url)
    found = html_metadata.extract(tree, url, site_rules)
    if not text_lines:
        return Article(title=found.title, authors=found.authors, date=found.date, body="", kind="html", url=url, decisions=decisions)

    from cleaner.pipeline import apply_text_rules

    lines = html_recovery.recover(  # paragraphs of the story trafilatura dropped, back from the tree
        tree, text_lines, lambda text: bool(apply_text_rules(html_recovery.units_from_lines([text]), site_rules).roles)
    ).lines
    units = html_recovery.units_from_lines(lines)
    verdicts = apply_text_rules(units, site_rules)
    roles: dict[int, tuple[Role, str]] = dict(verdicts.roles)
    kept = [u for u in units if u.index not in roles]
    for index, verdict in repeated_lines(kept).items():
        roles[index] = ("dropped", verdict.reason)
    title = found.title
    if title:
        for unit in units:
            if unit.index not in roles and unit.text.casefold() == title.casefold():
                roles[unit.index] = ("dropped", "repeated-headline")
    kept = [u for u in units if u.index not in roles]
    header_authors, header_date = header_lines(kept, roles)
    kept = [u for u in kept if u.index not in roles]
    decisions += [
        Decision(u.first_line, u.last_line, u.text, *roles.get(u.index, ("body", "trafilatura")))
        for u in units
    ]
    authors = verdicts.authors or found.authors or header_authors or _authors_from_trafilatura(tree)
    return Article(
        title=title,
        authors=authors,
        date=verdicts.date or found.date or header_date,
        body="\n\n".join(u.text for u in kept),
        kind="html",
        url=url,
        decisions=decisions,
    )


def header_lines(kept: list, roles: dict) -> tuple[list[str], str | None]:
    """Byline and date lines the extractor kept at the top of the body (`By Jane Doe`,
    `February 04, 2022`): marked in `roles` as byline/date, and their names and date returned.

    Only short lines among the first few, and only lines that are nothing but a byline or a
    date (a dateline opening the story, `MOSCOW (AP) — …`, is story and stays).
    """
    authors: list[str] = []
    date = None
    for unit in kept[: settings.HTML_HEADER_UNITS]:
        text = unit.text.strip()
        if len(text.split()) > settings.HTML_HEADER_LINE_MAX_WORDS:
            break
        names = metadata.parse_byline(text)
        if names and metadata._BY_PREFIX.match(text):
            roles[unit.index] = ("byline", "header-line")
            authors = authors or names
            continue
        dates = html_metadata.dates_in(text)
        if dates and _only_date(text):
            roles[unit.index] = ("date", "header-line")
            date = date or metadata.parse_date(text)
    return authors, date


_DATE_LINE_REST = regex.compile(r"^[\W\d_]*(?:(?:published|updated|posted|on|at|am|um|le|el|il|de|der|den|date|datum|stand)\b[\W\d_]*)*$", regex.I)


def _only_date(text: str) -> bool:
    """A line that is a date and nothing else but date words (`Published: 4 Feb 2022, 23:15`)."""
    rest = text
    for pattern in metadata._DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    return bool(_DATE_LINE_REST.match(rest))


def _authors_from_trafilatura(tree: lxml.html.HtmlElement) -> list[str]:
    """trafilatura's byline search (its XPaths over the whole page), as a last resort."""
    from trafilatura.metadata import extract_author

    author = extract_author(tree)
    if not author:
        return []
    return [name for part in author.split(";") for name in html_metadata.split_authors(part)]
