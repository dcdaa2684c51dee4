"""The rules of recorded crime at their boundaries: tolerance, zero baseline, sums, aliases, counts."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pccdesk.crime.categories import DEFAULT_ROWS, TOTAL, default_categories, load_categories, normalise
from pccdesk.crime.crime_checks import (
    check_counts,
    check_exhaustive,
    check_missing,
    check_stated,
    check_sums,
    decimals_shown,
    stated_change_accepted,
    stated_percent_accepted,
)
from pccdesk.crime.crime_model import CURRENT, PREVIOUS, CrimeRow, CrimeTable, StatedChange, signed
from pccdesk.problems import Location

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("stated", "current", "previous", "accepted"), [
    (13, 23796, 21060, True),      # 12.99% rounded
    (12, 23796, 21060, True),      # 12.99% truncated
    (9, 4778, 4363, True),         # 9.51% truncated
    (10, 4778, 4363, True),        # 9.51% rounded
    (10, 71, 65, True),            # 9.23% rounded away from zero
    (8, 71, 65, False),            # 9.23%: 1.23 points away
    (205, 30, 10, False),          # 200% exactly: 5 points away
    (201, 30, 10, False),          # exactly one point away is beyond the rule
    (200, 30, 10, True),
    (2, 15, 15, False),            # 0% stated +2%
    (0, 15, 15, True),
    (-0.0, 178, 179, True),        # -0.56% shown as -0%
    (-1, 178, 179, True),          # -0.56% rounded
    (-14, 20, 23, True),           # -13.04%: rounded away from zero
    (-13, 20, 23, True),
    (-12, 20, 23, False),
    (13.0, 113, 100, True),
    (12.9, 113, 100, False),       # one decimal shown: must be within 0.1
    (13.05, 11305, 10000, True),
])
def test_stated_percent_tolerance(stated: float, current: int, previous: int, accepted: bool) -> None:
    assert stated_percent_accepted(stated, current, previous) is accepted


def test_stated_percent_from_zero_is_not_judged() -> None:
    assert stated_percent_accepted(100, 5, 0) is None


@pytest.mark.parametrize(("value", "places"), [(13, 0), (13.0, 0), (12.5, 1), (2.25, 2), (-0.0, 0)])
def test_decimals_shown(value: float, places: int) -> None:
    assert decimals_shown(value) == places


def test_stated_change_must_be_exact() -> None:
    assert stated_change_accepted(2736, 23796, 21060)
    assert not stated_change_accepted(2735, 23796, 21060)
    assert stated_change_accepted(0, 15, 15)


def _row(area: str, category: str, cur: float | None, prev: float | None, force: bool = False) -> CrimeRow:
    return CrimeRow(area, category, cur, prev, "2015-16", "2014-15", force, Location("f.xlsx", "S", "B2"),
                    Location("f.xlsx", "S", "C2"))


def test_zero_baseline_gives_n_a_not_an_error() -> None:
    row = _row("Sunderland", "Robbery", 4, 0)
    assert row.change == 4 and row.change_percent is None and row.change_percent_text == "n/a"
    problems = check_stated([CrimeTable("Sunderland", False, [row])],
                            [StatedChange("Sunderland", "Robbery", 4, 100, Location("f.xlsx", "S", "D2"))])
    assert [p.code for p in problems] == ["crime-stated-percent-zero"]
    assert problems[0].severity.value == "info"


def test_change_percent_text_and_signed() -> None:
    assert _row("A", "Robbery", 23796, 21060).change_percent_text == "+13%"
    assert _row("A", "Robbery", 20, 23).change_percent_text == "-13%"
    assert _row("A", "Robbery", 15, 15).change_percent_text == "0%"
    assert signed(2736) == "+2,736" and signed(-3) == "-3" and signed(0) == "0"
    assert _row("A", "Robbery", None, 3).change is None


def test_stated_change_wrong_is_flagged_with_its_cell() -> None:
    row = _row("Gateshead", "Robbery", 32, 24)
    problems = check_stated([CrimeTable("Gateshead", False, [row])],
                            [StatedChange("Gateshead", "Robbery", 9, None, Location("f.xlsx", "S", "D9"))])
    assert [p.code for p in problems] == ["crime-stated-change"]
    assert problems[0].location.cell == "D9" and "+9" in problems[0].message and "+8" in problems[0].message


def _tables(force_prev: float, area_prevs: list[float]) -> list[CrimeTable]:
    force = CrimeTable("Northumbria", True, [_row("Northumbria", TOTAL, 100, force_prev, True)])
    areas = [CrimeTable(f"Area {i}", False, [_row(f"Area {i}", TOTAL, 50, p)]) for i, p in enumerate(area_prevs)]
    return [force, *areas]


def test_sum_check_exact_sum_is_silent() -> None:
    assert check_sums(_tables(90, [40, 50]), {}) == []


def test_sum_check_reports_by_how_much() -> None:
    problems = check_sums(_tables(90, [40, 49]), {})
    assert len(problems) == 1
    assert "add up to 89" in problems[0].message and "1 fewer than the force's 90" in problems[0].message
    assert problems[0].location.cell == "C2"


def test_sum_check_counts_unassigned() -> None:
    tables = _tables(90, [40, 38])
    assert check_sums(tables, {(TOTAL, PREVIOUS): 12}) == []
    problems = check_sums(tables, {(TOTAL, PREVIOUS): 11})
    assert "with 11 not assigned to an area" in problems[0].message and "1 fewer" in problems[0].message
    assert check_sums(tables, {(TOTAL, CURRENT): 12, (TOTAL, PREVIOUS): 12})[0].message.startswith(
        "Total crime, 2015-16")


def test_exhaustive_list_checks_total_against_its_parts() -> None:
    table = CrimeTable("Northumbria", True, [_row("N", TOTAL, 10, 8, True), _row("N", "Robbery", 4, 3, True),
                                              _row("N", "Shoplifting", 6, 4, True)])
    problems = check_exhaustive([table])
    assert len(problems) == 1 and "add up to 7" in problems[0].message and "2014-15" in problems[0].message


def test_negative_and_fractional_counts() -> None:
    table = CrimeTable("A", False, [_row("A", "Robbery", -1, 3), _row("A", "Shoplifting", 2.5, 3),
                                    _row("A", "Sexual offences", 0, 0)])
    assert [p.code for p in check_counts([table])] == ["crime-count-negative", "crime-count-fraction"]


def test_missing_category_for_an_area() -> None:
    force = CrimeTable("N", True, [_row("N", TOTAL, 10, 8, True), _row("N", "Robbery", 4, 3, True)])
    area = CrimeTable("Gateshead", False, [_row("Gateshead", TOTAL, 10, 8)])
    problems = check_missing([force, area])
    assert [p.code for p in problems] == ["crime-category-missing"]
    assert "Gateshead has no figures for Robbery" in problems[0].message


@pytest.mark.parametrize("label", ["Burglary OTD", "Burglary - other than dwelling", "Non-domestic burglary",
                                   "Non-residential burglary", "burglary – other than dwelling",
                                   "Non-residential burglary6", "BURGLARY OTD "])
def test_burglary_aliases_are_one_category(label: str) -> None:
    assert default_categories().category(label) == "Burglary other than dwelling"


def test_aliases_of_categories_forces_and_areas() -> None:
    cats = default_categories()
    assert cats.category("Total recorded crime\n (excluding fraud)") == TOTAL
    assert cats.category("Violence against the person4") == "Violence against the person"
    assert cats.category("Criminal damage and arson") == "Criminal damage"
    assert cats.category("Residential burglary") == "Burglary dwelling"
    assert cats.category("Homicide") is None
    assert cats.force("Force Wide") == "Northumbria"
    assert cats.area_name("Newcastle upon Tyne", "Northumbria") == "Newcastle"
    assert cats.area_name("Liverpool", "Merseyside") == "Liverpool"
    assert [a.name for a in cats.areas_of("Northumbria")] == ["Sunderland", "South Tyneside", "Gateshead",
                                                              "North Tyneside", "Newcastle", "Northumberland"]
    assert cats.exhaustive is False
    assert cats.part_of("Violence with injury") == "Violence against the person"
    assert cats.part_of("Violence against the person") is None and cats.part_of("Robbery") is None
    assert normalise("Theft from the person [note 4]") == "theft from the person"


def test_shipped_template_is_the_default_list() -> None:
    shipped, problems = load_categories(REPO / "templates" / "crime-categories.csv")
    assert problems == []
    default = default_categories()
    assert shipped.names == default.names and len(shipped.names) == 11
    assert shipped.forces == default.forces and shipped.areas == default.areas
    assert len(DEFAULT_ROWS) == 1 + 11 + 1 + 6


def test_a_list_can_say_it_is_exhaustive_and_set_colours(tmp_path: Path) -> None:
    path = tmp_path / "cats.csv"
    path.write_text("Kind,Name,Aliases,Force,Colour\nsetting,Exhaustive,yes,,\ncategory,Total crime,,,\n"
                    "category,Robbery,Street robbery,,increase-bad\ncategory,Theft,,,purple\n"
                    "colour,Oops,,,\n", encoding="utf-8")
    cats, problems = load_categories(path)
    assert cats.exhaustive and cats.category("street robbery") == "Robbery"
    assert cats.colour("Robbery") == "increase-bad" and cats.colour("Theft") == "off"
    assert {p.code for p in problems} == {"crime-categories-row"}
    assert any("A6" == p.location.cell for p in problems)


counts = st.integers(min_value=0, max_value=2_000_000)


@given(counts, st.integers(min_value=1, max_value=2_000_000))
def test_any_rounding_or_truncation_of_the_real_percent_is_accepted(current: int, previous: int) -> None:
    real = 100 * (current - previous) / previous
    for shown in (round(real), math.trunc(real), math.floor(real), math.ceil(real), round(real, 1)):
        if abs(shown - real) < 10 ** -decimals_shown(shown) - 1e-9:
            assert stated_percent_accepted(shown, current, previous)
    assert stated_percent_accepted(round(real), current, previous)
    assert stated_percent_accepted(math.trunc(real), current, previous)


@given(counts, st.integers(min_value=1, max_value=2_000_000), st.integers(min_value=1, max_value=500))
def test_a_whole_point_or_more_away_is_flagged(current: int, previous: int, off: int) -> None:
    real = 100 * (current - previous) / previous
    assert not stated_percent_accepted(math.floor(real) - off, current, previous)
    assert not stated_percent_accepted(math.ceil(real) + off, current, previous)


@given(st.text(max_size=40))
def test_normalise_is_idempotent(label: str) -> None:
    assert normalise(normalise(label)) == normalise(label)
