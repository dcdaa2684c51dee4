"""Records whose date cannot be read: the warning names the first few cells and what they held.

The cells are found here with the csv module and openpyxl from the rows the test writes, never from pccdesk's
output.
"""

from __future__ import annotations

import csv
from pathlib import Path
from unittest import mock

import openpyxl
import xlsxwriter

from pccdesk.crime import extract_reading
from pccdesk.crime.extract_reading import open_extract_here

HEADINGS = ["Crime ID", "Month", "Reported by", "Falls within", "LSOA name", "Crime type"]
DURHAM = "Durham Constabulary"
UNREADABLE = {7: "2018-13", 11: "", 12: "2018-00", 15: "2019-99"}  # record index → date cell


def _records() -> list[list[str]]:
    rows = []
    for i in range(20):
        month = UNREADABLE.get(i, "2018-12")
        rows.append([f"c{i}", month, DURHAM, DURHAM, "County Durham 001A", "Robbery"])
    rows.insert(3, ["", "", DURHAM, DURHAM, "County Durham 001A", "Anti-social behaviour"])  # not a crime
    return rows


def _first_unreadable_in_csv(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    date = rows[0].index("Month")
    letter = "ABCDEF"[date]
    return [f'{letter}{n}' for n, row in enumerate(rows, start=1) if n > 1 and row[5] != "Anti-social behaviour"
            and not (len(row[date]) == 7 and row[date][4] == "-" and 1 <= int(row[date][5:]) <= 12)][:3]


def _date_problem(path: Path) -> tuple[str, str]:
    loaded = open_extract_here(path)
    assert loaded is not None
    found = [p for p in loaded.problems if p.code == "crime-record-date"]
    assert len(found) == 1 and found[0].severity.value == "warning"
    return found[0].message, found[0].location.cell


def test_a_csvs_unreadable_dates_are_named_by_cell_with_what_they_held(tmp_path: Path) -> None:
    path = tmp_path / "2018-12-durham-street.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADINGS, *_records()])
    cells = _first_unreadable_in_csv(path)
    assert cells == ["B10", "B14", "B15"]  # records 7, 11, 12: one row of headings, one anti-social row above
    message, cell = _date_problem(path)
    assert message.startswith(f"{len(UNREADABLE)} records have no readable date")
    assert f'{cells[0]} held "2018-13", {cells[1]} blank, {cells[2]} held "2018-00" …' in message
    assert cell == cells[0]


def _xlsx(path: Path, top: int, left: int) -> Path:
    """The records saved as a workbook, the headings at row ``top`` + 1, column ``left`` (0-based)."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Street")
    for r, row in enumerate([HEADINGS, *_records()]):
        for c, value in enumerate(row):
            if value:
                sheet.write_string(top + r, left + c, value)
    book.close()
    return path


def _first_unreadable_in_xlsx(path: Path) -> list[tuple[str, object]]:
    sheet = openpyxl.load_workbook(path).active
    month = next(c for row in sheet.iter_rows() for c in row if c.value == "Month")
    found = []
    for row in range(month.row + 1, sheet.max_row + 1):
        value = sheet.cell(row, month.column).value
        if sheet.cell(row, month.column + 4).value != "Anti-social behaviour" and value != "2018-12":
            found.append((f"{month.column_letter}{row}", value))
    return found[:3]


def test_a_workbooks_unreadable_dates_are_named_by_sheet_and_cell_on_both_reading_paths(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "street.xlsx", top=2, left=1)
    expected = _first_unreadable_in_xlsx(path)
    assert expected == [("C12", "2018-13"), ("C16", None), ("C17", "2018-00")]
    message, cell = _date_problem(path)  # read from the sheet's XML
    assert 'C12 held "2018-13", C16 blank, C17 held "2018-00"' in message and cell == "C12"
    with mock.patch.object(extract_reading, "_sheet_xml", lambda path, checked: None):
        message, cell = _date_problem(path)  # read by python-calamine, whose rows start at the used range
    assert 'C12 held "2018-13", C16 blank, C17 held "2018-00"' in message and cell == "C12"


def test_a_word_among_the_months_leaves_only_its_own_record_unread(tmp_path: Path) -> None:
    """"soon" typed in one Month cell among "2018-12"s once made the column's shape unknown, so no date in the
    file could be read and the run stopped; now that record alone is unread, named at its cell."""
    rows = [[f"c{i}", "soon" if i == 4 else "2018-12", DURHAM, DURHAM, "County Durham 001A", "Robbery"]
            for i in range(30)]
    path = tmp_path / "2018-12-durham-street.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADINGS, *rows])
    loaded = open_extract_here(path)
    assert loaded is not None
    assert sum(loaded.counts.values()) == len(rows) - 1  # by hand: every record but the one dated "soon"
    message, cell = _date_problem(path)
    assert message.split(" ")[0] == "1"
    assert cell == "B6" and '"soon"' in message  # row 1 headings, record 4 on row 6


def test_a_column_of_two_date_shapes_is_still_read_text_by_text() -> None:
    from pccdesk.crime.extract_dates import date_format

    assert date_format(["2018-12"] * 5 + ["soon"]) == "month"
    assert date_format(["2018-12-03"] * 5 + ["n/a"]) == "iso"
    assert date_format(["13/04/2018", "soon", "01/02/2018"]) == "dmy"
    assert date_format(["04/13/2018", "TBC", "01/02/2018"]) == "mdy"
    assert date_format(["2018-12", "12/04/2018", "2018-11"]) == "mixed"  # two shapes: each text read as it is
    assert date_format(["soon", "later", "2018-12"]) == "mixed"  # mostly no shape at all
