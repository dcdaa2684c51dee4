"""Which column of a record-level crime extract holds what, recognised by its heading.

Force extracts say ``Crime Reference``, ``Recorded Date``, ``Crime Category``
/ ``Offence Group`` / ``Offence Code``, ``Local Authority`` / ``Area`` /
``CSP``, ``Outcome``; data.police.uk's street files say ``Crime ID``,
``Month``, ``Reported by``, ``Falls within``, ``LSOA name``, ``Crime type``.
Anything else is named once (``--column date=When``) and remembered for files
with the same headings (a mapping profile in the history store). The wordings
are matched by the readers' one recogniser
(:func:`pccdesk.readers.headings.recognise_roles`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pccdesk.readers.headings import heading_key, recognise_roles
from pccdesk.records import record

ROLES = ("reference", "date", "category", "code", "area", "outcome", "force", "reporter")
SYNONYMS: dict[str, tuple[str, ...]] = {
    "reference": ("crime reference", "crime ref", "crime reference number", "crime id", "crime number", "crime no",
                  "reference", "crime ref no", "urn", "occurrence number", "occurrence reference"),
    "date": ("recorded date", "date recorded", "crime recorded date", "notifiable date", "recorded on", "month",
             "date", "reported date", "offence date", "committed date"),
    "category": ("crime category", "offence group", "crime type", "category", "offence category", "crime group",
                 "ho offence group", "offence type", "offence", "offence description"),
    "code": ("offence code", "home office offence code", "ho offence code", "ho code", "hoc", "ho class"),
    "area": ("local authority", "local authority name", "area", "csp", "csp name", "community safety partnership",
             "district", "area command", "borough", "lsoa name", "neighbourhood area"),
    "outcome": ("outcome", "last outcome category", "outcome type", "crime outcome"),
    "force": ("falls within", "force", "force name", "reported by"),
    # The force that reported a record, when another column says whose area it falls within: data.police.uk's
    # "Reported by" beside "Falls within" (British Transport Police's records fall within a geographic force).
    "reporter": ("reported by",),
}
#: Headings that mean the rows are already counts, so the file is a table, not records.
_COUNT_HEADINGS = ("count", "number", "offences", "number of offences", "total", "rolling year total number of offences")
#: Headings only data.police.uk's street-level files have together.
_POLICE_UK = ("crime id", "crime type", "lsoa name")


@record
class ExtractColumns:
    header_row: int
    headings: list[str]
    columns: dict[str, int]

    @property
    def signature_texts(self) -> list[str]:
        return [h for h in self.headings if h]

    @property
    def is_police_uk(self) -> bool:
        """A data.police.uk street-level file: its own crime types, LSOA names, no Home Office split."""
        keys = {heading_key(h) for h in self.headings}
        return all(k in keys for k in _POLICE_UK)

    @property
    def area_is_lsoa(self) -> bool:
        return "area" in self.columns and heading_key(self.headings[self.columns["area"]]) == "lsoa name"


def recognise(headings: list[str], remembered: Mapping[str, str] | None = None) -> dict[str, int]:
    """Role → column index by the heading's wording (synonyms in order of preference), then remembered."""
    return recognise_roles(headings, SYNONYMS, remembered)


def is_record_extract(headings: list[str], remembered: Mapping[str, str] | None = None) -> bool:
    roles = recognise(headings, remembered)
    keys = {heading_key(h) for h in headings}
    has_counts = any(k in keys for k in _COUNT_HEADINGS)
    return ("category" in roles or "code" in roles) and "date" in roles and not has_counts


def find_columns(rows: list[list[Any]], remembered: Mapping[str, str] | None = None) -> ExtractColumns | None:
    """The heading row of a record extract among the first rows, or None."""
    for r, row in enumerate(rows):
        headings = ["" if v is None else str(v).strip() for v in row]
        if sum(1 for h in headings if h) < 2:
            continue
        if is_record_extract(headings, remembered):
            return ExtractColumns(r, headings, recognise(headings, remembered))
    return None


def layout_signature(rows: list[list[Any]], sheet: str) -> str | None:
    """The key an extract's remembered columns are saved under: its sheet's name and the first row of at least
    two headings (the layout, not the file name, so next month's extract finds them), or None."""
    from pccdesk.store.mapping_profiles import structure_signature

    for row in rows[:10]:
        headings = [str(v).strip() for v in row if v is not None and str(v).strip()]
        if len(headings) >= 2:
            return structure_signature([sheet], headings)
    return None
