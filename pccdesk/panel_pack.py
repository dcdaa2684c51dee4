"""Building the Police and Crime Panel pack: the one function the CLI, the app and the tests all call.

``build`` reads the plan and the force's returns, records the figures in the
history store, assesses every indicator, adds the crime and tracker sections
when their inputs are given, and writes the workbook atomically.

``check`` is a true dry run over every section (indicators, crime, tracker):
it reads and checks the same inputs and writes nothing at all, neither
figures in the history, nor matching decisions (even with
``accept_suggestions``), nor a tracker import; it does not even create a
history database that does not exist yet. What the history already holds is
read, so the assessment is the one ``build`` would make. ``validate`` and the
app's review call it; only ``build`` and ``record_history`` record.

Every file of a run is opened with one :class:`ReadOptions` (``read_options``,
with ``password`` folded in), so a password given once reaches the plan, the
returns, the crime inputs and the tracker registers alike.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pccdesk.indicators.assessment import HistoryPoint, IndicatorResult, assess
from pccdesk.indicators.codes import (
    ALREADY_IMPORTED,
    PERIOD_AMBIGUOUS,
    PERIOD_MISSING,
    REPLACED_SINCE,
    SUPERSEDED,
)
from pccdesk.indicators.definitions import Indicator, Plan, load_definitions
from pccdesk.indicators.figures_check import require_figures
from pccdesk.indicators.period_check import period_problems, quarter_label, quarter_months, refuse_mismatch
from pccdesk.indicators.return_rows import is_blank
from pccdesk.indicators.returns import ReturnReading, read_return
from pccdesk.pack_sections import PackSection
from pccdesk.periods import names_calendar_quarter, reporting_period_key, settled_period
from pccdesk.problems import (
    CANCELLED,
    NO_OUTPUT,
    Location,
    PccdeskError,
    Problem,
    ProblemsFound,
    info,
    warning,
)
from pccdesk.readers.options import ReadOptions
from pccdesk.readers.workbook_reader import read_ahead
from pccdesk.records import record
from pccdesk.store.corrections import record_overrides
from pccdesk.store.engines import DbLocation, as_location
from pccdesk.store.history_store import HistoryStore, ValueToStore, default_db_path, one_transaction
from pccdesk.store.mapping_profiles import MappingProfiles
from pccdesk.store.migrations import MIGRATIONS
from pccdesk.writers.safe_output import atomic_output, check_distinct_paths, check_writable

if TYPE_CHECKING:
    from pccdesk.crime.pack_section import CrimeSection

log = logging.getLogger("pccdesk.pack")

Progress = Callable[[str, float], None]


class Cancelled(PccdeskError):
    def __init__(self) -> None:
        super().__init__("stopped before finishing; nothing was written", code=CANCELLED)


@record
class PackRequest:
    definitions: Path
    returns: Sequence[Path] = ()
    out: Path | None = None
    period: str | None = None
    db: DbLocation | None = None  # a SQLite file or a postgresql:// URL
    use_history: bool = True
    meeting_date: str = ""
    marking: str = "OFFICIAL"
    title: str = "Delivery of the Police and Crime Plan"
    #: the password of every protected input (folded into ``read_options``; kept for callers that set it)
    password: str | None = None
    #: how every input of the run is opened: passwords (one for all, or per file), encoding
    read_options: ReadOptions = field(default_factory=ReadOptions)
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

    @property
    def options(self) -> ReadOptions:
        """``read_options`` with ``password`` folded in: what every reader of the run is given."""
        if self.password is not None and self.read_options.password is None:
            return replace(self.read_options, password=self.password)
        return self.read_options

    @property
    def history_db(self) -> DbLocation | None:
        """The history database of the run, or None with ``use_history`` off."""
        return as_location(self.db or default_db_path()) if self.use_history else None


@record
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


class _UnsavedProfiles(MappingProfiles):
    """Matching decisions for a dry run: those remembered are used, new ones (accepted suggestions) are not saved."""

    def save(self, signature: str, decisions: Mapping[str, str | None]) -> None:
        return None


def read_inputs(request: PackRequest, *, profiles: MappingProfiles | None = None
                ) -> tuple[Plan, list[ReturnReading], str, list[Problem]]:
    """Load the plan and every return; settle the reporting period. ``profiles``: remembered matching decisions."""
    _step(request, "Reading the indicator definitions", 0.02)
    asked = _asked_period(request.period)
    options = request.options
    plan = load_definitions(request.definitions, options=options)
    readings: list[ReturnReading] = []
    problems: list[Problem] = list(plan.warnings)
    failures: list[PccdeskError] = []
    for i, path in enumerate(request.returns):
        _step(request, f"Reading {Path(path).name}", 0.05 + 0.45 * i / max(len(request.returns), 1))
        try:
            readings.append(read_return(path, plan, options=options, accept_suggestions=request.accept_suggestions,
                                        profiles=profiles))
        except PccdeskError as exc:
            failures.append(exc)
            problems.append(exc.as_problem())
    # a template's own period label is settled as a typed one is: "Q1 2015/16" there and --period "2015-16 Q1"
    # another time must be one period in the history, or a corrected return would not replace the figures
    period = asked or _asked_period(next((r.reporting_period for r in readings if r.reporting_period), None))
    if failures and not readings and not period:
        raise failures[0]  # nothing was read: say why (e.g. a wrong password), not that the period is unknown
    if not period:
        raise PccdeskError("the reporting period is not known: give it (e.g. --period \"2015-16 Q1\")",
                           code=PERIOD_MISSING)
    return plan, readings, period, problems


def _asked_period(label: str | None) -> str | None:
    """The period the officer gave, as the pack and the history label it (``Q2 2023/24`` is ``2023-24 Q2``);
    a quarter number with one calendar year (``Q2 2023``) stops the run rather than be taken as either quarter."""
    if not label or not label.strip():
        return None
    if names_calendar_quarter(label):
        return _refuse_calendar_quarter(label)
    return settled_period(label)


def _refuse_calendar_quarter(label: str) -> str:
    found = re.search(r"([1-4])\D+(\d{4})|(\d{4})\D+([1-4])", label)
    hint = ""
    if found is not None:
        quarter = int(found.group(1) or found.group(4))
        year = int(found.group(2) or found.group(3))
        calendar = quarter_label(dt.date(year, 3 * quarter - 2, 1))
        financial = f"{year}-{(year + 1) % 100:02d} Q{quarter}"
        hint = (f': give --period "{calendar}" for {quarter_months(calendar)} or "{financial}" for '
                f"{quarter_months(financial)} (the police financial year starts in April)")
    raise PccdeskError(f'the period "{label.strip()}" could mean two different quarters{hint}',
                       code=PERIOD_AMBIGUOUS)


def _values_to_store(reading: ReturnReading, given: dict[str, tuple[object, str]]) -> list[ValueToStore]:
    """The figures of ``reading`` to store. ``given`` holds the figures earlier returns of the same run gave (by
    lower-cased reference): where this return gives another figure for one of them, the pack uses the first
    return's, so the history keeps that one too, never a figure the pack did not show. The same figure again is
    stored (it stays in the history should the first return be removed)."""
    values = []
    mine: set[str] = set()
    for row in reading.rows:
        if row.ref is None or is_blank(row.current):
            continue  # a blank cell is no statement: it must not replace a figure another return gave
        key, cur = row.ref.lower(), row.current
        number = cur.value if cur.value is not None else cur.change
        first = given.setdefault(key, (number, row.current_period))
        if key in mine or first != (number, row.current_period):
            continue
        mine.add(key)
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
                            stored.period_text or stored.reporting_period, stored.unit)

    def series(ind: Indicator) -> list[HistoryPoint]:
        return [HistoryPoint(v.reporting_period, v.value, v.text, v.half_width, v.period_text, v.unit)
                for v in store.series(ind.ref) if v.value is not None]

    return previous, series


@contextlib.contextmanager
def _history(db: DbLocation | None) -> Iterator[HistoryStore | None]:
    """The history store, or None without one."""
    if db is None:
        yield None
        return
    with HistoryStore(db) as store:
        yield store


def _history_to_read(db: DbLocation | None, scratch: Path) -> DbLocation | None:
    """The history a dry run may read without changing it: None when there is none (it is not created),
    the database itself when its schema is current, or else a copy to upgrade (an upgrade writes).
    A PostgreSQL history is read where it is (a dry run writes nothing to it)."""
    if isinstance(db, str):
        return db
    if db is None or not db.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error:
        return db  # opening it for real says what is wrong
    try:
        try:
            version = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0
        except sqlite3.OperationalError:  # no schema_version table yet: an empty database
            version = 0
        if version >= max(v for v, _ in MIGRATIONS):
            return db
        copy = scratch / db.name
        with contextlib.closing(sqlite3.connect(copy)) as dest:
            conn.backup(dest)
        return copy
    except sqlite3.DatabaseError:
        return db  # damaged or not a database: opening it for real says so
    finally:
        conn.close()


def _record(store: HistoryStore, readings: list[ReturnReading], plan: Plan, period: str,
            start: str | None, problems: list[Problem]) -> None:
    """Store the returns' figures (and any period overrides among ``problems``); say what changed."""
    given: dict[str, tuple[object, str]] = {}  # figures a return of this run gave already (assess uses the first)
    for reading in readings:
        outcome = store.record_import(file_path=reading.path, sha256=reading.sha256, reporting_period=period,
                                      period_start=start, plan_name=plan.name,
                                      values=_values_to_store(reading, given))
        record_overrides(store, outcome.import_id, reading.path.name, period, problems)
        if outcome.already_imported and outcome.replaced_refs:
            problems.append(warning(REPLACED_SINCE, f"this file was imported before for {period}, but a later return "
                                    f"({', '.join(outcome.replaced_by)}) has since replaced its figures for "
                                    f"{', '.join(outcome.replaced_refs)}: the pack shows this file's figures, while "
                                    "the history and later packs keep the later return's; check which return is "
                                    "right", Location.of(reading.path)))
        elif outcome.already_imported:
            problems.append(info(ALREADY_IMPORTED, "this file was imported before for "
                                 f"{period}; nothing changed in the history", Location.of(reading.path)))
        elif outcome.superseded_refs:
            problems.append(info(SUPERSEDED, f"replaces earlier figures for {period} of "
                                 f"{', '.join(outcome.superseded_refs)} (the earlier ones are kept in "
                                 "history)", Location.of(reading.path)))


def _indicators(request: PackRequest, db: DbLocation | None, *, dry_run: bool) -> PackResult:
    """Read and assess the indicators with the history ``db``; unless ``dry_run``, record the figures and the
    decisions taken."""
    remembered = None if db is None else _UnsavedProfiles(db) if dry_run else MappingProfiles(db)
    try:
        plan, readings, period, problems = read_inputs(request, profiles=remembered)
    finally:
        if remembered is not None:
            remembered.close()
    problems += period_problems(readings, period, override=request.override_period_check)
    if not dry_run:  # nothing is stored, and no pack written, without figures or under another quarter's period
        require_figures(request.returns, readings, problems)
        refuse_mismatch(problems)
    start = reporting_period_key(period)
    _step(request, "Checking against the plan", 0.55)
    with _history(db) as store:
        if store is None:
            results, found = assess(plan, readings)
        else:
            if not dry_run:
                _record(store, readings, plan, period, start, problems)
            previous, series = _history_lookups(store, period, start)
            results, found = assess(plan, readings, previous_from_history=previous, series=series,
                                   reporting_period=period, spc_series=lambda ind: store.series(ind.ref))
    return PackResult(plan, period, results, problems + found, readings)


def check(request: PackRequest) -> PackResult:
    """Read and check every input (indicators, crime, tracker) and write nothing: ``pccdesk validate``.

    The result's problems are those of every section; its sections are those
    that can be built without writing (recorded crime).
    """
    with tempfile.TemporaryDirectory(prefix="pccdesk-check-") as scratch:
        db = _history_to_read(request.history_db, Path(scratch))
        result = _indicators(request, db, dry_run=True)
        if request.crime_files:
            _step(request, "Reading recorded crime", 0.6)
            section = _crime_section(request, db, result.period)
            result.sections.append(section)
            result.problems.extend(section.problems)
    if request.tracker_files:
        _step(request, "Reading the inspections tracker", 0.7)
        result.problems.extend(_tracker_problems(request))
    _step(request, "Done", 1.0)
    return result


def record_history(request: PackRequest) -> PackResult:
    """Read the returns, record their figures in the history store and assess them, without writing a pack."""
    return _indicators(request, request.history_db, dry_run=False)


def build(request: PackRequest) -> PackResult:
    """Read, record, assess and write the pack to ``request.out``."""
    if request.out is None:
        raise PccdeskError("no output file was given", code=NO_OUTPUT)
    out = Path(request.out)
    inputs = [request.definitions, *request.returns, *request.crime_files, *request.tracker_files,
              *([request.crime_categories] if request.crime_categories else [])]
    outputs = [out, *([request.html] if request.html is not None else [])]
    check_distinct_paths(outputs, inputs, request.history_db)
    check_writable(out)
    if request.html is not None:
        check_writable(Path(request.html))
    db = request.history_db
    read_ahead([request.definitions, *request.returns, *request.crime_files], request.options)
    _load_writers(request)
    # the imports are committed only once the pack is written: a pack that fails stores nothing
    with one_transaction(db) if db is not None else contextlib.nullcontext():
        result = _indicators(request, db, dry_run=False)
        with contextlib.ExitStack() as stack:
            sections = _sections(request, stack, result.period)
            _write(request, result, sections, out)
    return result


def _load_writers(request: PackRequest) -> None:
    """Import what writing this pack will need before its inputs are read rather than after: the inputs were
    handed to the reading worker just before (``workbook_reader.read_ahead``), so the worker parses them while
    these load, instead of the pack waiting for the worker and then loading them."""
    import importlib

    for module in ("pccdesk.indicators.performance_sheets", "pccdesk.writers.data_quality",
                   "pccdesk.writers.pack_workbook", *(("pccdesk.crime.pack_section",) if request.crime_files else ())):
        importlib.import_module(module)
    if request.crime_files:
        from pccdesk.crime.pack_section import WRITING_MODULES

        for module in WRITING_MODULES:
            importlib.import_module(module)


def example_request(folder: Path) -> PackRequest:
    """The example pack (``pccdesk demo``): the bundled plan, returns, crime and tracker, into ``folder``.

    Its history database is a fresh one in ``folder`` (an earlier demo's is
    removed), so the example never mixes with the user's own history and gives
    the same pack every time.
    """
    from pccdesk.resources import example_inputs

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    example = example_inputs()
    db = folder / "demo-history.sqlite"
    for leftover in folder.glob("demo-history.sqlite*"):
        leftover.unlink()
    tracker = example.tracker
    return PackRequest(definitions=example.plan, returns=example.returns,
                       out=folder / f"Panel pack {example.period}.xlsx", period=example.period, db=db,
                       meeting_date="", crime_files=example.crime, tracker_files=tracker,
                       include_tracker=bool(tracker), today=dt.date(2015, 9, 1) if tracker else None)


def _write(request: PackRequest, result: PackResult, sections: list[PackSection], out: Path) -> None:
    # Imported here, not at the top: only writing a pack needs xlsxwriter and the sheet writers, and the
    # app's window (which imports this module for PackRequest) opens faster without them.
    from pccdesk.indicators.performance_sheets import (
        CoverDetails,
        write_cover,
        write_history_sheet,
        write_objective_sheets,
        write_performance_table,
        write_spc_sheet,
        write_summary,
    )
    from pccdesk.writers.data_quality import write_data_quality
    from pccdesk.writers.pack_workbook import PackWorkbook

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
        write_spc_sheet(pack, result.results)
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


def _sections(request: PackRequest, stack: contextlib.ExitStack, period: str | None = None) -> list[PackSection]:
    """Crime and tracker sections; the tracker's store stays open (via ``stack``) until the pack is written."""
    sections: list[PackSection] = []
    if request.crime_files:
        _step(request, "Reading recorded crime", 0.6)
        sections.append(_crime_section(request, request.history_db, period))
    if request.tracker_files or request.include_tracker:
        _step(request, "Reading the inspections tracker", 0.7)
        from pccdesk.tracker.pack_section import build_tracker_section

        store = stack.enter_context(HistoryStore(request.db or default_db_path()))
        sections.append(build_tracker_section(store, list(request.tracker_files),
                                              today=request.today or dt.date.today(), options=request.options))
    return sections


def _crime_section(request: PackRequest, db: DbLocation | None, period: str | None = None) -> CrimeSection:
    """The crime section, with extract columns remembered in the history ``db`` (only read from it), checked
    against the pack's reporting ``period``."""
    from pccdesk.crime.pack_section import build_crime_section

    return build_crime_section(list(request.crime_files), force=request.force, categories=request.crime_categories,
                               period=request.crime_period, db=db, options=request.options, pack_period=period)


def _tracker_problems(request: PackRequest) -> list[Problem]:
    """What importing the tracker registers would find, without importing them."""
    from pccdesk.tracker.register_import import read_register

    problems: list[Problem] = []
    for path in request.tracker_files:
        try:
            problems.extend(read_register(path, options=request.options).problems)
        except ProblemsFound as exc:
            problems += [exc.as_problem(), *exc.problems]
        except PccdeskError as exc:
            problems.append(exc.as_problem())
    return problems
