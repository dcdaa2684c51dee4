"""Reporting periods (``2015-16 Q1``) and the period texts forces write beside their figures.

The police financial year starts on 1 April, so ``2015-16 Q1`` is April–June
2015. The history store orders reporting periods by their start date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from pccdesk.records import record


class _Pattern:
    """A regular expression compiled the first time it is used. Compiling this module's fourteen patterns (the
    month names, either case) took about 10 ms of every command's start, for texts most runs never meet."""

    __slots__ = ("_pattern", "_flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern, self._flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def _regex(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled

    def match(self, text: str) -> re.Match[str] | None:
        return self._regex().match(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self._regex().search(text)


_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}

#: English month names, whatever the computer's language (``%B`` would follow its locale).
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")

_FY_Q = _Pattern(r"^(?:(?P<y1>\d{4})\s*[-/]\s*(?P<y2>\d{2,4})\s*,?\s*Q(?:uarter)?\s*(?P<q>[1-4])|"
                   r"Q(?:uarter)?\s*(?P<q2>[1-4])\s*,?\s*(?P<y3>\d{4})\s*[-/]\s*(?P<y4>\d{2,4}))$", re.IGNORECASE)
_FY = _Pattern(r"^(?:FY\s*)?(?P<y1>\d{4})\s*[-/]\s*(?P<y2>\d{2}|\d{4})$", re.IGNORECASE)
_MONTH_YEAR = _Pattern(r"^(?P<m>[a-z]{3})[a-z]*\.?\s+'?(?P<y>\d{2}|\d{4})$", re.IGNORECASE)
_ISO_MONTH = _Pattern(r"^(?P<y>\d{4})-(?P<m>\d{2})$")


def reporting_period_start(label: str) -> dt.date | None:
    """The first day of a reporting period label, or None when the label is free text."""
    text = " ".join(label.split())
    m = _FY_Q.match(text)
    if m:
        year = int(m.group("y1") or m.group("y3"))
        if int(m.group("y2") or m.group("y4")) % 100 != (year + 1) % 100:
            return None  # "Q1 2023/25" is no financial year: a typing slip, not a period to date
        quarter = int(m.group("q") or m.group("q2"))
        month = 4 + 3 * (quarter - 1)
        return dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    m = _FY.match(text)
    if m:
        if int(m.group("y2")) % 100 != (int(m.group("y1")) + 1) % 100:
            return None
        return dt.date(int(m.group("y1")), 4, 1)
    m = _MONTH_YEAR.match(text)
    if m and m.group("m").lower() in _MONTHS:
        year = int(m.group("y"))
        return dt.date(year + 2000 if year < 100 else year, _MONTHS[m.group("m").lower()], 1)
    m = _ISO_MONTH.match(text)
    if m and 1 <= int(m.group("m")) <= 12:
        return dt.date(int(m.group("y")), int(m.group("m")), 1)
    return None


def reporting_period_key(label: str) -> str | None:
    start = reporting_period_start(label)
    return start.isoformat() if start else None


# --- Period texts written beside figures -------------------------------------------------------------------------

@record(frozen=True)
class PeriodSpan:
    """A period text as the force wrote it, with its dates when they can be worked out.

    ``text`` is always kept, because it is what the pack prints; ``start`` and
    ``end`` are None for texts such as ``Year to date`` with no year known, or
    ``N/A``. ``kind`` says how the text was read (``rolling``, ``range``,
    ``financial-year``, ``quarter``, ``year-to-date``, ``snapshot``, ``month``,
    ``unknown``), so a snapshot (``As at 30 June 2015``) is never compared by length.
    """

    text: str
    start: dt.date | None = None
    end: dt.date | None = None
    kind: str = "unknown"

    @property
    def months(self) -> int | None:
        """Whole months covered (April–June is 3), or None without both dates or for a snapshot."""
        if self.start is None or self.end is None or self.kind == "snapshot":
            return None
        days = (self.end - self.start).days + 1
        return max(1, round(days / (365.25 / 12)))


_MONTH_WORD = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
              r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"(?:'\s?\d{2}|’\s?\d{2}|\d{4}|\d{2}(?!\d))"
_DAY = r"(?:\d{1,2})\s*(?:st|nd|rd|th)?"
_DATE = rf"(?:(?P<{{p}}d>{_DAY})\s+)?(?P<{{p}}m>{_MONTH_WORD})(?:\s*,?\s*(?P<{{p}}y>{_YEAR}))?"


def _date_re(prefix: str) -> str:
    return _DATE.replace("{p}", prefix)


_ROLLING = _Pattern(rf"^(?:rolling\s+)?(?P<n>\d{{1,2}})\s*(?:months?|mths?)\s+(?:to|ending|ended)\s+{_date_re('e')}$",
                      re.IGNORECASE)
_YEAR_ENDING = _Pattern(rf"^(?:the\s+)?(?:year|12 months)\s+(?:ending|ended|to)\s+{_date_re('e')}$", re.IGNORECASE)
_RANGE = _Pattern(rf"^(?:from\s+)?{_date_re('s')}\s*(?:to|until|–|-|—)\s*{_date_re('e')}$", re.IGNORECASE)
_AS_AT = _Pattern(rf"^(?:as\s+(?:at|of)|at|on)\s+{_date_re('e')}$", re.IGNORECASE)
_NUMERIC_DATE = _Pattern(r"^(?:as\s+(?:at|of)\s+)?(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{2}|\d{4})$",
                           re.IGNORECASE)
_FIN_YEAR = _Pattern(r"^(?:fy\s*|financial year\s*)?(?P<y1>\d{4})\s*[-/–]\s*(?P<y2>\d{2}|\d{4})$", re.IGNORECASE)
_QUARTER = _Pattern(r"^(?:q(?:uarter)?\s*(?P<q>[1-4])\s*,?\s*(?:of\s+)?(?P<y1>\d{4}|\d{2})\s*[-/–]\s*(?P<y2>\d{2}|\d{4})|"
                      r"(?P<y3>\d{4})\s*[-/–]\s*(?P<y4>\d{2}|\d{4})\s*,?\s*q(?:uarter)?\s*(?P<q2>[1-4]))$",
                      re.IGNORECASE)
_YTD = _Pattern(r"^(?:financial\s+)?(?:year\s+to\s+date|ytd|fytd)(?:\s*\(?\s*(?:to\s+)?(?P<rest>.*?)\)?)?$",
                  re.IGNORECASE)
#: ``2015/16 YTD``, ``YTD 2015-16``: the year to date of a named financial year (its end is not said).
_FY_YTD = _Pattern(r"^(?:(?:ytd|year to date)\s+(?P<fy>\d{4}\s*[-/–]\s*\d{2,4})|"
                     r"(?P<fy2>\d{4}\s*[-/–]\s*\d{2,4})\s+(?:ytd|year to date))$", re.IGNORECASE)
_SINGLE_MONTH = _Pattern(rf"^{_date_re('e')}$", re.IGNORECASE)


def _month_number(word: str) -> int:
    return _MONTHS[word.strip(". ").lower()[:3]]


def _year(text: str | None, default: int | None) -> int | None:
    if not text:
        return default
    digits = text.strip("'’ ")
    year = int(digits)
    return year + 2000 if year < 100 else year


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day(text: str | None) -> int | None:
    if not text:
        return None
    return int(re.sub(r"\D", "", text))


def financial_year_of(day: dt.date) -> int:
    """The year the police financial year holding ``day`` starts in (it runs 1 April to 31 March)."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_start(day: dt.date) -> dt.date:
    """1 April of the financial year holding ``day``."""
    return dt.date(financial_year_of(day), 4, 1)


def reporting_quarter_of(day: dt.date) -> str:
    """The reporting period label (``2015-16 Q1``) of the financial quarter holding ``day``."""
    fy = financial_year_of(day)
    quarter = ((day.month - 4) % 12) // 3 + 1
    return f"{fy}-{(fy + 1) % 100:02d} Q{quarter}"


@functools.lru_cache(maxsize=8192)
def parse_period(text: str, *, year: int | None = None) -> PeriodSpan:
    """Read a period text (``12 months to Jun 2015``, ``Q1 2015-16``, ``1st April to 12th May``…).

    ``year`` is the calendar year to assume when the text gives none (the
    return's reporting period usually tells it); the financial year then runs
    from April, so ``1st April to 12th May`` with ``year=2015`` is 2015-04-01
    to 2015-05-12. Anything not understood comes back with no dates, never an
    exception, because a period text is a note for people before it is data.
    """
    raw = "" if text is None else str(text)
    t = " ".join(raw.replace("\u00a0", " ").split()).strip(" .")
    t = re.sub(r"(\d)\s+(st|nd|rd|th)\b", r"\1\2", t, flags=re.IGNORECASE)
    if not t:
        return PeriodSpan(raw)
    m = _QUARTER.match(t)
    if m:
        q = int(m.group("q") or m.group("q2"))
        y1 = int(m.group("y1") or m.group("y3"))
        y1 = y1 + 2000 if y1 < 100 else y1
        start_month = 4 + 3 * (q - 1)
        start = dt.date(y1 + (start_month - 1) // 12, (start_month - 1) % 12 + 1, 1)
        end_month = start.month + 2
        return PeriodSpan(raw, start, _month_end(start.year, end_month), "quarter")
    m = _FIN_YEAR.match(t)
    if m:
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if (y2 % 100) == (y1 + 1) % 100:
            return PeriodSpan(raw, dt.date(y1, 4, 1), dt.date(y1 + 1, 3, 31), "financial-year")
        return PeriodSpan(raw)
    m = _ROLLING.match(t) or _YEAR_ENDING.match(t)
    if m:
        n = int(m.groupdict().get("n") or 12)
        end_year = _year(m.group("ey"), year)
        if end_year is None or not 1 <= n <= 60:
            return PeriodSpan(raw, kind="rolling")
        month = _month_number(m.group("em"))
        end = _month_end(end_year, month)
        if m.group("ed"):
            end = _safe_date(end_year, month, _day(m.group("ed")) or 1) or end
        first_month_index = end_year * 12 + (month - 1) - (n - 1)
        start = dt.date(first_month_index // 12, first_month_index % 12 + 1, 1)
        return PeriodSpan(raw, start, end, "rolling")
    m = _AS_AT.match(t)
    if m:
        y = _year(m.group("ey"), year)
        if y is None:
            return PeriodSpan(raw, kind="snapshot")
        month = _month_number(m.group("em"))
        day = _safe_date(y, month, _day(m.group("ed")) or 1) if m.group("ed") else _month_end(y, month)
        return PeriodSpan(raw, day, day, "snapshot")
    m = _NUMERIC_DATE.match(t)
    if m and t.lower().startswith("as"):
        y = _year(m.group("y"), year)
        day = _safe_date(y or 1900, int(m.group("m")), int(m.group("d")))
        return PeriodSpan(raw, day, day, "snapshot") if day else PeriodSpan(raw)
    m = _RANGE.match(t)
    if m:
        return _range(raw, m, year)
    m = _FY_YTD.match(t)
    if m:
        fy = _FIN_YEAR.match((m.group("fy") or m.group("fy2")).strip())
        if fy is not None and int(fy.group("y2")) % 100 == (int(fy.group("y1")) + 1) % 100:
            return PeriodSpan(raw, dt.date(int(fy.group("y1")), 4, 1), None, "year-to-date")
    m = _YTD.match(t)
    if m:
        rest = (m.group("rest") or "").strip()
        ytd_end: dt.date | None = None
        if rest:
            ytd_end = parse_period(rest, year=year).end or parse_period(f"as at {rest}", year=year).end
        if ytd_end is not None:
            return PeriodSpan(raw, dt.date(financial_year_of(ytd_end), 4, 1), ytd_end, "year-to-date")
        if year is not None:
            return PeriodSpan(raw, dt.date(year, 4, 1), None, "year-to-date")
        return PeriodSpan(raw, kind="year-to-date")
    m = _SINGLE_MONTH.match(t)
    if m and not m.group("ed"):
        y = _year(m.group("ey"), year)
        if y is not None:
            month = _month_number(m.group("em"))
            return PeriodSpan(raw, dt.date(y, month, 1), _month_end(y, month), "month")
    return PeriodSpan(raw)


def _range(raw: str, m: re.Match[str], year: int | None) -> PeriodSpan:
    """``April to June 2015``, ``Sept '14 to March '15``, ``July 2014 to March 2015``, ``1st April to 12th May``."""
    sm, em = _month_number(m.group("sm")), _month_number(m.group("em"))
    ey = _year(m.group("ey"), None)
    sy = _year(m.group("sy"), None)
    if ey is None and sy is None:
        if year is None:
            return PeriodSpan(raw, kind="range")
        # the financial year that starts in April of ``year``
        sy = year if sm >= 4 else year + 1
        ey = year if em >= 4 else year + 1
    elif ey is None:
        assert sy is not None
        ey = sy if em >= sm else sy + 1
    elif sy is None:
        sy = ey if sm <= em else ey - 1
    start = _safe_date(sy, sm, _day(m.group("sd")) or 1)
    end = _safe_date(ey, em, _day(m.group("ed")) or 1) if m.group("ed") else _month_end(ey, em)
    if start is None or end is None or end < start:
        return PeriodSpan(raw, kind="range")
    return PeriodSpan(raw, start, end, "range")


def period_length_warning(previous: PeriodSpan, current: PeriodSpan) -> str | None:
    """A plain-English warning when the two periods compared are not of the same length, else None.

    ``12 months to Jun 2015`` against ``April to June 2015`` compares twelve
    months with three; a panel member should be told before reading a change.
    Snapshots and periods without dates are not compared.
    """
    a, b = previous.months, current.months
    if a is None or b is None:
        return None
    if a == b:
        return None
    return (f'the current period "{current.text.strip()}" covers {_months_text(b)} but the previous period '
            f'"{previous.text.strip()}" covers {_months_text(a)}: the figures may not be comparable')


def _months_text(n: int) -> str:
    return "1 month" if n == 1 else f"{n} months"


# --- Quarters named in labels and titles --------------------------------------------------------------------------

_YY = r"(?:\d{4}|\d{2})"
_NAMED_FY_QUARTER = _Pattern(
    rf"(?<![\w/-])(?:q(?:uarter|tr)?\s*(?P<q>[1-4])\s*,?\s*(?:of\s+)?(?:fy\s*)?(?P<y1>{_YY})\s*[-/–]\s*(?P<y2>{_YY})|"
    rf"(?:fy\s*)?(?P<y3>{_YY})\s*[-/–]\s*(?P<y4>{_YY})\s*,?\s*q(?:uarter|tr)?\s*(?P<q2>[1-4]))(?![\w/-])",
    re.IGNORECASE)
_NAMED_CALENDAR_QUARTER = _Pattern(r"(?<![\w/-])q(?:uarter|tr)?\s*[1-4]\s*,?\s*(?:of\s+)?\d{4}(?![\w/-])|"
                                   r"(?<![\w/-])\d{4}\s*,?\s*q(?:uarter|tr)?\s*[1-4](?![\w/-])", re.IGNORECASE)
_NAMED_RANGE = _Pattern(rf"(?<![\w])(?P<s>{_MONTH_WORD})\s*(?:to|until|–|-|—)\s*(?P<e>{_MONTH_WORD})\s*,?\s*"
                        rf"(?P<y>\d{{4}})(?!\d)", re.IGNORECASE)


def _full_year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def quarter_named_in(text: str) -> str | None:
    """The police financial quarter (``2023-24 Q2``) a label or title names, or None when it names none.

    Understood: ``2023-24 Q2``, ``Q2 2023/24``, ``Quarter 2 23/24``, ``FY2023-24 Q2`` and a month range covering
    exactly one financial quarter (``July to September 2023``, ``Jul–Sep 2023``). A quarter number with a single
    calendar year (``Q2 2023``) names no quarter here: it may be April–June (the calendar's second quarter) or
    July–September (the financial year's); :func:`names_calendar_quarter` tells it.
    """
    t = " ".join(text.replace("\u00a0", " ").split())
    m = _NAMED_FY_QUARTER.search(t)
    if m is not None:
        y1, y2 = _full_year(m.group("y1") or m.group("y3")), _full_year(m.group("y2") or m.group("y4"))
        if y2 == y1 + 1:
            return f"{y1}-{y2 % 100:02d} Q{m.group('q') or m.group('q2')}"
    m = _NAMED_RANGE.search(t)
    if m is not None:
        span = parse_period(f"{m.group('s')} to {m.group('e')} {m.group('y')}")
        if span.start is not None and span.end is not None and span.months == 3 and span.start.month in (1, 4, 7, 10):
            return reporting_quarter_of(span.start)
    return None


def names_calendar_quarter(text: str) -> bool:
    """``Q2 2023``, ``Quarter 2 2023``, ``2023 Q2``: a quarter number with one calendar year, which may mean either
    the calendar's quarter or the financial year's."""
    t = " ".join(text.replace("\u00a0", " ").split())
    return _NAMED_FY_QUARTER.search(t) is None and _NAMED_CALENDAR_QUARTER.search(t) is not None


def settled_period(label: str) -> str:
    """The label a pack and the history use for a reporting period the officer typed: one label per quarter
    (``Q2 2023/24``, ``Quarter 2 23/24`` and ``July to September 2023`` are all ``2023-24 Q2``), per financial
    year (``2023/24``, ``FY 2023-2024``: ``2023-24``) and per month (``Jul 2023``, ``2023-07``: ``July 2023``),
    so a corrected return replaces the figures it corrects however the period was written. Other labels are kept
    as typed."""
    text = " ".join(label.split())
    start = reporting_period_start(text)
    if start is not None and "q" not in text.lower():
        if _FY.match(text):
            return f"{start.year}-{(start.year + 1) % 100:02d}"
        return f"{_MONTH_NAMES[start.month - 1]} {start.year}"  # a month (the only other dated label)
    quarter = quarter_named_in(text)
    return quarter if quarter is not None and _only_the_quarter(text) else text


def _only_the_quarter(text: str) -> bool:
    """Whether the label is the quarter and nothing else (``Q2 2023/24``, not ``Draft for Q2 2023/24 meeting``)."""
    t = text.strip()
    for pattern in (_NAMED_FY_QUARTER, _NAMED_RANGE):
        m = pattern.search(t)
        if m is not None and m.start() == 0 and m.end() == len(t):
            return True
    return False
