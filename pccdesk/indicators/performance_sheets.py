"""The performance part of the pack: one sheet per objective, the History sheet and the data tables.

Objective sheets follow the seed reports' layout (No. | Indicator | Previous |
Period | Current | Period | …) so the panel sees what it is used to, but are
laid out for paper: every figure is a number with a number format (see
:mod:`pccdesk.indicators.pack_figures`), columns with nothing in them (the ±
of survey estimates, the trend) are left out, indicator wording and commentary
wrap, and the widths keep the printed text at 10 pt or more on A4 landscape.
The force's commentary, its comparative note and the OPCC's comment are
printed with each indicator. The ``Data`` sheet holds the same figures in the
``Performance`` table for anyone who wants to analyse them.

The Cover and Summary are in :mod:`pccdesk.indicators.summary_sheets`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from pccdesk.indicators.assessment import IndicatorResult
from pccdesk.indicators.pack_figures import (
    DIRECTION_SYMBOLS,
    Figure,
    change_figure,
    display_change,
    display_value,
    half_width_figure,
    level_figure,
)
from pccdesk.indicators.spc_sheets import (
    SPC_COLUMN,
    SPC_SHEET,
    has_spc,
    spc_cell,
    write_spc_sheet,
    write_spc_table,
)
from pccdesk.indicators.spc_status import spc_note
from pccdesk.indicators.summary_sheets import CoverDetails, objective_sheet_names, write_cover, write_summary
from pccdesk.periods import reporting_period_key
from pccdesk.records import record
from pccdesk.writers.data_quality import DATA_QUALITY_COLUMNS, write_data_quality  # noqa: F401 (moved there)
from pccdesk.writers.pack_workbook import STATUS_SYMBOLS, Column, PackWorkbook, fit_widths, print_scale

__all__ = ["DIRECTION_SYMBOLS", "CoverDetails", "display_change", "display_value", "write_cover", "write_summary",
           "write_objective_sheets", "write_history_sheet", "write_performance_table", "write_data_quality",
           "indicator_notes", "write_spc_sheet"]

PERFORMANCE_COLUMNS = (
    Column("Ref", 7), Column("Objective", 26), Column("Indicator", 50), Column("Previous", 11, "number"),
    Column("Previous period", 18), Column("Current", 11, "number"), Column("Current period", 18),
    Column("Target", 9, "number"), Column("Status", 11), Column("Change", 11, "number"), Column("Direction", 20),
    Column("Note", 40),
)

HISTORY_SHEET = "History"
#: First row (0-based) of the History table's values; its header row is the one above.
HISTORY_FIRST_ROW = 3


@record(frozen=True)
class HistoryLayout:
    """Where each indicator's values sit on the History sheet (one table: indicators down, periods across)."""

    periods: list[str]
    rows: dict[str, int]

    def sparkline_range(self, ref: str) -> str | None:
        if ref not in self.rows or not self.periods:
            return None
        row = self.rows[ref] + 1
        return f"'{HISTORY_SHEET}'!C{row}:{xl_col_to_name(1 + len(self.periods))}{row}"


def history_layout(results: Sequence[IndicatorResult]) -> HistoryLayout | None:
    """The History sheet's layout, or None when no indicator has three periods (no sparkline to draw)."""
    if not any(len(r.history) >= 3 for r in results if not r.is_heading):
        return None
    kept = [r for r in results if r.history and not r.is_heading]
    periods = sorted({p.reporting_period for r in kept for p in r.history},
                     key=lambda p: (reporting_period_key(p) or "", p))
    return HistoryLayout(periods, {r.ref: HISTORY_FIRST_ROW + i for i, r in enumerate(kept)})


def indicator_notes(result: IndicatorResult, opcc_comment: str = "") -> str:
    """The text printed beside an indicator: the force's commentary, its note, where a figure came from, the OPCC."""
    parts: list[str] = []
    if result.commentary.strip():
        parts.append(f"Force: {result.commentary.strip()}")
    if result.note.strip():
        parts.append(result.note.strip())
    for label, parsed in (("Previous", result.previous), ("Current", result.current)):
        if parsed is not None and parsed.value is None and parsed.text.strip():
            parts.append(f"{label}: {parsed.text.strip()}")
    if result.previous is not None and result.previous.half_width is not None and result.previous.value is not None:
        unit = "%" if result.indicator.is_percent else ""
        parts.append(f"Previous ±{result.previous.half_width:.10g}{unit} (95% confidence interval)")
    if result.previous_from_history:
        parts.append(f"Previous figure from the history: {result.previous_period}")
    spc = spc_note(result.spc, len(result.history))
    if spc:
        parts.append(spc)
    if opcc_comment.strip():
        parts.append(f"OPCC comment: {opcc_comment.strip()}")
    return "\n".join(parts)


def _objective_columns(rows: Sequence[IndicatorResult], with_trend: bool,
                       with_spc: bool = False) -> list[tuple[str, Column]]:
    """The columns of one objective sheet, leaving out those with nothing in them."""
    columns = [("ref", Column("No.", 6, "ref")), ("indicator", Column("Indicator", 34, "wrap")),
               ("previous", Column("Previous", 9, "figure")), ("previous_period", Column("Period", 11, "wrap")),
               ("current", Column("Current", 9, "figure"))]
    if any(half_width_figure(r.current, r.indicator) for r in rows):
        columns.append(("half_width", Column("± (95% CI)", 8, "figure")))
    columns += [("current_period", Column("Period", 11, "wrap")), ("target", Column("Target", 8, "figure")),
                ("status", Column("Status", 11, "ref"))]
    if with_spc:
        columns.append(("spc", SPC_COLUMN))
    columns += [("change", Column("Change", 9, "figure")),
                ("movement", Column("Movement", 14, "wrap"))]
    if with_trend:
        columns.append(("trend", Column("Trend", 9, "figure")))
    columns.append(("notes", Column("Commentary and notes", 34, "wrap")))
    return columns


def write_objective_sheets(pack: PackWorkbook, results: Sequence[IndicatorResult], history_sheet: str | None = None,
                           history_rows: Mapping[str, int] | None = None,
                           opcc_comments: Mapping[str, str] | None = None) -> None:
    """One sheet per objective. ``history_sheet``/``history_rows`` are kept for callers; the layout is recomputed."""
    del history_sheet, history_rows
    layout = history_layout(results)
    comments = opcc_comments or {}
    objectives: dict[str, list[IndicatorResult]] = {}
    for item in results:
        objectives.setdefault(item.indicator.objective, []).append(item)
    names = objective_sheet_names(list(objectives))
    for number, (objective, rows) in enumerate(objectives.items(), start=1):
        with_trend = layout is not None and any(len(r.history) >= 3 and r.ref in layout.rows for r in rows)
        _write_objective(pack, names[objective], number, objective, rows, layout if with_trend else None, comments)


def _write_objective(pack: PackWorkbook, name: str, number: int, objective: str, rows: Sequence[IndicatorResult],
                     layout: HistoryLayout | None, comments: Mapping[str, str]) -> None:
    sheet = pack.add_sheet(name, repeat_rows=(2, 2))
    keyed = _objective_columns(rows, layout is not None, any(has_spc(r) for r in rows))
    columns = [c for _, c in keyed]
    widths = fit_widths(columns, True)
    index = {key: i for i, (key, _) in enumerate(keyed)}
    pack.text(sheet, 0, 0, f"Objective {number}: {objective}", pack.title_format)
    pack.text(sheet, 1, 0, "Status against the plan's target; change and movement since the previous figure. "
              "The symbols are explained on the Cover.", pack.fmt(italic=True))
    for c, col in enumerate(columns):
        sheet.set_column(c, c, widths[c])
        pack.text(sheet, 2, c, col.header, pack.header_format)
    pack.fit_row_height(sheet, 2, [(col.header, widths[c]) for c, col in enumerate(columns)])
    sheet.freeze_panes(3, 2)
    r = 3
    for result in rows:
        ind = result.indicator
        if result.is_heading:
            heading = pack.kind_format("text", bold=True, bg_color="#F2F2F2")
            pack.text(sheet, r, 0, ind.ref, heading)
            pack.text(sheet, r, 1, ind.wording, heading)
            for c in range(2, len(columns)):
                sheet.write_blank(r, c, None, heading)
            pack.fit_row_height(sheet, r, [(ind.wording, widths[1])])
            r += 1
            continue
        _write_indicator_row(pack, sheet, r, result, index, widths, comments.get(ind.ref, ""))
        if layout is not None and len(result.history) >= 3:
            spark = layout.sparkline_range(ind.ref)
            if spark:
                sheet.add_sparkline(r, index["trend"], {"range": spark, "markers": True, "series_color": "#1F3864"})
        r += 1
    notes: tuple[str, ...] = (
        "Status is shown by word and symbol as well as colour. Change for percentages is in percentage points (pp).",)
    if "spc" in index:
        notes += ("Variation and assurance (SPC) are shown with 13 or more periods of history; the charts are on "
                  f"the sheet '{SPC_SHEET}'.",)
    notes += ("'No significant change' means the change is within the combined 95% confidence intervals.",)
    for i, line in enumerate(notes):
        pack.text(sheet, r + 1 + i, 0, line, pack.fmt(italic=True))


def _write_indicator_row(pack: PackWorkbook, sheet: Worksheet, r: int, result: IndicatorResult,
                         index: Mapping[str, int], widths: Sequence[float], opcc_comment: str) -> None:
    ind = result.indicator
    wrap = pack.kind_format("text")
    status = result.status.value

    def figure(c: int, fig: Figure | None, text: str = "") -> None:
        if fig is None:
            # no number: a short word in place of the figure ("n/a"); its full text is in the notes
            pack.text(sheet, r, c, text, pack.kind_format("text", align="right"))
        else:
            sheet.write_number(r, c, fig.value, pack.kind_format("figure", num_format=fig.num_format))

    pack.text(sheet, r, index["ref"], ind.ref, wrap)
    label = ("    " + ind.wording) if ind.parent else ind.wording
    pack.text(sheet, r, index["indicator"], label, wrap)
    previous = result.previous
    current = result.current
    figure(index["previous"], level_figure(previous.value if previous else None, ind, previous.text if previous
                                           else ""), "n/a" if previous is not None and previous.text.strip() else "")
    pack.text(sheet, r, index["previous_period"], result.previous_period, wrap)
    figure(index["current"], level_figure(current.value if current else None, ind, current.text if current else ""),
           "n/a" if current is not None and current.text.strip() else "")
    if "half_width" in index:
        figure(index["half_width"], half_width_figure(current, ind))
    pack.text(sheet, r, index["current_period"], result.current_period, wrap)
    figure(index["target"], level_figure(ind.target, ind, ind.target_text))
    pack.text(sheet, r, index["status"], f"{STATUS_SYMBOLS[status]} {status}", pack.status_format(status))
    if "spc" in index:
        pack.text(sheet, r, index["spc"], spc_cell(result) or None, wrap)
    figure(index["change"], change_figure(result))
    pack.text(sheet, r, index["movement"], DIRECTION_SYMBOLS[result.change.direction], wrap)
    if "trend" in index:
        sheet.write_blank(r, index["trend"], None, wrap)
    notes = indicator_notes(result, opcc_comment)
    pack.text(sheet, r, index["notes"], notes, wrap)
    pack.fit_row_height(sheet, r, [(label, widths[index["indicator"]]), (notes, widths[index["notes"]]),
                                   (result.previous_period, widths[index["previous_period"]]),
                                   (result.current_period, widths[index["current_period"]]),
                                   (DIRECTION_SYMBOLS[result.change.direction], widths[index["movement"]]),
                                   *([(spc_cell(result), widths[index["spc"]])] if "spc" in index else [])])


def write_history_sheet(pack: PackWorkbook, results: Sequence[IndicatorResult]) -> tuple[str | None, dict[str, int]]:
    """Every indicator's values by reporting period as one Excel table (``History``): the sparklines' data.

    Indicators down, periods across, each indicator's name beside its ref. It prints at 100% (spread over
    pages with the ref and name repeated) when the periods do not fit one page wide at 10 pt.
    """
    layout = history_layout(results)
    if layout is None:
        return None, {}
    kept = [r for r in results if r.ref in layout.rows]
    columns = [Column("Ref", 7, "ref"), Column("Indicator", 40, "wrap")] + \
              [Column(p, 11, "figure") for p in layout.periods]
    widths = fit_widths(columns, True)
    fits = print_scale(widths, True) >= 10 / 11
    sheet = pack.add_sheet(HISTORY_SHEET, repeat_rows=(2, 2), fit_width=fits)
    if not fits:
        sheet.repeat_columns(0, 1)
    pack.text(sheet, 0, 0, "Values of each indicator by reporting period, from the history store",
              pack.subtitle_format)
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width)
    top = HISTORY_FIRST_ROW - 1
    sheet.add_table(top, 0, top + len(kept), len(columns) - 1, {
        "name": "History", "style": "Table Style Light 1",
        "columns": [{"header": col.header} for col in columns]})
    pack.fit_row_height(sheet, top, [(col.header, widths[c]) for c, col in enumerate(columns)])
    for result in kept:
        row = layout.rows[result.ref]
        pack.text(sheet, row, 0, result.ref, pack.kind_format("text"))
        pack.text(sheet, row, 1, result.indicator.wording, pack.kind_format("text"))
        by_period = {p.reporting_period: p for p in result.history}
        for j, period in enumerate(layout.periods, start=2):
            point = by_period.get(period)
            fig = level_figure(point.value, result.indicator, point.text) if point else None
            if fig is None:
                sheet.write_blank(row, j, None, pack.kind_format("figure"))
            else:
                sheet.write_number(row, j, fig.value, pack.kind_format("figure", num_format=fig.num_format))
        pack.fit_row_height(sheet, row, [(result.indicator.wording, widths[1])])
    pack.table_names.append("History")
    return sheet.name, dict(layout.rows)


def performance_rows(results: Sequence[IndicatorResult]) -> tuple[list[list[object]], list[dict[int, str]]]:
    """Rows of the ``Performance`` table and, per row, the number format of each figure cell."""
    rows: list[list[object]] = []
    formats: list[dict[int, str]] = []
    for r in results:
        if r.is_heading:
            continue
        ind = r.indicator
        prev_parsed = r.previous if r.previous is not None and r.previous.value is not None else None
        cur_parsed = r.current if r.current is not None and r.current.value is not None else None
        # a stated change ("+6%, +47 crimes") is not a level: its text goes in the note
        prev = level_figure(prev_parsed.value, ind, prev_parsed.text) if prev_parsed and prev_parsed.value is not None \
            else None
        cur = level_figure(cur_parsed.value, ind, cur_parsed.text) if cur_parsed and cur_parsed.value is not None \
            else None
        target = level_figure(ind.target, ind, ind.target_text)
        change = change_figure(r)
        note_parts = [r.note]
        if r.current is not None and r.current.value is None and r.current.text.strip():
            note_parts.insert(0, f"Current: {r.current.text.strip()}")
        if r.previous is not None and r.previous.value is None and r.previous.text.strip():
            note_parts.insert(0, f"Previous: {r.previous.text.strip()}")
        rows.append([
            r.ref, ind.objective, ind.wording,
            prev.value if prev else None, r.previous_period,
            cur.value if cur else None, r.current_period,
            target.value if target else None,
            r.status.value,
            change.value if change else None, r.change.direction.value,
            "; ".join(p for p in note_parts if p),
        ])
        formats.append({c: f.num_format for c, f in ((3, prev), (5, cur), (7, target), (9, change)) if f})
    return rows, formats


def write_performance_table(pack: PackWorkbook, results: Sequence[IndicatorResult]) -> None:
    rows, formats = performance_rows(results)
    pack.data_table("Performance", PERFORMANCE_COLUMNS, rows, "Performance indicators")
    # Each figure gets its own number format, since one column holds several measures.
    sheet = pack.data_sheet
    top = pack.last_table_top
    for i, per_cell in enumerate(formats):
        for c, num_format in per_cell.items():
            value = rows[i][c]
            if isinstance(value, int | float):
                sheet.write_number(top + 1 + i, c, value, pack.kind_format("figure", border=0, num_format=num_format))
    write_spc_table(pack, results)
