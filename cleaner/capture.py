"""Stage 1 — capture: raw bytes to decoded text, and the decision HTML or plain text.

A capture is whatever a scraper or text browser saved. We never trust the file name
alone: a `.txt` holding markup is HTML, and gzip is recognised by its magic bytes.
"""

from __future__ import annotations

import codecs
import gzip
import io
import sys
import zlib
from dataclasses import dataclass
from itertools import islice
from typing import Literal, get_args

import charset_normalizer
import regex
from lxml import etree

from cleaner.settings import DEFAULT_OPTIONS, Options

CaptureKind = Literal["text", "html"]
#: Every value a capture's `kind` may take (sorted, as error messages list them).
CAPTURE_KINDS: tuple[CaptureKind, ...] = tuple(sorted(get_args(CaptureKind)))


class CaptureError(ValueError):
    """A capture that cannot be cleaned at all (empty, binary, too large...)."""


@dataclass(frozen=True)
class Capture:
    """A decoded capture: its text and whether it is markup."""

    kind: CaptureKind
    text: str
    encoding: str
    #: Notes on a capture read despite a doubt, e.g. "charset guessed as cp1252 (no declaration)".
    warnings: tuple[str, ...] = ()


_GZIP_MAGIC = b"\x1f\x8b"
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">,
# searched only in the head of the document, as browsers do.
_DECLARED_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", regex.I)
_XML_ENCODING = regex.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", regex.I)
_HTML_SIGNATURE = regex.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<(?:div|p|article|meta|title|script|span|a)\b[^<>]*>",
    regex.I,
)
_DOCUMENT_START = regex.compile(r"<!doctype\s+html|<html[\s>]", regex.I)
_BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "an executable"),
)
_ZLIB_HEADERS = (b"\x78\x01", b"\x78\x5e", b"\x78\x9c", b"\x78\xda")


def gunzip_bounded(data: bytes, limit: int = DEFAULT_OPTIONS.max_inflated_bytes) -> bytes:
    """Inflate gzip data, refusing to grow past `limit` bytes (a gzip bomb is refused, not inflated).

    Data is inflated a chunk at a time, so at most `limit` plus one chunk is ever held in memory.
    """
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            while chunk := stream.read(1 << 20):
                out.write(chunk)
                if out.tell() > limit:
                    raise CaptureError(
                        f"gzip data inflates past {limit // (1 << 20)} MB (refused as a possible gzip bomb)"
                    )
    except (OSError, EOFError, zlib.error) as error:
        raise CaptureError(f"corrupt gzip data: {error}") from error
    return out.getvalue()


def _looks_binary(data: bytes) -> str | None:
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return what
    if data[:2] in _ZLIB_HEADERS:
        try:
            zlib.decompressobj().decompress(data[:4096])
            return "a zlib stream"
        except zlib.error:
            pass
    return None


def _codec_name(label: bytes | str) -> str | None:
    name = label.decode("ascii", "ignore") if isinstance(label, bytes) else label
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _utf16_without_bom(data: bytes, options: Options) -> str | None:
    """`utf-16-le`/`utf-16-be` when the bytes look like UTF-16 text saved without a BOM.

    Latin-script UTF-16 has a NUL in every other byte (the high byte of ASCII characters);
    no text in an 8-bit encoding or UTF-8 holds NULs at all.
    """
    sample = data[: options.charset_sniff_bytes]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 2:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) // 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) // 2)
    for codec, high, low in (("utf-16-le", odd_nuls, even_nuls), ("utf-16-be", even_nuls, odd_nuls)):
        if high >= options.utf16_min_nul_share and low <= options.utf16_max_other_nul_share:
            try:
                data[: len(data) - len(data) % 2].decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    return None


def _mostly_utf8(data: bytes, options: Options) -> bool:
    """UTF-8 with a few broken bytes (a truncated or spliced download), not a legacy charset.

    Real multi-byte UTF-8 sequences are vanishingly rare in Windows-1252 or Latin-1 text, so
    a capture holding many of them and few invalid bytes is UTF-8 with damage.
    """
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    invalid = replaced - data.count("\ufffd".encode())  # U+FFFD already in the capture is valid
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - replaced
    return multibyte > 0 and invalid <= options.max_invalid_utf8_share * multibyte


# Labels Python does not know, and charsets whose WHATWG decoder is a superset of Python's
# codec of that name: pages declaring the narrower one use the superset in practice (a
# "latin-1" page holds Windows-1252 curly quotes, a "gb2312" page GBK ideographs), and
# browsers decode them so. A <meta> declaring UTF-16 is read as UTF-8 (its bytes are ASCII
# when the parser can read the <meta> at all).
_WHATWG_LABELS = {"windows-874": "cp874", "x-sjis": "cp932", "windows-31j": "cp932", "x-user-defined": "cp1252"}
_WHATWG_SUPERSETS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
    "utf-32": "utf-8",
    "utf-32-le": "utf-8",
    "utf-32-be": "utf-8",
}


def _declared_codec(head: bytes) -> tuple[str, str | None] | None:
    """The charset label the head of the document declares, and the codec to read it with (None if unknown)."""
    declared = _DECLARED_CHARSET.search(head) or _XML_ENCODING.search(head)
    if declared is None:
        return None
    label = declared.group(1).decode("ascii", "ignore").lower()
    codec = _codec_name(_WHATWG_LABELS.get(label, label))
    return label, _WHATWG_SUPERSETS.get(codec, codec) if codec else None


def _chaos(sample: bytes, codec: str) -> float:
    """charset-normalizer's measure of how garbled `sample` reads in `codec` (1.0: undecodable)."""
    match = charset_normalizer.from_bytes(sample, cp_isolation=[codec], threshold=1.0).best()
    return 1.0 if match is None else match.chaos


def _guess(data: bytes, options: Options) -> str:
    """Windows-1252, the browsers' default, unless the detector reads the bytes clearly better otherwise.

    Between single-byte Latin charsets a detector's pick on a short page is a coin toss
    (French reads as cleanly in Windows-1257 or CP775 as in Windows-1252), so a pick that is
    merely as good as Windows-1252 loses to it. Cyrillic, Greek or CJK bytes read as
    Windows-1252 make accented gibberish (or no decoding at all), so there the detector's
    pick reads clearly better and wins; so does Windows-1250 for Polish.
    """
    sample = data[: options.charset_detect_bytes]
    best = charset_normalizer.from_bytes(sample).best()
    if best is None:
        # No charset reads the bytes at all (damaged UTF-8, binary): replacing the broken
        # bytes keeps any valid UTF-8 whole, where Windows-1252 would make it mojibake.
        return "utf-8"
    if best.encoding == "cp1252" or "cp1252" in best.could_be_from_charset:
        return "cp1252"
    if _chaos(sample, "cp1252") - best.chaos >= options.charset_min_chaos_gain:
        return best.encoding
    return "cp1252"


def decode_capture(data: bytes, options: Options = DEFAULT_OPTIONS) -> tuple[str, str, str | None]:
    """Decode bytes as a browser would, with one exception; the third value says when the charset was guessed.

    The order: a BOM; bytes that are valid UTF-8 with multi-byte sequences, as UTF-8 even
    when the page declares another charset (a scraper saved the decoded page as UTF-8 and
    left its <meta> alone; valid multi-byte UTF-8 is almost never legacy text by accident);
    the declared charset; UTF-8 with a few broken bytes; and last a guess (see `_guess`).
    Never raises on undecodable bytes; a guess replaces them.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec, None
    if utf16 := _utf16_without_bom(data, options):
        return data.decode(utf16, errors="replace"), utf16, None
    declared = _declared_codec(data[: options.charset_sniff_bytes])
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    # ASCII reads the same in every ASCII-compatible charset, so there the declaration
    # decides (ISO-2022-JP text is all ASCII bytes).
    if utf8 is not None and not (utf8.isascii() and declared and declared[1]):
        return utf8, "utf-8", None
    if declared and (declared_codec := declared[1]):
        try:
            return data.decode(declared_codec), declared_codec, None
        except UnicodeDecodeError:
            pass  # a wrong declaration is common: guess as if there were none
    if utf8 is not None:  # ASCII that the declared charset cannot read
        return utf8, "utf-8", None
    if _mostly_utf8(data, options):
        return data.decode("utf-8", errors="replace"), "utf-8", None
    codec = _guess(data, options)
    why = f"declared {declared[0]} does not fit" if declared else "no declaration"
    return data.decode(codec, errors="replace"), codec, f"charset guessed as {codec} ({why})"


def sniff_kind(text: str, options: Options = DEFAULT_OPTIONS) -> CaptureKind:
    """HTML when the document opens with markup and its start carries tags, whatever the file
    is called.

    A saved page opens with `<` (a doctype, a tag, a comment), or, after a stray prefix a
    server printed (a warning line), with its doctype or `<html>` soon after. A text dump opens
    with words, and the tags a documentation page shows as code samples come later: they do
    not make it HTML.
    """
    head = text[: options.kind_sniff_chars]
    opening = head.lstrip()
    if not opening.startswith("<") and not _DOCUMENT_START.search(head, 0, options.html_stray_prefix_max_chars):
        return "text"
    # the first matches decide: findall's count reaches the minimum exactly when finditer
    # gives that many (the same matches, in order), and a page's first tags come early
    found = sum(1 for _ in islice(_HTML_SIGNATURE.finditer(head), options.min_html_tags_to_sniff))
    return "html" if found >= options.min_html_tags_to_sniff else "text"


def read_capture(data: bytes | str, kind: CaptureKind | None = None, *, options: Options = DEFAULT_OPTIONS) -> Capture:
    """Turn raw bytes (or already-decoded text) into a `Capture`.

    Raises `TypeError` for `data` that is neither bytes nor str, `ValueError` for a `kind`
    that is not one of `CAPTURE_KINDS`, and `CaptureError` for input that holds no text at
    all (empty, binary, a gzip bomb).
    """
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, bytes | str):
        raise TypeError(f"a capture is bytes or str, not {type(data).__name__}")
    if kind is not None and kind not in CAPTURE_KINDS:
        allowed = ", ".join(repr(known) for known in CAPTURE_KINDS)
        raise ValueError(f"unknown capture kind {kind!r}: use {allowed}, or None to sniff it from the content")
    guess = None
    if isinstance(data, str):
        text, encoding = data, "str"
        _check_size(len(text), options)  # characters, not bytes: near enough, and free
    else:
        if data.startswith(_GZIP_MAGIC):
            data = gunzip_bounded(data, options.max_inflated_bytes)
        _check_size(len(data), options)
        if not data or data.isspace():  # `not data.strip()` without copying the capture
            raise CaptureError("empty capture")
        if binary := _looks_binary(data):
            raise CaptureError(f"binary content ({binary}), not a text or HTML capture")
        text, encoding, guess = decode_capture(data, options)
        # Only raw bytes are judged binary: text a caller already decoded is text, and
        # judging it would make a cleaned body (denser in any stray control characters than
        # the page it came from) fail where the page passed.
        if _control_ratio(text, options) > options.max_control_char_ratio:
            raise CaptureError("binary content (control characters or undecodable bytes), not a text or HTML capture")
    text = text.lstrip("\ufeff")
    if not text or text.isspace():
        raise CaptureError("empty capture")
    return Capture(
        kind=kind or sniff_kind(text, options), text=text, encoding=encoding, warnings=(guess,) if guess else ()
    )


def _check_size(size: int, options: Options) -> None:
    if size > options.max_capture_bytes:
        raise CaptureError(
            f"capture is {size / (1 << 20):.1f} MB,"
            f" larger than the {options.max_capture_bytes // (1 << 20)} MB limit (refused)"
        )


def nested_too_deep(text: str) -> bool:
    """True when the HTML parser stopped at its nesting limit, so deeper text went unread.

    libxml2 (behind lxml) stops building the tree 256 levels down unless told to accept
    "huge" documents, which we do not (it also lifts the guards against entity bombs).
    Called only when an HTML capture gave no article, to say why.
    """
    parser = etree.HTMLParser(recover=True, no_network=True, huge_tree=False)
    try:
        etree.fromstring(text, parser)
    except (etree.LxmlError, ValueError):
        return False
    return any("Excessive depth" in entry.message for entry in parser.error_log)


# Control characters other than the whitespace ones (\t \n \v \f \r). In UTF-8 each is its
# own byte, and no other character holds such a byte: deleting them counts them (fast).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])


def _control_ratio(text: str, options: Options = DEFAULT_OPTIONS) -> float:
    sample = text[: options.kind_sniff_chars]
    encoded = sample.encode("utf-8", "surrogatepass")
    controls = len(encoded) - len(encoded.translate(None, _CONTROL_BYTES))
    controls += sample.count("\ufffd")
    return controls / max(len(sample), 1)


def read_capture_file(path: str, options: Options = DEFAULT_OPTIONS) -> bytes:
    """The bytes of the capture at `path` (`-`: standard input), refused past
    `options.max_capture_bytes`."""
    if path == "-":
        return sys.stdin.buffer.read(options.max_capture_bytes + 1)
    with open(path, "rb") as stream:
        data = stream.read(options.max_capture_bytes + 1)
    if len(data) > options.max_capture_bytes:
        raise CaptureError(f"capture larger than {options.max_capture_bytes // (1 << 20)} MB (refused)")
    return data
