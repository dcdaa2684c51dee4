"""The Tracker tab, headless: the table over the store, filters, the validated form, saves with who and when."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QDate, Qt  # noqa: E402

from pccdesk.store.history_store import HistoryStore  # noqa: E402
from pccdesk.tracker.register_import import read_register  # noqa: E402
from pccdesk.tracker.tracker_model import FindingStatus  # noqa: E402
from pccdesk.tracker.tracker_store import TrackerStore  # noqa: E402
from pccdesk.ui.tracker_tab import TRACKER_HEADERS, TrackerFilter, TrackerTab  # noqa: E402
from tests.test_tracker_seed_data import (  # noqa: E402
    ACTION_ROWS,
    FINDING_ROWS,
    TODAY,
    write_peel_workbook,
    write_register_workbook,
)

ALL = len(FINDING_ROWS) + len(ACTION_ROWS)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "h.sqlite"
    with HistoryStore(path) as store:
        TrackerStore(store).save_register(read_register(write_register_workbook(tmp_path / "r.xlsx")).register,
                                          user="importer")
    return path


@pytest.fixture
def tab(qtbot, db: Path) -> TrackerTab:  # type: ignore[no-untyped-def]
    widget = TrackerTab(db=db, today=TODAY, user="e.pout")
    qtbot.addWidget(widget)
    return widget


def shown_refs(tab: TrackerTab) -> list[str]:
    return [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())]


def test_the_table_shows_every_item_with_its_rag(tab: TrackerTab) -> None:
    assert tab.model.rowCount() == ALL
    assert tab.model.columnCount() == len(TRACKER_HEADERS)
    row = tab.model.row_of("D-IC-1")
    assert tab.model.index(row, 7).data() == "! Amber"
    assert tab.model.index(row, 5).data() == "15 Jul 2025"
    assert tab.model.index(row, 10).data() == "importer"
    assert tab.model.index(row, 7).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert tab.count_label.text() == f"{ALL} of {ALL} items shown; 4 overdue"


def test_filters_by_status_rag_and_text(tab: TrackerTab) -> None:
    tab.rag_filter.setCurrentText("Red")
    assert sorted(shown_refs(tab)) == ["A-1", "D-CDI-3", "D-PV-1", "D-RP-1"]
    tab.rag_filter.setCurrentIndex(0)
    tab.status_filter.setCurrentText("Closed – no further action")
    assert sorted(shown_refs(tab)) == ["A-2", "A-3", "A-4", "A-6", "D-RP-I1", "N-AP-3"]
    tab.status_filter.setCurrentText(TrackerFilter.OPEN)
    assert all(tab.model.item_at(tab.proxy.mapToSource(tab.proxy.index(r, 0)).row()).status.is_done is False
               for r in range(tab.proxy.rowCount()))
    tab.status_filter.setCurrentIndex(0)
    tab.search_field.setText("drones")  # the agenda item the action came from
    assert shown_refs(tab) == ["A-7"]
    tab.search_field.setText("brief the pcc")
    assert shown_refs(tab) == ["A-7"]
    tab.search_field.setText("MARAC")
    assert shown_refs(tab) == ["D-PV-3"]
    tab.search_field.clear()
    assert len(shown_refs(tab)) == ALL


def test_the_form_refuses_until_something_valid_is_given(tab: TrackerTab) -> None:
    assert not tab.save_button.isEnabled()
    assert "Choose" in tab.validate()
    assert tab.select_ref("D-IC-1")
    assert tab.save_button.isEnabled()
    assert tab.validate().startswith("Nothing to save")
    tab.update_text.setPlainText("x" * 2001)
    assert "under 2,000" in tab.validate()
    tab.update_text.setPlainText("Outcomes audit done")
    tab.update_date.setDate(QDate(2025, 7, 1))
    assert tab.validate() == "The update's date is in the future."
    assert not tab.save()
    assert tab.form_message.text() == "The update's date is in the future."
    with HistoryStore(tab.db) as store:
        assert not any(e.user_name == "e.pout" for e in TrackerStore(store).edits())


def test_saving_a_status_and_an_update_records_who_and_when(qtbot, tab: TrackerTab) -> None:  # type: ignore[no-untyped-def]
    assert tab.select_ref("D-IC-1")
    tab.status_field.setCurrentText("Complete")
    assert tab.completed_field.isEnabled()
    tab.completed_field.setDate(QDate(2025, 6, 27))
    tab.update_text.setPlainText("Outcomes audit complete;\nfindings to the board")
    tab.update_date.setDate(QDate(2025, 6, 28))
    with qtbot.waitSignal(tab.saved, timeout=2000) as signal:
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["D-IC-1"]
    with HistoryStore(tab.db) as store:
        tracker = TrackerStore(store)
        f = next(f for f in tracker.findings() if f.ref == "D-IC-1")
        assert (f.status, f.completed, f.updated_by) == (FindingStatus.COMPLETE, dt.date(2025, 6, 27), "e.pout")
        assert [(u.on, u.text, u.by) for u in f.updates] == [
            (dt.date(2025, 6, 28), "Outcomes audit complete;\nfindings to the board", "e.pout")]
        edits = tracker.edits("D-IC-1")
        assert {e.field for e in edits if e.user_name == "e.pout"} == {"status", "completed", "(progress update)"}
        assert all(dt.datetime.fromisoformat(e.at).tzinfo is not None for e in edits)
    # the table shows it straight away, still selected
    row = tab.model.row_of("D-IC-1")
    assert tab.model.index(row, 7).data() == "✔ Green"
    assert tab.model.index(row, 10).data() == "e.pout"
    assert tab.selected is not None and tab.selected.ref == "D-IC-1"
    assert "e.pout" in tab.history_label.text()


def test_an_update_alone_turns_amber_green(tab: TrackerTab) -> None:
    assert tab.select_ref("A-7")
    tab.update_text.setPlainText("Briefing booked for July")
    assert tab.save()
    assert tab.model.index(tab.model.row_of("A-7"), 7).data() == "✔ Green"


def test_a_busy_database_keeps_the_text(tab: TrackerTab, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pccdesk.ui.tracker_tab.BUSY_TIMEOUT_SECONDS", 0.2)
    assert tab.select_ref("D-PT-2")
    tab.update_text.setPlainText("Started")
    blocker = sqlite3.connect(str(tab.db), timeout=0.1)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        assert not tab.save()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert "busy" in tab.form_message.text() and "Your text is still here" in tab.form_message.text()
    assert tab.update_text.toPlainText() == "Started"


def test_import_and_export_from_the_tab(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = TrackerTab(db=tmp_path / "empty.sqlite", today=TODAY, user="e.pout")
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 0
    assert tab.import_files([write_register_workbook(tmp_path / "r.xlsx"), write_peel_workbook(tmp_path / "p.xlsx")])
    assert tab.model.rowCount() == ALL
    bad = write_peel_workbook(tmp_path / "bad.xlsx", [["Durham", "Brilliant"]])
    assert not tab.import_files([bad])
    assert "Nothing imported" in tab.last_message and "B4" in tab.last_message
    assert tab.export_to(tmp_path / "out.xlsx")
    assert (tmp_path / "out.xlsx").is_file()
    tab.set_db(tmp_path / "other.sqlite")
    assert tab.model.rowCount() == 0
