"""The metadata cases of tests/cases/metadata/: each an invented page and what must be found on it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import lxml.html
import pytest

from cleaner.html import metadata as html_metadata

CASES = sorted((Path(__file__).parent / "cases" / "metadata").glob("*.toml"))


@pytest.mark.parametrize("path", CASES, ids=[path.stem for path in CASES])
def test_metadata_case(path: Path) -> None:
    case = tomllib.loads(path.read_text(encoding="utf-8"))
    found = html_metadata.extract(lxml.html.document_fromstring(case["html"]), case.get("url"))
    expect = case["expect"]
    assert set(expect) <= {"title", "authors", "date"}, f"{path.name}: unknown field in [expect]"
    if "title" in expect:
        assert found.title == expect["title"]
    if "authors" in expect:
        assert found.authors == expect["authors"]
    if "date" in expect:
        assert (found.date or "")[: len(expect["date"])] == expect["date"]


def test_there_are_cases() -> None:
    assert CASES
