"""Silver labels, step 1: trafilatura's extraction of every devset page's HTML, cached.

Usage: python training/silver_html.py [DEVSET_DIR] [-j N]

Writes training/.cache/trafilatura.json: {id: extracted text (one paragraph per line)}.
Settings as benchmarks/accuracy.py's trafilatura baseline (tables on, comments off).
Deterministic; re-running only extracts pages missing from the cache.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from multiprocessing import Pool
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / "training" / ".cache" / "trafilatura.json"


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("devset", nargs="?", type=Path, default=REPO.parent / "shared" / "devset")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    gold = json.loads((args.devset / "gold.json").read_text(encoding="utf-8"))
    cache = json.loads(CACHE.read_text(encoding="utf-8")) if CACHE.exists() else {}
    tasks = [
        (str(args.devset / "html" / f"{pid}.html.gz"), gold[pid]["url"]) for pid in sorted(gold) if pid not in cache
    ]
    with Pool(args.jobs) as pool:
        for pid, text in pool.imap_unordered(extract, tasks, chunksize=4):
            cache[pid] = text
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(json.dumps(dict(sorted(cache.items())), ensure_ascii=False), encoding="utf-8")
    print(f"{len(cache)} pages in {CACHE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
