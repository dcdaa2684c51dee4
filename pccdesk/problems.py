"""Typed problems found in the inputs, and the one error type for unreadable input.

Every problem carries a stable code, a severity, a location (file, sheet, cell)
and a plain-English message. The CLI prints them, the app lists them and the
pack's ``DataQuality`` table holds them: one mechanism for all three.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Location:
    """Where a value or problem lives: a file, optionally a sheet and a cell (``E12``)."""

    file: str = ""
    sheet: str = ""
    cell: str = ""

    @classmethod
    def of(cls, file: str | Path, sheet: str = "", cell: str = "") -> Location:
        return cls(Path(file).name if file else "", sheet, cell)

    @property
    def sheet_cell(self) -> str:
        """``Sheet!E12`` as Excel writes it (quoted when the name needs it)."""
        if not self.sheet:
            return self.cell
        name = self.sheet
        if any(ch in name for ch in " -!'()&,;") or name != name.strip():
            name = "'" + name.replace("'", "''") + "'"
        return f"{name}!{self.cell}" if self.cell else name

    def __str__(self) -> str:
        parts = [p for p in (self.file, self.sheet_cell) if p]
        return ":".join(parts)


@dataclass(frozen=True)
class Problem:
    code: str
    severity: Severity
    message: str
    location: Location = field(default_factory=Location)

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message


def error(code: str, message: str, location: Location | None = None) -> Problem:
    return Problem(code, Severity.ERROR, message, location or Location())


def warning(code: str, message: str, location: Location | None = None) -> Problem:
    return Problem(code, Severity.WARNING, message, location or Location())


def info(code: str, message: str, location: Location | None = None) -> Problem:
    return Problem(code, Severity.INFO, message, location or Location())


class PccdeskError(Exception):
    """Input that cannot be used at all: always says where and why, in plain English."""

    def __init__(self, message: str, location: Location | None = None, code: str = "unreadable-input"):
        self.message = message
        self.location = location or Location()
        self.code = code
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message

    def as_problem(self) -> Problem:
        return Problem(self.code, Severity.ERROR, self.message, self.location)


class ProblemsFound(PccdeskError):
    """A file that was read but is unusable as a whole (e.g. a definitions workbook with errors)."""

    def __init__(self, problems: list[Problem], summary: str, location: Location | None = None):
        self.problems = problems
        super().__init__(summary, location, code="invalid-file")


class ProblemList(list[Problem]):
    """A list of problems with the counts and ordering the report views need."""

    def add(self, problem: Problem) -> None:
        self.append(problem)

    def extend_from(self, problems: Iterable[Problem]) -> None:
        self.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.WARNING]

    def has_errors_or_warnings(self) -> bool:
        return any(p.severity is not Severity.INFO for p in self)

    def sorted(self) -> Iterator[Problem]:
        return iter(sorted(self, key=lambda p: (p.severity.rank, p.location.file, p.location.sheet)))
