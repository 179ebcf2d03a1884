"""What the command groups share: the --debug setting, option types, the console and reporting failures."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pourparler.errors import BadInput as BadInputError
from pourparler.errors import PourparlerError

if TYPE_CHECKING:
    from rich.console import Console

    from pourparler.ingest import ReadOptions

# Set by the root --debug option; commands in every module read it when they run.
settings = {"debug": False}

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
StoryOpt = Annotated[str | None, typer.Option("--story", help="Only this story (an id from `stories`).")]


def read_options(allow_private: bool, max_mb: float) -> ReadOptions:
    from pourparler.ingest import ReadOptions

    return ReadOptions(max_bytes=int(max_mb * 1_000_000), allow_private=allow_private)


def iso_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise PourparlerError(f"--published {value!r} is not a date; write it as YYYY-MM-DD") from None


def profile_labels(dirs: tuple[Path, ...]) -> dict[str, str]:
    from pourparler.knowledge.negotiation import profiles

    return {p.id: p.label for p in profiles(dirs)}


def rich_console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr)


def report_failure(message: str) -> None:
    sys.stderr.write(f"pourparler: {message}\n")


@contextmanager
def bad_input_exits() -> Iterator[None]:
    """A story, actor, date or query a command cannot use: one sentence on stderr and exit status 1."""
    try:
        yield
    except BadInputError as exc:
        report_failure(str(exc))
        raise typer.Exit(1) from None


def escape(text: str) -> str:
    from rich import markup

    return markup.escape(text)


def shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
