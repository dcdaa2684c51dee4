"""End to end: the example plan and return → the panel pack, opened again with openpyxl."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from pccdesk.panel_pack import PackRequest, build
from tests.helpers_returns import write_return

PERFORMANCE_HEADERS = ["Ref", "Objective", "Indicator", "Previous", "Previous period", "Current", "Current period",
                       "Target", "Status", "Change", "Direction", "Note"]


def table_rows(ws, name: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    table = ws.tables[name]
    cells = list(ws[table.ref])
    headers = [c.value for c in cells[0]]
    return [dict(zip(headers, [c for c in row], strict=True)) for row in cells[1:]]


@pytest.fixture
def pack_path(tmp_path, example_plan_path, example_return_path) -> Path:  # type: ignore[no-untyped-def]
    result = build(PackRequest(definitions=example_plan_path, returns=[example_return_path], period="2015-16 Q1",
                               out=tmp_path / "pack.xlsx", db=tmp_path / "h.sqlite", meeting_date="22 September 2015"))
    assert result.out is not None
    return result.out


def test_performance_table_statuses_and_formats(pack_path: Path) -> None:
    wb = openpyxl.load_workbook(pack_path)
    ws = wb["Data"]
    assert [c.value for c in list(ws[ws.tables["Performance"].ref])[0]] == PERFORMANCE_HEADERS
    rows = {r["Ref"].value: r for r in table_rows(ws, "Performance")}
    v3, d2, c6, v1, v4 = rows["V3"], rows["D2"], rows["C6"], rows["V1"], rows["V4"]
    assert (v3["Current"].value, v3["Target"].value, v3["Status"].value) == (pytest.approx(0.87), pytest.approx(0.9), "Amber")
    # each figure keeps the precision the force gave it: "87%" → 0%, "98.8%" → 0.0%, 178 → an integer
    assert v3["Current"].number_format == "0%" and v1["Current"].number_format == "0.0%"
    assert (d2["Current"].value, d2["Status"].value) == (pytest.approx(0.68), "Red")
    assert (c6["Current"].value, c6["Status"].value) == (pytest.approx(1.0), "Green")
    assert (v1["Previous"].value, v1["Current"].value) == (pytest.approx(0.99), pytest.approx(0.988))
    assert v1["Direction"].value == "No significant change"
    assert v1["Change"].value == -0.2  # 98.8 − 99.0 without float noise
    assert v1["Change"].number_format == '+0.0" pp";-0.0" pp";"no change"'
    assert (v4["Change"].value, v4["Direction"].value) == (pytest.approx(-5.0), "Deteriorated")
    assert rows["C11"]["Current"].value == 178 and rows["C11"]["Direction"].value == "Improved"
    assert isinstance(rows["C11"]["Current"].value, int) and rows["C11"]["Current"].number_format == "#,##0"
    assert "D1" not in rows and {"D1a", "D1b", "D1c"} <= set(rows)  # headings are not data rows
    assert rows["A2"]["Status"].value == "No data"
    assert rows["A2"]["Note"].value == ("Previous: Not previously reported; Current: Data available August 2015; "
                                        "No National Comparison available")
    assert len(rows) == 29


def test_data_quality_table_and_presentation_sheets(pack_path: Path) -> None:
    wb = openpyxl.load_workbook(pack_path)
    ws = wb["Data"]
    assert [c.value for c in list(ws[ws.tables["DataQuality"].ref])[0]] == ["Severity", "Source", "Location", "Message"]
    quality = table_rows(ws, "DataQuality")
    assert any("D2" in str(r["Message"].value) and r["Location"].value == "Return!I16" for r in quality)
    assert wb.sheetnames[:3] == ["Cover", "Summary", "1 Putting Victims First"]
    sheet = wb["1 Putting Victims First"]
    header = [c.value for c in sheet[3]]
    assert header == ["No.", "Indicator", "Previous", "Period", "Current", "± (95% CI)", "Period", "Target", "Status",
                      "Change", "Movement", "Commentary and notes"]  # no empty Trend column without history
    v1 = [c for c in sheet[4]]
    # numbers as numbers: "99.0% (+/-0.6%)" is 0.99 shown as 0.0%, its ± in its own column
    assert [c.value for c in v1[2:7]] == [0.99, "12 months to May 2015", 0.988, 0.006, "12 months to Jun 2015"]
    assert [c.number_format for c in (v1[2], v1[4], v1[5])] == ["0.0%", "0.0%", '"±"0.0%']
    assert v1[9].value == -0.2 and v1[9].number_format == '+0.0" pp";-0.0" pp";"no change"'
    assert v1[8].value == "– No target" and v1[10].value == "≈ No significant change"
    assert "Previous ±0.6% (95% confidence interval)" in v1[11].value
    v3 = [c for c in sheet[6]]
    assert v3[8].value == "! Amber" and v3[8].fill.fgColor.rgb.endswith("FBD89A")  # word, symbol and colour
    assert v3[7].value == 0.9 and v3[7].number_format == "0%"
    assert v3[2].value == "n/a" and "Previous: Not previously reported" in v3[11].value
    no_text_numbers = [c.coordinate for row in sheet.iter_rows(min_row=4) for c in row
                       if isinstance(c.value, str) and c.value.strip().rstrip("%").replace(".", "").isdigit()]
    assert no_text_numbers == []
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3"
    assert "OFFICIAL" in sheet.oddHeader.left.text and "2015-16 Q1" in sheet.oddHeader.right.text
    assert "Delivery of the Police and Crime Plan" in sheet.oddHeader.center.text
    assert "Page &P of &N" in sheet.oddFooter.center.text
    assert sheet.freeze_panes == "C4"
    assert not sheet.merged_cells.ranges
    summary = wb["Summary"]
    totals = next([c.value for c in row] for row in summary.iter_rows() if row[1].value == "All objectives")
    assert totals[2:8] == [2, 3, 1, 21, 2, 29]
    cover = wb["Cover"]
    assert cover["A1"].value == "OFFICIAL" and cover["B7"].value == "22 September 2015"


def test_hostile_text_stays_text(tmp_path, example_plan_path, example_plan) -> None:  # type: ignore[no-untyped-def]
    hostile = ['=HYPERLINK("http://evil","click")', "+1+1", "-2+3", "@SUM(A1)"]
    ret = write_return(tmp_path / "r.xlsx", example_plan, "2015-16 Q1", {
        "C1": [0.47, None, hostile[0], 0.47, None, hostile[1], hostile[2], hostile[3]],
    })
    out = build(PackRequest(definitions=example_plan_path, returns=[ret], period="2015-16 Q1",
                            out=tmp_path / "p.xlsx", use_history=False)).out
    assert out is not None
    wb = openpyxl.load_workbook(out)
    row = next(r for r in table_rows(wb["Data"], "Performance") if r["Ref"].value == "C1")
    assert row["Previous period"].value == hostile[0] and row["Previous period"].data_type == "s"
    assert row["Current period"].value == hostile[1] and row["Note"].value == hostile[2]
    with zipfile.ZipFile(out) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
        strings = z.read("xl/sharedStrings.xml").decode("utf-8")
        rels = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".rels"))
    assert "<f>" not in xml and "<f " not in xml
    assert "HYPERLINK(&quot;http://evil&quot;" in strings or 'HYPERLINK("http://evil"' in strings
    # the only links are the pack's own (contents, exceptions → objective sheets): none leaves the workbook
    links = re.findall(r"<hyperlink [^>]*>", xml)
    assert links and all("location=" in link and "r:id" not in link for link in links)
    assert 'TargetMode="External"' not in rels


@pytest.mark.filterwarnings("ignore:Sparkline Group extension")
def test_sparkline_with_three_periods(tmp_path, example_plan_path, example_plan) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "h.sqlite"
    out = None
    for period, value in (("2015-16 Q1", 0.87), ("2015-16 Q2", 0.91), ("2015-16 Q3", 0.93)):
        ret = write_return(tmp_path / f"{period}.xlsx", example_plan, period,
                           {"V3": ["", None, "", value, None, period, "", ""]})
        out = build(PackRequest(definitions=example_plan_path, returns=[ret], period=period, db=db,
                                out=tmp_path / f"pack {period}.xlsx")).out
    assert out is not None
    wb = openpyxl.load_workbook(out)
    assert "History" in wb.sheetnames
    history = wb["History"]
    # one table: ref and the indicator's name, then one column per period
    table = history.tables["History"]
    cells = list(history[table.ref])
    assert [c.value for c in cells[0]] == ["Ref", "Indicator", "2015-16 Q1", "2015-16 Q2", "2015-16 Q3"]
    v3 = next(row for row in cells[1:] if row[0].value == "V3")
    assert v3[1].value.startswith("Percentage of needs assessment")
    assert [c.value for c in v3[2:]] == [0.87, 0.91, 0.93]
    top = v3[0].row
    sheet = wb["1 Putting Victims First"]
    assert [c.value for c in sheet[3]][-2:] == ["Trend", "Commentary and notes"]
    with zipfile.ZipFile(out) as z:
        sheet_xml = z.read("xl/worksheets/sheet3.xml").decode("utf-8")
    assert "x14:sparkline" in sheet_xml and f"'History'!C{top}:E{top}" in sheet_xml


def test_inputs_are_never_modified(tmp_path, example_plan_path, example_return_path) -> None:  # type: ignore[no-untyped-def]
    digest = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (example_plan_path, example_return_path)}
    build(PackRequest(definitions=example_plan_path, returns=[example_return_path], period="2015-16 Q1",
                      out=tmp_path / "p.xlsx", use_history=False))
    assert digest == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in digest}
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".~")) == []


def test_locked_output_is_left_untouched(tmp_path, example_plan_path, example_return_path) -> None:  # type: ignore[no-untyped-def]
    from pccdesk.writers.safe_output import OutputLockedError

    out = tmp_path / "pack.xlsx"
    out.write_bytes(b"the earlier pack")
    (tmp_path / "~$pack.xlsx").write_bytes(bytes([7]) + b"jbloggs" + b" " * 46)
    with pytest.raises(OutputLockedError, match="open by jbloggs"):
        build(PackRequest(definitions=example_plan_path, returns=[example_return_path], period="2015-16 Q1",
                          out=out, use_history=False))
    assert out.read_bytes() == b"the earlier pack"


def test_written_pack_is_readable_by_colleagues(tmp_path, example_plan_path, example_return_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import stat

    old = os.umask(0o022)
    try:
        out = build(PackRequest(definitions=example_plan_path, returns=[example_return_path], period="2015-16 Q1",
                                out=tmp_path / "p.xlsx", use_history=False)).out
    finally:
        os.umask(old)
    assert out is not None
    assert stat.S_IMODE(out.stat().st_mode) == 0o644  # not the private 0600 of a temporary file
