"""Fixture folders: a capture with its expected clean output, as in mozilla/readability's test pages.

    fixtures/<name>/source.txt | source.html   the raw capture (may be gzipped: source.html.gz)
    fixtures/<name>/expected.txt               the body exactly as it should come out
    fixtures/<name>/expected-metadata.json     {"title", "authors", "byline", "date"}

`expected-metadata.json` may also hold `url`: the page's address, passed to the cleaner so
site-scoped rules apply as they would in a real run.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.api import Cleaner
from cleaner.article import Article
from cleaner.blocks import units_from_paragraphs
from cleaner.rules import RuleSet, host_of
from cleaner.rules.apply import apply_text_rules
from cleaner.settings import DEFAULT_OPTIONS

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
    if not isinstance(metadata, dict):
        raise FixtureError(f"{directory / EXPECTED_METADATA}: must hold a JSON object")
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
        article = cleaner.clean(fixture.source.read_bytes(), url=fixture.expected_metadata.get("url"))
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


def fixture_dirs_for(paths: list[Path]) -> list[Path]:
    """The fixture folders named by `paths`: folders are searched, files map to their folder.

    Files are what pre-commit passes (the changed ones), so each maps to the folder holding
    it, once. A leaf folder holding files but none of the fixture files also counts: it is
    a fixture whose author forgot the expected files, which `check` must report, not skip.
    """
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(find_fixture_dirs([path]))
            found.update(_incomplete_leaf_dirs(path))
        elif _is_fixture_dir(path.parent):
            found.add(path.parent)
    return sorted(found)


def _is_fixture_dir(directory: Path) -> bool:
    if not directory.is_dir():
        return False
    names = {child.name for child in directory.iterdir()}
    return bool(names & ({EXPECTED_BODY, EXPECTED_METADATA} | set(SOURCE_NAMES)))


def _incomplete_leaf_dirs(root: Path) -> list[Path]:
    leaves = []
    for directory in [root, *root.rglob("*")]:
        if not directory.is_dir() or any(part.startswith(".") for part in directory.relative_to(root).parts):
            continue
        children = [child for child in directory.iterdir() if not child.name.startswith(".")]
        if children and not any(child.is_dir() for child in children) and directory != root:
            leaves.append(directory)
    return leaves


def gold_boilerplate(expected_body: str, rules: RuleSet, url: str | None = None) -> list[str]:
    """Paragraphs of an expected body that a text rule would remove, as `rule id: paragraph`.

    Gold is written by hand (or accepted from output and then edited); a paragraph a rule
    would drop means the rule and the gold disagree, and one of them is wrong. Only the
    paragraph a rule matches itself is reported, not the ones a `cut-to-end` drags along.
    """
    paragraphs = [p for p in expected_body.split("\n\n") if p.strip()]
    units = units_from_paragraphs(paragraphs)
    site_rules = rules.for_host(host_of(url))
    by_id = {rule.id: rule for rule in site_rules.text_rules}
    verdicts = apply_text_rules(units, site_rules, options=DEFAULT_OPTIONS)
    problems = []
    for unit in units:
        verdict = verdicts.roles.get(unit.index)
        if verdict is None:
            continue
        role, rule_id = verdict
        rule = by_id.get(rule_id)
        if rule is not None and rule.search(unit.text) is not None:
            problems.append(
                f"rule {rule_id!r} ({role}) would remove paragraph {unit.first_line} of {EXPECTED_BODY}: {unit.text!r}"
            )
    return problems


def expected_metadata_for(article: Article, previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """The metadata file's content for `article`, keeping keys the author added (`url`, notes)."""
    data = dict(previous or {})
    data.update(metadata_of(article))
    ordered = {name: data[name] for name in METADATA_FIELDS}
    ordered.update({key: value for key, value in data.items() if key not in ordered})
    return ordered


def render_metadata(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def metadata_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """One line per metadata field whose value differs."""
    return [
        f"{name}: expected {old.get(name)!r}, got {new.get(name)!r}"
        for name in METADATA_FIELDS
        if old.get(name) != new.get(name)
    ]


def body_diff(old: str, new: str, name: str, old_label: str = EXPECTED_BODY, new_label: str = "actual body") -> str:
    """A unified diff of two bodies, labelled with the fixture's name so it can be found."""
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"{name}/{old_label}",
            tofile=f"{name}/{new_label}",
        )
    )
