"""The history after corrections and re-imports: one current figure per indicator and period, whichever return
is removed, and plain words when a return already stored has since been replaced."""

from __future__ import annotations

from pathlib import Path

from pccdesk.store.corrections import remove_import
from pccdesk.store.history_store import HistoryStore, ValueToStore


def _store(store: HistoryStore, name: str, value: float) -> int:
    return store.record_import(file_path=name, sha256=name.ljust(64, "0"), reporting_period="2015-16 Q1",
                               period_start="2015-04-01", plan_name="plan",
                               values=[ValueToStore("V3", "April to June 2015", value, "percent", None, f"{value:g}%")
                                       ]).import_id


def test_removing_a_return_that_was_itself_replaced_leaves_the_latest_figure_alone_current(
        history_db: Path | str) -> None:
    # first.xlsx says 86%, corrected.xlsx replaces it with 87%, final.xlsx replaces that with 88%. Removing
    # corrected.xlsx (stored by mistake) must leave 88% the one current figure: 86% was replaced by a later return
    # too, so it must not come back beside 88% (the History sheet and SPC chart would show two Q1 figures).
    with HistoryStore(history_db) as store:
        _store(store, "first.xlsx", 86)
        middle = _store(store, "corrected.xlsx", 87)
        _store(store, "final.xlsx", 88)
        remove_import(store, middle, reason="stored by mistake")
        assert [(v.value, v.file_name) for v in store.series("V3")] == [(88, "final.xlsx")]
        assert [(v.value, v.superseded) for v in store.series("V3", include_superseded=True)] == [
            (86, True), (88, False)]


def test_removing_the_latest_return_makes_the_one_it_replaced_current_again(history_db: Path | str) -> None:
    with HistoryStore(history_db) as store:
        _store(store, "first.xlsx", 86)
        middle = _store(store, "corrected.xlsx", 87)
        last = _store(store, "final.xlsx", 88)
        remove_import(store, last, reason="stored by mistake")
        assert [v.value for v in store.series("V3")] == [87]
        remove_import(store, middle, reason="stored by mistake")
        assert [v.value for v in store.series("V3")] == [86]


def _pack(plan: Path, db: Path, out: Path, period: str, *returns: Path) -> int:
    from pccdesk.cli import main

    return main(["pack", "--definitions", str(plan), "--db", str(db), "--period", period, "--out", str(out),
                 *map(str, returns)])


def test_a_pack_from_a_return_since_replaced_warns_that_the_history_keeps_the_later_figures(
        tmp_path: Path, example_plan_path: Path, example_plan, capsys) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers_returns import write_return

    db = tmp_path / "h.sqlite"
    v3 = ["Not previously reported", None, "", "87%", None, "April to June 2015", "", ""]
    first = write_return(tmp_path / "first.xlsx", example_plan, "2015-16 Q1", {"V3": v3}, only={"V3"})
    corrected = write_return(tmp_path / "corrected.xlsx", example_plan, "2015-16 Q1", {"V3": [*v3[:3], "86%", *v3[4:]]},
                             only={"V3"})
    _pack(example_plan_path, db, tmp_path / "p1.xlsx", "2015-16 Q1", first)
    _pack(example_plan_path, db, tmp_path / "p2.xlsx", "2015-16 Q1", corrected)
    capsys.readouterr()
    _pack(example_plan_path, db, tmp_path / "p3.xlsx", "2015-16 Q1", first)  # the original, by mistake
    out = capsys.readouterr().out
    said = [line for line in out.splitlines() if line.startswith("first.xlsx") and "imported before" in line]
    assert len(said) == 1 and ": warning: " in said[0]
    assert "corrected.xlsx" in said[0] and "V3" in said[0] and "nothing changed" not in said[0]
    with HistoryStore(db) as store:  # the history still holds the correction as the current figure
        assert [v.value for v in store.series("V3")] == [86]


def test_two_returns_in_one_run_giving_one_indicator_differently_store_the_figure_the_pack_shows(
        tmp_path: Path, example_plan_path: Path, example_plan, capsys) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    from tests.helpers_returns import write_return

    db = tmp_path / "h.sqlite"
    row = ["", None, "", "87%", None, "April to June 2015", "", ""]
    first = write_return(tmp_path / "first.xlsx", example_plan, "2015-16 Q1", {"V3": row}, only={"V3", "D3"})
    second = write_return(tmp_path / "second.xlsx", example_plan, "2015-16 Q1", {"V3": [*row[:3], "84%", *row[4:]]},
                          only={"V3", "C11"})
    _pack(example_plan_path, db, tmp_path / "p.xlsx", "2015-16 Q1", first, second)
    out = capsys.readouterr().out
    assert "V3 is given twice" in out and "the first is used" in out
    ws = openpyxl.load_workbook(tmp_path / "p.xlsx")["Data"]
    v3 = next(r for r in ws[ws.tables["Performance"].ref] if r[0].value == "V3")
    assert v3[5].value == 0.87  # the Current column: the first return's 87%
    with HistoryStore(db) as store:  # ...and the history keeps the same 87%, not the 84% the pack did not show
        assert [(v.value, v.file_name) for v in store.series("V3", include_superseded=True)] == [(87, "first.xlsx")]
        assert [v.file_name for v in store.series("D3")] == ["first.xlsx"]
        assert [v.file_name for v in store.series("C11")] == ["second.xlsx"]  # each return's own figures kept


def test_db_check_names_two_current_figures_for_one_period_that_an_older_version_left(
        history_db: Path | str, capsys) -> None:  # type: ignore[no-untyped-def]
    from pccdesk.cli import main

    with HistoryStore(history_db) as store:
        _store(store, "first.xlsx", 86)
        _store(store, "final.xlsx", 88)
    assert main(["db", "check", "--db", str(history_db)]) == 0
    with HistoryStore(history_db) as store, store.transaction() as conn:  # as the faulty removal left it
        conn.execute("UPDATE indicator_values SET superseded_by = NULL")
    capsys.readouterr()
    assert main(["db", "check", "--db", str(history_db)]) == 1
    out = capsys.readouterr().out
    assert "V3 for 2015-16 Q1 has 2 current figures (from first.xlsx, final.xlsx)" in out


def test_a_history_holding_an_impossible_figure_can_still_be_backed_up(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from pccdesk.cli import main

    db = tmp_path / "h.sqlite"
    with HistoryStore(db) as store:
        _store(store, "first.xlsx", 86)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE indicator_values SET value = 9e999")  # +infinity, as an older pccdesk let in
    assert main(["db", "backup", str(tmp_path / "copy.sqlite"), "--db", str(db)]) == 0
    with sqlite3.connect(tmp_path / "copy.sqlite") as conn:  # a faithful copy, the bad figure included
        assert conn.execute("SELECT value FROM indicator_values").fetchall() == [(float("inf"),)]
    assert main(["db", "check", "--db", str(tmp_path / "copy.sqlite")]) == 1  # and the check still names it
    assert "not a possible figure" in capsys.readouterr().out


def test_a_figure_two_returns_of_one_run_agree_on_stays_when_the_first_return_is_removed(
        tmp_path: Path, example_plan_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers_returns import write_return

    db = tmp_path / "h.sqlite"
    row = ["", None, "", "87%", None, "April to June 2015", "", ""]
    first = write_return(tmp_path / "first.xlsx", example_plan, "2015-16 Q1", {"V3": row}, only={"V3", "D3"})
    second = write_return(tmp_path / "second.xlsx", example_plan, "2015-16 Q1", {"V3": row}, only={"V3", "C11"})
    _pack(example_plan_path, db, tmp_path / "p.xlsx", "2015-16 Q1", first, second)
    with HistoryStore(db) as store:
        first_id = next(i["id"] for i in store.imports() if i["file_name"] == "first.xlsx")
        remove_import(store, first_id, reason="sent by mistake")
        assert [(v.value, v.file_name) for v in store.series("V3")] == [(87, "second.xlsx")]
        assert store.series("D3") == []  # only first.xlsx gave it
