"""Record-level crime extracts (one row per crime, often 100,000–1,000,000 rows) aggregated into the tables.

The file is read column-wise: ``.csv`` with pandas' pyarrow engine, ``.xlsx``
and the other workbook formats with fastexcel (Rust, straight to Arrow), and
only the columns that matter are loaded. Counting is done on whole columns
with numpy (category codes and ``bincount``): no Python object is made per row,
which is what keeps a million rows to seconds and well under a gigabyte.

Columns are recognised by their headings (``Crime Reference``, ``Recorded
Date``, ``Crime Category`` / ``Offence Group`` / ``Offence Code``, ``Local
Authority`` / ``Area`` / ``CSP``, ``Outcome``; data.police.uk's ``Crime ID``,
``Month``, ``Crime type``, ``LSOA name``). Anything else is mapped once
(``--column date=When``) and the mapping is remembered for files with the same
headings (a mapping profile in the history store, as for indicator returns).

A row with a reference column but no reference is not a crime (data.police.uk
gives anti-social behaviour that way) and is not counted.

Periods: by default the latest financial year to date in the data against the
same dates a year earlier (``fytd``); ``quarter`` compares the latest quarter
with the same quarter a year earlier; ``rolling-12`` the latest 12 months with
the 12 before them. The periods used are always said.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa  # imported by name so the app bundle keeps it: fastexcel and the CSV engine need it

from pccdesk.crime.categories import TOTAL, CategoryList, normalise
from pccdesk.crime.crime_model import CURRENT, PREVIOUS, CrimeCount, CrimeImport
from pccdesk.problems import Location, PccdeskError, Problem, info, warning

ROLES = ("reference", "date", "category", "code", "area", "outcome", "force")
SYNONYMS: dict[str, tuple[str, ...]] = {
    "reference": ("crime reference", "crime ref", "crime reference number", "crime id", "crime number", "crime no",
                  "reference", "crime ref no", "urn", "occurrence number", "occurrence reference"),
    "date": ("recorded date", "date recorded", "crime recorded date", "notifiable date", "recorded on", "month",
             "date", "reported date", "offence date", "committed date"),
    "category": ("crime category", "offence group", "crime type", "category", "offence category", "crime group",
                 "ho offence group", "offence type", "offence", "offence description"),
    "code": ("offence code", "home office offence code", "ho offence code", "ho code", "hoc", "ho class"),
    "area": ("local authority", "local authority name", "area", "csp", "csp name", "community safety partnership",
             "district", "area command", "borough", "lsoa name", "neighbourhood area"),
    "outcome": ("outcome", "last outcome category", "outcome type", "crime outcome"),
    "force": ("falls within", "force", "force name"),
}
#: Headings that mean the rows are already counts, so the file is a table, not records.
_COUNT_HEADINGS = ("count", "number", "offences", "number of offences", "total", "rolling year total number of offences")
PERIOD_CHOICES = ("fytd", "quarter", "rolling-12")

#: Home Office offence classification codes (numeric part) to the shipped categories; unknown codes count in
#: Total crime only. Ranges follow the Home Office Counting Rules' notifiable offence list.
HO_CODES: tuple[tuple[tuple[float, float], str], ...] = (
    ((28, 29), "Burglary dwelling"),
    ((30, 31), "Burglary other than dwelling"),
    ((34, 35), "Robbery"),
    ((39, 40), "Theft from the person"),
    ((46, 47), "Shoplifting"),
    ((45, 46), "Vehicle crime"), ((48, 49), "Vehicle crime"), ((37.2, 37.3), "Vehicle crime"),
    ((126, 127), "Vehicle crime"),
    ((56, 60), "Criminal damage"),
    ((17, 28), "Sexual offences"), ((70, 72), "Sexual offences"), ((88, 89), "Sexual offences"),
    ((1, 17), "Violence against the person"), ((104, 106), "Violence against the person"),
    ((40, 45), "Other theft and handling"), ((47, 48), "Other theft and handling"),
    ((49, 50), "Other theft and handling"), ((54, 55), "Other theft and handling"),
)
_LSOA_SUFFIX = re.compile(r"\s+\d{3}[A-Z]$")


@dataclass
class ExtractColumns:
    header_row: int
    headings: list[str]
    columns: dict[str, int]

    @property
    def signature_texts(self) -> list[str]:
        return [h for h in self.headings if h]


def recognise(headings: list[str], remembered: Mapping[str, str] | None = None) -> dict[str, int]:
    """Role → column index by the heading's wording (exact synonyms, in order of preference), then remembered."""
    keys = [normalise(h) for h in headings]
    found: dict[str, int] = {}
    for role in ROLES:
        for name in SYNONYMS[role]:
            if name in keys and keys.index(name) not in found.values():
                found[role] = keys.index(name)
                break
    for role, heading in (remembered or {}).items():
        key = normalise(heading)
        if role in ROLES and key in keys:
            found[role] = keys.index(key)
    return found


def is_record_extract(headings: list[str], remembered: Mapping[str, str] | None = None) -> bool:
    roles = recognise(headings, remembered)
    keys = {normalise(h) for h in headings}
    has_counts = any(k in keys for k in _COUNT_HEADINGS)
    return ("category" in roles or "code" in roles) and "date" in roles and not has_counts


# --- peeking and loading -----------------------------------------------------

def _csv_encoding(head: bytes) -> str:
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head[: len(head) - 4].decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def peek_rows(path: Path, password: str | None = None, n: int = 30) -> tuple[list[list[Any]], str]:
    """The first ``n`` rows (all as text or values) and the sheet name, without reading the whole file."""
    if path.suffix.lower() in (".csv", ".txt", ".tsv"):
        with open(path, "rb") as handle:
            head = handle.read(256 * 1024)
        text = head.decode(_csv_encoding(head), errors="replace")
        lines = text.splitlines(keepends=True)
        if len(head) == 256 * 1024 and len(lines) > 1:
            lines = lines[:-1]
        from pccdesk.readers.workbook_reader import sniff_delimiter

        delimiter = sniff_delimiter("".join(lines[:50]))
        rows = list(csv.reader(io.StringIO("".join(lines[: n * 4])), delimiter=delimiter))
        return [list(r) for r in rows[:n]], path.stem
    read = _read_sheet(path, password)
    if read.names is not None:
        return [[_heading(name) for name in read.names]], read.sheet
    head = read.table.slice(0, n).to_pylist()
    return [[None if v is None or not str(v).strip() else v for v in row.values()] for row in head], read.sheet


@dataclass
class _SheetRead:
    """A workbook sheet as Arrow strings. With ``names`` (the headings of row 1, every column in order) only
    the columns whose heading could name a role were converted; without, the whole sheet, no heading row."""

    table: pa.Table
    sheet: str
    names: list[str] | None


#: The last workbook sheet read: the heading search and the column load share one parse (parsing is most of
#: the time on a big sheet). Keyed by path, size and modification time.
_SHEET_CACHE: dict[tuple[str, int, int], _SheetRead] = {}
_ALL_SYNONYMS = frozenset(name for names in SYNONYMS.values() for name in names)


def _heading(name: str) -> str | None:
    return None if name.startswith("__UNNAMED__") else name


def _read_sheet(path: Path, password: str | None, also: frozenset[str] = frozenset()) -> _SheetRead:
    """First try row 1 as headings and convert only the columns that may be wanted (a force's extract has
    dozens of columns; pccdesk needs five); a sheet whose row 1 is not such a heading row is read whole."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    cached = _SHEET_CACHE.get(key)
    if cached is not None and (cached.names is None or also <= set(cached.table.column_names)):
        return cached
    reader, sheet = _excel(path, password)
    where = Location.of(path, sheet)
    names: list[str] = []

    def pick(column: Any) -> bool:
        names.append(str(column.name))
        return normalise(column.name) in _ALL_SYNONYMS or str(column.name) in also

    try:
        batch = reader.load_sheet(sheet, header_row=0, use_columns=pick, dtypes="string", eager=True)
        read = _SheetRead(pa.Table.from_batches([batch]), sheet, names)
        if not also and find_columns([[_heading(n) for n in names]]) is None:
            read = _SheetRead(reader.load_sheet(sheet, header_row=None, dtypes="string").to_arrow(), sheet, None)
    except Exception as exc:  # fastexcel's own error types for damaged sheets
        raise PccdeskError(f"the sheet cannot be read ({type(exc).__name__})", where,
                           code="unreadable-input") from exc
    _SHEET_CACHE.clear()
    _SHEET_CACHE[key] = read
    return read


def forget_cached_sheets() -> None:
    """Free the cached sheet once an extract has been counted."""
    _SHEET_CACHE.clear()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))


def _excel(path: Path, password: str | None) -> tuple[Any, str]:
    import fastexcel

    from pccdesk.readers.file_checks import check_spreadsheet_bytes
    from pccdesk.readers.workbook_reader import decrypt

    data = path.read_bytes()
    kind = check_spreadsheet_bytes(data, path)
    if kind == "encrypted":
        data = decrypt(data, path, password)
        check_spreadsheet_bytes(data, path)
    try:
        reader = fastexcel.read_excel(data)
    except Exception as exc:  # fastexcel raises its own error types for damaged files
        raise PccdeskError(f"the workbook cannot be read ({type(exc).__name__})", Location.of(path),
                           code="unreadable-input") from exc
    names = list(reader.sheet_names)
    if not names:
        raise PccdeskError("the workbook has no sheets", Location.of(path), code="unreadable-input")
    return reader, names[0]


def find_columns(rows: list[list[Any]], remembered: Mapping[str, str] | None = None) -> ExtractColumns | None:
    """The heading row of a record extract among the first rows, or None."""
    for r, row in enumerate(rows):
        headings = ["" if v is None else str(v).strip() for v in row]
        if sum(1 for h in headings if h) < 2:
            continue
        if is_record_extract(headings, remembered):
            return ExtractColumns(r, headings, recognise(headings, remembered))
    return None


def load_columns(path: Path, cols: ExtractColumns, password: str | None = None) -> pd.DataFrame:
    """Only the recognised columns, as strings (dates as datetimes where the workbook stores dates)."""
    wanted = sorted(set(cols.columns.values()))
    names = [f"c{i}" for i in wanted]
    if path.suffix.lower() in (".csv", ".txt", ".tsv"):
        with open(path, "rb") as handle:
            head = handle.read(64 * 1024)
        from pccdesk.readers.workbook_reader import sniff_delimiter

        encoding = _csv_encoding(head)
        delimiter = sniff_delimiter(head.decode(encoding, errors="replace"))
        try:
            frame = pd.read_csv(path, engine="pyarrow", skiprows=cols.header_row + 1, header=None,
                                usecols=wanted, dtype="string[pyarrow]", encoding=encoding, sep=delimiter)
        except pd.errors.EmptyDataError:
            return pd.DataFrame({name: pd.Series([], dtype="string[pyarrow]") for name in names})
        except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as exc:
            frame = pd.read_csv(path, skiprows=cols.header_row + 1, header=None, usecols=wanted, dtype=str,
                                encoding=encoding, sep=delimiter, on_bad_lines="skip")
            del exc
        frame.columns = names
        return frame
    read = _read_sheet(path, password)
    if read.names is not None:
        needed = frozenset(read.names[i] for i in wanted)
        if not needed <= set(read.table.column_names):
            read = _read_sheet(path, password, also=needed)
        assert read.names is not None
        part = read.table.select([read.names[i] for i in wanted])
    else:
        part = read.table.slice(cols.header_row + 1).select(wanted)
    frame = part.to_pandas(types_mapper=pd.ArrowDtype)
    frame.columns = names
    return frame.astype("string[pyarrow]")


# --- periods -----------------------------------------------------------------

@dataclass(frozen=True)
class Periods:
    kind: str
    current: tuple[dt.date, dt.date]
    previous: tuple[dt.date, dt.date]

    @staticmethod
    def label(span: tuple[dt.date, dt.date]) -> str:
        return f"{span[0].day} {span[0]:%b %Y} to {span[1].day} {span[1]:%b %Y}"

    @property
    def current_label(self) -> str:
        return self.label(self.current)

    @property
    def previous_label(self) -> str:
        return self.label(self.previous)


def _year_back(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _month_start(day: dt.date, back: int) -> dt.date:
    month = day.month - 1 - back
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def choose_periods(latest: dt.date, kind: str = "fytd") -> Periods:
    """The two periods to compare, ending at ``latest`` (the last date in the data)."""
    if kind == "quarter":
        start = _month_start(latest, (latest.month - 1) % 3)
    elif kind == "rolling-12":
        start = _year_back(latest) + dt.timedelta(days=1)
    elif kind == "fytd":
        start = dt.date(latest.year if latest.month >= 4 else latest.year - 1, 4, 1)
    else:
        raise PccdeskError(f'"{kind}" is not a period: use one of {", ".join(PERIOD_CHOICES)}', code="bad-period")
    if kind == "rolling-12":
        return Periods(kind, (start, latest), (_year_back(start), start - dt.timedelta(days=1)))
    return Periods(kind, (start, latest), (_year_back(start), _year_back(latest)))


def _dates(series: pd.Series) -> tuple[np.ndarray, bool]:
    """Days since 1970 as int64 (NaT → min) and whether the column gives months only (``2018-12``)."""
    if pd.api.types.is_datetime64_any_dtype(series):
        values = series.to_numpy(dtype="datetime64[D]")
        return values.astype("int64"), False
    text = series.astype("string[pyarrow]").str.strip()
    sample = text.dropna().head(200).tolist()
    months_only = bool(sample) and all(re.match(r"^\d{4}-\d{2}$", s) for s in sample)
    if months_only:
        parsed = pd.to_datetime(text, format="%Y-%m", errors="coerce")
    elif sample and all(re.match(r"^\d{4}-\d{2}-\d{2}", s) for s in sample):
        parsed = pd.to_datetime(text.str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    elif sample and all(re.match(r"^\d{5}(\.0+)?$", s) for s in sample):
        serial = pd.to_numeric(text, errors="coerce")
        parsed = pd.to_datetime(serial, unit="D", origin="1899-12-30", errors="coerce")
    elif sample and all(re.match(r"^\d{1,2}/\d{1,2}/\d{4}", s) for s in sample):
        parsed = pd.to_datetime(text.str.replace(r"\s.*$", "", regex=True), format="%d/%m/%Y", errors="coerce")
    else:
        parsed = pd.to_datetime(text, dayfirst=True, errors="coerce", format="mixed")
    values = parsed.to_numpy(dtype="datetime64[D]")
    return values.astype("int64"), months_only


def _day(value: int) -> dt.date:
    return dt.date(1970, 1, 1) + dt.timedelta(days=int(value))


def _days(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days


# --- aggregation -------------------------------------------------------------

def _category_of_code(code: str) -> str | None:
    m = re.match(r"^\s*(\d+(?:\.\d+)?)", code or "")
    if not m:
        return None
    number = float(m.group(1))
    for (low, high), category in HO_CODES:
        if low <= number < high:
            return category
    return None


@dataclass
class LoadedExtract:
    """One extract's crime records, column-wise: only rows with a reference and a readable date are kept."""

    path: Path
    sheet: str
    cols: ExtractColumns
    frame: pd.DataFrame
    days: np.ndarray
    months_only: bool
    problems: list[Problem]

    @property
    def where(self) -> Location:
        return Location.of(self.path, self.sheet)


def load_extract(path: Path, *, password: str | None = None, remembered: Mapping[str, str] | None = None,
                 peeked: tuple[list[list[Any]], str] | None = None) -> LoadedExtract:
    """Read the recognised columns of one extract and drop the rows that are not countable crimes."""
    rows, sheet = peeked or peek_rows(path, password)
    cols = find_columns(rows, remembered)
    where = Location.of(path, sheet)
    if cols is None:
        raise PccdeskError("the columns of this extract are not recognised: say which heading holds what, e.g. "
                           '--column date="When" --column category="Type" (remembered for next time)',
                           where, code="crime-columns-unknown")
    frame = load_columns(path, cols, password)
    forget_cached_sheets()
    problems: list[Problem] = []
    total_rows = len(frame)
    keep = np.ones(total_rows, dtype=bool)
    if "reference" in cols.columns:
        ref = frame[f"c{cols.columns['reference']}"].astype("string[pyarrow]").str.strip()
        keep = (ref.notna() & (ref.str.len() > 0)).to_numpy(dtype=bool, na_value=False)
        skipped = int(total_rows - keep.sum())
        if skipped:
            problems.append(info("crime-records-without-reference", f"{skipped:,} rows have no crime reference "
                                 "(e.g. anti-social behaviour) and are not counted", where))
    days, months_only = _dates(frame[f"c{cols.columns['date']}"])
    valid_day = days > np.iinfo(np.int64).min
    bad_dates = int((keep & ~valid_day).sum())
    if bad_dates:
        problems.append(warning("crime-record-date", f"{bad_dates:,} records have no readable date and are not "
                                "counted", where))
    if not total_rows:
        raise PccdeskError("the extract has its headings but no rows", where, code="crime-no-records")
    if not (keep & valid_day).any():
        heading = cols.headings[cols.columns["date"]]
        example = next((str(v) for v in frame[f"c{cols.columns['date']}"].dropna().head(1)), "")
        raise PccdeskError(f'none of its {total_rows:,} rows is a crime with a readable date in "{heading}"'
                           + (f' (e.g. "{example}")' if example else ""), where, code="crime-no-records")
    keep &= valid_day
    if not keep.all():
        frame = frame[keep]
        days = days[keep]
    return LoadedExtract(path, sheet, cols, frame.reset_index(drop=True), days, months_only, problems)


def read_extract(path: Path, categories: CategoryList, *, force: str | None = None, period: str | None = None,
                 password: str | None = None, remembered: Mapping[str, str] | None = None,
                 peeked: tuple[list[list[Any]], str] | None = None) -> CrimeImport:
    """Count the crimes of one extract by area and category for the two periods."""
    loaded = load_extract(path, password=password, remembered=remembered, peeked=peeked)
    return count_extracts([loaded], categories, force=force, period=period)


def count_extracts(extracts: list[LoadedExtract], categories: CategoryList, *, force: str | None = None,
                   period: str | None = None) -> CrimeImport:
    """Count the crimes of one or more extracts together (e.g. twelve monthly files) for the two periods."""
    first = extracts[0]
    where = first.where if len(extracts) == 1 else Location.of(first.path)
    result = CrimeImport(first.path, force, "", None, shape="record-level extract")
    for extract in extracts:
        result.problems.extend(extract.problems)
    days = np.concatenate([e.days for e in extracts]) if len(extracts) > 1 else first.days
    if not len(days):
        raise PccdeskError("no crime records with a date were found", where, code="crime-no-records")
    months_only = any(e.months_only for e in extracts)
    latest = _day(int(days.max()))
    earliest = _day(int(days.min()))
    if months_only:
        latest = _month_start(latest, -1) - dt.timedelta(days=1)
    periods = choose_periods(latest, period or "fytd")
    result.current_period = periods.current_label
    covered_previous = earliest <= periods.previous[0]
    result.previous_period = periods.previous_label if covered_previous else None
    files = f" in {len(extracts)} files" if len(extracts) > 1 else ""
    result.problems.append(info("crime-periods-used", f"compared {periods.current_label} with "
                                f"{periods.previous_label} ({periods.kind}); the data{files} run from "
                                f"{earliest:%d %b %Y} to {latest:%d %b %Y}", where))
    if not covered_previous:
        result.problems.append(warning("crime-previous-not-covered", f"the data start on {earliest:%d %b %Y}, after "
                                       f"the previous period's start ({periods.previous[0]:%d %b %Y}): the previous "
                                       "period is shown as not available", where))
    if earliest > periods.current[0]:
        result.problems.append(warning("crime-current-not-covered", f"the data start on {earliest:%d %b %Y}, after "
                                       f"the current period's start ({periods.current[0]:%d %b %Y}): its counts "
                                       "are incomplete", where))
    role = np.full(len(days), -1, dtype=np.int8)
    role[(days >= _days(periods.current[0])) & (days <= _days(periods.current[1]))] = 0
    if covered_previous:
        role[(days >= _days(periods.previous[0])) & (days <= _days(periods.previous[1]))] = 1

    listed = [c for c in categories.names if c != TOTAL]
    unmapped: dict[str, int] = {}
    area_names: list[str] = []
    category_parts, area_parts = [], []
    for extract in extracts:
        codes, missing = _category_codes(extract, categories, listed)
        category_parts.append(codes)
        for name, n in missing:
            unmapped[name] = unmapped.get(name, 0) + n
        area_parts.append(_area_codes(extract, categories, force, area_names))
    category_codes = np.concatenate(category_parts)
    area_codes = np.concatenate(area_parts)
    no_area = len(area_names)
    area_codes[area_codes < 0] = no_area
    area_names.append("(no area)")
    force_name = force or _force_name(extracts, categories, area_names)
    result.force = force_name

    selected = role >= 0
    n_cat, n_area = len(listed), len(area_names)
    index = (role[selected].astype(np.int64) * n_area + area_codes[selected]) * (n_cat + 1) \
        + category_codes[selected]
    counts = np.bincount(index, minlength=2 * n_area * (n_cat + 1)).reshape(2, n_area, n_cat + 1)
    result.rows_read = int(selected.sum())
    roles = [(0, CURRENT)] + ([(1, PREVIOUS)] if covered_previous else [])
    for r, role_name in roles:
        by_area = counts[r]
        force_by_cat = by_area.sum(axis=0)
        for a, area in enumerate(area_names):
            if a == no_area:
                for c, cat in enumerate(listed):
                    if by_area[a, c]:
                        result.unassigned[(cat, role_name)] = float(by_area[a, c])
                total = float(by_area[a].sum())
                if total:
                    result.unassigned[(TOTAL, role_name)] = total
                continue
            for c, cat in enumerate(listed):
                result.counts.append(CrimeCount(area, cat, role_name, float(by_area[a, c]), where))
            result.counts.append(CrimeCount(area, TOTAL, role_name, float(by_area[a].sum()), where))
        for c, cat in enumerate(listed):
            result.counts.append(CrimeCount(force_name, cat, role_name, float(force_by_cat[c]), where, True))
        result.counts.append(CrimeCount(force_name, TOTAL, role_name, float(force_by_cat.sum()), where, True))
    if unmapped:
        ordered = sorted(unmapped.items(), key=lambda item: -item[1])
        shown = ", ".join(f"{name} ({n:,})" for name, n in ordered[:8])
        result.problems.append(info("crime-category-unlisted", "records of categories not in the list count in "
                                    f"Total crime only: {shown}" + (" …" if len(ordered) > 8 else ""), where))
    return result


def _category_codes(extract: LoadedExtract, categories: CategoryList, listed: list[str]
                    ) -> tuple[np.ndarray, list[tuple[str, int]]]:
    """Per row, the index of its listed category (len(listed) for none), from its category or offence code."""
    position = {name: i for i, name in enumerate(listed)}
    cols = extract.cols
    role = "category" if "category" in cols.columns else "code"
    series = extract.frame[f"c{cols.columns[role]}"].astype("string[pyarrow]")
    factor_codes, uniques = pd.factorize(series, use_na_sentinel=True)
    lookup = np.full(len(uniques) + 1, len(listed), dtype=np.int64)
    unmapped: list[tuple[str, int]] = []
    sizes = np.bincount(factor_codes[factor_codes >= 0], minlength=len(uniques))
    for i, value in enumerate(uniques):
        name = (categories.category(value) or categories.part_of(value)) if role == "category" \
            else _category_of_code(str(value))
        if name is not None and name in position:
            lookup[i] = position[name]
        else:
            unmapped.append((str(value), int(sizes[i])))
    if (factor_codes < 0).any():
        unmapped.append(("(blank)", int((factor_codes < 0).sum())))
    return lookup[factor_codes], unmapped


def _area_codes(extract: LoadedExtract, categories: CategoryList, force: str | None, names: list[str]
                ) -> np.ndarray:
    """Per row, the index of its area in ``names`` (extended as new areas appear); -1 for no area."""
    cols = extract.cols
    if "area" not in cols.columns:
        return np.full(len(extract.frame), -1, dtype=np.int64)
    is_lsoa = normalise(cols.headings[cols.columns["area"]]) == "lsoa name"
    series = extract.frame[f"c{cols.columns['area']}"].astype("string[pyarrow]")
    factor_codes, uniques = pd.factorize(series, use_na_sentinel=True)
    lookup = np.full(len(uniques) + 1, -1, dtype=np.int64)
    for i, value in enumerate(uniques):
        text = str(value).strip()
        if is_lsoa:
            text = _LSOA_SUFFIX.sub("", text)
        name = categories.area_name(text, force) if text else ""
        if not name:
            continue
        if name not in names:
            names.append(name)
        lookup[i] = names.index(name)
    return lookup[factor_codes]


def _force_name(extracts: list[LoadedExtract], categories: CategoryList, areas: list[str]) -> str:
    for extract in extracts:
        if "force" in extract.cols.columns:
            values = extract.frame[f"c{extract.cols.columns['force']}"].astype("string[pyarrow]").value_counts()
            if len(values):
                return str(values.index[0]).strip()
    for force in categories.forces:
        listed = {a.name for a in categories.areas_of(force)}
        if listed and listed & set(areas):
            return force
    return "Force"
