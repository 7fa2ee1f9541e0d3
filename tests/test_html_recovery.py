"""Recovering paragraphs trafilatura dropped (cleaner/html/recovery.py), on small pages."""

import lxml.etree
import lxml.html
from trafilatura.utils import remove_control_characters

from cleaner.html import recovery
from cleaner.html.recovery import container_of, is_chrome, link_density, recover, units_from_lines

STORY = " ".join(["The council met on Monday and agreed the budget for next year after a long debate."] * 2)


def page(inner: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(f"<html><body><nav><p>Home News Sport</p></nav>{inner}</body></html>")


def never(text: str) -> bool:
    return False


def test_units_from_lines_keeps_a_heading_number_and_strips_the_list_marker():
    units = units_from_lines(["1. Eat less sugar", "- an item", "", "plain"])
    assert [u.text for u in units] == ["1. Eat less sugar", "an item", "plain"]
    assert [u.is_bullet for u in units] == [False, True, False]


def test_link_density():
    p = lxml.html.fromstring('<p>one two <a href="/x">three four</a></p>')
    assert 0.5 < link_density(p) < 0.7
    assert link_density(lxml.html.fromstring("<p>no links</p>")) == 0.0


def test_is_chrome_by_tag_and_class_token():
    tree = page(
        '<div class="related-posts"><p id="a">x</p></div>'
        '<aside><p id="c">z</p></aside><div class="shareBar"><p id="d">w</p></div>'
    )
    assert is_chrome(tree.get_element_by_id("a"))
    assert is_chrome(tree.get_element_by_id("c"))
    assert is_chrome(tree.get_element_by_id("d"))
    assert not is_chrome(lxml.html.fromstring('<div class="article-body"><p>x</p></div>').find("p"))


def test_container_is_the_deepest_element_with_most_kept_text():
    tree = page('<article id="art"><div id="body"><p id="a">aaaa</p><p id="b">bbbb</p></div></article><p id="c">c</p>')
    kept = [(tree.get_element_by_id(i), w) for i, w in (("a", 45), ("b", 45), ("c", 10))]
    assert container_of(kept).get("id") == "body"
    assert container_of([]) is None


def test_recover_puts_back_a_lead_and_a_dropped_middle_paragraph_in_order():
    lead = "The city will build a new bridge over the river by next spring, officials said."
    middle = "Residents had asked for the bridge for more than twenty years, the mayor added today."
    tree = page(
        f'<article><h1>Bridge</h1><p class="lead">{lead}</p><div class="text">'
        f"<p>First {STORY}</p><p>{middle}</p><p>Second {STORY}</p><p>Third {STORY}</p></div></article>"
    )
    lines = [f"First {STORY}", f"Second {STORY}", f"Third {STORY}"]
    result = recover(tree, lines, never)
    assert result.lines == [lead, f"First {STORY}", middle, f"Second {STORY}", f"Third {STORY}"]
    assert result.recovered == {0, 2}


def test_recover_leaves_chrome_teasers_after_the_story_and_rule_matches():
    tree = page(
        f"<article><div class='text'><p>First {STORY}</p>"
        "<div class='share-box'><p>Share this story with your friends on every network you use today.</p></div>"
        "<p>Read our newsletter every morning for the best stories in your inbox every day.</p>"
        f"<p>Second {STORY}</p>"
        "<p>Another story you may like about something else entirely, with many words here.</p></div></article>"
    )
    lines = [f"First {STORY}", f"Second {STORY}"]
    result = recover(tree, lines, lambda text: "newsletter" in text)
    assert result.lines == lines
    assert result.recovered == frozenset()


def test_recover_takes_a_subheading_only_above_a_kept_paragraph():
    tree = page(
        f"<article><div><p>First {STORY}</p><h2>What happens next</h2><p>Second {STORY}</p>"
        f"<h3>More links</h3><ul><li><a href='/a'>Other story</a></li></ul><p>Third {STORY}</p></div></article>"
    )
    lines = [f"First {STORY}", f"Second {STORY}", f"Third {STORY}"]
    assert recover(tree, lines, never).lines == [
        f"First {STORY}",
        "What happens next",
        f"Second {STORY}",
        f"Third {STORY}",
    ]


def test_recover_does_nothing_on_a_short_output():
    tree = page(
        "<article><p>Short.</p><p>Another paragraph that was dropped by the extractor, with words.</p></article>"
    )
    assert recover(tree, ["Short."], never).lines == ["Short."]


def test_settings_are_named():
    from cleaner.settings import DEFAULT_OPTIONS

    for name in ("html_recovery_min_words", "html_recovery_max_link_density", "html_recovery_container_share"):
        assert hasattr(DEFAULT_OPTIONS, name)


LEAD = "The city will build a new bridge over the river by next spring, officials said."


def test_the_story_starts_at_its_first_kept_paragraph_in_the_container_not_at_a_kept_breadcrumb():
    # trafilatura kept the headline from the breadcrumb above the article: the lead between the
    # headline and the story's first paragraph is still a lead
    tree = page(
        "<ol class='crumbs'><li>Home</li><li>City council approves the bridge</li></ol>"
        f"<article><h1>City council approves the bridge</h1><p class='lead'>{LEAD}</p>"
        f"<div class='text'><p>First {STORY}</p><p>Second {STORY}</p></div></article>"
    )
    lines = ["City council approves the bridge", f"First {STORY}", f"Second {STORY}"]
    assert recover(tree, lines, never).lines == [
        "City council approves the bridge",
        LEAD,
        f"First {STORY}",
        f"Second {STORY}",
    ]


def test_a_lead_several_levels_above_the_story_container_comes_back():
    tree = page(
        f"<div class='page'><div class='head'><h1>Bridge</h1><div class='intro'><div><p>{LEAD}</p></div></div></div>"
        f"<div class='main'><div class='col'><div class='body'><p>First {STORY}</p><p>Second {STORY}</p></div></div>"
        "</div></div>"
    )
    lines = [f"First {STORY}", f"Second {STORY}"]
    assert recover(tree, lines, never).lines == [LEAD, *lines]


def test_the_classes_of_the_article_around_block_and_story_do_not_make_the_block_chrome():
    # WordPress tags the article `tag-…`; the lead in its header is still a lead
    tree = page(
        f"<article class='post tag-politics has-sharing'><header><h1>Bridge</h1><p>{LEAD}</p></header>"
        f"<div class='entry-content'><p>First {STORY}</p><p>Second {STORY}</p></div></article>"
    )
    lines = [f"First {STORY}", f"Second {STORY}"]
    assert recover(tree, lines, never).lines == [LEAD, *lines]
    # ...while a caption box between the block and the story still is
    tree = page(
        f"<article><header><h1>Bridge</h1><div class='image-legend'><p>{LEAD}</p></div></header>"
        f"<div class='entry-content'><p>First {STORY}</p><p>Second {STORY}</p></div></article>"
    )
    assert recover(tree, lines, never).lines == lines


def test_describing_class_words_and_modifiers_are_not_chrome():
    tree = page(
        "<div id='x' class='site__main--no-sidebar has-sharing'><p id='p'>x</p></div>"
        "<div class='sidebar--wide'><p id='q'>y</p></div>"
    )
    assert not is_chrome(tree.get_element_by_id("p"))
    assert is_chrome(tree.get_element_by_id("q"))


def test_block_holders_are_the_elements_holding_a_block_or_a_widget():
    tree = page(
        "<article><div id='a'><p id='b'>x <b>bold</b></p><div id='c'>text <span>inline</span></div>"
        "<div id='d'>before <script>var x;</script></div><li id='e'><ul><li id='f'>y</li></ul></li></div></article>"
    )
    holders = recovery._block_holders(tree)
    assert {e.get("id") for e in holders if e.get("id")} == {"a", "d", "e"}
    assert {e.tag for e in holders if not e.get("id")} == {"html", "body", "nav", "article", "ul"}


def test_leads_are_bounded_by_the_element_holding_the_headline_and_the_story():
    deep = (
        f"<div><div><div><div><div class='body'><p>First {STORY}</p><p>Second {STORY}</p></div></div></div></div></div>"
    )
    lines = [f"First {STORY}", f"Second {STORY}"]
    # the headline and the lead far above a deeply nested story, inside the same article
    tree = page(f"<article><div class='top'><h1>Bridge</h1><div><div><p>{LEAD}</p></div></div></div>{deep}</article>")
    assert recover(tree, lines, never).lines == [LEAD, *lines]
    # with the only <h1> in the site's header, the page is not one article: no lead that far
    tree = page(
        f"<div class='site'><h1>Our Town News</h1></div><div class='top'><div><div><p>{LEAD}</p></div></div>"
        f"</div>{deep}"
    )
    assert recover(tree, lines, never).lines == lines


def test_block_text_is_the_text_content_without_the_tail_or_comments():
    # _text reads the text serialiser's output: it must be text_content's string, space-normalised
    tree = page(
        "<div id='block'> Mayor <b>Ada  Quill</b><!-- note --> opened the <a href='/b'>bridge<i>!</i></a>\n"
        "<script>var hidden = 1;</script></div>after the block"
    )
    block = tree.get_element_by_id("block")
    assert recovery._text(block) == "Mayor Ada Quill opened the bridge! var hidden = 1;"
    for element in tree.iter(lxml.etree.Element):
        assert recovery._text(element) == " ".join(element.text_content().split())


def test_control_characters_go_as_trafilatura_removes_them():
    # a text it returns as is (line breaks, tabs, no-break spaces, the separators \x1c-\x1f
    # are whitespace), and texts holding C0/C1 controls, a BOM and a zero-width space
    texts = [
        "The bridge\n opened\ttoday.\u00a0Again\x1cand\u2028again",
        "Caf\u00c3\x83\u00c2\xa9 \x85on the corner\r\n",
        "\x00A\x07 b\n\x7f",
        "\ufeffRead\u200b more\n",
        "",
    ]
    for text in texts:
        assert recovery._without_control_characters(text) == remove_control_characters(text), repr(text)


def test_kept_lines_are_found_by_their_normalised_text_without_the_list_marker():
    # trafilatura's lines carry a list item's `- ` marker and the page's spacing: the kept
    # blocks are found in the tree all the same (the item in the body, all lines normalised;
    # the short subheading as an exact line), so neither is put back a second time, while the
    # dropped paragraph between them is
    item = "Residents had asked for the bridge for more than twenty years, the mayor said."
    middle = "The council will vote on the money for the new bridge at its meeting in March."
    tree = page(
        f"<article><div class='text'><p>First {STORY}</p><ul><li>{item}</li></ul>"
        f"<p>{middle}</p><h2>What happens next</h2><p>Second {STORY}</p></div></article>"
    )
    # the item's line runs on past its <li>: only the body holds it
    lines = [
        f"First {STORY}",
        "- " + item.replace(" the ", "  the  ") + " It was  a long wait.",
        "-  What  happens next ",
        f"Second {STORY}",
    ]
    result = recover(tree, lines, never)
    assert result.lines == [*lines[:2], middle, *lines[2:]]
    assert result.recovered == {2}
