"""``pccdesk db check``, ``db backup`` and ``db export``: thin calls of :mod:`pccdesk.store.maintenance`
(a SQLite file or a PostgreSQL server alike; ``db copy`` and the grants are in db_server_commands).

What each action does (read-only check, consistent checked backup, formula-safe
export) is decided in the library; this module only reads the arguments,
prints the outcome and picks the exit code.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pccdesk.commands.db_option import add_db_option
from pccdesk.store import maintenance

EXIT_OK, EXIT_PROBLEMS = 0, 1
#: Problems printed by ``db check`` at most (a badly damaged file can list thousands).
MAX_PRINTED = 50


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
    from pccdesk.commands import (
        db_server_commands,  # copy, grant-read, grant-write: moving to a shared server
    )

    db_server_commands.register(dsub)


def _db_option(p: argparse.ArgumentParser) -> None:
    add_db_option(p)


def run_check(args: argparse.Namespace) -> int:
    checked = maintenance.check_database(args.db)
    if checked.problems:
        for problem in checked.problems[:MAX_PRINTED]:
            print(f"{checked.path}: {problem}")
        print(f"{checked.path}: the database FAILED the integrity check; restore the latest backup "
              "(pccdesk keeps one beside the database before every upgrade)")
        return EXIT_PROBLEMS
    print(f"{checked.path}: integrity check passed")
    return EXIT_OK


def run_backup(args: argparse.Namespace) -> int:
    made = maintenance.backup_database(args.db, args.target)
    print(f"Backup written{made.method}: {made.target} ({made.imports} imports, {made.figures} figures)")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    written = maintenance.export_database(args.db, args.target)
    print(f"Export written: {written.target} ({written.figures} figures)")
    return EXIT_OK
