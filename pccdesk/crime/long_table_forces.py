"""National long tables, one row per force (and offence and period): which force's rows to read.

The Home Office's ``rec-crime-pfa.csv`` is one long table for every force, so
its "area" column names forces, not one force's areas. Without ``--force`` it
is refused, naming its forces (none is taken by default); with ``--force`` (a
name, compared as :mod:`pccdesk.crime.force_identity` does) only that force's
rows are read. A table of areas with no force column (the MPS borough file)
is known as a force's from the ONS lookup of its districts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from pccdesk.crime.categories import normalise
from pccdesk.crime.force_identity import force_key, same_force
from pccdesk.problems import Location, PccdeskError
from pccdesk.readers.workbook_reader import SheetData, WorkbookData

HeaderRoles = Callable[[list[Any]], dict[str, int]]


#: Area headings that mean the rows are forces (a national long table), not one force's areas.
FORCE_COLUMN_HEADERS = ("pfa", "police force area", "police force area name", "force", "force name")


def long_table_forces(sheet: SheetData, header: int, roles: dict[str, int]) -> list[str]:
    """The forces of a national long table (its area column names forces), in file order; [] otherwise."""
    column = roles.get("area")
    if column is None or normalise(sheet.value(header, column)) not in FORCE_COLUMN_HEADERS:
        return []
    found: dict[frozenset[str], str] = {}
    for r in range(header + 1, sheet.height):
        value = sheet.value(r, column)
        if isinstance(value, str) and value.strip():
            found.setdefault(force_key(value), value.strip())
    return list(found.values())


def one_force_rows(book: WorkbookData, sheet: SheetData, header: int, roles: dict[str, int],
                    force: str | None) -> tuple[SheetData, str | None]:
    """A national long table narrowed to one force's rows (other rows blanked, so cells keep their addresses),
    and the force as the file spells it; several forces without ``--force`` stop, naming them."""
    forces = long_table_forces(sheet, header, roles)
    if len(forces) <= 1:
        return sheet, force or (forces[0] if forces else None)
    where = Location.of(book.path, sheet.name)
    if force is None or force.strip().lower() == "all":
        raise PccdeskError(f"the table holds {len(forces)} forces: choose one with --force NAME, or --force all for "
                           "every force (" + "; ".join(forces) + ")", where, code="crime-force-needed")
    chosen = next((f for f in forces if same_force(f, force)), None)
    if chosen is None:
        raise PccdeskError(f'no force "{force}" in the table: it has ' + "; ".join(forces), where,
                           code="crime-force-missing")
    column = roles["area"]
    key = force_key(chosen)
    rows = [row if r <= header or (isinstance(sheet.value(r, column), str)
                                   and force_key(sheet.value(r, column)) == key) else []
            for r, row in enumerate(sheet.rows)]
    return dataclasses.replace(sheet, rows=rows), chosen


def forces_of_long(book: WorkbookData, header_roles: HeaderRoles) -> list[str]:
    """The forces of a national long table (for ``--force all``), or []."""
    for sheet in book.sheets:
        for r, row in enumerate(sheet.rows[:30]):
            roles = header_roles(row)
            if "category" in roles:
                return long_table_forces(sheet, r, roles)
    return []


def force_of_areas(sheet: SheetData, header: int, roles: dict[str, int]) -> str | None:
    """The force whose districts the area column names (the ONS lookup), when there is exactly one."""
    from pccdesk.crime.force_identity import shipped_lookup

    if "area" not in roles:
        return None
    names = {str(sheet.value(r, roles["area"])).strip() for r in range(header + 1, sheet.height)
             if sheet.value(r, roles["area"]) is not None}
    return shipped_lookup().force_of_areas(sorted(names))


