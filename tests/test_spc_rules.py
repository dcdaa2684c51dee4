"""The XmR rules, each at its boundaries, with expected values worked out by hand in each test."""

from __future__ import annotations

import math

import pytest

from pccdesk.spc import Assurance, Better, SpecialCause, Variation, xmr_chart
from pccdesk.spc.icons import assurance, variation_label
from pccdesk.spc.process_limits import (
    LIMIT_FACTOR,
    NEAR_LIMIT_FACTOR,
    ProcessLimits,
    moving_ranges,
    process_limits,
    screen_moving_ranges,
)
from pccdesk.spc.special_causes import in_run, shift_ends, trend_ends, two_of_three


def causes(values, **kw):
    return [p.special_cause for p in xmr_chart(values, **kw).points]


# --- limits -----------------------------------------------------------------------------------------------------

def test_moving_ranges_are_absolute_differences_one_fewer_than_the_values():
    assert moving_ranges([5, 2, 2, 7]) == [3, 0, 5]


def test_limits_are_mean_plus_or_minus_2_66_mean_moving_ranges():
    # mean 3; moving ranges 2, 2, 2, 2 -> 2; limits 3 ± 5.32; near lines 3 ± 3.5467
    lim = process_limits([2, 4, 2, 4, 3])
    assert lim.mean == pytest.approx(3.0)
    assert lim.mean_moving_range == pytest.approx(1.75)  # 2, 2, 2, 1
    assert lim.upper == pytest.approx(3 + 2.66 * 1.75)
    assert lim.lower == pytest.approx(3 - 2.66 * 1.75)
    assert lim.near_upper == pytest.approx(3 + (2 * 2.66 / 3) * 1.75)
    assert NEAR_LIMIT_FACTOR == pytest.approx(1.7733333)


def test_a_moving_range_exactly_3_267_times_the_mean_is_left_out_and_the_mean_recomputed():
    # Ranges 1, 1, 1, R with R = 3.267 × mean(1, 1, 1, R), i.e. R = 3.267 × 3 / (4 - 3.267) = 13.3711: this R
    # equals 3.267 × the mean exactly in floating point too (checked below), and "at or above" leaves it out.
    big = 3.267 * 3 / (4 - 3.267)
    ranges = [1.0, 1.0, 1.0, big]
    assert big == 3.267 * (math.fsum(ranges) / 4)
    assert screen_moving_ranges(ranges) == [1.0, 1.0, 1.0]
    lim = process_limits([0.0, 1.0, 0.0, 1.0, 1.0 + big])
    assert lim.moving_ranges_left_out == 1
    assert lim.mean_moving_range == pytest.approx(1.0)


def test_a_moving_range_just_below_3_267_times_the_mean_is_kept_and_just_above_is_left_out():
    values = [0.0, 1.0] * 5
    below = process_limits(values + [values[-1] + 29.403 / 6.733 - 0.01])
    above = process_limits(values + [values[-1] + 29.403 / 6.733 + 0.01])
    assert below.moving_ranges_left_out == 0
    assert below.mean_moving_range == pytest.approx((9 + 29.403 / 6.733 - 0.01) / 10)
    assert above.moving_ranges_left_out == 1
    assert above.mean_moving_range == pytest.approx(1.0)


def test_screening_is_one_pass_only():
    # Ranges 1×8, 10, 40: mean 5.8, cut 18.95: 40 left out; the new mean (18/9 = 2) would make 10 an outlier
    # on a second pass, but there is none.
    values = [0, 1, 0, 1, 0, 1, 0, 1, 0, 10, 50]
    lim = process_limits(values)
    assert lim.moving_ranges_left_out == 1
    assert lim.mean_moving_range == pytest.approx(2.0)


def test_without_screening_every_moving_range_counts():
    lim = process_limits([0, 1, 0, 1, 0, 1, 0, 1, 0, 10, 50], screen_outliers=False)
    assert lim.mean_moving_range == pytest.approx(58 / 10)


def test_fixing_limits_after_n_points_uses_only_those_points():
    values = [1, 3, 1, 3, 100, 200]
    lim = process_limits(values, fix_after=4)
    assert lim.mean == pytest.approx(2.0)
    assert lim.mean_moving_range == pytest.approx(2.0)
    chart = xmr_chart(values, fix_after=4)
    assert [p.special_cause for p in chart.points][4:] == [SpecialCause.OUTSIDE_LIMITS] * 2


def test_a_flat_series_has_limits_on_the_mean_and_no_special_cause():
    chart = xmr_chart([4] * 15)
    assert chart.groups[0].limits.upper == chart.groups[0].limits.lower == 4
    assert all(p.special_cause is None for p in chart.points)


@pytest.mark.parametrize("bad", [[1.0], [1.0, float("nan"), 2.0], []])
def test_a_series_that_cannot_have_limits_is_refused_with_a_reason(bad):
    with pytest.raises(ValueError):
        xmr_chart(bad)


# --- outside limits ---------------------------------------------------------------------------------------------

def _limits(mean: float = 0.0, mr: float = 1.0) -> ProcessLimits:
    return ProcessLimits(mean, mr, mean - LIMIT_FACTOR * mr, mean + LIMIT_FACTOR * mr,
                         mean - NEAR_LIMIT_FACTOR * mr, mean + NEAR_LIMIT_FACTOR * mr, 2, 0)


def test_a_point_exactly_on_a_limit_is_inside_and_just_beyond_is_outside():
    lim = _limits()
    assert not lim.is_outside(2.66) and not lim.is_outside(-2.66)
    assert lim.is_outside(2.6600001) and lim.is_outside(-2.6600001)


def test_near_the_limits_is_strictly_beyond_the_2_sigma_line_and_not_outside():
    lim = _limits()
    assert not lim.is_near(NEAR_LIMIT_FACTOR)
    assert lim.is_near(1.78) and lim.is_near(-1.78) and lim.is_near(2.66)
    assert not lim.is_near(2.67)


def test_a_point_on_the_mean_is_on_neither_side():
    assert _limits(5).side(5) == 0 and _limits(5).side(5.01) == 1 and _limits(5).side(4.99) == -1


def test_a_single_high_point_is_outside_the_limits():
    # 12 points alternating 10, 12 (mean 11, mR 2, upper 16.32) then 20
    values = [10, 12] * 6 + [20]
    chart = xmr_chart(values, better=Better.HIGHER)
    assert chart.points[-1].special_cause is SpecialCause.OUTSIDE_LIMITS
    assert chart.points[-1].variation is Variation.IMPROVEMENT
    assert all(p.special_cause is None for p in chart.points[:-1])


# --- trend ------------------------------------------------------------------------------------------------------

def test_trend_ends_need_six_rises_in_a_row():
    # the package's own cases (tests/testthat/test-ptd_calculate_point_type.R, ptd_seven_point_trend)
    assert trend_ends([1, 2, 3, 4, 5, 6]) == [0] * 6
    assert trend_ends([1, 2, 3, 3, 4, 5, 6]) == [0] * 7
    assert trend_ends([1, 2, 3, 4, 5, 6, 7]) == [0] * 6 + [1]
    assert trend_ends([2, 1, 2, 3, 4, 5, 6, 7, 3]) == [0, 0, 0, 0, 0, 0, 0, 1, 0]
    assert trend_ends([7, 6, 5, 4, 3, 2, 1]) == [0] * 6 + [-1]
    assert trend_ends([2, 7, 6, 5, 4, 3, 2, 1, 3]) == [0, 0, 0, 0, 0, 0, 0, -1, 0]


def test_a_run_of_seven_marks_all_seven_points_including_the_first():
    # package cases for ptd_part_of_seven_trend
    assert in_run([0, 0, 0, 0, 0, 0]) == [False] * 6
    assert in_run([0, 0, 0, 0, 0, 0, 1, 0]) == [True] * 7 + [False]
    assert in_run([0, 0, 0, 0, 0, 0, 0, -1, 0]) == [False] + [True] * 7 + [False]


def test_seven_rising_points_are_a_trend_and_six_are_not():
    base = [10, 11] * 8  # mean 10.5 before the trend; enough spread that the trend stays inside the limits
    six = base + [10.0, 10.1, 10.2, 10.3, 10.4, 10.5]
    seven = base + [10.0, 10.1, 10.2, 10.3, 10.4, 10.5, 10.6]
    assert SpecialCause.TREND not in causes(six)
    got = causes(seven)
    assert got[-7:] == [SpecialCause.TREND] * 7
    assert SpecialCause.TREND not in got[:-7]


def test_a_repeated_value_breaks_a_trend():
    values = [10, 11] * 8 + [10.0, 10.1, 10.2, 10.2, 10.3, 10.4, 10.5, 10.6]
    assert SpecialCause.TREND not in causes(values)


def test_a_falling_trend_is_improvement_when_lower_is_better_and_it_may_cross_the_mean():
    values = [10, 11] * 8 + [11.0, 10.9, 10.8, 10.7, 10.6, 10.4, 10.3]
    chart = xmr_chart(values, better=Better.LOWER)
    assert chart.groups[0].limits.mean < 10.8  # the trend starts above the mean and ends below it
    assert [p.variation for p in chart.points[-7:]] == [Variation.IMPROVEMENT] * 7
    assert [p.direction for p in chart.points[-7:]] == [-1] * 7


# --- two of three -----------------------------------------------------------------------------------------------

def test_two_of_three_follows_the_package_cases():
    # tests/testthat/test-ptd_calculate_point_type.R: ptd_two_in_three and ptd_part_of_two_in_three
    t, f = True, False
    assert two_of_three([t, f, t], [1, 1, 1]) == [t, f, t]
    assert two_of_three([f, t, t], [1, 1, 1]) == [f, t, t]
    assert two_of_three([f, f, t, f, t, f, f], [1] * 7) == [f, f, t, f, t, f, f]
    assert two_of_three([t, f, f, t], [1] * 4) == [f] * 4
    assert two_of_three([t, f, f, t, t], [1] * 5) == [f, f, f, t, t]
    assert two_of_three([t, f, t], [1, -1, 1]) == [f, f, f]
    assert two_of_three([f, f, t, t, f, f, f], [-1, 1, -1, 1, -1, 1, -1]) == [f] * 7


def test_two_of_three_needs_all_three_on_one_side_so_a_point_on_the_mean_spoils_the_window():
    t, f = True, False
    assert two_of_three([t, f, t], [1, 0, 1]) == [f, f, f]


def test_two_near_points_on_opposite_sides_are_common_cause():
    # tests/testthat/test-ptd_spc_standard.R, "it only reports special cause for 2of3 points close to limits
    # when they are on the same side of the mean": 1, -1 repeated, then 5.5 and -5.5 as the last two points.
    values = [1, -1] * 8
    values[14], values[15] = 5.5, -5.5
    chart = xmr_chart(values, better=Better.HIGHER)
    assert [p.variation for p in chart.points[-2:]] == [Variation.COMMON_CAUSE] * 2


def test_two_of_three_near_the_upper_limit_is_flagged_on_the_near_points_only():
    # 10, 12 alternating: mean 11, mR 2, near line 11 + 3.5467 = 14.5467, upper 16.32
    values = [10, 12] * 7 + [15, 12, 15]
    chart = xmr_chart(values, better=Better.LOWER, fix_after=14)
    lim = chart.groups[0].limits
    assert lim.near_upper < 15 < lim.upper
    assert [p.special_cause for p in chart.points[-3:]] == [SpecialCause.TWO_OF_THREE, None,
                                                           SpecialCause.TWO_OF_THREE]
    assert chart.points[-1].variation is Variation.CONCERN


def test_a_point_outside_the_limits_does_not_count_as_near():
    values = [10, 12] * 7 + [15, 30, 11.5]
    got = causes(values)
    assert got[-2] is SpecialCause.OUTSIDE_LIMITS
    assert got[-3] is None


# --- shift ------------------------------------------------------------------------------------------------------

def test_shift_ends_follow_the_package_cases():
    # tests/testthat/test-ptd_calculate_point_type.R: ptd_seven_point_one_side_mean
    assert shift_ends([1] * 6) == [0] * 6
    assert shift_ends([1] * 6 + [-1]) == [0] * 7
    assert shift_ends([1] * 8 + [-1]) == [0] * 6 + [1, 1, 0]
    assert shift_ends([-1] * 8 + [1]) == [0] * 6 + [-1, -1, 0]


def test_a_point_exactly_on_the_mean_breaks_a_shift():
    assert shift_ends([1, 1, 1, 0, 1, 1, 1, 1]) == [0] * 8
    assert shift_ends([1, 1, 1, 1, 1, 1, 1, 0]) == [0] * 6 + [1, 0]


def test_seven_points_above_the_mean_are_a_shift_and_six_are_not():
    # limits fixed on 11, 9 alternating: mean 10, mR 2; then points at 10.5 (above the mean, well inside)
    base = [11, 9] * 6
    got = causes(base + [10.5] * 7 + [9], fix_after=12)
    assert got[12:19] == [SpecialCause.SHIFT] * 7
    assert SpecialCause.SHIFT not in got[:12] + got[19:]
    assert SpecialCause.SHIFT not in causes(base + [10.5] * 6 + [9], fix_after=12)
    assert SpecialCause.SHIFT not in causes(base + [10.5] * 3 + [10] + [10.5] * 3, fix_after=12)


# --- precedence ---------------------------------------------------------------------------------------------------

def test_outside_limits_comes_before_trend_and_trend_before_shift():
    values = [10, 11] * 8 + [12, 12.5, 13, 13.5, 14, 14.5, 40]
    got = causes(values)
    assert got[-1] is SpecialCause.OUTSIDE_LIMITS
    assert got[-7:-1] == [SpecialCause.TREND] * 6


# --- variation and assurance ----------------------------------------------------------------------------------------

def test_monitor_only_special_causes_are_neither():
    chart = xmr_chart([10, 12] * 6 + [20], better=Better.NEITHER)
    assert chart.latest_variation is Variation.NEITHER
    assert variation_label(Variation.NEITHER, 1) == "Neither ▲ (high)"


@pytest.mark.parametrize(("target", "better", "expected"), [
    # the package's cases (tests/testthat/test-ptd_calculate_assurance_type.R): limits 1–3, 5–7, 1–5, target 4
    (4, Better.HIGHER, Assurance.MISSES),
    (4, Better.LOWER, Assurance.MEETS),
])
def test_assurance_with_the_target_beyond_the_upper_limit(target, better, expected):
    assert assurance(_band(1, 3), target, better) is expected


def _band(lower: float, upper: float) -> ProcessLimits:
    return ProcessLimits((lower + upper) / 2, 0, lower, upper, lower, upper, 2, 0)


def test_assurance_follows_the_package_table():
    assert assurance(_band(5, 7), 4, Better.HIGHER) is Assurance.MEETS
    assert assurance(_band(5, 7), 4, Better.LOWER) is Assurance.MISSES
    assert assurance(_band(1, 5), 4, Better.HIGHER) is Assurance.HIT_AND_MISS
    assert assurance(_band(1, 5), 4, Better.NEITHER) is None
    assert assurance(_band(1, 5), None, Better.HIGHER) is None


def test_a_target_exactly_on_a_limit_is_hit_and_miss():
    assert assurance(_band(1, 5), 5, Better.HIGHER) is Assurance.HIT_AND_MISS
    assert assurance(_band(1, 5), 1, Better.HIGHER) is Assurance.HIT_AND_MISS
    assert assurance(_band(1, 5), 5.0001, Better.HIGHER) is Assurance.MISSES


# --- rebasing and trial limits --------------------------------------------------------------------------------------

def test_rebasing_gives_each_stretch_its_own_limits_and_rules_do_not_cross_it():
    before = [10, 12] * 7
    after = [30, 32] * 7
    chart = xmr_chart(before + after, rebase_at=[14])
    assert [g.limits.mean for g in chart.groups] == [11, 31]
    assert all(p.special_cause is None for p in chart.points)
    unrebased = xmr_chart(before + after)
    assert any(p.special_cause is not None for p in unrebased.points)


def test_assurance_uses_the_latest_stretch():
    chart = xmr_chart([10, 12] * 7 + [30, 32] * 7, rebase_at=[14], target=20, better=Better.HIGHER)
    assert chart.assurance is Assurance.MEETS


def test_twelve_points_have_trial_limits_and_thirteen_do_not():
    # tests/testthat/test-ptd_add_short_group_warnings.R: a group warns when n < the threshold (13 by default)
    assert xmr_chart([1, 2] * 6).trial_groups
    assert not xmr_chart([1, 2] * 6 + [1]).trial_groups


def test_trial_limits_are_judged_per_stretch():
    chart = xmr_chart([1, 2] * 10 + [5, 6] * 3, rebase_at=[20])
    assert [g.trial for g in chart.groups] == [False, True]


def test_a_rebase_outside_the_series_or_leaving_one_point_is_refused():
    with pytest.raises(ValueError):
        xmr_chart([1, 2, 3], rebase_at=[3])
    with pytest.raises(ValueError):
        xmr_chart([1, 2, 3], rebase_at=[2])


def test_where_two_trends_meet_on_equal_values_the_package_labels_the_peak_as_falling():
    # ptd_special_cause_type: a trend point takes the direction of the step to the next point when that point is
    # in a trend too; a flat step there counts as "Decreasing". Reproduced as the package does it.
    base = [0, 20] * 6  # limits fixed on these: mean 10, mR 20, so nothing below is outside or near the limits
    values = base + [1, 2, 3, 4, 5, 6, 7, 7, 6, 5, 4, 3, 2, 1]
    chart = xmr_chart(values, better=Better.HIGHER, fix_after=12)
    assert [p.special_cause for p in chart.points[12:]] == [SpecialCause.TREND] * 14
    assert [p.direction for p in chart.points[12:]] == [1] * 6 + [-1] * 8
