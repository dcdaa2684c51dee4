"""Importing a filled template is exact, whatever form the force typed each figure in."""

from __future__ import annotations

import pytest

from pccdesk.examples.plan import EXAMPLE_FIGURES
from pccdesk.indicators.returns import read_return
from tests.helpers_returns import write_return


def test_example_return_imports_exactly(example_plan, example_return_path) -> None:  # type: ignore[no-untyped-def]
    reading = read_return(example_return_path, example_plan)
    assert {p.code for p in reading.problems} == {"period-length-differs"}  # e.g. 2014/15 against April to June
    assert len(reading.problems) == 10
    assert reading.reporting_period == "2015-16 Q1"
    rows = {r.ref: r for r in reading.rows}
    assert len(EXAMPLE_FIGURES) == 29
    for fig in EXAMPLE_FIGURES:
        row = rows[fig.ref]
        assert row.current_period == fig.current_period and row.previous_period == fig.previous_period
        assert row.note == fig.note
    v1 = rows["V1"]
    assert (v1.previous.value, v1.previous.half_width, v1.current.value, v1.current.half_width) == (99.0, 0.6, 98.8, 0.6)
    assert v1.current_location.cell == "I6" and v1.current_location.sheet == "Return"
    assert rows["D1a"].current.value == pytest.approx(11)  # 0.11 in a percent cell
    assert rows["C6"].current.value == pytest.approx(100)
    assert rows["A2"].current.placeholder and rows["A2"].current.text == "Data available August 2015"
    assert rows["C9"].current.value == 21 and rows["C9"].current.unit == "rate"


@pytest.mark.parametrize(
    ("typed", "ci", "value", "half"),
    [
        (0.988, None, 98.8, None),  # a fraction in a percent-formatted cell
        (98.8, None, 98.8, None),  # 98.8 pasted into a percent-formatted cell (Excel shows 9880%)
        ("98.8%", None, 98.8, None),
        ("98.8% (+/-0.6%)", None, 98.8, 0.6),
        (0.988, 0.6, 98.8, 0.6),  # ± in its own column
        ("98.8", None, 98.8, None),
    ],
)
def test_percent_forms_all_read_the_same(tmp_path, example_plan, typed, ci, value, half) -> None:  # type: ignore[no-untyped-def]
    path = write_return(tmp_path / "r.xlsx", example_plan, "2015-16 Q1",
                        {"V1": [None, None, "", typed, ci, "12 months to Jun 2015", "", ""]}, only={"V1"})
    row = read_return(path, example_plan).rows[0]
    assert row.current.value == pytest.approx(value)
    assert (row.current.half_width == pytest.approx(half)) if half is not None else row.current.half_width is None


@pytest.mark.parametrize("text", ["N/A", "n/a", "Not previously reported", "Data available August 2015",
                                  "See future activity", "-", "..", "[x]", "[c]", "*"])
def test_placeholders_are_no_data_with_their_text_kept(tmp_path, example_plan, text) -> None:  # type: ignore[no-untyped-def]
    path = write_return(tmp_path / "r.xlsx", example_plan, "2015-16 Q1",
                        {"V1": [None, None, "", text, None, "", "", ""]}, only={"V1"})
    reading = read_return(path, example_plan)
    assert reading.problems == []
    assert reading.rows[0].current.value is None and reading.rows[0].current.text == text


def test_unknown_text_is_reported_with_its_cell_not_guessed(tmp_path, example_plan) -> None:  # type: ignore[no-untyped-def]
    path = write_return(tmp_path / "r.xlsx", example_plan, "2015-16 Q1",
                        {"V1": [None, None, "", "about ninety", None, "", "", ""]}, only={"V1"})
    reading = read_return(path, example_plan)
    assert reading.rows[0].current.value is None
    assert [str(p) for p in reading.problems] == [
        'r.xlsx:Return!I6: "about ninety" is not a number or a recognised "no data" text']
