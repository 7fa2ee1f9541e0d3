"""What a person's name and a byline look like, for both kinds of capture.

Plain-text captures only have lines, so the extractors look at the lines around the
headline and the start of the body, where bylines sit, and never inside the story."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache, partial
from importlib import resources

import regex

from cleaner import settings
from cleaner.meta import vocab
from cleaner.meta.dates import DATE_PATTERNS, DIGIT, MONTH, MONTHS, YEAR, date_marker, find_dates
from cleaner.settings import DEFAULT_OPTIONS, Options
from cleaner.textutil import WORD, without_accents

#: Lower-case particles inside names (`Jana von Berg`, `Lucie Le Gall`, `Nuño de la Cruz`).
_PARTICLES = vocab.words("name_particles")


_PARTICLE = "|".join(regex.escape(p) for p in sorted(_PARTICLES, key=len, reverse=True))


_CAPITAL_WORD = (
    r"(?:\p{Lu}[\p{Ll}'’]*\p{Ll}(?:-\p{Lu}[\p{Ll}'’]+)*"  # Anna, Jean-Luc, D'Amato
    r"|\p{Lu}\p{Ll}+\p{Lu}\p{Ll}+"  # McDonald, DeSantis
    r"|\p{Lu}['’]\p{Lu}\p{Ll}+"  # O'Brien
    r"|(?:\p{Lu}\.){1,3}"  # R. / R.C.
    r"|\p{Lu}{2,}(?:[-'’]\p{Lu}+)*)"  # ISACHENKOV
)


#: (a middle initial may go without its full stop: `Jana K Novak`, `Lars M Berger`)
_NAME_WORD = rf"(?:{_CAPITAL_WORD}|(?:{_PARTICLE}|\p{{Lu}})(?=\s))"


_NAME = regex.compile(
    rf"^{_CAPITAL_WORD}(?:\s+{_NAME_WORD}){{{settings.NAME_MIN_WORDS - 1},{settings.NAME_MAX_WORDS}}}$"
)


_CAPITAL_WORD_RE = regex.compile(rf"^{_CAPITAL_WORD}$")


#: Words that make a short capitalised line something other than a person's name: the
#: commonest words of menus, section labels and headlines in the languages met most.
_NOT_NAME_WORDS = vocab.words("not_name_words")


#: A writer's role or agency after their name, and what follows it (`, Staff Writer`, `, Reuters`).
ROLES = regex.compile(
    rf",?\s*\b(?:{vocab.alternation(vocab.words('role_adjectives'))})?\s*"
    rf"(?:{vocab.alternation(vocab.words('roles'))})s?\b.*$"
    rf"|,\s*(?:{vocab.alternation(vocab.words('byline_agencies'), space=' ')})\b.*$",
    regex.I,
)


#: A by-word or an author's label opening a line (`By …`, `Autorin: …`).
BY_PREFIX = regex.compile(
    rf"^(?:{vocab.alternation(vocab.words('by_words') | vocab.words('by_words_line_start'), space=' ')}"
    rf"|(?:{vocab.alternation(vocab.words('author_labels'))}):?)\s+",
    regex.I,
)


#: The by-words and labels that count anywhere in a line (`… Text: Jane Doe`).
_MID_LINE_BY_WORDS = vocab.words("by_words") | vocab.words("author_labels") | vocab.words("credit_labels")


#: A by-word anywhere in a short header line: `Posted in News by Jane Doe on …`,
#: `Ein Artikel von …`, `Publié par …`. (`di`, `de`, `av` are too common to count mid-line.)
_BY_MARKER = regex.compile(
    rf"(?:^|(?<=[\s|·•/,(:]))(?P<verb>(?:{vocab.alternation(vocab.words('by_verbs'))})\s+)?"
    rf"(?:(?:{vocab.alternation(_MID_LINE_BY_WORDS)})"
    r"(?:\s*:)?"
    # a desk or a column credited with a colon (`Redaktion: Jane Doe`, `Kolumnist*in: Jane Doe`)
    rf"|(?:{vocab.alternation(vocab.words('desk_labels'))})\s*:)\s+(?=\S)",
    regex.I,
)


#: Words before a mid-line by-word that make the line a byline (`Ein Artikel von …`).
_BYLINE_WORDS = regex.compile(rf"\b(?:{vocab.alternation(vocab.words('byline_words'))})\b", regex.I)


#: A by-word after these is a credit for something else (`Photo by …`, `Powered by …`).
_NOT_AUTHOR_CREDIT = regex.compile(
    # a picture, a service, a partner or an offer of a firm (`Ein Partner von STADTRADIO`, `Ein Angebot von …`)
    rf"(?:{vocab.alternation(vocab.words('other_work_credits'))}"
    # the one interviewed or met, not the writer (`Interview mit Autorin Jane Doe`, `with author Jane Doe`):
    # whole words only (`con` ends many a word)
    rf"|\b(?:{vocab.alternation(vocab.words('other_work_partners'))}))\s*[:]?\s*$",
    regex.I,
)


_NAME_JOINERS = vocab.words("name_joiners")


#: (the joiners that are words, not signs)
_SEPARATOR_WORDS = frozenset(word for word in _NAME_JOINERS if word.isalpha())


#: Words that follow a name in a byline and end it: `… am 29. Mai`, `… on August 3`, `… le 7 mai`.
_NAME_STOPS = vocab.words("name_stops")


#: A CMS's administrator account in a byline (`wordpressadmin`, `admin2`, `webmaster`): the
#: account that posted, not who wrote.
_ADMIN_ACCOUNT = regex.compile(vocab.alternation(vocab.words("admin_accounts")), regex.I)


def is_admin_account(name: str) -> bool:
    """Whether a one-word byline name is a CMS's administrator account (`wordpressadmin`)."""
    return " " not in name.strip() and bool(_ADMIN_ACCOUNT.search(name))


#: Words never taken for a one-word author handle (`by the`, `von Ihnen`).
_NOT_HANDLES = vocab.words("not_handles")


_HANDLE = regex.compile(r"^[\p{L}\d][\p{L}\d_.\-]{1,30}$")


_NAME_SEPARATORS = regex.compile(rf"\s*(?:,|;|&|\b(?:{vocab.alternation(_SEPARATOR_WORDS)})\b)\s*", regex.I)


_READING_TIME = regex.compile(
    rf"[·|•]?\s*\d+\s*(?:{vocab.alternation(vocab.words('minute_words'))})\.?\s*"
    rf"(?:{vocab.alternation(vocab.words('reading_words'), space=' ')})?\b.*$"
    rf"|(?:{vocab.alternation(vocab.words('reading_time_labels'), space=' ')})\s*:?\s*\d+.*$",
    regex.I,
)


_ANY_MONTH = r"(?:" + vocab.alternation(MONTHS) + r")\.?"


#: A weekday or its abbreviation (`Montag`, `Fri.,`); an abbreviation that is also a word (`mar`) is
#: taken only at an HTML byline's end.
_WEEKDAY_NAMES = vocab.words("weekdays") | (
    vocab.words("weekday_abbreviations") - vocab.words("ambiguous_weekday_abbreviations")
)
_WEEKDAY = rf"\b(?:{vocab.alternation(_WEEKDAY_NAMES)})\b\.?,?"


#: Month and year without a day (`Jan. 2022`), a day and month without a year (`18 Mai`), a time
#: (`23:15`, `06 PM`), a weekday: date remnants in a byline line.
_DATE_REMNANTS = regex.compile(
    r"\b" + MONTH + r"\s+" + YEAR + r"\b|\b(?:[01]?\d|2[0-3])[:.h][0-5]\d\s*(?:[ap]\.?m\.?|uhr|h)?(?!\w)"
    r"|\b(?:[01]?\d)\s*[ap]\.?m\b\.?|\b[0-3]?\d\.?\s+" + _ANY_MONTH + r"(?!\w)"
    r"|" + _WEEKDAY,
    regex.I,
)


#: The part of `_DATE_REMNANTS` without digits (weekdays): the rest cannot match a line without any.
_WEEKDAY_REMNANTS = regex.compile(_WEEKDAY, regex.I)


#: What separates the parts of a header line (`Name | date`, `date - Name - 3 comments`).
_PART_SEPARATORS = regex.compile(r"\s+[|·•/–—~-]\s+|\s*[|·•]\s*|,\s+")


#: A signature of two or three capitals and nothing else (`DT`, `MF`): initials, not a name in capitals.
_INITIALS_ALONE = regex.compile(r"^\p{Lu}{2,3}$")


def natural_case(name: str) -> str:
    """`VLADIMIR ISACHENKOV` → `Vladimir Isachenkov`; mixed-case names are left as written, and
    so are initials standing alone (`DT`)."""
    if not name.isupper() or _INITIALS_ALONE.match(name):
        return name
    parts = regex.split(r"([\s\-'’])", name.lower())
    cased = "".join(part[:1].upper() + part[1:] if part.isalpha() else part for part in parts)
    cased = regex.sub(r"(?<=\s|^|\.)(\p{Ll})(?=\.)", lambda m: m.group(1).upper(), cased)  # initials (`J.R.`)
    return regex.sub(r"\bMc(\p{Ll})", lambda m: "Mc" + m.group(1).upper(), cased)


def looks_like_name(text: str) -> bool:
    """A line that is just a person's name: 2–4 capitalised words (particles like `von` aside),
    none of them a common non-name word or a firm's legal form."""
    text = text.strip()
    # (a name's words hold no whitespace, and `regex`'s `\s` is whitespace to `str.split()`:
    # counting the words first spares the pattern most lines)
    split = text.split()
    if not settings.NAME_MIN_WORDS <= len(split) <= settings.NAME_MAX_WORDS + 1 or not _NAME.match(text):
        return False
    words = [word.strip(".").lower() for word in split]
    capitals = [word for word in words if word not in _PARTICLES]
    if not settings.NAME_MIN_WORDS <= len(capitals) <= settings.NAME_MAX_WORDS:
        return False
    if any(word.endswith(_POSSESSIVE) for word in capitals):
        return False  # `Mary Lane’s Seven-Day Plan`: a name's possessive opens a phrase
    return not any(word in _NOT_NAME_WORDS for word in capitals) and not LEGAL_FORM.search(text)


_POSSESSIVE = ("'s", "’s")


@cache
def given_names() -> frozenset[str]:
    """The given names of `cleaner/data/given_names.txt` (case-folded), read once per process
    (written by `training/given_names.py` from Faker's first names of 80 locales; the file's
    `#` lines carry Faker's MIT licence notice)."""
    text = resources.files("cleaner").joinpath("data", settings.GIVEN_NAMES_FILE).read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


#: An initial (`J.`, `J.O.`), which opens a name as a given name does.
_INITIAL = regex.compile(r"^(?:\p{Lu}\.){1,3}$")


#: Titles that only ever stand before a person's name (`Frau Lindner`, `Dr. Müller`, `Mrs H Lindner`).
_PERSONAL_TITLES = vocab.words("personal_titles")


def opens_with_given_name(name: str) -> bool:
    """Whether a name opens with a known given name (`Lars Berger`, `HANS-PETER MEIER`), an
    initial (`J.D. Novak`) or a personal title (`Frau Lindner`, `Dr. Jonas Weber`). A line of capitalised words
    that nothing else marks as a byline (a lone line after the story, a copyright holder) is a
    heading or a firm as often as a name (`Weiterführende Informationen`, `Deutscher
    Beispielverband`); there this is what tells them apart."""
    words = name.split()
    if not words:
        return False
    if _INITIAL.match(words[0]) or (len(words) > 1 and words[0].rstrip(".").casefold() in _PERSONAL_TITLES):
        return True
    first = words[0].casefold()
    known = given_names()
    if first in known or any(part in known for part in first.split("-")):
        return True
    # a name the list spells in another language's letters (`Nuño`, listed as `Nuno`)
    return not first.isascii() and any(
        (plain := without_accents(part)) in known or plain in _accented_given_names_without_accents()
        for part in first.split("-")
    )


@cache
def _accented_given_names_without_accents() -> frozenset[str]:
    """The listed names with accents, without them (`Zoë` gives `zoe`); the others are their
    own accent-free form already."""
    return frozenset(without_accents(name) for name in given_names() if not name.isascii())


#: Every role `ROLES` removes holds one of these (case-folded); an agency needs a comma.
_ROLE_STEMS = (*vocab.listed("roles"), ",")


#: A writer's role written before their name (`Ratgeber-Experte Lars Berger`,
#: `Gastautorin Jane Doe`): the line is a byline.
LEADING_ROLE = regex.compile(
    rf"^(?:\S+-)?(?:{vocab.alternation(vocab.words('leading_roles'))})\s+(?=\p{{Lu}})", regex.I
)


#: A profession written before a byline's name (`Autor: Rechtsanwalt Lars Berger`).
_PROFESSION = regex.compile(rf"^(?:{vocab.alternation(vocab.words('professions'))})\s+", regex.I)


def strip_roles(text: str) -> str:
    """A byline without its role or agency (`Jane Doe, Staff Writer` gives `Jane Doe`)."""
    folded = text.casefold()
    if not any(stem in folded for stem in _ROLE_STEMS):  # the regex is slow on every line
        return text
    return ROLES.sub("", text)


def _split_at_joiners(text: str) -> list[str]:
    folded = text.casefold()
    if ";" in folded or "," in folded or "&" in folded or not _SEPARATOR_WORDS.isdisjoint(WORD.findall(folded)):
        return _NAME_SEPARATORS.split(text)
    return [text]


def split_names(text: str) -> list[str]:
    """Names from a byline's text: roles, agencies, dates and reading time removed."""
    text = _strip_byline_noise(text)
    text = BY_PREFIX.sub("", text.strip())
    text = _PROFESSION.sub("", text)
    text = strip_roles(text).strip(" ,;|-–—")
    names = []
    for part in _split_at_joiners(text):
        part = part.strip(" .,;|-–—")
        if part and (looks_like_name(part) or _GIVEN_NAME_AND_INITIAL.match(part) and opens_with_given_name(part)):
            names.append(natural_case(part))
    return names


#: A given name and the surname's initial without its full stop (`Ariel H`), as blogs sign:
#: a name after a by-word only, and only when the first word is a known given name.
_GIVEN_NAME_AND_INITIAL = regex.compile(r"^\p{Lu}\p{Ll}+\s\p{Lu}$")


def _strip_byline_noise(text: str) -> str:
    if not DIGIT.search(text):  # reading times and dates all hold digits
        return text
    text = _READING_TIME.sub("", text)
    for pattern in DATE_PATTERNS:
        text = pattern.sub(" ", text)
    return text


def credited_names(text: str, options: Options = DEFAULT_OPTIONS) -> list[str]:
    """The names of a text that something else marks as a byline (a label on the line above, a
    rule's `author` group): read as after a by-word, so a lone user handle counts too."""
    return split_names(text) or parse_byline("By " + text, options)


def names_after_marker(text: str, options: Options = DEFAULT_OPTIONS) -> list[str]:
    """Authors named after a by-word anywhere in a header line: `Posted in News by jane_doe on
    3 Aug`, `Ein Artikel von Jana Novak, veröffentlicht am …`, `Par Luc Martin le 7 mai`.

    The name runs from the by-word to the first word that cannot be part of a name; `A, B and C`
    give three names. A one-word name (a first name or a user handle) is taken only when the
    byline ends right after it.
    """
    if DIGIT.search(text):
        text = _READING_TIME.sub("", text)
    for match in _BY_MARKER.finditer(text):
        before = text[: match.start()]
        if _NOT_AUTHOR_CREDIT.search(before):
            continue
        # a date before the by-word does not count as words (`Veröffentlicht am 3. März 2021 von …`,
        # `03.05.2021, 09:15 Uhr von …`)
        lead = [word for word in _without_dates(before).split() if word.lower().strip(",.") not in _DATE_GLUE]
        # mid-line (`Rezepte von Jana Novak`) only after a byline word, or a whole-name byline
        near = " ".join(lead[-options.byline_lead_words - 1 :])
        plain = match.start() == 0 or bool(match.group("verb")) or bool(_BYLINE_WORDS.search(near))
        # (a by-word after nothing but a date opens the byline: `May 4, 2021 by KRW`)
        plain = plain or not any(WORD.search(word) for word in lead)
        if not plain and text.isupper():
            continue  # in capitals a headline's preposition looks like a by-word (`FUERTE DEBATE POR LA REFORMA`)
        # (mid-line, the name ends the line or a byline word follows it: `Profilordner von Google
        # Chrome verschieben` is a sentence)
        names = _names_from_tokens(text[match.end() :], single_ok=plain, must_end_cleanly=not plain)
        if names and (plain or len([w for w in lead if WORD.search(w)]) <= options.byline_lead_words):
            return names
    return []


_LONE_CAPITAL = regex.compile(r"^\p{Lu}$")


#: A label's word, which opens the next part of a meta line (`Kategorien:`, `Tags:`).
_LABEL_WORD = regex.compile(r"^\p{L}{2,}:$")


def _names_from_tokens(tail: str, single_ok: bool = True, must_end_cleanly: bool = False) -> list[str]:
    tokens = regex.findall(r"[,&|·•/(]|[^\s,&|·•/(]+", tail)
    names: list[list[str]] = [[]]
    ended_cleanly = True
    for position, token in enumerate(tokens):
        word = token.rstrip(".") if not regex.match(r"^(?:\p{Lu}\.)+$", token) else token
        lower = word.lower()
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        if lower in _NAME_JOINERS:
            if names[-1]:
                names.append([])
            continue
        if (
            (lower in _PARTICLES or _LONE_CAPITAL.match(word))
            and names[-1]
            and _CAPITAL_WORD_RE.match(following.rstrip(".,"))
        ):
            names[-1].append(word)  # `Jana von Berg`, `Jana K Novak`
            continue
        if _CAPITAL_WORD_RE.match(word) and lower not in _NOT_NAME_WORDS and len(names[-1]) < settings.NAME_MAX_WORDS:
            names[-1].append(word)
            continue
        if (
            single_ok
            and not names[-1]
            and len(names) == 1
            and lower not in _NOT_HANDLES
            and lower not in _NOT_NAME_WORDS
            and _HANDLE.match(word)
            and not word.isdigit()
        ):
            # a user handle (`damianduchamps`, `Bo2man`): only when the byline ends after it
            nxt = following.lower()
            # (or a label opens what the line says next: `von Jana Kategorien: Allgemein`)
            if not nxt or nxt in _NAME_STOPS or regex.match(r"^\d", nxt) or _LABEL_WORD.match(nxt):
                return [word]
            return []
        ended_cleanly = (
            lower in _NAME_STOPS or bool(regex.match(r"^\d", word)) or not word or bool(_LABEL_WORD.match(token))
        )
        break
    if must_end_cleanly and not ended_cleanly:
        return []
    result = []
    for parts in names:
        if not parts:
            continue
        name = " ".join(parts)
        if looks_like_name(name):
            result.append(natural_case(name))
        elif (
            single_ok and len(parts) == 1 and len(names) == 1 and ended_cleanly and parts[0].lower() not in _NOT_HANDLES
        ):
            result.append(natural_case(parts[0]) if len(parts[0]) > 2 else parts[0])
        else:
            break
    return result


#: Words that tie a date to a byline (`am`, `on`, `Uhr`): not words of the byline's lead.
_DATE_GLUE = vocab.words("date_glue")


#: A label closing a byline line before its date (`Jana Novak Stand: 12. März 2021`).
_TRAILING_LABEL = regex.compile(r"\s+\p{L}+:\s*$")


def without_dates(text: str) -> str:
    """A line without its dates and their remnants (a time, a weekday, a month and year)."""
    return _without_dates(text)


def _without_dates(text: str) -> str:
    text = _strip_byline_noise(text)
    return (_DATE_REMNANTS if DIGIT.search(text) else _WEEKDAY_REMNANTS).sub(" ", text)


def name_in_parts(text: str) -> list[str]:
    """The name among the parts of a header line with no by-word: `Lars Berger, 21. Jan. 2015`,
    `23.06.2016 um 16:14 Uhr - Jana Novak - 12 Ergänzungen`, `Jane Doe, Reuters`; several
    names when every part is one (`Jana Novak, Maria Luisa Ortega`)."""
    text = strip_roles(_without_dates(text))
    text = _TRAILING_LABEL.sub("", text)
    parts = [part.strip(" .,;:") for part in _PART_SEPARATORS.split(text)]
    parts = [part for part in parts if part]
    names = [part for part in parts if looks_like_name(part)]
    if len(names) >= 2 and len(names) == len(parts):
        return [natural_case(name) for name in names]
    if len(names) != 1 or any(len(part.split()) > settings.NAME_MAX_WORDS for part in parts):
        return _only_names(text) if len(parts) == 1 else []
    if any(_PHRASE_PART.match(part) for part in parts if part != names[0]):
        return []  # `Neue Radwege – das Herzstück der Verkehrswende`: a headline
    return [natural_case(names[0])]


#: A part of a line that reads as a phrase (a lower-case word then more words: `das
#: Schlüsselelement der Energiewende`, `the story of a town`): a headline's, not a byline's
#: (whose other parts are a role, an agency, a date, a count).
_PHRASE_PART = regex.compile(r"^\p{Ll}+\s+\S+\s+\S+")


def _only_names(text: str) -> list[str]:
    """`split_names` of a line without a by-word, when every part it splits into is a name:
    `My Garden and I` is a headline, not a byline naming `My Garden`."""
    text = strip_roles(text).strip(" ,;|-–—")
    parts = [part.strip(" .,;|-–—") for part in _split_at_joiners(text)]
    # (an empty part: the line ends with a joiner, `My Garden and I`, the `I` read as one)
    if parts and all(part and looks_like_name(part) for part in parts):
        return [natural_case(part) for part in parts]
    return []


def credits_other_work(before: str) -> bool:
    """Whether the words before a by-word make it a credit for something other than the story
    (`Photo by`, `Powered by`, `Ein Partner von`)."""
    return bool(_NOT_AUTHOR_CREDIT.search(before))


def by_word_position(text: str) -> int | None:
    """Where the first by-word of a line starts (see `has_by_word`), or None."""
    if BY_PREFIX.match(text.strip()):
        return 0
    if not holds_any(text, _BY_WORD_STEMS):  # (the pattern is slow on every line; most hold none)
        return None
    match = _BY_MARKER.search(text)
    return match.start() if match else None


def has_by_word(text: str) -> bool:
    """A line that names its author with a by-word (`By …`, `… von …`, `Autor: …`)."""
    return by_word_position(text) is not None


def credits_writer(text: str) -> bool:
    """A line that says who wrote the piece: it opens with a by-word (`Von Jane Doe.`), or a
    byline word comes before its by-word (`Ein Interview von Jane Doe mit John Roe.`); a by-word
    in a sentence about someone (`Das Imperium von Jane Doe wankt.`) is not such a credit."""
    text = text.strip()
    if BY_PREFIX.match(text):
        return True
    match = _BY_MARKER.search(text)
    return bool(match and (match.group("verb") or _BYLINE_WORDS.search(text[: match.start()])))


#: Every by-word of `_BY_MARKER` holds one of these (case-folded): after one, a lower-case user
#: handle is a byline (`posted by jane_doe`); any other byline names someone in two capitalised words.
_BY_WORD_STEMS = vocab.listed("by_word_stems")


#: The characters other than ASCII letters that `regex`'s case-insensitive matching takes for
#: one (`İ` for `i`, `ſ` for `s`, the Kelvin sign for `k`).
ASCII_LETTER_TWINS = frozenset("\u0130\u017f\u212a")


def holds_any(text: str, words: tuple[str, ...]) -> bool:
    """False when no case-insensitive pattern over `words` (lower-case ASCII) can match in `text`:
    none of them is in the text lower-cased, and it has no `ASCII_LETTER_TWINS`. A quick test
    before such a pattern, which is slow to fail on every position of a line."""
    lowered = text.lower()
    return any(word in lowered for word in words) or not ASCII_LETTER_TWINS.isdisjoint(text)


#: A word starting with a capital, as a name's words do (`Anna`, `D'Amato`, `ISACHENKOV`, `R.`).
_CAPITALISED_TOKEN = regex.compile(r"(?<![\p{L}'’])\p{Lu}[\p{L}'’.\-]*")


def could_be_byline(text: str) -> bool:
    """False when `parse_byline` surely finds no name: no by-word, and fewer than two capitalised
    words that are not common non-name words (a name has two). Cheap; most lines of a page fail.
    (A user handle on a dated line, `janedoe — 2. Februar 2022`, is `dated_handle`'s.)"""
    folded = text.casefold()
    if any(stem in folded for stem in _BY_WORD_STEMS):
        return True
    capitals = 0
    for token in _CAPITALISED_TOKEN.findall(text):
        if token.strip(".").lower() not in _NOT_NAME_WORDS:
            capitals += 1
            if capitals >= 2:
                return True
    return False


def undoubled(text: str) -> str:
    """A line written twice in a row, as dumps repeat a link's text and its image's alt text
    (`Jana Novak Jana Novak`, or glued: `Jana NovakJana Novak`), written once; and a name with
    its profile's handle glued on (`Jana Novakjananovak`) without the handle."""
    words = text.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    half = len(text) // 2
    if half > 1 and len(text) % 2 == 0 and text[:half] == text[half:]:
        return text[:half]
    return _without_glued_handle(text, words)


#: The shortest handle taken for the name it spells (`jdoe` could be a surname's end).
_GLUED_HANDLE_MIN_CHARS = 5


def _without_glued_handle(text: str, words: list[str]) -> str:
    """`Jana Novakjananovak` -> `Jana Novak`: the last word ends in the lower-case spelling of
    the two to four words before that ending (a link's text run into the handle it shows)."""
    if len(words) < 2 or not words[-1][-1:].islower():
        return text
    last = words[-1]
    # every handle tried spells the word before the last (lower-cased letter by letter, as
    # `lower()` does an ASCII word whatever follows it): without it, none matches
    if words[-2].isascii() and words[-2].lower() not in last:
        return text
    for cut in range(1, len(last) - _GLUED_HANDLE_MIN_CHARS + 1):
        handle, name_words = last[cut:], [*words[:-1], last[:cut]]
        for count in range(2, min(4, len(name_words)) + 1):
            if handle == "".join(name_words[-count:]).lower():
                return text[: len(text) - len(handle)]
    return text


#: The label of a link to the writer's profile, run into the name by a dump (`Jane Doe Zur
#: Autorenseite`, `Jane DoeView profile`).
_PROFILE_LINK = regex.compile(
    rf"(?<=\p{{L}}\.?)\s*(?:{vocab.alternation(vocab.words('profile_link_labels'))})\s*$", regex.I
)


#: A profile link's label ending a line, searched from the end (`_PROFILE_LINK`, with its
#: look-behind, tries every position of the line; most lines end with none).
_ENDS_WITH_PROFILE_LINK = regex.compile(
    rf"(?:{vocab.alternation(vocab.words('profile_link_labels'))})\s*$", regex.I | regex.REVERSE
)


def without_profile_link(text: str) -> str:
    """A byline without the label of the profile link a dump ran into it."""
    if not _ENDS_WITH_PROFILE_LINK.search(text):
        return text
    return _PROFILE_LINK.sub("", text)


#: A comment count's words (`Kommentare`, `Responses`).
_COMMENT_WORDS = vocab.alternation(vocab.words("comment_labels") | vocab.words("reply_words"))


#: A user handle as blogs print it: lower-case (`karstenruppert`), or with a digit, an underscore
#: or a capital inside (`delta201`, `ThE_PaiN`, `KleineGrüneMonster`); a capitalised word
#: (`Berlin`) could as well be a dateline's place.
_HANDLE_SHAPE = regex.compile(r"^(?:\p{Ll}[\p{Ll}\d]+|[\p{L}\d]*(?:\d|_|\p{Ll}\p{Lu})[\p{L}\d_]*)$")


#: A line's comment count and call to comment, after the author of a blog's dated meta line.
_COMMENT_COUNT = regex.compile(
    rf"(?:\s*[|·•–—-]\s*)?(?:\d+\s+)?(?:{vocab.alternation(vocab.words('comment_count_words'))}|\d+)?\s*"
    rf"(?:{_COMMENT_WORDS})(?:\s+\d+)?\s*[|]?\s*$"
    rf"|\s*(?:{vocab.alternation(vocab.words('comment_calls'), space=' ')})\s*$",
    regex.I,
)


#: A date (up to five words), the handle and a comment count (`Schreibe einen Kommentar`, `3 Kommentare`).
_DATED_HANDLE_MAX_WORDS = 10


def dated_handle(text: str) -> list[str]:
    """The user handle of a blog's dated meta line: a date and one handle-shaped word and at
    most the comment count (`28. Januar 2015 karstenruppert Schreibe einen Kommentar`,
    `reineckefuchs — 2. Februar 2022`, `26 Mai, 2008 | ThE_PaiN | Kommentare 34 |`)."""
    words = text.split()
    if len(words) > _DATED_HANDLE_MAX_WORDS or not DIGIT.search(text):
        return []
    if not any(_HANDLE_SHAPE.match(word.strip(".,;:|")) for word in words if not word[0].isdigit()) or not find_dates(
        text
    ):
        return []
    rest = _COMMENT_COUNT.sub("", _without_dates(text)).strip(" |·•–—-,")
    rest = _COMMENT_COUNT.sub("", rest).strip(" |·•–—-,")
    if len(rest.split()) != 1:
        return []
    word = rest.strip(".,;:")
    lower = word.lower()
    if lower in _NOT_HANDLES or lower in _NOT_NAME_WORDS or lower in _DATE_GLUE or date_marker(word):
        return []  # `4. Februar 2022 aktualisiert`
    if (
        not word[0].isdigit()
        and _HANDLE_SHAPE.match(word)
        and _HANDLE.match(word)
        and regex.search(rf"(?<![\w:.]){regex.escape(word)}(?!\w)", text)
    ):
        return [word]  # (a word glued to a time, `16:20päivitetty`, is the line's label)
    return []


#: A capitalised word glued to the end of a name (`Eva LindnerFollow`, `Jane DoeStaff Writer`).
_GLUED_WORD = regex.compile(r"(?<=\p{Ll})(\p{Lu}\p{Ll}+)(?!\S*\p{Ll}\p{Lu})")


def unglued(text: str) -> str:
    """A dump's glued button or role set off from the name before it (`Eva Lindner · Follow`),
    when the glued word is one that is never part of a name."""
    if not _GLUED_WORD.search(text):
        return text
    return _GLUED_WORD.sub(lambda m: " · " + m.group(1) if m.group(1).lower() in _NOT_NAME_WORDS else m.group(1), text)


#: An author's photo named after them, as dumps write its alt text (`Jane Doe Image`, `Avatar Jane Doe`).
_PORTRAIT = regex.compile(
    rf"^avatar\s+(?=\p{{Lu}})|(?<=\p{{L}}\.?)\s+(?:{vocab.alternation(vocab.words('portrait_words'))})$", regex.I
)


def parse_byline(text: str, options: Options = DEFAULT_OPTIONS) -> list[str]:
    """Authors from a byline line: `By Jana Novak February 04, 2022`, `LARS BERGER`,
    `Jane Doe, Reuters`, `By A and B`, `von Eva Lindner am 29. Mai 2017`. Empty when the
    line is not a byline. A line read as it stands names no one is read again with what a text
    browser glued to it set apart (see `set_apart`)."""
    if not may_name_someone(text):
        return []
    return list(_byline_parser(options)(text))


#: A capital letter, as every word of a name starts with one (see `_CAPITAL_WORD`).
_CAPITAL = regex.compile(r"\p{Lu}")


def may_name_someone(text: str) -> bool:
    """False when `parse_byline` surely finds no name in `text`: it holds no by-word stem and
    fewer than two capitals. Every name `parse_byline` reads either follows a by-word (a user
    handle may be lower-case) or is a name of two capitalised words (`looks_like_name`,
    `could_be_byline`); and what it does to a line first (`set_apart`, `unglued`, `undoubled`,
    the profile link's, role's and portrait's labels cut) only takes text away or puts spaces
    and separators in, which brings in neither a capital nor a stem. A quick test: most lines
    of a page go through the whole byline reading for nothing."""
    first = _CAPITAL.search(text)
    if first is not None and _CAPITAL.search(text, first.end()) is not None:
        return True
    return holds_any(text, _BY_WORD_STEMS)


#: Each `Options` met, its cached `_parse_byline_read`; and the last one, found by identity:
#: hashing an `Options` (all of its fields) costs more than most lines' parse.
_BYLINE_PARSERS: dict[Options, Callable[[str], tuple[str, ...]]] = {}
_last_byline_parser: tuple[Options, Callable[[str], tuple[str, ...]]] | None = None
#: Options met before the parsers are forgotten (a sweep over thresholds makes many).
_BYLINE_PARSERS_KEPT = 8


def _byline_parser(options: Options) -> Callable[[str], tuple[str, ...]]:
    global _last_byline_parser
    last = _last_byline_parser  # read once: another thread may replace it
    if last is not None and last[0] is options:
        return last[1]
    if (parser := _BYLINE_PARSERS.get(options)) is None:
        if len(_BYLINE_PARSERS) >= _BYLINE_PARSERS_KEPT:
            _BYLINE_PARSERS.clear()
        # (each pass over a capture reads the same lines again: see _find_dates)
        parser = _BYLINE_PARSERS[options] = lru_cache(maxsize=settings.METADATA_CACHED_LINES)(
            partial(_parse_byline_read, options=options)
        )
    _last_byline_parser = (options, parser)
    return parser


def _parse_byline_read(text: str, options: Options) -> tuple[str, ...]:
    names = _parse_byline(text, options)
    if not names and (apart := set_apart(text)) != text:
        names = _parse_byline(apart, options)
    return tuple(name for name in names if not LEGAL_FORM.search(name))  # `Mario ROSSI SPA` is a firm


#: A firm's legal form (`Example Media GmbH`, `Mario Rossi SpA`, `Harbour Wind SE`): a name holding one is no person's.
LEGAL_FORM = regex.compile(rf"\b(?:{vocab.alternation(vocab.words('legal_forms'))})\b|\be\.\s?V\b")


#: What a text browser writes before a byline: an image's placeholder (`[Image-from] Jane Doe`,
#: `[cropped] Jane Doe`) or the author's avatar named by its alt text, repeated (`AvatarAvatarJane Doe`).
_LEADING_PICTURE = regex.compile(
    rf"^\s*(?:(?:\[[^\[\]]{{0,40}}\]\s*)+|(?:(?:{vocab.alternation(vocab.words('avatar_words'))})\s*)+)(?=\p{{Lu}})",
    regex.I,
)


_GLUED_BY_WORDS = tuple(sorted(vocab.words("glued_by_words")))


#: Inline parts a text browser runs together (no space between them): a date and a label or a
#: name (`2019Author`, `Kalt4 Kommentare`, `Berger22. Februar`, `Posted on3. Mai`), a
#: by-word or label and a name (`byJane Doe`, `AuthorJane Doe`).
_GLUED_PARTS = regex.compile(
    r"(?<=\p{Ll}\p{Ll})(?=\d)|(?<=\d)(?=\p{Lu}\p{Ll})"
    rf"|(?:(?<=^|[\s\d])(?i:{vocab.alternation(_GLUED_BY_WORDS)}))\K(?=\p{{Lu}}\p{{Ll}})"
)


def set_apart(text: str) -> str:
    """A byline line with what a text browser glued to it set apart: an image placeholder or an
    avatar before the name dropped, a date run into a label or a name spaced (`Posted on28. Juli
    201928. Juli 2019AuthorJane Doe4 Kommentare` reads `Posted on 28. Juli 2019 28. Juli 2019
    Author Jane Doe 4 Kommentare`). Only for a line that names no one as it stands: a handle
    with digits (`jdoe1`) is one word."""
    text = _LEADING_PICTURE.sub("", text.strip())
    # (each of the parts it sets apart holds a digit or a glued by-word)
    if not DIGIT.search(text) and not holds_any(text, _GLUED_BY_WORDS):
        return text
    return _GLUED_PARTS.sub(" ", text)


#: A conversation's credit line, both of its speakers (`Jane Doe im Gespräch mit John Roe`,
#: `Jane Doe in conversation with John Roe`): an interview's header names both.
_CONVERSATION = regex.compile(
    rf"^(?P<host>[^,;:|]+?)\s+(?:{vocab.alternation(vocab.words('conversation_phrases'))})\s+(?P<guest>[^,;:|]+?)\s*$",
    regex.I,
)


def _parse_byline(text: str, options: Options) -> list[str]:
    stripped = unglued(undoubled(without_profile_link(text.strip())))
    if (
        len(stripped) < options.portrait_label_max_chars
        and (portrait := _PORTRAIT.sub("", stripped)) != stripped
        and looks_like_name(portrait)
    ):
        return [natural_case(portrait)]
    if len(stripped.split()) > options.byline_max_words:
        return []
    if (
        (without_role := LEADING_ROLE.sub("", stripped, count=1)) != stripped
        and looks_like_name(without_role)
        and opens_with_given_name(without_role)
    ):
        return [natural_case(without_role)]  # `Ratgeber-Experte Lars Berger`
    if not could_be_byline(stripped):
        return []
    if (match := _CONVERSATION.match(stripped)) and looks_like_name(match["host"]) and looks_like_name(match["guest"]):
        return [natural_case(match["host"]), natural_case(match["guest"])]
    has_by = bool(BY_PREFIX.match(stripped))
    if has_by:
        names = split_names(stripped)
        if names:
            return names
    if names := names_after_marker(stripped, options):
        return names
    if has_by:
        return []
    return dated_meta_name(stripped) or name_in_parts(stripped)


#: A blog meta line's comment count or call to comment (`1 Kommentar`, `4 Comments`, a bare count at its end).
_META_COUNT = regex.compile(
    rf"(?<!\S)\d+(?:\s+(?:{_COMMENT_WORDS})\b|\s*$)|\b(?:{vocab.alternation(vocab.words('comment_labels'))})\b",
    regex.I,
)


def dated_meta_name(text: str) -> list[str]:
    """The author of a blog's dated meta line, which opens with the date and goes on with the
    author, the comment count and the post's categories (`2. Februar 2020 Jane Doe 1 Kommentar
    Politik, Wirtschaft`, `16. Mai 2019 Jane Doe Netzwerk, Windows 2`). The name runs from the
    date to the first word that cannot be part of it: a count, a comment word, a comma. Before a
    comma the name's last word is the first category (a list of categories follows it), when
    the name keeps two words without it. A line without a comment count is not such a line."""
    if not text[:1].isdigit() or not (dates := find_dates(text)) or dates[0][0] != 0:
        return []
    # (a date written twice with no space between, `3. März 20213. März 2021`, leaves digits)
    rest = _without_dates(text).lstrip(" 0123456789.,:;|/·•–—-")
    if not _META_COUNT.search(rest):
        return []
    words: list[str] = []
    for token in rest.split():
        word = token.rstrip(",")
        if (
            not _CAPITAL_WORD_RE.match(word)
            and not (words and word.lower() in _PARTICLES)
            or word.lower() in _NOT_NAME_WORDS
        ):
            break
        words.append(word)
        if token.endswith(","):  # a list of categories follows
            if len(words) > settings.NAME_MIN_WORDS:
                words.pop()
            break
        if len(words) > settings.NAME_MAX_WORDS:
            return []
    name = " ".join(words)
    return [natural_case(name)] if looks_like_name(name) else []


_REPORTED_FROM = regex.compile(
    r"(?:^|[.;]\s+)(?P<name>\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}.'’\-]*){0,3})\s+reported\s+from\s+\p{Lu}"
)


def names_from_credit(text: str) -> list[str]:
    """Reporters named in an end-of-story credit: `Jeong reported from Seoul. Rauhala reported from Brussels.`"""
    return [match.group("name") for match in _REPORTED_FROM.finditer(text)]
