"""Properties every XmR chart has, whatever the data (hypothesis)."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pccdesk.spc import Better, xmr_chart
from pccdesk.spc.icons import Variation

series = st.lists(st.integers(min_value=-1000, max_value=1000), min_size=2, max_size=40)


def _clear_of_the_lines(values, chart, shift: float = 0.0) -> bool:
    """No value within a hair of a limit or near-limit line, where rounding could tip a comparison."""
    lim = chart.groups[0].limits
    lines = (lim.lower, lim.upper, lim.near_lower, lim.near_upper)
    return all(abs(v + shift - line) > 1e-6 for v in values for line in lines)


@settings(max_examples=200, deadline=None)
@given(series, st.integers(min_value=-10_000, max_value=10_000))
def test_adding_a_constant_moves_mean_and_limits_by_it_and_keeps_the_flags(values, c):
    a = xmr_chart(values, better=Better.HIGHER)
    b = xmr_chart([v + c for v in values], better=Better.HIGHER)
    assume(_clear_of_the_lines(values, a) and _clear_of_the_lines([v + c for v in values], b))
    la, lb = a.groups[0].limits, b.groups[0].limits
    assert abs((lb.mean - la.mean) - c) < 1e-6
    assert abs((lb.upper - la.upper) - c) < 1e-6 and abs((lb.lower - la.lower) - c) < 1e-6
    assert [p.special_cause for p in a.points] == [p.special_cause for p in b.points]
    assert [p.variation for p in a.points] == [p.variation for p in b.points]


@settings(max_examples=200, deadline=None)
@given(series)
def test_turning_the_series_upside_down_swaps_higher_and_lower_is_better(values):
    """Not quite true where two trends meet on equal values (the package calls that point falling either way:
    see test_spc_rules), so series with repeated neighbours are left out."""
    assume(all(a != b for a, b in zip(values, values[1:], strict=False)))
    up = xmr_chart(values, better=Better.HIGHER)
    down = xmr_chart([-v for v in values], better=Better.LOWER)
    assume(_clear_of_the_lines(values, up))
    assert [p.variation for p in up.points] == [p.variation for p in down.points]
    assert [p.special_cause for p in up.points] == [p.special_cause for p in down.points]


@settings(max_examples=200, deadline=None)
@given(series)
def test_limits_are_symmetric_about_the_mean_and_monitor_only_is_never_good_or_bad(values):
    chart = xmr_chart(values, better=Better.NEITHER)
    lim = chart.groups[0].limits
    assert lim.lower <= lim.near_lower <= lim.mean <= lim.near_upper <= lim.upper
    assert abs((lim.upper - lim.mean) - (lim.mean - lim.lower)) < 1e-6
    assert {p.variation for p in chart.points} <= {Variation.COMMON_CAUSE, Variation.NEITHER}
    assert chart.assurance is None


@settings(max_examples=100, deadline=None)
@given(series, st.integers(min_value=2, max_value=5))
def test_scaling_by_a_positive_factor_scales_the_limits_and_keeps_the_flags(values, k):
    a = xmr_chart(values)
    b = xmr_chart([v * k for v in values])
    assume(_clear_of_the_lines(values, a) and _clear_of_the_lines([v * k for v in values], b))
    assert abs(b.groups[0].limits.upper - k * a.groups[0].limits.upper) < 1e-6
    assert [p.special_cause for p in a.points] == [p.special_cause for p in b.points]


@settings(max_examples=100, deadline=None)
@given(series, series)
def test_a_rebase_charts_each_stretch_as_if_it_were_a_series_of_its_own(before, after):
    whole = xmr_chart(before + after, better=Better.LOWER, rebase_at=[len(before)])
    first, second = xmr_chart(before, better=Better.LOWER), xmr_chart(after, better=Better.LOWER)
    assert [g.limits for g in whole.groups] == [first.groups[0].limits, second.groups[0].limits]
    assert [p.variation for p in whole.points] == [p.variation for p in first.points + second.points]


@settings(max_examples=100, deadline=None)
@given(series)
def test_fixing_the_limits_after_every_point_changes_nothing(values):
    assert xmr_chart(values, fix_after=len(values)) == xmr_chart(values)
