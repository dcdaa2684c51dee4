"""Saving the officer's decision on a suggested match into the mapping profile of the history store.

Accepting, changing or rejecting a suggestion is remembered against the
workbook's structure (:mod:`pccdesk.store.mapping_profiles`), so the next check of
this return — and next quarter's return of the same layout — applies it
without asking. The review is then run again, and the importer reads the
decision from the profile: the app and ``pccdesk pack`` see the same thing.
"""

from __future__ import annotations

from pccdesk.indicators.definitions import Plan
from pccdesk.indicators.return_rows import ReturnReading, ReturnRow, Suggestion
from pccdesk.problems import PccdeskError
from pccdesk.store.codes import DECISION_NOT_SAVED
from pccdesk.store.engines import DbLocation
from pccdesk.store.history_store import HistoryStore
from pccdesk.store.mapping_profiles import MappingProfiles, source_key


def decision_key(suggestion: Suggestion) -> str:
    """How the row is remembered: the importer's key, or one made from the force's wording."""
    return suggestion.source_key or source_key(suggestion.label)


#: Seconds to wait for a colleague's write to the shared database before saying it is busy: the decision
#: is saved from the UI thread, which must not hang for the store's usual 30 seconds.
BUSY_TIMEOUT = 2.0


def save_decision(db: DbLocation, reading: ReturnReading, suggestion: Suggestion, plan: Plan, chosen: str | None) -> None:
    """Apply the decision to ``reading`` and remember it: ``chosen`` is the indicator, None means "this row is
    not an indicator of the plan". The importer's own :func:`accept_suggestion` does both, as the CLI would."""
    if not reading.signature or not decision_key(suggestion):
        raise PccdeskError("this return's layout cannot be remembered, so the decision cannot be saved",
                           suggestion.location, code=DECISION_NOT_SAVED)
    if not suggestion.source_key:
        suggestion.source_key = decision_key(suggestion)
    # the importer (and the readers and matching behind it) is imported on first use, after the first paint
    from pccdesk.indicators.force_tables import accept_suggestion

    with HistoryStore(db, timeout=BUSY_TIMEOUT) as store:
        accept_suggestion(reading, suggestion, plan, MappingProfiles(store), ref=chosen or "")


def assign_unmatched(db: DbLocation, reading: ReturnReading, row: ReturnRow, plan: Plan, ref: str) -> None:
    """An unmatched row assigned to ``ref`` by hand, remembered for this layout of return like an accepted
    suggestion (:func:`pccdesk.indicators.row_assignment.assign_row`)."""
    if not reading.signature:
        raise PccdeskError("this return's layout cannot be remembered, so the decision cannot be saved",
                           row.location, code=DECISION_NOT_SAVED)
    # the importer (and the readers and matching behind it) is imported on first use, after the first paint
    from pccdesk.indicators.row_assignment import assign_row

    with HistoryStore(db, timeout=BUSY_TIMEOUT) as store:
        assign_row(reading, row, plan, ref, MappingProfiles(store))


def saved_decisions(db: DbLocation, signature: str) -> dict[str, str | None]:
    with HistoryStore(db, timeout=BUSY_TIMEOUT) as store:
        return MappingProfiles(store).decisions(signature)
