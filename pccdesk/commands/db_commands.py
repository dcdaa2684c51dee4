"""``pccdesk db check``, ``db backup`` and ``db export``: looking after the history database.

The history database holds years of figures the panel relies on, often on a
shared drive. ``check`` runs SQLite's own integrity and foreign-key checks
without changing anything (no migration, no write), so it is safe to run on a
colleague's database at any time. ``backup`` makes a consistent copy with
SQLite's online backup (correct even while someone else is importing),
written atomically and checked before it replaces an earlier backup.
``export`` writes every stored figure to a CSV through the formula-safe
writer.
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
from pathlib import Path
from typing import Any

from pccdesk.problems import Location, PccdeskError
from pccdesk.store.engines import DbLocation, as_location

EXIT_OK, EXIT_PROBLEMS = 0, 1


def register(sub: Any) -> None:
    db = sub.add_parser("db", help="check, back up or export the history database")
    dsub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    check = dsub.add_parser("check", help="run the database's integrity checks (exit 0 if sound, 1 if not)")
    _db_option(check)
    check.set_defaults(func=run_check)
    backup = dsub.add_parser("backup", help="make a consistent copy of the database, safe while others use it")
    backup.add_argument("target", type=Path, metavar="PATH", help="the copy to write")
    _db_option(backup)
    backup.set_defaults(func=run_backup)
    export = dsub.add_parser("export", help="write every stored figure to a CSV file")
    export.add_argument("target", type=Path, metavar="PATH", help="the CSV file to write")
    _db_option(export)
    export.set_defaults(func=run_export)
    from pccdesk.commands import db_server_commands  # copy, grant-read, grant-write: the shared server's

    db_server_commands.register(dsub)


def _db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", type=as_location, help="history database: a file, or postgresql://… for a shared server (default: in your user data folder)")


def _existing_db(args: argparse.Namespace) -> DbLocation:
    from pccdesk.store.history_store import default_db_path

    path = as_location(args.db) if args.db else default_db_path()
    if isinstance(path, Path) and not path.is_file():
        raise PccdeskError("there is no history database here", Location(str(path)), code="db-missing")
    return path


def integrity_report(path: Path) -> list[str]:
    """Everything wrong with the database at ``path`` (empty if sound), read-only: nothing is changed."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as exc:
        return [f"cannot be opened ({exc})"]
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        problems = [] if rows == ["ok"] else rows
        problems += [f"row {r[1]} of {r[0]} points to a missing row of {r[2]}"
                     for r in conn.execute("PRAGMA foreign_key_check")]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "schema_version" not in tables:
            problems.append("this is not a pccdesk history database (no schema_version table)")
    except sqlite3.DatabaseError as exc:
        problems = [f"damaged or not a database ({exc})"]
    finally:
        conn.close()
    return problems


def run_check(args: argparse.Namespace) -> int:
    path = _existing_db(args)
    if isinstance(path, str):
        from pccdesk.commands.db_server_commands import run_server_check

        return run_server_check(path)
    problems = integrity_report(path)
    if problems:
        for problem in problems[:50]:
            print(f"{path}: {problem}")
        print(f"{path}: the database FAILED the integrity check; restore the latest backup "
              "(pccdesk keeps one beside the database before every upgrade)")
        return EXIT_PROBLEMS
    print(f"{path}: integrity check passed")
    return EXIT_OK


def run_backup(args: argparse.Namespace) -> int:
    from pccdesk.store.history_store import HistoryStore
    from pccdesk.writers.safe_output import atomic_output

    source = _existing_db(args)
    target = Path(args.target)
    if isinstance(source, str):
        from pccdesk.commands.db_server_commands import run_server_backup

        return run_server_backup(source, target)
    if target.exists() and target.resolve() == source.resolve():
        raise PccdeskError("the backup cannot be written over the database itself", Location.of(target),
                           code="backup-same-file")
    with HistoryStore(source) as store, atomic_output(target, suffix=".sqlite") as tmp:
        store.backup(tmp)
        with contextlib.closing(sqlite3.connect(tmp)) as copy:
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal/-shm beside it
        copy_problems = integrity_report(tmp)
        if copy_problems:
            raise PccdeskError(f"the copy failed its integrity check ({copy_problems[0]}); nothing was replaced",
                               Location.of(target), code="backup-failed")
    with sqlite3.connect(target) as conn:
        imports = conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0]
        values = conn.execute("SELECT COUNT(*) FROM indicator_values").fetchone()[0]
    print(f"Backup written: {target} ({imports} imports, {values} figures)")
    return EXIT_OK


EXPORT_COLUMNS = ("ref", "reporting_period", "period_text", "value", "unit", "half_width", "text", "file_name",
                  "sheet", "cell", "imported_at", "user_name", "superseded")


def run_export(args: argparse.Namespace) -> int:
    from pccdesk.store.history_store import HistoryStore
    from pccdesk.writers.csv_export import write_csv

    source = _existing_db(args)
    with HistoryStore(source) as store:
        refs = [r[0] for r in store.conn.execute("SELECT DISTINCT ref FROM indicator_values ORDER BY ref")]
        rows = [[getattr(v, c) for c in EXPORT_COLUMNS]
                for ref in refs for v in store.series(ref, include_superseded=True)]
    write_csv(args.target, EXPORT_COLUMNS, rows)
    print(f"Export written: {args.target} ({len(rows)} figures)")
    return EXIT_OK
