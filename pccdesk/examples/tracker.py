"""An example tracker register built from the seeds, for the demo, the app's example and the tests.

The PEEL table is seed 003's grades table, cell for cell, under the ten
question headings rebuilt in HMICFRS's order (the seed's text extraction lost
some of them). The register rows come from seed 003 (Durham's areas for
improvement and for consideration, and its innovative practice), seed 000
(the national abuse-of-position recommendations with Northumbria's position)
and seed 002 (inspections with dates and a section 55 response); the
scrutiny actions are seed 004's. Owners, due dates, statuses and progress
updates are not in the seeds: they are invented to show every RAG case on
``TODAY``. :func:`write_example_tracker` can move those invented dates so the
same mix shows on another day (the demo runs on a 2015 date).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import xlsxwriter

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


def register_sheet(book: xlsxwriter.Workbook, name: str, headings: list[str], rows: list[list[Any]]) -> None:
    """One sheet of a register as a person types it: headings, then text and real dates (dd/mm/yyyy)."""
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


def _shifted(rows: list[list[Any]], columns: tuple[int, ...], days: int) -> list[list[Any]]:
    out = []
    for row in rows:
        moved = list(row)
        for c in columns:
            if isinstance(moved[c], dt.date):
                moved[c] = moved[c] + dt.timedelta(days=days)
        out.append(moved)
    return out


def _register_sheets(book: xlsxwriter.Workbook, days: int = 0) -> None:
    register_sheet(book, "Inspections", ["Inspection", "Inspectorate", "Type", "Published", "Forces", "Summary",
                                         "Link", "Response required", "Response due"],
                   _shifted(INSPECTION_ROWS, (8,), days))
    register_sheet(book, "Recommendations & AFIs", ["Ref", "Inspection", "Kind", "Question", "Text", "Owner",
                                                    "Due date", "Status", "Completed", "Force position"],
                   _shifted(FINDING_ROWS, (6, 8), days))
    register_sheet(book, "Progress", ["Ref", "Date", "Update", "By"], _shifted(PROGRESS_ROWS, (1,), days))
    register_sheet(book, "Scrutiny actions", ["Ref", "Meeting", "Meeting date", "Item", "Question", "Action",
                                              "Owner", "Due date", "Status", "Completed", "Outcome", "Reported RAG"],
                   _shifted(ACTION_ROWS, (7,), days))


def write_register_workbook(path: Path) -> Path:
    """The register as an OPCC keeps it: one sheet per kind of record, one row per item."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    try:
        _register_sheets(book)
    finally:
        book.close()
    return path


def write_example_tracker(path: str | Path, *, today: dt.date | None = None) -> Path:
    """One workbook with every register sheet and the PEEL grades table (for ``templates/examples``).

    With ``today``, the invented due, completion and update dates move by the days between ``TODAY`` and
    ``today``, so the pack built on ``today`` shows the same Red/Amber/Green mix.
    """
    path = Path(path)
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    try:
        _register_sheets(book, (today - TODAY).days if today else 0)
        _peel_sheet(book, SEED_PEEL_ROWS, "HMICFRS PEEL RESULTS 2023/25 (seed 003)", "PEEL 2023-25")
    finally:
        book.close()
    return path


def _peel_sheet(book: xlsxwriter.Workbook, rows: list[list[str]], title: str, sheet_name: str) -> None:
    """Seed 003's table as an OPCC would paste it: a title row, a blank row, headings, a row per force."""
    ws = book.add_worksheet(sheet_name)
    ws.write_string(0, 0, title)
    for c, h in enumerate(["FORCE", *QUESTIONS]):
        ws.write_string(2, c, h)
    for r, row in enumerate(rows, start=3):
        for c, cell in enumerate(row):
            if cell != "":
                ws.write_string(r, c, cell)


def write_peel_workbook(path: Path, rows: list[list[str]] = SEED_PEEL_ROWS, *,
                        title: str = "HMICFRS PEEL RESULTS 2023/25", sheet_name: str = "PEEL table") -> Path:
    """A workbook holding only a PEEL grades table."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    try:
        _peel_sheet(book, rows, title, sheet_name)
    finally:
        book.close()
    return path


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("templates/examples/example-tracker.xlsx")
    print(write_example_tracker(target, today=dt.date(2015, 9, 1)))
