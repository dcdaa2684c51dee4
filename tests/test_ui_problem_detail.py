"""A problem's whole message is readable by keyboard, however narrow the Message column."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest

from pccdesk.ui.keyboard import mnemonic
from tests.test_ui_keyboard import window  # noqa: F401  (the fixture)
from tests.test_ui_main_window import REVIEW_TIMEOUT, drop, load_plan


def test_the_selected_problem_is_shown_in_full(qtbot, window, example_plan_path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    minutes = tmp_path / "minutes.xlsx"
    minutes.write_text("These are the minutes of the meeting\n", encoding="utf-8")
    load_plan(qtbot, window, example_plan_path)
    drop(window, minutes)
    qtbot.waitUntil(lambda: not window.busy and window.review is not None
                    and any(p.location.file == minutes.name for p in window.review.problems), timeout=REVIEW_TIMEOUT)
    panel = window.problems_panel
    window.tabs.setCurrentWidget(panel)
    view, model = panel.problem_view, panel.grouped
    file_row = next(r for r in range(model.rowCount()) if model.index(r, 0).data().startswith("minutes.xlsx"))
    kind = model.index(0, 0, model.index(file_row, 0))
    message_index = model.index(0, 2, kind)
    full = message_index.data()
    assert "rename it to .csv" in full  # the what-to-do part, past where the column cuts it at 1366×768
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0, kind))  # as the arrow keys move to it
    text = panel.detail.text()
    assert full in text and "minutes.xlsx" in text and "Error" in text.split(" in ")[0]
    QTest.keyClick(view, Qt.Key.Key_Up)  # up to the kind's line: its title, not a stale message
    assert panel.detail.text() != text and "(1)" in panel.detail.text()
    view.setCurrentIndex(QModelIndex())
    assert panel.detail.text().startswith("Select a problem")


def test_show_problems_puts_the_keyboard_in_the_list(qtbot, window, example_plan_path,  # noqa: F811
                                                    example_return_path) -> None:  # type: ignore[no-untyped-def]
    load_plan(qtbot, window, example_plan_path)
    drop(window, example_return_path)
    qtbot.waitUntil(lambda: not window.busy and window.review is not None
                    and any(p.location.file == example_return_path.name for p in window.review.problems),
                    timeout=REVIEW_TIMEOUT)
    window.review_view.setFocus()
    for menu in (a.menu() for a in window.menuBar().actions()):
        letters = [mnemonic(a.text()) for a in menu.actions() if not a.isSeparator() and mnemonic(a.text())]
        assert len(letters) == len(set(letters)), (menu.title(), letters)  # twice: the letter only cycles
    review_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Review")
    actions = [a for a in review_menu.actions() if not a.isSeparator()]
    (show,) = [a for a in actions if a.shortcut().toString() == "Ctrl+3"]
    show.trigger()
    assert window.tabs.currentWidget() is window.problems_panel
    assert window.focusWidget() is window.problem_view  # not the Force field, a dozen Tabs away
    assert window.problem_view.currentIndex().isValid()
    assert window.problems_panel.detail.text() != "Select a problem to read its whole message here."
