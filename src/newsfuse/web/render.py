"""What the pages draw that a template should not compute: highlighted text, charts, links.

Everything that comes from an article goes through ``markupsafe.escape`` here or through
Jinja's autoescaping in the templates; nothing from an article is ever marked safe unescaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from newsfuse.model import Fact, Mention, SeriesPoint, Span

SAFE_SCHEMES = ("http", "https")


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (so ``javascript:`` is never a link)."""
    if not url:
        return None
    text = url.strip()
    # Browsers drop control characters and whitespace inside a scheme ("java\tscript:").
    if any(ord(c) < 33 for c in text):
        return None
    parts = urlsplit(text)
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    return text


@dataclass
class Segment:
    """A run of text that lies inside one sentence and has one set of evidence marks."""

    start: int
    end: int
    text: str
    mention_ids: list[str] = field(default_factory=list)


def segments(text: str, mentions: Sequence[Mention], sentences: Sequence[Span]) -> list[Segment]:
    """Cut ``text`` at every sentence and evidence boundary; mark the evidence runs.

    Spans outside the text (a stale offset) are clipped, so the page always shows all the text.
    """
    size = len(text)
    cuts = {0, size}
    spans: list[tuple[int, int, str]] = []
    for sentence in sentences:
        cuts.update((max(0, min(sentence.start, size)), max(0, min(sentence.end, size))))
    for mention in mentions:
        if mention.evidence.field != "text":
            continue  # a headline figure: its evidence is the title, shown above the text
        start, end = max(0, min(mention.evidence.start, size)), max(0, min(mention.evidence.end, size))
        if end > start:
            cuts.update((start, end))
            spans.append((start, end, mention.id))
    bounds = sorted(cuts)
    out = []
    for start, end in zip(bounds, bounds[1:]):
        ids = [mid for s, e, mid in spans if s <= start and end <= e]
        out.append(Segment(start, end, text[start:end], ids))
    return out


def sentence_of(mention: Mention, sentences: Sequence[Span]) -> tuple[int, int]:
    """The offsets of the sentence to highlight for ``mention``."""
    if mention.sentence is not None:
        return mention.sentence.start, mention.sentence.end
    for sentence in sentences:
        if sentence.start <= mention.evidence.start < sentence.end:
            return sentence.start, max(sentence.end, mention.evidence.end)
    return mention.evidence.start, mention.evidence.end


def mention_value(mention: Mention) -> str:
    """A short text for a mention's value."""
    value = mention.value.model_dump()
    kind = value.get("kind")
    if kind == "count":
        low, high = value.get("low"), value.get("high")
        return f"{low}" if high == low else (f"{low}+" if high is None else f"{low}–{high}")
    for key in ("label", "name", "claimant", "date", "venue", "city", "region", "country"):
        if value.get(key):
            return str(value[key])
    return mention.evidence.text


#: A list value (actors, claimants) longer than this shows its first items and folds the rest.
FOLD_AFTER = 5


def fact_items(fact: Fact) -> tuple[list[str], list[str]]:
    """A fact's value as the items shown and the items folded away ("and 9 more").

    A list value (reconcile joins names with '; ') is split into its names; any other value is
    one item.
    """
    text = fact_value(fact)
    items = [part for part in text.split("; ") if part] if isinstance(fact.best, str) else [text]
    actors = (fact.value or {}).get("actors") if fact.slot == "actor" else None
    if actors and all(isinstance(a, dict) and a.get("side") for a in actors):
        # Who did it and to whom come first, labelled; other named parties follow.
        items = [a["name"] if a["side"] == "other" else f"{a['name']} ({a['side']})" for a in actors]
    if len(items) <= FOLD_AFTER + 1:  # folding one name away would save nothing
        return items, []
    return items[:FOLD_AFTER], items[FOLD_AFTER:]


def fact_value(fact: Fact) -> str:
    """The best value of a fact with its interval, e.g. '143 (≥143)'."""
    if fact.best is None and fact.value:
        return ", ".join(str(v) for k, v in fact.value.items() if v and k != "kind")
    best = "—" if fact.best is None else str(fact.best)
    if fact.low is None or (fact.low == fact.high == fact.best):
        return best
    interval = f"≥{fact.low}" if fact.high is None else f"{fact.low}–{fact.high}"
    return f"{best} ({interval})"


CHART_W, CHART_H, PAD_L, PAD_R, PAD_T, PAD_B = 420, 170, 44, 16, 16, 34


def series_chart(fact: Fact) -> Markup | None:
    """An inline SVG of a revised figure: each reported value over publication order."""
    points = [p for p in fact.series if p.low is not None]
    if len(points) < 2:
        return None
    top = max([p.low for p in points] + [p.high for p in points if p.high]) or 1
    top = _nice_ceiling(top)
    step = (CHART_W - PAD_L - PAD_R) / max(1, len(points) - 1)

    def y(v: float) -> float:
        return PAD_T + (CHART_H - PAD_T - PAD_B) * (1 - v / top)

    coords = [(PAD_L + i * step, y(p.low)) for i, p in enumerate(points)]
    parts = [
        f'<svg class="chart" viewBox="0 0 {CHART_W} {CHART_H}" role="img" '
        f'aria-label="{escape(fact.slot)} as reported over time">',
        f'<line class="axis" x1="{PAD_L}" y1="{y(0):.1f}" x2="{CHART_W - PAD_R}" y2="{y(0):.1f}"/>',
        f'<text class="tick" x="{PAD_L - 6}" y="{y(top) + 4:.1f}" text-anchor="end">{top}</text>',
        f'<text class="tick" x="{PAD_L - 6}" y="{y(0) + 4:.1f}" text-anchor="end">0</text>',
        '<polyline class="line" points="'
        + " ".join(f"{x:.1f},{yy:.1f}" for x, yy in coords) + '"/>',
    ]
    for n, ((x, yy), point) in enumerate(zip(coords, points)):
        # The first and last dates sit at the chart's edges: anchor them inwards, never clipped.
        anchor = "start" if n == 0 and len(points) > 1 else "end" if n == len(points) - 1 and n else "middle"
        if point.high is None:  # open interval: an arrow up from the lower bound
            parts.append(f'<line class="open" x1="{x:.1f}" y1="{yy:.1f}" x2="{x:.1f}" '
                         f'y2="{max(PAD_T, yy - 14):.1f}"/>')
        parts.append(
            f'<a href="/articles/{escape(quote(point.article_id, safe=""))}'
            f'#m={escape(quote(point.mention_id, safe=""))}">'
            f'<circle class="dot" cx="{x:.1f}" cy="{yy:.1f}" r="4"><title>'
            f"{escape(point.value)} — {escape(point.attribution or '')}</title></circle></a>"
            f'<text class="label" x="{x:.1f}" y="{yy - 8:.1f}" text-anchor="middle">'
            f"{escape(point.value)}</text>"
            f'<text class="tick" x="{x:.1f}" y="{CHART_H - 12}" text-anchor="{anchor}">'
            f"{escape(_short_date(point))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _short_date(point: SeriesPoint) -> str:
    return point.published.strftime("%d %b %H:%M") if isinstance(point.published, datetime) else ""


def _nice_ceiling(value: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 5000, 10000):
        if value <= step * 10:
            return int(-(-value // step) * step)
    return int(value)
