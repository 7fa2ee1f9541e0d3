"""What a title looks like: a capture tool's prefix, a site or wire suffix after the headline."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import regex

from cleaner import settings
from cleaner.meta import vocab
from cleaner.textutil import ascii_letters_and_digits

#: Some capture tools write `date 2022-02-03` before the headline on its first line.
_CAPTURE_DATE_PREFIX = regex.compile(r"^\s*date:?\s+(?P<date>\d{4}-\d{2}-\d{2})(?:[T ][\d:]+)?\s+(?=\S)", regex.I)


#: Wire services and sites whose names follow a headline after a dash or bar.
_TITLE_SUFFIX = regex.compile(
    rf"\s+(?:[|•:»]|::|[–—]|-(?=\s+(?:{vocab.alternation(vocab.words('title_suffix_wires'), space=' ')})\s*$))\s+"
    r"(?P<suffix>[^|–—]{1,60})$"
)


_SUFFIX_MAX_WORDS = 5


#: `_TITLE_SUFFIX` needs one of these before the suffix.
_TITLE_SUFFIX_SEPARATORS = ("|", "•", ":", "»", "–", "—", "-")


def split_capture_prefix(line: str) -> tuple[str, str | None]:
    """`date 2022-02-03 Putin heads to…` gives (`Putin heads to…`, `2022-02-03`)."""
    if line.lstrip()[:4].casefold() != "date":  # the regex is slower than this test, and asked of every line
        return line, None
    match = _CAPTURE_DATE_PREFIX.match(line)
    if not match:
        return line, None
    return line[match.end() :].strip(), match.group("date")


def strip_title_suffix(title: str, site_names: Sequence[str] = ()) -> str:
    """Remove a trailing site or wire name (` – Reuters`, ` | Site Name`) from a headline."""
    title = title.strip()
    for site in site_names:
        for separator in (" | ", " - ", " – ", " — ", " :: ", " · "):
            if site and title.lower().endswith((separator + site).lower()):
                return title[: -len(separator + site)].strip()
    if not any(separator in title for separator in _TITLE_SUFFIX_SEPARATORS):
        return title
    match = _TITLE_SUFFIX.search(title)
    if match and len(match.group("suffix").split()) <= _SUFFIX_MAX_WORDS and match.start() > 0:
        return title[: match.start()].strip()
    return title


#: A dash or a colon between spaces before a headline's last words: a subtitle (`Katze findet
#: Schlüssel – Zeugenaufruf`, `Libre cours : Dupont…`) as often as a site's name.
_DASH_SUFFIX = regex.compile(r"\s+(?:[–—:]|-)\s+(?P<suffix>[^|–—:]{1,60})$")


#: Bars, bullets and guillemets before a headline's last words set off the site's name.
_BAR_SUFFIX = regex.compile(r"\s+(?:[|•»]|::)\s+(?P<suffix>[^|•»]{1,60})$")


#: Wire services' names, squashed as `_squashed` writes them (`theassociatedpress`).
_WIRES = vocab.words("wires")


def _names_the_site(suffix: str, host: str | None, site_names: Sequence[str] = ()) -> bool:
    """A headline's suffix that is a wire's name or the site's (`Zeit Online` on zeit.de,
    `tagesschau.de`, `FAZ` on faz.net), or a name the page states it goes by (`site_names`:
    `The Daily Tide` with `© 2023 The Daily Tide` in the footer)."""
    squashed = _squashed(suffix)
    if not squashed:
        return False
    if squashed in _WIRES or is_stated_site_name(suffix, site_names):
        return True
    labels = [label for label in (host or "").lower().split(".") if label not in ("www", "m", "amp")]
    name = ascii_letters_and_digits(labels[-2]) if len(labels) >= 2 else ""
    return len(name) >= 3 and (name in squashed or len(squashed) >= 3 and squashed in name)


def is_stated_site_name(text: str, site_names: Sequence[str]) -> bool:
    """Whether `text` is one of the names a page states it goes by (`The Daily Tide`), letters
    and digits compared without case or accents."""
    squashed = _squashed(text)
    return bool(squashed) and any(_squashed(site) == squashed for site in site_names)


# (asked of each headline candidate, and again of the same few site names for each)
@lru_cache(maxsize=settings.METADATA_CACHED_LINES)
def _squashed(text: str) -> str:
    return ascii_letters_and_digits(text)


def without_site_name(name: str, host: str | None) -> str:
    """A byline's name without the site's name a capture ran into it (`Jane Doe Harbour
    Times` on harbourtimes.example gives `Jane Doe`). The site's name has two words or more
    here: one word after a name that matches the address is as often the writer's surname on
    their own site (`Anna Maria Schmidt` on schmidt.de)."""
    words = name.split()
    for cut in range(settings.NAME_MIN_WORDS, len(words) - 1):
        if _names_the_site(" ".join(words[cut:]), host):
            return " ".join(words[:cut])
    return name


def strip_site_suffix(title: str, host: str | None = None, site_names: Sequence[str] = ()) -> str:
    """A headline without the site's or wire's name after it: after a bar (` | Site`) always,
    after a dash or colon (` – Reuters`, ` - SPIEGEL ONLINE`) only when the words name the site
    or a wire, since there they are as often a subtitle (`Hund vertreibt Einbrecher – Zeugenaufruf`)."""
    title = title.strip()
    if "|" in title or "•" in title or "»" in title or "::" in title:
        match = _BAR_SUFFIX.search(title)
        if match and len(match.group("suffix").split()) <= _SUFFIX_MAX_WORDS and match.start() > 0:
            return strip_site_suffix(title[: match.start()], host, site_names)
    if "-" in title or "–" in title or "—" in title or ":" in title:
        match = _DASH_SUFFIX.search(title)
        if match and match.start() > 0 and _names_the_site(match.group("suffix"), host, site_names):
            return title[: match.start()].strip()
    return title
