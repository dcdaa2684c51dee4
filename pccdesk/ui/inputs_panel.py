"""The left of the window: what goes in (drop zone, file list, inbox folder) and the pack's options.

The panel only lays out the controls; the window connects them to its actions
(add, remove, mark as crime, inbox folder, build).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pccdesk.ui.app_state import DEFAULT_TITLE
from pccdesk.ui.drop_zone import DropZone
from pccdesk.ui.models import FileKind, FileListModel

MARKINGS = ("OFFICIAL", "OFFICIAL-SENSITIVE")


class KindDelegate(QStyledItemDelegate):
    """The Kind column of the file list is chosen from Return / Crime / Tracker."""

    def createEditor(self, parent: QWidget, option: Any, index: Any) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Kind of file")
        for kind in FileKind:
            combo.addItem(kind.value)
        return combo

    def setEditorData(self, editor: QWidget, index: Any) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data()))

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())


def _button(text: str, accessible: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    return button


class InputsPanel(QWidget):
    def __init__(self, files: FileListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.drop_zone = DropZone()
        layout.addWidget(self.drop_zone)
        self.file_view = view = QTableView()
        view.setModel(files)
        view.setAccessibleName("Loaded files")
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.SelectedClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        view.setItemDelegateForColumn(1, KindDelegate(view))
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            view.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        layout.addWidget(view, 1)

        buttons = QHBoxLayout()
        self.add_button = _button("&Add files…", "Add files")
        self.remove_button = _button("Re&move", "Remove the selected files from the list")
        self.crime_button = _button("Mar&k as crime", "Mark the selected files as recorded crime inputs")
        for b in (self.add_button, self.remove_button, self.crime_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)

        inbox = QHBoxLayout()
        self.inbox_label = QLabel("Inbox folder: none")
        self.inbox_label.setWordWrap(True)
        self.inbox_label.setAccessibleName("Inbox folder")
        self.inbox_button = _button("Inbox folder…", "Choose the inbox folder to watch")
        inbox.addWidget(self.inbox_label, 1)
        inbox.addWidget(self.inbox_button)
        layout.addLayout(inbox)

        pack = QGroupBox("Pack")
        form = QFormLayout(pack)
        self.title_field = QLineEdit()
        self.title_field.setPlaceholderText(DEFAULT_TITLE)
        self.title_field.setAccessibleName("Title on the pack's cover")
        self.meeting_field = QLineEdit()
        self.meeting_field.setPlaceholderText("e.g. 22 September 2015")
        self.meeting_field.setAccessibleName("Panel meeting date")
        self.marking_combo = QComboBox()
        self.marking_combo.setEditable(True)
        self.marking_combo.addItems(MARKINGS)
        self.marking_combo.setAccessibleName("Protective marking")
        self.tracker_check = QCheckBox("Include the inspections and scrutin&y tracker")
        self.tracker_check.setAccessibleName("Include the inspections and scrutiny tracker")
        form.addRow("T&itle:", self.title_field)
        form.addRow("Meeting &date:", self.meeting_field)
        form.addRow("Marki&ng:", self.marking_combo)
        form.addRow(self.tracker_check)
        self.html_check = QCheckBox("Also &write an HTML copy")
        self.html_check.setAccessibleName("Also write an HTML copy of the pack")
        self.html_check.setToolTip("An accessible web page beside the workbook, with the same name (.html), for "
                                   "the Panel's website and screen-reader users")
        form.addRow(self.html_check)
        self.build_button = _button("B&uild pack…", "Build the panel pack")
        self.build_button.setDefault(True)
        form.addRow(self.build_button)
        layout.addWidget(pack)

    def selected_rows(self) -> list[int]:
        return [i.row() for i in self.file_view.selectionModel().selectedRows()]
