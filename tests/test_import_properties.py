"""Property tests: random cell texts to the value parser, random small workbooks to the importer.

Nothing may raise except :class:`PccdeskError`, and that only with a location naming the file.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pccdesk.indicators.definitions import Plan
from pccdesk.indicators.matching import match_row
from pccdesk.indicators.plan_templates import write_example_plan
from pccdesk.indicators.returns import ReturnReading, read_return
from pccdesk.periods import parse_period
from pccdesk.problems import PccdeskError
from pccdesk.values import ParsedValue, parse_value

WORDS = ["Previous", "Period", "Current", "Comparative position or note", "Baseline", "This year", "YTD", "Target",
         "RAG", "Commentary", "Value", "Rape", "Domestic Violence", "Re-bail rate.", "N/A", "..", "-", "[x]",
         "Not previously reported", "98.8% (+/-0.6%)", "+6%, +47 crimes", "(1,234)", "£1.2m", "12 months to Jun 2015",
         "2014/15", "As at 30 June 2015", "1st April to 12th May", "Percentage of victims satisfied with ease of "
         "contact.", "Objective One – Putting Victims First", "Note: provisional", "=SUM(A1:A2)", "±", "%", ""]

cell_text = st.one_of(st.text(max_size=40), st.sampled_from(WORDS),
                      st.builds(lambda a, b: f"{a} {b}", st.sampled_from(WORDS), st.sampled_from(WORDS)))
cell_value = st.one_of(st.none(), cell_text, st.floats(allow_nan=True, allow_infinity=True),
                       st.integers(min_value=-10**12, max_value=10**12), st.booleans())

_PLAN: list[Plan] = []


def plan() -> Plan:
    if not _PLAN:
        from pccdesk.indicators.definitions import load_definitions

        folder = Path(tempfile.mkdtemp(prefix="pccdesk-prop-"))
        _PLAN.append(load_definitions(write_example_plan(folder / "plan.xlsx")))
    return _PLAN[0]


@given(st.one_of(cell_text, cell_value), st.booleans())
@settings(max_examples=400, deadline=None)
def test_parse_value_never_raises(raw: object, percent: bool) -> None:
    got = parse_value(raw, percent_format=percent)
    assert isinstance(got, ParsedValue)
    if got.error:
        assert got.value is None
    if got.value is not None:
        assert got.value == got.value  # never NaN


@given(cell_text, st.one_of(st.none(), st.integers(min_value=1990, max_value=2100)))
@settings(max_examples=300, deadline=None)
def test_parse_period_never_raises(text: str, year: int | None) -> None:
    span = parse_period(text, year=year)
    assert span.text == text
    if span.start and span.end:
        assert span.start <= span.end


@given(cell_text, st.text(max_size=4))
@settings(max_examples=200, deadline=None)
def test_match_row_never_raises(label: str, number: str) -> None:
    match = match_row(plan(), label, number)
    assert 0.0 <= match.score <= 1.0
    assert match.applied is False or match.indicator is not None


grids = st.lists(st.lists(cell_value, min_size=0, max_size=7), min_size=0, max_size=12)


def _write(path: Path, grid: list[list[object]], header_at: int | None) -> None:
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                           "nan_inf_to_errors": True})
    sheet = book.add_worksheet("Q1")
    if header_at is not None:
        for c, text in enumerate(["", "", "Previous", "Period", "Current", "Period", "Comparative position or note"]):
            sheet.write_string(header_at, c, text)
    for r, row in enumerate(grid):
        if r == header_at:
            continue
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif isinstance(value, int | float):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, str(value))
    book.close()


def _import(path: Path) -> ReturnReading | None:
    try:
        return read_return(path, plan())
    except PccdeskError as exc:
        assert exc.location.file == path.name, exc
        assert exc.message
        return None


@given(grids, st.one_of(st.none(), st.integers(min_value=0, max_value=5)))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_workbooks_import_or_fail_cleanly(grid: list[list[object]], header_at: int | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.xlsx"
        _write(path, grid, header_at)
        reading = _import(path)
        assert reading is not None  # a readable workbook is never "unusable": problems say what is wrong
        for problem in reading.problems:
            assert problem.location.file == "random.xlsx"


@given(grids, st.sampled_from([",", ";", "\t"]), st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
@settings(max_examples=60, deadline=None)
def test_random_csv_import_or_fail_cleanly(grid: list[list[object]], delimiter: str, encoding: str) -> None:
    text = "\r\n".join(delimiter.join("" if v is None else str(v).replace(delimiter, " ") for v in row)
                       for row in grid)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.csv"
        path.write_bytes(text.encode(encoding, errors="replace"))
        _import(path)


@given(st.binary(max_size=300), st.sampled_from([".xlsx", ".xls", ".ods", ".csv", ".xlsm"]))
@settings(max_examples=80, deadline=None)
def test_random_bytes_fail_cleanly(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"attachment{suffix}"
        path.write_bytes(data)
        _import(path)
