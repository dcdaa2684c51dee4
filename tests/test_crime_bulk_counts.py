"""Bulk counting of record extracts gives exactly the counts of a plain row-by-row count, at its edges."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from pccdesk.crime import bulk_counts
from pccdesk.crime.bulk_counts import count_rows

DAYS = {"01/04/2015": 16526, "02/04/2015": 16527}


def day_of(value):  # type: ignore[no-untyped-def]
    return DAYS.get(value) if isinstance(value, str) else None


def is_asb(category):  # type: ignore[no-untyped-def]
    return category == "Anti-social behaviour"


def by_hand(rows, ref_i, date_i, cat_i, area_i, force_i, skip):  # type: ignore[no-untyped-def]
    """The rules written out plainly: pad short rows; skip a refused category; skip an unreadable date; count
    the rest, noting those with a blank reference."""
    def cell_of(row, i):  # type: ignore[no-untyped-def]
        return None if i is None or i >= len(row) else row[i]

    counts: Counter = Counter()
    skipped = bad = no_ref = 0
    for row in rows:
        if skip is not None and skip(cell_of(row, cat_i)):
            skipped += 1
            continue
        day = day_of(cell_of(row, date_i))
        if day is None:
            bad += 1
            continue
        counts[(day, cell_of(row, cat_i), cell_of(row, area_i), cell_of(row, force_i))] += 1
        ref = cell_of(row, ref_i)
        if ref_i is not None and (ref is None or (isinstance(ref, str) and ref.strip() == "")):
            no_ref += 1
    return counts, len(rows), skipped, bad, no_ref


def check(rows, ref_i=0, date_i=1, cat_i=2, area_i=3, force_i=4, skip=is_asb):  # type: ignore[no-untyped-def]
    got = count_rows(iter(rows), ref_i=ref_i, date_i=date_i, cat_i=cat_i, area_i=area_i, force_i=force_i,
                     day_of=day_of, skip_category=skip)
    assert (got.counts, got.total, got.skipped, got.bad, got.no_reference) == by_hand(
        rows, ref_i, date_i, cat_i, area_i, force_i, skip)
    return got


def test_plain_rows_counted_by_day_category_area_force() -> None:
    rows = [["A1", "01/04/2015", "Robbery", "Sunderland", "Northumbria"],
            ["A2", "01/04/2015", "Robbery", "Sunderland", "Northumbria"],
            ["A3", "02/04/2015", "Robbery", "Gateshead", "Northumbria"]]
    got = check(rows)
    assert got.counts == Counter({(16526, "Robbery", "Sunderland", "Northumbria"): 2,
                                  (16527, "Robbery", "Gateshead", "Northumbria"): 1})


@pytest.mark.parametrize("ref", [None, "", " ", "\t", "\u00a0 "])
def test_blank_references_are_counted_and_noted(ref) -> None:  # type: ignore[no-untyped-def]
    rows = [["A1", "01/04/2015", "Robbery", "X", "F"], [ref, "01/04/2015", "Robbery", "X", "F"]]
    got = check(rows)
    assert got.no_reference == 1 and sum(got.counts.values()) == 2


@pytest.mark.parametrize("ref", [0, 0.0, 17.0, "0", " A1 "])
def test_unusual_but_present_references_are_not_blank(ref) -> None:  # type: ignore[no-untyped-def]
    got = check([[ref, "01/04/2015", "Robbery", "X", "F"]])
    assert got.no_reference == 0 and sum(got.counts.values()) == 1


def test_refused_category_first_then_unreadable_date() -> None:
    rows = [["A1", "rubbish", "Anti-social behaviour", "X", "F"], ["", "01/04/2015", "Anti-social behaviour", "X", "F"],
            ["A3", "rubbish", "Robbery", "X", "F"]]
    got = check(rows)
    assert (got.skipped, got.bad, got.no_reference, sum(got.counts.values())) == (2, 1, 0, 0)


def test_short_rows_count_as_padded_and_unreadable_dates_as_bad() -> None:
    rows = [["A1", "01/04/2015", "Robbery"], ["A2", "31/02/2015", "Robbery", "X", "F"], ["A3"], ["A4", "01/04/2015"]]
    got = check(rows)
    assert got.bad == 2
    assert got.counts == Counter({(16526, "Robbery", None, None): 1, (16526, None, None, None): 1})


def test_without_reference_area_or_force_columns_or_category_rule() -> None:
    rows = [["01/04/2015", "Robbery"], ["01/04/2015", "Robbery"], ["", "Robbery"]]
    got = check(rows, ref_i=None, date_i=0, cat_i=1, area_i=None, force_i=None, skip=None)
    assert got.counts == Counter({(16526, "Robbery", None, None): 2}) and got.bad == 1


def test_many_blocks_and_folds_agree_with_the_plain_count(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(bulk_counts, "BLOCK_ROWS", 7)
    monkeypatch.setattr(bulk_counts, "FOLD_AT", 5)
    rng = random.Random(3)
    refs = ["R1", "R2", "", None, " ", 5.0]
    rows = []
    for _ in range(500):
        row = [rng.choice(refs), rng.choice([*DAYS, "rubbish"]), rng.choice(["A", "B", "Anti-social behaviour"]),
               rng.choice("XY"), "F"]
        rows.append(row[: rng.choice([5, 5, 5, 5, 3, 2])])
    check(rows)
    check(rows, ref_i=None)
    check(rows, skip=None)
