"""Stage 5 for HTML — title, authors and date from a page's own markup.

Each field has its own module (`title`, `authors`, `dates`) with small functions over the
parsed tree; the page's head (meta tags, JSON-LD, `<title>`) is read once into `PageHead`
(`head`). The visible headline and byline win over head markup where the two disagree (the
gold of a page is what its reader sees), but head markup is what tells a headline from a
site logo in an `<h1>`.

The order of trust, top first (the first source that gives a value wins, unless noted):

- title (`title.choose_title`, the article's title, chosen after the site's HTML rules have
  removed their elements): the learned chooser (`cleaner/data/html_title_model.json`) picks
  one of `title.title_candidates`: the rule-based search's choice below, the first `<h1>`
  headings, the first `<h2>`/`<h3>`, the head's titles (og:title, twitter:title, `<title>`,
  JSON-LD headline) whole, without the site's name and in parts, weighing where each text
  is found and what the page looks like (a story, a page of products or cards); without a
  model, the search's choice. The search (`title.find_title`, also the headline the byline
  and date are read under): a blog's `<h2>` when the lone `<h1>` is the site's name; the
  `<h1>` the head's titles confirm (without a kicker run into it); a lone `<h1>` (any, where
  the head has no title), unless it shares no word with the head and the head confirms an
  `<h2>`; an `<h2>` the head confirms; the head's title (og:title, JSON-LD headline,
  twitter:title, `<title>`) without its site-name part; the first `<h1>`.
- authors (`authors.find_authors`): the site's `byline` rules; the head (JSON-LD `author` of
  the article, meta author tags) when it names people in full, never the site itself; the
  visible byline in the article or its header (over a head that gives handles or first names
  only; never a byline each of a listing's teaser cards repeats); a credit line in the lead
  naming someone else beats both (not a teaser card's); a by-word beside the header's date; an
  author box's name; on a discussion page, who opened it; the head's credit to the site
  itself; the text rules' bylines on the lines under the headline.
- date (`dates.find_date`): the site's `date` rules; the date the header shows (not one
  labelled as an update), then a line marked as the publication, each unless the markup
  contradicts it (another day, more than `date_shown_max_days_from_stated` from every stated
  date; on a discussion page, not the markup's own day; a markup that dates the publication
  after its own revision contradicts nothing); the address's date; the markup (JSON-LD
  `datePublished`, published meta tags, the microdata date of the page's `mainEntity`,
  `datePublished`/`<time>` in the article); a line marked as the last update, or the header's
  update date; htmldate's quick search for the original date; a contradicted shown date
  anyway; the article's opening dateline or a publication line anywhere; the text rules' date
  under the headline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import lxml.html
from lxml import etree

from cleaner.blocks import split_units
from cleaner.rules.apply import apply_text_rules
from cleaner.settings import DEFAULT_OPTIONS, Options

if TYPE_CHECKING:
    from cleaner.rules import Rule, RuleSet
from cleaner.html.metadata.authors import find_authors, header_lines, split_authors
from cleaner.html.metadata.dates import find_date, headline_element, iso_date
from cleaner.html.metadata.head import PageHead, article_root, read_head
from cleaner.html.metadata.title import find_title


def authors_from_rules(tree: lxml.html.HtmlElement, rules: Sequence[Rule], options: Options) -> list[str]:
    """Names from the elements of the first `byline` rule whose selector finds a name (the
    rules' order; an element's `content` for a `<meta>`, else its text)."""
    for rule in rules:
        if rule.action != "byline" or rule.selector is None:
            continue
        names: list[str] = []
        for element in rule.selector(tree):
            text = element.get("content") if element.tag == "meta" else element.text_content()
            for name in split_authors(text or "", options=options):
                if name.casefold() not in {known.casefold() for known in names}:
                    names.append(name)
        if names:
            return names[: options.author_max_names]
    return []


def date_from_rules(tree: lxml.html.HtmlElement, rules: Sequence[Rule], options: Options) -> str | None:
    """The date of the first element a `date` rule selects that holds one: its `datetime` or
    `content` attribute, else its text (any format `metadata.parse_date` reads)."""
    for rule in rules:
        if rule.action != "date" or rule.selector is None:
            continue
        for element in rule.selector(tree):
            for value in (element.get("datetime"), element.get("content"), element.text_content()):
                if value and (date := iso_date(value, options=options)):
                    return date
    return None


@dataclass
class HtmlMetadata:
    title: str | None
    authors: list[str]
    date: str | None
    #: what the page's <head> states, kept to choose the title again on a pruned tree
    head: PageHead = field(repr=False, compare=False)


def extract(
    tree: lxml.html.HtmlElement, url: str | None, rules: RuleSet | None = None, *, options: Options = DEFAULT_OPTIONS
) -> HtmlMetadata:
    """Title, authors and date of the page. `rules` (those in force on its site) may name the
    byline and date elements: what they find wins over every heuristic."""
    head = read_head(tree, options)
    root = article_root(tree)
    title = find_title(tree, head, url, options=options)
    site_rules = rules.html_metadata_rules if rules is not None else ()
    headline = headline_element(tree, title)
    authors = authors_from_rules(tree, site_rules, options) or find_authors(
        tree, head, root, url, headline, options=options
    )
    date = date_from_rules(tree, site_rules, options) or find_date(tree, head, root, url, headline, options=options)
    if not authors or date is None:
        header_authors, header_date = text_rules_under_headline(headline, rules, options)
        authors, date = authors or header_authors, date or header_date
    return HtmlMetadata(title, authors, date, head)


def text_rules_under_headline(
    headline: etree._Element | None, rules: RuleSet | None, options: Options
) -> tuple[list[str], str | None]:
    """The byline and date that the text rules' `byline` and `date` actions read on the lines
    just under the headline (`Filed under: News — jdoe @ 00:11`, a site's `Stand: …` line):
    a rule written for a site's text captures reads its HTML pages too, where the extractor
    may have dropped the line. Each text of `header_lines` is a unit. For a page whose
    markup and byline elements name no author (or give no date): what they state comes first."""
    if headline is None or rules is None or not rules.text_rules:
        return [], None
    # (a wrapper and its one child read the same: once)
    texts = dict.fromkeys(text for _, text in header_lines(headline, options=options) if text)
    if not texts:
        return [], None
    verdicts = apply_text_rules(split_units("\n\n".join(texts), options), rules, options=options)
    return verdicts.authors, verdicts.date
