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

from cleaner.settings import DEFAULT_OPTIONS, Options
from cleaner.textutil import normalize_space

# Markers may repeat ("1. • item"): all of them go, or cleaning the body again would take
# the marker left behind for a new bullet and change the body (cleaning is idempotent)...
_BULLET = regex.compile(r"^(\s*)((?:[•·▪◦□■●○‣⁃∙*+\-–]|\d{1,3}[.)])\s+)+(?=\S)")


def item_text_start(bullet: regex.Match[str]) -> int:
    """Where the text of a bullet line starts: after its markers, but a number that is the
    last of them stays (`1. Eat less sugar`): a numbered heading or step is the page's text,
    and read again it is the same line (idempotence holds)."""
    last = bullet.start(2)
    return last if bullet.string[last].isdigit() else bullet.end()


@dataclass
class Unit:
    """One logical line of a capture."""

    index: int
    text: str  # whitespace-normalised, without the bullet marker (a number stays)
    first_line: int  # 1-based line numbers in the capture
    last_line: int
    indent: int
    is_bullet: bool
    item: int  # index of the bullet item this unit belongs to, -1 outside lists
    blank_before: bool  # a blank line separates it from the previous unit

    @property
    def words(self) -> int:
        # (asked for again and again by every stage: counted once per text the unit holds; the
        # count sits outside the dataclass's fields, so equality and repr do not see it)
        text = self.text
        counted = self.__dict__.get("_words")
        if counted is None or counted[0] is not text:
            counted = self.__dict__["_words"] = (text, len(text.split()))
        return counted[1]


def _wrap_width(lengths: list[int], options: Options) -> int | None:
    """The column a wrapped dump was wrapped at, or None for one-line-per-paragraph text,
    from each line's length without trailing space (0: blank).

    A wrapped dump has (almost) no line longer than its width and many lines close to it.
    """
    counts = Counter(lengths)
    del counts[0]
    total = sum(counts.values())
    if not total:
        return None
    long_lines = sum(c for n, c in counts.items() if n > options.max_wrap_width)
    if long_lines > options.max_overlong_line_share * total:
        return None
    fitting = [n for n in counts if n <= options.max_wrap_width]
    if not fitting:
        return None
    width = max(fitting)
    near_width = sum(counts[n] for n in fitting if n >= width - options.wrap_near_margin)
    if width < options.min_wrap_width or near_width < options.min_lines_near_wrap_width:
        return None
    return width


# What a line opening a bullet may start with (after its indent): `_BULLET` runs only then.
_BULLET_MARKERS = frozenset("•·▪◦□■●○‣⁃∙*+-–")


def split_units(text: str, options: Options = DEFAULT_OPTIONS) -> list[Unit]:
    """Split a plain-text capture into units (logical lines) with their list structure."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    lengths = [len(line.rstrip()) for line in lines]  # 0 for a blank line
    width = _wrap_width(lengths, options)
    room = None if width is None else width - options.wrap_slack
    units: list[Unit] = []
    current: Unit | None = None  # the unit the next line may continue
    item = -1
    next_item = 0
    item_indent = -1
    blank = False
    last_length = 0  # of the previous line, without trailing space

    for number, (raw, length) in enumerate(zip(lines, lengths, strict=True), start=1):
        if not length:
            current = None
            blank = True
            continue
        stripped = raw.lstrip()
        indent = len(raw) - len(stripped)
        first = stripped[0]
        # `str.lstrip` strips every `\s` and more, so a line the pattern matches starts with
        # a marker or a digit (the engine's Unicode may know digits that `str.isdigit` does
        # not yet: any non-ASCII start is tried too).
        bullet = _BULLET.match(raw) if first in _BULLET_MARKERS or first.isdigit() or first >= "\x80" else None
        continues_item = item >= 0 and bullet is None and indent > item_indent
        if (
            current is not None
            and room is not None
            and bullet is None
            and (indent == current.indent or continues_item)
            and last_length + 1 + len(stripped.split(None, 1)[0]) > room  # the word did not fit
        ):
            current.text += " " + stripped[: length - indent]
            current.last_line = number
        else:
            if bullet is not None:
                item = next_item  # item ids only grow: the next one is one past the last given
                next_item += 1
                item_indent = indent
            elif not continues_item:
                item = -1
                item_indent = -1
            current = Unit(
                len(units),
                raw[item_text_start(bullet) :] if bullet is not None else stripped[: length - indent],
                number,
                number,
                indent,
                bullet is not None,
                item,
                blank or not units,
            )
            units.append(current)
        blank = False
        last_length = length
    for unit in units:
        text = unit.text
        if "  " in text or not text.isprintable() or text[-1] == " ":  # see `normalize_space`
            unit.text = normalize_space(text)
    return units


def units_from_paragraphs(paragraphs: list[str]) -> list[Unit]:
    """Units for text that is already one paragraph per line (trafilatura's output)."""
    units: list[Unit] = []
    for number, paragraph in enumerate(paragraphs, start=1):
        bullet = _BULLET.match(paragraph)
        text = normalize_space(paragraph[item_text_start(bullet) :] if bullet else paragraph)
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
