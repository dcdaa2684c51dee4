"""The tracker's sheets in the panel pack, and its tables on the ``Data`` sheet.

Four presentation sheets: **Inspections** (per inspection and kind of
finding, how many are at each status and each RAG), **Open items** (every
finding and action not yet done, overdue first then by due date), **PEEL
grades** (forces × questions, grades as words on a five-step colour-blind-safe
scale, with the change from the force's previous PEEL where the tracker has
it) and **Scrutiny actions** (the log). The ``Data`` sheet gets the tables
``Findings``, ``PeelGrades`` and ``Actions``.

RAG is always derived here by :func:`progress_rag` on the pack's ``today``;
the RAG is written as a word with a symbol, never as colour alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pccdesk.records import record
from pccdesk.tracker.grades import four_point_round
from pccdesk.tracker.peel_questions import standard_order
from pccdesk.tracker.progress_rag import RagResult, progress_rag
from pccdesk.tracker.tracker_model import (
    Finding,
    FindingKind,
    FindingStatus,
    GradeEntry,
    Inspection,
    PeelGrade,
    Rag,
    ScrutinyAction,
)
from pccdesk.writers.links import allowed_link
from pccdesk.writers.pack_style import STATUS_SYMBOLS, Column

if TYPE_CHECKING:
    from pccdesk.writers.pack_workbook import PackWorkbook

#: Five steps from ColorBrewer's RdBu (a diverging scheme safe for the common colour-vision deficiencies),
#: lightened so black text reads on every step. The grade is always written as a word as well.
GRADE_FILLS = {
    PeelGrade.OUTSTANDING: "#92C5DE",
    PeelGrade.GOOD: "#D1E5F0",
    PeelGrade.ADEQUATE: "#F7F7F7",
    PeelGrade.REQUIRES_IMPROVEMENT: "#FDDBC7",
    PeelGrade.INADEQUATE: "#F4A582",
    PeelGrade.NOT_APPLICABLE: "#E6E6E6",
}


@record(frozen=True)
class RatedItem:
    """A finding or an action with its derived RAG (what the sheets and the app list)."""

    ref: str
    source: str  # the inspection's title or the meeting
    kind: str
    text: str
    owner: str
    due: dt.date | None
    status: FindingStatus
    completed: dt.date | None
    last_update: dt.date | None
    latest_update: str
    rag: RagResult
    changed_by: str = ""
    changed_at: str = ""


def rate_findings(findings: Sequence[Finding], today: dt.date, amber_days: int) -> list[RatedItem]:
    out = []
    for f in findings:
        latest = max(f.updates, key=lambda u: u.on).text if f.updates else ""
        out.append(RatedItem(f.ref, f.inspection, f.kind.value, f.text, f.owner, f.due, f.status, f.completed,
                             f.last_update, latest, progress_rag(status=f.status, due=f.due,
                                                                 last_update=f.last_update, today=today,
                                                                 amber_days=amber_days, completed=f.completed),
                             f.updated_by, f.updated_at))
    return out


def rate_actions(actions: Sequence[ScrutinyAction], today: dt.date, amber_days: int) -> list[RatedItem]:
    out = []
    for a in actions:
        latest = max(a.updates, key=lambda u: u.on).text if a.updates else ""
        meeting = " ".join(p for p in (a.meeting, f"{a.meeting_date:%d %b %Y}" if a.meeting_date else "") if p)
        meeting = " – ".join(p for p in (meeting, a.item) if p)
        out.append(RatedItem(a.ref, meeting, "Scrutiny action", a.action, a.owner, a.due, a.status, a.completed,
                             a.last_update, latest, progress_rag(status=a.status, due=a.due,
                                                                 last_update=a.last_update, today=today,
                                                                 amber_days=amber_days, completed=a.completed),
                             a.updated_by, a.updated_at))
    return out


def open_items(items: Sequence[RatedItem]) -> list[RatedItem]:
    """Items not done, overdue first, then by due date (no date last), then by reference."""
    pending = [i for i in items if not i.status.is_done]
    return sorted(pending, key=lambda i: (i.rag.rag is not Rag.RED, i.due or dt.date.max, i.ref))


def rag_text(rag: Rag) -> str:
    return f"{STATUS_SYMBOLS[rag.value]} {rag.value}"


# --- grades ----------------------------------------------------------------------
@record(frozen=True)
class GradeChange:
    previous_year: str
    previous: PeelGrade
    steps: int | None  # positive: better than before; None across the change from four grades to five

    @property
    def words(self) -> str:
        if self.steps is None:
            return f"Was {self.previous.value} in {self.previous_year} (four-point scale, not comparable)"
        if self.steps == 0:
            return f"Same as {self.previous_year}"
        way = "Up" if self.steps > 0 else "Down"
        n = abs(self.steps)
        return f"{way} {n} step{'s' if n != 1 else ''} from {self.previous.value} ({self.previous_year})"


def grade_changes(grades: Sequence[GradeEntry]) -> dict[tuple[str, str, str], GradeChange]:
    """For each graded (force, question, year), the change from the force's latest earlier graded PEEL."""
    by_key: dict[tuple[str, str], list[GradeEntry]] = {}
    for g in grades:
        if g.grade is not None and g.grade.rank is not None:
            by_key.setdefault((g.force, g.question), []).append(g)
    changes = {}
    for entries in by_key.values():
        entries.sort(key=lambda g: g.year)
        for before, now in zip(entries, entries[1:], strict=False):
            assert before.grade is not None and now.grade is not None
            steps: int | None = (before.grade.rank or 0) - (now.grade.rank or 0)
            if four_point_round(before.year) != four_point_round(now.year):
                steps = None  # Requires improvement was one step below Good on four points, two on five
            changes[(now.force, now.question, now.year)] = GradeChange(before.year, before.grade, steps)
    return changes


def grade_cell_text(g: GradeEntry | None, change: GradeChange | None) -> str:
    if g is None:
        return ""
    text = g.text
    if change is not None:
        text += f"\n{change.words}"
    return text


#: The Inspections summary's line for findings whose inspection the register leaves blank.
NO_INSPECTION = "(inspection not given)"


# --- sheets ----------------------------------------------------------------------
def write_inspections_summary(pack: PackWorkbook, inspections: Sequence[Inspection], findings: Sequence[Finding],
                              rated: Sequence[RatedItem]) -> None:
    sheet = pack.add_sheet("Inspections", repeat_rows=(2, 2))
    pack.text(sheet, 0, 0, "Inspections: findings by status and RAG", pack.title_format)
    statuses = list(FindingStatus)
    columns = [Column("Inspection", 40), Column("Inspectorate", 14), Column("Type", 11),
               Column("Published", 12, "date"), Column("Response due", 12, "date"), Column("Finding", 16),
               Column("Total", 7, "integer"),
               *(Column(s.value if s is not FindingStatus.CLOSED else "Closed – NFA", 10, "integer")
                 for s in statuses),
               *(Column(r.value, 8, "integer") for r in (Rag.RED, Rag.AMBER, Rag.GREEN))]
    rag_of = {r.ref: r.rag.rag for r in rated}
    rows: list[list[object]] = []
    links: list[str] = []
    titles = {i.title for i in inspections}
    # a finding whose inspection is blank (or not in the list) is still counted, under a line saying so
    unlisted = list(dict.fromkeys(f.inspection for f in findings if f.inspection not in titles))
    for insp in [*inspections, *(Inspection(t or NO_INSPECTION, inspectorate="") for t in unlisted)]:
        mine = [f for f in findings if f.inspection == insp.title
                or (insp.title == NO_INSPECTION and not f.inspection)]
        for kind in FindingKind:
            these = [f for f in mine if f.kind is kind]
            if not these:
                continue
            links.append(insp.link)
            rows.append([insp.title, insp.inspectorate, insp.kind, insp.published,
                         insp.response_due if insp.response_required else None, kind.value, len(these),
                         *(sum(f.status is s for f in these) for s in statuses),
                         *(sum(rag_of.get(f.ref) is r for f in these) for r in (Rag.RED, Rag.AMBER, Rag.GREEN))])
        if not mine:
            links.append(insp.link)
            rows.append([insp.title, insp.inspectorate, insp.kind, insp.published,
                         insp.response_due if insp.response_required else None, "(none recorded)", 0,
                         *([0] * (len(statuses) + 3))])
    pack.write_grid(sheet, 2, columns, rows)
    link_format = pack.kind_format("text", font_color="#1F3864", underline=1)
    for i, (link, row) in enumerate(zip(links, rows, strict=True)):
        if link and allowed_link(link):  # only the inspectorates' and government sites become clickable
            sheet.write_url(3 + i, 0, link.strip(), link_format, string=str(row[0]), tip="Open the report")


def write_open_items(pack: PackWorkbook, items: Sequence[RatedItem], today: dt.date) -> None:
    sheet = pack.add_sheet("Open items", repeat_rows=(2, 2))
    pack.text(sheet, 0, 0, f"Open items on {today:%d %B %Y}: overdue first, then by due date", pack.title_format)
    columns = [Column("Ref", 10), Column("From", 30), Column("Kind", 16), Column("Item", 55), Column("Owner", 16),
               Column("Due", 12, "date"), Column("Status", 12), Column("RAG", 10), Column("Why", 26),
               Column("Last update", 12, "date"), Column("Latest progress", 40)]
    pending = open_items(items)
    rows = [[i.ref, i.source, i.kind, i.text, i.owner, i.due, i.status.value, rag_text(i.rag.rag), i.rag.reason,
             i.last_update, i.latest_update] for i in pending]
    formats = [{7: pack.status_format(i.rag.rag.value)} for i in pending]
    end = pack.write_grid(sheet, 2, columns, rows, formats)
    if not pending:
        pack.text(sheet, end, 0, "No open items.")


def write_grades_matrix(pack: PackWorkbook, grades: Sequence[GradeEntry]) -> None:
    sheet = pack.add_sheet("PEEL grades")
    pack.text(sheet, 0, 0, "PEEL grades by force", pack.title_format)
    changes = grade_changes(grades)
    questions = standard_order({g.question for g in grades})
    columns = [Column("Force", 18), *(Column(q, 15) for q in questions)]
    row = 2
    for year in sorted({g.year for g in grades}, reverse=True):
        pack.text(sheet, row, 0, f"PEEL {year}", pack.subtitle_format)
        these = {(g.force, g.question): g for g in grades if g.year == year}
        forces = list(dict.fromkeys(g.force for g in grades if g.year == year))
        rows, formats = [], []
        for force in forces:
            cells: list[str] = [force]
            fmt = {}
            for c, q in enumerate(questions, start=1):
                g = these.get((force, q))
                cells.append(grade_cell_text(g, changes.get((force, q, year))))
                if g is not None and g.grade is not None:
                    fmt[c] = pack.kind_format("text", bg_color=GRADE_FILLS[g.grade],
                                              bold=g.grade in (PeelGrade.OUTSTANDING, PeelGrade.INADEQUATE))
                elif g is not None:
                    fmt[c] = pack.kind_format("text", italic=True)
            rows.append(cells)
            formats.append(fmt)
        row = pack.write_grid(sheet, row + 1, columns, rows, formats) + 1
    legend = ("Grades are on HMICFRS's five-point scale (four-point, without Adequate, before 2021/22), best first: "
              "Outstanding, Good, Adequate, Requires "
              "improvement, Inadequate (shading from blue to orange follows the same order). n/a: not inspected "
              "for this force. Not graded: the source table showed no grade (a mark such as -, _ or =). A change "
              "is given where the tracker holds the force's earlier PEEL grade for the same question; HMICFRS "
              "warns that grades from different PEEL rounds are not directly comparable.")
    sheet.merge_range(row, 0, row, max(len(columns) - 1, 1), legend, pack.kind_format("wrap", border=0))
    sheet.set_row(row, 62)


def write_actions_log(pack: PackWorkbook, actions: Sequence[ScrutinyAction], rated: Sequence[RatedItem]) -> None:
    sheet = pack.add_sheet("Scrutiny actions", repeat_rows=(2, 2))
    pack.text(sheet, 0, 0, "Scrutiny meetings: actions agreed", pack.title_format)
    columns = [Column("Ref", 8), Column("Meeting", 24), Column("Date", 12, "date"), Column("Item", 22),
               Column("Action", 50), Column("Owner", 14), Column("Due", 12, "date"), Column("Status", 12),
               Column("Completed", 12, "date"), Column("RAG", 10), Column("Force's RAG", 10), Column("Outcome", 30)]
    rag_of = {r.ref: r.rag for r in rated}
    rows, formats = [], []
    for a in actions:
        rag = rag_of[a.ref]
        rows.append([a.ref, a.meeting, a.meeting_date, a.item, a.action, a.owner, a.due, a.status.value,
                     a.completed, rag_text(rag.rag), a.reported_rag, a.outcome])
        fmt = {9: pack.status_format(rag.rag.value)}
        if a.reported_rag in ("Red", "Amber", "Green"):
            fmt[10] = pack.status_format(a.reported_rag)
        formats.append(fmt)
    pack.write_grid(sheet, 2, columns, rows, formats)


# --- the Data sheet ----------------------------------------------------------------
FINDINGS_COLUMNS = (
    Column("Ref", 10), Column("Inspection", 30), Column("Kind", 18), Column("Question", 20), Column("Text", 50),
    Column("Owner", 14), Column("Due", 12, "date"), Column("Status", 14), Column("Completed", 12, "date"),
    Column("RAG", 8), Column("RAG reason", 26), Column("Last update", 12, "date"), Column("Force position", 40),
)
PEEL_GRADES_COLUMNS = (
    Column("Force", 16), Column("Year", 9), Column("Question", 26), Column("Grade", 20),
    Column("Recording rate", 10, "percent"), Column("As shown", 20), Column("Previous year", 10),
    Column("Previous grade", 20), Column("Change (steps)", 10, "signed"),
)
ACTIONS_COLUMNS = (
    Column("Ref", 10), Column("Meeting", 24), Column("Meeting date", 12, "date"), Column("Item", 24),
    Column("Question", 30), Column("Action", 50), Column("Owner", 14), Column("Due", 12, "date"),
    Column("Status", 14), Column("Completed", 12, "date"), Column("RAG", 8), Column("RAG reason", 26),
    Column("Reported RAG", 10), Column("Outcome", 30), Column("Last update", 12, "date"),
)


def write_data_tables(pack: PackWorkbook, findings: Sequence[Finding], actions: Sequence[ScrutinyAction],
                      grades: Sequence[GradeEntry], rated: Sequence[RatedItem]) -> None:
    rag_of = {r.ref: r.rag for r in rated}
    pack.data_table("Findings", FINDINGS_COLUMNS, [
        [f.ref, f.inspection, f.kind.value, f.question, f.text, f.owner, f.due, f.status.value, f.completed,
         rag_of[f.ref].rag.value, rag_of[f.ref].reason, f.last_update, f.force_position] for f in findings],
        "Findings: inspection recommendations, areas for improvement and others, with their derived RAG")
    changes = grade_changes(grades)
    grade_rows = []
    for g in grades:
        ch = changes.get((g.force, g.question, g.year))
        grade_rows.append([g.force, g.year, g.question, g.grade.value if g.grade else "Not graded",
                           None if g.percent is None else round(g.percent / 100, 10),
                           g.text if g.grade else g.mark, ch.previous_year if ch else None,
                           ch.previous.value if ch else None, ch.steps if ch else None])
    pack.data_table("PeelGrades", PEEL_GRADES_COLUMNS, grade_rows,
                    "PeelGrades: one row per force, PEEL round and question (change: positive is better)")
    pack.data_table("Actions", ACTIONS_COLUMNS, [
        [a.ref, a.meeting, a.meeting_date, a.item, a.question, a.action, a.owner, a.due, a.status.value,
         a.completed, rag_of[a.ref].rag.value, rag_of[a.ref].reason, a.reported_rag, a.outcome, a.last_update]
        for a in actions], "Actions: scrutiny meeting actions, with their derived RAG")
