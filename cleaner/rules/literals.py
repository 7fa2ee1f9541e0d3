"""Required literals: phrases every match of a text rule contains, to skip rules cheaply.

Searching some thirty patterns in every unit of a page costs far more than the rest of the
plain-text pipeline, and most of those searches fail: a rule names phrases ("Related
Stories", "subscribe to our newsletter") that most pages do not hold. `required_literals`
reads a pattern and proves a set of phrases one of which every match contains (or gives
None when it cannot); `LiteralTable.scan` then tells, for one page and every rule at once,
which units hold one of a rule's phrases. Only those units need the rule's real search, so
the verdicts are exactly those of searching every unit.

Phrases and page are compared after `lower_ascii_bytes`, which maps every character the `regex`
module's case-insensitive matching equates with an ASCII letter to that lowercase letter;
a case-insensitive phrase keeps only characters whose case cannot vary otherwise (ASCII
and uncased symbols), and is cut at any other. `^` and `$` read as the newline that
surrounds each unit in the scanned page, so `^Read more$` requires the line itself.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import regex

from cleaner import settings

# Characters `regex` matches case-insensitively with an ASCII letter other than its two
# cases (tests/test_literals.py checks this against the engine for every character).
_ASCII_CASE_PARTNERS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}  # İ ı ſ K (Kelvin)
_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
# Non-ASCII characters a case-insensitive phrase may keep: symbols, punctuation, digits and
# spaces that have no other case (checked for every character by the same test).
_UNCASED_CATEGORIES = frozenset({"Zs", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Pc", "Sm", "Sc", "Sk", "So", "Nd", "No"})

_QUANTIFIER_COUNT = regex.compile(r"\{(\d*)(,?)(\d*)\}")
_INLINE_FLAGS = regex.compile(r"\?\^?([a-zA-Z0-9]*)(?:-([a-zA-Z0-9]*))?([:)])")
# Inline flags that leave the strings a pattern matches as they are (ignore-case is seen to
# before reading); any other (verbose, full case folding, word mode, version 1) or other
# construct spelled alike (recursion `(?R)`) is not followed.
_HARMLESS_FLAGS = frozenset("aiLmsu")
_CASE_INSENSITIVE_INLINE = regex.compile(r"\(\?\^?[a-zA-Z0-9]*i")
_LINE_EDGE = "\n"  # what `^` and `$` stand for in the scanned page


def lower_ascii_bytes(text: str) -> bytes:
    """`text` as UTF-8 with every ASCII letter (and its non-ASCII case partners) in lowercase.

    Not `cleaner.textutil.fold`, which folds every case and drops accents: here a phrase must
    match the page bytes exactly as `regex`'s case-insensitive search would, so only what that
    search equates with an ASCII letter is changed."""
    for partner, letter in _ASCII_CASE_PARTNERS.items():
        if partner in text:
            text = text.replace(partner, letter)
    return text.encode("utf-8", "surrogatepass").translate(_ASCII_LOWER)


def has_no_other_case(char: str) -> bool:
    """True for a character only ever matched by itself, with or without ignore-case."""
    if char < "\x80":
        return not char.isalpha()
    return (
        unicodedata.category(char) in _UNCASED_CATEGORIES
        and char.lower() == char == char.upper() == char.casefold()
        and char not in _ASCII_CASE_PARTNERS
    )


class _Unsupported(Exception):
    """A construct the reader does not follow: the pattern gets no required literals."""


@dataclass(frozen=True)
class _Piece:
    """What is known of the strings a piece of pattern matches (all folded).

    `exact`: every string it can match, when they are few; `required`: strings one of
    which every match contains; `prefixes`: strings one of which every match starts with;
    None where nothing is known.
    """

    exact: frozenset[str] | None
    required: frozenset[str] | None = None
    prefixes: frozenset[str] | None = None

    @property
    def requirement(self) -> frozenset[str] | None:
        if self.exact is not None:
            return self.exact if self.exact and "" not in self.exact else None
        return self.required

    @property
    def starts(self) -> frozenset[str] | None:
        return self.exact if self.exact is not None else self.prefixes


_UNKNOWN = _Piece(None)
_EMPTY = _Piece(frozenset({""}))  # zero-width: `\b`, `\B`, a comment, a global flag group


def _concat(left: str, right: str) -> str:
    # Two line edges in a row (`^^`, `$$`) stand for one newline: anchors take no room, and
    # a newline in a phrase only ever comes from one.
    if left.endswith(_LINE_EDGE) and right.startswith(_LINE_EDGE):
        return left + right[1:]
    return left + right


def _weight(phrase: str) -> int:
    """How selective a phrase is: its bytes, a unit edge counting twice (a phrase that must
    open or close a unit is rarer than the same bytes anywhere)."""
    return len(phrase.encode("utf-8", "surrogatepass")) + phrase.count(_LINE_EDGE)


def _strength(required: frozenset[str]) -> tuple[int, int]:
    return min(map(_weight, required)), -len(required)


def _best(candidates: list[frozenset[str] | None]) -> frozenset[str] | None:
    usable = [c for c in candidates if c and "" not in c and len(c) <= settings.MAX_REQUIRED_LITERALS]
    return max(usable, key=_strength, default=None)


def _sequence(pieces: list[_Piece]) -> _Piece:
    run: frozenset[str] = frozenset({""})
    candidates: list[frozenset[str] | None] = []
    prefixes: frozenset[str] | None = None
    broken = False
    for piece in pieces:
        if piece.exact is not None and len(run) * len(piece.exact) <= settings.MAX_EXACT_LITERALS:
            run = frozenset(_concat(a, b) for a in run for b in piece.exact)
            continue
        starts = piece.starts  # the run goes on into how the piece starts
        if starts is not None and len(run) * len(starts) <= settings.MAX_REQUIRED_LITERALS:
            run = frozenset(_concat(a, b) for a in run for b in starts)
        if not broken:
            prefixes = run
        broken = True
        candidates.append(run)
        if piece.exact is not None:  # too many combinations: a new run starts here
            run = piece.exact
        else:
            candidates.append(piece.required)
            run = frozenset({""})
    if not broken:
        return _Piece(run)
    candidates.append(run)
    return _Piece(None, _best(candidates), prefixes)


def _alternation(branches: list[_Piece]) -> _Piece:
    if len(branches) == 1:
        return branches[0]
    if all(branch.exact is not None for branch in branches):
        union = frozenset().union(*(branch.exact for branch in branches))  # type: ignore[arg-type]
        if len(union) <= settings.MAX_EXACT_LITERALS:
            return _Piece(union)
    starts = [branch.starts for branch in branches]
    prefixes = None if any(s is None for s in starts) else frozenset().union(*starts)  # type: ignore[arg-type]
    if prefixes is not None and len(prefixes) > settings.MAX_REQUIRED_LITERALS:
        prefixes = None
    requirements = [branch.requirement for branch in branches]
    if any(requirement is None for requirement in requirements):
        return _Piece(None, None, prefixes)
    union = frozenset().union(*requirements)  # type: ignore[arg-type]
    return _Piece(None, union if len(union) <= settings.MAX_REQUIRED_LITERALS else None, prefixes)


def _repeat(piece: _Piece, least: int, most: int | None) -> _Piece:
    if most == 0:
        return _EMPTY
    if least == 0:
        if most == 1 and piece.exact is not None and len(piece.exact) < settings.MAX_EXACT_LITERALS:
            return _Piece(piece.exact | {""})
        return _UNKNOWN
    if least == most == 1:
        return piece
    if piece.exact is not None and least == most and len(piece.exact) ** least <= settings.MAX_EXACT_LITERALS:
        strings = frozenset({""})
        for _ in range(least):
            strings = frozenset(_concat(a, b) for a in strings for b in piece.exact)
        return _Piece(strings)
    return _Piece(None, piece.requirement, piece.starts)  # at least one copy is in the match


class _Reader:
    """A recursive-descent reader of the `regex` module's (version 0) syntax, conservative:
    any construct it does not know makes the whole pattern `_Unsupported`."""

    def __init__(self, source: str, ignore_case: bool) -> None:
        self.source = source
        self.at = 0
        self.ignore_case = ignore_case

    def peek(self) -> str:
        return self.source[self.at] if self.at < len(self.source) else ""

    def read(self) -> _Piece:
        piece = self.alternation()
        if self.at != len(self.source):
            raise _Unsupported
        return piece

    def alternation(self) -> _Piece:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.at += 1
            branches.append(self.sequence())
        return _alternation(branches)

    def sequence(self) -> _Piece:
        pieces = []
        while self.peek() not in ("", "|", ")"):
            pieces.append(self.quantified(self.atom()))
        return _sequence(pieces)

    def quantified(self, piece: _Piece) -> _Piece:
        char = self.peek()
        if char == "*":
            least, most = 0, None
            self.at += 1
        elif char == "+":
            least, most = 1, None
            self.at += 1
        elif char == "?":
            least, most = 0, 1
            self.at += 1
        elif char == "{":
            count = _QUANTIFIER_COUNT.match(self.source, self.at)
            if count is None or not (count[1] or count[2]):
                raise _Unsupported  # a literal brace, or fuzzy matching
            least = int(count[1] or 0)
            most = None if count[2] and not count[3] else int(count[3] or count[1])
            self.at = count.end()
        else:
            return piece
        if self.peek() in ("?", "+"):  # lazy or possessive: the same strings
            self.at += 1
        return self.quantified(_repeat(piece, least, most))

    def atom(self) -> _Piece:
        char = self.peek()
        if char == "(":
            return self.group()
        if char == "[":
            return self.character_class()
        if char == "\\":
            return self.escape()
        if char in ("*", "+", "?", "{"):
            raise _Unsupported
        self.at += 1
        if char == ".":
            return _UNKNOWN
        if char in ("^", "$"):
            return _Piece(frozenset({_LINE_EDGE}))
        return self.literal(char)

    def literal(self, char: str) -> _Piece:
        if self.ignore_case and not (char < "\x80" or has_no_other_case(char)):
            return _UNKNOWN
        return _Piece(frozenset({lower_ascii_bytes(char).decode("utf-8", "surrogatepass")}))

    def escape(self) -> _Piece:
        char = self.source[self.at + 1 : self.at + 2]
        if not char:
            raise _Unsupported
        self.at += 2
        if char in ("b", "B"):
            return _EMPTY
        if char in ("d", "D", "w", "W", "s", "S", "n", "t", "r", "f", "v"):
            return _UNKNOWN
        if char in ("p", "P"):
            if self.peek() == "{":
                end = self.source.find("}", self.at)
                if end < 0:
                    raise _Unsupported
                self.at = end + 1
            else:
                self.at += 1
            return _UNKNOWN
        if char.isalnum() or char == "_":
            raise _Unsupported  # anchors, back-references, code points, named lists...
        return self.literal(char)

    def character_class(self) -> _Piece:
        self.at += 1
        negated = self.peek() == "^"
        if negated:
            self.at += 1
        if self.peek() == "]":
            raise _Unsupported
        members: list[str] = []
        plain = not negated
        while True:
            char = self.peek()
            if not char or char == "[":
                raise _Unsupported  # nested sets or POSIX classes
            self.at += 1
            if char == "]":
                break
            if char == "\\":
                escaped = self.peek()
                if not escaped:
                    raise _Unsupported
                self.at += 1
                if escaped.isalnum() or escaped == "_":
                    plain = False  # a class like \d, or a code point
                else:
                    members.append(escaped)
            elif char == "-" and members and self.peek() not in ("]", ""):
                plain = False  # a range
            else:
                members.append(char)
        if not plain or not members or len(set(members)) > settings.MAX_EXACT_LITERALS:
            return _UNKNOWN
        pieces = [self.literal(member) for member in members]
        return _alternation(pieces)

    def group(self) -> _Piece:
        self.at += 1
        lookaround = False
        if self.peek() == "?":
            rest = self.source[self.at + 1 :]
            if rest.startswith((":", ">", "|")):
                self.at += 2
            elif rest.startswith(("=", "!")):
                self.at += 2
                lookaround = True
            elif rest.startswith(("<=", "<!")):
                self.at += 3
                lookaround = True
            elif rest.startswith(("P<", "<")):
                end = self.source.find(">", self.at)
                if end < 0:
                    raise _Unsupported
                self.at = end + 1
            elif rest.startswith("#"):
                end = self.source.find(")", self.at)
                if end < 0:
                    raise _Unsupported
                self.at = end + 1
                return _EMPTY
            elif flags := _INLINE_FLAGS.match(self.source, self.at):
                letters = flags[1] + (flags[2] or "")
                if not letters or not set(letters) <= _HARMLESS_FLAGS:
                    raise _Unsupported
                self.at = flags.end()
                if flags[3] == ")":
                    return _EMPTY
            else:
                raise _Unsupported  # conditionals, recursion, back-references
        piece = self.alternation()
        if self.peek() != ")":
            raise _Unsupported
        self.at += 1
        return _UNKNOWN if lookaround else piece


def required_literals(
    pattern: regex.Pattern[str], min_bytes: int = settings.MIN_REQUIRED_LITERAL_BYTES
) -> tuple[bytes, ...] | None:
    """Folded phrases, one of which occurs (folded) around every match of `pattern` in a unit
    that holds no newline, with `^`/`$` read as the newline before/after the unit; None when
    no such set of phrases of at least `min_bytes` bytes can be proven."""
    flags = pattern.flags
    if flags & (regex.X | regex.F | regex.V1 | regex.W):
        return None  # verbose, full case folding, version 1 syntax, Unicode line breaks
    ignore_case = bool(flags & regex.I) or bool(_CASE_INSENSITIVE_INLINE.search(pattern.pattern))
    try:
        piece = _Reader(pattern.pattern, ignore_case).read()
    except (_Unsupported, RecursionError):
        return None
    required = piece.requirement
    if required is None or len(required) > settings.MAX_REQUIRED_LITERALS:
        return None
    if min(map(_weight, required)) < min_bytes:
        return None
    phrases = {phrase.encode("utf-8", "surrogatepass") for phrase in required}
    # A phrase holding another of the set adds nothing: where it occurs, so does the other.
    return tuple(sorted(p for p in phrases if not any(q != p and q in p for q in phrases)))


# --- the page index -------------------------------------------------------------------------

_GRAM = 4  # bytes per indexed sequence: one little-endian 32-bit word
_HASH_MULTIPLIER = np.uint32(0x9E3779B1)  # Knuth's multiplicative hash
_HASH_SHIFT = np.uint32(32 - settings.LITERAL_INDEX_BITS)


def _phrase_hashes(phrase: bytes) -> list[int]:
    """The index slots of the phrase's 4-byte sequences (read as little-endian words)."""
    return [
        ((int.from_bytes(phrase[i : i + 4], "little") * 0x9E3779B1) & 0xFFFFFFFF) >> (32 - settings.LITERAL_INDEX_BITS)
        for i in range(len(phrase) - 3)
    ]


class LiteralTable:
    """Several rules' required phrases, prepared to be looked for in many pages at once.

    Phrases of 4 bytes or more are looked up in an index of the page's 4-byte sequences,
    built once for all of them; shorter ones are looked for directly.
    """

    def __init__(self, phrase_sets: Sequence[tuple[bytes, ...] | None]) -> None:
        self.phrase_sets = list(phrase_sets)
        every = {p for phrases in phrase_sets if phrases for p in phrases}
        self.phrases: list[bytes] = sorted(p for p in every if len(p) >= _GRAM)
        number = {phrase: n for n, phrase in enumerate(self.phrases)}
        hashes: list[int] = []
        starts: list[int] = []
        for phrase in self.phrases:
            starts.append(len(hashes))
            hashes.extend(_phrase_hashes(phrase))
        self._hashes = np.array(hashes, dtype=np.intp)
        self._starts = np.array(starts, dtype=np.intp)
        # Each (set, indexed phrase) pair, so one gather tells every set which of its
        # indexed phrases a page may hold; the short phrases of each set are always looked for.
        pairs = [(k, number[p]) for k, phrases in enumerate(phrase_sets) if phrases for p in phrases if p in number]
        self._pair_set = [k for k, _ in pairs]
        self._pair_phrase = [n for _, n in pairs]
        self._pair_phrases = np.array(self._pair_phrase, dtype=np.intp)
        self._short = [tuple(p for p in phrases if p not in number) if phrases else () for phrases in phrase_sets]

    def scan(self, page: str, units: int) -> PageLiterals:
        """Index `page`: "\\n", then `units` texts each followed by "\\n" (none holding one)."""
        data = lower_ascii_bytes(page)
        maybe: list[list[bytes]] = [list(short) for short in self._short]
        if self.phrases:
            seen = np.zeros(1 << settings.LITERAL_INDEX_BITS, dtype=bool)
            for offset in range(min(_GRAM, len(data))):  # words from every offset: every 4-byte sequence
                words = np.frombuffer(data, dtype="<u4", count=(len(data) - offset) // 4, offset=offset)
                seen[(words * _HASH_MULTIPLIER) >> _HASH_SHIFT] = True
            present = np.logical_and.reduceat(seen[self._hashes], self._starts)
            for pair in np.flatnonzero(present[self._pair_phrases]).tolist():
                maybe[self._pair_set[pair]].append(self.phrases[self._pair_phrase[pair]])
        return PageLiterals(data, maybe, units)


class PageLiterals:
    """Where a page holds the phrases of a `LiteralTable`."""

    def __init__(self, data: bytes, maybe: list[list[bytes]], units: int) -> None:
        self._data = data
        self._maybe = maybe  # per phrase set, its phrases the index could not rule out
        self._units = units
        self._newlines: list[int] | None = None
        self._found: dict[bytes, set[int]] = {}

    def units_holding_any(self, phrase_set: int) -> list[int]:
        """Positions (ascending) of the units holding a phrase of the table's `phrase_set`-th set."""
        holding: set[int] = set()
        for phrase in self._maybe[phrase_set]:
            holding |= self._units_holding(phrase)
        return sorted(holding)

    def _units_holding(self, phrase: bytes) -> set[int]:
        found = self._found.get(phrase)
        if found is not None:
            return found
        if self._newlines is None:
            self._newlines = np.flatnonzero(np.frombuffer(self._data, dtype=np.uint8) == 10).tolist()
        newlines, data, found = self._newlines, self._data, set()
        at = data.find(phrase)
        while at >= 0:
            unit = bisect_right(newlines, at) - 1  # the newline at or before `at` opens its unit
            if unit >= self._units:
                break
            found.add(unit)
            at = data.find(phrase, newlines[unit + 1])
        self._found[phrase] = found
        return found
