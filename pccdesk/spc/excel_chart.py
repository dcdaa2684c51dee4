"""An XmR chart as a native Excel line chart, for ``pccdesk spc`` and for the pack.

:func:`add_xmr_chart` writes the block of figures a chart is drawn from
(period, value, mean, limits, a column per kind of mark, the target) on a
sheet of the caller's choice and returns the chart, ready for
``worksheet.insert_chart``. The figures stay in the workbook, so a reader can
see what is drawn and Excel can redraw it.

Marks: a special-cause point is drawn again as its own series, named in the
legend (``Improvement (special cause)`` …), so the meaning is in words and
in the marker's shape as well as its colour: blue circle, orange diamond,
purple square, NHSRplotthedots' colours. The chart's title points at a cell
holding the name rather than repeating it, so a name from an input that
starts with ``=`` can never become a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xlsxwriter.chart import Chart
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from pccdesk.spc.icons import Variation
from pccdesk.spc.xmr_chart import XmrChart

BLOCK_HEADERS = ["Period", "Value", "Mean", "Lower limit", "Upper limit", "Improvement", "Concern", "Neither",
                 "Target"]
MARK_STYLE = {
    Variation.IMPROVEMENT: ("#00B0F0", "circle"),
    Variation.CONCERN: ("#E46C0A", "diamond"),
    Variation.NEITHER: ("#490092", "square"),
}
_LINES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("Value", {"color": "#7F7F7F", "width": 1.5},
     {"type": "circle", "size": 5, "fill": {"color": "#A6A6A6"}, "border": {"color": "#7F7F7F"}}),
    ("Mean", {"color": "#000000", "width": 1.25}, {"type": "none"}),
    ("Lower limit", {"color": "#7F7F7F", "width": 1.25, "dash_type": "dash"}, {"type": "none"}),
    ("Upper limit", {"color": "#7F7F7F", "width": 1.25, "dash_type": "dash"}, {"type": "none"}),
]


def chart_rows(chart: XmrChart, periods: Sequence[str]) -> list[list[str | float | None]]:
    """The block's rows under :data:`BLOCK_HEADERS`: one per point, None where a mark or target is absent."""
    rows: list[list[str | float | None]] = []
    for p in chart.points:
        marks: list[float | None] = [p.value if p.variation is kind else None for kind in MARK_STYLE]
        rows.append([periods[p.index], p.value, p.limits.mean, p.limits.lower, p.limits.upper, *marks,
                     chart.target])
    return rows


def add_xmr_chart(book: Workbook, sheet: Worksheet, top: int, left: int, *, chart: XmrChart,
                  periods: Sequence[str], title_cell: tuple[str, int, int] | None = None,
                  number_format: str = "#,##0.0##") -> Chart:
    """Write the chart's figures at (``top``, ``left``) on ``sheet`` (headers, then a row per point) and return
    the chart drawn from them. ``title_cell``: (sheet name, row, column) of the cell holding the title."""
    numbers = book.add_format({"num_format": number_format})
    for col, header in enumerate(BLOCK_HEADERS):
        sheet.write_string(top, left + col, header)
    for r, row in enumerate(chart_rows(chart, periods), start=top + 1):
        sheet.write_string(r, left, str(row[0]))
        for col, value in enumerate(row[1:], start=left + 1):
            if isinstance(value, float | int):
                sheet.write_number(r, col, value, numbers)
    first, last = top + 1, top + len(chart.points)
    name = sheet.get_name()
    xl = book.add_chart({"type": "line"})
    assert xl is not None
    categories = [name, first, left, last, left]
    for offset, (label, line, marker) in enumerate(_LINES, start=1):
        xl.add_series({"name": label, "categories": categories, "line": line, "marker": marker,
                       "values": [name, first, left + offset, last, left + offset]})
    if chart.target is not None:
        col = left + BLOCK_HEADERS.index("Target")
        xl.add_series({"name": "Target", "categories": categories, "values": [name, first, col, last, col],
                       "line": {"color": "#DE1B1B", "width": 1.25, "dash_type": "long_dash"},
                       "marker": {"type": "none"}})
    present = {p.variation for p in chart.points}
    for kind, (colour, shape) in MARK_STYLE.items():
        if kind in present:
            col = left + BLOCK_HEADERS.index(kind.value)
            xl.add_series({"name": f"{kind.value} (special cause)", "categories": categories,
                           "values": [name, first, col, last, col], "line": {"none": True},
                           "marker": {"type": shape, "size": 8, "fill": {"color": colour},
                                      "border": {"color": colour}}})
    xl.show_blanks_as("gap")
    if title_cell is not None:
        xl.set_title({"name": list(title_cell), "name_font": {"size": 12, "bold": True}})
    else:
        xl.set_title({"none": True})
    xl.set_x_axis({"num_font": {"rotation": -45, "size": 8}})
    xl.set_y_axis({"major_gridlines": {"visible": True, "line": {"color": "#E0E0E0"}}})
    xl.set_legend({"position": "bottom"})
    return xl
