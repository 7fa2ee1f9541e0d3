"""The word lists the metadata stages know (month names, by-words, roles, words that are no
one's name…), read once from `cleaner/data/vocab/*.toml`.

One file per language (`de.toml`, `fr.toml`, …) and `common.toml` for what is no language's
(symbols, platforms, wire agencies). Each file holds named lists; a list's words are the union
of that name's lists over all files. The patterns that find these words in a text (how a
date or a byline is written) stay in code and are built from the lists here, with
`alternation`. A space inside a listed phrase (`mis à jour`) matches any run of whitespace,
unless the pattern that reads the list asks for one space (as each pattern did before its
words became data: `byline_agencies`, `title_suffix_wires`, the phrases of `site_notice_words`,
`comment_section_words`, `desk_names`, `caption_words`, `comment_calls`, the reading-time
lists, `by_words` at a line's start, `by_word_line_words`, `colon_author_labels` and
`rights_reserved_phrases`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources

import regex

#: The folder of the word lists inside the package's `data/` folder.
VOCAB_FOLDER = "vocab"

#: The months' keys, in calendar order: `months.<key>` lists each language's names of that month.
MONTH_KEYS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

#: Every list a vocabulary file may hold (a file holds those of its language only). A name
#: outside this set is a typo, in a file or in the code, and an error.
KEYS = frozenset(
    [f"months.{month}" for month in MONTH_KEYS]
    + [
        "weekdays",
        "published_markers",
        "updated_markers",
        "name_particles",
        "not_name_words",
        "name_joiners",
        "name_stops",
        "not_handles",
        "personal_titles",
        "date_glue",
        "role_adjectives",
        "roles",
        "byline_agencies",
        "by_words",
        "by_words_line_start",
        "author_labels",
        "credit_labels",
        "by_verbs",
        "desk_labels",
        "by_word_stems",
        "byline_words",
        "other_work_credits",
        "other_work_partners",
        "title_suffix_wires",
        "wires",
        "slug_noise",
        "surname_particles",
        "never_last_in_name",
        "not_author_words",
        "second_level_domains",
        "byline_class_words",
        "chrome_words.consent",
        "chrome_words.account",
        "chrome_words.social",
        "chrome_words.comments",
        "chrome_words.commerce",
        "chrome_words.site",
        "reader_words",
        "leading_roles",
        "professions",
        "minute_words",
        "reading_words",
        "reading_time_labels",
        "comment_labels",
        "reply_words",
        "comment_count_words",
        "comment_calls",
        "conversation_phrases",
        "legal_forms",
        "admin_accounts",
        "site_notice_words",
        "profile_links",
        "comment_section_words",
        "desk_names",
        "desk_stems",
        "published_line_words",
        "date_labels",
        "closing_participles",
        "last_change_markers",
        "date_line_words",
        "byline_label_words",
        "verb_labels",
        "credit_list_labels",
        "picture_credit_words",
        "trailing_byline_words",
        "top_level_domains",
        "outlet_words",
        "outlet_word_parts",
        "organization_words",
        "organization_word_parts",
        "caption_words",
        "weekday_abbreviations",
        "ambiguous_weekday_abbreviations",
        "portrait_words",
        "profile_link_labels",
        "not_byline_classes",
        "layout_classes",
        "by_word_line_words",
        "desk_by_words",
        "desk_articles",
        "colon_author_labels",
        "credit_label_verbs",
        "credit_label_by_words",
        "interviewer_phrases",
        "interview_labels",
        "interview_by_words",
        "author_link_phrases",
        "author_link_ends",
        "author_link_by_words",
        "copyright_words",
        "copyright_signs",
        "rights_reserved_phrases",
        "byline_prefix_articles",
        "byline_prefix_labels",
        "byline_prefix_by_words",
        "published_then_by_verbs",
        "published_then_by_words",
        "name_split_words",
        "name_split_initial_words",
        "interview_joiners",
        "after_name_markers",
        "after_name_date_glue",
        "after_name_author_links",
        "after_name_credit_words",
        "after_name_credit_by_words",
        "name_suffixes",
        "name_suffix_stems",
        "glued_labels",
        "login_domain_suffixes",
        "cjk_byline_labels",
        "cjk_author_labels",
        "fact_sheet_labels",
        "fact_sheet_label_stems",
        "article_types",
        "discussion_types",
        "story_page_types",
        "listing_page_types",
        "chrome_class_words",
        "chrome_class_tokens",
        "avatar_words",
        "glued_by_words",
        "time_glue",
    ]
)

#: Lists whose words are matched as written (case-sensitively): kept as cased in the files.
CASED_KEYS = frozenset({"title_suffix_wires", "legal_forms", "glued_labels"})


class VocabError(ValueError):
    """A vocabulary file that cannot be read: the message names the file and the reason."""


@cache
def _vocabularies() -> dict[str, dict[str, tuple[str, ...]]]:
    """Each file's lists by their dotted names (`months.may`), by the file's name (`de`), in
    the order of the files' names."""
    folder = resources.files("cleaner").joinpath("data", VOCAB_FOLDER)
    files = sorted((entry for entry in folder.iterdir() if entry.name.endswith(".toml")), key=lambda e: e.name)
    if not files:
        raise VocabError(f"no vocabulary files (*.toml) in {folder}")
    vocabularies = {}
    for entry in files:
        try:
            text = entry.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise VocabError(f"{entry}: not UTF-8: {error}") from error
        vocabularies[entry.name.removesuffix(".toml")] = parse(text, str(entry))
    return vocabularies


def parse(text: str, source: str) -> dict[str, tuple[str, ...]]:
    """The lists of one vocabulary file's `text` by their dotted names; `source` names the file
    in errors (a list name outside `KEYS`, a value that is not a list of words, bad TOML)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise VocabError(f"{source}: not valid TOML: {error}") from error
    return _lists(data, source)


def _lists(data: dict, source: str, prefix: str = "") -> dict[str, tuple[str, ...]]:
    lists: dict[str, tuple[str, ...]] = {}
    for name, value in data.items():
        key = prefix + name
        if isinstance(value, dict):
            lists.update(_lists(value, source, key + "."))
            continue
        if key not in KEYS:
            raise VocabError(f"{source}: unknown list {key!r} (the lists are named in cleaner/meta/vocab.py KEYS)")
        if not isinstance(value, list) or not all(isinstance(word, str) and word.strip() for word in value):
            raise VocabError(f"{source}: {key!r} must be a list of non-empty strings")
        lists[key] = tuple(value)
    return lists


def words_by_language(key: str) -> dict[str, tuple[str, ...]]:
    """The list `key` of each file that has it, by the file's name (`en`, `common`, …)."""
    if key not in KEYS:
        raise KeyError(f"no vocabulary list {key!r} (the lists are named in cleaner/meta/vocab.py KEYS)")
    return {language: lists[key] for language, lists in _vocabularies().items() if key in lists}


def listed(key: str) -> tuple[str, ...]:
    """The words of list `key` over all files, each once, in the files' order."""
    return tuple(dict.fromkeys(word for words in words_by_language(key).values() for word in words))


def words(key: str) -> frozenset[str]:
    """The words of list `key` over all files."""
    return frozenset(listed(key))


def alternation(words: Iterable[str], space: str = r"\s+") -> str:
    """A regex alternation of `words` (without a group), the longest first so that no word
    loses to a word it starts with; a space inside a word matches `space`."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "|".join(regex.escape(word).replace(r"\ ", space) for word in ordered)
