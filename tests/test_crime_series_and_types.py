"""Crime series and crime types that change between the two compared periods.

Each expected figure is worked out here by hand from the rows the test writes, never from pccdesk's output.
"""

from __future__ import annotations

import csv
from pathlib import Path

from pccdesk.crime.pack_section import CrimeSection, build_crime_section

LONG_HEADINGS = ["12 months ending", "PFA", "Region", "Offence", "Rolling year total number of offences"]


def _table(section: CrimeSection, area: str) -> dict[str, tuple[float | None, float | None]]:
    table = next(t for t in section.tables if t.area == area)
    return {r.category: (r.current, r.previous) for r in table.rows}


def _write(path: Path, headings: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headings)
        writer.writerows(rows)
    return path


def test_a_part_series_with_a_real_zero_this_year_still_counts_last_year(tmp_path: Path) -> None:
    """City of London in the Home Office long table: one death by illegal driving in the year to December 2017,
    none in the year to December 2018. That 0 is a count, not a renamed series: last year's 1 belongs in
    Violence against the person and in Total crime. "Domestic burglary" (0 in 2018, replaced by "Residential
    burglary", both given for 2017) is the renamed series and is left out of both years."""
    figures = {  # offence: (year to 30-12-2017, year to 31-12-2018), as the real file gives them
        "Homicide": (2, 1),
        "Death or serious injury caused by illegal driving": (1, 0),
        "Violence with injury": (363, 461),
        "Domestic burglary": (8, 0),
        "Residential burglary": (8, 15),
        "Robbery": (51, 104),
    }
    rows = []
    for offence, (before, now) in figures.items():
        rows.append(["30-12-2017", "City of London", "London", offence, str(before)])
        rows.append(["31-12-2018", "City of London", "London", offence, str(now)])
        rows.append(["30-12-2017", "Metropolitan Police", "London", offence, str(before * 100)])
        rows.append(["31-12-2018", "Metropolitan Police", "London", offence, str(now * 100 + 7)])
    path = _write(tmp_path / "rec-crime-pfa.csv", LONG_HEADINGS, rows)

    table = _table(build_crime_section([path], force="City of London"), "City of London")
    assert table["Violence against the person"] == (1 + 0 + 461, 2 + 1 + 363)
    assert table["Burglary dwelling"] == (15, 8)
    assert table["Total crime"] == (1 + 0 + 461 + 15 + 104, 2 + 1 + 363 + 8 + 51)
