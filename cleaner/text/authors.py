"""Who wrote a plain-text capture: candidates, then a learned choice.

`metadata` asks each of its byline sources (a byline under the headline, a labelled line, a
name beside the date line, a signature after the story, an author link, a copyright holder…)
for what it reads, in its order of trust; this module adds the name-shaped lines near the
headline and after the story, merges candidates naming the same people, describes each one
by its features (which sources proposed it, how far it stands from the headline, what else
its line holds, whether its names open with a given name…) and lets a small learned model
(a conditional logit, `cleaner/data/author_model.json`, made by
`training/train_author_model.py`) pick one. When
even the best candidate scores under `options.author_choice_min_probability`, the page gets
no author: an invented author costs as much as a missed one.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from itertools import repeat
from operator import mul

import regex

from cleaner import meta, settings
from cleaner.blocks import Unit
from cleaner.meta import vocab
from cleaner.settings import Options
from cleaner.textutil import line_starts

#: The sources of candidates, in `metadata`'s order of trust (a model feature each).
SOURCES = (
    "header_by_word",  # the header's byline with a by-word (`By Jane Doe`)
    "header_shape",  # the header's line of capitalised words below the headline
    "header_line",  # any other header line read as a byline
    "trailing",  # a byline after a date closing a paragraph under the headline
    "labelled",  # a labelled line (`Author: Jane Doe`, `Posted by …`)
    "by_date",  # a lone name line beside the date line
    "closing",  # a signature just after the story
    "author_link",  # a link to the writer's profile after the story
    "copyright",  # the copyright holder, on a personal site
    "name_line_head",  # a short line that is a name, near the headline or the body start
    "name_line_end",  # a short line that is a name, after the story (an author box)
    "by_line_head",  # a short line with a by-word near the headline or the body start
    "by_line_end",  # a short line with a by-word after the story
    "name_line_body",  # a short line that is a name, further into the story
    "by_line_body",  # a short line with a by-word, further into the story
)

#: The sources that say a line is a byline (a by-word, a label), not only by its shape.
EXPLICIT_SOURCES = frozenset({"header_by_word", "labelled", "by_line_head", "by_line_body", "by_line_end"})

_DIGIT = regex.compile(r"\d")
#: A by-word glued to the name after it (`ByJane Doe`), as a dump writes a byline's two elements.
_GLUED_BY_WORD = regex.compile(r"^(By)(?=\p{Lu}\p{Ll})")
#: The start of a comment section or a list of other stories: names after it are not the author's.
_COMMENT_SECTION = regex.compile(
    rf"\b(?:{vocab.alternation(vocab.words('comment_section_words'), space=' ')})\b", regex.I
)


@dataclass
class AuthorCandidate:
    """Names one source reads from a line (`index`: the unit, None when it names none)."""

    source: str
    names: list[str]
    index: int | None
    sources: set[str] = field(default_factory=set)

    @property
    def key(self) -> frozenset[str]:
        return frozenset(name.casefold() for name in self.names)


@dataclass(frozen=True)
class AuthorContext:
    """Where the candidates stand on the page."""

    units: Sequence[Unit]
    anchor: int  # the headline, or the body start without one
    first_body: int
    last_body: int
    body: frozenset[int]
    excluded: frozenset[int]
    title: str | None
    host: str | None

    @cached_property
    def folded_texts(self) -> list[str]:
        """Each unit's text case-folded (each candidate looks for its name in every line)."""
        return [unit.text.casefold() for unit in self.units]

    @cached_property
    def _folded_page(self) -> tuple[str, list[int]]:
        """`folded_texts` one per line, and where each line starts."""
        texts = self.folded_texts
        return "\n".join(texts), line_starts(texts)

    def lines_holding(self, key: str) -> list[int]:
        """The positions of the units whose folded text holds `key` (found in the whole page at
        once: a name occurs on few lines)."""
        if not key or "\n" in key:
            return [position for position, text in enumerate(self.folded_texts) if key in text]
        page, starts = self._folded_page
        found = []
        at = page.find(key)
        while at >= 0:
            line = bisect_right(starts, at) - 1
            found.append(line)
            if line + 1 >= len(starts):
                break
            at = page.find(key, starts[line + 1])
        return found


def _name_of_line(text: str) -> str | None:
    """The name a short line is, in natural case (`JANE DOE` reads `Jane Doe`), else None."""
    text = meta.undoubled(text.strip()).strip(" .,;:|·•–—-")
    if not text or len(text.split()) > settings.NAME_MAX_WORDS + 1:
        return None
    cased = meta.natural_case(text)
    return cased if meta.looks_like_name(cased) else None


def _vouched(text: str, names: Sequence[str]) -> bool:
    """Whether a line's by-word stands before the names read from it: one inside the one name the
    whole line is (`Notes von Radon`) is a phrase's preposition, unless the name opens with a
    given name (`Alexa von Heyden`)."""
    wholes = {text.strip().casefold(), meta.set_apart(text).casefold()}
    return all(
        name.casefold() not in wholes or len(name.split()) < 2 or meta.opens_with_given_name(name) for name in names
    )


def name_line_candidates(
    context: AuthorContext, options: Options, readings: dict[int, tuple[str, tuple[str, ...]] | None] | None = None
) -> list[AuthorCandidate]:
    """Lines that are only a name (`JANE DOE`), or short lines with a by-word (`ByJane Doe`, a
    by-word glued to the name), near the headline or the body start, further into the story, and after
    it (an author box). `readings`: each line's `name_line_reading`, kept from an earlier call
    over the same lines (filled in here)."""
    units = context.units
    near = range(
        max(0, min(context.anchor, context.first_body) - options.author_name_line_above),
        min(
            len(units),
            min(max(context.anchor, context.first_body) + options.author_name_line_below, context.last_body) + 1,
        ),
    )
    inside = range(near.stop, context.last_body + 1)
    after = range(context.last_body + 1, min(len(units), context.last_body + 1 + options.author_name_line_after))
    found = []
    for place, indices in (("head", near), ("body", inside), ("end", after)):
        for index in indices:
            if index in context.excluded or index == context.anchor and context.title is not None:
                continue
            unit = units[index]
            if place == "end" and _COMMENT_SECTION.search(unit.text):
                break
            if unit.words > options.byline_max_words:
                continue
            if readings is None:
                reading = name_line_reading(unit.text, options)
            elif (reading := readings.get(index, _UNREAD)) is _UNREAD:
                reading = readings[index] = name_line_reading(unit.text, options)
            if reading is not None:
                found.append(AuthorCandidate(f"{reading[0]}_{place}", list(reading[1]), index))
    return found


_UNREAD = ("", ())


def name_line_reading(text: str, options: Options) -> tuple[str, tuple[str, ...]] | None:
    """What a short line names, wherever it stands: (`by_line`, its names) for a line with a
    by-word, (`name_line`, the name) for a line that is only a name, None for neither."""
    if not meta.may_name_someone(text):
        # (neither reading can name anyone: a name has two capitals, and setting a glued by-word
        # or button apart below only puts spaces and separators in; most short lines stop here)
        return None
    # (a by-word is read as one, not as a name's particle: `Von Jane Doe` is Jane Doe)
    bare = text.strip()
    bare = meta.unglued(_GLUED_BY_WORD.sub(r"\1 ", bare) if bare.startswith("By") else bare)
    if meta.has_by_word(bare):
        if (names := meta.parse_byline(bare, options)) and _vouched(bare, names):
            return "by_line", tuple(names)
    elif (name := _name_of_line(text)) is not None:
        return "name_line", (name,)
    return None


def merged(candidates: Sequence[AuthorCandidate]) -> list[AuthorCandidate]:
    """One candidate per set of names, where the most trusted source put it, knowing every
    source that proposed it."""
    by_key: dict[frozenset[str], AuthorCandidate] = {}
    for candidate in candidates:
        if not candidate.names:
            continue
        if (kept := by_key.get(candidate.key)) is None:
            kept = by_key[candidate.key] = AuthorCandidate(candidate.source, list(candidate.names), candidate.index)
            if kept.index is None:
                kept.index = candidate.index
        kept.sources.add(candidate.source)
    return list(by_key.values())


def features(
    candidate: AuthorCandidate, rank: int, context: AuthorContext, explicit_elsewhere: bool = False
) -> dict[str, float]:
    """What the model knows of a candidate (`rank`: its place in the order of trust;
    `explicit_elsewhere`: whether another candidate's line says it is a byline)."""
    units = context.units
    names = candidate.names
    out = {f"source_{source}": float(source in candidate.sources) for source in SOURCES}
    out["explicit"] = float(bool(candidate.sources & EXPLICIT_SOURCES))
    out["explicit_elsewhere"] = float(explicit_elsewhere)
    out["sources"] = float(len(candidate.sources))
    out["first_in_trust"] = float(rank == 0)
    out["rank"] = math.log1p(rank)
    out["names"] = float(len(names))
    words = [len(name.split()) for name in names]
    out["one_word_name"] = float(min(words) < 2)
    out["long_name"] = float(max(words) > settings.NAME_MAX_WORDS - 1)
    out["given_all"] = float(all(meta.opens_with_given_name(name) for name in names))
    out["given_any"] = float(any(meta.opens_with_given_name(name) for name in names))
    out["looks_like_name"] = float(all(meta.looks_like_name(meta.natural_case(name)) for name in names))
    folded = [name.casefold() for name in names]
    title = (context.title or "").casefold()
    out["in_title"] = float(bool(title) and any(name in title for name in folded))
    host = (context.host or "").casefold().replace("-", "")
    out["in_host"] = float(bool(host) and any(name.replace(" ", "") in host for name in folded))
    if candidate.index is None:
        out["no_line"] = 1.0
        return out
    index = candidate.index
    text = units[index].text
    distance = index - context.anchor
    out["distance"] = math.log1p(abs(distance))
    out["above_anchor"] = float(distance < 0)
    out["before_body"] = float(index < context.first_body)
    out["after_body"] = float(index > context.last_body)
    out["after_body_distance"] = math.log1p(max(0, index - context.last_body))
    out["in_body"] = float(index in context.body)
    out["line_words"] = math.log1p(units[index].words)
    out["line_only_name"] = float(len(names) == 1 and text.strip().casefold() == folded[0])
    out["by_word"] = float(meta.has_by_word(text))
    out["role"] = float(bool(meta.ROLES.search(text)))
    out["date"] = float(bool(_DIGIT.search(text)) and bool(meta.find_dates(text)))
    out["capitals"] = float(text.isupper())
    repeats = sum(1 for position in context.lines_holding(folded[0]) if units[position].index != index)
    out["repeated"] = math.log1p(repeats)
    return out


def page_features(ranked: Sequence[AuthorCandidate], context: AuthorContext) -> list[dict[str, float]]:
    """The features of a page's merged candidates, in the order of trust."""
    explicit = [bool(candidate.sources & EXPLICIT_SOURCES) for candidate in ranked]
    return [
        features(candidate, rank, context, any(explicit[:rank] + explicit[rank + 1 :]))
        for rank, candidate in enumerate(ranked)
    ]


@dataclass(frozen=True)
class AuthorModel:
    """A choice among a page's candidates and "no author" (a conditional logit): a candidate's
    score is its features weighed plus a bias, no author scores 0, and each option's
    probability is its share of the scores' exponentials."""

    weights: dict[str, float]
    bias: float

    def score(self, feats: dict[str, float]) -> float:
        return self.bias + sum(map(mul, map(self.weights.get, feats, repeat(0.0)), feats.values()))

    def probabilities(self, rows: Sequence[dict[str, float]]) -> list[float]:
        """Each candidate's probability of being the page's authors, against the others and none."""
        scores = [self.score(feats) for feats in rows]
        top = max([0.0, *scores])
        exps = [math.exp(score - top) for score in scores]
        total = math.exp(-top) + sum(exps)
        return [e / total for e in exps]


@cache
def author_model() -> AuthorModel:
    """The packaged model (`cleaner/data/author_model.json`), read once per process."""
    text = resources.files("cleaner").joinpath("data", settings.AUTHOR_MODEL_FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    return AuthorModel(weights=dict(data["weights"]), bias=float(data["bias"]))


def scored(candidates: Sequence[AuthorCandidate], context: AuthorContext) -> list[tuple[float, AuthorCandidate]]:
    """The merged candidates with the model's probability that each is the page's authors."""
    ranked = merged(candidates)
    probabilities = author_model().probabilities(page_features(ranked, context))
    return list(zip(probabilities, ranked, strict=True))


def choose(candidates: Sequence[AuthorCandidate], context: AuthorContext, options: Options) -> AuthorCandidate | None:
    """The candidate the model trusts most, or None when it trusts none enough."""
    ranked = scored(candidates, context)
    if not ranked:
        return None
    probability, best = max(ranked, key=lambda pair: pair[0])
    return best if probability >= options.author_choice_min_probability else None
