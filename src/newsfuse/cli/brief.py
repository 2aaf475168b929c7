"""``newsfuse brief``: the whole pipeline, one brief per event."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from newsfuse.cli.common import (
    FollowLinksOption,
    JobsOption,
    NoProgressOption,
    OutputOption,
    PathsArgument,
    as_paths,
    print_rejections,
    print_unsupported,
    progress_bar,
    write_lines,
    write_output,
)
from newsfuse.cli.engine_options import (
    EngineName,
    EngineOption,
    SchedulerOption,
    WorkersOption,
    opened_engine,
    processes,
)
from newsfuse.errors import NothingReadError
from newsfuse.ingest.limits import safe_name
from newsfuse.pipeline import DEFAULT_MAX_BYTES, Options, brief
from newsfuse.report import iter_json_lines, render


class Format(str, Enum):
    md = "md"
    json = "json"
    jsonl = "jsonl"  # one brief per line, written as it goes (large runs)
    html = "html"


def register(app: typer.Typer) -> None:
    app.command("brief")(brief_command)


def brief_command(
    paths: PathsArgument,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.md,
    output: OutputOption = None,
    group_by: Annotated[
        str | None,
        typer.Option(
            "--group-by",
            help="Take events from this input field (e.g. event_id) instead of clustering.",
        ),
    ] = None,
    stream: Annotated[
        bool,
        typer.Option(
            "--stream",
            help="Cluster as a stream only, as `newsfuse ingest` does: no batch-mode second look "
            "at small events and no merging of events afterwards (docs/cluster.md).",
        ),
    ] = False,
    policy: Annotated[
        str,
        typer.Option(
            "--policy",
            help="How a fact's best value is chosen: latest (latest figure from the most "
            "authoritative source) or conservative (lowest figure all sources allow).",
        ),
    ] = "latest",
    max_mb: Annotated[
        float,
        typer.Option("--max-mb", min=0.001, help="Reject input files (or JSONL lines, WARC records) over this size."),
    ] = DEFAULT_MAX_BYTES / 1024 / 1024,
    jobs: JobsOption = 0,
    engine: EngineOption = EngineName.local,
    workers: WorkersOption = 0,
    scheduler: SchedulerOption = None,
    follow_links: FollowLinksOption = False,
    no_progress: NoProgressOption = False,
) -> None:
    """Read articles and print one cited brief per event.

    Example: newsfuse brief examples/ --format html -o brief.html
    """
    with progress_bar(not no_progress) as progress:
        options = Options(group_by=group_by, stream=stream, best_policy=policy,
                          n_process=processes(engine, jobs, workers, scheduler),
                          engine=engine.value, scheduler=scheduler,
                          max_bytes=int(max_mb * 1024 * 1024), follow_links=follow_links,
                          progress=progress)
        try:
            with opened_engine(options) as running:
                report = brief(as_paths(paths), options, running)
        except NothingReadError as exc:
            print_rejections(exc.rejected)
            raise NothingReadError(
                f"No article could be read from {', '.join(map(safe_name, paths))} "
                f"({len(exc.rejected)} input(s) rejected).", exc.rejected
            ) from None
    print_rejections(report.rejected, hint="; the JSON output (-f json) lists every one")
    print_unsupported(report.unsupported)
    if fmt == Format.jsonl:
        write_lines(iter_json_lines(report), output)
        return
    write_output(render(report, fmt.value), output)
