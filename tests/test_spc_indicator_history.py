"""Variation and assurance beside RAG from an indicator's quarterly history."""

from __future__ import annotations

import pytest

from pccdesk.spc import Assurance, Better, Variation
from pccdesk.spc.indicator_history import better_of, indicator_spc


def quarters(n: int, first_year: int = 2019) -> list[str]:
    return [f"{first_year + i // 4}-{(first_year + 1 + i // 4) % 100:02d} Q{i % 4 + 1}" for i in range(n)]


def test_twelve_periods_are_not_enough_and_thirteen_are():
    values = [50, 52] * 7
    short = indicator_spc(list(zip(quarters(12), values[:12], strict=True)), better="higher")
    assert not short.available and "only 12 periods" in short.reason and short.variation_text == ""
    enough = indicator_spc(list(zip(quarters(13), values[:13], strict=True)), better="higher")
    assert enough.available and enough.variation is Variation.COMMON_CAUSE
    assert enough.variation_text == "Common cause ~"


def test_a_latest_point_above_the_limits_is_improvement_when_higher_is_better_and_assurance_uses_the_target():
    # 50, 52 alternating for 12 quarters: mean 51, moving range 2, limits 45.68 to 56.32; then 60 (outside).
    # With 60 included the mean is 672 / 13 = 51.69 and the 12 moving ranges are 2 ×11 and 8: mean 30 / 12 = 2.5,
    # not screened (8 < 3.267 × 2.5 = 8.17); limits 45.04 and 58.34, so 60 is still outside. Target 40 is below
    # the lower limit: consistently met.
    history = list(zip(quarters(13), [50, 52] * 6 + [60], strict=True))
    got = indicator_spc(history, better=Better.HIGHER, target=40)
    assert got.variation is Variation.IMPROVEMENT and got.direction == 1
    assert got.variation_text == "Improvement ▲ (high)"
    assert got.assurance is Assurance.MEETS and got.assurance_text == "Consistently meets target (P)"
    assert got.chart is not None and got.chart.groups[0].limits.upper == pytest.approx(672 / 13 + 2.66 * 2.5)


def test_the_same_point_is_concern_when_lower_is_better():
    history = list(zip(quarters(13), [50, 52] * 6 + [60], strict=True))
    got = indicator_spc(history, better="lower", target=40)
    assert got.variation is Variation.CONCERN and got.variation_text == "Concern ▲ (high)"
    assert got.assurance is Assurance.MISSES


def test_a_monitor_only_indicator_has_no_assurance():
    history = list(zip(quarters(13), [50, 52] * 6 + [60], strict=True))
    got = indicator_spc(history, better="", target=40)
    assert got.variation is Variation.NEITHER and got.assurance is None and got.assurance_text == ""


def test_a_missing_quarter_cuts_the_history_to_the_unbroken_run_after_it():
    labels = quarters(20)
    history = [(p, 50.0 + i % 2) for i, p in enumerate(labels) if i != 3]  # 2019-20 Q4 is missing
    got = indicator_spc(history, better="higher")
    assert got.available
    assert got.periods[0] == "2020-21 Q1" and len(got.periods) == 16
    assert "charted from 2020-21 Q1 only" in got.reason


def test_a_missing_quarter_leaving_too_few_periods_gives_no_icon():
    labels = quarters(20)
    history = [(p, 50.0 + i % 2) for i, p in enumerate(labels) if i != 9]
    got = indicator_spc(history, better="higher")
    assert not got.available and "only 10 periods" in got.reason


def test_a_none_value_is_a_gap_and_a_none_latest_value_gives_no_icon():
    labels = quarters(16)
    with_gap = [(p, None if i == 1 else 50.0 + i % 2) for i, p in enumerate(labels)]
    assert indicator_spc(with_gap).periods[0] == labels[2]
    latest_missing = [(p, None if i == 15 else 50.0 + i % 2) for i, p in enumerate(labels)]
    got = indicator_spc(latest_missing)
    assert not got.available and labels[-1] in got.reason


def test_monthly_periods_are_recognised_too():
    months = [f"{m} 2022" for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                                    "Dec")] + ["Jan 2023", "Mar 2023"]
    got = indicator_spc([(m, 10.0 + i % 2) for i, m in enumerate(months)])
    assert not got.available  # Feb 2023 is missing: only 1 period after the gap


@pytest.mark.parametrize(("text", "expected"), [("higher", Better.HIGHER), ("Lower", Better.LOWER),
                                                ("", Better.NEITHER), ("monitor", Better.NEITHER)])
def test_better_is_read_from_the_definitions_words(text, expected):
    assert better_of(text) is expected
