"""``--force all`` and the forces a refusal offers: police forces only, each read from one pass over the file.

The Home Office's ``rec-crime-pfa.csv`` lists the national fraud reporting bodies (Action Fraud, CIFAS, UK
Finance; Region "Fraud: …") in its "PFA" column. They are not police forces. British Transport Police is a
force but not a territorial police force area. Each test runs on the trimmed sample in tests/data/crime and on
the whole file in ../shared/realdata when it is there; every expected figure is counted here with the csv module.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest

from pccdesk.cli import main
from pccdesk.crime.crime_model import CrimeRow, CrimeTable
from pccdesk.crime.crime_sheets import sheet_titles
from pccdesk.crime.pack_section import build_crime_section
from pccdesk.crime.summary_tables import split_long
from pccdesk.readers import read_workbook
from tests.conftest import WHOLE, WHOLE_REALDATA

SAMPLES = Path(__file__).resolve().parent / "data" / "crime"
BODIES = {"Action Fraud", "CIFAS", "UK Finance"}
BTP = "British Transport Police"
LATEST, PREVIOUS = "31-12-2018", "30-12-2017"


def _pfa(which: str) -> Path:
    if which == "sample":
        return SAMPLES / "rec-crime-pfa-sample.csv"
    if not WHOLE:
        pytest.skip("../shared/realdata is not beside the clone")
    return WHOLE_REALDATA / "rec-crime-pfa.csv"


BOTH = pytest.mark.parametrize("which", ["sample", "real"])


def _records(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _forces_by_hand(records: list[dict[str, str]]) -> list[str]:
    """The "PFA" values whose Region is not "Fraud: …", in file order."""
    seen: dict[str, None] = {}
    for r in records:
        if not r["Region"].startswith("Fraud"):
            seen.setdefault(r["PFA"], None)
    return list(seen)


def _data_table(path: Path) -> dict[tuple[str, str], tuple[float, float]]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book["Data"].iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r and r[:4] == ("Area", "Category", "Current", "Previous"))
    found: dict[tuple[str, str], tuple[float, float]] = {}
    for r in rows[header + 1:]:
        if not r or r[0] is None:  # the end of the Crime table (the DataQuality table follows)
            break
        found[(r[0], r[1])] = (r[2], r[3])
    return found


@BOTH
def test_force_all_counts_every_police_force_and_no_reporting_body(which: str, tmp_path: Path) -> None:
    path = _pfa(which)
    records = _records(path)
    forces = _forces_by_hand(records)
    assert BTP in forces and not BODIES & set(forces)
    total: dict[str, float] = defaultdict(float)
    robbery: dict[tuple[str, str], float] = defaultdict(float)
    for r in records:
        count = float(r["Rolling year total number of offences"])
        if r["12 months ending"] == LATEST:
            total[r["PFA"]] += count
        if r["Offence"] == "Robbery":
            robbery[(r["PFA"], r["12 months ending"])] += count
    out = tmp_path / "crime.xlsx"
    assert main(["crime", "--out", str(out), "--force", "all", str(path)]) in (0, 1)
    data = _data_table(out)
    assert {area for area, _ in data} == set(forces)
    for force in forces:
        assert data[(force, "Total crime")][0] == total[force], force
        assert data[(force, "Robbery")] == (robbery[(force, LATEST)], robbery[(force, PREVIOUS)]), force


@BOTH
def test_force_all_names_the_bodies_left_out_and_labels_british_transport_police(which: str, tmp_path: Path
                                                                                  ) -> None:
    section = build_crime_section([_pfa(which)], force="all")
    assert section.forces == _forces_by_hand(_records(_pfa(which)))
    left_out = [p for p in section.problems if p.code == "crime-not-a-force"]
    assert len(left_out) == 1 and all(body in left_out[0].message for body in BODIES)
    assert left_out[0].location.file == _pfa(which).name
    btp = [p for p in section.problems if p.code == "crime-force-not-territorial"]
    assert len(btp) == 1 and btp[0].message.startswith("British Transport Police is a police force but not a "
                                                       "territorial police force area")
    out = tmp_path / "crime.xlsx"
    assert main(["crime", "--out", str(out), "--force", "all", str(_pfa(which))]) in (0, 1)
    book = openpyxl.load_workbook(out, read_only=True)
    titles = {book[name]["A1"].value for name in book.sheetnames}
    assert "Recorded crime: British Transport Police (not a territorial police force area)" in titles


@BOTH
def test_without_force_the_refusal_offers_police_forces_only(which: str, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = _pfa(which)
    forces = _forces_by_hand(_records(path))
    assert main(["crime", "--out", str(tmp_path / "crime.xlsx"), str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    offered, left_out = err.split(". Left out: ")
    assert f"the table holds {len(forces)} forces" in offered
    assert all(force in offered for force in forces)
    assert f"{BTP} (not a territorial police force area)" in offered
    assert not any(body in offered for body in BODIES)
    assert all(body in left_out for body in BODIES) and "not police forces" in left_out


@BOTH
@pytest.mark.parametrize("body", sorted(BODIES))
def test_a_reporting_body_cannot_be_chosen_as_a_force(which: str, body: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "crime.xlsx"
    assert main(["crime", "--out", str(out), "--force", body.lower(), str(_pfa(which))]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert f"{body} reports fraud for the whole country and is not a police force" in err
    assert not out.exists()


@BOTH
def test_british_transport_police_alone_is_counted_and_labelled(which: str) -> None:
    records = [r for r in _records(_pfa(which)) if r["PFA"] == BTP]
    by_hand = sum(float(r["Rolling year total number of offences"]) for r in records
                  if r["12 months ending"] == LATEST)
    section = build_crime_section([_pfa(which)], force="British Transport Police")
    force = next(t for t in section.tables if t.is_force)
    assert force.area == BTP
    assert next(r.current for r in force.rows if r.category == "Total crime") == by_hand
    assert [p.code for p in section.problems].count("crime-force-not-territorial") == 1


def test_the_long_table_is_split_by_force_in_one_pass_with_each_cell_where_it_was() -> None:
    path = _pfa("sample")
    records = _records(path)
    book = read_workbook(path)
    split = split_long(book)
    assert split is not None
    from pccdesk.crime.force_identity import force_key

    assert set(split) == {force_key(f) for f in _forces_by_hand(records)}
    for force in _forces_by_hand(records):
        rows = split[force_key(force)].sheets[0].rows
        kept = [(r, row) for r, row in enumerate(rows[1:], start=1) if row]
        # row r of the sheet is record r of the csv (after the header): the cells keep their addresses
        assert [r for r, _ in kept] == [i + 1 for i, rec in enumerate(records) if rec["PFA"] == force]
        assert all(row[1] == force for _, row in kept)


def test_with_several_forces_every_sheet_name_is_unique_and_says_whose_it_is(tmp_path: Path) -> None:
    durham = SAMPLES / "2018-12-durham-street-sample.csv"
    merseyside = SAMPLES / "2018-12-merseyside-street-sample.csv"
    out = tmp_path / "crime.xlsx"
    assert main(["crime", "--out", str(out), "--force", "all", str(durham), str(merseyside)]) in (0, 1)
    names = openpyxl.load_workbook(out, read_only=True).sheetnames
    crime = [n for n in names if n not in ("Cover", "Data")]
    assert len({n.casefold() for n in crime}) == len(crime)
    assert all(len(n) <= 31 for n in crime)
    assert all(("Durham" in n) != ("Merseyside" in n) for n in crime), crime
    # both samples keep records outside their force's districts (make_samples.py): one such sheet each
    assert "Crime Durham - Outside area" in crime and "Crime Merseyside - Outside area" in crime


def _table(area: str, is_force: bool) -> CrimeTable:
    return CrimeTable(area, is_force, [CrimeRow(area, "Total crime", 1, 1, "a", "b")])


def test_long_force_and_area_names_are_cut_to_names_that_stay_apart() -> None:
    tables = [_table("Devon and Cornwall Police", True), _table("Outside the force area: Devon and Cornwall Police",
                                                               False),
              _table("No location: Devon and Cornwall Police", False), _table("Plymouth", False),
              _table("Greater Manchester Police", True), _table("Outside the force area: Greater Manchester Police",
                                                                False),
              _table("Newcastle upon Tyne and North Tyneside", False), _table("British Transport Police", True)]
    titles = sheet_titles(tables)
    # "Crime " fits no force sheet here, so no sheet has it; " - " goes where 31 characters are too few; the
    # force's initials only when even its short name leaves no room (the writer then cuts at a word)
    assert titles == ["Devon and Cornwall (force)", "Devon and Cornwall Outside area",
                      "Devon and Cornwall No location", "Devon and Cornwall - Plymouth",
                      "Greater Manchester (force)", "Greater Manchester Outside area",
                      "GM - Newcastle upon Tyne and North Tyneside", "British Transport (force)"]
    from pccdesk.writers.pack_workbook import excel_safe_sheet_name

    taken: set[str] = set()
    written = [excel_safe_sheet_name(t, taken) for t in titles]
    assert written[6] == "GM - Newcastle upon Tyne and"
    assert len(set(written)) == len(written) and all(len(w) <= 31 for w in written)
