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
from typing import Literal

import charset_normalizer
import regex
from lxml import etree

from cleaner import settings

CaptureKind = Literal["text", "html"]


class CaptureError(ValueError):
    """A capture that cannot be cleaned at all (empty, binary, too large...)."""


@dataclass(frozen=True)
class Capture:
    """A decoded capture: its text and whether it is markup."""

    kind: CaptureKind
    text: str
    encoding: str


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


def gunzip_bounded(data: bytes, limit: int | None = None) -> bytes:
    """Inflate gzip data, refusing to grow past `limit` bytes (a gzip bomb is refused, not inflated).

    `limit` defaults to `settings.MAX_INFLATED_BYTES`, read at call time. Data is inflated a
    chunk at a time, so at most `limit` plus one chunk is ever held in memory.
    """
    if limit is None:
        limit = settings.MAX_INFLATED_BYTES
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


def _utf16_without_bom(data: bytes) -> str | None:
    """`utf-16-le`/`utf-16-be` when the bytes look like UTF-16 text saved without a BOM.

    Latin-script UTF-16 has a NUL in every other byte (the high byte of ASCII characters);
    no text in an 8-bit encoding or UTF-8 holds NULs at all.
    """
    sample = data[: settings.CHARSET_SNIFF_BYTES]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 2:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) // 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) // 2)
    for codec, high, low in (("utf-16-le", odd_nuls, even_nuls), ("utf-16-be", even_nuls, odd_nuls)):
        if high >= settings.UTF16_MIN_NUL_SHARE and low <= settings.UTF16_MAX_OTHER_NUL_SHARE:
            try:
                data[: len(data) - len(data) % 2].decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    return None


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken bytes (a truncated or spliced download), not a legacy charset.

    Real multi-byte UTF-8 sequences are vanishingly rare in Windows-1252 or Latin-1 text, so
    a capture holding many of them and few invalid bytes is UTF-8 with damage.
    """
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    invalid = replaced - data.count("\ufffd".encode())  # U+FFFD already in the capture is valid
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - replaced
    return multibyte > 0 and invalid <= settings.MAX_INVALID_UTF8_SHARE * multibyte


def _detect(data: bytes) -> str | None:
    """charset-normalizer's guess, preferring Windows-1252 among equally good guesses.

    Windows-1252, Windows-1250 and friends decode Western European text with the same low
    "chaos"; the detector then picks among them by table order and turns `è` into `č`.
    Browsers default to Windows-1252 for undeclared legacy pages, and so do we on a tie.
    """
    results = charset_normalizer.from_bytes(data[: settings.CHARSET_DETECT_BYTES])
    best = results.best()
    if best is None:
        return None
    for match in results:
        if "cp1252" in (match.encoding, *match.could_be_from_charset):
            if match.chaos <= best.chaos and match.coherence >= best.coherence:
                return "cp1252"
    return best.encoding


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as a browser would: BOM, then declared charset, then UTF-8, then detection.

    Never raises on undecodable bytes; the last resort replaces them.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    if codec := _utf16_without_bom(data):
        return data.decode(codec, errors="replace"), codec
    head = data[: settings.CHARSET_SNIFF_BYTES]
    declared = _DECLARED_CHARSET.search(head) or _XML_ENCODING.search(head)
    if declared and (codec := _codec_name(declared.group(1))):
        # Pages declaring latin-1 are in practice windows-1252 (the WHATWG rule).
        if codec in {"latin-1", "iso8859-1", "ascii"}:
            codec = "cp1252"
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass  # a wrong declaration is common; fall through to detection
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace"), "utf-8"
    if codec := _detect(data):
        return data.decode(codec, errors="replace"), codec
    return data.decode("utf-8", errors="replace"), "utf-8"


def sniff_kind(text: str) -> CaptureKind:
    """HTML when the start of the document carries markup, whatever the file is called."""
    head = text[: settings.KIND_SNIFF_CHARS]
    # the first matches decide: findall's count reaches the minimum exactly when finditer
    # gives that many (the same matches, in order), and a page's first tags come early
    found = sum(1 for _ in islice(_HTML_SIGNATURE.finditer(head), settings.MIN_HTML_TAGS_TO_SNIFF))
    return "html" if found >= settings.MIN_HTML_TAGS_TO_SNIFF else "text"


def read_capture(data: bytes | str, kind: CaptureKind | None = None) -> Capture:
    """Turn raw bytes (or already-decoded text) into a `Capture`.

    Raises `CaptureError` for input that holds no text at all (empty, binary, a gzip bomb).
    """
    if isinstance(data, str):
        text, encoding = data, "str"
        _check_size(len(text))  # characters, not bytes: near enough, and free
    else:
        if data.startswith(_GZIP_MAGIC):
            data = gunzip_bounded(data)
        _check_size(len(data))
        if not data or data.isspace():  # `not data.strip()` without copying the capture
            raise CaptureError("empty capture")
        if binary := _looks_binary(data):
            raise CaptureError(f"binary content ({binary}), not a text or HTML capture")
        text, encoding = decode(data)
        # Only raw bytes are judged binary: text a caller already decoded is text, and
        # judging it would make a cleaned body (denser in any stray control characters than
        # the page it came from) fail where the page passed.
        if _control_ratio(text) > settings.MAX_CONTROL_CHAR_RATIO:
            raise CaptureError("binary content (control characters or undecodable bytes), not a text or HTML capture")
    text = text.lstrip("\ufeff")
    if not text or text.isspace():
        raise CaptureError("empty capture")
    return Capture(kind=kind or sniff_kind(text), text=text, encoding=encoding)


def _check_size(size: int) -> None:
    if size > settings.MAX_CAPTURE_BYTES:
        raise CaptureError(
            f"capture is {size / (1 << 20):.1f} MB, larger than the {settings.MAX_CAPTURE_BYTES // (1 << 20)} MB limit (refused)"
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


def _control_ratio(text: str) -> float:
    sample = text[: settings.KIND_SNIFF_CHARS]
    encoded = sample.encode("utf-8", "surrogatepass")
    controls = len(encoded) - len(encoded.translate(None, _CONTROL_BYTES))
    controls += sample.count("\ufffd")
    return controls / max(len(sample), 1)


def read_capture_file(path: str) -> bytes:
    """The bytes of the capture at `path` (`-`: standard input), refused past
    `settings.MAX_CAPTURE_BYTES`."""
    if path == "-":
        return sys.stdin.buffer.read(settings.MAX_CAPTURE_BYTES + 1)
    with open(path, "rb") as stream:
        data = stream.read(settings.MAX_CAPTURE_BYTES + 1)
    if len(data) > settings.MAX_CAPTURE_BYTES:
        raise CaptureError(f"capture larger than {settings.MAX_CAPTURE_BYTES // (1 << 20)} MB (refused)")
    return data
