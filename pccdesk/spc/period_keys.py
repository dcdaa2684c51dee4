"""When a period starts, from the way people write periods: months, quarters, financial years, dates.

Kept apart from the readers so the pure SPC functions can order and check a
history without importing anything that opens files.
"""

from __future__ import annotations

import datetime as dt
import re

from pccdesk.periods import parse_period, reporting_period_start

_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
#: A month as Excel's mmm-yy format shows it (``Jan-23``), often pasted or exported as text.
_EXCEL_MONTH = re.compile(r"^([A-Za-z]{3})-(\d{2})$")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def period_start(text: str) -> dt.date | None:
    """The first day of a period written as text (a month, a quarter, a financial year or an ISO date).

    ``2021-04`` is April 2021, but ``2021-22`` is the financial year 2021/22,
    and so is ``2011-12``: a year followed by the next year's two digits is
    read as a financial year, as panel papers write them.
    """
    text = " ".join(text.split())
    iso_month = _ISO_MONTH.match(text)
    if iso_month:
        year, month = int(iso_month.group(1)), int(iso_month.group(2))
        if 1 <= month <= 12 and month != (year + 1) % 100:
            return dt.date(year, month, 1)
    excel_month = _EXCEL_MONTH.match(text)
    if excel_month and excel_month.group(1).lower() in _MONTHS:
        return dt.date(2000 + int(excel_month.group(2)), _MONTHS.index(excel_month.group(1).lower()) + 1, 1)
    start = reporting_period_start(text)
    if start is None:
        start = parse_period(text).start
    if start is None:
        try:
            start = dt.date.fromisoformat(text[:10])
        except ValueError:
            start = None
    return start


def period_starts(labels: list[str]) -> list[dt.date | None]:
    """:func:`period_start` of each label, read together: when every label is ``YYYY-MM`` and one of them
    cannot be a financial year (``2021-04``), they are all months, so ``2011-12`` among them is December 2011."""
    texts = [" ".join(str(t).split()) for t in labels]
    matches = [_ISO_MONTH.match(t) for t in texts]
    if texts and all(m is not None and 1 <= int(m.group(2)) <= 12 for m in matches):
        if any(m is not None and int(m.group(2)) != (int(m.group(1)) + 1) % 100 for m in matches):
            return [dt.date(int(m.group(1)), int(m.group(2)), 1) if m is not None else None for m in matches]
    return [period_start(t) for t in texts]
