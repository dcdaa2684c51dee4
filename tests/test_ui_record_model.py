"""The one base table model and filter proxy every table of the app is built on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import Qt

from pccdesk.ui.record_model import RECORD_ROLE, SORT_ROLE, RecordFilter, RecordTableModel


@dataclass
class Row:
    name: str
    count: int


class RowModel(RecordTableModel[Row]):
    headers: ClassVar[tuple[str, ...]] = ("Name", "Count")

    def text(self, record: Row, column: int) -> str:
        return (record.name, f"{record.count:,}")[column]

    def sort_key(self, record: Row, column: int) -> Any:
        return record.count if column == 1 else record.name.lower()

    def style(self, record: Row, column: int, role: int) -> Any:
        return "big" if role == Qt.ItemDataRole.ToolTipRole and record.count > 1000 else None


class BigOnly(RecordFilter):
    def __init__(self) -> None:
        super().__init__()
        self.big_only = False

    def accepts(self, model: RecordTableModel[Any], record: Row) -> bool:
        return not self.big_only or record.count > 1000


ROWS = [Row("Burglary", 1200), Row("Vehicle crime", 45), Row("Robbery", 3)]


def test_the_model_shows_each_record_by_its_columns(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = RowModel()
    model.set_records(ROWS)
    assert (model.rowCount(), model.columnCount()) == (3, 2)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Count"
    first = model.index(0, 1)
    assert first.data() == "1,200" and first.data(Qt.ItemDataRole.AccessibleTextRole) == "1,200"
    assert first.data(RECORD_ROLE) is ROWS[0] and first.data(SORT_ROLE) == 1200
    assert first.data(Qt.ItemDataRole.ToolTipRole) == "big" and model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole) is None


def test_refresh_tells_the_views_about_every_row_or_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = RowModel(records=list(ROWS))
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), a.column(), b.row(), b.column())))
    model.refresh()
    model.refresh(1)
    RowModel().refresh()  # nothing to refresh: no signal, no error
    assert changed == [(0, 0, 2, 1), (1, 0, 1, 1)]


def test_the_filter_combines_its_own_rule_with_a_search_over_the_shown_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = RowModel(records=list(ROWS))
    proxy = BigOnly()
    proxy.setSourceModel(model)

    def shown() -> list[str]:
        return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]

    proxy.set_search("  CRIME ")
    assert shown() == ["Vehicle crime"]
    proxy.set_search("1,2")  # the text as shown, thousands separator included
    assert shown() == ["Burglary"]
    proxy.set_search("")
    proxy.change("big_only", True)
    assert shown() == ["Burglary"]
    proxy.change("big_only", False)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert shown() == ["Robbery", "Vehicle crime", "Burglary"]  # by number, not by text
