"""Reading a PEEL grade from a cell as OPCCs and HMICFRS tables write it.

Accepted: the five grades in any case (``Requires Improvement``, ``GOOD``),
with a crime data integrity rate after them (``Good (96.2%)``,
``Requires Improvement (93.4%)``); ``n/a`` / ``N/A`` / ``not applicable``
(the question was not inspected for the force, e.g. serious and organised
crime inspected regionally). Blank cells and the marks ``-``, ``_``, ``=``
(and ``–``, ``—``) mean no grade is shown: they are kept as "not graded",
not guessed. Anything else is not a grade and the caller reports it.
"""

from __future__ import annotations

import re
from typing import Any

from pccdesk.records import record
from pccdesk.tracker.tracker_model import PeelGrade

#: PEEL graded on four points (Outstanding, Good, Requires improvement, Inadequate) until the 2021/22 round,
#: which added Adequate between Good and Requires improvement.
FIVE_POINT_FROM = 2021

NO_GRADE_MARKS = frozenset({"-", "_", "=", "–", "—", "--", "__"})
_NA = {"n/a", "na", "n.a.", "not applicable", "not inspected"}
_GRADE_WORDS = {g.value.lower(): g for g in PeelGrade if g is not PeelGrade.NOT_APPLICABLE}
_WITH_PERCENT = re.compile(r"^(?P<word>[a-z ]+?)\s*[\(\[]\s*(?P<pct>\d+(?:\.\d+)?)\s*%\s*[\)\]]$")


@record(frozen=True)
class GradeReading:
    """What a cell said: a grade (or None), the CDI rate if given, and the mark if it was one."""

    grade: PeelGrade | None
    percent: float | None = None
    mark: str = ""
    ok: bool = True

    @property
    def blank(self) -> bool:
        return self.grade is None and not self.mark and self.ok


def parse_grade(raw: Any) -> GradeReading:
    """Parse one grade cell; ``ok`` is False when the text is not a grade (the caller says where)."""
    if raw is None:
        return GradeReading(None)
    text = " ".join(str(raw).split())
    if not text:
        return GradeReading(None)
    if text in NO_GRADE_MARKS:
        return GradeReading(None, mark=text)
    low = text.lower().rstrip(".")
    if low in _NA:
        return GradeReading(PeelGrade.NOT_APPLICABLE)
    if low in _GRADE_WORDS:
        return GradeReading(_GRADE_WORDS[low])
    match = _WITH_PERCENT.match(low)
    if match and match["word"].strip() in _GRADE_WORDS:
        pct = float(match["pct"])
        if 0 <= pct <= 100:
            return GradeReading(_GRADE_WORDS[match["word"].strip()], percent=pct)
    return GradeReading(None, ok=False)


def four_point_round(year: str) -> bool:
    """Whether the PEEL round ``year`` (``2018/19``, ``2017``) used the four-point scale, without Adequate."""
    start = str(year).strip()[:4]
    return start.isdigit() and int(start) < FIVE_POINT_FROM
