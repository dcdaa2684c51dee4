"""File ▸ Build pack: ``pccdesk pack`` in a worker, with a pack open in Excel caught before any work.

A pack being written is never interrupted by a new file (the review waits);
when the output is open in Excel the user is offered another name instead of
an error, and after the build the pack can be opened or shown in its folder.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from pccdesk.ui import dialogs
from pccdesk.ui.jobs import build_pack
from pccdesk.ui.workers import Job, JobFailure
from pccdesk.writers.codes import OUTPUT_LOCKED
from pccdesk.writers.safe_output import excel_owner

if TYPE_CHECKING:  # the library itself is imported when it is first used, after the window's first paint
    from pccdesk.panel_pack import PackRequest, PackResult


class PackBuilder:
    """The build for the main window ``w`` that owns this object (typed loosely so this module need not
    import the window's)."""

    def __init__(self, window: Any) -> None:
        self.w = window

    def default_pack_path(self) -> Path:
        return Path(self.w.settings.output_folder()) / f"Panel pack {self.w.period or 'draft'}.xlsx"

    def choose_pack_path(self) -> None:
        w = self.w
        if not w.ready_to_build():
            return
        name, _ = QFileDialog.getSaveFileName(w, "Save the panel pack", str(self.default_pack_path()),
                                              "Excel workbook (*.xlsx)")
        if name:
            path = Path(name)
            self.build_to(path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx"))

    def build_to(self, path: Path) -> None:
        """Build the pack to ``path`` in a worker; a file open in Excel is caught before any work."""
        w = self.w
        if not w.ready_to_build():
            return
        who = excel_owner(path)
        if who is not None:
            self._locked(path, who)
            return
        w.stop_review()
        w.settings.set_path("output_folder", path.parent)
        w.save_settings()
        request = w.request(out=path)
        w.build_button.setEnabled(False)
        w.build_action.setEnabled(False)
        w.runner.start(Job(build_pack, request, in_process=w.in_process(request), name="build", stoppable=False),
                       lambda result: self._built(result, request), self._failed, "Building the pack")

    def _built(self, result: PackResult, request: PackRequest) -> None:
        w = self.w
        self._enable()
        w.show_results(result.results, w.state.built(result), result.period)
        w.tell(f"Pack saved: {result.out}")
        if request.tracker_files or request.include_tracker:
            w.reload_tracker()  # the build may have imported tracker files
        w.packBuilt.emit(result)
        if w.interactive and result.out is not None:
            box, open_button, folder_button = dialogs.built_box(w, result.out, w.counts_label.text())
            box.exec()
            if box.clickedButton() is open_button:
                w.open_file(result.out)
            elif box.clickedButton() is folder_button:
                show_in_folder(result.out)

    def _failed(self, failure: JobFailure) -> None:
        w = self.w
        self._enable()
        w.failed.emit(failure)
        if failure.code == OUTPUT_LOCKED:
            self._locked(Path(failure.path) if failure.path else self.default_pack_path(), "")
            return
        w.show_failure("The pack was not built", failure)

    def _enable(self) -> None:
        self.w.build_button.setEnabled(True)
        self.w.build_action.setEnabled(True)
        self.w.runner.build_finished()

    def _locked(self, path: Path, who: str) -> None:
        w = self.w
        by = f" by {who}" if who else ""
        w.tell(f"{path.name} is open{by} (in Excel?): close it, or save under another name.")
        if w.interactive and dialogs.ask_save_elsewhere(w, path, who):
            name, _ = QFileDialog.getSaveFileName(w, "Save the panel pack under another name",
                                                  str(path.with_name(path.stem + " (2).xlsx")),
                                                  "Excel workbook (*.xlsx)")
            if name:
                self.build_to(Path(name))


def show_in_folder(path: Path) -> None:
    """Open the folder with the file selected (Explorer can; elsewhere the folder is opened)."""
    if sys.platform == "win32":
        subprocess.Popen(["explorer", f"/select,{path}"])  # noqa: S603,S607 - a fixed program and our own path
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
