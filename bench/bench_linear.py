"""Benchmark: importing a return costs time in proportion to its rows.

Two shapes that were quadratic, each at 1,000, 10,000 and 100,000 rows:

- ``merged``: an .xlsx of heading-like rows ("Indicator", "Previous", "Current") each with a merged cell,
  as a force's report with many small tables has (table finding compared every row with every merge);
- ``csv``: a force's own table saved as CSV, one indicator a row.

For each size the whole import (``read_return``: reading in the worker, table finding, matching, parsing) is
timed and divided by the rows; linear time shows as a flat time per row. A size is skipped once the previous
one took over 60 s (so a regression still ends).

Run: ``.venv/bin/python bench/bench_linear.py [--rows 1000 10000 100000]``. Not a test.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

import xlsxwriter

from pccdesk.problems import PccdeskError


def merged_headings(path: Path, rows: int) -> Path:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": False})
    sheet = book.add_worksheet("Performance")
    for r in range(0, rows, 2):
        sheet.merge_range(r, 0, r, 1, "Indicator")
        sheet.write_string(r, 2, "Previous")
        sheet.write_string(r, 3, "Current")
        if r + 1 < rows:
            sheet.write_string(r + 1, 0, f"Measure {r}")
            sheet.write_number(r + 1, 2, r)
            sheet.write_number(r + 1, 3, r + 1)
    book.close()
    return path


def csv_return(path: Path, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Ref", "Indicator", "Previous", "Current", "Comparative position or note"])
        for r in range(rows):
            writer.writerow([f"X{r}", f"Number of things counted in category {r}", r, r + 1, "Placed 3rd"])
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
    from pccdesk.indicators.definitions import load_definitions
    from pccdesk.indicators.plan_templates import write_example_plan
    from pccdesk.indicators.returns import read_return

    with tempfile.TemporaryDirectory() as folder:
        plan = load_definitions(write_example_plan(Path(folder) / "plan.xlsx"))
        print(f"{'shape':<8} {'rows':>8} {'seconds':>9} {'µs a row':>9}")
        for name, make in (("merged", merged_headings), ("csv", csv_return)):
            for rows in args.rows:
                path = make(Path(folder) / f"{name}-{rows}.{'csv' if name == 'csv' else 'xlsx'}", rows)
                start = time.perf_counter()
                try:
                    read_return(path, plan)
                except PccdeskError as exc:  # an unmatched return is fine: the time is what is measured
                    note = f"  ({exc.code})"
                else:
                    note = ""
                seconds = time.perf_counter() - start
                print(f"{name:<8} {rows:>8,} {seconds:>9.2f} {seconds / rows * 1e6:>9.0f}{note}")
                if seconds > 60:
                    print(f"{name:<8} larger sizes skipped (over 60 s)")
                    break


if __name__ == "__main__":
    main()
