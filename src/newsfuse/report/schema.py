"""Write the published JSON Schemas (``python -m newsfuse.report.schema docs/schema``).

One file per type in ``newsfuse.model.SCHEMA_TYPES`` (``report.schema.json``, ...), derived from
the pydantic models, so the schema and the output can never drift apart silently: a test
compares the published files with the models.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsfuse.model import SCHEMA_TYPES, SCHEMA_VERSION

SCHEMA_ID = "https://newsfuse.invalid/schema/{version}/{name}.schema.json"


def schema_of(name: str) -> dict:
    """The JSON Schema (draft 2020-12) of one published type.

    Raises:
        KeyError: for a name not in ``SCHEMA_TYPES``.
    """
    schema = SCHEMA_TYPES[name].model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID.format(version=SCHEMA_VERSION, name=name),
        **schema,
    }


def schema_text(name: str) -> str:
    """The schema as it is written to disk."""
    return json.dumps(schema_of(name), indent=2, sort_keys=True) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema into ``directory``; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_TYPES:
        path = directory / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        sys.stderr.write("usage: python -m newsfuse.report.schema DIRECTORY\n")
        return 2
    for path in write_schemas(Path(args[0])):
        sys.stdout.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
