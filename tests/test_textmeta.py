"""Where a text dump's headline, byline and date are: textmeta.py on small readable pages."""

from pathlib import Path

import pytest

from cleaner.api import Cleaner
from cleaner.blocks import split_units
from cleaner.rules import load_rules
from cleaner.rules.apply import apply_text_rules
from cleaner.settings import DEFAULT_OPTIONS
from cleaner.text import metadata as textmeta
from cleaner.text.title_model import load_title_model

STORY = (
    "The city council approved the new harbour bridge on Tuesday after a long debate about its cost, "
    "its design and the traffic it would bring to the old town."
)
MORE = "Construction of the harbour bridge is to start next spring and take three years, the mayor said at the meeting."
LAST = "Opponents said they would take the council's decision on the bridge to court before the work begins."


def page(*lines: str) -> list:
    return split_units("\n\n".join(lines) + "\n")


def meta(units, url=None, body=None):
    if body is None:
        body = [u.index for u in units if u.words >= 15]
    return textmeta.find_text_metadata(units, body, set(), url=url)


def test_headline_above_the_story_with_byline_and_date():
    units = page(
        "Home",
        "News",
        "Council approves harbour bridge",
        "By JANE DOE",
        "Published: 4 Feb 2022, 10:30",
        STORY,
        MORE,
        LAST,
    )
    found = meta(units)
    assert found.title == "Council approves harbour bridge"
    assert found.authors == ["Jane Doe"]
    assert found.date == "2022-02-04T10:30"
    assert found.used == {2: "title", 3: "byline", 4: "date"}


def test_headline_found_across_a_caption_and_share_line():
    units = page(
        "Menu",
        "Council approves harbour bridge – Reuters",
        "A drawing of the bridge. Photo: AP",
        "Share",
        STORY,
        MORE,
        LAST,
    )
    assert meta(units).title == "Council approves harbour bridge"


def test_nav_item_is_not_the_headline_and_slug_helps():
    units = page(
        "Sports and leisure in the region",
        "Weather for the weekend",
        "Council approves harbour bridge",
        STORY,
        MORE,
        LAST,
    )
    found = meta(units, url="https://example.org/news/council-approves-harbour-bridge")
    assert found.title == "Council approves harbour bridge"


def test_breadcrumb_echo_prefers_the_bare_headline():
    units = page("Home > Local > Council approves harbour bridge", "Council approves harbour bridge", STORY, MORE, LAST)
    assert meta(units).title == "Council approves harbour bridge"


def test_staged_headline_search_picks_what_scoring_every_candidate_picks():
    # The headline search scores candidates only while they can still win; scoring all must agree.
    pages = [
        page("Home", "News", "Council approves harbour bridge", "By JANE DOE", STORY, MORE, LAST),
        page(
            "Menu",
            "Weather for the weekend",
            "Sports and leisure",
            "Harbour bridge wins approval | City Times",
            "Harbour bridge wins approval",
            "Published 4 Feb 2022",
            STORY,
            MORE,
            LAST,
        ),
        page("Home > Local > Council approves harbour bridge", "Council approves harbour bridge", STORY, MORE, LAST),
        page("A drawing of the bridge. Photo: AP", "Share", "Subscribe", STORY, "The bridge in numbers", MORE, LAST),
    ]
    for units in pages:
        body = {u.index for u in units if u.words >= 15}
        for url in (None, "https://example.org/news/council-approves-harbour-bridge"):
            chosen = textmeta.find_title_and_start(units, body, set(), url)[0]
            slug = textmeta.slug_words(url)
            first = min(body)
            facts = textmeta._Page(units, body, set(), DEFAULT_OPTIONS)
            window = [
                u for u in units[: first + 9] if textmeta.title_shape_ok(u.text) and not facts.byline_or_date(u.index)
            ]
            scores = {u.index: textmeta.title_score(units, u.index, first, set(), slug, window, body) for u in window}
            best = max(scores.values())
            expected = (
                min(i for i, score in scores.items() if score == best)
                if best >= DEFAULT_OPTIONS.title_min_score
                else None
            )
            assert chosen == expected


def test_echo_counts_other_lines_that_equal_start_or_end_with_the_line():
    units = page(
        "Harbour bridge approved", "Local > Harbour bridge approved", "Harbour bridge approved | Times", "Old news"
    )
    assert textmeta.echoed(units, 0)
    assert not textmeta.echoed(units, 3)
    units = page("Harbour bridge approved", "The harbour bridge approved by all", "Harbour bridge")
    assert not textmeta.echoed(units, 0)  # a mention inside another line is not an echo
    assert textmeta.echoed(units, 2)  # the start of line 0


def test_content_words_fold_accents_and_skip_short_and_numbers():
    assert textmeta.content_words("Präsidentschaft: Außenminister in Köln 2022, café") == {
        "prasidentschaft",
        "aussenminister",
        "koln",
        "cafe",
    }
    assert textmeta.content_words("The US-China talks in 2022") == {"the", "china", "talks"}


def test_headline_keeps_its_subtitle_and_loses_the_site_name():
    units = page("Menu", "Council approves harbour bridge – a vote for the old town", STORY, MORE, LAST)
    assert (
        meta(units, url="https://www.example.org/bridge").title
        == "Council approves harbour bridge – a vote for the old town"
    )
    units = page("Menu", "Council approves harbour bridge – Example", STORY, MORE, LAST)
    assert meta(units, url="https://www.example.org/bridge").title == "Council approves harbour bridge"


def test_headline_without_a_breadcrumb_trail_or_a_kicker_the_page_shows_apart():
    units = page("Home / Local / Politics / Council approves harbour bridge", STORY, MORE, LAST)
    assert meta(units).title == "Council approves harbour bridge"
    kicker = page(
        "Menu",
        "Harbour vote Council approves harbour bridge",
        STORY,
        MORE,
        LAST,
        "Council approves harbour bridge - City Times",
    )
    assert meta(kicker).title == "Council approves harbour bridge"
    # `Kicker: Headline` reads as one headline; without the headline shown apart nothing is dropped
    colon = page(
        "Menu",
        "Harbour vote: Council approves harbour bridge",
        STORY,
        MORE,
        LAST,
        "Council approves harbour bridge - City Times",
    )
    assert meta(colon).title == "Harbour vote: Council approves harbour bridge"
    alone = page("Menu", "Harbour vote Council approves harbour bridge", STORY, MORE, LAST)
    assert meta(alone).title == "Harbour vote Council approves harbour bridge"


def test_a_byline_with_a_by_word_wins_over_a_nearer_capitalised_line():
    units = page(
        "Council approves harbour bridge", "Related Topics", "Published 4 Feb 2022", "Von Jane Doe", STORY, MORE, LAST
    )
    assert meta(units).authors == ["Jane Doe"]
    units = page("Council approves harbour bridge", "Jane Doe", STORY, MORE, LAST)
    assert meta(units).authors == ["Jane Doe"]


def test_a_dated_line_ending_in_a_full_stop_is_still_a_header_date():
    units = page("Council approves harbour bridge", "Wednesday, 11 May 2022 - 3:40 a.m.", STORY, MORE, LAST)
    assert meta(units).date == "2022-05-11T03:40"


def test_dateline_dates_a_page_without_a_header_date():
    lead = "Kassel, 3. März 2021 - " + STORY
    assert meta(page("Council approves harbour bridge", lead, MORE, LAST)).date == "2021-03-03"
    # a date further into the paragraph is a date the story mentions
    quoted = "The council first discussed the bridge on 3 March 2019 and approved it this week after a long debate."
    assert meta(page("Council approves harbour bridge", quoted, MORE, LAST)).date is None


def test_date_line_after_the_story_dates_an_undated_header():
    units = page(
        "Council approves harbour bridge", STORY, MORE, LAST, "Share", "Print", "Tags", "Bridges", "Datum: 19.11.2021"
    )
    assert meta(units).date == "2021-11-19"


def test_a_cookie_banner_or_skip_link_is_not_the_headline():
    units = page("Diese Webseite verwendet Cookies", "Council approves harbour bridge", "Menu", STORY, MORE, LAST)
    assert meta(units).title == "Council approves harbour bridge"
    units = page("Zum Inhalt springen", "Council approves harbour bridge", STORY, MORE, LAST)
    assert meta(units).title == "Council approves harbour bridge"


def test_a_notice_kept_far_above_the_story_does_not_hide_the_headline():
    notice = (
        "Thank you for visiting our site. You are using a browser version with limited support for CSS, "
        "please update it."
    )
    menu = [
        "Menu",
        "Subscribe",
        "Search",
        "Login",
        "World",
        "Science",
        "Opinion",
        "Video",
        "Podcasts",
        "Events",
        "Jobs",
        "Shop",
    ]
    units = page(notice, *menu, "News", "24 September 2019", "Council approves harbour bridge", STORY, MORE, LAST)
    found = meta(units)
    assert found.title == "Council approves harbour bridge"
    assert found.date == "2019-09-24"


def test_a_short_bracketed_label_may_open_the_headline():
    units = page("Home", "(16) Council approves harbour bridge after long debate", STORY, MORE, LAST)
    assert meta(units).title == "(16) Council approves harbour bridge after long debate"
    units = page("Home", "[Local news] Council approves harbour bridge", STORY, MORE, LAST)
    assert meta(units).title == "[Local news] Council approves harbour bridge"
    units = page("(Photo: the harbour bridge as it will look from the old town pier)", "Share", STORY, MORE, LAST)
    assert meta(units).title is None


def test_a_name_under_a_by_word_line_after_the_story_is_the_author():
    units = page("Council approves harbour bridge", STORY, MORE, LAST, "Share", "Von:", "Jörg Falke", "Most read")
    assert meta(units).authors == ["Jörg Falke"]


def test_a_capitalised_line_above_the_headline_is_not_a_byline():
    units = page("Log Out", "Council approves harbour bridge", STORY, MORE, LAST)
    assert meta(units).authors == []


def test_a_labelled_byline_inside_or_after_the_story_names_the_author():
    units = page("Council approves harbour bridge", STORY, MORE, "Autor: Rechtsanwalt Lars Berger", LAST)
    assert meta(units).authors == ["Lars Berger"]
    units = page("Council approves harbour bridge", STORY, MORE, LAST, "Written by: Eva Lindner")
    assert meta(units).authors == ["Eva Lindner"]
    # an unlabelled name inside the story (past its opening) is not the author
    later = "The mayor said the city would publish the contracts for the bridge once the court has ruled on them."
    units = page(
        "Council approves harbour bridge", STORY, MORE, LAST, "Jane Doe", later, LAST.replace("Opponents", "Critics")
    )
    assert meta(units).authors == []


def test_a_date_and_byline_joined_to_the_standfirst_by_unwrapping():
    standfirst = "The old town gets its bridge after all. 03.05.2021, 09:15 Uhr von Lars Berger"
    found = meta(page("Council approves harbour bridge", standfirst, STORY, MORE, LAST))
    assert (found.date, found.authors) == ("2021-05-03T09:15", ["Lars Berger"])
    # a date inside the paragraph's last sentence is the story's
    told = "The old town gets the bridge the council first planned on 02.02.2019."
    assert meta(page("Council approves harbour bridge", told, STORY, MORE, LAST)).date is None


def test_a_labelled_byline_wins_over_a_line_of_capitalised_words():
    units = page("Council approves harbour bridge", "Kiosk Finden", STORY, MORE, LAST, "Written by: Eva Lindner")
    assert meta(units).authors == ["Eva Lindner"]
    # and is found between the header and the story's first paragraph
    filler = [
        "Share",
        "Print",
        "Email",
        "Save",
        "Comments",
        "Listen",
        "Gift",
        "Follow",
        "More",
        "Tags",
        "Topics",
        "Local",
    ]
    units = page("Council approves harbour bridge", *filler, "Written by: Eva Lindner", STORY, MORE, LAST)
    assert meta(units).authors == ["Eva Lindner"]


def test_a_blogs_dated_meta_line_under_the_headline_names_its_user():
    units = page("Council approves harbour bridge", "28. Januar 2015 jdoe Schreibe einen Kommentar", STORY, MORE, LAST)
    found = meta(units)
    assert found.authors == ["jdoe"]
    assert found.date == "2015-01-28"


def test_a_signature_line_with_a_by_word_after_the_story():
    units = page(
        "Council approves harbour bridge",
        STORY,
        MORE,
        LAST,
        "Von J. D. am 07.08.2013 um 09:07 Uhr gespeichert unter Politik",
        "Bisher keine Kommentare",
    )
    assert meta(units).authors == ["J. D."]


def test_a_first_name_a_handle_or_the_newsroom_on_the_line_after_a_by_word_line():
    for name in ("Robert", "harbor77", "Redaktion"):
        units = page("Council approves harbour bridge", "Von", name, "31. Dezember 2019", STORY, MORE, LAST)
        assert meta(units).authors == [name]
    units = page("Council approves harbour bridge", "Von", "Share", STORY, MORE, LAST)
    assert meta(units).authors == []


def test_after_the_story_a_labelled_byline_wins_and_a_by_word_line_is_no_name():
    units = page(
        "Council approves harbour bridge", STORY, MORE, LAST, "Parkhotel Rheinblick", "Share", "Autor: Jane Doe"
    )
    assert meta(units).authors == ["Jane Doe"]
    units = page("Council approves harbour bridge", STORY, MORE, LAST, "Erstellt von Jane Doe")
    assert meta(units).authors == ["Jane Doe"]


def test_a_chinese_editor_label_names_the_author():
    units = page("Council approves harbour bridge", STORY, MORE, LAST, "责任编辑：王小明")
    assert meta(units).authors == ["王小明"]


def test_a_signature_with_its_role_glued_on():
    units = page("Council approves harbour bridge", STORY, MORE, LAST, "Avatar photo", "Jane DoeStaff Writer")
    assert meta(units).authors == ["Jane Doe"]


def test_a_link_to_the_writers_other_pieces_names_the_author_when_nothing_else_does():
    units = page("Council approves harbour bridge", STORY, MORE, LAST, "Share", "Mehr über Jane Doe", "Newsletter")
    assert meta(units).authors == ["Jane Doe"]
    units = page(
        "Council approves harbour bridge", STORY, MORE, LAST, "Zum Profil von jdoe", "Weitere Rezepte von jdoe"
    )
    assert meta(units).authors == ["jdoe"]
    units = page("Council approves harbour bridge", STORY, MORE, LAST, "More from our network")
    assert meta(units).authors == []
    units = page("Council approves harbour bridge", "By John Roe", STORY, MORE, LAST, "More articles by Jane Doe")
    assert meta(units).authors == ["John Roe"]


def test_the_copyright_holder_is_the_author_when_nothing_else_names_one():
    units = page("Council approves harbour bridge", STORY, MORE, LAST, "Impressum", "©2020 - Jane Doe - RENT A BIKE®")
    assert meta(units).authors == ["Jane Doe"]
    units = page(
        "Council approves harbour bridge", STORY, MORE, LAST, "Copyright (c) 2012- Jane Doe. All rights reserved."
    )
    assert meta(units).authors == ["Jane Doe"]
    units = page("Council approves harbour bridge", STORY, MORE, LAST, "© 2023 Example Media GmbH")
    assert meta(units).authors == []
    units = page("Council approves harbour bridge", "By John Roe", STORY, MORE, LAST, "© Jane Doe")
    assert meta(units).authors == ["John Roe"]


def test_a_name_written_twice_is_one_name():
    units = page("Council approves harbour bridge", "Jana Novak Jana Novak", STORY, MORE, LAST)
    assert meta(units).authors == ["Jana Novak"]


def test_updated_loses_to_published():
    units = page("Council approves harbour bridge", "Updated 6 Feb 2022", "Published 4 Feb 2022", STORY, MORE, LAST)
    assert meta(units).date == "2022-02-04"


def test_date_inside_the_story_is_never_taken_and_url_date_is_a_fallback():
    quoted = (
        "The council first discussed the bridge on 3 March 2019, "
        "when the plans were shown to residents for the first time."
    )
    units = page("Council approves harbour bridge", STORY, quoted, LAST)
    assert meta(units).date is None
    assert meta(units, url="https://example.org/2022/02/04/bridge").date == "2022-02-04"


def test_lone_name_after_the_story_and_credit_fallback():
    units = page("Council approves harbour bridge", STORY, MORE, LAST, "Christi C. Elwood", "Share this")
    assert meta(units).authors == ["Christi C. Elwood"]
    credit = (
        "Jeong reported from Seoul. Rauhala reported from Brussels, "
        "and colleagues in London contributed to this report."
    )
    units = page("Council approves harbour bridge", STORY, MORE, credit)
    assert meta(units).authors == ["Jeong", "Rauhala"]


def test_names_in_sidebars_far_from_the_headline_are_not_authors():
    units = page(
        "Council approves harbour bridge",
        STORY,
        MORE,
        LAST,
        "Share",
        "Comments",
        "Read more",
        "Comments (2)",
        "John Commenter",
    )
    assert meta(units).authors == []


def test_only_the_first_and_last_body_units_matter():
    # The body finder may keep a stray short line: the header is still found.
    units = page("Council approves harbour bridge", "von Lukas Brandt", STORY, MORE, LAST)
    found = meta(units, body=[1, 2, 3, 4])
    assert found.title == "Council approves harbour bridge"
    assert found.authors == ["Lukas Brandt"]


def test_no_body_gives_only_what_rules_and_prefix_found():
    units = page("Council approves harbour bridge")
    found = textmeta.find_text_metadata(units, [], set(), prefix_date="2022-02-03", rule_authors=["A B"])
    assert (found.title, found.authors, found.date) == (None, ["A B"], "2022-02-03")


SITE_RULES = """
[[rule]]
id = "example-byline"
description = "example.org writes its byline as 'Text: NAME'"
regex = '^Text: (?P<author>.+)$'
action = "byline"
sites = ["example.org"]
examples.match = ["Text: Jane Doe"]

[[rule]]
id = "example-date"
description = "example.org writes its date as 'Stand: DD.MM.YYYY'"
regex = '^Stand: (?P<date>\\d\\d\\.\\d\\d\\.\\d{4})'
action = "date"
sites = ["example.org"]
examples.match = ["Stand: 04.02.2022"]
"""


def test_site_rules_give_byline_and_date(tmp_path: Path):
    (tmp_path / "site.toml").write_text(SITE_RULES, encoding="utf-8")
    rules = load_rules([tmp_path], builtin=False)
    capture = "\n\n".join(["Council approves harbour bridge", "Text: Jane Doe", "Stand: 04.02.2022", STORY, MORE, LAST])
    verdicts = apply_text_rules(split_units(capture), rules.for_host("www.example.org"))
    assert verdicts.authors == ["Jane Doe"] and verdicts.date == "2022-02-04"
    article = Cleaner(rules=rules).clean(capture, url="https://www.example.org/story")
    assert article.authors == ["Jane Doe"] and article.date == "2022-02-04"
    assert "Text: Jane Doe" not in article.body and "Stand:" not in article.body
    # on another site the rules do not apply
    other = apply_text_rules(split_units(capture), rules.for_host("other.net"))
    assert (other.authors, other.date, other.roles) == ([], None, {})


def test_a_byline_rule_credits_a_handle_too():
    # the built-in rule for a blog theme's meta line: its author group is a user's handle
    capture = "\n\n".join(["Ins neue Jahr", "Filed under: Alltag,Schreiben — evlin @ 00:11", STORY, MORE, LAST])
    article = Cleaner().clean(capture)
    assert article.authors == ["evlin"]
    assert "Filed under" not in article.body


def test_a_short_credit_sentence_under_the_headline_is_a_byline():
    credit = "Ein Interview von Jane Doe mit John Roe."
    units = page("Council approves harbour bridge", credit, STORY, MORE, LAST)
    assert meta(units).authors == ["Jane Doe"]
    # a standfirst that mentions someone with `von` is about them, not by them
    standfirst = "Das Imperium von John Roe ist angeschlagen. Jetzt zeigen Zahlen die Sorgen."
    units = page("Council approves harbour bridge", standfirst, STORY, MORE, LAST)
    assert meta(units).authors == []


def test_the_headline_shown_again_under_it_is_no_byline():
    units = page(
        "Home » News » Jane Doe – Staatsanwaltschaft hat Beweise vorgelegt",
        "Jane Doe – Staatsanwaltschaft hat Beweise vorgelegt",
        "jdoe — 2. Februar 2022",
        STORY,
        MORE,
        LAST,
    )
    found = meta(units)
    assert found.title == "Jane Doe – Staatsanwaltschaft hat Beweise vorgelegt"
    assert found.authors == ["jdoe"]


def test_the_site_name_run_into_the_byline_is_dropped():
    units = page(
        "Council approves harbour bridge", "Veröffentlicht am 03.02.2022 von Jane Doe Harbour Times", STORY, MORE, LAST
    )
    assert meta(units, url="https://www.harbourtimes.example/news/bridge").authors == ["Jane Doe"]
    # without the address, or when the address names another site, the words stay
    assert meta(units).authors == ["Jane Doe Harbour Times"]
    # a single word matching the address may be the writer's own surname on their own site
    units = page("Council approves harbour bridge", "Von Anna Maria Schmidt", STORY, MORE, LAST)
    assert meta(units, url="https://schmidt.example/bridge").authors == ["Anna Maria Schmidt"]


def test_a_credit_line_whose_verb_says_what_it_is_names_the_author_inside_the_story():
    units = page("Council approves harbour bridge", STORY, MORE, "Posted by Jane Doe, Project Marketing, Example", LAST)
    assert meta(units).authors == ["Jane Doe"]
    units = page("Council approves harbour bridge", STORY, MORE, LAST, "Gespeichert von jdoe am 24. Juli 2017 - 18:55")
    assert meta(units).authors == ["jdoe"]
    units = page("Council approves harbour bridge", STORY, MORE, "Das Gespräch führte Jane Doe.", LAST)
    assert meta(units).authors == ["Jane Doe"]
    # the same verbs in a sentence of the story name no one
    units = page(
        "Council approves harbour bridge", STORY, "Das Gespräch führte zu nichts.", "Posted by the council", MORE, LAST
    )
    assert meta(units).authors == []


def test_a_lone_name_line_next_to_the_date_line_is_the_byline():
    # above the headline, over a dump's bullets, where a line of capitalised words alone is a menu
    units = page("Menu", "Jane Doe", "•", "•", "2. Okt. 2022", "Council approves harbour bridge", STORY, MORE, LAST)
    assert meta(units).authors == ["Jane Doe"]
    units = page("Menu", "22.11.2022", "Jane Doe", "Council approves harbour bridge", STORY, MORE, LAST)
    assert meta(units).authors == ["Jane Doe"]
    assert textmeta.name_by_date(units, 1, set()) == (2, ["Jane Doe"])
    # over the links to the writer's profiles, but not over another line of words
    units = page(
        "Menu", "Jane Doe", "Twitter", "E-Mail", "2. Okt. 2022", "Council approves harbour bridge", STORY, MORE, LAST
    )
    assert textmeta.name_by_date(units, 4, set()) == (1, ["Jane Doe"])
    units = page(
        "Menu", "Jane Doe", "Wetter heute", "2. Okt. 2022", "Council approves harbour bridge", STORY, MORE, LAST
    )
    assert textmeta.name_by_date(units, 3, set()) is None


def test_no_name_by_date_from_the_headline_a_sidebar_or_the_story():
    # the headline next to its date is the headline
    units = page("Menu", "22.11.2022", "Harbour Bridge", STORY, MORE, LAST)
    assert textmeta.name_by_date(units, 1, {2}) is None
    # a calendar's date after the story dates an event, and the name next to it is the event's:
    # the signature under the story is the author
    units = page(
        "Council approves harbour bridge",
        STORY,
        MORE,
        LAST,
        "Jane Doe",
        "Share",
        "Veranstaltungen",
        "Sa. 13.11.2021",
        "Erlebnisraum Kirche",
    )
    assert meta(units).authors == ["Jane Doe"]
    # a date and a name inside a sentence of the story are no byline
    dated = (
        "On 4 May 2022 Jane Doe said the council had approved the harbour bridge after a long debate about its cost."
    )
    units = page("Council approves harbour bridge", STORY, dated, MORE, LAST)
    assert meta(units).authors == []


def test_the_newsroom_credited_on_a_byline_line():
    assert textmeta.desk_byline("Posted on 3. März 20213. März 2021Author Redaktion") == ["Redaktion"]
    assert textmeta.desk_byline("Redaktion 3. März 2021 09:15") == ["Redaktion"]
    units = page("Council approves harbour bridge", "Redaktion 3. März 2021 09:15", STORY, MORE, LAST)
    assert meta(units).authors == ["Redaktion"]
    # the desk's name alone is a menu's link; in a sentence it is not a credit
    assert textmeta.desk_byline("Redaktion") == []
    assert textmeta.desk_byline("Die Redaktion empfiehlt 3 Artikel vom 1. Mai 2020") == []
    units = page("Council approves harbour bridge", "Redaktion", STORY, MORE, LAST)
    assert meta(units).authors == []


def test_a_blog_themes_post_meta_sentence_dates_the_post_and_leaves_the_body():
    post_meta = (
        "This entry was posted on Wednesday, November 27th, 2019 at 3:21 pm and is filed under News. "
        "You can follow any responses to this entry through the RSS 2.0 feed."
    )
    capture = "\n\n".join(["Council approves harbour bridge", STORY, MORE, LAST, post_meta, "Leave a Reply"])
    article = Cleaner().clean(capture)
    assert article.date == "2019-11-27"
    assert "posted on" not in article.body and LAST in article.body
    # a story's own sentence about something posted keeps its date to itself
    quoted = "The council's plan was posted on March 3, 2019 and drew hundreds of comments within hours."
    article = Cleaner().clean("\n\n".join(["Council approves harbour bridge", STORY, quoted, MORE, LAST]))
    assert article.date is None and quoted in article.body


def test_a_line_of_capitalised_words_that_opens_with_no_given_name_is_no_author():
    # after the story: a section heading, a firm, a button are not signatures
    for heading in ("Weiterführende Informationen", "Deutscher Beispielverband", "Send Message"):
        units = page("Council approves harbour bridge", STORY, MORE, LAST, heading, "Share this")
        assert meta(units).authors == [], heading
    # under the headline, with no by-word: a heading, not a byline
    units = page("Council approves harbour bridge", "Leichte Sprache", STORY, MORE, LAST)
    assert meta(units).authors == []
    units = page("Council approves harbour bridge", "Lars Berger", STORY, MORE, LAST)
    assert meta(units).authors == ["Lars Berger"]
    # next to the date line, and as a copyright holder
    units = page("Menu", "22.11.2022", "Olympische Winterspiele", "Council approves harbour bridge", STORY, MORE, LAST)
    assert textmeta.name_by_date(units, 1, set()) is None
    units = page("Council approves harbour bridge", STORY, MORE, LAST, "© 2022 Piratenpartei Deutschland")
    assert meta(units).authors == []
    # a by-word says it is a byline: the words after it are a name whatever they open with
    units = page("Council approves harbour bridge", "Von Nuño Domínguez", STORY, MORE, LAST)
    assert meta(units).authors == ["Nuño Domínguez"]


def test_a_by_word_inside_the_only_name_vouches_for_nothing():
    # `von` here is a phrase's preposition, and the whole line reads as one name
    units = page(
        "Council approves harbour bridge", STORY, MORE, LAST, "Gesundheitliche Wirkungen von Lärm", "Share this"
    )
    assert meta(units).authors == []
    # a by-word before the names vouches for them; a particle inside a person's name is a name
    units = page(
        "Council approves harbour bridge", STORY, MORE, LAST, "Von J. D. am 03.05.2021 um 09:15 Uhr", "Share this"
    )
    assert meta(units).authors == ["J. D."]
    units = page("Council approves harbour bridge", STORY, MORE, LAST, "Jana von Berg", "Share this")
    assert meta(units).authors == ["Jana von Berg"]
    # an image placeholder glued before the line is not part of it
    units = page(
        "Council approves harbour bridge", "[warning-icon]PROFESSIONELLE KENNZEICHNUNG VON GEFAHRGUT", STORY, MORE, LAST
    )
    assert meta(units).authors == []


def test_a_glued_signature_after_the_story_needs_a_given_name():
    units = page("Council approves harbour bridge", STORY, MORE, LAST, "Jane DoeStaff Writer", "Share this")
    assert meta(units).authors == ["Jane Doe"]
    units = page("Council approves harbour bridge", STORY, MORE, LAST, "Leichte SpracheShare", "Share this")
    assert meta(units).authors == []


def test_the_line_after_a_credit_for_something_else_is_no_byline():
    units = page("Council approves harbour bridge", STORY, MORE, LAST, "Kommentar von", "Eva Lindner")
    assert meta(units).authors == ["Eva Lindner"]
    units = page("Council approves harbour bridge", STORY, MORE, LAST, "Powered by", "BlinkerBlinker")
    assert meta(units).authors == []


def test_a_label_on_its_own_line_inside_the_story_names_the_author():
    # far below the headline, between the story's paragraphs: the label says what the next line is
    units = page("Council approves harbour bridge", STORY, MORE, STORY, MORE, "Autor", "Jonas Weber,", LAST)
    assert meta(units).authors == ["Jonas Weber"]
    # and it wins over a line of capitalised words under the headline
    units = page(
        "Council approves harbour bridge", "Lars Berger", STORY, MORE, STORY, MORE, "Autor", "Jonas Weber,", LAST
    )
    assert meta(units).authors == ["Jonas Weber"]


def test_the_posts_own_meta_line_after_the_story_may_call_for_comments():
    units = page(
        "Council approves harbour bridge",
        STORY,
        MORE,
        LAST,
        "Mai 4, 2021 von Jana Kategorien: Allgemein | Hinterlasse einen Kommentar",
    )
    assert meta(units).authors == ["Jana"]
    # a comment's header names the comment first: below it are the commenters
    units = page("Council approves harbour bridge", STORY, MORE, LAST, "Kommentar von Jane Doe", "Toller Artikel!")
    assert meta(units).authors == []


def test_an_administrator_account_is_no_author_but_its_line_is_a_byline():
    units = page(
        "Council approves harbour bridge", "von wordpressadmin | Eingetragen bei: politics | 0", STORY, MORE, LAST
    )
    found = meta(units)
    assert found.authors == []
    assert found.used.get(1) == "byline"


TIDE_STORY = "\n\n".join(
    [
        "The town council voted on Tuesday to build a sea wall along the northern beach, after two winters of"
        " storms flooded the lower streets near the harbour.",
        "Residents who spoke at the meeting said they had waited years for the work and asked that it start"
        " before the autumn tides return to the bay.",
        "Engineers expect the wall to take eighteen months to finish and to cost less than the repairs the town"
        " has paid for after each of the last three storms.",
    ]
)

TIDE_FOOTER = "© 2023 The Daily Tide. All rights reserved."


@pytest.mark.parametrize("above", ["", "Home\n\nNews\n\nSport\n\n", "The Daily Tide\n\n"])
def test_a_site_name_the_footer_states_leaves_the_title(above: str) -> None:
    """`Town votes on wall - The Daily Tide` with `© 2023 The Daily Tide` in the footer: the
    suffix is the site's name, even with no URL to tell; a logo line of that name is no headline."""
    dump = f"{above}Town votes on wall - The Daily Tide\n\nBy Jane Doe\n\n{TIDE_STORY}\n\n{TIDE_FOOTER}"
    assert Cleaner().clean(dump).title == "Town votes on wall"


def test_a_dash_suffix_that_is_not_the_stated_site_name_stays() -> None:
    dump = f"Town votes on wall - Residents divided\n\nBy Jane Doe\n\n{TIDE_STORY}\n\n{TIDE_FOOTER}"
    assert Cleaner().clean(dump).title == "Town votes on wall - Residents divided"


# --- the learned headline chooser -------------------------------------------------------------


@pytest.mark.parametrize(
    "above",
    [
        ["The Harbour Gazette", "Local news"],  # the site's name, then a section label
        ["Home", "News", "Sport", "Weather", "Local news"],  # a menu, one line a link
        ["Subscribe to our newsletter", "The Harbour Gazette"],  # a prompt, then the site's name
    ],
)
def test_the_chooser_picks_the_headline_over_site_section_and_menu_lines(above: list[str]) -> None:
    units = page(*above, "Council approves harbour bridge after long debate", "By Jane Doe", STORY, MORE, LAST)
    body = [u.index for u in units if u.words >= 15]
    candidates = textmeta.candidates_for(units, body, set(), options=DEFAULT_OPTIONS)
    # (a choice among the lines above the story, not the only line that could be one)
    assert {c.text for c in candidates} >= {"Council approves harbour bridge after long debate", above[-1]}
    found = meta(units, body=body)
    assert found.title == "Council approves harbour bridge after long debate"
    assert found.used[len(above)] == "title"


def test_a_line_gives_its_parts_as_candidates() -> None:
    """The headline before a section's name that nothing on the page states (`Headline - Local
    News`), and after a kicker (`Harbour: Headline`): each part is a candidate beside the whole line."""
    units = page("Home", "Harbour: Council approves bridge - Local News", "By Jane Doe", STORY, MORE, LAST)
    candidates = textmeta.candidates_for(units, [3, 4, 5], set(), options=DEFAULT_OPTIONS)
    assert {(c.source, c.text) for c in candidates if c.index == 1} >= {
        ("line", "Harbour: Council approves bridge - Local News"),
        ("head", "Harbour: Council approves bridge"),
        ("tail", "Council approves bridge - Local News"),
        ("head", "Harbour"),
        ("tail", "Local News"),
    }


def test_the_chooser_weighs_every_feature_the_candidates_have() -> None:
    """The packaged weights and the candidates' features name the same things (a feature added
    to `title_candidates` and not trained would count nothing)."""
    model = load_title_model()
    assert model is not None
    units = page("The Harbour Gazette", "Local news", "Council approves harbour bridge", "By Jane Doe", STORY, MORE)
    named = {
        name for c in textmeta.candidates_for(units, [4, 5], set(), options=DEFAULT_OPTIONS) for name in c.features
    }
    fixed = {name for name in named if not name.endswith(tuple("0123456789"))}  # (binned features vary by page)
    assert fixed <= set(model.weights)
    assert {name for name in model.weights if not name.endswith(tuple("0123456789"))} <= fixed


def test_with_no_line_that_reads_as_a_headline_there_is_no_title() -> None:
    units = page("(Photo: the harbour bridge as it will look from the old town pier)", "Share", STORY, MORE, LAST)
    assert meta(units).title is None


def _candidates(units, body, lines=None) -> list:
    """The headline candidates around `body`, their features in order (the model sums them in it)."""
    starts = textmeta.story_starts(units, sorted(body), DEFAULT_OPTIONS)
    page = textmeta._page_for(units, set(body), set(), starts, None, DEFAULT_OPTIONS, lines)
    index, first = textmeta.find_title_and_start(units, set(body), set(), None, page, starts, options=DEFAULT_OPTIONS)
    return [
        (c.index, c.text, c.source, list(c.features.items())) for c in textmeta.title_candidates(page, index, first)
    ]


def test_a_search_reading_an_earlier_ones_lines_finds_what_a_search_of_its_own_does() -> None:
    """The search around the settled body's core takes what the first search read of the lines
    (`CaptureLines`): its candidates, their features in order, its headline, byline and date
    are those a search of its own finds."""
    units = page(
        "Home",
        "Harbour: Council approves bridge - Local News",
        "By Jane Doe",
        "4 Feb 2022",
        STORY,
        MORE,
        LAST,
        "JOHN ROE",
    )
    lines = textmeta.CaptureLines(units, set(), None, DEFAULT_OPTIONS)
    assert _candidates(units, [4, 5, 6], lines) == _candidates(units, [4, 5, 6])
    assert lines.title_lines  # the first search left what it read
    assert _candidates(units, [5, 6], lines) == _candidates(units, [5, 6])
    for body in ([4, 5, 6], [5, 6], [4, 5]):
        found = textmeta.find_text_metadata(units, body, set(), lines=lines)
        assert found == textmeta.find_text_metadata(units, body, set())
        assert found.title


def test_a_search_over_a_rewritten_line_reads_the_lines_afresh() -> None:
    """A settling pass may rewrite a line (a capture tool's prefix cut): what was read of the
    old line is not taken for the new one."""
    units = page("Home", "Council approves bridge", "By Jane Doe", STORY, MORE, LAST)
    lines = textmeta.CaptureLines(units, set(), None, DEFAULT_OPTIONS)
    assert textmeta.find_text_metadata(units, [3, 4, 5], set(), lines=lines).authors == ["Jane Doe"]
    units[2].text = "By John Roe"
    assert not lines.fits(units, set(), None, DEFAULT_OPTIONS)
    assert textmeta.find_text_metadata(units, [3, 4, 5], set(), lines=lines).authors == ["John Roe"]
