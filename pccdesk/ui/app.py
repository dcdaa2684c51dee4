"""Starting the desktop app: ``pccdesk``, ``pccdesk app`` and ``make app`` all end here.

Qt 6 follows the system's light or dark palette and its display scaling by
itself, so the app sets neither; the only fixed colours are the pack's
colour-blind-safe status fills, always shown with the status word and symbol.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from pccdesk import __version__
from pccdesk.resources import example_inputs, icon_path
from pccdesk.ui.app_settings import AppSettings
from pccdesk.ui.main_window import MainWindow

log = logging.getLogger("pccdesk.ui")


def application() -> QApplication:
    """The one QApplication (created on first use)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("pccdesk")
    app.setOrganizationName("pccdesk")
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName("pccdesk")
    icon = icon_path()
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))
    return app


def open_window(*, example: bool = False, db: str | Path | None = None, settings: AppSettings | None = None,
                interactive: bool = True) -> MainWindow:
    """The main window, loaded with the example when asked (its own history database and no saved settings,
    so trying the example never touches the user's real history or choices)."""
    if example:
        if db is None:
            db = Path(tempfile.mkdtemp(prefix="pccdesk-example-")) / "example-history.sqlite"
        if settings is None:  # a throw-away settings file: the user's saved plan and folders are left alone
            folder = Path(tempfile.mkdtemp(prefix="pccdesk-example-settings-"))
            settings = AppSettings(QSettings(str(folder / "example.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, db=db or None, interactive=interactive)
    if example:
        example_set = example_inputs()
        plan, files, period = example_set.plan, example_set.all_files, example_set.period
        window.period_combo.setCurrentText(period)
        window.set_plan(plan)
        window.add_files(files)
    return window


def initial_size(available: QSize, wanted: QSize = QSize(1360, 860)) -> QSize:
    """The window's first size: what the layout was drawn for, but never more than the screen's free area
    (a 1366×768 laptop, or 1920×1080 at 150 %, which Qt sees as 1280×720)."""
    return QSize(min(wanted.width(), available.width()), min(wanted.height(), available.height()))


def fit_to_screen(window: QWidget) -> None:
    """Size the window to the screen it opens on; on a small screen open it maximised."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        window.resize(1360, 860)
        return
    available = screen.availableGeometry()
    size = initial_size(available.size())
    window.resize(size)
    if size.width() < 1360 or size.height() < 860:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def show_unexpected(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """The last resort for an error nobody caught: a plain message with "Copy details", logged, app kept open."""
    from pccdesk.ui.dialogs import show_error

    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("unexpected error in the app: %s", details)
    show_error(QApplication.activeWindow(), "Something went wrong",
               f"pccdesk met an error it did not expect ({exc_type.__name__}: {exc}); the last action may not have finished. "
               "If it happens again, use \"Copy details\" and send them to whoever supports pccdesk.", details)


def run_app(example: bool = False, db: str | None = None, quit_after_ms: int | None = None) -> int:
    """Open the app and run until it is closed; ``quit_after_ms`` closes it by itself (smoke tests)."""
    app = application()
    previous_hook = sys.excepthook
    sys.excepthook = show_unexpected
    try:
        window = open_window(example=example, db=db)
        fit_to_screen(window)
        window.show()
        if quit_after_ms is not None:
            # Close and quit in one step, with quitting on the last window closed turned off meanwhile: Qt
            # posts that automatic quit as an event, and one left over would end whatever event loop runs
            # next (the next test's, when tests call this).
            def close_and_quit() -> None:
                window.close()
                app.quit()

            quit_on_close = app.quitOnLastWindowClosed()
            app.setQuitOnLastWindowClosed(False)
            QTimer.singleShot(max(quit_after_ms, 0), close_and_quit)
            try:
                app.exec()
            finally:
                app.setQuitOnLastWindowClosed(quit_on_close)
            return 0
        log.info("app started (version %s)", __version__)
        return int(app.exec())
    finally:
        sys.excepthook = previous_hook
