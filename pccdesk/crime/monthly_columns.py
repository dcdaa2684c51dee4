"""A crime table with one column per month (the MPS borough file: ``MajorText, LookUp_BoroughName, 202103 …``).

The latest month's 12 months are compared with the 12 before them, month by month
like for like, as record-level extracts are (:mod:`pccdesk.crime.extract_counting`):
a month whose column is missing (or whose counterpart a year earlier is) is left
out of both years, with a warning naming it, and the labels say so; the same
month given in two columns stops the reading, since it would be counted twice.
The last 12 columns are never simply taken as "the last 12 months": with a
column missing they would span 13 months against 12.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from pccdesk.crime import codes
from pccdesk.crime.categories import TOTAL, CategoryList
from pccdesk.crime.crime_checks import held_text
from pccdesk.crime.crime_model import CURRENT, PREVIOUS, CrimeCount, CrimeImport
from pccdesk.crime.extract_dates import month_label, month_list
from pccdesk.crime.long_table_forces import force_of_areas
from pccdesk.problems import Location, PccdeskError, info, warning
from pccdesk.readers.cells import cell_name
from pccdesk.readers.workbook_reader import SheetData, WorkbookData
from pccdesk.values import count_number


def month_of_heading(value: Any) -> int | None:
    """``202103`` (or ``202103.0``) as a month number (year × 12 + month − 1), or None."""
    text = str(value).strip().split(".")[0]
    if len(text) != 6 or not text.isdigit() or not 1 <= int(text[4:]) <= 12:
        return None
    return int(text[:4]) * 12 + int(text[4:]) - 1


def _span_label(months: list[int], kept: list[int]) -> str:
    inside = [m for m in months if m not in kept and kept and kept[0] < m < kept[-1]]
    label = f"{month_label(kept[0])} to {month_label(kept[-1])}" if len(kept) > 1 else month_label(kept[0])
    return label + (f" (without {month_list(inside)})" if inside else "")


def _span(kept: list[int]) -> tuple[dt.date, dt.date]:
    first = dt.date(kept[0] // 12, kept[0] % 12 + 1, 1)
    after = kept[-1] + 1
    return first, dt.date(after // 12, after % 12 + 1, 1) - dt.timedelta(days=1)


def _columns(book: WorkbookData, sheet: SheetData, header: int, months: list[int]
             ) -> tuple[list[int], list[int], list[int], list[str]]:
    """The current and previous columns compared (same calendar months, a year apart), the current months kept,
    and the warnings' texts."""
    head = sheet.rows[header]
    by_month: dict[int, int] = {}
    for c in months:
        month = month_of_heading(head[c])
        if month is None:
            continue
        if month in by_month:
            raise PccdeskError(f"columns {cell_name(header, by_month[month])} and {cell_name(header, c)} are both "
                               f"headed {str(head[c]).split('.')[0]} ({month_label(month)}): that month would be "
                               "counted twice; give each month once", book.location(sheet.name, header, c),
                               code=codes.CRIME_MONTH_TWICE)
        by_month[month] = c
    latest = max(by_month)
    current = list(range(latest - 11, latest + 1))
    has_previous = any(m - 12 in by_month for m in current)
    notes: list[str] = []
    if has_previous:
        missing = [m for m in current if m not in by_month or m - 12 not in by_month]
        if len(missing) == len(current):
            raise PccdeskError("nothing can be compared like for like: no month has a column in both years",
                               book.location(sheet.name, header), code=codes.CRIME_NOTHING_COMPARABLE)
        absent = [m for m in current + [m - 12 for m in current] if m not in by_month]
        kept = [m for m in current if m not in missing]
        if missing:
            notes.append(f"no column for {month_list(absent)}: {month_list(missing)} and "
                         f"{month_list(m - 12 for m in missing)} are left out of both years so that they compare "
                         f"like for like ({len(kept)} of 12 months compared)")
        return [by_month[m] for m in kept], [by_month[m - 12] for m in kept], kept, notes
    kept = [m for m in current if m in by_month]
    if len(kept) < len(current):
        notes.append(f"no column for {month_list(m for m in current if m not in by_month)}: the current period "
                     "counts only the months it has")
    return [by_month[m] for m in kept], [], kept, notes


def long_months(book: WorkbookData, sheet: SheetData, header: int, roles: dict[str, int], months: list[int],
                categories: CategoryList, force: str | None) -> CrimeImport:
    """One column per month (``202103`` …): the latest 12 months against the same months a year earlier."""
    current_cols, previous_cols, kept, notes = _columns(book, sheet, header, months)
    current = list(range(kept[-1] - 11, kept[-1] + 1))
    force_name = force or force_of_areas(sheet, header, roles) or "Force"
    result = CrimeImport(book.path, force_name, _span_label(current, kept),
                         _span_label([m - 12 for m in current], [m - 12 for m in kept]) if previous_cols else None,
                         shape="monthly columns")
    result.current_span = _span(kept)
    where = Location.of(book.path, sheet.name)
    result.problems.extend(warning(codes.CRIME_MONTH_MISSING, note, where) for note in notes)
    sums: dict[tuple[str, str, str], float] = defaultdict(float)
    cells: dict[tuple[str, str, str], Location] = {}
    unknown: set[str] = set()
    blanks: list[tuple[int, int, str]] = []  # (row, column, text held) of month cells with no number
    for r in range(header + 1, sheet.height):
        label = sheet.value(r, roles["category"])
        if label is None or not str(label).strip():
            continue
        category = categories.category(label)
        if category is None:
            unknown.add(str(label).strip())
        area = categories.area_name(sheet.value(r, roles["area"]), force) if "area" in roles else force_name
        result.rows_read += 1
        for role, cols in ((CURRENT, current_cols), (PREVIOUS, previous_cols)):
            if not cols:
                continue
            value = 0.0
            for c in cols:
                raw = sheet.value(r, c)
                number = count_number(raw)
                if number is None:
                    blanks.append((r, c, "" if raw is None else str(raw).strip()))
                value += number or 0.0
            for cat in ((category,) if category else ()) + ((TOTAL,) if category != TOTAL else ()):
                for place in dict.fromkeys((area, force_name)):
                    key = (place, cat, role)
                    sums[key] += value
                    cells.setdefault(key, book.location(sheet.name, r, cols[0]))
    for (place, cat, role), value in sums.items():
        result.counts.append(CrimeCount(place, cat, role, value, cells[(place, cat, role)],
                                        is_force=(place == force_name)))
    if blanks:
        result.problems.append(warning(codes.CRIME_MONTH_CELL_BLANK, f"{len(blanks):,} month cells of the periods "
                                       f"compared hold no count (e.g. {'; '.join(_held(*b) for b in blanks[:5])}): they add nothing, so "
                                       "the figures of their rows may be short; fill them in or check the file",
                                       book.location(sheet.name, *blanks[0][:2])))
    if unknown:
        shown = sorted(unknown)
        more = f" and {len(shown) - 8} more" if len(shown) > 8 else ""
        result.problems.append(info(codes.CRIME_CATEGORY_UNLISTED, f"categories not in the {categories.source} "
                                    f"were left out: {', '.join(shown[:8])}{more}", Location.of(book.path)))
    result.problems.append(info(codes.CRIME_TOTAL_SUMMED, "the force's figures and Total crime are sums of the file's "
                                "rows (it gives no totals of its own)", Location.of(book.path)))
    return result



def _held(r: int, c: int, held: str) -> str:
    """A month cell with no count, for the warning: where it is and what it held (a figure of another kind, such as
    a percentage, is quoted as it was written)."""
    return f"{cell_name(r, c)}: {held_text(held)}"
