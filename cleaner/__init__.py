"""cleaner: turn raw captures of news pages (HTML or plain-text dumps) into clean articles.

>>> from cleaner import clean
>>> article = clean(open("page.txt", "rb").read())
>>> article.title, article.authors, article.byline, article.date, article.body
"""

from cleaner.article import Article, Decision
from cleaner.capture import CaptureError
from cleaner.pipeline import Cleaner, NoArticleError, clean
from cleaner.rules import RuleError, RuleSet, RuleTimeout, load_rules

__version__ = "0.1.0"

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
