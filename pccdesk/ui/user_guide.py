"""Help ▸ User guide: the README's desktop-app section, shown inside the app.

The guide is read from the README at run time, so what F1 shows is what the
README says, screenshots included; Qt renders the Markdown itself, so the
guide works offline and needs no browser. The README is beside the package in
a clone and in the bundle's data folder when frozen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from pccdesk.resources import readme_path

SECTION = "## User guide (desktop app)"


def guide_markdown(readme: Path) -> str:
    """The desktop-app section of the README (from its heading to the next top-level heading)."""
    text = readme.read_text(encoding="utf-8")
    start = text.find(SECTION)
    if start < 0:
        return text
    end = text.find("\n## ", start + len(SECTION))
    return text[start:] if end < 0 else text[start:end]


def fit_images(browser: QTextBrowser, width: int) -> None:
    """Show the screenshots at a readable width (they are taken at full window size); height follows."""
    doc = browser.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                image = fmt.toImageFormat()
                image.setWidth(width)
                cursor = QTextCursor(doc)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(image)
            it += 1
        block = block.next()


def guide_dialog(parent: QWidget | None) -> QDialog:
    """The guide in a resizable window; without a README it says where the guide normally is."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("User guide — pccdesk")  # ends with the app name: Qt adds no other
    dialog.resize(900, 720)
    layout = QVBoxLayout(dialog)
    browser = QTextBrowser()
    browser.setObjectName("guide")
    browser.setAccessibleName("User guide")
    browser.setOpenExternalLinks(True)
    readme = readme_path()
    if readme is None:
        browser.setPlainText("The user guide (README.md) is not installed with this copy of pccdesk. It is the "
                             "section \"User guide (desktop app)\" of the README in pccdesk's source folder; ask "
                             "whoever installed pccdesk for it.")
    else:
        browser.setSearchPaths([str(readme.parent)])
        browser.setMarkdown(guide_markdown(readme))
        fit_images(browser, 820)
    layout.addWidget(browser)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return dialog
