"""``newsfuse eval citations``: does each cited article state what the citing line says?"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsfuse.cli.common import AsJsonOption


def register(app: typer.Typer) -> None:
    app.command("citations")(citations_command)


def citations_command(
    output: Annotated[Path, typer.Argument(help="A brief JSON (newsfuse brief -f json).")],
    as_json: AsJsonOption = False,
    errors: Annotated[int, typer.Option("--errors", help="Also list this many misses per measure.")] = 0,
) -> None:
    """Share of (line, cited article) pairs whose numbers and content the cited article states,
    and share of fact quotes found verbatim at their offsets. No gold needed.

    Example: newsfuse brief ../shared/seeds -f json -o b.json && newsfuse eval citations b.json
    """
    from newsfuse.eval.citations import as_json as scores_json
    from newsfuse.eval.citations import evaluate_file, format_scores

    scores = evaluate_file(output)
    typer.echo(scores_json(scores) if as_json else format_scores(scores, str(output)))
    for s in scores.values():
        for what in s.misses[:errors]:
            typer.echo(f"miss {s.name}: {what}")
