"""The previous figure taken from the history when the quarter before is missing from it: the pack shows the
older quarter's figure with its own period, and says that the change spans more than one quarter."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from pccdesk.cli import main
from pccdesk.indicators.period_check import quarters_between
from pccdesk.store.corrections import remove_import, stored_imports
from pccdesk.store.history_store import HistoryStore
from tests.helpers_returns import write_return

# the pack's sparklines, which openpyxl does not read
pytestmark = pytest.mark.filterwarnings("ignore:Sparkline Group extension")

MONTHS = {"2015-16 Q1": "April to June 2015", "2015-16 Q2": "July to September 2015",
          "2015-16 Q3": "October to December 2015"}


def _return(folder: Path, plan, period: str, figure: str) -> Path:  # type: ignore[no-untyped-def]
    row = ["", None, "", figure, None, MONTHS[period], "", ""]  # no previous figure: the history gives it
    return write_return(folder / f"{period[-2:]}.xlsx", plan, period, {"V3": row}, only={"V3"})


def _pack(plan: Path, db: Path, out: Path, period: str, ret: Path) -> int:
    return main(["pack", "--definitions", str(plan), "--db", str(db), "--period", period, "--out", str(out), str(ret)])


def _v3(out: Path) -> tuple[object, object, object]:
    ws = openpyxl.load_workbook(out)["Data"]
    cells = list(ws[ws.tables["Performance"].ref])
    headers = [c.value for c in cells[0]]
    row = next(dict(zip(headers, [c.value for c in r], strict=True)) for r in cells[1:] if r[0].value == "V3")
    return row["Previous"], row["Previous period"], row["Change"]


def test_quarters_between_at_its_boundaries() -> None:
    assert quarters_between("2015-16 Q1", "2015-16 Q2") == []
    assert quarters_between("2015-16 Q4", "2016-17 Q1") == []  # across the financial year's end
    assert quarters_between("2015-16 Q1", "2015-16 Q3") == ["2015-16 Q2"]
    assert quarters_between("2015-16 Q3", "2016-17 Q1") == ["2015-16 Q4"]
    assert quarters_between("2015-16 Q2", "2015-16 Q2") == [] and quarters_between("2015-16 Q3", "2015-16 Q2") == []
    assert quarters_between("2015-16", "2015-16 Q3") == []  # a whole year is no quarter: nothing to say


def test_previous_from_two_quarters_back_is_shown_with_its_period_and_a_warning(
        tmp_path: Path, example_plan_path: Path, example_plan, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "h.sqlite"
    _pack(example_plan_path, db, tmp_path / "p1.xlsx", "2015-16 Q1", _return(tmp_path, example_plan, "2015-16 Q1", "87%"))
    capsys.readouterr()
    # Q2's return never reached the history: Q3's previous figure is Q1's 87%, two quarters back
    _pack(example_plan_path, db, tmp_path / "p3.xlsx", "2015-16 Q3", _return(tmp_path, example_plan, "2015-16 Q3", "93%"))
    out = capsys.readouterr().out
    previous, period, change = _v3(tmp_path / "p3.xlsx")
    assert previous == pytest.approx(0.87) and period == "April to June 2015" and change == pytest.approx(6.0)
    said = [line for line in out.splitlines() if "previous value" in line and "V3" in line and ": warning: " in line]
    assert len(said) == 1 and "no figure is stored for 2015-16 Q2" in said[0] and "2 quarters before" in said[0]


def test_no_gap_warning_when_the_quarter_before_is_stored_and_one_after_it_is_removed(
        tmp_path: Path, example_plan_path: Path, example_plan, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "h.sqlite"
    for period, figure in (("2015-16 Q1", "87%"), ("2015-16 Q2", "91%")):
        _pack(example_plan_path, db, tmp_path / f"p{period[-1]}.xlsx", period,
              _return(tmp_path, example_plan, period, figure))
    capsys.readouterr()
    q3 = _return(tmp_path, example_plan, "2015-16 Q3", "93%")
    _pack(example_plan_path, db, tmp_path / "p3.xlsx", "2015-16 Q3", q3)
    assert "previous-skips" not in capsys.readouterr().out
    assert _v3(tmp_path / "p3.xlsx")[:2] == (pytest.approx(0.91), "July to September 2015")
    with HistoryStore(db) as store:  # Q2's return removed: the previous figure falls back to Q1's, and says so
        q2 = next(i for i in stored_imports(store) if i.reporting_period == "2015-16 Q2")
        remove_import(store, q2.import_id, reason="stored under the wrong quarter")
    _pack(example_plan_path, db, tmp_path / "p3b.xlsx", "2015-16 Q3", q3)
    assert _v3(tmp_path / "p3b.xlsx")[:2] == (pytest.approx(0.87), "April to June 2015")
    assert "no figure is stored for 2015-16 Q2" in capsys.readouterr().out
