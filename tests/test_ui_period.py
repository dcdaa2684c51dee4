"""A return for another quarter: the app refuses it in plain words and offers the quarter in one click."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pccdesk.indicators.period_check import MISMATCH
from tests.test_ui_keyboard import window  # noqa: F401  (the fixture)
from tests.test_ui_main_window import REVIEW_TIMEOUT, drop, load_plan, wait_review_with


def test_use_the_quarter_the_return_covers(qtbot, window, example_plan_path, example_return_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    load_plan(qtbot, window, example_plan_path, period="2015-16 Q2")
    drop(window, example_return_path)
    wait_review_with(qtbot, window, example_return_path.name)
    assert any(p.code == MISMATCH.code for p in window.review.problems)
    banner = window.period_banner
    assert banner.isVisible()
    assert banner.use_button.text() == "Use 2015-16 Q1" and banner.keep_button.text() == "Keep 2015-16 Q2"
    assert "2015-16 Q1" in banner.label.text() and "2015-16 Q2" in banner.label.text()
    qtbot.mouseClick(banner.use_button, Qt.MouseButton.LeftButton)
    assert window.period == "2015-16 Q1"
    qtbot.waitUntil(lambda: not window.busy and window.review is not None
                    and window.review.result.period == "2015-16 Q1", timeout=REVIEW_TIMEOUT)
    assert not any(p.code == MISMATCH.code for p in window.review.problems)
    assert not banner.isVisible()


def test_keep_the_chosen_quarter_is_an_explicit_override(qtbot, window, example_plan_path,  # noqa: F811
                                                         example_return_path) -> None:  # type: ignore[no-untyped-def]
    load_plan(qtbot, window, example_plan_path, period="2015-16 Q2")
    drop(window, example_return_path)
    wait_review_with(qtbot, window, example_return_path.name)
    qtbot.mouseClick(window.period_banner.keep_button, Qt.MouseButton.LeftButton)
    assert window.state.request().override_period_check is True
    qtbot.waitUntil(lambda: not window.busy and window.review is not None
                    and not any(p.code == MISMATCH.code for p in window.review.problems), timeout=REVIEW_TIMEOUT)
    assert not window.period_banner.isVisible()
    window.period_combo.setCurrentText("2015-16 Q3")  # a new period is checked afresh
    assert window.state.override_period_check is False
