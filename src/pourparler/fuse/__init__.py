"""Across documents: stories, one merged timeline, position history and contradictions, over plain records."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pourparler.fuse.contradictions import find_contradictions
from pourparler.fuse.history import position_history
from pourparler.fuse.records import Record, date_order
from pourparler.fuse.stories import StoryIndex, merge_stories, rename_story
from pourparler.fuse.timeline import merge_events, merge_positions, merge_quotes, timeline
from pourparler.model import Analysis

SLICED = ("events", "positions", "quotes", "mentions")

__all__ = [
    "StoryIndex",
    "find_contradictions",
    "fuse",
    "merge_events",
    "merge_positions",
    "merge_quotes",
    "merge_stories",
    "position_history",
    "rename_story",
    "slices",
    "timeline",
]


def slices(record: Mapping[str, Any]) -> list[Record]:
    """An analysis record cut per document: {"document", "events", "positions", "quotes", "mentions"}."""
    by_document: dict[str, Record] = {
        d["id"]: {"document": d, **{kind: [] for kind in SLICED}} for d in record["documents"]
    }
    for kind in SLICED:
        for item in record.get(kind, []):
            if item.get("doc") in by_document:
                by_document[item["doc"]][kind].append(item)
    return list(by_document.values())


def fuse(
    analysis: Analysis, labels: Mapping[str, str] | None = None, index: StoryIndex | None = None
) -> Analysis:
    """Fill `analysis.stories`, `.timeline` (by date) and `.contradictions`, story by story.

    `labels` maps profile ids to labels for story names. Pass `index` to assign the documents to the
    stories of an existing index (it is updated); by default they form stories among themselves.
    """
    record = analysis.to_json()
    names = {a["id"]: a["name"] for a in analysis.actors}
    outlets = {d["id"]: d["outlet"] for d in record["documents"] if d.get("outlet")}
    index = index if index is not None else StoryIndex(labels=labels, names=names)
    members: dict[str, list[Record]] = {}
    for part in slices(record):
        members.setdefault(index.assign(part), []).append(part)
    stories, entries, contradictions = [], [], []
    for story in index.stories():
        parts = members.get(story["id"])
        if not parts:
            continue
        stories.append(
            {"id": story["id"], "label": story["label"], "documents": [p["document"]["id"] for p in parts]}
        )
        events = [e for p in parts for e in p["events"]]
        positions = [q for p in parts for q in p["positions"]]
        entries += [{**e, "story": story["id"]} for e in timeline(events, positions, names)]
        found = find_contradictions(events, positions, outlets=outlets, names=names)
        contradictions += [{**c, "story": story["id"]} for c in found]
    analysis.stories = stories
    analysis.timeline = sorted(entries, key=lambda e: date_order(e["date"]))
    analysis.contradictions = contradictions
    return analysis
