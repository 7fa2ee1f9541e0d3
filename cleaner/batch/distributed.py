"""Clean captures on a Dask cluster: the same outputs as `clean raw/ out/`, on many machines.

Needs the optional extra: `pip install 'cleaner[dask]'`.

>>> from dask.distributed import Client
>>> from cleaner.batch.distributed import clean_with_dask
>>> client = Client("tcp://scheduler:8786")          # or LocalCluster() on one machine
>>> summary = clean_with_dask("raw/", "out/", client=client)
>>> summary.cleaned, summary.failed, summary.skipped

or from a shell: `python -m cleaner.batch.distributed raw/ out/ --scheduler tcp://scheduler:8786`.

The input is a directory of captures (WARC files in it are expanded into their HTML
records) or one or more WARC files. Every worker must see the input and the output
directory at the same paths (a shared or network file system). Each task is a batch of
capture files or one whole WARC file, so a WARC's records are read where they are
cleaned, not shipped through the scheduler. Workers write the outputs and their state
files exactly as the CLI does (same names, same bytes, same skip-if-up-to-date rule), so a
Dask run and a CLI run over the same input are interchangeable and either can resume the other.

Inputs are discovered lazily and handed to the cluster a window at a time (at most
`MAX_TASKS_IN_FLIGHT` tasks submitted and not yet finished), so the client's memory stays
flat however many captures the input holds.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path, PurePath
from typing import Any

from cleaner import __version__
from cleaner.api import Cleaner
from cleaner.batch import runner
from cleaner.batch.jobs import Job, discover, is_warc, warc_jobs
from cleaner.rules import load_rules
from cleaner.writers import OutputFormat, output_name

#: Capture files per Dask task: enough to amortise the task overhead (a few ms each).
FILES_PER_TASK = 64
#: Tasks submitted to the cluster and not yet finished. Enough to keep a few hundred worker
#: cores busy; the rest of the input is not even listed until tasks finish.
MAX_TASKS_IN_FLIGHT = 256


@dataclass
class Summary:
    """What a run did; `failures` are `source: reason` lines, sorted."""

    cleaned: int = 0
    failed: int = 0
    skipped: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, other: Summary) -> None:
        """Count another summary's captures into this one (failures are sorted at the end)."""
        self.cleaned += other.cleaned
        self.failed += other.failed
        self.skipped += other.skipped
        self.failures.extend(other.failures)


def iter_tasks(
    inputs: Sequence[str | Path], output_format: OutputFormat, common: dict[str, Any]
) -> Iterator[tuple[str, Any]]:
    """("files", [jobs]) batches and ("warc", (path, folder)) tasks, in a deterministic order,
    discovered lazily: the first task is ready after `FILES_PER_TASK` files are listed."""
    batch: list[Job] = []
    for given in map(Path, inputs):
        if given.is_dir():
            for path in discover(given):
                relative = path.relative_to(given)
                if is_warc(path):
                    yield ("warc", (str(path), relative.parent.as_posix()))
                    continue
                source = relative.as_posix()
                name = output_name(PurePath(source), output_format).as_posix()
                batch.append(Job(source=source, path=str(path), output_format=output_format, name=name, **common))
                if len(batch) >= FILES_PER_TASK:
                    yield ("files", batch)
                    batch = []
        elif is_warc(given):
            yield ("warc", (str(given), "."))
        else:
            raise ValueError(f"{given}: neither a directory of captures nor a WARC file")
    if batch:
        yield ("files", batch)


_CLEANERS: dict[tuple[tuple[str, ...], bool], Any] = {}


def _run_task(
    task: tuple[str, Any],
    output_dir: str,
    output_format: OutputFormat,
    rule_dirs: tuple[str, ...],
    builtin: bool,
    common: dict[str, Any],
) -> Summary:
    """Run on a worker: clean one batch (or one WARC file) and write its outputs."""

    key = (rule_dirs, builtin)
    if key not in _CLEANERS:  # rules are compiled once per worker process
        _CLEANERS[key] = Cleaner(rule_dirs, builtin_rules=builtin)
    runner.use_cleaner(_CLEANERS[key])
    kind, payload = task
    if kind == "files":
        jobs: Iterable[Job] = payload
    else:
        path, folder = payload
        jobs = warc_jobs(path, output_format, folder=PurePath(folder), **common)
    summary = Summary()
    for job in jobs:
        outcome = runner.clean_and_write(job)
        if outcome.skipped:
            summary.skipped += 1
        elif outcome.written:
            summary.cleaned += 1
        else:
            summary.failed += 1
            summary.failures.append(f"{outcome.source}: {outcome.error}")
    return summary


def clean_with_dask(
    inputs: str | Path | Sequence[str | Path],
    output_dir: str | Path,
    *,
    client: Any = None,
    output_format: OutputFormat = "json",
    rule_dirs: Sequence[str] = (),
    builtin_rules: bool = True,
    force: bool = False,
) -> Summary:
    """Clean a directory of captures or WARC files into `output_dir` as a Dask bag.

    `client` is a `dask.distributed.Client`; without one, Dask's current default scheduler
    runs it (the active Client if there is one, else local processes).
    """
    import dask.bag as db

    if output_format not in ("json", "txt"):
        raise ValueError("the Dask runner writes one file per capture: output_format is json or txt")
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    rule_dirs = tuple(str(path) for path in rule_dirs)
    rules = load_rules(list(rule_dirs), builtin=builtin_rules)  # fails early on a broken rule file
    output = Path(output_dir).resolve()
    output.mkdir(parents=True, exist_ok=True)
    common = {"directory": str(output), "fingerprint": (__version__, rules.version), "force": force}
    for given in map(Path, inputs):  # fail before any work, not halfway through the input
        if not given.is_dir() and not is_warc(given):
            raise ValueError(f"{given}: neither a directory of captures nor a WARC file")
    tasks = iter_tasks(inputs, output_format, common)
    arguments = (str(output), output_format, rule_dirs, builtin_rules, common)
    total = Summary()
    if client is not None:
        _run_on_client(client, tasks, arguments, total)
    else:
        # Dask's default scheduler: one bag per window of tasks, so the input is never listed whole.
        while window := list(islice(tasks, MAX_TASKS_IN_FLIGHT)):
            bag = db.from_sequence(window, npartitions=len(window)).map(_run_task, *arguments)
            for part in bag.compute():
                total.add(part)
    total.failures.sort()
    return total


def _run_on_client(client: Any, tasks: Iterator[tuple[str, Any]], arguments: tuple[Any, ...], total: Summary) -> None:
    """Keep at most `MAX_TASKS_IN_FLIGHT` tasks on the cluster, submitting the next as each ends."""
    from dask.distributed import as_completed

    running = as_completed(
        [client.submit(_run_task, task, *arguments, pure=False) for task in islice(tasks, MAX_TASKS_IN_FLIGHT)]
    )
    for finished in running:
        total.add(finished.result())
        for task in islice(tasks, 1):
            running.add(client.submit(_run_task, task, *arguments, pure=False))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cleaner.batch.distributed", description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="+", help="a directory of captures, or WARC files")
    parser.add_argument("output", help="the output directory (shared by all workers)")
    parser.add_argument(
        "--scheduler", help="address of a Dask scheduler, e.g. tcp://scheduler:8786 (default: a LocalCluster)"
    )
    parser.add_argument("--format", dest="output_format", choices=("json", "txt"), default="json")
    parser.add_argument("--rules", action="append", default=[], help="extra rule file or directory (repeatable)")
    parser.add_argument("--no-builtin-rules", action="store_true")
    parser.add_argument("--force", action="store_true", help="redo captures whose output is up to date")
    args = parser.parse_args(argv)
    from dask.distributed import Client, LocalCluster

    client = Client(args.scheduler) if args.scheduler else Client(LocalCluster(processes=True))
    with client:
        summary = clean_with_dask(
            args.inputs,
            args.output,
            client=client,
            output_format=args.output_format,
            rule_dirs=args.rules,
            builtin_rules=not args.no_builtin_rules,
            force=args.force,
        )
    for line in summary.failures:
        print(line, file=sys.stderr)
    print(f"cleaned {summary.cleaned}, failed {summary.failed}, skipped {summary.skipped}", file=sys.stderr)
    return 1 if summary.failed else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
