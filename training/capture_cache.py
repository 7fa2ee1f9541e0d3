"""What a training run worked out of each capture, kept under training/.cache so that a retrain
reads and cleans every page once: one pickle per corpus and capture kind, filed under a hash of
the cleaner's code, data and built-in rules (`code_version`), so a changed cleaner starts afresh.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
from collections.abc import Callable
from multiprocessing import Pool
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / "training" / ".cache"


@functools.cache
def code_version(model_file: str) -> str:
    """A hash of the cleaner's code, data and built-in rules, less the weights being trained
    (`model_file`, so a run's own output does not void its cache). Taken once per run, when first
    asked: a file edited during a run must not file what the loaded code made under its new hash."""
    digest = hashlib.sha256()
    files = sorted((REPO / "cleaner").rglob("*")) + sorted((REPO / "rules").rglob("*"))
    for path in files:
        if path.is_file() and path.suffix != ".pyc" and path.name != model_file:
            digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def text_capture(corpus: Path, kind: str) -> Callable[[str], str | None]:
    """A `cached_map` task for a page's text capture of `kind` in `corpus`: the path of its
    `ID.txt.gz` as a string, None when the page has no such capture."""

    def task_of(pid: str) -> str | None:
        path = corpus / kind / f"{pid}.txt.gz"
        return str(path) if path.is_file() else None

    return task_of


def cached_map(
    name: str,
    ids: list[str],
    task_of: Callable[[str], Any],
    work: Callable[[Any], Any],
    jobs: int,
    still_valid: Callable[[Any], bool] = lambda entry: True,
) -> dict[str, Any]:
    """`work(task_of(pid))` for each of `ids`, from the cache file `name` where it holds the page
    (and `still_valid` accepts its entry), else worked out in `jobs` processes and added to it.
    `task_of` gives None for a page that has no capture: it is left out."""
    path = CACHE / f"{name}.pkl"
    cache = pickle.loads(path.read_bytes()) if path.exists() else {}
    cache = {pid: entry for pid, entry in cache.items() if still_valid(entry)}
    tasks = {pid: task for pid in ids if pid not in cache and (task := task_of(pid)) is not None}
    if tasks:
        with Pool(jobs) as pool:
            results = pool.map(work, list(tasks.values()), chunksize=8)
        cache.update(zip(tasks, results, strict=True))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(cache, protocol=pickle.HIGHEST_PROTOCOL))
    return {pid: cache[pid] for pid in ids if pid in cache}
