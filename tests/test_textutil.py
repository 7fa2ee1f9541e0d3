"""The shared text normalizers (cleaner/textutil.py): what each computes, and where two that
look alike differ."""

from __future__ import annotations

import re
from bisect import bisect_right

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from cleaner.textutil import (
    WORD,
    ascii_letters_and_digits,
    comparable_text,
    fold,
    is_space_normal,
    join_words,
    letters_and_digits,
    line_starts,
    normalize_space,
    without_accents,
)

#: Every kind of whitespace `str.split()` or `regex`'s `\s` knows, two that neither does
#: (zero-width space, BOM), and letters.
_SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2028\u2029\u202f\u205f\u3000\u200b\ufeffab"


def test_a_text_is_space_normal_only_when_normalizing_leaves_it_as_it_is():
    for text in ["Jane Doe wrote this.", "", "x"]:
        assert is_space_normal(text) and normalize_space(text) == text and join_words(text) == text
    for text in [" lead", "trail ", "two  spaces", "tab\there", "no-break\u00a0space", "line\nbreak"]:
        assert not is_space_normal(text)
        assert normalize_space(text) == " ".join(text.split())


@given(st.text(alphabet=st.sampled_from(list(_SPACES)), max_size=12))
def test_normalize_space_fast_path_is_the_regex(text):
    assert normalize_space(text) == regex.sub(r"\s+", " ", text).strip()


@given(st.one_of(st.none(), st.text(alphabet=st.sampled_from(list(_SPACES)), max_size=12)))
def test_join_words_joins_what_str_split_finds(text):
    assert join_words(text) == " ".join((text or "").split())


def test_the_two_whitespace_normalizers_differ_only_on_the_ascii_separators():
    # U+001C..U+001F split words for str.split() but are text to regex's \s
    assert normalize_space("harbour\x1cbridge") == "harbour\x1cbridge"
    assert join_words("harbour\x1cbridge") == "harbour bridge"
    text = "  harbour\u00a0bridge\t\u3000reopens \n"
    assert normalize_space(text) == join_words(text) == "harbour bridge reopens"


@pytest.mark.parametrize(
    ("word", "folded"),
    [("Präsidentschaft", "prasidentschaft"), ("Straße", "strasse"), ("ÉCOLE", "ecole"), ("ﬁnale", "finale")],
)
def test_fold_drops_case_and_accents(word, folded):
    assert fold(word) == folded


def test_without_accents_keeps_case():
    assert without_accents("Nuño Peña") == "Nuno Pena"
    assert without_accents("Øresund") == "Øresund"  # no accent to drop: ø does not decompose


def test_letters_and_digits_keeps_accents_the_ascii_key_drops_them():
    assert letters_and_digits("Zoë Doe-Smith") == "zoëdoesmith"
    assert ascii_letters_and_digits("Zoë Doe-Smith") == "zoedoesmith"
    assert letters_and_digits("Øresund 24") == "øresund24"
    assert ascii_letters_and_digits("Øresund 24") == "resund24"  # a letter with no ASCII base goes
    assert ascii_letters_and_digits("Spiegel Online") == "spiegelonline"


def test_comparable_text_equates_two_renderings_of_a_title():
    head = "“Harbour Bridge” &#8211; open &amp; shut"
    heading = '"harbour bridge"  —  Open & Shut'
    assert comparable_text(head) == comparable_text(heading) == "-harbour bridge- - open & shut"
    assert comparable_text("Harbour bridge") != comparable_text("Harbour bridges")


def test_word_keeps_combining_marks_where_re_splits():
    # why cleaner.text.features keeps its own `re` token pattern: the engines differ
    decomposed = "cafe\u0301 au lait"
    assert WORD.findall(decomposed) == ["cafe\u0301", "au", "lait"]
    assert re.findall(r"\w+", decomposed) == ["cafe", "au", "lait"]


def test_line_starts_find_the_line_of_every_position_of_the_joined_text():
    lines = ["Harbour news", "", "A pier rebuilt", "x"]
    page = "\n".join(lines)
    starts = line_starts(lines)
    assert starts == [0, 13, 14, 29]
    for position, character in enumerate(page):
        line = bisect_right(starts, position) - 1
        assert character == "\n" or lines[line][position - starts[line]] == character
    assert line_starts([]) == [0] and line_starts(["only"]) == [0]
