"""The Police and Crime Plan's indicator definitions, loaded from the plan's definitions workbook.

One workbook per plan, sheet ``Indicators``, one row per indicator. Header names
are exact (case and surrounding spaces forgiven), order is free, extra columns
are kept. Loading checks every row and reports every problem with its cell
before anything else runs, because a wrong target would put a wrong status in
a public document.
"""

from __future__ import annotations

import enum
import re
from dataclasses import field
from pathlib import Path
from typing import Any

from pccdesk.indicators import codes
from pccdesk.problems import Location, PccdeskError, Problem, ProblemsFound, error, warning
from pccdesk.readers import ReadOptions, read_workbook
from pccdesk.readers.cells import cell_name
from pccdesk.readers.cells import cell_text as _text
from pccdesk.records import record
from pccdesk.values import parse_value

SHEET = "Indicators"
REQUIRED = ("ref", "objective", "indicator", "measure")
KNOWN = ("ref", "objective", "indicator", "measure", "better", "target", "amber_within", "match", "parent")


class Measure(enum.Enum):
    PERCENT = "percent"
    NUMBER = "number"
    RATE = "rate"
    DAYS = "days"
    CURRENCY = "currency"


class Better(enum.Enum):
    HIGHER = "higher"
    LOWER = "lower"
    MONITOR = ""  # monitor-only: no good or bad direction

    @property
    def label(self) -> str:
        return {"higher": "Higher is better", "lower": "Lower is better", "": "Monitor only"}[self.value]


@record(frozen=True)
class Indicator:
    ref: str
    objective: str
    wording: str
    measure: Measure
    better: Better = Better.MONITOR
    target: float | None = None
    amber_within: float = 0.0
    match: tuple[str, ...] = ()
    parent: str | None = None
    row: int = 0
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def is_percent(self) -> bool:
        return self.measure is Measure.PERCENT

    @property
    def target_text(self) -> str:
        if self.target is None:
            return ""
        number = f"{self.target:g}"
        return f"{number}%" if self.is_percent else number


@record
class Plan:
    name: str
    path: Path | None
    indicators: list[Indicator]
    warnings: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_ref = {i.ref.lower(): i for i in self.indicators}

    def get(self, ref: str) -> Indicator | None:
        return self._by_ref.get(ref.strip().lower())

    def objectives(self) -> list[str]:
        seen: dict[str, None] = {}
        for ind in self.indicators:
            seen.setdefault(ind.objective, None)
        return list(seen)

    def in_objective(self, objective: str) -> list[Indicator]:
        return [i for i in self.indicators if i.objective == objective]

    def children(self, ref: str) -> list[Indicator]:
        return [i for i in self.indicators if i.parent and i.parent.lower() == ref.lower()]


def load_definitions(path: str | Path, password: str | None = None, *, options: ReadOptions | None = None) -> Plan:
    """Load and check a definitions workbook; raise :class:`ProblemsFound` listing every error."""
    path = Path(path)
    book = read_workbook(path, password=password, options=options)
    sheet = book.sheet(SHEET)
    if sheet is None:
        names = ", ".join(f"'{s.name}'" for s in book.sheets)
        raise PccdeskError(f"there is no sheet named '{SHEET}' (the workbook has {names})", Location.of(path),
                           code=codes.DEFINITIONS_NO_SHEET)
    header_row, columns = _find_header(sheet.rows)
    if header_row is None:
        raise PccdeskError(
            f"no header row with the columns {', '.join(REQUIRED)} was found in the first 20 rows",
            Location.of(path, sheet.name), code=codes.DEFINITIONS_NO_HEADER)
    problems: list[Problem] = []
    for name in REQUIRED:
        if name not in columns:
            problems.append(error(codes.DEFINITIONS_MISSING_COLUMN, f"the column '{name}' is missing",
                                  Location.of(path, sheet.name, cell_name(header_row, 0))))
    if problems:
        raise ProblemsFound(problems, problems[0].message, Location.of(path, sheet.name))

    indicators: list[Indicator] = []
    seen: dict[str, str] = {}
    for r in range(header_row + 1, sheet.height):
        row = sheet.rows[r]
        cells = {name: (row[c] if c < len(row) else None) for name, c in columns.items()}
        if all(_text(v) == "" for v in row):
            continue

        def where(name: str, r: int = r) -> Location:
            return Location.of(path, sheet.name, cell_name(r, columns.get(name, 0)))

        ref = _text(cells.get("ref"))
        if not ref:
            problems.append(error(codes.DEFINITIONS_MISSING_REF, "the indicator has no ref", where("ref")))
            continue
        if ref.lower() in seen:
            problems.append(error(codes.DEFINITIONS_DUPLICATE_REF,
                                  f'ref "{ref}" is used twice (first at {seen[ref.lower()]})', where("ref")))
            continue
        seen[ref.lower()] = where("ref").cell
        objective = _text(cells.get("objective"))
        wording = _text(cells.get("indicator"))
        if not objective:
            problems.append(error(codes.DEFINITIONS_MISSING_OBJECTIVE, f'indicator "{ref}" has no objective',
                                  where("objective")))
        if not wording:
            problems.append(error(codes.DEFINITIONS_MISSING_WORDING, f'indicator "{ref}" has no wording',
                                  where("indicator")))
        measure_text = _text(cells.get("measure")).lower().rstrip("s") if cells.get("measure") else ""
        measure_text = {"percentage": "percent", "%": "percent", "count": "number", "day": "days",
                        "£": "currency", "money": "currency"}.get(measure_text, measure_text)
        if measure_text == "day":
            measure_text = "days"
        try:
            measure = Measure(measure_text)
        except ValueError:
            problems.append(error(
                codes.DEFINITIONS_BAD_MEASURE,
                f'measure "{_text(cells.get("measure"))}" is not one of percent, number, rate, days, currency',
                where("measure")))
            continue
        better_text = _text(cells.get("better")).lower()
        better_text = {"high": "higher", "up": "higher", "increase": "higher", "low": "lower", "down": "lower",
                       "decrease": "lower", "monitor": "", "none": "", "-": ""}.get(better_text, better_text)
        try:
            better = Better(better_text)
        except ValueError:
            problems.append(error(codes.DEFINITIONS_BAD_BETTER,
                                  f'better "{_text(cells.get("better"))}" must be higher, lower or empty',
                                  where("better")))
            continue
        target = _number(cells.get("target"), measure, "target", where("target"), problems, sheet.is_percent(
            r, columns.get("target", -1)))
        amber = _number(cells.get("amber_within"), measure, "amber_within", where("amber_within"), problems,
                        sheet.is_percent(r, columns.get("amber_within", -1)))
        if amber is not None and 0 < amber < 1 and _written_as_fraction(cells.get("target"), measure, target) \
                and _written_as_fraction(cells.get("amber_within"), measure, amber) \
                and not sheet.is_percent(r, columns.get("amber_within", -1)):
            # the target 0.75 was read as 75%: its amber margin 0.05, written the same way, is 5 points, not 0.05
            problems.append(warning(codes.DEFINITIONS_FRACTION_TARGET,
                                    f"amber_within {amber:g} read as {amber * 100:g} percentage points, like the "
                                    "target beside it written as a fraction (write 5 or 5% to avoid doubt)",
                                    where("amber_within")))
            amber = amber * 100
        if amber is not None and amber < 0:
            problems.append(error(codes.DEFINITIONS_NEGATIVE_AMBER, f'amber_within "{_text(cells.get("amber_within"))}"'
                                  " cannot be negative", where("amber_within")))
            amber = None
        if target is not None and better is Better.MONITOR:
            problems.append(error(codes.DEFINITIONS_TARGET_WITHOUT_DIRECTION,
                                  f'indicator "{ref}" has a target but no "better" direction (higher or lower)',
                                  where("better")))
        if measure is Measure.PERCENT and target is not None and not 0 <= target <= 100:
            shown = cells.get("target")
            why = (f" (the cell is formatted as a percentage and holds {shown:g}: write {shown:g}% or "
                   f"{shown / 100:g})" if sheet.is_percent(r, columns.get("target", -1))
                   and isinstance(shown, int | float) and not isinstance(shown, bool) else "")
            problems.append(error(codes.DEFINITIONS_PERCENT_RANGE, f"target {target:g}% is outside 0–100%{why}",
                                  where("target")))
        match = tuple(a.strip() for a in _text(cells.get("match")).split(";") if a.strip())
        parent = _text(cells.get("parent")) or None
        extra = tuple((name, _text(row[c])) for name, c in columns.items()
                      if name not in KNOWN and c < len(row) and _text(row[c]))
        indicators.append(Indicator(ref, objective, wording, measure, better, target, amber or 0.0, match, parent,
                                    r, extra))

    refs = {i.ref.lower() for i in indicators}
    for ind in indicators:
        if ind.parent and ind.parent.lower() not in refs:
            problems.append(error(codes.DEFINITIONS_UNKNOWN_PARENT, f'parent "{ind.parent}" of "{ind.ref}" is not a ref'
                                  " in this plan", Location.of(path, sheet.name,
                                                                cell_name(ind.row, columns.get("parent", 0)))))
        if ind.parent and ind.parent.lower() == ind.ref.lower():
            problems.append(error(codes.DEFINITIONS_SELF_PARENT, f'"{ind.ref}" cannot be its own parent',
                                  Location.of(path, sheet.name, cell_name(ind.row, columns.get("parent", 0)))))
    if not indicators and not problems:
        problems.append(error(codes.DEFINITIONS_EMPTY, "the sheet has no indicators", Location.of(path, sheet.name)))
    errors = [p for p in problems if p.severity.value == "error"]
    if errors:
        raise ProblemsFound(problems, f"{len(errors)} problem(s) in the indicator definitions; first: {errors[0]}",
                            Location.of(path, sheet.name))
    name = path.stem
    meta = book.sheet("Plan")
    if meta is not None:
        for row in meta.rows:
            if len(row) >= 2 and _text(row[0]).lower() in ("plan", "plan name", "name"):
                name = _text(row[1]) or name
    return Plan(name, path, indicators, [p for p in problems if p.severity.value != "error"])


def _written_as_fraction(raw: Any, measure: Measure, value: float | None) -> bool:
    """A percentage indicator's figure written as a plain number of 1 or less (0.75), not as 75 or 75%."""
    if measure is not Measure.PERCENT or value is None or raw is None or isinstance(raw, bool):
        return False
    parsed = parse_value(raw)
    return parsed.unit == "number" and parsed.value is not None and 0 < parsed.value <= 1


def _find_header(rows: list[list[Any]]) -> tuple[int | None, dict[str, int]]:
    for r, row in enumerate(rows[:20]):
        names = {_text(v).lower().replace(" ", "_"): c for c, v in enumerate(row) if _text(v)}
        if all(n in names for n in ("ref", "indicator")):
            return r, names
    return None, {}


_BAD_NUMBER = {"target": codes.DEFINITIONS_BAD_TARGET, "amber_within": codes.DEFINITIONS_BAD_AMBER_WITHIN}


def _number(raw: Any, measure: Measure, name: str, where: Location, problems: list[Problem],
            percent_format: bool) -> float | None:
    if raw is None or _text(raw) == "":
        return None
    parsed = parse_value(raw, percent_format=percent_format)
    if parsed.value is None:
        problems.append(error(_BAD_NUMBER[name], f'{name} "{_text(raw)}" is not a number{_number_hint(raw, name)}',
                              where))
        return None
    value = parsed.value
    if measure is Measure.PERCENT and parsed.unit == "number" and 0 < value <= 1 and name == "target":
        problems.append(warning(codes.DEFINITIONS_FRACTION_TARGET,
                                f"target {value:g} read as {value * 100:g}% (write 90 or 90% to avoid doubt)", where))
        value *= 100
    return value


_WORDED_TARGET = re.compile(r"^(?:[≥≤<>]=?|=>|=<|at least|at most|more than|less than|fewer than|over|under|above|"
                            r"below|no more than|no less than|minimum( of)?|maximum( of)?)\s*[0-9.,]+\s*%?$",
                            re.IGNORECASE)


_DIRECTION_WORD = re.compile(r"^(?:reduce|reduction|increase|decrease|maintain|sustain|improve|fewer|less|more|"
                             r"lower|higher|better|no increase|no decrease)\b", re.IGNORECASE)


def _number_hint(raw: Any, name: str) -> str:
    """What to write instead of a target worded as a comparison ("≥ 75%", "at least 90%") or a word ("reduce")."""
    text = _text(raw).strip()
    if name != "target":
        return ""
    if _WORDED_TARGET.match(text):
        figure = re.sub(r"^[^0-9.]*", "", text).replace(" ", "")
        return (f": write the figure alone ({figure}) and say which way is better in the \"better\" column "
                "(higher or lower)")
    if _DIRECTION_WORD.match(text) and not re.search(r"\d", text):
        return (": a direction without a figure (reduce, maintain, fewer than last year) is not a target; leave "
                "the target empty and set \"better\" (higher or lower), and the change from the previous figure "
                "shows whether it moved the right way")
    return ""
