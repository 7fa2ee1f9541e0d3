"""Train the plain-text headline chooser (cleaner/text/title_model.py) on both corpora.

Usage:
    python training/train_title_model.py [--devset DIR] [--wcxb DIR] [--out cleaner/data/title_model.json]

Captures: `../shared/devset` (`text/`, w3m wrapped at 80 columns, and `text_nowrap/`) and
`../shared/wcxb` (`text/`, w3m wrapped, and `text_innertext/`, a browser's innerText). Every
capture of a page with a gold title is cleaned as `clean` cleans it (no URL is given) but
with the hand-weighted headline search alone (the chooser being trained is left out, so its
features do not depend on an earlier version of it); the last metadata search of the run
(the one whose headline the article gets) is replayed by `metadata.candidates_for`, which
gives the page's headline candidates and their features. Cached under training/.cache by a
hash of the cleaner's code and data.

Labels: a candidate is positive when its text, whitespace-normalised and case-folded, equals
the gold `title` so normalised (the scorers' exact match); a page may have several positives
(the headline shown twice) or none (the gold title is no candidate's text: such a page
teaches nothing about the choice and is left out of the fit, but counts in the report).

Split, per corpus: validation = ids whose sha256 (as an int) % 5 == 0, as
`benchmarks/accuracy.py` (`in_validation` is imported from there); the model is fitted on the
training pages only, and validation pages are only scored in aggregate (the report).

Model: a conditional logit (multinomial logistic regression whose classes are a page's
candidates): a candidate's score is its features times the weights; the loss of a page is
minus the log of the softmax probability mass of its positives; each page weighs the same;
an L2 penalty `L2` on the weights of standardised features; fitted by L-BFGS (scipy) from
zero, so it is deterministic. Weights are written back in the features' own units.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy import optimize

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from accuracy import default_shared, in_validation  # noqa: E402
from capture_cache import cached_map, code_version, text_capture  # noqa: E402

import cleaner.text.metadata as text_metadata  # noqa: E402
import cleaner.text.pipeline as text_pipeline  # noqa: E402
from cleaner.api import Cleaner, NoArticleError  # noqa: E402
from cleaner.capture import CaptureError, read_capture  # noqa: E402
from cleaner.settings import DEFAULT_OPTIONS  # noqa: E402

CORPUS_KINDS = {"devset": ("text", "text_nowrap"), "wcxb": ("text", "text_innertext")}
#: The weights this script writes (left out of the cache's code version).
MODEL_FILE_NAME = "title_model.json"
#: The project's plain-text seed fixtures (`fixtures/text-*`, titled in `expected-metadata.json`)
#: are training pages too, each weighing this many corpus pages: their titles must come out
#: exactly right, and a few pages alone would not move the weights.
FIXTURES = REPO / "fixtures"
FIXTURE_WEIGHT = 25.0
#: The penalty on the squared weights of the standardised features, per page of the fit.
L2 = 1e-3
_WHITESPACE = re.compile(r"\s+")

_CLEANER: Cleaner | None = None
_LAST_CALL: list[tuple[tuple, dict]] = []


def _recording(units, body, excluded, *args, **kwargs):  # type: ignore[no-untyped-def]
    """`find_text_metadata`, remembering the arguments of its last call."""
    _LAST_CALL[:] = [((units, list(body), set(excluded)), kwargs)]
    return _FIND(units, body, excluded, *args, **kwargs)


_FIND = text_pipeline.find_text_metadata


def candidates_of(path: str) -> list[tuple[str, str, dict[str, float]]]:
    """(text, source, features) of each headline candidate of one capture, as `clean` would choose among."""
    global _CLEANER
    if _CLEANER is None:
        text_pipeline.find_text_metadata = _recording
        text_metadata.load_title_model = lambda: None  # the hand-weighted search alone
        _CLEANER = Cleaner()
    data = Path(path).read_bytes()
    try:
        text = read_capture(gzip.decompress(data) if path.endswith(".gz") else data, "text").text
    except CaptureError:
        return []
    _LAST_CALL.clear()
    with contextlib.suppress(NoArticleError):  # (its metadata search has run)
        _CLEANER.clean(text, kind="text")
    if not _LAST_CALL:
        return []
    (units, body, excluded), kwargs = _LAST_CALL[0]
    found = text_metadata.candidates_for(
        units, body, excluded, kwargs.get("url"), options=kwargs.get("options", DEFAULT_OPTIONS)
    )
    return [(candidate.text, candidate.source, candidate.features) for candidate in found]


def candidates(
    corpus: Path, kind: str, ids: list[str], jobs: int
) -> dict[str, list[tuple[str, str, dict[str, float]]]]:
    """`candidates_of` every capture of `ids` that exists, cached per corpus, kind and code version."""
    return cached_map(
        f"titles-{corpus.resolve().name}-{kind}-{code_version(MODEL_FILE_NAME)}",
        ids,
        text_capture(corpus, kind),
        candidates_of,
        jobs,
    )


def normal(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip().casefold()


def fit(pages: list[tuple[np.ndarray, np.ndarray, float]], dimensions: int, l2: float = L2) -> np.ndarray:
    """Weights of the conditional logit over pages of (features, positive mask, weight), standardised features."""
    starts = np.cumsum([0] + [len(x) for x, _, _ in pages])
    features = np.vstack([x for x, _, _ in pages])
    positive = np.concatenate([y for _, y, _ in pages])
    page_weight = np.array([w for *_, w in pages])
    page_of = np.repeat(np.arange(len(pages)), [len(x) for x, _, _ in pages])
    count = float(page_weight.sum())

    def loss(weights: np.ndarray) -> tuple[float, np.ndarray]:
        scores = features @ weights
        top = np.maximum.reduceat(scores, starts[:-1])
        exp = np.exp(scores - top[page_of])
        total = np.add.reduceat(exp, starts[:-1])
        good = np.add.reduceat(exp * positive, starts[:-1])
        value = np.sum(page_weight * (np.log(total) - np.log(good))) / count + l2 * weights @ weights
        # gradient: E_all[x] - E_pos[x] per page
        share_all = exp / total[page_of] * page_weight[page_of]
        share_good = exp * positive / good[page_of] * page_weight[page_of]
        gradient = features.T @ (share_all - share_good) / count + 2 * l2 * weights
        return float(value), gradient

    result = optimize.minimize(loss, np.zeros(dimensions), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    return result.x


#: A page's row: (group, id, in validation, its candidates as (text, source(s), features), gold title normalised).
Row = tuple[str, str, bool, list, str]


def fit_chooser(
    rows: list[Row], page_weight: Callable[[str], float], l2: float = L2
) -> tuple[list[str], Callable[[list], np.ndarray], np.ndarray, int]:
    """The chooser fitted on the training rows that have a positive candidate, each weighing
    `page_weight(group)`, on standardised features: (feature names, the function that turns a
    page's candidates into its feature matrix, the weights in the features' own units, the
    number of pages fitted)."""
    names = sorted({feature for *_, found, _ in rows for *_, features in found for feature in features})
    index = {feature: position for position, feature in enumerate(names)}

    def matrix(found: list) -> np.ndarray:
        x = np.zeros((len(found), len(names)))
        for row, (*_, features) in enumerate(found):
            for feature, value in features.items():
                x[row, index[feature]] = value
        return x

    pages = []
    for group, _, validation, found, title in rows:
        labels = np.array([normal(text) == title for text, *_ in found], dtype=np.float64)
        if not validation and labels.any():
            pages.append((matrix(found), labels, page_weight(group)))
    stacked = np.vstack([x for x, _, _ in pages])
    mean, scale = stacked.mean(axis=0), stacked.std(axis=0)
    scale[scale == 0] = 1.0
    weights = fit([((x - mean) / scale, y, w) for x, y, w in pages], len(names), l2) / scale
    return names, matrix, weights, len(pages)


def report_and_write(
    rows: list[Row],
    fitted: tuple[list[str], Callable[[list], np.ndarray], np.ndarray, int],
    searched: Callable[[tuple], bool],
    out: Path,
    group_width: int,
) -> None:
    """Print, per group and split, the share of pages whose gold title is among the candidates,
    is the search's pick (`searched(candidate)`), is the model's pick; then write the weights."""
    names, matrix, weights, fitted_pages = fitted
    report: dict[str, dict[str, list[int]]] = {}
    for group, _, validation, found, title in rows:
        split = "validation" if validation else "training"
        tally = report.setdefault(group, {}).setdefault(split, [0, 0, 0, 0])  # pages, reachable, search, model
        tally[0] += 1
        if not found:
            continue
        labels = [normal(text) == title for text, *_ in found]
        tally[1] += any(labels)
        search = [position for position, candidate in enumerate(found) if searched(candidate)]
        tally[2] += bool(search) and labels[search[0]]
        tally[3] += labels[int(np.argmax(matrix(found) @ weights))]
    print(f"{'group':{group_width}s} split       pages  reachable  search  model")
    for group, splits in report.items():
        for split, (count, reachable, search_right, chosen) in splits.items():
            shares = f"{reachable / count:9.3f}  {search_right / count:6.3f}  {chosen / count:5.3f}"
            print(f"{group:{group_width}s} {split:10s} {count:6d}  {shares}")
    out.write_text(
        json.dumps({"features": names, "weights": [round(float(w), 6) for w in weights]}, indent=1) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {out} ({len(names)} features, fitted on {fitted_pages} pages)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--devset", type=Path, default=default_shared() / "devset")
    ap.add_argument("--wcxb", type=Path, default=default_shared() / "wcxb")
    ap.add_argument("--out", type=Path, default=REPO / "cleaner" / "data" / MODEL_FILE_NAME)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()

    # (corpus/kind, id, in validation, candidates, gold title)
    rows: list[Row] = []
    for name, corpus in (("devset", args.devset), ("wcxb", args.wcxb)):
        gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
        ids = sorted(pid for pid, page in gold.items() if page.get("title"))
        for kind in CORPUS_KINDS[name]:
            for pid, found in candidates(corpus, kind, ids, args.jobs).items():
                rows.append((f"{name}/{kind}", pid, in_validation(pid), found, normal(gold[pid]["title"])))
    for fixture in sorted(FIXTURES.glob("text-*")):
        title = json.loads((fixture / "expected-metadata.json").read_text(encoding="utf-8")).get("title")
        if title:
            rows.append(("fixtures", fixture.name, False, candidates_of(str(fixture / "source.txt")), normal(title)))
    fitted = fit_chooser(rows, lambda group: FIXTURE_WEIGHT if group == "fixtures" else 1.0)
    report_and_write(
        rows, fitted, lambda candidate: bool(candidate[2]["search_choice"]) and candidate[1] == "line", args.out, 21
    )


if __name__ == "__main__":
    main()
