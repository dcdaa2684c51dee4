"""Reading a table of series for ``pccdesk spc``: the first column is the period, every other numeric column
a series named by its heading.

The file is opened through :mod:`pccdesk.readers` (any format pccdesk reads);
the first visible sheet with anything on it is used. Its first row with two
or more cells filled holds the headings (so a title above the table is
passed over), its first used column holds the periods, and rows after the
last figure (notes, sources) are not periods. Periods may be dates, months
(``Apr 2021``, ``2021-04``), financial quarters (``2021-22 Q1``) or any
other text.

Nothing is guessed quietly:

* when every period is recognised as a date the rows are put in time order
  (as NHSRplotthedots does) and a period given twice stops the run; when some
  are not recognised the rows are taken in the file's order, and a warning
  says so;
* a column with no figure at all is not a series (an info line says so);
* blanks before a series' first figure or after its last are left out (the
  series starts later or ends earlier), but a blank, a "no data" text or an
  unreadable figure *between* figures would break the moving ranges, so that
  series is left out with a warning naming the cell.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field, replace
from pathlib import Path
from typing import Any

from pccdesk.problems import Location, PccdeskError, Problem, ProblemsFound, Severity, info, warning
from pccdesk.readers import SheetData, read_workbook
from pccdesk.readers.cells import cell_name, cell_text
from pccdesk.records import record
from pccdesk.spc import codes
from pccdesk.spc.period_keys import period_start, period_starts
from pccdesk.values import NUMBER, PERCENT, parse_value


@record(frozen=True)
class Period:
    label: str
    start: dt.date | None
    row: int  # 0-based row in the sheet


@record
class Series:
    name: str
    periods: list[Period]
    values: list[float]
    column: int


@record
class SeriesTable:
    file: str
    sheet: str
    period_heading: str
    series: list[Series] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _period(value: Any, row: int) -> Period:
    if isinstance(value, dt.datetime):
        day = value.date()
        label = day.isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
        return Period(label, day, row)
    if isinstance(value, dt.date):
        return Period(value.isoformat(), value, row)
    label = cell_text(value)
    return Period(label, period_start(label), row)


def read_series_table(path: str | Path, *, password: str | None = None) -> SeriesTable:
    """The series in ``path``. Raises :class:`PccdeskError` (one plain line) when there is none to chart."""
    path = Path(path)
    book = read_workbook(path, password)
    sheet = next((s for s in book.sheets if not s.hidden and any(_filled(r) for r in s.rows)), None)
    if sheet is None:
        raise PccdeskError("there is nothing in this file to chart", Location.of(path), code=codes.SPC_NO_SERIES)
    head = next((i for i, r in enumerate(sheet.rows) if sum(1 for v in r if cell_text(v)) >= 2),
                next(i for i, r in enumerate(sheet.rows) if _filled(r)))
    left = next(c for c, v in enumerate(sheet.rows[head]) if cell_text(v))
    headings = [cell_text(sheet.value(head, c)) for c in range(sheet.width)]
    table = SeriesTable(path.name, sheet.name, headings[left] or "Period")
    with_figures = [r for r in range(head + 1, sheet.height)
                    if any(cell_text(sheet.value(r, c)) for c in range(left + 1, sheet.width))]
    last = with_figures[-1] if with_figures else head
    periods = [_period(sheet.value(r, left), r) for r in range(head + 1, last + 1)
               if cell_text(sheet.value(r, left)) or r in with_figures]
    written = [i for i, p in enumerate(periods) if not isinstance(sheet.value(p.row, left), dt.date)]
    for i, start in zip(written, period_starts([periods[i].label for i in written]), strict=True):
        periods[i] = replace(periods[i], start=start)
    if not periods:
        raise PccdeskError("there are headings but no rows of figures below them",
                           Location.of(path, sheet.name), code=codes.SPC_NO_SERIES)
    where = Location.of(path, sheet.name)
    for p in periods:
        if not p.label:
            raise PccdeskError("a row has figures but no period in the first column",
                               Location.of(path, sheet.name, cell_name(p.row, left)), code=codes.SPC_PERIOD_MISSING)
    periods = _in_time_order(periods, path, sheet, left, table.problems)
    for col in range(left + 1, sheet.width):
        name = headings[col]
        if not name:
            if any(cell_text(sheet.value(p.row, col)) for p in periods):
                table.problems.append(warning(
                    codes.SPC_COLUMN_UNNAMED, "this column has figures but no heading, so it was left out",
                    Location.of(path, sheet.name, cell_name(head, col))))
            continue
        series = _series(sheet, col, name, periods, head, path, table.problems, (left, _missing_before(periods)))
        if series is not None:
            table.series.append(series)
    if not table.series and any(p.severity is Severity.WARNING for p in table.problems):
        raise ProblemsFound([p for p in table.problems if p.severity is Severity.WARNING],
                            "no series could be charted", where)
    if not table.series:
        raise PccdeskError("no column has figures to chart (the first column is the period; each other column "
                           "needs a heading and numbers)", where, code=codes.SPC_NO_SERIES)
    return table


def _filled(row: list[Any]) -> bool:
    return any(cell_text(v) for v in row)


def _in_time_order(periods: list[Period], path: Path, sheet: SheetData, left: int,
                   problems: list[Problem]) -> list[Period]:
    unknown_rows = [p for p in periods if p.start is None]
    if unknown_rows and len(unknown_rows) < len(periods):
        # among months or quarters, a "Total" or "Average" row is not a period: charting it would make a
        # point of the sum (and a special cause of it); a period pccdesk cannot read leaves a gap, which is said
        for p in unknown_rows:
            problems.append(warning(
                codes.SPC_NOT_A_PERIOD, f'the row "{p.label}" is not a date, month or quarter pccdesk recognises, '
                "unlike the others, so it is left out of the charts (a total or average is not a period)",
                Location.of(path, sheet.name, cell_name(p.row, left))))
        periods = [p for p in periods if p.start is not None]
    if any(p.start is None for p in periods):
        unknown = next(p for p in periods if p.start is None)
        problems.append(warning(
            codes.SPC_PERIOD_ORDER, f'the period "{unknown.label}" is not a date, month or quarter pccdesk recognises, '
            "so the rows are charted in the order they are in the file",
            Location.of(path, sheet.name, cell_name(unknown.row, left))))
        keys: list[str] = [p.label.casefold() for p in periods]
    else:
        periods = sorted(periods, key=lambda p: (p.start, p.row))
        keys = [str(p.start) for p in periods]
    seen: dict[str, Period] = {}
    for key, p in zip(keys, periods, strict=True):
        if key in seen:
            raise PccdeskError(f'the period "{p.label}" is given twice (rows {seen[key].row + 1} and {p.row + 1}): '
                               "each period needs one row", Location.of(path, sheet.name, cell_name(p.row, left)),
                               code=codes.SPC_DUPLICATE_PERIOD)
        seen[key] = p
    return periods


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _missing_before(periods: list[Period]) -> set[int]:
    """Indices of periods that come after a missing one: the dates jump further than the table's usual step.

    The step is the smallest gap between periods in months (1 for monthly figures, 3 for quarters, 12 for years);
    without every period as a date nothing can be seen and nothing is reported.
    """
    if len(periods) < 3 or any(p.start is None for p in periods):
        return set()
    months = [_month_index(p.start) for p in periods if p.start is not None]
    steps = [b - a for a, b in zip(months, months[1:], strict=False)]
    step = min((s for s in steps if s > 0), default=0)
    return {i for i, s in enumerate(steps, start=1) if step and s > step}


def _series(sheet: SheetData, col: int, name: str, periods: list[Period], head: int, path: Path,
            problems: list[Problem], gaps: tuple[int, set[int]] = (0, set())) -> Series | None:
    """The series in column ``col``; ``gaps`` is the period column and the periods that follow a missing one."""
    left, missing_before = gaps
    parsed = [parse_value(sheet.value(p.row, col), percent_format=sheet.is_percent(p.row, col)) for p in periods]
    present = [i for i, v in enumerate(parsed) if v.value is not None]
    if not present:
        problems.append(info(codes.SPC_NOT_A_SERIES, f'the column "{name}" has no figures, so it is not charted',
                             Location.of(path, sheet.name, cell_name(head, col))))
        return None
    first, last = present[0], present[-1]
    for i in range(first, last + 1):
        if parsed[i].value is None:
            what = f'"{parsed[i].text}"' if parsed[i].text else "a blank"
            problems.append(warning(
                codes.SPC_SERIES_GAP, f'"{name}" has {what} for {periods[i].label} between figures; an XmR chart needs '
                "a figure for every period, so this series is not charted",
                Location.of(path, sheet.name, cell_name(periods[i].row, col))))
            return None
    for i in range(first + 1, last + 1):
        if i in missing_before:
            problems.append(warning(
                codes.SPC_SERIES_GAP, f'"{name}" goes from {periods[i - 1].label} to {periods[i].label} with no row'
                " for the period between them, and an XmR chart needs a figure for every period, so this series is not"
                " charted (add the missing row)",
                Location.of(path, sheet.name, cell_name(periods[i].row, left))))
            return None
    units = [parsed[i].unit for i in range(first, last + 1)]
    if PERCENT in units and NUMBER in units:
        # a rate pasted without its percent format reads as 0.45 among 45%: a hundredfold jump on the chart
        odd = NUMBER if units.count(NUMBER) <= units.count(PERCENT) else PERCENT
        i = first + units.index(odd)
        problems.append(warning(
            codes.SPC_MIXED_UNITS, f'"{name}" has {parsed[i].text} for {periods[i].label}, '
            f"{'a plain number where the other figures are percentages' if odd == NUMBER else 'a percentage where the other figures are plain numbers'}"
            "; if they are on different scales the chart would be wrong, so this series is not charted (format "
            "the cell like the others)", Location.of(path, sheet.name, cell_name(periods[i].row, col))))
        return None
    if first > 0 or last < len(periods) - 1:
        problems.append(info(
            codes.SPC_SERIES_SHORTER, f'"{name}" runs from {periods[first].label} to {periods[last].label} only '
            "(blank before or after)", Location.of(path, sheet.name, cell_name(periods[first].row, col))))
    values = [v.value for v in parsed[first:last + 1] if v.value is not None]
    return Series(name, periods[first:last + 1], values, col)
