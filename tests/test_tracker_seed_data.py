"""Tracker test data taken from the seeds, built into workbooks in code, and the seed import tests.

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
from typing import Any

import pytest
import xlsxwriter

from pccdesk.history_store import HistoryStore
from pccdesk.problems import ProblemsFound
from pccdesk.tracker.register_import import read_register
from pccdesk.tracker.tracker_model import FindingStatus, PeelGrade
from pccdesk.tracker.tracker_store import TrackerStore
from tests.conftest import SEEDS, need_shared

TODAY = dt.date(2025, 6, 30)

QUESTIONS = ["Public treatment", "Prevention and deterrence", "Responding to the public", "Investigating crime",
             "Protecting vulnerable people", "Managing offenders", "Building a workforce",
             "Leadership and management", "Crime data integrity", "Serious and organised crime"]

#: Seed 003's table, as extracted (tabs split), forces in the seed's order.
SEED_PEEL_ROWS: list[list[str]] = [
    ["Durham", "Adequate", "", "Requires Improvement", "_", "Requires Improvement", "Adequate", "Adequate",
     "Adequate", "Good (96.2%)", "Outstanding"],
    ["Merseyside", "Good", "Good", "Adequate", "", "=", "Requires Improvement", "Good", "Adequate", "n/a", "n/a"],
    ["Suffolk", "Good", "Good", "Inadequate", "", "_", "Requires Improvement", "Adequate", "Adequate",
     "Good (94.5%)", "n/a"],
    ["Kent", "Good", "", "", "Requires Improvement", "Good", "Adequate", "Good", "Good", "n/a", "Good"],
    ["Dyfed Powys", "Adequate", "Adequate", "Adequate", "", "Requires Improvement", "", "Requires Improvement",
     "Adequate", "n/a", "n/a"],
    ["GMP", "Adequate", "Good", "Adequate", "Adequate", "_", "Requires Improvement", "Adequate", "Good", "n/a",
     "n/a"],
    ["Thames Valley", "Good", "", "", "Requires Improvement", "_", "Requires Improvement", "",
     "Requires Improvement", "n/a", "n/a"],
    ["Surrey", "Adequate", "Good", "Inadequate", "Adequate", "Adequate", "", "Requires Improvement", "_",
     "Requires Improvement (93.4%)", "n/a"],
    ["West Midlands", "Adequate", "-", "Requires Improvement", "Inadequate", "Inadequate", "Inadequate", "",
     "Requires Improvement", "n/a", "n/a"],
]

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


def write_peel_workbook(path: Path, rows: list[list[str]] = SEED_PEEL_ROWS, *, title: str =
                        "HMICFRS PEEL RESULTS 2023/25", sheet_name: str = "PEEL table") -> Path:
    """Seed 003's table as an OPCC would paste it: a title row, a blank row, headings, a row per force."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet(sheet_name)
    ws.write_string(0, 0, title)
    for c, h in enumerate(["FORCE", *QUESTIONS]):
        ws.write_string(2, c, h)
    for r, row in enumerate(rows, start=3):
        for c, cell in enumerate(row):
            if cell != "":
                ws.write_string(r, c, cell)
    book.close()
    return path


_PT = "Public treatment"
_PD = "Prevention and deterrence"
_RP = "Responding to the public"
_IC = "Investigating crime"
_PV = "Protecting vulnerable people"
_MO = "Managing offenders"
_WF = "Building a workforce"
_LM = "Leadership and management"
_CDI = "Crime data integrity"
_SOC = "Serious and organised crime"
PEEL_DURHAM = "PEEL 2023/25: Durham Constabulary"
ABUSE = "Abuse of position for a sexual purpose (national)"
CYBER = "Cyber: Keep the light on (spotlight)"
ELDAP = "Joint inspection – Evidence Led Domestic Abuse Prosecutions"
CHILD = "Durham/ National – Child Protection Inspection"

ELDAP_LINK = "https://www.justiceinspectorates.gov.uk/hmicfrs/publications/evidence-led-domestic-abuse-prosecutions/"
INSPECTION_ROWS: list[list[Any]] = [
    # Inspection, Inspectorate, Type, Published, Forces, Summary, Link, Response required, Response due
    [PEEL_DURHAM, "HMICFRS", "PEEL", None, "Durham", "Grades for ten questions; areas for improvement and for "
     "consideration per question (seed 003).", "", "Yes", dt.date(2025, 8, 1)],
    [ABUSE, "HMICFRS", "Thematic", None, "All forces", "Forces slowly rooting out abuse of position for a "
     "sexual purpose (seed 000).", "", "No", None],
    [CYBER, "HMICFRS", "Spotlight", None, "Ten forces including Northumbria", "Police response to "
     "cyber-dependent crime (seed 000).", "http://example.com/keep-the-light-on", "No", None],
    [ELDAP, "HMICFRS with HMCPSI", "Joint", dt.date(2020, 1, 23), "National", "When victims do not support a "
     "prosecution (seed 002).", ELDAP_LINK, "Yes", dt.date(2020, 3, 23)],
    [CHILD, "HMICFRS", "Thematic", dt.date(2020, 3, 17), "Durham", "Rolling programme of child protection "
     "inspections (seed 002).", "", "Yes", dt.date(2020, 5, 17)],
]

_D = dt.date
#: Ref, Inspection, Kind, Question, Text, Owner, Due, Status, Completed, Force position
FINDING_ROWS: list[list[Any]] = [
    ["D-CDI-1", PEEL_DURHAM, "AFI", _CDI, "Equality data/Protected Characteristics", "Head of Crime Registry",
     _D(2025, 9, 30), "In progress", None, "Awaiting National Advice"],
    ["D-CDI-2", PEEL_DURHAM, "AFI", _CDI, "Improve time taken to record crimes", "Head of Crime Registry",
     _D(2025, 5, 31), "Complete", _D(2025, 5, 20), "Process Improvement work – Skeleton Crimes"],
    ["D-CDI-3", PEEL_DURHAM, "AFI", _CDI, "Failing to record ASB (Personal) crimes", "Head of Crime Registry",
     _D(2025, 6, 29), "In progress", None, "Consistently 97% compliance"],
    ["D-CDI-C1", PEEL_DURHAM, "Area for consideration", _CDI, "Not always recording crimes against vulnerable "
     "people", "", _D(2025, 12, 31), "In progress", None, "Low number – ongoing dip sampling"],
    ["D-PT-1", PEEL_DURHAM, "AFI", _PT, "Improve stop & search training and its use;\nReasonable Grounds 77.2%: "
     "a written explanation should be recorded", "ACC Local Policing", _D(2025, 7, 28), "In progress", None,
     "Operation Encounter; Supervisor Briefings & \"Back to Basics\" CPD; Peer Review to be conducted by Cumbria"],
    ["D-PT-2", PEEL_DURHAM, "AFI", _PT, "Improve internal and external scrutiny: rotational method of BUS limited "
     "impact", "ACC Local Policing", _D(2025, 7, 29), "Not started", None, "Review of BUS Panel cases, frequency,"
     " digital"],
    ["D-PT-C1", PEEL_DURHAM, "Area for consideration", _PT, "Disproportionality: better use of linked find rate "
     "data", "", None, "In progress", None, "Find rates within Scrutiny Panels"],
    ["D-PT-C2", PEEL_DURHAM, "Area for consideration", _PT, "Broader topics in training i.e. MH awareness", "",
     None, "Complete", _D(2025, 3, 1), "New MH scenarios in Training"],
    ["D-PD-C1", PEEL_DURHAM, "Area for consideration", _PD, "NPT officers and PCSOs do not feel valued", "", None,
     "In progress", None, "Ongoing formal briefings & informal conversations"],
    ["D-PD-C2", PEEL_DURHAM, "Area for consideration", _PD, "Senior leader visibility", "", None, "In progress",
     None, "Briefings by Executive; Ongoing SLT visibility"],
    ["D-PD-C3", PEEL_DURHAM, "Area for consideration", _PD, "Abstraction", "", None, "Complete", _D(2024, 11, 1),
     "Abstraction Policy in place"],
    ["D-PD-C4", PEEL_DURHAM, "Area for consideration", _PD, "Vacancy rate (plan to address)", "", None,
     "In progress", None, "PCSO recruitment"],
    ["D-RP-1", PEEL_DURHAM, "AFI", _RP, "999 & 101 calls answer times", "Head of Control Room", _D(2025, 6, 1),
     "In progress", None, "Significant investment in IT: Single OLH; Upgrades (storm, ECHO, telephony)"],
    ["D-RP-2", PEEL_DURHAM, "AFI", _RP, "Attendance in line with its published times: should have right level of"
     " oversight", "Head of Control Room", _D(2025, 10, 31), "Not started", None, "6 step process/escalation & "
     "Pacesetter"],
    ["D-RP-3", PEEL_DURHAM, "AFI", _RP, "Prompt identification of vulnerability for missing persons/children",
     "Head of Safeguarding", _D(2025, 6, 30), "In progress", None, "MFH: New incident codes to categorise, "
     "training"],
    ["D-RP-C1", PEEL_DURHAM, "Area for consideration", _RP, "Crime Prevention/Evidence preservation advice not "
     "always given", "", None, "Not started", None, ""],
    ["D-RP-C2", PEEL_DURHAM, "Area for consideration", _RP, "Identifying repeat victims at 1st point of contact",
     "", None, "Not started", None, ""],
    ["D-RP-I1", PEEL_DURHAM, "Innovative practice", _RP, "Durham Constabulary makes good use of volunteers to "
     "reduce control room demand.", "", None, "Closed – no further action", _D(2025, 1, 15), ""],
    ["D-IC-1", PEEL_DURHAM, "AFI", _IC, "Isn't always achieving appropriate outcomes: unacceptable low rate of "
     "crimes that are solved; charge rate declined", "Head of Crime", _D(2025, 7, 15), "In progress", None,
     "Outcomes Team in CMIIU to monitor/feedback"],
    ["D-IC-2", PEEL_DURHAM, "AFI", _IC, "Incorrectly applying outcomes", "Head of Crime", _D(2025, 9, 1),
     "In progress", None, "Risk-based Audit Schedule & Dip Sampling"],
    ["D-PV-1", PEEL_DURHAM, "AFI", _PV, "MASH function struggling with demand", "Head of Safeguarding",
     _D(2025, 4, 30), "In progress", None, "Additional resources MASH & MATAC"],
    ["D-PV-2", PEEL_DURHAM, "AFI", _PV, "Protective Measures (DVPOs & Stalking): understanding re highest repeat "
     "DA", "Head of Safeguarding", _D(2025, 12, 31), "In progress", None, "Analysis to understand repeat DA"],
    ["D-PV-3", PEEL_DURHAM, "AFI", _PV, "MARAC & MATAC: lower than Safe Lives recommended; MATAC resourcing",
     "Head of Safeguarding", _D(2025, 12, 31), "In progress", None, "Practitioner Improvement group"],
    ["D-PV-4", PEEL_DURHAM, "AFI", _PV, "Clare's Law timeliness", "Head of Safeguarding", _D(2025, 12, 31),
     "In progress", None, "Clare's Law research by OPCC"],
    ["D-MO-1", PEEL_DURHAM, "AFI", _MO, "Ensure Bail is considered as a safeguarding measure (IIOC)",
     "Head of Public Protection", _D(2025, 3, 31), "Complete", _D(2025, 4, 10), "Policy being ratified"],
    ["D-MO-2", PEEL_DURHAM, "AFI", _MO, "RSOs: single crewing (addressed)", "Head of Public Protection",
     _D(2025, 3, 31), "Complete", _D(2025, 2, 1), "Double-crewing guidance refreshed"],
    ["D-SOC-C1", PEEL_DURHAM, "Area for consideration", _SOC, "Gap in training for surveillance skills – "
     "national issue (addressed)", "", None, "Complete", _D(2024, 12, 1), ""],
    ["D-WF-1", PEEL_DURHAM, "AFI", _WF, "Effectiveness & completion rate of PDR and ensure workforce engagement",
     "Director of People", _D(2025, 11, 30), "In progress", None, "Completion rate improved to 46.6% (further to "
     "57.5%)"],
    ["D-WF-2", PEEL_DURHAM, "AFI", _WF, "Support development & career progression of people from "
     "under-represented groups", "Director of People", _D(2025, 11, 30), "In progress", None,
     "Creation of Leadership Team to oversee"],
    ["D-LM-1", PEEL_DURHAM, "AFI", _LM, "Managing demand & demonstrate it has the right resources, processes, or "
     "plans in place", "DCC", _D(2026, 3, 31), "In progress", None, "Strategic Risk Board"],
    ["D-LM-2", PEEL_DURHAM, "AFI", _LM, "Prioritise investment in new IT", "DCC", _D(2026, 3, 31), "Not started",
     None, "Chief Data Officer appointed and draft Data Strategy"],
    ["N-AP-1", ABUSE, "Recommendation", "Prevention", "All forces that are not yet doing so should immediately "
     "comply with all elements of the national guidance on vetting.", "Head of Vetting", _D(2020, 3, 31),
     "Complete", _D(2020, 2, 28), "The Vetting Unit has restructured and is proportionately resourced."],
    ["N-AP-2", ABUSE, "Recommendation", "Understanding the threat", "All forces to produce a comprehensive annual "
     "counter-corruption strategic threat assessment.", "Head of PSD", _D(2025, 7, 31), "In progress", None,
     "The force will produce a refreshed document."],
    ["N-AP-3", ABUSE, "Recommendation", "Corruption", "The NPCC Lead for counter corruption and the Home Office "
     "should work together with software suppliers to enable proactive ICT monitoring.", "NPCC", None,
     "Closed – no further action", _D(2020, 1, 10), "Recording processes comply with best practice guidance."],
    ["N-AP-4", ABUSE, "Recommendation", "Taking action", "All forces should have enough people with the right "
     "skills to look proactively for intelligence about those abusing their position for a sexual purpose.",
     "Head of PSD", _D(2025, 8, 31), "Not started", None, ""],
]

#: Ref, Date, Update, By
PROGRESS_ROWS: list[list[Any]] = [
    ["D-PT-1", _D(2025, 6, 10), "Operation Encounter briefings delivered to all response teams", "ACC"],
    ["D-CDI-1", _D(2025, 1, 5), "Awaiting national advice on protected characteristics", "Registrar"],
    ["D-RP-3", _D(2025, 6, 2), "New missing-from-home incident codes live", "Head of Safeguarding"],
    ["A-5", _D(2025, 6, 20), "Draft induction material shared with the panel secretary", "OPCC"],
]

MEETING = "Scrutiny, Delivery & Performance Meeting"
MEETING_DATE = _D(2017, 10, 25)
#: Ref, Meeting, Meeting date, Item, Question, Action, Owner, Due, Status, Completed, Outcome, Reported RAG
ACTION_ROWS: list[list[Any]] = [
    ["A-1", MEETING, MEETING_DATE, "Investigatory Powers Tribunal – Update", "What improvements have been made to "
     "the Force's processes in this area?", "Where any recommendations are made as a result of the review, that "
     "the force updates the PCC on what they have done to implement such recommendations at an appropriate "
     "opportunity.", "DCC", _D(2025, 5, 31), "In progress", None, "", ""],
    ["A-2", MEETING, MEETING_DATE, "Transforming PSD – Update", "Developments since the last update; next "
     "milestones", "That the information was noted", "", None, "Closed – no further action", MEETING_DATE,
     "Noted", ""],
    ["A-3", MEETING, MEETING_DATE, "Community Safety Hub – Update", "Financial update; progress against targets",
     "That the information was noted", "", None, "Closed – no further action", MEETING_DATE,
     "Project on track; amber status on spend due to the review of IT costs and remaining funding requirements",
     "Amber"],
    ["A-4", MEETING, MEETING_DATE, "HMICFRS child protection inspection", "Assurance on areas for concern",
     "That the information was noted", "", None, "Closed – no further action", MEETING_DATE, "PCC assured", ""],
    ["A-5", MEETING, MEETING_DATE, "Crime Levels", "Position statement on resource allocation",
     "Provide a broader context for the panel (social media, a day in a geographical area) as part of the "
     "panel's induction.", "Head of Performance", _D(2025, 7, 14), "In progress", None, "", ""],
    ["A-6", MEETING, MEETING_DATE, "Track My Crime", "Will the force sign up to Track my Crime?",
     "That the information was noted", "", None, "Closed – no further action", MEETING_DATE, "", ""],
    ["A-7", MEETING, MEETING_DATE, "Use of Drones", "Position statement on the use of drones",
     "DCC to brief the PCC when further work is undertaken.", "DCC", _D(2025, 7, 20), "Not started", None, "", ""],
]


def _sheet(book: xlsxwriter.Workbook, name: str, headings: list[str], rows: list[list[Any]]) -> None:
    ws = book.add_worksheet(name)
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    for c, h in enumerate(headings):
        ws.write_string(0, c, h)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            if isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), date)
            elif v not in (None, ""):
                ws.write_string(r, c, str(v))


def write_register_workbook(path: Path) -> Path:
    """The register as an OPCC keeps it: one sheet per kind of record, one row per item."""
    book = xlsxwriter.Workbook(str(path))
    _sheet(book, "Inspections", ["Inspection", "Inspectorate", "Type", "Published", "Forces", "Summary", "Link",
                                 "Response required", "Response due"], INSPECTION_ROWS)
    _sheet(book, "Recommendations & AFIs", ["Ref", "Inspection", "Kind", "Question", "Text", "Owner", "Due date",
                                            "Status", "Completed", "Force position"], FINDING_ROWS)
    _sheet(book, "Progress", ["Ref", "Date", "Update", "By"], PROGRESS_ROWS)
    _sheet(book, "Scrutiny actions", ["Ref", "Meeting", "Meeting date", "Item", "Question", "Action", "Owner",
                                      "Due date", "Status", "Completed", "Outcome", "Reported RAG"], ACTION_ROWS)
    book.close()
    return path


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
    _sheet(book, "AFIs", ["Ref", "Inspection", "Kind", "Question", "Text", "Owner", "Due", "Status", "Completed",
                          "Force position"], rows)
    book.close()
    with pytest.raises(ProblemsFound) as caught:
        read_register(tmp_path / "bad.xlsx")
    where = {p.code: p.location.cell for p in caught.value.problems}
    assert where == {"tracker-bad-status": "H3", "tracker-bad-date": "G4", "tracker-duplicate-ref": "A4"}
