"""``newsfuse eval places``: the brief's city, US state and date against gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsfuse.cli.common import AsJsonOption, GoldDirArgument


def register(app: typer.Typer) -> None:
    app.command("places")(places_command)


def places_command(
    output: Annotated[Path, typer.Argument(help="A brief JSON (newsfuse brief --group-by event_id -f json).")],
    gold_dir: GoldDirArgument,
    as_json: AsJsonOption = False,
    errors: Annotated[int, typer.Option("--errors", help="Also list this many misses per field.")] = 0,
) -> None:
    """Accuracy of the place (country, city, state), its distance to the gold city and the date of each event.

    Example: newsfuse brief ../shared/data/gvc-train/articles.jsonl --group-by event_id -f json -o b.json && newsfuse eval places b.json ../shared/data/gvc-train
    """
    from newsfuse.eval.places import evaluate, format_scores

    scores = evaluate(output, gold_dir)
    if as_json:
        typer.echo(json.dumps([s.as_dict() for s in scores.values()], indent=2))
    else:
        typer.echo(format_scores(scores, f"{output} vs {gold_dir}"))
    for s in scores.values():
        for event_id, predicted, gold in getattr(s, "errors", [])[:errors]:
            typer.echo(f"miss {s.field} {event_id}: predicted {predicted}, gold {gold}")
