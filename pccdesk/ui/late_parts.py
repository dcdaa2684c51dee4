"""The parts of the main window that nobody sees at first: built when first used, not before the first paint.

Opening the window should cost little more than an empty Qt window (``bench/cases.py``'s ``qt-app`` against
``qt-empty``). What the officer sees at once — the menus, the plan bar, the files, the Review tab — is built
before the window is shown; these parts are not on screen until asked for, so they are built on first use:

- the Tracker tab's contents, when the tab is first shown (or the window first asks for them); it reads the
  history database, which on a team drive can take a moment;
- the actions behind the plan bar and the File, Plan and Tools menus (loading a plan, building the pack, the
  templates and database tools), each with the library code it needs, when first chosen.

Each is ready before the user can reach it: a menu item or button builds its part when it is chosen, and the
Tracker page builds its contents while it is being shown, before it is painted, so no empty page flashes.
Rejected: building them from a zero timer after ``show()`` — Qt runs posted events before it exposes the
window, so that work would still come before the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
    """The Tracker tab's page: empty until first shown, then holding the :class:`TrackerTab` over the history
    database of ``window`` (the main window: its ``db``, and ``tell`` for the tab's messages)."""

    def __init__(self, window: Any) -> None:
        super().__init__()
        self.window_ = window
        self._tracker: TrackerTab | None = None
        self.setAccessibleName("Tracker")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._tracker is not None

    def tracker(self) -> TrackerTab:
        """The tracker tab, built now if it has not been yet."""
        if self._tracker is None:
            from pccdesk.ui.tracker_tab import TrackerTab

            self._tracker = tracker = TrackerTab(db=self.window_.db)
            tracker.message.connect(self.window_.tell)
            make_controls_friendly(tracker)  # as the window's other controls
            self._layout.addWidget(tracker)
            if self.isVisible():
                tracker.show()
        return self._tracker

    def reload(self) -> None:
        """Read the window's history database again; not built yet, it reads it when first shown."""
        if self._tracker is not None:
            self._tracker.set_db(self.window_.db)

    def showEvent(self, event: QShowEvent) -> None:
        """Shown for the first time: build the contents before the page is painted."""
        self.tracker()
        super().showEvent(event)
