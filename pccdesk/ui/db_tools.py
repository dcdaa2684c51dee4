"""Tools ▸ history database: check, back up and export, by the same library functions as ``pccdesk db``.

The work is :mod:`pccdesk.store.maintenance`'s (so a backup made from the app is
made, checked and replaced exactly as one made from the command line); this
module only words each outcome as the one sentence the app shows. It runs in a
worker (a database on a share can be slow), so it imports no Qt.
"""

from __future__ import annotations

from pathlib import Path

from pccdesk.store import maintenance
from pccdesk.store.engines import DbLocation

#: Problems named in the failure message at most (the rest are for ``pccdesk db check``).
SHOWN_PROBLEMS = 3


def check_database(db: DbLocation) -> tuple[bool, str]:
    """Read-only: SQLite's integrity and foreign-key checks. Returns (sound, the sentence to show)."""
    checked = maintenance.check_database(db)
    if checked.sound:
        return True, f"{checked.path}: integrity check passed"
    details = "; ".join(f"{checked.path}: {problem}" for problem in checked.problems[:SHOWN_PROBLEMS])
    return False, f"The history database {checked.path} FAILED its check: restore the latest backup. Details: {details}"


def backup_database(db: DbLocation, target: Path) -> str:
    """A consistent copy, checked before it replaces an earlier one."""
    made = maintenance.backup_database(db, target)
    return f"Backup written: {made.target} ({made.imports} imports, {made.figures} figures)"


def export_database(db: DbLocation, target: Path) -> str:
    """Every stored figure to a CSV (formula-safe)."""
    written = maintenance.export_database(db, target)
    return f"Export written: {written.target} ({written.figures} figures)"

