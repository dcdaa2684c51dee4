"""How long the UI thread stalls while the app checks a very large input: worker thread vs separate process.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_ui_responsiveness.py [--rows 200000] [--xlsx]``

A 20 ms timer on the UI thread records its longest gap while the same check runs
(a) in a worker thread and (b) in a separate process (what the app does for
inputs over ``PROCESS_THRESHOLD_BYTES``). The thread run is the baseline in the
same run: with ``--xlsx`` it shows the stalls python-calamine causes by holding
the GIL while it parses, which is why large inputs go to a process.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from pccdesk.indicators.plan_templates import write_example_plan  # noqa: E402
from pccdesk.panel_pack import PackRequest  # noqa: E402
from pccdesk.ui.jobs import review_inputs  # noqa: E402
from pccdesk.ui.workers import Job  # noqa: E402


def write_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("Crime ID,Month,Falls within,LSOA name,Crime type,Last outcome category\n")
        for i in range(rows):
            out.write(f"{i:08x},2015-06,Northumbria Police,Newcastle {i % 180:03d}A,Burglary,Under investigation\n")
    return path


def write_xlsx(path: Path, rows: int) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Crimes")
    sheet.write_row(0, 0, ["Crime ID", "Month", "Falls within", "LSOA name", "Crime type", "Last outcome category"])
    for i in range(1, rows + 1):
        sheet.write_row(i, 0, [f"{i:08x}", "2015-06", "Northumbria Police", f"Newcastle {i % 180:03d}A", "Burglary",
                               "Under investigation"])
    book.close()
    return path


def measure(app: QApplication, request: PackRequest, in_process: bool) -> tuple[float, float]:
    gaps = [0.0]
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps[0] = max(gaps[0], now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(tick)
    job = Job(review_inputs, request, in_process=in_process)
    done: list[object] = []
    job.signals.finished.connect(done.append)
    job.signals.failed.connect(done.append)
    started = time.perf_counter()
    timer.start()
    job.start()
    while not done:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    return time.perf_counter() - started, gaps[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--xlsx", action="store_true", help="an .xlsx input (slow to generate) instead of CSV")
    args = parser.parse_args()
    app = QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="pccdesk-bench-"))
    plan = write_example_plan(folder / "plan.xlsx")
    made = time.perf_counter()
    big = (write_xlsx if args.xlsx else write_csv)(folder / f"big.{'xlsx' if args.xlsx else 'csv'}", args.rows)
    print(f"input: {args.rows:,} rows, {big.stat().st_size / 1e6:.1f} MB, generated in {time.perf_counter() - made:.1f} s")
    request = PackRequest(definitions=plan, returns=[big], period="2015-16 Q1", use_history=False)
    results = {}
    for label, in_process in (("thread (baseline)", False), ("process", True)):
        took, gap = measure(app, request, in_process)
        results[label] = gap
        print(f"{label:18} check took {took:6.2f} s, longest UI-thread gap {gap * 1000:6.0f} ms")
    base = results["thread (baseline)"]
    print(f"process / thread gap ratio: {results['process'] / base:.2f}")
    app.quit()


if __name__ == "__main__":
    main()
