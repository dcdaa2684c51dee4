"""The plan: choose it, load it in a worker, ask for its password when it is protected, edit it in Excel.

A plan that cannot be used shows its bad cells under Problems; a protected
plan asks for its password (kept in the app state's read options, never saved)
and is read again with it, as ``pccdesk validate --password`` reads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog

from pccdesk.problems import Problem, Severity
from pccdesk.ui.app_state import ACCEPTED_SUFFIXES, PASSWORD_CODES
from pccdesk.ui.jobs import load_plan
from pccdesk.ui.workers import Job, JobFailure

if TYPE_CHECKING:
    from pccdesk.indicators.definitions import Plan

FILE_FILTER = "Spreadsheets (" + " ".join(f"*{s}" for s in ACCEPTED_SUFFIXES) + ");;All files (*)"


class PlanLoader:
    """The plan's actions for the main window ``w`` that owns this object (typed loosely so this module need
    not import the window's)."""

    def __init__(self, window: Any) -> None:
        self.w = window

    def choose_plan(self) -> None:
        w = self.w
        folder = w.plan_path.parent if w.plan_path else w.settings.last_folder()
        name, _ = QFileDialog.getOpenFileName(w, "Choose the plan's indicator definitions", str(folder), FILE_FILTER)
        if name:
            self.set_plan(Path(name))

    def set_plan(self, path: Path) -> None:
        """Load the plan in a worker; its load errors appear in the Problems tab with their cells."""
        w = self.w
        w.state.plan_path = path = Path(path)
        w.plan_field.setText(str(path))
        w.settings.set_path("plan", path)
        w.settings.set_path("last_folder", path.parent)
        w.runner.start(Job(load_plan, (path, w.state.read_options), name="load plan"), self._loaded, self._failed,
                       "Reading the plan")

    def reload_plan(self) -> None:
        """Read the plan again (after editing it in Excel), asking again for a password that was declined."""
        if self.w.plan_path is None:
            self.w.tell("Choose the plan first (File ▸ Open plan…).")
            return
        self.w.state.ask_passwords_again()
        self.set_plan(self.w.plan_path)

    def open_in_excel(self) -> None:
        w = self.w
        if w.plan_path is None:
            w.tell("Choose the plan first (File ▸ Open plan…).")
            return
        w.open_file(w.plan_path)
        w.tell("Edit the plan in Excel, save it, then choose Plan ▸ Reload plan (Ctrl+R).")

    def _loaded(self, plan: Plan) -> None:
        w = self.w
        w.state.plan_loaded(plan)
        w.tell(f"Plan loaded: {plan.name}, {len(plan.indicators)} indicators.")
        w.planLoaded.emit(plan)
        w.schedule_review(now=True)

    def _failed(self, failure: JobFailure) -> None:
        w = self.w
        problem = Problem(failure.code, Severity.ERROR, failure.message, failure.location)
        w.state.plan_failed(failure.problems or [problem])
        w.indicators.set_results([])
        w.problems.set_problems(w.state.plan_problems)
        w.suggestions.set_items([])
        w.tabs.setCurrentIndex(1)
        locked = failure.code in PASSWORD_CODES
        if locked:
            w.tell(f"The plan {failure.location.file} is protected with a password: give it, or choose another "
                   "plan (Plan ▸ Reload plan asks again).")
        else:
            w.tell(f"The plan cannot be used: {failure.message}. Fix the cells listed under Problems, then Reload.")
        w.failed.emit(failure)
        if locked and w.ask_password_if_needed([problem]) and w.plan_path is not None:
            self.set_plan(w.plan_path)
