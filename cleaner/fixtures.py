"""Fixture folders: a capture with its expected clean output, as in mozilla/readability's test pages.

    fixtures/<name>/source.txt | source.html   the raw capture (may be gzipped: source.html.gz)
    fixtures/<name>/expected.txt               the body exactly as it should come out
    fixtures/<name>/expected-metadata.json     {"title", "authors", "byline", "date"}
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.article import Article
from cleaner.pipeline import Cleaner

SOURCE_NAMES = ("source.html", "source.txt", "source.html.gz", "source.txt.gz")
EXPECTED_BODY = "expected.txt"
EXPECTED_METADATA = "expected-metadata.json"
METADATA_FIELDS = ("title", "authors", "byline", "date")


class FixtureError(ValueError):
    """A fixture folder that cannot be checked (missing or unreadable files)."""


@dataclass
class Fixture:
    path: Path
    source: Path
    expected_body: str
    expected_metadata: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class FixtureResult:
    fixture: Fixture
    article: Article | None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def find_fixture_dirs(roots: list[Path]) -> list[Path]:
    """Fixture folders under `roots`: any directory holding an expected file or a source file."""
    found: set[Path] = set()
    for root in roots:
        candidates = [root] + [p for p in root.rglob("*") if p.is_dir()]
        for directory in candidates:
            names = {child.name for child in directory.iterdir()}
            if names & ({EXPECTED_BODY, EXPECTED_METADATA} | set(SOURCE_NAMES)):
                found.add(directory)
    return sorted(found)


def load_fixture(directory: Path) -> Fixture:
    sources = [directory / name for name in SOURCE_NAMES if (directory / name).is_file()]
    missing = []
    if not sources:
        missing.append("source.txt or source.html")
    for name in (EXPECTED_BODY, EXPECTED_METADATA):
        if not (directory / name).is_file():
            missing.append(name)
    if missing:
        raise FixtureError(f"{directory}: missing {', '.join(missing)}")
    if len(sources) > 1:
        raise FixtureError(f"{directory}: more than one source file ({', '.join(s.name for s in sources)})")
    try:
        metadata = json.loads((directory / EXPECTED_METADATA).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise FixtureError(f"{directory / EXPECTED_METADATA}: not valid JSON: {error}") from error
    return Fixture(
        path=directory,
        source=sources[0],
        expected_body=(directory / EXPECTED_BODY).read_text(encoding="utf-8"),
        expected_metadata=metadata,
    )


def body_text(article: Article) -> str:
    """The body as an expected.txt file holds it (one trailing newline)."""
    return article.body + "\n"


def metadata_of(article: Article) -> dict[str, Any]:
    return {"title": article.title, "authors": article.authors, "byline": article.byline, "date": article.date}


def check_fixture(fixture: Fixture, cleaner: Cleaner) -> FixtureResult:
    """Clean the fixture's capture and compare with its expected files."""
    try:
        article = cleaner.clean(fixture.source.read_bytes())
    except Exception as error:  # noqa: BLE001 — a fixture that fails to clean is a reported mismatch
        return FixtureResult(fixture, None, [f"cleaning failed: {error}"])
    problems = []
    actual_body = body_text(article)
    if actual_body != fixture.expected_body:
        diff = difflib.unified_diff(
            fixture.expected_body.splitlines(keepends=True),
            actual_body.splitlines(keepends=True),
            fromfile=f"{fixture.name}/{EXPECTED_BODY}",
            tofile=f"{fixture.name}/actual body",
        )
        problems.append("body differs:\n" + "".join(diff))
    actual_metadata = metadata_of(article)
    for name in METADATA_FIELDS:
        expected = fixture.expected_metadata.get(name)
        if actual_metadata[name] != expected:
            problems.append(f"{name}: expected {expected!r}, got {actual_metadata[name]!r}")
    return FixtureResult(fixture, article, problems)
