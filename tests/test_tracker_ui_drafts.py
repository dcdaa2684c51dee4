"""The Tracker tab's form never drops a progress update that was typed and not saved."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from pccdesk.store.history_store import HistoryStore  # noqa: E402
from pccdesk.tracker.tracker_store import TrackerStore  # noqa: E402
from pccdesk.ui.tracker_tab import TrackerTab  # noqa: E402
from tests.test_tracker_ui import db, tab  # noqa: E402, F401  (the fixtures)

TYPED = "Force confirmed the new call-handling rota starts on 1 June; PCC to be briefed."


def test_a_typed_update_survives_moving_to_another_item(tab: TrackerTab) -> None:  # noqa: F811
    assert tab.select_ref("D-PV-1")
    tab.update_text.setPlainText(TYPED)
    assert tab.select_ref("D-IC-1")  # the next row, by keyboard, before pressing Save
    assert tab.update_text.toPlainText() == ""
    assert tab.select_ref("D-PV-1")
    assert tab.update_text.toPlainText() == TYPED
    assert "not saved" in tab.form_message.text()
    assert tab.save()
    assert tab.update_text.toPlainText() == ""  # saved: no longer a draft
    assert tab.select_ref("D-IC-1") and tab.select_ref("D-PV-1")
    assert tab.update_text.toPlainText() == ""
    with HistoryStore(tab.db) as store:
        updates = [u.text for u in TrackerStore(store).updates().get("D-PV-1", [])]
    assert updates.count(TYPED) == 1
