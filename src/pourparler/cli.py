"""The `pourparler` command line; heavy modules are imported inside commands so --help is instant."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pourparler import __version__
from pourparler.errors import PourparlerError

if TYPE_CHECKING:
    from rich.console import Console

    from pourparler.ingest import ReadOptions
    from pourparler.model import Document

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
) -> None:
    """Clean and store articles; each is stored in its own transaction, once."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from pourparler.model import Document
    from pourparler.pipeline import documents
    from pourparler.store import Store

    counts = {"stored": 0, "known": 0, "failed": 0}
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
        for item in documents(
            sources,
            _read_options(allow_private, max_mb),
            published=_iso_date(published),
            strict=_settings["debug"],
        ):
            if isinstance(item, Document):
                counts["stored" if store.add(item) else "known"] += 1
            else:
                counts["failed"] += 1
                progress.console.print(f"pourparler: {item}", markup=False, highlight=False, soft_wrap=True)
            progress.update(
                task, advance=1, stored=counts["stored"], known=counts["known"], failed=counts["failed"]
            )
    elapsed = time.perf_counter() - started
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


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Folder of gold articles (NAME.txt + NAME.yaml).")] = Path(
        "tests/gold"
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score pourparler against annotated articles: precision, recall and F1 per component."""
    from pourparler.evaluate import evaluate_folder, render_scores

    scores = evaluate_folder(gold)
    if as_json:
        sys.stdout.write(json.dumps(scores, indent=1) + "\n")
    else:
        render_scores(_console(), scores)


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
