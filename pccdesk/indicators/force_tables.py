"""Reading a force's own performance tables (not pccdesk's template) into :class:`ReturnRow` records.

The steps are separate modules, each testable on its own:
:mod:`pccdesk.indicators.table_finding` finds the tables and their rows,
:mod:`pccdesk.indicators.matching` says which indicator each row is,
:mod:`pccdesk.store.mapping_profiles` remembers the officer's decisions for this
source, :mod:`pccdesk.values` and :mod:`pccdesk.periods` read the cells, and
:mod:`pccdesk.indicators.checks` raises the problems. This module only puts them
together and decides what is applied, what is proposed and what is reported.
"""

from __future__ import annotations

import collections
import datetime as dt
import sqlite3
from typing import Any

from pccdesk.indicators import codes
from pccdesk.indicators.checks import check_duplicates, check_row
from pccdesk.indicators.definitions import Indicator, Plan
from pccdesk.indicators.figures import hidden_rows_used, period_text, read_figure
from pccdesk.indicators.matching import Match, is_leaf, match_row, objective_for_title
from pccdesk.indicators.return_rows import ReturnReading, ReturnRow, Suggestion, is_blank
from pccdesk.indicators.row_suggestions import best_candidates, candidates_text, structural_pairs
from pccdesk.indicators.table_finding import (
    COMMENTARY,
    CURRENT,
    CURRENT_CI,
    CURRENT_PERIOD,
    LABEL,
    NOTE,
    PREVIOUS,
    PREVIOUS_CI,
    PREVIOUS_PERIOD,
    RAG,
    TARGET,
    FoundRow,
    FoundTable,
    cell_text,
    find_tables,
    header_role,
)
from pccdesk.periods import parse_period, quarter_named_in, reporting_quarter_of
from pccdesk.problems import Location, PccdeskError, Problem, error, info, warning
from pccdesk.readers import SheetData, WorkbookData
from pccdesk.readers.cells import cell_name, column_letter
from pccdesk.store.mapping_profiles import MappingProfiles, source_key, structure_signature


def find_all_tables(book: WorkbookData) -> list[FoundTable]:
    """Tables of the visible sheets; hidden sheets are read only when no visible sheet has one."""
    visible = [t for s in book.sheets if not s.hidden for t in find_tables(s)]
    if visible:
        return visible
    return [t for s in book.sheets if s.hidden for t in find_tables(s)]


def book_signature(book: WorkbookData, tables: list[FoundTable]) -> str:
    return structure_signature([s.name for s in book.sheets], [t for table in tables for t in table.header_texts])


def read_force_tables(book: WorkbookData, plan: Plan, *, accept_suggestions: bool = False,
                      profiles: MappingProfiles | None = None) -> ReturnReading:
    """Find the indicator tables in ``book``, match their rows to ``plan`` and read every figure.

    Matches the importer is sure of are applied; the others become
    :class:`Suggestion` records (applied, and saved to ``profiles``, only with
    ``accept_suggestions``). Rows matching nothing and indicators with no
    figure are reported as problems. Never raises for a readable workbook
    without tables: that is an error problem in the reading.
    """
    problems: list[Problem] = []
    tables = find_all_tables(book)
    signature = book_signature(book, tables)
    reading = ReturnReading(book.path, [], problems, shape="tables", signature=signature)
    if not tables:
        problems.append(_no_tables(book))
        return reading
    decisions = _decisions(profiles, signature, problems, book)
    year = _year_hint(book, tables)
    taken: set[str] = set()
    new_decisions: dict[str, str | None] = {}
    matched_headings: set[str] = set()
    #: unmatched rows with figures: (row, objective, table, found row, profile key, location)
    pending: list[tuple[ReturnRow, str | None, FoundTable, FoundRow, str, Location]] = []
    kept = 0
    for table in tables:
        sheet = book.sheet(table.sheet)
        assert sheet is not None
        objective = (objective_for_title(plan, table.title) if table.title else None) or \
            objective_for_title(plan, table.sheet)
        by_row: dict[int, Match] = {}
        last_child_row: dict[int, ReturnRow] = {}
        marks = (len(reading.rows), len(reading.suggestions), len(reading.unmatched), len(problems))
        for found in table.rows:
            parent_match = by_row.get(found.parent.row) if found.parent is not None else None
            parent = parent_match.indicator if parent_match and parent_match.applied else None
            key = source_key(found.label, found.parent.label if found.parent else "")
            match = _decided(plan, decisions, key)
            if match is None:
                match = match_row(plan, found.label, found.number, parent=parent, objective=objective,
                                  heading=found.is_heading, taken=taken)
            by_row[found.row] = match
            where = book.location(sheet.name, found.row, found.label_col)
            if found.is_heading:
                if _has_children_rows(table, found):
                    if match.applied and match.indicator is not None:
                        matched_headings.add(match.indicator.ref.lower())
                    continue
                if match.indicator is None:
                    continue  # a sub-heading line of the force's own, with no figures
            row = _return_row(book, sheet, table, found, match.indicator, problems)
            row.source_key = key
            _inherit_periods(row, found, last_child_row)
            if found.parent is not None:
                last_child_row[found.parent.row] = row
            if match.method == "profile" and match.indicator is None:
                continue  # the officer said this row is not one of the plan's indicators
            if match.indicator is not None and match.applied:
                _apply(row, match, taken)
                reading.rows.append(row)
            elif match.indicator is not None and accept_suggestions and len(match.ambiguous) <= 1:
                _apply(row, match, taken)
                reading.rows.append(row)
                new_decisions[key] = match.indicator.ref
                problems.append(info(codes.SUGGESTION_ACCEPTED,
                                     f'"{found.label}" taken as {match.indicator.ref} (score {match.score:.2f}, '
                                     "accepted with --accept-suggestions)", where))
            elif match.indicator is not None:
                row.match_method, row.match_score = match.method, match.score
                reading.suggestions.append(Suggestion(found.label, match.indicator.ref, match.score, where, row,
                                                      source_key=key, alternatives=match.ambiguous))
                reading.unmatched.append(row)
                # what is suggested is held as --accept-suggestions would hold it, so the next rows are matched
                # alike with and without it: the match applied is always the one listed
                taken.add(match.indicator.ref)
                problems.append(_suggested(found.label, match, where))
            else:
                row.match_method, row.match_score = "none", 0.0
                reading.unmatched.append(row)
                if row.current.text.strip() or row.previous.text.strip():
                    pending.append((row, objective, table, found, key, where))
                    problems.append(_not_matched(plan, row, objective, taken, where))
        if table.weak and (len(reading.rows), len(reading.suggestions)) == marks[:2]:
            # dates over columns but no row is an indicator: a statistical table, not a return
            del reading.unmatched[marks[2]:]
            del problems[marks[3]:]
        else:
            kept += 1
            if len(reading.rows) > marks[0]:
                problems.extend(_repeated_figure_columns(book, sheet, table))
                problems.extend(_unlabelled_rows(book, sheet, table))
    if not kept:
        problems.append(_no_tables(book))
        return reading
    _pair_by_structure(book, plan, reading, pending, accept_suggestions, taken, new_decisions)
    problems.extend(check_duplicates(reading.rows))
    reading.rows = _first_of_each(reading.rows)
    for row in reading.rows:
        indicator = plan.get(row.ref or "")
        if indicator is not None:
            problems.extend(check_row(row, indicator, year))
    problems.extend(hidden_rows_used(book, reading.rows))
    _report_missing(plan, reading, matched_headings, problems, book)
    reading.reporting_period = _reporting_period(book, tables, reading.rows, year)
    if profiles is not None and new_decisions:
        try:
            profiles.save(signature, new_decisions)
        except (PccdeskError, sqlite3.Error) as exc:
            problems.append(warning(codes.MAPPING_PROFILE_NOT_SAVED,
                                    f"the accepted matches were applied but could not be remembered for next time "
                                    f"({exc})", book.location()))
    return reading


def _unlabelled_rows(book: WorkbookData, sheet: SheetData, table: FoundTable) -> list[Problem]:
    """A warning for each row with figures but no wording: its figures belong to no indicator and are not used,
    though a person reading the sheet sees them (under a wording merged down over two rows, say)."""
    problems: list[Problem] = []
    label_col = table.columns.get(LABEL, 0)
    for r in table.unlabelled:
        merged = next((m for m in sheet.merged if m[1] <= label_col <= m[3] and m[0] < r <= m[2]), None)
        why = (f"its wording cell is part of {cell_name(merged[0], merged[1])}:{cell_name(merged[2], merged[3])} "
               f'merged with "{cell_text(sheet.value(merged[0], merged[1]))}" above' if merged is not None
               else "its wording cell is blank")
        shown = ", ".join(f'"{cell_text(sheet.value(r, c))}"' for role, c in sorted(table.columns.items(),
                          key=lambda kv: kv[1]) if role in (PREVIOUS, CURRENT) and sheet.value(r, c) is not None)
        problems.append(warning(codes.FIGURES_WITHOUT_WORDING,
                                f"row {r + 1} has figures ({shown}) but {why}, so they were not used: if they are "
                                "an indicator's figures, write its wording in the row", book.location(
                                    sheet.name, r, label_col)))
    return problems


def _repeated_figure_columns(book: WorkbookData, sheet: SheetData, table: FoundTable) -> list[Problem]:
    """A warning when two columns of a table carry the same heading (two "Current"): the figures are read from
    the first, nearest the wording, which may not be the one meant (a hidden old column, the force's average)."""
    problems: list[Problem] = []
    heading = sheet.rows[table.header_row] if table.header_row < sheet.height else []
    for role in (PREVIOUS, CURRENT):
        used = table.columns.get(role)
        others = [c for c, v in enumerate(heading) if c != used and header_role(cell_text(v)) == role]
        if used is None or not others:
            continue
        problems.append(warning(codes.FIGURE_COLUMN_REPEATED,
                                f'{len(others) + 1} columns are headed like "{cell_text(heading[used])}" '
                                f"({', '.join(column_letter(c) for c in [used, *others])}); the figures were read from "
                                f"column {column_letter(used)}, the first. If another holds the figures meant, ask "
                                "the force to remove or rename the others", book.location(sheet.name,
                                                                                          table.header_row, others[0])))
    return problems


def _suggested(label: str, match: Match, where: Location) -> Problem:
    """The warning for a match the officer must confirm; a tie between indicators is never applied on its own."""
    assert match.indicator is not None
    if len(match.ambiguous) > 1:
        return warning(codes.MATCH_SUGGESTED, f'"{label}" fits {" and ".join(match.ambiguous)} equally well '
                       f"(score {match.score:.2f}), so it is not applied, even with --accept-suggestions: choose "
                       "one in the app, or add the force's wording to that indicator's Match column in the "
                       "definitions", where)
    return warning(codes.MATCH_SUGGESTED, f'"{label}" looks like {match.indicator.ref} (score {match.score:.2f}) '
                   "but is not applied until accepted", where)


def _not_matched(plan: Plan, row: ReturnRow, objective: str | None, taken: set[str], where: Location) -> Problem:
    """An unmatched row's warning, naming its closest candidates (kept on the row) and what the officer can do."""
    label = row.label
    candidates = best_candidates(plan, label, objective, taken)
    row.candidates = tuple(ind.ref for ind, _score in candidates)
    closest = (f"; closest: {candidates_text(candidates)}. If it is one of these, assign it in the app or add "
               "the force's wording to that indicator's Match column in the definitions") if candidates else ""
    return warning("row-not-matched", f'"{_short(label)}" matches no indicator of the plan "{plan.name}"{closest}',
                   where)


def _pair_by_structure(book: WorkbookData, plan: Plan, reading: ReturnReading,
                       pending: list[tuple[ReturnRow, str | None, FoundTable, FoundRow, str, Location]],
                       accept_suggestions: bool, taken: set[str], new_decisions: dict[str, str | None]) -> None:
    """The last unmatched row and the last indicator without a row of an objective, proposed together."""
    if not pending:
        return
    got = {(r.ref or "").lower() for r in reading.rows}
    waiting = {s.ref.lower() for s in reading.suggestions}
    pairs = structural_pairs(plan, [(p[0], p[1]) for p in pending], got, waiting)
    by_row = {id(p[0]): p for p in pending}
    for pair in pairs:
        old_row, _objective, table, found, key, where = by_row[id(pair.row)]
        sheet = book.sheet(table.sheet)
        assert sheet is not None
        row = _return_row(book, sheet, table, found, pair.indicator, reading.problems)
        row.source_key = key
        reading.unmatched.remove(old_row)
        reading.problems[:] = [p for p in reading.problems if not (p.code == "row-not-matched" and p.location == where)]
        why = (f"the last row without a match and {pair.indicator.ref} the last indicator without a row in "
               f'"{pair.indicator.objective}"')
        if accept_suggestions:
            _apply(row, Match(pair.indicator, "structure", pair.score, False), taken)
            reading.rows.append(row)
            new_decisions[key] = pair.indicator.ref
            reading.problems.append(info("suggestion-accepted",
                                         f'"{_short(found.label)}" taken as {pair.indicator.ref} ({why}; score '
                                         f"{pair.score:.2f}, accepted with --accept-suggestions)", where))
            continue
        row.match_method, row.match_score = "structure", pair.score
        reading.unmatched.append(row)
        reading.suggestions.append(Suggestion(found.label, pair.indicator.ref, pair.score, where, row,
                                              source_key=key))
        reading.problems.append(warning("match-suggested",
                                        f'"{_short(found.label)}" looks like {pair.indicator.ref}: {why} (score '
                                        f"{pair.score:.2f}); not applied until accepted", where))


def _no_tables(book: WorkbookData) -> Problem:
    return error(codes.NO_INDICATOR_TABLES,
                 "no indicator table was found: no row has headings such as Previous, Current, Period, Target or "
                 "Comparative position or note, or periods over the figure columns", book.location())


def _decisions(profiles: MappingProfiles | None, signature: str, problems: list[Problem],
               book: WorkbookData) -> dict[str, str | None]:
    if profiles is None:
        return {}
    try:
        decisions = profiles.decisions(signature)
    except (PccdeskError, sqlite3.Error) as exc:
        problems.append(warning(codes.MAPPING_PROFILE_UNAVAILABLE,
                                f"saved matching decisions could not be read, so every match is made afresh ({exc})",
                                book.location()))
        return {}
    if decisions:
        problems.append(info(codes.MAPPING_PROFILE_USED,
                             f"{len(decisions)} saved matching decision(s) for this layout of return were used",
                             book.location()))
    return decisions


def _decided(plan: Plan, decisions: dict[str, str | None], key: str) -> Match | None:
    if key not in decisions:
        return None
    ref = decisions[key]
    if ref is None:
        return Match(None, "profile", 1.0, True)
    indicator = plan.get(ref)
    if indicator is None:
        return None  # the plan changed since: match afresh
    return Match(indicator, "profile", 1.0, True)


def _apply(row: ReturnRow, match: Match, taken: set[str]) -> None:
    assert match.indicator is not None
    row.ref = match.indicator.ref
    row.match_method = match.method
    row.match_score = match.score
    taken.add(match.indicator.ref)


def _inherit_periods(row: ReturnRow, found: FoundRow, last_child_row: dict[int, ReturnRow]) -> None:
    """A sub-row with figures but no period texts takes its sibling's above: forces write the period once
    for a block of sub-rows (merged down the column in Excel, lost in a CSV export)."""
    if found.parent is None:
        return
    sibling = last_child_row.get(found.parent.row)
    if sibling is None:
        return
    if not row.previous_period and row.previous.text.strip():
        row.previous_period = sibling.previous_period
    if not row.current_period and row.current.text.strip():
        row.current_period = sibling.current_period


def _has_children_rows(table: FoundTable, heading: FoundRow) -> bool:
    return any(r.parent is heading for r in table.rows)


def _first_of_each(rows: list[ReturnRow]) -> list[ReturnRow]:
    """One row per indicator: the first, unless it is blank and a later one gives a figure."""
    kept: dict[str, ReturnRow] = {}
    for row in rows:
        key = (row.ref or "").lower()
        earlier = kept.get(key)
        if earlier is None or (is_blank(earlier.current) and not is_blank(row.current)):
            kept[key] = row
    return list(kept.values())


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cell_with_merge(sheet: SheetData, r: int, c: int | None) -> tuple[Any, int]:
    """A cell's value; for a blank cell inside a range merged down a column, the range's value
    (periods merged over a block of sub-rows). Returns the value and the row it came from."""
    if c is None:
        return None, r
    value = sheet.value(r, c)
    if value is not None:
        return value, r
    for r1, c1, r2, _c2 in sheet.merged:
        if c1 == c and r1 < r <= r2:
            return sheet.value(r1, c1), r1
    return None, r


def _return_row(book: WorkbookData, sheet: SheetData, table: FoundTable, found: FoundRow,
                indicator: Indicator | None, problems: list[Problem]) -> ReturnRow:
    table_cols = table.columns
    local: list[Problem] = []
    previous, prev_loc = read_figure(book, sheet, found.row, table_cols.get(PREVIOUS), table_cols.get(PREVIOUS_CI),
                                 indicator, local)
    current, cur_loc = read_figure(book, sheet, found.row, table_cols.get(CURRENT), table_cols.get(CURRENT_CI),
                               indicator, local)
    if indicator is not None:
        problems.extend(local)
    prev_period, _ = _cell_with_merge(sheet, found.row, table_cols.get(PREVIOUS_PERIOD))
    cur_period, _ = _cell_with_merge(sheet, found.row, table_cols.get(CURRENT_PERIOD))
    if prev_period is None and previous.text.strip():
        prev_period = table.periods.get(PREVIOUS_PERIOD)
    if cur_period is None and current.text.strip():
        cur_period = table.periods.get(CURRENT_PERIOD)
    note, _ = _cell_with_merge(sheet, found.row, table_cols.get(NOTE))
    stated = {role: (cell_text(sheet.value(found.row, table_cols[role])),
                     book.location(sheet.name, found.row, table_cols[role]))
              for role in (TARGET, RAG) if role in table_cols}
    return ReturnRow(
        ref=None, label=found.label, previous=previous, previous_period=period_text(prev_period),
        current=current, current_period=period_text(cur_period), note=cell_text(note),
        commentary=cell_text(sheet.value(found.row, table_cols[COMMENTARY])) if COMMENTARY in table_cols else "",
        location=book.location(sheet.name, found.row, found.label_col), previous_location=prev_loc,
        current_location=cur_loc, match_method="none", match_score=0.0,
        stated_target=stated.get(TARGET, ("", Location()))[0], stated_target_location=stated.get(TARGET, ("", Location()))[1],
        stated_status=stated.get(RAG, ("", Location()))[0], stated_status_location=stated.get(RAG, ("", Location()))[1])


def _report_missing(plan: Plan, reading: ReturnReading, matched_headings: set[str], problems: list[Problem],
                    book: WorkbookData) -> None:
    """One line naming the plan's indicators with no row in this return (a heading is not missing: its
    sub-rows are). One line, not one per indicator: the assessment warns per indicator when no return at
    all gave a figure, and a force may send its figures in several files."""
    got = {(r.ref or "").lower() for r in reading.rows}
    suggested = {s.ref.lower() for s in reading.suggestions}
    missing = [ind.ref for ind in plan.indicators if is_leaf(plan, ind.ref) and ind.ref.lower() not in got]
    if not missing:
        return
    waiting = [ref for ref in missing if ref.lower() in suggested]
    hint = f" (a suggested match is waiting for {', '.join(waiting)})" if waiting else ""
    listed = ", ".join(missing) if len(missing) <= 40 else ", ".join(missing[:40]) + ", …"
    problems.append(info(codes.INDICATOR_NOT_IN_RETURN,
                         f"{len(missing)} indicator(s) of the plan have no row in this return: {listed}{hint}",
                         book.location()))


def _year_hint(book: WorkbookData, tables: list[FoundTable]) -> int | None:
    """The calendar year a "1st April to 12th May" most likely means: from the period texts that give one."""
    years: collections.Counter[int] = collections.Counter()
    for table in tables:
        sheet = book.sheet(table.sheet)
        if sheet is None:
            continue
        c = table.columns.get(CURRENT_PERIOD)
        if c is None:
            continue
        for found in table.rows:
            span = parse_period(cell_text(sheet.value(found.row, c)))
            if span.end is not None and span.kind != "snapshot":
                years[span.end.year] += 1
    if not years:
        return None
    return years.most_common(1)[0][0]


def _reporting_period(book: WorkbookData, tables: list[FoundTable], rows: list[ReturnRow],
                      year: int | None) -> str | None:
    """``2015-16 Q1``: from a sheet name or title that says so, else the quarter most current periods end in."""
    for text in [s.name for s in book.sheets] + [t.title for t in tables]:
        named = quarter_named_in(text or "")
        if named is not None:
            return named
    quarters: collections.Counter[str] = collections.Counter()
    for row in rows:
        span = parse_period(row.current_period, year=year)
        if span.end is not None and span.kind in ("rolling", "range", "quarter"):
            quarters[_quarter_label(span.end)] += 1
    if not quarters:
        return None
    return quarters.most_common(1)[0][0]


def _quarter_label(day: dt.date) -> str:
    return reporting_quarter_of(day)


def accept_suggestion(reading: ReturnReading, suggestion: Suggestion, plan: Plan,
                      profiles: MappingProfiles | None = None, ref: str | None = None) -> ReturnRow | None:
    """Apply one suggestion (an officer's click in the app): its row joins ``reading.rows`` as ``ref``
    (the suggested one unless another is given) and, with ``profiles``, the decision is remembered for
    this layout of return. ``ref=""`` says "this row is no indicator": it is remembered and dropped.
    Returns the row applied, or None when the row was dismissed."""
    chosen = suggestion.ref if ref is None else ref
    if suggestion in reading.suggestions:
        reading.suggestions.remove(suggestion)
    row = suggestion.row
    if row is not None and row in reading.unmatched:
        reading.unmatched.remove(row)
    if profiles is not None and reading.signature and suggestion.source_key:
        profiles.save(reading.signature, {suggestion.source_key: chosen or None})
    indicator = plan.get(chosen) if chosen else None
    if row is None or indicator is None:
        return None
    row.ref = indicator.ref
    row.match_method = "accepted" if chosen == suggestion.ref else "chosen"
    row.match_score = suggestion.score if chosen == suggestion.ref else 1.0
    reading.rows.append(row)
    reading.problems[:] = [p for p in reading.problems
                           if not (p.code == codes.MATCH_SUGGESTED and p.location == suggestion.location)]
    return row
