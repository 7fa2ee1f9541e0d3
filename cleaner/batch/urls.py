"""The page URL of each capture in a batch, as the scraper that saved them knew it.

A URL scopes site rules and helps the date and the title; a text dump rarely states its own
and a saved page not always. `clean raw/ out/ --urls urls.csv` reads them from a file that
names each capture by its path relative to the input directory (the `source` of its
output record):

    path,url                                  {"path": "a/page.html", "url": "https://…"}
    a/page.html,https://example.com/story     (JSON lines: one such object per line)

A file whose name ends in `.jsonl` or `.json`, or whose first character is `{`, is read as
JSON lines; anything else as CSV with a header naming the `path` and `url` columns.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from cleaner.batch.jobs import Job

_JSON_SUFFIXES = (".jsonl", ".json")


class UrlMapError(ValueError):
    """The URL file cannot be read; the message names the file, the line and the reason."""


@dataclass
class UrlMap:
    """URLs by capture path, and which of them a run used."""

    source: str  # the file they came from, for messages
    urls: dict[str, str]
    used: set[str] = field(default_factory=set)

    def url_for(self, capture_source: str) -> str | None:
        url = self.urls.get(capture_source)
        if url is not None:
            self.used.add(capture_source)
        return url

    def unused(self) -> list[str]:
        """The paths the file names that no capture of the run had, in file order."""
        return [path for path in self.urls if path not in self.used]


def read_url_map(path: str | Path) -> UrlMap:
    """Read a CSV or JSON-lines URL file (see the module's note). Raises `UrlMapError`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UrlMapError(f"{path}: cannot read: {getattr(error, 'strerror', None) or error}") from error
    as_json = path.suffix.lower() in _JSON_SUFFIXES or text.lstrip().startswith("{")
    rows = _json_rows(path, text) if as_json else _csv_rows(path, text)
    urls: dict[str, str] = {}
    for line, capture, url in rows:
        capture = _normal_path(capture)
        if not capture or not url:
            raise UrlMapError(f"{path}: line {line}: needs both a path and a URL")
        if "://" not in url:
            raise UrlMapError(f"{path}: line {line}: {url!r} is not an absolute URL (scheme://host/...)")
        if urls.get(capture, url) != url:
            raise UrlMapError(f"{path}: line {line}: {capture} already has another URL ({urls[capture]})")
        urls[capture] = url
    return UrlMap(str(path), urls)


def with_urls(jobs: Iterable[Job], url_map: UrlMap) -> Iterator[Job]:
    """The jobs, each with the URL the map gives its capture (a job's own URL, a WARC
    record's, is kept)."""
    for job in jobs:
        url = url_map.url_for(job.source) if job.url is None else None
        yield replace(job, url=url) if url is not None else job


def _normal_path(text: str) -> str:
    """`./a//b.html` and `a\\b.html` name the capture `a/b.html`, as its output's `source` does."""
    text = text.strip().replace("\\", "/")
    return PurePosixPath(text).as_posix().removeprefix("./") if text else ""


def _csv_rows(path: Path, text: str) -> Iterator[tuple[int, str, str]]:
    reader = csv.reader(text.splitlines())
    header = [name.strip().lower() for name in next(reader, [])]
    if "path" not in header or "url" not in header:
        raise UrlMapError(f"{path}: line 1: the CSV header must name a `path` and a `url` column")
    path_column, url_column = header.index("path"), header.index("url")
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(path_column, url_column):
            raise UrlMapError(f"{path}: line {number}: expected {len(header)} columns, found {len(row)}")
        yield number, row[path_column], row[url_column].strip()


def _json_rows(path: Path, text: str) -> Iterator[tuple[int, str, str]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            raise UrlMapError(f"{path}: line {number}: not JSON ({error.msg})") from error
        fields_are_strings = isinstance(entry, dict) and all(isinstance(entry.get(key), str) for key in ("path", "url"))
        if not fields_are_strings:
            raise UrlMapError(f'{path}: line {number}: expected an object {{"path": "...", "url": "..."}}')
        yield number, entry["path"], entry["url"].strip()
