"""Building the Police and Crime Panel pack: the one function the CLI, the app and the tests all call.

``build`` reads the plan and the force's returns, records the figures in the
history store, assesses every indicator, adds the crime and tracker sections
when their inputs are given, and writes the workbook atomically. ``check``
does the same reading and assessment without writing anything.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pccdesk.indicators.assessment import HistoryPoint, IndicatorResult, assess
from pccdesk.indicators.definitions import Indicator, Plan, load_definitions
from pccdesk.indicators.figures_check import require_figures
from pccdesk.indicators.performance_sheets import (
    CoverDetails,
    write_cover,
    write_data_quality,
    write_history_sheet,
    write_objective_sheets,
    write_performance_table,
    write_summary,
)
from pccdesk.indicators.period_check import period_problems, refuse_mismatch
from pccdesk.indicators.returns import ReturnReading, read_return
from pccdesk.pack_sections import PackSection
from pccdesk.periods import reporting_period_key
from pccdesk.problems import Location, PccdeskError, Problem, info
from pccdesk.store.corrections import record_overrides
from pccdesk.store.history_store import HistoryStore, ValueToStore, default_db_path, one_transaction
from pccdesk.writers.pack_workbook import PackWorkbook
from pccdesk.writers.safe_output import atomic_output, check_distinct_paths, check_writable

log = logging.getLogger("pccdesk.pack")

Progress = Callable[[str, float], None]


class Cancelled(PccdeskError):
    def __init__(self) -> None:
        super().__init__("stopped before finishing; nothing was written", code="cancelled")


@dataclass
class PackRequest:
    definitions: Path
    returns: Sequence[Path] = ()
    out: Path | None = None
    period: str | None = None
    db: Path | None = None
    use_history: bool = True
    meeting_date: str = ""
    marking: str = "OFFICIAL"
    title: str = "Delivery of the Police and Crime Plan"
    password: str | None = None
    accept_suggestions: bool = False
    crime_files: Sequence[Path] = ()
    force: str | None = None
    crime_categories: Path | None = None
    crime_period: str | None = None
    tracker_files: Sequence[Path] = ()
    include_tracker: bool = False
    #: store the figures under ``period`` although the return's own period texts say another quarter
    override_period_check: bool = False
    today: dt.date | None = None
    html: Path | None = None
    progress: Progress | None = None
    cancel: Callable[[], bool] | None = None


@dataclass
class PackResult:
    plan: Plan
    period: str
    results: list[IndicatorResult]
    problems: list[Problem]
    readings: list[ReturnReading]
    out: Path | None = None
    sections: list[PackSection] = field(default_factory=list)

    @property
    def has_problems(self) -> bool:
        return any(p.severity.value in ("error", "warning") for p in self.problems)


def _step(request: PackRequest, message: str, fraction: float) -> None:
    if request.cancel is not None and request.cancel():
        raise Cancelled()
    if request.progress is not None:
        request.progress(message, fraction)


def read_inputs(request: PackRequest) -> tuple[Plan, list[ReturnReading], str, list[Problem]]:
    """Load the plan and every return; settle the reporting period."""
    _step(request, "Reading the indicator definitions", 0.02)
    plan = load_definitions(request.definitions)
    readings: list[ReturnReading] = []
    problems: list[Problem] = list(plan.warnings)
    failures: list[PccdeskError] = []
    for i, path in enumerate(request.returns):
        _step(request, f"Reading {Path(path).name}", 0.05 + 0.45 * i / max(len(request.returns), 1))
        try:
            readings.append(read_return(path, plan, password=request.password,
                                        accept_suggestions=request.accept_suggestions,
                                        profiles=_profiles(request)))
        except PccdeskError as exc:
            failures.append(exc)
            problems.append(exc.as_problem())
    period = request.period or next((r.reporting_period for r in readings if r.reporting_period), None)
    if failures and not readings and not period:
        raise failures[0]  # nothing was read: say why (e.g. a wrong password), not that the period is unknown
    if not period:
        raise PccdeskError("the reporting period is not known: give it (e.g. --period \"2015-16 Q1\")",
                           code="period-missing")
    return plan, readings, period, problems


def _profiles(request: PackRequest) -> object | None:
    """The mapping profiles of the history store, when the import supports them."""
    if not request.use_history:
        return None
    try:
        from pccdesk.store.mapping_profiles import MappingProfiles
    except ImportError:
        return None
    return MappingProfiles(request.db or default_db_path())


def _values_to_store(reading: ReturnReading) -> list[ValueToStore]:
    values = []
    for row in reading.rows:
        if row.ref is None:
            continue
        cur = row.current
        number = cur.value if cur.value is not None else cur.change
        values.append(ValueToStore(row.ref, row.current_period, number, cur.unit, cur.half_width, cur.text,
                                   row.current_location.sheet, row.current_location.cell))
    return values


def _history_lookups(store: HistoryStore, period: str, start: str | None
                     ) -> tuple[Callable[[Indicator], HistoryPoint | None], Callable[[Indicator], list[HistoryPoint]]]:
    def previous(ind: Indicator) -> HistoryPoint | None:
        stored = store.value_before(ind.ref, period, start)
        if stored is None or stored.value is None:
            return None
        return HistoryPoint(stored.reporting_period, stored.value, stored.text, stored.half_width,
                            stored.period_text or stored.reporting_period)

    def series(ind: Indicator) -> list[HistoryPoint]:
        return [HistoryPoint(v.reporting_period, v.value, v.text, v.half_width, v.period_text)
                for v in store.series(ind.ref) if v.value is not None]

    return previous, series


def check(request: PackRequest, *, record: bool = False) -> PackResult:
    """Read and assess without writing a pack. With ``record`` the figures are stored in history."""
    plan, readings, period, problems = read_inputs(request)
    problems += period_problems(readings, period, override=request.override_period_check)
    if record:  # nothing is stored, and no pack written, without figures or under another quarter's period
        require_figures(request.returns, readings, problems)
        refuse_mismatch(problems)
    start = reporting_period_key(period)
    _step(request, "Checking against the plan", 0.55)
    if request.use_history:
        db = request.db or default_db_path()
        with HistoryStore(db) as store:
            if record:
                for reading in readings:
                    outcome = store.record_import(file_path=reading.path, sha256=reading.sha256,
                                                  reporting_period=period, period_start=start, plan_name=plan.name,
                                                  values=_values_to_store(reading))
                    record_overrides(store, outcome.import_id, reading.path.name, period, problems)
                    if outcome.already_imported:
                        problems.append(info("already-imported", "this file was imported before for "
                                             f"{period}; nothing changed in the history", Location.of(reading.path)))
                    elif outcome.superseded_refs:
                        problems.append(info("superseded", f"replaces earlier figures for {period} of "
                                             f"{', '.join(outcome.superseded_refs)} (the earlier ones are kept in "
                                             "history)", Location.of(reading.path)))
            previous, series = _history_lookups(store, period, start)
            results, found = assess(plan, readings, previous_from_history=previous, series=series,
                                   reporting_period=period)
    else:
        results, found = assess(plan, readings)
    return PackResult(plan, period, results, problems + found, readings)


def build(request: PackRequest) -> PackResult:
    """Read, record, assess and write the pack to ``request.out``."""
    if request.out is None:
        raise PccdeskError("no output file was given", code="no-output")
    out = Path(request.out)
    inputs = [request.definitions, *request.returns, *request.crime_files, *request.tracker_files,
              *([request.crime_categories] if request.crime_categories else [])]
    check_distinct_paths([out, *([request.html] if request.html is not None else [])], inputs,
                         (request.db or default_db_path()) if request.use_history else None)
    check_writable(out)
    if request.html is not None:
        check_writable(Path(request.html))
    # the imports are committed only once the pack is written: a pack that fails stores nothing
    with one_transaction(request.db or default_db_path()) if request.use_history else contextlib.nullcontext():
        result = check(request, record=True)
        with contextlib.ExitStack() as stack:
            sections = _sections(request, stack)
            _write(request, result, sections, out)
    return result


def _write(request: PackRequest, result: PackResult, sections: list[PackSection], out: Path) -> None:
    for section in sections:
        result.problems.extend(section.problems)
    _step(request, "Writing the pack", 0.8)
    details = CoverDetails(request.title, result.plan.name, result.period, request.meeting_date, request.marking,
                           [r.path.name for r in result.readings] +
                           [Path(p).name for p in (*request.crime_files, *request.tracker_files)])
    with atomic_output(out) as tmp:
        pack = PackWorkbook(tmp, marking=request.marking, title=f"{request.title}: {result.period}",
                            period=result.period)
        contents = ["Summary"] + [f"{i} {o}" for i, o in enumerate(result.plan.objectives(), start=1)] + \
                   [s.title for s in sections] + ["Data (tables: Performance, DataQuality and others)"]
        comments = _opcc_comments(request, result.period)
        write_cover(pack, details, contents)
        write_summary(pack, result.results, comments)
        history_sheet_name = "History" if any(len(r.history) >= 3 for r in result.results) else None
        history_rows = {r.ref: 0 for r in result.results if len(r.history) >= 3}
        # The History sheet is written after the objective sheets; its rows are known in advance.
        history_rows = {ref: 3 + i * 3 for i, ref in enumerate(history_rows)}
        write_objective_sheets(pack, result.results, history_sheet_name, history_rows, comments)
        for section in sections:
            section.write_sheets(pack)
        write_history_sheet(pack, result.results)
        write_performance_table(pack, result.results)
        for section in sections:
            section.write_data(pack)
        result.problems.extend(pack.text_problems)  # texts cut or cleaned to fit a cell, by the pack's cell
        write_data_quality(pack, result.problems)
        pack.close()
        _step(request, "Saving", 0.97)
    if request.html is not None:
        from pccdesk.indicators.html_copy import write_html_copy

        _step(request, "Writing the HTML copy", 0.98)
        write_html_copy(Path(request.html), details, result.results, comments, sections)
    result.out = out
    result.sections = sections
    log.info("pack written: %s (%d indicators, %d problems)", out.name, len(result.results), len(result.problems))
    _step(request, "Done", 1.0)


def _opcc_comments(request: PackRequest, period: str) -> dict[str, str]:
    """The OPCC's comments for the period, from the history store (none without it)."""
    if not request.use_history:
        return {}
    from pccdesk.store.opcc_comments import comments_for

    with HistoryStore(request.db or default_db_path()) as store:
        return comments_for(store, period)


def _sections(request: PackRequest, stack: contextlib.ExitStack) -> list[PackSection]:
    """Crime and tracker sections; the tracker's store stays open (via ``stack``) until the pack is written."""
    sections: list[PackSection] = []
    if request.crime_files:
        _step(request, "Reading recorded crime", 0.6)
        from pccdesk.crime.pack_section import build_crime_section

        sections.append(build_crime_section(
            list(request.crime_files), force=request.force, categories=request.crime_categories,
            password=request.password, period=request.crime_period,
            db=(request.db or default_db_path()) if request.use_history else None))
    if request.tracker_files or request.include_tracker:
        _step(request, "Reading the inspections tracker", 0.7)
        from pccdesk.tracker.pack_section import build_tracker_section

        store = stack.enter_context(HistoryStore(request.db or default_db_path()))
        sections.append(build_tracker_section(store, list(request.tracker_files),
                                              today=request.today or dt.date.today()))
    return sections
