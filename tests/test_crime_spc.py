"""Record-level extracts spanning 13 whole months or more give the force's monthly counts as XmR charts.

Every expected count is made here from the records written, never read back from pccdesk's output.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl

from pccdesk.cli import main

HEADING = ["Crime Reference", "Recorded Date", "Offence Group", "Local Authority"]
CATEGORIES = ("Robbery", "Burglary", "Shoplifting")


def _extract(path: Path, first: dt.date, last: dt.date, seed: int = 5) -> list[tuple[dt.date, str]]:
    """Records on every day from ``first`` to ``last`` (a few a day, by category), written as a force's CSV."""
    rng = random.Random(seed)
    records: list[tuple[dt.date, str]] = []
    day = first
    while day <= last:
        for _ in range(rng.randint(2, 6)):
            records.append((day, rng.choice(CATEGORIES)))
        day += dt.timedelta(days=1)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADING)
        for i, (when, category) in enumerate(records):
            writer.writerow([f"C{i}", f"{when:%d/%m/%Y}", category, "Sunderland"])
    return records


def _spc_sheet(out: Path) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(out)
    names = [n for n in book.sheetnames if n.startswith("Crime SPC")]
    assert names == ["Crime SPC"], book.sheetnames
    return [row for row in book[names[0]].iter_rows(values_only=True)]


def test_fifteen_whole_months_give_a_chart_per_category_from_hand_counted_months(tmp_path: Path) -> None:
    # 1 Apr 2017 to 20 Jul 2018: July 2018 is part of a month and must be left out of the charts
    records = _extract(tmp_path / "extract.csv", dt.date(2017, 4, 1), dt.date(2018, 7, 20))
    out = tmp_path / "crime.xlsx"
    assert main(["crime", "--force", "Northumbria", "--out", str(out), str(tmp_path / "extract.csv")]) in (0, 1)
    rows = _spc_sheet(out)
    texts = [str(r[0]) for r in rows if r and r[0]]
    headlines = [t for t in texts if "monthly counts" in t]
    assert len(headlines) == 1 + len(CATEGORIES)  # Total crime first, then each category
    assert headlines[0].startswith("Total crime:") and "2017-04 to 2018-06" in headlines[0]
    # the figures the Total crime chart is drawn from: every whole month, counted here by hand
    by_month = Counter(f"{d:%Y-%m}" for d, _ in records if d < dt.date(2018, 7, 1))
    data = [(r[0], r[1]) for r in rows if r and isinstance(r[0], str) and len(r[0]) == 7 and r[0][4] == "-"]
    assert data[:15] == [(m, by_month[m]) for m in sorted(by_month)]  # the first block is Total crime
    robbery = Counter(f"{d:%Y-%m}" for d, c in records if d < dt.date(2018, 7, 1) and c == "Robbery")
    assert data[15:30] == [(m, robbery[m]) for m in sorted(by_month)]  # then Robbery, as listed
    with zipfile.ZipFile(out) as package:
        charts = [n for n in package.namelist() if n.startswith("xl/charts/chart")]
        drawings = "".join(package.read(n).decode() for n in package.namelist() if n.startswith("xl/drawings/drawing"))
    assert len(charts) >= 1 + len(CATEGORIES)
    assert "recorded crimes a month" in drawings  # each chart has alternative text


def test_twelve_whole_months_give_no_spc_sheet(tmp_path: Path) -> None:
    _extract(tmp_path / "extract.csv", dt.date(2017, 4, 1), dt.date(2018, 3, 31))
    out = tmp_path / "crime.xlsx"
    assert main(["crime", "--force", "Northumbria", "--out", str(out), str(tmp_path / "extract.csv")]) in (0, 1)
    assert not [n for n in openpyxl.load_workbook(out).sheetnames if n.startswith("Crime SPC")]
