"""``newsfuse events``: list the stored events; ``events merge`` and ``events split`` fix them."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from newsfuse.cli.common import stderr
from newsfuse.cli.store import DbOption, PolicyOption, parse_day

events_app = typer.Typer(
    help="List the stored events (newest first), or correct the clustering.",
    invoke_without_command=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(events_app, name="events")


@events_app.callback()
def list_command(
    ctx: typer.Context,
    db: DbOption = "newsfuse.db",
    since: Annotated[str | None, typer.Option("--from", help="On or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--to", help="On or before YYYY-MM-DD.")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Part of the place name.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="Event type.")] = None,
    text: Annotated[str | None, typer.Option("--text", "-q", help="Full-text search: events whose headline, place, type or articles (titles, outlets, texts) contain every word; word* is a prefix.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n")] = 50,
    offset: Annotated[int, typer.Option("--offset")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """List events newest first, with filters."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = {"db": db}
        return
    from newsfuse.store import EventFilter, list_events, open_store

    flt = EventFilter(date_from=parse_day(since, "--from"), date_to=parse_day(until, "--to"),
                      place=place, event_type=event_type, text=text)
    with open_store(db, create=False) as store, store.read() as conn:
        page = list_events(conn, flt, limit=limit, offset=offset)
    if as_json:
        typer.echo(json.dumps(page.model_dump(mode="json"), indent=2))
        return
    rows = [
        (e.id, str(e.event_date or (e.first_published.date() if e.first_published else "")),
         str(e.independent_sources), (e.place or "-")[:30],
         "" if e.killed is None else str(e.killed), "" if e.injured is None else str(e.injured),
         e.headline or "")
        for e in page.events
    ]
    header = ("EVENT", "DATE", "SOURCES", "PLACE", "KILLED", "INJURED", "HEADLINE")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    right = {2, 4, 5}  # numbers line up on the right
    for row in [header, *rows] if rows else []:
        cells = [cell.rjust(w) if i in right else cell.ljust(w)
                 for i, (cell, w) in enumerate(zip(row, widths))]
        typer.echo("  ".join([*cells, row[-1]]).rstrip())
    stderr.print(f"{len(page.events)} of {page.total} events", highlight=False)


def _stages(policy: str):
    from newsfuse.live import default_stages

    stages = default_stages(policy=policy)
    return {"reconcile": stages.reconcile, "build_brief": stages.build_brief}


@events_app.command("merge")
def merge_command(
    ctx: typer.Context,
    events: Annotated[list[str], typer.Argument(help="Two or more event ids; the first is kept.")],
    policy: PolicyOption = "latest",
    db: Annotated[str | None, typer.Option("--db", envvar="NEWSFUSE_DB")] = None,
) -> None:
    """Merge events into the first one (recorded; later ingests keep it)."""
    from newsfuse.store import merge_events, open_store

    with open_store(db or ctx.obj["db"], create=False) as store:
        kept = merge_events(store, events, **_stages(policy))
    typer.echo(kept)


@events_app.command("split")
def split_command(
    ctx: typer.Context,
    event: Annotated[str, typer.Argument(help="The event to split.")],
    articles: Annotated[list[str], typer.Argument(help="Article ids to move to a new event.")],
    policy: PolicyOption = "latest",
    db: Annotated[str | None, typer.Option("--db", envvar="NEWSFUSE_DB")] = None,
) -> None:
    """Move articles out of an event into a new one (recorded; later ingests keep it)."""
    from newsfuse.store import open_store, split_event

    with open_store(db or ctx.obj["db"], create=False) as store:
        new_id = split_event(store, event, articles, **_stages(policy))
    typer.echo(new_id)
