"""Markdown captures: a page saved as Markdown reads as the plain text it shows.

Scrapers that turn pages into Markdown (html2text and the reader services built on the same
idea) write every link as `[text](address)`, every image as `![alt](address)`, headings with
`#` marks and emphasis with `**`. Left in, the addresses are words the body would count and
the marks hide a headline's shape, so such a capture is first read as the text a reader sees.
Only the inline marks go: line breaks stay where they are (the decisions keep the capture's
line numbers) and list bullets stay, as a text browser writes them too.
"""

from __future__ import annotations

import regex

from cleaner.settings import DEFAULT_OPTIONS, Options

# An address in Markdown: no space, balanced parentheses one level deep, an optional title.
_ADDRESS = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)"
# A link's or an image's text: it may run over a line break (a capture wrapped to a width), not
# over a blank line.
_LABEL = r"(?:[^\]\n]|\n(?![ \t]*\n))*"
#: An image, `![alt](address)`: nothing a reader sees as text.
_IMAGE = regex.compile(rf"!\[{_LABEL}\]{_ADDRESS}")
#: A link, `[text](address)`: its text.
_LINK = regex.compile(rf"\[({_LABEL})\]{_ADDRESS}")
#: Strong or emphasised text's marks (`**`, `__`), and a heading's (`## `) at a line's start.
_EMPHASIS = regex.compile(r"\*\*+|__+")
_HEADING = regex.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", regex.M)
#: A backslash escaping a character Markdown would read as a mark (`1\. item`, `\*`).
_ESCAPE = regex.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")


def looks_like_markdown(text: str, options: Options = DEFAULT_OPTIONS) -> bool:
    """A capture written as Markdown: links in Markdown's inline form, at least
    `options.markdown_min_links` of them and at least `options.markdown_min_link_share` per
    non-blank line (a page that prints a few such links as text is not Markdown)."""
    if "](" not in text:
        return False
    links = sum(1 for _ in _LINK.finditer(text))
    if links < options.markdown_min_links:
        return False
    lines = sum(1 for line in text.split("\n") if line.strip())
    return links >= options.markdown_min_link_share * lines


def plain_from_markdown(text: str) -> str:
    """`text` without Markdown's inline marks: links read as their text, images go, heading and
    emphasis marks and escaping backslashes go; every line stays on its own line."""
    text = _IMAGE.sub(_line_breaks_only, text)
    text = _LINK.sub(r"\1", text)
    text = _HEADING.sub("", text)
    text = _EMPHASIS.sub("", text)
    return _ESCAPE.sub(r"\1", text)


def _line_breaks_only(mark: regex.Match[str]) -> str:
    """What stays of a mark that goes: its line breaks (every line stays on its own line)."""
    return "\n" * mark.group().count("\n")
