"""``pccdesk crime`` end to end: the real process asks nothing, passwords, periods, output already open."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
from test_crime_fixtures import extract_rows, write_extract_xlsx

from pccdesk.cli import main
from pccdesk.examples.crime import write_example_crime

REPO = Path(__file__).resolve().parents[1]


def _protect(plain: Path, path: Path, password: str) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with plain.open("rb") as handle:
        OOXMLFile(handle).encrypt(password, out)
    path.write_bytes(out.getvalue())
    return path


def test_real_process_on_an_extract_asks_nothing(tmp_path: Path) -> None:
    extract = write_extract_xlsx(tmp_path / "extract.xlsx", extract_rows(5000))
    out = tmp_path / "crime.xlsx"
    env = dict(os.environ, PCCDESK_DB=str(tmp_path / "h.sqlite"), PCCDESK_LOG_DIR=str(tmp_path / "logs"))
    done = subprocess.run([sys.executable, "-m", "pccdesk", "crime", "--out", str(out), str(extract)],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120, cwd=REPO, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Northumbria and 6 areas, 1 Apr 2015 to 15 Jul 2015 against 1 Apr 2014 to 15 Jul 2014" in done.stdout
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == ["Cover", "Crime Northumbria (force)"]
    assert "Crime" in book["Data"].tables


def test_period_option_changes_the_comparison(tmp_path: Path) -> None:
    extract = write_extract_xlsx(tmp_path / "extract.xlsx", extract_rows(500))
    out = tmp_path / "crime.xlsx"
    assert main(["crime", "--out", str(out), "--period", "quarter", str(extract)]) in (0, 1)
    sheet = openpyxl.load_workbook(out)["Crime Northumbria (force)"]
    assert sheet.cell(4, 2).value == "1 Jul 2015 to 15 Jul 2015"
    assert sheet.cell(4, 3).value == "1 Jul 2014 to 15 Jul 2014"


def test_password_protected_inputs(tmp_path: Path) -> None:
    summary = _protect(write_example_crime(tmp_path / "plain.xlsx"), tmp_path / "crime-locked.xlsx", "Q1-2015")
    extract = _protect(write_extract_xlsx(tmp_path / "plain-extract.xlsx", extract_rows(300)),
                       tmp_path / "extract-locked.xlsx", "Q1-2015")
    out = tmp_path / "crime.xlsx"
    assert main(["crime", "--out", str(out), str(summary)]) == 2
    assert not out.exists()
    assert main(["crime", "--out", str(out), "--password", "wrong", str(summary)]) == 2
    assert main(["crime", "--out", str(out), "--password", "Q1-2015", str(summary)]) == 1
    data = openpyxl.load_workbook(out)["Data"]
    assert len(list(data[data.tables["Crime"].ref])) == 1 + 77
    assert main(["crime", "--out", str(out), "--password", "Q1-2015", str(extract)]) in (0, 1)


def test_an_earlier_output_survives_a_failed_run(tmp_path: Path) -> None:
    out = tmp_path / "crime.xlsx"
    assert main(["crime", "--out", str(out), str(write_example_crime(tmp_path / "seed.xlsx"))]) == 1
    before = out.read_bytes()
    empty = tmp_path / "empty.csv"
    empty.write_text("nothing,here\n", encoding="utf-8")
    assert main(["crime", "--out", str(out), str(empty)]) == 2
    assert out.read_bytes() == before


def test_mapping_of_a_titled_xlsx_extract_is_remembered(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "titled.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Export")
    sheet.write_string(0, 0, "Crimes recorded, extract of 16 July 2015")
    sheet.write_row(2, 0, ["Ref", "When", "Type", "Where"])
    for r, (ref, day, cat, area, _) in enumerate(extract_rows(200), start=3):
        sheet.write_row(r, 0, [ref, day.isoformat(), cat, area])
    book.close()
    out, db = tmp_path / "crime.xlsx", tmp_path / "h.sqlite"
    assert main(["crime", "--out", str(out), "--db", str(db), "--column", "date=When", "--column", "category=Type",
                 "--column", "area=Where", str(path)]) in (0, 1)
    out.unlink()
    assert main(["crime", "--out", str(out), "--db", str(db), str(path)]) in (0, 1)
    assert "Crime Northumbria (force)" in openpyxl.load_workbook(out).sheetnames
