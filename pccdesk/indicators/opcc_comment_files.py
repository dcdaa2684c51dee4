"""OPCC comments through a small workbook: one row per indicator, written out and read back.

An OPCC performance officer who does not use the app writes the office's
comments in a workbook pccdesk makes (``pccdesk comments template``): the
period in its first row, then Ref | Objective | Indicator | Force commentary
hint | OPCC comment, the current comments already filled in.
``pccdesk comments import`` reads it back into the history store, where the
pack finds them. The period written in the workbook must be the period given:
a comment stored under the wrong quarter would be printed beside the wrong
figures.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import field
from pathlib import Path

import xlsxwriter

from pccdesk.indicators import codes
from pccdesk.indicators.definitions import Plan, load_definitions
from pccdesk.problems import Location, PccdeskError, Problem, warning
from pccdesk.readers.cells import cell_name, cell_text
from pccdesk.readers.workbook_reader import read_workbook
from pccdesk.records import record
from pccdesk.store.history_store import HistoryStore
from pccdesk.store.opcc_comments import comments_for, save_comments
from pccdesk.writers.safe_output import atomic_output

SHEET = "OPCC comments"
HEADERS = ("Ref", "Objective", "Indicator", "OPCC comment")
_PERIOD = re.compile(r"^\s*period\s*:\s*(.+?)\s*$", re.IGNORECASE)


@record
class CommentImport:
    period: str
    comments: dict[str, str]
    changed: int = 0
    problems: list[Problem] = field(default_factory=list)


def write_comment_workbook(out: Path, plan: Plan, period: str, existing: Mapping[str, str]) -> Path:
    """The workbook the OPCC fills in: every indicator of the plan, its current comment, the period on top."""
    with atomic_output(out) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                              "strings_to_numbers": False})
        book.set_properties({"title": f"OPCC comments: {period}", "subject": "OPCC comments for the panel pack"})
        sheet = book.add_worksheet(SHEET)
        bold = book.add_format({"bold": True, "font_name": "Arial", "font_size": 11})
        head = book.add_format({"bold": True, "font_name": "Arial", "font_size": 11, "bg_color": "#1F3864",
                                "font_color": "#FFFFFF", "locked": True})
        locked = book.add_format({"font_name": "Arial", "font_size": 11, "text_wrap": True, "valign": "top"})
        free = book.add_format({"font_name": "Arial", "font_size": 11, "text_wrap": True, "valign": "top",
                                "locked": False, "bg_color": "#FFF8DC"})
        sheet.write_string(0, 0, f"Period: {period}", bold)
        sheet.write_string(1, 0, "Write the OPCC's comment in the last column; leave it empty for none. "
                           "Then: pccdesk comments import --period \"" + period + "\" THIS-FILE")
        for c, (text, width) in enumerate(zip(HEADERS, (8, 24, 60, 70), strict=True)):
            sheet.set_column(c, c, width)
            sheet.write_string(3, c, text, head)
        r = 4
        for ind in plan.indicators:
            if plan.children(ind.ref):
                continue  # a heading of grouped measures: comments go on its sub-measures
            sheet.write_string(r, 0, ind.ref, locked)
            sheet.write_string(r, 1, ind.objective, locked)
            sheet.write_string(r, 2, ind.wording, locked)
            sheet.write_string(r, 3, existing.get(ind.ref, ""), free)
            r += 1
        sheet.protect("", {"format_columns": True, "format_rows": True})
        sheet.freeze_panes(4, 0)
        book.close()
    return out


def read_comment_workbook(path: Path, plan: Plan, period: str) -> CommentImport:
    """ref → comment from a filled-in workbook. A workbook for another period stops the import (exit 2)."""
    book = read_workbook(path)
    sheet = book.sheet(SHEET) or (book.sheets[0] if book.sheets else None)
    if sheet is None:
        raise PccdeskError("the workbook has no sheets", Location.of(path), code=codes.COMMENTS_NO_SHEET)
    found_period = ""
    header_row = None
    for r in range(min(sheet.height, 15)):
        first = cell_text(sheet.value(r, 0))
        match = _PERIOD.match(first)
        if match:
            found_period = match.group(1)
        texts = [cell_text(v).strip().lower() for v in sheet.rows[r]]
        if "ref" in texts and "opcc comment" in texts:
            header_row = r
            break
    if header_row is None:
        raise PccdeskError('no heading row with "Ref" and "OPCC comment" was found in the first 15 rows',
                           Location(path.name, sheet.name), code=codes.COMMENTS_NO_HEADER)
    if found_period and found_period.strip().lower() != period.strip().lower():
        raise PccdeskError(f"these comments are for {found_period}, not {period}",
                           Location(path.name, sheet.name, "A1"), code=codes.COMMENTS_WRONG_PERIOD)
    texts = [cell_text(v).strip().lower() for v in sheet.rows[header_row]]
    ref_col, comment_col = texts.index("ref"), texts.index("opcc comment")
    result = CommentImport(period, {})
    for r in range(header_row + 1, sheet.height):
        ref = cell_text(sheet.value(r, ref_col)).strip()
        comment = cell_text(sheet.value(r, comment_col)).strip()
        if not ref:
            if comment:
                result.problems.append(warning(codes.COMMENT_WITHOUT_REF, "a comment with no Ref was left out",
                                               Location(path.name, sheet.name, cell_name(r, comment_col))))
            continue
        indicator = plan.get(ref)
        if indicator is None:
            result.problems.append(warning(codes.COMMENT_UNKNOWN_REF, f'"{ref}" is not an indicator of the plan; its '
                                           "comment was left out", Location(path.name, sheet.name,
                                                                            cell_name(r, ref_col))))
            continue
        result.comments[indicator.ref] = comment
    return result


def comments_template(definitions: Path, period: str, db: Path | str, out: Path) -> Path:
    """Library call behind ``pccdesk comments template``: the workbook with the period's current comments."""
    plan = load_definitions(definitions)
    with HistoryStore(db) as store:
        existing = comments_for(store, period)
    return write_comment_workbook(out, plan, period, existing)


def import_comments(path: Path, definitions: Path, period: str, db: Path | str) -> CommentImport:
    """Library call behind ``pccdesk comments import``: read the workbook and store its comments in one step.

    An empty comment cell withdraws that indicator's comment (the earlier one stays in the store's audit).
    """
    plan = load_definitions(definitions)
    result = read_comment_workbook(path, plan, period)
    with HistoryStore(db) as store:
        result.changed = save_comments(store, period, result.comments)
    return result
