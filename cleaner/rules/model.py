"""Stage 3 — rules: what a rule is (`Rule`), and the compiled set of them (`RuleSet`) with
the literal prefilter that tells which units a rule may match.

Rules are data: see `cleaner.rules.load` for the file format and `cleaner.rules.apply`
for what each action does.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import Literal
from urllib.parse import urlsplit

import lxml.html
import regex
from lxml.cssselect import CSSSelector

from cleaner import settings
from cleaner.rules.literals import LiteralTable, required_literals
from cleaner.settings import DEFAULT_OPTIONS

Action = Literal["drop", "drop-block", "cut-to-end", "byline", "date", "remove"]


#: What a match does. Text actions apply to units (logical lines); `remove` to HTML elements;
#: `byline` and `date` to either (an HTML one reads the elements its selector matches).
ACTIONS: dict[str, str] = {
    "drop": "drop the matching line",
    "drop-block": "drop the matching bullet item with its continuation lines, or a line with the list it introduces",
    "cut-to-end": "drop the matching line and everything after it (carousels, comment sections);"
    " with `until`, only up to and including the first later line that matches it",
    "byline": "take the line as the byline: the named group `author` (or the whole match) gives the names;"
    " HTML: the text of the elements the selector matches",
    "date": "take the line as the publication date: the named group `date` (or the whole match);"
    " HTML: the `datetime` or `content` of the first element the selector matches, else its text",
    "remove": "HTML only: remove the elements the selector matches",
}


class RuleError(ValueError):
    """A rule file that cannot be loaded; the message names the file, the rule and the reason."""


class RuleTimeout(RuntimeError):
    """A rule's pattern ran longer than its time budget on some input."""

    def __init__(self, rule: Rule, seconds: float) -> None:
        super().__init__(
            f"rule {rule.id!r} ({rule.source}) timed out after {seconds:g} s;"
            " its pattern may backtrack catastrophically"
        )
        self.rule = rule


@dataclass(frozen=True)
class Rule:
    """One compiled rule."""

    id: str
    description: str
    action: Action
    source: str  # the file it came from, for messages
    pattern: regex.Pattern[str] | None = None
    selector: CSSSelector | None = None
    selector_text: str = ""
    sites: tuple[str, ...] = ()
    next: int = 0
    until: regex.Pattern[str] | None = None
    examples_match: tuple[str, ...] = ()
    examples_no_match: tuple[str, ...] = ()

    @property
    def kind(self) -> Literal["text", "html"]:
        return "html" if self.selector is not None else "text"

    @property
    def scope(self) -> str:
        return ", ".join(self.sites) if self.sites else "all sites"

    def applies_to(self, host: str | None) -> bool:
        if not self.sites:
            return True
        if not host:
            return False
        return any(host == site or host.endswith("." + site) for site in self.sites)

    def search(self, text: str, timeout: float = DEFAULT_OPTIONS.rule_timeout_seconds) -> regex.Match[str] | None:
        """Search one unit; raises `RuleTimeout` rather than hang on a catastrophic pattern."""
        assert self.pattern is not None
        return self._timed(self.pattern, text, timeout)

    def ends_cut(self, text: str, timeout: float = DEFAULT_OPTIONS.rule_timeout_seconds) -> bool:
        """Whether a unit is where this cut-to-end rule's section ends (its `until` pattern matches)."""
        return self.until is not None and self._timed(self.until, text, timeout) is not None

    def _timed(self, pattern: regex.Pattern[str], text: str, timeout: float) -> regex.Match[str] | None:
        try:
            return pattern.search(text, timeout=timeout)
        except TimeoutError:
            raise RuleTimeout(self, timeout) from None

    def matches_example(self, example: str) -> bool:
        if self.pattern is not None:
            return self.search(example) is not None
        assert self.selector is not None
        fragment = lxml.html.fragment_fromstring(example, create_parent="div")
        return bool(self.selector(fragment))

    def example_failures(self) -> list[str]:
        """Why this rule's own examples fail, one message each (empty when they all pass)."""
        failures = []
        for example in self.examples_match:
            if not self.matches_example(example):
                failures.append(f"{self.source}: rule {self.id!r}: should match but does not: {example!r}")
        for example in self.examples_no_match:
            if self.matches_example(example):
                failures.append(f"{self.source}: rule {self.id!r}: should not match but does: {example!r}")
        return failures


@dataclass(frozen=True)
class RuleSet:
    """All rules in force, compiled once and shared across captures."""

    rules: tuple[Rule, ...] = field(default_factory=tuple)

    @cached_property
    def text_rules(self) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.kind == "text")

    @cached_property
    def html_rules(self) -> tuple[Rule, ...]:
        """The HTML rules that remove elements (`html_metadata_rules` read them instead)."""
        return tuple(rule for rule in self.rules if rule.kind == "html" and rule.action == "remove")

    @cached_property
    def html_metadata_rules(self) -> tuple[Rule, ...]:
        """The HTML rules whose elements give the byline (`byline`) or the date (`date`)."""
        return tuple(rule for rule in self.rules if rule.kind == "html" and rule.action != "remove")

    def for_host(self, host: str | None) -> RuleSet:
        """The rules that apply on `host`; `self` when they all do, so its caches are reused."""
        chosen = tuple(index for index, rule in enumerate(self.rules) if rule.applies_to(host))
        if len(chosen) == len(self.rules):
            return self
        cache = self._subsets
        subset = cache.get(chosen)
        if subset is None:
            subset = RuleSet(tuple(self.rules[index] for index in chosen))
            cache[chosen] = subset
            if len(cache) > settings.MAX_CACHED_RULE_SUBSETS:
                cache.popitem(last=False)
        else:
            cache.move_to_end(chosen)
        return subset

    @cached_property
    def _subsets(self) -> OrderedDict[tuple[int, ...], RuleSet]:
        return OrderedDict()

    @cached_property
    def _prefilters(self) -> tuple[_Prefilter | None, ...]:
        return tuple(_Prefilter.build(rule) for rule in self.text_rules)

    @cached_property
    def _required_phrases(self) -> tuple[tuple[bytes, ...] | None, ...]:
        return tuple(required_literals(rule.pattern) for rule in self.text_rules)  # type: ignore[arg-type]

    @cached_property
    def _phrase_table(self) -> LiteralTable:
        return LiteralTable(self._required_phrases)

    def candidates(self, texts: Sequence[str], timeout: float) -> list[Sequence[int] | None]:
        """For each text rule, the positions in `texts` it may match (a superset), or None.

        Searching every unit with every rule costs one regex call per (rule, unit) pair.
        Most rules require one of a few phrases (see `cleaner.rules.literals`): one look at the
        page rules out the phrases it lacks, and only the units holding a phrase need the
        exact per-unit `Rule.search`. A rule without such phrases scans the units joined by
        newlines once, and only the units where a match may start are searched. None means
        "search them all" (a rule whose pattern neither shortcut can prove safe, a unit
        holding a newline, or a scan that hit the time limit): the same result, only slower.
        """
        joined = "\n" + "\n".join(texts)
        if joined.count("\n") != len(texts):
            return [None] * len(self.text_rules)
        page = self._phrase_table.scan(joined + "\n", len(texts))
        starts: list[int] | None = None
        found: list[Sequence[int] | None] = []
        for number, (phrases, prefilter) in enumerate(zip(self._required_phrases, self._prefilters, strict=True)):
            if phrases is not None:
                found.append(page.units_holding_any(number))
            elif prefilter is not None:
                if starts is None:
                    # Where each unit starts in `joined`: one past the newline before it.
                    starts = list(accumulate(map((1).__add__, map(len, texts[:-1])), initial=1)) if texts else []
                found.append(prefilter.positions(joined, starts, timeout))
            else:
                found.append(None)
        return found

    @property
    def version(self) -> str:
        """A digest of every rule's definition, recorded with outputs to know when they are stale."""
        digest = hashlib.sha256()
        for rule in self.rules:
            digest.update(
                repr(
                    (
                        rule.id,
                        rule.action,
                        rule.pattern.pattern if rule.pattern else rule.selector_text,
                        rule.sites,
                        rule.next,
                        rule.until.pattern if rule.until else None,
                    )
                ).encode()
            )
        return digest.hexdigest()[:16]


# A pattern may be run over the units joined by newlines (with MULTILINE) only when every
# construct in it behaves the same at a unit's edges as at the ends of a lone string:
# no negative lookaround, atomic group, possessive quantifier, backreference, conditional,
# global inline flag, fuzzy match or absolute anchor. Checked on the pattern's source,
# conservatively: a false alarm only means the rule is searched unit by unit.
_UNSAFE_FOR_JOINED = regex.compile(
    r"""\(\?[!>|(&#R0-9+\-]|\(\?<!|\(\?P[=>]|\(\?[a-zA-Z\-]+\)|[*+?}]\+|\{[a-z]|\\[AZzGKg0-9]"""
)


# Every top-level branch starts with `^`: matches can start only at a unit's start.
_SCAN_TOKEN = regex.compile(r"\\.|\[(?:\^?\])?(?:\\.|[^\]])*\]|[()|]|[^\\\[()|]+", regex.S)


def _top_level_branches(pattern: str) -> list[str]:
    branches: list[str] = []
    current: list[str] = []
    depth = 0
    for token in _SCAN_TOKEN.findall(pattern):
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif token == "|" and depth == 0:
            branches.append("".join(current))
            current = []
            continue
        current.append(token)
    branches.append("".join(current))
    return branches


@dataclass(frozen=True)
class _Prefilter:
    """One rule's pattern adapted to scan many units at once (see `RuleSet.candidates`)."""

    pattern: regex.Pattern[str]
    anchored: bool

    @classmethod
    def build(cls, rule: Rule) -> _Prefilter | None:
        assert rule.pattern is not None
        source, flags = rule.pattern.pattern, rule.pattern.flags
        if _UNSAFE_FOR_JOINED.search(source) or flags & regex.X:
            return None
        anchored = all(branch.startswith("^") for branch in _top_level_branches(source))
        try:
            # Anchored: consume the newline before a unit, so the engine only tries unit starts.
            compiled = regex.compile("\n(?:" + source + ")" if anchored else source, flags | regex.M)
        except regex.error:
            return None
        return cls(compiled, anchored)

    def positions(self, joined: str, starts: list[int], timeout: float) -> list[int] | None:
        """Unit positions where a match may start; None when the scan ran out of time."""
        found: list[int] = []
        search = self.pattern.search
        offset = 1 if self.anchored else 0  # an anchored match starts on the newline before its unit
        position = 0
        try:
            while (match := search(joined, position, timeout=timeout)) is not None:
                unit = max(bisect_right(starts, match.start() + offset) - 1, 0)
                found.append(unit)
                if unit + 1 >= len(starts):
                    break
                position = starts[unit + 1] - (1 if self.anchored else 0)
        except TimeoutError:
            return None
        return found


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    return host.removeprefix("www.") if host else None
