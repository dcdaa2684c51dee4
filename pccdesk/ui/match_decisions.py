"""Saving the officer's decision on a suggested match into the mapping profile of the history store.

Accepting, changing or rejecting a suggestion is remembered against the
workbook's structure (:mod:`pccdesk.mapping_profiles`), so the next check of
this return — and next quarter's return of the same layout — applies it
without asking. The review is then run again, and the importer reads the
decision from the profile: the app and ``pccdesk pack`` see the same thing.
"""

from __future__ import annotations

from pathlib import Path

from pccdesk.history_store import HistoryStore
from pccdesk.indicator_returns import Suggestion


def decision_key(suggestion: Suggestion) -> str:
    key = getattr(suggestion, "source_key", "")
    if key:
        return str(key)
    from pccdesk.mapping_profiles import source_key

    return source_key(suggestion.label)


#: Seconds to wait for a colleague's write to the shared database before saying it is busy: the decision
#: is saved from the UI thread, which must not hang for the store's usual 30 seconds.
BUSY_TIMEOUT = 2.0


def save_decision(db: Path, signature: str, suggestion: Suggestion, ref: str | None) -> None:
    """``ref`` is the chosen indicator; None means "this row is not an indicator of the plan"."""
    from pccdesk.mapping_profiles import MappingProfiles

    with HistoryStore(db, timeout=BUSY_TIMEOUT) as store:
        MappingProfiles(store).save(signature, {decision_key(suggestion): ref})


def saved_decisions(db: Path, signature: str) -> dict[str, str | None]:
    from pccdesk.mapping_profiles import MappingProfiles

    with HistoryStore(db, timeout=BUSY_TIMEOUT) as store:
        return MappingProfiles(store).decisions(signature)
