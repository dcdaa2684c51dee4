"""The Problems tab: the validation report, and the importer's suggested matches to decide.

The report is the same list ``pccdesk validate`` prints and the pack's
``DataQuality`` table holds, shown grouped by file and kind
(:mod:`pccdesk.ui.problem_groups`). The window connects ``problemActivated`` (a
double-click: open the file) and ``decisionRequested`` (Accept, Change…,
Reject) to its own actions.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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

from pccdesk.ui.models import Decision, ProblemTableModel, SuggestionTableModel
from pccdesk.ui.problem_groups import ProblemGroupModel, expand_sensibly


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
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.problem_view)
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
