"""The repository's documents: they point only at what a reader of the repository has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO

#: The repository's own documents (not tool caches or installed packages).
MARKDOWN = sorted(
    path
    for path in REPO.rglob("*.md")
    if not any(
        part.startswith(".") or part in {"build", "dist", "node_modules"} for part in path.relative_to(REPO).parts
    )
)

#: A path on someone's machine: it exists on one development machine, never on a reader's.
ABSOLUTE_PATH = re.compile(r"(?<![\w.~/-])/(?:work|home|Users|root|tmp|mnt)/[\w.-]+")

#: A Markdown link whose target is a file of the repository (not a URL, not an anchor).
RELATIVE_LINK = re.compile(r"\]\((?!https?:|mailto:|#)([^)\s]+)\)")


def test_the_repository_has_markdown_documents():
    names = {path.relative_to(REPO).as_posix() for path in MARKDOWN}
    assert {"README.md", "docs/annotation.md", "docs/tools.md", "fixtures/HTML_FIXTURES.md"} <= names


@pytest.mark.parametrize("document", MARKDOWN, ids=lambda path: path.relative_to(REPO).as_posix())
def test_no_document_points_to_a_path_on_a_development_machine(document: Path):
    found = [
        f"{document.relative_to(REPO)}:{number}: {match.group()}"
        for number, line in enumerate(document.read_text(encoding="utf-8").splitlines(), 1)
        for match in ABSOLUTE_PATH.finditer(line)
    ]
    assert not found, "absolute paths (use a path relative to the repository):\n" + "\n".join(found)


@pytest.mark.parametrize("document", MARKDOWN, ids=lambda path: path.relative_to(REPO).as_posix())
def test_relative_links_lead_to_files_of_the_repository(document: Path):
    broken = [
        target
        for target in RELATIVE_LINK.findall(document.read_text(encoding="utf-8"))
        if not (document.parent / target.split("#")[0]).exists()
    ]
    assert not broken, f"{document.relative_to(REPO)} links to missing files: {broken}"


def test_the_absolute_path_check_catches_a_development_machine_path():
    assert ABSOLUTE_PATH.search("follow `/work/shared/ANNOTATION.md`")
    assert ABSOLUTE_PATH.search("see /home/dev/notes.md")
    assert not ABSOLUTE_PATH.search("see [the guide](../docs/annotation.md) and ../shared/devset")
    assert not ABSOLUTE_PATH.search("https://example.com/work/page")


def test_the_annotation_guide_is_in_the_repository_and_linked():
    guide = (REPO / "docs" / "annotation.md").read_text(encoding="utf-8")
    # the shared rules themselves, and the decisions of this project
    for heading in ("## Output fields", "## The body keeps", "## The body drops", "## Either way is accepted"):
        assert heading in guide
    assert "## Either-way cases, decided" in guide
    assert "](docs/annotation.md)" in (REPO / "README.md").read_text(encoding="utf-8")
    assert "](../docs/annotation.md)" in (REPO / "fixtures" / "HTML_FIXTURES.md").read_text(encoding="utf-8")
