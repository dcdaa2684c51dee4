"""The window's running work: one main job at a time (reading, checking, building) with a progress bar and
Cancel, and short side jobs beside it (the database tools) with neither.

A new plan replaces a plan still loading; everything else waits its turn (the
window asks again when the runner says it is idle). When the window closes,
every job is told to stop and nothing listens to it any more, because the
window may be gone before the worker finishes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressBar, QPushButton, QStatusBar

from pccdesk.ui.workers import Job, JobFailure

Handler = Callable[[Any], None]


class JobRunner(QObject):
    """``idle`` is emitted when the main job has ended (finished, failed or stopped); ``said`` carries a
    sentence for the user."""

    idle = Signal()
    said = Signal(str)

    def __init__(self, progress: QProgressBar, cancel_button: QPushButton, status: QStatusBar,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.progress, self.cancel_button, self.status = progress, cancel_button, status
        self.current: Job | None = None
        self.jobs: list[Job] = []
        self.side_jobs: list[Job] = []
        self.user_cancelled = False

    def start(self, job: Job, on_done: Handler, on_failed: Handler, what: str) -> None:
        if self.current is not None and job.name == "load plan":
            self.current.cancel()
        self.current = job
        self.jobs.append(job)
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(lambda result: self._ended(job, on_done, result))
        job.signals.failed.connect(lambda failure: self._ended(job, on_failed, failure))
        job.signals.cancelled.connect(lambda: self._ended(job, None, None))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.status.showMessage(f"{what}…")
        job.start()

    def start_side(self, job: Job, on_done: Handler, on_failed: Callable[[JobFailure], None]) -> None:
        """A short task beside the main one: its own worker, no progress bar, never cancelled by a review."""
        self.side_jobs.append(job)

        def finished(value: Any) -> None:
            self.side_jobs.remove(job)
            on_done(value)

        def failed(failure: JobFailure) -> None:
            self.side_jobs.remove(job)
            on_failed(failure)

        job.signals.finished.connect(finished)
        job.signals.failed.connect(failed)
        job.start()

    def _progress(self, message: str, fraction: float) -> None:
        self.progress.setValue(int(fraction * 100))
        self.status.showMessage(message)

    def _ended(self, job: Job, handler: Handler | None, value: Any) -> None:
        if job in self.jobs:
            self.jobs.remove(job)
        if self.current is job:
            self.current = None
            self.progress.hide()
            self.cancel_button.hide()
            self.status.clearMessage()
        if handler is not None and not job.cancel_requested:
            handler(value)
        elif handler is None and self.user_cancelled:
            self.said.emit("Stopped; nothing was written.")
        if self.current is None:
            self.user_cancelled = False
            self.idle.emit()

    def cancel(self) -> None:
        """The user's Cancel: stop the main job at its next step."""
        if self.current is not None:
            self.user_cancelled = True
            self.current.cancel()
            self.said.emit("Stopping…")

    def stop_all(self) -> None:
        """Stop every job and stop listening to them (the window is closing)."""
        for job in self.jobs + self.side_jobs:
            job.cancel()
            for signal in (job.signals.progress, job.signals.finished, job.signals.failed, job.signals.cancelled):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect()
        self.jobs.clear()
        self.side_jobs.clear()
        self.current = None

    def build_finished(self) -> None:
        """After a build, hide the bar unless other work is running."""
        if self.current is None and not self.jobs:
            self.progress.hide()
