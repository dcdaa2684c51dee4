"""What a file really is, before any parser sees it.

A file from email can be anything with a spreadsheet's name: a PDF, an HTML
"Excel export", an empty attachment, a truncated download, a Word document, a
program. Each gets one line naming the file and what it seems to be, instead of
a parser's traceback. The first bytes decide, never the file's name: a
workbook renamed ``.xls`` is still read as the workbook it is.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path

from pccdesk.problems import Location, PccdeskError
from pccdesk.readers import codes
from pccdesk.readers.zip_limits import ZipLimits, check_zip_limits, zip_names

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _ascii_head(data: bytes, size: int = 2048) -> bytes:
    """The first bytes as ASCII-ish lower case, with a BOM and UTF-16 zero bytes removed, for sniffing."""
    head = data[:size]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            break
    if head[:2].count(0) == 1 or head[1:8:2].count(0) >= 3:
        head = head.replace(b"\x00", b"")
    return head.lstrip().lower()


def describe_foreign(data: bytes) -> str | None:
    """Name the kind of a file that is not a spreadsheet, or None if it may be one."""
    if not data:
        return "an empty file (0 bytes): the attachment or copy did not arrive whole"
    if not data[:4096].strip(b" \t\r\n\x00") and not data.strip(b" \t\r\n\x00"):  # (no copy of a workbook)
        return f"an empty file ({len(data):,} bytes of blank space or zeros)"
    raw = data[:2048]
    low = _ascii_head(data)
    if b"%PDF-" in raw[:1024]:
        return "a PDF document"
    if low.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<table", b"<meta")) \
            or b"<html" in low[:1024]:
        return ("a web page (HTML), perhaps an 'Excel export' from a web system: open it in Excel and save it as "
                ".xlsx")
    if low.startswith((b"mime-version:", b"from:", b"x-mozilla")) or b"content-type: multipart/related" in low:
        return "a single-file web page or e-mail (MHTML): open it in Excel and save it as .xlsx"
    if low.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in _ascii_head(data, 8192):
        return "an 'XML Spreadsheet 2003' file: open it in Excel and save it as .xlsx"
    if low.startswith(b"<?xml") or low.startswith(b"<"):
        return "an XML or markup file, not a workbook"
    if raw.startswith(b"{\\rtf"):
        return "a Rich Text (RTF) document"
    if raw.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")):
        return "a picture"
    if raw.startswith(b"MZ"):
        return "a Windows program (do not open it)"
    if raw.startswith(b"\x7fELF"):
        return "a program (do not open it)"
    if raw.startswith((b"7z\xbc\xaf\x27\x1c", b"Rar!", b"\x1f\x8b", b"BZh")):
        return "a compressed archive (7-Zip, RAR or gzip), not a workbook: extract the workbook from it first"
    if raw.startswith(OLE_MAGIC):
        probe = data[:1 << 20]
        if _utf16("WordDocument") in probe:
            return "a Word document"
        if _utf16("PowerPoint Document") in probe:
            return "a PowerPoint presentation"
        if _utf16("__substg1.0_") in probe:
            return "an Outlook message (.msg): save the attached workbook from it first"
        return None
    if raw.startswith(_ZIP_MAGICS):
        return None
    if _looks_like_text(raw):
        return ("a text file (perhaps a CSV export) with a spreadsheet's name: rename it to .csv or .txt, or open "
                "it in Excel and save it as .xlsx")
    return None


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        text = head.decode("cp1252", errors="replace")
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
    return printable >= 0.95 * max(len(text), 1)


def check_spreadsheet_bytes(data: bytes, path: Path, limits: ZipLimits | None = None) -> str:
    """Return the container kind (``xlsx``, ``xlsb``, ``ods``, ``xls``, ``encrypted``) or raise a one-line error.

    Zip packages go through :func:`check_zip_limits` (sizes, ratios, part
    names, XML declarations) before anything parses them.
    """
    where = Location.of(path)
    foreign = describe_foreign(data)
    if foreign:
        raise PccdeskError(f"this is not a spreadsheet: it looks like {foreign}", where, code=codes.NOT_A_SPREADSHEET)
    if data.startswith(_ZIP_MAGICS):
        kind = check_zip_limits(data, path, limits)
        if kind == "xlsb":
            check_xlsb_extent(data, path, limits)
        if kind is not None:
            return kind
        names = zip_names(data)
        if "word/document.xml" in names:
            raise PccdeskError("this is not a spreadsheet: it looks like a Word document", where,
                               code=codes.NOT_A_SPREADSHEET)
        if "ppt/presentation.xml" in names:
            raise PccdeskError("this is not a spreadsheet: it looks like a PowerPoint presentation", where,
                               code=codes.NOT_A_SPREADSHEET)
        raise PccdeskError("this is not a spreadsheet: it looks like a zip archive (if a workbook is inside it, "
                           "extract it first)", where, code=codes.NOT_A_SPREADSHEET)
    if data.startswith(OLE_MAGIC):
        probe = data[:1 << 20]
        if _utf16("EncryptionInfo") in probe or _utf16("EncryptedPackage") in probe:
            return "encrypted"
        if len(data) < 1536:  # a header sector and at least two more: anything smaller was cut short
            raise PccdeskError("the file is damaged or incomplete: it starts like an Excel 97-2003 workbook "
                               "but is cut short (a truncated download or copy?)", where, code=codes.TRUNCATED_FILE)
        check_xls_extent(data, path, limits)
        return "xls"
    if data[:2] == b"PK":
        raise PccdeskError("the file is damaged or incomplete (a truncated download or copy?): it starts like a "
                           "zip but is not one", where, code=codes.TRUNCATED_FILE)
    raise PccdeskError("this is not a spreadsheet this program can read (.xlsx, .xlsm, .xls, .ods or .csv)", where,
                       code=codes.NOT_A_SPREADSHEET)


# --- how far the cells of a binary workbook spread (calamine holds each sheet as a dense grid) -------------------

#: BIFF8 records that place a value in a cell: NUMBER, RK, LABELSST, LABEL, BOOLERR, FORMULA, RSTRING, BLANK.
_BIFF_CELLS = {0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6, 0x0201}
_BIFF_MULTI = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first column, ..., last column
_BIFF_BOF, _BIFF_EOF, _BIFF_BOUNDSHEET = 0x0809, 0x000A, 0x0085


class _Span:
    """The rectangle spanned by the cells of one sheet."""

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.cols: list[int] = []

    def add(self, row: int, first_col: int, last_col: int | None = None) -> None:
        self.rows.append(row)
        self.cols.append(first_col)
        if last_col is not None:
            self.cols.append(last_col)

    def size(self) -> tuple[int, int]:
        if not self.rows:
            return 0, 0
        return max(self.rows) - min(self.rows) + 1, max(self.cols) - min(self.cols) + 1


def _refuse_span(spans: list[_Span], path: Path, limits: ZipLimits | None, first: int = 1) -> None:
    limits = limits or ZipLimits.from_environment()
    limit = limits.max_sheet_cells
    for number, span in enumerate(spans, start=first):
        rows, cols = span.size()
        if rows * cols > limit:
            raise PccdeskError(
                f"refused: sheet {number} spans {rows:,} rows by {cols:,} columns, more than the {limit:,} cells "
                "pccdesk reads from one sheet (cells placed far apart make a small file need gigabytes of memory)",
                Location.of(path), code=codes.SHEET_TOO_LARGE)
    total = sum(rows * cols for rows, cols in (span.size() for span in spans))
    if total > limits.max_workbook_cells:
        raise PccdeskError(
            f"refused: the workbook's sheets span {total:,} cells together, more than the "
            f"{limits.max_workbook_cells:,} pccdesk reads from one workbook (cells placed far apart make a small "
            "file need gigabytes of memory)", Location.of(path), code=codes.WORKBOOK_TOO_LARGE)


def check_xls_extent(data: bytes, path: Path, limits: ZipLimits | None = None) -> None:
    """Refuse an Excel 97-2003 workbook whose cells spread over more than the sheet limit.

    BIFF8 gives rows and columns 16 bits each, so one cell at column 65535
    makes calamine ask for 137 GB. The workbook stream's records are walked
    once (olefile, a dependency of msoffcrypto-tool). A container olefile
    cannot read is refused as damaged before calamine sees it: the fuzz suite
    found that calamine asks for 4 GB at once on a container with shifted
    sectors, and aborts the process when it cannot have them.
    """
    import olefile

    try:
        ole = olefile.OleFileIO(data)
        name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
        stream = ole.openstream(name).read() if name else None
    except (OSError, ValueError, IndexError, KeyError, struct.error, TypeError, AttributeError) as exc:
        raise PccdeskError("the file is damaged: it starts like an Excel 97-2003 workbook but its inner structure "
                           "cannot be read (a damaged or altered file?)", Location.of(path),
                           code=codes.DAMAGED_FILE) from exc
    if stream is None:
        raise PccdeskError("this is not a spreadsheet: it is an Office 97-2003 file without a workbook inside "
                           "(a damaged file, or another Office document)", Location.of(path),
                           code=codes.NOT_A_SPREADSHEET)
    linear: list[_Span] = []
    for kind, body in _biff_records(stream):
        if kind == _BIFF_BOF:
            linear.append(_Span())
        elif linear:
            _add_biff_cell(linear[-1], kind, body)
    _refuse_span(linear[1:], path, limits)  # the first BOF opens the workbook's globals, not a sheet
    # calamine reads each sheet from where the workbook's BOUNDSHEET record says it starts, which may be
    # inside another record's body: walk the stream from each of those places too, as calamine does
    sheets: list[_Span] = []
    for start in _sheet_offsets(stream):
        span = _Span()
        for kind, body in _biff_records(stream, start):
            if kind == _BIFF_EOF:
                break
            _add_biff_cell(span, kind, body)
        sheets.append(span)
    _refuse_span(sheets, path, limits)


def _add_biff_cell(span: _Span, kind: int, body: bytes) -> None:
    if kind in _BIFF_CELLS and len(body) >= 4:
        row, col = struct.unpack_from("<HH", body)
        span.add(row, col)
    elif kind in _BIFF_MULTI and len(body) >= 6:
        row, first = struct.unpack_from("<HH", body)
        span.add(row, first, struct.unpack_from("<H", body, len(body) - 2)[0])


def _sheet_offsets(stream: bytes) -> list[int]:
    """The stream positions the workbook globals' BOUNDSHEET records give for the sheets."""
    offsets = []
    for kind, body in _biff_records(stream):
        if kind == _BIFF_BOUNDSHEET and len(body) >= 4:
            offsets.append(struct.unpack_from("<I", body)[0])
        elif kind == _BIFF_EOF:
            break
    return offsets


def _biff_records(stream: bytes, pos: int = 0) -> Iterator[tuple[int, bytes]]:
    while pos + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, pos)
        yield kind, stream[pos + 4:pos + 4 + length]
        pos += 4 + length


#: Excel binary (.xlsb) records: BrtRowHdr starts a row; BrtCellBlank..BrtFmlaError (1-11) hold a column first.
_XLSB_ROW, _XLSB_CELLS = 0, range(1, 12)


def check_xlsb_extent(data: bytes, path: Path, limits: ZipLimits | None = None) -> None:
    """Refuse an .xlsb whose cells spread over more than the sheet limit (rows and columns are 32-bit there)."""
    spans: list[_Span] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            low = info.filename.lower()
            if not (low.startswith("xl/worksheets/") and low.endswith(".bin")):
                continue
            span, row = _Span(), 0
            for kind, body in _xlsb_records(archive.read(info)):
                if kind == _XLSB_ROW and len(body) >= 4:
                    row = struct.unpack_from("<I", body)[0]
                elif kind in _XLSB_CELLS and len(body) >= 4:
                    span.add(row, struct.unpack_from("<I", body)[0])
            spans.append(span)
    _refuse_span(spans, path, limits)


def _xlsb_records(stream: bytes) -> Iterator[tuple[int, bytes]]:
    """Records of an .xlsb part: a 1-2 byte type and a 1-4 byte size, both 7 bits a byte."""
    pos, end = 0, len(stream)
    while pos < end:
        kind = stream[pos]
        pos += 1
        if kind & 0x80 and pos < end:
            kind = (kind & 0x7F) | ((stream[pos] & 0x7F) << 7)
            pos += 1
        size, shift = 0, 0
        for _ in range(4):
            if pos >= end:
                return
            byte = stream[pos]
            pos += 1
            size |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        yield kind, stream[pos:pos + size]
        pos += size
