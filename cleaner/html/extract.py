"""Stages 2–5 for HTML: our HTML rules, then trafilatura, then our text rules on what it kept.

The page is parsed once. HTML rules remove elements from the tree before trafilatura's
extraction sees it; trafilatura's own heuristics choose the main text; our text rules
then remove what it keeps by design (read-more links, newsletter prompts, captions).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import cssselect
import lxml.html
import regex
import trafilatura
from lxml import etree
from lxml.cssselect import LxmlTranslator
from trafilatura.baseline import html2txt
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, repair_faulty_html

from cleaner import html_metadata, html_recovery, metadata, settings
from cleaner.article import Article, Decision, Role
from cleaner.blocks import normalize_space
from cleaner.heuristics import repeated_lines
from cleaner.rules import RuleSet, host_of


class HtmlParseError(ValueError):
    """The capture looked like HTML but no document tree could be built from it."""


#: trafilatura's parser settings (comments and processing instructions dropped), with every
#: element an `HtmlElement`: lxml.html's default picks a class per element in Python (form
#: fields get their own), which costs on every element any stage touches; nothing here nor in
#: trafilatura uses the form classes.
_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)


def parse_html(text: str) -> lxml.html.HtmlElement:
    """The page's tree, parsed as trafilatura's `load_html` parses a decoded page.

    The page is handed to libxml2 as UTF-8, the encoding it works in: a str is handed over
    in its internal form (Latin-1, UTF-16 or UCS-4) and converted character by character.
    The characters, hence the tree, are the same; a str that UTF-8 cannot encode (lone
    surrogates), or whose start lxml would sniff otherwise as bytes, is parsed as before.
    """
    beginning = text[:50].lower()
    encoded = _utf8(text)
    repaired = repair_page(text, beginning, encoded)
    if repaired is not text:
        encoded = _utf8(repaired)
    text = repaired
    tree = None
    if encoded is not None and _sniffed_alike(text):
        try:
            tree = lxml.html.fromstring(encoded, parser=_PARSER)
        except (ValueError, etree.LxmlError):
            tree = None
    else:
        try:
            tree = lxml.html.fromstring(text, parser=_PARSER)
        except ValueError:  # a str declaring its encoding (`<?xml … encoding=…?>`): parse its bytes
            pass
        except etree.LxmlError:
            tree = None
        if tree is None or len(tree) < 1:
            try:
                tree = lxml.html.fromstring(text.encode("utf-8", "surrogatepass"), parser=_PARSER)
            except (ValueError, etree.LxmlError):
                tree = None
    # a page that never says "html" near its start and parses to a single element is not a page
    if tree is None or ("html" not in beginning and len(tree) < 2):
        raise HtmlParseError("could not parse the HTML")
    return tree


#: The whitespace lxml's `fromstring` lets stand before `<html` or `<!doctype` when it tests
#: whether a page is a whole document (`\s*` of Python's `re`, in a str or in bytes; the
#: `regex` module's `\s` is Unicode's White_Space, which leaves out \x1c-\x1f).
_LEADING_SPACE = re.compile(r"\s*")
#: What `\s` matches in bytes: ASCII whitespace without the separators \x1c-\x1f.
_BYTES_SPACE = " \t\n\r\f\v"


def _sniffed_alike(text: str) -> bool:
    r"""Whether lxml's `fromstring` takes the str and its UTF-8 alike for a whole document or a
    fragment. It matches the same pattern, `^\s*<(?:html|!doctype)`, in either; `\s` matches
    more in a str (no-break and wide spaces, the separators \x1c-\x1f), so the two can only
    differ when such a character stands in the whitespace before the first tag."""
    match = _LEADING_SPACE.match(text)
    return not match or not match.group().strip(_BYTES_SPACE)


def _utf8(text: str) -> bytes | None:
    """The text's UTF-8, None when it holds lone surrogates (a str a caller built)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


#: The UTF-8 bytes of the control characters trafilatura's repair deletes (its
#: INVALID_XML_CHARS but U+FFFE and U+FFFF): each is its own byte in UTF-8, never part of
#: another character's bytes.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def _holds_invalid_xml_chars(text: str, encoded: bytes | None = None) -> bool:
    """Whether `text` holds a character trafilatura's INVALID_XML_CHARS matches. The control
    characters are looked for in the bytes of its UTF-8 (`encoded`, when the caller has it),
    in C by bytes.translate, about twice as fast as that regex's scan; U+FFFE and U+FFFF in
    the str itself (a str holding no character that wide is not even searched)."""
    if encoded is None:
        encoded = text.encode("utf-8", "surrogatepass")
    return len(encoded.translate(None, _CONTROL_BYTES)) != len(encoded) or "\ufffe" in text or "\uffff" in text


def repair_page(text: str, beginning: str, encoded: bytes | None = None) -> str:
    """trafilatura's `repair_faulty_html(text, beginning)`, the same string (`text` itself
    when the repair changes nothing). `encoded`: the text's UTF-8, when the caller has it.

    Its first step deletes every invalid XML character, a regex scan of the whole page that
    finds nothing on nearly every page; a page holding none skips it and takes the rest of
    the repair, which looks at the page's first lines (a test compares the two functions).
    """
    if _holds_invalid_xml_chars(text, encoded):
        return repair_faulty_html(text, beginning)
    if "doctype" in beginning:
        # the first line alone is cut out: the page is copied only when it changes
        line_end = text.find("\n")
        first_line = text if line_end < 0 else text[:line_end]
        repaired_line = DOCTYPE_TAG.sub("", first_line, count=1)
        if line_end < 0:  # a page of one line gains a line break
            text = repaired_line + "\n"
        elif repaired_line != first_line:
            text = repaired_line + text[line_end:]
    for line in text[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            return FAULTY_HTML.sub(r"\1>", text, count=1)
    return text


def remove_element(element: etree._Element) -> None:
    """Remove an element but keep its tail text, which belongs to the parent."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = xml_safe((previous.tail or "") + tail)
        else:
            parent.text = xml_safe((parent.text or "") + tail)
    parent.remove(element)


#: Characters lxml keeps from a parsed page but refuses on assignment (not XML 1.0).
_NOT_XML = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\p{Cs}]")


def xml_safe(text: str) -> str:
    """`text` without the characters lxml refuses to assign (a ValueError otherwise)."""
    return _NOT_XML.sub("", text)


def apply_html_rules(tree: lxml.html.HtmlElement, rules: RuleSet) -> list[Decision]:
    """Remove every element an HTML rule selects, rule by rule in their order (an element
    inside one an earlier rule removed is gone with it); one decision per removed element."""
    html_rules = rules.html_rules
    plan = _match_plan(tuple(rule.selector_text for rule in html_rules))
    candidates_of: dict[int, list[etree._Element]] = {}  # each rule's candidates, in document order
    for element, rules_hit in plan.candidates(tree):
        for number in rules_hit:
            candidates_of.setdefault(number, []).append(element)
    decisions = []
    for number, (rule, test) in enumerate(zip(html_rules, plan.tests)):
        if test is None:
            assert rule.selector is not None
            elements = rule.selector(tree)
        else:  # what the rule's selector would find now: still in the page, and matching
            elements = [element for element in candidates_of.get(number, ()) if test(element) and html_recovery.is_within(element, tree)]
        for element in elements:
            text = normalize_space(element.text_content()) if isinstance(element, lxml.html.HtmlElement) else ""
            line = element.sourceline or 0
            decisions.append(Decision(line, line, text[:200], "dropped", rule.id))
            remove_element(element)
    return decisions


@dataclass(frozen=True)
class _MatchPlan:
    """How to find the elements of a list of HTML rules with one walk over the page.

    Most selectors are unions of simple parts (`.share-tools, #comments, figcaption`), each
    needing a class, id, attribute or tag of the element itself. One walk collects the
    elements carrying any of them, with the rules that need it (`candidates`); `tests[i]`
    then tells exactly whether rule i selects one, as its selector would. A rule with another
    kind of selector (combinators, `:first-child`) has no test (None) and runs its own.
    """

    by_class: dict[str, frozenset[int]]
    by_id: dict[str, frozenset[int]]
    by_attribute: tuple[tuple[tuple[str, str], frozenset[int]], ...]  # ((name, a part of its value), rules)
    by_tag: dict[str, frozenset[int]]
    tests: tuple[etree.XPath | None, ...]

    def candidates(self, tree: lxml.html.HtmlElement) -> list[tuple[etree._Element, set[int]]]:
        """Elements some simple part of some rule may select, in document order, each with
        the numbers of those rules."""
        if not (self.by_class or self.by_id or self.by_attribute or self.by_tag):
            return []
        found = []
        by_class, by_id, by_attribute, by_tag = self.by_class, self.by_id, self.by_attribute, self.by_tag
        attribute_names = frozenset(name for (name, _), _ in by_attribute)
        # the few elements a tag selects are found in C: reading every element's tag in the
        # walk below (a new string each time) cost as much as the rest of the walk
        tag_hits_of = {element: by_tag[element.tag] for element in tree.iter(*by_tag)} if by_tag else {}
        for element in tree.iter():
            # most elements of a page carry no attribute at all: one call tells, before any lookup
            names = element.keys()
            tag_hits = tag_hits_of.get(element) if tag_hits_of else None
            if not names and tag_hits is None:
                continue
            hits: set[int] = set(tag_hits) if tag_hits else set()
            if "class" in names:
                for name in element.get("class").split():
                    if name in by_class:
                        hits |= by_class[name]
            if "id" in names:
                identifier = element.get("id")
                if identifier in by_id:
                    hits |= by_id[identifier]
            if not attribute_names.isdisjoint(names):
                for (name, value_part), numbers in by_attribute:
                    if name in names and value_part in element.get(name):
                        hits |= numbers
            if hits:
                found.append((element, hits))
        return found


_TRANSLATOR = LxmlTranslator()  # the translator CSSSelector uses, so the matches are the same
#: Conditions that look beyond the element itself (`:first-child`, `:has()`), which the
#: removal of other elements could change: such selectors run on their own.
_CONTEXT_AXES = ("::", "..", "/", "$")


def _simple_part(selector: cssselect.Selector) -> tuple[str, tuple[str, str]] | None:
    """For a selector on the element alone: an XPath condition equivalent to it, and one
    thing an element needs to match (("class", name), ("id", value), ("attribute", (name,
    a part of its value)) or ("tag", name)); None for any other selector."""
    if selector.pseudo_element:
        return None
    expression = _TRANSLATOR.xpath(selector.parsed_tree)
    if expression.path or any(marker in expression.condition for marker in _CONTEXT_AXES):
        return None
    needs: dict[str, str] = {}
    node = selector.parsed_tree
    while node is not None:  # the chain of compound parts: `li.a[x]` is Attrib(Class(Element))
        kind = type(node).__name__
        if kind == "Class":
            needs.setdefault("class", node.class_name)
        elif kind == "Hash":
            needs.setdefault("id", node.id)
        elif kind == "Attrib" and node.namespace is None:
            needs.setdefault("attribute", (node.attrib, _value_part(node)))
        elif kind == "Element" and node.element:
            needs.setdefault("tag", node.element)
        node = getattr(node, "selector", None)
    need = next(((kind, needs[kind]) for kind in ("id", "class", "attribute", "tag") if kind in needs), None)
    if need is None:
        return None
    tests = [f"self::{expression.element}"] if expression.element != "*" else []
    if expression.condition:
        tests.append(f"({expression.condition})")
    return " and ".join(tests) or "true()", need


#: Attribute operators whose every match contains the selector's value in the attribute's
#: value (`[id^='newsletter']`, `[rel~='tag']`); `[x]` and `[x!='y']` need no part of it,
#: nor does a case-insensitive selector (`[x='y' i]`).
_VALUE_CONTAINING_OPERATORS = frozenset({"=", "~=", "|=", "^=", "$=", "*="})


def _value_part(attribute: cssselect.parser.Attrib) -> str:
    """A string every value the attribute selector matches contains ("" when there is none):
    an element whose attribute holds no such string is no candidate, and is not tested
    (`[id^='newsletter']` would otherwise test every element with an id)."""
    if attribute.operator in _VALUE_CONTAINING_OPERATORS and attribute.value is not None and attribute.flag is None:
        return attribute.value.value
    return ""


@lru_cache(maxsize=settings.MAX_CACHED_RULE_SUBSETS)
def _match_plan(selector_texts: tuple[str, ...]) -> _MatchPlan:
    needs: dict[str, dict[str, set[int]]] = {"class": {}, "id": {}, "attribute": {}, "tag": {}}
    tests: list[etree.XPath | None] = []
    for number, text in enumerate(selector_texts):
        try:
            parts = [_simple_part(selector) for selector in cssselect.parse(text)]
        except cssselect.SelectorError:
            parts = [None]
        if not parts or any(part is None for part in parts):
            tests.append(None)
            continue
        for _, (kind, value) in parts:
            needs[kind].setdefault(value, set()).add(number)
        tests.append(etree.XPath("self::*[" + " or ".join(f"({condition})" for condition, _ in parts) + "]"))

    def frozen(kind: str) -> dict[str, frozenset[int]]:
        return {value: frozenset(numbers) for value, numbers in needs[kind].items()}

    return _MatchPlan(frozen("class"), frozen("id"), tuple(sorted(frozen("attribute").items())), frozen("tag"), tuple(tests))


#: Elements a browser lays out as blocks: text on either side of one is never one word.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul".split()
)


def separate_blocks(tree: lxml.html.HtmlElement) -> None:
    """Put a space between a block element and text touching it (`a<div>…</div>b`), as layout does.

    When trafilatura prunes the block (a comment section, a footer), the text on either side
    would otherwise be glued into a word the page never had ("ab"). Well-formed pages keep
    their text inside paragraphs and are unchanged.
    """
    # each text and tail is read once: lxml builds a new string at every read
    for element in tree.iter(*_BLOCK_TAGS):
        tail = element.tail
        if not tail:
            element.tail = " "  # the block's own last word ends here, whatever follows
        elif not tail[0].isspace():
            element.tail = xml_safe(" " + tail)
        previous = element.getprevious()
        if previous is not None:
            previous_tail = previous.tail
            if previous_tail and not previous_tail[-1].isspace():
                previous.tail = xml_safe(previous_tail + " ")
        else:
            parent = element.getparent()
            if parent is not None and (text := parent.text) and not text[-1].isspace():
                parent.text = xml_safe(text + " ")


def drop_unshown_in_preformatted(tree: lxml.html.HtmlElement) -> None:
    """Remove scripts, styles and templates inside `<pre>` and `<code>`, keeping their tails.

    trafilatura keeps preformatted text as it stands and, on some pages (found by fuzzing),
    the text of a script inside it too: words the page never shows would reach the body.
    The document's <pre> and <code> are found by iter in C and only their insides searched
    (an XPath `//pre//*[…] | //code//*[…]` tested every element of most pages, which hold
    none); a <code> inside a <pre> gives its elements again, taken once, in document order.
    """
    unshown: dict[etree._Element, None] = {}
    for preformatted in tree.getroottree().getroot().iter("pre", "code"):
        for element in preformatted.iterdescendants("script", "style", "template"):
            unshown[element] = None
    for element in unshown:
        remove_element(element)


def page_url(tree: lxml.html.HtmlElement) -> str | None:
    """The URL a saved page states for itself (canonical link, then og:url).

    What `//link[@rel="canonical"]/@href`, then `//meta[@property="og:url"]/@content` find, by
    one walk over the document's <link> and <meta> elements in C (the XPaths cost several
    times more)."""
    canonical, stated = [], []
    for element in tree.getroottree().getroot().iter("link", "meta"):
        if element.tag == "link":
            if element.get("rel") == "canonical" and (value := element.get("href")) is not None:
                canonical.append(value)
        elif element.get("property") == "og:url" and (value := element.get("content")) is not None:
            stated.append(value)
    for values in (canonical, stated):
        for value in values:
            if value.strip().startswith("http"):
                return value.strip()
    return None


def _extraction(tree: lxml.html.HtmlElement, url: str | None, fast: bool) -> str:
    # trafilatura copies the tree it is given, so ours stays whole for the metadata and the
    # recovery; its own metadata is not asked for (html_metadata reads the head, faster and better)
    document = trafilatura.bare_extraction(
        tree, url=url, fast=fast, with_metadata=False, include_comments=False, include_tables=True
    )
    return document.text if document is not None and document.text else ""


def needs_fallback(text: str, page_text: Callable[[], str], page_text_bound: Callable[[], int] | None = None) -> bool:
    """Whether trafilatura's main extractor found too little of the page to be the story: a
    short text (under HTML_FALLBACK_MAX_CHARS) holding under HTML_FALLBACK_PAGE_SHARE of the
    page's text. `page_text` is only asked for when the text is short, and not at all when
    `page_text_bound` (a length `page_text()` never exceeds) already shows the text is share
    enough of the page: the decision is the same, as the exact length is at most the bound."""
    if len(text) >= settings.HTML_FALLBACK_MAX_CHARS:
        return False
    if page_text_bound is not None and len(text) >= settings.HTML_FALLBACK_PAGE_SHARE * page_text_bound():
        return False
    return len(text) < settings.HTML_FALLBACK_PAGE_SHARE * len(page_text())


#: What trafilatura's `html2txt` always removes from the page, whatever the attributes (its
#: BASIC_CLEAN_XPATH removes these and, by class or id, footers and cookie banners).
_ALWAYS_UNMEASURED = ("aside", "fencedframe", "footer", "script", "style", "svg", "template")
#: Elements `html2txt` puts a space into, before their text and their tail (trafilatura's
#: block elements, `summary` besides ours); more elements would only loosen the bound.
_MEASURED_AS_BLOCKS = tuple(sorted(_BLOCK_TAGS | {"summary"}))


def page_text_bound(tree: lxml.html.HtmlElement) -> int:
    """A length trafilatura's `html2txt(tree)` never exceeds, at a fraction of its cost (no
    regex test of every element's class and id, nor a walk setting every block's texts).

    html2txt removes elements from the body (their tails stay), puts a space before each
    remaining block's text and tail, deletes control characters there, and joins the words
    with single spaces. Its text keeps, in order, a subset of the characters of this one: the
    body without the elements it always removes, with a space before every block's text and
    tail. Joining the words of a string with single spaces never lengthens it when characters
    are deleted from the string, so html2txt's length is at most this string's joined length,
    which is the body's joined length plus one for each added space that falls between two
    non-space characters (a space next to one already there changes nothing).
    """
    body = tree.find(".//body")
    if body is None:
        body = tree
    body = copy.copy(body)  # the page itself keeps its scripts: trafilatura and recovery read it
    etree.strip_elements(body, *_ALWAYS_UNMEASURED, with_tail=False)
    words = body.text_content().split()
    length = sum(map(len, words)) + len(words) - 1 if words else 0
    for element in body.iter(*_MEASURED_AS_BLOCKS):
        text, tail = element.text, element.tail
        if not text or not text[0].isspace():
            length += 1
        if not tail or not tail[0].isspace():
            length += 1
    return length


def main_text(tree: lxml.html.HtmlElement, url: str | None) -> list[str]:
    """trafilatura's text lines for the page (empty when it found nothing).

    Its main extractor alone (`fast`) first; its fallback extractors (readability, jusText),
    which cost as much again, only when that result is a small part of the page: on most
    pages they change nothing, and html_recovery puts back what the main extractor drops.
    """
    text = _extraction(tree, url, fast=True)
    if needs_fallback(text, lambda: html2txt(tree), lambda: page_text_bound(tree)):
        text = _extraction(tree, url, fast=False) or text
    return text.split("\n") if text else []


def clean_html(text: str, url: str | None, rules: RuleSet) -> Article:
    """The HTML pipeline."""
    tree = parse_html(text)
    separate_blocks(tree)
    url = url or page_url(tree)
    site_rules = rules.for_host(host_of(url))
    # byline and date are read before the removal rules, which can take the header's byline
    # along with a caption or a screen-reader label; the headline is chosen after them, when
    # the headings of removed boxes (a newsletter modal's <h1>) are gone
    found = html_metadata.extract(tree, url, site_rules)
    decisions = apply_html_rules(tree, site_rules)
    title = html_metadata.find_title(tree, found.head, url)
    drop_unshown_in_preformatted(tree)
    text_lines = main_text(tree, url)
    if not text_lines:
        return Article(title=title, authors=found.authors, date=found.date, body="", kind="html", url=url, decisions=decisions)

    from cleaner.pipeline import apply_text_rules

    lines = html_recovery.recover(  # paragraphs of the story trafilatura dropped, back from the tree
        tree, text_lines, lambda text: bool(apply_text_rules(html_recovery.units_from_lines([text]), site_rules).roles)
    ).lines
    units = html_recovery.units_from_lines(lines)
    verdicts = apply_text_rules(units, site_rules)
    roles: dict[int, tuple[Role, str]] = dict(verdicts.roles)
    kept = [u for u in units if u.index not in roles]
    for index, verdict in repeated_lines(kept).items():
        roles[index] = ("dropped", verdict.reason)
    if title:
        headlines = {title.casefold()} | html_metadata.kicked_headlines(tree, title)
        for unit in units:
            if unit.index not in roles and unit.text.casefold() in headlines:
                roles[unit.index] = ("dropped", "repeated-headline")
    kept = [u for u in units if u.index not in roles]
    header_authors, header_date = header_lines(kept, roles)
    kept = [u for u in kept if u.index not in roles]
    # no last resort beyond these: trafilatura's page-wide author search (a copy of the tree
    # and a dozen regex XPaths, ~10% of HTML time) mostly found section names and sidebars
    authors = verdicts.authors or found.authors or header_authors or closing_signature(kept, roles)
    kept = [u for u in kept if u.index not in roles]
    decisions += [
        Decision(u.first_line, u.last_line, u.text, *roles.get(u.index, ("body", "trafilatura")))
        for u in units
    ]
    return Article(
        title=title,
        authors=authors,
        date=verdicts.date or found.date or header_date,
        body="\n\n".join(u.text for u in kept),
        kind="html",
        url=url,
        decisions=decisions,
    )


def header_lines(kept: list, roles: dict) -> tuple[list[str], str | None]:
    """Byline and date lines the extractor kept at the top of the body (`By Jane Doe`,
    `February 04, 2022`): marked in `roles` as byline/date, and their names and date returned.

    Only short lines among the first few, and only lines that are nothing but a byline or a
    date (a dateline opening the story, `MOSCOW (AP) — …`, is story and stays).
    """
    authors: list[str] = []
    date = None
    for unit in kept[: settings.HTML_HEADER_UNITS]:
        text = unit.text.strip()
        if len(text.split()) > settings.HTML_HEADER_LINE_MAX_WORDS:
            break
        names = metadata.parse_byline(text)
        if names and metadata._BY_PREFIX.match(text):
            roles[unit.index] = ("byline", "header-line")
            authors = authors or names
            continue
        dates = html_metadata.dates_in(text)
        if dates and _only_date(text):
            roles[unit.index] = ("date", "header-line")
            date = date or metadata.parse_date(text)
    return authors, date


def closing_signature(kept: list, roles: dict) -> list[str]:
    """The signature under the story, for a page that names its author nowhere else: the last
    line a lone name (`Kazım TÜRKMEN`), or a name and the signer's role, on the line below
    (`Alexandra Weber` / `Stellvertretende Pressesprecherin`) or after a comma (`Jane Doe,
    Geschäftsführerin`). The name opens with a given name, as a lone name line at the end of
    a text capture must (`textmeta.closing_name`). The signature's lines are marked as byline
    in `roles`. A name under a closing quotation is the quote's speaker, not the writer."""
    if not kept:
        return []
    last = kept[-1]
    signer, comma, role = last.text.partition(",")
    if name := _signature_name(last.text):
        block = [last]
    elif len(kept) > 1 and _signer_role(last.text) and (name := _signature_name(kept[-2].text)):
        block = kept[-2:]
    elif comma and _signer_role(role) and (name := _signature_name(signer)):
        block = [last]
    else:
        return []
    if len(kept) == len(block) or _QUOTE_END.search(kept[-len(block) - 1].text):
        return []  # (a body that is only a name is no story signed)
    for unit in block:
        roles[unit.index] = ("byline", "closing-signature")
    return [name]


def _signature_name(text: str) -> str | None:
    text = text.strip()
    if metadata.looks_like_name(text) and metadata.opens_with_given_name(text):
        return metadata.natural_case(text)
    return None


def _signer_role(text: str) -> bool:
    """A short line that is not a sentence (`DITIB-Bundesvorsitzender`)."""
    text = text.strip()
    return bool(text) and len(text.split()) <= settings.SIGNATURE_ROLE_MAX_WORDS and not _SENTENCE_END.search(text)


_SENTENCE_END = regex.compile(r"[.!?…:]['\"’”»)]*$")
_QUOTE_END = regex.compile(r"[\"“”»«„‟’]\s*$")


_DATE_LINE_REST = regex.compile(r"^[\W\d_]*(?:(?:published|updated|posted|on|at|am|um|le|el|il|de|der|den|date|datum|stand)\b[\W\d_]*)*$", regex.I)


def _only_date(text: str) -> bool:
    """A line that is a date and nothing else but date words (`Published: 4 Feb 2022, 23:15`)."""
    rest = text
    for pattern in metadata._DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    return bool(_DATE_LINE_REST.match(rest))
