"""The work the app hands to its workers: plain functions over the core, with no Qt in them.

Each takes ``(payload, progress, cancelled)`` so that :class:`pccdesk.ui.workers.Job`
can run it in a thread or, for large inputs, in a separate process (which is
why they live at module level and take picklable payloads).
"""

from __future__ import annotations

import dataclasses
import inspect
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pccdesk.indicators.definitions import Plan, load_definitions
from pccdesk.panel_pack import PackRequest, PackResult, build, check
from pccdesk.problems import Location, PccdeskError, Problem, error, info
from pccdesk.ui.workers import CancelCheck, Progress

log = logging.getLogger("pccdesk.ui")


@dataclass
class Review:
    """What the Review and Problems tabs show: the assessment plus any crime-input problems."""

    result: PackResult
    crime_problems: list[Problem] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return list(self.result.problems) + list(self.crime_problems)


def _with_callbacks(request: PackRequest, progress: Progress, cancelled: CancelCheck) -> PackRequest:
    return dataclasses.replace(request, progress=progress, cancel=cancelled)


def review_inputs(request: PackRequest, progress: Progress, cancelled: CancelCheck) -> Review:
    """``pccdesk validate`` for the app: read and check every section (crime inputs too), write nothing."""
    result = check(_with_callbacks(request, progress, cancelled))
    progress("Done", 1.0)
    return Review(result)


def crime_problems(request: PackRequest, progress: Progress | None = None) -> list[Problem]:
    """The problems the crime section finds in the crime inputs (read now, so they show before the pack).

    The section is built exactly as the pack builds it; its progress is passed on when it reports any."""
    try:
        from pccdesk.crime.pack_section import build_crime_section
    except ImportError:
        return [info("crime-not-available", "recorded crime inputs cannot be read by this version of pccdesk yet",
                     Location.of(request.crime_files[0]))]
    extra: dict[str, Any] = {}
    if progress is not None and "progress" in inspect.signature(build_crime_section).parameters:
        extra["progress"] = progress
    try:
        section = build_crime_section(list(request.crime_files), force=request.force,
                                      categories=request.crime_categories, password=request.password, **extra)
    except PccdeskError as exc:
        return [exc.as_problem()]
    except Exception as exc:  # a fault in the crime reader must not hide the indicators' review
        log.exception("reading the crime inputs failed")
        return [error("crime-unreadable", f"the recorded crime inputs could not be read ({type(exc).__name__}: "
                      f"{exc}); the indicators are checked without them", Location.of(request.crime_files[0]))]
    return list(getattr(section, "problems", []))


def build_pack(request: PackRequest, progress: Progress, cancelled: CancelCheck) -> PackResult:
    """``pccdesk pack`` for the app."""
    return build(_with_callbacks(request, progress, cancelled))


def load_plan(path: Path, progress: Progress, cancelled: CancelCheck) -> Plan:
    """Load and check the definitions workbook (raises ProblemsFound listing every bad cell)."""
    progress(f"Reading {Path(path).name}", 0.1)
    plan = load_definitions(path)
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


def db_task(payload: tuple[str, Path, Path | None], progress: Progress, cancelled: CancelCheck) -> Any:
    """Tools ▸ history database: ``("check", db, None)``, ``("backup", db, target)``, ``("export", db, target)``."""
    from pccdesk.ui import db_tools

    action, db, target = payload
    if action == "check":
        return db_tools.check_database(db)
    assert target is not None
    if action == "backup":
        return db_tools.backup_database(db, target)
    return db_tools.export_database(db, target)
