"""The HTTP API over a small store of real analyses: listings, filters, paging, errors, analysing, the guard."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pourparler.knowledge import ACTOR_KINDS
from pourparler.knowledge.negotiation import STANCES
from pourparler.web import create_app
from pourparler.web.api import ActorKind, Stance
from web_fixtures import HOSTILE, build_store

TOKEN = "s3cret-token"
HEADER = "X-Pourparler-Token"

DESERT_WIRE = """\
Hamas hardens prisoner demand in Doha
Published: 2025-07-25
Hamas demands the release of 30 Palestinian prisoners per living Israeli hostage, according to Egyptian mediators.
Israel offered 10 prisoners per living Israeli hostage.
Follow Desert Wire on Twitter
"""

PORT_NOTE = """\
Port employers answer dockworkers
The United States Maritime Alliance offered a 20 percent pay rise over six years, its spokesman said.
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(tmp_path_factory.mktemp("web-api"))


@pytest.fixture(scope="module")
def client(template: str) -> Iterator[TestClient]:
    """The shared app: tests that change the store use `fresh` instead."""
    app = create_app(template)
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


def copy_store(template: str, folder: Path) -> str:
    db = str(folder / "copy.db")
    with sqlite3.connect(template) as source, sqlite3.connect(db) as target:
        source.backup(target)
    return db


@pytest.fixture
def fresh(template: str, tmp_path: Path) -> Iterator[TestClient]:
    """An unguarded app on a copy of the store, for changes."""
    app = create_app(copy_store(template, tmp_path))
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


def ok(response: Any) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def items(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    page = ok(client.get(path, params={"limit": 500, **params}))
    assert page["total"] == len(page["items"])
    return page["items"]  # type: ignore[no-any-return]


def refused(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail
    return detail


def doc_id(client: TestClient, outlet: str | None) -> str:
    return next(d["id"] for d in items(client, "/api/documents") if d["outlet"] == outlet)


def story_of(client: TestClient, outlet: str) -> str:
    return next(d["story"]["id"] for d in items(client, "/api/documents") if d["outlet"] == outlet)


def assert_offsets(body: str, records: list[dict[str, Any]]) -> None:
    for record in records:
        assert body[record["start"] : record["end"]] == record["text"], record


# -- documents ---------------------------------------------------------------------------------------


def test_documents_list_every_article_with_its_outlet_date_and_story(client: TestClient) -> None:
    documents = items(client, "/api/documents")
    by_outlet = {d["outlet"]: d for d in documents}
    assert set(by_outlet) == {"Gulf Courier", "Levant Ledger", "Harbor Times", None}
    assert by_outlet["Gulf Courier"]["published"] == {"date": "2025-07-24", "basis": "metadata"}
    assert (
        by_outlet["Gulf Courier"]["title"] == "Israel recalls negotiators from Doha as prisoner talks stall"
    )
    assert by_outlet["Gulf Courier"]["story"] == by_outlet["Levant Ledger"]["story"]
    assert by_outlet["Harbor Times"]["story"]["id"] != by_outlet["Gulf Courier"]["story"]["id"]
    assert by_outlet["Harbor Times"]["words"] > 40
    # Newest ingested first: the hostile article was stored last.
    assert documents[0]["source"].endswith("hostile.txt")


def test_documents_filter_by_story_outlet_and_publication_date(client: TestClient) -> None:
    doha = story_of(client, "Gulf Courier")
    assert {d["outlet"] for d in items(client, "/api/documents", story=doha)} == {
        "Gulf Courier",
        "Levant Ledger",
    }
    assert [d["outlet"] for d in items(client, "/api/documents", outlet="harbor TIMES")] == ["Harbor Times"]
    assert [d["outlet"] for d in items(client, "/api/documents", until="2025-07-23")] == ["Harbor Times"]
    later = items(client, "/api/documents", since="2025-07-23")
    assert {d["published"]["date"] for d in later} == {"2025-07-24", "2025-08-02"}
    assert [d["published"]["date"] for d in items(client, "/api/documents", since="2025-08")] == [
        "2025-08-02"
    ]
    assert "GET /api/stories" in refused(client.get("/api/documents", params={"story": "story-99"}), 400)
    assert "YYYY-MM-DD" in refused(client.get("/api/documents", params={"since": "last week"}), 400)


def test_lists_page_with_limit_and_offset(client: TestClient) -> None:
    first = ok(client.get("/api/documents", params={"limit": 3}))
    rest = ok(client.get("/api/documents", params={"limit": 3, "offset": 3}))
    assert (first["total"], first["limit"], first["offset"], len(first["items"])) == (4, 3, 0, 3)
    assert (rest["total"], rest["offset"], len(rest["items"])) == (4, 3, 1)
    every = [d["id"] for d in items(client, "/api/documents")]
    assert [d["id"] for d in first["items"] + rest["items"]] == every
    assert ok(client.get("/api/timeline", params={"offset": 100}))["items"] == []
    quotes = ok(client.get("/api/quotes", params={"limit": 2, "offset": 1}))
    assert quotes["total"] == 10 and len(quotes["items"]) == 2
    for bad in ({"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": "many"}):
        response = client.get("/api/documents", params=bad)
        assert response.status_code == 422, bad
        assert response.json()["detail"][0]["loc"][0] == "query"


def test_a_document_comes_with_its_body_and_everything_found_in_it(client: TestClient) -> None:
    found = ok(client.get(f"/api/documents/{doc_id(client, 'Gulf Courier')}"))
    document, body = found["document"], found["document"]["body"]
    assert body.startswith("Israel recalled its negotiating team from Doha on Thursday")
    assert "Follow Gulf Courier" not in body
    assert found["analysed"] is True
    assert found["story"]["id"] == story_of(client, "Gulf Courier")
    for kind in ("quotes", "events", "positions", "mentions", "times", "quantities"):
        assert found[kind], kind
        assert_offsets(body, found[kind])
    demand = next(p for p in found["positions"] if p["party"] == "hamas")
    assert (demand["stance"], demand["value"]["min"], demand["value"]["unit"]) == ("demand", 20, "prisoners")
    assert {"hamas", "israel", "qatar"} <= {a["id"] for a in found["actors"]}
    assert any(q["speaker"]["text"] == "a Hamas official" for q in found["quotes"])
    assert document["published"]["evidence"] == "Published: 2025-07-24"
    # A prefix of the id is enough.
    assert ok(client.get(f"/api/documents/{document['id'][:8]}"))["document"]["id"] == document["id"]


def test_unknown_documents_are_404_and_short_ids_400(client: TestClient) -> None:
    assert "GET /api/documents" in refused(client.get("/api/documents/" + "0" * 64), 404)
    assert "no document" in refused(client.get("/api/documents/deadbeef00"), 404)
    assert "no document" in refused(client.get("/api/documents/not-an-id"), 404)
    assert "at least 6 characters" in refused(client.get("/api/documents/abc"), 400)


def test_the_hostile_article_comes_back_verbatim_because_json_is_not_html(client: TestClient) -> None:
    hostile = next(d for d in items(client, "/api/documents") if d["source"].endswith("hostile.txt"))
    response = client.get(f"/api/documents/{hostile['id']}")
    assert response.headers["content-type"] == "application/json"
    document = response.json()["document"]
    assert (
        document["title"]
        == "Mediators report progress <script>window.__pwned = true</script> in Nairobi talks"
    )
    assert (
        'The rebels demand a 90-day ceasefire <img src=x onerror="window.__pwned = true">' in document["body"]
    )
    assert '"We will not accept <b>conditions</b> set by the rebels,"' in document["body"]
    assert "&lt;" not in response.text
    for line in HOSTILE.splitlines()[2:]:
        assert line in document["body"]


# -- actors ------------------------------------------------------------------------------------------


def test_actors_are_listed_once_across_documents_and_filter_by_name_and_kind(client: TestClient) -> None:
    actors = {a["id"]: a for a in items(client, "/api/actors")}
    assert actors["hamas"]["name"] == "Hamas"
    # two demands, and the red line and rejection "a Hamas official" voiced for Hamas
    assert actors["hamas"]["counts"] == {"documents": 2, "quotes": 0, "positions": 4, "events": 2}
    assert actors["harold-daggett"]["kind"] == "person"
    found = items(client, "/api/actors", q="longshore")
    assert [a["id"] for a in found] == ["ila"] and found[0]["aliases"] == ["ILA"]
    assert [a["id"] for a in items(client, "/api/actors", q="Islamic Resistance")] == ["hamas"]
    people = items(client, "/api/actors", kind="person")
    assert (
        people and {a["kind"] for a in people} == {"person"} and "harold-daggett" in {a["id"] for a in people}
    )
    anonymous = items(client, "/api/actors", kind="anonymous")
    assert "a hamas official" in {a["name"].casefold() for a in anonymous}
    docks = {a["id"] for a in items(client, "/api/actors", story=story_of(client, "Harbor Times"))}
    assert "ila" in docks and "hamas" not in docks
    assert items(client, "/api/actors", q="nobody at all") == []
    assert client.get("/api/actors", params={"kind": "alien"}).status_code == 422


def test_an_actor_comes_with_its_quotes_positions_and_events(client: TestClient) -> None:
    daggett = ok(client.get("/api/actors/harold-daggett"))
    assert "President of the International Longshoremen's Association" in daggett["roles"]
    assert [q["text"] for q in daggett["quotes"]] == [
        "We are not going to accept automation that takes our jobs"
    ]
    assert [d["outlet"] for d in daggett["documents"]] == ["Harbor Times"]
    hamas = ok(client.get("/api/actors/hamas"))
    assert {d["outlet"] for d in hamas["documents"]} == {"Gulf Courier", "Levant Ledger"}
    stances = sorted((p["stance"], (p["value"] or {}).get("min")) for p in hamas["positions"])
    assert stances == [("demand", 20), ("demand", 20), ("insist", None), ("reject", None)]
    official = [p["according_to"] for p in hamas["positions"] if p["stance"] in ("insist", "reject")]
    assert len(official) == 2 and all("hamas-official" in (a or "") for a in official)
    assert {e["type"] for e in hamas["events"]} == {"REQUEST"}
    bodies = {
        d["id"]: ok(client.get(f"/api/documents/{d['id']}"))["document"]["body"] for d in hamas["documents"]
    }
    for record in hamas["positions"] + hamas["events"]:
        assert bodies[record["doc"]][record["start"] : record["end"]] == record["text"]
    assert "GET /api/actors" in refused(client.get("/api/actors/nobody-at-all"), 404)


# -- quotes, events, positions -----------------------------------------------------------------------


def test_quotes_filter_by_speaker_and_story(client: TestClient) -> None:
    quotes = items(client, "/api/quotes")
    official = next(q for q in quotes if q["speaker_text"] == "a Hamas official")
    assert official["text"].startswith("We will not accept a deal that crosses our red line")
    assert official["outlets"] == ["Gulf Courier"]
    daggett = items(client, "/api/quotes", speaker="Daggett")
    assert [(q["speaker"], q["speaker_name"]) for q in daggett] == [("harold-daggett", "Harold Daggett")]
    docks = items(client, "/api/quotes", story=story_of(client, "Harbor Times"))
    assert {s for q in docks for s in q["outlets"]} == {"Harbor Times"} and len(docks) == 2
    assert "no stored quote" in refused(client.get("/api/quotes", params={"speaker": "Napoleon"}), 400)


def test_events_filter_by_type_actor_story_and_date(client: TestClient) -> None:
    recalls = items(client, "/api/events", type="SANCTION")
    assert {(e["mode"], tuple(e["actors"])) for e in recalls} == {("withdraw", ("israel",))}
    assert {e["story"] for e in recalls} == {story_of(client, "Gulf Courier")}
    assert all(e["text"].startswith("Israel recalled its negotiating team from Doha") for e in recalls)
    israel = items(client, "/api/events", actor="Israel")
    assert israel and all("israel" in e["actors"] + e["targets"] for e in israel)
    docks = items(client, "/api/events", story=story_of(client, "Harbor Times"))
    # "We are not going to accept automation" is a rejection too
    assert sorted(e["type"] for e in docks) == ["REJECT", "REJECT", "REQUEST"]
    assert {e["date"] for e in items(client, "/api/events", since="2025-07-23", until="2025-07-31")} == {
        "2025-07-24"
    }
    dates = [e["date"] for e in items(client, "/api/events")]
    assert dates == sorted(dates)
    assert "no stored actor" in refused(client.get("/api/events", params={"actor": "Napoleon"}), 400)
    assert client.get("/api/events", params={"type": "FIGHT"}).status_code == 422


def test_positions_filter_by_issue_party_stance_and_story(client: TestClient) -> None:
    pay = items(client, "/api/positions", issue="pay")
    assert [(p["party"], p["stance"], p["value"]["min"], p["value"]["unit"]) for p in pay] == [
        ("ila", "demand", 40, "percent")
    ]
    assert pay[0]["object"] == "a 40 percent pay rise over six years"
    offers = items(client, "/api/positions", stance="offer", party="israel")
    assert [(p["value"]["min"], p["value"]["per"]) for p in offers] == [(10, "living Israeli hostage")] * 2
    rejected = items(client, "/api/positions", story=story_of(client, "Harbor Times"), stance="reject")
    # the offer, and "We are not going to accept automation that takes our jobs"
    assert [(p["party"], p["issue"]) for p in rejected] == [("ila", "deal"), ("ila", "jobs")]
    assert client.get("/api/positions", params={"stance": "shrug"}).status_code == 422


# -- stories, timeline, contradictions ---------------------------------------------------------------


def test_stories_list_and_one_story_with_its_position_tables(client: TestClient) -> None:
    stories = {s["id"]: s for s in items(client, "/api/stories")}
    doha = stories[story_of(client, "Gulf Courier")]
    assert (doha["documents"], doha["outlets"], doha["first"]) == (
        2,
        ["Gulf Courier", "Levant Ledger"],
        "2025-07-24",
    )
    found = ok(client.get(f"/api/stories/{doha['id']}"))
    assert found["label"] == doha["label"]
    assert {d["outlet"] for d in found["documents"]} == {"Gulf Courier", "Levant Ledger"}
    table = next(t for t in found["positions"] if t["issue"] == "prisoners_per_hostage")
    latest = {p["party"]: p["steps"][-1] for p in table["parties"]}
    assert (latest["hamas"]["stance"], latest["hamas"]["value"]["min"]) == ("demand", 20)
    assert (latest["israel"]["stance"], latest["israel"]["value"]["min"]) == ("offer", 10)
    # The bare number of a story is accepted.
    assert ok(client.get(f"/api/stories/{doha['id'].removeprefix('story-')}"))["id"] == doha["id"]
    assert "GET /api/stories" in refused(client.get("/api/stories/story-99"), 404)


def test_timeline_merges_outlets_and_filters_by_story_date_and_actor(client: TestClient) -> None:
    entries = items(client, "/api/timeline")
    dates = [e["date"] for e in entries]
    assert dates == sorted(dates)
    recall = next(e for e in entries if e["summary"].startswith("Israel recalled"))
    assert recall["outlets"] == ["Gulf Courier", "Levant Ledger"] and len(recall["evidence"]) == 2
    doha = story_of(client, "Gulf Courier")
    assert {e["story"] for e in items(client, "/api/timeline", story=doha)} == {doha}
    assert {e["date"] for e in items(client, "/api/timeline", until="2025-07-22")} == {"2025-07-22"}
    assert {e["date"] for e in items(client, "/api/timeline", since="2025-08-01")} == {"2025-08-02"}
    union = items(client, "/api/timeline", actor="ila")
    assert union and {e["story"] for e in union} == {story_of(client, "Harbor Times")}
    assert "YYYY-MM-DD" in refused(client.get("/api/timeline", params={"until": "2025-13-45"}), 400)


def test_contradictions_of_a_story_without_any(client: TestClient) -> None:
    page = ok(client.get("/api/contradictions", params={"story": story_of(client, "Gulf Courier")}))
    assert page == {"total": 0, "limit": 50, "offset": 0, "items": []}


# -- search ------------------------------------------------------------------------------------------


def test_search_marks_matches_as_pieces_not_markup(client: TestClient) -> None:
    hits = items(client, "/api/search", q="Doha")
    assert {h["outlet"] for h in hits} == {"Gulf Courier", "Levant Ledger"}
    for hit in hits:
        assert [p["text"] for p in hit["snippet"] if p["match"]] == ["Doha"]
        assert "".join(p["text"] for p in hit["snippet"]) == hit["text"]
        assert "\x02" not in hit["text"] and "<" not in hit["text"]
    assert [h["outlet"] for h in items(client, "/api/search", q='"automated cranes"')] == ["Harbor Times"]
    assert ok(client.get("/api/search", params={"q": "Doha", "limit": 1}))["total"] == 2
    assert "double quotes" in refused(client.get("/api/search", params={"q": '"red line'}), 400)
    assert client.get("/api/search").status_code == 422


# -- analysing -----------------------------------------------------------------------------------


def test_analysing_a_pasted_article_stores_it_with_offsets_into_its_body(fresh: TestClient) -> None:
    found = ok(fresh.post("/api/analyze", json={"text": DESERT_WIRE}))
    document, body = found["document"], found["document"]["body"]
    assert document["outlet"] == "Desert Wire" and document["published"]["date"] == "2025-07-25"
    assert body.startswith("Hamas demands the release of 30 Palestinian prisoners")
    values = {(p["party"], p["stance"], p["value"]["min"]) for p in found["positions"]}
    assert values == {("hamas", "demand", 30), ("israel", "offer", 10)}
    for kind in ("positions", "events", "mentions", "quantities"):
        assert_offsets(body, found[kind])
    stored = {d["id"]: d for d in items(fresh, "/api/documents")}
    assert stored[document["id"]]["outlet"] == "Desert Wire"
    assert found["story"]["id"] == stored[doc_id(fresh, "Gulf Courier")]["story"]["id"]
    # Two outlets now disagree on what Hamas demands.
    (clash,) = items(fresh, "/api/contradictions", story=found["story"]["id"])
    assert clash["kind"] == "value" and "20" in clash["why"] and "30" in clash["why"]
    assert set(clash["sources"]) == {doc_id(fresh, "Gulf Courier"), document["id"]}


def test_analysing_an_uploaded_file_with_a_publication_date(fresh: TestClient) -> None:
    files = {"file": ("port-note.txt", PORT_NOTE.encode(), "text/plain")}
    found = ok(fresh.post("/api/analyze", files=files, data={"published": "2025-07-23"}))
    document = found["document"]
    assert document["source"] == "port-note.txt" and document["title"] == "Port employers answer dockworkers"
    assert (document["published"]["date"], document["published"]["basis"]) == ("2025-07-23", "given")
    pay = next(p for p in found["positions"] if p["issue"] == "pay")
    assert (pay["party"], pay["stance"], pay["value"]["min"]) == ("usmx", "offer", 20)
    assert document["body"][pay["start"] : pay["end"]] == pay["text"]
    assert ok(fresh.get(f"/api/documents/{document['id']}"))["positions"] == found["positions"]


def test_analysing_refuses_unreadable_input_with_the_readers_sentence(fresh: TestClient) -> None:
    binary = {"file": ("notes.pdf", bytes(range(256)) * 8, "application/pdf")}
    assert refused(fresh.post("/api/analyze", files=binary), 422) == "notes.pdf: not text (binary content)"
    assert "nothing to read" in refused(fresh.post("/api/analyze", json={"text": "  \n"}), 422)
    both = refused(fresh.post("/api/analyze", json={"text": "a", "url": "https://example.org/"}), 422)
    assert "exactly one of text, html or url" in both and "text and url" in both
    assert "exactly one" in refused(fresh.post("/api/analyze", json={}), 422)
    assert "YYYY-MM-DD" in refused(fresh.post("/api/analyze", json={"text": "x", "published": "soon"}), 422)
    private = refused(fresh.post("/api/analyze", json={"url": "http://127.0.0.1:9/article"}), 422)
    assert "private or local address" in private and "--allow-private" not in private
    assert fresh.post("/api/analyze", json={"txt": "typo"}).status_code == 422
    assert "multipart" in refused(
        fresh.post("/api/analyze", content=b"hi", headers={"content-type": "text/csv"}), 415
    )
    assert ok(fresh.get("/api/documents"))["total"] == 4


def test_analysing_refuses_articles_over_the_size_limit(template: str, tmp_path: Path) -> None:
    app = create_app(copy_store(template, tmp_path), max_upload_bytes=1_000)
    with TestClient(app) as small:
        big = "Negotiators met again. " * 200  # 4,600 bytes
        too_big = refused(small.post("/api/analyze", files={"file": ("big.txt", big.encode())}), 413)
        assert "1,000 bytes" in too_big
        refused(small.post("/api/analyze", json={"text": big}), 413)
        # A declared length beyond the limit is refused before the body is read ...
        refused(small.post("/api/analyze", json={"text": big * 20}), 413)
        # ... and a body sent without a length is counted as it arrives.
        chunks = (b'{"text": "' + b"x" * 10_000 + b'"}' for _ in range(10))
        refused(small.post("/api/analyze", content=chunks, headers={"content-type": "application/json"}), 413)
        assert ok(small.get("/api/documents"))["total"] == 4
    app.state.store.close()


# -- changes and the token guard ---------------------------------------------------------------------


def test_stories_can_be_renamed_and_merged(fresh: TestClient) -> None:
    docks, doha = story_of(fresh, "Harbor Times"), story_of(fresh, "Gulf Courier")
    renamed = ok(fresh.post(f"/api/stories/{docks}/rename", json={"label": "  East coast port strike "}))
    assert (renamed["id"], renamed["label"], renamed["documents"]) == (docks, "East coast port strike", 1)
    assert ok(fresh.get(f"/api/stories/{docks}"))["label"] == "East coast port strike"
    hostile = next(d for d in items(fresh, "/api/documents") if d["outlet"] is None)["story"]["id"]
    merged = ok(fresh.post(f"/api/stories/{docks}/merge", json={"absorb": hostile}))
    assert (merged["id"], merged["documents"]) == (docks, 2)
    assert [s["id"] for s in items(fresh, "/api/stories")] == sorted([doha, docks])
    # The absorbed id now stands for the story it went into.
    assert ok(fresh.get(f"/api/stories/{hostile}"))["id"] == docks
    assert "into itself" in refused(fresh.post(f"/api/stories/{docks}/merge", json={"absorb": docks}), 400)
    assert "no story" in refused(fresh.post("/api/stories/story-99/rename", json={"label": "x"}), 404)
    assert "no story" in refused(fresh.post(f"/api/stories/{doha}/merge", json={"absorb": "story-99"}), 404)
    assert "blank" in refused(fresh.post(f"/api/stories/{doha}/rename", json={"label": "   "}), 422)
    assert fresh.post(f"/api/stories/{doha}/rename", json={}).status_code == 422


def test_a_guarded_server_needs_its_token_for_changes(template: str, tmp_path: Path) -> None:
    app = create_app(copy_store(template, tmp_path), token=TOKEN, guarded=True)
    with TestClient(app) as guarded:
        story = story_of(guarded, "Harbor Times")
        assert HEADER in refused(guarded.post("/api/analyze", json={"text": DESERT_WIRE}), 403)
        assert HEADER in refused(guarded.post(f"/api/stories/{story}/rename", json={"label": "x"}), 403)
        wrong = {HEADER: "guess"}
        assert HEADER in refused(
            guarded.post(f"/api/stories/{story}/merge", json={"absorb": "1"}, headers=wrong), 403
        )
        renamed = guarded.post(
            f"/api/stories/{story}/rename", json={"label": "Port strike"}, headers={HEADER: TOKEN}
        )
        assert ok(renamed)["label"] == "Port strike"
        # Reading needs no token.
        assert ok(guarded.get("/api/documents"))["total"] == 4
    app.state.store.close()
    (tmp_path / "other").mkdir()
    app = create_app(copy_store(template, tmp_path / "other"), guarded=True)
    with TestClient(app) as no_token:
        assert "POURPARLER_TOKEN" in refused(no_token.post("/api/analyze", json={"text": DESERT_WIRE}), 403)
    app.state.store.close()


# -- documentation -----------------------------------------------------------------------------------


def test_openapi_documents_every_endpoint_and_docs_need_no_cdn(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger-ui" in docs.text
    assert "cdn." not in docs.text
    assert client.get("/static-docs/swagger-ui-bundle.js").status_code == 200
    schema = ok(client.get("/openapi.json"))
    paths = schema["paths"]
    expected = {
        "/api/documents": "get",
        "/api/documents/{doc_id}": "get",
        "/api/actors": "get",
        "/api/actors/{actor_id}": "get",
        "/api/quotes": "get",
        "/api/events": "get",
        "/api/positions": "get",
        "/api/stories": "get",
        "/api/stories/{story_id}": "get",
        "/api/timeline": "get",
        "/api/contradictions": "get",
        "/api/search": "get",
        "/api/analyze": "post",
        "/api/stories/{story_id}/rename": "post",
        "/api/stories/{story_id}/merge": "post",
    }
    for path, method in expected.items():
        assert paths[path][method]["summary"], path
    analyze = paths["/api/analyze"]["post"]
    assert set(analyze["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert {"403", "413", "422"} <= set(analyze["responses"])
    assert schema["components"]["securitySchemes"]["APIKeyHeader"]["name"] == HEADER
    events = {p["name"]: p for p in paths["/api/events"]["get"]["parameters"]}
    assert {"story", "type", "actor", "since", "until", "limit", "offset"} <= set(events)


def test_the_api_vocabularies_are_the_knowledge_ones() -> None:
    assert [s.value for s in Stance] == list(STANCES)
    assert [k.value for k in ActorKind] == list(ACTOR_KINDS)
