"""The real main window, headless: load the plan, drop the returns, review, decide a suggestion, build the pack."""

from __future__ import annotations

import warnings
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from pccdesk.examples.force_return import example_force_return_grid, write_example_force_return
from pccdesk.indicators.status_rules import Status
from pccdesk.ui.app_settings import AppSettings
from pccdesk.ui.main_window import MainWindow
from pccdesk.ui.models import Decision, FileKind, FileState, IndicatorColumn, ProblemTableModel

REVIEW_TIMEOUT = 60_000


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, tmp_path: Path, settings: AppSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(settings, db=tmp_path / "history.sqlite", interactive=False)
    qtbot.addWidget(win)
    win.resize(1300, 800)
    win.show()
    return win


def load_plan(qtbot, window: MainWindow, plan: Path, period: str = "2015-16 Q1") -> None:  # type: ignore[no-untyped-def]
    window.period_combo.setCurrentText(period)
    with qtbot.waitSignal(window.planLoaded, timeout=REVIEW_TIMEOUT):
        window.set_plan(plan)
    qtbot.waitUntil(lambda: not window.busy and window.review is not None, timeout=REVIEW_TIMEOUT)


def drop(window: MainWindow, *paths: Path) -> None:
    """A real drop event on the drop zone, carrying file URLs as Explorer and Outlook give them."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Qt marks the QPoint constructor deprecated
        enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.drop_zone, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.drop_zone, event)


def wait_review_with(qtbot, window: MainWindow, name: str) -> None:  # type: ignore[no-untyped-def]
    def done() -> bool:
        r = window.review
        return not window.busy and r is not None and any(x.path.name == name for x in r.result.readings)

    qtbot.waitUntil(done, timeout=REVIEW_TIMEOUT)


def cell(window: MainWindow, ref: str, column: IndicatorColumn) -> str:
    row = window.indicators.row_of(ref)
    assert row >= 0, f"{ref} is not in the review"
    return str(window.indicators.index(row, column).data())


def test_example_statuses_after_drop(qtbot, window, example_plan_path, example_return_path) -> None:  # type: ignore[no-untyped-def]
    load_plan(qtbot, window, example_plan_path)
    drop(window, example_return_path)
    assert window.files.files[0].path == example_return_path
    wait_review_with(qtbot, window, example_return_path.name)
    assert cell(window, "V3", IndicatorColumn.STATUS) == "! Amber"
    assert cell(window, "D2", IndicatorColumn.STATUS) == "✖ Red"
    assert cell(window, "C6", IndicatorColumn.STATUS) == "✔ Green"
    assert cell(window, "V1", IndicatorColumn.DIRECTION) == "≈ No significant change"
    assert cell(window, "V4", IndicatorColumn.DIRECTION) == "⊖ Deteriorated"
    assert cell(window, "V1", IndicatorColumn.CURRENT) == "98.8% (+/-0.6%)"
    assert cell(window, "D2", IndicatorColumn.SOURCE) == f"{example_return_path.name}:Return!I16"
    status = window.indicators.index(window.indicators.row_of("D2"), IndicatorColumn.STATUS)
    assert status.data(Qt.ItemDataRole.BackgroundRole).color().name().upper() == "#F4B6A6"
    assert window.files.files[0].state in (FileState.MATCHED, FileState.PROBLEMS)
    assert "Red" in window.counts_label.text() and "Amber" in window.counts_label.text()


def test_filters_search_and_detail(qtbot, window, example_plan_path, example_return_path) -> None:  # type: ignore[no-untyped-def]
    load_plan(qtbot, window, example_plan_path)
    window.add_files([example_return_path])
    wait_review_with(qtbot, window, example_return_path.name)
    reds = [r.ref for r in window.indicators.results if r.status is Status.RED and not r.is_heading]
    window.only_red.setChecked(True)
    shown = [window.proxy.index(i, 0).data() for i in range(window.proxy.rowCount())]
    assert sorted(shown) == sorted(reds) and "D2" in shown
    window.only_red.setChecked(False)
    window.search_field.setText("domestic abuse")
    shown = {window.proxy.index(i, 0).data() for i in range(window.proxy.rowCount())}
    assert "D2" in shown and "V1" not in shown
    window.search_field.clear()
    assert window.proxy.rowCount() == len(window.indicators.results)
    assert window.select_ref("D2")
    assert window.selected_result() is not None and window.selected_result().ref == "D2"
    html = window.detail.toHtml()
    assert "68%" in html and "Return!I16" in html
    assert window.chart.points and window.chart.target == 75
    window.only_problems.setChecked(True)
    flagged = {window.proxy.index(i, 0).data() for i in range(window.proxy.rowCount())}
    assert flagged == window.indicators.with_problems


def test_plan_errors_are_listed_with_cells(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import xlsxwriter

    bad = tmp_path / "bad-plan.xlsx"
    book = xlsxwriter.Workbook(str(bad))
    sheet = book.add_worksheet("Indicators")
    sheet.write_row(0, 0, ["ref", "objective", "indicator", "measure", "better", "target"])
    sheet.write_row(1, 0, ["V1", "Victims", "Satisfaction", "percent", "higher", "ninety"])
    book.close()
    with qtbot.waitSignal(window.failed, timeout=REVIEW_TIMEOUT):
        window.set_plan(bad)
    problems: ProblemTableModel = window.problems
    assert problems.rowCount() >= 1
    where = {problems.index(r, 2).data() for r in range(problems.rowCount())}
    assert "Indicators!F2" in where
    assert window.tabs.currentIndex() == 1


def test_accept_suggestion_saves_decision_and_matches(qtbot, window, example_plan_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    grid = example_force_return_grid()
    label_row = next(r for r, row in enumerate(grid.rows)
                     if row[1] == "Percentage of victims satisfied with ease of contact.")
    grid.rows[label_row][1] = "Victims satisfied with how easy it was to contact us"
    force_return = write_example_force_return(tmp_path / "Force return Q1.xlsx", grid)
    load_plan(qtbot, window, example_plan_path)
    drop(window, force_return)
    wait_review_with(qtbot, window, force_return.name)
    assert window.suggestions.rowCount() == 1
    item = window.suggestions.item(0)
    assert item.suggestion.ref == "V1" and item.decision is Decision.PENDING
    assert cell(window, "V1", IndicatorColumn.STATUS) == "… No data"

    window.suggestion_view.selectRow(0)
    with qtbot.waitSignal(window.reviewed, timeout=REVIEW_TIMEOUT):
        window.accept_button.click()
    qtbot.waitUntil(lambda: not window.busy, timeout=REVIEW_TIMEOUT)
    assert cell(window, "V1", IndicatorColumn.CURRENT) == "98.8% (+/-0.6%)"
    assert cell(window, "V1", IndicatorColumn.DIRECTION) == "≈ No significant change"
    assert window.suggestions.rowCount() == 0  # decided: the importer now applies it without asking

    from pccdesk.ui.match_decisions import saved_decisions

    signature = next(r.signature for r in window.review.result.readings if r.path == force_return)
    assert saved_decisions(window.db, signature) == {item.suggestion.source_key: "V1"}


def test_reject_suggestion_is_remembered(qtbot, window, example_plan_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    grid = example_force_return_grid()
    label_row = next(r for r, row in enumerate(grid.rows)
                     if row[1] == "Percentage of victims satisfied with ease of contact.")
    grid.rows[label_row][1] = "Victims satisfied with how easy it was to contact us"
    force_return = write_example_force_return(tmp_path / "Force return Q1.xlsx", grid)
    load_plan(qtbot, window, example_plan_path)
    window.add_files([force_return])
    wait_review_with(qtbot, window, force_return.name)
    with qtbot.waitSignal(window.reviewed, timeout=REVIEW_TIMEOUT):
        window.decide(0, Decision.REJECTED)
    qtbot.waitUntil(lambda: not window.busy, timeout=REVIEW_TIMEOUT)
    assert cell(window, "V1", IndicatorColumn.STATUS) == "… No data"
    assert window.suggestions.rowCount() == 0


def test_build_pack_and_open_it(qtbot, window, example_plan_path, example_return_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    load_plan(qtbot, window, example_plan_path)
    drop(window, example_return_path)
    wait_review_with(qtbot, window, example_return_path.name)
    window.meeting_field.setText("22 September 2015")
    window.title_field.setText("Performance report to the Police and Crime Panel")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "Panel pack 2015-16 Q1.xlsx"
    with qtbot.waitSignal(window.packBuilt, timeout=REVIEW_TIMEOUT) as blocker:
        window.build_to(out)
    assert blocker.args[0].out == out
    wb = openpyxl.load_workbook(out)
    ws = wb["Data"]
    table = ws.tables["Performance"]
    cells = list(ws[table.ref])
    headers = [c.value for c in cells[0]]
    rows = {r[0].value: dict(zip(headers, [c.value for c in r], strict=True)) for r in cells[1:]}
    assert rows["V3"]["Status"] == "Amber" and rows["D2"]["Status"] == "Red" and rows["C6"]["Status"] == "Green"
    assert rows["V1"]["Direction"] == "No significant change" and rows["V4"]["Direction"] == "Deteriorated"
    assert wb["Cover"]["B7"].value == "22 September 2015"
    assert wb["Cover"]["A3"].value == "Performance report to the Police and Crime Panel"
    assert window.files.files[0].state is FileState.DONE
    assert window.settings.output_folder() == out_dir  # packs go where packs went
    assert window.default_pack_path() == out_dir / "Panel pack 2015-16 Q1.xlsx"


def test_build_refuses_a_pack_open_in_excel(qtbot, window, example_plan_path, example_return_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    load_plan(qtbot, window, example_plan_path)
    window.add_files([example_return_path])
    wait_review_with(qtbot, window, example_return_path.name)
    out = tmp_path / "Panel pack.xlsx"
    out.write_bytes(b"old pack")
    (tmp_path / "~$Panel pack.xlsx").write_bytes(bytes([5]) + b"jsmith" + b" " * 60)
    window.build_to(out)
    assert not window.busy
    assert out.read_bytes() == b"old pack"
    assert "is open" in window.messages[-1] and "another name" in window.messages[-1]


def test_crime_kind_and_force_reach_the_request(qtbot, window, example_plan_path, example_return_path,
                                                tmp_path) -> None:  # type: ignore[no-untyped-def]
    load_plan(qtbot, window, example_plan_path)
    crime = tmp_path / "recorded crime June 2015.csv"
    crime.write_text("Area,Category,Count\nNorthumberland,Burglary,12\n", encoding="utf-8")
    window.add_files([example_return_path, crime])
    assert [f.kind for f in window.files.files] == [FileKind.RETURN, FileKind.CRIME]
    window.force_field.setText("Northumbria")
    request = window.request()
    assert list(request.crime_files) == [crime] and request.force == "Northumbria"
    assert list(request.returns) == [example_return_path]
    window.file_view.selectRow(0)
    window.mark_selected(FileKind.CRIME)
    assert window.request().returns == []


def test_settings_are_remembered(qtbot, tmp_path, settings, example_plan_path) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow(settings, db=tmp_path / "h.sqlite", interactive=False)
    qtbot.addWidget(first)
    first.period_combo.setCurrentText("2015-16 Q2")
    with qtbot.waitSignal(first.planLoaded, timeout=REVIEW_TIMEOUT):
        first.set_plan(example_plan_path)
    first.force_field.setText("Northumbria")
    first.set_inbox(tmp_path)
    first.close()
    again = MainWindow(settings, db=tmp_path / "h.sqlite", interactive=False)
    qtbot.addWidget(again)
    assert again.plan_path == example_plan_path and again.period == "2015-16 Q2"
    assert again.force_field.text() == "Northumbria" and again.inbox.folder == tmp_path
    qtbot.waitUntil(lambda: again.plan is not None, timeout=REVIEW_TIMEOUT)


def test_templates_and_database_tools(qtbot, window, example_plan_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    load_plan(qtbot, window, example_plan_path)
    template = window.write_return_template(tmp_path / "Return 2015-16 Q1.xlsx")
    assert template is not None
    wb = openpyxl.load_workbook(template)
    assert "Return" in wb.sheetnames
    blank = window.write_blank_plan(tmp_path / "New plan.xlsx")
    assert blank is not None and "Indicators" in openpyxl.load_workbook(blank).sheetnames
    with qtbot.waitSignal(window.toolFinished, timeout=REVIEW_TIMEOUT) as said:
        window.check_database()
    assert said.args[0].endswith("there is no history database here")  # opening the window creates none
    window.tabs.setCurrentIndex(2)  # the Tracker tab reads the history, and so creates it
    with qtbot.waitSignal(window.toolFinished, timeout=REVIEW_TIMEOUT) as said:
        window.check_database()
    assert "integrity check passed" in said.args[0]
    with qtbot.waitSignal(window.toolFinished, timeout=REVIEW_TIMEOUT) as said:
        window.backup_database_to(tmp_path / "copy.sqlite")
    assert said.args[0].startswith("Backup written:") and (tmp_path / "copy.sqlite").stat().st_size > 0
    with qtbot.waitSignal(window.toolFinished, timeout=REVIEW_TIMEOUT) as said:
        window.export_database_to(tmp_path / "figures.csv")
    assert said.args[0].startswith("Export written:")
    assert "reporting_period" in (tmp_path / "figures.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    window.db.write_bytes(b"not a database at all, just some bytes" * 100)
    with qtbot.waitSignal(window.toolFinished, timeout=REVIEW_TIMEOUT) as said:
        window.check_database()
    assert "FAILED" in said.args[0] and window.messages[-1] == said.args[0]


def test_keyboard_shortcuts_and_accessible_names(window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QAbstractButton, QLineEdit

    shortcuts = {a.shortcut().toString(QKeySequence.SequenceFormat.PortableText): a.text()
                 for menu in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu()))
                 for a in menu.actions()}
    assert shortcuts["Ctrl+O"] == "&Open plan…" and shortcuts["Ctrl+S"] == "&Build pack…"
    assert shortcuts["F1"] == "&User guide"
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLineEdit):
        if widget.isVisible() and isinstance(widget, QLineEdit) and widget.parent() is not None \
                and type(widget.parent()).__name__ != "QComboBox":
            assert widget.accessibleName(), widget.placeholderText()
    assert window.review_view.accessibleName() and window.problem_view.accessibleName()


def test_real_crime_extract_with_force_goes_into_the_pack(qtbot, window, example_plan_path, example_return_path,
                                                         tmp_path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pccdesk.crime.pack_section")
    from tests.conftest import REALDATA, need_shared

    extract = need_shared(REALDATA / "2018-12-merseyside-street.csv")
    load_plan(qtbot, window, example_plan_path)
    window.force_field.setText("Merseyside")
    drop(window, example_return_path, extract)
    assert [f.kind for f in window.files.files] == [FileKind.RETURN, FileKind.CRIME]
    qtbot.waitUntil(lambda: not window.busy and window.review is not None
                    and any(p.location.file == extract.name for p in window.review.problems),
                    timeout=REVIEW_TIMEOUT)
    files = {window.problems.index(r, 1).data() for r in range(window.problems.rowCount())}
    assert extract.name in files
    out = tmp_path / "pack.xlsx"
    with qtbot.waitSignal(window.packBuilt, timeout=REVIEW_TIMEOUT):
        window.build_to(out)
    names = openpyxl.load_workbook(out, read_only=True).sheetnames
    assert any(n.startswith("Crime") and "Merseyside" in n for n in names)
