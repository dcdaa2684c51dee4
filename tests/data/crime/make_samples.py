"""How the trimmed samples in this folder were made from the whole files in ../shared/realdata.

Run from the repository root with the shared folder beside it: ``python tests/data/crime/make_samples.py``.
Every sample keeps the source's own rows and cells unchanged (only rows are left out), so a test's expected
figures, counted from the sample with the csv module or openpyxl, are figures a person can check by hand.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import python_calamine

HERE = Path(__file__).resolve().parent
REALDATA = HERE.parents[3] / "shared" / "realdata"
#: The C2 forces kept: the example force, a force sharing its name with a region, the two Welsh forces whose
#: "Unassigned" row carries the wrong code, a force with no row of its own, a force with a partnership of its
#: own name, and two English forces whose rows also disagree.
C2_FORCES = ("Northumbria", "West Midlands", "Gwent", "South Wales", "City of London", "Dorset", "Kent", "Surrey",
             "Durham")


def _street(source: Path, target: Path, every: int) -> None:
    """Every ``every``-th record, and every record with no location or outside the force's usual districts."""
    with open(source, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    lsoa = header.index("LSOA name")
    usual = {"County Durham", "Darlington", "Liverpool", "Wirral", "Sefton", "St. Helens", "Knowsley"}
    kept = [r for i, r in enumerate(body) if i % every == 0 or not r[lsoa] or r[lsoa].rsplit(" ", 1)[0] not in usual]
    with open(target, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *kept])


def _c2(source: Path, target: Path) -> None:
    with open(source, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    kept = rows[:8] + [r for r in rows[8:] if r[1].replace("[note 4]", "").strip() in C2_FORCES
                       or r[3].replace("Unassigned", "").strip() in C2_FORCES]
    with open(target, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(kept)


def _p1(source: Path, target: Path) -> None:
    """Sheet "Table P1" only, values as they are (the title, headings, every area row and the notes)."""
    book = python_calamine.CalamineWorkbook.from_path(str(source))
    rows = book.get_sheet_by_name("Table P1").to_python()
    out = openpyxl.Workbook()
    sheet = out.active
    sheet.title = "Table P1"
    for row in rows:
        sheet.append([None if v == "" else v for v in row])
    out.save(target)


#: The Home Office long table's "PFA" values kept: the example force, two long names (sheet names), British
#: Transport Police (a force, not a territorial one) and the three fraud reporting bodies (not forces at all).
PFA_KEPT = ("Northumbria", "Durham", "Devon and Cornwall", "Greater Manchester", "British Transport Police",
            "Action Fraud", "CIFAS", "UK Finance")
#: Its two latest periods (the comparison --force makes), and every period of the fraud bodies.
PFA_PERIODS = ("30-12-2017", "31-12-2018")


def _rec_crime_pfa(source: Path, target: Path) -> None:
    with open(source, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    kept = rows[:1] + [r for r in rows[1:] if r[1] in PFA_KEPT and (r[0] in PFA_PERIODS or r[2].startswith("Fraud"))]
    with open(target, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(kept)


if __name__ == "__main__":
    _street(REALDATA / "2018-12-merseyside-street.csv", HERE / "2018-12-merseyside-street-sample.csv", 25)
    for month in ("2018-10", "2018-11", "2018-12", "2019-01", "2019-02"):
        _street(REALDATA / "durham-street" / f"{month}-durham-street.csv",
                HERE / f"{month}-durham-street-sample.csv", 25)
    _c2(REALDATA / "policeforceareatablesyejune25final.csv", HERE / "table-c2-ye-june25-sample.csv")
    _p1(REALDATA / "pfatablesdec19.xlsx", HERE / "table-p1-ye-dec19.xlsx")
    _p1(REALDATA / "policeforceareatablesyearendingmarch2018v2.xlsx", HERE / "table-p1-ye-mar18.xlsx")
    _rec_crime_pfa(REALDATA / "rec-crime-pfa.csv", HERE / "rec-crime-pfa-sample.csv")
