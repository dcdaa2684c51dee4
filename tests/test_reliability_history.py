"""History integrity: no return can poison the history, a pack that fails stores nothing, a damaged, newer or
read-only database is told apart, and a database that cannot be created leaves nothing behind."""

from __future__ import annotations

import hashlib
import math
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pccdesk.cli import main
from pccdesk.indicators.definitions import load_definitions
from pccdesk.indicators.plan_templates import EXAMPLE_PERIOD, example_return_rows
from pccdesk.panel_pack import PackRequest, build
from pccdesk.problems import Location, PccdeskError
from pccdesk.store import history_store
from pccdesk.store.history_store import MAX_STORED_MAGNITUDE, HistoryStore, check_storable
from pccdesk.store.migrations import MIGRATIONS
from tests.helpers_returns import write_return

REPO = Path(__file__).resolve().parent.parent


def imports(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0])


def pack(plan: Path, db: Path, out: Path, *returns: Path) -> int:
    return main(["pack", "--definitions", str(plan), "--db", str(db), "--out", str(out), *map(str, returns)])


@pytest.mark.parametrize("figure", [1e308, -1e308, "9" * 400 + "%"])
def test_an_impossible_figure_is_an_error_on_its_cell_and_never_stored(
        tmp_path: Path, example_plan_path: Path, figure: object, capsys: pytest.CaptureFixture[str]) -> None:
    plan = load_definitions(example_plan_path)
    rows = example_return_rows()
    ref = next(iter(rows))
    bad = list(rows[ref])
    bad[3] = figure
    db = tmp_path / "history.sqlite"
    bad_return = write_return(tmp_path / "bad.xlsx", plan, EXAMPLE_PERIOD, {ref: bad})
    assert pack(example_plan_path, db, tmp_path / "bad-pack.xlsx", bad_return) == 1
    errors = [line for line in capsys.readouterr().out.splitlines() if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith("bad.xlsx:Return!") and "too large a number" in errors[0]
    with sqlite3.connect(db) as conn:
        largest = conn.execute("SELECT MAX(ABS(value)) FROM indicator_values").fetchone()[0]
    assert largest < 1e6
    good = write_return(tmp_path / "good.xlsx", plan, EXAMPLE_PERIOD)
    assert pack(example_plan_path, db, tmp_path / "pack.xlsx", good) in (0, 1)
    assert imports(db) == 2 and (tmp_path / "pack.xlsx").exists()


def test_the_store_refuses_an_impossible_figure_whatever_gives_it(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite"
    with HistoryStore(db) as store, pytest.raises(PccdeskError) as caught:
        store.record_import(file_path="r.xlsx", sha256="0" * 64, reporting_period="Q1", period_start=None,
                            plan_name="plan", values=[
                                history_store.ValueToStore("V1", "Q1", 5.0, None, None, "5", "Return", "I6"),
                                history_store.ValueToStore("V2", "Q1", 1e308, None, None, "1e308", "Return", "I7")])
    assert caught.value.code == "value-out-of-range"
    assert str(caught.value.location) == "r.xlsx:Return!I7"
    assert imports(db) == 0


def test_the_storable_range_at_its_boundaries() -> None:
    where = Location("r.xlsx", "Return", "I6")
    for fine in (None, 0, -0.0, MAX_STORED_MAGNITUDE, -MAX_STORED_MAGNITUDE, 10**15, 98.8):
        check_storable(fine, where)
    for bad in (math.nextafter(MAX_STORED_MAGNITUDE, math.inf), -1e16, math.inf, -math.inf, math.nan, 10**400,
                10**15 + 1, True):
        with pytest.raises(PccdeskError) as caught:
            check_storable(bad, where)  # type: ignore[arg-type]
        assert caught.value.code == "value-out-of-range" and caught.value.location == where


def test_a_pack_that_fails_after_reading_stores_nothing(tmp_path: Path, example_plan_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import pccdesk.writers.data_quality as data_quality  # the pack imports its sheet writers when it writes

    plan = load_definitions(example_plan_path)
    good = write_return(tmp_path / "good.xlsx", plan, EXAMPLE_PERIOD)
    db = tmp_path / "history.sqlite"
    request = PackRequest(definitions=example_plan_path, returns=[good], out=tmp_path / "pack.xlsx", db=db)

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("the disk went away")

    monkeypatch.setattr(data_quality, "write_data_quality", fail)
    with pytest.raises(PccdeskError, match="the disk went away"):
        build(request)
    assert imports(db) == 0 and not (tmp_path / "pack.xlsx").exists()
    monkeypatch.undo()
    build(request)
    assert imports(db) == 1


def test_a_database_from_a_newer_pccdesk_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite"
    HistoryStore(db).close()
    newer = MIGRATIONS[-1][0] + 1
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO schema_version VALUES (?, 'later')", (newer,))
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with pytest.raises(PccdeskError) as caught:
        HistoryStore(db)
    assert caught.value.code == "db-newer"
    assert f"made by a newer pccdesk (schema {newer}); update pccdesk" in caught.value.message
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def _damaged_database(tmp_path: Path) -> Path:
    db = tmp_path / "history.sqlite"
    with HistoryStore(db) as store:
        store.conn.execute("PRAGMA journal_mode = DELETE")
        with store.transaction() as conn:
            for i in range(3000):
                conn.execute("INSERT INTO imports (kind, file_name, file_sha256, reporting_period, imported_at,"
                             " user_name) VALUES ('indicators', ?, ?, 'Q1', 'now', 'me')", (f"f{i}", f"{i:064d}"))
    data = bytearray(db.read_bytes())
    page = 4096
    for at in range(page * 3, page * 5):  # two pages of the imports table's b-tree overwritten
        data[at] = 0xA5
    db.write_bytes(bytes(data))
    return db


def test_a_damaged_database_is_never_written_to(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _damaged_database(tmp_path)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with pytest.raises(PccdeskError) as caught:
        HistoryStore(db)
    assert caught.value.code == "db-damaged" and "nothing was written" in caught.value.message
    assert main(["db", "export", "--db", str(db), str(tmp_path / "export.csv")]) == 2
    assert "damaged" in capsys.readouterr().err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not (tmp_path / "export.csv").exists()


def test_a_read_only_location_is_not_called_damage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "history.sqlite"
    with HistoryStore(db) as store:
        store.conn.execute("PRAGMA journal_mode = DELETE")  # a read-only copy has no -wal beside it
    monkeypatch.setattr(history_store, "_writable", lambda path: False)  # tests may run as root: chmod is ignored
    with HistoryStore(db) as store:
        assert store.read_only and store.series("V1") == []
        with pytest.raises(PccdeskError) as caught:
            store.record_import(file_path="r.xlsx", sha256="0" * 64, reporting_period="Q1", period_start=None,
                                plan_name="plan", values=[])
    assert caught.value.code == "db-read-only" and "not damaged" in caught.value.message


def test_a_database_that_cannot_be_created_leaves_nothing_behind(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    code = ("from pccdesk.store.history_store import HistoryStore\nfrom pccdesk.problems import PccdeskError\n"
            f"try:\n    HistoryStore({str(db)!r})\nexcept PccdeskError as exc:\n    print(exc.code, exc.message)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            preexec_fn=small_files, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin",
                                 "PYTHONDONTWRITEBYTECODE": "1"})  # no cut-short .pyc files
    assert result.stdout.startswith("db-no-room the history database could not be created"), result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_db_check_in_a_read_only_folder_is_not_damage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "history.sqlite"
    with HistoryStore(db) as store:
        store.conn.execute("PRAGMA journal_mode = DELETE")
    monkeypatch.setattr(history_store, "_writable", lambda path: False)
    assert main(["db", "check", "--db", str(db)]) == 0
    assert "integrity check passed" in capsys.readouterr().out
    Path(str(db) + "-wal").write_bytes(b"x" * 100)  # changes not yet in the main file
    assert main(["db", "check", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "read-only place" in err and "this is not damage" in err and "FAILED" not in err


def test_db_check_finds_an_impossible_figure_an_older_version_stored(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "history.sqlite"
    with HistoryStore(db) as store:
        store.record_import(file_path="r.xlsx", sha256="0" * 64, reporting_period="Q1", period_start=None,
                            plan_name="plan", values=[history_store.ValueToStore("V1", "Q1", 5.0, None, None, "5",
                                                                                 "Return", "I6")])
    assert main(["db", "check", "--db", str(db)]) == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE indicator_values SET value = 9e999")  # +infinity, as an older pccdesk let in
    assert main(["db", "check", "--db", str(db)]) == 1
    assert "V1 for Q1 (from r.xlsx Return!I6) is not a possible figure" in capsys.readouterr().out


def test_figures_beyond_the_limit_are_cell_errors_at_the_boundary() -> None:
    from pccdesk.values import FIGURE_LIMIT, parse_value

    assert FIGURE_LIMIT == MAX_STORED_MAGNITUDE
    assert parse_value(1e15).value == 1e15 and parse_value(-1e15).value == -1e15
    assert parse_value("1,000,000,000,000,000").value == 1e15
    assert parse_value(1e13, percent_format=True).value == 1e15  # shown as 1e15 %: exactly at the limit
    for bad in (1.001e15, -1e16, "1e16", "9" * 400 + "%", "9" * 16):
        parsed = parse_value(bad)
        assert parsed.value is None and "too large a number to be a figure" in parsed.error
    assert parse_value(1.001e13, percent_format=True).value is None


def test_one_transaction_creates_nothing_when_nothing_is_opened_and_commits_only_at_the_end(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite"
    with history_store.one_transaction(db):
        pass
    assert not db.exists()
    value = history_store.ValueToStore("V1", "Q1", 5.0, None, None, "5", "Return", "I6")
    with history_store.one_transaction(db):
        with HistoryStore(db) as first:
            first.record_import(file_path="r.xlsx", sha256="1" * 64, reporting_period="Q1", period_start=None,
                                plan_name="plan", values=[value])
        with HistoryStore(db) as second:  # shares the first one's connection and transaction
            assert second.conn is first.conn and len(second.series("V1")) == 1
        assert imports(db) == 0  # another connection sees nothing yet
    assert imports(db) == 1
