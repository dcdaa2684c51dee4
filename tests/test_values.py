"""parse_value: a table of what forces write, and what each must give."""

from __future__ import annotations

import pytest

from pccdesk.values import count_number, parse_value

# text: (value, unit, ±, change, change %, placeholder)
EXAMPLES: list[tuple[object, tuple[float | None, str | None, float | None, float | None, float | None, bool]]] = [
    ("98.8% (+/-0.6%)", (98.8, "percent", 0.6, None, None, False)),
    ("92.9% (+/- 1.2%)", (92.9, "percent", 1.2, None, None, False)),
    ("87% (+/- 2.5%)", (87.0, "percent", 2.5, None, None, False)),
    ("87% ± 2.5%", (87.0, "percent", 2.5, None, None, False)),
    ("41.6%", (41.6, "percent", None, None, None, False)),
    ("75% over 28 days", (75.0, "percent", None, None, None, False)),
    ("27 per month", (27.0, "rate", None, None, None, False)),
    ("+6%, +47 crimes", (None, "number", None, 47.0, 6.0, False)),
    ("+2,736 + 13%", (None, "number", None, 2736.0, 13.0, False)),
    ("- 34 - 27%", (None, "number", None, -34.0, -27.0, False)),
    ("+ 415", (None, "number", None, 415.0, None, False)),
    ("-34", (-34.0, "number", None, None, None, False)),
    ("1,234", (1234.0, "number", None, None, None, False)),
    ("(1,234)", (-1234.0, "number", None, None, None, False)),
    ("£1.2m", (1200000.0, "currency", None, None, None, False)),
    ("£1,200", (1200.0, "currency", None, None, None, False)),
    ("12.5 days", (12.5, "days", None, None, None, False)),
    ("170,002 ", (170002.0, "number", None, None, None, False)),
    ("\u00a0170,002\u00a0", (170002.0, "number", None, None, None, False)),
    ("1.2E+03", (1200.0, "number", None, None, None, False)),
    ("12.5%²", (12.5, "percent", None, None, None, False)),
    ("−5.5%", (-5.5, "percent", None, None, None, False)),
    (4, (4.0, "number", None, None, None, False)),
    (0.988, (0.988, "number", None, None, None, False)),
    ("N/A", (None, None, None, None, None, True)),
    ("n/a", (None, None, None, None, None, True)),
    ("-", (None, None, None, None, None, True)),
    ("..", (None, None, None, None, None, True)),
    ("[x]", (None, None, None, None, None, True)),
    ("[c]", (None, None, None, None, None, True)),
    ("*", (None, None, None, None, None, True)),
    ("Not previously reported", (None, None, None, None, None, True)),
    ("Data available August 2015", (None, None, None, None, None, True)),
    ("See future activity", (None, None, None, None, None, True)),
]


@pytest.mark.parametrize(("raw", "expected"), EXAMPLES, ids=[repr(e[0]) for e in EXAMPLES])
def test_examples(raw: object, expected: tuple[float | None, str | None, float | None, float | None, float | None,
                                              bool]) -> None:
    got = parse_value(raw)
    assert (got.value, got.unit, got.half_width, got.change, got.change_percent, got.placeholder) == expected
    assert got.error == ""
    assert got.text == (raw if isinstance(raw, str) else got.text)  # the original text is always kept


def test_percent_formatted_cell_is_a_percentage() -> None:
    got = parse_value(0.988, percent_format=True)
    assert (got.value, got.unit, got.text) == (98.8, "percent", "98.8%")
    assert parse_value(0.29, percent_format=True).value == 29.0  # not 28.999999999999996


@pytest.mark.parametrize("raw", ["about ninety", "1,23", "ENGLAND7,8", "4 1", "£-5", "1e999", "12 (+/- x)", "(12"])
def test_not_guessed_silently(raw: str) -> None:
    got = parse_value(raw)
    assert got.value is None and got.change is None
    assert got.error and raw.strip() in got.error


def test_qualifiers_are_kept() -> None:
    assert parse_value("75% over 28 days").qualifier == "over 28 days"
    assert parse_value("5.2 (provisional)").qualifier == "(provisional)"


@pytest.mark.parametrize("raw", [True, float("nan"), float("inf")])
def test_non_figures(raw: object) -> None:
    assert parse_value(raw).error


@pytest.mark.parametrize(("cell", "level"), [
    (1234, 1234.0), (0, 0.0), (12.5, 12.5), ("1,234", 1234.0), ("0", 0.0),
    (None, None), (True, None), ("", None), ("n/a", None), ("[x]", None), ("..", None),
    ("12 crimes", 12.0), ("12*", 12.0),
    ("+47", None), ("+6%", None), ("+47 (+6%)", None),  # a stated change is not a count
    ("6%", None), ("-6%", None), ("£70", None), ("12 days", None),  # nor is a figure of another kind
])
def test_a_count_is_a_number_never_a_change_a_placeholder_or_another_kind(cell: object, level: float | None) -> None:
    assert count_number(cell) == level
