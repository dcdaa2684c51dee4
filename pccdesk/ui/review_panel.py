"""The Review tab: every indicator with its status, a filter bar, and the selected one's source and history.

The table is a view over :class:`~pccdesk.ui.models.IndicatorFilter`; the panel
only shows what the selected :class:`~pccdesk.indicators.assessment.IndicatorResult`
holds — the text as the force wrote it, the cell it came from, and its stored
history against the target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pccdesk.problems import Location
from pccdesk.ui.history_chart import ChartPoint, HistoryChart
from pccdesk.ui.models import RECORD_ROLE, IndicatorColumn, IndicatorFilter, IndicatorTableModel, status_text
from pccdesk.ui.opcc_comment_box import CommentBox

if TYPE_CHECKING:
    from pccdesk.indicators.assessment import IndicatorResult

#: The order a reviewer reads in; the model keeps the pack's column order.
READING_ORDER = (IndicatorColumn.REF, IndicatorColumn.INDICATOR, IndicatorColumn.STATUS, IndicatorColumn.CURRENT,
                 IndicatorColumn.TARGET, IndicatorColumn.PREVIOUS, IndicatorColumn.CHANGE, IndicatorColumn.DIRECTION)
COLUMN_WIDTHS = (48, 140, 300, 105, 130, 105, 130, 58, 105, 68, 175, 170)


class ReviewPanel(QWidget):
    """Set ``reporting_period`` after each review: the history chart labels this quarter's point with it."""

    def __init__(self, proxy: IndicatorFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.reporting_period = ""
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText("Search indicators (Ctrl+F)")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(160)
        self.search_field.setAccessibleName("Search indicators")
        self.search_field.textChanged.connect(proxy.set_search)
        self.only_red = QCheckBox("Only Red")
        self.only_red.setAccessibleName("Show only indicators with Red status")
        self.only_red.toggled.connect(proxy.set_only_red)
        self.only_problems = QCheckBox("Only with problems")
        self.only_problems.setAccessibleName("Show only indicators with problems")
        self.only_problems.toggled.connect(proxy.set_only_problems)
        # the counts sit on their own line and wrap: a long summary must never widen the window
        self.counts_label = QLabel("")
        self.counts_label.setAccessibleName("Status counts")
        self.counts_label.setWordWrap(True)
        self.counts_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.counts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                                  | Qt.TextInteractionFlag.TextSelectableByMouse)
        bar.addWidget(self.search_field, 1)
        bar.addWidget(self.only_red)
        bar.addWidget(self.only_problems)
        layout.addLayout(bar)
        layout.addWidget(self.counts_label)

        split = QSplitter(Qt.Orientation.Vertical)
        self.review_view = view = QTableView()
        view.setModel(proxy)
        view.setAccessibleName("Indicators with their status")
        view.setSortingEnabled(True)
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
        view.setWordWrap(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate(COLUMN_WIDTHS):
            view.setColumnWidth(col, width)
        for visual, col in enumerate(READING_ORDER):
            header.moveSection(header.visualIndex(col), visual)
        view.selectionModel().selectionChanged.connect(self._selection_changed)
        split.addWidget(view)
        lower = QSplitter(Qt.Orientation.Horizontal)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("Where the selected figure came from")
        self.detail.setOpenLinks(False)
        self.detail.setPlaceholderText("Select an indicator to see the original text and the cell it came from.")
        self.chart = HistoryChart()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.detail, 1)
        self.comment_box = CommentBox()
        column.addWidget(self.comment_box)
        lower.addWidget(left)
        lower.addWidget(self.chart)
        lower.setSizes([420, 600])
        split.addWidget(lower)
        split.setSizes([480, 260])
        self.review_split = split
        layout.addWidget(split, 1)

    @property
    def indicators(self) -> IndicatorTableModel:
        model = self.proxy.sourceModel()
        assert isinstance(model, IndicatorTableModel)
        return model

    def selected_result(self) -> IndicatorResult | None:
        rows = self.review_view.selectionModel().selectedRows()
        if not rows:
            return None
        from pccdesk.indicators.assessment import IndicatorResult  # loaded already, with the review's results

        record = self.proxy.data(rows[0], RECORD_ROLE)
        return record if isinstance(record, IndicatorResult) else None

    def select_ref(self, ref: str) -> bool:
        row = self.indicators.row_of(ref)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.indicators.index(row, 0))
        if not index.isValid():
            return False
        self.review_view.selectRow(index.row())
        self.review_view.scrollTo(index)
        return True

    def show_nothing(self) -> None:
        self.detail.clear()
        self.chart.set_series("", [], None, False, "Select an indicator to see its history.")

    def _selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        result = self.selected_result()
        if result is None:
            self.show_nothing()
            return
        self.detail.setHtml(detail_html(result))
        self.chart.set_series(f"{result.ref} {result.indicator.wording}", chart_points(result, self.reporting_period),
                              result.indicator.target, result.indicator.is_percent,
                              "No figures are stored for this indicator yet: build a pack to start its history.",
                              result.spc)


def chart_points(result: IndicatorResult, reporting_period: str = "") -> list[ChartPoint]:
    """The stored history of the indicator, with this quarter's figure added when it is not stored yet."""
    points = [ChartPoint(h.reporting_period, h.value, h.text) for h in result.history]
    current = result.current_value
    if current is not None and result.current is not None and result.current.value is not None:
        label = reporting_period or result.current_period or "This quarter"
        if label not in {p.period for p in points}:
            points.append(ChartPoint(label, current, result.current.text))
    return points


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _where(location: Location) -> str:
    """``Return!I16 in file.xlsx``: the cell first, as people look for it."""
    if not location.file:
        return ""
    return f"{location.sheet_cell} in {location.file}" if location.sheet_cell else location.file


def detail_html(result: IndicatorResult) -> str:
    """The original text and the cell each figure came from, for the selected indicator."""
    ind = result.indicator
    parts = [f"<h3>{_escape(ind.ref)} — {_escape(ind.wording)}</h3>",
             f"<p>{_escape(ind.objective)}. Target: {_escape(ind.target_text or 'none')} "
             f"({_escape(ind.better.label)}).</p>"]
    if result.row is None:
        parts.append("<p>No figure was received for this indicator.</p>" if not result.is_heading
                     else "<p>A heading: its sub-measures carry the figures.</p>")
        return "".join(parts)
    row = result.row
    source = result.previous_source or "from the history"
    prev_where = source[:1].upper() + source[1:] if result.previous_from_history else _where(row.previous_location)
    rows = [("Current", row.current.text, result.current_period, _where(row.current_location)),
            ("Previous", result.previous.text if result.previous else "", result.previous_period, prev_where)]
    parts.append("<table cellpadding='3'><tr><th align='left'>Figure</th><th align='left'>As written</th>"
                 "<th align='left'>Period</th><th align='left'>From</th></tr>")
    for name, text, period, where in rows:
        parts.append(f"<tr><td>{name}</td><td><b>{_escape(text or '(empty)')}</b></td><td>{_escape(period)}</td>"
                     f"<td>{_escape(where)}</td></tr>")
    parts.append("</table>")
    parts.append(f"<p>Status: <b>{_escape(status_text(result.status))}</b>; direction: "
                 f"{_escape(result.change.direction.value)}.</p>")
    if row.label and row.label != ind.wording:
        parts.append(f"<p>The force's wording: “{_escape(row.label)}” (row {_escape(str(row.location))}, "
                     f"matched by {_escape(row.match_method)}).</p>")
    if result.note:
        parts.append(f"<p>Note: {_escape(result.note)}</p>")
    if result.commentary:
        parts.append(f"<p>Commentary: {_escape(result.commentary)}</p>")
    return "".join(parts)
