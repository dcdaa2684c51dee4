"""Putting a plan and the force's figures together: one :class:`IndicatorResult` per indicator.

This is where a missing previous value is filled from history, where each
figure gets its status against target and its direction of change, and where
the problems a scrutiny officer must see (no figure received, a figure given
twice, a row that matches nothing) are raised. Everything here is pure: the
history is passed in as a lookup function.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import field

from pccdesk.indicators import codes
from pccdesk.indicators.checks import check_history_jump, check_percent_range, check_target
from pccdesk.indicators.definitions import Better, Indicator, Plan
from pccdesk.indicators.matching import is_leaf
from pccdesk.indicators.period_check import is_earlier, quarters_between
from pccdesk.indicators.return_rows import ReturnReading, ReturnRow, is_blank
from pccdesk.indicators.spc_status import StoredFigure, fits_measure, indicator_spc_for
from pccdesk.indicators.status_rules import Change, Direction, Status, change_for, status_for
from pccdesk.periods import parse_period, reporting_period_start
from pccdesk.problems import Location, Problem, error, info, warning
from pccdesk.records import record
from pccdesk.spc import IndicatorSpc
from pccdesk.values import ParsedValue, parse_value, tidy_number


@record(frozen=True)
class HistoryPoint:
    reporting_period: str
    value: float
    text: str = ""
    half_width: float | None = None
    period_text: str = ""
    unit: str | None = None


@record
class IndicatorResult:
    indicator: Indicator
    row: ReturnRow | None
    previous: ParsedValue | None
    previous_period: str
    current: ParsedValue | None
    current_period: str
    status: Status
    change: Change
    note: str = ""
    commentary: str = ""
    previous_from_history: bool = False
    is_heading: bool = False
    #: where the previous value came from, for the pack's note: "" (the return) or "from the history: 2014-15 Q4"
    previous_source: str = ""
    history: list[HistoryPoint] = field(default_factory=list)
    #: SPC variation and assurance beside the status; None when the history was not used.
    spc: IndicatorSpc | None = None

    @property
    def ref(self) -> str:
        return self.indicator.ref

    @property
    def current_value(self) -> float | None:
        return comparable(self.current)

    @property
    def previous_value(self) -> float | None:
        return comparable(self.previous)

    @property
    def source(self) -> Location:
        return self.row.current_location if self.row else Location()


def comparable(parsed: ParsedValue | None) -> float | None:
    """The number a figure is compared on: its value, or for "+6%, +47 crimes" the stated change in count."""
    if parsed is None:
        return None
    if parsed.value is not None:
        return parsed.value
    if parsed.change is not None:
        return parsed.change
    return None


PreviousLookup = Callable[[Indicator], HistoryPoint | None]
SeriesLookup = Callable[[Indicator], list[HistoryPoint]]
#: An indicator's every stored figure, with its gaps (values of None), for SPC.
SpcLookup = Callable[[Indicator], Sequence[StoredFigure]]


def assess(plan: Plan, readings: Sequence[ReturnReading], *, previous_from_history: PreviousLookup | None = None,
           series: SeriesLookup | None = None, reporting_period: str = "",
           spc_series: SpcLookup | None = None) -> tuple[list[IndicatorResult], list[Problem]]:
    """Combine every reading with the plan. Returns one result per indicator, in plan order, and the problems.

    ``series`` gives an indicator's stored history; values stored for ``reporting_period`` itself are left out
    of the check for implausible jumps (they are this quarter's figures). ``spc_series`` gives the same history
    with its gaps, for the SPC variation and assurance (:mod:`pccdesk.indicators.spc_status`).
    """
    problems: list[Problem] = []
    by_ref: dict[str, ReturnRow] = {}
    for reading in readings:
        for row in reading.rows:
            if row.ref is None:
                continue
            key = row.ref.lower()
            earlier = by_ref.get(key)
            if earlier is not None and is_blank(row.current):
                continue  # a blank says nothing against the figure already given
            if earlier is not None and is_blank(earlier.current):
                by_ref[key] = row  # a row left blank in one return gives way to the figure another gives
                continue
            if earlier is not None:
                if (comparable(earlier.current), earlier.current_period) != (comparable(row.current), row.current_period):
                    problems.append(error(
                        codes.INDICATOR_GIVEN_TWICE,
                        f'{row.ref} is given twice with different values: "{earlier.current.text}" at '
                        f'{earlier.current_location} and "{row.current.text}" here; the first is used (in the pack and '
                        "the history)",
                        row.current_location))
                continue
            by_ref[key] = row

    results: list[IndicatorResult] = []
    for ind in plan.indicators:
        children = not is_leaf(plan, ind.ref)
        found = by_ref.get(ind.ref.lower())
        if children and (found is None or (comparable(found.current) is None and not found.current.text.strip())):
            results.append(IndicatorResult(ind, None, None, "", None, "", Status.NO_DATA,
                                           Change(None, Direction.NOT_COMPARABLE), is_heading=True))
            continue
        history = series(ind) if series else []
        other_measure = [p for p in history if not fits_measure(ind, p.unit)]
        if other_measure:
            history = [p for p in history if fits_measure(ind, p.unit)]
            problems.append(warning(
                codes.HISTORY_OTHER_MEASURE,
                f"{ind.ref}: the figures stored for {', '.join(dict.fromkeys(p.reporting_period for p in other_measure))}"
                f' ("{other_measure[-1].text}") are {_measure_of(other_measure[-1].unit)}, but the plan now measures '
                f"{ind.ref} as {_measure_of('percent' if ind.is_percent else 'number')}: they are not used as the "
                "previous value, nor in the History sheet or the SPC chart (check the plan's measure)",
                Location(plan.path.name if plan.path else "", "Indicators")))
        if found is None:
            problems.append(warning(codes.INDICATOR_NO_VALUE, f'no figure was received for {ind.ref} "{_short(ind.wording)}"',
                                    Location(plan.path.name if plan.path else "", "Indicators")))
            results.append(IndicatorResult(ind, None, None, "", None, "", Status.NO_DATA,
                                           Change(None, Direction.NOT_COMPARABLE), history=history,
                                           spc=_spc(ind, spc_series, reporting_period, None)))
            continue
        row = found
        previous: ParsedValue | None = row.previous
        previous_period = row.previous_period
        from_history = False
        source = ""
        if comparable(previous) is not None and previous_from_history is not None:
            problems += _previous_against_history(ind, row, previous_from_history(ind), reporting_period)
        if comparable(previous) is None and previous_from_history is not None:
            point = previous_from_history(ind)
            if point is not None and not fits_measure(ind, point.unit):
                point = None  # another measure: said once above, with the history it comes from
            if point is not None and not is_earlier(point.reporting_period, point.period_text, reporting_period,
                                                    row.current_period):
                problems.append(warning(codes.HISTORY_NOT_EARLIER,
                                        f"{ind.ref}: the value stored for {point.reporting_period} "
                                        f'("{point.period_text or point.reporting_period}") is not from a period '
                                        f'before this one ("{row.current_period or reporting_period}"), so it is not '
                                        "used as the previous value", row.previous_location))
                point = None
            if point is not None:
                previous = _stored_figure(point, ind)
                previous_period = point.period_text or point.reporting_period
                from_history = True
                problems.append(info(codes.PREVIOUS_FROM_HISTORY,
                                     f"{ind.ref}: previous value {previous.text} ({previous_period}) taken from the "
                                     f"history: {point.reporting_period}", row.previous_location))
                source = f"from the history: {point.reporting_period}"
                skipped = quarters_between(point.reporting_period, reporting_period)
                if skipped:
                    problems.append(warning(
                        codes.PREVIOUS_SKIPS_QUARTERS,
                        f"{ind.ref}: no figure is stored for {_listed(skipped)}, so the previous value is the one "
                        f"for {point.reporting_period} ({previous_period}), {len(skipped) + 1} quarters before this one, "
                        "and the change is measured from there: import the missing return, or ask the force for "
                        "the previous figure", row.previous_location))
        if is_blank(row.current):
            problems.append(warning(codes.INDICATOR_NO_VALUE, f'{ind.ref} "{_short(ind.wording)}" has a row in the '
                                    "return but its current figure is blank, so the pack shows No data: ask the "
                                    "force for the figure", row.current_location))
        current_value = comparable(row.current)
        status = status_for(current_value, ind.target, ind.better, ind.amber_within)
        change = change_for(comparable(previous), current_value, ind.better,
                            previous.half_width if previous else None, row.current.half_width)
        status, change = _stated_changes(ind, row, previous, status, change, problems)
        problems += _against_what_the_force_stated(ind, row, status)
        problems += check_percent_range(row.current, ind, row.current_location)
        for found_problem in check_target(row.current, ind, row.current_location):
            problems.append(info(found_problem.code, f"{ind.ref}: {found_problem.message} ({status.value})",
                                 found_problem.location))
        earlier_values = [p.value for p in history if p.reporting_period != reporting_period]
        problems += check_history_jump(current_value, earlier_values, row.current_location, ind.ref,
                                       row.current.text)
        results.append(IndicatorResult(ind, row, previous, previous_period, row.current, row.current_period, status,
                                       change, row.note, row.commentary, from_history, history=history,
                                       previous_source=source, spc=_spc(ind, spc_series, reporting_period,
                                                                        row.current)))
    for reading in readings:
        problems.extend(reading.problems)
    return results, problems


def _measure_of(unit: str | None) -> str:
    return "percentages" if unit == "percent" else "counts or rates, not percentages"


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def _previous_against_history(ind: Indicator, row: ReturnRow, point: HistoryPoint | None,
                              reporting_period: str) -> list[Problem]:
    """A warning when the return's previous figure is for the period a stored figure covers, but differs from
    it: the pack's Previous column and its History sheet would then show two figures for one period."""
    if point is None or not row.previous_period.strip() or is_stated_change(row.previous) \
            or not fits_measure(ind, point.unit):
        return []
    stored = _stored_figure(point, ind)
    if is_stated_change(stored) or stored.value is None or row.previous.value is None:
        return []
    start = reporting_period_start(reporting_period)
    year = start.year if start is not None else None
    given, kept = parse_period(row.previous_period, year=year), parse_period(point.period_text, year=year)
    same_text = " ".join(row.previous_period.lower().split()) == " ".join(point.period_text.lower().split())
    same_dates = given.end is not None and given.end == kept.end and given.start == kept.start
    if not (same_text or same_dates) or abs(stored.value - row.previous.value) < 1e-9:
        return []
    return [warning(codes.PREVIOUS_DIFFERS_FROM_HISTORY,
                    f'{ind.ref}: the return gives "{row.previous.text.strip()}" for "{row.previous_period.strip()}", '
                    f'but "{stored.text.strip()}" is stored for that period ({point.reporting_period}); the pack shows '
                    "the return's figure as the previous one, and the history keeps the stored one: check which is "
                    "right (a revised figure, or a slip?)", row.previous_location)]


_STATUS_WORDS = {"green": Status.GREEN, "g": Status.GREEN, "amber": Status.AMBER, "a": Status.AMBER,
                 "red": Status.RED, "r": Status.RED}


def _against_what_the_force_stated(ind: Indicator, row: ReturnRow, status: Status) -> list[Problem]:
    """Warnings when the target or the red/amber/green status the force wrote beside a figure is not the plan's:
    the pack's status is worked out against the plan, so the panel would read another status than the force's."""
    problems: list[Problem] = []
    stated = parse_value(row.stated_target) if row.stated_target else None
    if stated is not None and stated.value is not None and ind.target is not None:
        value = stated.value * 100 if ind.is_percent and stated.unit == "number" and 0 < stated.value <= 1 \
            else stated.value
        if abs(value - ind.target) > 1e-9:
            problems.append(warning(codes.STATED_TARGET_DIFFERS,
                                    f'{ind.ref}: the return gives the target as "{row.stated_target}", but the '
                                    f"plan's is {ind.target_text}; the status is worked out against the plan's "
                                    "target: check which is right", row.stated_target_location))
    said = _STATUS_WORDS.get(row.stated_status.strip().lower())
    if said is not None and status in (Status.GREEN, Status.AMBER, Status.RED) and said is not status:
        problems.append(warning(codes.STATED_STATUS_DIFFERS,
                                f'{ind.ref}: the return marks it "{row.stated_status}", but against the plan\'s target '
                                f"{ind.target_text} (amber within {ind.amber_within:g}) the figure "
                                f'"{row.current.text.strip()}" is {status.value}; the pack shows {status.value}',
                                row.stated_status_location))
    return problems


def is_stated_change(parsed: ParsedValue | None) -> bool:
    """A figure that is a change the force stated ("+6%, +47 crimes", "+3", "- 34"), not a level."""
    return parsed is not None and parsed.value is None and (parsed.change is not None or
                                                            parsed.change_percent is not None)


def _stored_figure(point: HistoryPoint, ind: Indicator) -> ParsedValue:
    """A stored figure as the previous value: a stated change stays a change (its stored number is the change)."""
    text = point.text or f"{point.value:g}"
    unit = "percent" if ind.is_percent else "number"
    if point.text and is_stated_change(parse_value(point.text)):
        stated = parse_value(point.text)
        return ParsedValue(text, None, stated.unit, point.half_width, stated.change, stated.change_percent)
    return ParsedValue(text, tidy_number(point.value), unit, point.half_width)


def _stated_changes(ind: Indicator, row: ReturnRow, previous: ParsedValue | None, status: Status, change: Change,
                    problems: list[Problem]) -> tuple[Status, Change]:
    """A stated change is not a level: it is never compared with a level target, nor subtracted from a level (or
    a level from it). Each such case is said at the cell, and the status or change left out."""
    current = row.current
    if not is_stated_change(current) and not is_stated_change(previous):
        return status, change
    if is_stated_change(current) and comparable(current) is None:
        problems.append(warning(codes.STATED_CHANGE, f'{ind.ref}: "{current.text.strip()}" is a change, not the '
                                "figure itself, so there is no current figure to show or to compare: ask the force "
                                "for the figure", row.current_location))
        return status, change
    if is_stated_change(current) and ind.target is not None and ind.better is not Better.MONITOR:
        problems.append(warning(codes.STATED_CHANGE, f'{ind.ref}: "{current.text.strip()}" is a change, not the '
                                f"figure itself, so it cannot be compared with the target {ind.target_text}: ask "
                                "the force for the figure", row.current_location))
        status = Status.NO_DATA
    if previous is not None and comparable(previous) is not None and comparable(current) is not None \
            and is_stated_change(current) != is_stated_change(previous):
        changed, level = (current, previous) if is_stated_change(current) else (previous, current)
        problems.append(warning(codes.STATED_CHANGE, f'{ind.ref}: "{changed.text.strip()}" is a change and '
                                f'"{level.text.strip()}" a figure, so the change between them cannot be worked out '
                                "(is the + or − sign meant?)", row.current_location))
        change = Change(None, Direction.NOT_COMPARABLE)
    return status, change


def _spc(ind: Indicator, spc_series: SpcLookup | None, reporting_period: str,
         current: ParsedValue | None) -> IndicatorSpc | None:
    if spc_series is None or not reporting_period:
        return None
    return indicator_spc_for(ind, spc_series(ind), reporting_period, current)


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def status_counts(results: Sequence[IndicatorResult]) -> dict[str, dict[Status, int]]:
    """Per objective, how many indicators are Green, Amber, Red, No target and No data (headings not counted)."""
    counts: dict[str, dict[Status, int]] = {}
    for r in results:
        if r.is_heading:
            continue
        per = counts.setdefault(r.indicator.objective, {s: 0 for s in Status})
        per[r.status] += 1
    return counts
