"""Corrections to the history, each with an audit record: a return removed because it was stored under the wrong
period, and a period check the officer overrode.

Removing is the remedy for the worst way the history goes wrong: a return for
April to June stored as July to September makes every later pack show flat,
false trends. The removal is one transaction: the return's values go, any
values of an earlier return for the same period that it had superseded become
current again (or, where a later return had replaced its values in turn, stay
replaced by that later one), and the import itself goes (so the file can be
imported again under the right period). The audit record (table ``history_corrections``)
keeps who, when, why, the file's name and fingerprint, and every removed value
as JSON, so nothing is lost that a later question might need.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pccdesk.periods import settled_period
from pccdesk.problems import PccdeskError, Problem
from pccdesk.records import record
from pccdesk.store import codes
from pccdesk.store.history_store import HistoryStore, current_user

REMOVED = "return-removed"
PERIOD_OVERRIDE = "period-check-overridden"


@record(frozen=True)
class StoredImport:
    """One return in the history: what the officer needs to choose which to remove."""

    import_id: int
    file_name: str
    reporting_period: str
    imported_at: str
    user_name: str
    values: int
    replaced: int = 0  # of its values, how many a later return has replaced


@record(frozen=True)
class Correction:
    id: int
    kind: str
    import_id: int | None
    file_name: str
    reporting_period: str
    detail: str
    user_name: str
    at: str


def stored_imports(store: HistoryStore, *, period: str | None = None, file_name: str | None = None
                   ) -> list[StoredImport]:
    """The indicator returns in the history, oldest first, optionally for one period and/or file name.

    The period is compared as the pack settles it: "Q2 2015/16" finds the returns stored as "2015-16 Q2" (and
    those an older version stored under the officer's own wording).
    """
    sql = ("SELECT i.id, i.file_name, i.reporting_period, i.imported_at, i.user_name,"
           " (SELECT COUNT(*) FROM indicator_values v WHERE v.import_id = i.id) AS n,"
           " (SELECT COUNT(*) FROM indicator_values v WHERE v.import_id = i.id AND v.superseded_by IS NOT NULL)"
           " AS replaced FROM imports i WHERE i.kind = 'indicators'")
    args: list[str] = []
    if file_name:
        sql += " AND lower(i.file_name) = lower(?)"
        args.append(file_name)
    rows = store.conn.execute(sql + " ORDER BY i.id", args).fetchall()
    wanted = settled_period(period) if period else None
    return [StoredImport(int(r["id"]), r["file_name"], r["reporting_period"], r["imported_at"], r["user_name"],
                         int(r["n"]), int(r["replaced"])) for r in rows
            if wanted is None or settled_period(str(r["reporting_period"])) == wanted]


def remove_import(store: HistoryStore, import_id: int, *, reason: str) -> Correction:
    """Remove one stored return and its values (see the module's docstring); returns the audit record."""
    if not reason.strip():
        raise PccdeskError("say why the return is removed (e.g. --reason \"stored under the wrong quarter\")",
                           code=codes.HISTORY_REMOVE_NO_REASON)
    with store.transaction() as conn:
        found = conn.execute("SELECT * FROM imports WHERE id = ? AND kind = 'indicators'", (import_id,)).fetchone()
        if found is None:
            raise PccdeskError(f"there is no stored return number {import_id} in the history", code=codes.HISTORY_NO_IMPORT)
        values = [dict(r) for r in conn.execute(
            "SELECT ref, reporting_period, period_text, value, unit, half_width, text, sheet, cell, superseded_by"
            " FROM indicator_values WHERE import_id = ? ORDER BY id", (import_id,))]
        # The values this return had replaced take its place: current again if its own were current, or replaced
        # by the later return that had replaced its own (else two figures would be current for one period).
        conn.execute(
            "UPDATE indicator_values SET superseded_by = (SELECT MAX(r.superseded_by) FROM indicator_values r"
            " WHERE r.import_id = ? AND r.ref = indicator_values.ref) WHERE superseded_by = ?",
            (import_id, import_id))
        conn.execute("DELETE FROM indicator_values WHERE import_id = ?", (import_id,))
        conn.execute("DELETE FROM imports WHERE id = ?", (import_id,))
        detail = f"{len(values)} value(s) removed: {reason.strip()}"
        cur = conn.execute(
            "INSERT INTO history_corrections (kind, import_id, file_name, file_sha256, reporting_period, detail,"
            " removed_values, user_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (REMOVED, import_id, found["file_name"], found["file_sha256"], found["reporting_period"], detail,
             _json(values), current_user(), _now()))
        return Correction(int(cur.lastrowid or 0), REMOVED, import_id, found["file_name"], found["reporting_period"],
                          detail, current_user(), _now())


def record_period_override(store: HistoryStore, import_id: int, file_name: str, reporting_period: str,
                           detail: str) -> None:
    """Record that a return was stored under ``reporting_period`` although its texts say another quarter."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO history_corrections (kind, import_id, file_name, reporting_period, detail, user_name, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (PERIOD_OVERRIDE, import_id, file_name, reporting_period, detail, current_user(), _now()))


def record_overrides(store: HistoryStore, import_id: int, file_name: str, reporting_period: str,
                     problems: Sequence[Problem]) -> None:
    """Record the overridden period checks of one stored return (the ``return-period-overridden`` problems)."""
    for problem in problems:
        if problem.code == "return-period-overridden" and problem.location.file == file_name:
            record_period_override(store, import_id, file_name, reporting_period, problem.message)


def corrections(store: HistoryStore) -> list[Correction]:
    """Every correction made to the history, oldest first (the audit trail)."""
    rows = store.conn.execute("SELECT * FROM history_corrections ORDER BY id").fetchall()
    return [Correction(int(r["id"]), r["kind"], r["import_id"], r["file_name"], r["reporting_period"], r["detail"],
                       r["user_name"], r["at"]) for r in rows]


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _json(values: list[dict[str, object]]) -> str:
    """The removed values as JSON (imported here: only a correction needs it, not every run that records)."""
    import json

    return json.dumps(values)
