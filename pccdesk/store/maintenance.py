"""Looking after the history database: check it, back it up, export its figures.

The history database holds years of figures the panel relies on, often on a
shared drive. These are library functions returning result objects, so that
``pccdesk db check|backup|export`` and the app's Tools menu do exactly the same
thing and each shell words the outcome itself (the CLI prints lines and picks
an exit code; the app shows a message).

- :func:`check_database` runs :func:`~pccdesk.store.integrity.connection_problems`
  on a read-only connection: no migration, no write, so it is safe on a
  colleague's database at any time.
- :func:`backup_database` makes a consistent copy with SQLite's online backup
  (correct even while someone else is importing), written to a temporary file
  and checked before it replaces an earlier backup.
- :func:`export_database` writes every stored figure, superseded ones included,
  to a CSV through the formula-safe writer.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import field
from pathlib import Path

from pccdesk.problems import Location, PccdeskError
from pccdesk.records import record
from pccdesk.store import engines
from pccdesk.store.codes import BACKUP_FAILED, BACKUP_SAME_FILE, DB_MISSING
from pccdesk.store.history_store import HistoryStore, connect_for_reading, default_db_path
from pccdesk.store.integrity import connection_problems
from pccdesk.writers.csv_export import write_csv
from pccdesk.writers.safe_output import atomic_output, check_distinct_paths

#: The columns of ``pccdesk db export``, one row per stored figure.
EXPORT_COLUMNS = ("ref", "reporting_period", "period_text", "value", "unit", "half_width", "text", "file_name",
                  "sheet", "cell", "imported_at", "user_name", "superseded")


@record
class DatabaseCheck:
    """What the integrity check found: ``problems`` is empty when the database is sound."""

    path: Path | str  # the file, or the server's URL without its password
    problems: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not self.problems


@record
class BackupResult:
    target: Path
    imports: int
    figures: int
    #: how the copy was made, when not by SQLite's backup (" by pg_dump ...", " (logical export ...)")
    method: str = ""


@record
class ExportResult:
    target: Path
    figures: int


def existing_database(db: str | Path | None) -> engines.DbLocation:
    """The database to look after (the default one when none is given); a file must exist, since these
    tools never create one; a postgresql:// URL is taken as it is."""
    path = engines.as_location(db) if db else default_db_path()
    if isinstance(path, Path) and not path.is_file():
        raise PccdeskError("there is no history database here", Location(str(path)), code=DB_MISSING)
    return path


def integrity_report(path: str | Path, *, content: bool = True) -> list[str]:
    """Everything wrong with the database file at ``path`` (empty if sound), read-only: nothing is changed.
    Without ``content``, only whether the file is a sound database (see ``connection_problems``)."""
    try:
        conn = connect_for_reading(Path(path))  # a read-only folder is not damage (it raises its own message)
    except sqlite3.Error as exc:
        return [f"cannot be opened ({exc})"]
    try:
        return connection_problems(conn, content=content)
    finally:
        conn.close()


def check_database(db: str | Path | None) -> DatabaseCheck:
    """SQLite's integrity and foreign-key checks on an existing database, read-only."""
    path = existing_database(db)
    if isinstance(path, str):
        from pccdesk.store.server_maintenance import server_problems

        return DatabaseCheck(engines.describe(path), server_problems(path))
    return DatabaseCheck(path, integrity_report(path))


def backup_database(db: str | Path | None, target: str | Path) -> BackupResult:
    """A consistent, self-contained copy of the database at ``target``, checked before it replaces anything."""
    source = existing_database(db)
    target = Path(target)
    if isinstance(source, str):
        from pccdesk.store.server_maintenance import server_backup

        method, imports, figures = server_backup(source, target)
        return BackupResult(target, imports, figures, method)
    if target.exists() and target.resolve() == source.resolve():
        raise PccdeskError("the backup cannot be written over the database itself", Location.of(target),
                           code=BACKUP_SAME_FILE)
    check_distinct_paths([target], db=source)  # its -wal and -shm files, hard links
    with HistoryStore(source) as store, atomic_output(target, suffix=".sqlite") as tmp:
        store.backup(tmp)
        with contextlib.closing(sqlite3.connect(tmp)) as copy:
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal/-shm beside it
        copy_problems = integrity_report(tmp, content=False)  # the copy's soundness; what it holds is db check's
        if copy_problems:
            raise PccdeskError(f"the copy failed its integrity check ({copy_problems[0]}); nothing was replaced",
                               Location.of(target), code=BACKUP_FAILED)
    with contextlib.closing(sqlite3.connect(target)) as conn:
        imports = conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0]
        figures = conn.execute("SELECT COUNT(*) FROM indicator_values").fetchone()[0]
    return BackupResult(target, int(imports), int(figures))


def export_database(db: str | Path | None, target: str | Path) -> ExportResult:
    """Every stored figure (superseded ones too, marked) to a CSV at ``target``."""
    source = existing_database(db)
    check_distinct_paths([target], db=source)
    with HistoryStore(source) as store:
        refs = [r[0] for r in store.conn.execute("SELECT DISTINCT ref FROM indicator_values ORDER BY ref")]
        rows = [[getattr(v, c) for c in EXPORT_COLUMNS]
                for ref in refs for v in store.series(ref, include_superseded=True)]
    write_csv(Path(target), EXPORT_COLUMNS, rows)
    return ExportResult(Path(target), len(rows))
