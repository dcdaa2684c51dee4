"""One figure read from a return's cell, the same way for pccdesk's template and for the force's own tables."""

from __future__ import annotations

import dataclasses

from pccdesk.indicators import codes
from pccdesk.indicators.definitions import Indicator
from pccdesk.indicators.return_rows import normalise
from pccdesk.problems import Location, Problem, error, warning
from pccdesk.readers import SheetData, WorkbookData
from pccdesk.values import ParsedValue, parse_value, tidy_number


def read_figure(book: WorkbookData, sheet: SheetData, r: int, c: int | None, ci_col: int | None,
            indicator: Indicator | None, problems: list[Problem]) -> tuple[ParsedValue, Location]:
    """The figure in cell (r, c) with its ± half-width from ``ci_col``, in the indicator's unit.

    A percent-formatted cell holding a whole number (87 shown as 8700%) is read as the force meant it,
    with a warning; a fraction in a percentage indicator becomes a percentage; float noise from that
    scaling is tidied so the figure stays the one the force wrote.
    """
    if c is None:
        return ParsedValue(""), Location()
    where = book.location(sheet.name, r, c)
    raw = sheet.value(r, c)
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
    if result.value is not None and result.value != parsed.value:
        # 0.29 × 100 is 28.999999999999996 in binary floating point: keep the figure the force meant
        result = dataclasses.replace(result, value=tidy_number(result.value), half_width=tidy_number(result.half_width))
    return result, where
