"""Remembered matching decisions, per source, so next quarter's return imports with no questions.

A force sends the same workbook every quarter with new figures. Once an
officer has said "this row is D2" (by accepting a suggestion, in the CLI or
the app), the decision is saved against the workbook's *structure* — its sheet
names and header texts, digits blanked so "Q1 2015-16" and "Q2 2015-16" look
alike — not its file name, which changes every time. Decisions live in the
``mapping_profiles`` table of the history store (migration 1).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from pccdesk.store.history_store import HistoryStore, current_user

_DIGITS = re.compile(r"\d+")
#: The ref saved for "this row is not an indicator of the plan: do not ask again".
IGNORE = ""


def structure_signature(sheet_names: Iterable[str], header_texts: Iterable[str]) -> str:
    """A stable fingerprint of a workbook's layout: sheet names and header texts, case and digits ignored."""
    parts = ["sheets:" + "|".join(_DIGITS.sub("#", s.strip().lower()) for s in sheet_names),
             "headers:" + "|".join(_DIGITS.sub("#", " ".join(t.split()).lower()) for t in header_texts)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


def source_key(label: str, parent_label: str = "") -> str:
    """How a row is remembered: its wording, with the heading above it for sub-rows (``Domestic Violence``
    under two different headings is two different rows)."""
    own = " ".join(label.split()).lower()
    parent = " ".join(parent_label.split()).lower()
    return f"{parent} > {own}" if parent else own


class MappingProfiles:
    """Saved decisions in the history store. Give it the database path or an open :class:`HistoryStore`."""

    def __init__(self, store: HistoryStore | str | Path):
        self._owned = not isinstance(store, HistoryStore)
        self._store_arg = store
        self._store: HistoryStore | None = store if isinstance(store, HistoryStore) else None

    def _open(self) -> HistoryStore:
        if self._store is None:
            assert not isinstance(self._store_arg, HistoryStore)
            self._store = HistoryStore(self._store_arg)
        return self._store

    def close(self) -> None:
        if self._owned and self._store is not None:
            self._store.close()
            self._store = None

    def decisions(self, signature: str) -> dict[str, str | None]:
        """source key → ref (``None`` when the officer said the row is not an indicator)."""
        store = self._open()
        rows = store.conn.execute("SELECT source_text, ref FROM mapping_profiles WHERE signature = ?",
                                  (signature,)).fetchall()
        return {row["source_text"]: (row["ref"] or None) for row in rows}

    def decisions_starting(self, prefix: str) -> dict[str, dict[str, str]]:
        """signature → {source key → ref} for every saved decision whose source key starts with ``prefix`` (one
        query: e.g. every remembered crime extract layout, looked up by the reader without a database)."""
        store = self._open()
        rows = store.conn.execute("SELECT signature, source_text, ref FROM mapping_profiles WHERE "
                                  "substr(source_text, 1, ?) = ? AND ref <> ''", (len(prefix), prefix)).fetchall()
        found: dict[str, dict[str, str]] = {}
        for row in rows:
            found.setdefault(row["signature"], {})[row["source_text"]] = row["ref"]
        return found

    def save(self, signature: str, decisions: Mapping[str, str | None]) -> None:
        """Record decisions (a later decision on the same row replaces the earlier one), all in one transaction."""
        if not decisions:
            return
        store = self._open()
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        user = current_user()
        with store.transaction() as conn:
            for source, ref in decisions.items():
                conn.execute(
                    "INSERT INTO mapping_profiles (signature, source_text, ref, decided_at, user_name) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (signature, source_text) DO UPDATE SET "
                    "ref = excluded.ref, decided_at = excluded.decided_at, user_name = excluded.user_name",
                    (signature, source, ref if ref else IGNORE, now, user))

    def forget(self, signature: str) -> int:
        """Drop every decision for one source layout; returns how many were dropped."""
        store = self._open()
        with store.transaction() as conn:
            cur = conn.execute("DELETE FROM mapping_profiles WHERE signature = ?", (signature,))
            return int(cur.rowcount)
