"""Running the cleaner over many captures: jobs, WARC records, resumable outputs, bounded pools.

Used by `clean run` (cli.py) and by the Dask runner (distributed.py), so both find the same
captures, give them the same output names and write the same files.

Resuming. Next to every output written into a directory, a small *state* file records
what the output was made from: the SHA-256 of the capture's bytes, the rule set's version,
the cleaner's version and the output format. A later run skips a capture whose state still
matches (and whose output is still there), unless `--force`. The state lives under
`OUTPUT/.cleaner-state/<output name>.state`, apart from the articles.

What survives `kill -9` at any moment: the state file is removed *before* its output is
replaced and written again only *after* the new output has been renamed into place (each
file by write-to-temporary, fsync, rename). So a state file, when present, always describes
the output next to it; a killed run at worst leaves a finished output without its state
(it is redone next time) and a temporary `.<name>.<random>.tmp` file, which the next run
into the same directory removes before it starts.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path, PurePath
from typing import Any

from cleaner import settings
from cleaner.settings import DEFAULT_OPTIONS
from cleaner.writers import OutputFormat, atomic_write, output_name, safe_join

#: The folder inside an output directory that holds the state files.
STATE_DIRECTORY = ".cleaner-state"
_STATE_SUFFIX = ".state"
#: `tempfile.mkstemp(prefix=".<name>.", suffix=".tmp")` names: a dot, the name, 8 random characters.
_TEMPORARY_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
_WARC_SUFFIXES = (".warc", ".warc.gz")
_UNSAFE_NAME_CHARACTERS = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Job:
    """One capture to clean, and where its output goes."""

    source: str  # what the record's `source` field says (relative path, or `crawl.warc.gz#12`)
    path: str | None = None  # the capture file, `-` for stdin; None when `payload` holds it
    url: str | None = None
    output_format: OutputFormat = "json"
    payload: bytes | None = None  # the capture's bytes, for a WARC record
    captured: str | None = None  # WARC-Date: when the page was fetched (not when it was published)
    name: str | None = None  # the output's path relative to the output directory
    directory: str | None = None  # the output directory, when outputs are files in it
    fingerprint: tuple[str, str] = ("", "")  # (cleaner version, rule set version)
    force: bool = False
    error: str | None = None  # known to fail before cleaning (a WARC record too large)


def default_workers() -> int:
    """The number of cores this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):
        return max(os.cpu_count() or 1, 1)


# --- finding captures ------------------------------------------------------------------


def discover(root: Path) -> Iterator[Path]:
    """Every capture file under `root`, lazily, in a deterministic (sorted) order.

    Hidden files and directories are skipped; symlinked directories are not followed, so a
    symlink loop cannot trap the walk.
    """
    for directory, subdirectories, files in os.walk(root, followlinks=False):
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(directory) / name


def is_warc(path: str | Path) -> bool:
    """A WARC file, by its name (`.warc`, `.warc.gz`)."""
    return str(path).lower().endswith(_WARC_SUFFIXES)


def warc_folder_name(path: str | Path) -> str:
    """`crawl-00001.warc.gz` -> `crawl-00001`: the folder its records' outputs go into."""
    name = Path(path).name
    for suffix in (".gz", ".warc"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    name = _UNSAFE_NAME_CHARACTERS.sub("_", name).lstrip(".")
    return name or "warc"


def directory_jobs(root: Path, output_format: OutputFormat, **common: Any) -> Iterator[Job]:
    """Jobs for every capture under `root`; a WARC file found there gives one job per HTML record."""
    for path in discover(root):
        relative = path.relative_to(root)
        if is_warc(path):
            yield from warc_jobs(path, output_format, folder=relative.parent, **common)
        else:
            source = relative.as_posix()
            yield Job(
                source=source,
                path=str(path),
                output_format=output_format,
                name=output_name(PurePath(source), output_format).as_posix(),
                **common,
            )


def warc_jobs(
    path: str | Path, output_format: OutputFormat, folder: PurePath = PurePath(), **common: Any
) -> Iterator[Job]:
    """One job per HTML response record of a WARC file, read lazily with warcio.

    The URL comes from `WARC-Target-URI` and the capture date from `WARC-Date`. Outputs are
    named `<folder>/<warc name>/<record number>.<format>`, the record's position in the file
    (counting every record), zero-padded: stable, sortable and safe whatever the URL holds.
    """
    from warcio.archiveiterator import ArchiveIterator

    warc_name = Path(path).name
    base = PurePath(folder) / warc_folder_name(path)
    with open(path, "rb") as stream:
        for index, record in enumerate(ArchiveIterator(stream)):
            if not _is_html_response(record):
                continue
            payload = record.content_stream().read(DEFAULT_OPTIONS.max_capture_bytes + 1)
            error = None
            if len(payload) > DEFAULT_OPTIONS.max_capture_bytes:
                payload, error = (
                    b"",
                    f"capture larger than {DEFAULT_OPTIONS.max_capture_bytes // (1 << 20)} MB (refused)",
                )
            yield Job(
                source=f"{warc_name}#{index}",
                url=record.rec_headers.get_header("WARC-Target-URI"),
                output_format=output_format,
                payload=payload,
                captured=record.rec_headers.get_header("WARC-Date"),
                name=(base / f"{index:0{settings.WARC_INDEX_DIGITS}d}.{output_format}").as_posix(),
                error=error,
                **common,
            )


def _is_html_response(record: Any) -> bool:
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return False  # redirects and errors carry no article
        content_type = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return False
    return "html" in content_type.lower()


# --- state files: what an output was made from ----------------------------------------


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def state_path(directory: str | Path, name: str) -> Path:
    return safe_join(Path(directory) / STATE_DIRECTORY, PurePath(name + _STATE_SUFFIX))


def _state(job: Job, capture_digest: str) -> dict[str, str]:
    cleaner_version, rules_version = job.fingerprint
    state = {
        "capture_sha256": capture_digest,
        "rules": rules_version,
        "cleaner": cleaner_version,
        "format": job.output_format,
    }
    if job.url is not None:  # the URL scopes site rules and helps the metadata: another URL, another output
        state["url"] = job.url
    return state


def up_to_date(job: Job, capture_digest: str) -> bool:
    """True when the output of `job` exists and was made from these bytes by these rules."""
    if job.force or job.directory is None or job.name is None:
        return False
    try:
        recorded = json.loads(state_path(job.directory, job.name).read_text(encoding="utf-8"))
        output = safe_join(Path(job.directory), PurePath(job.name))
        return recorded.get("state") == _state(job, capture_digest) and output.stat().st_size == recorded.get("size")
    except (OSError, ValueError, AttributeError):
        return False


def write_output(directory: Path, job_name: str, text: str, job: Job, capture_digest: str) -> None:
    """Write one output and then its state file (see the module's note on `kill -9`)."""
    target = safe_join(directory, PurePath(job_name))
    state = state_path(directory, job_name)
    state.unlink(missing_ok=True)
    atomic_write(target, text)
    size = target.stat().st_size
    # Not fsynced: after a power cut a state file may be lost or empty (the capture is redone)
    # or name an output the disk lost; the size check in `up_to_date` catches the last case.
    atomic_write(state, json.dumps({"state": _state(job, capture_digest), "size": size}) + "\n", durable=False)


def sweep_temporaries(directory: Path) -> int:
    """Remove the temporary files a killed run left in an output tree; returns how many."""
    removed = 0
    for folder, _subfolders, files in os.walk(directory, followlinks=False):
        for name in files:
            if _TEMPORARY_NAME.match(name):
                try:
                    os.unlink(os.path.join(folder, name))
                    removed += 1
                except FileNotFoundError:
                    pass
    return removed


# --- a bounded, ordered pool map ------------------------------------------------------------


def ordered_bounded_map(
    submit: Callable[[list[Job]], Any], jobs: Iterable[Job], chunk: int, window: int
) -> Iterator[Any]:
    """Results of `submit(batch).get()` in input order, with at most `window` batches in flight.

    `multiprocessing.Pool.imap` reads its whole input in a feeder thread, so over a million
    captures it holds a million jobs (and, for WARC records, their bytes) in memory. Here a
    new batch is read from `jobs` only when the oldest one's results are taken.
    """
    iterator = iter(jobs)
    pending: deque[Any] = deque()

    def fill() -> None:
        while len(pending) < window:
            batch = list(islice(iterator, chunk))
            if not batch:
                return
            pending.append(submit(batch))

    fill()
    while pending:
        results = pending.popleft().get()
        fill()
        yield from results
