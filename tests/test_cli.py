"""End to end through the installed `pourparler` command: analyze, ingest, list, eval, bad input."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCHEMA = SHARED / "analysis.schema.json"
EXE = [sys.executable, "-m", "pourparler"]

ARTICLE = """\
Dockworkers reject contract as strike deadline nears
By Ana Ruiz
The International Longshoremen's Association on Tuesday rejected the latest offer from port employers, union leaders said.
"We are not going to accept automation that takes our jobs," the union's president said.
3 View gallery
(Photo: AP)
Follow Harbor Times on Facebook | Twitter
"""


def run(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "POURPARLER_DB": str(cwd / "store.db")}
    return subprocess.run(
        [*EXE, *args],
        cwd=cwd,
        input=stdin.decode() if stdin else None,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "ila.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_help_is_fast():
    started = time.perf_counter()
    result = subprocess.run([*EXE, "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "analyze" in result.stdout
    assert time.perf_counter() - started < 2.0


def test_analyze_json_follows_the_contract(tmp_path, article):
    result = run("analyze", str(article), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    jsonschema.validate(record, json.loads(SCHEMA.read_text()))
    (doc,) = record["documents"]
    assert doc["source"] == str(article)
    assert doc["title"] == "Dockworkers reject contract as strike deadline nears"
    assert doc["byline"] == ["Ana Ruiz"]
    assert doc["outlet"] == "Harbor Times"
    assert {r["reason"] for r in doc["removed"]} >= {"gallery", "credit", "social", "byline"}
    assert "View gallery" not in doc["body"]
    assert not (tmp_path / "store.db").exists(), "analyze must not touch the store"


def test_ingest_is_idempotent_and_list_shows_documents(tmp_path, article):
    first = run("ingest", str(article), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "1 stored, 0 already known, 0 failed" in first.stderr
    again = run("ingest", str(article), cwd=tmp_path)
    assert "0 stored, 1 already known, 0 failed" in again.stderr
    listing = run("list", cwd=tmp_path)
    assert listing.returncode == 0
    assert "Harbor Times" in listing.stdout and "1 documents" in listing.stdout


def test_bad_inputs_each_get_one_line_and_the_rest_is_stored(tmp_path, article):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "image.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (bad / "empty.txt").write_bytes(b"")
    with open(bad / "huge.txt", "wb") as f:
        f.truncate(50_000_000)
    (bad / "latin1.txt").write_bytes(
        ARTICLE.replace("leaders said", "leaders said in Bahía Blanca").encode("cp1252")
    )
    (bad / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (bad / "feed.jsonl").write_text(
        json.dumps({"text": ARTICLE.replace("Tuesday", "Monday"), "outlet": "Harbor Times"}) + "\n{not json\n"
    )
    (bad / "cut.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n")[:25])
    urls = ["http://127.0.0.1:9/private", "http://unreachable.invalid/article"]
    result = run("ingest", str(article), str(bad), *urls, cwd=tmp_path)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("pourparler: ")]
    names = ("image.bin", "empty.txt", "huge.txt", "nav.html", "feed.jsonl:2", "cut.warc.gz", *urls)
    for name in names:
        assert sum(name in line for line in errors) == 1, (name, result.stderr)
    assert len(errors) == len(names), result.stderr
    assert "3 stored, 0 already known, 8 failed" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_stdin_is_read(tmp_path):
    result = run("analyze", "-", "--json", cwd=tmp_path, stdin=ARTICLE.encode())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["documents"][0]["outlet"] == "Harbor Times"


def test_given_publication_date_and_bad_date_message(tmp_path, article):
    result = run("analyze", str(article), "--json", "--published", "2024-09-30", cwd=tmp_path)
    assert json.loads(result.stdout)["documents"][0]["published"] == {
        "date": "2024-09-30",
        "basis": "given",
        "evidence": "given by the user",
    }
    result = run("analyze", str(article), "--published", "30/09/2024", cwd=tmp_path)
    assert result.returncode == 2
    assert (
        result.stderr.strip() == "pourparler: --published '30/09/2024' is not a date; write it as YYYY-MM-DD"
    )


def test_eval_scores_the_gold_set_above_floors(tmp_path):
    result = run("eval", str(ROOT / "tests" / "gold"), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    cleaning, extraction = scores["cleaning"], scores["extraction"]
    # Floors set from the measured figures (see README, "Evaluation"), a little below them; the
    # quote, speaker and time floors are the project's targets.
    assert cleaning["boilerplate"]["precision"] >= 0.98
    assert cleaning["boilerplate"]["recall"] >= 0.85
    assert cleaning["metadata"]["title"] >= 0.9
    assert cleaning["published"]["precision"] >= 0.8
    assert extraction["quotes"]["f1"] >= 0.90
    assert extraction["speakers"]["accuracy"] >= 0.95
    assert extraction["time_values"]["accuracy"] >= 0.95
    assert extraction["times"]["recall"] >= 0.90
    # Floors a little below the measured type accuracy and position F1 (targets 0.85, both met).
    assert extraction["event_types"]["accuracy"] >= 0.85
    assert extraction["events"]["precision"] >= 0.60
    assert extraction["positions"]["f1"] >= 0.84
    assert extraction["actors"]["recall"] >= 0.85


def test_eval_totals_show_the_scores_of_a_blind_set_but_none_of_its_items(tmp_path):
    blind = tmp_path / "blind"
    blind.mkdir()
    for path in sorted((ROOT / "tests" / "gold").glob("a01_*")):
        shutil.copy(path, blind / path.name)

    def mentions_errors(value: object) -> bool:
        if isinstance(value, dict):
            return any(k == "errors" or mentions_errors(v) for k, v in value.items())
        return False

    full = json.loads(run("eval", str(blind), "--json", cwd=tmp_path).stdout)
    totals = run("eval", str(blind), "--json", "--totals", cwd=tmp_path)
    assert totals.returncode == 0, totals.stderr
    scores = json.loads(totals.stdout)
    assert mentions_errors(full) and not mentions_errors(scores)
    assert scores["extraction"]["positions"]["tp"] == full["extraction"]["positions"]["tp"]
    table = run("eval", str(blind), "--totals", cwd=tmp_path).stdout
    assert "positions" in table and "a01_" not in table


def test_the_seed_checks_of_this_stage_pass():
    checks = SHARED / "checks" / "seeds.py"
    if not checks.exists():
        pytest.skip("../shared is not beside the repository")
    result = subprocess.run(
        [sys.executable, str(checks)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"},
    )
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    owned = (
        "output matches",
        "both seeds analysed",
        "ynet body",
        "ynet removed",
        "ynet title",
        "ynet outlet",
        "caliber byline",
        "caliber outlet",
        "publication date",
        "valid offsets",
        "'on Thursday'",
        "'Tuesday'",
        "'July 24'",
        "'Hamas has not responded'",
        "'If there is a change'",
        "'It all depends on Trump'",
        "'We will bring them back'",
        "'So far, Hamas continues'",
        "'Talks are continuing'",
        "'We are assuming'",
        "indirect quotes",
        "caliber Hamas",
        "caliber Israel offers",
        "20 and 10",
        "ynet Hamas demands",
        "ynet Israel rejects",
        "two distinct delegation withdrawals",
    )
    assert not [f for f in failed if any(o in f for o in owned)], result.stdout
