"""The personal report's chart: current vs target per requirement, as server-rendered SVG.

PURE Python (no Django import). One horizontal bar per requirement, grouped under a heading per
AXELOS family or NOS standard. Each bar shows the target (an outlined box reaching the target
on the requirement's own scale) and the current standing (a filled bar inside it); the numbers
are printed at the end of the row, so nothing is told by colour alone. The page repeats the
same rows in a data table for screen readers (`report.html`), and the SVG is an accessible
image: role="img", aria-labelledby pointing at its <title> and <desc>.

Scales differ by framework: an AXELOS requirement is drawn on its 1–5 level scale (target =
target level), a NOS requirement on the share of its criteria and knowledge items judged
competent (target = all of them, 100 %).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from xml.sax.saxutils import escape, quoteattr

from skillframe.insights.gaps import Gap

WIDTH = 780
LABEL_W = 290  # requirement code and title
BAR_X = LABEL_W + 10
BAR_W = 260
ROW_H = 24
GROUP_H = 28
TOP = 34  # room for the legend
BOTTOM = 8
MAX_LABEL = 40  # characters of a title shown beside its bar (the table has the full text)


@dataclass(frozen=True)
class ChartRow:
    """One bar: where a person stands on one requirement, on that requirement's own scale."""

    group: str  # family or standard heading
    code: str
    title: str
    current: float | None  # 0..scale_max; None when nothing is rated
    target: float  # 0..scale_max
    scale_max: float
    value_text: str  # the numbers, printed beside the bar ("level 2 of 3", "4 of 9 competent")
    met: bool


def value_text(gap: Gap) -> str:
    """A short statement of current vs target for one gap (used by chart, table and PDF)."""
    req = gap.requirement
    if req.by_level:
        current = "not rated" if gap.current is None else f"level {gap.current}"
        return f"{current} / target {req.target_level}"
    if gap.unknown:
        return "not rated / target competent"
    if gap.applicable_count > 1 or req.item_ids:
        return f"{gap.competent_count} of {gap.applicable_count} competent"
    return "competent" if gap.met else "not yet competent"


def chart_rows(gaps: Iterable[Gap], groups: dict[int, str], scale_max: int = 5) -> list[ChartRow]:
    """Chart rows for gaps; `groups` maps element id → family/standard heading."""
    rows = []
    for gap in gaps:
        req = gap.requirement
        if req.by_level:
            top = float(max(scale_max, req.target_level or 0, gap.current or 0))
            current = None if gap.current is None else float(gap.current)
            target = float(req.target_level or 0)
        else:
            top = 1.0
            current = None if gap.unknown else float(gap.share_competent or 0.0)
            target = 1.0
        rows.append(
            ChartRow(
                group=groups.get(req.element_id, req.framework),
                code=req.code,
                title=req.title,
                current=current,
                target=target,
                scale_max=top,
                value_text=value_text(gap),
                met=gap.met,
            )
        )
    return rows


def grouped(rows: Sequence[ChartRow]) -> list[tuple[str, list[ChartRow]]]:
    """Rows under their group headings, groups in order of first appearance."""
    order: dict[str, int] = {}
    for row in rows:
        order.setdefault(row.group, len(order))
    ordered = sorted(rows, key=lambda r: order[r.group])  # stable: keeps requirement order
    return [(name, list(items)) for name, items in groupby(ordered, key=lambda r: r.group)]


def _short(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def chart_height(rows: Sequence[ChartRow]) -> int:
    return TOP + len(grouped(rows)) * GROUP_H + len(rows) * ROW_H + BOTTOM


def render_svg(rows: Sequence[ChartRow], title: str, chart_id: str) -> str:
    """The chart as an inline <svg> element; every text is XML-escaped."""
    height = chart_height(rows)
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    below = sum(1 for r in rows if not r.met)
    desc = (
        f"Horizontal bar chart, one bar per requirement ({len(rows)}), grouped by skill family "
        f"or standard. The outlined box reaches the target, the filled bar the current "
        f"standing; {below} of {len(rows)} requirements are below target. The same figures "
        f"are in the table that follows the chart."
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" id={quoteattr(chart_id)} '
        f'role="img" aria-labelledby="{title_id} {desc_id}" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
        # Legend: the same two marks as the bars.
        '<g class="legend" aria-hidden="true">',
        f'<rect x="{BAR_X}" y="8" width="14" height="12" fill="#1f5fa8"/>',
        f'<text x="{BAR_X + 20}" y="18">current</text>',
        f'<rect x="{BAR_X + 90}" y="8" width="14" height="12" fill="none" '
        'stroke="#333" stroke-width="1.5" stroke-dasharray="3 2"/>',
        f'<text x="{BAR_X + 110}" y="18">target</text>',
        "</g>",
    ]
    y = TOP
    for group, items in grouped(rows):
        out.append(
            f'<text class="group" x="0" y="{y + 18}" font-weight="bold" font-size="13">'
            f"{escape(_short(group, 90))}</text>"
        )
        y += GROUP_H
        for row in items:
            out.append(_bar(row, y))
            y += ROW_H
    out.append("</svg>")
    return "\n".join(out)


def _bar(row: ChartRow, y: int) -> str:
    scale = BAR_W / row.scale_max if row.scale_max > 0 else 0.0
    target_w = row.target * scale
    current_w = (row.current or 0.0) * scale
    fill = "#2e7d32" if row.met else "#1f5fa8"
    label = escape(_short(f"{row.code} {row.title}".strip()))
    parts = [
        f'<g class="bar" data-code={quoteattr(row.code)}>',
        f'<text x="0" y="{y + 16}" font-size="11">{label}</text>',
        # Track: the whole scale, so a bar's length reads against its maximum.
        f'<rect class="track" x="{BAR_X}" y="{y + 5}" width="{BAR_W}" height="14" fill="#eef1f5"/>',
        *_ticks(row, y, scale),
        f'<rect class="current" x="{BAR_X}" y="{y + 6}" width="{current_w:.1f}" height="12" '
        f'fill="{fill}"/>',
        f'<rect class="target" x="{BAR_X}" y="{y + 4}" width="{target_w:.1f}" height="16" '
        'fill="none" stroke="#333" stroke-width="1.5" stroke-dasharray="3 2"/>',
        f'<text class="value" x="{BAR_X + BAR_W + 8}" y="{y + 16}" font-size="11">'
        f"{escape(row.value_text)}</text>",
        "</g>",
    ]
    return "".join(parts)


def _ticks(row: ChartRow, y: int, scale: float) -> list[str]:
    """Faint marks at each whole level of a level scale, so "level 2 of 5" can be read off."""
    if row.scale_max <= 1:
        return []
    return [
        f'<line class="tick" x1="{BAR_X + n * scale:.1f}" x2="{BAR_X + n * scale:.1f}" '
        f'y1="{y + 5}" y2="{y + 19}" stroke="#b8c0ca" stroke-width="1"/>'
        for n in range(1, int(row.scale_max))
    ]
