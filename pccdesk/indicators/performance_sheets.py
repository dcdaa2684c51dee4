"""The performance part of the pack: cover, summary, one sheet per objective, and the data tables.

Presentation sheets follow the seed reports' layout (No. | Indicator | Previous |
Period | Current | Period | …) so the panel sees what it is used to; the ``Data``
sheet holds the same figures as numbers in the ``Performance`` table for anyone
who wants to analyse them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from xlsxwriter.format import Format

from pccdesk.indicators.assessment import IndicatorResult, status_counts
from pccdesk.indicators.definitions import Measure
from pccdesk.indicators.status_rules import Direction, Status
from pccdesk.values import ParsedValue
from pccdesk.writers.data_quality import DATA_QUALITY_COLUMNS, write_data_quality  # noqa: F401 (moved there)
from pccdesk.writers.pack_workbook import STATUS_SYMBOLS, Column, PackWorkbook

DIRECTION_SYMBOLS = {
    Direction.IMPROVED: "▲ Improved", Direction.DETERIORATED: "▼ Deteriorated", Direction.NO_CHANGE: "= No change",
    Direction.NO_SIGNIFICANT_CHANGE: "≈ No significant change", Direction.NOT_COMPARABLE: "Not comparable",
    Direction.UP: "↑ Up", Direction.DOWN: "↓ Down",
}

PERFORMANCE_COLUMNS = (
    Column("Ref", 7), Column("Objective", 26), Column("Indicator", 50), Column("Previous", 11, "number"),
    Column("Previous period", 18), Column("Current", 11, "number"), Column("Current period", 18),
    Column("Target", 9, "number"), Column("Status", 11), Column("Change", 11, "number"), Column("Direction", 20),
    Column("Note", 40),
)


@dataclass(frozen=True)
class CoverDetails:
    title: str
    plan_name: str
    period: str
    meeting_date: str
    marking: str
    sources: Sequence[str]
    force: str = ""


def display_value(parsed: ParsedValue | None) -> str:
    """A figure as the panel reads it: as the force wrote it, with a ± added when it came from its own column."""
    if parsed is None:
        return ""
    text = parsed.text.strip()
    if parsed.value is None:
        return text
    if not text:
        text = f"{parsed.value:,.10g}{'%' if parsed.unit == 'percent' else ''}"
    if parsed.half_width is not None and not any(mark in text for mark in ("±", "+/-", "+/ -", "+-")):
        text += f" (±{parsed.half_width:.10g}{'%' if parsed.unit == 'percent' else ''})"
    return text


def display_change(result: IndicatorResult) -> str:
    change = result.change.change
    if change is None:
        return ""
    unit = " pp" if result.indicator.measure is Measure.PERCENT else ""
    return f"{change:+.10g}{unit}"


def write_cover(pack: PackWorkbook, details: CoverDetails, contents: Sequence[str]) -> None:
    sheet = pack.add_sheet("Cover", landscape=False)
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 70)
    pack.text(sheet, 0, 0, details.marking, pack.fmt(bold=True, font_color="#C00000"))
    pack.text(sheet, 2, 0, details.title, pack.title_format)
    rows = [
        ("Police and Crime Plan", details.plan_name),
        ("Reporting period", details.period),
        ("Meeting date", details.meeting_date or "Not set"),
        ("Protective marking", details.marking),
        ("Prepared", f"{dt.date.today():%d %B %Y} with pccdesk"),
        ("Figures from", "; ".join(details.sources) or "No returns given"),
    ]
    for i, (k, v) in enumerate(rows, start=4):
        pack.text(sheet, i, 0, k, pack.fmt(bold=True))
        pack.text(sheet, i, 1, v, pack.fmt(text_wrap=True))
    top = 4 + len(rows) + 1
    pack.text(sheet, top, 0, "Contents", pack.subtitle_format)
    for i, name in enumerate(contents, start=top + 1):
        pack.text(sheet, i, 1, name)
    pack.text(sheet, top + len(contents) + 2, 0, "How to read status", pack.subtitle_format)
    legend = [("Green", "meets the target"), ("Amber", "misses the target by no more than the plan's amber margin"),
              ("Red", "misses the target by more than the amber margin"),
              ("No target", "monitored only, or no target set"), ("No data", "no figure was received")]
    for i, (status, meaning) in enumerate(legend, start=top + len(contents) + 3):
        pack.text(sheet, i, 0, f"{STATUS_SYMBOLS[status]} {status}", pack.status_format(status))
        pack.text(sheet, i, 1, meaning)


def write_summary(pack: PackWorkbook, results: Sequence[IndicatorResult]) -> None:
    sheet = pack.add_sheet("Summary", repeat_rows=(2, 2))
    pack.text(sheet, 0, 0, "Summary of status by objective", pack.title_format)
    columns = [Column("Objective", 44)] + [Column(s.value, 11, "integer") for s in Status] + [Column("Total", 9, "integer")]
    counts = status_counts(results)
    rows = [[objective] + [per[s] for s in Status] + [sum(per.values())] for objective, per in counts.items()]
    totals = ["All objectives"] + [sum(per[s] for per in counts.values()) for s in Status] + \
             [sum(sum(per.values()) for per in counts.values())]
    formats: list[dict[int, Format]] = [{} for _ in rows] + [{c: pack.kind_format("integer" if c else "text", bold=True)
                                     for c in range(len(columns))}]
    end = pack.write_grid(sheet, 2, columns, rows + [totals], formats)
    sheet.freeze_panes(3, 1)
    pack.text(sheet, end + 1, 0, "Headings of grouped measures are not counted; each sub-measure is.",
              pack.fmt(italic=True))


def write_objective_sheets(pack: PackWorkbook, results: Sequence[IndicatorResult], history_sheet: str | None,
                           history_rows: dict[str, int]) -> None:
    objectives: dict[str, list[IndicatorResult]] = {}
    for item in results:
        objectives.setdefault(item.indicator.objective, []).append(item)
    headers = [("No.", 6), ("Indicator", 46), ("Previous", 16), ("Period", 16), ("Current", 16), ("Period", 16),
               ("Target", 9), ("Status", 12), ("Change", 11), ("Direction", 19), ("Trend", 11),
               ("Comparative position or note", 34)]
    for number, (objective, rows) in enumerate(objectives.items(), start=1):
        sheet = pack.add_sheet(f"{number} {objective}", repeat_rows=(2, 2))
        pack.text(sheet, 0, 0, f"Objective {number}: {objective}", pack.title_format)
        for c, (name, width) in enumerate(headers):
            sheet.set_column(c, c, width)
            pack.text(sheet, 2, c, name, pack.header_format)
        sheet.freeze_panes(3, 2)
        r = 3
        for result in rows:
            ind = result.indicator
            wrap = pack.kind_format("text")
            if result.is_heading:
                heading = pack.kind_format("text", bold=True, bg_color="#F2F2F2")
                pack.text(sheet, r, 0, ind.ref, heading)
                sheet.merge_range(r, 1, r, len(headers) - 1, "", heading)
                pack.text(sheet, r, 1, ind.wording, heading)
                pack.fit_row_height(sheet, r, [(ind.wording, sum(w for _, w in headers[1:]))])
                r += 1
                continue
            label = ("    " + ind.wording) if ind.parent else ind.wording
            status = result.status.value
            values = [ind.ref, label, display_value(result.previous), result.previous_period,
                      display_value(result.current), result.current_period, ind.target_text,
                      f"{STATUS_SYMBOLS[status]} {status}", display_change(result),
                      DIRECTION_SYMBOLS[result.change.direction], "", result.note]
            for c, v in enumerate(values):
                fmt = pack.status_format(status) if c == 7 else wrap
                pack.text(sheet, r, c, v, fmt)
            pack.fit_row_height(sheet, r, [(v, headers[c][1]) for c, v in enumerate(values)])
            if history_sheet and ind.ref in history_rows and len(result.history) >= 3:
                hr = history_rows[ind.ref]
                n = len(result.history)
                from pccdesk.readers.cells import column_letter

                sheet.add_sparkline(r, 10, {
                    "range": f"'{history_sheet}'!B{hr + 1}:{column_letter(n)}{hr + 1}",
                    "markers": True, "series_color": "#1F3864"})
            r += 1
        pack.text(sheet, r + 1, 0, "Status is shown by word and symbol as well as colour. Change for percentages is in "
                  "percentage points (pp). 'No significant change' means the change is within the combined 95% "
                  "confidence intervals.", pack.fmt(italic=True, text_wrap=True))
        sheet.set_row(r + 1, 30)
        sheet.merge_range(r + 1, 0, r + 1, len(headers) - 1, None)


def write_history_sheet(pack: PackWorkbook, results: Sequence[IndicatorResult]) -> tuple[str | None, dict[str, int]]:
    """Each indicator's values by period (two rows: periods, then values): the sparklines' data."""
    with_history = [r for r in results if len(r.history) >= 3]
    if not with_history:
        return None, {}
    sheet = pack.add_sheet("History")
    sheet.set_column(0, 0, 10)
    sheet.set_column(1, 40, 12)
    pack.text(sheet, 0, 0, "Values of each indicator by reporting period, from the history store",
              pack.subtitle_format)
    rows: dict[str, int] = {}
    for i, result in enumerate(with_history):
        top = 2 + i * 3
        pack.text(sheet, top, 0, result.ref, pack.header_format)
        fmt = pack.kind_format("percent") if result.indicator.is_percent else pack.kind_format("number")
        for j, point in enumerate(result.history, start=1):
            pack.text(sheet, top, j, point.reporting_period, pack.header_format)
            sheet.write_number(top + 1, j, point.value / 100 if result.indicator.is_percent else point.value, fmt)
        rows[result.ref] = top + 1
    return sheet.name, rows


def performance_rows(results: Sequence[IndicatorResult]) -> tuple[list[list[object]], list[dict[int, object]]]:
    rows: list[list[object]] = []
    for r in results:
        if r.is_heading:
            continue
        scale = 100.0 if r.indicator.is_percent else 1.0
        prev = r.previous_value
        cur = r.current_value
        if r.current is not None and r.current.value is None and r.current.change is not None:
            cur = None  # a stated change is not a level: its text goes in the note
        if r.previous is not None and r.previous.value is None and r.previous.change is not None:
            prev = None
        note_parts = [r.note]
        if r.current is not None and r.current.value is None and r.current.text.strip():
            note_parts.insert(0, f"Current: {r.current.text.strip()}")
        if r.previous is not None and r.previous.value is None and r.previous.text.strip():
            note_parts.insert(0, f"Previous: {r.previous.text.strip()}")
        rows.append([
            r.ref, r.indicator.objective, r.indicator.wording,
            None if prev is None else prev / scale, r.previous_period,
            None if cur is None else cur / scale, r.current_period,
            None if r.indicator.target is None else r.indicator.target / scale,
            r.status.value,
            None if r.change.change is None else r.change.change, r.change.direction.value,
            "; ".join(p for p in note_parts if p),
        ])
    return rows, []


def write_performance_table(pack: PackWorkbook, results: Sequence[IndicatorResult]) -> None:
    rows, _ = performance_rows(results)
    pack.data_table("Performance", PERFORMANCE_COLUMNS, rows, "Performance indicators")
    # Percent rows get percentage formats cell by cell, since one column holds several measures.
    sheet = pack.data_sheet
    top = pack.last_table_top
    kept = [r for r in results if not r.is_heading]
    for i, result in enumerate(kept):
        row = top + 1 + i
        if result.indicator.is_percent:
            pct = pack.kind_format("percent", border=0)
            for c in (3, 5, 7):
                value = rows[i][c]
                if isinstance(value, float | int):
                    sheet.write_number(row, c, float(value), pct)
            if isinstance(rows[i][9], float | int):
                sheet.write_number(row, 9, float(rows[i][9]),  # type: ignore[arg-type]
                                   pack.fmt(num_format='+0.0" pp";-0.0" pp";0.0" pp"'))


