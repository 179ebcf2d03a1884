"""Tests of the store: idempotent adds, round trips, lookups, URLs, migrations and open errors."""

from __future__ import annotations

import hashlib
import itertools
import os
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.schema import CreateTable

from pourparler.errors import PourparlerError
from pourparler.model import Document, Published, Removal
from pourparler.store import DEFAULT_DB, Store, migrate, resolve_url, schema
from pourparler.store.engine import BUSY_TIMEOUT_MS, sqlite_path


def article(n: int = 0, **fields: object) -> Document:
    body = f"Mediators met in Doha on Thursday, round {n}.\nHamas rejected the proposal."
    return Document(source=f"article-{n}.txt", body=body, **fields)  # type: ignore[arg-type]


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "store.db")


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with Store(db) as opened:
        yield opened


def raw(db: str) -> sqlite3.Connection:
    """A plain sqlite3 connection, to look at or hand-make a store without our code."""
    return sqlite3.connect(db, isolation_level=None)


# -- resolve_url ------------------------------------------------------------------------------


def test_resolve_url_prefers_db_then_environment_then_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("POURPARLER_DB", raising=False)
    assert resolve_url(None) == f"sqlite:///{tmp_path / DEFAULT_DB}"
    monkeypatch.setenv("POURPARLER_DB", "from-env.db")
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'from-env.db'}"
    assert resolve_url("given.db") == f"sqlite:///{tmp_path / 'given.db'}"


def test_resolve_url_makes_paths_absolute_and_passes_urls_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert resolve_url("sub/../x.db") == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_url("~/x.db") == f"sqlite:///{tmp_path / 'home' / 'x.db'}"
    assert resolve_url("/abs/x.db") == "sqlite:////abs/x.db"
    url = "postgresql://analyst:secret@db.example.org:5432/pourparler"
    assert resolve_url(url) == url
    monkeypatch.setenv("POURPARLER_DB", url)
    assert resolve_url(None) == url
    assert resolve_url("sqlite:///relative.db") == "sqlite:///relative.db"


def test_resolve_url_keeps_odd_file_names_intact(tmp_path: Path) -> None:
    name = tmp_path / "what?#is@this:50%.db"
    assert sqlite_path(resolve_url(str(name))) == name
    with Store(str(name)) as opened:
        assert opened.where == str(name)
    assert name.exists()


# -- schema and connection settings -----------------------------------------------------------


def test_new_store_has_the_current_schema(store: Store, db: str) -> None:
    assert store.schema_version == migrate.current_version()
    with store._engine.connect() as connection:
        inspector = inspect(connection)
        for table in schema.metadata.tables.values():
            columns = {column["name"] for column in inspector.get_columns(table.name)}
            assert columns == set(table.columns.keys())
    with raw(db) as connection:
        assert connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
            str(migrate.current_version()),
        )


def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(store: Store) -> None:
    with store._engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_schema_compiles_for_postgresql() -> None:
    dialect = make_url("postgresql://").get_dialect()()
    for table in schema.metadata.sorted_tables:
        assert f"CREATE TABLE {table.name}" in str(CreateTable(table).compile(dialect=dialect))


def test_in_memory_store_for_throwaway_use() -> None:
    with Store(":memory:") as memory:
        assert memory.where == ":memory:"
        assert memory.add(article())
        assert memory.count() == 1


def test_migrations_are_numbered_one_by_one() -> None:
    versions = [step.version for step in migrate.MIGRATIONS]
    assert versions == list(range(1, len(versions) + 1))


# -- add, get, documents, count ---------------------------------------------------------------


def test_adding_the_same_document_twice_stores_it_once(store: Store) -> None:
    assert store.add(article()) is True
    assert store.add(article()) is False
    assert store.count() == 1


def test_same_body_from_another_source_keeps_the_first(store: Store) -> None:
    first = article()
    assert store.add(Document(source="first.txt", body=first.body))
    assert not store.add(Document(source="second.txt", body=first.body, title="Other"))
    stored = store.get(first.id)
    assert stored is not None
    assert (stored.source, stored.title) == ("first.txt", None)


def test_round_trip_keeps_every_field(store: Store) -> None:
    original = Document(
        source="https://www.ynetnews.com/article/abc",
        body="Hamas said on Thursday it would not sign.\n\nThe pain has lasted 594 days — “enough”.",
        title="Hamas rejects Witkoff plan",
        subtitle="Talks in Doha stall",
        byline=["Vafa Guliyeva", "Itamar Eichner"],
        outlet="Ynetnews",
        cites=["Caliber.Az", "foreign media"],
        url="https://www.ynetnews.com/article/abc",
        published=Published(date="2025-05-22", basis="inferred", evidence="pain that has lasted 594 days"),
        paragraphs=[(0, 41), (43, 84)],
        removed=[
            Removal(text="2 View gallery", reason="gallery"),
            Removal(text="Get the app", reason="promo"),
        ],
        warnings=["no publication date in the text"],
    )
    assert store.add(original)
    stored = store.get(original.id)
    assert stored == original
    assert stored is not None
    assert all(isinstance(paragraph, tuple) for paragraph in stored.paragraphs)


def test_round_trip_of_a_bare_document(store: Store) -> None:
    bare = Document(source="-", body="")
    assert store.add(bare)
    assert store.get(bare.id) == bare


@settings(max_examples=60, deadline=None)
@given(
    body=st.text(st.characters(exclude_categories=["Cs"]), max_size=300),
    title=st.none() | st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    byline=st.lists(st.text(max_size=20), max_size=3),
    paragraphs=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)), max_size=4),
    removed=st.lists(
        st.builds(Removal, st.text(max_size=20), st.sampled_from(["gallery", "promo"])), max_size=3
    ),
    date=st.none() | st.sampled_from(["2025-05-22", "2025-07"]),
)
def test_round_trip_of_any_text(
    body: str,
    title: str | None,
    byline: list[str],
    paragraphs: list[tuple[int, int]],
    removed: list[Removal],
    date: str | None,
) -> None:
    original = Document(
        source="generated",
        body=body,
        title=title,
        byline=byline,
        paragraphs=paragraphs,
        removed=removed,
        published=Published(date=date, basis="given" if date else "unknown"),
    )
    with Store(":memory:") as memory:
        assert memory.add(original)
        assert memory.get(original.id) == original


def test_get_by_id_and_by_prefix(store: Store) -> None:
    document = article()
    store.add(document)
    assert store.get(document.id) == document
    assert store.get(document.id[:6]) == document
    assert store.get(document.id[:12].upper()) == document
    assert store.get(f"  {document.id[:10]}\n") == document
    other = next(c for c in "0123456789abcdef" if c != document.id[0])
    assert store.get(other * 64) is None
    assert store.get(other * 8) is None
    assert store.get("not-an-id") is None
    assert store.get(document.id + "0") is None


def test_get_refuses_short_and_ambiguous_prefixes(store: Store) -> None:
    with pytest.raises(PourparlerError, match="at least 6 characters"):
        store.get("abc12")
    seen: dict[str, str] = {}
    for n in itertools.count():
        body = f"body {n}"
        prefix = hashlib.sha256(body.encode()).hexdigest()[:6]
        if prefix in seen:
            break
        seen[prefix] = body
    store.add(Document(source="a", body=seen[prefix]))
    store.add(Document(source="b", body=body))
    with pytest.raises(PourparlerError, match=f"the id prefix {prefix} matches more than one document"):
        store.get(prefix)
    assert store.get(Document(source="b", body=body).id[:20]) is not None


def test_documents_lists_newest_first(store: Store) -> None:
    assert store.documents() == []
    added = [article(n, outlet="Ynetnews", title=f"Round {n}") for n in range(3)]
    for document in added:
        store.add(document)
    rows = store.documents()
    assert [row.id for row in rows] == [d.id for d in reversed(added)]
    assert [row.id for row in store.documents(limit=2)] == [d.id for d in reversed(added)][:2]
    newest = rows[0]
    assert (newest.source, newest.outlet, newest.title) == ("article-2.txt", "Ynetnews", "Round 2")
    assert (newest.published_date, newest.published_basis, newest.words) == (None, "unknown", added[2].words)
    assert newest.ingested_at.tzinfo == UTC
    assert rows[0].ingested_at >= rows[1].ingested_at >= rows[2].ingested_at
    assert store.count() == 3


def test_concurrent_adds_store_each_body_once(store: Store) -> None:
    documents = [article(n % 10) for n in range(40)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        stored = list(pool.map(store.add, documents))
    assert sum(stored) == 10
    assert store.count() == 10


def test_store_reopens_with_its_documents(db: str) -> None:
    with Store(db) as first:
        first.add(article())
    with Store(db) as again:
        assert again.count() == 1
        assert again.get(article().id) == article()


# -- migrations ---------------------------------------------------------------------------------


@pytest.mark.parametrize("make", ["empty file", "meta at version 0", "meta without a version"])
def test_version_zero_database_is_brought_up_to_date(db: str, make: str) -> None:
    Path(db).touch()
    if make != "empty file":
        with raw(db) as connection:
            connection.execute("CREATE TABLE meta (key VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL)")
            if make == "meta at version 0":
                connection.execute("INSERT INTO meta VALUES ('schema_version', '0')")
    with Store(db) as opened:
        assert opened.schema_version == migrate.current_version()
        assert opened.add(article())
    with raw(db) as connection:
        assert connection.execute("SELECT key, value FROM meta").fetchall() == [
            ("schema_version", str(migrate.current_version()))
        ]


def _add_notes(connection: Connection) -> None:
    connection.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, note TEXT)"))


def _add_notes_then_fail(connection: Connection) -> None:
    _add_notes(connection)
    connection.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY)"))


def test_opening_an_older_store_runs_the_missing_steps(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(db) as old:
        old.add(article())
    newer = [*migrate.MIGRATIONS, migrate.Migration(len(migrate.MIGRATIONS) + 1, "notes", _add_notes)]
    monkeypatch.setattr(migrate, "MIGRATIONS", newer)
    with Store(db) as upgraded:
        assert upgraded.schema_version == newer[-1].version
        assert upgraded.count() == 1
    with raw(db) as connection:
        assert connection.execute("SELECT count(*) FROM notes").fetchone() == (0,)
        assert connection.execute("SELECT value FROM meta").fetchone() == (str(newer[-1].version),)


def test_a_failing_step_leaves_the_store_as_it_was(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(db) as old:
        old.add(article())
    version = migrate.current_version()
    broken = [*migrate.MIGRATIONS, migrate.Migration(version + 1, "notes", _add_notes_then_fail)]
    monkeypatch.setattr(migrate, "MIGRATIONS", broken)
    with pytest.raises(PourparlerError, match=f"cannot open the store at {db}: table notes already exists"):
        Store(db)
    with raw(db) as connection:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "notes" not in tables
        assert connection.execute("SELECT value FROM meta").fetchone() == (str(version),)


def test_a_store_from_a_newer_pourparler_is_refused(db: str) -> None:
    Store(db).close()
    current = migrate.current_version()
    with raw(db) as connection:
        connection.execute(f"UPDATE meta SET value = '{current + 1}' WHERE key = 'schema_version'")
    message = (
        f"this store ({db}) was written by a newer pourparler "
        f"(schema {current + 1}; this version reads up to {current}); upgrade pourparler"
    )
    with pytest.raises(PourparlerError) as refused:
        Store(db)
    assert str(refused.value) == message


def test_a_foreign_documents_table_is_not_taken_over(db: str) -> None:
    with raw(db) as connection:
        connection.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, path TEXT)")
    with pytest.raises(PourparlerError, match="it is not a pourparler store"):
        Store(db)


# -- errors users see ---------------------------------------------------------------------------


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    path = tmp_path / "x" / "y.db"
    with pytest.raises(PourparlerError) as failed:
        Store(str(path))
    assert str(failed.value) == f"cannot open the store at {path}: the folder {path.parent} does not exist"


def test_paths_that_cannot_hold_a_store(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder\n")
    with pytest.raises(PourparlerError, match=f"cannot open the store at {blocker}/y.db: .* is a file"):
        Store(str(blocker / "y.db"))
    with pytest.raises(PourparlerError, match=f"cannot open the store at {tmp_path}: it is a folder"):
        Store(str(tmp_path))
    with pytest.raises(PourparlerError, match=f"cannot open the store at {blocker}: file is not a database"):
        Store(str(blocker))


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_folder_is_named(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        with pytest.raises(PourparlerError, match=f"cannot open the store at {locked}/y.db: no permission"):
            Store(str(locked / "y.db"))
    finally:
        locked.chmod(0o700)


def test_a_folder_without_write_permission_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root passes every permission check, so ask the question the store asks.
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(PourparlerError) as failed:
        Store(str(tmp_path / "y.db"))
    assert str(failed.value) == (
        f"cannot open the store at {tmp_path / 'y.db'}: no permission to write in the folder {tmp_path}"
    )


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("nosuchdb://host/x", "no driver for nosuchdb"),
        ("postgresql+nosuchdriver://u:secret@host/db", "no driver for postgresql"),
    ],
)
def test_unknown_databases_are_named_without_the_password(url: str, reason: str) -> None:
    with pytest.raises(PourparlerError, match=f"cannot open the store at .*: {reason}") as failed:
        Store(url)
    assert "secret" not in str(failed.value)
