"""The window's menu bar: every action with its shortcut and status tip, connected to the window's slots (the
parts behind the plan, Tools and Help items are built when first chosen: :mod:`pccdesk.ui.late_parts`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


def _action(window: QMainWindow, menu: QMenu, text: str, slot: Any, shortcut: Any = None, tip: str = "") -> QAction:
    act = QAction(text, window)
    if shortcut is not None:
        act.setShortcut(QKeySequence(shortcut))
    if tip:
        act.setStatusTip(tip)
    act.triggered.connect(slot)
    menu.addAction(act)
    return act


def _show_problems(w: Any) -> None:
    """The Problems tab with the keyboard in its list: the focus was in the Review tab just hidden, so Qt moved it
    to the next control of the window (the Force field) and the list could only be reached by a dozen Tabs."""
    w.tabs.setCurrentIndex(1)
    view = w.problem_view
    if not view.currentIndex().isValid() and view.model().rowCount():
        view.setCurrentIndex(view.model().index(0, 0))
    view.setFocus(Qt.FocusReason.ShortcutFocusReason)


def _about(w: Any) -> None:
    from pccdesk.ui import dialogs  # built when first asked for, not before the window's first paint

    dialogs.show_about(w)


def build_menus(w: Any) -> QAction:
    """File, Review, Plan, Tools and Help for the main window ``w``; returns the Build pack action (enabled
    and disabled with the Build button)."""
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    _action(w, file_menu, "&Open plan…", lambda: w.plans.choose_plan(), QKeySequence.StandardKey.Open,
            "Choose the plan's indicator definitions workbook")
    _action(w, file_menu, "&Add files…", w.choose_files, "Ctrl+Shift+O", "Add the force's spreadsheets")
    _action(w, file_menu, "&Inbox folder…", w.choose_inbox, None, "Watch a folder for new spreadsheets")
    file_menu.addSeparator()
    _action(w, file_menu, "New &return template…", lambda: w.tools.new_return_template(), None,
            "Write the return workbook to send to the force")
    _action(w, file_menu, "New &plan…", lambda: w.tools.new_plan(), None, "Write a blank indicator definitions workbook")
    file_menu.addSeparator()
    build_action = _action(w, file_menu, "&Build pack…", w.choose_pack_path, QKeySequence.StandardKey.Save,
                           "Build the panel pack")
    file_menu.addSeparator()
    _action(w, file_menu, "&Quit", w.close, QKeySequence.StandardKey.Quit)

    review_menu = bar.addMenu("&Review")
    _action(w, review_menu, "&Check again", w.check_again, "F5", "Read every file again and check it")
    _action(w, review_menu, "&Find…", w.focus_search, QKeySequence.StandardKey.Find)
    _action(w, review_menu, "Only &Red", lambda: w.only_red.toggle(), "Ctrl+1")
    _action(w, review_menu, "Only with &problems", lambda: w.only_problems.toggle(), "Ctrl+2")
    _action(w, review_menu, "Sho&w problems", lambda: _show_problems(w), "Ctrl+3")

    plan_menu = bar.addMenu("&Plan")
    _action(w, plan_menu, "Open plan in &Excel", lambda: w.plans.open_in_excel(), "Ctrl+E")
    _action(w, plan_menu, "&Reload plan", lambda: w.plans.reload_plan(), "Ctrl+R")

    tools = bar.addMenu("&Tools")
    _action(w, tools, "&Check the history database", lambda: w.tools.check_database(), None,
            "Check the history database for damage")
    _action(w, tools, "&Back up the history database…", lambda: w.tools.backup_database(), None,
            "Save a copy of the history database")
    _action(w, tools, "&Export every stored figure…", lambda: w.tools.export_database(), None,
            "Write every figure in the history database to a CSV file")
    _action(w, tools, "&Remove a stored return…", lambda: w.tools.remove_stored_return(), None,
            "Take a return stored under the wrong quarter out of the history (a record is kept)")
    _action(w, tools, "Use another history &database…", lambda: w.tools.choose_database(), None,
            "Use a history database file, e.g. on the team drive")
    _action(w, tools, "Use a &shared history database (server)…", lambda: w.tools.choose_shared_database(), None,
            "Use the team's history on the force's database server (a postgresql:// address from IT)")

    help_menu = bar.addMenu("&Help")
    _action(w, help_menu, "&User guide", w.open_user_guide, QKeySequence.StandardKey.HelpContents)
    _action(w, help_menu, "&About pccdesk", lambda: _about(w))
    return build_action
