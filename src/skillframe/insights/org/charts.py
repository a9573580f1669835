"""Trend charts: one small server-rendered SVG line chart per element, one point per cycle.

PURE Python (no Django import). One series per chart, so nothing depends on telling colours
apart; every point carries its value as text, and the page repeats the numbers in a data table.
The SVG is an accessible image (role="img", <title> and <desc>), like `report_svg.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 320, 140
LEFT, RIGHT, TOP, BOTTOM = 34, 12, 14, 30


@dataclass(frozen=True)
class Point:
    label: str  # the cycle's name
    value: float | None  # None: nobody rated by the end of that cycle
    text: str  # the value as printed ("2.4", "60%")


def line_chart(title: str, points: Sequence[Point], top: float, chart_id: str) -> str:
    """An SVG line chart of `points` on 0..`top` (a level scale's top, or 1 for shares)."""
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_w / max(len(points) - 1, 1)
    top = top or 1.0

    def xy(i: int, value: float) -> tuple[float, float]:
        return LEFT + i * step, TOP + inner_h * (1 - min(max(value / top, 0.0), 1.0))

    described = "; ".join(f"{p.label}: {p.text}" for p in points) or "no cycles"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" class="trend-chart">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(described)}</desc>',
        f'<line x1="{LEFT}" y1="{TOP + inner_h}" x2="{WIDTH - RIGHT}" y2="{TOP + inner_h}" '
        'stroke="#555"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + inner_h}" stroke="#555"/>',
        f'<text x="{LEFT - 4}" y="{TOP + 4}" text-anchor="end" font-size="10">'
        f"{escape(_axis(top))}</text>",
        f'<text x="{LEFT - 4}" y="{TOP + inner_h}" text-anchor="end" font-size="10">0</text>',
    ]
    known = [(i, p) for i, p in enumerate(points) if p.value is not None]
    if len(known) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, p.value or 0) for i, p in known))
        parts.append(f'<polyline points="{path}" fill="none" stroke="#0072B2" stroke-width="2"/>')
    for i, p in enumerate(points):
        x = LEFT + i * step
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - 8}" text-anchor="middle" font-size="10">'
            f"{escape(p.label[:14])}</text>"
        )
        if p.value is not None:
            px, py = xy(i, p.value)
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="#0072B2"/>')
            parts.append(
                f'<text x="{px:.1f}" y="{py - 6:.1f}" text-anchor="middle" font-size="10">'
                f"{escape(p.text)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _axis(top: float) -> str:
    return "100%" if top == 1.0 else f"{top:g}"


def chart_id(code: str) -> str:
    """An id attribute value derived from an element code."""
    return "trend-" + "".join(ch if ch.isalnum() else "-" for ch in code)
