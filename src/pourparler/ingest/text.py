"""The reader for pasted web text and other plain text files."""

from __future__ import annotations

from collections.abc import Iterator

from pourparler.ingest import registry
from pourparler.ingest.decode import decode_bytes
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
    data = source.read()
    html_reader = registry.get("html")
    # People save a page with "Save as text" and get the HTML itself; read it as the page it is.
    if html_reader.sniff is not None and html_reader.sniff(data[: registry.SNIFF_BYTES]):
        yield from html_reader.read(source, options)
        return
    text, warnings = decode_bytes(data)
    yield RawDocument(source=source.label, text=text, url=source.url, warnings=warnings)
