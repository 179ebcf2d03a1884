"""Files for data work from the store: tables as JSONL, CSV or Parquet, and PLOVER event records.

`export(store, out, "parquet")` writes one file per table of `tables.COLUMNS` into `out` (documents with
their bodies, the actors each document names, quotes, events, positions, and the merged timeline);
`export(store, out, "plover")` writes `events.plover.jsonl`, one PLOVER record per line (see
`plover_records`). With a story, everything is limited to that story's documents. An empty store gives
empty files that still carry their header or schema.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path

from pourparler import __version__
from pourparler.errors import BadInput, PourparlerError
from pourparler.fuse.records import Record
from pourparler.knowledge import place_country
from pourparler.store import Store
from pourparler.tables import TABLES, TableWriter, document_rows, timeline_rows, write_jsonl
from pourparler.views import timeline_entries

__all__ = ["FORMATS", "PLOVER_FILE", "QUAD_CODES", "export", "plover_records", "same_events"]

FORMATS = ("jsonl", "csv", "parquet", "plover")
PLOVER_FILE = "events.plover.jsonl"
CODER = f"pourparler {__version__}"
# PLOVER's quad categories (PLOVER manual, "Quad categories in PLOVER"): 1 verbal cooperation,
# 2 material cooperation, 3 verbal conflict, 4 material conflict. REQUEST is the manual's DEMAND.
QUAD_CODES = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "SANCTION": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}


def export(
    store: Store, out: Path, fmt: str, *, story: str | None = None, unrealised: bool = False
) -> dict[Path, int]:
    """Write the store (or one story of it) into the folder `out` as `fmt`; each path written → its rows.

    jsonl, csv and parquet write `<table>.<fmt>` for every table in `tables.TABLES`; plover writes
    `events.plover.jsonl` (negated and hypothetical events only with `unrealised`). An unknown format or
    story raises BadInput; files are replaced whole, never left half written.
    """
    if fmt not in FORMATS:
        raise BadInput(f"--format {fmt!r} is not known; use one of {', '.join(FORMATS)}")
    parts = store.analyses(story)
    folder = _folder(out)
    if fmt == "plover":
        same = same_events(parts)
        path = folder / PLOVER_FILE
        records = (
            record
            for part in _with_documents(store, parts)
            for record in plover_records(part, same_event=same, unrealised=unrealised)
        )
        return {path: write_jsonl(path, records)}
    with ExitStack() as stack:
        writers = {
            kind: stack.enter_context(TableWriter(folder / f"{kind}.{fmt}", kind, fmt)) for kind in TABLES
        }
        for part in _with_documents(store, parts):
            for kind, rows in document_rows(part).items():
                writers[kind].write(rows)
        writers["timeline"].write(timeline_rows(timeline_entries(parts)))
    return {writer.path: writer.rows for writer in writers.values()}


def plover_records(
    part: Record, *, same_event: Mapping[str, Sequence[str]] | None = None, unrealised: bool = False
) -> list[Record]:
    """One document's events (a `Store.analyses` item or `pipeline.document_record`) as PLOVER records.

    Field names follow the PLOVER manual's JSON data fields: `id`, `date`, `event`, `mode`, `context`,
    `quad_code`, `source` and `recipient` (lists of actor objects: `code` is the ISO 3166 alpha-3 country
    or IGO/EUR, `sector` the CAMEO-style sector, `actor_text` the words in the sentence,
    `identifier_id`/`identifier_text` our actor id and name, plus our `kind`), `event_loc` (`name` and,
    for a state or its capital, `cc3`), `event_text` (the trigger), `text` (the evidence clause),
    `text_info` (its offsets and the trigger's into the document body), `link` (the story), `cite_info`
    (document id as `citation`, url, source, title, outlet as `publication`, publication date) and
    `coder`. Our additions: `date_basis` and `date_text` (where the date comes from), `negated`,
    `hypothetical`, `according_to` (an actor object, or the words naming a source we could not resolve)
    and `same_event` (ids of records of other documents that report the same event, from the timeline).

    PLOVER codes events that took place, so negated events ("did not meet") and hypothetical ones
    (conditions, intentions, futures: "if Hamas accepts", "plans to meet") are left out unless
    `unrealised` is set; then they come with `context` "negation" or "hypothetical", as the manual
    describes. Events whose actor we could not resolve are kept with an empty `source`. `date` is an ISO
    date, or a month (2025-07) when only that is known, or null.
    """
    document = part["document"]
    actors = {a["id"]: a for a in part.get("actors", [])}
    mentions = part.get("mentions", [])
    published = document.get("published") or {}
    cite_info = {
        "citation": document["id"],
        "url": document.get("url"),
        "source": document.get("source"),
        "title": document.get("title"),
        "publication": document.get("outlet"),
        "published": published.get("date"),
        "published_basis": published.get("basis"),
        "language": "en",
        "coder": CODER,
        "codebook": "PLOVER",
    }
    records = []
    for event in part.get("events", []):
        negated, hypothetical = bool(event.get("negated")), bool(event.get("hypothetical"))
        if (negated or hypothetical) and not unrealised:
            continue
        span = (event["start"], event["end"])
        trigger = event.get("trigger") or {}
        context = [name for name, flag in (("hypothetical", hypothetical), ("negation", negated)) if flag]
        records.append(
            {
                "id": event["id"],
                "date": event.get("date"),
                "date_basis": event.get("date_basis"),
                "date_text": event.get("date_text"),
                "event": event["type"],
                "mode": event.get("mode"),
                "context": context,
                "quad_code": QUAD_CODES.get(event["type"]),
                "source": [_actor(a, actors, mentions, span) for a in event.get("actors", [])],
                "recipient": [_actor(a, actors, mentions, span) for a in event.get("targets", [])],
                "event_loc": _location(event.get("location")),
                "event_text": [trigger["text"]] if trigger.get("text") else [],
                "text": event["text"],
                "text_info": {
                    "start": event["start"],
                    "end": event["end"],
                    "event_start": trigger.get("start"),
                    "event_end": trigger.get("end"),
                },
                "negated": negated,
                "hypothetical": hypothetical,
                "according_to": _according_to(event.get("according_to"), actors, mentions),
                "link": part.get("story"),
                "same_event": [i for i in (same_event or {}).get(event["id"], []) if i != event["id"]],
                "cite_info": cite_info,
                "coder": CODER,
            }
        )
    return records


def same_events(parts: Sequence[Record]) -> dict[str, list[str]]:
    """Event id → the ids of every event the timeline merges with it (reports of one event by several
    outlets, story by story); an event the timeline does not merge (or cannot date) is absent."""
    merged: dict[str, list[str]] = {}
    for entry in timeline_entries(parts):
        members = list(entry.get("members", []))
        if entry["kind"] == "event" and len(members) > 1:
            merged.update(dict.fromkeys(members, members))
    return merged


def _actor(
    actor_id: str, actors: Mapping[str, Record], mentions: Sequence[Record], span: tuple[int, int] | None
) -> Record:
    """A PLOVER actor object; `actor_text` is how the text names the actor: its first mention within
    `span`, or in the whole document without one."""
    actor = actors.get(actor_id) or {}
    low, high = span if span is not None else (0, float("inf"))
    text = next(
        (
            m["text"]
            for m in mentions
            if m.get("actor") == actor_id and low <= m["start"] and m["end"] <= high
        ),
        None,
    )
    return {
        "code": actor.get("country"),
        "sector": actor.get("sector"),
        "actor_text": text,
        "identifier_id": actor_id,
        "identifier_text": actor.get("name"),
        "kind": actor.get("kind"),
    }


def _according_to(
    source: str | None, actors: Mapping[str, Record], mentions: Sequence[Record]
) -> Record | None:
    """Who the text says reports the event: an actor object, or the words when they name no actor."""
    if not source:
        return None
    if source in actors:
        return _actor(source, actors, mentions, None)
    return {"actor_text": source}


def _location(name: str | None) -> Record | None:
    if not name:
        return None
    return {"name": name, "cc3": place_country(name)}


def _with_documents(store: Store, parts: Sequence[Record]) -> Iterator[Record]:
    """Each stored slice with its whole document (body, url, byline), read one at a time."""
    for part in parts:
        document = store.get(part["document"]["id"])
        yield {**part, "document": document.to_json()} if document is not None else part


def _folder(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise BadInput(f"--out {str(out)!r} is a file; give a folder to write the export into")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PourparlerError(f"cannot create the folder {out}: {error.strerror or error}") from error
    return out
