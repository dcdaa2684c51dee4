"""NHSRplotthedots' own published examples, reproduced: same mean, limits and special-cause points.

The expected numbers are copied from the package's repository (nhs-r-community/NHSRplotthedots, release
0.2.x): its test snapshots (``tests/testthat/_snaps/*.md``) and its vignette ``vignettes/deviations.Rmd``.
They were computed by R, not by pccdesk.
"""

from __future__ import annotations

import pytest

from pccdesk.spc import Better, SpecialCause, Variation, xmr_chart

#: ``set.seed(123); rnorm(20)`` in R, the data of tests/testthat/test-ptd_spc_standard.R and test-ptd_spc.R.
#: The snapshot prints the first four (-0.56047565, -0.23017749, 1.55870831, 0.07050839); the published mean
#: and limits below (seven significant figures, three different calculations) confirm all twenty.
RNORM_123 = [-0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621,
             -1.26506123, -0.68685285, -0.44566197, 1.22408180, 0.35981383, 0.40077145, 0.11068272,
             -0.55584113, 1.78691314, 0.49785048, -1.96661716, 0.70135590, -0.47279141]


def test_the_standard_example_has_the_published_mean_and_limits_and_no_special_cause():
    """tests/testthat/_snaps/ptd_spc_standard.md, r1: mean_col 0.1416238, lpl -3.01138, upl 3.294627,
    relative_to_mean -1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1; and _snaps/ptd_spc.md (summary):
    n 20, common_cause 20, no improvement or concern."""
    chart = xmr_chart(RNORM_123, better=Better.HIGHER)
    lim = chart.groups[0].limits
    assert lim.mean == pytest.approx(0.1416238, abs=5e-8)
    assert lim.lower == pytest.approx(-3.01138, abs=5e-6)
    assert lim.upper == pytest.approx(3.294627, abs=5e-7)
    assert [lim.side(v) for v in RNORM_123[:15]] == [-1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1]
    assert [p.variation for p in chart.points] == [Variation.COMMON_CAUSE] * 20
    assert not chart.trial_groups


def test_an_outlier_screened_from_the_moving_ranges_gives_the_published_limits():
    """_snaps/ptd_spc_standard.md, r2: the same data with y[15] = 10, screen_outliers = TRUE:
    mean_col 0.6694159, lpl -2.383666, upl 3.722497; relative_to_mean -1, -1, 1, -1, -1, 1, -1, -1, -1, -1, 1,
    -1, -1, -1."""
    values = list(RNORM_123)
    values[14] = 10
    lim = xmr_chart(values).groups[0].limits
    assert lim.mean == pytest.approx(0.6694159, abs=5e-8)
    assert lim.lower == pytest.approx(-2.383666, abs=5e-7)
    assert lim.upper == pytest.approx(3.722497, abs=5e-7)
    assert lim.moving_ranges_left_out == 2  # the jump up to 10 and the fall back from it
    assert [lim.side(v) for v in values[:14]] == [-1, -1, 1, -1, -1, 1, -1, -1, -1, -1, 1, -1, -1, -1]


def test_without_screening_the_limits_are_wider_as_published():
    """_snaps/ptd_spc_standard.md, r3: y[15] = 10, screen_outliers = FALSE: lpl -4.596625, upl 5.935457."""
    values = list(RNORM_123)
    values[14] = 10
    lim = xmr_chart(values, screen_outliers=False).groups[0].limits
    assert lim.lower == pytest.approx(-4.596625, abs=5e-7)
    assert lim.upper == pytest.approx(5.935457, abs=5e-7)


@pytest.mark.parametrize(("first", "mean", "lower", "upper"), [(0, 0.0746, -2.60, 2.75), (10, 0.209, -3.28, 3.70)])
def test_two_groups_of_ten_have_the_published_trial_limits(first, mean, lower, upper):
    """_snaps/ptd_spc.md, summary of s3 (facet = 0 for the first ten points, 1 for the last ten):
    0.0746 / -2.60 / 2.75 and 0.209 / -3.28 / 3.70, all 10 common cause; groups under 13 points warn."""
    chart = xmr_chart(RNORM_123[first:first + 10], better=Better.HIGHER)
    lim = chart.groups[0].limits
    assert round(lim.mean, 4 if first == 0 else 3) == mean
    assert round(lim.lower, 2) == lower and round(lim.upper, 2) == upper
    assert all(p.variation is Variation.COMMON_CAUSE for p in chart.points)
    assert chart.trial_groups


def test_rebasing_at_the_tenth_point_gives_the_same_two_sets_of_limits():
    """The same two groups made by a rebase rather than a facet (the package computes each rebase group
    exactly as a facet: ptd_spc_standard groups by facet and rebase_group)."""
    chart = xmr_chart(RNORM_123, rebase_at=[10])
    assert [round(g.limits.upper, 2) for g in chart.groups] == [2.75, 3.70]


@pytest.mark.parametrize(("screen", "upper", "mean", "lower"), [(True, 4.6, 1.94, -0.72), (False, 6.95, 1.94, -3.06)])
def test_the_deviations_vignette_example(screen, upper, mean, lower):
    """vignettes/deviations.Rmd, "Treatment of outlying points": data 1, 2, 1, 2, 10, 1, 2, … (18 points);
    default (screened): UPL 4.6, mean 1.94, LPL -0.72; screen_outliers = FALSE (as the Excel tool):
    UPL 6.95, LPL -3.06. The captions describe the fifth point as the one special cause improvement."""
    data = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
    chart = xmr_chart(data, better=Better.HIGHER, screen_outliers=screen)
    lim = chart.groups[0].limits
    assert (round(lim.upper, 2), round(lim.mean, 2), round(lim.lower, 2)) == (upper, mean, lower)
    special = [p.index for p in chart.points if p.special_cause]
    assert special == [4]
    assert chart.points[4].special_cause is SpecialCause.OUTSIDE_LIMITS
    assert chart.points[4].variation is Variation.IMPROVEMENT


def test_the_package_example_of_special_cause_labels_in_precedence():
    """tests/testthat/test-ptd_calculate_point_type.R, "ptd_special_cause_type works as expected", rebuilt
    with real data: a rising trend, then points below the mean near the limit, then one outside."""
    base = [10, 12] * 6
    values = base + [11.1, 11.2, 11.3, 11.4, 11.5, 11.6, 11.7, 7.2, 9, 7.2, 1]
    chart = xmr_chart(values, better=Better.HIGHER, fix_after=12)
    got = [p.special_cause for p in chart.points[12:]]
    assert got == [SpecialCause.TREND] * 7 + [SpecialCause.TWO_OF_THREE, None, SpecialCause.TWO_OF_THREE,
                                              SpecialCause.OUTSIDE_LIMITS]
    assert [p.variation for p in chart.points[12:19]] == [Variation.IMPROVEMENT] * 7
    assert chart.latest_variation is Variation.CONCERN
