"""Connections to a store: where a URL points, SQLite's safety settings, and errors users can read."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from pourparler.errors import PourparlerError

BUSY_TIMEOUT_MS = 30_000
# Execution option that makes SQLite take the write lock at BEGIN: a transaction
# that reads and then writes could otherwise fail at once with "database is locked"
# when another process wrote in between, instead of waiting its turn.
WRITE_OPTION = "pourparler_write"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def describe(url: str) -> str:
    """How to name the store in messages: its file, or its URL without the password."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise PourparlerError(f"cannot open the store at {url}: not a database URL or a file path") from None
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
        return ":memory:"
    return parsed.render_as_string(hide_password=True)


def open_engine(url: str, where: str) -> tuple[Engine, Engine]:
    """An engine for reading and one for writing, sharing one connection pool."""
    path = sqlite_path(url)
    if path is not None:
        problem = _path_problem(path)
        if problem:
            raise PourparlerError(f"cannot open the store at {where}: {problem}")
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        # The postgres extra installs psycopg 3; SQLAlchemy's default driver for
        # a bare postgresql:// URL is psycopg2, which we do not depend on.
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        engine = create_engine(parsed)
    except (NoSuchModuleError, ImportError) as error:
        hint = "; pip install 'pourparler[postgres]'" if parsed.drivername == "postgresql+psycopg" else ""
        raise PourparlerError(
            f"cannot open the store at {where}: no driver for {parsed.drivername} ({error}){hint}"
        ) from error
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
    return engine, engine.execution_options(**{WRITE_OPTION: True})


def failure(error: DBAPIError) -> str:
    """The driver's own words for a database error, without SQLAlchemy's wrapping."""
    return str(error.orig) if error.orig is not None else str(error)


def _path_problem(path: Path) -> str | None:
    if path.is_dir():
        return "it is a folder, not a file"
    existing = path.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is a file, not a folder"
    if existing != path.parent:
        return f"the folder {path.parent} does not exist"
    # WAL keeps two files beside the store, so the folder itself must be writable.
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return f"no permission to write in the folder {path.parent}"
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return "no permission to read and write the file"
    return None


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Hand BEGIN to SQLAlchemy (see _begin_sqlite): the sqlite3 module otherwise
    # runs DDL outside any transaction, so a migration could stop half-way.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # WAL: a killed writer never damages the file or loses committed rows,
        # and readers do not block the writer.
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    writing = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
