"""Consent banners (rules/consent.toml, html-cookie-consent) are chrome; a story about cookies is not.

Every capture here is invented."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, NoArticleError

BANNER = [
    "We value your privacy",
    "We and our 212 partners store and/or access information on a device, such as cookies, and process"
    " personal data, such as unique identifiers and standard information sent by a device, for personalised"
    " advertising and content, advertising and content measurement, audience research and services development.",
    "With your permission we and our partners may use precise geolocation data and identification through"
    " device scanning. You may click to consent to our and our partners' processing as described above.",
    "We use cookies to make this site work and to measure how it is read. You can change your preferences at any"
    " time in our privacy centre.",
    "By continuing to browse this site, you agree to our use of cookies and to our privacy policy.",
    "MORE OPTIONS",
    "AGREE",
]

COOKIE_LAW_STORY = [
    "Harbour town shops fined over cookie banners",
    "The data protection authority fined four harbour town retailers on Tuesday for setting advertising cookies"
    " before visitors to their websites had agreed to them, the first penalties under the new consent rules.",
    "Under the rules, a website must ask for consent before it stores tracking cookies on a visitor's device,"
    " and refusing must be as easy as accepting, the authority said in its decision.",
    "Inspectors found that two of the shops showed a banner with a single button to accept all cookies, while"
    " the option to refuse was hidden three clicks deep in a settings page.",
    "The retailers' association said its members would change their websites within a month, but called the"
    " fines out of proportion for small businesses that rely on an outside developer.",
    "Consumer groups welcomed the decision and said they would watch whether the largest online shops, which"
    " use the same consent software, change their banners too.",
]

BISCUIT_RECIPE = [
    "Brown butter cookies",
    "We use browned butter for these cookies because it gives them a deep, nutty flavour that plain butter"
    " cannot match, and a crisp edge around a soft middle.",
    "Melt the butter in a small pan over medium heat and keep stirring until it smells of toasted nuts and the"
    " solids at the bottom turn a deep golden brown, then let it cool for ten minutes.",
    "Whisk in both sugars and the egg, fold in the flour, salt and baking soda, and chill the dough for at least"
    " an hour so the cookies hold their shape in the oven.",
]


def text_capture(*blocks: list[str]) -> str:
    return "\n\n".join(line for block in blocks for line in block)


def html_capture(body: str, title: str = "Harbour Gazette") -> str:
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>"


def paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def assert_no_banner_prose(body: str) -> None:
    for line in BANNER[1:5]:
        assert line[:60] not in body


def body_or_nothing(cleaner: Cleaner, capture: str, kind: str) -> str:
    """The body, or "" when the pipeline finds no article (either outcome is right for a wall)."""
    try:
        return cleaner.clean(capture, kind=kind).body
    except NoArticleError:
        return ""


def test_a_text_cookie_wall_yields_no_consent_article(cleaner):
    wall = text_capture(["Harbour Gazette"], BANNER, ["Privacy Policy | Terms of Use"])
    assert_no_banner_prose(body_or_nothing(cleaner, wall, "text"))


def test_an_html_cookie_wall_yields_no_consent_article(cleaner):
    wall = (
        f'<div id="consent-wall" role="dialog"><h2>{BANNER[0]}</h2>{paragraphs(BANNER[1:5])}'
        "<button>AGREE</button></div>"
    )
    assert_no_banner_prose(body_or_nothing(cleaner, html_capture(wall), "html"))


@pytest.mark.parametrize("layout", ["banner-first", "banner-last"])
def test_a_story_keeps_its_paragraphs_and_loses_the_banner(cleaner, layout):
    story = COOKIE_LAW_STORY
    blocks = (BANNER, story) if layout == "banner-first" else (story, BANNER)
    body = cleaner.clean(text_capture(["Harbour Gazette"], *blocks), kind="text").body
    assert_no_banner_prose(body)
    for line in story[1:]:
        assert line in body


def test_a_text_story_about_cookie_law_keeps_every_paragraph(cleaner: Cleaner):
    body = cleaner.clean(text_capture(["Harbour Gazette | News"], COOKIE_LAW_STORY), kind="text").body
    for line in COOKIE_LAW_STORY[1:]:
        assert line in body


def test_an_html_story_about_cookie_law_keeps_every_paragraph_and_loses_the_consent_manager(cleaner):
    consent_manager = (
        '<div id="cliSettingsPopup" class="cli-modal" role="dialog"><h3>Privacy Overview</h3>'
        "<p>Necessary cookies are absolutely essential for the website to function properly and are stored"
        " in your browser without asking.</p></div>"
    )
    page = f"<article><h1>{COOKIE_LAW_STORY[0]}</h1>{paragraphs(COOKIE_LAW_STORY[1:])}</article>{consent_manager}"
    body = cleaner.clean(html_capture(page, COOKIE_LAW_STORY[0]), kind="html").body
    for line in COOKIE_LAW_STORY[1:]:
        assert line in body
    assert "Necessary cookies" not in body


def test_a_cookie_recipe_is_not_consent(cleaner):
    body = cleaner.clean(text_capture(["Harbour Kitchen"], BISCUIT_RECIPE), kind="text").body
    for line in BISCUIT_RECIPE[1:]:
        assert line in body
