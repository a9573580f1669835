"""The personal report as an A4 PDF, made with fpdf2 (PURE Python, no Django import).

Text uses fpdf2's core Helvetica with the Windows-1252 (WinAnsi) encoding: unlike Latin-1 it
has the en dashes, curly quotes, bullets and ellipses the AXELOS text is full of, and it needs
no font file (fpdf2 ships none, and system fonts differ between machines). Anything outside
Windows-1252 is transliterated by `pdf_text` (č → c, ≥ → >=), never dropped silently to an error.
The chart is drawn with fpdf2's rectangles, the same rows as the page's SVG (`report_svg`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos
from fpdf.fonts import FontFace

from skillframe.insights.report_svg import ChartRow, grouped
from skillframe.insights.report_types import PersonReport, RoleSection

ENCODING = "windows-1252"
FONT = "helvetica"
BLUE = (31, 95, 168)
GREEN = (46, 125, 50)
TRACK = (238, 241, 245)
ZEBRA = (246, 248, 251)
# Lines of one table row at most: a longer cell goes on in the next row (see `_row_parts`).
ROW_PART_LINES = 40
HEADINGS = FontFace(emphasis="BOLD", fill_color=(230, 234, 240))

# Characters outside Windows-1252 that have a better spelling than their decomposition.
_SPELLINGS = str.maketrans(
    {
        "≥": ">=",
        "≤": "<=",
        "→": "->",
        "←": "<-",
        "✓": "yes",
        "✔": "yes",
        "✗": "no",
        "−": "-",
        "‐": "-",
        "‑": "-",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


def pdf_text(text: str) -> str:
    """`text` made printable in the core fonts: kept where Windows-1252 has it, else spelt out."""
    try:
        text.encode(ENCODING)
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for char in text.translate(_SPELLINGS):
        try:
            char.encode(ENCODING)
            out.append(char)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            out.append(base or "?")
    return "".join(out)


class ReportPDF(FPDF):
    def __init__(self, report: PersonReport) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report = report
        self.core_fonts_encoding = ENCODING
        self.set_margins(15, 12, 15)
        self.set_auto_page_break(True, margin=15)
        self.set_title(pdf_text(f"Skills report: {report.name}"))
        self.set_author("Skillframe")
        self.set_creator("Skillframe")
        self.set_lang("en")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=7)
        self.set_text_color(90)
        text = f"Skillframe · {self.report.name} ({self.report.employee_id}) · "
        text += f"{self.report.generated:%d %b %Y} · page {self.page_no()} of {{nb}}"
        self.cell(0, 5, pdf_text(text), align="C")
        self.set_text_color(0)

    # Helpers -------------------------------------------------------------------------------

    def heading(self, text: str, size: float = 11) -> None:
        # Keep a heading with at least a few lines of what follows it.
        if self.get_y() + 20 > self.page_break_trigger:
            self.add_page()
        self.ln(1.5)
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.5, pdf_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, size=8.5)
        self.ln(0.5)

    def para(self, text: str, size: float = 8.5) -> None:
        self.set_font(FONT, size=size)
        self.multi_cell(0, size * 0.45, pdf_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def table_of(
        self, headings: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]
    ) -> None:
        self.set_font(FONT, size=7.5)
        with self.table(
            col_widths=tuple(widths),
            headings_style=HEADINGS,
            line_height=3.3,
            text_align="LEFT",
            padding=(0.5, 0.8),
            borders_layout="HORIZONTAL_LINES",
            cell_fill_color=ZEBRA,
            cell_fill_mode="ROWS",
        ) as table:
            head = table.row()
            for text in headings:
                head.cell(pdf_text(text))
            for values in rows:
                for part in self._row_parts([pdf_text(text) for text in values], widths):
                    row = table.row()
                    for text in part:
                        row.cell(text)
        self.ln(1)

    def _row_parts(self, texts: list[str], widths: Sequence[int]) -> list[list[str]]:
        """A row as table rows no taller than ROW_PART_LINES lines each.

        fpdf2 never breaks a table row across pages: a row taller than a page (a 3,000-character
        comment) raised "row too high", and the report could never be made again (ratings are
        append-only). Long cells are wrapped here, with fpdf2's own line breaking at the width
        the table gives them, and carried on in the rows that follow.
        """
        # Table widths are shares of the page width; take off the padding and a margin so the
        # table never wraps a part into more lines than counted here.
        scale = self.epw / sum(widths)
        lines = [
            self._lines(text, w * scale - 2.6) if len(text) > ROW_PART_LINES * 8 else [text]
            for w, text in zip(widths, texts, strict=True)
        ]
        parts = max(1, *(-(-len(cell) // ROW_PART_LINES) for cell in lines))
        if parts == 1:
            return [texts]
        return [
            [" ".join(cell[n * ROW_PART_LINES : (n + 1) * ROW_PART_LINES]) for cell in lines]
            for n in range(parts)
        ]

    def _lines(self, text: str, width: float) -> list[str]:
        lines = self.multi_cell(width, 3.3, text, dry_run=True, output=MethodReturnValue.LINES)
        return [str(line) for line in lines] if isinstance(lines, list) else [text]


def _chart(pdf: ReportPDF, rows: Sequence[ChartRow]) -> None:
    """Horizontal bars drawn with rectangles: outlined target box, filled current bar."""
    label_w, bar_w, row_h = 72.0, 60.0, 4.2
    x0 = pdf.l_margin
    bar_x = x0 + label_w + 2
    # Legend.
    pdf.set_font(FONT, size=7)
    y = pdf.get_y()
    pdf.set_fill_color(*BLUE)
    pdf.rect(bar_x, y + 0.8, 4, 2.6, style="F")
    pdf.text(bar_x + 5, y + 3, "current")
    pdf.set_dash_pattern(dash=0.8, gap=0.5)
    pdf.rect(bar_x + 20, y + 0.8, 4, 2.6, style="D")
    pdf.set_dash_pattern()
    pdf.text(bar_x + 25, y + 3, "target")
    pdf.set_y(y + 5)
    for group, items in grouped(rows):
        if pdf.get_y() + row_h * 2 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.set_font(FONT, "B", 8)
        pdf.cell(0, row_h, pdf_text(group), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for row in items:
            if pdf.get_y() + row_h > pdf.page_break_trigger:
                pdf.add_page()
            y = pdf.get_y()
            scale = bar_w / row.scale_max if row.scale_max > 0 else 0.0
            pdf.set_font(FONT, size=7.5)
            label = pdf_text(f"{row.code} {row.title}")
            while pdf.get_string_width(label) > label_w - 1 and len(label) > 4:
                label = label[:-2].rstrip() + "…"
            pdf.set_xy(x0, y)
            pdf.cell(label_w, row_h, label)
            pdf.set_fill_color(*TRACK)
            pdf.rect(bar_x, y + 0.9, bar_w, 2.8, style="F")
            if row.scale_max > 1:  # a faint mark at each whole level
                pdf.set_draw_color(184, 192, 202)
                pdf.set_line_width(0.15)
                for n in range(1, int(row.scale_max)):
                    pdf.line(bar_x + n * scale, y + 0.9, bar_x + n * scale, y + 3.7)
                pdf.set_draw_color(0)
            if row.current:
                pdf.set_fill_color(*(GREEN if row.met else BLUE))
                pdf.rect(bar_x, y + 1.1, row.current * scale, 2.4, style="F")
            pdf.set_dash_pattern(dash=0.8, gap=0.5)
            pdf.set_line_width(0.25)
            if row.target:
                pdf.rect(bar_x, y + 0.6, row.target * scale, 3.4, style="D")
            pdf.set_dash_pattern()
            pdf.set_xy(bar_x + bar_w + 2, y)
            pdf.cell(0, row_h, pdf_text(row.value_text))
            pdf.set_xy(x0, y + row_h)
    pdf.set_fill_color(255)
    pdf.ln(1.5)


def _role(pdf: ReportPDF, section: RoleSection) -> None:
    fit = f"role fit {section.fit_percent} %"
    pdf.heading(f"{section.which}: {section.title} ({fit})")
    if not section.report.gaps:
        pdf.para("This role profile has no requirements yet.")
        return
    _chart(pdf, section.chart)
    # The chart above names each family or standard; the table leaves that column out.
    rows = [
        (
            f"{line.code} {line.title}",
            line.importance,
            line.value,
            line.status_label,
            line.gap_label,
        )
        for line in section.lines
    ]
    pdf.table_of(
        ("Requirement", "Importance", "Current / target", "Rating", "Gap"),
        rows,
        (46, 11, 17, 15, 21),
    )


def render_pdf(report: PersonReport) -> bytes:
    """The report as PDF bytes (A4 portrait)."""
    pdf = ReportPDF(report)
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(
        0, 8, pdf_text(f"Skills report: {report.name}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    facts = [report.employee_id, report.job_title, report.unit]
    if report.manager:
        facts.append(f"manager {report.manager}")
    facts.append(f"generated {report.generated:%d %B %Y}")
    pdf.para(" · ".join(f for f in facts if f), size=9)

    if not report.roles:
        pdf.heading("Roles")
        pdf.para("No current or target role is set, so there are no gaps to show.")
    for section in report.roles:
        _role(pdf, section)

    pdf.heading("Priorities")
    if report.priorities:
        shown = len(report.priorities)
        if report.priorities_total > shown:
            pdf.para(f"The first {shown} of {report.priorities_total}, highest first.")
        pdf.table_of(
            ("#", "Element", "Why"),
            [
                (str(n), f"{p.code} {p.title}", "; ".join(p.reasons))
                for n, p in enumerate(report.priorities, start=1)
            ],
            (5, 45, 60),
        )
    else:
        pdf.para("No priorities: every requirement of your roles is met.")

    pdf.heading("Development plan")
    plan = report.plan
    if not plan.exists:
        pdf.para("No plan yet.")
    else:
        pdf.para(f"{plan.title} ({plan.status}). {plan.detail}".strip())
        if plan.objectives:
            pdf.table_of(
                ("Objective", "Detail", "Status"),
                [(o.title, o.detail, o.status) for o in plan.objectives],
                (46, 48, 16),
            )

    pdf.heading("Rating history")
    if report.history:
        pdf.para(f"The {len(report.history)} most recent ratings, newest first.")
        pdf.table_of(
            ("Date", "Element", "Rating", "Source", "By", "Comment"),
            [
                (f"{h.when:%d %b %Y}", f"{h.code} {h.title}", h.value, h.source, h.rater, h.comment)
                for h in report.history
            ],
            (13, 35, 13, 10, 14, 25),
        )
    else:
        pdf.para("No ratings yet.")
    return bytes(pdf.output())
