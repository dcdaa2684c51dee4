"""Moving a whole history between engines: SQLite to PostgreSQL when a team moves to a shared server, and back
(a PostgreSQL history written out as one SQLite file: a logical backup any pccdesk can open).

Every row of every table is copied with its own numbers (imports keep their
ids, so supersessions and corrections still point at the right return), in one
transaction on the target, into a target that holds no history yet: nothing is
ever merged by accident. The copy is then verified table by table: the number
of rows and a SHA-256 over every value, computed the same way on both sides,
must be equal, or the command stops with one line and the copy is not to be used.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pccdesk.problems import Location, PccdeskError
from pccdesk.records import record
from pccdesk.store import codes, engines
from pccdesk.store.history_store import HistoryStore

#: every table of the history, parents before the tables that refer to them, with the columns rows sort by
TABLES: dict[str, str] = {
    "imports": "id",
    "indicator_values": "id",
    "mapping_profiles": "signature, source_text",
    "tracker_inspections": "title",
    "tracker_findings": "ref",
    "tracker_actions": "ref",
    "tracker_updates": "id",
    "tracker_grades": "force, question, year",
    "tracker_edits": "id",
    "opcc_comments": "id",
    "history_corrections": "id",
}


@record(frozen=True)
class TableSum:
    table: str
    rows: int
    sha256: str


def _text(value: Any) -> str | None:
    """A value as the checksum sees it: the same on both engines (a float by its shortest exact repr)."""
    if value is None:
        return None
    if isinstance(value, float):
        return repr(value)
    return str(value)


def checksums(store: HistoryStore) -> list[TableSum]:
    """Rows and a SHA-256 of every history table (rows in key order, columns by name)."""
    sums = []
    for table in TABLES:
        rows = store.conn.execute(f"SELECT * FROM {table}").fetchall()
        lines = sorted(json.dumps({k: _text(r[k]) for k in sorted(r.keys())}, sort_keys=True) for r in rows)
        digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
        sums.append(TableSum(table, len(rows), digest))
    return sums


def copy_history(source: engines.DbLocation, target: engines.DbLocation) -> list[TableSum]:
    """Copy the history at ``source`` into the empty history at ``target`` and verify it; returns the sums."""
    where = Location(engines.describe(target))
    if engines.describe(source) == engines.describe(target):
        raise PccdeskError("the history cannot be copied onto itself", where, code=codes.DB_COPY_TARGET_NOT_EMPTY)
    with HistoryStore(source) as src, HistoryStore(target) as dst:
        if src.schema_version != dst.schema_version:
            raise PccdeskError(f"the two histories are at different versions ({src.schema_version} and "
                               f"{dst.schema_version}): upgrade pccdesk where it is older", where,
                               code=codes.DB_COPY_MISMATCH)
        held = [t for t in TABLES if dst.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]]
        if held:
            raise PccdeskError(f"the target already holds a history ({', '.join(held)}); copy only into an empty "
                               "database", where, code=codes.DB_COPY_TARGET_NOT_EMPTY)
        with dst.transaction() as conn:
            for table, key in TABLES.items():
                rows = src.conn.execute(f"SELECT * FROM {table} ORDER BY {key}").fetchall()
                if not rows:
                    continue
                columns = list(rows[0].keys())
                insert = (f"INSERT INTO {table} ({', '.join(columns)}) "
                          f"VALUES ({', '.join('?' for _ in columns)})")
                for row in rows:
                    conn.execute(insert, tuple(row[c] for c in columns))
            engines.reset_id_sequences(conn)
            # verified before it is committed: a copy that differs is rolled back, never left to be used
            before, after = checksums(src), checksums(dst)
            for a, b in zip(before, after, strict=True):
                if a != b:
                    raise PccdeskError(f"the copy of {a.table} differs from the original ({a.rows} rows, copy "
                                       f"{b.rows}; checksums differ): nothing was copied", where,
                                       code=codes.DB_COPY_MISMATCH)
    return after
