"""Stages 2–5 for HTML: our HTML rules, then trafilatura, then our text rules on what it kept.

The page is parsed once. HTML rules remove elements from the tree before trafilatura's
extraction sees it; trafilatura's own heuristics choose the main text; our text rules
then remove what it keeps by design (read-more links, newsletter prompts, captions).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.baseline import html2txt
from trafilatura.settings import Document
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, repair_faulty_html

from cleaner.settings import DEFAULT_OPTIONS, Options
from cleaner.tree import remove_element, xml_safe


class HtmlParseError(ValueError):
    """The capture looked like HTML but no document tree could be built from it."""


#: trafilatura's parser settings (comments and processing instructions dropped), with every
#: element an `HtmlElement`: lxml.html's default picks a class per element in Python (form
#: fields get their own), which costs on every element any stage touches; nothing here nor in
#: trafilatura uses the form classes.
_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
)


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


#: Elements a browser lays out as blocks: text on either side of one is never one word.
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
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


def drop_unshown(tree: lxml.html.HtmlElement) -> None:
    """Empty the page's scripts and styles, and remove those inside `<pre>` and `<code>`.

    trafilatura keeps preformatted text as it stands, and its retry for short results ("recall"
    focus) puts back everything its cleaning removed, scripts included, when the cleaning left
    no paragraph: words the page never shows would reach the body. Scripts holding JSON keep
    their text: trafilatura's backup extractor reads a story from JSON-LD (`articleBody`, forum
    posts), and the elements stay where they are, as trafilatura's measures of the page see them.
    """
    root = tree.getroottree().getroot()
    unshown: dict[etree._Element, None] = {}
    for preformatted in root.iter("pre", "code"):
        for element in preformatted.iterdescendants("script", "style", "template"):
            unshown[element] = None
    for element in unshown:
        remove_element(element)
    for element in root.iter("script", "style"):
        if "json" not in (element.get("type") or "").casefold():
            element.text = None


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
    # recovery; its own metadata is not asked for (html/metadata reads the head, faster and better)
    document = trafilatura.bare_extraction(
        tree, url=url, fast=fast, with_metadata=False, include_comments=False, include_tables=True
    )
    return document.text if isinstance(document, Document) and document.text else ""


def needs_fallback(
    text: str,
    page_text: Callable[[], str],
    page_text_bound: Callable[[], int] | None = None,
    *,
    options: Options = DEFAULT_OPTIONS,
) -> bool:
    """Whether trafilatura's main extractor found too little of the page to be the story: a
    text holding under `options.html_fallback_page_share` of the page's text. `page_text` is
    not asked for when `page_text_bound` (a length `page_text()` never exceeds) already shows
    the text is share enough of the page: the decision is the same, as the exact length is
    at most the bound."""
    if not text:  # nothing found: however little text the page has, a fallback may find it
        return True
    if page_text_bound is not None and len(text) >= options.html_fallback_page_share * page_text_bound():
        return False
    return len(text) < options.html_fallback_page_share * len(page_text())


#: What trafilatura's `html2txt` always removes from the page, whatever the attributes (its
#: BASIC_CLEAN_XPATH removes these and, by class or id, footers and cookie banners).
_ALWAYS_UNMEASURED = ("aside", "fencedframe", "footer", "script", "style", "svg", "template")


#: Elements `html2txt` puts a space into, before their text and their tail (trafilatura's
#: block elements, `summary` besides ours); more elements would only loosen the bound.
_MEASURED_AS_BLOCKS = tuple(sorted(_BLOCK_TAGS | {"summary"}))


def page_text_bound(tree: lxml.html.HtmlElement) -> int:
    """A length trafilatura's `html2txt(tree)` never exceeds, at a fraction of its cost (no
    copy of the page, no regex test of every element's class and id, nor a walk setting
    every block's texts).

    html2txt removes elements from the body (their tails stay), puts a space before each
    remaining block's text and tail, deletes control characters there, and joins the words
    with single spaces. Its text keeps, in order, a subset of the characters of this one: the
    body without the elements it always removes, with a space before every block's text and
    tail. Joining the words of a string with single spaces never lengthens it when characters
    are deleted from the string, so html2txt's length is at most this string's joined length,
    which is its joined length without the spaces plus one for each added space that falls
    between two non-space characters (a space next to one already there changes nothing).

    The body is not copied to remove those elements: each one's text is a stretch of the
    body's text, and cutting out a stretch holding n words takes away all its non-space
    characters and at least n - 2 words (its first and last may have run on into words
    outside it), so the body's counts less those give a length the cut text never exceeds.
    """
    body = next(tree.iter("body"), tree)
    words = body.text_content().split()
    characters, word_count = sum(map(len, words)), len(words)
    for element in body.iter(*_ALWAYS_UNMEASURED):
        if next(element.iterancestors(*_ALWAYS_UNMEASURED), None) is not None:
            continue  # its text went with the removed element around it
        removed = element.text_content().split()
        characters -= sum(map(len, removed))
        word_count -= max(len(removed) - 2, 0)
    length = characters + word_count - 1 if characters else 0
    for element in body.iter(*_MEASURED_AS_BLOCKS):
        text, tail = element.text, element.tail
        if not text or not text[0].isspace():
            length += 1
        if not tail or not tail[0].isspace():
            length += 1
    return length


def main_text(tree: lxml.html.HtmlElement, url: str | None, options: Options = DEFAULT_OPTIONS) -> list[str]:
    """trafilatura's text lines for the page (empty when it found nothing).

    Its main extractor alone (`fast`) first; its fallback extractors (readability, jusText),
    which cost as much again, only when that result is a small part of the page: on most
    pages they change nothing, and html_recovery puts back what the main extractor drops.
    """
    text = _extraction(tree, url, fast=True)
    if needs_fallback(text, lambda: html2txt(tree), lambda: page_text_bound(tree), options=options):
        text = _extraction(tree, url, fast=False) or text
    return text.split("\n") if text else []
