"""``--force all``: one set of tables per police force of the inputs, each input read once and split by force.

The forces are those of the national tables (rows by GSS code), of the
national long tables (their "PFA" column) and of the records' "Falls within",
in the first file's order. The Home Office's long table also lists the
national fraud reporting bodies (Action Fraud, CIFAS, UK Finance) as "PFA":
they are not police forces, so they are left out with a note naming them
(:data:`pccdesk.crime.codes.CRIME_NOT_A_FORCE`). A national long table is
split into one narrowed table per force in one pass; reading it again for
each of its 44 forces took about a minute.
"""

from __future__ import annotations

from dataclasses import field

from pccdesk.crime import codes
from pccdesk.crime.categories import CategoryList
from pccdesk.crime.crime_model import CrimeTable
from pccdesk.crime.extract_reading import LoadedExtract
from pccdesk.crime.force_identity import bodies_left_out, force_key, is_reporting_body, is_territorial
from pccdesk.problems import Location, Problem, info
from pccdesk.readers.workbook_reader import WorkbookData
from pccdesk.records import record

Opened = LoadedExtract | WorkbookData


@record
class AllForces:
    """Every force of the inputs, and the reporting bodies left out (with the file that lists them)."""

    forces: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    where: Location = field(default_factory=Location)

    def notes(self) -> list[Problem]:
        if not self.bodies:
            return []
        return [info(codes.CRIME_NOT_A_FORCE, f"{bodies_left_out(self.bodies)}: their rows are left out of "
                     "--force all", self.where)]


def all_forces(opened: list[Opened], categories: CategoryList) -> AllForces:
    """The forces of every input, in the first file's order, without the reporting bodies."""
    from pccdesk.crime.national_tables import forces_of
    from pccdesk.crime.summary_tables import forces_of_long

    found = AllForces()
    for item in opened:
        names: list[str] = []
        if isinstance(item, LoadedExtract):
            spellings: dict[frozenset[str], str] = {}
            for (_, _, _, cell), _n in item.counts.most_common():
                if cell is not None and str(cell).strip():
                    spellings.setdefault(force_key(cell), str(cell).strip())
            names = [n for n in spellings.values() if not is_reporting_body(n)]
            bodies = [n for n in spellings.values() if is_reporting_body(n)]
            where = item.where
        else:
            names = forces_of(item, categories)
            bodies = []
            if not names:
                long = forces_of_long(item)
                names, bodies = (long.forces, long.bodies) if long else ([], [])
            where = Location.of(item.path)
        found.forces += [n for n in names if n not in found.forces]
        if bodies and not found.bodies:
            found.where = where
        found.bodies += [b for b in bodies if b not in found.bodies]
    return found


def split_inputs(opened: list[Opened], categories: CategoryList) -> list[dict[frozenset[str], WorkbookData] | None]:
    """Each national long table split by force in one pass (None for any other input)."""
    from pccdesk.crime.national_tables import forces_of
    from pccdesk.crime.summary_tables import split_long

    return [split_long(item) if isinstance(item, WorkbookData) and not forces_of(item, categories) else None
            for item in opened]


def inputs_of(force: str | None, opened: list[Opened], splits: list[dict[frozenset[str], WorkbookData] | None]
              ) -> list[Opened]:
    """The inputs as one force sees them: a split long table's part for that force, any other input whole."""
    if force is None:
        return opened
    key = force_key(force)
    return [split.get(key, item) if split else item for item, split in zip(opened, splits, strict=True)]


def territorial_notes(tables: list[CrimeTable], where: Location) -> list[Problem]:
    """A note for each force that is not a territorial police force area (British Transport Police)."""
    return [info(codes.CRIME_FORCE_NOT_TERRITORIAL, f"{t.area} is a police force but not a territorial police "
                 "force area (it polices the railways, not a local area): its figures are not part of any "
                 "area's or force area's" if force_key(t.area) == force_key("British Transport Police") else
                 f"{t.area} is a police force but not a territorial police force area: its figures are not "
                 "part of any area's or force area's", where)
            for t in tables if t.is_force and not is_territorial(t.area)]
