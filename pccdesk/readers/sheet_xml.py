"""A plain workbook's first sheet, read from its XML directly, exactly as python-calamine reads it, or not at all.

A record-level crime extract saved as .xlsx is one sheet of a few hundred thousand rows, of which three or four
columns are counted. python-calamine turns every cell of the sheet into a Rust value and every row into Python
objects before the first row is counted; most of a read goes there. The sheet's XML can instead be tallied in
bulk (:mod:`pccdesk.readers.sheet_tally`), if what it says is read exactly as calamine reads it. This module
reads the parts that say it: which part is the first sheet and its name, which cell formats are dates, the shared
strings; and turns one cell's XML into the value python-calamine gives for it.

It reads only what it is sure of. Anything whose reading calamine has changed between its versions, or that this
module does not reproduce (a 1904 date system, text with Excel's ``_xHHHH_`` escapes or a carriage return,
text whose edge spaces calamine may trim, phonetic runs, a date format it cannot classify for certain, a date
before March 1900 where Excel's leap-year error lives, a namespace prefix, a strict-OOXML namespace...) raises
:class:`NotPlain`, and the caller reads the file with python-calamine as before. So this path can make a read
faster, never different: tests/test_sheet_tally.py compares the two on many workbooks written several ways.

The XML is searched with regular expressions on bytes, never parsed by an XML parser: no entity is ever
expanded, and the file has passed :func:`pccdesk.readers.file_checks.check_spreadsheet_bytes` first.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from typing import Any

_MAIN_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = b'"http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_WORKSHEET_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"


class NotPlain(Exception):
    """The workbook says something this module does not read exactly as python-calamine does: read it there."""


# --- text -------------------------------------------------------------------------------------------------------
_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9A-Fa-f]{1,6}));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_ODD_TEXT = re.compile(r"_x|\r|<!\[CDATA\[")
_ASCII_SPACE = " \t\r\n"


def _entity(match: re.Match[str]) -> str:
    named, decimal, hexadecimal = match.groups()
    if named:
        return _NAMED[named]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if (code < 0x20 and code not in (9, 10, 13)) or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF) \
            or code > 0x10FFFF:
        raise NotPlain("a character reference that XML does not allow")
    return chr(code)


def xml_text(raw: bytes, *, preserve: bool = True) -> str:
    """The text of an element's content (no tags inside), with its entity and character references replaced.

    ``preserve`` is False for a ``<t>`` without ``xml:space="preserve"``: calamine versions differ on trimming
    its edge spaces, so such text must have none."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotPlain("text that is not UTF-8") from exc
    if _ODD_TEXT.search(text):
        raise NotPlain("Excel's _xHHHH_ escapes, a carriage return or CDATA in a text")
    if not preserve and text and (text[0] in _ASCII_SPACE or text[-1] in _ASCII_SPACE):
        raise NotPlain("a text with edge spaces not marked to be kept")
    if "&" in text:
        rest = _ENTITY.sub("", text)
        if "&" in rest:
            raise NotPlain("an entity other than XML's five")
        text = _ENTITY.sub(_entity, text)
    return text


_T = re.compile(rb'<t( xml:space="preserve")?>([^<]*)</t>|<t( xml:space="preserve")?/>')
_RUN = re.compile(rb'<r>(?:<rPr>(?:<[^<>]*/>)*</rPr>)?(<t(?: xml:space="preserve")?>[^<]*</t>|<t/>)</r>')


def string_item(raw: bytes) -> str:
    """A shared string (the content of ``<si>``) or an inline string (of ``<is>``): one ``<t>``, or rich-text
    runs each holding one ``<t>``."""
    whole = _T.fullmatch(raw)
    if whole is not None:
        return _t_text(whole)
    if not raw:
        return ""
    pos, parts = 0, []
    for run in _RUN.finditer(raw):
        if run.start() != pos:
            break
        parts.append(_t_text(_T.fullmatch(run.group(1))))  # type: ignore[arg-type]
        pos = run.end()
    if pos != len(raw) or not parts:
        raise NotPlain("a text item of an unusual shape (phonetic runs, say)")
    return "".join(parts)


def _t_text(match: re.Match[bytes]) -> str:
    if match.group(2) is None:  # <t/>
        return ""
    return xml_text(match.group(2), preserve=match.group(1) is not None)


# --- cell formats -----------------------------------------------------------------------------------------------
DATE, NUMBER = "date", "number"
_BUILTIN_DATES = {*range(14, 23), 45, 47}
_BUILTIN_NUMBERS = {*range(0, 14), *range(37, 45), 48, 49}
_LOCALE = r"(?:\[\$-[0-9A-Fa-f]{1,8}\])?"
_DATE_CODE = re.compile(_LOCALE + r"(?=[^;]*[dmyDMY])[dmyhsDMYHS/.:, -]+(?:\\ [dmyhsDMYHS/.:, -]+)*(?:;@)?")
#: A letter that could be (or begin) a date or time token, a colour or a condition in some calamine version's
#: reading: a format without any (``0.00``, ``#,##0``, ``_-£* #,##0_-;-£* #,##0_-``, ``0.0E+0``) is a number.
_LETTER = re.compile(r"[A-DF-Za-df-z]")


def format_kind(code: str) -> str:
    """DATE or NUMBER for a custom number format whose kind every calamine version agrees on."""
    if _DATE_CODE.fullmatch(code):
        return DATE
    if code in ("General", "@") or not _LETTER.search(code):
        return NUMBER
    raise NotPlain(f"a number format not classified for certain ({code!r})")


# --- the package ------------------------------------------------------------------------------------------------
_DATE_1904 = re.compile(rb'date1904\s*=\s*["\'](?!(?:false|0)["\'])')
_SHEET = re.compile(rb"<sheet\s([^<>]*?)/?>")
_ATTR = re.compile(rb'([\w:]+)="([^"<>]*)"')
_REL = re.compile(rb"<Relationship\s([^<>]*?)/?>")
_XFS = re.compile(rb"<cellXfs\b[^<>]*>([^<]*(?:<(?!/?cellXfs\b)[^<]*)*)</cellXfs>")
_XF = re.compile(rb"<xf\b([^<>]*)>")
_XF_START = re.compile(rb"<xf\b")
_NUMFMT = re.compile(rb"<numFmt\b([^<>]*)>")
_SI = re.compile(rb"<si>([^<]*(?:<(?!/?si>)[^<]*)*)</si>|<si/>")  # never into the next item


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    return dict(_ATTR.findall(raw))


class PlainBook:
    """The parts of a plain workbook the first sheet's values depend on."""

    def __init__(self, data: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            names = set(self.zip.namelist())
            package = self._part(names, "_rels/.rels")
            documents = [_attrs(r.group(1)).get(b"Target", b"") for r in _REL.finditer(package)
                         if _attrs(r.group(1)).get(b"Type", b"").endswith(b"/officeDocument")]
            if [d.lstrip(b"/") for d in documents] != [b"xl/workbook.xml"]:
                raise NotPlain("the workbook is not at xl/workbook.xml")
            workbook = self._part(names, "xl/workbook.xml")
            rels = self._part(names, "xl/_rels/workbook.xml.rels")
            if _MAIN_NS not in workbook[:2000] or b"<x:" in workbook or _DATE_1904.search(workbook):
                raise NotPlain("a workbook in another namespace or with 1904 dates")
            first = _SHEET.search(workbook)
            if first is None or _REL_NS not in workbook:
                raise NotPlain("no sheet")
            attrs = _attrs(first.group(1))
            if set(attrs) - {b"name", b"sheetId", b"state", b"r:id"} or b"r:id" not in attrs:
                raise NotPlain("a sheet entry of an unusual shape")
            self.sheet_name = xml_text(attrs[b"name"])
            targets = {}
            for rel in _REL.finditer(rels):
                r = _attrs(rel.group(1))
                targets[r.get(b"Id", b"")] = (r.get(b"Type", b"").decode("ascii", "replace"),
                                              r.get(b"Target", b"").decode("utf-8", "replace"),
                                              r.get(b"TargetMode", b""))
            kind, target, mode = targets.get(attrs[b"r:id"], ("", "", b""))
            if kind != _WORKSHEET_TYPE or mode:
                raise NotPlain("the first sheet is not a worksheet")
            self.sheet_part = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join("xl", target))
            if self.sheet_part not in names:
                raise NotPlain("the first sheet's part is missing")
            for kind_, target_, _ in targets.values():  # calamine reads these two parts by their usual names
                if kind_.endswith(("/styles", "/sharedStrings")) and target_.lstrip("/").removeprefix("xl/") not in \
                        ("styles.xml", "sharedStrings.xml"):
                    raise NotPlain("styles or shared strings at an unusual place")
            self._codes: dict[int, str] = {}
            self._xfs: list[int | None] = []
            if "xl/styles.xml" in names:
                self._read_styles(self._part(names, "xl/styles.xml"))
            self._kinds: dict[int, str] = {}
            self._strings_raw: list[bytes] = []
            if "xl/sharedStrings.xml" in names:
                strings = self._part(names, "xl/sharedStrings.xml")
                if b"<x:" in strings or b"<rPh" in strings:
                    raise NotPlain("shared strings with a namespace prefix or phonetic runs")
                self._strings_raw = [m.group(1) or b"" for m in _SI.finditer(strings)]
                if strings.count(b"<si") != len(self._strings_raw):
                    raise NotPlain("a shared string that does not end")
            self._strings: dict[int, str] = {}
        except (zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise NotPlain(str(exc)) from exc

    def _part(self, names: set[str], name: str) -> bytes:
        if name not in names:
            raise NotPlain(f"no {name}")
        return self.zip.read(name)

    def _read_styles(self, styles: bytes) -> None:
        if b"<x:" in styles:
            raise NotPlain("styles with a namespace prefix")
        for fmt in _NUMFMT.finditer(styles):
            a = _attrs(fmt.group(1))
            if b"numFmtId" in a and b"formatCode" in a:
                self._codes[int(a[b"numFmtId"])] = xml_text(a[b"formatCode"])
        xfs = _XFS.search(styles)
        if styles.count(b"<cellXfs") != (xfs is not None):
            raise NotPlain("cell formats of an unusual shape")
        if xfs is not None:
            for xf in _XF.finditer(xfs.group(1)):
                number = _attrs(xf.group(1)).get(b"numFmtId")
                self._xfs.append(None if number is None else int(number))
            if len(_XF_START.findall(xfs.group(1))) != len(self._xfs):
                raise NotPlain("a cell format that does not end")

    def style_kind(self, index: int) -> str:
        """DATE or NUMBER: how calamine reads a number in a cell of this format (``s`` attribute)."""
        kind = self._kinds.get(index)
        if kind is None:
            if index >= len(self._xfs):
                raise NotPlain("a cell format that is not in the workbook")
            number = self._xfs[index]
            if number is None:
                kind = NUMBER
            elif number in self._codes:
                kind = format_kind(self._codes[number])
            elif number in _BUILTIN_DATES:
                kind = DATE
            elif number in _BUILTIN_NUMBERS:
                kind = NUMBER
            else:
                raise NotPlain(f"built-in number format {number}, read differently by calamine's versions")
            self._kinds[index] = kind
        return kind

    def shared_string(self, index: int) -> str:
        text = self._strings.get(index)
        if text is None:
            if index >= len(self._strings_raw):
                raise NotPlain("a shared string that is not in the workbook")
            text = self._strings[index] = string_item(self._strings_raw[index])
        return text

    def blank_strings(self) -> set[int]:
        """Shared strings that may be blank (nothing but spaces, or any escape): a reference cell holding one
        is judged by its text; any other is certainly not blank."""
        return {i for i, raw in enumerate(self._strings_raw)
                if b"&" in raw or b"_x" in raw or not _SURE_TEXT.search(raw)}


#: A printable ASCII character other than space, ``&``, ``_``, ``<`` and ``>`` in a ``<t>``'s text: where the item
#: has no reference or escape at all, its text is certainly not blank.
_SURE_TEXT = re.compile(rb"<t(?: xml:space=\"preserve\")?>[^<]*?[!-%'-;=?-^`-~]")


# --- one cell ---------------------------------------------------------------------------------------------------
_CELL_ATTR = re.compile(rb' ([st])="([^"]*)"')
_CELL_ATTRS = re.compile(rb'(?: [st]="[^"]*")*')
_FORMULA = rb"(?:<f>[^<]*</f>|<f\b[^<>]*/>|<f\b[^<>]*>[^<]*</f>)"  # its cached value follows (or not)
_V = re.compile(_FORMULA + rb"?<v>([^<]+)</v>")
_FORMULA_ONLY = re.compile(_FORMULA + rb"(?:<v ?/>)?")
_IS = re.compile(rb"<is>([^<]*(?:<(?!/is>)[^<]*)*)</is>")
_NUMBER = re.compile(rb"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_MS_PER_DAY = 86_400_000


def excel_date(serial: float) -> dt.date | dt.datetime:
    """The date (or date-time, when it has a time) python-calamine gives for a date-formatted serial number.

    Only from 1 March 1900 (Excel's 1900 leap-year error comes before) to 9999, and not within a tenth of a
    second of midnight, where rounding could move the day."""
    if not 61 <= serial < 2958466:
        raise NotPlain("a date before March 1900 or after 9999")
    whole = serial.is_integer()  # python-calamine gives a date for a whole number, else a date-time
    ms = round(serial * _MS_PER_DAY)  # to the millisecond, as calamine rounds
    days, rest = divmod(ms, _MS_PER_DAY)
    if not whole and (rest < 100 or rest > _MS_PER_DAY - 100):
        raise NotPlain("a date-time within a tenth of a second of midnight")
    moment = _EXCEL_EPOCH + dt.timedelta(days=days, milliseconds=rest)
    return moment.date() if whole else moment


def cell_value(book: PlainBook, attrs: bytes, content: bytes) -> Any:
    """The value python-calamine's ``iter_rows`` gives for a cell with these attributes and content: ``''`` for an
    empty cell or an error, text, True/False, a float, or a date / date-time for a number in a date format."""
    kind, style = b"n", 0
    if attrs:
        found = dict(_CELL_ATTR.findall(attrs))
        if attrs.count(b"=") != len(found) or not _CELL_ATTRS.fullmatch(attrs):
            raise NotPlain("a cell attribute other than s and t, or one given twice")
        kind = found.get(b"t", b"n")
        if b"s" in found:
            if not found[b"s"].isdigit():
                raise NotPlain("a cell format number that is not a number")
            style = int(found[b"s"])
    if kind == b"inlineStr":
        if not content:
            return ""
        inline = _IS.fullmatch(content)
        if inline is None:
            raise NotPlain("an inline string of an unusual shape")
        return string_item(inline.group(1))
    if not content or _FORMULA_ONLY.fullmatch(content):
        return ""  # no value: an empty cell, or a formula never calculated
    v = _V.fullmatch(content)
    if v is None:
        raise NotPlain("a cell of an unusual shape")
    raw = v.group(1)
    if kind == b"n":
        if not _NUMBER.fullmatch(raw):
            raise NotPlain("a number cell whose value is not a number")
        number = float(raw)
        return excel_date(number) if book.style_kind(style) == DATE else number
    if kind == b"s":
        if not raw.isdigit():
            raise NotPlain("a shared-string index that is not a number")
        return book.shared_string(int(raw))
    if kind == b"str":
        text = xml_text(raw)
        if text != text.strip(_ASCII_SPACE):
            raise NotPlain("a formula's text with edge spaces")
        return text
    if kind == b"b":
        if raw not in (b"0", b"1"):
            raise NotPlain("a true/false cell that is neither")
        return raw == b"1"
    if kind == b"e":
        return ""  # python-calamine gives an error cell as empty text
    raise NotPlain(f"a cell of type {kind.decode('ascii', 'replace')!r}")

