"""The crime categories and areas a panel pack shows, with the other names forces use for them.

Forces, ONS and data.police.uk all name the same thing differently: "Burglary
OTD", "Burglary - other than dwelling", "Non-domestic burglary" and
"Non-residential burglary" are one category; "Newcastle upon Tyne" is the
seed's "Newcastle"; "Force Wide" is the force itself. The list is data, not
code: ``templates/crime-categories.csv`` (or an ``.xlsx`` with the same
columns) can be edited by an OPCC officer and given with ``--categories``.

Columns: ``Kind`` (``category``, ``force``, ``area`` or ``setting``),
``Name`` (as the pack shows it), ``Aliases`` (other names, separated by
``;``), ``Force`` (for an area: the force it belongs to) and ``Colour``
(for a category: ``off`` — the default, since a rise in recorded crime is not
automatically bad — ``increase-bad`` or ``increase-good``). One ``setting``
row named ``Exhaustive`` says whether the categories add up to Total crime
(``yes``/``no``, default ``no``): only then is Total crime checked against
their sum.
"""

from __future__ import annotations

import re
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from pccdesk.crime import codes
from pccdesk.problems import Location, PccdeskError, Problem, warning
from pccdesk.readers.headings import heading_key
from pccdesk.records import record

if TYPE_CHECKING:
    from pccdesk.readers.options import ReadOptions

TOTAL = "Total crime"

#: Columns of the categories file, in order.
COLUMNS = ("Kind", "Name", "Aliases", "Force", "Colour", "Parts")
COLOURS = ("off", "increase-bad", "increase-good")

#: The shipped list: the seed's eleven categories and Northumbria's six areas (see templates/crime-categories.csv).
DEFAULT_ROWS: tuple[tuple[str, ...], ...] = (
    ("setting", "Exhaustive", "no", "", ""),
    ("category", TOTAL, "Total recorded crime; Total recorded crime (excluding fraud); All crime; "
     "Total police recorded crime; Total offences; All recorded crime", "", "off"),
    ("category", "Violence against the person", "VAP; Violence against the person (VAP)", "", "off",
     "Homicide; Death or serious injury caused by illegal driving; Violence with injury; Violence without injury; "
     "Stalking and harassment"),
    ("category", "Robbery", "Robbery offences; Robbery of personal property", "", "off"),
    ("category", "Sexual offences", "Sexual offenses; Sexual offences (all)", "", "off"),
    ("category", "Vehicle crime", "Vehicle offences; Vehicle crimes", "", "off"),
    ("category", "Criminal damage", "Criminal damage and arson; Arson and criminal damage", "", "off"),
    ("category", "Burglary dwelling", "Burglary - dwelling; Domestic burglary; Residential burglary; "
     "Burglary in a dwelling", "", "off"),
    ("category", "Burglary other than dwelling", "Burglary OTD; Burglary - other than dwelling; "
     "Burglary other; Non-domestic burglary; Non-residential burglary; Burglary non-dwelling", "", "off"),
    ("category", "Shoplifting", "Shop lifting; Theft from shops", "", "off"),
    ("category", "Theft from the person", "Theft from person; Theft from the person offences", "", "off"),
    ("category", "Other theft and handling", "Other theft; All other theft offences; Other theft offences; "
     "Other theft and handling stolen goods", "", "off"),
    ("force", "Northumbria", "Force Wide; Forcewide; Force; Northumbria Police; Force total", "", ""),
    ("area", "Sunderland", "Sunderland CSP; Sunderland Area Command", "Northumbria", ""),
    ("area", "South Tyneside", "South Tyneside CSP", "Northumbria", ""),
    ("area", "Gateshead", "Gateshead CSP", "Northumbria", ""),
    ("area", "North Tyneside", "North Tyneside CSP", "Northumbria", ""),
    ("area", "Newcastle", "Newcastle upon Tyne; Newcastle CSP; Newcastle City", "Northumbria", ""),
    ("area", "Northumberland", "Northumberland CSP; Northumberland County", "Northumbria", ""),
)

#: Names that mean "the whole force" whatever the force is called.
GENERIC_FORCE_NAMES = ("force wide", "forcewide", "force", "force total", "whole force", "all areas")

def normalise(name: object) -> str:
    """The key names are matched on (the readers' one heading key): case, spaces, dashes, ``&``, footnote digits
    and ``[note 1]`` ignored."""
    return heading_key(name)


@record(frozen=True)
class Category:
    name: str
    aliases: tuple[str, ...] = ()
    colour: str = "off"
    parts: tuple[str, ...] = ()


@record(frozen=True)
class Area:
    name: str
    force: str
    aliases: tuple[str, ...] = ()


@record
class CategoryList:
    """Categories in the order the pack shows them, forces and their areas, all with aliases."""

    categories: list[Category]
    forces: dict[str, tuple[str, ...]] = field(default_factory=dict)
    areas: list[Area] = field(default_factory=list)
    exhaustive: bool = False
    source: str = "shipped list"

    def __post_init__(self) -> None:
        self._category_index: dict[str, str] = {}
        self._part_index: dict[str, str] = {}
        for cat in self.categories:
            for alias in (cat.name, *cat.aliases):
                self._category_index.setdefault(normalise(alias), cat.name)
            for part in cat.parts:
                self._part_index.setdefault(normalise(part), cat.name)
        self._force_index: dict[str, str] = {}
        for force, aliases in self.forces.items():
            for alias in (force, *aliases):
                self._force_index.setdefault(normalise(alias), force)
        self._area_index: dict[str, Area] = {}
        for area in self.areas:
            for alias in (area.name, *area.aliases):
                self._area_index.setdefault(normalise(alias), area)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.categories]

    def category(self, label: object) -> str | None:
        """The listed category ``label`` names, or None."""
        return self._category_index.get(normalise(label))

    def part_of(self, label: object) -> str | None:
        """The listed category that ``label`` is a part of (``Violence with injury`` → VAP), or None."""
        key = normalise(label)
        return None if key in self._category_index else self._part_index.get(key)

    def colour(self, category: str) -> str:
        return next((c.colour for c in self.categories if c.name == category), "off")

    def force(self, label: object) -> str | None:
        """The listed force ``label`` names (its name or an alias such as "Force Wide"), or None."""
        return self._force_index.get(normalise(label))

    def is_force_label(self, label: object) -> bool:
        key = normalise(label)
        return key in self._force_index or key in GENERIC_FORCE_NAMES

    def area(self, label: object, force: str | None = None) -> Area | None:
        found = self._area_index.get(normalise(label))
        if found is not None and force is not None and normalise(found.force) != normalise(force):
            return None
        return found

    def areas_of(self, force: str | None) -> list[Area]:
        if force is None:
            return []
        key = normalise(self.force(force) or force)
        return [a for a in self.areas if normalise(a.force) == key]

    def area_name(self, label: object, force: str | None) -> str:
        """The listed name of an area, or the label as given (tidied) when the list does not know it."""
        found = self.area(label, force)
        return found.name if found else re.sub(r"\s+", " ", str(label)).strip()

    def known_label(self, label: object) -> bool:
        key = normalise(label)
        return key in self._category_index or key in self._force_index or key in self._area_index \
            or key in GENERIC_FORCE_NAMES


def default_categories() -> CategoryList:
    return _from_rows([list(r) for r in DEFAULT_ROWS], "shipped list", [])


def load_categories(path: Path | None, options: ReadOptions | None = None) -> tuple[CategoryList, list[Problem]]:
    """The list from ``path`` (.csv or a spreadsheet), or the shipped one when ``path`` is None."""
    if path is None:
        return default_categories(), []
    from pccdesk.readers.workbook_reader import read_workbook

    book = read_workbook(path, options=options)
    sheet = book.sheets[0]
    header_at = next((i for i, row in enumerate(sheet.rows[:10])
                      if row and normalise(row[0]) == "kind"), None)
    if header_at is None:
        raise PccdeskError('no heading row starting "Kind" (columns: ' + ", ".join(COLUMNS) + ")",
                           Location.of(path, sheet.name, "A1"), code=codes.CRIME_CATEGORIES_UNREADABLE)
    problems: list[Problem] = []
    rows: list[list[str]] = []
    for i, row in enumerate(sheet.rows[header_at + 1:], start=header_at + 1):
        cells = [("" if v is None else str(v).strip()) for v in (list(row) + [None] * 6)[:6]]
        if not any(cells):
            continue
        if cells[0].lower() not in ("category", "force", "area", "setting"):
            problems.append(warning(codes.CRIME_CATEGORIES_ROW, f'Kind "{cells[0]}" is not category, force, area or '
                                    "setting: the row is ignored", Location.of(path, sheet.name, f"A{i + 1}")))
            continue
        rows.append(cells)
    result = _from_rows(rows, Path(path).name, problems, path, sheet.name)
    if not result.categories:
        raise PccdeskError("the list has no categories", Location.of(path, sheet.name),
                           code=codes.CRIME_CATEGORIES_UNREADABLE)
    return result, problems


def _from_rows(rows: list[list[str]], source: str, problems: list[Problem], path: Path | None = None,
               sheet: str = "") -> CategoryList:
    categories: list[Category] = []
    forces: dict[str, tuple[str, ...]] = {}
    areas: list[Area] = []
    exhaustive = False
    for row in rows:
        kind, name, aliases_text, force, colour, parts_text = (list(row) + [""] * 6)[:6]
        aliases = tuple(a.strip() for a in aliases_text.split(";") if a.strip())
        parts = tuple(a.strip() for a in parts_text.split(";") if a.strip())
        kind = kind.lower()
        if kind == "setting":
            if normalise(name) == "exhaustive":
                exhaustive = aliases_text.strip().lower() in ("yes", "y", "true", "1")
            continue
        if not name:
            continue
        if kind == "category":
            colour = colour.strip().lower() or "off"
            if colour not in COLOURS:
                problems.append(warning(codes.CRIME_CATEGORIES_ROW, f'Colour "{colour}" for {name} is not one of '
                                        f"{', '.join(COLOURS)}: colouring is off", Location.of(path or "", sheet)))
                colour = "off"
            categories.append(Category(name, aliases, colour, parts))
        elif kind == "force":
            forces[name] = aliases
        else:
            areas.append(Area(name, force, aliases))
    return CategoryList(categories, forces, areas, exhaustive, source)


def write_categories_csv(path: Path, rows: tuple[tuple[str, ...], ...] = DEFAULT_ROWS) -> None:
    """Write the list as CSV (how ``templates/crime-categories.csv`` is made)."""
    import csv

    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows)


if __name__ == "__main__":  # python -m pccdesk.crime.categories: regenerate the shipped template
    write_categories_csv(Path(__file__).resolve().parents[2] / "templates" / "crime-categories.csv")
