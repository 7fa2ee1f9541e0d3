"""What a date looks like in a capture's text: month names, numeric forms, published/updated markers, a URL's date.

Shared by the text and HTML metadata stages."""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache

import regex

from cleaner import settings
from cleaner.meta import vocab

#: Month names (and their common abbreviations and inflections) in the languages the
#: cleaner meets most (`cleaner/data/vocab/*.toml`), mapped to month numbers.
MONTHS: dict[str, int] = {
    name: number for number, month in enumerate(vocab.MONTH_KEYS, start=1) for name in vocab.listed(f"months.{month}")
}


MONTH = r"(?P<month_name>" + vocab.alternation(MONTHS) + r")\.?"


_TIME = (
    rf"(?:(?:,|\s+(?:{vocab.alternation(vocab.words('time_glue'))})|\s*[-–|·]|\s)\s*"
    r"(?P<hour>[01]?\d|2[0-3])[:.h](?P<minute>[0-5]\d)(?:\s*(?P<ampm>[ap]\.?m\.?))?)?"
)


#: (never the first two digits of a time a dump glued to a two-digit year: `19.10.1912:48`)
YEAR = r"(?P<year>(?:19|20)\d\d)(?!:\d)"


DATE_PATTERNS = [
    # 2022-02-03, 2022-02-03T23:15, 2022/02/03
    regex.compile(
        r"\b"
        + YEAR
        + r"[-/](?P<month>[01]?\d)[-/](?P<day>[0-3]?\d)(?:[T\s](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d))?\b"
    ),
    # Fri 4 Feb 2022, 23:15 / 4. Februar 2022 / 4 de febrero de 2022; also glued to the word
    # before it, as a text dump joins a byline's name and date (`Jane Doe22. Februar 2020`)
    regex.compile(
        r"(?<!\d)(?P<day>[0-3]?\d)(?:\.|st|nd|rd|th|er)?\s*(?:de\s+)?" + MONTH + r",?\s*(?:de\s+)?" + YEAR + _TIME,
        regex.I,
    ),
    # February 04, 2022 / Feb. 4, 2022 11:00 am
    regex.compile(r"\b" + MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+" + YEAR + _TIME, regex.I),
    # 04.02.2022, 14. 01. 2020 (day first, as written in most of Europe)
    regex.compile(r"\b(?P<day>[0-3]?\d)\.\s?(?P<month>[01]?\d)\.\s?" + YEAR + _TIME),
    # 04/02/2022, 04-02-2022: day first too, unless the first number cannot be a month's day
    # of that month (`11/23/2021`, see `iso_from_match`)
    regex.compile(
        r"(?<![\d/.-])(?P<day>[0-3]?\d)(?P<sep>[/-])(?P<month>[0-3]?\d)(?P=sep)" + YEAR + r"(?![\d/-])" + _TIME
    ),
    # 19.10.19, 18:56 / 23.09.22 / 28.09.1912:44 (a dump glued the time on): a two-digit year,
    # only on its own or before a time (a version number, `2.10.13.4`, goes on)
    regex.compile(
        r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year2>\d\d)(?=$|,?\s*(?:[01]?\d|2[0-3])[:.h][0-5]\d|\s*[|·•–—-]\s)"
        + _TIME
    ),
    # 29 / Dezember / 2022
    regex.compile(r"\b(?P<day>[0-3]?\d)\s*/\s*" + MONTH + r"\s*/\s*" + YEAR + _TIME, regex.I),
]


#: A character each pattern needs (empty: none tested).
_DATE_PATTERN_NEEDS = ("", "", "", ".", "/-", ".", "/")


DIGIT = regex.compile(r"\d")


#: Words that mark the date after them as the first publication ...
PUBLISHED_MARKER = regex.compile(r"\b(?:" + vocab.alternation(vocab.words("published_markers")) + r")\b", regex.I)


#: ... or as a later revision (a page's date is when it was first published).
UPDATED_MARKER = regex.compile(r"\b(?:" + vocab.alternation(vocab.words("updated_markers")) + r")\b", regex.I)


def find_dates(text: str, today: _dt.date | None = None) -> list[tuple[int, str]]:
    """Every valid date written in `text` as (position, ISO 8601), in reading order.

    Where two patterns match overlapping text the earlier, longer match wins. Dates in the
    future are refused: a page cannot be published after it was captured.
    """
    if not DIGIT.search(text):  # every pattern needs digits (day, year); most lines have none
        return []
    return list(_find_dates(text, today or _dt.date.today()))


# The text pipeline reads the same lines again in each of its passes (the first, the settling
# ones, the metadata search around the settled body): the answers are kept, not recomputed.
@lru_cache(maxsize=settings.METADATA_CACHED_LINES)
def _find_dates(text: str, today: _dt.date) -> tuple[tuple[int, str], ...]:
    matches = []
    for order, (pattern, needs) in enumerate(zip(DATE_PATTERNS, _DATE_PATTERN_NEEDS, strict=True)):
        if needs and not any(char in text for char in needs):
            continue  # (cheaper than the regex, which most lines fail)
        for match in pattern.finditer(text):
            start = match.start()
            if start >= 2 and text[start - 1] in "-_" and text[start - 2].isalnum():
                continue  # a file's name (`[WhatsApp-Image-2020-02-17-at-12]`): when a picture was taken
            iso = iso_from_match(match, today)
            if iso:
                matches.append((match.start(), -(match.end() - match.start()), order, match.end(), iso))
    found: list[tuple[int, str]] = []
    end = -1
    for start, _, _, stop, iso in sorted(matches):
        if start >= end:
            found.append((start, iso))
            end = stop
    return tuple(found)


def parse_date(text: str, today: _dt.date | None = None) -> str | None:
    """The publication date written in `text`, as ISO 8601 (with `THH:MM` when a time is given).

    The first date, unless a "published" marker names another, or the first is marked as an
    update (`Updated: 5 Feb … Published: 4 Feb` gives 4 Feb). Dates in the future are refused.
    """
    dates = find_dates(text, today)
    if not dates:
        return None
    for position, iso in dates:
        marker = last_marker(text[:position])
        if marker == "published":
            return iso
    for position, iso in dates:
        if last_marker(text[:position]) != "updated":
            return iso
    return dates[0][1]


def date_marker(text: str) -> str | None:
    """`published`, `updated` or None: what a date line says its date is (published wins)."""
    if PUBLISHED_MARKER.search(text):
        return "published"
    return "updated" if UPDATED_MARKER.search(text) else None


def last_marker(prefix: str) -> str | None:
    """Which marker (published or updated) comes last before a date, if any."""
    published = [m.end() for m in PUBLISHED_MARKER.finditer(prefix)]
    updated = [m.end() for m in UPDATED_MARKER.finditer(prefix)]
    if not published and not updated:
        return None
    return "published" if max(published, default=-1) > max(updated, default=-1) else "updated"


#: `/2022/02/04/` or `/2022-02-04/` in a page's address: the date its CMS filed it under; or,
#: day first as much of Europe writes it, a path segment `/04-02-2022` (`/news/04-02-2022/slug`).
_URL_DATE = regex.compile(
    r"/(?P<year>(?:19|20)\d\d)[/-](?P<month>[01]?\d)[/-](?P<day>[0-3]?\d)(?=[/\-_.]|$)"
    r"|/(?P<day>[0-3]?\d)[-.](?P<month>[01]?\d)[-.](?P<year>(?:19|20)\d\d)(?=[/\-_.]|$)"
)


def date_from_url(url: str | None, today: _dt.date | None = None) -> str | None:
    """The date a page's address files it under (`…/2023/11/08/slug/` gives `2023-11-08`)."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    try:
        date = _dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None
    return None if date > (today or _dt.date.today()) else date.isoformat()


def iso_from_match(match: regex.Match[str], today: _dt.date) -> str | None:
    groups = match.groupdict()
    month = MONTHS.get(groups["month_name"].lower().rstrip(".")) if groups.get("month_name") else int(groups["month"])
    day = int(groups["day"])
    if groups.get("sep") and month is not None and month > 12 >= day:  # `11/23/2021`: month first, as written in the US
        day, month = month, day
    year = int(groups["year"]) if groups.get("year") else 2000 + int(groups["year2"])
    try:
        date = _dt.date(year, month or 0, day)
    except (ValueError, TypeError):
        return None
    if date > today:
        return None
    if groups.get("hour") is None:
        return date.isoformat()
    hour = int(groups["hour"])
    ampm = (groups.get("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return f"{date.isoformat()}T{hour:02d}:{groups['minute']}"
