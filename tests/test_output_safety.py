"""Issue 7, item 4: outputs stay inside out/, are written atomically, and a failed write
(full disk, read-only directory) is reported, leaves no partial file, and never truncates
an existing output."""

from __future__ import annotations

import errno
import os
from pathlib import Path, PurePath

import pytest
from click.testing import CliRunner

from cleaner import writers
from cleaner.cli import main
from cleaner.writers import UnsafeOutputPath, atomic_write, output_name, safe_join

PROSE = "\n\n".join(
    f"Paragraph {n}: the council met on Monday and agreed that the new tram line will cross the river by spring."
    for n in range(5)
)


def files(root: Path) -> list[str]:
    """Every file under root, hidden ones (temporaries) included."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize("name", ["../escape.txt", "a/../../escape.txt", "/etc/passwd", "/tmp/x.html"])
def test_output_name_refuses_escaping_names(name: str) -> None:
    with pytest.raises(UnsafeOutputPath, match="refusing an output path outside"):
        output_name(PurePath(name), "json")


def test_output_name_drops_gz() -> None:
    assert output_name(PurePath("a/page.html.gz"), "json") == PurePath("a/page.html.json")
    assert output_name(PurePath("page.txt"), "txt") == PurePath("page.txt.txt")


def test_safe_join_refuses_symlinked_escape(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "link").symlink_to(tmp_path)  # out/link/x resolves outside out/
    with pytest.raises(UnsafeOutputPath):
        safe_join(out, PurePath("link/x.json"))
    with pytest.raises(UnsafeOutputPath):
        safe_join(out, PurePath("../x.json"))
    assert safe_join(out, PurePath("a/b.json")) == (out / "a" / "b.json").resolve()


def test_atomic_write_gives_a_normal_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    atomic_write(target, "{}\n")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600
    assert files(tmp_path) == ["a.json"]


@pytest.mark.parametrize("failing", ["fsync", "fchmod", "replace"])
def test_failed_write_keeps_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "a.json"
    target.write_text("old complete output\n")

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, failing, no_space)
    with pytest.raises(OSError, match="No space left on device"):
        atomic_write(target, "new output " * 100_000)
    monkeypatch.undo()
    assert target.read_text() == "old complete output\n"
    assert files(tmp_path) == ["a.json"]


def _raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("a.txt", "b.txt"):
        (raw / name).write_text(PROSE, encoding="utf-8")
    return raw


def test_full_disk_is_reported_per_capture_and_keeps_old_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, out = _raw(tmp_path), tmp_path / "out"
    out.mkdir()
    (out / "a.txt.json").write_text("previous run\n")
    real_fsync = os.fsync

    def full_disk(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    result = CliRunner().invoke(main, [str(raw), str(out)])
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert result.exit_code == 1
    assert "a.txt: cannot write output: No space left on device" in result.stderr
    assert "b.txt: cannot write output: No space left on device" in result.stderr
    assert (out / "a.txt.json").read_text() == "previous run\n"  # not truncated
    assert [f for f in files(out) if f.endswith(".tmp")] == []
    assert not (out / "b.txt.json").exists()


def test_device_is_never_replaced_by_a_file() -> None:
    """Renaming a temporary over /dev/full would turn the device into a regular file."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with pytest.raises(OSError, match="not a regular file"):
        atomic_write(Path("/dev/full"), "x")
    assert Path("/dev/full").is_char_device()


def test_read_only_output_directory_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root ignores chmod, so a read-only out/ is simulated where a file is created in it."""
    raw, out = _raw(tmp_path), tmp_path / "out"
    out.mkdir()
    (out / "a.txt.json").write_text("previous run\n")

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(writers.tempfile, "mkstemp", read_only)
    result = CliRunner().invoke(main, [str(raw), str(out)])
    assert result.exit_code == 1
    assert "a.txt: cannot write output: Read-only file system" in result.stderr
    assert "b.txt: cannot write output: Read-only file system" in result.stderr
    assert (out / "a.txt.json").read_text() == "previous run\n"
