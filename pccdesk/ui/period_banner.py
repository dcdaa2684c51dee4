"""The bar that says "these figures are for another quarter" with the one-click answer.

A return whose own period texts say April to June 2015 must not be packed as
2015-16 Q2: the review lists it as a blocking problem, and this bar above the
tabs offers what the officer almost always wants — "Use 2015-16 Q1" — and, for
the rare legitimate case, "Keep 2015-16 Q2", which the library records in the
history when the pack is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

if TYPE_CHECKING:
    from pccdesk.ui.main_window import MainWindow


class PeriodBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("periodBanner")
        self.setStyleSheet("#periodBanner { background: #fde7e9; border: 1px solid #b3261e; border-radius: 4px; }")
        self.setAccessibleName("The returns are for another quarter")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.use_button = QPushButton()
        self.keep_button = QPushButton()
        row.addWidget(self.label, 1)
        row.addWidget(self.use_button)
        row.addWidget(self.keep_button)
        self.hide()

    def offer(self, covered: str, chosen: str) -> None:
        self.label.setText(f"The returns' figures are for {covered}, not {chosen}. Nothing is stored or packed "
                           "under the wrong quarter.")
        self.use_button.setText(f"Use {covered}")
        self.use_button.setAccessibleName(f"Use {covered} as the reporting period")
        self.keep_button.setText(f"Keep {chosen}")
        self.keep_button.setAccessibleName(f"Keep {chosen} although the returns say {covered} (recorded in the "
                                           "history)")
        self.show()


class PeriodFix(QObject):
    """Shows the banner after each review that refused the period, and applies the choice."""

    def __init__(self, window: MainWindow, banner: PeriodBanner) -> None:
        super().__init__(window)
        self.window = window
        self.banner = banner
        self.offered: tuple[str, str] | None = None
        banner.use_button.clicked.connect(self.use_covered)
        banner.keep_button.clicked.connect(self.keep_chosen)
        window.reviewed.connect(lambda _review: self.refresh())
        window.period_combo.currentTextChanged.connect(self._period_edited)

    def refresh(self) -> None:
        self.offered = self.window.state.period_fix()
        if self.offered is None:
            self.banner.hide()
        else:
            self.banner.offer(*self.offered)

    def _period_edited(self, _text: str) -> None:
        self.window.state.override_period_check = False  # a new choice of period is checked afresh
        self.banner.hide()

    def use_covered(self) -> None:
        if self.offered is not None:
            self.window.period_combo.setCurrentText(self.offered[0])
            self.window.tell(f"The period is now {self.offered[0]}, the quarter the returns' figures are for.")

    def keep_chosen(self) -> None:
        if self.offered is not None:
            self.window.state.override_period_check = True
            self.banner.hide()
            self.window.tell(f"Keeping {self.offered[1]}: the pack's history will record that you chose it although "
                             f"the returns say {self.offered[0]}.")
            self.window.schedule_review(now=True)
