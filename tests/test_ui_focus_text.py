"""The focus outline never cuts a button's label: a keyboard user must read the button they are on."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPushButton, QStyle, QStyleOptionButton

from tests.test_ui_keyboard import loaded, window  # noqa: F401  (the fixtures)


def test_every_button_label_fits_inside_its_focus_outline(qtbot, loaded) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # The outline's style once added 10 px of padding each side; a button laid out at its own width (Save
    # comment, Accept, Reject, Choose…) then printed "iave commen" while it had the focus.
    loaded.activateWindow()
    cut = []
    for button in loaded.findChildren(QPushButton):
        if not button.isVisible() or not button.text():
            continue
        button.setFocus()
        QApplication.processEvents()
        option = QStyleOptionButton()
        button.initStyleOption(option)
        room = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button).width()
        label = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        need = button.fontMetrics().horizontalAdvance(label)
        if room < need:
            cut.append(f"{label!r}: {room} px for {need} px")
    assert not cut, cut
