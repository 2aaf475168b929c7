"""``newsfuse eval counts``: killed / injured / arrested figures against gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("counts")(counts_command)


def counts_command(
    output: Annotated[Path, typer.Argument(help="A brief JSON (newsfuse brief -f json) or extract JSONL.")],
    gold_dir: Annotated[Path, typer.Argument(help="A data directory: articles.jsonl + events.jsonl.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    errors: Annotated[int, typer.Option("--errors", help="Also list this many misses per field.")] = 0,
) -> None:
    """Exact-match accuracy, ±1 accuracy and mean absolute error of the counts.

    Per article when each gold event has one article (gvdb), else per event. Gold nulls are left
    out. For Gun Violence Archive data both gold variants are shown: killed/injured count the
    shooters too, victims_killed/victims_injured do not.

    Example: newsfuse extract ../shared/data/gvdb-dev -o out.jsonl && newsfuse eval counts out.jsonl ../shared/data/gvdb-dev
    """
    from newsfuse.eval.counts import evaluate, format_report

    report = evaluate(output, gold_dir)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    else:
        typer.echo(format_report(report, f"{output} vs {gold_dir}"))
    for s in report.scores.values():
        for event_id, predicted, gold in s.errors[:errors]:
            typer.echo(f"miss {s.field} {event_id}: predicted {predicted}, gold {gold}")
