"""Crime series and crime types that change between the two compared periods.

Each expected figure is worked out here by hand from the rows the test writes, never from pccdesk's output.
"""

from __future__ import annotations

import csv
from pathlib import Path

from pccdesk.crime.pack_section import CrimeSection, build_crime_section

LONG_HEADINGS = ["12 months ending", "PFA", "Region", "Offence", "Rolling year total number of offences"]


def _table(section: CrimeSection, area: str) -> dict[str, tuple[float | None, float | None]]:
    table = next(t for t in section.tables if t.area == area)
    return {r.category: (r.current, r.previous) for r in table.rows}


def _write(path: Path, headings: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headings)
        writer.writerows(rows)
    return path


def test_a_part_series_with_a_real_zero_this_year_still_counts_last_year(tmp_path: Path) -> None:
    """City of London in the Home Office long table: one death by illegal driving in the year to December 2017,
    none in the year to December 2018. That 0 is a count, not a renamed series: last year's 1 belongs in
    Violence against the person and in Total crime. "Domestic burglary" (0 in 2018, renamed "Residential
    burglary" during 2017, so the year to December 2017 is split between the two) is added to it for 2017."""
    figures = {  # offence: (year to 30-12-2017, year to 31-12-2018), as the real file gives them
        "Homicide": (2, 1),
        "Death or serious injury caused by illegal driving": (1, 0),
        "Violence with injury": (363, 461),
        "Domestic burglary": (8, 0),
        "Residential burglary": (8, 15),
        "Robbery": (51, 104),
    }
    rows = []
    for offence, (before, now) in figures.items():
        rows.append(["30-12-2017", "City of London", "London", offence, str(before)])
        rows.append(["31-12-2018", "City of London", "London", offence, str(now)])
        rows.append(["30-12-2017", "Metropolitan Police", "London", offence, str(before * 100)])
        rows.append(["31-12-2018", "Metropolitan Police", "London", offence, str(now * 100 + 7)])
    path = _write(tmp_path / "rec-crime-pfa.csv", LONG_HEADINGS, rows)

    table = _table(build_crime_section([path], force="City of London"), "City of London")
    assert table["Violence against the person"] == (1 + 0 + 461, 2 + 1 + 363)
    assert table["Burglary dwelling"] == (0 + 15, 8 + 8)
    assert table["Total crime"] == (1 + 0 + 461 + 0 + 15 + 104, 2 + 1 + 363 + 8 + 8 + 51)
    renamed = [p for p in build_crime_section([path], force="City of London").problems
               if p.code == "crime-series-changed"]
    assert len(renamed) == 1 and renamed[0].severity.value == "warning"
    assert "Domestic burglary (8) + Residential burglary (8)" in renamed[0].message


STREET_HEADINGS = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
                   "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context"]


def _street(path: Path, month: str, records: list[tuple[str, str, str]]) -> Path:
    """A data.police.uk street file: one row per (Crime ID, Falls within, Crime type)."""
    rows = [[crime_id, month, force, force, "-1.5", "54.7", "On or near X", "E01020634", "County Durham 001A",
             crime_type, "Under investigation", ""] for crime_id, force, crime_type in records]
    return _write(path, STREET_HEADINGS, rows)


DURHAM = "Durham Constabulary"


def test_a_crime_type_named_in_only_one_year_is_flagged_not_compared_with_a_silent_zero(tmp_path: Path) -> None:
    """data.police.uk renamed "Violent crime" to "Violence and sexual offences" (2013). Street files from both
    sides of a rename would compare 4 crimes this year with 0 last year (and 0 with 3): a rise and a fall that
    are only a new name. The figures are the counts, so they stay, but a warning names both types."""
    before = _street(tmp_path / "2017-12-durham-street.csv", "2017-12",
                     [(f"a{i}", DURHAM, "Violent crime") for i in range(3)] + [("r1", DURHAM, "Robbery")])
    now = _street(tmp_path / "2018-12-durham-street.csv", "2018-12",
                  [(f"b{i}", DURHAM, "Violence and sexual offences") for i in range(4)] + [("r2", DURHAM, "Robbery")])
    section = build_crime_section([before, now], period="quarter")
    table = _table(section, DURHAM)
    assert table["Violence and sexual offences"] == (4, 0)
    assert table["Violent crime"] == (0, 3)
    assert table["Total crime"] == (5, 4)
    flagged = [p for p in section.problems if p.code == "crime-category-one-period"]
    assert len(flagged) == 1 and flagged[0].severity.value == "warning"
    assert "Violent crime" in flagged[0].message and "Violence and sexual offences" in flagged[0].message
    # the same types in both years: nothing to say
    same = _street(tmp_path / "2017-12-same.csv", "2017-12",
                   [(f"c{i}", DURHAM, "Violence and sexual offences") for i in range(2)] + [("r3", DURHAM, "Robbery")])
    quiet = build_crime_section([same, now], period="quarter")
    assert _table(quiet, DURHAM)["Violence and sexual offences"] == (4, 2)
    assert not [p for p in quiet.problems if p.code == "crime-category-one-period"]


def test_records_with_no_crime_type_are_named_with_their_count(tmp_path: Path) -> None:
    """Two records have no crime type (one of them no Crime ID either: it may be anti-social behaviour). They
    count in Total crime and in no category, and a warning says how many, in which file and why that matters."""
    records = [("x1", DURHAM, "Robbery"), ("x2", DURHAM, "Burglary"), ("x3", DURHAM, ""), ("", DURHAM, "")]
    path = _street(tmp_path / "2018-12-durham-street.csv", "2018-12", records)
    section = build_crime_section([path])
    table = _table(section, DURHAM)
    assert table["Total crime"][0] == 4 and table["Robbery"][0] == 1 and table["Burglary"][0] == 1
    blank = [p for p in section.problems if p.code == "crime-category-blank"]
    assert len(blank) == 1 and blank[0].severity.value == "warning"
    assert "2 crimes" in blank[0].message and "2018-12-durham-street.csv" in blank[0].message
    assert '"Crime type"' in blank[0].message and "anti-social behaviour" in blank[0].message
    assert not [p for p in section.problems if "counted by their crime type" in p.message]


def test_records_of_other_forces_left_out_by_force_are_said(tmp_path: Path) -> None:
    """--force Durham on files that also hold Cleveland's records: Cleveland's are left out, and said so."""
    records = [("d1", DURHAM, "Robbery"), ("d2", DURHAM, "Burglary"), ("c1", "Cleveland Police", "Robbery")]
    path = _street(tmp_path / "2018-12-mixed.csv", "2018-12", records)
    section = build_crime_section([path], force="Durham")
    assert _table(section, DURHAM)["Total crime"][0] == 2
    left = [p for p in section.problems if p.code == "crime-other-forces-left-out"]
    assert len(left) == 1 and "Cleveland Police (1)" in left[0].message
    every = build_crime_section([path], force="all")
    assert {t.area for t in every.tables if t.is_force} == {DURHAM, "Cleveland Police"}
    assert not [p for p in every.problems if p.code == "crime-other-forces-left-out"]


def test_a_hidden_sheet_with_an_areas_figures_is_said_not_skipped_silently(tmp_path: Path) -> None:
    """One sheet per area, South Tyneside's sheet hidden: its figures are not read (hidden sheets are often old
    copies), and a warning names the sheet and the area, so the shortfall in the areas' sum is explained."""
    import openpyxl

    from pccdesk.examples.crime import write_example_crime

    path = write_example_crime(tmp_path / "crime.xlsx", sheet_per_area=True)
    book = openpyxl.load_workbook(path)
    book["South Tyneside"].sheet_state = "hidden"
    book.save(path)
    section = build_crime_section([path])
    assert "South Tyneside" not in [t.area for t in section.tables]
    hidden = [p for p in section.problems if p.code == "crime-sheet-hidden"]
    assert len(hidden) == 1 and hidden[0].location.sheet == "South Tyneside"
    assert "South Tyneside" in hidden[0].message and "unhide" in hidden[0].message.lower()
    visible = build_crime_section([write_example_crime(tmp_path / "all.xlsx", sheet_per_area=True)])
    assert not [p for p in visible.problems if p.code == "crime-sheet-hidden"]


def _street_months(path: Path, months: dict[str, int], month_cell: object) -> Path:
    """A street file with ``months[m]`` robberies in each month ``m`` ("2018-11"), its Month cell written by
    ``month_cell`` (as Excel leaves it after opening and saving the downloaded CSV)."""
    import datetime as dt

    import xlsxwriter

    rows: list[list[object]] = []
    for month, n in months.items():
        year, number = map(int, month.split("-"))
        cell = month_cell(dt.datetime(year, number, 1))  # type: ignore[operator]
        rows += [[f"{month}-{i}", cell, DURHAM, DURHAM, "", "", "On or near X", "E01020634", "County Durham 001A",
                  "Robbery", "", ""] for i in range(n)]
    if path.suffix == ".csv":
        return _write(path, STREET_HEADINGS, [[str(v) for v in r] for r in rows])
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("street")
    month_format = book.add_format({"num_format": "mmm-yy"})
    sheet.write_row(0, 0, STREET_HEADINGS)
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row):
            if isinstance(value, dt.datetime):
                sheet.write_datetime(r, c, value, month_format)
            else:
                sheet.write(r, c, value)
    book.close()
    return path


def test_street_months_saved_by_excel_still_cover_whole_months(tmp_path: Path) -> None:
    """data.police.uk's "2018-12" becomes the date 1 Dec 2018 ("Dec-18") once Excel has saved the file. The
    records still stand for the whole month: December 2018 against December 2017, not "to 1 Dec 2018"."""
    months = {"2017-11": 3, "2017-12": 4, "2018-11": 5, "2018-12": 6}
    as_text = _street_months(tmp_path / "plain.csv", months, lambda d: f"{d:%Y-%m}")
    saved_csv = _street_months(tmp_path / "saved.csv", months, lambda d: f"{d:%b-%y}")
    saved_xlsx = _street_months(tmp_path / "saved.xlsx", months, lambda d: d)
    for path in (as_text, saved_csv, saved_xlsx):
        section = build_crime_section([path], period="quarter")
        assert _table(section, DURHAM)["Total crime"] == (5 + 6, 3 + 4), path.name
        periods = {(r.current_period, r.previous_period) for t in section.tables for r in t.rows}
        assert periods == {("1 Nov 2018 to 31 Dec 2018", "1 Nov 2017 to 31 Dec 2017")}, path.name


def _blocks(path: Path, blocks: list[tuple[str, int, int]]) -> Path:
    """A force's summary sheet: per area its name, a heading row with the two periods, Total crime and Robbery."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Crime")
    row = 0
    for area, now, before in blocks:
        sheet.write_row(row, 0, [area])
        sheet.write_row(row + 2, 0, ["", "Apr-Jun 2019", "Apr-Jun 2018"])
        sheet.write_row(row + 3, 0, ["Total crime", now, before])
        sheet.write_row(row + 4, 0, ["Robbery", now // 10, before // 10])
        row += 7
    book.close()
    return path


def test_a_force_wide_table_of_another_force_is_not_named_after_the_shipped_list_quietly(tmp_path: Path) -> None:
    """The shipped category list is Northumbria's, where "Force Wide" means Northumbria. Durham's sheet says
    "Force Wide" too: with no --force its figures are shown under the list's force, so a warning says the name
    comes from the list; with Northumbria's own areas, or with --force, there is nothing to say."""
    durham = _blocks(tmp_path / "durham.xlsx", [("Force Wide", 300, 290), ("County Durham", 250, 240),
                                                ("Darlington", 50, 50)])
    section = build_crime_section([durham])
    from_list = [p for p in section.problems if p.code == "crime-force-from-list"]
    assert len(from_list) == 1 and '"Force Wide"' in from_list[0].message and "--force" in from_list[0].message
    alone = build_crime_section([_blocks(tmp_path / "alone.xlsx", [("Force Wide", 300, 290)])])
    assert [p.code for p in alone.problems].count("crime-force-from-list") == 1
    named = build_crime_section([durham], force="Durham")
    assert named.force == "Durham" and _table(named, "Durham")["Total crime"] == (300, 290)
    assert not [p for p in named.problems if p.code == "crime-force-from-list"]
    northumbria = _blocks(tmp_path / "northumbria.xlsx", [("Force Wide", 300, 290), ("Sunderland", 120, 100),
                                                          ("Gateshead", 180, 190)])
    own = build_crime_section([northumbria])
    assert own.force == "Northumbria" and not [p for p in own.problems if p.code == "crime-force-from-list"]


def _monthly_columns(path: Path, months: list[str], per_month: dict[str, int]) -> Path:
    """A borough table with a column per month (as the MPS file): two boroughs, one offence, ``per_month[m]``
    crimes a borough in month ``m`` (1 where not given)."""
    rows = [[major, minor, borough] + [str(per_month.get(m, 1)) for m in months]
            for borough in ("Westminster", "Camden")
            for major, minor in (("Robbery", "Robbery of Personal Property"),)]
    return _write(path, ["MajorText", "MinorText", "LookUp_BoroughName", *months], rows)


def _month_names(first: tuple[int, int], count: int) -> list[str]:
    year, month = first
    out = []
    for _ in range(count):
        out.append(f"{year}{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def test_a_month_column_missing_compares_like_for_like_and_names_it(tmp_path: Path) -> None:
    """Columns Mar 2021 … Mar 2023 without Jun 2022 (24 columns): the last 12 columns would be 13 months (Mar
    2022 to Mar 2023 without June) against 12 (Mar 2021 to Feb 2022). Like for like is Apr 2022 to Mar 2023
    without Jun 2022 against Apr 2021 to Mar 2022 without Jun 2021, with a warning naming the months."""
    months = [m for m in _month_names((2021, 3), 25) if m != "202206"]
    per_month = {m: (10 if m.startswith("2021") or m < "202204" else 20) for m in months}
    per_month["202106"] = 1000  # June 2021 has no June 2022 to compare with: left out
    section = build_crime_section([_monthly_columns(tmp_path / "boroughs.csv", months, per_month)])
    kept_now = [m for m in _month_names((2022, 4), 12) if m != "202206"]
    kept_before = [m for m in _month_names((2021, 4), 12) if m != "202106"]
    now = sum(per_month[m] for m in kept_now)
    before = sum(per_month[m] for m in kept_before)
    assert _table(section, "Westminster")["Robbery"] == (now, before)
    assert _table(section, "Metropolitan Police")["Total crime"] == (2 * now, 2 * before)
    missing = [p for p in section.problems if p.code == "crime-month-missing"]
    assert len(missing) == 1 and "Jun 2022" in missing[0].message and "Jun 2021" in missing[0].message
    row = next(t for t in section.tables if t.is_force).rows[0]
    assert "Apr 2022 to Mar 2023" in str(row.current_period) and "without Jun 2022" in str(row.current_period)


def test_the_same_month_column_twice_is_refused_not_counted_twice(tmp_path: Path) -> None:
    months = _month_names((2021, 3), 24)
    path = _monthly_columns(tmp_path / "boroughs.csv", [*months, months[-1]], {})
    section = build_crime_section([path])
    assert section.tables == []
    errors = [p for p in section.problems if p.severity.value == "error"]
    assert len(errors) == 1 and "202302" in errors[0].message and "twice" in errors[0].message


def test_a_series_with_no_figure_in_one_year_leaves_total_crime_like_for_like(tmp_path: Path) -> None:
    """Total crime of the Home Office long table is the sum of its offence rows. City of London's Robbery row is
    missing for the latest year and its Shoplifting is suppressed ("[x]"): adding up what is there would compare
    a total without them (this year) with one including them (last year). They are left out of both years'
    Total crime, with a warning naming them; their own rows show no count."""
    figures = {"Homicide": ("2", "1"), "Violence with injury": ("363", "461"), "Robbery": ("51", None),
               "Shoplifting": ("764", "[x]")}
    rows = []
    for offence, (before, now) in figures.items():
        rows.append(["30-12-2017", "City of London", "London", offence, before])
        if now is not None:
            rows.append(["31-12-2018", "City of London", "London", offence, now])
        rows.append(["30-12-2017", "Metropolitan Police", "London", offence, "500"])
        rows.append(["31-12-2018", "Metropolitan Police", "London", offence, "600"])
    path = _write(tmp_path / "rec-crime-pfa.csv", LONG_HEADINGS, rows)
    section = build_crime_section([path], force="City of London")
    table = _table(section, "City of London")
    assert table["Total crime"] == (1 + 461, 2 + 363)
    assert table["Robbery"] == (None, 51) and table["Shoplifting"] == (None, 764)
    uneven = [p for p in section.problems if p.code == "crime-total-like-for-like"]
    assert len(uneven) == 1 and uneven[0].severity.value == "warning"
    assert "Robbery" in uneven[0].message and "Shoplifting" in uneven[0].message
    whole = build_crime_section([path], force="Metropolitan Police")
    assert _table(whole, "Metropolitan Police")["Total crime"] == (4 * 600, 4 * 500)
    assert not [p for p in whole.problems if p.code == "crime-total-like-for-like"]


def test_a_small_count_in_one_year_only_is_not_taken_for_a_renamed_type(tmp_path: Path) -> None:
    """3 bicycle thefts this year and none last year is an ordinary small count: no warning. 10 of a type with
    none the year before is worth a look; so is any pair of types each given in one year only."""
    def run(now: list[str], before: list[str]) -> list[str]:
        old = _street(tmp_path / "2017-12.csv", "2017-12", [(f"o{i}", DURHAM, t) for i, t in enumerate(before)])
        new = _street(tmp_path / "2018-12.csv", "2018-12", [(f"n{i}", DURHAM, t) for i, t in enumerate(now)])
        section = build_crime_section([old, new], period="quarter")
        return [p.message for p in section.problems if p.code == "crime-category-one-period"]

    robberies = ["Robbery"] * 20
    assert run(robberies + ["Bicycle theft"] * 3, robberies) == []
    assert run(robberies + ["Bicycle theft"] * 9, robberies) == []
    flagged = run(robberies + ["Bicycle theft"] * 10, robberies)
    assert len(flagged) == 1 and "Bicycle theft (10 in" in flagged[0]
    pair = run(robberies + ["Public order"] * 2, robberies + ["Public disorder and weapons"] * 2)
    assert len(pair) == 1 and "Public order" in pair[0] and "Public disorder and weapons" in pair[0]


def test_month_first_dates_are_read_month_first_when_the_data_prove_it(tmp_path: Path) -> None:
    """An extract saved with US dates ("04/13/2018"): read day first, every date up to the 12th went to the wrong
    month (13 April's neighbours "04/05/2018" became 4 May) and the rest were unreadable. A second field over 12
    with no first field over 12 proves month first: counted so, and said."""
    import datetime as dt

    rows = []
    for year, per_day in ((2018, 2), (2019, 1)):
        day = dt.date(year, 4, 1)
        while day <= dt.date(year, 6, 30):
            rows += [[f"R{year}{day:%m%d}{i}", f"{day:%m/%d/%Y}", "Robbery", "Sunderland", "Charged"]
                     for i in range(per_day)]
            day += dt.timedelta(days=1)
    path = _write(tmp_path / "extract.csv", ["Crime Reference", "Recorded Date", "Offence Group", "Local Authority",
                                             "Outcome"], rows)
    section = build_crime_section([path])
    assert _table(section, "Northumbria")["Robbery"] == (91, 182)
    said = [p for p in section.problems if p.code == "crime-dates-month-first"]
    assert len(said) == 1 and "04/13/2018" in said[0].message
    assert not [p for p in section.problems if p.code == "crime-record-date"]


def test_an_area_with_no_figure_in_one_period_gives_one_warning_saying_where_the_other_is(tmp_path: Path) -> None:
    """An area in one edition only (renamed, merged, new) lacks every count of the other period: one warning
    for the area, at the cell of the figures it has, instead of one per category with no place."""
    rows = [["Force", "Robbery", "100", "90"], ["Force", "Shoplifting", "50", "40"],
            ["Sunderland", "Robbery", "60", "90"], ["Sunderland", "Shoplifting", "30", "40"],
            ["Gateshead", "Robbery", "40", ""], ["Gateshead", "Shoplifting", "20", ""]]
    path = _write(tmp_path / "long.csv", ["Area", "Category", "Current", "Previous"], rows)
    section = build_crime_section([path])
    assert _table(section, "Gateshead")["Robbery"] == (40, None)
    missing = [p for p in section.problems if p.code == "crime-count-missing"]
    assert len(missing) == 1 and "Gateshead has no figures at all for Previous, only for Current" in missing[0].message
    assert missing[0].location.file == "long.csv" and missing[0].location.cell == "C6"


def test_a_figure_of_another_kind_in_a_count_column_is_named_not_counted(tmp_path: Path) -> None:
    """A percentage, money or days typed in a count column (a change column pasted one column left) is not a
    number of crimes: "6%" was read as 6 robberies."""
    rows = [["Force", "Robbery", "100", "90"], ["Force", "Shoplifting", "6%", "40"],
            ["Force", "Criminal damage", "£70", "12 days"]]
    section = build_crime_section([_write(tmp_path / "long.csv", ["Area", "Category", "Current", "Previous"], rows)])
    force = next(t for t in section.tables if t.is_force)
    table = {r.category: (r.current, r.previous) for r in force.rows}
    assert table["Robbery"] == (100, 90)
    assert table["Shoplifting"] == (None, 40)
    assert table["Criminal damage"] == (None, None)
    named = {p.location.cell: p.message for p in section.problems if p.code == "crime-count-unreadable"}
    assert named == {"C3": '"6%" is not a count', "C4": '"£70" is not a count', "D4": '"12 days" is not a count'}


def test_a_percentage_in_a_month_column_is_not_counted_as_crimes(tmp_path: Path) -> None:
    months = _month_names((2021, 4), 24)
    path = _monthly_columns(tmp_path / "boroughs.csv", months, {})
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[1][3 + 23] = "5%"  # Westminster, Mar 2023
    _write(path, rows[0], rows[1:])
    section = build_crime_section([path])
    assert _table(section, "Westminster")["Robbery"][0] != 12 - 1 + 5  # never 5 crimes
    blank = [p for p in section.problems if p.code == "crime-month-cell-blank"]
    assert blank, "the cell that is not a count is named"
