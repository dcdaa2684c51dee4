"""``pccdesk spc`` against figures worked out by hand: the limits, the screened moving ranges, the boundaries.

Every expected value here is computed in the test from the definitions (mean, moving ranges, mean ± 2.66 ×
mean moving range), not taken from pccdesk.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from pccdesk.cli import main


def _csv(tmp_path: Path, values: list[float], name: str = "Calls") -> Path:
    months = [f"{2022 + i // 12}-{i % 12 + 1:02d}" for i in range(len(values))]
    path = tmp_path / "series.csv"
    path.write_text("Month," + name + "\n" + "".join(f"{m},{v:g}\n" for m, v in zip(months, values, strict=True)),
                    encoding="utf-8")
    return path


def _spc_rows(out: Path) -> list[dict[str, object]]:
    sheet = openpyxl.load_workbook(out)["Data"]
    table = sheet.tables["Spc"]
    rows = [[c.value for c in r] for r in sheet[table.ref]]
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_a_moving_range_left_out_of_the_limits_is_said_with_both_sets_of_limits(tmp_path: Path, capsys) -> None:
    values = [10.0, 12, 11, 13, 12, 11, 10, 12, 13, 11, 12, 10, 40, 11, 12]
    mrs = [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
    mean = sum(values) / len(values)
    all_mr = sum(mrs) / len(mrs)
    kept = [m for m in mrs if m < 3.267 * all_mr]
    assert len(kept) == len(mrs) - 2  # the jumps up to 40 and back down are both left out
    screened_mr = sum(kept) / len(kept)
    out = tmp_path / "spc.xlsx"
    main(["spc", str(_csv(tmp_path, values)), "--out", str(out)])
    printed = capsys.readouterr().out
    first = _spc_rows(out)[0]
    assert first["Upper limit"] == pytest.approx(mean + 2.66 * screened_mr)
    # a person using every moving range (as the Making Data Count Excel tool does) gets other limits: say so
    assert "2 moving ranges" in printed
    assert f"{mean - 2.66 * all_mr:.1f} to {mean + 2.66 * all_mr:.1f}" in printed
    assert f"{mean - 2.66 * screened_mr:.1f} to {mean + 2.66 * screened_mr:.1f}" in printed


def test_no_note_when_every_moving_range_is_used(tmp_path: Path, capsys) -> None:
    values = [10.0, 12, 11, 13, 12, 11, 10, 12, 13, 11, 12, 10, 11, 11, 12]
    main(["spc", str(_csv(tmp_path, values)), "--out", str(tmp_path / "spc.xlsx")])
    assert "moving range" not in capsys.readouterr().out


def test_a_latest_figure_that_is_not_a_number_gives_a_reason_not_a_crash() -> None:
    from pccdesk.spc.indicator_history import indicator_spc

    history: list[tuple[str, float | None]] = [(f"2023-{m:02d}", float(m)) for m in range(1, 13)]
    history += [("2024-01", 5.0), ("2024-02", float("nan"))]
    spc = indicator_spc(history)
    assert not spc.available and spc.chart is None
    assert "2024-02" in spc.reason


def test_a_plain_number_among_percentages_is_named(tmp_path: Path, capsys) -> None:
    import xlsxwriter

    path = tmp_path / "rates.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Rates")
    pct = book.add_format({"num_format": "0.0%"})
    sheet.write_row(0, 0, ["Month", "Solved rate"])
    rates = [0.452, 0.461, 0.449, 0.455, 0.458, 0.447, 0.46, 0.451, 0.462, 0.45, 0.457, 0.448, 0.453, 0.459]
    for i, rate in enumerate(rates):
        sheet.write_string(i + 1, 0, f"2023-{i % 12 + 1:02d}" if i < 12 else f"2024-{i - 11:02d}")
        if i == 9:
            sheet.write_number(i + 1, 1, rate)  # pasted in without the percent format: 0.45, not 45%
        else:
            sheet.write_number(i + 1, 1, rate, pct)
    book.close()
    assert main(["spc", str(path), "--out", str(tmp_path / "spc.xlsx")]) == 2  # the only series is left out
    printed = capsys.readouterr().err
    assert "Rates!B11" in printed and "plain number" in printed and "percentages" in printed


def test_a_total_row_under_the_months_is_not_charted_as_a_month(tmp_path: Path, capsys) -> None:
    values = [10.0, 12, 11, 13, 12, 11, 10, 12, 13, 11, 12, 10, 11]
    path = _csv(tmp_path, values)
    path.write_text(path.read_text(encoding="utf-8") + f"Total,{sum(values):g}\n", encoding="utf-8")
    out = tmp_path / "spc.xlsx"
    assert main(["spc", str(path), "--out", str(out)]) == 1  # charted, with a warning about the Total row
    printed = capsys.readouterr().out
    rows = _spc_rows(out)
    assert [r["Value"] for r in rows] == values
    assert rows[0]["Mean"] == pytest.approx(sum(values) / len(values))
    assert "A15" in printed and '"Total"' in printed and "left out" in printed


def test_months_written_as_excel_shows_them_are_recognised() -> None:
    import datetime as dt

    from pccdesk.spc.period_keys import period_start

    assert period_start("Jan-23") == dt.date(2023, 1, 1)
    assert period_start("Sep-24") == dt.date(2024, 9, 1)
    assert period_start("Foo-23") is None
