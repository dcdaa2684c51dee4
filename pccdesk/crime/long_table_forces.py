"""National long tables, one row per force (and offence and period): which force's rows to read.

The Home Office's ``rec-crime-pfa.csv`` is one long table for every force, so
its "area" column names forces, not one force's areas. Without ``--force`` it
is refused, naming its forces (none is taken by default); with ``--force`` (a
name, compared as :mod:`pccdesk.crime.force_identity` does) only that force's
rows are read; with ``--force all`` the table is split by force in one pass.
Its "forces" include the national fraud reporting bodies (Action Fraud, CIFAS,
UK Finance: Region "Fraud: …"), which are not police forces: they are never
offered or counted as one. British Transport Police is a force, listed as
"not a territorial police force area". A table of areas with no force column (the MPS borough file)
is known as a force's from the ONS lookup of its districts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from pccdesk.crime import codes
from pccdesk.crime.categories import normalise
from pccdesk.crime.force_identity import (
    bodies_left_out,
    force_key,
    force_label,
    is_reporting_body,
    same_force,
)
from pccdesk.problems import Location, PccdeskError
from pccdesk.readers.headings import heading_key
from pccdesk.readers.workbook_reader import SheetData, WorkbookData
from pccdesk.records import record

HeaderRoles = Callable[[list[Any]], dict[str, int]]


#: Area headings that mean the rows are forces (a national long table), not one force's areas.
FORCE_COLUMN_HEADERS = ("pfa", "police force area", "police force area name", "force", "force name")


@record
class LongForces:
    """The forces of a national long table in file order, and the reporting bodies among its "forces" (left
    out: they are not police forces); the rows of each, by force key, found in one pass."""

    forces: list[str]
    bodies: list[str]
    rows_of: dict[frozenset[str], list[int]]
    column: int

    def listing(self) -> str:
        """The forces, labelled where one is not territorial, then the bodies left out and why."""
        text = "; ".join(force_label(f) for f in self.forces)
        if self.bodies:
            text += f". Left out: {bodies_left_out(self.bodies)}"
        return text


def long_table_forces(sheet: SheetData, header: int, roles: dict[str, int]) -> LongForces | None:
    """The forces of a national long table (its area column names forces), or None when it is not one."""
    column = roles.get("area")
    if column is None or normalise(sheet.value(header, column)) not in FORCE_COLUMN_HEADERS:
        return None
    heads = sheet.rows[header]
    region = next((c for c, v in enumerate(heads) if heading_key(v) == "region"), None)
    names: dict[frozenset[str], str] = {}
    bodies: dict[frozenset[str], str] = {}
    rows_of: dict[frozenset[str], list[int]] = {}
    keys: dict[tuple[str, object], tuple[frozenset[str], bool]] = {}  # each distinct cell judged once
    for r, row in enumerate(sheet.rows[header + 1:], start=header + 1):
        value = row[column] if column < len(row) else None
        if not isinstance(value, str) or not value.strip():
            continue
        area = row[region] if region is not None and region < len(row) else None
        known = keys.get((value, area))
        if known is None:
            known = keys[(value, area)] = (force_key(value), is_reporting_body(value, area))
        key, body = known
        (bodies if body else names).setdefault(key, value.strip())
        rows_of.setdefault(key, []).append(r)
    return LongForces(list(names.values()), list(bodies.values()), rows_of, column)


def one_force_rows(book: WorkbookData, sheet: SheetData, header: int, roles: dict[str, int],
                   force: str | None) -> tuple[SheetData, str | None]:
    """A national long table narrowed to one force's rows (other rows blanked, so cells keep their addresses),
    and the force as the file spells it; several forces without ``--force`` stop, naming them."""
    found = long_table_forces(sheet, header, roles)
    if found is None or (len(found.forces) <= 1 and not found.bodies):
        return sheet, force or (found.forces[0] if found and found.forces else None)
    where = Location.of(book.path, sheet.name)
    if (force is None or force.strip().lower() == "all") and len(found.forces) == 1:
        force = found.forces[0]
    if force is None or force.strip().lower() == "all":
        raise PccdeskError(f"the table holds {len(found.forces)} forces: choose one with --force NAME, or --force "
                           f"all for every force ({found.listing()})", where, code=codes.CRIME_FORCE_NEEDED)
    body = next((b for b in found.bodies if same_force(b, force)), None)
    if body is not None:
        raise PccdeskError(f"{bodies_left_out([body])}: choose a force with --force NAME ({found.listing()})",
                           where, code=codes.CRIME_NOT_A_FORCE)
    chosen = next((f for f in found.forces if same_force(f, force)), None)
    if chosen is None:
        raise PccdeskError(f'no force "{force}" in the table: it has {found.listing()}', where,
                           code=codes.CRIME_FORCE_MISSING)
    return narrowed(sheet, header, found.rows_of[force_key(chosen)]), chosen


def narrowed(sheet: SheetData, header: int, keep: list[int]) -> SheetData:
    """``sheet`` with only its heading rows and the rows ``keep``; the others blank, so cells keep their
    addresses."""
    rows: list[list[Any]] = [*sheet.rows[:header + 1], *([[]] * (sheet.height - header - 1))]
    for r in keep:
        rows[r] = sheet.rows[r]
    return dataclasses.replace(sheet, rows=rows)


def split_by_force(book: WorkbookData, header_roles: HeaderRoles) -> dict[frozenset[str], WorkbookData] | None:
    """A national long table's book once per force (``--force all``: the file is read once and split in one
    pass, not read again for each force), keyed by :func:`force_key`; None when the book is not one."""
    for index, sheet in enumerate(book.sheets):
        for r, row in enumerate(sheet.rows[:30]):
            roles = header_roles(row)
            if "category" not in roles:
                continue
            found = long_table_forces(sheet, r, roles)
            if found is None:
                return None
            books = {}
            for name in found.forces:
                key = force_key(name)
                sheets = list(book.sheets)
                sheets[index] = narrowed(sheet, r, found.rows_of[key])
                books[key] = dataclasses.replace(book, sheets=sheets)
            return books
    return None


def forces_of_long(book: WorkbookData, header_roles: HeaderRoles) -> LongForces | None:
    """The forces of a national long table (for ``--force all``), or None."""
    for sheet in book.sheets:
        for r, row in enumerate(sheet.rows[:30]):
            roles = header_roles(row)
            if "category" in roles:
                return long_table_forces(sheet, r, roles)
    return None


def force_of_areas(sheet: SheetData, header: int, roles: dict[str, int]) -> str | None:
    """The force whose districts the area column names (the ONS lookup), when there is exactly one."""
    from pccdesk.crime.force_identity import shipped_lookup

    if "area" not in roles:
        return None
    names = {str(sheet.value(r, roles["area"])).strip() for r in range(header + 1, sheet.height)
             if sheet.value(r, roles["area"]) is not None}
    return shipped_lookup().force_of_areas(sorted(names))


