"""Parts of the panel pack beyond the performance tables (recorded crime, inspections tracker).

A section is built from its own inputs before the workbook is opened, carries
the problems it found (they go into the pack's ``DataQuality`` table), and then
writes its presentation sheets and its tables on the ``Data`` sheet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pccdesk.problems import Problem
    from pccdesk.writers.pack_workbook import PackWorkbook


class PackSection(Protocol):
    title: str
    problems: list[Problem]

    def write_sheets(self, pack: PackWorkbook) -> None:
        """Presentation sheets, in the order they should appear."""

    def write_data(self, pack: PackWorkbook) -> None:
        """Named Excel tables on the shared ``Data`` sheet (via ``pack.data_table``)."""
