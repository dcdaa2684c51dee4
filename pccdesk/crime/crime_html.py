"""Recorded crime in the HTML copy of the pack: one table per area, and the force's % change as a chart.

The same figures and words as the crime sheets (:mod:`pccdesk.crime.crime_sheets`): counts, change,
% change ("n/a" from a zero or missing count) and "▲ Up" / "▼ Down" (a rise is not necessarily worse).
"""

from __future__ import annotations

from pccdesk.crime.crime_model import CrimeTable
from pccdesk.crime.crime_sheets import DIRECTION_WORDS
from pccdesk.writers.html_pack import Cell, HtmlPack, bar_chart_svg, figure_text

PERCENT = "+0%;-0%;0%"
COUNT = "#,##0"
CHANGE = "+#,##0;-#,##0;0"


def write_crime_html(html: HtmlPack, tables: list[CrimeTable], title: str) -> None:
    for table in tables:
        first = table.rows[0] if table.rows else None
        html.section(f"Recorded crime: {table.area}")
        if first is None:
            html.paragraph("No categories were given for this area.")
            continue
        html.paragraph(f"{title}: {first.current_period} compared with {first.previous_period}")
        rows: list[list[Cell | str | None]] = []
        for row in table.rows:
            rows.append([
                Cell(row.category, row_header=True),
                Cell("n/a" if row.current is None else figure_text(row.current, COUNT), number=True),
                Cell("n/a" if row.previous is None else figure_text(row.previous, COUNT), number=True),
                Cell("n/a" if row.change is None else figure_text(row.change, CHANGE), number=True),
                Cell("n/a" if row.change_percent is None else figure_text(row.change_percent, PERCENT), number=True),
                DIRECTION_WORDS[row.direction]])
        html.table(f"Recorded crime in {table.area} by category", ["Category", first.current_period,
                                                                   first.previous_period, "Change", "Change %",
                                                                   "Up or down"], rows)
        html.paragraph("Change and % change are worked out from the counts; n/a where a count is missing or the "
                       "previous count is 0. ▲ Up / ▼ Down: a rise is not necessarily worse (recording and "
                       "reporting change too).")
        shown = [r for r in table.rows if r.change_percent is not None]
        if table.is_force and shown:
            described = "; ".join(f"{r.category} {figure_text(r.change_percent, PERCENT)}" for r in shown)
            html.raw(bar_chart_svg(f"% change by category: {table.area}", [r.category for r in shown],
                                   [float(r.change_percent or 0) for r in shown], PERCENT,
                                   f"Bar chart of the % change in recorded crime by category: {described}"))
