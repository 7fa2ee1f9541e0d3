"""The shell sessions shown in README.md and docs/*.md are run, and must print what they show.

A session is a fenced block marked `console`: lines starting with `$ ` are commands (a line
starting with `>` continues the command above, as a shell's second prompt does), the lines
under a command are what it prints, stdout and stderr together, as a terminal shows them.
Each block runs in a fresh temporary folder holding copies of `examples/` and `fixtures/`,
with `clean` running this checkout's code, one bash per block (so `echo $?` reports the
command before it). Outputs are compared exactly, but for one placeholder: `YYYY-MM-DD`
stands for today's date. Blocks of other kinds (`sh`, `yaml`, plain) are not run.

After a change of output, rewrite the blocks from real runs and review the diff:

    python tests/test_readme.py
"""

from __future__ import annotations

import datetime
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
#: What each block's folder holds, copied from the repository.
COPIED = ("examples", "fixtures")
DATE_PLACEHOLDER = "YYYY-MM-DD"
#: A line the block's script prints before each command's output (not a line any command prints).
_MARK = "@@readme-command@@"
_FENCE = re.compile(r"^```console\n(.*?)^```$", re.M | re.S)
_BLOCK_SECONDS = 300


@dataclass
class Session:
    document: Path
    line: int  # of the opening fence, for messages
    start: int  # offsets of the block's body in the document
    end: int
    commands: list[str]
    outputs: list[str]  # what the document shows under each command


def sessions(document: Path) -> list[Session]:
    text = document.read_text(encoding="utf-8")
    found = []
    for match in _FENCE.finditer(text):
        commands: list[str] = []
        outputs: list[list[str]] = []
        for line in match.group(1).splitlines():
            if line.startswith("$ "):
                commands.append(line[2:])
                outputs.append([])
            elif (line.startswith("> ") or line == ">") and commands and not outputs[-1]:
                commands[-1] += "\n" + line[2:]
            elif commands:
                outputs[-1].append(line)
            else:
                raise ValueError(f"{document}: a console block must open with a `$ ` command: {line!r}")
        line_number = text.count("\n", 0, match.start()) + 1
        found.append(
            Session(document, line_number, match.start(1), match.end(1), commands, ["\n".join(o) for o in outputs])
        )
    return found


def run_session(session: Session) -> list[str]:
    """Each command's output, run as the block shows them, one after another."""
    with tempfile.TemporaryDirectory(prefix="readme-") as folder:
        root = Path(folder)
        for name in COPIED:
            shutil.copytree(REPO / name, root / name)
        bin_dir = root / ".bin"
        bin_dir.mkdir()
        shim = bin_dir / "clean"
        shim.write_text(
            f"#!/bin/sh\nexec {sys.executable} -c "
            '"import sys; sys.argv[0] = \'clean\'; from cleaner.cli import main; main()" "$@"\n',
            encoding="utf-8",
        )
        shim.chmod(0o755)
        # the mark is printed between commands without touching `$?`, for `echo $?`
        script = "status=0\n" + "".join(
            f"printf '%s\\n' '{_MARK}'\n(exit $status)\n{command}\nstatus=$?\n" for command in session.commands
        )
        env = {
            **os.environ,
            "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
            "TERM": "dumb",
            "COLUMNS": "80",
            "LC_ALL": "C.UTF-8",
        }
        done = subprocess.run(
            ["bash", "--noprofile", "--norc"],
            input=script,
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=_BLOCK_SECONDS,
        )
    chunks = done.stdout.split(_MARK + "\n")
    assert chunks[0] == "", f"printed before the first command: {chunks[0]!r}"
    assert len(chunks) == len(session.commands) + 1, f"the shell stopped early: {done.stdout[-500:]}"
    return [chunk.rstrip("\n") for chunk in chunks[1:]]


def matches(shown: str, actual: str) -> bool:
    pattern = re.escape(shown.rstrip("\n")).replace(re.escape(DATE_PLACEHOLDER), r"\d{4}-\d{2}-\d{2}")
    return re.fullmatch(pattern, actual) is not None


def _id(session: Session) -> str:
    return f"{session.document.relative_to(REPO).as_posix()}:{session.line}"


ALL_SESSIONS = [session for document in DOCUMENTS for session in sessions(document)]


def test_the_readme_and_the_tools_reference_show_tested_sessions():
    shown = {session.document.name for session in ALL_SESSIONS}
    assert {"README.md", "tools.md"} <= shown
    commands = [command for session in ALL_SESSIONS for command in session.commands]
    for tool in ("clean check", "clean explain", "clean fixture add", "clean rules test", "clean rules list"):
        assert any(command.startswith(tool) for command in commands), tool


def test_a_session_that_drifts_fails(tmp_path):
    document = tmp_path / "doc.md"
    document.write_text("```console\n$ clean rules test\nok: the examples of 3 rules from 1 files pass\n```\n")
    (session,) = sessions(document)
    (actual,) = run_session(session)
    assert actual.startswith("ok: the examples of ")
    assert not matches(session.outputs[0], actual)
    assert matches(actual, actual)


def test_the_date_placeholder_stands_for_a_date_only():
    assert matches("learned on YYYY-MM-DD by", "learned on 2026-12-07 by")
    assert not matches("learned on YYYY-MM-DD by", "learned on yesterday by")


@pytest.mark.parametrize("session", ALL_SESSIONS, ids=_id)
def test_shown_session_prints_what_it_shows(session: Session):
    actual = run_session(session)
    problems = []
    for command, shown, got in zip(session.commands, session.outputs, actual, strict=True):
        if not matches(shown, got):
            diff = difflib.unified_diff(shown.splitlines(), got.splitlines(), "shown", "printed", lineterm="")
            problems.append(f"$ {command}\n" + "\n".join(diff))
    assert not problems, f"{_id(session)}: run `python tests/test_readme.py` to rewrite\n" + "\n\n".join(problems)


def rewrite(document: Path) -> bool:
    """Put the real outputs under each command of the document's sessions; True if it changed."""
    text = document.read_text(encoding="utf-8")
    today = datetime.date.today().isoformat()
    for session in reversed(sessions(document)):
        actual = run_session(session)
        lines = []
        for command, shown, got in zip(session.commands, session.outputs, actual, strict=True):
            first, *rest = command.split("\n")
            lines += [f"$ {first}", *(f"> {line}".rstrip() for line in rest)]
            kept = shown if matches(shown, got) else got.replace(today, DATE_PLACEHOLDER)
            lines += kept.split("\n") if kept else []
        text = text[: session.start] + "\n".join(lines) + "\n" + text[session.end :]
    changed = text != document.read_text(encoding="utf-8")
    if changed:
        document.write_text(text, encoding="utf-8")
    return changed


if __name__ == "__main__":
    for path in DOCUMENTS:
        if rewrite(path):
            print(f"rewrote {path.relative_to(REPO)}")
