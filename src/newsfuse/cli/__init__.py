"""The ``newsfuse`` command: thin typer commands over the library.

Each command group lives in its own module with a ``register(app)`` function; only this package
turns a :class:`~newsfuse.errors.NewsfuseError` into a message and an exit code.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from newsfuse.cli import brief, evaluate, events, extract, schema, store
from newsfuse.errors import NewsfuseError

app = typer.Typer(
    name="newsfuse",
    help=(
        "Turn many news reports into one trustworthy, cited account of each event.\n\n"
        "Start with `newsfuse brief FOLDER` on a folder of articles (text, HTML, JSON, JSONL, "
        "RSS/Atom or WARC)."
    ),
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish, PowerShell
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

for module in (brief, extract, evaluate, events, store, schema):
    module.register(app)


def _print_version(value: bool) -> None:
    if value:
        from newsfuse import __version__

        typer.echo(f"newsfuse {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
) -> None:
    """Turn many news reports into one trustworthy, cited account of each event.

    Start with `newsfuse brief FOLDER` on a folder of articles (text, HTML, JSON, JSONL,
    RSS/Atom or WARC).
    """


def main() -> None:
    """Entry point: run the app, map library errors to exit codes at the edge."""
    try:
        app()
    except NewsfuseError as exc:
        typer.secho(f"newsfuse: {exc}", err=True, fg=typer.colors.RED)
        sys.exit(exc.exit_code)
