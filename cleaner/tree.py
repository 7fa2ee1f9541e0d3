"""Small operations on a parsed page (an lxml tree) that the HTML rules and the HTML stages share."""

from __future__ import annotations

import regex
from lxml import etree

from cleaner import settings


def remove_element(element: etree._Element) -> None:
    """Remove an element but keep its tail text, which belongs to the parent."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = xml_safe((previous.tail or "") + tail)
        else:
            parent.text = xml_safe((parent.text or "") + tail)
    parent.remove(element)


#: Characters lxml keeps from a parsed page but refuses on assignment (not XML 1.0).
_NOT_XML = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\p{Cs}]")


def xml_safe(text: str) -> str:
    """`text` without the characters lxml refuses to assign (a ValueError otherwise)."""
    return _NOT_XML.sub("", text)


def is_within(element: etree._Element, ancestor: etree._Element) -> bool:
    """Whether `element` is `ancestor` or lies under it (for a page's root: whether it is still
    in the page, not inside a subtree removed from it)."""
    node: etree._Element | None = element
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def element_label(element: etree._Element) -> str:
    """A CSS-like label naming an element for a person: its tag, then its id or its first
    classes (`aside.newsletter-box`, `div#comments`, `nav`)."""
    tag = element.tag if isinstance(element.tag, str) else "comment"
    identifier = (element.get("id") or "").strip()
    if identifier and not any(character.isspace() for character in identifier):
        return f"{tag}#{identifier}"
    classes = (element.get("class") or "").split()[: settings.EXPLAIN_ELEMENT_CLASSES]
    return tag + "".join(f".{name}" for name in classes)
