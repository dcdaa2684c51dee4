"""The tracker's pack sheets and Data tables, opened again with openpyxl; and the CLI end to end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from pccdesk.cli import main
from pccdesk.store.history_store import HistoryStore
from pccdesk.tracker.pack_section import build_tracker_section
from pccdesk.tracker.tracker_model import PeelGrade
from pccdesk.tracker.tracker_sheets import GRADE_FILLS
from pccdesk.tracker.tracker_store import TrackerStore
from pccdesk.writers.section_workbook import write_section_workbook as write_report
from tests.test_tracker_seed_data import (
    ELDAP,
    ELDAP_LINK,
    QUESTIONS,
    SEED_PEEL_ROWS,
    TODAY,
    expected_grade,
    write_peel_workbook,
    write_register_workbook,
)

#: Invented for the test (not from a seed): an earlier PEEL round for Durham, to show grade changes.
EARLIER_DURHAM = [["Durham", "Good", "Good", "Adequate", "Good", "Requires Improvement", "Good", "Good", "Good",
                   "Good (91.5%)", "n/a"]]

EXPECTED_RAG = {
    "D-CDI-1": "Green", "D-CDI-2": "Green", "D-CDI-3": "Red", "D-PT-1": "Green", "D-PT-2": "Green",
    "D-RP-1": "Red", "D-RP-3": "Green", "D-IC-1": "Amber", "D-PV-1": "Red", "N-AP-2": "Green", "N-AP-4": "Green",
    "N-AP-1": "Green", "A-1": "Red", "A-2": "Green", "A-3": "Green", "A-5": "Green", "A-7": "Amber",
}


@pytest.fixture
def pack_path(tmp_path: Path) -> Path:
    files = [write_register_workbook(tmp_path / "register.xlsx"), write_peel_workbook(tmp_path / "peel.xlsx"),
             write_peel_workbook(tmp_path / "peel-earlier.xlsx", EARLIER_DURHAM, title="PEEL 2021/22")]
    with HistoryStore(tmp_path / "h.sqlite") as store:
        section = build_tracker_section(store, files, today=TODAY)
        assert [p.code for p in section.problems if p.severity.rank < 2] == []
        return write_report(section, tmp_path / "tracker.xlsx")


def table_rows(book: openpyxl.Workbook, name: str) -> tuple[list[str], list[dict[str, Any]]]:
    ws: Worksheet = book["Data"]
    table = ws.tables[name]
    cells = ws[table.ref]
    headers = [str(c.value) for c in cells[0]]
    assert headers == [c.name for c in table.tableColumns]
    rows = [dict(zip(headers, [c.value for c in row], strict=True)) for row in cells[1:]]
    return headers, [r for r in rows if any(v is not None for v in r.values())]


def test_data_tables_are_named_with_headers_and_values(pack_path: Path) -> None:
    book = openpyxl.load_workbook(pack_path)
    assert {"Findings", "PeelGrades", "Actions", "DataQuality"} <= set(book["Data"].tables)
    headers, findings = table_rows(book, "Findings")
    assert headers[:10] == ["Ref", "Inspection", "Kind", "Question", "Text", "Owner", "Due", "Status", "Completed",
                            "RAG"]
    rag = {r["Ref"]: r["RAG"] for r in findings}
    _, actions = table_rows(book, "Actions")
    rag.update({r["Ref"]: r["RAG"] for r in actions})
    for ref, want in EXPECTED_RAG.items():
        assert rag[ref] == want, ref
    done = next(r for r in findings if r["Ref"] == "D-CDI-2")
    assert (done["Status"], done["Completed"], done["RAG reason"]) == ("Complete", dt.datetime(2025, 5, 20),
                                                                       "Complete on 20 May 2025")
    a3 = next(r for r in actions if r["Ref"] == "A-3")
    assert a3["Reported RAG"] == "Amber" and "amber status on spend" in a3["Outcome"]

    headers, grades = table_rows(book, "PeelGrades")
    assert headers == ["Force", "Year", "Question", "Grade", "Recording rate", "As shown", "Previous year",
                       "Previous grade", "Change (steps)"]
    current = {(r["Force"], r["Question"]): r for r in grades if r["Year"] == "2023/25"}
    for row in SEED_PEEL_ROWS:
        for question, cell in zip(QUESTIONS, row[1:], strict=True):
            want = expected_grade(cell)
            got = current.get((row[0], question))
            if want is None:
                assert got is None
                continue
            assert got is not None, (row[0], question)
            assert got["Grade"] == (want[0].value if want[0] else "Not graded")
            # the recording rate is a fraction shown as a percentage: "96.2%" is 0.962 (the digits given, no float noise)
            assert got["Recording rate"] == (None if want[1] is None else float(f"{want[1] / 100:.4g}"))
    cdi = current[("Durham", "Crime data integrity")]
    assert (cdi["As shown"], cdi["Previous grade"], cdi["Change (steps)"]) == ("Good (96.2%)", "Good", 0)
    pt = current[("Durham", "Public treatment")]
    assert (pt["Previous year"], pt["Previous grade"], pt["Change (steps)"]) == ("2021/22", "Good", -1)
    ic = current[("Durham", "Investigating crime")]
    assert ic["Change (steps)"] is None  # not graded now: no change to show


def test_grades_matrix_sheet_has_every_grade_as_words_and_colour(pack_path: Path) -> None:
    book = openpyxl.load_workbook(pack_path)
    ws = book["PEEL grades"]
    assert ws["A3"].value == "PEEL 2023/25"
    assert [c.value for c in ws[4]][: 1 + len(QUESTIONS)] == ["Force", *QUESTIONS]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=5, max_row=13)}
    assert list(rows) == sorted(row[0] for row in SEED_PEEL_ROWS)  # forces in alphabetical order
    for row in SEED_PEEL_ROWS:
        for c, cell in enumerate(row[1:], start=1):
            shown = rows[row[0]][c]
            want = expected_grade(cell)
            text = (shown.value or "").split("\n")[0]
            if want is None:
                assert text == ""
            elif want[0] is None:
                assert text == "Not graded" and shown.font.i
            else:
                assert text.lower() == cell.lower(), (row[0], QUESTIONS[c - 1])
                assert shown.fill.fgColor.rgb[-6:] == GRADE_FILLS[want[0]].lstrip("#")
    assert rows["Durham"][1].value == "Adequate\nDown 1 step from Good (2021/22)"
    assert rows["Durham"][10].value == "Outstanding"
    fills = {GRADE_FILLS[g] for g in PeelGrade if g is not PeelGrade.NOT_APPLICABLE}
    assert len(fills) == 5


def test_open_items_overdue_first_then_by_due_date(pack_path: Path) -> None:
    book = openpyxl.load_workbook(pack_path)
    ws = book["Open items"]
    assert ws["A1"].value == "Open items on 30 June 2025: overdue first, then by due date"
    headers = [c.value for c in ws[3]]
    rows = [dict(zip(headers, [c.value for c in r], strict=True)) for r in ws.iter_rows(min_row=4)
            if r[0].value]
    refs = [r["Ref"] for r in rows]
    assert refs[:9] == ["D-PV-1", "A-1", "D-RP-1", "D-CDI-3", "D-RP-3", "A-5", "D-IC-1", "A-7", "D-PT-1"]
    assert all(r["Status"] not in ("Complete", "Closed – no further action") for r in rows)
    assert rows[0]["RAG"] == "✖ Red" and rows[0]["Why"] == "Overdue by 61 days"
    amber = next(r for r in rows if r["Ref"] == "D-IC-1")
    assert amber["RAG"] == "! Amber"
    assert rows[-1]["Due"] is None  # no due date goes last


def test_inspections_summary_counts(pack_path: Path) -> None:
    book = openpyxl.load_workbook(pack_path)
    ws = book["Inspections"]
    headers = [c.value for c in ws[3]]
    assert headers == ["Inspection", "Inspectorate", "Type", "Published", "Response due", "Finding", "Total",
                       "Not started", "In progress", "Complete", "Closed – NFA", "Red", "Amber", "Green"]
    rows = {(r[0], r[5]): r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]}
    afi = rows[("PEEL 2023/25: Durham Constabulary", "Area for improvement")]
    assert afi[6:] == (20, 3, 14, 3, 0, 3, 1, 16)
    recs = rows[("Abuse of position for a sexual purpose (national)", "Recommendation")]
    assert recs[6:] == (4, 1, 1, 1, 1, 0, 0, 4)
    assert rows[("Durham/ National – Child Protection Inspection", "(none recorded)")][6] == 0
    cells = {c.value: c for c in ws["A"]}
    assert cells[ELDAP].hyperlink is not None and cells[ELDAP].hyperlink.target == ELDAP_LINK
    assert cells["Cyber: Keep the light on (spotlight)"].hyperlink is None  # not an allowed site: text only


def test_scrutiny_actions_log(pack_path: Path) -> None:
    ws = openpyxl.load_workbook(pack_path)["Scrutiny actions"]
    headers = [c.value for c in ws[3]]
    rows = {r[0]: dict(zip(headers, r, strict=True)) for r in ws.iter_rows(min_row=4, values_only=True) if r[0]}
    assert len(rows) == 7
    assert rows["A-3"]["Force's RAG"] == "Amber" and rows["A-3"]["RAG"] == "✔ Green"
    assert rows["A-7"]["Action"] == "DCC to brief the PCC when further work is undertaken."
    assert rows["A-1"]["Date"] == dt.datetime(2017, 10, 25)


def test_a_bad_file_imports_nothing_and_is_reported(tmp_path: Path) -> None:
    rows = [list(r) for r in SEED_PEEL_ROWS]
    rows[0][1] = "Superb"
    files = [write_register_workbook(tmp_path / "register.xlsx"), write_peel_workbook(tmp_path / "bad.xlsx", rows)]
    with HistoryStore(tmp_path / "h.sqlite") as store:
        section = build_tracker_section(store, files, today=TODAY)
        assert TrackerStore(store).findings() == []
    codes = [p.code for p in section.problems]
    assert "invalid-file" in codes and "tracker-bad-grade" in codes
    out = write_report(section, tmp_path / "t.xlsx")
    _, quality = table_rows(openpyxl.load_workbook(out), "DataQuality")
    assert any("Superb" in r["Message"] for r in quality)


def test_input_text_is_never_a_formula(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "reg.xlsx"
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    ws = book.add_worksheet("AFIs")
    for c, h in enumerate(["Ref", "Inspection", "Kind", "Text", "Status"]):
        ws.write_string(0, c, h)
    for c, v in enumerate(["X-1", "Test", "AFI", "=HYPERLINK(\"http://x\",\"y\")", "Not started"]):
        ws.write_string(1, c, v)
    book.close()
    with HistoryStore(tmp_path / "h.sqlite") as store:
        out = write_report(build_tracker_section(store, [path], today=TODAY), tmp_path / "t.xlsx")
    ws2 = openpyxl.load_workbook(out)["Open items"]
    cell = next(r[3] for r in ws2.iter_rows(min_row=4) if r[0].value == "X-1")
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_cli_import_report_export_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "h.sqlite")
    reg = write_register_workbook(tmp_path / "register.xlsx")
    peel = write_peel_workbook(tmp_path / "peel.xlsx")
    assert main(["tracker", "import", str(reg), str(peel), "--db", db]) == 0
    assert "added" in capsys.readouterr().out
    out = tmp_path / "report.xlsx"
    assert main(["tracker", "report", "--db", db, "--today", "2025-06-30", "--out", str(out)]) == 0
    assert "4 Red, 2 Amber" in capsys.readouterr().out
    assert {"Findings", "PeelGrades", "Actions"} <= set(openpyxl.load_workbook(out)["Data"].tables)
    assert main(["tracker", "set", "D-IC-1", "--status", "complete", "--date", "2025-06-29", "--db", db]) == 0
    assert main(["tracker", "set", "A-7", "--update", "Briefing booked", "--date", "2025-06-29", "--db", db]) == 0
    assert main(["tracker", "report", "--db", db, "--today", "2025-06-30", "--out", str(out)]) == 0
    assert "4 Red, 0 Amber" in capsys.readouterr().out
    exported = tmp_path / "export.xlsx"
    assert main(["tracker", "export", "--db", db, "--out", str(exported)]) == 0
    assert main(["tracker", "import", str(exported), "--db", db]) == 0
    assert "0 added, 0 changed" in capsys.readouterr().out
    assert main(["tracker", "set", "NOPE", "--status", "Complete", "--db", db]) == 2
    assert "NOPE" in capsys.readouterr().err
    bad = write_peel_workbook(tmp_path / "bad.xlsx", [["Durham", "Brilliant"]])
    assert main(["tracker", "import", str(bad), "--db", db]) == 2
    err = capsys.readouterr().err
    assert "bad.xlsx" in err and "B4" in err and "Brilliant" in err
