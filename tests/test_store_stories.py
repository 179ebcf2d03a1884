"""The store's analyses, story index and search: one transaction per document, and migration from version 1."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from pourparler.errors import BadInput
from pourparler.fuse import stories as fuse_stories
from pourparler.model import Document, Published
from pourparler.store import Store, migrate, schema


def article(outlet: str, body: str, date: str = "2025-07-24") -> Document:
    return Document(
        source=f"{outlet.lower()}.txt",
        body=body,
        title=body.split(".")[0],
        outlet=outlet,
        published=Published(date=date, basis="metadata"),
    )


def analysis(document: Document, *actors: tuple[str, str]) -> dict[str, Any]:
    """A slice as `pipeline.analyse_one` returns it, naming `actors` (id, surface) where the body does."""
    mentions = []
    for actor, surface in actors:
        start = document.body.index(surface)
        mentions.append(
            {"doc": document.id, "start": start, "end": start + len(surface), "text": surface, "actor": actor}
        )
    return {
        "events": [],
        "positions": [],
        "quotes": [],
        "mentions": mentions,
        "times": [],
        "quantities": [],
        "actors": [{"id": a, "name": s} for a, s in actors],
    }


GAZA_1 = article(
    "Gulf Courier", "Israel and Hamas resumed talks in Doha. Qatar mediated on the red line maps."
)
GAZA_2 = article("Levant Ledger", "Hamas and Israel met mediators in Doha as Qatar pressed both sides.")
DOCKS = article(
    "Harbor Times", "Dockworkers of the ILA struck at every East Coast port on Tuesday.", "2025-07-22"
)
GAZA_ACTORS = (("israel", "Israel"), ("hamas", "Hamas"), ("qatar", "Qatar"))


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "store.db")


def tables(db: str) -> set[str]:
    with sqlite3.connect(db) as connection:
        return {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_analysis_and_story_are_stored_with_the_document(db: str) -> None:
    with Store(db) as store:
        assert store.status(GAZA_1.id) == "new"
        assert store.add(GAZA_1, analysis(GAZA_1, *GAZA_ACTORS))
        assert store.add(GAZA_2, analysis(GAZA_2, *GAZA_ACTORS))
        assert store.add(DOCKS, analysis(DOCKS, ("ila", "ILA")))
        assert not store.add(GAZA_1, analysis(GAZA_1, *GAZA_ACTORS))
        assert store.status(GAZA_1.id) == "analysed"
        rows = {row.id: row for row in store.stories()}
        records = {r["document"]["id"]: r for r in store.analyses()}
    assert records[GAZA_1.id]["story"] == records[GAZA_2.id]["story"] != records[DOCKS.id]["story"]
    gaza = rows[records[GAZA_1.id]["story"]]
    assert (gaza.documents, gaza.outlets, gaza.first) == (2, ["Gulf Courier", "Levant Ledger"], "2025-07-24")
    assert records[GAZA_1.id]["mentions"][0]["actor"] == "israel"


def test_a_failing_story_assignment_stores_nothing(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: fuse_stories.StoryIndex, record: dict[str, Any]) -> str:
        raise RuntimeError("index broke")

    monkeypatch.setattr(fuse_stories.StoryIndex, "assign", broken)
    with Store(db) as store:
        with pytest.raises(RuntimeError):
            store.add(GAZA_1, analysis(GAZA_1, *GAZA_ACTORS))
        assert store.count() == 0 and store.status(GAZA_1.id) == "new"
        assert store.search("Doha") == []


def test_rename_and_merge_check_story_ids(db: str) -> None:
    with Store(db) as store:
        store.add(GAZA_1, analysis(GAZA_1, *GAZA_ACTORS))
        store.add(DOCKS, analysis(DOCKS, ("ila", "ILA")))
        first, second = (row.id for row in store.stories())
        store.rename_story(first, "Doha talks")
        store.merge_stories(first, second)
        assert [(row.id, row.label, row.documents) for row in store.stories()] == [(first, "Doha talks", 2)]
        assert store.story_label(second) == (first, "Doha talks")
        with pytest.raises(BadInput, match="there is no story 'story-9'"):
            store.rename_story("story-9", "x")
        with pytest.raises(BadInput, match="into itself"):
            store.merge_stories(first, second)


def test_search_finds_phrases_and_marks_matches(db: str) -> None:
    with Store(db) as store:
        for document in (GAZA_1, GAZA_2, DOCKS):
            store.add(document)
        (hit,) = store.search('"red line"')
        assert hit.id == GAZA_1.id and hit.outlet == "Gulf Courier"
        assert "on the \x02red line\x03 maps" in hit.snippet
        assert {h.id for h in store.search("Doha")} == {GAZA_1.id, GAZA_2.id}
        with pytest.raises(BadInput, match="cannot search for"):
            store.search('"red line')


def test_a_version_1_store_migrates_in_place(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as old:
        old.setattr(migrate, "MIGRATIONS", migrate.MIGRATIONS[:1])
        with Store(db) as store:
            assert store.schema_version == 1
            store.add(GAZA_1)
    assert schema.SEARCH_TABLE not in tables(db)

    with Store(db) as store:
        assert store.schema_version == migrate.current_version() == 2
        assert store.status(GAZA_1.id) == "stored" and store.unanalysed() == 1
        assert [hit.id for hit in store.search('"red line"')] == [GAZA_1.id]
        # ingesting it again adds its analysis and story, and a new document is indexed as it is added
        assert not store.add(GAZA_1, analysis(GAZA_1, *GAZA_ACTORS))
        assert store.add(GAZA_2, analysis(GAZA_2, *GAZA_ACTORS))
        assert store.status(GAZA_1.id) == "analysed" and store.unanalysed() == 0
        assert [row.documents for row in store.stories()] == [2]
        assert {hit.id for hit in store.search("Doha")} == {GAZA_1.id, GAZA_2.id}
    assert {"analyses", "story_index", "story_documents", schema.SEARCH_TABLE} <= tables(db)
