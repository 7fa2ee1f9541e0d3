"""Every threshold of the cleaner, named, in one place.

Tune here, not in the stages. `Options` holds the thresholds a run may tune: a `Cleaner` holds
one (`Cleaner(options=dataclasses.replace(DEFAULT_OPTIONS, text_model_threshold=0.4))`) and
hands it to each stage that reads one, so two cleaners in one process can differ. The
UPPER_CASE constants after it are fixed for the process; each section says why.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Options:
    """The thresholds of one `Cleaner`, each with its default and why it has that value.

    Frozen, so one object can be shared by every stage and every capture (and hashed, where a
    cached function takes it); derive another with `dataclasses.replace`.
    """

    # --- capture: decoding and sniffing -------------------------------------------------
    #: A browser looks for `<meta charset>` in the first 1024 bytes; we look a little further
    #: because saved pages often carry long comments or scripts before it.
    charset_sniff_bytes: int = 4096
    #: Bytes handed to charset-normalizer when neither a BOM, a declaration nor UTF-8 fits.
    charset_detect_bytes: int = 256 * 1024
    #: Characters inspected to decide HTML versus plain text.
    kind_sniff_chars: int = 8192
    #: How many tags must appear in that head before a capture is treated as HTML.
    min_html_tags_to_sniff: int = 2
    #: How far into a capture that does not open with `<` its doctype or `<html>` may start for
    #: it to be HTML: room for a stray line a server printed first, not for a text dump's code sample.
    html_stray_prefix_max_chars: int = 512
    #: Above this share of control characters a "text" file is really binary.
    max_control_char_ratio: float = 0.05
    #: The most a gzip capture may inflate to (a small file inflating past it is a gzip bomb).
    max_inflated_bytes: int = 100 * 1024 * 1024
    #: Captures larger than this (after decompression) are refused rather than parsed. News
    #: pages are rarely above 2 MB even with inline scripts; parsing costs about 1.3 s and
    #: 30 MB of memory per MB of HTML (lxml tree plus trafilatura's copies), so 10 MB bounds one
    #: capture to roughly 15 s and 300 MB, while a 50 MB page would take over a minute and 1.5 GB.
    max_capture_bytes: int = 10 * 1024 * 1024
    #: UTF-16 without a BOM: at least this share of the high bytes are NUL (Latin-script text
    #: is mostly ASCII, whose UTF-16 high byte is 0)...
    utf16_min_nul_share: float = 0.3
    #: ...while the low bytes almost never are (a NUL character is not text).
    utf16_max_other_nul_share: float = 0.05
    #: Invalid UTF-8 is still read as UTF-8 (broken bytes become U+FFFD) when it holds at most
    #: this many invalid bytes per valid multi-byte character: a truncated or spliced download,
    #: not a legacy charset (Windows-1252 text almost never forms valid multi-byte UTF-8).
    max_invalid_utf8_share: float = 0.1
    #: An undeclared legacy capture is read as Windows-1252 (the browsers' default) unless the
    #: detector's pick reads at least this much less "chaotic" (charset-normalizer's share of
    #: garbled characters). charset-normalizer itself ranks two readings closer than 0.005 as
    #: a tie; equal chaos is the coin toss between Latin charsets (French reads cleanly in
    #: Windows-1257 too) and keeps Windows-1252. Cyrillic, Polish or CJK bytes read as
    #: Windows-1252 score the maximum, 1; the smallest real gain seen is Czech in Windows-1250
    #: ("ř" read as "ø"), 0.012 on a page diluted by markup.
    charset_min_chaos_gain: float = 0.005

    # --- blocks: unwrapping text dumps ---------------------------------------------------
    #: Text browsers wrap at 80 columns by default; anything wider is not a wrapped dump.
    max_wrap_width: int = 100
    min_wrap_width: int = 40
    #: A wrapped dump may still hold a few unbreakable long lines (URLs).
    max_overlong_line_share: float = 0.02
    #: A dump counts as wrapped when at least this many lines end within
    #: `wrap_near_margin` columns of the widest line (filled text ends ragged, not flush).
    min_lines_near_wrap_width: int = 3
    wrap_near_margin: int = 12
    #: Wrapping leaves up to this many columns free at the end of a line.
    wrap_slack: int = 2

    # --- rules ---------------------------------------------------------------------------
    #: The most one pattern may run on one unit before the rule is reported as runaway.
    rule_timeout_seconds: float = 0.5

    # --- heuristics on plain text --------------------------------------------------------
    #: A heading inside the body has at most this many words.
    max_heading_words: int = 14

    # --- plain-text captures written as Markdown (cleaner/text/markdown.py) ----------------------------------
    #: A plain-text capture with at least this many links in Markdown's `[text](address)` form...
    markdown_min_links: int = 3
    #: ...and at least this many per non-blank line is Markdown, read as the text it shows
    #: (`cleaner.text.markdown`). Pages saved by html2text hold 0.04 links per line or more (0.6
    #: at the median); a text browser's dump or a browser's text shows a link so only where the
    #: page prints one (at most 5 on a page, under 0.01 per line, over both corpora).
    markdown_min_link_share: float = 0.02

    # --- the learned text classifier (cleaner/text/model.py, cleaner/text/features.py) ----------------------------
    #: A unit is kept as body when the model gives it at least this probability; None uses the
    #: threshold stored with the model (chosen at training: the lowest within 0.002 of the best
    #: out-of-fold F1 on the training pages). Lower keeps more (recall up, precision down).
    text_model_threshold: float | None = None
    #: When the model keeps nothing of a page, the units within this factor of the best unit's
    #: probability are kept instead (a page is rarely all boilerplate)...
    text_model_fallback_ratio: float = 0.5
    #: ...provided the best unit reaches this probability: a capture of only menu lines (each
    #: around 0.1-0.2) still has no article.
    text_model_fallback_min_probability: float = 0.3

    # --- metadata from plain text ---------------------------------------------------------
    #: How many units above the body start (and into it) may hold the headline, byline or date.
    header_window_units: int = 12
    #: A headline has at most this many words.
    title_max_words: int = 30
    #: A byline or date line is short: longer lines are sentences that merely mention a name or date.
    byline_max_words: int = 20
    #: A portrait's label (`Jane Doe avatar`, `Avatar Jane Doe`, `Jane Doe Foto`) is a name only when
    #: this short: a longer line with such a word is a caption.
    portrait_label_max_chars: int = 60
    #: A by-word mid-line starts a byline only with at most this many words before it, or with a
    #: byline word (`Ein Artikel von …`, `Posted in News by …`) among the this-many-plus-one before it.
    byline_lead_words: int = 2
    #: The headline is searched this many units above the body start and this many into it (the
    #: body heuristics may start the body late, at a caption, or early, at a teaser).
    title_search_above: int = 60
    title_search_below: int = 8
    #: A headline candidate has at least this many words (`D.O. Toro, Spanien`: 3 words).
    title_candidate_min_words: int = 2
    #: Headline score, each signal weighted: the share of its words found in the story's first
    #: paragraphs (the prose just below it)...
    title_lead_units: int = 4
    title_lead_search_units: int = 40
    #: ...and with the first paragraph alone (a lede restates the headline; a standfirst shares
    #: words with the whole story)...
    title_weight_first_paragraph: float = 2.0
    title_weight_lead_overlap: float = 6.0
    #: (the share is taken over the candidate's words plus this many, so `About us` sharing its
    #: two words with the story does not count as fully shared)
    title_overlap_prior_words: int = 2
    #: ...the share of its words in the page address's slug...
    title_weight_slug: float = 6.0
    #: ...an echo elsewhere on the page (same line again, or the end of a breadcrumb)...
    title_weight_echo: float = 0.75
    #: ...a byline or date line just below it...
    title_weight_meta_below: float = 2.5
    title_meta_below_units: int = 3
    #: ...a fair headline length (in words)...
    title_good_min_words: int = 4
    title_good_max_words: int = 20
    title_weight_good_length: float = 1.0
    #: ...minus this for each doubling of its distance (in units) from the body start...
    title_weight_distance: float = 0.5
    #: ...minus this for a list item (menus, teaser lists) or a line ending like a sentence.
    title_penalty_list_item: float = 4.0
    title_penalty_sentence: float = 2.5
    #: ...minus this for a photo credit or a sentence break inside (captions, teasers)...
    title_penalty_caption: float = 1.5
    #: ...minus this when the line is another nearby line plus more (`Home>News>Headline`)...
    title_penalty_extends: float = 4.0
    #: ...plus this when a related headline-shaped line follows (its standfirst), minus this
    #: when one precedes it (it is the standfirst)...
    title_weight_standfirst_below: float = 1.0
    title_penalty_headline_above: float = 1.0
    #: ...minus this for a line that reads as a person's name, or of a single word...
    title_penalty_name: float = 0.5
    title_penalty_one_word: float = 0.5
    #: ...and minus this below the body start (a subheading or caption inside the story).
    title_penalty_in_body: float = 2.0
    #: A candidate needs at least this score to be taken as the headline.
    title_min_score: float = 0.5
    #: The learned chooser's candidates (`metadata.title_candidates`) are the lines this many units
    #: above the body start and this many into it (the body heuristics may start the body well above
    #: the story, at a teaser or a menu that the model kept, or well below it, under a long menu or
    #: table of contents the page opens with; the chooser weighs the distance)...
    title_candidates_above: int = 60
    title_candidates_below: int = 60
    #: A headline candidate is compared with the lines this many units above and below it; a line of
    #: at most this many words is a short one (a menu item, a label)...
    title_neighbour_units: int = 3
    title_short_neighbour_words: int = 3
    #: A dump with this many indented bullet items is a text browser's (see `_Page.text_browser_layout`).
    text_browser_min_marked_items: int = 1
    #: The header around the headline where its byline and date are: this many units above it
    #: and below it...
    header_above_title: int = 3
    header_below_title: int = 12
    #: ...stopping once this many paragraphs of the story have passed.
    header_max_prose: int = 3
    #: Without a date in the header, a date line anywhere in the story's span counts if it is this
    #: short (a date with a label, `Stand: 03.05.2021 09:15 Uhr`, a blog's meta line `von Jane Doe |
    #: 20. Mai 2007 | News | 0 Kommentare`), never a sentence.
    date_line_max_words: int = 12

    # --- metadata from HTML (cleaner/html/metadata/) --------------------------------------
    #: JSON-LD is walked this deep for objects (`@graph` inside lists inside objects...).
    json_ld_max_depth: int = 6
    #: A heading is a headline candidate when its text has this many characters...
    title_min_chars: int = 3
    #: ...up to this many (longer is a paragraph set as a heading).
    title_max_chars: int = 300
    #: An `<h1>` is the headline when at least this share of its words is in the head's title
    #: (og:title, `<title>`, JSON-LD headline): rewritten headlines share most of their words.
    title_heading_min_overlap: float = 0.5
    #: Without an `<h1>`, an `<h2>` needs more of its words in the head's title (pages use h2 for
    #: section and teaser headings too).
    title_h2_min_overlap: float = 0.8
    #: The learned HTML title chooser (`html.metadata.title.title_candidates`) takes this many
    #: `<h1>` headings as candidates, the first in page order (later ones are teasers' headings)...
    title_choice_max_h1: int = 3
    #: ...and tells a page of cards from a story by this many `<h2>`/`<h3>` headings or more...
    title_choice_many_headings: int = 8
    #: ...and a page with little prose by fewer than this many paragraphs of prose...
    title_choice_prose_paragraphs: int = 3
    #: ...a paragraph of prose having this many words at least (also the page's first paragraph,
    #: whose words a headline shares).
    title_choice_prose_min_words: int = 20
    #: An author's name has at most this many words and characters (longer is a sentence).
    author_max_words: int = 5
    author_max_chars: int = 60
    #: Without date markup, a date is looked for in the article's header: the text after the
    #: headline up to the first paragraph of at least this many characters (the story)...
    date_header_prose_chars: int = 150
    #: ...and at most this many characters of it.
    date_header_max_chars: int = 600
    #: Of the first prose paragraph, only this many characters are searched (a dateline's date:
    #: `Wiesbaden, 11. November 2021 –`), never the story after it.
    date_dateline_chars: int = 60
    #: ...then in at most this many characters just above the headline (kicker and date lines).
    date_above_headline_chars: int = 120
    #: At most this many authors are taken from byline elements (more is a list of staff).
    author_max_names: int = 6
    #: Of the body's first units, this many are checked for a byline or date line that the
    #: extractor kept (`By Jane Doe`, `February 04, 2022`); such lines go to metadata.
    html_header_units: int = 4
    #: A byline or date line has at most this many words.
    html_header_line_max_words: int = 12
    #: A signer's role under a signature at the story's end (`Stellvertretende Pressesprecherin`,
    #: `Geschäftsführer von Example`) has at most this many words.
    signature_role_max_words: int = 12
    #: A text of the article's header with more words than this is a sentence (a lead announcing
    #: an event), not a date line: its dates are not the page's.
    html_date_line_max_words: int = 12
    #: The date the header shows wins over the markup's when it is within this many days of a date
    #: the markup states (published, modified: time zones and later edits shift the day a little);
    #: further away it is more likely an event's date.
    date_shown_max_days_from_stated: int = 7
    #: On a discussion page, a date the header shows further than this many days from the markup's
    #: first published date is a later post's (the thread's latest reply), not the page's.
    date_thread_max_days_from_stated: int = 1
    #: A UTC time of exactly these hours is a date without a time written as local midnight east
    #: of UTC (`2021-11-04T23:00Z` is 5 November in Central Europe): the day is the next one.
    date_utc_local_midnight_hours: tuple[int, ...] = (22, 23)
    #: A byline element holds at most this many characters (more is an author box with a bio:
    #: the name is then taken from the elements inside it).
    author_byline_max_chars: int = 160
    #: Without an article container, bylines are looked for in this many elements after the headline.
    author_header_elements: int = 150
    #: Bylines are also looked for this many elements above the headline (kicker, date and
    #: byline lines set above it)...
    author_above_headline_elements: int = 25
    #: ...and this many after the article's container ends (a signature under the story).
    author_after_article_elements: int = 25
    #: Byline elements alike (same tag and class) add their names to the first one's only when
    #: they share its ancestor this many levels up (`<p><span class="author">A</span> and <span
    #: class="author">B</span></p>`); alike elements elsewhere are other stories' bylines.
    author_names_shared_ancestor_levels: int = 1
    #: Of an author box (a marked element too long for a byline), this many characters are read to
    #: complete a byline's first name: its name comes first, before the biography.
    author_box_chars: int = 300
    #: Without a byline, a line holding a date and a name (`11.12.2019 - Jane Doe`) is looked for in
    #: this many elements after the headline: its meta line sits right under it, and further on a
    #: dated name is a quote's or a comment's.
    author_dated_line_elements: int = 12
    #: The article's header: at most this many elements after the headline, before the story's
    #: first paragraph; an author box there is the article's, whatever its container's class.
    author_header_zone_elements: int = 12
    #: A byline repeated in at least this many sibling items (cards of a listing, each with its
    #: own byline) is those items' own, not the page's...
    author_card_min_items: int = 3
    #: ...when each item holds at least this many words besides its byline (a teaser's title):
    #: a list of the story's authors (`<li><a class="author">NAME</a></li>`) holds none.
    author_card_min_other_words: int = 4
    #: ...and when the items are short, their median this many words at most (a title, a line
    #: of summary, a byline and a date): longer items are a thread's posts, whose first post's
    #: writer is the page's author.
    author_card_max_median_words: int = 60
    #: A credit line in the story's lead (`Ein Interview von Jane Doe mit John Roe.`) is one of
    #: this many first paragraphs after the headline: further on, a credit is a quoted work's.
    author_lead_paragraphs: int = 3
    #: A date line's marker (`Erschienen am:`) and its date may sit in neighbouring elements:
    #: the date is looked for in the marker's text and this many texts after it...
    date_marked_line_next_chunks: int = 2
    #: ...within this many characters after the marker.
    date_marked_line_chars: int = 60
    #: A German publication line closes with its marker (`wurde am 19. Mai 2010 um 23:03 Uhr
    #: gepostet`): its date is looked for in this many texts before the marker (date and time are
    #: often set in elements of their own), within `date_marked_line_chars` of it.
    date_marked_line_previous_chunks: int = 4
    #: Without an article container, marked date lines are looked for in this many texts from
    #: the headline on (not in the page's footer and sidebars further down).
    date_marked_line_max_texts: int = 400
    #: A site name shorter than this (`co` of example.co.uk, `bz`) is not looked for inside titles
    #: and author names: it occurs inside too many words.
    site_name_min_chars: int = 4

    # --- HTML: paragraphs trafilatura dropped, recovered from the tree (cleaner/html/recovery.py)
    #: A block of the page counts as one trafilatura kept when its text is a line of the output,
    #: or, with at least this many characters, occurs in the output.
    html_recovery_anchor_min_chars: int = 20
    #: The article container is the deepest element holding at least this share of the kept text.
    html_recovery_container_share: float = 0.8
    #: Outputs shorter than this (characters) are not a story to complete.
    html_recovery_min_body_chars: int = 200
    #: A dropped block inside the container comes back with at least this many words...
    html_recovery_min_words: int = 8
    #: ...and a lead (before the first kept paragraph, after the headline, inside the element holding
    #: both or at most this many levels above the container) with at least this many.
    html_recovery_lead_min_words: int = 8
    html_recovery_lead_levels: int = 4
    #: A recovered paragraph has at most this share of its characters in links (a paragraph that
    #: is mostly one link is still story; a list of links is not)...
    html_recovery_max_link_density: float = 0.5
    #: ...a list item or heading at most this share.
    html_recovery_max_link_density_list: float = 0.2
    #: A paragraph not ending like a sentence needs at least this many words (labels, teasers).
    html_recovery_unpunctuated_min_words: int = 25
    #: A block is not put back when the body already holds at least this share of its runs of
    #: `html_recovery_shingle_words` words: trafilatura kept it, cut into other lines (a forum
    #: post whose text it joined with the signature below, a list it wrote item by item).
    html_recovery_max_repeated_share: float = 0.5
    html_recovery_shingle_words: int = 4

    # --- HTML: rules and cuts that must not take the page's content ----------------------
    #: An element an HTML rule selects is kept when it holds every `<article>` of the page and at
    #: least this share of the words in its paragraphs: it is the page's content (a forum thread
    #: marked up as a comment area), not a box beside it (cleaner/rules/apply.py).
    html_rule_content_min_share: float = 0.8
    #: A cut-to-end text rule (`Related Articles`, `3 Comments`) cuts the HTML body only where
    #: the lines above hold at least this share of its words (cleaner/html/pipeline.py).
    html_cut_min_share_above: float = 0.5

    # --- HTML: trafilatura's main extractor and its fallbacks (cleaner/html/extract.py) -------
    #: trafilatura's fallback extractors (readability, jusText) cost as much again as its main
    #: extractor and change the result on few pages; they run only when the main extractor's
    #: text holds under this share of the page's text (trafilatura's own page measure,
    #: `html2txt`): a story that short next to a long page was likely missed, not a short story.
    #: However long the text: on forum threads, listings and service pages the main extractor
    #: often keeps one post or one box of a few thousand characters out of tens of thousands.
    #: (At 0.1, forum threads, service pages and news stories whose main extractor kept only a
    #: teaser or a box, 11-19% of the page, missed the fallback that found them.)
    html_fallback_page_share: float = 0.2

    # --- pipeline: settling passes over a text body ------------------------------------------
    #: After the first pass, the body is cleaned again, as the text capture it now is, until a
    #: pass changes nothing, so that cleaning a cleaned body is a no-op (issue 7). Each pass
    #: only removes, so this converges; on the devset, nine pages in ten settle within two passes
    #: and none needed more than eight. The bound keeps a pathological page from costing more.
    max_settling_passes: int = 12
    #: A settling pass drops a unit of the body when the model gives it less than this body
    #: probability (the first pass uses the model's own threshold, about 0.3). Out of its page,
    #: a story's short lines lose the context that made them read as story: at the first pass's
    #: threshold the settling passes cost the devset's text captures 0.05 of recall and 0.016 of
    #: F1. Plain chrome a first pass left (a "Share" line, a menu) still scores far below this
    #: one. Measured on all text captures: 0.15 gives R 0.933, 0.1 R 0.938, 0.05 R 0.941 at
    #: precision within 0.003 and the same metadata (validation split: the same at all three).
    text_settling_threshold: float = 0.05
    #: A headline line the body heuristics kept leaves the body when the address's slug names it
    #: at least this well (Dice coefficient of their words; see `pipeline.headline_set_apart`).
    headline_min_slug_overlap: float = 0.5

    # --- text metadata (textmeta helper): headline, byline and date of plain text ---------
    #: A kicker glued before a headline (`Hafenstreit Berger-Werft …`) is dropped when the
    #: rest stands alone elsewhere on the page (plain text) or is the head's own title (HTML,
    #: `html_metadata.without_kicker`); it has at most this many words...
    title_kicker_max_words: int = 4
    #: ...and leaves at least this many words, and at least half of the line's.
    title_kicker_min_rest_words: int = 2
    #: A line of the header with a date and at most this many words is a date line even when it
    #: ends with a full stop (`jueves, 3 de marzo de 2021 - 9:15 a.m.`).
    header_date_line_max_words: int = 12
    #: ...and its date starts within this many characters (a weekday or label before it).
    header_date_line_lead_chars: int = 25
    #: A short sentence of the header that credits the writer with a by-word, at most this many
    #: words, is a byline, not the story (`Ein Interview von Jane Doe mit John Roe.`): the story's
    #: sentences are longer.
    header_credit_max_words: int = 12
    #: A lone name line stands next to the page's date line with at most this many lines without
    #: letters between them (the bullets a dump writes for the items of a meta list).
    name_by_date_max_skipped: int = 3
    #: A story's dateline (`Kassel, 3. März 2021 - …`) dates the page when no header line
    #: does: a date within this many characters of the start of one of its first this-many paragraphs.
    dateline_chars: int = 40
    dateline_paragraphs: int = 2
    #: Without a date in the header, a short date line is looked for from this many units above the
    #: headline to this many below the story (where `Datum: 19.11.2021` or `Aktualisiert am …` sit).
    loose_date_above_units: int = 8
    loose_date_below_units: int = 20
    #: Headline score penalty for a line of the site's own notices (cookie banner, skip link,
    #: affiliate disclosure), often the first line of a dump.
    title_penalty_site_chrome: float = 4.0
    #: A lone name line (or a by-word line and the name under it) in this many units after the
    #: story signs it.
    closing_name_units: int = 10
    #: A wrapped dump may join a date line to the paragraph above it; the first this many units
    #: under the headline are searched for a date right after their last sentence, within this
    #: many characters of their end.
    trailing_meta_units: int = 3
    trailing_meta_chars: int = 80
    #: A few body units standing apart, more than this many units above the rest of the body, may
    #: not be where the story starts: a cookie notice, a browser warning or a newsletter prompt that
    #: the body heuristics kept far above the story. The headline is then also looked for above the
    #: body's later runs (see `textmeta.story_starts`).
    story_start_gap_units: int = 10
    #: ...as long as the runs passed over hold at most 1/this of the body's words (a story's own
    #: opening paragraphs, cut off by a photo gallery, hold more)...
    story_start_stray_share: int = 3
    #: ...and at most this many runs are passed over...
    story_start_max_skipped: int = 4
    #: ...each one costing the headline found above a later run this much of its score: the first
    #: body unit is still the likeliest start, and a near tie goes to it.
    story_start_skip_penalty: float = 1.0
    #: An author link after the story (`More articles by …`, `Zum Profil von …`) is looked for in
    #: this many units after it: the author box sits right under the story, before the comments and
    #: the lists of other stories.
    author_link_units: int = 20
    #: A line that is only a name is an author candidate this many units above the headline (or
    #: the body start) and this many below it (`text.authors`); farther off it is a menu's or a
    #: sidebar's.
    author_name_line_above: int = 3
    author_name_line_below: int = 8
    #: ...and this many units after the story (an author box sits under it, above the comments).
    author_name_line_after: int = 40
    #: The learned choice among author candidates (`text.authors`) names no author when even the
    #: best candidate's probability is under this (chosen on the validation split by
    #: `training/train_author_model.py`: an invented author costs a quarter of a right one).
    author_choice_min_probability: float = 0.29


#: The thresholds of `Cleaner()`, `clean()` and the command line.
DEFAULT_OPTIONS = Options()


# === Fixed per process, not options ===================================================
# These are not per-`Cleaner`: each section says what fixes them.

# --- compiled into regular expressions at import -------------------------------------
# What a person's name and a user handle look like is built into the patterns of
# `cleaner.meta.names` and `cleaner.html.metadata.authors` when they are imported; an option
# would mean compiling those patterns per call for a value no run has needed to tune.
#: A person's name has between these many words.
NAME_MIN_WORDS = 2
NAME_MAX_WORDS = 4
#: A byline's single word with digits is a user name (`delta201`) when it has this many letters
#: (`H2`, `A1` are not); digits elsewhere in a byline are a date's or a count's.
HANDLE_MIN_LETTERS = 3

# --- the text model's features (cleaner/text/features.py) -----------------------------
# The model's weights were trained on features computed with these values (and
# `is_prose`, the hand-set heuristics and the metadata search share its idea of prose):
# changing one for a single `Cleaner` would feed the model numbers it never saw. Change
# them here and retrain (`training/train_text_model.py`).
#: A unit with at least this many words and sentence punctuation at its end is prose.
PROSE_MIN_WORDS = 8
#: A unit this long is prose even without final punctuation (a run-on paragraph).
LONG_PROSE_WORDS = 30
#: In the search for the main run of prose, each prose word counts +1 and each unit that
#: is not prose costs this much: a lone subheading between paragraphs stays inside the
#: run, a menu of many short lines breaks it.
NON_PROSE_PENALTY = 6.0
#: A unit shorter than this many words costs extra: menus are made of one-word lines.
SHORT_UNIT_WORDS = 4
SHORT_UNIT_EXTRA_PENALTY = 3.0
#: Languages whose jusText stoplists the page's language is chosen from (by stopword hits
#: over the whole page, once per page). The commonest languages of news on the web; a page in
#: another language gets no stopword features and is judged on the rest.
TEXT_MODEL_LANGUAGES = (
    "English",
    "German",
    "French",
    "Spanish",
    "Italian",
    "Portuguese",
    "Dutch",
    "Polish",
    "Czech",
    "Swedish",
    "Danish",
    "Norwegian_Bokmal",
    "Finnish",
    "Russian",
    "Turkish",
    "Hungarian",
    "Romanian",
    "Indonesian",
)
#: A language is detected only when its stopwords are at least this share of the page's
#: words (running text in a language has 30-50 %; a page in an unlisted language a few %).
MIN_LANGUAGE_STOPWORD_SHARE = 0.08
#: Chinese, Japanese and Korean are written without spaces: the first this many units are
#: searched for those scripts, and only then are they counted unit by unit.
CJK_SNIFF_UNITS = 200
#: A unit with this many CJK characters reads as prose (about a sentence).
CJK_PROSE_CHARS = 40
#: Two neighbouring units of at least this many characters, one starting the other, "echo"
#: each other: a caption shown as the image's alt text and again with its credit.
ECHO_MIN_CHARS = 20
#: Context feature of the text model: units the unit stage calls body, with gaps of at most
#: this many other units between them, form one run; the run holding the most is the
#: article region.
TEXT_MODEL_RUN_GAP = 3

# --- the rules' required-phrase prefilter (cleaner/rules/literals.py, issue 6) --------
# Worked out when a rule set is compiled, once, and a compiled `RuleSet` can be shared by
# several cleaners (`Cleaner(rules=...)`); they decide how fast rules run, never what they
# match.
#: A rule whose every match holds one of a few phrases is searched only in the units that
#: hold one. A phrase needs at least this many bytes, the newline of a unit edge (`^`, `$`)
#: counting twice: shorter ones occur in most units, and the rule is better scanned as
#: before. (Phrases are looked up in an index of the page's 4-byte sequences; with 3-byte
#: sequences two thirds of the phrases it let through were absent, their sequences being
#: common in any prose. Shorter phrases are looked for directly.)
MIN_REQUIRED_LITERAL_BYTES = 3
#: Alternatives followed through a pattern's alternations, optional parts and character
#: classes (`[Ss]ubscribe` gives 2) before they are too many to spell out.
MAX_EXACT_LITERALS = 16
#: The most phrases one rule may require one of (a long list of labels); past it the rule is
#: scanned as before.
MAX_REQUIRED_LITERALS = 64
#: Bits of the hash that indexes a page's 4-byte sequences: 2**16 slots keep a page of
#: 10-20k sequences sparse enough that few absent phrases look present.
LITERAL_INDEX_BITS = 16

# --- cache sizes (functools.lru_cache, fixed when the module is imported) -------------
#: Site-scoped rule subsets kept compiled per process (one per distinct set of sites seen);
#: bounded so a crawl over millions of hosts cannot grow memory.
MAX_CACHED_RULE_SUBSETS = 256
#: Lines whose dates, byline names and content words are kept per process (`metadata.find_dates`,
#: `parse_byline`, `textmeta.content_words`, `titles.is_stated_site_name`): the text pipeline
#: reads the same lines in each pass over one capture, so a few captures' worth is enough.
#: Bounded, so a long run's memory stays flat: over the 992 devset text captures peak RSS was
#: 98 MB at 2048, 109 MB at 8192.
METADATA_CACHED_LINES = 2048

# --- data files of the package --------------------------------------------------------
#: The model's weights, inside the package's `data/` folder (written by
#: `training/train_text_model.py`).
TEXT_MODEL_FILE = "text_model.json"
#: The broad model, trained on news and on forums, listings, product, service and documentation
#: pages (`training/train_text_model.py`), which judges the pages the gate sends it.
TEXT_MODEL_BROAD_FILE = "text_model_broad.json"
#: The gate between the two (`cleaner/text/gate.py`; written by `training/train_text_gate.py`).
TEXT_GATE_FILE = "text_gate.json"
#: The gate sends no page of fewer units than this to the broad model: its figures are shares of
#: the page's lines, and 95% of the training captures (articles or not) have more; the broad
#: model also scores bare chrome higher than the news model, so a capture of a few menu lines
#: would pass the settling threshold whole.
TEXT_GATE_MIN_UNITS = 30
#: The headline chooser's weights for plain-text captures, inside the package's `data/` folder
#: (written by `training/train_title_model.py`).
TITLE_MODEL_FILE = "title_model.json"
#: The weights of the choice among a text capture's author candidates, inside the package's
#: `data/` folder (written by `training/train_author_model.py`).
AUTHOR_MODEL_FILE = "author_model.json"
#: The title chooser's weights for HTML captures, inside the package's `data/` folder
#: (written by `training/train_html_title_model.py`).
HTML_TITLE_MODEL_FILE = "html_title_model.json"
#: The given names that tell a lone name line from a heading, inside the package's `data/`
#: folder (written by `training/given_names.py`; see `metadata.opens_with_given_name`).
GIVEN_NAMES_FILE = "given_names.txt"

# --- the command line's batches and outputs (cleaner/batch/) --------------------------
# Properties of a process running many captures, not of cleaning one.
#: WARC records are written as `<warc name>/<record number>.json`, the number zero-padded to
#: this many digits so outputs sort in record order (a WARC file of Common Crawl holds ~50,000).
WARC_INDEX_DIGITS = 6
#: With -j N, captures go to the workers in batches of this many: fewer round trips than one
#: by one, yet small enough that at the end of a run one worker does not finish a long batch
#: alone while the others wait (a round trip costs well under a millisecond, cleaning a capture 20-50 ms)...
POOL_BATCH_SIZE = 4
#: ...and at most this many batches per worker are in flight: the input is read only as fast
#: as it is cleaned, so memory stays flat however many captures there are.
POOL_BATCHES_IN_FLIGHT_PER_WORKER = 4

# --- tools of the command line: explain, learn (cleaner/cli/tools.py) -----------------
# They run with the default options; these shape what the tools print and propose, and
# `clean learn` takes its thresholds as flags.
#: `clean explain` shortens each unit's text to this many characters (`--full` shows all).
EXPLAIN_TEXT_WIDTH = 100
#: An element removed from an HTML page is named by its tag and at most this many of its
#: classes (`aside.newsletter-box`): enough to tell a box, short enough to read in a column.
EXPLAIN_ELEMENT_CLASSES = 2
#: A decision on an element removed from an HTML page keeps this many characters of its text.
EXPLAIN_REMOVED_TEXT_CHARS = 200
#: `clean learn` proposes a line only when it appears in at least this many captures:
#: fewer is as likely a coincidence (a quote two stories share) as a site's chrome.
LEARN_MIN_CAPTURES = 3
#: ...and in at least this share of all captures read. Low on purpose: a site's chrome is on
#: every page of that site, but one site may be a small part of a mixed corpus. Raise it
#: for a folder of a single site, where real chrome is on nearly every capture.
LEARN_MIN_SHARE = 0.05
#: Chrome is short; a line longer than this is prose (a paragraph two copies of a story
#: share) and is never proposed.
LEARN_MAX_WORDS = 20
#: A line needs this many characters, and a letter, to be worth a rule (not `|` or `12`).
LEARN_MIN_CHARS = 3
#: Words of a line used to build a candidate rule's id.
LEARN_ID_WORDS = 6
