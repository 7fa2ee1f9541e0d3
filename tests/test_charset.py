"""Issue #20, point 1: a charset mistake must not turn text into mojibake silently.

Each text is invented for these tests. A page is decoded right, or, when its charset had to
be guessed, the capture says so; no decoding may add mojibake of its own ("Ã©", "â€™").
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cleaner import Cleaner
from cleaner.capture import read_capture
from cleaner.cli import main

TEXTS = {
    "fr": (
        "Le maire a présenté hier un projet naïf pour rénover la gare du quartier. Les habitants, déçus, "
        "réclament plus de verdure et moins de béton."
    ),
    "es": (
        "El alcalde anunció ayer que la biblioteca abrirá sus puertas en otoño. "
        "Los vecinos pidieron más bancos y una fuente en la plaza pequeña."
    ),
    "de": (
        "Die Stadträtin erklärte am Dienstag, dass die Brücke über den Fluss im Frühjahr gesperrt wird. "
        "Anwohner äußerten Ärger über die späte Ankündigung."
    ),
    "pt": (
        "A prefeitura informou que a ponte será reaberta em março, após obras de reparação. "
        "Os comerciantes da região estão satisfeitos com a decisão."
    ),
    "pl": (
        "Burmistrz zapowiedział wczoraj, że nowa ścieżka rowerowa połączy dworzec z północną dzielnicą. "
        "Mieszkańcy chwalą pomysł, choć obawiają się źle zaplanowanych skrzyżowań."
    ),
    "cs": (
        "Starostka včera oznámila, že nová lávka přes řeku bude otevřena na jaře. "
        "Obyvatelé čtvrti si stěžují na hluk a žádají lepší osvětlení ulic."
    ),
    "tr": (
        "Belediye başkanı dün yaptığı açıklamada, şehir merkezindeki kütüphanenin gelecek ay yeniden açılacağını "
        "söyledi. Öğrenciler bu haberi sevinçle karşıladı."
    ),
    "ru": (
        "Вчера мэр города объявил, что новый мост через реку откроют весной. "
        "Жители района просят установить больше фонарей и скамеек вдоль набережной."
    ),
    "ja": "市長は昨日、川に架かる新しい橋が春に開通すると発表した。住民は街灯とベンチの増設を求めている。",
    "zh": "市长昨天宣布，河上的新桥将于春季通车。附近居民希望沿河增加路灯和长椅。",
}
# (language, the charset its pages are saved in, the label a page declares it by)
LEGACY = [
    ("fr", "cp1252", "windows-1252"),
    ("fr", "latin-1", "iso-8859-1"),
    ("es", "cp1252", "windows-1252"),
    ("de", "cp1252", "windows-1252"),
    ("pt", "latin-1", "iso-8859-1"),
    ("pl", "cp1250", "windows-1250"),
    ("pl", "iso8859-2", "iso-8859-2"),
    ("cs", "cp1250", "windows-1250"),
    ("cs", "iso8859-2", "iso-8859-2"),
    ("tr", "cp1254", "windows-1254"),
    ("ru", "cp1251", "windows-1251"),
    ("ru", "koi8-r", "koi8-r"),
    ("ja", "shift_jis", "shift_jis"),
    ("zh", "gbk", "gbk"),
]
# Undeclared Western pages must come out right, as in a browser (its default is Windows-1252).
WESTERN = {"fr", "es", "de", "pt"}
MOJIBAKE = ("Ã", "â€", "Å", "Ð")


def body(lang: str, long: bool) -> str:
    return "\n".join([TEXTS[lang]] * (40 if long else 1))


def page(text: str, label: str | None, long: bool) -> str:
    meta = f'<meta charset="{label}">' if label else ""
    paragraphs = "".join(f"<p>{line}</p>\n" for line in text.split("\n"))
    return f"<!DOCTYPE html><html><head>{meta}<title>Local news</title></head><body>{paragraphs}</body></html>"


def assert_clean(text: str, expected: str, lang: str) -> None:
    assert text.count(TEXTS[lang]) == expected.count(TEXTS[lang])
    # A letter of the text may itself be one of the marks (Polish "Ź" is not in it)
    assert not [mark for mark in MOJIBAKE if mark in text and mark not in expected], text[:200]


@pytest.mark.parametrize("long", [False, True], ids=["short", "long"])
@pytest.mark.parametrize("lang, codec, label", LEGACY, ids=[f"{lang}-{codec}" for lang, codec, _ in LEGACY])
def test_declared_legacy_page_decodes_right(lang, codec, label, long):
    text = body(lang, long)
    capture = read_capture(page(text, label, long).encode(codec))
    assert_clean(capture.text, text, lang)
    assert capture.warnings == ()


@pytest.mark.parametrize("long", [False, True], ids=["short", "long"])
@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1252", "windows-1251", "shift_jis"])
@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_utf8_page_declaring_a_legacy_charset_is_read_as_utf8(lang, label, long):
    # A scraper decoded the page and saved it as UTF-8 but left its <meta charset> as it was.
    text = body(lang, long)
    capture = read_capture(page(text, label, long).encode("utf-8"))
    assert_clean(capture.text, text, lang)
    assert capture.encoding == "utf-8" and capture.warnings == ()


@pytest.mark.parametrize("kind", ["html", "text"])
@pytest.mark.parametrize("long", [False, True], ids=["short", "long"])
@pytest.mark.parametrize("lang, codec, label", LEGACY, ids=[f"{lang}-{codec}" for lang, codec, _ in LEGACY])
def test_undeclared_legacy_capture_is_right_or_says_it_guessed(lang, codec, label, long, kind):
    text = body(lang, long)
    data = (page(text, None, long) if kind == "html" else f"Local news\n\n{text}\n").encode(codec)
    capture = read_capture(data)
    if lang in WESTERN:
        assert_clean(capture.text, text, lang)
    elif capture.text.count(TEXTS[lang]) != text.count(TEXTS[lang]):
        assert capture.warnings, f"{lang} in {codec} decoded wrong as {capture.encoding} without a warning"
    if capture.warnings:
        (warning,) = capture.warnings
        assert warning == f"charset guessed as {capture.encoding} (no declaration)"


@pytest.mark.parametrize("long", [False, True], ids=["short", "long"])
@pytest.mark.parametrize("lang, codec, label", LEGACY, ids=[f"{lang}-{codec}" for lang, codec, _ in LEGACY])
def test_legacy_page_declaring_utf8_is_right_or_says_it_guessed(lang, codec, label, long):
    text = body(lang, long)
    capture = read_capture(page(text, "utf-8", long).encode(codec))
    if lang in WESTERN:
        assert_clean(capture.text, text, lang)
    elif capture.text.count(TEXTS[lang]) != text.count(TEXTS[lang]):
        assert capture.warnings
    assert capture.warnings == () or "declared utf-8 does not fit" in capture.warnings[0]


def test_the_short_western_page_of_the_issue():
    # The issue's example: "é" and "ï" in Windows-1252, nothing declared (read as Windows-1257 before).
    data = "<html><head><title>Café news</title></head><body><p>A naïve plan.</p></body></html>".encode("cp1252")
    capture = read_capture(data)
    assert "Café news" in capture.text and "naïve" in capture.text
    assert capture.encoding == "cp1252"


def test_ascii_and_utf8_captures_carry_no_warning():
    assert read_capture(b"<html><body><p>Plain ASCII news.</p></body></html>").warnings == ()
    assert read_capture(TEXTS["fr"].encode()).warnings == ()


def test_a_guess_reaches_the_article():
    story = " ".join([TEXTS["fr"]] * 4)
    article = Cleaner().clean(
        f"<html><body><article><p>{story}</p><p>{story}</p></article></body></html>".encode("cp1252")
    )
    assert article.warnings == ("charset guessed as cp1252 (no declaration)",)


def test_cli_prints_a_guess_as_a_warning_line_and_still_succeeds(tmp_path):
    (tmp_path / "raw").mkdir()
    story = " ".join([TEXTS["fr"]] * 4)
    html = f"<html><body><article><h1>Le projet de la gare</h1><p>{story}</p><p>{story}</p></article></body></html>"
    (tmp_path / "raw" / "page.html").write_bytes(html.encode("cp1252"))
    result = CliRunner().invoke(main, [str(tmp_path / "raw"), str(tmp_path / "out"), "-j", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "page.html: warning: charset guessed as cp1252 (no declaration)\n" in result.stderr
    assert "présenté" in (tmp_path / "out" / "page.html.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text, codec, label",
    [
        ("总理朱镕基昨天视察了新建的港口。", "gbk", "gb2312"),  # 镕 is GBK, not GB2312
        ("会場は①番ホームの先にある。", "cp932", "shift_jis"),  # ① is Windows' Shift_JIS
        ("Le “projet” du maire", "cp1252", "iso-8859-1"),
        ("Bugün “yeni” köprü açıldı.", "cp1254", "iso-8859-9"),
        ("新しい駅のニュース", "iso2022_jp", "iso-2022-jp"),  # all ASCII bytes: the declaration decides
        ("Plain words only.", "ascii", "utf-16"),  # a <meta> read as ASCII cannot really mean UTF-16
    ],
)
def test_declared_charset_is_read_as_browsers_read_it(text, codec, label):
    capture = read_capture(page(text, label, False).encode(codec))
    assert text in capture.text and capture.warnings == ()
