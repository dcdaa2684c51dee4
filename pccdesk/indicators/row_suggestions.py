"""What a person would propose for a row the wording alone did not match: its best candidates, and the pairing
the table's structure makes obvious.

Two rules, both only ever *proposals* (an officer accepts them, or
``--accept-suggestions`` does):

* every unmatched row names its best candidates, so the message says what to
  do rather than only that nothing matched;
* within one objective, when exactly one row with figures is left unmatched
  and exactly one of the objective's indicators is left without a row, and the
  row's unit fits the indicator's, the two are proposed together ("the last
  unmatched row and the last indicator without one"), with a score that says
  how much their wordings also agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pccdesk.indicators.definitions import Indicator, Plan
from pccdesk.indicators.matching import SUGGEST_AT, is_leaf, objective_indicators, rank_candidates
from pccdesk.indicators.meaning_words import meaning_score, meaning_words
from pccdesk.indicators.return_rows import ReturnRow
from pccdesk.records import record

#: The score a structural pairing is given when the wordings share little: enough to be proposed, well below
#: applying on its own.
STRUCTURE_SCORE = 0.7


def best_candidates(plan: Plan, label: str, objective: str | None, taken: set[str],
                    limit: int = 3) -> list[tuple[Indicator, float]]:
    """Up to ``limit`` indicators the row could be (not already taken), best first, with their scores."""
    sets: list[Sequence[Indicator]] = []
    if objective:
        sets.append(objective_indicators(plan, objective))
    sets.append(plan.indicators)
    leaves = [(ind, score) for ind, score in rank_candidates(plan, label, sets, taken, limit=limit + 8)
              if is_leaf(plan, ind.ref) and ind.ref not in taken and score > 0.05]
    return leaves[:limit]


def candidates_text(candidates: Iterable[tuple[Indicator, float]]) -> str:
    """``C6 "Complainants contacted…" (0.62), C7 "…" (0.31)`` for a message."""
    return ", ".join(f'{ind.ref} "{_short(ind.wording, 50)}" ({score:.2f})' for ind, score in candidates)


def unit_fits(row: ReturnRow, indicator: Indicator) -> bool:
    """Whether a row's figures can be the indicator's: a percentage is never a count, nor a count a percentage
    unless it is a bare number a force wrote without its % sign."""
    units = {v.unit for v in (row.current, row.previous) if v.value is not None and v.unit}
    if not units:
        return True
    if indicator.is_percent:
        return units <= {"percent", "number"}
    return "percent" not in units


@record(frozen=True)
class StructuralPair:
    row: ReturnRow
    indicator: Indicator
    score: float


def structural_pairs(plan: Plan, unmatched: Sequence[tuple[ReturnRow, str | None]], got: set[str],
                     waiting: set[str]) -> list[StructuralPair]:
    """The (row, indicator) pairs left alone in their objective. ``unmatched`` holds each unmatched row with
    the objective of its table; ``got`` and ``waiting`` are refs with a row or a suggestion already."""
    by_objective: dict[str, list[ReturnRow]] = {}
    for row, objective in unmatched:
        if objective and (row.current.text.strip() or row.previous.text.strip()):
            by_objective.setdefault(objective, []).append(row)
    pairs = []
    for objective, rows in by_objective.items():
        if len(rows) != 1:
            continue
        free = [ind for ind in objective_indicators(plan, objective)
                if is_leaf(plan, ind.ref) and ind.ref.lower() not in got and ind.ref.lower() not in waiting]
        if len(free) != 1 or not unit_fits(rows[0], free[0]):
            continue
        agreement = max(meaning_score(meaning_words(rows[0].label), meaning_words(t))
                        for t in (free[0].wording, *free[0].match))
        pairs.append(StructuralPair(rows[0], free[0], round(max(STRUCTURE_SCORE, min(agreement, 0.89)), 3)))
    return pairs


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["SUGGEST_AT", "StructuralPair", "best_candidates", "candidates_text", "structural_pairs", "unit_fits"]
