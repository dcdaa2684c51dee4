"""The streamed scan's fast searches find exactly what the plain searches they replace found, and an odd sheet is
measured the same wherever its chunks end.

Each search of the safety checks now starts where a rare byte is (``!``, ``x``, ``:``, the ``w`` of ``<row``)
and hands over to a regular expression where that byte is common. These tests hold each one to a plain
reference written out here: the same finds in any text, wherever chunks split it, however common the key byte.
"""

from __future__ import annotations

import re
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from pccdesk.problems import PccdeskError
from pccdesk.readers.byte_search import HOP_BYTES, MIN_HOPS, holds
from pccdesk.readers.sheet_extent import _TAG_WINDOW, SheetExtent
from pccdesk.readers.xml_safety import DeclarationScanner
from pccdesk.readers.zip_limits import _StyleCount, check_zip_limits
from tests.test_reliability_inputs import _sheet_body

# --- holds: the rare-byte search itself ----------------------------------------------------------------------------


def test_a_pattern_is_found_where_its_key_byte_is_past_its_start() -> None:
    assert holds(b"abc<!DOCTYPE", b"!", b"<!", 1)
    assert holds(b"<!", b"!", b"<!", 1)  # the match starts at the first byte
    assert not holds(b"a!b<c!d", b"!", b"<!", 1)  # "!" without "<" before it
    assert not holds(b"no key byte here", b"!", b"<!", 1)
    assert holds(b"!<!", b"!", b"<!", 1)  # a key byte at position 0 cannot end a match; the next one does


def test_a_regular_expression_is_tried_at_each_key_byte() -> None:
    prefixed = re.compile(rb":(?:c|row)")
    assert holds(b'<x:row r="1">', b":", prefixed)
    assert holds(b'a:b c:d <x:c r="A1"/>', b":", prefixed)
    assert not holds(b'xmlns:r="x" 12:30 a:b', b":", prefixed)


@pytest.mark.parametrize("gap", [1, 7, HOP_BYTES - 1, HOP_BYTES + 1, 4 * HOP_BYTES])
@pytest.mark.parametrize("count", [0, 1, MIN_HOPS - 1, MIN_HOPS, MIN_HOPS + 1, 500])
def test_a_common_key_byte_hands_over_to_one_search_and_finds_the_same(gap: int, count: int) -> None:
    """Many ``x`` with no ``f`` after them, then an ``xf``: found, whether the hops go on or the search takes over."""
    filler = (b"x" + b"." * gap) * count
    assert holds(filler + b"<xf/>", b"x", b"xf")
    assert holds(filler + b"<xf/>", b"x", re.compile(rb"xf"))
    assert not holds(filler + b"<x f/>", b"x", b"xf")
    assert holds(b"<xf/>" + filler, b"x", b"xf")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([(b"!", b"<!", 1), (b"x", b"xf", 0), (b":", b":c", 0)]))
def test_holds_answers_as_a_plain_search_does(data: bytes, case: tuple[bytes, bytes, int]) -> None:
    key, literal, offset = case
    data = data.replace(b"\x00", key).replace(b"\x01", literal)  # make the key byte and the literal common
    assert holds(data, key, literal, offset) == (literal in data)
    assert holds(data, key, re.compile(re.escape(literal)), offset) == (literal in data)


# --- the scanners that use it --------------------------------------------------------------------------------------


def _declaration(*chunks: bytes) -> str | None:
    scanner = DeclarationScanner()
    found = None
    for chunk in chunks:
        found = scanner.feed(chunk) or found
    return found


def test_a_declaration_after_many_exclamation_marks_is_found() -> None:
    formulas = b"".join(b'<c r="A%d"><f>Sheet1!A%d</f></c>' % (n, n) for n in range(2000))  # "!" every 30 bytes
    assert _declaration(formulas + b"<!DOCTYPE x []>") == "<!DOCTYPE"
    assert _declaration(formulas, b"<!ENTITY x 'y'>") == "<!ENTITY"
    assert _declaration(formulas + b"<", b"!ENTITY x 'y'>") == "<!ENTITY"  # "<" ends one chunk, "!" starts the next
    assert _declaration(formulas) is None


def test_a_format_after_many_other_xs_is_counted() -> None:
    text = b"<t>Sexual offences</t>" * 3000  # an "x" every 22 bytes, never followed by "f"
    counter = _StyleCount()
    assert counter.feed(text) == 0
    assert counter.feed(text + b"<xf/>" + text) == 1
    assert counter.feed(b"<x") == 1
    assert counter.feed(b"f/>" + text) == 2


def _measured(*chunks: bytes) -> tuple[int, int]:
    """The rows and columns the sheet is taken to span (what the limits judge)."""
    return SheetExtent.of_part(chunks).bounds()


HEAD = b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
EXCEL_ROWS = b"".join(b'<row r="%d" spans="1:2" x14ac:dyDescent="0.25"><c r="A%d"><v>1</v></c></row>' % (n, n)
                      for n in range(2, 3000))  # a ":" in every row, as Excel writes


@pytest.mark.parametrize("odd", [
    b'<x:c r="Z9999999"/>', b'<x:row r="99999999"><c/></x:row>', b"<row r='3000'><c r='A99999999'/></row>",
    b'<row\tr="1234567">', b'<row r="ZZ12">', b'<row s="1" r="12345678">',
])
def test_odd_tags_after_thousands_of_ordinary_rows_are_measured_wherever_the_chunks_split(odd: bytes) -> None:
    body = EXCEL_ROWS + odd + b"</sheetData>"
    whole = _measured(HEAD + body)
    assert whole != _measured(HEAD + EXCEL_ROWS + b"</sheetData>")  # each odd tag changes the measure
    for cut in range(len(EXCEL_ROWS) - 40, len(body) + 1):
        assert _measured(HEAD + body[:cut], body[cut:]) == whole, cut


def test_end_tags_of_rows_and_ws_in_text_are_no_alarm() -> None:
    ordinary = HEAD + b'<row r="2"><c r="A2" t="inlineStr"><is><t>Possession of weapons</t></is></c></row>' * 500
    extent = SheetExtent()
    extent.feed(ordinary)
    assert extent.rows == 0  # nothing was measured exactly: no tag looked odd


# --- the tag searches against the lookahead forms they replaced ----------------------------------------------------

#: The searches as they were written before the rare-byte starts and possessive quantifiers: the reference.
_REFERENCE = {d: (re.compile(rb'<c(?! r="[A-Za-z]?\d{1,%d}")[\s>]' % d),
                  re.compile(rb'<row(?! r="[A-Za-z]?\d{1,%d}")[\s>]' % d)) for d in range(1, 11)}


def _reference_rare(data: bytes, digits: int, final: bool) -> bool:
    for pattern in _REFERENCE[digits]:
        pos = 0
        while (found := pattern.search(data, pos)) is not None:
            if final or found.start() + _TAG_WINDOW <= len(data):
                return True
            pos = found.start() + 1
    return False


_FRAGMENTS = st.sampled_from([b"<c", b"<row", b" r=\"", b"r=", b"'", b'"', b" ", b"\t", b">", b"/>", b"A", b"zz",
                              b"1", b"12", b"123456", b"0", b"w", b"<", b"</row>", b"</c>", b"s=\"1\"", b"\n"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=40), st.integers(1, 10), st.booleans())
def test_the_tag_searches_find_what_the_lookahead_forms_found(parts: list[bytes], digits: int, final: bool) -> None:
    data = b"".join(parts)
    extent = SheetExtent()
    extent.digits = digits
    assert extent._rare(data, final) == _reference_rare(data, digits, final)


# --- the exact measure of an odd sheet, whatever the chunks ---------------------------------------------------------


def _chunks(data: bytes, size: int) -> list[bytes]:
    return [data[pos:pos + size] for pos in range(0, len(data), size)]


@pytest.mark.parametrize("size", [7, 64, 1000, 10 ** 6])
def test_a_row_of_unaddressed_cells_is_counted_whole_however_many_chunks_it_spans(size: int) -> None:
    """calamine places cells without an address one column after another: 3,000 of them make a row 3,000 wide,
    also when chunk boundaries fall inside the row (measured chunk by chunk, it was counted as several rows)."""
    sheet = HEAD + b'<row r="2">' + b"<c><v>1</v></c>" * 3000 + b"</row><row><c/><c/></row></sheetData>"
    assert _measured(*_chunks(sheet, size)) == (10, 3000)  # 3 rows (at most 9 by their digits); 3,000 wide


@pytest.mark.parametrize("size", [5, 33, 100, 4096])
def test_a_prefixed_tag_with_a_long_prefix_is_found_wherever_the_chunks_cut_it(size: int) -> None:
    prefix = b"p" * 300
    odd = b"<" + prefix + b":c r='A1048576'/>"  # single quotes: only the exact measure reads it
    sheet = HEAD + EXCEL_ROWS[:2000] + odd + EXCEL_ROWS[2000:4000] + b"</sheetData>"
    whole = _measured(sheet)
    assert whole == (1048576, 26)  # the prefixed cell counts
    assert _measured(*_chunks(sheet, size)) == whole


def test_prefixes_in_text_and_in_excels_extensions_are_no_odd_sheet() -> None:
    extension = b'<extLst><ext><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="m"/>' \
                b"</x14:conditionalFormattings></ext></extLst>"
    text = b'<row r="5000"><c r="A5000" t="inlineStr"><is><t>Note:call back, status:row 3</t></is></c></row>'
    extent = SheetExtent()
    for chunk in _chunks(HEAD + EXCEL_ROWS + text + b"</sheetData>" + extension, 4096):
        extent.feed(chunk)
    extent.finish()
    assert not extent.odd  # nothing for calamine to place by counting: no second pass over the part


def test_a_wide_unaddressed_row_across_real_chunks_is_refused(tmp_path: Path) -> None:
    """40,000 cells without addresses (about 600 KB: several chunks of the checks) in row 1, and row 1,000:
    40,000,000 cells, beyond the sheet limit, however the part is cut into chunks."""
    wide = _sheet_body(tmp_path, '<row r="1">' + '<c s="0"><v>1</v></c>' * 40_000 + '</row>'
                                 '<row r="1000"><c r="A1000"><v>2</v></c></row>')
    with pytest.raises(PccdeskError) as caught:
        check_zip_limits(wide.read_bytes(), wide)
    assert caught.value.code == "sheet-too-large"
    narrow = _sheet_body(tmp_path, '<row r="1">' + '<c s="0"><v>1</v></c>' * 20_000 + '</row>'
                                   '<row r="1000"><c r="A1000"><v>2</v></c></row>', "narrow.xlsx")
    assert check_zip_limits(narrow.read_bytes(), narrow) == "xlsx"  # 20,000,000 cells: within the limit


def test_an_address_in_a_long_text_without_tags_is_still_placed_whole() -> None:
    """A chunk with no ``<`` keeps only its last bytes for the next: an address cut there is still read whole."""
    sheet = HEAD + b"<row><c t='inlineStr'><is><t>" + b"x" * 5000 + b" r='A" + b"9" * 8 + b"'" + b"y" * 5000 \
        + b"</t></is></c></row></sheetData>"
    for size in (100, 997, 4096, 5020):
        assert _measured(*_chunks(sheet, size)) == _measured(sheet) == (99999999, 26), size
