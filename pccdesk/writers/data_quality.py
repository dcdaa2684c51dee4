"""The pack's ``DataQuality`` table: every problem found in the inputs, errors first.

Every output that holds figures carries it (the panel pack, the crime and
tracker workbooks written on their own), so it lives with the generic writers
rather than with any one feature.
"""

from __future__ import annotations

from collections.abc import Sequence

from pccdesk.problems import Problem, sort_key
from pccdesk.writers.pack_workbook import Column, PackWorkbook

DATA_QUALITY_COLUMNS = (Column("Severity", 10), Column("Source", 28), Column("Location", 18), Column("Message", 90))


def write_data_quality(pack: PackWorkbook, problems: Sequence[Problem]) -> None:
    ordered = sorted(problems, key=sort_key)
    rows = [[p.severity.value, p.location.file, p.location.sheet_cell, p.message] for p in ordered]
    pack.data_table("DataQuality", DATA_QUALITY_COLUMNS, rows, "Data quality: every problem found in the inputs")
