"""Register export → edit → re-import, and who changed what and when."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pccdesk.problems import PccdeskError, ProblemsFound
from pccdesk.store.history_store import HistoryStore
from pccdesk.tracker.register_export import write_register
from pccdesk.tracker.register_import import parse_date, read_register
from pccdesk.tracker.tracker_model import (
    Finding,
    FindingKind,
    FindingStatus,
    Inspection,
    ProgressUpdate,
    Register,
)
from pccdesk.tracker.tracker_store import TrackerStore
from tests.test_tracker_seed_data import write_peel_workbook, write_register_workbook


@pytest.fixture
def loaded(tmp_path: Path, history_db: Path | str) -> TrackerStore:
    store = HistoryStore(history_db)
    tracker = TrackerStore(store)
    reg = read_register(write_register_workbook(tmp_path / "register.xlsx")).register
    grades = read_register(write_peel_workbook(tmp_path / "peel.xlsx")).register.grades
    reg.grades.extend(grades)
    tracker.save_register(reg, user="importer")
    yield tracker
    store.close()


def _snapshot(tracker: TrackerStore) -> tuple[object, ...]:
    reg = tracker.register()
    return (reg.inspections, [(f.ref, f.inspection, f.kind, f.question, f.text, f.owner, f.due, f.status,
                               f.completed, f.force_position, f.updates) for f in reg.findings],
            [(a.ref, a.meeting, a.meeting_date, a.item, a.question, a.action, a.owner, a.due, a.status, a.completed,
              a.outcome, a.reported_rag, a.updates) for a in reg.actions], reg.grades)


def test_export_then_import_changes_nothing(loaded: TrackerStore, tmp_path: Path) -> None:
    before = _snapshot(loaded)
    edits_before = len(loaded.edits())
    out = write_register(loaded.register(), tmp_path / "export.xlsx")
    outcome = loaded.save_register(read_register(out).register, user="someone else")
    assert (outcome.added, outcome.changed) == (0, 0)
    assert _snapshot(loaded) == before
    assert len(loaded.edits()) == edits_before
    # and into an empty store: the same content
    with HistoryStore(tmp_path / "fresh.sqlite") as fresh:
        TrackerStore(fresh).save_register(read_register(out).register)
        assert _snapshot(TrackerStore(fresh)) == before


def test_the_export_is_a_clean_editable_workbook(loaded: TrackerStore, tmp_path: Path) -> None:
    out = write_register(loaded.register(), tmp_path / "export.xlsx")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Inspections", "Findings", "Progress", "Actions", "PEEL grades"]
    ws = book["Findings"]
    assert [c.value for c in ws[1]] == ["Ref", "Inspection", "Kind", "Question", "Text", "Owner", "Due", "Status",
                                        "Completed", "Force position"]
    assert ws["A2"].data_type == "s"
    due = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "D-PT-1")[6]
    assert due == dt.datetime(2025, 7, 28)
    statuses = [dv for dv in ws.data_validations.dataValidation if "H" in str(dv.sqref)]
    assert statuses and "Closed – no further action" in statuses[0].formula1
    grades = book["PEEL grades"]
    durham = next(r for r in grades.iter_rows(min_row=2, values_only=True) if r[0] == "Durham")
    assert durham[1] == "2023/25"
    assert durham[2:] == ("Adequate", None, "Requires improvement", "_", "Requires improvement", "Adequate",
                          "Adequate", "Adequate", "Good (96.2%)", "Outstanding")


def test_an_edit_in_excel_is_saved_with_who_and_when(loaded: TrackerStore, tmp_path: Path) -> None:
    out = write_register(loaded.register(), tmp_path / "export.xlsx")
    book = openpyxl.load_workbook(out)
    ws = book["Findings"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "D-PT-2")
    row[7].value = "In progress"
    row[5].value = "Chief Superintendent"
    progress = book["Progress"]
    progress.append(["D-PT-2", dt.datetime(2025, 6, 25), "BUS panel review started", "OPCC"])
    book.save(out)
    outcome = loaded.save_register(read_register(out).register, user="j.nellist")
    assert (outcome.added, outcome.changed) == (1, 1)
    finding = next(f for f in loaded.findings() if f.ref == "D-PT-2")
    assert (finding.status, finding.owner, finding.updated_by) == (FindingStatus.IN_PROGRESS,
                                                                  "Chief Superintendent", "j.nellist")
    assert [u.text for u in finding.updates] == ["BUS panel review started"]
    edits = {(e.field, e.old_value, e.new_value, e.user_name) for e in loaded.edits("D-PT-2")}
    assert ("status", "Not started", "In progress", "j.nellist") in edits
    assert ("owner", "ACC Local Policing", "Chief Superintendent", "j.nellist") in edits
    at = dt.datetime.fromisoformat(loaded.edits("D-PT-2")[-1].at)
    assert abs((dt.datetime.now(dt.UTC) - at).total_seconds()) < 120


def test_status_change_records_who_when_and_keeps_the_completion_date(loaded: TrackerStore) -> None:
    loaded.set_status("D-CDI-1", FindingStatus.COMPLETE, today=dt.date(2025, 7, 2), user="e.pout")
    f = next(f for f in loaded.findings() if f.ref == "D-CDI-1")
    assert (f.status, f.completed, f.updated_by) == (FindingStatus.COMPLETE, dt.date(2025, 7, 2), "e.pout")
    loaded.set_status("D-CDI-1", FindingStatus.CLOSED, today=dt.date(2025, 9, 9), user="e.pout")
    f = next(f for f in loaded.findings() if f.ref == "D-CDI-1")
    assert f.completed == dt.date(2025, 7, 2)  # done stays done on the day it was done
    loaded.set_status("D-CDI-1", FindingStatus.IN_PROGRESS, user="e.pout")
    f = next(f for f in loaded.findings() if f.ref == "D-CDI-1")
    assert f.completed is None
    fields = [(e.field, e.new_value) for e in loaded.edits("D-CDI-1") if e.user_name == "e.pout"]
    assert fields == [("status", "Complete"), ("completed", "2025-07-02"), ("status", "Closed – no further action"),
                      ("status", "In progress"), ("completed", None)]


def test_progress_updates_on_actions_and_unknown_refs(loaded: TrackerStore) -> None:
    assert loaded.add_update("A-7", dt.date(2025, 7, 1), "Briefing booked", user="e.pout")
    assert not loaded.add_update("A-7", dt.date(2025, 7, 1), "Briefing booked", user="e.pout")
    a7 = next(a for a in loaded.actions() if a.ref == "A-7")
    assert (a7.last_update, a7.updates[0].by, a7.updated_by) == (dt.date(2025, 7, 1), "e.pout", "e.pout")
    with pytest.raises(PccdeskError, match="no finding or action"):
        loaded.set_status("Z-99", FindingStatus.COMPLETE)
    with pytest.raises(PccdeskError, match="needs some text"):
        loaded.add_update("A-7", dt.date(2025, 7, 1), "  ")


def test_a_failed_save_leaves_the_store_as_it_was(loaded: TrackerStore) -> None:
    reg = loaded.register()
    before = _snapshot(loaded)
    reg.findings[0].owner = "changed"
    reg.findings[1].kind = None  # type: ignore[assignment]  # breaks half way through the save
    with pytest.raises(AttributeError):
        loaded.save_register(reg)
    assert _snapshot(loaded) == before


@pytest.mark.parametrize(("raw", "want"), [
    ("2025-03-31", dt.date(2025, 3, 31)), ("31/03/2025", dt.date(2025, 3, 31)), ("1/4/25", dt.date(2025, 4, 1)),
    ("31 March 2025", dt.date(2025, 3, 31)), ("1st Apr 2025", dt.date(2025, 4, 1)),
    (dt.datetime(2025, 3, 31, 0, 0), dt.date(2025, 3, 31)), (45747.0, dt.date(2025, 3, 31)), ("", None),
    (None, None), ("2025-03-31 00:00:00", dt.date(2025, 3, 31)),
])
def test_dates_as_people_write_them(raw: object, want: dt.date | None) -> None:
    assert parse_date(raw) == want


@pytest.mark.parametrize("raw", ["soon", "31/13/2025", "12.5", "Q1 2025"])
def test_not_dates(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_date(raw)


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85")
                | st.just("\n"), min_size=1, max_size=60).map(str.strip).filter(bool)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT, owner=_TEXT, position=_TEXT, update=_TEXT,
       status=st.sampled_from(list(FindingStatus)), kind=st.sampled_from(list(FindingKind)),
       due=st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))))
def test_any_text_survives_the_round_trip(tmp_path_factory: pytest.TempPathFactory, text: str, owner: str,
                                          position: str, update: str, status: FindingStatus, kind: FindingKind,
                                          due: dt.date | None) -> None:
    """Formula-like, unicode and multi-line text, every status and kind: export then import gives it back."""
    folder = tmp_path_factory.mktemp("rt")
    reg = Register(inspections=[Inspection("=1+1 inspection", "HMICFRS")],
                   findings=[Finding("=A1", "=1+1 inspection", kind, text, "Q", owner, due, status, None,
                                     position)],
                   updates=[ProgressUpdate("=A1", dt.date(2025, 1, 2), update, "@someone")])
    with HistoryStore(folder / "a.sqlite") as a:
        first = read_register(write_register(reg, folder / "typed.xlsx")).register  # as a person would type it
        TrackerStore(a).save_register(first)
        out = write_register(TrackerStore(a).register(), folder / "x.xlsx")
        again = TrackerStore(a).save_register(read_register(out).register)
        assert (again.added, again.changed) == (0, 0)
        got = TrackerStore(a).findings()[0]
    assert (got.text, got.owner, got.force_position, got.kind, got.status, got.due) == (
        text.replace("\r\n", "\n"), " ".join(owner.split()), position.replace("\r\n", "\n"), kind, status, due)
    assert [u.text for u in got.updates] == [update.replace("\r\n", "\n")]


def test_a_csv_register_of_actions_imports(tmp_path: Path) -> None:
    path = tmp_path / "actions.csv"
    path.write_text("Ref,Meeting,Meeting date,Item,Action,Owner,Due,Status\n"
                    "A-9,Scrutiny meeting,25/10/2017,Use of Drones,DCC to brief the PCC,DCC,20/07/2025,Not started\n",
                    encoding="utf-8")
    [action] = read_register(path).register.actions
    assert (action.ref, action.meeting_date, action.due, action.status) == (
        "A-9", dt.date(2017, 10, 25), dt.date(2025, 7, 20), FindingStatus.NOT_STARTED)


def test_a_workbook_that_is_not_a_register_says_so(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("Name,Value\nx,1\n", encoding="utf-8")
    with pytest.raises(ProblemsFound, match="no sheet of this workbook looks like a tracker register"):
        read_register(path)
