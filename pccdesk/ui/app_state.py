"""The app's state without Qt: inputs and their kinds, plan, period, passwords, review, decisions, problems.

Everything the desktop app knows between two clicks lives here, in plain
Python, so it can be tested without a display: which files are in the list and
what kind each is, which plan and period were chosen, the passwords the user
gave (one :class:`~pccdesk.readers.ReadOptions` handed whole to the library),
the last review and the suggestions waiting for a decision. The window
(:mod:`pccdesk.ui.main_window`) only lays out widgets, copies their values in
here and shows what this object says; the request it hands to the library is
the one ``pccdesk validate`` and ``pccdesk pack`` build from their arguments.

This module must import no Qt (``tests/test_app_state.py`` checks it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pccdesk.indicators.codes import INDICATOR_NO_VALUE
from pccdesk.problems import Location, Problem, Severity
from pccdesk.readers import ReadOptions
from pccdesk.readers.codes import PASSWORD_REQUIRED, UNSAFE_FILE, WRONG_PASSWORD

if TYPE_CHECKING:  # the library itself is imported when it is first used, after the window's first paint
    from pccdesk.indicators.definitions import Plan
    from pccdesk.indicators.return_rows import ReturnReading, Suggestion
    from pccdesk.indicators.status_rules import Status
    from pccdesk.panel_pack import PackRequest, PackResult
    from pccdesk.store.engines import DbLocation

#: What the reader says when a workbook needs a password (none given, or the one given did not open it).
PASSWORD_CODES = (PASSWORD_REQUIRED, WRONG_PASSWORD)
#: The spreadsheets the app accepts (dropped, added or arriving in the inbox folder).
ACCEPTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv", ".txt")
DEFAULT_TITLE = "Delivery of the Police and Crime Plan"
DEFAULT_MARKING = "OFFICIAL"


class FileKind(enum.Enum):
    RETURN = "Return"
    CRIME = "Crime"
    TRACKER = "Tracker"
    #: recognised as a file the pack does not use (workforce tables, an area lookup, NHS figures…): kept in the
    #: list with the reason, read by no reader unless the user chooses a kind
    NOT_USED = "Not used"


class FileState(enum.Enum):
    WAITING = "Waiting (still changing)"
    READING = "Reading…"
    MATCHED = "Matched"
    PROBLEMS = "Problems"
    UNREADABLE = "Cannot be read"
    #: an inbox file whose figures are for another quarter than the one chosen: left out of this pack
    OTHER_PERIOD = "Another quarter"
    #: the limited reading process stopped on it (``unsafe-file``): never read again by itself
    REFUSED = "Refused (unsafe)"
    DONE = "In the pack"


@dataclass
class LoadedFile:
    path: Path
    kind: FileKind = FileKind.RETURN
    state: FileState = FileState.READING
    arrived: dt.datetime | None = None
    detail: str = ""
    from_inbox: bool = False
    #: what the content says the file is ("National crime table: a national table of … for every force area")
    kind_reason: str = ""
    #: the quarter a return's own period texts say its figures cover (after a review), "" when unclear
    covers: str = ""
    #: refused as unsafe by the reading process: left out of every review until the user adds it again
    refused: bool = False


class Decision(enum.Enum):
    PENDING = "To decide"
    ACCEPTED = "Accepted"
    CHANGED = "Changed"
    REJECTED = "Rejected"


@dataclass
class SuggestionItem:
    """A suggested match and what the user decided about it."""

    file: Path
    suggestion: Suggestion
    decision: Decision = Decision.PENDING
    ref: str = ""
    #: a row the importer left unmatched with no suggestion strong enough: listed so that it can be assigned
    #: to any indicator by hand (``suggestion.ref`` is its best candidate, or "")
    unmatched: bool = False

    @property
    def chosen_ref(self) -> str:
        return self.ref or self.suggestion.ref


@dataclass
class Review:
    """What the Review and Problems tabs show: the library's dry run over every input (indicators, crime,
    tracker), as ``pccdesk validate`` sees it."""

    result: PackResult

    @property
    def problems(self) -> list[Problem]:
        return list(self.result.problems)


#: Words in a file name (or a CSV's first line) that mark recorded-crime inputs: data.police.uk files are
#: named ``2018-12-merseyside-street.csv`` and start "Crime ID,Month,Reported by,…".
CRIME_NAME_WORDS = ("crime", "street", "outcomes", "offence")
CRIME_HEADER_WORDS = ("crime id", "crime type", "offence group", "offence code")


_ROLE_KINDS = {"return": FileKind.RETURN, "crime": FileKind.CRIME, "tracker": FileKind.TRACKER,
               "plan": FileKind.NOT_USED, "": FileKind.NOT_USED}


def _is_plan(path: Path) -> bool:
    from pccdesk import input_kinds

    return input_kinds.guess_kind(path).kind is input_kinds.InputKind.PLAN


def recognise(path: Path, options: ReadOptions | None = None) -> tuple[FileKind, str]:
    """The kind of input the file's content says it is (:func:`pccdesk.input_kinds.guess_kind`), with the
    reason to show; when the content cannot tell (a file still arriving, a password not yet given) the
    name decides and the reason says so. The user can change the kind in the list."""
    from pccdesk import input_kinds  # it peeks into the file: imported with the first file added

    guess = input_kinds.guess_kind(path, options)
    if guess.kind is input_kinds.InputKind.UNKNOWN:
        kind = name_guess(path)
        return kind, f"{guess.reason} (taken as {kind.value.lower()} from its name)"
    if guess.kind is input_kinds.InputKind.PLAN:
        return FileKind.NOT_USED, ("the plan's indicator definitions, not an input: choose it as the plan with "
                                   "Choose… above")
    return _ROLE_KINDS[guess.kind.role], f"{guess.kind.value}: {guess.reason}"


def guess_kind(path: Path) -> FileKind:
    """The kind the list shows first (see :func:`recognise`)."""
    return recognise(path)[0]


def name_guess(path: Path) -> FileKind:
    """A guess from the name (and a CSV's heading line), for a file whose content cannot be read yet."""
    name = path.name.lower()
    if "tracker" in name or "recommendation" in name:
        return FileKind.TRACKER
    if "return" in name:
        return FileKind.RETURN
    if any(word in name for word in CRIME_NAME_WORDS):
        return FileKind.CRIME
    if path.suffix.lower() in (".csv", ".txt"):
        try:
            with path.open("rb") as handle:
                first = handle.readline(4096).decode("utf-8", "replace").lower()
        except OSError:
            return FileKind.RETURN
        if any(word in first for word in CRIME_HEADER_WORDS):
            return FileKind.CRIME
    return FileKind.RETURN


#: The library's messages name command-line options; the app says what to do in the window instead (the patterns
#: are compiled when first used, by ``re``'s own cache, not before the window's first paint).
_APP_WORDS = (
    (r"give --period \"([^\"]+)\" \(or, if (.+?) is right after all, --override-period-check\)",
     r'choose \1 ("Use \1" above the tabs), or "Keep \2" if \2 is right after all'),
    (r"\(--password, or (?:the app will ask|when the app asks)\)", "when the app asks"),
    (r"then run again with --accept-suggestions", "then accept or change them on the Problems tab"),
    (r"(?:, )?accepted with --accept-suggestions", " (accept it on the Problems tab)"),
    (r"by --accept-suggestions", "by accepting all suggestions"),
    (r"\(e\.g\. --period \"([^\"]+)\"\)|\(for example --period \"([^\"]+)\"\)",
     r"in Period at the top (e.g. \1\2)"),
    (r"name the one to take with --force", "type its name in Force at the top"),
    (r"name them once with --column ROLE=HEADING", "name them once: give the columns the headings Date and Category in a copy, or ask whoever "
     "supports pccdesk"),
    (r"--override-period-check", '"Keep" on the period bar'),
)


def plain_for_app(message: str) -> str:
    """A library message in the app's words: no command-line option names (`--period`, `--password`…)."""
    for pattern, words in _APP_WORDS:
        message = re.sub(pattern, words, message)
    return message


def unmatched_items(readings: Sequence[ReturnReading]) -> list[SuggestionItem]:
    """Every unmatched row that has no suggestion, with its best candidate (``ReturnRow.candidates``), so the
    officer can assign it to any indicator (the app's answer to a row that silently gives "No data")."""
    from pccdesk.indicators.return_rows import Suggestion

    items: list[SuggestionItem] = []
    for reading in readings:
        suggested = {id(s.row) for s in reading.suggestions if s.row is not None}
        for row in reading.unmatched:
            if id(row) in suggested or not row.label.strip():
                continue
            best = row.candidates[0] if row.candidates else ""
            suggestion = Suggestion(row.label, best, 0.0, row.location, row, source_key=row.source_key,
                                    alternatives=tuple(row.candidates[1:]))
            items.append(SuggestionItem(reading.path, suggestion, unmatched=True))
    return items


def looks_like_plan(path: Path) -> bool:
    """A dropped file that is the plan rather than a return (only asked while no plan is chosen)."""
    name = path.stem.lower()
    return "return" not in name and ("plan" in name or "definition" in name)


def quarters_around(today: dt.date | None = None) -> list[str]:
    """Reporting periods to offer: this financial year's quarters and last year's, latest first."""
    today = today or dt.date.today()
    fy = today.year if today.month >= 4 else today.year - 1
    return [f"{year}-{(year + 1) % 100:02d} Q{q}" for year in (fy, fy - 1) for q in (4, 3, 2, 1)]


def same_file(a: Path, b: Path) -> bool:
    return _norm(a) == _norm(b)


def _norm(path: Path) -> str:
    try:
        return os.path.normcase(str(Path(path).resolve()))
    except OSError:
        return os.path.normcase(str(path))


class Admission(enum.Enum):
    """What to do with a file the user dropped or added."""

    ADD = "add"
    NOT_A_SPREADSHEET = "not a spreadsheet"
    IS_THE_PLAN = "is the plan"
    USE_AS_PLAN = "use as plan"


@dataclass
class PasswordQuestion:
    """A protected file to ask the password of: by its name as problems name it, and whether a wrong one
    was given already."""

    file_name: str
    wrong: bool


@dataclass
class AppState:
    """The app's state; the window copies its fields' values into the plain fields here before each use."""

    #: the history: a SQLite file, or a postgresql:// URL for a history shared on a server; None for the default
    #: one (``PCCDESK_DB``, else the user's data folder), which the library finds as the window does
    db: DbLocation | None
    plan_path: Path | None = None
    plan: Plan | None = None
    plan_problems: list[Problem] = field(default_factory=list)
    period: str = ""
    force: str = ""
    meeting_date: str = ""
    title: str = ""
    marking: str = DEFAULT_MARKING
    include_tracker: bool = False
    #: write the accessible HTML copy beside the pack (same name, .html)
    html_copy: bool = False
    files: list[LoadedFile] = field(default_factory=list)
    read_options: ReadOptions = field(default_factory=ReadOptions)
    review: Review | None = None
    suggestions: list[SuggestionItem] = field(default_factory=list)
    last_pack: Path | None = None
    #: protected files already asked about in this round (Review ▸ Check again clears it)
    asked_password_for: set[str] = field(default_factory=set)
    #: the user chose "keep this period" although the returns' texts say another quarter (recorded in history)
    override_period_check: bool = False

    # --- inputs ------------------------------------------------------------------------------------------------
    def find_file(self, path: Path) -> int:
        return next((i for i, f in enumerate(self.files) if same_file(f.path, path)), -1)

    def admit(self, path: Path) -> Admission:
        """Whether a dropped or added file goes into the list, is the plan, or is not for pccdesk."""
        if path.suffix.lower() not in ACCEPTED_SUFFIXES:
            return Admission.NOT_A_SPREADSHEET
        if self.plan_path is not None and path == self.plan_path:
            return Admission.IS_THE_PLAN
        if self.plan_path is None and (looks_like_plan(path) or (path.is_file() and _is_plan(path))):
            return Admission.USE_AS_PLAN
        return Admission.ADD

    def files_of_kind(self, kind: FileKind, *, ready_only: bool = True) -> list[Path]:
        """The files of ``kind``, leaving out those still arriving in the inbox folder and inbox returns whose
        figures are for another quarter (the inbox holds last quarter's files too)."""
        return [f.path for f in self.files if f.kind is kind and not (ready_only and f.state is FileState.WAITING)
                and not (ready_only and self.for_another_period(f)) and not f.refused]

    def note_refusals(self, problems: Sequence[Problem]) -> None:
        """Files the reading process refused as unsafe are marked and left out from now on: a file that
        exhausted the reader's memory or time is not read again by itself (nor when it reappears in the inbox)."""
        refused = {p.location.file: p.message for p in problems if p.code == UNSAFE_FILE.code and p.location.file}
        for f in self.files:
            if f.path.name in refused:
                f.refused, f.state = True, FileState.REFUSED
                f.detail = (f"{refused[f.path.name]}\nIt will not be read again by itself: ask the sender to save it "
                            "again from Excel, then remove it and add the new copy.")

    def for_another_period(self, f: LoadedFile) -> bool:
        """An inbox return attached to the quarter it covers, which is not the one chosen."""
        return f.from_inbox and f.kind is FileKind.RETURN and bool(f.covers) and bool(self.period) \
            and f.covers != self.period

    def path_of(self, location: Location) -> Path | None:
        """The file a problem points at, among the plan and the listed files (problems name files by name)."""
        if self.plan_path is not None and self.plan_path.name == location.file:
            return self.plan_path
        return next((f.path for f in self.files if f.path.name == location.file), None)

    # --- the request the library gets -------------------------------------------------------------------------
    def request(self, out: Path | None = None) -> PackRequest:
        """The same request the CLI builds from its arguments (``pccdesk validate`` / ``pccdesk pack``)."""
        if self.plan_path is None:
            raise ValueError("no plan has been chosen")
        from pccdesk.panel_pack import PackRequest

        tracker_files = self.files_of_kind(FileKind.TRACKER)
        return PackRequest(
            definitions=self.plan_path, returns=self.files_of_kind(FileKind.RETURN), out=out,
            period=self.period or None, db=self.db, meeting_date=self.meeting_date, marking=self.marking or
            DEFAULT_MARKING, title=self.title or DEFAULT_TITLE, crime_files=self.files_of_kind(FileKind.CRIME),
            force=self.force or None, tracker_files=tracker_files,
            include_tracker=self.include_tracker or bool(tracker_files), read_options=self.read_options,
            override_period_check=self.override_period_check,
            html=out.with_suffix(".html") if self.html_copy and out is not None else None)

    def build_blocker(self) -> str:
        """Why a pack (or a return template) cannot be written yet, in a sentence; empty when it can."""
        if self.plan_path is None or self.plan is None:
            return "Choose the plan first (File ▸ Open plan…)."
        if not self.period:
            return "Choose the reporting period at the top first."
        return ""

    # --- the plan ----------------------------------------------------------------------------------------------
    def plan_loaded(self, plan: Plan) -> None:
        self.plan = plan
        self.plan_problems = list(plan.warnings)

    def plan_failed(self, problems: Sequence[Problem]) -> None:
        self.plan = None
        self.plan_problems = list(problems)
        self.review = None
        self.suggestions = []

    # --- the review --------------------------------------------------------------------------------------------
    def start_reading(self) -> None:
        for f in self.files:
            if f.state is not FileState.WAITING and not f.refused:
                f.state = FileState.READING

    def reviewed(self, review: Review) -> list[Problem]:
        """Take a review in; returns the problems to show (the plan's first)."""
        from pccdesk.indicators.period_check import covered_period

        self.review = review
        result = review.result
        problems = self.plan_problems + review.problems
        if not result.readings:
            problems = [p for p in problems if p.code != INDICATOR_NO_VALUE]  # noise before any return is in
        self.suggestions = [SuggestionItem(r.path, s) for r in result.readings for s in r.suggestions]
        self.suggestions += unmatched_items(result.readings)
        covered = {r.path.name: c.quarter for r in result.readings
                   if (c := covered_period(r)) is not None and c.clear}
        for f in self.files:
            f.covers = covered.get(f.path.name, f.covers)
        if result.period and not self.period:
            self.period = result.period
        self.update_file_states(review.problems, {r.path.name for r in result.readings})
        return problems

    def review_failed(self, problems: Sequence[Problem]) -> list[Problem]:
        """The review stopped (no period, an unreadable plan…); returns the problems to show."""
        self.review = None
        for f in self.files:
            if f.state is FileState.READING:
                f.state = FileState.PROBLEMS
        self.note_refusals(problems)
        return self.plan_problems + list(problems)

    def built(self, result: PackResult) -> list[Problem]:
        """A pack was written: its inputs are in it; returns the problems to show."""
        self.last_pack = result.out
        for f in self.files:
            if f.state in (FileState.MATCHED, FileState.PROBLEMS):
                f.state = FileState.DONE
        self.review = Review(result)
        return self.plan_problems + result.problems

    def update_file_states(self, problems: Sequence[Problem], read_returns: set[str]) -> None:
        """Each file's state and the first problems about it (shown as its tooltip)."""
        by_file: dict[str, list[Problem]] = {}
        for p in problems:
            by_file.setdefault(p.location.file, []).append(p)
        for f in self.files:
            if f.state is FileState.WAITING or f.refused:
                continue
            if self.for_another_period(f):
                f.state, f.detail = FileState.OTHER_PERIOD, f"Its figures are for {f.covers}: left out of {self.period}."
                continue
            mine = [p for p in by_file.get(f.path.name, []) if p.severity is not Severity.INFO]
            if f.kind is FileKind.RETURN and f.path.name not in read_returns:
                f.state = FileState.UNREADABLE
            elif mine:
                f.state = FileState.PROBLEMS
            elif f.state is not FileState.DONE:
                f.state = FileState.MATCHED
            f.detail = "\n".join(p.message for p in mine[:5])
        self.note_refusals(problems)

    def period_fix(self) -> tuple[str, str] | None:
        """(the quarter the returns cover, the quarter chosen) when the review refused the period as a mismatch
        and the returns agree on one quarter: what the one-click "use …" offers."""
        if self.review is None or self.override_period_check:
            return None
        from pccdesk.indicators.period_check import MISMATCH, suggested_period

        if not any(p.code == MISMATCH.code for p in self.review.problems):
            return None
        quarter = suggested_period(self.review.result.readings)
        return (quarter, self.period) if quarter and quarter != self.period else None

    def status_counts(self) -> dict[Status, int]:
        from pccdesk.indicators.status_rules import Status

        counts = {s: 0 for s in Status}
        if self.review is not None:
            for r in self.review.result.results:
                if not r.is_heading:
                    counts[r.status] += 1
        return counts

    def severity_counts(self) -> tuple[int, int]:
        """(errors, warnings) of the last review."""
        problems = self.review.problems if self.review is not None else []
        return (sum(1 for p in problems if p.severity is Severity.ERROR),
                sum(1 for p in problems if p.severity is Severity.WARNING))

    # --- passwords ---------------------------------------------------------------------------------------------
    def password_question(self, problems: Sequence[Problem]) -> PasswordQuestion | None:
        """The protected file to ask about, if any: each is asked once per round, and again when the password
        given did not open it. The question is marked as asked."""
        for p in problems:
            if p.code not in PASSWORD_CODES:
                continue
            if p.code == WRONG_PASSWORD or p.location.file not in self.asked_password_for:
                self.asked_password_for.add(p.location.file)
                return PasswordQuestion(p.location.file, p.code == WRONG_PASSWORD)
        return None

    def give_password(self, file_name: str, password: str) -> None:
        """Remember the password for that file (by its path when it is in the app; otherwise for every file of
        the run, as ``--password`` does). Kept in memory only, never saved."""
        path = self.path_of(Location(file_name))
        if path is None:
            self.read_options = dataclasses.replace(self.read_options, password=password)
        else:
            self.read_options = self.read_options.with_password(path, password)

    def ask_passwords_again(self) -> None:
        self.asked_password_for.clear()

    def decide(self, item: SuggestionItem, decision: Decision, ref: str | None = None) -> str:
        """Accept, change (to ``ref``) or reject a suggested match, remembered in the mapping profile so the
        next check applies it; returns the sentence to show (empty when the suggestion is no longer in the
        review). Raises PccdeskError or sqlite3.Error when it cannot be saved."""
        from pccdesk.store.engines import default_db_path
        from pccdesk.ui.match_decisions import assign_unmatched, save_decision  # the store: on first use

        chosen = None if decision is Decision.REJECTED else (ref or item.suggestion.ref)
        reading = self.reading_of(item)
        if reading is None or self.review is None or (chosen is not None and not chosen):
            return ""
        if item.unmatched and chosen is not None and item.suggestion.row is not None:
            assign_unmatched(self.db or default_db_path(), reading, item.suggestion.row, self.review.result.plan, chosen)
        else:
            save_decision(self.db or default_db_path(), reading, item.suggestion, self.review.result.plan, chosen)
        item.decision = decision
        item.ref = chosen or ""
        what = f"matched to {chosen}" if chosen else "not an indicator"
        return f'"{item.suggestion.label}" {what}; remembered for this layout of return. Checking again.'

    # --- decisions on suggestions ------------------------------------------------------------------------------
    def reading_of(self, item: SuggestionItem) -> ReturnReading | None:
        """The reading the suggestion came from (the decision is remembered against its layout)."""
        if self.review is not None:
            for reading in self.review.result.readings:
                if reading.path == item.file and (item.suggestion in reading.suggestions or (
                        item.unmatched and item.suggestion.row in reading.unmatched)):
                    return reading
        return None
