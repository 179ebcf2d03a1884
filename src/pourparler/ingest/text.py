"""The reader for pasted web text and other plain text files."""

from __future__ import annotations

from collections.abc import Iterator

from pourparler.errors import InputError
from pourparler.ingest import registry
from pourparler.ingest.decode import (
    decode_bytes,
    encoding_for_label,
    looks_binary,
    normalise_newlines,
    peek_text,
)
from pourparler.ingest.registry import Input, Item, ReadOptions
from pourparler.model import RawDocument


@registry.reader(
    "text",
    suffixes=(".txt", ".text", ".md"),
    content_types=("text/plain", "text/markdown"),
    order=100,
    fallback=True,
)
def read_text(source: Input, options: ReadOptions) -> Iterator[Item]:
    data = source.read(options.max_bytes)
    html_reader = registry.get("html")
    # People save a page with "Save as text" and get the HTML itself; read it as the page it is.
    if html_reader.sniff is not None and html_reader.sniff(data[: registry.SNIFF_BYTES]):
        yield from html_reader.read(source, options)
        return
    if peek_text(data[:64]).startswith("<?xml"):
        raise InputError("an XML file that is neither an RSS or Atom feed nor a web page")
    declared = _decode_declared(data, source.charset)
    if declared is not None:
        yield RawDocument(source=source.label, text=declared, url=source.url)
        return
    text, warnings = decode_bytes(data)
    yield RawDocument(source=source.label, text=text, url=source.url, warnings=warnings)


def _decode_declared(data: bytes, charset: str | None) -> str | None:
    """Text in the legacy charset a server declared, when the bytes are not UTF-8 and fit that charset."""
    encoding = encoding_for_label(charset) if charset else None
    if encoding is None or encoding == "utf-8" or looks_binary(data):
        return None
    try:
        data.decode("utf-8")
        return None  # valid UTF-8 is UTF-8 whatever the header says
    except UnicodeDecodeError:
        pass
    try:
        text = normalise_newlines(data.decode(encoding))
    except UnicodeDecodeError:
        return None
    return text if text.strip() else None
