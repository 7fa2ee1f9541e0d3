"""Cross-validate the plain-text headline chooser: the shipped conditional logit against boosted trees.

Usage:
    python training/title_chooser_cv.py [--devset DIR] [--wcxb DIR] [--jobs 2]

Reads the candidates `training/train_title_model.py` caches (and makes them when missing), keeps
the pages of the training split only, and cuts them into 5 folds by page (a page's captures of
both kinds fall in the same fold; fold = sha256("title-cv:" + id) mod 5, so not the validation
rule's residue). Each fold is scored by models fitted on the other four folds and the seed
fixtures (as `train_title_model.py` weighs them):

- `linear`: the shipped model, `train_title_model.fit_chooser` (a conditional logit);
- `trees`: boosted trees alone (`boost.fit_trees` with the page-wise softmax loss) over the
  candidate features without their `_browser` copies, plus one flag for a web browser's text
  (the trees can split on it where the logit needs a copy of every feature);
- `linear+trees`: the same trees boosted from the logit's scores (the logit fitted first, the
  trees fitted to what it leaves).

Prints each model's top-1 accuracy per corpus and capture kind (pages whose gold title is no
candidate's text count as misses, as in the training script's report), and, against `linear`,
the page captures each model gets right that the logit misses and the reverse. Deterministic.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_title_model as titles  # noqa: E402
from boost import fit_trees  # noqa: E402

from cleaner.text.model import TreeEnsemble  # noqa: E402

FOLDS = 5
#: (label, depth, trees, rate, min_hessian, boosted from the logit)
TREE_MODELS = (
    ("trees d4x150", 4, 150, 0.1, 2.0, False),
    ("linear+trees d2x200", 2, 200, 0.05, 1.0, True),
    ("linear+trees d3x100", 3, 100, 0.05, 1.0, True),
    ("linear+trees d4x100", 4, 100, 0.03, 2.0, True),
)
TREE_L2 = 1.0
TREE_BINS = 32
_BROWSER = "_browser"

#: A page's features (one row per candidate) -> the candidates' scores.
Scorer = Callable[[np.ndarray], np.ndarray]


def fold_of(pid: str) -> int:
    return int(hashlib.sha256(f"title-cv:{pid}".encode()).hexdigest(), 16) % FOLDS


def page_weight(group: str) -> float:
    return titles.FIXTURE_WEIGHT if group == "fixtures" else 1.0


def fit_linear(rows: list[titles.Row]) -> tuple[Scorer, Callable[[list], np.ndarray]]:
    names, matrix, weights, _ = titles.fit_chooser(rows, page_weight)
    return (lambda x: x @ weights), matrix


def fit_boosted(
    rows: list[titles.Row], depth: int, trees: int, rate: float, min_hessian: float, from_linear: bool
) -> tuple[Scorer, Callable[[list], np.ndarray]]:
    """Trees over the candidates' own features and a web browser's flag, boosted from 0 or from
    the logit's scores, fitted on the training rows that have a positive candidate."""
    linear, matrix = fit_linear(rows)
    names = sorted({feature for *_, found, _ in rows for *_, features in found for feature in features})
    own = [position for position, name in enumerate(names) if not name.endswith(_BROWSER)]
    copies = [position for position, name in enumerate(names) if name.endswith(_BROWSER)]

    def tree_matrix(x: np.ndarray) -> np.ndarray:
        browser = float(len(x) > 0 and (x[:, copies] != 0).any())
        return np.hstack([x[:, own], np.full((len(x), 1), browser)])

    pages = []
    for group, _, validation, found, title in rows:
        labels = np.array([titles.normal(text) == title for text, *_ in found], dtype=np.float64)
        if not validation and labels.any():
            x = matrix(found)
            pages.append((tree_matrix(x), labels, page_weight(group), linear(x) if from_linear else np.zeros(len(x))))
    x_all = np.vstack([x for x, *_ in pages])
    fitted = fit_trees(
        x_all,
        np.concatenate([y for _, y, _, _ in pages]),
        np.concatenate([np.full(len(x), w) for x, _, w, _ in pages]),
        np.concatenate([init for *_, init in pages]),
        trees=trees,
        depth=depth,
        rate=rate,
        l2=TREE_L2,
        min_hessian=min_hessian,
        max_bins=TREE_BINS,
        groups=np.cumsum([0] + [len(x) for x, *_ in pages])[:-1],
    )
    ensemble = TreeEnsemble.from_dict(fitted, x_all.shape[1])

    def score(x: np.ndarray) -> np.ndarray:
        return ensemble.log_odds(tree_matrix(x)) + (linear(x) if from_linear else 0.0)

    return score, matrix


def cross_validate(
    rows: list[titles.Row], fit: Callable[[list[titles.Row]], tuple[Scorer, Callable[[list], np.ndarray]]]
) -> dict[tuple[str, str], bool]:
    """Per (corpus/kind, page) of the training split: whether the model fitted without the
    page's fold picks a right candidate."""
    right = {}
    for fold in range(FOLDS):
        score, matrix = fit([row for row in rows if row[0] == "fixtures" or fold_of(row[1]) != fold])
        for group, pid, _, found, title in rows:
            if group != "fixtures" and fold_of(pid) == fold:
                best = int(np.argmax(score(matrix(found)))) if found else -1
                right[group, pid] = best >= 0 and titles.normal(found[best][0]) == title
    return right


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--devset", type=Path, default=titles.default_shared() / "devset")
    ap.add_argument("--wcxb", type=Path, default=titles.default_shared() / "wcxb")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    rows: list[titles.Row] = []
    for name, corpus in (("devset", args.devset), ("wcxb", args.wcxb)):
        gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
        ids = sorted(pid for pid, page in gold.items() if page.get("title") and not titles.in_validation(pid))
        for kind in titles.CORPUS_KINDS[name]:
            for pid, found in titles.candidates(corpus, kind, ids, args.jobs).items():
                rows.append((f"{name}/{kind}", pid, False, found, titles.normal(gold[pid]["title"])))
    for fixture in sorted(titles.FIXTURES.glob("text-*")):
        title = json.loads((fixture / "expected-metadata.json").read_text(encoding="utf-8")).get("title")
        if title:
            found = titles.candidates_of(str(fixture / "source.txt"))
            rows.append(("fixtures", fixture.name, False, found, titles.normal(title)))
    groups = [f"{name}/{kind}" for name in ("devset", "wcxb") for kind in titles.CORPUS_KINDS[name]]
    print(f"{'model':22s}" + "".join(f"{group:>21s}" for group in groups) + "    all  vs linear")
    baseline = cross_validate(rows, fit_linear)
    models: list[tuple[str, Callable]] = [("linear", fit_linear)]
    for label, depth, trees, rate, min_hessian, from_linear in TREE_MODELS:
        models.append((label, lambda r, a=(depth, trees, rate, min_hessian, from_linear): fit_boosted(r, *a)))
    for label, fit in models:
        right = baseline if label == "linear" else cross_validate(rows, fit)
        shares = [np.mean([ok for (group, _), ok in right.items() if group == wanted]) for wanted in groups]
        gained = sum(ok and not baseline[key] for key, ok in right.items())
        lost = sum(baseline[key] and not ok for key, ok in right.items())
        line = "".join(f"{share:21.3f}" for share in shares) + f"  {np.mean(list(right.values())):.3f}"
        print(f"{label:22s}{line}  +{gained} -{lost}", flush=True)


if __name__ == "__main__":
    main()
