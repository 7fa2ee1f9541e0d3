"""The plain-text pipeline: units, rules, heuristics, metadata, then settling passes.

`TextPipeline` holds a compiled `RuleSet`; `cleaner.api.Cleaner` hands it the plain-text
captures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import regex

from cleaner import meta
from cleaner.article import Article, Decision, Role
from cleaner.blocks import Unit, split_units
from cleaner.rules import RuleSet, host_of
from cleaner.rules.apply import RuleVerdicts, apply_text_rules
from cleaner.settings import DEFAULT_OPTIONS, Options
from cleaner.text import heuristics, model
from cleaner.text.heuristics import is_prose
from cleaner.text.markdown import looks_like_markdown, plain_from_markdown
from cleaner.text.metadata import (
    CaptureLines,
    TextMetadata,
    echoed,
    find_text_metadata,
    slug_overlap,
    slug_words,
)

# A capture may state where it came from on one of its first lines.
_STATED_URL = regex.compile(r"^(?:URL|Source|Link|Quelle|Fuente)?:?\s*(?P<url>https?://\S+)$", regex.I)


class TextPipeline:
    """The plain-text pipeline over one compiled rule set, with one set of thresholds."""

    def __init__(self, rules: RuleSet, options: Options) -> None:
        self.rules = rules
        self.options = options

    def units(
        self, text: str, url: str | None = None, passed_rules: Sequence[str] | None = None
    ) -> tuple[list[Unit], str | None, str | None, RuleVerdicts]:
        """Units of a plain-text capture and the rules' verdicts on them (stages 2 and 3).

        Returns (units, url, the capture prefix's date, verdicts); `url` is the one given or
        else the one the capture states. `passed_rules`: unit texts known to match no rule
        (a body this cleaner kept); when the units read exactly these, the rules are not run
        again (a rule matches one unit's text, so they would find nothing).
        """
        units = split_units(text, self.options)
        if url is None:
            url = stated_url(units)
        prefix_date = None
        if units:
            stripped, prefix_date = meta.split_capture_prefix(units[0].text)
            if prefix_date:
                units[0].text = stripped
        if passed_rules is not None and [unit.text for unit in units] == list(passed_rules):
            return units, url, prefix_date, RuleVerdicts()
        rules = self.rules.for_host(host_of(url))
        verdicts = apply_text_rules(units, rules, heuristics.cut_to_end_floor(units), options=self.options)
        return units, url, prefix_date, verdicts

    def clean(self, text: str, url: str | None = None) -> Article:
        """The plain-text pipeline: one pass over the capture, then settling passes.

        Cleaning is idempotent (`clean(clean(x).body).body == clean(x).body`). The body of the
        first pass is cleaned again, as the text capture it now is, by settling passes (the
        model at its lower `options.text_settling_threshold`, no metadata taken out) until
        one changes nothing. A capture that a settling pass would leave unchanged is such a
        body already: it skips the first pass and only settles, so a cleaned body, a fixed
        point of the settling passes, comes back as it is. A unit the page's layout kept but
        that cannot stand as body on its own goes in a settling pass (a lone "Photo" line that
        the wrapped layout glued to the story).
        """
        if looks_like_markdown(text, self.options):
            text = plain_from_markdown(text)
        first = self.one_pass(text, url)
        if first.settled_already(self.options):
            as_body = self.one_pass(text, url, settling=True)
            if as_body.changes_nothing():
                first = as_body
        units, url, roles, kept_because = first.units, first.url, first.roles, first.kept_because
        # a capture read as a body keeps its lines; its metadata is read around all of it
        found = first.found if first.found is not None else first.metadata_for([unit.index for unit in units])
        kept = [unit for unit in units if unit.index not in roles]
        settled_any = False
        for _ in range(self.options.max_settling_passes):
            settled = self.settle(kept, url, roles)
            if settled is None:
                break
            kept, settled_any = settled, True
        # The headline, byline and date are looked for around where the story starts; chrome
        # that the first pass kept high on the page misleads that search, so it runs again
        # around the body's core (see `confident_core`). The body stays as settled.
        if kept:
            core = confident_core(kept, self.options)
            if core and (settled_any or len(core) < len(kept)):
                found = _relabel_metadata(roles, found, first.metadata_for(core))
        decisions = [
            Decision(
                u.first_line,
                u.last_line,
                u.text,
                *roles.get(u.index, ("body", *kept_because.get(u.index, ("kept", None)))),
            )
            for u in units
        ]
        return Article(
            title=found.title,
            authors=found.authors,
            date=found.date,
            body=_join_body(kept),
            kind="text",
            url=url,
            decisions=decisions,
            warnings=(FALLBACK_WARNING,) if _kept_by_fallback(kept, kept_because) else (),
        )

    def settle(
        self, kept: list[Unit], url: str | None, roles: dict[int, tuple[Role, str, float | None]]
    ) -> list[Unit] | None:
        """Clean the body made of `kept` once more, with the settling heuristics; None when
        that changes nothing.

        Units of the body map one to one onto `kept` (paragraphs are separated by blank lines
        and carry no list marker, so splitting the body neither joins nor splits them). A unit
        the settling pass drops is recorded in `roles` under the reason it gave, prefixed
        `settling:`; a unit whose text it rewrote (a capture-tool prefix) keeps the new text.
        """
        again = self.one_pass(_join_body(kept), url, [unit.text for unit in kept], settling=True)
        if len(again.units) != len(kept):  # cannot happen for a body we wrote; never guess
            return None
        changed = False
        survivors: list[Unit] = []
        for body_unit, unit in zip(again.units, kept, strict=True):
            if body_unit.index in again.roles:
                role, reason, score = again.roles[body_unit.index]
                roles[unit.index] = ("dropped", f"settling: {role} ({reason})", score)
                changed = True
                continue
            if body_unit.text != unit.text:
                unit.text = body_unit.text
                changed = True
            survivors.append(unit)
        return survivors if changed else None

    def one_pass(
        self, text: str, url: str | None, passed_rules: Sequence[str] | None = None, *, settling: bool = False
    ) -> TextPass:
        """One pass of stages 2-5 over a text, with the first pass's heuristics or (`settling`)
        the settling passes'. `passed_rules`: see `units`."""
        units, url, prefix_date, verdicts = self.units(text, url, passed_rules)
        roles: dict[int, tuple[Role, str, float | None]] = {
            index: (role, reason, None) for index, (role, reason) in verdicts.roles.items()
        }
        kept = [unit for unit in units if unit.index not in roles]
        kept_because: dict[int, tuple[str, float | None]] = {}  # heuristics that kept a unit
        for heuristic in heuristics.SETTLING_HEURISTICS if settling else heuristics.TEXT_HEURISTICS:
            for index, verdict in heuristic(kept, self.options).items():
                if verdict.drop:
                    roles[index] = ("dropped", verdict.reason, verdict.score)
                else:
                    kept_because[index] = (verdict.reason, verdict.score)
            kept = [unit for unit in kept if unit.index not in roles]

        # what the metadata searches read of the lines, whatever the body they search around
        lines = CaptureLines(units, set(verdicts.roles), url, self.options)

        def metadata_for(body: list[int]) -> TextMetadata:
            return find_text_metadata(
                units,
                body=body,
                excluded=set(verdicts.roles),
                prefix_date=prefix_date,
                rule_authors=verdicts.authors,
                rule_date=verdicts.date,
                url=url,
                options=self.options,
                lines=lines,
            )

        if settling:
            # A settling pass takes no metadata lines out of the body: each pass would find
            # the next date or name line below the last one and peel a comment thread off
            # line by line, and a body could never come back whole.
            return TextPass(
                units, url, roles, kept_because, None, metadata_for, bool(verdicts.roles), prefix_date is not None
            )
        found = metadata_for([unit.index for unit in kept])
        kept_indices = {unit.index for unit in kept}
        for index, field_name in found.used.items():
            if (
                field_name == "title"
                and index in kept_indices
                and not headline_set_apart(units, index, url, self.options)
            ):
                continue  # the story's first line, read as the headline (see `headline_set_apart`)
            roles[index] = (field_name, "metadata", None)  # type: ignore[assignment]
        if found.title:
            title_key = found.title.casefold()
            for unit in kept:
                if unit.text.casefold() == title_key and unit.index not in found.used:
                    roles[unit.index] = ("dropped", "repeated-headline", None)
            if all(index in roles for index in kept_indices):
                # (a body of nothing but its headline is still the article's: the page is no failure)
                for index in kept_indices:
                    if roles[index][0] == "title" or roles[index][1] == "repeated-headline":
                        del roles[index]
        return TextPass(
            units, url, roles, kept_because, found, metadata_for, bool(verdicts.roles), prefix_date is not None
        )


class TextPass(NamedTuple):
    """What one pass over a text decided (see `TextPipeline.one_pass`)."""

    units: list[Unit]
    #: the address given, or else the one the capture states
    url: str | None
    #: the units not kept as body: (role, reason, score)
    roles: dict[int, tuple[Role, str, float | None]]
    #: why the kept units were kept: (reason, score)
    kept_because: dict[int, tuple[str, float | None]]
    #: the metadata found (None in a settling pass, which takes no metadata)
    found: TextMetadata | None
    #: the metadata search, to run again around another body
    metadata_for: Callable[[list[int]], TextMetadata]
    #: whether a rule claimed a unit
    rules_claimed: bool
    #: whether a capture tool's prefix was cut from the first line
    rewrote_first_line: bool

    def settled_already(self, options: Options = DEFAULT_OPTIONS) -> bool:
        """Whether a settling pass over the same text could leave it unchanged: no rule
        claimed a unit (rules are the same in both passes) and the model gave no unit less
        than the settling threshold (its probabilities are the same too)."""
        if self.rules_claimed or self.rewrote_first_line:
            return False
        return not any(
            reason == "text-model" and score is not None and score < options.text_settling_threshold
            for _, reason, score in self.roles.values()
        )

    def changes_nothing(self) -> bool:
        """Whether this pass keeps every unit as it was."""
        return not self.roles and not self.rewrote_first_line


def headline_set_apart(units: Sequence[Unit], index: int, url: str | None, options: Options = DEFAULT_OPTIONS) -> bool:
    """Whether a headline line that the body heuristics kept may leave the body.

    The headline is found by where it sits (just above the story) and how it reads; but an
    already-clean body also starts with a short line just above its prose. A kept line leaves
    the body as the headline only when the page sets it apart: it is not a sentence of prose,
    and the page repeats it (page title, breadcrumb, share text), or the address's slug
    names it, or a byline or date line follows it. Without this, cleaning a cleaned body
    would take its first line for a headline, again and again.
    """
    unit = units[index]
    if is_prose(unit):
        return False
    if echoed(units, index, options):
        return True
    if index == 0 and len(units) > 1 and is_prose(units[1]):
        return True
    if slug_overlap(unit.text, slug_words(url)) >= options.headline_min_slug_overlap:
        return True
    below = units[index + 1 : index + 1 + options.title_meta_below_units]
    return any(
        u.words <= options.byline_max_words and (meta.parse_date(u.text) or meta.parse_byline(u.text, options))
        for u in below
    )


def confident_core(body: Sequence[Unit], options: Options = DEFAULT_OPTIONS) -> list[int]:
    """Indices of the units of `body` that the model keeps at the first pass's threshold,
    judged as a text of their own, again until that changes nothing.

    This is the body the settling passes would leave at the first pass's threshold: too
    strict for the story (out of the page, its short lines lose their context), but what
    is left is its surest part, which is where the headline, byline and date are looked for.
    """
    core = list(body)
    text_model: model.TextModel | None = None  # the gate's choice for the whole body judges its core too
    for _ in range(options.max_settling_passes):
        if not core:
            break
        units = split_units(_join_body(core), options)
        if len(units) != len(core):  # cannot happen for a body we wrote; never guess
            break
        base = None
        if text_model is None:
            text_model, base = model.model_for(units)
        threshold = heuristics.text_model_threshold(options, text_model)
        probabilities = text_model.probabilities(units, base)
        sure = [unit for unit, p in zip(core, probabilities.tolist(), strict=True) if p >= threshold]
        if len(sure) == len(core):
            break
        core = sure
    return [unit.index for unit in core]


def _relabel_metadata(
    roles: dict[int, tuple[Role, str, float | None]], first: TextMetadata, final: TextMetadata
) -> TextMetadata:
    """Take the metadata of the search around the settled body: lines the first search used
    and this one does not stay out of the body, now as plain drops; lines this one uses that
    are already out of the body are labelled with their field. A line still in the body keeps
    its place: the settled body is not changed."""
    for index in first.used:
        if index not in final.used and roles.get(index, ("body",))[1:2] == ("metadata",):
            roles[index] = ("dropped", "metadata (superseded after settling)", None)
    for index, field_name in final.used.items():
        if index in roles:
            roles[index] = (field_name, "metadata", None)  # type: ignore[assignment]
    return final


#: The warning of a body the model kept only by its fallback (`heuristics.text_model`): no line
#: reached its threshold, so the body is its best lines, which may be chrome rather than story.
FALLBACK_WARNING = "low-confidence body: no line read as article to the text model; its best-scoring lines were kept"


def _kept_by_fallback(body: Sequence[Unit], kept_because: dict[int, tuple[str, float | None]]) -> bool:
    """Whether the model's fallback kept a unit of `body` (then it kept the body's every model-judged unit)."""
    return any(kept_because.get(unit.index, ("kept", None))[0] == heuristics.FALLBACK_REASON for unit in body)


def _join_body(units: Sequence[Unit]) -> str:
    return "\n\n".join(unit.text for unit in units)


def stated_url(units: Sequence[Unit]) -> str | None:
    for unit in units[:5]:
        if match := _STATED_URL.match(unit.text):
            return match.group("url")
    return None
