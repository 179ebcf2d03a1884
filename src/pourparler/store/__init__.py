"""The store: analysed documents kept in SQLite (PostgreSQL by URL), one row per cleaned body."""

from __future__ import annotations

import os
import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import Connection, Row, func, insert, select, update
from sqlalchemy import text as text_query
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError

from pourparler.errors import BadInput, PourparlerError
from pourparler.fuse.records import Record, outlet_name
from pourparler.fuse.stories import StoryIndex, features
from pourparler.model import Document
from pourparler.store import actor_index, contradiction_cache, migrate, schema, slices, story_index
from pourparler.store.engine import describe, failure, open_engine

__all__ = ["DEFAULT_DB", "DocumentRow", "SearchHit", "Store", "StoryRow", "resolve_url"]

DEFAULT_DB = "pourparler.db"
ENV_VAR = "POURPARLER_DB"
MIN_PREFIX = 6
_HEX = frozenset(string.hexdigits.lower())

T = TypeVar("T")
# Marks around a search match in a snippet: control characters no article text keeps.
MATCH_START, MATCH_END = "\x02", "\x03"
SNIPPET_TOKENS = 16
# How SQLite words the errors of a bad FTS5 query, as opposed to a broken store.
_QUERY_ERRORS = ("fts5", "syntax error", "unterminated string", "no such column", "unknown special query")


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


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story as listings show it."""

    id: str
    label: str
    documents: int
    outlets: list[str]
    first: str | None
    last: str | None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A document that matches a search, with a snippet whose matches sit between MATCH_START/END."""

    id: str
    outlet: str | None
    title: str | None
    published_date: str | None
    snippet: str


class Store:
    """An open store: add documents (with their analysis and story) once each, get them back, list them."""

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

    def add(
        self, document: Document, analysis: Record | None = None, labels: Mapping[str, str] | None = None
    ) -> bool:
        """Store a document; False if one with the same body is already there (the first one stays).

        With `analysis` (the document's slice of an analysis record, see `fuse.slices`, plus the actors
        it names) the slice is stored and the document joins a story of the saved story index, in the
        same transaction; a document stored earlier without one gets it now. `labels` maps profile ids
        to labels for story names.
        """
        row = _document_row(document, datetime.now(UTC))
        table = schema.documents
        try:
            with self._writer.begin() as connection:
                known = connection.execute(select(table.c.id).where(table.c.id == row["id"])).first()
                if not known:
                    connection.execute(insert(table).values(row))
                if analysis is not None and not _analysed(connection, row["id"]):
                    _store_analysis(connection, document, analysis, labels)
                if known:
                    return False
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
                ingested_at=slices.utc(row.ingested_at),
            )
            for row in rows
        ]

    def status(self, doc_id: str) -> str:
        """ "analysed", "stored" (without an analysis, from before stories existed) or "new"."""
        documents, analyses = schema.documents, schema.analyses
        query = (
            select(documents.c.id, analyses.c.document_id)
            .outerjoin(analyses, analyses.c.document_id == documents.c.id)
            .where(documents.c.id == doc_id)
        )
        row = self._read(lambda connection: connection.execute(query).first())
        if row is None:
            return "new"
        return "analysed" if row[1] else "stored"

    def unanalysed(self) -> int:
        """How many stored documents have no analysis (stored before stories existed)."""
        documents, analyses = schema.documents, schema.analyses
        query = (
            select(func.count())
            .select_from(documents.outerjoin(analyses, analyses.c.document_id == documents.c.id))
            .where(analyses.c.document_id.is_(None))
        )
        return int(self._read(lambda connection: connection.execute(query).scalar_one()))

    def stories(self) -> list[StoryRow]:
        """Every story, oldest first, with its outlets and the range of its documents' dates."""
        state = self._read(story_index.for_stories)
        documents, members = schema.documents, schema.story_documents
        query = select(members.c.story_id, documents.c.outlet).join(
            documents, documents.c.id == members.c.document_id
        )
        outlets: dict[str, list[str]] = {}
        for story_id, outlet in self._read(lambda connection: connection.execute(query).all()):
            if outlet and outlet not in outlets.setdefault(story_id, []):
                outlets[story_id].append(outlet)
        return [
            StoryRow(
                id=story["id"],
                label=story["label"],
                documents=len(story["documents"]),
                outlets=sorted(outlets.get(story["id"], [])),
                first=story["first"],
                last=story["last"],
            )
            for story in state.get("stories", {}).values()
        ]

    def rename_story(self, story_id: str, label: str) -> None:
        """Give a story the user's label; it is kept as documents join."""
        with self._writing() as connection:
            state = story_index.for_stories(connection)
            index = StoryIndex(state)
            index.rename(_known_story(state, story_id), label)
            story_index.save(connection, state, index.state())

    def merge_stories(self, keep: str, absorb: str, labels: Mapping[str, str] | None = None) -> None:
        """Move every document of story `absorb` into story `keep`; `absorb` then stands for `keep`."""
        with self._writing() as connection:
            state = story_index.for_stories(connection)
            keep, absorb = _known_story(state, keep), _known_story(state, absorb)
            if keep == absorb:
                raise BadInput(f"cannot merge {keep} into itself; give two different stories")
            index = StoryIndex(state, labels=labels)
            index.merge(keep, absorb)
            story_index.save(connection, state, index.state())
            members = schema.story_documents
            connection.execute(update(members).where(members.c.story_id == absorb).values(story_id=keep))
            contradiction_cache.forget(connection, stories=[keep, absorb])

    def story_label(self, story_id: str) -> tuple[str, str]:
        """The current id and label of a story (a merged-away id gives the story it went into)."""
        state = self._read(story_index.for_stories)
        found = _known_story(state, story_id)
        return found, state["stories"][found]["label"]

    def analyses(
        self,
        story_id: str | None = None,
        *,
        document_id: str | None = None,
        naming: Iterable[str] | None = None,
    ) -> list[Record]:
        """Stored slices, oldest published first (then first stored): {"document" (without body), "story",
        "events", "positions", "quotes", "mentions", "actors", ...}; with `story_id`, only that story's; with
        `document_id` (a whole id), only that document's; with `naming`, only those that name one of these
        actor ids or speaker keys (see `actor_index.keys`)."""
        documents, members, index = schema.documents, schema.story_documents, schema.actor_documents
        conditions = []
        if story_id is not None:
            story_id, _ = self.story_label(story_id)
            conditions.append(members.c.story_id == story_id)
        if document_id is not None:
            conditions.append(documents.c.id == document_id)
        if naming is not None:
            named = select(index.c.document_id).where(index.c.actor.in_(list(naming)))
            conditions.append(documents.c.id.in_(named))
        found = self._read(lambda connection: slices.read(connection, *conditions))
        return [record for _, record in found]

    def contradictions(self) -> list[Record]:
        """Where outlets disagree, story by story, as `views.contradictions` finds them over every analysis;
        saved per story, so only stories changed since the last call are searched again."""
        cache = contradiction_cache
        found = self._read(lambda connection: None if cache.missing(connection) else cache.saved(connection))
        while found is None:
            with self._writing() as connection:
                if cache.update(connection):
                    found = cache.saved(connection)
        return found

    def actor_ids(self, actor_id: str) -> list[str]:
        """The ids of actors the analyses list that are `actor_id` in any case."""
        return self._read(lambda connection: actor_index.ids_folded(connection, actor_id))

    def outlets(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """Each of these documents' outlet, or its source's file name when the outlet is unknown."""
        table = schema.documents

        def run(connection: Connection) -> dict[str, str]:
            found = {}
            for chunk in slices.chunks(set(doc_ids)):
                query = select(table.c.id, table.c.outlet, table.c.source).where(table.c.id.in_(chunk))
                found.update(
                    {row.id: outlet_name(row.outlet, row.source) for row in connection.execute(query)}
                )
            return found

        return self._read(run)

    def story_labels(self, story_ids: Iterable[str]) -> dict[str, str]:
        """The labels of these current stories (as `stories` gives them), reading only their rows."""

        def run(connection: Connection) -> dict[str, str]:
            found = {}
            for chunk in slices.chunks(set(story_ids)):
                found.update(
                    {key: story["label"] for key, story in story_index.stories(connection, chunk).items()}
                )
            return found

        return self._read(run)

    def search(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        """Documents whose title or body match an FTS5 query ("red line" as a phrase, AND, OR, NOT, pre*)."""
        if self._engine.dialect.name != "sqlite":
            raise PourparlerError(
                f"search needs a SQLite store (it uses FTS5); {self._where} is {self._engine.dialect.name}"
            )
        query = text_query(
            f"SELECT f.document_id, d.outlet, d.title, d.published_date, "
            f"snippet({schema.SEARCH_TABLE}, 2, :start, :end, '…', {SNIPPET_TOKENS}) "
            f"FROM {schema.SEARCH_TABLE} AS f JOIN documents AS d ON d.id = f.document_id "
            f"WHERE {schema.SEARCH_TABLE} MATCH :query ORDER BY rank LIMIT :limit"
        )
        values = {"query": text, "start": MATCH_START, "end": MATCH_END, "limit": limit}
        try:
            with self._engine.connect() as connection:
                rows = connection.execute(query, values).all()
        except DBAPIError as error:
            reason = failure(error)
            if any(sign in reason for sign in _QUERY_ERRORS):
                raise BadInput(
                    f"cannot search for {text!r}: {reason}; put phrases in double quotes"
                ) from error
            raise PourparlerError(f"cannot read the store at {self._where}: {reason}") from error
        return [SearchHit(*row) for row in rows]

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

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        try:
            with self._writer.begin() as connection:
                yield connection
        except DBAPIError as error:
            raise PourparlerError(f"cannot write to the store at {self._where}: {failure(error)}") from error

    def _read(self, run: Callable[[Connection], T]) -> T:
        try:
            with self._engine.connect() as connection:
                return run(connection)
        except DBAPIError as error:
            raise PourparlerError(f"cannot read the store at {self._where}: {failure(error)}") from error


def _analysed(connection: Connection, doc_id: str) -> bool:
    table = schema.analyses
    return (
        connection.execute(select(table.c.document_id).where(table.c.document_id == doc_id)).first()
        is not None
    )


def _store_analysis(
    connection: Connection, document: Document, analysis: Record, labels: Mapping[str, str] | None
) -> None:
    """Keep a document's slice, index the actors it names and put the document in a story, updating the
    saved story index; the contradictions saved for what it changes are forgotten."""
    part = {key: value for key, value in analysis.items() if key not in ("document", "story")}
    connection.execute(insert(schema.analyses).values(document_id=document.id, record=part))
    names = {a["id"]: a["name"] for a in part.get("actors", [])}
    record = {**part, "document": document.to_json()}
    found = features(record)
    # Only the rows this document's keys point to: the cost stays the same as the store grows.
    state = story_index.for_document(connection, found)
    index = StoryIndex(state, labels=labels, names=names)
    story_id = index.assign(record, found=found)
    story_index.save(connection, state, index.state())
    connection.execute(insert(schema.story_documents).values(document_id=document.id, story_id=story_id))
    renamed = actor_index.add(connection, document.id, slices.place_of(connection, document.id), part)
    contradiction_cache.forget(connection, stories=[story_id], naming=renamed)


def _known_story(state: Mapping[str, Any], story_id: str) -> str:
    """The id of a current story; a story merged into another stands for that one."""
    stories, aliases = state.get("stories", {}), state.get("aliases", {})
    found = story_id.strip()
    if found.isdigit():
        found = f"story-{found}"
    while found in aliases:
        found = aliases[found]
    if found not in stories:
        raise BadInput(f"there is no story {story_id!r}; `pourparler stories` lists them")
    return str(found)


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
