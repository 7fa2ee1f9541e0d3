"""The `clean` command: `clean raw/ out/` cleans every capture under raw/ into out/.

Other subcommands (`check`, `explain`, `rules`, ...) hang off the same group; a first
argument that is not a subcommand name is a capture path for the default `run` command.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path, PurePath
from typing import IO, Any

import click

from cleaner import __version__, settings
from cleaner.capture import CaptureError
from cleaner.html_extract import HtmlParseError
from cleaner.pipeline import Cleaner, NoArticleError
from cleaner.rules import RuleError, RuleTimeout, load_rules
from cleaner.writers import (
    FORMATS,
    OutputFormat,
    UnsafeOutputPath,
    atomic_write,
    output_name,
    record,
    render,
    safe_join,
)

#: Files a capture tree may hold that are not captures.
_IGNORED_PREFIXES = (".",)


class DefaultCommandGroup(click.Group):
    """A group whose first argument, when it names no subcommand, goes to `run`."""

    default_command = "run"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

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


@dataclass
class Outcome:
    """What happened to one capture."""

    source: str
    output: str | None  # rendered record, None on failure
    error: str | None
    chars_in: int = 0
    chars_out: int = 0


_WORKER_CLEANER: Cleaner | None = None


def _init_worker(rule_dirs: tuple[str, ...], builtin: bool) -> None:
    global _WORKER_CLEANER
    _WORKER_CLEANER = Cleaner(rule_dirs, builtin_rules=builtin)


def clean_one(job: tuple[str, str, str | None, OutputFormat]) -> Outcome:
    """Clean the capture at `path` (or stdin when path is `-`); never raises."""
    path, source, url, output_format = job
    assert _WORKER_CLEANER is not None
    try:
        data = _read_capture_bytes(path)
        article = _WORKER_CLEANER.clean(data, url=url)
        text = render(record(article, source), output_format)
        return Outcome(source, text, None, len(data), len(article.body))
    except (CaptureError, NoArticleError, HtmlParseError, RuleTimeout, OSError) as error:
        return Outcome(source, None, _reason(error))
    except RecursionError:
        return Outcome(source, None, "markup nested too deeply to parse")
    except MemoryError:
        return Outcome(source, None, "out of memory while cleaning this capture")
    except Exception as error:  # noqa: BLE001 — one broken capture must not stop the run
        return Outcome(source, None, f"internal error ({type(error).__name__}: {error}); please report it")


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return f"cannot read: {error.strerror}"
    return str(error)


def _read_capture_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read(settings.MAX_CAPTURE_BYTES + 1)
    with open(path, "rb") as stream:
        data = stream.read(settings.MAX_CAPTURE_BYTES + 1)
    if len(data) > settings.MAX_CAPTURE_BYTES:
        raise CaptureError(f"capture larger than {settings.MAX_CAPTURE_BYTES // (1 << 20)} MB (refused)")
    return data


def discover(root: Path) -> Iterator[Path]:
    """Every capture file under `root`, lazily, in a deterministic (sorted) order.

    Hidden files and directories are skipped; symlinked directories are not followed, so a
    symlink loop cannot trap the walk.
    """
    for directory, subdirectories, files in os.walk(root, followlinks=False):
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith(_IGNORED_PREFIXES))
        for name in sorted(files):
            if not name.startswith(_IGNORED_PREFIXES):
                yield Path(directory) / name


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
    help="json: one file per capture; txt: body under a Title/By/Date header; jsonl: one record per line in a single file (OUTPUT is a file, a directory to hold articles.jsonl, or -).",
)
@click.option(
    "--rules",
    "rule_dirs",
    multiple=True,
    type=click.Path(exists=True, path_type=str),
    help="Extra rule file or directory of *.toml rules (repeatable); added to the built-in rules.",
)
@click.option("--no-builtin-rules", is_flag=True, help="Use only the rules given with --rules.")
@click.option("--url", help="The page's URL, for a single capture (scopes site rules, helps metadata).")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes; results are identical to -j 1 and written in the same order.",
)
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on when stderr is a terminal).")
@click.option("-q", "--quiet", is_flag=True, help="Only print failures, no summary line.")
def run(
    input_path: str,
    output_path: str,
    output_format: OutputFormat,
    rule_dirs: tuple[str, ...],
    no_builtin_rules: bool,
    url: str | None,
    jobs: int,
    progress: bool | None,
    quiet: bool,
) -> None:
    """Clean INPUT (a capture, a directory of captures, or - for stdin) into OUTPUT.

    \b
    OUTPUT is a directory (one file per capture, keeping the relative paths:
    raw/a/page.html -> out/a/page.html.json; a .gz suffix is dropped), a file
    for a single capture or for --format jsonl, or - for stdout.

    Exit status: 0 all captures cleaned, 1 some failed (each failure is one
    line on stderr; the others are still written), 2 usage error.
    """
    try:
        rules = load_rules(list(rule_dirs), builtin=not no_builtin_rules)
    except RuleError as error:
        raise _usage_error(str(error)) from error

    jobs_iter, root_is_dir = _plan(input_path, output_path, output_format, url)
    sink = _Sink(output_path, output_format, root_is_dir, input_path)
    show_progress = progress if progress is not None else (sys.stderr.isatty() and root_is_dir and not quiet)

    cleaned = failed = 0
    chars_in = chars_out = 0
    with sink, _outcomes(jobs_iter, rules, rule_dirs, not no_builtin_rules, jobs) as outcomes:
        stream: Any = outcomes
        if show_progress:
            stream = click.progressbar(outcomes, label="cleaning", file=sys.stderr, show_pos=True)
            stream = stream.__enter__()
        for outcome in stream:
            if outcome.error is not None:
                failed += 1
                click.echo(f"{outcome.source}: {outcome.error}", err=True)
                continue
            try:
                sink.write(outcome)
            except (OSError, UnsafeOutputPath) as error:
                failed += 1
                click.echo(f"{outcome.source}: cannot write output: {getattr(error, 'strerror', None) or error}", err=True)
                continue
            cleaned += 1
            chars_in += outcome.chars_in
            chars_out += outcome.chars_out
        if show_progress:
            stream.__exit__(None, None, None)
    if not quiet:
        click.echo(
            f"cleaned {cleaned}, failed {failed}, skipped 0; {chars_in:,} characters in, {chars_out:,} out",
            err=True,
        )
    sys.exit(1 if failed else 0)


def _plan(
    input_path: str, output_path: str, output_format: OutputFormat, url: str | None
) -> tuple[Iterator[tuple[str, str, str | None, OutputFormat]], bool]:
    """The jobs to run, after refusing usage errors (exit 2)."""
    if input_path == "-":
        return iter([("-", "-", url, output_format)]), False
    source = Path(input_path)
    if not source.exists():
        raise _usage_error(f"{input_path}: no such file or directory")
    if source.is_dir():
        if output_path == "-" and output_format != "jsonl":
            raise _usage_error("a directory of captures needs an output directory (or --format jsonl for stdout)")
        if output_path != "-":
            out = Path(output_path).resolve()
            if out == source.resolve() or out.is_relative_to(source.resolve()):
                raise _usage_error(f"{output_path}: the output directory must not be the input directory or inside it")
            if out.exists() and not out.is_dir() and output_format != "jsonl":
                raise _usage_error(f"{output_path}: exists and is not a directory")
        if url:
            raise _usage_error("--url applies to a single capture, not a directory")
        jobs = (
            (str(path), path.relative_to(source).as_posix(), None, output_format) for path in discover(source)
        )
        return jobs, True
    return iter([(str(source), source.name, url, output_format)]), False


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

    def __enter__(self) -> "_Sink":
        if self.jsonl_path is not None:
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
            name = output_name(PurePath(outcome.source), self.output_format)
            atomic_write(safe_join(self.directory, name), outcome.output)

    def __exit__(self, *exc: object) -> None:
        if self.stream is None or self.jsonl_temporary is None or self.jsonl_path is None:
            return
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        if exc[0] is None:
            os.replace(self.jsonl_temporary, self.jsonl_path)
        else:
            self.jsonl_temporary.unlink(missing_ok=True)


class _outcomes:
    """Outcomes in input order, from this process (-j 1) or a pool of workers."""

    def __init__(
        self,
        jobs: Iterator[tuple[str, str, str | None, OutputFormat]],
        rules: Any,
        rule_dirs: tuple[str, ...],
        builtin: bool,
        workers: int,
    ) -> None:
        self.jobs, self.rules, self.rule_dirs, self.builtin, self.workers = jobs, rules, rule_dirs, builtin, workers
        self.pool: Any = None

    def __enter__(self) -> Iterator[Outcome]:
        if self.workers == 1:
            global _WORKER_CLEANER
            _WORKER_CLEANER = Cleaner(rules=self.rules)
            return (clean_one(job) for job in self.jobs)
        self.pool = get_context("spawn" if sys.platform == "darwin" else "fork").Pool(
            self.workers, initializer=_init_worker, initargs=(self.rule_dirs, self.builtin)
        )
        return self.pool.imap(clean_one, self.jobs, chunksize=4)

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate() if exc[0] is not None else self.pool.close()
            self.pool.join()


from cleaner import tools as _tools  # noqa: E402,F401  registers subcommands

if __name__ == "__main__":  # pragma: no cover
    main()
