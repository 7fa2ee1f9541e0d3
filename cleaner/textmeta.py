"""Stage 5 for plain text — where in a dump the headline, byline and date are.

`metadata` says what a byline or a date looks like; this module says where to look: the
lines just above the body (the header), the first lines of the body, and a lone name
line just after it. It never looks inside the story.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from cleaner import metadata, settings
from cleaner.blocks import Unit
from cleaner.heuristics import is_prose


@dataclass
class TextMetadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    #: unit index -> the field it gave (`title`, `byline`, `date`)
    used: dict[int, str] = field(default_factory=dict)


def find_text_metadata(
    units: Sequence[Unit],
    body: Sequence[int],
    excluded: set[int],
    prefix_date: str | None = None,
    rule_authors: list[str] | None = None,
    rule_date: str | None = None,
) -> TextMetadata:
    """Title, authors and date of a plain-text capture.

    `body` are the indices of the units kept as body; `excluded` those a rule already
    recognised as chrome (they cannot be the headline).
    """
    found = TextMetadata(authors=list(rule_authors or []), date=rule_date or prefix_date)
    if not body:
        return found
    first_body, last_body = min(body), max(body)
    header = [u for u in units[:first_body] if u.index not in excluded][-settings.HEADER_WINDOW_UNITS:]
    # A byline or date line may also open the body (it is short and so not prose).
    opening = [units[i] for i in sorted(body)[:2] if not is_prose(units[i])]

    for unit in reversed(header + opening):
        if found.date is None and unit.words <= settings.TITLE_MAX_WORDS and (date := metadata.parse_date(unit.text)):
            found.date = date
            found.used[unit.index] = "date"
        if not found.authors and (names := metadata.parse_byline(unit.text)):
            found.authors = names
            found.used[unit.index] = "byline"

    candidates = [u for u in header if u.index not in found.used]
    title_unit = next((u for u in candidates if metadata.looks_like_title(u.text)), None)
    if title_unit is None:
        title_unit = next((u for u in candidates if u.words >= 2 and not is_prose(u)), None)
    if title_unit is not None:
        text, _ = metadata.split_capture_prefix(title_unit.text)
        found.title = metadata.strip_title_suffix(text)
        found.used[title_unit.index] = "title"

    if not found.authors:
        after = [u for u in units[last_body + 1:] if u.index not in excluded][: settings.FOOTER_WINDOW_UNITS]
        for unit in after:
            if metadata.looks_like_name(unit.text):
                found.authors = [metadata.natural_case(unit.text)]
                found.used[unit.index] = "byline"
                break
    if not found.authors:
        for index in sorted(body)[-3:]:
            if names := metadata.names_from_credit(units[index].text):
                found.authors = names
                break
    return found
