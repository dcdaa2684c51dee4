"""Figures a force's spreadsheet holds differently from what a person sees in Excel, and returns whose period is
not the pack's: each is either read as a person reads it or named at its cell, never shown silently wrong.

Every fixture is built here; every expected value is worked out by hand from the fixture.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter

from pccdesk.panel_pack import PackRequest, PackResult, build, check
from pccdesk.problems import PccdeskError

PLAN_ROWS = [
    ("A1", "Victims", "Percentage of victims satisfied", "percent", "higher", 75, 5),
    ("A2", "Victims", "Domestic abuse conviction rate", "percent", "higher", 75, 5),
    ("B1", "Crime", "Number of burglary dwelling offences", "number", "lower", 1000, 50),
    ("B2", "Crime", "Number of live complaints", "number", "lower", 300, None),
]
HEADER = ["Indicator", "Previous", "Period", "Current", "Period"]


def write_plan(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Indicators"
    ws.append(["ref", "objective", "indicator", "measure", "better", "target", "amber_within"])
    for row in PLAN_ROWS:
        ws.append(list(row))
    wb.save(path)
    return path


def table_rows(b1_current: Any = 1100) -> list[list[Any]]:
    """The four indicators for April to June 2023 against January to March 2023."""
    return [
        ["Percentage of victims satisfied", 70, "Jan to Mar 2023", 72, "Apr to Jun 2023"],
        ["Domestic abuse conviction rate", 70, "Jan to Mar 2023", 71, "Apr to Jun 2023"],
        ["Number of burglary dwelling offences", 1200, "Jan to Mar 2023", b1_current, "Apr to Jun 2023"],
        ["Number of live complaints", 200, "Jan to Mar 2023", 210, "Apr to Jun 2023"],
    ]


def checked(tmp_path: Path, ret: Path, period: str = "2023-24 Q1") -> PackResult:
    return check(PackRequest(definitions=write_plan(tmp_path / "plan.xlsx"), returns=[ret], period=period,
                             use_history=False))


def by_ref(result: PackResult) -> dict[str, Any]:
    return {r.ref: r for r in result.results}


def codes_at(result: PackResult, code: str) -> list[str]:
    return [f"{p.location.sheet}!{p.location.cell}" for p in result.problems if p.code == code]


def return_sheet(rows: list[list[Any]], header: list[str] = HEADER, sheet: str = "Q1 2023-24",
                 title: str | None = None) -> tuple[Any, Any]:
    """A return of one table (an optional title above it) as an openpyxl workbook and its sheet, for a test to
    change before saving."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    if title is not None:
        ws.append([title])
        ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    return wb, ws


def test_formula_without_saved_result_is_named_not_shown_as_no_data(tmp_path: Path) -> None:
    # openpyxl saves a formula with no result: Excel shows 1,100 (1,200 − 100); the file holds nothing
    wb, _ = return_sheet(table_rows(b1_current="=B4-100"))
    wb.save(tmp_path / "return.xlsx")
    result = checked(tmp_path, tmp_path / "return.xlsx")
    assert codes_at(result, "uncalculated-formula") == ["Q1 2023-24!D4"]
    problem = next(p for p in result.problems if p.code == "uncalculated-formula")
    assert problem.severity.value == "error" and "save it" in problem.message
    assert by_ref(result)["B1"].current_value is None  # not guessed
    assert by_ref(result)["B2"].current_value == 210  # the others are read as before


def test_formula_saved_as_placeholder_zero_is_not_a_figure_of_zero(tmp_path: Path) -> None:
    # xlsxwriter saves 0 as every formula's result and asks Excel to recalculate on opening: Excel shows 1,100,
    # the file holds 0; reading 0 burglaries would make B1 Green against its target of 1,000
    wb = xlsxwriter.Workbook(tmp_path / "return.xlsx")
    ws = wb.add_worksheet("Q1 2023-24")
    ws.write_row(0, 0, HEADER)
    for r, row in enumerate(table_rows(b1_current=None), start=1):
        ws.write_row(r, 0, row)
    ws.write_formula("D4", "=B4-100")
    wb.close()
    result = checked(tmp_path, tmp_path / "return.xlsx")
    assert codes_at(result, "uncalculated-formula") == ["Q1 2023-24!D4"]
    b1 = by_ref(result)["B1"]
    assert b1.current_value is None and b1.status.value == "No data"


def test_formula_with_its_result_saved_is_read_as_excel_shows_it(tmp_path: Path) -> None:
    wb = xlsxwriter.Workbook(tmp_path / "return.xlsx")
    ws = wb.add_worksheet("Q1 2023-24")
    ws.write_row(0, 0, HEADER)
    for r, row in enumerate(table_rows(b1_current=None), start=1):
        ws.write_row(r, 0, row)
    ws.write_formula("D4", "=B4-100", None, 1100)
    wb.set_calc_mode("manual")  # no request to recalculate: the saved 1,100 is the result
    wb.close()
    result = checked(tmp_path, tmp_path / "return.xlsx")
    assert codes_at(result, "uncalculated-formula") == []
    assert by_ref(result)["B1"].current_value == 1100 and by_ref(result)["B1"].status.value == "Red"  # 100 over


def test_excel_error_value_is_named_at_its_cell(tmp_path: Path) -> None:
    wb = xlsxwriter.Workbook(tmp_path / "return.xlsx")
    ws = wb.add_worksheet("Q1 2023-24")
    ws.write_row(0, 0, HEADER)
    for r, row in enumerate(table_rows(), start=1):
        ws.write_row(r, 0, row)
    ws.write_formula("D2", "=1/0", None, "#DIV/0!")
    wb.set_calc_mode("manual")
    wb.close()
    result = checked(tmp_path, tmp_path / "return.xlsx")
    assert codes_at(result, "error-value-in-cell") == ["Q1 2023-24!D2"]
    assert "#DIV/0!" in next(p.message for p in result.problems if p.code == "error-value-in-cell")
    assert by_ref(result)["A1"].status.value == "No data"


def test_figure_from_a_hidden_row_is_named(tmp_path: Path) -> None:
    wb, ws = return_sheet(table_rows())
    ws.row_dimensions[3].hidden = True  # A2's row
    wb.save(tmp_path / "return.xlsx")
    result = checked(tmp_path, tmp_path / "return.xlsx")
    assert codes_at(result, "hidden-row-used") == ["Q1 2023-24!D3"]
    assert "row 3 is hidden" in next(p.message for p in result.problems if p.code == "hidden-row-used")


def test_ordinary_return_has_none_of_these_notes(tmp_path: Path) -> None:
    wb, _ = return_sheet(table_rows())
    wb.save(tmp_path / "return.xlsx")
    result = checked(tmp_path, tmp_path / "return.xlsx")
    found = {p.code for p in result.problems}
    assert not found & {"uncalculated-formula", "error-value-in-cell", "hidden-row-used"}
    assert by_ref(result)["B1"].current_value == 1100


def write_table(path: Path, rows: list[list[Any]], sheet: str = "Q1 2023-24", title: str | None = None) -> Path:
    wb, _ = return_sheet(rows, sheet=sheet, title=title)
    wb.save(path)
    return path


def test_blank_current_figure_is_named_at_its_cell(tmp_path: Path) -> None:
    ret = write_table(tmp_path / "return.xlsx", table_rows(b1_current=None))
    result = checked(tmp_path, ret)
    assert by_ref(result)["B1"].status.value == "No data"
    warned = [p for p in result.problems if p.code == "indicator-no-value" and p.location.cell]
    assert [(p.location.sheet, p.location.cell) for p in warned] == [("Q1 2023-24", "D4")]
    assert "B1" in warned[0].message and "blank" in warned[0].message


def test_placeholder_chosen_by_the_force_is_not_called_blank(tmp_path: Path) -> None:
    ret = write_table(tmp_path / "return.xlsx", table_rows(b1_current="n/a"))
    result = checked(tmp_path, ret)
    assert by_ref(result)["B1"].status.value == "No data"
    assert not [p for p in result.problems if p.code == "indicator-no-value" and p.location.cell]


def test_blank_row_in_one_return_gives_way_to_the_figure_in_another(tmp_path: Path) -> None:
    first = write_table(tmp_path / "first.xlsx", table_rows(b1_current=None))
    second = write_table(tmp_path / "second.xlsx", [table_rows()[2]])
    result = check(PackRequest(definitions=write_plan(tmp_path / "plan.xlsx"), returns=[first, second],
                               period="2023-24 Q1", use_history=False))
    b1 = by_ref(result)["B1"]
    assert b1.current_value == 1100 and b1.status.value == "Red"  # 1,100 against 1,000 + 50 amber
    assert b1.source.file == "second.xlsx"
    assert not [p for p in result.problems if p.code in ("indicator-given-twice", "indicator-no-value")]



def test_figure_from_last_years_sheet_is_named(tmp_path: Path) -> None:
    # this year's sheet lacks B2; a second sheet holds last year's figures, B2 among them: B2's 200 is April to
    # June 2022, four quarters before the pack's, yet it would be taken as 2023-24 Q1's figure
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Q1 2023-24"
    ws.append(HEADER)
    for row in table_rows()[:3]:
        ws.append(row)
    old = wb.create_sheet("Q1 2022-23")
    old.append(HEADER)
    old.append(["Number of live complaints", 190, "Jan to Mar 2022", 200, "Apr to Jun 2022"])
    wb.save(tmp_path / "return.xlsx")
    result = checked(tmp_path, tmp_path / "return.xlsx")
    warned = [p for p in result.problems if p.code == "figure-period-other-quarter"]
    assert [(p.location.sheet, p.location.cell) for p in warned] == [("Q1 2022-23", "D2")]
    assert "2022-23 Q1" in warned[0].message and "B2" in warned[0].message


@pytest.mark.parametrize("text", ["12 months to March 2023", "Jan to Mar 2023", "As at 3 July 2023"])
def test_lagging_survey_and_as_at_figures_are_not_warned(tmp_path: Path, text: str) -> None:
    rows = table_rows()
    rows[0][4] = text  # a quarter before, or a day after, April to June 2023
    result = checked(tmp_path, write_table(tmp_path / "return.xlsx", rows))
    assert not [p for p in result.problems if p.code == "figure-period-other-quarter"]


@pytest.mark.parametrize("title", ["Performance return Quarter 2 2023/24", "Performance July to September 2023",
                                   "Police and Crime Plan Q2 23/24", "Return 2023-24 Q2"])
def test_quarter_named_only_in_the_title_is_checked(tmp_path: Path, title: str) -> None:
    # no period cells: the title alone says July to September 2023, so packing it as 2023-24 Q3 is refused
    rows = [row[:2] + [None] + [row[3], None] for row in table_rows()]
    ret = write_table(tmp_path / "return.xlsx", rows, sheet="Sheet1", title=title)
    result = checked(tmp_path, ret, period="2023-24 Q3")
    assert [p.code for p in result.problems if p.severity.value == "error"] == ["return-period-mismatch"]
    assert '--period "2023-24 Q2"' in next(p.message for p in result.problems if p.code == "return-period-mismatch")


@pytest.mark.parametrize("typed", ["Q1 2023/24", "Quarter 1 23/24", "Apr-Jun 2023", "April to June 2023",
                                   "2023/24 Q1"])
def test_period_typed_any_usual_way_is_one_label(tmp_path: Path, typed: str) -> None:
    result = checked(tmp_path, write_table(tmp_path / "return.xlsx", table_rows()), period=typed)
    assert result.period == "2023-24 Q1"
    assert not [p for p in result.problems if p.code in ("return-period-mismatch", "period-not-dated")]


@pytest.mark.parametrize("typed", ["Q2 2023/24", "July to September 2023", "Q2 23/24"])
def test_period_typed_another_way_is_still_checked(tmp_path: Path, typed: str) -> None:
    # the figures are for April to June 2023 (2023-24 Q1): 2023-24 Q2 however written is refused
    result = checked(tmp_path, write_table(tmp_path / "return.xlsx", table_rows()), period=typed)
    assert [p.code for p in result.problems if p.severity.value == "error"] == ["return-period-mismatch"]


def test_quarter_with_one_calendar_year_stops_the_run(tmp_path: Path) -> None:
    with pytest.raises(PccdeskError) as raised:
        checked(tmp_path, write_table(tmp_path / "return.xlsx", table_rows()), period="Q2 2023")
    # calendar Q2 2023 is April to June 2023 (2023-24 Q1); the financial year's Q2 is July to September 2023
    assert raised.value.code == "period-ambiguous"
    assert '"2023-24 Q1" for April to June 2023' in str(raised.value)
    assert '"2023-24 Q2" for July to September 2023' in str(raised.value)


def test_free_text_period_says_nothing_was_checked(tmp_path: Path) -> None:
    result = checked(tmp_path, write_table(tmp_path / "return.xlsx", table_rows()), period="Autumn panel")
    assert result.period == "Autumn panel"
    assert [p.code for p in result.problems if p.code == "period-not-dated"] == ["period-not-dated"]


def test_corrected_return_under_another_spelling_replaces_the_figures(tmp_path: Path) -> None:
    from pccdesk.store.history_store import HistoryStore

    plan = write_plan(tmp_path / "plan.xlsx")
    db = tmp_path / "history.sqlite"
    first = write_table(tmp_path / "first.xlsx", table_rows())
    corrected = write_table(tmp_path / "corrected.xlsx", table_rows(b1_current=1090))
    for ret, typed in ((first, "2023-24 Q1"), (corrected, "Q1 2023/24")):
        build(PackRequest(definitions=plan, returns=[ret], period=typed, db=db, out=tmp_path / f"{ret.stem}-pack.xlsx"))
    with HistoryStore(db) as store:
        assert [(v.reporting_period, v.value) for v in store.series("B1")] == [("2023-24 Q1", 1090)]


def test_stated_change_is_not_compared_with_a_level_target(tmp_path: Path) -> None:
    # "+6%, +47 crimes" is 47 more burglaries than last year, not 47 burglaries: against the target of 1,000 it
    # would be Green
    rows = table_rows(b1_current="+6%, +47 crimes")
    rows[2][1] = "+7%, +36 crimes"
    result = checked(tmp_path, write_table(tmp_path / "return.xlsx", rows))
    b1 = by_ref(result)["B1"]
    assert b1.status.value == "No data"
    assert codes_at(result, "stated-change") == ["Q1 2023-24!D4"]
    assert "target 1000" in next(p.message for p in result.problems if p.code == "stated-change")


@pytest.mark.parametrize("current", ["+3", "- 34"])
def test_signed_figure_beside_a_level_gives_no_change(tmp_path: Path, current: str) -> None:
    # previous 200 live complaints; "+3" or "- 34" is a change: 3 − 200 = −197 "Improved" would be invented
    complaints = table_rows()[3]
    complaints[3] = current
    result = checked(tmp_path, write_table(tmp_path / "return.xlsx", [complaints]))
    b2 = by_ref(result)["B2"]
    assert b2.change.change is None and b2.change.direction.value == "Not comparable"
    assert b2.status.value == "No data"  # B2 has a target of 300
    assert set(codes_at(result, "stated-change")) == {"Q1 2023-24!D2"}


def test_percentage_change_alone_is_named(tmp_path: Path) -> None:
    rows = table_rows()
    rows[0][3] = "+2%"
    result = checked(tmp_path, write_table(tmp_path / "return.xlsx", rows))
    assert by_ref(result)["A1"].status.value == "No data"
    assert codes_at(result, "stated-change") == ["Q1 2023-24!D2"]


def test_stored_change_is_not_taken_as_a_previous_level(tmp_path: Path) -> None:
    # Q1 gives B1 as "+6%, +47 crimes" (stored as 47); Q2 gives 1,049 with no previous: 1,049 − 47 = +1,002
    # "Deteriorated" would be invented
    plan, db = write_plan(tmp_path / "plan.xlsx"), tmp_path / "history.sqlite"
    q1 = write_table(tmp_path / "q1.xlsx", [table_rows(b1_current="+6%, +47 crimes")[2]])
    build(PackRequest(definitions=plan, returns=[q1], period="2023-24 Q1", db=db, out=tmp_path / "q1-pack.xlsx"))
    q2 = write_table(tmp_path / "q2.xlsx", [["Number of burglary dwelling offences", None, None, 1049,
                                              "Jul to Sep 2023"]], sheet="Q2 2023-24")
    result = check(PackRequest(definitions=plan, returns=[q2], period="2023-24 Q2", db=db))
    b1 = by_ref(result)["B1"]
    assert b1.previous_from_history and b1.previous is not None and b1.previous.value is None
    assert b1.change.change is None and b1.change.direction.value == "Not comparable"
    assert b1.status.value == "Amber"  # 1,049 is 49 over the target of 1,000, within the amber margin of 50


def write_abuse_plan(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Indicators"
    ws.append(["ref", "objective", "indicator", "measure", "better", "target", "amber_within"])
    ws.append(["D1", "Abuse", "Domestic abuse conviction rate", "percent", "higher", 75, 5])
    ws.append(["D2", "Abuse", "Domestic abuse arrest rate", "percent", "higher", None, None])
    wb.save(path)
    return path


def test_row_fitting_two_indicators_equally_is_never_applied_on_its_own(tmp_path: Path) -> None:
    # "Domestic abuse rate" is every word of both D1 and D2 but for the one telling them apart
    ret = write_table(tmp_path / "return.xlsx", [["Domestic abuse rate", 60, "Jan to Mar 2023", 61, "Apr to Jun 2023"]])
    request = PackRequest(definitions=write_abuse_plan(tmp_path / "plan.xlsx"), returns=[ret], period="2023-24 Q1",
                          use_history=False, accept_suggestions=True)
    result = check(request)
    assert {r.ref: r.current_value for r in result.results} == {"D1": None, "D2": None}
    message = next(p.message for p in result.problems if p.code == "match-suggested")
    assert "D1 and D2 equally well" in message and "even with --accept-suggestions" in message


def test_suggestions_listed_are_the_ones_accepted(tmp_path: Path) -> None:
    # the first row is D1; the second then fits D2 best. Without --accept-suggestions both rows were listed as
    # D1, and with it the second was applied as D2, a match the officer had never been shown
    rows = [["DA conviction rate", 70, "Jan to Mar 2023", 71, "Apr to Jun 2023"],
            ["Domestic abuse rate", 60, "Jan to Mar 2023", 61, "Apr to Jun 2023"]]
    ret = write_table(tmp_path / "return.xlsx", rows)
    plan = write_abuse_plan(tmp_path / "plan.xlsx")
    listed = check(PackRequest(definitions=plan, returns=[ret], period="2023-24 Q1", use_history=False))
    shown = {s.label: s.ref for reading in listed.readings for s in reading.suggestions}
    accepted = check(PackRequest(definitions=plan, returns=[ret], period="2023-24 Q1", use_history=False,
                                 accept_suggestions=True))
    applied = {r.label: r.ref for reading in accepted.readings for r in reading.rows}
    assert shown == applied == {"DA conviction rate": "D1", "Domestic abuse rate": "D2"}


def test_template_period_cells_holding_dates_are_checked(tmp_path: Path) -> None:
    # the template is for 2023-24 Q2 (July to September 2023), but the force dated every figure 31/12/2023
    # (2023-24 Q3): the dates were read as "2023-12-31 00:00:00", understood as nothing, and not checked
    import datetime as dt

    from pccdesk.indicators.definitions import load_definitions
    from pccdesk.indicators.plan_templates import write_return_template

    plan_path = write_plan(tmp_path / "plan.xlsx")
    template = write_return_template(tmp_path / "template.xlsx", load_definitions(plan_path), "2023-24 Q2")
    wb = openpyxl.load_workbook(template)
    ws = wb["Return"]
    header = next(r for r in ws.iter_rows(min_row=1, max_row=30) if any(c.value == "Ref" for c in r))
    col = {c.value: c.column for c in header}
    figures = {"A1": 72, "A2": 71, "B1": 1100, "B2": 210}
    for r in range(header[0].row + 1, ws.max_row + 1):
        ref = ws.cell(r, col["Ref"]).value
        if ref in figures:
            ws.cell(r, col["Current value"]).value = figures[ref]
            ws.cell(r, col["Current period"]).value = dt.datetime(2023, 12, 31)
    wb.save(tmp_path / "filled.xlsx")
    result = check(PackRequest(definitions=plan_path, returns=[tmp_path / "filled.xlsx"], use_history=False))
    assert result.period == "2023-24 Q2"
    mismatch = [p.message for p in result.problems if p.code == "return-period-mismatch"]
    assert len(mismatch) == 1 and "31 December 2023 (2023-24 Q3)" in mismatch[0]
    assert by_ref(result)["B1"].current_period == "As at 31 December 2023"


@pytest.mark.parametrize(("row", "cell", "current"), [
    (2, "D4", "6%"),        # B1 is a count of burglaries: 6% against its target of 1,000 would be Green
    (0, "D2", "72 days"),   # A1 is a percentage: 72 days is not 72%
    (0, "D2", "£72"),
])
def test_figure_of_another_kind_than_the_indicator_is_left_out_and_named(tmp_path: Path, row: int, cell: str,
                                                                         current: str) -> None:
    rows = table_rows()
    rows[row][3] = current
    result = checked(tmp_path, write_table(tmp_path / "return.xlsx", rows))
    ref = PLAN_ROWS[row][0]
    assert by_ref(result)[ref].current_value is None and by_ref(result)[ref].status.value == "No data"
    assert codes_at(result, "unit-mismatch") == [f"Q1 2023-24!{cell}"]


def test_rates_and_plain_numbers_fit_their_indicators(tmp_path: Path) -> None:
    rows = table_rows()
    rows[3][3] = "210 per month"  # a count given per month is still a count
    rows[0][3] = "72"             # a percentage written without its sign
    result = checked(tmp_path, write_table(tmp_path / "return.xlsx", rows))
    assert not codes_at(result, "unit-mismatch")
    assert by_ref(result)["B2"].current_value == 210 and by_ref(result)["A1"].current_value == 72


@pytest.mark.parametrize("order", ["blank first", "blank last"])
def test_blank_row_in_a_second_return_does_not_erase_the_stored_figure(tmp_path: Path, order: str) -> None:
    # two returns for 2023-24 Q1: one gives B2 = 210, the other has B2's row with its current cell blank.
    # The blank superseded 210 in the history, so 2023-24 Q2 found no previous figure for B2
    from pccdesk.store.history_store import HistoryStore

    plan, db = write_plan(tmp_path / "plan.xlsx"), tmp_path / "history.sqlite"
    given = write_table(tmp_path / "given.xlsx", [table_rows()[3]])
    blank_row = table_rows()[3]
    blank_row[3] = None
    blank = write_table(tmp_path / "blank.xlsx", [table_rows()[0], blank_row])
    returns = [blank, given] if order == "blank first" else [given, blank]
    result = build(PackRequest(definitions=plan, returns=returns, period="2023-24 Q1", db=db, out=tmp_path / "p.xlsx"))
    assert by_ref(result)["B2"].current_value == 210
    assert not [p for p in result.problems if p.code == "indicator-given-twice"]
    with HistoryStore(db) as store:
        assert [(v.reporting_period, v.value) for v in store.series("B2")] == [("2023-24 Q1", 210)]


def test_blank_row_and_a_figure_row_in_one_return(tmp_path: Path) -> None:
    blank_row = table_rows()[3]
    blank_row[3] = None
    ret = write_table(tmp_path / "return.xlsx", [blank_row, table_rows()[3]])
    result = checked(tmp_path, ret)
    assert by_ref(result)["B2"].current_value == 210 and by_ref(result)["B2"].source.cell == "D3"
    assert not [p for p in result.problems if p.code in ("indicator-given-twice", "indicator-no-value")
                and p.location.cell]


def test_previous_figure_differing_from_the_stored_one_is_named(tmp_path: Path) -> None:
    # Q1 stored A1 = 72% for April to June 2023; Q2's return gives 70% as its previous figure for the same
    # months: the Previous column and the History sheet would show two figures for one quarter
    plan, db = write_plan(tmp_path / "plan.xlsx"), tmp_path / "history.sqlite"
    build(PackRequest(definitions=plan, returns=[write_table(tmp_path / "q1.xlsx", table_rows())], period="2023-24 Q1",
                      db=db, out=tmp_path / "q1-pack.xlsx"))
    q2 = [["Percentage of victims satisfied", 70, "April to June 2023", 74, "Jul to Sep 2023"],
          ["Number of live complaints", 210, "Apr-Jun 2023", 220, "Jul to Sep 2023"]]  # agrees with the history
    result = check(PackRequest(definitions=plan, returns=[write_table(tmp_path / "q2.xlsx", q2, sheet="Q2 2023-24")],
                               period="2023-24 Q2", db=db))
    assert codes_at(result, "previous-differs-from-history") == ["Q2 2023-24!B2"]
    a1 = by_ref(result)["A1"]
    assert a1.previous_value == 70 and a1.change.change == 4  # the return's figure is shown, and said to differ


@pytest.mark.parametrize("typed", ["Q1 2023/25", "2023-25 Q1", "2023/2025"])
def test_period_whose_years_are_not_one_financial_year_is_not_dated(tmp_path: Path, typed: str) -> None:
    from pccdesk.periods import reporting_period_start

    assert reporting_period_start(typed) is None
    result = checked(tmp_path, write_table(tmp_path / "return.xlsx", table_rows()), period=typed)
    assert [p.code for p in result.problems if p.code == "period-not-dated"] == ["period-not-dated"]


def test_two_current_columns_and_a_hidden_one_are_named(tmp_path: Path) -> None:
    # column D, hidden, holds last quarter's figures under the same heading as E: D was read without a word
    wb, ws = return_sheet([["Percentage of victims satisfied", 70, "Jan to Mar 2023", 60, 72, "Apr to Jun 2023"]],
                          header=["Indicator", "Previous", "Period", "Current", "Current", "Period"])
    ws.column_dimensions["D"].hidden = True
    wb.save(tmp_path / "return.xlsx")
    result = checked(tmp_path, tmp_path / "return.xlsx")
    assert codes_at(result, "figure-column-repeated") == ["Q1 2023-24!E1"]
    assert "column D is hidden" in next(p.message for p in result.problems if p.code == "hidden-row-used")


def test_force_target_and_status_that_are_not_the_plans_are_named(tmp_path: Path) -> None:
    # A1: the force writes target 70% and marks 72% Green; the plan's target is 75% with 5 points amber: Amber.
    # B2: the force's target agrees (300) and its status agrees (Green): nothing to say
    wb, _ = return_sheet([["Percentage of victims satisfied", 70, 72, "70%", "Green"],
                          ["Number of live complaints", 200, 210, 300, "G"]],
                         header=["Indicator", "Previous", "Current", "Target", "RAG"])
    wb.save(tmp_path / "return.xlsx")
    result = checked(tmp_path, tmp_path / "return.xlsx")
    assert by_ref(result)["A1"].status.value == "Amber" and by_ref(result)["B2"].status.value == "Green"
    assert codes_at(result, "stated-target-differs") == ["Q1 2023-24!D2"]
    assert codes_at(result, "stated-status-differs") == ["Q1 2023-24!E2"]
    assert "is Amber" in next(p.message for p in result.problems if p.code == "stated-status-differs")


@pytest.mark.parametrize("half", [0.6, 0.006])
def test_interval_beside_a_fraction_is_read_in_points(tmp_path: Path, half: float) -> None:
    # 0.99 → 0.95 with ±0.6 points each side: the change of −4 points is more than √(0.6² + 0.6²) ≈ 0.85, so it
    # is a significant deterioration. Read as a fraction, ±0.6 became ±60 points and the drop "not significant"
    wb, _ = return_sheet([["Percentage of victims satisfied", 0.99, half, "12 months to Mar 2023", 0.95, half,
                           "12 months to Jun 2023"]],
                         header=["Indicator", "Previous", "±", "Period", "Current", "±", "Period"])
    wb.save(tmp_path / "return.xlsx")
    a1 = by_ref(checked(tmp_path, tmp_path / "return.xlsx"))["A1"]
    assert a1.current is not None and a1.current.half_width == pytest.approx(0.6)
    assert a1.change.change == -4 and a1.change.direction.value == "Deteriorated"


def test_figures_under_a_wording_merged_over_two_rows_are_named(tmp_path: Path) -> None:
    # A2:A3 merged: row 2 holds the force's figures, row 3 the most similar group's; row 3 was dropped silently
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Q1 2023-24"
    ws.append(HEADER)
    ws.append(["Percentage of victims satisfied", 70, "Jan to Mar 2023", 72, "Apr to Jun 2023"])
    ws.append([None, 80, "Jan to Mar 2023", 81, "Apr to Jun 2023"])
    ws.merge_cells("A2:A3")
    wb.save(tmp_path / "return.xlsx")
    result = checked(tmp_path, tmp_path / "return.xlsx")
    assert by_ref(result)["A1"].current_value == 72
    assert codes_at(result, "figures-without-wording") == ["Q1 2023-24!A3"]
    assert "A2:A3" in next(p.message for p in result.problems if p.code == "figures-without-wording")


def test_formula_result_saved_by_a_program_that_asks_to_recalculate_is_used_with_a_warning(tmp_path: Path) -> None:
    # the program saved 1,100 and asked Excel to recalculate on opening: 1,100 may or may not be what Excel shows
    wb = xlsxwriter.Workbook(tmp_path / "return.xlsx")
    ws = wb.add_worksheet("Q1 2023-24")
    ws.write_row(0, 0, HEADER)
    for r, row in enumerate(table_rows(b1_current=None), start=1):
        ws.write_row(r, 0, row)
    ws.write_formula("D4", "=B4-100", None, 1100)
    wb.close()
    result = checked(tmp_path, tmp_path / "return.xlsx")
    assert by_ref(result)["B1"].current_value == 1100
    assert codes_at(result, "formula-not-recalculated") == ["Q1 2023-24!D4"]
    assert codes_at(result, "uncalculated-formula") == []
