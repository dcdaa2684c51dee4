"""Record-level crime extracts are read in the limited worker process too: a hostile extract that the pre-parse
checks would miss is refused in one line, and only the extract's counts come back from the worker."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from pccdesk.crime.extract_reading import load_extract, load_extract_here, open_extract
from pccdesk.problems import PccdeskError
from pccdesk.readers.isolation import MEMORY_MESSAGE, REFUSED_CODE
from tests.hostile_files import FAR_ROW, SHEET, parts_of, run_limited, with_rows, write_parts

HEADINGS = ["Crime ID", "Month", "Reported by", "Falls within", "LSOA name", "Crime type"]
RECORD = ["abc1", "2018-12", "Durham Constabulary", "Durham Constabulary", "Darlington 001A", "Burglary"]

#: The pre-parse checks replaced by a pass in the process under test (and in the worker it forks), so that the
#: worker's limits are all that stands between the file and the process. The extract's XML is not read directly
#: either (:mod:`pccdesk.readers.sheet_tally` never allocates a sheet's range, so it would count the far cell's
#: million empty rows instead of dying): the reader whose allocation the limits must stop is python-calamine.
CHECKS_OFF = """
import pccdesk.readers.file_checks as checks
import pccdesk.crime.extract_reading as extract_reading
checks.check_spreadsheet_bytes = lambda data, path, limits=None: 'xlsx'
extract_reading._sheet_xml = lambda path, checked: None
"""


def street_extract(path: Path) -> Path:
    """A data.police.uk-style street file as a workbook: its headings and one crime."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Crimes")
    sheet.write_row(0, 0, HEADINGS)
    sheet.write_row(1, 0, RECORD)
    book.close()
    return path


def moved_far_apart_extract(path: Path) -> Path:
    """The street file with its sheet part moved out of xl/worksheets/ and a cell at XFD1048576: about 6 KB
    that a reader allocating the sheet's whole range (17 billion cells) dies on."""
    parts = parts_of(street_extract(path.with_suffix(".base.xlsx")))
    path.with_suffix(".base.xlsx").unlink()
    parts["xl/sheet1.xml"] = with_rows(parts.pop(SHEET), FAR_ROW)
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"worksheets/sheet1.xml", b"sheet1.xml")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"/xl/worksheets/sheet1.xml",
                                                                        b"/xl/sheet1.xml")
    return write_parts(path, parts)


def crime_cli(hostile: Path, out: Path, *, checks_off: bool) -> str:
    return (CHECKS_OFF if checks_off else "") + f"""
import sys
from pccdesk.cli import main
sys.exit(main(['crime', '--out', {str(out)!r}, {str(hostile)!r}]))
"""


@pytest.mark.parametrize("checks_off", [True, False], ids=["checks-off", "checks-on"])
def test_a_hostile_extract_is_refused_in_one_line_with_exit_2(tmp_path: Path, checks_off: bool) -> None:
    hostile = moved_far_apart_extract(tmp_path / "2018-12-durham-street.xlsx")
    assert hostile.stat().st_size < 8 * 1024
    out = tmp_path / "crime.xlsx"
    result = run_limited(crime_cli(hostile, out, checks_off=checks_off), memory_gb=3.0)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "2018-12-durham-street.xlsx" in lines[0], result.stderr
    if checks_off:  # nothing but the worker's memory limit stopped it
        assert MEMORY_MESSAGE in lines[0]
    assert not out.exists()


def test_with_the_checks_off_the_worker_is_what_stops_the_extract(tmp_path: Path) -> None:
    """The same file and the same caller, first read by the library inside the worker (refused, the caller
    carries on with the next extract) — the proof that the extract really went through the worker."""
    hostile = moved_far_apart_extract(tmp_path / "hostile.xlsx")
    good = street_extract(tmp_path / "good.xlsx")
    result = run_limited(CHECKS_OFF + f"""
from pathlib import Path
from pccdesk.crime.extract_reading import open_extract
from pccdesk.problems import PccdeskError
try:
    open_extract(Path({str(hostile)!r}))
except PccdeskError as exc:
    print(exc.code, '|', exc.message)
print('next', sorted(open_extract(Path({str(good)!r})).counts.values()))
""")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"{REFUSED_CODE} | {MEMORY_MESSAGE}", "next [1]"]


def test_the_worker_counts_what_this_process_counts(tmp_path: Path) -> None:
    """The real Durham street samples, counted in the worker and here, and by hand with the csv module."""
    from tests.conftest import REPO

    path = REPO / "tests" / "data" / "crime" / "2018-12-durham-street-sample.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        by_hand = Counter((r["Crime type"], r["LSOA name"]) for r in csv.DictReader(handle)
                          if r["Crime type"] != "Anti-social behaviour")
    isolated, here = load_extract(path), load_extract_here(path)
    assert isolated.counts == here.counts
    assert (isolated.sheet, isolated.rows, isolated.months_only) == (here.sheet, here.rows, here.months_only)
    assert [str(p) for p in isolated.problems] == [str(p) for p in here.problems]
    counted: Counter[tuple[object, object]] = Counter()
    for (_, category, area, _), n in isolated.counts.items():
        counted[(category, area)] += n
    assert counted == by_hand


def test_a_table_is_not_an_extract_and_a_missing_file_is_one_plain_error(tmp_path: Path) -> None:
    table = tmp_path / "table.csv"
    table.write_text("Area,Category,Current,Previous\nDurham,Burglary,10,12\n", encoding="utf-8")
    assert open_extract(table) is None
    with pytest.raises(PccdeskError) as caught:
        open_extract(tmp_path / "gone.csv")
    assert "gone.csv" in str(caught.value)


def test_an_extract_is_parsed_in_one_visit_to_the_worker_even_with_remembered_columns(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Remembered columns are looked up by the worker from the file's own headings (the history store is read
    once, in this process), so the file is not parsed once to find its headings and again to count it."""
    from pccdesk.cli import main
    from pccdesk.readers import isolation

    path = tmp_path / "odd.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Ref", "When", "Type", "Where"])
        writer.writerows([[f"R{i}", f"2015-0{4 + i % 3}-01", "Burglary", "Gateshead"] for i in range(30)])
    db, out = tmp_path / "history.sqlite", tmp_path / "crime.xlsx"
    assert main(["crime", "--out", str(out), "--db", str(db), "--column", "date=When", "--column",
                 "category=Type", "--column", "area=Where", str(path)]) in (0, 1)
    visits: list[str] = []
    real = isolation.run_isolated

    def counted(fn, *args, path, **kwargs):  # type: ignore[no-untyped-def]
        visits.append(fn.__name__)
        return real(fn, *args, path=path, **kwargs)

    monkeypatch.setattr(isolation, "run_isolated", counted)
    out.unlink()
    assert main(["crime", "--out", str(out), "--db", str(db), str(path)]) in (0, 1)  # remembered
    assert visits == ["open_extract_here"]
    data = openpyxl.load_workbook(out)["Data"]
    crime = list(data[data.tables["Crime"].ref])
    # all 30 records fall in the financial year to date (April to June 2015), all in Gateshead
    assert {r[0].value: r[2].value for r in crime[1:] if r[1].value == "Total crime"}["Gateshead"] == 30
