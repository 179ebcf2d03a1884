"""The `pourparler` command line; heavy modules are imported inside commands so --help is instant."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from pourparler import __version__
from pourparler.cli import documents, stories, tools
from pourparler.cli.shared import report_failure, settings
from pourparler.errors import PourparlerError

app = typer.Typer(
    name="pourparler",
    help="Turn news articles about negotiations and conflict into a source-attributed record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Merged without a name, each group's commands are top-level commands; `stories` is added last so
# `--help` lists the commands in the order it always has.
app.add_typer(documents.app)
app.add_typer(stories.app)
app.add_typer(tools.app)
app.add_typer(stories.stories_app, name="stories")


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
    settings["debug"] = debug


def main() -> None:
    """Entry point: user errors become one sentence on stderr; tracebacks only with --debug."""
    try:
        status = app(standalone_mode=False)
    except PourparlerError as exc:
        if settings["debug"]:
            raise
        report_failure(str(exc))
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        report_failure("interrupted; what was stored so far stays stored")
        sys.exit(130)
    except Exception as exc:
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Abort):
            sys.exit(1)
        if settings["debug"]:
            raise
        report_failure(f"unexpected error ({type(exc).__name__}: {exc}); run with --debug for details")
        sys.exit(1)
    sys.exit(status if isinstance(status, int) else 0)
