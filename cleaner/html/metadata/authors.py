"""The HTML authors: JSON-LD and meta authors, byline elements in the article or its header,
labels, signatures and the lines under the headline."""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from statistics import median

import lxml.html
import regex
from lxml import etree

from cleaner import meta, settings
from cleaner.html.metadata.head import PageHead, is_discussion, is_logo, is_site_name, json_ld_types, site_names
from cleaner.html.metadata.page import (
    ELEMENTS_BEFORE,
    UNSHOWN,
    dates_in,
    inside_furniture,
)
from cleaner.html.metadata.title import BYLINE_MARK
from cleaner.meta import vocab
from cleaner.settings import DEFAULT_OPTIONS, Options
from cleaner.textutil import join_words
from cleaner.tree import is_within


def _marked_as_byline(element: etree._Element, seen: dict[str, bool], classes: str | None) -> bool:
    """Whether the element's class or id holds a byline word, or its `rel`/`itemprop` says
    author. `seen` remembers class values already tested (pages repeat them); `classes`: the
    element's class as the caller read it (None: it has none; not read again)."""
    if classes is not None:
        hit = seen.get(classes)
        if hit is None:
            hit = seen[classes] = BYLINE_MARK.search(classes) is not None
        if hit:
            return True
    identifier = element.get("id")
    if identifier is not None and BYLINE_MARK.search(identifier):
        return True
    return element.get("rel") == "author" or "author" in element.get("itemprop", "")


_ORGANIZATION_TYPES = {"Organization", "NewsMediaOrganization", "Corporation", "WebSite", "WebPage"}


_EMAIL_OR_URL = regex.compile(
    r"^(?:https?://|www\.)|@\S+\.\w+|\[at\]|^[\w-]+(?:\.[\w-]+)*\.\p{L}{2,}/"
)  # (`facebook.com/site`)


#: Leading words of a byline that are not part of a name ("By", "Von", "Autor:", "Posted by").
_BYLINE_PREFIX = regex.compile(
    rf"^(?:(?:(?:{vocab.alternation(vocab.words('byline_prefix_articles'))})\s+)?"
    rf"(?:{vocab.alternation(vocab.words('byline_prefix_labels'))}|written\s+and\s+\w+)\s*:?\s+)?"
    rf"(?:{vocab.alternation(vocab.words('byline_prefix_by_words') | vocab.words('cjk_byline_labels'))})"
    r"(?:\b|(?<=:)|(?<=[\p{Han}]))\s*[:：]?\s*",
    regex.I,
)


#: Between names: lists, `and` in several languages, an interview's two sides (`NAME im
#: Gespräch mit NAME`, `NAME in conversation with NAME`).
_NAME_SPLIT = regex.compile(
    rf"\s*(?:;|\||,|&|\b(?:{vocab.alternation(vocab.words('name_split_words'))})\b"
    rf"|\b(?:{vocab.alternation(vocab.words('name_split_initial_words'))})\b(?!\.)"
    rf"|\b(?:{vocab.alternation(vocab.words('interview_joiners'))})\b)\s*",
    regex.I,
)


#: What a byline's text may carry after the names (dates, roles, agencies, links, the
#: pictures' credits: `Text von NAME Illustration von NAME`).
_AFTER_NAME = regex.compile(
    rf"\s*(?:[|•·]|\s-\s|\b(?:{vocab.alternation(vocab.words('after_name_markers'))})\b"
    rf"|(?:\b(?:{vocab.alternation(vocab.words('after_name_date_glue'))})\s+)?\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}"
    r"|\d{4}-\d\d-\d\d"
    # a link to the writer's other pieces (`Jane Doe Alle Artikel`, `Jane Doe View all posts`)
    rf"|\s(?:{vocab.alternation(vocab.words('after_name_author_links'))})\b"
    # credits after it
    rf"|\s(?:{vocab.alternation(vocab.words('after_name_credit_words'))})\s+"
    rf"(?:{vocab.alternation(vocab.words('after_name_credit_by_words'))})\s).*$",
    regex.I,
)


#: Academic and professional suffixes after a name (`Jane Doe, PhD`): not a second author.
_NAME_SUFFIX = regex.compile(
    r"^(?:"
    + vocab.alternation(vocab.words("name_suffixes"), space=r"\s")
    + rf"|(?:{vocab.alternation(vocab.words('name_suffix_stems'))})\.?[\w.-]*)\.?$",
    regex.I,
)


#: A label glued to the name by markup without a space (`<b>Author</b>Lars Berger`).
_GLUED_PREFIX = regex.compile(rf"^(?:{vocab.alternation(vocab.words('glued_labels'))})(?=\p{{Lu}}[\p{{Ll}}.])")


#: A weekday's abbreviation left after a byline's date was cut off (`Jana Novak Fr, 12.03.`).
_TRAILING_WEEKDAY = regex.compile(rf"\s+(?:{vocab.alternation(vocab.words('weekday_abbreviations'))})\.?,?$", regex.I)


_PARENTHESIS = regex.compile(r"\s*\([^()]*\)")


#: What bylines carry after the name: a role, a profile link's label, the site's domain
#: (`Lars Berger Chefredakteur`, `Lucía Prieto Twitter`, `NAME Example.com Redakteur`).
_TRAILING_NOISE = regex.compile(
    rf"\s+(?:{vocab.alternation(vocab.words('trailing_byline_words'))}"
    rf"|\S+\.(?:{vocab.alternation(vocab.words('top_level_domains'))}))(?:\s.*)?$",
    regex.I,
)


#: A name ending in an initial (`Juan Pablo Ortega C.`) keeps its full stop.
_ENDS_WITH_INITIAL = regex.compile(r"(?:^|\s)\p{Lu}\.$")


def clean_author(text: str, person: bool = False, *, options: Options) -> str | None:
    """One author's name from a byline fragment, or None when it is not a name.

    Removes `By`/`Von`, roles and agencies, trailing dates; all-capitals become natural case.
    A single word is accepted (bloggers sign with a first name or a handle), but not words
    that are furniture ("Follow", "Redaktion" alone is kept: desks sign as a desk).
    """
    text = join_words(text).strip(" ,;:|-–—")
    text = _BYLINE_PREFIX.sub("", text)
    text = _AFTER_NAME.sub("", text)
    text = _GLUED_PREFIX.sub("", text)
    text = meta.LEADING_ROLE.sub("", text)
    text = _PARENTHESIS.sub("", text)  # `Lars Berger (Pressesprecher des Vereins)`: a role
    text = _without_role(text, person)
    text = _TRAILING_WEEKDAY.sub("", text)
    text = _TRAILING_NOISE.sub("", text)
    if not _ENDS_WITH_INITIAL.search(text):
        text = text.rstrip(".")
    if not text or _EMAIL_OR_URL.search(text) or _NAME_SUFFIX.match(text) or meta.LEGAL_FORM.search(text):
        return None
    words = text.split()
    if not (1 <= len(words) <= options.author_max_words) or len(text) > options.author_max_chars:
        return None
    if any(char.isdigit() for char in text) and not _HANDLE.match(text) or not any(char.isalpha() for char in text):
        return None
    if text.casefold() in _NOT_AUTHOR_WORDS or text.casefold().rstrip(":") in _NOT_AUTHOR_WORDS:
        return None
    if meta.is_admin_account(text):
        return None  # `wordpressadmin`, `siteadmin`: the CMS's account, not who wrote
    if len(words) > 1 and words[-1].casefold() in _NEVER_LAST_IN_NAME:
        return None  # `Letters To The` (Editor taken for a role): a phrase, not a name
    if (
        len(words) > 1
        and not person
        and not all(word[:1].isupper() or word.casefold() in _NAME_PARTICLES for word in words)
    ):
        return None
    return meta.natural_case(text)


def _without_role(text: str, person: bool) -> str:
    """`text` without a role after the name (`Jane Doe, Staff Writer`). A Person's name in the
    markup that is one word and a role word (`Fliegender Reporter`) is a pen name: a role
    follows a name, and one word left over is no name the role followed but the pen name's
    first half, so it stays whole."""
    stripped = meta.ROLES.sub("", text).strip(" ,;:|-–—")
    if person and len(stripped.split()) == 1 and len(text.split()) == 2 and "," not in text:
        return text
    return stripped


#: A user name with digits in it (`delta201`, `Bo2man`): one word, a letter first, at least
#: HANDLE_MIN_LETTERS letters; other digits in a byline are a date's or a count's.
_HANDLE = regex.compile(rf"^(?=(?:\d*\p{{L}}){{{settings.HANDLE_MIN_LETTERS}}})\p{{L}}[\p{{L}}\d_]*$")


_NAME_PARTICLES = vocab.words("surname_particles")


#: Words that end a phrase cut short, never a person's name.
_NEVER_LAST_IN_NAME = vocab.words("never_last_in_name")


#: Single words that bylines carry but that are nobody's name.
_NOT_AUTHOR_WORDS = vocab.words("not_author_words")


#: A publication line that names its author last (`Veröffentlicht am 8. Februar 2022 von X`).
_PUBLISHED_THEN_BY = regex.compile(
    rf"^(?:{vocab.alternation(vocab.words('published_then_by_verbs'))})\b.{{0,60}}?"
    rf"\s(?:{vocab.alternation(vocab.words('published_then_by_words'))})\s+(?P<names>\S.*)$",
    regex.I,
)


def split_authors(text: str, person: bool = False, *, options: Options = DEFAULT_OPTIONS) -> list[str]:
    """Names from one byline string (several split on `,` `;` `and` `und` `&`). `person`: the
    markup says these are people's names (JSON-LD `Person`), so one in lower case is kept."""
    text = join_words(text)
    if "&" in text:
        # escaped twice by the CMS (`Lindsey O&#039;Donnell` in JSON-LD): the `;` of an entity
        # is no separator between names
        text = html.unescape(text)
    if cjk_label := _CJK_LABEL.search(text):
        text = text[cjk_label.start() :]  # `【纠错】 责任编辑： NAME`: the label on
    if published_then_by := _PUBLISHED_THEN_BY.match(text):
        text = published_then_by["names"]
    text = _BYLINE_PREFIX.sub("", text)
    text = _AFTER_NAME.sub("", text)
    if meta.LEGAL_FORM.search(text):
        return []  # `Beispiel-Verlag GmbH, Nürnberg, Germany`: a firm and its address, not people
    names: list[str] = []
    for part in _NAME_SPLIT.split(text):
        name = clean_author(part, person, options=options)
        if name and names and _OUTLET.search(name) and meta.opens_with_given_name(names[0]):
            break  # `Jane Doe, Harbour News, New York`: the writer's outlet, then the place
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    if len(names) > 1 and not any(" " in name for name in names):
        return _one_word_names(names)
    return names


def _one_word_names(names: list[str]) -> list[str]:
    """Names from a byline string that split into one word each: when none of the words is a
    given name, they are the words of an organisation's name or address (`Kirche und Leben,
    Münster, Germany`), not several people."""
    return names if any(map(meta.opens_with_given_name, names)) else []


#: A news outlet's or a desk's word: after a person's name in a byline, what follows is where
#: they write and from where, not more people.
_OUTLET = regex.compile(
    rf"\b(?:{vocab.alternation(vocab.words('outlet_words'))})\b|(?:{vocab.alternation(vocab.words('outlet_word_parts'))})",
    regex.I,
)


#: A person's login made of their names (`jane.doe`, `jane_doe`), lower case.
_DOTTED_NAME = regex.compile(
    rf"^(?P<first>\p{{Ll}}{{2,}})[._](?!(?:{vocab.alternation(vocab.words('login_domain_suffixes'))})$)(?P<last>\p{{Ll}}{{2,}})$"
)


def _json_ld_author_names(value: object, by_id: dict[str, dict] | None = None, *, options: Options) -> list[str]:
    names: list[str] = []
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, dict) and "name" not in item and by_id and isinstance(item.get("@id"), str):
            item = by_id.get(item["@id"], item)  # `{"@id": …}`: a Person elsewhere in the graph
        if isinstance(item, str):
            names.extend(split_authors(item, options=options))
        elif isinstance(item, dict):
            if set(json_ld_types(item)) & _ORGANIZATION_TYPES:
                continue
            name = item.get("name")
            if isinstance(name, str):
                # `{"@id": …, "name": …}`: the node the reference names says what it is
                node = by_id.get(item["@id"], item) if by_id and isinstance(item.get("@id"), str) else item
                person = "Person" in json_ld_types(item) or "Person" in json_ld_types(node)
                if person and (dotted := _DOTTED_NAME.match(name.strip())):
                    name = f"{dotted['first']} {dotted['last']}".title()  # `jane.doe`: a CMS login
                names.extend(split_authors(name, person=person, options=options))
    return names


def authors_from_head(head: PageHead, sites: Iterable[str] = (), *, options: Options) -> list[str]:
    """Authors the head names: the article's JSON-LD `author`, then meta author tags.

    A name that is the site's own name is the publisher, not an author, and is skipped
    (unless it is a person's: `Jane Doe` on her foundation's site).
    """
    sites = list(sites)

    def people(names: list[str]) -> list[str]:
        return not_publishers(names, sites, options)

    by_id = {obj["@id"]: obj for obj in head.json_ld if isinstance(obj.get("@id"), str)}
    for obj in head.articles:
        if "author" in obj:
            names = people(_json_ld_author_names(obj["author"], by_id, options=options))
            if names:
                return names
    for key in (
        "author",
        "article:author",
        "parsely-author",
        "sailthru.author",
        "dc.creator",
        "citation_author",
        "byl",
    ):
        for value in head.metas.get(key, ()):
            if key in _SURNAME_FIRST_KEYS and (catalogued := _SURNAME_COMMA_GIVEN.match(value)):
                value = f"{catalogued['given']} {catalogued['surname']}"
            names = people(split_authors(value, options=options))
            if names:
                return names
    return []


#: Meta keys whose one name is written surname first (`Doe, Jane`), as Dublin Core and
#: Google Scholar's citation tags catalogue authors.
_SURNAME_FIRST_KEYS = frozenset(("dc.creator", "citation_author"))


_SURNAME_COMMA_GIVEN = regex.compile(
    r"^\s*(?P<surname>[\p{L}'’-]+),\s*(?P<given>\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}\.)*)\s*$"
)


#: Words of organisations' names (a publisher, a desk), not of a person's.
_ORGANIZATION_WORDS = regex.compile(
    rf"\b(?:{vocab.alternation(vocab.words('organization_words'))}|e\.\s?v)\b"
    rf"|(?:{vocab.alternation(vocab.words('organization_word_parts'))})",  # also inside compounds
    regex.I,
)


def not_publishers(names: list[str], sites: Iterable[str], options: Options) -> list[str]:
    """`names` without the site's own name (the publisher), unless that name is a person's:
    two words or more, none an organisation's word."""
    sites = list(sites)
    return [
        name
        for name in names
        if not is_site_name(name, sites, options) or (" " in name and not _ORGANIZATION_WORDS.search(name))
    ]


def byline_candidates(
    scope: etree._Element,
    root: etree._Element | None,
    headline: etree._Element | None,
    options: Options = DEFAULT_OPTIONS,
) -> tuple[list[etree._Element], list[etree._Element]]:
    """Byline elements where a byline may be, in reading order: those marked by class, id,
    `rel` or `itemprop` (`_marked_as_byline`), and those whose own text opens with a byline
    word (`Von: <a>NAME</a>`, `Autorin: NAME`). The region: from the headline (or the
    article's start, whichever comes first; `options.author_above_headline_elements` before it) to the
    article's end (and `options.author_after_article_elements` after it); without an article, up to
    `options.author_header_elements` elements after the headline; without either, the whole page.
    One pass over the region (found first by counting elements in XPath): an XPath testing
    the words, or EXSLT regexes (which call back into Python per element), cost several
    times more."""
    first, last = _byline_region(scope, root, headline, options)
    seen: dict[str, bool] = {}
    marked: list[etree._Element] = []
    labelled: list[etree._Element] = []
    for element in islice(scope.iter(etree.Element), first, last):
        classes = element.get("class")
        if _marked_as_byline(element, seen, classes):
            marked.append(element)
        elif (text := element.text) and (
            _may_open_a_label(text)
            and _BYLINE_LABEL.match(text)
            or ("编" in text or "作" in text or "记" in text)
            and _CJK_LABEL.search(text)
        ):
            labelled.append(element)
        elif (tail := element.tail) and len(tail) > 2:  # not the whitespace between elements
            if element.tag == "br" and _may_open_a_label(tail) and _BYLINE_LABEL.match(tail):
                labelled.append(element)  # `…<br>Autor: <a>NAME</a><br>`: the line after the break
            elif (
                ("编" in tail or "作" in tail or "记" in tail)
                and _CJK_LABEL.search(tail)
                and (parent := element.getparent()) is not None
            ):
                labelled.append(parent)  # `<span><a>【纠错】</a> 责任编辑： NAME</span>`
    return marked, labelled


def _byline_region(
    scope: etree._Element,
    root: etree._Element | None,
    headline: etree._Element | None,
    options: Options,
) -> tuple[int, int | None]:
    """The slice of `scope.iter(etree.Element)` where `byline_candidates` looks (see there)."""
    headline_at, root_at = _index_in(scope, headline), _index_in(scope, root)
    if headline_at is None and root_at is None:
        return 0, None
    start = min(at for at in (headline_at, root_at) if at is not None) - options.author_above_headline_elements
    if root_at is not None:
        end = root_at + int(_COUNT_DESCENDANTS(root)) + options.author_after_article_elements
    else:
        end = start + options.author_header_elements
        story = _story_container(headline, scope) if headline is not None else None
        if story is not None and (story_at := _index_in(scope, story)) is not None:
            # a long story's signature (`Text: NAME`) under its last paragraph, beyond the
            # header's elements: the region runs to the end of the story's own container (not
            # past it: what follows a container no markup calls an article is the site's)
            end = max(end, story_at + int(_COUNT_DESCENDANTS(story)))
    return max(start, 0), end + 1


def _story_container(headline: etree._Element, scope: etree._Element) -> etree._Element | None:
    """Without an article container, the story's: the headline's closest ancestor that holds
    paragraphs (the headline and its text side by side), below `scope` (the body, which holds
    the sidebars and footers too)."""
    for ancestor in headline.iterancestors():
        if ancestor is scope or ancestor.tag in ("body", "html"):
            return None
        if next(ancestor.iter("p"), None) is not None:
            return ancestor
    return None


_COUNT_DESCENDANTS = etree.XPath("count(descendant::*)")


def _index_in(scope: etree._Element, element: etree._Element | None) -> int | None:
    """`element`'s index in `scope.iter(etree.Element)`, None when it is not under `scope`."""
    if element is None or not (element is scope or any(ancestor is scope for ancestor in element.iterancestors())):
        return None
    return int(ELEMENTS_BEFORE(element)) - int(ELEMENTS_BEFORE(scope))


#: A Chinese editor's or author's label, wherever in its text (`【纠错】 责任编辑： NAME`); the
#: search first looks for its characters (`编`, `作`, `记`) with `in`, which most texts lack.
_CJK_LABEL = regex.compile(rf"(?:{vocab.alternation(vocab.words('cjk_byline_labels'))})\s*[:：]")


#: A Chinese name: two to four Han characters, written without a space.
_HAN_NAME = regex.compile(r"^\p{Han}{2,4}$")


#: The words a byline's label is made of (`By`, `Autorin`, `Posted by`, `Interview`).
_LABEL_WORDS = vocab.words("byline_label_words") | vocab.words("verb_labels") | vocab.words("credit_list_labels")


#: First letters of the words `_BYLINE_LABEL` opens with: one look at a text's first letter
#: spares the regex on nearly every element of the page (most of the search's time otherwise).
_LABEL_INITIALS = frozenset(word[0] for word in _LABEL_WORDS) | frozenset(word[0].upper() for word in _LABEL_WORDS)


def _may_open_a_label(text: str) -> bool:
    first = text[:1]
    if first in _LABEL_INITIALS:
        return True
    if not first.isspace() and first not in _LABEL_LEADS:
        return False  # what most texts open with: nothing to strip before their first letter
    return text.lstrip().lstrip(_LABEL_LEADS).lstrip()[:1] in _LABEL_INITIALS  # as `^\s*[-–—|•·]?\s*` allows


#: What `_BYLINE_LABEL` lets stand before its word.
_LABEL_LEADS = "-–—|•·"


#: The opening of a byline written as text: a by-word or an author label.
_BYLINE_LABEL = regex.compile(
    rf"^\s*[-–—|•·]?\s*(?:{vocab.alternation(vocab.words('byline_label_words') | vocab.words('verb_labels'))}"
    rf"|(?:{vocab.alternation(vocab.words('credit_list_labels'))})(?=\s*:?\s*$))\b\s*:?(?:\s|$)",
    regex.I,
)


#: A byline label saying what was done (`Posted by`, `Geschrieben von`): no heading or sentence
#: opens that way (`Von Sprachregeln und Politik` does), so a handle after it is a byline too.
_VERB_LABEL = regex.compile(rf"^\s*[-–—|•·]?\s*(?:{vocab.alternation(vocab.words('verb_labels'))})\b", regex.I)


def _signature(element: etree._Element) -> tuple[str, str]:
    return element.tag, element.get("class", "")


def authors_from_byline(
    tree: lxml.html.HtmlElement,
    root: lxml.html.HtmlElement | None = None,
    headline: etree._Element | None = None,
    boxes: list[str] | None = None,
    sites: Sequence[str] = (),
    *,
    options: Options = DEFAULT_OPTIONS,
) -> list[str]:
    """Authors from byline elements (class, id, `rel`, `itemprop` naming an author or byline)
    inside the article or its header, never from sidebars, comments, related lists or footers.

    The first element in reading order that gives a name decides, with the elements like it
    (`<a class="author">A</a> und <a class="author">B</a>`); one holding more text than a
    byline gives way to the elements inside it.

    `boxes`, when given, receives the texts of the marked elements that are too long for a
    byline (author boxes: `Jane Doe ist freie Autorin …`), where a first name is completed.
    """
    body = tree.find(".//body")
    scope = body if body is not None else tree
    marked, labelled = byline_candidates(scope, root, headline, options)
    layout = frozenset(headline.iterancestors()) if headline is not None else frozenset()
    header = _header_zone(headline, options) if headline is not None else frozenset()
    if headline is not None or root is not None:
        cards = _card_bylines(marked, headline, options) | _card_bylines(labelled, headline, options)
        marked = [element for element in marked if element not in cards]
        labelled = [element for element in labelled if element not in cards]
    if boxes is not None:
        for element in marked:
            inside_article = root is not None and (element is root or root in element.iterancestors())
            if inside_furniture(element, root if inside_article else scope, inside_article, layout, header):
                continue
            text = element.text_content()
            if len(text) > options.author_byline_max_chars:  # its texts apart: `Kathrin | Hallo, ich bin …`
                boxes.append(" | ".join(filter(None, map(join_words, element.itertext())))[: options.author_box_chars])
    from_marked = _names_from(marked, scope, root, layout, header, options=options)
    if from_marked and not_publishers(from_marked, sites, options):
        return from_marked
    # a text that opens with `Von`/`By` is weaker evidence (`Von Sprachregeln und Politik`, a
    # heading): not in headings (but for a lone label, `<h4>Autor</h4>`), names of two words or more
    labelled = [
        element
        for element in labelled
        if (element.tag not in _HEADINGS or _LABEL_ONLY.match(element.text_content()))
        and _credit_label_in_place(element, headline)
    ]
    from_text = _names_from(labelled, scope, root, layout, options=options)
    if from_text and all(" " in name or _HAN_NAME.match(name) for name in from_text):
        # over a byline naming the site itself: a syndicated story credits its writer in a
        # labelled line of the text (`Written by: NAME`)
        return from_text
    if from_text and not from_marked:
        # a handle is taken from a label standing alone before its name (`<span>by</span>
        # <a>delta201</a>`): the markup sets the name apart, no sentence reads that way
        lone = [element for element in labelled if _LABEL_ONLY.match(element.text_content())]
        if lone and _names_from(lone, scope, root, layout, options=options) == from_text:
            return from_text
        # and from a label saying what was done (`Posted by Quentin`)
        verbed = [element for element in labelled if _VERB_LABEL.match(element.text_content())]
        if verbed and _names_from(verbed, scope, root, layout, options=options) == from_text:
            return from_text
    return from_marked


_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "title"))


def _card_bylines(
    elements: list[etree._Element],
    headline: etree._Element | None,
    options: Options,
) -> set[etree._Element]:
    """The byline elements of a listing's cards: alike elements (same tag and class) that sit
    one each in `options.author_card_min_items` sibling items or more, each item holding a
    teaser's words besides the byline (`<li><h3>Story</h3><span class="author">NAME</span></li>`
    three times over), short ones (`options.author_card_max_median_words`). Such a byline is its
    card's, not the page's: a page of teasers names no author. Not a thread's posts (long
    items), nor an item holding the headline (a story followed by the next ones, each with
    its byline)."""
    groups: dict[tuple[str, str], list[etree._Element]] = {}
    for element in elements:
        groups.setdefault(_signature(element), []).append(element)
    cards: set[etree._Element] = set()
    for group in groups.values():
        if len(group) < options.author_card_min_items:
            continue
        chains = {element: [element, *element.iterancestors()] for element in group}
        items = {element: item for element in group if (item := _card_of(element, chains, options)) is not None}
        if not items or median(len(item.text_content().split()) for item in items.values()) > (
            options.author_card_max_median_words
        ):
            continue
        cards.update(
            element
            for element, item in items.items()
            if headline is None or headline is item or not is_within(headline, item)
        )
    return cards


def _card_of(
    element: etree._Element, chains: dict[etree._Element, list[etree._Element]], options: Options
) -> etree._Element | None:
    """The item around `element` (a proper ancestor) whose parent holds at least
    `options.author_card_min_items` items with one of the alike elements in each (`chains`:
    each with its ancestors, itself first), the items holding words besides their byline; None
    when there is none."""
    depth = {id(node): level for level, node in enumerate(chains[element])}
    # the items' parent: the lowest ancestor `element` shares with another alike element
    shared = min(
        next((level for node in chain if (level := depth.get(id(node))) is not None), len(depth))
        for other, chain in chains.items()
        if other is not element
    )
    if shared <= 1 or shared >= len(depth):
        return None  # the alike elements side by side: one byline's several names
    parent, child = chains[element][shared], chains[element][shared - 1]
    items = {
        id(chain[chain.index(parent) - 1])
        for other, chain in chains.items()
        if other is not element and any(node is parent for node in chain)
    }
    items.add(id(child))
    words = len(child.text_content().split()) - len(element.text_content().split())
    if len(items) >= options.author_card_min_items and words >= options.author_card_min_other_words:
        return child
    return None


def _header_zone(headline: etree._Element, options: Options) -> frozenset[etree._Element]:
    """The article's header (`_header_elements`, at most `options.author_header_zone_elements`), whatever
    its elements' classes say. A layout with a left sidebar puts the author's box there (`<div
    class="sidebar"><div class="teaser-box author">NAME</div>` between the headline and the
    text); a sidebar of other stories comes after the story or beside the page's header, not
    inside the article's."""
    return frozenset(element for element, _ in _header_elements(headline, options.author_header_zone_elements, options))


#: Labels of a credits list that name who wrote a story only as a list's label (`Interview` /
#: `MARA HOLT`, `Words` / `JANE DOE`): the same word above a headline is its kicker.
_CREDIT_ONLY_LABEL = regex.compile(rf"^\s*(?:{vocab.alternation(vocab.words('credit_list_labels'))})\s*:?\s*$", regex.I)


def _credit_label_in_place(label: etree._Element, headline: etree._Element | None) -> bool:
    """Whether a label is a byline's where it stands. `Interview` or `Words` alone is a credit
    only below the headline, before a value that is no heading (`<div>Interview</div><div>NAME
    </div>` in a credits list); above the headline, or before a heading, it is a kicker
    (`<span>Interview</span><h1>Ada Larkin</h1>`). Other labels are bylines anywhere."""
    if not _CREDIT_ONLY_LABEL.match(label.text_content()):
        return True
    if headline is None or int(ELEMENTS_BEFORE(label)) <= int(ELEMENTS_BEFORE(headline)):
        return False
    value = label.getnext()
    return value is not None and value.tag not in _HEADINGS


def _names_from(
    elements: list[etree._Element],
    scope: etree._Element,
    root: etree._Element | None,
    layout: frozenset[etree._Element] = frozenset(),
    header: frozenset[etree._Element] = frozenset(),
    *,
    options: Options,
) -> list[str]:
    """Names from the first of `elements` that gives one, and the elements like it near it
    (the same tag and class, under its ancestor `options.author_names_shared_ancestor_levels` up:
    `<a class="author">A</a> und <a class="author">B</a>`; the same class further down is a
    related story's byline)."""
    chosen: tuple[str, str] | None = None
    first: etree._Element | None = None
    names: list[str] = []
    for element in elements:
        inside_article = root is not None and (element is root or root in element.iterancestors())
        if inside_furniture(
            element, root if inside_article else scope, inside_article, layout, header
        ):  # not the article's own classes
            continue
        if chosen is not None and (_signature(element) != chosen or not _near(element, first, options)):
            continue
        if element.tag in _HEADINGS and is_logo(element):
            # `<h1 class="vcard author"><a href="/">Site</a></h1>`: the site's title, marked as its owner's card
            continue
        if element.tag == "meta":
            text = element.get("content")
        else:
            text = _line_after(element) if element.tag == "br" else element.text_content()
        if not text or len(text) > options.author_byline_max_chars or _PICTURE_CREDIT.match(text):
            continue
        if _in_fact_sheet(element):
            continue  # `Autorin: NAME` between `Seiten: 400` and `Verlag: …`: a reviewed book's author
        found = split_authors(text, options=options)
        if not found and _LABEL_ONLY.match(text):
            # `<b>Von:</b> <a>NAME</a>`: the first text near the label that names someone
            neighbours = _label_neighbour_texts(element, options)
            found = next(filter(None, (split_authors(text, options=options) for text in neighbours)), [])
        if not found and not any(inner.tag in _BLOCK_TAGS for inner in element.iterdescendants()):
            # one line of a byline whose name the splitter cannot cut from what follows it (`Posted
            # by jdoe on Friday …`, `By Jane Roe ⋅ Review Editor`, `Mar 3, 2021Jane Roe`): read as a
            # byline line is; an element holding blocks holds several lines, which it would run together
            found = [name for line in meta.parse_byline(text, options) for name in split_authors(line, options=options)]
        if not found:
            continue
        if chosen is None:
            chosen, first = _signature(element), element
        for name in found:
            if name.casefold() not in {known.casefold() for known in names}:
                names.append(name)
        if len(names) >= options.author_max_names:
            break
    return names


def _line_after(br: etree._Element) -> str:
    """The text of the line a `<br>` opens: its tail and its siblings' text up to the next break."""
    parts = [br.tail or ""]
    for sibling in br.itersiblings():
        if sibling.tag == "br" or sibling.tag in _BLOCK_TAGS:
            break
        if isinstance(sibling.tag, str):
            parts.append(sibling.text_content())
        parts.append(sibling.tail or "")
    return join_words(" ".join(parts))


_BLOCK_TAGS = frozenset(("p", "div", "ul", "ol", "table", "section", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"))


#: The other lines of a reviewed work's fact sheet (`Verlag: …`, `Seiten: 400`, `ISBN: …`).
_FACT_LINE = regex.compile(
    rf"^\s*(?:{vocab.alternation(vocab.words('fact_sheet_labels'))}"
    rf"|(?:{vocab.alternation(vocab.words('fact_sheet_label_stems'))})\w*)\s*:",
    regex.I,
)


def _in_fact_sheet(element: etree._Element) -> bool:
    """Whether the byline's line (the element, or its parent for a label inside a line) has a
    neighbouring line of a fact sheet: a reviewed book's or film's author, not the page's."""
    parent = element.getparent()
    line = parent if parent is not None and _LABEL_ONLY.match(element.text_content()) else element
    for sibling in (line.getprevious(), line.getnext()):
        if sibling is not None and isinstance(sibling.tag, str) and _FACT_LINE.match(sibling.text_content()):
            return True
    return False


def _near(element: etree._Element, first: etree._Element | None, options: Options) -> bool:
    """Whether `element` sits under `first`'s ancestor `options.author_names_shared_ancestor_levels` up."""
    ancestor = first
    for _ in range(options.author_names_shared_ancestor_levels):
        if ancestor is None:
            return False
        ancestor = ancestor.getparent()
    return ancestor is not None and any(node is ancestor for node in element.iterancestors())


#: A picture's credit (`Photograph by NAME, AGENCY`): its photographer is not the story's author.
_PICTURE_CREDIT = regex.compile(rf"^\s*(?:{vocab.alternation(vocab.words('picture_credit_words'))})\b", regex.I)


#: A byline label with nothing after it: the names are in the element next to it.
_LABEL_ONLY = regex.compile(
    rf"^\s*[-–—|•·]?\s*(?:{vocab.alternation(vocab.words('byline_label_words') | vocab.words('credit_list_labels'))})"
    r"\s*:?\s*$",
    regex.I,
)


def _label_neighbour_texts(label: etree._Element, options: Options) -> Iterator[str]:
    """The texts a lone byline label may introduce, likeliest first: the text right after it,
    its parent's when short (`<p><b>Von:</b> <a>NAME</a></p>`), the next element's
    (`<h4>Autor</h4><p>NAME</p>`, `<span>by</span> <h3><a>NAME</a></h3>`)."""
    tail = join_words(label.tail)
    if tail and len(tail) <= options.author_byline_max_chars:
        yield tail  # `<span>Autor:</span> NAME<span>Quelle:</span> …`: the text right after the label
    parent = label.getparent()
    if parent is not None:
        text, own = parent.text_content(), label.text_content()
        if len(text) <= options.author_byline_max_chars and join_words(text) != join_words(own):
            yield text[text.find(own) + len(own) :] if own in text else text  # what follows the label
    following = label.getnext()
    if following is not None:
        yield following.text_content()


def _same_person(short: str, full: str) -> bool:
    """`Lars` or `jonasweber` for `Lars Berger` / `Jonas Weber`: the head's
    handle or first name of the name the byline shows in full."""
    short_folded, full_folded = short.casefold().replace(" ", ""), full.casefold()
    return short_folded == full_folded.replace(" ", "") or (" " not in short and full_folded.split()[0] == short_folded)


def find_authors(
    tree: lxml.html.HtmlElement,
    head: PageHead,
    root: lxml.html.HtmlElement | None,
    url: str | None = None,
    headline: etree._Element | None = None,
    *,
    options: Options,
) -> list[str]:
    """The head's authors (JSON-LD, meta tags; never the publisher), or the visible byline in
    the article when the head names nobody or only handles/first names of the byline's names.
    `headline`: the headline's element (`headline_element`).

    A credit line in the story's lead (`credit_in_lead`) naming none of those wins over them:
    the head and a user's byline name the account that posted the story (an editor's, for a
    guest's piece), the credit line was written into the story for its reader."""
    sites = site_names(head, url)
    found = _authors_shown_or_stated(tree, head, root, url, headline, sites, options)
    lead = credit_in_lead(headline, sites, options=options)
    if lead and not any(_overlap_names(name, known) for name in lead for known in found):
        return lead
    return found


def _overlap_names(one: str, other: str) -> bool:
    """Whether two names are the same person's as far as a page shows: one holds the other
    (`Jane Roe` in a credit run into its magazine's name, `Jane` in `Jane Doe`)."""
    one, other = one.casefold(), other.casefold()
    return one in other or other in one


def _authors_shown_or_stated(
    tree: lxml.html.HtmlElement,
    head: PageHead,
    root: lxml.html.HtmlElement | None,
    url: str | None,
    headline: etree._Element | None,
    sites: list[str],
    options: Options,
) -> list[str]:
    """The authors by the order of trust (see the package's docstring): the head naming people
    in full, the byline, then the fallbacks below, each asked only when those above name no one."""
    from_head = authors_from_head(head, sites, options=options)
    if from_head and all(" " in name for name in from_head):
        return from_head
    boxes: list[str] = []
    # as shown, a desk's name too
    from_byline = authors_from_byline(tree, root, headline, boxes, sites, options=options)
    if from_head and not (
        from_byline
        and all(any(_same_person(name, full) for full in from_byline) for name in from_head)
        or _only_full_names(from_byline)
    ):
        return full_names(from_head, boxes, options)
    return (
        full_names(from_byline, boxes, options)
        or by_word_beside_date(headline, options)
        or box_name(boxes, options)
        or thread_starter(tree, head, options)
        or site_credit(head, options)
    )


#: A web address (`example.com`, `news.example.de`): a site's, never a person's or a team's name.
_WEB_ADDRESS = regex.compile(rf"^\S+\.(?:{vocab.alternation(vocab.words('top_level_domains'))})$", regex.I)


def site_credit(head: PageHead, options: Options) -> list[str]:
    """The head's credit to the site itself (`Example Team`, `Example`), for a page that names no
    one else: the site is its own author. Its web address (`example.com`) is no credit."""
    return [name for name in authors_from_head(head, options=options) if not _WEB_ADDRESS.match(name)]


_MICRODATA_AUTHORS = etree.XPath('//*[@itemprop="author"]')


def thread_starter(tree: lxml.html.HtmlElement, head: PageHead, options: Options) -> list[str]:
    """Who opened a discussion (`is_discussion`): the first post's microdata `author` (its
    `name`, else its own content or text), a user's handle as it is written (`jdoe42`)."""
    if not is_discussion(tree, head):
        return []
    for element in _MICRODATA_AUTHORS(tree)[:1]:
        named = next((node for node in element.iter() if node.get("itemprop") == "name"), element)
        text = named.get("content") or named.text_content()
        return split_authors(text, person=True, options=options)[:1]
    return []


def box_name(boxes: list[str], options: Options) -> list[str]:
    """The name an author box opens with, when no byline names anyone (`<div class="author">
    <b>Jane Doe</b>, 21. Jan. 2015 …</div>`): its first text, up to a comma, read as a person's
    name (`metadata.looks_like_name`: not a heading like `Richtlinien für Autoren`)."""
    if not boxes:
        return []
    opening = boxes[0].split(" | ", 1)[0].split(",", 1)[0].strip()
    return split_authors(opening, options=options)[:1] if meta.looks_like_name(opening) else []


def _only_full_names(names: list[str]) -> bool:
    """Whether the byline names people in full (first name and surname), where the head gave
    single words only (a handle, a first name, a brand split at its `&`): the byline wins."""
    return bool(names) and all(" " in name for name in names)


def full_names(names: list[str], boxes: list[str], options: Options) -> list[str]:
    """`names` with a first name completed from the author box that states it in full (the
    byline `Stefanus`, the box `Stefanus Stahl – Maschinenbauer …`); handles stay as they are."""
    if not boxes or all(" " in name for name in names):
        return names
    completed = []
    for name in names:
        if " " not in name:
            name = next((full for text in boxes if (full := _full_name_in(name, text, options))), name)
        completed.append(name)
    return completed


def _full_name_in(first: str, text: str, options: Options) -> str | None:
    """`first` followed by a surname in `text` (`Lars Berger ist …` for `Lars`), as a name."""
    pattern = regex.compile(rf"(?<!\w)(?i:{regex.escape(first)})(?:\s+\p{{Lu}}[\p{{Ll}}'’-]+){{1,2}}")
    for match in pattern.finditer(text, overlapped=True):
        words = match.group().split()
        if words[1].casefold() == first.casefold():
            continue  # `Lars Lars Berger`: the box repeats the byline's name first
        name = clean_author(match.group(), options=options)
        if name and " " in name:
            return name
    return None


def _following(element: etree._Element, *tags: str) -> Iterator[etree._Element]:
    """The elements after `element` in reading order, not inside it (XPath's `following::*`;
    with `tags`, only those: `following::p`), one at a time. The callers look at the first
    few: an XPath `following::…[position() <= n]` gathers the whole rest of the page first."""
    wanted = tags or (etree.Element,)
    node: etree._Element | None = element
    while node is not None:
        for sibling in node.itersiblings(etree.Element):
            yield from sibling.iter(*wanted)
        node = node.getparent()


def _header_elements(
    headline: etree._Element, limit: int, options: Options
) -> Iterator[tuple[etree._Element, str | None]]:
    """The elements among the first `limit` after the headline, up to the story's first
    paragraph of prose: the article's header. Each with its text when it was read (a `<p>`'s,
    to see whether it is prose)."""
    for element in islice(_following(headline), limit):
        text = join_words(element.text_content()) if element.tag == "p" else None
        if text is not None and len(text) >= options.date_header_prose_chars:
            return
        yield element, text


def header_lines(headline: etree._Element, options: Options = DEFAULT_OPTIONS) -> Iterator[tuple[etree._Element, str]]:
    """The shown elements of the header (`_header_elements`) with their texts: where a post's
    meta line and byline stand (`options.author_dated_line_elements` elements after the headline)."""
    for element, text in _header_elements(headline, options.author_dated_line_elements, options):
        if element.tag not in UNSHOWN and isinstance(element.tag, str):
            yield element, text if text is not None else join_words(element.text_content())


def by_word_beside_date(headline: etree._Element | None, options: Options) -> list[str]:
    """The writer an unmarked meta line under the headline credits with a by-word next to the
    post's date (`Posted in Datenschutz by jdoe on August 3, 2019`): read as a text capture's
    byline line is (`metadata.parse_byline`), so a user's handle counts when the byline ends
    right after it. Looked for in `options.author_dated_line_elements` elements after the headline, up
    to its first paragraph of prose, outside sidebars and comments."""
    if headline is None:
        return []
    top, layout = headline.getroottree().getroot(), frozenset(headline.iterancestors())
    for element, text in header_lines(headline, options=options):
        if not text or len(text.split()) > options.html_header_line_max_words or not meta.has_by_word(text):
            continue
        if not dates_in(text) or inside_furniture(element, top, True, layout):
            continue
        if names := [
            name for found in meta.parse_byline(text, options) for name in split_authors(found, options=options)
        ]:
            return names
    return []


def credit_in_lead(headline: etree._Element | None, sites: Sequence[str] = (), *, options: Options) -> list[str]:
    """Who wrote the story, as its lead credits them in a short paragraph of its own (`Ein
    Interview von Jane Doe mit John Roe.`, `Blog Beitrag von Jane Doe`): one of the first
    `options.author_lead_paragraphs` paragraphs after the headline, of `options.header_credit_max_words` words at
    most, that `metadata.credits_writer` reads as a credit (a by-word opening it, or a byline
    word before its by-word: `Das Imperium von Jane Doe wankt.` is none). Full names only."""
    if headline is None:
        return []
    top, layout = headline.getroottree().getroot(), frozenset(headline.iterancestors())
    for paragraph in islice(_following(headline, "p"), options.author_lead_paragraphs):
        text = join_words(paragraph.text_content())
        if not text or len(text.split()) > options.header_credit_max_words or not meta.credits_writer(text):
            continue
        if inside_furniture(paragraph, top, True, layout):
            continue  # a teaser's or a sidebar's credit (the containers around the headline aside)
        if paragraph in _card_bylines(_alike_credits(paragraph, top, options), headline, options):
            continue  # the first of a listing's cards, each credited
        # cleaned as bylines are (`Chefredakteur NAME`: the role goes); a newsroom or the site
        # credited (`Ein Interview von Spiegel Online`) names no writer
        names = [name for found in meta.parse_byline(text, options) for name in split_authors(found, options=options)]
        if (
            names
            and all(" " in name and not _ORGANIZATION_WORDS.search(name) for name in names)
            and not_publishers(names, sites, options) == names
        ):
            return names
    return []


def _alike_credits(paragraph: etree._Element, top: etree._Element, options: Options) -> list[etree._Element]:
    """The paragraphs of the page alike to `paragraph` (same tag and class) that are credits too."""
    signature = _signature(paragraph)
    return [
        other
        for other in top.iter(paragraph.tag)
        if _signature(other) == signature
        and len(words := join_words(other.text_content()).split()) <= options.header_credit_max_words
        and meta.credits_writer(" ".join(words))
    ]
