"""What kind of input a file is, told from its content: return, crime table, record extract, national table,
PEEL matrix, tracker register, plan, or something pccdesk does not use.

A file dropped into the app (or given on the command line) must never be run
through the wrong reader silently: a force's crime workbook read as a return
fails with "no indicator table was found", and a workforce table read as crime
would give figures that mean nothing. The headings a person would look at —
the title, the sheet names, the heading row — say what a file is, so the kind
is worked out from the first rows of every sheet (:func:`pccdesk.readers.peek.peek`).
The answer carries a plain reason, shown to the user, who can change the kind.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pccdesk.problems import PccdeskError
from pccdesk.readers.options import ReadOptions
from pccdesk.readers.peek import SheetHead, peek
from pccdesk.records import record


class InputKind(enum.Enum):
    RETURN = "Indicator return"
    CRIME_TABLE = "Crime table"
    CRIME_RECORDS = "Crime records"
    NATIONAL_TABLE = "National crime table"
    PEEL_MATRIX = "PEEL grades"
    TRACKER_REGISTER = "Tracker register"
    PLAN = "Plan"
    OTHER = "Not used"
    UNKNOWN = "Unknown"

    @property
    def role(self) -> str:
        """Where the pack uses this kind: "return", "crime", "tracker", "plan" or "" (not used)."""
        return _ROLES[self]


_ROLES = {
    InputKind.RETURN: "return", InputKind.CRIME_TABLE: "crime", InputKind.CRIME_RECORDS: "crime",
    InputKind.NATIONAL_TABLE: "crime", InputKind.PEEL_MATRIX: "tracker", InputKind.TRACKER_REGISTER: "tracker",
    InputKind.PLAN: "plan", InputKind.OTHER: "", InputKind.UNKNOWN: "return",
}


@record(frozen=True)
class KindGuess:
    kind: InputKind
    #: why, in words an officer can check ("headings Crime ID, Month, Crime type: one row per crime")
    reason: str


#: PEEL assessment areas as written in HMICFRS tables (a few words of each are enough to recognise a column).
_PEEL_WORDS = ("preventing crime", "responding to the public", "investigating crime", "protecting vulnerable",
               "managing offenders", "police powers", "treatment of the public", "workforce", "leadership",
               "crime data integrity", "serious and organised crime", "effectiveness", "efficiency", "legitimacy")
_GRADES = ("outstanding", "good", "adequate", "requires improvement", "inadequate")
_NATIONAL_TITLES = re.compile(r"police recorded crime|recorded crime statistics|table [pc]\d+\b.*crime|"
                              r"crime in england (and|&) wales")


def _text(cell: Any) -> str:
    return " ".join(str(cell).split()).lower() if cell is not None else ""


def _heading_rows(head: SheetHead) -> Iterable[list[str]]:
    for row in head.rows:
        cells = [_text(c) for c in row]
        if sum(1 for c in cells if c) >= 2:
            yield cells


def _has_row(heads: list[SheetHead], *groups: tuple[str, ...]) -> list[str] | None:
    """The first row holding, for every group, a cell equal to (or starting with) one of its words."""
    for head in heads:
        for cells in _heading_rows(head):
            if all(any(c == w or c.startswith(w + " ") for c in cells for w in group) for group in groups):
                return cells
    return None


def guess_from_heads(heads: list[SheetHead]) -> KindGuess:
    """The kind of a file from the first rows of its sheets (pure: no I/O, tested on rows built in code)."""
    names = [h.name.lower() for h in heads]
    titles = " | ".join(_text(c) for h in heads for row in h.rows[:12] for c in row if isinstance(c, str))
    if "pccdesk" in names:
        meta = {(_text(r[0]) if r else ""): (_text(r[1]) if len(r) > 1 else "")
                for h in heads if h.name.lower() == "pccdesk" for r in h.rows}
        if meta.get("template") == "force-return":
            return KindGuess(InputKind.RETURN, "a force return made from pccdesk's template")
        if meta.get("template") in ("plan", "indicator-definitions"):
            return KindGuess(InputKind.PLAN, "the plan's indicator definitions (pccdesk's template)")
    if _has_row(heads, ("ref",), ("indicator",), ("better", "direction", "polarity")):
        return KindGuess(InputKind.PLAN, "headings ref, indicator and better: the plan's indicator definitions")
    row = _has_row(heads, ("crime id", "crime reference", "crime ref", "crime number", "urn"),
                   ("month", "recorded date", "date recorded", "crime type", "offence", "offence group",
                    "crime category"))
    if row:
        return KindGuess(InputKind.CRIME_RECORDS, "headings " + _list(row) + ": one row per crime")
    if "police workforce" in titles or "police officers by police force area" in titles:
        return KindGuess(InputKind.OTHER, "police workforce tables (officers and staff), not crime or indicators: "
                         "not used in the pack")
    if _has_row(heads, ("lad16cd", "lad17cd", "lad18cd", "lad19cd", "lad20cd", "lad21cd", "lad22cd", "lad23cd"),
                ("pfa16cd", "pfa17cd", "pfa18cd", "pfa19cd", "pfa20cd", "pfa21cd", "pfa22cd", "pfa23cd",
                 "csp16cd", "csp17cd")):
        return KindGuess(InputKind.OTHER, "a lookup of council areas to police force areas: not used in the pack")
    national = _NATIONAL_TITLES.search(titles)
    by_area = any(w in titles for w in ("area name", "area code", "force area", "police force", "pfa"))
    if by_area and (national or _has_row(heads, ("area name", "area code"), ("violence against the person",))):
        return KindGuess(InputKind.NATIONAL_TABLE, "a national table of police recorded crime for every force "
                         "area (choose the force in Force)")
    if national:
        return KindGuess(InputKind.OTHER, "recorded crime for England and Wales as a whole, with no figures per "
                         "force area: not used in the pack")
    if _has_row(heads, ("pfa", "police force area", "force"), ("offence", "offence group", "crime type")):
        return KindGuess(InputKind.NATIONAL_TABLE, "crime counts by police force area and offence for every force "
                         "(choose the force in Force)")
    if _has_row(heads, ("recommendation", "finding", "action", "area for improvement", "text", "recommendation / afi"),
                ("status", "owner", "due", "completed", "inspection", "meeting")) or \
            _has_row(heads, ("inspection",), ("inspectorate",)):
        return KindGuess(InputKind.TRACKER_REGISTER, "a register of recommendations and actions with their status (PEEL grades in it are read too)")
    peel = [c for h in heads for cells in _heading_rows(h) for c in cells if any(w in c for w in _PEEL_WORDS)]
    grades = sum(1 for h in heads for r in h.rows for c in r if _text(c) in _GRADES)
    if (len(set(peel)) >= 2 or any("peel" in n for n in names)) and grades >= 2:
        return KindGuess(InputKind.PEEL_MATRIX, "PEEL assessment areas as columns with grades (Good, Adequate…)")
    if _has_row(heads, ("majortext", "major text", "offence group", "crime type", "crime category", "category"),
                ("minortext", "minor text", "borough", "area", "lookup_boroughname", "current", "previous",
                 "month")) or "comparison of crime" in titles or "total crime" in titles:
        return KindGuess(InputKind.CRIME_TABLE, "crime counts by category (and area or period): the force's crime "
                         "figures")
    if _has_row(heads, ("indicator", "measure", "performance", "previous"), ("current", "current value", "target",
                                                                               "period")):
        return KindGuess(InputKind.RETURN, "indicators with their current and previous figures: a force return")
    if any(w in titles for w in ("a&e", "emergency admission", "nhs")):
        return KindGuess(InputKind.OTHER, "health service figures (A&E), not police figures: not used in the pack")
    return KindGuess(InputKind.UNKNOWN, "pccdesk cannot tell what this file holds; it will be read as a force "
                     "return unless you choose another kind")


def _list(cells: list[str], most: int = 4) -> str:
    shown = [c for c in cells if c][:most]
    return ", ".join(shown) + ("…" if len([c for c in cells if c]) > most else "")


def guess_kind(path: str | Path, options: ReadOptions | None = None) -> KindGuess:
    """The kind of the file at ``path`` from its first rows; a file that cannot be opened yet (password,
    damage) is UNKNOWN with the reader's own sentence, and the full read will say it again with its cell."""
    try:
        heads = peek(path, options=options)
    except PccdeskError as exc:
        return KindGuess(InputKind.UNKNOWN, f"not recognised yet: {exc.message}")
    return guess_from_heads(heads)
