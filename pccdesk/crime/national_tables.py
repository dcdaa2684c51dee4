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

from pccdesk.crime.categories import CategoryList, normalise
from pccdesk.crime.crime_model import CURRENT, CrimeCount, CrimeImport
from pccdesk.crime.force_identity import code_kind, force_key, force_label, gss_code, same_force
from pccdesk.problems import Location, PccdeskError, info, warning
from pccdesk.readers.headings import recognise_roles
from pccdesk.readers.workbook_reader import SheetData, WorkbookData
from pccdesk.records import record
from pccdesk.values import parse_value

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
#: "year ending June 2025", and ONS's footnote digits glued to the year: "December 20191,2", "March 181,2,3".
_YEAR_ENDING = re.compile(r"year ending\s+(" + "|".join(m[:3] for m in _MONTHS) + r")[a-z]*\.?\s+(\d{2,})",
                          re.IGNORECASE)

_FORCE_HEADERS = ("police force area name", "police force area", "pfa name", "force name", "force", "area name",
                  "pfa")
_AREA_HEADERS = ("community safety partnership name", "csp name", "community safety partnership",
                 "local authority name", "la name", "local authority", "district", "borough")
_CODE_HEADERS = ("police force area code", "pfa code", "force code", "area code", "code")


def year_ending(text: str) -> tuple[str, dt.date] | None:
    """``year ending June 2025`` in a title, as a label and the period's last month.

    ONS glues footnote marks to the year: "December 20191,2" is December 2019 with notes 1 and 2, and "March
    181,2,3" is March 2018 with notes 1 to 3: a year is four digits starting 19 or 20, or else two digits."""
    m = _YEAR_ENDING.search(text)
    if not m:
        return None
    month = next(i for i, name in enumerate(_MONTHS, start=1) if name.startswith(m.group(1).lower()))
    digits = m.group(2)
    year = int(digits[:4]) if len(digits) >= 4 and digits[:2] in ("19", "20") else 2000 + int(digits[:2])
    return f"Year ending {_MONTHS[month - 1].capitalize()} {year}", dt.date(year, month, 1)


def year_span(last_month: dt.date) -> tuple[dt.date, dt.date]:
    """The twelve months ending with ``last_month``: its first and last day."""
    start = dt.date(last_month.year - 1 + (last_month.month // 12), last_month.month % 12 + 1, 1)
    following = dt.date(last_month.year + last_month.month // 12, last_month.month % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)


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
    found = _table(book, categories)
    if found is None:
        return None
    sheet, header, heads, cols = found
    return _read_sheet(book, sheet, header, heads, cols, categories, force)


def forces_of(book: WorkbookData, categories: CategoryList) -> list[str]:
    """The forces a national table holds (for ``--force all``), or [] when the workbook has no such table."""
    found = _table(book, categories)
    if found is None:
        return []
    sheet, header, heads, cols = found
    return [force.name for force in _forces_in(sheet, header, cols, _category_columns(heads, cols, categories)[0])]


def _table(book: WorkbookData, categories: CategoryList
           ) -> tuple[SheetData, int, list[str], dict[str, int]] | None:
    for sheet in book.sheets:
        if sheet.hidden:
            continue
        found = find_header(sheet, categories)
        if found is None:
            continue
        header, heads = found
        cols = recognise_roles(heads, {"code": _CODE_HEADERS, "force": _FORCE_HEADERS, "area": _AREA_HEADERS})
        if "force" not in cols and "area" not in cols:
            continue
        return sheet, header, heads, cols
    return None


def _title_period(sheet: SheetData, header: int) -> tuple[str, dt.date] | None:
    for r in range(header):
        for value in sheet.rows[r]:
            if isinstance(value, str):
                found = year_ending(value)
                if found:
                    return found
    return None


@record(frozen=True)
class TableForce:
    """A force in a national table: its code (when the table gives codes) and its name as first written."""

    code: str | None
    name: str


def _category_columns(heads: list[str], cols: dict[str, int], categories: CategoryList
                      ) -> tuple[dict[int, str], list[str]]:
    category_cols: dict[int, str] = {}
    unlisted: list[str] = []
    taken: set[str] = set()
    for c, head in enumerate(heads):
        if c in cols.values() or not head:
            continue
        category = categories.category(head)
        if category is not None and category not in taken:
            category_cols[c] = category
            taken.add(category)
        elif category is None and not normalise(head).endswith(("code", "name")):
            unlisted.append(re.sub(r"\s+", " ", head))
    return category_cols, unlisted


def _read_sheet(book: WorkbookData, sheet: SheetData, header: int, heads: list[str], cols: dict[str, int],
                categories: CategoryList, force: str | None) -> CrimeImport:
    category_cols, unlisted = _category_columns(heads, cols, categories)
    label_col = cols.get("force", cols.get("area"))
    area_col = cols.get("area") if "force" in cols else None
    code_col = cols.get("code")
    assert label_col is not None
    forces = _forces_in(sheet, header, cols, category_cols)
    chosen = _choose_force(forces, force, categories, book, sheet, header, code_col, label_col)
    period = _title_period(sheet, header)
    label, when = period if period else (f"{sheet.name.strip()} of {book.path.name}", None)
    result = CrimeImport(book.path, chosen.name, label, None, shape="national table")
    result.period_date = when
    result.current_span = year_span(when) if when else None
    if period is None:
        result.problems.append(warning("crime-period-unknown", f'the title gives no "year ending" date: the period '
                                       f'is shown as "{label}" and cannot be put in order with another edition',
                                       Location.of(book.path, sheet.name)))
    listed_force = categories.force(chosen.name) or chosen.name
    for r in range(header + 1, sheet.height):
        row = sheet.rows[r]
        code = gss_code(sheet.value(r, code_col)) if code_col is not None else None
        if not _has_counts(row, category_cols) or not _belongs(chosen, code, sheet.value(r, label_col), result,
                                                               book.location(sheet.name, r, label_col)):
            continue
        area_text = sheet.value(r, area_col) if area_col is not None else None
        area_name = re.sub(r"\s+", " ", str(area_text or "")).strip()
        unassigned = normalise(area_name).startswith("unassigned")
        is_force = not area_name
        area = chosen.name if is_force else categories.area_name(area_name, listed_force)
        if not is_force and force_key(area) == force_key(chosen.name):
            area = f"{area} (partnership area)"  # Dorset's CSP "Dorset" is not the force "Dorset"
        result.rows_read += 1
        for c, category in category_cols.items():
            raw = row[c] if c < len(row) else None
            count = _count(raw)
            loc = book.location(sheet.name, r, c)
            if count is None and raw is not None and str(raw).strip() and not parse_value(raw).placeholder:
                result.problems.append(warning("crime-count-unreadable", f'"{str(raw).strip()}" is not a count',
                                               loc))
            if unassigned:
                if count:
                    result.unassigned[(category, CURRENT)] = result.unassigned.get((category, CURRENT), 0) + count
                continue
            result.counts.append(CrimeCount(area, category, CURRENT, count, loc, is_force, _held(raw, count)))
    if not result.counts:
        raise PccdeskError(f"no rows for {chosen.name} in the table", Location.of(book.path, sheet.name),
                           code="crime-force-missing")
    if not any(c.is_force for c in result.counts):
        _force_from_areas(result, chosen.name, Location.of(book.path, sheet.name))
    if unlisted:
        result.problems.append(info("crime-category-unlisted", "columns not in the category list were left out: "
                                    + ", ".join(unlisted[:10]) + (f" and {len(unlisted) - 10} more"
                                                                  if len(unlisted) > 10 else ""),
                                    Location.of(book.path, sheet.name)))
    return result


def _belongs(chosen: TableForce, code: str | None, name: object, result: CrimeImport, where: Location) -> bool:
    """Whether a row is the chosen force's: its code and its name agree. Where they disagree (ONS's year ending
    June 2025 Table C2 gives "Unassigned Gwent" South Wales's code) the force the row names wins, with a warning,
    since a region's or country's code has already been ruled out."""
    if code is not None and code_kind(code) != "force":
        return False
    by_name = force_key(name) == force_key(chosen.name)
    if chosen.code is None or code is None:
        return by_name
    by_code = code == chosen.code
    if by_code != by_name:
        result.problems.append(warning("crime-code-name-disagree", f'this row has the code {code} but is named '
                                       f'"{str(name).strip()}": it is counted for the force it names',
                                       where))
    return by_name


def _force_from_areas(result: CrimeImport, force: str, where: Location) -> None:
    """A force with no row of its own (City of London in Table C2: one partnership): the sum of its areas."""
    if {c.area for c in result.counts} == {force}:  # its one area is the force itself
        result.counts = [CrimeCount(c.area, c.category, c.role, c.count, c.location, True, c.held)
                         for c in result.counts]
        return
    sums: dict[str, float | None] = {}
    for count in result.counts:
        before = sums.get(count.category, 0.0)
        sums[count.category] = None if before is None or count.count is None else before + count.count
    for (category, _), extra in result.unassigned.items():
        if sums.get(category) is not None:
            sums[category] = (sums[category] or 0.0) + extra
    result.unassigned = {}
    for category, total in sums.items():
        result.counts.append(CrimeCount(force, category, CURRENT, total, where, True))
    result.problems.append(info("crime-force-from-areas", f"the table has no row for {force} itself: its figures "
                                "are the sum of its areas' rows", where))


def _held(raw: Any, count: float | None) -> str:
    """What a cell that gave no count held, as written ("" for a blank one or one with a count)."""
    return "" if count is not None or raw is None else str(raw).strip()


def _count(raw: Any) -> float | None:
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    parsed = parse_value(str(raw))
    return parsed.value if parsed.change is None else None


def _has_counts(row: list[Any], category_cols: dict[int, str]) -> bool:
    """A data row, not a note: some category cell holds a count or a "not available" marker."""
    for c in category_cols:
        raw = row[c] if c < len(row) else None
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        if _count(raw) is not None or parse_value(str(raw)).placeholder:
            return True
    return False


def _forces_in(sheet: SheetData, header: int, cols: dict[str, int], category_cols: dict[int, str]
               ) -> list[TableForce]:
    """The forces among the table's rows: by code where it gives codes (a region, country or total row is
    never a force), by name otherwise (British Transport Police has no code)."""
    label_col = cols.get("force", cols.get("area"))
    area_col = cols.get("area") if "force" in cols else None
    code_col = cols.get("code")
    forces: dict[object, TableForce] = {}
    for r in range(header + 1, sheet.height):
        name = sheet.value(r, label_col) if label_col is not None else None
        if not isinstance(name, str) or not name.strip() or not _has_counts(sheet.rows[r], category_cols):
            continue
        area = str(sheet.value(r, area_col) or "").strip() if area_col is not None else ""
        if normalise(area).startswith("unassigned"):
            continue
        code = gss_code(sheet.value(r, code_col)) if code_col is not None else None
        if code is not None and code_kind(code) != "force":
            continue
        if code is None and code_col is not None and _is_total_name(name):
            continue
        key: object = code if code is not None else force_key(name)
        found = TableForce(code, re.sub(r"\s+", " ", normalise_name(name)).strip())
        if not area:  # the force's own row names it (its areas' rows may spell it differently)
            forces[key] = found
        else:
            forces.setdefault(key, found)
    return list(forces.values())


def normalise_name(name: str) -> str:
    """A force's name as shown: footnote digits dropped ("Essex10" → "Essex", "Dyfed-Powys4" → "Dyfed-Powys", "Humberside [note 4]" → "Humberside")."""
    name = re.sub(r"\s*\[note \d+\]", "", name, flags=re.IGNORECASE).strip()
    return re.sub(r"(?<=[A-Za-z])\d+(,\d+)*\s*$", "", name)


def _is_total_name(name: str) -> bool:
    return normalise(name) in ("england and wales", "england", "wales", "total", "all forces", "united kingdom")


def _choose_force(forces: list[TableForce], force: str | None, categories: CategoryList, book: WorkbookData,
                  sheet: SheetData, header: int, code_col: int | None, label_col: int) -> TableForce:
    """The force asked for (by name or GSS code), else the only one; never a region, country or total row."""
    where = Location.of(book.path, sheet.name)
    if force and force.strip().lower() != "all":
        wanted = force.strip()
        code = gss_code(wanted)
        if code is not None:
            match = [f for f in forces if f.code == code]
        else:
            listed = categories.force(wanted)
            match = [f for f in forces if same_force(f.name, wanted) or (listed and same_force(f.name, listed))]
        if len(match) == 1:
            return match[0]
        if len(match) > 1:
            raise PccdeskError(f'"{force}" names {len(match)} forces in the table (' + ", ".join(
                f"{f.name} {f.code or ''}".strip() for f in match) + "): give the force's code instead",
                where, code="crime-force-ambiguous")
        what = _what_else(sheet, header, code_col, label_col, wanted)
        raise PccdeskError(f'no force "{force}" in the table{what}: it has ' + _listing(forces), where,
                           code="crime-force-missing")
    if len(forces) == 1:
        return forces[0]
    raise PccdeskError(f"the table holds {len(forces)} forces: choose one with --force NAME or code, or --force all "
                       "for every force (" + _listing(forces) + ")", where, code="crime-force-needed")


def _listing(forces: list[TableForce]) -> str:
    return "; ".join(force_label(f.name) for f in forces)


def _what_else(sheet: SheetData, header: int, code_col: int | None, label_col: int, wanted: str) -> str:
    """" (it is a region, not a force)" when the name asked for is a region's or country's row."""
    if code_col is None:
        return ""
    wanted_code = gss_code(wanted)
    for r in range(header + 1, sheet.height):
        code = gss_code(sheet.value(r, code_col))
        named = code == wanted_code if wanted_code else same_force(sheet.value(r, label_col), wanted)
        if code and named and code_kind(code) != "force":
            return f" (it is {code_kind(code)}, {code}, not a force)"
    return ""
