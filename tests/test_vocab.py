"""The word lists of `cleaner/data/vocab/*.toml`: well formed, and read by the patterns built from them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import regex

import cleaner
from cleaner import meta
from cleaner.html.metadata.authors import split_authors
from cleaner.meta import names, vocab

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
    # `could_be_byline` and `by_word_position` look for the stems before the pattern: a by-word
    # without one is never seen.
    stems = vocab.words("by_word_stems")
    for key in ("by_words", "author_labels", "credit_labels", "desk_labels"):
        for word in vocab.words(key):
            assert any(stem in word for stem in stems), (key, word)


def test_the_quick_tests_word_lists_are_lower_case_ascii():
    # `names.holds_any` lower-cases the line and looks for the words as they are: a word with a
    # capital or a letter whose case folds otherwise than `str.lower` would never be found, and
    # the pattern behind the quick test would silently never run on it.
    for key in ("by_word_stems", "glued_by_words"):
        for word in vocab.words(key):
            assert word.isascii() and word == word.lower(), (key, word)


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


def test_every_list_is_read_by_the_code():
    # a list no pattern reads is dead data (or a pattern still spells its words out)
    modules = [path for path in Path(cleaner.__file__).parent.rglob("*.py") if path.name != "vocab.py"]
    source = "\n".join(path.read_text(encoding="utf-8") for path in modules)
    for key in vocab.KEYS:
        family = key.split(".")[0]
        assert f'"{key}"' in source or f"'{key}'" in source or f'"{family}.{{' in source, f"no code reads {key!r}"


def test_weekday_lists_split_names_from_abbreviations():
    names, abbreviations = vocab.words("weekdays"), vocab.words("weekday_abbreviations")
    assert not names & abbreviations
    assert vocab.words("ambiguous_weekday_abbreviations") <= abbreviations
    assert meta.without_dates("Jana Beispiel Fri, 4.2.2021").split() == ["Jana", "Beispiel"]
    # (`mar` is also March: removed only at a byline's end, not with a date inside the line)
    assert "Mar" in meta.without_dates("Jana Mar Beispiel, 4.2.2021").split()


def test_initial_like_joiners_are_no_plain_joiners():
    assert not vocab.words("name_split_initial_words") & vocab.words("name_split_words")
    assert split_authors("Jana Beispiel e Olaf Muster") == ["Jana Beispiel", "Olaf Muster"]


def test_cased_lists_are_the_ones_matched_as_written():
    assert "glued_labels" in vocab.CASED_KEYS
    assert any(word != word.lower() for word in vocab.words("glued_labels"))
    assert split_authors("AutorinJana Beispiel") == ["Jana Beispiel"]


@pytest.mark.parametrize(
    ("key", "template"),
    [
        ("byline_prefix_by_words", "{} Jana Beispiel"),
        ("cjk_byline_labels", "{} Jana Beispiel"),
        ("glued_labels", "{}Jana Beispiel"),
        ("name_split_words", "Jana Beispiel {} Olaf Muster"),
        ("interview_joiners", "Jana Beispiel {} Olaf Muster"),
        ("name_suffixes", "Jana Beispiel, {}"),
        ("name_suffix_stems", "Jana Beispiel, {}.-Ing."),
        ("weekday_abbreviations", "Jana Beispiel {},"),
        ("after_name_markers", "Jana Beispiel {} 3. Mai"),
        ("after_name_date_glue", "Jana Beispiel {} 3.5.2021"),
        ("after_name_author_links", "Jana Beispiel {}"),
        ("after_name_credit_words", "Jana Beispiel {} von Olaf Muster"),
        ("after_name_credit_by_words", "Jana Beispiel Fotos {} Olaf Muster"),
        ("published_then_by_verbs", "{} am 3.5.2021 von Jana Beispiel"),
        ("published_then_by_words", "Veröffentlicht am 3.5.2021 {} Jana Beispiel"),
        ("byline_prefix_labels", "Ein {} von Jana Beispiel"),
        ("byline_prefix_articles", "{} Kommentar von Jana Beispiel"),
    ],
)
def test_html_bylines_read_each_listed_word(key, template):
    for word in vocab.words(key):
        # (as a page may write it: capitalised unless the list is matched as written)
        written = word if key in vocab.CASED_KEYS else word.title()
        names = split_authors(template.format(written))
        assert names[:1] == ["Jana Beispiel"], (key, word, names)


def test_a_text_browsers_glued_by_word_is_set_apart():
    for word in vocab.words("glued_by_words"):
        assert meta.set_apart(f"{word.title()}Jana Beispiel").endswith(" Jana Beispiel"), word
    for word in vocab.words("avatar_words"):
        assert meta.set_apart(f"{word.title()} Jana Beispiel").strip() == "Jana Beispiel", word


def test_a_time_after_a_listed_glue_word_is_read_with_its_date():
    for word in vocab.words("time_glue"):
        assert meta.find_dates(f"3.5.2021 {word} 10:15", TODAY) == [(0, "2021-05-03T10:15")], word


def test_the_quick_test_knows_every_character_regex_takes_for_an_ascii_letter():
    # `holds_any` lower-cases a line to look for lower-case ASCII words, where `regex`'s
    # case-insensitive patterns also take a few other characters for ASCII letters
    everything = "".join(chr(code) for code in range(0x80, 0x110000) if not 0xD800 <= code < 0xE000)
    assert set(regex.findall(r"[a-z]", everything, flags=regex.I)) <= names.ASCII_LETTER_TWINS
    assert names.holds_any("Ein Beitrag der REDAKTION", ("redaktion",))
    assert names.holds_any("Ein Beitrag der REDAKT\u0130ON", ("redaktion",))
    assert not names.holds_any("Ein Beitrag der Stadt", ("redaktion", "von"))
    assert meta.has_by_word("Ein Beitrag der Redakt\u0130on: Jana Beispiel")
