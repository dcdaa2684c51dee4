"""Dates in record-level crime extracts, and the two periods an extract's records are compared over.

A date column is judged once, from its first 200 texts (``2018-12`` months,
ISO dates, Excel serial numbers, UK day-first dates, or a mix tried format by
format), and each distinct text is then parsed once (a cache), so a million
rows cost a few thousand parses. Days are counted from 1 January 1970 so that
a record's key stays a small int.

Periods: by default the latest financial year to date in the data against the
same dates a year earlier (``fytd``); ``quarter`` compares the latest quarter
with the same quarter a year earlier; ``rolling-12`` the latest 12 months with
the 12 before them. The periods used are always said.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from typing import Any

from pccdesk.crime import codes
from pccdesk.periods import financial_year_start
from pccdesk.problems import PccdeskError
from pccdesk.records import record

PERIOD_CHOICES = ("fytd", "quarter", "rolling-12")


@record(frozen=True)
class Periods:
    kind: str
    current: tuple[dt.date, dt.date]
    previous: tuple[dt.date, dt.date]

    @staticmethod
    def label(span: tuple[dt.date, dt.date]) -> str:
        return f"{span[0].day} {span[0]:%b %Y} to {span[1].day} {span[1]:%b %Y}"

    @property
    def current_label(self) -> str:
        return self.label(self.current)

    @property
    def previous_label(self) -> str:
        return self.label(self.previous)


def _year_back(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def month_start(day: dt.date, back: int) -> dt.date:
    month = day.month - 1 - back
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def choose_periods(latest: dt.date, kind: str = "fytd") -> Periods:
    """The two periods to compare, ending at ``latest`` (the last date in the data)."""
    if kind == "quarter":
        start = month_start(latest, (latest.month - 1) % 3)
    elif kind == "rolling-12":
        start = _year_back(latest) + dt.timedelta(days=1)
    elif kind == "fytd":
        start = financial_year_start(latest)
    else:
        raise PccdeskError(f'"{kind}" is not a period: use one of {", ".join(PERIOD_CHOICES)}', code=codes.BAD_PERIOD)
    if kind == "rolling-12":
        return Periods(kind, (start, latest), (_year_back(start), start - dt.timedelta(days=1)))
    return Periods(kind, (start, latest), (_year_back(start), _year_back(latest)))


_EPOCH = dt.date(1970, 1, 1).toordinal()
_EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()
_MISS = object()
#: Formats tried, in order, when a date column follows none of the usual shapes (day first, as in the UK).
_MIXED_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%d-%b-%y",
                  "%d %b %y", "%Y/%m/%d", "%b %Y", "%B %Y", "%b-%y", "%b-%Y", "%Y%m%d")
_TIME_SUFFIX = re.compile(r"[\sT]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([ap]\.?m\.?)?\s*$", re.IGNORECASE)


_SHAPES = (("month", re.compile(r"^\d{4}-\d{2}$")), ("iso", re.compile(r"^\d{4}-\d{2}-\d{2}")),
           ("serial", re.compile(r"^\d{5}(\.0+)?$")), ("slashed", re.compile(r"^\d{1,2}/\d{1,2}/\d{4}")))


def date_format(sample: list[str]) -> str:
    """The shape of a date column's texts, from its first non-blank values (as the pandas reader did).

    Texts of no shape ("soon", "TBC") are set aside: when all the others, and more than half of the sample,
    are of one shape, that is the column's, and the odd texts are unreadable dates, named at their cells (one
    such word once made every date of the file unreadable). Texts of two shapes are read each as it is.
    """
    by_shape: dict[str, list[str]] = {}
    for text in sample:
        shape = next((name for name, pattern in _SHAPES if pattern.match(text)), "")
        by_shape.setdefault(shape, []).append(text)
    known = [shape for shape in by_shape if shape]
    if len(known) != 1 or 2 * len(by_shape[known[0]]) <= len(sample):
        return "mixed"
    shape = known[0]
    if shape == "slashed":
        return "mdy" if month_first(by_shape[shape]) else "dmy"
    return shape


def month_first(sample: list[str]) -> str | None:
    """The first text proving slashed dates month first ("04/13/2018": no 13th month), when none is day first
    ("13/04/2018"); None otherwise. UK day first stays the rule unless the data themselves rule it out."""
    proof = None
    for text in sample:
        m = re.match(r"^(\d{1,2})/(\d{1,2})/", text)
        if not m:
            continue
        if int(m.group(1)) > 12:
            return None
        if proof is None and int(m.group(2)) > 12:
            proof = text
    return proof


def _serial_day(number: float) -> int | None:
    if not 1 <= number < 2958466:  # Excel's own range of dates (to 31 Dec 9999)
        return None
    return _EXCEL_EPOCH + int(number) - _EPOCH


def _text_day(text: str, shape: str) -> int | None:
    """Days since 1970 of one date text in the column's shape, or None when it is not a readable date."""
    text = text.strip()
    try:
        if shape == "month":
            m = re.fullmatch(r"(\d{4})-(\d{2})", text)
            return dt.date(int(m.group(1)), int(m.group(2)), 1).toordinal() - _EPOCH if m else None
        if shape == "iso":
            return dt.datetime.strptime(text[:10], "%Y-%m-%d").toordinal() - _EPOCH
        if shape == "serial":
            return _serial_day(float(text))
        if shape in ("dmy", "mdy"):
            order = "%d/%m/%Y" if shape == "dmy" else "%m/%d/%Y"
            return dt.datetime.strptime(text.split(None, 1)[0], order).toordinal() - _EPOCH
    except (ValueError, OverflowError):
        return None
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text).toordinal() - _EPOCH
    except ValueError:
        pass
    bare = _TIME_SUFFIX.sub("", text)
    for fmt in _MIXED_FORMATS:
        try:
            return dt.datetime.strptime(bare, fmt).toordinal() - _EPOCH
        except ValueError:
            continue
    return None


def day_parser(shape: str) -> Callable[[Any], int | None]:
    """Days since 1970 of one cell (date, date-time, Excel serial number or text); each distinct text is parsed
    once (a cache, emptied if it grows past 200,000 texts, as date-times can differ on every row)."""
    cache: dict[str, int | None] = {}

    def day_of(value: Any) -> int | None:
        if isinstance(value, str):
            hit = cache.get(value, _MISS)
            if hit is not _MISS:
                return hit  # type: ignore[return-value]
            if len(cache) > 200_000:
                cache.clear()
            day = cache[value] = _text_day(value, shape)
            return day
        if isinstance(value, dt.datetime | dt.date):
            return value.toordinal() - _EPOCH
        if isinstance(value, int | float) and not isinstance(value, bool):
            return None if isinstance(value, float) and math.isnan(value) else _serial_day(value)
        return None

    return day_of


def _date_sample(values: Iterable[Any]) -> list[str]:
    return [v.strip() for v in values if isinstance(v, str) and v.strip()][:200]


def _dates(values: Iterable[Any]) -> tuple[list[int | None], bool]:
    """Days since 1970 of each value (None when unreadable) and whether the column gives months only
    (``2018-12``). The shape is judged from the first 200 texts, as the counting does."""
    values = list(values)
    shape = date_format(_date_sample(values))
    day_of = day_parser(shape)
    return [day_of(v) for v in values], shape == "month"


def day_of_number(value: int) -> dt.date:
    return dt.date(1970, 1, 1) + dt.timedelta(days=int(value))


def day_number(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days


def month_number(day: int) -> int:
    """A day (since 1970) as a month number (year × 12 + month − 1), for grouping records by month."""
    date = day_of_number(day)
    return date.year * 12 + date.month - 1


def month_label(month: int) -> str:
    return f"{dt.date(month // 12, month % 12 + 1, 1):%b %Y}"


def months_between(first: dt.date, last: dt.date) -> list[int]:
    """The month numbers from ``first``'s month to ``last``'s, inclusive."""
    return list(range(first.year * 12 + first.month - 1, last.year * 12 + last.month))


def month_list(months: Iterable[int]) -> str:
    """``Jun 2018``, ``Jun 2018 and Aug 2018``, ``Apr 2018 to Sep 2018`` (runs of months written as a range)."""
    ordered = sorted(set(months))
    runs: list[list[int]] = []
    for m in ordered:
        if runs and m == runs[-1][-1] + 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    parts = [month_label(r[0]) if len(r) == 1 else f"{month_label(r[0])} to {month_label(r[-1])}" for r in runs]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
