"""A plan revised between quarters: an indicator measured as a percentage becomes a count (or the reverse). The
older figures in the history are then another measure, never the previous figure of the new one."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from pccdesk.cli import main
from pccdesk.indicators.definitions import load_definitions
from pccdesk.indicators.spc_status import stored_levels
from tests.helpers_returns import write_return


def _revised_plan(plan: Path, out: Path) -> Path:
    """The example plan with V3 counted (a number of needs assessments), no longer a percentage."""
    wb = openpyxl.load_workbook(plan)
    for row in wb["Indicators"].iter_rows(min_row=2):
        if row[0].value == "V3":
            row[2].value, row[3].value, row[5].value, row[6].value = "Number of needs assessments completed", \
                "number", None, None
    wb.save(out)
    return out


def _pack(plan: Path, db: Path, out: Path, period: str, ret: Path) -> int:
    return main(["pack", "--definitions", str(plan), "--db", str(db), "--period", period, "--out", str(out), str(ret)])


def _percent_then_count(tmp_path: Path, example_plan_path: Path, example_plan) -> tuple[Path, Path, Path]:  # type: ignore[no-untyped-def]
    """V3 packed as 87% under the example plan, then the plan revised to count it and Q2's return of 120:
    the history, the revised plan and Q2's return (not yet packed)."""
    db = tmp_path / "h.sqlite"
    q1 = write_return(tmp_path / "q1.xlsx", example_plan, "2015-16 Q1",
                      {"V3": ["", None, "", "87%", None, "April to June 2015", "", ""]}, only={"V3"})
    _pack(example_plan_path, db, tmp_path / "p1.xlsx", "2015-16 Q1", q1)
    revised = _revised_plan(example_plan_path, tmp_path / "plan-v2.xlsx")
    q2 = write_return(tmp_path / "q2.xlsx", load_definitions(revised), "2015-16 Q2",
                      {"V3": ["", None, "", 120, None, "July to September 2015", "", ""]}, only={"V3"})
    return db, revised, q2


def test_a_percentage_stored_before_the_plan_counted_the_indicator_is_not_its_previous_figure(
        tmp_path: Path, example_plan_path: Path, example_plan, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    db, revised, q2 = _percent_then_count(tmp_path, example_plan_path, example_plan)
    capsys.readouterr()
    _pack(revised, db, tmp_path / "p2.xlsx", "2015-16 Q2", q2)
    out = capsys.readouterr().out
    ws = openpyxl.load_workbook(tmp_path / "p2.xlsx")["Data"]
    cells = list(ws[ws.tables["Performance"].ref])
    headers = [c.value for c in cells[0]]
    v3 = next(dict(zip(headers, [c.value for c in r], strict=True)) for r in cells[1:] if r[0].value == "V3")
    # by hand: 87% of assessments and 120 assessments cannot be compared; there is no previous count
    assert v3["Current"] == 120
    assert v3["Previous"] in (None, "", "n/a") and v3["Change"] in (None, "", "n/a")
    said = [line for line in out.splitlines() if "V3" in line and "percentages" in line]
    assert len(said) == 1 and ": warning: " in said[0] and "2015-16 Q1" in said[0]


class _Stored:
    def __init__(self, period: str, value: float, unit: str | None) -> None:
        self.reporting_period, self.value, self.text, self.unit = period, value, f"{value:g}", unit


def test_a_figure_of_another_measure_is_a_gap_in_the_chart(example_plan) -> None:  # type: ignore[no-untyped-def]
    v3 = next(i for i in example_plan.indicators if i.ref == "V3")  # a percentage
    d3 = next(i for i in example_plan.indicators if i.ref == "D3")  # a count
    figures = [_Stored("2015-16 Q1", 87, "percent"), _Stored("2015-16 Q2", 120, "number"),
               _Stored("2015-16 Q3", 5, None)]
    assert stored_levels(figures, v3) == [("2015-16 Q1", 87), ("2015-16 Q2", None), ("2015-16 Q3", 5)]
    assert stored_levels(figures, d3) == [("2015-16 Q1", None), ("2015-16 Q2", 120), ("2015-16 Q3", 5)]


def test_the_analysts_frame_gives_no_status_or_direction_across_two_measures(
        tmp_path: Path, example_plan_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pandas")
    from pccdesk.store.history_frame import history_frame

    db, revised, q2 = _percent_then_count(tmp_path, example_plan_path, example_plan)
    _pack(revised, db, tmp_path / "p2.xlsx", "2015-16 Q2", q2)
    v3 = history_frame(db, definitions=revised).query("ref == 'V3'")
    assert list(v3["value"]) == [87, 120]
    assert v3["status"].isna().iloc[0] and v3["direction"].isna().iloc[0]  # 87% is not a count of V3
    assert v3["direction"].iloc[1] == "Not comparable"  # 120 assessments against no earlier count
