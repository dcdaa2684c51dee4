"""SPC in the pack: an indicator with 13 or more quarters of history gets its variation and assurance beside its
status, an XmR chart with alternative text and a row in the ``IndicatorSpc`` table; with 12 it gets a plain note
and nothing else.

The history is recorded in a test database quarter by quarter, then the pack is built for the next quarter from a
return. The expected flags are worked out by hand below, not taken from pccdesk.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from pccdesk.indicators.definitions import Plan
from pccdesk.panel_pack import PackRequest, build
from pccdesk.periods import reporting_period_key
from pccdesk.store.history_store import HistoryStore, ValueToStore
from tests.helpers_returns import write_return

# openpyxl drops the objective sheets' sparklines when reading (the trend column); they are not what is tested here
pytestmark = pytest.mark.filterwarnings("ignore:Sparkline Group extension")

QUARTERS = [f"{year}-{(year + 1) % 100:02d} Q{q}" for year in range(2012, 2016) for q in range(1, 5)]
OBJECTIVE_SHEET = "1 Putting Victims First"


def record_history(db: Path, values: list[float]) -> None:
    """V3 (a percentage, higher is better, target 90%) for the first len(values) quarters from 2012-13 Q1."""
    with HistoryStore(db) as store:
        for period, value in zip(QUARTERS, values, strict=False):
            store.record_import(file_path=f"return {period}.xlsx", sha256=f"sha-{period}", reporting_period=period,
                                period_start=reporting_period_key(period), plan_name="Example",
                                values=[ValueToStore("V3", period, value, "percent", None, f"{value:g}%")])


def build_pack(tmp_path: Path, plan_path: Path, plan: Plan, stored: list[float], current: str, *,
               html: bool = False) -> Path:
    db = tmp_path / "h.sqlite"
    record_history(db, stored)
    period = QUARTERS[len(stored)]
    ret = write_return(tmp_path / "return.xlsx", plan, period, {"V3": ["", None, "", current, None, period, "", ""]})
    out = build(PackRequest(definitions=plan_path, returns=[ret], period=period, db=db, out=tmp_path / "pack.xlsx",
                            html=tmp_path / "pack.html" if html else None)).out
    assert out is not None
    return out


# 13 quarters alternating 80%, 82%, then 70% this quarter: 14 points.
STORED = [80.0, 82.0] * 6 + [80.0]
LATEST = 70.0
# Worked by hand: the sum is 7 × 80 + 6 × 82 + 70 = 1122, so the mean is 1122 / 14 = 80.143. The moving ranges
# are twelve 2s and |70 − 80| = 10; their mean is 34 / 13 = 2.615, and 10 ≥ 3.267 × 2.615 = 8.544 is left out,
# so the mean moving range is 24 / 12 = 2 and the limits are the mean ± 2.66 × 2 = ± 5.32: 74.82 to 85.46.
# 70 is below the lower limit: a special cause (outside the limits), low, and higher is better, so
# "Concern ▼ (low)". No other point is special: 80 is below the mean and 82 above, alternately (no shift, no
# trend), and both are within the 2-sigma lines (mean ± 3.547: 76.60 to 83.69). The target of 90% is above the
# upper limit and higher is better: the process will miss it every quarter, "Consistently misses target (F)".
MEAN = 1122 / 14
LOWER, UPPER = MEAN - 5.32, MEAN + 5.32


@pytest.fixture
def spc_pack(tmp_path, example_plan_path, example_plan) -> Path:  # type: ignore[no-untyped-def]
    return build_pack(tmp_path, example_plan_path, example_plan, STORED, f"{LATEST:g}%", html=True)


def _row_of(ws, ref: str) -> list[object]:  # type: ignore[no-untyped-def]
    return next([c for c in row] for row in ws.iter_rows() if row[0].value == ref)


def test_the_objective_sheet_shows_variation_and_assurance_beside_status(spc_pack: Path) -> None:
    ws = openpyxl.load_workbook(spc_pack)[OBJECTIVE_SHEET]
    headers = [c.value for c in ws[3]]
    status = headers.index("Status")
    assert headers[status + 1] == "SPC: variation, assurance"
    v3 = _row_of(ws, "V3")
    assert v3[status].value == "✖ Red"
    assert v3[status + 1].value == "Concern ▼ (low)\nConsistently misses target (F)"
    v1 = _row_of(ws, "V1")  # one quarter of history: nothing in the SPC column
    assert v1[status + 1].value is None


def test_the_summary_lists_it_with_its_variation_and_assurance(spc_pack: Path) -> None:
    ws = openpyxl.load_workbook(spc_pack)["Summary"]
    headers = [c.value for c in ws[4]]
    assert headers[:5] == ["Ref", "Indicator", "Status", "SPC: variation, assurance", "Current"]
    v3 = _row_of(ws, "V3")
    assert [c.value for c in v3[2:5]] == ["✖ Red", "Concern ▼ (low)\nConsistently misses target (F)", 0.7]


def test_the_indicator_spc_table_holds_the_limits_worked_out_by_hand(spc_pack: Path) -> None:
    ws = openpyxl.load_workbook(spc_pack)["Data"]
    assert "Performance" in ws.tables  # the Performance table is still there, its columns unchanged
    cells = list(ws[ws.tables["IndicatorSpc"].ref])
    rows = [dict(zip([c.value for c in cells[0]], [c.value for c in row], strict=True)) for row in cells[1:]]
    assert len(rows) == 1
    row = rows[0]
    assert (row["Ref"], row["Points"], row["First period"], row["Latest period"]) == ("V3", 14, "2012-13 Q1",
                                                                                      "2015-16 Q2")
    assert row["Latest value"] == LATEST
    assert row["Mean"] == pytest.approx(MEAN) and row["Lower limit"] == pytest.approx(LOWER)
    assert row["Upper limit"] == pytest.approx(UPPER)
    assert (row["Special cause"], row["Variation"], row["Assurance"]) == ("Outside limits", "Concern",
                                                                         "Consistently misses target")


def test_the_xmr_chart_is_drawn_from_figures_in_the_pack_with_alternative_text(spc_pack: Path) -> None:
    wb = openpyxl.load_workbook(spc_pack)
    ws = wb["SPC charts"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("V3 Percentage of needs assessment") for t in texts)
    header = next(row for row in ws.iter_rows() if row[0].value == "Period")
    assert [c.value for c in header[:5]] == ["Period", "Value", "Mean", "Lower limit", "Upper limit"]
    block = [[c.value for c in row[:7]] for row in ws.iter_rows(min_row=header[0].row + 1, max_row=header[0].row + 14)]
    assert [r[0] for r in block] == QUARTERS[:14]
    assert [r[1] for r in block] == [*STORED, LATEST]
    assert all(r[2] == pytest.approx(MEAN) and r[3] == pytest.approx(LOWER) for r in block)
    assert [r[5] for r in block] == [None] * 14  # no point marked as an Improvement
    assert [r[6] for r in block] == [None] * 13 + [LATEST]  # only the last point is marked, as a Concern
    with zipfile.ZipFile(spc_pack) as z:
        drawings = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/drawings/drawing")]
        charts = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/charts/chart")]
    descriptions = [m for d in drawings for m in re.findall(r'descr="([^"]+)"', d)]
    xmr = [d for d in descriptions if d.startswith("XmR chart of V3")]
    assert len(xmr) == 1
    assert "14 points from 2012-13 Q1 to 2015-16 Q2" in xmr[0]
    assert "special causes: 2015-16 Q2 70.0% (Outside limits); latest" in xmr[0]  # that point only
    assert "Concern ▼ (low)" in xmr[0] and "Consistently misses target (F)" in xmr[0]
    assert any("'SPC charts'!$B$" in c and "Concern (special cause)" in c for c in charts)


def test_the_cover_explains_variation_and_assurance(spc_pack: Path) -> None:
    cover = openpyxl.load_workbook(spc_pack)["Cover"]
    words = [c.value for row in cover.iter_rows() for c in row if isinstance(c.value, str)]
    assert "How to read variation and assurance (SPC)" in words
    for legend in ("Common cause ~", "Concern ▲ / ▼", "Consistently misses target (F)", "Hit and miss (?)"):
        assert legend in words


def test_the_html_copy_shows_the_same_words(spc_pack: Path) -> None:
    page = (spc_pack.parent / "pack.html").read_text(encoding="utf-8")
    assert "Concern ▼ (low)" in page and "Consistently misses target (F)" in page
    assert "How to read variation and assurance" in page


def test_twelve_quarters_give_no_spc_but_a_plain_note(tmp_path, example_plan_path, example_plan) -> None:  # type: ignore[no-untyped-def]
    out = build_pack(tmp_path, example_plan_path, example_plan, STORED[:11], f"{LATEST:g}%", html=True)
    wb = openpyxl.load_workbook(out)
    assert "SPC charts" not in wb.sheetnames and "IndicatorSpc" not in wb["Data"].tables
    ws = wb[OBJECTIVE_SHEET]
    headers = [c.value for c in ws[3]]
    assert not any("SPC" in str(h) for h in headers)
    v3 = _row_of(ws, "V3")
    notes = v3[headers.index("Commentary and notes")].value
    assert "SPC: only 12 periods of history; 13 are needed for an SPC chart" in notes
    assert not any("SPC" in str(c.value) for c in wb["Summary"][4])
    assert "Concern" not in (tmp_path / "pack.html").read_text(encoding="utf-8")


def test_every_sheet_of_a_pack_with_spc_prints_at_10pt_or_more(spc_pack: Path) -> None:
    from tests.test_pack_print import printed_sizes

    wb = openpyxl.load_workbook(spc_pack)
    assert {"Summary", OBJECTIVE_SHEET, "SPC charts"} <= set(wb.sheetnames)
    for ws in wb.worksheets:
        text, header = printed_sizes(ws)
        assert text >= 10 and header >= 10, f"{ws.title} prints at {text:.1f} pt (header {header:.1f} pt)"
