"""What a file really is, before any parser sees it.

A file from email can be anything with a spreadsheet's name: a PDF, an HTML
"Excel export", an empty attachment, a truncated download, a Word document, a
program. Each gets one line naming the file and what it seems to be, instead of
a parser's traceback. The first bytes decide, never the file's name: a
workbook renamed ``.xls`` is still read as the workbook it is.
"""

from __future__ import annotations

from pathlib import Path

from pccdesk.problems import Location, PccdeskError
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
    if not data.strip(b" \t\r\n\x00"):
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
        raise PccdeskError(f"this is not a spreadsheet: it looks like {foreign}", where, code="not-a-spreadsheet")
    if data.startswith(_ZIP_MAGICS):
        kind = check_zip_limits(data, path, limits)
        if kind is not None:
            return kind
        names = zip_names(data)
        if "word/document.xml" in names:
            raise PccdeskError("this is not a spreadsheet: it looks like a Word document", where,
                               code="not-a-spreadsheet")
        if "ppt/presentation.xml" in names:
            raise PccdeskError("this is not a spreadsheet: it looks like a PowerPoint presentation", where,
                               code="not-a-spreadsheet")
        raise PccdeskError("this is not a spreadsheet: it looks like a zip archive (if a workbook is inside it, "
                           "extract it first)", where, code="not-a-spreadsheet")
    if data.startswith(OLE_MAGIC):
        probe = data[:1 << 20]
        if _utf16("EncryptionInfo") in probe or _utf16("EncryptedPackage") in probe:
            return "encrypted"
        if len(data) < 1536:  # a header sector and at least two more: anything smaller was cut short
            raise PccdeskError("the file is damaged or incomplete: it starts like an Excel 97-2003 workbook "
                               "but is cut short (a truncated download or copy?)", where, code="truncated-file")
        return "xls"
    if data[:2] == b"PK":
        raise PccdeskError("the file is damaged or incomplete (a truncated download or copy?): it starts like a "
                           "zip but is not one", where, code="truncated-file")
    raise PccdeskError("this is not a spreadsheet this program can read (.xlsx, .xlsm, .xls, .ods or .csv)", where,
                       code="not-a-spreadsheet")
