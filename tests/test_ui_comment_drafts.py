"""The OPCC comment box never loses typed text: not on another selection, not on a save the history refuses."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from pccdesk.store.history_store import HistoryStore
from pccdesk.store.opcc_comments import comments_for
from pccdesk.ui import opcc_comment_box
from tests.test_ui_keyboard import window  # noqa: F401  (the fixture)
from tests.test_ui_main_window import drop, load_plan, wait_review_with

TYPED = "Asked the force why needs assessments fell short; reply due 1 September."


def _loaded(qtbot, window, plan, ret):  # type: ignore[no-untyped-def]  # noqa: F811
    load_plan(qtbot, window, plan)
    drop(window, ret)
    wait_review_with(qtbot, window, ret.name)
    return window.review_panel.comment_box


def test_typed_comment_survives_selecting_another_indicator(qtbot, window, example_plan_path,  # noqa: F811
                                                            example_return_path) -> None:  # type: ignore[no-untyped-def]
    box = _loaded(qtbot, window, example_plan_path, example_return_path)
    assert window.review_panel.select_ref("V3")
    box.editor.setPlainText(TYPED)
    assert window.review_panel.select_ref("V4")  # moving on by keyboard before pressing Save
    assert box.editor.toPlainText() == ""
    assert "V3" in window.messages[-1] and "not saved" in window.messages[-1]
    assert window.review_panel.select_ref("V3")
    assert box.editor.toPlainText() == TYPED
    assert "Not saved yet" in box.who.text()
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    with HistoryStore(window.db) as store:
        assert comments_for(store, "2015-16 Q1") == {"V3": TYPED}
    assert box.who.text().startswith("Written by")
    assert window.review_panel.select_ref("V4")  # saved: nothing is kept as a draft
    assert not window.opcc_comments.drafts


def test_a_save_refused_by_a_busy_history_keeps_the_text_and_says_so(qtbot, window, example_plan_path,  # noqa: F811
                                                                    example_return_path,
                                                                    monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(opcc_comment_box, "SAVE_TIMEOUT", 0.1)
    box = _loaded(qtbot, window, example_plan_path, example_return_path)
    assert window.review_panel.select_ref("D2")
    box.editor.setPlainText("First")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)  # the history now exists
    holder = sqlite3.connect(str(window.db), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a colleague's pccdesk in the middle of writing
    try:
        box.editor.setPlainText(TYPED)
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
        assert box.editor.toPlainText() == TYPED
        assert "not saved" in box.who.text() and "D2" in box.who.text()  # in the box, not only the status bar
        assert window.review_panel.select_ref("V4") and window.review_panel.select_ref("D2")
        assert box.editor.toPlainText() == TYPED
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    with HistoryStore(window.db) as store:
        assert comments_for(store, "2015-16 Q1") == {"D2": TYPED}
