"""Variation and assurance for an indicator's history, to show beside its RAG in the pack and the app.

:func:`indicator_spc` takes the history as ``(period, value)`` pairs, oldest
first, and answers with the latest point's variation and the assurance
against the target, as words and symbols, or with the reason there is none.

Why these choices:

* **13 periods or more**, the Making Data Count minimum for firm limits:
  with fewer, a variation icon would rest on trial limits, so none is shown
  and the reason says how many periods there are.
* **Only the unbroken run up to the latest period is used.** A missing
  period (a value of None, or a gap in the dates, e.g. 2021-22 Q3 missing
  between Q2 and Q4) would change every later moving range; filling it would
  be a guess. The points before the last gap are left out and the note says
  from which period the chart runs. When the latest period itself has no
  figure there is no latest variation to show.
* Periods are recognised as months, quarters, financial years or dates
  (``2021-22 Q1``, ``Apr 2021``, ``2021-04``, ``2021-04-01``); when some are
  not, the order given is kept and gaps cannot be seen in the dates (only
  None values count as gaps).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from pccdesk.records import record
from pccdesk.spc.icons import Assurance, Better, Variation, assurance_label, variation_label
from pccdesk.spc.period_keys import period_starts
from pccdesk.spc.xmr_chart import FIRM_LIMITS_POINTS, XmrChart, xmr_chart


@record(frozen=True)
class IndicatorSpc:
    """What the pack shows beside RAG. ``chart`` is None when ``available`` is False (``reason`` says why)."""

    available: bool
    reason: str = ""
    variation: Variation | None = None
    direction: int = 0
    assurance: Assurance | None = None
    periods: tuple[str, ...] = ()
    chart: XmrChart | None = None

    @property
    def variation_text(self) -> str:
        """e.g. ``Concern ▼ (low)``; '' when not available."""
        return variation_label(self.variation, self.direction) if self.variation is not None else ""

    @property
    def assurance_text(self) -> str:
        """e.g. ``Hit and miss (?)``; '' without a target or when not available."""
        return assurance_label(self.assurance)


def better_of(text: str | Better) -> Better:
    """``higher`` / ``lower`` / anything empty or ``monitor`` / ``neither`` as a :class:`Better`."""
    if isinstance(text, Better):
        return text
    word = text.strip().lower()
    if word in {"", "monitor", "monitor only", "neither", "neutral"}:
        return Better.NEITHER
    return Better(word)


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def unbroken_run(history: Sequence[tuple[str, float | None]]) -> tuple[int, str]:
    """The index where the unbroken run ending at the latest period starts, and a note if earlier ones were cut."""
    starts = period_starts([str(p) for p, _ in history])
    first = 0
    for i, (_, value) in enumerate(history):
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            first = i + 1
    if all(s is not None for s in starts) and len(history) > 2:
        months = [_month_index(s) for s in starts if s is not None]
        steps = [b - a for a, b in zip(months, months[1:], strict=False)]
        positive = [s for s in steps if s > 0]
        step = min(positive) if positive else 0
        for i, gap in enumerate(steps, start=1):
            if step and gap > step and i > first:
                first = i
    if first == 0:
        return 0, ""
    if first >= len(history):
        return first, ""
    return first, (f"charted from {history[first][0]} only: the history before it has a missing period, which "
                   "would change the limits if it were filled in")


def indicator_spc(history: Sequence[tuple[str, float | None]], *, better: Better | str = Better.NEITHER,
                  target: float | None = None) -> IndicatorSpc:
    """The latest variation and the assurance of an indicator's history (oldest first), or why there are none."""
    better = better_of(better)
    if not history:
        return IndicatorSpc(False, "no history")
    latest = history[-1][1]
    if latest is None or not math.isfinite(latest):
        return IndicatorSpc(False, f"no figure for {history[-1][0]}, the latest period")
    first, note = unbroken_run(history)
    run = list(history[first:])
    if len(run) < FIRM_LIMITS_POINTS:
        where = f" since the missing period before {run[0][0]}" if first else ""
        return IndicatorSpc(False, f"only {len(run)} period{'s' if len(run) != 1 else ''} of history{where}; "
                            f"{FIRM_LIMITS_POINTS} are needed for an SPC chart")
    values = [float(v) for _, v in run if v is not None]
    chart = xmr_chart(values, better=better, target=target)
    return IndicatorSpc(True, note, chart.latest_variation, chart.latest.direction, chart.assurance,
                        tuple(str(p) for p, _ in run), chart)
