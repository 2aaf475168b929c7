"""``newsfuse extract``: what each article claims, one JSON line per article."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

import typer

from newsfuse.cli.common import (
    JobsOption,
    NoProgressOption,
    OutputOption,
    PathsArgument,
    as_paths,
    print_rejections,
    print_unsupported,
    progress_bar,
    write_output,
)
from newsfuse.errors import InputError
from newsfuse.model import ArticleMentions


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)


def extract_command(
    paths: PathsArgument,
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", help="jsonl: one line per article.")] = ExtractFormat.jsonl,
    output: OutputOption = None,
    jobs: JobsOption = 0,
    no_progress: NoProgressOption = False,
) -> None:
    """Print every claim (mention) each article makes, with its evidence offsets and quote.

    Each mention has its slot, value, attribution, hedge and scope.

    Example: newsfuse extract ../shared/seeds --format jsonl -o mentions.jsonl
    """
    from newsfuse.pipeline import Options, iter_analyse_extract, read, unsupported_articles

    with progress_bar(not no_progress) as progress:
        options = Options(n_process=jobs, embeddings=False, progress=progress)
        ingested = read(as_paths(paths), options)
        print_rejections(ingested.rejected)
        if not ingested.articles:
            raise InputError(
                f"No article could be read from {', '.join(paths)} "
                f"({len(ingested.rejected)} input(s) rejected)."
            )
        unsupported = {u.article_id: u for u in unsupported_articles(ingested.articles)}
        print_unsupported(list(unsupported.values()))
        readable = [a for a in ingested.articles if a.id not in unsupported]
        done = list(iter_analyse_extract(readable, options))
        found = {article.id: mentions for article, (_, mentions) in zip(readable, done, strict=True)}
        rows = [
            ArticleMentions(
                article_id=article.id, title=article.title, source=article.source,
                published=article.published, input=article.input, language=article.language,
                mentions=found.get(article.id, []),
                note=unsupported[article.id].note if article.id in unsupported else None,
            ).model_dump(mode="json", exclude={"note"} if article.id not in unsupported else None)
            for article in ingested.articles
        ]
    if fmt == ExtractFormat.jsonl:
        text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    else:
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    write_output(text, output)
