"""One section of the pack (the tracker's, for instance) as a workbook of its own.

The same sheets and tables the section adds to the panel pack, with a
``DataQuality`` table of its problems, written atomically; what
``pccdesk tracker report`` writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pccdesk.writers.data_quality import write_data_quality
from pccdesk.writers.pack_workbook import PackWorkbook
from pccdesk.writers.safe_output import atomic_output

if TYPE_CHECKING:
    from pccdesk.pack_sections import PackSection


def write_section_workbook(section: PackSection, out: str | Path, *, marking: str = "OFFICIAL") -> Path:
    """The section's sheets and tables, with a ``DataQuality`` table of its problems, written atomically."""
    out = Path(out)
    with atomic_output(out) as tmp:
        pack = PackWorkbook(tmp, marking=marking, title=section.title)
        try:
            section.write_sheets(pack)
            section.write_data(pack)
            write_data_quality(pack, section.problems)
        finally:
            pack.close()
    return out
