"""``pccdesk spc`` end to end: a workbook made here, the real command, the output opened with openpyxl."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from pccdesk.cli import main
from tests.conftest import REALDATA, need_shared

REPO = Path(__file__).resolve().parents[1]

#: NHSRplotthedots' vignettes/deviations.Rmd example. By hand: 18 points summing to 35, mean 35/18 = 1.9444;
#: moving ranges 1, 1, 1, 8, 9 and twelve 1s (sum 32, mean 1.8824, cut-off 3.267 × 1.8824 = 6.150), so 8 and 9
#: are left out and the mean moving range is 15/15 = 1; limits 1.9444 ± 2.66 = -0.7156 and 4.6044.
DEVIATIONS = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
MEAN, LOWER, UPPER = 35 / 18, 35 / 18 - 2.66, 35 / 18 + 2.66


def _months(n: int) -> list[dt.datetime]:
    return [dt.datetime(2021 + i // 12, i % 12 + 1, 1) for i in range(n)]


def _table(path: Path, *, gap: bool = False) -> Path:
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    sheet = book.add_worksheet("Monthly")
    for col, heading in enumerate(["Month", "Burglary", "=Robbery", "Notes"]):
        sheet.write_string(0, col, heading)
    month = book.add_format({"num_format": "mmm yyyy"})
    for i, (day, value) in enumerate(zip(_months(18), DEVIATIONS, strict=True), start=1):
        sheet.write_datetime(i, 0, day, month)
        sheet.write_number(i, 1, value)
        if gap and i == 9:
            sheet.write_string(i, 2, "n/a")
        else:
            sheet.write_number(i, 2, 20 + (i % 3))
        sheet.write_string(i, 3, "checked")
    book.close()
    return path


def _rows(ws, ref: str) -> list[dict]:
    cells = list(ws[ref])
    headers = [c.value for c in cells[0]]
    return [dict(zip(headers, (c.value for c in row), strict=True)) for row in cells[1:]]


def test_the_command_writes_the_tables_and_a_chart_per_series(tmp_path: Path) -> None:
    source = _table(tmp_path / "monthly.xlsx")
    out = tmp_path / "spc.xlsx"
    assert main(["spc", "--out", str(out), "--better", "higher", "--target", "5", str(source)]) == 0

    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == ["Charts", "Data"]
    data = book["Data"]
    assert set(data.tables) == {"Spc", "SpcSummary"}
    spc = _rows(data, data.tables["Spc"].ref)
    assert list(spc[0]) == ["Series", "Period", "Value", "Mean", "Lower limit", "Upper limit", "Special cause",
                            "Variation"]
    burglary = [r for r in spc if r["Series"] == "Burglary"]
    assert [r["Value"] for r in burglary] == DEVIATIONS
    assert [r["Period"] for r in burglary][:2] == ["2021-01-01", "2021-02-01"]
    for r in burglary:
        assert r["Mean"] == pytest.approx(MEAN)
        assert r["Lower limit"] == pytest.approx(LOWER)
        assert r["Upper limit"] == pytest.approx(UPPER)
    assert [(r["Special cause"], r["Variation"]) for r in burglary if r["Special cause"]] == [
        ("Outside limits", "Improvement")]
    assert {r["Variation"] for r in burglary} == {"Improvement", "Common cause"}

    robbery = [r for r in spc if r["Series"] == "=Robbery"]
    assert len(robbery) == 18
    robbery_cell = next(c for c in data["A"] if c.value == "=Robbery")
    assert robbery_cell.data_type == "s"  # a heading from the input stays text, never a formula

    summary = _rows(data, data.tables["SpcSummary"].ref)
    assert list(summary[0]) == ["Series", "Points", "Mean", "Lower limit", "Upper limit", "Latest variation",
                                "Assurance"]
    first = summary[0]
    assert (first["Series"], first["Points"], first["Latest variation"]) == ("Burglary", 18, "Common cause")
    assert first["Upper limit"] == pytest.approx(UPPER)
    # target 5 is above the upper limit 4.6044 and higher is better: the process cannot reach it
    assert first["Assurance"] == "Consistently misses target"
    assert {r["Series"] for r in summary} == {"Burglary", "=Robbery"}  # "Notes" has no figures

    with zipfile.ZipFile(out) as package:
        charts = sorted(n for n in package.namelist() if n.startswith("xl/charts/chart"))
        assert len(charts) == 2
        burglary_chart = package.read(charts[0]).decode("utf-8")
    assert "<c:lineChart>" in burglary_chart
    for name in ("Value", "Mean", "Lower limit", "Upper limit", "Target", "Improvement (special cause)"):
        assert f"<c:v>{name}</c:v>" in burglary_chart
    assert "Concern (special cause)" not in burglary_chart
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~")]


def test_a_series_with_a_gap_is_left_out_with_a_warning_naming_the_cell(tmp_path: Path, capsys) -> None:
    source = _table(tmp_path / "monthly.xlsx", gap=True)
    out = tmp_path / "spc.xlsx"
    assert main(["spc", "--out", str(out), str(source)]) == 1
    said = capsys.readouterr().out
    assert "Monthly!C10" in said and "=Robbery" in said
    book = openpyxl.load_workbook(out)
    summary = _rows(book["Data"], book["Data"].tables["SpcSummary"].ref)
    assert [r["Series"] for r in summary] == ["Burglary"]
    assert summary[0]["Assurance"] is None  # no target, no assurance


def test_a_rebase_gives_new_limits_from_that_period_and_short_stretches_warn(tmp_path: Path, capsys) -> None:
    source = _table(tmp_path / "monthly.xlsx")
    out = tmp_path / "spc.xlsx"
    assert main(["spc", "--out", str(out), "--rebase", "Jan 2022", str(source)]) == 1
    assert "trial limits" in capsys.readouterr().out
    data = openpyxl.load_workbook(out)["Data"]
    burglary = [r for r in _rows(data, data.tables["Spc"].ref) if r["Series"] == "Burglary"]
    after = DEVIATIONS[12:]  # 2, 1, 2, 1, 2, 1
    assert burglary[12]["Mean"] == pytest.approx(sum(after) / 6)
    assert burglary[12]["Upper limit"] == pytest.approx(1.5 + 2.66 * 1)
    assert burglary[11]["Mean"] == pytest.approx(sum(DEVIATIONS[:12]) / 12)


@pytest.mark.parametrize("args", [["--rebase", "Mar 2030"], ["--target", "3"], ["--better", "up"]])
def test_bad_options_stop_with_one_line_and_write_nothing(tmp_path: Path, args: list[str]) -> None:
    source = _table(tmp_path / "monthly.xlsx")
    out = tmp_path / "spc.xlsx"
    done = subprocess.run([sys.executable, "-m", "pccdesk", "spc", "--out", str(out), *args, str(source)],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_a_csv_of_quarters_in_the_wrong_order_is_charted_in_time_order(tmp_path: Path) -> None:
    source = tmp_path / "quarters.csv"
    labels = [f"{2021 + i // 4}-{(2022 + i // 4) % 100:02d} Q{i % 4 + 1}" for i in range(14)]  # 2021-22 Q1 …
    rows = ["Quarter,Calls answered"] + [f"{label},{100 + i}" for i, label in enumerate(labels)]
    source.write_text("\n".join([rows[0], *reversed(rows[1:])]) + "\n", encoding="utf-8")
    out = tmp_path / "spc.xlsx"
    assert main(["spc", "--out", str(out), str(source)]) == 0
    data = openpyxl.load_workbook(out)["Data"]
    spc = _rows(data, data.tables["Spc"].ref)
    assert [r["Value"] for r in spc] == list(range(100, 114))
    assert [r["Period"] for r in spc] == labels
    # 14 rising points, 100 to 113: mean 106.5, every moving range 1, limits 103.84 and 109.16; so 100–103 and
    # 110–113 are outside the limits and the rest are in a trend; monitor-only, so the variation is Neither
    assert [r["Special cause"] for r in spc] == ["Outside limits"] * 4 + ["Trend"] * 6 + ["Outside limits"] * 4
    assert {r["Variation"] for r in spc} == {"Neither"}


MPS = REALDATA / "MPS Borough Level Crime (most recent 24 months).csv"


def _xmr_by_hand(values: list[float]) -> tuple[float, float, float]:
    """Mean and limits the long way, as a person with a calculator would: no pccdesk code."""
    mean = sum(values) / len(values)
    ranges = [abs(values[i] - values[i - 1]) for i in range(1, len(values))]
    average = sum(ranges) / len(ranges)
    kept = [r for r in ranges if r < 3.267 * average]
    average = sum(kept) / len(kept)
    return mean, mean - 2.66 * average, mean + 2.66 * average


def test_a_real_monthly_crime_series_end_to_end(tmp_path: Path) -> None:
    """London's recorded crime per month (MOPAC, Mar 2021 – Feb 2023, whole or the sample in tests/data), summed
    over the boroughs by the test."""
    import csv

    with need_shared(MPS).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    months = rows[0][3:]
    wanted = ["Burglary", "Robbery", "Vehicle Offences"]
    totals = {name: [0] * len(months) for name in wanted}
    for row in rows[1:]:
        if row[0] in totals:
            for i, cell in enumerate(row[3:]):
                totals[row[0]][i] += int(cell)
    source = tmp_path / "london.xlsx"
    book = xlsxwriter.Workbook(str(source))
    sheet = book.add_worksheet("Counts")
    sheet.write_row(0, 0, ["Month", *wanted])
    for i, month in enumerate(months, start=1):
        sheet.write_string(i, 0, f"{month[:4]}-{month[4:]}")
        sheet.write_row(i, 1, [totals[name][i - 1] for name in wanted])
    book.close()

    out = tmp_path / "spc.xlsx"
    assert main(["spc", "--out", str(out), "--better", "lower", str(source)]) == 0
    data = openpyxl.load_workbook(out)["Data"]
    spc = _rows(data, data.tables["Spc"].ref)
    summary = {r["Series"]: r for r in _rows(data, data.tables["SpcSummary"].ref)}
    for name in wanted:
        points = [r for r in spc if r["Series"] == name]
        assert [r["Value"] for r in points] == totals[name]
        assert points[0]["Period"] == "2021-03" and points[-1]["Period"] == "2023-02"
        mean, lower, upper = _xmr_by_hand(totals[name])
        assert summary[name]["Points"] == 24
        assert summary[name]["Mean"] == pytest.approx(mean)
        assert summary[name]["Lower limit"] == pytest.approx(lower)
        assert summary[name]["Upper limit"] == pytest.approx(upper)
        for r in points:
            outside = r["Value"] > upper or r["Value"] < lower
            assert (r["Special cause"] == "Outside limits") == outside
