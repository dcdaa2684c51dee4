"""An officer's own decision for a row the importer left unmatched: "this row is indicator C6".

The app lists every unmatched row with its best candidates
(:func:`pccdesk.indicators.row_suggestions.best_candidates`) and lets the
officer pick any indicator of the plan. :func:`assign_row` applies the choice
like an accepted suggestion: the row joins the reading under that ref, its
figures are brought to the indicator's unit (a bare 0.29 in a percentage
indicator is 29%), and with ``profiles`` the decision is remembered for this
layout of return, so next quarter's return is matched the same way.
"""

from __future__ import annotations

from typing import Any

from pccdesk.indicators import codes
from pccdesk.indicators.definitions import Plan
from pccdesk.indicators.force_tables import accept_suggestion
from pccdesk.indicators.return_rows import ReturnReading, ReturnRow, Suggestion, normalise
from pccdesk.problems import PccdeskError, Problem, info


def assign_row(reading: ReturnReading, row: ReturnRow, plan: Plan, ref: str, profiles: Any = None) -> ReturnRow:
    """Apply the officer's choice of ``ref`` for an unmatched ``row`` of ``reading``; returns the row applied."""
    indicator = plan.get(ref)
    if indicator is None:
        raise PccdeskError(f'"{ref}" is not an indicator of the plan "{plan.name}"', row.location, code=codes.UNKNOWN_REF)
    if row not in reading.unmatched:
        raise PccdeskError("this row is not one of the return's unmatched rows", row.location, code=codes.ROW_NOT_UNMATCHED)
    problems: list[Problem] = []
    row.current = normalise(row.current, indicator.is_percent, row.current_location, problems)
    row.previous = normalise(row.previous, indicator.is_percent, row.previous_location, problems)
    suggestion = next((s for s in reading.suggestions if s.row is row), None) or \
        Suggestion(row.label, indicator.ref, 1.0, row.location, row, source_key=row.source_key)
    applied = accept_suggestion(reading, suggestion, plan, profiles, ref=indicator.ref)
    assert applied is not None
    applied.match_method, applied.match_score = "assigned", 1.0
    reading.problems[:] = [p for p in reading.problems
                           if not (p.code == "row-not-matched" and p.location == row.location)]
    reading.problems.extend(problems)
    reading.problems.append(info(codes.ROW_ASSIGNED, f'"{row.label[:80]}" assigned to {indicator.ref} by hand',
                                 row.location))
    return applied
