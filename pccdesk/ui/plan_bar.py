"""The bar across the top of the window: the plan workbook, the reporting period and the force."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget


class PlanBar(QGroupBox):
    """Widgets only; the window connects them (choose, open in Excel, reload, period and force changed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Plan and period", parent)
        form = QHBoxLayout(self)
        self.plan_field = QLineEdit()
        self.plan_field.setReadOnly(True)
        self.plan_field.setPlaceholderText("Choose the plan's indicator definitions workbook (Ctrl+O)")
        self.plan_field.setAccessibleName("Plan definitions workbook")
        plan_label = QLabel("P&lan:")
        plan_label.setBuddy(self.plan_field)
        self.choose_button = QPushButton("Choose…")
        self.choose_button.setAccessibleName("Choose the plan workbook")
        self.open_plan_button = QPushButton("Open in Excel")
        self.open_plan_button.setAccessibleName("Open the plan workbook in Excel to edit it")
        self.reload_button = QPushButton("Reload")
        self.reload_button.setAccessibleName("Reload the plan workbook after editing it")
        self.period_combo = QComboBox()
        self.period_combo.setEditable(True)
        self.period_combo.setMinimumWidth(120)
        self.period_combo.setAccessibleName("Reporting period")
        self.period_combo.setToolTip('The quarter the pack is for, e.g. "2015-16 Q1"')
        period_label = QLabel("Peri&od:")
        period_label.setBuddy(self.period_combo)
        self.force_field = QLineEdit()
        self.force_field.setPlaceholderText("e.g. Northumbria")
        self.force_field.setAccessibleName("Force (for national crime tables)")
        self.force_field.setToolTip("With national crime tables: the force whose figures and areas to take")
        force_label = QLabel("Forc&e:")
        force_label.setBuddy(self.force_field)
        form.addWidget(plan_label)
        form.addWidget(self.plan_field, 3)
        form.addWidget(self.choose_button)
        form.addWidget(self.open_plan_button)
        form.addWidget(self.reload_button)
        form.addSpacing(12)
        form.addWidget(period_label)
        form.addWidget(self.period_combo)
        form.addSpacing(12)
        form.addWidget(force_label)
        form.addWidget(self.force_field, 1)
