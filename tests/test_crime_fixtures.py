"""Crime fixtures built in code: the seed's seven crime blocks as a workbook, and record-level extracts.

The seed's text (seed 001, "Comparison of crime between 1 Apr 2015 to 15 Jul
2015 and 2014-15") is copied here line for line, tabs included, so the
workbook can be built without ../shared; a test checks the copy against the
seed when the seed is there.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import pytest
import xlsxwriter

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"

SEED_LINES = (
    'Comparison of crime between 1 Apr 2015 to 15 Jul 2015 and 2014-15',
    '',
    'Force Wide',
    '',
    '\t2015-16 1.4.– 15.7\t2014-15 1.4.– 15.7\tChange compared to 2014-15',
    'Total crime\t23,796\t21,060\t+2,736 + 13%',
    'Violence against the person\t4,908\t3,969\t+ 939 + 24%',
    'Robbery\t149\t143\t+ 6 + 4%',
    'Sexual offences\t753\t605\t+ 148 + 24%',
    'Vehicle crime\t1,534\t1,519\t+ 15 + 1%',
    'Criminal damage\t4,888\t4,244\t+ 644 + 15%',
    'Burglary dwelling\t917\t855\t+ 62 + 7%',
    'Burglary OTD\t1,365\t1,342\t+ 23 + 2%',
    'Shoplifting\t2,979\t2,746\t+ 233 + 9%',
    'Theft from the person\t275\t218\t+ 57 + 26%',
    'Other theft and handling\t3,410\t2,742\t+ 668 + 24%',
    '',
    'Area Commands',
    '',
    'Sunderland',
    '',
    '\t2015-16 1.4.– 15.7\t2014-15 1.4.– 15.7\tChange compared to 2014-15',
    'Total crime\t4,778\t4,363\t+ 415 + 10%',
    'Violence against the person\t983\t778\t+ 205 + 26%',
    'Robbery\t20\t23\t- 3 - 14%',
    'Sexual offences\t141\t113\t+ 28 + 25%',
    'Vehicle crime\t287\t368\t- 81 - 22%',
    'Criminal damage\t1,035\t942\t+ 93 + 10%',
    'Burglary dwelling\t178\t179\t- 1 - 0%',
    'Burglary OTD\t252\t301\t- 49 - 16%',
    'Shoplifting\t547\t548\t- 1 - 0%',
    'Theft from the person\t44\t24\t+ 20 + 85%',
    'Other theft and handling\t786\t519\t+ 267 + 52%',
    '',
    'South Tyneside',
    '',
    '\t2015-16 1.4.– 15.7\t2014-15 1.4.– 15.7\tChange compared to 2014-15\t',
    'Total crime\t2,296\t2,050\t+ 246\t+ 12%',
    'Violence against the person\t568\t431\t+ 137\t+ 32%',
    'Robbery\t14\t13\t+ 1\t+ 7%',
    'Sexual offences\t69\t54\t+ 15\t+ 27%',
    'Vehicle crime\t107\t93\t+ 14\t+ 15%',
    'Criminal damage\t524\t477\t+ 47\t+ 10%',
    'Burglary dwelling\t69\t63\t+ 6\t+ 9%',
    'Burglary OTD\t92\t105\t- 13\t- 12%',
    'Shoplifting\t282\t244\t+ 38\t+ 15%',
    'Theft from the person\t15\t9\t+ 6\t+ 62%',
    'Other theft and handling\t288\t278\t+ 10\t+ 3%',
    '',
    'Gateshead',
    '',
    '\t2015-16 1.4.– 15.7\t2014-15 1.4.– 15.7\tChange compared to 2014-15\t',
    'Total crime\t3,238\t2,716\t+ 522\t+ 19%',
    'Violence against the person\t626\t491\t+ 135\t+ 28%',
    'Robbery\t32\t24\t+ 8\t+ 35%',
    'Sexual offences\t106\t78\t+ 28\t+ 36%',
    'Vehicle crime\t279\t262\t+ 17\t+ 6%',
    'Criminal damage\t708\t543\t+ 165\t+ 30%',
    'Burglary dwelling\t122\t116\t+ 6\t+ 5%',
    'Burglary OTD\t257\t220\t+ 37\t+ 17%',
    'Shoplifting\t333\t291\t+ 42\t+ 15%',
    'Theft from the person\t17\t15\t+ 2\t+ 13%',
    'Other theft and handling\t456\t361\t+ 95\t+ 26%',
    '',
    'North Tyneside',
    '',
    '\t2015-16 1.4.– 15.7\t2014-15 1.4.– 15.7\tChange compared to 2014-15\t',
    'Total crime\t2,465\t2,384\t+ 81\t+ 3%',
    'Violence against the person\t540\t507\t+ 33\t+ 6%',
    'Robbery\t16\t14\t+ 2\t+ 13%',
    'Sexual offences\t71\t65\t+ 6\t+ 8%',
    'Vehicle crime\t139\t142\t- 3\t- 2%',
    'Criminal damage\t516\t470\t+ 46\t+ 10%',
    'Burglary dwelling\t82\t95\t- 13\t- 14%',
    'Burglary OTD\t95\t129\t- 34\t- 27%',
    'Shoplifting\t326\t338\t- 12\t- 4%',
    'Theft from the person\t15\t15\t+ 0\t+ 2%',
    'Other theft and handling\t346\t301\t+ 45\t+ 15%',
    '',
    'Newcastle',
    '',
    '\t2015-16 1.4.– 15.7\t2014-15 1.4.– 15.7\tChange compared to 2014-15\t',
    'Total crime\t7,174\t6,391\t+ 783\t+ 12%',
    'Violence against the person\t1,460\t1,193\t+ 267\t+ 22%',
    'Robbery\t54\t61\t- 7\t- 11%',
    'Sexual offences\t242\t201\t+ 41\t+ 21%',
    'Vehicle crime\t409\t371\t+ 38\t+ 10%',
    'Criminal damage\t1,228\t1,111\t+ 117\t+ 11%',
    'Burglary dwelling\t324\t269\t+ 55\t+ 21%',
    'Burglary OTD\t326\t294\t+ 32\t+ 11%',
    'Shoplifting\t1,117\t1,020\t+ 97\t+ 9%',
    'Theft from the person\t154\t145\t+ 9\t+ 6%',
    'Other theft and handling\t941\t823\t+ 118\t+ 14%',
    '',
    'Northumberland',
    '',
    '\t2015-16 1.4.– 15.7\t2014-15 1.4.– 15.7\tChange compared to 2014-15\t',
    'Total crime\t3,845\t3,157\t+ 688\t+ 22%',
    'Violence against the person\t731\t570\t+ 161\t+ 28%',
    'Robbery\t13\t9\t+ 4\t+ 50%',
    'Sexual offences\t124\t94\t+ 30\t+ 32%',
    'Vehicle crime\t313\t282\t+ 31\t+ 11%',
    'Criminal damage\t877\t701\t+ 176\t+ 25%',
    'Burglary dwelling\t142\t134\t+ 8\t+ 6%',
    'Burglary OTD\t343\t293\t+ 50\t+ 17%',
    'Shoplifting\t374\t304\t+ 70\t+ 23%',
    'Theft from the person\t30\t10\t+ 20\t+205%',
    'Other theft and handling\t593\t460\t+ 133\t+ 29%',
)

AREAS = ("Force Wide", "Sunderland", "South Tyneside", "Gateshead", "North Tyneside", "Newcastle", "Northumberland")


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
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    number = book.add_format({"num_format": "#,##0"})
    sheet = None if sheet_per_area else book.add_worksheet("Crime comparison")
    r = 0
    for line in SEED_LINES:
        cells = line.split("\t")
        if sheet_per_area and len(cells) == 1 and cells[0].strip() in AREAS:
            sheet = book.add_worksheet(cells[0].strip())
            r = 0
            continue
        if sheet is None:
            continue
        for c, cell in enumerate(cells):
            if not cell:
                continue
            if c in (1, 2) and cell.replace(",", "").isdigit() and not counts_as_text:
                sheet.write_number(r, c, int(cell.replace(",", "")), number)
            else:
                sheet.write_string(r, c, cell)
        r += 1
    book.close()
    return path


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
    if not seed.exists():
        pytest.skip(f"{seed} is not there (../shared is missing)")
    text = seed.read_text(encoding="utf-8").split("\n")
    start = text.index(SEED_LINES[0])
    assert tuple(text[start:start + len(SEED_LINES)]) == SEED_LINES


def test_seed_copy_has_seven_blocks_of_eleven_rows() -> None:
    counts = seed_counts()
    assert len(counts) == 77
    assert counts[("Force Wide", "Total crime")] == (23796, 21060, "+2,736 + 13%")
    assert counts[("South Tyneside", "Total crime")] == (2296, 2050, "+ 246 | + 12%")
