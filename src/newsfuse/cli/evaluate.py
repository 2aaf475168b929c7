"""``newsfuse eval``: score outputs against the gold of ../shared/data-style directories."""

from __future__ import annotations

import typer

from newsfuse.cli import eval_citations, eval_cluster, eval_counts, eval_facts, eval_places

eval_app = typer.Typer(
    help="Score newsfuse output against gold data (articles.jsonl + events.jsonl), or its citations.",
    no_args_is_help=True,
)
eval_counts.register(eval_app)
eval_cluster.register(eval_app)
eval_places.register(eval_app)
eval_citations.register(eval_app)
eval_facts.register(eval_app)


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")
