"""An indicator's SPC variation and assurance, worked out in the library so every output shows the same.

:func:`indicator_spc_for` is called by :func:`pccdesk.indicators.assessment.assess`
with the indicator's stored history (every reporting period, None where the
store holds no number) and puts the answer on the
:class:`~pccdesk.indicators.assessment.IndicatorResult`. The workbook, the
HTML copy and the app then only read ``result.spc``.

Why these choices:

* The chart ends at the pack's reporting period: figures stored for later
  periods (a pack rebuilt for an earlier quarter) are left out, and when the
  store has nothing yet for the reporting period (``check`` without
  recording) the current figure is added, so the latest point is always the
  quarter the pack is about. A period with no number stays a gap (None),
  which :func:`pccdesk.spc.indicator_spc` never fills.
* Figures the force gave only as a change ("+6%, +47 crimes") are stored as
  that change, not as a level; a chart of levels mixed with changes would be
  wrong, so an indicator whose current figure is a stated change gets no SPC,
  with a reason, and a stored figure whose text is a stated change is a gap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from pccdesk.indicators.definitions import Indicator
from pccdesk.periods import reporting_period_key
from pccdesk.spc import IndicatorSpc, indicator_spc
from pccdesk.values import ParsedValue, parse_value

#: (period, value or None), oldest first.
SpcHistory = Sequence[tuple[str, float | None]]


class StoredFigure(Protocol):
    """What the chart needs of a figure in the history store (``pccdesk.store.history_store.StoredValue``)."""

    @property
    def reporting_period(self) -> str: ...
    @property
    def value(self) -> float | None: ...
    @property
    def text(self) -> str: ...
    @property
    def unit(self) -> str | None: ...


def fits_measure(indicator: Indicator, unit: str | None) -> bool:
    """Whether a figure stored with ``unit`` measures what the plan's indicator now measures: a percentage for a
    percentage, a count or rate for a count. A plan revised from one to the other makes the older figures another
    measure, never to be compared with the new ones (87% is not 87 assessments)."""
    return unit is None or (unit == "percent") == indicator.is_percent


def stored_levels(stored: Sequence[StoredFigure], indicator: Indicator | None = None
                  ) -> list[tuple[str, float | None]]:
    """The store's figures as (period, level): None where it holds no number or a stated change, or (given the
    ``indicator``) a figure of another measure."""
    rows: list[tuple[str, float | None]] = []
    for figure in stored:
        value = figure.value
        if indicator is not None and not fits_measure(indicator, figure.unit):
            value = None
        if value is not None and figure.text.strip():
            parsed = parse_value(figure.text)
            if parsed.value is None and parsed.change is not None:
                value = None
        rows.append((figure.reporting_period, value))
    return rows


def history_for_spc(stored: SpcHistory, reporting_period: str, current: float | None) -> list[tuple[str, float | None]]:
    """The history the chart is drawn from: up to ``reporting_period``, ending with its figure."""
    cut = reporting_period_key(reporting_period) if reporting_period else None
    rows: list[tuple[str, float | None]] = []
    for period, value in stored:
        key = reporting_period_key(period)
        if cut is not None and key is not None and key > cut:
            continue
        rows.append((period, value))
    if reporting_period and not any(p == reporting_period for p, _ in rows):
        rows.append((reporting_period, current))
    return rows


def indicator_spc_for(indicator: Indicator, stored: Sequence[StoredFigure], reporting_period: str,
                      current: ParsedValue | None) -> IndicatorSpc:
    """Variation and assurance of ``indicator`` at ``reporting_period``, or the reason there are none."""
    if current is not None and current.value is None and current.change is not None:
        return IndicatorSpc(False, "the figure is a stated change, not a level, so it is not charted")
    value = current.value if current is not None else None
    return indicator_spc(history_for_spc(stored_levels(stored, indicator), reporting_period, value),
                         better=indicator.better.value, target=indicator.target)


def spc_note(spc: IndicatorSpc | None, history_points: int) -> str:
    """The line printed with an indicator about its SPC: why there is none, or from when it is charted.

    Said only where the pack already draws a trend (3 or more periods), so a first pack is not filled with
    "only 1 period of history".
    """
    if spc is None or not spc.reason:
        return ""
    if not spc.available and history_points < 3:
        return ""
    return f"SPC: {spc.reason}" if not spc.available else f"SPC {spc.reason}"
