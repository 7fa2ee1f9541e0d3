"""Stage 5 for plain text — where in a dump the headline, byline and date are.

`metadata` says what a byline or a date looks like; this module says where to look. A text
dump has no markup, so the headline is found by what it does rather than where it is: it
sits above the story's first paragraphs and shares their words (and the address's slug),
it is often echoed (a breadcrumb, a repeated line), a byline or date often follows it, and
it is near the body start. The byline and date are then looked for in the header around
the headline and at the opening of the body; a lone name line just after the story and an
end-of-story credit (`X reported from Y`) are fallbacks for the authors, the address's date
one for the date. It never looks inside the story.

Every step is a small function over units so it can be tested on a few readable lines, and
it relies only on the first and last body units, not on exact positions.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import regex

from cleaner import metadata, settings
from cleaner.blocks import Unit
from cleaner.heuristics import is_prose


@dataclass
class TextMetadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    #: unit index -> the field it gave (`title`, `byline`, `date`)
    used: dict[int, str] = field(default_factory=dict)


def find_text_metadata(
    units: Sequence[Unit],
    body: Sequence[int],
    excluded: set[int],
    prefix_date: str | None = None,
    rule_authors: list[str] | None = None,
    rule_date: str | None = None,
    url: str | None = None,
) -> TextMetadata:
    """Title, authors and date of a plain-text capture.

    `body` are the indices of the units kept as body; `excluded` those a rule already
    recognised as chrome (they cannot be the headline). `url`, when known, helps find the
    headline (its slug) and dates a page that states no date near its headline.
    """
    found = TextMetadata(authors=list(rule_authors or []), date=rule_date or prefix_date)
    if not body:
        return found
    body_set = set(body)
    first_body, last_body = min(body), max(body)

    title_index = find_title(units, body_set, excluded, url)
    if title_index is not None:
        text, _ = metadata.split_capture_prefix(units[title_index].text)
        found.title = metadata.strip_title_suffix(text)
        found.used[title_index] = "title"

    header = header_units(units, title_index, first_body, body_set, excluded)
    if found.date is None and (dated := header_date(header)):
        index, found.date = dated
        _use(found, units[index], body_set, "date")
    if not found.authors and (bylined := header_byline(header)):
        index, found.authors = bylined
        _use(found, units[index], body_set, "byline")

    if not found.authors and (lone := closing_name(units, last_body, excluded)):
        index, found.authors = lone
        found.used[index] = "byline"
    if not found.authors:
        found.authors = credit_names(units, sorted(body_set))
    if found.date is None:
        found.date = metadata.date_from_url(url)
    if found.date is None and (dated := loose_date(units, title_index, first_body, last_body, excluded)):
        index, found.date = dated
        _use(found, units[index], body_set, "date")
    return found


def _use(found: TextMetadata, unit: Unit, body: set[int], field_name: str) -> None:
    """Mark a byline or date line as used, unless it is a paragraph of the story (a line with
    both, `By A. Writer February 4, 2022`, counts as the byline)."""
    if found.used.get(unit.index, "date") == "date" and not (unit.index in body and is_prose(unit)):
        found.used[unit.index] = field_name


# --- the headline ---------------------------------------------------------------------------

_WORD = regex.compile(r"\w+")
_BREADCRUMB = regex.compile(r"\s*(?:>|»|›|/|\||::|→|·)\s*")
_SENTENCE_END = regex.compile(r"[.;:,]['\"’”»)]*$")
_NOT_TITLE = regex.compile(r"^[\[(©]|https?://|www\.|@\S+\.|\[\s*\]")
#: A photo caption's credit (`… in Beijing. Photo: AP`, `Kyle Ross/USA TODAY Sports`, `(Archivaufnahme)`)
#: or a sentence break inside the line: captions and teasers, not headlines.
_CAPTION = regex.compile(
    r"\b(?:photo|foto|bild|image|picture|credit|quelle|source|fuente|getty|images|shutterstock|imago|dpa|afp|ap|reuters|efe|epa|"
    r"istock|archiv\w*|click to enlarge|zoom|caption)\b\s*[:/)]?|©|/\s*\p{Lu}[\p{L} ]+$|\p{Ll}[.]\s+\p{Lu}\p{Ll}",
    regex.I,
)
_SLUG_NOISE = frozenset("html htm php asp aspx shtml index article articles news story amp www com".split())


@lru_cache(maxsize=65536)  # pure and called per word per candidate: ~20% of text time uncached
def fold(word: str) -> str:
    """A word lower-cased and without accents, as it appears in a URL slug (`Präsidentschaft`
    gives `prasidentschaft`; the German `ae` spelling is handled by `slug_words`)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def content_words(text: str) -> set[str]:
    """The words of a line that carry meaning (3 letters or more), folded."""
    return {fold(word) for word in _WORD.findall(text) if len(word) >= 3 and not word.isdigit()}


def slug_words(url: str | None) -> set[str]:
    """The words of a page address's slug: its longest path segment of several words."""
    if not url:
        return set()
    path = unquote(urlsplit(url).path)
    best: list[str] = []
    for segment in path.split("/"):
        words = [w for w in regex.split(r"[-_.+,\s]+", segment) if w]
        if len(words) > len(best):
            best = words
    words = {fold(w) for w in best if len(w) >= 3 and not w.isdigit() and w.lower() not in _SLUG_NOISE}
    # a slug writes ä, ö, ü as ae, oe, ue; fold() writes a, o, u
    return words | {regex.sub(r"(?<=[aou])e", "", w) for w in words if regex.search(r"[aou]e", w)}


def title_shape_ok(text: str) -> bool:
    """A line that could be a headline at all: a few words, not a URL, image or copyright line."""
    words = len(text.split())
    return 1 <= words <= settings.TITLE_MAX_WORDS and not _NOT_TITLE.search(text)


def lead_overlap(candidate: str, lead: str) -> float:
    """The share of a candidate's words that the story's first paragraphs use too."""
    words = content_words(candidate)
    if not words:
        return 0.0
    return len(words & content_words(lead)) / (len(words) + settings.TITLE_OVERLAP_PRIOR_WORDS)


def slug_overlap(candidate: str, slug: set[str]) -> float:
    """How well a candidate matches the address's slug (Dice coefficient of their words)."""
    words = content_words(candidate)
    if not words or not slug:
        return 0.0
    words_ascii = words | {regex.sub(r"(?<=[aou])e", "", w) for w in words}
    shared = len(slug & words_ascii)
    return min(1.0, 2 * shared / (len(words) + len(slug)))


def echoed(units: Sequence[Unit], index: int) -> bool:
    """The line occurs again on the page: the same line, or the end of a breadcrumb
    (`Home > News > Headline`), or the start of a page-title line (`Headline | Site`)."""
    key = units[index].text.casefold()
    for unit in units:
        if unit.index == index:
            continue
        other = unit.text.casefold()
        if other == key or len(other) > len(key) and (other.endswith(key) or other.startswith(key)):
            return True
    return False


def extends_other(units: Sequence[Unit], index: int, window: Sequence[Unit]) -> bool:
    """The line is another nearby line plus more: a breadcrumb ending in the headline
    (`Home>News>Headline`), or the headline with a site name or a rating after it."""
    text = units[index].text.casefold()
    for unit in window:
        other = unit.text.casefold()
        if unit.index != index and unit.words >= settings.TITLE_CANDIDATE_MIN_WORDS and len(other) < len(text):
            if text.endswith(other) or text.startswith(other):
                return True
    return False


def _lead_text(
    units: Sequence[Unit], index: int, excluded: set[int], body: set[int] = frozenset(), count: int | None = None
) -> str:
    """The first `count` paragraphs below a unit (body units or prose): the story, if it is its headline."""
    count = count or settings.TITLE_LEAD_UNITS
    lead: list[str] = []
    for unit in units[index + 1: index + 1 + settings.TITLE_LEAD_SEARCH_UNITS]:
        if unit.index not in excluded and (unit.index in body or is_prose(unit)):
            lead.append(unit.text)
            if len(lead) >= count:
                break
    return " ".join(lead)


def _related(first: Unit, second: Unit) -> bool:
    """Two lines that share a word (a headline and its standfirst)."""
    return bool(content_words(first.text) & content_words(second.text))


def _headline_shaped(unit: Unit | None, excluded: set[int]) -> bool:
    return (
        unit is not None
        and unit.index not in excluded
        and settings.TITLE_GOOD_MIN_WORDS <= unit.words <= settings.TITLE_MAX_WORDS
        and not is_prose(unit)
        and not _NOT_TITLE.search(unit.text)
    )


def title_score(
    units: Sequence[Unit],
    index: int,
    first_body: int,
    excluded: set[int],
    slug: set[str],
    window: Sequence[Unit] = (),
    body: set[int] = frozenset(),
) -> float:
    """How much a unit looks like the page's headline (see the module docstring); `window`
    are the other candidates (a line that extends one of them is a breadcrumb or page title)."""
    unit = units[index]
    text = metadata.strip_title_suffix(metadata.split_capture_prefix(unit.text)[0])
    score = settings.TITLE_WEIGHT_LEAD_OVERLAP * lead_overlap(text, _lead_text(units, index, excluded, body))
    score += settings.TITLE_WEIGHT_FIRST_PARAGRAPH * lead_overlap(text, _lead_text(units, index, excluded, body, 1))
    score += settings.TITLE_WEIGHT_SLUG * slug_overlap(text, slug)
    if unit.words >= settings.TITLE_GOOD_MIN_WORDS and echoed(units, index):
        score += settings.TITLE_WEIGHT_ECHO
    below = units[index + 1: index + 1 + settings.TITLE_META_BELOW_UNITS]
    if any(u.words <= settings.BYLINE_MAX_WORDS and (metadata.parse_date(u.text) or metadata.parse_byline(u.text)) for u in below):
        score += settings.TITLE_WEIGHT_META_BELOW
    if settings.TITLE_GOOD_MIN_WORDS <= unit.words <= settings.TITLE_GOOD_MAX_WORDS:
        score += settings.TITLE_WEIGHT_GOOD_LENGTH
    score -= settings.TITLE_WEIGHT_DISTANCE * math.log2(1 + abs(first_body - index))
    previous = units[index - 1] if index > 0 else None
    following = units[index + 1] if index + 1 < len(units) else None
    if _headline_shaped(unit, excluded) and _headline_shaped(following, excluded):
        score += settings.TITLE_WEIGHT_STANDFIRST_BELOW
    if _headline_shaped(unit, excluded) and _headline_shaped(previous, excluded):
        score -= settings.TITLE_PENALTY_HEADLINE_ABOVE
    if index > first_body:
        score -= settings.TITLE_PENALTY_IN_BODY
    if unit.words < settings.TITLE_CANDIDATE_MIN_WORDS:
        score -= settings.TITLE_PENALTY_ONE_WORD
    if metadata.looks_like_name(text):
        score -= settings.TITLE_PENALTY_NAME
    if unit.item >= 0:
        score -= settings.TITLE_PENALTY_LIST_ITEM
    if _SENTENCE_END.search(text) or is_prose(unit) and unit.words > settings.TITLE_GOOD_MAX_WORDS:
        score -= settings.TITLE_PENALTY_SENTENCE
    if _CAPTION.search(text):
        score -= settings.TITLE_PENALTY_CAPTION
    if extends_other(units, index, window):
        score -= settings.TITLE_PENALTY_EXTENDS
    return score


def find_title(
    units: Sequence[Unit], body: set[int], excluded: set[int], url: str | None = None
) -> int | None:
    """The index of the headline unit near the body start, or None when nothing scores enough."""
    if not body:
        return None
    first_body = min(body)
    slug = slug_words(url)
    best: tuple[float, int] | None = None
    low = max(0, first_body - settings.TITLE_SEARCH_ABOVE)
    high = min(len(units), first_body + settings.TITLE_SEARCH_BELOW + 1)
    window = [
        unit for unit in units[low:high]
        if unit.index not in excluded and title_shape_ok(unit.text) and not _is_byline_or_date(unit)
    ]
    for unit in window:
        score = title_score(units, unit.index, first_body, excluded, slug, window, body)
        if best is None or score > best[0]:
            best = (score, unit.index)
    if best is None or best[0] < settings.TITLE_MIN_SCORE:
        return None
    return best[1]


def _is_byline_or_date(unit: Unit) -> bool:
    """A short line that is a byline or a date line, not a headline that names someone (a
    line that is only a name, `Will Smith`, may still be a headline: it is scored lower)."""
    if unit.words > settings.NAME_MAX_WORDS + 4:
        return False
    if metadata.parse_date(unit.text):
        return True
    return bool(metadata.parse_byline(unit.text)) and not metadata.looks_like_name(unit.text)


# --- the header: byline and date -------------------------------------------------------------


def header_units(
    units: Sequence[Unit], title_index: int | None, first_body: int, body: set[int], excluded: set[int]
) -> list[Unit]:
    """The units around the headline (or, without one, the body start) that may hold the byline
    and date, nearest first: below the headline down to the story's first paragraphs, then
    the few lines just above it."""
    if title_index is None:
        above_body = [u for u in units[:first_body] if u.index not in excluded][-settings.HEADER_WINDOW_UNITS:]
        opening = [units[i] for i in sorted(body)[:2] if not is_prose(units[i])]
        return opening + [u for u in reversed(above_body) if u.words <= settings.BYLINE_MAX_WORDS]
    anchor = title_index
    below: list[Unit] = []
    prose = 0
    last_body = max(body)
    for unit in units[anchor + 1: min(anchor + 1 + settings.HEADER_BELOW_TITLE, last_body + 1)]:
        if unit.index in excluded:
            continue
        if is_prose(unit):
            prose += 1
            if prose >= settings.HEADER_MAX_PROSE:
                break
            continue
        below.append(unit)
    above = [
        u for u in reversed(units[max(0, anchor - settings.HEADER_ABOVE_TITLE): max(0, anchor)])
        if u.index not in excluded and u.words <= settings.BYLINE_MAX_WORDS
    ]
    return below + above


def header_date(header: Sequence[Unit]) -> tuple[int, str] | None:
    """The publication date among the header lines: the nearest dated line, but a line saying
    `Published` wins over one saying `Updated`."""
    dated = []
    for unit in header:
        if unit.words > settings.BYLINE_MAX_WORDS:
            continue
        if date := metadata.parse_date(unit.text):
            dated.append((unit.index, date, metadata.date_marker(unit.text)))
    if not dated:
        return None
    for index, date, marker in dated:
        if marker == "published":
            return index, date
    for index, date, marker in dated:
        if marker != "updated":
            return index, date
    return dated[0][0], dated[0][1]


def loose_date(
    units: Sequence[Unit], title_index: int | None, first_body: int, last_body: int, excluded: set[int]
) -> tuple[int, str] | None:
    """A date standing on a short line of its own anywhere from the headline to just after the
    story (`Stand: 28.04.2020 18:00 Uhr`, `Veröffentlicht am 16.08.2019`), when the header has
    none: such a line dates the page, while a date inside a sentence is never taken."""
    anchor = title_index if title_index is not None else first_body
    start = max(0, min(anchor, first_body) - settings.HEADER_ABOVE_TITLE)
    lines = [
        u for u in units[start: last_body + 1 + settings.FOOTER_WINDOW_UNITS]
        if u.index not in excluded and u.words <= settings.DATE_LINE_MAX_WORDS and not is_prose(u)
    ]
    dated = [(u.index, date, metadata.date_marker(u.text)) for u in lines if (date := metadata.parse_date(u.text))]
    if not dated:
        return None
    dated.sort(key=lambda d: (d[2] != "published", d[2] == "updated", abs(d[0] - anchor)))
    return dated[0][0], dated[0][1]


def header_byline(header: Sequence[Unit]) -> tuple[int, list[str]] | None:
    """The authors of the nearest byline among the header lines."""
    for unit in header:
        if names := metadata.parse_byline(unit.text):
            return unit.index, names
    return None


# --- after the story ---------------------------------------------------------------------------


def closing_name(units: Sequence[Unit], last_body: int, excluded: set[int]) -> tuple[int, list[str]] | None:
    """A lone name line just after the story (`Christi C. Elwood`), the signature of wire copy."""
    after = [u for u in units[last_body + 1:] if u.index not in excluded][: settings.FOOTER_WINDOW_UNITS]
    for unit in after:
        if metadata.looks_like_name(unit.text):
            return unit.index, [metadata.natural_case(unit.text)]
    return None


def credit_names(units: Sequence[Unit], body: Sequence[int]) -> list[str]:
    """Reporters of an end-of-story credit (`Jeong reported from Seoul.`) in the last paragraphs."""
    for index in body[-3:]:
        if names := metadata.names_from_credit(units[index].text):
            return names
    return []
