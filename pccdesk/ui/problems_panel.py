"""The Problems tab: the validation report, and the importer's suggested matches to decide.

The report is the same list ``pccdesk validate`` prints and the pack's
``DataQuality`` table holds, shown grouped by file and kind
(:mod:`pccdesk.ui.problem_groups`). The window connects ``problemActivated`` (a
double-click: open the file) and ``decisionRequested`` (Accept, Change…,
Reject) to its own actions.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pccdesk.problems import Problem
from pccdesk.ui.app_state import plain_for_app
from pccdesk.ui.models import SEVERITY_TEXT, Decision, ProblemTableModel, SuggestionTableModel
from pccdesk.ui.problem_groups import ProblemGroupModel, expand_sensibly
from pccdesk.ui.record_model import RECORD_ROLE


class ProblemsPanel(QWidget):
    problemActivated = Signal(object)  # QModelIndex of the problem table
    decisionRequested = Signal(object)  # Decision

    def __init__(self, problems: ProblemTableModel, suggestions: SuggestionTableModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        hint = QLabel("Double-click a problem to open its file in your spreadsheet program.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        # grouped by file and kind of problem, with counts (the flat list stays the model the window fills)
        self.grouped = ProblemGroupModel(self)
        self.problem_view = QTreeView()
        self.problem_view.setModel(self.grouped)
        self.problem_view.setAccessibleName("Problems found in the inputs, grouped by file and kind")
        self.problem_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problem_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problem_view.setUniformRowHeights(True)
        self.problem_view.header().setStretchLastSection(True)
        self.problem_view.doubleClicked.connect(self.problemActivated.emit)
        self.problem_view.activated.connect(self.problemActivated.emit)  # Enter opens it too
        problems.modelReset.connect(lambda: self._regroup(problems))
        # The Message column is cut at 1366 pixels wide, and a tooltip needs the mouse: the selected problem's
        # whole message (where, and what to do) is shown here, readable by keyboard and screen reader.
        self.detail = QLabel("Select a problem to read its whole message here.")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.detail.setAccessibleName("The selected problem in full")
        self.problem_view.selectionModel().currentChanged.connect(lambda current, _old: self._show(current))
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.problem_view, 1)
        top_layout.addWidget(self.detail)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        group = QGroupBox("Suggested matches: rows of the force's return that look like an indicator")
        glay = QVBoxLayout(group)
        self.suggestion_view = QTableView()
        self.suggestion_view.setModel(suggestions)
        self.suggestion_view.setAccessibleName("Suggested matches")
        self.suggestion_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.suggestion_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.suggestion_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.suggestion_view.verticalHeader().hide()
        self.suggestion_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.suggestion_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        glay.addWidget(self.suggestion_view)
        row = QHBoxLayout()
        self.accept_button = self._decision_button("Accept", "Accept the suggested indicator", Decision.ACCEPTED)
        self.change_button = self._decision_button("Change…", "Choose another indicator for this row",
                                                   Decision.CHANGED)
        self.reject_button = self._decision_button("Reject", "This row is not an indicator of the plan",
                                                   Decision.REJECTED)
        for button in (self.accept_button, self.change_button, self.reject_button):
            row.addWidget(button)
        row.addStretch(1)
        glay.addLayout(row)
        split.addWidget(group)
        split.setSizes([450, 220])
        layout.addWidget(split, 1)

    def _show(self, index: QModelIndex) -> None:
        """The whole message of the problem at ``index``, with its file and cell (a group's line: its title)."""
        problem = index.data(RECORD_ROLE) if index.isValid() else None
        if isinstance(problem, Problem):
            where = str(problem.location) or "no one file"
            self.detail.setText(f"{SEVERITY_TEXT[problem.severity]} in {where}: {plain_for_app(problem.message)}")
        elif index.isValid():
            self.detail.setText(str(index.siblingAtColumn(0).data() or ""))
        else:
            self.detail.setText("Select a problem to read its whole message here.")

    def _regroup(self, problems: ProblemTableModel) -> None:
        self.grouped.set_problems(problems.problems)
        expand_sensibly(self.problem_view, self.grouped)
        self.problem_view.setColumnWidth(0, 380)
        self.problem_view.setColumnWidth(1, 130)

    def _decision_button(self, text: str, accessible: str, decision: Decision) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(accessible)
        button.clicked.connect(lambda: self.decisionRequested.emit(decision))
        return button

    def selected_suggestion_row(self) -> int | None:
        rows = self.suggestion_view.selectionModel().selectedRows()
        return rows[0].row() if rows else None
