"""The crime section inside the panel pack: the same function as ``pccdesk crime``, through ``pccdesk pack``."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from pccdesk.cli import main
from pccdesk.crime.pack_section import build_crime_section
from pccdesk.examples.crime import write_example_crime
from pccdesk.pack_sections import PackSection


def test_section_follows_the_pack_section_protocol(tmp_path: Path) -> None:
    steps: list[tuple[str, float]] = []
    section = build_crime_section([write_example_crime(tmp_path / "crime.xlsx")],
                                  progress=lambda text, fraction: steps.append((text, fraction)))
    as_protocol: PackSection = section
    assert as_protocol.title == "Recorded crime"
    assert steps[0][0].startswith("Reading") and steps[-1][1] == 1.0
    assert len(section.tables) == 7 and section.problems


def test_unusable_input_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    text = tmp_path / "notes.csv"
    text.write_text("Minutes of the meeting\nNothing about crime here\n", encoding="utf-8")
    section = build_crime_section([text, tmp_path / "missing.xlsx"])
    assert section.tables == []
    assert sorted(p.code for p in section.problems) == ["crime-table-missing", "file-missing"]
    assert next(p for p in section.problems if p.code == "crime-table-missing").location.file == "notes.csv"


def test_pack_with_crime_input_has_the_crime_sheets_and_table(tmp_path: Path, example_plan_path: Path,
                                                                example_return_path: Path) -> None:
    crime = write_example_crime(tmp_path / "crime-q1.xlsx")
    out = tmp_path / "pack.xlsx"
    code = main(["pack", "--definitions", str(example_plan_path), "--out", str(out), "--crime", str(crime),
                 str(example_return_path)])
    assert code in (0, 1)
    book = openpyxl.load_workbook(out)
    assert "Crime Northumbria (force)" in book.sheetnames and "Crime Northumberland" in book.sheetnames
    data = book["Data"]
    assert "Crime" in data.tables
    rows = list(data[data.tables["Crime"].ref])
    northumberland_theft = next(r for r in rows if r[0].value == "Northumberland"
                                and r[1].value == "Theft from the person")
    assert [c.value for c in northumberland_theft[2:5]] == [30, 10, 20]
    quality = list(data[data.tables["DataQuality"].ref])
    assert any("+205%" in str(r[3].value) for r in quality)
