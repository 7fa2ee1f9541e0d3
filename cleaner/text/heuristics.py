"""Stage 4 — heuristics: remove the chrome no rule names, from what a text dump still tells.

Each heuristic is a small named function over units that returns the units it drops with
a reason (its name) and, where it has one, a score. The thresholds are in `settings`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import regex

from cleaner import settings
from cleaner.blocks import Unit
from cleaner.settings import DEFAULT_OPTIONS, Options
from cleaner.text import model
from cleaner.text.features import PageText, densest_run

# The model's verdicts: two reasons to keep, one to drop, by a probability rounded to 3 places.
_MODEL_VERDICTS = 3 * 1001

_SENTENCE_END = regex.compile(r"[.!?…:;]['\"’”»)\]]*$|[\"”»]$")


@dataclass(frozen=True)
class Verdict:
    """A heuristic's judgement on one unit: dropped (the default) or, for a heuristic that
    judges every unit (the learned classifier), kept with its reason and score."""

    reason: str
    score: float | None = None
    drop: bool = True


def is_prose(unit: Unit) -> bool:
    """A unit that reads like a sentence of running text."""
    words = unit.words
    if words >= settings.LONG_PROSE_WORDS:
        return True
    return words >= settings.PROSE_MIN_WORDS and bool(_SENTENCE_END.search(unit.text))


def main_span(units: Sequence[Unit]) -> tuple[int, int] | None:
    """Positions (start, end inclusive) in `units` of the densest run of prose.

    The run maximising the sum of the units' scores (Kadane's maximum subarray): prose adds
    its word count, other lines cost a fixed penalty, so a heading between paragraphs stays in
    while a long menu or teaser list splits the page.
    """
    page = PageText([unit.text for unit in units])
    words = page.words()
    prose = (words >= settings.LONG_PROSE_WORDS) | ((words >= settings.PROSE_MIN_WORDS) & page.prose_ends())
    penalty = settings.NON_PROSE_PENALTY + np.where(
        words < settings.SHORT_UNIT_WORDS, settings.SHORT_UNIT_EXTRA_PENALTY, 0.0
    )
    return densest_run(np.where(prose, words, -penalty))


def cut_to_end_floor(units: Sequence[Unit]) -> int:
    """Position above which a `cut-to-end` rule drops only its own line: the start of the
    densest run of prose (`main_span`), 0 when the capture has none.

    Menus list "Most read" or "Comments" above the story; cutting there would take the story
    along. Where the story starts is judged before the rules run, on all units (the densest
    run of prose is the story far more often than the menu is).
    """
    span = main_span(units)
    return span[0] if span is not None else 0


def repeated_lines(units: Sequence[Unit], options: Options = DEFAULT_OPTIONS) -> dict[int, Verdict]:
    """Drop later copies of a line that occurs more than once (echoed headlines, widget text).

    Reads no threshold; takes `options` as every heuristic does."""
    seen: Counter[str] = Counter()
    verdicts = {}
    for unit in units:
        key = unit.text.casefold()
        if seen[key]:
            verdicts[unit.index] = Verdict("repeated-line", float(seen[key] + 1))
        seen[key] += 1
    return verdicts


#: The reason of a unit `text_model` kept by its fallback (the article then carries a warning).
FALLBACK_REASON = "text-model-fallback"


def text_model(
    units: Sequence[Unit], options: Options = DEFAULT_OPTIONS, threshold: float | None = None
) -> dict[int, Verdict]:
    """Judge every unit with the learned classifier the gate chooses (`model.model_for`): a unit whose body
    probability is below `threshold` (default: `options.text_model_threshold`, else the
    model's own) is dropped, the others kept; both carry the probability.

    When the model keeps nothing of a page, the units within
    `options.text_model_fallback_ratio` of the best probability are kept, if that best one
    reaches `options.text_model_fallback_min_probability`: a capture is rarely all
    boilerplate, and an empty article is worse than a few doubtful lines; a bare menu is not
    an article.
    """
    if not units:
        return {}
    judge, base = model.model_for(units)
    if threshold is None:
        threshold = text_model_threshold(options, judge)
    probabilities = judge.probabilities(units, base)
    keep = probabilities >= threshold
    reason = "text-model"
    if not keep.any() and probabilities.max() >= options.text_model_fallback_min_probability:
        keep = probabilities >= probabilities.max() * options.text_model_fallback_ratio
        reason = FALLBACK_REASON
    return {
        unit.index: _model_verdict(reason if kept else "text-model", round(p, 3), not kept)
        for unit, p, kept in zip(units, probabilities.tolist(), keep.tolist(), strict=True)
    }


@lru_cache(maxsize=_MODEL_VERDICTS)
def _model_verdict(reason: str, score: float, drop: bool) -> Verdict:
    """The model's verdict (frozen, so one object serves every unit judged alike): made
    once, not for each of a page's units."""
    return Verdict(reason, score, drop=drop)


def text_model_threshold(options: Options = DEFAULT_OPTIONS, judge: model.TextModel | None = None) -> float:
    """The first pass's threshold: `options.text_model_threshold`, else the model's own (`judge`,
    default the news model)."""
    if options.text_model_threshold is not None:
        return options.text_model_threshold
    return (judge or model.load_model()).threshold


def settling_text_model(units: Sequence[Unit], options: Options = DEFAULT_OPTIONS) -> dict[int, Verdict]:
    """`text_model` at `options.text_settling_threshold`, for a body that has already been
    cleaned once: without its chrome around it a story's short lines read less like body to
    the model than they did on the page, so only the clearest chrome goes."""
    return text_model(units, options, options.text_settling_threshold)


#: The heuristics for plain-text captures, in the order they run. Each sees only the units
#: still kept by the rules and the heuristics before it (the model sees the units exactly
#: as in training: all that the rules leave). The learned model replaced hand-set
#: heuristics (the main span, runs of short lines, teaser items): it sees the same signals
#: (the main span is one of its features) and more.
TEXT_HEURISTICS = (text_model, repeated_lines)
#: The heuristics of a settling pass (see `pipeline.Cleaner.clean_text`): the same, with the
#: model's lower settling threshold.
SETTLING_HEURISTICS = (settling_text_model, repeated_lines)
