"""The app's tables: indicator results, problems, suggested matches and loaded files.

Views never own data: each model is a :class:`~pccdesk.ui.record_model.RecordTableModel`
over a plain Python list the core produced (or, for the files, the list the
app state holds), and shows it with the same texts the pack prints
(``display_value``, ``display_change``, the status word with its symbol and
colour-blind-safe fill).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from pccdesk.problems import Problem, Severity
from pccdesk.ui.app_state import (
    Decision,
    FileKind,
    FileState,
    LoadedFile,
    SuggestionItem,
    guess_kind,
    plain_for_app,
    same_file,
)
from pccdesk.ui.record_model import RECORD_ROLE, SORT_ROLE, Index, RecordFilter, RecordTableModel
from pccdesk.writers.pack_style import STATUS_FILLS, STATUS_SYMBOLS

if TYPE_CHECKING:  # the figures' library is imported when the first review arrives, not before the first paint
    from pccdesk.indicators.assessment import IndicatorResult
    from pccdesk.indicators.status_rules import Status


def _status_rank(status: Status) -> int:
    """Red first, then Amber, Green, no target and no data (the order a reviewer reads in)."""
    from pccdesk.indicators.status_rules import Status

    return (Status.RED, Status.AMBER, Status.GREEN, Status.NO_TARGET, Status.NO_DATA).index(status)


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


def _pack_figures() -> ModuleType:
    """The pack's way of showing figures (:mod:`pccdesk.indicators.pack_figures`), the same in the app."""
    from pccdesk.indicators import pack_figures

    return pack_figures


class IndicatorTableModel(RecordTableModel["IndicatorResult"]):
    """One row per indicator of the plan, in plan order (headings of grouped measures included, in italics)."""

    headers = INDICATOR_HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._order: dict[str, int] = {}
        self.with_problems: set[str] = set()

    @property
    def results(self) -> list[IndicatorResult]:
        return self.records

    def set_results(self, results: Sequence[IndicatorResult], problems: Sequence[Problem] = ()) -> None:
        self._order = {r.ref: i for i, r in enumerate(results)}
        self.with_problems = problem_refs(problems, results)
        self.set_records(results)

    def result_at(self, row: int) -> IndicatorResult:
        return self.records[row]

    def row_of(self, ref: str) -> int:
        return next((i for i, r in enumerate(self.records) if r.ref.lower() == ref.lower()), -1)

    def text(self, r: IndicatorResult, column: int) -> str:
        col, figures = IndicatorColumn(column), _pack_figures()
        if col is IndicatorColumn.REF:
            return r.ref
        if col is IndicatorColumn.OBJECTIVE:
            return r.indicator.objective
        if col is IndicatorColumn.INDICATOR:
            return r.indicator.wording
        if r.is_heading:
            return ""
        if col is IndicatorColumn.PREVIOUS:
            return figures.display_value(r.previous)
        if col is IndicatorColumn.PREVIOUS_PERIOD:
            return r.previous_period + (" (history)" if r.previous_from_history else "")
        if col is IndicatorColumn.CURRENT:
            return figures.display_value(r.current)
        if col is IndicatorColumn.CURRENT_PERIOD:
            return r.current_period
        if col is IndicatorColumn.TARGET:
            return r.indicator.target_text
        if col is IndicatorColumn.STATUS:
            return status_text(r.status)
        if col is IndicatorColumn.CHANGE:
            return figures.display_change(r)
        if col is IndicatorColumn.DIRECTION:
            return figures.DIRECTION_SYMBOLS[r.change.direction]
        return str(r.source) if r.row else ""

    def style(self, r: IndicatorResult, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == IndicatorColumn.INDICATOR:
                return r.indicator.wording
            if col == IndicatorColumn.STATUS and not r.is_heading:
                return f"{r.status.value}: target {r.indicator.target_text or 'none'} ({r.indicator.better.label})"
            return None
        if col == IndicatorColumn.STATUS and not r.is_heading:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(STATUS_FILLS[r.status.value]))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#000000"))  # the fills are light in both palettes
            # one symbol only: the text carries it ("! Amber"), read by screen readers too; no icon beside it
        if role == Qt.ItemDataRole.FontRole and (r.is_heading or
                                                 (col == IndicatorColumn.STATUS and _status_rank(r.status) < 2)):
            font = QFont()
            font.setItalic(r.is_heading)
            font.setBold(not r.is_heading)
            return font
        return None

    def sort_key(self, r: IndicatorResult, col: int) -> Any:
        if col == IndicatorColumn.REF:
            return self._order.get(r.ref, 0)  # plan order (sort keys are plain numbers or texts for Qt)
        if col == IndicatorColumn.STATUS:
            return 9 if r.is_heading else _status_rank(r.status)
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


class IndicatorFilter(RecordFilter):
    """Sort by any column; filter to "only Red", "only with problems" and a search text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.only_red = False
        self.only_problems = False

    def set_only_red(self, on: bool) -> None:
        self.change("only_red", on)

    def set_only_problems(self, on: bool) -> None:
        self.change("only_problems", on)

    def accepts(self, model: RecordTableModel[Any], r: IndicatorResult) -> bool:
        if self.only_red and (r.is_heading or _status_rank(r.status) != 0):
            return False
        return not (self.only_problems and isinstance(model, IndicatorTableModel) and r.ref not in model.with_problems)


SEVERITY_TEXT = {Severity.ERROR: "✖ Error", Severity.WARNING: "! Warning", Severity.INFO: "i Note"}
PROBLEM_HEADERS = ("Severity", "File", "Sheet!cell", "Message")


class ProblemTableModel(RecordTableModel[Problem]):
    """The validation report: every problem with its severity and where it is."""

    headers = PROBLEM_HEADERS

    @property
    def problems(self) -> list[Problem]:
        return self.records

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self.set_records(sorted(problems, key=lambda p: (p.severity.rank, p.location.file, p.location.sheet)))

    def text(self, p: Problem, column: int) -> str:
        return (SEVERITY_TEXT[p.severity], p.location.file, p.location.sheet_cell, plain_for_app(p.message))[column]

    def sort_key(self, p: Problem, column: int) -> Any:
        return (str(p.severity.rank), p.location.file, p.location.sheet_cell, p.message)[column]

    def style(self, p: Problem, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return p.message
        if role == Qt.ItemDataRole.FontRole and p.severity is Severity.ERROR and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        return None


SUGGESTION_HEADERS = ("Where", "The force wrote", "Looks like", "Score", "Decision")


class SuggestionTableModel(RecordTableModel[SuggestionItem]):
    headers = SUGGESTION_HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.wording: dict[str, str] = {}

    @property
    def items(self) -> list[SuggestionItem]:
        return self.records

    def set_items(self, items: Sequence[SuggestionItem], wording: dict[str, str] | None = None) -> None:
        self.wording = dict(wording or {})
        self.set_records(items)

    def item(self, row: int) -> SuggestionItem:
        return self.records[row]

    def text(self, it: SuggestionItem, column: int) -> str:
        s = it.suggestion
        ref = it.chosen_ref
        looks = f"{ref} {self.wording.get(ref, '')}".strip()
        decision = it.decision.value if it.decision is not Decision.CHANGED else f"Changed to {it.ref}"
        if it.unmatched:  # no suggestion: the best candidate, if any, to assign by hand (Change…)
            looks = f"Not matched — perhaps {looks}" if ref else "Not matched — choose with Change…"
            if it.decision is Decision.PENDING:
                decision = "To assign"
        return (str(s.location), s.label, looks, "" if it.unmatched else f"{s.score:.0%}", decision)[column]

    def style(self, it: SuggestionItem, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 2):
            return self.text(it, column)
        return None


FILE_HEADERS = ("File", "Kind", "State", "Arrived")


class FileListModel(RecordTableModel[LoadedFile]):
    """The files the user dropped, added or that arrived in the inbox folder, with their state: a view over
    the app state's list (``records`` is that very list), the kind editable in place."""

    headers = FILE_HEADERS

    @property
    def files(self) -> list[LoadedFile]:
        return self.records

    def find(self, path: Path) -> int:
        return next((i for i, f in enumerate(self.records) if same_file(f.path, path)), -1)

    def add(self, item: LoadedFile) -> bool:
        """Add a file, or refresh an existing one; True when it is new."""
        row = self.find(item.path)
        if row >= 0:
            existing = self.records[row]
            if existing.refused and item.from_inbox:
                return False  # refused as unsafe: the inbox never brings it back by itself
            existing.refused = False  # added again by the user: read it again
            existing.state = item.state
            existing.arrived = item.arrived or existing.arrived
            self.refresh(row)
            return False
        self.beginInsertRows(QModelIndex(), len(self.records), len(self.records))
        self.records.append(item)
        self.endInsertRows()
        return True

    def remove(self, rows: Sequence[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self.records):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.records[row]
                self.endRemoveRows()

    def set_state(self, path: Path, state: FileState, detail: str = "") -> None:
        row = self.find(path)
        if row >= 0:
            self.records[row].state = state
            self.records[row].detail = detail
            self.refresh(row)

    def text(self, f: LoadedFile, column: int) -> str:
        arrived = f.arrived.strftime("%d %b %H:%M") if f.arrived else ""
        return (f.path.name, f.kind.value, f.state.value, arrived)[column]

    def style(self, f: LoadedFile, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.EditRole:
            return self.text(f, column)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return "\n".join(t for t in (str(f.path), f.kind_reason, f.detail) if t)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{f.path.name}, {f.kind.value}, {f.state.value}" if column == 0 else self.text(f, column)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == 1:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.isValid() and index.column() == 1 and role == Qt.ItemDataRole.EditRole:
            try:
                kind = FileKind(value)
                if kind is not self.records[index.row()].kind:
                    self.records[index.row()].kind = kind
                    self.records[index.row()].kind_reason = f"{kind.value}: chosen by you"
            except ValueError:
                return False
            self.refresh(index.row())
            return True
        return False


__all__ = ["RECORD_ROLE", "SORT_ROLE", "Decision", "FileKind", "FileListModel", "FileState", "IndicatorColumn",
           "IndicatorFilter", "IndicatorTableModel", "LoadedFile", "ProblemTableModel", "SuggestionItem",
           "SuggestionTableModel", "guess_kind", "status_icon", "status_text"]
