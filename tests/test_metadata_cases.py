"""The metadata cases of tests/cases/metadata/: each an invented page (HTML, or a plain-text
dump) and what must be found on it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import lxml.html
import pytest

from cleaner import Cleaner
from cleaner.html import metadata as html_metadata

CASES = sorted((Path(__file__).parent / "cases" / "metadata").glob("*.toml"))


@pytest.mark.parametrize("path", CASES, ids=[path.stem for path in CASES])
def test_metadata_case(path: Path) -> None:
    case = tomllib.loads(path.read_text(encoding="utf-8"))
    assert ("html" in case) != ("text" in case), f"{path.name}: a case holds `html` or `text`"
    if "html" in case:  # what the page's markup gives, before the body is read
        found = html_metadata.extract(lxml.html.document_fromstring(case["html"]), case.get("url"))
    else:  # a dump has no markup: the whole text pipeline finds its metadata
        found = Cleaner().clean(case["text"], url=case.get("url"), kind="text")
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
