"""Which quarter a return's figures cover, read from the return's own texts, and whether that is the pack's quarter.

A return for April to June 2015 packed as 2015-16 Q2 puts every figure in the
history under the wrong quarter: later packs then show flat, false trends and
take "previous" values from the same months as the current ones. The return
says which months it covers, in its period cells ("April to June 2015",
"12 months to May 2015", "As at 30 June 2015"), its sheet name ("Q1 2015-16")
and its title. This module reads them:

* the **figures' quarter** is the quarter most dated current-period texts end
  in; it is *clear* when at least two thirds of them agree (survey figures
  often lag a month or two, so one quarter's return may carry a few texts of
  the quarter before);
* without dated period texts, a quarter named in a sheet name or title (or the period of pccdesk's own
  template) is used;
* annual figures ("2014/15") and texts without dates say nothing about the quarter.

A clear mismatch is an error (``return-period-mismatch``): the pack is not
built and nothing is stored. The officer can say the period is right after all
(``--override-period-check``, recorded in the history), or use the suggested
period (:func:`suggested_period`, the app's one-click fix).
"""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Sequence

from pccdesk.indicators import codes
from pccdesk.indicators.return_rows import ReturnReading
from pccdesk.periods import parse_period, reporting_period_start
from pccdesk.problems import Location, PccdeskError, Problem, error, warning
from pccdesk.records import record

MISMATCH = codes.RETURN_PERIOD_MISMATCH
OVERRIDDEN = codes.RETURN_PERIOD_OVERRIDDEN
#: How many quarters a figure's own period may end before the pack's quarter (survey figures lag) unwarned.
LAG_QUARTERS = 2
ROW_OTHER_QUARTER = codes.FIGURE_PERIOD_OTHER_QUARTER
PERIOD_NOT_DATED = codes.PERIOD_NOT_DATED
#: The share of dated period texts that must end in one quarter for it to be the return's quarter.
CLEAR_SHARE = 2 / 3
_DATED_KINDS = frozenset({"range", "quarter", "rolling", "month", "snapshot", "year-to-date"})


def quarter_label(day: dt.date) -> str:
    """``2015-16 Q1`` for any day of April–June 2015 (the police financial year starts on 1 April)."""
    fy = day.year if day.month >= 4 else day.year - 1
    quarter = ((day.month - 4) % 12) // 3 + 1
    return f"{fy}-{(fy + 1) % 100:02d} Q{quarter}"


def quarter_months(label: str) -> str:
    """``April to June 2015`` for ``2015-16 Q1``; the label itself when it is not a quarter."""
    start = reporting_period_start(label)
    if start is None or "q" not in label.lower():
        return label
    last = start.month + 2
    end = dt.date(start.year + (last - 1) // 12, (last - 1) % 12 + 1, 1)
    return f"{start:%B} to {end:%B %Y}"


@record(frozen=True)
class CoveredPeriod:
    """The quarter a return's figures cover, the texts that say so, and how sure that is."""

    quarter: str
    texts: tuple[str, ...]
    agreeing: int
    dated: int
    source: str  # "period cells" or "sheet name or title"

    @property
    def clear(self) -> bool:
        return self.dated > 0 and self.agreeing / self.dated >= CLEAR_SHARE

    @property
    def described(self) -> str:
        """``April to June 2015 (2015-16 Q1)``: the force's own most common wording, then the quarter."""
        text = self.texts[0] if self.texts else quarter_months(self.quarter)
        return f"{text} ({self.quarter})"


def covered_period(reading: ReturnReading) -> CoveredPeriod | None:
    """The quarter ``reading``'s figures cover, or None when its texts do not say."""
    year = _year_hint(reading)
    ends: collections.Counter[str] = collections.Counter()
    texts: dict[str, collections.Counter[str]] = {}
    for row in reading.rows:
        text = " ".join((row.current_period or "").split())
        if not text or row.current.no_data and row.current.change is None:
            continue
        span = parse_period(text, year=year)
        if span.end is None or span.kind not in _DATED_KINDS:
            continue
        quarter = quarter_label(span.end)
        ends[quarter] += 1
        texts.setdefault(quarter, collections.Counter())[text] += 1
    if ends:
        quarter, agreeing = ends.most_common(1)[0]
        ordered = tuple(t for t, _n in texts[quarter].most_common())
        return CoveredPeriod(quarter, ordered, agreeing, sum(ends.values()), "period cells")
    named = reading.reporting_period
    if named:
        start = reporting_period_start(named)
        if start is not None:
            return CoveredPeriod(quarter_label(start), (), 1, 1, "sheet name or title")
    return None


def _year_hint(reading: ReturnReading) -> int | None:
    """The calendar year a text without one ("1st April to 12th May") most likely means."""
    years: collections.Counter[int] = collections.Counter()
    for row in reading.rows:
        span = parse_period(row.current_period or "")
        if span.end is not None and span.kind != "snapshot":
            years[span.end.year] += 1
    return years.most_common(1)[0][0] if years else None


def _same_quarter(a: str, b: str) -> bool:
    sa, sb = reporting_period_start(a), reporting_period_start(b)
    if sa is None or sb is None:
        return True  # a free-text pack period ("Autumn 2015") cannot be compared: nothing is claimed
    return quarter_label(sa) == quarter_label(sb)


def period_problems(readings: Sequence[ReturnReading], period: str, *, override: bool = False) -> list[Problem]:
    """An error for each return whose figures clearly cover another quarter than ``period``
    (a warning instead when the officer overrode the check)."""
    problems: list[Problem] = []
    if reporting_period_start(period) is None:
        if readings:
            problems.append(warning(PERIOD_NOT_DATED, f'the period "{period}" is not one pccdesk can date (write a '
                                    'quarter as "2015-16 Q2"), so the returns\' own period texts were not checked '
                                    "against it and the history cannot place it among the other periods"))
        return problems
    if "q" not in period.lower():
        return problems  # a whole-year or month pack period: the quarter is not claimed
    for reading in readings:
        covered = covered_period(reading)
        if covered is None or not covered.clear or _same_quarter(period, covered.quarter):
            problems += _rows_of_other_quarters(reading, period)
            continue
        where = Location.of(reading.path)
        if override:
            problems.append(warning(OVERRIDDEN, f"the return's figures are for {covered.described}, but they were "
                                    f"packed and stored as {period} because the period check was overridden", where))
        else:
            problems.append(error(MISMATCH, f"the return's figures are for {covered.described}, not {period}: "
                                  f'give --period "{covered.quarter}" (or, if {period} is right after all, '
                                  "--override-period-check)", where))
    return problems


def _rows_of_other_quarters(reading: ReturnReading, period: str) -> list[Problem]:
    """A warning for each figure whose own period text ends well away from the pack's quarter (more than
    ``LAG_QUARTERS`` quarters before it, or after the next): a figure from last year's sheet or column would
    otherwise be packed and stored as this quarter's. Survey figures lag a quarter or two, and a count "as at" a
    day just after the quarter is in the next one: neither is warned about."""
    start = reporting_period_start(period)
    if start is None:
        return []
    pack_index = _quarter_index(start)
    year = _year_hint(reading)
    problems: list[Problem] = []
    for row in reading.rows:
        text = " ".join((row.current_period or "").split())
        if not text or row.ref is None or (row.current.no_data and row.current.change is None):
            continue
        span = parse_period(text, year=year)
        if span.end is None or span.kind not in _DATED_KINDS or -LAG_QUARTERS <= _quarter_index(span.end) - pack_index <= 1:
            continue
        problems.append(warning(ROW_OTHER_QUARTER, f'{row.ref}: the figure "{row.current.text.strip()}" is for '
                                f'"{text}" ({quarter_label(span.end)}), not {period}, yet it is taken as {period}\'s '
                                f"figure: check it is this quarter's (is it from another "
                                "sheet or last year's column?)", row.current_location))
    return problems


def _quarter_index(day: dt.date) -> int:
    """Financial quarters counted from year 0, so neighbouring quarters differ by one across a year's end."""
    return day.year * 4 + (day.month - 1) // 3


def suggested_period(readings: Sequence[ReturnReading]) -> str | None:
    """The quarter the returns' figures clearly cover, when they agree: the period the app offers in one click."""
    quarters = {c.quarter for c in (covered_period(r) for r in readings) if c is not None and c.clear}
    return quarters.pop() if len(quarters) == 1 else None


def is_earlier(point_period: str, point_text: str, period: str, current_text: str) -> bool:
    """Whether a value stored for ``point_period`` (its period text ``point_text``) covers an earlier period than
    this quarter's figure (``period``, its text ``current_text``): a "previous" value must.

    Equal texts ("April to June 2015" both times) are the same period; so is a stored value whose
    reporting period does not start before this one, or whose dates do not end before the current ones.
    """
    if point_text and current_text and " ".join(point_text.lower().split()) == " ".join(current_text.lower().split()):
        return False
    a, b = reporting_period_start(point_period), reporting_period_start(period)
    if a is not None and b is not None and a >= b:
        return False
    year = b.year if b is not None else None
    pa, pc = parse_period(point_text, year=year), parse_period(current_text, year=year)
    if pa.end is not None and pc.end is not None and pa.kind != "unknown" and pc.kind != "unknown" \
            and pa.end >= pc.end:
        return False
    return True


def quarters_between(earlier: str, period: str) -> list[str]:
    """The quarters after ``earlier`` and before ``period`` (``2015-16 Q1`` and ``2015-16 Q4``: Q2 and Q3), when
    both are quarters; empty when they follow one another or either is not a quarter label."""
    a, b = reporting_period_start(earlier), reporting_period_start(period)
    if a is None or b is None or "q" not in earlier.lower() or "q" not in period.lower():
        return []
    between: list[str] = []
    day = b - dt.timedelta(days=1)  # the last day of the quarter before ``period``
    while len(between) < 40:  # ten years of quarters is more than any gap worth listing
        label = quarter_label(day)
        start = reporting_period_start(label)
        if start is None or start <= a:
            break
        between.insert(0, label)
        day = start - dt.timedelta(days=1)
    return between


def refuse_mismatch(problems: Sequence[Problem]) -> None:
    """Stop before anything is stored or written when a return is for another quarter (exit 2 in the CLI)."""
    for problem in problems:
        if problem.code == MISMATCH:
            raise PccdeskError(problem.message, problem.location, code=MISMATCH)
