"""The streamed scan's counters at their edges: the style count skips only chunks that cannot hold an ``xf``
element; wide columns are found in any letter case (calamine accepts lower case)."""

from __future__ import annotations

from pccdesk.readers.zip_limits import SheetExtent, _StyleCount


def test_style_count_counts_xf_elements_across_chunks_and_skips_none() -> None:
    counter = _StyleCount()
    assert counter.feed(b"<cellXfs><xf/><xf ") == 2
    assert counter.feed(b"/><nothing here>") == 2  # no "xf" in this chunk or its overlap: skipped, count kept
    assert counter.feed(b"<x:xf/>") == 3  # a prefixed element still counts
    assert counter.feed(b"<x") == 3
    assert counter.feed(b"f/>") == 4  # split across two chunks: found in the overlap


def test_wide_columns_in_any_case() -> None:
    for column, number in ((b"rr", 18 * 26 + 18), (b"Ar", 26 + 18), (b"rA", 18 * 26 + 1), (b"XFD", 16384)):
        extent = SheetExtent()
        extent.feed(b'<sheetData><row r="1"><c r="' + column + b'1"/></row></sheetData>')
        assert extent.max_col == number
