"""The Problems list grouped by file and by kind of problem, collapsible, with counts.

A real crime extract can give two hundred warnings; a flat list of them hides
the one error that matters. Grouped, the officer sees one line per file
("2018-12-merseyside-street.csv — 2 errors, 204 warnings"), one line per kind
of problem inside it (its registered title and how many), and opens only what
needs reading. Problems that belong to no single file (a missing period, the
run as a whole) are grouped as "Not about one file". Each problem keeps its
cell and its message; a double-click opens the file (the message names the
sheet and cell to look at).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTreeView, QWidget

from pccdesk.problems import Problem, Severity, lookup
from pccdesk.ui.app_state import plain_for_app
from pccdesk.ui.models import SEVERITY_TEXT
from pccdesk.ui.record_model import RECORD_ROLE

GROUP_HEADERS = ("Problem", "Cell", "Message")
NO_FILE = "Not about one file"
#: A kind with at most this many problems is shown open; larger ones start collapsed.
OPEN_UP_TO = 5


def counts_text(problems: Sequence[Problem]) -> str:
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = sum(1 for p in problems if p.severity is Severity.WARNING)
    notes = len(problems) - errors - warnings
    parts = [f"{errors} error{'s' if errors != 1 else ''}" if errors else "",
             f"{warnings} warning{'s' if warnings != 1 else ''}" if warnings else "",
             f"{notes} note{'s' if notes != 1 else ''}" if notes else ""]
    return ", ".join(p for p in parts if p)


def kind_title(code: str) -> str:
    registered = lookup(code)
    return registered.title if registered is not None else code


def grouped(problems: Sequence[Problem]) -> list[tuple[str, list[tuple[str, list[Problem]]]]]:
    """[(file, [(kind title, problems)])], files and kinds in order of their worst problem, then name."""
    by_file: dict[str, dict[str, list[Problem]]] = {}
    for p in problems:
        by_file.setdefault(p.location.file or NO_FILE, {}).setdefault(kind_title(p.code), []).append(p)

    def worst(ps: Sequence[Problem]) -> int:
        return min(p.severity.rank for p in ps)

    files = sorted(by_file.items(), key=lambda kv: (worst([p for ps in kv[1].values() for p in ps]), kv[0]))
    return [(name, sorted(kinds.items(), key=lambda kv: (worst(kv[1]), kv[0]))) for name, kinds in files]


class ProblemGroupModel(QStandardItemModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(list(GROUP_HEADERS))

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(list(GROUP_HEADERS))
        bold = QFont()
        bold.setBold(True)
        for name, kinds in grouped(problems):
            everything = [p for _kind, ps in kinds for p in ps]
            file_item = QStandardItem(f"{name} — {counts_text(everything)}")
            file_item.setFont(bold)
            file_item.setEditable(False)
            for title, ps in kinds:
                kind_item = QStandardItem(f"{title} ({len(ps)})")
                kind_item.setEditable(False)
                for p in ps:
                    cells = [QStandardItem(SEVERITY_TEXT[p.severity]), QStandardItem(p.location.sheet_cell),
                             QStandardItem(plain_for_app(p.message))]
                    for cell in cells:
                        cell.setEditable(False)
                        cell.setData(p, RECORD_ROLE)
                        cell.setToolTip(plain_for_app(p.message))
                    kind_item.appendRow(cells)
                file_item.appendRow([kind_item, QStandardItem(""), QStandardItem("")])
            self.appendRow([file_item, QStandardItem(""), QStandardItem("")])


def expand_sensibly(view: QTreeView, model: ProblemGroupModel) -> None:
    """Files open; a kind open when it has few problems, closed when it has many (its count says how many)."""
    for f in range(model.rowCount()):
        file_index = model.index(f, 0)
        view.setFirstColumnSpanned(f, QModelIndex(), True)  # a group's line uses the whole width
        view.expand(file_index)
        for k in range(model.rowCount(file_index)):
            kind_index = model.index(k, 0, file_index)
            view.setFirstColumnSpanned(k, file_index, True)
            if model.rowCount(kind_index) <= OPEN_UP_TO:
                view.expand(kind_index)
