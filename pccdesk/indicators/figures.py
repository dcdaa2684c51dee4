"""One figure read from a return's cell, the same way for pccdesk's template and for the force's own tables."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from pccdesk.indicators import codes
from pccdesk.indicators.definitions import Indicator, Measure
from pccdesk.indicators.return_rows import ReturnRow, normalise
from pccdesk.problems import Location, Problem, error, warning
from pccdesk.readers import SheetData, WorkbookData
from pccdesk.readers.cells import cell_text, column_letter, parse_cell
from pccdesk.values import CURRENCY, DAYS, NUMBER, PERCENT, RATE, ParsedValue, parse_value, tidy_number


def read_figure(book: WorkbookData, sheet: SheetData, r: int, c: int | None, ci_col: int | None,
            indicator: Indicator | None, problems: list[Problem]) -> tuple[ParsedValue, Location]:
    """The figure in cell (r, c) with its ± half-width from ``ci_col``, in the indicator's unit.

    A formula whose result the file does not hold, or an Excel error value, is no figure: an error or a
    warning at the cell says so, rather than a blank (No data) or a placeholder 0 passing for the figure.
    A percent-formatted cell holding a whole number (87 shown as 8700%) is read as the force meant it,
    with a warning; a fraction in a percentage indicator becomes a percentage; float noise from that
    scaling is tidied so the figure stays the one the force wrote.
    """
    if c is None:
        return ParsedValue(""), Location()
    where = book.location(sheet.name, r, c)
    raw = sheet.value(r, c)
    unread = _unread_cell(sheet, r, c, where, problems)
    if unread is not None:
        return unread, where
    percent_measure = indicator.is_percent if indicator is not None else False
    percent_cell = sheet.is_percent(r, c)
    if percent_cell and isinstance(raw, int | float) and not isinstance(raw, bool) and abs(raw) > 1.5 \
            and percent_measure:
        problems.append(warning(codes.PERCENT_CELL_HOLDS_WHOLE_NUMBER,
                                f"the cell shows {raw * 100:g}% but holds {raw:g}: read as {raw:g}%", where))
        percent_cell = False
    parsed = parse_value(raw, percent_format=percent_cell)
    if parsed.error:
        problems.append(error(codes.UNREADABLE_VALUE, parsed.error, where))
    if ci_col is not None and parsed.value is not None and sheet.value(r, ci_col) is not None:
        ci = parse_value(sheet.value(r, ci_col), percent_format=sheet.is_percent(r, ci_col))
        if ci.value is None:
            problems.append(error(codes.UNREADABLE_INTERVAL, f'"{ci.text}" is not a ± half-width',
                                  book.location(sheet.name, r, ci_col)))
        else:
            parsed = ParsedValue(parsed.text, parsed.value, parsed.unit, abs(ci.value), parsed.change,
                                 parsed.change_percent, parsed.qualifier, parsed.placeholder, parsed.error)
    if indicator is None:
        return parsed, where
    result = normalise(parsed, percent_measure, where, problems)
    clash = _unit_clash(result, indicator)
    if clash:
        problems.append(error(codes.UNIT_MISMATCH, clash, where))
        return ParsedValue(result.text, error=clash), where
    if result.value is not None and result.value != parsed.value:
        # 0.29 × 100 is 28.999999999999996 in binary floating point: keep the figure the force meant
        result = dataclasses.replace(result, value=tidy_number(result.value), half_width=tidy_number(result.half_width))
    return result, where


#: what the officer is told for a formula whose result the file does not hold
UNCALCULATED = ("the cell holds a formula whose result was not saved in the file (it was written by a program that "
                "does not calculate), so the figure Excel shows cannot be read: open the file in Excel, save it, "
                "and run again")


def _unread_cell(sheet: SheetData, r: int, c: int, where: Location, problems: list[Problem]) -> ParsedValue | None:
    """The figure of a cell whose value is not the figure a person sees in Excel, with the problem saying so;
    None for an ordinary cell."""
    notes = sheet.notes
    if (r, c) in notes.uncalculated:
        problems.append(error(codes.UNCALCULATED_FORMULA, UNCALCULATED, where))
        return ParsedValue("", error=UNCALCULATED)
    if (r, c) in notes.to_recalculate:
        problems.append(warning(codes.FORMULA_NOT_RECALCULATED,
                                "the cell holds a formula and the file asks Excel to recalculate it on opening, so "
                                "the result saved in it may not be the figure Excel shows; it was used: to be sure, "
                                "open the file in Excel, save it, and run again", where))
    for cell, shown in notes.errors:
        if cell == (r, c):
            problems.append(warning(codes.ERROR_VALUE_IN_CELL, f"the cell shows the Excel error {shown} instead of a "
                                    "figure, so there is no figure for it: ask the force to correct it", where))
            return ParsedValue(shown, placeholder=True)
    return None


def hidden_rows_used(book: WorkbookData, rows: Sequence[ReturnRow]) -> list[Problem]:
    """A warning for each figure taken from a row or column hidden in Excel: the person reading the return does
    not see it, and a hidden row or column is often an old or working figure."""
    problems: list[Problem] = []
    for row in rows:
        sheet = book.sheet(row.current_location.sheet or row.location.sheet)
        if sheet is None or not row.current_location.cell:
            continue
        notes = sheet.notes
        if not notes.hidden_rows and not notes.hidden_columns:
            continue
        r, c = parse_cell(row.current_location.cell)
        hidden = (f"row {r + 1}" if r in notes.hidden_rows else
                  f"column {column_letter(c)}" if c in notes.hidden_columns else "")
        if hidden:
            problems.append(warning(codes.HIDDEN_ROW_USED,
                                    f"{row.ref}: {hidden} is hidden in Excel, but its figure "
                                    f'"{row.current.text.strip()}" was used; check it is the figure meant for the '
                                    f"pack (unhide the {hidden.split()[0]} to see it)", row.current_location))
    return problems


def period_text(value: Any) -> str:
    """A period cell as text: a date (``30/06/2015`` in Excel) is the day the figure stands at."""
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return f"As at {day.day} {day:%B %Y}"
    return cell_text(value)


#: Units a figure may carry for each measure of the plan: anything else is another kind of figure.
_UNITS_FOR = {
    Measure.PERCENT: {PERCENT, NUMBER},
    Measure.NUMBER: {NUMBER, RATE, DAYS},
    Measure.RATE: {RATE, NUMBER, PERCENT},
    Measure.DAYS: {DAYS, NUMBER},
    Measure.CURRENCY: {CURRENCY, NUMBER},
}
_UNIT_WORDS = {PERCENT: "a percentage", NUMBER: "a number", RATE: "a rate", DAYS: "a number of days",
               CURRENCY: "an amount of money"}


def _unit_clash(parsed: ParsedValue, indicator: Indicator) -> str:
    """Why a figure cannot be the indicator's (a percentage for a count, money for a percentage), or ""."""
    if parsed.value is None or parsed.unit is None or parsed.unit in _UNITS_FOR[indicator.measure]:
        return ""
    return (f'{indicator.ref} is {_UNIT_WORDS.get(indicator.measure.value, indicator.measure.value)} in the plan, but '
            f'"{parsed.text.strip()}" is {_UNIT_WORDS.get(parsed.unit, parsed.unit)}, so the figure is left out '
            "rather than compared as if it were one: check the return (is it the right row or column?)")
