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

import heapq
import math
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence, Set
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

import regex

from cleaner import meta, settings
from cleaner.blocks import Unit
from cleaner.meta import vocab
from cleaner.settings import DEFAULT_OPTIONS, Options
from cleaner.text import authors
from cleaner.text.heuristics import is_prose
from cleaner.text.title_model import TitleModel, load_title_model, weighted_sum
from cleaner.textutil import WORD, fold, line_starts


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
    *,
    options: Options = DEFAULT_OPTIONS,
    lines: CaptureLines | None = None,
) -> TextMetadata:
    """Title, authors and date of a plain-text capture.

    `body` are the indices of the units kept as body; `excluded` those a rule already
    recognised as chrome (they cannot be the headline). `url`, when known, helps find the
    headline (its slug) and dates a page that states no date near its headline. `lines`:
    what an earlier search over the same capture read of its lines (see `CaptureLines`);
    the result is the same without it.
    """
    found = TextMetadata(authors=list(rule_authors or []), date=rule_date or prefix_date)
    if not body:
        return found
    body_set = set(body)
    starts = story_starts(units, sorted(body_set), options)
    last_body = max(body)

    page = _page_for(units, body_set, excluded, starts, url, options, lines)
    title_index, first_body = find_title_and_start(units, body_set, excluded, url, page, starts, options=options)
    if title_index is not None and (chosen := choose_title(page, title_index, first_body, load_title_model())):
        # The chooser names the title; the line the search found stays the headline's place,
        # which leaves the body and around which the byline and date are looked for: moved to
        # the chooser's line, they did worse on unseen pages (body word F1 and authors fell).
        found.title = chosen[1]
        found.used[title_index] = "title"

    header = header_units(units, title_index, first_body, body_set, excluded, options)
    date_line = None  # the unit that gave the date
    if found.date is None and (dated := header_date(header, page, options=options)):
        date_line, found.date = dated
        _use(found, units[date_line], body_set, "date")
    if title_index is not None:
        # a wrapped dump may join the date line to the standfirst above it
        tail_date, tail_names = trailing_meta(units, title_index, excluded, options)
        found.date = found.date or tail_date
    else:
        tail_names = []
    # the order of trust: a site rule's byline, then the learned choice among the candidates,
    # then an end-of-story credit
    if not found.authors:
        context = authors.AuthorContext(
            units, title_index if title_index is not None else first_body, first_body, last_body,
            frozenset(body_set), frozenset(excluded), found.title, page.host,
        )  # fmt: skip
        candidates = author_candidates(
            units, header, page, title_index, first_body, found, date_line, tail_names, excluded, options
        )
        candidates += authors.name_line_candidates(context, options, page.lines.name_lines)
        candidates = [_without_site_or_admin(c, page.host, options) for c in candidates]
        for candidate in candidates:
            if not candidate.names and candidate.source == "header_by_word" and candidate.index is not None:
                _use(found, units[candidate.index], body_set, "byline")  # (an admin's byline is still a byline)
        candidates = [c for c in candidates if c.names]
        if author := authors.choose(candidates, context, options):
            found.authors = list(author.names)
            if author.index is not None and author.source in _LINE_SOURCES:
                _use(found, units[author.index], body_set, "byline")
            elif author.index is not None and author.source == "by_date":
                found.used.setdefault(author.index, "byline")
            elif author.index is not None and author.source == "closing":
                found.used[author.index] = "byline"
        else:
            found.authors = credit_names(units, sorted(body_set))
    else:
        if page.host:
            found.authors = [meta.without_site_name(name, page.host) for name in found.authors]
        found.authors = [name for name in found.authors if not meta.is_admin_account(name)]
    if found.date is None:
        found.date = meta.date_from_url(url)
    if found.date is None and (
        dateline := dateline_date(units, [i for i in sorted(body_set) if i not in found.used], options)
    ):
        found.date = dateline
    if found.date is None and (dated := loose_date(units, title_index, first_body, last_body, excluded, options)):
        index, found.date = dated
        _use(found, units[index], body_set, "date")
    if found.date is None:
        story = range(min(first_body, title_index if title_index is not None else first_body), last_body + 1)
        found.date = first_date(units, story)
    return found


def first_date(units: Sequence[Unit], story: range) -> str | None:
    """The first full date the dump writes outside the story (`story`: the indices from its
    headline to its last paragraph, whose dates are events it tells of): the last resort for
    a page that dates no line near its story, as htmldate's search of a page's text is for
    trafilatura. A guess (a sidebar teaser's date, a comment's, a footer's), so its day only."""
    for unit in units:
        if unit.index not in story and _DIGIT.search(unit.text) and (dates := meta.find_dates(unit.text)):
            return dates[0][1][:10]
    return None


# --- the authors: candidates in the order of trust -------------------------------------------

#: The sources whose line is a byline line, out of the body unless it is a paragraph of the story.
_LINE_SOURCES = frozenset(
    {"header_by_word", "header_shape", "header_line", "labelled", "name_line_head", "by_line_head"}
)


def author_candidates(
    units: Sequence[Unit],
    header: Sequence[Unit],
    page: _Page,
    title_index: int | None,
    first_body: int,
    found: TextMetadata,
    date_line: int | None,
    tail_names: list[str],
    excluded: set[int],
    options: Options,
) -> list[authors.AuthorCandidate]:
    """What each byline source reads, in the order of trust (the model sees the order): the
    header's byline (one with a by-word first), the other header lines read as bylines, a
    byline closing a paragraph under the headline, a labelled line anywhere in the story, a
    name beside the date line, a signature after the story, an end-of-story credit, an author
    link, a copyright holder. (An end-of-story credit, `Doe reported from Rome.`, is no candidate:
    too rare to learn from, it is taken as stated when the model picks none.)"""
    last_body = max(page.body)
    out: list[authors.AuthorCandidate] = []
    if bylined := header_byline(header, page, title_index, found.title, options=options):
        index, names, by_word = bylined
        out.append(authors.AuthorCandidate("header_by_word" if by_word else "header_shape", names, index))
    repeated = found.title.casefold() if found.title else None
    for unit in header:
        if unit.text.strip().casefold() != repeated and (names := page.byline(unit.index)):
            out.append(authors.AuthorCandidate("header_line", names, unit.index))
    if tail_names:
        out.append(authors.AuthorCandidate("trailing", tail_names, title_index))
    start = first_body if title_index is None else min(first_body, title_index + 1)
    if labelled := labelled_byline(units, start, last_body, excluded, options):
        out.append(authors.AuthorCandidate("labelled", labelled[1], labelled[0]))
    if date_line is None and (loose := loose_date(units, title_index, first_body, last_body, excluded, options)):
        # (a date line after the story is a sidebar's or a calendar's, not the page's)
        date_line = loose[0] if loose[0] <= last_body else None
    if date_line is not None and (beside := name_by_date(units, date_line, excluded | found.used.keys(), options)):
        out.append(authors.AuthorCandidate("by_date", beside[1], beside[0]))
    if lone := closing_name(units, last_body, excluded, options):
        out.append(authors.AuthorCandidate("closing", lone[1], lone[0]))
    if names := author_link(units, last_body, options):
        out.append(authors.AuthorCandidate("author_link", names, None))
    if names := copyright_holder(units, last_body, options=options):
        out.append(authors.AuthorCandidate("copyright", names, None))
    return out


def _without_site_or_admin(
    candidate: authors.AuthorCandidate, host: str | None, options: Options
) -> authors.AuthorCandidate:
    """A candidate's names without a by-word read as a name's particle (`Von Jane Doe`), without
    the site's name glued to them, and without an admin account."""
    names = [
        name
        for whole in candidate.names
        for name in ((meta.has_by_word(whole) and meta.parse_byline(whole, options)) or [whole])
    ]
    names = [meta.without_site_name(name, host) for name in names] if host else names
    candidate.names = [name for name in names if name and not meta.is_admin_account(name)]
    return candidate


def _use(found: TextMetadata, unit: Unit, body: set[int], field_name: str) -> None:
    """Mark a byline or date line as used, unless it is a paragraph of the story (a line with
    both, `By A. Writer February 4, 2022`, counts as the byline)."""
    if found.used.get(unit.index, "date") == "date" and not (unit.index in body and is_prose(unit)):
        found.used[unit.index] = field_name


# --- the headline ---------------------------------------------------------------------------


def story_starts(units: Sequence[Unit], body: Sequence[int], options: Options) -> list[int]:
    """Where the story may start: the first body unit, and the first unit of each later run
    of the body that stands apart from what is above it (more than `options.story_start_gap_units`
    units away) while what is above it is a small part of the body: a cookie notice, a
    newsletter prompt or a browser warning that the body heuristics kept far above the story
    is not its opening, and its headline is not above it. `body` is sorted."""
    starts = [body[0]]
    words = [units[index].words for index in body]
    total = sum(words)
    above = 0
    for position, index in enumerate(body):
        if above * options.story_start_stray_share > total:
            break  # (no later run can be passed over)
        if position and index - body[position - 1] > options.story_start_gap_units:
            if len(starts) > options.story_start_max_skipped:
                break
            starts.append(index)
        above += words[position]
    return starts


_LONG_WORD = regex.compile(r"\w{3,}")  # the words of 3 letters or more, whole (greedy)
#: In ASCII text the words are the runs of ASCII letters, digits and `_` (`re` finds them
#: faster than `regex`).
_LONG_ASCII_RUN = re.compile(r"[A-Za-z0-9_]{3,}")
_LONG_ASCII_WORD = regex.compile(r"(?<!\w)[A-Za-z0-9_]{3,}(?!\w)")
_LONG_OTHER_WORD = regex.compile(r"\w*[^\x00-\x7f\W]\w*")
_DIGIT = regex.compile(r"\d")
_SENTENCE_END = regex.compile(r"[.;:,]['\"’”»)]*$")
#: (a line opening with a short bracketed label and going on for a few words, `(16) Update: …`,
#: `[Expertenwissen] Per Update …`, may be a headline; a bracket around more is a caption or a
#: placeholder)
_NOT_TITLE = regex.compile(r"^©|^[\[(](?![^\[\]()]{1,30}[\])]\s+\S+\s+\S+\s+\S)|https?://|www\.|@\S+\.|\[\s*\]")
#: A photo caption's credit (`… in Beijing. Photo: AP`, `Jane Doe/DAILY TIDE Sports`, `(Archivaufnahme)`)
#: or a sentence break inside the line: captions and teasers, not headlines.
_CAPTION = regex.compile(
    rf"\b(?:{vocab.alternation(vocab.words('caption_words'), space=' ')}|archiv\w*)\b\s*[:/)]?"
    r"|©|/\s*\p{Lu}[\p{L} ]+$|\p{Ll}[.]\s+\p{Lu}\p{Ll}",
    regex.I,
)
#: The site's own notices and navigation aids, which dumps often put first: a cookie banner, a
#: skip link, an affiliate disclosure (`Diese Webseite verwendet Cookies`, `Zum Inhalt springen`).
_SITE_CHROME = regex.compile(rf"\b(?:{vocab.alternation(vocab.words('site_notice_words'), space=' ')})\b", regex.I)
_SLUG_NOISE = vocab.words("slug_noise")
#: A score this close to the best is evaluated fully (the upper bounds are sums of floats).
_BOUND_SLACK = 1e-9
_UNKNOWN = object()


# (each pass over a capture asks again for the words of the same lines; see _find_dates)
@lru_cache(maxsize=settings.METADATA_CACHED_LINES)
def content_words(text: str) -> frozenset[str]:
    """The words of a line that carry meaning (3 letters or more), folded."""
    if text.isascii():  # fold() of an ASCII word is the word lower-cased; most lines are ASCII
        words = set(_LONG_ASCII_RUN.findall(text.lower()))
    else:  # the same, with only the words that are not ASCII folded one by one
        # (the whole `\w+` runs, then split by script: as `_LONG_ASCII_WORD` and `_LONG_OTHER_WORD`
        # find them, and a regex that starts `\w*` is slow to fail)
        words = {word for word in WORD.findall(text.lower()) if len(word) >= 3 and word.isascii()}
        words.update(fold(word) for word in WORD.findall(text) if len(word) >= 3 and not word.isascii())
    if _DIGIT.search(text):
        words = {word for word in words if not word.isdigit()}
    return frozenset(words)


_SLUG_SPLIT = regex.compile(r"[-_.+,\s]+")
_SLUG_UMLAUT = regex.compile(r"(?<=[aou])e")


def _without_umlaut_e(word: str) -> str:
    """`praesident` → `prasident`: a slug's ae, oe, ue as fold() writes ä, ö, ü."""
    return _SLUG_UMLAUT.sub("", word) if "ae" in word or "oe" in word or "ue" in word else word


def slug_words(url: str | None) -> set[str]:
    """The words of a page address's slug: its longest path segment of several words."""
    if not url:
        return set()
    path = unquote(urlsplit(url).path)
    best: list[str] = []
    for segment in path.split("/"):
        words = [w for w in _SLUG_SPLIT.split(segment) if w]
        if len(words) > len(best):
            best = words
    folded = {fold(w) for w in best if len(w) >= 3 and not w.isdigit() and w.lower() not in _SLUG_NOISE}
    # a slug writes ä, ö, ü as ae, oe, ue; fold() writes a, o, u
    return folded | {_without_umlaut_e(w) for w in folded if "ae" in w or "oe" in w or "ue" in w}


def title_text(line: str, host: str | None = None, site_names: Sequence[str] = ()) -> str:
    """The headline in a headline line: without a capture tool's prefix (`date 2022-02-03 …`)
    and without the site's name after it (the address's, a wire's or one the page states:
    `site_names`)."""
    return meta.strip_site_suffix(meta.split_capture_prefix(line)[0], host, site_names)


#: Breadcrumb separators: a headline line with two of them is a trail ending in the headline.
_TRAIL = regex.compile(r"\s+(?:/|»|>|›)\s+")
#: What sets a headline apart from the site's or section's words on another line.
_LINE_SEPARATORS = (" - ", " – ", " — ", " | ", ": ", " : ", " · ")


def headline_alone(page: _Page, index: int, title: str) -> str:
    """The headline without what a capture glued to its line: a breadcrumb trail before it
    (`home / Betrieb / IT / Headline`), or a kicker (`Immobilienkrise Headline`,
    `Nach Corona-Lockerungen: Headline`) whose headline the page also shows on its own, as a
    whole line or set off by a separator (`Headline - Site`, `Mehr zu: Kicker - Headline`)."""
    options = page.options
    parts = _TRAIL.split(title)
    if len(parts) >= 3 and parts[-1]:
        return parts[-1]
    words = title.split(" ")
    if len(words) < 2:
        return title
    folded_title = title.casefold()
    own = page.units[index].text.casefold()
    most = min(options.title_kicker_max_words, len(words) - options.title_kicker_min_rest_words, len(words) // 2)
    for dropped in range(1, most + 1):
        if words[dropped - 1].endswith(":") or words[dropped - 1] in ("-", "–", "—", "|"):
            break  # `Kicker: Headline` is how the headline reads (`DGB: Brückensperrung …`)
        rest = " ".join(words[dropped:])
        kicker = " ".join(words[:dropped]).casefold().rstrip(" :–—-|")
        key = rest.casefold()
        if folded_title.endswith(key) and page.shown_alone(key, own, kicker):
            return rest
    return title


def _not_title(text: str) -> bool:
    """A URL, an image placeholder or a copyright line (the regex runs only when a sign of one is there)."""
    return (text[:1] in ("[", "(", "©") or "http" in text or "www." in text or "@" in text or "[" in text) and bool(
        _NOT_TITLE.search(text)
    )


def title_shape_ok(text: str, options: Options = DEFAULT_OPTIONS) -> bool:
    """A line that could be a headline at all: a few words, not a URL, image or copyright line.

    With `title_score`, the plain definition that the pruned search (`_best_title`) is tested
    against (scoring every candidate this way must choose as it does)."""
    words = len(text.split())
    return 1 <= words <= options.title_max_words and not _not_title(text)


def _overlap(words: Set[str], lead: Set[str], options: Options) -> float:
    return len(words & lead) / (len(words) + options.title_overlap_prior_words) if words else 0.0


def _slug_overlap(words: Set[str], slug: set[str]) -> float:
    if not words or not slug:
        return 0.0
    words_ascii = words | {_without_umlaut_e(w) for w in words}
    shared = len(slug & words_ascii)
    return min(1.0, 2 * shared / (len(words) + len(slug)))


def slug_overlap(candidate: str, slug: set[str]) -> float:
    """How well a candidate matches the address's slug (Dice coefficient of their words)."""
    return _slug_overlap(content_words(candidate), slug)


class CaptureLines:
    """What the metadata search reads of each line of one capture, whatever the body it is
    searched around: a line's words, prose, date and byline, whether it is headline-shaped or
    echoed, the headline candidates it gives and the name it is. A pass searches twice, around its body and
    again around the settled body's core (`cleaner.text.pipeline`); the second search takes the
    first one's readings from here instead of working them out again. Made for one capture's
    units, rule-excluded lines, address and options: a search over others (a settling pass
    rewrote a line) starts afresh."""

    def __init__(self, units: Sequence[Unit], excluded: Set[int], url: str | None, options: Options) -> None:
        self.texts = [unit.text for unit in units]
        self.excluded = frozenset(excluded)
        self.url = url
        self.options = options
        self.words: dict[int, int] = {}
        self.prose: dict[int, bool] = {}
        self.content: dict[int, frozenset[str]] = {}
        self.date: dict[int, str | None] = {}
        self.byline: dict[int, list[str]] = {}
        self.headline_shaped: dict[int, bool] = {}
        self.echoed: dict[int, bool] = {}
        self.folded_page: str | None = None  # the page's lines case-folded, one per line
        #: the texts that stand alone on a line or next to a separator (see `_Page.shown_alone`)
        self.alone: _AloneIndex | None = None
        #: (unit, headline text, the names the page states) -> what `title_candidates` reads of
        #: the line whatever the body
        self.title_lines: dict[tuple[int, str, tuple[str, ...]], _TitleLine] = {}
        #: (unit, the names the page states) -> the headline search's text, words and slug term of the line
        self.title_words: dict[tuple[int, tuple[str, ...]], tuple[str, Set[str], float]] = {}
        #: (unit, the names the page states) -> `title_text` of the line
        self.title_texts: dict[tuple[int, tuple[str, ...]], str] = {}
        #: unit -> `_title_marks` of its line; (unit, headline text case-folded, the names the page
        #: states) -> `_title_stated` of the text
        self.title_marks: dict[int, tuple[float, float, float]] = {}
        self.title_stated: dict[tuple[int, str, tuple[str, ...]], tuple[float, float]] = {}
        #: unit -> `authors.name_line_reading` of its line
        self.name_lines: dict[int, tuple[str, tuple[str, ...]] | None] = {}

    def fits(self, units: Sequence[Unit], excluded: Set[int], url: str | None, options: Options) -> bool:
        """Whether these are the lines, exclusions, address and options the readings were made for."""
        return (
            url == self.url
            and options == self.options
            and excluded == self.excluded
            and len(units) == len(self.texts)
            and all(unit.text == text for unit, text in zip(units, self.texts, strict=True))
        )


class _Page:
    """What the headline search asks about a page's units, each worked out once and only when
    asked: every candidate looks at the same neighbours, paragraphs and lines again (done per
    candidate, the search cost ~15 ms a page, 60 % of the text pipeline)."""

    def __init__(
        self,
        units: Sequence[Unit],
        body: set[int],
        excluded: set[int],
        options: Options,
        lead_span: tuple[int, int] | None = None,
        url: str | None = None,
        lines: CaptureLines | None = None,
    ) -> None:
        """`lead_span`: the units (start, stop) that lead paragraphs are looked for in (all of them
        by default); `lines`: what an earlier search read of the same lines (see `CaptureLines`)."""
        self.units = units
        self.options = options
        self.url = url
        self.host = urlsplit(url).hostname if url else None
        self.body = body
        self.excluded = excluded
        if lines is None or not lines.fits(units, excluded, url, options):
            lines = CaptureLines(units, excluded, url, options)
        self.lines = lines
        self._words = lines.words
        self._prose = lines.prose
        self._content = lines.content
        self._date = lines.date
        self._byline = lines.byline
        self._headline_shaped = lines.headline_shaped
        self._lead: dict[tuple[int, int], set[str]] = {}
        self._lead_at: dict[tuple[int, int], set[str]] = {}  # (unit, count) -> `lead_words`
        self._leads: list[int] | None = None  # units that may be a lead paragraph, in order
        self._lead_low, self._lead_high = lead_span or (0, len(units))
        #: a headline candidate's overlap with the story below it: the same whichever start
        #: of the story the search is for
        self.lead_scores: dict[int, float] = {}

    @cached_property
    def text_browser_layout(self) -> bool:
        """Whether the capture is a text browser's dump (w3m's, wrapped at 80 columns or not)
        rather than a web browser's innerText: wrapped (`split_units` joined a unit's lines), or
        its lists drawn with indented bullet marks, which innerText writes as bare lines. The two
        lay a page out differently: a text browser frames headings with blank lines, innerText
        sets a heading off from the block before it by a line break alone and frames paragraphs."""
        if any(unit.last_line > unit.first_line for unit in self.units):
            return True
        marked = 0
        for unit in self.units:
            if unit.is_bullet and unit.indent > 0:
                marked += 1
                if marked >= self.options.text_browser_min_marked_items:
                    return True
        return False

    @cached_property
    def site_names(self) -> tuple[str, ...]:
        """The names the page states it goes by: the holders of the copyright lines in its
        footer, below the story (the lines above it are not read: footers are where sites
        state their names, and the search runs for every headline candidate)."""
        footer = self.units[max(self.body) + 1 :] if self.body else self.units
        return tuple(holder for _, holder in copyright_holders(footer, self.options))

    def words(self, index: int) -> int:
        if (count := self._words.get(index)) is None:
            count = self._words[index] = len(self.units[index].text.split())
        return count

    def prose(self, index: int) -> bool:
        if (prose := self._prose.get(index)) is None:
            prose = self._prose[index] = is_prose(self.units[index])
        return prose

    def content(self, index: int) -> frozenset[str]:
        if (words := self._content.get(index)) is None:
            words = self._content[index] = content_words(self.units[index].text)
        return words

    def date(self, index: int) -> str | None:
        """`metadata.parse_date` of the unit."""
        if (date := self._date.get(index, _UNKNOWN)) is _UNKNOWN:
            date = self._date[index] = meta.parse_date(self.units[index].text)
        return date  # type: ignore[return-value]

    def byline(self, index: int) -> list[str]:
        """`metadata.parse_byline` of the unit (a copy: the caller may keep it)."""
        if (names := self._byline.get(index)) is None:
            names = self._byline[index] = meta.parse_byline(self.units[index].text, self.options)
        return list(names)

    def is_meta(self, index: int) -> bool:
        """A byline or date line (the sign of a headline just above it)."""
        return self.words(index) <= self.options.byline_max_words and bool(self.date(index) or self.byline(index))

    def byline_or_date(self, index: int) -> bool:
        """A short line that is a byline or a date line, not a headline that names someone (a
        line that is only a name, `Will Smith`, may still be a headline: it is scored lower)."""
        if self.words(index) > settings.NAME_MAX_WORDS + 4:
            return False
        if self.date(index):
            return True
        # (the name test first: it is quicker than reading the line as a byline)
        return not meta.looks_like_name(self.units[index].text) and bool(self.byline(index))

    def headline_shaped(self, index: int) -> bool:
        """A line shaped like a headline or standfirst: a few words, not a sentence, not a URL."""
        if index < 0 or index >= len(self.units):
            return False
        if (shaped := self._headline_shaped.get(index)) is None:
            shaped = self._headline_shaped[index] = (
                index not in self.excluded
                and self.options.title_good_min_words <= self.words(index) <= self.options.title_max_words
                and not self.prose(index)
                and not _not_title(self.units[index].text)
            )
        return shaped

    def lead_words(self, index: int, count: int) -> set[str]:
        """The words of the first `count` paragraphs below a unit (body units or prose) within
        `options.title_lead_search_units`: the story, if it is its headline."""
        if (known := self._lead_at.get((index, count))) is not None:
            return known
        if self._leads is None:
            self._leads = [
                other
                for other in range(self._lead_low, min(len(self.units), self._lead_high))
                if other not in self.excluded and (other in self.body or self.prose(other))
            ]
        leads = self._leads
        start = bisect_right(leads, index)
        stop = index + self.options.title_lead_search_units
        taken = leads[start : start + count]
        while taken and taken[-1] > stop:
            taken.pop()
        key = (start, len(taken))
        if (words := self._lead.get(key)) is None:
            words = self._lead[key] = set().union(*(self.content(other) for other in taken))
        self._lead_at[index, count] = words
        return words

    @property
    def _folded_page(self) -> str:
        """The page's lines case-folded, one per line."""
        if self.lines.folded_page is None:
            self.lines.folded_page = "\n".join(unit.text for unit in self.units).casefold()
        return self.lines.folded_page

    def echoed(self, index: int) -> bool:
        """The line occurs again on the page: the same line, or the end of a breadcrumb
        (`Home > News > Headline`), or the start of a page-title line (`Headline | Site`)."""
        if (echo := self.lines.echoed.get(index)) is None:
            echo = self.lines.echoed[index] = self._echoed(index)
        return echo

    def _echoed(self, index: int) -> bool:
        page = self._folded_page
        key = self.units[index].text.casefold()
        if not key or "\n" in key:
            return echoed_slowly(self.units, index)
        # the line itself is one occurrence that starts and ends a line; another is an echo
        anchored = 0
        position = page.find(key)
        while position >= 0:
            end = position + len(key)
            if position == 0 or page[position - 1] == "\n" or end == len(page) or page[end] == "\n":
                anchored += 1
                if anchored == 2:
                    return True
            position = page.find(key, position + 1)
        return False

    def shown_alone(self, key: str, own: str, kicker: str = "") -> bool:
        """`key` (case-folded) stands on a line of its own, or starts or ends a line next to a
        separator, on some line other than `own` (and not after `kicker` again: the same
        headline with its kicker repeated)."""
        if not key or "\n" in key:
            return self._shown_alone_slowly(key, own, kicker)
        if self.lines.alone is None:
            self.lines.alone = _AloneIndex(self._folded_page)
        alone = self.lines.alone
        if key != own and key in alone.lines or any(line != own for line in alone.starting.get(key, ())):
            return True
        return any(line != own and before != kicker for line, before in alone.ending.get(key, ()))

    def _shown_alone_slowly(self, key: str, own: str, kicker: str = "") -> bool:
        """`shown_alone` occurrence by occurrence (for any key: one holding a line break too)."""
        page = self._folded_page
        position = page.find(key)
        while position >= 0:
            line_start = page.rfind("\n", 0, position) + 1
            line_end = page.find("\n", position)
            line_end = len(page) if line_end < 0 else line_end
            line = page[line_start:line_end]
            if line != own:
                before, after = page[line_start:position], page[position + len(key) : line_end]
                if not before and (not after or after.startswith(_LINE_SEPARATORS)):
                    return True
                if not after and before.endswith(_LINE_SEPARATORS) and before.rstrip(" :–—-|·") != kicker:
                    return True
            position = page.find(key, position + 1)
        return False


class _AloneIndex:
    """Where texts stand alone on a page's lines (case-folded, one per line), for
    `_Page.shown_alone`: each line, and each start or end of a line that a separator
    (`_LINE_SEPARATORS`) sets off, with the lines it stands in. (Looked for in the whole page
    for each key, a headline line's texts cost ~3 % of the text pipeline.)"""

    def __init__(self, page: str) -> None:
        lines = page.split("\n")
        #: the lines (a text that is one stands alone on it)
        self.lines = frozenset(lines)
        #: text -> the lines it starts before a separator
        self.starting: dict[str, set[str]] = {}
        #: text -> (line, what comes before it less the separator's marks) for each line it ends after a separator
        self.ending: dict[str, set[tuple[str, str]]] = {}
        starts = line_starts(lines)
        for separator in _LINE_SEPARATORS:
            position = page.find(separator)
            while position >= 0:
                number = bisect_right(starts, position) - 1
                line, at = lines[number], position - starts[number]
                if at > 0:
                    self.starting.setdefault(line[:at], set()).add(line)
                end = at + len(separator)
                if end < len(line):
                    self.ending.setdefault(line[end:], set()).add((line, line[:end].rstrip(" :–—-|·")))
                position = page.find(separator, position + 1)


def echoed_slowly(units: Sequence[Unit], index: int) -> bool:
    """`_Page.echoed` line by line (for lines the fast search cannot take: empty ones)."""
    key = units[index].text.casefold()
    for unit in units:
        if unit.index == index:
            continue
        other = unit.text.casefold()
        if other == key or len(other) > len(key) and (other.endswith(key) or other.startswith(key)):
            return True
    return False


def echoed(units: Sequence[Unit], index: int, options: Options = DEFAULT_OPTIONS) -> bool:
    """The line occurs again on the page: the same line, or the end of a breadcrumb
    (`Home > News > Headline`), or the start of a page-title line (`Headline | Site`)."""
    return _Page(units, set(), set(), options).echoed(index)


def extends_other(units: Sequence[Unit], index: int, window: Sequence[Unit], options: Options) -> bool:
    """The line is another nearby line plus more: a breadcrumb ending in the headline
    (`Home>News>Headline`), or the headline with a site name or a rating after it."""
    text = units[index].text.casefold()
    for unit in window:
        other = unit.text.casefold()
        if (
            unit.index != index
            and unit.words >= options.title_candidate_min_words
            and len(other) < len(text)
            and (text.endswith(other) or text.startswith(other))
        ):
            return True
    return False


class _Candidate:
    """A headline candidate as far as it has been scored: `bound` is what its full score can
    reach at most given what is known (stage 0: its length and position; stage 1: its words and
    their overlap with the slug; stage 2: their overlap with the story; stage 3: everything)."""

    __slots__ = ("index", "text", "words", "slug", "partial", "rest", "bound", "stage")

    def __init__(self, index: int, rest: list[float]) -> None:
        self.index, self.rest = index, rest
        self.text = ""
        self.words: Set[str] = frozenset()
        self.slug = 0.0
        self.partial = 0.0
        self.bound = 0.0
        self.stage = 0


def _rest(page: _Page, index: int, first_body: int, optimistic: bool = False) -> list[float]:
    """The score terms that only need the candidate's own shape and position, in `title_score`'s
    order (each is added in turn, so that the total is the same float); `optimistic`: at their
    best for what the neighbours could be (a standfirst below, no headline above)."""
    options = page.options
    words = page.words(index)
    terms = []
    if options.title_good_min_words <= words <= options.title_good_max_words:
        terms.append(options.title_weight_good_length)
    terms.append(-(options.title_weight_distance * math.log2(1 + abs(first_body - index))))
    if optimistic:
        terms.append(options.title_weight_standfirst_below)
    else:
        shaped = page.headline_shaped(index)
        if shaped and page.headline_shaped(index + 1):
            terms.append(options.title_weight_standfirst_below)
        if shaped and index > 0 and page.headline_shaped(index - 1):
            terms.append(-options.title_penalty_headline_above)
    if index > first_body:
        terms.append(-options.title_penalty_in_body)
    if words < options.title_candidate_min_words:
        terms.append(-options.title_penalty_one_word)
    return terms


def _share_bound(words: int, options: Options) -> float:
    """The most `_overlap` gives a candidate of this many words (all of them in the story)."""
    return words / (words + options.title_overlap_prior_words) if words else 0.0


def _slug_bound(words: int, slug: int) -> float:
    """The most `_slug_overlap` gives a candidate of at most this many words: it shares at most
    the slug's words and twice its own (with the umlaut spelling), over both counts."""
    if not words or not slug:
        return 0.0
    if 2 * words >= slug:
        return 1.0
    return min(1.0, 4 * words / (words + slug))


def _bound(page: _Page, candidate: _Candidate, known: float) -> float:
    """`known` plus what the echo and a byline below could still add, the fixed terms and the list penalty."""
    options = page.options
    index = candidate.index
    bound = known + options.title_weight_meta_below
    if page.words(index) >= options.title_good_min_words:
        bound += options.title_weight_echo
    bound += sum(candidate.rest)
    if page.units[index].item >= 0:
        bound -= options.title_penalty_list_item
    return bound + _BOUND_SLACK


def _candidate(page: _Page, index: int, first_body: int, slug: set[str]) -> _Candidate:
    """Stage 0: a bound from the number of words of 3 letters or more in the line (its content
    words, before folding merges some and the capture prefix or site suffix drops some)."""
    options = page.options
    # the terms of `_rest` at their best (a standfirst below, no headline above), without
    # looking at the neighbours
    candidate = _Candidate(index, _rest(page, index, first_body, optimistic=True))
    text = page.units[index].text
    most_words = len((_LONG_ASCII_RUN if text.isascii() else _LONG_WORD).findall(text))
    share = _share_bound(most_words, options)
    known = options.title_weight_lead_overlap * share + options.title_weight_first_paragraph * share
    candidate.bound = _bound(page, candidate, known + options.title_weight_slug * _slug_bound(most_words, len(slug)))
    return candidate


def _score_words(page: _Page, candidate: _Candidate, slug: set[str], first_body: int) -> None:
    """Stage 1: the headline text (capture prefix and site suffix removed), its words and its
    overlap with the slug; a bound taking all of its words to be in the story."""
    options = page.options
    index = candidate.index
    unit = page.units[index]
    candidate.rest = _rest(page, index, first_body)
    # (the same for every story start, and for every body with the same footer)
    if (known_words := page.lines.title_words.get((index, page.site_names))) is None:
        text = title_text(unit.text, page.host, page.site_names)
        words: Set[str] = page.content(index) if text == unit.text else content_words(text)
        known_words = page.lines.title_words[index, page.site_names] = (
            text,
            words,
            options.title_weight_slug * _slug_overlap(words, slug),
        )
    candidate.text, candidate.words, candidate.slug = known_words
    words = candidate.words
    share = _share_bound(len(words), options)
    known = options.title_weight_lead_overlap * share + options.title_weight_first_paragraph * share
    candidate.bound = _bound(page, candidate, known + candidate.slug)
    candidate.stage = 1


def _score_lead(page: _Page, candidate: _Candidate) -> None:
    """Stage 2: the overlaps with the story's first paragraphs, summed as `title_score` does."""
    options = page.options
    index, words = candidate.index, candidate.words
    if (score := page.lead_scores.get(index)) is None:  # the same for every story start
        lead = page.lead_words(index, options.title_lead_units)
        score = options.title_weight_lead_overlap * _overlap(words, lead, options)
        score += options.title_weight_first_paragraph * _overlap(words, page.lead_words(index, 1), options)
        page.lead_scores[index] = score
    score += candidate.slug
    candidate.partial = score
    candidate.bound = _bound(page, candidate, score)
    candidate.stage = 2


def _full_score(page: _Page, candidate: _Candidate, first_body: int, extends: bool) -> float:
    """Stage 2: the headline score, term by term in `title_score`'s order."""
    options = page.options
    index, text, score = candidate.index, candidate.text, candidate.partial
    unit = page.units[index]
    if page.words(index) >= options.title_good_min_words and page.echoed(index):
        score += options.title_weight_echo
    below = range(index + 1, min(len(page.units), index + 1 + options.title_meta_below_units))
    if any(page.is_meta(other) for other in below):
        score += options.title_weight_meta_below
    for term in candidate.rest:
        score += term
    if meta.looks_like_name(text):
        score -= options.title_penalty_name
    if unit.item >= 0:
        score -= options.title_penalty_list_item
    if _SENTENCE_END.search(text) or page.prose(index) and page.words(index) > options.title_good_max_words:
        score -= options.title_penalty_sentence
    if _CAPTION.search(text):
        score -= options.title_penalty_caption
    if _SITE_CHROME.search(text) or meta.is_stated_site_name(text, page.site_names):  # a notice, or the logo's name
        score -= options.title_penalty_site_chrome
    if extends:
        score -= options.title_penalty_extends
    return score


def title_score(
    units: Sequence[Unit],
    index: int,
    first_body: int,
    excluded: set[int],
    slug: set[str],
    window: Sequence[Unit] = (),
    body: Set[int] = frozenset(),
    *,
    options: Options = DEFAULT_OPTIONS,
) -> float:
    """How much a unit looks like the page's headline (see the module docstring); `window`
    are the other candidates (a line that extends one of them is a breadcrumb or page title).

    The pipeline never scores one unit alone: this is the plain definition that the pruned
    search (`_best_title`) is tested against."""
    page = _Page(units, set(body), excluded, options)
    candidate = _candidate(page, index, first_body, slug)
    _score_words(page, candidate, slug, first_body)
    _score_lead(page, candidate)
    return _full_score(page, candidate, first_body, extends_other(units, index, window, options))


def _extends_candidate(page: _Page, index: int, shaped: Sequence[int], folded: dict[int, str]) -> bool:
    """`extends_other` over the candidates (`shaped` less the byline and date lines)."""
    text = folded.get(index) or folded.setdefault(index, page.units[index].text.casefold())
    for other in shaped:
        if other == index or page.words(other) < page.options.title_candidate_min_words:
            continue
        shorter = folded.get(other) or folded.setdefault(other, page.units[other].text.casefold())
        if (
            len(shorter) < len(text)
            and (text.endswith(shorter) or text.startswith(shorter))
            and not page.byline_or_date(other)
        ):
            return True
    return False


def _lead_span(count: int, first_body: int, last_start: int | None = None, *, options: Options) -> tuple[int, int]:
    """The units the headline candidates' lead paragraphs are in: from the first candidate to
    `options.title_lead_search_units` past the last (for a story starting at `first_body`, or at any
    start up to `last_start`)."""
    low = max(0, first_body - options.title_search_above)
    high = min(count, max(first_body, last_start or 0) + options.title_search_below + 1)
    return low + 1, high + options.title_lead_search_units


def _page_for(
    units: Sequence[Unit],
    body: set[int],
    excluded: set[int],
    starts: Sequence[int],
    url: str | None,
    options: Options,
    lines: CaptureLines | None = None,
) -> _Page:
    """The page the headline search reads, its lead paragraphs looked for below any of `starts`."""
    return _Page(
        units,
        body,
        excluded,
        lead_span=_lead_span(len(units), starts[0], starts[-1], options=options),
        url=url,
        options=options,
        lines=lines,
    )


def find_title_and_start(
    units: Sequence[Unit],
    body: set[int],
    excluded: set[int],
    url: str | None = None,
    page: _Page | None = None,
    starts: Sequence[int] | None = None,
    *,
    options: Options = DEFAULT_OPTIONS,
) -> tuple[int | None, int]:
    """The headline unit (or None) and the body unit the story starts at: of the `starts`
    (the body start by default; see `story_starts`), the one below the best headline."""
    starts = starts or [min(body)]
    page = page or _page_for(units, body, excluded, starts, url, options)
    slug = slug_words(url)
    best: tuple[float, int, int] | None = None
    for skipped, start in enumerate(starts):
        cost = skipped * options.story_start_skip_penalty
        # (a start's headline must beat the best so far by what passing over the runs costs)
        # (a line above the first start scores less for a later one, farther from it: only the
        # lines from the first start down are tried again)
        found = _best_title(
            page, start, slug, -math.inf if best is None else best[0] + cost, starts[0] if skipped else 0
        )
        if found is None:
            continue
        score = found[0] - cost
        if best is None or score > best[0]:
            best = (score, found[1], start)
    if best is None or best[0] < options.title_min_score:
        return None, starts[0]
    return best[1], best[2]


def _best_title(
    page: _Page, first_body: int, slug: set[str], floor: float = -math.inf, lowest: int = 0
) -> tuple[float, int] | None:
    """The best headline candidate for a story starting at `first_body`, and its score (None
    when none scores more than `floor`; lines above `lowest` are not candidates).

    Candidates are scored in stages, best bound first (branch and bound): what every candidate
    needs is cheap (its words, shape and slug overlap); its overlap with the story, and then
    the rest (caption and name patterns, a byline below it, echoes), are worked out only while
    it can still beat the best full score. The choice is the one scoring them all would make.
    """
    options = page.options
    shaped = _title_shaped(page, first_body, options.title_search_above, options.title_search_below)
    queue = [
        (-c.bound, c.index, c)
        for c in (_candidate(page, index, first_body, slug) for index in shaped if index >= lowest)
    ]
    heapq.heapify(queue)
    folded: dict[int, str] = {}
    best: tuple[float, int] | None = None
    while queue:
        negative_bound, index, candidate = heapq.heappop(queue)
        if best is not None and -negative_bound < best[0] or -negative_bound <= floor:
            break
        if candidate.stage < 2:
            if candidate.stage == 0:
                _score_words(page, candidate, slug, first_body)
            else:
                _score_lead(page, candidate)
            heapq.heappush(queue, (-candidate.bound, index, candidate))
            continue
        if page.byline_or_date(index):
            continue
        score = _full_score(page, candidate, first_body, _extends_candidate(page, index, shaped, folded))
        if best is None or score > best[0] or score == best[0] and index < best[1]:
            best = (score, index)
    return best if best is not None and best[0] > floor else None


# --- the headline: candidates, then a choice ---------------------------------------------------


@dataclass
class TitleCandidate:
    """A text that may be the page's headline: a line near the story's start (`source`
    `line`, as `title_text` reads it), the line without a kicker or breadcrumb before it
    (`alone`, as `headline_alone` cuts it), the part of a line before or after one of its
    separators (`head`, `tail`: `Headline | Section`, `Section: Headline`), the line without
    its bracketed labels (`unbracketed`: `[Blog] Headline`) or without its dates (`undated`:
    `Dec 18 2025 Headline`); with the features the learned chooser (`cleaner.text.title_model`)
    weighs."""

    index: int
    text: str
    source: str
    features: dict[str, float]


#: What sets a headline apart from a kicker, a section, a date or a site's name on the same line.
_PART_SEPARATOR = regex.compile(r"\s+(?:[|•»·/–—-]|::)\s+|(?<=\S):\s+")
_BRACKETED = regex.compile(r"\s*\[[^\[\]]*\]\s*")
_SOURCES = ("alone", "head", "tail", "unbracketed", "undated")
_UPPER_START = regex.compile(r"^\W*\p{Lu}")
#: Bins of a candidate's distance from the body start (in units, negative above it) and of its
#: number of words: each bin is a feature, so the chooser can weigh them other than in proportion.
_DISTANCE_BINS = (-60, -30, -10, -3, -2, -1, 0, 1, 4, 11, 21, 41)
_WORD_BINS = (2, 3, 4, 7, 13, 21)
#: The names of the bin features (`distance_bin_0`, ...), made once rather than for each candidate.
_DISTANCE_BIN_NAMES = tuple(f"distance_bin_{position}" for position in range(len(_DISTANCE_BINS) + 1))
_WORD_BIN_NAMES = tuple(f"words_bin_{position}" for position in range(len(_WORD_BINS) + 1))
#: The ending of the copy of each feature that a web browser's text gives (see `title_candidates`).
_BROWSER = "_browser"


class _BrowserNames(dict[str, str]):
    """Each feature's name -> its web browser copy's name, made once per name."""

    def __missing__(self, name: str) -> str:
        self[name] = browser_name = f"{name}{_BROWSER}"
        return browser_name


_BROWSER_NAMES = _BrowserNames()
#: Features also given as how far the candidate is below the page's best candidate on them.
_RELATIVE_FEATURES = ("lead_overlap", "first_paragraph_overlap", "story_overlap", "capitalised_share")


def _parts(text: str) -> list[tuple[str, str]]:
    """The parts of a headline line that its separators set off: what is before each one
    (`head`) and what is after it (`tail`)."""
    parts = []
    for match in _PART_SEPARATOR.finditer(text):
        parts.append(("head", text[: match.start()].strip()))
        parts.append(("tail", text[match.end() :].strip()))
    return parts


def _variants(page: _Page, index: int, line: str, dated: bool) -> list[tuple[str, str]]:
    """(source, text) of each text the line may give as a headline (see `TitleCandidate`); a
    byline or date line gives only its text without its dates (`Dec 18 2025 Headline`)."""
    if dated:
        undated = meta.without_dates(line).strip(" ,;|·•–—-/")
        return [("undated", undated)] if undated != line and len(undated.split()) >= 2 else []
    texts = [("line", line)]
    alone = headline_alone(page, index, line)
    if alone != line:
        texts.append(("alone", alone))
    if "[" in line and (unbracketed := _BRACKETED.sub(" ", line).strip()):
        texts.append(("unbracketed", unbracketed))
    texts.extend(_parts(line))
    if _DIGIT.search(line) and meta.find_dates(line):
        texts.append(("undated", meta.without_dates(line).strip(" ,;|·•–—-/")))
    return texts


# (each pass over a capture asks again about the same lines; the dict returned is only read)
@lru_cache(maxsize=settings.METADATA_CACHED_LINES)
def _shape_features(text: str) -> dict[str, float]:
    """What a candidate's own text looks like: its length, capitals, punctuation, marks a dump writes."""
    words = text.split()
    count = len(words)
    capitalised = sum(map(_capitalised, words)) / count if count else 0.0
    letters = list(filter(str.isalpha, text))
    return {
        "log_words": math.log2(1 + count),
        "one_word": float(count <= 1),
        "two_words": float(count == 2),
        "many_words": float(count > 15),
        "capitalised_share": capitalised,
        "all_capitals": float(len(letters) >= 4 and all(map(str.isupper, letters))),
        "ends_sentence": float(bool(_SENTENCE_END.search(text))),
        "ends_question": float(text.endswith(("?", "!"))),
        "has_digit": float(bool(_DIGIT.search(text))),
        "has_bracket": float("[" in text or "]" in text),
        "has_separator": float(bool(_PART_SEPARATOR.search(text))),
        "name_like": float(meta.looks_like_name(text)),
        "caption_like": float(bool(_CAPTION.search(text))),
    }


def _capitalised(word: str) -> bool:
    """`_UPPER_START` matches the word: a word starting with an ASCII letter, digit or `_` (a
    word character) needs no pattern."""
    first = word[0]
    if first.isascii() and (first.isalnum() or first == "_"):
        return "A" <= first <= "Z"
    return _UPPER_START.match(word) is not None


def _title_shaped(page: _Page, first_body: int, above: int, below: int) -> list[int]:
    """The units from `above` before the story's start to `below` into it that may be a
    headline: not chrome a rule named, of one word up to `title_max_words`, and not a URL, an
    image placeholder or a copyright line."""
    units, options = page.units, page.options
    return [
        index
        for index in range(max(0, first_body - above), min(len(units), first_body + below + 1))
        if index not in page.excluded
        and 1 <= page.words(index) <= options.title_max_words
        and not _not_title(units[index].text)
    ]


def title_candidates(page: _Page, title_index: int | None, first_body: int) -> list[TitleCandidate]:
    """The headline candidates around a story starting at `first_body`, with their features:
    where the line stands (from the page's top and from the story's start), how it reads, what
    is around it (a byline or date below, a standfirst), whether the page repeats it, its words'
    overlap with the story and the address's slug, and whether the hand-weighted search chose
    it (`title_index`). (The search's score of each line was a feature too, and weighed almost
    nothing beside these: scoring every line fully doubled the text pipeline's time.)"""
    drafts = _drafts(page, title_index, first_body)
    tops = _tops(drafts)
    return [
        TitleCandidate(draft.unit, draft.text.text, draft.text.source, _features(page, draft, first_body, tops))
        for draft in drafts
    ]


class _TitleText(NamedTuple):
    """One text a headline line gives (see `TitleCandidate`) and its features that need no body."""

    source: str
    text: str
    #: the text case-folded
    key: str
    words: frozenset[str]
    shape: dict[str, float]
    slug_overlap: float


class _TitleLine(NamedTuple):
    """What `title_candidates` reads of a headline line whatever the body (see `CaptureLines`),
    but for what takes longest to read (`_title_marks`, `_title_stated`)."""

    #: the line's features `log_line` and `page_share`
    placed: dict[str, float]
    #: the line's features from `shaped_below` to `short_neighbours`
    shaped: dict[str, float]
    #: the line's features after `in_body`
    shown: dict[str, float]
    texts: list[_TitleText]


class _Draft(NamedTuple):
    """A headline candidate with the features that are quick to work out (all but `_title_marks`
    and `_title_stated`), around a story start."""

    #: the line's unit
    unit: int
    reading: _TitleLine
    text: _TitleText
    #: the line's features from `search_choice` to `nearest_above`
    around: dict[str, float]
    in_body: float
    lead_overlap: float
    first_paragraph_overlap: float
    story_overlap: float


def _drafts(page: _Page, title_index: int | None, first_body: int) -> list[_Draft]:
    """`title_candidates` as drafts, in the same order."""
    options = page.options
    units = page.units
    shaped = _title_shaped(page, first_body, options.title_candidates_above, options.title_candidates_below)
    dated = {index for index in shaped if page.byline_or_date(index)}
    nearest_above = max((index for index in shaped if index < first_body and index not in dated), default=None)
    lead_count = options.title_lead_units
    story = frozenset().union(*(page.content(index) for index in page.body if page.prose(index)))
    drafts: list[_Draft] = []
    for index in shaped:
        if (line := page.lines.title_texts.get((index, page.site_names))) is None:
            line = page.lines.title_texts[index, page.site_names] = title_text(
                units[index].text, page.host, page.site_names
            )
        reading = page.lines.title_lines.get((index, line, page.site_names))
        if reading is None:
            reading = page.lines.title_lines[index, line, page.site_names] = _title_line(page, index, line, dated)
        if not reading.texts:
            continue
        distance = index - first_body
        # (the features in the order the model was trained with: it sums them in this order)
        around = {
            "search_choice": float(index == title_index),
            "byline_or_date": float(index in dated),
            "log_distance": math.log2(1 + abs(distance)),
            "above_start": float(distance < 0),
            "below_start": float(distance > 0),
            "nearest_above": float(index == nearest_above),
        }
        in_body = float(index in page.body)
        lead, first_paragraph = page.lead_words(index, lead_count), page.lead_words(index, 1)
        for text in reading.texts:
            words = text.words
            drafts.append(
                _Draft(
                    index,
                    reading,
                    text,
                    around,
                    in_body,
                    _overlap(words, lead, options),
                    _overlap(words, first_paragraph, options),
                    _overlap(words, story, options),
                )
            )
    return drafts


def _tops(drafts: Sequence[_Draft]) -> tuple[float, ...]:
    """The best value among the candidates of each of `_RELATIVE_FEATURES`."""
    if not drafts:
        return ()
    return (
        max(draft.lead_overlap for draft in drafts),
        max(draft.first_paragraph_overlap for draft in drafts),
        max(draft.story_overlap for draft in drafts),
        max(draft.text.shape["capitalised_share"] for draft in drafts),
    )


#: The names of the features `_RELATIVE_FEATURES` give (`lead_overlap_below_best`, ...).
_BELOW_BEST_NAMES = tuple(f"{name}_below_best" for name in _RELATIVE_FEATURES)


def _features(page: _Page, draft: _Draft, first_body: int, tops: Sequence[float]) -> dict[str, float]:
    """A candidate's features, in the order the model was trained with (it sums them in this order)."""
    index, reading, text = draft.unit, draft.reading, draft.text
    features = dict(draft.around)
    features.update(reading.placed)
    features["echoed"], features["meta_below"], features["meta_above"] = _title_marks(page, index)
    features.update(reading.shaped)
    features["in_body"] = draft.in_body
    features.update(reading.shown)
    features.update(text.shape)
    features["lead_overlap"] = draft.lead_overlap
    features["first_paragraph_overlap"] = draft.first_paragraph_overlap
    features["slug_overlap"] = text.slug_overlap
    features["story_overlap"] = draft.story_overlap
    features["stated_site_name"], features["shown_alone"] = _title_stated(page, index, text)
    for name in _SOURCES:
        features[f"source_{name}"] = float(text.source == name)
    features[_DISTANCE_BIN_NAMES[bisect_right(_DISTANCE_BINS, index - first_body)]] = 1.0
    features[_WORD_BIN_NAMES[bisect_right(_WORD_BINS, len(text.text.split()))]] = 1.0
    features["search_choice_whole"] = features["search_choice"] * float(text.source == "line")
    for name, below_best, top in zip(_RELATIVE_FEATURES, _BELOW_BEST_NAMES, tops, strict=True):
        features[below_best] = top - features[name]
    if not page.text_browser_layout:
        # every feature again for a web browser's text, whose layout says other things than a
        # text browser's (`_Page.text_browser_layout`): the chooser weighs it apart
        features.update([(_BROWSER_NAMES[name], value) for name, value in features.items()])
    return features


def _neighbours(count: int, index: int, reach: int) -> list[int]:
    """The units up to `reach` above and below unit `index` of `count`."""
    return [other for other in range(max(0, index - reach), min(count, index + reach + 1)) if other != index]


def _title_line(page: _Page, index: int, line: str, dated: Set[int]) -> _TitleLine:
    """The features of a headline line (as `title_text` reads it) and of the texts it gives
    that do not depend on the body (`title_candidates` adds those that do)."""
    units = page.units
    unit = units[index]
    placed = {"log_line": math.log2(1 + index), "page_share": index / len(units)}
    shaped = {
        "shaped_below": float(page.headline_shaped(index + 1)),
        "shaped_above": float(page.headline_shaped(index - 1)),
        "list_item": float(unit.item >= 0),
        "prose": float(page.prose(index)),
    }
    # a headline among a menu's items or a row of labels is longer than the lines around it
    around = [page.words(other) for other in _neighbours(len(units), index, page.options.title_neighbour_units)]
    shaped["longer_than_neighbours"] = math.log2(1 + page.words(index)) - (
        sum(math.log2(1 + words) for words in around) / len(around) if around else 0.0
    )
    shaped["short_neighbours"] = (
        sum(words <= page.options.title_short_neighbour_words for words in around) / len(around) if around else 0.0
    )
    shown = {
        "blank_before": float(unit.blank_before),
        "blank_after": float(index + 1 < len(units) and units[index + 1].blank_before),
        "site_chrome": float(bool(_SITE_CHROME.search(unit.text))),
        "suffix_cut": float(line != unit.text.strip()),
    }
    slug = slug_words(page.url)
    texts: list[_TitleText] = []
    seen: set[str] = set()
    for source, text in _variants(page, index, line, index in dated):
        key = text.casefold()
        if key in seen or not text:
            continue
        seen.add(key)
        words = content_words(text)
        texts.append(_TitleText(source, text, key, words, _shape_features(text), _slug_overlap(words, slug)))
    return _TitleLine(placed, shaped, shown, texts)


def _title_marks(page: _Page, index: int) -> tuple[float, float, float]:
    """A headline line's features `echoed`, `meta_below` and `meta_above` (the page repeats
    it; a byline or date line follows it, or comes before it)."""
    if (marks := page.lines.title_marks.get(index)) is None:
        count = len(page.units)
        marks = page.lines.title_marks[index] = (
            float(page.echoed(index)),
            float(any(page.is_meta(other) for other in range(index + 1, min(count, index + 4)))),
            float(any(page.is_meta(other) for other in range(max(0, index - 3), index))),
        )
    return marks


def _title_stated(page: _Page, index: int, text: _TitleText) -> tuple[float, float]:
    """A headline text's features `stated_site_name` (a name the page states it goes by) and
    `shown_alone` (the page shows it alone on another line)."""
    known = (index, text.key, page.site_names)
    if (stated := page.lines.title_stated.get(known)) is None:
        stated = page.lines.title_stated[known] = (
            float(bool(page.site_names) and meta.is_stated_site_name(text.text, page.site_names)),
            float(page.shown_alone(text.key, page.units[index].text.casefold())),
        )
    return stated


#: The features `_title_marks` and `_title_stated` give: each is 0 or 1.
_COSTLY_FEATURES = ("echoed", "meta_below", "meta_above", "stated_site_name", "shown_alone")
#: What the sums of a bound and a score may differ by, as they add the same terms in other orders.
_CHOOSER_SLACK = 1e-6


class _ChooserWeights(NamedTuple):
    """A title model's weights as `_bounds` reads them: each feature's weight with its web
    browser copy's added (for a web browser's text), one by one for the features every
    candidate has."""

    weights: dict[str, float]
    #: the most that `_COSTLY_FEATURES` can add to a score
    costly: float
    in_body: float
    lead_overlap: float
    first_paragraph_overlap: float
    slug_overlap: float
    story_overlap: float
    search_choice_whole: float
    #: (`source_alone`, ...) by source, (`distance_bin_0`, ...), (`words_bin_0`, ...), (`lead_overlap_below_best`, ...)
    sources: dict[str, float]
    distance_bins: tuple[float, ...]
    word_bins: tuple[float, ...]
    below_best: tuple[float, ...]


@lru_cache(maxsize=4)
def _chooser_weights(model: TitleModel, browser: bool) -> _ChooserWeights:
    """`model`'s weights for `_bounds`, for a web browser's text (`browser`) or a text browser's."""
    weights: dict[str, float] = {}
    for name, weight in model.weights.items():
        if name.endswith(_BROWSER):
            if not browser:
                continue  # (a text browser's dump gives no copies)
            name = name.removesuffix(_BROWSER)
        weights[name] = weights.get(name, 0.0) + weight
    get = weights.get
    return _ChooserWeights(
        weights,
        sum(max(0.0, get(name, 0.0)) for name in _COSTLY_FEATURES),
        get("in_body", 0.0),
        get("lead_overlap", 0.0),
        get("first_paragraph_overlap", 0.0),
        get("slug_overlap", 0.0),
        get("story_overlap", 0.0),
        get("search_choice_whole", 0.0),
        {source: get(f"source_{source}", 0.0) for source in _SOURCES},
        tuple(get(name, 0.0) for name in _DISTANCE_BIN_NAMES),
        tuple(get(name, 0.0) for name in _WORD_BIN_NAMES),
        tuple(get(name, 0.0) for name in _BELOW_BEST_NAMES),
    )


def _bounds(
    page: _Page, drafts: Sequence[_Draft], first_body: int, tops: Sequence[float], model: TitleModel
) -> list[float]:
    """For each draft, the most its score can be: its features' terms but those of
    `_COSTLY_FEATURES`, which are taken at their best."""
    chooser = _chooser_weights(model, not page.text_browser_layout)
    weights, sources = chooser.weights, chooser.sources
    top_lead, top_first, top_story, top_capitalised = tops
    below_lead, below_first, below_story, below_capitalised = chooser.below_best
    lines: dict[int, float] = {}
    bounds = []
    for draft in drafts:
        index, reading, text = draft.unit, draft.reading, draft.text
        if (line := lines.get(index)) is None:
            line = lines[index] = (
                weighted_sum(draft.around, weights)
                + weighted_sum(reading.placed, weights)
                + weighted_sum(reading.shaped, weights)
                + chooser.in_body * draft.in_body
                + weighted_sum(reading.shown, weights)
                + chooser.distance_bins[bisect_right(_DISTANCE_BINS, index - first_body)]
                + chooser.costly
            )
        shape = text.shape
        bound = (
            line
            + weighted_sum(shape, weights)
            + chooser.lead_overlap * draft.lead_overlap
            + chooser.first_paragraph_overlap * draft.first_paragraph_overlap
            + chooser.slug_overlap * text.slug_overlap
            + chooser.story_overlap * draft.story_overlap
            + sources.get(text.source, 0.0)
            + chooser.word_bins[bisect_right(_WORD_BINS, len(text.text.split()))]
            + (chooser.search_choice_whole * draft.around["search_choice"] if text.source == "line" else 0.0)
            + below_lead * (top_lead - draft.lead_overlap)
            + below_first * (top_first - draft.first_paragraph_overlap)
            + below_story * (top_story - draft.story_overlap)
            + below_capitalised * (top_capitalised - shape["capitalised_share"])
        )
        bounds.append(bound + _CHOOSER_SLACK * (1.0 + abs(bound)))
    return bounds


def best_candidate(page: _Page, title_index: int | None, first_body: int, model: TitleModel) -> TitleCandidate | None:
    """The candidate of `title_candidates` that `model.best` picks (None for none), working out
    the features that take longest only for the candidates that their bound leaves a chance:
    a page's candidates are many, most of them menu lines and teasers far below the best."""
    drafts = _drafts(page, title_index, first_body)
    if not drafts:
        return None
    tops = _tops(drafts)
    bounds = _bounds(page, drafts, first_body, tops, model)
    if any(map(math.isnan, bounds)):  # (no order to follow: every candidate is scored)
        bounds = [math.inf] * len(drafts)
    best, best_score, best_features = -1, -math.inf, None
    for position in sorted(range(len(drafts)), key=bounds.__getitem__, reverse=True):
        if best >= 0 and bounds[position] < best_score:
            break
        features = _features(page, drafts[position], first_body, tops)
        score = model.score(features)
        # (the first of equals, as `model.best` takes it)
        if score > best_score or score == best_score and best >= 0 and position < best:
            best, best_score, best_features = position, score, features
    if best_features is None:
        return None
    draft = drafts[best]
    return TitleCandidate(draft.unit, draft.text.text, draft.text.source, best_features)


def candidates_for(
    units: Sequence[Unit], body: Sequence[int], excluded: set[int], url: str | None = None, *, options: Options
) -> list[TitleCandidate]:
    """The headline candidates `find_text_metadata` chooses among, for the same arguments
    (for training the chooser)."""
    if not body:
        return []
    body_set = set(body)
    starts = story_starts(units, sorted(body_set), options)
    page = _page_for(units, body_set, excluded, starts, url, options)
    title_index, first_body = find_title_and_start(units, body_set, excluded, url, page, starts, options=options)
    return title_candidates(page, title_index, first_body)


def choose_title(
    page: _Page, title_index: int | None, first_body: int, model: TitleModel | None
) -> tuple[int, str] | None:
    """The headline (its unit and text), in this order of trust:
    1. none when the hand-weighted search (`find_title_and_start`) finds no line that reads as
       a headline at all (`options.title_min_score`): a page of menus and a story has none;
    2. the learned chooser's pick among the candidates (`title_candidates`), when the package
       has its weights (`best_candidate`);
    3. the hand-weighted search's pick, cut as `headline_alone` cuts it.
    """
    if title_index is None:
        return None
    if model is not None and (best := best_candidate(page, title_index, first_body, model)) is not None:
        return best.index, best.text
    line = title_text(page.units[title_index].text, page.host, page.site_names)
    return title_index, headline_alone(page, title_index, line)


# --- the header: byline and date -------------------------------------------------------------


def header_units(
    units: Sequence[Unit],
    title_index: int | None,
    first_body: int,
    body: set[int],
    excluded: set[int],
    options: Options,
) -> list[Unit]:
    """The units around the headline (or, without one, the body start) that may hold the byline
    and date, nearest first: below the headline down to the story's first paragraphs, then
    the few lines just above it."""
    if title_index is None:
        above_body = [u for u in units[:first_body] if u.index not in excluded][-options.header_window_units :]
        opening = [units[i] for i in sorted(body)[:2] if not is_prose(units[i])]
        return opening + [u for u in reversed(above_body) if u.words <= options.byline_max_words]
    anchor = title_index
    below: list[Unit] = []
    prose = 0
    last_body = max(body)
    for unit in units[anchor + 1 : min(anchor + 1 + options.header_below_title, last_body + 1)]:
        if unit.index in excluded:
            continue
        if is_prose(unit) and not _dated_line(unit, options) and not _credit_sentence(unit, options):
            prose += 1
            if prose >= options.header_max_prose:
                break
            continue
        below.append(unit)
    above = [
        u
        for u in reversed(units[max(0, anchor - options.header_above_title) : max(0, anchor)])
        if u.index not in excluded and u.words <= options.byline_max_words
    ]
    return below + above


def _credit_sentence(unit: Unit, options: Options) -> bool:
    """A short sentence naming the writer with a by-word (`Ein Interview von Jane Doe mit John
    Roe.`): a byline that reads like a sentence only by its full stop."""
    return unit.words <= options.header_credit_max_words and meta.credits_writer(unit.text)


def _dated_line(unit: Unit, options: Options) -> bool:
    """A short line opening with a date that reads like a sentence only by its final full stop
    (`miércoles, 11 de mayo de 2022 - 3:40 a.m.`): a date line, not the story (a sentence that
    mentions a date further on stays a sentence)."""
    if unit.words > options.header_date_line_max_words or not _DIGIT.search(unit.text):
        return False
    dates = meta.find_dates(unit.text)
    return bool(dates) and dates[0][0] <= options.header_date_line_lead_chars


def header_date(header: Sequence[Unit], page: _Page | None = None, *, options: Options) -> tuple[int, str] | None:
    """The publication date among the header lines: the nearest dated line, but a line saying
    `Published` wins over one saying `Updated`. (`page` caches what was parsed already.)"""
    dated = []
    for unit in header:
        if unit.words > options.byline_max_words:
            continue
        if date := (page.date(unit.index) if page else meta.parse_date(unit.text)):
            dated.append((unit.index, date, meta.date_marker(unit.text)))
    if not dated:
        return None
    for index, date, marker in dated:
        if marker == "published":
            return index, date
    for index, date, marker in dated:
        if marker != "updated":
            return index, date
    return dated[0][0], dated[0][1]


#: A sentence's end just before a date (`… teurer werden wird. 03.05.2021, 09:15 Uhr von Lars Berger`).
_SENTENCE_BEFORE = regex.compile(r"[.!?…]['\"’”»)]*\s+$")


def trailing_meta(
    units: Sequence[Unit], title_index: int, excluded: set[int], options: Options
) -> tuple[str | None, list[str]]:
    """A date (and byline) closing one of the first paragraphs under the headline: a wrapped dump
    joins a date line to the standfirst above it. The date must start right after the
    paragraph's last sentence, near its end (a sentence's own date is never taken)."""
    for unit in units[title_index + 1 : title_index + 1 + options.trailing_meta_units]:
        text = unit.text
        if unit.index in excluded or not _DIGIT.search(text[-options.trailing_meta_chars :]):
            continue
        for position, date in meta.find_dates(text):
            if position >= len(text) - options.trailing_meta_chars and _SENTENCE_BEFORE.search(text[:position]):
                return date, meta.parse_byline(text[position:], options)
    return None, []


def dateline_date(units: Sequence[Unit], body: Sequence[int], options: Options) -> str | None:
    """The date of a dateline opening the story (`Düsseldorf, 22. November 2022 - Der …`,
    `19.10.2019, 15:30 Uhr Am 8. Spieltag …`): a date within the first characters of one of its
    first paragraphs, never one further into a sentence."""
    for index in body[: options.dateline_paragraphs]:
        opening = units[index].text[: options.dateline_chars]
        if _DIGIT.search(opening) and (dates := meta.find_dates(opening)):
            return dates[0][1]
    return None


def loose_date(
    units: Sequence[Unit],
    title_index: int | None,
    first_body: int,
    last_body: int,
    excluded: set[int],
    options: Options,
) -> tuple[int, str] | None:
    """A date standing on a short line of its own anywhere from the headline to just after the
    story (`Stand: 28.04.2020 18:00 Uhr`, `Veröffentlicht am 16.08.2019`), when the header has
    none: such a line dates the page, while a date inside a sentence is never taken."""
    anchor = title_index if title_index is not None else first_body
    start = max(0, min(anchor, first_body) - options.loose_date_above_units)
    lines = [
        u
        for u in units[start : last_body + 1 + options.loose_date_below_units]
        # (a line without a digit has no date: that test first, it is the cheapest)
        if _DIGIT.search(u.text)
        and u.index not in excluded
        and u.words <= options.date_line_max_words
        and not is_prose(u)
    ]
    dated = [(u.index, date, meta.date_marker(u.text)) for u in lines if (date := meta.parse_date(u.text))]
    if not dated:
        return None
    dated.sort(key=lambda d: (d[2] != "published", d[2] == "updated", abs(d[0] - anchor)))
    return dated[0][0], dated[0][1]


_LETTER = regex.compile(r"\p{L}")


#: A link to the writer's profile, as a dump writes it beside the byline (`Twitter`, `E-Mail`).
_PROFILE_LINK = regex.compile(rf"^\W*(?:{vocab.alternation(vocab.words('profile_links'))})\W*$", regex.I)


def name_by_date(
    units: Sequence[Unit], date_line: int, excluded: set[int], options: Options = DEFAULT_OPTIONS
) -> tuple[int, list[str]] | None:
    """A lone name line next to the page's date line, above it or below (`Jane Doe` then
    `4. Mai 2022`): the byline and the date stand together, even where neither is near the
    headline the search picked. Lines without letters between them (the bullets a dump writes
    for list items) and links to the writer's profile (`Twitter`) are passed over, at most
    `options.name_by_date_max_skipped`."""
    for step in (-1, 1):
        index = date_line + step
        skipped = 0
        while (
            0 <= index < len(units)
            and skipped < options.name_by_date_max_skipped
            and (not _LETTER.search(units[index].text) or _PROFILE_LINK.match(units[index].text))
        ):
            index += step
            skipped += 1
        if 0 <= index < len(units) and index not in excluded:
            name = meta.undoubled(units[index].text.strip())
            if meta.looks_like_name(name) and meta.opens_with_given_name(name):
                return index, [meta.natural_case(name)]
    return None


def header_byline(
    header: Sequence[Unit],
    page: _Page | None = None,
    title_index: int | None = None,
    headline: str | None = None,
    *,
    options: Options,
) -> tuple[int, list[str], bool] | None:
    """The authors of the nearest byline among the header lines, and whether a by-word says it
    is one: a line with a by-word (`Von Eva Lindner`) wins over a line that is only
    capitalised words (`Zugehörige Themenseiten`). The headline shown again in the header
    (`Jane Doe – Staatsanwaltschaft hat Beweise vorgelegt`) names whom the story is about."""
    repeated = headline.casefold() if headline else None
    found = [
        (unit, names)
        for unit in header
        if repeated is None or unit.text.strip().casefold() != repeated
        # (a blog's dated meta line names its user, `janedoe — 2. Februar 2022`)
        if (
            names := (page.byline(unit.index) if page else meta.parse_byline(unit.text, options))
            or meta.dated_handle(unit.text)
            or desk_byline(unit.text)
        )
    ]
    units = page.units if page else ()
    for unit in header:
        if units and (names := name_after_by_word_line(units, unit.index, options)):
            return unit.index + 1, names, True
    for unit, names in found:
        if meta.has_by_word(unit.text) and _vouched(unit.text, names):
            return unit.index, names, True
    # a line of capitalised words above the headline is a menu or a kicker, not a byline; below
    # it, one whose names open with no given name is a heading (`Leichte Sprache`)
    below = [
        (unit, names)
        for unit, names in found
        if (title_index is None or unit.index > title_index) and all(_plausible_name(name) for name in names)
    ]
    return (below[0][0].index, below[0][1], False) if below else None


def _vouched(text: str, names: Sequence[str]) -> bool:
    """Whether a line's by-word vouches for the names read from it: it stands before them
    (`Von R. R. am …`). A by-word inside the one name the whole line is, is that name's particle
    or a phrase's preposition (`Gesundheitliche Wirkungen von Radon`): the line is a byline only
    by its shape then, and its name must be plausible (`_plausible_name`)."""
    # (an image placeholder glued before the name is not part of the line: `[icon]PROFESSIONELLE
    # KENNZEICHNUNG VON GEFAHRGUT` is the one name it reads)
    wholes = {text.strip().casefold(), meta.set_apart(text).casefold()}
    return all(name.casefold() not in wholes or _plausible_name(name) for name in names)


def _plausible_name(name: str) -> bool:
    """A name a byline without a by-word may give: one word (a user's handle, a first name), or
    words that open with a given name (`metadata.opens_with_given_name`)."""
    return len(name.split()) < 2 or meta.opens_with_given_name(name)


# --- after the story ---------------------------------------------------------------------------


#: A line that is only a by-word, the name being on the next line (`Von:` / `Jörg Falke`,
#: `Kommentar von` / `Eva Lindner`).
_BY_WORD_LINE = regex.compile(
    rf"^(?P<lead>\p{{L}}+\s+)?(?:{vocab.alternation(vocab.words('by_word_line_words'), space=' ')})\s*:?$", regex.I
)


#: The start of a comment section or a list of other stories: names after it are not the author's.
_COMMENTS = regex.compile(rf"\b(?:{vocab.alternation(vocab.words('comment_section_words'), space=' ')})\b", regex.I)


def name_after_by_word_line(units: Sequence[Unit], index: int, options: Options) -> list[str]:
    """The name on the line after a by-word line (`Von:` then `Jörg Falke`, or a first name or
    a user's handle alone: `Von` then `Robert`), else nothing."""
    by_word_line = _BY_WORD_LINE.match(units[index].text.strip()) if index + 1 < len(units) else None
    if by_word_line and not meta.credits_other_work(by_word_line["lead"] or ""):  # (`Powered by`)
        text = units[index + 1].text
        if _DESK.match(text):
            return [text.strip()]  # the newsroom as a whole (`Von` then `Redaktion`)
        return meta.credited_names(text, options)
    return []


_DESK_WORD = regex.compile(vocab.alternation(vocab.words("desk_stems")), regex.I)
#: A newsroom credited as a byline's author: a desk, not a person.
_DESK = regex.compile(rf"^\s*(?:{vocab.alternation(vocab.words('desk_names'), space=' ')})\s*$", regex.I)


#: The newsroom after a by-word or label at a line's end (`… Author Redaktion`, `von der Redaktion`).
_DESK_AFTER_BY_WORD = regex.compile(
    rf"(?:^|\s)(?:{vocab.alternation(vocab.words('desk_by_words'))})\s*:?\s+"
    rf"(?:(?:{vocab.alternation(vocab.words('desk_articles'))})\s+)?(?P<desk>\S+(?:\s+\S+)?)\s*$",
    regex.I,
)


def desk_byline(text: str) -> list[str]:
    """The newsroom credited on a byline line as its author: after a by-word or label (`Posted on
    25. Januar 2022 Author Redaktion`), or alone with the date (`Redaktion 1. November 2023
    10:29`). A line that is only the desk's name is a menu's link to it, not a byline."""
    if not _DESK_WORD.search(text):  # (the regexes below are slower; most lines name no desk)
        return []
    text = meta.set_apart(text)
    if _DIGIT.search(text) and meta.find_dates(text):
        rest = meta.without_dates(text).strip(" ,;|·•–—-")
        if _DESK.match(rest):
            return [rest.strip()]
    if (match := _DESK_AFTER_BY_WORD.search(meta.without_dates(text))) and _DESK.match(match.group("desk")):
        return [match.group("desk")]
    return []


def closing_name(
    units: Sequence[Unit], last_body: int, excluded: set[int], options: Options
) -> tuple[int, list[str]] | None:
    """A lone name line just after the story (`Christi C. Elwood`), the signature of wire copy,
    or a name after a by-word line (`Von:` / `Jörg Falke`)."""
    after = [u for u in units[last_body + 1 :] if u.index not in excluded][: options.closing_name_units]
    for unit in after:
        if names := name_after_by_word_line(units, unit.index, options):  # `Kommentar von` / `Eva Lindner`
            return unit.index + 1, names
        if (comment := _COMMENTS.search(unit.text)) and not _byline_then_comment_prompt(unit.text, comment.start()):
            break  # names below are the commenters'
        if unit.words <= options.byline_max_words and meta.has_by_word(unit.text):
            if (names := meta.parse_byline(unit.text, options)) and _vouched(unit.text, names):
                return unit.index, names  # a blog's signature line (`Von J. D. am 03.05.2021 um 09:15 Uhr`)
            continue  # (`Erstellt von …` is no name)
        if meta.unglued(unit.text) != unit.text:  # `Jane DoeStaff Writer`
            if (names := meta.parse_byline(unit.text, options)) and all(map(meta.opens_with_given_name, names)):
                return unit.index, names
        elif meta.looks_like_name(name := meta.undoubled(unit.text)) and meta.opens_with_given_name(name):
            return unit.index, [meta.natural_case(name)]
    return None


def _byline_then_comment_prompt(text: str, comment_at: int) -> bool:
    """Whether a line names its writer before it calls for comments: the post's own meta line
    (`Dezember 26, 2019 von Andrea Kategorien: Allgemein | Hinterlasse einen Kommentar`), not a
    comment's header, which names the comment first (`Kommentar von Jane Doe`)."""
    by_word_at = meta.by_word_position(text)
    return by_word_at is not None and by_word_at < comment_at


#: A link to the writer's other pieces or profile (`More articles by Jane Doe`, `Mehr über Jane
#: Doe`, `Zeige alle Beiträge von Jane Doe →`, `Zum Profil von jdoe`).
_AUTHOR_LINK = regex.compile(
    rf"^(?:{vocab.alternation(vocab.words('author_link_phrases'))})\s+(?P<name>.+?)\s*"
    rf"(?:{vocab.alternation(vocab.words('author_link_ends'))})?$",
    regex.I,
)

#: A by-word before a handle in such a link (`Zum Profil von jdoe`).
_AUTHOR_LINK_BY_WORD = regex.compile(rf"\b(?:{vocab.alternation(vocab.words('author_link_by_words'))})\s")


def author_link(units: Sequence[Unit], last_body: int, options: Options) -> list[str]:
    """The writer an author link after the story names, when nothing else names one: a person's
    name (a topic or a site, `More from Earth News`, is taken only if it reads as a name), or a
    user's handle after a by-word (`Zum Profil von jdoe`)."""
    for unit in units[last_body + 1 : last_body + 1 + options.author_link_units]:
        if unit.words > settings.NAME_MAX_WORDS + 6 or not (match := _AUTHOR_LINK.match(unit.text.strip())):
            continue
        name = match.group("name")
        if meta.looks_like_name(name):
            return [meta.natural_case(name)]
        if _AUTHOR_LINK_BY_WORD.search(match.group(0)[: match.start("name")]) and (
            names := meta.parse_byline("By " + name, options)
        ):
            return names
    return []


#: A copyright line (`© 2020 - Jane Doe - Shop Name`, `(c) Jane Doe • Impressum`,
#: `Copyright (c) 2012- Jane Doe. All rights reserved.`), up to its holder.
_COPYRIGHT_WORD = rf"(?:{vocab.alternation(vocab.words('copyright_words'))})"
_COPYRIGHT_MARK = rf"(?:{vocab.alternation(vocab.words('copyright_signs'))})"
_COPYRIGHT = regex.compile(
    rf"^\s*(?:{_COPYRIGHT_WORD}\s*)?{_COPYRIGHT_MARK}?\s*(?:{_COPYRIGHT_WORD}\s*)?"
    r"(?:(?:19|20)\d\d\s*(?:[-–]\s*(?:(?:19|20)\d\d)?)?)?\s*[-–|•·,]?\s*",
    regex.I,
)
_COPYRIGHT_SIGN = regex.compile(rf"{_COPYRIGHT_MARK}|\b{_COPYRIGHT_WORD}\b", regex.I)


def copyright_holders(units: Sequence[Unit], options: Options) -> Iterator[tuple[int, str]]:
    """(index, holder) of each copyright line (`© 2023 The Daily Tide. All rights reserved.`
    gives `The Daily Tide`): a short line with a copyright sign in its first characters."""
    # one search over the lines' beginnings joined, not one per line: the headline search
    # asks for the page's site names once per page, and most lines hold no sign
    heads = [unit.text[:20] for unit in units]
    joined = "\n".join(heads)
    starts = line_starts(heads)
    seen = -1
    for sign in _COPYRIGHT_SIGN.finditer(joined):
        position = bisect_right(starts, sign.start()) - 1
        if position == seen:
            continue
        seen = position
        unit = units[position]
        if unit.words > options.byline_max_words:
            continue
        holder = _COPYRIGHT.sub("", unit.text, count=1)
        holder = _COPYRIGHT_HOLDER_END.split(holder, maxsplit=1)[0].strip(" .,")
        if holder:
            yield unit.index, holder


#: Where the holder's name ends in a copyright line: a separator, a full stop or "all rights".
_COPYRIGHT_HOLDER_END = regex.compile(
    rf"\s+[-–|•·]\s+|[.,]\s+|\s+(?:{vocab.alternation(vocab.words('rights_reserved_phrases'), space=' ')})", regex.I
)


def copyright_holder(units: Sequence[Unit], last_body: int, options: Options) -> list[str]:
    """The person a copyright line after the story names, when nothing else names the author:
    on a personal site the copyright holder is the writer (a firm or a site name is not a person's
    name and is not taken)."""
    for _, holder in copyright_holders(units[last_body + 1 :], options):
        if meta.looks_like_name(holder) and meta.opens_with_given_name(holder):
            return [meta.natural_case(holder)]
    return []


#: A byline labelled as one (`Autor: Rechtsanwalt Lars Berger`, `Written by: Jane Doe`).
_AUTHOR_LABEL = regex.compile(
    rf"^(?:{vocab.alternation(vocab.words('colon_author_labels'), space=' ')})\s*:\s*\S", regex.I
)


def labelled_byline(
    units: Sequence[Unit],
    first_body: int,
    last_body: int,
    excluded: set[int],
    options: Options,
) -> tuple[int, list[str]] | None:
    """A line labelled as the byline anywhere in the story or just after it, when the header
    has none: the label says what the line is wherever it stands."""
    for unit in units[first_body : last_body + 1 + options.closing_name_units]:
        if unit.index in excluded:
            continue
        if names := name_after_by_word_line(
            units, unit.index, options
        ):  # the label on a line of its own (`Autor` / `Jane Doe`)
            return unit.index + 1, names
        if (
            unit.words <= options.header_credit_max_words
            and _CREDIT_LABEL.match(unit.text)
            and (names := meta.parse_byline("By " + _CREDIT_LABEL.sub("", unit.text, count=1), options))
        ):
            return unit.index, names
        if ":" not in unit.text and "：" not in unit.text:  # (every other label has its colon)
            continue
        if _AUTHOR_LABEL.match(unit.text):
            text = _AUTHOR_LABEL_PREFIX.sub("", unit.text)
            if names := meta.parse_byline("By " + text, options):
                return unit.index, names
        elif match := _CJK_AUTHOR_LABEL.match(unit.text):
            return unit.index, [match.group("name")]
    return None


_AUTHOR_LABEL_PREFIX = regex.compile(r"^[^:]*:\s*")
#: A credit line that says what it is with its verb: the writer's (`Posted by Jane Doe`,
#: `Gespeichert von jdoe am …`) or the interviewer's (`Das Gespräch führte Jane Doe.`, `Die
#: Fragen stellte Jane Doe.`, `Interview: Jane Doe`).
_CREDIT_LABEL = regex.compile(
    rf"^\s*(?:(?:{vocab.alternation(vocab.words('credit_label_verbs'))})\s+"
    rf"(?:{vocab.alternation(vocab.words('credit_label_by_words'))})"
    rf"|{vocab.alternation(vocab.words('interviewer_phrases'))}"
    rf"|(?:{vocab.alternation(vocab.words('interview_labels'))})\s*"
    rf"(?:{vocab.alternation(vocab.words('interview_by_words'))}|:))\s+(?=\S)",
    regex.I,
)
#: A Chinese or Japanese byline label and the name after it (`责任编辑：孔德明`, `作者：…`, `記者：…`):
#: names are written without capitals, two to four characters.
_CJK_AUTHOR_LABEL = regex.compile(
    rf"^\s*[【\[（(]?(?:{vocab.alternation(vocab.words('cjk_author_labels'))})[：:]\s*(?P<name>\p{{Han}}{{2,4}})(?!\p{{Han}})"
)


def credit_names(units: Sequence[Unit], body: Sequence[int]) -> list[str]:
    """Reporters of an end-of-story credit (`Jeong reported from Seoul.`) in the last paragraphs."""
    for index in body[-3:]:
        if names := meta.names_from_credit(units[index].text):
            return names
    return []
