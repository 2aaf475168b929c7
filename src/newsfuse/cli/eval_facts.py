"""``newsfuse eval facts``: per-article counts, event type and claimant beside two baselines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsfuse.cli.common import AsJsonOption, GoldDirArgument


def register(app: typer.Typer) -> None:
    app.command("facts")(facts_command)


def facts_command(
    output: Annotated[Path, typer.Argument(help="An extract JSONL (newsfuse extract) or a brief JSON.")],
    gold_dir: GoldDirArgument,
    as_json: AsJsonOption = False,
    errors: Annotated[int, typer.Option("--errors", help="Also list this many type / claimant misses.")] = 0,
) -> None:
    """Per article: killed / injured (exact, MAE), event type (tolerant match) and claimant,
    each beside a constant and a regex baseline. Gold: topic and extra.claimed_by (muc4).

    Example: newsfuse extract ../shared/data/muc4-dev-articles/articles.jsonl -o m.jsonl && newsfuse eval facts m.jsonl ../shared/data/muc4-dev-articles
    """
    from newsfuse.errors import InputError
    from newsfuse.eval.counts import read_predictions
    from newsfuse.eval.facts import format_facts, read_gold_articles, score_facts

    predictions = read_predictions(output)
    texts, gold = read_gold_articles(gold_dir)
    if not predictions.keys() & gold.keys():
        raise InputError(f"{output}: none of its articles is in {gold_dir}/articles.jsonl.")
    report = score_facts(predictions, texts, gold)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    else:
        typer.echo(f"{output} vs {gold_dir} (per article)\n" + format_facts(report, errors))
