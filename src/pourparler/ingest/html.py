"""The reader for HTML pages: decodes them by their declared charset and hands the markup on untouched."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from pourparler.errors import InputError
from pourparler.ingest import registry
from pourparler.ingest.decode import (
    BINARY,
    EMPTY,
    codec_label,
    decode_bytes,
    encoding_for_label,
    looks_binary,
    peek_text,
)
from pourparler.ingest.registry import Input, Item, ReadOptions
from pourparler.model import RawDocument

_PREAMBLE = re.compile(r"(?:<\?xml[^>]*>|<!--.*?-->|\s+)*", re.DOTALL)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>/]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([-\w.:]+)""", re.IGNORECASE)
_PRESCAN_BYTES = 8192


def sniff_html(head: bytes) -> bool:
    """True when the content starts like an HTML document (doctype or html/head/body element)."""
    text = peek_text(head)
    start = _PREAMBLE.match(text)
    position = start.end() if start else 0
    return _HTML_START.match(text, position) is not None


@registry.reader(
    "html",
    suffixes=(".html", ".htm", ".xhtml", ".shtml"),
    content_types=("text/html", "application/xhtml+xml"),
    sniff=sniff_html,
    order=30,
)
def read_html(source: Input, options: ReadOptions) -> Iterator[Item]:
    html, warnings = decode_html(source.read(options.max_bytes), source.charset)
    yield RawDocument(source=source.label, html=html, url=source.url, warnings=warnings)


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode a page: byte-order mark, else UTF-8 when the bytes are UTF-8, else the declared charset.

    `declared` is the charset of an HTTP Content-Type header; the page's own <meta> comes after it.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data:
        return decode_bytes(data)
    if not data.strip():
        raise InputError(EMPTY)
    if looks_binary(data):
        raise InputError(BINARY)
    warnings: list[str] = []
    try:
        # Valid UTF-8 with non-ASCII characters is UTF-8 whatever the page claims: legacy text is never
        # valid UTF-8 by chance, and mislabelled pages are common.
        return _finish(data.decode("utf-8")), warnings
    except UnicodeDecodeError:
        pass
    for label, who in ((declared, "the server"), (_meta_charset(data), "the page")):
        if not label:
            continue
        encoding = encoding_for_label(label)
        if encoding is None:
            warnings.append(f"{who} declares an unknown charset {label!r}")
            continue
        if encoding == "utf-8":
            break
        try:
            return _finish(data.decode(encoding)), warnings
        except UnicodeDecodeError:
            warnings.append(f"{who} declares {codec_label(encoding)} but the bytes do not fit it")
    text, more = decode_bytes(data)
    return text, warnings + more


def _finish(text: str) -> str:
    if not text.strip():
        raise InputError(EMPTY)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _meta_charset(data: bytes) -> str | None:
    head = data[:_PRESCAN_BYTES]
    found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return found.group(1).decode("ascii", "replace") if found else None
