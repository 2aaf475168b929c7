"""Helpers shared by the commands: progress bars on stderr, output files."""

from __future__ import annotations

import contextlib
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsfuse.model import RejectionCode

stderr = Console(stderr=True)

# The arguments every reading command shares, typed once (as FastAPI's dependency aliases are).
PathsArgument = Annotated[
    list[str],
    typer.Argument(help="Files, folders (read recursively), glob patterns, or - for stdin."),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here instead of stdout (- is stdout).")
]
JobsOption = Annotated[
    int, typer.Option("--jobs", "-j", help="Processes for the models (0: one per core).")
]
NoProgressOption = Annotated[bool, typer.Option("--no-progress", help="No progress bars.")]
FollowLinksOption = Annotated[
    bool,
    typer.Option("--follow-links", help="Follow symbolic links that lead out of an input folder "
                 "(by default they are listed as rejected, not read)."),
]
# The arguments every `newsfuse eval` command shares.
GoldDirArgument = Annotated[
    Path,
    typer.Argument(help="A gold data directory: articles.jsonl + events.jsonl (e.g. ../shared/data/gvc-train)."),
]
AsJsonOption = Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")]


@contextlib.contextmanager
def progress_bar(enabled: bool = True) -> Iterator:
    """Yield a ``progress(stage, done, total)`` callback that draws bars on stderr.

    Bars are drawn only when stderr is a terminal, so JSON on stdout and logs stay clean.
    """
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    columns = (
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=stderr, transient=True) as bars:
        tasks: dict[str, int] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bars.add_task(stage, total=total)
            bars.update(tasks[stage], completed=done, total=total)

        yield update


#: Rejections listed one by one before the rest are summed up by kind.
SHOWN_REJECTIONS = 10


def print_rejections(rejected, hint: str = "") -> None:
    """List rejected inputs on stderr: the first few with their reasons, the rest counted by kind.

    A crawl of thousands of rows with a few dozen empty ones should not bury the output.
    """
    for rejection in rejected[:SHOWN_REJECTIONS]:
        stderr.print(
            f"[yellow]rejected[/] {escape(rejection.input)}: {escape(rejection.reason)}",
            highlight=False,
            soft_wrap=True,
        )
    rest = rejected[SHOWN_REJECTIONS:]
    if rest:
        kinds = Counter(RejectionCode(r.code).value for r in rest)
        by_kind = ", ".join(f"{code}: {n}" for code, n in kinds.most_common())
        stderr.print(f"[yellow]rejected[/] {len(rest)} more inputs ({by_kind}){hint}", highlight=False,
                     soft_wrap=True)


def print_unsupported(unsupported) -> None:
    """Say on stderr which articles were kept but not read (their language)."""
    for item in unsupported[:SHOWN_REJECTIONS]:
        stderr.print(f"[yellow]not read[/] {escape(item.input or item.article_id)}: {item.note}",
                     highlight=False, soft_wrap=True)
    if len(unsupported) > SHOWN_REJECTIONS:
        languages = Counter(u.language for u in unsupported[SHOWN_REJECTIONS:])
        stderr.print(f"[yellow]not read[/] {len(unsupported) - SHOWN_REJECTIONS} more articles ("
                     + ", ".join(f"{k}: {n}" for k, n in languages.most_common()) + ")",
                     highlight=False, soft_wrap=True)


def as_paths(paths: list[str]) -> list[Path]:
    """Command-line sources are always paths (the library reads a long string as article text)."""
    return [Path(p) for p in paths]


def write_output(text: str, output: Path | None) -> None:
    """Write to ``output``, or to stdout when it is None or ``-``."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    typer.echo(f"wrote {output}", err=True)


def write_lines(lines: Iterable[str], output: Path | None) -> None:
    """Write ``lines`` (each ending in a newline) to ``output`` or stdout (None or ``-``), one at a
    time."""
    if output is None or str(output) == "-":
        sys.stdout.writelines(lines)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as handle:
        handle.writelines(lines)
    typer.echo(f"wrote {output}", err=True)
