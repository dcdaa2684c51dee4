"""The seed-shaped force return (not the template) through the whole pack: the statuses and directions the core
issue lists come out the same as from pccdesk's own template, and the reporting period is found in the return."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from pccdesk.examples.force_return import write_example_force_return
from pccdesk.panel_pack import PackRequest, build


def _rows(ws, name: str) -> dict[str, dict[str, object]]:  # type: ignore[no-untyped-def]
    cells = list(ws[ws.tables[name].ref])
    headers = [c.value for c in cells[0]]
    rows = [dict(zip(headers, row, strict=True)) for row in cells[1:]]
    return {str(r["Ref"].value): r for r in rows}  # type: ignore[union-attr]


def test_force_return_pack_statuses_and_directions(tmp_path: Path, example_plan_path: Path) -> None:
    force_return = write_example_force_return(tmp_path / "Northumbria performance Q1.xlsx")
    result = build(PackRequest(definitions=example_plan_path, returns=[force_return], out=tmp_path / "pack.xlsx",
                               db=tmp_path / "h.sqlite", meeting_date="22 September 2015"))
    assert result.out is not None
    wb = openpyxl.load_workbook(result.out)
    rows = _rows(wb["Data"], "Performance")
    assert len(rows) == 29 and "D1" not in rows
    got = {ref: (rows[ref]["Status"].value, rows[ref]["Direction"].value) for ref in ("V1", "V3", "V4", "D2", "C6",  # type: ignore[union-attr]
                                                                                     "C11", "A2")}
    assert got["V3"][0] == "Amber" and got["D2"][0] == "Red" and got["C6"][0] == "Green"
    assert got["V1"][1] == "No significant change"
    assert got["V4"][1] == "Deteriorated"
    assert got["C11"][1] == "Improved"
    assert got["A2"][0] == "No data"
    assert rows["V3"]["Current"].value == pytest.approx(0.87)  # type: ignore[union-attr]
    assert rows["P2b"]["Previous period"].value == "12 months to June 2014"  # type: ignore[union-attr]
    quality = list(wb["Data"][wb["Data"].tables["DataQuality"].ref])
    messages = [row[3].value for row in quality[1:]]
    assert any("covers 2 months but the previous period" in str(m) for m in messages)
