"""Stage 6 — the Article: what cleaning a capture produces, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["body", "title", "byline", "date", "dropped"]


@dataclass(frozen=True)
class Decision:
    """What happened to one unit (a logical line of text, or a paragraph kept by trafilatura).

    `reason` names the rule id or the heuristic that decided; `score` is the heuristic's
    score where it has one. `element` is set on an element removed from an HTML page before
    its text was read: what it was, as a CSS-like label (`nav`, `aside.newsletter-box`).
    """

    first_line: int
    last_line: int
    text: str
    role: Role
    reason: str
    score: float | None = None
    element: str | None = None

    @property
    def kept(self) -> bool:
        return self.role == "body"


@dataclass(frozen=True)
class Article:
    """A cleaned article.

    `body` holds the article's own paragraphs separated by one blank line. `authors` are
    person names in natural case; `byline` joins them for display (`A`, `A and B`,
    `A, B and C`). `date` is ISO 8601 (`2022-02-04` or `2022-02-04T23:15`). `warnings` are
    not part of the output contract: the CLI prints them on stderr, one line each.
    """

    title: str | None
    authors: list[str]
    date: str | None
    body: str
    kind: Literal["text", "html"]
    url: str | None = None
    decisions: list[Decision] = field(default_factory=list, compare=False, repr=False)
    #: doubts about the capture that was still cleaned (a guessed charset, a low-confidence body), one line each
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def byline(self) -> str | None:
        return join_names(self.authors)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p]

    def to_dict(self) -> dict[str, Any]:
        """The metadata and body as the JSON output contract names them (no `source`)."""
        return {
            "kind": self.kind,
            "url": self.url,
            "title": self.title,
            "authors": list(self.authors),
            "byline": self.byline,
            "date": self.date,
            "body": self.body,
        }


def join_names(names: list[str]) -> str | None:
    if not names:
        return None
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]
