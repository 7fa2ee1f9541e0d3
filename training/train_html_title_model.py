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
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "training"))

from accuracy import default_shared, in_validation  # noqa: E402
from capture_cache import cached_map, code_version  # noqa: E402
from train_title_model import Row, fit_chooser, normal, report_and_write  # noqa: E402

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


def candidates(corpus: Path, gold: dict, ids: list[str], with_url: bool, jobs: int) -> dict[str, list]:
    """`candidates_of` every page of `ids` that exists, cached per corpus and code version."""

    def task_of(pid: str) -> tuple[str, str | None] | None:
        path = corpus / "html" / f"{pid}.html.gz"
        return (str(path), gold[pid].get("url") if with_url else None) if path.is_file() else None

    return cached_map(
        f"html-titles-{corpus.resolve().name}-{code_version(MODEL_FILE)}", ids, task_of, candidates_of, jobs
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--devset", type=Path, default=default_shared() / "devset")
    ap.add_argument("--wcxb", type=Path, default=default_shared() / "wcxb")
    ap.add_argument("--out", type=Path, default=REPO / "cleaner" / "data" / MODEL_FILE)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--l2", type=float, default=L2, help=f"penalty on the squared standardised weights (default {L2})")
    args = ap.parse_args()

    rows: list[Row] = []  # (corpus, id, in validation, candidates, gold title)
    for name, corpus in (("devset", args.devset), ("wcxb", args.wcxb)):
        gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
        ids = sorted(pid for pid, page in gold.items() if page.get("title"))
        for pid, found in candidates(corpus, gold, ids, name == "devset", args.jobs).items():
            rows.append((name, pid, in_validation(pid), found, normal(gold[pid]["title"])))
    fitted = fit_chooser(rows, lambda group: 1.0, args.l2)
    report_and_write(rows, fitted, lambda candidate: "search" in candidate[1], args.out, 8)


if __name__ == "__main__":
    main()
