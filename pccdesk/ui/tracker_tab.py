"""The app's "Tracker" tab: inspection findings and scrutiny actions, filtered, with a form to record progress.

Everything shown comes from the core (:class:`TrackerStore`, the derived RAG of
:func:`progress_rag`, the same ``RatedItem`` rows as the pack's Open items
sheet); the table model wraps that list and the view never owns data. The
form validates before it writes (a row chosen, something changed, no date in
the future, an update's text within limits) and every save goes to the history
store with the user and the time, as ``pccdesk tracker set`` does.

The database is opened only for the moment of a read or a save, with a short
busy timeout: a colleague importing on the shared drive makes the tab say so
rather than freeze.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pccdesk.problems import PccdeskError, ProblemsFound
from pccdesk.store.engines import DbLocation, as_location, default_db_path
from pccdesk.store.history_store import HistoryStore, current_user
from pccdesk.tracker.progress_rag import DEFAULT_AMBER_DAYS
from pccdesk.tracker.tracker_model import FindingStatus, Rag
from pccdesk.tracker.tracker_sheets import RatedItem, rag_text, rate_actions, rate_findings
from pccdesk.tracker.tracker_store import TrackerStore
from pccdesk.ui.record_model import RecordFilter, RecordTableModel
from pccdesk.writers.pack_style import STATUS_FILLS

TRACKER_HEADERS = ("Ref", "From", "Kind", "Item", "Owner", "Due", "Status", "RAG", "Why", "Last update",
                   "Changed by", "Changed at")
#: The columns in the order an officer reads them (the model keeps the register's order).
READING_ORDER = (0, 3, 6, 7, 5, 4)
MAX_UPDATE_CHARS = 2000
#: How long a save or a read waits for a colleague's import on the shared database.
BUSY_TIMEOUT_SECONDS = 2.0
#: SQLite's primary result codes for "a colleague is writing" (SQLITE_BUSY, SQLITE_LOCKED).
BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
_RAG_ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}


def _day(value: dt.date | None) -> str:
    return f"{value:%d %b %Y}" if value else ""


class TrackerTableModel(RecordTableModel[RatedItem]):
    """One row per finding or action, with its derived RAG."""

    headers = TRACKER_HEADERS

    @property
    def items(self) -> list[RatedItem]:
        return self.records

    def set_items(self, items: Sequence[RatedItem]) -> None:
        self.set_records(items)

    def item_at(self, row: int) -> RatedItem:
        return self.records[row]

    def row_of(self, ref: str) -> int:
        return next((i for i, item in enumerate(self.records) if item.ref == ref), -1)

    def text(self, item: RatedItem, column: int) -> str:
        return [item.ref, item.source, item.kind, item.text, item.owner, _day(item.due), item.status.value,
                rag_text(item.rag.rag), item.rag.reason, _day(item.last_update), item.changed_by,
                item.changed_at.replace("T", " ").replace("+00:00", " UTC")][column]

    def style(self, item: RatedItem, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and col in (3, 8):
            return item.text if col == 3 else item.latest_update or item.rag.reason
        if role == Qt.ItemDataRole.BackgroundRole and col == 7:
            return QBrush(QColor(STATUS_FILLS[item.rag.rag.value]))
        return None

    def sort_key(self, item: RatedItem, col: int) -> Any:
        if col == 5:
            return (item.due or dt.date.max).toordinal()
        if col == 7:
            return _RAG_ORDER[item.rag.rag]
        if col == 9:
            return (item.last_update or dt.date.min).toordinal()
        return self.text(item, col).lower()


class TrackerFilter(RecordFilter):
    """Filter by status (or "open" = not done), by RAG and by a search text over every column."""

    OPEN = "Open (not done)"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.status = ""
        self.rag = ""

    def set_status(self, status: str) -> None:
        self.change("status", status)

    def set_rag(self, rag: str) -> None:
        self.change("rag", rag)

    def accepts(self, model: RecordTableModel[Any], item: RatedItem) -> bool:
        if self.status == self.OPEN and item.status.is_done:
            return False
        if self.status and self.status != self.OPEN and item.status.value != self.status:
            return False
        return not (self.rag and item.rag.rag.value != self.rag)

    def haystack(self, model: RecordTableModel[Any], item: RatedItem) -> str:
        return super().haystack(model, item) + " " + item.latest_update


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class TrackerTab(QWidget):
    """The Tracker tab; give it the history database the window uses (``db``)."""

    saved = Signal(str)  # the reference of the item just saved
    message = Signal(str)

    def __init__(self, db: str | Path | None = None, *, today: dt.date | None = None,
                 amber_days: int = DEFAULT_AMBER_DAYS, user: str | None = None, parent: QWidget | None = None,
                 read: bool = True):
        super().__init__(parent)
        self.db: DbLocation = as_location(db) if db else default_db_path()
        self._today = today
        self.amber_days = amber_days
        self.user = user or current_user()
        self.last_message = ""
        self._shown_ref = ""  # the item in the form
        self._drafts: dict[str, str] = {}  # ref: progress update typed and not saved
        self.model = TrackerTableModel(self)
        self.proxy = TrackerFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        if read:  # the window reads the history when the tab is first shown, not when it builds it
            self.reload()

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # --- layout ----------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.status_filter = QComboBox()
        self.status_filter.addItems(["All statuses", TrackerFilter.OPEN, *(s.value for s in FindingStatus)])
        self.status_filter.setAccessibleName("Show items with status")
        self.status_filter.currentIndexChanged.connect(self._filter_status)
        self.rag_filter = QComboBox()
        self.rag_filter.addItems(["All RAG", *(r.value for r in (Rag.RED, Rag.AMBER, Rag.GREEN))])
        self.rag_filter.setAccessibleName("Show items with RAG")
        self.rag_filter.currentIndexChanged.connect(self._filter_rag)
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText("Search references, text, owners…")
        self.search_field.setAccessibleName("Search the tracker")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.textChanged.connect(self.proxy.set_search)
        self.import_button = QPushButton("Import re&gister…")
        self.import_button.clicked.connect(self._choose_import)
        self.export_button = QPushButton("E&xport register…")
        self.export_button.clicked.connect(self._choose_export)
        for w in (QLabel("Status:"), self.status_filter, QLabel("RAG:"), self.rag_filter):
            bar.addWidget(w)
        bar.addWidget(self.search_field, 1)
        bar.addWidget(self.import_button)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAccessibleName("Findings and actions")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((80, 160, 110, 300, 110, 90, 100, 80, 180, 90, 90, 130)):
            self.table.setColumnWidth(col, width)
        # what an officer reads first sits on the left, visible at the default size: ref, item, status, RAG, due
        for visual, col in enumerate(READING_ORDER):
            header.moveSection(header.visualIndex(col), visual)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        self.count_label = QLabel()
        layout.addWidget(self.count_label)

        form_box = QGroupBox("Update the selected item")
        form = QFormLayout(form_box)
        self.ref_label = QLabel("Choose a row above")
        self.ref_label.setWordWrap(True)
        self.status_field = QComboBox()
        self.status_field.addItems([s.value for s in FindingStatus])
        self.status_field.setAccessibleName("New status")
        self.status_field.currentIndexChanged.connect(self._status_changed)
        self.completed_field = QDateEdit()
        self.completed_field.setCalendarPopup(True)
        self.completed_field.setDisplayFormat("dd/MM/yyyy")
        self.completed_field.setAccessibleName("Completed on")
        self.update_date = QDateEdit()
        self.update_date.setCalendarPopup(True)
        self.update_date.setDisplayFormat("dd/MM/yyyy")
        self.update_date.setAccessibleName("Date of the progress update")
        self.update_text = QPlainTextEdit()
        self.update_text.setPlaceholderText("What has been done (optional)")
        self.update_text.setAccessibleName("Progress update")
        self.update_text.setMaximumHeight(70)
        self.save_button = QPushButton("&Save")
        self.save_button.clicked.connect(self.save)
        self.form_message = QLabel()
        self.form_message.setWordWrap(True)
        self.form_message.setAccessibleName("Form message")
        self.history_label = QLabel()
        self.history_label.setWordWrap(True)
        form.addRow("Item:", self.ref_label)
        form.addRow("Status:", self.status_field)
        form.addRow("Completed on:", self.completed_field)
        form.addRow("Update dated:", self.update_date)
        form.addRow("Progress update:", self.update_text)
        form.addRow(self.save_button, self.form_message)
        form.addRow("Last changed:", self.history_label)
        layout.addWidget(form_box)
        self._set_form_enabled(False)

    # --- data ------------------------------------------------------------------
    def set_db(self, db: DbLocation) -> None:
        """Use another history database (the window's "Use a history database…")."""
        self.db = as_location(db)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        """Read the tracker again (after an import, a save, or a pack build that imported a register)."""
        select = select or (self.selected.ref if self.selected else None)
        try:
            with HistoryStore(self.db, timeout=BUSY_TIMEOUT_SECONDS) as store:
                tracker = TrackerStore(store)
                items = [*rate_findings(tracker.findings(), self.today, self.amber_days),
                         *rate_actions(tracker.actions(), self.today, self.amber_days)]
        except PccdeskError as exc:
            self._tell(f"The tracker could not be read: {exc}")
            items = []
        self.model.set_items(items)
        self._update_count()
        if select:
            self.select_ref(select)

    def _update_count(self) -> None:
        shown = self.proxy.rowCount()
        red = sum(1 for i in self.model.items if i.rag.rag is Rag.RED and not i.status.is_done)
        self.count_label.setText(f"{shown} of {len(self.model.items)} items shown; {red} overdue")

    @property
    def selected(self) -> RatedItem | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.model.item_at(self.proxy.mapToSource(rows[0]).row())

    def select_ref(self, ref: str) -> bool:
        row = self.model.row_of(ref)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                           | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    # --- filters ---------------------------------------------------------------
    def _filter_status(self, index: int) -> None:
        self.proxy.set_status("" if index <= 0 else self.status_filter.itemText(index))
        self._update_count()

    def _filter_rag(self, index: int) -> None:
        self.proxy.set_rag("" if index <= 0 else self.rag_filter.itemText(index))
        self._update_count()

    # --- the form ----------------------------------------------------------------
    def _set_form_enabled(self, on: bool) -> None:
        for w in (self.status_field, self.update_date, self.update_text, self.save_button):
            w.setEnabled(on)
        self.completed_field.setEnabled(on and FindingStatus(self.status_field.currentText()).is_done)

    def _selection_changed(self, *_: Any) -> None:
        # A progress update typed and not saved is kept for its item (moving on by keyboard cleared it unseen)
        text = self.update_text.toPlainText()
        if self._shown_ref and text.strip():
            self._drafts[self._shown_ref] = text
        elif self._shown_ref:
            self._drafts.pop(self._shown_ref, None)
        item = self.selected
        self._shown_ref = item.ref if item is not None else ""
        self.form_message.clear()
        if item is None:
            self.ref_label.setText("Choose a row above")
            self.history_label.clear()
            self._set_form_enabled(False)
            return
        self.ref_label.setText(f"{item.ref} — {item.text[:160]}")
        self.status_field.setCurrentText(item.status.value)
        self.completed_field.setDate(_qdate(item.completed or self.today))
        self.update_date.setDate(_qdate(self.today))
        self.update_text.setPlainText(self._drafts.get(item.ref, ""))
        if item.ref in self._drafts:
            self.form_message.setText(f"The progress update on {item.ref} is not saved yet: press Save to keep it.")
        who = f"{item.changed_by}, {self.model.text(item, 11)}" if item.changed_by else ""
        self.history_label.setText(who)
        self._set_form_enabled(True)

    def _status_changed(self, *_: Any) -> None:
        self.completed_field.setEnabled(self.save_button.isEnabled()
                                        and FindingStatus(self.status_field.currentText()).is_done)

    def validate(self) -> str:
        """The first reason the form cannot be saved, in plain English; empty when it can."""
        item = self.selected
        if item is None:
            return "Choose a finding or action in the table first."
        status = FindingStatus(self.status_field.currentText())
        text = self.update_text.toPlainText().strip()
        if status is item.status and not text and not (
                status.is_done and item.completed and _pydate(self.completed_field.date()) != item.completed):
            return "Nothing to save: change the status or write a progress update."
        if len(text) > MAX_UPDATE_CHARS:
            return f"The progress update is {len(text):,} characters long; keep it under {MAX_UPDATE_CHARS:,}."
        if text and _pydate(self.update_date.date()) > self.today:
            return "The update's date is in the future."
        if status.is_done and _pydate(self.completed_field.date()) > self.today:
            return "The completion date is in the future."
        return ""

    def save(self) -> bool:
        """Validate, then write the status and/or the update with the user and the time; True if saved."""
        problem = self.validate()
        if problem:
            self.form_message.setText(problem)
            return False
        item = self.selected
        assert item is not None
        status = FindingStatus(self.status_field.currentText())
        text = self.update_text.toPlainText().strip()
        try:
            with HistoryStore(self.db, timeout=BUSY_TIMEOUT_SECONDS) as store:
                tracker = TrackerStore(store)
                if status is not item.status or status.is_done:
                    completed = _pydate(self.completed_field.date()) if status.is_done else None
                    tracker.set_status(item.ref, status, completed=completed, today=self.today, user=self.user)
                if text:
                    tracker.add_update(item.ref, _pydate(self.update_date.date()), text, user=self.user)
        except PccdeskError as exc:  # a busy history among them: the user's text stays in the form
            self.form_message.setText(f"Not saved: {exc}. Your text is still here.")
            return False
        except sqlite3.OperationalError as exc:  # "database is locked": keep the user's text and say so
            if exc.sqlite_errorcode & 0xFF not in BUSY_CODES:
                raise
            self.form_message.setText("Not saved: the history database is busy (a colleague importing?). "
                                      "Try again in a moment; your text is still here.")
            return False
        self._drafts.pop(item.ref, None)
        self.update_text.clear()  # saved: not a draft when the reload selects the item again
        self.reload(select=item.ref)
        self.form_message.setText(f"Saved {item.ref} as {self.user}.")
        self._tell(f"Tracker: {item.ref} saved")
        self.saved.emit(item.ref)
        return True

    # --- import / export ---------------------------------------------------------
    def import_files(self, paths: Sequence[Path]) -> bool:
        """Import register or grades workbooks (all or nothing) and show the result."""
        from pccdesk.tracker.pack_section import import_registers  # the readers: not before the first paint

        try:
            with HistoryStore(self.db, timeout=BUSY_TIMEOUT_SECONDS) as store:
                outcome, problems = import_registers(store, list(paths))
        except PccdeskError as exc:
            details = exc.problems if isinstance(exc, ProblemsFound) else []
            lines = [str(exc), *(str(p) for p in details[:8])]
            self._tell("Nothing imported: " + "\n".join(lines))
            return False
        notes = [str(p) for p in problems if p.severity.rank < 2]
        self._tell(f"Tracker: {outcome.added} added, {outcome.changed} changed"
                   + (f"; {len(notes)} warning(s): " + "; ".join(notes[:3]) if notes else ""))
        self.reload()
        return True

    def export_to(self, path: Path) -> bool:
        from pccdesk.tracker.register_export import write_register

        try:
            with HistoryStore(self.db, timeout=BUSY_TIMEOUT_SECONDS) as store:
                register = TrackerStore(store).register()
            write_register(register, path)
        except PccdeskError as exc:
            self._tell(f"Not exported: {exc}")
            return False
        self._tell(f"Register written: {path}")
        return True

    def _choose_import(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Import a tracker register or PEEL grades", str(Path.home()),
                                                "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv)")
        if names:
            self.import_files([Path(n) for n in names])

    def _choose_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export the tracker register",
                                              str(Path.home() / "Tracker register.xlsx"), "Excel workbook (*.xlsx)")
        if name:
            self.export_to(Path(name))

    def _tell(self, text: str) -> None:
        self.last_message = text
        self.message.emit(text)
