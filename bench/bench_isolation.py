"""Benchmark: the cost of reading each file in a separate, limited worker process.

Reads the same generated returns (100, 10,000 and 200,000 indicator rows) with
``read_workbook`` (isolated: parsed in the worker, rows pickled back) and with
``read_workbook_here`` (in this process, no limits) in the same run, and prints
the ratio. The first isolated read of a run also starts the worker; that start
is reported on its own line.

Run: ``.venv/bin/python bench/bench_isolation.py [--rows 100 10000 200000] [--repeat 5]``. Not a test.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench_import import generate

from pccdesk.readers.workbook_reader import read_workbook, read_workbook_here


def best(func, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[100, 10_000, 200_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for rows in args.rows:
            paths[rows] = Path(folder) / f"return-{rows}.xlsx"
            generate(paths[rows], rows)
        first = paths[args.rows[0]]
        start = time.perf_counter()
        read_workbook(first)
        print(f"first isolated read (starts the worker): {time.perf_counter() - start:8.3f} s")
        print(f"{'rows':>8} {'in-process':>12} {'isolated':>12} {'ratio':>7}")
        for rows, path in paths.items():
            here = best(lambda p=path: read_workbook_here(p), args.repeat)
            isolated = best(lambda p=path: read_workbook(p), args.repeat)
            print(f"{rows:>8,} {here:>10.3f} s {isolated:>10.3f} s {isolated / here:>7.2f}")


if __name__ == "__main__":
    main()
