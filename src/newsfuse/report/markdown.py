"""Markdown for the terminal: the default output of ``newsfuse brief``."""

from __future__ import annotations

import re

from newsfuse.model import Brief, Report
from newsfuse.report.brief import fact_label, fact_wording

_SPACE = re.compile(r"\s+")
ARROW = " \u2192 "


def _clean(text: str | None, limit: int = 300) -> str:
    """One line of article text, safe inside a table cell."""
    text = _SPACE.sub(" ", text or "").strip().replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _cites(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def _when(value) -> str:
    if value is None:
        return "undated"
    return value.date().isoformat() if hasattr(value, "date") and callable(value.date) else str(value)


def brief_markdown(brief: Brief) -> list[str]:
    """The lines of one brief."""
    cite = {s.article_id: s.index for s in brief.sources}
    lines = [f"# {_clean(brief.headline or brief.title or brief.id)}", ""]
    lines.append(f"_{len(brief.article_ids)} article(s), {brief.independent_sources} independent "
                 f"source(s); event {brief.id}_")
    if brief.summary:
        lines += ["", "## Summary", ""]
        lines += [
            f"- {_clean(s.text, 500)} {_cites(s.citations)}" + (f" _({_clean(s.note, 200)})_" if s.note else "")
            for s in brief.summary
        ]
    if brief.facts:
        lines += ["", "## Facts", "", "| fact | value | status | sources | confidence | cited |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for slot, fact in brief.facts.items():
            cited = sorted({cite[m.article_id] for m in fact.mentions if m.article_id in cite})
            lines.append(f"| {fact_label(slot)} | {_clean(fact_wording(fact), 120)} | {fact.status} | "
                         f"{fact.sources} | {fact.confidence:.2f} | {_cites(cited)} |")
    if brief.disputes:
        lines += ["", "## Disputes", ""]
        for slot in brief.disputes:
            sides = "; ".join(f"{_clean(side.value, 60)} ({_clean(', '.join(side.sources), 80)})"
                              for side in brief.facts[slot].sides)
            lines.append(f"- **{slot}**: {sides}")
    if brief.single_source:
        lines += ["", "## Single-source claims", ""]
        lines += [f"- \u201c{_clean(m.quote, 200)}\u201d"
                  f"{' (' + _clean(m.attribution, 60) + ')' if m.attribution else ''} "
                  f"{_cites([cite[m.article_id]] if m.article_id in cite else [])}"
                  for m in brief.single_source]
    if brief.timeline:
        lines += ["", "## Timeline", ""]
        lines += [f"- {_when(e.when)}: {_clean(e.what, 200)} {_cites(e.citations)}"
                  for e in brief.timeline]
    revised = {}
    for entry in brief.revisions:
        slot, _, value = entry.what.partition(": ")
        revised.setdefault(slot, []).append(f"{_clean(value, 80)} {_cites(entry.citations)}")
    if revised:
        lines += ["", "## Revised figures", ""]
        lines += [f"- **{slot}**: {ARROW.join(points)}" for slot, points in revised.items()]
    if brief.sources:
        lines += ["", "## Sources (grouped by independence)", ""]
        groups: dict[int, list] = {}
        for s in brief.sources:
            groups.setdefault(s.group, []).append(s)
        for number, refs in groups.items():
            # Copies, one outlet's reports, or one wire's story: they count once.
            copies = " (one source: not independent)" if len(refs) > 1 else ""
            lines.append(f"- source group {number}{copies}:")
            for s in refs:
                lines.append(f"  - [{s.index}] {_clean(s.title or s.article_id, 120)} \u2014 "
                             f"{_clean(s.source or 'unknown outlet', 60)}, {_when(s.published)}"
                             f"{' <' + _clean(s.url, 200) + '>' if s.url else ''}")
    return lines


def render_markdown(report: Report) -> str:
    """All briefs of a report as one Markdown document."""
    parts = ["\n".join(brief_markdown(b)) for b in report.events] or ["_No events._"]
    if report.unsupported:
        parts.append("\n".join(["## Not read", ""] + [
            f"- {_clean(u.input or u.article_id, 200)}: {u.note}" for u in report.unsupported
        ]))
    return "\n\n---\n\n".join(parts) + "\n"
