"""Actor and contradiction pages and endpoints read only what they need, and show what reading every analysis
showed: each is compared with the same request served from every stored analysis, as before the index."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from pourparler import views
from pourparler.model import Document, Published
from pourparler.store import Store
from pourparler.web import create_app
from test_web_pages import QUAYSIDE_POST
from web_fixtures import NURSES, WEB_ARTICLES, build_store

# The same words from an anonymous Israeli source in two outlets (one quote with two sources, led by the
# longer rendering), and an anonymous Egyptian source elsewhere: quotes of anonymous sources merge by country.
ANONYMOUS = (
    (
        "Negev Daily",
        "2025-07-23",
        "An Israeli official",
        "ISR",
        "We will not leave the corridor before every hostage is home.",
    ),
    (
        "Coastal Herald",
        "2025-07-24",
        "A senior Israeli official",
        "ISR",
        "We will not leave the corridor before every hostage is home, not one day.",
    ),
    (
        "Sinai Star",
        "2025-07-24",
        "An Egyptian official",
        "EGY",
        "The crossing will open when both sides sign.",
    ),
)


def anonymous_source(
    outlet: str, date: str, source: str, country: str, words: str
) -> tuple[Document, dict[str, Any]]:
    body = (
        f'{source} said on Wednesday: "{words}" Talks on the corridor resume in Doha, where Qatar mediates.'
    )
    document = Document(
        source=f"{outlet.lower().replace(' ', '-')}.txt",
        body=body,
        title=f"{outlet} on the corridor",
        outlet=outlet,
        published=Published(date=date, basis="metadata"),
    )
    actor = (
        f"anon-{document.id[:8]}-{source.lower().replace(' ', '-').removeprefix('an-').removeprefix('a-')}"
    )
    said, named, qatar = body.index(words), body.index(source), body.index("Qatar")
    speaker = {"actor": actor, "text": source, "anonymous": True, "country": country, "start": named}
    part = {
        "events": [],
        "positions": [],
        "quotes": [
            {
                "doc": document.id,
                "start": said,
                "end": said + len(words),
                "text": words,
                "kind": "direct",
                "cue": "said",
                "speaker": {**speaker, "end": named + len(source)},
                "via": [],
            }
        ],
        "mentions": [
            {"doc": document.id, "start": named, "end": named + len(source), "text": source, "actor": actor},
            {"doc": document.id, "start": qatar, "end": qatar + 5, "text": "Qatar", "actor": "qatar"},
        ],
        "times": [],
        "quantities": [],
        "actors": [
            {"id": actor, "name": source[0].lower() + source[1:], "kind": "anonymous", "country": country},
            {"id": "qatar", "name": "Qatar", "kind": "state", "country": "QAT"},
        ],
    }
    return document, part


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = build_store(
        tmp_path_factory.mktemp("actor-index"), {**WEB_ARTICLES, "quayside.txt": QUAYSIDE_POST}
    )
    with Store(path) as store:
        for given in ANONYMOUS:
            store.add(*anonymous_source(*given))
    return path


@pytest.fixture
def client(db: str, tmp_path: Path) -> Iterator[TestClient]:
    """An app on a copy of the store, which the test may change."""
    copy = tmp_path / "copy.db"
    copy.write_bytes(Path(db).read_bytes())
    app = create_app(str(copy))
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


@contextmanager
def reading_everything(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Serve requests as before the actor index: every page reads every analysis."""
    every = Store.analyses

    def analyses(
        self: Store, story_id: str | None = None, *, document_id: str | None = None, naming: Any = None
    ) -> Any:
        return every(self, story_id, document_id=document_id)

    with monkeypatch.context() as patch:
        patch.setattr(Store, "analyses", analyses)
        patch.setattr(Store, "contradictions", lambda self: views.contradictions(every(self)))
        patch.setattr(Store, "outlets", lambda self, _: views.outlets(every(self)))
        patch.setattr(Store, "story_labels", lambda self, _: {row.id: row.label for row in self.stories()})
        patch.setattr(Store, "actor_ids", lambda self, _: [])
        yield


def actor_ids(client: TestClient) -> list[str]:
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    return sorted({a["id"] for r in store.analyses() for a in r["actors"]})


def same_as_reading_everything(client: TestClient, monkeypatch: pytest.MonkeyPatch, paths: list[str]) -> None:
    new = [client.get(path) for path in paths]
    with reading_everything(monkeypatch):
        old = [client.get(path) for path in paths]
    for path, now, before in zip(paths, new, old, strict=True):
        assert (now.status_code, now.text) == (before.status_code, before.text), path


def actor_paths(client: TestClient) -> list[str]:
    ids = [*actor_ids(client), "HAMAS", " hamas", "nobody-at-all", "anonymous:ISR"]
    return [f"{prefix}/actors/{quote(actor, safe='')}" for actor in ids for prefix in ("", "/api")]


def story_paths(client: TestClient) -> list[str]:
    stories = [row.id for row in client.app.state.store.stories()]  # type: ignore[attr-defined]
    return ["/contradictions", "/api/contradictions", *(f"/api/contradictions?story={s}" for s in stories)]


def test_actor_and_contradiction_pages_show_what_every_analysis_shows(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = actor_paths(client)
    assert len(paths) > 30
    same_as_reading_everything(client, monkeypatch, paths + story_paths(client))
    assert "data-contradiction" in client.get("/contradictions").text


def test_a_quote_of_an_anonymous_source_keeps_the_sources_of_every_outlet(client: TestClient) -> None:
    anonymous = [actor for actor in actor_ids(client) if actor.startswith("anon-")]
    pages = {actor: client.get(f"/actors/{actor}").text for actor in anonymous}
    (senior,) = [actor for actor in anonymous if actor.endswith("senior-israeli-official")]
    (first,) = [actor for actor in anonymous if actor.endswith("-israeli-official") and actor != senior]
    # The longer rendering leads the merged quote: it is the senior official's, with both outlets.
    assert "not one day" in pages[senior] and ">Negev Daily</a>" in pages[senior]
    assert "No stored quote is attributed" in pages[first]


def test_pages_stay_the_same_after_ingest_merge_and_rename(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.get("/contradictions")  # saves every story's contradictions
    assert client.post("/api/analyze", json={"text": NURSES}).status_code == 200
    desert = (
        "Hamas hardens prisoner demand in Doha\nPublished: 2025-07-25\n"
        "Hamas demands the release of 45 Palestinian prisoners per living Israeli hostage, "
        "according to Egyptian mediators.\nIsrael offered 10 prisoners per living Israeli hostage.\n"
        "Follow Desert Wire on Twitter\n"
    )
    assert client.post("/api/analyze", json={"text": desert}).status_code == 200
    same_as_reading_everything(client, monkeypatch, actor_paths(client) + story_paths(client))

    stories = [row.id for row in client.app.state.store.stories()]  # type: ignore[attr-defined]
    assert client.post(f"/api/stories/{stories[0]}/merge", json={"absorb": stories[1]}).status_code == 200
    assert client.post(f"/api/stories/{stories[0]}/rename", json={"label": "Everything"}).status_code == 200
    same_as_reading_everything(client, monkeypatch, actor_paths(client) + story_paths(client))
    assert "Everything" in client.get("/contradictions").text
