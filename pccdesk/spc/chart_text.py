"""The words that go with an XmR chart: its alternative text, for a screen reader and for anyone who cannot
see the chart. It gives the figures a sighted reader takes from the chart (how many points, from when to
when, the mean, the limits, which points are special causes and the latest variation and assurance), not just
"a chart".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pccdesk.spc.icons import assurance_label, variation_label
from pccdesk.spc.xmr_chart import XmrChart


def _plain(value: float) -> str:
    return f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"


def xmr_description(name: str, chart: XmrChart, periods: Sequence[str],
                    show: Callable[[float], str] = _plain) -> str:
    """Alternative text of the XmR chart of ``name`` (``periods`` label its points; ``show`` writes a figure)."""
    limits = chart.groups[-1].limits
    parts = [f"XmR chart of {name}: {len(chart.points)} points from {periods[0]} to {periods[-1]}",
             f"mean {show(limits.mean)}, process limits {show(limits.lower)} to {show(limits.upper)}"]
    special = [p for p in chart.points if p.special_cause is not None]
    if special:
        listed = ", ".join(f"{periods[p.index]} {show(p.value)} ({p.special_cause.value if p.special_cause else ''})"
                           for p in special[:8])
        more = f" and {len(special) - 8} more" if len(special) > 8 else ""
        parts.append(f"special causes: {listed}{more}")
    else:
        parts.append("no special causes")
    parts.append(f"latest variation {variation_label(chart.latest_variation, chart.latest.direction)}")
    if chart.assurance is not None:
        parts.append(f"assurance {assurance_label(chart.assurance)} against the target {show(chart.target or 0)}")
    return "; ".join(parts)
