"""Reporting periods (``2015-16 Q1``) and the period texts forces write beside their figures.

The police financial year starts on 1 April, so ``2015-16 Q1`` is April–June
2015. The history store orders reporting periods by their start date.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}

_FY_Q = re.compile(r"^(?:(?P<y1>\d{4})\s*[-/]\s*(?P<y2>\d{2,4})\s*,?\s*Q(?:uarter)?\s*(?P<q>[1-4])|"
                   r"Q(?:uarter)?\s*(?P<q2>[1-4])\s*,?\s*(?P<y3>\d{4})\s*[-/]\s*(?P<y4>\d{2,4}))$", re.IGNORECASE)
_FY = re.compile(r"^(?:FY\s*)?(?P<y1>\d{4})\s*[-/]\s*(?P<y2>\d{2}|\d{4})$", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"^(?P<m>[a-z]{3})[a-z]*\.?\s+'?(?P<y>\d{2}|\d{4})$", re.IGNORECASE)
_ISO_MONTH = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})$")


def reporting_period_start(label: str) -> dt.date | None:
    """The first day of a reporting period label, or None when the label is free text."""
    text = " ".join(label.split())
    m = _FY_Q.match(text)
    if m:
        year = int(m.group("y1") or m.group("y3"))
        quarter = int(m.group("q") or m.group("q2"))
        month = 4 + 3 * (quarter - 1)
        return dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    m = _FY.match(text)
    if m:
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
