"""return_checks at their boundaries, and the message style officers read."""

from __future__ import annotations

import pytest

from pccdesk.indicators.checks import (
    check_duplicates,
    check_history_jump,
    check_interval,
    check_percent_range,
    check_periods,
    check_target,
    value_phrase,
)
from pccdesk.indicators.definitions import Better, Indicator, Measure
from pccdesk.indicators.return_rows import ReturnRow
from pccdesk.periods import parse_period
from pccdesk.problems import Location
from pccdesk.values import parse_value

WHERE = Location("force.xlsx", "Q1 2015-16", "E12")
V3 = Indicator("V3", "Putting Victims First", "Needs assessments", Measure.PERCENT, Better.HIGHER, 90.0, 5.0)
P1 = Indicator("P1", "Preventing Crime", "Burglary", Measure.NUMBER, Better.LOWER, 100.0)


def test_message_style() -> None:
    problems = check_target(parse_value("87% (+/- 2.5%)"), V3, WHERE)
    assert len(problems) == 1
    assert str(problems[0]) == 'force.xlsx:\'Q1 2015-16\'!E12: "87% (+/- 2.5%)" is 87%, ±2.5 — below target 90%'
    assert check_target(parse_value("90%"), V3, WHERE) == []
    assert check_target(parse_value("100"), P1, WHERE) == []
    assert "above target 100" in check_target(parse_value("101"), P1, WHERE)[0].message
    assert value_phrase(parse_value("+6%, +47 crimes")) == '"+6%, +47 crimes" is a change of +47 and +6%'


@pytest.mark.parametrize(("text", "flagged"), [("0%", False), ("100%", False), ("100.1%", True), ("-0.1%", True),
                                               ("N/A", False)])
def test_percent_range(text: str, flagged: bool) -> None:
    assert bool(check_percent_range(parse_value(text), V3, WHERE)) is flagged


def test_percent_range_ignores_counts() -> None:
    assert check_percent_range(parse_value("170"), P1, WHERE) == []


@pytest.mark.parametrize(("text", "code"), [("5% (+/- 5%)", None), ("5% (+/- 5.1%)", "interval-wider-than-value"),
                                            ("87% (+/- 2.5%)", None), ("87%", None)])
def test_interval(text: str, code: str | None) -> None:
    got = check_interval(parse_value(text), WHERE)
    assert [p.code for p in got] == ([code] if code else [])


def test_current_period_older_than_previous() -> None:
    older = check_periods(parse_period("12 months to Jun 2015"), parse_period("12 months to May 2015"), WHERE)
    assert [p.code for p in older] == ["current-period-older"]
    same_end = check_periods(parse_period("12 months to Jun 2015"), parse_period("April to June 2015"), WHERE)
    assert [p.code for p in same_end] == ["period-length-differs"]
    assert check_periods(parse_period("12 months to May 2015"), parse_period("12 months to Jun 2015"), WHERE) == []


def _row(ref: str, current: str, cell: str, period: str = "April to June 2015") -> ReturnRow:
    where = Location("f.xlsx", "S", cell)
    return ReturnRow(ref, ref, parse_value(""), "", parse_value(current), period, location=where,
                     current_location=where)


def test_duplicates() -> None:
    different = check_duplicates([_row("V3", "87%", "E5"), _row("V3", "86%", "E9")])
    assert [(p.code, p.severity.value, p.location.cell) for p in different] == [("indicator-given-twice", "error", "E9")]
    assert '"87%" is 87% at S!E5' in different[0].message
    same = check_duplicates([_row("V3", "87%", "E5"), _row("V3", "87.0%", "E9")])
    assert [(p.code, p.severity.value) for p in same] == [("indicator-repeated", "info")]
    assert check_duplicates([_row("V3", "87%", "E5"), _row("V4", "87%", "E9")]) == []


def test_history_jump_boundaries() -> None:
    history = [80.0, 81.0, 82.0, 83.0]  # median move 1.0
    assert check_history_jump(87.0, history, WHERE) == []  # moved exactly 4×: not more than
    flagged = check_history_jump(87.5, history, WHERE, label="V3", text="87.5%")
    assert [p.code for p in flagged] == ["implausible-jump"]
    assert flagged[0].message.startswith('V3: "87.5%" moved 4.5 since the last quarter (83)')
    assert check_history_jump(70.0, history, WHERE)  # a fall counts too
    assert check_history_jump(99.0, [80.0, 81.0], WHERE) == []  # too little history to judge
    assert check_history_jump(None, history, WHERE) == []
    assert check_history_jump(81.0, [80.0, 80.0, 80.0, 80.0], WHERE) == []  # flat but young: 3 moves
    assert check_history_jump(81.0, [80.0] * 5, WHERE)  # flat for four moves, then a move
