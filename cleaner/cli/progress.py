"""The progress bar of `clean run`: how many captures are done, how fast, and out of how many.

Captures are found lazily, as the input directory is walked, so that a run over millions
of files starts at once and never holds their list. The total therefore comes later, from
whichever is first of:

- a second walk of the input directory in a background thread, which only counts file
  names (a directory read, cheap beside cleaning) and keeps nothing but the count. A WARC
  file stops it: its records can be counted only by reading the whole file;
- the end of the job generator, which is always exact (it corrects the first if files came
  or went meanwhile).

Notes and failures are printed above the bar, never into it.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import click
from tqdm import tqdm

from cleaner.batch.jobs import Job, discover, is_warc

#: Before the total is known: a count and a rate, no bar.
_COUNTING_FORMAT = "{desc}: {n_fmt}{unit} [{elapsed}, {rate_noinv_fmt}]"
#: Once it is known: the bar, the count out of the total, the time left. The rate is always
#: captures per second (tqdm's default turns to seconds per capture below one a second).
_TOTAL_FORMAT = "{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, {rate_noinv_fmt}]"


class Progress:
    """A progress bar on stderr (when `enabled`), and the way to print a line above it.

    `root` is the input directory, counted ahead in a background thread; None for anything
    else (a WARC file, a single capture), whose total is known when its jobs run out.
    """

    def __init__(self, enabled: bool, root: Path | None = None) -> None:
        self.enabled = enabled
        self.root = root
        self.bar: tqdm | None = None
        self.stream = sys.stderr
        self.found: int | None = None  # jobs made, once the job generator has run out
        self.counted: int | None = None  # captures counted ahead by the background walk
        self.stop = threading.Event()
        self.counter: threading.Thread | None = None

    def count(self, jobs: Iterator[Job]) -> Iterator[Job]:
        """`jobs`, unchanged, noting how many there were when they run out."""
        made = 0
        for job in jobs:
            made += 1
            yield job
        self.found = made

    def __enter__(self) -> Progress:
        if not self.enabled:
            return self
        # Kept from here on: click's test runner swaps sys.stderr, and the lines printed
        # above the bar must go to the stream the bar is drawn on.
        self.stream = sys.stderr
        self.bar = tqdm(
            desc="cleaning",
            unit=" captures",
            file=self.stream,
            dynamic_ncols=True,
            bar_format=_COUNTING_FORMAT,
        )
        if self.root is not None and self.root.is_dir():
            self.counter = threading.Thread(target=self._count_ahead, args=(self.root,), daemon=True)
            self.counter.start()
        return self

    def _count_ahead(self, root: Path) -> None:
        counted = 0
        for path in discover(root):
            if self.stop.is_set() or is_warc(path):
                return
            counted += 1
        self.counted = counted

    def advance(self) -> None:
        """One more capture done (cleaned, failed or skipped)."""
        if self.bar is None:
            return
        self._show_total()
        self.bar.update()

    def _show_total(self) -> None:
        assert self.bar is not None
        total = self.found if self.found is not None else self.counted
        if total is not None and total != self.bar.total:
            self.bar.total = total
            # Nothing to clean: "0 captures" says it better than an empty bar at 0/0.
            self.bar.bar_format = _TOTAL_FORMAT if total else _COUNTING_FORMAT

    def say(self, message: str) -> None:
        """Print `message` as a line of stderr, above the bar when there is one."""
        if self.bar is None:
            click.echo(message, err=True)
        else:
            self.bar.write(message, file=self.stream)

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        if self.bar is None:
            return
        if exc[0] is None:
            self._show_total()
        self.bar.close()
