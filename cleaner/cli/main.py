"""The `clean` command: `clean raw/ out/` cleans every capture under raw/ into out/.

Other subcommands (`check`, `explain`, `rules`, ...) hang off the same group; a first
argument that is not a subcommand name is a capture path for the default `run` command.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from difflib import get_close_matches
from glob import escape as glob_escape
from pathlib import Path, PurePath
from typing import IO

import click

from cleaner import __version__
from cleaner.batch.jobs import (
    Job,
    default_workers,
    directory_jobs,
    is_warc,
    sweep_temporaries,
    warc_jobs,
    write_output,
)
from cleaner.batch.runner import Outcome, OutcomeStream
from cleaner.batch.urls import UrlMap, UrlMapError, read_url_map, with_urls
from cleaner.cli import tools
from cleaner.cli.config import user_rule_paths
from cleaner.cli.progress import Progress
from cleaner.rules import RuleError, load_rules
from cleaner.writers import (
    FORMATS,
    OutputFormat,
    UnsafeOutputPath,
    atomic_write,
    output_name,
    safe_join,
)

#: What a subcommand name looks like, as opposed to a path or an option.
_COMMAND_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


class DefaultCommandGroup(click.Group):
    """A group whose first argument, when it names no subcommand, goes to `run`."""

    default_command = "run"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            if suggestion := self._mistyped_command(args[0]):
                raise click.UsageError(f"no such command {args[0]!r}; did you mean {suggestion!r}?", ctx)
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def _mistyped_command(self, argument: str) -> str | None:
        """The command `argument` looks like a typo of, when it cannot be the input path.

        An existing path always wins (a capture may be called `chek`); so does anything
        shaped like a path or an option (`rules.txt`, `raw/`, `-`), which is meant as one.
        """
        if not _COMMAND_WORD.fullmatch(argument) or os.path.lexists(argument):
            return None
        matches = get_close_matches(argument.lower(), sorted(self.commands), n=1)
        return matches[0] if matches else None

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage("clean", "[OPTIONS] INPUT OUTPUT   |   clean COMMAND [ARGS]...")


@click.group(cls=DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def main() -> None:
    """Turn raw captures of news pages into clean articles.

    \b
      clean raw/ out/           every capture under raw/ -> out/<path>.json
      clean page.html -         one capture, article to stdout
      cat page.txt | clean - -  stdin to stdout

    A capture is a saved HTML page or a whole-page plain-text dump (e.g. `w3m -dump`);
    the kind is decided from the content, not the file name. Run `clean run --help` for
    the options of the main job.
    """


def _usage_error(message: str) -> click.UsageError:
    return click.UsageError(message)


@main.command("run", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("input_path", metavar="INPUT", type=click.Path(allow_dash=True, path_type=str))
@click.argument("output_path", metavar="OUTPUT", type=click.Path(allow_dash=True, path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="json",
    show_default=True,
    help=(
        "json: one file per capture; txt: body under a Title/By/Date header; jsonl: "
        "one record per line in a single file (OUTPUT is a file, a directory to hold articles.jsonl, or -)."
    ),
)
@click.option(
    "--rules",
    "rule_dirs",
    multiple=True,
    type=click.Path(exists=True, path_type=str),
    help=tools.RULES_HELP,
)
@click.option("--no-builtin-rules", is_flag=True, help=tools.NO_BUILTIN_HELP)
@click.option("--url", help="The page's URL, for a single capture (scopes site rules, helps metadata).")
@click.option(
    "--urls",
    "urls_file",
    type=click.Path(exists=True, dir_okay=False, path_type=str),
    help="The page URL of each capture, from a CSV file with `path,url` columns or JSON lines"
    ' ({"path": ..., "url": ...}); paths are relative to INPUT, as in the output\'s `source`.',
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help=(
        "Worker processes (default: the number of cores); results are identical to -j 1 and written in the same order."
    ),
)
@click.option(
    "--force",
    is_flag=True,
    help=(
        "Clean every capture again, even those whose output is up to date (same capture bytes, "
        "rules and cleaner version)."
    ),
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr: captures done, rate, and the total once counted; failures print above it "
    "(default: on when stderr is a terminal).",
)
@click.option("-q", "--quiet", is_flag=True, help="Only print failures, no summary line.")
def run(
    input_path: str,
    output_path: str,
    output_format: OutputFormat,
    rule_dirs: tuple[str, ...],
    no_builtin_rules: bool,
    url: str | None,
    urls_file: str | None,
    jobs: int | None,
    force: bool,
    progress: bool | None,
    quiet: bool,
) -> None:
    """Clean INPUT (a capture, a directory of captures, or - for stdin) into OUTPUT.

    \b
    OUTPUT is a directory (one file per capture, keeping the relative paths:
    raw/a/page.html -> out/a/page.html.json; a .gz suffix is dropped), a file
    for a single capture or for --format jsonl, or - for stdout.

    \b
    INPUT may be a WARC file (crawl.warc.gz): every HTML response record is
    cleaned into OUTPUT/crawl/<record number>.json, with the record's URL and
    its capture date (WARC-Date, as `captured`; it never becomes `date`).
    WARC files inside an INPUT directory are expanded the same way.

    \b
    Re-running into the same OUTPUT directory skips captures whose output is
    up to date (recorded in OUTPUT/.cleaner-state/); --force redoes them. A
    run killed at any moment leaves no half-written output; run it again to
    finish. jsonl output is written whole at the end of each run.

    Exit status: 0 all captures cleaned, 1 some failed (each failure is one
    line on stderr; the others are still written), 2 usage error.
    """
    rule_dirs = user_rule_paths(rule_dirs)
    try:
        rules = load_rules(list(rule_dirs), builtin=not no_builtin_rules)
    except RuleError as error:
        raise _usage_error(str(error)) from error

    url_map = _url_map(urls_file, input_path, url) if urls_file else None
    jobs_iter, root_is_dir = _plan(input_path, output_path, output_format, url)
    if url_map is not None:
        jobs_iter = with_urls(jobs_iter, url_map)
    sink = _Sink(output_path, output_format, root_is_dir, input_path)
    show_progress = progress if progress is not None else (sys.stderr.isatty() and root_is_dir and not quiet)
    if sink.directory is not None:
        # Outputs go into a directory: record what each was made from, to skip it next time.
        jobs_iter = _bind_jobs(jobs_iter, sink.directory, (__version__, rules.version), force)
    workers = (jobs or default_workers()) if root_is_dir else 1

    progress_bar = Progress(show_progress, Path(input_path) if root_is_dir else None)
    jobs_iter = progress_bar.count(jobs_iter)

    cleaned = failed = skipped = 0
    chars_in = chars_out = 0
    # Contexts are entered in order: the bar's counting thread starts after the pool is forked.
    with sink, OutcomeStream(jobs_iter, rules, rule_dirs, not no_builtin_rules, workers) as outcomes, progress_bar:
        for outcome in outcomes:
            progress_bar.advance()
            for note in () if quiet else outcome.warnings:
                progress_bar.say(f"{outcome.source}: warning: {note}")
            if outcome.skipped:
                skipped += 1
                continue
            if outcome.written:
                cleaned += 1
                chars_in += outcome.chars_in
                chars_out += outcome.chars_out
                continue
            if outcome.error is not None:
                failed += 1
                progress_bar.say(f"{outcome.source}: {outcome.error}")
                continue
            try:
                sink.write(outcome)
            except (OSError, UnsafeOutputPath) as error:
                failed += 1
                progress_bar.say(f"{outcome.source}: cannot write output: {getattr(error, 'strerror', None) or error}")
                continue
            cleaned += 1
            chars_in += outcome.chars_in
            chars_out += outcome.chars_out
    if url_map is not None and not quiet and (unused := url_map.unused()):
        click.echo(
            f"{url_map.source}: warning: {len(unused)} of {len(url_map.urls)} URLs name no capture"
            f" in {input_path} (first: {unused[0]})",
            err=True,
        )
    if not quiet:
        click.echo(
            f"cleaned {cleaned}, failed {failed}, skipped {skipped}; {chars_in:,} characters in, {chars_out:,} out",
            err=True,
        )
    sys.exit(1 if failed else 0)


def _bind_jobs(jobs: Iterator[Job], directory: Path, fingerprint: tuple[str, str], force: bool) -> Iterator[Job]:
    for job in jobs:
        name = job.name or output_name(PurePath(job.source), job.output_format).as_posix()
        yield replace(job, name=name, directory=str(directory), fingerprint=fingerprint, force=force)


def _url_map(urls_file: str, input_path: str, url: str | None) -> UrlMap:
    """The URLs of `--urls`, after refusing usage errors (exit 2)."""
    if url:
        raise _usage_error("give --url (one capture) or --urls (a file of them), not both")
    if input_path == "-":
        raise _usage_error("--urls names captures by path; standard input has none (use --url)")
    if is_warc(input_path):
        raise _usage_error("--urls does not apply to a WARC file: its records carry their own URLs")
    try:
        return read_url_map(urls_file)
    except UrlMapError as error:
        raise _usage_error(str(error)) from error


def _plan(
    input_path: str, output_path: str, output_format: OutputFormat, url: str | None
) -> tuple[Iterator[Job], bool]:
    """The jobs to run (lazily), after refusing usage errors (exit 2); and whether there may be many."""
    if input_path == "-":
        return iter([Job(source="-", path="-", url=url, output_format=output_format)]), False
    source = Path(input_path)
    if not source.exists():
        raise _usage_error(f"{input_path}: no such file or directory")
    if source.is_dir() or is_warc(source):
        if output_path == "-" and output_format != "jsonl":
            raise _usage_error("a directory of captures needs an output directory (or --format jsonl for stdout)")
        if output_path != "-":
            out = Path(output_path).resolve()
            if out == source.resolve() or out.is_relative_to(source.resolve()):
                raise _usage_error(f"{output_path}: the output directory must not be the input directory or inside it")
            if out.exists() and not out.is_dir() and output_format != "jsonl":
                raise _usage_error(f"{output_path}: exists and is not a directory")
        if url:
            raise _usage_error("--url applies to a single capture, not a directory or a WARC file")
        if source.is_dir():
            return directory_jobs(source, output_format), True
        return warc_jobs(source, output_format), True
    return iter([Job(source=source.name, path=str(source), url=url, output_format=output_format)]), False


class _Sink:
    """Where rendered records go: files under a directory, one file, or stdout."""

    def __init__(self, output_path: str, output_format: OutputFormat, root_is_dir: bool, input_path: str) -> None:
        self.output_format = output_format
        self.stream: IO[str] | None = None
        self.jsonl_path: Path | None = None
        self.jsonl_temporary: Path | None = None
        self.to_stdout = output_path == "-"
        self.directory: Path | None = None
        self.single_file: Path | None = None
        if self.to_stdout:
            return
        out = Path(output_path)
        if output_format == "jsonl":
            self.jsonl_path = out / "articles.jsonl" if out.is_dir() or output_path.endswith(os.sep) else out
        elif not root_is_dir and not out.is_dir() and out.suffix and not output_path.endswith(os.sep):
            self.single_file = out
        else:
            self.directory = out

    def __enter__(self) -> _Sink:
        # A run killed with -9 cannot clean up after itself: the next run does, first.
        if self.directory is not None and self.directory.is_dir():
            sweep_temporaries(self.directory)
        if self.jsonl_path is not None and self.jsonl_path.parent.is_dir():
            for leftover in self.jsonl_path.parent.glob(f".{glob_escape(self.jsonl_path.name)}.*.tmp"):
                leftover.unlink(missing_ok=True)
        if self.jsonl_path is not None and self.jsonl_path.exists() and not self.jsonl_path.is_file():
            # A device or a pipe (/dev/stdout, a FIFO) is written to, never renamed over.
            self.stream = open(self.jsonl_path, "w", encoding="utf-8", newline="\n")
        elif self.jsonl_path is not None:
            # Records stream into a temporary file renamed into place at the end, so memory
            # stays flat and an interrupted run leaves the previous file untouched.
            self.jsonl_path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, name = tempfile.mkstemp(
                prefix=f".{self.jsonl_path.name}.", suffix=".tmp", dir=self.jsonl_path.parent
            )
            self.jsonl_temporary = Path(name)
            self.stream = os.fdopen(descriptor, "w", encoding="utf-8", newline="\n")
        return self

    def write(self, outcome: Outcome) -> None:
        assert outcome.output is not None
        if self.to_stdout:
            sys.stdout.write(outcome.output + ("\n" if self.output_format == "jsonl" else ""))
            sys.stdout.flush()
        elif self.stream is not None:
            self.stream.write(outcome.output + "\n")
        elif self.single_file is not None:
            atomic_write(self.single_file, outcome.output)
        else:
            assert self.directory is not None
            job = outcome.job
            if job is not None and job.name is not None:
                # The output, then the state file that lets the next run skip it.
                write_output(self.directory, job.name, outcome.output, job, outcome.digest)
                return
            name = output_name(PurePath(outcome.source), self.output_format)
            atomic_write(safe_join(self.directory, name), outcome.output)

    def __exit__(self, *exc: object) -> None:
        if self.stream is None:
            return
        try:
            if self.jsonl_temporary is None:  # a device or pipe, written in place
                self.stream.close()
                return
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            if exc[0] is None:
                assert self.jsonl_path is not None
                os.replace(self.jsonl_temporary, self.jsonl_path)
        except OSError as error:
            # Exit 1 with the reason, never a traceback; the old file (if any) stays whole.
            raise click.ClickException(f"{self.jsonl_path}: cannot write output: {error.strerror or error}") from error
        finally:
            if self.jsonl_temporary is not None:
                self.jsonl_temporary.unlink(missing_ok=True)


for _command in (tools.check, tools.explain, tools.fixture_group, tools.learn, tools.rules_group):
    main.add_command(_command)
