"""Each input shape of recorded crime: long tables, national tables alone and in pairs, record-level extracts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from test_crime_fixtures import (
    EXTRACT_AREAS,
    expected_extract_counts,
    extract_rows,
    write_extract_csv,
    write_extract_xlsx,
)

from pccdesk.cli import main
from pccdesk.crime.categories import default_categories
from pccdesk.crime.pack_section import build_crime_section
from pccdesk.crime.record_extracts import choose_periods, recognise

CATS = default_categories()


def _long_table(path: Path) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Crime")
    pct = book.add_format({"num_format": "0%"})
    sheet.write_row(0, 0, ["Area", "Category", "Current", "Previous", "Change", "Change %"])
    rows = [
        ("Force wide", "Total crime", 1000, 900, 100, 0.11),
        ("Force wide", "Robbery", 10, 0, 10, None),
        ("Force wide", "Burglary - other than dwelling", 50, 40, 10, 0.30),
        ("Sunderland", "Total crime", 600, 500, 100, 0.2),
        ("Sunderland", "Robbery", 6, 0, 6, None),
        ("Sunderland", "Non-domestic burglary", 30, 20, 10, 0.5),
        ("Hexham", "Total crime", 400, 400, 0, 0),
        ("Hexham", "Robbery", 4, 0, 4, None),
        ("Hexham", "Burglary OTD", 20, 20, 0, 0),
        ("Hexham", "Knife crime", 3, 2, 1, 0.5),
    ]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if c == 5 and value is not None:
                sheet.write_number(r, c, value, pct)
            elif value is not None:
                sheet.write(r, c, value)
    book.close()
    return path


def test_long_table_with_aliases_zero_baseline_and_unknown_names(tmp_path: Path) -> None:
    section = build_crime_section([_long_table(tmp_path / "long.xlsx")])
    force = section.tables[0]
    assert force.area == "Northumbria" and force.is_force
    assert [t.area for t in section.tables] == ["Northumbria", "Sunderland", "Hexham"]
    otd = section.tables[1].row("Burglary other than dwelling")
    assert otd is not None and (otd.current, otd.previous) == (30, 20)
    robbery = section.tables[1].row("Robbery")
    assert robbery is not None and robbery.change_percent is None and robbery.change_percent_text == "n/a"
    codes = [p.code for p in section.problems]
    assert codes.count("crime-area-unknown") == 1  # Hexham is not a listed Northumbria area
    assert any(p.code == "crime-category-unknown" and "Knife crime" in p.message for p in section.problems)
    stated = [p for p in section.problems if p.code == "crime-stated-percent"]
    # Force OTD 50 v 40 is +25% stated 30%; Sunderland 30 v 20 is +50% stated 50% (accepted); Total 11.1% → 11%.
    assert [p.message.split(":")[0] for p in stated] == ["Northumbria, Burglary other than dwelling"]
    assert stated[0].location.cell == "F4"
    sums = [p for p in section.problems if p.code == "crime-sum"]
    assert sums == []  # 600 + 400 = 1000, 6 + 4 = 10, 30 + 20 = 50


def _national(path: Path, ending: str, scale: int) -> Path:
    """A small ONS-Table-C2-like CSV: preamble, headings with line breaks, numbers as text, an Unassigned row."""
    lines = [
        f'"Table C2: Number of police recorded crimes by Community Safety Partnership area, year ending {ending}'
        ' [note 1]",,,,,',
        "Some shorthand is used in this table.  [x] indicates data are unavailable.,,,,,",
        '"Police Force\nArea name","Community Safety\nPartnership name","Total recorded crime\n (excluding fraud)",'
        "Robbery,Non-residential burglary,Homicide",
        f'Northumbria,,"{1000 * scale:,} ",{10 * scale} ,{30 * scale} ,1 ',
        f'Northumbria,Gateshead,"{400 * scale:,} ",{4 * scale} ,{10 * scale} ,0 ',
        f'Northumbria,Newcastle upon Tyne,"{595 * scale:,} ",{6 * scale} ,[x],1 ',
        f"Northumbria,Unassigned Northumbria ,{5 * scale} ,0 ,0 ,0 ",
        f'Durham ,,"{700:,} ",7 ,9 ,0 ',
        "Durham,Darlington,300 ,3 ,4 ,0 ",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_one_national_table_gives_current_only(tmp_path: Path) -> None:
    section = build_crime_section([_national(tmp_path / "c2.csv", "June 2025", 1)], force="Northumbria")
    assert section.periods == ("Year ending June 2025", "not available")
    force = section.tables[0]
    total = force.row("Total crime")
    assert total is not None and total.current == 1000 and total.previous is None and total.change is None
    assert not [p for p in section.problems if p.code == "crime-sum"]  # 400 + 595 + 5 unassigned = 1000
    assert any(p.code == "crime-previous-missing" for p in section.problems)


def test_two_national_tables_make_a_comparison_in_date_order(tmp_path: Path) -> None:
    newer = _national(tmp_path / "c2-2025.csv", "June 2025", 2)
    older = _national(tmp_path / "c2-2024.csv", "June 2024", 1)
    section = build_crime_section([newer, older], force="northumbria")
    assert section.periods == ("Year ending June 2025", "Year ending June 2024")
    gateshead = next(t for t in section.tables if t.area == "Gateshead")
    total = gateshead.row("Total crime")
    assert total is not None and (total.current, total.previous, total.change) == (800, 400, 400)
    assert total.change_percent == pytest.approx(1.0)
    assert not [p for p in section.problems if p.code == "crime-sum"]


def test_national_table_needs_a_force_when_it_holds_several(tmp_path: Path) -> None:
    path = _national(tmp_path / "c2.csv", "June 2025", 1)
    path.write_text(path.read_text(encoding="utf-8").replace("Northumbria", "Cleveland"), encoding="utf-8")
    section = build_crime_section([path])
    assert section.tables == []
    assert section.problems[0].code == "crime-force-needed" and "--force" in section.problems[0].message
    out = tmp_path / "crime.xlsx"
    assert main(["crime", "--out", str(out), str(path)]) == 2
    assert main(["crime", "--out", str(out), "--force", "Durham", str(path)]) == 1  # Darlington alone: 300 of 700
    assert main(["crime", "--out", str(out), "--force", "Kent", str(path)]) == 2


def _listed(area: str) -> str:
    return CATS.area_name(area, "Northumbria")


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_record_extract_counts_by_area_and_category(tmp_path: Path, kind: str) -> None:
    rows = extract_rows(5000)
    path = write_extract_xlsx(tmp_path / "extract.xlsx", rows) if kind == "xlsx" else \
        write_extract_csv(tmp_path / "extract.csv", rows)
    section = build_crime_section([path])
    assert section.periods == ("1 Apr 2015 to 15 Jul 2015", "1 Apr 2014 to 15 Jul 2014")
    assert section.force == "Northumbria"  # its areas are the listed Northumbria areas
    current = expected_extract_counts(rows, dt.date(2015, 4, 1), dt.date(2015, 7, 15))
    previous = expected_extract_counts(rows, dt.date(2014, 4, 1), dt.date(2014, 7, 15))
    tables = {t.area: t for t in section.tables}
    assert set(tables) == {"Northumbria"} | {_listed(a) for a in EXTRACT_AREAS}
    for area in EXTRACT_AREAS:
        table = tables[_listed(area)]
        row = table.row("Burglary other than dwelling")
        assert row is not None
        assert row.current == current.get((area, "Non-residential burglary"), 0)
        assert row.previous == previous.get((area, "Non-residential burglary"), 0)
        total = table.row("Total crime")
        assert total is not None
        assert total.current == sum(v for (a, _), v in current.items() if a == area)  # drugs count in total
    force_total = tables["Northumbria"].row("Total crime")
    assert force_total is not None and force_total.current == sum(current.values())
    assert not [p for p in section.problems if p.code == "crime-sum"]
    assert any(p.code == "crime-periods-used" for p in section.problems)
    assert any(p.code == "crime-category-own" and "Drug offences" in p.message for p in section.problems)


def test_anti_social_behaviour_is_recognised_by_its_type_not_by_a_missing_reference(tmp_path: Path) -> None:
    rows = extract_rows(300)
    path = write_extract_csv(tmp_path / "extract.csv", rows)
    text = path.read_text(encoding="utf-8").splitlines()
    text += [",15/07/2015,Anti-social behaviour,Gateshead,"] * 7
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    section = build_crime_section([path])
    assert any(p.code == "crime-asb-not-counted" and p.message.startswith("7 anti-social behaviour records")
               for p in section.problems)
    assert not any(p.code == "crime-records-without-reference" for p in section.problems)
    total = section.tables[0].row("Total crime")
    current = expected_extract_counts(rows, dt.date(2015, 4, 1), dt.date(2015, 7, 15))
    assert total is not None and total.current == sum(current.values())


@pytest.mark.parametrize(("kind", "current", "previous"), [
    ("fytd", (dt.date(2015, 4, 1), dt.date(2015, 7, 15)), (dt.date(2014, 4, 1), dt.date(2014, 7, 15))),
    ("quarter", (dt.date(2015, 7, 1), dt.date(2015, 7, 15)), (dt.date(2014, 7, 1), dt.date(2014, 7, 15))),
    ("rolling-12", (dt.date(2014, 7, 16), dt.date(2015, 7, 15)), (dt.date(2013, 7, 16), dt.date(2014, 7, 15))),
])
def test_periods(kind: str, current: tuple[dt.date, dt.date], previous: tuple[dt.date, dt.date]) -> None:
    periods = choose_periods(dt.date(2015, 7, 15), kind)
    assert (periods.current, periods.previous) == (current, previous)


def test_fytd_in_march_belongs_to_the_year_before() -> None:
    assert choose_periods(dt.date(2016, 3, 31)).current == (dt.date(2015, 4, 1), dt.date(2016, 3, 31))


def test_recognised_headings() -> None:
    roles = recognise(["Crime Reference", "Recorded Date", "Offence Code", "CSP", "Outcome"])
    assert roles == {"reference": 0, "date": 1, "code": 2, "area": 3, "outcome": 4}
    assert recognise(["Crime ID", "Month", "Falls within", "LSOA name", "Crime type"])["area"] == 3


def test_offence_codes_map_to_categories(tmp_path: Path) -> None:
    path = tmp_path / "codes.csv"
    path.write_text("Crime Reference,Recorded Date,Offence Code,Area\n"
                    "A1,2015-05-01,28E,Gateshead\nA2,2015-05-02,30A,Gateshead\nA3,2015-05-03,46,Sunderland\n"
                    "A4,2014-05-01,46,Sunderland\nA5,2015-05-04,92A,Sunderland\n", encoding="utf-8")
    section = build_crime_section([path])
    tables = {t.area: t for t in section.tables}
    assert tables["Gateshead"].row("Burglary dwelling").current == 1  # type: ignore[union-attr]
    assert tables["Gateshead"].row("Burglary other than dwelling").current == 1  # type: ignore[union-attr]
    shop = tables["Sunderland"].row("Shoplifting")
    assert shop is not None and (shop.current, shop.previous) == (1, 1)
    assert tables["Sunderland"].row("Total crime").current == 2  # type: ignore[union-attr]


def test_unknown_headings_are_mapped_once_and_remembered(tmp_path: Path) -> None:
    rows = extract_rows(200)
    path = write_extract_csv(tmp_path / "odd.csv", rows, headings=("Ref", "When", "Type", "Where", "Result"))
    out = tmp_path / "crime.xlsx"
    db = tmp_path / "history.sqlite"
    assert main(["crime", "--out", str(out), "--db", str(db), str(path)]) == 2
    assert not out.exists()
    code = main(["crime", "--out", str(out), "--db", str(db), "--column", "date=When", "--column", "category=Type",
                 "--column", "area=Where", str(path)])
    assert code in (0, 1) and out.exists()
    out.unlink()
    assert main(["crime", "--out", str(out), "--db", str(db), str(path)]) in (0, 1)  # remembered
    data = openpyxl.load_workbook(out)["Data"]
    crime = list(data[data.tables["Crime"].ref])
    current = expected_extract_counts(rows, dt.date(2015, 4, 1), dt.date(2015, 7, 15))
    totals = {r[0].value: r[2].value for r in crime[1:] if r[1].value == "Total crime"}
    assert totals["Northumbria"] == sum(current.values())
    assert main(["crime", "--out", str(out), "--db", str(db), "--column", "when=When", str(path)]) == 2


def test_several_extracts_are_counted_together(tmp_path: Path) -> None:
    rows = extract_rows(3000)
    older = [r for r in rows if r[1] < dt.date(2015, 1, 1)]
    newer = [r for r in rows if r[1] >= dt.date(2015, 1, 1)]
    whole = build_crime_section([write_extract_csv(tmp_path / "all.csv", rows)])
    split = build_crime_section([write_extract_csv(tmp_path / "2014.csv", older),
                                 write_extract_xlsx(tmp_path / "2015.xlsx", newer)])
    assert split.periods == whole.periods == ("1 Apr 2015 to 15 Jul 2015", "1 Apr 2014 to 15 Jul 2014")
    as_counts = [{(r.area, r.category): (r.current, r.previous) for t in s.tables for r in t.rows}
                 for s in (whole, split)]
    assert as_counts[0] == as_counts[1]
    assert not [p for p in split.problems if p.code in ("crime-duplicate", "crime-sum")]
    assert any(p.code == "crime-periods-used" and "in 2 files" in p.message for p in split.problems)


@pytest.mark.parametrize(("texts", "expected", "months"), [
    (["5/7/2015 13:45", "15/07/2015"], [dt.date(2015, 7, 5), dt.date(2015, 7, 15)], False),
    (["2015-07-15 00:00:00", "2014-04-01"], [dt.date(2015, 7, 15), dt.date(2014, 4, 1)], False),
    (["2018-12", "2018-11"], [dt.date(2018, 12, 1), dt.date(2018, 11, 1)], True),
    (["42200", "42201.0"], [dt.date(2015, 7, 15), dt.date(2015, 7, 16)], False),  # Excel serial numbers
])
def test_record_dates(texts: list[str], expected: list[dt.date], months: bool) -> None:
    import pandas as pd

    from pccdesk.crime.extract_dates import _dates

    days, months_only = _dates(pd.Series(texts, dtype="string[pyarrow]"))
    assert [dt.date(1970, 1, 1) + dt.timedelta(days=int(d)) for d in days] == expected
    assert months_only is months


def test_long_csv_with_stated_changes_as_text_and_fractions(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Area,Category,Current,Previous,Change,Change %\n"
                    'Force Wide,Total crime,"23,796","21,060","+2,736",+13%\n'
                    "Force Wide,Robbery,149,143,+6,0.04\n"
                    "Force Wide,Sexual offences,753,605,+148,20%\n"
                    "Force Wide,Shoplifting,2979,2746,+232,9\n", encoding="utf-8")
    section = build_crime_section([path])
    found = {(p.code, p.message.split(":")[0]) for p in section.problems if p.code.startswith("crime-stated")}
    assert found == {("crime-stated-percent", "Northumbria, Sexual offences"),
                     ("crime-stated-change", "Northumbria, Shoplifting")}


def test_xlsx_extract_with_a_title_above_and_odd_headings(tmp_path: Path) -> None:
    rows = extract_rows(400)
    path = tmp_path / "titled.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Export")
    sheet.write_string(0, 0, "Crimes recorded, extract of 16 July 2015")
    headings = ["Ref", "Notes", "When", "Type", "Where"]
    sheet.write_row(2, 0, headings)
    for r, (ref, day, cat, area, _) in enumerate(rows, start=3):
        sheet.write_row(r, 0, [ref, "x", day.isoformat(), cat, area])
    book.close()
    section = build_crime_section([path], remembered={"date": "When", "category": "Type", "area": "Where"})
    total = section.tables[0].row("Total crime")
    current = expected_extract_counts(rows, dt.date(2015, 4, 1), dt.date(2015, 7, 15))
    assert total is not None and total.current == sum(current.values())
    unmapped = build_crime_section([path])
    assert unmapped.tables == [] and unmapped.problems[0].code == "crime-table-missing"


@pytest.mark.parametrize(("text", "message"), [
    ("Crime Reference,Recorded Date,Offence Group,Local Authority\n", "headings but no rows"),
    ("Crime Reference,Recorded Date,Offence Group,Local Authority\nA1,notadate,Robbery,Gateshead\n",
     'readable date in "Recorded Date" (e.g. "notadate")'),
    ("Crime Reference,Recorded Date,Offence Group,Local Authority\n,2015-05-01,Anti-social behaviour,Gateshead\n",
     "all 1 records are anti-social behaviour"),
])
def test_extracts_with_nothing_to_count_say_why(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "extract.csv"
    path.write_text(text, encoding="utf-8")
    section = build_crime_section([path])
    assert section.tables == []
    assert [p.code for p in section.problems] == ["crime-no-records"]
    assert message in section.problems[0].message and section.problems[0].location.file == "extract.csv"
