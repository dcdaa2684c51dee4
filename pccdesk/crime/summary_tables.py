"""Summary crime tables as a force writes them for the panel, read into :class:`CrimeImport`.

Three layouts are understood, in any sheet of the workbook:

* **blocks** — an area's name as a title row, a heading row with the two
  period labels (``2015-16 1.4.– 15.7`` | ``2014-15 1.4.– 15.7``) and a change
  column, then one row per category; several blocks on one sheet (the seed's
  "Comparison of crime" tables) or one per sheet, when the sheet name is the
  area;
* **long** — one row per area and category with ``Current`` and ``Previous``
  columns (and, optionally, the force's ``Change`` / ``Change %``);
* **long by period** — one row per area, category and period with a count
  (``12 months ending, PFA, Offence, Rolling year total…``) or one column per
  month (``MajorText, LookUp_BoroughName, 202103 … 202302``).

The change a force states may be in one cell (``+2,736 + 13%``) or two
(``+ 415`` | ``+ 10%``); it is kept as a :class:`StatedChange` to be checked,
never used as the figure.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from pccdesk.crime import codes
from pccdesk.crime.categories import TOTAL, CategoryList, normalise
from pccdesk.crime.crime_checks import force_named_by_list
from pccdesk.crime.crime_model import CURRENT, PREVIOUS, CrimeCount, CrimeImport, StatedChange
from pccdesk.crime.long_table_forces import LongForces, one_force_rows
from pccdesk.crime.monthly_columns import long_months
from pccdesk.problems import Location, info, warning
from pccdesk.readers.cells import cell_name
from pccdesk.readers.headings import recognise_roles
from pccdesk.readers.workbook_reader import SheetData, WorkbookData
from pccdesk.values import count_number, parse_value

_YEAR = re.compile(r"(?<!\d)(19|20)(\d{2})(?!\d)")
_PERIOD_WORDS = ("current", "previous", "this year", "last year", "ytd", "year to date", "period", "fytd")
_CHANGE_WORDS = ("change", "difference", "diff", "variance", "+/-")

AREA_HEADERS = ("area", "area name", "local authority", "local authority name", "csp", "csp name",
                "community safety partnership", "community safety partnership name", "district", "borough",
                "lookup boroughname", "borough name", "area command", "neighbourhood", "la name", "pfa",
                "police force area", "police force area name", "force", "force name")
CATEGORY_HEADERS = ("category", "crime category", "offence", "offence group", "offence category", "crime type",
                    "crime group", "majortext", "major text", "offence type", "crime")
CURRENT_HEADERS = ("current", "current period", "this year", "current year", "current count")
PREVIOUS_HEADERS = ("previous", "previous period", "last year", "previous year", "previous count")
PERIOD_HEADERS = ("period", "12 months ending", "year ending", "month", "date", "financial year", "year")
COUNT_HEADERS = ("count", "number", "offences", "crimes", "number of offences", "total",
                 "rolling year total number of offences", "value", "recorded crime")


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    if isinstance(value, str):
        parsed = parse_value(value)
        return parsed.value is not None and not parsed.is_change
    return False


def _stated_number(value: Any) -> float | None:
    """A stated change: ``+2,736`` or ``- 3`` as the change, a plain number as itself."""
    if value is None or isinstance(value, bool):
        return None
    parsed = parse_value(value)
    return parsed.change if parsed.change is not None else parsed.value


def _texts(row: list[Any]) -> list[tuple[int, str]]:
    return [(c, str(v).strip()) for c, v in enumerate(row) if isinstance(v, str) and v.strip()]


def _filled(row: list[Any]) -> list[int]:
    return [c for c, v in enumerate(row) if v is not None and not (isinstance(v, str) and not v.strip())]


def _period_like(text: str) -> bool:
    low = text.lower()
    return bool(_YEAR.search(text)) or any(w in low for w in _PERIOD_WORDS)


def _change_like(text: str) -> bool:
    low = text.lower()
    return any(w in low for w in _CHANGE_WORDS) or low.strip() == "%"


def _first_year(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m.group(1) + m.group(2)) if m else None


def _current_first(first: str, second: str) -> bool:
    """Whether the first of two period columns is the current one: by its words, else by its year."""
    a, b = first.lower(), second.lower()
    if any(w in a for w in ("previous", "last year")) or any(w in b for w in ("current", "this year")):
        return False
    if any(w in a for w in ("current", "this year")) or any(w in b for w in ("previous", "last year")):
        return True
    ya, yb = _first_year(first), _first_year(second)
    if ya is not None and yb is not None and ya != yb:
        return ya > yb
    return True


# --- blocks ------------------------------------------------------------------

def read_blocks(book: WorkbookData, categories: CategoryList, force: str | None) -> CrimeImport | None:
    """Blocks of category rows under a heading row with two period labels; None when there are none."""
    result = CrimeImport(book.path, force, "", None, shape="blocks")
    periods: list[tuple[str, str]] = []
    hidden: list[tuple[str, list[str]]] = []  # hidden sheets holding crime blocks: not read, but said
    for sheet in book.sheets:
        if sheet.hidden:
            unread = CrimeImport(book.path, force, "", None, shape="blocks")
            _blocks_of_sheet(book, sheet, categories, unread, [])
            if unread.counts:
                hidden.append((sheet.name, list(dict.fromkeys(c.area for c in unread.counts))))
            continue
        _blocks_of_sheet(book, sheet, categories, result, periods)
    if not result.counts:
        return None
    for name, areas in hidden:
        result.problems.append(warning(codes.CRIME_SHEET_HIDDEN, f"sheet '{name}' is hidden, so its crime figures "
                                       f"({', '.join(areas[:5])}{' …' if len(areas) > 5 else ''}) are not in the "
                                       "tables: if they belong there, unhide the sheet in Excel (right-click a sheet "
                                       "tab, Unhide) and run again", Location.of(book.path, name)))
    result.current_period, result.previous_period = periods[0]
    distinct = {p for p in periods}
    if len(distinct) > 1:
        result.problems.append(warning(codes.CRIME_PERIODS_DIFFER, "the blocks do not all compare the same periods: "
                                       + "; ".join(f"{c} against {p}" for c, p in sorted(distinct)),
                                       Location.of(book.path)))
    _resolve_force(result, categories)
    return result


def _header_of(row: list[Any], categories: CategoryList) -> tuple[list[int], list[str], list[int]] | None:
    texts = _texts(row)
    if len(texts) < 2 or any(_is_number(v) for v in row if v is not None and not isinstance(v, str)):
        return None
    if categories.category(texts[0][1]) is not None:
        return None
    period_cols = [(c, t) for c, t in texts if _period_like(t) and not _change_like(t)]
    if len(period_cols) < 2:
        return None
    change_cols = [c for c, t in texts if _change_like(t)]
    cols = [period_cols[0][0], period_cols[1][0]]
    labels = [period_cols[0][1], period_cols[1][1]]
    return cols, labels, change_cols


def _blocks_of_sheet(book: WorkbookData, sheet: SheetData, categories: CategoryList, result: CrimeImport,
                     periods: list[tuple[str, str]]) -> None:
    title: str | None = None
    header: tuple[list[int], list[str], list[int]] | None = None
    area = ""
    current_col = previous_col = 0
    first_period_col = 0
    seen: set[tuple[str, str]] = set()
    for r, row in enumerate(sheet.rows):
        texts = _texts(row)
        filled = _filled(row)
        if not filled:
            continue
        found = _header_of(row, categories)
        if found is not None:
            header = found
            cols, labels, _ = found
            first = _current_first(labels[0], labels[1])
            current_col, previous_col = (cols[0], cols[1]) if first else (cols[1], cols[0])
            cur_label, prev_label = (labels[0], labels[1]) if first else (labels[1], labels[0])
            periods.append((_tidy(cur_label), _tidy(prev_label)))
            first_period_col = min(cols)
            area = title if title is not None else sheet.name.strip()
            title = None
            continue
        if len(filled) == 1 and len(texts) == 1 and categories.category(texts[0][1]) is None:
            title = texts[0][1]
            header = None
            continue
        if header is None or not texts or texts[0][0] >= first_period_col:
            continue
        label_col, label = texts[0]
        category = categories.category(label)
        location = book.location(sheet.name, r, label_col)
        if category is None:
            if any(_is_number(row[c]) for c in (current_col, previous_col) if c < len(row)):
                result.problems.append(warning(codes.CRIME_CATEGORY_UNKNOWN, f'"{label}" is not a category in the '
                                               f"{categories.source}: the row is left out", location))
            continue
        if (area, category) in seen:
            result.problems.append(warning(codes.CRIME_DUPLICATE, f"{category} is given twice for {area}: the first is "
                                           "used", location))
            continue
        seen.add((area, category))
        for role, col in ((CURRENT, current_col), (PREVIOUS, previous_col)):
            raw = row[col] if col < len(row) else None
            count = _count(raw, book, sheet, r, col, result)
            result.counts.append(CrimeCount(area, category, role, count, book.location(sheet.name, r, col),
                                            held=_held(raw, count)))
        _stated(row, r, max(current_col, previous_col) + 1, area, category, book, sheet, result)
        result.rows_read += 1


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _held(raw: Any, count: float | None) -> str:
    """What a cell that gave no count held, as written ("" for a blank one or one with a count)."""
    return "" if count is not None or raw is None else str(raw).strip()


def _count(raw: Any, book: WorkbookData, sheet: SheetData, r: int, c: int, result: CrimeImport) -> float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    value = count_number(raw)
    if value is None:
        parsed = parse_value(raw)
        if not parsed.placeholder:
            result.problems.append(warning(codes.CRIME_COUNT_UNREADABLE, f'"{str(raw).strip()}" is not a count',
                                           book.location(sheet.name, r, c)))
    return value


def _stated(row: list[Any], r: int, start: int, area: str, category: str, book: WorkbookData,
            sheet: SheetData, result: CrimeImport) -> None:
    change: float | None = None
    pct: float | None = None
    loc: Location | None = None
    pct_loc: Location | None = None
    for c in range(start, len(row)):
        raw = row[c]
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        parsed = parse_value(raw, percent_format=sheet.is_percent(r, c))
        here = book.location(sheet.name, r, c)
        if parsed.is_change:
            if parsed.change is not None and change is None:
                change, loc = parsed.change, here
            if parsed.change_percent is not None and pct is None:
                pct, pct_loc = parsed.change_percent, here
        elif parsed.value is not None:
            if parsed.unit == "percent" and pct is None:
                pct, pct_loc = parsed.value, here
            elif change is None:
                change, loc = parsed.value, here
    if change is None and pct is None:
        return
    result.stated.append(StatedChange(area, category, change, pct, loc or pct_loc or Location(),
                                      pct_loc))


def _resolve_force(result: CrimeImport, categories: CategoryList) -> None:
    """Name the force block (``Force Wide``) and the areas as the list names them."""
    force_label = next((c.area for c in result.counts if categories.is_force_label(c.area)), None)
    given = result.force
    force_name = result.force or (categories.force(force_label) if force_label else None) \
        or (force_label if force_label else None)
    result.force = force_name
    rename: dict[str, str] = {}
    for count in result.counts:
        if count.area in rename:
            continue
        if force_label is not None and count.area == force_label:
            rename[count.area] = force_name or count.area
        else:
            rename[count.area] = categories.area_name(count.area, force_name)
    if given is None:
        result.problems.extend(force_named_by_list(result, categories, force_label, force_name))
    result.counts = [CrimeCount(rename[c.area], c.category, c.role, c.count, c.location,
                                is_force=(c.area == force_label), held=c.held) for c in result.counts]
    result.stated = [StatedChange(rename.get(s.area, s.area), s.category, s.change, s.change_percent, s.location,
                                  s.percent_location) for s in result.stated]


# --- long tables -------------------------------------------------------------

#: The long table's roles and their wordings (the readers' one heading recogniser takes them column by column).
LONG_TABLE_ROLES: dict[str, tuple[str, ...]] = {
    "area": AREA_HEADERS, "category": CATEGORY_HEADERS, "current": CURRENT_HEADERS, "previous": PREVIOUS_HEADERS,
    "period": PERIOD_HEADERS, "count": COUNT_HEADERS, "change": ("change", "change number"),
    "change_pct": ("change %", "change percent", "% change", "change pct"),
}


def _header_roles(row: list[Any]) -> dict[str, int]:
    roles = recognise_roles(row, LONG_TABLE_ROLES, by_column=True)
    if "change_pct" not in roles:  # "% change on last year", "Change (%)": any heading with both
        for c, value in enumerate(row):
            if isinstance(value, str) and "%" in value and "change" in value.lower():
                roles["change_pct"] = c
                break
    return roles


_MONTH_COLUMN = re.compile(r"^(19|20)\d{2}(0[1-9]|1[0-2])$")


def read_long(book: WorkbookData, categories: CategoryList, force: str | None) -> CrimeImport | None:
    """A long table (area, category, current, previous / period, count / monthly columns); None if there is none."""
    for sheet in book.sheets:
        for r, row in enumerate(sheet.rows[:30]):
            roles = _header_roles(row)
            if "category" not in roles:
                continue
            sheet, force = one_force_rows(book, sheet, r, roles, force)
            months = [c for c, v in enumerate(row) if _MONTH_COLUMN.match(str(v).strip().split(".")[0] or "")]
            if "current" in roles and "previous" in roles:
                return _long_two(book, sheet, r, roles, categories, force)
            if "period" in roles and "count" in roles:
                return _long_periods(book, sheet, r, roles, categories, force)
            if len(months) >= 2:
                return long_months(book, sheet, r, roles, months, categories, force)
    return None


def _area_of(raw: Any, categories: CategoryList, force: str | None) -> tuple[str, bool]:
    text = re.sub(r"\s+", " ", str(raw or "")).strip()
    if not text or categories.is_force_label(text) or (force and normalise(text) == normalise(force)):
        return (force or categories.force(text) or text or "Force"), True
    return categories.area_name(text, force), False


def _long_two(book: WorkbookData, sheet: SheetData, header: int, roles: dict[str, int], categories: CategoryList,
              force: str | None) -> CrimeImport:
    head = sheet.rows[header]
    result = CrimeImport(book.path, force, _tidy(str(head[roles["current"]])), _tidy(str(head[roles["previous"]])),
                         shape="long")
    unknown: set[str] = set()
    for r in range(header + 1, sheet.height):
        row = sheet.rows[r]
        label = sheet.value(r, roles["category"])
        if label is None or not str(label).strip():
            continue
        category = categories.category(label)
        if category is None:
            unknown.add(str(label).strip())
            continue
        area, is_force = _area_of(sheet.value(r, roles["area"]) if "area" in roles else None, categories, force)
        for role in (CURRENT, PREVIOUS):
            col = roles[role]
            raw = sheet.value(r, col)
            count = _count(raw, book, sheet, r, col, result)
            result.counts.append(CrimeCount(area, category, role, count, book.location(sheet.name, r, col), is_force,
                                            _held(raw, count)))
        if "change" in roles or "change_pct" in roles:
            ch = _stated_number(sheet.value(r, roles["change"])) if "change" in roles else None
            pct_raw = sheet.value(r, roles["change_pct"]) if "change_pct" in roles else None
            pct = None
            if pct_raw is not None:
                parsed = parse_value(pct_raw, percent_format=sheet.is_percent(r, roles["change_pct"]))
                pct = parsed.change_percent if parsed.change_percent is not None else parsed.value
                if pct is not None and parsed.unit != "percent" and parsed.change_percent is None \
                        and abs(pct) < 5 and not float(pct).is_integer():
                    pct *= 100  # a fraction (0.13) in a column not formatted as a percentage
            if ch is not None or pct is not None:
                result.stated.append(StatedChange(
                    area, category, ch, pct,
                    book.location(sheet.name, r, roles.get("change", roles.get("change_pct", 0))),
                    book.location(sheet.name, r, roles["change_pct"]) if "change_pct" in roles else None))
        result.rows_read += 1
        del row
    if result.force is None:
        result.force = next((c.area for c in result.counts if c.is_force), None)
    for label in sorted(unknown):
        result.problems.append(warning(codes.CRIME_CATEGORY_UNKNOWN, f'"{label}" is not a category in the '
                                       f"{categories.source}: its rows are left out", Location.of(book.path,
                                                                                                   sheet.name)))
    return result


def _report_unknown(result: CrimeImport, unknown: set[str], categories: CategoryList) -> None:
    if unknown:
        shown = sorted(unknown)
        more = f" and {len(shown) - 8} more" if len(shown) > 8 else ""
        result.problems.append(info(codes.CRIME_CATEGORY_UNLISTED, "categories not in the "
                                    f"{categories.source} were left out: {', '.join(shown[:8])}{more}",
                                    Location.of(result.path)))


def period_date(value: Any) -> dt.date | None:
    """A period cell as a date: a date, ``31-03-2003`` (day first), ``2018-12``, ``202103`` or ``year ending June 2025``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for pattern, order in ((r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", "dmy"), (r"^(\d{4})-(\d{1,2})-(\d{1,2})", "ymd"),
                           (r"^(\d{4})-?(\d{2})$", "ym")):
        m = re.match(pattern, text)
        if m:
            try:
                if order == "dmy":
                    return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                if order == "ymd":
                    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                return dt.date(int(m.group(1)), int(m.group(2)), 1)
            except ValueError:
                return None
    return None


def _long_periods(book: WorkbookData, sheet: SheetData, header: int, roles: dict[str, int],
                  categories: CategoryList, force: str | None) -> CrimeImport:
    """Rows per period: the latest period is current and the one a year before it previous.

    A series renamed (Domestic burglary became Residential burglary in April 2017)
    splits a rolling year across the change between its names (Northumbria's year
    to December 2017: 974 and 4,837): both are added, with a warning, never dropped.
    """
    by_label: dict[tuple[str, bool, str, dt.date], float] = defaultdict(float)
    cells: dict[tuple[str, bool, str, dt.date], Location] = {}
    wanted = normalise(force) if force else None
    rows = 0
    areas: dict[Any, tuple[str, bool] | None] = {}  # each distinct area cell named once, not once a row
    for r in range(header + 1, sheet.height):
        if not sheet.rows[r]:  # another force's row, blanked (a national table narrowed to one force)
            continue
        when = period_date(sheet.value(r, roles["period"]))
        label = sheet.value(r, roles["category"])
        if when is None or label is None or not str(label).strip():
            continue
        raw_area = sheet.value(r, roles["area"]) if "area" in roles else None
        if raw_area not in areas:
            areas[raw_area] = None if wanted is not None and raw_area is not None and normalise(raw_area) != wanted \
                else _area_of(raw_area, categories, force)
        named = areas[raw_area]
        if named is None:
            continue
        count = count_number(sheet.value(r, roles["count"]))
        if count is None:
            continue
        rows += 1
        area, is_force = named
        key = (area, is_force, re.sub(r"\s+", " ", str(label)).strip(), when)
        by_label[key] += count
        cells.setdefault(key, book.location(sheet.name, r, roles["count"]))
    dates = sorted({k[3] for k in by_label})
    totals: dict[tuple[str, bool, str, dt.date], float] = defaultdict(float)
    first_cell: dict[tuple[str, bool, str, dt.date], Location] = {}
    unknown: set[str] = set()
    changed: list[tuple[str, bool, str, str, float, list[str]]] = []  # area, is force, category, old name, …
    summed: set[tuple[str, tuple[str, ...]]] = set()
    uneven: dict[str, list[tuple[str, float, dt.date, dt.date]]] = {}  # area → (label, figure, its date, other)
    if dates:
        latest = dates[-1]
        previous = _previous_date(dates)
        groups: dict[tuple[str, bool, str | None], set[str]] = defaultdict(set)
        parts: dict[tuple[str, bool, str], set[str]] = defaultdict(set)
        for area, is_force, label, _ in by_label:
            category = categories.category(label)
            parent = categories.part_of(label) if category is None else None
            if parent is not None:
                parts[(area, is_force, parent)].add(label)
            else:
                groups[(area, is_force, category)].add(label)
            if category is None and parent is None:
                unknown.add(label)
        for (area, is_force, parent), labels in parts.items():
            if (area, is_force, parent) in groups:  # the category's own figure is given: parts are detail only
                groups[(area, is_force, None)].update(labels)
                unknown.update(labels)
            else:
                groups[(area, is_force, parent)] = set(labels)
                summed.add((parent, tuple(sorted(labels))))
        explicit_total = any(cat == TOTAL for (_, _, cat) in groups)
        summed_parents = {parent for parent, _ in summed}
        for (area, is_force, category), labels in groups.items():
            live = {lab for lab in labels if by_label.get((area, is_force, lab, latest))}
            # Only other names of one category are one series renamed; parts summed into it are different
            # offences, and a part with 0 this year (no death by illegal driving in the City of London) is a count.
            renamed = category is not None and category not in summed_parents and bool(live) and live != labels
            if renamed and previous is not None:
                changed += [(area, is_force, str(category), lab, by_label[(area, is_force, lab, previous)],
                             sorted(live)) for lab in sorted(labels - live)
                            if by_label.get((area, is_force, lab, previous))]
            for lab in labels:
                given = [when for when in (latest, previous) if when and (area, is_force, lab, when) in by_label]
                # Total crime summed from the rows compares like for like: a series with a figure in only one
                # of the two years (its row missing, or "[x]") is left out of both years' total, and said; a
                # renamed series counts in both years' total under one name or the other.
                in_total = previous is None or len(given) == 2 or renamed
                if not in_total and previous and len(given) == 1 and category != TOTAL and not explicit_total:
                    other = previous if given[0] == latest else latest
                    uneven.setdefault(area, []).append((lab, by_label[(area, is_force, lab, given[0])], given[0],
                                                        other))
                for when in given:
                    value = by_label[(area, is_force, lab, when)]
                    for cat in ((category,) if category else ()) + \
                            ((TOTAL,) if category != TOTAL and not explicit_total and in_total else ()):
                        totals[(area, is_force, cat, when)] += value
                        first_cell.setdefault((area, is_force, cat, when), cells[(area, is_force, lab, when)])
    result = _from_period_totals(book.path, force, totals, first_cell, "long by period")
    result.rows_read = rows
    _report_unknown(result, unknown, categories)
    for category, part_labels in sorted(summed):
        result.problems.append(info(codes.CRIME_CATEGORY_FROM_PARTS, f"{category} is the sum of "
                                    f"{', '.join(part_labels)} (the file gives no figure for it)",
                                    Location.of(book.path, sheet.name)))
    for area, is_force, category, old, before, new in changed:
        now = " and ".join(new)
        with_new = " + ".join(f"{lab} ({by_label.get((area, is_force, lab, previous), 0):,.0f})" for lab in new) \
            if previous else now
        result.problems.append(warning(codes.CRIME_SERIES_CHANGED, f"{'' if is_force else area + ', '}{category}: the "
                                       f"series changed its name from {old} to {now}, so the 12 months ending "
                                       f"{previous:%d %b %Y} add {old} ({before:,.0f}) + {with_new}, each covering "
                                       f"part of that year, against {now} alone since; the new series may count "
                                       "a little differently, so check the change against the published tables",
                                       Location.of(book.path, sheet.name)))
    for area, left_out in uneven.items():
        left = "; ".join(f"{lab} (no figure for the 12 months ending {other:%d %b %Y}, {value:,.0f} in those "
                          f"ending {when:%d %b %Y})" for lab, value, when, other in sorted(left_out))
        result.problems.append(warning(codes.CRIME_TOTAL_LIKE_FOR_LIKE, f"{area}: Total crime leaves out {left}, "
                                       "so that both years add up the same offences; check the file for the "
                                       "missing figures", Location.of(book.path, sheet.name)))
    if rows and wanted is not None and not result.counts:
        result.problems.append(warning(codes.CRIME_FORCE_MISSING, f"no rows for {force}", Location.of(book.path)))
    if result.counts:
        result.problems.append(info(codes.CRIME_TOTAL_SUMMED, "Total crime is the sum of every offence row of the "
                                    "file (it gives no total of its own)", Location.of(book.path)))
    return result


def _previous_date(dates: list[dt.date]) -> dt.date | None:
    """The period about a year before the latest (within a week: files give 30-12-2017 beside 31-12-2018)."""
    target = _year_before(dates[-1])
    near = [d for d in dates if abs((d - target).days) <= 7]
    return min(near, key=lambda d: abs((d - target).days)) if near else None


def _from_period_totals(path: Path, force: str | None, totals: dict[tuple[str, bool, str, dt.date], float],
                        first_cell: dict[tuple[str, bool, str, dt.date], Location], shape: str) -> CrimeImport:
    dates = sorted({k[3] for k in totals})
    result = CrimeImport(path, force, "", None, shape=shape)
    if not dates:
        return result
    latest = dates[-1]
    previous = _previous_date(dates)
    result.current_period = f"12 months ending {latest:%d %b %Y}"
    result.previous_period = f"12 months ending {previous:%d %b %Y}" if previous else None
    for (area, is_force, cat, when), value in totals.items():
        role = CURRENT if when == latest else (PREVIOUS if when == previous else None)
        if role is not None:
            result.counts.append(CrimeCount(area, cat, role, value, first_cell[(area, is_force, cat, when)],
                                            is_force))
    if result.force is None:
        result.force = next((c.area for c in result.counts if c.is_force), None)
    return result


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


__all__ = ["read_blocks", "read_long", "period_date", "cell_name"]


def forces_of_long(book: WorkbookData) -> LongForces | None:
    """The forces of a national long table (for ``--force all``), or None."""
    from pccdesk.crime.long_table_forces import forces_of_long as forces

    return forces(book, _header_roles)


def split_long(book: WorkbookData) -> dict[frozenset[str], WorkbookData] | None:
    """A national long table split by force in one pass (for ``--force all``), or None."""
    from pccdesk.crime.long_table_forces import split_by_force

    return split_by_force(book, _header_roles)
