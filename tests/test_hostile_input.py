"""Issue 7, items 1 and 2: bad captures fail with one line naming file and reason; the run goes on."""

from __future__ import annotations

import gzip
import os
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import CaptureError, Cleaner, NoArticleError
from cleaner.capture import decode_capture, gunzip_bounded, read_capture
from cleaner.cli import main
from cleaner.settings import DEFAULT_OPTIONS

GERMAN = "Der Bürgermeister sagte am Montag, dass die Straßenbahn über die Brücke fährt; „schön“ sei das."
FRENCH = "Les élèves français ont reçu leurs résultats, et “c’est très bien” a dit le directeur de l’école."
PROSE = "\n\n".join(
    [GERMAN, FRENCH]
    + [
        f"Paragraph {n}: the council met on Monday and agreed that the new tram line will cross the river by spring."
        for n in range(5)
    ]
)
HTML = (
    "<!DOCTYPE html><html><head>{meta}<title>Tram line approved</title></head><body><article>"
    + "".join(f"<p>{p}</p>" for p in PROSE.split("\n\n"))
    + "</article></body></html>"
)


def outputs(out: Path) -> list[str]:
    """Output files, without hidden bookkeeping (e.g. resume state)."""
    return sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) if out.exists() else []


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr


def errors(stderr: str) -> dict[str, str]:
    """The per-capture lines of stderr, by file name (the summary line left out)."""
    lines = [line for line in stderr.splitlines() if not line.startswith("cleaned ")]
    out = dict(line.split(": ", 1) for line in lines)
    assert len(out) == len(lines), "one line per failed capture"
    return out


def test_bad_captures_each_fail_on_one_line_and_the_run_goes_on(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "empty.txt").write_bytes(b"")
    (raw / "blank.txt").write_bytes(b" \n\t\n")
    (raw / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(500))
    (raw / "paper.html").write_bytes(b"%PDF-1.7\n" + os.urandom(500))
    (raw / "stream.txt").write_bytes(zlib.compress(os.urandom(2000)))
    (raw / "noise.txt").write_bytes(bytes(range(0, 9)) * 300)
    (raw / "menu.txt").write_bytes(b"Home\nNews\nSport\nLogin\nSubscribe\n")
    (raw / "good.txt").write_text(PROSE, encoding="utf-8")
    (raw / "loop").symlink_to("loop")
    (raw / "dangling.txt").symlink_to("nowhere.txt")
    code, stderr = run(str(raw), str(out))
    assert code == 1
    assert errors(stderr) == {
        "blank.txt": "empty capture",
        "dangling.txt": "cannot read: No such file or directory",
        "empty.txt": "empty capture",
        "image.html": "binary content (a PNG image), not a text or HTML capture",
        "loop": "cannot read: Too many levels of symbolic links",
        "menu.txt": "no article found (the capture holds only boilerplate)",
        "noise.txt": "binary content (control characters or undecodable bytes), not a text or HTML capture",
        "paper.html": "binary content (a PDF document), not a text or HTML capture",
        "stream.txt": "binary content (a zlib stream), not a text or HTML capture",
    }
    assert outputs(out) == ["good.txt.json"]  # no empty article for menu.txt


def test_file_removed_between_discovery_and_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (raw / name).write_text(PROSE, encoding="utf-8")
    import builtins

    real_open = builtins.open

    def open_after_deletion(file, *args, **kwargs):
        if str(file).endswith("b.txt") and (raw / "b.txt").exists():
            (raw / "b.txt").unlink()  # listed by the walk, gone by the time it is read
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", open_after_deletion)
    code, stderr = run(str(raw), str(out))
    assert code == 1
    assert errors(stderr) == {"b.txt": "cannot read: No such file or directory"}
    assert outputs(out) == ["a.txt.json", "c.txt.json"]


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root, which chmod 000 does not stop: simulate EACCES on open."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_text(PROSE, encoding="utf-8")
    (raw / "secret.txt").write_text(PROSE, encoding="utf-8")
    import builtins

    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if str(file).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    code, stderr = run(str(raw), str(out))
    assert code == 1
    assert errors(stderr) == {"secret.txt": "cannot read: Permission denied"}


def test_symlinked_directory_loop_does_not_trap_the_walk(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    (raw / "a").mkdir(parents=True)
    (raw / "a" / "page.txt").write_text(PROSE, encoding="utf-8")
    (raw / "a" / "back").symlink_to("..")  # raw/a/back/a/back/... forever if followed
    code, stderr = run(str(raw), str(out))
    assert code == 0, stderr
    assert [p.relative_to(out).as_posix() for p in out.rglob("*.json")] == ["a/page.txt.json"]


# --- charsets ---------------------------------------------------------------------------

CHARSET_CASES = {
    "utf-16 with BOM": PROSE.encode("utf-16"),
    "utf-16-le without BOM": PROSE.encode("utf-16-le"),
    "utf-16-be without BOM": PROSE.encode("utf-16-be"),
    "windows-1252 undeclared": PROSE.encode("cp1252"),
    "latin-1 undeclared": PROSE.replace("“", '"')
    .replace("”", '"')
    .replace("’", "'")
    .replace("„", '"')
    .encode("latin-1"),
}


@pytest.mark.parametrize("name", CHARSET_CASES)
def test_charsets_decode_without_mojibake(name: str) -> None:
    text, _, _ = decode_capture(CHARSET_CASES[name])
    assert "Bürgermeister" in text and "Straßenbahn" in text and "élèves français ont reçu" in text
    if "latin-1" not in name:
        assert "“c’est très bien”" in text and "„schön“" in text


@pytest.mark.parametrize(
    "declared",
    ['<meta charset="windows-1252">', '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', ""],
)
def test_legacy_html_with_and_without_declared_charset(cleaner: Cleaner, declared: str) -> None:
    article = cleaner.clean(HTML.format(meta=declared).encode("cp1252"))
    assert "Der Bürgermeister sagte am Montag" in article.body
    assert "“c’est très bien”" in article.body
    assert "Ã" not in article.body and "č" not in article.body


def test_invalid_utf8_keeps_the_rest_of_the_text() -> None:
    """A damaged UTF-8 download stays UTF-8: the broken bytes become U+FFFD, nothing else changes."""
    data = PROSE.encode("utf-8")
    damaged = data[:50] + b"\xff\xfe\xc3(" + data[50:]
    text, codec, _ = decode_capture(damaged)
    assert codec == "utf-8"
    assert "\ufffd" in text and "élèves français" in text and "“c’est très bien”" in text


# --- size, nesting, entities ------------------------------------------------------------


def test_page_over_the_size_limit_is_refused_fast(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    paragraph = b"<p>" + b"The council met on Monday and agreed on the tram. " * 20 + b"</p>\n"
    with big.open("wb") as stream:
        stream.write(b"<html><body>")
        for _ in range(50 * (1 << 20) // len(paragraph) + 1):
            stream.write(paragraph)
    assert big.stat().st_size > 50 * (1 << 20) > DEFAULT_OPTIONS.max_capture_bytes
    code, stderr = run(str(big), str(tmp_path / "out"))
    assert code == 1
    assert f"big.html: capture larger than {DEFAULT_OPTIONS.max_capture_bytes >> 20} MB (refused)" in stderr


def test_size_limit_applies_to_text_given_directly() -> None:
    with pytest.raises(CaptureError, match="larger than the 10 MB limit"):
        read_capture("x" * (DEFAULT_OPTIONS.max_capture_bytes + 1))


def test_html_nested_100000_levels(cleaner: Cleaner) -> None:
    deep = "<html><body>" + "<div>" * 100_000 + "<p>" + GERMAN + "</p>" + "</div>" * 100_000 + "</body></html>"
    with pytest.raises(NoArticleError, match="nested deeper than the HTML parser's limit"):
        cleaner.clean(deep)
    # Text above the limit is still found.
    shallow_then_deep = HTML.format(meta="").replace("</article>", "</article>" + "<div>" * 100_000 + "x")
    assert "Bürgermeister" in cleaner.clean(shallow_then_deep).body


def test_entities_are_neither_expanded_nor_fetched(cleaner: Cleaner, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    laughs = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10)
    )
    page = (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">'
        f'<!ENTITY passwd SYSTEM "file:///etc/passwd"><!ENTITY net SYSTEM "http://127.0.0.1:9/x">{laughs}]>'
        + HTML.format(meta="").replace(GERMAN, GERMAN + " &xxe; &passwd; &net; &lol9;")
    )
    article = cleaner.clean(page)
    assert "TOP-SECRET" not in article.body and "root:" not in article.body
    assert "lollol" not in article.body
    assert "Bürgermeister" in article.body


# --- gzip -------------------------------------------------------------------------------


def test_gzip_by_magic_and_by_name(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "page.txt.gz").write_bytes(gzip.compress(PROSE.encode("cp1252")))
    (raw / "saved.html").write_bytes(gzip.compress(HTML.format(meta="").encode("utf-8")))  # magic only
    (raw / "broken.txt.gz").write_bytes(gzip.compress(PROSE.encode())[:40])
    code, stderr = run(str(raw), str(out))
    assert code == 1
    assert errors(stderr)["broken.txt.gz"].startswith("corrupt gzip data: ")
    assert outputs(out) == ["page.txt.json", "saved.html.json"]
    assert "Straßenbahn" in (out / "page.txt.json").read_text(encoding="utf-8")


def _gzip_of_zeros(path: Path, size: int) -> None:
    """A gzip file inflating to `size` zero bytes, written a chunk at a time."""
    chunk = bytes(1 << 20)
    with gzip.open(path, "wb", compresslevel=1) as stream:
        for _ in range(size // len(chunk)):
            stream.write(chunk)


def test_gzip_bomb_refused_without_inflating_it(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    _gzip_of_zeros(bomb, 8 << 20)
    assert bomb.stat().st_size < 100_000
    small_bound = Cleaner(options=replace(DEFAULT_OPTIONS, max_inflated_bytes=1 << 20))
    with pytest.raises(CaptureError, match=r"^gzip data inflates past 1 MB \(refused as a possible gzip bomb\)$"):
        small_bound.clean(bomb.read_bytes())


def test_gzip_bomb_at_the_real_bound(tmp_path: Path) -> None:
    """200 MB of zeros (about 200 KB gzipped) stops at 100 MB + one chunk."""
    bomb = tmp_path / "bomb.gz"
    _gzip_of_zeros(bomb, 200 << 20)
    with pytest.raises(CaptureError, match="inflates past 100 MB"):
        gunzip_bounded(bomb.read_bytes())
