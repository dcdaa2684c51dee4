"""Typed problems found in the inputs, the registry of their codes, and the one error type for unreadable input.

Every problem carries a stable code, a severity, a location (file, sheet, cell)
and a plain-English message. The CLI prints them, the app lists them and the
pack's ``DataQuality`` table holds them: one mechanism for all three.

Every code is declared once as a :class:`ProblemCode` (its severity, a short
plain-English title and a longer description), as frictionless-py declares one
class per error. Features declare their own codes in their own package
(``pccdesk/crime/codes.py`` and so on): creating a ``ProblemCode`` registers it
here, so this module never imports a feature and a new feature never edits it.
The UI and the tests compare codes, never message strings; a test fails when a
code is emitted anywhere without being declared.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from dataclasses import field
from pathlib import Path

from pccdesk.records import record


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@record(frozen=True)
class ProblemCode:
    """One kind of problem: its stable code, the severity it is normally raised at, and what it means.

    It compares and prints as its code, so ``problem.code == CRIME_SUM`` and
    ``problem.code == "crime-sum"`` say the same thing. ``template`` (optional)
    is a message with ``{named}`` fields for :meth:`message`; most codes build
    their message where the facts are known and use the title as the summary.
    """

    code: str
    severity: Severity
    title: str
    description: str = ""
    template: str = ""

    def __post_init__(self) -> None:
        _register(self)

    def __str__(self) -> str:
        return self.code

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ProblemCode):
            return self.code == other.code
        if isinstance(other, str):
            return self.code == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.code)

    def message(self, **fields: object) -> str:
        """The template filled in (the title when the code has no template)."""
        return (self.template or self.title).format(**fields)

    def problem(self, message: str, location: Location | None = None) -> Problem:
        """A problem of this code at its declared severity."""
        return Problem(self.code, self.severity, message, location or Location())


_REGISTRY: dict[str, ProblemCode] = {}


def _register(code: ProblemCode) -> None:
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", code.code):
        raise ValueError(f"problem code {code.code!r} must be lower-case words joined by hyphens")
    known = _REGISTRY.get(code.code)
    if known is not None and (known.severity, known.title) != (code.severity, code.title):
        raise ValueError(f"problem code {code.code!r} is declared twice, differently")
    _REGISTRY[code.code] = code


def registered_codes() -> dict[str, ProblemCode]:
    """Every code declared so far (a feature's codes are declared when its ``codes`` module is imported)."""
    return dict(_REGISTRY)


def lookup(code: str) -> ProblemCode | None:
    """The declaration of ``code``, or None when no imported module declares it."""
    return _REGISTRY.get(str(code))


CodeLike = ProblemCode | str


@record(frozen=True)
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


@record(frozen=True)
class Problem:
    code: str
    severity: Severity
    message: str
    location: Location = field(default_factory=Location)

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message


def error(code: CodeLike, message: str, location: Location | None = None) -> Problem:
    return Problem(str(code), Severity.ERROR, message, location or Location())


def warning(code: CodeLike, message: str, location: Location | None = None) -> Problem:
    return Problem(str(code), Severity.WARNING, message, location or Location())


def info(code: CodeLike, message: str, location: Location | None = None) -> Problem:
    return Problem(str(code), Severity.INFO, message, location or Location())


def sort_key(problem: Problem) -> tuple[int, str, str]:
    """The order every list of problems is shown in: errors first, then by file and sheet."""
    return (problem.severity.rank, problem.location.file, problem.location.sheet)


class PccdeskError(Exception):
    """Input that cannot be used at all: always says where and why, in plain English."""

    def __init__(self, message: str, location: Location | None = None, code: CodeLike | None = None):
        self.message = message
        self.location = location or Location()
        self.code = str(code or UNREADABLE_INPUT)
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
        super().__init__(summary, location, code=INVALID_FILE)


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
        return iter(sorted(self, key=sort_key))


# --- Codes that belong to no one feature --------------------------------------------------------------------------

UNREADABLE_INPUT = ProblemCode("unreadable-input", Severity.ERROR, "A file could not be used",
                               "The file was found but could not be read as the input it was given as.")
INVALID_FILE = ProblemCode("invalid-file", Severity.ERROR, "A file has errors that stop it being used",
                           "The file was read, but the problems listed with it must be put right first.")
CANCELLED = ProblemCode("cancelled", Severity.ERROR, "Stopped before finishing",
                        "The run was stopped by the user; nothing was written.")
BAD_USAGE = ProblemCode("bad-usage", Severity.ERROR, "A command was given options it cannot use",
                        "An option's value is not one the command accepts; the message says which.")
NO_OUTPUT = ProblemCode("no-output", Severity.ERROR, "No output file was given",
                        "Building a pack needs the name of the workbook to write.")
UNEXPECTED = ProblemCode("unexpected", Severity.ERROR, "Something went wrong that pccdesk did not expect",
                         "A fault in pccdesk rather than in the inputs; the technical details say where.")
TEMPLATES_MISSING = ProblemCode("templates-missing", Severity.ERROR, "The bundled templates are missing",
                                "The installation is incomplete: the templates folder shipped with pccdesk "
                                "was not found.")
