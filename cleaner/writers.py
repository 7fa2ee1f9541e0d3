"""Stage 7 — writers: an Article to the output contract, written atomically.

Output formats:

* `json` — one UTF-8 file per capture, `out/<relative path of the capture>.json`, holding
  `source`, `kind`, `url`, `title`, `authors`, `byline`, `date`, `body`.
* `txt` — the body under a short header (`Title:`, `By:`, `Date:` lines, then a blank line).
* `jsonl` — the same records as `json`, one per line, in a single file or on stdout.
"""

from __future__ import annotations

import contextlib
import errno
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


def _default_mode() -> int:
    """The mode `open()` would give a new file: 0o666 less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


#: mkstemp creates 0600 files; outputs get the mode an ordinary write would give them.
_FILE_MODE = _default_mode()


def atomic_write(path: Path, text: str, *, durable: bool = True) -> None:
    """Write `text` to `path` so that readers see the old file or the whole new one, never half.

    The text goes to a temporary file in the same directory, is flushed to disk (unless
    `durable` is false, for bookkeeping that may be lost in a crash), and is then renamed over
    the target; on any error (a full disk, a read-only directory) the temporary file is
    removed, the old output stays as it was, and the error propagates for the caller to report.
    """
    if path.exists() and not path.is_file():
        # Renaming over /dev/full or a FIFO would silently replace the device with a file.
        raise (
            IsADirectoryError(errno.EISDIR, "exists and is not a regular file", str(path))
            if path.is_dir()
            else OSError(errno.EINVAL, "exists and is not a regular file (refusing to replace it)", str(path))
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(descriptor, _FILE_MODE)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
