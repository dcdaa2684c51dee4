"""The readers under the importer: percent cells in every format, .xlsm read as values, the fast format pass agreeing
with openpyxl."""

from __future__ import annotations

from pathlib import Path

import xlsxwriter
from fixtures_returns import write_ods, write_xls

from pccdesk.examples.force_return import example_force_return_grid, write_example_force_return
from pccdesk.indicators.returns import read_return
from pccdesk.readers import read_workbook
from pccdesk.readers.workbook_reader import (
    _add_formats_openpyxl,
    _percent_cells_from_xml,
    _read_with_calamine,
)


def _grid_percent() -> set[tuple[int, int]]:
    return example_force_return_grid().percent


def test_percent_cells_known_in_xlsx_xls_and_ods(tmp_path: Path) -> None:
    expected = _grid_percent()
    assert len(expected) == 30
    for path in (write_example_force_return(tmp_path / "r.xlsx"), write_xls(tmp_path / "r.xls"),
                 write_ods(tmp_path / "r.ods")):
        sheet = read_workbook(path).sheets[0]
        assert set(sheet.percent_cells) == expected, path.suffix


def test_fast_format_pass_agrees_with_openpyxl(tmp_path: Path) -> None:
    path = tmp_path / "formats.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("S")
    other = book.add_worksheet("Other sheet")
    formats = [book.add_format({"num_format": f}) for f in ("0%", "0.00%", "0.0%", "#,##0", "0.0", "General")]
    for r in range(40):
        for c, fmt in enumerate(formats):
            sheet.write_number(r, c, r / 40, fmt)
        sheet.write_string(r, 7, "text in a percent cell", formats[0])
    other.write_number(3, 3, 0.5, formats[2])
    book.close()
    data = path.read_bytes()
    fast = _percent_cells_from_xml(data)
    sheets = _read_with_calamine(data, path)
    _add_formats_openpyxl(data, sheets)
    assert fast is not None
    assert {s.name: set(s.percent_cells) for s in sheets} == {"S": fast["S"], "Other sheet": fast["Other sheet"]}
    assert len(fast["S"]) == 120 and fast["Other sheet"] == {(3, 3)}


def test_xlsm_is_read_as_values(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    path = write_example_force_return(tmp_path / "return.xlsm")
    reading = read_return(path, example_plan)
    assert len(reading.rows) == 29 and reading.unmatched == []


def test_template_saved_as_csv_reads_like_the_template(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    """A force that "Saves as CSV" loses the template's hidden sheet: the free-form reader must get the same
    figures from the headings alone (Previous value, Previous ±, Previous period…)."""
    import csv

    from pccdesk.indicators.plan_templates import write_example_return

    template = write_example_return(tmp_path / "return.xlsx", example_plan)
    sheet = read_workbook(template).sheet("Return")
    assert sheet is not None
    with (tmp_path / "force-figures.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for r, row in enumerate(sheet.rows):
            writer.writerow(["" if v is None else f"{v * 100:g}%" if sheet.is_percent(r, c) else v
                             for c, v in enumerate(row)])
    exact = read_return(template, example_plan)
    free = read_return(tmp_path / "force-figures.csv", example_plan)
    assert (exact.shape, free.shape) == ("template", "tables")

    def figures(reading):  # type: ignore[no-untyped-def]
        return {r.ref: (r.previous.value, r.previous.half_width, r.previous_period, r.current.value,
                        r.current.half_width, r.current_period, r.note) for r in reading.rows}

    assert figures(free) == figures(exact)
    assert free.suggestions == [] and free.unmatched == []
