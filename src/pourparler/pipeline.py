"""The one path from sources to analysed documents; the only module that knows the stages' order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from pourparler.clean import clean
from pourparler.errors import InputError
from pourparler.ingest import ReadOptions, read_sources
from pourparler.model import Analysis, Document, Failure, RawDocument


def prepare(raw: RawDocument, *, published: str | None = None, today: dt.date | None = None) -> Document:
    """Clean one raw article into a Document (body, metadata, publication date)."""
    return clean(raw, published=published, today=today)


def documents(
    sources: Iterable[str],
    options: ReadOptions | None = None,
    *,
    published: str | None = None,
    strict: bool = False,
) -> Iterator[Document | Failure]:
    """Read and clean every source; an input that fails becomes a Failure and the rest go on.

    `strict` lets unexpected errors (bugs, not bad input) propagate, for --debug.
    """
    for item in read_sources(sources, options or ReadOptions()):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield prepare(item, published=published)
        except InputError as exc:
            yield Failure(item.source, str(exc))
        except Exception as exc:  # one broken article must not stop a batch
            if strict:
                raise
            yield Failure(
                item.source, f"could not be processed ({type(exc).__name__}: {exc}); please report this"
            )


def analyse(docs: list[Document]) -> Analysis:
    """The record of a set of documents (the extractors of later stages fill the other arrays)."""
    return Analysis(documents=docs)
