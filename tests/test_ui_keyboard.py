"""The window for a whole working day: it fits office screens, works from the keyboard, and a screen reader
can name every control; files are recognised for what they are when they are added."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget

from pccdesk.ui.app import initial_size
from pccdesk.ui.app_settings import AppSettings
from pccdesk.ui.keyboard import mnemonic, visible_mnemonics
from pccdesk.ui.main_window import MainWindow
from pccdesk.ui.models import FileKind
from tests.test_ui_main_window import drop, load_plan, wait_review_with

# The client area left for the window (logical pixels) once the taskbar (40 px) and the title bar (30 px) are
# taken: a 1366×768 laptop at 100 %, and a 1920×1080 screen at 150 % (1280×720 logical).
LAPTOP = QSize(1366, 768 - 40 - 30)
SCALED_150 = QSize(1920 * 2 // 3, 1080 * 2 // 3 - 40 - 30)
MENU_LETTERS = {"f", "r", "p", "t", "h"}


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    win = MainWindow(settings, db=tmp_path / "history.sqlite", interactive=False)
    qtbot.addWidget(win)
    win.resize(1280, 650)
    win.show()
    return win


@pytest.fixture
def loaded(qtbot, window, example_plan_path, example_return_path, tmp_path) -> MainWindow:  # type: ignore[no-untyped-def]
    from pccdesk.examples.crime import write_example_crime

    crime = write_example_crime(tmp_path / "northumbria-figures.xlsx")
    load_plan(qtbot, window, example_plan_path)
    drop(window, example_return_path, crime)
    wait_review_with(qtbot, window, example_return_path.name)
    return window


@pytest.mark.parametrize("screen", [LAPTOP, SCALED_150], ids=["1366x768@100%", "1920x1080@150%"])
def test_window_fits_the_screen_with_the_example_loaded(loaded, screen: QSize) -> None:  # type: ignore[no-untyped-def]
    hint = loaded.minimumSizeHint()
    assert hint.width() <= screen.width() and hint.height() <= screen.height(), hint
    assert initial_size(screen).width() <= screen.width() and initial_size(screen).height() <= screen.height()


def test_window_never_widens_itself_as_data_arrives(qtbot, loaded) -> None:  # type: ignore[no-untyped-def]
    loaded.counts_label.setText("a very long summary of statuses " * 20)
    QApplication.processEvents()
    assert loaded.width() == 1280 and loaded.minimumSizeHint().width() <= SCALED_150.width()


def _tab_walk(qtbot, window: MainWindow, presses: int = 80) -> list[QWidget]:  # type: ignore[no-untyped-def]
    window.activateWindow()
    window.plan_field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.plan_field)
    seen: list[QWidget] = []
    for _ in range(presses):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


def test_tab_reaches_every_control_and_leaves_the_tables(qtbot, loaded) -> None:  # type: ignore[no-untyped-def]
    seen = _tab_walk(qtbot, loaded)
    for control in (loaded.file_view, loaded.add_button if hasattr(loaded, "add_button")
                    else loaded.inputs_panel.add_button, loaded.inputs_panel.remove_button,
                    loaded.inputs_panel.crime_button, loaded.title_field, loaded.meeting_field,
                    loaded.build_button, loaded.tabs.tabBar(), loaded.search_field, loaded.review_view):
        assert control in seen, control.accessibleName()
    # one Tab leaves a table: it is never focused twice in a row
    for before, after in zip(seen, seen[1:], strict=False):
        assert not (before is after and before in (loaded.file_view, loaded.review_view))


def test_alt_letters_are_unique_and_menus_win(qtbot, loaded) -> None:  # type: ignore[no-untyped-def]
    for index in range(loaded.tabs.count()):
        loaded.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        letters = [letter for letter, _ in visible_mnemonics(loaded)]
        clashes = {letter for letter in letters if letters.count(letter) > 1} | (set(letters) & MENU_LETTERS)
        assert not clashes, (loaded.tabs.tabText(index), sorted(visible_mnemonics(loaded)))
    menus = [mnemonic(a.text()) for a in loaded.menuBar().actions()]
    assert sorted(menus) == sorted(MENU_LETTERS)


def test_mnemonic_reading() -> None:
    assert mnemonic("B&uild pack…") == "u" and mnemonic("Fish && chips") == "" and mnemonic("&&A &b") == "b"


def test_delete_removes_the_selected_file(qtbot, loaded) -> None:  # type: ignore[no-untyped-def]
    before = [f.path.name for f in loaded.files.files]
    loaded.file_view.setFocus()
    loaded.file_view.selectRow(0)
    qtbot.keyClick(loaded.file_view, Qt.Key.Key_Delete)
    assert [f.path.name for f in loaded.files.files] == before[1:]


def _accessible_controls(iface, found: list) -> None:  # type: ignore[no-untyped-def]
    roles = {QAccessible.Role.PushButton, QAccessible.Role.CheckBox, QAccessible.Role.EditableText,
             QAccessible.Role.ComboBox, QAccessible.Role.Table, QAccessible.Role.PageTab,
             QAccessible.Role.ProgressBar}
    if iface is None or not iface.isValid():
        return
    if iface.role() in roles and not iface.state().invisible:
        found.append(iface)
    if iface.role() in (QAccessible.Role.Table,):
        return  # the cells are data, named by their text
    for i in range(iface.childCount()):
        _accessible_controls(iface.child(i), found)


def test_screen_reader_names_every_control(loaded) -> None:  # type: ignore[no-untyped-def]
    found: list = []
    for index in range(loaded.tabs.count()):  # what each tab shows, with the controls around the tabs
        loaded.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        _accessible_controls(QAccessible.queryAccessibleInterface(loaded), found)
    assert len(found) > 40
    unnamed = [f"{iface.role()} {type(iface.object()).__name__} in {type(iface.object().parent()).__name__}" for iface in found
               if not iface.text(QAccessible.Text.Name).strip()]
    assert not unnamed


def test_added_files_are_recognised_by_content(qtbot, window, example_plan_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pccdesk.examples.crime import write_example_crime
    from pccdesk.examples.tracker import write_example_tracker

    load_plan(qtbot, window, example_plan_path)
    # names that say nothing: the content decides
    crime = write_example_crime(tmp_path / "q1-a.xlsx")
    register = write_example_tracker(tmp_path / "q1-b.xlsx")
    workforce = tmp_path / "q1-c.csv"
    workforce.write_text("LAD16CD,LAD16NM,PFA16CD,PFA16NM\nE07000144,Broadland,E23000024,Norfolk\n", encoding="utf-8")
    window.add_files([crime, register, workforce])
    kinds = {f.path.name: f.kind for f in window.files.files}
    assert kinds == {"q1-a.xlsx": FileKind.CRIME, "q1-b.xlsx": FileKind.TRACKER, "q1-c.csv": FileKind.NOT_USED}
    tip = window.files.index(2, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert str(workforce) in tip and "not used in the pack" in tip
    request = window.state.request()
    assert workforce not in [*request.returns, *request.crime_files, *request.tracker_files]


def test_problems_are_grouped_and_a_problem_opens_its_file(loaded) -> None:  # type: ignore[no-untyped-def]
    from pccdesk.ui.record_model import RECORD_ROLE

    model = loaded.problems_panel.grouped
    assert model.rowCount() >= 1
    files = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert all(" — " in f for f in files)  # "name — 3 errors, 12 warnings"
    total = sum(model.rowCount(model.index(k, 0, model.index(f, 0)))
                for f in range(model.rowCount()) for k in range(model.rowCount(model.index(f, 0))))
    assert total == len(loaded.problems.problems)
    first_file = model.index(0, 0)
    leaf = model.index(0, 0, model.index(0, 0, first_file))
    problem = leaf.data(RECORD_ROLE)
    loaded.problems_panel.problemActivated.emit(leaf)
    if problem.location.file:
        assert loaded.messages[-1].startswith("Opening") or "not in the list" in loaded.messages[-1]


def test_removing_a_file_clears_the_detail_pane(qtbot, loaded) -> None:  # type: ignore[no-untyped-def]
    assert loaded.select_ref("D2")
    assert "D2" in loaded.detail.toPlainText()
    row = next(i for i, f in enumerate(loaded.files.files) if f.kind is FileKind.RETURN)
    loaded.file_view.selectRow(row)
    loaded.remove_selected_files()
    assert loaded.detail.toPlainText() == "" and not loaded.chart.points


def test_the_inbox_never_brings_back_a_refused_file(qtbot, window, example_plan_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from pccdesk.problems import Location, error
    from pccdesk.readers.codes import UNSAFE_FILE
    from pccdesk.ui.models import FileState

    load_plan(qtbot, window, example_plan_path)
    bad = tmp_path / "bomb.csv"
    bad.write_text("Ref,Indicator,Current\n", encoding="utf-8")
    window._inbox_arrived(bad, dt.datetime.now())
    window.state.note_refusals([error(UNSAFE_FILE, "ran out of memory", Location(bad.name))])
    window._review_timer.stop()
    window._inbox_arrived(bad, dt.datetime.now())  # saved again into the inbox folder
    window._inbox_ready(bad, dt.datetime.now())
    (listed,) = window.files.files
    assert listed.refused and listed.state is FileState.REFUSED and not window._review_timer.isActive()
    window.add_files([bad])  # the user adds it again on purpose: it is read again
    assert not listed.refused and bad in window.state.request().returns


def test_every_real_and_example_file_is_recognised_when_added(qtbot, window, example_plan_path) -> None:  # type: ignore[no-untyped-def]
    """What each file is, from SOURCES.md and the examples' own purpose; the app's kind and reason follow."""
    from tests.conftest import REALDATA, REPO

    expected = {
        "2018-12-merseyside-street.csv": FileKind.CRIME, "MPS Borough Level Crime (most recent 24 months).csv":
        FileKind.CRIME, "pfatablesdec19.xlsx": FileKind.CRIME, "policeforceareatablesyearendingmarch2018v2.xlsx":
        FileKind.CRIME, "policeforceareatablesyejune25final.csv": FileKind.CRIME, "rec-crime-pfa.csv": FileKind.CRIME,
        "rec-crime-1898-2002.xls": FileKind.NOT_USED, "police-workforce-sep19-tables.ods": FileKind.NOT_USED,
        "police-workforce-tabs-30sep15.ods": FileKind.NOT_USED, "lad-csp-pfa-lookup-dec2016.csv": FileKind.NOT_USED,
        "Monthly-AE-Time-Series-September-2023.xlsx": FileKind.NOT_USED,
        "northumbria-2015-16-Q1-return.xlsx": FileKind.RETURN, "northumbria-2015-16-Q1-crime.xlsx": FileKind.CRIME,
    }
    paths = [p for p in (*[REALDATA / n for n in expected], *(REPO / "templates" / "examples").glob("*.xlsx"))
             if p.exists()]
    assert len(paths) >= 2
    load_plan(qtbot, window, example_plan_path)
    window.add_files(paths)
    window._review_timer.stop()
    for f in window.files.files:
        assert f.kind is expected[f.path.name], (f.path.name, f.kind_reason)
        assert f.kind_reason


def test_a_shared_history_on_a_server_is_a_setting(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Tools ▸ Use a shared history database: the postgresql:// address is kept as an address (never folded into
    a path), remembered for the next start, and its password never shown."""
    url = "postgresql://officer:s3cret@db.force.local/pcc"
    assert not window.tools.use_shared_database("db.force.local/pcc")  # not an address: refused in words
    assert "postgresql://" in window.messages[-1]
    window._review_timer.stop()
    assert window.tools.use_shared_database(url)
    window._review_timer.stop()
    assert window.db == url and window.tracker_widget.db == url
    assert "s3cret" not in window.messages[-1] and "officer:***@db.force.local" in window.messages[-1]
    again = MainWindow(window.settings, interactive=False)
    qtbot.addWidget(again)
    assert again.db == url
    window.state.plan_path = tmp_path / "plan.xlsx"
    assert window.state.request().db == url  # the library gets the address as it is
