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
from xml.etree.ElementTree import XMLPullParser

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CELLS = (_TABLE + "table-cell", _TABLE + "covered-table-cell")


class OdsExtent:
    """Feed ``content.xml`` in chunks; :attr:`tables` then holds ``(name, rows, columns)`` for every table."""

    def __init__(self) -> None:
        self._parser: Any = XMLPullParser(events=("start", "end"))
        self.tables: list[tuple[str, int, int]] = []
        self._name = ""
        self._row = self._col = 0
        self._last_row = self._last_col = 0
        self._row_has_value = False
        self._repeat_rows = 1
        self._depth_in_cell = 0
        self._cell_has_text = False

    def feed(self, chunk: bytes) -> None:
        self._parser.feed(chunk)
        for event, item in self._parser.read_events():
            elem: Any = item
            tag = elem.tag
            if event == "start":
                self._start(tag, elem.attrib)
            else:
                self._end(tag, elem.attrib)
                if tag in _CELLS or tag == _TABLE + "table-row":
                    elem.clear()

    def close(self) -> None:
        self._parser.close()

    @property
    def cells(self) -> int:
        return sum(rows * cols for _, rows, cols in self.tables)

    def _start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag == _TABLE + "table":
            self._name = attrib.get(_TABLE + "name", "")
            self._row = self._last_row = self._last_col = 0
        elif tag == _TABLE + "table-row":
            self._col = 0
            self._row_has_value = False
            self._repeat_rows = _count(attrib.get(_TABLE + "number-rows-repeated"))
        elif tag in _CELLS:
            self._cell_has_text = _OFFICE + "value-type" in attrib
        elif self._col is not None and tag.endswith("}p"):
            self._cell_has_text = True

    def _end(self, tag: str, attrib: dict[str, str]) -> None:
        if tag in _CELLS:
            repeat = _count(attrib.get(_TABLE + "number-columns-repeated"))
            self._col += repeat
            if self._cell_has_text:
                self._last_col = max(self._last_col, self._col)
                self._row_has_value = True
            self._cell_has_text = False
        elif tag == _TABLE + "table-row":
            self._row += self._repeat_rows
            if self._row_has_value:
                self._last_row = self._row
        elif tag == _TABLE + "table":
            self.tables.append((self._name, self._last_row, self._last_col))


def _count(raw: str | None) -> int:
    """A repeat count; a malformed one counts as 1 (calamine then fails on it as damage)."""
    if raw is None:
        return 1
    try:
        return max(int(raw.strip()[:12]), 1)
    except ValueError:
        return 1
