"""How an indicator's figures are written in the pack: numbers as numbers, each with a number format.

Excel flags a number stored as text, and a panel member who copies "90%" out of
the pack gets text, not a number. So every figure is written as a number in a
unit the spreadsheet understands (a percentage as a fraction with a percent
format) and keeps the precision the force gave it: "98.8%" is 0.988 shown as
``0.0%``, "87%" is 0.87 shown as ``0%``, 178 is the integer 178 shown as
``#,##0``. Rounding to that precision also removes float noise (81.4 / 100 is
0.8140000000000001; the pack stores 0.814). A zero change reads "no change",
never "-0%" or "+0 pp".

The symbols are chosen so that each means one thing across the pack: status
(✔ ! ✖), movement against the plan's better direction (⊕ improved, ⊖
deteriorated) and plain direction (▲ up, ▼ down: crime counts and
monitor-only indicators) never share a symbol.
"""

from __future__ import annotations

import re

from pccdesk.indicators.assessment import IndicatorResult
from pccdesk.indicators.definitions import Indicator, Measure
from pccdesk.indicators.status_rules import Direction
from pccdesk.records import record
from pccdesk.values import ParsedValue

DIRECTION_SYMBOLS = {
    Direction.IMPROVED: "⊕ Improved", Direction.DETERIORATED: "⊖ Deteriorated", Direction.NO_CHANGE: "= No change",
    Direction.NO_SIGNIFICANT_CHANGE: "≈ No significant change", Direction.NOT_COMPARABLE: "Not comparable",
    Direction.UP: "▲ Up", Direction.DOWN: "▼ Down",
}
#: What each symbol means, for the Cover's legend and the HTML copy (symbol, word, meaning).
MOVEMENT_LEGEND = (
    ("⊕", "Improved", "changed in the direction the plan wants (higher or lower is better)"),
    ("⊖", "Deteriorated", "changed against the direction the plan wants"),
    ("≈", "No significant change", "the change is within the survey's 95% confidence intervals"),
    ("=", "No change", "the same figure as last time"),
    ("▲", "Up", "rose, where the plan sets no better direction (monitored indicators, recorded crime)"),
    ("▼", "Down", "fell, where the plan sets no better direction"),
)

_FIRST_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")
#: The most decimals the pack shows, whatever a figure's text or float noise suggests.
MAX_DECIMALS = 3


@record(frozen=True)
class Figure:
    """A number ready for a cell: the value in the spreadsheet's unit and its number format."""

    value: float | int
    num_format: str


def decimals_of(value: float, text: str = "") -> int:
    """How many decimals the force gave: read from its text when there is one, else from the number itself."""
    match = _FIRST_NUMBER.search(text or "")
    if match is not None:
        return min(len(match.group(1) or ""), MAX_DECIMALS)
    for places in range(MAX_DECIMALS + 1):
        if abs(round(value, places) - value) < 1e-9:
            return places
    return MAX_DECIMALS


def _pattern(decimals: int) -> str:
    return "0" + ("." + "0" * decimals if decimals else "")


def _currency(measure: Measure) -> str:
    return "£" if measure is Measure.CURRENCY else ""


def level_figure(value: float | None, indicator: Indicator, text: str = "") -> Figure | None:
    """A level (previous, current or target) as a number with the format of its measure."""
    if value is None:
        return None
    places = decimals_of(value, text)
    if indicator.is_percent:
        return Figure(round(value / 100, places + 2), _pattern(places) + "%")
    if places == 0:
        return Figure(int(round(value)), f"{_currency(indicator.measure)}#,##0")
    return Figure(round(value, places), f"{_currency(indicator.measure)}#,##0.{'0' * places}")


def half_width_figure(parsed: ParsedValue | None, indicator: Indicator) -> Figure | None:
    """The ± half-width of a survey estimate, shown as "±0.6%" (percentage points for a percentage)."""
    if parsed is None or parsed.half_width is None or parsed.value is None:
        return None
    hw = parsed.half_width
    places = decimals_of(hw)
    if indicator.is_percent:
        return Figure(round(hw / 100, places + 2), f'"±"{_pattern(places)}%')
    return Figure(round(hw, places), f'"±"#,##0{"." + "0" * places if places else ""}')


def change_decimals(result: IndicatorResult) -> int:
    """The change is shown to the finer of the two figures' precisions (98.8 − 99.0 = −0.2, not −0.19999…)."""
    places = 0
    for parsed in (result.previous, result.current):
        if parsed is not None and parsed.value is not None:
            places = max(places, decimals_of(parsed.value, parsed.text))
        elif parsed is not None and parsed.change is not None:
            places = max(places, decimals_of(parsed.change))
    return places


def change_figure(result: IndicatorResult) -> Figure | None:
    """Current − previous: percentage points for a percentage; a zero change reads "no change"."""
    change = result.change.change
    if change is None:
        return None
    places = change_decimals(result)
    rounded = round(change, places)
    if rounded == 0:
        rounded = 0  # never -0
    body = _pattern(places) if result.indicator.is_percent else "#,##0" + ("." + "0" * places if places else "")
    unit = '" pp"' if result.indicator.is_percent else ""
    value: float | int = int(rounded) if places == 0 else rounded
    return Figure(value, f'+{body}{unit};-{body}{unit};"no change"')


def display_value(parsed: ParsedValue | None) -> str:
    """A figure as the panel reads it in the app: as the force wrote it, with a ± added from its own column."""
    if parsed is None:
        return ""
    text = parsed.text.strip()
    if parsed.value is None:
        return text
    if not text:
        text = f"{parsed.value:,.10g}{'%' if parsed.unit == 'percent' else ''}"
    if parsed.half_width is not None and not any(mark in text for mark in ("±", "+/-", "+/ -", "+-")):
        text += f" (±{parsed.half_width:.10g}{'%' if parsed.unit == 'percent' else ''})"
    return text


def display_change(result: IndicatorResult) -> str:
    """The change as text for the app, to the figures' precision; "no change" rather than "+0" or "-0"."""
    figure = change_figure(result)
    if figure is None:
        return ""
    if figure.value == 0:
        return "no change"
    places = change_decimals(result)
    unit = " pp" if result.indicator.is_percent else ""
    return f"{figure.value:+,.{places}f}{unit}"
