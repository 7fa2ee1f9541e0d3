"""Train the plain-text unit classifier (cleaner/text/model.py) on silver labels from HTML.

Usage:
    python training/silver_html.py            # once: trafilatura on every devset HTML page
    python training/train_text_model.py [DEVSET_DIR] [--out cleaner/data/text_model.json]

Labels. For every devset page of the TRAINING split, both text captures (`text/`, wrapped at
80 columns, and `text_nowrap/`) go through the cleaner's own stages 2-3 (units, then the text
rules); each unit the rules leave is labelled body when trafilatura's extraction of the same
page's HTML holds it (whitespace-normalised: the unit is one of its paragraphs, or a
substring of it when the unit has at least `MIN_SUBSTRING_CHARS` characters, or at least
`MIN_SHINGLE_SHARE` of the unit's character 8-grams occur in it), boilerplate otherwise.
On top of those silver labels, the gold passages of TRAINING pages correct them: a unit
holding a `with` passage is body, one holding a `without` passage boilerplate (gold is
hand-made and trafilatura misses standfirsts and keeps some chrome), and each unit a gold
passage decided weighs `GOLD_WEIGHT` silver-labelled ones of its page and class (the scores
count gold passages; silver labels fill in the rest). Validation pages are never read here
except for the report at the end.

Split: validation = ids whose sha256 (as an int) % 5 == 0, as `benchmarks/accuracy.py`
(`in_validation` is imported from there); training = the rest.

Model (see cleaner/text/model.py): the unit and context stages are additive logistic models
over binned features, each fitted by L-BFGS (scipy, training only) on weighted log-loss plus
a ridge penalty and a penalty on the difference of neighbouring bins' weights (smooth
shapes); the tree stage is gradient-boosted trees (training/boost.py: numpy, deterministic)
over the unit features and the context features of both stages' log-odds, boosted from
the context stage's log-odds. Each page weighs the same whatever its length (gold scores pages, not
units), split evenly between its body and its boilerplate units. The context stage is
fitted on out-of-fold unit-stage log-odds (5 folds by page), so it learns how much to trust
unseen-page scores; the tree stage on those and the context stage's log-odds of them. The threshold is the
lowest one within `F1_PLATEAU` of the best gold F1 on training pages (out-of-fold, the
worse of the two capture kinds): on a flat optimum, recall is the harder half of the target.

Deterministic: no randomness (folds are by hash, the optimiser starts from zero).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from scipy import optimize, sparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from accuracy import in_validation, normalize, prf, score_page  # noqa: E402
from boost import fit_trees  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.capture import read_capture  # noqa: E402
from cleaner.text import features  # noqa: E402
from cleaner.text import model as text_model  # noqa: E402

CACHE = REPO / "training" / ".cache"
KINDS = ("text", "text_nowrap")
SHINGLE = 8
MIN_SUBSTRING_CHARS = 20
MIN_SHINGLE_CHARS = 24
MIN_SHINGLE_SHARE = 0.6
BINS = 12
FOLDS = 5
RIDGE = 1e-3
SMOOTH = 1e-2
#: The project's own plain-text seed fixtures (exact expected bodies) are training pages too,
#: labelled by their expected output (a unit is body when it is one of its paragraphs), each
#: weighing this many devset pages: they are learnt rather than pinned by the threshold.
FIXTURES = REPO / "fixtures"
SEED_WEIGHT = 10.0
#: A unit whose label a gold passage decided weighs this many silver-labelled units of its
#: page and class: gold passages are what the scores count, silver labels only fill the rest.
GOLD_WEIGHT = 1000.0
#: The F1 curve over thresholds is flat near its top; the lowest threshold within this much
#: of the best F1 is chosen, since recall is the harder half of the target.
F1_PLATEAU = 0.002
#: The tree stage: gradient-boosted trees (training/boost.py) over the unit features and the
#: context features of both stages' log-odds, added to the context stage's log-odds. Depth 3 lets a tree
#: weigh a combination of three conditions (a short line, among list items, inside a run of
#: body); a hundred trees at rate 0.1 reach a flat out-of-fold F1; `TREE_MIN_HESSIAN` (in
#: units of average weight) keeps a leaf from being fitted to a handful of units, `TREE_L2`
#: shrinks leaves with little support, and 32 quantile bins per feature are ample for them.
TREES = 100
TREE_DEPTH = 3
TREE_RATE = 0.1
TREE_L2 = 1.0
TREE_MIN_HESSIAN = 5.0
TREE_BINS = 32


# --- labels ------------------------------------------------------------------------------


def silver_labels(texts: list[str], extracted: str) -> np.ndarray:
    paragraphs = {normalize(line) for line in extracted.split("\n") if line.strip()}
    whole = normalize(extracted)
    packed = "".join(whole.split())
    grams = {packed[i : i + SHINGLE] for i in range(len(packed) - SHINGLE + 1)}
    labels = np.zeros(len(texts))
    for row, text in enumerate(texts):
        unit = normalize(text)
        unit_packed = "".join(unit.split())
        if not unit_packed:
            continue
        if unit in paragraphs or (len(unit_packed) >= MIN_SUBSTRING_CHARS and unit in whole):
            labels[row] = 1.0
        elif len(unit_packed) >= MIN_SHINGLE_CHARS:
            mine = [unit_packed[i : i + SHINGLE] for i in range(0, len(unit_packed) - SHINGLE + 1, 2)]
            labels[row] = float(sum(g in grams for g in mine) >= MIN_SHINGLE_SHARE * len(mine))
    return labels


def gold_corrections(texts: list[str], labels: np.ndarray, gold: dict) -> tuple[np.ndarray, np.ndarray]:
    """Labels corrected by the page's gold passages, and which units a passage decided.

    A unit that reads as the page's gold headline is not body (the headline is metadata and
    leaves the body; trafilatura's text often starts with it), unless a `with` passage is in
    it; the silver label is corrected but the unit does not weigh as a gold-decided one.
    """
    labels = labels.copy()
    decided = np.zeros(len(texts), dtype=bool)
    normal = [normalize(t) for t in texts]
    title = normalize(gold.get("title") or "").casefold()
    if title:
        labels[[text.casefold() == title for text in normal]] = 0.0
    for key, value in (("without", 0.0), ("with", 1.0)):
        for passage in gold.get(key, []):
            passage = normalize(passage)
            if not passage:
                continue
            for row, text in enumerate(normal):
                if passage in text:
                    labels[row] = value
                    decided[row] = True
    return labels, decided


# --- data --------------------------------------------------------------------------------


class Page:
    def __init__(
        self, pid: str, kind: str, texts: list[str], x: np.ndarray, y: np.ndarray, gold: np.ndarray | None = None
    ) -> None:
        self.pid, self.kind, self.texts, self.x, self.y = pid, kind, texts, x, y
        # Units whose label a gold passage decided (scored units, weighed up in training).
        self.gold = gold if gold is not None else np.zeros(len(y), dtype=bool)


def load_pages(devset: Path, ids: list[str], gold: dict, extracted: dict, use_gold: bool) -> list[Page]:
    cleaner = Cleaner()
    pages = []
    for pid in ids:
        for kind in KINDS:
            data = gzip.decompress((devset / kind / f"{pid}.txt.gz").read_bytes())
            units, _, _, verdicts = cleaner.text.units(read_capture(data, "text").text, gold[pid]["url"])
            kept = [u for u in units if u.index not in verdicts.roles]
            texts = [u.text for u in kept]
            y = silver_labels(texts, extracted.get(pid, ""))
            decided = np.zeros(len(y), dtype=bool)
            if use_gold:
                y, decided = gold_corrections(texts, y, gold[pid])
            pages.append(Page(pid, kind, texts, features.unit_features(kept), y, decided))
    return pages


def load_seed_pages() -> list[Page]:
    """The seed fixtures (`fixtures/text-*`), labelled by their expected bodies."""
    cleaner = Cleaner()
    pages = []
    for directory in sorted(FIXTURES.glob("text-*")):
        source = directory / "source.txt"
        if not source.is_file():
            continue
        expected = (directory / "expected.txt").read_text(encoding="utf-8")
        body = {normalize(p) for p in expected.split("\n\n") if p.strip()}
        units, _, _, verdicts = cleaner.text.units(read_capture(source.read_bytes(), "text").text)
        kept = [u for u in units if u.index not in verdicts.roles]
        texts = [u.text for u in kept]
        y = np.array([1.0 if normalize(t) in body else 0.0 for t in texts])
        pages.append(Page("seed:" + directory.name, "text_nowrap", texts, features.unit_features(kept), y))
    return pages


def page_weights(pages: list[Page]) -> np.ndarray:
    out = []
    for page in pages:
        w = np.zeros(len(page.y))
        scale = SEED_WEIGHT if page.pid.startswith("seed:") else 1.0
        share = np.where(page.gold, GOLD_WEIGHT, 1.0)
        for value in (0.0, 1.0):
            mask = page.y == value
            if mask.any():
                w[mask] = scale * 0.5 * share[mask] / share[mask].sum()
        out.append(w)
    return np.concatenate(out) if out else np.zeros(0)


# --- additive logistic model -------------------------------------------------------------


def make_edges(x: np.ndarray) -> list[list[float]]:
    edges = []
    for j in range(x.shape[1]):
        column = x[:, j]
        qs = np.quantile(column, np.linspace(0, 1, BINS + 1)[1:-1])
        e = np.unique(np.round(qs, 6))
        # A value equal to the lowest edge goes to bin 1; make sure the minimum has its own bin.
        if len(e) and e[0] <= column.min():
            e = e[1:] if len(e) > 1 else np.array([column.min() + 1e-9])
        edges.append([float(v) for v in e])
    return edges


def design(x: np.ndarray, edges: list[list[float]]) -> tuple[sparse.csr_matrix, np.ndarray]:
    sizes = np.array([len(e) + 1 for e in edges])
    offsets = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    cols = (
        np.column_stack([np.searchsorted(np.asarray(e), x[:, j], side="right") for j, e in enumerate(edges)]) + offsets
    )
    n, d = x.shape
    rows = np.repeat(np.arange(n), d)
    matrix = sparse.csr_matrix((np.ones(n * d), (rows, cols.ravel())), shape=(n, int(sizes.sum())))
    return matrix, sizes


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> dict:
    edges = make_edges(x)
    m, sizes = design(x, edges)
    p = m.shape[1]
    # Differences between neighbouring bins of the same feature.
    pairs = [
        (start + k, start + k + 1)
        for start, size in zip(np.concatenate(([0], np.cumsum(sizes)[:-1])), sizes, strict=True)
        for k in range(size - 1)
    ]
    diff = sparse.csr_matrix(
        (np.tile([1.0, -1.0], len(pairs)), (np.repeat(np.arange(len(pairs)), 2), np.array(pairs).ravel())),
        shape=(len(pairs), p),
    )
    wsum = w.sum()

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        beta, bias = theta[:-1], theta[-1]
        z = m @ beta + bias
        prob = 1.0 / (1.0 + np.exp(-z))
        loss = np.sum(w * (np.logaddexp(0, z) - y * z)) / wsum
        g = w * (prob - y) / wsum
        d = diff @ beta
        loss += RIDGE * beta @ beta + SMOOTH * d @ d
        grad = np.concatenate((m.T @ g + 2 * RIDGE * beta + 2 * SMOOTH * (diff.T @ d), [g.sum()]))
        return loss, grad

    result = optimize.minimize(objective, np.zeros(p + 1), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    beta = result.x[:-1]
    weights, start = [], 0
    for size in sizes:
        weights.append([round(float(v), 6) for v in beta[start : start + size]])
        start += size
    return {"edges": edges, "weights": weights, "bias": round(float(result.x[-1]), 6)}


def log_odds(model: dict, x: np.ndarray) -> np.ndarray:
    return text_model.AdditiveModel.from_dict(model).log_odds(x)


def fold_of(pid: str) -> int:
    return int(hashlib.sha256(("fold:" + pid).encode()).hexdigest(), 16) % FOLDS


def train(pages: list[Page], oof: bool = True) -> tuple[dict, dict, dict]:
    x = np.vstack([p.x for p in pages])
    y = np.concatenate([p.y for p in pages])
    w = page_weights(pages)
    stage1 = fit(x, y, w)
    # Out-of-fold unit-stage log-odds for the context stage.
    z = np.zeros(len(y))
    bounds = np.cumsum([0] + [len(p.y) for p in pages])
    if oof:
        folds = np.array([fold_of(p.pid) for p in pages])
        for k in range(FOLDS):
            train_pages = [p for p, f in zip(pages, folds, strict=True) if f != k]
            model_k = fit(
                np.vstack([p.x for p in train_pages]),
                np.concatenate([p.y for p in train_pages]),
                page_weights(train_pages),
            )
            for i, page in enumerate(pages):
                if folds[i] == k:
                    z[bounds[i] : bounds[i + 1]] = log_odds(model_k, page.x)
    else:
        z = log_odds(stage1, x)
    cx = np.vstack([features.context_features(z[bounds[i] : bounds[i + 1]], page.x) for i, page in enumerate(pages)])
    stage2 = fit(cx, y, w)
    z2 = log_odds(stage2, cx)
    cx2 = np.vstack(
        [features.context_features(z2[bounds[i] : bounds[i + 1]], page.x) for i, page in enumerate(pages)]
    )
    stage3 = fit_trees(
        np.concatenate((x, cx, cx2), axis=1),
        y,
        w,
        z2,
        trees=TREES,
        depth=TREE_DEPTH,
        rate=TREE_RATE,
        l2=TREE_L2,
        min_hessian=TREE_MIN_HESSIAN,
        max_bins=TREE_BINS,
    )
    return stage1, stage2, stage3


def model_of(stages: tuple[dict, dict, dict]) -> text_model.TextModel:
    return text_model.TextModel(
        {
            "features": features.feature_names(),
            "context_features": list(features.CONTEXT_FEATURES),
            "unit_stage": stages[0],
            "context_stage": stages[1],
            "tree_stage": stages[2],
            "threshold": 0.5,
        }
    )


def probabilities(stages: tuple[dict, dict, dict], page: Page) -> np.ndarray:
    model = model_of(stages)
    z3 = model.stages_log_odds(model.unit_stage.log_odds(page.x), page.x)
    return 1.0 / (1.0 + np.exp(-z3))


def body_of(texts: list[str], prob: np.ndarray, threshold: float) -> str:
    keep = prob >= threshold
    if len(prob) and not keep.any():
        keep = prob >= prob.max() * 0.5
    return "\n\n".join(t for t, k in zip(texts, keep, strict=True) if k)


def gold_scores(pages: list[Page], probs: list[np.ndarray], gold: dict, thresholds: list[float]) -> dict:
    out = {}
    for kind in KINDS:
        for t in thresholds:
            tp = fp = fn = 0
            for page, prob in zip(pages, probs, strict=True):
                if page.kind != kind or page.pid not in gold:
                    continue
                c = score_page(body_of(page.texts, prob, t), gold[page.pid])
                tp, fp, fn = tp + c.tp, fp + c.fp, fn + c.fn
            out[(kind, t)] = prf(tp, fp, fn)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("devset", nargs="?", type=Path, default=REPO.parent / "shared" / "devset")
    ap.add_argument("--out", type=Path, default=REPO / "cleaner" / "data" / "text_model.json")
    ap.add_argument("--no-gold", action="store_true", help="silver labels only")
    args = ap.parse_args(argv)
    gold = json.loads((args.devset / "gold.json").read_text(encoding="utf-8"))
    extracted = json.loads((CACHE / "trafilatura.json").read_text(encoding="utf-8"))
    train_ids = [i for i in sorted(gold) if not in_validation(i)]
    valid_ids = [i for i in sorted(gold) if in_validation(i)]
    pages = load_pages(args.devset, train_ids, gold, extracted, use_gold=not args.no_gold)
    seeds = load_seed_pages()
    pages += seeds
    n_units = sum(len(p.y) for p in pages)
    print(
        f"training pages {len(train_ids)} x {len(KINDS)} captures, {n_units} units, "
        f"{int(sum(p.y.sum() for p in pages))} body",
        file=sys.stderr,
    )

    # Threshold from out-of-fold probabilities of the whole two-stage model.
    folds = np.array([fold_of(p.pid) for p in pages])
    oof_probs: list[np.ndarray] = [np.zeros(0)] * len(pages)
    for k in range(FOLDS):
        stages_k = train([p for p, f in zip(pages, folds, strict=True) if f != k])
        for i, page in enumerate(pages):
            if folds[i] == k:
                oof_probs[i] = probabilities(stages_k, page)
    thresholds = [round(float(t), 3) for t in np.arange(0.05, 0.90, 0.025)]
    scores = gold_scores(pages, oof_probs, gold, thresholds)
    worst_f1 = {t: min(scores[(k, t)][2] for k in KINDS) for t in thresholds}
    top = max(worst_f1.values())
    best = min(t for t in thresholds if worst_f1[t] >= top - F1_PLATEAU)
    for t in thresholds:
        line = "  ".join(
            f"{k} P {scores[(k, t)][0]:.3f} R {scores[(k, t)][1]:.3f} F1 {scores[(k, t)][2]:.3f}" for k in KINDS
        )
        print(f"oof t={t:.3f}  {line}{'  <- chosen' if t == best else ''}", file=sys.stderr)

    stages = train(pages)
    model = {
        "about": "cleaner plain-text unit classifier; written by training/train_text_model.py",
        "training": {
            "pages": len(train_ids),
            "units": n_units,
            "labels": "silver (trafilatura on the page's HTML)"
            + ("" if args.no_gold else " corrected by gold passages of training pages"),
            "split": "validation = sha256(id) % 5 == 0 (excluded)",
            "bins": BINS,
            "ridge": RIDGE,
            "smooth": SMOOTH,
            "gold_weight": GOLD_WEIGHT,
            "seed_weight": SEED_WEIGHT,
            "trees": TREES,
            "tree_depth": TREE_DEPTH,
            "tree_rate": TREE_RATE,
            "tree_l2": TREE_L2,
            "tree_min_hessian": TREE_MIN_HESSIAN,
            "tree_bins": TREE_BINS,
        },
        "features": features.feature_names(),
        "context_features": list(features.CONTEXT_FEATURES),
        "threshold": best,
        "unit_stage": stages[0],
        "context_stage": stages[1],
        "tree_stage": stages[2],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=None, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} (threshold {best})", file=sys.stderr)
    for page in seeds:
        prob = probabilities(stages, page)
        body, rest = prob[page.y == 1], prob[page.y == 0]
        print(f"{page.pid}: body units >= {body.min():.3f}, other units <= {rest.max():.3f}", file=sys.stderr)

    # Report: units only (no metadata stage), the whole pipeline is benchmarks/accuracy.py.
    valid = load_pages(args.devset, valid_ids, gold, extracted, use_gold=False)
    for name, group in (("train (in-sample)", pages), ("validation", valid)):
        probs = [probabilities(stages, p) for p in group]
        s = gold_scores(group, probs, gold, [best])
        print(
            name
            + ": "
            + "  ".join(f"{k} P {s[(k, best)][0]:.3f} R {s[(k, best)][1]:.3f} F1 {s[(k, best)][2]:.3f}" for k in KINDS),
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
