"""Train the HTML title chooser (`cleaner.html.metadata.title.choose_title`) on both corpora.

Usage:
    python training/train_html_title_model.py [--devset DIR] [--wcxb DIR] [--out cleaner/data/html_title_model.json]

Captures: the `html/` pages of `../shared/devset` (given their gold URL, as
`benchmarks/accuracy.py` gives them) and of `../shared/wcxb` (given none, as `sealed-score`).
Each page is cleaned as `clean` cleans it up to the point where its title is chosen (after the
site's HTML rules); there `title.title_candidates` gives the page's candidates and their
features (with the chooser left out, so `find_title`'s choice is one of them). Cached under
training/.cache by a hash of the cleaner's code and data.

Labels, split and model as `training/train_title_model.py`: a candidate is positive when its
text, whitespace-normalised and case-folded, equals the gold `title` so normalised; pages with
no positive teach nothing and are left out of the fit (they count in the report); validation =
`in_validation` (sha256(id) % 5 == 0), fitted on the training pages only, validation scored in
aggregate only; a conditional logit fitted by L-BFGS with an L2 penalty on standardised features.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import pickle
import sys
from multiprocessing import Pool
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "training"))

import train_title_model  # noqa: E402
from accuracy import default_shared, in_validation  # noqa: E402
from train_title_model import CACHE, fit, normal  # noqa: E402

import cleaner.html.metadata.title as html_title  # noqa: E402
import cleaner.html.pipeline as html_pipeline  # noqa: E402
from cleaner.api import Cleaner  # noqa: E402

MODEL_FILE = "html_title_model.json"
#: The penalty on the squared weights of the standardised features, per page of the fit.
L2 = 1e-2
_CLEANER: Cleaner | None = None


class _Chosen(Exception):
    """Raised where the pipeline chooses the title, carrying the page's candidates."""

    def __init__(self, candidates: list[tuple[str, list[str], dict[str, float]]]) -> None:
        self.candidates = candidates


def _recording(tree, head, url, searched, *, options):  # type: ignore[no-untyped-def]
    found = html_title.title_candidates(tree, head, url, searched, options=options)
    raise _Chosen([(c.text, c.sources, c.features) for c in found])


def candidates_of(task: tuple[str, str | None]) -> list[tuple[str, list[str], dict[str, float]]]:
    """(text, sources, features) of each title candidate of one page, as `clean` would choose among."""
    global _CLEANER
    if _CLEANER is None:
        html_pipeline.choose_title = _recording
        _CLEANER = Cleaner()
    path, url = task
    data = Path(path).read_bytes()
    try:
        _CLEANER.clean(gzip.decompress(data) if path.endswith(".gz") else data, url=url, kind="html")
    except _Chosen as chosen:
        return chosen.candidates
    except Exception:  # noqa: BLE001 (a page that does not parse teaches nothing)
        return []
    return []


def code_version() -> str:
    digest = hashlib.sha256()
    for path in sorted((REPO / "cleaner").rglob("*")):
        if path.is_file() and path.suffix in (".py", ".toml", ".json", ".txt") and path.name != MODEL_FILE:
            digest.update(path.relative_to(REPO).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def candidates(corpus: Path, gold: dict, ids: list[str], with_url: bool, jobs: int) -> dict[str, list]:
    """`candidates_of` every page of `ids` that exists, cached per corpus and code version."""
    path = CACHE / f"html-titles-{corpus.resolve().name}-{code_version()}.pkl"
    cache = pickle.loads(path.read_bytes()) if path.exists() else {}
    todo = [pid for pid in ids if pid not in cache and (corpus / "html" / f"{pid}.html.gz").is_file()]
    if todo:
        tasks = [(str(corpus / "html" / f"{pid}.html.gz"), gold[pid].get("url") if with_url else None) for pid in todo]
        with Pool(jobs) as pool:
            results = pool.map(candidates_of, tasks, chunksize=8)
        cache.update(zip(todo, results, strict=True))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(cache, protocol=pickle.HIGHEST_PROTOCOL))
    return {pid: cache[pid] for pid in ids if pid in cache}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--devset", type=Path, default=default_shared() / "devset")
    ap.add_argument("--wcxb", type=Path, default=default_shared() / "wcxb")
    ap.add_argument("--out", type=Path, default=REPO / "cleaner" / "data" / MODEL_FILE)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--l2", type=float, default=L2, help=f"penalty on the squared standardised weights (default {L2})")
    args = ap.parse_args()
    train_title_model.L2 = args.l2  # (read by `fit`)

    rows = []  # (corpus, id, in validation, candidates, gold title)
    for name, corpus in (("devset", args.devset), ("wcxb", args.wcxb)):
        gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
        ids = sorted(pid for pid, page in gold.items() if page.get("title"))
        for pid, found in candidates(corpus, gold, ids, name == "devset", args.jobs).items():
            rows.append((name, pid, in_validation(pid), found, normal(gold[pid]["title"])))
    names = sorted({feature for *_, found, _ in rows for *_, features in found for feature in features})
    index = {feature: position for position, feature in enumerate(names)}

    def matrix(found: list) -> np.ndarray:
        x = np.zeros((len(found), len(names)))
        for row, (*_, features) in enumerate(found):
            for feature, value in features.items():
                x[row, index[feature]] = value
        return x

    pages = []
    for _, _, validation, found, title in rows:
        labels = np.array([normal(text) == title for text, *_ in found], dtype=np.float64)
        if not validation and labels.any():
            pages.append((matrix(found), labels, 1.0))
    stacked = np.vstack([x for x, _, _ in pages])
    mean, scale = stacked.mean(axis=0), stacked.std(axis=0)
    scale[scale == 0] = 1.0
    weights = fit([((x - mean) / scale, y, w) for x, y, w in pages], len(names)) / scale

    report: dict[str, dict[str, list[int]]] = {}
    for group, _, validation, found, title in rows:
        split = "validation" if validation else "training"
        tally = report.setdefault(group, {}).setdefault(split, [0, 0, 0, 0])  # pages, reachable, search, model
        tally[0] += 1
        if not found:
            continue
        labels = [normal(text) == title for text, *_ in found]
        tally[1] += any(labels)
        search = [p for p, (_, sources, _) in enumerate(found) if "search" in sources]
        tally[2] += bool(search) and labels[search[0]]
        tally[3] += labels[int(np.argmax(matrix(found) @ weights))]
    print("group    split       pages  reachable  search  model")
    for group, splits in report.items():
        for split, (count, reachable, search, chosen) in splits.items():
            shares = f"{reachable / count:9.3f}  {search / count:6.3f}  {chosen / count:5.3f}"
            print(f"{group:8s} {split:10s} {count:6d}  {shares}")
    args.out.write_text(
        json.dumps({"features": names, "weights": [round(float(w), 6) for w in weights]}, indent=1) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {args.out} ({len(names)} features, fitted on {len(pages)} pages)")


if __name__ == "__main__":
    main()
