"""Status against target and direction of change: the rules the panel reads, as pure functions.

Status (red/amber/green) compares the current value with the plan's target in
the indicator's ``better`` direction. Direction compares current with previous;
when both are survey estimates with a 95% confidence interval, a change no
larger than the combined half-width √(h₁² + h₂²) is "No significant change".
"""

from __future__ import annotations

import enum
import math

from pccdesk.indicators.definitions import Better
from pccdesk.records import record
from pccdesk.values import tidy_number

#: Comparisons are made after rounding to this many decimals, so 90.0000001 meets 90.
_PRECISION = 9


class Status(enum.Enum):
    GREEN = "Green"
    AMBER = "Amber"
    RED = "Red"
    NO_TARGET = "No target"
    NO_DATA = "No data"


class Direction(enum.Enum):
    IMPROVED = "Improved"
    DETERIORATED = "Deteriorated"
    NO_CHANGE = "No change"
    NO_SIGNIFICANT_CHANGE = "No significant change"
    NOT_COMPARABLE = "Not comparable"
    UP = "Up"
    DOWN = "Down"


def status_for(current: float | None, target: float | None, better: Better, amber_within: float = 0.0) -> Status:
    """Green when the target is met; Amber when missed by no more than ``amber_within``; Red otherwise."""
    if current is None:
        return Status.NO_DATA
    if target is None or better is Better.MONITOR:
        return Status.NO_TARGET
    shortfall = (target - current) if better is Better.HIGHER else (current - target)
    shortfall = round(shortfall, _PRECISION)
    if shortfall <= 0:
        return Status.GREEN
    if shortfall <= round(max(amber_within, 0.0), _PRECISION):
        return Status.AMBER
    return Status.RED


@record(frozen=True)
class Change:
    change: float | None
    direction: Direction
    significance_threshold: float | None = None


def combined_half_width(h1: float | None, h2: float | None) -> float | None:
    if h1 is None or h2 is None:
        return None
    return math.sqrt(h1 * h1 + h2 * h2)


def change_for(previous: float | None, current: float | None, better: Better,
               previous_half_width: float | None = None, current_half_width: float | None = None) -> Change:
    """Change = current − previous (percentage points for percents) and its direction."""
    if previous is None or current is None:
        return Change(None, Direction.NOT_COMPARABLE)
    # a whole-number change is an int (178 − 270 is −92, not −92.0), and no change is 0, never −0.0
    change = tidy_number(round(current - previous, _PRECISION)) or 0
    threshold = tidy_number(combined_half_width(previous_half_width, current_half_width))
    if change == 0:
        return Change(0, Direction.NO_CHANGE, threshold)
    if threshold is not None and abs(change) <= round(threshold, _PRECISION):
        return Change(change, Direction.NO_SIGNIFICANT_CHANGE, threshold)
    if better is Better.MONITOR:
        return Change(change, Direction.UP if change > 0 else Direction.DOWN, threshold)
    improved = change > 0 if better is Better.HIGHER else change < 0
    return Change(change, Direction.IMPROVED if improved else Direction.DETERIORATED, threshold)
