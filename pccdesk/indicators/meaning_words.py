"""The words of an indicator's wording that carry its meaning, and an index of them for quick look-up.

A person matching "Ensure 100% of cases, the Investigating Officer makes contact
with the complainant within 24 hours" to "Complainants contacted by the
investigating officer within 24 hours" reads past the figures ("100%", "24"),
the little words ("the", "of", "with") and the endings ("contacted",
"complainants"), and knows that "IO" is the investigating officer. This module
does the same: :func:`meaning_words` gives the stemmed, synonym-folded words,
and :class:`WordIndex` finds the few candidates sharing rare words with a row
without scoring every indicator of the plan (a force's framework can have
hundreds of measures; scoring each row against each is quadratic).

The stemmer is a deliberately small suffix-stripper rather than a dependency:
it only has to make the endings police performance wordings use agree
(-s, -es, -ed, -ing, -ly, -ment, -ation); over-stemming would merge words that
must stay apart ("made"/"upheld" never meet, nor do "complainant"/"complaint").
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Hashable, Iterable
from dataclasses import field

from pccdesk.indicators.matching_text import normalise_wording
from pccdesk.records import record

#: Phrases folded to one token before splitting, so the short and long forms meet.
SYNONYMS: tuple[tuple[str, str], ...] = (
    ("investigating officers", "io"), ("investigating officer", "io"), ("investigation officer", "io"),
    ("domestic abuse", "da"), ("domestic violence", "dv"),
    ("anti social behaviour", "asb"), ("antisocial behaviour", "asb"), ("anti social behavior", "asb"),
    ("sexual abuse", "sa"), ("domestic and sexual abuse", "dsa"), ("d and sa", "dsa"), ("d sa", "dsa"),
    ("violence against women and girls", "vawg"), ("child sexual exploitation", "cse"),
    ("rape and serious sexual offences", "rasso"), ("criminal justice", "cj"),
    ("crime data integrity", "cdi"), ("most similar group", "msg"), ("year to date", "ytd"),
)
_SYNONYM_RES = tuple((re.compile(rf"\b{re.escape(a)}\b"), b) for a, b in SYNONYMS)

STOP_WORDS = frozenset("""
a an the of to in on for with by that this these those are is was were be been being at as from into onto per
and or but not no nor than then so such it its their there they them we our us you your he she his her
all any each every both either which who whom whose what when where how why
ensure ensuring increase increasing reduce reducing improve improving maintain maintaining continue
achieve achieving deliver delivering establish establishing make makes made making
within over under more less least most number proportion percentage per cent
""".split()) - {"made"}
# "made" carries meaning in "% of appeals made" (against "upheld"); "within" is set aside as a filler word.

_FIGURE = re.compile(r"^[\d.,]+(?:st|nd|rd|th|s)?$|^%$")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix-stripper: ``contacted``/``contacts``/``contacting`` → ``contact``; ``victims`` → ``victim``."""
    w = word
    if len(w) <= 3:
        return w
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("edly", ""), ("ed", ""), ("ly", ""),
                         ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                continue
            if suffix == "es" and not w.endswith(("ches", "shes", "xes", "sses", "zes")):
                continue
            w = w[: len(w) - len(suffix)] + keep
            break
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]  # "stopp(ed)" → "stop"
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]  # "ensure"/"ensur(ing)", "offence"/"offenc(es)" agree
    return w


@functools.lru_cache(maxsize=65536)
def meaning_words(text: str) -> frozenset[str]:
    """The stemmed, synonym-folded words of ``text`` that carry meaning (no figures, no stop words)."""
    t = normalise_wording(text)
    for pattern, replacement in _SYNONYM_RES:
        t = pattern.sub(replacement, t)
    words = set()
    for word in t.split():
        if word in STOP_WORDS or _FIGURE.match(word):
            continue
        words.add(stem(word))
    return frozenset(words)


@record
class WordIndex:
    """An inverted index from meaning words to keys (indicator refs, objectives), with each word's weight.

    A word found in many entries (``crime``, ``victim``) weighs less than a rare one (``io``, ``bail``):
    the weight is the inverse document frequency, so sharing a rare word says more.
    """

    postings: dict[str, list[Hashable]] = field(default_factory=dict)
    words: dict[Hashable, frozenset[str]] = field(default_factory=dict)
    size: int = 0

    @classmethod
    def build(cls, entries: Iterable[tuple[Hashable, Iterable[str]]]) -> WordIndex:
        index = cls()
        for key, texts in entries:
            words: set[str] = set()
            for text in texts:
                words |= meaning_words(text)
            index.words[key] = frozenset(words)
            for word in words:
                index.postings.setdefault(word, []).append(key)
        index.size = len(index.words)
        return index

    def weight(self, word: str) -> float:
        n = len(self.postings.get(word, ()))
        return math.log(1 + (self.size + 1) / (n + 1))

    def candidates(self, words: frozenset[str], limit: int = 12) -> list[Hashable]:
        """The keys sharing the most weight of meaning words with ``words``, best first (at most ``limit``)."""
        shared: dict[Hashable, float] = {}
        for word in words:
            posting = self.postings.get(word)
            if not posting or len(posting) > max(50, self.size // 4):
                continue  # a word most entries have does not pick candidates (it still counts in the score)
            w = self.weight(word)
            for key in posting:
                shared[key] = shared.get(key, 0.0) + w
        return sorted(shared, key=lambda k: -shared[k])[:limit]

    def score(self, words: frozenset[str], key: Hashable) -> float:
        """0–1: weighted overlap of ``words`` with an entry's words (see :func:`meaning_score`)."""
        return meaning_score(words, self.words.get(key, frozenset()), self.weight)


def meaning_score(a: frozenset[str], b: frozenset[str], weight: object = None) -> float:
    """0–1: how much meaning two wordings share.

    The better of the weighted Jaccard overlap and, when the shorter wording has
    at least three meaning words and half of all of them are shared, 0.88 × the
    share of the shorter one found in the longer ("Complainants contacted by the
    investigating officer within 24 hours" inside the force's longer sentence).
    Containment alone stays below the applying threshold: it is a suggestion.
    """
    if not a or not b:
        return 0.0
    w = weight if callable(weight) else (lambda _word: 1.0)
    shared = a & b
    if not shared:
        return 0.0
    ws = sum(w(x) for x in shared)
    union = sum(w(x) for x in a | b)
    jaccard = ws / union if union else 0.0
    small = a if len(a) <= len(b) else b
    contained = ws / sum(w(x) for x in small) if len(small) >= 3 else 0.0
    plain_overlap = len(shared) / len(a | b)
    return max(jaccard, 0.88 * contained if plain_overlap >= 0.4 else 0.0)
