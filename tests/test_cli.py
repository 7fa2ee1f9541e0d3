"""The `clean` command: outputs, formats, exit codes, failure lines, atomic writes."""

import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from cleaner import writers
from cleaner.batch.jobs import directory_jobs
from cleaner.cli import main
from cleaner.cli.progress import Progress

TEXT_FIXTURE = FIXTURES / "text-donation-nav-byline-subheadings"
HTML_FIXTURE = FIXTURES / "html-wire-story-recommended-carousel"


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    shutil.copy(TEXT_FIXTURE / "source.txt", raw / "story.txt")
    shutil.copy(HTML_FIXTURE / "source.html", raw / "sub" / "page.html")
    return raw


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_directory_to_directory_writes_one_json_per_capture(raw, tmp_path):
    out = tmp_path / "out"
    result = run(str(raw), str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == [
        "story.txt.json",
        "sub/page.html.json",
    ]
    text_record = json.loads((out / "story.txt.json").read_text(encoding="utf-8"))
    assert list(text_record) == list(writers.RECORD_FIELDS)
    assert text_record["source"] == "story.txt" and text_record["kind"] == "text"
    assert text_record["body"] + "\n" == (TEXT_FIXTURE / "expected.txt").read_text(encoding="utf-8")
    assert text_record["byline"] == "Patsy Widakuswara" and text_record["date"] == "2022-02-04"
    html_record = json.loads((out / "sub/page.html.json").read_text(encoding="utf-8"))
    assert html_record["kind"] == "html" and html_record["source"] == "sub/page.html"
    assert "cleaned 2, failed 0, skipped 0" in result.stderr


def test_kind_comes_from_content_not_extension(raw, tmp_path):
    shutil.copy(HTML_FIXTURE / "source.html", raw / "mislabelled.txt")
    out = tmp_path / "out"
    run(str(raw), str(out))
    assert json.loads((out / "mislabelled.txt.json").read_text())["kind"] == "html"


def test_single_capture_to_stdout_as_txt():
    result = run(str(TEXT_FIXTURE / "source.txt"), "-", "--format", "txt")
    assert result.exit_code == 0
    header, body = result.stdout.split("\n\n", 1)
    assert header.splitlines() == [
        "Title: White House Dismissive of Putin - Xi Meeting",
        "By: Patsy Widakuswara",
        "Date: 2022-02-04",
    ]
    assert body == (TEXT_FIXTURE / "expected.txt").read_text(encoding="utf-8")


def test_stdin_to_stdout_jsonl():
    result = run("-", "-", "--format", "jsonl", input=(TEXT_FIXTURE / "source.txt").read_bytes())
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["source"] == "-"


def test_jsonl_directory_to_one_file(raw, tmp_path):
    target = tmp_path / "all.jsonl"
    assert run(str(raw), str(target), "--format", "jsonl").exit_code == 0
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["source"] for r in records] == ["story.txt", "sub/page.html"]


def test_failures_are_one_line_each_and_exit_1_while_others_are_written(raw, tmp_path):
    (raw / "empty.txt").write_bytes(b"")
    (raw / "menu.txt").write_text("Home\nNews\nSports\nContact\n", encoding="utf-8")
    (raw / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    out = tmp_path / "out"
    result = run(str(raw), str(out))
    assert result.exit_code == 1
    failure_lines = [line for line in result.stderr.splitlines() if not line.startswith("cleaned ")]
    assert failure_lines == [
        "empty.txt: empty capture",
        "image.html: binary content (a PNG image), not a text or HTML capture",
        "menu.txt: no article found (the capture holds only boilerplate)",
    ]
    assert (out / "story.txt.json").exists() and (out / "sub/page.html.json").exists()
    assert not (out / "empty.txt.json").exists() and not (out / "menu.txt.json").exists()
    assert "cleaned 2, failed 3, skipped 0" in result.stderr


@pytest.mark.parametrize("inside", [".", "out"])
def test_output_inside_input_is_a_usage_error(raw, inside):
    result = run(str(raw), str(raw / inside))
    assert result.exit_code == 2
    assert "must not be the input directory or inside it" in result.stderr


def test_missing_input_is_a_usage_error(tmp_path):
    result = run(str(tmp_path / "nope"), str(tmp_path / "out"))
    assert result.exit_code == 2 and "no such file or directory" in result.stderr


def test_bad_rule_directory_is_a_usage_error_naming_file_and_rule(raw, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.toml").write_text(
        "[[rule]]\nid = 'broken-one'\ndescription = 'd'\nregex = '(unclosed'\nexamples.match = ['x']\n"
    )
    result = run(str(raw), str(tmp_path / "out"), "--rules", str(rules))
    assert result.exit_code == 2
    assert "mine.toml" in result.stderr and "broken-one" in result.stderr and "invalid regex" in result.stderr


def test_user_rules_apply(raw, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.toml").write_text(
        "[[rule]]\nid = 'drop-escalating'\ndescription = 'd'\nregex = '^Escalating conflict$'\n"
        "examples.match = ['Escalating conflict']\n"
    )
    out = tmp_path / "out"
    assert run(str(raw), str(out), "--rules", str(rules)).exit_code == 0
    body = json.loads((out / "story.txt.json").read_text())["body"]
    assert "Escalating conflict" not in body and "EU plans united response" in body


def test_failed_write_leaves_no_partial_file_and_keeps_the_old_output(raw, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert run(str(raw), str(out)).exit_code == 0
    before = (out / "story.txt.json").read_bytes()

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writers.os, "fsync", full_disk)
    result = run(str(raw), str(out), "--force")  # without it the up-to-date outputs are skipped
    assert result.exit_code == 1
    assert "story.txt: cannot write output: cannot read: No space left on device" not in result.stderr
    assert "story.txt: cannot write output" in result.stderr and "No space left on device" in result.stderr
    assert (out / "story.txt.json").read_bytes() == before
    assert [p.name for p in out.rglob("*.tmp")] == []


def test_jobs_give_identical_outputs(raw, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(str(raw), str(one), "-j", "1").exit_code == 0
    assert run(str(raw), str(two), "-j", "2").exit_code == 0
    for path in one.rglob("*.json"):
        assert path.read_bytes() == (two / path.relative_to(one)).read_bytes()


def test_help_explains_itself():
    result = run("run", "--help")
    assert "Exit status" in result.output and "--format" in result.output and "--rules" in result.output


def test_jsonl_to_a_device_writes_to_it_and_never_replaces_it(tmp_path):
    import os
    import stat
    import threading

    fifo = tmp_path / "records.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run(str(TEXT_FIXTURE / "source.txt"), str(fifo), "--format", "jsonl")
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert json.loads(received[0].decode("utf-8"))["source"] == "source.txt"
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_jsonl_to_a_full_device_is_reported_not_a_traceback():
    result = CliRunner().invoke(main, [str(TEXT_FIXTURE / "source.txt"), "/dev/full", "--format", "jsonl"])
    assert result.exit_code == 1
    assert "cannot write output: No space left on device" in result.stderr
    assert Path("/dev/full").is_char_device()


def test_the_public_names_resolve_from_the_package():
    """`import cleaner` stays light (PEP 562): the library's names are imported on first use."""
    import subprocess
    import sys

    probe = (
        "import sys, cleaner; "
        "print('cleaner.api' in sys.modules); "
        "from cleaner import Cleaner, clean, NoArticleError; "
        "print('cleaner.api' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:2] == ["False", "True"]


def test_tool_subcommands_are_listed_and_run_when_asked_for():
    listed = run("--help")
    for name in ("check", "explain", "fixture", "learn", "rules", "run"):
        assert f"  {name} " in listed.output
    result = run("rules", "list")
    assert result.exit_code == 0 and result.output.strip()


def _as_shown(stderr: str) -> list[str]:
    """Each line of `stderr` as a terminal leaves it: the text after its last carriage return."""
    return [line.rsplit("\r", 1)[-1].rstrip() for line in stderr.split("\n")]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_progress_bar_prints_failures_above_it_and_counts_to_the_total(raw, tmp_path, workers):
    (raw / "blank.txt").write_bytes(b"")
    result = run(str(raw), str(tmp_path / "out"), "--progress", "-j", workers)
    assert result.exit_code == 1
    shown = _as_shown(result.stderr)
    # The failure is a line of its own, not glued to the bar's text.
    assert "blank.txt: empty capture" in shown
    # The bar's last state, drawn when it closes: every capture counted, out of the total.
    summary = next(i for i, line in enumerate(shown) if line.startswith("cleaned 2, failed 1, skipped 0"))
    final_bar = shown[summary - 1]
    assert "3/3" in final_bar and "captures" in final_bar


def test_progress_bar_shows_a_count_when_there_is_nothing_to_clean(tmp_path):
    (tmp_path / "raw").mkdir()
    result = run(str(tmp_path / "raw"), str(tmp_path / "out"), "--progress")
    assert result.exit_code == 0
    assert any("0 captures" in line or "0/0" in line for line in _as_shown(result.stderr))


def test_the_total_is_counted_ahead_of_the_lazy_walk(tmp_path, monkeypatch):
    for name in ("a.txt", "b.html", "sub/c.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("Invented page\n", encoding="utf-8")
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with Progress(True, tmp_path) as progress:
        jobs = progress.count(directory_jobs(tmp_path, "json"))
        next(jobs)  # one capture found; the walk that finds them is not over
        progress.counter.join(timeout=60)
        progress.advance()
        assert progress.bar.total == 3 and progress.bar.n == 1
    assert "1/3" in sys.stderr.getvalue() or "3/3" in sys.stderr.getvalue()


def test_a_warc_file_leaves_the_total_to_the_end_of_the_walk(tmp_path, monkeypatch):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Invented page\n", encoding="utf-8")
    (tmp_path / "crawl.warc").write_bytes(b"")  # its records are counted only by reading it
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with Progress(True, tmp_path) as progress:
        jobs = progress.count(directory_jobs(tmp_path, "json"))
        next(jobs)
        progress.counter.join(timeout=60)
        progress.advance()
        assert progress.bar.total is None
        next(jobs)
        assert list(jobs) == []  # the walk is over: the total is known
        progress.advance()
        assert progress.bar.total == 2 and progress.bar.n == 2


def test_no_progress_bar_unless_asked_when_stderr_is_not_a_terminal(raw, tmp_path):
    result = run(str(raw), str(tmp_path / "out"))
    assert result.stderr.splitlines() == [line for line in result.stderr.splitlines() if line.startswith("cleaned 2")]


@pytest.mark.parametrize(("typed", "meant"), [("chek", "check"), ("explian", "explain"), ("Rules", "rules")])
def test_a_mistyped_command_is_named_with_a_suggestion(tmp_path, typed, meant):
    result = run(typed, str(tmp_path))
    assert result.exit_code == 2
    assert f"no such command '{typed}'; did you mean '{meant}'?" in result.stderr
    assert "no such file or directory" not in result.stderr


def test_a_missing_path_that_is_not_a_command_word_is_still_a_missing_path(tmp_path):
    # Close to `rules` by spelling, but a file name: the user meant a capture.
    result = run("rules.txt", str(tmp_path / "out"))
    assert result.exit_code == 2 and "rules.txt: no such file or directory" in result.stderr


def test_an_existing_file_named_like_a_command_is_a_capture(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the capture is named by a relative path, as a user types it
    shutil.copy(TEXT_FIXTURE / "source.txt", "chek")
    result = CliRunner().invoke(main, ["chek", "-", "--format", "txt"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith((TEXT_FIXTURE / "expected.txt").read_text(encoding="utf-8"))


def _run_on_a_terminal(*args: str, columns: int = 80) -> tuple[int, str]:
    """Run `clean ARGS` with stderr on a pseudo-terminal `columns` wide; its exit code and stderr."""
    import fcntl
    import os
    import pty
    import select
    import struct
    import subprocess
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    command = [sys.executable, "-m", "cleaner.cli", *args]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    try:
        while select.select([master], [], [], 120)[0]:
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # EIO: the other end closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        returncode = process.wait(timeout=120)
    finally:
        process.kill()
        os.close(master)
    # The terminal turns each "\n" into "\r\n"; a bar redrawn in place starts with "\r".
    return returncode, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("columns", [40, 200])
def test_on_a_terminal_failures_print_above_the_bar_whatever_its_width(raw, tmp_path, columns):
    (raw / "blank.txt").write_bytes(b"")
    returncode, stderr = _run_on_a_terminal(str(raw), str(tmp_path / "out"), "-j", "1", columns=columns)
    assert returncode == 1
    shown = _as_shown(stderr)
    assert "blank.txt: empty capture" in shown, stderr
    assert "cleaned 2, failed 1, skipped 0" in stderr
    assert any("3/3" in line for line in shown), stderr
