"""Checks of recorded crime figures: each finding a :class:`Problem` with the cell it is about.

**Stated change** (the force's own ``+2,736``): accepted only if it equals the
current count minus the previous one exactly — counts are whole numbers, so no
rounding can explain a different change.

**Stated % change — the tolerance rule.** Let *r* be the % change recomputed
from the counts, exactly (``100 × (current − previous) / previous``), and *s*
the stated %, shown to *d* decimal places (``13%`` → d = 0). The stated value
is accepted when ``|s − r| < 10^-d``: strictly less than one unit of the last
digit the force shows. That accepts every usual way of shortening *r* —
rounding half up or half to even (12.99 → 13), truncation towards zero
(−0.56 → −0, 9.51 → 9) and rounding away from zero (9.23 → 10) — and
nothing more: a stated value a whole unit or more from *r* cannot come from the
counts beside it and is flagged as a warning. In the seed's tables this flags
(all whole %): Sunderland Theft from the person 44 v 24 stated +85% (really
+83.3%), South Tyneside Theft from the person 15 v 9 +62% (+66.7%), Gateshead
Robbery 32 v 24 +35% (+33.3%), North Tyneside Robbery 16 v 14 +13% (+14.3%),
North Tyneside Sexual offences 71 v 65 +8% (+9.2%), North Tyneside Theft from
the person 15 v 15 +2% (0%), Northumberland Robbery 13 v 9 +50% (+44.4%) and
Northumberland Theft from the person 30 v 10 +205% (+200%); Force Wide Total
crime 23,796 v 21,060 +13% (12.99%) is accepted.

**Zero baseline:** a % change from zero has no meaning; the pack shows "n/a" and
a stated % beside a zero previous count is reported as information only.

**Sums:** for each category and period, the areas' counts plus any count not
assigned to an area (ONS ``Unassigned <force>`` rows) must equal the force's
count; any difference is reported with its size and direction. When the
category list says it is exhaustive, Total crime must also equal the sum of the
other categories.

Also: a listed category missing for an area that the force has, and a count
that is negative or not a whole number.
"""

from __future__ import annotations

import math

from pccdesk.crime import codes
from pccdesk.crime.categories import TOTAL, CategoryList, normalise
from pccdesk.crime.crime_model import (
    CURRENT,
    PREVIOUS,
    CrimeImport,
    CrimeRow,
    CrimeTable,
    StatedChange,
    signed,
)
from pccdesk.problems import Location, Problem, info, warning


def decimals_shown(value: float) -> int:
    """How many decimal places a stated figure shows (13.0 → 0, 12.5 → 1, 2.25 → 2)."""
    for d in range(0, 4):
        if abs(value * 10**d - round(value * 10**d)) < 1e-9:
            return d
    return 4


def stated_percent_accepted(stated: float, current: float, previous: float) -> bool | None:
    """Whether a stated % change can come from the counts (see the module's rule); None from a zero baseline."""
    if not previous:
        return None
    recomputed = 100.0 * (current - previous) / previous
    unit = 10.0 ** -decimals_shown(stated)
    return abs(stated - recomputed) < unit - 1e-9


def stated_change_accepted(stated: float, current: float, previous: float) -> bool:
    return math.isclose(stated, current - previous, abs_tol=1e-9)


def _pct(value: float) -> str:
    d = decimals_shown(value)
    sign = "+" if value > 0 else ""
    return f"{sign}{value:,.{d}f}%"


def check_stated(tables: list[CrimeTable], stated: list[StatedChange]) -> list[Problem]:
    rows = {(r.area, r.category): r for t in tables for r in t.rows}
    problems: list[Problem] = []
    for s in stated:
        row = rows.get((s.area, s.category))
        if row is None or row.current is None or row.previous is None:
            continue
        what = f"{s.area}, {s.category}"
        if s.change is not None and not stated_change_accepted(s.change, row.current, row.previous):
            problems.append(warning(codes.CRIME_STATED_CHANGE, f"{what}: the stated change {signed(s.change)} does not "
                                    f"match the counts ({_n(row.current)} against {_n(row.previous)} is "
                                    f"{signed(row.change)})", s.location))
        if s.change_percent is None:
            continue
        verdict = stated_percent_accepted(s.change_percent, row.current, row.previous)
        where = s.percent_location or s.location
        if verdict is None:
            problems.append(info(codes.CRIME_STATED_PERCENT_ZERO, f"{what}: a % change from a previous count of 0 has no "
                                 f"meaning; the stated {_pct(s.change_percent)} is shown as n/a", where))
        elif not verdict:
            exact = 100.0 * (row.current - row.previous) / row.previous
            problems.append(warning(codes.CRIME_STATED_PERCENT, f"{what}: the stated change {_pct(s.change_percent)} "
                                    f"cannot come from the counts ({_n(row.current)} against {_n(row.previous)} is "
                                    f"{exact:+,.1f}%; rounding or truncating explains up to 1 point)", where))
    return problems


def _n(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def check_sums(tables: list[CrimeTable], unassigned: dict[tuple[str, str], float]) -> list[Problem]:
    """Each category's area counts (plus unassigned) against the force's, for both periods."""
    force = next((t for t in tables if t.is_force), None)
    areas = [t for t in tables if not t.is_force]
    if force is None or not areas:
        return []
    problems: list[Problem] = []
    for frow in force.rows:
        for role, attr, period in ((CURRENT, "current", frow.current_period),
                                   (PREVIOUS, "previous", frow.previous_period)):
            force_value = getattr(frow, attr)
            if force_value is None:
                continue
            values = [getattr(r, attr) for t in areas for r in t.rows if r.category == frow.category]
            if not values or any(v is None for v in values):
                continue
            extra = unassigned.get((frow.category, role), 0.0)
            total = sum(values) + extra
            diff = total - force_value
            if abs(diff) < 1e-6:
                continue
            with_unassigned = f" (with {_n(extra)} not assigned to an area)" if extra else ""
            more = "more" if diff > 0 else "fewer"
            loc = frow.current_location if role == CURRENT else frow.previous_location
            problems.append(warning(codes.CRIME_SUM, f"{frow.category}, {period}: the {len(values)} areas add up to "
                                    f"{_n(total)}{with_unassigned}, {_n(abs(diff))} {more} than the force's "
                                    f"{_n(force_value)}", loc))
    return problems


def check_exhaustive(tables: list[CrimeTable]) -> list[Problem]:
    """When the list is exhaustive: Total crime against the sum of the other categories, per area and period."""
    problems: list[Problem] = []
    for table in tables:
        total = table.row(TOTAL)
        if total is None:
            continue
        for attr, period in (("current", total.current_period), ("previous", total.previous_period)):
            value = getattr(total, attr)
            parts = [getattr(r, attr) for r in table.rows if r.category != TOTAL]
            if value is None or not parts or any(p is None for p in parts):
                continue
            s = sum(parts)
            if abs(s - value) > 1e-6:
                loc = total.current_location if attr == "current" else total.previous_location
                problems.append(warning(codes.CRIME_TOTAL_PARTS, f"{table.area}, {period}: the categories add up to "
                                        f"{_n(s)} but Total crime is {_n(value)} (the list says its categories "
                                        "cover all crime)", loc))
    return problems


def check_counts(tables: list[CrimeTable]) -> list[Problem]:
    problems: list[Problem] = []
    for row in (r for t in tables for r in t.rows):
        for value, loc in ((row.current, row.current_location), (row.previous, row.previous_location)):
            if value is None:
                continue
            if value < 0:
                problems.append(warning(codes.CRIME_COUNT_NEGATIVE, f"{row.area}, {row.category}: a count cannot be "
                                        f"negative ({_n(value)})", loc))
            elif not float(value).is_integer():
                problems.append(warning(codes.CRIME_COUNT_FRACTION, f"{row.area}, {row.category}: a count must be a "
                                        f"whole number ({value:g})", loc))
    return problems


def check_missing(tables: list[CrimeTable]) -> list[Problem]:
    """A category the force has but an area does not (or a count left blank)."""
    force = next((t for t in tables if t.is_force), None)
    problems: list[Problem] = []
    wanted = [r.category for r in force.rows] if force else []
    for table in tables:
        have = {r.category: r for r in table.rows}
        for category in wanted:
            if category not in have:
                problems.append(warning(codes.CRIME_CATEGORY_MISSING, f"{table.area} has no figures for {category}",
                                        table.rows[0].current_location if table.rows else Location()))
        whole = _period_missing_for_area(table)
        if whole is not None:
            problems.append(whole)
            continue
        for row in table.rows:
            blanks = [f"{p} ({held_text(held)})" for p, v, held in
                      ((row.current_period, row.current, row.current_held),
                       (row.previous_period, row.previous, row.previous_held))
                      if v is None and p != "not available"]
            if blanks:
                problems.append(warning(codes.CRIME_COUNT_MISSING, f"{row.area}, {row.category}: no count for "
                                        + " or ".join(blanks), row.current_location if row.current is None
                                        else row.previous_location))
    return problems


#: The marks ONS and the Home Office put in a table's cell instead of a figure, and what their own notes say
#: they mean (the Government Statistical Service's symbols: "[x]" not available, "[c]" confidential, "[z]" not
#: applicable; ".." not available, in the older tables).
MARK_MEANINGS = {
    "[x]": "not available",
    "..": "not available",
    "[c]": "confidential: held back so that no one can be identified",
    "[z]": "not applicable",
}


def held_text(held: str) -> str:
    """What a cell with no count held, for a message: blank, or its text and, for a mark ONS defines, what the
    mark means; any other mark is only quoted (its meaning is in the table's own notes, not guessed here)."""
    if not held:
        return "the cell is blank"
    meaning = MARK_MEANINGS.get(held.strip().lower())
    if meaning:
        return f'the cell holds "{held}", ONS\'s mark for {meaning}'
    return f'the cell holds "{held}", not a figure; the table\'s notes say what it means'


def _period_missing_for_area(table: CrimeTable) -> Problem | None:
    """One warning, naming where the other period's figures are, for an area with no figure at all in one
    period (an area renamed, merged or new between two editions), instead of one per category."""
    rows = table.rows
    if table.is_force or len(rows) < 2:
        return None
    for missing, given in (("current", "previous"), ("previous", "current")):
        period = getattr(rows[0], f"{missing}_period")
        if period == "not available" or any(getattr(r, missing) is not None for r in rows):
            continue
        found = next((getattr(r, f"{given}_location") for r in rows if getattr(r, given) is not None), None)
        if found is None:
            return None
        return warning(codes.CRIME_COUNT_MISSING, f"{table.area} has no figures at all for {period}, only for "
                       f"{getattr(rows[0], f'{given}_period')}: if the area was renamed, merged or split between "
                       "the two, compare it by hand; its changes are shown as n/a", found)
    return None


def run_checks(tables: list[CrimeTable], stated: list[StatedChange], unassigned: dict[tuple[str, str], float],
               exhaustive: bool) -> list[Problem]:
    """Every check, in the order a reader wants them: sums, stated figures, then the counts themselves."""
    problems = check_sums(tables, unassigned) + check_stated(tables, stated) + check_counts(tables) \
        + check_missing(tables)
    if exhaustive:
        problems += check_exhaustive(tables)
    return problems


def biggest_rises(tables: list[CrimeTable], n: int = 3) -> list[CrimeRow]:
    """The force's largest rises by count (what panel members ask about first)."""
    force = next((t for t in tables if t.is_force), None)
    rows = [r for r in (force.rows if force else []) if r.change is not None and r.category != TOTAL]
    return sorted(rows, key=lambda r: r.change or 0, reverse=True)[:n]


def force_named_by_list(result: CrimeImport, categories: CategoryList, force_label: str | None,
                        force_name: str | None) -> list[Problem]:
    """Warn when the force's name is only the list's guess: the table says "Force Wide", no ``--force`` was
    given, and none of its areas is one of the listed force's. Another force's workbook read with the shipped
    list (Northumbria's) would otherwise be printed as Northumbria's figures."""
    if force_label is None or force_name is None or normalise(force_label) == normalise(force_name):
        return []
    listed = {a.name for a in categories.areas_of(force_name)}
    areas = {c.area for c in result.counts if c.area != force_label}
    if any(categories.area_name(a, force_name) in listed for a in areas):
        return []
    where = next(c.location for c in result.counts if c.area == force_label)
    return [warning(codes.CRIME_FORCE_FROM_LIST, f'the table calls its force only "{force_label}" and none of its '
                    f"areas is one of {force_name}'s, so {force_name} comes from the category list "
                    f"({categories.source}), not from the file: if these are another force's figures, run again "
                    'with --force "NAME" (or your own --categories list)', where)]
