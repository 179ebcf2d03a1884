"""Reading inputs (files, directories, stdin, URLs) into RawDocuments, or Failures that let a batch go on."""

from __future__ import annotations

import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

# Importing the reader modules registers them; adding a reader means adding a module here.
from pourparler.ingest import feed, html, jsonl, text, warc  # noqa: F401
from pourparler.ingest.decode import decode_bytes
from pourparler.ingest.registry import ReadOptions, cannot_read
from pourparler.ingest.sources import directory_files, read_path, read_stdin
from pourparler.model import Failure, RawDocument

__all__ = ["DEFAULT_OPTIONS", "ReadOptions", "decode_bytes", "input_files", "read_sources"]

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


def input_files(sources: Iterable[str]) -> Iterator[str | Failure]:
    """The sources with every directory replaced by its files, in the order `read_sources` reads them, and
    a Failure for a part of a directory that cannot be listed. Reading each of them in turn reads what
    reading the sources does; batch and Spark jobs split their work this way."""
    for source in sources:
        if source == "-" or _URL_SCHEME.match(source):
            yield source
            continue
        try:
            is_directory = Path(source).is_dir()
        except OSError:
            is_directory = False
        if not is_directory:
            yield source  # read_path reports a missing or unreadable file
            continue
        for item in directory_files(Path(source), source):
            if isinstance(item, Failure):
                yield item
                continue
            try:
                regular = stat.S_ISREG(item.stat().st_mode)
            except OSError as error:
                yield Failure(str(item), cannot_read(error))
                continue
            if regular:  # as read_directory: pipes, sockets and devices in a tree are skipped
                yield str(item)
