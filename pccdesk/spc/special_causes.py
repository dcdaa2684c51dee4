"""The four special-cause rules of an XmR chart, in the package's precedence.

Each rule is a pure function over one rebase group, following NHSRplotthedots'
``ptd_special_cause_type`` and the helpers it calls, including the details
that decide boundary cases:

1. **Outside limits** — strictly above the upper or below the lower limit.
2. **Trend** — 7 consecutive points each strictly higher (or strictly lower)
   than the one before: six rises in a row. All 7 points, the first included,
   are marked. Equal neighbours break a trend. A trend may cross the mean.
3. **Two of three** — of 3 consecutive points, at least 2 are near the limits
   (beyond 2 sigma, not outside the limits) and all 3 are on the same side of
   the mean. Only the near-limit points are marked; a point outside the limits
   does not count as "near", and a point exactly on the mean is on no side.
4. **Shift** — 7 consecutive points on the same side of the mean. A point
   exactly on the mean is on neither side, so it ends the run. All 7 are marked.

A point matching several rules is reported under the first in that order.
The direction of a trend point is the direction of the step to the next point
when that point is also in a trend, otherwise of the step from the previous
point (the package's rule, which matters where two trends meet: a flat step between them
counts as falling, as it does in the package).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

from pccdesk.records import record
from pccdesk.spc.process_limits import ProcessLimits

#: Points in a trend or a shift.
RUN_LENGTH = 7


class SpecialCause(enum.Enum):
    OUTSIDE_LIMITS = "Outside limits"
    TREND = "Trend"
    TWO_OF_THREE = "Two of three"
    SHIFT = "Shift"


@record(frozen=True)
class PointCause:
    """Why a point is special (None: common cause) and which way it points (+1 up/above, -1 down/below, 0)."""

    cause: SpecialCause | None
    direction: int

    @property
    def is_special(self) -> bool:
        return self.cause is not None


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def trend_ends(values: Sequence[float]) -> list[int]:
    """+1 / -1 at the last point of 7 strictly rising / falling points, 0 elsewhere."""
    steps = [_sign(b - a) for a, b in zip(values, values[1:], strict=False)]
    ends = [0] * len(values)
    for i in range(RUN_LENGTH - 1, len(values)):
        window = steps[i - RUN_LENGTH + 1:i]
        if all(s == 1 for s in window):
            ends[i] = 1
        elif all(s == -1 for s in window):
            ends[i] = -1
    return ends


def shift_ends(sides: Sequence[int]) -> list[int]:
    """+1 / -1 at the last point of 7 points all above / all below the mean (0 on the mean breaks a run)."""
    ends = [0] * len(sides)
    for i in range(RUN_LENGTH - 1, len(sides)):
        window = sides[i - RUN_LENGTH + 1:i + 1]
        if window[-1] != 0 and all(s == window[-1] for s in window):
            ends[i] = window[-1]
    return ends


def in_run(ends: Sequence[int]) -> list[bool]:
    """Whether each point belongs to a run of 7 ending at it or at one of the next 6 points."""
    return [any(ends[i:i + RUN_LENGTH]) for i in range(len(ends))]


def two_of_three(near: Sequence[bool], sides: Sequence[int]) -> list[bool]:
    """Near-limit points in a window of 3 with 2 or more near the limits, all 3 on one side of the mean."""
    n = len(near)
    flagged = [False] * n
    for start in range(n - 2):
        window = range(start, start + 3)
        if sum(near[j] for j in window) >= 2 and abs(sum(sides[j] for j in window)) == 3:
            for j in window:
                flagged[j] = flagged[j] or near[j]
    return flagged


def classify(values: Sequence[float], limits: ProcessLimits) -> list[PointCause]:
    """The special cause (if any) of each point of one rebase group, judged against ``limits``."""
    sides = [limits.side(v) for v in values]
    outside = [limits.is_outside(v) for v in values]
    near = [limits.is_near(v) for v in values]
    trend = in_run(trend_ends(values))
    pairs = two_of_three(near, sides)
    shift = in_run(shift_ends(sides))
    causes = []
    for i in range(len(values)):
        side_direction = 1 if sides[i] > 0 else -1
        if outside[i]:
            causes.append(PointCause(SpecialCause.OUTSIDE_LIMITS, 1 if sides[i] == 1 else -1))
        elif trend[i]:
            causes.append(PointCause(SpecialCause.TREND, _trend_direction(values, trend, i)))
        elif pairs[i]:
            causes.append(PointCause(SpecialCause.TWO_OF_THREE, side_direction))
        elif shift[i]:
            causes.append(PointCause(SpecialCause.SHIFT, side_direction))
        else:
            causes.append(PointCause(None, 0))
    return causes


def _trend_direction(values: Sequence[float], trend: Sequence[bool], i: int) -> int:
    if i + 1 < len(values) and trend[i + 1]:
        step = _sign(values[i + 1] - values[i])
    else:
        step = _sign(values[i] - values[i - 1]) if i > 0 else 0
    return 1 if step == 1 else -1
