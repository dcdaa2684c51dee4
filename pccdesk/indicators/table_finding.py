"""Finding the indicator tables inside a force's own sheet, without being told where they are.

A force's performance return is rarely one tidy table. The seed's
"Performance" tables are typical: an objective title, then a header row
``Previous | Period | Current | Period | Comparative position or note`` whose
first two cells (number and wording) are blank, indicator rows numbered or not,
a heading row with no figures whose sub-rows (``Rape``, ``Domestic Violence``)
carry them, blank rows between blocks, and notes below. This module finds
those pieces by the *words* in the header (columns may come in any order, the
header may span two rows or merged cells) and gives back plain records; it
knows nothing of the plan. Matching rows to indicators is
:mod:`pccdesk.indicators.matching`'s job.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import field
from typing import Any

from pccdesk.periods import PeriodSpan, parse_period
from pccdesk.readers.workbook_reader import SheetData
from pccdesk.records import record

#: Roles a column can play. ``previous``/``current`` hold figures; ``*_period`` their period texts.
PREVIOUS = "previous"
PREVIOUS_PERIOD = "previous_period"
PREVIOUS_CI = "previous_ci"
CURRENT = "current"
CURRENT_PERIOD = "current_period"
CURRENT_CI = "current_ci"
TARGET = "target"
RAG = "rag"
NOTE = "note"
COMMENTARY = "commentary"
REF = "ref"
LABEL = "label"
CHANGE = "change"
PERIOD = "period"  # a "Period" column not yet tied to a figure column

VALUE_ROLES = (PREVIOUS, CURRENT)

#: What each header role is called (compiled when a header is first read: most runs read only templates).
_HEADER_WORDS: tuple[tuple[str, str], ...] = (
    (r"^(comparative position( or note)?|comparison|comparative|national (position|comparison|rank)|"
     r"notes?|position or note|msg position)$", NOTE),
    (r"^(commentary|comments?|narrative|explanation|remarks?)$", COMMENTARY),
    (r"^(rag|rag status|status|rating)$", RAG),
    (r"^(target|targets|aim|goal)$", TARGET),
    (r"^(previous|last year|baseline|prior|previous (value|figure|year|quarter|performance)|last quarter|"
     r"previous year|last period|same period last year|ly)$", PREVIOUS),
    (r"^(current|this year|ytd|year to date|latest|current (value|figure|year|quarter|performance)|"
     r"this quarter|this period|actual|cy)$", CURRENT),
    (r"^(previous|last year|baseline|prior)( value)? (±|\+/-|ci|confidence interval|interval)$", PREVIOUS_CI),
    (r"^(current|this year|latest)( value)? (±|\+/-|ci|confidence interval|interval)$", CURRENT_CI),
    (r"^(previous|last year|baseline|prior) period$", PREVIOUS_PERIOD),
    (r"^(current|this year|latest) period$", CURRENT_PERIOD),
    (r"^(period|periods?|time ?period|date|as at|period covered|reporting period)$", PERIOD),
    (r"^(ref|ref\.|reference|indicator ref|kpi ref|id|no\.?|number|#|item)$", REF),
    (r"^(indicator|measure|performance indicator|performance measure|kpi|description|indicators|measures|"
     r"objective / indicator|pi|indicator description)$", LABEL),
    (r"^(change|difference|% change|change %|variance|direction|trend)$", CHANGE),
)


@functools.cache
def _header_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p, re.IGNORECASE), role) for p, role in _HEADER_WORDS)


_CI_WORDS = re.compile(r"^(\+/-|±|ci|confidence interval|\+/- ?ci|margin( of error)?|interval)$", re.IGNORECASE)
_VALUE_SUB = re.compile(r"^(value|figure|result|%|performance|number|rate)$", re.IGNORECASE)
_FOOTNOTE_GLUE = re.compile(r"(?<=[a-z\)])\s*\d{1,2}(,\d{1,2})*$", re.IGNORECASE)
_NOTE_ROW = re.compile(r"^(\*+|†|‡|¹|²|³|notes?\b|source\b|sources\b|footnotes?\b|\(?\d{1,2}[.)]\s+\S|"
                       r"\[note|please note|n\.?b\.?\b|key\b)", re.IGNORECASE)
_GENERIC_TITLE = re.compile(r"^(performance\.?|performance (table|measures|indicators)\.?|table \w+|kpis?)$",
                            re.IGNORECASE)
_NUMBERING = re.compile(r"^(?:[A-Z]{0,3}\d{1,3}[a-z]?|\d{1,3}(?:\.\d{1,2})*[a-z]?|[ivx]{1,5}|\(?[a-z]\))\.?$",
                        re.IGNORECASE)


def cell_text(value: Any) -> str:
    """A cell as text, numbers without a spurious ``.0`` and white space collapsed."""
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(value.split()) if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


@functools.lru_cache(maxsize=4096)
def header_role(text: str) -> str | None:
    """The role a header text names (``Comparative position or note`` → note), or None."""
    if len(text) > 60:
        return None
    t = _FOOTNOTE_GLUE.sub("", cell_text(text)).strip(" :.*")
    if not t:
        return None
    if _CI_WORDS.match(t):
        return "ci"
    for pattern, role in _header_patterns():
        if pattern.match(t):
            return role
    return None


@record
class FoundRow:
    """One row of a found table: its wording, its number/ref, and its cells by role (row and column kept)."""

    row: int
    label: str
    label_col: int
    number: str = ""
    cells: dict[str, tuple[int, Any]] = field(default_factory=dict)
    is_heading: bool = False
    parent: FoundRow | None = None

    def raw(self, role: str) -> Any:
        found = self.cells.get(role)
        return found[1] if found else None

    def col(self, role: str) -> int | None:
        found = self.cells.get(role)
        return found[0] if found else None

    @property
    def has_figures(self) -> bool:
        return any(cell_text(v) for _, v in self.cells.values())


@record
class FoundTable:
    """A table found in a sheet: where its header is, what each column holds, its title and its rows."""

    sheet: str
    header_row: int
    header_rows: int
    columns: dict[str, int]
    title: str = ""
    rows: list[FoundRow] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    header_texts: tuple[str, ...] = ()
    #: period texts named by the header itself (``Q1 2015/16`` over the current column), by role
    periods: dict[str, str] = field(default_factory=dict)
    #: found only by period-named columns: kept only when some row matches an indicator
    weak: bool = False
    #: rows with a previous or current figure but no wording (often under a label merged down from above)
    unlabelled: list[int] = field(default_factory=list)

    @property
    def last_row(self) -> int:
        return max([self.header_row + self.header_rows - 1] + [r.row for r in self.rows])


def _merged_header_values(sheet: SheetData, r: int) -> list[str]:
    """The header row's texts with merged cells' text copied across their width."""
    row = sheet.rows[r]
    width = len(row)
    texts = [cell_text(v) for v in row]
    for r1, c1, r2, c2 in _merges_over(sheet, r):
        if r1 <= r <= r2:
            text = cell_text(sheet.value(r1, c1))
            for c in range(c1, min(c2, width - 1) + 1):
                if not texts[c]:
                    texts[c] = text
    return texts


#: Merges up to this many rows tall are indexed by each row they cover; taller ones (rare) are looked through.
_INDEXED_MERGE_ROWS = 64


def _merges_over(sheet: SheetData, r: int) -> list[tuple[int, int, int, int]]:
    """The merged ranges that may cover row ``r``, from an index built once per sheet: looking through every
    merge for every heading-like row made table finding quadratic (16,000 such rows: over a minute)."""
    index: dict[int, list[tuple[int, int, int, int]]] | None = sheet.__dict__.get("_merge_index")
    if index is None:
        index = {}
        tall: list[tuple[int, int, int, int]] = []
        for merge in sheet.merged:
            r1, _, r2, _ = merge
            if r2 - r1 < _INDEXED_MERGE_ROWS:
                for row in range(r1, r2 + 1):
                    index.setdefault(row, []).append(merge)
            else:
                tall.append(merge)
        index[-1] = tall
        sheet.__dict__["_merge_index"] = index
    tall_merges = index[-1]
    return index.get(r, []) + tall_merges if tall_merges else index.get(r, [])


def _roles_of(texts: list[str]) -> dict[int, str]:
    roles: dict[int, str] = {}
    for c, text in enumerate(texts):
        role = header_role(text)
        if role:
            roles[c] = role
    return roles


def _is_header(roles: dict[int, str]) -> bool:
    found = set(roles.values())
    figures = found & {PREVIOUS, CURRENT}
    if not figures:
        return False
    supporting = found & {PERIOD, PREVIOUS_PERIOD, CURRENT_PERIOD, TARGET, RAG, NOTE, COMMENTARY, "ci", CHANGE}
    return len(figures) == 2 or bool(supporting)


def _two_row_header(sheet: SheetData, r: int) -> tuple[dict[int, str], int] | None:
    """``Previous`` / ``Current`` spanning ``Value | Period`` below them: combine the two rows into roles."""
    top = _merged_header_values(sheet, r)
    below = _merged_header_values(sheet, r + 1) if r + 1 < sheet.height else []
    if not below or not any(below):
        return None
    sub_roles = {c: (header_role(t) or ("value" if _VALUE_SUB.match(t) else None)) for c, t in enumerate(below) if t}
    if not sub_roles or not any(v in ("value", PERIOD, "ci") for v in sub_roles.values()):
        return None
    group = ""
    roles: dict[int, str] = {}
    for c in range(max(len(top), len(below))):
        t = top[c] if c < len(top) else ""
        if t:
            group = t
        sub = sub_roles.get(c)
        group_role = header_role(group) if group else None
        top_role = header_role(t) if t else None
        if group_role in (PREVIOUS, CURRENT) and sub in ("value", PERIOD, "ci", None):
            if sub is None and not (c < len(below) and below[c]):
                if top_role:
                    roles[c] = top_role
                continue
            roles[c] = {"value": group_role, None: group_role, PERIOD: f"{group_role}_period",
                        "ci": f"{group_role}_ci"}[sub]
        elif top_role:
            roles[c] = top_role
            if sub in (PREVIOUS, CURRENT):
                roles[c] = sub
        elif sub and sub not in ("value",):
            roles[c] = sub
    if not _is_header(roles):
        return None
    return roles, 2


def _tie_periods(roles: dict[int, str]) -> dict[str, int]:
    """Give each column one role; a bare ``Period`` (or ``±``) belongs to the figure column on its left."""
    columns: dict[str, int] = {}
    last_value: str | None = None
    pending: list[tuple[int, str]] = []
    for c in sorted(roles):
        role = roles[c]
        if role in VALUE_ROLES:
            if role in columns:  # a second "Previous": keep the first, it is nearest the label
                last_value = role
                continue
            columns[role] = c
            last_value = role
            for pc, prole in pending:
                target = f"{role}_{'period' if prole == PERIOD else 'ci'}"
                columns.setdefault(target, pc)
            pending = []
        elif role in (PERIOD, "ci"):
            if last_value is None:
                pending.append((c, role))
            else:
                target = f"{last_value}_{'period' if role == PERIOD else 'ci'}"
                if target in columns:
                    continue
                columns[target] = c
        else:
            columns.setdefault(role, c)
    return columns


@record(frozen=True)
class HeaderFound:
    """A header row: where, how many rows it spans, role → column, its texts, and for a header whose columns
    are named by period (``Q4 2014/15 | Q1 2015/16``) the period texts of the two figure columns. Such a
    header is ``weak``: its table is kept only if some row matches an indicator, since many statistical
    tables have dates over their columns."""

    row: int
    span: int
    columns: dict[str, int]
    texts: tuple[str, ...]
    periods: dict[str, str] = field(default_factory=dict)
    weak: bool = False


def find_headers(sheet: SheetData) -> list[HeaderFound]:
    """Every header row of the sheet, top to bottom."""
    found: list[HeaderFound] = []
    r = 0
    while r < sheet.height:
        row = sheet.rows[r]
        if not any(v is not None for v in row):
            r += 1
            continue
        if not any(isinstance(v, str) and len(v) <= 60 for v in row) or \
                not any(header_role(t) for _, t in _row_texts(sheet, r)):
            by_period = _period_header(sheet, r)
            if by_period is not None:
                found.append(by_period)
            r += 1
            continue
        texts = _merged_header_values(sheet, r)
        roles = _roles_of(texts)
        two = _two_row_header(sheet, r) if roles else None
        if two is not None and len(set(two[0].values())) > len(set(roles.values())):
            roles2, span = two
            cols = _tie_periods(roles2)
            below = _merged_header_values(sheet, r + 1)
            found.append(HeaderFound(r, span, cols, tuple(t for t in texts + below if t)))
            r += span
            continue
        if _is_header(roles):
            found.append(HeaderFound(r, 1, _tie_periods(roles), tuple(t for t in texts if t)))
        else:
            by_period = _period_header(sheet, r)
            if by_period is not None:
                found.append(by_period)
        r += 1
    return found


_PERIOD_KINDS = ("rolling", "range", "financial-year", "quarter", "month", "snapshot", "year-to-date")


def _period_of_header(value: Any) -> PeriodSpan | None:
    if isinstance(value, str):
        return _period_of_header_text(value) if len(value) <= 40 else None
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return PeriodSpan(f"As at {day.day} {day:%B %Y}", day, day, "snapshot")
    return None


@functools.lru_cache(maxsize=16384)
def _period_of_header_text(value: str) -> PeriodSpan | None:
    if not any(ch.isdigit() for ch in value):
        return None
    span = parse_period(cell_text(value))
    return span if (span.end or span.start) is not None and span.kind in _PERIOD_KINDS else None


def _period_header(sheet: SheetData, r: int) -> HeaderFound | None:
    """``Indicator | Q4 2014/15 | Q1 2015/16 | Target``: columns named by their period. The latest two periods
    become previous and current. Every cell between the first and last period column must be filled (a
    data row with two period texts and blank figures is not a header)."""
    row = sheet.rows[r]
    periods: dict[int, PeriodSpan] = {}
    for c, value in enumerate(row):
        if value is None:
            continue
        if isinstance(value, float | int):
            return None  # a figure: a data row, not a header
        span = _period_of_header(value)
        if span is not None:
            periods[c] = span
        elif isinstance(value, str) and any(ch.isdigit() for ch in value) and header_role(cell_text(value)) is None:
            return None
    if len(periods) < 2:
        return None
    first, last = min(periods), max(periods)
    texts = _merged_header_values(sheet, r)
    if any(not texts[c] for c in range(first, last + 1)):
        return None
    others = [(c, t) for c, t in enumerate(texts) if t and c not in periods]
    roles = _roles_of(texts)
    if any(c not in roles and any(ch.isdigit() for ch in t) for c, t in others):
        return None  # figures in the row: a data row, not a header
    def when(c: int) -> dt.date:
        """A year to date (``2015/16 YTD``) has no stated end: it runs on from its start."""
        span = periods[c]
        return span.end or span.start or dt.date.min

    ordered = sorted(periods, key=lambda c: (when(c), c))
    current_col, previous_col = ordered[-1], ordered[-2]
    if when(current_col) == when(previous_col):
        return None
    roles = {c: role for c, role in roles.items() if c not in periods}
    roles[previous_col] = PREVIOUS
    roles[current_col] = CURRENT
    columns = _tie_periods(roles)
    columns.pop(PREVIOUS_PERIOD, None)
    columns.pop(CURRENT_PERIOD, None)
    return HeaderFound(r, 1, columns, tuple(t for t in texts if t),
                       {PREVIOUS_PERIOD: periods[previous_col].text, CURRENT_PERIOD: periods[current_col].text},
                       weak=True)


def _row_texts(sheet: SheetData, r: int) -> list[tuple[int, str]]:
    """The non-blank cells of a row as (column, text). Worked out once per row: the finder looks at
    each row several times, and a big sheet has hundreds of thousands."""
    cache: dict[int, list[tuple[int, str]]] = sheet.__dict__.setdefault("_row_texts_cache", {})
    found = cache.get(r)
    if found is None:
        found = [(c, t) for c, t in ((c, cell_text(v)) for c, v in enumerate(sheet.rows[r]) if v is not None) if t]
        cache[r] = found
    return found


def _title_above(sheet: SheetData, header_row: int, floor: int) -> str:
    """The objective title: the nearest row above the header holding one text (within three rows)."""
    for r in range(header_row - 1, max(floor, header_row - 5) - 1, -1):
        texts = _row_texts(sheet, r)
        if not texts:
            continue
        if len(texts) == 1 and _GENERIC_TITLE.match(texts[0][1]):
            continue
        if len(texts) == 1 and not _NUMBERING.match(texts[0][1]) and len(texts[0][1]) > 2:
            return texts[0][1]
        if len(texts) == 2 and _NUMBERING.match(texts[0][1]):
            return texts[1][1]
        return ""
    return ""


def _width(sheet: SheetData) -> int:
    """The sheet's width, worked out once per sheet: a sheet with many tables asks for it once per table."""
    key = (id(sheet.rows), len(sheet.rows))
    cached = sheet.__dict__.get("_pccdesk_width")
    if cached is None or cached[0] != key:
        cached = (key, sheet.width)
        sheet.__dict__["_pccdesk_width"] = cached
    return int(cached[1])


def _label_and_ref_columns(sheet: SheetData, first: int, last: int, columns: dict[str, int]) -> tuple[int, int | None]:
    """The wording column (most long texts among the columns no header claims) and the number column left of it."""
    taken = set(columns.values())
    width = _width(sheet)
    scores: dict[int, int] = {}
    short: dict[int, int] = {}
    for r in range(first, last + 1):
        for c, text in _row_texts(sheet, r):
            if c in taken:
                continue
            if _NUMBERING.match(text):
                short[c] = short.get(c, 0) + 1
            elif any(ch.isalpha() for ch in text):
                scores[c] = scores.get(c, 0) + 1
    if LABEL in columns:
        label = columns[LABEL]
    elif scores:
        figure_cols = [columns[k] for k in (PREVIOUS, CURRENT) if k in columns]
        leftmost = min(figure_cols) if figure_cols else width
        left_scores = {c: s for c, s in scores.items() if c < leftmost} or scores
        label = max(left_scores, key=lambda c: (left_scores[c], -c))
    else:
        label = 0 if 0 not in taken else max(taken) + 1
    if REF in columns:
        return label, columns[REF]
    left = [c for c in short if c < label]
    return label, (max(left, key=lambda c: (short[c], c)) if left else None)


def _is_blank(sheet: SheetData, r: int) -> bool:
    return not _row_texts(sheet, r)


def find_tables(sheet: SheetData) -> list[FoundTable]:
    """Every indicator table in ``sheet``, in order, with its rows, sub-rows and notes."""
    headers = find_headers(sheet)
    tables: list[FoundTable] = []
    previous_end = -1
    for i, header in enumerate(headers):
        hr, span, columns = header.row, header.span, header.columns
        next_header = headers[i + 1].row if i + 1 < len(headers) else sheet.height
        title = _title_above(sheet, hr, previous_end + 1)
        body_first = hr + span
        body_last = _body_end(sheet, body_first, next_header, columns)
        table = FoundTable(sheet.name, hr, span, dict(columns), title, header_texts=header.texts,
                           periods=dict(header.periods), weak=header.weak)
        label_col, ref_col = _label_and_ref_columns(sheet, body_first, body_last, columns)
        table.columns[LABEL] = label_col
        if ref_col is not None:
            table.columns[REF] = ref_col
        _collect_rows(sheet, table, body_first, body_last, label_col, ref_col)
        table.notes = _notes_below(sheet, body_last + 1, next_header)
        tables.append(table)
        previous_end = body_last
    return tables


def _figure_roles(columns: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in columns.items() if k not in (LABEL, REF)}


def _body_end(sheet: SheetData, first: int, stop: int, columns: dict[str, int]) -> int:
    """The last row of the table: before two blank rows, a notes row, a title for the next block, or ``stop``."""
    last = first - 1
    blanks = 0
    figure_cols = set(_figure_roles(columns).values())
    r = first
    while r < stop:
        if _is_blank(sheet, r):
            blanks += 1
            if blanks >= 2:
                break
            r += 1
            continue
        texts = _row_texts(sheet, r)
        has_figures = any(c in figure_cols for c, _ in texts)
        if not has_figures and len(texts) == 1 and _NOTE_ROW.match(texts[0][1]):
            break
        if blanks and not has_figures:
            # after a blank row, a lone text is the next block's title or a note, unless figures follow it
            following = next((x for x in range(r + 1, min(stop, r + 3)) if not _is_blank(sheet, x)), None)
            if following is None or not any(c in figure_cols for c, _ in _row_texts(sheet, following)):
                break
        blanks = 0
        last = r
        r += 1
    if stop < sheet.height and last >= first:
        # a lone text line just above the next header is that block's title, not a heading row of this one
        texts = _row_texts(sheet, last)
        if last == stop - 1 and len(texts) == 1 and not any(c in figure_cols for c, _ in texts):
            last -= 1
    return last


def _collect_rows(sheet: SheetData, table: FoundTable, first: int, last: int, label_col: int,
                  ref_col: int | None) -> None:
    roles = _figure_roles(table.columns)
    heading: FoundRow | None = None
    heading_number = ""
    for r in range(first, last + 1):
        if _is_blank(sheet, r):
            continue
        label = cell_text(sheet.value(r, label_col))
        number = cell_text(sheet.value(r, ref_col)) if ref_col is not None else ""
        if not label:
            # the wording may sit in the number column when the row is a spanning heading
            texts = [(c, t) for c, t in _row_texts(sheet, r) if c not in roles.values()]
            long = [t for c, t in texts if not _NUMBERING.match(t)]
            if long:
                label = long[0]
                if number and not _NUMBERING.match(number):
                    number = ""
        if not label:
            if any(sheet.value(r, c) is not None for role, c in roles.items() if role in VALUE_ROLES):
                table.unlabelled.append(r)
            continue
        if number and not _NUMBERING.match(number):
            number = ""
        cells = {role: (c, sheet.value(r, c)) for role, c in roles.items() if sheet.value(r, c) is not None}
        found = FoundRow(r, label, label_col, number, cells)
        if not found.has_figures:
            found.is_heading = True
            heading = found
            heading_number = number
            table.rows.append(found)
            continue
        if heading is not None:
            first_after_heading = table.rows and table.rows[-1] is heading
            if not number or (first_after_heading and not heading_number) or number == heading_number:
                found.parent = heading
            else:
                heading = None
        table.rows.append(found)


def _notes_below(sheet: SheetData, first: int, stop: int) -> list[tuple[int, str]]:
    notes: list[tuple[int, str]] = []
    for r in range(first, min(stop, first + 15)):
        texts = _row_texts(sheet, r)
        if not texts:
            continue
        if len(texts) <= 2 and _NOTE_ROW.match(texts[0][1]):
            notes.append((r, " ".join(t for _, t in texts)))
    return notes
