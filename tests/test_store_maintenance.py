"""store.maintenance: the history database's check, backup and export as library functions with result objects.

The CLI (``pccdesk db``) and the app's Tools menu are thin shells over these;
their printed lines and exit codes are tested in test_reliability_db.py.
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from pccdesk.problems import PccdeskError
from pccdesk.store import maintenance
from pccdesk.store.history_store import HistoryStore, ValueToStore
from pccdesk.store.integrity import connection_problems


def filled_db(path: Path, imports: int, values: int) -> Path:
    with HistoryStore(path) as store:
        for i in range(imports):
            store.record_import(file_path=f"r{i}.xlsx", sha256=f"s{i}", reporting_period=f"2015-16 Q{i + 1}",
                                period_start=None, plan_name="plan",
                                values=[ValueToStore(f"R{k}", "Q", float(k), "number", None, f"{k}")
                                        for k in range(values)])
    return path


def test_a_sound_database_passes_and_is_not_changed(tmp_path: Path) -> None:
    db = filled_db(tmp_path / "h.sqlite", imports=2, values=5)
    before = db.read_bytes()
    checked = maintenance.check_database(db)
    assert checked.sound and checked.problems == [] and checked.path == db
    assert db.read_bytes() == before


def test_a_file_that_is_not_a_history_database_fails_with_the_reason(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    checked = maintenance.check_database(other)
    assert not checked.sound
    assert checked.problems == ["this is not a pccdesk history database (no schema_version table)"]


def test_the_store_and_the_tools_use_the_same_check(tmp_path: Path) -> None:
    db = filled_db(tmp_path / "h.sqlite", imports=1, values=3)
    with HistoryStore(db) as store:
        assert store.integrity_problems() == connection_problems(store.conn) == []
        store.conn.execute("PRAGMA foreign_keys = OFF")
        store.conn.execute("DELETE FROM imports")  # figures left pointing at an import that is gone
        store.conn.commit()
        dangling = store.integrity_problems()
    assert len(dangling) == 3 and all("points to a missing row of imports" in p for p in dangling)
    assert maintenance.check_database(db).problems == dangling


def test_there_is_no_database_to_look_after(tmp_path: Path) -> None:
    for action in (lambda: maintenance.check_database(tmp_path / "none.sqlite"),
                   lambda: maintenance.backup_database(tmp_path / "none.sqlite", tmp_path / "copy.sqlite"),
                   lambda: maintenance.export_database(tmp_path / "none.sqlite", tmp_path / "e.csv")):
        with pytest.raises(PccdeskError) as raised:
            action()
        assert raised.value.code == "db-missing"
    assert not (tmp_path / "none.sqlite").exists() and not (tmp_path / "copy.sqlite").exists()


def test_backup_counts_what_it_copied(tmp_path: Path) -> None:
    db = filled_db(tmp_path / "h.sqlite", imports=3, values=4)
    made = maintenance.backup_database(db, tmp_path / "copy.sqlite")
    assert (made.target, made.imports, made.figures) == (tmp_path / "copy.sqlite", 3, 12)
    assert maintenance.check_database(made.target).sound
    assert not list(tmp_path.glob("copy.sqlite-*"))  # one self-contained file


def test_backup_never_overwrites_the_database_itself(tmp_path: Path) -> None:
    db = filled_db(tmp_path / "h.sqlite", imports=1, values=1)
    before = db.read_bytes()
    with pytest.raises(PccdeskError) as raised:
        maintenance.backup_database(db, db)
    assert raised.value.code == "backup-same-file" and db.read_bytes() == before


def test_export_writes_every_figure_with_its_period(tmp_path: Path) -> None:
    db = filled_db(tmp_path / "h.sqlite", imports=2, values=3)
    written = maintenance.export_database(db, tmp_path / "figures.csv")
    with (tmp_path / "figures.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert written.figures == len(rows) == 6
    assert list(rows[0]) == list(maintenance.EXPORT_COLUMNS)
    assert {(r["ref"], r["reporting_period"], float(r["value"])) for r in rows} == {
        (f"R{k}", f"2015-16 Q{i + 1}", float(k)) for i in range(2) for k in range(3)}
