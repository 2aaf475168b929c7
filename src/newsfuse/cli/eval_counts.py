"""``newsfuse eval counts``: killed / injured / arrested figures against gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsfuse.cli.common import AsJsonOption, GoldDirArgument


def register(app: typer.Typer) -> None:
    app.command("counts")(counts_command)


def counts_command(
    output: Annotated[Path, typer.Argument(help="A brief JSON (newsfuse brief -f json) or extract JSONL.")],
    gold_dir: GoldDirArgument,
    as_json: AsJsonOption = False,
    errors: Annotated[int, typer.Option(
        "--errors", help="Also print the N worst misses per field, with id and evidence quotes.")] = 0,
) -> None:
    """Exact-match accuracy, ±1 accuracy and mean absolute error of the counts.

    A brief JSON is scored per event on its reconciled facts (events[].facts.<slot>.best); an
    extract JSONL per article (per event: the largest figure of its articles, a baseline). Gold
    nulls are left out. For Gun Violence Archive data both gold variants are shown:
    killed/injured count the shooters too, victims_killed/victims_injured do not.

    Example: newsfuse brief ../shared/data/gva-dev/articles.jsonl --group-by event_id -f json -o gva.json && newsfuse eval counts gva.json ../shared/data/gva-dev --errors 10
    """
    from newsfuse.eval.counts import evaluate, format_misses, format_report

    report = evaluate(output, gold_dir)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    else:
        typer.echo(format_report(report, f"{output} vs {gold_dir}"))
    if errors > 0:
        typer.echo(format_misses(report, errors))
