"""The store: analysed documents kept in SQLite (PostgreSQL by URL), one row per cleaned body."""

from __future__ import annotations

import os
import string
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import Connection, Row, func, insert, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError

from pourparler.errors import PourparlerError
from pourparler.model import Document
from pourparler.store import migrate, schema
from pourparler.store.engine import describe, failure, open_engine

__all__ = ["DEFAULT_DB", "DocumentRow", "Store", "resolve_url"]

DEFAULT_DB = "pourparler.db"
ENV_VAR = "POURPARLER_DB"
MIN_PREFIX = 6
_HEX = frozenset(string.hexdigits.lower())

T = TypeVar("T")


def resolve_url(db: str | None) -> str:
    """The database URL to use: --db, else $POURPARLER_DB, else pourparler.db here.

    A URL (anything with "://") passes through; a path becomes a sqlite URL to its
    absolute form; ":memory:" is a throwaway in-memory store.
    """
    value = db or os.environ.get(ENV_VAR) or DEFAULT_DB
    if "://" in value:
        return value
    if value == ":memory:":
        return "sqlite:///:memory:"
    path = os.path.abspath(os.path.expanduser(value))
    return URL.create("sqlite", database=path).render_as_string()


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """A stored document as listings show it, without its body."""

    id: str
    source: str
    outlet: str | None
    title: str | None
    published_date: str | None
    published_basis: str
    words: int
    ingested_at: datetime


class Store:
    """An open store: add documents once each, get them back, list them."""

    def __init__(self, db: str | None = None) -> None:
        url = resolve_url(db)
        self._where = describe(url)
        self._engine, self._writer = open_engine(url, self._where)
        try:
            with self._engine.connect() as connection:
                version = migrate.stored_version(connection, self._where)
            if version != migrate.current_version():
                with self._writer.begin() as connection:
                    version = migrate.upgrade(connection, self._where)
        except DBAPIError as error:
            self._engine.dispose()
            raise PourparlerError(f"cannot open the store at {self._where}: {failure(error)}") from error
        except BaseException:
            self._engine.dispose()
            raise
        self._version = version

    @property
    def schema_version(self) -> int:
        return self._version

    @property
    def where(self) -> str:
        """The store's file, or its URL without the password, for messages."""
        return self._where

    def add(self, document: Document) -> bool:
        """Store a document; False if one with the same body is already there (the first one stays)."""
        row = _document_row(document, datetime.now(UTC))
        table = schema.documents
        try:
            with self._writer.begin() as connection:
                if connection.execute(select(table.c.id).where(table.c.id == row["id"])).first():
                    return False
                connection.execute(insert(table).values(row))
        except IntegrityError:
            # Another process stored the same body between our check and insert.
            if self._exists(row["id"]):
                return False
            raise
        except DBAPIError as error:
            raise PourparlerError(f"cannot write to the store at {self._where}: {failure(error)}") from error
        return True

    def get(self, doc_id: str) -> Document | None:
        """The document with this id, or with the one id that starts with these >= 6 hex characters."""
        key = doc_id.strip().lower()
        if len(key) < MIN_PREFIX:
            raise PourparlerError(
                f"give at least {MIN_PREFIX} characters of a document id (got {doc_id.strip()!r})"
            )
        if len(key) > 64 or not set(key) <= _HEX:
            return None
        table = schema.documents
        if len(key) == 64:
            query = select(table).where(table.c.id == key)
        else:
            # Ids are lower-case hex, so every id starting with key sorts in
            # [key, key + "g"); a range can use the primary-key index, LIKE cannot.
            query = select(table).where(table.c.id >= key, table.c.id < key + "g").limit(2)
        rows = self._read(lambda connection: connection.execute(query).all())
        if len(rows) > 1:
            raise PourparlerError(f"the id prefix {key} matches more than one document; give more characters")
        return _document(rows[0]) if rows else None

    def documents(self, *, limit: int | None = None) -> list[DocumentRow]:
        """Stored documents, newest ingested first."""
        table = schema.documents
        query = (
            select(
                table.c.id,
                table.c.source,
                table.c.outlet,
                table.c.title,
                table.c.published_date,
                table.c.published_basis,
                table.c.words,
                table.c.ingested_at,
            )
            .order_by(table.c.ingested_at.desc(), table.c.id)
            .limit(limit)
        )
        rows = self._read(lambda connection: connection.execute(query).all())
        return [
            DocumentRow(
                id=row.id,
                source=row.source,
                outlet=row.outlet,
                title=row.title,
                published_date=row.published_date,
                published_basis=row.published_basis,
                words=row.words,
                ingested_at=_utc(row.ingested_at),
            )
            for row in rows
        ]

    def count(self) -> int:
        query = select(func.count()).select_from(schema.documents)
        return int(self._read(lambda connection: connection.execute(query).scalar_one()))

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _exists(self, doc_id: str) -> bool:
        table = schema.documents
        query = select(table.c.id).where(table.c.id == doc_id)
        return self._read(lambda connection: connection.execute(query).first()) is not None

    def _read(self, run: Callable[[Connection], T]) -> T:
        try:
            with self._engine.connect() as connection:
                return run(connection)
        except DBAPIError as error:
            raise PourparlerError(f"cannot read the store at {self._where}: {failure(error)}") from error


def _document_row(document: Document, ingested_at: datetime) -> dict[str, Any]:
    data = document.to_json()
    published = data["published"]
    return {
        "id": data["id"],
        "source": data["source"],
        "url": data["url"],
        "outlet": data["outlet"],
        "title": data["title"],
        "subtitle": data["subtitle"],
        "byline": data["byline"],
        "cites": data["cites"],
        "published_date": published["date"],
        "published_basis": published["basis"],
        "published_evidence": published["evidence"],
        "body": data["body"],
        "paragraphs": data["paragraphs"],
        "removed": data["removed"],
        "warnings": data["warnings"],
        "words": document.words,
        "ingested_at": ingested_at,
    }


def _document(row: Row[Any]) -> Document:
    values = row._mapping
    return Document.from_json(
        {
            "source": values["source"],
            "body": values["body"],
            "title": values["title"],
            "subtitle": values["subtitle"],
            "byline": values["byline"],
            "outlet": values["outlet"],
            "cites": values["cites"],
            "url": values["url"],
            "published": {
                "date": values["published_date"],
                "basis": values["published_basis"],
                "evidence": values["published_evidence"],
            },
            "paragraphs": values["paragraphs"],
            "removed": values["removed"],
            "warnings": values["warnings"],
        }
    )


def _utc(moment: datetime) -> datetime:
    # SQLite keeps no time zone; we only ever write UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
