"""The store's analyses, story index and search: one transaction per document, and migration from version 1."""

from __future__ import annotations

import json
import random
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
    def broken(self: fuse_stories.StoryIndex, record: dict[str, Any], found: Any = None) -> str:
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
        assert store.schema_version == migrate.current_version()
        assert store.status(GAZA_1.id) == "stored" and store.unanalysed() == 1
        assert [hit.id for hit in store.search('"red line"')] == [GAZA_1.id]
        # ingesting it again adds its analysis and story, and a new document is indexed as it is added
        assert not store.add(GAZA_1, analysis(GAZA_1, *GAZA_ACTORS))
        assert store.add(GAZA_2, analysis(GAZA_2, *GAZA_ACTORS))
        assert store.status(GAZA_1.id) == "analysed" and store.unanalysed() == 0
        assert [row.documents for row in store.stories()] == [2]
        assert {hit.id for hit in store.search("Doha")} == {GAZA_1.id, GAZA_2.id}
    assert {"analyses", "stories", "story_postings", "story_documents", schema.SEARCH_TABLE} <= tables(db)


def synthetic(n: int, rng: random.Random) -> tuple[Document, dict[str, Any]]:
    """An article from one of five negotiations, with its own parties and a few actors shared by all."""
    talks = rng.randrange(5)
    parties = [f"party-{talks}-a", f"party-{talks}-b"]
    actors = [*parties, f"envoy-{talks}-{rng.randrange(3)}", rng.choice(["qatar", "egypt", "un"])]
    words = [
        rng.choice([f"topic{talks}w{i}" for i in range(30)] + ["the", "talks", "deal"]) for _ in range(80)
    ]
    month = 1 + talks * 2 + rng.randrange(2)
    document = article(f"Outlet {n % 7}", " ".join(words), f"2025-{month:02d}-{1 + rng.randrange(28):02d}")
    part = {
        "events": [],
        "positions": [
            {"doc": document.id, "party": party, "issue": f"issue-{talks}", "profile": f"profile-{talks % 3}"}
            for party in parties
        ],
        "quotes": [],
        "mentions": [{"doc": document.id, "actor": actor, "text": actor.title()} for actor in actors],
        "actors": [{"id": actor, "name": actor.title()} for actor in actors],
    }
    return document, part


def test_the_store_assigns_stories_as_the_index_in_memory_does(db: str) -> None:
    rng = random.Random(3)
    articles = [synthetic(n, rng) for n in range(60)]
    index = fuse_stories.StoryIndex(labels=LABELS)
    with Store(db) as store:
        for n, (document, part) in enumerate(articles):
            if n == 40:  # a merge in between: later documents reach the absorbed story through its alias
                keep, absorb = (story["id"] for story in index.stories()[:2])
                index.merge(keep, absorb)
                store.merge_stories(keep, absorb, labels=LABELS)
            index.assign({**part, "document": document.to_json()})
            assert store.add(document, part, labels=LABELS)
        stored = [(row.id, row.label, row.documents) for row in store.stories()]
        members = {r["document"]["id"]: r["story"] for r in store.analyses()}
    expected = [(story["id"], story["label"], len(story["documents"])) for story in index.stories()]
    assert stored == expected and len(stored) > 2
    assert members == {document.id: index.story_of(document.id) for document, _ in articles}


LABELS = {"profile-0": "Ceasefire talks", "profile-1": "Port strike"}


def test_a_version_2_store_with_the_index_in_one_row_migrates(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = fuse_stories.StoryIndex()
    slices = {d.id: analysis(d, *a) for d, a in ((GAZA_1, GAZA_ACTORS), (DOCKS, (("ila", "ILA"),)))}
    with monkeypatch.context() as old:
        old.setattr(migrate, "MIGRATIONS", migrate.MIGRATIONS[:2])
        with Store(db) as store:
            assert store.schema_version == 2
            store.add(GAZA_1)
            store.add(DOCKS)
    with sqlite3.connect(db) as connection:
        for document in (GAZA_1, DOCKS):
            story = index.assign({**slices[document.id], "document": document.to_json()})
            connection.execute(
                "INSERT INTO analyses VALUES (?, ?)", (document.id, json.dumps(slices[document.id]))
            )
            connection.execute("INSERT INTO story_documents VALUES (?, ?)", (document.id, story))
        state = index.state()
        del state["count"]  # version 2 states did not have it
        connection.execute("INSERT INTO story_index VALUES (1, ?)", (json.dumps(state),))

    with Store(db) as store:
        assert store.schema_version == migrate.current_version() == 4
        assert [(row.id, row.documents) for row in store.stories()] == [("story-1", 1), ("story-2", 1)]
        assert store.add(GAZA_2, analysis(GAZA_2, *GAZA_ACTORS))
        records = {r["document"]["id"]: r["story"] for r in store.analyses()}
    assert records[GAZA_2.id] == records[GAZA_1.id] == "story-1"
    assert index.assign({**analysis(GAZA_2, *GAZA_ACTORS), "document": GAZA_2.to_json()}) == "story-1"
    assert "story_index" not in tables(db)
    with sqlite3.connect(db) as connection:
        saved = {key: json.loads(str(value)) for key, value in connection.execute("SELECT * FROM story_meta")}
    assert saved == {"next": 3, "count": 3, "aliases": {}}
