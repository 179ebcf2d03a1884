"""The story index in the store's rows: read what one document's assignment needs, write what changed.

A saved index is `fuse.stories.StoryIndex.state()` cut into rows (see `schema.story_meta` and the tables
after it). Assigning a document reads the posting lists of its keys, the counts of its actors and the
candidate stories those name, and rewrites only the rows the assignment changed, so it costs the same
however many documents the store holds. Which story each document is in lives in `story_documents`,
kept by the store itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update

from pourparler.fuse.stories import Features, Story, StoryIndex, posting_keys
from pourparler.store import schema

_SCALARS = ("next", "count", "aliases")


def for_document(connection: Connection, found: Features) -> dict[str, Any]:
    """The part of the saved index that assigning a document with these features reads."""
    state = _scalars(connection)
    postings, table = {}, schema.story_postings
    for kind, keys in posting_keys(found).items():
        if keys:
            query = select(table.c.key, table.c.stories).where(table.c.kind == kind, table.c.key.in_(keys))
            postings[kind] = {key: ids for key, ids in connection.execute(query)}
    state["postings"] = postings
    actors = schema.story_actors
    query = select(actors.c.actor, actors.c.documents).where(actors.c.actor.in_(list(found.actors)))
    state["actor_docs"] = {actor: count for actor, count in connection.execute(query)} if found.actors else {}
    state["stories"] = stories(connection, StoryIndex(state).candidates(found))
    return state


def for_stories(connection: Connection) -> dict[str, Any]:
    """The saved scalars and every story: what listing, renaming and merging stories read."""
    return {**_scalars(connection), "stories": stories(connection)}


def stories(connection: Connection, ids: Iterable[str] | None = None) -> dict[str, Story]:
    """Saved stories by id, oldest first: those with these ids, or all."""
    table = schema.stories
    query = select(table.c.id, table.c.story).order_by(table.c.number)
    if ids is not None:
        wanted = list(ids)
        if not wanted:
            return {}
        query = query.where(table.c.id.in_(wanted))
    return {story_id: story for story_id, story in connection.execute(query)}


def save(connection: Connection, before: Mapping[str, Any], after: Mapping[str, Any]) -> None:
    """Write the rows in which index state `after` differs from `before`, the saved part it was built from."""
    _write(
        connection,
        schema.story_meta,
        ("key",),
        (
            (key in before, {"key": key, "value": after[key]})
            for key in _SCALARS
            if key in after and after[key] != before.get(key)
        ),
    )
    old_stories, new_stories = before.get("stories", {}), after.get("stories", {})
    _write(
        connection,
        schema.stories,
        ("id",),
        (
            (story_id in old_stories, {"id": story_id, "number": _number(story_id), "story": story})
            for story_id, story in new_stories.items()
            if story != old_stories.get(story_id)
        ),
    )
    gone = [story_id for story_id in old_stories if story_id not in new_stories]
    if gone:
        connection.execute(delete(schema.stories).where(schema.stories.c.id.in_(gone)))
    old_postings = before.get("postings", {})
    _write(
        connection,
        schema.story_postings,
        ("kind", "key"),
        (
            (key in old_postings.get(kind, {}), {"kind": kind, "key": key, "stories": ids})
            for kind, lists in after.get("postings", {}).items()
            for key, ids in lists.items()
            if ids != old_postings.get(kind, {}).get(key)
        ),
    )
    old_counts = before.get("actor_docs", {})
    _write(
        connection,
        schema.story_actors,
        ("actor",),
        (
            (actor in old_counts, {"actor": actor, "documents": count})
            for actor, count in after.get("actor_docs", {}).items()
            if count != old_counts.get(actor)
        ),
    )


def _scalars(connection: Connection) -> dict[str, Any]:
    table = schema.story_meta
    return {key: value for key, value in connection.execute(select(table.c.key, table.c.value))}


def _write(
    connection: Connection, table: Table, keys: tuple[str, ...], rows: Iterator[tuple[bool, dict[str, Any]]]
) -> None:
    """Insert the rows not yet saved and update the others, each kind in one statement."""
    new: list[dict[str, Any]] = []
    known: list[dict[str, Any]] = []
    for saved, row in rows:
        (known if saved else new).append(row)
    if new:
        connection.execute(insert(table), new)
    if known:
        values = [column.name for column in table.c if column.name not in keys]
        statement = (
            update(table)
            .where(*(table.c[key] == bindparam(f"old_{key}") for key in keys))
            .values({name: bindparam(f"new_{name}") for name in values})
        )
        connection.execute(
            statement,
            [
                {**{f"old_{key}": row[key] for key in keys}, **{f"new_{name}": row[name] for name in values}}
                for row in known
            ],
        )


def _number(story_id: str) -> int:
    """Where a story comes in opening order: the index numbers them story-1, story-2, ..."""
    number = story_id.rpartition("-")[2]
    return int(number) if number.isdigit() else 0
