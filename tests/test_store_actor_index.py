"""The actor index and the contradictions saved per story: what they give is what reading every analysis gives."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from pourparler import views
from pourparler.fuse import contradictions as fuse_contradictions
from pourparler.model import Document
from pourparler.store import Store, actor_index, contradiction_cache, migrate
from test_store_stories import article

Slice = dict[str, Any]


def span(document: Document, text: str) -> dict[str, Any]:
    start = document.body.index(text)
    return {"doc": document.id, "start": start, "end": start + len(text), "text": text}


def demand(document: Document, party: str, figure: str, issue: str, profile: str) -> dict[str, Any]:
    """A position of `party` demanding `figure` ("20 prisoners"), found in the body."""
    number, unit = figure.split(" ", 1)
    return {
        **span(document, figure),
        "id": f"{document.id[:12]}-p1",
        "party": party,
        "issue": issue,
        "stance": "demand",
        "profile": profile,
        "value": {"min": int(number), "max": int(number), "unit": unit, "per": None},
        "object": None,
        "date": document.published.date,
        "date_basis": "clause",
        "according_to": None,
    }


def talks(
    outlet: str, date: str, body: str, named: dict[str, str], demands: tuple[str, ...] = (), **extra: Any
) -> tuple[Document, Slice]:
    """An article and its slice: a mention of each actor (id: name) where the body names it, a demand
    (party, figure, issue, profile) if given, and the items of `extra` (kind: items)."""
    document = article(outlet, body, date)
    slice_: Slice = {
        "events": [],
        "positions": [demand(document, *demands)] if demands else [],
        "quotes": [],
        "mentions": [{**span(document, name), "actor": actor} for actor, name in named.items()],
        "times": [],
        "quantities": [],
        "actors": [{"id": actor, "name": name, "kind": "group"} for actor, name in named.items()],
    }
    for key, items in extra.items():
        slice_[key] = slice_[key] + items
    return document, slice_


def gaza(outlet: str, figure: int, date: str, *, hamas: str = "Hamas") -> tuple[Document, Slice]:
    """Israel and Hamas in Doha, Hamas demanding `figure` prisoners per hostage; `hamas` is its listed name."""
    body = (
        f"Israel and Hamas resumed talks in Doha, where Qatar mediated. Hamas demands {figure} prisoners "
        f"for every living hostage, {outlet} reports."
    )
    actors = {"israel": "Israel", "hamas": "Hamas", "qatar": "Qatar"}
    document, part = talks(outlet, date, body, actors, ("hamas", f"{figure} prisoners", "prisoners", "gaza"))
    part["actors"][1]["name"] = hamas
    return document, part


def nile(outlet: str, figure: int, date: str) -> tuple[Document, Slice]:
    """Egypt and Ethiopia over the dam, Egypt demanding `figure` billion cubic metres a year."""
    body = (
        f"Ethiopia and Egypt met in Addis Ababa over the dam. Egypt demands {figure} billion cubic metres "
        f"a year, {outlet} reports."
    )
    actors = {"egypt": "Egypt", "ethiopia": "Ethiopia"}
    return talks(outlet, date, body, actors, ("egypt", f"{figure} billion", "water", "nile"))


def docks(outlet: str, date: str, **extra: Any) -> tuple[Document, Slice]:
    """The dock strike: the ILA, nothing shared with Gaza but what `extra` adds."""
    body = f"Dockworkers of the ILA struck at every East Coast port, {outlet} reports."
    return talks(outlet, date, body, {"ila": "ILA"}, **extra)


def written_by_version_3(patch: pytest.MonkeyPatch) -> None:
    """Store analyses as pourparler did before the actor index: without indexing them."""
    patch.setattr(actor_index, "add", lambda *_: set())
    patch.setattr(contradiction_cache, "forget", lambda *_, **__: None)


def full_scan_contradictions(store: Store) -> list[dict[str, Any]]:
    return views.contradictions(store.analyses())


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "store.db")


def test_analyses_naming_an_actor_are_the_ones_that_name_it_in_any_role(db: str) -> None:
    gulf = gaza("Gulf Courier", 20, "2025-07-22")
    harbor = docks("Harbor Times", "2025-07-22")
    target = docks(
        "Port Ledger",
        "2025-07-23",
        events=[
            {
                "doc": "d",
                "start": 0,
                "end": 3,
                "text": "Dockworkers",
                "id": "e1",
                "type": "SANCTION",
                "actors": ["ila"],
                "targets": ["qatar"],
                "according_to": "anon-12345678-a-port-official",
            }
        ],
    )
    speaker = docks(
        "Quay Post",
        "2025-07-21",
        quotes=[
            {
                "doc": "d",
                "start": 0,
                "end": 3,
                "text": "We will strike",
                "kind": "direct",
                "speaker": {"actor": "harold-daggett", "text": "Daggett", "anonymous": False},
            }
        ],
    )
    with Store(db) as store:
        for document, part in (gulf, harbor, target, speaker):
            store.add(document, part)
        every = store.analyses()
        for actor in ("qatar", "ila", "harold-daggett", "anon-12345678-a-port-official", "hamas"):
            assert store.analyses(naming=[actor]) == [r for r in every if _names(r, actor)], actor
        assert [r["document"]["outlet"] for r in store.analyses(naming=["qatar"])] == [
            "Gulf Courier",
            "Port Ledger",
        ]
        assert store.analyses(naming=["nobody"]) == []
        # after a merge, the analyses carry their new story
        first, second = [row.id for row in store.stories()][:2]
        store.merge_stories(first, second)
        assert store.analyses(naming=["ila"]) == [r for r in store.analyses() if _names(r, "ila")]


def _names(record: Slice, actor: str) -> bool:
    """Whether a slice names an actor anywhere, read the long way."""
    text = repr({key: value for key, value in record.items() if key not in ("document", "story")})
    return f"'{actor}'" in text


def test_analyses_keep_their_order_when_publication_dates_tie(db: str) -> None:
    # Same day: the one stored first comes first, whatever its id.
    pairs = [gaza(f"Outlet {n}", 20 + n, "2025-07-22") for n in range(6)]
    with Store(db) as store:
        for document, part in pairs:
            store.add(document, part)
        assert [r["document"]["id"] for r in store.analyses()] == [d.id for d, _ in pairs]
        assert [r["document"]["id"] for r in store.analyses(naming=["hamas"])] == [d.id for d, _ in pairs]


def test_saved_contradictions_are_those_found_over_every_analysis(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    searched: list[str | None] = []
    real = contradiction_cache.story_contradictions

    def counting(story: str | None, *args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        searched.append(story)
        return real(story, *args, **kwargs)

    monkeypatch.setattr(contradiction_cache, "story_contradictions", counting)
    with Store(db) as store:
        store.add(*gaza("Gulf Courier", 20, "2025-07-22"))
        store.add(*gaza("Levant Ledger", 30, "2025-07-24"))
        store.add(*docks("Harbor Times", "2025-07-22"))
        expected = full_scan_contradictions(store)
        assert [c["kind"] for c in expected] == ["value"]
        assert "Hamas demands 20 prisoners" in expected[0]["why"]
        assert store.contradictions() == expected and len(searched) == 2
        assert store.contradictions() == expected and len(searched) == 2  # saved: nothing searched again

        # a third outlet on Gaza: only that story is searched again
        gaza_story = expected[0]["story"]
        store.add(*gaza("Desert Wire", 40, "2025-07-23"))
        assert store.contradictions() == full_scan_contradictions(store)
        assert searched[2:] == [gaza_story]


def test_a_new_name_for_an_actor_renews_the_contradictions_of_every_story_naming_it(db: str) -> None:
    with Store(db) as store:
        store.add(*gaza("Gulf Courier", 20, "2025-07-22"))
        store.add(*gaza("Levant Ledger", 30, "2025-07-24"))
        store.add(*docks("Harbor Times", "2025-07-22"))
        assert "Hamas demands" in store.contradictions()[0]["why"]
        # A later article in the dock story calls Hamas by another name: listings now use that one.
        later = docks(
            "Quay Post",
            "2025-08-30",
            mentions=[],
            actors=[{"id": "hamas", "name": "the Islamic Resistance Movement", "kind": "group"}],
        )
        store.add(*later)
        stories = {r["document"]["outlet"]: r["story"] for r in store.analyses()}
        assert stories["Quay Post"] == stories["Harbor Times"] != stories["Gulf Courier"]
        found = store.contradictions()
        assert found == full_scan_contradictions(store)
        assert "the Islamic Resistance Movement demands" in found[0]["why"]
        # An earlier article with yet another name changes nothing.
        store.add(*docks("Old Wire", "2025-01-02", mentions=[], actors=[{"id": "hamas", "name": "HAMAS"}]))
        assert store.contradictions() == full_scan_contradictions(store) == found


def test_merged_stories_have_the_contradictions_of_both(db: str) -> None:
    with Store(db) as store:
        store.add(*gaza("Gulf Courier", 20, "2025-07-22"))
        store.add(*docks("Harbor Times", "2025-07-22"))
        store.add(*docks("Port Ledger", "2025-07-23", positions=[]))
        gulf = gaza("Levant Ledger", 30, "2025-07-24")
        store.add(*gulf)
        assert store.contradictions() == full_scan_contradictions(store)
        first, second = (row.id for row in store.stories())
        store.merge_stories(second, first)
        found = store.contradictions()
        assert found == full_scan_contradictions(store)
        assert {c["story"] for c in found} == {second}


def test_contradictions_list_stories_by_their_first_article(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contradiction_cache, "SECONDS_PER_TRANSACTION", 0)  # a story per transaction
    with Store(db) as store:
        store.add(*gaza("Gulf Courier", 20, "2025-07-22"))
        store.add(*gaza("Levant Ledger", 30, "2025-07-24"))
        # Another negotiation, published earlier, with its own contradiction.
        store.add(*nile("Nile Review", 5, "2024-03-04"))
        store.add(*nile("Cairo Daily", 9, "2024-03-05"))
        found = store.contradictions()
        assert found == full_scan_contradictions(store)
        assert ["Egypt" in c["why"] for c in found] == [True, False]


def test_a_version_3_store_gets_its_actor_index_when_opened(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pairs = [
        gaza("Gulf Courier", 20, "2025-07-22"),
        gaza("Levant Ledger", 30, "2025-07-24", hamas="Hamas movement"),
        docks("Harbor Times", "2025-07-22"),
    ]
    with monkeypatch.context() as old:
        old.setattr(migrate, "MIGRATIONS", migrate.MIGRATIONS[:3])
        written_by_version_3(old)
        with Store(db) as store:
            assert store.schema_version == 3
            for document, part in pairs:
                store.add(document, part)
            every = store.analyses()
    with sqlite3.connect(db) as connection:
        assert (
            connection.execute("SELECT name FROM sqlite_master WHERE name = 'actor_documents'").fetchall()
            == []
        )

    monkeypatch.setattr(actor_index, "BATCH_DOCUMENTS", 2)  # indexing reads on while it writes
    with Store(db) as store:
        assert store.schema_version == migrate.current_version() == 4
        assert store.analyses() == every
        assert store.analyses(naming=["hamas"]) == every[:1] + every[2:]
        assert store.analyses(naming=["ila"]) == every[1:2]
        found = store.contradictions()
        assert found == full_scan_contradictions(store)
        assert "Hamas movement demands" in found[0]["why"]
        assert store.actor_ids("HAMAS") == ["hamas"] and store.actor_ids("Napoleon") == []
        # and it goes on indexing what is added
        store.add(*gaza("Desert Wire", 40, "2025-07-23"))
        assert len(store.analyses(naming=["qatar"])) == 3
        assert store.contradictions() == full_scan_contradictions(store)


def test_a_document_stored_before_analyses_is_indexed_when_analysed(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    document, part = gaza("Gulf Courier", 20, "2025-07-22")
    with monkeypatch.context() as old:
        old.setattr(migrate, "MIGRATIONS", migrate.MIGRATIONS[:1])
        with Store(db) as store:
            store.add(document)
    with Store(db) as store:
        assert store.analyses(naming=["hamas"]) == []
        assert not store.add(document, part)  # ingested again: now with its analysis
        assert [r["document"]["id"] for r in store.analyses(naming=["hamas"])] == [document.id]
        store.add(*gaza("Levant Ledger", 30, "2025-07-24"))
        assert store.contradictions() == full_scan_contradictions(store) != []


def test_story_contradictions_is_what_views_and_fuse_use(db: str) -> None:
    # One place computes a story's contradictions; views and the saved rows both go through it.
    assert views.story_contradictions is fuse_contradictions.story_contradictions
    assert contradiction_cache.story_contradictions is fuse_contradictions.story_contradictions
