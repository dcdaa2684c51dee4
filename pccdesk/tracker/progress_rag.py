"""The tracker's RAG for an item: derived from dates, never typed.

One rule, in :func:`progress_rag`, used by the pack, the CLI and the app:

* **Green** — the item is done (``Complete`` or ``Closed – no further action``;
  it keeps its completion date whatever its due date was), has no due date,
  or is on track: due later than ``amber_days`` from today, or due sooner but
  updated within the last ``recent_days``.
* **Amber** — not done, due today or within ``amber_days`` days, and no
  progress update in the last ``recent_days`` days (``recent_days`` defaults
  to ``amber_days``); an update dated after today is not progress made yet.
* **Red** — not done and past its due date (due yesterday or earlier).

Why this shape: panels ask "what is overdue, and what is about to be?"; an
item close to its date that nobody has touched is the one to chase, while one
with a fresh update is being worked on.
"""

from __future__ import annotations

import datetime as dt

from pccdesk.records import record
from pccdesk.tracker.tracker_model import FindingStatus, Rag

DEFAULT_AMBER_DAYS = 28


@record(frozen=True)
class RagResult:
    rag: Rag
    reason: str


def progress_rag(*, status: FindingStatus, due: dt.date | None, last_update: dt.date | None, today: dt.date,
                 amber_days: int = DEFAULT_AMBER_DAYS, recent_days: int | None = None,
                 completed: dt.date | None = None) -> RagResult:
    """The RAG of one finding or action on ``today``, with the reason in words for the pack."""
    if amber_days < 0:
        raise ValueError("amber_days cannot be negative")
    recent = amber_days if recent_days is None else recent_days
    if status.is_done:
        when = f" on {completed:%d %b %Y}" if completed else ""
        return RagResult(Rag.GREEN, f"{status.value}{when}")
    if due is None:
        return RagResult(Rag.GREEN, "No due date")
    days_left = (due - today).days
    if days_left < 0:
        return RagResult(Rag.RED, f"Overdue by {-days_left} day{'s' if days_left != -1 else ''}")
    updated_recently = last_update is not None and 0 <= (today - last_update).days <= recent
    when = "Due today" if days_left == 0 else f"Due in {days_left} day{'s' if days_left != 1 else ''}"
    if days_left <= amber_days and last_update is not None and last_update > today:
        # a date slip (2025 for 2024) must not pass for progress already made
        return RagResult(Rag.AMBER, f"{when}, latest update dated after today ({last_update:%d %b %Y})")
    if days_left <= amber_days and not updated_recently:
        return RagResult(Rag.AMBER, f"{when}, no update in the last {recent} days")
    if days_left <= amber_days:
        return RagResult(Rag.GREEN, f"{when}, updated recently")
    return RagResult(Rag.GREEN, "On track")
