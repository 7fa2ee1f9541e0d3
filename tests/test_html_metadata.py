"""HTML metadata extractors, each on a small readable page."""

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


def meta_of(head: str = "", body: str = "", url: str | None = None) -> html_metadata.HtmlMetadata:
    return html_metadata.extract(page(head, body), url)


# --- title --------------------------------------------------------------------------------


def test_title_prefers_the_h1_the_head_confirms():
    found = meta_of(
        "<title>Brücke: Streit geht in nächste Runde | HZ</title>",
        "<h1>Der Streit um die Brücke geht in die nächste Runde</h1><p>Text</p>",
    )
    assert found.title == "Der Streit um die Brücke geht in die nächste Runde"


def test_title_skips_a_logo_h1_that_names_the_site():
    found = meta_of(
        "<title>Radfahren im Winter. Mut, Trend oder eigene Entscheidung? | Velofy</title>",
        '<h1><a href="/">Velofy</a></h1><h1>Radfahren im Winter. Mut, Trend oder eigene Entscheidung?</h1>',
    )
    assert found.title == "Radfahren im Winter. Mut, Trend oder eigene Entscheidung?"


def test_title_from_head_without_site_suffix_when_no_heading():
    found = meta_of(
        '<meta property="og:site_name" content="Stadt Musterdorf"><title>Nähcafé am 3. März | Stadt Musterdorf</title>'
    )
    assert found.title == "Nähcafé am 3. März"


def test_a_kicker_run_into_the_h1_goes_when_the_head_titles_the_rest():
    found = meta_of(
        '<meta property="og:title" content="Berger-Werft Nordhafen in Sorge - Auftragsbuch und Berater-Vertrag">',
        "<h1><span>Hafenstreit</span> Berger-Werft Nordhafen in Sorge – Auftragsbuch und Berater-Vertrag</h1>",
    )
    assert found.title == "Berger-Werft Nordhafen in Sorge – Auftragsbuch und Berater-Vertrag"  # the h1's own dash
    # the head sets the kicker apart as a part of its title
    found = meta_of(
        "<title>Daten von Beispielwerk gehackt - Interne Unterlagen im Netz</title>",
        "<h1>Interne Unterlagen im Netz Daten von Beispielwerk gehackt</h1>",
    )
    assert found.title == "Daten von Beispielwerk gehackt"
    # the site's name before the head's title is no headline word
    found = meta_of(
        '<meta property="og:site_name" content="Industriemagazin"><title>INDUSTRIEMAGAZIN | Luftfahrt hebt ab</title>',
        "<h1>Auftragshoch bei FACC : Luftfahrt hebt ab</h1>",
    )
    assert found.title == "Luftfahrt hebt ab"


def test_a_kicker_the_head_keeps_or_sets_off_with_a_colon_stays():
    # `Kicker: Headline` in the head's title too: that is how the headline reads
    found = meta_of(
        "<title>Flooding: Riverside opens new shelters | Harbour News</title>",
        "<h1>Flooding: Riverside opens new shelters</h1>",
    )
    assert found.title == "Flooding: Riverside opens new shelters"
    # the head names the parts, but the heading sets the kicker off itself
    found = meta_of(
        "<title>Flooding | Riverside opens new shelters</title>",
        "<h1>Flooding: Riverside opens new shelters</h1>",
    )
    assert found.title == "Flooding: Riverside opens new shelters"


def test_a_lone_h1_naming_the_blog_yields_to_the_h2_the_head_confirms():
    found = meta_of(
        "<title>Enhanced Safe Browsing now in Chrome</title>",
        "<h1>Security Blog</h1><h2>Enhanced Safe Browsing now in Chrome</h2><p>Text</p>",
    )
    assert found.title == "Enhanced Safe Browsing now in Chrome"
    # with no <h2> the head confirms, the lone <h1> stays the headline
    found = meta_of("<title>Anwalt Niemeyer</title>", "<h1>Willkommen!</h1><h2>Leistungen</h2><p>Text</p>")
    assert found.title == "Willkommen!"


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


def test_authors_from_json_ld_graph_references():
    ld = (
        '<script type="application/ld+json">{"@graph":[{"@type":"Article","author":[{"@id":"#a"},{"@id":"#b"}]},'
        '{"@type":"Person","@id":"#a","name":"Andrew Jeong"},{"@type":"Person","@id":"#b","name":"Emily Rauhala"}]}'
        "</script>"
    )
    assert meta_of(ld).authors == ["Andrew Jeong", "Emily Rauhala"]


def test_authors_skip_an_organization_and_name_the_site_only_when_no_one_else_is():
    ld = (
        '<script type="application/ld+json">{"@type":"NewsArticle",'
        '"author":{"@type":"Organization","name":"Daily Planet"}}</script>'
    )
    assert meta_of(ld).authors == []
    head = (
        '<meta property="og:site_name" content="The Harbour Planet"><meta name="author" content="The Harbour Planet">'
    )
    byline = '<article><h1>Headline</h1><p class="byline">By Jane Doe</p><p>Story.</p></article>'
    assert meta_of(head, byline).authors == ["Jane Doe"]
    # the head's credit to the site is the page's own, when nothing on it names a person
    assert meta_of(head).authors == ["The Harbour Planet"]


def test_authors_from_byline_inside_the_article_not_the_sidebar():
    body = (
        '<aside class="sidebar"><span class="author">Hours Ago Tom Keller</span></aside>'
        '<article><h1>Headline</h1><p class="byline">By JANE DOE and John Smith, Staff Writers</p><p>Story.</p>'
        "</article>"
    )
    assert meta_of(body=body).authors == ["Jane Doe", "John Smith"]


def test_comment_authors_are_not_authors():
    body = (
        '<article><h1>H</h1><p>Story.</p><div class="comments"><span class="author">Troll Person</span></div></article>'
    )
    assert meta_of(body=body).authors == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("By Jana Novak", ["Jana Novak"]),
        ("Von Lukas Brandt und Petra Lindner", ["Lukas Brandt", "Petra Lindner"]),
        ("LARS BERGER", ["Lars Berger"]),
        ("Hanns-Seidel-Stiftung e.V.", []),  # not split into a lone "V"; an association is no person
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
        ("Lindsey O&#039;Neil", ["Lindsey O'Neil"]),  # escaped twice: `;` is no separator
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


@pytest.mark.parametrize(
    "key, value, names",
    [
        ("DC.creator", "Doe, Jane", ["Jane Doe"]),  # Dublin Core catalogues surname first
        ("citation_author", "Müller, Hans J.", ["Hans J. Müller"]),
        ("author", "Doe, Jane", ["Doe", "Jane"]),  # elsewhere the comma lists people
        ("DC.creator", "Jane Doe, John Smith", ["Jane Doe", "John Smith"]),
    ],
)
def test_surname_first_meta_authors(key, value, names):
    assert meta_of(f'<meta name="{key}" content="{value}">').authors == names


# --- date ---------------------------------------------------------------------------------


def test_date_from_article_markup_keeps_the_time_as_written():
    head = '<meta property="article:published_time" content="2022-02-04T10:42:17+00:00">'
    assert meta_of(head).date == "2022-02-04T10:42"


def test_date_json_ld_published_before_modified():
    ld = (
        '<script type="application/ld+json">{"@type":"BlogPosting",'
        '"dateModified":"2022-03-01","datePublished":"2022-02-03"}</script>'
    )
    assert meta_of(ld).date == "2022-02-03"


def test_date_in_the_future_is_refused():
    assert html_metadata.iso_date("2999-01-01T10:00:00Z") is None
    assert html_metadata.iso_date("2022-02-04", today=dt.date(2022, 2, 4)) == "2022-02-04"


def test_date_from_url_wins_over_a_later_markup_date():
    head = '<meta property="article:published_time" content="2020-02-25T02:25:54+00:00">'
    assert meta_of(head, url="https://example.com/2020/02/24/story/").date == "2020-02-24"


def test_date_written_under_the_headline():
    body = "<h1>Kalk im Wasser</h1><div>Datum 25.01.2022</div><p>" + "Lange Geschichte. " * 20 + "</p>"
    assert meta_of(body=body).date == "2022-01-25"


def test_date_quoted_inside_the_story_is_not_taken():
    body = "<h1>Headline of the story</h1><p>" + "On 4 March 2019 something happened, she said. " * 5 + "</p>"
    assert meta_of(body=body).date is None


# --- byline and date lines the extractor kept ---------------------------------------------


def test_header_lines_move_to_metadata_but_a_dateline_stays():
    units = units_from_paragraphs(
        ["By Patsy Widakuswara", "February 04, 2022", "WASHINGTON — The White House dismissed a meeting on Friday."]
    )
    roles: dict = {}
    authors, date = header_lines(units, roles)
    assert authors == ["Patsy Widakuswara"]
    assert date == "2022-02-04"
    assert [roles.get(u.index, ("body",))[0] for u in units] == ["byline", "date", "body"]


def test_date_from_url_needs_a_day():
    assert dates.date_from_url("https://example.com/2023/11/08/slug/") == "2023-11-08"
    assert dates.date_from_url("https://example.com/2023/11/slug/") is None
    assert dates.date_from_url("https://example.com/2999/01/01/x") is None


# --- the date the header shows ------------------------------------------------------------


def test_shown_date_wins_over_markup_a_time_zone_away():
    head = '<meta property="article:published_time" content="2022-05-04T00:25:56Z">'
    body = (
        "<article><h1>Debate en el concejo</h1><time>3 de mayo de 2022</time><p>"
        + "Texto largo. " * 20
        + "</p></article>"
    )
    assert meta_of(head, body).date == "2022-05-03"


def test_shown_date_far_from_the_published_markup_yields_to_it():
    head = '<meta property="article:published_time" content="2022-01-11T09:50:50+01:00">'
    body = "<h1>Show in Kassel</h1><div>Termine: 22.05.2022</div><p>" + "Langer Text. " * 20 + "</p>"
    assert meta_of(head, body).date == "2022-01-11T09:50"


def test_shown_date_of_the_same_day_keeps_the_markup_time():
    head = '<meta property="article:published_time" content="2022-02-04T10:42:17+00:00">'
    body = "<h1>Xi meets Putin</h1><div>February 4, 2022</div><p>" + "Long story. " * 20 + "</p>"
    assert meta_of(head, body).date == "2022-02-04T10:42"


def test_shown_date_in_an_element_tail():
    body = (
        '<h1>Können Katzen Farben sehen?</h1><div><span class="icon"></span>12.01.2022</div><p>'
        + "Text. " * 40
        + "</p>"
    )
    assert meta_of(body=body).date == "2022-01-12"


def test_date_in_a_lead_sentence_is_an_event_not_the_page_date():
    body = (
        "<h1>Show in Kassel</h1><p>Der Termin steht fest: Am 21. und 22. "
        "Mai 2022 wird sich im Park alles ums Angeln drehen.</p>"
        "<time>11.01.2022, 09:50 Uhr</time><p>" + "Langer Text. " * 20 + "</p>"
    )
    assert meta_of(body=body).date == "2022-01-11T09:50"


def test_shown_update_date_alone_is_not_the_page_date():
    body = "<h1>Deux ans en Macronie</h1><i>Article mis à jour le 8 janvier 2021.</i><p>" + "Texte long. " * 20 + "</p>"
    tree = page(body=body)
    assert dates.date_near_headline(tree, dates.headline_element(tree, "Deux ans en Macronie")) is None


def test_date_the_first_paragraph_opens_with():
    body = (
        "<h1>Kolumne: Stadtgeflüster</h1><p>Im Schlepptau</p><p><span>12. März 2021.</span> "
        + "Die Stadtbibliothek öffnet wieder. " * 8
        + "</p>"
    )
    assert meta_of(body=body).date == "2021-03-12"


def test_dateline_on_its_own_line_after_the_standfirst():
    body = (
        "<h1>Acht Produkte prämiert</h1><p>" + "Die Magazine haben zum zweiten Mal den Award vergeben. " * 4 + "</p>"
        "<p>Bad Beispiel am See | Kassel, 11. November 2021</p><p>" + "Langer Text. " * 20 + "</p>"
    )
    assert meta_of(body=body).date == "2021-11-11"


def test_a_later_paragraph_dated_at_its_start_is_not_a_dateline():
    body = (
        "<h1>Headline</h1><p>"
        + "Long standfirst of the story. " * 6
        + "</p><p>"
        + "4 March 2019 was the day it began, she said. " * 4
        + "</p>"
    )
    assert meta_of(body=body).date is None


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


def test_byline_in_the_header_above_the_article_element():
    body = (
        '<header><h1>Headline of the story</h1><div class="meta"><span class="author-name">Jane Doe</span></div>'
        "</header>"
        "<article><p>Story.</p></article>"
    )
    assert meta_of(body=body).authors == ["Jane Doe"]


def test_byline_in_the_posts_own_footer_but_not_the_sites():
    post = (
        '<article><h1>Headline</h1><p>Story.</p><footer class="entry-meta"><span class="byline">von Andrea</span>'
        "</footer></article>"
    )
    assert meta_of(body=post).authors == ["Andrea"]
    site = '<article><h1>Headline</h1><p>Story.</p></article><footer><span class="author">Site Owner</span></footer>'
    assert meta_of(body=site).authors == []


def test_photo_credit_is_not_an_author():
    body = (
        '<article><h1>Headline</h1><figure><img src="a.jpg"><figcaption class="author">Fauna Press</figcaption>'
        "</figure><p>Story.</p></article>"
    )
    assert meta_of(body=body).authors == []


def test_a_picture_credit_is_not_a_byline():
    body = (
        '<article><h1>Headline</h1><div class="img-author">Photograph by Ed Marshall, Restoration Programme</div>'
        "<p>Story.</p></article>"
    )
    assert meta_of(body=body).authors == []


def test_the_articles_own_classes_do_not_make_it_a_sidebar():
    body = (
        '<article class="sticky-sidebar-parent"><h1>Headline</h1><span class="byline"><a>Emily Lindner</a></span>'
        "<p>Story.</p></article>"
    )
    assert meta_of(body=body).authors == ["Emily Lindner"]


def test_author_box_gives_way_to_the_name_inside_it():
    bio = "Jane has written about science for twenty years and lives with two cats in a small town. " * 3
    body = (
        f'<article><h1>Headline</h1><p>Story.</p><div class="author-box"><h4 class="author-name">Jane Doe</h4><p>{bio}'
        "</p></div></article>"
    )
    assert meta_of(body=body).authors == ["Jane Doe"]


def test_byline_written_as_text_without_a_byline_class():
    body = '<article><h1>Headline</h1><div class="info">Von: <a href="/a/1">Jörg Falke</a></div><p>Story.</p></article>'
    assert meta_of(body=body).authors == ["Jörg Falke"]


def test_byline_label_in_its_own_element_introduces_the_next():
    body = '<article><h1>Headline</h1><p><b>Von:</b> <a href="/a/1">Jörg Falke</a></p><p>Story.</p></article>'
    assert meta_of(body=body).authors == ["Jörg Falke"]
    body = (
        '<article><h1>Headline</h1><p>Story.</p><div><h4>Autor</h4><p><a href="/a/2">Jonas Weber</a></p></div>'
        "</article>"
    )
    assert meta_of(body=body).authors == ["Jonas Weber"]


def test_signature_just_after_the_article_container():
    body = (
        '<h1>Große Aufgaben</h1><div class="news-text-wrap"><p>Story.</p></div>'
        "<p><strong>Autorin: Uta Lindner, Projektleiterin in Marokko.</strong></p>"
    )
    page_tree = page(body=body)
    root = page_tree.find(".//div")
    assert authors.authors_from_byline(page_tree, root, page_tree.find(".//h1")) == ["Uta Lindner"]


def test_a_heading_opening_with_von_is_no_byline():
    body = "<article><h1>Headline</h1><h2>Von Sprachregeln und Gender-Politik</h2><p>Story.</p></article>"
    assert meta_of(body=body).authors == []


def test_byline_names_in_full_win_over_the_heads_handle():
    head = '<meta name="author" content="jonasweber">'
    body = '<article><h1>Headline</h1><span class="author">Jonas Weber</span><p>Story.</p></article>'
    assert meta_of(head, body).authors == ["Jonas Weber"]
    head = '<meta name="author" content="Jane Doe">'
    body = '<article><h1>Headline</h1><span class="author">John Roe</span><p>Story.</p></article>'
    assert meta_of(head, body).authors == ["Jane Doe"]


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


def test_date_on_a_published_line_at_the_articles_end():
    body = f"<article><h1>Headline</h1>{LONG_STORY}<p>Erschienen am: 05.03.2021</p></article>"
    assert meta_of(body=body).date == "2021-03-05"


def test_published_marker_and_its_date_in_neighbouring_elements():
    body = (
        f"<article><h1>Headline</h1>{LONG_STORY}<div><span>Erstellt am:</span> <span>01.11.2023</span></div></article>"
    )
    assert meta_of(body=body).date == "2023-11-01"


def test_last_change_line_only_when_nothing_else_dates_the_page():
    body = f"<article><h1>Headline</h1>{LONG_STORY}<p>Letzte Änderung: 15.01.2022 um 09:15</p></article>"
    assert meta_of(body=body).date == "2022-01-15T09:15"
    head = '<meta property="article:published_time" content="2021-06-01T08:00:00+02:00">'
    assert meta_of(head, body).date == "2021-06-01T08:00"


def test_published_line_far_from_the_published_markup_yields_to_it():
    head = '<meta property="article:published_time" content="2021-06-01T08:00:00+02:00">'
    body = f"<article><h1>Headline</h1>{LONG_STORY}<p>Veröffentlicht am 17.08.2019</p></article>"
    assert meta_of(head, body).date == "2021-06-01T08:00"


def test_site_name_of_a_country_domain_is_its_own_label():
    assert head.site_names(html_metadata.PageHead(), "https://www.independent.co.uk/news/x") == ["independent"]
    ld = (
        '<script type="application/ld+json">{"@type":"NewsArticle",'
        '"author":{"@type":"Person","name":"Andrew Berger"}}</script>'
    )
    assert meta_of(ld, url="https://www.independent.co.uk/news/x").authors == ["Andrew Berger"]


def test_json_ld_person_keeps_a_lower_case_surname():
    ld = (
        '<script type="application/ld+json">{"@type":"BlogPosting","author":{"@type":"Person","name":"Jana novak"}}'
        "</script>"
    )
    assert meta_of(ld).authors == ["Jana novak"]
    assert html_metadata.split_authors("Jana novak") == []  # unmarked text: not a name


def test_a_persons_own_site_names_its_author():
    head = '<meta property="og:site_name" content="Jane Doe"><meta name="author" content="Jane Doe">'
    assert meta_of(head).authors == ["Jane Doe"]
    head = '<meta property="og:site_name" content="Daily Planet News"><meta name="author" content="Daily Planet News">'
    byline = '<article><h1>Headline</h1><p class="byline">By Jane Doe</p><p>Story.</p></article>'
    assert meta_of(head, byline).authors == ["Jane Doe"]


def test_written_line_between_the_headline_and_the_article_container():
    body = (
        "<h1>Warmer Weekend Ahead</h1><div><span>Written: 2021-03-05 09:15:30</span> / "
        "<span>Updated: 2021-03-05 09:40:46</span></div>" + f"<article>{LONG_STORY}</article>"
    )
    tree = page(body=body)
    assert dates.date_from_marked_lines(tree, tree.find(".//article"), tree.find(".//h1")) == ("2021-03-05T09:15", None)


def test_label_after_a_non_breaking_space_and_dash_is_still_a_label():
    body = (
        "<h1>Faire Lieferketten</h1><div><span>\u00a0- Redaktion: Lars Berger (Pressesprecher)</span></div><p>Story."
        "</p>"
    )
    assert meta_of(body=body).authors == ["Lars Berger"]


def test_german_publication_line_with_its_participle_after_the_date():
    body = (
        '<div class="sidebar"><p><a href="/post">Ein Beitrag</a> wurde am <b>3. März 2015</b> um 10:12 Uhr '
        "gepostet und unter <a>Allgemein</a> abgelegt.</p></div>"
        "<h1>Ein Beitrag</h1><p>Der Text des Beitrags.</p>"
    )
    assert meta_of("<title>Ein Beitrag</title>", body).date[:10] == "2015-03-03"


def test_participle_without_am_before_it_dates_nothing():
    body = "<h1>Ein Beitrag</h1><p>Seit 3. März 2015 ist nichts veröffentlicht worden.</p>"
    assert dates.date_from_marked_lines(page("", body), None, None) == (None, None)


def test_undated_article_dated_by_an_entry_opening_with_its_date():
    body = (
        "<h1>Zahlen des Jahres</h1><article><h2>Entwicklung</h2><h3>Guter Start</h3>"
        "<p><strong>02.03.2021 „Das Jahr hat gut begonnen“, sagte die Sprecherin.</strong></p></article>"
    )
    assert meta_of("", body).date == "2021-03-02"


def test_teaser_grid_in_main_gives_no_opening_date():
    body = "<main><div><h3>Hoftag</h3><p>Sa., 22.01.2022, 9:00 – 17:00 Uhr Ein Tag auf dem Hof.</p></div></main>"
    tree = page("", body)
    assert dates._opening_date(html_metadata.article_root(tree)) is None
    assert dates._opening_date(page("", body.replace("main", "article")).find(".//article")) == "2022-01-22T09:00"


def test_byline_inside_a_layout_container_named_sidebar_around_the_headline():
    body = (
        '<div class="panel-display one-sidebar-second"><div class="main"><h1>Harbour bridge approved</h1>'
        '<span class="field-contributor">Par Jeanne Martin</span><p>Text.</p></div>'
        '<div class="sidebar-second"><span class="author">Paul Roe</span></div></div>'
    )
    assert meta_of("<title>Harbour bridge approved</title>", body).authors == ["Jeanne Martin"]


def test_blog_post_title_in_an_h3_under_the_blogs_h1():
    body = (
        '<div class="widget Header"><h1><a href="/">Notes from the shed</a></h1></div>'
        '<div class="widget Blog"><div class="post"><h3 class="post-title">Spring at last</h3><p>Text.</p>'
        '<div class="post-footer"><span class="post-author">Eingestellt von der Lukas</span></div></div></div>'
        '<div class="widget Profile"><span class="author">Someone Else</span></div>'
    )
    assert meta_of("<title>Spring at last</title>", body).authors == ["der Lukas"]
    # the headline element: the h3 of the title, not the blog's h1
    tree = page("", body)
    assert html_metadata.headline_element(tree, "Spring at last").tag == "h3"


def test_a_login_link_is_nobodys_name():
    assert html_metadata.split_authors("Login") == []


def test_dated_lines_that_hold_no_name_give_no_author():
    for line in (
        "Stand: 12.03.2020 10:00 Uhr",
        "Publicado Jueves, 21 de abril de 2022",
        "Deutsche Sprache - 11.12.2019 - Berlin",
    ):
        assert meta_of("", f"<h1>Variables at home</h1><p>{line}</p>").authors == []


def test_name_in_the_text_right_after_a_label_element():
    body = (
        "<h1>Headline of the story</h1><div><span>Datum:</span> 19.11.2021 <span>Autor:</span> Jane Doe"
        "<span>Quelle:</span> Example Press</div>"
    )
    assert meta_of("", body).authors == ["Jane Doe"]


def test_picture_credits_after_the_writers_name():
    assert html_metadata.split_authors("Text von Jane Doe Illustration von John Roe") == ["Jane Doe"]
    assert html_metadata.split_authors("By Jane Doe Photos by John Roe") == ["Jane Doe"]


def test_first_name_of_the_byline_completed_from_the_author_box():
    bio = "ist freie Autorin und schreibt über Gärten, Bäume und das Wetter in den Bergen. " * 3
    body = (
        '<article><h1>Headline of the story</h1><div class="byline"><span class="author">Jane</span></div>'
        f'<p>Story.</p><div class="author-box"><span>Jane</span><p>Jane Doe {bio}</p></div></article>'
    )
    assert meta_of("", body).authors == ["Jane Doe"]


def test_first_name_not_completed_from_the_next_text_of_the_box():
    bio = "ich bin Foodbloggerin und Journalistin, und ich backe seit meiner Kindheit Brot und Kuchen. " * 3
    body = (
        '<article><h1>Headline of the story</h1><div class="byline"><span class="author">Jane</span></div>'
        f'<p>Story.</p><div class="author-box"><b>Jane</b><p>Hallo, {bio}</p></div></article>'
    )
    assert meta_of("", body).authors == ["Jane"]


def test_byline_of_several_names_does_not_reach_related_stories():
    body = (
        '<article><h1>Headline of the story</h1><p class="meta">By <a class="font-bold" rel="author">Jane Doe</a> '
        'Feb 8, 2020</p><p>Story.</p><div class="more"><h3>Another story</h3><p class="meta">By '
        '<a class="font-bold" rel="author">John Roe</a></p></div></article>'
    )
    assert meta_of("", body).authors == ["Jane Doe"]
    body = (
        '<article><h1>Headline</h1><p>Von <a class="author">Jane Doe</a> und <a class="author">John Roe</a></p>'
        "</article>"
    )
    assert meta_of("", body).authors == ["Jane Doe", "John Roe"]


def test_interview_byline_names_both_sides():
    assert html_metadata.split_authors("Jane Doe im Gespräch mit John Roe") == ["Jane Doe", "John Roe"]
    assert html_metadata.split_authors("Jane Doe in conversation with John Roe") == ["Jane Doe", "John Roe"]


def test_full_names_of_the_byline_win_over_single_words_in_the_head():
    head = '<meta name="author" content="Example & Co">'
    body = '<h1>Headline of the story</h1><div class="wrote_by">By <a>Jane Doe</a></div><p>Story.</p>'
    assert meta_of(head, body).authors == ["Jane Doe"]


def test_user_names_with_digits_are_names_dates_and_counts_are_not():
    assert html_metadata.split_authors("Author: Gamer42 am 29.12.2010, 13:36 Uhr") == ["Gamer42"]
    assert html_metadata.split_authors("harbor77") == ["harbor77"]
    for text in ("H2", "2022", "Mai 2020", "12 Kommentare"):
        assert html_metadata.split_authors(text) == []


def test_json_ld_person_named_by_a_login_of_first_and_last_name():
    ld = (
        '<script type="application/ld+json">{"@type": "HowTo", "name": "Sew a tablecloth", '
        '"author": {"@type": "Person", "name": "jane.doe"}}</script>'
    )
    assert meta_of(ld, "<h1>Sew a tablecloth</h1>").authors == ["Jane Doe"]
    ld = ld.replace("jane.doe", "example.com")
    assert meta_of(ld, "<h1>Sew a tablecloth</h1>").authors != ["Example Com"]


def test_author_box_opening_with_the_name_when_no_byline_names_anyone():
    box = '<div class="author"><b>Jane Doe</b>, 21. Jan. 2015 ' + "Eine lange Einleitung zum Text. " * 8 + "</div>"
    assert meta_of("", f"<h1>Headline of the story</h1>{box}<p>Story.</p>").authors == ["Jane Doe"]
    heading = '<div class="author"><h3>Richtlinien für Autoren</h3>' + "Bitte senden Sie Ihre Texte. " * 8 + "</div>"
    assert meta_of("", f"<h1>Headline of the story</h1>{heading}").authors == []


def test_an_empty_article_body_is_not_the_article():
    body = (
        '<h1>Headline of the story</h1><div class="text" itemprop="articleBody"> </div>'
        "<main><p>Story.</p><p><strong>Autorin: Jane Doe, Projektleiterin.</strong></p></main>"
    )
    tree = page("", body)
    assert html_metadata.article_root(tree).tag == "main"


def test_byline_on_a_line_of_its_own_after_a_break():
    body = (
        '<h1>Headline of the story</h1><div class="text">Das Gericht entschied so.<br><br>Quelle: Example Press'
        '<br><br>Autor: <a href="/anwalt/">Rechtsanwalt</a> Jane Doe<br>Weitere Texte</div>'
    )
    assert meta_of("", body).authors == ["Jane Doe"]


def test_ambiguous_slashed_markup_date_yields_to_the_shown_one():
    head = '<meta name="date" content="11/01/2023 12:43:42">'
    body = f"<article><h1>Headline</h1>{LONG_STORY}<p>Erstellt am: 01.11.2023</p></article>"
    assert meta_of(head, body).date == "2023-11-01"
    assert html_metadata.iso_date("11/01/2023 12:43:42") is None
    assert html_metadata.iso_date("25/01/2023") == "2023-01-25"


def test_page_showing_the_utc_day_of_a_local_midnight_stamp():
    head = '<meta property="article:published_time" content="2022-11-06T23:00:00.000Z">'
    body = '<article><time datetime="2022-11-06T23:00:00.000Z">6.11.22</time><h1>Provence</h1><p>Text.</p></article>'
    assert meta_of(head, body).date == "2022-11-07"


def test_syndicated_story_credits_its_writer_over_the_sites_own_byline():
    head = '<meta property="og:site_name" content="The Example Press">'
    body = (
        '<article><h1>Forests and their keepers</h1><div class="post-author-name">By The Example Press</div>'
        '<div class="content"><p><em>Courtesy of Forest News</em></p><p><em>Written by: <a>Jane Doe</a></em></p>'
        "<p>Story.</p></div></article>"
    )
    assert meta_of(head, body, url="https://www.theexamplepress.com/2020/01/forests/").authors == ["Jane Doe"]
    # without a credited writer, the site's byline stands (a desk signs as the site)
    alone = body.replace("Written by: <a>Jane Doe</a>", "")
    assert meta_of(head, alone, url="https://www.theexamplepress.com/2020/01/forests/").authors == ["The Example Press"]


def test_handle_after_a_label_standing_alone():
    body = (
        '<div class="head"><a href="/fiction/1"><h2>Tidewater</h2></a><span class="font-white"> by </span>'
        '<h3><a href="/profile/1">harbor77</a></h3><h1>Chapter 1: Prologue</h1></div><p>Story.</p>'
    )
    assert meta_of("", body).authors == ["harbor77"]
    # a sentence opening with `By` gives no single word
    assert meta_of("", "<h1>Chapter 1</h1><p>By Monday everything had changed.</p>").authors == []


def test_admin_accounts_and_listed_stories_bylines_name_no_author():
    assert html_metadata.split_authors("von wordpressadmin |") == []
    body = (
        '<h1>Headline of the story</h1><p>Story.</p><div class="article-listing__item">'
        '<div class="article-listing__item__author">Von John Roe am 08.12.2022</div></div>'
    )
    assert meta_of("", body).authors == []


def test_label_after_a_separator_and_the_names_after_it_in_its_parent():
    body = (
        '<header><h1>Headline of the story</h1><div class="meta_info"><span class="tag">yas!</span>'
        '<span class="label">| By </span><span>Jane Doe</span> | <time>April 13, 2020</time></div></header>'
    )
    assert meta_of("", body).authors == ["Jane Doe"]


def test_the_kind_of_piece_before_the_by_word_is_no_part_of_the_name():
    for byline in (
        "Pressemitteilung von Jane Doe",
        "Ein Kommentar von Jane Doe",
        "A commentary by Jane Doe",
        "Gastbeitrag von Jane Doe",
    ):
        assert html_metadata.split_authors(byline) == ["Jane Doe"]


def test_chinese_editor_label_inside_its_text():
    body = (
        '<h1>标题</h1><p>正文。</p><div class="p-tags">'
        '<span class="p-jc"><a href="#">【纠错】</a> 责任编辑： 王小明</span></div>'
    )
    assert meta_of("", body).authors == ["王小明"]
    assert html_metadata.split_authors("【纠错】 责任编辑： 王小明") == ["王小明"]


def test_a_reviewed_books_author_in_its_fact_sheet_is_not_the_pages():
    body = (
        "<h1>Mein Buch des Monats</h1><p>Diesen Monat lese ich etwas Neues.</p>"
        "<div><u>Seiten:</u> 400 Seiten</div><div><u>Autorin: </u>Jane Doe</div><div><u>Verlag: </u>Example Books</div>"
    )
    assert meta_of("", body).authors == []
    assert meta_of("", "<h1>Mein Buch</h1><div><u>Autorin: </u>Jane Doe</div><p>Text.</p>").authors == ["Jane Doe"]


# --- issue #4: bylines in share bars, pen names, long stories without an article element --


def test_byline_inside_the_share_bar_under_the_headline():
    # the header's share bar carries the story's own byline next to its buttons
    body = (
        '<article><h1>Headline</h1><div class="sharekit"><div class="sharekit__contributors--author">'
        'By <span>Michael Stone</span></div><a class="sharekit__link">Share</a></div><p>Story.</p></article>'
    )
    assert meta_of(body=body).authors == ["Michael Stone"]


def test_share_bar_does_not_open_the_sidebar_or_comments():
    body = (
        '<article><h1>Headline</h1><div class="share"></div><p>Story.</p>'
        '<div class="comments"><span class="author">Troll Person</span></div></article>'
        '<aside class="sidebar"><span class="author">Other Writer</span></aside>'
    )
    assert meta_of(body=body).authors == []


def test_a_persons_pen_name_ending_in_a_role_word_stays_whole():
    ld = (
        '<script type="application/ld+json">{"@graph":[{"@type":"Person","@id":"#a","name":"Fliegender Reporter"},'
        '{"@type":"BlogPosting","author":{"@id":"#a","name":"Fliegender Reporter"}}]}</script>'
    )
    assert meta_of(ld).authors == ["Fliegender Reporter"]


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


def test_signature_at_the_end_of_a_long_story_without_article_element():
    paragraphs = "".join(f"<p>Paragraph {i} of the story, <b>with</b> <i>markup</i>.</p>" for i in range(60))
    body = (
        f'<div class="page"><div><h1>Headline</h1>{paragraphs}<p><strong>Text:</strong> Klaus Fahrer</p></div>'
        '<div class="footer-links"><a rel="author" href="/me">Site Owner</a></div></div>'
    )
    assert meta_of(body=body).authors == ["Klaus Fahrer"]


def test_without_article_element_the_sites_footer_stays_out_of_reach():
    filler = "".join(f"<li><a href='/{i}'>Link {i}</a></li>" for i in range(100))
    body = (
        f'<div><div class="post"><h1>Headline</h1><p>Story.</p></div><ul>{filler}</ul>'
        '<div class="footer-links"><a rel="author" href="/me">Site Owner</a></div></div>'
    )
    assert meta_of(body=body).authors == []


# --- a post's meta list under the headline ------------------------------------------------


META_LIST = (
    '<h1>Headline</h1><ul class="post-info"><li><a href="/kategorie/kommentar/">Kommentar</a></li>'
    "<li>19. Oktober 2019</li><li>{name}</li><li>1 Kommentar</li></ul><p>Story.</p>"
)


# --- a credits list's writing credit ------------------------------------------------------


def test_interview_credit_in_a_credits_list_under_the_story():
    body = (
        '<article><h1>Headline</h1><p>Story.</p><div class="credits">'
        '<div class="credits-credit"><div class="label">Interview</div><div class="text">MARA HOLT</div></div>'
        '<div class="credits-credit"><div class="label">Fotograf</div><div class="text">ERIC ROY</div></div></div>'
        "</article>"
    )
    assert meta_of(body=body).authors == ["Mara Holt"]


def test_interview_kicker_above_the_headline_is_no_credit():
    body = '<article><header><span class="kicker">Interview</span><h1>Ada Larkin</h1></header><p>Story.</p></article>'
    assert meta_of(body=body).authors == []
    below = "<article><h1>Headline</h1><div><span>Interview</span><h2>Ada Larkin</h2></div><p>Story.</p></article>"
    assert meta_of(body=below).authors == []


# --- a credit line in the story's lead ----------------------------------------------------


def test_credit_line_in_the_lead_wins_over_the_posting_account():
    head = '<meta name="author" content="Paul Poster">'
    body = (
        "<article><h1>Interview mit Schriftstellerin Lena Brandt</h1><p><strong>„Ein Zitat.“</strong></p>"
        "<p><em>Ein Interview von <strong>Tom Keller</strong> mit <strong>Lena Brandt</strong>.</em></p>"
        "<p>Die deutsche Autorin hat einen neuen Roman geschrieben, über den wir lange sprachen.</p></article>"
    )
    assert meta_of(head, body).authors == ["Tom Keller"]
    user = (
        '<article><h1>Headline</h1><p class="submitted">Gespeichert von <span class="username">human</span></p>'
        "<p>Blog Beitrag von Nina Sorel</p><p>Story.</p></article>"
    )
    assert meta_of(body=user).authors == ["Nina Sorel"]


def test_credit_line_naming_the_heads_author_changes_nothing():
    head = '<meta name="author" content="Jane Roe">'
    body = (
        "<article><h1>Headline</h1><p>Ein Bericht von Jane Roe Harbour Times International</p><p>Story.</p></article>"
    )
    assert meta_of(head, body).authors == ["Jane Roe"]


def test_sentences_and_far_or_sidebar_credits_are_no_lead_credit():
    head = '<meta name="author" content="Paul Poster">'
    sentence = "<article><h1>Headline</h1><p>Das Imperium von Jane Doe wankt.</p><p>Story.</p></article>"
    assert meta_of(head, sentence).authors == ["Paul Poster"]
    far = "<article><h1>Headline</h1><p>One.</p><p>Two.</p><p>Three.</p><p>Ein Kommentar von Jane Doe</p></article>"
    assert meta_of(head, far).authors == ["Paul Poster"]
    sidebar = (
        '<div><h1>Headline</h1><aside class="sidebar"><p>Ein Kommentar von Jane Doe</p></aside><p>Story.</p></div>'
    )
    assert meta_of(head, sidebar).authors == ["Paul Poster"]


# --- a byline label saying what was done --------------------------------------------------


def test_posted_by_a_handle_is_a_byline():
    body = (
        '<ul><li class="post"><h1>Headline</h1><div class="postdata"><span class="category">Posted by Quentin</span>'
        "</div><p>Story.</p></li></ul>"
    )
    assert meta_of(body=body).authors == ["Quentin"]


def test_a_single_word_after_von_or_in_a_comment_is_no_byline():
    heading = "<article><h1>Headline</h1><p>Von Sprachregeln</p><p>Story.</p></article>"
    assert meta_of(body=heading).authors == []
    comment = '<article><h1>Headline</h1><p>Story.</p><div class="comments"><p>Posted by Troll</p></div></article>'
    assert meta_of(body=comment).authors == []


def test_the_sites_title_marked_as_an_hcard_is_no_byline():
    body = (
        '<h1 class="vcard author"><a href="http://blog.example/" class="fn">Example Blog</a></h1>'
        '<div class="post"><h3 class="entry-title">Headline</h3><h4 class="vcard author">vom '
        '<span class="fn">Tatortblogger</span></h4>'
        "<p>Story.</p></div>"
    )
    assert meta_of(body=body, url="http://blog.example/?p=1").authors == ["Tatortblogger"]
    # a byline in a heading linking to the writer's own page is a byline
    own = (
        '<article><h1>Headline</h1><h4 class="author"><a href="/autor/jane-doe/">Jane Doe</a></h4><p>Story.</p>'
        "</article>"
    )
    assert meta_of(body=own).authors == ["Jane Doe"]


def test_a_newsroom_credited_in_the_lead_is_no_writer():
    head = '<meta name="author" content="Jane Doe">'
    for credit in ("Ein Interview von Spiegel Online", "Ein Beitrag von Deutschlandfunk Kultur"):
        body = f"<article><h1>Headline</h1><p>{credit}</p><p>Story.</p></article>"
        assert meta_of(head, body).authors == ["Jane Doe"]
    role = "<article><h1>Headline</h1><p>Ein Kommentar von Chefredakteur Max Muster</p><p>Story.</p></article>"
    assert meta_of(head, role).authors == ["Max Muster"]


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


def test_a_meta_line_under_the_headline_credits_its_writer_beside_the_date():
    story = "<p>" + "Es bleibt weiterhin spannend, was die Schulen mit der Cloud machen. " * 6 + "</p>"
    meta_line = (
        '<div class="meta">Posted in <a href="/category/datenschutz/">Datenschutz'
        "</a> by larsberger on August 3, 2019</div>"
    )
    head = "<title>Tabellen – die Dritte | Lars's Blog</title>"
    assert meta_of(head, f"<div class='post'><h2>Tabellen – die Dritte</h2>{meta_line}{story}</div>").authors == [
        "larsberger"
    ]
    # without the date it is no meta line; in a sidebar it is another post's
    undated = '<div class="meta">Posted in <a href="/category/datenschutz/">Datenschutz</a> by larsberger</div>'
    assert meta_of(head, f"<div class='post'><h2>Tabellen – die Dritte</h2>{undated}{story}</div>").authors == []
    sidebar = f"<div class='post'><h2>Tabellen – die Dritte</h2><div class='sidebar'>{meta_line}</div>{story}</div>"
    assert meta_of(head, sidebar).authors == []


def test_text_byline_rules_read_the_lines_under_the_headline():
    from cleaner import load_rules

    rules = load_rules([]).for_host("blog.example")
    story = "<p>" + "Weihnachten und Silvester habe ich diesmal wieder in Kassel verbracht. " * 6 + "</p>"
    meta_line = (
        '<div class="meta">Filed under: <a href="/c/a">Alltag</a>, <a href="/c/b">Bücher</a> — evlin @ 00:11<br>Tags: '
        "<a>Neujahr</a></div>"
    )
    body = f"<div class='post'><h2>Ins neue Jahr</h2>{meta_line}{story}</div>"
    head = "<title>Ins neue Jahr | Bücherstube</title>"
    assert html_metadata.extract(page(head, body), None, rules).authors == ["evlin"]
    # what the page's markup states comes first
    stated = html_metadata.extract(page(head + '<meta name="author" content="Eva Lind">', body), None, rules)
    assert stated.authors == ["Eva Lind"]


def test_a_lone_h1_naming_the_site_at_one_end_of_the_title_yields_to_the_h2_at_the_other():
    story = "<p>" + "In der Schweiz entstehen neue Kinosäle, obwohl die Besucherzahlen sinken. " * 5 + "</p>"
    head = "<title>Talk 4 town » Blog Archiv » Neue Leinwände für die Schweizer Kinos</title>"
    body = f"<h1>Talk 4 town</h1><div class='post'><h2>Neue Leinwände für die Schweizer Kinos</h2>{story}</div>"
    assert meta_of(head, body).title == "Neue Leinwände für die Schweizer Kinos"
    # with the <h2> in the title's middle it is the subtitle, and the <h1> the headline
    head = "<title>Vom Wasser aus gedacht - Jana Novak verwebt Lokales und Globales : buchkritik.de</title>"
    body = f"<h1>Vom Wasser aus gedacht</h1><h2>Jana Novak verwebt Lokales und Globales</h2>{story}"
    assert meta_of(head, body).title == "Vom Wasser aus gedacht"


def test_an_author_box_between_the_headline_and_the_story_is_the_articles_whatever_its_container():
    story = "<p>" + "Mit dem neuen Album hat die Band ihren Sound noch einmal neu erfunden. " * 5 + "</p>"
    box = (
        "<div class='sidebar'><div class='teaser-box author short'><div class='title-small'>Eva Lindner</div>\n"
        "<a href='/search?searchword=eva-lindner&searchphrase=author'>Alle Artikel</a></div></div>"
    )
    head = "<title>Konzert-Tipps im März 2021</title>"
    body = (
        f"<h1>Konzert-Tipps im März 2021</h1><main class='has-left-sidebar'>{box}<div class='article'>{story}"
        "</div></main>"
    )
    assert meta_of(head, body).authors == ["Eva Lindner"]
    # the same box after the story is a sidebar's
    late = (
        f"<h1>Konzert-Tipps im März 2021</h1><main class='has-left-sidebar'><div class='article'>{story}"
        f"</div>{box}</main>"
    )
    assert meta_of(head, late).authors == []


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
