"""Gradient boosting of shallow trees for the text model's last stage (training only).

Deterministic, numpy only: features are cut into at most `max_bins` bins at quantiles of the
training values, every tree is a complete binary tree of a fixed depth grown level by level
on the histograms of the logistic loss's gradient and hessian (Newton leaves, L2-shrunk),
every row and every feature is used for every tree (no sampling, so no randomness).

Two losses: the logistic loss of each row's label (the text model's units), or, given `groups`
(the start of each group of consecutive rows), the softmax loss of a choice among each group's
rows (a conditional logit whose scores are the trees' sum: a page's headline candidates), minus
the log of the probability mass of the group's positive rows.

A node without a split worth making (no gain, or a side with less than `min_hessian` of
hessian) sends every unit left (`feature` -1); its right subtree then never sees a unit and
its leaves are 0. The trees' format is what `cleaner.text.model.TreeEnsemble` reads.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

#: (margin, labels, weights) -> each row's gradient and hessian of the loss
Gradients = Callable[[np.ndarray, np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def quantize(x: np.ndarray, max_bins: int) -> tuple[list[np.ndarray], np.ndarray]:
    """(per-feature cut points, binned matrix): bin = number of cut points <= value, so a
    unit is in a bin above b exactly when its value is >= cuts[b]."""
    cuts = []
    binned = np.empty(x.shape, dtype=np.int32)
    qs = np.linspace(0, 1, max_bins + 1)[1:-1]
    for j in range(x.shape[1]):
        column = x[:, j]
        c = np.unique(np.quantile(column, qs, method="lower"))
        c = c[c > column.min()]  # the lowest value keeps a bin of its own
        cuts.append(c)
        binned[:, j] = np.searchsorted(c, column, side="right")
    return cuts, binned


def fit_trees(
    x: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    init: np.ndarray,
    *,
    trees: int,
    depth: int,
    rate: float,
    l2: float,
    min_hessian: float,
    max_bins: int,
    groups: np.ndarray | None = None,
) -> dict:
    """Boost `trees` trees of `depth` on weighted log-loss, starting from log-odds `init`.

    Weights are rescaled to a mean of 1 so that `l2` and `min_hessian` read in units. With
    `groups` (the first row of each group, ascending from 0), the loss is each group's softmax
    loss (see the module's docstring), `y` marks its positive rows (at least one per group), and
    `w` weighs each row as its group weighs (a group's gradients sum to 0 and its hessians to
    less than 1, so a group weighs the same whatever its number of rows).
    """
    n, d = x.shape
    w = w * (n / w.sum())
    gradients: Gradients = _logistic if groups is None else _page_softmax(groups, n)
    cuts, binned = quantize(x, max_bins)
    nbins = max_bins
    columns = [np.ascontiguousarray(binned[:, j], dtype=np.int64) for j in range(d)]
    margin = init.astype(np.float64).copy()
    inner = 2**depth - 1
    out_features, out_thresholds, out_leaves = [], [], []
    for _ in range(trees):
        g, h = gradients(margin, y, w)
        node = np.zeros(n, dtype=np.int64)  # heap index of each unit's node at this level
        features = np.full(inner, -1, dtype=np.int64)
        thresholds = np.zeros(inner)
        parent_g = parent_h = None
        for level in range(depth):
            first = 2**level - 1
            width = 2**level
            size = width * nbins
            # below the root, histograms of the left children only; a right child's is its
            # parent's minus its sibling's (half the rows to count)
            rows = np.arange(n) if level == 0 else np.flatnonzero((node - first) % 2 == 0)
            local = (node[rows] - first) * nbins
            gr_, hr_ = g[rows], h[rows]
            gh = np.empty((width, d, nbins))
            hh = np.empty((width, d, nbins))
            for j in range(d):
                key = local + columns[j][rows] if level else columns[j]
                gh[:, j, :] = np.bincount(key, weights=gr_, minlength=size).reshape(width, nbins)
                hh[:, j, :] = np.bincount(key, weights=hr_, minlength=size).reshape(width, nbins)
            if level:
                gh[1::2] = parent_g - gh[0::2]
                hh[1::2] = parent_h - hh[0::2]
                hh[1::2] = np.maximum(hh[1::2], 0.0)
            parent_g, parent_h = gh, hh
            gl = np.cumsum(gh, axis=2)[:, :, :-1]
            hl = np.cumsum(hh, axis=2)[:, :, :-1]
            gt = gh.sum(axis=2)[:, :1, None]
            ht = hh.sum(axis=2)[:, :1, None]
            gr, hr = gt - gl, ht - hl
            gain = gl**2 / (hl + l2) + gr**2 / (hr + l2) - gt**2 / (ht + l2)
            gain[(hl < min_hessian) | (hr < min_hessian)] = -np.inf
            for k in range(width):
                flat = int(np.argmax(gain[k]))
                f, b = divmod(flat, nbins - 1)
                if not gain[k, f, b] > 1e-12 or b >= len(cuts[f]):
                    continue
                features[first + k] = f
                thresholds[first + k] = cuts[f][b]
            # route the units of this level
            f_node = features[node]
            go_right = np.zeros(n, dtype=bool)
            split = f_node >= 0
            go_right[split] = x[np.flatnonzero(split), f_node[split]] >= thresholds[node[split]]
            node = 2 * node + 1 + go_right
        leaf = node - inner
        gs = np.bincount(leaf, weights=g, minlength=inner + 1)
        hs = np.bincount(leaf, weights=h, minlength=inner + 1)
        leaves = np.round(np.where(hs > 0, -gs / (hs + l2), 0.0) * rate, 6)
        margin += leaves[leaf]
        out_features.append(features.tolist())
        out_thresholds.append([float(t) for t in thresholds])
        out_leaves.append([float(v) for v in leaves])
    return {"depth": depth, "features": out_features, "thresholds": out_thresholds, "leaves": out_leaves}


def _logistic(margin: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gradient and hessian of each row's weighted logistic loss."""
    p = 1.0 / (1.0 + np.exp(-margin))
    return w * (p - y), np.maximum(w * p * (1.0 - p), 1e-12)


def _page_softmax(groups: np.ndarray, n: int) -> Gradients:
    """Gradient and (diagonal) hessian of each group's weighted softmax loss, per row: the row's
    share of its group's probability minus its share of the positive rows' probability."""
    starts = np.asarray(groups, dtype=np.int64)
    group_of = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, n)))

    def gradients(margin: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        top = np.maximum.reduceat(margin, starts)
        exp = np.exp(margin - top[group_of])
        p = exp / np.add.reduceat(exp, starts)[group_of]
        positive = exp * y
        q = positive / np.add.reduceat(positive, starts)[group_of]
        return w * (p - q), np.maximum(w * p * (1.0 - p), 1e-12)

    return gradients
