"""Limits checked on a workbook's zip package before any parser sees it.

An .xlsx or .ods is a zip of XML parts, and a zip can be built to hurt the
program that opens it. Before calamine or openpyxl runs, this module:

* refuses too many entries, entry names that leave the package (``../``,
  absolute paths, drive letters, back-slashes, control characters) and two
  entries with the same name (readers disagree on which one they take);
* refuses entries outside the parts an .xlsx/.xlsm/.xlsb or .ods package has
  (an executable tucked into ``evil/``);
* refuses a package whose directory says it would expand beyond the limit
  (default 500 MB, ``PCCDESK_MAX_UNZIPPED_MB`` to change it) or a large part
  compressed more than real workbooks ever are (zip-bomb ratios);
* then **decompresses every part once, streaming**, without trusting the
  directory: the real expanded size is counted against the same limits (a
  part that holds more than its directory says is refused), every XML part is
  searched for ``<!DOCTYPE``/``<!ENTITY`` (see :mod:`pccdesk.readers.xml_safety`), and
  a part that cannot be decompressed is reported as damage.

Why decompress it all: the directory is written by whoever made the file, and
the Rust zip reader inside calamine does not stop at the declared size. The
pass costs about as much as one more read of the file's XML; memory stays at
one chunk.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pccdesk.problems import Location, PccdeskError
from pccdesk.readers import codes
from pccdesk.readers.byte_search import holds
from pccdesk.readers.deflate_stream import READ_OUT, CutStream, DamagedStream, inflate
from pccdesk.readers.ods_extent import OdsExtent
from pccdesk.readers.sheet_extent import SheetExtent
from pccdesk.readers.xml_safety import DeclarationScanner
from pccdesk.readers.zip_structure import check_zip_structure

MB = 1024 * 1024
ENV_MAX_MB = "PCCDESK_MAX_UNZIPPED_MB"


@dataclass(frozen=True)
class ZipLimits:
    """How far a workbook package may go. Real returns are far below every limit.

    ``max_ratio`` applies only to parts of at least ``ratio_min_size`` bytes:
    small XML parts compress very well and prove nothing, while a 10 MB part
    compressed more than 250 to 1 is a bomb (Excel's largest sheets in
    ../shared/realdata compress about 13 to 1, .ods content about 30 to 1).

    ``max_sheet_cells`` bounds the rectangle a sheet spans (``max_workbook_cells`` all of them together): calamine holds a
    sheet as a dense grid from its first to its last used cell (32 bytes a
    cell), so two cells at A1 and XFD1048576 in a 2 KB file ask for 550 GB and
    the process dies. 30 million cells is about 1 GB; a full-height sheet of
    26 columns still fits.
    """

    max_total_uncompressed: int = 500 * MB
    max_ratio: float = 250.0
    ratio_min_size: int = 10 * MB
    max_entries: int = 10_000
    max_sheet_cells: int = 30_000_000
    #: the same kind of bound for all the sheets of a workbook together (each is held in memory as rows)
    max_workbook_cells: int = 40_000_000
    #: cell formats in styles.xml (Excel allows 64,000) and the uncompressed size of the small parts read whole
    max_styles: int = 200_000
    max_small_part: int = 64 * MB

    @classmethod
    def from_environment(cls) -> ZipLimits:
        """The default limits, with the total size taken from ``PCCDESK_MAX_UNZIPPED_MB`` when set."""
        raw = os.environ.get(ENV_MAX_MB, "").strip()
        if not raw:
            return cls()
        try:
            megabytes = float(raw)
        except ValueError as exc:
            raise PccdeskError(f"{ENV_MAX_MB} must be a number of megabytes, not '{raw}'",
                               code=codes.BAD_SETTING) from exc
        if megabytes <= 0:
            raise PccdeskError(f"{ENV_MAX_MB} must be more than 0", code=codes.BAD_SETTING)
        return cls(max_total_uncompressed=int(megabytes * MB))


DEFAULT_LIMITS = ZipLimits()

#: Top-level names an Office Open XML package (.xlsx, .xlsm, .xlsb) may hold.
#: ``docMetadata`` holds sensitivity labels (e.g. OFFICIAL-SENSITIVE), ``[trash]`` is left by some editors.
OOXML_TOP = frozenset({"[Content_Types].xml", "_rels", "docProps", "xl", "customXml", "customUI", "[trash]",
                       "_xmlsignatures", "package", "docMetadata"})
#: Top-level names an OpenDocument spreadsheet (.ods) may hold.
ODS_TOP = frozenset({"mimetype", "content.xml", "styles.xml", "meta.xml", "settings.xml", "manifest.rdf",
                     "layout-cache", "META-INF", "Thumbnails", "Configurations2", "Pictures", "Basic", "Scripts",
                     "Dialogs", "ObjectReplacements", "media"})
_ODS_OBJECT = re.compile(r"Object \d+$")
_LOCAL_HEADER = b"PK\x03\x04"
_READ_OUT = READ_OUT


def package_kind(names: Iterable[str]) -> str | None:
    """``xlsx``, ``xlsb`` or ``ods`` from a package's entry names; None if it is some other zip."""
    found = set(names)
    lower = {n.lower() for n in found}
    if "xl/workbook.bin" in lower:
        return "xlsb"
    if "xl/workbook.xml" in lower:
        return "xlsx"
    if "content.xml" in found and "mimetype" in found:
        return "ods"
    return None


def zip_names(data: bytes) -> set[str]:
    """The entry names of a zip already checked by :func:`check_zip_limits`."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return set(archive.namelist())


def check_zip_limits(data: bytes, path: Path, limits: ZipLimits | None = None) -> str | None:
    """Check the package in ``data``; return its kind (see :func:`package_kind`) or raise :class:`PccdeskError`."""
    limits = limits or ZipLimits.from_environment()
    where = Location.of(path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError) as exc:
        # NotImplementedError: a directory entry asking for a zip version Python does not know (found by fuzzing)
        raise PccdeskError("the file is damaged or incomplete (a truncated download or copy?): it starts like a "
                           "workbook but its zip directory is missing or broken", where, code=codes.TRUNCATED_FILE) from exc
    if len(infos) > limits.max_entries:
        raise PccdeskError(f"refused: the workbook holds {len(infos):,} parts (limit {limits.max_entries:,}); "
                           "real workbooks hold a few hundred at most", where, code=codes.TOO_MANY_PARTS)
    _check_names(infos, where)
    kind = package_kind(i.filename for i in infos)
    total = sum(i.file_size for i in infos)
    if total > limits.max_total_uncompressed:
        raise PccdeskError(f"refused: the workbook would expand to {_mb(total)} (limit "
                           f"{_mb(limits.max_total_uncompressed)}), as in a zip bomb", where, code=codes.TOO_LARGE)
    for info in infos:
        if info.file_size >= limits.ratio_min_size and \
                info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise PccdeskError(
                f"refused: part '{info.filename}' is compressed {info.file_size / max(info.compress_size, 1):,.0f} "
                f"to 1 (limit {limits.max_ratio:,.0f} to 1), as in a zip bomb", where, code=codes.ZIP_BOMB)
    if kind is not None:
        _check_expected_parts(infos, kind, where)
    check_zip_structure(data, infos, where)
    _scan_parts(data, infos, limits, where, kind)
    return kind


def _mb(size: int) -> str:
    return f"{size / MB:,.0f} MB"


def _check_names(infos: list[zipfile.ZipInfo], where: Location) -> None:
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        parts = name.split("/")
        if (name.startswith("/") or "\\" in name or ".." in parts or re.match(r"[A-Za-z]:", name)
                or any(ord(ch) < 32 for ch in name)):
            raise PccdeskError(f"refused: the workbook holds a part outside its folders ('{_shown(name)}')", where,
                               code=codes.BAD_PART_NAME)
        key = name.lower()
        if key in seen:
            raise PccdeskError(f"refused: the workbook holds two parts named '{_shown(name)}' (readers would "
                               "disagree on which to use)", where, code=codes.DUPLICATE_PART)
        seen.add(key)
        if info.flag_bits & 0x1:
            raise PccdeskError(f"refused: part '{_shown(name)}' is zip-encrypted, which Excel never does (a "
                               "password-protected workbook is encrypted differently)", where, code=codes.BAD_PART)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PccdeskError(f"refused: part '{_shown(name)}' uses a compression Excel and LibreOffice never "
                               f"use (method {info.compress_type}): open the file in Excel and save it again",
                               where, code=codes.BAD_PART)


def _shown(name: str) -> str:
    clean = "".join(ch if ch.isprintable() else "?" for ch in name)
    return clean if len(clean) <= 80 else clean[:77] + "..."


def _check_expected_parts(infos: list[zipfile.ZipInfo], kind: str, where: Location) -> None:
    for info in infos:
        top = info.filename.split("/", 1)[0]
        if kind == "ods":
            ok = top in ODS_TOP or bool(_ODS_OBJECT.match(top))
        else:
            ok = top in OOXML_TOP or top.lower() in {t.lower() for t in OOXML_TOP}
        if not ok:
            what = "an OpenDocument spreadsheet" if kind == "ods" else "an Excel workbook"
            raise PccdeskError(f"refused: the file holds a part that {what} never has ('{_shown(info.filename)}'); "
                               "open it in Excel and save it again if you trust it", where, code=codes.UNEXPECTED_PART)


def _scan_parts(data: bytes, infos: list[zipfile.ZipInfo], limits: ZipLimits, where: Location,
                kind: str | None = None) -> None:
    """Decompress each part once, counting its real size and searching XML parts for DTD declarations.

    A part is measured as a sheet when it holds a ``sheetData`` element,
    wherever it is and whatever its name: calamine finds sheets through the
    workbook's relationships, so a sheet moved out of ``xl/worksheets/`` (or
    given no ``.xml``) is a sheet all the same. The cells of all sheets count
    against one budget for the workbook; an .ods's ``content.xml`` is counted
    with its repeated rows and columns (:mod:`pccdesk.readers.ods_extent`).
    """
    view = memoryview(data)
    total = 0
    sheets: list[tuple[zipfile.ZipInfo, SheetExtent]] = []
    ods_tables: list[tuple[str, int, int]] = []
    for info in infos:
        if info.is_dir():
            continue
        low = info.filename.lower()
        scanner = None if low.endswith(BINARY_SUFFIXES) else DeclarationScanner()
        extent = None if low.endswith(BINARY_SUFFIXES) else SheetExtent()
        ods = OdsExtent() if kind == "ods" and info.filename == "content.xml" else None
        styles = _StyleCount() if low.endswith(".xml") else None
        produced = 0
        for chunk in _part_chunks(view, info, where):
            produced += len(chunk)
            total += len(chunk)
            if produced > info.file_size:
                raise PccdeskError(f"refused: part '{_shown(info.filename)}' holds more than the zip directory says "
                                   f"({info.file_size:,} bytes), as in a zip bomb", where, code=codes.ZIP_BOMB)
            if total > limits.max_total_uncompressed:
                raise PccdeskError(f"refused: the workbook expands beyond {_mb(limits.max_total_uncompressed)}, "
                                   "as in a zip bomb", where, code=codes.TOO_LARGE)
            if produced == len(chunk) and scanner is not None:
                _check_declared_encoding(chunk, info, where)
            found = scanner.feed(chunk) if scanner is not None else None
            if found:
                raise PccdeskError(
                    f"refused: part '{_shown(info.filename)}' declares a {found[2:]} (an XML bomb or an "
                    "attempt to read other files); Excel never writes one", where, code=codes.XML_DECLARATION)
            if extent is not None:
                extent.feed(chunk)
            if ods is not None:
                _feed_ods(ods, chunk, info, where)
            if styles is not None and styles.feed(chunk) > limits.max_styles:
                raise PccdeskError(f"refused: part '{_shown(info.filename)}' holds more than {limits.max_styles:,} "
                                   "cell formats (Excel allows 64,000)", where, code=codes.TOO_MANY_STYLES)
            if produced > limits.max_small_part and low.endswith(SMALL_PARTS):
                raise PccdeskError(f"refused: part '{_shown(info.filename)}' is larger than "
                                   f"{_mb(limits.max_small_part)}, far beyond any real workbook's", where,
                                   code=codes.PART_TOO_LARGE)
        if extent is not None:
            extent.finish()
            if extent.odd:
                extent.measure_odd(_part_chunks(view, info, where))  # rare: a sheet no spreadsheet program wrote
            if extent.is_sheet:
                sheets.append((info, extent))
        if ods is not None:
            _feed_ods(ods, None, info, where)
            ods_tables = ods.tables
        if produced != info.file_size:
            raise PccdeskError(f"the file is damaged: part '{_shown(info.filename)}' is shorter than the zip "
                               "directory says (a truncated or altered file?)", where, code=codes.DAMAGED_FILE)
    _check_sheet_budget(view, sheets, limits, where)
    _check_ods_budget(ods_tables, limits, where)


#: Parts never parsed as XML: no DTD search, no sheet measure.
BINARY_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".bin", ".ttf",
                   ".odttf", ".wdp", ".jfif")
#: Parts pccdesk or its parsers read whole into memory.
SMALL_PARTS = ("workbook.xml", ".rels", "styles.xml", "[content_types].xml", "manifest.xml", "app.xml", "core.xml",
               "meta.xml", "settings.xml")
_XF = re.compile(rb"<(?:[\w.-]+:)?xf[\s/>]")


_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']{0,40})["']""")


def _check_declared_encoding(head: bytes, info: zipfile.ZipInfo, where: Location) -> None:
    """Refuse an XML part whose declared text encoding Python does not know (parsers fail on it unexpectedly)."""
    import codecs

    found = _ENCODING.match(head[:512])
    if found is None:
        return
    name = found.group(1).decode("ascii", "replace")
    try:
        codecs.lookup(name)
    except LookupError as exc:
        raise PccdeskError(f"refused: part '{_shown(info.filename)}' declares the text encoding '{_shown(name)}', "
                           "which no spreadsheet program writes (a damaged or altered file)", where,
                           code=codes.UNKNOWN_ENCODING) from exc


class _StyleCount:
    """Counts ``<xf>`` elements in a streamed part (chunk edges overlap by a few bytes)."""

    def __init__(self) -> None:
        self.count = 0
        self._tail = b""

    def feed(self, chunk: bytes) -> int:
        # a literal search first, in the chunk and in its seam with the previous one (a sheet's megabytes of tags
        # hold no "xf", and the regex is slow), from one "x" to the next (see byte_search)
        if holds(chunk, b"x", b"xf") or b"xf" in self._tail + chunk[:16]:
            data = self._tail + chunk
            self.count += len(_XF.findall(data)) - len(_XF.findall(self._tail))
            self._tail = data[-16:]
        else:
            self._tail = chunk[-16:] if len(chunk) >= 16 else (self._tail + chunk)[-16:]
        return self.count


def _feed_ods(ods: OdsExtent, chunk: bytes | None, info: zipfile.ZipInfo, where: Location) -> None:
    try:
        if chunk is None:
            ods.finish()
        else:
            ods.feed(chunk)
    except SyntaxError as exc:  # xml.etree's ParseError
        raise PccdeskError(f"the file is damaged: part '{_shown(info.filename)}' is not well-formed XML", where,
                           code=codes.DAMAGED_FILE) from exc


def _check_sheet_budget(view: memoryview, sheets: list[tuple[zipfile.ZipInfo, SheetExtent]], limits: ZipLimits,
                        where: Location) -> None:
    """Each sheet within the sheet limit, all of them within the workbook's (exact rows counted when needed)."""
    for info, extent in sheets:
        if extent.cells_bound() > limits.max_sheet_cells:
            extent.exact_rows(_part_chunks(view, info, where))  # rare: a wide sheet, or a hostile one
        if extent.cells_bound() > limits.max_sheet_cells:
            rows, cols = extent.bounds()
            raise PccdeskError(
                f"refused: sheet part '{_shown(info.filename)}' spans up to {rows:,} rows by {cols:,} columns, more "
                f"than the {limits.max_sheet_cells:,} cells pccdesk reads from one sheet (cells placed far apart make "
                "a small file need gigabytes of memory)", where, code=codes.SHEET_TOO_LARGE)
    if sum(e.cells_bound() for _, e in sheets) > limits.max_workbook_cells:
        for info, extent in sheets:
            if extent.exact_max_row is None:
                extent.exact_rows(_part_chunks(view, info, where))
    total = sum(e.cells_bound() for _, e in sheets)
    if total > limits.max_workbook_cells:
        raise PccdeskError(
            f"refused: the workbook's {len(sheets)} sheets span up to {total:,} cells together, more than the "
            f"{limits.max_workbook_cells:,} pccdesk reads from one workbook (cells placed far apart make a small "
            "file need gigabytes of memory)", where, code=codes.WORKBOOK_TOO_LARGE)


def _check_ods_budget(tables: list[tuple[str, int, int]], limits: ZipLimits, where: Location) -> None:
    for name, rows, cols in tables:
        if rows * cols > limits.max_sheet_cells:
            raise PccdeskError(
                f"refused: sheet '{_shown(name)}' spans {rows:,} rows by {cols:,} columns once its repeated rows and "
                f"columns are counted, more than the {limits.max_sheet_cells:,} cells pccdesk reads from one sheet",
                where, code=codes.SHEET_TOO_LARGE)
    total = sum(rows * cols for _, rows, cols in tables)
    if total > limits.max_workbook_cells:
        raise PccdeskError(
            f"refused: the spreadsheet's {len(tables)} sheets span {total:,} cells together once repeated rows and "
            f"columns are counted, more than the {limits.max_workbook_cells:,} pccdesk reads from one file", where,
            code=codes.WORKBOOK_TOO_LARGE)


def part_data(view: memoryview, info: zipfile.ZipInfo, where: Location) -> memoryview:
    """One part's bytes as stored in the zip (deflated, as a rule), found from its local header."""
    start = info.header_offset
    header = bytes(view[start:start + 30])
    if len(header) < 30 or header[:4] != _LOCAL_HEADER:
        raise PccdeskError(f"the file is damaged or incomplete: part '{_shown(info.filename)}' is missing "
                           "(a truncated download or copy?)", where, code=codes.TRUNCATED_FILE)
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    begin = start + 30 + name_len + extra_len
    raw = view[begin:begin + info.compress_size]
    if len(raw) < info.compress_size:
        raise PccdeskError(f"the file is damaged or incomplete: part '{_shown(info.filename)}' is cut short "
                           "(a truncated download or copy?)", where, code=codes.TRUNCATED_FILE)
    return raw


def _part_chunks(view: memoryview, info: zipfile.ZipInfo, where: Location) -> Iterator[bytes]:
    """The decompressed bytes of one part, in chunks of at most 128 KB (``READ_OUT``), read from the raw zip
    data."""
    raw = part_data(view, info, where)
    if info.compress_type == zipfile.ZIP_STORED:
        for pos in range(0, len(raw), _READ_OUT):
            yield bytes(raw[pos:pos + _READ_OUT])
        return
    try:
        yield from inflate(raw, _READ_OUT)
    except DamagedStream as exc:
        raise PccdeskError(f"the file is damaged: part '{_shown(info.filename)}' cannot be decompressed", where,
                           code=codes.DAMAGED_FILE) from exc
    except CutStream as exc:
        raise PccdeskError(f"the file is damaged or incomplete: part '{_shown(info.filename)}' ends early "
                           "(a truncated download or copy?)", where, code=codes.TRUNCATED_FILE) from exc
