"""The store's tables as SQLAlchemy Core metadata: the current shape of every table."""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, Integer, MetaData, String, Table, Text

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

# One row per analysed document: its slice of the analysis record (events, positions, quotes,
# mentions, times, quantities and the actors they name), as `analyze --json` writes them.
analyses = Table(
    "analyses",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("record", JSON, nullable=False),
)

# The story index (fuse.stories.StoryIndex.state()) in rows, so that assigning a document reads and
# rewrites only the rows its keys point to: the index's few scalars ("next", "count", "aliases") ...
story_meta = Table(
    "story_meta",
    metadata,
    Column("key", String(32), primary_key=True),
    Column("value", JSON, nullable=False),
)

# ... one row per story (its state dict; `number` orders stories as they were opened) ...
stories = Table(
    "stories",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("number", Integer, nullable=False),
    Column("story", JSON, nullable=False),
    Index("ix_stories_number", "number"),
)

# ... one row per posting list (the ids of the stories most recently posted under an actor, profile
# or MinHash band key, oldest first) ...
story_postings = Table(
    "story_postings",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("stories", JSON, nullable=False),
)

# ... and one row per actor: how many analysed documents name it.
story_actors = Table(
    "story_actors",
    metadata,
    Column("actor", Text, primary_key=True),
    Column("documents", Integer, nullable=False),
)

# Which story each analysed document belongs to, so a story's documents are one indexed query away.
story_documents = Table(
    "story_documents",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", String(64), nullable=False),
    Index("ix_story_documents_story_id", "story_id"),
)

# Which documents' analyses name an actor (in their actors, mentions, quotes, positions or events), so an
# actor's page reads only those. Quotes of anonymous sources merge across documents by country, so a
# document quoting one is also listed under its speaker key (`anonymous:ISR`, see fuse.timeline.speaker_key).
actor_documents = Table(
    "actor_documents",
    metadata,
    Column("actor", Text, primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_actor_documents_document_id", "document_id"),
)

# The name listings give each actor: the one in the last analysis, in the order analyses are listed, that
# names it (`place` is that analysis's place in the order, see store.slices.place); `folded` is the id
# casefolded, for lookups in any case.
actor_names = Table(
    "actor_names",
    metadata,
    Column("actor", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("place", Text, nullable=False),
    Column("folded", Text, nullable=False),
    Index("ix_actor_names_folded", "folded"),
)

# Each story's contradictions as `views.contradictions` finds them over the whole store (its actors named
# as listings name them), and where the story comes among stories (the place of its first analysis). A
# story without a row has none saved yet: adding a document to it, merging it, or a new listed name for an
# actor it names deletes its row, and reading contradictions saves it anew.
story_contradictions = Table(
    "story_contradictions",
    metadata,
    Column("story_id", String(64), primary_key=True),
    Column("place", Text, nullable=False),
    Column("contradictions", JSON, nullable=False),
)

# SQLite only: full-text search over titles and bodies. A plain FTS5 table (its own copy of the text)
# rather than an external-content one, because documents' implicit rowids may change on VACUUM.
SEARCH_TABLE = "documents_fts"
SEARCH_DDL = (
    f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5("
    "document_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')"
)
