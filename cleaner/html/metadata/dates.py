"""The HTML publication date: the article's own markup, the lines around the headline,
marked date lines, then htmldate."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import TYPE_CHECKING

import htmldate
import lxml.html
import regex
from lxml import etree

from cleaner import meta
from cleaner.meta import vocab

if TYPE_CHECKING:
    pass
from cleaner.html.metadata.head import PageHead, heading_text, is_discussion
from cleaner.html.metadata.page import ELEMENTS_BEFORE, UNSHOWN, dates_in, inside_furniture
from cleaner.settings import DEFAULT_OPTIONS, Options
from cleaner.textutil import join_words

#: `/2022/02/04/` or `/2022-02-04/` in a page's address: the day its CMS filed it under.
#: One parser for dates in addresses serves both capture kinds.
date_from_url = meta.date_from_url


_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
)


#: Meta tags stating a later revision: never the page's date, but a date its header may show.
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified")


_ISO = regex.compile(
    r"(?P<date>(?:19|20)\d\d-[01]\d-[0-3]\d)(?:[T ](?P<time>[0-2]\d:[0-5]\d)(?P<seconds>:[0-5]\d(?:\.\d+)?)?"
    r"\s*(?P<zone>Z|[+-]\d\d:?\d\d)?)?"
)


_UTC = regex.compile(r"^(?:Z|[+-]00:?00)$")


#: A machine-written date with slashes (`11/01/2023`): which number is the month is unknown.
_SLASHED = regex.compile(r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/\d{4}\b")


def iso_date(value: str | None, today: _dt.date | None = None, *, options: Options = DEFAULT_OPTIONS) -> str | None:
    """`2022-02-04T10:42:17+00:00` gives `2022-02-04T10:42`; other formats go through parse_date.

    The time is kept as written (no time-zone conversion); a midnight time with an offset
    is dropped (CMSs write dates without a time that way), and so is a UTC time that is a
    local midnight east of UTC (`2021-11-04T23:00Z`: the day is the 5th where it was
    written). Dates in the future give None.
    """
    if not value:
        return None
    value = value.strip()
    match = _ISO.match(value)
    today = today or _dt.date.today()
    if not match:
        slashed = _SLASHED.match(value)
        if slashed and slashed["a"] != slashed["b"] and max(int(slashed["a"]), int(slashed["b"])) <= 12:
            return None  # `11/01/2023 12:43` in markup: a US CMS's month first as likely as a day first
        return meta.parse_date(value, today)
    try:
        date = _dt.date.fromisoformat(match["date"])
    except ValueError:
        return None
    time = match["time"]
    seconds = (match["seconds"] or ":00").lstrip(":")
    if time and match["zone"] and _UTC.match(match["zone"]) and float(seconds) == 0:
        hour, minute = int(time[:2]), int(time[3:])
        if minute == 0 and hour in options.date_utc_local_midnight_hours:
            date += _dt.timedelta(days=1)
            return date.isoformat() if date <= today else None
    if date > today:
        return None
    if time and time != "00:00":
        return f"{match['date']}T{time}"
    return match["date"]


def date_from_markup(
    head: PageHead, root: lxml.html.HtmlElement | None, options: Options, tree: lxml.html.HtmlElement | None = None
) -> str | None:
    """The publication date the article's own markup states."""
    for obj in head.articles:
        value = obj.get("datePublished") or obj.get("dateCreated")
        if isinstance(value, str) and (date := iso_date(value, options=options)):
            return date
    for key in _PUBLISHED_META[:3]:
        if date := iso_date(head.meta(key), options=options):
            return date
    if tree is not None and (date := _main_entity_date(tree, options)):
        return date
    if root is not None:
        for element in root.xpath('.//*[@itemprop="datePublished"]|.//time[@datetime]'):
            if inside_furniture(element, root):
                continue
            value = element.get("datetime") or element.get("content") or element.text_content()
            if date := iso_date(value, options=options):
                return date
    for key in _PUBLISHED_META[3:]:
        if date := iso_date(head.meta(key), options=options):
            return date
    return None


#: The microdata dates of an item: when it was published, or written (a question's, a post's).
_ITEM_DATES = './/*[@itemprop="datePublished" or @itemprop="dateCreated"]'


def _main_entity_date(tree: lxml.html.HtmlElement, options: Options) -> str | None:
    """The date the microdata gives the page's main item (`itemprop="mainEntity"`) itself, not
    an item inside it: a question's above its answers, which may sit outside the article's
    container (the thread's header)."""
    for entity in tree.xpath('//*[@itemprop="mainEntity"][@itemscope]'):
        for element in entity.xpath(_ITEM_DATES):
            owner = next((a for a in element.iterancestors() if a.get("itemscope") is not None), None)
            if owner is not entity:
                continue
            value = element.get("datetime") or element.get("content") or element.text_content()
            if date := iso_date(value, options=options):
                return date
    return None


def stated_days(
    head: PageHead,
    root: lxml.html.HtmlElement | None,
    url: str | None,
    options: Options,
) -> tuple[set[_dt.date], set[_dt.date]]:
    """The days the page's address and markup state for the article: (published, modified).

    Published: the address, JSON-LD `datePublished`/`dateCreated`, published meta tags,
    `datePublished` and `<time>` elements of the article; modified: the revision dates."""
    published: list[str | None] = [date_from_url(url)]
    modified: list[str | None] = []
    for obj in head.articles:
        published += [obj.get(key) for key in ("datePublished", "dateCreated") if isinstance(obj.get(key), str)]
        modified += [obj.get("dateModified")] if isinstance(obj.get("dateModified"), str) else []
    for key in _PUBLISHED_META:
        published += head.metas.get(key, [])
    for key in _MODIFIED_META:
        modified += head.metas.get(key, [])
    if root is not None:
        for element in root.xpath('.//*[@itemprop="datePublished"]|.//time[@datetime]'):
            published.append(element.get("datetime") or element.get("content"))
        for element in root.xpath('.//*[@itemprop="dateModified"]'):
            modified.append(element.get("datetime") or element.get("content"))

    def days(values: list[str | None]) -> set[_dt.date]:
        return {_dt.date.fromisoformat(date[:10]) for value in values if (date := iso_date(value, options=options))}

    return days(published), days(modified)


def _shown_texts(tree: lxml.html.HtmlElement) -> Iterator[tuple[str, etree._Element, str]]:
    """(event, element, text) in reading order: an element's own text at its start, its
    tail at its end (`<span class="icon"></span>12.01.2022` holds the date in a tail)."""
    walk = etree.iterwalk(tree, events=("start", "end"))
    for event, element in walk:
        tag = element.tag  # read once: each read builds the string anew
        if not isinstance(tag, str) or tag in UNSHOWN:
            if event == "start":
                walk.skip_subtree()  # nothing in it is shown (its end still comes, with its tail)
            elif element.tail:
                yield event, element, element.tail
        else:
            yield event, element, (element.text if event == "start" else element.tail) or ""


def _shown_under(element: etree._Element, top: etree._Element) -> bool:
    """Whether `_shown_texts(top)` yields `element`'s start: it is `top` or under it, and
    neither it nor an element above it (up to `top`) is unshown."""
    node: etree._Element | None = element
    while node is not None:
        if not isinstance(node.tag, str) or node.tag in UNSHOWN:
            return False
        if node is top:
            return True
        node = node.getparent()
    return False


def _shown_texts_after(element: etree._Element, top: etree._Element) -> Iterator[tuple[str, etree._Element, str]]:
    """What `_shown_texts(top)` yields after `element`'s end (`element` shown under `top`)."""
    return chain.from_iterable(_walks_after(element, top))  # chained in C: no generator in between


def _walks_after(element: etree._Element, top: etree._Element) -> Iterator[Iterable[tuple[str, etree._Element, str]]]:
    """`_shown_texts_after` in pieces: the walk of each following sibling, then the parent's
    end, up to `top`. Comments and processing instructions are skipped, tails and all, as
    `iterwalk` skips them."""
    node = element
    while node is not top:
        for sibling in node.itersiblings(etree.Element):
            yield _shown_texts(sibling)
        node = node.getparent()
        yield (("end", node, node.tail or ""),)


def _shown_texts_from(element: etree._Element, top: etree._Element) -> Iterator[tuple[str, etree._Element, str]]:
    """What `_shown_texts(top)` yields from `element`'s start on (`element` shown under `top`)."""
    return chain(_shown_texts(element), _shown_texts_after(element, top))


def _texts_before(element: etree._Element, top: etree._Element) -> Iterator[str]:
    """The texts `_shown_texts(top)` yields before `element`'s end, last first (blank ones
    too), but `element`'s own text (`element` shown under `top`)."""
    for child in element.iterchildren(etree.Element, reversed=True):
        yield from _reversed_texts(child)
    node = element
    while node is not top:
        for sibling in node.itersiblings(etree.Element, preceding=True):
            yield from _reversed_texts(sibling)
        node = node.getparent()
        yield node.text or ""


def _reversed_texts(element: etree._Element) -> Iterator[str]:
    """The texts `_shown_texts(element)` yields, last first (blank ones too). A stack, not
    recursion: pages nest elements hundreds deep."""
    stack = [(element, False)]
    while stack:
        node, entered = stack.pop()
        if entered:
            yield node.text or ""
            continue
        yield node.tail or ""
        if node.tag not in UNSHOWN:
            stack.append((node, True))
            stack.extend((child, False) for child in node.iterchildren(etree.Element))


def _is_date_line(text: str, options: Options) -> bool:
    """A short text (a date line, a byline with a date), not a sentence that mentions a date."""
    return len(text.split()) <= options.html_date_line_max_words


def headline_element(tree: lxml.html.HtmlElement, title: str | None) -> etree._Element | None:
    """The heading whose text is the title, else the first `<h1>`."""
    if title:
        folded = title.casefold()
        for tags in (
            ("h1", "h2"),
            ("h3",),
        ):  # a blog engine's post title under the blog's name (`<h1>Blog</h1> … <h3>Post</h3>`)
            heading = next((h for h in tree.iter(*tags) if heading_text(h).casefold() == folded), None)
            if heading is not None:
                return heading
    return next(tree.iter("h1"), None)


def header_dates(
    tree: lxml.html.HtmlElement, headline: etree._Element | None, options: Options = DEFAULT_OPTIONS
) -> tuple[str | None, str | None]:
    """(shown, updated): the date shown in the article's header, and the date it shows as a
    revision only (`Last updated: March 3, 2021` just above the headline, with no other date):
    not the page's date, but the only one some pages show.

    The shown date is in the short texts after the headline up to its first paragraph of
    prose, plus that paragraph's opening words (a press release's dateline); else just above
    the headline. Dates inside sentences (a lead announcing an event) and further into the
    story are not taken. The page is read from the headline on, forwards and backwards (the
    walk from the page's start to the headline was most of the time spent here)."""
    if headline is None:
        return None, None
    shown = _shown_under(headline, tree)
    # a headline that is never shown (in a `<noscript>`) opens no header: the page's last texts are above it
    chunks = _header_date_lines(_shown_texts_after(headline, tree), options) if shown else []
    date = _first_unrevised_date(" | ".join(chunks))
    if date:
        return date, None
    # a date just above the headline (kicker and date lines)
    text_before = ""
    for raw in _texts_before(headline, tree) if shown else _reversed_texts(tree):
        if len(text_before) >= options.date_above_headline_chars:
            break
        if raw.strip():
            text_before = join_words(raw) + " | " + text_before
    dates = dates_in(text_before)
    # the last date that no update marker since the date before it labels (`Dec 2, 2021 | Updated: Jan 5, 2024`)
    unrevised, start = [], 0
    for position, day in dates:
        if meta.last_marker(text_before[start:position]) != "updated":
            unrevised.append(day)
        start = position
    if unrevised:
        return unrevised[-1], None
    return None, dates[-1][1] if dates else None


def _header_date_lines(events: Iterable[tuple[str, etree._Element, str]], options: Options) -> list[str]:
    """The short texts among `events` (those after the headline) up to the first paragraph of
    prose or `options.date_header_max_chars`, and that paragraph's dateline: where the header's date is."""
    chunks: list[str] = []
    seen = 0
    for event, element, raw in events:
        if event == "start" and element.tag == "p":
            text = join_words(element.text_content())
            if len(text) >= options.date_header_prose_chars:
                dateline = _dateline_date(text[: options.date_dateline_chars]) or _dateline_after(element, options)
                if dateline:
                    chunks.append(dateline)
                break
        text = join_words(raw)
        if text:
            if _is_date_line(text, options):
                chunks.append(text)
            seen += len(text)
        if seen > options.date_header_max_chars:
            break
    return chunks


def _first_unrevised_date(text: str) -> str | None:
    """The date `text` gives (as `metadata.parse_date`), unless it is only an update's
    (`Article mis à jour le 7 janvier 2020`): that one is not when the page was published."""
    date = meta.parse_date(text)
    if date is None:
        return None
    dates = meta.find_dates(text)
    if all(meta.last_marker(text[:position]) == "updated" for position, _ in dates):
        return None
    return date


#: A dateline: a place (capitalised, a few words) and a comma before the date, or nothing
#: (the paragraph opens with its date: `12. März 2021. Die Stadtbibliothek …`).
_DATELINE_PLACE = regex.compile(r"^(?:\p{Lu}[\p{L}\s|./()-]{0,50},)?\s*$")


def _dateline_date(opening: str) -> str | None:
    """The date of a press release's dateline (`Wiesbaden, 11. November 2021 – …`), or the date
    the story's first paragraph opens with, as written."""
    dates = dates_in(opening)
    if dates and _DATELINE_PLACE.match(opening[: dates[0][0]]):
        return opening[dates[0][0] :]
    return None


def _dateline_after(paragraph: etree._Element, options: Options) -> str | None:
    """The dateline of a short paragraph right after `paragraph` (the standfirst, then
    `Hofheim am Taunus | Wiesbaden, 11. November 2021` on a line of its own)."""
    for sibling in paragraph.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        text = join_words(sibling.text_content())
        if not text:
            continue
        if sibling.tag != "p" or not _is_date_line(text, options):
            return None
        return _dateline_date(text[: options.date_dateline_chars])
    return None


#: Words that mark a date as the page's publication (`metadata`'s, and `Erschienen am`) ...
_PUBLISHED_LINE = regex.compile(
    rf"{meta.PUBLISHED_MARKER.pattern}|\b(?:{vocab.alternation(vocab.words('published_line_words'))})\b"
    rf"|\b(?:{vocab.alternation(vocab.words('date_labels'))})\s*:",
    regex.I,
)


def date_from_marked_lines(
    tree: lxml.html.HtmlElement,
    root: lxml.html.HtmlElement | None,
    headline: etree._Element | None = None,
    *,
    options: Options = DEFAULT_OPTIONS,
) -> tuple[str | None, str | None]:
    """Dates that short lines of the article mark as its publication (`Erschienen am:
    01.11.2023`, `Veröffentlicht am 16.08.2019`, `Written: 2023-11-07`) or its last update
    (`Letzte Änderung: 14.01.2022`, `Aktualisiert am 17.01.2021`), wherever in the article
    they stand (many pages put them at its end): (published, updated), the first of each.
    The article: from its headline (or container, whichever comes first) to the container's
    end; without a container, `options.date_marked_line_max_texts` texts from the headline; without
    either, the page. A marker and its date may sit in neighbouring elements."""
    chunks: list[str] = []
    begun = headline is None and root is None
    texts = _shown_texts(tree)
    if not begun and (first := _first_shown(tree, headline, root)) is not None:
        texts, begun = _shown_texts_from(first, tree), True  # what lies above is never read: not walked
    for event, element, raw in texts:
        if not begun and (element is headline or element is root):
            begun = True
        if not begun:
            continue
        if raw and not raw.isspace():  # most elements have no text or no tail (or a blank one)
            chunks.append(join_words(raw))
        if event == "end" and element is root or root is None and len(chunks) > options.date_marked_line_max_texts:
            break
    published = updated = None
    for index, chunk in enumerate(chunks):
        if len(chunk.split()) > options.html_date_line_max_words or not _DATE_MARKER.search(chunk):
            continue
        published_marker = _PUBLISHED_LINE.search(chunk)
        updated_marker = meta.UPDATED_MARKER.search(chunk) or _LAST_CHANGE.search(chunk)
        if not (published_marker or updated_marker):
            continue
        marker = published_marker or updated_marker
        assert marker is not None
        following = " ".join(
            [chunk[marker.end() :]] + chunks[index + 1 : index + 1 + options.date_marked_line_next_chunks]
        )
        dates = meta.find_dates(following[: options.date_marked_line_chars])
        if not dates and published_marker:
            previous = chunks[max(0, index - options.date_marked_line_previous_chunks) : index]
            dates = _date_before_participle(previous, chunk, marker, options)
        if not dates:
            continue
        if published_marker and published is None:
            published = dates[0][1]
        elif not published_marker and updated is None:
            updated = dates[0][1]
        if published:
            break
    return published, updated


def _first_shown(top: etree._Element, *elements: etree._Element | None) -> etree._Element | None:
    """The first of `elements` (None aside) in reading order, when `_shown_texts(top)` yields
    the start of each; else None."""
    present = [element for element in elements if element is not None]
    if not present or not all(_shown_under(element, top) for element in present):
        return None
    return min(present, key=ELEMENTS_BEFORE)


#: A German participle closing a publication line after its date (`wurde am 19. Mai 2010 um
#: 23:03 Uhr gepostet`): the marker follows the date it marks.
_CLOSING_PARTICIPLE = regex.compile(rf"^(?:{vocab.alternation(vocab.words('closing_participles'))})\b", regex.I)


#: `am DATE` right before such a participle (with the time between: `um 23:03 Uhr`).
_AM_DATE = regex.compile(r"\bam\s+$", regex.I)


def _date_before_participle(
    previous: list[str], chunk: str, marker: regex.Match[str], options: Options
) -> list[tuple[int, str]]:
    """The date of `am DATE … veröffentlicht`, the participle being `marker` in `chunk`; [] for
    any other marker (in English and most languages the marker precedes its date)."""
    if not _CLOSING_PARTICIPLE.match(marker.group()):
        return []
    preceding = " ".join([*previous, chunk[: marker.start()]])[-options.date_marked_line_chars :]
    dates = meta.find_dates(preceding)
    if not dates or not _AM_DATE.search(preceding[: dates[-1][0]]):
        return []
    return dates[-1:]


#: `Letzte Änderung`, `Last change`, `Stand`: a revision date's label.
_LAST_CHANGE = regex.compile(rf"\b(?:{vocab.alternation(vocab.words('last_change_markers'))})\b", regex.I)


#: Any of the three markers: one search rules out the lines that hold none (nearly all).
_DATE_MARKER = regex.compile(
    "|".join(f"(?:{marker.pattern})" for marker in (_PUBLISHED_LINE, meta.UPDATED_MARKER, _LAST_CHANGE)), regex.I
)


def _shown_in_utc(shown: str, date: str, head: PageHead, options: Options) -> bool:
    """Whether the page shows the UTC day of a publication time the markup writes as a local
    midnight in UTC (`2022-11-06T23:00Z`, read as 7 November by `iso_date`, shown `6.11.22`): the
    page renders the stamp without its zone, and the day meant is the markup's."""
    day = _dt.date.fromisoformat(date[:10])
    if len(date) > 10 or _dt.date.fromisoformat(shown[:10]) != day - _dt.timedelta(days=1):
        return False
    raw = [obj.get("datePublished") for obj in head.articles] + [head.meta(key) for key in _PUBLISHED_META]
    for value in raw:
        match = _ISO.match(value.strip()) if isinstance(value, str) else None
        if match and match["date"] == shown[:10] and match["time"] and match["zone"] and _UTC.match(match["zone"]):
            return int(match["time"][:2]) in options.date_utc_local_midnight_hours and match["time"][3:] == "00"
    return False


def _refiled(date: str | None, modified: set[_dt.date]) -> bool:
    """Whether the markup's publication `date` is later than every revision it states: the page
    was filed again (moved to a new system, republished), and its markup says when, not when
    the story first appeared; it contradicts no date the page shows."""
    return date is not None and bool(modified) and _dt.date.fromisoformat(date[:10]) > max(modified)


def _close_to(date: str, days: set[_dt.date], options: Options, most: int | None = None) -> bool:
    """Whether `date` is within `most` days (`options.date_shown_max_days_from_stated`) of one of `days`."""
    day = _dt.date.fromisoformat(date[:10])
    most = options.date_shown_max_days_from_stated if most is None else most
    return any(abs((day - other).days) <= most for other in days)


def find_date(
    tree: lxml.html.HtmlElement,
    head: PageHead,
    root: lxml.html.HtmlElement | None,
    url: str | None,
    headline: etree._Element | None = None,
    *,
    options: Options,
) -> str | None:
    """The date the page shows, when its markup does not contradict it: in the article's
    header, else on a line of the article marked as the publication (`Erschienen am …`).
    Else the date in the page's address, then its markup; else a line marked as the last
    update (`Letzte Änderung: …`, the only date such a page shows), then htmldate's quick
    search, then a contradicted shown date anyway.

    A shown date goes first because it is the one a reader (and a citation) goes by: the
    markup's may be in another time zone, or be when the page was first filed as a draft.
    A shown date far from every date the markup states is more likely an event's than the
    page's, and yields to the markup (unless the markup dates the publication after its own
    revision: a re-filing's date); on a discussion page (`is_discussion`) a shown date that
    is not the markup's own day is a later post's. `headline`: the headline's element (`headline_element`).
    """
    shown, shown_updated = header_dates(tree, headline, options)
    date = date_from_markup(head, root, options, tree)
    thread_start = {_dt.date.fromisoformat(date[:10])} if date and is_discussion(tree, head) else set()
    stated: tuple[set[_dt.date], set[_dt.date]] | None = None
    marked_published = marked_updated = None
    for candidate in (shown, "marked"):
        if candidate == "marked":
            marked_published, marked_updated = date_from_marked_lines(tree, root, headline, options=options)
            candidate = marked_published
        if not candidate:
            continue
        if date and date[:10] == candidate[:10]:
            return date if len(date) > len(candidate) else candidate  # the same day: the one with its time
        if date and _shown_in_utc(candidate, date, head, options):
            return date
        if thread_start and not _close_to(candidate, thread_start, options, options.date_thread_max_days_from_stated):
            continue
        published, modified = stated = stated or stated_days(head, root, url, options)
        if not published or _close_to(candidate, published | modified, options) or _refiled(date, modified):
            return candidate
    from_url = date_from_url(url)
    if from_url and not (date and date.startswith(from_url)):
        return from_url  # the day the CMS filed the page under; the markup may be a later edit
    if date:
        return date
    if marked_updated or shown_updated:
        return marked_updated or shown_updated
    try:
        found = htmldate.find_date(tree, url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises on odd trees; a missing date is not a failure
        found = None
    if found or shown or marked_published:
        return found or shown or marked_published
    # nothing states a date: an entry of the article that opens with its own (a news page's
    # latest release: `14.03.2021 „Neue Radwege …`), else a publication line anywhere on
    # the page (a theme that prints `wurde am … gepostet` in its sidebar)
    return _opening_date(root, options) or date_from_marked_lines(tree, None, None, options=options)[0]


def _opening_date(root: lxml.html.HtmlElement | None, options: Options = DEFAULT_OPTIONS) -> str | None:
    """The date the first text of the article container that opens with one opens with (as a
    dateline: alone or after a place), among its first `options.date_marked_line_max_texts` texts. Only
    an `<article>` or `articleBody` holds one story; a `<main>` may be a grid of event teasers."""
    if root is None or root.tag != "article" and root.get("itemprop") != "articleBody":
        return None
    for count, (_, _, raw) in enumerate(_shown_texts(root)):
        if count > options.date_marked_line_max_texts:
            break
        text = join_words(raw)
        if text and (dateline := _dateline_date(text[: options.date_dateline_chars])):
            return meta.parse_date(dateline)
    return None
