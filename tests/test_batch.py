"""`pourparler batch`: folders, JSONL and WARC inputs through N processes into Parquet and JSONL files,
bad input reported and recorded, interrupted runs resumed, and the output loaded into the store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from batch_corpus import make_corpus, parquet_rows, tables
from pourparler.ingest import input_files, read_sources
from pourparler.scale.batch import MANIFEST
from pourparler.store import Store
from pourparler.tables import DOCUMENT_TABLES, document_rows

EXE = [sys.executable, "-m", "pourparler"]
CHUNK = "2"  # 15 articles and 2 failures: 9 chunks, so that a run can be stopped half way
DOCUMENTS = 15

pytestmark = pytest.mark.slow


def command(sources: list[str], out: Path, *extra: str) -> list[str]:
    return [*EXE, "batch", *sources, "--out", str(out), "--chunk-size", CHUNK, *extra]


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "POURPARLER_DB": str(cwd / "store.db")}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """Fifteen articles in a folder, a JSONL (with one broken line) and a WARC, and a PDF that is not one."""
    top = tmp_path_factory.mktemp("corpus")
    folder, jsonl, warc = make_corpus(top)
    with Path(jsonl).open("a", encoding="utf-8") as stream:
        stream.write("{not json\n")
    bad = top / "minutes.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    return top, [folder, str(bad), jsonl, warc]


@pytest.fixture(scope="module")
def reference(corpus: tuple[Path, list[str]]) -> tuple[subprocess.CompletedProcess[str], Path]:
    """One uninterrupted run with one process: what every other run must write."""
    top, sources = corpus
    out = top / "reference"
    return run(command(sources, out), top), out


def contents(out: Path) -> dict[str, Any]:
    """Every file of an output folder: rows for Parquet, text for the rest (markers and manifest included)."""
    found: dict[str, Any] = {}
    for path in sorted(out.rglob("*")):
        if path.is_file():
            key = str(path.relative_to(out))
            found[key] = _rows(path) if path.suffix == ".parquet" else path.read_text()
    return found


def _rows(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def test_bad_input_gets_one_line_and_the_rest_is_written(reference, corpus):
    result, out = reference
    top, _ = corpus
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if "minutes.pdf" in line]
    assert len(lines) == 1 and lines[0].startswith("pourparler: ") and "minutes.pdf:" in lines[0]
    assert any(
        line.startswith("pourparler: ") and "export.jsonl:6" in line for line in result.stderr.splitlines()
    )
    assert f"{DOCUMENTS} documents, 2 failed" in result.stderr
    failures = [
        json.loads(line) for path in sorted((out / "failures").glob("*.jsonl")) for line in path.open()
    ]
    assert sorted(f["source"] for f in failures) == sorted(
        [str(top / "minutes.pdf"), f"{top / 'export.jsonl'}:6"]
    )
    documents = tables(out)["documents"]
    assert len(documents) == DOCUMENTS
    assert {d["source"].split("/")[-1].split(":")[0].split("#")[0] for d in documents} == {
        *(f"article-{n:02d}.txt" for n in range(1, 6)),
        "export.jsonl",
        "crawl.warc.gz",
    }
    assert json.loads((out / MANIFEST).read_text())["complete"] is True


def test_parquet_jsonl_and_records_agree(reference):
    _, out = reference
    records = [json.loads(line) for path in sorted((out / "records").glob("*.jsonl")) for line in path.open()]
    assert len(records) == DOCUMENTS
    from_records = {
        table: [row for r in records for row in document_rows(r)[table]] for table in DOCUMENT_TABLES
    }
    for table in DOCUMENT_TABLES:
        in_parquet = parquet_rows(out / "parquet" / table)
        in_jsonl = [
            json.loads(line)
            for path in sorted((out / "jsonl" / table).glob("*.jsonl"))
            for line in path.open()
        ]
        assert in_parquet == in_jsonl == from_records[table], table
    assert tables(out)["positions"], "the articles state positions"
    assert tables(out)["quotes"] and tables(out)["events"]


def test_two_workers_write_what_one_writes(reference, corpus, tmp_path):
    _, expected = reference
    top, sources = corpus
    out = tmp_path / "two"
    result = run(command(sources, out, "--workers", "2"), top)
    assert result.returncode == 1, result.stderr
    assert contents(out) == contents(expected)


def test_an_interrupted_run_resumes_to_the_same_output(reference, corpus, tmp_path):
    _, expected = reference
    top, sources = corpus
    out = tmp_path / "interrupted"
    args = command(sources, out, "--workers", "2")
    env = {**os.environ, "NO_COLOR": "1"}
    process = subprocess.Popen(
        args, cwd=top, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 240
        while not list((out / "_chunks").glob("part-*.json")):
            assert process.poll() is None, "the run ended before writing a chunk"
            assert time.monotonic() < deadline, "no chunk written in time"
            time.sleep(0.02)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the run and its workers, as a power cut would
        process.wait()
    markers = {path.name: path.stat().st_mtime_ns for path in (out / "_chunks").glob("part-*.json")}
    total = len(list((expected / "_chunks").glob("part-*.json")))
    assert 1 <= len(markers) < total

    result = run(args, top)
    assert result.returncode == 1, result.stderr
    assert "resumed" in result.stderr
    assert contents(out) == contents(expected)
    # the chunks done before the interruption were not done again
    assert {name: (out / "_chunks" / name).stat().st_mtime_ns for name in markers} == markers
    assert not list(out.rglob(".*.tmp"))


def test_the_same_command_again_has_nothing_to_do(reference, corpus):
    _, out = reference
    top, sources = corpus
    before = {path: path.stat().st_mtime_ns for path in out.rglob("*.parquet")}
    again = run(command(sources, out), top)
    assert again.returncode == 1  # the failures of the run it completes still count
    assert f"{DOCUMENTS} documents, 2 failed" in again.stderr and "(this run: 0 documents" in again.stderr
    assert {path: path.stat().st_mtime_ns for path in out.rglob("*.parquet")} == before


def test_other_inputs_are_refused_unless_fresh(tmp_path):
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    first.write_bytes(bytes(range(256)) * 4)
    second.write_bytes(bytes(range(255, -1, -1)) * 4)
    out = tmp_path / "out"
    assert run(command([str(first)], out), tmp_path).returncode == 1

    refused = run(command([str(second)], out), tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.strip().count("\n") == 0 and "another batch run" in refused.stderr
    assert "--fresh" in refused.stderr

    fresh = run(command([str(second)], out, "--fresh"), tmp_path)
    assert fresh.returncode == 1, fresh.stderr
    failures = [json.loads(line) for path in (out / "failures").glob("*.jsonl") for line in path.open()]
    assert [f["source"] for f in failures] == [str(second)]

    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "notes.txt").write_text("mine")
    taken = run(command([str(first)], tmp_path / "elsewhere", "--fresh"), tmp_path)
    assert taken.returncode == 2 and "not empty" in taken.stderr
    assert (tmp_path / "elsewhere" / "notes.txt").read_text() == "mine"


def test_ingest_loads_a_batch_output_without_analysing_again(reference, tmp_path):
    _, out = reference
    db = tmp_path / "store.db"
    result = run([*EXE, "ingest", str(out), "--db", str(db)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"{DOCUMENTS} stored, 0 already known, 0 failed" in result.stderr
    records = [json.loads(line) for path in sorted((out / "records").glob("*.jsonl")) for line in path.open()]
    with Store(str(db)) as store:
        stored = store.analyses()
        assert store.count() == DOCUMENTS
        assert store.get(records[0]["document"]["id"]).body == records[0]["document"]["body"]
    assert len(stored) == DOCUMENTS and all(r["story"] for r in stored)
    positions = sorted(p["id"] for r in stored for p in r["positions"])
    assert positions and positions == sorted(p["id"] for r in records for p in r["positions"])

    again = run([*EXE, "ingest", str(out), "--db", str(db)], tmp_path)
    assert again.returncode == 0 and f"0 stored, {DOCUMENTS} already known" in again.stderr


def test_input_files_read_what_the_sources_read(corpus):
    _, sources = corpus
    split = [
        item
        for source in input_files(sources)
        for item in ([source] if not isinstance(source, str) else read_sources([source]))
    ]
    assert split == list(read_sources(sources))
