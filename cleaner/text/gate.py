"""Which of the two text models judges a page: the news model or the broad one.

The news model (`settings.TEXT_MODEL_FILE`) was trained on news stories only; the broad model
(`settings.TEXT_MODEL_BROAD_FILE`) on news and on forums, listings, product, service and
documentation pages as well. The broad one is the better judge of the latter and the worse of
news. The gate is a logistic model over a few page-level figures of the units the model is to
judge (how much of the page is prose, how much is list items or short lines, prices), trained
on pages whose type is known (`training/train_text_gate.py`, weights in
`settings.TEXT_GATE_FILE`): a page whose probability of not being an article reaches its
threshold goes to the broad model.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from cleaner import settings
from cleaner.text.features import feature_names

#: Names of the page-level figures the gate reads, in the order of `page_features`.
GATE_FEATURES = (
    "prose_share",
    "prose_word_share",
    "bullet_share",
    "short_share",
    "sentence_end_share",
    "mean_log_words",
    "max_log_words",
    "span_word_share",
    "log_page_units",
    "linkish_share",
    "repeated_share",
    "digit_share",
    "colon_end_share",
    "log_prices",
)

# A price: a currency sign or code beside a number.
_PRICE = re.compile(r"[$€£¥₹]\s?\d|\d(?:[.,]\d\d)?\s?(?:[$€£¥₹]|EUR\b|USD\b|GBP\b|kr\b|zł)")

_COLUMNS = {name: i for i, name in enumerate(feature_names())}


def page_features(texts: Sequence[str], base: np.ndarray) -> np.ndarray:
    """The gate's figures (`GATE_FEATURES`) of a page from its units' texts and their
    unit-feature matrix (`cleaner.text.features.unit_features`)."""
    if not len(texts):
        return np.zeros(len(GATE_FEATURES))

    def column(name: str) -> np.ndarray:
        return base[:, _COLUMNS[name]]

    log_words = column("log_words")
    words = np.expm1(log_words)
    prose = column("is_prose") > 0
    prices = sum(len(_PRICE.findall(text)) for text in texts)
    return np.array(
        [
            prose.mean(),
            words[prose].sum() / max(words.sum(), 1.0),
            (column("bullet") > 0).mean(),
            (words < settings.SHORT_UNIT_WORDS).mean(),
            (column("sentence_end") > 0).mean(),
            log_words.mean(),
            log_words.max(),
            column("span_word_share")[0],
            column("log_page_units")[0],
            (column("linkish") > 0).mean(),
            (column("log_repeats") > 0).mean(),
            column("digit_share").mean(),
            (column("colon_end") > 0).mean(),
            np.log1p(prices),
        ]
    )


class TextGate:
    """A logistic model over standardised `page_features` and its threshold."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("features") != list(GATE_FEATURES):
            raise ValueError("text gate: its feature names do not match this version of the code")
        self.mean = np.asarray(data["mean"], dtype=np.float64)
        self.scale = np.asarray(data["scale"], dtype=np.float64)
        self.weights = np.asarray(data["weights"], dtype=np.float64)
        self.bias = float(data["bias"])
        self.threshold = float(data["threshold"])

    def not_article_probability(self, texts: Sequence[str], base: np.ndarray) -> float:
        """Probability that the page of these units is not a news story or article."""
        z = self.bias + float(((page_features(texts, base) - self.mean) / self.scale) @ self.weights)
        return 1.0 / (1.0 + np.exp(-z))

    def wants_broad(self, texts: Sequence[str], base: np.ndarray) -> bool:
        """Whether the broad model should judge these units (never fewer than
        `settings.TEXT_GATE_MIN_UNITS`)."""
        return (
            len(texts) >= settings.TEXT_GATE_MIN_UNITS and self.not_article_probability(texts, base) >= self.threshold
        )


@cache
def load_gate() -> TextGate:
    """The packaged gate (`settings.TEXT_GATE_FILE`), read once per process."""
    text = resources.files("cleaner").joinpath("data", settings.TEXT_GATE_FILE).read_text(encoding="utf-8")
    return TextGate(json.loads(text))
