"""The HTML title: the headline the page's own head confirms, without its site-name part."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import islice
from typing import TYPE_CHECKING

import lxml.html
import regex
from lxml import etree

from cleaner import meta, settings
from cleaner.meta import vocab

if TYPE_CHECKING:
    pass
from cleaner.html.metadata.head import (
    PageHead,
    article_root,
    casefolded_words,
    heading_text,
    is_logo,
    is_site_name,
    json_ld_types,
    site_names,
    title_parts,
    word_overlap,
)
from cleaner.settings import Options
from cleaner.text.title_model import TitleModel
from cleaner.textutil import WORD, comparable_text


def head_title(head: PageHead, sites: list[str], options: Options) -> str | None:
    """The head's headline: og:title, JSON-LD headline or `<title>`, without a site-name part."""
    for title in (
        head.meta("og:title"),
        next((obj["headline"] for obj in head.articles if isinstance(obj.get("headline"), str)), None),
        head.meta("twitter:title"),
        head.title,
    ):
        if not title:
            continue
        parts = title_parts(title)
        kept = [part for part in parts if not is_site_name(part, sites, options)]
        if len(parts) > 1 and kept:
            # the headline is the longest part left (taglines and sections are short)
            return meta.strip_title_suffix(max(kept, key=len), sites)
        return meta.strip_title_suffix(title, sites)
    return None


def find_title(tree: lxml.html.HtmlElement, head: PageHead, url: str | None = None, *, options: Options) -> str | None:
    """The visible headline the head's titles confirm, else the head's own title."""
    sites = site_names(head, url)
    references = [
        value
        for value in (head.meta("og:title"), head.meta("twitter:title"), head.title)
        + tuple(obj["headline"] for obj in head.articles if isinstance(obj.get("headline"), str))
        if value
    ]
    reference_parts = [part for value in references for part in title_parts(value)]
    # casefolded once: headings are compared with every part
    site_parts = {part.casefold() for part in reference_parts} - {
        part.casefold() for part in reference_parts if not is_site_name(part, sites, options)
    }
    reference_words = [casefolded_words(value) for value in references]

    def candidates(tag: str) -> list[str]:
        found = []
        for element in tree.iter(tag):
            text = heading_text(element)
            if not (options.title_min_chars <= len(text) <= options.title_max_chars):
                continue
            if text.casefold() in site_parts:
                continue  # a part of <title> that names the site
            if is_site_name(text, sites, options) or is_logo(element):
                continue
            found.append(text)
        return found

    def best(texts: list[str]) -> tuple[float, int, str] | None:
        """(overlap, -index, text) of the text the references confirm most (the first of equals)."""
        scored = []
        for index, text in enumerate(texts):
            words = casefolded_words(text)
            scored.append(
                (max((word_overlap(words, reference) for reference in reference_words), default=0.0), -index, text)
            )
        return max(scored, default=None)

    h1s = candidates("h1")
    h2s: list[str] | None = None  # read only when an <h1> does not decide
    if len(h1s) == 1 and head.title and (other_end := _title_end_facing_site_h1(h1s[0], title_parts(head.title))):
        h2s = candidates("h2")
        if named := next((h2 for h2 in h2s if h2.casefold() == other_end), None):
            return without_kicker(named, headline_forms(references, sites, options), options)
    best_h1 = best(h1s)
    if best_h1 and best_h1[0] >= options.title_heading_min_overlap:
        return without_kicker(best_h1[2], headline_forms(references, sites, options), options)
    if h2s is None:
        h2s = candidates("h2")
    best_h2 = best(h2s)
    confirmed_h2 = best_h2 if best_h2 is not None and best_h2[0] >= options.title_h2_min_overlap else None
    # a lone <h1> the head's titles share no word with, over an <h2> they confirm, is the
    # blog's or section's name (`Security Blog` above the post's `<h2>`)
    if best_h1 and (not references or len(h1s) == 1 and not (confirmed_h2 and best_h1[0] == 0)):
        return without_kicker(h1s[0], headline_forms(references, sites, options), options)
    if confirmed_h2:
        return without_kicker(confirmed_h2[2], headline_forms(references, sites, options), options)
    title = head_title(head, sites, options)
    if title:
        return title
    return h1s[0] if h1s else None


@dataclass
class TitleCandidate:
    """A text the page offers as its title, with the features the learned chooser weighs."""

    text: str
    #: where the text was found: `search` (`find_title`'s choice), `h1`, `h1_later`, `h2` (the
    #: first `<h2>`/`<h3>`), `og`, `twitter`, `title`, `jsonld`; a text several give carries all of them
    sources: list[str] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)


#: The texts of the elements in `<body>` without child elements that a reader sees.
_LEAF_TEXTS = etree.XPath(
    "//body//*[not(*) and not(self::script or self::style or self::noscript or self::template)]/text()",
    smart_strings=False,  # plain strings: no link back to each text's element, which nothing reads
)
_STORY_TYPES = vocab.words("story_page_types")
_LISTING_TYPES = vocab.words("listing_page_types")


def _head_titles(head: PageHead) -> list[tuple[str, str]]:
    """(source, text) of each title the head states."""
    found: list[tuple[str, str | None]] = [
        ("og", head.meta("og:title")),
        ("twitter", head.meta("twitter:title")),
        ("title", head.title),
    ]
    for obj in head.json_ld:
        story = any(kind.casefold() in _STORY_TYPES for kind in json_ld_types(obj))
        for key in ("headline", "name") if story else ("headline",):
            if isinstance(value := obj.get(key), str):
                found.append(("jsonld", value))
    return [(source, text) for source, text in found if text]


def page_signals(tree: lxml.html.HtmlElement, head: PageHead, options: Options) -> dict[str, bool]:
    """What kind of page this looks like, for the chooser: a story (JSON-LD article type,
    `og:type` article, a stated publication time, an `<article>`), a page of things
    (JSON-LD product, list, forum or service types), many cards (`<h2>`/`<h3>` headings),
    little prose."""
    types = {kind.casefold() for obj in head.json_ld for kind in json_ld_types(obj)}
    # each count only as far as its threshold: a page's paragraphs are many, and each is read whole
    prose_paragraphs = (
        p for p in tree.iter("p") if len(p.text_content().split()) >= options.title_choice_prose_min_words
    )
    prose = sum(1 for _ in islice(prose_paragraphs, options.title_choice_prose_paragraphs))
    headings = sum(1 for _ in islice(tree.iter("h2", "h3"), options.title_choice_many_headings))
    return {
        "story": bool(types & _STORY_TYPES)
        or (head.meta("og:type") or "").casefold() == "article"
        or bool(head.meta("article:published_time", "datepublished")),
        "article_element": next(tree.iter("article"), None) is not None,
        "listing": bool(types & _LISTING_TYPES),
        "cards": headings >= options.title_choice_many_headings,
        "little_prose": prose < options.title_choice_prose_paragraphs,
    }


def _word_bin(count: int) -> str:
    for top, name in ((1, "1"), (3, "2-3"), (8, "4-8"), (15, "9-15")):
        if count <= top:
            return name
    return "16+"


def title_candidates(
    tree: lxml.html.HtmlElement, head: PageHead, url: str | None, searched: str | None, *, options: Options
) -> list[TitleCandidate]:
    """Each title the page offers, with its features: `searched` (`find_title`'s choice), the first
    `<h1>` headings, the head's titles (og:title, twitter:title, `<title>`, JSON-LD headline
    or name) whole, without the site's name (`strip_title_suffix`), and split into their
    parts (`title_parts`). A text given by several sources is one candidate carrying each."""
    sites = site_names(head, url)
    by_text: dict[str, TitleCandidate] = {}
    flags: dict[str, set[str]] = {}

    def add(text: str | None, source: str, form: str, *more: str) -> None:
        text = (text or "").strip()
        if not (options.title_min_chars <= len(text) <= options.title_max_chars):
            return
        key = comparable_text(text)
        candidate = by_text.setdefault(key, TitleCandidate(text))
        if source not in candidate.sources:
            candidate.sources.append(source)
        flags.setdefault(key, set()).update({f"src:{source}", f"{source}:{form}", f"form:{form}", *more})

    add(searched, "search", "whole")
    h1s = [heading_text(element) for element in tree.iter("h1")]
    for position, text in enumerate(h1s[: options.title_choice_max_h1]):
        add(text, "h1" if position == 0 else "h1_later", "whole")
    subheadings = [heading_text(element) for element in tree.iter("h2", "h3")]
    if subheadings:
        add(subheadings[0], "h2", "whole")
    for source, title in _head_titles(head):
        parts = title_parts(title)
        add(title, source, "whole", f"{source}:parts{min(len(parts), 3)}")
        stripped = meta.strip_title_suffix(title, sites)
        if stripped != title.strip():
            add(stripped, source, "stripped")
        if len(parts) > 1:
            named = any(is_site_name(part, sites, options) for part in parts)
            for position, part in enumerate(parts):
                form = "first" if position == 0 else "last" if position == len(parts) - 1 else "middle"
                add(part, source, form, *([f"{source}:beside_site"] if named else []))
    if not by_text:
        return []

    signals = page_signals(tree, head, options)
    root = article_root(tree)
    body = root if root is not None else tree
    # (the candidates' words the body has: what its overlap with each candidate counts)
    body_text = body.text_content().casefold()
    # (each word looked for once, however many candidates share it)
    candidate_words = {word for candidate in by_text.values() for word in casefolded_words(candidate.text)}
    body_words = {word for word in candidate_words if _has_word(body_text, word)}
    first_paragraph = next(
        (
            set(WORD.findall(text.casefold()))
            for p in body.iter("p")
            if len((text := p.text_content()).split()) >= options.title_choice_prose_min_words
        ),
        set(),
    )
    h1_keys = [comparable_text(text) for text in h1s if text]
    subheading_keys = {comparable_text(text) for text in subheadings}
    h1_words = casefolded_words(h1s[0]) if h1s else set()
    head_titles = _head_titles(head)
    head_words = casefolded_words(head_titles[0][1]) if head_titles else set()
    # the candidates the page shows as a whole element (a breadcrumb's last link, a teaser's
    # name); a text is compared only when it has as many words as some candidate, as it then
    # must (`comparable_text` keeps the words of a text that has no entity to decode)
    longest = max(len(key) for key in by_text)
    word_counts = {len(key.split()) for key in by_text}
    shown = {
        key
        for text in _LEAF_TEXTS(tree)
        if len(text.strip()) <= longest
        and ("&" in text or len(text.split()) in word_counts)
        and (key := comparable_text(text)) in by_text
    }
    first_h1 = next(tree.iter("h1"), None)
    h1_place = []
    if first_h1 is not None:
        if root is not None and any(ancestor is root for ancestor in first_h1.iterancestors()):
            h1_place.append("h1_in_root")
        if any(ancestor.tag in ("header", "nav") for ancestor in first_h1.iterancestors()):
            h1_place.append("h1_in_header")
    candidates = list(by_text.values())
    for key, candidate in by_text.items():
        words = casefolded_words(candidate.text)
        features = dict.fromkeys(flags[key], 1.0)
        features[f"words:{_word_bin(len(candidate.text.split()))}"] = 1.0
        features["sources"] = float(len(candidate.sources))
        features["chars_log"] = math.log1p(len(candidate.text))
        if key in h1_keys:
            features["equals_h1"] = 1.0
        elif any(h1 and h1 in key for h1 in h1_keys):
            features["contains_h1"] = 1.0
        elif any(key in h1 for h1 in h1_keys):
            features["inside_h1"] = 1.0
        if is_site_name(candidate.text, sites, options):
            features["site_name"] = 1.0
        features["body_overlap"] = word_overlap(words, body_words)
        features["first_paragraph_overlap"] = word_overlap(words, first_paragraph)
        if not h1_keys:
            features["no_h1"] = 1.0
        if key in subheading_keys:
            features["equals_subheading"] = 1.0
        features["share_in_h1"] = word_overlap(words, h1_words)
        features["covers_h1"] = word_overlap(h1_words, words)
        features["share_in_head"] = word_overlap(words, head_words)
        features["covers_head"] = word_overlap(head_words, words)
        if key in shown:
            features["shown"] = 1.0
        for source in candidate.sources:
            for place in h1_place:
                features[f"{source}&{place}"] = 1.0
        for signal, on in signals.items():
            if on:
                for source in candidate.sources:
                    features[f"{source}&{signal}"] = 1.0
                if "equals_h1" in features:
                    features[f"equals_h1&{signal}"] = 1.0
        candidate.features = features
    return candidates


_WORD_CHARACTER = regex.compile(r"\w")


def _has_word(text: str, word: str) -> bool:
    """Whether `word` is one of the words (`WORD`) of `text`: it stands in the text with no word
    character just before or after it (finding a few words so costs far less than all of them)."""
    if not WORD.fullmatch(word):
        return False
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not _WORD_CHARACTER.match(text, start - 1)) and not _WORD_CHARACTER.match(text, end):
            return True
        start = text.find(word, start + 1)
    return False


@cache
def load_html_title_model() -> TitleModel | None:
    """The packaged chooser (`cleaner/data/html_title_model.json`), read once per process;
    None when the package has none (`find_title` then decides alone)."""
    path = resources.files("cleaner").joinpath("data", settings.HTML_TITLE_MODEL_FILE)
    if not path.is_file():
        return None
    return TitleModel(json.loads(path.read_text(encoding="utf-8")))


def choose_title(
    tree: lxml.html.HtmlElement, head: PageHead, url: str | None, searched: str | None, *, options: Options
) -> str | None:
    """The page's title: the learned chooser's pick among `title_candidates`, else (no model,
    no candidate) `searched`, the rule-based search's (`find_title`)."""
    model = load_html_title_model()
    if model is None:
        return searched
    candidates = title_candidates(tree, head, url, searched, options=options)
    best = model.best([candidate.features for candidate in candidates])
    return candidates[best].text if best is not None else searched


def _title_end_facing_site_h1(h1: str, parts: list[str]) -> str | None:
    """The `<title>`'s part (case-folded) that an `<h2>` must read to be the headline when the
    page's lone `<h1>` is its site's name: the title runs from one to the other over a section
    between them, the `<h1>` at one end and the `<h2>` at the other (`Time 4 talks » Blog
    Archiv » Weitere Digitalisierung der Schweizer Kinos`, an old blog theme's site title in an
    `<h1>` above each post's `<h2>`). Even where the site's name is not known, such a title says
    which part it is. (With two parts, or with the `<h2>` in the middle, the `<h1>` is as likely
    the headline and the `<h2>` the site's tagline or the story's subtitle.)"""
    folded = [part.casefold() for part in parts]
    key = h1.casefold()
    if len(folded) < 3 or key not in (folded[0], folded[-1]):
        return None
    return folded[-1] if key == folded[0] else folded[0]


def headline_forms(references: Sequence[str], sites: list[str], options: Options) -> list[str]:
    """The head's titles as whole headlines: each as written, without the site's name after it
    (`… stecken! - handwerk magazin`), and without the site's name before it (`INDUSTRIEMAGAZIN
    | Luftfahrtbranche …`). Never a part of one: `Coronavirus: New York ramps up …` is one
    headline, not two."""
    forms = []
    for reference in references:
        forms += [reference, meta.strip_title_suffix(reference, sites)]
        parts = title_parts(reference)
        if len(parts) > 1 and is_site_name(parts[0], sites, options):
            forms.append(reference[reference.index(parts[1]) :])
    return forms


def without_kicker(heading: str, references: Sequence[str], options: Options) -> str:
    """The headline in a heading that runs a kicker or section label into it (`Immobilienkrise
    Rene Benko-Firma …`, `Local News | Brothel …`, `"Reformstau lösen" / Irme …`): the heading's
    own last words, when one of the head's titles (og:title, JSON-LD headline, `<title>`, see
    `headline_forms`) is exactly those words. The kicker dropped has at most `options.title_kicker_max_words` words."""
    words = heading.split()
    comparable = {comparable_text(reference) for reference in references}
    # the parts of one title, for a kicker the head sets apart (`Daten von Rheinmetall gehackt -
    # Interne Unterlagen im Netz`) and the heading runs in (`Interne Unterlagen im Netz Daten …`)
    part_sets = [{comparable_text(part) for part in title_parts(reference)} for reference in references]
    for dropped in range(1, min(options.title_kicker_max_words, len(words) - options.title_kicker_min_rest_words) + 1):
        rest, kicker = " ".join(words[dropped:]), " ".join(words[:dropped])
        if comparable_text(rest) in comparable:
            return rest
        # (a kicker set off by its own separator, `Flooding: Riverside …`, is how the headline reads)
        if kicker[-1] not in _KICKER_SEPARATORS and any(
            {comparable_text(rest), comparable_text(kicker)} <= parts for parts in part_sets
        ):
            return rest
    return heading


_KICKER_SEPARATORS = frozenset(":|/–—-")


def kicked_headlines(tree: lxml.html.HtmlElement, title: str, options: Options) -> set[str]:
    """The case-folded texts of the page's `<h1>` headings that are `title` with a kicker of at
    most `options.title_kicker_max_words` words before it, as `without_kicker` takes it off (`Immobilienkrise
    Rene Benko-Firma …`): such a line in the body is the headline shown again. (A section's
    `<h2>` that ends with the headline's words, `How To Make Peanut Butter Truffles`, is not.)"""
    folded, words = title.casefold(), len(title.split())
    return {
        text
        for element in tree.iter("h1")
        if (text := heading_text(element).casefold()).endswith(folded)
        and 0 < len(text.split()) - words <= options.title_kicker_max_words
    }


#: Class and id words of byline elements (the vocabulary of trafilatura's author XPaths,
#: plus German and French), matched case-insensitively anywhere in the attribute.
_BYLINE_WORDS = vocab.listed("byline_class_words")


BYLINE_MARK = regex.compile("|".join(map(regex.escape, _BYLINE_WORDS)), regex.I)
