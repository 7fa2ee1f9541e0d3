"""Stage 7 — writers: an Article to the output contract, written atomically.

Output formats:

* `json` — one UTF-8 file per capture, `out/<relative path of the capture>.json`, holding
  `source`, `kind`, `url`, `title`, `authors`, `byline`, `date`, `body`.
* `txt` — the body under a short header (`Title:`, `By:`, `Date:` lines, then a blank line).
* `jsonl` — the same records as `json`, one per line, in a single file or on stdout.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path, PurePath
from typing import Any, Literal

from cleaner.article import Article

OutputFormat = Literal["json", "txt", "jsonl"]
FORMATS: tuple[OutputFormat, ...] = ("json", "txt", "jsonl")
#: Field order of a record, the public output contract.
RECORD_FIELDS = ("source", "kind", "url", "title", "authors", "byline", "date", "body")


class UnsafeOutputPath(ValueError):
    """An output name that would land outside the output directory."""


def record(article: Article, source: str) -> dict[str, Any]:
    """The output record for one cleaned capture."""
    data = article.to_dict()
    data["source"] = source
    return {field: data[field] for field in RECORD_FIELDS}


def render(data: dict[str, Any], output_format: OutputFormat) -> str:
    """One record as the text written for it (a jsonl record without its newline)."""
    if output_format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if output_format == "jsonl":
        return json.dumps(data, ensure_ascii=False)
    header = [f"Title: {data['title'] or ''}"]
    if data["byline"]:
        header.append(f"By: {data['byline']}")
    if data["date"]:
        header.append(f"Date: {data['date']}")
    return "\n".join(header) + "\n\n" + data["body"] + "\n"


def output_name(source: PurePath, output_format: OutputFormat) -> PurePath:
    """`a/page.html.gz` → `a/page.html.json`: the capture's path, `.gz` dropped, format added."""
    if source.is_absolute() or ".." in source.parts:
        raise UnsafeOutputPath(f"{source}: refusing an output path outside the output directory")
    name = source.name[:-3] if source.name.endswith(".gz") else source.name
    return source.with_name(f"{name}.{output_format}")


def safe_join(root: Path, relative: PurePath) -> Path:
    """`root / relative`, refusing anything that would resolve outside `root`."""
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise UnsafeOutputPath(f"{relative}: refusing an output path outside {root}")
    return target


def atomic_write(path: Path, text: str, durable: bool = True) -> None:
    """Write `text` to `path` so that readers see the old file or the whole new one, never half.

    The text goes to a temporary file in the same directory, is flushed to disk, and is then
    renamed over the target; on any error the temporary file is removed and the old output
    stays as it was. `durable=False` skips the fsync (still atomic for readers and against a
    killed process, not against a power cut): for files that are only a cache, like the
    state files of resumable runs.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
