"""Train the choice among a text capture's author candidates (`cleaner/data/author_model.json`).

Usage (from the repository's root, with the two corpora of `../shared/`):

    PYTHONPATH=. python3 training/train_author_model.py --shared ../shared [--records FILE] [--jobs 2]

1. Collect: `clean` runs on every text capture of the devset (`text`, `text_nowrap`) and of
   WCXB (`text`, `text_innertext`), without a URL (as sealed-score runs it). The choice is
   watched: the candidates of the page's last author search are recorded with their features
   (`cleaner.text.authors.page_features`). `--records` keeps them in a JSON file and reuses it.
2. Label: a candidate is right when its set of names (casefolded) equals the gold set (the
   devset's gold split on `;`, WCXB's on `;`, `,`, ` and `, ` & `, as each is scored). On a
   multi-author page a candidate naming only some of the writers is wrong: the scorer counts
   it a miss, so the model must learn to prefer the whole line. On a page annotated without
   an author the right option is "no author" (any name there is an invented author); a page
   whose gold names no candidate gives nothing to learn (every choice misses) and is left out,
   as are devset pages not annotated for authors.
3. Fit: a conditional logit over each page's candidates and "no author" (scored 0), with an L2
   penalty `--l2` (not on the bias), by L-BFGS on the pages of the training split
   (`benchmarks.accuracy.in_validation` false, for both corpora).
4. Threshold: on the validation split, the probability under which the page gets no author is
   the one that maximises the pages whose authors are right minus `--invented-weight` times the
   pages without gold author where one is named (the scorer counts the first; an invented
   author is reported apart and weighs less). It is printed, for
   `Options.author_choice_min_probability`; validation pages are only counted, never shown.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import sys
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

from benchmarks.accuracy import author_set, in_validation, wcxb_gold_authors
from cleaner import Cleaner
from cleaner.text import authors

KINDS = {"devset": ("text", "text_nowrap"), "wcxb": ("text", "text_innertext")}
OUT = Path(__file__).resolve().parent.parent / "cleaner" / "data" / "author_model.json"

_cleaner: Cleaner | None = None
_seen: list[list[tuple[dict[str, float], list[str]]]] = []
_choose = authors.choose


def _watching_choose(candidates: Any, context: Any, options: Any) -> Any:
    ranked = authors.merged(candidates)
    _seen.append(list(zip(authors.page_features(ranked, context), (sorted(c.key) for c in ranked), strict=True)))
    return _choose(candidates, context, options)


def _one(task: tuple[str, str, str]) -> tuple[str, str, str, list[Any]]:
    global _cleaner
    corpus_root, kind, page_id = task
    if _cleaner is None:
        authors.choose = _watching_choose  # type: ignore[assignment]
        _cleaner = Cleaner()
    _seen.clear()
    data = gzip.decompress(Path(corpus_root, kind, f"{page_id}.txt.gz").read_bytes())
    try:
        _cleaner.clean(data)
    except Exception:  # noqa: BLE001 -- a page that fails gives no candidates
        return corpus_root, kind, page_id, []
    return corpus_root, kind, page_id, _seen[-1] if _seen else []


def gold_key(corpus: str, gold: dict[str, Any]) -> list[str] | None:
    """The gold author set (sorted), [] when annotated without one, None when not annotated."""
    if corpus == "wcxb":
        return sorted(wcxb_gold_authors(gold.get("author")))
    if "author" not in gold:
        return None
    return sorted(author_set(gold["author"]))


def collect(shared: Path, jobs: int) -> list[dict[str, Any]]:
    tasks, golds = [], {}
    for corpus, kinds in KINDS.items():
        gold = json.loads((shared / corpus / "gold.json").read_text(encoding="utf-8"))
        for page_id, page in sorted(gold.items()):
            if (key := gold_key(corpus, page)) is None:
                continue
            golds[(str(shared / corpus), page_id)] = (corpus, key)
            tasks += [
                (str(shared / corpus), kind, page_id)
                for kind in kinds
                if (shared / corpus / kind / f"{page_id}.txt.gz").exists()  # (not every page has every kind)
            ]
    records = []
    with Pool(jobs) as pool:
        for done, (root, kind, page_id, candidates) in enumerate(pool.imap_unordered(_one, tasks, chunksize=8)):
            corpus, key = golds[(root, page_id)]
            records.append(
                {
                    "corpus": corpus,
                    "kind": kind,
                    "id": page_id,
                    "validation": in_validation(page_id),
                    "gold": key,
                    "candidates": candidates,
                }
            )
            if done % 200 == 0:
                print(f"{done}/{len(tasks)}", file=sys.stderr)
    return records


def page_matrices(records: list[dict[str, Any]], names: list[str]) -> list[tuple[np.ndarray, int]]:
    """Per page to learn from: its candidates' features and the right one's row (-1: no author)."""
    out = []
    for record in records:
        keys = [key for _, key in record["candidates"]]
        if record["gold"] and record["gold"] not in keys:
            continue
        x = np.array([[feats.get(name, 0.0) for name in names] for feats, _ in record["candidates"]])
        out.append((x.reshape(-1, len(names)), keys.index(record["gold"]) if record["gold"] else -1))
    return out


def fit(pages: list[tuple[np.ndarray, int]], size: int, l2: float) -> tuple[np.ndarray, float]:
    """The weights and bias of the conditional logit (see 3.)."""

    def loss(wb: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = wb[:-1], wb[-1]
        total, gradient = 0.5 * l2 * float(w @ w), np.append(l2 * w, 0.0)
        for x, right in pages:
            if not len(x):
                continue
            scores = x @ w + b
            top = max(0.0, float(scores.max()))
            exps = np.exp(scores - top)
            norm = math.exp(-top) + float(exps.sum())
            p = exps / norm
            total -= (float(scores[right]) if right >= 0 else 0.0) - top - math.log(norm)
            gradient[:-1] += x.T @ p
            gradient[-1] += float(p.sum())
            if right >= 0:
                gradient[:-1] -= x[right]
                gradient[-1] -= 1.0
        return total, gradient

    result = minimize(loss, np.zeros(size + 1), jac=True, method="L-BFGS-B")
    return result.x[:-1], float(result.x[-1])


def outcomes(records: list[dict[str, Any]], weights: dict[str, float], bias: float) -> list[tuple[float, int, int]]:
    """Per page: the best candidate's probability, whether it is right, whether the gold is empty."""
    model = authors.AuthorModel(weights, bias)
    out = []
    for record in records:
        probabilities = model.probabilities([feats for feats, _ in record["candidates"]])
        best = max(zip(probabilities, (key for _, key in record["candidates"]), strict=True), default=(0.0, None))
        out.append((best[0], int(best[1] == record["gold"]), int(not record["gold"])))
    return out


def figures(
    results: list[tuple[float, int, int]], threshold: float, invented_weight: float = 1.0
) -> tuple[float, float, float]:
    """Author accuracy on pages with gold, invented rate on pages without, and the pages right
    minus the invented ones weighed."""
    with_gold = [(p, right) for p, right, empty in results if not empty]
    without = [p for p, _, empty in results if empty]
    correct = sum(right for p, right in with_gold if p >= threshold)
    invented = sum(p >= threshold for p in without)
    accuracy = correct / max(1, len(with_gold))
    rate = invented / max(1, len(without))
    return accuracy, rate, correct - invented_weight * invented


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="folder holding devset/ and wcxb/")
    ap.add_argument("--records", type=Path, help="JSON file of the collected candidates (made if missing)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--l2", type=float, default=1.0, help="L2 penalty of the weights")
    ap.add_argument("--invented-weight", type=float, default=0.25, help="an invented author's cost (see 4.)")
    ap.add_argument("--out", type=Path, default=OUT, help="where to write the model")
    args = ap.parse_args(argv)
    if args.records and args.records.exists():
        records = json.loads(args.records.read_text(encoding="utf-8"))
    else:
        records = collect(args.shared, args.jobs)
        if args.records:
            args.records.write_text(json.dumps(records), encoding="utf-8")
    names = sorted({name for record in records for feats, _ in record["candidates"] for name in feats})
    train = [r for r in records if not r["validation"]]
    valid = [r for r in records if r["validation"]]
    w, bias = fit(page_matrices(train, names), len(names), args.l2)
    weights = {name: round(float(v), 4) for name, v in zip(names, w, strict=True)}
    bias = round(bias, 4)
    for label, split in (("train", train), ("validation", valid)):
        results = outcomes(split, weights, bias)
        for threshold in (0.0, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5):
            accuracy, rate, gain = figures(results, threshold, args.invented_weight)
            print(f"{label:10} threshold {threshold:.2f}: author {accuracy:.3f} invented {rate:.3f} gain {gain:.1f}")
    results = outcomes(valid, weights, bias)
    best = max((figures(results, t / 100, args.invented_weight)[2], -abs(t - 50), t / 100) for t in range(5, 96))
    print(f"validation's best threshold: {best[2]:.2f} (author_choice_min_probability)")
    args.out.write_text(json.dumps({"bias": bias, "weights": weights}, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
