"""Decoding bytes and telling HTML from text."""

import gzip

import pytest

from cleaner.capture import CaptureError, decode_capture, read_capture, sniff_kind

GERMAN = "Die Bürgermeisterin sagte: „Wir müssen größer denken“ – und das Publikum applaudierte."


def test_utf8_bom_is_removed_and_decoded():
    capture = read_capture("\ufeffHello world".encode("utf-8-sig"))
    assert capture.text == "Hello world"


def test_utf16_with_bom():
    capture = read_capture(GERMAN.encode("utf-16"))
    assert capture.text == GERMAN


def test_declared_charset_is_honoured():
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{GERMAN}</p></body></html>'
    text, codec, _ = decode_capture(page.encode("cp1252"))
    assert GERMAN in text
    assert codec == "cp1252"


def test_declared_latin1_is_read_as_windows_1252():
    # Browsers treat a latin-1 declaration as windows-1252, where 0x93/0x94 are curly quotes.
    page = (
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head>'
        b"<body>\x93quoted\x94</body></html>"
    )
    text, _, _ = decode_capture(page)
    assert "“quoted”" in text


def test_undeclared_cp1252_is_detected_without_mojibake():
    text = (GERMAN + " ") * 20
    decoded, _, _ = decode_capture(text.encode("cp1252"))
    assert "Bürgermeisterin" in decoded
    assert "Ã" not in decoded


def test_undecodable_bytes_never_raise():
    capture = read_capture(b"Plain text with a stray byte \xff\xfe\xfa in the middle of a sentence.")
    assert "Plain text" in capture.text


def test_html_is_sniffed_from_content_not_name():
    assert sniff_kind("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff_kind("Headline\n\nA paragraph about <b> tags in prose.") == "text"


def test_a_text_dump_of_a_page_showing_markup_is_text():
    # A documentation page dumped as text: prose first, then a code sample full of tags.
    docs_page = "Docs\nGuides\n\nTemplates\n\nA template renders one message:\n\n" + (
        '<div class="message">\n  <span>{subject}</span>\n  <p>{snippet}</p>\n</div>\n'
    )
    assert sniff_kind(docs_page) == "text"
    intro = "Getting started\n\n" + "Each page of the site is built from one layout and its blocks.\n" * 12
    assert sniff_kind(intro + "\n<!DOCTYPE html>\n<html><body><p>x</p></body></html>") == "text"


def test_html_after_a_stray_server_line_is_html():
    page = "Warning: session_start(): headers already sent\n<!DOCTYPE html><html><body><p>Story.</p></body></html>"
    assert sniff_kind(page) == "html"
    assert sniff_kind("  \n<div><p>A fragment of a page.</p></div>") == "html"


def test_sniffing_counts_tags_as_all_matches_would():
    # the count stops at the minimum: the decision is the one counting every match gives
    from cleaner import capture
    from cleaner.settings import DEFAULT_OPTIONS

    texts = [
        "No markup at all.",
        "One <p> tag only in a sentence.",
        "<p>Two tags: this and <span class='x'>.",
        "<div><p><a href='/'>many</a></p></div>" * 3,
        "<!-- " + "x" * (DEFAULT_OPTIONS.kind_sniff_chars - 15) + "<div><p>past the sniffed start</p></div>",
    ]
    for text in texts:
        every = len(capture._HTML_SIGNATURE.findall(text[: DEFAULT_OPTIONS.kind_sniff_chars]))
        assert sniff_kind(text) == ("html" if every >= DEFAULT_OPTIONS.min_html_tags_to_sniff else "text"), text[:40]


def test_gzip_is_read_transparently():
    capture = read_capture(gzip.compress(b"<html><body><p>Story</p></body></html>"))
    assert capture.kind == "html"


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty"), (b"   \n\n", "empty"), (b"%PDF-1.7 binary", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG")],
)
def test_non_captures_are_refused_with_a_reason(data, reason):
    with pytest.raises(CaptureError, match=reason):
        read_capture(data)
