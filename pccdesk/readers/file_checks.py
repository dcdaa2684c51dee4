"""What a file really is, before any parser sees it.

A file from email can be anything with a spreadsheet's name: a PDF, an HTML
"Excel export", an empty attachment, a truncated download. Each gets one line
naming the file and what it seems to be, instead of a parser's traceback.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pccdesk.problems import Location, PccdeskError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def describe_foreign(data: bytes) -> str | None:
    """Name the kind of a file that is not a spreadsheet, or None if it may be one."""
    head = data[:1024].lstrip()
    low = head.lower()
    if not data:
        return "an empty file (0 bytes)"
    if head.startswith(b"%PDF"):
        return "a PDF document"
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low[:512]:
        return "a web page (HTML), perhaps an 'Excel export' from a web system: open it in Excel and save it as .xlsx"
    if head.startswith(b"{\\rtf"):
        return "a Rich Text (RTF) document"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "a picture"
    if low.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096]:
        return "an 'XML Spreadsheet 2003' file: open it in Excel and save it as .xlsx"
    return None


def check_spreadsheet_bytes(data: bytes, path: Path) -> str:
    """Return the container kind (``xlsx``, ``ods``, ``xls``, ``encrypted``) or raise a one-line error."""
    where = Location.of(path)
    foreign = describe_foreign(data)
    if foreign:
        raise PccdeskError(f"this is not a spreadsheet: it looks like {foreign}", where, code="not-a-spreadsheet")
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, EOFError, ValueError) as exc:
            raise PccdeskError("the file is damaged or incomplete (a truncated download or copy?)", where,
                               code="truncated-file") from exc
        from pccdesk.readers.zip_limits import check_zip_limits

        check_zip_limits(data, path)
        if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
            return "xlsb" if "xl/workbook.bin" in names else "xlsx"
        if "content.xml" in names and "mimetype" in names:
            return "ods"
        if "word/document.xml" in names:
            raise PccdeskError("this is not a spreadsheet: it looks like a Word document", where, code="not-a-spreadsheet")
        raise PccdeskError("this is a zip archive, not a spreadsheet", where, code="not-a-spreadsheet")
    if data.startswith(OLE_MAGIC):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o" in data[:65536] or \
                b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data[:65536]:
            return "encrypted"
        return "xls"
    raise PccdeskError("this is not a spreadsheet this program can read (.xlsx, .xlsm, .xls, .ods or .csv)", where,
                       code="not-a-spreadsheet")
