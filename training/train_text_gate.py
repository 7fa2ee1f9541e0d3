"""Train the gate between the two text models (cleaner/text/gate.py): news model or broad model.

Usage:
    python training/silver_html.py            # once (train_text_model.py needs it)
    python training/train_text_gate.py [--devset DIR] [--wcxb DIR] [--out cleaner/data/text_gate.json]

Pages and labels. Every capture of every TRAINING page of both corpora (devset: `text`,
`text_nowrap`; wcxb: `text`, `text_innertext`) is cut into units and passed through the text
rules exactly as `train_text_model.py` does (its `featurised`, same cache); the gate's
page-level figures (`gate.page_features`) are taken from the units left; a capture of fewer than
`settings.TEXT_GATE_MIN_UNITS` units is left out (the gate never judges one). The label is whether
the page is NOT an article: wcxb's gold `page_type` (article, or forum, listing, collection,
product, service, documentation); every devset page is a news story (article). Each capture
weighs the same.

Model: logistic regression over the standardised figures (mean and spread of the training
captures), fitted by Newton's method on weighted log-loss plus a ridge penalty `RIDGE`.

Threshold: chosen on the validation pages (sha256(id) % 5 == 0, per corpus; never read page by
page): the one with the best accuracy over the validation captures, each corpus weighing
the same, among those that send at most `MAX_VALIDATION_NEWS_TO_BROAD` of the devset's
validation captures (news) to the broad model, since the broad model reads news worse.

Deterministic (no randomness).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "training"))

from train_text_model import CORPUS_KINDS, SHARED, featurised, in_validation  # noqa: E402

from cleaner import settings  # noqa: E402
from cleaner.text.gate import GATE_FEATURES, page_features  # noqa: E402

RIDGE = 1.0
NEWTON_STEPS = 50
#: At most this share of the devset's validation captures (all news) may go to the broad model.
MAX_VALIDATION_NEWS_TO_BROAD = 0.02


def page_rows(corpus: Path, ids: list[str], gold: dict, jobs: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Figures, label (1: not an article) and corpus name of every capture of `ids`."""
    name = corpus.resolve().name
    rows, labels = [], []
    for kind in CORPUS_KINDS[name]:
        for pid, (texts, x) in featurised(corpus, kind, ids, jobs).items():
            if len(texts) < settings.TEXT_GATE_MIN_UNITS:  # the gate never judges these
                continue
            rows.append(page_features(texts, x))
            labels.append(float(gold[pid].get("page_type", "article") != "article"))
    return np.array(rows), np.array(labels), [name] * len(rows)


def fit_logistic(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Weights and bias of a ridge-penalised logistic regression (the bias is not penalised)."""
    design = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], RIDGE)
    penalty[-1] = 0.0
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(design @ beta)))
        gradient = design.T @ (p - y) + penalty * beta
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-9:
            break
    return beta[:-1], float(beta[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devset", type=Path, default=SHARED / "devset")
    ap.add_argument("--wcxb", type=Path, default=SHARED / "wcxb")
    ap.add_argument("--out", type=Path, default=REPO / "cleaner" / "data" / "text_gate.json")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="processes for units and features")
    args = ap.parse_args(argv)
    split: dict[str, list] = {"train": [[], [], []], "validation": [[], [], []]}
    for corpus in (args.devset, args.wcxb):
        gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
        for part, wanted in (("train", False), ("validation", True)):
            ids = [i for i in sorted(gold) if in_validation(i) == wanted]
            for store, values in zip(split[part], page_rows(corpus, ids, gold, args.jobs), strict=True):
                store.extend(values)
    x, y, _ = (np.asarray(v) for v in split["train"])
    vx, vy, vcorpus = (np.asarray(v) for v in split["validation"])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    weights, bias = fit_logistic((x - mean) / scale, y)
    train_p = 1.0 / (1.0 + np.exp(-(((x - mean) / scale) @ weights + bias)))
    valid_p = 1.0 / (1.0 + np.exp(-(((vx - mean) / scale) @ weights + bias)))
    news = vcorpus == "devset"
    best, best_accuracy = 0.5, -1.0
    for threshold in [round(float(t), 3) for t in np.arange(0.05, 0.951, 0.025)]:
        broad = valid_p >= threshold
        if broad[news].mean() > MAX_VALIDATION_NEWS_TO_BROAD:
            continue
        right = broad == (vy == 1)
        accuracy = (right[news].mean() + right[~news].mean()) / 2
        if accuracy > best_accuracy:
            best, best_accuracy = threshold, accuracy
    print(f"threshold {best}: validation accuracy {best_accuracy:.3f} (corpora weighing the same)", file=sys.stderr)
    for part, p, labels, corpora in (("train", train_p, y, split["train"][2]), ("validation", valid_p, vy, vcorpus)):
        broad = p >= best
        for corpus in ("devset", "wcxb"):
            mine = np.asarray(corpora) == corpus
            for label, what in ((0.0, "articles"), (1.0, "other pages")):
                sel = mine & (labels == label)
                if sel.any():
                    print(f"  {part} {corpus} {what}: {broad[sel].mean():.3f} of {sel.sum()} to broad", file=sys.stderr)
    gate = {
        "about": "cleaner text-model gate; written by training/train_text_gate.py",
        "features": list(GATE_FEATURES),
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "weights": weights.tolist(),
        "bias": bias,
        "threshold": best,
        "training": {"ridge": RIDGE, "max_validation_news_to_broad": MAX_VALIDATION_NEWS_TO_BROAD},
    }
    args.out.write_text(json.dumps(gate, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
