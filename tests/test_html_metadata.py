"""HTML metadata helpers, each on a small readable page. What a whole page gives as title,
authors and date is in tests/cases/metadata/ (the cases without `text-`)."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest

from cleaner.blocks import units_from_paragraphs
from cleaner.html import metadata as html_metadata
from cleaner.html.metadata import authors, dates, head
from cleaner.html.metadata import title as html_title
from cleaner.html.pipeline import header_lines
from cleaner.settings import DEFAULT_OPTIONS


def page(head: str = "", body: str = "") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


# --- title --------------------------------------------------------------------------------


def test_title_parts():
    assert head.title_parts("Headline here | Site | Tagline") == ["Headline here", "Site", "Tagline"]
    assert head.title_parts("A lone headline") == ["A lone headline"]


# --- the learned title chooser -------------------------------------------------------------

_STORY_PROSE = (
    "<p>" + " ".join(["The council met on Tuesday evening and argued for three hours about the bridge."] * 2) + "</p>"
)


def chosen_title(head_html: str, body_html: str) -> str | None:
    tree = page(head_html, body_html)
    found = head.read_head(tree, DEFAULT_OPTIONS)
    searched = html_title.find_title(tree, found, options=DEFAULT_OPTIONS)
    return html_title.choose_title(tree, found, None, searched, options=DEFAULT_OPTIONS)


def test_chooser_takes_a_storys_h1_over_the_title_that_adds_the_site():
    assert (
        chosen_title(
            "<title>Council delays the river bridge vote again | The Valley Courier</title>"
            '<meta property="og:site_name" content="The Valley Courier"><meta property="og:type" content="article">',
            f"<article><h1>Council delays the river bridge vote again</h1>{_STORY_PROSE}</article>",
        )
        == "Council delays the river bridge vote again"
    )


def test_chooser_takes_the_og_title_that_names_a_service_page_over_its_slogan_h1():
    head_html = (
        "<title>Garden design and landscaping | Greenfield Gardens</title>"
        '<meta property="og:title" content="Garden design and landscaping">'
        '<meta property="og:site_name" content="Greenfield Gardens">'
        '<script type="application/ld+json">{"@type": "LocalBusiness", "name": "Greenfield Gardens"}</script>'
    )
    body_html = (
        "<h1>We make your garden bloom</h1><h2>Planting</h2><p>Beds and borders.</p><h2>Paving</h2>"
        "<p>Paths and patios.</p><h2>Lawns</h2><p>Turf and seed.</p><h2>Contact</h2>"
    )
    tree = page(head_html, body_html)
    assert html_title.find_title(tree, head.read_head(tree, DEFAULT_OPTIONS), options=DEFAULT_OPTIONS) == (
        "We make your garden bloom"
    )  # the rule-based search alone is misled by the slogan
    assert chosen_title(head_html, body_html) == "Garden design and landscaping"


def test_title_candidates_merge_equal_texts_and_carry_each_source():
    tree = page(
        '<title>Tide tables for the north coast - Harbour Office</title><meta property="og:title" '
        'content="Tide tables for the north coast">',
        "<h1>Tide tables for the north coast</h1>",
    )
    found = html_title.title_candidates(
        tree, head.read_head(tree, DEFAULT_OPTIONS), None, "Tide tables for the north coast", options=DEFAULT_OPTIONS
    )
    by_text = {candidate.text: candidate for candidate in found}
    assert by_text["Tide tables for the north coast"].sources == ["search", "h1", "og", "title"]
    assert by_text["Tide tables for the north coast"].features["equals_h1"] == 1.0
    assert "title:last" in by_text["Harbour Office"].features


# --- authors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("By Jana Novak", ["Jana Novak"]),
        ("Von Lukas Brandt und Petra Lindner", ["Lukas Brandt", "Petra Lindner"]),
        ("LARS BERGER", ["Lars Berger"]),
        ("Hafen-Kultur-Stiftung e.V.", []),  # not split into a lone "V"; an association is no person
        ("Follow", []),
        ("https://example.com/author/x", []),
        ("Jane Doe, PhD", ["Jane Doe"]),
        ("Nicolas Ortega C.", ["Nicolas Ortega C."]),
        ("Veröffentlicht von LarsB", ["LarsB"]),
        ("AuthorLars Berger", ["Lars Berger"]),
        ("ByJ.R. Stone", ["J.R. Stone"]),
        ("Ratgeber-Experte Lars Berger", ["Lars Berger"]),
        ("Lukas Brandt Chefredakteur", ["Lukas Brandt"]),
        ("Lucía Prieto Twitter", ["Lucía Prieto"]),
        ("Lars Berger Harbour-Magazin.com Redakteur", ["Lars Berger"]),
        ("责任编辑：王小明", ["王小明"]),
        ("Anna Autorino", ["Anna Autorino"]),
        ("Web Handel GmbH www.web-handel.de", []),
        ("Beispiel-Verlag GmbH, Nürnberg, Germany", []),
        ("Jana Novak Fr, 12.03.2021", ["Jana Novak"]),
        ("cipha[at]example.net", []),
        ("Veröffentlicht am 3. März 2021 von Harbour-Team", ["Harbour-Team"]),
        ("von lumo am 12/03/21, 09:15 pm", ["lumo"]),
        ("Eingestellt von der Lukas", ["der Lukas"]),
        ("Redaktion: Lars Berger (Pressesprecher des Vereins)", ["Lars Berger"]),
        ("Autoren Tjark Hansen und Jutta Lindner", ["Tjark Hansen", "Jutta Lindner"]),
        ("Maeve O&#039;Dowd", ["Maeve O'Dowd"]),  # escaped twice: `;` is no separator
        ("publisher", []),  # a CMS's placeholder
        ("Benutzername", []),
        ("Letters To The Editor", []),  # a section, not a name (without the role: `Letters To The`)
        ("Haus und Garten, Kassel, Germany", []),  # one-word parts, no given name: an address
        ("HARBOURPAY, Frankfurt, Germany", []),
        ("Ela, Michaela", ["Ela", "Michaela"]),  # one-word parts with a given name: people
        ("DT", ["DT"]),  # initials keep their capitals
        ("By Jane Doe, Harbour News, New York", ["Jane Doe"]),  # the outlet and the place end the names
        ("Jane Doe and Ana de la Cruz", ["Jane Doe", "Ana de la Cruz"]),
        ("facebook.com/harbourveggie", []),  # a profile's address
        ("Eva Lindner Alle Artikel", ["Eva Lindner"]),  # the link to her other pieces goes
        ("Alle Artikel", []),
    ],
)
def test_split_authors(text, names):
    assert html_metadata.split_authors(text) == names


# --- date ---------------------------------------------------------------------------------


def test_date_in_the_future_is_refused():
    assert html_metadata.iso_date("2999-01-01T10:00:00Z") is None
    assert html_metadata.iso_date("2022-02-04", today=dt.date(2022, 2, 4)) == "2022-02-04"


# --- byline and date lines the extractor kept ---------------------------------------------


def test_header_lines_move_to_metadata_but_a_dateline_stays():
    units = units_from_paragraphs(
        ["By Mira Castell", "February 04, 2022", "PORTSMOUTH — The harbour board postponed a vote on Friday."]
    )
    roles: dict = {}
    authors, date = header_lines(units, roles)
    assert authors == ["Mira Castell"]
    assert date == "2022-02-04"
    assert [roles.get(u.index, ("body",))[0] for u in units] == ["byline", "date", "body"]


def test_date_from_url_needs_a_day():
    assert dates.date_from_url("https://example.com/2023/11/08/slug/") == "2023-11-08"
    assert dates.date_from_url("https://example.com/2023/11/slug/") is None
    assert dates.date_from_url("https://example.com/2999/01/01/x") is None


# --- the date the header shows ------------------------------------------------------------


def test_shown_update_date_alone_is_not_the_page_date():
    body = "<h1>Deux ans en Macronie</h1><i>Article mis à jour le 8 janvier 2021.</i><p>" + "Texte long. " * 20 + "</p>"
    tree = page(body=body)
    assert dates.header_dates(tree, dates.headline_element(tree, "Deux ans en Macronie"))[0] is None


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2021-11-04T23:00Z", "2021-11-05"),  # local midnight east of UTC
        ("2022-11-06T23:00:00.000Z", "2022-11-07"),
        ("2020-09-26T22:00:27+0100", "2020-09-26T22:00"),  # a real time, not UTC
        ("2022-05-05T21:00:00-05:00", "2022-05-05T21:00"),
        ("2022-02-04T00:00:00+01:00", "2022-02-04"),
    ],
)
def test_iso_date_time_zones(value, iso):
    assert html_metadata.iso_date(value, today=dt.date(2023, 1, 1)) == iso


# --- byline elements ----------------------------------------------------------------------


def test_signature_just_after_the_article_container():
    body = (
        '<h1>Neue Brunnen für das Dorf</h1><div class="news-text-wrap"><p>Story.</p></div>'
        "<p><strong>Autorin: Uta Lindner, Projektleiterin am Hafen.</strong></p>"
    )
    page_tree = page(body=body)
    root = page_tree.find(".//div")
    assert authors.authors_from_byline(page_tree, root, page_tree.find(".//h1")) == ["Uta Lindner"]


# --- site rules naming the byline and date elements ---------------------------------------

SITE_RULES = """
[[rule]]
id = "example-org-html-byline"
description = "example.org's byline: the names in .credits a"
selector = ".credits a"
action = "byline"
sites = ["example.org"]
examples.match = ['<p class="credits"><a href="/p/1">Jane Doe</a></p>']
examples.no_match = ['<p class="credits">Photo: Ann Roe</p>']

[[rule]]
id = "example-org-html-date"
description = "example.org's date: the stamp under the headline"
selector = "span.stamp"
action = "date"
sites = ["example.org"]
examples.match = ['<span class="stamp">Stand: 04.02.2022</span>']
"""

STORY_PAGE = (
    '<html><head><meta name="author" content="Desk Account">'
    '<meta property="article:published_time" content="2021-06-01T08:00:00+02:00"></head><body><article>'
    '<h1>Council approves harbour bridge</h1><p class="credits">Text: <a href="/p/1">Jane Doe</a> und '
    '<a href="/p/2">John Roe</a></p>'
    '<span class="stamp">Stand: 04.02.2022</span>'
    + "<p>"
    + "The council approved the new harbour bridge after a long debate on Tuesday evening. " * 4
    + "</p>"
    + "<p>"
    + "Construction is to start next spring and take about two years, the city said. " * 4
    + "</p>"
    "</article></body></html>"
)


def test_html_byline_and_date_rules_load_and_check_their_examples(tmp_path):
    from cleaner.rules import load_rules

    (tmp_path / "site.toml").write_text(SITE_RULES, encoding="utf-8")
    rules = load_rules([tmp_path], builtin=False)
    assert [rule.action for rule in rules.html_metadata_rules] == ["byline", "date"]
    assert rules.html_rules == ()  # they read elements; they never remove them
    assert all(not rule.example_failures() for rule in rules.rules)


def test_html_rule_with_a_text_only_action_is_refused():
    from cleaner.rules import RuleError, compile_rule

    entry = {
        "id": "x-y",
        "description": "d",
        "selector": ".a",
        "action": "drop",
        "examples": {"match": ['<p class="a">x</p>']},
    }
    with pytest.raises(RuleError, match="action 'drop'"):
        compile_rule(entry, "f.toml")


def test_site_html_rules_give_byline_and_date(tmp_path):
    from cleaner.api import Cleaner
    from cleaner.rules import load_rules

    (tmp_path / "site.toml").write_text(SITE_RULES, encoding="utf-8")
    rules = load_rules([tmp_path], builtin=False)
    tree = lxml.html.document_fromstring(STORY_PAGE)
    found = html_metadata.extract(tree, "https://www.example.org/story", rules.for_host("www.example.org"))
    assert (found.authors, found.date) == (["Jane Doe", "John Roe"], "2022-02-04")
    other = html_metadata.extract(tree, "https://other.net/story", rules.for_host("other.net"))
    assert (other.authors, other.date) == (["Desk Account"], "2021-06-01T08:00")
    article = Cleaner(rules=rules).clean(STORY_PAGE, url="https://www.example.org/story")
    assert article.authors == ["Jane Doe", "John Roe"] and article.date == "2022-02-04"


# --- dates on marked lines of the article -------------------------------------------------

LONG_STORY = "<p>" + "The council approved the new harbour bridge after a long debate. " * 5 + "</p>"


def test_site_name_of_a_country_domain_is_its_own_label():
    assert head.site_names(html_metadata.PageHead(), "https://www.harbourpost.co.uk/news/x") == ["harbourpost"]


def test_unmarked_name_with_a_lower_case_surname_is_no_name():
    # (marked as a Person it is a name: json-ld-person-keeps-a-lower-case-surname)
    assert html_metadata.split_authors("Jana novak") == []  # unmarked text: not a name


def test_written_line_between_the_headline_and_the_article_container():
    body = (
        "<h1>Warmer Weekend Ahead</h1><div><span>Written: 2021-03-05 09:15:30</span> / "
        "<span>Updated: 2021-03-05 09:40:46</span></div>" + f"<article>{LONG_STORY}</article>"
    )
    tree = page(body=body)
    assert dates.date_from_marked_lines(tree, tree.find(".//article"), tree.find(".//h1")) == ("2021-03-05T09:15", None)


def test_participle_without_am_before_it_dates_nothing():
    body = "<h1>Ein Beitrag</h1><p>Seit 3. März 2015 ist nichts veröffentlicht worden.</p>"
    assert dates.date_from_marked_lines(page("", body), None, None) == (None, None)


def test_teaser_grid_in_main_gives_no_opening_date():
    body = "<main><div><h3>Hoftag</h3><p>Sa., 22.01.2022, 9:00 – 17:00 Uhr Ein Tag auf dem Hof.</p></div></main>"
    tree = page("", body)
    assert dates._opening_date(html_metadata.article_root(tree)) is None
    assert dates._opening_date(page("", body.replace("main", "article")).find(".//article")) == "2022-01-22T09:00"


def test_blog_post_title_in_an_h3_under_the_blogs_h1():
    body = (
        '<div class="widget Header"><h1><a href="/">Notes from the shed</a></h1></div>'
        '<div class="widget Blog"><div class="post"><h3 class="post-title">Spring at last</h3><p>Text.</p>'
        '<div class="post-footer"><span class="post-author">Eingestellt von der Lukas</span></div></div></div>'
        '<div class="widget Profile"><span class="author">Someone Else</span></div>'
    )
    # the headline element: the h3 of the title, not the blog's h1 (its byline: blog-post-in-an-h3-under-the-blogs-h1)
    tree = page("", body)
    assert html_metadata.headline_element(tree, "Spring at last").tag == "h3"


def test_a_login_link_is_nobodys_name():
    assert html_metadata.split_authors("Login") == []


def test_picture_credits_after_the_writers_name():
    assert html_metadata.split_authors("Text von Jane Doe Illustration von John Roe") == ["Jane Doe"]
    assert html_metadata.split_authors("By Jane Doe Photos by John Roe") == ["Jane Doe"]


def test_interview_byline_names_both_sides():
    assert html_metadata.split_authors("Jane Doe im Gespräch mit John Roe") == ["Jane Doe", "John Roe"]
    assert html_metadata.split_authors("Jane Doe in conversation with John Roe") == ["Jane Doe", "John Roe"]


def test_user_names_with_digits_are_names_dates_and_counts_are_not():
    assert html_metadata.split_authors("Author: Gamer42 am 29.12.2010, 13:36 Uhr") == ["Gamer42"]
    assert html_metadata.split_authors("harbor77") == ["harbor77"]
    for text in ("H2", "2022", "Mai 2020", "12 Kommentare"):
        assert html_metadata.split_authors(text) == []


def test_an_empty_article_body_is_not_the_article():
    body = (
        '<h1>Headline of the story</h1><div class="text" itemprop="articleBody"> </div>'
        "<main><p>Story.</p><p><strong>Autorin: Jane Doe, Projektleiterin.</strong></p></main>"
    )
    tree = page("", body)
    assert html_metadata.article_root(tree).tag == "main"


def test_an_ambiguous_slashed_date_is_no_date():
    # (the page's date then: ambiguous-slashed-markup-date-yields-to-the-shown-one)
    assert html_metadata.iso_date("11/01/2023 12:43:42") is None
    assert html_metadata.iso_date("25/01/2023") == "2023-01-25"


def test_admin_accounts_name_no_author():
    assert html_metadata.split_authors("von siteadmin |") == []


def test_the_kind_of_piece_before_the_by_word_is_no_part_of_the_name():
    for byline in (
        "Pressemitteilung von Jane Doe",
        "Ein Kommentar von Jane Doe",
        "A commentary by Jane Doe",
        "Gastbeitrag von Jane Doe",
    ):
        assert html_metadata.split_authors(byline) == ["Jane Doe"]


def test_chinese_editor_label_inside_its_text():
    assert html_metadata.split_authors("【纠错】 责任编辑： 王小明") == ["王小明"]


# --- a role after a person's name -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "person", "names"),
    [
        ("Fliegender Reporter", True, ["Fliegender Reporter"]),  # a Person's pen name
        ("Jane Doe, Staff Writer", True, ["Jane Doe"]),  # a name, then its role
        ("Jane Doe Reporter", True, ["Jane Doe"]),
        ("Staff Writer", True, []),  # a role and nothing else
        ("Fliegender Reporter", False, ["Fliegender"]),  # not marked as a person: the role goes
    ],
)
def test_role_after_a_persons_name(text, person, names):
    assert html_metadata.split_authors(text, person=person) == names


# --- same-output speed-ups ------------------------------------------------------------------


def test_marked_line_reaches_its_date_across_blank_texts():
    # texts of nothing but spaces are no chunks: the date stays the marker's next chunk
    body = (
        "<article><h1>Neue Brücke</h1><p>Die Stadt baut eine neue Brücke.</p>"
        "<div><span>Veröffentlicht am</span>\n  <b> </b>\u00a0<i>\n</i> <span>16.08.2019</span></div></article>"
    )
    tree = page(body=body)
    assert dates.date_from_marked_lines(tree, tree.find(".//article"), tree.find(".//h1")) == ("2019-08-16", None)


def test_byline_candidates_marked_by_class_id_rel_or_itemprop():
    body = (
        "<article><h1>Neue Brücke</h1><span id='post-author'>A</span><a rel='author'>B</a>"
        "<span itemprop='author'>C</span><div class='entry-byline'>D</div><span>E</span>"
        "<span class='date'>F</span></article>"
    )
    tree = page(body=body)
    marked, _ = authors.byline_candidates(tree.find(".//body"), tree.find(".//article"), tree.find(".//h1"))
    assert [element.text for element in marked] == ["A", "B", "C", "D"]


def test_text_byline_rules_read_the_lines_under_the_headline():
    from cleaner import load_rules

    rules = load_rules([]).for_host("blog.example")
    story = "<p>" + "Den Winter habe ich diesmal wieder an der Küste verbracht, mit Büchern und Tee. " * 6 + "</p>"
    meta_line = (
        '<div class="meta">Filed under: <a href="/c/a">Garten</a>, <a href="/c/b">Lesen</a> — marlo @ 00:11<br>Tags: '
        "<a>Winter</a></div>"
    )
    body = f"<div class='post'><h2>Ein Winter am Meer</h2>{meta_line}{story}</div>"
    head = "<title>Ein Winter am Meer | Leseecke</title>"
    assert html_metadata.extract(page(head, body), None, rules).authors == ["marlo"]
    # what the page's markup states comes first
    stated = html_metadata.extract(page(head + '<meta name="author" content="Eva Lind">', body), None, rules)
    assert stated.authors == ["Eva Lind"]


@pytest.mark.parametrize(
    "text",
    [
        "the bridge opens; bridges close",
        "re-opened harbour_bridge 2024 bridge2024",
        "cafe\u0301 cafe café",  # a combining accent is part of its word
        "",
    ],
)
def test_a_word_of_the_body_is_found_as_the_body_words_would_hold_it(text: str) -> None:
    """The chooser looks the candidates' words up in the body's text one by one: the same as
    listing all of the body's words (`WORD`) and asking."""
    words = set(html_title.WORD.findall(text))
    for word in [
        "bridge",
        "bridges",
        "re",
        "opened",
        "harbour",
        "harbour_bridge",
        "2024",
        "cafe",
        "café",
        "cafe\u0301",
        "b",
    ]:
        assert html_title._has_word(text, word) == (word in words), word
