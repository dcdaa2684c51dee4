"""The drop zone: drag spreadsheets here from Explorer, Outlook or the desktop.

Explorer and the desktop hand over file URLs. Outlook hands over attachments
as file URLs when they are dragged from an opened message or from the reading
pane's attachment strip into most applications; when it offers only its own
virtual-file format, the zone says to save the attachment first (in plain
English) rather than silently doing nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from pccdesk.ui.app_state import ACCEPTED_SUFFIXES

#: File types the app can read (returns, crime extracts, trackers).


def files_from_mime(mime: QMimeData) -> list[Path]:
    """The local files in a drag, in the order given; folders are opened one level deep."""
    found: list[Path] = []
    for url in mime.urls() if mime.hasUrls() else []:
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in ACCEPTED_SUFFIXES))
        else:
            found.append(path)
    return found


class DropZone(QFrame):
    """Emits ``filesDropped`` with the dropped paths; ``outlookWithoutFiles`` when Outlook gave none."""

    filesDropped = Signal(list)
    rejected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Sunken)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Drop zone for the force's spreadsheets")
        self.setAccessibleDescription("Drop returns, crime extracts or trackers here, or press Enter to add files")
        self.setMinimumHeight(80)
        layout = QVBoxLayout(self)
        self.label = QLabel("Drop the force's spreadsheets here\n(returns, crime extracts, trackers)")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self._normal_text = self.label.text()

    activated = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit()
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or _is_outlook(mime):
            event.acceptProposedAction()
            self.label.setText("Release to add these files")
            self.setFrameShadow(QFrame.Shadow.Raised)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._reset()
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._reset()
        self.handle_mime(event.mimeData())
        event.acceptProposedAction()

    def handle_mime(self, mime: QMimeData) -> list[Path]:
        """What a drop does (separate from the event so tests can call it with a QMimeData)."""
        paths = files_from_mime(mime)
        if paths:
            self.filesDropped.emit(paths)
        elif _is_outlook(mime):
            self.rejected.emit("Outlook did not hand over the attachment as a file. Save the attachment to a folder "
                               "(or to the inbox folder) first, then drop it from there.")
        else:
            self.rejected.emit("Only files can be dropped here.")
        return paths

    def _reset(self) -> None:
        self.label.setText(self._normal_text)
        self.setFrameShadow(QFrame.Shadow.Sunken)


def _is_outlook(mime: QMimeData) -> bool:
    return any("FileGroupDescriptor" in f for f in mime.formats())
