"""One check, one set of read options: ``check`` reads every section and writes nothing; a password reaches every file.

``pccdesk validate`` is ``panel_pack.check``: it must be safe to run as often
as an officer likes, so it may not record figures, save matching decisions
(even with ``--accept-suggestions``), import a tracker register or create a
history database. ``build`` records. The database is compared byte for byte
and row for row before and after.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fixtures_protected import protect
from test_cli import run
from test_import_tables import write_sheet

from pccdesk.examples.tracker import write_register_workbook
from pccdesk.panel_pack import PackRequest, build, check, record_history
from pccdesk.readers.options import ReadOptions
from pccdesk.resources import example_inputs
from pccdesk.store.history_store import HistoryStore

PASSWORD = "Plan-2015!"

#: a force's own table, reworded so one row is only a suggested match (V2) that --accept-suggestions would save
REWORDED = [
    ["Putting Victims First"],
    [None, "Previous", "Period", "Current", "Period"],
    ["Victim satisfaction: time of arrival", "93.7%", "12 months to May 2015", "92.9%", "12 months to June 2015"],
    ["Re-bail rate.", "41.6%", "2014/15", "36.2%", "April to June 2015"],
]


def _locked(plain: Path, out: Path, password: str = PASSWORD) -> Path:
    """``plain`` encrypted as Excel does when a workbook is saved with a password (Agile encryption)."""
    return protect(plain, out, password)


def _snapshot(db: Path) -> tuple[bytes, dict[str, list[tuple[object, ...]]]]:
    """The database file's bytes and every table's rows."""
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        rows = {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        conn.close()
    return db.read_bytes(), rows


# --- one set of read options ----------------------------------------------------------------------------------


def test_validate_opens_a_protected_plan_with_the_password_given(tmp_path, example_plan_path,
                                                                 example_return_path) -> None:  # type: ignore[no-untyped-def]
    locked = _locked(example_plan_path, tmp_path / "locked-plan.xlsx")
    plain = run("validate", "--definitions", str(example_plan_path), "--no-history", str(example_return_path))
    opened = run("validate", "--definitions", str(locked), "--password", PASSWORD, "--no-history",
                 str(example_return_path))
    assert opened.returncode == plain.returncode == 1, opened.stderr  # read and checked (warnings), not exit 2
    assert opened.stdout == plain.stdout  # the locked plan is checked exactly as its unlocked copy
    asked = run("validate", "--definitions", str(locked), "--no-history", str(example_return_path))
    assert asked.returncode == 2 and "password" in asked.stderr and "locked-plan.xlsx" in asked.stderr
    wrong = run("validate", "--definitions", str(locked), "--password", "nope", "--no-history",
                str(example_return_path))
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr


def test_one_password_reaches_the_plan_the_crime_input_and_the_tracker_register(
        tmp_path, example_plan_path, example_return_path) -> None:  # type: ignore[no-untyped-def]
    crime = example_inputs().crime[0]
    register = write_register_workbook(tmp_path / "register-plain.xlsx")
    locked = dict(plan=_locked(example_plan_path, tmp_path / "plan.xlsx"),
                  crime=_locked(crime, tmp_path / "crime.xlsx"),
                  register=_locked(register, tmp_path / "register.xlsx"))

    def problems(plan: Path, crime: Path, register: Path, options: ReadOptions) -> list[tuple[str, str]]:
        result = check(PackRequest(definitions=plan, returns=[example_return_path], period="2015-16 Q1",
                                   use_history=False, crime_files=[crime], tracker_files=[register],
                                   read_options=options))
        return sorted((p.code, p.message) for p in result.problems)

    expected = problems(example_plan_path, crime, register, ReadOptions())
    assert problems(**locked, options=ReadOptions(password=PASSWORD)) == expected
    # a password per file, as the app asks them one by one
    per_file = ReadOptions()
    for path in locked.values():
        per_file = per_file.with_password(path, PASSWORD)
    assert problems(**locked, options=per_file) == expected
    # without the crime file's and the register's passwords, each is named as protected
    only_plan = ReadOptions().with_password(locked["plan"], PASSWORD)
    found = check(PackRequest(definitions=locked["plan"], returns=[example_return_path], period="2015-16 Q1",
                              use_history=False, crime_files=[locked["crime"]], tracker_files=[locked["register"]],
                              read_options=only_plan)).problems
    protected = {p.location.file for p in found if p.code == "password-required"}
    assert protected == {"crime.xlsx", "register.xlsx"}


# --- one check -------------------------------------------------------------------------------------------------


def _request(tmp_path: Path, plan: Path, db: Path, **extra: object) -> PackRequest:
    reworded = write_sheet(tmp_path / "force-own-table.xlsx", REWORDED)
    register = write_register_workbook(tmp_path / "register.xlsx")
    return PackRequest(definitions=plan, returns=[reworded], period="2015-16 Q1", db=db, accept_suggestions=True,
                       crime_files=example_inputs().crime, tracker_files=[register], include_tracker=True,
                       **extra)  # type: ignore[arg-type]


def test_check_reads_every_section_and_writes_nothing(tmp_path, example_plan_path,
                                                      example_return_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "history.sqlite"
    record_history(PackRequest(definitions=example_plan_path, returns=[example_return_path], period="2015-16 Q1",
                               db=db))
    before = _snapshot(db)
    result = check(_request(tmp_path, example_plan_path, db))
    assert _snapshot(db) == before  # no figures, no matching decision, no tracker items, not even a migration
    files = {p.location.file for p in result.problems}
    assert {"force-own-table.xlsx", "northumbria-2015-16-Q1-crime.xlsx"} <= files  # every section was checked
    assert [s.title for s in result.sections] and result.sections[0].tables  # the crime section, built
    v2 = {r.ref: r for reading in result.readings for r in reading.rows}["V2"]
    assert v2.current.value == 92.9  # the suggestion was applied for the check, only not saved

    # build records all of it: the figures, the accepted decision and the tracker register
    build(_request(tmp_path, example_plan_path, db, out=tmp_path / "pack.xlsx"))
    _, after = _snapshot(db)
    assert len(after["imports"]) == len(before[1]["imports"]) + 1
    assert [(r[1], r[2]) for r in after["mapping_profiles"]] == [("victim satisfaction: time of arrival", "V2")]
    assert any(after[t] for t in after if t.startswith("tracker_"))


def test_check_does_not_create_a_history_database(tmp_path, example_plan_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "none-yet.sqlite"
    check(_request(tmp_path, example_plan_path, db))
    assert not db.exists()


def test_validate_covers_crime_and_tracker_inputs_and_saves_no_decision(
        tmp_path, example_plan_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "history.sqlite"
    request = _request(tmp_path, example_plan_path, db)
    HistoryStore(db).close()  # an empty history database
    before = _snapshot(db)
    bad_register = tmp_path / "bad-register.xlsx"
    bad_register.write_bytes(b"not a workbook at all")
    done = run("validate", "--definitions", str(example_plan_path), "--db", str(db), "--accept-suggestions",
               "--period", "2015-16 Q1", "--crime", str(request.crime_files[0]), "--tracker", str(bad_register),
               str(request.returns[0]))
    assert done.returncode == 1, done.stderr
    assert "northumbria-2015-16-Q1-crime.xlsx" in done.stdout and "bad-register.xlsx: error:" in done.stdout
    assert _snapshot(db) == before


def test_check_leaves_an_older_history_database_as_it_is(tmp_path, example_plan_path,
                                                         example_return_path) -> None:  # type: ignore[no-untyped-def]
    """Opening a database made by an earlier version upgrades it (with a backup beside it): a check must not."""
    from pccdesk.store.migrations import MIGRATIONS

    db = tmp_path / "history.sqlite"
    conn = sqlite3.connect(db)
    version, sql = MIGRATIONS[0]
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
    for statement in sql.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT INTO schema_version VALUES (?, '2015-01-01')", (version,))
    conn.commit()
    conn.close()
    assert len(MIGRATIONS) > 1  # so this database is behind the current schema
    before = _snapshot(db)
    result = check(PackRequest(definitions=example_plan_path, returns=[example_return_path], period="2015-16 Q1",
                               db=db))
    assert result.results  # checked, with the history as it was
    assert _snapshot(db) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("history")) == ["history.sqlite"]
