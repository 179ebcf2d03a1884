"""Contradictions across every story, saved per story: only the stories changed since are searched again.

A story's contradictions depend on its analyses, its documents' outlets and the names listings give the
actors it names. Adding a document to a story, merging stories and a new listed name for an actor delete
the saved rows they touch, in the writer's transaction (`forget`); reading finds and saves what is missing
(`update`), holding the write lock so that no writer changes a story between reading and saving it, a
second or so at a time.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from pourparler.fuse.contradictions import story_contradictions
from pourparler.fuse.records import Record, outlets
from pourparler.store import actor_index, schema, slices

# Writers wait for the lock this holds (up to engine.BUSY_TIMEOUT_MS), so it searches a while at a time.
SECONDS_PER_TRANSACTION = 1.0


def saved(connection: Connection) -> list[Record]:
    """The saved contradictions of every story that has them, stories in order."""
    table = schema.story_contradictions
    rows = connection.execute(select(table.c.place, table.c.contradictions)).all()
    return [c for _, contradictions in sorted(rows, key=lambda row: row[0]) for c in contradictions]


def missing(connection: Connection) -> list[str]:
    """The stories without saved contradictions, oldest first."""
    table, stories = schema.story_contradictions, schema.stories
    query = (
        select(stories.c.id)
        .outerjoin(table, table.c.story_id == stories.c.id)
        .where(table.c.story_id.is_(None))
        .order_by(stories.c.number)
    )
    return list(connection.execute(query).scalars())


def update(connection: Connection) -> bool:
    """Find and save the contradictions of stories without saved ones, for about SECONDS_PER_TRANSACTION
    (one story at least); whether every story has them saved now."""
    if connection.dialect.name == "postgresql":
        # Writers delete rows of this table in their transactions; SQLite's BEGIN IMMEDIATE already
        # keeps them out until this one ends.
        connection.exec_driver_sql(f"LOCK TABLE {schema.story_contradictions.name} IN EXCLUSIVE MODE")
    deadline = time.monotonic() + SECONDS_PER_TRANSACTION
    stories = missing(connection)
    for done, story_id in enumerate(stories, 1):
        connection.execute(insert(schema.story_contradictions).values(_find(connection, story_id)))
        if time.monotonic() > deadline:
            return done == len(stories)
    return True


def forget(connection: Connection, stories: Iterable[str] = (), naming: Iterable[str] = ()) -> None:
    """Delete the saved contradictions of these stories and of every story with an analysis naming these
    actors."""
    table = schema.story_contradictions
    for chunk in slices.chunks(stories):
        connection.execute(delete(table).where(table.c.story_id.in_(chunk)))
    index, members = schema.actor_documents, schema.story_documents
    for chunk in slices.chunks(naming):
        touched = (
            select(members.c.story_id)
            .join(index, index.c.document_id == members.c.document_id)
            .where(index.c.actor.in_(chunk))
        )
        connection.execute(delete(table).where(table.c.story_id.in_(touched)))


def _find(connection: Connection, story_id: str) -> dict[str, Any]:
    found = slices.read(connection, schema.story_documents.c.story_id == story_id)
    parts = [record for _, record in found]
    names = actor_index.names(connection, story_id)
    contradictions = story_contradictions(story_id, parts, outlets=outlets(parts), names=names)
    # A story without analyses has no place among stories, and nothing to say.
    return {"story_id": story_id, "place": found[0][0] if found else "", "contradictions": contradictions}
