"""The store's tables as SQLAlchemy Core metadata: the current shape of every table."""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

# One row per setting of the store itself; `schema_version` is the one that matters.
meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("subtitle", Text),
    Column("byline", JSON, nullable=False),
    Column("cites", JSON, nullable=False),
    # Text, not Date: a date known only to the month is "2025-07".
    Column("published_date", String(10)),
    Column("published_basis", String(16), nullable=False),
    Column("published_evidence", Text),
    Column("body", Text, nullable=False),
    Column("paragraphs", JSON, nullable=False),
    Column("removed", JSON, nullable=False),
    Column("warnings", JSON, nullable=False),
    Column("words", Integer, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_documents_ingested_at", "ingested_at"),
)
