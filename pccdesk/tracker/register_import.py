"""Reading a tracker register workbook: findings, scrutiny actions, inspections, progress and PEEL grades.

OPCCs keep these in spreadsheets of a few shapes; each sheet is recognised by
its heading row (found in the first rows, whatever the sheet is called):

* **findings** — one row per recommendation / area for improvement / …:
  ``Ref``, ``Inspection``, ``Kind``, ``Text`` and optionally ``Question``,
  ``Owner``, ``Due``, ``Status``, ``Completed``, ``Force position``;
* **actions** — one row per scrutiny action: ``Ref``, ``Meeting``,
  ``Meeting date``, ``Action`` and optionally ``Item``, ``Question``,
  ``Owner``, ``Due``, ``Status``, ``Completed``, ``Outcome``, ``Reported RAG``;
* **inspections** — ``Inspection``, ``Inspectorate`` and optionally ``Type``,
  ``Published``, ``Forces``, ``Summary``, ``Link``, ``Response required``,
  ``Response due``;
* **progress** — ``Ref``, ``Date``, ``Update`` and optionally ``By``;
* **grades matrix** — forces as rows and PEEL questions as columns, like the
  table in HMICFRS briefings, with a ``Year`` column or the PEEL round
  (``2023/25``) in the sheet name or a title above the headings.

Cells are read through :func:`read_workbook` and checked like indicator
returns: every problem has a code, a severity and the file, sheet and cell.
Any error makes the whole file unusable (:class:`ProblemsFound`): a register
is saved all or nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import field, replace
from pathlib import Path
from typing import Any

from pccdesk.problems import Location, Problem, ProblemsFound, error, info, warning
from pccdesk.readers.options import ReadOptions
from pccdesk.readers.workbook_reader import SheetData, WorkbookData, read_workbook
from pccdesk.records import record
from pccdesk.tracker import codes
from pccdesk.tracker.grades import FIVE_POINT_FROM, four_point_round, parse_grade
from pccdesk.tracker.peel_questions import other_area_name, question_name
from pccdesk.tracker.tracker_model import (
    Finding,
    FindingKind,
    FindingStatus,
    GradeEntry,
    Inspection,
    PeelGrade,
    ProgressUpdate,
    Register,
    ScrutinyAction,
)

HEADER_SCAN_ROWS = 15
#: Fields whose line breaks are kept (everything else has its spaces tidied).
_FREE_TEXT = frozenset({"text", "summary", "force_position", "action", "outcome", "update", "question", "item"})

_ALIASES: dict[str, tuple[str, ...]] = {
    "ref": ("ref", "reference", "ref.", "no.", "number", "id"),
    "inspection": ("inspection", "inspection title", "report", "title"),
    "kind": ("kind", "type of finding", "finding type", "category"),
    "text": ("text", "finding", "description", "recommendation / afi", "recommendation", "detail"),
    "question": ("question", "peel question", "area", "theme"),
    "owner": ("owner", "lead", "responsible", "action owner"),
    "due": ("due", "due date", "target date", "deadline"),
    "status": ("status", "progress status"),
    "completed": ("completed", "completed on", "completion date", "date completed"),
    "force_position": ("force position", "force's position", "position", "force response"),
    "meeting": ("meeting",),
    "meeting_date": ("meeting date", "date of meeting"),
    "item": ("item", "agenda item"),
    "action": ("action", "action agreed", "actions"),
    "outcome": ("outcome", "result"),
    "reported_rag": ("reported rag", "force rag", "reported status"),
    "inspectorate": ("inspectorate", "inspectorates"),
    "type": ("type", "inspection type"),
    "published": ("published", "publication date", "date published"),
    "forces": ("forces", "force(s)"),
    "summary": ("summary",),
    "link": ("link", "url", "web link"),
    "response_required": ("response required", "section 55 response", "s55 response required"),
    "response_due": ("response due", "section 55 due", "s55 due"),
    "date": ("date", "update date"),
    "update": ("update", "progress update", "progress"),
    "by": ("by", "updated by", "author"),
    "force": ("force", "force name"),
    "year": ("year", "inspection year", "peel year", "round"),
}

_STATUS_WORDS = {
    "not started": FindingStatus.NOT_STARTED, "not yet started": FindingStatus.NOT_STARTED,
    "in progress": FindingStatus.IN_PROGRESS, "ongoing": FindingStatus.IN_PROGRESS,
    "started": FindingStatus.IN_PROGRESS,
    "complete": FindingStatus.COMPLETE, "completed": FindingStatus.COMPLETE, "done": FindingStatus.COMPLETE,
    "closed – no further action": FindingStatus.CLOSED, "closed - no further action": FindingStatus.CLOSED,
    "closed — no further action": FindingStatus.CLOSED, "closed": FindingStatus.CLOSED,
    "closed - nfa": FindingStatus.CLOSED, "closed – nfa": FindingStatus.CLOSED, "nfa": FindingStatus.CLOSED,
    "no further action": FindingStatus.CLOSED,
}
_KIND_WORDS = {
    "recommendation": FindingKind.RECOMMENDATION, "rec": FindingKind.RECOMMENDATION,
    "area for improvement": FindingKind.AREA_FOR_IMPROVEMENT, "areas for improvement":
        FindingKind.AREA_FOR_IMPROVEMENT, "afi": FindingKind.AREA_FOR_IMPROVEMENT,
    "area for consideration": FindingKind.AREA_FOR_CONSIDERATION, "areas for consideration":
        FindingKind.AREA_FOR_CONSIDERATION, "afc": FindingKind.AREA_FOR_CONSIDERATION,
    "cause of concern": FindingKind.CAUSE_OF_CONCERN, "coc": FindingKind.CAUSE_OF_CONCERN,
    "innovative practice": FindingKind.INNOVATIVE_PRACTICE, "innovation": FindingKind.INNOVATIVE_PRACTICE,
    "good practice": FindingKind.INNOVATIVE_PRACTICE,
}
_MONTHS = {m.lower(): i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_YEAR = re.compile(r"\b(20\d\d)\s*(?:[/-]\s*(\d\d(?:\d\d)?))?\b")


def parse_status(raw: Any) -> FindingStatus | None:
    """A status word as people type it (``Completed``, ``closed - NFA``); blank is ``Not started``."""
    text = _clean(raw).lower()
    if not text:
        return FindingStatus.NOT_STARTED
    return _STATUS_WORDS.get(text)


def parse_kind(raw: Any) -> FindingKind | None:
    """A kind of finding as people type it (``AFI``, ``Recommendations``, ``good practice``)."""
    text = _clean(raw).lower()
    return _KIND_WORDS.get(text) or _KIND_WORDS.get(text.removesuffix("s"))


def parse_date(raw: Any) -> dt.date | None:
    """A date from a date cell, an ISO text, ``31/03/2024`` (UK order) or ``31 March 2024``; raises ValueError."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if 20000 <= raw <= 80000:  # an Excel serial date that arrived as a number
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(raw))
        raise ValueError("not a date")
    text = _clean(raw)
    with_time = re.match(r"^(\d{4}-\d\d-\d\d)[T ]\d\d:\d\d(:\d\d)?$", text)
    if with_time:
        text = with_time.group(1)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    m = re.match(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$", text)
    if m:
        year = int(m.group(3))
        return dt.date(year + 2000 if year < 100 else year, int(m.group(2)), int(m.group(1)))
    m = re.match(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})$", text)
    if m and m.group(2)[:3].lower() in _MONTHS:
        return dt.date(int(m.group(3)), _MONTHS[m.group(2)[:3].lower()], int(m.group(1)))
    raise ValueError("not a date")


def _clean(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return " ".join(str(raw).split())


def _field_of(heading: Any) -> str | None:
    key = _clean(heading).lower().rstrip(":")
    for name, aliases in _ALIASES.items():
        if key in aliases:
            return name
    return None


@record
class _Header:
    row: int
    columns: dict[str, int]
    kind: str
    questions: dict[int, str] = field(default_factory=dict)
    ignored: list[int] = field(default_factory=list)


def _classify(row: list[Any]) -> _Header | None:
    columns: dict[str, int] = {}
    questions: dict[int, str] = {}
    for c, cell in enumerate(row):
        name = _field_of(cell)
        if name and name not in columns:
            columns[name] = c
        q = question_name(_clean(cell)) if cell is not None else None
        if q and name not in ("question",):
            questions[c] = q
    has = columns.__contains__
    if has("force") and len(questions) >= 3:
        ignored = [c for c, cell in enumerate(row) if _clean(cell) and c not in questions
                   and c not in (columns["force"], columns.get("year", -1))]
        return _Header(0, columns, "grades", questions, ignored)
    if has("ref") and has("action") and (has("meeting") or has("meeting_date")):
        return _Header(0, columns, "actions")
    if has("ref") and has("text") and (has("kind") or has("type")):
        if not has("kind"):
            columns["kind"] = columns.pop("type")
        return _Header(0, columns, "findings")
    if has("ref") and has("update") and has("date"):
        return _Header(0, columns, "progress")
    if has("inspection") and (has("inspectorate") or has("published")):
        return _Header(0, columns, "inspections")
    return None


@record
class RegisterReading:
    register: Register
    problems: list[Problem]
    #: where each finding's and action's reference is, so that files read together can be checked against each other
    where: dict[str, Location] = field(default_factory=dict)


class _SheetReader:
    """Turns the rows under one heading row into records, collecting problems with their cells."""

    def __init__(self, book: WorkbookData, sheet: SheetData, header: _Header, problems: list[Problem],
                 refs: dict[str, Location]):
        self.book, self.sheet, self.header, self.problems = book, sheet, header, problems
        self.refs = refs

    def unique_ref(self, r: int, ref: str) -> bool:
        """Findings and actions share one set of references (progress updates point at them)."""
        where = self.loc(r, self.header.columns["ref"])
        if ref in self.refs:
            self.problems.append(error(codes.TRACKER_DUPLICATE_REF, f"the reference {ref!r} is also used at"
                                       f" {self.refs[ref]}: each finding and action needs its own", where))
            return False
        self.refs[ref] = where
        return True

    def loc(self, row: int, col: int) -> Location:
        return self.book.location(self.sheet.name, row, col)

    def rows(self) -> list[int]:
        return [r for r in range(self.header.row + 1, self.sheet.height)
                if any(_clean(v) for v in self.sheet.rows[r])]

    def raw(self, r: int, name: str) -> Any:
        c = self.header.columns.get(name)
        return None if c is None else self.sheet.value(r, c)

    def text(self, r: int, name: str) -> str:
        value = self.raw(r, name)
        if isinstance(value, dt.datetime | dt.date):
            return value.isoformat()[:10]
        if name in _FREE_TEXT:
            return "" if value is None else str(value).replace("\r\n", "\n").strip()
        return _clean(value)

    def required(self, r: int, name: str, what: str) -> str:
        value = self.text(r, name)
        if not value:
            self.problems.append(error(codes.TRACKER_MISSING_VALUE, f"{what} is blank: every row needs one",
                                       self.loc(r, self.header.columns[name])))
        return value

    def date(self, r: int, name: str, what: str) -> dt.date | None:
        c = self.header.columns.get(name)
        if c is None:
            return None
        try:
            return parse_date(self.sheet.value(r, c))
        except ValueError:
            typed = _clean(self.sheet.value(r, c))
            us = re.match(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$", typed)
            if us and int(us.group(1)) <= 12 < int(us.group(2)) <= 31:
                day_first = f"{int(us.group(2)):02d}/{int(us.group(1)):02d}/{us.group(3)}"
                self.problems.append(error(codes.TRACKER_BAD_DATE, f"{what} {typed!r} has the month first (US"
                                           f" order): write it day first, {day_first}, and check the column's other"
                                           " dates, which are read day first", self.loc(r, c)))
                return None
            self.problems.append(error(codes.TRACKER_BAD_DATE, f"{what} {typed!r} is not a"
                                       " date (write it as 31/03/2025 or 2025-03-31)", self.loc(r, c)))
            return None

    def check_done(self, r: int, status: FindingStatus | None, completed: dt.date | None) -> None:
        """A completion date on an item whose status is open: one of them is wrong, and the person should say which."""
        if status is not None and completed is not None and not status.is_done:
            self.problems.append(warning(codes.TRACKER_STATUS_DATES, f"the completion date {completed:%d/%m/%Y} is given"
                                         f" but the status is {status.value!r}: the item is counted as"
                                         f" {status.value}; correct the status or clear the date",
                                         self.loc(r, self.header.columns["completed"])))

    def parsed(self, r: int, name: str, parse: Callable[[Any], Any], what: str, allowed: str) -> Any:
        c = self.header.columns.get(name)
        raw = None if c is None else self.sheet.value(r, c)
        value = parse(raw)
        if value is None and c is not None:
            self.problems.append(error(_BAD_CHOICE[name], f"{what} {_clean(raw)!r} is not one of: {allowed}",
                                       self.loc(r, c)))
        return value


_BAD_CHOICE = {"kind": codes.TRACKER_BAD_KIND, "status": codes.TRACKER_BAD_STATUS}
_STATUS_LIST = ", ".join(s.value for s in FindingStatus)
_KIND_LIST = ", ".join(k.value for k in FindingKind)


_RAG_HEADINGS = frozenset({"rag", "rag status", "current rag", "status (rag)", "rag rating"})


def _findings(sr: _SheetReader, reg: Register) -> None:
    for c, cell in enumerate(sr.sheet.rows[sr.header.row]):
        if _clean(cell).lower().rstrip(":") in _RAG_HEADINGS:
            sr.problems.append(info(codes.TRACKER_RAG_NOT_READ, f"the column {_clean(cell)!r} is not read: the pack"
                                    " works out each finding's RAG from its due date, status and latest update, so"
                                    " it may differ from the RAG typed here", sr.loc(sr.header.row, c)))
    for r in sr.rows():
        ref = sr.required(r, "ref", "The reference")
        text = sr.required(r, "text", "The finding's text")
        kind = sr.parsed(r, "kind", parse_kind, "The kind", _KIND_LIST)
        status = sr.parsed(r, "status", parse_status, "The status", _STATUS_LIST)
        due = sr.date(r, "due", "The due date")
        completed = sr.date(r, "completed", "The completion date")
        sr.check_done(r, status, completed)
        if ref and sr.unique_ref(r, ref) and text and kind and status:
            reg.findings.append(Finding(ref, sr.text(r, "inspection"), kind, text, sr.text(r, "question"),
                                        sr.text(r, "owner"), due, status, completed, sr.text(r, "force_position")))


def _actions(sr: _SheetReader, reg: Register) -> None:
    for r in sr.rows():
        ref = sr.required(r, "ref", "The reference")
        action = sr.required(r, "action", "The action")
        status = sr.parsed(r, "status", parse_status, "The status", _STATUS_LIST)
        meeting_date = sr.date(r, "meeting_date", "The meeting date")
        due = sr.date(r, "due", "The due date")
        completed = sr.date(r, "completed", "The completion date")
        sr.check_done(r, status, completed)
        reported = sr.text(r, "reported_rag")
        if reported and reported.title() not in ("Red", "Amber", "Green"):
            sr.problems.append(warning(codes.TRACKER_REPORTED_RAG, f"the reported RAG {reported!r} is not Red, Amber"
                                       " or Green; kept as written", sr.loc(r, sr.header.columns["reported_rag"])))
        if ref and sr.unique_ref(r, ref) and action and status:
            reg.actions.append(ScrutinyAction(ref, sr.text(r, "meeting"), meeting_date, sr.text(r, "item"),
                                              action, sr.text(r, "question"), sr.text(r, "owner"), due, status,
                                              completed, sr.text(r, "outcome"),
                                              reported.title() if reported.title() in ("Red", "Amber", "Green")
                                              else reported))


def _yes(raw: Any) -> bool:
    return _clean(raw).lower() in ("yes", "y", "true", "1", "required")


def _inspections(sr: _SheetReader, reg: Register) -> None:
    for r in sr.rows():
        title = sr.required(r, "inspection", "The inspection's title")
        if title:
            reg.inspections.append(Inspection(
                title, sr.text(r, "inspectorate"), sr.text(r, "type"), sr.date(r, "published", "The publication date"),
                sr.text(r, "forces"), sr.text(r, "summary"), sr.text(r, "link"), _yes(sr.raw(r, "response_required")),
                sr.date(r, "response_due", "The response due date")))


def _progress(sr: _SheetReader, reg: Register) -> None:
    for r in sr.rows():
        ref = sr.required(r, "ref", "The reference")
        on = sr.date(r, "date", "The update's date")
        text = sr.required(r, "update", "The update")
        if on is None and "date" in sr.header.columns and not _clean(sr.raw(r, "date")):
            sr.problems.append(error(codes.TRACKER_MISSING_VALUE, "The update's date is blank: every update needs one",
                                     sr.loc(r, sr.header.columns["date"])))
        if ref and on and text:
            reg.updates.append(ProgressUpdate(ref, on, text, sr.text(r, "by")))


def normalise_year(text: str) -> str | None:
    """A PEEL round as ``2023/25`` or ``2021``, from ``PEEL 2023-25``, ``2023/2025``, ``2023``."""
    m = _YEAR.search(text)
    if not m:
        return None
    return f"{m.group(1)}/{m.group(2)[-2:]}" if m.group(2) else m.group(1)


def _grades(sr: _SheetReader, reg: Register) -> None:
    header = sr.header
    year_col = header.columns.get("year")
    default_year = normalise_year(sr.sheet.name)
    for r in range(header.row - 1, -1, -1):
        if default_year:
            break
        default_year = normalise_year(" ".join(_clean(v) for v in sr.sheet.rows[r]))
    questions = dict(header.questions)
    for c in header.ignored:
        heading = _clean(sr.sheet.value(header.row, c))
        cells = [sr.sheet.value(r, c) for r in sr.rows()]
        readings = [parse_grade(v) for v in cells if _clean(v)]
        if readings and all(g.ok for g in readings) and any(g.grade is not None for g in readings):
            # graded, but not an area pccdesk knows: kept with its grades, never dropped
            questions[c] = other_area_name(heading)
            sr.problems.append(warning(codes.TRACKER_GRADE_OTHER_AREA,
                                       f"the column {heading!r} is not one of HMICFRS's PEEL areas known to pccdesk; "
                                       f"its grades are kept as {questions[c]!r}", sr.loc(header.row, c)))
            continue
        sr.problems.append(warning(codes.TRACKER_GRADE_COLUMN, f"the column {heading!r} is not a PEEL question and "
                                   "holds no grades; it was left out", sr.loc(header.row, c)))
    force_col = header.columns["force"]
    for r in sr.rows():
        force = _clean(sr.sheet.value(r, force_col))
        if not force:
            sr.problems.append(error(codes.TRACKER_MISSING_VALUE, "the force is blank in a row of grades",
                                     sr.loc(r, force_col)))
            continue
        year = default_year
        typed = _clean(sr.sheet.value(r, year_col)) if year_col is not None else ""
        if typed:
            year = normalise_year(typed)
            if not year:
                sr.problems.append(error(codes.TRACKER_GRADE_YEAR, f"the PEEL round {typed!r} cannot be read: write it"
                                         " as 2023/25 or 2021/22", sr.loc(r, year_col or 0)))
                continue
        if not year:
            sr.problems.append(error(codes.TRACKER_GRADE_YEAR, "the PEEL round (e.g. 2023/25) is not given: add a Year"
                                     " column or put it in the sheet name", sr.loc(r, year_col or force_col)))
            continue
        for c, question in questions.items():
            raw = sr.sheet.value(r, c)
            reading = parse_grade(raw)
            if not reading.ok:
                sr.problems.append(error(codes.TRACKER_BAD_GRADE, f"{_clean(raw)!r} is not a PEEL grade (Outstanding,"
                                         " Good, Adequate, Requires improvement, Inadequate, n/a)", sr.loc(r, c)))
                continue
            if reading.blank:
                continue
            if reading.grade is PeelGrade.ADEQUATE and four_point_round(year):
                sr.problems.append(error(codes.TRACKER_BAD_GRADE, f"{_clean(raw)!r} is not a grade of PEEL {year}: rounds"
                                         f" before {FIVE_POINT_FROM}/{(FIVE_POINT_FROM + 1) % 100} graded Outstanding,"
                                         " Good, Requires improvement or Inadequate; check the grade and the round",
                                         sr.loc(r, c)))
                continue
            reg.grades.append(GradeEntry(force, question, year, reading.grade, reading.percent, reading.mark))


def _merged_down(sheet: SheetData, header_row: int) -> SheetData:
    """The sheet with each cell merged down over several rows below the headings repeated in every row it covers.

    Registers often type an inspection or a due date once and merge it down over the findings it belongs to;
    Excel keeps the value in the top cell only, but a person reading the sheet sees it on each row. Merges
    across columns are left alone: the cells they cover belong to other fields.
    """
    downs = [(r1, c1, r2) for r1, c1, r2, _c2 in sheet.merged if r2 > r1 and r1 > header_row]
    if not downs:
        return sheet
    rows = [list(r) for r in sheet.rows]
    for r1, c1, r2 in downs:
        top = sheet.value(r1, c1)
        for r in range(r1 + 1, min(r2, len(rows) - 1) + 1):
            if c1 >= len(rows[r]):
                rows[r].extend([None] * (c1 + 1 - len(rows[r])))
            rows[r][c1] = top
    return replace(sheet, rows=rows)


_READERS: dict[str, Callable[[_SheetReader, Register], None]] = {
    "findings": _findings, "actions": _actions, "inspections": _inspections, "progress": _progress,
    "grades": _grades,
}


def read_register(path: str | Path, password: str | None = None, *, options: ReadOptions | None = None
                  ) -> RegisterReading:
    """Read a register workbook; raises :class:`ProblemsFound` if anything in it is wrong (nothing is kept)."""
    path = Path(path)
    book = read_workbook(path, password, options=options)
    reg = Register()
    problems: list[Problem] = []
    recognised = 0
    refs: dict[str, Location] = {}
    for sheet in book.sheets:
        header = None
        for r in range(min(HEADER_SCAN_ROWS, sheet.height)):
            header = _classify(sheet.rows[r])
            if header is not None:
                header.row = r
                break
        if header is None:
            if sheet.height and not sheet.hidden:
                problems.append(info(codes.TRACKER_SHEET_SKIPPED, "no register headings found on this sheet; it was"
                                     " not read", book.location(sheet.name)))
            continue
        recognised += 1
        sheet = _merged_down(sheet, header.row)
        _READERS[header.kind](_SheetReader(book, sheet, header, problems, refs), reg)
    if not recognised:
        raise ProblemsFound(problems, "no sheet of this workbook looks like a tracker register (findings with Ref,"
                            " Inspection, Kind and Text; actions with Ref, Meeting and Action; or PEEL grades with"
                            " Force and the questions as headings)", Location.of(path))
    for u in reg.updates:
        if u.ref not in refs:
            problems.append(warning(codes.TRACKER_UPDATE_UNMATCHED, f"a progress update names {u.ref!r}, which is not"
                                    " in this register (it is kept only if the tracker already has that item)",
                                    Location.of(path)))
    errors = [p for p in problems if p.severity.rank == 0]
    if errors:
        raise ProblemsFound(problems, f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in the register:"
                            " nothing was imported", Location.of(path))
    return RegisterReading(reg, problems, refs)



def merge_readings(readings: list[tuple[Path, RegisterReading]]) -> tuple[Register, list[Problem]]:
    """Several registers read together as one; raises :class:`ProblemsFound` when they disagree.

    A finding or action given in two files the same way is kept once. Given differently (a status of
    ``Complete`` in one file and ``Ongoing`` in the other, say), saving both would let the later file win
    without a word, so nothing is saved and both places are named. The same goes for an inspection and for
    a force's PEEL grade for one question and round.
    """
    merged = Register()
    problems: list[Problem] = []
    conflicts: list[Problem] = []
    items: dict[str, tuple[object, Location]] = {}
    grades: dict[tuple[str, str, str], tuple[GradeEntry, Path]] = {}
    inspections: dict[str, tuple[Inspection, Path]] = {}

    def first_time(ref: str, item: object, where: Location) -> bool:
        if ref not in items:
            items[ref] = (item, where)
            return True
        if items[ref][0] != item:
            conflicts.append(error(codes.TRACKER_CONFLICTING_FILES, f"the reference {ref!r} is also in {items[ref][1]},"
                                   " with different details (status, dates or text): import only the file that is"
                                   " up to date, or give each item its own reference", where))
        return False

    for path, reading in readings:
        problems.extend(reading.problems)
        reg = reading.register
        for insp in reg.inspections:
            if insp.title not in inspections:
                inspections[insp.title] = (insp, path)
                merged.inspections.append(insp)
            elif inspections[insp.title][0] != insp:
                conflicts.append(error(codes.TRACKER_CONFLICTING_FILES, f"the inspection {insp.title!r} is also in"
                                       f" {inspections[insp.title][1].name}, with different details (dates, type or"
                                       " summary): import only the file that is up to date", Location.of(path)))
        merged.updates.extend(reg.updates)
        merged.findings.extend(f for f in reg.findings
                               if first_time(f.ref, f, reading.where.get(f.ref, Location.of(path))))
        merged.actions.extend(a for a in reg.actions
                              if first_time(a.ref, a, reading.where.get(a.ref, Location.of(path))))
        for g in reg.grades:
            key = (g.force, g.question, g.year)
            if key not in grades:
                grades[key] = (g, path)
                merged.grades.append(g)
            elif grades[key][0] != g:
                conflicts.append(error(codes.TRACKER_CONFLICTING_FILES, f"{g.force}'s PEEL {g.year} grade for"
                                       f" {g.question} is {g.text or 'blank'!r} in this file but"
                                       f" {grades[key][0].text or 'blank'!r} in {grades[key][1].name}: import only"
                                       " the file that is right", Location.of(path)))
    if conflicts:
        n = len(conflicts)
        raise ProblemsFound([*problems, *conflicts], f"{n} item{' differs' if n == 1 else 's differ'} between the"
                            " files: nothing was imported")
    return merged, problems
