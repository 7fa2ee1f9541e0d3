"""Stage 5 — metadata: title, authors and date, each from a small, separately tested function.

Plain-text captures only have lines, so each extractor looks at the lines around the
headline and the start of the body, where bylines and dates sit, and never inside the
story (a date quoted in a paragraph is not the publication date).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

import regex

from cleaner import settings

# --- dates -------------------------------------------------------------------------------

#: Month names (and their common abbreviations and inflections) in the languages the
#: cleaner meets most, mapped to month numbers.
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan januar janvier enero gennaio janeiro januari stycznia styczeń jänner ianuarie",
        "february feb februar février fevrier febrero febbraio fevereiro februari lutego luty februarie",
        "march mar märz maerz mars marzo março maart marca marzec martie",
        "april apr avril abril aprile kwietnia kwiecień aprilie",
        "may mai mayo maggio maio mei maja maj",
        "june jun juni juin junio giugno junho czerwca czerwiec iunie",
        "july jul juli juillet julio luglio julho lipca lipiec iulie",
        "august aug août aout agosto augustus sierpnia sierpień",
        "september sep sept septembre septiembre settembre setembro września wrzesień septembrie",
        "october oct oktober octobre octubre ottobre outubro okt października październik octombrie",
        "november nov novembre noviembre novembro listopada listopad noiembrie",
        "december dec dezember décembre decembre diciembre dicembre dezembro grudnia grudzień dez decembrie",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

_MONTH = r"(?P<month_name>" + "|".join(sorted(map(regex.escape, MONTHS), key=len, reverse=True)) + r")\.?"
_TIME = r"(?:(?:,|\s+at|\s+um|\s+à|\s*[-–|·]|\s)\s*(?P<hour>[01]?\d|2[0-3])[:.h](?P<minute>[0-5]\d)(?:\s*(?P<ampm>[ap]\.?m\.?))?)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = [
    # 2022-02-03, 2022-02-03T23:15, 2022/02/03
    regex.compile(r"\b" + _YEAR + r"[-/](?P<month>[01]?\d)[-/](?P<day>[0-3]?\d)(?:[T\s](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d))?\b"),
    # Fri 4 Feb 2022, 23:15 / 4. Februar 2022 / 4 de febrero de 2022
    regex.compile(r"\b(?P<day>[0-3]?\d)(?:\.|st|nd|rd|th|er)?\s*(?:de\s+)?" + _MONTH + r",?\s*(?:de\s+)?" + _YEAR + _TIME, regex.I),
    # February 04, 2022 / Feb. 4, 2022 11:00 am
    regex.compile(r"\b" + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+" + _YEAR + _TIME, regex.I),
    # 04.02.2022 (day first, as written in most of Europe)
    regex.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.\s?" + _YEAR + _TIME),
]


def parse_date(text: str, today: _dt.date | None = None) -> str | None:
    """The first date written in `text`, as ISO 8601 (with `THH:MM` when a time is given).

    Dates in the future are refused: a page cannot be published after it was captured.
    """
    today = today or _dt.date.today()
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = _iso_from_match(match, today)
            if iso:
                return iso
    return None


def _iso_from_match(match: regex.Match[str], today: _dt.date) -> str | None:
    groups = match.groupdict()
    month = MONTHS.get(groups["month_name"].lower().rstrip(".")) if groups.get("month_name") else int(groups["month"])
    try:
        date = _dt.date(int(groups["year"]), month or 0, int(groups["day"]))
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


# --- capture prefixes and titles --------------------------------------------------------

#: Some capture tools write `date 2022-02-03` before the headline on its first line.
_CAPTURE_DATE_PREFIX = regex.compile(r"^\s*date:?\s+(?P<date>\d{4}-\d{2}-\d{2})(?:[T ][\d:]+)?\s+(?=\S)", regex.I)
#: Wire services and sites whose names follow a headline after a dash or bar.
_TITLE_SUFFIX = regex.compile(
    r"\s+(?:[|•:»]|::|[–—]|-(?=\s+(?:Reuters|AP|AFP|The Associated Press|Associated Press|Bloomberg|BBC News|CNN)\s*$))\s+"
    r"(?P<suffix>[^|–—]{1,60})$"
)
_SUFFIX_MAX_WORDS = 5


def split_capture_prefix(line: str) -> tuple[str, str | None]:
    """`date 2022-02-03 Putin heads to…` gives (`Putin heads to…`, `2022-02-03`)."""
    match = _CAPTURE_DATE_PREFIX.match(line)
    if not match:
        return line, None
    return line[match.end():].strip(), match.group("date")


def strip_title_suffix(title: str, site_names: Sequence[str] = ()) -> str:
    """Remove a trailing site or wire name (` – Reuters`, ` | Site Name`) from a headline."""
    title = title.strip()
    for site in site_names:
        for separator in (" | ", " - ", " – ", " — ", " :: ", " · "):
            if site and title.lower().endswith((separator + site).lower()):
                return title[: -len(separator + site)].strip()
    match = _TITLE_SUFFIX.search(title)
    if match and len(match.group("suffix").split()) <= _SUFFIX_MAX_WORDS and match.start() > 0:
        return title[: match.start()].strip()
    return title


def looks_like_title(text: str) -> bool:
    words = len(text.split())
    return settings.TITLE_MIN_WORDS <= words <= settings.TITLE_MAX_WORDS and not text.rstrip().endswith(
        (".", ":", ",", ";")
    )


# --- authors ------------------------------------------------------------------------------

_NAME_WORD = r"(?:\p{Lu}[\p{Ll}'’\-]+(?:-\p{Lu}[\p{Ll}'’]+)?|\p{Lu}\.|\p{Lu}{2,}(?:[-'’]\p{Lu}+)?|(?:de|van|von|der|da|di|del|la|le|bin|al)(?=\s))"
_NAME = regex.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{{settings.NAME_MIN_WORDS - 1},{settings.NAME_MAX_WORDS - 1}}}$")
#: Words that make a short capitalised line something other than a person's name.
_NOT_NAME_WORDS = frozenset(
    """news home menu search share read more next previous subscribe login sign newsletter
    president minister secretary house white update updated published world politics sports
    business opinion video photo photos live breaking the and of for with from in on to by
    ukraine russia china war police council city state university""".split()
)
_ROLES = regex.compile(
    r",?\s*\b(?:Staff|Senior|Chief|Special|Contributing|Political|Foreign|Science|Business|Sports)?\s*"
    r"(?:Writer|Reporter|Correspondent|Editor|Columnist|Contributor|Photographer)s?\b.*$"
    r"|,\s*(?:Reuters|AP|AFP|The Associated Press|Associated Press|Bloomberg|dpa|Agence France-Presse)\b.*$",
    regex.I,
)
_BY_PREFIX = regex.compile(r"^(?:by|par|von|por|di|door|av|przez|autor(?:ka)?:?|author:?|written by)\s+", regex.I)
_NAME_SEPARATORS = regex.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\bi\b|\be\b|\ben\b|\boraz\b)\s*", regex.I)
_READING_TIME = regex.compile(r"[·|•]?\s*\d+\s*min(?:ute)?s?\.?\s*read\b.*$", regex.I)


def natural_case(name: str) -> str:
    """`VLADIMIR ISACHENKOV` → `Vladimir Isachenkov`; mixed-case names are left as written."""
    if not name.isupper():
        return name
    parts = regex.split(r"([\s\-'’])", name.lower())
    cased = "".join(part[:1].upper() + part[1:] if part.isalpha() else part for part in parts)
    return regex.sub(r"\bMc(\p{Ll})", lambda m: "Mc" + m.group(1).upper(), cased)


def looks_like_name(text: str) -> bool:
    """A line that is just a person's name: 2–4 capitalised words, no common non-name word."""
    text = text.strip()
    if not _NAME.match(text):
        return False
    words = [word.strip(".").lower() for word in text.split()]
    return not any(word in _NOT_NAME_WORDS for word in words)


def split_names(text: str) -> list[str]:
    """Names from a byline's text: roles, agencies, dates and reading time removed."""
    text = _READING_TIME.sub("", text)
    for pattern in _DATE_PATTERNS:
        text = pattern.sub("", text)
    text = _BY_PREFIX.sub("", text.strip())
    text = _ROLES.sub("", text).strip(" ,;|-–—")
    names = []
    for part in _NAME_SEPARATORS.split(text):
        part = part.strip(" .,;|-–—")
        if part and looks_like_name(part):
            names.append(natural_case(part))
    return names


def parse_byline(text: str) -> list[str]:
    """Authors from a byline line: `By Patsy Widakuswara February 04, 2022`, `VLADIMIR ISACHENKOV`,
    `Jane Doe, Reuters`, `By A and B`. Empty when the line is not a byline."""
    stripped = text.strip()
    has_by = bool(_BY_PREFIX.match(stripped))
    if not has_by and len(stripped.split()) > settings.NAME_MAX_WORDS * 3:
        return []
    names = split_names(stripped)
    if not names:
        return []
    if has_by or looks_like_name(_ROLES.sub("", stripped).strip(" ,")):
        return names
    return []


_REPORTED_FROM = regex.compile(
    r"(?:^|[.;]\s+)(?P<name>\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}.'’\-]*){0,3})\s+reported\s+from\s+\p{Lu}"
)


def names_from_credit(text: str) -> list[str]:
    """Reporters named in an end-of-story credit: `Jeong reported from Seoul. Rauhala reported from Brussels.`"""
    return [match.group("name") for match in _REPORTED_FROM.finditer(text)]
