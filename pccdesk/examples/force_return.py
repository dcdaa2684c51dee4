"""A force return laid out exactly like the "Performance" tables of the published Northumbria report.

This is what a force really sends, not pccdesk's template: per objective a
title row, a ``Performance`` line, the header ``Previous | Period | Current |
Period | Comparative position or note`` with blank cells over the number and
wording columns, indicator numbers in column A (restarting per objective,
some rows unnumbered), values written as text with their ± (``98.8%
(+/-0.6%)``), some as percent-formatted numbers, placeholders (``Not
previously reported`` merged across value and period, ``Data available August
2015``, ``N/A``), heading rows with sub-rows (the attrition rates, the repeat
victims, the appeals), periods merged down a block of sub-rows, a force
sub-heading that is no indicator, and a notes line.

The layout is described once as a :class:`ReturnGrid` (cells, merges, percent
cells) so tests can save the same return as ``.xls``, ``.ods`` and ``.csv``;
:func:`write_example_force_return` writes the ``.xlsx`` (also the bundled
``templates/example-force-return.xlsx``).
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import Any

from pccdesk.examples.plan import EXAMPLE_FIGURES, EXAMPLE_INDICATORS, ExampleFigure
from pccdesk.records import record

SHEET_NAME = "Q1 2015-16"
HEADER = ("", "", "Previous", "Period", "Current", "Period", "Comparative position or note")
WIDTH = len(HEADER)

_FIG = {f.ref: f for f in EXAMPLE_FIGURES}
_WORDING = {i.ref: i.wording for i in EXAMPLE_INDICATORS}

#: Each block: (title, [(number, ref or heading text, kind)]). kind: "row", "heading" (an indicator with
#: sub-rows), "subhead" (the force's own sub-heading, no indicator), "sub" (a sub-row of the heading above).
_BLOCKS: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    ("Objective One – Putting Victims First", (("1", "V1", "row"), ("2", "V2", "row"))),
    ("Satisfaction of victims of burglary, violent and vehicle crime (CVF)", (("3", "V3", "row"), ("4", "V4", "row"))),
    ("Objective Two – Dealing with Anti-Social Behaviour (ASB)", (("1", "A1", "row"), ("2", "A2", "row"))),
    ("Objective Three – Domestic and Sexual Abuse (D&SA)", (
        ("1", "D1", "heading"), ("", "D1a", "sub"), ("", "D1b", "sub"), ("", "D1c", "sub"),
        ("2", "D2", "row"), ("3", "D3", "row"))),
    ("Objective Four – Preventing Crime", (
        ("1", "P1", "row"), ("", "P2", "heading"), ("2", "P2a", "sub"), ("", "P2b", "sub"), ("", "P2c", "sub"),
        ("", "P2d", "sub"), ("", "P2e", "sub"))),
    ("Objective Five – Community Confidence", (
        ("1", "C1", "row"),
        ("", "Reduce the length of time taken through the criminal justice process, reducing the re-bail rate and "
             "length of time on bail.", "subhead"),
        ("2", "C2", "row"), ("3", "C3", "row"), ("4", "C4", "row"), ("5", "C5", "row"), ("", "C6", "row"),
        ("7", "C7", "row"), ("8", "C8", "row"), ("9", "C9", "row"), ("", "C10", "heading"),
        ("", "C10a", "sub"), ("", "C10b", "sub"), ("11", "C11", "row"))),
)
#: The force writes its periods once for a block of sub-rows, merged down the column (as in the report).
_MERGE_PERIODS_DOWN = {"P2"}
NOTES_LINE = "Note: survey results are shown with their 95% confidence interval (+/-)."


@record
class ReturnGrid:
    """A sheet as plain cells: ``rows[r][c]`` is None, a str, or a float; ``percent`` marks percent-formatted
    numbers; ``merges`` are (first row, first col, last row, last col), 0-based, the value in the first cell."""

    sheet: str
    rows: list[list[Any]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    percent: set[tuple[int, int]] = field(default_factory=set)
    bold_rows: set[int] = field(default_factory=set)

    def set(self, r: int, c: int, value: Any, percent: bool = False) -> None:
        while len(self.rows) <= r:
            self.rows.append([None] * WIDTH)
        self.rows[r][c] = value
        if percent:
            self.percent.add((r, c))

    def cell_of(self, ref: str, column: int) -> tuple[int, int]:
        """Where ``ref``'s row is (by its wording in column B), for tests that assert cell addresses."""
        wording = _WORDING[ref]
        for r, row in enumerate(self.rows):
            if row[1] == wording:
                return r, column
        raise KeyError(ref)

    def display_text(self, r: int, c: int) -> str:
        """The cell as Excel shows it (percent numbers as ``10%``, ``79.2%``): what a CSV export holds."""
        value = self.rows[r][c]
        if value is None:
            return ""
        if isinstance(value, float):
            if (r, c) in self.percent:
                return f"{value * 100:.10g}%"
            return f"{value:.10g}"
        return str(value)


def _put_figure(grid: ReturnGrid, r: int, c: int, value: str | float | None) -> None:
    if value is None:
        return
    if isinstance(value, float) and value <= 1.0:
        grid.set(r, c, value, percent=True)
    elif isinstance(value, int | float):
        grid.set(r, c, float(value))
    else:
        grid.set(r, c, value)


def example_force_return_grid() -> ReturnGrid:
    """The example return as a :class:`ReturnGrid`, rows in the order the report prints them."""
    grid = ReturnGrid(SHEET_NAME, [])
    r = 0
    grid.set(r, 0, "Delivery of the Police and Crime Plan – performance, April to June 2015")
    grid.merges.append((r, 0, r, WIDTH - 1))
    grid.bold_rows.add(r)
    r += 2
    for title, items in _BLOCKS:
        grid.set(r, 0, title)
        grid.merges.append((r, 0, r, WIDTH - 1))
        grid.bold_rows.add(r)
        r += 1
        if title.startswith("Objective"):
            grid.set(r, 0, "Performance")
            r += 1
        for c, text in enumerate(HEADER):
            grid.set(r, c, text or None)
        grid.bold_rows.add(r)
        r += 1
        merge_from: int | None = None
        for number, ref, kind in items:
            if number:
                grid.set(r, 0, float(number))
            if kind == "subhead":
                grid.set(r, 1, ref)
                r += 1
                continue
            grid.set(r, 1, _WORDING[ref])
            if kind == "heading":
                merge_from = r + 1 if ref in _MERGE_PERIODS_DOWN else None
                r += 1
                continue
            figure = _FIG[ref]
            _write_row(grid, r, figure, merged_periods=merge_from is not None and merge_from != r)
            r += 1
        if merge_from is not None:
            last = r - 1
            for c in (3, 5):
                grid.merges.append((merge_from, c, last, c))
            merge_from = None
        r += 1  # a blank row between blocks
    grid.set(r, 0, NOTES_LINE)
    grid.merges.append((r, 0, r, WIDTH - 1))
    return grid


def _write_row(grid: ReturnGrid, r: int, figure: ExampleFigure, merged_periods: bool) -> None:
    if isinstance(figure.previous, str) and figure.previous.lower() == "not previously reported":
        grid.set(r, 2, figure.previous)
        grid.merges.append((r, 2, r, 3))
    else:
        _put_figure(grid, r, 2, figure.previous)
        if not merged_periods and figure.previous_period:
            grid.set(r, 3, figure.previous_period)
    _put_figure(grid, r, 4, figure.current)
    if not merged_periods and figure.current_period:
        grid.set(r, 5, figure.current_period)
    if figure.note:
        grid.set(r, 6, figure.note)


def write_example_force_return(path: str | Path, grid: ReturnGrid | None = None) -> Path:
    """Write the example force return (or ``grid``) as ``.xlsx`` with xlsxwriter, texts always as strings."""
    import xlsxwriter

    from pccdesk.writers.safe_output import atomic_output

    grid = grid or example_force_return_grid()
    path = Path(path)
    with atomic_output(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                              "strings_to_numbers": False})
        sheet = book.add_worksheet(grid.sheet)
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        pct = book.add_format({"num_format": "0.0%", "valign": "top"})
        pct_whole = book.add_format({"num_format": "0%", "valign": "top"})
        number = book.add_format({"num_format": "0", "valign": "top"})
        sheet.set_column(0, 0, 5)
        sheet.set_column(1, 1, 60)
        sheet.set_column(2, 5, 16)
        sheet.set_column(6, 6, 40)
        merged_first = {(m[0], m[1]): m for m in grid.merges}
        covered = {(r, c) for r1, c1, r2, c2 in grid.merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        for r, row in enumerate(grid.rows):
            for c, value in enumerate(row):
                fmt = bold if r in grid.bold_rows else wrap
                if isinstance(value, float):
                    if (r, c) in grid.percent:
                        fmt = pct if round(value * 100, 6) != round(value * 100) else pct_whole
                    elif c == 0:
                        fmt = number
                m = merged_first.get((r, c))
                if m is not None:
                    if isinstance(value, float):
                        sheet.merge_range(*m, "", fmt)
                        sheet.write_number(r, c, value, fmt)
                    else:
                        sheet.merge_range(*m, "" if value is None else str(value), fmt)
                    continue
                if (r, c) in covered or value is None:
                    continue
                if isinstance(value, float):
                    sheet.write_number(r, c, value, fmt)
                else:
                    sheet.write_string(r, c, str(value), fmt)
        book.close()
    return path


def main() -> None:  # pragma: no cover - used by `make templates`
    print(write_example_force_return(Path("templates") / "example-force-return.xlsx"))


if __name__ == "__main__":  # pragma: no cover
    main()
