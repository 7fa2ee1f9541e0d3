"""Text normalizers every stage shares: whitespace, accents, case, words.

One function per meaning. Some look alike but give different results on some inputs; each
says exactly what it computes, and where two differ the docstrings say on what. They are
kept apart rather than merged because merging them would change outputs.

A base module: it imports only the standard library and `regex`.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate

import regex

#: A word: a run of `regex`'s word characters (letters with their combining marks, digits,
#: connector punctuation). The `re` module's `\w` differs on some 17,000 characters (combining
#: marks among them: `re` splits a decomposed `é` from its `e`); `cleaner.text.features`
#: counts tokens with `re` as the model was trained, and keeps its own pattern.
WORD = regex.compile(r"\w+")

#: Whitespace as `regex` reads `\s`: every character `str.split()` splits on except the
#: ASCII information separators U+001C to U+001F, which `regex` counts as text.
_SPACE = regex.compile(r"\s+")
_SPLIT_ONLY_SPACE = regex.compile(r"[\x1c-\x1f]")

#: Dashes and quotation marks, which two renderings of a text (a page's head and its
#: heading) write differently.
_DASHES_AND_QUOTES = regex.compile(r"[‐‑‒–—―-]|[\"“”„«»‘’‚‹›']")


def line_starts(lines: Sequence[str]) -> list[int]:
    """Where each of `lines` starts in `"\\n".join(lines)` (with `bisect_right(starts, position) - 1`,
    the line a position of the joined text is on)."""
    return list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))


def is_space_normal(text: str) -> bool:
    """Whether `text` is already its own normal form: single ASCII spaces between words,
    none at either end (most texts are; telling costs far less than normalizing). Such a
    text is returned unchanged by both `normalize_space` and `join_words`."""
    # every whitespace character but the ASCII space is unprintable
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def normalize_space(text: str) -> str:
    """`text` with every run of whitespace (`regex`'s `\\s`) made one ASCII space, and no
    whitespace at either end (`str.strip()`).

    Unlike `join_words`, an ASCII information separator (U+001C to U+001F) inside the text
    stays: the units of a capture and the text rules' input are normalized this way.
    """
    if is_space_normal(text):
        return text
    if _SPLIT_ONLY_SPACE.search(text):
        return _SPACE.sub(" ", text).strip()
    return " ".join(text.split())  # the same result, several times faster


def join_words(text: str | None) -> str:
    """The words of `text` as `str.split()` finds them, joined by single ASCII spaces; ""
    for None or an empty text.

    Unlike `normalize_space`, the ASCII information separators (U+001C to U+001F) count as
    whitespace: the metadata read from HTML markup is normalized this way.
    """
    if not text:
        return ""
    if is_space_normal(text):  # no list of its words built
        return text
    return " ".join(text.split())


def without_accents(text: str) -> str:
    """`text` without its accents (`Nuño` gives `Nuno`): compatibility-decomposed (NFKD,
    so `ﬁ` gives `fi` too) and its combining marks dropped. Case is kept."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)  # pure and called per word per headline candidate: ~20% of text time uncached
def fold(text: str) -> str:
    """`text` case-folded and without accents (`without_accents`), as a word appears in a URL
    slug: `Präsidentschaft` gives `prasidentschaft`, `Straße` gives `strasse`."""
    return without_accents(text.casefold())


def letters_and_digits(text: str) -> str:
    """`text` case-folded, with only its letters and digits (`str.isalnum()`), accents kept:
    `Zoë Doe-Smith` gives `zoëdoesmith`."""
    return "".join(char for char in text.casefold() if char.isalnum())


def ascii_letters_and_digits(text: str) -> str:
    """`text` case-folded and compatibility-decomposed (NFKD), with only its ASCII letters and
    digits: `Spiegel Online` gives `spiegelonline`, `Zoë` gives `zoe`, and a letter with no
    ASCII base (`ø`, CJK) is dropped. Unlike `letters_and_digits`, accents go."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() and ch.isascii())


def comparable_text(text: str) -> str:
    """`text` as two renderings of it compare equal (a page's head and its heading): HTML
    entities decoded (a head escaped twice has `&#8211;`), every dash and quotation mark
    written `-`, the words joined by single spaces (`str.split()`), case-folded."""
    if "&" in text:
        text = html.unescape(text)
    return " ".join(_DASHES_AND_QUOTES.sub("-", text).split()).casefold()
