"""The work the app hands to its workers: plain functions over the library, with no Qt in them.

Each takes ``(payload, progress, cancelled)`` so that :class:`pccdesk.ui.workers.Job`
can run it in a thread or, for large inputs, in a separate process (which is
why they live at module level and take picklable payloads).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pccdesk.ui.app_state import Review

if TYPE_CHECKING:  # the library is imported when a job runs, not before the window's first paint
    from pccdesk.indicators.definitions import Plan
    from pccdesk.panel_pack import PackRequest, PackResult
    from pccdesk.readers import ReadOptions

Progress = Callable[[str, float], None]
CancelCheck = Callable[[], bool]


def _with_callbacks(request: PackRequest, progress: Progress, cancelled: CancelCheck) -> PackRequest:
    return dataclasses.replace(request, progress=progress, cancel=cancelled)


def review_inputs(request: PackRequest, progress: Progress, cancelled: CancelCheck) -> Review:
    """``pccdesk validate`` for the app: the library's dry run over every input; nothing is written."""
    from pccdesk.panel_pack import check

    result = check(_with_callbacks(request, progress, cancelled))
    progress("Done", 1.0)
    return Review(result)


def build_pack(request: PackRequest, progress: Progress, cancelled: CancelCheck) -> PackResult:
    """``pccdesk pack`` for the app."""
    from pccdesk.panel_pack import build

    return build(_with_callbacks(request, progress, cancelled))


def load_plan(payload: tuple[Path, ReadOptions], progress: Progress, cancelled: CancelCheck) -> Plan:
    """Load and check the definitions workbook, with the password the user gave for it (raises
    ProblemsFound listing every bad cell)."""
    from pccdesk.indicators.definitions import load_definitions

    path, options = payload
    progress(f"Reading {Path(path).name}", 0.1)
    plan = load_definitions(path, options=options)
    progress("Done", 1.0)
    return plan


def read_only(paths: list[Path], progress: Progress, cancelled: CancelCheck) -> list[Any]:
    """Open each file and read its sheets (the responsiveness check uses this on a very large file)."""
    from pccdesk.readers import read_workbook

    books = []
    for i, p in enumerate(paths):
        progress(f"Reading {Path(p).name}", i / max(len(paths), 1))
        book = read_workbook(p)
        books.append((book.path.name, [(s.name, s.height) for s in book.sheets]))
        if cancelled():
            break
    return books


def db_task(payload: tuple[str, Path, Path | None], progress: Progress, cancelled: CancelCheck) -> str:
    """Tools ▸ history database: ``("check", db, None)``, ``("backup", db, target)`` or
    ``("export", db, target)``; returns the sentence to show."""
    from pccdesk.ui import db_tools

    action, db, target = payload
    if action == "check":
        return db_tools.check_database(db)[1]
    assert target is not None
    if action == "backup":
        return db_tools.backup_database(db, target)
    return db_tools.export_database(db, target)
