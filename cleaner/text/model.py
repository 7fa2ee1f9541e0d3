"""The learned unit classifier for plain-text captures: body or boilerplate, with a probability.

Three stages (see `cleaner.text.features` for what each one reads): two additive logistic
models over binned features, then gradient-boosted shallow trees. Weights are in
`cleaner/data/text_model.json`, made by `training/train_text_model.py`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

import numpy as np

from cleaner import settings
from cleaner.blocks import Unit
from cleaner.text.features import CONTEXT_FEATURES, context_features, feature_names, unit_features
from cleaner.text.gate import load_gate


class AdditiveModel:
    """Log-odds = bias + sum over features of the weight of the bin the value falls in."""

    def __init__(self, edges: list[list[float]], weights: list[list[float]], bias: float) -> None:
        if len(edges) != len(weights) or any(len(w) != len(e) + 1 for e, w in zip(edges, weights, strict=True)):
            raise ValueError("text model: each feature needs one weight more than it has bin edges")
        self.edges = [np.asarray(e, dtype=np.float64) for e in edges]
        self.bias = float(bias)
        offsets = np.cumsum([0] + [len(w) for w in weights])
        self.offsets = offsets[:-1]
        self.table = np.concatenate([np.asarray(w, dtype=np.float64) for w in weights])
        # All features' edges in one array, each row padded with NaN (no value is >= NaN),
        # so that every bin is found by one comparison over the whole matrix.
        self.edge_counts = np.array([len(e) for e in self.edges], dtype=np.int64)
        self.padded_edges = np.full((len(self.edges), int(self.edge_counts.max(initial=0))), np.nan)
        for j, feature_edges in enumerate(self.edges):
            self.padded_edges[j, : len(feature_edges)] = feature_edges
        self.count_type = np.min_scalar_type(int(self.edge_counts.max(initial=0)))  # small: fast sums

    def bins(self, matrix: np.ndarray) -> np.ndarray:
        """Index into the flat weight table of each (unit, feature)'s bin.

        A value's bin is the number of its feature's edges <= it (`searchsorted` to the
        right in the sorted edges); a NaN value sorts past every edge, into the last bin.
        """
        out = np.zeros(matrix.shape, dtype=self.count_type)
        below = np.empty(matrix.shape, dtype=bool)
        for column in self.padded_edges.T:  # the k-th edge of every feature
            out += np.less_equal(column, matrix, out=below)
        missing = np.isnan(matrix)
        if missing.any():
            out[missing] = np.broadcast_to(self.edge_counts, out.shape)[missing]
        return out + self.offsets

    def log_odds(self, matrix: np.ndarray) -> np.ndarray:
        if not len(matrix):
            return np.zeros(0)
        return self.table[self.bins(matrix)].sum(axis=1) + self.bias

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AdditiveModel:
        return cls(data["edges"], data["weights"], data["bias"])


class TreeEnsemble:
    """Log-odds = sum over trees of the leaf each unit reaches (gradient-boosted trees).

    Every tree is a complete binary tree of the same depth, its inner nodes in heap order
    (node i's children are 2i+1 and 2i+2): a unit goes right when its value of the node's
    feature is >= the node's threshold, and always left at a node whose feature is -1 (no
    split). All trees are walked together, one level at a time, for all units at once.
    """

    def __init__(
        self,
        depth: int,
        features: list[list[int]],
        thresholds: list[list[float]],
        leaves: list[list[float]],
        n_features: int,
    ) -> None:
        inner = 2**depth - 1
        if not 1 <= depth <= 8 or len(thresholds) != len(features) or len(leaves) != len(features):
            raise ValueError("text model: every tree needs its features, thresholds and leaves")
        if any(
            len(f) != inner or len(t) != inner or len(v) != inner + 1
            for f, t, v in zip(features, thresholds, leaves, strict=True)
        ):
            raise ValueError(f"text model: a tree of depth {depth} has {inner} inner nodes and {inner + 1} leaves")
        self.depth = int(depth)
        self.features = np.asarray(features, dtype=np.int64).reshape(len(features), inner)
        self.thresholds = np.asarray(thresholds, dtype=np.float64).reshape(len(features), inner)
        self.leaves = np.asarray(leaves, dtype=np.float64).reshape(len(features), inner + 1)
        if ((self.features < -1) | (self.features >= n_features)).any():
            raise ValueError("text model: a tree splits on a feature the stage does not have")
        # no split: always left (an infinite threshold on feature 0)
        self.thresholds[self.features < 0] = np.inf
        self.features[self.features < 0] = 0

    def log_odds(self, matrix: np.ndarray) -> np.ndarray:
        n, trees = len(matrix), len(self.features)
        if not n or not trees:
            return np.zeros(n)
        inner = 2**self.depth - 1
        # all trees walked together one level at a time, each step testing only the node each
        # unit is at (testing every node of every tree first reads `2**depth - 1` times as many)
        values = np.ascontiguousarray(matrix).ravel()
        rows = (np.arange(n) * matrix.shape[1])[:, None]
        tree_nodes = (np.arange(trees) * inner)[None, :]
        features, thresholds = self.features.ravel(), self.thresholds.ravel()
        node = np.zeros((n, trees), dtype=np.intp)
        for _ in range(self.depth):
            at = tree_nodes + node
            node = 2 * node + 1 + (values.take(rows + features.take(at)) >= thresholds.take(at))
        leaf = (np.arange(trees) * (inner + 1))[None, :] + (node - inner)
        return self.leaves.ravel().take(leaf).sum(axis=1)

    @classmethod
    def from_dict(cls, data: dict[str, Any], n_features: int) -> TreeEnsemble:
        return cls(data["depth"], data["features"], data["thresholds"], data["leaves"], n_features)


class TextModel:
    """The three stages and the decision threshold, as loaded from the package's data file.

    The unit and context stages are additive; the last stage is boosted trees over the unit
    features and the context features of both stages' log-odds, whose sum is added to the
    context stage's log-odds: trees can weigh a combination (a short line, inside a run of body units,
    among list items) that an additive model can only weigh one part at a time.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("features") != feature_names() or data.get("context_features") != list(CONTEXT_FEATURES):
            raise ValueError("text model: its feature names do not match this version of the code")
        self.unit_stage = AdditiveModel.from_dict(data["unit_stage"])
        self.context_stage = AdditiveModel.from_dict(data["context_stage"])
        self.tree_stage = TreeEnsemble.from_dict(data["tree_stage"], tree_inputs(len(data["features"])))
        self.threshold = float(data["threshold"])
        # The last units judged and their probabilities (see `probabilities`).
        self._last_judged: tuple[tuple[tuple[Any, ...], ...], np.ndarray] | None = None

    def log_odds(self, units: Sequence[Unit], base: np.ndarray | None = None) -> np.ndarray:
        """Log-odds that each unit is the article's body (`base`: their `unit_features`, when
        already worked out)."""
        if base is None:
            base = unit_features(units)
        return self.stages_log_odds(self.unit_stage.log_odds(base), base)

    def stages_log_odds(self, z: np.ndarray, base: np.ndarray) -> np.ndarray:
        """The last stage's log-odds, from the unit stage's `z` and the unit features."""
        context = context_features(z, base)
        z2 = self.context_stage.log_odds(context)
        return z2 + self.tree_stage.log_odds(np.concatenate((base, context, context_features(z2, base)), axis=1))

    def probabilities(self, units: Sequence[Unit], base: np.ndarray | None = None) -> np.ndarray:
        """Probability that each unit is the article's body (`base`: as for `log_odds`).

        The last call's answer is kept (one entry, whatever the units): the pipeline's
        `confident_core` first judges the very body that the last settling pass has just
        judged (and left unchanged), and judging again costs as much as the pass did.
        """
        key = tuple(_judged_fields(unit) for unit in units)
        last = self._last_judged  # read once: another thread may replace it
        if last is not None and last[0] == key:
            return last[1].copy()
        probabilities = 1.0 / (1.0 + np.exp(-self.log_odds(units, base)))
        self._last_judged = (key, probabilities.copy())
        return probabilities


def _judged_fields(unit: Unit) -> tuple[Any, ...]:
    """Every field of a unit but its index, which the features do not read (units are
    mutable: the fields are copied)."""
    return (unit.text, unit.first_line, unit.last_line, unit.indent, unit.is_bullet, unit.item, unit.blank_before)


def tree_inputs(unit_features: int) -> int:
    """Columns the tree stage reads: the unit features, the context features of the unit
    stage's log-odds, and the same context features of the context stage's log-odds."""
    return unit_features + 2 * len(CONTEXT_FEATURES)


@cache
def load_model(file_name: str = settings.TEXT_MODEL_FILE) -> TextModel:
    """A packaged model (default: the news model, `settings.TEXT_MODEL_FILE`), read once per process."""
    text = resources.files("cleaner").joinpath("data", file_name).read_text(encoding="utf-8")
    return TextModel(json.loads(text))


class _Choice(NamedTuple):
    judged: tuple[tuple[Any, ...], ...]
    model: TextModel


# The last choice of `model_for` (see there).
_last_choice: _Choice | None = None


def model_for(units: Sequence[Unit]) -> tuple[TextModel, np.ndarray | None]:
    """The model that judges these units, by the gate (`cleaner.text.gate`): the news model, or
    the broad one (`settings.TEXT_MODEL_BROAD_FILE`) for a page that does not read as an
    article; and the units' `unit_features` (None when the units are the last ones asked
    about: the model's `probabilities` kept its answer), to pass on to its `probabilities`."""
    global _last_choice
    judged = tuple(_judged_fields(unit) for unit in units)
    last = _last_choice  # read once: another thread may replace it
    if last is not None and last.judged == judged:
        return last.model, None
    base = unit_features(units)
    chosen = (
        load_model(settings.TEXT_MODEL_BROAD_FILE)
        if load_gate().wants_broad([unit.text for unit in units], base)
        else load_model()
    )
    _last_choice = _Choice(judged, chosen)
    return chosen, base
