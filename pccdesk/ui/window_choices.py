"""The choices the window remembers between days: period, force, the pack's cover, inbox folder and plan.

The Period list is built from real quarters only — the recent periods packed
and the quarters around today — never from text half-typed into the box. The
meeting date is not carried over: each quarter's Panel meets on its own date.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pccdesk.periods import reporting_period_start
from pccdesk.ui.app_state import quarters_around

if TYPE_CHECKING:
    from pccdesk.ui.main_window import MainWindow


def meeting_hint(period: str) -> str:
    """The meeting-date field's hint for a quarter: Panels usually meet in the second or third month after it
    ends, so the hint names that month (a hint only — the field stays empty until the date is typed)."""
    start = reporting_period_start(period)
    if start is None:
        return "e.g. 22 September 2015"
    month = start.month + 3 + 1  # the quarter's three months, then the second month after it
    year = start.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return f"e.g. a date in {dt.date(year, month, 1):%B %Y}"


def period_choices(recent: list[str]) -> list[str]:
    """The recent periods that are real quarters, then this year's and last year's quarters, without repeats."""
    valid = [p for p in recent if reporting_period_start(p) is not None]
    return list(dict.fromkeys(valid + quarters_around()))


def restore_choices(window: MainWindow) -> None:
    s = window.settings
    window.period_combo.blockSignals(True)
    window.period_combo.addItems(period_choices(s.recent_periods()))
    saved = s.text("period")
    window.period_combo.setCurrentText(saved if reporting_period_start(saved) is not None else "")
    window.period_combo.blockSignals(False)
    window.meeting_field.setPlaceholderText(meeting_hint(window.period))
    window.period_combo.currentTextChanged.connect(
        lambda text: window.meeting_field.setPlaceholderText(meeting_hint(text.strip())))
    window.force_field.setText(s.text("force"))
    window.title_field.setText(s.text("title"))
    window.marking_combo.setCurrentText(s.text("marking", "OFFICIAL") or "OFFICIAL")
    inbox = s.path("inbox_folder")
    if inbox is not None and inbox.is_dir():
        window.set_inbox(inbox)
    plan = s.path("plan")
    if plan is not None and plan.exists():
        window.set_plan(plan)


def sync_state(window: MainWindow) -> None:
    """Copy what the fields say into the app state (the state holds plain values, never widgets)."""
    state = window.state
    state.period = window.period
    state.force = window.force_field.text().strip()
    state.meeting_date = window.meeting_field.text().strip()
    state.title = window.title_field.text().strip()
    state.marking = window.marking_combo.currentText().strip()
    state.include_tracker = window.tracker_check.isChecked()
    state.html_copy = window.inputs_panel.html_check.isChecked()
