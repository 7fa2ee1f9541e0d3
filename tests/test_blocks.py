"""Splitting text dumps into units: unwrapping, bullets, continuation lines."""

import textwrap

from cleaner.blocks import split_units

FIRST = (
    "The first paragraph of the story is long enough that the text browser had to wrap it over "
    "several lines, and those lines must be joined back together into one paragraph again."
)
SECOND = (
    "A second paragraph follows here, also wrapped because it is longer than the eighty columns a "
    "text browser uses when it dumps a page to plain text, which is the usual width for w3m and lynx. "
    "It goes on for a while so that the dump has enough lines that reach the wrap column."
)
# What `w3m -dump` writes: paragraphs filled to 80 columns, a short line stays on its own.
WRAPPED = "\n\n".join(["Headline of the story", textwrap.fill(FIRST, 80), textwrap.fill(SECOND, 80) + "\nShort line"])


def test_wrapped_paragraphs_are_joined():
    units = split_units(WRAPPED)
    texts = [u.text for u in units]
    assert texts[0] == "Headline of the story"
    assert texts[1] == FIRST
    assert texts[2] == SECOND
    assert texts[3] == "Short line"
    assert (units[1].first_line, units[1].last_line) == (3, 5)


def test_one_line_per_paragraph_is_not_joined():
    text = "x" * 150 + "\nshort\n" + "y" * 120
    assert len(split_units(text)) == 3


def test_bullet_item_with_continuation_lines():
    text = "Intro:\n  • Oops!\n    Something went wrong.\n  • Second item\nAfter the list\n"
    units = split_units(text)
    assert [u.text for u in units] == ["Intro:", "Oops!", "Something went wrong.", "Second item", "After the list"]
    assert units[1].is_bullet and units[1].item == units[2].item
    assert units[3].item not in (-1, units[1].item)
    assert units[4].item == -1


def test_a_numbered_line_keeps_its_number():
    # a date opening with its day (`4. Februar 2022`) and a numbered heading are the page's
    # text; only symbol markers, and numbers followed by another marker, are list furniture
    text = "4. Februar 2022\n1. Ernährung umstellen\n• 2. Mehr bewegen\n3. • Schlafen\n12) Zwölf"
    units = split_units(text)
    assert [u.text for u in units] == [
        "4. Februar 2022",
        "1. Ernährung umstellen",
        "2. Mehr bewegen",
        "Schlafen",
        "12) Zwölf",
    ]
    assert all(u.is_bullet for u in units)


def test_a_kept_number_reads_the_same_again():
    once = [u.text for u in split_units("  • 1. Step one\n  2. Step two")]
    assert [u.text for u in split_units("\n\n".join(once))] == once


def test_a_units_word_count_follows_its_text():
    # (counted once per text: a settling pass rewrites a unit's text, and the count must follow)
    unit = split_units("Three short words\n")[0]
    other = split_units("Three short words\n")[0]
    assert unit.words == 3
    unit.text = "Two words"
    assert unit.words == 2
    assert unit != other and (unit.text, unit.words) == ("Two words", 2)
    unit.text = "Three short words"
    assert unit == other and repr(unit) == repr(other)
