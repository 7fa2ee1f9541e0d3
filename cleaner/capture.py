"""Stage 1 — capture: raw bytes to decoded text, and the decision HTML or plain text.

A capture is whatever a scraper or text browser saved. We never trust the file name
alone: a `.txt` holding markup is HTML, and gzip is recognised by its magic bytes.
"""

from __future__ import annotations

import codecs
import gzip
import io
import zlib
from dataclasses import dataclass
from typing import Literal

import charset_normalizer
import regex

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


def gunzip_bounded(data: bytes, limit: int = settings.MAX_INFLATED_BYTES) -> bytes:
    """Inflate gzip data, refusing to grow past `limit` bytes (a gzip bomb is refused, not inflated)."""
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


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as a browser would: BOM, then declared charset, then UTF-8, then detection.

    Never raises on undecodable bytes; the last resort replaces them.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
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
    best = charset_normalizer.from_bytes(data[: settings.CHARSET_DETECT_BYTES]).best()
    if best is not None:
        codec = best.encoding
        return data.decode(codec, errors="replace"), codec
    return data.decode("utf-8", errors="replace"), "utf-8"


def sniff_kind(text: str) -> CaptureKind:
    """HTML when the start of the document carries markup, whatever the file is called."""
    head = text[: settings.KIND_SNIFF_CHARS]
    return "html" if len(_HTML_SIGNATURE.findall(head)) >= settings.MIN_HTML_TAGS_TO_SNIFF else "text"


def read_capture(data: bytes | str, kind: CaptureKind | None = None) -> Capture:
    """Turn raw bytes (or already-decoded text) into a `Capture`.

    Raises `CaptureError` for input that holds no text at all (empty, binary, a gzip bomb).
    """
    if isinstance(data, str):
        text, encoding = data, "str"
    else:
        if data.startswith(_GZIP_MAGIC):
            data = gunzip_bounded(data)
        if not data.strip():
            raise CaptureError("empty capture")
        if binary := _looks_binary(data):
            raise CaptureError(f"binary content ({binary}), not a text or HTML capture")
        text, encoding = decode(data)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise CaptureError("empty capture")
    if _control_ratio(text) > settings.MAX_CONTROL_CHAR_RATIO:
        raise CaptureError("binary content (mostly control characters), not a text or HTML capture")
    return Capture(kind=kind or sniff_kind(text), text=text, encoding=encoding)


def _control_ratio(text: str) -> float:
    sample = text[: settings.KIND_SNIFF_CHARS]
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\r\f\v")
    controls += sample.count("\ufffd")
    return controls / max(len(sample), 1)
