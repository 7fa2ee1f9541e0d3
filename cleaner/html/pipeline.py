"""The HTML pipeline: metadata from the page's markup, HTML rules, trafilatura's extraction,
story paragraphs it dropped put back from the tree, then the text rules on the lines kept.
"""

from __future__ import annotations

import regex

from cleaner import meta
from cleaner.article import Article, Decision, Role
from cleaner.html.extract import drop_unshown, main_text, page_url, parse_html, separate_blocks
from cleaner.html.metadata import extract as extract_metadata
from cleaner.html.metadata.page import dates_in
from cleaner.html.metadata.title import choose_title, find_title, kicked_headlines
from cleaner.html.recovery import recover, units_from_lines
from cleaner.meta import vocab
from cleaner.rules import RuleSet, host_of
from cleaner.rules.apply import apply_html_rules, apply_text_rules
from cleaner.settings import DEFAULT_OPTIONS, Options
from cleaner.text.heuristics import repeated_lines


def clean_html(text: str, url: str | None, rules: RuleSet, options: Options) -> Article:
    """The HTML pipeline."""
    tree = parse_html(text)
    separate_blocks(tree)
    url = url or page_url(tree)
    site_rules = rules.for_host(host_of(url))
    # byline and date are read before the removal rules, which can take the header's byline
    # along with a caption or a screen-reader label; the headline is chosen after them, when
    # the headings of removed boxes (a newsletter modal's <h1>) are gone
    found = extract_metadata(tree, url, site_rules, options=options)
    decisions = apply_html_rules(tree, site_rules, options)
    # the rule-based headline search finds the headline line the body drops below; the
    # article's title is the learned chooser's pick, which may be the head's name of the page
    # (on a page the rules left whole, that is the search `extract_metadata` has just made)
    headline = find_title(tree, found.head, url, options=options) if decisions else found.title
    title = choose_title(tree, found.head, url, headline, options=options)
    drop_unshown(tree)
    text_lines = main_text(tree, url, options)
    if not text_lines:
        return Article(
            title=title, authors=found.authors, date=found.date, body="", kind="html", url=url, decisions=decisions
        )

    lines = recover(  # paragraphs of the story trafilatura dropped, back from the tree
        tree,
        text_lines,
        lambda text: bool(apply_text_rules(units_from_lines([text]), site_rules, options=options).roles),
        options,
    ).lines
    units = units_from_lines(lines)
    verdicts = apply_text_rules(units, site_rules, cut_floor=cut_to_end_floor(units, options), options=options)
    roles: dict[int, tuple[Role, str]] = dict(verdicts.roles)
    kept = [u for u in units if u.index not in roles]
    for index, verdict in repeated_lines(kept, options).items():
        roles[index] = ("dropped", verdict.reason)
    if headline:
        headlines = {headline.casefold()} | kicked_headlines(tree, headline, options)
        for unit in units:
            if unit.index not in roles and unit.text.casefold() in headlines:
                roles[unit.index] = ("dropped", "repeated-headline")
    kept = [u for u in units if u.index not in roles]
    header_authors, header_date = header_lines(kept, roles, options)
    kept = [u for u in kept if u.index not in roles]
    # no last resort beyond these: trafilatura's page-wide author search (a copy of the tree
    # and a dozen regex XPaths, ~10% of HTML time) mostly found section names and sidebars
    authors = verdicts.authors or found.authors or header_authors or closing_signature(kept, roles, options)
    kept = [u for u in kept if u.index not in roles]
    decisions += [
        Decision(u.first_line, u.last_line, u.text, *roles.get(u.index, ("body", "trafilatura"))) for u in units
    ]
    return Article(
        title=title,
        authors=authors,
        date=verdicts.date or found.date or header_date,
        body="\n\n".join(u.text for u in kept),
        kind="html",
        url=url,
        decisions=decisions,
    )


def cut_to_end_floor(units: list, options: Options) -> int:
    """The first position where a cut-to-end rule may cut: the unit by which the lines above
    hold `options.html_cut_min_share_above` of the body's words. A "Recommended for you" row
    above a shop's product grid, or a thread's "12 Replies" above the replies, is a heading near
    the top, and cutting there would take the page's content; the end of a story, where related
    stories and comments begin, has most of the words above it. Above the floor the rule's
    line alone is dropped."""
    words = [len(unit.text.split()) for unit in units]
    needed = options.html_cut_min_share_above * sum(words)
    above = 0
    for position, count in enumerate(words):
        if above >= needed:
            return position
        above += count
    return len(units)


def header_lines(kept: list, roles: dict, options: Options = DEFAULT_OPTIONS) -> tuple[list[str], str | None]:
    """Byline and date lines the extractor kept at the top of the body (`By Jane Doe`,
    `February 04, 2022`): marked in `roles` as byline/date, and their names and date returned.

    Only short lines among the first few, and only lines that are nothing but a byline or a
    date (a dateline opening the story, `MOSCOW (AP) — …`, is story and stays).
    """
    authors: list[str] = []
    date = None
    for unit in kept[: options.html_header_units]:
        text = unit.text.strip()
        if len(text.split()) > options.html_header_line_max_words:
            break
        names = meta.parse_byline(text, options)
        if names and meta.BY_PREFIX.match(text):
            roles[unit.index] = ("byline", "header-line")
            authors = authors or names
            continue
        dates = dates_in(text)
        if dates and _only_date(text):
            roles[unit.index] = ("date", "header-line")
            date = date or meta.parse_date(text)
    return authors, date


def closing_signature(kept: list, roles: dict, options: Options = DEFAULT_OPTIONS) -> list[str]:
    """The signature under the story, for a page that names its author nowhere else: the last
    line a lone name (`Emre YILMAZ`), or a name and the signer's role, on the line below
    (`Eva Lindner` / `Stellvertretende Pressesprecherin`) or after a comma (`Jane Doe,
    Geschäftsführerin`). The name opens with a given name, as a lone name line at the end of
    a text capture must (`textmeta.closing_name`). The signature's lines are marked as byline
    in `roles`. A name under a closing quotation is the quote's speaker, not the writer."""
    if not kept:
        return []
    last = kept[-1]
    signer, comma, role = last.text.partition(",")
    if name := _signature_name(last.text):
        block = [last]
    elif len(kept) > 1 and _signer_role(last.text, options) and (name := _signature_name(kept[-2].text)):
        block = kept[-2:]
    elif comma and _signer_role(role, options) and (name := _signature_name(signer)):
        block = [last]
    else:
        return []
    if len(kept) == len(block) or _QUOTE_END.search(kept[-len(block) - 1].text):
        return []  # (a body that is only a name is no story signed)
    for unit in block:
        roles[unit.index] = ("byline", "closing-signature")
    return [name]


def _signature_name(text: str) -> str | None:
    text = text.strip()
    if meta.looks_like_name(text) and meta.opens_with_given_name(text):
        return meta.natural_case(text)
    return None


def _signer_role(text: str, options: Options) -> bool:
    """A short line that is not a sentence (`DITIB-Bundesvorsitzender`)."""
    text = text.strip()
    return bool(text) and len(text.split()) <= options.signature_role_max_words and not _SENTENCE_END.search(text)


_SENTENCE_END = regex.compile(r"[.!?…:]['\"’”»)]*$")


_QUOTE_END = regex.compile(r"[\"“”»«„‟’]\s*$")


_DATE_LINE_REST = regex.compile(
    rf"^[\W\d_]*(?:(?:{vocab.alternation(vocab.words('date_line_words'))})\b[\W\d_]*)*$", regex.I
)


def _only_date(text: str) -> bool:
    """A line that is a date and nothing else but date words (`Published: 4 Feb 2022, 23:15`)."""
    rest = text
    for pattern in meta.DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    return bool(_DATE_LINE_REST.match(rest))
