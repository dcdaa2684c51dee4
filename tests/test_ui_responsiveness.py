"""The UI thread keeps running while a very large input is read and checked.

A 20 ms timer on the UI thread records the longest gap between its ticks while
the window reads a 200,000-row crime extract (police.uk layout). If the reading ran on the UI thread the
gap would be the whole read (seconds); the bound here is generous (0.3 s, or a
third of the read where a loaded machine stretched it) because the test machine
is shared, and the measured gap is printed for the record.
``bench/bench_ui_responsiveness.py`` compares thread and process reading.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer

from pccdesk.ui.app_settings import AppSettings
from pccdesk.ui.jobs import read_only
from pccdesk.ui.main_window import MainWindow
from pccdesk.ui.models import FileKind
from pccdesk.ui.workers import Job, wants_process

ROWS = 200_000
MAX_GAP_S = 0.3


def big_csv(path: Path, rows: int = ROWS) -> Path:
    """A police.uk-style crime extract (the biggest inputs an OPCC handles), written in a fraction of a second."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Crime ID,Month,Reported by,Falls within,LSOA name,Crime type,Last outcome category\n")
        for i in range(rows):
            out.write(f"{i:08x},2015-06,Northumbria Police,Northumbria Police,Newcastle {i % 180:03d}A,"
                      f"{('Burglary', 'Vehicle crime', 'Violence and sexual offences')[i % 3]},Under investigation\n")
    return path


class GapMeter:
    """Records the longest time between ticks of a 20 ms timer on the UI thread."""

    def __init__(self) -> None:
        self.max_gap = 0.0
        self.ticks = 0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.max_gap = max(self.max_gap, now - self._last)
        self._last = now
        self.ticks += 1

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()


def test_window_stays_responsive_while_a_200k_row_crime_extract_is_read(qtbot, tmp_path, example_plan_path) -> None:  # type: ignore[no-untyped-def]
    extract = big_csv(tmp_path / "2015-06-northumbria-street.csv")
    assert wants_process([extract])  # large inputs are read in a separate process
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, db=tmp_path / "h.sqlite", interactive=False)
    qtbot.addWidget(window)
    window.show()
    window.period_combo.setCurrentText("2015-16 Q1")
    window.force_field.setText("Northumbria")
    with qtbot.waitSignal(window.planLoaded, timeout=60_000):
        window.set_plan(example_plan_path)
    qtbot.waitUntil(lambda: not window.busy and window.review is not None, timeout=60_000)

    meter = GapMeter()
    meter.start()
    started = time.perf_counter()
    window.add_files([extract])
    assert window.files.files[0].kind is FileKind.CRIME
    assert window.in_process(window.request())

    def read() -> bool:
        review = window.review
        return (not window.busy and not window._review_timer.isActive() and review is not None
                and any(p.location.file == extract.name for p in review.problems))

    qtbot.waitUntil(read, timeout=120_000)
    took = time.perf_counter() - started
    meter.stop()
    print(f"read a {ROWS:,}-row extract in {took:.2f} s; longest UI gap {meter.max_gap * 1000:.0f} ms "
          f"over {meter.ticks} ticks")
    assert took > 0.3, "the input was too small to show anything"
    assert meter.ticks > took / 0.02 / 8
    # read on the UI thread the gap would be the whole read; a third of it leaves room for a loaded machine's
    # stalls, which stretch the read as much as the gap, without letting a blocking read pass
    assert meter.max_gap < max(MAX_GAP_S, took / 3)


def test_job_in_a_process_reports_progress_and_result(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    extract = big_csv(tmp_path / "extract.csv", rows=2_000)
    job = Job(read_only, [extract], in_process=True)
    seen: list[str] = []
    job.signals.progress.connect(lambda message, fraction: seen.append(message))
    with qtbot.waitSignal(job.signals.finished, timeout=60_000) as blocker:
        job.start()
    assert blocker.args[0] == [("extract.csv", [("extract", 2_001)])]
    assert seen == ["Reading extract.csv"]


def test_job_failure_is_plain_english(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "gone.xlsx"
    for in_process in (False, True):
        job = Job(read_only, [missing], in_process=in_process)
        with qtbot.waitSignal(job.signals.failed, timeout=60_000) as blocker:
            job.start()
        failure = blocker.args[0]
        assert failure.message == "gone.xlsx: the file does not exist"
        assert "Traceback" in failure.details and "Traceback" not in failure.message


def test_cancel_stops_a_job(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    files = [big_csv(tmp_path / f"part{i}.csv", rows=20_000) for i in range(4)]
    job = Job(read_only, files)
    job.signals.progress.connect(lambda *_: job.cancel())
    with qtbot.waitSignal(job.signals.cancelled, timeout=60_000):
        job.start()
    assert job.cancel_requested


def slow_reading(payload: float, progress, cancelled) -> str:  # type: ignore[no-untyped-def]
    """A reading step that does not look at ``cancelled`` for a long time (as a big parse does)."""
    progress("Reading", 0.1)
    time.sleep(payload)
    return "finished"


def test_a_cancelled_reading_process_is_ended_after_the_grace_time(qtbot) -> None:  # type: ignore[no-untyped-def]
    from pccdesk.ui import workers

    job = Job(slow_reading, 60.0, in_process=True)
    job.signals.progress.connect(lambda *_: job.cancel())
    started = time.perf_counter()
    with qtbot.waitSignal(job.signals.cancelled, timeout=30_000):
        job.start()
    assert time.perf_counter() - started < workers.STOP_GRACE_S + 10
    qtbot.waitUntil(job.done.is_set, timeout=10_000)
