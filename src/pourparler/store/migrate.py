"""Schema versions of the store and the steps that bring an older store up to date.

A store records its version in `meta.schema_version`; a database without our
tables is version 0. Opening a store runs, in one transaction, every step
whose version is above the stored one, so a new store and an old one reach
the same schema by the same path. To add a table, define it in `schema.py` and
append a step, for example
`Migration(3, "notes", lambda connection: schema.notes.create(connection))`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import JSON, Column, Connection, Integer, MetaData, Table, insert, inspect, select, update

from pourparler.errors import PourparlerError
from pourparler.fuse.stories import StoryIndex
from pourparler.store import actor_index, schema, story_index

VERSION_KEY = "schema_version"

# Version 2 kept the whole story index in one row; step 3 splits it into rows and drops the table.
_story_index_v2 = Table(
    "story_index",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("state", JSON, nullable=False),
)


@dataclass(frozen=True, slots=True)
class Migration:
    """One step: the schema version it produces and how to get there from the one before."""

    version: int
    what: str
    apply: Callable[[Connection], None]


def _initial(connection: Connection) -> None:
    # Built from the current table definitions, which is right only while no
    # later step alters these tables: the step that first does must freeze the
    # version-1 definitions here, or new stores would get its change twice.
    schema.metadata.create_all(connection, tables=[schema.meta, schema.documents])


def _analyses_stories_search(connection: Connection) -> None:
    schema.metadata.create_all(connection, tables=[schema.analyses, schema.story_documents])
    _story_index_v2.create(connection)
    if connection.dialect.name != "sqlite":
        return  # search needs SQLite's FTS5; other databases go without it
    table = schema.SEARCH_TABLE
    connection.exec_driver_sql(schema.SEARCH_DDL)
    connection.exec_driver_sql(
        f"INSERT INTO {table} (document_id, title, body) SELECT id, coalesce(title, ''), body FROM documents"
    )
    # Triggers keep the index in the same transaction as the document, whoever writes it.
    connection.exec_driver_sql(
        f"CREATE TRIGGER {table}_insert AFTER INSERT ON documents BEGIN "
        f"INSERT INTO {table} (document_id, title, body) VALUES (new.id, coalesce(new.title, ''), new.body); "
        "END"
    )
    connection.exec_driver_sql(
        f"CREATE TRIGGER {table}_delete AFTER DELETE ON documents BEGIN "
        f"DELETE FROM {table} WHERE document_id = old.id; END"
    )


def _story_index_rows(connection: Connection) -> None:
    schema.metadata.create_all(
        connection,
        tables=[schema.story_meta, schema.stories, schema.story_postings, schema.story_actors],
    )
    table = _story_index_v2
    state = connection.execute(select(table.c.state).where(table.c.id == 1)).scalar_one_or_none()
    if state:
        # Through StoryIndex, which fills in what older states lack (the document count).
        story_index.save(connection, {}, StoryIndex(state).state())
    table.drop(connection)


def _actor_index_and_contradictions(connection: Connection) -> None:
    schema.metadata.create_all(
        connection, tables=[schema.actor_documents, schema.actor_names, schema.story_contradictions]
    )
    actor_index.build(connection)


MIGRATIONS: list[Migration] = [
    Migration(1, "documents and the schema version", _initial),
    Migration(2, "analyses, stories and full-text search", _analyses_stories_search),
    Migration(3, "the story index in rows, one per story, posting list and actor", _story_index_rows),
    Migration(
        4,
        "the documents naming each actor, actors' listed names and contradictions saved per story",
        _actor_index_and_contradictions,
    ),
]


def current_version() -> int:
    """The schema version this pourparler writes."""
    return MIGRATIONS[-1].version


def stored_version(connection: Connection, where: str) -> int:
    """The schema version a database holds: 0 when it has none of our tables yet."""
    tables = set(inspect(connection).get_table_names())
    if schema.meta.name not in tables:
        if schema.documents.name in tables:
            raise PourparlerError(
                f"{where} has a documents table but no pourparler schema version; "
                "it is not a pourparler store, so give another --db"
            )
        return 0
    value = connection.execute(
        select(schema.meta.c.value).where(schema.meta.c.key == VERSION_KEY)
    ).scalar_one_or_none()
    if value is None:
        return 0
    try:
        return int(value)
    except ValueError:
        raise PourparlerError(
            f"the store at {where} has an unreadable schema version ({value!r}); it is damaged or not ours"
        ) from None


def upgrade(connection: Connection, where: str, steps: Sequence[Migration] | None = None) -> int:
    """Bring the database up to the newest version in `steps` and return that version.

    Runs inside the caller's transaction, so a failing step leaves the store as it was.
    """
    steps = MIGRATIONS if steps is None else steps
    newest = steps[-1].version
    version = stored_version(connection, where)
    if version > newest:
        raise PourparlerError(
            f"this store ({where}) was written by a newer pourparler "
            f"(schema {version}; this version reads up to {newest}); upgrade pourparler"
        )
    pending = [step for step in steps if step.version > version]
    for step in pending:
        step.apply(connection)
    if pending:
        _stamp(connection, newest)
    return newest


def _stamp(connection: Connection, version: int) -> None:
    meta = schema.meta
    changed = connection.execute(
        update(meta).where(meta.c.key == VERSION_KEY).values(value=str(version))
    ).rowcount
    if not changed:
        connection.execute(insert(meta).values(key=VERSION_KEY, value=str(version)))
