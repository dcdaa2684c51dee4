"""The tracker's part of the panel pack (a :class:`pccdesk.pack_sections.PackSection`).

:func:`build_tracker_section` first imports any register or grades workbooks
it is given into the history store (all files or none: they are read and
checked before anything is saved, then saved in one transaction), then takes
a snapshot of everything the tracker holds. A file that cannot be used does
not stop the pack: nothing from any of the files is saved, the problems go to
the section's ``problems`` (and so to the pack's ``DataQuality`` table), and
the section shows what the store already held.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from pathlib import Path

from pccdesk.problems import PccdeskError, Problem, ProblemsFound
from pccdesk.readers.options import ReadOptions
from pccdesk.records import record
from pccdesk.store.history_store import HistoryStore
from pccdesk.tracker.progress_rag import DEFAULT_AMBER_DAYS
from pccdesk.tracker.register_import import merge_readings, read_register
from pccdesk.tracker.tracker_model import Register
from pccdesk.tracker.tracker_sheets import (
    RatedItem,
    rate_actions,
    rate_findings,
    write_actions_log,
    write_data_tables,
    write_grades_matrix,
    write_inspections_summary,
    write_open_items,
)
from pccdesk.tracker.tracker_store import SaveOutcome, TrackerStore
from pccdesk.writers.html_pack import HtmlPack
from pccdesk.writers.pack_workbook import PackWorkbook


@record
class TrackerSection:
    register: Register
    today: dt.date
    amber_days: int = DEFAULT_AMBER_DAYS
    problems: list[Problem] = field(default_factory=list)
    saved: SaveOutcome | None = None
    title: str = "Inspections and scrutiny tracker"

    @property
    def rated_findings(self) -> list[RatedItem]:
        return rate_findings(self.register.findings, self.today, self.amber_days)

    @property
    def rated_actions(self) -> list[RatedItem]:
        return rate_actions(self.register.actions, self.today, self.amber_days)

    def write_sheets(self, pack: PackWorkbook) -> None:
        reg = self.register
        findings, actions = self.rated_findings, self.rated_actions
        if reg.inspections or reg.findings:
            write_inspections_summary(pack, reg.inspections, reg.findings, findings)
        write_open_items(pack, [*findings, *actions], self.today)
        if reg.grades:
            write_grades_matrix(pack, reg.grades)
        if reg.actions:
            write_actions_log(pack, reg.actions, actions)

    def write_data(self, pack: PackWorkbook) -> None:
        write_data_tables(pack, self.register.findings, self.register.actions, self.register.grades,
                          [*self.rated_findings, *self.rated_actions])

    def write_html(self, html: HtmlPack) -> None:
        from pccdesk.tracker.tracker_html import write_tracker_html

        write_tracker_html(html, [*self.rated_findings, *self.rated_actions], self.today)


def import_registers(store: HistoryStore, files: list[Path], options: ReadOptions | None = None
                     ) -> tuple[SaveOutcome, list[Problem]]:
    """Read every file, then save them together in one transaction; raises if any file is unusable."""
    merged, problems = merge_readings([(path, read_register(path, options=options)) for path in files])
    return TrackerStore(store).save_register(merged), problems


def build_tracker_section(store: HistoryStore, files: list[Path], *, today: dt.date,
                          amber_days: int = DEFAULT_AMBER_DAYS, options: ReadOptions | None = None) -> TrackerSection:
    """Import ``files`` (all or nothing) and return the section as the store then holds it."""
    problems: list[Problem] = []
    saved = None
    if files:
        try:
            saved, problems = import_registers(store, files, options)
        except ProblemsFound as exc:
            problems = [exc.as_problem(), *exc.problems]
        except PccdeskError as exc:
            problems = [exc.as_problem()]
    return TrackerSection(TrackerStore(store).register(), today, amber_days, problems, saved)
