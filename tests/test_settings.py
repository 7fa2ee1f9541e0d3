"""cleaner/settings.py holds every threshold once: a name bound twice silently overrides the
first value, and its comment then describes a number the code never uses. The thresholds a run
may tune are fields of `Options`, which a `Cleaner` holds; the rest are module constants."""

import ast
import dataclasses
import re
from collections import Counter
from pathlib import Path

import pytest

import cleaner.settings
from cleaner import Cleaner, clean
from cleaner.settings import DEFAULT_OPTIONS, Options

SETTINGS = Path(cleaner.settings.__file__)
PACKAGE = SETTINGS.parent


def _module_and_fields() -> tuple[list[ast.stmt], list[ast.stmt]]:
    tree = ast.parse(SETTINGS.read_text(encoding="utf-8"))
    (options,) = [node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "Options"]
    return tree.body, [node for node in options.body if isinstance(node, ast.AnnAssign)]


def _bound_name(node: ast.stmt) -> str | None:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
    names = [target.id for target in targets if isinstance(target, ast.Name)]
    return names[0] if names else None


def _constants() -> list[str]:
    body, _ = _module_and_fields()
    return [name for node in body if (name := _bound_name(node)) and name != "DEFAULT_OPTIONS"]


def test_every_setting_is_bound_once():
    body, fields = _module_and_fields()
    constants = Counter(name for node in body if (name := _bound_name(node)))
    options = Counter(_bound_name(node) for node in fields)
    assert len(options) > 50
    assert [name for name, count in constants.items() if count > 1] == []
    assert [name for name, count in options.items() if count > 1] == []
    # a field is not also a constant under its old name
    assert {str(name).upper() for name in options} & set(constants) == set()
    assert all(name == name.upper() for name in _constants())
    assert all(str(name) == str(name).lower() for name in options)


def test_every_setting_has_a_comment():
    """Each field and constant has a `#:` comment above it, or belongs to a group of settings
    bound on consecutive lines under one (`max_wrap_width`, `min_wrap_width`)."""
    lines = SETTINGS.read_text(encoding="utf-8").splitlines()
    body, fields = _module_and_fields()
    for siblings in (fields, [node for node in body if _bound_name(node) and _bound_name(node) != "DEFAULT_OPTIONS"]):
        documented: dict[int, bool] = {}  # end line of a setting: whether it is documented
        for node in siblings:
            above = lines[node.lineno - 2].strip()
            documented[node.end_lineno or node.lineno] = above.startswith("#:") or documented.get(
                node.lineno - 1, False
            )
            assert documented[node.end_lineno or node.lineno], f"{_bound_name(node)} has no comment"


def test_every_setting_is_read_somewhere():
    """A setting no code reads is a number tuned for nothing."""
    code = "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py") if path != SETTINGS)
    unread_fields = [field.name for field in dataclasses.fields(Options) if not re.search(rf"\.{field.name}\b", code)]
    unread_constants = [name for name in _constants() if not re.search(rf"\bsettings\.{name}\b", code)]
    assert unread_fields == []
    assert unread_constants == []


def test_options_are_frozen_and_replaced():
    stricter = dataclasses.replace(DEFAULT_OPTIONS, byline_max_words=3)
    assert stricter.byline_max_words == 3 and DEFAULT_OPTIONS.byline_max_words == Options().byline_max_words
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_OPTIONS.byline_max_words = 3  # type: ignore[misc]
    assert hash(stricter) != hash(DEFAULT_OPTIONS)  # (cached functions may take it)


# An invented story: a headline, a byline naming two writers, three paragraphs.
STORY = """Council keeps the old harbour bridge open for another year

By Jane Doe and John Roe

The council voted on Tuesday to keep the old harbour bridge open for another year, officials said after a long meeting.

Residents had asked for the repairs to start before the winter, when traffic across the bridge is at its worst.

Engineers will inspect the bridge again in the spring and report to the council before any work begins on it.
"""


def test_a_cleaner_keeps_its_own_options():
    """Two cleaners in one process, one reading bylines of at most three words: each keeps its
    own answer, in whichever order they run (cached answers are per set of options)."""
    default = Cleaner()
    strict = Cleaner(options=dataclasses.replace(DEFAULT_OPTIONS, byline_max_words=3))
    assert default.options is DEFAULT_OPTIONS
    first = default.clean(STORY)
    assert first.authors == ["Jane Doe", "John Roe"]
    assert first.title == "Council keeps the old harbour bridge open for another year"
    other = strict.clean(STORY)
    assert other.authors == []  # (its byline line has six words)
    assert default.clean(STORY) == first
    assert strict.clean(STORY) == other
    assert clean(STORY) == first
    assert clean(STORY, options=strict.options) == other


def test_a_cleaner_with_a_lower_size_limit_refuses_what_the_default_reads():
    small = Cleaner(options=dataclasses.replace(DEFAULT_OPTIONS, max_capture_bytes=100))
    with pytest.raises(cleaner.CaptureError, match="larger than"):
        small.clean(STORY)
    assert Cleaner().clean(STORY).body
