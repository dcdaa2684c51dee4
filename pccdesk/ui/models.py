"""Table models over the core's records: indicator results, problems, suggestions and loaded files.

Views never own data: each model wraps a plain Python list the core produced,
and shows it with the same texts the pack prints (``display_value``,
``display_change``, the status word with its symbol and colour-blind-safe
fill).
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from pccdesk.indicators.assessment import IndicatorResult
from pccdesk.indicators.performance_sheets import DIRECTION_SYMBOLS, display_change, display_value
from pccdesk.indicators.return_rows import Suggestion
from pccdesk.indicators.status_rules import Status
from pccdesk.problems import Problem, Severity
from pccdesk.writers.pack_workbook import STATUS_FILLS, STATUS_SYMBOLS

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole
_STATUS_ORDER = {Status.RED: 0, Status.AMBER: 1, Status.GREEN: 2, Status.NO_TARGET: 3, Status.NO_DATA: 4}
_icons: dict[str, QIcon] = {}


def status_text(status: Status) -> str:
    """The status as the pack prints it: symbol and word (never colour alone)."""
    return f"{STATUS_SYMBOLS[status.value]} {status.value}"


def status_icon(status: Status) -> QIcon:
    """A small swatch of the status fill with its symbol, for the status column and the legend."""
    if status.value not in _icons:
        pix = QPixmap(16, 16)
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(STATUS_FILLS[status.value]))
        painter.setPen(QColor("#000000"))
        painter.drawEllipse(1, 1, 14, 14)
        painter.drawText(pix.rect(), Qt.AlignmentFlag.AlignCenter, STATUS_SYMBOLS[status.value])
        painter.end()
        _icons[status.value] = QIcon(pix)
    return _icons[status.value]


class IndicatorColumn(enum.IntEnum):
    REF = 0
    OBJECTIVE = 1
    INDICATOR = 2
    PREVIOUS = 3
    PREVIOUS_PERIOD = 4
    CURRENT = 5
    CURRENT_PERIOD = 6
    TARGET = 7
    STATUS = 8
    CHANGE = 9
    DIRECTION = 10
    SOURCE = 11


INDICATOR_HEADERS = ("Ref", "Objective", "Indicator", "Previous", "Previous period", "Current", "Current period",
                     "Target", "Status", "Change", "Direction", "Source cell")


def problem_refs(problems: Sequence[Problem], results: Sequence[IndicatorResult]) -> set[str]:
    """The refs that an error or warning is about: by the cell it points at, or by the ref it names."""
    cells: dict[tuple[str, str, str], str] = {}
    for r in results:
        if r.row is None:
            continue
        for loc in (r.row.location, r.row.current_location, r.row.previous_location):
            if loc.cell:
                cells[(loc.file, loc.sheet, loc.cell)] = r.ref
    refs = {r.ref for r in results}
    found: set[str] = set()
    for p in problems:
        if p.severity is Severity.INFO:
            continue
        loc = p.location
        hit = cells.get((loc.file, loc.sheet, loc.cell))
        if hit:
            found.add(hit)
            continue
        for word in re.findall(r"[A-Za-z]+\d+[a-z]?", p.message):
            if word in refs:
                found.add(word)
    return found


class IndicatorTableModel(QAbstractTableModel):
    """One row per indicator of the plan, in plan order (headings of grouped measures included, in italics)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.results: list[IndicatorResult] = []
        self._order: dict[str, int] = {}
        self.with_problems: set[str] = set()

    def set_results(self, results: Sequence[IndicatorResult], problems: Sequence[Problem] = ()) -> None:
        self.beginResetModel()
        self.results = list(results)
        self._order = {r.ref: i for i, r in enumerate(self.results)}
        self.with_problems = problem_refs(problems, self.results)
        self.endResetModel()

    def result_at(self, row: int) -> IndicatorResult:
        return self.results[row]

    def row_of(self, ref: str) -> int:
        return next((i for i, r in enumerate(self.results) if r.ref.lower() == ref.lower()), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.results)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(INDICATOR_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return INDICATOR_HEADERS[section]
        return None

    def text(self, r: IndicatorResult, column: int) -> str:
        col = IndicatorColumn(column)
        if col is IndicatorColumn.REF:
            return r.ref
        if col is IndicatorColumn.OBJECTIVE:
            return r.indicator.objective
        if col is IndicatorColumn.INDICATOR:
            return r.indicator.wording
        if r.is_heading:
            return ""
        if col is IndicatorColumn.PREVIOUS:
            return display_value(r.previous)
        if col is IndicatorColumn.PREVIOUS_PERIOD:
            return r.previous_period + (" (history)" if r.previous_from_history else "")
        if col is IndicatorColumn.CURRENT:
            return display_value(r.current)
        if col is IndicatorColumn.CURRENT_PERIOD:
            return r.current_period
        if col is IndicatorColumn.TARGET:
            return r.indicator.target_text
        if col is IndicatorColumn.STATUS:
            return status_text(r.status)
        if col is IndicatorColumn.CHANGE:
            return display_change(r)
        if col is IndicatorColumn.DIRECTION:
            return DIRECTION_SYMBOLS[r.change.direction]
        return str(r.source) if r.row else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.results[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == IndicatorColumn.INDICATOR:
                return r.indicator.wording
            if col == IndicatorColumn.STATUS and not r.is_heading:
                return f"{r.status.value}: target {r.indicator.target_text or 'none'} ({r.indicator.better.label})"
            return None
        if role == RECORD_ROLE:
            return r
        if role == SORT_ROLE:
            return self._sort_key(r, col)
        if col == IndicatorColumn.STATUS and not r.is_heading:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(STATUS_FILLS[r.status.value]))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#000000"))  # the fills are light in both palettes
            if role == Qt.ItemDataRole.DecorationRole:
                return status_icon(r.status)
        if role == Qt.ItemDataRole.FontRole and (r.is_heading or
                                                 (col == IndicatorColumn.STATUS and r.status in (Status.RED, Status.AMBER))):
            font = QFont()
            font.setItalic(r.is_heading)
            font.setBold(not r.is_heading)
            return font
        return None

    def _sort_key(self, r: IndicatorResult, col: int) -> Any:
        if col == IndicatorColumn.REF:
            return self._order.get(r.ref, 0)  # plan order (sort keys are plain numbers or texts for Qt)
        if col == IndicatorColumn.STATUS:
            return 9 if r.is_heading else _STATUS_ORDER[r.status]
        if col == IndicatorColumn.PREVIOUS:
            return _number(r.previous_value)
        if col == IndicatorColumn.CURRENT:
            return _number(r.current_value)
        if col == IndicatorColumn.TARGET:
            return _number(r.indicator.target)
        if col == IndicatorColumn.CHANGE:
            return _number(r.change.change)
        return self.text(r, col).lower()


def _number(value: float | None) -> float:
    return float("inf") if value is None else value


class IndicatorFilter(QSortFilterProxyModel):
    """Sort by any column; filter to "only Red", "only with problems" and a search text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.only_red = False
        self.only_problems = False
        self.search = ""
        self.setSortRole(SORT_ROLE)

    def _change(self, name: str, value: object) -> None:
        """Change one filter setting and re-filter (Qt 6.9+ wants begin/endFilterChange around the change)."""
        begin = getattr(self, "beginFilterChange", None)
        if begin is not None:
            begin()
            setattr(self, name, value)
            self.endFilterChange()
        else:
            setattr(self, name, value)
            self.invalidateFilter()

    def set_only_red(self, on: bool) -> None:
        self._change("only_red", on)

    def set_only_problems(self, on: bool) -> None:
        self._change("only_problems", on)

    def set_search(self, text: str) -> None:
        self._change("search", text.strip().lower())

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, IndicatorTableModel):
            return True
        r = model.result_at(source_row)
        if self.only_red and (r.is_heading or r.status is not Status.RED):
            return False
        if self.only_problems and r.ref not in model.with_problems:
            return False
        if self.search:
            haystack = " ".join(model.text(r, c) for c in range(len(INDICATOR_HEADERS))).lower()
            if self.search not in haystack:
                return False
        return True


SEVERITY_TEXT = {Severity.ERROR: "✖ Error", Severity.WARNING: "! Warning", Severity.INFO: "i Note"}
PROBLEM_HEADERS = ("Severity", "File", "Sheet!cell", "Message")


class ProblemTableModel(QAbstractTableModel):
    """The validation report: every problem with its severity and where it is."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.problems: list[Problem] = []

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self.beginResetModel()
        self.problems = sorted(problems, key=lambda p: (p.severity.rank, p.location.file, p.location.sheet))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PROBLEM_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return PROBLEM_HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self.problems[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (SEVERITY_TEXT[p.severity], p.location.file, p.location.sheet_cell, p.message)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return p.message
        if role == RECORD_ROLE:
            return p
        if role == SORT_ROLE:
            return (str(p.severity.rank), p.location.file, p.location.sheet_cell, p.message)[index.column()]
        if role == Qt.ItemDataRole.FontRole and p.severity is Severity.ERROR and index.column() == 0:
            font = QFont()
            font.setBold(True)
            return font
        return None


class Decision(enum.Enum):
    PENDING = "To decide"
    ACCEPTED = "Accepted"
    CHANGED = "Changed"
    REJECTED = "Rejected"


@dataclass
class SuggestionItem:
    """A suggested match and what the user decided about it."""

    file: Path
    suggestion: Suggestion
    decision: Decision = Decision.PENDING
    ref: str = ""

    @property
    def chosen_ref(self) -> str:
        return self.ref or self.suggestion.ref


SUGGESTION_HEADERS = ("Where", "The force wrote", "Looks like", "Score", "Decision")


class SuggestionTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[SuggestionItem] = []
        self.wording: dict[str, str] = {}

    def set_items(self, items: Sequence[SuggestionItem], wording: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.wording = dict(wording or {})
        self.endResetModel()

    def item(self, row: int) -> SuggestionItem:
        return self.items[row]

    def refresh(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(SUGGESTION_HEADERS) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SUGGESTION_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return SUGGESTION_HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        it = self.items[index.row()]
        s = it.suggestion
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            ref = it.chosen_ref
            looks = f"{ref} {self.wording.get(ref, '')}".strip()
            decision = it.decision.value if it.decision is not Decision.CHANGED else f"Changed to {it.ref}"
            return (str(s.location), s.label, looks, f"{s.score:.0%}", decision)[index.column()]
        if role == RECORD_ROLE:
            return it
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (1, 2):
            return self.data(index)
        return None


class FileKind(enum.Enum):
    RETURN = "Return"
    CRIME = "Crime"
    TRACKER = "Tracker"


class FileState(enum.Enum):
    WAITING = "Waiting (still changing)"
    READING = "Reading…"
    MATCHED = "Matched"
    PROBLEMS = "Problems"
    UNREADABLE = "Cannot be read"
    DONE = "In the pack"


@dataclass
class LoadedFile:
    path: Path
    kind: FileKind = FileKind.RETURN
    state: FileState = FileState.READING
    arrived: dt.datetime | None = None
    detail: str = ""
    from_inbox: bool = False


FILE_HEADERS = ("File", "Kind", "State", "Arrived")


#: Words in a file name (or a CSV's first line) that mark recorded-crime inputs: data.police.uk files are
#: named ``2018-12-merseyside-street.csv`` and start "Crime ID,Month,Reported by,…".
CRIME_NAME_WORDS = ("crime", "street", "outcomes", "offence")
CRIME_HEADER_WORDS = ("crime id", "crime type", "offence group", "offence code")


def guess_kind(path: Path) -> FileKind:
    """A first guess from the name (and a CSV's heading line); the user can change it in the list."""
    name = path.name.lower()
    if "tracker" in name or "recommendation" in name:
        return FileKind.TRACKER
    if "return" in name:
        return FileKind.RETURN
    if any(word in name for word in CRIME_NAME_WORDS):
        return FileKind.CRIME
    if path.suffix.lower() in (".csv", ".txt"):
        try:
            with path.open("rb") as handle:
                first = handle.readline(4096).decode("utf-8", "replace").lower()
        except OSError:
            return FileKind.RETURN
        if any(word in first for word in CRIME_HEADER_WORDS):
            return FileKind.CRIME
    return FileKind.RETURN


class FileListModel(QAbstractTableModel):
    """The files the user dropped, added or that arrived in the inbox folder, with their state."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.files: list[LoadedFile] = []

    def find(self, path: Path) -> int:
        target = _norm(path)
        return next((i for i, f in enumerate(self.files) if _norm(f.path) == target), -1)

    def add(self, item: LoadedFile) -> bool:
        """Add a file, or refresh an existing one; True when it is new."""
        row = self.find(item.path)
        if row >= 0:
            existing = self.files[row]
            existing.state = item.state
            existing.arrived = item.arrived or existing.arrived
            self.refresh(row)
            return False
        self.beginInsertRows(QModelIndex(), len(self.files), len(self.files))
        self.files.append(item)
        self.endInsertRows()
        return True

    def remove(self, rows: Sequence[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self.files):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.files[row]
                self.endRemoveRows()

    def refresh(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(FILE_HEADERS) - 1))

    def set_state(self, path: Path, state: FileState, detail: str = "") -> None:
        row = self.find(path)
        if row >= 0:
            self.files[row].state = state
            self.files[row].detail = detail
            self.refresh(row)

    def of_kind(self, kind: FileKind, *, ready_only: bool = True) -> list[Path]:
        return [f.path for f in self.files if f.kind is kind and not (ready_only and f.state is FileState.WAITING)]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.files)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FILE_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return FILE_HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == 1:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.isValid() and index.column() == 1 and role == Qt.ItemDataRole.EditRole:
            try:
                self.files[index.row()].kind = FileKind(value)
            except ValueError:
                return False
            self.refresh(index.row())
            return True
        return False

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f = self.files[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.EditRole):
            arrived = f.arrived.strftime("%d %b %H:%M") if f.arrived else ""
            return (f.path.name, f.kind.value, f.state.value, arrived)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{f.path}\n{f.detail}".strip()
        if role == RECORD_ROLE:
            return f
        return None


def _norm(path: Path) -> str:
    try:
        return os.path.normcase(str(Path(path).resolve()))
    except OSError:
        return os.path.normcase(str(path))
