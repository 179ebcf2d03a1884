"""Commands across stored documents: stories (rename, merge), timeline, positions, quotes, search."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from pourparler.cli.shared import (
    Db,
    ProfileDirs,
    StoryOpt,
    bad_input_exits,
    escape,
    profile_labels,
    rich_console,
    shorten,
)

app = typer.Typer()
stories_app = typer.Typer(
    help="List stories (documents about one negotiation or event); rename or merge them.",
    invoke_without_command=True,
)

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
            row.id, escape(row.label), str(row.documents), escape(", ".join(row.outlets) or "–"), dates
        )
    console = rich_console()
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

    with bad_input_exits(), Store(db) as store:
        store.rename_story(story, label)
        found, shown = store.story_label(story)
    rich_console().print(f"{found} is now {escape(shown)!r}", highlight=False)


@stories_app.command("merge")
def stories_merge(
    keep: StoryArg,
    absorb: Annotated[str, typer.Argument(help="The story whose documents move into KEEP.")],
    db: Db = None,
    profiles: ProfileDirs = None,
) -> None:
    """Move every document of story ABSORB into story KEEP."""
    from pourparler.store import Store

    labels = profile_labels(tuple(profiles or ()))
    with bad_input_exits(), Store(db) as store:
        store.merge_stories(keep, absorb, labels)
        found, shown = store.story_label(keep)
        count = next(row.documents for row in store.stories() if row.id == found)
    rich_console().print(f"{found} ({escape(shown)}) now holds {count} documents", highlight=False)


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

    with bad_input_exits():
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
        table.add_row(*cells, escape(entry["summary"]), escape(sources))
    rich_console().print(table)


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

    with bad_input_exits():
        with Store(db) as store:
            records = store.analyses(story)
            labels = {row.id: row.label for row in store.stories()}
        tables = views.position_tables(records, list(labels), issue)
    names = views.names(records)
    console = rich_console()
    if not tables:
        console.print("no positions stored yet")
    for story_id, history in tables:
        parties = list(dict.fromkeys(p["party"] for h in history for p in h["parties"]))
        title = f"{story_id}: {labels.get(story_id or '', '')}" if story_id else "positions"
        table = Table(title=escape(title), expand=True)
        table.add_column("issue", no_wrap=True)
        for party in parties:
            table.add_column(escape(name_of(party, names)), ratio=1)
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
                cells.append(escape(f"{step['stance']}{figure} ({step['date'] or 'undated'})"))
            gaps = [
                f"{' vs '.join(name_of(a, names) for a in g['between'])}: "
                f"{value_text({'min': g['value'], 'unit': g['unit'], 'per': g['per']})}"
                + (f", {g['trend']}" if g["trend"] else "")
                for g in item["gaps"]
                if g["value"] is not None
            ]
            table.add_row(item["issue"].replace("_", " "), *cells, escape("; ".join(gaps) or "–"))
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

    with bad_input_exits():
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
        table.add_row(escape(who), escape(shorten(quote["text"], 300)), escape(sources))
    rich_console().print(table)


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help='Words to find; "red line" in double quotes is a phrase.')],
    db: Db = None,
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many documents.")] = 20,
) -> None:
    """Full-text search of stored titles and bodies (SQLite FTS5: phrases, AND, OR, NOT, prefix*)."""
    from rich.table import Table

    from pourparler.store import Store

    with bad_input_exits(), Store(db) as store:
        hits = store.search(query, limit=limit)
    more = f" (the best {limit}; see --limit)" if len(hits) == limit else ""
    table = Table(title=escape(f"documents matching {query}: {len(hits)}{more}"), expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("outlet", ratio=1)
    table.add_column("title", ratio=2)
    table.add_column("snippet", ratio=4)
    for hit in hits:
        table.add_row(
            hit.id[:8], escape(hit.outlet or "–"), escape(hit.title or "–"), _highlight(hit.snippet)
        )
    rich_console().print(table)


def _highlight(snippet: str) -> str:
    """A search snippet as rich markup, its matches in bold."""
    from pourparler.store import MATCH_END, MATCH_START

    parts = []
    for i, piece in enumerate(snippet.replace(MATCH_END, MATCH_START).split(MATCH_START)):
        piece = escape(re.sub(r"\s+", " ", piece))
        parts.append(f"[bold reverse]{piece}[/]" if i % 2 else piece)
    return "".join(parts)
