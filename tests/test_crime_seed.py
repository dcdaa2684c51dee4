"""The seed's seven crime blocks, built into a workbook, through import, checks and the written pack."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_crime_fixtures import build_seed_workbook, seed_counts

from pccdesk.cli import main
from pccdesk.crime.pack_section import build_crime_section

AREA_NAMES = {"Force Wide": "Northumbria"}
CATEGORY_NAMES = {"Burglary OTD": "Burglary other than dwelling"}
#: The seed rows whose stated % cannot come from their counts under the documented rule (see crime_checks).
FLAGGED_PERCENT = {
    ("Sunderland", "Theft from the person"), ("South Tyneside", "Theft from the person"),
    ("Gateshead", "Robbery"), ("North Tyneside", "Robbery"), ("North Tyneside", "Sexual offences"),
    ("North Tyneside", "Theft from the person"), ("Northumberland", "Robbery"),
    ("Northumberland", "Theft from the person"),
}
#: Categories whose six areas do not add up to the force's previous-year count in the seed (all by 1).
SUM_OFF_BY_ONE = {"Total crime": "more", "Violence against the person": "more", "Robbery": "more",
                  "Vehicle crime": "fewer", "Burglary dwelling": "more", "Shoplifting": "fewer"}


@pytest.fixture(params=["one sheet", "sheet per area", "counts as text"])
def seed_book(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return build_seed_workbook(tmp_path / "seed-crime.xlsx", sheet_per_area=request.param == "sheet per area",
                               counts_as_text=request.param == "counts as text")


def _expected() -> dict[tuple[str, str], tuple[int, int]]:
    return {(AREA_NAMES.get(a, a), CATEGORY_NAMES.get(c, c)): (cur, prev)
            for (a, c), (cur, prev, _) in seed_counts().items()}


def test_every_count_of_the_seven_blocks_is_read(seed_book: Path) -> None:
    section = build_crime_section([seed_book])
    assert [t.area for t in section.tables] == ["Northumbria", "Sunderland", "South Tyneside", "Gateshead",
                                               "North Tyneside", "Newcastle", "Northumberland"]
    assert section.tables[0].is_force and not any(t.is_force for t in section.tables[1:])
    got = {(r.area, r.category): (r.current, r.previous) for t in section.tables for r in t.rows}
    assert got == _expected()
    assert section.periods == ("2015-16 1.4.– 15.7", "2014-15 1.4.– 15.7")


def test_grossly_wrong_percentages_are_flagged_and_rounded_ones_are_not(seed_book: Path) -> None:
    section = build_crime_section([seed_book])
    flagged = {tuple(p.message.split(":")[0].split(", ", 1)) for p in section.problems
               if p.code == "crime-stated-percent"}
    assert flagged == FLAGGED_PERCENT
    assert ("Northumbria", "Total crime") not in flagged
    northumberland = next(p for p in section.problems if p.code == "crime-stated-percent"
                          and p.message.startswith("Northumberland, Theft from the person"))
    assert "+205%" in northumberland.message and "+200.0%" in northumberland.message
    assert northumberland.location.cell.startswith(("D", "E"))
    assert not [p for p in section.problems if p.code == "crime-stated-change"]


def test_area_sums_against_the_force_are_reported_by_how_much(seed_book: Path) -> None:
    section = build_crime_section([seed_book])
    sums = [p for p in section.problems if p.code == "crime-sum"]
    assert {p.message.split(",")[0] for p in sums} == set(SUM_OFF_BY_ONE)
    for p in sums:
        category = p.message.split(",")[0]
        assert "2014-15" in p.message and f"1 {SUM_OFF_BY_ONE[category]} than the force's" in p.message
    total = next(p for p in sums if p.message.startswith("Total crime"))
    assert "add up to 21,061" in total.message and "21,060" in total.message


def test_the_crime_workbook_reproduces_counts_and_recomputes_changes(tmp_path: Path) -> None:
    book = build_seed_workbook(tmp_path / "seed-crime.xlsx")
    out = tmp_path / "crime.xlsx"
    assert main(["crime", "--out", str(out), str(book)]) == 1  # problems found: exit code 1
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:3] == ["Cover", "Crime Northumbria (force)", "Crime Sunderland"]
    data = wb["Data"]
    tables = {name: data.tables[name] for name in data.tables}
    assert set(tables) == {"Crime", "DataQuality"}
    rows = list(data[tables["Crime"].ref])
    headers = [c.value for c in rows[0]]
    assert headers == ["Area", "Category", "Current", "Previous", "Change", "Change %", "Current period",
                       "Previous period"]
    expected = _expected()
    seen = set()
    for row in rows[1:]:
        area, category, cur, prev, change, pct, cur_p, prev_p = (c.value for c in row)
        assert (cur, prev) == expected[(area, category)]
        assert change == cur - prev
        assert pct == pytest.approx((cur - prev) / prev)
        assert "%" in row[5].number_format
        assert (cur_p, prev_p) == ("2015-16 1.4.– 15.7", "2014-15 1.4.– 15.7")
        seen.add((area, category))
    assert seen == set(expected)
    dq = list(data[tables["DataQuality"].ref])
    assert [c.value for c in dq[0]] == ["Severity", "Source", "Location", "Message"]
    assert any("+205%" in str(r[3].value) for r in dq[1:])


def test_area_sheets_show_signed_changes_with_words_and_the_force_chart(tmp_path: Path) -> None:
    out = tmp_path / "crime.xlsx"
    main(["crime", "--out", str(out), str(build_seed_workbook(tmp_path / "seed.xlsx"))])
    sheet = openpyxl.load_workbook(out)["Crime Northumbria (force)"]
    header = [sheet.cell(4, c).value for c in range(1, 7)]
    assert header == ["Category", "2015-16 1.4.– 15.7", "2014-15 1.4.– 15.7", "Change", "Change %", "Up or down"]
    total = [sheet.cell(5, c) for c in range(1, 7)]
    assert [c.value for c in total[:4]] == ["Total crime", 23796, 21060, 2736]
    assert total[1].number_format == "#,##0"
    assert total[3].number_format == "+#,##0;-#,##0;0"
    assert total[4].value == pytest.approx(2736 / 21060) and total[4].number_format == "+0%;-0%;0%"
    assert total[5].value == "▲ Up"
    assert total[3].fill.fgColor.rgb in (None, "00000000")  # colour is off by default
    sunderland = openpyxl.load_workbook(out)["Crime Sunderland"]
    robbery = [sunderland.cell(7, c).value for c in range(1, 7)]
    assert robbery[0] == "Robbery" and robbery[3] == -3 and robbery[5] == "▼ Down"
    with zipfile.ZipFile(out) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        chart = z.read(charts[0]).decode()
    assert "<c:barChart>" in chart and "$E$5:$E$15" in chart and "Crime Northumbria (force)" in chart


def test_colour_per_category_setting(tmp_path: Path) -> None:
    categories = tmp_path / "cats.csv"
    categories.write_text("Kind,Name,Aliases,Force,Colour\ncategory,Total crime,,,increase-bad\n"
                          "category,Robbery,,,increase-good\nforce,Northumbria,Force Wide,,\n", encoding="utf-8")
    out = tmp_path / "crime.xlsx"
    main(["crime", "--out", str(out), "--categories", str(categories),
          str(build_seed_workbook(tmp_path / "seed.xlsx"))])
    sheet = openpyxl.load_workbook(out)["Crime Northumbria (force)"]
    assert sheet.cell(5, 1).value == "Total crime" and sheet.cell(5, 4).fill.fgColor.rgb.endswith("F4B6A6")
    assert sheet.cell(6, 1).value == "Robbery" and sheet.cell(6, 4).fill.fgColor.rgb.endswith("B8E0C8")
    assert sheet.cell(6, 6).value == "▲ Up"
