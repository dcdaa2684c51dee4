"""``pccdesk spc``: a workbook of XmR charts, one per series, with the tables behind them.

:func:`build_spc_report` reads the table (:mod:`pccdesk.spc.series_table`)
and makes each series' chart (:func:`pccdesk.spc.xmr_chart.xmr_chart`);
:func:`write_spc_workbook` writes, in one step through
:func:`pccdesk.writers.safe_output.atomic_output`:

* ``Charts`` — a native Excel line chart per series (values, mean, process
  limits, a target line when one is given, and the special-cause points
  marked as Improvement, Concern or Neither in the legend, by shape as well
  as colour), each under a line giving its latest variation and assurance in
  words;
* ``Data`` — the Excel tables ``Spc`` (one row per point) and
  ``SpcSummary`` (one row per series: latest limits, variation, assurance);
* ``Chart data`` — the figures each chart is drawn from, a block per series
  (see :mod:`pccdesk.spc.excel_chart`).

Text from the input (series names, periods) is always written as a string,
never a formula; chart titles point at the cell holding the name rather than
repeating it, for the same reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field
from pathlib import Path

import xlsxwriter

from pccdesk.problems import Location, PccdeskError, Problem, info, warning
from pccdesk.records import record
from pccdesk.spc import codes
from pccdesk.spc.excel_chart import BLOCK_HEADERS, add_xmr_chart
from pccdesk.spc.icons import Better, assurance_label, variation_label
from pccdesk.spc.period_keys import period_start
from pccdesk.spc.process_limits import process_limits
from pccdesk.spc.series_table import Series, SeriesTable, read_series_table
from pccdesk.spc.xmr_chart import FIRM_LIMITS_POINTS, XmrChart, xmr_chart
from pccdesk.writers.safe_output import atomic_output

SPC_HEADERS = ["Series", "Period", "Value", "Mean", "Lower limit", "Upper limit", "Special cause", "Variation"]
SUMMARY_HEADERS = ["Series", "Points", "Mean", "Lower limit", "Upper limit", "Latest variation", "Assurance"]
SUMMARY_COLUMN = len(SPC_HEADERS) + 1  # one blank column between the two tables

_BOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


@record
class SeriesChart:
    series: Series
    chart: XmrChart


@record
class SpcReport:
    table: SeriesTable
    charts: list[SeriesChart]
    better: Better
    target: float | None
    problems: list[Problem] = field(default_factory=list)


def rebase_indices(series: Series, rebase: Sequence[str]) -> list[int]:
    """Where each rebase period falls in ``series`` (matched by its text, or by its start date)."""
    found = []
    for text in rebase:
        start = period_start(text)
        for i, p in enumerate(series.periods):
            if p.label.casefold() == text.strip().casefold() or (start is not None and p.start == start):
                found.append(i)
                break
    return found


def build_spc_report(path: str | Path, *, better: Better = Better.NEITHER, target: float | None = None,
                     rebase: Sequence[str] = (), fix_after: int | None = None,
                     password: str | None = None) -> SpcReport:
    """Every series of ``path`` as an XmR chart, with the problems met on the way.

    A rebase period that is in none of the series stops the run (it is a typing
    slip, and charts without the rebase would be silently different).
    """
    table = read_series_table(path, password=password)
    report = SpcReport(table, [], better, target, list(table.problems))
    where = Location.of(path, table.sheet)
    for text in rebase:
        if not any(rebase_indices(s, [text]) for s in table.series):
            raise PccdeskError(f'the rebase period "{text}" is not one of the periods in the first column',
                               where, code=codes.SPC_REBASE_NOT_FOUND)
    for series in table.series:
        try:
            chart = xmr_chart(series.values, better=better, target=target,
                              rebase_at=rebase_indices(series, rebase), fix_after=fix_after)
        except ValueError as exc:
            report.problems.append(warning(codes.SPC_NOT_ENOUGH_POINTS, f'"{series.name}" is not charted: {exc}', where))
            continue
        report.charts.append(SeriesChart(series, chart))
        report.problems.extend(_screening_notes(series, chart, fix_after, where))
        for group in chart.trial_groups:
            first, last = series.periods[group.start].label, series.periods[group.stop - 1].label
            report.problems.append(warning(
                codes.SPC_TRIAL_LIMITS, f'"{series.name}" has only {group.points} points from {first} to {last}: these '
                f"are trial limits, which will move as points are added ({FIRM_LIMITS_POINTS} or more make firm "
                "limits)", where))
    return report


def _screening_notes(series: Series, chart: XmrChart, fix_after: int | None, where: Location) -> list[Problem]:
    """A note for each stretch whose limits leave out outlying moving ranges, with the limits a person using
    every moving range (as the Making Data Count Excel tool does) would work out instead."""
    notes = []
    for group in chart.groups:
        limits = group.limits
        if not limits.moving_ranges_left_out:
            continue
        chunk = series.values[group.start:group.stop]
        every = process_limits(chunk, screen_outliers=False, fix_after=fix_after)
        n = limits.moving_ranges_left_out
        first, last = series.periods[group.start].label, series.periods[group.stop - 1].label
        notes.append(info(
            codes.SPC_MOVING_RANGES_LEFT_OUT,
            f'"{series.name}" ({first} to {last}): {n} moving range{"s" if n != 1 else ""} 3.267 times the average '
            f"or more {'are' if n != 1 else 'is'} left out of the limits, as NHSRplotthedots does, giving "
            f"{limits.lower:,.1f} to {limits.upper:,.1f}; with every moving range (the Making Data Count Excel "
            f"tool) the limits would be {every.lower:,.1f} to {every.upper:,.1f}", where))
    return notes


def write_spc_workbook(report: SpcReport, out: str | Path) -> None:
    """Write ``report`` to ``out`` (.xlsx) in one step: the earlier file stays as it was if anything fails."""
    if not report.charts:
        raise PccdeskError("no series could be charted", Location.of(report.table.file), code=codes.SPC_NO_SERIES)
    with atomic_output(out) as tmp:
        book = xlsxwriter.Workbook(str(tmp), _BOOK_OPTIONS)
        try:
            _write(book, report)
        finally:
            book.close()


def spc_workbook(path: str | Path, out: str | Path, *, better: Better = Better.NEITHER, target: float | None = None,
                 rebase: Sequence[str] = (), fix_after: int | None = None, password: str | None = None) -> SpcReport:
    """Read ``path``, chart every series and write ``out``: what ``pccdesk spc`` does."""
    report = build_spc_report(path, better=better, target=target, rebase=rebase, fix_after=fix_after,
                              password=password)
    write_spc_workbook(report, out)
    return report


def _write(book: xlsxwriter.Workbook, report: SpcReport) -> None:
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    number = book.add_format({"num_format": "#,##0.0##"})
    charts_sheet = book.add_worksheet("Charts")
    data = book.add_worksheet("Data")
    chart_data = book.add_worksheet("Chart data")

    row = 1
    for item in report.charts:
        for p in item.chart.points:
            data.write_string(row, 0, item.series.name)
            data.write_string(row, 1, item.series.periods[p.index].label)
            for col, value in enumerate((p.value, p.limits.mean, p.limits.lower, p.limits.upper), start=2):
                data.write_number(row, col, value, number)
            if p.special_cause is not None:
                data.write_string(row, 6, p.special_cause.value)
            data.write_string(row, 7, p.variation.value)
            row += 1
    data.add_table(0, 0, row - 1, len(SPC_HEADERS) - 1,
                   {"name": "Spc", "columns": [{"header": h} for h in SPC_HEADERS], "style": "Table Style Light 9"})

    for n, item in enumerate(report.charts, start=1):
        chart, latest = item.chart, item.chart.groups[-1].limits
        data.write_string(n, SUMMARY_COLUMN, item.series.name)
        data.write_number(n, SUMMARY_COLUMN + 1, len(chart.points))
        for col, value in enumerate((latest.mean, latest.lower, latest.upper), start=SUMMARY_COLUMN + 2):
            data.write_number(n, col, value, number)
        data.write_string(n, SUMMARY_COLUMN + 5, chart.latest_variation.value)
        if chart.assurance is not None:
            data.write_string(n, SUMMARY_COLUMN + 6, chart.assurance.value)
    data.add_table(0, SUMMARY_COLUMN, len(report.charts), SUMMARY_COLUMN + len(SUMMARY_HEADERS) - 1,
                   {"name": "SpcSummary", "columns": [{"header": h} for h in SUMMARY_HEADERS],
                    "style": "Table Style Light 9"})
    data.set_column(0, 1, 22)
    data.set_column(2, 7, 13)
    data.set_column(SUMMARY_COLUMN, SUMMARY_COLUMN, 22)
    data.set_column(SUMMARY_COLUMN + 1, SUMMARY_COLUMN + 6, 15)

    charts_sheet.set_column(0, 0, 110)
    charts_sheet.write_string(0, 0, f"XmR charts of {report.table.file} (sheet {report.table.sheet})", bold)
    charts_sheet.write_string(1, 0, KEY_TEXT, wrap)
    charts_sheet.set_row(1, 75)
    top, block = 3, 0
    for n, item in enumerate(report.charts, start=1):
        charts_sheet.write_string(top, 0, _headline(item), bold)
        chart_data.write_string(block, 0, item.series.name, bold)
        periods = [p.label for p in item.series.periods]
        xl = add_xmr_chart(book, chart_data, block + 1, 0, chart=item.chart, periods=periods,
                           title_cell=("Data", n, SUMMARY_COLUMN))
        charts_sheet.insert_chart(top + 1, 0, xl, {"x_scale": 1.6, "y_scale": 1.1})
        top += 20
        block += len(item.chart.points) + 3
    chart_data.set_column(0, 0, 22)
    chart_data.set_column(1, len(BLOCK_HEADERS) - 1, 13)


KEY_TEXT = (
    "How to read these charts: the dots are the figures, the black line their mean and the grey dashed lines the "
    "process limits, within which nearly all figures fall while nothing changes. A marked point is a special cause "
    "(outside the limits; 7 rising or falling in a row; 2 of 3 near a limit; 7 on one side of the mean): "
    "Improvement (blue circle), Concern (orange diamond) or Neither (purple square, when neither direction is better). "
    "Assurance: Consistently meets target (P), Consistently misses target (F) or Hit and miss (?).")


def _headline(item: SeriesChart) -> str:
    chart = item.chart
    words = f"{item.series.name}: latest variation {variation_label(chart.latest_variation, chart.latest.direction)}"
    if chart.assurance is not None:
        words += f"; assurance {assurance_label(chart.assurance)}"
    if chart.trial_groups:
        words += "; trial limits (fewer than 13 points)"
    return words
