"""Stage 3 — rules applied: every rule action is carried out here.

Text rules run over the units of a capture (or of the text the HTML extractor kept); HTML
rules remove elements from the parsed page before extraction. The first rule to claim a
unit decides it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import cssselect
import lxml.html
from lxml import etree
from lxml.cssselect import LxmlTranslator

from cleaner import meta, settings
from cleaner.article import Decision, Role
from cleaner.blocks import Unit
from cleaner.rules.model import Rule, RuleSet
from cleaner.settings import DEFAULT_OPTIONS, Options
from cleaner.textutil import normalize_space
from cleaner.tree import element_label, is_within, remove_element


class RuleVerdicts:
    """What the text rules decided for each unit, plus the metadata they captured."""

    def __init__(self) -> None:
        self.roles: dict[int, tuple[Role, str]] = {}
        self.authors: list[str] = []
        self.date: str | None = None


def apply_text_rules(
    units: Sequence[Unit], rules: RuleSet, cut_floor: int = 0, *, options: Options = DEFAULT_OPTIONS
) -> RuleVerdicts:
    """Run every text rule over the units; the first rule to claim a unit decides it.

    A `cut-to-end` rule matching above position `cut_floor` (where the story starts, see
    `cleaner.text.heuristics.cut_to_end_floor`) drops only its own line: a "Most read" or "Comments" link
    in the page's menu must not take the story below it along.
    """
    verdicts = RuleVerdicts()
    roles = verdicts.roles
    # Each rule scans all units at once for where it may match; only those are searched
    # exactly, in the same order as searching every unit (see `RuleSet.candidates`).
    candidates = rules.candidates([unit.text for unit in units], options.rule_timeout_seconds)
    for rule, positions in zip(rules.text_rules, candidates, strict=True):
        for position in range(len(units)) if positions is None else positions:
            unit = units[position]
            if unit.index in roles:
                continue
            match = rule.search(unit.text, options.rule_timeout_seconds)
            if match is None:
                continue
            if rule.action == "drop":
                roles[unit.index] = ("dropped", rule.id)
            elif rule.action == "drop-block":
                for member in _block_of(units, position):
                    roles.setdefault(member.index, ("dropped", rule.id))
            elif rule.action == "cut-to-end" and position < cut_floor:
                roles[unit.index] = ("dropped", rule.id)
            elif rule.action == "cut-to-end":
                end = _cut_end(units, position, rule, options)
                for member in units[position:end]:
                    roles.setdefault(member.index, ("dropped", rule.id))
                if end == len(units):
                    break
            elif rule.action == "byline":
                # (a handle too: the rule says the group is the author, as a by-word would)
                names = meta.credited_names(match.groupdict().get("author") or match.group(0), options)
                if names and not verdicts.authors:
                    verdicts.authors = names
                roles[unit.index] = ("byline", rule.id)
            elif rule.action == "date":
                date = meta.parse_date(match.groupdict().get("date") or match.group(0))
                if date and verdicts.date is None:
                    verdicts.date = date
                roles[unit.index] = ("date", rule.id)
            for follower in units[position + 1 : position + 1 + rule.next]:
                roles.setdefault(follower.index, ("dropped", rule.id))
    return verdicts


def _cut_end(units: Sequence[Unit], position: int, rule: Rule, options: Options) -> int:
    """Where a cut-to-end from `units[position]` stops: just past the first later unit its
    `until` pattern matches (a carousel that says where it ends, with story after it), else
    the end of the capture."""
    if rule.until is not None:
        for end in range(position + 1, len(units)):
            if rule.ends_cut(units[end].text, options.rule_timeout_seconds):
                return end + 1
    return len(units)


def _block_of(units: Sequence[Unit], position: int) -> list[Unit]:
    """The bullet item holding `units[position]`, or that unit with the list it introduces."""
    unit = units[position]
    if unit.item >= 0:
        return [u for u in units if u.item == unit.item]
    block = [unit]
    for follower in units[position + 1 :]:
        if follower.blank_before or follower.item < 0:
            break
        block.append(follower)
    return block


def apply_html_rules(tree: lxml.html.HtmlElement, rules: RuleSet, options: Options = DEFAULT_OPTIONS) -> list[Decision]:
    """Remove every element an HTML rule selects, rule by rule in their order (an element
    inside one an earlier rule removed is gone with it); one decision per removed element."""
    html_rules = rules.html_rules
    plan = _match_plan(tuple(rule.selector_text for rule in html_rules))
    candidates_of: dict[int, list[etree._Element]] = {}  # each rule's candidates, in document order
    for element, rules_hit in plan.candidates(tree):
        for number in rules_hit:
            candidates_of.setdefault(number, []).append(element)
    decisions = []
    content = _PageContent(tree, options.html_rule_content_min_share)
    for number, (rule, test) in enumerate(zip(html_rules, plan.tests, strict=True)):
        if test is None:
            assert rule.selector is not None
            elements = rule.selector(tree)
        else:  # what the rule's selector would find now: still in the page, and matching
            elements = [
                element for element in candidates_of.get(number, ()) if test(element) and is_within(element, tree)
            ]
        for element in elements:
            if content.is_held_by(element):
                continue
            text = normalize_space(element.text_content()) if isinstance(element, lxml.html.HtmlElement) else ""
            text = text[: settings.EXPLAIN_REMOVED_TEXT_CHARS]
            line = element.sourceline or 0
            decisions.append(Decision(line, line, text, "dropped", rule.id, element=element_label(element)))
            remove_element(element)
    return decisions


class _PageContent:
    """The page's posts (`<article>` elements) and paragraph words, measured once when first
    asked: an element holding every post and most of the paragraph words is the page's
    content, whatever a rule calls it. A forum thread is marked up as a comment area
    (`#comments` holding every post); a comment area under a story leaves the story's
    paragraphs, or a post of its own, outside."""

    def __init__(self, tree: lxml.html.HtmlElement, min_share: float) -> None:
        self.tree = tree
        self.min_share = min_share
        self.posts: int | None = None
        self.paragraph_words = 0

    def is_held_by(self, element: etree._Element) -> bool:
        """Whether `element` holds every post of the page (at least one) and at least
        `min_share` of its paragraph words (`Options.html_rule_content_min_share`)."""
        if next(element.iter("article"), None) is None:  # most removed elements: no post inside
            return False
        if self.posts is None:
            self.posts = sum(1 for _ in self.tree.iter("article"))
            self.paragraph_words = _paragraph_words(self.tree)
        return (
            sum(1 for _ in element.iter("article")) >= self.posts
            and _paragraph_words(element) >= self.min_share * self.paragraph_words > 0
        )


def _paragraph_words(element: etree._Element) -> int:
    return sum(len(paragraph.text_content().split()) for paragraph in element.iter("p"))


@dataclass(frozen=True)
class _MatchPlan:
    """How to find the elements of a list of HTML rules with one walk over the page.

    Most selectors are unions of simple parts (`.share-tools, #comments, figcaption`), each
    needing a class, id, attribute or tag of the element itself. One walk collects the
    elements carrying any of them, with the rules that need it (`candidates`); `tests[i]`
    then tells exactly whether rule i selects one, as its selector would. A rule with another
    kind of selector (combinators, `:first-child`) has no test (None) and runs its own.
    """

    by_class: dict[str, frozenset[int]]
    by_id: dict[str, frozenset[int]]
    by_attribute: tuple[tuple[tuple[str, str], frozenset[int]], ...]  # ((name, a part of its value), rules)
    by_tag: dict[str, frozenset[int]]
    tests: tuple[etree.XPath | None, ...]

    def candidates(self, tree: lxml.html.HtmlElement) -> list[tuple[etree._Element, set[int]]]:
        """Elements some simple part of some rule may select, in document order, each with
        the numbers of those rules."""
        if not (self.by_class or self.by_id or self.by_attribute or self.by_tag):
            return []
        found = []
        by_class, by_id, by_attribute, by_tag = self.by_class, self.by_id, self.by_attribute, self.by_tag
        attribute_names = frozenset(name for (name, _), _ in by_attribute)
        # the few elements a tag selects are found in C: reading every element's tag in the
        # walk below (a new string each time) cost as much as the rest of the walk
        tag_hits_of = {element: by_tag[element.tag] for element in tree.iter(*by_tag)} if by_tag else {}
        for element in tree.iter():
            # most elements of a page carry no attribute at all: one call tells, before any lookup
            names = element.keys()
            tag_hits = tag_hits_of.get(element) if tag_hits_of else None
            if not names and tag_hits is None:
                continue
            hits: set[int] = set(tag_hits) if tag_hits else set()
            if "class" in names:
                for name in element.get("class").split():
                    if name in by_class:
                        hits |= by_class[name]
            if "id" in names:
                identifier = element.get("id")
                if identifier in by_id:
                    hits |= by_id[identifier]
            if not attribute_names.isdisjoint(names):
                for (name, value_part), numbers in by_attribute:
                    if name in names and value_part in element.get(name):
                        hits |= numbers
            if hits:
                found.append((element, hits))
        return found


_TRANSLATOR = LxmlTranslator()  # the translator CSSSelector uses, so the matches are the same


#: Conditions that look beyond the element itself (`:first-child`, `:has()`), which the
#: removal of other elements could change: such selectors run on their own.
_CONTEXT_AXES = ("::", "..", "/", "$")


#: One thing an element needs to match a simple selector: ("class", name), ("id", value),
#: ("tag", name) or ("attribute", (name, a part of its value)).
_Need = tuple[str, str | tuple[str, str]]


def _simple_part(selector: cssselect.Selector) -> tuple[str, _Need] | None:
    """For a selector on the element alone: an XPath condition equivalent to it, and one
    thing an element needs to match (("class", name), ("id", value), ("attribute", (name,
    a part of its value)) or ("tag", name)); None for any other selector."""
    if selector.pseudo_element:
        return None
    expression = _TRANSLATOR.xpath(selector.parsed_tree)
    if expression.path or any(marker in expression.condition for marker in _CONTEXT_AXES):
        return None
    needs: dict[str, str | tuple[str, str]] = {}
    node: cssselect.parser.Tree | None = selector.parsed_tree
    while node is not None:  # the chain of compound parts: `li.a[x]` is Attrib(Class(Element))
        if isinstance(node, cssselect.parser.Class):
            needs.setdefault("class", node.class_name)
        elif isinstance(node, cssselect.parser.Hash):
            needs.setdefault("id", node.id)
        elif isinstance(node, cssselect.parser.Attrib) and node.namespace is None:
            needs.setdefault("attribute", (node.attrib, _value_part(node)))
        elif isinstance(node, cssselect.parser.Element) and node.element:
            needs.setdefault("tag", node.element)
        node = getattr(node, "selector", None)
    need = next(((kind, needs[kind]) for kind in ("id", "class", "attribute", "tag") if kind in needs), None)
    if need is None:
        return None
    tests = [f"self::{expression.element}"] if expression.element != "*" else []
    if expression.condition:
        tests.append(f"({expression.condition})")
    return " and ".join(tests) or "true()", need


#: Attribute operators whose every match contains the selector's value in the attribute's
#: value (`[id^='newsletter']`, `[rel~='tag']`); `[x]` and `[x!='y']` need no part of it,
#: nor does a case-insensitive selector (`[x='y' i]`).
_VALUE_CONTAINING_OPERATORS = frozenset({"=", "~=", "|=", "^=", "$=", "*="})


def _value_part(attribute: cssselect.parser.Attrib) -> str:
    """A string every value the attribute selector matches contains ("" when there is none):
    an element whose attribute holds no such string is no candidate, and is not tested
    (`[id^='newsletter']` would otherwise test every element with an id)."""
    value = attribute.value.value if attribute.value is not None else None
    if attribute.operator in _VALUE_CONTAINING_OPERATORS and value is not None and attribute.flag is None:
        return value
    return ""


@lru_cache(maxsize=settings.MAX_CACHED_RULE_SUBSETS)
def _match_plan(selector_texts: tuple[str, ...]) -> _MatchPlan:
    needs: dict[str, dict[str, set[int]]] = {"class": {}, "id": {}, "tag": {}}
    attribute_needs: dict[tuple[str, str], set[int]] = {}
    tests: list[etree.XPath | None] = []
    for number, text in enumerate(selector_texts):
        try:
            parts = [_simple_part(selector) for selector in cssselect.parse(text)]
        except cssselect.SelectorError:
            parts = [None]
        simple = [part for part in parts if part is not None]
        if not parts or len(simple) < len(parts):
            tests.append(None)
            continue
        for _, (kind, value) in simple:
            if isinstance(value, tuple):  # ("attribute", (name, a part of its value))
                attribute_needs.setdefault(value, set()).add(number)
            else:
                needs[kind].setdefault(value, set()).add(number)
        tests.append(etree.XPath("self::*[" + " or ".join(f"({condition})" for condition, _ in simple) + "]"))

    def frozen(kind: str) -> dict[str, frozenset[int]]:
        return {value: frozenset(numbers) for value, numbers in needs[kind].items()}

    by_attribute = tuple(sorted((need, frozenset(numbers)) for need, numbers in attribute_needs.items()))
    return _MatchPlan(frozen("class"), frozen("id"), by_attribute, frozen("tag"), tuple(tests))
