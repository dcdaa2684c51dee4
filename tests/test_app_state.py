"""The app's state without Qt: which files go where, what the library is asked, which password is asked for.

This file imports no PySide6, and checks that the state module does not either:
the app's logic must be testable on a machine with no display.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from pccdesk.indicators.definitions import load_definitions
from pccdesk.indicators.return_rows import ReturnReading, Suggestion
from pccdesk.panel_pack import PackRequest, PackResult, check
from pccdesk.problems import Location, PccdeskError, Problem, Severity
from pccdesk.ui.app_state import (
    Admission,
    AppState,
    Decision,
    FileKind,
    FileState,
    LoadedFile,
    Review,
    SuggestionItem,
    quarters_around,
)
from tests.conftest import REPO
from tests.fixtures_protected import PLAN_PASSWORD, protect


def state_with(tmp_path: Path, *files: LoadedFile) -> AppState:
    state = AppState(tmp_path / "history.sqlite", plan_path=tmp_path / "plan.xlsx")
    state.files.extend(files)
    return state


def problem(code: str, file: str, severity: Severity = Severity.ERROR, message: str = "m") -> Problem:
    return Problem(code, severity, message, Location(file))


def test_the_state_module_imports_no_qt() -> None:
    code = ("import sys, pccdesk.ui.app_state, pccdesk.ui.jobs, pccdesk.ui.db_tools; "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "[]"


# --- the request the library gets ------------------------------------------------------------------------------------
def test_request_sends_each_file_by_its_kind_and_leaves_out_files_still_arriving(tmp_path: Path) -> None:
    state = state_with(tmp_path,
                       LoadedFile(tmp_path / "r1.xlsx", FileKind.RETURN),
                       LoadedFile(tmp_path / "crime.csv", FileKind.CRIME),
                       LoadedFile(tmp_path / "r2.xlsx", FileKind.RETURN, FileState.WAITING),
                       LoadedFile(tmp_path / "tracker.xlsx", FileKind.TRACKER))
    state.period, state.force, state.meeting_date = "2015-16 Q1", "Northumbria", "22 September 2015"
    request = state.request(out=tmp_path / "pack.xlsx")
    assert list(request.returns) == [tmp_path / "r1.xlsx"]
    assert list(request.crime_files) == [tmp_path / "crime.csv"]
    assert list(request.tracker_files) == [tmp_path / "tracker.xlsx"]
    assert request.include_tracker  # a tracker file in the list means the tracker goes in
    assert (request.period, request.force, request.meeting_date) == ("2015-16 Q1", "Northumbria", "22 September 2015")
    assert request.db == tmp_path / "history.sqlite" and request.out == tmp_path / "pack.xlsx"
    assert request.read_options is state.read_options


def test_request_defaults_for_empty_fields(tmp_path: Path) -> None:
    request = state_with(tmp_path).request()
    assert request.period is None and request.force is None
    assert request.title == "Delivery of the Police and Crime Plan" and request.marking == "OFFICIAL"
    assert not request.include_tracker and list(request.returns) == []


def test_request_needs_a_plan(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no plan"):
        AppState(tmp_path / "h.sqlite").request()


@pytest.mark.parametrize(("plan", "loaded", "period", "expected"), [
    (None, False, "2015-16 Q1", "Choose the plan first (File ▸ Open plan…)."),
    ("plan.xlsx", False, "2015-16 Q1", "Choose the plan first (File ▸ Open plan…)."),  # chosen but not loaded
    ("plan.xlsx", True, "", "Choose the reporting period at the top first."),
    ("plan.xlsx", True, "2015-16 Q1", ""),
])
def test_what_stops_a_build(tmp_path: Path, example_plan, plan: str | None, loaded: bool, period: str,  # type: ignore[no-untyped-def]
                            expected: str) -> None:
    state = AppState(tmp_path / "h.sqlite", plan_path=tmp_path / plan if plan else None,
                     plan=example_plan if loaded else None, period=period)
    assert state.build_blocker() == expected


# --- files dropped or added ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "plan_chosen", "expected"), [
    ("notes.docx", False, Admission.NOT_A_SPREADSHEET),
    ("Indicator definitions.xlsx", False, Admission.USE_AS_PLAN),
    ("Police and Crime Plan.xlsx", False, Admission.USE_AS_PLAN),
    ("Plan return Q1.xlsx", False, Admission.ADD),  # a return that mentions the plan is still a return
    ("Indicator definitions.xlsx", True, Admission.ADD),  # with a plan chosen, another is a file like any other
    ("plan.xlsx", True, Admission.IS_THE_PLAN),
    ("Force return.CSV", False, Admission.ADD),
])
def test_admit(tmp_path: Path, name: str, plan_chosen: bool, expected: Admission) -> None:
    state = AppState(tmp_path / "h.sqlite", plan_path=tmp_path / "plan.xlsx" if plan_chosen else None)
    assert state.admit(tmp_path / name) is expected


def test_a_problem_leads_to_its_file_by_name(tmp_path: Path) -> None:
    state = state_with(tmp_path, LoadedFile(tmp_path / "in" / "r1.xlsx"))
    assert state.path_of(Location("r1.xlsx", "Return", "B4")) == tmp_path / "in" / "r1.xlsx"
    assert state.path_of(Location("plan.xlsx")) == tmp_path / "plan.xlsx"
    assert state.path_of(Location("other.xlsx")) is None


# --- passwords -------------------------------------------------------------------------------------------------------
def test_each_protected_file_is_asked_once_and_again_after_a_wrong_password(tmp_path: Path) -> None:
    state = state_with(tmp_path)
    locked = [problem("indicator-no-value", "r0.xlsx"), problem("password-required", "r1.xlsx"),
              problem("password-required", "r2.xlsx")]
    first = state.password_question(locked)
    assert first is not None and (first.file_name, first.wrong) == ("r1.xlsx", False)
    second = state.password_question(locked)
    assert second is not None and second.file_name == "r2.xlsx"
    assert state.password_question(locked) is None  # both asked: the user said no, do not nag
    wrong = state.password_question([problem("wrong-password", "r1.xlsx")])
    assert wrong is not None and (wrong.file_name, wrong.wrong) == ("r1.xlsx", True)
    state.ask_passwords_again()
    again = state.password_question(locked)
    assert again is not None and again.file_name == "r1.xlsx"


def test_a_password_is_kept_for_its_own_file(tmp_path: Path) -> None:
    state = state_with(tmp_path, LoadedFile(tmp_path / "r1.xlsx"), LoadedFile(tmp_path / "r2.xlsx"))
    state.give_password("r1.xlsx", "secret")
    state.give_password("plan.xlsx", "plan secret")
    assert state.read_options.password_for(tmp_path / "r1.xlsx") == "secret"
    assert state.read_options.password_for(tmp_path / "plan.xlsx") == "plan secret"
    assert state.read_options.password_for(tmp_path / "r2.xlsx") is None
    assert state.request().read_options.password_for(tmp_path / "r1.xlsx") == "secret"


def test_a_password_for_a_file_the_app_does_not_list_serves_the_whole_run(tmp_path: Path) -> None:
    state = state_with(tmp_path)
    state.give_password("inside-a-zip.xlsx", "secret")
    assert state.read_options.password == "secret"
    assert state.read_options.password_for(tmp_path / "anything.xlsx") == "secret"


def test_a_protected_plan_opens_with_the_password_given_in_the_app(tmp_path: Path, example_plan_path: Path) -> None:
    locked = protect(example_plan_path, tmp_path / "Locked plan.xlsx")
    state = AppState(tmp_path / "h.sqlite", plan_path=locked, period="2015-16 Q1")
    with pytest.raises(PccdeskError) as raised:
        load_definitions(locked, options=state.read_options)
    question = state.password_question([raised.value.as_problem()])
    assert question is not None and question.file_name == "Locked plan.xlsx" and not question.wrong
    state.give_password(question.file_name, PLAN_PASSWORD)
    plan = load_definitions(locked, options=state.read_options)
    assert [i.ref for i in plan.indicators][:3] == ["V1", "V2", "V3"]
    state.plan = plan
    result = check(state.request())  # the library, handed the app's read options, opens it too
    assert result.plan.name == plan.name and len(result.results) == 32


# --- a review taken in -----------------------------------------------------------------------------------------------
def review_of(plan, readings: list[ReturnReading], problems: list[Problem], period: str = "2015-16 Q1") -> Review:  # type: ignore[no-untyped-def]
    return Review(PackResult(plan, period, [], problems, readings))


def test_before_any_return_no_value_problems_are_not_shown(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    state = state_with(tmp_path)
    shown = state.reviewed(review_of(example_plan, [], [problem("indicator-no-value", "plan.xlsx", Severity.WARNING),
                                                        problem("period-mismatch", "plan.xlsx")]))
    assert [p.code for p in shown] == ["period-mismatch"]
    reading = ReturnReading(tmp_path / "r1.xlsx", [])
    shown = state.reviewed(review_of(example_plan, [reading], [problem("indicator-no-value", "plan.xlsx")]))
    assert [p.code for p in shown] == ["indicator-no-value"]


def test_file_states_after_a_review(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    files = [LoadedFile(tmp_path / "clean.xlsx"), LoadedFile(tmp_path / "noted.xlsx"),
             LoadedFile(tmp_path / "flawed.xlsx"), LoadedFile(tmp_path / "unread.xlsx"),
             LoadedFile(tmp_path / "crime.csv", FileKind.CRIME), LoadedFile(tmp_path / "late.xlsx", state=FileState.WAITING)]
    state = state_with(tmp_path, *files)
    readings = [ReturnReading(tmp_path / n, []) for n in ("clean.xlsx", "noted.xlsx", "flawed.xlsx")]
    problems = [problem("superseded", "noted.xlsx", Severity.INFO, "a note"),
                problem("value-not-number", "flawed.xlsx", Severity.WARNING, "B4 is not a number"),
                problem("password-required", "unread.xlsx")]
    state.reviewed(review_of(example_plan, readings, problems))
    assert [f.state for f in state.files] == [FileState.MATCHED, FileState.MATCHED, FileState.PROBLEMS,
                                              FileState.UNREADABLE, FileState.MATCHED, FileState.WAITING]
    assert state.files[2].detail == "B4 is not a number" and state.files[1].detail == ""


def test_suggestions_and_period_come_from_the_review(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    state = state_with(tmp_path)
    suggestion = Suggestion("Victims satisfied with contact", "V1", 0.8, Location("r1.xlsx", "Return", "B4"))
    reading = ReturnReading(tmp_path / "r1.xlsx", [], suggestions=[suggestion])
    review = review_of(example_plan, [reading], [], period="2015-16 Q2")
    state.reviewed(review)
    assert state.period == "2015-16 Q2"  # none was chosen: the returns said it
    assert [(s.file, s.suggestion, s.decision) for s in state.suggestions] == [
        (tmp_path / "r1.xlsx", suggestion, Decision.PENDING)]
    assert state.reading_of(state.suggestions[0]) is reading
    stray = SuggestionItem(tmp_path / "r2.xlsx", suggestion)
    assert state.reading_of(stray) is None and state.decide(stray, Decision.ACCEPTED) == ""


def test_a_failed_review_marks_the_files_being_read(tmp_path: Path) -> None:
    state = state_with(tmp_path, LoadedFile(tmp_path / "r1.xlsx"), LoadedFile(tmp_path / "r2.xlsx",
                                                                              state=FileState.WAITING))
    state.plan_problems = [problem("definitions-warning", "plan.xlsx", Severity.WARNING)]
    shown = state.review_failed([problem("period-missing", "")])
    assert [p.code for p in shown] == ["definitions-warning", "period-missing"]
    assert [f.state for f in state.files] == [FileState.PROBLEMS, FileState.WAITING]


def test_counts(tmp_path: Path, example_plan_path: Path, example_return_path: Path) -> None:
    state = AppState(tmp_path / "h.sqlite", plan_path=example_plan_path)
    result = check(PackRequest(definitions=example_plan_path, returns=[example_return_path], use_history=False))
    state.reviewed(Review(result))
    counts = state.status_counts()
    by_hand = {s: sum(1 for r in result.results if not r.is_heading and r.status is s) for s in counts}
    assert counts == by_hand and sum(counts.values()) == sum(1 for r in result.results if not r.is_heading)
    errors = sum(1 for p in result.problems if p.severity is Severity.ERROR)
    warnings = sum(1 for p in result.problems if p.severity is Severity.WARNING)
    assert state.severity_counts() == (errors, warnings)


@pytest.mark.parametrize(("today", "first", "last"), [
    (dt.date(2015, 4, 1), "2015-16 Q4", "2014-15 Q1"),
    (dt.date(2016, 3, 31), "2015-16 Q4", "2014-15 Q1"),
    (dt.date(2016, 4, 1), "2016-17 Q4", "2015-16 Q1"),
    (dt.date(2099, 12, 1), "2099-00 Q4", "2098-99 Q1"),
])
def test_quarters_offered_run_over_this_and_last_financial_year(today: dt.date, first: str, last: str) -> None:
    quarters = quarters_around(today)
    assert len(quarters) == 8 and quarters[0] == first and quarters[-1] == last


def test_inbox_returns_are_attached_to_the_quarter_they_cover(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Last quarter's return still in the inbox folder is left out of this quarter's pack; one added by hand
    is kept (the review then refuses it with the period check, which names both quarters)."""
    from pccdesk.ui.app_state import AppState, FileKind, FileState, LoadedFile

    state = AppState(tmp_path / "h.sqlite")
    state.plan_path = tmp_path / "plan.xlsx"
    old = LoadedFile(tmp_path / "old.xlsx", FileKind.RETURN, FileState.MATCHED, from_inbox=True, covers="2015-16 Q1")
    new = LoadedFile(tmp_path / "new.xlsx", FileKind.RETURN, FileState.MATCHED, from_inbox=True, covers="2015-16 Q2")
    hand = LoadedFile(tmp_path / "hand.xlsx", FileKind.RETURN, FileState.MATCHED, covers="2015-16 Q1")
    unclear = LoadedFile(tmp_path / "unclear.xlsx", FileKind.RETURN, FileState.MATCHED, from_inbox=True)
    state.files = [old, new, hand, unclear]
    state.period = "2015-16 Q2"
    assert [p.name for p in state.request().returns] == ["new.xlsx", "hand.xlsx", "unclear.xlsx"]
    state.update_file_states([], {"new.xlsx", "hand.xlsx", "unclear.xlsx"})
    assert old.state is FileState.OTHER_PERIOD and "2015-16 Q1" in old.detail
    state.period = "2015-16 Q1"
    assert [p.name for p in state.request().returns] == ["old.xlsx", "hand.xlsx", "unclear.xlsx"]


def test_period_override_reaches_the_request(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pccdesk.ui.app_state import AppState

    state = AppState(tmp_path / "h.sqlite")
    state.plan_path, state.period = tmp_path / "plan.xlsx", "2015-16 Q2"
    assert state.request().override_period_check is False
    state.override_period_check = True
    assert state.request().override_period_check is True


def test_messages_in_the_app_name_no_command_line_options() -> None:
    from pccdesk.ui.app_state import plain_for_app

    mismatch = ('the return\'s figures are for April to June 2015 (2015-16 Q1), not 2015-16 Q2: give --period '
                '"2015-16 Q1" (or, if 2015-16 Q2 is right after all, --override-period-check)')
    assert plain_for_app(mismatch) == ('the return\'s figures are for April to June 2015 (2015-16 Q1), not 2015-16 '
                                       'Q2: choose 2015-16 Q1 ("Use 2015-16 Q1" above the tabs), or "Keep 2015-16 '
                                       'Q2" if 2015-16 Q2 is right after all')
    locked = "the workbook is password-protected: give its password (--password, or the app will ask)"
    assert plain_for_app(locked) == "the workbook is password-protected: give its password when the app asks"
    assert plain_for_app('the reporting period is not known: give it (e.g. --period "2015-16 Q1")') == \
        "the reporting period is not known: give it in Period at the top (e.g. 2015-16 Q1)"
    assert "--" not in plain_for_app("A national table covers every force; name the one to take with --force.")


def test_a_file_refused_as_unsafe_is_never_read_again_by_itself(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pccdesk.problems import Location, error
    from pccdesk.readers.codes import UNSAFE_FILE
    from pccdesk.ui.app_state import AppState, FileKind, FileState, LoadedFile

    state = AppState(tmp_path / "h.sqlite")
    state.plan_path, state.period = tmp_path / "plan.xlsx", "2015-16 Q1"
    bad = LoadedFile(tmp_path / "bomb.xlsx", FileKind.RETURN, FileState.READING, from_inbox=True)
    good = LoadedFile(tmp_path / "good.xlsx", FileKind.RETURN, FileState.READING)
    state.files = [bad, good]
    state.update_file_states([error(UNSAFE_FILE, "the reading process ran out of memory", Location("bomb.xlsx"))],
                             {"good.xlsx"})
    assert bad.refused and bad.state is FileState.REFUSED and "not be read again" in bad.detail
    assert [p.name for p in state.request().returns] == ["good.xlsx"]
    state.start_reading()  # the next review leaves it alone
    assert bad.state is FileState.REFUSED and good.state is FileState.READING
    state.review_failed([error(UNSAFE_FILE, "stopped", Location("good.xlsx"))])  # refused in a failed review too
    assert good.refused and state.request().returns == []


def test_meeting_date_hint_and_period_list() -> None:
    """Q1 (April to June 2015) → a Panel in August or September: the hint names August 2015; Q4 (January to
    March 2016) → May 2016. Half-typed periods never reach the list."""
    from pccdesk.ui.window_choices import meeting_hint, period_choices

    assert meeting_hint("2015-16 Q1") == "e.g. a date in August 2015"
    assert meeting_hint("2015-16 Q4") == "e.g. a date in May 2016"
    assert meeting_hint("2015-1") == "e.g. 22 September 2015"
    choices = period_choices(["2015-16 Q1", "2015-", "2015-16 Q9", "nonsense"])
    assert choices[0] == "2015-16 Q1" and "2015-" not in choices and "nonsense" not in choices
