"""File ▸ New… and the Tools menu: return templates, a blank plan, and looking after the history database.

The templates are written by :mod:`pccdesk.indicators.plan_templates` (as
``pccdesk template`` writes them) and take milliseconds, so they run on the
spot. The database tools are :mod:`pccdesk.store.maintenance`'s (as ``pccdesk
db`` runs them) and run in a side job, because a database on a share can be
slow; their outcome is one sentence (:mod:`pccdesk.ui.db_tools`).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from pccdesk.problems import PccdeskError
from pccdesk.store.engines import DbLocation, describe, is_url, redact
from pccdesk.ui.history_corrections import RemoveReturnDialog, remove_stored_return, stored_returns
from pccdesk.ui.jobs import db_task
from pccdesk.ui.workers import Job, JobFailure


class ToolsMenu:
    """The actions behind File ▸ New… and Tools, for the main window ``w`` that owns this object (its
    settings, database, runner and messages; typed loosely so this module need not import the window's)."""

    def __init__(self, window: Any) -> None:
        self.w = window

    # --- templates ----------------------------------------------------------------------------------------------
    def new_return_template(self) -> None:
        w = self.w
        if not w.ready_to_build():
            return
        name, _ = QFileDialog.getSaveFileName(w, "Save the return template for the force",
                                              str(w.settings.output_folder() / f"Return {w.period}.xlsx"),
                                              "Excel workbook (*.xlsx)")
        if name:
            self.write_return_template(Path(name))

    def write_return_template(self, path: Path) -> Path | None:
        # xlsxwriter: imported here, not before the first paint
        from pccdesk.indicators.plan_templates import write_return_template

        plan = self.w.plan
        assert plan is not None
        return self._quick(lambda: write_return_template(path, plan, self.w.period), f"Return template saved: {path}")

    def new_plan(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self.w, "Save a blank plan (indicator definitions)",
                                              str(self.w.settings.output_folder() / "Indicator definitions.xlsx"),
                                              "Excel workbook (*.xlsx)")
        if name:
            self.write_blank_plan(Path(name))

    def write_blank_plan(self, path: Path) -> Path | None:
        # xlsxwriter: imported here, not before the first paint
        from pccdesk.indicators.plan_templates import write_definitions_workbook

        written = self._quick(lambda: write_definitions_workbook(path), f"Blank plan saved: {path}. Fill it in "
                              "Excel, then open it here with File ▸ Open plan.")
        if written is not None:
            self.w.open_file(written)
        return written

    def _quick(self, fn: Callable[[], Path], done: str) -> Path | None:
        """Small writes (a template of a few dozen rows) run here: they take milliseconds."""
        try:
            out = fn()
        except PccdeskError as exc:
            self.w.show_failure("Not saved", JobFailure.from_error(exc))
            return None
        self.w.tell(done)
        return out

    # --- the history database -----------------------------------------------------------------------------------
    def check_database(self) -> None:
        """``pccdesk db check`` (read-only)."""
        self._side_job(("check", self.w.db, None), "The history database cannot be checked")

    def backup_database(self) -> None:
        stamp = dt.datetime.now().strftime("%Y-%m-%d")
        name, _ = QFileDialog.getSaveFileName(self.w, "Save a copy of the history database",
                                              str(self.w.settings.output_folder() / f"pccdesk-history-{stamp}.sqlite"),
                                              "SQLite database (*.sqlite)")
        if name:
            self.backup_database_to(Path(name))

    def backup_database_to(self, target: Path) -> None:
        """``pccdesk db backup``: a consistent, checked copy."""
        self._side_job(("backup", self.w.db, target), "The backup was not made")

    def export_database(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self.w, "Export every stored figure",
                                              str(self.w.settings.output_folder() / "pccdesk-figures.csv"),
                                              "CSV file (*.csv)")
        if name:
            self.export_database_to(Path(name))

    def export_database_to(self, target: Path) -> None:
        """``pccdesk db export``: every stored figure to a CSV."""
        self._side_job(("export", self.w.db, target), "The figures were not exported")

    def _side_job(self, payload: tuple[str, Path, Path | None], failed_title: str) -> None:
        w = self.w

        def finished(message: Any) -> None:
            w.tell(str(message))
            w.toolFinished.emit(str(message))
            if w.interactive:
                QMessageBox.information(w, "History database", str(message))

        def failed(failure: JobFailure) -> None:
            w.show_failure(failed_title, failure)
            w.toolFinished.emit(failure.message)

        w.runner.start_side(Job(db_task, payload, name="tool"), finished, failed)

    def remove_stored_return(self) -> None:
        """Tools ▸ Remove a stored return…: choose one, say why, remove it with an audit record."""
        w = self.w
        try:
            imports = stored_returns(w.db)
        except (PccdeskError, sqlite3.Error) as exc:
            w.tell(f"The history database cannot be read ({exc}).")
            return
        if not imports:
            w.tell("There is no stored return in the history database.")
            return
        dialog = RemoveReturnDialog(imports, w)
        if dialog.exec() == QDialog.DialogCode.Accepted and (chosen := dialog.chosen()) is not None:
            self.remove_return(*chosen)

    def remove_return(self, import_id: int, reason: str) -> None:
        w = self.w
        try:
            done = remove_stored_return(w.db, import_id, reason)
        except (PccdeskError, sqlite3.Error) as exc:
            w.tell(f"The return was not removed: {exc}")
            return
        w.tell(f"{done.file_name} ({done.reporting_period}) removed from the history: {done.detail}. A record of "
               "the removal is kept.")
        w.reload_tracker()
        w.schedule_review(now=True)

    def choose_shared_database(self) -> None:
        """Tools ▸ Use a shared history database (server)…: the postgresql:// address the force's IT gave."""
        w = self.w
        current = w.db if is_url(w.db) else ""
        text, ok = QInputDialog.getText(
            w, "Use a shared history database",
            "The shared history's address, as the force's IT gave it\n(for example "
            "postgresql://your.name@db.force.local/pcc). Leave the password out: pccdesk reads it from your\n"
            "password file, and never shows one.", text=redact(current) if current else "")
        if ok:
            self.use_shared_database(text)

    def use_shared_database(self, address: str) -> bool:
        address = address.strip()
        if not is_url(address):
            self.w.tell("That is not the address of a database server: it starts with postgresql:// (for a file, "
                        "use Tools ▸ Use another history database…).")
            return False
        self.use_database(address)
        return True

    def choose_database(self) -> None:
        w = self.w
        start = w.db.parent if isinstance(w.db, Path) else w.settings.output_folder()
        name, _ = QFileDialog.getOpenFileName(w, "Use a history database", str(start),
                                              "SQLite database (*.sqlite);;All files (*)")
        if name:
            self.use_database(Path(name))

    def use_database(self, location: DbLocation) -> None:
        """Tools ▸ Use another history database (a file, or a shared one on a server): remembered, shown by the
        tracker tab, used by the review. A server's password is never shown."""
        w = self.w
        w.db = location
        w.settings.set_text("db", str(w.db))
        w.reload_tracker()
        w.tell(f"Using the history database {describe(w.db)}")
        w.schedule_review(now=True)
