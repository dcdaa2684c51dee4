"""One series made into an XmR chart: limits per rebase group, special causes, variation and assurance.

:func:`xmr_chart` is the one entry point the command, the pack and the app
use. It does what NHSRplotthedots' ``ptd_spc`` does for one series without
a facet: the series is cut into groups at each rebase point, each group gets
its own mean and limits (fixed after ``fix_after`` points if asked) and the
special-cause rules run within each group, never across a rebase. A group of
fewer than 13 points has **trial limits**, which will move as points are
added; the result says so (``trial_groups``) rather than hiding it.
Assurance is judged on the latest group's limits; the summary's "latest
variation" is the variation of the last point.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pccdesk.records import record
from pccdesk.spc.icons import Assurance, Better, Variation, assurance, variation
from pccdesk.spc.process_limits import ProcessLimits, process_limits
from pccdesk.spc.special_causes import SpecialCause, classify

#: Groups with fewer points than this have trial limits (Making Data Count; the package's warning_threshold).
FIRM_LIMITS_POINTS = 13


@record(frozen=True)
class XmrPoint:
    index: int
    value: float
    group: int
    limits: ProcessLimits
    special_cause: SpecialCause | None
    direction: int
    variation: Variation


@record(frozen=True)
class XmrGroup:
    """A stretch of the series between rebase points, with its own limits."""

    start: int
    stop: int  # one past the last index
    limits: ProcessLimits

    @property
    def points(self) -> int:
        return self.stop - self.start

    @property
    def trial(self) -> bool:
        return self.points < FIRM_LIMITS_POINTS


@record(frozen=True)
class XmrChart:
    points: list[XmrPoint]
    groups: list[XmrGroup]
    better: Better
    target: float | None
    assurance: Assurance | None

    @property
    def latest(self) -> XmrPoint:
        return self.points[-1]

    @property
    def latest_variation(self) -> Variation:
        return self.points[-1].variation

    @property
    def trial_groups(self) -> list[XmrGroup]:
        return [g for g in self.groups if g.trial]


def group_starts(length: int, rebase_at: Sequence[int]) -> list[int]:
    """The first index of each group: 0 and every rebase index (a rebase at 0 changes nothing)."""
    for i in rebase_at:
        if not 0 <= i < length:
            raise ValueError(f"a rebase at point {i + 1} is outside the series of {length} points")
    return sorted({0, *rebase_at})


def xmr_chart(values: Sequence[float], *, better: Better = Better.NEITHER, target: float | None = None,
              rebase_at: Sequence[int] = (), fix_after: int | None = None,
              screen_outliers: bool = True) -> XmrChart:
    """The XmR chart of ``values`` (in time order, no gaps).

    ``rebase_at``: indices where the process changed and new limits start.
    ``fix_after``: in each group, only the first ``fix_after`` points set the limits.
    Raises ValueError (with a sentence fit for a user) for a value that is not a
    finite number or a group of fewer than 2 points.
    """
    values = [float(v) for v in values]
    if not values:
        raise ValueError("there are no values to chart")
    for i, v in enumerate(values):
        if not math.isfinite(v):
            raise ValueError(f"point {i + 1} is not a number")
    if target is not None and not math.isfinite(target):
        raise ValueError("the target is not a number")
    starts = group_starts(len(values), rebase_at)
    stops = starts[1:] + [len(values)]
    groups: list[XmrGroup] = []
    points: list[XmrPoint] = []
    for number, (start, stop) in enumerate(zip(starts, stops, strict=True)):
        chunk = values[start:stop]
        if len(chunk) < 2:
            raise ValueError(f"the stretch starting at point {start + 1} has only {len(chunk)} point; "
                             "limits need at least 2")
        limits = process_limits(chunk, screen_outliers=screen_outliers, fix_after=fix_after)
        groups.append(XmrGroup(start, stop, limits))
        for offset, cause in enumerate(classify(chunk, limits)):
            points.append(XmrPoint(start + offset, chunk[offset], number, limits, cause.cause, cause.direction,
                                   variation(cause, better)))
    return XmrChart(points, groups, better, target, assurance(groups[-1].limits, target, better))
