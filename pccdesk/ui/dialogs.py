"""The app's dialogs: errors in plain English, passwords, "open in Excel", choosing an indicator, About.

Every dialog is built by a small function that returns the dialog before it is
shown, so tests can drive it; the ``ask_*`` functions show it and return the
answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pccdesk import __version__
from pccdesk.indicators.definitions import Indicator


def error_box(parent: QWidget | None, title: str, message: str, details: str = "") -> QMessageBox:
    """A plain message; the technical details are hidden behind "Copy details" (copied to the clipboard)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(message)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    if details:
        copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
        copy.setAccessibleName("Copy the technical details to the clipboard")
        # ActionRole buttons close the box by default; keep it open and copy instead.
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: QApplication.clipboard().setText(f"{message}\n\n{details}"))
    box.setObjectName("errorBox")
    return box


def show_error(parent: QWidget | None, title: str, message: str, details: str = "") -> None:
    error_box(parent, title, message, details).exec()


def password_dialog(parent: QWidget | None, file_name: str, wrong: bool = False) -> tuple[QDialog, QLineEdit]:
    dialog = QDialog(parent)
    dialog.setWindowTitle("Password needed")
    layout = QVBoxLayout(dialog)
    first = "That password did not open it. " if wrong else ""
    label = QLabel(f"{file_name} is protected with a password. {first}Type it to open the workbook.\n"
                   "The password is used only to read the file and is not saved.")
    label.setWordWrap(True)
    layout.addWidget(label)
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName("Workbook password")
    layout.addWidget(field)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return dialog, field


def ask_password(parent: QWidget | None, file_name: str, wrong: bool = False) -> str | None:
    dialog, field = password_dialog(parent, file_name, wrong)
    if dialog.exec() == QDialog.DialogCode.Accepted and field.text():
        return field.text()
    return None


def locked_box(parent: QWidget | None, path: Path, who: str = "") -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("The file is open")
    by = f" by {who}" if who else ""
    box.setText(f"{path.name} is open{by}, probably in Excel, so it cannot be replaced.\n\n"
                "Close it in Excel and try again, or save the pack under another name.")
    box.addButton("Save under another name…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    return box


def ask_save_elsewhere(parent: QWidget | None, path: Path, who: str = "") -> bool:
    box = locked_box(parent, path, who)
    box.exec()
    return box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.AcceptRole


def indicator_chooser(parent: QWidget | None, indicators: Sequence[Indicator], wording: str,
                      current: str = "", likely: Sequence[str] = ()) -> tuple[QDialog, QComboBox]:
    """Choose which indicator a row of the force's return is (for "Change…" on a suggested match);
    the ``likely`` refs (the importer's other candidates) come first."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Choose the indicator")
    form = QFormLayout(dialog)
    text = QLabel(wording)
    text.setWordWrap(True)
    form.addRow("The force wrote:", text)
    combo = QComboBox()
    combo.setAccessibleName("Indicator of the plan")
    first = {r.lower(): i for i, r in enumerate(likely)}
    ordered = sorted(indicators, key=lambda ind: first.get(ind.ref.lower(), len(first)))
    for ind in ordered:
        combo.addItem(f"{ind.ref}  {ind.wording}", ind.ref)
    if current:
        combo.setCurrentIndex(max(combo.findData(current), 0))
    form.addRow("It is:", combo)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    return dialog, combo


def ask_indicator(parent: QWidget | None, indicators: Sequence[Indicator], wording: str, current: str = "",
                  likely: Sequence[str] = ()) -> str | None:
    dialog, combo = indicator_chooser(parent, indicators, wording, current, likely)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return str(combo.currentData())
    return None


def about_text() -> str:
    return (f"<h3>pccdesk {__version__}</h3>"
            "<p>Checks a police force's quarterly returns against the Police and Crime Plan and builds the "
            "Police and Crime Panel's pack.</p>"
            "<p>Figures stay on this computer and in the history database you choose; nothing is sent anywhere.</p>"
            "<p>MIT licence. Built with Python, Qt (PySide6), XlsxWriter, openpyxl and python-calamine.</p>")


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(parent, "About pccdesk", about_text())


def built_box(parent: QWidget | None, path: Path, summary: str) -> tuple[QMessageBox, QPushButton, QPushButton]:
    """After a build: "Open" the pack or "Show in folder"."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Pack ready")
    box.setText(f"The pack is saved as {path.name}.\n\n{summary}")
    open_button = box.addButton("Open", QMessageBox.ButtonRole.AcceptRole)
    folder_button = box.addButton("Show in folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    return box, open_button, folder_button
