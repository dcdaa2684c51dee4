"""Checks on a force's figures, each a pure function returning :class:`Problem` records.

Nothing here reads a file or a database: the rows, the plan and (for the
history check) the earlier values are passed in. Messages are written for a
scrutiny officer, quoting the cell's text and what it was read as, e.g.
``Q1 2015-16!E12: "87% (+/- 2.5%)" is 87%, ±2.5 — below target 90%`` (the
``Sheet!Cell`` part comes from the problem's location).
"""

from __future__ import annotations

from collections.abc import Sequence

from pccdesk.indicators import codes
from pccdesk.indicators.definitions import Better, Indicator
from pccdesk.indicators.return_rows import ReturnRow, is_blank
from pccdesk.periods import PeriodSpan, parse_period, period_length_warning
from pccdesk.problems import Location, Problem, error, info, warning
from pccdesk.values import PERCENT, ParsedValue

#: A move larger than this many times the median quarter-to-quarter move is implausible.
JUMP_FACTOR = 4.0


def _num(value: float) -> str:
    return f"{value:,.10g}"


def read_as(parsed: ParsedValue) -> str:
    """What a figure was read as, in words: ``87%, ±2.5``, ``+47 (+6%)``, ``no figure``."""
    if parsed.value is not None:
        text = _num(parsed.value) + ("%" if parsed.unit == PERCENT else "")
        if parsed.half_width is not None:
            text += f", ±{_num(parsed.half_width)}"
        return text
    if parsed.is_change:
        parts = []
        if parsed.change is not None:
            parts.append(f"{parsed.change:+,.10g}")
        if parsed.change_percent is not None:
            parts.append(f"{parsed.change_percent:+.10g}%")
        return "a change of " + " and ".join(parts)
    return "no figure"


def value_phrase(parsed: ParsedValue) -> str:
    """``"87% (+/- 2.5%)" is 87%, ±2.5``: the cell's text, then what pccdesk understood."""
    return f'"{parsed.text.strip()}" is {read_as(parsed)}'


def check_target(parsed: ParsedValue, indicator: Indicator, where: Location) -> list[Problem]:
    """Below (or above, when lower is better) target: an info line in the officer's words."""
    if parsed.value is None or indicator.target is None or indicator.better is Better.MONITOR:
        return []
    short = parsed.value < indicator.target if indicator.better is Better.HIGHER else parsed.value > indicator.target
    if not short:
        return []
    side = "below" if indicator.better is Better.HIGHER else "above"
    return [info(codes.BELOW_TARGET, f"{value_phrase(parsed)} — {side} target {indicator.target_text}", where)]


def check_percent_range(parsed: ParsedValue, indicator: Indicator, where: Location) -> list[Problem]:
    """A percentage indicator's value must lie in 0–100 (inclusive)."""
    if not indicator.is_percent or parsed.value is None:
        return []
    if 0 <= parsed.value <= 100:
        return []
    return [error(codes.PERCENT_OUT_OF_RANGE, f"{value_phrase(parsed)} — outside 0–100%", where)]


def check_interval(parsed: ParsedValue, where: Location) -> list[Problem]:
    """A ± half-width wider than the value itself (``5% (+/- 6%)``) is almost always a typing slip."""
    if parsed.value is None or parsed.half_width is None:
        return []
    if parsed.half_width < 0:
        return [error(codes.INTERVAL_NEGATIVE, f"{value_phrase(parsed)} — the ± cannot be negative", where)]
    if parsed.half_width > abs(parsed.value):
        return [warning(codes.INTERVAL_WIDER_THAN_VALUE,
                        f"{value_phrase(parsed)} — the ± is wider than the value itself", where)]
    return []


def check_periods(previous: PeriodSpan, current: PeriodSpan, where: Location) -> list[Problem]:
    """The current period must not end before the previous one; lengths should match."""
    problems: list[Problem] = []
    if previous.end is not None and current.end is not None and current.end < previous.end:
        problems.append(warning(
            codes.CURRENT_PERIOD_OLDER,
            f'the current period "{current.text.strip()}" ends before the previous period "{previous.text.strip()}"'
            " — are the two columns the wrong way round?", where))
    message = period_length_warning(previous, current)
    if message:
        problems.append(warning(codes.PERIOD_LENGTH_DIFFERS, message, where))
    return problems


def check_duplicates(rows: Sequence[ReturnRow]) -> list[Problem]:
    """The same indicator given twice: an error when the values differ, a note when they agree."""
    problems: list[Problem] = []
    first: dict[str, ReturnRow] = {}
    for row in rows:
        if row.ref is None:
            continue
        key = row.ref.lower()
        earlier = first.get(key)
        if earlier is None or (is_blank(earlier.current) and not is_blank(row.current)):
            first[key] = row
            continue
        if is_blank(row.current):
            continue  # a blank row says nothing against the figure given
        same = (earlier.current.value, earlier.current.change, earlier.current_period.strip()) == \
            (row.current.value, row.current.change, row.current_period.strip())
        if same:
            problems.append(info(codes.INDICATOR_REPEATED,
                                 f"{row.ref} is given again with the same figure (first at {earlier.location})",
                                 row.location))
        else:
            problems.append(error(
                codes.INDICATOR_GIVEN_TWICE,
                f'{row.ref} is given twice with different values: {value_phrase(earlier.current)} at '
                f"{earlier.current_location.sheet_cell} and {value_phrase(row.current)} here; the first is used",
                row.current_location))
    return problems


def check_history_jump(value: float | None, history: Sequence[float], where: Location, label: str = "",
                       text: str = "") -> list[Problem]:
    """A value that moved more than four times the median absolute quarter-to-quarter movement of its history.

    ``history`` is the earlier quarterly values, oldest first. Fewer than three
    earlier values give too few movements to judge; a flat history (median
    movement 0) flags any change at all only when the history has at least
    four movements, so a young series is not flagged for its first change.
    """
    if value is None or len(history) < 3:
        return []
    import statistics  # here: with its fractions and decimals it is a slow import, needed only with a history

    moves = [abs(b - a) for a, b in zip(history, history[1:], strict=False)]
    typical = statistics.median(moves)
    move = abs(value - history[-1])
    if typical == 0:
        if len(moves) < 4 or move == 0:
            return []
    elif move <= JUMP_FACTOR * typical:
        return []
    name = f"{label}: " if label else ""
    shown = f'"{text.strip()}"' if text.strip() else _num(value)
    return [warning(codes.IMPLAUSIBLE_JUMP,
                    f"{name}{shown} moved {_num(round(move, 6))} since the last quarter ({_num(history[-1])}), "
                    f"more than {JUMP_FACTOR:g} times its usual quarterly movement ({_num(round(typical, 6))})",
                    where)]


def check_row(row: ReturnRow, indicator: Indicator, year: int | None = None) -> list[Problem]:
    """Every single-row check: range (previous figure: the current one is checked with the status), interval,
    period order and length."""
    problems: list[Problem] = []
    problems += check_percent_range(row.previous, indicator, row.previous_location)
    problems += check_interval(row.previous, row.previous_location)
    problems += check_interval(row.current, row.current_location)
    previous = parse_period(row.previous_period, year=year)
    current = parse_period(row.current_period, year=year)
    problems += check_periods(previous, current, row.current_location)
    return problems
