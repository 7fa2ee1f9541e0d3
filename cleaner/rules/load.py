"""Rule files: boilerplate named in TOML files, loaded, checked and compiled once.

Rules are data. A rule file holds `[[rule]]` tables::

    [[rule]]
    id = "comment-form-prompt"
    description = "WordPress comment form heading"
    regex = '^Leave a (?:Reply|Comment)$'
    action = "cut-to-end"
    until = '^Back to top$'            # optional, cut-to-end only: the cut ends at this line
    sites = ["example.com"]            # optional: only on these domains (and subdomains)
    examples.match = ["Leave a Reply"]
    examples.no_match = ["Leave a reply to the council by Friday, she said."]

A text rule has `regex` (the `regex` module's syntax, matched against one unit, i.e. one
logical line of the capture); an HTML rule has `selector` (CSS) and removes matching
elements before extraction. See `ACTIONS` for what a match does.

A piece of pattern that several rules of a file share is named once, in the file's
`[patterns]` table, and called as `(?&name)` in a `regex` or `until` (the `regex` module's
syntax for calling a named group); the loader writes it in as a non-capturing group::

    [patterns]
    notice_heading = '(?:Cookie Notice|Privacy)[:.]?\\s+'

    [[rule]]
    regex = '^(?&notice_heading)?We use cookies'
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path

import regex
from cssselect import SelectorError
from lxml.cssselect import CSSSelector

from cleaner.rules.model import Rule, RuleError, RuleSet

_TEXT_ACTIONS = {"drop", "drop-block", "cut-to-end", "byline", "date"}


_HTML_ACTIONS = {"remove", "byline", "date"}


_RULE_KEYS = {"id", "description", "regex", "selector", "action", "sites", "examples", "next", "until", "flags"}


_EXAMPLE_KEYS = {"match", "no_match"}


_ID = regex.compile(r"^[a-z0-9][a-z0-9-]*[a-z0-9]$")
#: A name in a file's `[patterns]` table, and a call of one in a rule's pattern.
_PATTERN_NAME = regex.compile(r"^[a-z][a-z0-9_]*$")
_PATTERN_CALL = regex.compile(r"\(\?&([a-z][a-z0-9_]*)\)")
#: What `_ID` accepts, in words, for the message that refuses an id.
_ID_RULE = (
    "at least 2 characters: lowercase letters, digits and dashes, starting and ending with a letter or digit "
    "(e.g. `my-site-footer`)"
)


def builtin_rules_dir() -> Path:
    """The rules shipped with the package (the wheel copies the repo's `rules/` into it)."""
    packaged = resources.files("cleaner") / "_builtin_rules"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "rules"


def rule_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every `.toml` file named, or found (sorted, recursively) in a directory named; each file once.

    A file reached twice (a directory named both in pyproject.toml and with --rules, or the
    built-in directory of an editable install named again) is read once, where first reached.
    """
    files: list[Path] = []
    seen: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(path.rglob("*.toml"))
        elif path.is_file():
            found = [path]
        else:
            raise RuleError(f"{path}: no such rule file or directory")
        for file in found:
            if file.resolve() not in seen:
                seen.add(file.resolve())
                files.append(file)
    return files


def load_rules(paths: Sequence[str | Path] = (), *, builtin: bool = True) -> RuleSet:
    """Load and compile rules from the built-in set plus `paths` (files or directories)."""
    sources = ([builtin_rules_dir()] if builtin else []) + list(paths)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for file in rule_files(sources):
        for rule in parse_rule_file(file):
            if rule.id in seen:
                raise RuleError(f"{file}: rule {rule.id!r}: duplicate id (already defined in {seen[rule.id]})")
            seen[rule.id] = str(file)
            rules.append(rule)
    return RuleSet(tuple(rules))


def parse_rule_file(file: Path) -> list[Rule]:
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise RuleError(f"{file}: cannot read: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise RuleError(f"{file}: invalid TOML: {error}") from error
    unknown = set(data) - {"rule", "patterns"}
    if unknown:
        raise RuleError(
            f"{file}: unknown top-level key(s) {sorted(unknown)}; rules go in [[rule]] tables, shared pieces of "
            "pattern in a [patterns] table"
        )
    patterns = data.get("patterns", {})
    if not isinstance(patterns, dict):
        raise RuleError(f"{file}: `patterns` must be a table of named pieces of pattern ([patterns])")
    for name, piece in patterns.items():
        if not _PATTERN_NAME.match(name) or not isinstance(piece, str):
            raise RuleError(
                f"{file}: [patterns] {name!r}: a name of lowercase letters, digits and underscores, starting with "
                "a letter, and a pattern as a string"
            )
        if _PATTERN_CALL.search(piece):
            raise RuleError(f"{file}: [patterns] {name!r}: a shared pattern cannot call another")
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        raise RuleError(f"{file}: `rule` must be an array of tables ([[rule]])")
    return [compile_rule(entry, file, number, patterns=patterns) for number, entry in enumerate(entries, start=1)]


def _with_patterns(text: str, patterns: Mapping[str, str]) -> str:
    """A rule's pattern with each call `(?&name)` of a shared pattern written in as `(?:…)`.

    Raises KeyError with the first name the file's `[patterns]` table does not define."""
    return _PATTERN_CALL.sub(lambda call: f"(?:{patterns[call.group(1)]})", text)


def compile_rule(
    entry: dict[str, object], file: Path | str, number: int = 1, *, patterns: Mapping[str, str] | None = None
) -> Rule:
    """Validate one `[[rule]]` table and compile its pattern or selector, writing in the calls
    `(?&name)` of its file's shared `patterns`."""
    rule_id = entry.get("id")
    where = f"{file}: rule {rule_id!r}" if isinstance(rule_id, str) else f"{file}: rule #{number}"

    def fail(reason: str) -> RuleError:
        return RuleError(f"{where}: {reason}")

    if rule_id is None:
        raise fail(f"needs an `id` of {_ID_RULE}")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise fail(f"`id` {rule_id!r} must be {_ID_RULE}")
    unknown = set(entry) - _RULE_KEYS
    if unknown:
        raise fail(f"unknown key(s) {sorted(unknown)}; allowed: {sorted(_RULE_KEYS)}")
    description = entry.get("description")
    if not isinstance(description, str) or not description.strip() or "\n" in description.strip():
        raise fail("needs a one-line `description`")
    if ("regex" in entry) == ("selector" in entry):
        raise fail("needs exactly one of `regex` (text) or `selector` (HTML)")
    is_html = "selector" in entry
    action = entry.get("action", "remove" if is_html else "drop")
    allowed = _HTML_ACTIONS if is_html else _TEXT_ACTIONS
    if action not in allowed:
        raise fail(f"action {action!r} is not one of {sorted(allowed)}")
    sites = entry.get("sites", [])
    if not isinstance(sites, list) or not all(isinstance(site, str) and site for site in sites):
        raise fail("`sites` must be a list of domain names")
    following = entry.get("next", 0)
    if not isinstance(following, int) or following < 0 or is_html and following:
        raise fail("`next` must be a non-negative integer, for text rules only")
    if "until" in entry and action != "cut-to-end":
        raise fail("`until` is only for the `cut-to-end` action")
    examples = entry.get("examples", {})
    if not isinstance(examples, dict) or set(examples) - _EXAMPLE_KEYS:
        raise fail("`examples` takes only `match` and `no_match` lists")
    match_examples = examples.get("match", [])
    no_match_examples = examples.get("no_match", [])
    for name, value in (("match", match_examples), ("no_match", no_match_examples)):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise fail(f"`examples.{name}` must be a list of strings")
    if not match_examples:
        raise fail("needs at least one `examples.match` case, so the rule can test itself")

    pattern = selector = until = None
    selector_text = ""
    if is_html:
        selector_text = str(entry["selector"])
        try:
            selector = CSSSelector(selector_text)
        except SelectorError as error:
            raise fail(f"invalid CSS selector {selector_text!r}: {error}") from error
    else:
        flags = entry.get("flags", "")
        if not isinstance(flags, str) or set(flags) - set("imsx"):
            raise fail("`flags` may only hold the letters i, m, s, x")
        flag_bits = 0
        for letter in flags:
            flag_bits |= {"i": regex.I, "m": regex.M, "s": regex.S, "x": regex.X}[letter]
        texts = {}
        for key in ("regex", "until"):
            if key in entry:
                try:
                    texts[key] = _with_patterns(str(entry[key]), patterns or {})
                except KeyError as error:
                    defined = ", ".join(sorted(patterns or {})) or "none"
                    raise fail(
                        f"`{key}` calls (?&{error.args[0]}), which the file's [patterns] table does not define "
                        f"(defined: {defined})"
                    ) from error
        try:
            pattern = regex.compile(texts["regex"], flag_bits)
        except regex.error as error:
            raise fail(f"invalid regex {entry['regex']!r}: {error}") from error
        if "until" in texts:
            try:
                until = regex.compile(texts["until"], flag_bits)
            except regex.error as error:
                raise fail(f"invalid `until` regex {entry['until']!r}: {error}") from error
    return Rule(
        id=rule_id,
        description=description.strip(),
        action=action,  # type: ignore[arg-type]
        source=str(file),
        pattern=pattern,
        selector=selector,
        selector_text=selector_text,
        sites=tuple(site.lower().removeprefix("www.") for site in sites),
        next=following,
        until=until,
        examples_match=tuple(match_examples),
        examples_no_match=tuple(no_match_examples),
    )
