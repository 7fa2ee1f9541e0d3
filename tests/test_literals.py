"""Issue 6: the required phrases of a text rule (cleaner/rules/literals.py) never miss a match."""

from __future__ import annotations

import pytest
import regex
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from cleaner.rules import load_rules
from cleaner.rules.literals import LiteralTable, has_no_other_case, lower_ascii_bytes, required_literals

_EVERY_CHARACTER = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)


def _case_partners(char: str) -> set[str]:
    """What the engine matches `char` with under ignore-case."""
    return set(regex.findall(regex.escape(char), _EVERY_CHARACTER, flags=regex.I))


def holds_a_phrase(phrases: tuple[bytes, ...], unit: str) -> bool:
    page = lower_ascii_bytes("\n" + unit + "\n")
    return any(phrase in page for phrase in phrases)


def test_lower_ascii_bytes_equates_what_ignore_case_equates_for_every_ascii_character():
    for code in range(128):
        char = chr(code)
        assert {lower_ascii_bytes(partner) for partner in _case_partners(char)} == {lower_ascii_bytes(char)}, repr(char)


def test_characters_said_to_have_no_other_case_match_only_themselves():
    uncased = "".join(char for char in _EVERY_CHARACTER if char >= "\x80" and has_no_other_case(char))
    assert len(uncased) > 5000  # punctuation, symbols, digits of every script
    try:
        from regex import _regex

        flags = regex.I | regex.U
        assert all(_regex.get_all_cases(flags, ord(char)) == [ord(char)] for char in uncased)
    except (ImportError, AttributeError, TypeError):  # the engine's internals moved: ask it the slow way
        matched = set(regex.findall("[" + regex.escape(uncased) + "]", _EVERY_CHARACTER, flags=regex.I))
        assert matched == set(uncased)
        assert all(_case_partners(char) == {char} for char in uncased[:300])


def test_every_builtin_rule_example_holds_one_of_its_phrases():
    gated = 0
    for rule in load_rules().text_rules:
        phrases = required_literals(rule.pattern)  # type: ignore[arg-type]
        if phrases is None:
            continue
        gated += 1
        for example in rule.examples_match:
            variants = {example, example.upper(), example.lower(), example.swapcase()}
            for text in variants:
                if rule.search(text) is not None:
                    assert holds_a_phrase(phrases, text), (rule.id, text, phrases)
    assert gated >= 15  # most rules are skipped on pages without their phrases


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?x)read \s more",
        r"\x41bcdef",
        r"abc(?R)?def",
        r"(?:abcdef){e<=1}",
        r"[[:alpha:]]abcdef",
        r"(x)?(?(1)abcdef|ghijkl)",
        r"(abc)\1defg",
        r"(?V1)[[a-z]--[aeiou]]abcd",
        r"(?f)strasse",
        r"(?w)^abcdef$",
        r"\N{LATIN SMALL LETTER A}bcdef",
        r"\mabcdef",
        r"abc|de",
        r".*",
    ],
)
def test_constructs_not_followed_give_no_phrases(pattern):
    assert required_literals(regex.compile(pattern)) is None


@pytest.mark.parametrize(
    "pattern, flags, expected",
    [
        (r"^Exit mobile version$", regex.I, (b"\nexit mobile version\n",)),
        (r"[Ss]ubscribe now", 0, (b"subscribe now",)),
        (r"^(?:Read|See) more", regex.I, (b"\nread more", b"\nsee more")),
        (r"(?i)Leer más", 0, (b"leer m",)),  # `á` has another case: the phrase stops before it
        (r"Leer más", 0, ("leer más".encode(),)),
        (r"\bdonate (?:now|today)\b", 0, (b"donate now", b"donate today")),
        (r"^(?=.{0,40}$).*newsletter", 0, (b"newsletter",)),
        (r"Comments? \(\d+\)", 0, (b"comment (", b"comments (")),
    ],
)
def test_phrases_of_simple_patterns(pattern, flags, expected):
    assert required_literals(regex.compile(pattern, flags)) == expected


# Random patterns over a few letters (with the case partners of i, k and s), and random units:
# whenever a pattern matches a unit, the unit holds one of its phrases.
_LETTERS = "abik"
_atoms = st.one_of(
    st.text(alphabet=_LETTERS + "SK\u212a -", min_size=1, max_size=3).map(regex.escape),
    st.sampled_from(["[ab]", "[Ss]", "[^a]", "[a-c]", ".", r"\w", r"\s", r"\b", "^", "$", r"\-", "[-k]"]),
)


def _patterns():
    def extend(inner):
        return st.one_of(
            st.tuples(inner, st.sampled_from(["", "?", "*", "+", "{2}", "{1,2}", "{0,1}", "??", "*+", "{2,}"])).map(
                "".join
            ),
            st.lists(inner, min_size=2, max_size=4).map("".join),
            st.lists(inner, min_size=2, max_size=3).map(lambda items: "(?:" + "|".join(items) + ")"),
            inner.map(lambda item: "(" + item + ")"),
            inner.map(lambda item: "(?=" + item + ")"),
            inner.map(lambda item: "(?<!" + item + ")"),
            inner.map(lambda item: "(?>" + item + ")"),
        )

    return st.recursive(_atoms, extend, max_leaves=8)


@hsettings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(
    pattern=_patterns(),
    flags=st.sampled_from([0, regex.I, regex.M, regex.I | regex.S]),
    units=st.lists(
        st.text(alphabet=_LETTERS + "ABIKSs\u0130\u0131\u017f\u212a -", max_size=10), min_size=1, max_size=6
    ),
)
def test_a_matching_unit_always_holds_a_phrase(pattern, flags, units):
    try:
        compiled = regex.compile(pattern, flags)
    except regex.error:
        return
    # One-byte phrases make random patterns over four letters gated often enough to test.
    phrases = required_literals(compiled, min_bytes=1)
    if phrases is None:
        return
    page = "\n" + "\n".join(units) + "\n"
    holding = set(LiteralTable([phrases]).scan(page, len(units)).units_holding_any(0))
    for position, unit in enumerate(units):
        if compiled.search(unit) is not None:
            assert holds_a_phrase(phrases, unit), (pattern, unit, phrases)
            assert position in holding, (pattern, units, phrases)
