"""The word lists of `cleaner/data/vocab/*.toml`: well formed, and read by the patterns built from them."""

from __future__ import annotations

import datetime as dt

import pytest

from cleaner import meta
from cleaner.meta import vocab

TODAY = dt.date(2030, 1, 1)


def test_every_list_is_named_used_and_well_formed():
    for key in sorted(vocab.KEYS):
        by_language = vocab.words_by_language(key)
        assert by_language, f"no file has the list {key!r}"
        for language, words in by_language.items():
            assert words, (language, key)
            assert len(set(words)) == len(words), f"{language}.toml: {key!r} lists a word twice"
            for word in words:
                assert word == word.strip() and "  " not in word, (language, key, word)
                if key not in vocab.CASED_KEYS:
                    assert word == word.lower(), f"{language}.toml: {key!r} has {word!r}, not in lower case"


def test_the_files_are_one_per_language_and_common():
    languages = set()
    for key in vocab.KEYS:
        languages |= vocab.words_by_language(key).keys()
    assert {"common", "en", "de", "fr", "es", "it", "pt", "nl", "pl", "ro"} <= languages
    assert all(len(language) == 2 for language in languages - {"common"})


def test_a_word_names_one_month_only():
    seen: dict[str, str] = {}
    for month in vocab.MONTH_KEYS:
        for word in vocab.words(f"months.{month}"):
            assert seen.setdefault(word, month) == month, f"{word!r} names {seen[word]} and {month}"
    assert len(meta.dates.MONTHS) == len(seen)


def test_every_language_has_all_twelve_months_or_none():
    for language in vocab.words_by_language("months.january"):
        for month in vocab.MONTH_KEYS:
            assert language in vocab.words_by_language(f"months.{month}"), (language, month)


@pytest.mark.parametrize("language", ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "ro"])
def test_each_languages_month_names_are_parsed(language):
    for number, month in enumerate(vocab.MONTH_KEYS, start=1):
        for name in vocab.words_by_language(f"months.{month}")[language]:
            # (capitalised, as a heading writes it; the pattern ignores case)
            assert meta.parse_date(f"Gepostet 7 {name.capitalize()} 2021", TODAY) == f"2021-{number:02d}-07", name
            assert meta.parse_date(f"{name} 7, 2021", TODAY) == f"2021-{number:02d}-07", name


def test_markers_of_each_language_are_read():
    for word in vocab.words("published_markers"):
        assert meta.date_marker(f"{word.title()}: 3.2.2021") == "published", word
    for word in vocab.words("updated_markers"):
        # (a space in a listed marker matches any run of spaces)
        assert meta.date_marker(f"{word.replace(' ', '  ')} 3.2.2021") == "updated", word
    assert meta.last_marker("Publié le 2 mars 2021, mis à jour le") == "updated"


def test_weekdays_are_removed_with_a_bylines_date():
    for weekday in vocab.words("weekdays"):
        assert meta.without_dates(f"Jana Beispiel {weekday.title()}, 4.2.2021").split() == ["Jana", "Beispiel"], weekday


def test_by_words_open_a_byline_in_each_language():
    for word in sorted(vocab.words("by_words") | vocab.words("by_words_line_start") | vocab.words("author_labels")):
        assert meta.parse_byline(f"{word.title()} Jana Beispiel") == ["Jana Beispiel"], word


def test_every_mid_line_by_word_holds_a_stem_of_the_quick_test():
    # `could_be_byline` looks for the stems before the pattern: a by-word without one is never seen.
    stems = vocab.words("by_word_stems")
    for key in ("by_words", "author_labels", "credit_labels", "desk_labels"):
        for word in vocab.words(key):
            assert any(stem in word for stem in stems), (key, word)


def test_roles_and_agencies_are_stripped():
    for role in vocab.words("roles"):
        assert meta.strip_roles(f"Jana Beispiel, Senior {role.title()}") == "Jana Beispiel", role
    for agency in vocab.words("byline_agencies"):
        assert meta.strip_roles(f"Jana Beispiel, {agency.title()} in Lyon") == "Jana Beispiel", agency


def test_a_list_name_outside_the_known_ones_is_an_error_naming_the_file():
    with pytest.raises(vocab.VocabError, match=r"xx\.toml: unknown list 'by_wrods'"):
        vocab.parse('by_wrods = ["von"]', "xx.toml")
    with pytest.raises(vocab.VocabError, match=r"xx\.toml: 'months\.may' must be a list"):
        vocab.parse('months.may = "mai"', "xx.toml")
    with pytest.raises(vocab.VocabError, match=r"xx\.toml: not valid TOML"):
        vocab.parse("roles = [", "xx.toml")
    assert vocab.parse('# a comment\nroles = ["autor"]\nchrome_words.site = ["impressum"]', "xx.toml") == {
        "roles": ("autor",),
        "chrome_words.site": ("impressum",),
    }


def test_an_unknown_list_asked_for_in_code_is_an_error():
    with pytest.raises(KeyError, match="no vocabulary list 'roels'"):
        vocab.words("roels")


def test_alternation_puts_the_longer_word_first_and_lets_spaces_vary():
    assert vocab.alternation(["mis à jour", "mis", "a.b"]) == r"mis\s+à\s+jour|a\.b|mis"
    assert vocab.alternation(["the press"], space=" ") == "the press"


def test_every_desk_name_holds_a_stem_of_the_quick_test():
    stems = vocab.words("desk_stems")
    for desk in vocab.words("desk_names"):
        assert any(stem in desk for stem in stems), desk


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Gastautorin Jana Beispiel", ["Jana Beispiel"]),
        ("Jana Beispiel im Gespräch mit Olaf Muster", ["Jana Beispiel", "Olaf Muster"]),
        ("Jana Beispiel en conversation avec Olaf Muster", ["Jana Beispiel", "Olaf Muster"]),
        ("Beispiel Medien GmbH", []),
        ("Beispiel Holding S.p.A", []),
    ],
)
def test_bylines_read_with_the_listed_words(line, names):
    assert meta.parse_byline(line) == names


@pytest.mark.parametrize(
    "line",
    ["Jana Beispiel · 5 min read", "Jana Beispiel 4 Minuten Lesezeit", "Jana Beispiel Temps de lecture : 3 min"],
)
def test_a_reading_time_is_removed_from_a_byline(line):
    assert meta.without_dates(line).split() == ["Jana", "Beispiel"]
