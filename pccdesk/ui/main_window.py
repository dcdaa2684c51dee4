"""The main window: the quarter's job on one screen — files in, review, problems, history, pack out.

The window lays out widgets and wires them; what the app knows lives in a
Qt-free :class:`~pccdesk.ui.app_state.AppState` (inputs, plan, period,
passwords, review, decisions), and every list it shows is a model over what
:func:`pccdesk.panel_pack.check` returned. Each action calls the same library
function as the matching CLI command (``validate`` → the review, ``pack`` →
Build pack, ``template`` → File ▸ New…, ``db`` → Tools, through
:mod:`pccdesk.store.maintenance`). Reading, checking and writing run in a
:class:`~pccdesk.ui.workers.Job`; the UI thread only paints and reacts.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pccdesk import __version__
from pccdesk.indicators.codes import PERIOD_MISSING
from pccdesk.periods import reporting_period_start
from pccdesk.problems import PccdeskError, Problem, Severity
from pccdesk.ui import late_parts
from pccdesk.ui.app_settings import AppSettings
from pccdesk.ui.app_state import (
    PASSWORD_CODES,
    Admission,
    AppState,
    Review,
    plain_for_app,
    recognise,
)
from pccdesk.ui.inbox_watcher import InboxWatcher
from pccdesk.ui.inputs_panel import InputsPanel
from pccdesk.ui.job_runner import JobRunner
from pccdesk.ui.jobs import review_inputs
from pccdesk.ui.keyboard import make_keyboard_friendly
from pccdesk.ui.menus import build_menus
from pccdesk.ui.models import (
    RECORD_ROLE,
    Decision,
    FileKind,
    FileListModel,
    FileState,
    IndicatorFilter,
    IndicatorTableModel,
    LoadedFile,
    ProblemTableModel,
    SuggestionTableModel,
    guess_kind,
    status_text,
)
from pccdesk.ui.opcc_comment_box import OpccComments
from pccdesk.ui.period_banner import PeriodBanner, PeriodFix
from pccdesk.ui.plan_bar import PlanBar
from pccdesk.ui.plan_loader import FILE_FILTER
from pccdesk.ui.problems_panel import ProblemsPanel
from pccdesk.ui.review_panel import ReviewPanel, chart_points, detail_html
from pccdesk.ui.window_choices import restore_choices, sync_state
from pccdesk.ui.workers import Job, JobFailure, wants_process

if TYPE_CHECKING:  # the library itself is imported when it is first used, after the window's first paint
    from pccdesk.indicators.assessment import IndicatorResult
    from pccdesk.indicators.definitions import Plan
    from pccdesk.panel_pack import PackRequest
    from pccdesk.store.engines import DbLocation
    from pccdesk.ui.tracker_tab import TrackerTab
log = logging.getLogger("pccdesk.ui")


class MainWindow(QMainWindow):
    """Signals for tests and for the status line: ``reviewed`` (a Review), ``packBuilt`` (a PackResult),
    ``planLoaded`` (a Plan), ``failed`` (a JobFailure), ``toolFinished`` (the Tools menu's sentence)."""

    reviewed = Signal(object)
    packBuilt = Signal(object)
    planLoaded = Signal(object)
    failed = Signal(object)
    toolFinished = Signal(str)
    tools = cached_property(late_parts.tools_menu)
    plans = cached_property(late_parts.plan_loader)
    builder = cached_property(late_parts.pack_builder)

    def __init__(self, settings: AppSettings | None = None, *, db: DbLocation | None = None,
                 interactive: bool = True) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        saved = self.settings.text("db")
        self.state = AppState(None)  # the default history, found when first needed (not before the first paint)
        if db or saved:
            self.db = db or saved
        self.interactive = interactive
        self._rerun = False
        self._updating_states = False
        self.use_process_threshold: int | None = None
        self.messages: list[str] = []  # what the window told the user (for the status line and for tests)

        self.setWindowTitle("Police and Crime Panel pack — pccdesk")  # ends with the app name: Qt adds no other
        self.setAccessibleName("pccdesk main window")
        self.files = FileListModel(self, self.state.files)
        self.indicators = IndicatorTableModel(self)
        self.proxy = IndicatorFilter(self)
        self.proxy.setSourceModel(self.indicators)
        self.problems = ProblemTableModel(self)
        self.suggestions = SuggestionTableModel(self)
        self.inbox = InboxWatcher(self)
        self.inbox.fileArrived.connect(self._inbox_arrived)
        self.inbox.fileReady.connect(self._inbox_ready)
        self._review_timer = QTimer(self)
        self._review_timer.setSingleShot(True)
        self._review_timer.setInterval(300)
        self._review_timer.timeout.connect(self.run_review)

        self._build_ui()
        self.runner = JobRunner(self.progress, self.cancel_button, self.statusBar(), self)
        self.runner.idle.connect(self._runner_idle)
        self.runner.said.connect(self.tell)
        self.build_action = build_menus(self)
        self.period_fix = PeriodFix(self, self.period_banner)
        self.opcc_comments = OpccComments(self, self.review_panel.comment_box)
        make_keyboard_friendly(self, self.file_view, self.remove_selected_files, controls=False)
        late_parts.finish_after_first_paint(self)
        restore_choices(self)

    # --- what the state holds, by the names the rest of the app uses -------------------------------------------
    @property
    def db(self) -> DbLocation:
        from pccdesk.store.engines import default_db_path  # (the store's module: not before the first paint)

        if self.state.db is None:
            self.state.db = default_db_path()
        return self.state.db

    @db.setter
    def db(self, location: DbLocation) -> None:
        from pccdesk.store.engines import as_location

        self.state.db = as_location(location)

    @property
    def plan(self) -> Plan | None:
        return self.state.plan

    @property
    def plan_path(self) -> Path | None:
        return self.state.plan_path

    @property
    def review(self) -> Review | None:
        return self.state.review

    @property
    def period(self) -> str:
        return self.period_combo.currentText().strip()

    @property
    def busy(self) -> bool:
        return self.job is not None

    # --- layout -------------------------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        bar = PlanBar()
        bar.choose_button.clicked.connect(lambda: self.plans.choose_plan())
        bar.open_plan_button.clicked.connect(lambda: self.plans.open_in_excel())
        bar.reload_button.clicked.connect(lambda: self.plans.reload_plan())
        bar.period_combo.currentTextChanged.connect(self._period_changed)
        bar.force_field.editingFinished.connect(self._force_changed)
        self.plan_field, self.open_plan_button = bar.plan_field, bar.open_plan_button
        self.period_combo, self.force_field = bar.period_combo, bar.force_field
        outer.addWidget(bar)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.inputs_panel = inputs = InputsPanel(self.files)
        inputs.drop_zone.filesDropped.connect(self.add_files)
        inputs.drop_zone.rejected.connect(self.tell)
        inputs.drop_zone.activated.connect(self.choose_files)
        inputs.add_button.clicked.connect(self.choose_files)
        inputs.remove_button.clicked.connect(self.remove_selected_files)
        inputs.crime_button.clicked.connect(lambda: self.mark_selected(FileKind.CRIME))
        inputs.inbox_button.clicked.connect(self.choose_inbox)
        inputs.build_button.clicked.connect(self.choose_pack_path)
        self.files.dataChanged.connect(self._files_edited)
        split.addWidget(inputs)
        self.review_panel = review = ReviewPanel(self.proxy)
        self.problems_panel = problems = ProblemsPanel(self.problems, self.suggestions)
        problems.problemActivated.connect(self.open_problem_source)
        problems.decisionRequested.connect(self.decide_selected)
        # the controls the window's actions (and tests) use, by their names
        self.drop_zone, self.file_view, self.inbox_label = inputs.drop_zone, inputs.file_view, inputs.inbox_label
        self.meeting_field, self.marking_combo, self.title_field = (inputs.meeting_field, inputs.marking_combo,
                                                                    inputs.title_field)
        self.tracker_check, self.build_button = inputs.tracker_check, inputs.build_button
        self.search_field, self.only_red, self.only_problems = review.search_field, review.only_red, review.only_problems
        self.counts_label, self.review_view, self.review_split = (review.counts_label, review.review_view,
                                                                  review.review_split)
        self.detail, self.chart = review.detail, review.chart
        self.problem_view, self.suggestion_view = problems.problem_view, problems.suggestion_view
        self.accept_button, self.change_button, self.reject_button = (problems.accept_button, problems.change_button,
                                                                      problems.reject_button)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Review, problems and tracker")
        self.tabs.addTab(review, "Re&view")
        self.tabs.addTab(problems, "Pro&blems")
        self.tracker_page = late_parts.TrackerPage(self)
        self.tabs.addTab(self.tracker_page, "Tra&cker")
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([400, 1000])
        self.period_banner = PeriodBanner()
        outer.addWidget(self.period_banner)
        outer.addWidget(split, 1)
        self.setCentralWidget(central)

        self.progress: QProgressBar = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        self.cancel_button: QPushButton = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the running task")
        self.cancel_button.clicked.connect(self.cancel_job)
        self.cancel_button.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

    @property
    def tracker_widget(self) -> TrackerTab:
        return self.tracker_page.tracker()

    def reload_tracker(self) -> None:
        """The tracker tab shows the window's history database (after a change of database or a build)."""
        self.tracker_page.reload()

    # --- settings -----------------------------------------------------------------------------------------------
    def save_settings(self) -> None:
        self._sync_state()
        self.settings.save_choices(self.state)

    def _sync_state(self) -> None:
        sync_state(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember the choices; stop the running work and stop listening to it (the window may be gone
        before the worker finishes)."""
        self.save_settings()
        self._review_timer.stop()
        self.inbox.watch(None)
        self.runner.stop_all()
        super().closeEvent(event)

    # --- messages -----------------------------------------------------------------------------------------------
    def tell(self, message: str) -> None:
        """A plain sentence in the status bar (and kept in ``messages``)."""
        message = plain_for_app(message)
        self.messages.append(message)
        self.statusBar().showMessage(message, 15000)

    def show_failure(self, title: str, failure: JobFailure) -> None:
        self.tell(failure.message)
        if self.interactive:
            from pccdesk.ui import dialogs
            dialogs.show_error(self, title, failure.message, failure.details)

    # --- plan (File ▸ Open plan, Plan menu) -------------------------------------------------------------------
    def set_plan(self, path: Path) -> None:
        self.plans.set_plan(path)

    def open_file(self, path: Path) -> None:
        if self.interactive:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # --- files --------------------------------------------------------------------------------------------------
    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Add the force's spreadsheets", str(self.settings.last_folder()),
                                                FILE_FILTER)
        if names:
            self.settings.set_path("last_folder", Path(names[0]).parent)
            self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path], *, arrived: dt.datetime | None = None, inbox: bool = False) -> None:
        for path in map(Path, paths):
            admission = self.state.admit(path)
            if admission is Admission.NOT_A_SPREADSHEET:
                self.tell(f"{path.name} is not a spreadsheet pccdesk can read (xlsx, xls, xlsm, xlsb, ods, csv).")
            elif admission is Admission.USE_AS_PLAN:
                self.tell(f"{path.name} looks like the plan's indicator definitions: using it as the plan.")
                self.set_plan(path)
            elif admission is Admission.ADD:
                state = FileState.WAITING if inbox and arrived is not None and not path.exists() else FileState.READING
                kind, reason = recognise(path, self.state.read_options) if state is FileState.READING else (
                    guess_kind(path), "")
                self.files.add(LoadedFile(path, kind, state, arrived or dt.datetime.now(), from_inbox=inbox,
                                          kind_reason=reason))
        if paths:
            self.schedule_review()

    def remove_selected_files(self) -> None:
        if not self.inputs_panel.selected_rows():
            return
        self.files.remove(self.inputs_panel.selected_rows())
        self.review_view.clearSelection()  # the detail pane must not keep showing a removed file's figures
        self.review_panel.show_nothing()
        self.schedule_review()

    def mark_selected(self, kind: FileKind) -> None:
        for index in self.file_view.selectionModel().selectedRows():
            self.files.setData(self.files.index(index.row(), 1), kind.value)

    def _files_edited(self, top: QModelIndex, bottom: QModelIndex, roles: Any = ()) -> None:
        if top.column() <= 1 <= bottom.column() and not self._updating_states:
            self.schedule_review()

    def _refresh_files(self) -> None:
        self._updating_states = True
        try:
            self.files.refresh()
        finally:
            self._updating_states = False

    # --- inbox --------------------------------------------------------------------------------------------------
    def choose_inbox(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose the inbox folder colleagues drop spreadsheets in",
                                                  str(self.settings.path("inbox_folder") or self.settings.last_folder()))
        if folder:
            self.set_inbox(Path(folder))

    def set_inbox(self, folder: Path | None) -> None:
        self.settings.set_path("inbox_folder", folder)
        self.inbox.watch(folder)
        self.inbox_label.setText(f"Inbox folder: {folder}" if folder else "Inbox folder: none")

    def _inbox_arrived(self, path: Path, when: dt.datetime) -> None:
        row = self.files.find(path)
        if row >= 0 and self.files.files[row].refused:
            return
        if row < 0:
            self.files.add(LoadedFile(path, guess_kind(path), FileState.WAITING, when, from_inbox=True))
        else:
            self.files.set_state(path, FileState.WAITING)
        self.tell(f"{path.name} arrived in the inbox folder; it will be read once it stops changing.")

    def _inbox_ready(self, path: Path, when: dt.datetime) -> None:
        row = self.files.find(path)
        if row >= 0 and self.files.files[row].refused:
            return  # refused as unsafe: never read again by itself
        if row >= 0:  # complete now: its content says what it is
            self.files.files[row].kind, self.files.files[row].kind_reason = recognise(path, self.state.read_options)
        self.files.set_state(path, FileState.READING)
        self.schedule_review()

    # --- review -------------------------------------------------------------------------------------------------
    def _period_changed(self, text: str) -> None:
        if reporting_period_start(text.strip()) is not None or not text.strip():
            self.settings.set_text("period", text.strip())
            self.schedule_review()

    def _force_changed(self) -> None:
        self.settings.set_text("force", self.force_field.text().strip())
        if self.state.files_of_kind(FileKind.CRIME):
            self.schedule_review()

    def schedule_review(self, now: bool = False) -> None:
        """Check again shortly (several quick changes — a drop of five files — make one check)."""
        self._review_timer.start(0) if now else self._review_timer.start()

    def request(self, out: Path | None = None) -> PackRequest:
        """The same request the CLI builds from its arguments."""
        self._sync_state()
        return self.state.request(out)

    def in_process(self, request: PackRequest) -> bool:
        paths = [*request.returns, *request.crime_files, *request.tracker_files]
        return wants_process(paths, self.use_process_threshold)

    def run_review(self) -> None:
        if self.plan_path is None or self.plan is None:
            return
        if self.job is not None:
            self._rerun = True
            if self.job.name != "build":  # a pack being written is never interrupted by a new file
                self.job.cancel()
            return
        request = self.request()
        self.state.start_reading()
        self._refresh_files()
        self._start(Job(review_inputs, request, in_process=self.in_process(request), name="review"),
                    self._reviewed, self._review_failed, "Checking")

    def _reviewed(self, review: Review) -> None:
        result = review.result
        if result.period and not self.period:
            self.period_combo.setCurrentText(result.period)
        problems = self.state.reviewed(review)
        self.show_results(result.results, problems, result.period)
        self.suggestions.set_items(self.state.suggestions, {i.ref: i.wording for i in result.plan.indicators})
        self.settings.add_recent_period(result.period)
        self.reviewed.emit(review)
        if self.ask_password_if_needed(problems):
            self.schedule_review(now=True)

    def _review_failed(self, failure: JobFailure) -> None:
        problem = Problem(failure.code, Severity.ERROR, failure.message, failure.location)
        self.problems.set_problems(self.state.review_failed(failure.problems or [problem]))
        self.indicators.set_results([])
        self._refresh_files()
        self.counts_label.setText("")
        if failure.code == PERIOD_MISSING:
            self.tell("Choose the reporting period at the top (e.g. 2015-16 Q1); the returns do not say it.")
        elif failure.code in PASSWORD_CODES:
            self.tell(f"{failure.location.file or 'A workbook'} is protected with a password: give it, or remove "
                      "the file from the list (Review ▸ Check again asks again).")
        else:
            self.tell(failure.message)
        self.failed.emit(failure)
        if failure.code in PASSWORD_CODES and self.ask_password_if_needed([problem]):
            self.schedule_review(now=True)

    def _update_counts(self) -> None:
        if self.review is None:
            self.counts_label.setText("")
            return
        shown = ", ".join(f"{n} {status_text(s)}" for s, n in self.state.status_counts().items() if n)
        errors, warnings = self.state.severity_counts()
        self.counts_label.setText(f"{self.review.result.period}: {shown}; {errors} error(s), {warnings} warning(s)")
        self.tabs.setTabText(1, f"Pro&blems ({errors + warnings})")

    def ask_password_if_needed(self, problems: list[Problem]) -> bool:
        """Ask for the password of a protected file (plan, return, crime file or tracker register); True when
        one was given (the caller reads again)."""
        if not self.interactive:
            return False
        question = self.state.password_question(problems)
        if question is None:
            return False
        from pccdesk.ui import dialogs
        password = dialogs.ask_password(self, question.file_name, wrong=question.wrong)
        if not password:
            return False
        self.state.give_password(question.file_name, password)
        return True

    def check_again(self) -> None:
        """F5: read everything again, and ask again for passwords that were not given."""
        self.state.ask_passwords_again()
        self.run_review()

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search_field.setFocus()
        self.search_field.selectAll()

    # --- selection: detail and history --------------------------------------------------------------------------
    def selected_result(self) -> IndicatorResult | None:
        return self.review_panel.selected_result()

    def select_ref(self, ref: str) -> bool:
        return self.review_panel.select_ref(ref)

    # --- problems and suggestions -------------------------------------------------------------------------------
    def open_problem_source(self, index: QModelIndex) -> None:
        problem = index.data(RECORD_ROLE)
        if not isinstance(problem, Problem) or not problem.location.file:
            return
        path = self.state.path_of(problem.location)
        if path is None:
            self.tell(f"{problem.location.file} is not in the list of files.")
            return
        self.tell(f"Opening {path.name}; look at {problem.location.sheet_cell or 'the file'}.")
        self.open_file(path)

    def decide_selected(self, decision: Decision, ref: str | None = None) -> None:
        row = self.problems_panel.selected_suggestion_row()
        if row is None:
            self.tell("Select a suggested match first.")
            return
        self.decide(row, decision, ref)

    def decide(self, row: int, decision: Decision, ref: str | None = None) -> None:
        """Accept, change (to ``ref``, asked for when not given) or reject a suggestion; saved in the mapping profile."""
        item = self.suggestions.item(row)
        if decision is Decision.CHANGED and ref is None:
            if self.plan is None or not self.interactive:
                return
            from pccdesk.ui import dialogs
            likely = [item.suggestion.ref, *item.suggestion.alternatives]
            ref = dialogs.ask_indicator(self, self.plan.indicators, item.suggestion.label, item.chosen_ref, likely)
            if ref is None:
                return
        import sqlite3  # (not before the first paint)

        try:
            said = self.state.decide(item, decision, ref)
        except PccdeskError as exc:
            self.show_failure("The decision was not saved", JobFailure.from_error(exc))
            return
        except sqlite3.Error as exc:  # locked by a colleague, or unreachable: say so plainly
            self.show_failure("The decision was not saved", JobFailure(
                f"The history database is busy or cannot be reached, so the decision was not saved ({exc}). "
                "Try again in a moment.", str(exc)))
            return
        if said:
            self.suggestions.refresh(row)
            self.tell(said)
            self.schedule_review(now=True)

    # --- jobs -------------------------------------------------------------------------------------------------
    @property
    def job(self) -> Job | None:
        return self.runner.current

    def _start(self, job: Job, on_done: Any, on_failed: Any, what: str) -> None:
        self.runner.start(job, on_done, on_failed, what)

    def _runner_idle(self) -> None:
        if self._rerun:
            self._rerun = False
            self.schedule_review(now=True)

    def stop_review(self) -> None:
        """A build is starting: the review running (if any) stops and is not run again."""
        self._rerun = False
        if self.job is not None:
            self.job.cancel()

    def cancel_job(self) -> None:
        self._rerun = False
        self.runner.cancel()

    # --- build (File ▸ Build pack) -----------------------------------------------------------------------------
    def ready_to_build(self) -> bool:
        """Whether a pack or a return template can be written now; if not, the user is told what to choose."""
        self._sync_state()
        blocker = self.state.build_blocker()
        if blocker:
            self.tell(blocker)
        return not blocker

    def default_pack_path(self) -> Path:
        return self.builder.default_pack_path()

    def choose_pack_path(self) -> None:
        self.builder.choose_pack_path()

    def build_to(self, path: Path) -> None:
        self.builder.build_to(path)

    def show_results(self, results: list[IndicatorResult], problems: list[Problem], period: str) -> None:
        """The Review and Problems tabs after a review or a build."""
        self.review_panel.reporting_period = period
        self.indicators.set_results(results, problems)
        self.problems.set_problems(problems)
        self._refresh_files()
        self._update_counts()

    # --- templates and tools (File ▸ New…, Tools) ---------------------------------------------------------------
    def write_return_template(self, path: Path) -> Path | None:
        return self.tools.write_return_template(path)

    def write_blank_plan(self, path: Path) -> Path | None:
        return self.tools.write_blank_plan(path)

    def check_database(self) -> None:
        self.tools.check_database()

    def backup_database_to(self, target: Path) -> None:
        self.tools.backup_database_to(target)

    def export_database_to(self, target: Path) -> None:
        self.tools.export_database_to(target)

    def open_user_guide(self) -> QDialog:
        """F1: the README's desktop-app guide in a window of its own (not modal, so both can be used)."""
        from pccdesk.ui.user_guide import guide_dialog
        self.guide = guide_dialog(self)
        self.guide.setModal(False)
        self.guide.show()
        return self.guide


__all__ = ["MainWindow", "detail_html", "chart_points", "__version__"]
