"""Stored analysis slices as `Store.analyses` lists them: the query, and each slice's place in their order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Connection, select

from pourparler.fuse.records import Record, date_order
from pourparler.store import schema

# SQLite takes at most 32,766 parameters in a statement (999 before 3.32).
CHUNK = 500


def place(published_date: str | None, ingested_at: datetime, document_id: str) -> str:
    """Where a document's slice comes among slices: by publication date (`date_order`: by first day, unknown
    dates last), then by when the document was stored, then by id; as text that sorts in that order."""
    unknown, day = date_order(published_date)
    return f"{unknown}{day}|{utc(ingested_at):%Y-%m-%dT%H:%M:%S.%f}|{document_id}"


def read(connection: Connection, *conditions: ColumnElement[bool]) -> list[tuple[str, Record]]:
    """The slices that meet `conditions` (on documents, analyses or story_documents) with their places,
    in order: {"document" (without body), "story", "events", "positions", "quotes", "mentions", ...}."""
    documents, analyses, members = schema.documents, schema.analyses, schema.story_documents
    query = (
        select(
            documents.c.id,
            documents.c.source,
            documents.c.outlet,
            documents.c.title,
            documents.c.published_date,
            documents.c.published_basis,
            documents.c.ingested_at,
            members.c.story_id,
            analyses.c.record,
        )
        .join(analyses, analyses.c.document_id == documents.c.id)
        .outerjoin(members, members.c.document_id == documents.c.id)
        .where(*conditions)
    )
    found = [
        (
            place(row.published_date, row.ingested_at, row.id),
            {
                **row.record,
                "document": {
                    "id": row.id,
                    "source": row.source,
                    "outlet": row.outlet,
                    "title": row.title,
                    "published": {"date": row.published_date, "basis": row.published_basis},
                },
                "story": row.story_id,
            },
        )
        for row in connection.execute(query)
    ]
    found.sort(key=lambda pair: pair[0])
    return found


def place_of(connection: Connection, document_id: str) -> str:
    """The place of a stored document's slice."""
    table = schema.documents
    query = select(table.c.published_date, table.c.ingested_at).where(table.c.id == document_id)
    published_date, ingested_at = connection.execute(query).one()
    return place(published_date, ingested_at, document_id)


def utc(moment: datetime) -> datetime:
    # SQLite keeps no time zone; we only ever write UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def chunks(values: Iterable[str], size: int = CHUNK) -> Iterator[list[str]]:
    """Values in lists short enough for one `IN (...)` each."""
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]
