"""National and regional crime tables (ONS "Table C2", "Table P1"): areas as rows, categories as columns.

One file holds one period for every force: preamble rows, headers with line
breaks and footnote marks (``Violence against the person4``), numbers as text
(``"170,002 "``), force rows mixed with their area rows, ``Unassigned <force>``
rows and ``[x]`` markers. ``--force NAME`` picks one force and its areas. The
period comes from the title ("year ending June 2025"); two such files make a
comparison (see :func:`pccdesk.crime.crime_tables.combine`).

``Unassigned`` counts belong to the force but to none of its areas: they are
kept apart so that the sum check adds them to the areas' total.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pccdesk.crime import codes
from pccdesk.crime.categories import CategoryList, normalise
from pccdesk.crime.crime_model import CURRENT, CrimeCount, CrimeImport
from pccdesk.problems import Location, PccdeskError, info, warning
from pccdesk.readers.workbook_reader import SheetData, WorkbookData
from pccdesk.values import parse_value

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_YEAR_ENDING = re.compile(r"year ending (" + "|".join(_MONTHS) + r")\s+((?:19|20)\d{2})", re.IGNORECASE)

_FORCE_HEADERS = ("police force area name", "police force area", "pfa name", "force name", "force", "area name",
                  "pfa")
_AREA_HEADERS = ("community safety partnership name", "csp name", "community safety partnership",
                 "local authority name", "la name", "local authority", "district", "borough")


def year_ending(text: str) -> tuple[str, dt.date] | None:
    """``year ending June 2025`` in a title, as a label and the period's last month."""
    m = _YEAR_ENDING.search(text)
    if not m:
        return None
    month = _MONTHS.index(m.group(1).lower()) + 1
    return f"Year ending {m.group(1).capitalize()} {m.group(2)}", dt.date(int(m.group(2)), month, 1)


def _header_texts(sheet: SheetData, r: int) -> list[str]:
    """The heading of each column, taken from up to two rows above where the heading row is blank (merged)."""
    out = []
    for c in range(sheet.width):
        text = sheet.value(r, c)
        k = r
        while (text is None or not str(text).strip()) and k > max(0, r - 2):
            k -= 1
            text = sheet.value(k, c)
        out.append(str(text).strip() if text is not None else "")
    return out


def find_header(sheet: SheetData, categories: CategoryList) -> tuple[int, list[str]] | None:
    """The first row (of the first 40) naming three or more listed categories, with its column headings."""
    for r in range(min(40, sheet.height)):
        row = sheet.rows[r]
        hits = sum(1 for v in row if isinstance(v, str) and categories.category(v) is not None)
        if hits >= 3:
            return r, _header_texts(sheet, r)
    return None


def read_national(book: WorkbookData, categories: CategoryList, force: str | None) -> CrimeImport | None:
    """The force's rows and its areas' rows from a national table; None when the workbook has no such table."""
    for sheet in book.sheets:
        if sheet.hidden:
            continue
        found = find_header(sheet, categories)
        if found is None:
            continue
        header, heads = found
        keys = [normalise(h) for h in heads]
        force_col = next((c for name in _FORCE_HEADERS for c, k in enumerate(keys) if k == name), None)
        area_col = next((c for name in _AREA_HEADERS for c, k in enumerate(keys) if k == name), None)
        if force_col is None and area_col is None:
            continue
        return _read_sheet(book, sheet, header, heads, force_col, area_col, categories, force)
    return None


def _title_period(sheet: SheetData, header: int) -> tuple[str, dt.date] | None:
    for r in range(header):
        for value in sheet.rows[r]:
            if isinstance(value, str):
                found = year_ending(value)
                if found:
                    return found
    return None


def _read_sheet(book: WorkbookData, sheet: SheetData, header: int, heads: list[str], force_col: int | None,
                area_col: int | None, categories: CategoryList, force: str | None) -> CrimeImport:
    category_cols: dict[int, str] = {}
    unlisted: list[str] = []
    taken: set[str] = set()
    for c, head in enumerate(heads):
        if c in (force_col, area_col) or not head:
            continue
        category = categories.category(head)
        if category is not None and category not in taken:
            category_cols[c] = category
            taken.add(category)
        elif category is None and not normalise(head).endswith(("code", "name")):
            unlisted.append(re.sub(r"\s+", " ", head))
    label_col = force_col if force_col is not None else area_col
    assert label_col is not None
    forces = _forces_in(sheet, header, label_col)
    chosen = _choose_force(forces, force, categories, book, sheet)
    period = _title_period(sheet, header)
    label, when = period if period else (f"{sheet.name.strip()} of {book.path.name}", None)
    result = CrimeImport(book.path, chosen, label, None, shape="national table")
    result.period_date = when
    wanted = normalise(chosen)
    for r in range(header + 1, sheet.height):
        row = sheet.rows[r]
        force_text = sheet.value(r, label_col)
        if force_text is None or normalise(force_text) != wanted:
            continue
        area_text = sheet.value(r, area_col) if area_col is not None and area_col != label_col else None
        area_name = re.sub(r"\s+", " ", str(area_text or "")).strip()
        unassigned = normalise(area_name).startswith("unassigned")
        is_force = not area_name
        area = chosen if is_force else categories.area_name(area_name, chosen)
        result.rows_read += 1
        for c, category in category_cols.items():
            raw = row[c] if c < len(row) else None
            count = _count(raw)
            loc = book.location(sheet.name, r, c)
            if count is None and raw is not None and str(raw).strip() and not parse_value(raw).placeholder:
                result.problems.append(warning(codes.CRIME_COUNT_UNREADABLE, f'"{str(raw).strip()}" is not a count',
                                               loc))
            if unassigned:
                if count:
                    result.unassigned[(category, CURRENT)] = result.unassigned.get((category, CURRENT), 0) + count
                continue
            result.counts.append(CrimeCount(area, category, CURRENT, count, loc, is_force))
    if not result.counts:
        raise PccdeskError(f"no rows for {chosen} in the table", Location.of(book.path, sheet.name),
                           code=codes.CRIME_FORCE_MISSING)
    if unlisted:
        result.problems.append(info(codes.CRIME_CATEGORY_UNLISTED, "columns not in the category list were left out: "
                                    + ", ".join(unlisted[:10]) + (f" and {len(unlisted) - 10} more"
                                                                  if len(unlisted) > 10 else ""),
                                    Location.of(book.path, sheet.name)))
    return result


def _count(raw: Any) -> float | None:
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    parsed = parse_value(str(raw))
    return parsed.value if parsed.change is None else None


def _forces_in(sheet: SheetData, header: int, col: int) -> dict[str, str]:
    forces: dict[str, str] = {}
    for r in range(header + 1, sheet.height):
        value = sheet.value(r, col)
        if isinstance(value, str) and value.strip():
            forces.setdefault(normalise(value), re.sub(r"\s+", " ", value).strip())
    return forces


def _choose_force(forces: dict[str, str], force: str | None, categories: CategoryList, book: WorkbookData,
                  sheet: SheetData) -> str:
    """The force asked for, else the only one, else the one the category list is for."""
    if force:
        key = normalise(categories.force(force) or force)
        if key in forces:
            return forces[key]
        close = [name for k, name in forces.items() if key in k or k in key]
        if len(close) == 1:
            return close[0]
        raise PccdeskError(f'no force called "{force}" in the table (it has {len(forces)} names, e.g. '
                           + ", ".join(list(forces.values())[:4]) + ")", Location.of(book.path, sheet.name),
                           code=codes.CRIME_FORCE_MISSING)
    if len(forces) == 1:
        return next(iter(forces.values()))
    for listed in categories.forces:
        if normalise(listed) in forces:
            return forces[normalise(listed)]
    raise PccdeskError(f"the table holds {len(forces)} forces: choose one with --force NAME",
                       Location.of(book.path, sheet.name), code=codes.CRIME_FORCE_NEEDED)
