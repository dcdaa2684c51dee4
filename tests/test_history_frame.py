"""The history as a pandas DataFrame: one row per indicator, period and source, with the pack's status and
direction when the plan is given; on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from pccdesk.panel_pack import PackRequest, record_history
from pccdesk.store.history_frame import history_frame
from tests.helpers_returns import write_return

pd = pytest.importorskip("pandas")


def test_one_row_per_indicator_period_and_source_with_status_and_direction(
        tmp_path: Path, history_db, example_plan_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    rows = {"V3": ["", None, "", 0.87, 0.025, "April to June 2015", "", ""]}
    q1 = write_return(tmp_path / "q1.xlsx", example_plan, "2015-16 Q1", rows, only={"V3"})
    q1_fix = write_return(tmp_path / "q1-corrected.xlsx", example_plan, "2015-16 Q1",
                          {"V3": ["", None, "", 0.88, 0.025, "April to June 2015", "", ""]}, only={"V3"})
    q2 = write_return(tmp_path / "q2.xlsx", example_plan, "2015-16 Q2",
                      {"V3": ["", None, "", 0.91, None, "July to September 2015", "", ""]}, only={"V3"})
    for path, period in ((q1, "2015-16 Q1"), (q1_fix, "2015-16 Q1"), (q2, "2015-16 Q2")):
        record_history(PackRequest(definitions=example_plan_path, returns=[path], period=period, db=history_db))

    plain = history_frame(history_db)
    assert "status" not in plain.columns  # no plan, no status: never guessed
    v3 = history_frame(history_db, definitions=example_plan_path).query("ref == 'V3'")
    # worked by hand: the plan's V3 target is 90%, higher is better, Amber within 5 points
    assert list(v3["reporting_period"]) == ["2015-16 Q1", "2015-16 Q1", "2015-16 Q2"]
    assert list(v3["file_name"]) == ["q1.xlsx", "q1-corrected.xlsx", "q2.xlsx"]
    assert list(v3["value"]) == [pytest.approx(87), pytest.approx(88), pytest.approx(91)]
    assert list(v3["superseded"]) == [True, False, False]
    assert list(v3["status"]) == ["Amber", "Amber", "Green"]
    # 88 -> 91 is 3 points, more than the 88's interval alone (the 91 has none, so no significance test)
    assert pd.isna(v3["direction"].iloc[0])  # a superseded figure is not part of the series: no direction
    assert list(v3["direction"].iloc[1:]) == ["Not comparable", "Improved"]
    assert len(history_frame(history_db, include_superseded=False).query("ref == 'V3'")) == 2
