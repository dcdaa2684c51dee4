"""Screenshots of the real app for the README, taken from the example with three quarters of history.

Run under a virtual display so the real platform plugin draws the window::

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python -m pccdesk.ui.screenshots --out docs

Two earlier quarters are built into a fresh history database first (from the
example return with earlier figures), so the history chart has something to
show; then the app opens the example on that database, exactly as
``pccdesk app --example --db …`` would.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QWidget

from pccdesk.indicators.definitions import load_definitions
from pccdesk.indicators.plan_templates import example_return_rows, write_return_template
from pccdesk.panel_pack import PackRequest, build
from pccdesk.ui.app_settings import AppSettings

#: Earlier quarters' current figures for a few indicators (illustrative, in the example's units).
EARLIER = {
    "2014-15 Q3": {"V3": 0.81, "D2": 0.63, "C6": 0.96, "V4": 0.89, "C4": 0.83},
    "2014-15 Q4": {"V3": 0.84, "D2": 0.66, "C6": 0.98, "V4": 0.87, "C4": 0.84},
}


def history_db(folder: Path, plan_path: Path) -> Path:
    """A history database holding the two quarters before the example's."""
    plan = load_definitions(plan_path)
    db = folder / "history.sqlite"
    for period, figures in EARLIER.items():
        rows = example_return_rows()
        for ref, cells in list(rows.items()):  # every figure of that return is for that quarter
            if len(cells) > 5 and cells[5]:
                rows[ref] = [*cells[:5], period, *cells[6:]]
        for ref, value in figures.items():
            row = list(rows.get(ref, [None] * 8))
            row[3:6] = [value, None, period]
            rows[ref] = row
        ret = write_return_template(folder / f"Return {period}.xlsx", plan, period, filled=rows)
        build(PackRequest(definitions=plan_path, returns=[ret], period=period, db=db,
                          out=folder / f"Panel pack {period}.xlsx"))
    return db


def wait_until(condition: object, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not finish in time")
        QCoreApplication.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, path: Path) -> None:
    QCoreApplication.processEvents()
    widget.grab().save(str(path), "PNG")
    print(f"{path} ({path.stat().st_size // 1024} KB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    from pccdesk.resources import example_inputs
    from pccdesk.ui.app import application, open_window

    app = application()
    folder = Path(tempfile.mkdtemp(prefix="pccdesk-shots-"))
    plan_path = example_inputs().plan
    db = history_db(folder, plan_path)
    window = open_window(example=True, db=db, interactive=False)
    window.resize(1366, 698)  # a 1366×768 laptop less the taskbar and the title bar
    window.show()
    wait_until(lambda: window.plan is not None and window.review is not None and not window.busy
               and len(window.review.result.readings) > 0)
    window.meeting_field.setText("22 September 2015")
    window.select_ref("D2")
    app.processEvents()
    save(window, args.out / "screenshot-main.png")

    window.tabs.setCurrentIndex(0)
    window.review_view.clearSelection()
    window.review_split.setSizes([740, 0])
    save(window.tabs, args.out / "screenshot-review.png")
    window.select_ref("V3")
    window.review_split.setSizes([240, 420])
    save(window.chart.parentWidget() or window.chart, args.out / "screenshot-history.png")
    window.close()
    problems_shot(folder, plan_path, args.out / "screenshot-problems.png")
    return 0


def problems_shot(folder: Path, plan_path: Path, out: Path) -> None:
    """The Problems tab for a force's own workbook in which one row is worded differently from the plan."""
    from pccdesk.examples.force_return import example_force_return_grid, write_example_force_return
    from pccdesk.ui.app import open_window

    grid = example_force_return_grid()
    row = next(r for r, cells in enumerate(grid.rows)
               if cells[1] == "Percentage of victims satisfied with ease of contact.")
    grid.rows[row][1] = "Victims satisfied with how easy it was to contact us"
    force_return = write_example_force_return(folder / "Force return Q1 2015-16.xlsx", grid)
    settings = AppSettings(QSettings(str(folder / "screenshots.ini"), QSettings.Format.IniFormat))
    window = open_window(db=folder / "problems.sqlite", settings=settings, interactive=False)
    window.resize(1366, 698)
    window.show()
    window.period_combo.setCurrentText("2015-16 Q1")
    window.set_plan(plan_path)
    window.add_files([force_return])
    wait_until(lambda: window.review is not None and not window.busy and len(window.review.result.readings) == 1)
    window.tabs.setCurrentIndex(1)
    window.suggestion_view.selectRow(0)
    save(window, out)
    # the same return packed as the wrong quarter: the period bar offers the quarter it covers
    window.period_combo.setCurrentText("2015-16 Q2")
    wait_until(lambda: window.review is not None and not window.busy and window.review.result.period == "2015-16 Q2")
    window.tabs.setCurrentIndex(0)
    save(window, out.with_name("screenshot-period-check.png"))
    window.close()


if __name__ == "__main__":
    raise SystemExit(main())
