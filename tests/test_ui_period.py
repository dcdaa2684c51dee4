"""A return for another quarter: the app refuses it in plain words and offers the quarter in one click."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pccdesk.indicators.period_check import MISMATCH
from tests.test_ui_keyboard import window  # noqa: F401  (the fixture)
from tests.test_ui_main_window import REVIEW_TIMEOUT, drop, load_plan, wait_review_with


def test_use_the_quarter_the_return_covers(qtbot, window, example_plan_path, example_return_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    load_plan(qtbot, window, example_plan_path, period="2015-16 Q2")
    drop(window, example_return_path)
    wait_review_with(qtbot, window, example_return_path.name)
    assert any(p.code == MISMATCH.code for p in window.review.problems)
    banner = window.period_banner
    assert banner.isVisible()
    assert banner.use_button.text() == "Use 2015-16 Q1" and banner.keep_button.text() == "Keep 2015-16 Q2"
    assert "2015-16 Q1" in banner.label.text() and "2015-16 Q2" in banner.label.text()
    qtbot.mouseClick(banner.use_button, Qt.MouseButton.LeftButton)
    assert window.period == "2015-16 Q1"
    qtbot.waitUntil(lambda: not window.busy and window.review is not None
                    and window.review.result.period == "2015-16 Q1", timeout=REVIEW_TIMEOUT)
    assert not any(p.code == MISMATCH.code for p in window.review.problems)
    assert not banner.isVisible()


def test_keep_the_chosen_quarter_is_an_explicit_override(qtbot, window, example_plan_path,  # noqa: F811
                                                         example_return_path) -> None:  # type: ignore[no-untyped-def]
    load_plan(qtbot, window, example_plan_path, period="2015-16 Q2")
    drop(window, example_return_path)
    wait_review_with(qtbot, window, example_return_path.name)
    qtbot.mouseClick(window.period_banner.keep_button, Qt.MouseButton.LeftButton)
    assert window.state.request().override_period_check is True
    qtbot.waitUntil(lambda: not window.busy and window.review is not None
                    and not any(p.code == MISMATCH.code for p in window.review.problems), timeout=REVIEW_TIMEOUT)
    assert not window.period_banner.isVisible()
    window.period_combo.setCurrentText("2015-16 Q3")  # a new period is checked afresh
    assert window.state.override_period_check is False


def test_an_unmatched_row_can_be_assigned_to_any_indicator(qtbot, window, example_plan_path, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """A row whose wording shares nothing with the plan gets no suggestion; it is still listed, and the
    officer assigns it to V1 by hand: V1 then shows the row's figure and the choice is remembered."""
    from pccdesk.examples.force_return import example_force_return_grid, write_example_force_return
    from pccdesk.ui.match_decisions import saved_decisions
    from pccdesk.ui.models import Decision, IndicatorColumn
    from tests.test_ui_main_window import cell

    grid = example_force_return_grid()
    label_row = next(r for r, row in enumerate(grid.rows)
                     if row[1] == "Percentage of victims satisfied with ease of contact.")
    grid.rows[label_row][1] = "Quarterly figure zzqx"
    other = next(r for r, row in enumerate(grid.rows)
                 if str(row[1]).startswith("Percentage of victims satisfied with the time"))
    grid.rows[other][1] = "Monthly figure qqzz"  # two unknown rows in one objective: no structural pairing either
    force_return = write_example_force_return(tmp_path / "Force return Q1.xlsx", grid)
    load_plan(qtbot, window, example_plan_path)
    drop(window, force_return)
    wait_review_with(qtbot, window, force_return.name)
    rows = [i for i, it in enumerate(window.suggestions.items) if it.suggestion.label == "Quarterly figure zzqx"]
    assert len(rows) == 1
    item = window.suggestions.item(rows[0])
    assert item.unmatched and window.suggestions.index(rows[0], 4).data() == "To assign"
    assert cell(window, "V1", IndicatorColumn.STATUS) == "… No data"
    with qtbot.waitSignal(window.reviewed, timeout=REVIEW_TIMEOUT):
        window.decide(rows[0], Decision.CHANGED, "V1")
    qtbot.waitUntil(lambda: not window.busy, timeout=REVIEW_TIMEOUT)
    assert cell(window, "V1", IndicatorColumn.CURRENT) == "98.8% (+/-0.6%)"
    signature = next(r.signature for r in window.review.result.readings if r.path == force_return)
    assert "V1" in saved_decisions(window.db, signature).values()


def test_remove_a_return_stored_under_the_wrong_quarter(qtbot, window, example_plan_path, example_return_path,  # noqa: F811
                                                        tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pccdesk.panel_pack import PackRequest, build
    from pccdesk.store.corrections import REMOVED, corrections
    from pccdesk.store.history_store import HistoryStore
    from pccdesk.ui.history_corrections import RemoveReturnDialog, stored_returns

    build(PackRequest(example_plan_path, [example_return_path], out=tmp_path / "pack.xlsx", period="2015-16 Q1",
                      db=window.db))
    (stored,) = stored_returns(window.db)
    assert stored.reporting_period == "2015-16 Q1" and stored.file_name == example_return_path.name
    dialog = RemoveReturnDialog([stored])
    qtbot.addWidget(dialog)
    assert not dialog.remove_button.isEnabled()  # a return is chosen and a reason given first
    dialog.list.setCurrentRow(0)
    dialog.reason.setText("stored under the wrong quarter")
    assert dialog.remove_button.isEnabled() and dialog.chosen() == (stored.import_id, "stored under the wrong quarter")
    window.tools.remove_return(stored.import_id, "stored under the wrong quarter")
    assert stored_returns(window.db) == []
    with HistoryStore(window.db) as store:
        (record,) = corrections(store)
    assert record.kind == REMOVED and record.file_name == example_return_path.name
    assert "removed from the history" in window.messages[-1]


def test_opcc_comment_written_in_the_app_reaches_the_pack(qtbot, window, example_plan_path, example_return_path,  # noqa: F811
                                                          tmp_path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    from pccdesk.store.history_store import HistoryStore
    from pccdesk.store.opcc_comments import comments_for

    load_plan(qtbot, window, example_plan_path)
    drop(window, example_return_path)
    wait_review_with(qtbot, window, example_return_path.name)
    box = window.review_panel.comment_box
    assert not box.isEnabled()  # nothing selected yet
    assert window.review_panel.select_ref("D2")
    assert box.isEnabled() and "D2" in box.title() and "2015-16 Q1" in box.title()
    box.editor.setPlainText("The OPCC has asked the force for its plan to reach 75%.")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    with HistoryStore(window.db) as store:
        assert comments_for(store, "2015-16 Q1") == {"D2": "The OPCC has asked the force for its plan to reach 75%."}
    assert box.who.text().startswith("Written by")
    window.inputs_panel.html_check.setChecked(True)
    out = tmp_path / "pack.xlsx"
    with qtbot.waitSignal(window.packBuilt, timeout=REVIEW_TIMEOUT):
        window.build_to(out)
    assert out.with_suffix(".html").exists()
    assert "The OPCC has asked the force" in out.with_suffix(".html").read_text(encoding="utf-8")
    book = openpyxl.load_workbook(out)
    assert any("The OPCC has asked the force" in str(c.value) for ws in book.worksheets
               for row in ws.iter_rows() for c in row if c.value)


def test_tracker_warnings_reach_the_problems_list(qtbot, window, example_plan_path, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """A PEEL column pccdesk does not know is kept and warned about — in the app's Problems list, with its cell."""
    import xlsxwriter

    from pccdesk.examples.tracker import QUESTIONS, SEED_PEEL_ROWS
    from pccdesk.ui.models import FileKind

    peel = tmp_path / "peel grades.xlsx"
    book = xlsxwriter.Workbook(str(peel))
    ws = book.add_worksheet("PEEL 2023-25")
    ws.write_string(0, 0, "HMICFRS PEEL RESULTS 2023/25")
    for c, heading in enumerate(["FORCE", *QUESTIONS, "Wellbeing of frogs"]):
        ws.write_string(2, c, heading)
    for r, row in enumerate(SEED_PEEL_ROWS, start=3):
        for c, value in enumerate([*row, "Good"]):
            if value:
                ws.write_string(r, c, value)
    book.close()
    load_plan(qtbot, window, example_plan_path)
    window.add_files([peel])
    assert window.files.files[0].kind is FileKind.TRACKER  # recognised from its content
    qtbot.waitUntil(lambda: not window.busy and window.review is not None
                    and any(p.location.file == peel.name for p in window.problems.problems), timeout=REVIEW_TIMEOUT)
    frogs = [p for p in window.problems.problems if "Wellbeing of frogs" in p.message]
    assert frogs and frogs[0].location.sheet_cell == "'PEEL 2023-25'!L3"
