"""Stage 5 for HTML — title, authors and date from a page's own markup.

Each field has one small function over the parsed tree; the page's head (meta tags,
JSON-LD, `<title>`) is read once into `PageHead`. The visible headline and byline win over
head markup where the two disagree (the gold of a page is what its reader sees), but head
markup is what tells a headline from a site logo in an `<h1>`.

- title: the `<h1>` that the head's titles confirm (or the only real one), else the head's
  title without its site-name part;
- authors: JSON-LD `author` of the article object, meta author tags, then byline elements
  *inside the article or its header* (never sidebars, comments or related lists);
- date: the article's own markup (`article:published_time`, JSON-LD `datePublished`,
  `itemprop=datePublished`, `<time datetime>` in the article), then htmldate's quick search.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import lxml.html
import regex
from lxml import etree

from cleaner import metadata, settings
from cleaner.blocks import is_space_normal, split_units

if TYPE_CHECKING:
    from cleaner.rules import Rule, RuleSet

# --- the page head, read once -------------------------------------------------------------


@dataclass
class PageHead:
    """What a page's head states about itself."""

    #: `name`, `property` and `itemprop` of every `<meta content>`, lowercased, to their contents.
    metas: dict[str, list[str]] = field(default_factory=dict)
    #: Every JSON-LD object (top level, lists and `@graph` flattened), in page order.
    json_ld: list[dict] = field(default_factory=list)
    #: The `<title>` text.
    title: str | None = None

    def meta(self, *names: str) -> str | None:
        """The first non-empty content of any of `names` (in the order given)."""
        for name in names:
            for value in self.metas.get(name, ()):
                if value:
                    return value
        return None

    @property
    def articles(self) -> list[dict]:
        """The JSON-LD objects that describe an article (or any creative work with a headline)."""
        return [obj for obj in self.json_ld if _is_article(obj)]


def _norm(text: str | None) -> str:
    if not text:
        return ""
    if is_space_normal(text):  # no list of its words built
        return text
    return " ".join(text.split())


def read_head(tree: lxml.html.HtmlElement) -> PageHead:
    head = PageHead()
    for element in tree.iter("meta"):
        content = _norm(element.get("content"))
        if not content:
            continue
        for attribute in ("name", "property", "itemprop"):
            key = element.get(attribute)
            if key:
                head.metas.setdefault(key.strip().lower(), []).append(content)
    for script in tree.getroottree().getroot().iter("script"):  # the page's, as `//script`
        if script.get("type") == "application/ld+json":
            head.json_ld.extend(json_ld_objects(script.text or ""))
    title = next(tree.iterdescendants("title"), None)  # as `tree.find(".//title")`, without ElementPath's parsing
    if title is not None:
        head.title = _norm(title.text_content()) or None
    return head


def json_ld_objects(text: str) -> list[dict]:
    """The objects of one JSON-LD script, flattened; [] when it is not valid JSON."""
    try:
        data = json.loads(text.strip(), strict=False)
    except ValueError:
        return []
    found: list[dict] = []

    def walk(value: object, depth: int = 0) -> None:
        if depth > settings.JSON_LD_MAX_DEPTH:
            return
        if isinstance(value, list):
            for item in value:
                walk(item, depth + 1)
        elif isinstance(value, dict):
            found.append(value)
            if "@graph" in value:
                walk(value["@graph"], depth + 1)
            if isinstance(value.get("mainEntity"), dict):
                walk(value["mainEntity"], depth + 1)

    walk(data)
    return found


_ARTICLE_TYPES = regex.compile(r"Article|BlogPosting|Posting|Report|NewsArticle|Review|Recipe|HowTo|WebPage|CreativeWork", regex.I)


def _types(obj: dict) -> list[str]:
    value = obj.get("@type")
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _is_article(obj: dict) -> bool:
    return any(_ARTICLE_TYPES.search(kind) and kind != "WebSite" for kind in _types(obj))


# --- the article container ---------------------------------------------------------------

_ARTICLES = etree.XPath("//article")
#: Every `itemprop` and `role` attribute of the page: `//*[@itemprop="articleBody"]` would
#: compare the attribute on every element, several times slower.
_ITEMPROPS = etree.XPath("//@itemprop")
_ROLES = etree.XPath("//@role")
_MAINS = etree.XPath("//main")
#: The length of an element's text (`len(element.text_content())`), counted without building the string in Python.
_TEXT_LENGTH = etree.XPath("string-length()")


def article_root(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The element holding the article: the largest `<article>`, else `articleBody`, else `<main>`.

    The largest, because pages list teasers as small `<article>`s around the real one.
    """
    articles = _ARTICLES(tree)
    if articles:
        return max(articles, key=_TEXT_LENGTH)
    for elements in _containers(tree):
        for element in elements:
            if element.text_content().strip():  # an empty `articleBody` (the story set beside it)
                return element
    return None


def _containers(tree: lxml.html.HtmlElement) -> Iterator[list[lxml.html.HtmlElement]]:
    """The elements that may hold the article when no `<article>` does, likeliest first (each
    kind in page order; looked for only when the kind before holds nothing): `articleBody`,
    `role="main"`, `<main>`."""
    yield [attribute.getparent() for attribute in _ITEMPROPS(tree) if attribute == "articleBody"]
    yield [attribute.getparent() for attribute in _ROLES(tree) if attribute == "main"]
    yield _MAINS(tree)


# --- title -------------------------------------------------------------------------------

#: Separators between a headline and a site name in `<title>` and `og:title`.
_TITLE_SEPARATOR = regex.compile(r"\s+(?:[|–—•·»›:]|::|-|~|/{2})\s+|\s+-\s*$|(?<=\S)(?::|\s\|)\s+(?=\S)")
_WORD = regex.compile(r"\w+")


def title_parts(title: str) -> list[str]:
    """`Headline | Site | Tagline` gives the three parts (a lone part gives itself)."""
    return [part.strip() for part in _TITLE_SEPARATOR.split(title) if part and part.strip()]


def _words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(text)}


def _overlap(words: set[str], reference: set[str]) -> float:
    """Share of a candidate's `words` (`_words`) that the reference's words also have."""
    return len(words & reference) / len(words) if words else 0.0


def site_names(head: PageHead, url: str | None) -> list[str]:
    """Names the site goes by: og:site_name, application-name, the host's main label."""
    names = [name for name in (head.meta("og:site_name"), head.meta("application-name"), head.meta("twitter:site")) if name]
    names = [name.lstrip("@") for name in names]
    if url:
        host = urlsplit(url).hostname or ""
        labels = [label for label in host.split(".") if label not in ("www", "m", "amp")]
        while len(labels) > 2 and labels[-2] in _SECOND_LEVEL_LABELS:  # example.co.uk: example
            labels.pop()
        if len(labels) >= 2:
            names.append(labels[-2])
    return names


_SECOND_LEVEL_LABELS = frozenset("co com org net gov ac edu ne or go".split())


def _is_site_name(text: str, sites: Iterable[str]) -> bool:
    folded = text.casefold().replace(" ", "")
    for site in sites:
        site_folded = site.casefold().replace(" ", "")
        if len(site_folded) < settings.SITE_NAME_MIN_CHARS:  # `bz`, `mdr`: inside too many words
            if folded == site_folded or folded.startswith(site_folded + "."):
                return True
            continue
        if folded == site_folded or site_folded in folded and len(folded) <= len(site_folded) + 12:
            return True
    return False


def _heading_text(element: etree._Element) -> str:
    return _norm(element.text_content())


_LINKS = etree.XPath(".//a[@href]")


def _is_logo(element: etree._Element) -> bool:
    """A heading that is only a link to the site's home page."""
    links = _LINKS(element)
    if len(links) != 1 or _norm(links[0].text_content()) != _heading_text(element):
        return False
    path = urlsplit(links[0].get("href", "")).path
    return path in ("", "/", "/index.html", "/index.php")


def head_title(head: PageHead, sites: list[str]) -> str | None:
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
        kept = [part for part in parts if not _is_site_name(part, sites)]
        if len(parts) > 1 and kept:
            # the headline is the longest part left (taglines and sections are short)
            return metadata.strip_title_suffix(max(kept, key=len), sites)
        return metadata.strip_title_suffix(title, sites)
    return None


def find_title(tree: lxml.html.HtmlElement, head: PageHead, url: str | None = None) -> str | None:
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
        part.casefold() for part in reference_parts if not _is_site_name(part, sites)
    }
    reference_words = [_words(value) for value in references]

    def candidates(tag: str) -> list[str]:
        found = []
        for element in tree.iter(tag):
            text = _heading_text(element)
            if not (settings.TITLE_MIN_CHARS <= len(text) <= settings.TITLE_MAX_CHARS):
                continue
            if text.casefold() in site_parts:
                continue  # a part of <title> that names the site
            if _is_site_name(text, sites) or _is_logo(element):
                continue
            found.append(text)
        return found

    def best(texts: list[str]) -> tuple[float, int, str] | None:
        """(overlap, -index, text) of the text the references confirm most (the first of equals)."""
        scored = []
        for index, text in enumerate(texts):
            words = _words(text)
            scored.append((max((_overlap(words, reference) for reference in reference_words), default=0.0), -index, text))
        return max(scored, default=None)

    h1s = candidates("h1")
    h2s: list[str] | None = None  # read only when an <h1> does not decide
    if len(h1s) == 1 and head.title and (other_end := _title_end_facing_site_h1(h1s[0], title_parts(head.title))):
        h2s = candidates("h2")
        if named := next((h2 for h2 in h2s if h2.casefold() == other_end), None):
            return without_kicker(named, headline_forms(references, sites))
    best_h1 = best(h1s)
    if best_h1 and best_h1[0] >= settings.TITLE_HEADING_MIN_OVERLAP:
        return without_kicker(best_h1[2], headline_forms(references, sites))
    if h2s is None:
        h2s = candidates("h2")
    best_h2 = best(h2s)
    h2_confirmed = best_h2 is not None and best_h2[0] >= settings.TITLE_H2_MIN_OVERLAP
    # a lone <h1> the head's titles share no word with, over an <h2> they confirm, is the
    # blog's or section's name (`Security Blog` above the post's `<h2>`)
    if h1s and (not references or len(h1s) == 1 and not (h2_confirmed and best_h1[0] == 0)):
        return without_kicker(h1s[0], headline_forms(references, sites))
    if h2_confirmed:
        return without_kicker(best_h2[2], headline_forms(references, sites))
    title = head_title(head, sites)
    if title:
        return title
    return h1s[0] if h1s else None


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


def headline_forms(references: Sequence[str], sites: list[str]) -> list[str]:
    """The head's titles as whole headlines: each as written, without the site's name after it
    (`… stecken! - handwerk magazin`), and without the site's name before it (`INDUSTRIEMAGAZIN
    | Luftfahrtbranche …`). Never a part of one: `Coronavirus: New York ramps up …` is one
    headline, not two."""
    forms = []
    for reference in references:
        forms += [reference, metadata.strip_title_suffix(reference, sites)]
        parts = title_parts(reference)
        if len(parts) > 1 and _is_site_name(parts[0], sites):
            forms.append(reference[reference.index(parts[1]):])
    return forms


def without_kicker(heading: str, references: Sequence[str]) -> str:
    """The headline in a heading that runs a kicker or section label into it (`Immobilienkrise
    Rene Benko-Firma …`, `Local News | Brothel …`, `"Reformstau lösen" / Irme …`): the heading's
    own last words, when one of the head's titles (og:title, JSON-LD headline, `<title>`, see
    `headline_forms`) is exactly those words. The kicker dropped has at most TITLE_KICKER_MAX_WORDS words."""
    words = heading.split()
    comparable = {_comparable(reference) for reference in references}
    # the parts of one title, for a kicker the head sets apart (`Daten von Rheinmetall gehackt -
    # Interne Unterlagen im Netz`) and the heading runs in (`Interne Unterlagen im Netz Daten …`)
    part_sets = [{_comparable(part) for part in title_parts(reference)} for reference in references]
    for dropped in range(1, min(settings.TITLE_KICKER_MAX_WORDS, len(words) - settings.TITLE_KICKER_MIN_REST_WORDS) + 1):
        rest, kicker = " ".join(words[dropped:]), " ".join(words[:dropped])
        if _comparable(rest) in comparable:
            return rest
        # (a kicker set off by its own separator, `Coronavirus: New York …`, is how the headline reads)
        if kicker[-1] not in _KICKER_SEPARATORS and any({_comparable(rest), _comparable(kicker)} <= parts for parts in part_sets):
            return rest
    return heading


_KICKER_SEPARATORS = frozenset(":|/–—-")


def kicked_headlines(tree: lxml.html.HtmlElement, title: str) -> set[str]:
    """The case-folded texts of the page's `<h1>` headings that are `title` with a kicker of at
    most TITLE_KICKER_MAX_WORDS words before it, as `without_kicker` takes it off (`Immobilienkrise
    Rene Benko-Firma …`): such a line in the body is the headline shown again. (A section's
    `<h2>` that ends with the headline's words, `How To Make Peanut Butter Truffles`, is not.)"""
    folded, words = title.casefold(), len(title.split())
    return {
        text for element in tree.iter("h1")
        if (text := _heading_text(element).casefold()).endswith(folded)
        and 0 < len(text.split()) - words <= settings.TITLE_KICKER_MAX_WORDS
    }


#: Dashes and quotation marks, which a page's head and its heading write differently.
_DASHES_AND_QUOTES = regex.compile(r"[‐‑‒–—―-]|[\"“”„«»‘’‚‹›']")


def _comparable(text: str) -> str:
    """A title as the head and the heading both write it: entities decoded (a head escaped
    twice has `&#8211;`), dashes and quotes alike, spaces normalised, case-folded."""
    if "&" in text:
        text = html.unescape(text)
    return " ".join(_DASHES_AND_QUOTES.sub("-", text).split()).casefold()


# --- authors -----------------------------------------------------------------------------

#: Class and id words of byline elements (the vocabulary of trafilatura's author XPaths,
#: plus German and French), matched case-insensitively anywhere in the attribute.
_BYLINE_WORDS = ("author", "byline", "writer", "verfasser", "autor", "auteur", "journalist", "submitted", "posted-by", "contributor", "username")


_BYLINE_MARK = regex.compile("|".join(map(regex.escape, _BYLINE_WORDS)), regex.I)


def _marked_as_byline(element: etree._Element, seen: dict[str, bool], classes: str | None) -> bool:
    """Whether the element's class or id holds a byline word, or its `rel`/`itemprop` says
    author. `seen` remembers class values already tested (pages repeat them); `classes`: the
    element's class as the caller read it (None: it has none; not read again)."""
    if classes is not None:
        hit = seen.get(classes)
        if hit is None:
            hit = seen[classes] = _BYLINE_MARK.search(classes) is not None
        if hit:
            return True
    identifier = element.get("id")
    if identifier is not None and _BYLINE_MARK.search(identifier):
        return True
    return element.get("rel") == "author" or "author" in element.get("itemprop", "")


#: Containers a byline is never taken from, even inside the article.
_NOT_BYLINE_ANCESTORS = regex.compile(r"comment|related|sidebar|teaser|recommend|widget|respond|reply|slider|carousel|listing", regex.I)
_ORGANIZATION_TYPES = {"Organization", "NewsMediaOrganization", "Corporation", "WebSite", "WebPage"}
_EMAIL_OR_URL = regex.compile(r"^(?:https?://|www\.)|@\S+\.\w+|\[at\]|^[\w-]+(?:\.[\w-]+)*\.\p{L}{2,}/")  # (`facebook.com/site`)
#: Leading words of a byline that are not part of a name ("By", "Von", "Autor:", "Posted by").
_BYLINE_PREFIX = regex.compile(
    r"^(?:(?:(?:ein(?:e|en)?|an?|un(?:e|a)?)\s+)?(?:posted|written|published|geschrieben|verfasst|erstellt|eingestellt|veröffentlicht"
    r"|publié|publicado|artikel|beitrag|article|text|texte|interview|written\s+and\s+\w+|kommentar|gastbeitrag|gastkommentar"
    r"|pressemitteilung|pressemeldung|analyse|essay|rezension|bericht|reportage|im\s+wortlaut|commentary|opinion|review|report)\s*:?\s+)?"
    r"(?:by|von|vom|par|por|di|door|av|przez|de|autor(?:in|en|innen|ka)?|authors?|auteur(?:e|s)?|redakteur(?:in)?|redaktion:"
    r"|text|interview|责任编辑|编辑|作者|记者)(?:\b|(?<=:)|(?<=[\p{Han}]))\s*[:：]?\s*",
    regex.I,
)
#: Between names: lists, `and` in several languages, an interview's two sides (`NAME im
#: Gespräch mit NAME`, `NAME in conversation with NAME`).
_NAME_SPLIT = regex.compile(
    r"\s*(?:;|\||,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b(?!\.)|\boraz\b"
    r"|\bim\s+(?:gespräch|interview|dialog)\s+mit\b|\bin\s+(?:conversation|discussion)\s+with\b)\s*",
    regex.I,
)
#: What a byline's text may carry after the names (dates, roles, agencies, links, the
#: pictures' credits: `Text von NAME Illustration von NAME`).
_AFTER_NAME = regex.compile(
    r"\s*(?:[|•·]|\s-\s|\bupdated\b|\bpublished\b|\baktualisiert\b|\bstand\b|(?:\b(?:am|on|le|el|il|den)\s+)?\d{1,2}[./]\d{1,2}[./]\d{2,4}"
    r"|\d{4}-\d\d-\d\d"
    # a link to the writer's other pieces (`Jane Doe Alle Artikel`, `Jane Doe View all posts`)
    r"|\s(?:alle\s+(?:artikel|beiträge)|view\s+all\s+(?:posts|articles)|all\s+(?:posts|articles)|more\s+(?:posts|articles))\b"
    r"|\s(?:illustrations?|fotos?|photos?|photography|bilder?|grafiken?|videos?)\s+(?:von|by|de|par)\s).*$",  # credits after it
    regex.I,
)
#: Academic and professional suffixes after a name (`Grant Tinsley, PhD`): not a second author.
_NAME_SUFFIX = regex.compile(r"^(?:ph\.?\s?d|m\.?d|m\.?sc?|b\.?sc?|mba|rd|rn|jr|sr|dr|prof|ll\.?m|dipl\.?[\w.-]*)\.?$", regex.I)


#: A label glued to the name by markup without a space (`<b>Author</b>Andreas Kalt`).
_GLUED_PREFIX = regex.compile(r"^(?:Author|AUTHOR|Autor(?:in)?|AUTOR|Auteur|By|BY|Von|VON)(?=\p{Lu}[\p{Ll}.])")
#: A weekday's abbreviation left after a byline's date was cut off (`Tomas Spahn Fr, 12.03.`).
_TRAILING_WEEKDAY = regex.compile(r"\s+(?:mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun|lun|mar|mer|jeu|ven|sam|dim)\.?,?$", regex.I)
_PARENTHESIS = regex.compile(r"\s*\([^()]*\)")
#: What bylines carry after the name: a role, a profile link's label, the site's domain
#: (`Christoph Hein Chefredakteur`, `Nuño Domínguez Twitter`, `NAME Example.com Redakteur`).
_TRAILING_NOISE = regex.compile(
    r"\s+(?:(?:chef)?redakteur(?:in)?|autor(?:in)?|twitter|facebook|instagram|linkedin|e-?mail|profil|profile|follow|folgen"
    r"|\S+\.(?:com|de|net|org|at|ch|fr|es|it|pl|nl|co\.uk|info))(?:\s.*)?$",
    regex.I,
)
#: A name ending in an initial (`Juan Carlos Muñoz C.`) keeps its full stop.
_ENDS_WITH_INITIAL = regex.compile(r"(?:^|\s)\p{Lu}\.$")


def clean_author(text: str, person: bool = False) -> str | None:
    """One author's name from a byline fragment, or None when it is not a name.

    Removes `By`/`Von`, roles and agencies, trailing dates; all-capitals become natural case.
    A single word is accepted (bloggers sign with a first name or a handle), but not words
    that are furniture ("Follow", "Redaktion" alone is kept: desks sign as a desk).
    """
    text = _norm(text).strip(" ,;:|-–—")
    text = _BYLINE_PREFIX.sub("", text)
    text = _AFTER_NAME.sub("", text)
    text = _GLUED_PREFIX.sub("", text)
    text = metadata.LEADING_ROLE.sub("", text)
    text = _PARENTHESIS.sub("", text)  # `Eberhard Fuhr (Pressesprecher des EJW)`: a role
    text = _without_role(text, person)
    text = _TRAILING_WEEKDAY.sub("", text)
    text = _TRAILING_NOISE.sub("", text)
    if not _ENDS_WITH_INITIAL.search(text):
        text = text.rstrip(".")
    if not text or _EMAIL_OR_URL.search(text) or _NAME_SUFFIX.match(text) or metadata.LEGAL_FORM.search(text):
        return None
    words = text.split()
    if not (1 <= len(words) <= settings.AUTHOR_MAX_WORDS) or len(text) > settings.AUTHOR_MAX_CHARS:
        return None
    if any(char.isdigit() for char in text) and not _HANDLE.match(text) or not any(char.isalpha() for char in text):
        return None
    if text.casefold() in _NOT_AUTHOR_WORDS or text.casefold().rstrip(":") in _NOT_AUTHOR_WORDS:
        return None
    if metadata.is_admin_account(text):
        return None  # `wordpressadmin`, `siteadmin`: the CMS's account, not who wrote
    if len(words) > 1 and words[-1].casefold() in _NEVER_LAST_IN_NAME:
        return None  # `Letters To The` (Editor taken for a role): a phrase, not a name
    if len(words) > 1 and not person and not all(word[:1].isupper() or word.casefold() in _NAME_PARTICLES for word in words):
        return None
    return metadata.natural_case(text)


def _without_role(text: str, person: bool) -> str:
    """`text` without a role after the name (`Jane Doe, Staff Writer`). A Person's name in the
    markup that is one word and a role word (`Fliegender Reporter`) is a pen name: a role
    follows a name, and one word left over is no name the role followed but the pen name's
    first half, so it stays whole."""
    stripped = metadata._ROLES.sub("", text).strip(" ,;:|-–—")
    if person and len(stripped.split()) == 1 and len(text.split()) == 2 and "," not in text:
        return text
    return stripped


#: A user name with digits in it (`delta201`, `Bo2man`): one word, a letter first, at least
#: HANDLE_MIN_LETTERS letters; other digits in a byline are a date's or a count's.
_HANDLE = regex.compile(rf"^(?=(?:\d*\p{{L}}){{{settings.HANDLE_MIN_LETTERS}}})\p{{L}}[\p{{L}}\d_]*$")
_NAME_PARTICLES = frozenset("de van von der da di del la le bin al dos das du den ten ter y".split())
#: Words that end a phrase cut short, never a person's name.
_NEVER_LAST_IN_NAME = frozenset("the to of for and a an der die das des dem den und für zu le la les et du".split())
#: Single words that bylines carry but that are nobody's name.
_NOT_AUTHOR_WORDS = frozenset(
    """admin administrator author autor auteur follow share email mail print kontakt contact
    more mehr profile profil posts beiträge articles artikel by von guest gast anonymous
    unknown staff editor editors team home news stand datum date name agencies agency
    redaktion: sponsored anzeige werbung quelle source login logout anmelden abmelden registrieren register
    publisher herausgeber user username benutzer benutzername nutzer""".split()
) | {"alle beiträge", "alle artikel", "all posts", "all articles", "view all posts", "gesponserte inhalte", "mehr artikel", "more articles"}


#: A publication line that names its author last (`Veröffentlicht am 8. Februar 2022 von X`).
_PUBLISHED_THEN_BY = regex.compile(
    r"^(?:posted|published|veröffentlicht|eingestellt|erstellt|geschrieben|publié|publicado|pubblicato)\b.{0,60}?"
    r"\s(?:by|von|par|por|door|da|przez)\s+(?P<names>\S.*)$",
    regex.I,
)


def split_authors(text: str, person: bool = False) -> list[str]:
    """Names from one byline string (several split on `,` `;` `and` `und` `&`). `person`: the
    markup says these are people's names (JSON-LD `Person`), so one in lower case is kept."""
    text = _norm(text)
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
    if metadata.LEGAL_FORM.search(text):
        return []  # `Olympia-Verlag GmbH, Nürnberg, Germany`: a firm and its address, not people
    names: list[str] = []
    for part in _NAME_SPLIT.split(text):
        name = clean_author(part, person)
        if name and names and _OUTLET.search(name) and metadata.opens_with_given_name(names[0]):
            break  # `Nada Tawfik, BBC News, New York`: the writer's outlet, then the place
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    if len(names) > 1 and not any(" " in name for name in names):
        return _one_word_names(names)
    return names


def _one_word_names(names: list[str]) -> list[str]:
    """Names from a byline string that split into one word each: when none of the words is a
    given name, they are the words of an organisation's name or address (`Kirche und Leben,
    Münster, Germany`), not several people."""
    return names if any(map(metadata.opens_with_given_name, names)) else []


#: A news outlet's or a desk's word: after a person's name in a byline, what follows is where
#: they write and from where, not more people.
_OUTLET = regex.compile(
    r"\b(?:news|press|media|online|tv|radio|journal|network|agency)\b|(?:presse|nachrichten|magazin|zeitung|verlag|redaktion|agentur)",
    regex.I,
)


#: A person's login made of their names (`jane.doe`, `jane_doe`), lower case.
_DOTTED_NAME = regex.compile(
    r"^(?P<first>\p{Ll}{2,})[._](?!(?:com|net|org|info|biz|co|de|at|ch|fr|es|it|nl|pl|uk|eu|io)$)(?P<last>\p{Ll}{2,})$"
)


def _json_ld_author_names(value: object, by_id: dict[str, dict] | None = None) -> list[str]:
    names: list[str] = []
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, dict) and "name" not in item and by_id and isinstance(item.get("@id"), str):
            item = by_id.get(item["@id"], item)  # `{"@id": …}`: a Person elsewhere in the graph
        if isinstance(item, str):
            names.extend(split_authors(item))
        elif isinstance(item, dict):
            if set(_types(item)) & _ORGANIZATION_TYPES:
                continue
            name = item.get("name")
            if isinstance(name, str):
                # `{"@id": …, "name": …}`: the node the reference names says what it is
                node = by_id.get(item["@id"], item) if by_id and isinstance(item.get("@id"), str) else item
                person = "Person" in _types(item) or "Person" in _types(node)
                if person and (dotted := _DOTTED_NAME.match(name.strip())):
                    name = f"{dotted['first']} {dotted['last']}".title()  # `jane.doe`: a CMS login
                names.extend(split_authors(name, person=person))
    return names


def authors_from_head(head: PageHead, sites: Iterable[str] = ()) -> list[str]:
    """Authors the head names: the article's JSON-LD `author`, then meta author tags.

    A name that is the site's own name is the publisher, not an author, and is skipped
    (unless it is a person's: `Pamela Anderson` on her foundation's site).
    """
    sites = list(sites)

    def people(names: list[str]) -> list[str]:
        return not_publishers(names, sites)

    by_id = {obj["@id"]: obj for obj in head.json_ld if isinstance(obj.get("@id"), str)}
    for obj in head.articles:
        if "author" in obj:
            names = people(_json_ld_author_names(obj["author"], by_id))
            if names:
                return names
    for key in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "citation_author", "byl"):
        for value in head.metas.get(key, ()):
            if key in _SURNAME_FIRST_KEYS and (catalogued := _SURNAME_COMMA_GIVEN.match(value)):
                value = f"{catalogued['given']} {catalogued['surname']}"
            names = people(split_authors(value))
            if names:
                return names
    return []


#: Meta keys whose one name is written surname first (`Harm, Robert`), as Dublin Core and
#: Google Scholar's citation tags catalogue authors.
_SURNAME_FIRST_KEYS = frozenset(("dc.creator", "citation_author"))
_SURNAME_COMMA_GIVEN = regex.compile(r"^\s*(?P<surname>[\p{L}'’-]+),\s*(?P<given>\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}\.)*)\s*$")


#: Words of organisations' names (a publisher, a desk), not of a person's.
_ORGANIZATION_WORDS = regex.compile(
    r"\b(?:the|der|die|das|le|la|el|press|news|times|post|media|gmbh|ag|e\.\s?v|online|team|redaction|rédaction"
    r"|redacción|blog|tv|radio|journal|daily|network|group|inc|ltd|llc|foundation|agency)\b"
    r"|(?:presse|nachrichten|magazin|zeitung|verlag|redaktion|stiftung|verband|institut|agentur)",  # also inside compounds
    regex.I,
)


def not_publishers(names: list[str], sites: Iterable[str]) -> list[str]:
    """`names` without the site's own name (the publisher), unless that name is a person's:
    two words or more, none an organisation's word."""
    sites = list(sites)
    return [
        name
        for name in names
        if not _is_site_name(name, sites) or (" " in name and not _ORGANIZATION_WORDS.search(name))
    ]


def _inside_furniture(
    element: etree._Element, root: etree._Element, in_article: bool = False, layout: frozenset[etree._Element] = frozenset(),
    header: frozenset[etree._Element] = frozenset(),
) -> bool:
    """Whether `element` sits in a sidebar, comment section, related list, share bar, figure
    (photo credits) or navigation below `root`; a `<footer>` counts only outside the article
    (`in_article`: inside, it is the post's own footer, where blogs put the byline).

    `layout`: elements that hold the headline. A container around the headline is the page's
    layout, whatever its class (not its tag) says (`zen-one-sidebar-second` on the page's panel, a blog
    engine's `widget Blog` around its posts), never furniture. `header`: elements of the
    article's header (`_header_zone`), where a sidebar's, widget's or teaser's class is the
    layout's too; a comment section or a list of stories is furniture there as anywhere."""
    node = element
    while node is not None and node is not root:
        marks = f"{node.get('class', '')} {node.get('id', '')}"
        if node.tag in _FURNITURE_TAGS or node.tag == "footer" and not in_article:
            return True
        if node not in layout and (_NOT_BYLINE_IN_HEADER if node in header else _NOT_BYLINE_ANCESTORS).search(marks):
            return True
        node = node.getparent()
    return False


#: `_NOT_BYLINE_ANCESTORS` but for the words a page's layout uses too (`sidebar`, `widget`,
#: `teaser`): in the article's header a left sidebar or a teaser-styled box holds the author's box.
_NOT_BYLINE_IN_HEADER = regex.compile(r"comment|related|recommend|respond|reply|slider|carousel|listing", regex.I)


_FURNITURE_TAGS = frozenset(("aside", "nav", "figure", "figcaption"))


def byline_candidates(
    scope: etree._Element, root: etree._Element | None, headline: etree._Element | None
) -> tuple[list[etree._Element], list[etree._Element]]:
    """Byline elements where a byline may be, in reading order: those marked by class, id,
    `rel` or `itemprop` (`_marked_as_byline`), and those whose own text opens with a byline
    word (`Von: <a>NAME</a>`, `Autorin: NAME`). The region: from the headline (or the
    article's start, whichever comes first; AUTHOR_ABOVE_HEADLINE_ELEMENTS before it) to the
    article's end (and AUTHOR_AFTER_ARTICLE_ELEMENTS after it); without an article, up to
    AUTHOR_HEADER_ELEMENTS elements after the headline; without either, the whole page.
    One pass over the region (found first by counting elements in XPath): an XPath testing
    the words, or EXSLT regexes (which call back into Python per element), cost several
    times more."""
    first, last = _byline_region(scope, root, headline)
    seen: dict[str, bool] = {}
    marked: list[etree._Element] = []
    labelled: list[etree._Element] = []
    for element in islice(scope.iter(etree.Element), first, last):
        classes = element.get("class")
        if _marked_as_byline(element, seen, classes):
            marked.append(element)
        elif (text := element.text) and (
            _may_open_a_label(text) and _BYLINE_LABEL.match(text) or ("编" in text or "作" in text or "记" in text) and _CJK_LABEL.search(text)
        ):
            labelled.append(element)
        elif (tail := element.tail) and len(tail) > 2:  # not the whitespace between elements
            if element.tag == "br" and _may_open_a_label(tail) and _BYLINE_LABEL.match(tail):
                labelled.append(element)  # `…<br>Autor: <a>NAME</a><br>`: the line after the break
            elif ("编" in tail or "作" in tail or "记" in tail) and _CJK_LABEL.search(tail) and (parent := element.getparent()) is not None:
                labelled.append(parent)  # `<span><a>【纠错】</a> 责任编辑： NAME</span>`
    return marked, labelled


def _byline_region(
    scope: etree._Element, root: etree._Element | None, headline: etree._Element | None
) -> tuple[int, int | None]:
    """The slice of `scope.iter(etree.Element)` where `byline_candidates` looks (see there)."""
    headline_at, root_at = _index_in(scope, headline), _index_in(scope, root)
    if headline_at is None and root_at is None:
        return 0, None
    start = min(at for at in (headline_at, root_at) if at is not None) - settings.AUTHOR_ABOVE_HEADLINE_ELEMENTS
    if root_at is not None:
        end = root_at + int(_COUNT_DESCENDANTS(root)) + settings.AUTHOR_AFTER_ARTICLE_ELEMENTS
    else:
        end = start + settings.AUTHOR_HEADER_ELEMENTS
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


#: The number of elements before an element in its document, in reading order.
_ELEMENTS_BEFORE = etree.XPath("count(ancestor::*) + count(preceding::*)")
_COUNT_DESCENDANTS = etree.XPath("count(descendant::*)")


def _index_in(scope: etree._Element, element: etree._Element | None) -> int | None:
    """`element`'s index in `scope.iter(etree.Element)`, None when it is not under `scope`."""
    if element is None or not (element is scope or any(ancestor is scope for ancestor in element.iterancestors())):
        return None
    return int(_ELEMENTS_BEFORE(element)) - int(_ELEMENTS_BEFORE(scope))


#: A Chinese editor's or author's label, wherever in its text (`【纠错】 责任编辑： NAME`); the
#: search first looks for its characters (`编`, `作`, `记`) with `in`, which most texts lack.
_CJK_LABEL = regex.compile(r"(?:责任编辑|编辑|作者|记者)\s*[:：]")
#: A Chinese name: two to four Han characters, written without a space.
_HAN_NAME = regex.compile(r"^\p{Han}{2,4}$")
#: First letters of the words `_BYLINE_LABEL` opens with: one look at a text's first letter
#: spares the regex on nearly every element of the page (most of the search's time otherwise).
_LABEL_INITIALS = frozenset("bvpdartwgiBVPDARTWGI")


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
    r"^\s*[-–—|•·]?\s*(?:by|von|par|por|door|przez|autor(?:in|en|innen|ka)?|authors?|auteur(?:e|s)?|redaktion|text"
    r"|written\s+by|geschrieben\s+von|verfasst\s+von|posted\s+by|gepostet\s+von|publié\s+par|publicado\s+por"
    r"|(?:interview|words)(?=\s*:?\s*$))\b\s*:?(?:\s|$)",
    regex.I,
)
#: A byline label saying what was done (`Posted by`, `Geschrieben von`): no heading or sentence
#: opens that way (`Von Sprachregeln und Politik` does), so a handle after it is a byline too.
_VERB_LABEL = regex.compile(
    r"^\s*[-–—|•·]?\s*(?:written\s+by|geschrieben\s+von|verfasst\s+von|posted\s+by|gepostet\s+von|publié\s+par|publicado\s+por)\b",
    regex.I,
)


def _signature(element: etree._Element) -> tuple[str, str]:
    return element.tag, element.get("class", "")


def authors_from_byline(
    tree: lxml.html.HtmlElement, root: lxml.html.HtmlElement | None = None, headline: etree._Element | None = None,
    boxes: list[str] | None = None, sites: Sequence[str] = (),
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
    marked, labelled = byline_candidates(scope, root, headline)
    layout = frozenset(headline.iterancestors()) if headline is not None else frozenset()
    header = _header_zone(headline) if headline is not None else frozenset()
    if boxes is not None:
        for element in marked:
            inside_article = root is not None and (element is root or root in element.iterancestors())
            if _inside_furniture(element, root if inside_article else scope, inside_article, layout, header):
                continue
            text = element.text_content()
            if len(text) > settings.AUTHOR_BYLINE_MAX_CHARS:  # its texts apart: `Kathrin | Hallo, ich bin …`
                boxes.append(" | ".join(filter(None, map(_norm, element.itertext())))[: settings.AUTHOR_BOX_CHARS])
    from_marked = _names_from(marked, scope, root, layout, header)
    if from_marked and not_publishers(from_marked, sites):
        return from_marked
    # a text that opens with `Von`/`By` is weaker evidence (`Von Sprachregeln und Politik`, a
    # heading): not in headings (but for a lone label, `<h4>Autor</h4>`), names of two words or more
    labelled = [
        element for element in labelled
        if (element.tag not in _HEADINGS or _LABEL_ONLY.match(element.text_content())) and _credit_label_in_place(element, headline)
    ]
    from_text = _names_from(labelled, scope, root, layout)
    if from_text and all(" " in name or _HAN_NAME.match(name) for name in from_text):
        # over a byline naming the site itself: a syndicated story credits its writer in a
        # labelled line of the text (`Written by: NAME`)
        return from_text
    if from_text and not from_marked:
        # a handle is taken from a label standing alone before its name (`<span>by</span>
        # <a>delta201</a>`): the markup sets the name apart, no sentence reads that way
        lone = [element for element in labelled if _LABEL_ONLY.match(element.text_content())]
        if lone and _names_from(lone, scope, root, layout) == from_text:
            return from_text
        # and from a label saying what was done (`Posted by Quentin`)
        verbed = [element for element in labelled if _VERB_LABEL.match(element.text_content())]
        if verbed and _names_from(verbed, scope, root, layout) == from_text:
            return from_text
    return from_marked


_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "title"))


def _header_zone(headline: etree._Element) -> frozenset[etree._Element]:
    """The article's header (`_header_elements`, at most AUTHOR_HEADER_ZONE_ELEMENTS), whatever
    its elements' classes say. A layout with a left sidebar puts the author's box there (`<div
    class="sidebar"><div class="teaser-box author">NAME</div>` between the headline and the
    text); a sidebar of other stories comes after the story or beside the page's header, not
    inside the article's."""
    return frozenset(element for element, _ in _header_elements(headline, settings.AUTHOR_HEADER_ZONE_ELEMENTS))


#: Labels of a credits list that name who wrote a story only as a list's label (`Interview` /
#: `MARA HOLT`, `Words` / `JANE DOE`): the same word above a headline is its kicker.
_CREDIT_ONLY_LABEL = regex.compile(r"^\s*(?:interview|words)\s*:?\s*$", regex.I)


def _credit_label_in_place(label: etree._Element, headline: etree._Element | None) -> bool:
    """Whether a label is a byline's where it stands. `Interview` or `Words` alone is a credit
    only below the headline, before a value that is no heading (`<div>Interview</div><div>NAME
    </div>` in a credits list); above the headline, or before a heading, it is a kicker
    (`<span>Interview</span><h1>Ada Larkin</h1>`). Other labels are bylines anywhere."""
    if not _CREDIT_ONLY_LABEL.match(label.text_content()):
        return True
    if headline is None or int(_ELEMENTS_BEFORE(label)) <= int(_ELEMENTS_BEFORE(headline)):
        return False
    value = label.getnext()
    return value is not None and value.tag not in _HEADINGS


def _names_from(
    elements: list[etree._Element], scope: etree._Element, root: etree._Element | None,
    layout: frozenset[etree._Element] = frozenset(), header: frozenset[etree._Element] = frozenset(),
) -> list[str]:
    """Names from the first of `elements` that gives one, and the elements like it near it
    (the same tag and class, under its ancestor AUTHOR_NAMES_SHARED_ANCESTOR_LEVELS up:
    `<a class="author">A</a> und <a class="author">B</a>`; the same class further down is a
    related story's byline)."""
    chosen: tuple[str, str] | None = None
    first: etree._Element | None = None
    names: list[str] = []
    for element in elements:
        inside_article = root is not None and (element is root or root in element.iterancestors())
        if _inside_furniture(element, root if inside_article else scope, inside_article, layout, header):  # not the article's own classes
            continue
        if chosen is not None and (_signature(element) != chosen or not _near(element, first)):
            continue
        if element.tag in _HEADINGS and _is_logo(element):
            continue  # `<h1 class="vcard author"><a href="/">Site</a></h1>`: the site's title, marked as its owner's card
        if element.tag == "meta":
            text = element.get("content")
        else:
            text = _line_after(element) if element.tag == "br" else element.text_content()
        if not text or len(text) > settings.AUTHOR_BYLINE_MAX_CHARS or _PICTURE_CREDIT.match(text):
            continue
        if _in_fact_sheet(element):
            continue  # `Autorin: NAME` between `Seiten: 400` and `Verlag: …`: a reviewed book's author
        found = split_authors(text)
        if not found and _LABEL_ONLY.match(text):
            # `<b>Von:</b> <a>NAME</a>`: the first text near the label that names someone
            found = next(filter(None, map(split_authors, _label_neighbour_texts(element))), [])
        if not found:
            continue
        if chosen is None:
            chosen, first = _signature(element), element
        for name in found:
            if name.casefold() not in {known.casefold() for known in names}:
                names.append(name)
        if len(names) >= settings.AUTHOR_MAX_NAMES:
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
    return _norm(" ".join(parts))


_BLOCK_TAGS = frozenset(("p", "div", "ul", "ol", "table", "section", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"))


#: The other lines of a reviewed work's fact sheet (`Verlag: …`, `Seiten: 400`, `ISBN: …`).
_FACT_LINE = regex.compile(
    r"^\s*(?:verlag|seiten|isbn|publisher|pages|preis|price|genre|erschienen|erscheinungs\w*|übersetz\w*|translat\w*"
    r"|éditeur|editorial|label|laufzeit|runtime|regie|director)\s*:",
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


def _near(element: etree._Element, first: etree._Element | None) -> bool:
    """Whether `element` sits under `first`'s ancestor AUTHOR_NAMES_SHARED_ANCESTOR_LEVELS up."""
    ancestor = first
    for _ in range(settings.AUTHOR_NAMES_SHARED_ANCESTOR_LEVELS):
        if ancestor is None:
            return False
        ancestor = ancestor.getparent()
    return ancestor is not None and any(node is ancestor for node in element.iterancestors())


#: A picture's credit (`Photograph by NAME, AGENCY`): its photographer is not the story's author.
_PICTURE_CREDIT = regex.compile(
    r"^\s*(?:photo(?:graph)?s?|pictures?|images?|illustrations?|fotos?|bild(?:er)?|grafik|video|quelle|source|credit)\b",
    regex.I,
)

#: A byline label with nothing after it: the names are in the element next to it.
_LABEL_ONLY = regex.compile(
    r"^\s*[-–—|•·]?\s*(?:by|von|par|por|door|przez|autor(?:in|en|innen|ka)?|authors?|auteur(?:e|s)?|redaktion|text|interview|words)\s*:?\s*$",
    regex.I,
)


def _label_neighbour_texts(label: etree._Element) -> Iterator[str]:
    """The texts a lone byline label may introduce, likeliest first: the text right after it,
    its parent's when short (`<p><b>Von:</b> <a>NAME</a></p>`), the next element's
    (`<h4>Autor</h4><p>NAME</p>`, `<span>by</span> <h3><a>NAME</a></h3>`)."""
    tail = _norm(label.tail)
    if tail and len(tail) <= settings.AUTHOR_BYLINE_MAX_CHARS:
        yield tail  # `<span>Autor:</span> NAME<span>Quelle:</span> …`: the text right after the label
    parent = label.getparent()
    if parent is not None:
        text, own = parent.text_content(), label.text_content()
        if len(text) <= settings.AUTHOR_BYLINE_MAX_CHARS and _norm(text) != _norm(own):
            yield text[text.find(own) + len(own) :] if own in text else text  # what follows the label
    following = label.getnext()
    if following is not None:
        yield following.text_content()


def _same_person(short: str, full: str) -> bool:
    """`Nils` or `arianschlichenmayer` for `Nils Pickert` / `Arian Schlichenmayer`: the head's
    handle or first name of the name the byline shows in full."""
    short_folded, full_folded = short.casefold().replace(" ", ""), full.casefold()
    return short_folded == full_folded.replace(" ", "") or (" " not in short and full_folded.split()[0] == short_folded)


def find_authors(
    tree: lxml.html.HtmlElement, head: PageHead, root: lxml.html.HtmlElement | None, url: str | None = None,
    headline: etree._Element | None = None,
) -> list[str]:
    """The head's authors (JSON-LD, meta tags; never the publisher), or the visible byline in
    the article when the head names nobody or only handles/first names of the byline's names.
    `headline`: the headline's element (`_headline_element`).

    A credit line in the story's lead (`credit_in_lead`) naming none of those wins over them:
    the head and a user's byline name the account that posted the story (an editor's, for a
    guest's piece), the credit line was written into the story for its reader."""
    sites = site_names(head, url)
    found = _authors_shown_or_stated(tree, head, root, url, headline, sites)
    lead = credit_in_lead(headline, sites)
    if lead and not any(_overlap_names(name, known) for name in lead for known in found):
        return lead
    return found


def _overlap_names(one: str, other: str) -> bool:
    """Whether two names are the same person's as far as a page shows: one holds the other
    (`Jane Roe` in a credit run into its magazine's name, `Jane` in `Jane Doe`)."""
    one, other = one.casefold(), other.casefold()
    return one in other or other in one


def _authors_shown_or_stated(
    tree: lxml.html.HtmlElement, head: PageHead, root: lxml.html.HtmlElement | None, url: str | None,
    headline: etree._Element | None, sites: list[str],
) -> list[str]:
    from_head = authors_from_head(head, sites)
    if from_head and all(" " in name for name in from_head):
        return from_head
    boxes: list[str] = []
    from_byline = authors_from_byline(tree, root, headline, boxes, sites)  # as shown, a desk's name too
    if from_head and not (
        from_byline and all(any(_same_person(name, full) for full in from_byline) for name in from_head)
        or _only_full_names(from_byline)
    ):
        return full_names(from_head, boxes)
    return (
        full_names(from_byline, boxes) or name_beside_date(headline) or by_word_beside_date(headline)
        or name_in_meta_list(headline) or box_name(boxes)
        or copyright_holder(tree, url)
        or site_owner(site_title_elements(tree), url)
    )


#: Classes of the elements holding a site's own name and tagline in its header.
_SITE_TITLE_CLASS = regex.compile(r"site-title|site-description|site-name|blog-title")


def site_title_elements(tree: lxml.html.HtmlElement) -> list[etree._Element]:
    """The first SITE_TITLE_ELEMENTS elements of the site's title and tagline in the body (a
    walk that stops there, and tests each class value once, costs less than an XPath testing
    every class for each name)."""
    body = tree.find(".//body")
    found: list[etree._Element] = []
    seen: dict[str, bool] = {}
    for element in (body if body is not None else tree).iter(etree.Element):
        classes = element.get("class")
        if not classes:
            continue
        if (hit := seen.get(classes)) is None:
            hit = seen[classes] = _SITE_TITLE_CLASS.search(classes) is not None
        if hit:
            found.append(element)
            if len(found) == settings.SITE_TITLE_ELEMENTS:
                break
    return found

_ACADEMIC_TITLE = regex.compile(r"^(?:(?:dr|prof|mag|dipl|ing)\.?\s+)+", regex.I)


def site_owner(site_titles: list[etree._Element], url: str | None) -> list[str]:
    """The person a personal site is named after, when the page names no author otherwise:
    the site title or tagline its header shows is a person's name, all of which the host
    spells (`Jane Doe` on `jane-doe.example`, `janedoe.blog.example`). Only what the header
    shows: og:site_name and `<title>` name brands the host spells just as well."""
    host = _compact(urlsplit(url).hostname or "") if url else ""
    if not host:
        return []
    for element in site_titles:
        name = _ACADEMIC_TITLE.sub("", _norm(element.text_content())).strip()
        if not name or len(name) > settings.AUTHOR_MAX_CHARS or not metadata.looks_like_name(name):
            continue
        if _compact(name) in host and not _ORGANIZATION_WORDS.search(name) and not any(
            len(word) > 1 and word.isupper() for word in name.split()
        ):
            return split_authors(name)[:1]
    return []


def _compact(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


def box_name(boxes: list[str]) -> list[str]:
    """The name an author box opens with, when no byline names anyone (`<div class="author">
    <b>Jane Doe</b>, 21. Jan. 2015 …</div>`): its first text, up to a comma, read as a person's
    name (`metadata.looks_like_name`: not a heading like `Richtlinien für Autoren`)."""
    if not boxes:
        return []
    opening = boxes[0].split(" | ", 1)[0].split(",", 1)[0].strip()
    return split_authors(opening)[:1] if metadata.looks_like_name(opening) else []


#: A copyright notice: the sign or word, the years, then the holder (`© 2012-2020 Jane Doe.
#: All rights reserved`, `(c) Jane Doe • Impressum`, `Copyright by Jane Doe`).
_COPYRIGHT = regex.compile(
    r"(?:©|\(c\)|\bcopyright\b)(?:\s*(?:©|\(c\)|since\b|seit\b|depuis\b|\d{4}\b|[-–]|by\b|von\b|par\b))*\s*"
    r"(?P<holder>[^|•·,/()\d]+?)\s*(?:$|\.(?:\s|$)|[|•·,/(\d]|\s[-–—]\s|\ball\b|\balle\b|\btous\b|\btodos\b)",
    regex.I,
)
#: Containers of pictures' credits (`© Jane Doe` under a photo): not the page's copyright.
_PICTURE_CONTAINER = regex.compile(r"caption|credit|photo|foto|bild|image|media", regex.I)


def copyright_holder(tree: lxml.html.HtmlElement, url: str | None) -> list[str]:
    """The person a page's copyright notice names, when the page names no author otherwise and
    its address carries that person's first name (`janedoe.com`, `example.org/jane/`): a
    personal site, whose owner writes its pages. A firm, a site or a body (`© 2022 Example
    GmbH`, `© HR Example`, `© Example Media`) names no one; pictures' credits are skipped. The
    last notice counts (the page's footer comes last)."""
    address = (url or "").casefold()
    if not address:
        return []
    for text, parent in reversed(_copyright_texts(tree)):
        if parent is None or parent.tag in _UNSHOWN or _in_picture(parent):
            continue
        match = _COPYRIGHT.search(_norm(str(text)))
        holder = match["holder"].strip() if match else ""
        if holder and metadata.looks_like_name(holder) and _personal(holder, address):
            return split_authors(holder)[:1]
    return []


#: The texts of the body that may hold a copyright notice (with the element each is the text or tail of).
_COPYRIGHT_TEXTS = etree.XPath("//body//text()[contains(., '©') or contains(., '(c)') or contains(., '(C)') or contains(., 'opyright')]")


def _copyright_texts(tree: lxml.html.HtmlElement) -> list[tuple[str, etree._Element | None]]:
    """The texts and tails in the body that hold `©`, `(c)`, `(C)` or `opyright`, in reading
    order, each with the element (or comment) whose text or tail it is: what `_COPYRIGHT_TEXTS`
    finds, found by one walk in Python (the XPath's four `contains` copy every text four times)."""
    bodies = list(tree.getroottree().getroot().iter("body"))
    if len(bodies) != 1:  # none, or nested: the XPath's way
        return [(str(text), text.getparent()) for text in _COPYRIGHT_TEXTS(tree)]
    body = bodies[0]
    # every text and tail looked at below is part of the body's text: without a mark in it,
    # which half the pages asked lack, there is nothing to find and nothing to walk
    if not _may_be_copyright(body.text_content()):
        return []
    found = []
    for event, node in etree.iterwalk(body, events=("start", "end", "comment", "pi")):
        if event == "start":
            if node.text and _may_be_copyright(node.text):
                found.append((node.text, node))
        elif node is not body and node.tail and _may_be_copyright(node.tail):
            found.append((node.tail, node))
    return found


def _may_be_copyright(text: str) -> bool:
    return "©" in text or "(c)" in text or "(C)" in text or "opyright" in text


def _personal(holder: str, address: str) -> bool:
    """A person's name on its owner's site: no organisation's word, no acronym, the first name
    in the address."""
    words = holder.split()
    if _ORGANIZATION_WORDS.search(holder) or any(len(word) > 1 and word.isupper() for word in words):
        return False
    return len(words[0]) >= settings.SITE_NAME_MIN_CHARS and words[0].casefold() in address


def _in_picture(element: etree._Element) -> bool:
    for node in (element, *element.iterancestors()):
        if node.tag in ("figure", "figcaption", "picture") or _PICTURE_CONTAINER.search(node.get("class", "")):
            return True
    return False


def _only_full_names(names: list[str]) -> bool:
    """Whether the byline names people in full (first name and surname), where the head gave
    single words only (a handle, a first name, a brand split at its `&`): the byline wins."""
    return bool(names) and all(" " in name for name in names)


def full_names(names: list[str], boxes: list[str]) -> list[str]:
    """`names` with a first name completed from the author box that states it in full (the
    byline `Stefanus`, the box `Stefanus Stahl – Maschinenbauer …`); handles stay as they are."""
    if not boxes or all(" " in name for name in names):
        return names
    completed = []
    for name in names:
        if " " not in name:
            name = next((full for text in boxes if (full := _full_name_in(name, text))), name)
        completed.append(name)
    return completed


def _full_name_in(first: str, text: str) -> str | None:
    """`first` followed by a surname in `text` (`Nils Pickert ist …` for `Nils`), as a name."""
    pattern = regex.compile(rf"(?<!\w)(?i:{regex.escape(first)})(?:\s+\p{{Lu}}[\p{{Ll}}'’-]+){{1,2}}")
    for match in pattern.finditer(text, overlapped=True):
        words = match.group().split()
        if words[1].casefold() == first.casefold():
            continue  # `Stefanus Stefanus Stahl`: the box repeats the byline's name first
        name = clean_author(match.group())
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


#: Between a date and a name on one line: a dash, bar or bullet set apart by spaces.
_SEPARATOR = regex.compile(r"\s+[-–—|•·]\s+")


def _header_elements(headline: etree._Element, limit: int) -> Iterator[tuple[etree._Element, str | None]]:
    """The elements among the first `limit` after the headline, up to the story's first
    paragraph of prose: the article's header. Each with its text when it was read (a `<p>`'s,
    to see whether it is prose)."""
    for element in islice(_following(headline), limit):
        text = _norm(element.text_content()) if element.tag == "p" else None
        if text is not None and len(text) >= settings.DATE_HEADER_PROSE_CHARS:
            return
        yield element, text


def _header_lines(headline: etree._Element, limit: int = settings.AUTHOR_DATED_LINE_ELEMENTS) -> Iterator[tuple[etree._Element, str]]:
    """The shown elements of the header (`_header_elements`) with their texts: where a post's
    meta line and byline stand."""
    for element, text in _header_elements(headline, limit):
        if element.tag not in _UNSHOWN and isinstance(element.tag, str):
            yield element, text if text is not None else _norm(element.text_content())


def name_beside_date(headline: etree._Element | None) -> list[str]:
    """The name on an unmarked line under the headline that holds a date and a name and
    nothing else, set apart (`11.12.2019 - Jane Doe`, `Jane Doe | 11. Dezember 2019`): a blog's
    meta line.
    Looked for in AUTHOR_DATED_LINE_ELEMENTS elements after the headline, up to its first
    paragraph of prose; the name must read as a person's (`metadata.looks_like_name`)."""
    if headline is None:
        return []
    for _, text in _header_lines(headline):
        if not text or len(text.split()) > settings.HTML_HEADER_LINE_MAX_WORDS or not dates_in(text):
            continue
        parts = _SEPARATOR.split(text)
        if len(parts) != 2:
            continue
        for date_part, name_part in (parts, parts[::-1]):
            for pattern in metadata._DATE_PATTERNS:
                date_part = pattern.sub("", date_part)
            if not date_part.strip(" ,.") and metadata.looks_like_name(name_part):
                return split_authors(name_part)[:1]
    return []


def by_word_beside_date(headline: etree._Element | None) -> list[str]:
    """The writer an unmarked meta line under the headline credits with a by-word next to the
    post's date (`Posted in Datenschutz by jdoe on August 3, 2019`): read as a text capture's
    byline line is (`metadata.parse_byline`), so a user's handle counts when the byline ends
    right after it. Looked for in AUTHOR_DATED_LINE_ELEMENTS elements after the headline, up
    to its first paragraph of prose, outside sidebars and comments."""
    if headline is None:
        return []
    top, layout = headline.getroottree().getroot(), frozenset(headline.iterancestors())
    for element, text in _header_lines(headline):
        if not text or len(text.split()) > settings.HTML_HEADER_LINE_MAX_WORDS or not metadata.has_by_word(text):
            continue
        if not dates_in(text) or _inside_furniture(element, top, True, layout):
            continue
        if names := [name for found in metadata.parse_byline(text) for name in split_authors(found)]:
            return names
    return []


def credit_in_lead(headline: etree._Element | None, sites: Sequence[str] = ()) -> list[str]:
    """Who wrote the story, as its lead credits them in a short paragraph of its own (`Ein
    Interview von Jane Doe mit John Roe.`, `Blog Beitrag von Jane Doe`): one of the first
    AUTHOR_LEAD_PARAGRAPHS paragraphs after the headline, of HEADER_CREDIT_MAX_WORDS words at
    most, that `metadata.credits_writer` reads as a credit (a by-word opening it, or a byline
    word before its by-word: `Das Imperium von Jane Doe wankt.` is none). Full names only."""
    if headline is None:
        return []
    top, layout = headline.getroottree().getroot(), frozenset(headline.iterancestors())
    for paragraph in islice(_following(headline, "p"), settings.AUTHOR_LEAD_PARAGRAPHS):
        text = _norm(paragraph.text_content())
        if not text or len(text.split()) > settings.HEADER_CREDIT_MAX_WORDS or not metadata.credits_writer(text):
            continue
        if _inside_furniture(paragraph, top, True, layout):
            continue  # a teaser's or a sidebar's credit (the containers around the headline aside)
        # cleaned as bylines are (`Chefredakteur NAME`: the role goes); a newsroom or the site
        # credited (`Ein Interview von Spiegel Online`) names no writer
        names = [name for found in metadata.parse_byline(text) for name in split_authors(found)]
        if names and all(" " in name and not _ORGANIZATION_WORDS.search(name) for name in names) and not_publishers(names, sites) == names:
            return names
    return []


#: Links of a post's category or tag (`/kategorie/debatte/`, `/tag/donald-trump/`): a
#: topic's name, even when it reads as a person's.
_TOPIC_LINK = regex.compile(r"/(?:tags?|category|categories|kategorien?|rubriken?|topics?|themen?|thema|schlagwort\w*|keywords?)/", regex.I)


def name_in_meta_list(headline: etree._Element | None) -> list[str]:
    """The name among the items of a post's meta list under the headline (`<ul><li>Kommentar</li>
    <li>19. Oktober 2019</li><li>Jane Doe</li><li>1 Kommentar</li></ul>`), unmarked: a list
    of short items, one of them a date and nothing else, is the post's meta line, and the one
    item that reads as a person's name (`metadata.looks_like_name`) and is no category or tag
    link is who wrote it. Looked for in lists among AUTHOR_DATED_LINE_ELEMENTS elements after
    the headline; two items reading as names (a list of people, of topics) give none."""
    if headline is None:
        return []
    for element in islice(_following(headline, "ul", "ol"), 1):
        if not _within(headline, element, settings.AUTHOR_DATED_LINE_ELEMENTS):
            continue
        items = [item for item in element if item.tag == "li"]
        if not settings.AUTHOR_META_LIST_MIN_ITEMS <= len(items) <= settings.AUTHOR_META_LIST_MAX_ITEMS:
            continue
        texts = [_norm(item.text_content()) for item in items]
        if any(len(text.split()) > settings.AUTHOR_MAX_WORDS for text in texts):
            continue  # a list of headlines or of facts, not a meta line
        if not any(text and _only_date_text(text) for text in texts):
            continue
        names = [
            text for item, text in zip(items, texts)
            if metadata.looks_like_name(text) and not any(_TOPIC_LINK.search(link.get("href", "")) for link in item.iter("a"))
        ]
        if len(names) == 1:
            return split_authors(names[0])[:1]
    return []


def _only_date_text(text: str) -> bool:
    """Whether `text` is a date and nothing else (but separators)."""
    if not dates_in(text):
        return False
    for pattern in metadata._DATE_PATTERNS:
        text = pattern.sub("", text)
    return not text.strip(" ,.|-–—:")


def _within(first: etree._Element, element: etree._Element, distance: int) -> bool:
    """Whether `element` comes at most `distance` elements after `first` in reading order."""
    return int(_ELEMENTS_BEFORE(element)) - int(_ELEMENTS_BEFORE(first)) <= distance


# --- date --------------------------------------------------------------------------------

def dates_in(text: str, today: _dt.date | None = None) -> list[tuple[int, str]]:
    """Every valid, non-future date written in `text` as (position, ISO 8601), in reading order."""
    today = today or _dt.date.today()
    found: dict[int, str] = {}
    for pattern in metadata._DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = metadata._iso_from_match(match, today)
            if iso and match.start() not in found:
                found[match.start()] = iso
    return sorted(found.items())


#: `/2022/02/04/` or `/2022-02-04/` in a page's address: the day its CMS filed it under.
#: One parser for dates in addresses serves both capture kinds.
date_from_url = metadata.date_from_url


_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
)
#: Meta tags stating a later revision: never the page's date, but a date its header may show.
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified")
_ISO = regex.compile(
    r"(?P<date>(?:19|20)\d\d-[01]\d-[0-3]\d)(?:[T ](?P<time>[0-2]\d:[0-5]\d)(?P<seconds>:[0-5]\d(?:\.\d+)?)?"
    r"\s*(?P<zone>Z|[+-]\d\d:?\d\d)?)?"
)
_UTC = regex.compile(r"^(?:Z|[+-]00:?00)$")
#: A machine-written date with slashes (`11/01/2023`): which number is the month is unknown.
_SLASHED = regex.compile(r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/\d{4}\b")


def iso_date(value: str | None, today: _dt.date | None = None) -> str | None:
    """`2022-02-04T10:42:17+00:00` gives `2022-02-04T10:42`; other formats go through parse_date.

    The time is kept as written (no time-zone conversion); a midnight time with an offset
    is dropped (CMSs write dates without a time that way), and so is a UTC time that is a
    local midnight east of UTC (`2021-11-04T23:00Z`: the day is the 5th where it was
    written). Dates in the future give None.
    """
    if not value:
        return None
    value = value.strip()
    match = _ISO.match(value)
    today = today or _dt.date.today()
    if not match:
        slashed = _SLASHED.match(value)
        if slashed and slashed["a"] != slashed["b"] and max(int(slashed["a"]), int(slashed["b"])) <= 12:
            return None  # `11/01/2023 12:43` in markup: a US CMS's month first as likely as a day first
        return metadata.parse_date(value, today)
    try:
        date = _dt.date.fromisoformat(match["date"])
    except ValueError:
        return None
    time = match["time"]
    seconds = (match["seconds"] or ":00").lstrip(":")
    if time and match["zone"] and _UTC.match(match["zone"]) and float(seconds) == 0:
        hour, minute = int(time[:2]), int(time[3:])
        if minute == 0 and hour in settings.DATE_UTC_LOCAL_MIDNIGHT_HOURS:
            date += _dt.timedelta(days=1)
            return date.isoformat() if date <= today else None
    if date > today:
        return None
    if time and time != "00:00":
        return f"{match['date']}T{time}"
    return match["date"]


def date_from_markup(head: PageHead, root: lxml.html.HtmlElement | None) -> str | None:
    """The publication date the article's own markup states."""
    for obj in head.articles:
        value = obj.get("datePublished") or obj.get("dateCreated")
        if isinstance(value, str) and (date := iso_date(value)):
            return date
    for key in _PUBLISHED_META[:3]:
        if date := iso_date(head.meta(key)):
            return date
    if root is not None:
        for element in root.xpath('.//*[@itemprop="datePublished"]|.//time[@datetime]'):
            if _inside_furniture(element, root):
                continue
            value = element.get("datetime") or element.get("content") or element.text_content()
            if date := iso_date(value):
                return date
    for key in _PUBLISHED_META[3:]:
        if date := iso_date(head.meta(key)):
            return date
    return None


def stated_days(head: PageHead, root: lxml.html.HtmlElement | None, url: str | None) -> tuple[set[_dt.date], set[_dt.date]]:
    """The days the page's address and markup state for the article: (published, modified).

    Published: the address, JSON-LD `datePublished`/`dateCreated`, published meta tags,
    `datePublished` and `<time>` elements of the article; modified: the revision dates."""
    published: list[str | None] = [date_from_url(url)]
    modified: list[str | None] = []
    for obj in head.articles:
        published += [obj.get(key) for key in ("datePublished", "dateCreated") if isinstance(obj.get(key), str)]
        modified += [obj.get("dateModified")] if isinstance(obj.get("dateModified"), str) else []
    for key in _PUBLISHED_META:
        published += head.metas.get(key, [])
    for key in _MODIFIED_META:
        modified += head.metas.get(key, [])
    if root is not None:
        for element in root.xpath('.//*[@itemprop="datePublished"]|.//time[@datetime]'):
            published.append(element.get("datetime") or element.get("content"))
        for element in root.xpath('.//*[@itemprop="dateModified"]'):
            modified.append(element.get("datetime") or element.get("content"))

    def days(values: list[str | None]) -> set[_dt.date]:
        return {_dt.date.fromisoformat(date[:10]) for value in values if (date := iso_date(value))}

    return days(published), days(modified)


#: Tags whose text is never shown on the page.
_UNSHOWN = frozenset(("script", "style", "noscript", "template"))


def _shown_texts(tree: lxml.html.HtmlElement) -> Iterator[tuple[str, etree._Element, str]]:
    """(event, element, text) in reading order: an element's own text at its start, its
    tail at its end (`<span class="icon"></span>12.01.2022` holds the date in a tail)."""
    walk = etree.iterwalk(tree, events=("start", "end"))
    for event, element in walk:
        tag = element.tag  # read once: each read builds the string anew
        if not isinstance(tag, str) or tag in _UNSHOWN:
            if event == "start":
                walk.skip_subtree()  # nothing in it is shown (its end still comes, with its tail)
            elif element.tail:
                yield event, element, element.tail
        else:
            yield event, element, (element.text if event == "start" else element.tail) or ""


def _shown_under(element: etree._Element, top: etree._Element) -> bool:
    """Whether `_shown_texts(top)` yields `element`'s start: it is `top` or under it, and
    neither it nor an element above it (up to `top`) is unshown."""
    node: etree._Element | None = element
    while node is not None:
        if not isinstance(node.tag, str) or node.tag in _UNSHOWN:
            return False
        if node is top:
            return True
        node = node.getparent()
    return False


def _shown_texts_after(element: etree._Element, top: etree._Element) -> Iterator[tuple[str, etree._Element, str]]:
    """What `_shown_texts(top)` yields after `element`'s end (`element` shown under `top`)."""
    return chain.from_iterable(_walks_after(element, top))  # chained in C: no generator in between


def _walks_after(element: etree._Element, top: etree._Element) -> Iterator[Iterable[tuple[str, etree._Element, str]]]:
    """`_shown_texts_after` in pieces: the walk of each following sibling, then the parent's
    end, up to `top`. Comments and processing instructions are skipped, tails and all, as
    `iterwalk` skips them."""
    node = element
    while node is not top:
        for sibling in node.itersiblings(etree.Element):
            yield _shown_texts(sibling)
        node = node.getparent()
        yield (("end", node, node.tail or ""),)


def _shown_texts_from(element: etree._Element, top: etree._Element) -> Iterator[tuple[str, etree._Element, str]]:
    """What `_shown_texts(top)` yields from `element`'s start on (`element` shown under `top`)."""
    return chain(_shown_texts(element), _shown_texts_after(element, top))


def _texts_before(element: etree._Element, top: etree._Element) -> Iterator[str]:
    """The texts `_shown_texts(top)` yields before `element`'s end, last first (blank ones
    too), but `element`'s own text (`element` shown under `top`)."""
    for child in element.iterchildren(etree.Element, reversed=True):
        yield from _reversed_texts(child)
    node = element
    while node is not top:
        for sibling in node.itersiblings(etree.Element, preceding=True):
            yield from _reversed_texts(sibling)
        node = node.getparent()
        yield node.text or ""


def _reversed_texts(element: etree._Element) -> Iterator[str]:
    """The texts `_shown_texts(element)` yields, last first (blank ones too). A stack, not
    recursion: pages nest elements hundreds deep."""
    stack = [(element, False)]
    while stack:
        node, entered = stack.pop()
        if entered:
            yield node.text or ""
            continue
        yield node.tail or ""
        if node.tag not in _UNSHOWN:
            stack.append((node, True))
            stack.extend((child, False) for child in node.iterchildren(etree.Element))


def _is_date_line(text: str) -> bool:
    """A short text (a date line, a byline with a date), not a sentence that mentions a date."""
    return len(text.split()) <= settings.HTML_DATE_LINE_MAX_WORDS


def _headline_element(tree: lxml.html.HtmlElement, title: str | None) -> etree._Element | None:
    """The heading whose text is the title, else the first `<h1>`."""
    if title:
        folded = title.casefold()
        for tags in (("h1", "h2"), ("h3",)):  # a blog engine's post title under the blog's name (`<h1>Blog</h1> … <h3>Post</h3>`)
            heading = next((h for h in tree.iter(*tags) if _heading_text(h).casefold() == folded), None)
            if heading is not None:
                return heading
    return next(tree.iter("h1"), None)


def date_from_header_text(tree: lxml.html.HtmlElement, title: str | None) -> str | None:
    """A date shown in the article's header (`date_near_headline`), the headline being the
    heading whose text is `title`, else the first `<h1>`."""
    return date_near_headline(tree, _headline_element(tree, title))


def date_near_headline(tree: lxml.html.HtmlElement, headline: etree._Element | None) -> str | None:
    """A date shown in the article's header: in the short texts after the headline up to its
    first paragraph of prose, plus that paragraph's opening words (a press release's
    dateline); else just above the headline. Dates inside sentences (a lead announcing an
    event) and further into the story are not taken. The page is read from the headline on,
    forwards and backwards (the walk from the page's start to the headline was most of the
    time spent here)."""
    if headline is None:
        return None
    shown = _shown_under(headline, tree)
    # a headline that is never shown (in a `<noscript>`) opens no header: the page's last texts are above it
    chunks = _header_date_lines(_shown_texts_after(headline, tree)) if shown else []
    date = _first_unrevised_date(" | ".join(chunks))
    if date:
        return date
    # a date just above the headline (kicker and date lines)
    text_before = ""
    for raw in _texts_before(headline, tree) if shown else _reversed_texts(tree):
        if len(text_before) >= settings.DATE_ABOVE_HEADLINE_CHARS:
            break
        if raw.strip():
            text_before = _norm(raw) + " | " + text_before
    dates = dates_in(text_before)
    return dates[-1][1] if dates else None


def _header_date_lines(events: Iterable[tuple[str, etree._Element, str]]) -> list[str]:
    """The short texts among `events` (those after the headline) up to the first paragraph of
    prose or DATE_HEADER_MAX_CHARS, and that paragraph's dateline: where the header's date is."""
    chunks: list[str] = []
    seen = 0
    for event, element, raw in events:
        if event == "start" and element.tag == "p":
            text = _norm(element.text_content())
            if len(text) >= settings.DATE_HEADER_PROSE_CHARS:
                dateline = _dateline_date(text[: settings.DATE_DATELINE_CHARS]) or _dateline_after(element)
                if dateline:
                    chunks.append(dateline)
                break
        text = _norm(raw)
        if text:
            if _is_date_line(text):
                chunks.append(text)
            seen += len(text)
        if seen > settings.DATE_HEADER_MAX_CHARS:
            break
    return chunks


def _first_unrevised_date(text: str) -> str | None:
    """The date `text` gives (as `metadata.parse_date`), unless it is only an update's
    (`Article mis à jour le 7 janvier 2020`): that one is not when the page was published."""
    date = metadata.parse_date(text)
    if date is None:
        return None
    dates = metadata.find_dates(text)
    if all(metadata._last_marker(text[:position]) == "updated" for position, _ in dates):
        return None
    return date


#: A dateline: a place (capitalised, a few words) and a comma before the date, or nothing
#: (the paragraph opens with its date: `31. Oktober 2023. Dragqueens sind …`).
_DATELINE_PLACE = regex.compile(r"^(?:\p{Lu}[\p{L}\s|./()-]{0,50},)?\s*$")


def _dateline_date(opening: str) -> str | None:
    """The date of a press release's dateline (`Wiesbaden, 11. November 2021 – …`), or the date
    the story's first paragraph opens with, as written."""
    dates = dates_in(opening)
    if dates and _DATELINE_PLACE.match(opening[: dates[0][0]]):
        return opening[dates[0][0] :]
    return None


def _dateline_after(paragraph: etree._Element) -> str | None:
    """The dateline of a short paragraph right after `paragraph` (the standfirst, then
    `Hofheim am Taunus | Wiesbaden, 11. November 2021` on a line of its own)."""
    for sibling in paragraph.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        text = _norm(sibling.text_content())
        if not text:
            continue
        if sibling.tag != "p" or not _is_date_line(text):
            return None
        return _dateline_date(text[: settings.DATE_DATELINE_CHARS])
    return None


#: Words that mark a date as the page's publication (`metadata`'s, and `Erschienen am`) ...
_PUBLISHED_LINE = regex.compile(
    rf"{metadata._PUBLISHED_MARKER.pattern}|\b(?:erschienen|written|gepostet)\b|\b(?:datum|date|fecha)\s*:", regex.I
)


def date_from_marked_lines(
    tree: lxml.html.HtmlElement, root: lxml.html.HtmlElement | None, headline: etree._Element | None = None
) -> tuple[str | None, str | None]:
    """Dates that short lines of the article mark as its publication (`Erschienen am:
    01.11.2023`, `Veröffentlicht am 16.08.2019`, `Written: 2023-11-07`) or its last update
    (`Letzte Änderung: 14.01.2022`, `Aktualisiert am 17.01.2021`), wherever in the article
    they stand (many pages put them at its end): (published, updated), the first of each.
    The article: from its headline (or container, whichever comes first) to the container's
    end; without a container, DATE_MARKED_LINE_MAX_TEXTS texts from the headline; without
    either, the page. A marker and its date may sit in neighbouring elements."""
    chunks: list[str] = []
    begun = headline is None and root is None
    texts = _shown_texts(tree)
    if not begun and (first := _first_shown(tree, headline, root)) is not None:
        texts, begun = _shown_texts_from(first, tree), True  # what lies above is never read: not walked
    for event, element, raw in texts:
        if not begun and (element is headline or element is root):
            begun = True
        if not begun:
            continue
        if raw and not raw.isspace():  # most elements have no text or no tail (or a blank one)
            chunks.append(_norm(raw))
        if event == "end" and element is root or root is None and len(chunks) > settings.DATE_MARKED_LINE_MAX_TEXTS:
            break
    published = updated = None
    for index, chunk in enumerate(chunks):
        if len(chunk.split()) > settings.HTML_DATE_LINE_MAX_WORDS or not _DATE_MARKER.search(chunk):
            continue
        published_marker = _PUBLISHED_LINE.search(chunk)
        updated_marker = metadata._UPDATED_MARKER.search(chunk) or _LAST_CHANGE.search(chunk)
        if not (published_marker or updated_marker):
            continue
        marker = published_marker or updated_marker
        assert marker is not None
        following = " ".join([chunk[marker.end() :]] + chunks[index + 1 : index + 1 + settings.DATE_MARKED_LINE_NEXT_CHUNKS])
        dates = metadata.find_dates(following[: settings.DATE_MARKED_LINE_CHARS])
        if not dates and published_marker:
            previous = chunks[max(0, index - settings.DATE_MARKED_LINE_PREVIOUS_CHUNKS) : index]
            dates = _date_before_participle(previous, chunk, marker)
        if not dates:
            continue
        if published_marker and published is None:
            published = dates[0][1]
        elif not published_marker and updated is None:
            updated = dates[0][1]
        if published:
            break
    return published, updated


def _first_shown(top: etree._Element, *elements: etree._Element | None) -> etree._Element | None:
    """The first of `elements` (None aside) in reading order, when `_shown_texts(top)` yields
    the start of each; else None."""
    present = [element for element in elements if element is not None]
    if not present or not all(_shown_under(element, top) for element in present):
        return None
    return min(present, key=_ELEMENTS_BEFORE)


#: A German participle closing a publication line after its date (`wurde am 19. Mai 2010 um
#: 23:03 Uhr gepostet`): the marker follows the date it marks.
_CLOSING_PARTICIPLE = regex.compile(r"^(?:veröffentlicht|gepostet|erstellt|publiziert|eingestellt|geschrieben|erschienen)\b", regex.I)
#: `am DATE` right before such a participle (with the time between: `um 23:03 Uhr`).
_AM_DATE = regex.compile(r"\bam\s+$", regex.I)


def _date_before_participle(previous: list[str], chunk: str, marker: regex.Match[str]) -> list[tuple[int, str]]:
    """The date of `am DATE … veröffentlicht`, the participle being `marker` in `chunk`; [] for
    any other marker (in English and most languages the marker precedes its date)."""
    if not _CLOSING_PARTICIPLE.match(marker.group()):
        return []
    preceding = " ".join([*previous, chunk[: marker.start()]])[-settings.DATE_MARKED_LINE_CHARS :]
    dates = metadata.find_dates(preceding)
    if not dates or not _AM_DATE.search(preceding[: dates[-1][0]]):
        return []
    return dates[-1:]


#: `Letzte Änderung`, `Last change`, `Stand`: a revision date's label.
_LAST_CHANGE = regex.compile(r"\b(?:letzte\s+änderung|last\s+change[sd]?|zuletzt\s+geändert)\b", regex.I)
#: Any of the three markers: one search rules out the lines that hold none (nearly all).
_DATE_MARKER = regex.compile("|".join(f"(?:{marker.pattern})" for marker in (_PUBLISHED_LINE, metadata._UPDATED_MARKER, _LAST_CHANGE)), regex.I)


def _shown_in_utc(shown: str, date: str, head: PageHead) -> bool:
    """Whether the page shows the UTC day of a publication time the markup writes as a local
    midnight in UTC (`2022-11-06T23:00Z`, read as 7 November by `iso_date`, shown `6.11.22`): the
    page renders the stamp without its zone, and the day meant is the markup's."""
    day = _dt.date.fromisoformat(date[:10])
    if len(date) > 10 or _dt.date.fromisoformat(shown[:10]) != day - _dt.timedelta(days=1):
        return False
    raw = [obj.get("datePublished") for obj in head.articles] + [head.meta(key) for key in _PUBLISHED_META]
    for value in raw:
        match = _ISO.match(value.strip()) if isinstance(value, str) else None
        if match and match["date"] == shown[:10] and match["time"] and match["zone"] and _UTC.match(match["zone"]):
            return int(match["time"][:2]) in settings.DATE_UTC_LOCAL_MIDNIGHT_HOURS and match["time"][3:] == "00"
    return False


def _close_to(date: str, days: set[_dt.date]) -> bool:
    day = _dt.date.fromisoformat(date[:10])
    return any(abs((day - other).days) <= settings.DATE_SHOWN_MAX_DAYS_FROM_STATED for other in days)


def find_date(
    tree: lxml.html.HtmlElement, head: PageHead, root: lxml.html.HtmlElement | None, url: str | None,
    headline: etree._Element | None = None,
) -> str | None:
    """The date the page shows, when its markup does not contradict it: in the article's
    header, else on a line of the article marked as the publication (`Erschienen am …`).
    Else the date in the page's address, then its markup; else a line marked as the last
    update (`Letzte Änderung: …`, the only date such a page shows), then htmldate's quick
    search, then a contradicted shown date anyway.

    A shown date goes first because it is the one a reader (and a citation) goes by: the
    markup's may be in another time zone, or be when the page was first filed as a draft.
    A shown date far from every date the markup states is more likely an event's than the
    page's, and yields to the markup. `headline`: the headline's element (`_headline_element`).
    """
    shown = date_near_headline(tree, headline)
    date = date_from_markup(head, root)
    stated: tuple[set[_dt.date], set[_dt.date]] | None = None
    marked_published = marked_updated = None
    for candidate in (shown, "marked"):
        if candidate == "marked":
            marked_published, marked_updated = date_from_marked_lines(tree, root, headline)
            candidate = marked_published
        if not candidate:
            continue
        if date and date[:10] == candidate[:10]:
            return date if len(date) > len(candidate) else candidate  # the same day: the one with its time
        if date and _shown_in_utc(candidate, date, head):
            return date
        published, modified = stated = stated or stated_days(head, root, url)
        if not published or _close_to(candidate, published | modified):
            return candidate
    from_url = date_from_url(url)
    if from_url and not (date and date.startswith(from_url)):
        return from_url  # the day the CMS filed the page under; the markup may be a later edit
    if date:
        return date
    if marked_updated:
        return marked_updated
    import htmldate

    try:
        found = htmldate.find_date(tree, url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises on odd trees; a missing date is not a failure
        found = None
    if found or shown or marked_published:
        return found or shown or marked_published
    # nothing states a date: an entry of the article that opens with its own (a news page's
    # latest release: `01.02.2022 „Der Arbeitsmarkt …`), else a publication line anywhere on
    # the page (a theme that prints `wurde am … gepostet` in its sidebar)
    return _opening_date(root) or date_from_marked_lines(tree, None, None)[0]


def _opening_date(root: lxml.html.HtmlElement | None) -> str | None:
    """The date the first text of the article container that opens with one opens with (as a
    dateline: alone or after a place), among its first DATE_MARKED_LINE_MAX_TEXTS texts. Only
    an `<article>` or `articleBody` holds one story; a `<main>` may be a grid of event teasers."""
    if root is None or root.tag != "article" and root.get("itemprop") != "articleBody":
        return None
    for count, (_, _, raw) in enumerate(_shown_texts(root)):
        if count > settings.DATE_MARKED_LINE_MAX_TEXTS:
            break
        text = _norm(raw)
        if text and (dateline := _dateline_date(text[: settings.DATE_DATELINE_CHARS])):
            return metadata.parse_date(dateline)
    return None


# --- site rules ---------------------------------------------------------------------------


def authors_from_rules(tree: lxml.html.HtmlElement, rules: Sequence[Rule]) -> list[str]:
    """Names from the elements of the first `byline` rule whose selector finds a name (the
    rules' order; an element's `content` for a `<meta>`, else its text)."""
    for rule in rules:
        if rule.action != "byline" or rule.selector is None:
            continue
        names: list[str] = []
        for element in rule.selector(tree):
            text = element.get("content") if element.tag == "meta" else element.text_content()
            for name in split_authors(text or ""):
                if name.casefold() not in {known.casefold() for known in names}:
                    names.append(name)
        if names:
            return names[: settings.AUTHOR_MAX_NAMES]
    return []


def date_from_rules(tree: lxml.html.HtmlElement, rules: Sequence[Rule]) -> str | None:
    """The date of the first element a `date` rule selects that holds one: its `datetime` or
    `content` attribute, else its text (any format `metadata.parse_date` reads)."""
    for rule in rules:
        if rule.action != "date" or rule.selector is None:
            continue
        for element in rule.selector(tree):
            for value in (element.get("datetime"), element.get("content"), element.text_content()):
                if value and (date := iso_date(value)):
                    return date
    return None


@dataclass
class HtmlMetadata:
    title: str | None
    authors: list[str]
    date: str | None
    #: what the page's <head> states, kept to choose the title again on a pruned tree
    head: PageHead = field(repr=False, compare=False)


def extract(tree: lxml.html.HtmlElement, url: str | None, rules: RuleSet | None = None) -> HtmlMetadata:
    """Title, authors and date of the page. `rules` (those in force on its site) may name the
    byline and date elements: what they find wins over every heuristic."""
    head = read_head(tree)
    root = article_root(tree)
    title = find_title(tree, head, url)
    site_rules = rules.html_metadata_rules if rules is not None else ()
    headline = _headline_element(tree, title)
    authors = authors_from_rules(tree, site_rules) or find_authors(tree, head, root, url, headline)
    date = date_from_rules(tree, site_rules) or find_date(tree, head, root, url, headline)
    if not authors or date is None:
        header_authors, header_date = text_rules_under_headline(headline, rules)
        authors, date = authors or header_authors, date or header_date
    return HtmlMetadata(title, authors, date, head)


def text_rules_under_headline(headline: etree._Element | None, rules: RuleSet | None) -> tuple[list[str], str | None]:
    """The byline and date that the text rules' `byline` and `date` actions read on the lines
    just under the headline (`Filed under: News — jdoe @ 00:11`, a site's `Stand: …` line):
    a rule written for a site's text captures reads its HTML pages too, where the extractor
    may have dropped the line. Each text of `_header_lines` is a unit. For a page whose
    markup and byline elements name no author (or give no date): what they state comes first."""
    if headline is None or rules is None or not rules.text_rules:
        return [], None
    from cleaner.pipeline import apply_text_rules  # (as in html_extract: pipeline imports the HTML stages)

    # (a wrapper and its one child read the same: once)
    texts = dict.fromkeys(text for _, text in _header_lines(headline) if text)
    if not texts:
        return [], None
    verdicts = apply_text_rules(split_units("\n\n".join(texts)), rules)
    return verdicts.authors, verdicts.date


def _iter_text(elements: Iterable[etree._Element]) -> Iterator[str]:
    for element in elements:
        yield _norm(element.text_content())
