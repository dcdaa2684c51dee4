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
