"""What the plain-text classifier knows of each unit: the features of its three stages.

The model itself (weights, evaluation) is `cleaner.text.model`; this module describes it.

A small, deterministic three-stage model (trained by `training/train_text_model.py` on silver
labels: the units of each devset page's text dump that trafilatura keeps from the same
page's HTML; weights in `cleaner/data/text_model.json`):

1. **unit stage**: every unit is described by a few dozen numbers a text dump still tells
   (length, stopword density in the page's language and in any language, sentence
   punctuation, capitals, digits, bullets and indentation, repeated lines, position
   relative to the densest run of prose,
   words of page furniture (consent, newsletter, sharing, comments...) and words addressing
   the reader, and the same for its neighbours);
2. **context stage**: the unit-stage log-odds of the unit and of its neighbours (jusText's
   idea that a short line between two story paragraphs is story, learned instead of set);
3. **tree stage**: gradient-boosted shallow trees over all of the above and the same context
   features of the context stage's log-odds, their sum added to those log-odds. A tree can weigh a combination (a
   short line, among list items, inside a run of body units) where an additive model weighs
   one part at a time.

The first two stages are additive logistic models over binned features: each feature's value
falls in one of a few bins (edges learned as quantiles) and each bin carries a weight; a
unit's log-odds is the sum of its bins' weights plus a bias. The trees are complete binary
trees of one small depth, all walked together level by level. Evaluated with numpy, one
vectorised pass per page; the per-unit counts behind the features are taken over the whole
page's text at once (`PageText`), so the cost grows with the page's characters, not its units.

The language is detected once per page by stopword hits over the page's words, among the
`settings.TEXT_MODEL_LANGUAGES` stoplists of jusText (a trafilatura dependency).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

import justext
import numpy as np
import regex

from cleaner import settings
from cleaner.blocks import Unit
from cleaner.meta import vocab

#: A token: `re`'s `\w`, not `cleaner.textutil.WORD` (`regex`). The model was trained on these
#: tokens, and the two engines' `\w` differ on some 17,000 characters (`re` splits a decomposed
#: `é` from its `e`, `regex` does not): the same pattern in `regex` would change features.
_WORD = re.compile(r"\w+")


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


_INNER_PUNCT = re.compile(r"[,;.،、，。]")


_SEPARATOR = re.compile(r"[|›»•·]| / |::")


_LINKISH = re.compile(r"https?:|www\.|@|©|\.com\b|\.html?\b", re.I)


# What every match of `_SEPARATOR`, and of `_LINKISH` in lower case, holds: most pages hold
# none, and looking for these is much faster than running the patterns over the page. (Of
# the letters of `_LINKISH`, case-insensitive matching lets only "s" match another letter,
# "ſ", which the marks leave out.)
_SEPARATOR_MARKS = ("|", "›", "»", "•", "·", " / ", "::")


_LINKISH_MARKS = ("http", "www.", "@", "©", ".com", ".htm")


#: Names of the unit-stage features, in the order of the feature matrix's columns.
BASE_FEATURES = (
    "log_chars",
    "log_words",
    "stop_density",
    "log_stops",
    "sentence_end",
    "colon_end",
    "inner_punct_per_word",
    "capital_share",
    "digit_share",
    "word_char_share",
    "cjk_share",
    "lower_start",
    "bullet",
    "item_continuation",
    "indent",
    "blank_before",
    "bracket",
    "separator",
    "linkish",
    "log_repeats",
    "log_lines",
    "is_prose",
    "echoes_neighbour",
    "log_chrome_words",
    "reader_share",
    "any_stop_density",
)


#: Page-level and position features (same value for every unit of a page, or positional).
PAGE_FEATURES = (
    "position",
    "in_main_span",
    "log_units_before_span",
    "log_units_after_span",
    "span_word_share",
    "wrapped",
    "page_stop_density",
    "language_known",
    "log_page_units",
)


#: Base features whose neighbours' values are also features (previous, next, window mean).
CONTEXT_OF = ("log_words", "stop_density", "sentence_end", "is_prose", "bullet", "log_chars")


CONTEXT_WINDOW = 3


def feature_names() -> list[str]:
    names = list(BASE_FEATURES) + list(PAGE_FEATURES)
    for name in CONTEXT_OF:
        names += [f"prev_{name}", f"next_{name}", f"window_{name}"]
    return names


#: Names of the context-stage features (built from the unit-stage log-odds).
CONTEXT_FEATURES = (
    "z",
    "z_prev1",
    "z_next1",
    "z_prev2",
    "z_next2",
    "z_window3",
    "z_window8",
    "z_left5",
    "z_right5",
    "z_page_max",
    "position",
    "log_words",
    "stop_density",
    "log_distance_to_high",
    "log_high_run",
    "in_top_run",
    "z_between",
)


@cache
def stoplists() -> tuple[tuple[str, ...], dict[str, tuple[int, ...]], tuple[frozenset[str], ...]]:
    """(languages, word -> languages it is a stopword of, one stopword set per language).

    Loaded once per process from jusText's stoplists.
    """
    languages = tuple(settings.TEXT_MODEL_LANGUAGES)
    sets = tuple(frozenset(w.casefold() for w in justext.get_stoplist(lang)) for lang in languages)
    by_word: dict[str, list[int]] = {}
    for position, words in enumerate(sets):
        for word in words:
            by_word.setdefault(word, []).append(position)
    return languages, {w: tuple(v) for w, v in by_word.items()}, sets


def detect_language(tokens: Counter[str]) -> int | None:
    """Index into `settings.TEXT_MODEL_LANGUAGES` of the language whose stopwords cover the
    most of these (lower-cased) word counts, or None when too few words are stopwords.

    The pipeline reads the language from hashed stopwords (`_page_language`); this is the
    plain definition that it is tested against."""
    languages, by_word, _ = stoplists()
    hits = [0] * len(languages)
    total = 0
    for word, count in tokens.items():
        total += count
        for language in by_word.get(word, ()):
            hits[language] += count
    if not total:
        return None
    best = max(range(len(languages)), key=lambda i: (hits[i], -i))
    if hits[best] < settings.MIN_LANGUAGE_STOPWORD_SHARE * total:
        return None
    return best


def _window_mean(values: np.ndarray, radius: int, padded: np.ndarray | None = None) -> np.ndarray:
    """Mean of each value's neighbours within `radius` (itself excluded), edges shortened.
    `padded`: the values' running sums after a 0 (`_running_sums`), when already known."""
    n = len(values)
    if padded is None:
        padded = _running_sums(values)
    index = np.arange(n)
    lo = np.maximum(index - radius, 0)
    hi = np.minimum(index + radius + 1, n)
    total = padded[hi] - padded[lo] - values
    count = hi - lo - 1
    return np.where(count > 0, total / np.maximum(count, 1), 0.0)


def _running_sums(values: np.ndarray) -> np.ndarray:
    """0, then the running sums of `values` (the sum of values[lo:hi] is [hi] - [lo])."""
    return np.concatenate(([0.0], np.cumsum(values)))


def _shift(values: np.ndarray, by: int, fill: float = 0.0) -> np.ndarray:
    """values[i - by] at i (by > 0: the previous ones), `fill` past the edges."""
    out = np.full_like(values, fill)
    if by > 0:
        out[by:] = values[:-by]
    elif by < 0:
        out[:by] = values[-by:]
    else:
        out[:] = values
    return out


# Character classes, one bit each, looked up per code point: counting a class over a page is
# then one numpy pass over all its text instead of one regex call per unit and class.
_DIGIT_BIT, _WORD_BIT, _RX_WORD_BIT, _UPPER_BIT = 1, 2, 4, 8


_INNER_PUNCT_BIT, _CJK_BIT, _SPACE_BIT = 16, 32, 64


_CLOSER_BIT, _SENTENCE_END_BIT, _PROSE_END_BIT, _PROSE_QUOTE_BIT = 256, 512, 1024, 2048


_LOWER_BIT, _OPEN_BRACKET_BIT, _CLOSE_BRACKET_BIT, _ODD_SPACE_BIT = 4096, 8192, 16384, 32768


#: Each bit's members, as one-character patterns of the module the per-unit regexes use.
_CLASS_PATTERNS = (
    (_DIGIT_BIT, re.compile(r"\d")),  # digits
    (_WORD_BIT, re.compile(r"\w")),  # _WORD (tokens)
    (_RX_WORD_BIT, regex.compile(r"\w")),  # no word character before a capital
    (_UPPER_BIT, regex.compile(r"\p{Lu}")),  # a capital starting a word
    (_INNER_PUNCT_BIT, _INNER_PUNCT),
    (_CJK_BIT, _CJK),
    (_SPACE_BIT, re.compile(" ")),
    (_CLOSER_BIT, re.compile(r"['\"’”»)\]]")),  # what may follow a sentence's end
    (_SENTENCE_END_BIT, re.compile(r"[.!?…。！？]")),  # sentence end (then only closers)
    (_PROSE_END_BIT, re.compile(r"[.!?…:;]")),  # heuristics' sentence end
    (_PROSE_QUOTE_BIT, re.compile(r"[\"”»]")),  # heuristics' closing quote at the very end
    (_OPEN_BRACKET_BIT, re.compile(r"\[")),
    (_CLOSE_BRACKET_BIT, re.compile(r"\]")),
)


_BMP = 0x10000


@cache
def _class_table() -> np.ndarray:
    """Class bits of every code point of the Basic Multilingual Plane (built once, ~50 ms)."""
    every = "".join(map(chr, range(_BMP)))
    table = np.zeros(_BMP, dtype=np.uint32)
    for bit, pattern in _CLASS_PATTERNS:
        table[[m.start() for m in pattern.finditer(every)]] |= bit
    table[[i for i, c in enumerate(every) if c.islower()]] |= _LOWER_BIT
    # whitespace that str.split() splits on besides the space normalised units keep (the
    # newline joining units is in no class)
    table[[i for i, c in enumerate(every) if c.isspace() and c not in " \n"]] |= _ODD_SPACE_BIT
    return table


@cache
def _astral_classes(code: int) -> int:
    """Class bits of a code point outside the BMP (emoji and rare scripts), one at a time."""
    char = chr(code)
    bits = sum(bit for bit, pattern in _CLASS_PATTERNS if pattern.match(char))
    return bits | (_LOWER_BIT if char.islower() else 0) | (_ODD_SPACE_BIT if char.isspace() else 0)


def _classes(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(code points, class bits) of every character of `text`."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = _class_table()
    if len(codes) and codes.max() >= _BMP:
        bits = table[np.minimum(codes, _BMP - 1)]
        astral = np.flatnonzero(codes >= _BMP)
        bits[astral] = [_astral_classes(int(c)) for c in codes[astral]]
        return codes, bits
    return codes, table[codes]


def _segment_sums(mask: np.ndarray, starts: np.ndarray, nonempty: np.ndarray) -> np.ndarray:
    """Sum of `mask` over each segment starting at `starts` (0 for an empty unit)."""
    if not len(mask):
        return np.zeros(len(starts), dtype=np.int64)
    if starts[-1] < len(mask):  # as good as always: the last unit is not empty
        return np.add.reduceat(mask, starts, dtype=np.int64)
    # an empty unit at the very end starts past the text
    sums = np.add.reduceat(mask, np.minimum(starts, len(mask) - 1), dtype=np.int64)
    sums[~nonempty] = 0
    return sums


class PageText:
    """Per-unit counts over one page's unit texts, computed for the whole page at once.

    The texts are joined by newlines (a unit holds none) and measured with numpy over the
    joined text's code points; a pattern that cannot match across a newline then counts the
    same in the joined text as unit by unit. Each unit's segment of the joined text runs up
    to the next unit's start (its own newline included, which no class holds).
    """

    def __init__(self, texts: Sequence[str], joined: str | None = None) -> None:
        n = len(texts)
        self.texts = texts
        self.joined = joined = "\n".join(texts) if joined is None else joined
        self.lengths = lengths = np.array(list(map(len, texts)), dtype=np.int64)
        self.starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1])) if n else np.zeros(0, dtype=np.int64)
        self.codes, self.bits = _classes(joined)
        self.nonempty = lengths > 0
        self.last = np.where(self.nonempty, self.starts + lengths - 1, 0)  # each unit's last char
        self._tail: tuple[np.ndarray, np.ndarray] | None = None  # see ends_with

    def count(self, mask: np.ndarray) -> np.ndarray:
        """How many positions of each unit `mask` marks (`mask` over the joined text)."""
        return _segment_sums(mask, self.starts, self.nonempty)

    def has(self, bit: int) -> np.ndarray:
        """Which characters of the joined text have the class bit."""
        return (self.bits & bit) != 0

    def ends_with(self, end_bit: int) -> np.ndarray:
        """Whether each unit's last character that is not a closing quote or bracket has
        `end_bit` (a sentence end followed only by closers)."""
        if not len(self.bits):
            return np.zeros(len(self.starts), dtype=bool)
        if self._tail is None:
            # step back over closing quotes and brackets, all units at once (rarely more than 2)
            at, live = self.last.copy(), self.nonempty.copy()
            for _ in range(len(self.bits)):
                closer = live & ((self.bits[at] & _CLOSER_BIT) != 0)
                if not closer.any():
                    break
                at[closer] -= 1
                live &= at >= self.starts
            self._tail = (at, live)
        at, live = self._tail
        return live & ((self.bits[at] & end_bit) != 0)

    def words(self, spaces: np.ndarray | None = None) -> np.ndarray:
        """Words of each unit as `str.split()` counts them (spaces + 1 in a normalised unit)."""
        if spaces is None:
            spaces = self.count(self.has(_SPACE_BIT))
        words = np.where(self.nonempty, spaces + 1, 0)
        if not len(self.codes):
            return words
        codes = self.codes
        odd = self.has(_ODD_SPACE_BIT)
        irregular = self.nonempty & ((codes[self.starts.clip(max=len(codes) - 1)] == 32) | (codes[self.last] == 32))
        if "  " in self.joined or odd.any():  # odd whitespace or two spaces in a row
            odd[1:] |= (codes[1:] == 32) & (codes[:-1] == 32)
            irregular |= self.count(odd) > 0
        for i in np.flatnonzero(irregular).tolist():
            words[i] = len(self.texts[i].split())
        return words

    def prose_ends(self) -> np.ndarray:
        """`heuristics._SENTENCE_END`: sentence punctuation (then only closers) or a closing
        quote at the very end."""
        if not len(self.bits):
            return self.nonempty.copy()
        return self.ends_with(_PROSE_END_BIT) | (self.nonempty & ((self.bits[self.last] & _PROSE_QUOTE_BIT) != 0))


# --- stopwords by hashing ----------------------------------------------------------------
# Tokens are hashed with numpy over the code points (a polynomial hash modulo 2**64) and
# looked up among the hashes of the stoplists' words: one pass per page instead of a regex
# tokenizer and a set lookup per token. Two different short words sharing a 64-bit hash is
# not a concern at this scale.
_HASH_BASE = 0x100000001B3


_HASH_LENGTH = 0x9E3779B97F4A7C15


_HASH_MAX_OFFSET = 64  # characters past this many in a token share one power (no stopword is that long)


_HASH_POWERS = np.array([pow(_HASH_BASE, k, 1 << 64) for k in range(_HASH_MAX_OFFSET)], dtype=np.uint64)


@cache
def _stopword_hashes() -> tuple[np.ndarray, np.ndarray]:
    """(sorted hashes of every stoplist word that is one token, the languages' bit mask of each)."""
    _, by_word, _ = stoplists()
    words = [word for word in by_word if _WORD.fullmatch(word)]
    codes, bits = _classes("\n".join(words))
    first, hashes = _token_hashes(codes, (bits & _WORD_BIT) != 0)
    masks: dict[int, int] = {}
    for word, key in zip(words, hashes.tolist(), strict=False):
        masks[key] = masks.get(key, 0) | sum(1 << language for language in by_word[word])
    keys = sorted(masks)
    return np.array(keys, dtype=np.uint64), np.array([masks[k] for k in keys], dtype=np.uint64)


def _token_hashes(codes: np.ndarray, word: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For the `\\w+` tokens of a text (its code points, and which are word characters):
    (the position of each token's first character, each token's hash)."""
    where = np.flatnonzero(word)
    if not len(where):
        return where, np.zeros(0, dtype=np.uint64)
    starts = np.ones(len(where), dtype=bool)
    starts[1:] = where[1:] != where[:-1] + 1
    first = np.flatnonzero(starts)
    lengths = np.diff(np.append(first, len(where)))
    offsets = np.arange(len(where)) - np.repeat(first, lengths)
    terms = codes[where].astype(np.uint64) * _HASH_POWERS[np.minimum(offsets, _HASH_MAX_OFFSET - 1)]
    return where[first], np.add.reduceat(terms, first) + lengths.astype(np.uint64) * np.uint64(_HASH_LENGTH)


#: Bits of a hash's slot in a `_HashTable` (slots for ~5 times the ~25,000 known words: a
#: slot holds at most a few of them).
_SLOT_BITS = 17


#: Mixes a hash's bits before its top `_SLOT_BITS` name its slot: the polynomial hashes of
#: short words differ little in their top bits.
_SLOT_MIX = np.uint64(0x9E3779B97F4A7C15)


class _HashTable(NamedTuple):
    """Hashes and their values, grouped by slot: a token's value is found among the few keys
    of its slot (a binary search over all of them, per token, took 2 % of the text pipeline)."""

    keys: np.ndarray
    values: np.ndarray
    #: where each slot's keys start in `keys`, and past the last slot's
    starts: np.ndarray

    @classmethod
    def of(cls, keys: np.ndarray, values: np.ndarray) -> _HashTable:
        slots = _slots(keys)
        order = np.argsort(slots, kind="stable")
        return cls(keys[order], values[order], np.searchsorted(slots[order], np.arange((1 << _SLOT_BITS) + 1)))

    def lookup(self, hashes: np.ndarray) -> np.ndarray:
        """The value of each hash (0 where it is not one of the keys)."""
        slots = _slots(hashes)
        first = self.starts[slots]
        count = self.starts[slots + 1] - first
        out = np.zeros(len(hashes), dtype=np.uint64)
        # each token still looked for, and the key of its slot it is compared with next
        live = np.flatnonzero(count)
        at = first[live]
        tried = 0
        while len(live):
            hit = self.keys[at] == hashes[live]
            out[live[hit]] = self.values[at[hit]]
            tried += 1
            more = ~hit & (count[live] > tried)
            live, at = live[more], at[more] + 1
        return out


def _slots(hashes: np.ndarray) -> np.ndarray:
    return ((hashes * _SLOT_MIX) >> np.uint64(64 - _SLOT_BITS)).astype(np.intp)


# Words of page furniture rather than of stories, by concept, in the devset's commonest
# languages (lower case, one token each): a unit's count is a feature the model weighs, so a
# story that mentions a cookie pays little, a consent or newsletter box made of them a lot.
_CHROME_CONCEPTS = ("consent", "account", "social", "comments", "commerce", "site")
_CHROME_TOKENS = {concept: vocab.words(f"chrome_words.{concept}") for concept in _CHROME_CONCEPTS}


# Words that address the reader (second person): prompts and calls to action do; reports
# rarely do outside quotes.
_READER_TOKENS = vocab.words("reader_words")


_CHROME_BIT, _READER_BIT = 1, 2


@cache
def _lexicon_hashes() -> tuple[np.ndarray, np.ndarray]:
    """(sorted hashes of the chrome and reader words, their bits)."""
    bits: dict[str, int] = {}
    for group in _CHROME_TOKENS.values():
        for word in sorted(group):
            bits[word] = bits.get(word, 0) | _CHROME_BIT
    for word in sorted(_READER_TOKENS):
        bits[word] = bits.get(word, 0) | _READER_BIT
    words = [word for word in bits if _WORD.fullmatch(word)]
    codes, classes = _classes("\n".join(words))
    _, hashes = _token_hashes(codes, (classes & _WORD_BIT) != 0)
    by_hash = dict(zip(hashes.tolist(), (bits[w] for w in words), strict=False))
    keys = sorted(by_hash)
    return np.array(keys, dtype=np.uint64), np.array([by_hash[k] for k in keys], dtype=np.uint64)


#: Bits of a known word's value: its stoplists' languages below, its lexicon bits from here.
_LEXICON_SHIFT = 32


_LANGUAGE_MASK = (1 << _LEXICON_SHIFT) - 1


#: Each language's bit position in a token's value, in `settings.TEXT_MODEL_LANGUAGES` order.
#: (32 bits: the languages' bits are the value's low 32, and counting in 32 bits is twice as quick)
_LANGUAGE_BITS = np.arange(len(settings.TEXT_MODEL_LANGUAGES), dtype=np.uint32)


@cache
def _word_hashes() -> _HashTable:
    """The stopwords' and the lexicon's hashes in one table (one lookup per token), each with
    its languages' bits and, shifted by `_LEXICON_SHIFT`, its lexicon bits."""
    values: dict[int, int] = {}
    for keys, masks, shift in ((*_stopword_hashes(), 0), (*_lexicon_hashes(), _LEXICON_SHIFT)):
        for key, mask in zip(keys.tolist(), masks.tolist(), strict=True):
            values[key] = values.get(key, 0) | (mask << shift)
    ordered = sorted(values)
    return _HashTable.of(np.array(ordered, dtype=np.uint64), np.array([values[k] for k in ordered], dtype=np.uint64))


def _page_language(hits: np.ndarray, total: int) -> int | None:
    """`detect_language` from the page's stopword count in each language and its count of
    tokens."""
    if not total:
        return None
    best = int(np.argmax(hits))
    if hits[best] < settings.MIN_LANGUAGE_STOPWORD_SHARE * total:
        return None
    return best


def unit_features(units: Sequence[Unit]) -> np.ndarray:
    """The unit-stage feature matrix (one row per unit, columns as `feature_names()`)."""
    n = len(units)
    if not n:
        return np.zeros((0, len(feature_names())))
    texts = [unit.text for unit in units]
    page = PageText(texts)
    bits, codes = page.bits, page.codes
    lengths = page.lengths.astype(np.float64)
    length = np.maximum(lengths, 1.0)

    # Tokens of the lower-cased text (`_WORD`), for stopwords and the page's language.
    lowered = page.joined.lower()
    if len(lowered) == len(page.joined):  # the same units' positions
        low_starts = page.starts
        low_codes, low_bits = _classes(lowered)
    else:  # a few characters lower-case to two (İ)
        low = PageText(lowered.split("\n"), lowered)
        low_starts, low_codes, low_bits = low.starts, low.codes, low.bits
    word = (low_bits & _WORD_BIT) != 0
    token_starts, token_hashes = _token_hashes(low_codes, word)
    token_words = _word_hashes().lookup(token_hashes)
    token_languages = (token_words & np.uint64(_LANGUAGE_MASK)).astype(np.uint32)
    token_lexicon = token_words >> np.uint64(_LEXICON_SHIFT)
    token_units = np.searchsorted(low_starts, token_starts, side="right") - 1
    tokens_per_unit = np.bincount(token_units, minlength=n)
    # Each unit's stopwords in every language at once, as differences of running counts
    # over the tokens (whole numbers: the same as summing unit by unit); the page's counts
    # are the last.
    language = None
    stops = np.zeros(n)
    any_stops = np.zeros(n)
    if len(token_units):
        in_language = (token_languages[:, None] >> _LANGUAGE_BITS) & np.uint32(1)
        running = np.zeros((len(token_units) + 1, len(_LANGUAGE_BITS)), dtype=np.uint32)
        np.cumsum(in_language, axis=0, out=running[1:])
        language = _page_language(running[-1], len(token_units))
        first_token = np.searchsorted(token_units, np.arange(n + 1))  # of each unit, and past the last
        per_language = (running[first_token[1:]] - running[first_token[:-1]]).astype(np.float64)
        if language is not None:
            stops = per_language[:, language].copy()
        # The best stopword density over all the languages: a sentence in another language
        # than the page's (a quote, a bilingual page) still reads as running text.
        any_stops = per_language.max(axis=1)
    word_chars = _segment_sums(word, low_starts, page.nonempty)
    chrome_words = np.bincount(
        token_units, weights=(token_lexicon & np.uint64(_CHROME_BIT)).astype(np.float64), minlength=n
    )
    reader_words = np.bincount(
        token_units, weights=((token_lexicon >> np.uint64(1)) & np.uint64(1)).astype(np.float64), minlength=n
    )

    # Capitals starting a word (`regex`'s `(?<!\w)\p{Lu}`: no word character just before).
    capital = page.has(_UPPER_BIT)
    capital[1:] &= ~page.has(_RX_WORD_BIT)[:-1]
    separator = np.zeros(n)
    if any(mark in page.joined for mark in _SEPARATOR_MARKS):
        found = [match.start() for match in _SEPARATOR.finditer(page.joined)]
        separator[np.searchsorted(page.starts, found, side="right") - 1] = 1.0
    spaces = page.count(page.has(_SPACE_BIT))
    sniffed = page.starts[min(n, settings.CJK_SNIFF_UNITS) - 1] + page.lengths[min(n, settings.CJK_SNIFF_UNITS) - 1]
    cjk_page = bool(page.has(_CJK_BIT)[:sniffed].any())
    cjk = page.count(page.has(_CJK_BIT)).astype(np.float64) if cjk_page else np.zeros(n)
    words = np.where(page.nonempty, spaces + 1, 0).astype(np.float64)  # units are whitespace-normalised
    effective_words = words + cjk / 2.0
    linkish = np.zeros(n)
    if any(mark in lowered for mark in _LINKISH_MARKS):
        found = [match.start() for match in _LINKISH.finditer(page.joined)]
        linkish[np.searchsorted(page.starts, found, side="right") - 1] = 1.0

    folded = page.joined.casefold().split("\n")
    repeats = Counter(folded)
    # A caption shows twice in a dump: the image's alt text, then the same text with a credit
    # (`Jana Novak war ... gesegnet. | © Getty Images`); one starting the other marks both.
    echoes = np.zeros(n)
    if n > 1:
        folded_lengths = np.array(list(map(len, folded)))
        pair = np.array(list(map(str.startswith, folded[:-1], folded[1:])))
        pair |= np.array(list(map(str.startswith, folded[1:], folded[:-1])))
        pair &= np.minimum(folded_lengths[:-1], folded_lengths[1:]) >= settings.ECHO_MIN_CHARS
        echoes[:-1][pair] = 1.0
        echoes[1:][pair] = 1.0

    prose_end = page.prose_ends()
    exact_words = page.words(spaces)
    # heuristics.is_prose (on `unit.words`), plus CJK prose on a CJK page
    heuristic_prose = (exact_words >= settings.LONG_PROSE_WORDS) | (
        (exact_words >= settings.PROSE_MIN_WORDS) & prose_end
    )
    cjk_prose = (cjk >= settings.CJK_PROSE_CHARS) if cjk_page else np.zeros(n, dtype=bool)
    first_bits = np.where(page.nonempty, bits[page.starts.clip(max=max(len(bits) - 1, 0))] if len(bits) else 0, 0)
    last_codes = np.where(page.nonempty, codes[page.last] if len(codes) else 0, 0)
    is_bullet = np.array([unit.is_bullet for unit in units], dtype=bool)
    item = np.array([unit.item for unit in units], dtype=np.int64)
    indent = np.array([unit.indent for unit in units], dtype=np.float64)
    first_line = np.array([unit.first_line for unit in units], dtype=np.int64)
    last_line = np.array([unit.last_line for unit in units], dtype=np.int64)
    rows = np.column_stack(
        (
            np.log1p(length),
            np.log1p(effective_words),
            np.divide(stops, tokens_per_unit, out=np.zeros(n), where=tokens_per_unit > 0),
            np.log1p(stops),
            page.ends_with(_SENTENCE_END_BIT),
            last_codes == 58,  # ends with ":"
            page.count(page.has(_INNER_PUNCT_BIT)) / np.where(effective_words > 0, effective_words, 1.0),
            np.divide(page.count(capital), words, out=np.zeros(n), where=words > 0),
            page.count(page.has(_DIGIT_BIT)) / length,
            word_chars / length,
            cjk / length,
            (first_bits & _LOWER_BIT) != 0,
            is_bullet,
            (item >= 0) & ~is_bullet,
            np.minimum(indent, 16) / 16.0,
            np.array([unit.blank_before for unit in units], dtype=bool),
            (page.count(page.has(_OPEN_BRACKET_BIT)) > 0) & (page.count(page.has(_CLOSE_BRACKET_BIT)) > 0),
            separator,
            linkish,
            np.log(np.array(list(map(repeats.__getitem__, folded)), dtype=np.float64)),
            np.log1p(last_line - first_line),
            (words >= settings.LONG_PROSE_WORDS) | ((words >= settings.PROSE_MIN_WORDS) & prose_end) | cjk_prose,
            echoes,
            np.log1p(chrome_words),
            np.divide(reader_words, tokens_per_unit, out=np.zeros(n), where=tokens_per_unit > 0),
            np.divide(any_stops, tokens_per_unit, out=np.zeros(n), where=tokens_per_unit > 0),
        )
    ).astype(np.float64)

    page_columns = np.zeros((n, len(PAGE_FEATURES)), dtype=np.float64)
    index = np.arange(n, dtype=np.float64)
    page_columns[:, 0] = index / max(n - 1, 1)
    scores = np.where(
        heuristic_prose,
        exact_words,
        -(
            settings.NON_PROSE_PENALTY
            + np.where(exact_words < settings.SHORT_UNIT_WORDS, settings.SHORT_UNIT_EXTRA_PENALTY, 0.0)
        ),
    )
    span = densest_run(scores)
    if span is not None:
        start, end = span
        page_columns[start : end + 1, 1] = 1.0
        page_columns[:start, 2] = np.log1p(start - index[:start])
        page_columns[end + 1 :, 3] = np.log1p(index[end + 1 :] - end)
        unit_words = np.expm1(rows[:, 1])
        page_columns[:, 4] = unit_words[start : end + 1].sum() / max(unit_words.sum(), 1.0)
    else:
        page_columns[:, 2] = np.log1p(n)
    # A wrapped dump (w3m at 80 columns) joined some units from several lines.
    page_columns[:, 5] = 1.0 if (last_line > first_line).any() else 0.0
    total_tokens = len(token_starts)
    page_columns[:, 6] = stops.sum() / total_tokens if total_tokens else 0.0
    page_columns[:, 7] = 1.0 if language is not None else 0.0
    page_columns[:, 8] = math.log1p(n)

    # previous, next and window mean of some columns (as `_shift` and `_window_mean`)
    columns = rows[:, [BASE_FEATURES.index(name) for name in CONTEXT_OF]]
    previous = np.zeros_like(columns)
    previous[1:] = columns[:-1]
    following = np.zeros_like(columns)
    following[:-1] = columns[1:]
    running = np.concatenate((np.zeros((1, columns.shape[1])), np.cumsum(columns, axis=0)))
    lo = np.maximum(np.arange(n) - CONTEXT_WINDOW, 0)
    hi = np.minimum(np.arange(n) + CONTEXT_WINDOW + 1, n)
    others = (hi - lo - 1)[:, None]
    window = np.where(others > 0, (running[hi] - running[lo] - columns) / np.maximum(others, 1), 0.0)
    context = np.stack((previous, following, window), axis=2).reshape(n, 3 * len(CONTEXT_OF))
    return np.concatenate((rows, page_columns, context), axis=1)


def context_features(z: np.ndarray, base: np.ndarray) -> np.ndarray:
    """The context-stage feature matrix from unit-stage log-odds `z` (columns as
    `CONTEXT_FEATURES`)."""
    n = len(z)
    if not n:
        return np.zeros((0, len(CONTEXT_FEATURES)))
    low = float(z.min())
    padded = _running_sums(z)  # the four window means share them
    left = _window_mean_side(z, 5, before=True, fill=low, padded=padded)
    right = _window_mean_side(z, 5, before=False, fill=low, padded=padded)
    previous1, next1 = _shift(z, 1, low), _shift(z, -1, low)
    previous2, next2 = _shift(z, 2, low), _shift(z, -2, low)
    return np.column_stack(
        [
            z,
            previous1,
            next1,
            previous2,
            next2,
            _window_mean(z, 3, padded),
            _window_mean(z, 8, padded),
            left,
            right,
            np.full(n, float(z.max())),
            base[:, _POSITION_COLUMN],
            base[:, _LOG_WORDS_COLUMN],
            base[:, _STOP_DENSITY_COLUMN],
            *_high_runs(z),
            # jusText's rule, learned: a unit between body-like ones on both sides (the
            # lesser of the best unit-stage score within two before it and within two after)
            np.minimum(np.maximum(previous1, previous2), np.maximum(next1, next2)),
        ]
    )


# the unit features that are also context features
_POSITION_COLUMN = feature_names().index("position")


_LOG_WORDS_COLUMN = feature_names().index("log_words")


_STOP_DENSITY_COLUMN = feature_names().index("stop_density")


def _high_runs(z: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each unit stands to the runs of units the unit stage calls body (z > 0):
    log(1 + units to the nearest such unit) (0 for one), log(1 + length of the run it is in),
    and whether it lies within the span of the run holding the most such units, the gaps of
    up to `settings.TEXT_MODEL_RUN_GAP` units bridged (the article region)."""
    n = len(z)
    high = z > 0
    index = np.arange(n)
    if not high.any():
        return np.full(n, math.log1p(n)), np.zeros(n), np.zeros(n)
    where = np.flatnonzero(high)
    after = np.searchsorted(where, index)  # first high position >= i
    nxt = where[np.minimum(after, len(where) - 1)]
    prv = where[np.maximum(after - 1, 0)]
    dist = np.minimum(np.abs(nxt - index), np.abs(index - prv))
    # plain runs of consecutive high units
    starts = np.flatnonzero(high & ~np.concatenate(([False], high[:-1])))
    ends = np.flatnonzero(high & ~np.concatenate((high[1:], [False])))
    run_len = np.zeros(n)
    lengths = ends - starts + 1
    run_len[high] = np.repeat(lengths, lengths)  # each high unit, its run's length
    # bridged runs: split the high positions where the gap exceeds the allowed one
    breaks = np.flatnonzero(np.diff(where) > settings.TEXT_MODEL_RUN_GAP + 1)
    group_starts = np.concatenate(([0], breaks + 1))
    group_ends = np.append(breaks, len(where) - 1)  # inclusive, into `where`
    top = int(np.argmax(group_ends - group_starts))  # the first of the largest
    in_top = ((index >= where[group_starts[top]]) & (index <= where[group_ends[top]])).astype(np.float64)
    return np.log1p(dist.astype(np.float64)), np.log1p(run_len), in_top


def _window_mean_side(
    values: np.ndarray, radius: int, before: bool, fill: float, padded: np.ndarray | None = None
) -> np.ndarray:
    """Mean of the `radius` values just before (or after) each one; `fill` where none are.
    `padded`: as for `_window_mean`."""
    n = len(values)
    if padded is None:
        padded = _running_sums(values)
    index = np.arange(n)
    if before:
        lo, hi = np.maximum(index - radius, 0), index
    else:
        lo, hi = index + 1, np.minimum(index + 1 + radius, n)
    count = hi - lo
    return np.where(count > 0, (padded[hi] - padded[lo]) / np.maximum(count, 1), fill)


def densest_run(scores: np.ndarray) -> tuple[int, int] | None:
    """(start, end inclusive) of the run of `scores` with the greatest positive sum, or None.

    Kadane's scan in closed form: a run ending at j starts at the last position where the
    prefix sum was at its running minimum (ties: the later), and the first j with the
    greatest sum wins, as the scan that resets on a total <= 0 and keeps a strictly better
    run finds them.
    """
    n = len(scores)
    if not n:
        return None
    prefix = np.concatenate(([0.0], np.cumsum(scores, dtype=np.float64)))
    at_minimum = prefix[:-1] <= np.minimum.accumulate(prefix[:-1])
    start = np.maximum.accumulate(np.where(at_minimum, np.arange(n), 0))
    totals = prefix[1:] - prefix[start]
    end = int(np.argmax(totals))
    if totals[end] <= 0:
        return None
    return int(start[end]), end
