"""The actor index: which documents' analyses name each actor, and the name listings give it.

Written in the transaction that stores a document's analysis, so an actor's page reads only the analyses
that name the actor, and the names contradictions use are one lookup away (see `schema.actor_documents` and
`schema.actor_names`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from pourparler.fuse.records import Record, is_anonymous
from pourparler.fuse.timeline import speaker_key
from pourparler.store import schema, slices

BATCH_DOCUMENTS = 500


def keys(record: Record) -> set[str]:
    """What a slice is listed under: the actors it names (in its actors and mentions, as speakers, parties,
    actors and targets of events, and anonymous sources it attributes things to) and its quotes' speaker
    keys."""
    found: set[Any] = {a.get("id") for a in record.get("actors", [])}
    found.update(m.get("actor") for m in record.get("mentions", []))
    for quote in record.get("quotes", []):
        found.update(((quote.get("speaker") or {}).get("actor"), speaker_key(quote)))
    for position in record.get("positions", []):
        found.update((position.get("party"), _anonymous(position.get("according_to"))))
    for event in record.get("events", []):
        found.update(
            (*event.get("actors", []), *event.get("targets", []), _anonymous(event.get("according_to")))
        )
    return {str(key) for key in found if key}


def add(connection: Connection, document_id: str, place: str, record: Record) -> set[str]:
    """Index a stored slice at its place among slices; the actors whose listed name this changes."""
    rows = [{"actor": key, "document_id": document_id} for key in sorted(keys(record))]
    if rows:
        connection.execute(insert(schema.actor_documents), rows)
    return _name(connection, {actor: (place, name) for actor, name in _listed(record)})


def build(connection: Connection) -> None:
    """Index every stored slice, a few hundred documents at a time: what opening an older store runs."""
    documents, analyses = schema.documents, schema.analyses
    query = select(
        documents.c.id, documents.c.published_date, documents.c.ingested_at, analyses.c.record
    ).join(analyses, analyses.c.document_id == documents.c.id)
    latest: dict[str, tuple[str, str]] = {}
    result = connection.execution_options(yield_per=BATCH_DOCUMENTS).execute(query)
    for batch in result.partitions():
        rows = []
        for document_id, published_date, ingested_at, record in batch:
            place = slices.place(published_date, ingested_at, document_id)
            rows += [{"actor": key, "document_id": document_id} for key in sorted(keys(record))]
            for actor, name in _listed(record):
                if actor not in latest or latest[actor][0] < place:
                    latest[actor] = (place, name)
        if rows:
            connection.execute(insert(schema.actor_documents), rows)
    _name(connection, latest)


def names(connection: Connection, story_id: str) -> dict[str, str]:
    """The listed names of the actors a story's analyses name."""
    found, index, members = schema.actor_names, schema.actor_documents, schema.story_documents
    query = (
        select(found.c.actor, found.c.name)
        .distinct()
        .join(index, index.c.actor == found.c.actor)
        .join(members, members.c.document_id == index.c.document_id)
        .where(members.c.story_id == story_id)
    )
    return {actor: name for actor, name in connection.execute(query)}


def ids_folded(connection: Connection, actor: str) -> list[str]:
    """The ids of listed actors that casefold as `actor` does."""
    table = schema.actor_names
    query = select(table.c.actor).where(table.c.folded == actor.casefold()).order_by(table.c.actor)
    return list(connection.execute(query).scalars())


def _listed(record: Record) -> Iterable[tuple[str, str]]:
    """The actors a slice lists with their names; a later entry for one actor counts over an earlier one."""
    return {a["id"]: a["name"] for a in record.get("actors", [])}.items()


def _name(connection: Connection, latest: dict[str, tuple[str, str]]) -> set[str]:
    """Keep each actor's name from the latest place, of those given and those saved; the actors whose
    name changed."""
    table = schema.actor_names
    saved = {
        actor: (place, name)
        for chunk in slices.chunks(latest)
        for actor, place, name in connection.execute(
            select(table.c.actor, table.c.place, table.c.name).where(table.c.actor.in_(chunk))
        )
    }
    new = [
        {"actor": actor, "name": name, "place": place, "folded": actor.casefold()}
        for actor, (place, name) in latest.items()
        if actor not in saved
    ]
    later = [
        {"old_actor": actor, "new_name": name, "new_place": place}
        for actor, (place, name) in latest.items()
        if actor in saved and saved[actor][0] < place
    ]
    if new:
        connection.execute(insert(table), new)
    if later:
        statement = (
            update(table)
            .where(table.c.actor == bindparam("old_actor"))
            .values(name=bindparam("new_name"), place=bindparam("new_place"))
        )
        connection.execute(statement, later)
    return {row["actor"] for row in new} | {
        row["old_actor"] for row in later if saved[row["old_actor"]][1] != row["new_name"]
    }


def _anonymous(actor: Any) -> str | None:
    # Only anonymous sources are named in contradictions' sentences; other attributions may be free text.
    return str(actor) if is_anonymous(actor) else None
