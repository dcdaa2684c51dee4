"""Remake the trimmed samples in this folder from the whole files in ../shared/realdata.

The tests read the whole files when the shared folder sits beside the clone and these samples otherwise
(see ``realdata`` in tests/conftest.py), so a fresh clone runs every real-data test. Each sample keeps the
name of its original. CSV files are cut record by record on the original bytes (a record that spans lines,
such as a header cell with a newline in it, stays whole), so quoting, spacing and line endings are exactly
the publisher's. Workbooks the tests inspect cell by cell, or cut at byte offsets, are copied whole.
README.md says what each sample keeps and why.

Run from the repository root:  python tests/data/realdata/make_samples.py [path/to/shared]
"""

from __future__ import annotations

import re
import shutil
import sys
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.utils.cell import range_boundaries

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SEEDS_OUT = HERE.parent / "seeds"
SEEDS_USED = ("001_07fbcc27da8e9832.txt", "003_2d60056d05c1f8f7.txt")


def records(data: bytes) -> Iterator[bytes]:
    """The CSV records of ``data`` as their original bytes: lines joined while a quoted field is open."""
    pending = b""
    for line in data.splitlines(keepends=True):
        pending += line
        if pending.count(b'"') % 2 == 0:
            yield pending
            pending = b""
    if pending:
        yield pending


def field(record: bytes, index: int) -> str:
    """One field of a simple record (no quoted commas before ``index``), spaces stripped."""
    parts = record.decode("utf-8-sig").split(",")
    return parts[index].strip() if index < len(parts) else ""


def keep_csv(src: Path, dst: Path, keep: Callable[[int, bytes], bool]) -> None:
    """Write the records of ``src`` for which ``keep(position, record)`` is true (position 0 is the first)."""
    kept = [r for i, r in enumerate(records(src.read_bytes())) if keep(i, r)]
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(b"".join(kept))


def trim_workbook(src: Path, dst: Path, rows: int) -> None:
    """Keep every sheet but only its first ``rows`` rows (merges and tables reaching further are dropped)."""
    book = openpyxl.load_workbook(src)
    for sheet in book.worksheets:
        for merged in list(sheet.merged_cells.ranges):
            if merged.max_row > rows:
                sheet.unmerge_cells(str(merged))
        for name in [n for n, ref in sheet.tables.items() if range_boundaries(ref)[3] > rows]:
            del sheet.tables[name]
        if sheet.max_row > rows:
            sheet.delete_rows(rows + 1, sheet.max_row - rows)
    modified = book.properties.modified
    book.save(dst)
    _same_bytes_every_run(dst, modified)


def _same_bytes_every_run(path: Path, modified: datetime | None) -> None:
    """openpyxl stamps the save time into the package; put back the original's so a remake changes nothing."""
    stamp = (modified or datetime(1980, 1, 1)).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as old:
        parts = [(info.filename, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, body in parts:
            if name == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", lambda m: m.group(1) + stamp, body)
            new.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), body,
                         compress_type=zipfile.ZIP_DEFLATED)


def make(shared: Path) -> None:
    real = shared / "realdata"
    out = HERE
    for name in ("pfatablesdec19.xlsx", "police-workforce-sep19-tables.ods", "rec-crime-1898-2002.xls",
                 "police-workforce-tabs-30sep15.ods", "lad-csp-pfa-lookup-dec2016.csv"):
        shutil.copyfile(real / name, out / name)

    # Table C2: the preamble and header (records 0-7) and four forces' blocks, each whole.
    forces = {"Avon and Somerset", "Devon and Cornwall", "Durham", "Northumbria"}
    name = "policeforceareatablesyejune25final.csv"
    keep_csv(real / name, out / name, lambda i, r: i < 8 or field(r, 1) in forces)

    # Long format: the header, the first 60 records (Avon and Somerset, Mar 2003) and every Northumbria record.
    name = "rec-crime-pfa.csv"
    keep_csv(real / name, out / name, lambda i, r: i <= 60 or field(r, 1) == "Northumbria")

    # Street-level month: the header and every 25th record from the first, anti-social behaviour included.
    name = "2018-12-merseyside-street.csv"
    keep_csv(real / name, out / name, lambda i, r: i == 0 or (i - 1) % 25 == 0)

    # MPS wide file: the header and every row of three areas (the first borough, Westminster, the airports).
    areas = {"Barking and Dagenham", "Westminster", "London Heathrow and London City Airports"}
    name = "MPS Borough Level Crime (most recent 24 months).csv"
    keep_csv(real / name, out / name, lambda i, r: i == 0 or field(r, 2) in areas)

    # Durham street files: the header and every 100th record from the first.
    for path in sorted((real / "durham-street").glob("*.csv")):
        keep_csv(path, out / "durham-street" / path.name, lambda i, r: i == 0 or (i - 1) % 100 == 0)

    trim_workbook(real / "Monthly-AE-Time-Series-September-2023.xlsx",
                  out / "Monthly-AE-Time-Series-September-2023.xlsx", rows=40)
    trim_workbook(real / "policeforceareatablesyearendingmarch2018v2.xlsx",
                  out / "policeforceareatablesyearendingmarch2018v2.xlsx", rows=30)

    SEEDS_OUT.mkdir(exist_ok=True)
    for name in SEEDS_USED:
        shutil.copyfile(shared / "seeds" / name, SEEDS_OUT / name)


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared")
