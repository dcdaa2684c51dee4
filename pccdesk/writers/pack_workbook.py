"""The panel pack's workbook: shared formats, print set-up, the protective marking and the Data sheet.

Every sheet of the pack is made through :class:`PackWorkbook` so that all of
them print the same way (A4, fit to width, repeated headings, "Page x of y",
the marking, the pack's title and period in header and footer) and so that
text from an input can only ever be written as a string: xlsxwriter's
automatic conversion of ``=…`` strings to formulas and of ``http…`` strings
to links is switched off for the whole workbook, and :meth:`PackWorkbook.text`
always uses ``write_string``.

Print size: a sheet fitted to the page width is scaled down by the
application when its columns are wider than the paper. The panel reads the
pack on paper, so every grid keeps its columns within :data:`PRINTABLE_PX`
divided by :data:`MIN_PRINT_SCALE` (text columns wrap narrower instead):
11 pt text never prints below 10 pt. :func:`print_scale` is the check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.core import Core
from xlsxwriter.format import Format
from xlsxwriter.packager import Packager
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from pccdesk import __version__
from pccdesk.problems import Location, Problem, warning
from pccdesk.writers.pack_style import STATUS_FILLS, STATUS_SYMBOLS, Column  # noqa: F401 (re-exported)
from pccdesk.writers.text_safety import EXCEL_CELL_LIMIT, clean_text, cut_to_cell, xml_safe

FONT = "Arial"
FONT_SIZE = 11
#: The smallest scale a fitted page may print at: 11 pt × 10/11 = 10 pt.
MIN_PRINT_SCALE = 10 / FONT_SIZE
#: Left and right margins (inches) of every presentation sheet.
SIDE_MARGIN = 0.4
#: Printable width of A4 in screen pixels (96 per inch) inside the side margins, by orientation.
PRINTABLE_PX = {True: round((11.69 - 2 * SIDE_MARGIN) * 96), False: round((8.27 - 2 * SIDE_MARGIN) * 96)}
#: Pixels per character of column width on paper (see :func:`column_pixels`).
DIGIT_PX = 0.556 * 10 * 96 / 72
#: Language of the workbook and of the HTML copy.
LANGUAGE = "en-GB"


def column_pixels(width: float) -> int:
    """Screen pixels a column ``width`` characters wide takes on paper, counted the wider of two ways.

    Excel counts a character as the default font's digit rounded to 7 pixels (Arial 10 or Calibri 11);
    LibreOffice uses the digit's true width, 0.556 em of Arial 10 = 7.41 pixels. Using the wider keeps a
    page fitted to its width at or above 10 pt in both.
    """
    if width <= 0:
        return 0
    return int(width * DIGIT_PX + 0.5) + 5


def print_scale(widths: Sequence[float], landscape: bool) -> float:
    """The scale a sheet fitted to one page wide prints at (never above 1)."""
    total = sum(column_pixels(w) for w in widths)
    return min(1.0, PRINTABLE_PX[landscape] / total) if total else 1.0


#: A word longer than this may still be broken across lines (a long name or address), rather than widen its column.
LONGEST_KEPT_WORD = 15


def word_floors(columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> list[float]:
    """For each text column, the width its longest word needs (up to :data:`LONGEST_KEPT_WORD` characters):
    narrower, a word such as "improvement" or "Safeguarding" printed broken in two ("improvemen" / "t")."""
    floors = [8.0] * len(columns)
    for c, col in enumerate(columns):
        if col.kind not in ("text", "wrap"):
            continue
        words = [w for row in rows if c < len(row) and isinstance(row[c], str) for w in row[c].split()]
        longest = max((len(w) for w in words if len(w) <= LONGEST_KEPT_WORD), default=0)
        floors[c] = min(col.width, max(8.0, longest + 1.0))
    return floors


def fit_widths(columns: Sequence[Column], landscape: bool, floors: Sequence[float] | None = None) -> list[float]:
    """Column widths for paper: text columns are narrowed (they wrap) until the page prints at 10 pt or more.

    Number, date and short columns keep their width; each text column gives up width in proportion to its
    own, but none goes below 8 characters, nor below its floor (:func:`word_floors`) when one is given.
    """
    widths = [c.width for c in columns]
    least = [max(8.0, floors[i]) if floors else 8.0 for i in range(len(columns))]
    budget = PRINTABLE_PX[landscape] / MIN_PRINT_SCALE - 4
    for _ in range(40):
        total = sum(column_pixels(w) for w in widths)
        if total <= budget:
            break
        flexible = [i for i, c in enumerate(columns) if c.kind in ("text", "wrap") and widths[i] > least[i]]
        if not flexible:
            break
        spare = sum(widths[i] - least[i] for i in flexible)
        cut = min(spare, (total - budget) / 7 + 0.5)
        for i in flexible:
            widths[i] = max(least[i], round(widths[i] - cut * (widths[i] - least[i]) / spare, 1))
    if floors and sum(column_pixels(w) for w in widths) > budget:
        return fit_widths(columns, landscape)  # 10 pt on paper comes first: then a long word may break
    return widths


def excel_safe_sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name for ``name``.

    Excel allows at most 31 characters counted in UTF-16 units (an emoji is
    two), none of ``[]:*?/\\``, no apostrophe at either end, and no two names
    equal regardless of case; control and invisible direction characters are
    removed (a control character made ``workbook.xml`` invalid XML).
    """
    clean = " ".join(xml_safe("".join("-" if ch in "[]:*?/\\" else ch for ch in name)).split())
    base = _fit_sheet_name(clean, 31) or "Sheet"
    folded = {t.casefold() for t in taken}
    candidate = base
    n = 2
    while candidate.casefold() in folded:
        tail = f" ({n})"
        candidate = (_fit_sheet_name(base, 31 - len(tail)) or "Sheet") + tail
        n += 1
    taken.add(candidate)
    return candidate


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _fit_sheet_name(text: str, limit: int) -> str:
    """``text`` within ``limit`` UTF-16 units, cut at a word where it can be, never mid-character, no
    apostrophe or loose punctuation at either end."""
    text = text.strip(" '")
    if _utf16_length(text) > limit:
        cut = ""
        for ch in text:
            if _utf16_length(cut + ch) > limit:
                break
            cut += ch
        words = cut.rsplit(" ", 1)[0] if " " in cut.strip() else cut
        text = words.rstrip(" -(&,'")
    return text.strip(" '")


def estimate_lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (Arial 11, a little generous)."""
    per_line = max(1, int(width * 1.05) - 1)
    total = 0
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        line, count = 0, 1
        for word in words:
            need = len(word) + (1 if line else 0)
            if line + need > per_line and line:
                count += 1
                line = len(word)
            else:
                line += need
            while line > per_line:
                count += 1
                line -= per_line
        total += count
    return max(total, 1)


class PackWorkbook:
    """A thin layer over ``xlsxwriter.Workbook`` holding the pack's conventions."""

    def __init__(self, path: Path, *, marking: str = "OFFICIAL", title: str = "Police and Crime Panel pack",
                 period: str = ""):
        self.path = path
        # they reach XML parts (document properties, headers and footers): no forbidden or invisible characters
        self.marking = xml_safe(marking)
        self.title = xml_safe(title)
        self.period = xml_safe(period)
        self.book = _Workbook(
            str(path),
            {
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "default_date_format": "d mmm yyyy",
                # Each sheet's XML assembled in memory, not in a temporary file per part: creating and
                # deleting those files was a quarter of the pack's run time (make bench: pack vs floor); a
                # pack is tens of sheets of tables, a few MB at most.
                "in_memory": True,
                # Column widths are counted in the default font's digits: Arial 10 has the 7-pixel digit of
                # Calibri 11, and LibreOffice has its metric twin (Liberation Sans), so widths print alike.
                "default_format_properties": {"font_name": FONT, "font_size": 10},
            },
        )
        self.book.set_properties({
            "title": f"{title}: {period}" if period and period not in title else title,
            "subject": f"Police and Crime Panel papers{': ' + period if period else ''}",
            "author": "pccdesk",
            "comments": f"Made by pccdesk {__version__}",
            "keywords": marking,
            "category": marking,
        })
        self._sheet_names: set[str] = set()
        #: warnings about text changed to fit a cell (see :meth:`_string`), for the pack's data-quality list
        self.text_problems: list[Problem] = []
        self._formats: dict[tuple[tuple[str, Any], ...], Format] = {}
        self._kind_formats: dict[tuple[Any, ...], Format] = {}
        self._data_sheet: Worksheet | None = None
        self._data_row = 0
        self.last_table_top = 0
        self.table_names: list[str] = []
        self._before_close: list[Callable[[], None]] = []

    # --- formats -------------------------------------------------------------
    def fmt(self, **props: Any) -> Format:
        """A cached format; every format uses the pack's font and borders unless told otherwise."""
        merged = {"font_name": FONT, "font_size": FONT_SIZE, "valign": "top"}
        merged.update(props)
        key = tuple(sorted(merged.items()))
        if key not in self._formats:
            self._formats[key] = self.book.add_format(merged)
        return self._formats[key]

    def kind_format(self, kind: str, **extra: Any) -> Format:
        """The format of a cell of ``kind`` (number, percent, text, ...), with ``extra`` properties; looked up
        once per kind and properties (a pack asks for one for each of its cells)."""
        key = (kind, *extra.items())
        found = self._kind_formats.get(key)
        if found is None:
            found = self._kind_formats[key] = self._new_kind_format(kind, extra)
        return found

    def _new_kind_format(self, kind: str, extra: dict[str, Any]) -> Format:
        props: dict[str, Any] = {"border": 1, "border_color": "#999999"}
        if kind == "number":
            props["num_format"] = "#,##0.0##"
        elif kind == "integer":
            props["num_format"] = "#,##0"
        elif kind == "percent":
            props["num_format"] = "0.0%"
        elif kind == "date":
            props["num_format"] = "d mmm yyyy"
        elif kind == "signed":
            props["num_format"] = "+#,##0;-#,##0;0"
        elif kind == "signed_percent":
            props["num_format"] = "+0%;-0%;0%"
        elif kind in ("wrap", "text"):
            props["text_wrap"] = True
        props.update(extra)
        return self.fmt(**props)

    @property
    def header_format(self) -> Format:
        return self.fmt(bold=True, bg_color="#1F3864", font_color="#FFFFFF", border=1, border_color="#999999",
                        text_wrap=True, valign="vcenter")

    @property
    def title_format(self) -> Format:
        return self.fmt(bold=True, font_size=16)

    @property
    def subtitle_format(self) -> Format:
        return self.fmt(bold=True, font_size=13, font_color="#1F3864")

    def status_format(self, status: str) -> Format:
        return self.kind_format("text", bg_color=STATUS_FILLS.get(status, "#FFFFFF"), bold=status in ("Red", "Amber"))

    # --- sheets --------------------------------------------------------------
    def add_sheet(self, name: str, *, landscape: bool = True, repeat_rows: tuple[int, int] | None = None,
                  fit_width: bool = True) -> Worksheet:
        """A presentation sheet, print-ready: A4, fitted to the page width, marking, title, period, page numbers."""
        sheet = self.book.add_worksheet(excel_safe_sheet_name(name, self._sheet_names))
        sheet.set_paper(9)
        if landscape:
            sheet.set_landscape()
        else:
            sheet.set_portrait()
        if fit_width:
            sheet.fit_to_pages(1, 0)
        sheet.set_margins(left=SIDE_MARGIN, right=SIDE_MARGIN, top=0.75, bottom=0.75)
        # 11 pt, not scaled with a page fitted to its width: the header and footer print at 10 pt or more too
        sheet.set_header(self.header_text(), {"scale_with_doc": False})
        sheet.set_footer(self.footer_text(), {"scale_with_doc": False})
        if repeat_rows is not None:
            sheet.repeat_rows(*repeat_rows)
        sheet.hide_gridlines(2)
        sheet.set_row(0, 24)  # every sheet's title (16 pt) is in its first row
        return sheet

    def header_text(self) -> str:
        """Marking (bold) on the left, the pack's title in the centre, the period on the right."""
        def esc(text: str) -> str:
            return text.replace("&", "&&")
        title = self.title if not self.period else self.title.replace(f": {self.period}", "")
        return (f"&L&11&\"Arial,Bold\"{esc(self.marking)}&C&11&\"Arial,Regular\"{esc(title)}"
                f"&R&11&\"Arial,Regular\"{esc(self.period)}")

    def footer_text(self) -> str:
        """Marking on the left, "Page x of y" in the centre, the sheet's name on the right."""
        marking = self.marking.replace("&", "&&")
        return f"&L&11&\"Arial,Bold\"{marking}&C&11&\"Arial,Regular\"Page &P of &N&R&11&\"Arial,Regular\"&A"

    def link(self, sheet: Worksheet, row: int, col: int, target_sheet: str, text: str,
             fmt: Format | None = None, cell: str = "A1", tip: str = "") -> None:
        """A link to a cell of another sheet of the pack (never to anything outside it)."""
        quoted = "'" + target_sheet.replace("'", "''") + "'"
        sheet.write_url(row, col, f"internal:{quoted}!{cell}", fmt or self.link_format, string=text,
                        tip=tip or f"Go to {target_sheet}")

    @property
    def link_format(self) -> Format:
        return self.kind_format("text", font_color="#1F3864", underline=1)

    def text(self, sheet: Worksheet, row: int, col: int, value: Any, fmt: Format | None = None) -> None:
        """Write input text as a string, whatever it starts with (``=``, ``+``, ``-``, ``@``)."""
        if value is None:
            sheet.write_blank(row, col, None, fmt)
        else:
            self._string(sheet, row, col, str(value), fmt)

    def _string(self, sheet: Worksheet, row: int, col: int, text: str, fmt: Format | None) -> None:
        """Every string goes through here: characters XML forbids and invisible direction characters removed,
        a text over Excel's cell limit cut with a note; each a warning naming the cell (:attr:`text_problems`)."""
        text, removed = clean_text(text)
        text, length = cut_to_cell(text)
        if removed or length:
            self._text_changed(sheet, row, col, removed, length)
        sheet.write_string(row, col, text, fmt)

    def _text_changed(self, sheet: Worksheet, row: int, col: int, removed: int, length: int) -> None:
        where = Location(self.path.name, sheet.name, xl_rowcol_to_cell(row, col))
        if removed:
            self.text_problems.append(warning(
                "invisible-characters-removed", f"{removed} control or invisible direction character(s) (such as "
                "a right-to-left override) were removed from the text written here", where))
        if length:
            self.text_problems.append(warning(
                "text-cut", f"a text of {length:,} characters was cut to the {EXCEL_CELL_LIMIT:,} a cell holds",
                where))

    def value(self, sheet: Worksheet, row: int, col: int, value: Any, fmt: Format | None = None) -> None:
        """Write a typed value: numbers as numbers, dates as dates, everything else as a string."""
        if value is None or value == "":
            sheet.write_blank(row, col, None, fmt)
        elif isinstance(value, bool):
            sheet.write_boolean(row, col, value, fmt)
        elif isinstance(value, int | float):
            sheet.write_number(row, col, value, fmt)
        elif isinstance(value, dt.datetime | dt.date):
            sheet.write_datetime(row, col, value if isinstance(value, dt.datetime)
                                 else dt.datetime(value.year, value.month, value.day), fmt)
        else:
            self._string(sheet, row, col, str(value), fmt)

    def fit_row_height(self, sheet: Worksheet, row: int, cells: Sequence[tuple[Any, float]],
                       minimum_lines: int = 1) -> None:
        """Set a row tall enough for its wrapped text: Excel and LibreOffice do not do this for a written file."""
        lines = minimum_lines
        for value, width in cells:
            if value is None or value == "":
                continue
            lines = max(lines, estimate_lines(str(value), width))
        if lines > 1:
            sheet.set_row(row, min(409, 14.5 * lines + 3))

    def write_grid(self, sheet: Worksheet, first_row: int, columns: Sequence[Column], rows: Sequence[Sequence[Any]],
                   row_formats: Sequence[dict[int, Format]] | None = None, *, landscape: bool = True) -> int:
        """A heading row then typed rows; returns the next free row. Widths are fitted to the paper."""
        widths = fit_widths(columns, landscape, word_floors(columns, rows))
        for c, col in enumerate(columns):
            sheet.set_column(c, c, widths[c])
            sheet.write_string(first_row, c, col.header, self.header_format)
        self.fit_row_height(sheet, first_row, [(col.header, widths[c]) for c, col in enumerate(columns)])
        r = first_row + 1
        for i, values in enumerate(rows):
            overrides = row_formats[i] if row_formats else {}
            for c, col in enumerate(columns):
                fmt = overrides.get(c) or self.kind_format(col.kind)
                self.value(sheet, r, c, values[c] if c < len(values) else None, fmt)
            self.fit_row_height(sheet, r, [(values[c] if c < len(values) else None, widths[c])
                                           for c, col in enumerate(columns) if col.kind in ("text", "wrap")])
            r += 1
        return r

    # --- the Data sheet ------------------------------------------------------
    def data_table(self, name: str, columns: Sequence[Column], rows: Sequence[Sequence[Any]], caption: str) -> None:
        """An Excel table on the shared ``Data`` sheet, stacked below the tables already there.

        The Data sheet is for analysis on screen, not for the panel's paper: its print area is its first two
        rows, which say where the printed figures are, so printing the whole workbook adds one page for it.
        """
        if self._data_sheet is None:
            self._data_sheet = self.add_sheet("Data", fit_width=False)
            self._data_sheet.hide_gridlines(0)
            self._data_sheet.write_string(0, 0, "Data tables for analysis (each is a named Excel table)",
                                          self.title_format)
            self._data_sheet.write_string(1, 0, "This sheet is not printed: every figure in it is printed on the "
                                          "objective, crime and tracker sheets.", self.fmt(italic=True))
            self._data_sheet.print_area(0, 0, 1, 3)
            # Its columns are set for the tables (wider than A4 together): fitted to one page, or the title
            # printed cut in two across two pages.
            self._data_sheet.fit_to_pages(1, 1)
            self._data_row = 3
        sheet = self._data_sheet
        sheet.write_string(self._data_row, 0, caption, self.subtitle_format)
        top = self._data_row + 1
        widths = [max(col.width, 12) for col in columns]
        for c, width in enumerate(widths):
            sheet.set_column(c, c, width)
        data = [[v for v in row] for row in rows]
        last_row = top + max(len(data), 1)
        sheet.add_table(top, 0, last_row, len(columns) - 1, {
            "name": name,
            "style": "Table Style Medium 2",
            "columns": [{"header": col.header, "format": self.kind_format(col.kind, border=0)} for col in columns],
            "data": [],
        })
        self.fit_row_height(sheet, top, [(col.header, widths[c]) for c, col in enumerate(columns)])
        for i, values in enumerate(data):
            for c, col in enumerate(columns):
                self.value(sheet, top + 1 + i, c, values[c] if c < len(values) else None,
                           self.kind_format(col.kind, border=0))
            self.fit_row_height(sheet, top + 1 + i, [(values[c] if c < len(values) else None, widths[c])
                                                     for c, col in enumerate(columns) if col.kind in ("text", "wrap")])
        self.table_names.append(name)
        self.last_table_top = top
        self._data_row = last_row + 3

    @property
    def data_sheet(self) -> Worksheet:
        if self._data_sheet is None:
            raise RuntimeError("no data table has been written yet")
        return self._data_sheet

    def before_close(self, action: Callable[[], None]) -> None:
        """Run ``action`` once every sheet exists (the Cover's linked contents need the final sheet names)."""
        self._before_close.append(action)

    def sheet_names(self) -> list[str]:
        """The pack's sheets in order."""
        return [ws.name for ws in self.book.worksheets()]

    def close(self) -> None:
        """Write the file (its language, en-GB, is in the document properties: see ``_LanguageCore``)."""
        for action in self._before_close:
            action()
        self.book.close()


class _LanguageCore(Core):
    """``docProps/core.xml`` with the document's language (``dc:language``): a screen reader picks its voice
    from it, and xlsxwriter has no property for it. Written with the other properties, so the package is
    not copied a second time to add it (that copy took 5% of a pack)."""

    def _write_cp_content_status(self) -> None:
        super()._write_cp_content_status()
        self._xml_data_element("dc:language", LANGUAGE)


class _LanguagePackager(Packager):
    def _write_core_file(self) -> None:
        core = _LanguageCore()
        core._set_properties(self.workbook.doc_properties)
        core._set_xml_writer(self._filename("docProps/core.xml"))
        core._assemble_xml_file()


class _Workbook(xlsxwriter.Workbook):
    """xlsxwriter's workbook with the pack's core properties (xlsxwriter's documented packager hook)."""

    def _get_packager(self) -> Packager:
        return _LanguagePackager()
