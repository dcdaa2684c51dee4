"""Crime fixtures built in code: the seed's seven crime blocks as a workbook, and record-level extracts.

The seed's text (seed 001, "Comparison of crime between 1 Apr 2015 to 15 Jul
2015 and 2014-15") is kept line for line, tabs included, in
pccdesk.examples.crime, so the workbook can be built without ../shared;
a test checks that copy against the seed (tests/data/seeds).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import xlsxwriter

from pccdesk.examples.crime import AREAS, SEED_LINES, write_example_crime
from tests.conftest import SEEDS


def seed_counts() -> dict[tuple[str, str], tuple[int, int, str]]:
    """(block title, category) → (current, previous, stated change text) read from the seed's lines."""
    out: dict[tuple[str, str], tuple[int, int, str]] = {}
    area = ""
    for line in SEED_LINES:
        cells = line.split("\t")
        if len(cells) == 1 and cells[0].strip() in AREAS:
            area = cells[0].strip()
        elif len(cells) >= 4 and cells[1].replace(",", "").isdigit():
            out[(area, cells[0])] = (int(cells[1].replace(",", "")), int(cells[2].replace(",", "")),
                                     " | ".join(c for c in cells[3:] if c))
    return out


def build_seed_workbook(path: Path, *, sheet_per_area: bool = False, counts_as_text: bool = False) -> Path:
    """The seed's blocks cell for cell: one sheet (as printed) or one sheet per area (named after it)."""
    return write_example_crime(path, sheet_per_area=sheet_per_area, counts_as_text=counts_as_text)


EXTRACT_HEADINGS = ("Crime Reference", "Recorded Date", "Offence Group", "Local Authority", "Outcome")
EXTRACT_CATEGORIES = ("Violence against the person", "Robbery", "Sexual offences", "Vehicle offences",
                      "Criminal damage and arson", "Residential burglary", "Non-residential burglary", "Shoplifting",
                      "Theft from the person", "All other theft offences", "Drug offences")
EXTRACT_AREAS = ("Sunderland", "South Tyneside", "Gateshead", "North Tyneside", "Newcastle upon Tyne",
                 "Northumberland")


def extract_rows(n: int, seed: int = 4) -> list[tuple[str, dt.date, str, str, str]]:
    """``n`` crimes from 1 Apr 2014 to 15 Jul 2015 (so the default compares FYTD 2015-16 with 2014-15)."""
    rng = random.Random(seed)
    start = dt.date(2014, 4, 1)
    span = (dt.date(2015, 7, 15) - start).days
    rows = []
    for i in range(n):
        day = start + dt.timedelta(days=rng.randint(0, span))
        rows.append((f"NP/{i:07d}/15", day, rng.choice(EXTRACT_CATEGORIES), rng.choice(EXTRACT_AREAS),
                     rng.choice(("Charged", "No further action", "Under investigation"))))
    rows[-1] = (rows[-1][0], dt.date(2015, 7, 15), rows[-1][2], rows[-1][3], rows[-1][4])
    return rows


def write_extract_xlsx(path: Path, rows: list[tuple[str, dt.date, str, str, str]],
                       headings: tuple[str, ...] = EXTRACT_HEADINGS) -> Path:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Crimes")
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for c, head in enumerate(headings):
        sheet.write_string(0, c, head)
    for r, (ref, day, cat, area, outcome) in enumerate(rows, start=1):
        sheet.write_string(r, 0, ref)
        sheet.write_datetime(r, 1, dt.datetime(day.year, day.month, day.day), date_format)
        sheet.write_string(r, 2, cat)
        sheet.write_string(r, 3, area)
        sheet.write_string(r, 4, outcome)
    book.close()
    return path


def write_extract_csv(path: Path, rows: list[tuple[str, dt.date, str, str, str]],
                      headings: tuple[str, ...] = EXTRACT_HEADINGS, date_format: str = "%d/%m/%Y") -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headings)
        for ref, day, cat, area, outcome in rows:
            writer.writerow([ref, day.strftime(date_format), cat, area, outcome])
    return path


def expected_extract_counts(rows: list[tuple[str, dt.date, str, str, str]], start: dt.date, end: dt.date
                            ) -> dict[tuple[str, str], int]:
    """(area as given, category as given) → count, counted in plain Python for the tests to compare with."""
    out: dict[tuple[str, str], int] = {}
    for _, day, cat, area, _ in rows:
        if start <= day <= end:
            out[(area, cat)] = out.get((area, cat), 0) + 1
    return out


def test_seed_copy_matches_the_seed() -> None:
    seed = SEEDS / "001_07fbcc27da8e9832.txt"
    text = seed.read_text(encoding="utf-8").split("\n")
    start = text.index(SEED_LINES[0])
    assert tuple(text[start:start + len(SEED_LINES)]) == SEED_LINES


def test_seed_copy_has_seven_blocks_of_eleven_rows() -> None:
    counts = seed_counts()
    assert len(counts) == 77
    assert counts[("Force Wide", "Total crime")] == (23796, 21060, "+2,736 + 13%")
    assert counts[("South Tyneside", "Total crime")] == (2296, 2050, "+ 246 | + 12%")
