"""SPC in the pack: the variation and assurance cells beside status, and the ``SPC charts`` sheet.

Every indicator with 13 or more periods of history (``result.spc`` available,
see :mod:`pccdesk.indicators.spc_status`) gets, on its objective sheet and in
the Summary, its latest variation and its assurance in words and symbols
(``Concern ▼ (low)``, ``Hit and miss (?)``), linked to its XmR chart. The
charts are on one sheet after the objective sheets, each with a heading, a
line repeating the status, variation and assurance, the chart (native Excel,
with alternative text giving its figures) and, below it, the figures it is
drawn from, so a reader of the printed pack can check every point. Each
indicator starts a new printed page.

The layout is worked out before anything is written (:func:`spc_layout`), so
the objective sheets, written first, can link to rows of a sheet that does not
exist yet.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import partial

from pccdesk.indicators.assessment import IndicatorResult
from pccdesk.spc.chart_text import xmr_description
from pccdesk.spc.excel_chart import BLOCK_HEADERS, add_xmr_chart
from pccdesk.spc.xmr_chart import XmrChart
from pccdesk.writers.pack_workbook import STATUS_SYMBOLS, Column, PackWorkbook

SPC_SHEET = "SPC charts"
#: Rows the chart takes (default rows are 20 pixels; the chart is 288 × 0.9 pixels high).
CHART_ROWS = 14
_FIRST_ROW = 3
_BLOCK_WIDTHS = [16] + [13] * (len(BLOCK_HEADERS) - 1)


def has_spc(result: IndicatorResult) -> bool:
    return (not result.is_heading and result.spc is not None and result.spc.available
            and result.spc.chart is not None)


def spc_texts(result: IndicatorResult) -> tuple[str, str]:
    """The variation and assurance as written beside status ("", "" without SPC)."""
    if not has_spc(result) or result.spc is None:
        return "", ""
    if result.spc.assurance_text:
        return result.spc.variation_text, result.spc.assurance_text
    # no assurance: without a target, or with one but no better direction (monitored only)
    none = "No target" if result.indicator.target is None else "Not assessed: monitored only"
    return result.spc.variation_text, none


#: The column beside status on objective sheets and the Summary: one, so the page keeps its other columns wide
#: enough to read at 10 pt; fixed at the width of "Consistently", so no word is broken.
SPC_COLUMN = Column("SPC: variation, assurance", 13, "ref")


def spc_cell(result: IndicatorResult) -> str:
    """What the SPC column shows: the variation, then the assurance on the next line ('' without SPC)."""
    variation, assurance = spc_texts(result)
    return f"{variation}\n{assurance}" if variation else ""


def _section_rows(result: IndicatorResult) -> int:
    assert result.spc is not None and result.spc.chart is not None
    return 2 + CHART_ROWS + 1 + 1 + len(result.spc.chart.points) + 2


def spc_layout(results: Sequence[IndicatorResult]) -> dict[str, int]:
    """The row (0-based) of each charted indicator's heading on the ``SPC charts`` sheet."""
    rows: dict[str, int] = {}
    r = _FIRST_ROW
    for result in results:
        if has_spc(result):
            rows[result.ref] = r
            r += _section_rows(result)
    return rows


def axis_range(chart: XmrChart) -> tuple[float, float]:
    """The value axis of a chart: the figures, limits and target with a margin, not from zero.

    Excel starts a line chart's axis at zero, which squashes a series of 80% figures into a flat line at the top;
    the limits are what the reader must see apart. The ends are rounded to a "nice" step.
    """
    limits = chart.groups[-1].limits
    values = [p.value for p in chart.points] + [g.limits.lower for g in chart.groups] + \
        [g.limits.upper for g in chart.groups] + ([chart.target] if chart.target is not None else [])
    low, high = min(values), max(values)
    span = high - low or abs(limits.mean) or 1.0
    step = 10 ** math.floor(math.log10(span / 5))
    for factor in (1, 2, 5, 10):
        if span / (step * factor) <= 8:
            step *= factor
            break
    bottom = math.floor((low - span * 0.05) / step) * step
    top = math.ceil((high + span * 0.05) / step) * step
    if low >= 0 > bottom:
        bottom = 0.0
    return bottom, top


def _show(result: IndicatorResult, value: float) -> str:
    places = 1 if abs(value) < 1000 else 0
    text = f"{value:,.{places}f}"
    return text + "%" if result.indicator.is_percent else text


def write_spc_sheet(pack: PackWorkbook, results: Sequence[IndicatorResult]) -> str | None:
    """The ``SPC charts`` sheet (None when no indicator has enough history for one)."""
    layout = spc_layout(results)
    if not layout:
        return None
    sheet = pack.add_sheet(SPC_SHEET)
    last_col = len(BLOCK_HEADERS) - 1
    for c, width in enumerate(_BLOCK_WIDTHS):
        sheet.set_column(c, c, width)
    wrap = pack.fmt(text_wrap=True)
    pack.text(sheet, 0, 0, "SPC charts: is the change real or noise?", pack.title_format)
    intro = ("Each chart shows an indicator's figures with their mean (black line) and process limits (grey dashed "
             "lines). A marked point is a special cause: Improvement (blue circle), Concern (orange diamond) or "
             "Neither (purple square). The words and symbols are explained on the Cover.")
    sheet.merge_range(1, 0, 1, last_col, "", wrap)
    pack.text(sheet, 1, 0, intro, wrap)
    pack.fit_row_height(sheet, 1, [(intro, sum(_BLOCK_WIDTHS))])
    by_ref = {r.ref: r for r in results}
    for ref, top in layout.items():
        result = by_ref[ref]
        spc = result.spc
        assert spc is not None and spc.chart is not None
        ind = result.indicator
        heading = f"{ind.ref} {ind.wording}"
        sheet.merge_range(top, 0, top, last_col, "", pack.fmt(bold=True, font_size=12, text_wrap=True))
        pack.text(sheet, top, 0, heading, pack.fmt(bold=True, font_size=12, text_wrap=True))
        pack.fit_row_height(sheet, top, [(heading, sum(_BLOCK_WIDTHS) * 0.9)])
        variation, assurance = spc_texts(result)
        status = result.status.value
        line = (f"Status {STATUS_SYMBOLS[status]} {status}; variation {variation}; assurance {assurance}. "
                f"{len(spc.periods)} periods, {spc.periods[0]} to {spc.periods[-1]}.")
        if spc.reason:
            line += f" SPC {spc.reason}."
        sheet.merge_range(top + 1, 0, top + 1, last_col, "", wrap)
        pack.text(sheet, top + 1, 0, line, wrap)
        pack.fit_row_height(sheet, top + 1, [(line, sum(_BLOCK_WIDTHS))])
        block = top + 2 + CHART_ROWS + 1
        number_format = '0.0##"%"' if ind.is_percent else "#,##0.0##"
        chart = add_xmr_chart(pack.book, sheet, block, 0, chart=spc.chart, periods=list(spc.periods),
                              title_cell=(sheet.get_name(), top, 0), number_format=number_format)
        for c, header in enumerate(BLOCK_HEADERS):
            pack.text(sheet, block, c, header, pack.header_format)
        low, high = axis_range(spc.chart)
        chart.set_y_axis({"min": low, "max": high, "major_gridlines": {"visible": True, "line": {"color": "#E0E0E0"}},
                          "num_format": '0"%"' if ind.is_percent else "#,##0"})
        sheet.insert_chart(top + 2, 0, chart, {
            "x_scale": 1.5, "y_scale": 0.9, "object_position": 1,
            "description": xmr_description(heading, spc.chart, spc.periods, partial(_show, result))})
    breaks = [top for top in layout.values() if top != _FIRST_ROW]
    if breaks:
        sheet.set_h_pagebreaks(breaks)
    return sheet.get_name()


SPC_TABLE_COLUMNS = (
    Column("Ref", 7), Column("Points", 8, "integer"), Column("First period", 14), Column("Latest period", 14),
    Column("Latest value", 12, "number"), Column("Mean", 12, "number"), Column("Lower limit", 12, "number"),
    Column("Upper limit", 12, "number"), Column("Special cause", 14), Column("Variation", 14),
    Column("Assurance", 26), Column("Note", 40),
)


def spc_table_rows(results: Sequence[IndicatorResult]) -> list[list[object]]:
    """One row per charted indicator for the ``IndicatorSpc`` table: the latest limits, variation and assurance.

    Figures are in the indicator's own unit as stored (87 for 87%), like the chart's figures.
    """
    rows: list[list[object]] = []
    for result in results:
        if not has_spc(result) or result.spc is None or result.spc.chart is None:
            continue
        spc, chart = result.spc, result.spc.chart
        limits = chart.groups[-1].limits
        latest = chart.latest
        rows.append([result.ref, len(chart.points), spc.periods[0], spc.periods[-1], latest.value, limits.mean,
                     limits.lower, limits.upper, latest.special_cause.value if latest.special_cause else "",
                     chart.latest_variation.value, chart.assurance.value if chart.assurance else "", spc.reason])
    return rows


def write_spc_table(pack: PackWorkbook, results: Sequence[IndicatorResult]) -> None:
    """The ``IndicatorSpc`` table on the Data sheet (not written when no indicator is charted)."""
    rows = spc_table_rows(results)
    if rows:
        pack.data_table("IndicatorSpc", SPC_TABLE_COLUMNS, rows,
                        "SPC of indicators with 13 or more periods of history (latest limits)")
