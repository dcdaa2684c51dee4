"""Check and back up a history on a PostgreSQL server: what :mod:`pccdesk.store.maintenance` does for a SQLite
file, for ``pccdesk db check|backup`` and the app's Tools menu alike.

- :func:`server_problems` reads only (no migration, no write): is it a pccdesk
  history, and does every figure point to an existing import.
- :func:`server_backup` runs ``pg_dump`` (custom format, for ``pg_restore``)
  when it is installed and the target is not a ``.sqlite`` file; otherwise it
  writes a logical export, a SQLite history any pccdesk can open, verified by
  row counts and checksums (:func:`pccdesk.store.transfer.copy_history`). The
  password goes to ``pg_dump`` through its environment, never its command line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from pccdesk.problems import Location, PccdeskError
from pccdesk.store import codes, engines


def server_problems(url: str) -> list[str]:
    """Everything wrong with the history at ``url`` (empty if sound); reads only."""
    conn = engines.connect(url, 30)
    try:
        return engines.integrity_problems(conn)
    finally:
        conn.close()


def server_backup(url: str, target: Path) -> tuple[str, int, int]:
    """Back up the history at ``url`` to ``target``; returns (how, imports, figures)."""
    from pccdesk.store.history_store import HistoryStore
    from pccdesk.store.transfer import copy_history
    from pccdesk.writers.safe_output import atomic_output

    pg_dump = shutil.which("pg_dump")
    if pg_dump and target.suffix.lower() != ".sqlite":
        with HistoryStore(url) as store:  # the counts the message gives, read just before the dump
            imports = int(store.conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0])
            figures = int(store.conn.execute("SELECT COUNT(*) FROM indicator_values").fetchone()[0])
        parts = urlsplit(url)
        env = dict(os.environ)
        if parts.password:
            env["PGPASSWORD"] = parts.password
        host = parts.netloc.rsplit("@", 1)[-1]
        userinfo = parts.netloc.rsplit("@", 1)[0].split(":", 1)[0] if "@" in parts.netloc else ""
        bare = urlunsplit((parts.scheme, f"{userinfo}@{host}" if userinfo else host, parts.path, parts.query, ""))
        with atomic_output(target, suffix=".dump") as tmp:
            done = subprocess.run([pg_dump, "--format=custom", "--no-owner", f"--file={tmp}", bare], env=env,
                                  capture_output=True, text=True, check=False)
            if done.returncode != 0:
                reason = (done.stderr.strip().splitlines() or ["pg_dump failed"])[-1]
                raise PccdeskError(f"pg_dump could not back up the history ({engines.hide_secrets(reason, url)}); "
                                   "give a .sqlite file name for a logical export instead", Location.of(target),
                                   code=codes.BACKUP_FAILED)
        return " by pg_dump (restore with pg_restore)", imports, figures
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        sums = copy_history(url, partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        for leftover in partial.parent.glob(partial.name + "-*"):  # -wal, -shm of the closed copy
            leftover.unlink(missing_ok=True)
    partial.replace(target)
    rows = {s.table: s.rows for s in sums}
    return " (logical export, a SQLite history)", rows["imports"], rows["indicator_values"]
