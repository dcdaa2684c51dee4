"""The PEEL questions HMICFRS grades, round by round, and a tolerant match from a column heading to one of them.

The names change between inspection rounds and OPCC tables shorten them, so an
exact list of aliases loses grades ("Police powers and public treatment" is not
"Public treatment" letter for letter). The lists below are HMICFRS's own:

* **2023–25** (PEEL Assessment Framework 2023–2025, published 8 February 2023,
  and the force reports of that round): police powers and public treatment;
  preventing crime; responding to the public; investigating crime; protecting
  vulnerable people; managing offenders and suspects; building, supporting and
  protecting the workforce; leadership and force management. Graded beside
  them in the same reports: crime data integrity, and serious and organised
  crime (the SOC inspection programme, reported in PEEL).
* **2021/22** (PEEL Assessment Framework 2021/22, published 21 April 2021,
  revised March 2022): treatment of the public; preventing crime and
  anti-social behaviour (shown in grade tables as "prevention and
  deterrence"); responding to the public; investigating crime; protecting
  vulnerable people; managing offenders and suspects; disrupting serious
  organised crime; building, supporting and protecting the workforce (first
  "developing a positive workplace"); strategic planning, organisational
  management and value for money ("good use of resources"); recording data
  about crime (crime data integrity).
* **2014–2019** (PEEL effectiveness, efficiency and legitimacy): the three pillars
  were graded, each a question of its own here.

Every name maps to one standard question (the keys of
:data:`pccdesk.tracker.tracker_model.PEEL_QUESTIONS`, plus the three pillars),
so a force's grade for the same area can be followed from round to round.
A heading that is none of them is not dropped: the grades matrix reader keeps
it as an *other assessed area* (see :func:`other_area_name`).
"""

from __future__ import annotations

import functools

from pccdesk.indicators.meaning_words import meaning_score, meaning_words
from pccdesk.tracker.tracker_model import PEEL_QUESTIONS

#: The 2023–25 areas, official wording → standard question.
PEEL_2023_25: dict[str, str] = {
    "Police powers and public treatment": "Public treatment",
    "Preventing crime": "Prevention and deterrence",
    "Responding to the public": "Responding to the public",
    "Investigating crime": "Investigating crime",
    "Protecting vulnerable people": "Protecting vulnerable people",
    "Managing offenders and suspects": "Managing offenders",
    "Building, supporting and protecting the workforce": "Building a workforce",
    "Leadership and force management": "Leadership and management",
    "Crime data integrity": "Crime data integrity",
    "Serious and organised crime": "Serious and organised crime",
}
#: The 2021/22 questions and the names grade tables used for them.
PEEL_2021_22: dict[str, str] = {
    "Treatment of the public": "Public treatment",
    "Preventing crime and anti-social behaviour": "Prevention and deterrence",
    "Prevention and deterrence": "Prevention and deterrence",
    "Responding to the public": "Responding to the public",
    "Investigating crime": "Investigating crime",
    "Protecting vulnerable people": "Protecting vulnerable people",
    "Managing offenders and suspects": "Managing offenders",
    "Disrupting serious organised crime": "Serious and organised crime",
    "Building, supporting and protecting the workforce": "Building a workforce",
    "Developing a positive workplace": "Building a workforce",
    "Strategic planning, organisational management and value for money": "Leadership and management",
    "Good use of resources": "Leadership and management",
    "Recording data about crime": "Crime data integrity",
}
#: The 2014–2019 pillars, graded as a whole.
PEEL_PILLARS: dict[str, str] = {
    "Effectiveness": "Effectiveness", "Police effectiveness": "Effectiveness",
    "Efficiency": "Efficiency", "Police efficiency": "Efficiency",
    "Legitimacy": "Legitimacy", "Police legitimacy": "Legitimacy",
}

OTHER_AREA_PREFIX = "Other assessed area: "
#: A heading matches a name when their meaning words agree at least this much.
MATCH_AT = 0.75


def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for standard, aliases in PEEL_QUESTIONS.items():
        names[standard] = standard
        for alias in aliases:
            names.setdefault(alias, standard)
    for table in (PEEL_2023_25, PEEL_2021_22, PEEL_PILLARS):
        for name, standard in table.items():
            names.setdefault(name, standard)
    return names


_ALL = _names()
_EXACT = {" ".join(k.lower().split()): v for k, v in _ALL.items()}
_WORDS = [(meaning_words(k), v) for k, v in _ALL.items()]


@functools.lru_cache(maxsize=1024)
def question_name(heading: str) -> str | None:
    """The standard question a column heading names (any round's wording, abbreviated or reworded), or None.

    Exact names and the known short forms first ("CDI", "SOC"); then the meaning words
    (stemmed, little words set aside): "Police powers & public treatment" and "Building, supporting
    & protecting workforce" match, a damaged heading such as "& Deterrence" does not (one word is
    too little to be sure of), nor does "Force".
    """
    key = " ".join(str(heading).replace("\n", " ").split()).strip().lower()
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    words = meaning_words(key)
    if len(words) < 2:
        return None
    best, best_score = None, 0.0
    for name_words, standard in _WORDS:
        score = meaning_score(words, name_words)
        if score > best_score:
            best, best_score = standard, score
    return best if best_score >= MATCH_AT else None


def other_area_name(heading: str) -> str:
    """The question name an unknown graded column is kept under: ``Other assessed area: <heading>``."""
    text = " ".join(str(heading).split())
    return text if is_other_area(text) else OTHER_AREA_PREFIX + text


def is_other_area(question: str) -> bool:
    return question.startswith(OTHER_AREA_PREFIX)


def standard_order(questions: list[str] | set[str] | tuple[str, ...]) -> list[str]:
    """The questions present, in PEEL order (the standard ones, the pillars, then other areas as first seen)."""
    order = list(PEEL_QUESTIONS) + ["Effectiveness", "Efficiency", "Legitimacy"]
    present = list(dict.fromkeys(questions))
    return [q for q in order if q in present] + [q for q in present if q not in order]
