"""Registers in the shapes OPCCs keep them: merged cells, findings without an inspection, one item in two files.

Each expected figure is worked out by hand from the rows written here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from pccdesk.cli import main
from pccdesk.problems import ProblemsFound
from pccdesk.store.history_store import HistoryStore
from pccdesk.tracker.pack_section import import_registers
from pccdesk.tracker.register_import import read_register
from pccdesk.tracker.tracker_model import FindingStatus
from pccdesk.tracker.tracker_store import TrackerStore

HEAD = ["Ref", "Inspection", "Kind", "Text", "Due", "Status", "Completed"]


def _register(path: Path, rows: list[list[object]], merges: tuple[str, ...] = ()) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Recommendations"
    ws.append(HEAD)
    for row in rows:
        ws.append(row)
    for merge in merges:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def _table(path: Path, sheet: str) -> list[tuple[object, ...]]:
    return [r for r in openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True) if any(v is not None for v in r)]


def _merged_register(tmp_path: Path) -> Path:
    # one inspection and one due date typed once, merged down over the three findings they belong to
    return _register(tmp_path / "merged.xlsx", [
        ["R1", "PEEL 2023", "AFI", "Improve call handling", dt.datetime(2024, 3, 31), "Ongoing", None],
        ["R2", None, "AFI", "Improve crime recording", None, "Ongoing", None],
        ["R3", None, "AFI", "Improve vetting", None, "Complete", dt.datetime(2024, 2, 1)],
    ], merges=("B2:B4", "E2:E4"))


def test_a_cell_merged_down_over_several_rows_belongs_to_each_of_them(tmp_path: Path) -> None:
    findings = {f.ref: f for f in read_register(_merged_register(tmp_path)).register.findings}
    assert {f.inspection for f in findings.values()} == {"PEEL 2023"}
    assert {f.due for f in findings.values()} == {dt.date(2024, 3, 31)}


def test_merged_due_dates_make_every_row_overdue_in_the_report(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.xlsx"
    assert main(["tracker", "report", str(_merged_register(tmp_path)), "--db", str(tmp_path / "h.sqlite"),
                 "--today", "2024-06-01", "--out", str(out)]) == 0
    # R1 and R2 are open and were due 31 March 2024: both Red on 1 June; R3 is complete
    assert "2 open items: 2 Red, 0 Amber" in capsys.readouterr().out
    rows = _table(out, "Inspections")
    header = rows[1]
    [peel] = [dict(zip(header, r, strict=True)) for r in rows[2:]]
    assert (peel["Inspection"], peel["Total"], peel["In progress"], peel["Complete"], peel["Red"], peel["Green"]) \
        == ("PEEL 2023", 3, 2, 1, 2, 1)


def test_findings_without_an_inspection_are_still_counted_in_the_summary(tmp_path: Path) -> None:
    reg = _register(tmp_path / "reg.xlsx", [
        ["R1", "PEEL 2023", "AFI", "Improve call handling", None, "Ongoing", None],
        ["R2", "", "Recommendation", "Improve vetting", dt.datetime(2024, 3, 31), "Ongoing", None],
        ["R3", "", "Recommendation", "Review custody", None, "Not started", None],
    ])
    out = tmp_path / "report.xlsx"
    assert main(["tracker", "report", str(reg), "--db", str(tmp_path / "h.sqlite"), "--today", "2024-06-01",
                 "--out", str(out)]) == 0
    rows = _table(out, "Inspections")
    counted = {(r[0], r[5]): r[6] for r in rows[2:]}
    # three findings in the register, so three in the summary: R2 and R3 under a line saying they have no inspection
    assert sum(counted.values()) == 3
    assert counted[("(inspection not given)", "Recommendation")] == 2


def test_one_reference_in_two_files_with_different_statuses_stops_the_import(tmp_path: Path) -> None:
    first = _register(tmp_path / "march.xlsx", [["R1", "PEEL 2023", "AFI", "Improve call handling",
                                                 dt.datetime(2024, 3, 31), "Complete", dt.datetime(2024, 3, 1)]])
    second = _register(tmp_path / "april.xlsx", [["R1", "PEEL 2023", "AFI", "Improve call handling",
                                                  dt.datetime(2024, 3, 31), "Ongoing", None]])
    with HistoryStore(tmp_path / "h.sqlite") as store:
        with pytest.raises(ProblemsFound) as caught:
            import_registers(store, [first, second])
        assert TrackerStore(store).findings() == []  # neither file's R1 was saved
    [problem] = [p for p in caught.value.problems if p.code == "tracker-conflicting-files"]
    assert "march.xlsx" in str(problem.location) + problem.message
    assert "april.xlsx" in str(problem.location) + problem.message


def test_the_same_item_unchanged_in_two_files_is_imported_once(tmp_path: Path) -> None:
    row: list[object] = ["R1", "PEEL 2023", "AFI", "Improve call handling", dt.datetime(2024, 3, 31), "Ongoing", None]
    files = [_register(tmp_path / "a.xlsx", [row]), _register(tmp_path / "b.xlsx", [row])]
    with HistoryStore(tmp_path / "h.sqlite") as store:
        import_registers(store, files)
        [finding] = TrackerStore(store).findings()
    assert finding.status is FindingStatus.IN_PROGRESS


def _grades(path: Path, rows: list[list[object]], round_: str = "PEEL 2023-25") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = round_
    ws.append(["Force", "Public treatment", "Responding to the public", "Investigating crime"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_one_grade_given_differently_in_two_files_stops_the_import(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    first = _grades(tmp_path / "briefing.xlsx", [["Durham", "Good", "Adequate", "Good"]])
    second = _grades(tmp_path / "tracker.xlsx", [["Durham", "Good", "Requires improvement", "Good"]])
    assert main(["tracker", "import", str(first), str(second), "--db", str(tmp_path / "h.sqlite")]) == 2
    err = capsys.readouterr().err
    assert "tracker.xlsx" in err and "briefing.xlsx" in err and "Responding to the public" in err
    with HistoryStore(tmp_path / "h.sqlite") as store:
        assert TrackerStore(store).grades() == []


def test_adequate_in_a_round_of_the_four_point_scale_is_not_a_grade(tmp_path: Path) -> None:
    # PEEL rounds before 2021/22 graded Outstanding, Good, Requires improvement or Inadequate: no Adequate
    path = _grades(tmp_path / "old.xlsx", [["Durham", "Good", "Adequate", "Good"]], "PEEL 2018-19")
    with pytest.raises(ProblemsFound) as caught:
        read_register(path)
    [problem] = [p for p in caught.value.problems if p.code == "tracker-bad-grade"]
    assert problem.location.cell == "C2" and "2018/19" in problem.message


def test_no_step_change_is_counted_across_the_change_from_four_to_five_grades(tmp_path: Path) -> None:
    old = _grades(tmp_path / "old.xlsx", [["Durham", "Requires improvement", "Good", "Good"]], "PEEL 2018-19")
    new = _grades(tmp_path / "new.xlsx", [["Durham", "Adequate", "Good", "Good"]], "PEEL 2021-22")
    out = tmp_path / "report.xlsx"
    assert main(["tracker", "report", str(old), str(new), "--db", str(tmp_path / "h.sqlite"), "--today",
                 "2024-06-01", "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    table = book["Data"].tables["PeelGrades"]
    rows = [[c.value for c in r] for r in book["Data"][table.ref]]
    got = {(r[0], r[1], r[2]): dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    treatment = got[("Durham", "2021/22", "Public treatment")]
    # RI was one step below Good on the four-point scale, two steps below it on the five-point one:
    # a count of steps between the two scales would mean nothing
    assert treatment["Previous grade"] == "Requires improvement" and treatment["Change (steps)"] is None
    responding = got[("Durham", "2021/22", "Responding to the public")]
    assert responding["Previous grade"] == "Good" and responding["Change (steps)"] is None
    matrix = [c.value for r in book["PEEL grades"].iter_rows() for c in r if isinstance(c.value, str)]
    assert any(v.startswith("Adequate\n") and "four-point" in v for v in matrix)


def test_a_completion_date_on_an_open_item_is_reported_not_ignored(tmp_path: Path) -> None:
    reg = _register(tmp_path / "reg.xlsx", [
        ["R1", "PEEL 2023", "AFI", "Improve call handling", dt.datetime(2024, 3, 31), "Ongoing",
         dt.datetime(2024, 3, 1)],
        ["R2", "PEEL 2023", "AFI", "Improve vetting", dt.datetime(2024, 3, 31), "Complete", dt.datetime(2024, 3, 1)],
    ])
    reading = read_register(reg)
    [problem] = [p for p in reading.problems if p.code == "tracker-status-dates"]
    assert problem.location.cell == "G2" and "In progress" in problem.message and "01/03/2024" in problem.message
    # the status is what the register says: R1 stays open (and so Red when overdue), R2 is done
    assert [f.status for f in reading.register.findings] == [FindingStatus.IN_PROGRESS, FindingStatus.COMPLETE]


def test_a_year_cell_that_cannot_be_read_is_not_replaced_by_the_sheet_name(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PEEL 2023-25"
    ws.append(["Force", "Year", "Public treatment", "Responding to the public", "Investigating crime"])
    ws.append(["Durham", "2021/22", "Good", "Adequate", "Good"])
    ws.append(["Durham", "last time", "Good", "Good", "Good"])
    ws.append(["Durham", None, "Adequate", "Good", "Good"])  # blank: the round in the sheet name
    wb.save(tmp_path / "grades.xlsx")
    with pytest.raises(ProblemsFound) as caught:
        read_register(tmp_path / "grades.xlsx")
    [problem] = [p for p in caught.value.problems if p.code == "tracker-grade-year"]
    assert problem.location.cell == "B3" and "last time" in problem.message


def test_an_update_dated_after_today_does_not_make_an_item_due_soon_green() -> None:
    from pccdesk.tracker.progress_rag import progress_rag
    from pccdesk.tracker.tracker_model import Rag

    today = dt.date(2024, 6, 1)
    # due in 10 days; the only update is dated a year ahead (a slip for 2024): no update has happened yet
    result = progress_rag(status=FindingStatus.IN_PROGRESS, due=dt.date(2024, 6, 11),
                          last_update=dt.date(2025, 5, 20), today=today)
    assert result.rag is Rag.AMBER and "after" in result.reason and "20 May 2025" in result.reason
    same_day = progress_rag(status=FindingStatus.IN_PROGRESS, due=dt.date(2024, 6, 11), last_update=today,
                            today=today)
    assert same_day.rag is Rag.GREEN


def test_a_us_date_is_named_as_one_and_the_other_dates_are_to_be_checked(tmp_path: Path) -> None:
    reg = _register(tmp_path / "reg.xlsx", [
        ["R1", "PEEL 2023", "AFI", "Improve call handling", "04/05/2024", "Ongoing", None],
        ["R2", "PEEL 2023", "AFI", "Improve vetting", "03/31/2024", "Ongoing", None],
    ])
    with pytest.raises(ProblemsFound) as caught:
        read_register(reg)
    [problem] = [p for p in caught.value.problems if p.code == "tracker-bad-date"]
    assert problem.location.cell == "E3"
    assert "month first" in problem.message and "31/03/2024" in problem.message


def test_one_inspection_given_differently_in_two_files_stops_the_import(tmp_path: Path) -> None:
    def book(path: Path, due: dt.datetime) -> Path:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Inspections"
        ws.append(["Inspection", "Inspectorate", "Published", "Response required", "Response due"])
        ws.append(["Vetting and misconduct", "HMICFRS", dt.datetime(2022, 11, 2), "Yes", due])
        wb.save(path)
        return path

    files = [book(tmp_path / "a.xlsx", dt.datetime(2023, 1, 2)), book(tmp_path / "b.xlsx", dt.datetime(2023, 2, 2))]
    with HistoryStore(tmp_path / "h.sqlite") as store:
        with pytest.raises(ProblemsFound) as caught:
            import_registers(store, files)
        assert TrackerStore(store).inspections() == []
    [problem] = [p for p in caught.value.problems if p.code == "tracker-conflicting-files"]
    assert "Vetting and misconduct" in problem.message and "a.xlsx" in problem.message
    assert problem.location.file == "b.xlsx"


def test_a_rag_column_in_a_findings_register_is_said_to_be_not_read(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Recs"
    ws.append([*HEAD, "RAG"])
    ws.append(["R1", "PEEL 2023", "AFI", "Improve call handling", dt.datetime(2024, 3, 31), "Ongoing", None, "Green"])
    wb.save(tmp_path / "reg.xlsx")
    reading = read_register(tmp_path / "reg.xlsx")
    [note] = [p for p in reading.problems if p.code == "tracker-rag-not-read"]
    assert note.location.cell == "H1" and "due date" in note.message


def test_rag_and_status_counts_at_the_boundaries_of_today_and_the_amber_window(tmp_path: Path,
                                                                              capsys: pytest.CaptureFixture[str]) -> None:
    day = dt.datetime
    reg = _register(tmp_path / "reg.xlsx", [
        ["R1", "PEEL 2023", "AFI", "a", day(2024, 5, 31), "Ongoing", None],           # due yesterday: Red
        ["R2", "PEEL 2023", "AFI", "b", "01/06/2024", "not started", None],            # due today: Amber
        ["R3", "PEEL 2023", "AFI", "c", "2024-06-29", "In Progress", None],            # in 28 days: Amber
        ["R4", "PEEL 2023", "AFI", "d", day(2024, 6, 30), "ongoing", None],           # in 29 days: Green
        ["R5", "PEEL 2023", "AFI", "e", None, "Ongoing", None],                        # no due date: Green
        ["R6", "PEEL 2023", "AFI", "f", day(2024, 1, 1), "Closed - NFA", day(2024, 2, 1)],  # done: Green
        ["R7", "PEEL 2023", "AFI", "g", day(2024, 1, 1), "Completed", None],           # done, no date: Green
    ])
    out = tmp_path / "report.xlsx"
    assert main(["tracker", "report", str(reg), "--db", str(tmp_path / "h.sqlite"), "--today", "2024-06-01",
                 "--out", str(out)]) == 0
    assert "5 open items: 1 Red, 2 Amber" in capsys.readouterr().out
    rows = _table(out, "Inspections")
    [peel] = [dict(zip(rows[1], r, strict=True)) for r in rows[2:]]
    assert [peel[k] for k in ("Total", "Not started", "In progress", "Complete", "Closed – NFA", "Red", "Amber",
                              "Green")] == [7, 1, 4, 1, 1, 1, 2, 4]
