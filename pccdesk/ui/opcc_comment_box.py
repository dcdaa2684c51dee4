"""The OPCC's comment on the selected indicator for this quarter, written in the app and kept in the history.

The comment goes into the pack beside the force's figures (the library reads
it from the history store when it writes the pack); every earlier version
stays in the store with who wrote it and when
(:mod:`pccdesk.store.opcc_comments`), and the box says who wrote the current one.

Text typed and not yet saved is never thrown away: selecting another indicator
keeps it as a draft (shown again, marked "not saved", when the indicator is
selected again), a save that fails (the history busy in a colleague's hands,
or read-only) says so in the box itself and keeps the text, and closing the
window with drafts asks first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pccdesk.problems import PccdeskError

if TYPE_CHECKING:
    from pccdesk.store.engines import DbLocation
    from pccdesk.ui.main_window import MainWindow

#: Seconds a save waits for a history database another program is writing: the window does not answer while it
#: waits, so not the 30 s a batch run waits (the text is kept, and Save can be pressed again).
SAVE_TIMEOUT = 3.0


class CommentBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("OPCC comment for the pack", parent)
        layout = QVBoxLayout(self)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("OPCC comment on the selected indicator")
        self.editor.setAccessibleDescription("Printed in the pack beside the force's figures for this quarter")
        self.editor.setPlaceholderText("Select an indicator, then write the OPCC's comment for this quarter.")
        self.editor.setTabChangesFocus(True)
        self.editor.setMaximumHeight(90)
        layout.addWidget(self.editor)
        row = QHBoxLayout()
        self.who = QLabel("")
        self.who.setWordWrap(True)
        self.who.setAccessibleName("Who wrote the comment")
        self.save_button = QPushButton("&Save comment")
        self.save_button.setAccessibleName("Save the OPCC comment in the history")
        row.addWidget(self.who, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.setEnabled(False)


class OpccComments(QObject):
    """Loads the comment of the selected indicator and period; saves it on request."""

    def __init__(self, window: MainWindow, box: CommentBox) -> None:
        super().__init__(window)
        self.window, self.box = window, box
        self.ref = ""
        self.period = ""
        self.saved_text = ""  # the comment as it is in the history, to tell typed text from saved
        self.drafts: dict[tuple[str, str], str] = {}  # (ref, period): text typed and not saved
        box.save_button.clicked.connect(self.save)
        window.installEventFilter(self)
        window.review_view.selectionModel().selectionChanged.connect(lambda *_: self.load())
        window.reviewed.connect(lambda _review: self.load())

    def keep_draft(self) -> None:
        """The editor's text, when it differs from the saved comment, kept as the indicator's draft."""
        if not self.ref:
            return
        text = self.box.editor.toPlainText()
        if text != self.saved_text:
            if self.drafts.get((self.ref, self.period)) != text:
                self.window.tell(f"Your comment on {self.ref} for {self.period} is not saved yet: it is kept, "
                                 f"select {self.ref} again to save it.")
            self.drafts[(self.ref, self.period)] = text
        else:
            self.drafts.pop((self.ref, self.period), None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's name)
        """Closing the window with comments typed and not saved asks first (Cancel keeps the window open)."""
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.keep_draft()
            if self.drafts and self.window.interactive:
                refs = ", ".join(sorted({ref for ref, _period in self.drafts}))
                answer = QMessageBox.question(
                    self.window, "Comments not saved",
                    f"The OPCC comment on {refs} is not saved: closing now loses it.\n\nClose anyway?",
                    QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Cancel)
                if answer != QMessageBox.StandardButton.Close:
                    event.ignore()
                    return True
        return super().eventFilter(watched, event)

    def load(self) -> None:
        self.keep_draft()
        result = self.window.review_panel.selected_result()
        period = self.window.review.result.period if self.window.review is not None else ""
        if result is None or result.is_heading or not period:
            self.ref, self.period, self.saved_text = "", "", ""
            self.box.editor.setPlainText("")
            self.box.who.setText("")
            self.box.setEnabled(False)
            return
        self.ref, self.period = result.indicator.ref, period
        self.box.setEnabled(True)
        self.box.editor.setPlaceholderText(f"The OPCC's comment on {self.ref} for {period}, printed in the pack.")
        self.box.setTitle(f"OPCC comment on {self.ref} for {period}")
        history = self._history(self.window.db)
        current = history[-1] if history and not history[-1].replaced_at else None
        self.saved_text = current.comment if current else ""
        draft = self.drafts.get((self.ref, self.period))
        self.box.editor.setPlainText(self.saved_text if draft is None else draft)
        if draft is not None:
            self.box.who.setText("Not saved yet: press Save comment to keep it in the history and the pack.")
        elif current and current.comment:
            self.box.who.setText(f"Written by {current.written_by or 'unknown'} on {current.written_at[:10]}"
                                 f"{f' ({len(history) - 1} earlier version(s) kept)' if len(history) > 1 else ''}.")
        else:
            self.box.who.setText("No comment yet.")
        earlier = [f"{c.written_at[:16].replace('T', ' ')} {c.written_by or 'unknown'}: {c.comment or '(withdrawn)'}"
                   for c in history]
        self.box.who.setToolTip("Every version, oldest first:\n" + "\n".join(earlier) if earlier else "")

    def _history(self, db: DbLocation) -> list:  # type: ignore[type-arg]
        if isinstance(db, Path) and not db.exists():  # no history file yet: nothing to show, none created
            return []
        import sqlite3

        from pccdesk.store.history_store import HistoryStore  # the store: when an indicator is first selected
        from pccdesk.store.opcc_comments import comment_history

        try:
            with HistoryStore(db) as store:
                return comment_history(store, self.ref, self.period)
        except (sqlite3.Error, PccdeskError):
            return []

    def save(self) -> None:
        if not self.ref:
            return
        import sqlite3

        from pccdesk.store.history_store import HistoryStore
        from pccdesk.store.opcc_comments import save_comments

        text = self.box.editor.toPlainText()
        try:
            with HistoryStore(self.window.db, timeout=SAVE_TIMEOUT) as store:
                changed = save_comments(store, self.period, {self.ref: text})
        except (sqlite3.Error, PccdeskError) as exc:
            # said in the box, not only in the status bar (gone after 15 s), and the text stays to save again
            self.drafts[(self.ref, self.period)] = text
            message = (f"The comment on {self.ref} was not saved: the history database is busy or cannot be "
                       f"written ({exc}). Your text is kept: press Save comment again in a moment.")
            self.box.who.setText(message)
            self.window.tell(message)
            return
        self.drafts.pop((self.ref, self.period), None)
        self.saved_text = text
        self.window.tell(f"OPCC comment on {self.ref} for {self.period} saved; it will be in the pack."
                         if changed else "The comment has not changed.")
        self.load()
