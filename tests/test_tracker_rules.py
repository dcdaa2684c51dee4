"""The derived RAG rule at every boundary, and PEEL grade parsing."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pccdesk.tracker.grades import parse_grade
from pccdesk.tracker.progress_rag import progress_rag
from pccdesk.tracker.tracker_model import FindingStatus, PeelGrade, Rag, question_name

TODAY = dt.date(2025, 6, 30)
NS, IP, DONE, CLOSED = (FindingStatus.NOT_STARTED, FindingStatus.IN_PROGRESS, FindingStatus.COMPLETE,
                        FindingStatus.CLOSED)


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


@pytest.mark.parametrize(("status", "due", "last_update", "amber_days", "want"), [
    # overdue: due yesterday is Red, due today is not overdue
    (IP, days(-1), days(0), 28, Rag.RED),
    (NS, days(-400), None, 28, Rag.RED),
    (IP, days(0), None, 28, Rag.AMBER),
    (IP, days(0), days(0), 28, Rag.GREEN),
    # the amber window: due within amber_days inclusive, no recent update
    (IP, days(28), None, 28, Rag.AMBER),
    (IP, days(29), None, 28, Rag.GREEN),
    (IP, days(7), None, 7, Rag.AMBER),
    (IP, days(8), None, 7, Rag.GREEN),
    (IP, days(1), None, 0, Rag.GREEN),
    (IP, days(0), None, 0, Rag.AMBER),
    # "recent" update: within amber_days (inclusive) of today
    (IP, days(10), days(-28), 28, Rag.GREEN),
    (IP, days(10), days(-29), 28, Rag.AMBER),
    # no due date: on track by definition
    (NS, None, None, 28, Rag.GREEN),
    # done items are Green whatever their dates
    (DONE, days(-100), None, 28, Rag.GREEN),
    (CLOSED, days(-1), None, 28, Rag.GREEN),
    (DONE, days(3), None, 28, Rag.GREEN),
])
def test_rag_boundaries(status: FindingStatus, due: dt.date | None, last_update: dt.date | None, amber_days: int,
                        want: Rag) -> None:
    got = progress_rag(status=status, due=due, last_update=last_update, today=TODAY, amber_days=amber_days)
    assert got.rag is want, got.reason


def test_recent_days_can_differ_from_the_amber_window() -> None:
    kw = {"status": IP, "due": days(20), "today": TODAY, "amber_days": 28}
    assert progress_rag(last_update=days(-14), recent_days=14, **kw).rag is Rag.GREEN  # type: ignore[arg-type]
    assert progress_rag(last_update=days(-15), recent_days=14, **kw).rag is Rag.AMBER  # type: ignore[arg-type]


def test_reasons_say_why_and_completed_items_keep_their_date() -> None:
    assert progress_rag(status=IP, due=days(-1), last_update=None, today=TODAY).reason == "Overdue by 1 day"
    assert progress_rag(status=IP, due=days(-3), last_update=None, today=TODAY).reason == "Overdue by 3 days"
    done = progress_rag(status=DONE, due=days(-30), last_update=None, today=TODAY, completed=dt.date(2025, 5, 20))
    assert done.reason == "Complete on 20 May 2025"
    assert progress_rag(status=IP, due=days(1), last_update=None, today=TODAY).reason.startswith("Due in 1 day,")
    assert progress_rag(status=IP, due=days(0), last_update=None, today=TODAY).reason == (
        "Due today, no update in the last 28 days")
    assert progress_rag(status=IP, due=days(0), last_update=days(-2), today=TODAY).reason == (
        "Due today, updated recently")


def test_negative_amber_window_is_a_mistake() -> None:
    with pytest.raises(ValueError):
        progress_rag(status=IP, due=TODAY, last_update=None, today=TODAY, amber_days=-1)


@given(st.integers(-1000, 1000), st.integers(0, 120), st.one_of(st.none(), st.integers(-400, 0)))
def test_rag_is_red_exactly_when_overdue(offset: int, amber: int, updated: int | None) -> None:
    got = progress_rag(status=IP, due=days(offset), last_update=None if updated is None else days(updated),
                       today=TODAY, amber_days=amber)
    assert (got.rag is Rag.RED) == (offset < 0)
    if offset > amber:
        assert got.rag is Rag.GREEN


@pytest.mark.parametrize(("raw", "grade", "percent", "mark", "ok"), [
    ("Good", PeelGrade.GOOD, None, "", True),
    ("GOOD", PeelGrade.GOOD, None, "", True),
    (" Requires Improvement ", PeelGrade.REQUIRES_IMPROVEMENT, None, "", True),
    ("Requires  improvement", PeelGrade.REQUIRES_IMPROVEMENT, None, "", True),
    ("Outstanding", PeelGrade.OUTSTANDING, None, "", True),
    ("Adequate", PeelGrade.ADEQUATE, None, "", True),
    ("Inadequate", PeelGrade.INADEQUATE, None, "", True),
    ("Good (96.2%)", PeelGrade.GOOD, 96.2, "", True),
    ("Requires Improvement (93.4%)", PeelGrade.REQUIRES_IMPROVEMENT, 93.4, "", True),
    ("Good(100%)", PeelGrade.GOOD, 100.0, "", True),
    ("n/a", PeelGrade.NOT_APPLICABLE, None, "", True),
    ("N/A", PeelGrade.NOT_APPLICABLE, None, "", True),
    ("Not applicable", PeelGrade.NOT_APPLICABLE, None, "", True),
    ("-", None, None, "-", True),
    ("_", None, None, "_", True),
    ("=", None, None, "=", True),
    ("–", None, None, "–", True),
    ("", None, None, "", True),
    ("   ", None, None, "", True),
    (None, None, None, "", True),
    ("Good (101%)", None, None, "", False),
    ("Very good", None, None, "", False),
    ("Good (96.2)", None, None, "", False),
    (3, None, None, "", False),
])
def test_grade_parsing(raw: object, grade: PeelGrade | None, percent: float | None, mark: str, ok: bool) -> None:
    got = parse_grade(raw)
    assert (got.grade, got.percent, got.mark, got.ok) == (grade, percent, mark, ok)


def test_blank_is_only_a_truly_empty_cell() -> None:
    assert parse_grade("").blank and parse_grade(None).blank
    assert not parse_grade("-").blank and not parse_grade("Good").blank and not parse_grade("nonsense").blank


@given(st.text(max_size=30))
def test_grade_parsing_never_raises(text: str) -> None:
    got = parse_grade(text)
    assert got.ok or got.grade is None


def test_question_headings_and_their_other_names() -> None:
    assert question_name("Leadership & Management") == "Leadership and management"
    assert question_name("SOC") == "Serious and organised crime"
    assert question_name("Developing a positive workplace") == "Building a workforce"
    assert question_name("CDI") == "Crime data integrity"
    assert question_name("& Deterrence") is None  # the seed's damaged heading is not guessed
    assert question_name("Force") is None
