"""HTML: one self-contained page (no external resources), every fact linked to its evidence.

All text that comes from articles is escaped by Jinja2's autoescaping; links are kept only for
``http``/``https`` URLs, so ``javascript:`` and other schemes never become a link. Each article's
text is shown with the evidence of every fact marked (``<mark id=...>``), and the fact table
links to those marks. A revised figure gets a small inline SVG chart (``chart``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from newsfuse.model import Article, Brief, Report
from newsfuse.report.brief import fact_label, fact_wording
from newsfuse.report.chart import series_svg

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


@dataclass
class Segment:
    text: str
    anchor: str | None = None
    slot: str | None = None


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsfuse.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["day"] = lambda v: (v.date().isoformat() if hasattr(v, "hour") else str(v)) if v else "undated"
    return env


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) URL, else None (no ``javascript:``, ``data:`` links)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def anchor(brief: Brief, mention_id: str) -> str:
    """An HTML id for a mention's evidence, unique within the page."""
    return f"ev-{_ID_UNSAFE.sub('_', brief.id)}-{_ID_UNSAFE.sub('_', mention_id)}"


def segments(brief: Brief, article: Article, anchors: dict[str, str]) -> list[Segment]:
    """The article text cut into plain and marked pieces (evidence of the brief's facts).

    ``anchors`` receives mention id -> the id of the mark that shows its evidence (overlapping
    evidence shares the first mark).
    """
    spans = []
    for slot, fact in brief.facts.items():
        for fm in [*fact.mentions, *fact.conflicting]:
            if fm.article_id == article.id and fm.field == "text" and 0 <= fm.start < fm.end <= len(article.text):
                spans.append((fm.start, fm.end, fm.mention_id, slot))
    for point_fact in brief.facts.values():
        for point in point_fact.series:
            m = next((m for m in brief.mentions if m.id == point.mention_id), None)
            if m and m.article_id == article.id and m.evidence.field == "text" and m.evidence.end <= len(article.text):
                spans.append((m.evidence.start, m.evidence.end, m.id, point_fact.slot))
    spans.sort()
    out: list[Segment] = []
    at = 0
    for start, end, mention_id, slot in spans:
        if mention_id in anchors:
            continue
        if start < at:
            anchors[mention_id] = out[-1].anchor  # overlaps the last mark: link to it
            continue
        anchors[mention_id] = anchor(brief, mention_id)
        if start > at:
            out.append(Segment(article.text[at:start]))
        out.append(Segment(article.text[start:end], anchor(brief, mention_id), slot))
        at = end
    out.append(Segment(article.text[at:]))
    return out


def render_html(report: Report) -> str:
    """The report as one HTML page."""
    articles = {a.id: a for a in report.articles}
    briefs = []
    for brief in report.events:
        marked = {}
        anchors: dict[str, str] = {}
        for aid in brief.article_ids:
            if aid in articles:
                marked[aid] = segments(brief, articles[aid], anchors)
        cite = {s.article_id: s.index for s in brief.sources}
        briefs.append({
            "brief": brief,
            "facts": [
                {
                    "slot": slot,
                    "label": fact_label(slot),
                    "fact": fact,
                    "wording": fact_wording(fact),
                    "evidence": [(fm, anchors.get(fm.mention_id), cite.get(fm.article_id))
                                 for fm in fact.mentions],
                    "chart": series_svg(fact),
                }
                for slot, fact in brief.facts.items()
            ],
            "articles": [(articles[aid], marked[aid], cite.get(aid)) for aid in marked],
            "cite": cite,
            "anchors": anchors,
        })
    template = _environment().get_template("brief.html.j2")
    return template.render(report=report, briefs=briefs)
