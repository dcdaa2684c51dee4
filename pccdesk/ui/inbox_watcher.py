"""The inbox folder: spreadsheets colleagues drop on the shared drive appear in the app by themselves.

``QFileSystemWatcher`` reports changes on local disks at once, but on network
drives (SMB) change notifications are often lost, so a periodic rescan backs
it up. A file is handed over only once it has stopped changing (same size and
modification time on two looks ``settle_ms`` apart), so a file still being
copied, or saved by Excel, is never read half-written. Excel's ``~$`` owner
files and temporary files are ignored.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from pccdesk.ui.drop_zone import ACCEPTED_SUFFIXES


@dataclass
class _Seen:
    size: int
    mtime: float
    arrived: dt.datetime
    stable_since: float | None = None
    handed_over: tuple[int, float] | None = None


class InboxWatcher(QObject):
    """Signals ``fileArrived(path, when)`` at once and ``fileReady(path, when)`` once the file is settled."""

    fileArrived = Signal(object, object)
    fileReady = Signal(object, object)

    def __init__(self, parent: QObject | None = None, *, settle_ms: int = 2000, rescan_ms: int = 30_000) -> None:
        super().__init__(parent)
        self.folder: Path | None = None
        self.settle_ms = settle_ms
        self._seen: dict[str, _Seen] = {}
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._scan)
        self._watcher.fileChanged.connect(self._scan)
        self._rescan = QTimer(self)
        self._rescan.setInterval(rescan_ms)
        self._rescan.timeout.connect(self._scan)
        self._settle = QTimer(self)
        self._settle.setInterval(max(settle_ms // 2, 100))
        self._settle.timeout.connect(self._check_settled)
        self._clock = 0.0

    def set_timing(self, *, settle_ms: int, rescan_ms: int) -> None:
        """How long a file must stay unchanged, and how often the folder is looked at again."""
        self.settle_ms = settle_ms
        self._settle.setInterval(max(settle_ms // 2, 50))
        self._rescan.setInterval(rescan_ms)

    def watch(self, folder: Path | None) -> None:
        """Watch ``folder`` (None stops watching). Files already there count as arrived now."""
        for path in self._watcher.directories() + self._watcher.files():
            self._watcher.removePath(path)
        self._seen.clear()
        self.folder = Path(folder) if folder else None
        if self.folder is None or not self.folder.is_dir():
            self._rescan.stop()
            self._settle.stop()
            self.folder = None
            return
        self._watcher.addPath(str(self.folder))
        self._rescan.start()
        self._settle.start()
        self._scan()

    def _candidates(self) -> list[Path]:
        if self.folder is None:
            return []
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return []  # the share is unreachable for now; the next rescan tries again
        return [Path(e.path) for e in entries
                if e.is_file() and Path(e.name).suffix.lower() in ACCEPTED_SUFFIXES
                and not e.name.startswith(("~$", ".~", "~"))]

    def _scan(self, *_: object) -> None:
        now = dt.datetime.now()
        present = self._candidates()
        for gone in set(self._seen) - {str(p) for p in present}:
            del self._seen[gone]  # deleted or moved away: if it comes back it is a new arrival
        for path in present:
            try:
                st = path.stat()
            except OSError:
                continue
            key = str(path)
            seen = self._seen.get(key)
            if seen is None:
                self._seen[key] = _Seen(st.st_size, st.st_mtime, now)
                self.fileArrived.emit(path, now)
            elif (seen.size, seen.mtime) != (st.st_size, st.st_mtime):
                seen.size, seen.mtime, seen.stable_since = st.st_size, st.st_mtime, None
                if seen.handed_over is not None:
                    seen.arrived = now
                    self.fileArrived.emit(path, now)

    def _check_settled(self) -> None:
        """Hand over each file that has kept the same size and time for ``settle_ms``."""
        self._scan()
        self._clock += self._settle.interval()
        for key, seen in self._seen.items():
            state = (seen.size, seen.mtime)
            if seen.handed_over == state:
                continue
            if seen.stable_since is None:
                seen.stable_since = self._clock
                continue
            if self._clock - seen.stable_since >= self.settle_ms:
                seen.handed_over = state
                self.fileReady.emit(Path(key), seen.arrived)
