"""The HTML pipeline's use of trafilatura (cleaner/html/extract.py, cleaner/html/pipeline.py): main extractor first,
fallback extractors only when it found little of the page."""

import dataclasses
import itertools

import lxml.etree
import lxml.html
from trafilatura.utils import repair_faulty_html

from cleaner import Cleaner
from cleaner.html import extract
from cleaner.html import pipeline as html_pipeline
from cleaner.html.extract import main_text, needs_fallback
from cleaner.rules import apply
from cleaner.settings import DEFAULT_OPTIONS

SENTENCE = "The council met on Monday and agreed the budget for next year after a long debate."


def test_a_long_text_that_is_a_small_share_of_the_page_needs_the_fallback():
    # one post of a long thread: thousands of characters, a tenth of the page
    post = "x" * 3000
    assert needs_fallback(post, lambda: "y" * 30000)
    assert not needs_fallback(post, lambda: "y" * 6000)


def test_a_short_text_needs_the_fallback_only_when_it_is_a_small_share_of_the_page():
    short = "x" * 100
    small_page = "y" * int(len(short) / DEFAULT_OPTIONS.html_fallback_page_share * 0.9)
    large_page = "y" * int(len(short) / DEFAULT_OPTIONS.html_fallback_page_share * 1.1)
    assert not needs_fallback(short, lambda: small_page)
    assert needs_fallback(short, lambda: large_page)
    assert needs_fallback("", lambda: large_page)


def test_a_short_text_share_enough_of_the_bound_needs_no_measure_of_the_page():
    def page_text() -> str:
        raise AssertionError("the bound decides: the page need not be measured")

    short = "x" * 100
    assert not needs_fallback(short, page_text, lambda: int(len(short) / DEFAULT_OPTIONS.html_fallback_page_share))


def test_a_bound_that_does_not_decide_leaves_the_decision_to_the_page_text():
    short = "x" * 100
    loose_bound = int(len(short) / DEFAULT_OPTIONS.html_fallback_page_share * 2)
    small_page = "y" * int(len(short) / DEFAULT_OPTIONS.html_fallback_page_share * 0.9)
    large_page = "y" * int(len(short) / DEFAULT_OPTIONS.html_fallback_page_share * 1.1)
    assert not needs_fallback(short, lambda: small_page, lambda: loose_bound)
    assert needs_fallback(short, lambda: large_page, lambda: loose_bound)


#: Pages on which trafilatura's html2txt removes, spaces and deletes: the bound must hold on each.
MEASURED_PAGES = [
    "<html><body><p>Plain words of a story.</p></body></html>",
    "<html><body><div>glued<p>blocks</p>and<li>items</li>text<summary>s</summary>x</div></body></html>",
    "<html><body>a<script>var x = 'many words of code here';</script>b<style>p { color: red }</style>c</body></html>",
    "<html><body><aside>side words</aside>one<footer>foot words</footer>two<svg><text>drawn</text></svg>"
    "<template>t</template><fencedframe>f</fencedframe>three</body></html>",
    "<html><body><div class='site-footer'>by class</div>kept<div id='cookie-banner'>by id</div>"
    "<span class='Cookie_Notice'>any tag</span><p>story<div class='x footer'>x</div>end</p></body></html>",
    "<html><body><p>control\x9fchar<b>inline\x9fkept</b></p>  <div>  spaced   out  </div></body></html>",
    "<div><p>no body at all</p><p>two</p></div>",
    "<html><body></body></html>",
    "<html><body><aside><script>nested</script>x</aside>tail<div><aside>a</aside></div></body></html>",
]


def test_the_page_text_bound_is_never_below_the_length_of_trafilaturas_page_text():
    from trafilatura.baseline import html2txt

    for page in MEASURED_PAGES:
        tree = lxml.html.fromstring(page)
        before = lxml.html.tostring(tree)
        assert extract.page_text_bound(tree) >= len(html2txt(tree)), page
        assert lxml.html.tostring(tree) == before  # the page itself is left whole


def test_the_page_text_bound_holds_on_random_nestings_of_blocks_inline_and_removed_elements():
    import random

    from trafilatura.baseline import html2txt

    tags = ["div", "p", "span", "b", "li", "aside", "script", "footer", "section", "a"]
    attributes = ["", " class='footer-links'", " id='cookie-consent'", " class='story'"]
    texts = ["", " ", "word", "two words", " lead", "tail ", "x\x9fy"]
    generator = random.Random(6)

    def markup(depth: int) -> str:
        parts = []
        for _ in range(generator.randint(0, 3)):
            tag = generator.choice(tags)
            inner = markup(depth - 1) if depth else ""
            parts.append(
                f"<{tag}{generator.choice(attributes)}>{generator.choice(texts)}{inner}</{tag}>{generator.choice(texts)}"
            )
        return "".join(parts)

    for _ in range(300):
        tree = lxml.html.fromstring(f"<html><body>{generator.choice(texts)}{markup(3)}</body></html>")
        assert extract.page_text_bound(tree) >= len(html2txt(tree))


def test_the_page_text_bound_is_close_on_a_page_of_plain_paragraphs():
    from trafilatura.baseline import html2txt

    tree = lxml.html.fromstring(
        "<html><body><p>First paragraph.</p>\n<p>Second one.</p><script>code()</script></body></html>"
    )
    assert len(html2txt(tree)) == len("First paragraph. Second one.")
    assert extract.page_text_bound(tree) <= len("First paragraph. Second one.") + 4


def test_the_bound_knows_every_element_trafilatura_spaces_and_removes_whatever_its_attributes():
    import sys

    from trafilatura.baseline import html2txt

    # html2txt's block elements are private to trafilatura: this test tells when they change
    assert set(sys.modules["trafilatura.baseline"]._BLOCK_ELEMS) <= set(extract._MEASURED_AS_BLOCKS)
    for tag in extract._ALWAYS_UNMEASURED:
        tree = lxml.html.fromstring(f"<html><body><p>kept</p><{tag}>gone</{tag}></body></html>")
        assert html2txt(tree) == "kept", tag


def test_main_text_runs_the_fallback_only_when_needed(monkeypatch):
    calls = []
    original = extract._extraction

    def spy(tree, url, fast):
        calls.append(fast)
        return original(tree, url, fast)

    monkeypatch.setattr(extract, "_extraction", spy)
    story = "".join(f"<p>{SENTENCE} Paragraph {n}.</p>" for n in range(12))
    tree = lxml.html.fromstring(f"<html><body><article>{story}</article></body></html>")
    lines = main_text(tree, None)
    assert calls == [True]
    assert lines[0].startswith(SENTENCE)


def test_main_text_takes_the_fallback_text_when_the_main_extractor_found_little(monkeypatch):
    texts = {True: "Short.", False: "Short.\nAnd the rest of the story."}
    monkeypatch.setattr(extract, "_extraction", lambda tree, url, fast: texts[fast])
    story = "".join(f"<p>{SENTENCE} Paragraph {n}.</p>" for n in range(12))
    tree = lxml.html.fromstring(f"<html><body><div>{story}</div></body></html>")
    assert main_text(tree, None) == ["Short.", "And the rest of the story."]
    texts[False] = ""  # the fallback found nothing: the main extractor's text stands
    assert main_text(tree, None) == ["Short."]
    texts[True] = texts[False] = ""
    assert main_text(tree, None) == []


def html_rule(rule_id: str, selector: str, example: str):
    from cleaner.rules import compile_rule

    entry = {"id": rule_id, "description": "test rule", "selector": selector, "examples": {"match": [example]}}
    return compile_rule(entry, "test.toml")


def selected_by_selectors(page: str, rules) -> list[tuple[str, str, str]]:
    """What removing each rule's selector matches, rule after rule, would drop: the reference."""
    tree = lxml.html.fromstring(page)
    dropped = []
    for rule in rules:
        for element in rule.selector(tree):
            dropped.append((rule.id, element.get("id"), normalize(element.text_content())))
            extract.remove_element(element)
    return dropped


PAGE = (
    "<html><body><div id='story'><p id='p1' class='lead text'>Lead</p>"
    "<div id='share' class='share-tools x'><p id='p2' class='caption'>Share</p></div>"
    "<figure id='fig'><img src='a.jpg'><figcaption id='cap'>Caption</figcaption></figure>"
    "<div id='box' data-widget='poll'><p id='p3'>Vote</p></div>"
    "<ul id='list'><li id='first'>One</li><li id='second'>Two</li></ul>"
    "<section id='comments'><p id='c1' class='caption'>Comment</p></section></div></body></html>"
)


def test_html_rules_drop_what_their_selectors_select_in_rule_order():
    from cleaner.rules import RuleSet

    rules = [
        html_rule("share", ".share-tools, .social-share", "<div class='social-share'></div>"),
        # the .caption inside .share-tools is gone with it
        html_rule("captions", "figcaption, .caption", "<figcaption>x</figcaption>"),
        html_rule("widgets", "[data-widget='poll'], #comments", "<div id='comments'></div>"),
        # a selector on siblings and one with a combinator run on their own
        html_rule("first-item", "li:first-child", "<ul><li>x</li></ul>"),
        html_rule("nested", "#story .lead", "<div id='story'><p class='lead'>x</p></div>"),
        html_rule("none", ".never-on-this-page", "<p class='never-on-this-page'>x</p>"),
    ]
    tree = lxml.html.fromstring(PAGE)
    decisions = html_pipeline.apply_html_rules(tree, RuleSet(tuple(rules)))
    expected = selected_by_selectors(PAGE, rules)
    assert [(d.reason, d.text) for d in decisions] == [(rule_id, text) for rule_id, _, text in expected]
    assert [(rule_id, element_id) for rule_id, element_id, _ in expected] == [
        ("share", "share"),
        ("captions", "cap"),
        ("captions", "c1"),
        ("widgets", "box"),
        ("widgets", "comments"),
        ("first-item", "first"),
        ("nested", "p1"),
    ]
    assert [element.get("id") for element in tree.iter("p", "li")] == ["second"]


def test_attribute_rules_drop_what_their_selectors_select_whatever_the_operator():
    from cleaner.rules import RuleSet

    page = (
        "<html><body><div id='newsletter-top'>a</div><div id='top-newsletter'>b</div><div id='other'>c</div>"
        "<p data-kind='promo box'>d</p><p data-kind='Promo'>e</p><p data-kind='promo-wide'>f</p><p data-kind=''>g</p>"
        "<span rel='tag next'>h</span><span rel='nexttag'>i</span><figcaption data-kind='caption'>j</figcaption>"
        "</body></html>"
    )
    rules = [
        html_rule("prefix", "[id^='newsletter']", "<div id='newsletter-x'></div>"),
        html_rule("suffix", "[id$='newsletter']", "<div id='x-newsletter'></div>"),
        html_rule("word", "[data-kind~='box'], [rel~='tag']", "<p data-kind='a box'></p>"),
        html_rule("dash", "[data-kind|='promo']", "<p data-kind='promo-x'></p>"),
        html_rule("any-case", "[data-kind='PROMO' i]", "<p data-kind='Promo'></p>"),
        html_rule("not", "span[rel!='x']", "<span rel='y'></span>"),
        html_rule("empty", "[data-kind='']", "<p data-kind=''></p>"),
        html_rule("tag", "figcaption", "<figcaption>x</figcaption>"),
    ]
    tree = lxml.html.fromstring(page)
    decisions = html_pipeline.apply_html_rules(tree, RuleSet(tuple(rules)))
    expected = selected_by_selectors(page, rules)
    assert [(d.reason, d.text) for d in decisions] == [(rule_id, text) for rule_id, _, text in expected]
    assert [(d.reason, d.text) for d in decisions] == [
        ("prefix", "a"),
        ("suffix", "b"),
        ("word", "d"),
        ("word", "h"),
        ("dash", "f"),
        ("any-case", "e"),
        ("not", "i"),
        ("empty", "g"),
        ("tag", "j"),
    ]


def test_an_attribute_rule_needs_the_part_of_the_value_every_match_contains():
    plan = apply._match_plan(("[id^='newsletter']", "[data-x]", "[data-y='a' i]", "[data-z!='b']", "[rel~='tag']"))
    assert plan.by_attribute == (
        (("data-x", ""), frozenset({1})),
        (("data-y", ""), frozenset({2})),
        (("data-z", ""), frozenset({3})),
        (("id", "newsletter"), frozenset({0})),
        (("rel", "tag"), frozenset({4})),
    )


def normalize(text: str) -> str:
    return " ".join(text.split())


def test_a_class_rule_matches_whole_class_tokens_only():
    from cleaner.rules import RuleSet

    page = "<html><body><p class='captions'>a</p><p class='x caption'>b</p><p class='caption-x'>c</p></body></html>"
    tree = lxml.html.fromstring(page)
    rule = html_rule("captions", ".caption", "<p class='caption'>x</p>")
    decisions = html_pipeline.apply_html_rules(tree, RuleSet((rule,)))
    assert [d.text for d in decisions] == ["b"]
    assert [p.text for p in tree.iter("p")] == ["a", "c"]


def test_parse_html_refuses_what_is_not_a_page_and_keeps_tails():
    import pytest

    for text in ("", "just words", "<p>one paragraph</p>"):
        with pytest.raises(extract.HtmlParseError):
            extract.parse_html(text)
    tree = extract.parse_html("<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p>tail<!-- c --></body></html>")
    assert isinstance(tree.find(".//p"), lxml.html.HtmlElement)
    assert tree.find(".//p").tail == "tail"


#: Pages whose characters lxml would take in another form from a str than from UTF-8 bytes.
PARSED_PAGES = [
    "<html><body><p>Plain ASCII.</p></body></html>",
    "<!DOCTYPE html>\n<html><head><meta charset='iso-8859-1'></head><body><p>Caf\u00e9 cr\u00e8me \u00a0 na\u00efve"
    "</p></body></html>",
    "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'></head>"
    "<body><p>\u201cQuoted\u201d \u2014 \u6771\u4eac \U0001f600</p></body></html>",
    "<?xml version='1.0' encoding='iso-8859-1'?><html><body><p>d\u00e9clar\u00e9</p></body></html>",
    "\u00a0\u3000<html><body><p>opens with wide spaces</p></body></html>",
    "\u00a0<p>a fragment after a wide space</p><p>and another</p>",
    "\x1c <html><body><p>opens with a separator Python counts as a space</p></body></html>",
    "<html><body><p>a lone surrogate \ud800 in a str</p></body></html>",
    "<html><body><p>control \x07 and \ufffe characters</p></body></html>",
    "<!DOCTYPE html/><html><body><p>one line \u00e9</p></body></html>",
    "<p>one</p><div>two \u00e9</div>",
]


def _parsed_from_the_str(text: str):
    """parse_html's tree as it was built from the str (the reference for the UTF-8 parse)."""
    beginning = text[:50].lower()
    text = repair_faulty_html(text, beginning)
    try:
        tree = lxml.html.fromstring(text, parser=extract._PARSER)
    except (ValueError, lxml.etree.LxmlError):
        tree = None
    if tree is None or len(tree) < 1:
        tree = lxml.html.fromstring(text.encode("utf-8", "surrogatepass"), parser=extract._PARSER)
    return tree


def test_parse_html_builds_the_tree_the_str_gives():
    def described(tree):
        return lxml.etree.tostring(tree.getroottree(), encoding=str), [element.sourceline for element in tree.iter()]

    for page in PARSED_PAGES:
        assert described(extract.parse_html(page)) == described(_parsed_from_the_str(page)), page
    assert "Caf\u00e9 cr\u00e8me" in extract.parse_html(PARSED_PAGES[1]).find(".//p").text


def test_the_str_and_its_utf8_are_only_parsed_alike_when_lxml_sniffs_them_alike():
    # lxml.html.fromstring parses a whole document or a fragment by what stands before the
    # first tag; parse_html hands it the UTF-8 only where the two cannot differ
    spaces = [" ", "\t", "\n", "\x0b", "\x1c", "\x1f", "\x85", "\u00a0", "\u3000"]
    for first, second in itertools.product(["", *spaces], repeat=2):
        for start in ("<html><body><p>x</p></body></html>", "<!doctype html><p>x</p>", "<p>x</p><p>y</p>"):
            text = first + second + start
            if extract._sniffed_alike(text):
                as_str = lxml.etree.tostring(lxml.html.fromstring(text, parser=extract._PARSER))
                as_bytes = lxml.etree.tostring(lxml.html.fromstring(text.encode(), parser=extract._PARSER))
                assert as_str == as_bytes, repr(text)
    assert extract._sniffed_alike(" \n<html>")
    assert not extract._sniffed_alike("\u00a0<html>")


REPAIRED_PAGES = [
    "<html><body><p>A plain page.</p></body></html>",
    "<!DOCTYPE html/>\n<html><body><p>x</p></body></html>",
    "<!doctype html PUBLIC '-//W3C//DTD XHTML 1.0//EN' 'http://www.w3.org/TR/xhtml1/DTD/xhtml1.dtd'>\n<html><body>x</body></html>",
    "<!DOCTYPE html/><html><body>no line break after the doctype</body></html>",
    "<!DOCTYPE html>\n<html><body><p>a doctype that stays</p></body></html>",
    "<!doctype html>\r\n<html><body><p>a doctype line ending in CR LF</p></body></html>",
    "<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0 Strict//EN'>\r\n<html><body><p>CR LF, repaired</p></body></html>",
    "<html lang='en'/>\n<head></head><body><p>x</p></body></html>",
    "\n\n\n<html/>\n<body>on the fourth line</body>",
    "\n\n\n\n<html/>\n<body>on the fifth line, not repaired</body>",
    "<html><body><p>a\x00b\x08c\x0bd\x1fe\ufffef\uffffg\ttab\rreturn\nline</p></body></html>",
    "<!DOCTYPE html/>\n<html/>\n<body>both, and a control character \x07</body>",
    "<html><body><p>other characters stay: \x7f \x85 \ufffd \U0001f600 \ud800</p></body></html>",
]


def test_repair_page_is_trafilaturas_repair():
    from trafilatura.utils import repair_faulty_html

    for page in REPAIRED_PAGES:
        beginning = page[:50].lower()
        assert extract.repair_page(page, beginning) == repair_faulty_html(page, beginning), page


def test_invalid_xml_characters_are_found_in_the_pages_bytes():
    from trafilatura.utils import INVALID_XML_CHARS

    for code in [*range(0x00, 0x110000, 0x3F), *range(0x00, 0x100), 0xFFFE, 0xFFFF, 0xFFFD, 0xD800]:
        text = f"page {chr(code)} text"
        assert extract._holds_invalid_xml_chars(text) == bool(INVALID_XML_CHARS.search(text)), hex(code)


STORY = "<p>" + "The council met on Tuesday and voted to close the old bridge for repairs. " * 6 + "</p>"


def test_byline_in_an_element_a_removal_rule_drops_is_still_read():
    # a theme that marks its byline label for screen readers: the rule removes the label
    # before extraction, but the byline was read before it
    page = (
        "<html><head><title>Bridge to close</title></head><body><article><h1>Bridge to close</h1>"
        '<div class="meta"><span class="screen-reader-text">By</span> Jane Doe</div>'
        f"{STORY}{STORY}</article></body></html>"
    )
    article = Cleaner().clean(page, kind="html")
    assert article.authors == ["Jane Doe"]


def test_a_heading_the_rules_remove_is_never_the_title():
    page = (
        "<html><head></head><body>"
        '<div class="newsletter-signup"><h1>Get our newsletter</h1></div>'
        f"<article><h2>Bridge to close for repairs</h2>{STORY}{STORY}</article></body></html>"
    )
    assert Cleaner().clean(page, kind="html").title != "Get our newsletter"


def test_the_h1_with_its_kicker_is_the_headline_shown_again_not_body():
    page = (
        '<html><head><meta property="og:title" content="Bridge to close for repairs"></head><body>'
        "<article><h1>Verkehr Bridge to close for repairs</h1><h2>Why the Bridge to close for repairs"
        f"</h2>{STORY}{STORY}</article></body></html>"
    )
    article = Cleaner().clean(page, kind="html")
    assert article.title == "Bridge to close for repairs"
    assert "Verkehr Bridge" not in article.body
    # a section heading that ends with the headline's words is the story's own
    assert "Why the Bridge to close for repairs" in article.body


def test_a_script_inside_preformatted_text_never_reaches_the_body():
    # Found by fuzzing: on this page trafilatura's main extractor kept the script's text with
    # the <pre> (its fallbacks, which would keep less of this page, are left out)
    main_extractor_only = dataclasses.replace(DEFAULT_OPTIONS, html_fallback_page_share=0.0)
    markup = (
        "the the the the.council.<pre><script>the.the officials.the &amp; the officials Straße.the the the the the the "
        "the the the the council it’s council council.</script></pre>the &amp; the the council.the.the the.the the "
        "council.the the the the the the council council the council.the the the the the the the the the the the the "
        "the the the Straße the.the the the the the the the the the the cross the the.<figure>the council.the the the "
        "the.the the the the the the the council sport council."
        "<pre>the the the the the the council council.the the the "
        "the the newsletter.<p>newsletter.the the the the naïve 2024.<ul>the.the the the the the the the the the "
        "council.the.the the.the the the the the the the the council.the the the the."
    )
    body = Cleaner(options=main_extractor_only).clean(markup, kind="html").body
    assert "newsletter" in body
    assert "officials" not in body


def test_scripts_and_styles_are_emptied_but_json_and_dropped_inside_preformatted_text():
    tree = lxml.html.fromstring(
        "<html><body><pre>a <script>x()</script>b <style>p{}</style>c</pre><script>emptied()</script>tail"
        "<code><template>t</template>d</code><div><span>e <script>nested()</script>f</span></div>"
        '<noscript>shown</noscript><script type="application/ld+json">{"articleBody": "kept"}</script></body></html>'
    )
    extract.drop_unshown(tree)
    assert tree.find(".//pre").text_content() == "a b c"
    assert tree.find(".//code").text_content() == "d"
    assert tree.find(".//span").text_content() == "e f"
    assert [(e.tag, e.text, e.tail) for e in tree.iter("script", "noscript")] == [
        ("script", None, "tail"),
        ("script", None, "f"),
        ("noscript", "shown", None),
        ("script", '{"articleBody": "kept"}', None),
    ]


def test_a_script_nested_in_inline_elements_never_reaches_the_body():
    # the shape Hypothesis found: trafilatura's main extractor, given this tree, kept the script
    markup = (
        "<html><head><title>the tram</title></head><body>the.the.the the the the the the the the the the the the "
        "the the the the the the the the the next monday école officials tram council ça.”<span class=content>the."
        "<article>the the the the the the the the the the the the tram 0 council council.the the the the council "
        "login!</article></span>the the the the the.<div>the.the.<span>the the the the the tram council.the the the "
        "the the the the the council.<span>the.the the council the council council newsletter.the.</span>"
        "<script>trackingPixelId.the.</script></span></div><span class=content>the.the.the.the.the the.<nav>the.the."
        "<p>the.</p></nav></span><span><hr>the the the the by met Straße.”0 council the the the met the the!</span>"
        "</body></html>"
    )
    body = Cleaner().clean(markup, kind="html").body
    assert "newsletter" in body
    assert "trackingPixelId" not in body


def test_separate_blocks_spaces_text_touching_a_block_and_leaves_spaced_text_alone():
    tree = lxml.html.fromstring(
        "<html><body><div>lead<p>one</p>tail<p>two</p><span>x</span><p>three</p><b>y</b>z<p>four</p></div> end</body>"
        "</html>"
    )
    extract.separate_blocks(tree)
    assert lxml.html.tostring(tree) == (
        b"<html><body><div>lead <p>one</p> tail <p>two</p> <span>x</span><p>three</p> <b>y</b>z <p>four</p> </div> end"
        b"</body></html>"
    )


def test_page_url_takes_the_canonical_link_then_og_url_and_only_web_addresses():
    def url(head: str, body: str = "") -> str | None:
        return extract.page_url(lxml.html.fromstring(f"<html><head>{head}</head><body><p>x</p>{body}</body></html>"))

    canonical = '<link rel="canonical" href=" https://news.example/a ">'
    og_url = '<meta property="og:url" content="https://news.example/b">'
    assert url(og_url + canonical) == "https://news.example/a"
    assert url(og_url) == "https://news.example/b"
    assert url('<link rel="canonical" href="/relative">' + og_url) == "https://news.example/b"
    assert url('<link rel="canonical"><link rel="canonical" href="http://news.example/c">') == "http://news.example/c"
    assert url('<link rel="alternate" href="https://news.example/d">', body=canonical) == "https://news.example/a"
    assert url('<meta name="og:url" content="https://news.example/e">') is None


def test_unshown_elements_in_nested_preformatted_text_are_dropped_once_keeping_their_tails():
    tree = lxml.html.fromstring(
        "<html><body><pre>a <script>x()</script>b <code>c <style>p{}</style>d</code> e <template>t</template>f</pre>"
        "</body></html>"
    )
    extract.drop_unshown(tree)
    assert tree.find(".//pre").text_content() == "a b c d e f"


def test_a_body_line_repeating_the_headline_in_other_case_is_dropped():
    page = (
        "<html><head><title>Council approves the budget</title></head><body><article>"
        f"<p>COUNCIL APPROVES THE BUDGET</p>{STORY}{STORY.replace('Tuesday', 'Monday')}</article></body></html>"
    )
    article = Cleaner().clean(page, kind="html")
    assert article.title == "Council approves the budget"
    assert "COUNCIL APPROVES" not in article.body
    assert [(d.role, d.reason) for d in article.decisions if d.text == "COUNCIL APPROVES THE BUDGET"] == [
        ("dropped", "repeated-headline")
    ]


def _signed(signature: str, head: str = "") -> str:
    return (
        f"<html><head><title>Bridge to close</title>{head}</head><body><article><h1>Bridge to close</h1>"
        f"{STORY}{STORY}{signature}</article></body></html>"
    )


def test_a_signature_under_the_story_names_the_author_and_leaves_the_body():
    article = Cleaner().clean(_signed("<p>Eva Lindner</p><p>Stellvertretende Pressesprecherin</p>"), kind="html")
    assert article.authors == ["Eva Lindner"]
    assert "Eva Lindner" not in article.body and "Pressesprecherin" not in article.body
    assert Cleaner().clean(_signed("<p>LARS BERGER</p>"), kind="html").authors == ["Lars Berger"]
    assert Cleaner().clean(_signed("<p>Jane Doe, Geschäftsführerin</p>"), kind="html").authors == ["Jane Doe"]


def test_what_is_no_signature_names_no_author():
    # a heading (no given name), a quote's speaker, and a page that names its author elsewhere
    assert Cleaner().clean(_signed("<p>Weiterführende Informationen</p>"), kind="html").authors == []
    quoted = "<p>“We will reopen the bridge next year.”</p><p>Jane Doe, Geschäftsführerin</p>"
    assert Cleaner().clean(_signed(quoted), kind="html").authors == []
    stated = Cleaner().clean(_signed("<p>Eva Lindner</p>", '<meta name="author" content="John Roe">'), kind="html")
    assert stated.authors == ["John Roe"]
    assert "Eva Lindner" in stated.body


def test_a_body_that_is_only_a_name_is_no_signed_story():
    kept = html_extract_units(["Lars Berger"])
    roles: dict = {}
    assert html_pipeline.closing_signature(kept, roles) == [] and roles == {}
    kept = html_extract_units(["The council met on Tuesday and voted to close the old bridge.", "Lars Berger"])
    assert html_pipeline.closing_signature(kept, roles) == ["Lars Berger"] and roles == {
        1: ("byline", "closing-signature")
    }


def html_extract_units(lines: list[str]) -> list:
    from cleaner.html.recovery import units_from_lines

    return units_from_lines(lines)
