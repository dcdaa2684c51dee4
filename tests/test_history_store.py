"""The history store: idempotent re-import, supersede, previous value from history, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pccdesk.indicators.status_rules import Direction
from pccdesk.panel_pack import PackRequest, record_history
from pccdesk.store import migrations as store_migrations
from pccdesk.store.history_store import HistoryStore
from tests.helpers_db import count, write_errors
from tests.helpers_returns import write_return


def _check(plan_path: Path, ret: Path, db: Path | str, period: str):  # type: ignore[no-untyped-def]
    return record_history(PackRequest(definitions=plan_path, returns=[ret], period=period, db=db))


_count = count


def test_same_file_twice_changes_nothing(tmp_path, history_db, example_plan_path, example_return_path) -> None:  # type: ignore[no-untyped-def]
    db = history_db
    _check(example_plan_path, example_return_path, db, "2015-16 Q1")
    before = (_count(db, "SELECT COUNT(*) FROM imports"), _count(db, "SELECT COUNT(*) FROM indicator_values"))
    result = _check(example_plan_path, example_return_path, db, "2015-16 Q1")
    after = (_count(db, "SELECT COUNT(*) FROM imports"), _count(db, "SELECT COUNT(*) FROM indicator_values"))
    assert before == after and before[0] == 1 and before[1] > 20
    assert any(p.code == "already-imported" for p in result.problems)


def test_corrected_return_supersedes_but_keeps_the_earlier(tmp_path, history_db, example_plan_path, example_plan,  # type: ignore[no-untyped-def]
                                                           example_return_path) -> None:
    db = history_db
    _check(example_plan_path, example_return_path, db, "2015-16 Q1")
    corrected = write_return(tmp_path / "corrected.xlsx", example_plan, "2015-16 Q1",
                             {"D2": [0.66, None, "2014/15", 0.71, None, "April to June 2015", "", "corrected"]})
    result = _check(example_plan_path, corrected, db, "2015-16 Q1")
    assert next(r for r in result.results if r.ref == "D2").current_value == pytest.approx(71)
    with HistoryStore(db) as store:
        active = store.series("D2")
        everything = store.series("D2", include_superseded=True)
    assert [v.value for v in active] == [pytest.approx(71)]
    assert sorted(v.value for v in everything) == [pytest.approx(68), pytest.approx(71)]
    assert [v.superseded for v in everything if v.value == pytest.approx(68)] == [True]
    assert any(p.code == "superseded" for p in result.problems)


def test_previous_value_comes_from_history(tmp_path, history_db, example_plan_path, example_plan,  # type: ignore[no-untyped-def]
                                           example_return_path) -> None:
    db = history_db
    _check(example_plan_path, example_return_path, db, "2015-16 Q1")
    q2 = write_return(tmp_path / "q2.xlsx", example_plan, "2015-16 Q2",
                      {"V3": ["Not previously reported", None, "", 0.91, None, "July to September 2015", "", ""]})
    result = _check(example_plan_path, q2, db, "2015-16 Q2")
    v3 = next(r for r in result.results if r.ref == "V3")
    assert v3.previous_from_history
    assert v3.previous_value == pytest.approx(87) and v3.previous_period == "April to June 2015"
    assert v3.previous is not None and v3.previous.half_width == pytest.approx(2.5)
    assert v3.change.direction is Direction.IMPROVED  # the current figure has no interval: a plain comparison
    assert [p.reporting_period for p in v3.history] == ["2015-16 Q1", "2015-16 Q2"]


def test_history_is_ordered_by_period_not_import_order(tmp_path, history_db, example_plan_path, example_plan) -> None:  # type: ignore[no-untyped-def]
    db = history_db
    for period, value in (("2015-16 Q3", 0.93), ("2015-16 Q1", 0.87), ("2015-16 Q2", 0.91)):
        ret = write_return(tmp_path / f"{period}.xlsx", example_plan, period,
                           {"V3": ["", None, "", value, None, period, "", ""]}, only={"V3"})
        _check(example_plan_path, ret, db, period)
    with HistoryStore(db) as store:
        assert [v.reporting_period for v in store.series("V3")] == ["2015-16 Q1", "2015-16 Q2", "2015-16 Q3"]
        before_q3 = store.value_before("V3", "2015-16 Q3", "2015-10-01")
        assert before_q3 is not None and before_q3.value == pytest.approx(91)


def test_schema_version_and_backup_before_migration(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "h.sqlite"
    with HistoryStore(db) as store:
        assert store.schema_version == store_migrations.MIGRATIONS[-1][0]
        assert store.integrity_problems() == []
    latest = store_migrations.MIGRATIONS[-1][0]
    monkeypatch.setattr(store_migrations, "MIGRATIONS",
                        [*store_migrations.MIGRATIONS, (latest + 1, "CREATE TABLE extra_test (x INTEGER)")])
    monkeypatch.setattr("pccdesk.store.history_store.MIGRATIONS", store_migrations.MIGRATIONS)
    with HistoryStore(db) as store:
        assert store.schema_version == latest + 1
    backups = list(tmp_path.glob(f"h.before-v{latest + 1}-*.sqlite"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == latest


def test_failed_import_leaves_nothing(history_db) -> None:  # type: ignore[no-untyped-def]
    from pccdesk.store.history_store import ValueToStore

    db = history_db
    with HistoryStore(db) as store:
        bad = [ValueToStore("A", "p", 1.0, "number", None, "1"), ValueToStore(None, "p", 2.0, "number", None, "2")]  # type: ignore[arg-type]
        with pytest.raises(write_errors()):
            store.record_import(file_path="x.xlsx", sha256="abc", reporting_period="Q", period_start=None,
                                plan_name="P", values=bad)
        assert store.imports() == []
        assert store.series("A") == []
