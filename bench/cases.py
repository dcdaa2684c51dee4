"""One measured case of ``bench/run_all.py``, run as its own process: ``python bench/cases.py CASE [ARG ...]``.

Each case does one job and exits; the harness takes the wall time and the peak resident memory of the whole
process (``os.wait4``), so pccdesk and every comparator pay the same interpreter start and are measured the
same way. A case that times only part of its work (matching, the safety checks) prints one line
``BENCH-SECONDS <wall s> <cpu s>``, which the harness uses instead of the whole process's times.

Comparators import only what they need (polars, DuckDB, fastexcel, pandas, PySide6: the ``bench`` extra), and
never pccdesk, so their start-up is theirs alone.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

# Columns a crime count needs: when it happened, what it was, where (the same three pccdesk counts by).
CRIME_COLUMNS = ["Recorded Date", "Offence Group", "Local Authority"]
# The same for a data.police.uk street file, which also names the force each record falls within.
STREET_COLUMNS = ["Month", "Falls within", "LSOA name", "Crime type"]


def _report(seconds: float, cpu: float) -> None:
    print(f"BENCH-SECONDS {seconds:.6f} {cpu:.6f}", flush=True)


# --- the quarter's pack ----------------------------------------------------------------------------------
def case_floor(spec_path: str, out: str) -> None:
    """The pack's cells, with the same libraries and no logic: read every input with python-calamine, write
    every sheet of the pack (its cell values, taken from a pack pccdesk built in the set-up) with xlsxwriter."""
    import python_calamine
    import xlsxwriter

    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    for path in spec["inputs"]:
        if path.lower().endswith((".csv", ".txt")):
            Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
            continue
        book = python_calamine.CalamineWorkbook.from_path(path)
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
    workbook = xlsxwriter.Workbook(out, {"strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False, "in_memory": True})
    for name, rows in spec["sheets"].items():
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                sheet.write(r, c, value)
    workbook.close()


def case_history_pack(db: str, out: str) -> None:
    """The example quarter's pack against a history database of a given depth (filled by the harness)."""
    import datetime as dt

    from pccdesk.panel_pack import PackRequest, build
    from pccdesk.resources import example_inputs

    example = example_inputs()
    build(PackRequest(definitions=example.plan, returns=example.returns, out=Path(out), period=example.period,
                      db=Path(db), meeting_date="", crime_files=example.crime, tracker_files=example.tracker,
                      include_tracker=bool(example.tracker), today=dt.date(2015, 9, 1)))


# --- matching ------------------------------------------------------------------------------------------
def case_matching(n: str, folder: str) -> None:
    """``read_return`` of a reworded return of N indicators (bench_matching's plan and return): import time only."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_matching import make_plan

    from pccdesk.indicators.returns import read_return

    plan = make_plan(int(n))
    path = Path(folder) / f"return-{int(n)}.xlsx"
    start, cpu = time.perf_counter(), time.process_time()
    read_return(path, plan, accept_suggestions=True)
    _report(time.perf_counter() - start, time.process_time() - cpu)


# --- crime extracts: comparators ---------------------------------------------------------------------------
def case_fastexcel(path: str) -> None:
    """The reading limit: fastexcel loads the sheet into Arrow, no counting."""
    import fastexcel

    reader = fastexcel.read_excel(path)
    reader.load_sheet(0).to_arrow()


def case_calamine_load(path: str) -> None:
    """python-calamine (pccdesk's .xlsx parser) loading the sheet, no rows turned into Python objects: the part
    of pccdesk's read that is the library's own, to set beside fastexcel's whole read."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(path)
    book.get_sheet_by_name(book.sheet_names[0])


def case_polars_xlsx(path: str) -> None:
    import polars as pl

    frame = pl.read_excel(path, engine="calamine", columns=CRIME_COLUMNS)
    frame.group_by(CRIME_COLUMNS[1:]).len()


def case_pandas_calamine(path: str) -> None:
    import pandas as pd

    frame = pd.read_excel(path, engine="calamine", usecols=CRIME_COLUMNS)
    frame.groupby(CRIME_COLUMNS[1:]).size()


def case_pandas_openpyxl(path: str) -> None:
    import pandas as pd

    frame = pd.read_excel(path, engine="openpyxl", usecols=CRIME_COLUMNS)
    frame.groupby(CRIME_COLUMNS[1:]).size()


def case_polars_csv(path: str) -> None:
    import polars as pl

    frame = pl.read_csv(path, columns=CRIME_COLUMNS)
    frame.group_by(CRIME_COLUMNS).len()


def case_polars_street_csv(path: str) -> None:
    import polars as pl

    frame = pl.read_csv(path, columns=STREET_COLUMNS)
    frame.group_by(STREET_COLUMNS).len()


def case_duckdb_csv(path: str) -> None:
    import duckdb

    cols = ", ".join(f'"{c}"' for c in CRIME_COLUMNS)
    duckdb.sql(f"SELECT {cols}, count(*) FROM read_csv_auto('{path}') GROUP BY {cols}").fetchall()


def case_pandas_csv(path: str) -> None:
    import pandas as pd

    frame = pd.read_csv(path, usecols=CRIME_COLUMNS)
    frame.groupby(CRIME_COLUMNS).size()


# --- reading and its safety checks -------------------------------------------------------------------------
def _cpu() -> float:
    """CPU seconds of this process and of its reaped children (a read's worker process)."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def case_read(path: str) -> None:
    """pccdesk's whole read of a workbook as every input gets it: checks included, parsed in the limited worker
    process (its start included), timed without the interpreter start."""
    from pccdesk.readers import read_workbook

    start, cpu = time.perf_counter(), _cpu()
    read_workbook(path)
    _report(time.perf_counter() - start, _cpu() - cpu)


def case_read_here(path: str) -> None:
    """The same read in this process, without the worker: what isolation costs is the difference."""
    from pccdesk.readers.workbook_reader import read_workbook_here

    start, cpu = time.perf_counter(), _cpu()
    read_workbook_here(Path(path))
    _report(time.perf_counter() - start, _cpu() - cpu)


def case_checks(path: str) -> None:
    """pccdesk's pre-parse safety checks alone (what ``read_workbook`` runs before any parser sees the file)."""
    from pccdesk.readers import file_checks

    start, cpu = time.perf_counter(), time.process_time()
    data = Path(path).read_bytes()
    file_checks.check_spreadsheet_bytes(data, Path(path))
    _report(time.perf_counter() - start, time.process_time() - cpu)


# --- the app -----------------------------------------------------------------------------------------------
# Both windows are measured the same way, at the same size (the size the app's window is drawn for, 1360×860;
# ``pccdesk app`` fits it to the screen): from the interpreter's start until the window has been painted once.
# An event filter on the main window sees its first paint event; Qt paints the whole window (every child, in
# the same pass) and flushes it to the screen before it returns to the event loop, where a zero timer posted
# from that paint event ends the process. So the time includes everything built before the first frame and
# the frame itself, and nothing the window defers until after it (Qt calls the filter installed last first, so
# work the window itself posts from its first paint comes after the end). (A zero timer posted before ``exec()`` would
# run before the window is even exposed: Qt delivers posted events before the window system's, so the process
# would end without painting anything.)
def _exit_after_first_paint(window: object) -> object:
    """Install (and return, to keep it alive) the filter that ends the process after the window's first paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if watched is window and event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, lambda: os._exit(0))
            return False

    spy = FirstPaint()
    window.installEventFilter(spy)  # type: ignore[attr-defined]
    return spy


def case_qt_empty() -> None:
    """An empty PySide6 main window: shown, painted once, then the process ends."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1360, 860)
    spy = _exit_after_first_paint(window)
    window.show()
    app.exec()
    del spy


def case_qt_app() -> None:
    """pccdesk's main window, as ``pccdesk app`` opens it: shown, painted once, then the process ends."""
    from pccdesk.ui.app import application, open_window

    app = application()
    window = open_window(interactive=False)
    window.resize(1360, 860)
    spy = _exit_after_first_paint(window)
    window.show()
    app.exec()
    del spy


def main(argv: list[str]) -> int:
    func = globals().get(f"case_{argv[0].replace('-', '_')}")
    if func is None:
        print(f"no case {argv[0]!r}", file=sys.stderr)
        return 2
    func(*argv[1:])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
