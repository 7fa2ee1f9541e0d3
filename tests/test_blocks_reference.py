"""Issue 6: the fast `split_units` and capture checks give exactly what the straightforward
versions they replaced gave (kept here as the reference), on real captures and generated ones."""

from __future__ import annotations

import gzip
from collections import Counter
from dataclasses import astuple

from conftest import FIXTURES, REPO
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from cleaner.blocks import _BULLET, Unit, split_units
from cleaner.capture import _control_ratio, read_capture
from cleaner.settings import DEFAULT_OPTIONS
from cleaner.textutil import normalize_space

DEVSET = REPO.parent / "shared" / "devset"


def reference_wrap_width(lines: list[str]) -> int | None:
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if not lengths:
        return None
    long_lines = sum(1 for n in lengths if n > DEFAULT_OPTIONS.max_wrap_width)
    if long_lines > DEFAULT_OPTIONS.max_overlong_line_share * len(lengths):
        return None
    counts = Counter(n for n in lengths if n <= DEFAULT_OPTIONS.max_wrap_width)
    if not counts:
        return None
    width = max(counts)
    near_width = sum(c for n, c in counts.items() if n >= width - DEFAULT_OPTIONS.wrap_near_margin)
    if width < DEFAULT_OPTIONS.min_wrap_width or near_width < DEFAULT_OPTIONS.min_lines_near_wrap_width:
        return None
    return width


def reference_split_units(text: str) -> list[Unit]:
    """The original line-by-line loop: every line through the bullet pattern and strip()."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    width = reference_wrap_width(lines)
    units: list[Unit] = []
    item, next_item, item_indent, blank = -1, 0, -1, False
    open_unit: list[str] = []
    open_start, last_raw = 0, ""
    current: dict[str, object] = {}

    def close() -> None:
        if open_unit:
            units.append(
                Unit(
                    len(units),
                    normalize_space(" ".join(open_unit)),
                    open_start,
                    int(current["last"]),
                    int(current["indent"]),
                    bool(current["bullet"]),
                    int(current["item"]),
                    bool(current["blank"]),
                )
            )
            open_unit.clear()

    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            close()
            blank, last_raw = True, ""
            continue
        indent = len(raw) - len(raw.lstrip())
        bullet = _BULLET.match(raw)
        body = raw.strip()
        if bullet:  # the markers go, but a number that is the last of them stays
            last = bullet.captures(2)[-1]
            body = (last if last[0].isdigit() else "") + raw[bullet.end() :]
        continues_item = item >= 0 and not bullet and indent > item_indent
        joins = (
            open_unit
            and width is not None
            and not bullet
            and len(last_raw.rstrip()) + 1 + len(raw.split(None, 1)[0]) > width - DEFAULT_OPTIONS.wrap_slack
            and (indent == int(current["indent"]) or continues_item)
        )
        if joins:
            open_unit.append(body)
            current["last"] = number
        else:
            close()
            if bullet:
                item, next_item, item_indent = next_item, next_item + 1, indent
            elif not continues_item:
                item, item_indent = -1, -1
            open_unit.append(body)
            open_start = number
            current.update(last=number, indent=indent, bullet=bool(bullet), item=item, blank=blank or not units)
        blank, last_raw = False, raw
    close()
    return units


def reference_control_ratio(text: str) -> float:
    sample = text[: DEFAULT_OPTIONS.kind_sniff_chars]
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\r\f\v")
    controls += sample.count("\ufffd")
    return controls / max(len(sample), 1)


def same_units(text: str) -> None:
    assert [astuple(u) for u in split_units(text)] == [astuple(u) for u in reference_split_units(text)]


def test_split_units_is_the_reference_on_real_captures():
    texts = [p.read_bytes().decode("utf-8", "replace") for p in sorted(FIXTURES.glob("text-*/source.*"))]
    if DEVSET.is_dir():
        for kind in ("text", "text_nowrap"):
            texts += [
                read_capture(gzip.decompress(p.read_bytes())).text for p in sorted((DEVSET / kind).glob("*.gz"))[:80]
            ]
    assert texts
    for text in texts:
        same_units(text)
        assert _control_ratio(text) == reference_control_ratio(text)


_WORDS = st.sampled_from(
    ["word", "a", "longerword", "x" * 14, "Ünïcode", "1.", "•", "-", "–", "*", "12)", "\u00a0", "\x1c", "\u3000", "٣."]
)


@st.composite
def dumps(draw) -> str:
    """Text dumps: indented lines, list markers, blank lines, wrapped paragraphs, odd spaces."""
    width = draw(st.sampled_from([40, 60, 80, 200]))
    lines = []
    for _ in range(draw(st.integers(0, 25))):
        indent = " " * draw(st.sampled_from([0, 0, 2, 3, 4, 6]))
        marker = draw(st.sampled_from(["", "", "• ", "* ", "1. ", "- ", "2) "]))
        words = draw(st.lists(_WORDS, min_size=0, max_size=18))
        line = (indent + marker + " ".join(words) + draw(st.sampled_from(["", "", " ", "\t", "\r"])))[:width]
        lines.append(line)
        if draw(st.booleans()) and draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", " ", "\t"])))
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


@hsettings(max_examples=400, deadline=None)
@given(text=dumps())
def test_split_units_is_the_reference_on_generated_dumps(text):
    same_units(text)


@hsettings(max_examples=300, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("ab 1.)•-*\t\n\r\x00\x08\x0b\x0c\x0e\x1c\x1f\x7f\x85\xa0\ufffd\u2028\U0001f600")),
        max_size=60,
    )
)
def test_split_units_and_control_ratio_on_any_characters(text):
    same_units(text)
    assert _control_ratio(text) == reference_control_ratio(text)
