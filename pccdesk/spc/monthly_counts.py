"""XmR charts of recorded crime by month: one per category, from the counts of a record-level extract.

:func:`monthly_count_charts` takes ``{category: [(month, count), …]}`` (the
force's counts; months written as ``2023-04``, ``Apr 2023`` or a date) and
answers, per category, with an :class:`~pccdesk.spc.IndicatorSpc` (latest
variation and the chart, or the reason there is none) and the chart's
alternative text. :func:`add_category_charts` draws them on a sheet.

Why these choices:

* **Neither direction is better.** A rise in recorded crime may be more
  crime, or better recording, or more reporting (of domestic abuse, say); so
  a special cause is "Neither" (▲ high / ▼ low), never Improvement or
  Concern, and there is no target, so no assurance.
* **A month is covered if any category has a count for it.** A record-level
  extract that covers a month but holds no record of one category there
  means that category had none: 0 is a count, not a guess. A calendar month
  that no category has is not covered (a missing monthly file): it stays a
  gap, and the chart runs from after it (:func:`pccdesk.spc.indicator_spc`
  says so). A count given as None is a gap too.
* The caller passes complete months only: a month still in progress would
  show as a fall and, at the end of the series, as a special cause.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from pccdesk.records import record
from pccdesk.spc.chart_text import xmr_description
from pccdesk.spc.excel_chart import BLOCK_HEADERS, add_xmr_chart
from pccdesk.spc.icons import Better
from pccdesk.spc.indicator_history import IndicatorSpc, indicator_spc
from pccdesk.spc.period_keys import period_starts

#: Rows a category's chart takes on a sheet (default rows are 20 pixels; the chart is 288 × 0.9 pixels high).
CHART_ROWS = 14


@record(frozen=True)
class CategoryChart:
    """One category's SPC: ``spc.chart`` is None (and ``spc.reason`` says why) with fewer than 13 months."""

    category: str
    spc: IndicatorSpc
    description: str = ""

    @property
    def headline(self) -> str:
        """e.g. ``Burglary: Neither ▲ (high), monthly counts Apr 2022 to Mar 2024``, or why there is no chart."""
        if not self.spc.available:
            return f"{self.category}: no SPC chart ({self.spc.reason})"
        text = f"{self.category}: {self.spc.variation_text}, monthly counts {self.spc.periods[0]} to " \
               f"{self.spc.periods[-1]}"
        return f"{text} ({self.spc.reason})" if self.spc.reason else text


def covered_months(counts: Mapping[str, Sequence[tuple[str, float | None]]]) -> list[str]:
    """Every month that any category has, oldest first (in the order given when a month cannot be read)."""
    months = list(dict.fromkeys(str(m) for rows in counts.values() for m, _ in rows))
    starts = period_starts(months)
    if all(s is not None for s in starts):
        order = sorted(range(len(months)), key=lambda i: starts[i] or dt.date.min)
        months = [months[i] for i in order]
    return months


def monthly_count_charts(counts: Mapping[str, Sequence[tuple[str, float | None]]]) -> list[CategoryChart]:
    """Each category's XmR chart of monthly counts (categories in the order given)."""
    months = covered_months(counts)
    charts: list[CategoryChart] = []
    for category, rows in counts.items():
        given: dict[str, float | None] = {}
        for month, count in rows:
            # a month given twice is added up, as records are; a gap in either keeps it a gap
            earlier = given.get(str(month), 0.0)
            given[str(month)] = None if count is None or earlier is None else earlier + float(count)
        history = [(m, given.get(m, 0.0)) for m in months]
        spc = indicator_spc(history, better=Better.NEITHER)
        description = ""
        if spc.available and spc.chart is not None:
            description = xmr_description(f"{category}, recorded crimes a month", spc.chart, spc.periods,
                                          lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}")
        charts.append(CategoryChart(category, spc, description))
    return charts


def add_category_charts(book: Workbook, sheet: Worksheet, top: int, charts: Sequence[CategoryChart], *,
                        data_sheet: Worksheet | None = None, data_top: int = 0) -> tuple[int, int]:
    """Draw each category's chart on ``sheet`` from row ``top`` (column A), under a line saying its variation.

    The figures each chart is drawn from go on ``data_sheet`` from ``data_top`` (``sheet`` itself, below the
    charts, when not given). Returns the next free row of ``sheet`` and of the data sheet. A category without
    a chart gets its line only, saying why.
    """
    target = data_sheet if data_sheet is not None else sheet
    headlines: list[tuple[int, CategoryChart]] = []
    r = top
    for item in charts:
        headlines.append((r, item))
        sheet.write_string(r, 0, item.headline)
        r += 1 + (CHART_ROWS + 1 if item.spc.available else 0)
    block = data_top if data_sheet is not None else r + 1
    for row, item in headlines:
        if not item.spc.available or item.spc.chart is None:
            continue
        xl = add_xmr_chart(book, target, block, 0, chart=item.spc.chart, periods=list(item.spc.periods),
                           title_cell=(sheet.get_name(), row, 0), number_format="#,##0")
        sheet.insert_chart(row + 1, 0, xl, {"x_scale": 1.5, "y_scale": 0.9, "object_position": 1,
                                            "description": item.description})
        block += len(item.spc.chart.points) + 2
    if data_sheet is None:
        return block, block
    return r, block


__all__ = ["BLOCK_HEADERS", "CHART_ROWS", "CategoryChart", "add_category_charts", "covered_months",
           "monthly_count_charts"]
