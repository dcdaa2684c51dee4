"""Every real public spreadsheet (whole, or sampled in tests/data) reads without a crash, with values from each.

None of them is an indicator return, so the importer must say so as a problem (with the file named), not fail.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from pccdesk.indicators.returns import read_return
from pccdesk.readers import WorkbookData, read_workbook
from pccdesk.values import parse_value
from tests.conftest import REALDATA, WHOLE

FILES = sorted(str(p.relative_to(REALDATA)) for p in REALDATA.rglob("*")
               if p.is_file() and p.suffix not in {".md", ".py"}) if REALDATA.exists() else []

_cache: dict[str, WorkbookData] = {}


def book(name: str) -> WorkbookData:
    path = REALDATA / name
    if name not in _cache:
        _cache[name] = read_workbook(path)
    return _cache[name]


def cell(name: str, sheet: str, ref: str) -> object:
    from pccdesk.readers.cells import parse_cell

    found = book(name).sheet(sheet)
    assert found is not None, sheet
    return found.value(*parse_cell(ref))


def csv_rows(name: str) -> list[list[str]]:
    """The file read with the csv module, to count against when the file is a sample."""
    with open(REALDATA / name, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_every_file_sources_md_lists_is_here() -> None:
    listed = (REALDATA / ("SOURCES.md" if WHOLE else "README.md")).read_text(encoding="utf-8")
    for name in FILES:
        assert Path(name).name in listed, name
    assert len(FILES) >= 16


@pytest.mark.parametrize("name", FILES)
def test_import_does_not_crash(name: str, example_plan) -> None:  # type: ignore[no-untyped-def]
    reading = read_return(REALDATA / name, example_plan)
    assert reading.rows == []
    assert [p.code for p in reading.problems] == ["no-indicator-tables"]
    assert reading.problems[0].location.file == Path(name).name


def test_pfa_tables_dec19() -> None:
    name = "pfatablesdec19.xlsx"
    assert [s.name for s in book(name).sheets] == ["Notes", "Table P1", "Table P2", "Table P3", "Table P4  ",
                                                  "Table P5 ", "Table P6"]
    assert book(name).sheet("table p4") is not None  # trailing spaces forgiven in look-ups
    assert cell(name, "Table P1", "B7") == "ENGLAND AND WALES7,8"
    assert cell(name, "Table P1", "C7") == 5013284  # Total recorded crime (excluding fraud), England and Wales
    assert cell(name, "Table P1", "E7") == 1658478
    assert cell(name, "Table P1", "E5") == "Violence against the person4"
    assert len(book(name).sheet("Table P1").merged) == 12  # type: ignore[union-attr]
    assert cell(name, "Table P2", "C7") == pytest.approx(3.873325233344328)


def test_pfa_csp_csv() -> None:
    name = "policeforceareatablesyejune25final.csv"
    assert cell(name, "policeforceareatablesyejune25final", "A8") == "Police Force\nArea code"
    assert cell(name, "policeforceareatablesyejune25final", "G9") == "170,002 "
    assert parse_value(cell(name, "policeforceareatablesyejune25final", "G9")).value == 170002
    assert cell(name, "policeforceareatablesyejune25final", "D10") == "Bath and North East Somerset"
    assert book(name).sheets[0].height == (407 if WHOLE else len(csv_rows(name)))


def test_police_workforce_ods() -> None:
    name = "police-workforce-sep19-tables.ods"
    assert len(book(name).sheets) == 14
    assert cell(name, "Table_1", "B6") == dt.datetime(2018, 9, 30)
    assert cell(name, "Table_1", "A8") == "Cleveland"
    assert cell(name, "Table_1", "D8") == pytest.approx(1225.8943)
    assert cell(name, "Table_1", "A7") == "North East "
    sheet = book(name).sheet("Table_1")
    assert sheet is not None and (3, 1, 4, 3) in sheet.merged  # "As at:" spans B4:D5 (read from content.xml)
    assert sheet.percent_cells == frozenset()  # its % columns are plain numbers, and are not taken as percents


def test_rec_crime_pfa_csv() -> None:
    name = "rec-crime-pfa.csv"
    rows = book(name).sheets[0].rows
    assert rows[0] == ["12 months ending", "PFA", "Region", "Offence", "Rolling year total number of offences"]
    assert rows[1] == ["31-03-2003", "Avon and Somerset", "South West", "All other theft offences", "25959"]
    assert len(rows) == (46470 if WHOLE else len(csv_rows(name)))


def test_merseyside_street_csv() -> None:
    name = "2018-12-merseyside-street.csv"
    rows = book(name).sheets[0].rows
    plain = csv_rows(name)
    asb, violence = (2020, 3980) if WHOLE else (sum(r[9] == "Anti-social behaviour" for r in plain),
                                                sum(r[9] == "Violence and sexual offences" for r in plain))
    assert len(rows) == (12637 if WHOLE else len(plain))
    assert rows[0][9] == "Crime type"
    types = [r[9] for r in rows[1:]]
    assert types.count("Anti-social behaviour") == asb > 0
    assert types.count("Violence and sexual offences") == violence > 0
    assert sum(1 for r in rows[1:] if r[9] == "Anti-social behaviour" and r[0] is None) == asb


def test_mps_borough_csv() -> None:
    name = "MPS Borough Level Crime (most recent 24 months).csv"
    rows = book(name).sheets[0].rows
    assert rows[0][:5] == ["MajorText", "MinorText", "LookUp_BoroughName", "202103", "202104"]
    assert rows[1][:5] == ["Arson and Criminal Damage", "Arson", "Barking and Dagenham", "4", "6"]
    assert len(rows) == (1560 if WHOLE else len(csv_rows(name))) and len(rows[0]) == 27


def test_rec_crime_1898_xls() -> None:
    name = "rec-crime-1898-2002.xls"
    assert book(name).kind == "xls"
    assert [s.name for s in book(name).sheets] == ["RCS 1898 to 2001-02"]
    assert cell(name, "RCS 1898 to 2001-02", "B1") == "RECORDED CRIME STATISTICS FOR ENGLAND AND WALES 1898 - 2001/02"
    assert cell(name, "RCS 1898 to 2001-02", "B8") in ("1898", 1898)
    assert cell(name, "RCS 1898 to 2001-02", "C8") == 328
    assert cell(name, "RCS 1898 to 2001-02", "D8") == 77


def test_nhs_ae_xlsx() -> None:
    name = "Monthly-AE-Time-Series-September-2023.xlsx"
    sheets = {s.name: s for s in book(name).sheets}
    assert {n for n, s in sheets.items() if s.hidden} == {"Chart Data", "Charts"}
    assert cell(name, "Performance", "K14") == "Percentage in 4 hours or less (all)"
    assert cell(name, "Performance", "K15") == pytest.approx(0.9718742234272824)
    performance = sheets["Performance"]
    assert performance.is_percent(14, 10)  # K15 is percent-formatted: 97.2%, not 0.97
    assert parse_value(performance.value(14, 10), percent_format=True).value == pytest.approx(97.18742234)
    assert cell(name, "Performance", "B15") == dt.date(2010, 11, 1)
