"""Records reported by another force than the one they fall within (British Transport Police's street files).

data.police.uk's BTP records say "Reported by: British Transport Police", "Falls within: <the geographic force>".
Added to the force's own extract they are counted with its records, but they are not its recorded crime, so a
warning names the file, how many, the reporting force and what to do. Expected figures are counted here with the
csv module from the rows the test writes, never taken from pccdesk's output.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import xlsxwriter

from pccdesk.crime.pack_section import CrimeSection, build_crime_section
from tests.test_sheet_tally import read_both_ways

HEADINGS = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
            "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context"]
MERSEY = "Merseyside Police"
BTP = "British Transport Police"


def _rows() -> list[list[str]]:
    """Dec 2017 and Dec 2018: Merseyside's own records, and BTP's records falling within Merseyside (BTP
    publishes no Crime ID), one of them anti-social behaviour (not a crime, so not counted either way)."""
    rows = []
    for month, own, btp in (("2017-12", 5, 2), ("2018-12", 7, 3)):
        for i in range(own):
            rows.append([f"m{month}{i}", month, MERSEY, MERSEY, "-3.0", "53.4", "On or near X", "E01006512",
                         "Liverpool 001A", "Robbery" if i % 2 else "Burglary", "Under investigation", ""])
        for _ in range(btp):
            rows.append(["", month, BTP, MERSEY, "-2.9", "53.4", "On or near Lime Street", "E01006512",
                         "Liverpool 001A", "Theft from the person", "Under investigation", ""])
    rows.append(["", "2018-12", BTP, MERSEY, "-2.9", "53.4", "On or near Lime Street", "E01006512",
                 "Liverpool 001A", "Anti-social behaviour", "", ""])
    return rows


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADINGS)
        writer.writerows(rows)
    return path


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("2018-12-merseyside-street")
    for r, row in enumerate([HEADINGS, *rows]):
        for c, value in enumerate(row):
            if value:
                sheet.write_string(r, c, value)
    book.close()
    return path


def _expected(path: Path) -> tuple[int, int]:
    """By hand: (all crimes falling within Merseyside in Dec 2018, those reported by BTP), read with csv."""
    with open(path, encoding="utf-8", newline="") as handle:
        records = [r for r in csv.DictReader(handle) if r["Crime type"] != "Anti-social behaviour"
                   and r["Falls within"] == MERSEY and r["Month"] == "2018-12"]
    by_reporter = Counter(r["Reported by"] for r in records)
    return len(records), by_reporter[BTP]


def _total(section: CrimeSection) -> tuple[float | None, float | None]:
    table = next(t for t in section.tables if t.is_force)
    return next((r.current, r.previous) for r in table.rows if r.category == "Total crime")


def test_records_reported_by_btp_are_counted_with_a_warning_naming_file_count_and_force(tmp_path: Path) -> None:
    path = _csv(tmp_path / "2018-12-merseyside-street.csv", _rows())
    total, by_btp = _expected(path)
    assert (total, by_btp) == (10, 3)
    section = build_crime_section([path], period="quarter")
    assert _total(section)[0] == total  # still counted: they are the crimes of the file given
    said = [p for p in section.problems if p.code == "crime-reported-by-other-force"]
    assert len(said) == 1 and said[0].severity.value == "warning"
    message = said[0].message
    assert said[0].location.file == "2018-12-merseyside-street.csv"  # named before the message, as every file
    assert f"{BTP} (5)" in message  # 2 in Dec 2017 + 3 in Dec 2018, none of them anti-social behaviour
    assert f"{by_btp} in 1 Dec 2018 to 31 Dec 2018" in message and "2 in 1 Dec 2017 to 31 Dec 2017" in message
    assert "leave that force's file out" in message


def test_the_same_records_saved_as_xlsx_give_the_same_warning_read_from_the_xml_as_by_calamine(
        tmp_path: Path) -> None:
    rows = _rows()
    xlsx = _xlsx(tmp_path / "2018-12-merseyside-street.xlsx", rows)
    loaded, reference = read_both_ways(xlsx)
    assert loaded.reported == reference.reported
    assert sum(loaded.reported.values()) == 5
    section = build_crime_section([xlsx], period="quarter")
    said = [p for p in section.problems if p.code == "crime-reported-by-other-force"]
    assert len(said) == 1 and f"{BTP} (5)" in said[0].message and "3 in 1 Dec 2018" in said[0].message
    assert _total(section)[0] == _expected(_csv(tmp_path / "same.csv", rows))[0]


def test_the_csv_modules_path_counts_them_as_the_fast_lane_does(tmp_path: Path) -> None:
    """A quoted field sends the file to the csv module: the same records, the same warning."""
    rows = _rows()
    rows[0][6] = 'On or near "Quoted" Street'
    section = build_crime_section([_csv(tmp_path / "quoted.csv", rows)], period="quarter")
    said = [p for p in section.problems if p.code == "crime-reported-by-other-force"]
    assert len(said) == 1 and f"{BTP} (5)" in said[0].message


def test_no_warning_when_every_record_is_reported_by_the_force_it_falls_within(tmp_path: Path) -> None:
    """The force's own records only, and a reporter spelled another way ("Merseyside" for "Merseyside Police")."""
    rows = [r for r in _rows() if r[2] == MERSEY]
    rows[0][2] = "Merseyside"
    section = build_crime_section([_csv(tmp_path / "own.csv", rows)], period="quarter")
    assert not [p for p in section.problems if p.code == "crime-reported-by-other-force"]
