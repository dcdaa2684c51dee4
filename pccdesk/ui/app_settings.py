"""What the app remembers between sessions (QSettings: the registry on Windows, an ini file elsewhere).

Only choices are remembered — the plan's path, the period, folders, the force
name, the marking — never figures or passwords.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from pccdesk.ui.app_state import AppState

KEYS = ("plan", "period", "last_folder", "output_folder", "inbox_folder", "force", "marking", "meeting_date", "recent_periods")


class AppSettings:
    """Typed access to the app's QSettings. Pass a QSettings (tests use an ini file in a temp folder)."""

    def __init__(self, settings: QSettings | None = None, *, remember: bool = True) -> None:
        self.qsettings = settings if settings is not None else QSettings("pccdesk", "pccdesk")
        self.remember = remember

    def text(self, key: str, default: str = "") -> str:
        value: Any = self.qsettings.value(key, default)
        return str(value) if value is not None else default

    def set_text(self, key: str, value: str) -> None:
        if self.remember:
            self.qsettings.setValue(key, value)

    def path(self, key: str) -> Path | None:
        value = self.text(key)
        return Path(value) if value else None

    def set_path(self, key: str, value: Path | None) -> None:
        self.set_text(key, str(value) if value else "")

    def last_folder(self) -> Path:
        folder = self.path("last_folder")
        return folder if folder is not None and folder.is_dir() else Path.home()

    def output_folder(self) -> Path:
        """Where packs, templates and exports were last saved (not where the last input came from)."""
        folder = self.path("output_folder")
        return folder if folder is not None and folder.is_dir() else self.last_folder()

    def recent_periods(self) -> list[str]:
        return [p for p in self.text("recent_periods").split("|") if p]

    def add_recent_period(self, period: str) -> None:
        periods = [period] + [p for p in self.recent_periods() if p != period]
        self.set_text("recent_periods", "|".join(periods[:8]))

    def sync(self) -> None:
        self.qsettings.sync()

    def save_choices(self, state: AppState) -> None:
        """Remember the choices a user makes once a quarter (period, force, and the pack's cover)."""
        self.set_text("period", state.period)
        self.set_text("force", state.force)
        self.set_text("meeting_date", state.meeting_date)
        self.set_text("title", state.title)
        self.set_text("marking", state.marking)
        self.sync()
