"""The app asks for a protected plan's password, reads it again with it, and never asks in a loop."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from pccdesk.ui import dialogs
from pccdesk.ui.app_settings import AppSettings
from pccdesk.ui.main_window import MainWindow
from pccdesk.ui.models import IndicatorColumn
from tests.fixtures_protected import PLAN_PASSWORD, protect

TIMEOUT = 60_000


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    win = MainWindow(settings, db=tmp_path / "history.sqlite", interactive=False)
    qtbot.addWidget(win)
    win.period_combo.setCurrentText("2015-16 Q1")
    return win


@pytest.fixture
def locked_plan(tmp_path: Path, example_plan_path: Path) -> Path:
    return protect(example_plan_path, tmp_path / "Locked plan.xlsx")


def answers(monkeypatch: pytest.MonkeyPatch, *replies: str | None) -> list[tuple[str, bool]]:
    """Stand in for the password dialog: give ``replies`` in turn; returns what was asked (file, wrong?)."""
    asked: list[tuple[str, bool]] = []

    def ask(parent: object, name: str, wrong: bool = False) -> str | None:
        asked.append((name, wrong))
        return replies[len(asked) - 1] if len(asked) <= len(replies) else None

    monkeypatch.setattr(dialogs, "ask_password", ask)
    return asked


def test_a_protected_plan_asks_for_its_password_and_opens(qtbot, window, locked_plan, example_return_path,  # type: ignore[no-untyped-def]
                                                          monkeypatch) -> None:
    asked = answers(monkeypatch, "not it", PLAN_PASSWORD)
    window.interactive = True  # the password question is the only dialog loading a plan can raise
    with qtbot.waitSignal(window.planLoaded, timeout=TIMEOUT) as loaded:
        window.set_plan(locked_plan)
    window.interactive = False
    assert asked == [("Locked plan.xlsx", False), ("Locked plan.xlsx", True)]  # a wrong password is asked again
    assert len(loaded.args[0].indicators) == 32
    window.add_files([example_return_path])
    qtbot.waitUntil(lambda: window.review is not None and len(window.review.result.readings) == 1
                    and not window.busy, timeout=TIMEOUT)
    row = window.indicators.row_of("D2")  # the review reads the locked plan with the same password
    assert window.indicators.index(row, IndicatorColumn.STATUS).data() == "✖ Red"
    assert all(p.code not in ("password-required", "wrong-password") for p in window.problems.problems)


def test_no_password_leaves_the_plan_unloaded_and_says_why(qtbot, window, locked_plan, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked = answers(monkeypatch, None)
    window.interactive = True
    with qtbot.waitSignal(window.failed, timeout=TIMEOUT) as failed:
        window.set_plan(locked_plan)
    qtbot.waitUntil(lambda: not window.busy, timeout=TIMEOUT)
    window.interactive = False
    assert failed.args[0].code == "password-required"
    assert asked == [("Locked plan.xlsx", False)] and window.plan is None
    assert [p.code for p in window.problems.problems] == ["password-required"]
    assert window.messages[-1].startswith("The plan Locked plan.xlsx is protected with a password")


def test_reload_asks_again_after_the_question_was_declined(qtbot, window, locked_plan, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked = answers(monkeypatch, None, PLAN_PASSWORD)
    window.interactive = True
    with qtbot.waitSignal(window.failed, timeout=TIMEOUT):
        window.set_plan(locked_plan)
    qtbot.waitUntil(lambda: not window.busy, timeout=TIMEOUT)
    with qtbot.waitSignal(window.planLoaded, timeout=TIMEOUT):
        window.plans.reload_plan()
    window.interactive = False
    assert asked == [("Locked plan.xlsx", False), ("Locked plan.xlsx", False)]
    assert window.plan is not None


def test_a_protected_tracker_register_asks_for_its_password(qtbot, window, tmp_path, example_plan_path,  # type: ignore[no-untyped-def]
                                                            monkeypatch) -> None:
    from pccdesk.examples.tracker import write_register_workbook

    register = protect(write_register_workbook(tmp_path / "register.xlsx"), tmp_path / "Locked tracker.xlsx",
                       "tracker-secret")
    asked = answers(monkeypatch, "tracker-secret")
    with qtbot.waitSignal(window.planLoaded, timeout=TIMEOUT):
        window.set_plan(example_plan_path)
    qtbot.waitUntil(lambda: not window.busy and window.review is not None, timeout=TIMEOUT)
    window.interactive = True
    window.add_files([register])
    qtbot.waitUntil(lambda: bool(asked) and not window.busy and window.review is not None
                    and not window._review_timer.isActive(), timeout=TIMEOUT)
    window.interactive = False
    assert window.files.files[0].kind.value == "Tracker"
    assert asked == [("Locked tracker.xlsx", False)]
    codes = {p.code for p in window.review.problems if p.location.file == "Locked tracker.xlsx"}
    assert not codes & {"password-required", "wrong-password"}
