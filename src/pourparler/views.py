"""Read-side views of the store across documents, shared by the command line and the web app.

Each view takes the stored slices (`Store.analyses`) and returns plain records; the callers render them.
A story, actor, date or issue the view cannot use raises BadInput with a sentence for the user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from pourparler.errors import BadInput
from pourparler.fuse import merge_quotes, position_history, timeline
from pourparler.fuse.contradictions import story_contradictions
from pourparler.fuse.records import Record, date_order, date_range, is_anonymous
from pourparler.fuse.records import outlets as outlets


def names(records: Iterable[Record]) -> dict[str, str]:
    """Actor id → name over the records."""
    return {a["id"]: a["name"] for r in records for a in r.get("actors", [])}


def by_story(records: Iterable[Record]) -> dict[str | None, list[Record]]:
    grouped: dict[str | None, list[Record]] = {}
    for record in records:
        grouped.setdefault(record["story"], []).append(record)
    return grouped


def actors_matching(query: str, records: Sequence[Record], *, required: bool = True) -> set[str]:
    """Actor ids a name or id stands for: an exact id, name or alias, else every actor whose name or
    alias contains it."""
    wanted = query.strip().casefold()
    actors = {a["id"]: a for r in records for a in r.get("actors", [])}
    exact = {
        a["id"]
        for a in actors.values()
        if wanted in (a["id"].casefold(), a["name"].casefold())
        or wanted in (x.casefold() for x in a.get("aliases", []))
    }
    found = exact or {
        a["id"]
        for a in actors.values()
        if any(wanted in x.casefold() for x in (a["name"], *a.get("aliases", [])))
    }
    if not found and required:
        raise BadInput(f"no stored actor matches {query!r}; give a name or an id such as hamas")
    return found


def date_bound(name: str, value: str | None, *, end: bool = False) -> dt.date | None:
    """A --since/--until style bound: the first (or with `end`, last) day of a date, month or year."""
    if value is None:
        return None
    span = date_range(value)
    if span is None:
        raise BadInput(f"{name} {value!r} is not a date; write it as YYYY-MM-DD")
    return span[1] if end else span[0]


def within(date: str | None, since: dt.date | None, until: dt.date | None) -> bool:
    """Whether a date (day, month or year) overlaps since..until; an unknown date never does."""
    span = date_range(date)
    return span is not None and not (since and span[1] < since) and not (until and span[0] > until)


def timeline_entries(
    records: Sequence[Record],
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    actor: str | None = None,
) -> list[Record]:
    """One timeline per story (an event or stance reported several times is one entry), by date, each
    entry with its `story`; only dated entries overlapping since..until and naming `actor`."""
    actor_names = names(records)
    wanted = actors_matching(actor, records) if actor else None
    entries = []
    for story_id, parts in by_story(records).items():
        events = [e for p in parts for e in p["events"]]
        positions = [q for p in parts for q in p["positions"]]
        entries += [{**e, "story": story_id} for e in timeline(events, positions, actor_names)]
    chosen = []
    for entry in sorted(entries, key=lambda e: date_order(e["date"])):
        if not within(entry["date"], since, until):
            continue
        named = {*entry.get("actors", []), *entry.get("targets", []), entry.get("party")}
        if wanted is not None and not named & wanted:
            continue
        chosen.append(entry)
    return chosen


def position_tables(
    records: Sequence[Record], story_order: Sequence[str] = (), issue: str | None = None
) -> list[tuple[str | None, list[Record]]]:
    """Per story (in `story_order`), the position history of each issue (see `fuse.position_history`):
    each named party's positions in date order, the gaps between them and their trend."""
    actor_names = names(records)
    tables = []
    seen_issues: set[str] = set()
    grouped = by_story(records)
    order = list(story_order)
    for story_id in sorted(grouped, key=lambda s: order.index(s) if s in order else len(order)):
        positions = [
            p
            for part in grouped[story_id]
            for p in part["positions"]
            if p.get("party") and not is_anonymous(p["party"])
        ]
        history = position_history(positions, actor_names)
        seen_issues.update(h["issue"] for h in history)
        history = [h for h in history if issue is None or h["issue"] == issue]
        if history:
            tables.append((story_id, history))
    if issue is not None and issue not in seen_issues:
        known = ", ".join(sorted(seen_issues)) or "none"
        raise BadInput(f"no positions on the issue {issue!r}; issues with positions: {known}")
    return tables


def quotes(records: Sequence[Record], speaker: str | None = None) -> list[Record]:
    """Quotes merged across outlets (one per utterance, with every source); with `speaker`, only the
    quotes of actors matching it or whose speaker text contains it."""
    merged = merge_quotes(q for r in records for q in r["quotes"])
    if not speaker:
        return merged
    wanted = actors_matching(speaker, records, required=False)
    needle = speaker.casefold()
    merged = [q for q in merged if q["speaker"] in wanted or needle in (q["speaker_text"] or "").casefold()]
    if not merged:
        raise BadInput(f"no stored quote has a speaker matching {speaker!r}")
    return merged


def contradictions(records: Sequence[Record]) -> list[Record]:
    """Where outlets disagree, story by story, each with its `story`."""
    actor_names, documents = names(records), outlets(records)
    found = []
    for story_id, parts in by_story(records).items():
        found += story_contradictions(story_id, parts, outlets=documents, names=actor_names)
    return found
