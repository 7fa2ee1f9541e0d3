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
FIELDS = {"description", "url", "html", "text", "expect"}
EXPECTED = {"title", "authors", "date"}


@pytest.mark.parametrize("path", CASES, ids=[path.stem for path in CASES])
def test_metadata_case(path: Path, cleaner: Cleaner) -> None:
    case = tomllib.loads(path.read_text(encoding="utf-8"))
    assert set(case) <= FIELDS, f"{path.name}: unknown field {sorted(set(case) - FIELDS)}"
    description = case.get("description", "")
    assert description.strip() and "\n" not in description, f"{path.name}: a case says in one line what it shows"
    assert ("html" in case) != ("text" in case), f"{path.name}: a case holds `html` or `text`"
    if "html" in case:  # what the page's markup gives, before the body is read
        found = html_metadata.extract(lxml.html.document_fromstring(case["html"]), case.get("url"))
    else:  # a dump has no markup: the whole text pipeline finds its metadata
        found = cleaner.clean(case["text"], url=case.get("url"), kind="text")
    expect = case["expect"]
    assert expect and set(expect) <= EXPECTED, f"{path.name}: [expect] names some of {sorted(EXPECTED)}"
    if "title" in expect:  # "" for no title
        assert (found.title or "") == expect["title"]
    if "authors" in expect:  # [] for no author
        assert found.authors == expect["authors"]
    if "date" in expect:  # "" for no date; else compared on as many characters as given
        wanted = expect["date"]
        assert (found.date or "")[: len(wanted) or None] == wanted


def test_there_are_cases() -> None:
    assert CASES
