"""Recorded crime as tidy records, whatever shape the force sent it in.

Every reader (summary blocks, national tables, long tables, record-level
extracts) turns its input into :class:`CrimeImport`: counts keyed by area,
category and period, each with the cell it came from, plus any change the force
stated beside them. Comparisons (:class:`CrimeRow`) are then built from the
counts alone; the stated changes are only ever checked, never copied.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from pathlib import Path

from pccdesk.problems import Location, Problem
from pccdesk.records import record

CURRENT = "current"
PREVIOUS = "previous"


@record(frozen=True)
class CrimeCount:
    """One count: ``role`` says whether it is the current or the previous period of the comparison."""

    area: str
    category: str
    role: str
    count: float | None
    location: Location = field(default_factory=Location)
    is_force: bool = False
    #: What the cell held when it gave no count and was not blank (``[x]``, ``..``, ``-``), as written.
    held: str = ""


@record(frozen=True)
class StatedChange:
    """A change the force wrote beside its counts (``+2,736 + 13%``, or ``+ 415`` | ``+ 10%``)."""

    area: str
    category: str
    change: float | None
    change_percent: float | None
    location: Location = field(default_factory=Location)
    percent_location: Location | None = None


@record
class CrimeImport:
    """What one input gave: counts for up to two periods, stated changes and the problems found reading it."""

    path: Path
    force: str | None
    current_period: str
    previous_period: str | None
    counts: list[CrimeCount] = field(default_factory=list)
    stated: list[StatedChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Counts not assigned to any area, by (category, role): part of the force total, in no area.
    unassigned: dict[tuple[str, str], float] = field(default_factory=dict)
    shape: str = ""
    rows_read: int = 0
    #: For a one-period table, the end of its period, so that two such files can be put in order.
    period_date: dt.date | None = None
    #: The first and last day of the current period, where the input says them (to check it against the pack's).
    current_span: tuple[dt.date, dt.date] | None = None
    #: For record-level extracts: the force's counts by category ("Total crime" too) for each whole month the
    #: data cover, oldest first, as ("2018-10", count): what the monthly SPC charts are drawn from.
    monthly: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


@record
class CrimeRow:
    """One category of one area: the two counts, and the change worked out from them."""

    area: str
    category: str
    current: float | None
    previous: float | None
    current_period: str
    previous_period: str
    is_force: bool = False
    current_location: Location = field(default_factory=Location)
    previous_location: Location = field(default_factory=Location)
    #: What each period's cell held when it gave no count and was not blank (``[x]``, ``..``), as written.
    current_held: str = ""
    previous_held: str = ""

    @property
    def change(self) -> float | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def change_percent(self) -> float | None:
        """As a fraction (0.13 for +13%); None when either count is missing or the previous count is zero."""
        change = self.change
        if change is None or not self.previous:
            return None
        return change / self.previous

    @property
    def change_percent_text(self) -> str:
        """``+13%``, ``-0%``, or ``n/a`` from a zero baseline (a % change from nothing has no meaning)."""
        pct = self.change_percent
        if pct is None:
            return "n/a"
        value = round(pct * 100)
        sign = "+" if pct > 0 else ("-" if pct < 0 else "")
        return f"{sign}{abs(value):,}%"

    @property
    def direction(self) -> str:
        change = self.change
        if change is None:
            return ""
        return "Up" if change > 0 else ("Down" if change < 0 else "Same")


@record
class CrimeTable:
    """The rows of one area (or of the force) in the category list's order."""

    area: str
    is_force: bool
    rows: list[CrimeRow]

    def row(self, category: str) -> CrimeRow | None:
        return next((r for r in self.rows if r.category == category), None)


def signed(value: float | None) -> str:
    """``+2,736``, ``-3``, ``0``: how the pack and messages write a change."""
    if value is None:
        return "n/a"
    number = round(value)
    return f"+{number:,}" if number > 0 else f"{number:,}"
