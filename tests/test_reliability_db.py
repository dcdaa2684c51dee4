"""``pccdesk db check`` and ``pccdesk db backup``: SQLite's integrity check, and consistent copies."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from pccdesk.cli import main
from pccdesk.store.history_store import HistoryStore, ValueToStore


def filled_db(path: Path, imports: int = 3, values: int = 200) -> Path:
    with HistoryStore(path) as store:
        for i in range(imports):
            store.record_import(file_path=f"r{i}.xlsx", sha256=f"s{i}", reporting_period=f"P{i}", period_start=None,
                                plan_name="plan", values=[ValueToStore(f"R{k}", "Q", float(k), "number", None,
                                                                       "text " * 20) for k in range(values)])
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_check_passes_a_sound_database_and_changes_nothing(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    db = filled_db(tmp_path / "h.sqlite")
    before = sha(db)
    assert main(["db", "check", "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip() == f"{db}: integrity check passed"
    assert sha(db) == before


def test_check_fails_a_damaged_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = filled_db(tmp_path / "h.sqlite", imports=5)
    data = bytearray(db.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    for number in (2, 3, 4, 5):  # scribble over the headers and cell pointers of b-tree pages
        data[number * page: number * page + 64] = b"\x07" * 64
    db.write_bytes(bytes(data))
    assert main(["db", "check", "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert "FAILED the integrity check" in out and "restore the latest backup" in out


def test_check_says_what_a_foreign_file_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    assert main(["db", "check", "--db", str(other)]) == 1
    assert "not a pccdesk history database" in capsys.readouterr().out
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database at all " * 100)
    assert main(["db", "check", "--db", str(text)]) == 1
    assert "damaged or not a database" in capsys.readouterr().out


def test_check_without_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "check", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert "there is no history database here" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite").exists()


def test_check_does_not_upgrade_an_older_database(tmp_path: Path) -> None:
    db = filled_db(tmp_path / "h.sqlite")
    with sqlite3.connect(db) as conn:
        latest = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        conn.execute("DELETE FROM schema_version WHERE version = ?", (latest,))
    before = sha(db)
    assert main(["db", "check", "--db", str(db)]) == 0
    assert sha(db) == before and not list(tmp_path.glob("*.before-v*"))


def test_backup_is_a_consistent_copy_while_another_import_is_open(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = filled_db(tmp_path / "h.sqlite")
    busy = sqlite3.connect(db, isolation_level=None)
    busy.execute("BEGIN IMMEDIATE")  # a colleague's import, not yet committed
    busy.execute("INSERT INTO imports (kind, file_name, file_sha256, reporting_period, imported_at, user_name)"
                 " VALUES ('indicators', 'half.xlsx', 'h', 'P9', 'now', 'ben')")
    try:
        assert main(["db", "backup", str(tmp_path / "copy.sqlite"), "--db", str(db)]) == 0
    finally:
        busy.execute("ROLLBACK")
        busy.close()
    assert "(3 imports, 600 figures)" in capsys.readouterr().out
    copy = tmp_path / "copy.sqlite"
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 3
        assert conn.execute("SELECT COUNT(*) FROM indicator_values").fetchone()[0] == 600
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".~", "copy.sqlite-"))]  # one self-contained file
    assert main(["db", "check", "--db", str(copy)]) == 0
    with HistoryStore(copy) as store:  # the copy is a working database
        assert [v.value for v in store.series("R7")] == [7.0, 7.0, 7.0]


def test_backup_replaces_an_earlier_backup_and_never_the_database(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = filled_db(tmp_path / "h.sqlite", imports=1)
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(b"an old backup")
    assert main(["db", "backup", str(copy), "--db", str(db)]) == 0
    assert "Backup written" in capsys.readouterr().out
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 1
    before = sha(db)
    assert main(["db", "backup", str(db), "--db", str(db)]) == 2
    assert "cannot be written over the database itself" in capsys.readouterr().err
    assert sha(db) == before


def test_local_database_uses_wal_and_a_network_share_the_rollback_journal(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's WAL needs shared memory between processes, which a network share cannot give."""
    from pccdesk.store import history_store

    with HistoryStore(tmp_path / "local.sqlite") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    monkeypatch.setattr(history_store, "on_network_drive", lambda path: True)
    with HistoryStore(tmp_path / "shared.sqlite") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        store.record_import(file_path="r.xlsx", sha256="s", reporting_period="P", period_start=None, plan_name="p",
                            values=[ValueToStore("R1", "Q", 1.0, "number", None, "1")])
    assert main(["db", "check", "--db", str(tmp_path / "shared.sqlite")]) == 0


def test_network_mounts_are_recognised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from pccdesk.store.history_store import on_network_drive

    if os.name == "nt":
        assert on_network_drive(Path("\\\\server\\share\\history.sqlite"))
        return
    mounts = ("/dev/sda1 / ext4 rw 0 0\n"
              "//fileserver/opcc /mnt/opcc cifs rw 0 0\n"
              "server:/export /mnt/opcc/local-disk ext4 rw 0 0\n"
              "nas:/vol /srv/nfs nfs4 rw 0 0\n")
    real_read_text = Path.read_text

    def fake(self: Path, *args: object, **kwargs: object) -> str:
        return mounts if str(self) == "/proc/mounts" else real_read_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", fake)
    assert on_network_drive(Path("/mnt/opcc/pccdesk/history.sqlite"))
    assert on_network_drive(Path("/srv/nfs/h.sqlite"))
    assert not on_network_drive(Path("/mnt/opcc/local-disk/h.sqlite"))  # the longest mount point decides
    assert not on_network_drive(Path("/mnt/opcc-other/h.sqlite"))
    assert not on_network_drive(tmp_path / "h.sqlite")
