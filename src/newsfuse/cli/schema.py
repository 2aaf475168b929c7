"""``newsfuse schema``: the JSON Schema of the output, derived from the model module."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsfuse.model import SCHEMA_TYPES
from newsfuse.cli.common import write_output


def register(app: typer.Typer) -> None:
    app.command("schema")(schema_command)


def schema_command(
    name: Annotated[str, typer.Argument(help=f"One of: {', '.join(SCHEMA_TYPES)}.")] = "report",
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Print the JSON Schema of a newsfuse type (the published copies are in docs/schema/)."""
    if name not in SCHEMA_TYPES:
        raise typer.BadParameter(f"unknown type {name!r}; choose from {', '.join(SCHEMA_TYPES)}")
    write_output(json.dumps(SCHEMA_TYPES[name].model_json_schema(), indent=2), output)
