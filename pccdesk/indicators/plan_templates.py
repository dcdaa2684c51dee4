"""Workbooks the OPCC hands out: the blank indicator definitions, the example plan and the force return template.

The return template is what the force fills in: ref and wording locked, one
row per indicator, value cells with input validation, an instructions sheet and
a hidden ``pccdesk`` sheet that lets the importer recognise it and read it
exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from pccdesk import __version__
from pccdesk.examples.plan import (
    EXAMPLE_FIGURES,
    EXAMPLE_INDICATORS,
    EXAMPLE_PERIOD,
    PLAN_NAME,
    ExampleIndicator,
)
from pccdesk.indicators import template_layout as layout
from pccdesk.indicators.definitions import Plan
from pccdesk.writers.safe_output import atomic_output

DEFINITION_COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("ref", 8, "Unique short id, e.g. V3. Used to match the force's figures and in the pack's 'No.' column."),
    ("objective", 28, "The Police and Crime Plan objective this indicator belongs to; the pack has one sheet per objective."),
    ("indicator", 60, "The wording printed in the pack."),
    ("measure", 11, "percent, number, rate, days or currency."),
    ("better", 9, "higher or lower; leave empty for an indicator that is only monitored."),
    ("target", 9, "In the measure's unit: a percent target is written 90 or 90%. Empty if none."),
    ("amber_within", 13, "How far short of target still counts as Amber, same unit. Empty means 0."),
    ("match", 36, "Other wordings the force uses for it, separated by ';'. Optional."),
    ("parent", 8, "Ref of the heading indicator for a sub-measure (e.g. Rape under a conviction-rate heading). Optional."),
)
_BOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def _write_definitions(book: xlsxwriter.Workbook, rows: Sequence[ExampleIndicator], plan_name: str) -> None:
    head = book.add_format({"bold": True, "bg_color": "#1F3864", "font_color": "#FFFFFF", "border": 1,
                            "font_name": "Arial"})
    text = book.add_format({"font_name": "Arial", "text_wrap": True, "valign": "top", "locked": False})
    sheet = book.add_worksheet("Indicators")
    for c, (name, width, note) in enumerate(DEFINITION_COLUMNS):
        sheet.set_column(c, c, width, text)
        sheet.write_string(0, c, name, head)
        sheet.write_comment(0, c, note, {"x_scale": 2.5, "y_scale": 1.5})
    sheet.freeze_panes(1, 0)
    last = max(len(rows) + 200, 500)
    sheet.data_validation(1, 3, last, 3, {"validate": "list", "source": ["percent", "number", "rate", "days", "currency"],
                                          "input_title": "Measure", "input_message": "percent, number, rate, days or currency"})
    sheet.data_validation(1, 4, last, 4, {"validate": "list", "source": ["higher", "lower"], "ignore_blank": True,
                                          "input_title": "Better", "input_message": "higher, lower or empty (monitor only)"})
    sheet.data_validation(1, 5, last, 6, {"validate": "decimal", "criteria": ">=", "value": 0, "error_type": "warning",
                                          "error_message": "Targets and amber margins are numbers (90 or 90%)."})
    for r, ind in enumerate(rows, start=1):
        values: list[Any] = [ind.ref, ind.objective, ind.wording, ind.measure, ind.better, ind.target,
                             ind.amber_within, ind.match, ind.parent]
        for c, v in enumerate(values):
            if v is None or v == "":
                continue
            if isinstance(v, int | float):
                sheet.write_number(r, c, v)
            else:
                sheet.write_string(r, c, str(v))
    plan = book.add_worksheet("Plan")
    plan.set_column(0, 0, 16)
    plan.set_column(1, 1, 60)
    plan.write_string(0, 0, "Plan", head)
    plan.write_string(0, 1, plan_name)
    plan.write_string(2, 0, "About")
    plan.write_string(2, 1, "One row per indicator on the 'Indicators' sheet. Hover over a heading for its meaning. "
                      "Column headings must stay as they are; extra columns are kept and ignored.")


def write_definitions_workbook(path: str | Path, rows: Sequence[ExampleIndicator] = (),
                               plan_name: str = "Police and Crime Plan") -> Path:
    """A definitions workbook: blank (no rows) for a new plan, or filled, as for the example plan."""
    path = Path(path)
    with atomic_output(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), _BOOK_OPTIONS)
        _write_definitions(book, rows, plan_name)
        book.close()
    return path


def write_example_plan(path: str | Path) -> Path:
    return write_definitions_workbook(path, EXAMPLE_INDICATORS, PLAN_NAME)


def write_return_template(path: str | Path, plan: Plan, period: str,
                          filled: Mapping[str, Sequence[Any]] | None = None) -> Path:
    """The force return template for ``plan`` and ``period``; ``filled`` pre-fills rows (used for the example)."""
    path = Path(path)
    with atomic_output(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), _BOOK_OPTIONS)
        base = {"font_name": "Arial", "valign": "top", "text_wrap": True, "border": 1, "border_color": "#999999"}
        locked = book.add_format({**base, "bg_color": "#F2F2F2"})
        unlocked = book.add_format({**base, "locked": False, "bg_color": "#FFFFE0"})
        unlocked_pct = book.add_format({**base, "locked": False, "bg_color": "#FFFFE0", "num_format": "0.0%"})
        head = book.add_format({**base, "bold": True, "bg_color": "#1F3864", "font_color": "#FFFFFF"})
        title = book.add_format({"font_name": "Arial", "bold": True, "font_size": 14})
        sheet = book.add_worksheet(layout.RETURN_SHEET)
        widths = {layout.REF: 7, layout.OBJECTIVE: 22, layout.INDICATOR: 48, layout.MEASURE: 9, layout.TARGET: 8,
                  layout.PREVIOUS: 13, layout.PREVIOUS_CI: 9, layout.PREVIOUS_PERIOD: 16, layout.CURRENT: 13,
                  layout.CURRENT_CI: 9, layout.CURRENT_PERIOD: 16, layout.NOTE: 30, layout.COMMENTARY: 40}
        sheet.write_string(0, 0, f"Force return: {plan.name}", title)
        sheet.write_string(1, 0, f"Reporting period: {period}")
        sheet.write_string(2, 0, "Fill in the yellow cells only. See the 'Instructions' sheet. Percentages may be "
                           "typed as 87% or 87; survey figures may be typed as 87% (+/- 2.5%).")
        h = layout.HEADER_ROW
        for c, name in enumerate(layout.COLUMNS):
            sheet.set_column(c, c, widths[name])
            sheet.write_string(h, c, name, head)
        for r, ind in enumerate(plan.indicators, start=h + 1):
            children = plan.children(ind.ref)
            fixed = [ind.ref, ind.objective, ind.wording, ind.measure.value, ind.target]
            for c, v in enumerate(fixed):
                if v is None:
                    sheet.write_blank(r, c, None, locked)
                elif isinstance(v, float | int):
                    sheet.write_number(r, c, v, locked)
                else:
                    sheet.write_string(r, c, str(v), locked)
            value_fmt = unlocked_pct if ind.is_percent else unlocked
            row_fill = list(filled.get(ind.ref, [])) if filled else []
            for c in range(len(fixed), len(layout.COLUMNS)):
                name = layout.COLUMNS[c]
                fmt = value_fmt if name in (layout.PREVIOUS, layout.CURRENT) else unlocked
                if children:
                    fmt = locked
                v = row_fill[c - len(fixed)] if c - len(fixed) < len(row_fill) else None
                if v is None or v == "":
                    sheet.write_blank(r, c, None, fmt)
                elif isinstance(v, int | float):
                    sheet.write_number(r, c, v, fmt)
                else:
                    sheet.write_string(r, c, str(v), fmt)
            if not children:
                for name in (layout.PREVIOUS, layout.CURRENT):
                    c = layout.COLUMNS.index(name)
                    sheet.data_validation(r, c, r, c, {
                        "validate": "decimal", "criteria": "between",
                        "minimum": 0 if ind.is_percent else -1e12, "maximum": 1 if ind.is_percent else 1e12,
                        "error_type": "warning", "error_title": "Not a figure",
                        "error_message": "A figure was expected (e.g. 87%). Text such as 'N/A' or "
                                         "'Not previously reported' is accepted: choose Yes to keep it.",
                        "input_title": ind.ref, "input_message": ("Percentage, e.g. 87%" if ind.is_percent
                                                                  else f"A {ind.measure.value}")})
        sheet.freeze_panes(h + 1, 3)
        sheet.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                           "select_unlocked_cells": True})
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(h)
        _instructions(book, plan, period)
        meta = book.add_worksheet(layout.META_SHEET)
        for r, (k, v) in enumerate((("template", layout.TEMPLATE_MARK), ("version", __version__), ("plan", plan.name),
                                    ("period", period))):
            meta.write_string(r, 0, k)
            meta.write_string(r, 1, v)
        meta.hide()
        book.close()
    return path


def _instructions(book: xlsxwriter.Workbook, plan: Plan, period: str) -> None:
    sheet = book.add_worksheet("Instructions")
    sheet.set_column(0, 0, 110)
    wrap = book.add_format({"font_name": "Arial", "text_wrap": True, "valign": "top"})
    bold = book.add_format({"font_name": "Arial", "bold": True, "font_size": 13})
    lines = [
        (bold, f"How to fill in this return ({period})"),
        (wrap, f"This workbook lists every indicator of the {plan.name}. Please fill in the yellow cells of the "
               "'Return' sheet and send the workbook back unchanged otherwise: do not add, remove or reorder rows, "
               "and do not rename sheets."),
        (wrap, "Previous value / Current value: the figure itself. Percentages can be typed as 87% or 87. For survey "
               "figures put the ± half-width of the 95% confidence interval in the '±' column (e.g. 2.5), or type "
               "'87% (+/- 2.5%)' in the value cell."),
        (wrap, "If there is no figure, write why: 'Not previously reported', 'N/A', 'Data available August 2015'."),
        (wrap, "Previous period / Current period: what each figure covers, e.g. '12 months to June 2015', "
               "'April to June 2015', '2014/15'."),
        (wrap, "Comparative position or note: national rank, national rate, most-similar-group position, or a note. "
               "Commentary: anything the OPCC should know about the figure."),
        (wrap, "Grey rows are headings of sub-measures: fill in the rows beneath them."),
    ]
    for r, (fmt, text) in enumerate(lines):
        sheet.write_string(r * 2, 0, text, fmt)


def example_return_rows() -> dict[str, list[Any]]:
    """The example figures laid out in the template's fillable columns."""
    rows: dict[str, list[Any]] = {}
    for f in EXAMPLE_FIGURES:
        rows[f.ref] = [f.previous, None, f.previous_period, f.current, None, f.current_period, f.note, ""]
    return rows


def write_example_return(path: str | Path, plan: Plan) -> Path:
    return write_return_template(path, plan, EXAMPLE_PERIOD, filled=example_return_rows())
