"""The Problems list grouped by file and kind, with counts; a double-click on a problem opens its file."""

from __future__ import annotations

from pccdesk.problems import Location, error, info, warning
from pccdesk.ui.problem_groups import NO_FILE, ProblemGroupModel, counts_text, grouped
from pccdesk.ui.record_model import RECORD_ROLE


def _problems():  # type: ignore[no-untyped-def]
    crime = Location("street.csv", "street", "B7")
    return [warning("crime-unknown-category", "category 'x' not known", crime),
            warning("crime-unknown-category", "category 'y' not known", crime),
            error("row-not-matched", "row 12 matched nothing", Location("return.xlsx", "Return", "C12")),
            info("row-assigned", "assigned by hand", Location("return.xlsx", "Return", "C13")),
            error("period-missing", "the reporting period is not known", Location())]


def test_counts_are_worded_and_counted() -> None:
    ps = _problems()
    assert counts_text(ps) == "2 errors, 2 warnings, 1 note"
    assert counts_text(ps[:1]) == "1 warning"


def test_grouped_by_file_then_kind_worst_first() -> None:
    groups = grouped(_problems())
    assert [name for name, _ in groups] == [NO_FILE, "return.xlsx", "street.csv"]  # errors first, then by name
    street = dict(groups)["street.csv"]
    assert len(street) == 1 and len(street[0][1]) == 2  # two problems of one kind


def test_model_has_counts_in_the_group_lines_and_problems_in_the_leaves(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = ProblemGroupModel()
    model.set_problems(_problems())
    assert model.rowCount() == 3
    street = model.index(2, 0)
    assert street.data() == "street.csv — 2 warnings"
    kind = model.index(0, 0, street)
    assert kind.data().endswith("(2)")
    leaf = model.index(0, 2, kind)
    assert leaf.data() == "category 'x' not known"
    assert model.index(0, 1, kind).data() == "street!B7"
    assert leaf.data(RECORD_ROLE).location.file == "street.csv"
