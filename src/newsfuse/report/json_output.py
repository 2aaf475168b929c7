"""JSON output: the Report as published in docs/schema/report.schema.json."""

from __future__ import annotations

from newsfuse.model import Report


def render_json(report: Report) -> str:
    """The report as JSON text (valid against ``docs/schema/report.schema.json``)."""
    return report.model_dump_json(indent=2)
