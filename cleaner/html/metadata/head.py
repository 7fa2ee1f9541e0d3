"""The page's head, read once: meta tags, JSON-LD objects, the `<title>`, the site's names."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import lxml.html
import regex
from lxml import etree

from cleaner.meta import vocab
from cleaner.settings import Options
from cleaner.textutil import WORD, join_words

if TYPE_CHECKING:
    pass


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


def read_head(tree: lxml.html.HtmlElement, options: Options) -> PageHead:
    head = PageHead()
    for element in tree.iter("meta"):
        content = join_words(element.get("content"))
        if not content:
            continue
        for attribute in ("name", "property", "itemprop"):
            key = element.get(attribute)
            if key:
                head.metas.setdefault(key.strip().lower(), []).append(content)
    for script in tree.getroottree().getroot().iter("script"):  # the page's, as `//script`
        if script.get("type") == "application/ld+json":
            head.json_ld.extend(json_ld_objects(script.text or "", options))
    title = next(tree.iterdescendants("title"), None)  # as `tree.find(".//title")`, without ElementPath's parsing
    if title is not None:
        head.title = join_words(title.text_content()) or None
    return head


def json_ld_objects(text: str, options: Options) -> list[dict]:
    """The objects of one JSON-LD script, flattened; [] when it is not valid JSON."""
    try:
        data = json.loads(text.strip(), strict=False)
    except ValueError:
        return []
    found: list[dict] = []

    def walk(value: object, depth: int = 0) -> None:
        if depth > options.json_ld_max_depth:
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


_ARTICLE_TYPES = regex.compile(vocab.alternation(vocab.words("article_types")), regex.I)


def json_ld_types(obj: dict) -> list[str]:
    value = obj.get("@type")
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _is_article(obj: dict) -> bool:
    return any(_ARTICLE_TYPES.search(kind) and kind != "WebSite" for kind in json_ld_types(obj))


_DISCUSSION_TYPES = regex.compile(vocab.alternation(vocab.words("discussion_types")), regex.I)


_ITEMTYPES = etree.XPath("//@itemtype")


def is_discussion(tree: lxml.html.HtmlElement, head: PageHead) -> bool:
    """Whether the page's markup says it is a discussion (a forum thread, a question and its
    answers): JSON-LD `@type` or microdata `itemtype`."""
    types = [kind for obj in head.json_ld for kind in json_ld_types(obj)] + [str(value) for value in _ITEMTYPES(tree)]
    return any(_DISCUSSION_TYPES.search(kind) for kind in types)


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


#: Separators between a headline and a site name in `<title>` and `og:title`.
_TITLE_SEPARATOR = regex.compile(r"\s+(?:[|–—•·»›:]|::|-|~|/{2})\s+|\s+-\s*$|(?<=\S)(?::|\s\|)\s+(?=\S)")


def title_parts(title: str) -> list[str]:
    """`Headline | Site | Tagline` gives the three parts (a lone part gives itself)."""
    return [part.strip() for part in _TITLE_SEPARATOR.split(title) if part and part.strip()]


def casefolded_words(text: str) -> set[str]:
    return {word.casefold() for word in WORD.findall(text)}


def word_overlap(words: set[str], reference: set[str]) -> float:
    """Share of a candidate's `words` (`words`) that the reference's words also have."""
    return len(words & reference) / len(words) if words else 0.0


def site_names(head: PageHead, url: str | None) -> list[str]:
    """Names the site goes by: og:site_name, application-name, the host's main label."""
    names = [
        name for name in (head.meta("og:site_name"), head.meta("application-name"), head.meta("twitter:site")) if name
    ]
    names = [name.lstrip("@") for name in names]
    if url:
        host = urlsplit(url).hostname or ""
        labels = [label for label in host.split(".") if label not in ("www", "m", "amp")]
        while len(labels) > 2 and labels[-2] in _SECOND_LEVEL_LABELS:  # example.co.uk: example
            labels.pop()
        if len(labels) >= 2:
            names.append(labels[-2])
    return names


_SECOND_LEVEL_LABELS = vocab.words("second_level_domains")


def is_site_name(text: str, sites: Iterable[str], options: Options) -> bool:
    folded = text.casefold().replace(" ", "")
    for site in sites:
        site_folded = site.casefold().replace(" ", "")
        if len(site_folded) < options.site_name_min_chars:  # `bz`, `mdr`: inside too many words
            if folded == site_folded or folded.startswith(site_folded + "."):
                return True
            continue
        if folded == site_folded or site_folded in folded and len(folded) <= len(site_folded) + 12:
            return True
    return False


def heading_text(element: etree._Element) -> str:
    return join_words(element.text_content())


_LINKS = etree.XPath(".//a[@href]")


def is_logo(element: etree._Element) -> bool:
    """A heading that is only a link to the site's home page."""
    links = _LINKS(element)
    if len(links) != 1 or join_words(links[0].text_content()) != heading_text(element):
        return False
    path = urlsplit(links[0].get("href", "")).path
    return path in ("", "/", "/index.html", "/index.php")
