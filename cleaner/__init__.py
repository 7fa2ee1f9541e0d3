"""cleaner: turn raw captures of news pages (HTML or plain-text dumps) into clean articles.

>>> from cleaner import clean
>>> article = clean(open("page.txt", "rb").read())
>>> article.title, article.authors, article.byline, article.date, article.body
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Where each public name lives. They are imported on first use (PEP 562), so a tool that
#: needs one module (`cleaner.settings`, `cleaner.writers`) does not pay for the whole pipeline.
_PUBLIC = {
    "Article": "cleaner.article",
    "Decision": "cleaner.article",
    "CaptureError": "cleaner.capture",
    "Cleaner": "cleaner.api",
    "NoArticleError": "cleaner.api",
    "clean": "cleaner.api",
    "RuleError": "cleaner.rules",
    "RuleSet": "cleaner.rules",
    "RuleTimeout": "cleaner.rules",
    "load_rules": "cleaner.rules",
}

__all__ = [
    "Article",
    "CaptureError",
    "Cleaner",
    "Decision",
    "NoArticleError",
    "RuleError",
    "RuleSet",
    "RuleTimeout",
    "clean",
    "load_rules",
    "__version__",
]

if TYPE_CHECKING:
    from cleaner.api import Cleaner, NoArticleError, clean
    from cleaner.article import Article, Decision
    from cleaner.capture import CaptureError
    from cleaner.rules import RuleError, RuleSet, RuleTimeout, load_rules


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        value = getattr(import_module(_PUBLIC[name]), name)
        globals()[name] = value  # later lookups are plain attribute reads
        return value
    raise AttributeError(f"module 'cleaner' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})
