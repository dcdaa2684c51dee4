"""Period texts into dates, and the warning when the two periods compared differ in length."""

from __future__ import annotations

import datetime as dt

import pytest

from pccdesk.periods import parse_period, period_length_warning

D = dt.date

CASES = [
    ("12 months to Jun 2015", None, D(2014, 7, 1), D(2015, 6, 30), "rolling", 12),
    ("12 months to May 2015", None, D(2014, 6, 1), D(2015, 5, 31), "rolling", 12),
    ("April to June 2015", None, D(2015, 4, 1), D(2015, 6, 30), "range", 3),
    ("April to May 2015", None, D(2015, 4, 1), D(2015, 5, 31), "range", 2),
    ("2014/15", None, D(2014, 4, 1), D(2015, 3, 31), "financial-year", 12),
    ("2014-2015", None, D(2014, 4, 1), D(2015, 3, 31), "financial-year", 12),
    ("As at 30 June 2015", None, D(2015, 6, 30), D(2015, 6, 30), "snapshot", None),
    ("As at 3 June 2015", None, D(2015, 6, 3), D(2015, 6, 3), "snapshot", None),
    ("Sept '14 to March '15", None, D(2014, 9, 1), D(2015, 3, 31), "range", 7),
    ("July 2014 to March 2015", None, D(2014, 7, 1), D(2015, 3, 31), "range", 9),
    ("Q1 2015-16", None, D(2015, 4, 1), D(2015, 6, 30), "quarter", 3),
    ("2015-16 Q4", None, D(2016, 1, 1), D(2016, 3, 31), "quarter", 3),
    ("1st April to 12th May", 2015, D(2015, 4, 1), D(2015, 5, 12), "range", 1),
    ("1 st April to 12 th May", 2015, D(2015, 4, 1), D(2015, 5, 12), "range", 1),
    ("January to March", 2015, D(2016, 1, 1), D(2016, 3, 31), "range", 3),  # the financial year from April 2015
    ("Year to date", 2015, D(2015, 4, 1), None, "year-to-date", None),
    ("YTD (to 15 July 2015)", None, D(2015, 4, 1), D(2015, 7, 15), "year-to-date", None),
    ("year ending December 2019", None, D(2019, 1, 1), D(2019, 12, 31), "rolling", 12),
    ("June 2015", None, D(2015, 6, 1), D(2015, 6, 30), "month", 1),
    ("Q1 15/16", None, D(2015, 4, 1), D(2015, 6, 30), "quarter", 3),
    ("2015/16 YTD", None, D(2015, 4, 1), None, "year-to-date", None),
    ("YTD 2015-16", None, D(2015, 4, 1), None, "year-to-date", None),
]


@pytest.mark.parametrize(("text", "year", "start", "end", "kind", "months"), CASES, ids=[c[0] for c in CASES])
def test_period_texts(text: str, year: int | None, start: dt.date, end: dt.date | None, kind: str,
                      months: int | None) -> None:
    span = parse_period(text, year=year)
    assert (span.start, span.end, span.kind) == (start, end, kind)
    assert span.text == text
    if kind != "year-to-date":
        assert span.months == months


@pytest.mark.parametrize("text", ["", "N/A", "Year to date", "1st April to 12th May", "Spring", "31 February 2015",
                                  "2015/17", "99 months to Jun 2015 and more"])
def test_no_dates_when_unknown(text: str) -> None:
    span = parse_period(text)
    assert span.end is None and span.text == text


def test_length_warning() -> None:
    twelve, three = parse_period("12 months to Jun 2015"), parse_period("April to June 2015")
    message = period_length_warning(parse_period("2014/15"), three)
    assert message is not None and "3 months" in message and "12 months" in message and "2014/15" in message
    assert period_length_warning(parse_period("12 months to May 2015"), twelve) is None
    assert period_length_warning(parse_period("As at 31 March 2015"), parse_period("As at 30 June 2015")) is None
    assert period_length_warning(parse_period("N/A"), three) is None
    assert period_length_warning(parse_period("January to March 2015"), three) is None


@pytest.mark.parametrize("day, year, quarter", [
    (dt.date(2015, 3, 31), 2014, "2014-15 Q4"),   # the last day of a financial year
    (dt.date(2015, 4, 1), 2015, "2015-16 Q1"),    # the first day of the next
    (dt.date(2015, 6, 30), 2015, "2015-16 Q1"),
    (dt.date(2015, 7, 1), 2015, "2015-16 Q2"),
    (dt.date(2015, 12, 31), 2015, "2015-16 Q3"),
    (dt.date(2016, 1, 1), 2015, "2015-16 Q4"),
    (dt.date(1999, 12, 31), 1999, "1999-00 Q3"),  # the year after 99 is written 00
])
def test_the_financial_year_starts_on_1_april(day: dt.date, year: int, quarter: str) -> None:
    from pccdesk.periods import financial_year_of, financial_year_start, reporting_quarter_of

    assert financial_year_of(day) == year
    assert financial_year_start(day) == dt.date(year, 4, 1)
    assert reporting_quarter_of(day) == quarter
