"""The records a return is read into, whichever shape it came in.

Kept apart from the readers so the template reader, the force-table reader and the
checks can all use them without importing one another.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from pccdesk.indicators import codes
from pccdesk.problems import Location, Problem, warning
from pccdesk.records import record
from pccdesk.values import ParsedValue, tidy_number


@record
class ReturnRow:
    """One indicator's figures as the force gave them."""

    ref: str | None
    label: str
    previous: ParsedValue
    previous_period: str
    current: ParsedValue
    current_period: str
    note: str = ""
    commentary: str = ""
    location: Location = field(default_factory=Location)
    previous_location: Location = field(default_factory=Location)
    current_location: Location = field(default_factory=Location)
    match_method: str = "ref"
    match_score: float = 1.0
    #: how the row is remembered in a mapping profile (set for rows of the force's own tables)
    source_key: str = ""
    #: for a row that matched nothing: the refs it most likely is, best first (what the app offers first)
    candidates: tuple[str, ...] = ()
    #: the target and the red/amber/green status the force wrote beside its figure, as text, with their cells
    stated_target: str = ""
    stated_target_location: Location = field(default_factory=Location)
    stated_status: str = ""
    stated_status_location: Location = field(default_factory=Location)


@record
class Suggestion:
    """A proposed match the importer was not sure enough to apply on its own."""

    label: str
    ref: str
    score: float
    location: Location
    row: ReturnRow | None = None
    #: how the row is remembered in a mapping profile (see :func:`pccdesk.store.mapping_profiles.source_key`)
    source_key: str = ""
    #: other refs that fitted as well (an ambiguous exact wording), best first
    alternatives: tuple[str, ...] = ()


@record
class ReturnReading:
    path: Path
    rows: list[ReturnRow]
    problems: list[Problem] = field(default_factory=list)
    reporting_period: str | None = None
    suggestions: list[Suggestion] = field(default_factory=list)
    unmatched: list[ReturnRow] = field(default_factory=list)
    sha256: str = ""
    shape: str = "template"
    signature: str = ""


def is_blank(parsed: ParsedValue) -> bool:
    """A figure cell left empty: no figure and no statement (not "n/a" or another text the force chose, nor a
    cell already named as unreadable). A blank never stands against a figure given elsewhere, and is not stored."""
    return not parsed.text.strip() and not parsed.error and parsed.change is None


def normalise(parsed: ParsedValue, percent_measure: bool, where: Location, problems: list[Problem]) -> ParsedValue:
    """Bring a figure to the indicator's unit: a fraction in a percent indicator becomes a percentage."""
    if not percent_measure or parsed.value is None or parsed.unit != "number":
        return parsed
    value = parsed.value
    if 0 < abs(value) <= 1:
        half, said = _half_width_beside_fraction(parsed.half_width)
        problems.append(warning(codes.FRACTION_READ_AS_PERCENT,
                                f'"{parsed.text}" read as {value * 100:g}% (a fraction of 1 in a percentage indicator)'
                                f"{said}", where))
        return ParsedValue(f"{value * 100:.10g}%", tidy_number(value * 100), "percent", tidy_number(half),
                           parsed.change, parsed.change_percent, parsed.qualifier)
    text = parsed.text if "%" in parsed.text else f"{value:.10g}%"
    return ParsedValue(text, value, "percent", parsed.half_width, parsed.change, parsed.change_percent,
                       parsed.qualifier)


#: A ± beside a fraction above this is read as percentage points: as a fraction it would be ±10 points or
#: more, wider than any survey estimate's interval; at or below it, as a fraction (0.006 is ±0.6 points).
_FRACTION_HALF_WIDTH_LIMIT = 0.1


def _half_width_beside_fraction(half: float | None) -> tuple[float | None, str]:
    """The ± of a figure written as a fraction (0.988), in percentage points, and how it was read, in words.

    0.006 beside 0.988 is a fraction too (±0.6 points); 0.6 beside it is already points: read as a
    fraction it would be ±60 points, and every change would look "not significant"."""
    if half is None or half > 1:
        return half, ""
    if half > _FRACTION_HALF_WIDTH_LIMIT:
        return half, f"; its ±{half:g} read as {half:g} percentage points"
    return tidy_number(half * 100), f"; its ±{half:g} read as {half * 100:g} percentage points"
