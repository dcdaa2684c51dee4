"""Long work off the UI thread: reading, checking and writing run in a job with progress and cancel.

A :class:`Job` is a ``QRunnable`` on the global thread pool. It runs a plain
module-level function ``fn(payload, progress, cancelled)`` and reports back
through Qt signals, which Qt delivers to the window on the UI thread.

Small inputs run in the worker thread itself. Large ones (see
:data:`PROCESS_THRESHOLD_BYTES`) run in a separate process started by the
worker thread: the spreadsheet parser (python-calamine, in Rust) holds
Python's global lock while it parses a sheet, which on a 200,000-row workbook
stalls every other thread, the UI's included, for a quarter of a second at a
time (``bench/bench_ui_responsiveness.py`` measures it). In a separate process
the UI keeps painting whatever the parser does. Progress and cancel cross the
process boundary through a queue and an event; a cancelled job stops at its
next progress step, so an atomic write is never cut in the middle.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from pccdesk.problems import Location, PccdeskError, Problem, ProblemsFound
from pccdesk.ui.jobs import CancelCheck, Progress

log = logging.getLogger("pccdesk.ui")

JobFunction = Callable[[Any, Progress, CancelCheck], Any]

#: Inputs larger than this (in total) are read in a separate process so the UI never stalls.
PROCESS_THRESHOLD_BYTES = 1024 * 1024
#: Seconds a cancelled reading process is given to stop at its next step before it is ended.
STOP_GRACE_S = 2.0


@dataclass
class JobFailure:
    """Why a job could not finish, in plain English, with the technical details kept for "Copy details"."""

    message: str
    details: str = ""
    code: str = "unexpected"
    location: Location = field(default_factory=Location)
    problems: list[Problem] = field(default_factory=list)
    path: str = ""

    @classmethod
    def from_error(cls, exc: BaseException) -> JobFailure:
        if isinstance(exc, PccdeskError):
            problems = list(exc.problems) if isinstance(exc, ProblemsFound) else []
            path = str(getattr(exc, "path", "") or "")
            return cls(str(exc), "".join(traceback.format_exception(exc)), exc.code, exc.location, problems, path)
        return cls(f"Something went wrong that pccdesk did not expect ({type(exc).__name__}: {exc}). "
                   "Nothing was changed. Use \"Copy details\" and send them to whoever supports pccdesk.",
                   "".join(traceback.format_exception(exc)))


class JobSignals(QObject):
    progress = Signal(str, float)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class Job(QRunnable):
    """One piece of long work. Connect to ``signals`` before :meth:`start`."""

    def __init__(self, fn: JobFunction, payload: Any, *, in_process: bool = False, name: str = "",
                 stoppable: bool = True) -> None:
        """``stoppable``: a cancelled job in a process that has not stopped by itself after
        :data:`STOP_GRACE_S` is ended (never for jobs that write files: they stop at their next step)."""
        super().__init__()
        self.stoppable = stoppable
        self.setAutoDelete(False)
        self.fn = fn
        self.payload = payload
        self.in_process = in_process
        self.name = name or getattr(fn, "__name__", "job")
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def start(self, pool: QThreadPool | None = None) -> None:
        (pool or QThreadPool.globalInstance()).start(self)

    def run(self) -> None:
        try:
            if self.in_process:
                self._run_in_process()
            else:
                self._run_here()
        finally:
            self.done.set()

    def _run_here(self) -> None:
        from pccdesk.panel_pack import Cancelled

        try:
            result = self.fn(self.payload, self.signals.progress.emit, self._cancel.is_set)
        except Cancelled:
            self.signals.cancelled.emit()
        except PccdeskError as exc:
            self.signals.failed.emit(JobFailure.from_error(exc))
        except Exception as exc:  # the last resort: a plain message in the app, details in the log
            log.exception("job %s failed", self.name)
            self.signals.failed.emit(JobFailure.from_error(exc))
        else:
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)

    def _run_in_process(self) -> None:
        import multiprocessing  # only a large job needs it: not imported before the window's first paint

        context = multiprocessing.get_context("spawn")
        messages: Any = context.Queue()
        stop = context.Event()
        # not daemonic: the job's reads start pccdesk's limited reading process (readers.isolation) of their own
        process = context.Process(target=_child, args=(self.fn, self.payload, messages, stop), daemon=False)
        process.start()
        cancelled_at: float | None = None
        try:
            while True:
                if self._cancel.is_set():
                    stop.set()
                    cancelled_at = cancelled_at or time.monotonic()
                    if self.stoppable and time.monotonic() - cancelled_at > STOP_GRACE_S:
                        process.terminate()  # reading only: nothing is left half-written
                        self.signals.cancelled.emit()
                        return
                try:
                    message = messages.get(timeout=0.1)
                except queue.Empty:
                    if not process.is_alive() and messages.empty():
                        self.signals.failed.emit(JobFailure(
                            "The background reader stopped unexpectedly (out of memory?). Nothing was changed.",
                            f"exit code {process.exitcode}"))
                        return
                    continue
                kind = message[0]
                if kind == "progress":
                    self.signals.progress.emit(message[1], message[2])
                    continue
                if kind == "done":
                    self.signals.finished.emit(message[1])
                elif kind == "cancelled":
                    self.signals.cancelled.emit()
                else:
                    self.signals.failed.emit(message[1])
                return
        finally:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()


def _child(fn: JobFunction, payload: Any, messages: Any, stop: Any) -> None:
    """Runs in the separate process: the same function, its news sent back through ``messages``."""
    from pccdesk.panel_pack import Cancelled

    def progress(text: str, fraction: float) -> None:
        messages.put(("progress", text, fraction))

    try:
        result = fn(payload, progress, stop.is_set)
    except Cancelled:
        messages.put(("cancelled",))
    except Exception as exc:  # reported to the parent as a plain message; never a traceback on screen
        messages.put(("failed", JobFailure.from_error(exc)))
    else:
        messages.put(("done", result))


def total_size(paths: Sequence[Path | str]) -> int:
    size = 0
    for p in paths:
        try:
            size += Path(p).stat().st_size
        except OSError:
            continue
    return size


def wants_process(paths: Sequence[Path | str], threshold: int | None = None) -> bool:
    """Large inputs are read in a separate process (see the module docstring)."""
    limit = PROCESS_THRESHOLD_BYTES if threshold is None else threshold
    return total_size(paths) > limit
