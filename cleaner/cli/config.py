"""A project's own settings for the `clean` command: `[tool.cleaner]` in its pyproject.toml.

    [tool.cleaner]
    rules = ["my_rules/"]     # rule files or directories, relative to this pyproject.toml

The file read is the nearest pyproject.toml from the current directory up, as ruff and
black find theirs; the search stops at a repository root (a directory holding .git or
.hg), so a project without one never picks up the settings of a folder it happens to sit in.
The rules named there are added to the built-in rules by every command (`clean`, `check`,
`explain`, `learn`, `rules`, `fixture add`), before any `--rules`; the library
(`cleaner.Cleaner`) reads no settings file and takes its rule directories explicitly.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path

import click

PYPROJECT = "pyproject.toml"

#: A directory holding one of these is a repository root: the search for pyproject.toml ends there.
_REPOSITORY_MARKERS = (".git", ".hg")

#: The keys `[tool.cleaner]` takes; any other is refused, so a misspelt key is not silently ignored.
_KEYS = {"rules"}


class ConfigError(click.UsageError):
    """A `[tool.cleaner]` table that cannot be used; the message names the pyproject.toml."""


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml in `start` or above it, up to the repository root; None if none."""
    start = start.resolve()
    for directory in (start, *start.parents):
        candidate = directory / PYPROJECT
        if candidate.is_file():
            return candidate
        if any((directory / marker).exists() for marker in _REPOSITORY_MARKERS):
            return None
    return None


def configured_rule_paths(start: Path | None = None) -> list[Path]:
    """The rule files and directories `[tool.cleaner] rules` names, resolved against its pyproject.toml.

    Raises ConfigError (a usage error, exit 2) for an unreadable pyproject.toml, a malformed
    `[tool.cleaner]` table, or a named path that does not exist.
    """
    pyproject = find_pyproject(start or Path.cwd())
    if pyproject is None:
        return []
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{pyproject}: cannot read: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{pyproject}: invalid TOML: {error}") from error
    tool = data.get("tool", {})
    table = tool.get("cleaner", {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(f"{pyproject}: [tool.cleaner] must be a table")
    unknown = set(table) - _KEYS
    if unknown:
        raise ConfigError(f"{pyproject}: [tool.cleaner]: unknown key(s) {sorted(unknown)}; allowed: {sorted(_KEYS)}")
    names = table.get("rules", [])
    if not isinstance(names, list) or not all(isinstance(name, str) and name for name in names):
        raise ConfigError(f'{pyproject}: [tool.cleaner] rules must be a list of paths, e.g. rules = ["my_rules/"]')
    paths = []
    for name in names:
        path = pyproject.parent / name
        if not path.exists():
            raise ConfigError(
                f"{pyproject}: [tool.cleaner] rules: {name}: no such rule file or directory (looked for {path})"
            )
        paths.append(path)
    return paths


def user_rule_paths(given: Sequence[str]) -> tuple[str, ...]:
    """The rules a command adds to the built-in ones: those `[tool.cleaner]` names, then `given` (--rules)."""
    return tuple(str(path) for path in configured_rule_paths()) + tuple(given)
