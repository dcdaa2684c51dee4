"""Reading any spreadsheet the force sends into plain rows of values.

Values come from python-calamine (fast, Rust, no macros run, formulas give their
cached values). Calamine does not report number formats, so a second, light
pass finds the cells formatted as percentages (0.988 in a percent cell means
98.8%): for ``.xlsx`` from ``styles.xml`` and a scan of the sheet XML, for
``.ods`` from ``office:value-type="percentage"`` (with merged ranges, which
calamine does not give for .ods), for ``.xls`` from xlrd's number formats.
``.xlsm`` is read like ``.xlsx``: values only, macros never run. CSV and text
files are decoded as UTF-8 (with or without BOM) or Windows-1252 and their
delimiter is detected.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import field
from pathlib import Path
from typing import IO, Any

from pccdesk.problems import Location, PccdeskError
from pccdesk.readers import codes
from pccdesk.readers.cell_notes import CellNotes, xlsx_cell_notes
from pccdesk.readers.cells import cell_name, column_index
from pccdesk.readers.options import ReadOptions
from pccdesk.readers.text_files import decode_text, sniff_delimiter  # noqa: F401  (re-exported)
from pccdesk.records import record

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv", ".txt", ".tsv"}
#: Rows of a CSV or text table beyond which it is refused (Excel's own limit).
MAX_DELIMITED_ROWS = 1_048_576
#: Above this size the pass for percent formats is skipped (values are still read).
FORMAT_SCAN_LIMIT_BYTES = 64 * 1024 * 1024


@record
class SheetData:
    """One sheet as rows of values (None for blank), 0-based like the rest of pccdesk."""

    name: str
    rows: list[list[Any]]
    percent_cells: frozenset[tuple[int, int]] = frozenset()
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden: bool = False
    #: formulas without a saved result, error values and hidden rows (.xlsx only): see :mod:`.cell_notes`
    notes: CellNotes = field(default_factory=CellNotes)

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def value(self, row: int, col: int) -> Any:
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return None

    def is_percent(self, row: int, col: int) -> bool:
        return (row, col) in self.percent_cells


@record
class WorkbookData:
    path: Path
    sheets: list[SheetData]
    kind: str

    def location(self, sheet: str = "", row: int | None = None, col: int | None = None) -> Location:
        cell = cell_name(row, col) if row is not None and col is not None else ""
        return Location(self.path.name, sheet, cell)

    def sheet(self, name: str) -> SheetData | None:
        wanted = name.strip().lower()
        for sheet in self.sheets:
            if sheet.name.strip().lower() == wanted:
                return sheet
        return None


def read_workbook(path: str | Path, password: str | None = None, *, options: ReadOptions | None = None
                  ) -> WorkbookData:
    """Read every sheet of ``path``. Raises :class:`PccdeskError` naming the file on any failure.

    The parsing runs in a separate worker process with limits on memory and
    time (:mod:`pccdesk.readers.isolation`): a file that would exhaust them,
    or crash a parser, is refused and the caller stays up.
    """
    from pccdesk.readers.isolation import run_isolated

    path = Path(path)
    if options is not None and password is None:
        password = options.password_for(path)
    _check_is_file(path)
    book: WorkbookData = run_isolated(read_workbook_here, path, password, path=path)
    return book


def read_ahead(paths: Sequence[str | Path], options: ReadOptions | None = None, *,
               warm: tuple[str, ...] = ()) -> None:
    """Hand ``paths`` to the reading worker now, each as :func:`read_workbook` will later ask for it (with its
    password from ``options``), so that it is parsed while the caller does something else; see
    :func:`pccdesk.readers.isolation.read_ahead` (the same checks and limits; never raises)."""
    from pccdesk.readers.isolation import read_ahead as start

    def password(path: Path) -> str | None:
        return options.password_for(path) if options is not None else None

    start([(f"{__name__}:read_workbook_here", (Path(p), password(Path(p))), Path(p)) for p in paths], warm=warm)


def _check_is_file(path: Path) -> None:
    where = Location.of(path)
    if not path.exists():
        raise PccdeskError("the file does not exist", where, code=codes.FILE_MISSING)
    if path.is_dir():
        raise PccdeskError("this is a folder, not a spreadsheet", where, code=codes.NOT_A_FILE)


def read_workbook_here(path: Path, password: str | None = None) -> WorkbookData:
    """:func:`read_workbook` in the calling process, without its limits: only for the worker process."""
    where = Location.of(path)
    _check_is_file(path)
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PccdeskError(f"the file cannot be opened ({exc.strerror or exc})", where, code=codes.FILE_UNREADABLE) from exc
    if suffix in {".csv", ".txt", ".tsv"}:
        return WorkbookData(path, [read_delimited(data, path)], "csv")
    from pccdesk.readers.file_checks import check_spreadsheet_bytes

    kind = check_spreadsheet_bytes(data, path)
    if kind == "encrypted":
        data = decrypt(data, path, password)
        kind = check_spreadsheet_bytes(data, path)  # the decrypted package gets the same limits
    sheets = _read_with_calamine(data, path)
    if len(data) <= FORMAT_SCAN_LIMIT_BYTES:
        if kind == "xlsx":
            _add_formats(data, sheets)
            notes = xlsx_cell_notes(data)
            for sheet in sheets:
                sheet.notes = notes.get(sheet.name, sheet.notes)
        elif kind == "ods":
            _add_ods_formats(data, sheets)
        elif kind == "xls":
            _add_xls_formats(data, sheets)
    return WorkbookData(path, sheets, kind)


#: Rounds of password hashing above which an encrypted workbook is refused unopened. Excel writes 100,000;
#: a file asking for millions makes each password try take minutes (msoffcrypto allows up to 10,000,000).
MAX_SPIN_COUNT = 500_000


def decrypt(data: bytes, path: Path, password: str | None) -> bytes:
    """Decrypt a password-protected Office file in memory (nothing is written to disk).

    The encryption settings are looked at before the password: settings Excel
    never writes are refused as such, so a refusal is never mistaken for a
    wrong password.
    """
    import msoffcrypto
    from msoffcrypto.exceptions import DecryptionError, InvalidKeyError

    where = Location.of(path)
    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
    except DecryptionError as exc:  # msoffcrypto refuses the settings themselves (e.g. a spin count over 10 million)
        raise PccdeskError(f"refused: the workbook's encryption settings are not ones Excel writes ({_short(exc)})",
                           where, code=codes.ENCRYPTION_REFUSED) from exc
    except Exception as exc:  # msoffcrypto raises many types for damaged files
        raise PccdeskError(f"the protected workbook cannot be decrypted ({_short(exc)})", where,
                           code=codes.DECRYPT_FAILED) from exc
    info = getattr(office, "info", None)
    spin = info.get("spinValue") if isinstance(info, dict) else None
    if isinstance(spin, int) and spin > MAX_SPIN_COUNT:
        raise PccdeskError(f"refused: the workbook's encryption asks for {spin:,} rounds of hashing its password "
                           f"(Excel uses 100,000; pccdesk allows up to {MAX_SPIN_COUNT:,}), which would make opening "
                           "it take minutes: save it again from Excel", where, code=codes.ENCRYPTION_REFUSED)
    if not password:
        raise PccdeskError(
            "the workbook is password-protected: give its password (--password, or the app will ask)",
            where,
            code=codes.PASSWORD_REQUIRED,
        )
    try:
        office.load_key(password=password)
        out = io.BytesIO()
        office.decrypt(out)
    except (InvalidKeyError, DecryptionError) as exc:
        raise PccdeskError("the password is wrong, so the workbook cannot be opened", where, code=codes.WRONG_PASSWORD) from exc
    except Exception as exc:  # msoffcrypto raises many types for damaged files
        raise PccdeskError(f"the protected workbook cannot be decrypted ({_short(exc)})", where,
                           code=codes.DECRYPT_FAILED) from exc
    return out.getvalue()


def _read_with_calamine(data: bytes, path: Path) -> list[SheetData]:
    import python_calamine as pc

    where = Location.of(path)
    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError as exc:
        raise PccdeskError("the workbook is password-protected: give its password", where, code=codes.PASSWORD_REQUIRED) from exc
    except BaseException as exc:  # calamine reports damage through several types; a Rust panic is a BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise PccdeskError(f"the spreadsheet is damaged or not a spreadsheet ({_short(exc)})", where,
                           code=codes.DAMAGED_FILE) from exc
    sheets: list[SheetData] = []
    hidden = {m.name for m in book.sheets_metadata if m.visible != pc.SheetVisibleEnum.Visible}
    for name in book.sheet_names:
        try:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])]
        except BaseException as exc:  # a damaged sheet part (or a panic inside calamine): say which sheet
            if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
                raise
            raise PccdeskError(f"sheet '{name}' cannot be read ({_short(exc)})", Location.of(path, name),
                               code=codes.DAMAGED_SHEET) from exc
        sheets.append(SheetData(name, [_clean_row(r) for r in rows], merged=merged,
                                hidden=name in hidden))
    return sheets


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def _clean_row(row: list[Any]) -> list[Any]:
    return [None if (v == "" or v is None) else v for v in row]


_XLSX_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_XLSX_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: Built-in number formats that show a percentage (0% and 0.00%).
_BUILTIN_PERCENT = {9, 10}
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\s([^>]*?)(/?)>")
_ATTR_R = re.compile(rb'\br="([A-Z]+)(\d+)"')
_ATTR_S = re.compile(rb'\bs="(\d+)"')
_ATTR_T = re.compile(rb'\bt="(\w+)"')


def _add_formats(data: bytes, sheets: list[SheetData]) -> None:
    """Mark percent-formatted numeric cells of an .xlsx: 0.988 in a ``0.0%`` cell means 98.8%.

    Calamine gives no number formats. openpyxl could, but it parses every cell
    value a second time (it made reading as slow as pandas); this pass reads
    only ``styles.xml`` (which style ids are percent formats) and scans each
    sheet's XML for cells carrying those ids, without building a tree.
    Falls back to openpyxl for unusual packages.
    """
    try:
        found = _percent_cells_from_xml(data)
    except (KeyError, ValueError, zipfile.BadZipFile, OSError, SyntaxError):
        found = None
    if found is None:
        _add_formats_openpyxl(data, sheets)
        return
    for sheet in sheets:
        cells = found.get(sheet.name)
        if cells:
            sheet.percent_cells = frozenset(cells)


def _percent_cells_from_xml(data: bytes) -> dict[str, set[tuple[int, int]]] | None:
    from defusedxml.ElementTree import fromstring

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        if "xl/styles.xml" not in names:
            return {}
        with archive.open("xl/styles.xml") as styles:
            percent_styles = _percent_styles(styles)
        if not percent_styles:
            return {}
        workbook = fromstring(archive.read("xl/workbook.xml"))
        rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(_PKG_REL + "Relationship")}
        result: dict[str, set[tuple[int, int]]] = {}
        for sheet in workbook.iter(_XLSX_MAIN + "sheet"):
            target = targets.get(sheet.get(_XLSX_REL + "id"), "")
            part = target.lstrip("/") if target.startswith("/") else "xl/" + target
            if part not in names:
                return None
            xml = archive.read(part)
            cells: set[tuple[int, int]] = set()
            for m in _CELL_TAG.finditer(xml):
                attrs = m.group(1)
                style = _ATTR_S.search(attrs)
                if style is None or style.group(1) not in percent_styles or m.group(2):
                    continue
                kind = _ATTR_T.search(attrs)
                if kind is not None and kind.group(1) != b"n":
                    continue
                ref = _ATTR_R.search(attrs)
                if ref is None:
                    return None  # cells without addresses: let openpyxl work out the positions
                cells.add((int(ref.group(2)) - 1, column_index(ref.group(1))))
            result[sheet.get("name", "")] = cells
        return result


def _percent_styles(styles: IO[bytes]) -> set[bytes]:
    """The cell style ids (as bytes, as the sheet XML has them) whose number format shows a percentage.

    ``styles.xml`` is streamed and each element dropped once seen: a hostile
    one with millions of elements costs time, not memory (the package checks
    bound it too).
    """
    from defusedxml.ElementTree import iterparse

    custom_percent: set[int] = set()
    xf_formats: list[int] = []
    in_cell_xfs = False
    for event, elem in iterparse(styles, events=("start", "end")):
        tag = elem.tag
        if tag == _XLSX_MAIN + "cellXfs":
            in_cell_xfs = event == "start"
        elif event == "end" and tag == _XLSX_MAIN + "numFmt":
            if "%" in (elem.get("formatCode") or "").replace('"%"', ""):
                custom_percent.add(int(elem.get("numFmtId", "-1")))
        elif event == "end" and tag == _XLSX_MAIN + "xf" and in_cell_xfs:
            xf_formats.append(int(elem.get("numFmtId", "0")))
        if event == "end":
            elem.clear()
    percent_ids = _BUILTIN_PERCENT | custom_percent
    return {str(i).encode() for i, fmt in enumerate(xf_formats) if fmt in percent_ids}


def _add_formats_openpyxl(data: bytes, sheets: list[SheetData]) -> None:
    """Mark percent-formatted numeric cells, using openpyxl's read-only reader."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # formats are a refinement: values were already read by calamine
        return
    try:
        by_name = {s.name: s for s in sheets}
        for ws in book.worksheets:
            target = by_name.get(ws.title)
            if target is None:
                continue
            found: set[tuple[int, int]] = set()
            for r, row in enumerate(ws.iter_rows()):
                for cell in row:
                    fmt = getattr(cell, "number_format", None)
                    if fmt and "%" in fmt and isinstance(getattr(cell, "value", None), int | float):
                        found.add((r, cell.column - 1))
            target.percent_cells = frozenset(found)
    finally:
        book.close()


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
#: Repeated rows/columns beyond this are the sheet's empty tail (ODS writes "1,048,000 empty rows" as one element).
_ODS_REPEAT_LIMIT = 10_000


def _add_ods_formats(data: bytes, sheets: list[SheetData]) -> None:
    """Percent cells and merged ranges of an .ods, which calamine does not report.

    In OpenDocument a percent cell says so itself (``office:value-type="percentage"``),
    so no style lookup is needed; merges are ``number-rows/columns-spanned``.
    The XML is parsed with defusedxml (no entity expansion) and streamed.
    """
    from defusedxml.ElementTree import iterparse

    by_name = {s.name: s for s in sheets}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as content:
            sheet: SheetData | None = None
            percent: set[tuple[int, int]] = set()
            merged: list[tuple[int, int, int, int]] = []
            r = c = 0
            for event, elem in iterparse(content, events=("start", "end")):
                tag = elem.tag
                if event == "start":
                    if tag == _ODS_TABLE + "table":
                        sheet = by_name.get(elem.get(_ODS_TABLE + "name", ""))
                        percent, merged, r = set(), [], 0
                    elif tag == _ODS_TABLE + "table-row":
                        c = 0
                    continue
                if tag in (_ODS_TABLE + "table-cell", _ODS_TABLE + "covered-table-cell"):
                    repeat = min(int(elem.get(_ODS_TABLE + "number-columns-repeated", "1")), _ODS_REPEAT_LIMIT)
                    if tag.endswith("}table-cell"):
                        if elem.get(_ODS_OFFICE + "value-type") == "percentage":
                            percent.update((r, c + k) for k in range(repeat))
                        rows_span = int(elem.get(_ODS_TABLE + "number-rows-spanned", "1"))
                        cols_span = int(elem.get(_ODS_TABLE + "number-columns-spanned", "1"))
                        if rows_span > 1 or cols_span > 1:
                            merged.append((r, c, r + rows_span - 1, c + cols_span - 1))
                    c += repeat
                    elem.clear()
                elif tag == _ODS_TABLE + "table-row":
                    r += min(int(elem.get(_ODS_TABLE + "number-rows-repeated", "1")), _ODS_REPEAT_LIMIT)
                    elem.clear()
                elif tag == _ODS_TABLE + "table":
                    if sheet is not None:
                        sheet.percent_cells = frozenset(percent)
                        if not sheet.merged:
                            sheet.merged = merged
                    sheet = None
    except (KeyError, ValueError, zipfile.BadZipFile, OSError, SyntaxError):
        return  # formats are a refinement: the values were already read by calamine


def _add_xls_formats(data: bytes, sheets: list[SheetData]) -> None:
    """Percent cells of a legacy .xls, from its number formats (xlrd reads them; calamine does not)."""
    try:
        import xlrd
    except ImportError:
        return
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True,
                                  logfile=io.StringIO())  # xlrd prints warnings on damaged files to stdout
    except Exception:  # xlrd raises its own assorted errors on odd files; values came from calamine already
        return
    try:
        by_name = {s.name: s for s in sheets}
        percent_xf: dict[int, bool] = {}
        for i, xf in enumerate(book.xf_list):
            fmt = book.format_map.get(xf.format_key)
            percent_xf[i] = bool(fmt is not None and "%" in fmt.format_str)
        for index, name in enumerate(book.sheet_names()):
            target = by_name.get(name)
            if target is None:
                continue
            try:
                ws = book.sheet_by_index(index)
            except Exception:  # xlrd fails on some damaged sheets calamine read: keep the values, skip formats
                continue
            found: set[tuple[int, int]] = set()
            for r in range(ws.nrows):
                for c in range(ws.row_len(r)):
                    if ws.cell_type(r, c) == xlrd.XL_CELL_NUMBER and percent_xf.get(ws.cell_xf_index(r, c)):
                        found.add((r, c))
            target.percent_cells = frozenset(found)
            if not target.merged:
                target.merged = [(r1, c1, r2 - 1, c2 - 1) for r1, r2, c1, c2 in ws.merged_cells]
            book.unload_sheet(index)
    finally:
        book.release_resources()


def read_delimited(data: bytes, path: Path) -> SheetData:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PccdeskError("this is a binary file, not a CSV or text table", Location.of(path), code=codes.NOT_TEXT)
    text = decode_text(data)
    delimiter = sniff_delimiter(text[:64 * 1024])
    rows: list[list[Any]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            if len(rows) >= MAX_DELIMITED_ROWS:
                raise PccdeskError(f"refused: the file has more than {MAX_DELIMITED_ROWS:,} rows, more than Excel "
                                   "can hold; no return or table is that long", Location.of(path),
                                   code=codes.TOO_MANY_ROWS)
            rows.append(_clean_row(row))
    except csv.Error as exc:
        line = reader.line_num
        if "field larger than field limit" in str(exc):
            raise PccdeskError(f"refused: a field on line {line:,} is longer than {csv.field_size_limit():,} "
                               "characters (an unclosed quote, or not a table)", Location.of(path),
                               code=codes.FIELD_TOO_LONG) from exc
        raise PccdeskError(f"the text table cannot be read: line {line:,} is malformed ({exc})", Location.of(path),
                           code=codes.DAMAGED_FILE) from exc
    return SheetData(path.stem, rows)


def iter_cells(sheet: SheetData) -> Iterator[tuple[int, int, Any]]:
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if value is not None:
                yield r, c, value


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" and zipfile.is_zipfile(io.BytesIO(data))
