"""Running jobs: one capture cleaned and written (`clean_and_write`), in this process or in a
pool of worker processes (`outcomes`), results in input order.

The pool forks after the pipeline is imported, so no worker pays for importing it again."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from cleaner import settings
from cleaner.api import Cleaner, NoArticleError
from cleaner.batch.jobs import (
    Job,
    digest,
    ordered_bounded_map,
    up_to_date,
    write_output,
)
from cleaner.capture import CaptureError, read_capture_file
from cleaner.html.extract import HtmlParseError
from cleaner.rules import RuleTimeout
from cleaner.writers import (
    OutputFormat,
    UnsafeOutputPath,
    record,
    render,
)


@dataclass
class Outcome:
    """What happened to one capture."""

    source: str
    output: str | None  # rendered record, None on failure
    error: str | None
    chars_in: int = 0
    chars_out: int = 0
    skipped: bool = False  # the output is up to date (same capture, rules and cleaner)
    job: Job | None = None  # where the output goes (None for the old tuple jobs)
    digest: str = ""  # SHA-256 of the capture's bytes, recorded with the output
    written: bool = False  # the worker already wrote the output (and its state) into the directory
    warnings: tuple[str, ...] = ()  # doubts about a capture that was still cleaned (a guessed charset)


_WORKER_CLEANER: Cleaner | None = None


def _init_worker(rule_dirs: tuple[str, ...], builtin: bool) -> None:
    use_cleaner(Cleaner(rule_dirs, builtin_rules=builtin))


def use_cleaner(cleaner: Cleaner) -> None:
    """Make `cleaner` the one this process's `clean_one` uses (a worker's, or the parent's at -j 1)."""
    global _WORKER_CLEANER
    _WORKER_CLEANER = cleaner


def clean_one(job: Job | tuple[str, str, str | None, OutputFormat]) -> Outcome:
    """Clean the capture at `path` (or stdin when path is `-`), or a WARC record's bytes; never raises.

    An output already made from the same bytes by the same rules and cleaner is skipped.
    """
    if not isinstance(job, Job):
        path, source, url, output_format = job
        job = Job(source=source, path=path, url=url, output_format=output_format)
    source = job.source
    assert _WORKER_CLEANER is not None
    try:
        if job.error is not None:
            return Outcome(source, None, job.error, job=job)
        data = job.payload if job.payload is not None else read_capture_file(job.path or "-")
        capture_digest = digest(data) if job.directory is not None else ""
        if up_to_date(job, capture_digest):
            return Outcome(source, None, None, skipped=True, job=job)
        article = _WORKER_CLEANER.clean(data, url=job.url)
        data_out = record(article, source)
        if job.captured is not None:
            # WARC-Date is when the page was fetched: a later "publication" date is a misread.
            if data_out["date"] and data_out["date"][:10] > job.captured[:10]:
                data_out["date"] = None
            data_out["captured"] = job.captured
        text = render(data_out, job.output_format)
        return Outcome(
            source, text, None, len(data), len(article.body), job=job, digest=capture_digest, warnings=article.warnings
        )
    except (CaptureError, NoArticleError, HtmlParseError, RuleTimeout, OSError) as error:
        return Outcome(source, None, _reason(error))
    except RecursionError:
        return Outcome(source, None, "markup nested too deeply to parse")
    except MemoryError:
        return Outcome(source, None, "out of memory while cleaning this capture")
    except Exception as error:  # noqa: BLE001 — one broken capture must not stop the run
        return Outcome(source, None, f"internal error ({type(error).__name__}: {error}); please report it")


def clean_and_write(job: Job) -> Outcome:
    """`clean_one`, then, for outputs that are files in a directory, write the file and its state.

    Writing in the worker lets -j N workers wait on their disk writes (fsync) in parallel
    and keeps the articles out of the pipe back to the parent; the parent still reports
    outcomes in input order. Never raises.
    """
    outcome = clean_one(job)
    if outcome.output is None or job.directory is None or job.name is None:
        return outcome
    try:
        write_output(Path(job.directory), job.name, outcome.output, job, outcome.digest)
    except (OSError, UnsafeOutputPath) as error:
        return Outcome(
            outcome.source, None, f"cannot write output: {getattr(error, 'strerror', None) or error}", job=job
        )
    return replace(outcome, output=None, written=True)


def clean_many(jobs: list[Job]) -> list[Outcome]:
    """A batch of jobs, for a worker process."""
    return [clean_and_write(job) for job in jobs]


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return f"cannot read: {error.strerror}"
    return str(error)


class OutcomeStream:
    """Outcomes in input order, from this process (-j 1) or a pool of workers."""

    def __init__(
        self,
        jobs: Iterator[Job],
        rules: Any,
        rule_dirs: tuple[str, ...],
        builtin: bool,
        workers: int,
    ) -> None:
        self.jobs, self.rules, self.rule_dirs, self.builtin, self.workers = jobs, rules, rule_dirs, builtin, workers
        self.pool: Any = None

    def __enter__(self) -> Iterator[Outcome]:
        if self.workers == 1:
            use_cleaner(Cleaner(rules=self.rules))
            return (clean_and_write(job) for job in self.jobs)
        self.pool = get_context("spawn" if sys.platform == "darwin" else "fork").Pool(
            self.workers, initializer=_init_worker, initargs=(self.rule_dirs, self.builtin)
        )
        # Not Pool.imap: its feeder thread would read every job (and WARC record) up front.
        return ordered_bounded_map(
            lambda batch: self.pool.apply_async(clean_many, (batch,)),
            self.jobs,
            chunk=settings.POOL_BATCH_SIZE,
            window=settings.POOL_BATCHES_IN_FLIGHT_PER_WORKER * self.workers,
        )

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate() if exc[0] is not None else self.pool.close()
            self.pool.join()
