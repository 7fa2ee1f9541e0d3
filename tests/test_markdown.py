"""Plain-text captures saved as Markdown (html2text and the like) read as the text they show."""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.text.markdown import looks_like_markdown, plain_from_markdown

STORY = [
    "The harbour board voted on Tuesday to rebuild the old ferry pier, ending two years of"
    " argument about whether the crumbling structure should be torn down or restored for the town.",
    "Engineers told the board that the pilings could be saved if work starts before the winter"
    " storms, and that the cost would be about a third of a new pier built from scratch.",
    "Residents who had campaigned for the pier filled the meeting room and cheered when the"
    " vote was read out, while two members said they still doubted the estimate.",
    "Work is expected to begin in the spring, and the ferry will use a temporary landing"
    " stage further along the quay until the rebuilt pier opens to passengers again.",
]

MARKDOWN_PAGE = "\n".join(
    [
        "  * [Home](https://news.example/)",
        "  * [Local](https://news.example/local)",
        "  * [Sport](https://news.example/sport)",
        "  * [Weather](https://news.example/weather)",
        "",
        "# Harbour board votes to rebuild the old ferry pier",
        "",
        "![The ferry pier at low tide](https://img.example/pier.jpg)",
        "",
        STORY[0].replace("ferry pier", "[ferry pier](https://news.example/tags/pier)", 1),
        "",
        "**" + STORY[1] + "**",
        "",
        "## What happens next",
        "",
        STORY[2].replace("meeting room", '[meeting room](https://news.example/hall "Town hall")', 1),
        "",
        STORY[3],
        "",
        "  * [Contact us](https://news.example/contact)",
        "  * [Privacy](https://news.example/privacy)",
    ]
)


def test_a_markdown_capture_gives_its_story_without_link_addresses_or_marks(cleaner: Cleaner):
    article = cleaner.clean(MARKDOWN_PAGE, kind="text")
    for paragraph in STORY:
        assert paragraph in article.body
    assert "](" not in article.body and "https://" not in article.body and "**" not in article.body
    assert article.title == "Harbour board votes to rebuild the old ferry pier"


def test_a_cleaned_markdown_capture_cleans_to_itself(cleaner: Cleaner):
    body = cleaner.clean(MARKDOWN_PAGE, kind="text").body
    assert cleaner.clean(body, kind="text").body == body


def test_the_marks_go_and_every_line_stays_on_its_own_line():
    page = "## A [linked](https://a.example/x_(y)) word\n![alt](https://a.example/i.png)\n1\\. **bold** and __strong__"
    plain = plain_from_markdown(page)
    assert plain.split("\n") == ["A linked word", "", "1. bold and strong"]


def test_a_dump_that_prints_a_few_markdown_links_is_not_markdown():
    lines = [f"Line {number} of a text browser's dump of a long page." for number in range(400)]
    lines[10] = "See [the guide](https://docs.example/guide) and [the notes](https://docs.example/notes)."
    lines[11] = "Also [the list](https://docs.example/list) and [the index](https://docs.example/index)."
    dump = "\n".join(lines)
    assert not looks_like_markdown(dump)
    # the same links on a short page are most of it: Markdown
    assert looks_like_markdown("\n".join(lines[8:14]))
    assert not looks_like_markdown("[one](https://a.example/1) [two](https://a.example/2)")


def test_a_link_or_image_wrapped_over_two_lines_goes_and_the_lines_stay():
    page = (
        "The council [voted on the\nharbour plan](https://a.example/plan) today.\n"
        "![a wide\nphoto](https://a.example/p.jpg) Caption"
    )
    plain = plain_from_markdown(page)
    assert plain.split("\n") == ["The council voted on the", "harbour plan today.", "", " Caption"]
    # a blank line ends a link's text: an unclosed bracket is not a link
    assert plain_from_markdown("[not a link\n\nbut two paragraphs](x)") == "[not a link\n\nbut two paragraphs](x)"
