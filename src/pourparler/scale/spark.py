"""The batch job on Spark, in the style of cc-pyspark: every input file is a partition of its own.

The driver lists the input files (a folder expands to its files, see `ingest.input_files`) and makes one
partition of each; a partition reads its file with the usual readers and runs `batch.process`, the
per-document step `pourparler batch` runs, on each article, loading the pipeline once per Python worker.
Rows are written as Parquet with the columns of `tables.COLUMNS`, one folder per table, in the layout of
a batch output (`parquet/<table>/`); failures go to `failures/` as JSON lines.

    pourparler spark crawl/*.warc.gz --out out/ --master local[4]
    job=$(python -c 'import pourparler.scale.spark as m; print(m.__file__)')
    spark-submit --master spark://host:7077 "$job" /shared/crawl/ --out /shared/out/
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from pourparler.errors import PourparlerError
from pourparler.ingest import ReadOptions, input_files, read_sources
from pourparler.model import Failure
from pourparler.scale.batch import batch_manifest, process
from pourparler.tables import COLUMNS, DOCUMENT_TABLES

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType
    from rich.console import Console

FAILURES = "failures"
# A local job starts fast and small (the JVM only moves rows; the work is in Python, so its quick
# compiler is enough); a cluster keeps the settings its administrators gave it.
LOCAL_SETTINGS = {
    "spark.ui.enabled": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.driver.memory": "1g",
    "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
}
QUIET = {"spark.ui.showConsoleProgress": "false"}


def run_spark(
    sources: Sequence[str],
    out: str | Path,
    *,
    master: str | None = None,
    published: str | None = None,
    profile_dirs: tuple[Path, ...] = (),
    options: ReadOptions | None = None,
    console: Console | None = None,
) -> int:
    """Analyse every input on Spark into `out` (a folder, or a URL Spark writes to); the number of inputs
    that failed. `master` is a Spark master URL; without one, the master spark-submit was given, else
    local[*]."""
    try:
        from pyspark import StorageLevel
    except ImportError:
        raise PourparlerError("PySpark is not installed; pip install 'pourparler[spark]'") from None
    from rich.console import Console

    console = console or Console(stderr=True)
    paths: list[str] = []
    failures: list[Failure] = []
    for source in input_files(sources):
        if isinstance(source, Failure):
            failures.append(source)
        elif source == "-":
            failures.append(Failure(source, "Spark workers cannot read standard input; save it to a file"))
        else:
            paths.append(source)
    if "://" not in str(out) and batch_manifest(out) is not None:
        raise PourparlerError(f"{out} holds the output of `pourparler batch`; choose another --out")
    spark = _session(master)
    try:
        pairs = spark.sparkContext.parallelize(paths, max(len(paths), 1)).mapPartitions(
            partial(
                analyse_partition,
                options=options or ReadOptions(),
                published=published,
                profile_dirs=profile_dirs,
            )
        )
        # Python runs once, in the partitions; splitting the rows into tables happens in the JVM.
        found = spark.createDataFrame(pairs, "table string, row string").persist(StorageLevel.MEMORY_AND_DISK)
        for table in DOCUMENT_TABLES:
            _rows(found, table, spark_schema(table)).write.mode("overwrite").parquet(f"{out}/parquet/{table}")
        documents = found.where(found.table == "documents").count()
        failures += [
            Failure(row.source, row.reason) for row in _rows(found, FAILURES, _failure_schema()).collect()
        ]
        failure_rows = [(f.source, f.reason) for f in failures]
        frame = spark.createDataFrame(failure_rows, _failure_schema()).coalesce(1)
        frame.write.mode("overwrite").json(f"{out}/{FAILURES}")
    except Exception as exc:
        raise _job_failed(exc) from exc
    finally:
        spark.stop()
    for failure in failures:
        console.print(f"pourparler: {failure}", markup=False, highlight=False, soft_wrap=True)
    console.print(
        f"{documents} documents, {len(failures)} failed, from {len(paths)} input files in {out}",
        highlight=False,
        soft_wrap=True,
    )
    return len(failures)


def analyse_partition(
    paths: Iterable[str], *, options: ReadOptions, published: str | None, profile_dirs: tuple[Path, ...]
) -> Iterator[tuple[str, str]]:
    """One partition's work (cc-pyspark's loop over records): each path read with the usual readers, each
    article through `batch.process`; yields (table, the row as JSON) for every row and every failure."""
    from pourparler.nlp import pipeline

    pipeline()  # once per Python worker: the loaded pipeline stays for the worker's next partitions
    for path in paths:
        for item in read_sources([path], options):
            outcome = process(item, published=published, profile_dirs=profile_dirs)
            if outcome.failure is not None:
                failure = {"source": outcome.failure.source, "reason": outcome.failure.reason}
                yield FAILURES, json.dumps(failure, ensure_ascii=False)
            for table, rows in outcome.rows.items():
                for row in rows:
                    yield table, json.dumps(row, ensure_ascii=False)


def spark_schema(table: str) -> StructType:
    """The Spark schema of a table of `tables.COLUMNS`, the same as its Parquet schema in a batch output."""
    from pyspark.sql.types import (
        ArrayType,
        BooleanType,
        DoubleType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    types = {
        "str": StringType(),
        "int": LongType(),
        "float": DoubleType(),
        "bool": BooleanType(),
        "list": ArrayType(StringType()),
    }
    return StructType([StructField(column, types[kind]) for column, kind in COLUMNS[table].items()])


def _failure_schema() -> StructType:
    from pyspark.sql.types import StringType, StructField, StructType

    return StructType([StructField("source", StringType()), StructField("reason", StringType())])


def _rows(found: DataFrame, table: str, schema: StructType) -> DataFrame:
    """The rows of one table, parsed from their JSON into the table's columns."""
    from pyspark.sql.functions import from_json

    parsed = found.where(found.table == table).select(from_json(found.row, schema).alias("row"))
    return parsed.select("row.*")


def _session(master: str | None) -> SparkSession:
    from pyspark.sql import SparkSession

    # Workers run this Python, which has spaCy and its model; PYSPARK_PYTHON set by the user wins.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    launched_by_spark_submit = "PYSPARK_GATEWAY_PORT" in os.environ
    if master is None and not launched_by_spark_submit:
        master = "local[*]"
    builder = SparkSession.builder.appName("pourparler")
    for key, value in QUIET.items():
        builder = builder.config(key, value)
    if master is not None:
        builder = builder.master(master)
        if master.startswith("local"):
            for key, value in LOCAL_SETTINGS.items():
                builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:
        raise PourparlerError(
            f"cannot start Spark ({type(exc).__name__}); it needs Java 17 or later, on the PATH "
            "or in JAVA_HOME"
        ) from exc
    spark.sparkContext.setLogLevel("WARN")
    return spark


_PYTHON_ERROR = re.compile(r"^(?:[\w.]+\.)?(\w+(?:Error|Exception)): (.+)$", re.MULTILINE)


def _job_failed(error: Exception) -> PourparlerError:
    """The Spark job's failure in one sentence: the error a worker raised, if it says one."""
    text = str(error)
    ours = re.search(r"PourparlerError: (.+)", text)
    if ours:
        return PourparlerError(ours.group(1).strip())
    found = _PYTHON_ERROR.findall(text)
    kind, message = (
        found[-1] if found else (type(error).__name__, text.strip().splitlines()[0] if text else "")
    )
    return PourparlerError(f"the Spark job failed ({kind}: {message.strip()}); run with --debug for details")


if __name__ == "__main__":  # spark-submit .../pourparler/scale/spark.py INPUT... --out DIR
    from pourparler.cli import main

    sys.argv[1:1] = ["spark"]
    main()
