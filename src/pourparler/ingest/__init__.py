"""Reading inputs (files, directories, stdin, URLs) into RawDocuments, or Failures that let a batch go on."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# Importing the reader modules registers them; adding a reader means adding a module here.
from pourparler.ingest import feed, html, jsonl, text, warc  # noqa: F401
from pourparler.ingest.decode import decode_bytes
from pourparler.ingest.registry import ReadOptions
from pourparler.ingest.sources import read_path, read_stdin
from pourparler.model import Failure, RawDocument

__all__ = ["DEFAULT_OPTIONS", "ReadOptions", "decode_bytes", "read_sources"]

DEFAULT_OPTIONS = ReadOptions()
_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def read_sources(
    sources: Iterable[str], options: ReadOptions = DEFAULT_OPTIONS
) -> Iterator[RawDocument | Failure]:
    """Read every source, yielding documents, and a Failure for each input that cannot be read.

    Each source is a path (file or directory, recursive, sorted, hidden files skipped), '-' for stdin,
    or an http(s):// URL.
    """
    for source in sources:
        scheme = _URL_SCHEME.match(source)
        if source == "-":
            yield from read_stdin(options)
        elif scheme and scheme.group(1).lower() in ("http", "https"):
            from pourparler.ingest.url import read_url

            yield from read_url(source, options)
        elif scheme:
            yield Failure(source, f"cannot fetch {scheme.group(1).lower()}:// URLs; only http and https")
        else:
            yield from read_path(source, options)
