"""The cell notes' searches: the cells they find, and sheets built to make a search go back and forth.

The end-to-end behaviour (what a return's reader says about each note) is in tests/test_return_trust.py; here
the searches themselves: formula and error cells written plainly, with a namespace prefix and as shared
formulas, and hostile sheets whose cells, rows or marks never end. Those once made each mark search to the
sheet's end (160 KB took 8 s; an 8 MiB sheet would have taken hours), so they run in a subprocess with a
limit: a search that does not end fails the test instead of hanging it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from pccdesk.readers.cell_notes import _sheet_notes
from tests.conftest import REPO


def sheet(cells: bytes, *, prefix: bytes = b"") -> bytes:
    return b"<%sworksheet><%ssheetData>%s</%ssheetData></%sworksheet>" % (prefix, prefix, cells, prefix, prefix)


def test_formula_and_error_cells_are_found_where_they_are() -> None:
    xml = sheet(b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><f>1+1</f></c></row>'
                b'<row r="2"><c r="A2" s="3"><f t="shared" ref="A2:A3" si="0">B1*2</f><v>0</v></c>'
                b'<c r="B2" t="e"><v>#DIV/0!</v></c></row>'
                b'<row r="3" hidden="1"><c r="A3"><f t="shared" si="0"/><v>4</v></c></row>')
    notes = _sheet_notes(xml, recalculate=True)
    assert notes.uncalculated == {(0, 1), (1, 0)}  # no result; a 0 in a workbook to be recalculated
    assert notes.to_recalculate == {(2, 0)}
    assert notes.errors == (((1, 1), "#DIV/0!"),)
    assert notes.hidden_rows == {2}


def test_cells_with_a_namespace_prefix_are_found() -> None:
    xml = sheet(b'<x:row r="1"><x:c r="C1"><x:f>A1</x:f></x:c><x:c r="D1" t="e"><x:v>#N/A</x:v></x:c></x:row>',
                prefix=b"x:")
    notes = _sheet_notes(xml, recalculate=False)
    assert notes.uncalculated == {(0, 2)}
    assert notes.errors == (((0, 3), "#N/A"),)


def test_a_formula_with_its_result_in_a_workbook_not_to_be_recalculated_is_not_noted() -> None:
    assert _sheet_notes(sheet(b'<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>'), recalculate=False) \
        == _sheet_notes(sheet(b""), recalculate=False)


_RUN = """
import sys
from pccdesk.readers.cell_notes import _sheet_notes
notes = _sheet_notes(open(sys.argv[1], "rb").read(), True)
print(len(notes.uncalculated), len(notes.errors), len(notes.hidden_rows))
"""

HOSTILE = {
    "cells that never end": b'<c r="A1"><f>1+1</f>',
    "a cell tag that never ends": b'<c r="A1" <f>',
    "marks with no cell": b"<f>",
    "errors that never end": b'<row r="1"><c r="A1" t="e"><v>#N/A',
    "rows that never end": b'<row r="1" hidden="1" ',
    "columns that never end": b'<cols><col min="1" max="2" hidden="1" ',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_sheet_is_searched_in_linear_time(tmp_path, name: str) -> None:  # type: ignore[no-untyped-def]
    junk = HOSTILE[name]
    path = tmp_path / "sheet.xml"
    path.write_bytes(sheet(junk * (4 * 1024 * 1024 // len(junk))))  # 4 MiB: hours when each mark searched on
    done = subprocess.run([sys.executable, "-c", _RUN, str(path)], capture_output=True, text=True, timeout=120,
                          cwd=str(REPO), env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
