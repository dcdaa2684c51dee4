"""Reading the table of series for ``pccdesk spc``: periods, order, gaps and columns that are not series."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pccdesk.problems import PccdeskError, ProblemsFound
from pccdesk.spc.period_keys import period_start, period_starts
from pccdesk.spc.series_table import read_series_table


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "table.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "start"), [
    ("2021-04", dt.date(2021, 4, 1)), ("Apr 2021", dt.date(2021, 4, 1)), ("April 2021", dt.date(2021, 4, 1)),
    ("2021-22 Q2", dt.date(2021, 7, 1)), ("2021-22", dt.date(2021, 4, 1)), ("2011-12", dt.date(2011, 4, 1)),
    ("2021-12", dt.date(2021, 12, 1)), ("2021-04-15", dt.date(2021, 4, 15)), ("Week 3", None),
])
def test_periods_are_recognised_as_months_quarters_and_financial_years(text, start):
    assert period_start(text) == start


def test_rows_are_put_in_time_order_when_every_period_is_recognised(tmp_path):
    table = read_series_table(_csv(tmp_path, "Month,Calls\nMar 2022,3\nJan 2022,1\nFeb 2022,2\n"))
    series = table.series[0]
    assert [p.label for p in series.periods] == ["Jan 2022", "Feb 2022", "Mar 2022"]
    assert series.values == [1, 2, 3]
    assert not table.problems


def test_unrecognised_periods_keep_the_file_order_with_a_warning(tmp_path):
    table = read_series_table(_csv(tmp_path, "Week,Calls\nWeek 2,2\nWeek 1,1\n"))
    assert table.series[0].values == [2, 1]
    assert [p.code for p in table.problems] == ["spc-period-order"]
    assert table.problems[0].location.cell == "A2"


def test_a_period_given_twice_stops_the_run(tmp_path):
    with pytest.raises(PccdeskError) as caught:
        read_series_table(_csv(tmp_path, "Month,Calls\nJan 2022,1\n2022-01,2\n"))
    assert caught.value.code == "spc-duplicate-period" and "given twice" in str(caught.value)


def test_a_row_of_figures_without_a_period_stops_the_run(tmp_path):
    with pytest.raises(PccdeskError) as caught:
        read_series_table(_csv(tmp_path, "Month,Calls\nJan 2022,1\n,2\n"))
    assert caught.value.code == "spc-period-missing" and caught.value.location.cell == "A3"


def test_blanks_before_and_after_shorten_a_series_but_one_between_figures_leaves_it_out(tmp_path):
    table = read_series_table(_csv(tmp_path, "Month,Early,Gappy,Notes,\n"
                                   "Jan 2022,,1,ok,\nFeb 2022,5,,ok,9\nMar 2022,6,3,ok,\n"))
    assert [s.name for s in table.series] == ["Early"]
    assert table.series[0].values == [5, 6] and table.series[0].periods[0].label == "Feb 2022"
    codes = {p.code: p for p in table.problems}
    assert codes["spc-series-gap"].location.cell == "C3"
    assert "spc-series-shorter" in codes and "spc-not-a-series" in codes
    assert codes["spc-column-unnamed"].location.cell == "E1"


def test_a_file_with_no_series_stops_the_run(tmp_path):
    with pytest.raises(PccdeskError) as caught:
        read_series_table(_csv(tmp_path, "Month,Notes\nJan 2022,fine\n"))
    assert caught.value.code == "spc-no-series"


def test_percent_cells_and_figures_written_as_text_are_read_as_numbers(tmp_path):
    table = read_series_table(_csv(tmp_path, 'Month,Rate,Count\nJan 2022,98.8%,"1,234"\nFeb 2022,97.5%,"1,300"\n'))
    assert [s.values for s in table.series] == [[98.8, 97.5], [1234, 1300]]


def test_a_title_above_a_blank_first_column_and_notes_below_are_passed_over(tmp_path):
    table = read_series_table(_csv(tmp_path, "Calls handled by month\n\n,Month,Calls\n,Jan 2022,1\n,Feb 2022,2\n\n"
                                   ",Source: force control room,\n"))
    assert table.period_heading == "Month"
    assert [(s.name, s.values) for s in table.series] == [("Calls", [1, 2])]
    assert [p.label for p in table.series[0].periods] == ["Jan 2022", "Feb 2022"]
    assert not table.problems  # the note is not a period, so the order is still known


def test_a_blank_row_between_periods_is_a_gap_not_skipped(tmp_path):
    with pytest.raises(ProblemsFound) as caught:
        read_series_table(_csv(tmp_path, "Month,Calls,Crimes\nJan 2022,1,4\nFeb 2022,,\nMar 2022,3,5\n"))
    assert [(p.code, p.location.cell) for p in caught.value.problems] == [("spc-series-gap", "B3"),
                                                                          ("spc-series-gap", "C3")]


def test_year_month_labels_are_all_months_when_one_of_them_cannot_be_a_financial_year(tmp_path):
    # "2011-12" alone reads as the financial year 2011/12, but beside 2011-11 and 2012-01 it is December 2011
    table = read_series_table(_csv(tmp_path, "Month,Calls\n2012-01,3\n2011-12,2\n2011-11,1\n"))
    assert [p.label for p in table.series[0].periods] == ["2011-11", "2011-12", "2012-01"]
    assert period_starts(["2011-12", "2012-13"]) == [dt.date(2011, 4, 1), dt.date(2012, 4, 1)]


def test_a_month_missing_from_the_first_column_is_a_gap_not_joined_up(tmp_path):
    # Mar 2022 has no row at all: the moving range Feb→Apr would span two months, so the chart would be wrong
    with pytest.raises(ProblemsFound) as caught:
        read_series_table(_csv(tmp_path, "Month,Calls\nJan 2022,1\nFeb 2022,2\nApr 2022,4\nMay 2022,5\n"))
    [problem] = caught.value.problems
    assert problem.code == "spc-series-gap" and problem.location.cell == "A4"
    assert "Feb 2022" in problem.message and "Apr 2022" in problem.message


def test_a_missing_quarter_is_a_gap_but_a_series_that_starts_after_it_is_charted(tmp_path):
    table = read_series_table(_csv(tmp_path, "Quarter,Old,New\n2021-22 Q1,1,\n2021-22 Q2,2,\n2021-22 Q4,4,7\n"
                                   "2022-23 Q1,5,8\n"))
    assert [(s.name, s.values) for s in table.series] == [("New", [7, 8])]
    assert [p.code for p in table.problems if p.code == "spc-series-gap"] == ["spc-series-gap"]


def test_quarterly_or_yearly_steps_are_not_gaps(tmp_path):
    table = read_series_table(_csv(tmp_path, "Year,Calls\n2019-20,1\n2020-21,2\n2021-22,3\n"))
    assert table.series[0].values == [1, 2, 3] and not table.problems
