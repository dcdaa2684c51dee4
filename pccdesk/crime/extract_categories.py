"""The category each crime record counts under: its listed category, or the source's own category.

Sources split crime differently. Force extracts give Home Office offence groups
or offence codes; data.police.uk's street files give their own, coarser crime
types ("Violence and sexual offences", one "Burglary"). The declared mapping
between the two is ``templates/crime-types-police-uk.csv`` (crime type →
whether it is counted → the Home Office categories it equals or combines). So:

- a street file read with the shipped list is shown in data.police.uk's own
  crime types (that list is built from the mapping), with a note of what each
  combines;
- with a list of one's own (``--categories``), a record counts under the listed
  category its crime type names, and a crime type the list does not name is
  shown under its own name, never folded into zeros: a listed category the
  source does not split ("Sexual offences" from a street file) is simply
  absent, with a note saying so;
- anti-social behaviour is recognised by its crime type and not counted (it is
  not a notifiable crime); a missing Crime ID alone does not make a record ASB
  (British Transport Police publishes no Crime IDs at all).

Offence codes (``8N``, ``28.1``) are mapped by the Home Office Counting Rules'
numeric ranges; an unknown code counts in Total crime only.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from pccdesk.crime.categories import TOTAL, Category, CategoryList
from pccdesk.readers.headings import heading_key
from pccdesk.records import record

POLICE_UK_TYPES = "crime-types-police-uk.csv"
#: More distinct unlisted categories than this and they are offence descriptions, not groups: Total crime only.
MAX_OWN_CATEGORIES = 30

#: Home Office offence classification codes (numeric part) to the shipped categories; unknown codes count in
#: Total crime only. Ranges follow the Home Office Counting Rules' notifiable offence list.
HO_CODES: tuple[tuple[tuple[float, float], str], ...] = (
    ((28, 29), "Burglary dwelling"),
    ((30, 31), "Burglary other than dwelling"),
    ((34, 35), "Robbery"),
    ((39, 40), "Theft from the person"),
    ((46, 47), "Shoplifting"),
    ((45, 46), "Vehicle crime"), ((48, 49), "Vehicle crime"), ((37.2, 37.3), "Vehicle crime"),
    ((126, 127), "Vehicle crime"),
    ((56, 60), "Criminal damage"),
    ((17, 28), "Sexual offences"), ((70, 72), "Sexual offences"), ((88, 89), "Sexual offences"),
    ((1, 17), "Violence against the person"), ((104, 106), "Violence against the person"),
    ((40, 45), "Other theft and handling"), ((47, 48), "Other theft and handling"),
    ((49, 50), "Other theft and handling"), ((54, 55), "Other theft and handling"),
)
_ASB = ("anti social behaviour", "antisocial behaviour", "asb")


def is_asb(value: Any) -> bool:
    """Anti-social behaviour, by its crime type."""
    return isinstance(value, str) and heading_key(value) in _ASB


def category_of_code(code: str) -> str | None:
    m = re.match(r"^\s*(\d+(?:\.\d+)?)", code or "")
    if not m:
        return None
    number = float(m.group(1))
    for (low, high), category in HO_CODES:
        if low <= number < high:
            return category
    return None


@record(frozen=True)
class PoliceUkType:
    """One data.police.uk crime type and what it is in Home Office terms."""

    name: str
    counted: bool
    home_office: tuple[str, ...]
    note: str


@functools.lru_cache(maxsize=1)
def police_uk_types() -> tuple[PoliceUkType, ...]:
    """The declared mapping, from templates/ (read once per run)."""
    from pccdesk.readers.text_files import head_text_rows
    from pccdesk.resources import templates_dir

    rows = head_text_rows(templates_dir() / POLICE_UK_TYPES, 1000)
    out = []
    for row in rows[1:]:
        cells = [c.strip() for c in (row + [""] * 4)[:4]]
        if cells[0]:
            out.append(PoliceUkType(cells[0], cells[1].lower() != "no",
                                    tuple(p.strip() for p in cells[2].split(";") if p.strip()), cells[3]))
    return tuple(out)


def police_uk_categories(base: CategoryList) -> CategoryList:
    """data.police.uk's crime types as the category list (with the forces and areas of ``base``)."""
    total = next((c for c in base.categories if c.name == TOTAL), Category(TOTAL))
    types = [Category(t.name) for t in police_uk_types() if t.counted]
    return CategoryList([total, *types], dict(base.forces), list(base.areas), True,
                        "data.police.uk crime types (templates/crime-types-police-uk.csv)")


def not_split_note(listed: CategoryList, seen: set[str]) -> str | None:
    """For a street file read with a Home Office list: which listed categories the source does not split."""
    parts = []
    for kind in police_uk_types():
        if kind.name in seen and len(kind.home_office) > 1:
            named = [c for c in kind.home_office if c in listed.names]
            if named:
                parts.append(f"{' and '.join(named)} (shown as {kind.name})")
    if not parts:
        return None
    return "data.police.uk does not split " + "; ".join(parts) + ": see templates/crime-types-police-uk.csv"


def resolver(by_code: bool, categories: CategoryList) -> Callable[[Any], str | None]:
    """Cell → the category it counts under (listed, or the cell's own text), None for Total crime only."""

    def category_of(value: Any) -> str | None:
        text = _text(value)
        if text is None:
            return None
        if by_code:
            return category_of_code(text)
        return categories.category(text) or categories.part_of(text) or re.sub(r"\s+", " ", text).strip()

    return category_of


def _text(value: Any) -> str | None:
    """A cell as text (None when blank); whole numbers without ``.0`` (offence codes)."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        return str(int(value)) if value.is_integer() else str(value)
    text = str(value)
    return text if text.strip() else None
