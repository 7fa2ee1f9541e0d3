"""Silver labels, step 1: trafilatura's extraction of every page's HTML, cached per corpus.

Usage: python training/silver_html.py [CORPUS_DIR ...] [-j N]

Corpora default to `../shared/devset` and `../shared/wcxb` (`../../shared` from a worktree;
each a directory with `gold.json` and `html/<id>.html.gz`). Writes training/.cache/trafilatura-<corpus>.json:
{id: extracted text (one paragraph per line)}. Settings as benchmarks/accuracy.py's
trafilatura baseline (tables on, comments off). Deterministic; re-running only extracts
pages missing from the cache.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from multiprocessing import Pool
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from accuracy import default_shared  # noqa: E402

CACHE_DIR = REPO / "training" / ".cache"
#: `../shared` beside the repository or beside its folder of worktrees (as benchmarks/accuracy.py).
SHARED = default_shared()
CORPORA = (SHARED / "devset", SHARED / "wcxb")


def cache_path(corpus: Path) -> Path:
    """Where the extractions of one corpus (named by its directory) are cached."""
    return CACHE_DIR / f"trafilatura-{corpus.resolve().name}.json"


def extract(task: tuple[str, str]) -> tuple[str, str]:
    import trafilatura

    path, url = task
    data = gzip.decompress(Path(path).read_bytes())
    try:
        doc = trafilatura.bare_extraction(
            data, url=url, include_comments=False, include_tables=True, with_metadata=False
        )
    except Exception:  # noqa: BLE001 -- a page trafilatura cannot read has no silver labels
        doc = None
    return Path(path).name.split(".")[0], (doc.text or "") if doc is not None else ""


def cache_corpus(corpus: Path, jobs: int) -> dict[str, str]:
    """Extract the corpus's pages missing from its cache; return the whole cache."""
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    path = cache_path(corpus)
    cache = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    tasks = [
        (str(corpus / "html" / f"{pid}.html.gz"), gold[pid].get("url") or "")
        for pid in sorted(gold)
        if pid not in cache and (corpus / "html" / f"{pid}.html.gz").is_file()
    ]
    if tasks:
        with Pool(jobs) as pool:
            for pid, text in pool.imap_unordered(extract, tasks, chunksize=4):
                cache[pid] = text
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(dict(sorted(cache.items())), ensure_ascii=False), encoding="utf-8")
    print(f"{len(cache)} pages in {path}", file=sys.stderr)
    return cache


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", nargs="*", type=Path, default=list(CORPORA))
    ap.add_argument("-j", "--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    for corpus in args.corpora:
        cache_corpus(corpus, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
