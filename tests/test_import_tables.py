"""Table finding in the shapes forces really use: header variants, two-row headers, merged header cells, columns in
any order, titles, blank rows, sub-rows and notes below."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import xlsxwriter

from pccdesk.indicators.returns import read_return
from pccdesk.indicators.table_finding import (
    CURRENT,
    CURRENT_PERIOD,
    NOTE,
    PREVIOUS,
    PREVIOUS_PERIOD,
    RAG,
    TARGET,
    find_tables,
    header_role,
)
from pccdesk.readers import read_workbook

V1 = "Percentage of victims satisfied with ease of contact."
V2 = "Percentage of victims satisfied with the time of arrival."
C2 = "Re-bail rate."


def write_sheet(path: Path, rows: list[list[Any]], merges: list[tuple[int, int, int, int, Any]] = (),  # type: ignore[assignment]
                name: str = "Performance", percent: set[tuple[int, int]] | None = None) -> Path:
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet(name)
    pct = book.add_format({"num_format": "0%"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, int | float):
                sheet.write_number(r, c, value, pct if percent and (r, c) in percent else None)
            else:
                sheet.write_string(r, c, value)
    for r1, c1, r2, c2, value in merges:
        sheet.merge_range(r1, c1, r2, c2, value)
    book.close()
    return path


def test_header_words() -> None:
    assert header_role("Comparative position or note") == NOTE
    assert header_role("Previous") == PREVIOUS
    assert header_role("Baseline") == PREVIOUS
    assert header_role("Last year") == PREVIOUS
    assert header_role("This year") == CURRENT
    assert header_role("YTD") == CURRENT
    assert header_role("Target") == TARGET
    assert header_role("RAG") == RAG
    assert header_role("Commentary") == "commentary"
    assert header_role("Current period") == CURRENT_PERIOD
    assert header_role("Violence against the person4") is None
    assert header_role("Previous3") == PREVIOUS  # a footnote number glued on
    assert header_role("Area Name") is None


def test_seed_header_and_blocks(tmp_path: Path) -> None:
    rows = [
        ["Objective One – Putting Victims First"],
        ["Performance"],
        [None, None, "Previous", "Period", "Current", "Period", "Comparative position or note"],
        [1, V1, "99.0% (+/-0.6%)", "12 months to May 2015", "98.8% (+/-0.6%)", "12 months to Jun 2015", "1st"],
        [2, V2, "93.7% (+/-1.1%)", "12 months to May 2015", "92.9% (+/- 1.2%)", "12 months to June 2015", None],
        [],
        ["Objective Five – Community Confidence"],
        [None, None, "Previous", "Period", "Current", "Period", "Comparative position or note"],
        ["Reduce the percentage of appeals made and the percentage of those upheld"],
        [None, "% of appeals made", "18%", "2014/15", "16%", "April to June 2015", None],
        [None, "% of appeals upheld", "25%", "2014/15", "26%", "April to June 2015", None],
        [11, "Number of live complaints being managed.", 270, "As at 31 March 2015", 178, "As at 30 June 2015"],
        [],
        ["Note: figures are provisional."],
    ]
    book = read_workbook(write_sheet(tmp_path / "t.xlsx", rows))
    tables = find_tables(book.sheets[0])
    assert [t.header_row for t in tables] == [2, 7]
    assert tables[0].title == "Objective One – Putting Victims First"
    assert tables[1].title == "Objective Five – Community Confidence"
    assert tables[0].columns[PREVIOUS] == 2 and tables[0].columns[PREVIOUS_PERIOD] == 3
    assert tables[0].columns[CURRENT] == 4 and tables[0].columns[CURRENT_PERIOD] == 5
    assert tables[0].columns["label"] == 1 and tables[0].columns["ref"] == 0
    assert [r.label for r in tables[0].rows] == [V1, V2]
    second = tables[1].rows
    assert second[0].is_heading and second[0].label.startswith("Reduce the percentage of appeals")
    assert second[1].parent is second[0] and second[2].parent is second[0]
    assert second[3].parent is None and second[3].number == "11"
    assert tables[1].notes == [(13, "Note: figures are provisional.")]


def test_columns_in_any_order_with_target_rag_commentary(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ["Putting Victims First"],
        ["RAG", "Commentary", "This year", "Indicator", "Target", "Last year", "Ref"],
        ["Green", "Improving", "98.8%", V1, None, "99.0%", "V1"],
        ["Amber", "Below target", "87% (+/- 2.5%)", "Needs assessments to a satisfactory standard", "90%", "n/a",
         None],
    ]
    path = write_sheet(tmp_path / "t.xlsx", rows)
    table = find_tables(read_workbook(path).sheets[0])[0]
    assert table.columns[CURRENT] == 2 and table.columns[PREVIOUS] == 5 and table.columns[RAG] == 0
    assert table.columns["label"] == 3 and table.columns["ref"] == 6
    reading = read_return(path, example_plan)
    rows_by_ref = {r.ref: r for r in reading.rows}
    assert rows_by_ref["V1"].current.value == 98.8 and rows_by_ref["V1"].previous.value == 99.0
    assert rows_by_ref["V1"].match_method == "ref"
    assert rows_by_ref["V1"].commentary == "Improving"
    assert rows_by_ref["V3"].match_method == "alias"
    assert rows_by_ref["V3"].current.half_width == 2.5


def test_two_row_header_with_merged_group_cells(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ["Indicator", None, None, None, None, "Note"],
        [None, "Value", "Period", "Value", "Period", None],
        [V1, "99.0%", "12 months to May 2015", "98.8%", "12 months to Jun 2015", "1st nationally"],
        [C2, "41.6%", "2014/15", "36.2%", "April to June 2015", None],
    ]
    merges = [(0, 1, 0, 2, "Previous"), (0, 3, 0, 4, "Current")]
    path = write_sheet(tmp_path / "t.xlsx", rows, merges)
    table = find_tables(read_workbook(path).sheets[0])[0]
    assert table.header_rows == 2
    assert (table.columns[PREVIOUS], table.columns[PREVIOUS_PERIOD]) == (1, 2)
    assert (table.columns[CURRENT], table.columns[CURRENT_PERIOD]) == (3, 4)
    reading = read_return(path, example_plan)
    got = {r.ref: (r.previous.value, r.previous_period, r.current.value, r.current_period) for r in reading.rows}
    assert got == {"V1": (99.0, "12 months to May 2015", 98.8, "12 months to Jun 2015"),
                   "C2": (41.6, "2014/15", 36.2, "April to June 2015")}


def test_baseline_and_ytd_variant_with_percent_cells(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ["Measure", "Baseline", "YTD", "Target", "RAG"],
        ["Domestic abuse conviction rate", 0.66, 0.68, 0.75, "Amber"],
    ]
    path = write_sheet(tmp_path / "t.xlsx", rows, percent={(1, 1), (1, 2), (1, 3)})
    reading = read_return(path, example_plan)
    assert [(r.ref, r.previous.value, r.current.value, r.match_method) for r in reading.rows] == \
        [("D2", 66.0, 68.0, "alias")]


def test_blank_rows_inside_a_block_do_not_end_it(tmp_path: Path) -> None:
    rows = [
        [None, "Previous", "Current"],
        [V1, "99%", "98%"],
        [],
        [V2, "93%", "92%"],
        [],
        [],
        ["Something else entirely", None, None],
    ]
    table = find_tables(read_workbook(write_sheet(tmp_path / "t.xlsx", rows)).sheets[0])[0]
    assert [r.label for r in table.rows] == [V1, V2]


def test_a_sheet_without_tables_gives_a_problem_not_a_crash(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    path = write_sheet(tmp_path / "t.xlsx", [["Area", "Crimes"], ["Newcastle", 1200]])
    reading = read_return(path, example_plan)
    assert reading.rows == []
    assert [p.code for p in reading.problems] == ["no-indicator-tables"]
    assert reading.problems[0].location.file == "t.xlsx"


def test_unreadable_value_is_reported_with_its_cell(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    rows = [[None, "Previous", "Current"], [V1, "99%", "about ninety"]]
    reading = read_return(write_sheet(tmp_path / "t.xlsx", rows), example_plan)
    bad = [p for p in reading.problems if p.code == "unreadable-value"]
    assert len(bad) == 1 and bad[0].location.cell == "C2" and "about ninety" in bad[0].message
    assert reading.rows[0].current.value is None and reading.rows[0].previous.value == 99.0


def test_columns_named_by_their_period(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ["Community Confidence"],
        ["Indicator", "Q3 2014/15", "Q4 2014/15", "Q1 2015/16", "Target", "RAG"],
        [C2, "44%", "41.6%", "36.2%", None, None],
        ["Increase the conviction rate at Magistrate’s Court to 85%.", "78%", "79.2%", "81.4%", "85%", "Amber"],
        [],
        [None, "Q1 2015/16", None, "Q2 2015/16"],  # blank between the periods: not a header
    ]
    path = write_sheet(tmp_path / "t.xlsx", rows)
    [table] = find_tables(read_workbook(path).sheets[0])
    assert (table.columns[PREVIOUS], table.columns[CURRENT], table.columns[TARGET]) == (2, 3, 4)
    assert table.weak and table.periods == {PREVIOUS_PERIOD: "Q4 2014/15", CURRENT_PERIOD: "Q1 2015/16"}
    reading = read_return(path, example_plan)
    got = {r.ref: (r.previous.value, r.previous_period, r.current.value, r.current_period) for r in reading.rows}
    assert got == {"C2": (41.6, "Q4 2014/15", 36.2, "Q1 2015/16"), "C4": (79.2, "Q4 2014/15", 81.4, "Q1 2015/16")}
    assert reading.reporting_period == "2015-16 Q1"


def test_dates_over_columns_of_a_statistical_table_are_not_a_return(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    path = tmp_path / "t.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Table_1")
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_string(0, 0, "Force")
    ws.write_datetime(0, 1, dt.datetime(2018, 9, 30), date)
    ws.write_datetime(0, 2, dt.datetime(2019, 9, 30), date)
    ws.write_string(1, 0, "Cleveland")
    ws.write_number(1, 1, 1223.92)
    ws.write_number(1, 2, 1225.89)
    book.close()
    [table] = find_tables(read_workbook(path).sheets[0])
    assert table.periods[CURRENT_PERIOD] == "As at 30 September 2019"
    reading = read_return(path, example_plan)
    assert reading.rows == [] and [p.code for p in reading.problems] == ["no-indicator-tables"]


def test_last_year_against_this_year_to_date(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ["Performance Indicator", "2014/15", "2015/16 YTD", "Target", "RAG", "Commentary"],
        ["Domestic abuse conviction rate", "66%", "68%", "75%", "Red", "CPS working group set up"],
    ]
    reading = read_return(write_sheet(tmp_path / "t.xlsx", rows), example_plan)
    assert [(r.ref, r.previous.value, r.previous_period, r.current.value, r.current_period, r.commentary)
            for r in reading.rows] == [("D2", 66.0, "2014/15", 68.0, "2015/16 YTD", "CPS working group set up")]


def test_separate_interval_columns_and_percent_cells(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ["Indicator", "Previous", "+/-", "Period", "Current", "+/-", "Period", "Change"],
        [V1, 0.99, 0.006, "12 months to May 2015", 0.988, 0.006, "12 months to Jun 2015", "-0.2pp"],
    ]
    percent = {(1, 1), (1, 2), (1, 4), (1, 5)}
    path = write_sheet(tmp_path / "t.xlsx", rows, percent=percent)
    table = find_tables(read_workbook(path).sheets[0])[0]
    assert (table.columns["previous_ci"], table.columns["current_ci"]) == (2, 5)
    assert (table.columns[PREVIOUS_PERIOD], table.columns[CURRENT_PERIOD]) == (3, 6)
    [row] = read_return(path, example_plan).rows
    assert (row.previous.value, row.previous.half_width, row.current.value, row.current.half_width) == \
        (99.0, 0.6, 98.8, 0.6)
