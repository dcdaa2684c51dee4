"""XmR charts of monthly recorded crime by category (what the crime sheets draw), expected flags worked by hand."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from pccdesk.spc import SpecialCause, Variation
from pccdesk.spc.monthly_counts import add_category_charts, covered_months, monthly_count_charts


def months(first_year: int, first_month: int, n: int) -> list[str]:
    out = []
    for i in range(n):
        m = first_month - 1 + i
        out.append(f"{first_year + m // 12}-{m % 12 + 1:02d}")
    return out


MONTHS = months(2022, 4, 24)  # April 2022 to March 2024
# Burglary: 100, 104, 100, … (23 months, twelve 100s and eleven 104s), then 140.
BURGLARY = [100.0 if i % 2 == 0 else 104.0 for i in range(23)] + [140.0]
# By hand: mean (12 × 100 + 11 × 104 + 140) / 24 = 2484 / 24 = 103.5. Moving ranges: twenty-two 4s and 40; their
# mean 128 / 23 = 5.57, and 40 ≥ 3.267 × 5.57 = 18.2 is left out, so the mean moving range is 88 / 22 = 4 and the
# limits are 103.5 ± 10.64: 92.86 to 114.14. 140 is above: outside the limits, high. Recorded crime has no better
# direction, so "Neither ▲ (high)". 100 and 104 alternate either side of the mean, within 103.5 ± 7.09 (no shift,
# no trend, none near a limit), so no other point is special.


def test_a_rise_outside_the_limits_is_neither_high_and_nothing_else_is_marked() -> None:
    [burglary] = monthly_count_charts({"Burglary": list(zip(MONTHS, BURGLARY, strict=True))})
    assert burglary.spc.available and burglary.spc.chart is not None
    chart = burglary.spc.chart
    limits = chart.groups[-1].limits
    assert limits.mean == pytest.approx(103.5)
    assert limits.mean_moving_range == pytest.approx(4.0)
    assert (limits.lower, limits.upper) == (pytest.approx(92.86), pytest.approx(114.14))
    assert [p.special_cause for p in chart.points] == [None] * 23 + [SpecialCause.OUTSIDE_LIMITS]
    assert burglary.spc.variation is Variation.NEITHER and burglary.spc.variation_text == "Neither ▲ (high)"
    assert burglary.spc.assurance_text == ""  # no target for recorded crime
    assert burglary.headline == "Burglary: Neither ▲ (high), monthly counts 2022-04 to 2024-03"
    assert "2024-03 140 (Outside limits)" in burglary.description
    assert "mean 103.5, process limits 92.9 to 114.1" in burglary.description


def test_a_covered_month_without_a_record_of_a_category_counts_zero() -> None:
    robbery = [(m, 5.0) for m in MONTHS if m != "2023-01"]
    charts = monthly_count_charts({"Burglary": list(zip(MONTHS, BURGLARY, strict=True)), "Robbery": robbery})
    chart = charts[1].spc.chart
    assert chart is not None
    assert [p.value for p in chart.points] == [0.0 if m == "2023-01" else 5.0 for m in MONTHS]


def test_a_month_no_category_has_is_a_gap_and_the_chart_runs_from_after_it() -> None:
    kept = [m for m in MONTHS if m != "2022-07"]  # the July 2022 file is missing: 20 months after it
    [item] = monthly_count_charts({"Burglary": [(m, 10.0 + i % 3) for i, m in enumerate(kept)]})
    assert item.spc.available and item.spc.periods[0] == "2022-08" and len(item.spc.periods) == 20
    assert "charted from 2022-08 only" in item.spc.reason
    short = [m for m in MONTHS[:16] if m != "2022-07"]  # 12 months after the gap: too few
    [item] = monthly_count_charts({"Burglary": [(m, 10.0) for m in short]})
    assert not item.spc.available
    assert item.headline.startswith("Burglary: no SPC chart (only 12 periods of history since the missing period")


def test_twelve_months_give_no_chart_and_say_why() -> None:
    [item] = monthly_count_charts({"Theft": [(m, 50.0 + i) for i, m in enumerate(MONTHS[:12])]})
    assert not item.spc.available and item.spc.chart is None
    assert item.headline == "Theft: no SPC chart (only 12 periods of history; 13 are needed for an SPC chart)"


def test_months_are_put_in_calendar_order_whatever_order_they_come_in() -> None:
    assert covered_months({"A": [("Mar 2023", 1), ("Jan 2023", 2)], "B": [("Feb 2023", 3)]}) == \
        ["Jan 2023", "Feb 2023", "Mar 2023"]


def test_the_charts_are_drawn_with_their_figures_and_alternative_text(tmp_path: Path) -> None:
    # (Theft from another extract of 12 months: given with Burglary, its other 12 months would be covered, zeros)
    charts = monthly_count_charts({"Burglary": list(zip(MONTHS, BURGLARY, strict=True))}) + \
        monthly_count_charts({"Theft": [(m, 50.0) for m in MONTHS[:12]]})
    out = tmp_path / "crime.xlsx"
    book = xlsxwriter.Workbook(str(out))
    sheet = book.add_worksheet("Crime")
    data = book.add_worksheet("Data")
    next_row, next_data = add_category_charts(book, sheet, 2, charts, data_sheet=data, data_top=0)
    book.close()
    assert next_row == 2 + 1 + 15 + 1 and next_data == 24 + 2
    wb = openpyxl.load_workbook(out)
    assert wb["Crime"]["A3"].value == "Burglary: Neither ▲ (high), monthly counts 2022-04 to 2024-03"
    assert wb["Crime"]["A19"].value.startswith("Theft: no SPC chart")
    assert [c.value for c in wb["Data"][1][:2]] == ["Period", "Value"]
    assert [wb["Data"].cell(r, 2).value for r in range(2, 26)] == BURGLARY
    assert wb["Data"].cell(25, 8).value == 140  # the Neither column marks the special cause
    with zipfile.ZipFile(out) as z:
        drawings = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/drawings/drawing")]
    descriptions = [m for d in drawings for m in re.findall(r'descr="([^"]+)"', d)]
    assert len(descriptions) == 1 and descriptions[0].startswith("XmR chart of Burglary, recorded crimes a month")
