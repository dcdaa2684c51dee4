"""The history on a PostgreSQL server: locations, migrations, four officers packing at once, roles, passwords,
moving a history over and back, check and backup. The store's own tests run on both engines through the
``history_db`` fixture (conftest.py); these are about what only a server has."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import openpyxl
import pytest

from pccdesk.cli import main
from pccdesk.store import engines
from pccdesk.store import migrations as store_migrations
from pccdesk.store.history_store import HistoryStore, ValueToStore
from tests.helpers_db import count

REPO = Path(__file__).resolve().parents[1]


# --- where the history is -----------------------------------------------------------------------------------
def test_a_url_is_never_a_path_and_a_folded_url_is_restored() -> None:
    assert engines.as_location("postgresql://officer@db.force.local/pcc") == "postgresql://officer@db.force.local/pcc"
    assert engines.as_location("history.sqlite") == Path("history.sqlite")
    # Path() folds "//" to "/": the URL is recognised and restored rather than becoming a folder
    assert engines.as_location(Path("postgresql://officer@db.force.local/pcc")) == "postgresql://officer@db.force.local/pcc"
    assert engines.as_location("C:/data/postgresql-history.sqlite") == Path("C:/data/postgresql-history.sqlite")


def test_a_password_is_redacted_wherever_the_url_is_named() -> None:
    url = "postgresql://officer:Tr0ub4dor@db.force.local:5432/pcc?sslmode=require&password=other"
    shown = engines.redact(url)
    assert "Tr0ub4dor" not in shown and "other" not in shown
    assert shown == "postgresql://officer:***@db.force.local:5432/pcc?sslmode=require&password=***"
    assert engines.redact("postgresql://officer@db/pcc") == "postgresql://officer@db/pcc"
    assert "Tr0ub4dor" not in engines.hide_secrets(f"could not connect to {url}: Tr0ub4dor rejected", url)


def test_an_unreachable_server_is_one_line_without_the_password_and_no_folder(tmp_path: Path, monkeypatch,
                                                                              capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    url = f"postgresql://officer:Hunter2pw@/pcc?host={quote(str(tmp_path / 'no-server'), safe='')}"
    assert main(["history", "list", "--db", url]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "cannot be reached" in err
    assert "Hunter2pw" not in err and "officer:***@" in err
    assert list(tmp_path.iterdir()) == []  # no folder named "postgresql:"


def test_placeholders_become_psycopg_style_outside_quoted_text() -> None:
    assert engines.to_pyformat("SELECT * FROM t WHERE a = ? AND b = '?%' AND c LIKE '50%'") == \
        "SELECT * FROM t WHERE a = %s AND b = '?%%' AND c LIKE '50%%'"


# --- the schema ----------------------------------------------------------------------------------------------
def test_the_same_migrations_create_and_upgrade_a_server_history(pg_url: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first_two = store_migrations.MIGRATIONS[:2]
    monkeypatch.setattr("pccdesk.store.history_store.MIGRATIONS", first_two)
    with HistoryStore(pg_url) as store:
        assert store.schema_version == 2
        assert "opcc_comments" not in engines.table_names(store.conn)
    monkeypatch.setattr("pccdesk.store.history_store.MIGRATIONS", store_migrations.MIGRATIONS)
    with HistoryStore(pg_url) as store:
        assert store.schema_version == store_migrations.MIGRATIONS[-1][0]
        assert {"opcc_comments", "history_corrections"} <= engines.table_names(store.conn)
        assert store.integrity_problems() == []


def test_figures_keep_every_digit_on_the_server(pg_url: str) -> None:
    # PostgreSQL's REAL has 6 digits; the store keeps DOUBLE PRECISION like SQLite's REAL
    third, tiny = 1 / 3, 123456.789012345
    with HistoryStore(pg_url) as store:
        store.record_import(file_path="r.xlsx", sha256="s", reporting_period="2015-16 Q1", period_start="2015-04-01",
                            plan_name="P", values=[ValueToStore("A", "Q1", third, "number", tiny, "0.33")])
        [value] = store.series("A")
    assert value.half_width == tiny
    assert value.value is not None and abs(value.value - third) < 1e-12


# --- four officers at once ---------------------------------------------------------------------------------
def _pack_process(url: str, plan: Path, ret: Path, out: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "pccdesk", "pack", "--definitions", str(plan), "--period",
                             "2015-16 Q1", "--db", url, "--out", str(out), str(ret)], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _cells(path: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every sheet's values, without the run's own note that the return was already in the history (which only
    the first of several runs lacks: it is the one that stored it)."""
    book = openpyxl.load_workbook(path)
    return [(ws.title, [tuple(row) for row in ws.iter_rows(values_only=True)
                        if not any(isinstance(c, str) and c.startswith("this file was imported before") for c in row)])
            for ws in book.worksheets]


def test_four_processes_packing_at_once_write_four_identical_packs_and_one_set_of_figures(
        tmp_path: Path, pg_url: str, example_plan_path: Path, example_return_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    outs = [tmp_path / f"pack{i}.xlsx" for i in range(4)]
    procs = [_pack_process(pg_url, example_plan_path, example_return_path, out, env) for out in outs]
    results = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode in (0, 1) for p in procs), results
    # the same pack, built once by one process on a SQLite history: what every one of the four must equal
    alone = tmp_path / "alone.sqlite"
    one = _pack_process(str(alone), example_plan_path, example_return_path, tmp_path / "alone.xlsx", env)
    one.communicate(timeout=300)
    expected = _cells(tmp_path / "alone.xlsx")
    assert all(_cells(out) == expected for out in outs)
    # one set of figures: one import, as many values as the single SQLite run stored, none superseded
    assert count(pg_url, "SELECT COUNT(*) FROM imports") == 1
    stored = count(pg_url, "SELECT COUNT(*) FROM indicator_values")
    assert stored == count(alone, "SELECT COUNT(*) FROM indicator_values") > 20
    assert count(pg_url, "SELECT COUNT(*) FROM indicator_values WHERE superseded_by IS NOT NULL") == 0
    for _, err in results:
        assert "s3cret" not in err


# --- roles and passwords -----------------------------------------------------------------------------------
def test_a_read_only_role_is_refused_with_one_line_and_a_writer_may_import(
        pg_cluster, pg_url: str, tmp_path: Path, example_plan_path: Path, example_return_path: Path,
        capsys) -> None:  # type: ignore[no-untyped-def]
    database = pg_url.split("@/", 1)[1].split("?", 1)[0]
    pg_cluster.admin("DROP ROLE IF EXISTS secretary")
    pg_cluster.admin("DROP ROLE IF EXISTS officer")
    pg_cluster.admin("CREATE ROLE secretary LOGIN PASSWORD 'Sec-pw-0001'")
    pg_cluster.admin("CREATE ROLE officer LOGIN PASSWORD 'Off-pw-0002'")
    assert main(["db", "grant-read", "--db", pg_url, "secretary"]) == 0
    assert main(["db", "grant-write", "--db", pg_url, "officer"]) == 0
    capsys.readouterr()
    reader = pg_cluster.url(database, "secretary", "Sec-pw-0001")
    args = ["pack", "--definitions", str(example_plan_path), "--period", "2015-16 Q1", "--out",
            str(tmp_path / "pack.xlsx"), str(example_return_path)]
    assert main([*args, "--db", reader]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert "secretary may read this history but not change it" in err and "Sec-pw-0001" not in err
    assert not (tmp_path / "pack.xlsx").exists()
    assert count(pg_url, "SELECT COUNT(*) FROM imports") == 0
    # the officer imports; the password comes from PGPASSWORD, not the URL
    writer = pg_cluster.url(database, "officer", None)
    os.environ["PGPASSWORD"] = "Off-pw-0002"
    try:
        assert main([*args, "--db", writer]) in (0, 1)
    finally:
        del os.environ["PGPASSWORD"]
    assert count(pg_url, "SELECT COUNT(*) FROM imports") == 1
    # an officer cannot hand out access: only the owner of the tables can
    capsys.readouterr()
    assert main(["db", "grant-write", "--db", pg_cluster.url(database, "officer", "Off-pw-0002"), "secretary"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "only the owner" in err and "Off-pw-0002" not in err
    # the secretary reads what the officer stored
    with HistoryStore(reader) as store:
        assert len(store.imports()) == 1
    out = capsys.readouterr()
    assert "Off-pw-0002" not in out.out + out.err
    book = openpyxl.load_workbook(tmp_path / "pack.xlsx")
    text = "\n".join(str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)
    assert "Off-pw-0002" not in text and "Sec-pw-0001" not in text


def test_a_role_that_does_not_exist_is_named(pg_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["db", "grant-read", "--db", pg_url, "nobody_here"]) == 2
    assert "there is no database role named nobody_here" in capsys.readouterr().err


# --- moving a team over, and back ----------------------------------------------------------------------------
def _fill(db: Path | str, example_plan_path: Path, example_return_path: Path) -> None:
    from pccdesk.store.mapping_profiles import MappingProfiles
    from pccdesk.store.opcc_comments import save_comments

    assert main(["pack", "--definitions", str(example_plan_path), "--period", "2015-16 Q1", "--db", str(db),
                 "--out", str(example_return_path.with_name("first-pack.xlsx")), str(example_return_path)]) in (0, 1)
    with HistoryStore(db) as store:
        save_comments(store, "2015-16 Q1", {"V3": "Fewer repeat victims; «quoted» text, 100% kept"})
        save_comments(store, "2015-16 Q1", {"V3": "Second thoughts"})
        MappingProfiles(store).save("sig", {"row one": "V3", "row two": None})


def test_a_sqlite_history_copies_to_the_server_and_back_with_identical_counts(
        tmp_path: Path, pg_url: str, example_plan_path: Path, example_return_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from pccdesk.store.transfer import checksums

    original = tmp_path / "history.sqlite"
    _fill(original, example_plan_path, example_return_path)
    back = tmp_path / "back.sqlite"
    assert main(["db", "copy", "--from", str(original), "--to", pg_url]) == 0
    assert main(["db", "copy", "--from", pg_url, "--to", str(back)]) == 0
    with HistoryStore(original) as a, HistoryStore(pg_url) as b, HistoryStore(back) as c:
        sums = checksums(a)
        assert sums == checksums(b) == checksums(c)
        assert {s.table: s.rows for s in sums}["opcc_comments"] == 2
        assert [v.value for v in a.series("V3")] == [v.value for v in b.series("V3")] == [v.value for v in c.series("V3")]
        assert a.reporting_periods() == b.reporting_periods() == c.reporting_periods()
    # counted by hand: as many figures on the server as in the file
    assert count(pg_url, "SELECT COUNT(*) FROM indicator_values") == count(original, "SELECT COUNT(*) FROM indicator_values") > 20
    # new rows on the server continue after the copied ids
    with HistoryStore(pg_url) as store:
        outcome = store.record_import(file_path="next.xlsx", sha256="n", reporting_period="2015-16 Q2",
                                      period_start="2015-07-01", plan_name="P",
                                      values=[ValueToStore("V3", "Q2", 1.0, "number", None, "1")])
        assert outcome.import_id == 2
    # never into a history that holds something
    capsys.readouterr()
    assert main(["db", "copy", "--from", str(original), "--to", pg_url]) == 2
    assert "already holds a history" in capsys.readouterr().err


def test_check_and_backup_of_a_server_history(tmp_path: Path, pg_url: str, example_plan_path: Path,
                                              example_return_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _fill(pg_url, example_plan_path, example_return_path)
    capsys.readouterr()
    assert main(["db", "check", "--db", pg_url]) == 0
    out = capsys.readouterr().out
    assert "integrity check passed" in out and "s3cret" not in out
    # a logical export: a SQLite history with the same rows
    assert main(["db", "backup", "--db", pg_url, str(tmp_path / "backup.sqlite")]) == 0
    assert count(tmp_path / "backup.sqlite", "SELECT COUNT(*) FROM indicator_values") == \
        count(pg_url, "SELECT COUNT(*) FROM indicator_values")
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []
    # pg_dump's own format when pg_dump is installed
    import shutil

    if shutil.which("pg_dump"):
        assert main(["db", "backup", "--db", pg_url, str(tmp_path / "backup.dump")]) == 0
        assert (tmp_path / "backup.dump").read_bytes()[:5] == b"PGDMP"
    assert "s3cret" not in capsys.readouterr().out


def test_check_of_a_server_database_that_is_not_a_history(pg_cluster, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["db", "check", "--db", pg_cluster.url("postgres")]) == 1
    assert "not a pccdesk history database" in capsys.readouterr().out


def test_a_transaction_the_server_could_not_serialise_is_run_again(pg_url: str) -> None:
    import psycopg

    with HistoryStore(pg_url) as store:
        tries: list[int] = []

        def work() -> str:
            tries.append(1)
            if len(tries) < 3:
                raise psycopg.errors.SerializationFailure("could not serialize access")
            return "done"

        assert engines.retrying(store.conn, work) == "done" and len(tries) == 3
        tries.clear()

        def never() -> str:
            tries.append(1)
            raise psycopg.errors.DeadlockDetected("deadlock detected")

        with pytest.raises(psycopg.errors.DeadlockDetected):
            engines.retrying(store.conn, never)
        assert len(tries) == engines.RETRIES


def test_a_copy_that_differs_from_the_original_is_rolled_back(tmp_path: Path, pg_url: str, example_plan_path: Path,
                                                               example_return_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from pccdesk.problems import PccdeskError
    from pccdesk.store import transfer

    original = tmp_path / "history.sqlite"
    _fill(original, example_plan_path, example_return_path)
    # the checksums see a single figure changed in the last digit
    changed = tmp_path / "changed.sqlite"
    with HistoryStore(original) as store:
        store.backup(changed)
        before = transfer.checksums(store)
    with sqlite3.connect(changed) as conn:
        conn.execute("UPDATE indicator_values SET value = value + 1e-9 WHERE id = 1")
    with HistoryStore(changed) as store:
        after = transfer.checksums(store)
    assert [s.table for s in before if s not in after] == ["indicator_values"]
    # a copy whose sums differ (here: made to differ) is rolled back, not left half-trusted
    real, calls = transfer.checksums, []

    def copy_differs(store):  # type: ignore[no-untyped-def]
        calls.append(store)
        return real(changed_store) if len(calls) == 2 else real(store)

    changed_store = HistoryStore(changed)
    monkeypatch.setattr(transfer, "checksums", copy_differs)
    try:
        with pytest.raises(PccdeskError, match="indicator_values differs from the original"):
            transfer.copy_history(original, pg_url)
    finally:
        changed_store.close()
    assert count(pg_url, "SELECT COUNT(*) FROM imports") == 0


# --- processes on the server: concurrent importers, and one killed mid-import -----------------------------
_IMPORTER = """
import sys, time
from pccdesk.store.history_store import HistoryStore, ValueToStore
who, url, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with HistoryStore(url) as store:
    for i in range(n):
        values = [ValueToStore(f"R{k}", "Q1", float(k), "number", None, str(k)) for k in range(40)]
        store.record_import(file_path=f"{who}-{i}.xlsx", sha256=f"{who}-{i}", reporting_period=f"P{i}",
                            period_start=None, plan_name="plan", values=values)
"""

_KILLED = """
import sys, time
from pccdesk.store.history_store import HistoryStore, ValueToStore
url = sys.argv[1]

class PausesInsideTheTransaction(list):
    passes = 0

    def __iter__(self):  # the first pass checks the figures; the second stores them, inside the transaction
        PausesInsideTheTransaction.passes += 1
        for k, value in enumerate(list.__iter__(self)):
            if PausesInsideTheTransaction.passes == 2 and k == 15:
                print("mid-import", flush=True)
                time.sleep(120)
            yield value

with HistoryStore(url) as store:
    store.record_import(file_path="q1-corrected.xlsx", sha256="b", reporting_period="P1", period_start=None,
                        plan_name="plan", values=PausesInsideTheTransaction(
                            ValueToStore(f"R{k}", "Q2", 2.0 * k, "number", None, "x") for k in range(30)))
"""


def test_three_importers_at_once_lose_nothing_on_the_server(pg_url: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [subprocess.Popen([sys.executable, "-c", _IMPORTER, who, pg_url, "12"], cwd=REPO, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for who in "abc"]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    # 3 officers × 12 returns, each for its own period: 36 imports; same periods from 3 officers supersede
    assert count(pg_url, "SELECT COUNT(*) FROM imports") == 36
    assert count(pg_url, "SELECT COUNT(*) FROM indicator_values") == 36 * 40
    assert count(pg_url, "SELECT COUNT(*) FROM indicator_values WHERE superseded_by IS NULL") == 12 * 40


def test_a_process_killed_mid_import_leaves_the_server_history_whole(pg_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    import signal

    with HistoryStore(pg_url) as store:
        store.record_import(file_path="q1.xlsx", sha256="a", reporting_period="P1", period_start=None,
                            plan_name="plan", values=[ValueToStore(f"R{k}", "Q1", float(k), "number", None, str(k))
                                                      for k in range(30)])
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-c", _KILLED, pg_url], cwd=REPO, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "mid-import"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert main(["db", "check", "--db", pg_url]) == 0
    assert count(pg_url, "SELECT COUNT(*) FROM imports") == 1
    assert count(pg_url, "SELECT COUNT(*) FROM indicator_values WHERE superseded_by IS NULL") == 30
    # and the next officer is not kept waiting by the dead one's lock
    with HistoryStore(pg_url, timeout=10) as store:
        again = store.record_import(file_path="q1-corrected.xlsx", sha256="b", reporting_period="P1",
                                    period_start=None, plan_name="plan",
                                    values=[ValueToStore("R5", "Q2", 10.0, "number", None, "x")])
    assert not again.already_imported and again.superseded_refs == ("R5",)


def test_an_import_retried_after_a_serialisation_failure_stores_every_value(pg_url: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    real, calls = HistoryStore._record_import, []

    def fails_first(self, **kw):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:  # the first attempt stores part of the return, then the server cannot serialise it
            with self.transaction() as conn:
                conn.execute("INSERT INTO imports (kind, file_name, file_sha256, reporting_period, imported_at, "
                             "user_name) VALUES ('indicators', 'r.xlsx', 's', 'P1', 'now', 'x')")
                raise psycopg.errors.SerializationFailure("could not serialize access")
        return real(self, **kw)

    monkeypatch.setattr(HistoryStore, "_record_import", fails_first)
    with HistoryStore(pg_url) as store:
        store.record_import(file_path="r.xlsx", sha256="s", reporting_period="P1", period_start=None,
                            plan_name="plan", values=[ValueToStore(f"R{k}", "Q1", float(k), "number", None, str(k))
                                                      for k in range(10)])
    assert len(calls) == 2
    assert count(pg_url, "SELECT COUNT(*) FROM imports") == 1  # the failed attempt left nothing
    assert count(pg_url, "SELECT COUNT(*) FROM indicator_values") == 10


def test_an_upgrade_by_a_role_that_is_not_the_owner_says_who_can(pg_cluster, pg_url: str, monkeypatch,
                                                                  capsys) -> None:  # type: ignore[no-untyped-def]
    database = pg_url.split("@/", 1)[1].split("?", 1)[0]
    pg_cluster.admin("DROP ROLE IF EXISTS officer2")
    pg_cluster.admin("CREATE ROLE officer2 LOGIN PASSWORD 'Off2-pw'")
    pg_cluster.admin("REVOKE CREATE ON SCHEMA public FROM PUBLIC", database)
    latest = store_migrations.MIGRATIONS[-1][0]
    HistoryStore(pg_url).close()
    assert main(["db", "grant-write", "--db", pg_url, "officer2"]) == 0
    monkeypatch.setattr("pccdesk.store.history_store.MIGRATIONS",
                        [*store_migrations.MIGRATIONS, (latest + 1, "CREATE TABLE extra_test (x INTEGER)")])
    capsys.readouterr()
    assert main(["history", "list", "--db", pg_cluster.url(database, "officer2", "Off2-pw")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "only the database's owner" in err and "Off2-pw" not in err
    with HistoryStore(pg_url) as store:  # the owner upgrades
        assert store.schema_version == latest + 1


def test_every_table_the_migrations_create_is_copied_and_numbered_on_both_engines() -> None:
    import re

    from pccdesk.store import transfer

    created, numbered = set(), set()
    for _, sql in store_migrations.MIGRATIONS:
        for name, body in re.findall(r"CREATE TABLE (\w+) \((.*?)\n\)", sql, re.S):
            created.add(name)
            if re.search(r"\bid INTEGER PRIMARY KEY\b", body):
                numbered.add(name)
    assert created - {"schema_version"} == set(transfer.TABLES)  # db copy and its checksums miss no table
    assert numbered == engines._ID_TABLES  # every new row's id (lastrowid) is returned on PostgreSQL too
