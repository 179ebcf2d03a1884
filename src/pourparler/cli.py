"""The `pourparler` command line; heavy modules are imported inside commands so --help is instant."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pourparler import __version__
from pourparler.errors import BadInput as BadInputError
from pourparler.errors import PourparlerError

if TYPE_CHECKING:
    from rich.console import Console

    from pourparler.ingest import ReadOptions
    from pourparler.model import Document, Failure

app = typer.Typer(
    name="pourparler",
    help="Turn news articles about negotiations and conflict into a source-attributed record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_settings = {"debug": False}

Sources = Annotated[
    list[str],
    typer.Argument(help="Files, folders, JSONL/WARC/feed files, http(s) URLs, or - for standard input."),
]
Db = Annotated[
    str | None,
    typer.Option(
        "--db", help="Store: a SQLite path or a database URL [default: $POURPARLER_DB or pourparler.db]."
    ),
]
PublishedOpt = Annotated[
    str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) to use for every input.")
]
AllowPrivate = Annotated[
    bool, typer.Option("--allow-private", help="Allow URLs on loopback, private and link-local addresses.")
]
MaxMb = Annotated[float, typer.Option("--max-mb", help="Largest input accepted, in megabytes.")]
ProfileDirs = Annotated[
    list[Path] | None,
    typer.Option(
        "--profiles",
        envvar="POURPARLER_PROFILES",
        help="A directory of negotiation profiles (YAML) to use besides the shipped ones; repeatable.",
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pourparler {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    _settings["debug"] = debug


@app.command()
def analyze(
    sources: Sources,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole record as JSON.")] = False,
    published: PublishedOpt = None,
    allow_private: AllowPrivate = False,
    max_mb: MaxMb = 20.0,
    profiles: ProfileDirs = None,
) -> None:
    """Analyse articles and print the record, without touching the store."""
    from pourparler.model import Document
    from pourparler.pipeline import analyse, documents

    docs: list[Document] = []
    failed = 0
    for item in documents(
        sources,
        _read_options(allow_private, max_mb),
        published=_iso_date(published),
        strict=_settings["debug"],
    ):
        if isinstance(item, Document):
            docs.append(item)
        else:
            failed += 1
            _report_failure(str(item))
    record = analyse(docs, tuple(profiles or ()))
    if as_json:
        sys.stdout.write(json.dumps(record.to_json(), ensure_ascii=False, indent=1) + "\n")
    else:
        console = _console()
        data = record.to_json()
        for doc in record.documents:
            _print_summary(console, doc)
            _print_quotes(console, doc.id, data)
            _print_negotiation(console, doc.id, data)
    if failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    sources: Sources,
    db: Db = None,
    published: PublishedOpt = None,
    allow_private: AllowPrivate = False,
    max_mb: MaxMb = 20.0,
    profiles: ProfileDirs = None,
) -> None:
    """Clean, analyse and store articles, each joining a story; one transaction per article, stored once.

    A folder written by `pourparler batch` is loaded as it is, without analysing its articles again."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from pourparler.model import Document
    from pourparler.store import Store

    dirs = tuple(profiles or ())
    labels = _profile_labels(dirs)

    counts = {"stored": 0, "known": 0, "failed": 0, "unanalysed": 0}
    started = time.perf_counter()
    with (
        Store(db) as store,
        Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingesting[/]"),
            BarColumn(bar_width=None),
            TextColumn(
                "{task.fields[stored]} stored · {task.fields[known]} known · {task.fields[failed]} failed"
            ),
            TimeElapsedColumn(),
            console=_console(stderr=True),
            transient=True,
        ) as progress,
    ):
        task = progress.add_task("ingest", total=None, stored=0, known=0, failed=0)
        for item in _ingest_items(
            sources,
            _read_options(allow_private, max_mb),
            _iso_date(published),
            lambda line: progress.console.print(line, markup=False, highlight=False, soft_wrap=True),
        ):
            if isinstance(item, tuple):
                document, part = item
                counts["stored" if store.add(document, part, labels) else "known"] += 1
            elif isinstance(item, Document):
                outcome, problem = _ingest_one(store, item, dirs, labels)
                counts[outcome] += 1
                if problem:
                    progress.console.print(
                        f"pourparler: {problem}", markup=False, highlight=False, soft_wrap=True
                    )
            else:
                counts["failed"] += 1
                progress.console.print(f"pourparler: {item}", markup=False, highlight=False, soft_wrap=True)
            progress.update(
                task,
                advance=1,
                stored=counts["stored"],
                known=counts["known"],
                failed=counts["failed"] + counts["unanalysed"],
            )
    elapsed = time.perf_counter() - started
    counts["failed"] += counts.pop("unanalysed")
    total = sum(counts.values())
    _console(stderr=True).print(
        f"{counts['stored']} stored, {counts['known']} already known, {counts['failed']} failed "
        f"({total} inputs in {elapsed:.1f} s)",
        highlight=False,
        soft_wrap=True,
    )
    if counts["failed"]:
        raise typer.Exit(1)


@app.command("list")
def list_documents(
    db: Db = None,
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many documents.")] = 100,
) -> None:
    """List stored documents: outlet, publication date and how it is known, title, words."""
    from rich.table import Table

    from pourparler.store import Store

    with Store(db) as store:
        rows = store.documents(limit=limit)
        total = store.count()
    table = Table(title=f"{total} documents" + (f" (newest {len(rows)})" if total > len(rows) else ""))
    table.add_column("id", no_wrap=True, min_width=8)
    table.add_column("outlet", no_wrap=True, max_width=16, overflow="ellipsis")
    table.add_column("published", no_wrap=True, min_width=10)
    table.add_column("basis", no_wrap=True, min_width=8)
    table.add_column("title", overflow="fold")
    table.add_column("words", justify="right", no_wrap=True, min_width=5)
    for row in rows:
        table.add_row(
            row.id[:8],
            row.outlet or "–",
            row.published_date or "–",
            row.published_basis,
            _shorten(row.title or "–", 70),
            str(row.words),
        )
    _console().print(table)


def _ingest_items(
    sources: list[str], options: ReadOptions, published: str | None, note: Callable[[str], None]
) -> Iterator[Document | Failure | tuple[Document, dict[str, Any]]]:
    """What `ingest` stores, in the order of the sources: articles to analyse (or the failure to read one),
    and the documents of a batch output folder with their records, analysed already."""
    from pourparler.model import Document
    from pourparler.pipeline import documents
    from pourparler.scale.batch import batch_manifest, batch_records

    articles: list[str] = []
    for source in sources:
        manifest = batch_manifest(source)
        if manifest is None:
            articles.append(source)
            continue
        yield from documents(articles, options, published=published, strict=_settings["debug"])
        articles = []
        if not manifest.get("complete"):
            note(f"pourparler: {source}: the batch run has not finished; loading the part it has written")
        for record in batch_records(source):
            yield Document.from_json(record["document"]), record
    yield from documents(articles, options, published=published, strict=_settings["debug"])


def _ingest_one(
    store: Any, document: Document, dirs: tuple[Path, ...], labels: dict[str, str]
) -> tuple[str, str | None]:
    """Analyse and store one document: "stored", "known", or "unanalysed" (stored without an analysis,
    so a later ingest retries it) with the reason."""
    from pourparler.pipeline import analyse_one

    if store.status(document.id) == "analysed":
        return "known", None
    try:
        part = analyse_one(document, dirs)
    except PourparlerError:
        raise  # the model or the profiles are missing: every document would fail the same way
    except Exception as exc:  # one broken article must not stop a batch
        if _settings["debug"]:
            raise
        store.add(document)
        reason = f"{document.source}: stored but could not be analysed ({type(exc).__name__}: {exc})"
        return "unanalysed", reason + "; please report this"
    return ("stored" if store.add(document, part, labels) else "known"), None


def _profile_labels(dirs: tuple[Path, ...]) -> dict[str, str]:
    from pourparler.knowledge.negotiation import profiles

    return {p.id: p.label for p in profiles(dirs)}


# -- across documents: stories, timeline, positions, quotes, search ------------------------------

stories_app = typer.Typer(
    help="List stories (documents about one negotiation or event); rename or merge them.",
    invoke_without_command=True,
)
app.add_typer(stories_app, name="stories")

StoryOpt = Annotated[str | None, typer.Option("--story", help="Only this story (an id from `stories`).")]
StoryArg = Annotated[str, typer.Argument(help="A story id, as `pourparler stories` lists it.")]


@stories_app.callback()
def stories(ctx: typer.Context, db: Db = None) -> None:
    """List stories: id, label, documents, outlets and the dates they span."""
    if ctx.invoked_subcommand:
        return
    from rich.table import Table

    from pourparler.store import Store

    with Store(db) as store:
        rows = store.stories()
        waiting = store.unanalysed()
    table = Table(title=f"{len(rows)} stories")
    table.add_column("id", no_wrap=True)
    table.add_column("label", overflow="fold")
    table.add_column("docs", justify="right", no_wrap=True)
    table.add_column("outlets", overflow="fold")
    table.add_column("dates", no_wrap=True)
    for row in rows:
        dates = row.first or "–"
        if row.last and row.last != row.first:
            dates += f" – {row.last}"
        table.add_row(
            row.id, _escape(row.label), str(row.documents), _escape(", ".join(row.outlets) or "–"), dates
        )
    console = _console()
    console.print(table)
    if waiting:
        console.print(
            f"{waiting} stored documents have no analysis yet (stored by an older pourparler); "
            "ingest them again to add them to stories",
            highlight=False,
        )


@stories_app.command("rename")
def stories_rename(
    story: StoryArg,
    label: Annotated[str, typer.Argument(help="The new label; kept as documents join.")],
    db: Db = None,
) -> None:
    """Give a story your own label."""
    from pourparler.store import Store

    with _bad_input_exits(), Store(db) as store:
        store.rename_story(story, label)
        found, shown = store.story_label(story)
    _console().print(f"{found} is now {_escape(shown)!r}", highlight=False)


@stories_app.command("merge")
def stories_merge(
    keep: StoryArg,
    absorb: Annotated[str, typer.Argument(help="The story whose documents move into KEEP.")],
    db: Db = None,
    profiles: ProfileDirs = None,
) -> None:
    """Move every document of story ABSORB into story KEEP."""
    from pourparler.store import Store

    labels = _profile_labels(tuple(profiles or ()))
    with _bad_input_exits(), Store(db) as store:
        store.merge_stories(keep, absorb, labels)
        found, shown = store.story_label(keep)
        count = next(row.documents for row in store.stories() if row.id == found)
    _console().print(f"{found} ({_escape(shown)}) now holds {count} documents", highlight=False)


@app.command("timeline")
def timeline_command(
    db: Db = None,
    story: StoryOpt = None,
    since: Annotated[str | None, typer.Option("--since", help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY-MM-DD).")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only entries naming this actor.")] = None,
) -> None:
    """One timeline across outlets: an event or stance reported several times is one entry."""
    from rich.table import Table

    from pourparler import views
    from pourparler.store import Store

    with _bad_input_exits():
        start, end = views.date_bound("--since", since), views.date_bound("--until", until, end=True)
        with Store(db) as store:
            records = store.analyses(story)
        chosen = views.timeline_entries(records, since=start, until=end, actor=actor)
    outlets = views.outlets(records)
    table = Table(title=f"timeline: {len(chosen)} entries", expand=True)
    table.add_column("date", no_wrap=True)
    if not story:
        table.add_column("story", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("summary", ratio=3)
    table.add_column("sources", ratio=1)
    for entry in chosen:
        kind = f"{entry['kind']} · {entry.get('type') or entry.get('stance') or ''}".rstrip(" ·")
        cells = [entry["date"], *([] if story else [entry["story"] or "–"]), kind]
        sources = ", ".join(dict.fromkeys(outlets.get(d, d[:8]) for d in entry["sources"]))
        table.add_row(*cells, _escape(entry["summary"]), _escape(sources))
    _console().print(table)


@app.command("positions")
def positions_command(
    db: Db = None,
    story: StoryOpt = None,
    issue: Annotated[str | None, typer.Option("--issue", help="Only this issue (e.g. ceasefire).")] = None,
) -> None:
    """Where each party stands: per issue, each party's latest stance and figure, and the gap between them."""
    from rich.table import Table

    from pourparler import views
    from pourparler.fuse.records import name_of, value_text
    from pourparler.store import Store

    with _bad_input_exits():
        with Store(db) as store:
            records = store.analyses(story)
            labels = {row.id: row.label for row in store.stories()}
        tables = views.position_tables(records, list(labels), issue)
    names = views.names(records)
    console = _console()
    if not tables:
        console.print("no positions stored yet")
    for story_id, history in tables:
        parties = list(dict.fromkeys(p["party"] for h in history for p in h["parties"]))
        title = f"{story_id}: {labels.get(story_id or '', '')}" if story_id else "positions"
        table = Table(title=_escape(title), expand=True)
        table.add_column("issue", no_wrap=True)
        for party in parties:
            table.add_column(_escape(name_of(party, names)), ratio=1)
        table.add_column("gap", ratio=1)
        for item in history:
            latest = {p["party"]: p["steps"][-1] for p in item["parties"]}
            cells = []
            for party in parties:
                step = latest.get(party)
                if step is None:
                    cells.append("–")
                    continue
                figure = f" {value_text(step['value'])}" if step.get("value") else ""
                cells.append(_escape(f"{step['stance']}{figure} ({step['date'] or 'undated'})"))
            gaps = [
                f"{' vs '.join(name_of(a, names) for a in g['between'])}: "
                f"{value_text({'min': g['value'], 'unit': g['unit'], 'per': g['per']})}"
                + (f", {g['trend']}" if g["trend"] else "")
                for g in item["gaps"]
                if g["value"] is not None
            ]
            table.add_row(item["issue"].replace("_", " "), *cells, _escape("; ".join(gaps) or "–"))
        console.print(table)


@app.command("quotes")
def quotes_command(
    db: Db = None,
    story: StoryOpt = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Only quotes of this speaker.")] = None,
) -> None:
    """Who said what across outlets: a quote repeated by several outlets is one row with all its sources."""
    from rich.table import Table

    from pourparler import views
    from pourparler.store import Store

    with _bad_input_exits():
        with Store(db) as store:
            records = store.analyses(story)
        merged = views.quotes(records, speaker)
    names = views.names(records)
    outlets = views.outlets(records)
    table = Table(title=f"{len(merged)} quotes", expand=True)
    table.add_column("speaker", ratio=1)
    table.add_column("quote", ratio=3)
    table.add_column("sources", ratio=1)
    for quote in merged:
        who = quote["speaker_text"] or "?"
        actor = names.get(quote["speaker"] or "")
        if actor and actor.casefold() not in who.casefold():
            who += f" ({actor})"
        sources = ", ".join(dict.fromkeys(outlets.get(d, d[:8]) for d in quote["sources"]))
        table.add_row(_escape(who), _escape(_shorten(quote["text"], 300)), _escape(sources))
    _console().print(table)


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help='Words to find; "red line" in double quotes is a phrase.')],
    db: Db = None,
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many documents.")] = 20,
) -> None:
    """Full-text search of stored titles and bodies (SQLite FTS5: phrases, AND, OR, NOT, prefix*)."""
    from rich.table import Table

    from pourparler.store import Store

    with _bad_input_exits(), Store(db) as store:
        hits = store.search(query, limit=limit)
    more = f" (the best {limit}; see --limit)" if len(hits) == limit else ""
    table = Table(title=_escape(f"documents matching {query}: {len(hits)}{more}"), expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("outlet", ratio=1)
    table.add_column("title", ratio=2)
    table.add_column("snippet", ratio=4)
    for hit in hits:
        table.add_row(
            hit.id[:8], _escape(hit.outlet or "–"), _escape(hit.title or "–"), _highlight(hit.snippet)
        )
    _console().print(table)


@contextmanager
def _bad_input_exits() -> Iterator[None]:
    """A story, actor, date or query a command cannot use: one sentence on stderr and exit status 1."""
    try:
        yield
    except BadInputError as exc:
        _report_failure(str(exc))
        raise typer.Exit(1) from None


def _highlight(snippet: str) -> str:
    """A search snippet as rich markup, its matches in bold."""
    from pourparler.store import MATCH_END, MATCH_START

    parts = []
    for i, piece in enumerate(snippet.replace(MATCH_END, MATCH_START).split(MATCH_START)):
        piece = _escape(re.sub(r"\s+", " ", piece))
        parts.append(f"[bold reverse]{piece}[/]" if i % 2 else piece)
    return "".join(parts)


# -- for data users and other tools: export, serve, batch, spark ---------------------------------

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

    with _bad_input_exits():
        if fmt not in FORMATS:
            raise BadInputError(f"--format {fmt!r} is not known; use one of {', '.join(FORMATS)}")
        with Store(db) as store:
            written = export(store, out, fmt, story=story)
    for path, rows in written.items():
        _console().print(f"{rows:>7} rows  {path}", highlight=False)


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
            options=_read_options(allow_private, max_mb),
            published=_iso_date(published),
            profile_dirs=tuple(profiles or ()),
            console=_console(stderr=True),
            fresh=fresh,
            chunk_size=chunk_size or DEFAULT_CHUNK_SIZE,
        )
    except KeyboardInterrupt:
        _report_failure("interrupted; the chunks written so far stay; run the same command again to resume")
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
    """The batch job on Spark (pip install 'pourparler[spark]'): each input file becomes a partition."""
    from pourparler.scale.spark import run_spark

    failed = run_spark(
        sources,
        out,
        master=master,
        published=_iso_date(published),
        profile_dirs=tuple(profiles or ()),
        options=_read_options(allow_private, max_mb),
        console=_console(stderr=True),
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
        render_scores(_console(), scores, errors=not totals)


def _read_options(allow_private: bool, max_mb: float) -> ReadOptions:
    from pourparler.ingest import ReadOptions

    return ReadOptions(max_bytes=int(max_mb * 1_000_000), allow_private=allow_private)


def _iso_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise PourparlerError(f"--published {value!r} is not a date; write it as YYYY-MM-DD") from None


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr)


def _report_failure(message: str) -> None:
    sys.stderr.write(f"pourparler: {message}\n")


def _print_summary(console: Console, doc: Document) -> None:
    from rich.panel import Panel

    published = doc.published
    when = f"{published.date or 'unknown'} ({published.basis})"
    lines: list[Any] = [
        f"[bold]{_escape(doc.title or '(no title)')}[/]",
        _escape(doc.subtitle) if doc.subtitle else None,
        f"outlet: {_escape(doc.outlet or 'unknown')}"
        + (f" · citing {_escape(', '.join(doc.cites))}" if doc.cites else "")
        + (f" · by {_escape(', '.join(doc.byline))}" if doc.byline else ""),
        f"published: {when}" + (f" — {_escape(published.evidence)}" if published.evidence else ""),
        f"{doc.words} words in {len(doc.paragraphs)} paragraphs · "
        f"{len(doc.removed)} boilerplate lines removed",
        *(f"[yellow]warning: {_escape(w)}[/]" for w in doc.warnings),
    ]
    console.print(Panel("\n".join(x for x in lines if x), title=_escape(doc.source), title_align="left"))


def _print_quotes(console: Console, doc_id: str, data: dict[str, Any]) -> None:
    """Who said what (speaker, kind, words) and the dates the article gives, for one document."""
    from rich.table import Table

    names = {a["id"]: a["name"] for a in data["actors"]}
    quotes = [q for q in data["quotes"] if q["doc"] == doc_id]
    if quotes:
        table = Table(title="who said what", show_lines=False, expand=True)
        table.add_column("speaker", ratio=1)
        table.add_column("kind", no_wrap=True)
        table.add_column("words", ratio=3)
        for q in quotes:
            speaker = q["speaker"]
            who = speaker.get("text") or "?"
            actor = names.get(speaker.get("actor") or "")
            if actor and actor.lower() not in who.lower():
                who += f" ({actor})"
            if speaker.get("anonymous"):
                who += " · anonymous"
            text = q["text"] if len(q["text"]) <= 160 else q["text"][:157] + "…"
            table.add_row(_escape(who), q["kind"], _escape(text))
        console.print(table)
    times = [t for t in data["times"] if t["doc"] == doc_id]
    if times:
        shown = ", ".join(f"{t['text']} = {t.get('value') or t.get('duration') or '?'}" for t in times[:12])
        more = f" and {len(times) - 12} more" if len(times) > 12 else ""
        console.print(f"times: {_escape(shown)}{more}", highlight=False)


def _print_negotiation(console: Console, doc_id: str, data: dict[str, Any]) -> None:
    """Positions (party, stance, issue, value) and events (PLOVER) of one document."""
    from rich.table import Table

    names = {a["id"]: a["name"] for a in data["actors"]}
    positions = [p for p in data["positions"] if p["doc"] == doc_id]
    if positions:
        table = Table(title="positions", expand=True)
        for column in ("party", "stance", "issue", "value", "according to", "evidence"):
            table.add_column(column, ratio=3 if column == "evidence" else 1)
        for p in positions:
            table.add_row(
                _escape(names.get(p["party"], p["party"])),
                p["stance"],
                p["issue"],
                _value(p.get("value")),
                _escape(names.get(p.get("according_to") or "", p.get("according_to") or "")),
                _escape(_shorten(p["text"], 160)),
            )
        console.print(table)
    events = [e for e in data["events"] if e["doc"] == doc_id]
    if events:
        table = Table(title="events (PLOVER)", expand=True)
        for column in ("date", "type", "actors", "targets", "place", "evidence"):
            table.add_column(column, ratio=3 if column == "evidence" else 1)
        for e in events:
            flags = [f for f in ("negated", "hypothetical") if e.get(f)]
            kind = e["type"] + (f"/{e['mode']}" if e.get("mode") else "") + "".join(f" · {f}" for f in flags)
            table.add_row(
                str(e.get("date") or "?"),
                kind,
                _escape(", ".join(names.get(a, a) for a in e["actors"])),
                _escape(", ".join(names.get(a, a) for a in e["targets"])),
                _escape(e.get("location") or ""),
                _escape(_shorten(e["text"], 160)),
            )
        console.print(table)


def _value(value: dict[str, Any] | None) -> str:
    if not value or (value.get("min") is None and value.get("max") is None):
        return ""
    low, high = value.get("min"), value.get("max")
    number = f"{low:g}" if low == high or high is None else f"{low or 0:g}–{high:g}"
    unit = f" {value['unit']}" if value.get("unit") else ""
    per = f" per {value['per']}" if value.get("per") else ""
    return number + unit + per


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def main() -> None:
    """Entry point: user errors become one sentence on stderr; tracebacks only with --debug."""
    try:
        status = app(standalone_mode=False)
    except PourparlerError as exc:
        if _settings["debug"]:
            raise
        _report_failure(str(exc))
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _report_failure("interrupted; what was stored so far stays stored")
        sys.exit(130)
    except Exception as exc:
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Abort):
            sys.exit(1)
        if _settings["debug"]:
            raise
        _report_failure(f"unexpected error ({type(exc).__name__}: {exc}); run with --debug for details")
        sys.exit(1)
    sys.exit(status if isinstance(status, int) else 0)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
