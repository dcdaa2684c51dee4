"""More shapes from real returns: a heading written across the row in column A, one sheet per objective, hidden
working sheets, an indicator given twice, footnote marks on the wording."""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from pccdesk.indicators.returns import read_return

HEADER = [None, None, "Previous", "Period", "Current", "Period", "Comparative position or note"]
P2_HEADING = "Reducing the percentage of high or medium risk victims who have suffered a subsequent incident."


def _book(path: Path, sheets: dict[str, list[list[object]]], hidden: set[str] = frozenset(),  # type: ignore[assignment]
          merges: dict[str, list[tuple[int, int, int, int, str]]] | None = None) -> Path:
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    for name, rows in sheets.items():
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if isinstance(v, int | float):
                    ws.write_number(r, c, v)
                elif v is not None:
                    ws.write_string(r, c, str(v))
        for r1, c1, r2, c2, text in (merges or {}).get(name, []):
            ws.merge_range(r1, c1, r2, c2, text)
        if name in hidden:
            ws.hide()
    book.close()
    return path


def test_heading_across_column_a_with_the_number_on_its_first_sub_row(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    rows: list[list[object]] = [
        ["Objective Four – Preventing Crime"],
        HEADER,
        [1, "Reduce the number of burglary dwelling offences.", "+7%, +36 crimes", "As at 3 June 2015",
         "+6%, +47 crimes", "As at 6 July 2015", "Placed 1st"],
        [None],  # the heading, merged across A:G below
        [2, "Domestic Violence", "48%", "12 months to June 2014", "47%", "12 months to June 2015"],
        [None, "Crime", "29%", None, "35%", None],
        [None, "Overall", "44%", None, "44%", None],
    ]
    path = _book(tmp_path / "r.xlsx", {"Preventing Crime": rows},
                 merges={"Preventing Crime": [(3, 0, 3, 6, P2_HEADING)]})
    reading = read_return(path, example_plan)
    got = {r.ref: (r.label, r.current.value, r.current_period) for r in reading.rows}
    assert got == {"P1": ("Reduce the number of burglary dwelling offences.", None, "As at 6 July 2015"),
                   "P2a": ("Domestic Violence", 47.0, "12 months to June 2015"),
                   "P2b": ("Crime", 35.0, "12 months to June 2015"),
                   "P2e": ("Overall", 44.0, "12 months to June 2015")}
    assert reading.suggestions == [] and reading.unmatched == []


def test_one_sheet_per_objective_and_hidden_workings(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    dsa = [HEADER, [1, "Reduce the attrition rate from report to conviction (shown as a report to conviction rate)."],
           [None, "Rape", "10%", "2014/15", "11%", "Year to date"],
           [None, "Domestic Violence", "34%", "2014/15", "31%", "Year to date"]]
    prevent = [HEADER, [None, P2_HEADING], [None, "Domestic Violence", "48%", "12 months to June 2014", "47%",
                                            "12 months to June 2015"]]
    workings = [HEADER, [None, "Rape", "99%", "2014/15", "99%", "Year to date"]]
    path = _book(tmp_path / "r.xlsx", {"Domestic and Sexual Abuse": dsa, "Preventing Crime": prevent,
                                       "Workings": workings}, hidden={"Workings"})
    reading = read_return(path, example_plan)
    got = {r.ref: (r.current.value, r.current_location.sheet) for r in reading.rows}
    assert got == {"D1a": (11.0, "Domestic and Sexual Abuse"), "D1c": (31.0, "Domestic and Sexual Abuse"),
                   "P2a": (47.0, "Preventing Crime")}


def test_indicator_given_twice_with_different_values(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    rows: list[list[object]] = [HEADER, [1, "Re-bail rate.", "41.6%", "2014/15", "36.2%", "April to June 2015"],
                                [2, "Re-bail rate", "41.6%", "2014/15", "38.0%", "April to June 2015"]]
    reading = read_return(_book(tmp_path / "r.xlsx", {"S": rows}), example_plan)
    assert [(r.ref, r.current.value) for r in reading.rows] == [("C2", 36.2)]
    twice = [p for p in reading.problems if p.code == "indicator-given-twice"]
    assert len(twice) == 1 and twice[0].severity.value == "error" and twice[0].location.cell == "E3"


def test_footnote_marks_on_the_wording(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    rows: list[list[object]] = [HEADER, [1, "Re-bail rate.¹", "41.6%", "2014/15", "36.2%", "April to June 2015"],
                                [2, "Number of live complaints being managed.2", 270, "As at 31 March 2015", 178,
                                 "As at 30 June 2015"],
                                [], ["¹ Provisional figures."]]
    reading = read_return(_book(tmp_path / "r.xlsx", {"S": rows}), example_plan)
    assert [(r.ref, r.match_method) for r in reading.rows] == [("C2", "wording"), ("C11", "wording")]
