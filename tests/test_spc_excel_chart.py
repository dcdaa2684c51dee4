"""The XmR chart block the pack can place on any sheet: figures written, chart drawn from them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter

from pccdesk.spc import Better, xmr_chart
from pccdesk.spc.excel_chart import BLOCK_HEADERS, add_xmr_chart


def test_a_chart_block_on_a_sheet_of_the_callers_choice(tmp_path: Path) -> None:
    values = [10, 12] * 6 + [20]  # mean 11.69, the last point outside the limits: a Concern when lower is better
    periods = [f"2022-{m:02d}" for m in range(1, 13)] + ["2023-01"]
    path = tmp_path / "pack.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Objective 1")
    sheet.write_string(0, 0, "Burglary")
    chart = add_xmr_chart(book, sheet, 30, 2, chart=xmr_chart(values, better=Better.LOWER, target=15),
                          periods=periods, title_cell=("Objective 1", 0, 0))
    sheet.insert_chart(2, 0, chart)
    book.close()

    ws = openpyxl.load_workbook(path)["Objective 1"]
    assert [c.value for c in ws[31][2:2 + len(BLOCK_HEADERS)]] == BLOCK_HEADERS
    assert [ws.cell(32 + i, 3).value for i in range(13)] == periods
    assert [ws.cell(32 + i, 4).value for i in range(13)] == values
    concern = [ws.cell(32 + i, 3 + BLOCK_HEADERS.index("Concern")).value for i in range(13)]
    assert concern == [None] * 12 + [20]
    assert {ws.cell(32 + i, 3 + BLOCK_HEADERS.index("Target")).value for i in range(13)} == {15}
    with zipfile.ZipFile(path) as package:
        xml = package.read("xl/charts/chart1.xml").decode("utf-8")
    assert "<c:v>Concern (special cause)</c:v>" in xml and "<c:v>Target</c:v>" in xml
    assert "'Objective 1'!$A$1" in xml  # the title points at the name's cell
