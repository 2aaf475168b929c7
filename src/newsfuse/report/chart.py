"""A small inline SVG chart of a revised figure over its series of reports."""

from __future__ import annotations

from markupsafe import Markup, escape

from newsfuse.model import Fact

WIDTH, HEIGHT, PAD = 340, 120, 36


def series_svg(fact: Fact) -> Markup:
    """An SVG line chart of ``fact.series`` (lower bounds; open-ended points drawn hollow).

    Every piece of text in it is escaped; the numbers are formatted by us.
    """
    points = [p for p in fact.series if p.low is not None]
    if len(points) < 2:
        return Markup("")
    top = max(max(p.low for p in points), 1)
    step = (WIDTH - 2 * PAD) / (len(points) - 1)

    def xy(i: int, value: int) -> tuple[float, float]:
        return PAD + i * step, HEIGHT - PAD - (HEIGHT - 2 * PAD) * value / top

    coords = [xy(i, p.low) for i, p in enumerate(points)]
    parts = [
        f'<svg class="chart" role="img" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(fact.slot)} over time</title>",
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" '
        'stroke="#999"/>',
        '<polyline fill="none" stroke="#b22" stroke-width="2" points="'
        + " ".join(f"{x:.1f},{y:.1f}" for x, y in coords) + '"/>',
    ]
    last = len(points) - 1
    for i, ((x, y), p) in enumerate(zip(coords, points, strict=True)):
        fill = "#b22" if p.high is not None else "#fff"
        # The end labels grow inwards, so they stay inside the chart.
        anchor = "start" if i == 0 else "end" if i == last else "middle"
        label = p.value if len(p.value) <= 18 else p.value[:17] + "\u2026"
        when = p.published.date().isoformat() if p.published else "undated"
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{fill}" stroke="#b22">'
            f"<title>{escape(p.value)} ({escape(when)}"
            f"{', ' + escape(p.attribution) if p.attribution else ''})</title></circle>"
            f'<text x="{x:.1f}" y="{max(y - 8, 10):.1f}" font-size="10" text-anchor="{anchor}">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
