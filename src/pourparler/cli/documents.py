"""Commands on articles and stored documents: analyze, ingest, list."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pourparler.cli.shared import (
    AllowPrivate,
    Db,
    MaxMb,
    ProfileDirs,
    PublishedOpt,
    Sources,
    escape,
    iso_date,
    profile_labels,
    read_options,
    report_failure,
    rich_console,
    settings,
    shorten,
)
from pourparler.errors import PourparlerError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from pourparler.ingest import ReadOptions
    from pourparler.model import Document, Failure

app = typer.Typer()


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
        read_options(allow_private, max_mb),
        published=iso_date(published),
        strict=settings["debug"],
    ):
        if isinstance(item, Document):
            docs.append(item)
        else:
            failed += 1
            report_failure(str(item))
    record = analyse(docs, tuple(profiles or ()))
    if as_json:
        sys.stdout.write(json.dumps(record.to_json(), ensure_ascii=False, indent=1) + "\n")
    else:
        console = rich_console()
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
    labels = profile_labels(dirs)

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
            console=rich_console(stderr=True),
            transient=True,
        ) as progress,
    ):
        task = progress.add_task("ingest", total=None, stored=0, known=0, failed=0)
        for item in _ingest_items(
            sources,
            read_options(allow_private, max_mb),
            iso_date(published),
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
    rich_console(stderr=True).print(
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
            shorten(row.title or "–", 70),
            str(row.words),
        )
    rich_console().print(table)


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
        yield from documents(articles, options, published=published, strict=settings["debug"])
        articles = []
        if not manifest.get("complete"):
            note(f"pourparler: {source}: the batch run has not finished; loading the part it has written")
        for record in batch_records(source):
            yield Document.from_json(record["document"]), record
    yield from documents(articles, options, published=published, strict=settings["debug"])


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
        if settings["debug"]:
            raise
        store.add(document)
        reason = f"{document.source}: stored but could not be analysed ({type(exc).__name__}: {exc})"
        return "unanalysed", reason + "; please report this"
    return ("stored" if store.add(document, part, labels) else "known"), None


def _print_summary(console: Console, doc: Document) -> None:
    from rich.panel import Panel

    published = doc.published
    when = f"{published.date or 'unknown'} ({published.basis})"
    lines: list[Any] = [
        f"[bold]{escape(doc.title or '(no title)')}[/]",
        escape(doc.subtitle) if doc.subtitle else None,
        f"outlet: {escape(doc.outlet or 'unknown')}"
        + (f" · citing {escape(', '.join(doc.cites))}" if doc.cites else "")
        + (f" · by {escape(', '.join(doc.byline))}" if doc.byline else ""),
        f"published: {when}" + (f" — {escape(published.evidence)}" if published.evidence else ""),
        f"{doc.words} words in {len(doc.paragraphs)} paragraphs · "
        f"{len(doc.removed)} boilerplate lines removed",
        *(f"[yellow]warning: {escape(w)}[/]" for w in doc.warnings),
    ]
    console.print(Panel("\n".join(x for x in lines if x), title=escape(doc.source), title_align="left"))


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
            table.add_row(escape(who), q["kind"], escape(text))
        console.print(table)
    times = [t for t in data["times"] if t["doc"] == doc_id]
    if times:
        shown = ", ".join(f"{t['text']} = {t.get('value') or t.get('duration') or '?'}" for t in times[:12])
        more = f" and {len(times) - 12} more" if len(times) > 12 else ""
        console.print(f"times: {escape(shown)}{more}", highlight=False)


def _print_negotiation(console: Console, doc_id: str, data: dict[str, Any]) -> None:
    """Positions (party, stance, issue, value) and events (PLOVER) of one document."""
    names = {a["id"]: a["name"] for a in data["actors"]}
    positions = [p for p in data["positions"] if p["doc"] == doc_id]
    if positions:
        table = _evidence_table("positions", "party", "stance", "issue", "value", "according to")
        for p in positions:
            table.add_row(
                escape(names.get(p["party"], p["party"])),
                p["stance"],
                p["issue"],
                _value(p.get("value")),
                escape(names.get(p.get("according_to") or "", p.get("according_to") or "")),
                escape(shorten(p["text"], 160)),
            )
        console.print(table)
    events = [e for e in data["events"] if e["doc"] == doc_id]
    if events:
        table = _evidence_table("events (PLOVER)", "date", "type", "actors", "targets", "place")
        for e in events:
            flags = [f for f in ("negated", "hypothetical") if e.get(f)]
            kind = e["type"] + (f"/{e['mode']}" if e.get("mode") else "") + "".join(f" · {f}" for f in flags)
            table.add_row(
                str(e.get("date") or "?"),
                kind,
                escape(", ".join(names.get(a, a) for a in e["actors"])),
                escape(", ".join(names.get(a, a) for a in e["targets"])),
                escape(e.get("location") or ""),
                escape(shorten(e["text"], 160)),
            )
        console.print(table)


def _evidence_table(title: str, *columns: str) -> Table:
    """A full-width table with these columns and a last, wider one for the evidence."""
    from rich.table import Table

    table = Table(title=title, expand=True)
    for column in columns:
        table.add_column(column, ratio=1)
    table.add_column("evidence", ratio=3)
    return table


def _value(value: dict[str, Any] | None) -> str:
    if not value or (value.get("min") is None and value.get("max") is None):
        return ""
    low, high = value.get("min"), value.get("max")
    number = f"{low:g}" if low == high or high is None else f"{low or 0:g}–{high:g}"
    unit = f" {value['unit']}" if value.get("unit") else ""
    per = f" per {value['per']}" if value.get("per") else ""
    return number + unit + per
