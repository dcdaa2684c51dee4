"""Writing the whole tracker to a clean register workbook, for editing in Excel and importing again.

The workbook has one sheet per record type with exactly the headings
:mod:`register_import` recognises, dates as real Excel dates, drop-down lists
for kind and status, and every text written as a string (never a formula or
link). Importing it again unchanged changes nothing in the store: that is the
round trip the tests hold it to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from pccdesk.tracker.peel_questions import standard_order
from pccdesk.tracker.tracker_model import PEEL_QUESTIONS, FindingKind, FindingStatus, GradeEntry, Register
from pccdesk.writers.safe_output import atomic_output

INSPECTION_HEADINGS = ("Inspection", "Inspectorate", "Type", "Published", "Forces", "Summary", "Link",
                       "Response required", "Response due")
FINDING_HEADINGS = ("Ref", "Inspection", "Kind", "Question", "Text", "Owner", "Due", "Status", "Completed",
                    "Force position")
PROGRESS_HEADINGS = ("Ref", "Date", "Update", "By")
ACTION_HEADINGS = ("Ref", "Meeting", "Meeting date", "Item", "Question", "Action", "Owner", "Due", "Status",
                   "Completed", "Outcome", "Reported RAG")
_WIDE = {"Summary", "Text", "Force position", "Update", "Action", "Outcome", "Question", "Inspection"}


def grade_rows(grades: Sequence[GradeEntry]) -> tuple[list[str], list[list[str]]]:
    """The grades as a matrix: (questions in PEEL order, rows of ``[force, year, cell per question]``)."""
    questions = standard_order([*PEEL_QUESTIONS, *(g.question for g in grades)])
    cells: dict[tuple[str, str], dict[str, str]] = {}
    for g in grades:
        cells.setdefault((g.force, g.year), {})[g.question] = g.text if g.grade else g.mark
    rows = [[force, year, *(cells[(force, year)].get(q, "") for q in questions)]
            for force, year in sorted(cells, key=lambda k: (k[1], k[0]))]
    return questions, rows


def write_register(register: Register, path: str | Path) -> Path:
    """Write ``register`` to ``path`` atomically (an open target raises ``OutputLockedError``)."""
    path = Path(path)
    with atomic_output(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                              "strings_to_numbers": False})
        try:
            _write(book, register)
        finally:
            book.close()
    return path


def _write(book: xlsxwriter.Workbook, reg: Register) -> None:
    head = book.add_format({"bold": True, "bg_color": "#1F3864", "font_color": "#FFFFFF", "text_wrap": True,
                            "valign": "top"})
    date = book.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    plain = book.add_format({"valign": "top"})
    formats = {"head": head, "date": date, "wrap": wrap, "plain": plain}

    def sheet(name: str, headings: Sequence[str], rows: list[list[Any]]) -> Worksheet:
        ws = book.add_worksheet(name)
        for c, h in enumerate(headings):
            ws.write_string(0, c, h, head)
            ws.set_column(c, c, 50 if h in _WIDE else 16)
        for r, values in enumerate(rows, start=1):
            for c, v in enumerate(values):
                _cell(ws, r, c, v, formats, headings[c] in _WIDE)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(rows), 1), len(headings) - 1)
        return ws

    sheet("Inspections", INSPECTION_HEADINGS, [
        [i.title, i.inspectorate, i.kind, i.published, i.forces, i.summary, i.link,
         "Yes" if i.response_required else "No", i.response_due] for i in reg.inspections])
    findings = sheet("Findings", FINDING_HEADINGS, [
        [f.ref, f.inspection, f.kind.value, f.question, f.text, f.owner, f.due, f.status.value, f.completed,
         f.force_position] for f in reg.findings])
    _lists(findings, len(reg.findings), {2: [k.value for k in FindingKind], 7: [s.value for s in FindingStatus]})
    sheet("Progress", PROGRESS_HEADINGS, [[u.ref, u.on, u.text, u.by] for u in reg.updates])
    actions = sheet("Actions", ACTION_HEADINGS, [
        [a.ref, a.meeting, a.meeting_date, a.item, a.question, a.action, a.owner, a.due, a.status.value,
         a.completed, a.outcome, a.reported_rag] for a in reg.actions])
    _lists(actions, len(reg.actions), {8: [s.value for s in FindingStatus], 11: ["Red", "Amber", "Green"]})
    questions, rows = grade_rows(reg.grades)
    sheet("PEEL grades", ["Force", "Year", *questions], [list(r) for r in rows])


def _lists(ws: Worksheet, count: int, columns: dict[int, list[str]]) -> None:
    """Drop-downs for the closed sets, with room for new rows below the exported ones."""
    for col, values in columns.items():
        ws.data_validation(1, col, count + 500, col, {"validate": "list", "source": values,
                                                      "ignore_blank": True})


def _cell(ws: Worksheet, r: int, c: int, v: Any, formats: dict[str, Any], wide: bool) -> None:
    if v is None or v == "":
        return
    if isinstance(v, dt.date):
        ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), formats["date"])
    else:
        ws.write_string(r, c, str(v), formats["wrap" if wide else "plain"])
