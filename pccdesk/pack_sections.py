"""Parts of the panel pack beyond the performance tables (recorded crime, inspections tracker).

A section is built from its own inputs before the workbook is opened, carries
the problems it found (they go into the pack's ``DataQuality`` table), and then
writes its presentation sheets and its tables on the ``Data`` sheet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pccdesk.problems import Problem
    from pccdesk.writers.html_pack import HtmlPack
    from pccdesk.writers.pack_workbook import PackWorkbook


class PackSection(Protocol):
    title: str
    problems: list[Problem]

    def write_sheets(self, pack: PackWorkbook) -> None:
        """Presentation sheets, in the order they should appear."""

    def write_data(self, pack: PackWorkbook) -> None:
        """Named Excel tables on the shared ``Data`` sheet (via ``pack.data_table``)."""

    def write_html(self, html: HtmlPack) -> None:
        """Optional: the section's part of the HTML copy (``pack --html``). Sections without it are left out
        of the page, which then says so; :func:`write_section_html` calls it when it exists."""


def write_section_html(section: PackSection, html: HtmlPack) -> bool:
    """Write a section's part of the HTML copy if it has one; False when it has none."""
    method = getattr(type(section), "write_html", None)
    if method is None:
        return False
    method(section, html)
    return True
