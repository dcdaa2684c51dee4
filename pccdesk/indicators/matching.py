"""Matching a row of the force's table to an indicator of the plan, saying how and how sure.

The order is the order of trust: a saved decision for this source, the ref
written in the row, the exact wording, one of the definitions' ``match``
aliases, then a fuzzy score on the wording normalised for the ways forces
rewrite it (case, punctuation, "percentage of" for "%", "&" for "and", a
trailing full stop). Every match carries its method and score. A fuzzy match
below :data:`APPLY_AT` is only *proposed*: an officer accepts it (CLI
``--accept-suggestions``, or a click in the app), because a wrong match puts a
figure against the wrong line of a public document.

Sub-rows are matched among the children of their heading's indicator first
(``Domestic Violence`` is D1c under the attrition heading and P2a under the
repeat-victims heading), and rows of a table whose title names an objective
among that objective's indicators first.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from pccdesk.indicators.definitions import Indicator, Plan

#: A fuzzy score at or above this is applied without asking.
APPLY_AT = 0.9
#: Below this a row is not even proposed: it is reported as matching nothing.
SUGGEST_AT = 0.55

_PUNCT = re.compile(r"[^\w\s%]")
_SPACES = re.compile(r"\s+")
_FOOTNOTE = re.compile(r"(?<=[a-z).])\d{1,2}(,\d{1,2})*$")
_STOP = {"the", "of", "a", "an", "to", "in", "on", "for", "with", "by", "that", "are", "is", "be", "at"}


@functools.lru_cache(maxsize=65536)
def normalise_wording(text: str) -> str:
    """Wording reduced to what matters for comparing: ``Percentage of victims…`` ≡ ``% victims…``."""
    t = unicodedata.normalize("NFKC", text or "").lower()
    t = t.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    t = _FOOTNOTE.sub("", t.strip())
    t = t.replace("&", " and ").replace("+", " and ")
    t = re.sub(r"\bper ?cent(age)?s?\b( of)?", "%", t)
    t = re.sub(r"%\s*of\b", "%", t)
    t = re.sub(r"\bno\.\s", "number ", t)
    t = t.replace("'s", "s")
    t = _PUNCT.sub(" ", t)
    t = t.replace("%", " % ")
    return _SPACES.sub(" ", t).strip()


def _tokens(text: str) -> set[str]:
    return {w for w in text.split() if w not in _STOP}


def similarity(a: str, b: str) -> float:
    """0–1: how alike two normalised wordings are (sequence ratio and word overlap, the better of the two)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    seq = SequenceMatcher(None, a, b, autojunk=False).ratio()
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return seq
    overlap = len(ta & tb) / len(ta | tb)
    # a short row label wholly contained in the wording ("Re-bail rate" in "Re-bail rate.") scores high
    contained = len(ta & tb) / min(len(ta), len(tb)) if min(len(ta), len(tb)) >= 3 else 0.0
    # …but only ever as a suggestion: containment alone never reaches APPLY_AT
    return max(seq, overlap, 0.88 * contained if overlap >= 0.5 else 0.0)


@dataclass(frozen=True)
class Match:
    """A row's indicator, how it was found (``profile``, ``ref``, ``wording``, ``alias``, ``fuzzy``) and the score."""

    indicator: Indicator | None
    method: str
    score: float
    applied: bool
    ambiguous: tuple[str, ...] = ()

    @property
    def ref(self) -> str | None:
        return self.indicator.ref if self.indicator else None


NO_MATCH = Match(None, "none", 0.0, False)


def objective_for_title(plan: Plan, title: str) -> str | None:
    """The plan objective a table's title names (``Objective Two – Dealing with Anti-Social Behaviour``)."""
    t = normalise_wording(title)
    if not t:
        return None
    best, best_score = None, 0.0
    for objective in plan.objectives():
        o = normalise_wording(objective)
        if o and (o in t or t in o):
            score = 1.0
        else:
            score = similarity(o, t)
        if score > best_score:
            best, best_score = objective, score
    return best if best_score >= 0.75 else None


@dataclass
class _PlanIndex:
    """What matching asks of a plan on every row, worked out once per plan (a big return has many rows)."""

    children: dict[str, list[Indicator]]
    heading_pool: list[Indicator]
    by_objective: dict[tuple[str, bool], list[Indicator]]
    wording: dict[str, str]
    aliases: dict[str, tuple[str, ...]]
    by_wording: dict[str, list[Indicator]] = field(default_factory=dict)
    by_alias: dict[str, list[Indicator]] = field(default_factory=dict)


    indicators: tuple[Indicator, ...] = ()


def _index(plan: Plan) -> _PlanIndex:
    """The plan's index, kept on the plan object itself and rebuilt if its indicators change."""
    found = plan.__dict__.get("_matching_index")
    if isinstance(found, _PlanIndex) and found.indicators == tuple(plan.indicators):
        return found
    children: dict[str, list[Indicator]] = {}
    for ind in plan.indicators:
        if ind.parent:
            children.setdefault(ind.parent.lower(), []).append(ind)
    heading_pool = [i for i in plan.indicators if i.ref.lower() in children or not i.parent]
    by_objective: dict[tuple[str, bool], list[Indicator]] = {}
    for ind in plan.indicators:
        by_objective.setdefault((ind.objective, False), []).append(ind)
    for ind in heading_pool:
        by_objective.setdefault((ind.objective, True), []).append(ind)
    index = _PlanIndex(children, heading_pool, by_objective,
                       {i.ref: normalise_wording(i.wording) for i in plan.indicators},
                       {i.ref: tuple(normalise_wording(a) for a in i.match) for i in plan.indicators})
    for ind in plan.indicators:
        index.by_wording.setdefault(index.wording[ind.ref], []).append(ind)
        for alias in index.aliases[ind.ref]:
            index.by_alias.setdefault(alias, []).append(ind)
    index.indicators = tuple(plan.indicators)
    plan.__dict__["_matching_index"] = index
    return index


def _candidate_sets(plan: Plan, parent: Indicator | None, objective: str | None,
                    heading: bool) -> list[Sequence[Indicator]]:
    index = _index(plan)
    sets: list[Sequence[Indicator]] = []
    if parent is not None:
        sets.append(index.children.get(parent.ref.lower(), []))
    if objective:
        sets.append(index.by_objective.get((objective, heading), []))
    sets.append(index.heading_pool if heading else plan.indicators)
    return [s for s in sets if s]


def _exact(plan: Plan, candidates: Iterable[Indicator], norm: str, aliases: bool) -> list[Indicator]:
    index = _index(plan)
    found = (index.by_alias if aliases else index.by_wording).get(norm)
    if not found:
        return []
    return [ind for ind in candidates if ind in found]


def match_row(plan: Plan, label: str, number: str = "", *, parent: Indicator | None = None,
              objective: str | None = None, heading: bool = False, taken: set[str] | None = None) -> Match:
    """Find the indicator for one row. ``taken`` holds refs already matched, preferred against in ties."""
    taken = taken or set()
    norm = normalise_wording(label)
    if number:
        by_ref = plan.get(number)
        # a ref is trusted unless the wording beside it is plainly another indicator's
        if by_ref is not None and (not norm or _best_score(by_ref, norm) >= 0.3):
            return Match(by_ref, "ref", 1.0, True)
    if not norm:
        return NO_MATCH
    sets = _candidate_sets(plan, parent, objective, heading)
    for aliases, method in ((False, "wording"), (True, "alias")):
        for candidates in sets:
            found = _exact(plan, candidates, norm, aliases)
            free = [i for i in found if i.ref not in taken] or found
            if len(free) == 1:
                return Match(free[0], method, 1.0, True)
            if len(free) > 1:
                return Match(free[0], method, 0.5, False, tuple(i.ref for i in free))
    best: Indicator | None = None
    best_score = 0.0
    for rank, candidates in enumerate(sets):
        for ind in candidates:
            score = _best_score(ind, norm)
            if rank < len(sets) - 1:
                score = min(1.0, score + 0.05)  # context (heading, objective) breaks near-ties
            if ind.ref in taken:
                score -= 0.05
            if score > best_score:
                best, best_score = ind, score
    if best is None or best_score < SUGGEST_AT:
        return NO_MATCH
    return Match(best, "fuzzy", round(best_score, 3), best_score >= APPLY_AT)


def _best_score(ind: Indicator, norm: str) -> float:
    texts = [ind.wording, *ind.match]
    return max(similarity(normalise_wording(t), norm) for t in texts)
