"""The tools rule and fixture authors live in: `check`, `fixture add`, `explain`, `rules`, `learn`.

These are subcommands of the `clean` group; cleaner.cli imports this module only when one of
them is asked for (`clean check`, `clean --help`), so the main job starts without it. They
read and report; only `check --update`, `fixture add` and `learn` write files, and `learn`
never writes into `rules/`: its output is a candidate file to review.
"""

from __future__ import annotations

import json
import shutil
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import click
import regex

from cleaner import settings

# stated_url is how the text pipeline itself finds a capture's URL; learn must agree with it.
from cleaner.api import Cleaner, NoArticleError
from cleaner.article import Article, Decision
from cleaner.batch.jobs import discover
from cleaner.blocks import split_units
from cleaner.capture import CaptureError, read_capture, read_capture_file
from cleaner.cli.config import user_rule_paths
from cleaner.fixtures import (
    EXPECTED_BODY,
    EXPECTED_METADATA,
    SOURCE_NAMES,
    FixtureError,
    body_diff,
    body_text,
    check_fixture,
    expected_metadata_for,
    fixture_dirs_for,
    gold_boilerplate,
    load_fixture,
    metadata_changes,
    render_metadata,
)
from cleaner.html.extract import (
    HtmlParseError,
    drop_unshown,
    page_url,
    parse_html,
    separate_blocks,
)
from cleaner.html.pipeline import clean_html
from cleaner.rules import (
    Rule,
    RuleError,
    RuleSet,
    RuleTimeout,
    builtin_rules_dir,
    host_of,
    load_rules,
    parse_rule_file,
    rule_files,
)
from cleaner.rules.apply import apply_html_rules
from cleaner.settings import DEFAULT_OPTIONS
from cleaner.text.pipeline import stated_url
from cleaner.textutil import normalize_space
from cleaner.tree import element_label, remove_element
from cleaner.writers import atomic_write

_CONTEXT = {"help_option_names": ["-h", "--help"]}

RULES_HELP = (
    "Extra rule file or directory of *.toml rules (repeatable); added to the built-in rules "
    "and to those named by [tool.cleaner] rules in the nearest pyproject.toml."
)
NO_BUILTIN_HELP = "Leave out the built-in rules: use only --rules and those named by [tool.cleaner] rules."

_rules_option = click.option(
    "--rules", "rule_dirs", multiple=True, type=click.Path(exists=True, path_type=str), help=RULES_HELP
)
_no_builtin_option = click.option("--no-builtin-rules", is_flag=True, help=NO_BUILTIN_HELP)
# `rules list` and `rules test` take the rule files and folders as arguments, not as --rules.
_no_builtin_argument_option = click.option(
    "--no-builtin-rules",
    is_flag=True,
    help="Leave out the built-in rules: use only DIR... and those named by [tool.cleaner] rules.",
)


def _plural(count: int, noun: str) -> str:
    """`1 rule`, `2 rules`: a count with its noun."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _load_rules_or_fail(rule_dirs: Sequence[str], builtin: bool) -> RuleSet:
    """The built-in rules (unless left out), those [tool.cleaner] names, then `rule_dirs`; exit 2 if broken."""
    try:
        return load_rules(list(user_rule_paths(rule_dirs)), builtin=builtin)
    except RuleError as error:
        raise click.UsageError(str(error)) from error


def rule_example_failures(rules: Iterable[Rule]) -> list[str]:
    """Every failing example of every rule, one message each naming the rule and its file."""
    failures: list[str] = []
    for rule in rules:
        try:
            failures.extend(rule.example_failures())
        except RuleTimeout as error:
            failures.append(str(error))
    return failures


# --- check -------------------------------------------------------------------------------


@dataclass
class FixtureReport:
    """What `check` found for one fixture folder."""

    directory: Path
    problems: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # --update: what was rewritten


def check_directory(directory: Path, cleaner: Cleaner) -> FixtureReport:
    """Compare one fixture folder with the current output, and look for boilerplate in its gold."""
    report = FixtureReport(directory)
    try:
        fixture = load_fixture(directory)
    except FixtureError as error:
        report.problems.append(str(error))
        return report
    result = check_fixture(fixture, cleaner)
    report.problems.extend(result.problems)
    url = fixture.expected_metadata.get("url") or (result.article.url if result.article else None)
    report.problems.extend(gold_boilerplate(fixture.expected_body, cleaner.rules, url))
    return report


def update_directory(directory: Path, cleaner: Cleaner) -> FixtureReport:
    """Rewrite a fixture's expected files from the current output; record what changed."""
    report = FixtureReport(directory)
    present = [directory / name for name in SOURCE_NAMES if (directory / name).is_file()]
    if len(present) != 1:
        report.problems.append(f"{directory}: needs exactly one source file to update from, found {len(present)}")
        return report
    metadata_path = directory / EXPECTED_METADATA
    body_path = directory / EXPECTED_BODY
    try:
        old_metadata = json.loads(metadata_path.read_text(encoding="utf-8")) if metadata_path.is_file() else {}
    except ValueError as error:
        report.problems.append(f"{metadata_path}: not valid JSON ({error}); fix or delete it, then update")
        return report
    if not isinstance(old_metadata, dict):
        old_metadata = {}
    try:
        article = cleaner.clean(present[0].read_bytes(), url=old_metadata.get("url"))
    except (CaptureError, NoArticleError, HtmlParseError, RuleTimeout, OSError) as error:
        report.problems.append(f"{directory}: cleaning failed: {error}")
        return report
    old_body = body_path.read_text(encoding="utf-8") if body_path.is_file() else ""
    new_body = body_text(article)
    new_metadata = expected_metadata_for(article, old_metadata)
    if new_body != old_body or not body_path.is_file():
        atomic_write(body_path, new_body)
        report.changes.append(body_diff(old_body, new_body, directory.name, EXPECTED_BODY, f"{EXPECTED_BODY} (new)"))
    if new_metadata != old_metadata:
        atomic_write(metadata_path, render_metadata(new_metadata))
        report.changes.extend(
            f"{directory.name}/{EXPECTED_METADATA}: {line}" for line in metadata_changes(old_metadata, new_metadata)
        )
        if not old_metadata:
            report.changes.append(f"{directory.name}/{EXPECTED_METADATA}: written")
    return report


def _fixture_targets(paths: Sequence[str]) -> list[Path]:
    for path in paths:
        candidate = Path(path)
        if not candidate.exists() and not candidate.parent.is_dir():
            raise click.UsageError(f"{path}: no such fixture folder or file")
    return fixture_dirs_for([Path(path) for path in paths])


@click.command("check", context_settings=_CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--update", is_flag=True, help="Rewrite the expected files from the current output and show what changed."
)
@_rules_option
@_no_builtin_option
def check(paths: tuple[str, ...], update: bool, rule_dirs: tuple[str, ...], no_builtin_rules: bool) -> None:
    """Clean every fixture under PATHS (default: fixtures/) and compare with its expected files.

    \b
    PATHS are fixture folders, folders of fixtures, or files inside fixture folders
    (what pre-commit passes); each file stands for its folder, checked once.

    \b
    Fails (exit 1) when a body differs (a unified diff is printed), when metadata
    differs, when an expected.txt still holds a paragraph a rule would remove, when a
    folder lacks its expected files, or when a rule's own examples fail.
    Exit 0 prints one summary line.
    """
    rules = _load_rules_or_fail(rule_dirs, not no_builtin_rules)
    cleaner = Cleaner(rules=rules)
    if not paths:
        if not Path("fixtures").is_dir():
            raise click.UsageError("no fixtures/ folder here; name the fixture folders to check")
        paths = ("fixtures",)
    directories = _fixture_targets(paths)

    if update:
        reports = [update_directory(directory, cleaner) for directory in directories]
        changed = [report for report in reports if report.changes]
        for report in reports:
            for change in report.changes:
                click.echo(change.rstrip("\n"))
            for problem in report.problems:
                click.echo(f"FAIL {problem}", err=True)
        failed = [report for report in reports if report.problems]
        click.echo(
            f"updated {len(changed)} of {_plural(len(directories), 'fixture')} ({len(failed)} could not be updated)"
        )
        sys.exit(1 if failed else 0)

    reports = [check_directory(directory, cleaner) for directory in directories]
    failed = [report for report in reports if report.problems]
    for report in failed:
        click.echo(f"FAIL {report.directory}")
        for problem in report.problems:
            click.echo("  " + problem.rstrip("\n").replace("\n", "\n  "))
    example_failures = rule_example_failures(rules.rules)
    for failure in example_failures:
        click.echo(f"FAIL rule example: {failure}")
    if failed or example_failures:
        click.echo(
            f"{len(failed)} of {_plural(len(directories), 'fixture')} failed; "
            f"{_plural(len(example_failures), 'rule example failure')} in {_plural(len(rules.rules), 'rule')}"
        )
        sys.exit(1)
    matches = "matches" if len(directories) == 1 else "match"
    rule_count = _plural(len(rules.rules), "rule")
    click.echo(f"ok: {_plural(len(directories), 'fixture')} {matches}; the examples of {rule_count} pass")


# --- fixture add ---------------------------------------------------------------------------


@click.group("fixture", context_settings=_CONTEXT)
def fixture_group() -> None:
    """Create fixture folders (a capture with its expected output)."""


def fixture_name(capture: Path) -> str:
    """A folder name from a capture's file name: `Some Page.html.gz` -> `some-page`."""
    stem = capture.name
    for suffix in (".gz", ".html", ".htm", ".txt"):
        stem = stem.removesuffix(suffix)
    return _slug(stem, max_words=12) or "capture"


@fixture_group.command("add", context_settings=_CONTEXT)
@click.argument("capture", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", help="Folder name (default: from the capture's file name).")
@click.option(
    "--dir",
    "fixtures_dir",
    default="fixtures",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Where fixture folders live.",
)
@click.option("--url", help="The page's URL; stored in expected-metadata.json so site rules apply when checked.")
@click.option("--force", is_flag=True, help="Replace an existing fixture folder of that name.")
@_rules_option
@_no_builtin_option
def fixture_add(
    capture: Path,
    name: str | None,
    fixtures_dir: Path,
    url: str | None,
    force: bool,
    rule_dirs: tuple[str, ...],
    no_builtin_rules: bool,
) -> None:
    """Create a fixture folder from CAPTURE with today's output as its expected files.

    The expected files are a starting point, like readability's generate-testcase:
    review them, fix what the cleaner got wrong, then run `clean check`.
    """
    cleaner = Cleaner(rules=_load_rules_or_fail(rule_dirs, not no_builtin_rules))
    target = fixtures_dir / (name or fixture_name(capture))
    if target.exists() and not force:
        raise click.UsageError(f"{target} already exists; pass --force to replace it")
    try:
        data = read_capture_file(str(capture))
        kind = read_capture(data, options=cleaner.options).kind
        article = cleaner.clean(data, url=url)
    except (CaptureError, NoArticleError, HtmlParseError, RuleTimeout) as error:
        click.echo(f"{capture}: {error}; no fixture written", err=True)
        sys.exit(1)
    # The capture is copied byte for byte (gzip included) so the fixture tests exactly
    # what the scraper saved, encoding quirks and all.
    source_name = f"source.{kind if kind == 'html' else 'txt'}" + (".gz" if data[:2] == b"\x1f\x8b" else "")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    (target / source_name).write_bytes(data)
    atomic_write(target / EXPECTED_BODY, body_text(article))
    metadata = expected_metadata_for(article, {"url": url} if url else None)
    atomic_write(target / EXPECTED_METADATA, render_metadata(metadata))
    for written in (source_name, EXPECTED_BODY, EXPECTED_METADATA):
        click.echo(f"wrote {target / written}")
    click.echo(
        f"  title: {article.title!r}\n  byline: {article.byline!r}\n  date: {article.date!r}\n"
        f"  body: {len(article.paragraphs)} paragraphs\n"
        f"Review {target / EXPECTED_BODY} and {target / EXPECTED_METADATA} before committing."
    )


# --- explain -------------------------------------------------------------------------------

_ROLE_LABELS = {"body": "KEEP", "dropped": "DROP", "title": "TITLE", "byline": "BYLINE", "date": "DATE"}
_ROLE_COLOURS: dict[str, dict[str, Any]] = {
    "body": {"fg": "green"},
    "dropped": {"fg": "red", "dim": True},
    "title": {"fg": "cyan", "bold": True},
    "byline": {"fg": "cyan", "bold": True},
    "date": {"fg": "cyan", "bold": True},
}
#: Reasons that are not a rule or a heuristic: the unit was simply left in, or the
#: metadata finder took it.
_PLAIN_REASONS = {"kept": "", "trafilatura": "trafilatura", "metadata": "metadata"}


#: The reason of an element trafilatura left out of its extract.
EXTRACTOR = "trafilatura"

#: Elements whose text a reader never sees: never reported as removed.
_UNSHOWN_TAGS = ("head", "script", "style", "noscript", "template")


def explain_article(data: bytes, cleaner: Cleaner, url: str | None = None) -> Article:
    """Clean `data` but, unlike `Cleaner.clean`, return the article even when its body is empty.

    `explain` exists to show why lines were dropped, which matters most when all were. For an
    HTML capture the decisions open with every element removed before the text was read, in
    page order: by an HTML rule, or left out by trafilatura (see `removed_by_extractor`).
    """
    capture = read_capture(data, options=cleaner.options)
    if capture.kind == "text":
        return cleaner.clean_text(capture.text, url)
    article = clean_html(capture.text, url, cleaner.rules, cleaner.options)
    by_rules = [decision for decision in article.decisions if decision.element is not None]
    extracted = [decision for decision in article.decisions if decision.element is None]
    removed = removed_by_extractor(capture.text, article.url, cleaner.rules, [d.text for d in extracted])
    html_stage = sorted(by_rules + removed, key=lambda decision: decision.first_line)
    return replace(article, decisions=html_stage + extracted)


def removed_by_extractor(page: str, url: str | None, rules: RuleSet, extracted: Sequence[str]) -> list[Decision]:
    """The blocks of `page` that trafilatura left out of its extract, one decision each.

    The page is prepared as `clean_html` hands it to trafilatura (HTML rules applied). A
    block is the largest element holding text but none of the `extracted` paragraphs: a
    `nav`, an `aside`, a comments section. Texts are compared without their whitespace.
    Only `explain` calls this: it reads the page a second time, which cleaning never does.
    """
    tree = parse_html(page)
    separate_blocks(tree)
    apply_html_rules(tree, rules.for_host(host_of(url or page_url(tree))))
    drop_unshown(tree)
    for element in list(tree.iter(*_UNSHOWN_TAGS)):
        remove_element(element)
    paragraphs = [squeezed for text in extracted if (squeezed := _squeezed(text))]
    joined = "\n".join(paragraphs)
    removed: list[Decision] = []

    def visit(element: Any) -> None:
        if not isinstance(element.tag, str):
            return
        content = _squeezed(element.text_content())
        if not content or content in joined:
            return
        if any(paragraph in content for paragraph in paragraphs):
            for child in element:
                visit(child)
            return
        line = element.sourceline or 0
        text = normalize_space(element.text_content())[: settings.EXPLAIN_REMOVED_TEXT_CHARS]
        removed.append(Decision(line, line, text, "dropped", EXTRACTOR, element=element_label(element)))

    for child in next(tree.iter("body"), tree):
        visit(child)
    return removed


def _squeezed(text: str) -> str:
    return "".join(text.split())


def describe_reason(decision: Decision, rules_by_id: dict[str, Rule]) -> tuple[str, str]:
    """(what decided, a human label): `rule`, `heuristic`, `metadata`, `extractor` (an element
    trafilatura left out) or `kept`."""
    reason = decision.reason
    if reason in rules_by_id:
        return "rule", f"rule {reason} ({Path(rules_by_id[reason].source).name})"
    if reason == EXTRACTOR and decision.role == "dropped":
        return "extractor", EXTRACTOR
    if reason in _PLAIN_REASONS:
        return ("metadata" if reason == "metadata" else "kept"), _PLAIN_REASONS[reason]
    score = f", score {decision.score:g}" if decision.score is not None else ""
    return "heuristic", f"heuristic {reason}{score}"


@click.command("explain", context_settings=_CONTEXT)
@click.argument("capture", type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=str))
@click.option("--url", help="The page's URL (scopes site rules).")
@click.option("--json", "as_json", is_flag=True, help="Print the decisions as JSON.")
@click.option("--full", is_flag=True, help=f"Do not shorten lines to {settings.EXPLAIN_TEXT_WIDTH} characters.")
@click.option("--color/--no-color", default=None, help="Colour (default: only on a terminal).")
@_rules_option
@_no_builtin_option
def explain(
    capture: str,
    url: str | None,
    as_json: bool,
    full: bool,
    color: bool | None,
    rule_dirs: tuple[str, ...],
    no_builtin_rules: bool,
) -> None:
    """Show CAPTURE unit by unit: kept or dropped, and the rule or heuristic that decided.

    \b
    Each line: capture line numbers, KEEP/DROP/TITLE/BYLINE/DATE, what decided
    (a rule id and its file, or a heuristic with its score), then the text.
    HTML captures are shown as the elements HTML rules removed (L: their source
    line), then the paragraphs trafilatura extracted (P: paragraph number).
    Exit 1 when nothing of an article is left.
    """
    rules = _load_rules_or_fail(rule_dirs, not no_builtin_rules)
    cleaner = Cleaner(rules=rules)
    try:
        article = explain_article(read_capture_file(capture), cleaner, url)
    except (CaptureError, HtmlParseError, RuleTimeout, OSError) as error:
        click.echo(f"{capture}: {error}", err=True)
        sys.exit(1)
    rules_by_id = {rule.id: rule for rule in rules.rules}
    if as_json:
        decisions = []
        for decision in article.decisions:
            decided_by, label = describe_reason(decision, rules_by_id)
            decisions.append({**asdict(decision), "kept": decision.kept, "decided_by": decided_by, "label": label})
        payload = {**article.to_dict(), "source": capture, "decisions": decisions}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        _print_explanation(article, rules_by_id, full, color)
    sys.exit(0 if article.body.strip() else 1)


def _print_explanation(article: Article, rules_by_id: dict[str, Rule], full: bool, color: bool | None) -> None:
    # An HTML capture is shown in two parts, so that elements (with source lines, L) are
    # never confused with paragraphs of trafilatura's extract (numbered, P).
    if article.kind == "text":
        _print_decisions(article.decisions, rules_by_id, full, color)
        kept = sum(decision.kept for decision in article.decisions)
        summary = f"kept {kept} of {_plural(len(article.decisions), 'unit')} (text capture)"
    else:
        removed = [decision for decision in article.decisions if decision.element is not None]
        paragraphs = [decision for decision in article.decisions if decision.element is None]
        by_extractor = sum(decision.reason == EXTRACTOR for decision in removed)
        click.echo("Removed from the page before its text was read (L: source line):", color=color)
        _print_decisions(removed, rules_by_id, full, color, element=True)
        click.echo("\nParagraphs trafilatura extracted (P: paragraph number):", color=color)
        _print_decisions(paragraphs, rules_by_id, full, color, prefix="P")
        kept = sum(decision.kept for decision in paragraphs)
        summary = (
            f"kept {kept} of {_plural(len(paragraphs), 'paragraph')} (html capture); elements removed before: "
            f"{len(removed) - by_extractor} by HTML rules, {by_extractor} left out by trafilatura"
        )
    click.echo(
        f"\ntitle: {article.title!r}\nbyline: {article.byline!r}\ndate: {article.date!r}\n{summary}"
        + ("" if article.body.strip() else "; no article: every unit was dropped"),
        color=color,
    )


def _print_decisions(
    decisions: Sequence[Decision],
    rules_by_id: dict[str, Rule],
    full: bool,
    color: bool | None,
    prefix: str = "L",
    element: bool = False,
) -> None:
    """One line per decision, in columns: where, what became of it, (the element,) what decided, the text."""
    if not decisions:
        click.echo("  (none)", color=color)
        return
    width = max(len(_lines(d, prefix)) for d in decisions)
    label_width = max(len(describe_reason(d, rules_by_id)[1]) for d in decisions)
    element_width = max(len(d.element or "") for d in decisions)
    for decision in decisions:
        _, label = describe_reason(decision, rules_by_id)
        text = decision.text
        if not full and len(text) > settings.EXPLAIN_TEXT_WIDTH:
            text = text[: settings.EXPLAIN_TEXT_WIDTH - 1] + "…"
        where = f"{_lines(decision, prefix):>{width}}  {_ROLE_LABELS[decision.role]:<6}  "
        what = f"{decision.element or '':<{element_width}}  " if element else ""
        line = f"{where}{what}{label:<{label_width}}  {text}"
        click.echo(click.style(line, **_ROLE_COLOURS[decision.role]), color=color)


def _lines(decision: Decision, prefix: str = "L") -> str:
    if decision.first_line == decision.last_line:
        return f"{prefix}{decision.first_line}"
    return f"{prefix}{decision.first_line}-{decision.last_line}"


# --- rules test / rules list -------------------------------------------------------------


@click.group("rules", context_settings=_CONTEXT)
def rules_group() -> None:
    """Test and list rules: the built-in ones, those [tool.cleaner] rules names, and any DIR given."""


def _rule_sources(paths: Sequence[str], no_builtin: bool) -> list[Path]:
    sources: list[str | Path] = ([] if no_builtin else [builtin_rules_dir()]) + list(user_rule_paths(paths))
    try:
        return rule_files(sources)
    except RuleError as error:
        raise click.UsageError(str(error)) from error


def test_rule_files(files: Sequence[Path]) -> tuple[int, list[str]]:
    """Load each file on its own and run its rules' examples: (rules tested, failure messages).

    Files are loaded one by one so a broken file is reported without hiding the others.
    """
    failures: list[str] = []
    seen: dict[str, Path] = {}
    tested = 0
    for file in files:
        try:
            rules = parse_rule_file(file)
        except RuleError as error:
            failures.append(str(error))
            continue
        for rule in rules:
            if rule.id in seen:
                failures.append(f"{file}: rule {rule.id!r}: duplicate id (already defined in {seen[rule.id]})")
            seen.setdefault(rule.id, file)
        tested += len(rules)
        failures.extend(rule_example_failures(rules))
    return tested, failures


@rules_group.command("test", context_settings=_CONTEXT)
@click.argument("paths", metavar="[DIR]...", nargs=-1, type=click.Path(exists=True, path_type=str))
@_no_builtin_argument_option
def rules_test(paths: tuple[str, ...], no_builtin_rules: bool) -> None:
    """Run every rule's examples: built-in rules, [tool.cleaner] rules, and DIR... (rule files or folders).

    Each failure names the file and rule id; exit 1 when any fails or a file cannot be loaded.
    """
    files = _rule_sources(paths, no_builtin_rules)
    tested, failures = test_rule_files(files)
    for failure in failures:
        click.echo(f"FAIL {failure}")
    sources = f"{_plural(tested, 'rule')} from {_plural(len(files), 'file')}"
    if failures:
        click.echo(f"{_plural(len(failures), 'failure')} in {sources}")
        sys.exit(1)
    click.echo(f"ok: the examples of {sources} pass")


@rules_group.command("list", context_settings=_CONTEXT)
@click.argument("paths", metavar="[DIR]...", nargs=-1, type=click.Path(exists=True, path_type=str))
@_no_builtin_argument_option
def rules_list(paths: tuple[str, ...], no_builtin_rules: bool) -> None:
    """List rules (built-in, [tool.cleaner] rules, DIR...): id, kind, action, scope and description, by file."""
    rules = _load_rules_or_fail(paths, not no_builtin_rules)
    by_file: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules.rules:
        by_file[rule.source].append(rule)
    id_width = max((len(rule.id) for rule in rules.rules), default=2)
    action_width = max((len(rule.action) for rule in rules.rules), default=6)
    scope_width = min(max((len(rule.scope) for rule in rules.rules), default=5), 30)
    for source, members in by_file.items():
        click.echo(_rule_file_heading(source))
        for rule in members:
            click.echo(
                f"  {rule.id:<{id_width}}  {rule.kind:<4}  {rule.action:<{action_width}}  "
                f"{rule.scope:<{scope_width}}  {rule.description}"
            )
    click.echo(
        f"{_plural(len(rules.rules), 'rule')} ({len(rules.text_rules)} text, {len(rules.html_rules)} html) "
        f"in {_plural(len(by_file), 'file')}"
    )


def _rule_file_heading(source: str) -> str:
    """A rule file as `rules list` names it: a built-in one by its name (where the package is
    installed is no concern of the reader), another one as given."""
    path = Path(source)
    if path.parent.resolve() == builtin_rules_dir().resolve():
        return f"{path.name} (built-in)"
    return source


# --- learn ---------------------------------------------------------------------------------

#: Elements whose text is one block of a page; chrome lives in these as much as the story.
_BLOCK_TAGS = (
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "div",
    "td",
    "th",
    "dt",
    "dd",
    "blockquote",
    "figcaption",
    "caption",
    "section",
    "aside",
    "header",
    "footer",
    "nav",
)
_LETTER = regex.compile(r"\p{L}")


@dataclass
class Candidate:
    """A line that repeats across captures, proposed as a rule."""

    text: str
    captures: list[str]
    hosts: set[str | None]


def capture_lines(data: bytes) -> tuple[list[str], str | None]:
    """The distinct lines of one capture (units of text, leaf blocks of HTML), and its host."""
    capture = read_capture(data, options=DEFAULT_OPTIONS)
    if capture.kind == "text":
        units = split_units(capture.text, DEFAULT_OPTIONS)
        return list(dict.fromkeys(unit.text for unit in units)), host_of(stated_url(units))
    tree = parse_html(capture.text)
    for element in tree.xpath("//script|//style|//noscript|//template"):
        element.drop_tree()
    lines = []
    for element in tree.iter(*_BLOCK_TAGS):
        # Only the innermost blocks: a wrapper's text is its children's, already counted.
        if any(child.tag in _BLOCK_TAGS for child in element.iterdescendants() if isinstance(child.tag, str)):
            continue
        text = normalize_space(element.text_content())
        if text:
            lines.append(text)
    return list(dict.fromkeys(lines)), host_of(page_url(tree))


def learn_candidates(
    paths: Iterable[Path],
    rules: RuleSet,
    min_captures: int = settings.LEARN_MIN_CAPTURES,
    min_share: float = settings.LEARN_MIN_SHARE,
    max_words: int = settings.LEARN_MAX_WORDS,
) -> tuple[list[Candidate], int, list[str]]:
    """Lines that repeat across captures and no rule removes yet: (candidates, captures read, errors)."""
    seen: dict[str, Candidate] = {}
    total = 0
    errors: list[str] = []
    for path in paths:
        try:
            lines, host = capture_lines(read_capture_file(str(path)))
        except (CaptureError, HtmlParseError, OSError, ValueError) as error:
            errors.append(f"{path}: {error}")
            continue
        total += 1
        for line in lines:
            candidate = seen.setdefault(line, Candidate(line, [], set()))
            candidate.captures.append(str(path))
            candidate.hosts.add(host)
    needed = max(min_captures, min_share * total)
    candidates = [
        candidate
        for candidate in seen.values()
        if len(candidate.captures) >= needed
        and len(candidate.text.split()) <= max_words
        and len(candidate.text) >= settings.LEARN_MIN_CHARS
        and _LETTER.search(candidate.text)
        and not _already_removed(candidate.text, rules)
    ]
    candidates.sort(key=lambda c: (-len(c.captures), c.text))
    return candidates, total, errors


def _already_removed(text: str, rules: RuleSet) -> bool:
    return any(rule.search(text) is not None for rule in rules.text_rules)


def _slug(text: str, max_words: int = settings.LEARN_ID_WORDS) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = regex.findall(r"[a-z0-9]+", ascii_text)[:max_words]
    return "-".join(words)


def _toml_string(text: str) -> str:
    """A TOML string: literal ('…') when possible, so regexes keep single backslashes."""
    if "'" not in text and not regex.search(r"[\x00-\x1f\x7f]", text):
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def render_candidates(candidates: Sequence[Candidate], total: int, raw_dir: str) -> str:
    """A rule file of candidates, valid for `load_rules`, each with its evidence as comments."""
    out = [
        f"# Candidate rules learned by `clean learn {raw_dir}` on {date.today().isoformat()}",
        f"# from {total} captures. Lines that repeat across captures are usually a site's chrome,",
        "# but not always: review each, give it a better id and a no_match example, and move",
        "# the good ones into your rules directory (named by [tool.cleaner] rules in your",
        "# pyproject.toml, or given with --rules). Nothing here is applied until you do.",
    ]
    used: set[str] = set()
    for number, candidate in enumerate(candidates, start=1):
        base = "learned-" + (_slug(candidate.text) or str(number))
        rule_id, suffix = base, 2
        while rule_id in used:
            rule_id, suffix = f"{base}-{suffix}", suffix + 1
        used.add(rule_id)
        examples = ", ".join(candidate.captures[:2])
        out += [
            "",
            f"# in {len(candidate.captures)} of {total} captures, e.g. {examples}",
            "[[rule]]",
            f"id = {_toml_string(rule_id)}",
            f"description = {_toml_string('Repeated line: ' + candidate.text[:80])}",
            f"regex = {_toml_string('^' + regex.escape(candidate.text, literal_spaces=True) + '$')}",
        ]
        # One site in common: scope the rule to it, since generic rules must stay conservative.
        if len(candidate.hosts) == 1 and None not in candidate.hosts:
            out.append(f"sites = [{_toml_string(next(iter(candidate.hosts)) or '')}]")
        out.append(f"examples.match = [{_toml_string(candidate.text)}]")
    return "\n".join(out) + "\n"


@click.command("learn", context_settings=_CONTEXT)
@click.argument("raw_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    default="candidates.toml",
    show_default=True,
    type=click.Path(allow_dash=True, path_type=str),
    help="Candidate rule file to write (- for stdout).",
)
@click.option(
    "--min-captures",
    type=click.IntRange(min=2),
    default=settings.LEARN_MIN_CAPTURES,
    show_default=True,
    help="A line must appear in at least this many captures.",
)
@click.option(
    "--min-share",
    type=click.FloatRange(0, 1),
    default=settings.LEARN_MIN_SHARE,
    show_default=True,
    help="...and in at least this share of the captures.",
)
@click.option(
    "--max-words",
    type=click.IntRange(min=1),
    default=settings.LEARN_MAX_WORDS,
    show_default=True,
    help="Longer lines are prose, never proposed.",
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@_rules_option
@_no_builtin_option
def learn(
    raw_dir: Path,
    output: str,
    min_captures: int,
    min_share: float,
    max_words: int,
    force: bool,
    rule_dirs: tuple[str, ...],
    no_builtin_rules: bool,
) -> None:
    """Find lines that repeat across the captures in RAW_DIR and write them as candidate rules.

    Lines a current rule already removes are left out. The candidates are never applied:
    the file is for a person to review before moving rules into their rules directory
    (one named by [tool.cleaner] rules in pyproject.toml, or given with --rules).
    """
    rules = _load_rules_or_fail(rule_dirs, not no_builtin_rules)
    if output != "-" and Path(output).exists() and not force:
        raise click.UsageError(f"{output} already exists; pass --force to overwrite it")
    candidates, total, errors = learn_candidates(discover(raw_dir), rules, min_captures, min_share, max_words)
    for error in errors:
        click.echo(f"skipped {error}", err=True)
    text = render_candidates(candidates, total, str(raw_dir))
    if output == "-":
        click.echo(text, nl=False)
    else:
        atomic_write(Path(output), text)
    click.echo(
        f"{_plural(len(candidates), 'candidate rule')} from {_plural(total, 'capture')}"
        + ("" if output == "-" else f" written to {output}")
        + "; review them before moving any into your rules directory",
        err=output == "-",
    )
