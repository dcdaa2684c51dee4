"""The one integrity check of a history database, over an open connection.

``pccdesk db check``, the app's Tools menu, a backup checking its own copy (whether it is sound only) and
:meth:`HistoryStore.integrity_problems` all ask the same questions:
SQLite's ``integrity_check``, its ``foreign_key_check``, whether the file
is a pccdesk history database at all (it has a ``schema_version`` table) and
whether its figures are possible, one current figure per indicator and period. It
lives apart from :mod:`pccdesk.store.maintenance` so that the store itself can
use it without importing the module that imports the store.
"""

from __future__ import annotations

import sqlite3


def connection_problems(conn: sqlite3.Connection, *, content: bool = True) -> list[str]:
    """Everything wrong with the database behind ``conn`` (empty if sound); reads only. Without ``content`` only
    whether it is a sound pccdesk database, not what it holds (a backup checks that its copy is sound: a figure
    an older version let in is copied faithfully, and must not stop the backup the repair starts from)."""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        problems = [] if rows == ["ok"] else [str(r) for r in rows]
        problems += [f"row {r[1]} of {r[0]} points to a missing row of {r[2]}"
                     for r in conn.execute("PRAGMA foreign_key_check")]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "schema_version" not in tables:
            problems.append("this is not a pccdesk history database (no schema_version table)")
        elif "indicator_values" in tables and content:
            problems += impossible_values(conn)
            problems += doubled_figures(conn)
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


def doubled_figures(conn: sqlite3.Connection) -> list[str]:
    """Indicators with two current figures for one period, which an older pccdesk could leave: removing a return
    that a later one had replaced brought back the figures it had replaced, and the same quarter stored under two
    labels ("Q1 2015/16" and "2015-16 Q1") was not replaced by a correction. The pack's History sheet and SPC
    chart then show both; only removing the wrong return (``pccdesk history remove``) can say which is right."""
    from pccdesk.periods import settled_period

    held: dict[tuple[str, str], list[str]] = {}
    for ref, period, file_name in conn.execute(
            "SELECT v.ref, v.reporting_period, i.file_name FROM indicator_values v JOIN imports i"
            " ON i.id = v.import_id WHERE v.superseded_by IS NULL ORDER BY v.id"):
        held.setdefault((str(ref), settled_period(str(period))), []).append(str(file_name))
    return [f"{ref} for {period} has {len(files)} current figures (from {', '.join(files)}): remove the wrong "
            "return with pccdesk history remove" for (ref, period), files in held.items() if len(files) > 1]
