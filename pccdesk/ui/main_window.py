"""The main window: the quarter's job on one screen — files in, review, problems, history, pack out.

The window holds no figures of its own: every list it shows is a model over
what :func:`pccdesk.panel_pack.check` returned, and every action calls the
same core function as the matching CLI command (``validate`` → the review,
``pack`` → Build pack, ``template`` → File ▸ New…, ``db`` → Tools). Reading,
checking and writing run in a :class:`~pccdesk.ui.workers.Job`; the UI thread
only paints and reacts.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import importlib
import importlib.util
import logging
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pccdesk import __version__
from pccdesk.indicators.assessment import IndicatorResult
from pccdesk.indicators.definitions import Plan
from pccdesk.indicators.return_rows import ReturnReading
from pccdesk.indicators.status_rules import Status
from pccdesk.panel_pack import PackRequest, PackResult
from pccdesk.periods import reporting_period_start
from pccdesk.problems import Location, PccdeskError, Problem, Severity
from pccdesk.store.history_store import default_db_path
from pccdesk.ui import dialogs
from pccdesk.ui.app_settings import AppSettings
from pccdesk.ui.drop_zone import ACCEPTED_SUFFIXES
from pccdesk.ui.inbox_watcher import InboxWatcher
from pccdesk.ui.inputs_panel import DEFAULT_TITLE, InputsPanel
from pccdesk.ui.jobs import Review, build_pack, db_task, load_plan, review_inputs
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
    SuggestionItem,
    SuggestionTableModel,
    guess_kind,
    status_text,
)
from pccdesk.ui.problems_panel import ProblemsPanel
from pccdesk.ui.review_panel import ReviewPanel, chart_points, detail_html
from pccdesk.ui.workers import Job, JobFailure, wants_process

log = logging.getLogger("pccdesk.ui")
PASSWORD_CODES = ("password-required", "wrong-password")
FILE_FILTER = "Spreadsheets (" + " ".join(f"*{s}" for s in ACCEPTED_SUFFIXES) + ");;All files (*)"


def quarters_around(today: dt.date | None = None) -> list[str]:
    """Reporting periods to offer: this financial year's quarters and last year's, latest first."""
    today = today or dt.date.today()
    fy = today.year if today.month >= 4 else today.year - 1
    out = []
    for year in (fy, fy - 1):
        for q in (4, 3, 2, 1):
            out.append(f"{year}-{(year + 1) % 100:02d} Q{q}")
    return out


class MainWindow(QMainWindow):
    """Signals for tests and for the status line: ``reviewed`` (a Review), ``packBuilt`` (a PackResult),
    ``planLoaded`` (a Plan), ``failed`` (a JobFailure)."""

    reviewed = Signal(object)
    packBuilt = Signal(object)
    planLoaded = Signal(object)
    failed = Signal(object)
    toolFinished = Signal(str)

    def __init__(self, settings: AppSettings | None = None, *, db: Path | None = None,
                 interactive: bool = True) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self.db = Path(db) if db else (self.settings.path("db") or Path(default_db_path()))
        self.interactive = interactive
        self.plan: Plan | None = None
        self.plan_path: Path | None = None
        self.plan_problems: list[Problem] = []
        self.review: Review | None = None
        self.last_pack: Path | None = None
        self.password: str | None = None
        self._asked_password_for: set[str] = set()
        self.job: Job | None = None
        self._jobs: list[Job] = []
        self._side_jobs: list[Job] = []
        self._rerun = False
        self.use_process_threshold: int | None = None
        self.messages: list[str] = []  # what the window told the user (for the status line and for tests)

        self.setWindowTitle("pccdesk — Police and Crime Panel pack")
        self.setAccessibleName("pccdesk main window")
        self.files = FileListModel(self)
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
        self._build_menus()
        self._restore()

    # --- layout ---------------------------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.addWidget(self._top_bar())
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
        self.review_panel = ReviewPanel(self.proxy)
        self.problems_panel = ProblemsPanel(self.problems, self.suggestions)
        self.problems_panel.problemActivated.connect(self.open_problem_source)
        self.problems_panel.decisionRequested.connect(self.decide_selected)
        # the controls the window's actions (and tests) use, by their names
        self.drop_zone, self.file_view = inputs.drop_zone, inputs.file_view
        self.inbox_label, self.meeting_field, self.marking_combo = (inputs.inbox_label, inputs.meeting_field,
                                                                    inputs.marking_combo)
        self.title_field = inputs.title_field
        self.tracker_check, self.build_button = inputs.tracker_check, inputs.build_button
        review = self.review_panel
        self.search_field, self.only_red, self.only_problems = review.search_field, review.only_red, review.only_problems
        self.counts_label, self.review_view, self.review_split = review.counts_label, review.review_view, \
            review.review_split
        self.detail, self.chart = review.detail, review.chart
        problems = self.problems_panel
        self.problem_view, self.suggestion_view = problems.problem_view, problems.suggestion_view
        self.accept_button, self.change_button, self.reject_button = (problems.accept_button, problems.change_button,
                                                                      problems.reject_button)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Review, problems and tracker")
        self.tabs.addTab(self.review_panel, "&Review")
        self.tabs.addTab(self.problems_panel, "&Problems")
        self._add_tracker_tab()
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([400, 1000])
        outer.addWidget(split, 1)
        self.setCentralWidget(central)

        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the running task")
        self.cancel_button.clicked.connect(self.cancel_job)
        self.cancel_button.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

    def _top_bar(self) -> QWidget:
        box = QGroupBox("Plan and period")
        form = QHBoxLayout(box)
        self.plan_field = QLineEdit()
        self.plan_field.setReadOnly(True)
        self.plan_field.setPlaceholderText("Choose the plan's indicator definitions workbook (Ctrl+O)")
        self.plan_field.setAccessibleName("Plan definitions workbook")
        plan_label = QLabel("P&lan:")
        plan_label.setBuddy(self.plan_field)
        choose = QPushButton("Choose…")
        choose.setAccessibleName("Choose the plan workbook")
        choose.clicked.connect(self.choose_plan)
        self.open_plan_button = QPushButton("Open in Excel")
        self.open_plan_button.setAccessibleName("Open the plan workbook in Excel to edit it")
        self.open_plan_button.clicked.connect(self.open_plan_in_excel)
        reload_button = QPushButton("Reload")
        reload_button.setAccessibleName("Reload the plan workbook after editing it")
        reload_button.clicked.connect(self.reload_plan)
        self.period_combo = QComboBox()
        self.period_combo.setEditable(True)
        self.period_combo.setMinimumWidth(120)
        self.period_combo.setAccessibleName("Reporting period")
        self.period_combo.setToolTip('The quarter the pack is for, e.g. "2015-16 Q1"')
        period_label = QLabel("Pe&riod:")
        period_label.setBuddy(self.period_combo)
        self.period_combo.currentTextChanged.connect(self._period_changed)
        self.force_field = QLineEdit()
        self.force_field.setPlaceholderText("e.g. Northumbria")
        self.force_field.setAccessibleName("Force (for national crime tables)")
        self.force_field.setToolTip("With national crime tables: the force whose figures and areas to take")
        self.force_field.editingFinished.connect(self._force_changed)
        force_label = QLabel("&Force:")
        force_label.setBuddy(self.force_field)
        form.addWidget(plan_label)
        form.addWidget(self.plan_field, 3)
        form.addWidget(choose)
        form.addWidget(self.open_plan_button)
        form.addWidget(reload_button)
        form.addSpacing(12)
        form.addWidget(period_label)
        form.addWidget(self.period_combo)
        form.addSpacing(12)
        form.addWidget(force_label)
        form.addWidget(self.force_field, 1)
        return box

    def _add_tracker_tab(self) -> None:
        """The tracker tab, when this version has it (another part of the app builds it)."""
        try:
            tracker_tab = importlib.import_module("pccdesk.ui.tracker_tab")
        except ImportError:
            self.tracker_widget: QWidget | None = None
            return
        cls = getattr(tracker_tab, "TrackerTab", None)
        if cls is None:
            self.tracker_widget = None
            return
        widget: QWidget | None = None
        for kwargs in ({"db": self.db}, {}):
            try:
                widget = cls(**kwargs)
                break
            except TypeError:
                continue
        self.tracker_widget = widget
        if widget is not None:
            self.tabs.addTab(widget, "&Tracker")
            message = getattr(widget, "message", None)
            if message is not None:
                message.connect(self.tell)

    def _reload_tracker(self) -> None:
        """The tracker tab shows the window's history database (after a change of database or a build)."""
        widget = self.tracker_widget
        if widget is None:
            return
        set_db = getattr(widget, "set_db", None)
        if set_db is not None:
            set_db(self.db)  # it reloads
            return
        if hasattr(widget, "db"):
            widget.db = self.db
        reload = getattr(widget, "reload", None)
        if reload is not None:
            reload()

    def _build_menus(self) -> None:
        bar = self.menuBar()

        def action(menu: Any, text: str, slot: Any, shortcut: Any = None, tip: str = "") -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            if tip:
                act.setStatusTip(tip)
            act.triggered.connect(slot)
            menu.addAction(act)
            return act

        file_menu = bar.addMenu("&File")
        action(file_menu, "&Open plan…", self.choose_plan, QKeySequence.StandardKey.Open,
               "Choose the plan's indicator definitions workbook")
        action(file_menu, "&Add files…", self.choose_files, "Ctrl+Shift+O", "Add the force's spreadsheets")
        action(file_menu, "&Inbox folder…", self.choose_inbox, None, "Watch a folder for new spreadsheets")
        file_menu.addSeparator()
        action(file_menu, "New &return template…", self.new_return_template, None,
               "Write the return workbook to send to the force")
        action(file_menu, "New &plan…", self.new_plan, None, "Write a blank indicator definitions workbook")
        file_menu.addSeparator()
        self.build_action = action(file_menu, "&Build pack…", self.choose_pack_path, QKeySequence.StandardKey.Save,
                                   "Build the panel pack")
        file_menu.addSeparator()
        action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        review_menu = bar.addMenu("&Review")
        action(review_menu, "&Check again", self.check_again, "F5", "Read every file again and check it")
        action(review_menu, "&Find…", self.focus_search, QKeySequence.StandardKey.Find)
        action(review_menu, "Only &Red", lambda: self.only_red.toggle(), "Ctrl+1")
        action(review_menu, "Only with &problems", lambda: self.only_problems.toggle(), "Ctrl+2")
        action(review_menu, "Show &problems", lambda: self.tabs.setCurrentIndex(1), "Ctrl+3")

        plan_menu = bar.addMenu("&Plan")
        action(plan_menu, "Open plan in &Excel", self.open_plan_in_excel, "Ctrl+E")
        action(plan_menu, "&Reload plan", self.reload_plan, "Ctrl+R")

        tools = bar.addMenu("&Tools")
        action(tools, "&Check the history database", self.check_database, None,
               "Check the history database for damage (pccdesk db check)")
        action(tools, "&Back up the history database…", self.backup_database, None,
               "Save a copy of the history database (pccdesk db backup)")
        action(tools, "&Export every stored figure…", self.export_database, None,
               "Write every figure in the history database to a CSV file (pccdesk db export)")
        action(tools, "Use another history &database…", self.choose_database, None,
               "Use a shared history database, e.g. on the team drive")

        help_menu = bar.addMenu("&Help")
        action(help_menu, "&User guide", self.open_user_guide, QKeySequence.StandardKey.HelpContents)
        action(help_menu, "&About pccdesk", lambda: dialogs.show_about(self))

    # --- settings ---------------------------------------------------------------------------------------------------
    def _restore(self) -> None:
        s = self.settings
        periods = list(dict.fromkeys(s.recent_periods() + quarters_around()))
        self.period_combo.blockSignals(True)
        self.period_combo.addItems(periods)
        self.period_combo.setCurrentText(s.text("period"))
        self.period_combo.blockSignals(False)
        self.force_field.setText(s.text("force"))
        self.meeting_field.setText(s.text("meeting_date"))
        self.title_field.setText(s.text("title"))
        self.marking_combo.setCurrentText(s.text("marking", "OFFICIAL") or "OFFICIAL")
        inbox = s.path("inbox_folder")
        if inbox is not None and inbox.is_dir():
            self.set_inbox(inbox)
        plan = s.path("plan")
        if plan is not None and plan.exists():
            self.set_plan(plan)

    def _save(self) -> None:
        s = self.settings
        s.set_text("period", self.period)
        s.set_text("force", self.force_field.text().strip())
        s.set_text("meeting_date", self.meeting_field.text().strip())
        s.set_text("title", self.title_field.text().strip())
        s.set_text("marking", self.marking_combo.currentText().strip())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember the choices; stop the running work and stop listening to it (the window may be gone
        before the worker finishes)."""
        self._save()
        self._review_timer.stop()
        self.inbox.watch(None)
        for job in list(self._jobs) + list(self._side_jobs):
            job.cancel()
            for signal in (job.signals.progress, job.signals.finished, job.signals.failed, job.signals.cancelled):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect()
        self._jobs.clear()
        self._side_jobs.clear()
        self.job = None
        super().closeEvent(event)

    # --- messages ---------------------------------------------------------------------------------------------------
    def tell(self, message: str) -> None:
        """A plain sentence in the status bar (and kept in ``messages``)."""
        self.messages.append(message)
        self.statusBar().showMessage(message, 15000)

    def show_failure(self, title: str, failure: JobFailure) -> None:
        self.tell(failure.message)
        if self.interactive:
            dialogs.show_error(self, title, failure.message, failure.details)

    # --- plan -------------------------------------------------------------------------------------------------------
    @property
    def period(self) -> str:
        return self.period_combo.currentText().strip()

    def choose_plan(self) -> None:
        folder = self.plan_path.parent if self.plan_path else self.settings.last_folder()
        name, _ = QFileDialog.getOpenFileName(self, "Choose the plan's indicator definitions", str(folder),
                                              FILE_FILTER)
        if name:
            self.set_plan(Path(name))

    def set_plan(self, path: Path) -> None:
        """Load the plan in a worker; its load errors appear in the Problems tab with their cells."""
        self.plan_path = Path(path)
        self.plan_field.setText(str(self.plan_path))
        self.settings.set_path("plan", self.plan_path)
        self.settings.set_path("last_folder", self.plan_path.parent)
        self._start(Job(load_plan, self.plan_path, name="load plan"), self._plan_loaded, self._plan_failed,
                    "Reading the plan")

    def reload_plan(self) -> None:
        if self.plan_path is None:
            self.tell("Choose the plan first (File ▸ Open plan…).")
            return
        self.set_plan(self.plan_path)

    def _plan_loaded(self, plan: Plan) -> None:
        self.plan = plan
        self.plan_problems = list(plan.warnings)
        self.tell(f"Plan loaded: {plan.name}, {len(plan.indicators)} indicators.")
        self.planLoaded.emit(plan)
        self.schedule_review(now=True)

    def _plan_failed(self, failure: JobFailure) -> None:
        self.plan = None
        self.plan_problems = failure.problems or [Problem(failure.code, Severity.ERROR, failure.message,
                                                          failure.location)]
        self.review = None
        self.indicators.set_results([])
        self.problems.set_problems(self.plan_problems)
        self.suggestions.set_items([])
        self.tabs.setCurrentIndex(1)
        self.tell(f"The plan cannot be used: {failure.message}. Fix the cells listed under Problems, then Reload.")
        self.failed.emit(failure)

    def open_plan_in_excel(self) -> None:
        if self.plan_path is None:
            self.tell("Choose the plan first (File ▸ Open plan…).")
            return
        self.open_file(self.plan_path)
        self.tell("Edit the plan in Excel, save it, then choose Plan ▸ Reload plan (Ctrl+R).")

    def open_file(self, path: Path) -> None:
        if self.interactive:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # --- files ------------------------------------------------------------------------------------------------------
    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Add the force's spreadsheets", str(self.settings.last_folder()),
                                                FILE_FILTER)
        if names:
            self.settings.set_path("last_folder", Path(names[0]).parent)
            self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path], *, arrived: dt.datetime | None = None, inbox: bool = False) -> None:
        added = 0
        for path in paths:
            path = Path(path)
            if path.suffix.lower() not in ACCEPTED_SUFFIXES:
                self.tell(f"{path.name} is not a spreadsheet pccdesk can read (xlsx, xls, xlsm, xlsb, ods, csv).")
                continue
            if path == self.plan_path:
                continue
            if self.plan_path is None and looks_like_plan(path):
                self.tell(f"{path.name} looks like the plan's indicator definitions: using it as the plan.")
                self.set_plan(path)
                continue
            state = FileState.WAITING if inbox and arrived is not None and not path.exists() else FileState.READING
            added += self.files.add(LoadedFile(path, guess_kind(path), state, arrived or dt.datetime.now(),
                                               from_inbox=inbox))
        if paths:
            self.schedule_review()

    def remove_selected_files(self) -> None:
        self.files.remove(self.inputs_panel.selected_rows())
        self.schedule_review()

    def mark_selected(self, kind: FileKind) -> None:
        for index in self.file_view.selectionModel().selectedRows():
            self.files.setData(self.files.index(index.row(), 1), kind.value)

    def _files_edited(self, top: QModelIndex, bottom: QModelIndex, roles: Any = ()) -> None:
        if top.column() <= 1 <= bottom.column() and not self._updating_states:
            self.schedule_review()

    _updating_states = False

    # --- inbox ------------------------------------------------------------------------------------------------------
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
        if row < 0:
            self.files.add(LoadedFile(path, guess_kind(path), FileState.WAITING, when, from_inbox=True))
        else:
            self.files.set_state(path, FileState.WAITING)
        self.tell(f"{path.name} arrived in the inbox folder; it will be read once it stops changing.")

    def _inbox_ready(self, path: Path, when: dt.datetime) -> None:
        self.files.set_state(path, FileState.READING)
        self.schedule_review()

    # --- review -----------------------------------------------------------------------------------------------------
    def _period_changed(self, text: str) -> None:
        if reporting_period_start(text.strip()) is not None or not text.strip():
            self.settings.set_text("period", text.strip())
            self.schedule_review()

    def _force_changed(self) -> None:
        self.settings.set_text("force", self.force_field.text().strip())
        if self.files.of_kind(FileKind.CRIME):
            self.schedule_review()

    def schedule_review(self, now: bool = False) -> None:
        """Check again shortly (several quick changes — a drop of five files — make one check)."""
        if now:
            self._review_timer.start(0)
        else:
            self._review_timer.start()

    def request(self, out: Path | None = None) -> PackRequest:
        """The same request the CLI builds from its arguments."""
        assert self.plan_path is not None
        tracker_files = self.files.of_kind(FileKind.TRACKER)
        return PackRequest(
            definitions=self.plan_path, returns=self.files.of_kind(FileKind.RETURN), out=out,
            period=self.period or None, db=self.db, meeting_date=self.meeting_field.text().strip(),
            marking=self.marking_combo.currentText().strip() or "OFFICIAL", password=self.password,
            title=self.title_field.text().strip() or DEFAULT_TITLE,
            crime_files=self.files.of_kind(FileKind.CRIME), force=self.force_field.text().strip() or None,
            tracker_files=tracker_files, include_tracker=self.tracker_check.isChecked() or bool(tracker_files))

    def _in_process(self, request: PackRequest) -> bool:
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
        for f in self.files.files:
            if f.state is not FileState.WAITING:
                f.state = FileState.READING
        self._refresh_files()
        self._start(Job(review_inputs, request, in_process=self._in_process(request), name="review"),
                    self._reviewed, self._review_failed, "Checking")

    def _reviewed(self, review: Review) -> None:
        self.review = review
        result = review.result
        self.review_panel.reporting_period = result.period
        problems = self.plan_problems + review.problems
        if not result.readings:  # before any return is in, "no figure was received" for every indicator is noise
            problems = [p for p in problems if p.code != "indicator-no-value"]
        self.indicators.set_results(result.results, problems)
        self.problems.set_problems(problems)
        wording = {i.ref: i.wording for i in result.plan.indicators}
        self.suggestions.set_items([SuggestionItem(r.path, s) for r in result.readings for s in r.suggestions], wording)
        if result.period and not self.period:
            self.period_combo.setCurrentText(result.period)
        self._update_file_states(review)
        self._update_counts()
        self.settings.add_recent_period(result.period)
        self.reviewed.emit(review)
        self._ask_password_if_needed(problems)

    def _review_failed(self, failure: JobFailure) -> None:
        self.review = None
        problem = Problem(failure.code, Severity.ERROR, failure.message, failure.location)
        self.problems.set_problems(self.plan_problems + (failure.problems or [problem]))
        self.indicators.set_results([])
        for f in self.files.files:
            if f.state is FileState.READING:
                f.state = FileState.PROBLEMS
        self._refresh_files()
        self.counts_label.setText("")
        if failure.code == "period-missing":
            self.tell("Choose the reporting period at the top (e.g. 2015-16 Q1); the returns do not say it.")
        elif failure.code in PASSWORD_CODES:
            self.tell(f"{failure.location.file or 'A workbook'} is protected with a password: give it, or remove "
                      "the file from the list (Review ▸ Check again asks again).")
        else:
            self.tell(failure.message)
        self.failed.emit(failure)
        if failure.code in PASSWORD_CODES:
            self._ask_password_if_needed([problem])

    def _update_file_states(self, review: Review) -> None:
        read = {r.path.name for r in review.result.readings}
        by_file: dict[str, list[Problem]] = {}
        for p in review.problems:
            by_file.setdefault(p.location.file, []).append(p)
        for f in self.files.files:
            if f.state is FileState.WAITING:
                continue
            mine = [p for p in by_file.get(f.path.name, []) if p.severity is not Severity.INFO]
            if f.kind is FileKind.RETURN and f.path.name not in read:
                f.state = FileState.UNREADABLE
            elif any(p.severity is Severity.ERROR for p in mine) or mine:
                f.state = FileState.PROBLEMS
            elif f.state is not FileState.DONE:
                f.state = FileState.MATCHED
            f.detail = "\n".join(p.message for p in mine[:5])
        self._refresh_files()

    def _refresh_files(self) -> None:
        self._updating_states = True
        try:
            for row in range(self.files.rowCount()):
                self.files.refresh(row)
        finally:
            self._updating_states = False

    def _update_counts(self) -> None:
        if self.review is None:
            self.counts_label.setText("")
            return
        counts = {s: 0 for s in Status}
        for r in self.review.result.results:
            if not r.is_heading:
                counts[r.status] += 1
        errors = sum(1 for p in self.review.problems if p.severity is Severity.ERROR)
        warnings = sum(1 for p in self.review.problems if p.severity is Severity.WARNING)
        shown = ", ".join(f"{n} {status_text(s)}" for s, n in counts.items() if n)
        self.counts_label.setText(f"{self.review.result.period}: {shown}; {errors} error(s), {warnings} warning(s)")
        self.tabs.setTabText(1, f"&Problems ({errors + warnings})")

    def _ask_password_if_needed(self, problems: list[Problem]) -> None:
        locked = [p for p in problems if p.code in PASSWORD_CODES
                  and (p.code == "wrong-password" or p.location.file not in self._asked_password_for)]
        if not locked or not self.interactive:
            return
        name = locked[0].location.file
        self._asked_password_for.add(name)
        password = dialogs.ask_password(self, name, wrong=locked[0].code == "wrong-password")
        if password:
            self.password = password
            self.schedule_review(now=True)

    def check_again(self) -> None:
        """F5: read everything again, and ask again for passwords that were not given."""
        self._asked_password_for.clear()
        self.run_review()

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search_field.setFocus()
        self.search_field.selectAll()

    # --- selection: detail and history ------------------------------------------------------------------------------
    def selected_result(self) -> IndicatorResult | None:
        return self.review_panel.selected_result()

    def select_ref(self, ref: str) -> bool:
        return self.review_panel.select_ref(ref)

    # --- problems and suggestions -----------------------------------------------------------------------------------
    def open_problem_source(self, index: QModelIndex) -> None:
        problem = self.problems.data(index, RECORD_ROLE)
        if not isinstance(problem, Problem) or not problem.location.file:
            return
        path = self._path_of(problem.location)
        if path is None:
            self.tell(f"{problem.location.file} is not in the list of files.")
            return
        self.tell(f"Opening {path.name}; look at {problem.location.sheet_cell or 'the file'}.")
        self.open_file(path)

    def _path_of(self, location: Location) -> Path | None:
        if self.plan_path is not None and self.plan_path.name == location.file:
            return self.plan_path
        return next((f.path for f in self.files.files if f.path.name == location.file), None)

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
            likely = [item.suggestion.ref, *getattr(item.suggestion, "alternatives", ())]
            ref = dialogs.ask_indicator(self, self.plan.indicators, item.suggestion.label, item.chosen_ref, likely)
            if ref is None:
                return
        chosen = None if decision is Decision.REJECTED else (ref or item.suggestion.ref)
        reading = self._reading_of(item)
        if reading is None or self.review is None:
            return
        from pccdesk.ui.match_decisions import save_decision

        try:
            save_decision(self.db, reading, item.suggestion, self.review.result.plan, chosen)
        except PccdeskError as exc:
            self.show_failure("The decision was not saved", JobFailure.from_error(exc))
            return
        except sqlite3.Error as exc:  # locked by a colleague, or unreachable: say so plainly
            self.show_failure("The decision was not saved", JobFailure(
                f"The history database is busy or cannot be reached, so the decision was not saved ({exc}). "
                "Try again in a moment.", str(exc)))
            return
        item.decision = decision
        item.ref = chosen or ""
        self.suggestions.refresh(row)
        what = {Decision.ACCEPTED: f"matched to {chosen}", Decision.CHANGED: f"matched to {chosen}",
                Decision.REJECTED: "not an indicator"}[decision]
        self.tell(f'"{item.suggestion.label}" {what}; remembered for this layout of return. Checking again.')
        self.schedule_review(now=True)

    def _reading_of(self, item: SuggestionItem) -> ReturnReading | None:
        if self.review is not None:
            for reading in self.review.result.readings:
                if reading.path == item.file and item.suggestion in reading.suggestions:
                    return reading
        return None

    # --- jobs -------------------------------------------------------------------------------------------------------
    def _start(self, job: Job, on_done: Any, on_failed: Any, what: str) -> None:
        if self.job is not None and job.name == "load plan":
            self.job.cancel()
        self.job = job
        self._jobs.append(job)
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(lambda result: self._job_ended(job, on_done, result))
        job.signals.failed.connect(lambda failure: self._job_ended(job, on_failed, failure))
        job.signals.cancelled.connect(lambda: self._job_ended(job, None, None))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.statusBar().showMessage(f"{what}…")
        job.start()

    def _progress(self, message: str, fraction: float) -> None:
        self.progress.setValue(int(fraction * 100))
        self.statusBar().showMessage(message)

    def _job_ended(self, job: Job, handler: Any, value: Any) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        if self.job is job:
            self.job = None
            self.progress.hide()
            self.cancel_button.hide()
            self.statusBar().clearMessage()
        if handler is not None and not job.cancel_requested:
            handler(value)
        elif handler is None and self._user_cancelled:
            self.tell("Stopped; nothing was written.")
        if self.job is None:
            self._user_cancelled = False
        if self._rerun and self.job is None:
            self._rerun = False
            self.schedule_review(now=True)

    _user_cancelled = False

    def cancel_job(self) -> None:
        if self.job is not None:
            self._user_cancelled = True
            self._rerun = False
            self.job.cancel()
            self.tell("Stopping…")

    @property
    def busy(self) -> bool:
        return self.job is not None

    # --- build ------------------------------------------------------------------------------------------------------
    def default_pack_path(self) -> Path:
        return self.settings.last_folder() / f"Panel pack {self.period or 'draft'}.xlsx"

    def choose_pack_path(self) -> None:
        if not self._ready_to_build():
            return
        name, _ = QFileDialog.getSaveFileName(self, "Save the panel pack", str(self.default_pack_path()),
                                              "Excel workbook (*.xlsx)")
        if name:
            path = Path(name)
            if path.suffix.lower() != ".xlsx":
                path = path.with_suffix(".xlsx")
            self.build_to(path)

    def _ready_to_build(self) -> bool:
        if self.plan_path is None or self.plan is None:
            self.tell("Choose the plan first (File ▸ Open plan…).")
            return False
        if not self.period:
            self.tell("Choose the reporting period at the top first.")
            return False
        return True

    def build_to(self, path: Path) -> None:
        """Build the pack to ``path`` in a worker; a file open in Excel is caught before any work."""
        if not self._ready_to_build():
            return
        from pccdesk.writers.safe_output import excel_owner

        who = excel_owner(path)
        if who is not None:
            self._locked(path, who)
            return
        if self.job is not None:
            self._rerun = False
            self.job.cancel()
        self.settings.set_path("last_folder", path.parent)
        self._save()
        request = self.without_missing_sections(self.request(out=path))
        self.build_button.setEnabled(False)
        self.build_action.setEnabled(False)
        self._start(Job(build_pack, request, in_process=self._in_process(request), name="build", stoppable=False),
                    self._built, self._build_failed, "Building the pack")

    def without_missing_sections(self, request: PackRequest) -> PackRequest:
        """Crime and tracker sections this version cannot write yet are left out, and the user is told so."""
        if request.crime_files and not section_available("pccdesk.crime.pack_section"):
            self.tell("Recorded crime cannot be added to the pack by this version of pccdesk yet: "
                      "the pack is built without it.")
            request = dataclasses.replace(request, crime_files=[])
        if (request.tracker_files or request.include_tracker) and not section_available("pccdesk.tracker.pack_section"):
            self.tell("The inspections tracker cannot be added to the pack by this version of pccdesk yet: "
                      "the pack is built without it.")
            request = dataclasses.replace(request, tracker_files=[], include_tracker=False)
        return request

    def _built(self, result: PackResult) -> None:
        self._enable_build()
        self.last_pack = result.out
        for f in self.files.files:
            if f.state in (FileState.MATCHED, FileState.PROBLEMS):
                f.state = FileState.DONE
        self._refresh_files()
        self.review = Review(result)
        self.review_panel.reporting_period = result.period
        self.indicators.set_results(result.results, self.plan_problems + result.problems)
        self.problems.set_problems(self.plan_problems + result.problems)
        self._update_counts()
        self.tell(f"Pack saved: {result.out}")
        if result.sections and any("racker" in getattr(sec, "title", "") for sec in result.sections):
            self._reload_tracker()  # the build may have imported tracker files
        self.packBuilt.emit(result)
        if self.interactive and result.out is not None:
            box, open_button, folder_button = dialogs.built_box(self, result.out, self.counts_label.text())
            box.exec()
            if box.clickedButton() is open_button:
                self.open_file(result.out)
            elif box.clickedButton() is folder_button:
                show_in_folder(result.out)

    def _build_failed(self, failure: JobFailure) -> None:
        self._enable_build()
        self.failed.emit(failure)
        if failure.code == "output-locked":
            self._locked(Path(failure.path) if failure.path else self.default_pack_path(), "")
            return
        self.show_failure("The pack was not built", failure)

    def _enable_build(self) -> None:
        self.build_button.setEnabled(True)
        self.build_action.setEnabled(True)
        if self.job is None and not self._jobs:
            self.progress.hide()

    def _locked(self, path: Path, who: str) -> None:
        by = f" by {who}" if who else ""
        self.tell(f"{path.name} is open{by} (in Excel?): close it, or save under another name.")
        if self.interactive and dialogs.ask_save_elsewhere(self, path, who):
            name, _ = QFileDialog.getSaveFileName(self, "Save the panel pack under another name",
                                                  str(path.with_name(path.stem + " (2).xlsx")),
                                                  "Excel workbook (*.xlsx)")
            if name:
                self.build_to(Path(name))

    # --- templates and tools ----------------------------------------------------------------------------------------
    def new_return_template(self) -> None:
        if self.plan is None or not self._ready_to_build():
            return
        name, _ = QFileDialog.getSaveFileName(self, "Save the return template for the force",
                                              str(self.settings.last_folder() / f"Return {self.period}.xlsx"),
                                              "Excel workbook (*.xlsx)")
        if name:
            self.write_return_template(Path(name))

    def write_return_template(self, path: Path) -> Path | None:
        from pccdesk.indicators.plan_templates import write_return_template

        assert self.plan is not None
        return self._quick(lambda: write_return_template(path, self.plan, self.period),  # type: ignore[arg-type]
                           f"Return template saved: {path}")

    def new_plan(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Save a blank plan (indicator definitions)",
                                              str(self.settings.last_folder() / "Indicator definitions.xlsx"),
                                              "Excel workbook (*.xlsx)")
        if name:
            self.write_blank_plan(Path(name))

    def write_blank_plan(self, path: Path) -> Path | None:
        from pccdesk.indicators.plan_templates import write_definitions_workbook

        written = self._quick(lambda: write_definitions_workbook(path), f"Blank plan saved: {path}. Fill it in "
                              "Excel, then open it here with File ▸ Open plan.")
        if written is not None:
            self.open_file(written)
        return written

    def _quick(self, fn: Any, done: str) -> Any:
        """Small writes (a template of a few dozen rows, a database copy) run here: they take milliseconds.
        ``done`` is the message; when empty, what ``fn`` returned is."""
        try:
            out = fn()
        except PccdeskError as exc:
            self.show_failure("Not saved", JobFailure.from_error(exc))
            return None
        self.tell(done or str(out))
        return out

    def check_database(self) -> None:
        """``pccdesk db check`` (read-only), in the background: a database on a share can be slow."""
        self._side_job(db_task, ("check", self.db, None), self._database_checked, "The history database cannot be checked")

    def _database_checked(self, outcome: tuple[bool, str]) -> None:
        sound, said = outcome
        message = said.splitlines()[-1] if said else ""
        if not sound:
            message = (f"The history database {self.db} FAILED its check: restore the latest backup. "
                       "Details: " + "; ".join(said.splitlines()[:3]))
        self._tool_done(message)

    def backup_database(self) -> None:
        stamp = dt.datetime.now().strftime("%Y-%m-%d")
        name, _ = QFileDialog.getSaveFileName(self, "Save a copy of the history database",
                                              str(self.settings.last_folder() / f"pccdesk-history-{stamp}.sqlite"),
                                              "SQLite database (*.sqlite)")
        if name:
            self.backup_database_to(Path(name))

    def backup_database_to(self, target: Path) -> None:
        """``pccdesk db backup``: a consistent, checked copy."""
        self._side_job(db_task, ("backup", self.db, target), self._tool_done, "The backup was not made")

    def export_database(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export every stored figure",
                                              str(self.settings.last_folder() / "pccdesk-figures.csv"),
                                              "CSV file (*.csv)")
        if name:
            self.export_database_to(Path(name))

    def export_database_to(self, target: Path) -> None:
        """``pccdesk db export``: every stored figure to a CSV."""
        self._side_job(db_task, ("export", self.db, target), self._tool_done, "The figures were not exported")

    def _side_job(self, fn: Any, payload: Any, on_done: Any, failed_title: str) -> None:
        """A short task beside the review (database tools): its own worker, no progress bar."""
        job = Job(fn, payload, name="tool")
        self._side_jobs.append(job)

        def finished(value: Any) -> None:
            self._side_jobs.remove(job)
            on_done(value)

        def failed(failure: JobFailure) -> None:
            self._side_jobs.remove(job)
            self.show_failure(failed_title, failure)
            self.toolFinished.emit(failure.message)

        job.signals.finished.connect(finished)
        job.signals.failed.connect(failed)
        job.start()

    def _tool_done(self, message: str) -> None:
        self.tell(message)
        self.toolFinished.emit(message)
        if self.interactive:
            QMessageBox.information(self, "History database", message)

    def choose_database(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Use a history database", str(self.db.parent),
                                              "SQLite database (*.sqlite);;All files (*)")
        if name:
            self.db = Path(name)
            self.settings.set_path("db", self.db)
            self._reload_tracker()
            self.tell(f"Using the history database {self.db}")
            self.schedule_review(now=True)

    def open_user_guide(self) -> QDialog:
        """F1: the README's desktop-app guide in a window of its own (not modal, so both can be used)."""
        from pccdesk.ui.user_guide import guide_dialog

        self.guide = guide_dialog(self)
        self.guide.setModal(False)
        self.guide.show()
        return self.guide


def show_in_folder(path: Path) -> None:
    """Open the folder with the file selected (Explorer can; elsewhere the folder is opened)."""
    if sys.platform == "win32":
        subprocess.Popen(["explorer", f"/select,{path}"])  # noqa: S603,S607 - a fixed program and our own path
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def looks_like_plan(path: Path) -> bool:
    """A dropped file that is the plan rather than a return (only asked while no plan is chosen)."""
    name = path.stem.lower()
    return "return" not in name and ("plan" in name or "definition" in name)


def section_available(module: str) -> bool:
    """Whether this version has a pack section (crime, tracker), without importing it."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


__all__ = ["MainWindow", "quarters_around", "detail_html", "chart_points", "__version__"]
