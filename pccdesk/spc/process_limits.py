"""The centre line and process limits of an XmR chart (the "X" and "mR" of XmR).

The rules follow NHS England's "Making Data Count" as the NHS-R community's
NHSRplotthedots package computes them (its ``ptd_spc_standard``), so that a
chart made here and one made there agree to the last digit:

* the centre line is the mean of the values;
* each moving range is the absolute difference between a value and the one
  before it (the first value has none);
* outlying moving ranges, those **at or above** 3.267 × the mean moving range,
  are left out and the mean moving range is worked out again from the rest
  (one pass only). This is Nelson's (1982) screening, which the package does by
  default; the Making Data Count Excel tools do not screen, which is why
  ``screen_outliers=False`` is offered to reproduce them;
* the process limits are mean ± 2.66 × mean moving range, and a point is
  "near the limits" beyond mean ± (2 × 2.66 / 3) × mean moving range (the
  2-sigma lines);
* limits can be fixed after the first ``fix_after`` points: the mean and the
  moving ranges then come from those points only, and later points are judged
  against them.

One deliberate difference: when every moving range is zero (a flat series)
the package's screening leaves no moving range and its limits become "not a
number"; here the limits are the mean itself, because no moving range there
is an outlier.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pccdesk.records import record

#: Process limits sit this many mean moving ranges from the mean (3 sigma, as 3 / 1.128 = 2.66).
LIMIT_FACTOR = 2.66
#: "Near the limits" is beyond this many mean moving ranges from the mean (2 sigma).
NEAR_LIMIT_FACTOR = 2 * LIMIT_FACTOR / 3
#: Moving ranges at or above this multiple of their mean are left out of the limits (Nelson 1982).
OUTLYING_MOVING_RANGE_FACTOR = 3.267


@record(frozen=True)
class ProcessLimits:
    """The centre line and limits of one stretch of an XmR chart (one rebase group)."""

    mean: float
    mean_moving_range: float
    lower: float
    upper: float
    near_lower: float
    near_upper: float
    points_used: int
    moving_ranges_left_out: int

    def is_outside(self, value: float) -> bool:
        """Strictly beyond a limit: a point exactly on a limit is inside, as in the package."""
        return value > self.upper or value < self.lower

    def is_near(self, value: float) -> bool:
        """Beyond the 2-sigma line but not outside the limits."""
        return not self.is_outside(value) and (value < self.near_lower or value > self.near_upper)

    def side(self, value: float) -> int:
        """+1 above the mean, -1 below, 0 exactly on it (a point on the mean is on neither side)."""
        return (value > self.mean) - (value < self.mean)


def mean(values: Sequence[float]) -> float:
    """The arithmetic mean, summed exactly (``math.fsum``) so the order of the values cannot change it."""
    if not values:
        raise ValueError("the mean of no values is undefined")
    return math.fsum(values) / len(values)


def moving_ranges(values: Sequence[float]) -> list[float]:
    """``|x[i] - x[i-1]|`` for each value after the first (one fewer than the values)."""
    return [abs(b - a) for a, b in zip(values, values[1:], strict=False)]


def screen_moving_ranges(ranges: Sequence[float]) -> list[float]:
    """The moving ranges kept: those strictly below 3.267 × the mean of them all."""
    cut = OUTLYING_MOVING_RANGE_FACTOR * mean(ranges)
    return [r for r in ranges if r < cut]


def process_limits(values: Sequence[float], *, screen_outliers: bool = True,
                   fix_after: int | None = None) -> ProcessLimits:
    """Mean, mean moving range and limits of ``values`` (one rebase group, in time order).

    ``fix_after``: only the first ``fix_after`` values set the limits. At least
    two values must set them, since one value has no moving range.
    """
    if fix_after is not None and fix_after < 2:
        raise ValueError("limits can only be fixed after 2 or more points")
    basis = list(values[:fix_after]) if fix_after is not None else list(values)
    if len(basis) < 2:
        raise ValueError("process limits need at least 2 points (one moving range)")
    if any(not math.isfinite(v) for v in basis):
        raise ValueError("process limits need numbers: a value is blank or not a finite number")
    centre = mean(basis)
    ranges = moving_ranges(basis)
    kept = ranges
    if screen_outliers and mean(ranges) > 0:
        kept = screen_moving_ranges(ranges)
    mr_bar = mean(kept)
    return ProcessLimits(
        mean=centre,
        mean_moving_range=mr_bar,
        lower=centre - LIMIT_FACTOR * mr_bar,
        upper=centre + LIMIT_FACTOR * mr_bar,
        near_lower=centre - NEAR_LIMIT_FACTOR * mr_bar,
        near_upper=centre + NEAR_LIMIT_FACTOR * mr_bar,
        points_used=len(basis),
        moving_ranges_left_out=len(ranges) - len(kept),
    )
