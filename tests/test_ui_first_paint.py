"""The app's window paints before the library is imported: opening it needs neither the pack's writer, nor the
readers' spreadsheet engines, nor the library API (they load on first use, after the window is on screen); nor
the history store, the figures' rules or the parts of the window nobody sees at first (the Tracker tab's
contents, the Tools menu's actions, dialogs: ``pccdesk/ui/late_parts.py``)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

#: What the first paint must not wait for: the library API (which pulls in every reader and writer),
#: the importer, the pack's workbook writer and the spreadsheet engines.
NOT_BEFORE_FIRST_PAINT = ("pccdesk.panel_pack", "pccdesk.indicators.force_tables", "pccdesk.writers.pack_workbook",
                          "xlsxwriter", "python_calamine", "openpyxl")


#: What the window builds or imports only when first used, after its first paint.
NOT_SHOWN_AT_FIRST = ("pccdesk.store.history_store", "pccdesk.indicators.assessment", "pccdesk.indicators.status_rules",
                      "pccdesk.spc", "pccdesk.ui.tracker_tab", "pccdesk.ui.tools_menu", "pccdesk.ui.dialogs",
                      "pccdesk.ui.pack_build", "platformdirs", "pccdesk.store.engines", "sqlite3")

#: Open the window as the app does and take the modules loaded once its first paint is done (as bench/cases.py
#: measures it: a zero timer posted from the first paint event, which comes before what the window defers).
OPEN_WINDOW = """
from PySide6.QtCore import QEvent, QObject, QTimer
from pccdesk.ui.app import application, open_window
app = application()
window = open_window(interactive=False)
painted = set()
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if watched is window and event.type() == QEvent.Type.Paint:
            window.removeEventFilter(self)
            QTimer.singleShot(0, lambda: painted.update(sys.modules))
        return False
spy = FirstPaint()
window.installEventFilter(spy)
window.show()
while not painted:
    app.processEvents()
loaded = painted
"""


def _imported_after(module: str, names: tuple[str, ...] = NOT_BEFORE_FIRST_PAINT, then: str = "") -> set[str]:
    code = (f"import sys\nimport {module}\nloaded = set()\n{then}\nloaded = loaded or set(sys.modules)\n"
            f"print('\\n'.join(m for m in {names!r} if m in loaded))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return set(done.stdout.split())


@pytest.mark.parametrize("module", ["pccdesk.ui.main_window", "pccdesk.ui.app"])
def test_opening_the_window_imports_no_reader_writer_or_library_api(module: str) -> None:
    assert _imported_after(module) == set()


def test_the_window_is_shown_without_the_store_the_rules_or_what_is_not_on_screen() -> None:
    assert _imported_after("pccdesk.ui.app", NOT_BEFORE_FIRST_PAINT + NOT_SHOWN_AT_FIRST, OPEN_WINDOW) == set()


def test_the_tracker_tab_is_built_after_the_first_paint_and_read_when_shown(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from pccdesk.ui.app_settings import AppSettings
    from pccdesk.ui.main_window import MainWindow

    history = tmp_path / "history.sqlite"
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, db=history, interactive=False)
    qtbot.addWidget(window)
    window.show()
    assert not window.tracker_page.built  # nothing of it before the first paint
    qtbot.waitUntil(lambda: window.tracker_page.built)
    needs = window.tracker_page.build().minimumSizeHint()  # the tabs are never narrower than the tracker needs
    assert window.tabs.minimumSizeHint().width() >= needs.width() and window.tabs.minimumSizeHint().height() >= needs.height()
    assert not history.exists()  # built, but the history is not read (nor created) until the tab is shown
    window.tabs.setCurrentIndex(2)
    assert window.tracker_widget.isVisible() and window.tracker_widget.db == history and history.exists()


def test_the_check_sees_a_heavy_import() -> None:
    """The check above can fail: importing the library API is seen."""
    assert _imported_after("pccdesk.panel_pack") >= {"pccdesk.panel_pack", "pccdesk.indicators.force_tables"}
