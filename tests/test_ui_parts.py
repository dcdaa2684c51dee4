"""The app's parts, headless: inbox folder, drop zone, dialogs, history chart, passwords, app start and quit."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QSettings, QUrl
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from pccdesk.indicators.assessment import HistoryPoint
from pccdesk.panel_pack import PackRequest, check
from pccdesk.ui import dialogs
from pccdesk.ui.app_settings import AppSettings
from pccdesk.ui.app_state import quarters_around
from pccdesk.ui.drop_zone import DropZone
from pccdesk.ui.history_chart import ChartPoint, HistoryChart, nice_range
from pccdesk.ui.inbox_watcher import InboxWatcher
from pccdesk.ui.main_window import MainWindow, chart_points, detail_html
from pccdesk.ui.models import Decision, FileState, IndicatorColumn
from tests.fixtures_returns import PASSWORD, write_protected_xlsx

TIMEOUT = 60_000


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    win = MainWindow(settings, db=tmp_path / "history.sqlite", interactive=False)
    qtbot.addWidget(win)
    return win


def loaded(qtbot, window: MainWindow, plan: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window.period_combo.setCurrentText("2015-16 Q1")
    with qtbot.waitSignal(window.planLoaded, timeout=TIMEOUT):
        window.set_plan(plan)
    qtbot.waitUntil(lambda: not window.busy and window.review is not None, timeout=TIMEOUT)
    return window


# --- inbox folder ----------------------------------------------------------------------------------------------------
def test_inbox_hands_over_a_file_only_once_it_stops_changing(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    watcher = InboxWatcher()
    watcher.set_timing(settle_ms=400, rescan_ms=100)
    arrived: list[Path] = []
    ready: list[tuple[Path, dt.datetime]] = []
    watcher.fileArrived.connect(lambda p, when: arrived.append(p))
    watcher.fileReady.connect(lambda p, when: ready.append((p, when)))
    watcher.watch(tmp_path)
    (tmp_path / "~$return.xlsx").write_bytes(b"owner file")  # Excel's lock file: never a candidate
    (tmp_path / "notes.docx").write_bytes(b"not a spreadsheet")
    target = tmp_path / "return.xlsx"
    with target.open("wb") as handle:  # a slow copy: the file keeps growing for a while
        for _ in range(8):
            handle.write(b"x" * 1000)
            handle.flush()
            qtbot.wait(100)
        assert ready == [], "a file still being written was handed over"
    qtbot.waitUntil(lambda: len(ready) == 1, timeout=5000)
    assert arrived[0] == target and ready[0][0] == target
    assert isinstance(ready[0][1], dt.datetime)
    qtbot.wait(600)
    assert len(ready) == 1  # unchanged files are not handed over again
    target.write_bytes(b"a corrected return")
    qtbot.waitUntil(lambda: len(ready) == 2, timeout=5000)
    watcher.watch(None)
    assert watcher.folder is None


def test_inbox_files_appear_in_the_window_and_are_read(qtbot, window, tmp_path, example_plan_path,
                                                       example_return_path) -> None:  # type: ignore[no-untyped-def]
    loaded(qtbot, window, example_plan_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    window.inbox.set_timing(settle_ms=300, rescan_ms=100)
    window.set_inbox(inbox)
    dropped = inbox / "Force return Q1.xlsx"
    dropped.write_bytes(example_return_path.read_bytes())
    qtbot.waitUntil(lambda: window.files.find(dropped) >= 0, timeout=5000)
    item = window.files.files[window.files.find(dropped)]
    assert item.from_inbox and item.arrived is not None
    qtbot.waitUntil(lambda: window.review is not None and any(r.path == dropped for r in window.review.result.readings)
                    and not window.busy, timeout=TIMEOUT)
    assert item.state in (FileState.MATCHED, FileState.PROBLEMS)
    assert window.settings.path("inbox_folder") == inbox


# --- drop zone -------------------------------------------------------------------------------------------------------
def test_drop_zone_takes_files_and_folders_and_explains_the_rest(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    zone = DropZone()
    qtbot.addWidget(zone)
    got: list[list[Path]] = []
    said: list[str] = []
    zone.filesDropped.connect(got.append)
    zone.rejected.connect(said.append)
    folder = tmp_path / "from outlook"
    folder.mkdir()
    (folder / "b.xlsx").write_bytes(b"")
    (folder / "a.csv").write_bytes(b"")
    (folder / "readme.txt.lnk").write_bytes(b"")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    zone.handle_mime(mime)
    assert got == [[folder / "a.csv", folder / "b.xlsx"]]
    text = QMimeData()
    text.setText("87%")
    zone.handle_mime(text)
    outlook = QMimeData()
    outlook.setData("FileGroupDescriptorW", b"\x01")
    zone.handle_mime(outlook)
    assert said[0] == "Only files can be dropped here."
    assert "Save the attachment" in said[1]
    assert zone.accessibleName()


# --- dialogs ---------------------------------------------------------------------------------------------------------
def test_error_box_is_plain_and_copies_details(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = dialogs.error_box(None, "The pack was not built", "Return.xlsx:Return!I16: the value is not a number",
                            "Traceback (most recent call last): ...")
    qtbot.addWidget(box)
    assert box.text() == "Return.xlsx:Return!I16: the value is not a number"
    assert "Traceback" not in box.text()
    copy = next(b for b in box.findChildren(QPushButton) if b.text() == "Copy details")
    box.show()
    copy.click()
    assert box.isVisible()  # copying does not close the message
    assert QApplication.clipboard().text().endswith("Traceback (most recent call last): ...")
    no_details = dialogs.error_box(None, "t", "m")
    qtbot.addWidget(no_details)
    assert not any(b.text() == "Copy details" for b in no_details.findChildren(QPushButton))


def test_locked_box_offers_another_name(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    box = dialogs.locked_box(None, tmp_path / "Panel pack.xlsx", "jsmith")
    qtbot.addWidget(box)
    assert "Panel pack.xlsx is open by jsmith" in box.text()
    roles = {box.buttonRole(b) for b in box.buttons()}
    assert QMessageBox.ButtonRole.AcceptRole in roles and QMessageBox.ButtonRole.RejectRole in roles


def test_password_dialog_hides_the_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit

    dialog, field = dialogs.password_dialog(None, "Return.xlsx")
    qtbot.addWidget(dialog)
    assert field.echoMode() is QLineEdit.EchoMode.Password and field.accessibleName() == "Workbook password"


def test_indicator_chooser_lists_the_plan(qtbot, example_plan) -> None:  # type: ignore[no-untyped-def]
    dialog, combo = dialogs.indicator_chooser(None, example_plan.indicators, "Victims satisfied", "V2",
                                              likely=["V2", "A1"])
    qtbot.addWidget(dialog)
    assert combo.count() == len(example_plan.indicators) and combo.currentData() == "V2"
    assert [combo.itemData(i) for i in range(3)] == ["V2", "A1", "V1"]  # the likely ones first, then plan order


# --- passwords in the window -----------------------------------------------------------------------------------------
def test_protected_return_asks_for_the_password_once(qtbot, window, tmp_path, example_plan_path,
                                                     monkeypatch) -> None:  # type: ignore[no-untyped-def]
    protected = write_protected_xlsx(tmp_path / "Protected return.xlsx")
    asked: list[str] = []

    def answer(parent: object, name: str, wrong: bool = False) -> str:
        asked.append(name)
        return "not it" if len(asked) == 1 else PASSWORD

    monkeypatch.setattr(dialogs, "ask_password", answer)
    loaded(qtbot, window, example_plan_path)
    window.interactive = True  # the password question is the only dialog a review can raise
    window.add_files([protected])
    qtbot.waitUntil(lambda: window.review is not None and any(r.path == protected for r in window.review.result.readings)
                    and not window.busy, timeout=TIMEOUT)
    window.interactive = False
    assert asked == ["Protected return.xlsx", "Protected return.xlsx"]  # a wrong password is asked again
    row = window.indicators.row_of("D2")
    assert window.indicators.index(row, IndicatorColumn.STATUS).data() == "✖ Red"


# --- change a suggestion ---------------------------------------------------------------------------------------------
def test_change_a_suggestion_to_another_indicator(qtbot, window, tmp_path, example_plan_path) -> None:  # type: ignore[no-untyped-def]
    from pccdesk.examples.force_return import example_force_return_grid, write_example_force_return
    from pccdesk.ui.match_decisions import saved_decisions

    grid = example_force_return_grid()
    row = next(r for r, cells in enumerate(grid.rows) if cells[1] == "Percentage of victims satisfied with ease of contact.")
    grid.rows[row][1] = "Victims satisfied with how easy it was to contact us"
    path = write_example_force_return(tmp_path / "Force return.xlsx", grid)
    loaded(qtbot, window, example_plan_path)
    window.add_files([path])
    qtbot.waitUntil(lambda: window.suggestions.rowCount() == 1 and not window.busy, timeout=TIMEOUT)
    item = window.suggestions.item(0)
    signature = next(r.signature for r in window.review.result.readings if r.path == path)
    with qtbot.waitSignal(window.reviewed, timeout=TIMEOUT):
        window.decide(0, Decision.CHANGED, "V2")
    assert saved_decisions(window.db, signature) == {item.suggestion.source_key: "V2"}


# --- history chart ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("values", "expected"), [
    ([81, 84, 87, 90], (80.0, 92.5, 2.5)),
    ([5, 5], (4.25, 5.75, 0.25)),
    ([0.5, 100], (0.0, 125.0, 25.0)),
    ([-3, 4], (-4.0, 6.0, 2.0)),
])
def test_nice_range(values: list[float], expected: tuple[float, float, float]) -> None:
    assert nice_range(values) == pytest.approx(expected)


def test_chart_paints_and_describes_itself(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = HistoryChart()
    qtbot.addWidget(chart)
    chart.resize(500, 260)
    chart.set_series("V3 Needs assessments", [ChartPoint("2014-15 Q3", 81), ChartPoint("2014-15 Q4", 84),
                                               ChartPoint("2015-16 Q1", 87, "87% (+/- 2.5%)")], 90, True)
    image = chart.grab().toImage()
    assert image.width() == 500
    colours = {image.pixelColor(x, y).name() for x in range(0, 500, 7) for y in range(0, 260, 7)}
    assert len(colours) > 2  # something was drawn
    assert chart.accessibleDescription() == ("V3 Needs assessments. 2014-15 Q3: 81%, 2014-15 Q4: 84%, "
                                             "2015-16 Q1: 87%; target 90%")
    chart.set_series("", [], None, False, "Nothing stored yet.")
    assert chart.accessibleDescription() == "Nothing stored yet."
    chart.grab()


def test_chart_points_add_this_quarter_once(example_plan_path, example_return_path) -> None:  # type: ignore[no-untyped-def]
    result = check(PackRequest(definitions=example_plan_path, returns=[example_return_path], use_history=False))
    d2 = next(r for r in result.results if r.ref == "D2")
    d2.history = [HistoryPoint("2014-15 Q4", 66.0, "66%")]
    assert [(p.period, p.value) for p in chart_points(d2, "2015-16 Q1")] == [("2014-15 Q4", 66.0), ("2015-16 Q1", 68.0)]
    d2.history.append(HistoryPoint("2015-16 Q1", 68.0, "68%"))
    assert len(chart_points(d2, "2015-16 Q1")) == 2
    html = detail_html(d2)
    assert "Return!I16 in" in html and "<b>68%</b>" in html and "Red" in html


def test_quarters_offered() -> None:
    assert quarters_around(dt.date(2015, 5, 1))[:2] == ["2015-16 Q4", "2015-16 Q3"]
    assert quarters_around(dt.date(2016, 3, 31))[0] == "2015-16 Q4"
    assert "2014-15 Q1" in quarters_around(dt.date(2015, 4, 1))


# --- app start and quit ----------------------------------------------------------------------------------------------
def test_run_app_quits_by_itself(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pccdesk.ui.app import run_app

    started = time.perf_counter()
    assert run_app(example=True, db=str(tmp_path / "example.sqlite"), quit_after_ms=300) == 0
    assert time.perf_counter() - started < 30
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    assert windows and not any(w.isVisible() for w in windows)


def test_no_period_says_what_to_do(qtbot, window, example_plan_path) -> None:  # type: ignore[no-untyped-def]
    window.period_combo.setCurrentText("")
    with qtbot.waitSignal(window.failed, timeout=TIMEOUT) as blocker:
        window.set_plan(example_plan_path)
    assert blocker.args[0].code == "period-missing"
    assert window.messages[-1].startswith("Choose the reporting period at the top")
    assert window.problems.rowCount() == 1 and window.indicators.rowCount() == 0


def test_a_new_file_does_not_interrupt_a_build(qtbot, window, tmp_path, example_plan_path,
                                               example_return_path) -> None:  # type: ignore[no-untyped-def]
    loaded(qtbot, window, example_plan_path)
    window.add_files([example_return_path])
    qtbot.waitUntil(lambda: not window.busy and len(window.review.result.readings) == 1, timeout=TIMEOUT)
    out = tmp_path / "pack.xlsx"
    with qtbot.waitSignal(window.packBuilt, timeout=TIMEOUT):
        window.build_to(out)
        assert window.job is not None and window.job.name == "build"
        window.run_review()  # what a file arriving in the inbox folder does
        assert window.job is not None and not window.job.cancel_requested
    assert out.exists()
    qtbot.waitUntil(lambda: not window.busy, timeout=TIMEOUT)
    assert not any(m.startswith("Stopped") for m in window.messages)


def test_unexpected_errors_become_a_plain_message(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pccdesk.ui.app import show_unexpected

    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message, details="": shown.append(
        (title, message, details)))
    try:
        raise KeyError("D2")
    except KeyError as exc:
        show_unexpected(KeyError, exc, exc.__traceback__)
    title, message, details = shown[0]
    assert title == "Something went wrong" and "KeyError" in message and "Traceback" not in message
    assert details.startswith("Traceback") and "raise KeyError" in details


def test_f1_shows_the_readme_user_guide(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QTextBrowser

    action = next(a for a in window.findChildren(type(window.build_action))
                  if a.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents))
    action.trigger()
    guide = window.guide
    qtbot.addWidget(guide)
    text = guide.findChild(QTextBrowser, "guide").toPlainText()
    assert text.startswith("User guide (desktop app)") and "A quarter, step by step" in text
    assert "For maintainers" not in text  # only the desktop-app section
    # written for app users: no command-line options, commands or build targets
    assert " --" not in text and "make " not in text and "pccdesk validate" not in text, text
    html = guide.findChild(QTextBrowser, "guide").toHtml()
    assert "docs/screenshot-main.png" in html


def test_dropping_the_plan_first_uses_it_as_the_plan(qtbot, window, example_plan_path, example_return_path) -> None:  # type: ignore[no-untyped-def]
    window.period_combo.setCurrentText("2015-16 Q1")
    with qtbot.waitSignal(window.planLoaded, timeout=TIMEOUT):
        window.add_files([example_plan_path, example_return_path])
    assert window.plan_path == example_plan_path
    assert [f.path for f in window.files.files] == [example_return_path]
    qtbot.waitUntil(lambda: window.review is not None and len(window.review.result.readings) == 1 and not window.busy,
                    timeout=TIMEOUT)


def test_before_any_return_the_plan_is_shown_without_noise(qtbot, window, example_plan_path) -> None:  # type: ignore[no-untyped-def]
    loaded(qtbot, window, example_plan_path)
    assert window.indicators.rowCount() == len(window.plan.indicators)
    assert all(p.code != "indicator-no-value" for p in window.problems.problems)
    row = window.indicators.row_of("V3")
    assert window.indicators.index(row, IndicatorColumn.STATUS).data() == "… No data"


@pytest.mark.parametrize(("name", "first_line", "kind"), [
    ("2018-12-merseyside-street.csv", "Crime ID,Month", "Crime"),
    ("recorded crime June 2015.xlsx", None, "Crime"),
    ("Force return Q1.xlsx", None, "Return"),
    ("crime return Q1.xlsx", None, "Return"),  # a return that mentions crime is still a return
    ("export.csv", "Crime ID,Month,Reported by", "Crime"),
    ("export.csv", "Ref,Indicator,Current", "Return"),
    ("Inspections tracker.xlsx", None, "Tracker"),
])
def test_guess_kind(tmp_path, name: str, first_line: str | None, kind: str) -> None:  # type: ignore[no-untyped-def]
    from pccdesk.ui.models import guess_kind

    path = tmp_path / name
    path.write_text((first_line or "") + "\n", encoding="utf-8")
    assert guess_kind(path).value == kind


def test_tracker_tab_uses_the_windows_database(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pccdesk.ui.tracker_tab")
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Tra&cker" in titles
    assert window.tracker_widget is not None and window.tracker_widget.db == window.db
    other = tmp_path / "shared.sqlite"
    window.db = other
    window.reload_tracker()
    assert window.tracker_widget.db == other


def test_chosen_database_is_remembered(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    settings.set_path("db", tmp_path / "team.sqlite")
    win = MainWindow(settings, interactive=False)
    qtbot.addWidget(win)
    assert win.db == tmp_path / "team.sqlite"


def test_history_chart_becomes_an_xmr_chart_with_enough_points(qtbot) -> None:  # type: ignore[no-untyped-def]
    """15 quarters: the mean and limits worked out by hand; the last point far above them is special."""
    from pccdesk.spc import indicator_spc
    from pccdesk.spc.icons import Variation
    from pccdesk.ui.history_chart import spc_overlay

    periods = [f"{2010 + q // 4}-{(11 + q // 4) % 100:02d} Q{q % 4 + 1}" for q in range(15)]
    values = [48.0, 52.0] * 7 + [90.0]
    spc = indicator_spc(list(zip(periods, values, strict=True)), better="higher", target=60.0)
    assert spc.available
    overlay = spc_overlay(spc, periods)
    assert overlay is not None
    assert overlay.special[-1] is Variation.IMPROVEMENT
    assert "Improvement" in overlay.summary and "Assurance" in overlay.summary
    # mean of all 15 = 790 / 15; the moving ranges are 4 (13 times) and 38, which is screened out as far
    # above the others (Making Data Count), so the limits are the mean ± 2.66 × 4
    assert overlay.mean[-1] == pytest.approx(790 / 15)
    assert overlay.upper[-1] == pytest.approx(790 / 15 + 2.66 * 4)
    assert overlay.lower[-1] == pytest.approx(790 / 15 - 2.66 * 4)
    chart = HistoryChart()
    qtbot.addWidget(chart)
    chart.resize(520, 260)
    chart.set_series("V9 test", [ChartPoint(p, v) for p, v in zip(periods, values, strict=True)], 60.0, False,
                     spc=spc)
    chart.show()
    chart.grab()  # paints without error
    assert "Variation: Improvement" in chart.accessibleDescription()
    few = indicator_spc(list(zip(periods[:3], values[:3], strict=True)), better="higher")
    assert spc_overlay(few, periods[:3]) is None  # three points: a plain line, no limits
