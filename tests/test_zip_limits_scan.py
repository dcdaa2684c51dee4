"""The streamed scan's counters at their edges: the style count skips only chunks that cannot hold an ``xf``
element; wide columns are found in any letter case (calamine accepts lower case)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pccdesk.readers.sheet_extent import SheetExtent
from pccdesk.readers.zip_limits import _StyleCount


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


def _fed(*chunks: bytes) -> SheetExtent:
    return SheetExtent.of_part(chunks)


SHEET = b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="123456"><c r="B123456"><v>2</v></c></row>'


def test_ordinary_chunks_keep_the_bound_and_odd_tags_are_found_wherever_chunks_split() -> None:
    """The fast search per chunk must find what the full measure finds, wherever a chunk boundary falls."""
    assert _fed(SHEET).bounds() == (10 ** 6, 26)  # six-digit rows: bounded by 10**6 rows of 26 columns
    odd = b'<row r="123457"><c r="ZZ123457"><v>3</v></c><c s="1" r="C123457"/></row><row r="1234567"><c r="A1234567"/>'
    whole = _fed(SHEET, odd + b"</row></sheetData>")
    assert whole.max_col == 26 * 26 + 26 and whole.digits == 7
    for split in range(1, len(odd)):
        parts = _fed(SHEET, odd[:split], odd[split:] + b"</row></sheetData>")
        assert (parts.max_col, parts.digits, parts.rows) >= (whole.max_col, whole.digits, 0), split
        assert parts.bounds() == whole.bounds(), split


def test_an_unaddressed_cell_cut_off_at_the_end_of_the_part_is_still_counted() -> None:
    extent = _fed(SHEET, b'<row r="2">', b"<c ")
    assert extent.widest_unaddressed == 1  # the last "<c " has nothing after it, and still counts as a cell
    extent = _fed(SHEET, b'<row r="2">', b'<c r="A2"/></row></sheetData>')
    assert extent.widest_unaddressed == 0


_ANY = re.compile(rb"""\sr\s*=\s*["']\s*([A-Za-z]*)0*(\d*)""")


def _every_address_max(data: bytes) -> int:
    """The exact pass as first written: every address listed, the largest row number taken."""
    numbers = [int(d[:12]) for _, d in _ANY.findall(data) if d]
    return max(numbers, default=0)


ADDRESS = st.one_of(
    st.builds(lambda c, n: b'<c r="%s%d"><v>1</v></c>' % (c, n), st.sampled_from([b"A", b"Z", b"AB", b"xfd"]),
              st.integers(1, 2_000_000)),
    st.builds(lambda n, z: b'<row r="%s%d">' % (b"0" * z, n), st.integers(1, 2_000_000), st.integers(0, 3)),
    st.builds(lambda n: b"<c r='B%d'><v>1</v></c>" % n, st.integers(1, 2_000_000)),
    st.builds(lambda n: b'<c  r = "C%d"/>' % n, st.integers(1, 2_000_000)),
    st.just(b"</row>"), st.just(b"<c><v>2</v></c>"), st.just(b"<x:c r=\"A7\"/>"),
)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(ADDRESS, min_size=1, max_size=40), cut=st.integers(1, 64))
def test_the_exact_row_pass_finds_the_largest_row_number_as_listing_every_address_does(parts, cut) -> None:  # type: ignore[no-untyped-def]
    data = b"<sheetData>" + b"".join(parts) + b"</sheetData>"
    chunks = [data[i:i + cut] for i in range(0, len(data), cut)]
    extent = _fed(*chunks)
    extent.exact_rows(chunks)
    assert extent.exact_max_row == _every_address_max(data)
