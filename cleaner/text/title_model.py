"""The learned headline chooser for plain-text captures: a conditional logit over candidates.

Each headline candidate of a page (a line near the story's start, or a part of one; see
`cleaner.text.metadata.title_candidates`) is described by named features; the model gives
it a score, the sum of its features' values times their weights, and the page's candidate
with the highest score is its headline (softmax over the page's candidates, so only
differences between them count and there is no bias). Weights are in
`cleaner/data/title_model.json`, made by `training/train_title_model.py`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from itertools import repeat
from operator import mul
from typing import Any

from cleaner import settings


class TitleModel:
    """Weights over named features; a feature the model does not know counts nothing."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        names, weights = data["features"], data["weights"]
        if len(names) != len(weights):
            raise ValueError(f"{settings.TITLE_MODEL_FILE}: {len(names)} feature names for {len(weights)} weights")
        self.weights: dict[str, float] = {str(n): float(w) for n, w in zip(names, weights, strict=True)}

    def score(self, features: Mapping[str, float]) -> float:
        """A candidate's score (its log-odds against the page's other candidates, up to a constant)."""
        return weighted_sum(features, self.weights)

    def best(self, candidates: Sequence[Mapping[str, float]]) -> int | None:
        """The position of the best-scoring candidate (the first of equals), None for none."""
        best, best_score = None, float("-inf")
        for position, features in enumerate(candidates):
            if (score := self.score(features)) > best_score:
                best, best_score = position, score
        return best


def weighted_sum(features: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """The sum of `features`' values times their `weights` (0 for a feature without one)."""
    # (products summed in the features' order, as the generator over `items()` summed them)
    return sum(map(mul, features.values(), map(weights.get, features, repeat(0.0))))


@cache
def load_title_model() -> TitleModel | None:
    """The packaged model (`cleaner/data/title_model.json`), read once per process; None when
    the package has none (the hand-weighted headline search then decides alone)."""
    path = resources.files("cleaner").joinpath("data", settings.TITLE_MODEL_FILE)
    if not path.is_file():
        return None
    return TitleModel(json.loads(path.read_text(encoding="utf-8")))
