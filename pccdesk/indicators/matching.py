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

from collections.abc import Iterable, Sequence
from dataclasses import field
from difflib import SequenceMatcher

from pccdesk.indicators.definitions import Indicator, Plan
from pccdesk.indicators.matching_text import normalise_wording
from pccdesk.indicators.meaning_words import WordIndex, meaning_words
from pccdesk.records import record

#: A fuzzy score at or above this is applied without asking.
APPLY_AT = 0.9
#: Below this a row is not even proposed: it is reported as matching nothing.
SUGGEST_AT = 0.55
#: Fuzzy scores this close to the best are a tie (the same words in both wordings): the row could be either.
TIE_MARGIN = 0.005
#: Candidate sets up to this size are scored in full; bigger ones through the index of meaning words.
SCORE_ALL_UP_TO = 40
#: How many candidates are listed for a row.
INDEX_CANDIDATES = 12
#: How many of the index's candidates (those sharing the most weight of rare words) are scored in full.
FULLY_SCORED = 3

_STOP = {"the", "of", "a", "an", "to", "in", "on", "for", "with", "by", "that", "are", "is", "be", "at"}


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


@record(frozen=True)
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
    index = _index(plan)
    best, best_score = None, 0.0
    objectives = list(index.objective_wording)
    if len(objectives) > SCORE_ALL_UP_TO:
        # a title naming an objective shares its words: only those objectives are looked at
        objectives = [str(k) for k in index.objective_words.candidates(meaning_words(title), INDEX_CANDIDATES)]
    for objective in objectives:
        o = index.objective_wording[objective]
        if o and (o in t or t in o):
            return objective
    for objective in objectives:
        score = similarity(index.objective_wording[objective], t)
        if score > best_score:
            best, best_score = objective, score
    return best if best_score >= 0.75 else None


@record
class _PlanIndex:
    """What matching asks of a plan on every row, worked out once per plan (a big return has many rows)."""

    children: dict[str, list[Indicator]]
    heading_pool: list[Indicator]
    by_objective: dict[tuple[str, bool], list[Indicator]]
    wording: dict[str, str]
    aliases: dict[str, tuple[str, ...]]
    by_wording: dict[str, list[Indicator]] = field(default_factory=dict)
    by_alias: dict[str, list[Indicator]] = field(default_factory=dict)
    words: WordIndex = field(default_factory=WordIndex)
    by_ref: dict[str, Indicator] = field(default_factory=dict)
    objective_wording: dict[str, str] = field(default_factory=dict)
    objective_words: WordIndex = field(default_factory=WordIndex)
    indicators: tuple[Indicator, ...] = ()
    list_id: int = 0


def _index(plan: Plan) -> _PlanIndex:
    """The plan's index, kept on the plan object itself and rebuilt if its indicators change."""
    found = plan.__dict__.get("_matching_index")
    if isinstance(found, _PlanIndex) and found.list_id == id(plan.indicators) \
            and len(found.indicators) == len(plan.indicators) \
            and (not found.indicators or found.indicators[-1] is plan.indicators[-1]):
        return found  # cheap on every row; a plan whose list is replaced or grows is indexed afresh
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
    index.words = WordIndex.build((i.ref, (i.wording, *i.match)) for i in plan.indicators)
    index.by_ref = {i.ref: i for i in plan.indicators}
    index.objective_wording = {o: normalise_wording(o) for o in plan.objectives()}
    index.objective_words = WordIndex.build((o, (o,)) for o in index.objective_wording)
    index.indicators = tuple(plan.indicators)
    index.list_id = id(plan.indicators)
    plan.__dict__["_matching_index"] = index
    return index


def is_leaf(plan: Plan, ref: str) -> bool:
    """Whether an indicator has no sub-rows (its figure is its own), from the plan's index: cheap on every row."""
    return ref.lower() not in _index(plan).children


def objective_indicators(plan: Plan, objective: str) -> list[Indicator]:
    """The indicators of one objective, in plan order, from the plan's index."""
    return _index(plan).by_objective.get((objective, False), [])


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
    ranked = rank_candidates(plan, label, sets, taken)
    if not ranked or ranked[0][1] < SUGGEST_AT:
        return NO_MATCH
    best, best_score = ranked[0]
    tied = tuple(ind.ref for ind, score in ranked if score >= best_score - TIE_MARGIN)
    if len(tied) > 1:
        # two indicators fit as well ("Domestic abuse rate": the conviction rate or the arrest rate?): the first
        # in the plan's order is no reason to pick it, so the officer chooses
        return Match(best, "fuzzy", round(best_score, 3), False, tied)
    return Match(best, "fuzzy", round(best_score, 3), best_score >= APPLY_AT)


def rank_candidates(plan: Plan, label: str, sets: Sequence[Sequence[Indicator]] | None = None,
                    taken: set[str] | None = None, limit: int = INDEX_CANDIDATES) -> list[tuple[Indicator, float]]:
    """The indicators a row's wording could be, best first, each with its score (0–1).

    Small candidate sets (a heading's sub-rows, an objective's indicators) are
    scored in full; the whole plan only through the index of meaning words, so a
    row costs the same whatever the size of the plan. Context breaks near-ties:
    +0.05 for an indicator of the row's heading or objective, −0.05 for one
    already matched to another row.
    """
    taken = taken or set()
    norm = normalise_wording(label)
    if not norm:
        return []
    index = _index(plan)
    sets = sets if sets is not None else [plan.indicators]
    words = meaning_words(label)
    scores: dict[str, float] = {}
    for rank, candidates in enumerate(sets):
        if len(candidates) <= SCORE_ALL_UP_TO:
            pool: Iterable[Indicator] = candidates
        else:
            allowed = {i.ref for i in candidates}
            pool = [index.by_ref[str(k)] for k in index.words.candidates(words, FULLY_SCORED) if k in allowed]
            if not pool:
                pool = _by_sequence(candidates, norm, FULLY_SCORED)
        for ind in pool:
            bonus = (0.05 if rank < len(sets) - 1 else 0.0) - (0.05 if ind.ref in taken else 0.0)
            score = max(min(1.0, _best_score(ind, norm) + bonus),
                        min(_meaning_score(index, words, ind) + bonus, APPLY_AT - 0.01))
            if score > scores.get(ind.ref, -1.0):
                scores[ind.ref] = score
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])[:limit]
    return [(index.by_ref[ref], score) for ref, score in ranked]


def _by_sequence(candidates: Sequence[Indicator], norm: str, limit: int) -> list[Indicator]:
    """Without a shared meaning word, the candidates whose wording shares the most character trigrams."""
    grams = {norm[i:i + 3] for i in range(max(len(norm) - 2, 1))}
    scored = []
    for ind in candidates:
        w = normalise_wording(ind.wording)
        other = {w[i:i + 3] for i in range(max(len(w) - 2, 1))}
        scored.append((len(grams & other) / (len(grams | other) or 1), ind))
    scored.sort(key=lambda t: -t[0])
    return [ind for _s, ind in scored[:limit]]


def _meaning_score(index: _PlanIndex, words: frozenset[str], ind: Indicator) -> float:
    """The meaning-word score: never applied without asking on its own (dropping "Reduce the number of"
    changes what a figure means), so it stops below :data:`APPLY_AT`."""
    return min(index.words.score(words, ind.ref), APPLY_AT - 0.01)


def _best_score(ind: Indicator, norm: str) -> float:
    texts = [ind.wording, *ind.match]
    return max(similarity(normalise_wording(t), norm) for t in texts)
