"""Flat rows of a record for data work (exports, batch output): one table per kind, fixed columns.

Columns are fixed per table, so that every writer (JSONL, CSV, Parquet) gives the same schema for any
input, an empty one included. A list column holds strings (actor ids, document ids); CSV joins it with
"; ". Offsets (`start`, `end`) index the cleaned body of `doc_id`.

`TableWriter` writes one table to one file (`write_jsonl`, `write_csv`, `write_parquet` do it in one
call): into a temporary file beside the target, renamed into place only when every row is written, so a
reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, Literal

from pourparler.errors import PourparlerError
from pourparler.fuse.records import Record

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq

ColumnType = Literal["str", "int", "float", "bool", "list"]

COLUMNS: dict[str, dict[str, ColumnType]] = {
    "documents": {
        "doc_id": "str",
        "source": "str",
        "url": "str",
        "outlet": "str",
        "title": "str",
        "subtitle": "str",
        "byline": "list",
        "published_date": "str",
        "published_basis": "str",
        "story": "str",
        "words": "int",
        "body": "str",
    },
    "actors": {
        "doc_id": "str",
        "id": "str",
        "name": "str",
        "kind": "str",
        "country": "str",
        "sector": "str",
        "side": "str",
        "roles": "list",
        "aliases": "list",
        "known": "bool",
        "mentions": "int",
    },
    "quotes": {
        "doc_id": "str",
        "start": "int",
        "end": "int",
        "text": "str",
        "kind": "str",
        "cue": "str",
        "speaker": "str",
        "speaker_name": "str",
        "speaker_text": "str",
        "anonymous": "bool",
        "via": "list",
    },
    "events": {
        "doc_id": "str",
        "id": "str",
        "start": "int",
        "end": "int",
        "text": "str",
        "type": "str",
        "mode": "str",
        "trigger": "str",
        "actors": "list",
        "actor_names": "list",
        "targets": "list",
        "target_names": "list",
        "location": "str",
        "date": "str",
        "date_text": "str",
        "date_basis": "str",
        "negated": "bool",
        "hypothetical": "bool",
        "according_to": "str",
    },
    "positions": {
        "doc_id": "str",
        "id": "str",
        "start": "int",
        "end": "int",
        "text": "str",
        "party": "str",
        "party_name": "str",
        "issue": "str",
        "kind": "str",
        "stance": "str",
        "value_min": "float",
        "value_max": "float",
        "unit": "str",
        "per": "str",
        "object": "str",
        "date": "str",
        "date_basis": "str",
        "according_to": "str",
        "responds_to": "list",
        "trigger": "str",
        "profile": "str",
    },
    "timeline": {
        "story": "str",
        "date": "str",
        "kind": "str",
        "ref": "str",
        "type": "str",
        "mode": "str",
        "issue": "str",
        "summary": "str",
        "actors": "list",
        "members": "list",
        "sources": "list",
        "evidence_doc": "str",
        "evidence_start": "int",
        "evidence_end": "int",
    },
}
DOCUMENT_TABLES = ("documents", "actors", "quotes", "events", "positions")
TABLES = (*DOCUMENT_TABLES, "timeline")
WRITER_FORMATS = ("jsonl", "csv", "parquet")
LIST_SEPARATOR = "; "
PARQUET_BATCH_ROWS = 10_000


def document_rows(part: Record) -> dict[str, list[Record]]:
    """The rows of one document's record (`pipeline.document_record`, or a `Store.analyses` item):
    its documents row and its actors, quotes, events and positions. The body is the document's `body`,
    if any; an actor's row is the document's view of it (roles it names, how often it is mentioned)."""
    document = part["document"]
    body = document.get("body")
    doc_id = document["id"]
    names = {a["id"]: a["name"] for a in part.get("actors", [])}
    published = document.get("published") or {}
    documents = [
        {
            "doc_id": doc_id,
            "source": document.get("source"),
            "url": document.get("url"),
            "outlet": document.get("outlet"),
            "title": document.get("title"),
            "subtitle": document.get("subtitle"),
            "byline": list(document.get("byline") or []),
            "published_date": published.get("date"),
            "published_basis": published.get("basis"),
            "story": part.get("story"),
            "words": len(body.split()) if body is not None else None,
            "body": body,
        }
    ]
    mentioned: dict[str, int] = {}
    for mention in part.get("mentions", []):
        if mention.get("actor"):
            mentioned[mention["actor"]] = mentioned.get(mention["actor"], 0) + 1
    actors = [
        {
            "doc_id": doc_id,
            **{key: a.get(key) for key in ("id", "name", "kind", "country", "sector", "side", "known")},
            "roles": list(a.get("roles", [])),
            "aliases": list(a.get("aliases", [])),
            "mentions": mentioned.get(a["id"], 0),
        }
        for a in part.get("actors", [])
    ]
    quotes = [
        {
            **_span(doc_id, q),
            "kind": q["kind"],
            "cue": q.get("cue"),
            "speaker": q["speaker"].get("actor"),
            "speaker_name": names.get(q["speaker"].get("actor") or ""),
            "speaker_text": q["speaker"].get("text"),
            "anonymous": bool(q["speaker"].get("anonymous")),
            "via": list(q.get("via", [])),
        }
        for q in part.get("quotes", [])
    ]
    events = [
        {
            "doc_id": doc_id,
            "id": e["id"],
            **_span(doc_id, e, with_doc=False),
            "type": e["type"],
            "mode": e.get("mode"),
            "trigger": (e.get("trigger") or {}).get("text"),
            "actors": list(e.get("actors", [])),
            "actor_names": [names.get(a, a) for a in e.get("actors", [])],
            "targets": list(e.get("targets", [])),
            "target_names": [names.get(a, a) for a in e.get("targets", [])],
            "location": e.get("location"),
            "date": e.get("date"),
            "date_text": e.get("date_text"),
            "date_basis": e.get("date_basis"),
            "negated": bool(e.get("negated")),
            "hypothetical": bool(e.get("hypothetical")),
            "according_to": e.get("according_to"),
        }
        for e in part.get("events", [])
    ]
    positions = []
    for p in part.get("positions", []):
        value = p.get("value") or {}
        positions.append(
            {
                "doc_id": doc_id,
                "id": p["id"],
                **_span(doc_id, p, with_doc=False),
                "party": p["party"],
                "party_name": names.get(p["party"]),
                "issue": p["issue"],
                "kind": p.get("kind") or p["issue"],
                "stance": p["stance"],
                "value_min": value.get("min"),
                "value_max": value.get("max"),
                "unit": value.get("unit"),
                "per": value.get("per"),
                "object": p.get("object"),
                "date": p.get("date"),
                "date_basis": p.get("date_basis"),
                "according_to": p.get("according_to"),
                "responds_to": list(p.get("responds_to", [])),
                "trigger": (p.get("trigger") or {}).get("text"),
                "profile": p.get("profile"),
            }
        )
    tables = {
        "documents": documents,
        "actors": actors,
        "quotes": quotes,
        "events": events,
        "positions": positions,
    }
    return {kind: [conform(kind, row) for row in rows] for kind, rows in tables.items()}


def timeline_rows(entries: Iterable[Record]) -> list[Record]:
    """Timeline entries (`views.timeline_entries`) as rows; the first evidence span is the row's. `ref` is
    the id of the event or position the entry shows, `members` every id the entry merges (one per outlet
    that reported it): they join the events and positions tables on `id`."""
    rows = []
    for entry in entries:
        first = (entry.get("evidence") or [{}])[0]
        rows.append(
            conform(
                "timeline",
                {
                    "story": entry.get("story"),
                    "date": entry["date"],
                    "kind": entry["kind"],
                    "ref": entry.get("ref"),
                    "type": entry.get("type") or entry.get("stance"),
                    "mode": entry.get("mode"),
                    "issue": entry.get("issue"),
                    "summary": entry["summary"],
                    "actors": [a for a in (*entry.get("actors", []), entry.get("party")) if a],
                    "members": list(entry.get("members", [])),
                    "sources": list(entry["sources"]),
                    "evidence_doc": first.get("doc"),
                    "evidence_start": first.get("start"),
                    "evidence_end": first.get("end"),
                },
            )
        )
    return rows


def conform(kind: str, row: Mapping[str, Any]) -> Record:
    """The row with exactly the table's columns, in order, each of its type (None stays None)."""
    out: Record = {}
    for column, kind_of in COLUMNS[kind].items():
        value = row.get(column)
        if value is None:
            out[column] = [] if kind_of == "list" else None
        elif kind_of == "list":
            out[column] = [str(v) for v in value]
        else:
            out[column] = {"str": str, "int": int, "float": float, "bool": bool}[kind_of](value)
    return out


def _span(doc_id: str, item: Record, *, with_doc: bool = True) -> Record:
    span = {"start": item["start"], "end": item["end"], "text": item["text"]}
    return {"doc_id": doc_id, **span} if with_doc else span


def arrow_schema(kind: str) -> pa.Schema:
    """The Parquet schema of a table: strings, int64, float64, bool, and list<string> for list columns."""
    import pyarrow as pa

    types = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "list": pa.list_(pa.string()),
    }
    return pa.schema([pa.field(column, types[kind_of]) for column, kind_of in COLUMNS[kind].items()])


class TableWriter:
    """Rows written to one JSONL, CSV or Parquet file, which appears complete or not at all.

    Rows go to a temporary file in the target's folder; leaving the `with` block renames it into place,
    or, on an error, deletes it and leaves any earlier file as it was. With a table `kind` every row is
    conformed to the table's columns (CSV and Parquet need one); JSONL without a kind writes the dicts
    as given (PLOVER records). `rows` counts what was written.
    """

    def __init__(self, path: Path, kind: str | None, fmt: str) -> None:
        if fmt not in WRITER_FORMATS:
            raise ValueError(f"unknown table format {fmt!r}; use one of {', '.join(WRITER_FORMATS)}")
        if kind is None and fmt != "jsonl":
            raise ValueError(f"a {fmt} file needs a table kind for its columns")
        self.path, self.kind, self.fmt, self.rows = Path(path), kind, fmt, 0
        self._text: IO[str] | None = None
        self._csv: Any = None
        self._parquet: pq.ParquetWriter | None = None
        self._batch: list[Mapping[str, Any]] = []
        # A name of our own rather than mkstemp's, so that the file gets the usual permissions (umask).
        self._temp = self.path.with_name(f".{self.path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
        try:
            if fmt == "parquet":
                import pyarrow.parquet as pq

                assert kind is not None
                self._parquet = pq.ParquetWriter(str(self._temp), arrow_schema(kind))
            else:
                self._text = open(self._temp, "x", encoding="utf-8", newline="")  # noqa: SIM115
                if fmt == "csv":
                    assert kind is not None
                    self._csv = csv.writer(self._text)
                    self._csv.writerow(COLUMNS[kind])
        except OSError as error:
            self.discard()
            raise PourparlerError(f"cannot write to {self.path.parent}: {error.strerror or error}") from error
        except BaseException:
            self.discard()
            raise

    def write(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for given in rows:
            row = conform(self.kind, given) if self.kind is not None else given
            if self._parquet is not None:
                self._batch.append(row)
                if len(self._batch) >= PARQUET_BATCH_ROWS:
                    self._flush()
            elif self._csv is not None:
                self._csv.writerow(_csv_cell(value) for value in row.values())
            else:
                assert self._text is not None
                self._text.write(json.dumps(row, ensure_ascii=False) + "\n")
            self.rows += 1

    def commit(self) -> Path:
        """Finish the file and put it in place; the target path."""
        try:
            if self._parquet is not None:
                self._flush()
                self._parquet.close()
                self._parquet = None
            if self._text is not None:
                self._text.close()
                self._text = None
            os.replace(self._temp, self.path)
        except OSError as error:
            self.discard()
            raise PourparlerError(f"cannot write {self.path}: {error.strerror or error}") from error
        except BaseException:
            self.discard()
            raise
        return self.path

    def discard(self) -> None:
        """Drop what was written; the target is left as it was."""
        for closing in (self._text, self._parquet):
            if closing is not None:
                # The file is deleted next: an error closing it does not matter.
                with contextlib.suppress(Exception):
                    closing.close()
        self._text = self._parquet = None
        self._temp.unlink(missing_ok=True)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()

    def _flush(self) -> None:
        if not self._batch or self._parquet is None:
            return
        import pyarrow as pa

        assert self.kind is not None
        self._parquet.write_table(pa.Table.from_pylist(self._batch, schema=arrow_schema(self.kind)))
        self._batch = []


def write_jsonl(path: Path, rows: Iterable[Mapping[str, Any]], kind: str | None = None) -> int:
    """One JSON object per line (conformed to the table's columns when `kind` is given); rows written."""
    with TableWriter(path, kind, "jsonl") as writer:
        writer.write(rows)
    return writer.rows


def write_csv(path: Path, kind: str, rows: Iterable[Mapping[str, Any]]) -> int:
    """A header of the table's columns, then a line per row; list cells joined with "; "; rows written."""
    with TableWriter(path, kind, "csv") as writer:
        writer.write(rows)
    return writer.rows


def write_parquet(path: Path, kind: str, rows: Iterable[Mapping[str, Any]]) -> int:
    """A Parquet file with the table's schema (`arrow_schema`), even with no rows; rows written."""
    with TableWriter(path, kind, "parquet") as writer:
        writer.write(rows)
    return writer.rows


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return value
