"""The learned unit classifier for plain-text captures: body or boilerplate, with a probability.

A small, deterministic two-stage model (trained by `training/train_text_model.py` on silver
labels: the units of each devset page's text dump that trafilatura keeps from the same
page's HTML; weights in `cleaner/data/text_model.json`):

1. **unit stage**: every unit is described by a few dozen numbers a text dump still tells
   (length, stopword density in the page's language, sentence punctuation, capitals, digits,
   bullets and indentation, repeated lines, position relative to the densest run of prose,
   and the same for its neighbours);
2. **context stage**: the unit-stage log-odds of the unit and of its neighbours (jusText's
   idea that a short line between two story paragraphs is story, learned instead of set).

Each stage is an additive logistic model over binned features: each feature's value falls
in one of a few bins (edges learned as quantiles) and each bin carries a weight; a unit's
log-odds is the sum of its bins' weights plus a bias. Evaluated with numpy, one vectorised
pass per page.

The language is detected once per page by stopword hits over the page's words, among the
`settings.TEXT_MODEL_LANGUAGES` stoplists of jusText (a trafilatura dependency).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import regex

from cleaner import settings
from cleaner.blocks import Unit

_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_CAPITAL = regex.compile(r"(?<!\w)\p{Lu}")  # words starting with a capital letter
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_SENTENCE_END = re.compile(r"[.!?…。！？]['\"’”»)\]]*$")
_INNER_PUNCT = re.compile(r"[,;.،、，。]")
_SEPARATOR = re.compile(r"[|›»•·]| / |::")
_LINKISH = re.compile(r"https?:|www\.|@|©|\.com\b|\.html?\b", re.I)

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
)


# --- language --------------------------------------------------------------------------


@cache
def stoplists() -> tuple[tuple[str, ...], dict[str, tuple[int, ...]], tuple[frozenset[str], ...]]:
    """(languages, word -> languages it is a stopword of, one stopword set per language).

    Loaded once per process from jusText's stoplists.
    """
    import justext

    languages = tuple(settings.TEXT_MODEL_LANGUAGES)
    sets = tuple(frozenset(w.casefold() for w in justext.get_stoplist(lang)) for lang in languages)
    by_word: dict[str, list[int]] = {}
    for position, words in enumerate(sets):
        for word in words:
            by_word.setdefault(word, []).append(position)
    return languages, {w: tuple(v) for w, v in by_word.items()}, sets


def detect_language(tokens: Counter[str]) -> int | None:
    """Index into `settings.TEXT_MODEL_LANGUAGES` of the language whose stopwords cover the
    most of these (lower-cased) word counts, or None when too few words are stopwords."""
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


# --- features ----------------------------------------------------------------------------


def _window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    """Mean of each value's neighbours within `radius` (itself excluded), edges shortened."""
    n = len(values)
    padded = np.concatenate(([0.0], np.cumsum(values)))
    index = np.arange(n)
    lo = np.maximum(index - radius, 0)
    hi = np.minimum(index + radius + 1, n)
    total = padded[hi] - padded[lo] - values
    count = hi - lo - 1
    return np.where(count > 0, total / np.maximum(count, 1), 0.0)


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


def unit_features(units: Sequence[Unit]) -> np.ndarray:
    """The unit-stage feature matrix (one row per unit, columns as `feature_names()`)."""
    from cleaner.heuristics import _SENTENCE_END as PROSE_END, main_span

    prose_end = PROSE_END.search

    n = len(units)
    texts = [unit.text for unit in units]
    lowered = [_WORD.findall(text.lower()) for text in texts]
    counts: Counter[str] = Counter()
    for tokens in lowered:
        counts.update(tokens)
    language = detect_language(counts)
    stopset = stoplists()[2][language] if language is not None else frozenset()
    repeats = Counter(text.casefold() for text in texts)
    cjk_page = _CJK.search("".join(texts[: settings.CJK_SNIFF_UNITS])) is not None

    # A caption shows twice in a dump: the image's alt text, then the same text with a credit
    # (`Lee Elder war ... gesegnet. | © Getty Images`); one starting the other marks both.
    folded = [text.casefold() for text in texts]
    echoes = [0.0] * n
    for i in range(1, n):
        a, b = folded[i - 1], folded[i]
        if min(len(a), len(b)) >= settings.ECHO_MIN_CHARS and (a.startswith(b) or b.startswith(a)):
            echoes[i - 1] = echoes[i] = 1.0

    values = []
    total_stops = total_tokens = 0
    log1p, log = math.log1p, math.log
    sentence_end, inner_punct, digit, capital = _SENTENCE_END.search, _INNER_PUNCT.findall, _DIGIT.findall, _CAPITAL.findall
    separator, linkish, cjk_chars = _SEPARATOR.search, _LINKISH.search, _CJK.findall
    is_stop = stopset.__contains__
    for unit, text, tokens, echo in zip(units, texts, lowered, echoes):
        length = len(text) or 1
        words = text.count(" ") + 1 if text else 0  # units are whitespace-normalised
        cjk = len(cjk_chars(text)) if cjk_page else 0
        effective_words = words + cjk / 2.0
        ntok = len(tokens)
        stops = sum(map(is_stop, tokens))
        total_stops += stops
        total_tokens += ntok
        values.append((
            log1p(length),
            log1p(effective_words),
            stops / ntok if ntok else 0.0,
            log1p(stops),
            1.0 if sentence_end(text) else 0.0,
            1.0 if text[-1:] == ":" else 0.0,
            len(inner_punct(text)) / (effective_words or 1.0),
            len(capital(text)) / words if words else 0.0,
            len(digit(text)) / length,
            len("".join(tokens)) / length,
            cjk / length,
            1.0 if text[:1].islower() else 0.0,
            1.0 if unit.is_bullet else 0.0,
            1.0 if unit.item >= 0 and not unit.is_bullet else 0.0,
            min(unit.indent, 16) / 16.0,
            1.0 if unit.blank_before else 0.0,
            1.0 if "[" in text and "]" in text else 0.0,
            1.0 if separator(text) else 0.0,
            1.0 if linkish(text) else 0.0,
            log(repeats[text.casefold()]),
            log1p(unit.last_line - unit.first_line),
            1.0 if (words >= settings.LONG_PROSE_WORDS
                    or (words >= settings.PROSE_MIN_WORDS and prose_end(text))
                    or (cjk_page and cjk >= settings.CJK_PROSE_CHARS)) else 0.0,
            echo,
        ))
    rows = np.array(values, dtype=np.float64).reshape(n, len(BASE_FEATURES))

    page = np.zeros((n, len(PAGE_FEATURES)), dtype=np.float64)
    if n:
        index = np.arange(n, dtype=np.float64)
        page[:, 0] = index / max(n - 1, 1)
        span = main_span(units)
        if span is not None:
            start, end = span
            page[start: end + 1, 1] = 1.0
            page[:start, 2] = np.log1p(start - index[:start])
            page[end + 1:, 3] = np.log1p(index[end + 1:] - end)
            words = np.expm1(rows[:, BASE_FEATURES.index("log_words")])
            page[:, 4] = words[start: end + 1].sum() / max(words.sum(), 1.0)
        else:
            page[:, 2] = np.log1p(n)
        # A wrapped dump (w3m at 80 columns) joined some units from several lines.
        page[:, 5] = 1.0 if any(unit.last_line > unit.first_line for unit in units) else 0.0
        page[:, 6] = total_stops / total_tokens if total_tokens else 0.0
        page[:, 7] = 1.0 if language is not None else 0.0
        page[:, 8] = math.log1p(n)

    context = []
    for name in CONTEXT_OF:
        column = rows[:, BASE_FEATURES.index(name)]
        context += [_shift(column, 1), _shift(column, -1), _window_mean(column, CONTEXT_WINDOW)]
    matrix = np.column_stack([rows, page, *context]) if n else np.zeros((0, len(feature_names())))
    return matrix


def context_features(z: np.ndarray, base: np.ndarray) -> np.ndarray:
    """The context-stage feature matrix from unit-stage log-odds `z` (columns as
    `CONTEXT_FEATURES`)."""
    n = len(z)
    if not n:
        return np.zeros((0, len(CONTEXT_FEATURES)))
    names = feature_names()
    low = float(z.min())
    left = _window_mean_side(z, 5, before=True, fill=low)
    right = _window_mean_side(z, 5, before=False, fill=low)
    return np.column_stack(
        [
            z,
            _shift(z, 1, low),
            _shift(z, -1, low),
            _shift(z, 2, low),
            _shift(z, -2, low),
            _window_mean(z, 3),
            _window_mean(z, 8),
            left,
            right,
            np.full(n, float(z.max())),
            base[:, names.index("position")],
            base[:, names.index("log_words")],
            base[:, names.index("stop_density")],
            *_high_runs(z),
        ]
    )


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
    for a, b in zip(starts.tolist(), ends.tolist()):
        run_len[a: b + 1] = b - a + 1
    # bridged runs: split the high positions where the gap exceeds the allowed one
    breaks = np.flatnonzero(np.diff(where) > settings.TEXT_MODEL_RUN_GAP + 1)
    groups = np.split(where, breaks + 1)
    top = max(groups, key=len)
    in_top = ((index >= top[0]) & (index <= top[-1])).astype(np.float64)
    return np.log1p(dist.astype(np.float64)), np.log1p(run_len), in_top


def _window_mean_side(values: np.ndarray, radius: int, before: bool, fill: float) -> np.ndarray:
    """Mean of the `radius` values just before (or after) each one; `fill` where none are."""
    n = len(values)
    padded = np.concatenate(([0.0], np.cumsum(values)))
    index = np.arange(n)
    if before:
        lo, hi = np.maximum(index - radius, 0), index
    else:
        lo, hi = index + 1, np.minimum(index + 1 + radius, n)
    count = hi - lo
    return np.where(count > 0, (padded[hi] - padded[lo]) / np.maximum(count, 1), fill)


# --- the model ---------------------------------------------------------------------------


class AdditiveModel:
    """Log-odds = bias + sum over features of the weight of the bin the value falls in."""

    def __init__(self, edges: list[list[float]], weights: list[list[float]], bias: float) -> None:
        if len(edges) != len(weights) or any(len(w) != len(e) + 1 for e, w in zip(edges, weights)):
            raise ValueError("text model: each feature needs one weight more than it has bin edges")
        self.edges = [np.asarray(e, dtype=np.float64) for e in edges]
        self.bias = float(bias)
        offsets = np.cumsum([0] + [len(w) for w in weights])
        self.offsets = offsets[:-1]
        self.table = np.concatenate([np.asarray(w, dtype=np.float64) for w in weights])

    def bins(self, matrix: np.ndarray) -> np.ndarray:
        """Index into the flat weight table of each (unit, feature)'s bin."""
        columns = [np.searchsorted(edges, matrix[:, j], side="right") for j, edges in enumerate(self.edges)]
        return np.column_stack(columns) + self.offsets if columns else np.zeros((len(matrix), 0), dtype=int)

    def log_odds(self, matrix: np.ndarray) -> np.ndarray:
        if not len(matrix):
            return np.zeros(0)
        return self.table[self.bins(matrix)].sum(axis=1) + self.bias

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AdditiveModel:
        return cls(data["edges"], data["weights"], data["bias"])


class TextModel:
    """Both stages and the decision threshold, as loaded from the package's data file."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("features") != feature_names() or data.get("context_features") != list(CONTEXT_FEATURES):
            raise ValueError("text model: its feature names do not match this version of the code")
        self.unit_stage = AdditiveModel.from_dict(data["unit_stage"])
        self.context_stage = AdditiveModel.from_dict(data["context_stage"])
        self.threshold = float(data["threshold"])

    def probabilities(self, units: Sequence[Unit]) -> np.ndarray:
        """Probability that each unit is the article's body."""
        base = unit_features(units)
        z = self.unit_stage.log_odds(base)
        z2 = self.context_stage.log_odds(context_features(z, base))
        return 1.0 / (1.0 + np.exp(-z2))


@cache
def load_model() -> TextModel:
    """The packaged model (`cleaner/data/text_model.json`), read once per process."""
    text = resources.files("cleaner").joinpath("data", settings.TEXT_MODEL_FILE).read_text(encoding="utf-8")
    return TextModel(json.loads(text))
