"""Stage 2 — blocks: decoded text to the units the rules and heuristics judge.

A *unit* is one logical line: a paragraph of a one-line-per-paragraph dump, or the lines
of a wrapped dump (w3m at 80 columns) joined back where the wrap broke them. Units keep
their position so every decision can point at the capture's own lines.

A *bullet item* is a line starting with a list marker plus the more deeply indented
lines that continue it; rules with the `drop-block` action remove an item as a whole.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from cleaner import settings

# Markers may repeat ("1. • item"): all of them go, or cleaning the body again would take
# the marker left behind for a new bullet and change the body (cleaning is idempotent).
_BULLET = regex.compile(r"^(\s*)((?:[•·▪◦□■●○‣⁃∙*+\-–]|\d{1,3}[.)])\s+)+(?=\S)")
_SPACE = regex.compile(r"\s+")


@dataclass
class Unit:
    """One logical line of a capture."""

    index: int
    text: str  # whitespace-normalised, without the bullet marker
    first_line: int  # 1-based line numbers in the capture
    last_line: int
    indent: int
    is_bullet: bool
    item: int  # index of the bullet item this unit belongs to, -1 outside lists
    blank_before: bool  # a blank line separates it from the previous unit

    @property
    def words(self) -> int:
        return len(self.text.split())


#: Characters `str.split()` treats as whitespace but `\s` does not (the ASCII separators).
_SPLIT_ONLY_SPACE = regex.compile(r"[\x1c-\x1f]")


def normalize_space(text: str) -> str:
    if _SPLIT_ONLY_SPACE.search(text):
        return _SPACE.sub(" ", text).strip()
    return " ".join(text.split())  # the same result, several times faster


def estimate_wrap_width(lines: list[str]) -> int | None:
    """The column a wrapped dump was wrapped at, or None for one-line-per-paragraph text.

    A wrapped dump has (almost) no line longer than its width and many lines close to it.
    """
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if not lengths:
        return None
    long_lines = sum(1 for n in lengths if n > settings.MAX_WRAP_WIDTH)
    if long_lines > settings.MAX_OVERLONG_LINE_SHARE * len(lengths):
        return None
    counts = Counter(n for n in lengths if n <= settings.MAX_WRAP_WIDTH)
    if not counts:
        return None
    width = max(counts)
    near_width = sum(c for n, c in counts.items() if n >= width - settings.WRAP_NEAR_MARGIN)
    if width < settings.MIN_WRAP_WIDTH or near_width < settings.MIN_LINES_NEAR_WRAP_WIDTH:
        return None
    return width


def _wrapped_continuation(previous: str, line: str, width: int) -> bool:
    """True when `line` only starts a new line because `previous` ran out of room."""
    first_word = line.split(None, 1)[0]
    return len(previous.rstrip()) + 1 + len(first_word) > width - settings.WRAP_SLACK


def split_units(text: str) -> list[Unit]:
    """Split a plain-text capture into units (logical lines) with their list structure."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    width = estimate_wrap_width(lines)
    units: list[Unit] = []
    item = -1
    next_item = 0
    item_indent = -1
    blank = False
    open_unit: list[str] = []
    open_start = 0
    last_raw = ""
    current: dict[str, object] = {}

    def close() -> None:
        if open_unit:
            units.append(
                Unit(
                    index=len(units),
                    text=normalize_space(" ".join(open_unit)),
                    first_line=open_start,
                    last_line=int(current["last"]),
                    indent=int(current["indent"]),
                    is_bullet=bool(current["bullet"]),
                    item=int(current["item"]),
                    blank_before=bool(current["blank"]),
                )
            )
            open_unit.clear()

    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            close()
            blank = True
            last_raw = ""
            continue
        indent = len(raw) - len(raw.lstrip())
        bullet = _BULLET.match(raw)
        body = raw[bullet.end():] if bullet else raw.strip()
        continues_item = item >= 0 and not bullet and indent > item_indent
        joins = (
            open_unit
            and width is not None
            and not bullet
            and _wrapped_continuation(last_raw, raw, width)
            and (indent == int(current["indent"]) or continues_item)
        )
        if joins:
            open_unit.append(body)
            current["last"] = number
        else:
            close()
            if bullet:
                item = next_item  # item ids only grow: the next one is one past the last given
                next_item += 1
                item_indent = indent
            elif not continues_item:
                item = -1
                item_indent = -1
            open_unit.append(body)
            open_start = number
            current.update(
                last=number,
                indent=indent,
                bullet=bool(bullet),
                item=item,
                blank=blank or not units,
            )
        blank = False
        last_raw = raw
    close()
    return units


def _next_item_id(units: list[Unit]) -> int:
    return max((u.item for u in units), default=-1) + 1


def units_from_paragraphs(paragraphs: list[str]) -> list[Unit]:
    """Units for text that is already one paragraph per line (trafilatura's output)."""
    units: list[Unit] = []
    for number, paragraph in enumerate(paragraphs, start=1):
        bullet = _BULLET.match(paragraph)
        text = normalize_space(paragraph[bullet.end():] if bullet else paragraph)
        if text:
            units.append(
                Unit(
                    index=len(units),
                    text=text,
                    first_line=number,
                    last_line=number,
                    indent=0,
                    is_bullet=bool(bullet),
                    item=len(units) if bullet else -1,
                    blank_before=True,
                )
            )
    return units
