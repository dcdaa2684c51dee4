"""The inbox folder: spreadsheets colleagues drop on the shared drive appear in the app by themselves.

``QFileSystemWatcher`` reports changes on local disks at once, but on network
drives (SMB) change notifications are often lost, so a periodic rescan backs
it up. A file is handed over only once it has stopped changing (same size and
modification time for ``settle_ms``), so a file still being copied, or saved
by Excel, is never read half-written. Excel's ``~$`` owner files and
temporary files are ignored.

Listing a folder on a share that has gone away can block for many seconds, so
the listing runs in a thread of its own (one at a time) and only the
bookkeeping runs on the UI thread.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QRunnable, QThreadPool, QTimer, Signal

from pccdesk.ui.app_state import ACCEPTED_SUFFIXES

Listing = list[tuple[str, int, float]]


@dataclass
class _Seen:
    size: int
    mtime: float
    arrived: dt.datetime
    stable_since: float | None = None
    handed_over: tuple[int, float] | None = None


def list_folder(folder: Path) -> Listing | None:
    """(path, size, modified) of every candidate file; None when the folder cannot be read just now."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return None
    found: Listing = []
    for entry in entries:
        name = entry.name
        if name.startswith(("~$", ".~", "~")) or Path(name).suffix.lower() not in ACCEPTED_SUFFIXES:
            continue
        try:
            if not entry.is_file():
                continue
            st = entry.stat()
        except OSError:
            continue
        found.append((entry.path, st.st_size, st.st_mtime))
    return found


class _ScanSignals(QObject):
    done = Signal(object, object)  # folder, Listing | None


class _Scan(QRunnable):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.setAutoDelete(False)  # kept by the watcher until its result is handled
        self.folder = folder
        self.signals = _ScanSignals()

    def run(self) -> None:
        self.signals.done.emit(self.folder, list_folder(self.folder))


class InboxWatcher(QObject):
    """Signals ``fileArrived(path, when)`` at once and ``fileReady(path, when)`` once the file is settled."""

    fileArrived = Signal(object, object)
    fileReady = Signal(object, object)

    def __init__(self, parent: QObject | None = None, *, settle_ms: int = 2000, rescan_ms: int = 30_000) -> None:
        super().__init__(parent)
        self.folder: Path | None = None
        self.settle_ms = settle_ms
        self._seen: dict[str, _Seen] = {}
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._scanning: _Scan | None = None
        self._again = False
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self.scan)
        self._rescan = QTimer(self)
        self._rescan.setInterval(rescan_ms)
        self._rescan.timeout.connect(self.scan)
        self._settle = QTimer(self)
        self._settle.setInterval(max(settle_ms // 2, 50))
        self._settle.timeout.connect(self._settle_tick)

    def set_timing(self, *, settle_ms: int, rescan_ms: int) -> None:
        """How long a file must stay unchanged, and how often the folder is looked at again."""
        self.settle_ms = settle_ms
        self._settle.setInterval(max(settle_ms // 2, 50))
        self._rescan.setInterval(rescan_ms)

    def watch(self, folder: Path | None) -> None:
        """Watch ``folder`` (None stops watching). Files already there count as arrived now."""
        paths = self._watcher.directories() + self._watcher.files()
        if paths:
            self._watcher.removePaths(paths)
        self._seen.clear()
        self.folder = Path(folder) if folder else None
        if self.folder is None or not self.folder.is_dir():
            self._rescan.stop()
            self._settle.stop()
            self.folder = None
            return
        self._watcher.addPath(str(self.folder))
        self._rescan.start()
        self.scan()

    def scan(self, *_: object) -> None:
        """Look at the folder again (in the background); overlapping requests make one more look."""
        if self.folder is None:
            return
        if self._scanning is not None:
            self._again = True
            return
        job = _Scan(self.folder)
        job.signals.done.connect(self._scanned)
        self._scanning = job
        self._pool.start(job)

    def _settle_tick(self) -> None:
        self.scan()

    def _scanned(self, folder: Path, listing: Listing | None) -> None:
        self._scanning = None
        if self._again:
            self._again = False
            self.scan()
        if folder != self.folder or listing is None:
            return  # another folder was chosen meanwhile, or the share is unreachable for now
        now = dt.datetime.now()
        clock = time.monotonic()
        present = {path for path, _, _ in listing}
        for gone in set(self._seen) - present:
            del self._seen[gone]  # deleted or moved away: if it comes back it is a new arrival
        for path, size, mtime in listing:
            seen = self._seen.get(path)
            if seen is None:
                self._seen[path] = _Seen(size, mtime, now, clock)
                self.fileArrived.emit(Path(path), now)
            elif (seen.size, seen.mtime) != (size, mtime):
                seen.size, seen.mtime, seen.stable_since = size, mtime, clock
                if seen.handed_over is not None:
                    seen.arrived = now
                    self.fileArrived.emit(Path(path), now)
        waiting = False
        for path, seen in self._seen.items():
            state = (seen.size, seen.mtime)
            if seen.handed_over == state:
                continue
            if seen.stable_since is not None and (clock - seen.stable_since) * 1000 >= self.settle_ms:
                seen.handed_over = state
                self.fileReady.emit(Path(path), seen.arrived)
            else:
                waiting = True
        # Look again soon only while a file is settling; otherwise the watcher and the rescan suffice.
        if waiting and not self._settle.isActive():
            self._settle.start()
        elif not waiting:
            self._settle.stop()
