"""Files that ship with pccdesk: the templates folder, the README (the app's user guide) and the icon.

They sit beside the package in a clone and inside the bundle when frozen by
PyInstaller (``sys._MEIPASS``); every caller asks here so that the two places
are known once.
"""

from __future__ import annotations

import sys
from dataclasses import field
from pathlib import Path

from pccdesk.problems import TEMPLATES_MISSING, PccdeskError
from pccdesk.records import record

_CLONE = Path(__file__).resolve().parents[1]


def _bundle_root() -> Path | None:
    return Path(getattr(sys, "_MEIPASS", "")) if getattr(sys, "frozen", False) else None


def _first_existing(*candidates: Path | None) -> Path | None:
    return next((p for p in candidates if p is not None and p.exists()), None)


def templates_dir() -> Path:
    """The bundled templates/ folder."""
    bundle = _bundle_root()
    found = _first_existing(bundle / "templates" if bundle else None, _CLONE / "templates")
    if found is None:
        raise PccdeskError("the bundled templates folder is missing", code=TEMPLATES_MISSING)
    return found


def readme_path() -> Path | None:
    """The README, whose user-guide section the app shows as its help."""
    bundle = _bundle_root()
    return _first_existing(bundle / "README.md" if bundle else None, _CLONE / "README.md")


def icon_path() -> Path | None:
    """The window icon: bundled beside the frozen program, or the installer's copy in a clone."""
    bundle = _bundle_root()
    return _first_existing(bundle / "icons" / "pccdesk.ico" if bundle else None, _CLONE / "installer" / "pccdesk.ico")


@record(frozen=True)
class ExampleInputs:
    """The bundled example: plan, returns, crime and tracker files and the quarter they are for."""

    plan: Path
    period: str
    returns: list[Path] = field(default_factory=list)
    crime: list[Path] = field(default_factory=list)
    tracker: list[Path] = field(default_factory=list)

    @property
    def all_files(self) -> list[Path]:
        return sorted(self.returns + self.crime + self.tracker)


def example_inputs() -> ExampleInputs:
    from pccdesk.examples import EXAMPLE_PERIOD

    templates = templates_dir()
    examples = templates / "examples"

    def files(pattern: str) -> list[Path]:
        return sorted(p for p in examples.glob(pattern) if not p.name.startswith("~$"))

    return ExampleInputs(templates / "example-plan.xlsx", EXAMPLE_PERIOD, files("*return*.xlsx"),
                         files("*crime*.xlsx"), files("*tracker*.xlsx"))
