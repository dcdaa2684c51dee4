"""A history held by another process: opening waits for it, a long hold is said plainly, nothing is removed.

Found when two processes created a new shared history at the same moment: SQLite
answers a journal mode change with "database is locked" at once (it does not wait
as other statements do), so one of them stopped with "not a pccdesk history
database, or damaged", and its clean-up then removed the file the other was
writing ("disk I/O error" there). Here the other process is a thread with its own
connection holding SQLite's write lock, so every case is exact, not a race.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pccdesk.problems import PccdeskError
from pccdesk.store import history_store
from pccdesk.store.history_store import HistoryStore, ValueToStore


@contextmanager
def held(path: Path, *, for_seconds: float, then_create: str | None = None) -> Iterator[threading.Thread]:
    """Another writer holding ``path`` (BEGIN IMMEDIATE) for ``for_seconds``; optionally it creates a table."""
    holding, done = threading.Event(), threading.Event()

    def writer() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        if then_create:
            conn.execute(f"CREATE TABLE {then_create} (x)")
        holding.set()
        done.wait(for_seconds)
        conn.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    assert holding.wait(10)
    try:
        yield thread
    finally:
        done.set()
        thread.join(10)


def test_a_new_history_being_written_by_another_process_is_waited_for(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite"
    pause = 0.5
    with held(db, for_seconds=pause):  # another pccdesk began creating it (rollback journal, write lock held)
        started = time.monotonic()
        with HistoryStore(db, timeout=10) as store:
            waited = time.monotonic() - started
            assert store.schema_version == history_store.MIGRATIONS[-1][0]
            assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert waited >= pause * 0.8  # it waited for the other writer instead of failing at once


def test_a_hold_longer_than_the_wait_is_said_plainly_and_the_file_is_kept(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite"
    with held(db, for_seconds=5, then_create="theirs"), pytest.raises(PccdeskError) as caught:
        HistoryStore(db, timeout=0.3)
    message = str(caught.value)
    assert "busy" in message and "0.3 seconds" in message and "try again" in message
    assert "damaged" not in message and "disk is full" not in message
    with sqlite3.connect(db) as conn:  # the other writer's work is whole
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("theirs",)]


def test_a_file_this_call_created_is_not_removed_while_another_process_holds_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other process opened the new file between this call's creating it and setting it up."""
    db = tmp_path / "shared.sqlite"
    real_claim = history_store._claim_new
    holders = []

    def claim_then_other_opens(path: Path) -> bool:
        made = real_claim(path)
        holder = held(path, for_seconds=5, then_create="theirs")
        holder.__enter__()
        holders.append(holder)
        return made

    monkeypatch.setattr(history_store, "_claim_new", claim_then_other_opens)
    try:
        with pytest.raises(PccdeskError, match="busy"):
            HistoryStore(db, timeout=0.3)
        assert db.exists()
    finally:
        for holder in holders:
            holder.__exit__(None, None, None)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("theirs",)]


def test_a_failed_creation_by_this_call_alone_still_leaves_nothing_behind(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "shared.sqlite"

    def no_room(store: HistoryStore) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(HistoryStore, "migrate", no_room)
    with pytest.raises(PccdeskError, match="disk is full"):
        HistoryStore(db)
    assert list(tmp_path.iterdir()) == []


def test_only_one_of_two_claims_on_a_new_file_wins(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite"
    assert [history_store._claim_new(db), history_store._claim_new(db)] == [True, False]


def test_an_import_queued_behind_a_long_hold_is_said_plainly_and_stores_nothing(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite"
    HistoryStore(db).close()
    with HistoryStore(db, timeout=0.3) as store:
        with held(db, for_seconds=5), pytest.raises(PccdeskError) as caught:
            store.record_import(file_path="r.xlsx", sha256="x", reporting_period="Q1", period_start=None,
                                plan_name="plan", values=[ValueToStore("R1", "Q1", 1.0, "number", None, "1")])
        assert "busy" in str(caught.value) and "nothing was written" in str(caught.value)
        assert store.conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 0
