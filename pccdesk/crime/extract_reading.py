"""Reading a record-level crime extract: its rows streamed once, grouped into counts as they pass.

The file is opened by the readers (:mod:`pccdesk.readers.row_stream`: format
sniffing, decryption, text decoding), and streamed in blocks of rows counted by
C loops (:mod:`pccdesk.crime.bulk_counts`); a CSV's lines and a plain .xlsx
sheet's XML are tallied in bulk before any row is made
(:mod:`pccdesk.readers.text_tally`, :mod:`pccdesk.readers.sheet_tally`, each
falling back to the rows where it cannot be sure); all of it inside the reading worker
process (:mod:`pccdesk.readers.isolation`: limits on memory and time, so a
hostile file the checks miss is refused and the caller stays up). Only the
grouped counts come back across the process boundary, never a row: the worker
costs its start-up, not a price per row. Rows are transient: only the needed
cells of each row become a key (date, category, area, force) of a ``Counter``,
and each distinct date text is parsed and each category judged once, so memory
grows with the distinct keys, not the rows. numpy/pandas/
pyarrow are not used: they would more than double the size of the app bundle
for no need here.

Anti-social behaviour is recognised by its crime type and not counted; a
record with no crime reference is still a crime when its type says so
(British Transport Police's street files have no Crime IDs at all).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pccdesk.crime import codes
from pccdesk.crime.bulk_counts import count_rows, tallied_columns
from pccdesk.crime.extract_categories import is_asb
from pccdesk.crime.extract_columns import ExtractColumns, find_columns, layout_signature
from pccdesk.crime.extract_dates import date_format, day_of_number, day_parser, month_first
from pccdesk.problems import UNREADABLE_INPUT, Location, PccdeskError, Problem, info, warning
from pccdesk.readers.cells import cell_name
from pccdesk.readers.headings import heading_key
from pccdesk.readers.row_stream import (
    forget_cached_sheets,
    is_text_file,
    peek_rows_here,
    sheet_origin,
    stream_rows,
)
from pccdesk.readers.text_files import iter_text_rows

if TYPE_CHECKING:
    from pccdesk.readers.sheet_tally import PlainSheet

#: A counted group of records: (day since 1970, category or code cell, area cell, force cell) as read.
Key = tuple[int, Any, Any, Any]


@dataclass
class LoadedExtract:
    """One extract's crime records, already grouped: how many rows have each (day, category, area, force).

    Only crimes (not anti-social behaviour) with a readable date are counted; the cells are kept as read, so
    naming categories and areas is done once per distinct value, not per row."""

    path: Path
    sheet: str
    cols: ExtractColumns
    counts: Counter[Key]
    months_only: bool
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    #: Counted records whose "Reported by" is not their "Falls within": (day, force cell, reporter cell) → records.
    reported: Counter[tuple[int, Any, Any]] = field(default_factory=Counter)

    @property
    def where(self) -> Location:
        return Location.of(self.path, self.sheet)


def load_extract(path: Path, *, password: str | None = None, remembered: Mapping[str, str] | None = None,
                 peeked: tuple[list[list[Any]], str] | None = None) -> LoadedExtract:
    """Stream the rows of one extract, counting the crimes by day, category, area and force, in the reading
    worker process (a file that exhausts its memory or time is refused naming the file)."""
    from pccdesk.readers.isolation import run_isolated

    loaded: LoadedExtract = run_isolated(load_extract_here, Path(path), password, _plain(remembered), peeked,
                                         path=path)
    return loaded


#: Remembered extract layouts: layout signature (:func:`~pccdesk.crime.extract_columns.layout_signature`) →
#: role → heading.
Layouts = Mapping[str, Mapping[str, str]]


def open_extract(path: Path, *, password: str | None = None, remembered: Mapping[str, str] | None = None,
                 layouts: Layouts | None = None) -> LoadedExtract | None:
    """One extract's grouped records, or None when the file is not one (a table, or a workbook whose first sheet
    the streaming reader cannot read): its headings are recognised and its rows counted in one visit to the
    reading worker, so the file is parsed once. Without ``remembered`` columns, the ``layouts`` remembered
    before are looked up by the file's own headings."""
    from pccdesk.readers.isolation import run_isolated

    plain_layouts = None if layouts is None else {k: dict(v) for k, v in layouts.items()}
    found: LoadedExtract | None = run_isolated(open_extract_here, Path(path), password, _plain(remembered),
                                               plain_layouts, path=path)
    return found


def _plain(remembered: Mapping[str, str] | None) -> dict[str, str] | None:
    """The remembered columns as a plain dict (what crosses to the worker must pickle)."""
    return None if remembered is None else dict(remembered)


def open_extract_here(path: Path, password: str | None = None, remembered: Mapping[str, str] | None = None,
                      layouts: Layouts | None = None) -> LoadedExtract | None:
    """:func:`open_extract` in this process, without its limits: only for the reading worker."""
    checked = _checked(path)
    answered, found = _from_xml(path, checked, remembered, layouts, must=False)
    if answered:
        return found
    try:
        peeked = peek_rows_here(path, password, checked=checked)
    except PccdeskError:
        forget_cached_sheets()
        raise
    except (OSError, ValueError) as exc:
        forget_cached_sheets()
        raise PccdeskError(f"the file cannot be read ({exc})", Location.of(path), code=UNREADABLE_INPUT) from exc
    except MemoryError:
        raise
    except Exception:  # the spreadsheet library's own error types: the caller reads it as a table instead
        forget_cached_sheets()
        return None
    if remembered is None and layouts:
        remembered = layouts.get(layout_signature(*peeked) or "")
    if find_columns(peeked[0], remembered) is None:
        forget_cached_sheets()
        return None
    return load_extract_here(path, password, remembered, peeked)


def load_extract_here(path: Path, password: str | None = None, remembered: Mapping[str, str] | None = None,
                      peeked: tuple[list[list[Any]], str] | None = None) -> LoadedExtract:
    """:func:`load_extract` in this process, without its limits: only for the reading worker."""
    checked = _checked(path) if peeked is None else None  # (calamine's peeked columns count from its start)
    answered, found = _from_xml(path, checked, remembered, None, must=True)
    if answered and found is not None:
        return found
    try:
        rows, sheet = peeked or peek_rows_here(path, password, checked=checked)
        cols = find_columns(rows, remembered)
        if cols is None:
            raise PccdeskError("the columns of this extract are not recognised: say which heading holds what, e.g. "
                               '--column date="When" --column category="Type" (remembered for next time)',
                               Location.of(path, sheet), code="crime-columns-unknown")
        if is_text_file(path):
            return _count_text(path, cols)
        data, sheet = stream_rows(path, password, cols.header_row + 1)
        top, left = sheet_origin(path, password)
        first_row, date_i, cat_i = top + cols.header_row + 1, cols.columns["date"], _roles(cols)[2]

        def cells() -> Iterator[tuple[str, Any, Any]]:
            rows, _ = stream_rows(path, password, cols.header_row + 1)
            for i, row in enumerate(rows):
                yield (cell_name(first_row + i, left + date_i), row[date_i] if date_i < len(row) else None,
                       row[cat_i] if cat_i < len(row) else None)

        return _count_rows(path, sheet, cols, data, cells)
    finally:
        forget_cached_sheets()  # a worker kept for the next file holds no sheet


def _checked(path: Path) -> tuple[bytes, str] | None:
    """A workbook's bytes and kind, through the checks every input passes (once: the calamine path is given
    them too); None for a text file, or one whose reading fails other than by a refusal (the usual reading then
    runs the checks itself and says what is wrong, as before)."""
    if is_text_file(path):
        return None
    from pccdesk.readers import file_checks  # the worker's: not imported by the library's users

    try:
        data = path.read_bytes()
        return data, file_checks.check_spreadsheet_bytes(data, path)
    except (PccdeskError, MemoryError):
        raise
    except Exception:  # noqa: BLE001 - reported by the usual reading
        return None


def _sheet_xml(path: Path, checked: tuple[bytes, str] | None) -> PlainSheet | None:
    """The extract's first sheet read from its XML (:mod:`pccdesk.readers.sheet_tally`); None for a text file, a
    protected workbook or one whose package is not plain."""
    from pccdesk.readers.sheet_tally import NotPlain, PlainSheet

    if checked is None or checked[1] != "xlsx":
        return None
    try:
        return PlainSheet(path, checked[0])
    except NotPlain:
        return None


def _from_xml(path: Path, checked: tuple[bytes, str] | None, remembered: Mapping[str, str] | None,
              layouts: Layouts | None, *, must: bool) -> tuple[bool, LoadedExtract | None]:
    """(whether the sheet's XML answered, the answer): False when there is no plain sheet or it declines, and
    the caller reads the file with python-calamine."""
    from pccdesk.readers.sheet_xml import NotPlain  # the worker's own: not imported by the library's users

    sheet = _sheet_xml(path, checked)
    if sheet is None:
        return False, None
    try:
        return True, _load_xml(path, sheet, remembered, layouts, must=must)
    except NotPlain:
        return False, None


def _load_xml(path: Path, sheet: PlainSheet, remembered: Mapping[str, str] | None, layouts: Layouts | None, *,
              must: bool) -> LoadedExtract | None:
    """:func:`load_extract_here` (``must``) or :func:`open_extract_here` on the sheet's XML; :class:`NotPlain`
    when the sheet says something read only by python-calamine (the caller then reads it there)."""
    rows = [[None if _blank(v) else v for v in row] for row in sheet.head_rows(30)]
    if remembered is None and layouts:
        remembered = layouts.get(layout_signature(rows, sheet.name) or "")
    cols = find_columns(rows, remembered)
    if cols is None:
        if not must:
            return None
        from pccdesk.readers.sheet_xml import NotPlain

        raise NotPlain("columns not recognised: calamine's reading gives the message")
    ref_i, date_i, cat_i, area_i, force_i, reporter_i = _roles(cols)
    _, sample, example = _date_sample(([v] for v in sheet.column_values(cols.header_row, date_i, 20_000)), 0)
    wanted = tallied_columns(date_i=date_i, cat_i=cat_i, area_i=area_i, force_i=force_i, reporter_i=reporter_i)
    blocks = sheet.tally(cols.header_row, wanted, ref_i, two_cores=True)
    return _counted(path, sheet.name, cols, sample, example, blocks=blocks,
                    cells=lambda: _xml_cells(sheet, cols.header_row, date_i, cat_i))


def _xml_cells(sheet: PlainSheet, header_row: int, date_i: int, cat_i: int) -> Iterator[tuple[str, Any, Any]]:
    """(date cell's name, its value, the category's value) of every row after the headings, read from the sheet's
    XML as the tally read them (a missing row as empty); none more once the XML says something unusual."""
    from pccdesk.readers.sheet_xml import NotPlain

    expected = header_row + 2  # row numbers count from 1
    try:
        for number, cells in sheet.rows():
            if number < expected:
                continue
            for missing in range(expected, number):
                yield cell_name(missing - 1, date_i), "", ""
            yield cell_name(number - 1, date_i), cells.get(date_i, ""), cells.get(cat_i, "")
            expected = number + 1
    except NotPlain:
        return


def _blank(value: Any) -> bool:
    return value is None or (value.__class__ is str and (not value or value.isspace())) or value != value


def _count_text(path: Path, cols: ExtractColumns) -> LoadedExtract:
    """A text extract, tallied in bulk (:mod:`pccdesk.readers.text_tally`); its date shape judged from the
    first lines, read again by csv, exactly as :func:`_count_rows` judges a workbook's."""
    from pccdesk.readers.text_tally import text_blocks

    skip = cols.header_row + 1
    ref_i, date_i, cat_i, area_i, force_i, reporter_i = _roles(cols)
    first = iter_text_rows(path, skip)
    try:
        _, sample, example = _date_sample(first, date_i)
    finally:
        first.close()  # type: ignore[attr-defined]
    wanted = tallied_columns(date_i=date_i, cat_i=cat_i, area_i=area_i, force_i=force_i, reporter_i=reporter_i)
    blocks = text_blocks(path, skip, wanted, ref_i, second_core=True)

    def cells() -> Iterator[tuple[str, Any, Any]]:
        rows = iter_text_rows(path, skip)
        try:
            for i, row in enumerate(rows):  # a record is a row in a spreadsheet, whatever line ends it holds
                yield (cell_name(skip + i, date_i), row[date_i] if date_i < len(row) else None,
                       row[cat_i] if cat_i < len(row) else None)
        finally:
            rows.close()  # type: ignore[attr-defined]

    return _counted(path, path.stem, cols, sample, example, blocks=blocks, cells=cells)


def _roles(cols: ExtractColumns) -> tuple[int | None, int, int, int | None, int | None, int | None]:
    columns = cols.columns
    cat_i = columns["category"] if "category" in columns else columns["code"]
    return (columns.get("reference"), columns["date"], cat_i, columns.get("area"), columns.get("force"),
            columns.get("reporter"))


def _date_sample(data: Iterator[list[Any]], date_i: int) -> tuple[list[list[Any]], list[str], Any]:
    """The rows read ahead until 200 date texts are seen (at most 20,000), those texts, and the first date
    cell that is not blank (for a message)."""
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
    return buffer, sample, example


def _count_rows(path: Path, sheet: str, cols: ExtractColumns, data: Iterator[list[Any]],
                cells: Callable[[], Iterator[tuple[str, Any, Any]]] | None = None) -> LoadedExtract:
    # The date shape is judged from the first texts of the column: read ahead until 200 are seen.
    buffer, sample, example = _date_sample(data, cols.columns["date"])
    return _counted(path, sheet, cols, sample, example, rows=itertools.chain(buffer, data), cells=cells)


def _counted(path: Path, sheet: str, cols: ExtractColumns, sample: list[str], example: Any, *,
             rows: Iterator[list[Any]] | None = None, blocks: Iterator[Any] | None = None,
             cells: Callable[[], Iterator[tuple[str, Any, Any]]] | None = None) -> LoadedExtract:
    """The counted extract and what to say about it. ``cells`` reads the rows again, only when some dates cannot
    be read: (date cell's name, its value, the category's value) per row, to name the first few such cells."""
    where = Location.of(path, sheet)
    ref_i, date_i, cat_i, area_i, force_i, reporter_i = _roles(cols)
    shape = date_format(sample)
    day_of = day_parser(shape)
    counted = count_rows(rows or iter(()), ref_i=ref_i, date_i=date_i, cat_i=cat_i, area_i=area_i,
                         force_i=force_i, day_of=day_of, skip_category=is_asb, blocks=blocks, reporter_i=reporter_i)
    counts, total, asb = counted.counts, counted.total, counted.skipped
    bad, no_reference = counted.bad, counted.no_reference
    problems: list[Problem] = []
    if asb:
        problems.append(info("crime-asb-not-counted", f"{asb:,} anti-social behaviour records (by their crime "
                             "type) are not crimes and are not counted", where))
    if no_reference:
        heading = cols.headings[ref_i] if ref_i is not None else "reference"
        problems.append(info("crime-records-without-reference", f'{no_reference:,} crimes have no "{heading}" '
                             "(British Transport Police publishes none): they count as crimes unless their crime type "
                             "says anti-social behaviour",
                             where))
    if shape == "mdy":
        heading = cols.headings[date_i]
        problems.append(info(codes.CRIME_DATES_MONTH_FIRST, f'the dates in "{heading}" are month first (e.g. '
                             f'"{month_first(sample)}": there is no 13th month), so they are read that way',
                             where))
    if bad:
        found = _unreadable_dates(cells, day_of) if cells is not None else []
        shown = ", ".join(f"{cell} {_shown(value)}" for cell, value in found)
        more = " …" if len(found) < bad else ""
        problems.append(warning("crime-record-date", f'{bad:,} records have no readable date in '
                                f'"{cols.headings[date_i]}" and are not counted'
                                + (f" ({shown}{more})" if found else ""),
                                Location.of(path, sheet, found[0][0] if found else "")))
    if not total:
        raise PccdeskError("the extract has its headings but no rows", where, code="crime-no-records")
    if not counts:
        if asb == total:
            raise PccdeskError(f"all {total:,} records are anti-social behaviour: no crimes to count", where,
                               code="crime-no-records")
        heading = cols.headings[date_i]
        raise PccdeskError(f'none of its {total:,} records has a readable date in "{heading}"'
                           + (f' (e.g. "{example}")' if example is not None else ""), where, code="crime-no-records")
    months_only = shape == "month" or _months_as_dates(counts, cols.headings[date_i], sample)
    return LoadedExtract(path, sheet, cols, counts, months_only, problems, total - asb - bad, counted.reported)


#: Cells named when some records' dates cannot be read.
DATE_EXAMPLES = 3


def _unreadable_dates(cells: Callable[[], Iterator[tuple[str, Any, Any]]], day_of: Callable[[Any], int | None]
                      ) -> list[tuple[str, Any]]:
    """The first few (cell, value) whose date the count could not read, by the count's own rules (anti-social
    behaviour is left out before its date is looked at)."""
    found: list[tuple[str, Any]] = []
    rows = cells()
    for cell, date, category in rows:
        if is_asb(category) or day_of(date) is not None:
            continue
        found.append((cell, date))
        if len(found) >= DATE_EXAMPLES:
            break
    close = getattr(rows, "close", None)
    if close is not None:
        close()
    return found


def _shown(value: Any) -> str:
    """A cell's value as a message shows it: text in quotes, a blank said so."""
    if _blank(value):
        return "blank"
    if isinstance(value, str):
        return f'held "{value.strip()}"'
    return f"held {value}"


#: A month written without a day ("Dec-18", "Dec 2018", "December 2018"), as Excel saves data.police.uk's "2018-12".
_MONTH_TEXT = re.compile(r"^[A-Za-z]{3,9}[-\s]+\d{2}(\d{2})?$")


def _months_as_dates(counts: Counter[Key], heading: str, sample: list[str]) -> bool:
    """Whether dates that all fall on the 1st stand for whole months: data.police.uk's "2018-12" opened and saved
    in Excel becomes the date 1 Dec 2018 (or the text "Dec-18"), yet each record is still of the whole month, so
    the periods must run to the month's end, not to its 1st. Only when the column says so: it is headed "Month",
    or its texts name months without a day."""
    if not counts or any(day_of_number(key[0]).day != 1 for key in counts):
        return False
    return heading_key(heading) == "month" or (bool(sample) and all(_MONTH_TEXT.match(s) for s in sample))

