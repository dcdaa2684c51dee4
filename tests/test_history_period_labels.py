"""One period, one label in the history: a corrected return replaces the figures it corrects however the period
was written (in the template's period cell or with --period; as a quarter, a financial year or a month)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from pccdesk.cli import main
from pccdesk.indicators.plan_templates import write_return_template
from pccdesk.periods import settled_period
from pccdesk.store.history_store import HistoryStore, ValueToStore


@pytest.mark.parametrize(("typed", "label"), [
    ("2015-16", "2015-16"), ("2015/16", "2015-16"), ("FY 2015-2016", "2015-16"),
    ("Jul 2015", "July 2015"), ("July 2015", "July 2015"), ("sep. 15", "September 2015"),
    ("Q1 2015/16", "2015-16 Q1"), ("Mid-year 2015", "Mid-year 2015"),  # free text: kept as typed
    ("2015/17", "2015/17"),  # no financial year: kept, never dated
])
def test_one_label_per_year_and_month(typed: str, label: str) -> None:
    assert settled_period(typed) == label


def _v3(store: HistoryStore) -> list[tuple[str, float | None]]:
    return [(v.reporting_period, v.value) for v in store.series("V3")]


def test_a_correction_under_the_settled_label_replaces_figures_an_older_history_kept_under_another(
        tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.sqlite") as store:
        for label, value in (("Q1 2015/16", 87.0), ("2015-16 Q1", 86.0)):  # the first as an older pccdesk kept it
            store.record_import(file_path=f"{value:g}.xlsx", sha256=f"{value:g}".ljust(64, "0"),
                                reporting_period=label, period_start="2015-04-01", plan_name="plan",
                                values=[ValueToStore("V3", "April to June 2015", value, "percent", None, f"{value:g}%")])
        assert _v3(store) == [("2015-16 Q1", 86)]
        store.record_import(file_path="year.xlsx", sha256="y".ljust(64, "0"), reporting_period="2015-16",
                            period_start="2015-04-01", plan_name="plan",
                            values=[ValueToStore("V3", "2015/16", 90.0, "percent", None, "90%")])
        assert sorted(_v3(store)) == [("2015-16", 90), ("2015-16 Q1", 86)]  # a year never replaces a quarter


def test_a_template_period_and_a_typed_period_for_one_quarter_are_one_period(
        tmp_path: Path, example_plan_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "h.sqlite"

    def pack(name: str, template_period: str, figure: str, months: str, *asked: str) -> Path:
        ret = write_return_template(tmp_path / f"{name}.xlsx", example_plan, template_period,
                                    filled={"V3": ["", None, "", figure, None, months, "", ""]})
        out = tmp_path / f"{name}-pack.xlsx"
        main(["pack", "--definitions", str(example_plan_path), "--db", str(db), "--out", str(out), *asked, str(ret)])
        return out

    pack("q1", "Q1 2015/16", "87%", "April to June 2015")  # the period from the template's own cell
    pack("q1-corrected", "Q1 2015/16", "86%", "April to June 2015", "--period", "2015-16 Q1")
    out = pack("q2", "2015-16 Q2", "91%", "July to September 2015")
    with HistoryStore(db) as store:
        assert _v3(store) == [("2015-16 Q1", 86), ("2015-16 Q2", 91)]
    ws = openpyxl.load_workbook(out)["Data"]
    v3 = next(r for r in ws[ws.tables["Performance"].ref] if r[0].value == "V3")
    assert (v3[3].value, v3[4].value) == (pytest.approx(0.86), "April to June 2015")  # the corrected 86%


def test_removing_a_middle_correction_keeps_one_current_figure_across_labels(tmp_path: Path) -> None:
    from pccdesk.store.corrections import remove_import

    with HistoryStore(tmp_path / "h.sqlite") as store:
        ids = [store.record_import(file_path=f"{value:g}.xlsx", sha256=f"{value:g}".ljust(64, "0"),
                                   reporting_period=label, period_start="2015-04-01", plan_name="plan",
                                   values=[ValueToStore("V3", "April to June 2015", value, "percent", None,
                                                        f"{value:g}%")]).import_id
               for label, value in (("Q1 2015/16", 87.0), ("2015-16 Q1", 86.0), ("2015-16 Q1", 85.0))]
        remove_import(store, ids[1], reason="stored by mistake")
        assert _v3(store) == [("2015-16 Q1", 85)]  # 87% (under the older label) stays replaced


def test_history_list_and_remove_find_a_quarter_however_the_officer_writes_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "h.sqlite"
    with HistoryStore(db) as store:
        for name, value in (("q2.xlsx", 91.0), ("q2-corrected.xlsx", 92.0)):
            store.record_import(file_path=name, sha256=name.ljust(64, "0"), reporting_period="2015-16 Q2",
                                period_start="2015-07-01", plan_name="plan",
                                values=[ValueToStore("V3", "July to September 2015", value, "percent", None,
                                                     f"{value:g}%")])
    assert main(["history", "list", "--db", str(db), "--period", "Q2 2015/16"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 2 and "No returns" not in listed[0]
    assert "q2.xlsx  (1 figures, all replaced by a later return," in listed[0]
    assert "q2-corrected.xlsx  (1 figures, imported" in listed[1]
    assert main(["history", "remove", "--db", str(db), "--file", "q2-corrected.xlsx", "--period", "July to September 2015",
                 "--reason", "sent by mistake"]) == 0
    with HistoryStore(db) as store:
        assert _v3(store) == [("2015-16 Q2", 91)]
