"""Stage ``report``: Event + Facts -> Brief, and the renderers.

``build_brief`` (``brief``) assembles headline, cited summary (``summary``: MMR over sentence
embeddings), fact table, disputes, single-source claims, timelines and sources. ``render(report,
fmt)`` writes Markdown (``markdown``), JSON (``json_output``, schema in docs/schema/ written by
``schema``) or one self-contained HTML page (``html``).
"""

from __future__ import annotations

from newsfuse.errors import ConfigError
from newsfuse.model import Report
from newsfuse.report.brief import build_brief, fact_label, fact_wording, headline
from newsfuse.report.html import render_html
from newsfuse.report.json_output import iter_json_lines, render_json
from newsfuse.report.markdown import render_markdown

__all__ = ["FORMATS", "build_brief", "fact_label", "fact_wording", "headline", "iter_json_lines",
           "render"]

FORMATS = {"md": render_markdown, "json": render_json, "html": render_html}


def render(report: Report, fmt: str) -> str:
    """Render a report.

    Args:
        report: the run's Report.
        fmt: ``md`` (Markdown), ``json`` or ``html``.

    Returns:
        The document as text.

    Raises:
        ConfigError: for an unknown format.
    """
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise ConfigError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}.") from None
    return renderer(report)
