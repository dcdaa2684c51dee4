"""Loading a plan's indicator definitions: every problem reported with its cell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter

from pccdesk.indicators.definitions import Better, Measure, load_definitions
from pccdesk.problems import PccdeskError, ProblemsFound

HEADER = ["ref", "objective", "indicator", "measure", "better", "target", "amber_within", "match", "parent"]


def write_defs(path: Path, rows: list[list[Any]], header: list[str] = HEADER, sheet: str = "Indicators",
               percent_cells: set[tuple[int, int]] = frozenset()) -> Path:  # type: ignore[assignment]
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet(sheet)
    pct = book.add_format({"num_format": "0%"})
    for c, h in enumerate(header):
        ws.write_string(0, c, h)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, int | float):
                ws.write_number(r, c, v, pct if (r, c) in percent_cells else None)
            else:
                ws.write_string(r, c, v)
    book.close()
    return path


def test_example_plan_loads(example_plan) -> None:  # type: ignore[no-untyped-def]
    plan = example_plan
    assert len(plan.indicators) == 32
    v3 = plan.get("V3")
    assert v3 is not None and v3.target == 90 and v3.amber_within == 5 and v3.better is Better.HIGHER
    assert v3.measure is Measure.PERCENT
    assert [c.ref for c in plan.children("D1")] == ["D1a", "D1b", "D1c"]
    assert plan.objectives()[0] == "Putting Victims First"
    assert plan.get("v1") is plan.get("V1")  # refs are not case-sensitive


def test_blank_template_has_headers_notes_and_dropdowns(tmp_path: Path) -> None:
    from pccdesk.indicators.plan_templates import write_definitions_workbook

    path = write_definitions_workbook(tmp_path / "blank.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Indicators"]
    assert [c.value for c in ws[1]] == HEADER
    assert ws["A1"].comment is not None and ws["F1"].comment is not None
    sources = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert any("percent" in (s or "") for s in sources)
    assert any("higher" in (s or "") for s in sources)


def test_target_forms_and_extra_columns(tmp_path: Path) -> None:
    path = write_defs(tmp_path / "d.xlsx", [
        ["A", "Obj", "Ninety", "percent", "higher", "90%", None, "x; y ;", None, "keep me"],
        ["B", "Obj", "Ninety cell", "percent", "higher", 0.9, 5, None, None],
        ["C", "Obj", "Count", "number", "lower", 12, None, None, None],
    ], header=HEADER + ["owner"], percent_cells={(2, 5)})
    plan = load_definitions(path)
    assert [i.target for i in plan.indicators] == [90, 90, 12]
    assert plan.indicators[0].match == ("x", "y")
    assert plan.indicators[0].extra == (("owner", "keep me"),)
    assert plan.indicators[2].amber_within == 0


def test_every_problem_is_reported_with_its_cell(tmp_path: Path) -> None:
    path = write_defs(tmp_path / "bad.xlsx", [
        ["V1", "Obj", "One", "percent", "higher", "ninety", None, None, None],   # F2
        ["V1", "Obj", "Dup", "percent", "higher", 90, None, None, None],         # A3
        ["V3", "Obj", "Three", "percentage points", "higher", 90, None, None, None],  # D4
        ["V4", "Obj", "Four", "number", "sideways", None, None, None, None],     # E5
        ["V5", "Obj", "Five", "percent", "higher", 120, None, None, None],       # F6
        ["V6", "Obj", "Six", "percent", "higher", 90, None, None, "NOPE"],       # I7
        ["V7", "Obj", "Seven", "number", None, 5, None, None, None],              # E8 target without direction
    ])
    with pytest.raises(ProblemsFound) as caught:
        load_definitions(path)
    messages = {f"{p.location.sheet}!{p.location.cell}": p.message for p in caught.value.problems}
    assert messages["Indicators!F2"] == 'target "ninety" is not a number'
    assert "used twice" in messages["Indicators!A3"]
    assert "percentage points" in messages["Indicators!D4"]
    assert "sideways" in messages["Indicators!E5"]
    assert "outside 0–100%" in messages["Indicators!F6"]
    assert "NOPE" in messages["Indicators!I7"]
    assert "no \"better\" direction" in messages["Indicators!E8"]
    assert str(caught.value.problems[0]).startswith("bad.xlsx:Indicators!F2: ")


def test_missing_sheet_and_columns(tmp_path: Path) -> None:
    with pytest.raises(PccdeskError, match="no sheet named 'Indicators'"):
        load_definitions(write_defs(tmp_path / "a.xlsx", [], sheet="Plan 2015"))
    with pytest.raises(ProblemsFound, match="'measure' is missing"):
        load_definitions(write_defs(tmp_path / "b.xlsx", [["A", "O", "I"]], header=["ref", "objective", "indicator"]))


def test_amber_margin_written_as_a_fraction_beside_a_fraction_target(tmp_path: Path) -> None:
    # target 0.75 is 75%; its margin 0.05 written the same way is 5 points: 72% (3 short) is Amber, not Red
    from pccdesk.indicators.status_rules import Status, status_for

    path = write_defs(tmp_path / "d.xlsx", [
        ["A", "Obj", "Fractions", "percent", "higher", 0.75, 0.05, None, None],
        ["B", "Obj", "Whole", "percent", "higher", 75, 0.5, None, None],          # 0.5 points, as written
        ["C", "Obj", "Percent cells", "percent", "higher", 0.75, 0.05, None, None],
    ], percent_cells={(3, 5), (3, 6)})
    plan = load_definitions(path)
    a, b, c = plan.indicators
    assert (a.target, a.amber_within) == (75, 5)
    assert (b.target, b.amber_within) == (75, 0.5)
    assert (c.target, c.amber_within) == (75, 5)
    assert status_for(72, a.target, a.better, a.amber_within) is Status.AMBER
    warned = {p.location.cell: p.message for p in plan.warnings}
    assert "5 percentage points" in warned["G2"] and "G3" not in warned and "G4" not in warned


def test_target_written_as_words_says_what_to_write(tmp_path: Path) -> None:
    path = write_defs(tmp_path / "d.xlsx", [
        ["A", "Obj", "One", "percent", "higher", "≥ 75%", None, None, None],
        ["B", "Obj", "Two", "percent", "higher", "at least 90%", None, None, None],
        ["C", "Obj", "Three", "number", "lower", "reduce", None, None, None],
        ["D", "Obj", "Four", "percent", "higher", 75, None, None, None],
    ], percent_cells={(4, 5)})
    with pytest.raises(ProblemsFound) as caught:
        load_definitions(path)
    messages = {p.location.cell: p.message for p in caught.value.problems}
    assert "write the figure alone (75%)" in messages["F2"] and '"better" column' in messages["F2"]
    assert "write the figure alone (90%)" in messages["F3"]
    assert "leave the target empty" in messages["F4"]
    assert "formatted as a percentage and holds 75: write 75% or 0.75" in messages["F5"]
