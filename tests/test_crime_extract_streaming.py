"""Record-level extracts are counted by streaming rows: the counts must equal counts made here, independently.

The extract is generated in the test (a .xlsx with real date cells and a .csv with day-first date texts) with
rows that must not count (no reference, an unreadable date, a date outside both periods) and a category that
is not in the list (it counts in Total crime only). The expected counts are made with plain loops over the
same generated records, by the rules of the financial year to date: 1 Apr 2015 – 15 Jul 2015 against
1 Apr 2014 – 15 Jul 2014.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from collections import Counter
from pathlib import Path

import pytest
import xlsxwriter

from pccdesk.crime.categories import TOTAL, default_categories
from pccdesk.crime.crime_model import CURRENT, PREVIOUS
from pccdesk.crime.record_extracts import read_extract

CATS = default_categories()
AREAS = ("Sunderland", "Gateshead", "Northumberland", "")
LISTED = [c for c in CATS.names if c != TOTAL][:6]
UNLISTED = "Made-up offence"
LATEST = dt.date(2015, 7, 15)
CURRENT_SPAN = (dt.date(2015, 4, 1), LATEST)
PREVIOUS_SPAN = (dt.date(2014, 4, 1), dt.date(2014, 7, 15))

Record = tuple[str, "dt.date | str", str, str]


def _records(n: int = 3000, seed: int = 11) -> list[Record]:
    rng = random.Random(seed)
    first = dt.date(2014, 1, 1)
    span = (LATEST - first).days
    out: list[Record] = []
    for i in range(n):
        day: dt.date | str = first + dt.timedelta(days=rng.randint(0, span))
        if i == n - 1:
            day = LATEST
        elif rng.random() < 0.02:
            day = "not known"
        reference = "" if rng.random() < 0.05 and i != n - 1 else f"NB/{i:06d}/15"
        category = UNLISTED if rng.random() < 0.03 else rng.choice(LISTED)
        out.append((reference, day, category, rng.choice(AREAS)))
    return out


def _expected(records: list[Record]) -> tuple[Counter[tuple[str, str, str]], Counter[tuple[str, str]]]:
    """By (area, category, role) and by (category, role) for the force. A record with no reference is still a
    crime (only its type could say it is not); one with no area counts under "No location"; an unlisted
    category is shown under its own name."""
    by_area: Counter[tuple[str, str, str]] = Counter()
    force: Counter[tuple[str, str]] = Counter()
    for _reference, day, category, area in records:
        if isinstance(day, str):
            continue
        if CURRENT_SPAN[0] <= day <= CURRENT_SPAN[1]:
            role = CURRENT
        elif PREVIOUS_SPAN[0] <= day <= PREVIOUS_SPAN[1]:
            role = PREVIOUS
        else:
            continue
        for cat in (category, TOTAL):
            force[(cat, role)] += 1
            by_area[(area or "No location", cat, role)] += 1
    return by_area, force


def _write_xlsx(path: Path, records: list[Record]) -> None:
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    sheet = book.add_worksheet("Crimes")
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, ["Crime Reference", "Recorded Date", "Offence Group", "Local Authority", "Outcome"])
    for r, (reference, day, category, area) in enumerate(records, start=1):
        if reference:
            sheet.write_string(r, 0, reference)
        if isinstance(day, dt.date):
            sheet.write_datetime(r, 1, dt.datetime(day.year, day.month, day.day), date_format)
        else:
            sheet.write_string(r, 1, day)
        sheet.write_string(r, 2, category)
        if area:
            sheet.write_string(r, 3, area)
        sheet.write_string(r, 4, "Charged")
    book.close()


def _write_csv(path: Path, records: list[Record]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Crime Reference", "Recorded Date", "Offence Group", "Local Authority", "Outcome"])
        for reference, day, category, area in records:
            text = f"{day.day}/{day.month}/{day.year} 10:30" if isinstance(day, dt.date) else day
            writer.writerow([reference, text, category, area, "Charged"])


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_streamed_counts_equal_independent_counts(tmp_path: Path, suffix: str) -> None:
    records = _records()
    path = tmp_path / f"extract{suffix}"
    (_write_xlsx if suffix == ".xlsx" else _write_csv)(path, records)
    by_area, force = _expected(records)

    result = read_extract(path, CATS)

    got_area = {(c.area, c.category, c.role): c.count for c in result.counts if not c.is_force}
    got_force = {(c.category, c.role): c.count for c in result.counts if c.is_force}
    for area in ("Sunderland", "Gateshead", "Northumberland", "No location"):
        for cat in [*LISTED, UNLISTED, TOTAL]:
            for role in (CURRENT, PREVIOUS):
                assert got_area[(area, cat, role)] == by_area[(area, cat, role)], (area, cat, role)
    for cat in [*LISTED, UNLISTED, TOTAL]:
        for role in (CURRENT, PREVIOUS):
            assert got_force[(cat, role)] == force[(cat, role)], (cat, role)
    assert result.unassigned == {}
    assert result.rows_read == sum(n for (cat, _), n in force.items() if cat == TOTAL)
    assert result.current_period == "1 Apr 2015 to 15 Jul 2015"
    assert result.previous_period == "1 Apr 2014 to 15 Jul 2014"

    without = sum(1 for r in records if not r[0] and isinstance(r[1], dt.date))
    unreadable = sum(1 for r in records if isinstance(r[1], str))
    messages = {p.code: p.message for p in result.problems}
    assert messages["crime-records-without-reference"].startswith(f"{without:,} crimes have no")
    assert messages["crime-record-date"].startswith(f"{unreadable:,} records")
    unlisted = sum(1 for r in records if isinstance(r[1], dt.date) and r[2] == UNLISTED)
    assert f"{UNLISTED} ({unlisted:,})" in messages["crime-category-own"]
    no_location = sum(n for (area, cat, _), n in by_area.items() if area == "No location" and cat == TOTAL)
    assert messages["crime-no-location"].startswith(f"{no_location:,} crimes")


def test_counting_imports_no_numeric_library(tmp_path: Path) -> None:
    """The app bundle leaves numpy/pandas/pyarrow out (issue 8): counting must not need them."""
    import subprocess

    path = tmp_path / "extract.csv"
    _write_csv(path, _records(200))
    code = ("import sys; from pathlib import Path; from pccdesk.crime.categories import default_categories; "
            "from pccdesk.crime.record_extracts import read_extract; "
            f"read_extract(Path({str(path)!r}), default_categories()); "
            "print(sorted(m for m in ('numpy', 'pandas', 'pyarrow', 'fastexcel') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
