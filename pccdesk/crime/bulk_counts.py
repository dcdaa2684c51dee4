"""Counting a record extract's rows in bulk: the per-row work done by C code, the Python work per distinct value.

A record extract has one row per crime, a million rows a year for a large force, but few distinct
(date, category, area, force) combinations. So rows are taken in blocks: the cells that matter are picked
out of each row by ``operator.itemgetter`` and counted by ``collections.Counter`` (both C loops), and only
each *distinct* combination goes through the Python code that reads its date and judges its category. Short
rows are padded first; a block with a crime reference that is not text (an empty cell, a number) is counted
row by row instead, by the same rules, so both paths give the same counts.
"""

from __future__ import annotations

import itertools
import operator
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pccdesk.readers.sheet_tally import SheetTally
    from pccdesk.readers.text_tally import TextTally

#: Rows per block: enough that the C loops dominate the per-block Python work, few enough that the rows die
#: young (blocks of 16,384 rows ran 1.7x slower than 256 on a 1,000,000-row CSV: the garbage collector kept
#: walking the held rows).
BLOCK_ROWS = 256
#: Distinct raw combinations held before they are folded into days (bounds memory when, say, every row has
#: its own date-time text).
FOLD_AT = 100_000


@dataclass
class RowCounts:
    """Rows seen; rows not counted for their category (``skip_category``); rows with no readable date; rows
    counted although their reference is blank; the counts by (day, category, area, force); and, of those, the
    ones whose reporting force cell is not their force cell, by (day, force, reporter)."""

    counts: Counter[tuple[int, Any, Any, Any]]
    total: int = 0
    skipped: int = 0
    bad: int = 0
    no_reference: int = 0
    reported: Counter[tuple[int, Any, Any]] = field(default_factory=Counter)


def blank_reference(ref: Any) -> bool:
    return ref is None or (ref.__class__ is str and (not ref or ref.isspace()))


def tallied_columns(*, date_i: int, cat_i: int, area_i: int | None, force_i: int | None,
                    reporter_i: int | None = None) -> tuple[int, ...]:
    """The columns a :class:`~pccdesk.readers.text_tally.TextTally` given to :func:`count_rows` must tally, in
    this order: the cells the row getter picks (date, category, then area, force and reporting force where there
    are such columns: a shorter key hashes and compares faster, a million times over). The reporting force is
    tallied only beside a force column; in data.police.uk's files it is the force column's neighbour, and almost
    always the same text, so it adds no distinct combination."""
    reporter = () if reporter_i is None or force_i is None else (reporter_i,)
    return (date_i, cat_i, *(() if area_i is None else (area_i,)), *(() if force_i is None else (force_i,)),
            *reporter)


def count_rows(rows: Iterable[list[Any]], *, ref_i: int | None, date_i: int, cat_i: int, area_i: int | None,
               force_i: int | None, day_of: Callable[[Any], int | None], reporter_i: int | None = None,
               skip_category: Callable[[Any], bool] | None = None,
               blocks: Iterable[list[list[Any]] | TextTally | SheetTally] | None = None) -> RowCounts:
    """Count ``rows`` by (day, category cell, area cell, force cell), as read.

    A row whose category ``skip_category`` refuses is skipped (first); one whose date cell ``day_of`` cannot
    read is bad; the rest are counted, and those with a blank reference (None, empty or spaces) are also
    counted in ``no_reference``. Short rows count as padded with None. With ``reporter_i`` (beside ``force_i``),
    counted rows whose reporting force cell is not blank and differs from their force cell are also counted in
    ``reported`` by (day, force cell, reporter cell), for the caller to judge.

    ``blocks``, when given, replaces ``rows``: blocks of rows, or tallies of a text file's lines already
    counted by :func:`tallied_columns` (with ``ref_i`` as the tally's watched reference), counted alike.
    """
    from pccdesk.readers.text_tally import row_blocks  # counting runs in the reading worker: imported there

    if force_i is None:
        reporter_i = None
    width = max(i for i in (ref_i, date_i, cat_i, area_i, force_i, reporter_i) if i is not None) + 1
    pad = [None] * width
    # The getter gives (date, category[, area][, force[, reporter]]): only the columns there are.
    getter = itemgetter(*tallied_columns(date_i=date_i, cat_i=cat_i, area_i=area_i, force_i=force_i,
                                         reporter_i=reporter_i))
    has_area, has_force, has_reporter = area_i is not None, force_i is not None, reporter_i is not None
    force_at = -2 if has_reporter else -1
    ref_getter = itemgetter(ref_i) if ref_i is not None else None
    result = RowCounts(Counter())
    raw: Counter[Any] = Counter()
    raw_blank: Counter[Any] = Counter()  # the rows of each raw combination whose reference is blank
    skip_cache: dict[Any, bool] = {}

    def fold() -> None:
        counts = result.counts
        for key, n in raw.items():
            date, cat = key[0], key[1]
            if skip_category is not None:
                skip = skip_cache.get(cat)
                if skip is None:
                    skip = skip_cache[cat] = skip_category(cat)
                if skip:
                    result.skipped += n
                    continue
            day = day_of(date)
            if day is None:
                result.bad += n
                continue
            force = key[force_at] if has_force else None
            counts[(day, cat, key[2] if has_area else None, force)] += n
            if has_reporter:
                reporter = key[-1]
                if reporter != force and not _blank(reporter):
                    result.reported[(day, force, reporter)] += n
            if raw_blank:
                result.no_reference += raw_blank.get(key, 0)
        raw.clear()
        raw_blank.clear()

    for block in row_blocks(rows, BLOCK_ROWS) if blocks is None else blocks:
        if not isinstance(block, list):  # a tally (TextTally, SheetTally): its combinations already counted
            for texts, blank, n in block.items():
                raw[texts] += n
                if blank:
                    raw_blank[texts] += n
            result.total += block.lines
            if len(raw) > FOLD_AT:
                fold()
            continue
        result.total += len(block)
        if min(map(len, block)) < width:  # short rows count as padded with None
            block = [row if len(row) >= width else [*row, *pad[len(row):]] for row in block]
        if not _count_block_fast(block, getter, ref_getter, raw, raw_blank):
            for row in block:
                key = getter(row)
                raw[key] += 1
                if ref_i is not None and blank_reference(row[ref_i]):
                    raw_blank[key] += 1
        if len(raw) > FOLD_AT:
            fold()
    fold()
    return result


def _blank(value: Any) -> bool:
    return value is None or (value.__class__ is str and (not value or value.isspace())) or value != value


def _count_block_fast(block: list[list[Any]], getter: itemgetter, ref_getter: itemgetter | None,
                      raw: Counter[Any], raw_blank: Counter[Any]) -> bool:
    """Count a block of full-width rows with C loops; False (nothing counted) when a reference is not text."""
    if ref_getter is None:
        raw.update(map(getter, block))
        return True
    try:
        # A reference is blank when it is empty or all spaces: exactly when its strip() is empty (strip removes
        # what isspace() calls space). A reference that is not text (None, a number) raises TypeError here and
        # takes the careful path.
        stripped = list(map(str.strip, map(ref_getter, block)))
    except TypeError:
        return False
    keys = list(map(getter, block))
    raw.update(keys)
    if not all(stripped):
        raw_blank.update(itertools.compress(keys, map(operator.not_, stripped)))
    return True
