"""From the counts of one or more inputs to the comparison tables: force first, then each area.

Two one-period national tables (e.g. year ending June 2024 and June 2025) are
put in order by their dates and become previous and current; a single one gives
the current period with the previous shown as not available. Inputs that each
compare two periods (a summary workbook per area) are merged.
"""

from __future__ import annotations

from dataclasses import field

from pccdesk.crime import codes
from pccdesk.crime.categories import CategoryList
from pccdesk.crime.crime_model import (
    CURRENT,
    PREVIOUS,
    CrimeCount,
    CrimeImport,
    CrimeRow,
    CrimeTable,
    StatedChange,
)
from pccdesk.problems import Location, Problem, info, warning
from pccdesk.records import record

NOT_AVAILABLE = "not available"


@record
class Combined:
    force: str | None
    current_period: str
    previous_period: str
    counts: list[CrimeCount]
    stated: list[StatedChange]
    unassigned: dict[tuple[str, str], float]
    problems: list[Problem] = field(default_factory=list)


def combine(imports: list[CrimeImport]) -> Combined:
    """One set of counts from every input, with the roles of one-period tables settled by their dates."""
    problems: list[Problem] = []
    single = [i for i in imports if i.previous_period is None and i.period_date is not None]
    single.sort(key=lambda i: (i.period_date or 0, str(i.path)))
    kept: list[CrimeImport] = []
    for imp in single:
        twin = next((o for o in kept if o.period_date == imp.period_date), None)
        if twin is None:
            kept.append(imp)
            continue
        # the same edition twice: one warning, not one "given more than once" per figure
        problems.append(warning("crime-same-edition", f"{imp.path.name} is the same edition as {twin.path.name} "
                                f"({imp.current_period}): it is left out", Location.of(imp.path)))
        imports = [o for o in imports if o is not imp]
    single = kept
    if len(single) >= 2:
        if len(single) > 2:
            problems.append(info(codes.CRIME_EXTRA_PERIODS, "more than two one-period tables were given: the latest two "
                                 "are compared", Location.of(single[0].path)))
        older, newer = single[-2], single[-1]
        older.counts = [CrimeCount(c.area, c.category, PREVIOUS, c.count, c.location, c.is_force, c.held)
                        for c in older.counts]
        older.unassigned = {(cat, PREVIOUS): v for (cat, _), v in older.unassigned.items()}
        newer.previous_period = older.current_period
        if older.period_date and newer.period_date:
            apart = (newer.period_date.year - older.period_date.year) * 12 + newer.period_date.month \
                - older.period_date.month
            if apart != 12:
                problems.append(warning("crime-editions-apart", f"{newer.current_period} ({newer.path.name}) is "
                                        f"compared with {older.current_period} ({older.path.name}): {apart} months "
                                        "apart, not a year, so the change is not year on year",
                                        Location.of(newer.path)))
        dropped = [id(i) for i in single[:-2]] + [id(older)]
        imports = [i for i in imports if id(i) not in dropped]
        imports.append(older)
    force = next((i.force for i in imports if i.force), None)
    counts: list[CrimeCount] = []
    stated: list[StatedChange] = []
    unassigned: dict[tuple[str, str], float] = {}
    current_period = next((i.current_period for i in imports if i.counts and i.current_period), "")
    previous_period = next((i.previous_period for i in imports if i.previous_period), None)
    for imp in imports:
        counts.extend(imp.counts)
        stated.extend(imp.stated)
        for key, value in imp.unassigned.items():
            unassigned[key] = unassigned.get(key, 0) + value
    if previous_period is None:
        problems.append(info(codes.CRIME_PREVIOUS_MISSING, "only one period was given: the previous period is shown "
                             "as not available", Location.of(imports[0].path) if imports else Location()))
    return Combined(force, current_period, previous_period or NOT_AVAILABLE, counts, stated, unassigned, problems)


def build_tables(combined: Combined, categories: CategoryList) -> tuple[list[CrimeTable], list[Problem]]:
    """Tables in the pack's order: the force, then the listed areas in list order, then any others as found."""
    problems: list[Problem] = []
    cells: dict[tuple[str, str], dict[str, CrimeCount]] = {}
    area_order: list[str] = []
    force_areas: set[str] = set()
    for count in combined.counts:
        slot = cells.setdefault((count.area, count.category), {})
        if count.role in slot:
            problems.append(warning(codes.CRIME_DUPLICATE, f"{count.category} for {count.area} is given more than once: "
                                    f"the first ({slot[count.role].location}) is used", count.location))
            continue
        slot[count.role] = count
        if count.area not in area_order:
            area_order.append(count.area)
        if count.is_force:
            force_areas.add(count.area)
    listed = [a.name for a in categories.areas_of(combined.force)]
    ordered = sorted(force_areas, key=area_order.index) + \
        [a for a in listed if a in area_order and a not in force_areas] + \
        [a for a in area_order if a not in force_areas and a not in listed]
    present = {cat for (_, cat) in cells}
    order = categories.names + sorted(present - set(categories.names))
    tables: list[CrimeTable] = []
    for area in ordered:
        rows = []
        for category in order:
            found = cells.get((area, category))
            if found is None:
                continue
            cur, prev = found.get(CURRENT), found.get(PREVIOUS)
            rows.append(CrimeRow(area, category, cur.count if cur else None, prev.count if prev else None,
                                 combined.current_period, combined.previous_period, area in force_areas,
                                 cur.location if cur else Location(), prev.location if prev else Location(),
                                 cur.held if cur else "", prev.held if prev else ""))
        tables.append(CrimeTable(area, area in force_areas, rows))
    known = {a.name for a in categories.areas_of(combined.force)}
    for table in tables:
        if known and not table.is_force and table.area not in known:
            problems.append(warning(codes.CRIME_AREA_UNKNOWN, f'"{table.area}" is not one of the areas listed for '
                                    f"{combined.force} in the {categories.source}",
                                    table.rows[0].current_location if table.rows else Location()))
    missing = [c for c in categories.names if c not in present]
    if missing and tables:
        problems.append(info(codes.CRIME_CATEGORY_ABSENT, "no figures in the inputs for: " + ", ".join(missing),
                             tables[0].rows[0].current_location if tables[0].rows else Location()))
    return tables, problems
