"""Tools ▸ Remove a stored return…: take a return out of the history when it was stored under the wrong quarter.

The officer picks the return from the list of those stored (quarter, file, when
and by whom, how many figures) and says why; the library removes it in one
transaction and keeps an audit record with the removed figures
(:func:`pccdesk.store.corrections.remove_import`), as ``pccdesk history
remove`` does.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pccdesk.store.corrections import Correction, StoredImport, remove_import, stored_imports
from pccdesk.store.engines import DbLocation
from pccdesk.store.history_store import HistoryStore


def stored_returns(db: DbLocation) -> list[StoredImport]:
    with HistoryStore(db) as store:
        return stored_imports(store)


def remove_stored_return(db: DbLocation, import_id: int, reason: str) -> Correction:
    with HistoryStore(db) as store:
        return remove_import(store, import_id, reason=reason)


def describe(item: StoredImport) -> str:
    when = item.imported_at[:16].replace("T", " ")
    return (f"{item.reporting_period} — {item.file_name} ({item.values} figures, stored {when}"
            f"{' by ' + item.user_name if item.user_name else ''})")


class RemoveReturnDialog(QDialog):
    """Choose a stored return and say why it goes; ``chosen()`` gives (import id, reason) after Remove."""

    def __init__(self, imports: list[StoredImport], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Remove a stored return")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("The returns in the history, oldest first. Choose the one stored under the wrong "
                                "quarter; its figures are removed and a record of the removal is kept."))
        self.list = QListWidget()
        self.list.setAccessibleName("Stored returns")
        for item in imports:
            row = QListWidgetItem(describe(item))
            row.setData(256, item.import_id)
            self.list.addItem(row)
        layout.addWidget(self.list)
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Why the return is removed")
        self.reason.setPlaceholderText("e.g. stored under the wrong quarter")
        form.addRow("&Why:", self.reason)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.remove_button = buttons.addButton("&Remove", QDialogButtonBox.ButtonRole.AcceptRole)
        self.remove_button.setAccessibleName("Remove the chosen return from the history")
        self.remove_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.reason.textChanged.connect(lambda _text: self._enable())
        self.resize(640, 360)

    def _enable(self) -> None:
        self.remove_button.setEnabled(self.list.currentItem() is not None and bool(self.reason.text().strip()))

    def chosen(self) -> tuple[int, str] | None:
        item = self.list.currentItem()
        if item is None or not self.reason.text().strip():
            return None
        return int(item.data(256)), self.reason.text().strip()
