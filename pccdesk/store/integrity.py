"""The one integrity check of a history database, over an open connection.

``pccdesk db check``, the app's Tools menu, a backup checking its own copy and
:meth:`HistoryStore.integrity_problems` all ask the same three questions:
SQLite's ``integrity_check``, its ``foreign_key_check``, and whether the file
is a pccdesk history database at all (it has a ``schema_version`` table). It
lives apart from :mod:`pccdesk.store.maintenance` so that the store itself can
use it without importing the module that imports the store.
"""

from __future__ import annotations

import sqlite3


def connection_problems(conn: sqlite3.Connection) -> list[str]:
    """Everything wrong with the database behind ``conn`` (empty if sound); reads only."""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        problems = [] if rows == ["ok"] else [str(r) for r in rows]
        problems += [f"row {r[1]} of {r[0]} points to a missing row of {r[2]}"
                     for r in conn.execute("PRAGMA foreign_key_check")]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "schema_version" not in tables:
            problems.append("this is not a pccdesk history database (no schema_version table)")
        elif "indicator_values" in tables:
            problems += impossible_values(conn)
    except sqlite3.DatabaseError as exc:
        problems = [f"damaged or not a database ({exc})"]
    return problems


def impossible_values(conn: sqlite3.Connection) -> list[str]:
    """Figures beyond ±``values.FIGURE_LIMIT`` (infinities included) that an older pccdesk let into the store."""
    from pccdesk.values import FIGURE_LIMIT

    rows = conn.execute(
        "SELECT v.ref, v.reporting_period, i.file_name, v.sheet, v.cell FROM indicator_values v JOIN imports i"
        " ON i.id = v.import_id WHERE ABS(v.value) > ? OR ABS(v.half_width) > ?", (FIGURE_LIMIT, FIGURE_LIMIT))
    return [f"{ref} for {period} (from {file} {sheet}!{cell}) is not a possible figure (beyond ±{FIGURE_LIMIT:.0e}, "
            "or infinite)" for ref, period, file, sheet, cell in rows]
