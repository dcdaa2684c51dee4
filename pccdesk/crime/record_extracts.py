"""Record-level crime extracts (one row per crime, often 100,000–1,000,000 rows) aggregated into the tables.

The file is streamed, row by row, in pure Python: ``.csv`` with the standard
``csv`` module, ``.xlsx`` and the other workbook formats with python-calamine's
``iter_rows``. Rows are transient: only the needed cells of each row become a
key (day, category, area, force) of a ``Counter``, and each distinct date text
is parsed once (a dict cache), so memory grows with the distinct keys, not the
rows. numpy/pandas/pyarrow are not used: they would more than double the size
of the app bundle (issue 8) for no need here.

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
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pccdesk.crime import codes
from pccdesk.crime.bulk_counts import count_rows
from pccdesk.crime.categories import TOTAL, CategoryList, normalise
from pccdesk.crime.crime_model import CURRENT, PREVIOUS, CrimeCount, CrimeImport
from pccdesk.periods import financial_year_start
from pccdesk.problems import UNREADABLE_INPUT, Location, PccdeskError, Problem, info, warning

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

_TEXT_SUFFIXES = (".csv", ".txt", ".tsv")


def _csv_encoding(head: bytes) -> str:
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head[: len(head) - 4].decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def _csv_dialect(path: Path) -> tuple[str, str]:
    """Encoding and delimiter of a CSV extract, from its first 64 KB."""
    from pccdesk.readers.workbook_reader import sniff_delimiter

    with open(path, "rb") as handle:
        head = handle.read(64 * 1024)
    encoding = _csv_encoding(head)
    return encoding, sniff_delimiter(head.decode(encoding, errors="replace"))


def peek_rows(path: Path, password: str | None = None, n: int = 30) -> tuple[list[list[Any]], str]:
    """The first ``n`` rows (all as text or values) and the sheet name, without reading the whole file."""
    if path.suffix.lower() in _TEXT_SUFFIXES:
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
    sheet, name = _sheet(path, password)
    where = Location.of(path, name)
    head_rows = list(_guarded(itertools.islice(sheet.iter_rows(), n), where))
    return [[None if _blank(v) else v for v in row] for row in head_rows], name


#: The last workbook sheet opened: peeking at its headings and counting its rows share one parse (parsing is
#: most of the time on a big sheet). Keyed by path, size and modification time.
_SHEET_CACHE: dict[tuple[str, int, int], tuple[Any, str]] = {}


def _sheet(path: Path, password: str | None) -> tuple[Any, str]:
    """The first sheet of a workbook (python-calamine) and its name, parsed once per file version."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    cached = _SHEET_CACHE.get(key)
    if cached is not None:
        return cached
    import python_calamine as pc

    from pccdesk.readers.file_checks import check_spreadsheet_bytes
    from pccdesk.readers.workbook_reader import decrypt

    data = path.read_bytes()
    kind = check_spreadsheet_bytes(data, path)
    if kind == "encrypted":
        data = decrypt(data, path, password)
        check_spreadsheet_bytes(data, path)
    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        if not names:
            raise PccdeskError("the workbook has no sheets", Location.of(path), code=UNREADABLE_INPUT)
        sheet = book.get_sheet_by_name(names[0])
    except PccdeskError:
        raise
    except BaseException as exc:  # calamine reports damage through several types; a Rust panic is a BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise PccdeskError(f"the workbook cannot be read ({type(exc).__name__})", Location.of(path),
                           code=UNREADABLE_INPUT) from exc
    _SHEET_CACHE.clear()
    _SHEET_CACHE[key] = (sheet, names[0])
    return sheet, names[0]


def _guarded(rows: Iterable[Any], where: Location) -> Iterator[Any]:
    """Rows of a sheet, with calamine's own error types turned into one plain error naming the sheet."""
    try:
        yield from rows
    except BaseException as exc:  # calamine's error types for damaged sheets (a Rust panic is a BaseException)
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise PccdeskError(f"the sheet cannot be read ({type(exc).__name__})", where,
                           code=UNREADABLE_INPUT) from exc


def forget_cached_sheets() -> None:
    """Free the cached sheet once an extract has been counted."""
    _SHEET_CACHE.clear()


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and math.isnan(value)


def find_columns(rows: list[list[Any]], remembered: Mapping[str, str] | None = None) -> ExtractColumns | None:
    """The heading row of a record extract among the first rows, or None."""
    for r, row in enumerate(rows):
        headings = ["" if v is None else str(v).strip() for v in row]
        if sum(1 for h in headings if h) < 2:
            continue
        if is_record_extract(headings, remembered):
            return ExtractColumns(r, headings, recognise(headings, remembered))
    return None


def _data_rows(path: Path, cols: ExtractColumns, password: str | None) -> tuple[Iterator[list[Any]], str]:
    """The rows below the heading row, streamed (one row alive at a time), and the sheet name."""
    if path.suffix.lower() in _TEXT_SUFFIXES:
        encoding, delimiter = _csv_dialect(path)

        def csv_rows() -> Iterator[list[Any]]:
            with open(path, encoding=encoding, errors="replace", newline="") as handle:
                yield from itertools.islice(csv.reader(handle, delimiter=delimiter), cols.header_row + 1, None)

        return csv_rows(), path.stem
    sheet, name = _sheet(path, password)
    rows = _guarded(itertools.islice(sheet.iter_rows(), cols.header_row + 1, None), Location.of(path, name))
    return rows, name


def _text(value: Any) -> str | None:
    """A cell as text for counting (None when blank); whole numbers without ``.0`` (offence codes)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return str(int(value)) if value.is_integer() else str(value)
    return str(value)


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
        start = financial_year_start(latest)
    else:
        raise PccdeskError(f'"{kind}" is not a period: use one of {", ".join(PERIOD_CHOICES)}', code=codes.BAD_PERIOD)
    if kind == "rolling-12":
        return Periods(kind, (start, latest), (_year_back(start), start - dt.timedelta(days=1)))
    return Periods(kind, (start, latest), (_year_back(start), _year_back(latest)))


_EPOCH = dt.date(1970, 1, 1).toordinal()
_EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()
_MISS = object()
#: Formats tried, in order, when a date column follows none of the usual shapes (day first, as in the UK).
_MIXED_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%d-%b-%y",
                  "%d %b %y", "%Y/%m/%d", "%b %Y", "%B %Y", "%b-%y", "%b-%Y", "%Y%m%d")
_TIME_SUFFIX = re.compile(r"[\sT]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([ap]\.?m\.?)?\s*$", re.IGNORECASE)


def _date_format(sample: list[str]) -> str:
    """The shape of a date column's texts, from its first non-blank values (as the pandas reader did)."""
    if not sample:
        return "mixed"
    if all(re.match(r"^\d{4}-\d{2}$", s) for s in sample):
        return "month"
    if all(re.match(r"^\d{4}-\d{2}-\d{2}", s) for s in sample):
        return "iso"
    if all(re.match(r"^\d{5}(\.0+)?$", s) for s in sample):
        return "serial"
    if all(re.match(r"^\d{1,2}/\d{1,2}/\d{4}", s) for s in sample):
        return "dmy"
    return "mixed"


def _serial_day(number: float) -> int | None:
    if not 1 <= number < 2958466:  # Excel's own range of dates (to 31 Dec 9999)
        return None
    return _EXCEL_EPOCH + int(number) - _EPOCH


def _text_day(text: str, shape: str) -> int | None:
    """Days since 1970 of one date text in the column's shape, or None when it is not a readable date."""
    text = text.strip()
    try:
        if shape == "month":
            m = re.fullmatch(r"(\d{4})-(\d{2})", text)
            return dt.date(int(m.group(1)), int(m.group(2)), 1).toordinal() - _EPOCH if m else None
        if shape == "iso":
            return dt.datetime.strptime(text[:10], "%Y-%m-%d").toordinal() - _EPOCH
        if shape == "serial":
            return _serial_day(float(text))
        if shape == "dmy":
            return dt.datetime.strptime(text.split(None, 1)[0], "%d/%m/%Y").toordinal() - _EPOCH
    except (ValueError, OverflowError):
        return None
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text).toordinal() - _EPOCH
    except ValueError:
        pass
    bare = _TIME_SUFFIX.sub("", text)
    for fmt in _MIXED_FORMATS:
        try:
            return dt.datetime.strptime(bare, fmt).toordinal() - _EPOCH
        except ValueError:
            continue
    return None


def _day_parser(shape: str) -> Callable[[Any], int | None]:
    """Days since 1970 of one cell (date, date-time, Excel serial number or text); each distinct text is parsed
    once (a cache, emptied if it grows past 200,000 texts, as date-times can differ on every row)."""
    cache: dict[str, int | None] = {}

    def day_of(value: Any) -> int | None:
        if isinstance(value, str):
            hit = cache.get(value, _MISS)
            if hit is not _MISS:
                return hit  # type: ignore[return-value]
            if len(cache) > 200_000:
                cache.clear()
            day = cache[value] = _text_day(value, shape)
            return day
        if isinstance(value, dt.datetime | dt.date):
            return value.toordinal() - _EPOCH
        if isinstance(value, int | float) and not isinstance(value, bool):
            return None if isinstance(value, float) and math.isnan(value) else _serial_day(value)
        return None

    return day_of


def _date_sample(values: Iterable[Any]) -> list[str]:
    return [v.strip() for v in values if isinstance(v, str) and v.strip()][:200]


def _dates(values: Iterable[Any]) -> tuple[list[int | None], bool]:
    """Days since 1970 of each value (None when unreadable) and whether the column gives months only
    (``2018-12``). The shape is judged from the first 200 texts, as the counting does."""
    values = list(values)
    shape = _date_format(_date_sample(values))
    day_of = _day_parser(shape)
    return [day_of(v) for v in values], shape == "month"


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


#: A counted group of records: (day since 1970, category or code cell, area cell, force cell) as read.
Key = tuple[int, Any, Any, Any]


@dataclass
class LoadedExtract:
    """One extract's crime records, already grouped: how many rows have each (day, category, area, force).

    Only rows with a reference (when there is a reference column) and a readable date are counted; the cells
    are kept as read, so naming categories and areas is done once per distinct value, not per row."""

    path: Path
    sheet: str
    cols: ExtractColumns
    counts: Counter[Key]
    months_only: bool
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0

    @property
    def where(self) -> Location:
        return Location.of(self.path, self.sheet)


def load_extract(path: Path, *, password: str | None = None, remembered: Mapping[str, str] | None = None,
                 peeked: tuple[list[list[Any]], str] | None = None) -> LoadedExtract:
    """Stream the rows of one extract, counting the countable crimes by day, category, area and force."""
    rows, sheet = peeked or peek_rows(path, password)
    cols = find_columns(rows, remembered)
    where = Location.of(path, sheet)
    if cols is None:
        raise PccdeskError("the columns of this extract are not recognised: say which heading holds what, e.g. "
                           '--column date="When" --column category="Type" (remembered for next time)',
                           where, code=codes.CRIME_COLUMNS_UNKNOWN)
    try:
        data, sheet = _data_rows(path, cols, password)
        return _count_rows(path, sheet, cols, data)
    finally:
        forget_cached_sheets()


def _count_rows(path: Path, sheet: str, cols: ExtractColumns, data: Iterator[list[Any]]) -> LoadedExtract:
    where = Location.of(path, sheet)
    columns = cols.columns
    ref_i = columns.get("reference")
    date_i = columns["date"]
    cat_i = columns["category"] if "category" in columns else columns["code"]
    area_i = columns.get("area")
    force_i = columns.get("force")

    # The date shape is judged from the first texts of the column: read ahead until 200 are seen.
    buffer: list[list[Any]] = []
    sample: list[str] = []
    example: Any = None
    for row in data:
        buffer.append(row)
        value = row[date_i] if date_i < len(row) else None
        if example is None and not _blank(value):
            example = value
        if isinstance(value, str) and value.strip():
            sample.append(value.strip())
            if len(sample) >= 200:
                break
        if len(buffer) >= 20_000:
            break
    shape = _date_format(sample)
    day_of = _day_parser(shape)

    counted = count_rows(itertools.chain(buffer, data), ref_i=ref_i, date_i=date_i, cat_i=cat_i, area_i=area_i,
                         force_i=force_i, day_of=day_of)
    counts, total, skipped, bad = counted.counts, counted.total, counted.skipped, counted.bad
    del buffer
    problems: list[Problem] = []
    if skipped:
        problems.append(info(codes.CRIME_RECORDS_WITHOUT_REFERENCE, f"{skipped:,} rows have no crime reference "
                             "(e.g. anti-social behaviour) and are not counted", where))
    if bad:
        problems.append(warning(codes.CRIME_RECORD_DATE, f"{bad:,} records have no readable date and are not "
                                "counted", where))
    if not total:
        raise PccdeskError("the extract has its headings but no rows", where, code=codes.CRIME_NO_RECORDS)
    if not counts:
        heading = cols.headings[date_i]
        raise PccdeskError(f'none of its {total:,} rows is a crime with a readable date in "{heading}"'
                           + (f' (e.g. "{example}")' if example is not None else ""), where, code=codes.CRIME_NO_RECORDS)
    return LoadedExtract(path, sheet, cols, counts, shape == "month", problems, total - skipped - bad)


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
    all_days = {key[0] for extract in extracts for key in extract.counts}
    if not all_days:
        raise PccdeskError("no crime records with a date were found", where, code=codes.CRIME_NO_RECORDS)
    months_only = any(e.months_only for e in extracts)
    latest = _day(max(all_days))
    earliest = _day(min(all_days))
    if months_only:
        latest = _month_start(latest, -1) - dt.timedelta(days=1)
    periods = choose_periods(latest, period or "fytd")
    result.current_period = periods.current_label
    covered_previous = earliest <= periods.previous[0]
    result.previous_period = periods.previous_label if covered_previous else None
    files = f" in {len(extracts)} files" if len(extracts) > 1 else ""
    result.problems.append(info(codes.CRIME_PERIODS_USED, f"compared {periods.current_label} with "
                                f"{periods.previous_label} ({periods.kind}); the data{files} run from "
                                f"{earliest:%d %b %Y} to {latest:%d %b %Y}", where))
    if not covered_previous:
        result.problems.append(warning(codes.CRIME_PREVIOUS_NOT_COVERED, f"the data start on {earliest:%d %b %Y}, after "
                                       f"the previous period's start ({periods.previous[0]:%d %b %Y}): the previous "
                                       "period is shown as not available", where))
    if earliest > periods.current[0]:
        result.problems.append(warning(codes.CRIME_CURRENT_NOT_COVERED, f"the data start on {earliest:%d %b %Y}, after "
                                       f"the current period's start ({periods.current[0]:%d %b %Y}): its counts "
                                       "are incomplete", where))
    current = (_days(periods.current[0]), _days(periods.current[1]))
    previous = (_days(periods.previous[0]), _days(periods.previous[1]))
    role_of: dict[int, int] = {}
    for day in all_days:
        if current[0] <= day <= current[1]:
            role_of[day] = 0
        elif covered_previous and previous[0] <= day <= previous[1]:
            role_of[day] = 1

    listed = [c for c in categories.names if c != TOTAL]
    n_cat = len(listed)
    unmapped: dict[str, int] = {}
    area_names: list[str] = []
    # (role, area index or -1, category index or n_cat) → records
    grouped: Counter[tuple[int, int, int]] = Counter()
    selected = 0
    for extract in extracts:
        category_of = _category_lookup(extract, categories, listed)
        area_of = _area_lookup(extract, categories, force, area_names)
        for (day, cat, area, _), n in extract.counts.items():
            c = category_of(cat)
            if c == n_cat:
                name = _text(cat)
                name = "(blank)" if name is None else name
                unmapped[name] = unmapped.get(name, 0) + n
            r = role_of.get(day)
            if r is None:
                continue
            grouped[(r, area_of(area), c)] += n
            selected += n
    no_area = len(area_names)
    area_names.append("(no area)")
    force_name = force or _force_name(extracts, categories, area_names)
    result.force = force_name
    result.rows_read = selected

    roles = [(0, CURRENT)] + ([(1, PREVIOUS)] if covered_previous else [])
    for r, role_name in roles:
        by_area = [[0] * (n_cat + 1) for _ in area_names]
        for (gr, a, c), n in grouped.items():
            if gr == r:
                by_area[no_area if a < 0 else a][c] += n
        force_by_cat = [sum(row[c] for row in by_area) for c in range(n_cat + 1)]
        for a, area in enumerate(area_names):
            if a == no_area:
                for c, cat in enumerate(listed):
                    if by_area[a][c]:
                        result.unassigned[(cat, role_name)] = float(by_area[a][c])
                total = float(sum(by_area[a]))
                if total:
                    result.unassigned[(TOTAL, role_name)] = total
                continue
            for c, cat in enumerate(listed):
                result.counts.append(CrimeCount(area, cat, role_name, float(by_area[a][c]), where))
            result.counts.append(CrimeCount(area, TOTAL, role_name, float(sum(by_area[a])), where))
        for c, cat in enumerate(listed):
            result.counts.append(CrimeCount(force_name, cat, role_name, float(force_by_cat[c]), where, True))
        result.counts.append(CrimeCount(force_name, TOTAL, role_name, float(sum(force_by_cat)), where, True))
    if unmapped:
        ordered = sorted(unmapped.items(), key=lambda item: -item[1])
        shown = ", ".join(f"{name} ({n:,})" for name, n in ordered[:8])
        result.problems.append(info(codes.CRIME_CATEGORY_UNLISTED, "records of categories not in the list count in "
                                    f"Total crime only: {shown}" + (" …" if len(ordered) > 8 else ""), where))
    return result


def _category_lookup(extract: LoadedExtract, categories: CategoryList, listed: list[str]
                     ) -> Callable[[Any], int]:
    """Cell → index of its listed category (len(listed) for none), from its category or offence code; each
    distinct cell is named once."""
    position = {name: i for i, name in enumerate(listed)}
    by_code = "category" not in extract.cols.columns
    cache: dict[Any, int] = {}

    def category_of(value: Any) -> int:
        hit = cache.get(value)
        if hit is None:
            text = _text(value)
            name = None
            if text is not None:
                name = _category_of_code(text) if by_code else (categories.category(text)
                                                                or categories.part_of(text))
            hit = cache[value] = position.get(name, len(listed)) if name is not None else len(listed)
        return hit

    return category_of


def _area_lookup(extract: LoadedExtract, categories: CategoryList, force: str | None, names: list[str]
                 ) -> Callable[[Any], int]:
    """Cell → index of its area in ``names`` (extended as new areas appear); -1 for no area."""
    cols = extract.cols
    is_lsoa = "area" in cols.columns and normalise(cols.headings[cols.columns["area"]]) == "lsoa name"
    cache: dict[Any, int] = {}

    def area_of(value: Any) -> int:
        hit = cache.get(value)
        if hit is None:
            text = (_text(value) or "").strip()
            if is_lsoa:
                text = _LSOA_SUFFIX.sub("", text)
            name = categories.area_name(text, force) if text else ""
            if not name:
                hit = -1
            else:
                if name not in names:
                    names.append(name)
                hit = names.index(name)
            cache[value] = hit
        return hit

    return area_of


def _force_name(extracts: list[LoadedExtract], categories: CategoryList, areas: list[str]) -> str:
    for extract in extracts:
        if "force" in extract.cols.columns:
            forces: Counter[str] = Counter()
            for (_, _, _, value), n in extract.counts.items():
                text = _text(value)
                if text is not None:
                    forces[text.strip()] += n
            if forces:
                return forces.most_common(1)[0][0]
    for force in categories.forces:
        listed = {a.name for a in categories.areas_of(force)}
        if listed and listed & set(areas):
            return force
    return "Force"
