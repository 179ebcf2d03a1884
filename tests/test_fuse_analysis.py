"""`fuse` over a whole analysis: stories, one timeline and contradictions, in the JSON contract."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from fuse_corpus import Article, analysis_record, caliber_july, teamsters_ups, toi_may, ynet_may
from pourparler.fuse import fuse
from pourparler.model import Actor, Analysis, Document, Published

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "analysis.schema.json"
LABELS = {"gaza-2023": "Gaza ceasefire and hostage talks (2023–2025)"}


def analysis_of(*articles: Article) -> Analysis:
    record = analysis_record(*articles)
    documents = [
        Document(
            source=a.document["source"],
            body=a.body,
            outlet=a.document["outlet"],
            published=Published(a.date, "given"),
        )
        for a in articles
    ]
    return Analysis(
        documents=documents,
        actors=[Actor("israel", "Israel", "state").to_json(), Actor("hamas", "Hamas", "group").to_json()],
        events=record["events"],
        positions=record["positions"],
        quotes=record["quotes"],
        mentions=record["mentions"],
    )


def test_fuse_fills_stories_a_dated_timeline_and_contradictions_per_story():
    ynet, toi, caliber, ups = ynet_may(), toi_may(), caliber_july(), teamsters_ups()
    analysis = fuse(analysis_of(ynet, ups, toi, caliber), LABELS)
    stories = {s["label"]: s["documents"] for s in analysis.stories}
    assert stories == {LABELS["gaza-2023"]: [ynet.id, toi.id, caliber.id], "Teamsters – UPS": [ups.id]}
    dates = [e["date"] for e in analysis.timeline]
    assert dates == sorted(dates) and {"2025-05-22", "2025-07-24"} <= set(dates)
    gaza = next(s["id"] for s in analysis.stories if s["label"] == LABELS["gaza-2023"])
    recall = next(e for e in analysis.timeline if e["kind"] == "event" and e["date"] == "2025-05-22")
    assert (recall["story"], recall["sources"]) == (gaza, [ynet.id, toi.id])
    assert [c["kind"] for c in analysis.contradictions] == ["attribution"]
    assert analysis.contradictions[0]["story"] == gaza


def test_the_fused_record_meets_the_json_contract():
    record = fuse(analysis_of(ynet_may(), toi_may(), caliber_july()), LABELS).to_json()
    jsonschema.validate(json.loads(json.dumps(record)), json.loads(SCHEMA.read_text()))
