"""Keyboard and screen-reader use of the main window: Tab through every control, a focus you can see.

Tables take Tab as "leave the table" (arrows move within them), so Tab reaches
every button and field in a sensible order instead of wrapping round a table's
cells for ever; Delete removes the selected files; the control with the
keyboard focus gets a thick outline an officer can see across the room.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLabel, QTabWidget, QWidget

#: A 2-px outline in a blue that reads on white and on the status colours (contrast above 4.5:1). A focused
#: button keeps its width (the layout does not grow it), so its padding stays small enough for the label to fit.
FOCUS_COLOUR = "#0b57d0"
FOCUS_STYLE = f"""
QLineEdit:focus, QComboBox:focus, QAbstractItemView:focus, QTextBrowser:focus, QPlainTextEdit:focus,
QTextEdit:focus {{ border: 2px solid {FOCUS_COLOUR}; }}
QPushButton:focus {{ border: 2px solid {FOCUS_COLOUR}; border-radius: 3px; padding: 3px 2px; }}
QCheckBox:focus {{ color: {FOCUS_COLOUR}; text-decoration: underline; }}
QTabBar::tab:focus {{ border: 2px solid {FOCUS_COLOUR}; }}
"""


def make_keyboard_friendly(window: QWidget, file_view: QAbstractItemView, remove: Callable[[], None],
                           controls: bool = True) -> None:
    """Tab leaves every table; Delete in the file list removes the selected files; focus drawn clearly.
    ``controls=False`` leaves :func:`make_controls_friendly` to the caller (the window calls it just after its
    first paint, before the first key press can reach it: it walks every widget and changes nothing on screen)."""
    if controls:
        make_controls_friendly(window)
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), file_view)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(remove)
    backspace = QShortcut(QKeySequence(Qt.Key.Key_Backspace), file_view)  # Delete on a Mac keyboard
    backspace.setContext(Qt.ShortcutContext.WidgetShortcut)
    backspace.activated.connect(remove)
    window.setStyleSheet(window.styleSheet() + FOCUS_STYLE)


def make_controls_friendly(root: QWidget) -> None:
    """The controls inside ``root``: every table left with Tab, every button reached by Tab, the text box of an
    editable list named, tooltips read out (also for a part of the window built after it was shown)."""
    for view in root.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)
        if view.focusPolicy() == Qt.FocusPolicy.NoFocus:
            view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    for tabs in root.findChildren(QTabWidget):
        tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    for button in root.findChildren(QAbstractButton):
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    for combo in root.findChildren(QComboBox):  # the text box inside an editable list is what NVDA reads
        line = combo.lineEdit() if combo.isEditable() else None
        if line is not None and not line.accessibleName():
            line.setAccessibleName(combo.accessibleName())
    for widget in [root, *root.findChildren(QWidget)]:  # the tooltip, for those who cannot hover, as the description
        if widget.toolTip() and not widget.accessibleDescription():
            widget.setAccessibleDescription(widget.toolTip())


def mnemonic(text: str) -> str:
    """The Alt letter of a control's text ("B&uild pack…" → "u"), or "" when it has none."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].lower()
            i += 1
        i += 1
    return ""


def visible_mnemonics(window: QWidget) -> list[tuple[str, str]]:
    """(letter, text) for every labelled control the user can see now: buttons, check boxes, buddy labels
    and tab titles (for tests and for whoever adds a control: menus win, so no letter may repeat)."""
    found: list[tuple[str, str]] = []
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and mnemonic(button.text()):
            found.append((mnemonic(button.text()), button.text()))
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.buddy() is not None and mnemonic(label.text()):
            found.append((mnemonic(label.text()), label.text()))
    for tabs in window.findChildren(QTabWidget):
        if tabs.isVisible():
            for i in range(tabs.count()):
                if mnemonic(tabs.tabText(i)):
                    found.append((mnemonic(tabs.tabText(i)), tabs.tabText(i)))
    return found
