"""The first "Done when" of issue 3: the seed-shaped force return imports against the example plan with every
indicator matched and every value, interval and period right, in every file shape a force sends."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_returns import PASSWORD, WRITERS, write_csv, write_protected_xlsx

from pccdesk.examples.force_return import SHEET_NAME, example_force_return_grid, write_example_force_return
from pccdesk.examples.plan import EXAMPLE_FIGURES, EXAMPLE_INDICATORS
from pccdesk.indicators.returns import read_return
from pccdesk.problems import PccdeskError

PERCENT_REFS = {i.ref for i in EXAMPLE_INDICATORS if i.measure == "percent"}

# ref: (previous value, previous ±, previous change, previous period, current value, current ±, current change,
#       current period) — written out by hand from the published report (seed 001), not computed by pccdesk.
EXPECTED: dict[str, tuple[float | None, float | None, float | None, str, float | None, float | None, float | None,
                          str]] = {
    "V1": (99.0, 0.6, None, "12 months to May 2015", 98.8, 0.6, None, "12 months to Jun 2015"),
    "V2": (93.7, 1.1, None, "12 months to May 2015", 92.9, 1.2, None, "12 months to June 2015"),
    "V3": (None, None, None, "", 87.0, 2.5, None, "April to June 2015"),
    "V4": (87.0, 0.5, None, "Sept '14 to March '15", 82.0, 1.2, None, "April to May 2015"),
    "A1": (93.4, 1.4, None, "12 months to May 2015", 93.2, 1.5, None, "12 months to June 2015"),
    "A2": (None, None, None, "", None, None, None, "N/A"),
    "D1a": (10.0, None, None, "2014/15", 11.0, None, None, "Year to date"),
    "D1b": (21.0, None, None, "2014/15", 18.0, None, None, "Year to date"),
    "D1c": (34.0, None, None, "2014/15", 31.0, None, None, "Year to date"),
    "D2": (66.0, None, None, "2014/15", 68.0, None, None, "April to May 2015"),
    "D3": (None, None, None, "N/A", 4.0, None, None, "April to June 2015"),
    "P1": (None, None, 36.0, "As at 3 June 2015", None, None, 47.0, "As at 6 July 2015"),
    "P2a": (48.0, None, None, "12 months to June 2014", 47.0, None, None, "12 months to June 2015"),
    "P2b": (29.0, None, None, "12 months to June 2014", 35.0, None, None, "12 months to June 2015"),
    "P2c": (22.0, None, None, "12 months to June 2014", 23.0, None, None, "12 months to June 2015"),
    "P2d": (43.0, None, None, "12 months to June 2014", 57.0, None, None, "12 months to June 2015"),
    "P2e": (44.0, None, None, "12 months to June 2014", 44.0, None, None, "12 months to June 2015"),
    "C1": (47.0, None, None, "2014/15", 47.0, None, None, "April to June 2015"),
    "C2": (41.6, None, None, "2014/15", 36.2, None, None, "April to June 2015"),
    "C3": (75.0, None, None, "2014/15", 74.0, None, None, "April to June 2015"),
    "C4": (79.2, None, None, "2014/15", 81.4, None, None, "April to May 2015"),
    "C5": (68.0, None, None, "July 2014 to March 2015", 68.0, None, None, "April to May 2015"),
    "C6": (None, None, None, "", 100.0, None, None, "April to June 2015"),
    "C7": (None, None, None, "", 79.0, None, None, "1st April to 12th May"),
    "C8": (None, None, None, "", None, None, None, ""),
    "C9": (27.0, None, None, "2014/15", 21.0, None, None, "April to June 2015"),
    "C10a": (18.0, None, None, "2014/15", 16.0, None, None, "April to June 2015"),
    "C10b": (25.0, None, None, "2014/15", 26.0, None, None, "April to June 2015"),
    "C11": (270.0, None, None, "As at 31 March 2015", 178.0, None, None, "As at 30 June 2015"),
}
HEADINGS = {"D1", "P2", "C10"}


def _actual(reading):  # type: ignore[no-untyped-def]
    return {row.ref: (row.previous.value, row.previous.half_width, row.previous.change, row.previous_period,
                      row.current.value, row.current.half_width, row.current.change, row.current_period)
            for row in reading.rows}


def test_expected_table_covers_every_leaf_indicator() -> None:
    leaves = {i.ref for i in EXAMPLE_INDICATORS} - HEADINGS
    assert set(EXPECTED) == leaves
    assert {f.ref for f in EXAMPLE_FIGURES} == leaves


def test_seed_shaped_return_imports_with_every_indicator_matched(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    path = write_example_force_return(tmp_path / "northumbria-q1.xlsx")
    reading = read_return(path, example_plan)
    assert reading.shape == "tables"
    assert reading.suggestions == []
    assert reading.unmatched == []
    assert _actual(reading) == EXPECTED
    assert [r.ref for r in reading.rows] == list(EXPECTED)  # plan order, as the report prints them
    assert reading.reporting_period == "2015-16 Q1"
    for row in reading.rows:
        assert row.match_method in ("wording", "alias", "ref")
        assert row.match_score == 1.0
        assert row.current_location.sheet == SHEET_NAME
    codes = {p.code for p in reading.problems}
    assert "row-not-matched" not in codes
    assert "indicator-not-in-return" not in codes
    assert not [p for p in reading.problems if p.severity.value == "error"]


def test_texts_notes_and_cells_are_kept(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    path = write_example_force_return(tmp_path / "r.xlsx")
    reading = read_return(path, example_plan)
    rows = {r.ref: r for r in reading.rows}
    grid = example_force_return_grid()
    v3_row, _ = grid.cell_of("V3", 4)
    assert rows["V3"].current.text == "87% (+/- 2.5%)"
    assert rows["V3"].current_location.cell == f"E{v3_row + 1}"
    assert rows["V3"].previous.text == "Not previously reported" and rows["V3"].previous.placeholder
    assert rows["V3"].note == "Target 90%"
    assert rows["A2"].current.text == "Data available August 2015" and rows["A2"].current.placeholder
    assert rows["C8"].current.text == "See future activity"
    assert rows["P1"].current.change_percent == 6.0 and rows["P1"].previous.change_percent == 7.0
    assert rows["C3"].current.qualifier == "over 28 days"
    assert rows["C9"].current.unit == "rate"
    assert rows["D1a"].label == "Rape"
    assert rows["D3"].note.startswith("1 each to Sunderland BIG Programme")


def test_period_length_warnings_name_the_cell(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    reading = read_return(write_example_force_return(tmp_path / "r.xlsx"), example_plan)
    warned = {p.location.cell: p.message for p in reading.problems if p.code == "period-length-differs"}
    rows = {r.ref: r for r in reading.rows}
    assert "2 months" in warned[rows["D2"].current_location.cell]
    assert "12 months" in warned[rows["D2"].current_location.cell]
    assert rows["V1"].current_location.cell not in warned  # 12 months against 12 months


@pytest.mark.parametrize("kind", ["xls", "ods", "csv"])
def test_other_file_shapes_import_to_the_same_values(tmp_path: Path, example_plan, kind: str) -> None:  # type: ignore[no-untyped-def]
    path = WRITERS[kind](tmp_path / f"northumbria-q1.{kind}")
    reading = read_return(path, example_plan)
    assert _actual(reading) == EXPECTED
    assert reading.suggestions == [] and reading.unmatched == []
    assert reading.reporting_period == "2015-16 Q1"
    # percent cells were known as percents: no fraction guessed into a percentage
    assert "fraction-read-as-percent" not in {p.code for p in reading.problems}


def test_windows_1252_csv_keeps_its_dashes_and_apostrophes(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "r.csv", encoding="cp1252")
    raw = path.read_bytes()
    assert b"\x96" in raw and b"\x92" in raw  # en dash and right quote in Windows-1252
    reading = read_return(path, example_plan)
    assert _actual(reading) == EXPECTED


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_utf8_bom_csv_with_other_delimiters(tmp_path: Path, example_plan, delimiter: str) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "r.csv", encoding="utf-8-sig", delimiter=delimiter)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert _actual(read_return(path, example_plan)) == EXPECTED


def test_password_protected_return(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    path = write_protected_xlsx(tmp_path / "protected.xlsx")
    assert path.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")  # an encrypted OLE container
    assert _actual(read_return(path, example_plan, password=PASSWORD)) == EXPECTED
    with pytest.raises(PccdeskError) as wrong:
        read_return(path, example_plan, password="not-the-password")
    assert wrong.value.code == "wrong-password"
    assert wrong.value.location.file == "protected.xlsx"
    assert "password is wrong" in wrong.value.message
    with pytest.raises(PccdeskError) as missing:
        read_return(path, example_plan)
    assert missing.value.code == "password-required"


def test_bundled_template_is_the_code_built_one(tmp_path: Path) -> None:
    from pccdesk.readers import read_workbook

    bundled = Path(__file__).resolve().parents[1] / "templates" / "example-force-return.xlsx"
    if not bundled.exists():
        pytest.skip("templates/example-force-return.xlsx is made by `make templates`")
    fresh = write_example_force_return(tmp_path / "fresh.xlsx")
    assert read_workbook(bundled).sheets[0].rows == read_workbook(fresh).sheets[0].rows


def test_tab_separated_txt_export(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "export.txt", encoding="cp1252", delimiter="\t")
    assert _actual(read_return(path, example_plan)) == EXPECTED


def test_utf8_csv_without_bom(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "r.csv", encoding="utf-8")
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and "–".encode() in raw
    reading = read_return(path, example_plan)
    assert _actual(reading) == EXPECTED
    assert {r.ref: r.label for r in reading.rows}["C4"] == "Increase the conviction rate at Magistrate’s Court to 85%."
