"""A cell of a crime table that holds a mark instead of a count: the warning says what it held and, for the marks
ONS defines, what the mark means. Cells and their texts are found here with the csv module, never from pccdesk."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pccdesk.crime.pack_section import build_crime_section

HEADINGS = ["Area", "Category", "Current", "Previous"]
MARKS = {  # mark → what the warning must say of it
    "[x]": 'the cell holds "[x]", ONS\'s mark for not available',
    "..": 'the cell holds "..", ONS\'s mark for not available',
    "[c]": 'the cell holds "[c]", ONS\'s mark for confidential: held back so that no one can be identified',
    "-": 'the cell holds "-", not a figure; the table\'s notes say what it means',
    "*": 'the cell holds "*", not a figure; the table\'s notes say what it means',
    "": "the cell is blank",
}


def _write(path: Path, mark: str) -> Path:
    rows = [["Force", "Robbery", "100", "90"], ["Force", "Shoplifting", "50", "40"],
            ["Sunderland", "Robbery", "60", "50"], ["Sunderland", "Shoplifting", mark, "40"],
            ["Gateshead", "Robbery", "40", "40"], ["Gateshead", "Shoplifting", "20", "30"]]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADINGS, *rows])
    return path


@pytest.mark.parametrize("mark", list(MARKS))
def test_the_no_count_warning_says_what_the_cell_held_and_what_an_ons_mark_means(tmp_path: Path, mark: str) -> None:
    path = _write(tmp_path / "long.csv", mark)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    r = next(i for i, row in enumerate(rows) if row[:2] == ["Sunderland", "Shoplifting"])
    cell = f"C{r + 1}"
    assert rows[r][2] == mark
    section = build_crime_section([path])
    missing = [p for p in section.problems if p.code == "crime-count-missing"]
    assert len(missing) == 1 and missing[0].severity.value == "warning"
    assert missing[0].location.cell == cell
    assert "Sunderland, Shoplifting: no count for" in missing[0].message
    assert f"({MARKS[mark]})" in missing[0].message


def _national(path: Path, ending: str, mark: str) -> Path:
    """An ONS-Table-C2-like CSV: Newcastle's non-residential burglary given as ``mark``."""
    lines = [
        f'"Table C2: Number of police recorded crimes by Community Safety Partnership area, year ending {ending}",,,,',
        "Some shorthand is used in this table.  [x] indicates data are unavailable.,,,,",
        '"Police Force\nArea name","Community Safety\nPartnership name","Total recorded crime\n (excluding fraud)",'
        "Robbery,Non-residential burglary",
        'Northumbria,,"1,000 ",10 ,30 ',
        'Northumbria,Gateshead,"400 ",4 ,10 ',
        f'Northumbria,Newcastle upon Tyne,"600 ",6 ,{mark}',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_ons_tables_marks_are_named_for_both_years(tmp_path: Path) -> None:
    """Two editions of ONS's Table C2, Newcastle's non-residential burglary "[x]" in the newer and "[c]" in the
    older: the warning names each year's mark and its meaning, at the newer edition's cell (E7: the title, the
    shorthand note, two lines of headings in one quoted row, then the Force row, Gateshead, Newcastle)."""
    newer = _national(tmp_path / "c2-2025.csv", "June 2025", "[x]")
    older = _national(tmp_path / "c2-2024.csv", "June 2024", "[c]")
    with open(newer, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    r = next(i for i, row in enumerate(rows) if row[1] == "Newcastle upon Tyne")
    assert rows[r][4] == "[x]"
    section = build_crime_section([newer, older], force="Northumbria")
    missing = [p for p in section.problems if p.code == "crime-count-missing" and "Newcastle" in p.message]
    assert len(missing) == 1
    assert ('no count for Year ending June 2025 (the cell holds "[x]", ONS\'s mark for not available) or Year '
            'ending June 2024 (the cell holds "[c]", ONS\'s mark for confidential') in missing[0].message
    assert missing[0].location.file == "c2-2025.csv" and missing[0].location.cell == f"E{r + 1}"


def test_month_cells_with_no_count_are_named_with_what_they_held(tmp_path: Path) -> None:
    """A table with a column per month (as the Metropolitan Police's borough file), Westminster's last month "[x]"
    and Camden's "-": each cell named with its text, and "[x]" explained."""
    months = []
    year, month = 2021, 4
    for _ in range(24):
        months.append(f"{year}{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    rows = [["MajorText", "MinorText", "LookUp_BoroughName", *months]]
    for borough, mark in (("Westminster", "[x]"), ("Camden", "-")):
        rows.append(["Robbery", "Robbery of Personal Property", borough, *(["3"] * 23), mark])
    path = tmp_path / "boroughs.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    last = len(rows[0]) - 1  # the last month's column, 0-based
    letter = chr(ord("A") + last // 26 - 1) + chr(ord("A") + last % 26)
    section = build_crime_section([path])
    said = [p for p in section.problems if p.code == "crime-month-cell-blank"]
    assert len(said) == 1
    assert f'{letter}2: the cell holds "[x]", ONS\'s mark for not available' in said[0].message
    assert f'{letter}3: the cell holds "-", not a figure' in said[0].message
