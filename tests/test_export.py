"""`pourparler export`: the tables as JSONL, CSV and Parquet, and PLOVER event records, as a data user reads them."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner, Result

from pourparler.cli import app
from pourparler.export import PLOVER_FILE, QUAD_CODES, export
from pourparler.store import Store
from pourparler.tables import COLUMNS, TABLES, TableWriter, arrow_schema, write_jsonl
from test_cli_fuse import HARBOR_TIMES as LABOUR_DISPUTE
from web_fixtures import build_store

# Two outlets on one negotiation (the same recall reported twice, a negated meeting, a hypothetical
# resumption) and a labour dispute that is a story of its own.
ARTICLES = {
    "courier.txt": """\
Israel recalls its delegation from Doha as prisoner talks stall
Published: 2025-07-24
Israel recalled its negotiating team from Doha on Thursday, Prime Minister Benjamin Netanyahu's office said.
Hamas demands the release of 20 Palestinian prisoners per living Israeli hostage, according to Egyptian mediators.
Israel offered 10 prisoners per living Israeli hostage.
The mediators did not meet the delegations on Wednesday, Qatar's foreign ministry said.
If Hamas softens its demands, Israel will resume talks in Cairo.
"We will not accept a deal that crosses our red line on the withdrawal maps," a Hamas official said.
Follow Gulf Courier on Twitter
""",
    "ledger.txt": """\
Netanyahu pulls team out of Qatar talks
Published: 2025-07-24
Israel recalled its negotiating team from Doha on Thursday after talks with Hamas stalled over prisoners.
Qatar's foreign ministry said the mediators would keep working with both sides.
Follow Levant Ledger on Twitter
""",
    "harbor.txt": LABOUR_DISPUTE,
}
SPANNED = ("quotes", "events", "positions")
runner = CliRunner()


def cli(*args: str) -> Result:
    return runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "200"}, catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(tmp_path_factory.mktemp("export-store"), ARTICLES)


@pytest.fixture(scope="module")
def exported(db: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The whole store exported once in every format; format → folder."""
    folders = {}
    with Store(db) as store:
        for fmt in ("jsonl", "csv", "parquet", "plover"):
            folders[fmt] = tmp_path_factory.mktemp(f"export-{fmt}")
            export(store, folders[fmt], fmt)
    return folders


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def jsonl_tables(folder: Path) -> dict[str, list[dict[str, Any]]]:
    return {kind: read_jsonl(folder / f"{kind}.jsonl") for kind in TABLES}


def story_of(db: str, outlet: str) -> str:
    with Store(db) as store:
        return next(r["story"] for r in store.analyses() if r["document"]["outlet"] == outlet)


def test_every_table_is_written_and_every_offset_indexes_its_document_body(exported: dict[str, Path]) -> None:
    tables = jsonl_tables(exported["jsonl"])
    assert [list(rows[0]) for rows in tables.values()] == [list(COLUMNS[kind]) for kind in TABLES]
    bodies = {d["doc_id"]: d["body"] for d in tables["documents"]}
    assert {d["outlet"] for d in tables["documents"]} == {"Gulf Courier", "Levant Ledger", "Harbor Times"}
    assert all(d["words"] == len(d["body"].split()) for d in tables["documents"])
    for kind in SPANNED:
        assert tables[kind], kind
        for row in tables[kind]:
            assert bodies[row["doc_id"]][row["start"] : row["end"]] == row["text"], (kind, row)
    # a timeline row joins the events or positions it merges, and its evidence is one of theirs
    items = {row["id"]: row for kind in ("events", "positions") for row in tables[kind]}
    for row in tables["timeline"]:
        assert row["ref"] in row["members"] and all(m in items for m in row["members"]), row
        evidence = bodies[row["evidence_doc"]][row["evidence_start"] : row["evidence_end"]]
        assert evidence in {
            items[m]["text"] for m in row["members"] if items[m]["doc_id"] == row["evidence_doc"]
        }
    # every actor an event names is described in the actors table of its document
    described = {(a["doc_id"], a["id"]) for a in tables["actors"]}
    assert all((e["doc_id"], a) in described for e in tables["events"] for a in e["actors"] + e["targets"])
    hamas = next(a for a in tables["actors"] if a["id"] == "hamas")
    assert (hamas["country"], hamas["sector"], hamas["kind"]) == ("PSE", "REB", "group")


def test_positions_carry_party_issue_stance_and_the_numbers(exported: dict[str, Path]) -> None:
    positions = read_jsonl(exported["jsonl"] / "positions.jsonl")
    demand = next(p for p in positions if p["party"] == "hamas" and p["stance"] == "demand")
    assert demand["party_name"] == "Hamas"
    assert (demand["value_min"], demand["value_max"], demand["unit"]) == (20.0, 20.0, "prisoners")
    assert demand["per"] == "living Israeli hostage"
    assert demand["issue"] and demand["date"] == "2025-07-24"
    pay = next(p for p in positions if p["issue"] == "pay")
    assert (pay["party"], pay["stance"], pay["value_min"], pay["unit"]) == ("ila", "demand", 40.0, "percent")


def test_events_show_the_recall_as_a_withdrawal_with_its_place_and_date(exported: dict[str, Path]) -> None:
    events = read_jsonl(exported["jsonl"] / "events.jsonl")
    recalls = [e for e in events if e["trigger"] == "recalled"]
    assert len(recalls) == 2
    for recall in recalls:
        assert (recall["type"], recall["mode"]) == ("SANCTION", "withdraw")
        assert recall["actors"] == ["israel"] and recall["actor_names"] == ["Israel"]
        assert (recall["location"], recall["date"], recall["date_text"]) == (
            "Doha",
            "2025-07-24",
            "on Thursday",
        )
    flagged = {
        e["trigger"]: (e["negated"], e["hypothetical"]) for e in events if e["negated"] or e["hypothetical"]
    }
    assert flagged["meet"] == (True, False)
    assert flagged["resume"] == (False, True)


def test_csv_has_the_columns_as_header_and_lists_joined(exported: dict[str, Path]) -> None:
    tables = jsonl_tables(exported["jsonl"])
    for kind in TABLES:
        with (exported["csv"] / f"{kind}.csv").open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == list(COLUMNS[kind])
            rows = list(reader)
        assert len(rows) == len(tables[kind]), kind
        for row, expected in zip(rows, tables[kind], strict=True):
            for column, kind_of in COLUMNS[kind].items():
                value = expected[column]
                if kind_of == "list":
                    assert row[column] == "; ".join(value)
                elif kind_of == "bool":
                    assert row[column] == ("true" if value else "false")
                else:
                    assert row[column] == ("" if value is None else str(value)), (kind, column)
    # bodies keep their line breaks through CSV quoting
    documents_csv = list(
        csv.DictReader((exported["csv"] / "documents.csv").open(encoding="utf-8", newline=""))
    )
    assert all("\n" in d["body"] for d in documents_csv)
    timeline = list(csv.DictReader((exported["csv"] / "timeline.csv").open(encoding="utf-8", newline="")))
    merged = next(t for t in timeline if t["type"] == "SANCTION")
    assert len(merged["members"].split("; ")) == 2 and len(merged["sources"].split("; ")) == 2


def test_parquet_has_typed_columns_and_the_same_rows(exported: dict[str, Path]) -> None:
    tables = jsonl_tables(exported["jsonl"])
    for kind in TABLES:
        table = pq.read_table(exported["parquet"] / f"{kind}.parquet")
        assert table.schema.equals(arrow_schema(kind)), kind
        assert table.to_pylist() == tables[kind], kind
    events = pq.read_schema(exported["parquet"] / "events.parquet")
    assert events.field("actors").type == pa.list_(pa.string())
    assert events.field("start").type == pa.int64()
    assert events.field("negated").type == pa.bool_()
    positions = pq.read_schema(exported["parquet"] / "positions.parquet")
    assert positions.field("value_min").type == pa.float64()


def test_an_empty_store_gives_empty_files_with_headers_and_schemas(tmp_path: Path) -> None:
    with Store(str(tmp_path / "empty.db")) as store:
        for fmt in ("jsonl", "csv", "parquet", "plover"):
            written = export(store, tmp_path / fmt, fmt)
            assert set(written.values()) == {0}
            assert all(path.exists() for path in written)
    assert (tmp_path / "jsonl" / "events.jsonl").read_text() == ""
    assert (tmp_path / "csv" / "quotes.csv").read_text().strip() == ",".join(COLUMNS["quotes"])
    for kind in TABLES:
        table = pq.read_table(tmp_path / "parquet" / f"{kind}.parquet")
        assert table.num_rows == 0 and table.schema.equals(arrow_schema(kind))
    assert pq.read_schema(tmp_path / "parquet" / "events.parquet").field("targets").type == pa.list_(
        pa.string()
    )
    assert (tmp_path / "plover" / PLOVER_FILE).read_text() == ""


def test_story_limits_every_table_to_that_story(db: str, tmp_path: Path) -> None:
    docks = story_of(db, "Harbor Times")
    with Store(db) as store:
        written = export(store, tmp_path, "jsonl", story=docks)
        export(store, tmp_path, "plover", story=docks)
    tables = jsonl_tables(tmp_path)
    assert [d["outlet"] for d in tables["documents"]] == ["Harbor Times"]
    doc_id = tables["documents"][0]["doc_id"]
    assert written[tmp_path / "documents.jsonl"] == 1
    for kind in ("actors", *SPANNED):
        assert tables[kind] and {row["doc_id"] for row in tables[kind]} == {doc_id}, kind
    assert tables["timeline"] and {t["story"] for t in tables["timeline"]} == {docks}
    plover = read_jsonl(tmp_path / PLOVER_FILE)
    assert plover and {r["cite_info"]["citation"] for r in plover} == {doc_id}


def test_plover_records_code_the_recall_as_our_events_do(exported: dict[str, Path]) -> None:
    records = read_jsonl(exported["plover"] / PLOVER_FILE)
    tables = jsonl_tables(exported["jsonl"])
    events = {e["id"]: e for e in tables["events"]}
    bodies = {d["doc_id"]: d["body"] for d in tables["documents"]}
    documents_by_id = {d["doc_id"]: d for d in tables["documents"]}
    # only events that took place: the meeting that did not happen and the promised resumption are out
    assert {r["id"] for r in records} == {
        i for i, e in events.items() if not e["negated"] and not e["hypothetical"]
    }
    for record in records:
        event = events[record["id"]]
        assert (record["event"], record["mode"], record["date"]) == (
            event["type"],
            event["mode"],
            event["date"],
        )
        assert record["quad_code"] == QUAD_CODES[record["event"]]
        assert record["context"] == [] and record["negated"] is False and record["hypothetical"] is False
        doc_id = record["cite_info"]["citation"]
        info = record["text_info"]
        assert bodies[doc_id][info["start"] : info["end"]] == record["text"]
        assert [bodies[doc_id][info["event_start"] : info["event_end"]]] == record["event_text"]
        assert record["cite_info"]["publication"] == documents_by_id[doc_id]["outlet"]
        assert record["link"] == documents_by_id[doc_id]["story"]
        assert [a["identifier_id"] for a in record["source"]] == event["actors"]
        assert [a["identifier_id"] for a in record["recipient"]] == event["targets"]
    courier, ledger = (
        next(
            r for r in records if r["event_text"] == ["recalled"] and r["cite_info"]["publication"] == outlet
        )
        for outlet in ("Gulf Courier", "Levant Ledger")
    )
    assert (courier["event"], courier["mode"], courier["quad_code"]) == ("SANCTION", "withdraw", 3)
    assert courier["source"] == [
        {
            "code": "ISR",
            "sector": "GOV",
            "actor_text": "Israel",
            "identifier_id": "israel",
            "identifier_text": "Israel",
            "kind": "state",
        }
    ]
    assert courier["event_loc"] == {"name": "Doha", "cc3": "QAT"}
    assert (courier["date"], courier["date_basis"], courier["date_text"]) == (
        "2025-07-24",
        "clause",
        "on Thursday",
    )
    assert courier["according_to"]["identifier_id"] == "israel-pmo"
    assert courier["according_to"]["code"] == "ISR"
    # the two outlets' reports of the recall point at each other
    assert courier["same_event"] == [ledger["id"]] and ledger["same_event"] == [courier["id"]]
    assert courier["coder"].startswith("pourparler ")
    demand = next(
        r for r in records if r["event"] == "REQUEST" and r["source"][0]["identifier_id"] == "hamas"
    )
    assert demand["mode"] == "yield"
    assert demand["according_to"] == {"actor_text": "Egyptian mediators"}


def test_plover_can_include_unrealised_events_with_their_context(db: str, tmp_path: Path) -> None:
    with Store(db) as store:
        export(store, tmp_path, "plover", unrealised=True)
    records = {r["event_text"][0]: r for r in read_jsonl(tmp_path / PLOVER_FILE)}
    assert records["meet"]["context"] == ["negation"] and records["meet"]["negated"] is True
    assert records["resume"]["context"] == ["hypothetical"] and records["resume"]["hypothetical"] is True
    assert records["resume"]["event_loc"] == {"name": "Cairo", "cc3": "EGY"}


def test_cli_export_prints_each_file_with_its_rows(db: str, tmp_path: Path) -> None:
    result = cli("export", "--db", db, "--format", "csv", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == len(TABLES)
    assert lines[0].split() == ["3", "rows", str(tmp_path / "out" / "documents.csv")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--story", "story-99"), "there is no story 'story-99'; `pourparler stories` lists them"),
        (("--format", "xlsx"), "--format 'xlsx' is not known; use one of jsonl, csv, parquet, plover"),
    ],
)
def test_unknown_story_or_format_is_one_sentence_and_exit_1(
    db: str, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = cli("export", "--db", db, "--out", str(tmp_path / "out"), *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"pourparler: {message}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_an_out_path_that_is_a_file_is_refused(db: str, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("notes", encoding="utf-8")
    result = cli("export", "--db", db, "--out", str(tmp_path / "taken"))
    assert result.exit_code == 1
    assert "is a file; give a folder" in result.stderr
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "notes"


def test_a_failed_write_leaves_the_earlier_file_and_no_temporary_one(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    assert write_jsonl(path, [{"id": "a"}]) == 1

    def failing() -> Iterator[dict[str, Any]]:
        yield {"id": "b"}
        raise RuntimeError("disk gone")

    for fmt in ("jsonl", "csv", "parquet"):
        with pytest.raises(RuntimeError), TableWriter(path, "events", fmt) as writer:
            writer.write(failing())
    assert read_jsonl(path) == [{"id": "a"}]
    assert [p.name for p in tmp_path.iterdir()] == ["events.jsonl"]
