"""Reading a history database in tests, whichever engine holds it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pccdesk.store.history_store import HistoryStore


def count(db: Path | str, sql: str) -> int:
    """The single number ``sql`` selects; the database is read as it is (a SQLite file is not created)."""
    if isinstance(db, Path):
        if not db.exists():
            return 0
        with sqlite3.connect(db) as conn:
            return int(conn.execute(sql).fetchone()[0])
    with HistoryStore(db) as store:
        return int(store.conn.execute(sql).fetchone()[0])


def write_errors() -> tuple[type[BaseException], ...]:
    """The driver errors a refused write raises on either engine (a broken constraint)."""
    errors: list[type[BaseException]] = [sqlite3.IntegrityError]
    try:
        import psycopg

        errors.append(psycopg.errors.IntegrityError)
    except ImportError:
        pass
    return tuple(errors)
