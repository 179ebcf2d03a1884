"""Actor and contradiction pages through the actor index and saved contradictions, against full scans.

    python bench/web_reads.py [--docs 400] [--repeat 7]

Generated analyses (no spaCy: parties, envoys, shared mediators and anonymous sources of a few dozen
negotiations, with positions whose figures differ by outlet, events and quotes) go into an SQLite store
through `Store.add`. Each page and endpoint is then requested through the app, once with the store as it
is and once with a store that reads every analysis on every request, as the pages did before the index
(the baseline, `EveryAnalysis`), in turn, so that machine noise falls on both alike. Prints the median
time of each and the ratio baseline / indexed; then what the contradictions page costs right after a new
article changed one story (only that story is searched again).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from pourparler import views
from pourparler.fuse.records import Record
from pourparler.model import Document, Published
from pourparler.store import Store
from pourparler.web import create_app

NEGOTIATIONS = 40
OUTLETS = 20
MEDIATORS = ["united-states", "qatar", "egypt", "united-nations"]
COUNTRIES = ["ISR", "PSE", "EGY", "USA", "QAT"]


class EveryAnalysis(Store):
    """The store as the pages read it before the actor index: every analysis, for every request."""

    def analyses(
        self,
        story_id: str | None = None,
        *,
        document_id: str | None = None,
        naming: Iterable[str] | None = None,
    ) -> list[Record]:
        return super().analyses(story_id, document_id=document_id)

    def contradictions(self) -> list[Record]:
        return views.contradictions(super().analyses())

    def outlets(self, doc_ids: Iterable[str]) -> dict[str, str]:
        return views.outlets(super().analyses())

    def story_labels(self, story_ids: Iterable[str]) -> dict[str, str]:
        return {row.id: row.label for row in self.stories()}

    def actor_ids(self, actor_id: str) -> list[str]:
        return []


def article(n: int, talks: int, rng: random.Random) -> tuple[Document, dict[str, Any]]:
    """Document `n`, on negotiation `talks`: its body and analysis slice, items pointing into the body."""
    parties = [f"party-{talks}-a", f"party-{talks}-b"]
    envoy, mediator = f"envoy-{talks}", MEDIATORS[talks % len(MEDIATORS)]
    country = COUNTRIES[talks % len(COUNTRIES)]
    source = f"anon-{n:08d}-official"
    day = 1 + (talks % 20) + rng.randrange(8)
    date = f"2025-{1 + talks % 12:02d}-{day:02d}"
    outlet = f"Outlet {n % OUTLETS}"
    figure = 10 * (1 + talks % 5) + 5 * (n % OUTLETS % 3)  # outlets report the demand differently
    sentences = [
        f"{parties[0]} demands {figure} prisoners per hostage in talks {talks}.",
        f"{parties[1]} offers {figure // 2} prisoners per hostage.",
        f"{envoy} met {parties[0]} and {parties[1]} in the capital of {mediator}.",
        f'"We want a deal on topic{talks} this week," {parties[0]} said.',
        f'"There is no deal on topic{talks} yet," an official said.',
        " ".join(f"topic{talks}w{rng.randrange(30)}" for _ in range(60)),
    ]
    body = " ".join(sentences)
    document = Document(
        source=f"doc-{n}.txt",
        body=body,
        title=f"Talks {talks}, article {n}",
        outlet=outlet,
        published=Published(date=date, basis="metadata"),
    )

    def at(text: str) -> dict[str, Any]:
        start = body.index(text)
        return {"doc": document.id, "start": start, "end": start + len(text), "text": text}

    def position(k: int, party: str, stance: str, value: int) -> dict[str, Any]:
        return {
            **at(sentences[k]),
            "id": f"{document.id[:12]}-p{k}",
            "party": party,
            "issue": "prisoners_per_hostage",
            "stance": stance,
            "profile": f"profile-{talks % 8}",
            "value": {"min": value, "max": value, "unit": "prisoners", "per": "hostage"},
            "object": None,
            "date": date,
            "date_basis": "report",
            "according_to": None,
        }

    def quote(k: int, actor: str, text: str, anonymous: bool) -> dict[str, Any]:
        words = sentences[k].split('"')[1]
        speaker = {"actor": actor, "text": text, "anonymous": anonymous, "country": country}
        return {**at(words), "kind": "direct", "cue": "said", "speaker": speaker, "via": []}

    named = [*parties, envoy, mediator]
    part = {
        "positions": [
            position(0, parties[0], "demand", figure),
            position(1, parties[1], "offer", figure // 2),
        ],
        "events": [
            {
                **at(sentences[2]),
                "id": f"{document.id[:12]}-e1",
                "type": "CONSULT",
                "mode": None,
                "actors": [envoy],
                "targets": parties,
                "location": mediator,
                "date": date,
                "date_basis": "report",
                "negated": False,
                "hypothetical": False,
                "according_to": None,
            }
        ],
        "quotes": [quote(3, parties[0], parties[0], False), quote(4, source, "an official", True)],
        "mentions": [{**at(actor), "actor": actor} for actor in named],
        "times": [],
        "quantities": [],
        "actors": [{"id": a, "name": a.replace("-", " ").title(), "kind": "group"} for a in named]
        + [{"id": source, "name": "an official", "kind": "anonymous", "country": country}],
    }
    return document, part


def median_ms(client: TestClient, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path)
    spent = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(11)
    articles = [article(n, rng.randrange(NEGOTIATIONS), rng) for n in range(args.docs + 1)]

    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "web.db")
        started = time.perf_counter()
        with Store(db) as store:
            for document, part in articles[:-1]:
                store.add(document, part)
            stories = len(store.stories())
        print(f"stored {args.docs:,} analyses ({stories} stories) in {time.perf_counter() - started:.1f} s")

        indexed, baseline = create_app(db), create_app(db)
        baseline.state.store.close()
        baseline.state.store = EveryAnalysis(db)
        with TestClient(indexed) as new, TestClient(baseline) as old:
            # The first request finds and saves every story's contradictions.
            found = new.get("/api/contradictions", params={"limit": 1}).json()["total"]
            print(f"{found} contradictions across the stories")
            paths = [
                "/actors/party-7-a",
                "/api/actors/party-7-a",
                "/actors/qatar",
                "/contradictions",
                "/api/contradictions",
            ]
            for path in paths:
                assert new.get(path).text == old.get(path).text, path
                spent: dict[str, list[float]] = {"baseline": [], "indexed": []}
                for _ in range(args.repeat):
                    spent["baseline"].append(median_ms(old, path))
                    spent["indexed"].append(median_ms(new, path))
                before, after = (statistics.median(spent[k]) for k in ("baseline", "indexed"))
                print(
                    f"{path:<24} every analysis {before:8.1f} ms   indexed {after:7.1f} ms   "
                    f"ratio {before / after:6.1f}"
                )

            document, part = articles[-1]
            indexed.state.store.add(document, part)
            changed = median_ms(new, "/contradictions")
            print(f"/contradictions after one more article: {changed:.1f} ms (one story searched again)")
        indexed.state.store.close()
        baseline.state.store.close()


if __name__ == "__main__":
    main()
