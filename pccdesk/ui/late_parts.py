"""The parts of the main window that nobody sees at first: built when first used, not before the first paint.

Opening the window should cost little more than an empty Qt window (``bench/cases.py``'s ``qt-app`` against
``qt-empty``). What the officer sees at once — the menus, the plan bar, the files, the Review tab — is built
before the window is shown; these parts are not on screen until asked for, so they are built on first use:

- the keyboard set-up of every control (focus by Tab, tables left by Tab, tooltips read out), which walks
  every widget and changes nothing on screen, just after the first paint;
- the Tracker tab's contents, just after the first paint (so the window's minimum size is as it always was),
  and its reading of the history database, which on a team drive can take a moment, when the tab is first
  shown (or the window first asks for it);
- the actions behind the plan bar and the File, Plan and Tools menus (loading a plan, building the pack, the
  templates and database tools), each with the library code it needs, when first chosen.

Each is ready before the user can reach it: a menu item or button builds its part when it is chosen, and the
Tracker page builds and reads while it is being shown, before it is painted, so no empty page flashes.
"Just after the first paint" is a zero timer posted from the window's first paint event
(:func:`after_first_paint`). Rejected: a zero timer posted after ``show()`` — Qt runs posted events before it
exposes the window, so that work would still come before the first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from pccdesk.ui.keyboard import make_controls_friendly

if TYPE_CHECKING:
    from pccdesk.ui.pack_build import PackBuilder
    from pccdesk.ui.plan_loader import PlanLoader
    from pccdesk.ui.tools_menu import ToolsMenu
    from pccdesk.ui.tracker_tab import TrackerTab


def tools_menu(window: Any) -> ToolsMenu:
    """File ▸ New… and the Tools menu's actions (templates, history database)."""
    from pccdesk.ui.tools_menu import ToolsMenu

    return ToolsMenu(window)


def plan_loader(window: Any) -> PlanLoader:
    """Choosing, loading, reloading and opening the plan."""
    from pccdesk.ui.plan_loader import PlanLoader

    return PlanLoader(window)


def pack_builder(window: Any) -> PackBuilder:
    """File ▸ Build pack."""
    from pccdesk.ui.pack_build import PackBuilder

    return PackBuilder(window)


class TrackerPage(QWidget):
    """The Tracker tab's page: empty at first; the :class:`TrackerTab` over the history database of ``window``
    (the main window: its ``db``, and ``tell`` for the tab's messages) is built just after the first paint
    (:meth:`build`, so the window's minimum size is what it always was) and reads the history when the tab is
    first shown (:meth:`tracker`)."""

    def __init__(self, window: Any) -> None:
        super().__init__()
        self.window_ = window
        self._tracker: TrackerTab | None = None
        self._read = False
        self.setAccessibleName("Tracker")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._tracker is not None

    def build(self) -> TrackerTab:
        """The tab's controls, without reading the history yet."""
        if self._tracker is None:
            from pccdesk.ui.tracker_tab import TrackerTab

            self._tracker = tracker = TrackerTab(db=self.window_.db, read=False)
            tracker.message.connect(self.window_.tell)
            make_controls_friendly(tracker)  # as the window's other controls
            self._layout.addWidget(tracker)
            if self.isVisible():
                tracker.show()
        return self._tracker

    def tracker(self) -> TrackerTab:
        """The tracker tab, built and read now if it has not been yet."""
        tracker = self.build()
        if not self._read:
            self._read = True
            tracker.reload()
        return tracker

    def reload(self) -> None:
        """The window's history database changed: read it again (when it has been read at all)."""
        if self._tracker is None:
            return
        if self._read:
            self._tracker.set_db(self.window_.db)
        else:
            self._tracker.db = self.window_.db

    def showEvent(self, event: QShowEvent) -> None:
        """Shown for the first time: build and read before the page is painted."""
        self.tracker()
        super().showEvent(event)


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, then: Callable[[], object]) -> None:
        super().__init__(window)
        self.window_, self.then = window, then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window_ and event.type() == QEvent.Type.Paint:
            self.window_.removeEventFilter(self)
            QTimer.singleShot(0, self.window_, self.then)  # after this paint has finished and reached the screen
            self.deleteLater()
        return False


def after_first_paint(window: QWidget, then: Callable[[], object]) -> None:
    """Call ``then`` once the window has been painted for the first time (from the event loop, just after it)."""
    window.installEventFilter(_FirstPaint(window, then))


def finish_after_first_paint(window: Any) -> None:
    """What the main window finishes at once after its first paint (long before anyone can press a key):
    its controls made keyboard-friendly (a walk over every widget that changes nothing on screen) and the
    Tracker tab's controls built (it reads the history when first shown)."""

    def finish() -> None:
        make_controls_friendly(window)
        window.tracker_page.build()

    after_first_paint(window, finish)
