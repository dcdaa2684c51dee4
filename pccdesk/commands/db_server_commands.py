"""``pccdesk db copy``, ``db grant-read`` and ``db grant-write``, and ``db check``/``db backup`` of a PostgreSQL
history: moving a team to a shared database server and looking after it.

SQLite histories keep their own check and backup (db_commands); these are the
server's. Every message names the database without its password.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pccdesk.problems import Location, PccdeskError
from pccdesk.store import codes
from pccdesk.store.engines import as_location, describe, redact

EXIT_OK, EXIT_PROBLEMS = 0, 1


def register(dsub: Any) -> None:
    copy = dsub.add_parser("copy", help="copy a whole history into an empty one (SQLite to PostgreSQL or back), "
                                        "verified by counts and checksums")
    copy.add_argument("--from", dest="source", type=as_location, required=True, metavar="DB",
                      help="the history to copy: a .sqlite file or a postgresql:// URL")
    copy.add_argument("--to", dest="target", type=as_location, required=True, metavar="DB",
                      help="the empty history to copy into: a postgresql:// URL or a new .sqlite file")
    copy.set_defaults(func=run_copy)
    for access in ("read", "write"):
        p = dsub.add_parser(f"grant-{access}", help=f"let a PostgreSQL role {access} the shared history"
                            + (" (a panel secretary: build packs, never import)" if access == "read"
                               else " (an officer: import, decide matches, comment)"))
        p.add_argument("role", metavar="ROLE", help="the database role (created by the administrator)")
        p.add_argument("--db", type=as_location, required=True, help="the shared history: postgresql://…")
        p.set_defaults(func=run_grant, access=access)


def run_copy(args: argparse.Namespace) -> int:
    from pccdesk.store.transfer import copy_history

    sums = copy_history(args.source, args.target)
    for s in sums:
        print(f"  {s.table}: {s.rows} rows, sha256 {s.sha256[:16]}")
    print(f"Copied {describe(args.source)} to {describe(args.target)}: every table has the same rows and "
          "checksums as the original")
    return EXIT_OK


def run_grant(args: argparse.Namespace) -> int:
    from pccdesk.store.roles import grant

    for statement in grant(str(args.db), args.role, args.access):
        print(f"  {statement}")
    print(f"{args.role} may now {'read' if args.access == 'read' else 'read and change'} the history at "
          f"{describe(args.db)}")
    return EXIT_OK


def run_server_check(url: str) -> int:
    """``db check`` of a PostgreSQL history: nothing is changed (no migration, no write)."""
    from pccdesk.store import engines

    conn = engines.connect(url, 30)
    try:
        tables = engines.table_names(conn)
        if "schema_version" not in tables:
            problems = ["this is not a pccdesk history database (no schema_version table)"]
        else:
            problems = engines.integrity_problems(conn)
    finally:
        conn.close()
    name = describe(url)
    if problems:
        for problem in problems[:50]:
            print(f"{name}: {problem}")
        print(f"{name}: the database FAILED the check; restore the latest backup")
        return EXIT_PROBLEMS
    print(f"{name}: integrity check passed")
    return EXIT_OK


def run_server_backup(url: str, target: Path) -> int:
    """A backup of a PostgreSQL history: ``pg_dump`` (custom format) when it is installed and the target is not a
    ``.sqlite`` file, else a logical export into a new SQLite history, verified by counts and checksums."""
    from pccdesk.writers.safe_output import atomic_output

    if target.exists():
        raise PccdeskError("the backup file exists already: choose a new name", Location.of(target),
                           code=codes.BACKUP_FAILED)
    pg_dump = shutil.which("pg_dump")
    if pg_dump and target.suffix.lower() != ".sqlite":
        parts = urlsplit(url)
        env = dict(os.environ)
        if parts.password:  # to pg_dump through its environment, never on its command line
            env["PGPASSWORD"] = parts.password
        host = parts.netloc.rsplit("@", 1)[-1]
        userinfo = parts.netloc.rsplit("@", 1)[0].split(":", 1)[0] if "@" in parts.netloc else ""
        bare = urlunsplit((parts.scheme, f"{userinfo}@{host}" if userinfo else host, parts.path, parts.query, ""))
        with atomic_output(target, suffix=".dump") as tmp:
            done = subprocess.run([pg_dump, "--format=custom", "--no-owner", f"--file={tmp}", bare], env=env,
                                  capture_output=True, text=True, check=False)
            if done.returncode != 0:
                reason = (done.stderr.strip().splitlines() or ["pg_dump failed"])[-1]
                raise PccdeskError(f"pg_dump could not back up the history ({redact(reason)}); "
                                   "give a .sqlite file name for a logical export instead", Location.of(target),
                                   code=codes.BACKUP_FAILED)
        print(f"Backup written by pg_dump: {target} (restore with pg_restore)")
        return EXIT_OK
    from pccdesk.store.transfer import copy_history

    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        sums = copy_history(url, partial)
    except BaseException:
        for leftover in partial.parent.glob(partial.name + "*"):
            leftover.unlink(missing_ok=True)
        raise
    for leftover in partial.parent.glob(partial.name + "-*"):  # -wal, -shm of the closed copy
        leftover.unlink(missing_ok=True)
    partial.replace(target)
    figures = next(s.rows for s in sums if s.table == "indicator_values")
    imports = next(s.rows for s in sums if s.table == "imports")
    print(f"Backup written (logical export, a SQLite history): {target} ({imports} imports, {figures} figures)")
    return EXIT_OK
