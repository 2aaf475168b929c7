"""``newsfuse ingest | watch | show | export | serve``: the store and the web UI."""

from __future__ import annotations

import ipaddress
import os
import sys
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from newsfuse.cli.common import (
    FollowLinksOption,
    JobsOption,
    print_rejections,
    progress_bar,
    stderr,
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
from newsfuse.errors import ConfigError, InputError
from newsfuse.ingest.limits import safe_name
from newsfuse.pipeline import DEFAULT_MAX_BYTES

DbOption = Annotated[
    str,
    typer.Option("--db", envvar="NEWSFUSE_DB",
                 help="The store: a SQLite file, or a postgresql:// URL."),
]
PolicyOption = Annotated[
    str, typer.Option("--policy", help="How a fact's best value is chosen: latest or conservative.")
]


class ShowFormat(str, Enum):
    md = "md"
    json = "json"
    html = "html"


class ExportFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"
    parquet = "parquet"


store_app = typer.Typer(help="Maintain the store: re-cluster its articles, rebuild its search index.",
                        no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(store_app, name="store")
    app.command("ingest")(ingest_command)
    app.command("watch")(watch_command)
    app.command("show")(show_command)
    app.command("export")(export_command)
    app.command("serve")(serve_command)


def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, glob patterns, or -.")],
    db: DbOption = "newsfuse.db",
    policy: PolicyOption = "latest",
    batch: Annotated[int, typer.Option("--batch", help="Articles per transaction.")] = 64,
    jobs: JobsOption = 0,
    engine: EngineOption = EngineName.local,
    workers: WorkersOption = 0,
    scheduler: SchedulerOption = None,
    follow_links: FollowLinksOption = False,
    no_progress: Annotated[bool, typer.Option("--no-progress")] = False,
) -> None:
    """Add articles to the store: each joins an event, and only changed events are re-reconciled.

    Re-ingesting an article is a no-op; a new version (same URL or id, new text) replaces the old.
    The models run on --jobs processes (or a Dask cluster) before each short write transaction,
    so a watch, another ingest and the web UI can write meanwhile.
    Example: newsfuse ingest articles/ --db news.db --jobs 2
    """
    from newsfuse.live import default_stages, ingest_sources
    from newsfuse.pipeline import Options
    from newsfuse.store import open_store

    options = Options(n_process=processes(engine, jobs, workers, scheduler), engine=engine.value,
                      scheduler=scheduler)
    with open_store(db) as store, progress_bar(not no_progress) as progress, \
            opened_engine(options) as running:
        stages = default_stages(policy=policy, n_process=options.n_process, engine=running)
        summary = ingest_sources(store, paths, stages, max_bytes=DEFAULT_MAX_BYTES,
                                 batch_size=batch, progress=progress, follow_links=follow_links)
    print_rejections(summary.rejections)
    stderr.print(_summary_line(summary), highlight=False)
    if not (summary.added or summary.updated or summary.unchanged or summary.copies):
        raise InputError(f"No article could be read from {', '.join(map(safe_name, paths))} "
                         f"({summary.rejected} input(s) rejected).")


def _summary_line(summary) -> str:
    upgraded = ""
    if summary.reclustered:
        upgraded = (f"store made by an older newsfuse: re-clustered its {summary.reclustered} "
                    "articles first (once); ")
    return (upgraded + f"{summary.added} added, {summary.updated} updated, {summary.copies} copies, "
            f"{summary.unchanged} already stored, {summary.rejected} rejected; "
            f"{len(summary.events_created)} new events, {len(summary.events_changed)} changed")


def watch_command(
    folder: Annotated[Path, typer.Argument(help="The folder to watch (recursively).")],
    db: DbOption = "newsfuse.db",
    interval: Annotated[float, typer.Option("--interval", help="Seconds between polls.")] = 2.0,
    feed_interval: Annotated[
        float, typer.Option("--feed-interval", help="Seconds between re-reads of feed files.")
    ] = 300.0,
    policy: PolicyOption = "latest",
) -> None:
    """Ingest files as they appear in FOLDER (feeds re-read on a schedule) until Ctrl-C."""
    from newsfuse.live import default_stages
    from newsfuse.live.watch import WatchOptions, watch
    from newsfuse.store import open_store

    if not folder.is_dir():
        raise ConfigError(f"{folder} is not a folder.")
    if interval <= 0 or feed_interval <= 0:
        raise ConfigError("--interval and --feed-interval must be positive.")

    def report(paths, summary) -> None:
        stderr.print(f"{len(paths)} file(s): {_summary_line(summary)}", highlight=False)

    def report_error(paths, error) -> None:
        stderr.print(f"{len(paths)} file(s) not ingested, tried again in a minute: {error}",
                     highlight=False, style="red")

    with open_store(db) as store:
        stderr.print(f"watching {folder} (Ctrl-C to stop)", highlight=False)
        try:
            watch(store, folder, default_stages(policy=policy),
                  WatchOptions(interval=interval, feed_interval=feed_interval), on_ingest=report,
                  on_error=report_error)
        except KeyboardInterrupt:
            stderr.print("stopped; everything ingested so far is stored.", highlight=False)


def show_command(
    event: Annotated[str, typer.Argument(help="The event id (see `newsfuse events`).")],
    db: DbOption = "newsfuse.db",
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f")] = ShowFormat.md,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Print one event's brief (Markdown, JSON or HTML)."""
    from newsfuse.model import Report
    from newsfuse.report import render
    from newsfuse.store import event_articles, get_event, open_store

    with open_store(db, create=False) as store, store.read() as conn:
        found, brief = get_event(conn, event)
        articles = event_articles(conn, found.id)
    write_output(render(Report(events=[brief], articles=articles), fmt.value), output)


def export_command(
    db: DbOption = "newsfuse.db",
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout (- is stdout).")
    ] = None,
    since: Annotated[str | None, typer.Option("--from", help="Events on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Events on or before YYYY-MM-DD.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="Event type (shooting, bombing...).")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Part of the place name.")] = None,
    min_killed: Annotated[
        int | None, typer.Option("--min-killed", min=0, help="Events with at least this many killed.")
    ] = None,
) -> None:
    """Write the events with their facts: json, jsonl (one brief a line), csv (one row an event,
    ACLED's column names), geojson (one Feature an event, at its coordinates) or parquet (the csv
    columns; needs `pip install newsfuse[parquet]` and -o FILE).

    Example: newsfuse export --db news.db -f csv --from 2024-03-01 --type shooting --min-killed 1
    """
    from newsfuse.store import EventFilter, open_store
    from newsfuse.store.export import export_events, write_parquet

    flt = EventFilter(date_from=parse_day(since, "--from"), date_to=parse_day(until, "--to"),
                      place=place, event_type=event_type, min_killed=min_killed)
    to_stdout = output is None or str(output) == "-"
    if fmt == ExportFormat.parquet and to_stdout:
        raise ConfigError("Parquet is a binary file: give -o FILE.parquet.")
    with open_store(db, create=False) as store, store.read() as conn:
        if fmt == ExportFormat.parquet:
            rows = write_parquet(conn, output, flt)
            typer.echo(f"wrote {output} ({rows} events)", err=True)
            return
        if to_stdout:
            for chunk in export_events(conn, fmt.value, flt):
                sys.stdout.write(chunk)
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("w", encoding="utf-8", newline="") as handle:
            for chunk in export_events(conn, fmt.value, flt):
                handle.write(chunk)
    typer.echo(f"wrote {output}", err=True)


def parse_day(value: str | None, flag: str) -> date | None:
    """A YYYY-MM-DD option as a date (None when not given)."""
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError as exc:
        raise typer.BadParameter(f"{flag} takes a date as YYYY-MM-DD, got {value!r}") from exc


def serve_command(
    db: DbOption = "newsfuse.db",
    host: Annotated[str, typer.Option("--host", help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
    token: Annotated[
        str | None,
        typer.Option("--token", envvar="NEWSFUSE_TOKEN",
                     help="Required for writes; must be set when binding a non-loopback address."),
    ] = None,
    policy: PolicyOption = "latest",
) -> None:
    """Serve the web UI and the JSON API (docs at /docs) over the store."""
    import uvicorn

    from newsfuse.live import default_stages
    from newsfuse.store import open_store
    from newsfuse.web import create_app

    if not is_loopback(host) and not token:
        raise ConfigError(
            f"Binding {host} exposes the store to the network: give --token (or NEWSFUSE_TOKEN) "
            "so that writes need it."
        )
    store = open_store(db)
    app = create_app(store, stages=default_stages(policy=policy), token=token,
                     allowed_hosts=None if not is_loopback(host) else LOOPBACK_HOSTS)
    stderr.print(f"newsfuse on http://{host}:{port}/ (API docs at /docs)", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level=os.environ.get("NEWSFUSE_LOG", "warning"))


LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (or localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@store_app.command("recluster")
def recluster_command(
    db: DbOption = "newsfuse.db",
    policy: PolicyOption = "latest",
    no_progress: Annotated[bool, typer.Option("--no-progress")] = False,
) -> None:
    """Re-cluster every stored article and rebuild every event (one transaction).

    Needed once for a store made before online clustering (ingest does it by itself), or to
    apply refitted clustering parameters. Merges and splits made so far are kept.
    """
    from newsfuse.live import default_stages, recluster
    from newsfuse.store import open_store

    with open_store(db) as store, progress_bar(not no_progress) as progress:
        done = recluster(store, default_stages(policy=policy), progress=progress)
    stderr.print(f"re-clustered {done.articles} articles ({done.copies} copies): "
                 f"{done.events_before} events before, {done.events_after} now", highlight=False)


@store_app.command("reindex")
def reindex_command(
    db: DbOption = "newsfuse.db",
    no_progress: Annotated[bool, typer.Option("--no-progress")] = False,
) -> None:
    """Rebuild the full-text search index from the stored articles (e.g. after a VACUUM INTO
    or a restore that left it behind)."""
    from newsfuse.store import open_store
    from newsfuse.store.search import rebuild_index

    with open_store(db) as store, progress_bar(not no_progress) as progress, \
            store.write() as conn:
        done = rebuild_index(conn, progress=progress)
    stderr.print(f"indexed {done} events", highlight=False)
