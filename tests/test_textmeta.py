"""Where a text dump's headline, byline and date are: textmeta.py's helpers on small readable pages.
What a whole dump gives as title, authors and date is in tests/cases/metadata/ (text-*)."""

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


def test_the_header_lines_taken_are_marked_used():
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
    assert meta(units).used == {2: "title", 3: "byline", 4: "date"}


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
    capture = "\n\n".join(["Ein Winter am Meer", "Filed under: Garten,Lesen — marlo @ 00:11", STORY, MORE, LAST])
    article = Cleaner().clean(capture)
    assert article.authors == ["marlo"]
    assert "Filed under" not in article.body


def test_a_lone_name_line_next_to_the_date_line_is_the_byline():
    # (the whole dumps: text-lone-name-above-bullets-and-the-date, text-lone-name-under-the-date-line)
    units = page("Menu", "22.11.2022", "Jane Doe", "Council approves harbour bridge", STORY, MORE, LAST)
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


def test_no_name_by_date_from_the_headline():
    # the headline next to its date is the headline
    units = page("Menu", "22.11.2022", "Harbour Bridge", STORY, MORE, LAST)
    assert textmeta.name_by_date(units, 1, {2}) is None
    # (an event's date after the story, a date and name in a sentence: text-event-date-after-the-story-leaves-
    # the-signature, text-date-and-name-in-a-sentence-are-no-byline)


def test_the_newsroom_credited_on_a_byline_line():
    assert textmeta.desk_byline("Posted on 3. März 20213. März 2021Author Redaktion") == ["Redaktion"]
    assert textmeta.desk_byline("Redaktion 3. März 2021 09:15") == ["Redaktion"]
    # the desk's name alone is a menu's link; in a sentence it is not a credit
    assert textmeta.desk_byline("Redaktion") == []
    assert textmeta.desk_byline("Die Redaktion empfiehlt 3 Artikel vom 1. Mai 2020") == []


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


def test_a_line_of_capitalised_words_that_opens_with_no_given_name_is_no_name_by_the_date():
    units = page("Menu", "22.11.2022", "Regionale Wochenmärkte", "Council approves harbour bridge", STORY, MORE, LAST)
    assert textmeta.name_by_date(units, 1, set()) is None


def test_an_administrator_accounts_line_is_a_byline():
    # (that it names no author: text-administrator-account-is-no-author)
    units = page(
        "Council approves harbour bridge", "von siteadmin | Eingetragen bei: Stadtleben | 0", STORY, MORE, LAST
    )
    assert meta(units).used.get(1) == "byline"


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
    assert meta(units, body=body).used[len(above)] == "title"  # (the title: text-chooser-picks-the-headline-*)


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

    # (binned features vary by page; a web browser's text gives every feature again, `_browser`)
    def fixed(names: set[str]) -> set[str]:
        return {name.removesuffix("_browser") for name in names if not name.removesuffix("_browser")[-1:].isdigit()}

    assert fixed(named) <= fixed(set(model.weights))
    assert fixed(set(model.weights)) <= fixed(named)
    assert {f"{name}_browser" for name in fixed(named)} <= set(model.weights)


def test_a_text_browsers_dump_is_told_from_a_web_browsers_text() -> None:
    """w3m draws a list's items with indented bullet marks, wrapped at 80 columns or not; a web
    browser's innerText writes them as bare lines: the chooser weighs the two layouts apart."""
    lines = ["Harbour Gazette", "Council approves harbour bridge", STORY, MORE]
    menu = ["  • News", "  • Sport", "  • Weather"]
    w3m = split_units("\n\n".join(lines[:2]) + "\n\n" + "\n".join(menu) + "\n\n" + "\n\n".join(lines[2:]) + "\n")
    inner = split_units("\n".join([lines[0], *(item.strip(" •") for item in menu), *lines[1:]]) + "\n")
    assert textmeta._Page(w3m, set(), set(), DEFAULT_OPTIONS).text_browser_layout
    assert not textmeta._Page(inner, set(), set(), DEFAULT_OPTIONS).text_browser_layout
    body = [unit.index for unit in inner if unit.words >= 15]
    features = textmeta.candidates_for(inner, body, set(), options=DEFAULT_OPTIONS)[0].features
    assert features["blank_before_browser"] == features["blank_before"]
    body = [unit.index for unit in w3m if unit.words >= 15]
    assert not any(
        name.endswith("_browser")
        for name in textmeta.candidates_for(w3m, body, set(), options=DEFAULT_OPTIONS)[0].features
    )


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


def test_the_chooser_reads_fully_only_candidates_that_can_win_and_picks_as_scoring_all_does() -> None:
    """`best_candidate` works out the costliest features (echoes, byline and date lines around,
    a stated site name, a line shown alone) only for candidates whose bound reaches the best
    score so far: each bound is at least its candidate's score, and the pick is `model.best`'s
    over all of `title_candidates`, on a text browser's dump and on a web browser's text."""
    model = load_title_model()
    assert model is not None
    header = [
        "Harbour Gazette",
        "News",
        "Sport",
        "Weather for the weekend",
        "Harbour bridge wins approval | Harbour Gazette",
        "Home > News > Harbour bridge wins approval",
        "Harbour bridge wins approval",
        "By Jane Doe",
        "4 Feb 2022",
    ]
    footer = ["Harbour bridge wins approval", "Read more", "Sign in", "© 2022 Harbour Gazette"]
    menu = ["  • News", "  • Sport", "  • Weather"]  # (w3m draws a list's items with indented bullet marks)
    w3m = split_units(
        "\n\n".join(header[:1])
        + "\n\n"
        + "\n".join(menu)
        + "\n\n"
        + "\n\n".join([*header[1:], STORY, MORE, LAST, *footer])
        + "\n"
    )
    inner = split_units("\n".join([*header, STORY, MORE, LAST, *footer]) + "\n")
    pruned = 0
    for units in (w3m, inner):
        body = [u.index for u in units if u.words >= 15]
        starts = textmeta.story_starts(units, body, DEFAULT_OPTIONS)
        search = textmeta._page_for(
            units, set(body), set(), starts, "https://example.org/harbour-bridge", DEFAULT_OPTIONS
        )
        index, first = textmeta.find_title_and_start(units, set(body), set(), None, search, starts)
        candidates = textmeta.title_candidates(search, index, first)
        scores = [model.score(c.features) for c in candidates]
        drafts = textmeta._drafts(search, index, first)
        bounds = textmeta._bounds(search, drafts, first, textmeta._tops(drafts), model)
        assert len(bounds) == len(scores) > 5
        assert all(bound >= score for bound, score in zip(bounds, scores, strict=True))
        pruned += sum(bound < max(scores) for bound in bounds)
        expected = candidates[model.best([c.features for c in candidates])]
        best = textmeta.best_candidate(search, index, first, model)
        assert best is not None
        assert (best.index, best.text, best.features) == (expected.index, expected.text, expected.features)
    assert pruned > 0  # the bounds leave out some candidates
    assert textmeta._Page(w3m, set(), set(), DEFAULT_OPTIONS).text_browser_layout
    assert not textmeta._Page(inner, set(), set(), DEFAULT_OPTIONS).text_browser_layout


def test_a_text_shown_alone_is_found_as_looking_through_the_whole_page_finds_it() -> None:
    """`shown_alone` reads an index of the page's lines and of their parts next to a separator;
    it answers as the search of every occurrence in the page does, for every part of every line."""
    units = page(
        "Harbour Gazette",
        "News: Council approves harbour bridge",
        "Council approves harbour bridge - Harbour Gazette",
        "Sport | Weather | Harbour bridge",
        "Council approves harbour bridge",
        "Read more: council approves harbour bridge : opinion",
        "Mehr zu: Brücke - Council approves harbour bridge",
        STORY,
        MORE,
    )
    search = textmeta._Page(units, set(), set(), DEFAULT_OPTIONS)
    folded = [unit.text.casefold() for unit in units]
    keys = {
        line[start:stop] for line in folded for start in range(len(line)) for stop in range(start + 1, len(line) + 1)
    }
    answers = {}
    for key in keys:
        for own in (folded[1], folded[4], "no such line"):
            for kicker in ("", "mehr zu", "news"):
                answers[key, own, kicker] = search.shown_alone(key, own, kicker)
                assert answers[key, own, kicker] == search._shown_alone_slowly(key, own, kicker), (key, own, kicker)
    assert answers["council approves harbour bridge", folded[4], ""]  # after `News:`, before ` - Harbour Gazette`
    assert answers["harbour bridge", "no such line", ""]  # after ` | `
    assert not answers["approves harbour", "no such line", ""]  # inside a line


def test_the_quick_capitalised_word_test_agrees_with_the_pattern_on_every_first_character() -> None:
    firsts = (chr(code) for code in range(0x30000) if not 0xD800 <= code <= 0xDFFF)
    words = [first + tail for first in firsts for tail in ("x", "X")]
    assert [textmeta._capitalised(word) for word in words] == [bool(textmeta._UPPER_START.match(w)) for w in words]
    assert textmeta._capitalised("Harbour") and textmeta._capitalised("«Harbour") and textmeta._capitalised("Ärger")
    assert (
        not textmeta._capitalised("harbour") and not textmeta._capitalised("2022") and not textmeta._capitalised("_X")
    )
