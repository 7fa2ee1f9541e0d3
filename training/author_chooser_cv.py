"""Cross-validate the plain-text author chooser: the shipped weights against boosted trees added to a logit.

Usage (from the repository's root):

    PYTHONPATH=. python3 training/author_chooser_cv.py --records FILE [--shared ../shared] [--jobs 2]

`--records` is `training/train_author_model.py`'s file of collected candidates (collected as that
script does when missing). Only pages of the training split are read; they are cut into 5 folds by
page (fold = sha256("author-cv:" + id) mod 5; a page's captures of both kinds share a fold). Each
fold is scored by models fitted on the other four:

- `shipped`: `cleaner/data/author_model.json` as shipped (not refitted: its weights are older than
  the script's output, see the README; they saw most of these pages, on older candidates);
- `linear refit`: `train_author_model.fit`, the script's conditional logit;
- `shipped+trees`, `refit+trees`: boosted trees (`boost.fit_trees`, page-wise softmax over the
  page's candidates and "no author", a row of zero features and a flag of its own) boosted from
  that logit's scores; "no author" stays the reference (a candidate's score is the logit's plus
  the trees' minus the trees' score of "no author").

Prints per corpus and capture kind the author accuracy on pages with a gold author and the
invented rate on pages without, at the shipped `author_choice_min_probability`, the share of
pages right (the gold authors, or none where the gold has none), and, against `shipped`, the
pages each model gets right that the shipped weights miss and the reverse. Deterministic.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_author_model as trainer  # noqa: E402
from boost import fit_trees  # noqa: E402

from cleaner.settings import DEFAULT_OPTIONS  # noqa: E402
from cleaner.text.model import TreeEnsemble  # noqa: E402

FOLDS = 5
GROUPS = (("devset", "text"), ("devset", "text_nowrap"), ("wcxb", "text"), ("wcxb", "text_innertext"))
#: (depth, trees, rate, min_hessian) of the boosted trees
TREES = ((3, 100, 0.05, 1.0), (4, 100, 0.03, 2.0))
TREE_L2 = 1.0
TREE_BINS = 32

#: A page's candidate features (one row each) -> their scores against "no author" (0).
Scorer = Callable[[np.ndarray], np.ndarray]
Record = dict[str, Any]


def fold_of(pid: str) -> int:
    return int(hashlib.sha256(f"author-cv:{pid}".encode()).hexdigest(), 16) % FOLDS


def linear(weights: np.ndarray, bias: float) -> Scorer:
    return lambda x: x @ weights + bias


def boosted(
    records: list[Record], names: list[str], base: Scorer, depth: int, trees: int, rate: float, hessian: float
) -> Scorer:
    """Trees boosted from `base`'s scores over the training pages whose gold is a candidate or none."""
    none_row = np.hstack([np.zeros((1, len(names))), np.ones((1, 1))])
    rows, labels, starts, init = [], [], [], []
    count = 0
    for x, right in trainer.page_matrices(records, names):
        rows.append(np.vstack([np.hstack([x, np.zeros((len(x), 1))]), none_row]))
        label = np.zeros(len(x) + 1)
        label[right if right >= 0 else len(x)] = 1.0
        labels.append(label)
        init.append(np.append(base(x), 0.0))
        starts.append(count)
        count += len(x) + 1
    x_all = np.vstack(rows)
    fitted = fit_trees(
        x_all,
        np.concatenate(labels),
        np.ones(len(x_all)),
        np.concatenate(init),
        trees=trees,
        depth=depth,
        rate=rate,
        l2=TREE_L2,
        min_hessian=hessian,
        max_bins=TREE_BINS,
        groups=np.array(starts),
    )
    ensemble = TreeEnsemble.from_dict(fitted, x_all.shape[1])
    none = float(ensemble.log_odds(none_row)[0])
    return lambda x: base(x) + ensemble.log_odds(np.hstack([x, np.zeros((len(x), 1))])) - none


def outcome(score: Scorer, record: Record, names: list[str]) -> tuple[float, bool]:
    """The best candidate's probability (against the others and "no author") and whether it is the gold."""
    candidates = record["candidates"]
    if not candidates:
        return 0.0, False
    scores = score(np.array([[features.get(name, 0.0) for name in names] for features, _ in candidates]))
    top = max(0.0, float(scores.max()))
    exps = np.exp(scores - top)
    best = int(np.argmax(scores))
    return float(exps[best] / (math.exp(-top) + exps.sum())), candidates[best][1] == record["gold"]


def cross_validate(records: list[Record], names: list[str], fit: Callable[[list[Record]], Scorer]) -> dict:
    out = {}
    for fold in range(FOLDS):
        score = fit([record for record in records if fold_of(record["id"]) != fold])
        for record in records:
            if fold_of(record["id"]) == fold:
                out[record["corpus"], record["kind"], record["id"]] = outcome(score, record, names)
    return out


def report(label: str, records: list[Record], outcomes: dict, shipped: dict | None) -> dict:
    """Print one model's line; give whether each page is right at the shipped threshold."""
    threshold = DEFAULT_OPTIONS.author_choice_min_probability
    right = {}
    for record in records:
        probability, correct = outcomes[key := (record["corpus"], record["kind"], record["id"])]
        right[key] = probability >= threshold and correct if record["gold"] else probability < threshold
    shares = []
    for group in GROUPS:
        pages = [record for record in records if (record["corpus"], record["kind"]) == group]
        named = [right[record["corpus"], record["kind"], record["id"]] for record in pages if record["gold"]]
        invented = [not right[record["corpus"], record["kind"], record["id"]] for record in pages if not record["gold"]]
        shares.append(f"{np.mean(named):.3f}/{np.mean(invented):.3f}")
    against = ""
    if shipped is not None:
        gained = sum(ok and not shipped[key] for key, ok in right.items())
        against = f"  +{gained} -{sum(shipped[key] and not ok for key, ok in right.items())}"
    print(
        f"{label:26s}"
        + "".join(f"{share:>22s}" for share in shares)
        + f"  {np.mean(list(right.values())):.3f}{against}"
    )
    return right


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=Path, required=True, help="train_author_model.py's records (made if missing)")
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="folder holding devset/ and wcxb/")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    if args.records.exists():
        records = json.loads(args.records.read_text(encoding="utf-8"))
    else:
        records = trainer.collect(args.shared, args.jobs)
        args.records.write_text(json.dumps(records), encoding="utf-8")
    records = [record for record in records if not record["validation"]]
    names = sorted({name for record in records for features, _ in record["candidates"] for name in features})
    data = json.loads(trainer.OUT.read_text(encoding="utf-8"))
    shipped_scorer = linear(np.array([data["weights"].get(name, 0.0) for name in names]), float(data["bias"]))

    def refit(train: list[Record]) -> Scorer:
        return linear(*trainer.fit(trainer.page_matrices(train, names), len(names), 1.0))

    print(
        f"{'model (author / invented)':26s}"
        + "".join(f"{'/'.join(group):>22s}" for group in GROUPS)
        + "  right  vs shipped"
    )
    shipped = report("shipped", records, cross_validate(records, names, lambda _: shipped_scorer), None)
    report("linear refit", records, cross_validate(records, names, refit), shipped)
    for depth, trees, rate, hessian in TREES:
        for base_label, base in (("shipped", lambda _: shipped_scorer), ("refit", refit)):
            fit = lambda train, b=base, a=(depth, trees, rate, hessian): boosted(train, names, b(train), *a)  # noqa: E731
            report(f"{base_label}+trees d{depth}x{trees}", records, cross_validate(records, names, fit), shipped)


if __name__ == "__main__":
    main()
