"""The tracker's records in the history store (tables of migration 2).

Why the same SQLite file as the figures: one file to keep on the shared drive
and back up, one set of transactions. Every write goes through
``HistoryStore.transaction()`` (all or nothing) and records who made it and
when, both on the row (``updated_by``/``updated_at``) and, field by field, in
``tracker_edits`` so the panel officer can answer "who closed this, and when?".

Saving a register is an upsert keyed by the item's reference (findings and
actions), title (inspections) and force × question × year (grades): saving
the same register twice changes nothing and records no edit.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from pccdesk.problems import Location, PccdeskError
from pccdesk.records import record
from pccdesk.store.history_store import HistoryStore, current_user
from pccdesk.tracker import codes
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

_INSPECTION_FIELDS = ("inspectorate", "kind", "published", "forces", "summary", "link", "response_required",
                      "response_due")
_FINDING_FIELDS = ("inspection", "kind", "question", "text", "owner", "due", "status", "completed",
                   "force_position")
_ACTION_FIELDS = ("meeting", "meeting_date", "item", "question", "action", "owner", "due", "status", "completed",
                  "outcome", "reported_rag")
_GRADE_FIELDS = ("grade", "percent", "mark")


@record(frozen=True)
class SaveOutcome:
    added: int = 0
    changed: int = 0
    unchanged: int = 0


@record(frozen=True)
class Edit:
    entity: str
    ref: str
    field: str
    old_value: str | None
    new_value: str | None
    user_name: str
    at: str


def now_text() -> str:
    """The time of an edit: UTC, to the second, ISO 8601 (sorts as text)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _inspection_row(i: Inspection) -> dict[str, Any]:
    return {"inspectorate": i.inspectorate, "kind": i.kind, "published": _iso(i.published), "forces": i.forces,
            "summary": i.summary, "link": i.link, "response_required": int(i.response_required),
            "response_due": _iso(i.response_due)}


def _finding_row(f: Finding) -> dict[str, Any]:
    return {"inspection": f.inspection, "kind": f.kind.value, "question": f.question, "text": f.text,
            "owner": f.owner, "due": _iso(f.due), "status": f.status.value, "completed": _iso(f.completed),
            "force_position": f.force_position}


def _action_row(a: ScrutinyAction) -> dict[str, Any]:
    return {"meeting": a.meeting, "meeting_date": _iso(a.meeting_date), "item": a.item, "question": a.question,
            "action": a.action, "owner": a.owner, "due": _iso(a.due), "status": a.status.value,
            "completed": _iso(a.completed), "outcome": a.outcome, "reported_rag": a.reported_rag}


def _grade_row(g: GradeEntry) -> dict[str, Any]:
    return {"grade": g.grade.value if g.grade else None, "percent": g.percent, "mark": g.mark}


class TrackerStore:
    """The tracker's view of a :class:`HistoryStore`; it does not own the connection."""

    def __init__(self, store: HistoryStore):
        self.store = store
        self.conn: sqlite3.Connection = store.conn

    # --- saving ----------------------------------------------------------------
    def save_register(self, register: Register, *, user: str | None = None) -> SaveOutcome:
        """Add or update everything in ``register`` in one transaction; unchanged rows are not touched."""
        user = user or current_user()
        at = now_text()
        counts = [0, 0, 0]
        with self.store.transaction() as conn:
            for i in register.inspections:
                counts[self._upsert(conn, "tracker_inspections", "title", i.title, _inspection_row(i),
                                    _INSPECTION_FIELDS, "inspection", user, at)] += 1
            for f in register.findings:
                counts[self._upsert(conn, "tracker_findings", "ref", f.ref, _finding_row(f), _FINDING_FIELDS,
                                    "finding", user, at)] += 1
            for a in register.actions:
                counts[self._upsert(conn, "tracker_actions", "ref", a.ref, _action_row(a), _ACTION_FIELDS,
                                    "action", user, at)] += 1
            known = {r[0] for r in conn.execute("SELECT title FROM tracker_inspections")}
            for title in dict.fromkeys(f.inspection for f in register.findings):
                if title and title not in known:
                    counts[self._upsert(conn, "tracker_inspections", "title", title, _inspection_row(
                        Inspection(title, inspectorate="")), _INSPECTION_FIELDS, "inspection", user, at)] += 1
            for g in register.grades:
                counts[self._upsert_grade(conn, g, user, at)] += 1
            refs = {r[0] for r in conn.execute("SELECT ref FROM tracker_findings UNION SELECT ref FROM tracker_actions")}
            for u in register.updates:
                if u.ref in refs and self._insert_update(conn, u, user, at):
                    counts[0] += 1
                else:
                    counts[2] += 1
        return SaveOutcome(*counts)

    def _upsert(self, conn: sqlite3.Connection, table: str, key: str, key_value: str, row: dict[str, Any],
                fields: tuple[str, ...], entity: str, user: str, at: str) -> int:
        """0 added, 1 changed, 2 unchanged."""
        old = conn.execute(f"SELECT * FROM {table} WHERE {key} = ?", (key_value,)).fetchone()
        if old is None:
            cols = [key, *fields, "updated_by", "updated_at"]
            conn.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                         (key_value, *(row[f] for f in fields), user, at))
            self._log(conn, entity, key_value, "(added)", None, None, user, at)
            return 0
        changed = [f for f in fields if old[f] != row[f]]
        if not changed:
            return 2
        sets = ", ".join(f"{f} = ?" for f in changed)
        conn.execute(f"UPDATE {table} SET {sets}, updated_by = ?, updated_at = ? WHERE {key} = ?",
                     (*(row[f] for f in changed), user, at, key_value))
        for f in changed:
            self._log(conn, entity, key_value, f, old[f], row[f], user, at)
        return 1

    def _upsert_grade(self, conn: sqlite3.Connection, g: GradeEntry, user: str, at: str) -> int:
        if g.grade is None and not g.mark:
            return 2  # a blank cell gives no grade and takes none away
        key = f"{g.force} | {g.question} | {g.year}"
        row = _grade_row(g)
        old = conn.execute("SELECT * FROM tracker_grades WHERE force = ? AND question = ? AND year = ?",
                           (g.force, g.question, g.year)).fetchone()
        if old is None:
            conn.execute("INSERT INTO tracker_grades VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (g.force, g.question, g.year, row["grade"], row["percent"], row["mark"], user, at))
            self._log(conn, "grade", key, "(added)", None, g.text, user, at)
            return 0
        changed = [f for f in _GRADE_FIELDS if old[f] != row[f]]
        if not changed:
            return 2
        conn.execute("UPDATE tracker_grades SET grade = ?, percent = ?, mark = ?, updated_by = ?, updated_at = ?"
                     " WHERE force = ? AND question = ? AND year = ?",
                     (row["grade"], row["percent"], row["mark"], user, at, g.force, g.question, g.year))
        for f in changed:
            self._log(conn, "grade", key, f, old[f], row[f], user, at)
        return 1

    def _insert_update(self, conn: sqlite3.Connection, u: ProgressUpdate, user: str, at: str) -> bool:
        cur = conn.execute("INSERT INTO tracker_updates (ref, on_date, text, by_name, recorded_by,"
                           " recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                           (u.ref, u.on.isoformat(), u.text, u.by, user, at))
        if cur.rowcount:
            self._log(conn, "update", u.ref, "(progress update)", None, f"{u.on.isoformat()}: {u.text}", user, at)
            return True
        return False

    @staticmethod
    def _log(conn: sqlite3.Connection, entity: str, ref: str, field: str, old: Any, new: Any, user: str,
             at: str) -> None:
        conn.execute("INSERT INTO tracker_edits (entity, ref, field, old_value, new_value, user_name, at)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (entity, ref, field, None if old is None else str(old), None if new is None else str(new),
                      user, at))

    # --- editing one item (the app's form) -------------------------------------
    def _table_of(self, ref: str) -> tuple[str, str]:
        if self.conn.execute("SELECT 1 FROM tracker_findings WHERE ref = ?", (ref,)).fetchone():
            return "tracker_findings", "finding"
        if self.conn.execute("SELECT 1 FROM tracker_actions WHERE ref = ?", (ref,)).fetchone():
            return "tracker_actions", "action"
        raise PccdeskError(f"there is no finding or action with the reference {ref!r} in the tracker",
                           Location(str(self.store.path)), code=codes.TRACKER_UNKNOWN_REF)

    def set_status(self, ref: str, status: FindingStatus, *, completed: dt.date | None = None,
                   today: dt.date | None = None, user: str | None = None) -> None:
        """Change an item's status; done items get a completion date (today unless given), reopened lose it."""
        table, entity = self._table_of(ref)
        user = user or current_user()
        at = now_text()
        with self.store.transaction() as conn:
            old = conn.execute(f"SELECT status, completed FROM {table} WHERE ref = ?", (ref,)).fetchone()
            if status.is_done:
                new_completed = _iso(completed) or old["completed"] or (today or dt.date.today()).isoformat()
            else:
                new_completed = None
            new = {"status": status.value, "completed": new_completed}
            changed = [f for f in ("status", "completed") if old[f] != new[f]]
            if not changed:
                return
            conn.execute(f"UPDATE {table} SET status = ?, completed = ?, updated_by = ?, updated_at = ?"
                         " WHERE ref = ?", (new["status"], new["completed"], user, at, ref))
            for f in changed:
                self._log(conn, entity, ref, f, old[f], new[f], user, at)

    def add_update(self, ref: str, on: dt.date, text: str, *, by: str = "", user: str | None = None) -> bool:
        """Add a dated progress update to a finding or action; False if the same update is already there."""
        self._table_of(ref)
        if not text.strip():
            raise PccdeskError("a progress update needs some text", code=codes.TRACKER_EMPTY_UPDATE)
        user = user or current_user()
        table, _ = self._table_of(ref)
        with self.store.transaction() as conn:
            added = self._insert_update(conn, ProgressUpdate(ref, on, text.strip(), by or user), user, now_text())
            if added:
                conn.execute(f"UPDATE {table} SET updated_by = ?, updated_at = ? WHERE ref = ?",
                             (user, now_text(), ref))
            return added

    # --- reading ---------------------------------------------------------------
    def updates(self) -> dict[str, list[ProgressUpdate]]:
        out: dict[str, list[ProgressUpdate]] = {}
        for r in self.conn.execute("SELECT * FROM tracker_updates ORDER BY ref, on_date, id"):
            out.setdefault(r["ref"], []).append(ProgressUpdate(r["ref"], dt.date.fromisoformat(r["on_date"]),
                                                               r["text"], r["by_name"]))
        return out

    def inspections(self) -> list[Inspection]:
        return [Inspection(r["title"], r["inspectorate"], r["kind"], _date(r["published"]), r["forces"],
                           r["summary"], r["link"], bool(r["response_required"]), _date(r["response_due"]))
                for r in self.conn.execute("SELECT * FROM tracker_inspections ORDER BY COALESCE(published, ''), title")]

    def findings(self) -> list[Finding]:
        ups = self.updates()
        return [Finding(r["ref"], r["inspection"], FindingKind(r["kind"]), r["text"], r["question"], r["owner"],
                        _date(r["due"]), FindingStatus(r["status"]), _date(r["completed"]), r["force_position"],
                        ups.get(r["ref"], []), r["updated_by"], r["updated_at"])
                for r in self.conn.execute("SELECT * FROM tracker_findings ORDER BY ref")]

    def actions(self) -> list[ScrutinyAction]:
        ups = self.updates()
        return [ScrutinyAction(r["ref"], r["meeting"], _date(r["meeting_date"]), r["item"], r["action"],
                               r["question"], r["owner"], _date(r["due"]), FindingStatus(r["status"]),
                               _date(r["completed"]), r["outcome"], r["reported_rag"], ups.get(r["ref"], []),
                               r["updated_by"], r["updated_at"])
                for r in self.conn.execute("SELECT * FROM tracker_actions ORDER BY COALESCE(meeting_date, ''), ref")]

    def grades(self) -> list[GradeEntry]:
        return [GradeEntry(r["force"], r["question"], r["year"], PeelGrade(r["grade"]) if r["grade"] else None,
                           r["percent"], r["mark"])
                for r in self.conn.execute("SELECT * FROM tracker_grades ORDER BY year, force, question")]

    def register(self) -> Register:
        """Everything the tracker holds, as one register (what ``tracker export`` writes)."""
        updates = [u for ups in self.updates().values() for u in ups]
        return Register(self.inspections(), self.findings(), self.actions(), self.grades(), updates)

    def edits(self, ref: str | None = None) -> list[Edit]:
        sql = "SELECT * FROM tracker_edits"
        rows = self.conn.execute(sql + " WHERE ref = ? ORDER BY id", (ref,)) if ref else \
            self.conn.execute(sql + " ORDER BY id")
        return [Edit(r["entity"], r["ref"], r["field"], r["old_value"], r["new_value"], r["user_name"], r["at"])
                for r in rows]
