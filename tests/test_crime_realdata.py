"""Real public crime files (whole, or sampled in tests/data): counts checked against the files read independently."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import openpyxl
import pytest

from pccdesk.cli import main
from pccdesk.crime.categories import default_categories
from pccdesk.crime.pack_section import build_crime_section
from tests.conftest import REALDATA, WHOLE

C2 = REALDATA / "policeforceareatablesyejune25final.csv"
PFA_LONG = REALDATA / "rec-crime-pfa.csv"
MERSEYSIDE = REALDATA / "2018-12-merseyside-street.csv"
MPS = REALDATA / "MPS Borough Level Crime (most recent 24 months).csv"
PFA_TABLES = REALDATA / "pfatablesdec19.xlsx"


def _need(path: Path) -> Path:
    assert path.exists(), f"{path} is missing (tests/data/realdata/make_samples.py remakes the samples)"
    return path


def _n(text: str) -> int:
    return int(text.replace(",", "").strip())


def test_table_c2_northumbria_every_count_and_no_false_sum_alarm() -> None:
    section = build_crime_section([_need(C2)], force="Northumbria")
    assert [t.area for t in section.tables] == ["Northumbria", "Sunderland", "South Tyneside", "Gateshead",
                                               "North Tyneside", "Newcastle", "Northumberland"]
    assert section.periods == ("Year ending June 2025", "not available")
    got = {(r.area, r.category): r.current for t in section.tables for r in t.rows}
    # The same file read with the csv module: every listed category column, every Northumbria row.
    cats = default_categories()
    with open(C2, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[7]
    columns = {c: cats.category(h) for c, h in enumerate(header) if c >= 6 and cats.category(h)}
    assert len(set(columns.values())) == 11
    checked = 0
    for row in rows[8:]:
        if row[1].strip() != "Northumbria" or row[3].startswith("Unassigned"):
            continue
        area = cats.area_name(row[3], "Northumbria") if row[3] else "Northumbria"
        for c, category in columns.items():
            assert got[(area, category)] == _n(row[c]), (area, category)
            checked += 1
    assert checked == 7 * 11
    assert got[("Northumbria", "Total crime")] == 137807
    assert got[("Newcastle", "Total crime")] == 35268
    assert got[("Northumbria", "Burglary other than dwelling")] == 2261
    assert not [p for p in section.problems if p.code == "crime-sum"]  # the 12 unassigned crimes are counted
    assert not [p for p in section.problems if p.code == "crime-area-unknown"]


def test_table_c2_without_force_is_refused_listing_the_forces_and_other_forces_work() -> None:
    refused = build_crime_section([_need(C2)])
    assert refused.tables == [] and [p.code for p in refused.problems] == ["crime-force-needed"]
    with open(C2, encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in list(csv.reader(handle))[8:] if row[0].startswith(("E23", "W15"))]
    own = {row[0]: row[1] for row in rows if not row[3].strip()}  # each force's own row (CSP blank) …
    first = {row[0]: row[1] for row in reversed(rows)}  # … or, without one (City of London), its first row
    names = {(own.get(code) or first[code]).replace("[note 4]", "").strip() for code in first}
    assert len(names) == (43 if WHOLE else len(names)) > 1  # the whole file: the 43 forces of England and Wales
    assert all(name in refused.problems[0].message for name in names)
    durham = build_crime_section([C2], force="Durham")
    assert durham.force == "Durham"
    assert durham.tables[0].row("Total crime").current > 0  # type: ignore[union-attr]
    assert not [p for p in durham.problems if p.code == "crime-sum"]
    # "Devon and Cornwall " has a trailing space on some rows: still one force, its unassigned row accounted for.
    devon = build_crime_section([C2], force="Devon and Cornwall")
    assert len(devon.tables) > 5 and not [p for p in devon.problems if p.code == "crime-sum"]


def test_long_format_pfa_file_compares_the_latest_year_with_the_one_before() -> None:
    section = build_crime_section([_need(PFA_LONG)], force="Northumbria")
    assert section.periods == ("12 months ending 31 Dec 2018", "12 months ending 30 Dec 2017")
    force = section.tables[0]
    assert force.area == "Northumbria" and len(section.tables) == 1
    robbery = force.row("Robbery")
    assert robbery is not None and (robbery.current, robbery.previous) == (855, 797)
    # Domestic burglary became Residential burglary in April 2017: the year to December 2017 is split between
    # them (974 for January to March, 4,837 since), so both are added for it; the year to December 2018 is
    # Residential burglary alone (Domestic burglary 0).
    burglary = force.row("Burglary dwelling")
    assert burglary is not None and (burglary.current, burglary.previous) == (6082, 974 + 4837)
    assert any(p.code == "crime-series-changed" and "Domestic burglary (974)" in p.message for p in section.problems)
    # The file gives no Violence against the person row: it is the sum of its parts (homicide, death by
    # driving, violence with injury, without injury, stalking and harassment), and Total crime is unchanged.
    violence = force.row("Violence against the person")
    assert violence is not None and violence.current == 11 + 37 + 13352 + 19982 + 14522
    assert any(p.code == "crime-category-from-parts" for p in section.problems)
    total = force.row("Total crime")
    assert total is not None and total.current == 160292


def test_street_level_extract_does_not_count_anti_social_behaviour() -> None:
    section = build_crime_section([_need(MERSEYSIDE)])
    assert section.force == "Merseyside Police"
    with open(MERSEYSIDE, encoding="utf-8", newline="") as handle:
        records = [r for r in csv.DictReader(handle)]
    crimes = [r for r in records if r["Crime ID"].strip()]
    asb = len(records) - len(crimes)
    assert asb == (2020 if WHOLE else sum(r["Crime type"] == "Anti-social behaviour" for r in records)) > 0
    force = section.tables[0]
    total = force.row("Total crime")
    assert total is not None and total.current == len(crimes) == (10616 if WHOLE else len(crimes))
    assert total.previous is None  # one month of data: no previous period
    shoplifting = force.row("Shoplifting")
    assert shoplifting is not None
    assert shoplifting.current == (547 if WHOLE else sum(r["Crime type"] == "Shoplifting" for r in crimes)) > 0
    areas = Counter(r["LSOA name"].rsplit(" ", 1)[0] for r in crimes if r["LSOA name"])
    liverpool = next(t for t in section.tables if t.area == "Liverpool")
    assert liverpool.row("Total crime").current == areas["Liverpool"]  # type: ignore[union-attr]
    assert not [p for p in section.problems if p.code == "crime-sum"]
    assert any(p.code == "crime-asb-not-counted" and p.message.startswith(f"{asb:,} ")
               for p in section.problems)


def test_mps_monthly_columns_compare_the_last_twelve_months() -> None:
    section = build_crime_section([_need(MPS)], force="Metropolitan Police")
    assert section.periods == ("Mar 2022 to Feb 2023", "Mar 2021 to Feb 2022")
    with open(MPS, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    months = rows[0][3:]
    current_cols = [3 + i for i, m in enumerate(months) if m >= "202203"]
    by_borough: dict[str, int] = defaultdict(int)
    robbery = 0
    for row in rows[1:]:
        value = sum(int(row[c] or 0) for c in current_cols)
        by_borough[row[2]] += value
        if row[0].strip().lower() == "robbery":
            robbery += value
    force = section.tables[0]
    assert force.row("Total crime").current == sum(by_borough.values())  # type: ignore[union-attr]
    assert force.row("Robbery").current == robbery  # type: ignore[union-attr]
    westminster = next(t for t in section.tables if t.area == "Westminster")
    assert westminster.row("Total crime").current == by_borough["Westminster"]  # type: ignore[union-attr]
    assert len(section.tables) == 1 + len(by_borough)
    assert not [p for p in section.problems if p.code == "crime-sum"]


def test_ons_pfa_workbook_gives_the_force_row(tmp_path: Path) -> None:
    section = build_crime_section([_need(PFA_TABLES)], force="Northumbria")
    force = section.tables[0]
    assert force.area == "Northumbria" and section.periods[0] == "Year ending December 2019"
    assert force.row("Total crime").current == 148221  # type: ignore[union-attr]
    assert force.row("Violence against the person").current == 46901  # type: ignore[union-attr]
    out = tmp_path / "crime.xlsx"
    assert main(["crime", "--out", str(out), "--force", "Northumbria", str(PFA_TABLES)]) in (0, 1)
    assert "Crime Northumbria (force)" in openpyxl.load_workbook(out).sheetnames


@pytest.mark.parametrize("name", [C2.name, PFA_LONG.name, MERSEYSIDE.name, MPS.name, PFA_TABLES.name])
def test_every_crime_file_goes_through_the_command(tmp_path: Path, name: str) -> None:
    path = _need(REALDATA / name)
    out = tmp_path / "crime.xlsx"
    force = {MPS.name: "Metropolitan Police", MERSEYSIDE.name: None}.get(name, "Northumbria")
    args = ["crime", "--out", str(out)] + (["--force", force] if force else []) + [str(path)]
    assert main(args) in (0, 1)
    data = openpyxl.load_workbook(out)["Data"]
    assert set(data.tables) == {"Crime", "DataQuality"}
