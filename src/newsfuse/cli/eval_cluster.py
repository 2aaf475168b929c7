"""``newsfuse eval cluster OUTPUT GOLD_DIR``: B-cubed, CEAF-e and ARI against gold event ids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsfuse.cli.common import AsJsonOption, GoldDirArgument
from newsfuse.eval.cluster import (
    BASELINE_DISTANCE,
    ClusterScores,
    baseline_tfidf_agglomerative,
    load_gold_articles,
    load_gold_labels,
    read_system_labels,
    score_clustering,
)


def register(app: typer.Typer) -> None:
    app.command("cluster")(eval_cluster_command)


def _row(name: str, s: ClusterScores) -> str:
    return (
        f"{name:<10} {s.bcubed_p:6.3f} {s.bcubed_r:6.3f} {s.bcubed_f1:6.3f} "
        f"{s.ceaf_e:7.3f} {s.ari:6.3f} {s.system_clusters:9d}"
    )


def eval_cluster_command(
    output: Annotated[
        Path,
        typer.Argument(
            help="newsfuse output: a brief JSON (`newsfuse brief ... -f json`) or JSONL of "
            "{article_id, event_id}."
        ),
    ],
    gold_dir: GoldDirArgument,
    baseline: Annotated[
        bool,
        typer.Option(
            "--baseline/--no-baseline",
            help=f"Also score the TF-IDF average-link baseline (cut at {BASELINE_DISTANCE}) "
            "on the gold articles.",
        ),
    ] = True,
    as_json: AsJsonOption = False,
) -> None:
    """Score an event clustering against the gold event ids.

    Articles the output lacks count as singletons. Example:

        newsfuse brief ../shared/data/gvc-train/articles.jsonl -f json -o out.json
        newsfuse eval cluster out.json ../shared/data/gvc-train
    """
    gold = load_gold_labels(gold_dir)
    system = read_system_labels(output)
    scores = {"newsfuse": score_clustering(system, gold)}
    if baseline:
        labels = baseline_tfidf_agglomerative(load_gold_articles(gold_dir))
        scores["baseline"] = score_clustering(labels, gold)
    if as_json:
        payload = {name: s.__dict__ for name, s in scores.items()}
        typer.echo(json.dumps({"gold": str(gold_dir), "output": str(output), **payload}, indent=2))
        return
    first = scores["newsfuse"]
    missing = sum(1 for a in gold if a not in system)
    typer.echo(
        f"{gold_dir}: {first.articles} articles, {first.gold_clusters} gold events"
        + (f", {missing} missing from the output (singletons)" if missing else "")
    )
    typer.echo(f"{'':<10} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'CEAF-e':>7} {'ARI':>6} {'clusters':>9}")
    for name, s in scores.items():
        typer.echo(_row(name, s))
