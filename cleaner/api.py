"""The library's entry points: `Cleaner` (rules compiled once, many captures) and `clean`.

The pipeline, capture → blocks → rules → heuristics → metadata → Article, runs in
`cleaner.text.pipeline` for plain-text captures and in `cleaner.html.pipeline` for HTML;
`Cleaner` reads the capture and hands it to one of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from cleaner.article import Article
from cleaner.capture import CaptureError, CaptureKind, nested_too_deep, read_capture
from cleaner.html.pipeline import clean_html
from cleaner.rules import RuleSet, load_rules
from cleaner.settings import DEFAULT_OPTIONS, Options
from cleaner.text.pipeline import TextPipeline


class NoArticleError(ValueError):
    """The capture holds text, but no article survived cleaning (only boilerplate)."""


class Cleaner:
    """A reusable cleaner: rules are loaded and compiled once, then applied to many captures.

    >>> cleaner = Cleaner(extra_rules=["my_rules/"])
    >>> article = cleaner.clean(open("page.txt", "rb").read())

    `options` are its thresholds (`cleaner.settings.Options`; the defaults when None):

    >>> strict = Cleaner(options=dataclasses.replace(DEFAULT_OPTIONS, text_model_threshold=0.5))
    """

    def __init__(
        self,
        extra_rules: Iterable[str | Path] = (),
        *,
        builtin_rules: bool = True,
        rules: RuleSet | None = None,
        options: Options | None = None,
    ) -> None:
        self.rules = rules if rules is not None else load_rules(list(extra_rules), builtin=builtin_rules)
        self.options = options if options is not None else DEFAULT_OPTIONS
        self.text = TextPipeline(self.rules, self.options)

    def clean(self, data: bytes | str, url: str | None = None, kind: CaptureKind | None = None) -> Article:
        """Clean one capture into an article, with this cleaner's rules.

        Args:
            data: The capture: a saved HTML page or a whole-page plain-text dump, as bytes
                (decoded from its BOM, its declared charset, or a guess; gzip is unpacked)
                or as str (already decoded). bytearray and memoryview are read as bytes.
            url: The page's URL, if known: it scopes site rules and helps the metadata.
            kind: "html" or "text" to say what the capture is; None (the default) decides
                from the content, never from a file name.

        Returns:
            The `Article`: body, title, authors, byline, date, and the decisions that
            kept or dropped each line. Its `warnings` note doubts met on the way (e.g. a
            guessed charset, or a body of lines the text model kept only as its fallback).

        Raises:
            TypeError: `data` is neither bytes nor str.
            ValueError: `kind` is not "html", "text" or None.
            CaptureError: `data` is not a capture (empty, binary, too large, a gzip bomb).
            NoArticleError: the capture holds text, but nothing of an article survives.
        """
        capture = read_capture(data, kind, options=self.options)
        if capture.kind == "html":
            article = clean_html(capture.text, url, self.rules, self.options)
        else:
            article = self.text.clean(capture.text, url)
        if not article.body.strip():
            if capture.kind == "html" and nested_too_deep(capture.text):
                raise NoArticleError(
                    "no article found: markup nested deeper than the HTML parser's limit of 256 levels; "
                    "text below it was not read"
                )
            raise NoArticleError("no article found (the capture holds only boilerplate)")
        # the capture's doubts (a guessed charset) come first, then the pipeline's (a fallback body)
        return replace(article, warnings=capture.warnings + article.warnings) if capture.warnings else article

    def clean_text(self, text: str, url: str | None = None) -> Article:
        """Clean a plain-text capture already decoded (see `TextPipeline.clean`)."""
        return self.text.clean(text, url)


_DEFAULT: Cleaner | None = None


def clean(
    data: bytes | str, url: str | None = None, kind: CaptureKind | None = None, *, options: Options | None = None
) -> Article:
    """Clean one capture into an article, with the built-in rules (compiled once per process).

    For your own rules, or to skip the built-in ones, make a `Cleaner`.

    Args:
        data: The capture: a saved HTML page or a whole-page plain-text dump, as bytes
            (decoded from its BOM, its declared charset, or a guess; gzip is unpacked)
            or as str (already decoded). bytearray and memoryview are read as bytes.
        url: The page's URL, if known: it scopes site rules and helps the metadata.
        kind: "html" or "text" to say what the capture is; None (the default) decides
            from the content, never from a file name.
        options: The thresholds (`cleaner.settings.Options`); None for the defaults.

    Returns:
        The `Article`: body, title, authors, byline, date, and the decisions that kept
        or dropped each line. Its `warnings` note doubts met on the way (e.g. a guessed
        charset, or a body of lines the text model kept only as its fallback).

    Raises:
        TypeError: `data` is neither bytes nor str.
        ValueError: `kind` is not "html", "text" or None.
        CaptureError: `data` is not a capture (empty, binary, too large, a gzip bomb).
        NoArticleError: the capture holds text, but nothing of an article survives.

    >>> article = clean(open("page.html", "rb").read(), url="https://example.com/story")
    """
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Cleaner()
    if options is not None and options != _DEFAULT.options:
        return Cleaner(rules=_DEFAULT.rules, options=options).clean(data, url=url, kind=kind)
    return _DEFAULT.clean(data, url=url, kind=kind)


__all__ = ["CaptureError", "Cleaner", "NoArticleError", "clean"]
