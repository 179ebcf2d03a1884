"""`pourparler spark`: the batch job on a local Spark (local[2]) writes the rows `pourparler batch` writes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from batch_corpus import ARTICLES, TABLES, parquet_rows, sorted_rows, write_jsonl, write_warc

EXE = [sys.executable, "-m", "pourparler"]


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_COLOR": "1", **env}
    return subprocess.run(
        [*EXE, *args], cwd=cwd, capture_output=True, text=True, env=environment, timeout=600
    )


@pytest.mark.slow
def test_spark_writes_the_rows_batch_writes(tmp_path):
    required = os.environ.get("POURPARLER_REQUIRE_SPARK") == "1"  # CI runs it, never skips it
    if required:
        import pyspark  # noqa: F401
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        if required:
            pytest.fail("Spark needs Java and POURPARLER_REQUIRE_SPARK=1 is set")
        pytest.skip("Spark needs Java")
    jsonl = write_jsonl(tmp_path / "export.jsonl", ARTICLES[5:9])
    with jsonl.open("a", encoding="utf-8") as stream:
        stream.write("[1, 2]\n")  # a line that is not an article: a failure in both jobs
    warc = write_warc(tmp_path / "crawl.warc.gz", ARTICLES[10:14])
    sources = [jsonl.name, warc.name]

    batch = run(["batch", *sources, "--out", "batch"], tmp_path)
    assert batch.returncode == 1, batch.stderr
    spark = run(["spark", *sources, "--out", "spark", "--master", "local[2]"], tmp_path)
    assert spark.returncode == 1, spark.stderr
    assert "pourparler: export.jsonl:5: line 5 is not a JSON object" in spark.stderr.splitlines()
    assert "8 documents, 1 failed, from 2 input files" in spark.stderr

    for table in TABLES:
        from_spark = sorted_rows(parquet_rows(tmp_path / "spark" / "parquet" / table))
        from_batch = sorted_rows(parquet_rows(tmp_path / "batch" / "parquet" / table))
        assert from_spark == from_batch, table
        assert from_batch or table == "quotes", f"no {table} rows to compare"
    spark_failures = [
        json.loads(line)
        for path in (tmp_path / "spark" / "failures").glob("part-*.json")
        for line in path.open()
    ]
    batch_failures = [
        json.loads(line) for path in (tmp_path / "batch" / "failures").glob("*.jsonl") for line in path.open()
    ]
    assert (
        spark_failures
        == batch_failures
        == [{"source": "export.jsonl:5", "reason": "line 5 is not a JSON object"}]
    )


def test_without_pyspark_the_command_says_how_to_install_it(tmp_path):
    blocked = tmp_path / "blocked" / "pyspark"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text('raise ImportError("pyspark is not installed")\n')
    (tmp_path / "a.txt").write_text("Talks resumed in Doha on Monday.\n")
    result = run(["spark", "a.txt", "--out", "out"], tmp_path, PYTHONPATH=str(tmp_path / "blocked"))
    assert result.returncode == 2
    assert result.stderr.strip() == "pourparler: PySpark is not installed; pip install 'pourparler[spark]'"
