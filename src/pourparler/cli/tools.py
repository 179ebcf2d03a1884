"""Commands for data users and other tools: export, serve, batch, spark, eval."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from pourparler.cli.shared import (
    AllowPrivate,
    Db,
    MaxMb,
    ProfileDirs,
    PublishedOpt,
    Sources,
    StoryOpt,
    bad_input_exits,
    iso_date,
    read_options,
    report_failure,
    rich_console,
)
from pourparler.errors import BadInput as BadInputError

app = typer.Typer()

OutDir = Annotated[Path, typer.Option("--out", help="The output folder (created if missing).")]


@app.command("export")
def export_command(
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl, csv, parquet, or plover (PLOVER-style event records).")
    ] = "jsonl",
    out: OutDir = Path("export"),
    db: Db = None,
    story: StoryOpt = None,
) -> None:
    """Write the stored documents, quotes, events, positions and timeline as files for data work."""
    from pourparler.export import FORMATS, export
    from pourparler.store import Store

    with bad_input_exits():
        if fmt not in FORMATS:
            raise BadInputError(f"--format {fmt!r} is not known; use one of {', '.join(FORMATS)}")
        with Store(db) as store:
            written = export(store, out, fmt, story=story)
    for path, rows in written.items():
        rich_console().print(f"{rows:>7} rows  {path}", highlight=False)


@app.command("serve")
def serve_command(
    db: Db = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    profiles: ProfileDirs = None,
) -> None:
    """The web app and HTTP API on the store (API docs at /docs); $POURPARLER_TOKEN guards changes."""
    from pourparler.web import serve

    serve(db, host=host, port=port, profile_dirs=tuple(profiles or ()))


@app.command("batch")
def batch_command(
    sources: Sources,
    out: OutDir,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes to analyse with.")] = 1,
    published: PublishedOpt = None,
    allow_private: AllowPrivate = False,
    max_mb: MaxMb = 20.0,
    profiles: ProfileDirs = None,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Replace an earlier batch output in --out instead of resuming it.")
    ] = False,
    chunk_size: Annotated[
        int | None,
        typer.Option(
            "--chunk-size", min=1, help="Articles per output file, and per step of resuming [default: 25]."
        ),
    ] = None,
) -> None:
    """Analyse many articles with N processes into Parquet and JSONL files; resumes where it stopped."""
    from pourparler.scale.batch import DEFAULT_CHUNK_SIZE, run_batch

    try:
        failed = run_batch(
            sources,
            out,
            workers=workers,
            options=read_options(allow_private, max_mb),
            published=iso_date(published),
            profile_dirs=tuple(profiles or ()),
            console=rich_console(stderr=True),
            fresh=fresh,
            chunk_size=chunk_size or DEFAULT_CHUNK_SIZE,
        )
    except KeyboardInterrupt:
        report_failure("interrupted; the chunks written so far stay; run the same command again to resume")
        raise typer.Exit(130) from None
    if failed:
        raise typer.Exit(1)


@app.command("spark")
def spark_command(
    sources: Sources,
    out: Annotated[
        str, typer.Option("--out", help="The output folder, or a URL Spark writes to (hdfs://, s3a://).")
    ],
    master: Annotated[
        str | None,
        typer.Option(
            "--master", help="Spark master URL [default: the one spark-submit gives, else local[*]]."
        ),
    ] = None,
    published: PublishedOpt = None,
    allow_private: AllowPrivate = False,
    max_mb: MaxMb = 20.0,
    profiles: ProfileDirs = None,
) -> None:
    """The batch job on Spark (pip install 'pourparler\\[spark]'): each input file becomes a partition."""
    from pourparler.scale.spark import run_spark

    failed = run_spark(
        sources,
        out,
        master=master,
        published=iso_date(published),
        profile_dirs=tuple(profiles or ()),
        options=read_options(allow_private, max_mb),
        console=rich_console(stderr=True),
    )
    if failed:
        raise typer.Exit(1)


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Folder of gold articles (NAME.txt + NAME.yaml).")] = Path(
        "tests/gold"
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    totals: Annotated[
        bool, typer.Option("--totals", help="Only the scores, not the items missed (for a blind set).")
    ] = False,
) -> None:
    """Score pourparler against annotated articles: precision, recall and F1 per component."""
    from pourparler.evaluate import evaluate_folder, render_scores, without_errors

    scores = evaluate_folder(gold)
    if totals:
        scores = without_errors(scores)
    if as_json:
        sys.stdout.write(json.dumps(scores, indent=1) + "\n")
    else:
        render_scores(rich_console(), scores, errors=not totals)
