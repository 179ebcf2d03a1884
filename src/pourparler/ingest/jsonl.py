"""The reader for JSON Lines exports: one article object per line, with "text" or "html"."""

from __future__ import annotations

import codecs
import contextlib
import gzip
import json
import re
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO, cast

from pourparler.errors import InputError
from pourparler.ingest import registry
from pourparler.ingest.decode import BINARY, EMPTY, decode_bytes, looks_binary, normalise_newlines, peek_text
from pourparler.ingest.registry import Input, Item, ReadOptions, describe_limit
from pourparler.model import Failure, RawDocument

_OPTIONAL_FIELDS = ("url", "title", "published", "outlet")
_OBJECT_START = re.compile(r'\{\s*(?:"|\})')


def sniff_jsonl(head: bytes) -> bool:
    """True when the first non-blank line is a JSON object (or the start of a long one)."""
    text = peek_text(head)
    first, newline, _ = text.partition("\n")
    first = first.strip()
    if not _OBJECT_START.match(first):
        return False
    if not newline:
        return True  # the first line is longer than the sniffed bytes
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


@registry.reader(
    "jsonl",
    suffixes=(".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"),
    content_types=(
        "application/x-ndjson",
        "application/jsonl",
        "application/x-jsonlines",
        "application/jsonlines",
    ),
    sniff=sniff_jsonl,
    order=40,
    whole_file_capped=False,
)
def read_jsonl(source: Input, options: ReadOptions) -> Iterator[Item]:
    # Exports hold thousands of articles, so the file is streamed and each line is capped instead.
    with _open(source) as stream:
        head = _head(stream)
    if not head.strip():
        raise InputError(EMPTY)
    if looks_binary(head):
        raise InputError(BINARY)
    with _open(source) as stream:
        number = 0
        while True:
            line = _readline(stream, options.max_bytes + 1, line=number)
            if not line:
                return
            number += 1
            label = f"{source.label}:{number}"
            if len(line) > options.max_bytes and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):
                    line = _readline(stream, 1 << 20, line=number)
                limit = describe_limit(options.max_bytes)
                yield Failure(label, f"line {number} is too large (more than {limit})")
                continue
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8) :]
            if not line.strip():
                continue
            yield _article(line, number, label)


def _article(line: bytes, number: int, label: str) -> Item:
    warnings: list[str] = []
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text, warnings = decode_bytes(line)
        except InputError as error:
            return Failure(label, f"line {number}: {error}")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        return Failure(label, f"line {number} is not valid JSON ({error.msg} at column {error.colno})")
    except (ValueError, RecursionError) as error:
        return Failure(label, f"line {number} is not valid JSON ({error})")
    if not isinstance(value, dict):
        return Failure(label, f"line {number} is not a JSON object")
    html = _string(value.get("html"))
    body = _string(value.get("text"))
    if html is None and body is None:
        return Failure(label, f'line {number} has no "text" or "html" string')
    if html is not None and body is not None:
        warnings.append('both "html" and "text" given; used "html"')
        body = None
    metadata: dict[str, str | None] = {}
    for name in _OPTIONAL_FIELDS:
        given = value.get(name)
        metadata[name] = _string(given)
        if given is not None and metadata[name] is None and given != "":
            warnings.append(f'"{name}" ignored (not a string)')
    return RawDocument(
        source=label,
        text=normalise_newlines(body) if body is not None else None,
        html=html,
        url=metadata["url"],
        title=metadata["title"],
        published=metadata["published"],
        outlet=metadata["outlet"],
        warnings=warnings,
    )


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


@contextlib.contextmanager
def _open(source: Input) -> Iterator[BinaryIO]:
    with source.open() as raw:
        if source.path is not None and source.path.suffix.lower() == ".gz":
            with gzip.GzipFile(fileobj=raw, mode="rb") as inflated:
                yield cast(BinaryIO, inflated)
        else:
            yield raw


def _head(stream: BinaryIO) -> bytes:
    """The first bytes, for the binary check; a damaged gzip stream gives what it had before the damage."""
    head = b""
    while len(head) < registry.SNIFF_BYTES:
        try:
            chunk = stream.read(4096)
        except (gzip.BadGzipFile, EOFError, zlib.error) as error:
            if not head:
                raise InputError("not a valid gzip file") from error
            break
        if not chunk:
            break
        head += chunk
    return head


def _readline(stream: BinaryIO, size: int, *, line: int) -> bytes:
    try:
        return stream.readline(size)
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise InputError(f"the compressed file is damaged after line {line}") from error
