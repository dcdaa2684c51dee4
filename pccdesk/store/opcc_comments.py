"""The OPCC's own comment on each indicator and period, kept in the history store.

The panel pack prints the force's commentary and, beside it, what the OPCC
says about the figure. That comment is written once per indicator and period
(in the app, or through ``pccdesk comments import`` from a small workbook) and
must survive rebuilding the pack, so it lives in the history store rather
than in the pack. Nothing is ever deleted: a new comment marks the earlier one
as replaced, so who wrote what and when can always be read back; an empty
comment withdraws the current one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from pccdesk.records import record
from pccdesk.store.history_store import HistoryStore, current_user


@record(frozen=True)
class OpccComment:
    ref: str
    reporting_period: str
    comment: str
    written_by: str
    written_at: str
    replaced_at: str | None = None


def comments_for(store: HistoryStore, reporting_period: str) -> dict[str, str]:
    """ref → the current OPCC comment for one period (indicators without one are absent)."""
    rows = store.conn.execute(
        "SELECT ref, comment FROM opcc_comments WHERE reporting_period = ? AND replaced_at IS NULL "
        "AND comment <> '' ORDER BY ref", (reporting_period,)).fetchall()
    return {row["ref"]: row["comment"] for row in rows}


def comment_history(store: HistoryStore, ref: str, reporting_period: str) -> list[OpccComment]:
    """Every comment written for one indicator and period, oldest first (the audit trail)."""
    rows = store.conn.execute(
        "SELECT * FROM opcc_comments WHERE ref = ? AND reporting_period = ? ORDER BY id",
        (ref, reporting_period)).fetchall()
    return [OpccComment(r["ref"], r["reporting_period"], r["comment"], r["written_by"], r["written_at"],
                        r["replaced_at"]) for r in rows]


def save_comments(store: HistoryStore, reporting_period: str, comments: Mapping[str, str]) -> int:
    """Record comments for one period in one transaction; returns how many changed.

    A comment equal to the current one changes nothing; a different one replaces it; an empty one
    withdraws it (the withdrawal is recorded as an empty comment).
    """
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    user = current_user()
    changed = 0
    with store.transaction() as conn:
        for ref, text in comments.items():
            text = text.strip()
            row = conn.execute("SELECT id, comment FROM opcc_comments WHERE ref = ? AND reporting_period = ? "
                               "AND replaced_at IS NULL", (ref, reporting_period)).fetchone()
            current = row["comment"] if row is not None else ""
            if text == current:
                continue
            if row is not None:
                conn.execute("UPDATE opcc_comments SET replaced_at = ? WHERE id = ?", (now, row["id"]))
            conn.execute("INSERT INTO opcc_comments (ref, reporting_period, comment, written_by, written_at) "
                         "VALUES (?, ?, ?, ?, ?)", (ref, reporting_period, text, user, now))
            changed += 1
    return changed
