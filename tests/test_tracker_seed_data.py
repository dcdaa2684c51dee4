"""The seed import tests; the data (seeds 000, 002, 003, 004) is in ``pccdesk/examples/tracker.py``.

The PEEL table is seed 003's grades table, cell for cell. The text extraction
lost some column headings ("& Deterrence", "", "ons", "ty", …); the ten
headings are rebuilt from the PEEL question list in the order HMICFRS uses,
which the seed's own Durham narrative confirms column by column (Durham:
Public treatment Adequate, Responding RI, Protecting vulnerable RI, Managing
offenders Adequate, Workforce Adequate, Leadership Adequate, CDI Good
(96.2%), SOC Outstanding — all in the columns they are mapped to).

What the marks are taken to mean (the same rule for every force):

* blank — no grade in the published table for that cell (for Durham the
  narrative shows the grade existed, e.g. Prevention and deterrence Good: the
  extraction dropped it). Nothing is stored and nothing is guessed.
* ``-``, ``_``, ``=`` — a mark in place of a grade: the question was not
  graded in what was published. Stored as "Not graded" with the mark kept, so
  the matrix says so and an export gives the mark back.
* ``n/a`` — not applicable: the question was not inspected for that force
  in this round (e.g. serious and organised crime inspected regionally, or
  crime data integrity not in the force's inspection).

The register rows come from seed 003 (Durham's areas for improvement and for
consideration per question, and its innovative practice), seed 000 (the
national abuse-of-position recommendations with Northumbria's position) and
seed 002 (inspections with dates and a section 55 response). The scrutiny
actions are the seed 004 minutes' actions, including the amber status the
force reported on the Community Safety Hub's spend. Owners, due dates,
statuses and progress updates are not in the seeds: they are chosen here to
exercise every RAG case on ``TODAY``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter

from pccdesk.examples.tracker import (  # noqa: F401  (shared with the other tracker tests)
    ACTION_ROWS,
    ELDAP,
    ELDAP_LINK,
    FINDING_ROWS,
    INSPECTION_ROWS,
    PROGRESS_ROWS,
    QUESTIONS,
    SEED_PEEL_ROWS,
    TODAY,
    register_sheet,
    write_example_tracker,
    write_peel_workbook,
    write_register_workbook,
)
from pccdesk.problems import ProblemsFound
from pccdesk.store.history_store import HistoryStore
from pccdesk.tracker.pack_section import build_tracker_section
from pccdesk.tracker.register_import import read_register
from pccdesk.tracker.tracker_model import FindingStatus, PeelGrade
from pccdesk.tracker.tracker_store import TrackerStore
from tests.conftest import SEEDS, need_shared

#: What each seed cell must import as: (grade, CDI rate, mark); None for a blank cell (nothing stored).
_G = {"Outstanding": PeelGrade.OUTSTANDING, "Good": PeelGrade.GOOD, "Adequate": PeelGrade.ADEQUATE,
      "Requires Improvement": PeelGrade.REQUIRES_IMPROVEMENT, "Inadequate": PeelGrade.INADEQUATE,
      "n/a": PeelGrade.NOT_APPLICABLE}


def expected_grade(cell: str) -> tuple[PeelGrade | None, float | None, str] | None:
    if cell == "":
        return None
    if cell in ("-", "_", "="):
        return (None, None, cell)
    if "(" in cell:
        word, pct = cell.split(" (")
        return (_G[word], float(pct.rstrip("%)")), "")
    return (_G[cell], None, "")


# --- the seed tests -----------------------------------------------------------------
def test_the_seed_table_is_the_one_in_seed_003() -> None:
    """The rows above are the seed's own lines (guards against a typo in the copy)."""
    seed = need_shared(SEEDS / "003_2d60056d05c1f8f7.txt").read_text(encoding="utf-8")
    lines = {line.split("\t")[0]: line.split("\t") for line in seed.splitlines() if "\t" in line}
    for row in SEED_PEEL_ROWS:
        assert lines[row[0]] == row


def test_every_seed_grade_imports_right(tmp_path: Path) -> None:
    path = write_peel_workbook(tmp_path / "peel.xlsx")
    reading = read_register(path)
    got = {(g.force, g.question): g for g in reading.register.grades}
    assert {g.year for g in reading.register.grades} == {"2023/25"}
    checked = 0
    for row in SEED_PEEL_ROWS:
        for question, cell in zip(QUESTIONS, row[1:], strict=True):
            want = expected_grade(cell)
            entry = got.get((row[0], question))
            if want is None:
                assert entry is None, (row[0], question)
            else:
                assert entry is not None, (row[0], question)
                assert (entry.grade, entry.percent, entry.mark) == want, (row[0], question, cell)
            checked += 1
    assert checked == 90
    assert len(reading.register.grades) == 90 - sum(cell == "" for row in SEED_PEEL_ROWS for cell in row[1:])
    durham = {q: got[("Durham", q)].text for q in QUESTIONS if ("Durham", q) in got}
    assert durham["Crime data integrity"] == "Good (96.2%)"
    assert durham["Investigating crime"] == "Not graded"
    assert got[("Surrey", "Crime data integrity")].percent == 93.4


def test_a_cell_that_is_not_a_grade_is_reported_with_its_cell(tmp_path: Path) -> None:
    rows = [list(r) for r in SEED_PEEL_ROWS]
    rows[3][4] = "Fairly good"
    path = write_peel_workbook(tmp_path / "peel.xlsx", rows)
    with pytest.raises(ProblemsFound) as caught:
        read_register(path)
    [problem] = [p for p in caught.value.problems if p.code == "tracker-bad-grade"]
    assert (problem.location.sheet, problem.location.cell) == ("PEEL table", "E7")
    assert "Fairly good" in problem.message


def test_grades_without_a_round_are_refused(tmp_path: Path) -> None:
    path = write_peel_workbook(tmp_path / "peel.xlsx", title="HMICFRS PEEL RESULTS")
    with pytest.raises(ProblemsFound) as caught:
        read_register(path)
    assert {p.code for p in caught.value.problems} == {"tracker-grade-year"}


def test_seed_register_loads_into_the_store(tmp_path: Path) -> None:
    reading = read_register(write_register_workbook(tmp_path / "register.xlsx"))
    reg = reading.register
    assert len(reg.findings) == len(FINDING_ROWS)
    assert len(reg.actions) == len(ACTION_ROWS)
    assert len(reg.updates) == len(PROGRESS_ROWS)
    pt1 = next(f for f in reg.findings if f.ref == "D-PT-1")
    assert pt1.text.startswith("Improve stop & search training and its use;\nReasonable")
    assert pt1.due == dt.date(2025, 7, 28)
    a3 = next(a for a in reg.actions if a.ref == "A-3")
    assert (a3.reported_rag, a3.status) == ("Amber", FindingStatus.CLOSED)
    with HistoryStore(tmp_path / "h.sqlite") as store:
        outcome = TrackerStore(store).save_register(reg, user="e.pout")
        assert outcome.added == len(INSPECTION_ROWS) + len(FINDING_ROWS) + len(ACTION_ROWS) + len(PROGRESS_ROWS)
        again = TrackerStore(store).save_register(read_register(tmp_path / "register.xlsx").register)
        assert (again.added, again.changed) == (0, 0)


def test_register_problems_name_the_cell(tmp_path: Path) -> None:
    rows = [list(r) for r in FINDING_ROWS[:3]]
    rows[1][7] = "Nearly there"
    rows[2][6] = "next spring"
    rows[2][0] = "D-CDI-1"
    book = xlsxwriter.Workbook(str(tmp_path / "bad.xlsx"))
    register_sheet(book, "AFIs", ["Ref", "Inspection", "Kind", "Question", "Text", "Owner", "Due", "Status", "Completed",
                          "Force position"], rows)
    book.close()
    with pytest.raises(ProblemsFound) as caught:
        read_register(tmp_path / "bad.xlsx")
    where = {p.code: p.location.cell for p in caught.value.problems}
    assert where == {"tracker-bad-status": "H3", "tracker-bad-date": "G4", "tracker-duplicate-ref": "A4"}


def test_the_example_workbook_shows_the_same_rag_mix_on_the_demo_day(tmp_path: Path) -> None:
    demo_day = dt.date(2015, 9, 1)
    path = write_example_tracker(tmp_path / "example-tracker.xlsx", today=demo_day)
    with HistoryStore(tmp_path / "h.sqlite") as store:
        section = build_tracker_section(store, [path], today=demo_day)
    with HistoryStore(tmp_path / "reference.sqlite") as store:
        reference = build_tracker_section(store, [write_register_workbook(tmp_path / "r.xlsx")], today=TODAY)
    assert [p for p in section.problems if p.severity.rank < 2] == []
    assert len(section.register.grades) == sum(c != "" for r in SEED_PEEL_ROWS for c in r[1:]) and len(section.register.findings) == len(FINDING_ROWS)

    def mix(s: object) -> dict[str, str]:
        return {i.ref: i.rag.rag.value for i in [*s.rated_findings, *s.rated_actions]}  # type: ignore[attr-defined]

    assert mix(section) == mix(reference)
    assert sorted(r for r, v in mix(section).items() if v == "Red") == ["A-1", "D-CDI-3", "D-PV-1", "D-RP-1"]
