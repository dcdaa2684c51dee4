"""How far the cells of an OpenDocument spreadsheet spread, counted as calamine will count them.

OpenDocument writes a run of equal cells or rows once, with
``table:number-columns-repeated`` / ``table:number-rows-repeated``, and
calamine expands the runs into its dense grid: one row holding a value
repeated 1,000 times, repeated 100,000 times, is an 800-byte file that made
calamine take 10 GB and 72 seconds. Empty runs at the end of a sheet (which
LibreOffice writes as "1,048,000 empty rows") are not part of the grid;
empty runs *before* a value are. So a table's extent is its last row holding
a value times the furthest column holding a value, with every repeat
counted. The content is parsed as a stream (no tree is built); the DTD check
of :mod:`pccdesk.readers.xml_safety` runs on the same chunks first.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import XMLParser

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CELLS = (_TABLE + "table-cell", _TABLE + "covered-table-cell")


class OdsExtent:
    """Feed ``content.xml`` in chunks; :attr:`tables` then holds ``(name, rows, columns)`` for every table.

    The parser calls :meth:`start` and :meth:`end` for each element and builds
    no tree, so memory stays flat however many rows the part holds.
    """

    def __init__(self) -> None:
        self._parser: Any = XMLParser(target=self)
        self.tables: list[tuple[str, int, int]] = []
        self._name = ""
        self._row = self._col = self._repeat_rows = 0
        self._last_row = self._last_col = 0
        self._row_has_value = self._cell_has_value = False

    def feed(self, chunk: bytes) -> None:
        self._parser.feed(chunk)

    def finish(self) -> None:
        """The end of the part: raises ``ParseError`` if the XML was cut or malformed."""
        self._parser.close()

    @property
    def cells(self) -> int:
        return sum(rows * cols for _, rows, cols in self.tables)

    # the parser's target interface
    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag in _CELLS:
            self._cell_has_value = _OFFICE + "value-type" in attrib
            self._col += _count(attrib.get(_TABLE + "number-columns-repeated"))
        elif tag.endswith("}p"):
            self._cell_has_value = True  # text in a paragraph
        elif tag == _TABLE + "table-row":
            self._repeat_rows = _count(attrib.get(_TABLE + "number-rows-repeated"))
            self._col, self._row_has_value = 0, False
        elif tag == _TABLE + "table":
            self._name = attrib.get(_TABLE + "name", "")
            self._row = self._last_row = self._last_col = 0

    def end(self, tag: str) -> None:
        if tag in _CELLS:
            if self._cell_has_value:
                self._last_col = max(self._last_col, self._col)
                self._row_has_value = True
            self._cell_has_value = False
        elif tag == _TABLE + "table-row":
            self._row += self._repeat_rows
            if self._row_has_value:
                self._last_row = self._row
        elif tag == _TABLE + "table":
            self.tables.append((self._name, self._last_row, self._last_col))

    def data(self, text: str) -> None:
        return None

    def close(self) -> None:
        return None


def _count(raw: str | None) -> int:
    """A repeat count; a malformed one counts as 1 (calamine then fails on it as damage)."""
    if raw is None:
        return 1
    try:
        return max(int(raw.strip()[:12]), 1)
    except ValueError:
        return 1
