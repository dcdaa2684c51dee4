"""Numbers as numbers: counts are integers, values keep the digits the force gave with no floating-point noise,
percentages become fractions without noise, and the history gives counts back as integers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pccdesk.examples.force_return import write_example_force_return
from pccdesk.indicators.return_rows import normalise
from pccdesk.panel_pack import PackRequest, record_history
from pccdesk.store.history_store import HistoryStore
from pccdesk.values import as_fraction, parse_text, parse_value, tidy_number


@pytest.mark.parametrize(("raw", "value", "kind"), [
    (270.0, 270, int), (270, 270, int), ("270", 270, int), ("1,234", 1234, int), ("-34", -34, int),
    ("41.6%", 41.6, float), ("81.40%", 81.4, float), ("98.8% (+/-0.6%)", 98.8, float), ("£1.2m", 1200000, int),
    ("27 per month", 27, int), ("0.5", 0.5, float),
])
def test_figures_keep_their_kind(raw: object, value: float, kind: type) -> None:
    parsed = parse_value(raw)
    assert parsed.value == value and type(parsed.value) is kind


def test_a_percent_formatted_cell_has_no_float_noise() -> None:
    # 0.814 × 100 is 81.39999999999999 in binary floating point; the force's cell showed 81.4%
    assert 0.814 * 100 != 81.4
    parsed = parse_value(0.814, percent_format=True)
    assert parsed.value == 81.4 and parsed.text == "81.4%"
    assert parse_value(0.29, percent_format=True).value == 29 and type(parse_value(0.29, percent_format=True).value) is int


def test_the_digits_given_are_kept() -> None:
    assert parse_text("0.8140000000000001").value == 0.814  # noise beyond twelve significant digits is dropped
    assert parse_text("12.345").value == 12.345
    assert parse_text("+2,736 + 13%").change == 2736 and type(parse_text("+2,736 + 13%").change) is int


@pytest.mark.parametrize(("value", "expected"), [
    (28.999999999999996, 29), (81.39999999999999, 81.4), (0.1 + 0.2, 0.3), (270.0, 270), (None, None),
])
def test_tidy_number(value: float | None, expected: float | None) -> None:
    assert tidy_number(value) == expected
    if expected is not None:
        assert repr(tidy_number(value)) == repr(expected)


@pytest.mark.parametrize(("percent", "fraction"), [(81.4, "0.814"), (96.2, "0.962"), (100, "1.0"), (0.6, "0.006")])
def test_a_percentage_as_the_fraction_a_cell_holds(percent: float, fraction: str) -> None:
    assert repr(as_fraction(percent)) == fraction


def test_a_fraction_in_a_percent_indicator_becomes_a_clean_percentage() -> None:
    got = normalise(parse_value(0.29), True, None, [])  # type: ignore[arg-type]
    assert got.value == 29 and type(got.value) is int


def test_the_seed_shaped_return_stores_counts_as_integers(tmp_path: Path, example_plan_path: Path) -> None:
    ret = write_example_force_return(tmp_path / "return.xlsx")
    db = tmp_path / "h.sqlite"
    result = record_history(PackRequest(example_plan_path, [ret], period="2015-16 Q1", db=db))
    c11 = next(r for r in result.results if r.ref == "C11")
    # "270" and "178" in the return (as the seed report prints them): whole numbers, not 270.0
    assert c11.previous is not None and c11.current is not None
    assert (c11.previous.value, c11.current.value) == (270, 178)
    assert type(c11.previous.value) is int and type(c11.current.value) is int
    with HistoryStore(db) as store:
        [stored] = store.series("C11")
        assert stored.value == 178 and type(stored.value) is int
        noisy = [v for ref in ("V1", "V2", "C2", "C4") for v in store.series(ref)
                 if v.value is not None and len(repr(v.value).replace("-", "").replace(".", "").lstrip("0")) > 12]
        assert noisy == []
    with sqlite3.connect(db) as conn:
        texts = [r[0] for r in conn.execute("SELECT text FROM indicator_values WHERE ref = 'C11'")]
    assert texts == ["178"]


def test_a_change_is_a_clean_number_and_no_change_is_zero() -> None:
    from pccdesk.indicators.definitions import Better
    from pccdesk.indicators.status_rules import Direction, change_for

    fall = change_for(270, 178, Better.LOWER)
    assert fall.change == -92 and type(fall.change) is int and fall.direction is Direction.IMPROVED
    tiny = change_for(0.1 + 0.2, 0.3, Better.HIGHER)  # 0.30000000000000004 against 0.3: the same figure
    assert tiny.change == 0 and str(tiny.change) == "0" and tiny.direction is Direction.NO_CHANGE
    assert repr(change_for(81.4, 81.6, Better.HIGHER).change) == "0.2"  # not 0.19999999999999574
