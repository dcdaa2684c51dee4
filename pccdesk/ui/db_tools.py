"""Tools ▸ history database: ``pccdesk db check``, ``db backup`` and ``db export`` for the app.

The app runs the very handlers the CLI runs (so a backup made from the app is
made, checked and replaced exactly as one made from the command line) and
shows the line they print as its message.
"""

from __future__ import annotations

import argparse
import contextlib
import io
from pathlib import Path


def _run(handler_name: str, **args: object) -> tuple[int, str]:
    from pccdesk.commands import db_commands

    handler = getattr(db_commands, handler_name)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = int(handler(argparse.Namespace(**args)))
    return code, out.getvalue().strip()


def check_database(db: Path) -> tuple[bool, str]:
    """Read-only: SQLite's integrity and foreign-key checks. Returns (sound, what the check said)."""
    code, text = _run("run_check", db=db)
    return code == 0, text


def backup_database(db: Path, target: Path) -> str:
    """A consistent copy, checked before it replaces an earlier one."""
    return _run("run_backup", db=db, target=target)[1]


def export_database(db: Path, target: Path) -> str:
    """Every stored figure to a CSV (formula-safe)."""
    return _run("run_export", db=db, target=target)[1]
