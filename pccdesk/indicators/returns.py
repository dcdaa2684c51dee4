"""A force's return, read into one :class:`ReturnRow` per indicator figure found.

Two shapes arrive: pccdesk's own template (read exactly, by ref) and the force's
own tables (found and matched by :mod:`pccdesk.indicators.force_tables`). Both give the
same records, each value keeping the file, sheet and cell it came from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pccdesk.indicators import codes
from pccdesk.indicators import template_layout as layout
from pccdesk.indicators.checks import check_row
from pccdesk.indicators.definitions import Indicator, Plan
from pccdesk.indicators.figures import hidden_rows_used, period_text, read_figure
from pccdesk.indicators.force_tables import read_force_tables
from pccdesk.indicators.return_rows import ReturnReading, ReturnRow
from pccdesk.problems import Location, PccdeskError, Problem, error, warning
from pccdesk.readers import ReadOptions, SheetData, WorkbookData, read_workbook
from pccdesk.readers.cells import cell_text as _text
from pccdesk.store.history_store import file_sha256
from pccdesk.values import ParsedValue


def is_template(book: WorkbookData) -> bool:
    meta = book.sheet(layout.META_SHEET)
    if meta is not None and any(_text(v) == layout.TEMPLATE_MARK for row in meta.rows for v in row):
        return True
    sheet = book.sheet(layout.RETURN_SHEET)
    return sheet is not None and _template_header(sheet) is not None


def template_meta(book: WorkbookData) -> dict[str, str]:
    meta = book.sheet(layout.META_SHEET)
    if meta is None:
        return {}
    return {_text(row[0]).lower(): _text(row[1]) for row in meta.rows if len(row) >= 2 and _text(row[0])}


def _template_header(sheet: SheetData) -> tuple[int, dict[str, int]] | None:
    for r, row in enumerate(sheet.rows[:30]):
        names = {_text(v): c for c, v in enumerate(row) if _text(v)}
        if layout.REF in names and layout.CURRENT in names:
            return r, names
    return None


def read_return(path: str | Path, plan: Plan, *, password: str | None = None, accept_suggestions: bool = False,
                profiles: Any = None, options: ReadOptions | None = None) -> ReturnReading:
    """Read a filled return of either shape. Raises :class:`PccdeskError` only when the file is unusable."""
    path = Path(path)
    book = read_workbook(path, password=password, options=options)
    if is_template(book):
        reading = read_template(book, plan)
    else:
        reading = read_force_tables(book, plan, accept_suggestions=accept_suggestions, profiles=profiles)
    reading.sha256 = file_sha256(path)
    return reading


def read_template(book: WorkbookData, plan: Plan) -> ReturnReading:
    sheet = book.sheet(layout.RETURN_SHEET)
    if sheet is None:
        raise PccdeskError(f"the template has no sheet named '{layout.RETURN_SHEET}'", book.location(),
                           code=codes.TEMPLATE_NO_SHEET)
    found = _template_header(sheet)
    if found is None:
        raise PccdeskError(f"the heading row ({layout.REF}, {layout.CURRENT}…) was not found", book.location(sheet.name),
                           code=codes.TEMPLATE_NO_HEADER)
    header_row, cols = found
    problems: list[Problem] = []
    rows: list[ReturnRow] = []
    meta = template_meta(book)
    seen: set[str] = set()
    for r in range(header_row + 1, sheet.height):
        ref = _text(sheet.value(r, cols[layout.REF]))
        if not ref:
            continue
        row_loc = book.location(sheet.name, r, cols[layout.REF])
        indicator = plan.get(ref)
        if indicator is None:
            problems.append(error(codes.UNKNOWN_REF, f'ref "{ref}" is not in the plan "{plan.name}"', row_loc))
            continue
        if ref.lower() in seen:
            problems.append(error(codes.DUPLICATE_REF, f'ref "{ref}" appears twice in the return', row_loc))
            continue
        seen.add(ref.lower())

        def value_at(heading: str, ci_heading: str, r: int = r, indicator: Indicator = indicator
                     ) -> tuple[ParsedValue, Location]:
            return read_figure(book, sheet, r, cols.get(heading), cols.get(ci_heading), indicator, problems)

        previous, prev_loc = value_at(layout.PREVIOUS, layout.PREVIOUS_CI)
        current, cur_loc = value_at(layout.CURRENT, layout.CURRENT_CI)
        rows.append(ReturnRow(
            ref=indicator.ref, label=indicator.wording, previous=previous,
            previous_period=period_text(sheet.value(r, cols.get(layout.PREVIOUS_PERIOD, -1))),
            current=current, current_period=period_text(sheet.value(r, cols.get(layout.CURRENT_PERIOD, -1))),
            note=_text(sheet.value(r, cols.get(layout.NOTE, -1))),
            commentary=_text(sheet.value(r, cols.get(layout.COMMENTARY, -1))),
            location=row_loc, previous_location=prev_loc, current_location=cur_loc))
        problems.extend(check_row(rows[-1], indicator))
    problems.extend(hidden_rows_used(book, rows))
    if meta.get("plan") and meta["plan"] != plan.name:
        problems.append(warning(codes.TEMPLATE_OTHER_PLAN,
                                f'this template was made for the plan "{meta["plan"]}", not "{plan.name}"',
                                book.location(layout.META_SHEET)))
    return ReturnReading(book.path, rows, problems, reporting_period=meta.get("period") or None, shape="template",
                         signature="template")


__all__ = ["ReturnRow", "ReturnReading", "read_return", "read_template", "is_template"]
