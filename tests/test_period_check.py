"""The right quarter and no pack without figures: a return is packed only under the quarter its own texts cover,
nothing is stored or written without figures, a wrongly stored return can be removed with an audit record, and a
previous value from the history comes from an earlier period and says so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pccdesk.cli import main
from pccdesk.examples.force_return import write_example_force_return
from pccdesk.indicators.assessment import HistoryPoint, assess
from pccdesk.indicators.period_check import (
    MISMATCH,
    covered_period,
    is_earlier,
    period_problems,
    quarter_label,
    quarter_months,
    suggested_period,
)
from pccdesk.indicators.return_rows import ReturnReading, ReturnRow
from pccdesk.store.corrections import corrections, stored_imports
from pccdesk.store.history_store import HistoryStore
from pccdesk.values import parse_value
from tests.helpers_db import count


@pytest.mark.parametrize(("day", "label"), [
    (dt.date(2015, 3, 31), "2014-15 Q4"), (dt.date(2015, 4, 1), "2015-16 Q1"), (dt.date(2015, 6, 30), "2015-16 Q1"),
    (dt.date(2015, 7, 1), "2015-16 Q2"), (dt.date(2015, 12, 31), "2015-16 Q3"), (dt.date(2016, 1, 1), "2015-16 Q4"),
])
def test_the_quarter_of_a_day_follows_the_police_financial_year(day: dt.date, label: str) -> None:
    assert quarter_label(day) == label


def test_quarter_months() -> None:
    assert quarter_months("2015-16 Q1") == "April to June 2015"
    assert quarter_months("2015-16 Q4") == "January to March 2016"


def _reading(*periods: str, name: str = "r.xlsx") -> ReturnReading:
    rows = [ReturnRow(f"X{i}", "x", parse_value(""), "", parse_value("50%"), p) for i, p in enumerate(periods)]
    return ReturnReading(Path(name), rows, shape="tables")


def test_two_thirds_of_dated_texts_make_the_quarter_clear() -> None:
    # 2 of 3 dated texts end in Q1 (the third, a survey, lags into the year before): clear
    two_of_three = covered_period(_reading("April to June 2015", "As at 30 June 2015", "12 months to March 2015"))
    assert two_of_three is not None and two_of_three.quarter == "2015-16 Q1" and two_of_three.clear
    # 1 of 2: not clear, so no error is raised on it
    one_of_two = covered_period(_reading("April to June 2015", "12 months to March 2015"))
    assert one_of_two is not None and not one_of_two.clear
    assert period_problems([_reading("April to June 2015", "12 months to March 2015")], "2015-16 Q2") == []
    # annual figures say nothing about the quarter
    assert covered_period(_reading("2014/15", "2014/15")) is None


def test_a_mismatch_names_both_periods_and_the_app_gets_the_suggestion() -> None:
    reading = _reading("April to June 2015", "April to June 2015", "April to May 2015")
    [problem] = period_problems([reading], "2015-16 Q2")
    assert problem.code == MISMATCH and problem.severity.value == "error"
    assert "the return's figures are for April to June 2015 (2015-16 Q1), not 2015-16 Q2" in problem.message
    assert suggested_period([reading]) == "2015-16 Q1"
    assert period_problems([reading], "2015-16 Q1") == []
    overridden = period_problems([reading], "2015-16 Q2", override=True)
    assert [p.severity.value for p in overridden] == ["warning"]


@pytest.mark.parametrize(("point_period", "point_text", "current_text", "earlier"), [
    ("2015-16 Q1", "April to June 2015", "April to June 2015", False),  # the same months both times
    ("2015-16 Q2", "July to September 2015", "April to June 2015", False),  # a later quarter
    ("2014-15 Q4", "2014/15", "April to June 2015", True),
    ("2014-15 Q4", "January to March 2015", "April to June 2015", True),
])
def test_a_previous_value_must_cover_an_earlier_period(point_period: str, point_text: str, current_text: str,
                                                       earlier: bool) -> None:
    assert is_earlier(point_period, point_text, "2015-16 Q1", current_text) is earlier


def test_a_previous_value_from_the_history_is_marked_with_its_period(example_plan) -> None:  # type: ignore[no-untyped-def]
    row = ReturnRow("V2", "x", parse_value(""), "", parse_value("80%"), "April to June 2015")
    reading = ReturnReading(Path("r.xlsx"), [row])
    points = {"2014-15 Q4": HistoryPoint("2014-15 Q4", 77.0, "77%", None, "January to March 2015"),
              "same": HistoryPoint("2015-16 Q1", 79.0, "79%", None, "April to June 2015")}
    results, _ = assess(example_plan, [reading], previous_from_history=lambda ind: points["2014-15 Q4"],
                        reporting_period="2015-16 Q1")
    v2 = next(r for r in results if r.ref == "V2")
    assert v2.previous_from_history and v2.previous_source == "from the history: 2014-15 Q4"
    assert v2.previous is not None and v2.previous.value == 77.0
    results, problems = assess(example_plan, [reading], previous_from_history=lambda ind: points["same"],
                               reporting_period="2015-16 Q1")
    v2 = next(r for r in results if r.ref == "V2")
    assert v2.previous is not None and v2.previous.value is None and not v2.previous_from_history
    assert any(p.code == "history-not-earlier" for p in problems)


# --- end to end: the seed-shaped force return (sheet "Q1 2015-16", figures for April to June 2015) ---------------

def _pack(tmp_path: Path, plan: Path, *args: str, db: Path | str | None = None) -> int:
    return main(["pack", "--definitions", str(plan), "--db", str(db or tmp_path / "h.sqlite"), "--out",
                 str(tmp_path / "pack.xlsx"), *args])


def _stored(db: Path | str) -> int:
    return count(db, "SELECT COUNT(*) FROM indicator_values")


@pytest.mark.parametrize("period", ["2015-16 Q2", "2016-17 Q1"])
def test_packing_a_q1_return_as_another_quarter_stops_and_names_q1(tmp_path: Path, example_plan_path: Path,
                                                                   capsys: pytest.CaptureFixture[str],
                                                                   period: str) -> None:
    ret = write_example_force_return(tmp_path / "return.xlsx")
    assert _pack(tmp_path, example_plan_path, "--period", period, str(ret)) == 2
    err = capsys.readouterr().err
    assert f"the return's figures are for April to June 2015 (2015-16 Q1), not {period}" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "pack.xlsx").exists() and _stored(tmp_path / "h.sqlite") == 0


def test_the_right_quarter_packs(tmp_path: Path, example_plan_path: Path) -> None:
    ret = write_example_force_return(tmp_path / "return.xlsx")
    assert _pack(tmp_path, example_plan_path, "--period", "2015-16 Q1", str(ret)) in (0, 1)
    assert (tmp_path / "pack.xlsx").exists() and _stored(tmp_path / "h.sqlite") > 20


def test_an_override_is_recorded_and_the_wrong_return_can_be_removed(tmp_path: Path, history_db: Path | str, example_plan_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    ret = write_example_force_return(tmp_path / "return.xlsx")
    db = history_db
    assert _pack(tmp_path, example_plan_path, "--period", "2015-16 Q2", "--override-period-check", str(ret), db=db) == 1
    with HistoryStore(db) as store:
        [stored] = stored_imports(store)
        assert stored.reporting_period == "2015-16 Q2" and stored.values > 20
        [note] = corrections(store)
        assert note.kind == "period-check-overridden" and "April to June 2015 (2015-16 Q1)" in note.detail
    capsys.readouterr()
    assert main(["history", "remove", "--file", "return.xlsx", "--period", "2015-16 Q2", "--reason",
                 "April to June figures stored as Q2", "--db", str(db)]) == 0
    assert "Removed return.xlsx stored as 2015-16 Q2" in capsys.readouterr().out
    assert _stored(db) == 0
    with HistoryStore(db) as store:
        assert stored_imports(store) == []
        removal = corrections(store)[-1]
        assert removal.kind == "return-removed" and "April to June figures stored as Q2" in removal.detail
        assert removal.detail.startswith(f"{stored.values} value(s) removed")
    # the same file can now be stored under the right quarter
    assert _pack(tmp_path, example_plan_path, "--period", "2015-16 Q1", str(ret), db=db) in (0, 1)
    with HistoryStore(db) as store:
        assert [i.reporting_period for i in stored_imports(store)] == ["2015-16 Q1"]


def test_removing_a_correction_brings_back_the_values_it_superseded(tmp_path: Path, history_db: Path | str, example_plan_path: Path,
                                                                     example_plan) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers_returns import write_return

    db = history_db
    first = write_return(tmp_path / "first.xlsx", example_plan, "2015-16 Q1",
                         {"V2": ["82%", None, "2014/15", "80%", None, "April to June 2015", "", ""]})
    second = write_return(tmp_path / "second.xlsx", example_plan, "2015-16 Q1",
                          {"V2": ["82%", None, "2014/15", "85%", None, "April to June 2015", "", ""]})
    for path in (first, second):
        assert _pack(tmp_path, example_plan_path, "--period", "2015-16 Q1", str(path), db=db) in (0, 1)
    with HistoryStore(db) as store:
        assert [v.value for v in store.series("V2")] == [85.0]
        second_id = stored_imports(store, file_name="second.xlsx")[0].import_id
    assert main(["history", "remove", str(second_id), "--reason", "sent in error", "--db", str(db)]) == 0
    with HistoryStore(db) as store:
        first_v2 = [v.value for v in store.series("V2")]
    assert first_v2 == [80.0]  # the first return's figure is current again


# --- no pack without figures ------------------------------------------------------------------------------------

def test_no_return_writes_no_pack(tmp_path: Path, example_plan_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _pack(tmp_path, example_plan_path, "--period", "2015-16 Q1") == 2
    assert "no return was given" in capsys.readouterr().err
    assert not (tmp_path / "pack.xlsx").exists()


def test_a_misspelt_return_writes_no_pack(tmp_path: Path, example_plan_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    write_example_force_return(tmp_path / "return.xlsx")
    assert _pack(tmp_path, example_plan_path, "--period", "2015-16 Q1", str(tmp_path / "retrun.xlsx")) == 2
    err = capsys.readouterr().err
    assert "retrun.xlsx" in err and "no pack was written" in err
    assert not (tmp_path / "pack.xlsx").exists() and _stored(tmp_path / "h.sqlite") == 0


def test_tracker_no_longer_swallows_the_return(tmp_path: Path, example_plan_path: Path) -> None:
    ret = write_example_force_return(tmp_path / "return.xlsx")
    # the flag takes no value: the return after it is read as the return, and its figures are in the pack
    assert _pack(tmp_path, example_plan_path, "--period", "2015-16 Q1", "--tracker", str(ret)) in (0, 1)
    assert (tmp_path / "pack.xlsx").exists() and _stored(tmp_path / "h.sqlite") > 20


def test_a_return_given_as_a_tracker_register_writes_no_pack(tmp_path: Path, example_plan_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    ret = write_example_force_return(tmp_path / "return.xlsx")
    assert _pack(tmp_path, example_plan_path, "--period", "2015-16 Q1", "--tracker-register", str(ret)) == 2
    assert "no return was given" in capsys.readouterr().err
    assert not (tmp_path / "pack.xlsx").exists()


def test_a_return_with_no_matching_figure_writes_no_pack(tmp_path: Path, example_plan_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from pccdesk.examples.plan import ExampleIndicator
    from pccdesk.indicators.plan_templates import write_definitions_workbook

    other = write_definitions_workbook(tmp_path / "other.xlsx", [
        ExampleIndicator("Z1", "Roads", "Number of potholes filled", "number", "higher")], "Highways plan")
    ret = write_example_force_return(tmp_path / "return.xlsx")
    assert _pack(tmp_path, other, "--period", "2015-16 Q1", str(ret)) == 2
    assert "not one figure" in capsys.readouterr().err
    assert not (tmp_path / "pack.xlsx").exists() and _stored(tmp_path / "h.sqlite") == 0


def test_the_pack_result_says_a_previous_value_came_from_the_history(tmp_path: Path, example_plan_path: Path,
                                                                     example_plan) -> None:  # type: ignore[no-untyped-def]
    from pccdesk.panel_pack import PackRequest, record_history
    from tests.helpers_returns import write_return

    db = tmp_path / "h.sqlite"
    q1 = write_return(tmp_path / "q1.xlsx", example_plan, "2015-16 Q1",
                      {"V2": ["82%", None, "2014/15", "80%", None, "April to June 2015", "", ""]})
    q2 = write_return(tmp_path / "q2.xlsx", example_plan, "2015-16 Q2",
                      {"V2": [None, None, None, "84%", None, "July to September 2015", "", ""]})
    record_history(PackRequest(example_plan_path, [q1], period="2015-16 Q1", db=db))
    result = record_history(PackRequest(example_plan_path, [q2], period="2015-16 Q2", db=db))
    v2 = next(r for r in result.results if r.ref == "V2")
    assert v2.previous is not None and v2.previous.value == 80 and v2.previous_period == "April to June 2015"
    assert v2.previous_source == "from the history: 2015-16 Q1"
    assert any(p.code == "previous-from-history" and "from the history: 2015-16 Q1" in p.message
               for p in result.problems)
