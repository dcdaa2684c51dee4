"""What an .xlsx sheet says about its cells beyond their values: formulas without a saved result, Excel error
values, hidden rows.

python-calamine gives a formula's *cached* result, the value the program that saved the file calculated. A file
written by a program that does not calculate (openpyxl, many report generators) saves no result at all, so the
cell reads as blank; xlsxwriter and others save 0 and ask Excel to recalculate on opening (``fullCalcOnLoad``),
so the cell reads as 0. Either way what a person sees in Excel (the calculated figure) is not what the file holds.
Error values (``#DIV/0!``, ``#N/A``) read as blank too, and hidden rows read like any other. The figures'
readers use these notes to say so at the cell instead of showing a silent "No data" or a figure of 0.

The XML is searched with regular expressions on bytes (never parsed), only after a plain substring search says
the sheet has a formula, an error value or a hidden row at all; the package has passed the file checks first.
A sheet larger than :data:`NOTES_LIMIT_BYTES` is not searched: a quarterly return is a few hundred rows, while a
record-level crime extract of hundreds of thousands of rows (whose reading this must not slow) holds counts, not
indicator figures.
"""

from __future__ import annotations

import io
import re
import zipfile

from pccdesk.readers.cells import column_index
from pccdesk.records import record

_XLSX_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_XLSX_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL = re.compile(rb"<(?:\w+:)?c\s([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_ROW = re.compile(rb"<(?:\w+:)?row\s([^>]*)>")
_ATTR_R_CELL = re.compile(rb'\br="([A-Z]+)(\d+)"')
_ATTR_R_ROW = re.compile(rb'\br="(\d+)"')
_ATTR_T = re.compile(rb'\bt="(\w+)"')
_COL = re.compile(rb"<(?:\w+:)?col\s([^>]*)/?>")
_ATTR_MIN = re.compile(rb'\bmin="(\d+)"')
_ATTR_MAX = re.compile(rb'\bmax="(\d+)"')
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_FULL_CALC = re.compile(r'\bfullCalcOnLoad="(?:1|true)"')


#: Sheets whose XML is larger than this (uncompressed) are not searched (about 30,000 rows of a few columns).
NOTES_LIMIT_BYTES = 8 * 1024 * 1024


@record(frozen=True)
class CellNotes:
    """One sheet's notes. Cells and rows are 0-based like the rest of pccdesk."""

    #: formula cells whose result the file does not hold (or holds only as a placeholder to recalculate)
    uncalculated: frozenset[tuple[int, int]] = frozenset()
    #: cells holding an Excel error value, with its text (``#DIV/0!``)
    errors: tuple[tuple[tuple[int, int], str], ...] = ()
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()
    #: formula cells with a saved result other than 0 in a workbook that asks to be recalculated on opening:
    #: the result may be the one Excel shows, or may be stale
    to_recalculate: frozenset[tuple[int, int]] = frozenset()


def xlsx_cell_notes(data: bytes) -> dict[str, CellNotes]:
    """Every sheet's notes by sheet name; a sheet with nothing to note is left out. Never raises for a package
    it cannot follow: it says nothing about it (the values are read as before)."""
    try:
        return _notes(data)
    except (KeyError, ValueError, zipfile.BadZipFile, OSError, SyntaxError):
        return {}


def _notes(data: bytes) -> dict[str, CellNotes]:
    from defusedxml.ElementTree import fromstring

    result: dict[str, CellNotes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        workbook_xml = archive.read("xl/workbook.xml")
        recalculate = bool(_FULL_CALC.search(workbook_xml.decode("utf-8", "replace")))
        workbook = fromstring(workbook_xml)
        rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(_PKG_REL + "Relationship")}
        for sheet in workbook.iter(_XLSX_MAIN + "sheet"):
            target = targets.get(sheet.get(_XLSX_REL + "id"), "")
            part = target.lstrip("/") if target.startswith("/") else "xl/" + target
            if part not in names or archive.getinfo(part).file_size > NOTES_LIMIT_BYTES:
                continue
            notes = _sheet_notes(archive.read(part), recalculate)
            if notes != CellNotes():
                result[sheet.get("name", "")] = notes
    return result


def _sheet_notes(xml: bytes, recalculate: bool) -> CellNotes:
    uncalculated: set[tuple[int, int]] = set()
    to_recalculate: set[tuple[int, int]] = set()
    errors: list[tuple[tuple[int, int], str]] = []
    if _might_hold(xml, _MARKS):
        for m in _cells_with_formula_or_error(xml):
            attrs, content = m.group(1), m.group(2) or b""
            kind = _ATTR_T.search(attrs)
            is_error = kind is not None and kind.group(1) == b"e"
            has_formula = _FORMULA.search(content) is not None
            if not is_error and not has_formula:
                continue
            ref = _ATTR_R_CELL.search(attrs)
            if ref is None:
                continue
            cell = (int(ref.group(2)) - 1, column_index(ref.group(1)))
            value = _VALUE.search(content)
            cached = value.group(1).strip() if value is not None else b""
            if is_error and cached:
                errors.append((cell, cached.decode("utf-8", "replace")))
            elif has_formula and (not cached or (recalculate and _is_zero(cached))):
                uncalculated.add(cell)  # no result, or the 0 a program that does not calculate puts there
            elif has_formula and recalculate:
                to_recalculate.add(cell)
    hidden: set[int] = set()
    hidden_columns: set[int] = set()
    if b"hidden=" in xml and _HIDDEN.search(xml):
        for m in _ROW.finditer(xml):
            attrs = m.group(1)
            number = _ATTR_R_ROW.search(attrs)
            if number is not None and _HIDDEN.search(attrs):
                hidden.add(int(number.group(1)) - 1)
        for m in _COL.finditer(xml):
            attrs = m.group(1)
            low, high = _ATTR_MIN.search(attrs), _ATTR_MAX.search(attrs)
            if low is not None and high is not None and _HIDDEN.search(attrs):
                first, last = int(low.group(1)), min(int(high.group(1)), int(low.group(1)) + _MAX_HIDDEN_COLUMNS)
                hidden_columns.update(range(first - 1, last))
    return CellNotes(frozenset(uncalculated), tuple(errors), frozenset(hidden), frozenset(hidden_columns),
                     frozenset(to_recalculate))


def _cells_with_formula_or_error(xml: bytes) -> list[re.Match[bytes]]:
    """The cells holding a formula or an error value, found from those marks rather than by reading every cell
    (a sheet of 20,000 rows with one formula costs one search, not 100,000 cell matches)."""
    cells: dict[int, re.Match[bytes]] = {}
    for position in sorted(_positions(xml, _MARKS)):
        start = max(xml.rfind(b"<c ", 0, position), _prefixed_cell_start(xml, position))
        if start < 0 or start in cells:
            continue
        cell = _CELL.match(xml, start)
        if cell is not None and cell.end() > position:
            cells[start] = cell
    return list(cells.values())


#: What marks a formula (``<f>``, ``<f t="shared" …/>``, with or without a namespace prefix) or an error value.
_MARKS = (b"<f>", b"<f ", b"<f/", b":f>", b":f ", b":f/", b't="e"')


def _positions(xml: bytes, markers: tuple[bytes, ...]) -> list[int]:
    """Every position of each marker, by plain substring search (far faster than a regular expression)."""
    found: list[int] = []
    for marker in markers:
        at = xml.find(marker)
        while at >= 0:
            found.append(at)
            at = xml.find(marker, at + 1)
    return found


def _prefixed_cell_start(xml: bytes, before: int) -> int:
    """Where a cell written with a namespace prefix (``<x:c ``) starts, before ``before``; -1 without one."""
    at = xml.rfind(b":c ", 0, before)
    if at < 0:
        return -1
    lt = xml.rfind(b"<", 0, at)
    return lt if lt >= 0 and re.fullmatch(rb"<\w+", xml[lt:at]) else -1


def _might_hold(xml: bytes, markers: tuple[bytes, ...]) -> bool:
    """A plain substring search (much faster than a regular expression over a large sheet)."""
    return any(marker in xml for marker in markers)


def _is_zero(cached: bytes) -> bool:
    try:
        return float(cached) == 0
    except ValueError:
        return False


#: A hidden column range is noted up to this many columns (a range to the sheet's last column is 16,384 wide).
_MAX_HIDDEN_COLUMNS = 1024
