"""Variation and assurance: the two Making Data Count icons, as words (and symbols) for panel members.

**Variation** says what the latest point (or any point) shows:

* ``Common cause`` — no special cause: the figures move within what this
  process normally produces.
* ``Improvement`` / ``Concern`` — a special cause in the better / worse
  direction (``Better.HIGHER``: higher is better; ``Better.LOWER``: lower is).
* ``Neither`` — a special cause on an indicator that is only monitored
  (``Better.NEITHER``): something changed, but neither way is better.

**Assurance** says whether the process, as it is, can be relied on to meet a
target (NHSRplotthedots' ``ptd_calculate_assurance_type``, judged on the
limits of the latest rebase group): a target strictly beyond the limits on
the worse side is "Consistently misses target"; strictly beyond them on the
better side, "Consistently meets target"; otherwise (within or on the
limits) "Hit and miss". There is no assurance without a target, nor for a
monitor-only indicator.
"""

from __future__ import annotations

import enum

from pccdesk.spc.process_limits import ProcessLimits
from pccdesk.spc.special_causes import PointCause


class Better(enum.Enum):
    HIGHER = "higher"
    LOWER = "lower"
    NEITHER = "neither"

    @property
    def sign(self) -> int:
        return {"higher": 1, "lower": -1, "neither": 0}[self.value]


class Variation(enum.Enum):
    COMMON_CAUSE = "Common cause"
    IMPROVEMENT = "Improvement"
    CONCERN = "Concern"
    NEITHER = "Neither"


class Assurance(enum.Enum):
    MEETS = "Consistently meets target"
    MISSES = "Consistently misses target"
    HIT_AND_MISS = "Hit and miss"


#: Shown beside the words (never colour alone): P pass, F fail, ? hit and miss, as on the Making Data Count icons.
ASSURANCE_SYMBOLS = {Assurance.MEETS: "P", Assurance.MISSES: "F", Assurance.HIT_AND_MISS: "?"}


def variation(cause: PointCause, better: Better) -> Variation:
    """The variation of one point: which way its special cause points, read against ``better``."""
    if not cause.is_special:
        return Variation.COMMON_CAUSE
    if better is Better.NEITHER:
        return Variation.NEITHER
    return Variation.IMPROVEMENT if cause.direction * better.sign > 0 else Variation.CONCERN


def variation_symbol(kind: Variation, direction: int) -> str:
    """``~`` for common cause; ``▲`` (high) or ``▼`` (low) for a special cause."""
    if kind is Variation.COMMON_CAUSE:
        return "~"
    return "▲" if direction > 0 else "▼"


def variation_label(kind: Variation, direction: int) -> str:
    """The words and symbol together, e.g. ``Concern ▲ (high)``."""
    if kind is Variation.COMMON_CAUSE:
        return "Common cause ~"
    return f"{kind.value} {variation_symbol(kind, direction)} ({'high' if direction > 0 else 'low'})"


def assurance(limits: ProcessLimits, target: float | None, better: Better) -> Assurance | None:
    """Whether ``limits`` show the target will be met every time, missed every time, or sometimes either."""
    if target is None or better is Better.NEITHER:
        return None
    if target > limits.upper:
        return Assurance.MISSES if better is Better.HIGHER else Assurance.MEETS
    if target < limits.lower:
        return Assurance.MEETS if better is Better.HIGHER else Assurance.MISSES
    return Assurance.HIT_AND_MISS


def assurance_label(kind: Assurance | None) -> str:
    """The words and symbol together, e.g. ``Consistently misses target (F)``; '' without an assurance."""
    return f"{kind.value} ({ASSURANCE_SYMBOLS[kind]})" if kind is not None else ""


#: What each word and symbol means, for the pack's Cover and the HTML copy (word and symbol, meaning).
SPC_LEGEND = (
    ("Common cause ~", "the latest figure is within what this process normally produces: no sign of real change"),
    ("Improvement ▲ / ▼", "a special cause in the better direction (▲ higher, ▼ lower): a real change for the better"),
    ("Concern ▲ / ▼", "a special cause in the worse direction: a real change for the worse"),
    ("Neither ▲ / ▼", "a special cause where the plan sets no better direction (monitored only)"),
    ("Consistently meets target (P)", "the process limits are all on the right side of the target: it will "
     "be met every quarter unless something changes"),
    ("Consistently misses target (F)", "the target is beyond the process limits: it will be missed every "
     "quarter unless the process changes"),
    ("Hit and miss (?)", "the target is within the process limits: it will sometimes be met and sometimes not"),
)
#: When a point is a special cause (the Making Data Count rules), in one sentence for panel members.
SPECIAL_CAUSE_TEXT = ("A special cause is a figure outside the process limits, 7 rising or falling in a row, "
                      "2 of 3 near a limit, or 7 on one side of the mean. Variation and assurance are shown for "
                      "indicators with 13 or more periods of history.")
