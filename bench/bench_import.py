"""Benchmark: cells per second of pccdesk's import path against pandas.read_excel(engine="openpyxl").

Both read the same generated workbook in the same run (a force-return-shaped sheet of 200,000 indicator rows,
7 columns, values as text with ±, percent-formatted numbers and placeholders). Three timings are reported:

- ``pandas.read_excel(engine="openpyxl")`` — the baseline;
- ``read_workbook`` — pccdesk's reading layer (python-calamine for values, plus its format pass);
- ``read_return`` — the whole import: reading, table finding, matching to the example plan, parsing every value.

Run: ``make bench-import`` or ``.venv/bin/python bench/bench_import.py [--rows 200000]``. Not a test: it prints
ratios measured in this run on this machine, so they compare like with like.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import xlsxwriter

from pccdesk.examples.plan import EXAMPLE_FIGURES, EXAMPLE_INDICATORS

HEADER = ["", "", "Previous", "Period", "Current", "Period", "Comparative position or note"]


def generate(path: Path, rows: int) -> int:
    """Write the workbook; return the number of cells."""
    wording = {i.ref: i.wording for i in EXAMPLE_INDICATORS}
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                           "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet("Q1 2015-16")
    pct = book.add_format({"num_format": "0%"})
    for c, text in enumerate(HEADER):
        sheet.write_string(0, c, text)
    for r in range(1, rows + 1):
        fig = EXAMPLE_FIGURES[(r - 1) % len(EXAMPLE_FIGURES)]
        sheet.write_number(r, 0, float(r))
        sheet.write_string(r, 1, wording[fig.ref])
        for c, value in ((2, fig.previous), (4, fig.current)):
            if isinstance(value, float):
                sheet.write_number(r, c, value, pct)
            elif isinstance(value, int):
                sheet.write_number(r, c, value)
            elif value is not None:
                sheet.write_string(r, c, value)
        sheet.write_string(r, 3, fig.previous_period or "")
        sheet.write_string(r, 5, fig.current_period or "")
        sheet.write_string(r, 6, fig.note or "")
    book.close()
    return (rows + 1) * len(HEADER)


def timed(label: str, func, cells: int) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    func()
    seconds = time.perf_counter() - start
    print(f"{label:<48} {seconds:8.2f} s  {cells / seconds:>12,.0f} cells/s")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()
    import pandas as pd

    from pccdesk.indicators.definitions import load_definitions
    from pccdesk.indicators.plan_templates import write_example_plan
    from pccdesk.indicators.returns import read_return
    from pccdesk.readers import read_workbook

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big-return.xlsx"
        cells = generate(path, args.rows)
        plan = load_definitions(write_example_plan(Path(folder) / "plan.xlsx"))
        print(f"workbook: {args.rows:,} rows, {cells:,} cells, {path.stat().st_size / 1e6:.1f} MB")
        base = timed('pandas.read_excel(engine="openpyxl")', lambda: pd.read_excel(path, engine="openpyxl",
                                                                                 header=None), cells)
        read = timed("pccdesk read_workbook (calamine + formats)", lambda: read_workbook(path), cells)
        full = timed("pccdesk read_return (read, find, match, parse)", lambda: read_return(path, plan), cells)
        print(f"read_workbook is {base / read:.1f}x the speed of pandas+openpyxl; "
              f"the whole import is {base / full:.1f}x")


if __name__ == "__main__":
    main()
