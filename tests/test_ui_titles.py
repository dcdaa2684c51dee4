"""Window titles end with the application's name, so the window manager shows it once.

Qt adds " — <display name>" to every window title that does not already end with it (on Windows and X11
alike), so the main window once read "pccdesk — Police and Crime Panel pack — pccdesk".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from pccdesk.ui.app_settings import AppSettings
from pccdesk.ui.main_window import MainWindow
from pccdesk.ui.user_guide import guide_dialog


def test_every_top_level_title_names_the_app_once(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    name = "pccdesk"  # the display name pccdesk.ui.app.application() gives the running app
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, db=tmp_path / "h.sqlite", interactive=False)
    qtbot.addWidget(window)
    guide = guide_dialog(window)
    for title in (window.windowTitle(), guide.windowTitle()):
        assert title.endswith(f" — {name}") and title.count(name) == 1, title
