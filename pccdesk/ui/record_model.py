"""One table model and one filter proxy for every table of the app.

Every table in the app shows a plain Python list of records the core made
(indicator results, problems, suggested matches, loaded files, tracker items),
one record a row. :class:`RecordTableModel` does the Qt bookkeeping once —
row and column counts, headers, resets, "this row changed", the record behind
a row — and a table only says what a cell shows (:meth:`~RecordTableModel.text`)
and, when it needs to, how it sorts or how it looks
(:meth:`~RecordTableModel.sort_key`, :meth:`~RecordTableModel.style`). The
model is napari's base item model (``_qt/containers/_base_item_model.py``)
cut to what tables need.

:class:`RecordFilter` sorts by :data:`SORT_ROLE` and filters by a search text
over every shown column plus whatever :meth:`~RecordFilter.accepts` says.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

Index = QModelIndex | QPersistentModelIndex
#: The record behind a row (any column).
RECORD_ROLE = Qt.ItemDataRole.UserRole
#: What a column sorts by: plain numbers or texts, so Qt can compare them.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)

R = TypeVar("R")


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """A table over a list of records; subclasses set ``headers`` and say what each cell shows."""

    headers: ClassVar[tuple[str, ...]] = ()

    def __init__(self, parent: Any = None, records: list[R] | None = None) -> None:
        super().__init__(parent)
        self.records: list[R] = records if records is not None else []

    # --- what a table says -------------------------------------------------------------------------------------
    def text(self, record: R, column: int) -> str:
        raise NotImplementedError

    def sort_key(self, record: R, column: int) -> Any:
        return self.text(record, column).lower()

    def style(self, record: R, column: int, role: int) -> Any:
        """Any other role (tooltip, colours, font, icon); None by default."""
        return None

    # --- the list ----------------------------------------------------------------------------------------------
    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def record(self, row: int) -> R:
        return self.records[row]

    def refresh(self, row: int | None = None) -> None:
        """Tell the views that a row (or every row) changed in place."""
        if not self.records:
            return
        first, last = (0, len(self.records) - 1) if row is None else (row, row)
        self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    # --- Qt's side ---------------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.records[index.row()]
        if role in _TEXT_ROLES:
            return self.text(record, index.column())
        if role == RECORD_ROLE:
            return record
        if role == SORT_ROLE:
            return self.sort_key(record, index.column())
        return self.style(record, index.column(), role)


class RecordFilter(QSortFilterProxyModel):
    """Sort by :data:`SORT_ROLE`; keep the rows :meth:`accepts` lets through that contain the search text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.search = ""
        self.setSortRole(SORT_ROLE)

    def accepts(self, model: RecordTableModel[Any], record: Any) -> bool:
        """The filters other than the search (subclasses)."""
        return True

    def haystack(self, model: RecordTableModel[Any], record: Any) -> str:
        """The text the search looks in: every column as shown."""
        return " ".join(model.text(record, c) for c in range(model.columnCount()))

    def set_search(self, text: str) -> None:
        self.change("search", text.strip().lower())

    def change(self, name: str, value: object) -> None:
        """Change one filter setting and filter again (Qt 6.9 and later want begin/endFilterChange around the
        change; earlier versions, which pyproject.toml still allows, only have invalidateFilter)."""
        begin = getattr(self, "beginFilterChange", None)
        if begin is None:
            setattr(self, name, value)
            self.invalidateFilter()
            return
        begin()
        setattr(self, name, value)
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RecordTableModel):
            return True
        record = model.record(source_row)
        if not self.accepts(model, record):
            return False
        return not self.search or self.search in self.haystack(model, record).lower()
