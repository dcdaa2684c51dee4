"""The force's monthly recorded crime as XmR charts, one per category, when an extract spans 13 months or more.

A year-on-year table says whether this period is higher than last year's; an XmR chart of the months says
whether a month is beyond what the force's own month-to-month variation explains. Neither direction is
called better (more recorded crime can be better recording), so special causes read "Neither".
"""

from __future__ import annotations

from collections.abc import Sequence

from pccdesk.crime.categories import TOTAL
from pccdesk.crime.crime_model import CrimeImport
from pccdesk.crime.force_identity import short_force_name
from pccdesk.spc.monthly_counts import add_category_charts, monthly_count_charts
from pccdesk.writers.pack_workbook import PackWorkbook

#: Fewer whole months than this give no chart (the SPC rules need 13 points for limits that are not trial).
MIN_MONTHS = 13


def charted_imports(imports: Sequence[CrimeImport]) -> list[CrimeImport]:
    """The record-level imports with 13 or more whole months of the force's counts."""
    return [i for i in imports if len(i.monthly.get(TOTAL, ())) >= MIN_MONTHS]


def write_crime_spc_sheets(pack: PackWorkbook, imports: Sequence[CrimeImport]) -> list[str]:
    """One sheet per force with enough months; returns the sheets' names."""
    charted = charted_imports(imports)
    names: list[str] = []
    for found in charted:
        force = found.force or "the force"
        name = "Crime SPC" if len(charted) == 1 else f"Crime SPC {short_force_name(force)}"
        sheet = pack.add_sheet(name, landscape=False)
        sheet.set_column(0, 0, 100)
        pack.text(sheet, 0, 0, f"Recorded crime by month: {force}", pack.title_format)
        months = found.monthly[TOTAL]
        intro = (f"Each chart shows the force's recorded crimes a month ({months[0][0]} to {months[-1][0]}, whole "
                 "months only) with their mean and process limits. A marked point is a special cause: a month "
                 "beyond the force's usual month-to-month variation. Neither direction is called better: more "
                 "recorded crime can mean more crime, or better recording, or more reporting.")
        pack.text(sheet, 1, 0, intro, pack.fmt(text_wrap=True, italic=True))
        pack.fit_row_height(sheet, 1, [(intro, 100)])
        counts = {category: [(m, float(n)) for m, n in series] for category, series in found.monthly.items()}
        ordered = {TOTAL: counts.pop(TOTAL), **counts}
        add_category_charts(pack.book, sheet, 3, monthly_count_charts(ordered))
        names.append(sheet.get_name())
    return names
