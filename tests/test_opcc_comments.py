"""OPCC comments: written in a small workbook, kept in the history store, printed in every pack of the period."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from pccdesk.cli import main
from pccdesk.panel_pack import PackRequest, build
from pccdesk.store.history_store import HistoryStore
from pccdesk.store.opcc_comments import comment_history, comments_for, save_comments


def _fill(path: Path, comments: dict[str, str], period_cell: str | None = None) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["OPCC comments"]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "Ref")
    for r in range(header + 1, ws.max_row + 1):
        if ws.cell(r, 1).value in comments:
            ws.cell(r, 4).value = comments[ws.cell(r, 1).value]
            ws.cell(r, 4).data_type = "s"  # text as typed, even when it starts with "="
    if period_cell is not None:
        ws["A1"] = period_cell
    wb.save(path)


def test_comments_from_a_workbook_reach_the_pack_and_survive_a_rebuild(  # type: ignore[no-untyped-def]
        tmp_path, example_plan_path, example_return_path) -> None:
    db, sheet = tmp_path / "h.sqlite", tmp_path / "comments.xlsx"
    common = ["--definitions", str(example_plan_path), "--period", "2015-16 Q1", "--db", str(db)]
    assert main(["comments", "template", "--out", str(sheet), *common]) == 0
    _fill(sheet, {"V3": "Asked the force for its recovery plan.", "D2": "=cmd|' /C calc'!A0"})
    assert main(["comments", "import", str(sheet), *common]) == 0
    for attempt in range(2):  # the second build must print the same comments
        out = build(PackRequest(definitions=example_plan_path, returns=[example_return_path], period="2015-16 Q1",
                                out=tmp_path / f"pack{attempt}.xlsx", db=db)).out
        assert out is not None
        wb = openpyxl.load_workbook(out)
        summary = wb["Summary"]
        header = next(r for r in summary.iter_rows() if r[0].value == "Ref")
        columns = [c.value for c in header]
        rows = {r[0].value: r for r in summary.iter_rows(min_row=header[0].row + 1) if r[0].value}
        comment = columns.index("OPCC comment")
        assert rows["V3"][comment].value == "Asked the force for its recovery plan."
        assert rows["D2"][comment].value == "=cmd|' /C calc'!A0" and rows["D2"][comment].data_type == "s"
        assert rows["V3"][0].hyperlink.location == "'1 Putting Victims First'!A1"
        objective = wb["1 Putting Victims First"]
        v3 = next(r for r in objective.iter_rows(min_row=4) if r[0].value == "V3")
        assert "OPCC comment: Asked the force for its recovery plan." in v3[-1].value


def test_a_comments_workbook_for_another_period_is_refused(tmp_path, example_plan_path) -> None:  # type: ignore[no-untyped-def]
    db, sheet = tmp_path / "h.sqlite", tmp_path / "comments.xlsx"
    common = ["--definitions", str(example_plan_path), "--db", str(db)]
    assert main(["comments", "template", "--out", str(sheet), "--period", "2015-16 Q1", *common]) == 0
    _fill(sheet, {"V3": "A comment"})
    assert main(["comments", "import", str(sheet), "--period", "2015-16 Q2", *common]) == 2
    with HistoryStore(db) as store:
        assert comments_for(store, "2015-16 Q2") == {} and comments_for(store, "2015-16 Q1") == {}


def test_an_unknown_ref_is_named_and_left_out(tmp_path, example_plan_path, capsys) -> None:  # type: ignore[no-untyped-def]
    db, sheet = tmp_path / "h.sqlite", tmp_path / "comments.xlsx"
    common = ["--definitions", str(example_plan_path), "--period", "2015-16 Q1", "--db", str(db)]
    assert main(["comments", "template", "--out", str(sheet), *common]) == 0
    wb = openpyxl.load_workbook(sheet)
    ws = wb["OPCC comments"]
    ws.cell(ws.max_row + 1, 1, "Z9")
    ws.cell(ws.max_row, 4, "About nothing")
    wb.save(sheet)
    assert main(["comments", "import", str(sheet), *common]) == 1
    assert '"Z9" is not an indicator of the plan' in capsys.readouterr().out


def test_a_new_comment_replaces_the_old_which_stays_in_the_audit(history_db) -> None:  # type: ignore[no-untyped-def]
    with HistoryStore(history_db) as store:
        assert save_comments(store, "2015-16 Q1", {"V3": "First", "D2": ""}) == 1  # an empty comment is no change
        assert save_comments(store, "2015-16 Q1", {"V3": "First"}) == 0
        assert save_comments(store, "2015-16 Q1", {"V3": "Second"}) == 1
        assert comments_for(store, "2015-16 Q1") == {"V3": "Second"}
        assert comments_for(store, "2015-16 Q2") == {}
        assert save_comments(store, "2015-16 Q1", {"V3": ""}) == 1  # withdrawn
        assert comments_for(store, "2015-16 Q1") == {}
        audit = comment_history(store, "V3", "2015-16 Q1")
        assert [c.comment for c in audit] == ["First", "Second", ""]
        assert [c.replaced_at is None for c in audit] == [False, False, True]
