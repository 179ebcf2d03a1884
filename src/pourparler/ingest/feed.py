"""The reader for RSS and Atom feeds: one document per entry that carries its article text."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

from pourparler.errors import InputError
from pourparler.ingest import registry
from pourparler.ingest.decode import EMPTY, peek_text
from pourparler.ingest.registry import Input, Item, ReadOptions
from pourparler.model import Failure, RawDocument

_PREAMBLE = re.compile(r"(?:<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>|\s+)*", re.DOTALL | re.IGNORECASE)
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_XML_POSITION = re.compile(r"^<unknown>:(\d+):\d+: ")
_TAG = re.compile(r"<[^>]*>")
_PLAIN_TYPES = ("text/plain", "text")


def sniff_feed(head: bytes) -> bool:
    """True when the root element is <rss>, Atom's <feed> or RSS 1.0's <rdf:RDF>."""
    text = peek_text(head)
    start = _PREAMBLE.match(text)
    return _FEED_ROOT.match(text, start.end() if start else 0) is not None


@registry.reader(
    "feed",
    suffixes=(".rss", ".atom"),
    content_types=("application/rss+xml", "application/atom+xml", "application/rdf+xml"),
    sniff=sniff_feed,
    order=20,
)
def read_feed(source: Input, options: ReadOptions) -> Iterator[Item]:
    import feedparser

    data = source.read(options.max_bytes)
    if not data.strip():
        raise InputError(EMPTY)
    headers = {"content-type": f"application/xml; charset={source.charset}"} if source.charset else None
    # Bytes, never a string: feedparser treats a string that looks like a URL or path as one and opens it.
    parsed: Any = feedparser.parse(data, response_headers=headers)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            problem = _XML_POSITION.sub(
                r"line \1: ", " ".join(str(parsed.get("bozo_exception", "")).split())
            )[:120]
            raise InputError(f"not a valid RSS or Atom feed ({problem})" if problem else "not a valid feed")
        raise InputError("the feed has no entries")
    outlet = _text(parsed.get("feed", {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        yield _document(entry, f"{source.label}#entry-{number}", number, outlet)


def _document(entry: Any, label: str, number: int, outlet: str | None) -> Item:
    body, media_type = _body(entry)
    if body is None:
        return Failure(label, f"entry {number} has no body text")
    is_plain = media_type in _PLAIN_TYPES
    return RawDocument(
        source=label,
        text=body if is_plain else None,
        html=None if is_plain else body,
        url=_text(entry.get("link")),
        title=_text(entry.get("title")),
        published=_iso_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        outlet=outlet,
    )


def _body(entry: Any) -> tuple[str | None, str]:
    """The fullest text of an entry: content:encoded or Atom content first, else the summary."""
    candidates: list[tuple[Any, Any]] = [(c.get("value"), c.get("type")) for c in entry.get("content") or []]
    summary_type = (entry.get("summary_detail") or {}).get("type")
    candidates.append((entry.get("summary"), summary_type))
    for value, media_type in candidates:
        if isinstance(value, str) and _TAG.sub("", value).strip():
            return value, str(media_type or "text/html").lower()
    return None, ""


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _iso_date(value: Any) -> str | None:
    if isinstance(value, time.struct_time):
        return time.strftime("%Y-%m-%d", value)
    return None
