"""Counting the records of one or more extracts into the comparison: which force, which months, which areas.

**One force.** Records are kept apart by force ("Falls within", "Force"):
``--force`` (a name or a GSS code) picks one; records of several forces
without ``--force`` stop the run, naming the forces, since merging them would
give one table of two forces' crimes.

**Whole months, like for like.** The months present are known for each
compared period. A month with no records in either year is left out of both
years (so the two still compare like for like), with a warning naming it;
when no month is left in both years the run stops, naming the months. Without
any previous-year records the current period counts its months present and the
previous period is not available. A month with under half the records per day
of the usual month is flagged as possibly partial.

**Areas.** data.police.uk's LSOA names ("County Durham 001A") give the local
authority; the ONS lookup (:mod:`pccdesk.crime.force_identity`) says which
community safety partnership and force it belongs to. Crimes in another
force's districts are one "Outside the force area" table, crimes with no
location one "No location" table, each with a note of how many; both count in
the force's total, so the areas still add up to it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from pccdesk.crime import codes
from pccdesk.crime.categories import TOTAL, CategoryList
from pccdesk.crime.crime_model import CURRENT, PREVIOUS, CrimeCount, CrimeImport
from pccdesk.crime.extract_categories import (
    MAX_OWN_CATEGORIES,
    not_split_note,
    police_uk_categories,
    resolver,
)
from pccdesk.crime.extract_dates import (
    Periods,
    choose_periods,
    day_number,
    day_of_number,
    month_label,
    month_list,
    month_number,
    month_start,
    months_between,
)
from pccdesk.crime.extract_reading import LoadedExtract
from pccdesk.crime.force_identity import AreaLookup, force_key, gss_code, same_force, shipped_lookup
from pccdesk.problems import Location, PccdeskError, Problem, info, warning

NO_LOCATION = "No location"
OUTSIDE = "Outside the force area"
_LSOA_SUFFIX = re.compile(r"\s+\d{3}[A-Z]$")
#: A month with fewer records per day than this share of the median month is flagged as possibly partial.
PARTIAL_SHARE = 0.5
#: A crime type with crimes in one period only is flagged from this many (any number when another type has
#: crimes in the other period only: the two look like one type renamed).
ONE_PERIOD_AT_LEAST = 10


def count_extracts(extracts: list[LoadedExtract], categories: CategoryList, *, force: str | None = None,
                   period: str | None = None) -> CrimeImport:
    """Count the crimes of one or more extracts together (e.g. twelve monthly files) for the two periods."""
    first = extracts[0]
    where = first.where if len(extracts) == 1 else \
        Location(f"{first.path.name} … {extracts[-1].path.name} ({len(extracts)} files)")
    if all(e.cols.is_police_uk for e in extracts) and categories.source == "shipped list":
        categories = police_uk_categories(categories)
    lookup = shipped_lookup()
    day_force = [_by_day_and_force(e) for e in extracts]  # small: what the checks below need, in one pass
    force_name, keep = _choose_force(extracts, day_force, force, categories, lookup, where)
    result = CrimeImport(first.path, force_name, "", None, shape="record-level extract")
    for extract in extracts:
        result.problems.extend(extract.problems)

    _overlapping_files(extracts, day_force, keep, result.problems)
    by_month: Counter[int] = Counter()
    days: set[int] = set()
    for counted in day_force:
        for day, force_cell in counted:
            if keep(force_cell):
                days.add(day)
    month_of = {day: month_number(day) for day in days}
    for counted in day_force:
        for (day, force_cell), n in counted.items():
            if day in month_of and keep(force_cell):
                by_month[month_of[day]] += n
    if not days:
        raise PccdeskError("no crime records with a date were found", where, code="crime-no-records")
    months_only = any(e.months_only for e in extracts)
    earliest, latest = day_of_number(min(days)), day_of_number(max(days))
    if months_only:
        latest = month_start(latest, -1) - dt.timedelta(days=1)
    periods = choose_periods(latest, period or "fytd")
    excluded, has_previous, labels = _months_compared(periods, by_month, where, result.problems)
    result.current_period, previous_label = labels
    result.previous_period = previous_label if has_previous else None
    result.current_span = periods.current
    files = f" in {len(extracts)} files" if len(extracts) > 1 else ""
    result.problems.append(info("crime-periods-used", f"compared {result.current_period} with "
                                f"{previous_label if has_previous else 'nothing (no records a year earlier)'} "
                                f"({periods.kind}); the data{files} run from {earliest:%d %b %Y} to "
                                f"{latest:%d %b %Y}", where))
    result.problems.extend(_partial_months(by_month, earliest, latest, months_only, where))

    current = (day_number(periods.current[0]), day_number(periods.current[1]))
    previous = (day_number(periods.previous[0]), day_number(periods.previous[1]))
    role_of: dict[int, str] = {}
    for day, month in month_of.items():
        if month in excluded:
            continue
        if current[0] <= day <= current[1]:
            role_of[day] = CURRENT
        elif has_previous and previous[0] <= day <= previous[1]:
            role_of[day] = PREVIOUS

    listed = [c for c in categories.names if c != TOTAL]
    force_code = (lookup.force(force_name) or (None, None))[0] if force_name else None
    grouped: Counter[tuple[str, str | None, str | None]] = Counter()  # (role, area, category) → records
    seen: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    unknown_places: Counter[str] = Counter()
    by_category_month: Counter[tuple[int, str | None]] = Counter()
    untyped: Counter[str] = Counter()  # file → crimes in the compared periods with a blank category cell
    for extract in extracts:
        by_code = "category" not in extract.cols.columns
        category_of = _cached(resolver(by_code, categories))
        area_of = _area_resolver(extract, categories, force_name, force_code, lookup, outside, unknown_places)
        kept: dict[Any, bool] = {}
        for (day, cat, area, force_cell), n in extract.counts.items():
            keep_it = kept.get(force_cell)
            if keep_it is None:
                keep_it = kept[force_cell] = keep(force_cell)
            if not keep_it:
                continue
            name = category_of(cat)
            if name is not None:
                seen[name] += n
            role = role_of.get(day)
            if role is not None:
                grouped[(role, area_of(area), name)] += n
                if name is None and _blank(cat):
                    untyped[extract.path.name] += n
            by_category_month[(month_of[day], name)] += n
    shown = _shown_categories(listed, seen, extracts, categories, where, result.problems)
    result.monthly = _monthly_series(by_category_month, shown, by_month, earliest, latest, months_only)
    result.rows_read = sum(grouped.values())
    _add_counts(result, grouped, shown, force_name or "Force", has_previous, where)
    result.problems.extend(_untyped(untyped, extracts, where))
    result.problems.extend(_other_forces(day_force, keep, where))
    result.problems.extend(_reported_by_others(extracts, keep, role_of, {CURRENT: result.current_period,
                                                                         PREVIOUS: previous_label}))
    if has_previous:
        result.problems.extend(_one_period_categories(grouped, shown, labels, where))
    _area_notes(result, grouped, outside, unknown_places, force_name, force_code, extracts, where)
    return result


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or not str(value).strip()


def _untyped(untyped: Counter[str], extracts: list[LoadedExtract], where: Location) -> list[Problem]:
    """Crimes whose category cell is blank count in Total crime only: say how many, where, and what it risks.

    A street file's record with no crime type cannot be told from anti-social behaviour (which is not a
    crime) when it has no Crime ID either, so Total crime may be too high by up to that many."""
    if not untyped:
        return []
    first = extracts[0].cols
    column = first.headings[first.columns["category"] if "category" in first.columns else first.columns["code"]]
    files = ", ".join(f"{name} ({n:,})" for name, n in sorted(untyped.items()))
    total = sum(untyped.values())
    return [warning(codes.CRIME_CATEGORY_BLANK, f'{total:,} crimes in the periods compared have no "{column}" '
                    f"({files}): they count in Total crime but in no category. A record with no crime type "
                    "may be anti-social behaviour, which is not a crime, so Total crime may be too high by up to "
                    f"{total:,}: fill in their crime type in the file, or check them with whoever sent it", where)]


def _other_forces(day_force: list[Counter[tuple[int, Any]]], keep: Callable[[Any], bool],
                  where: Location) -> list[Problem]:
    """Records of other forces left out by ``--force``: said, with how many, so none goes missing unseen."""
    left: Counter[str] = Counter()
    for counted in day_force:
        for (_, cell), n in counted.items():
            if not keep(cell):
                left[str(cell).strip() if cell is not None and str(cell).strip() else "no force named"] += n
    if not left:
        return []
    named = ", ".join(f"{name} ({n:,})" for name, n in left.most_common())
    return [info(codes.CRIME_OTHER_FORCES_LEFT_OUT, f"records of other forces are left out: {named}", where)]


def _reported_by_others(extracts: list[LoadedExtract], keep: Callable[[Any], bool],
                        role_of: dict[int, str], labels: dict[str, str]) -> list[Problem]:
    """Counted records another force reported (data.police.uk's "Reported by" is not the "Falls within"): said
    per file, with how many, by whom, and how many of them are in the periods compared.

    British Transport Police's street files name the geographic force a crime falls within; added to that
    force's own extract, their records would otherwise pass as the force's recorded crime, which the Home
    Office and ONS count under British Transport Police instead. They are still counted (they are the crimes
    of the files given, and police.uk shows them in the area), never silently."""
    problems: list[Problem] = []
    for extract in extracts:
        by_reporter: Counter[str] = Counter()
        compared: Counter[str] = Counter()
        same: dict[tuple[Any, Any], bool] = {}
        for (day, force_cell, reporter), n in extract.reported.items():
            if not keep(force_cell):
                continue
            pair = (force_cell, reporter)
            if pair not in same:
                same[pair] = same_force(str(force_cell or ""), str(reporter))
            if same[pair]:
                continue  # two spellings of one force ("Durham" and "Durham Constabulary")
            by_reporter[str(reporter).strip()] += n
            if day in role_of:
                compared[role_of[day]] += n
        if not by_reporter:
            continue
        total = sum(by_reporter.values())
        named = ", ".join(f"{name} ({n:,})" for name, n in by_reporter.most_common())
        heading = extract.cols.headings[extract.cols.columns["reporter"]]
        falls = extract.cols.headings[extract.cols.columns["force"]]
        within = " and ".join(f"{compared[role]:,} in {labels[role]}" for role in (CURRENT, PREVIOUS)
                              if compared[role]) or "none in the periods compared"
        problems.append(warning(
            codes.CRIME_REPORTED_BY_OTHER_FORCE,
            f'{total:,} crimes counted were reported by another force ("{heading}": {named}), '
            f'not by the force they fall within ("{falls}"): {within}. They are counted, but they are not the '
            "force's own recorded crime (the Home Office and ONS count them under the force that reported them), "
            "so each period's figures are higher than the force's own by that many. "
            "If the figures must be the force's own, leave that force's file out (or remove its rows); keep them "
            "only knowingly", extract.where))
    return problems


def _one_period_categories(grouped: Counter[tuple[str, str | None, str | None]], shown: list[str],
                           labels: tuple[str, str], where: Location) -> list[Problem]:
    """Categories with crimes in one compared period and none at all in the other, force-wide.

    Usually a crime type renamed or split between the years (data.police.uk's "Violent crime" became
    "Violence and sexual offences"): the rise from 0 and the fall to 0 are a new name, not a change in crime."""
    by_role: dict[str, Counter[str | None]] = {CURRENT: Counter(), PREVIOUS: Counter()}
    for (role, _, category), n in grouped.items():
        by_role[role][category] += n
    only = [(c, by_role[CURRENT][c], by_role[PREVIOUS][c]) for c in shown
            if bool(by_role[CURRENT][c]) != bool(by_role[PREVIOUS][c])]
    renamed = any(now for _, now, _ in only) and any(before for _, _, before in only)
    if not renamed:  # one side only: a handful (3 bicycle thefts against none) is an ordinary small count
        only = [(c, now, before) for c, now, before in only if now + before >= ONE_PERIOD_AT_LEAST]
    if not only:
        return []
    parts = [f"{c} ({now:,} in {labels[0]}, none in {labels[1]})" if now else
             f"{c} (none in {labels[0]}, {before:,} in {labels[1]})" for c, now, before in only]
    return [warning(codes.CRIME_CATEGORY_ONE_PERIOD, "crime types with crimes in only one of the two periods: "
                    + "; ".join(parts) + ". If the extracts renamed or split a crime type between the years, "
                    "these changes are a new name, not a change in crime: compare them together by hand", where)]


def _monthly_series(by_category_month: Counter[tuple[int, str | None]], shown: list[str], by_month: Counter[int],
                    earliest: dt.date, latest: dt.date, months_only: bool) -> dict[str, list[tuple[str, int]]]:
    """The force's whole months, per shown category and in total, from the first month with records to the last.

    A month the data start or end part-way through is left out (it would show as a fall, and at the end of
    the series as a special cause); a month with no records at all inside the span is a gap the SPC chart
    starts after, never a 0. A category with no record in a covered month had none there: 0 is a count.
    """
    months = sorted(by_month)
    if not months:
        return {}
    first, last = months[0], months[-1]
    if not months_only:
        if earliest.day != 1:
            first += 1
        if (latest + dt.timedelta(days=1)).day != 1:
            last -= 1
    span = [m for m in range(first, last + 1)]
    if not span:
        return {}

    def label(month: int) -> str:
        return f"{month // 12:04d}-{month % 12 + 1:02d}"

    series: dict[str, list[tuple[str, int]]] = {}
    for category in shown:
        series[category] = [(label(m), by_category_month.get((m, category), 0)) for m in span if by_month.get(m)]
    series[TOTAL] = [(label(m), by_month[m]) for m in span if by_month.get(m)]
    return series


def _by_day_and_force(extract: LoadedExtract) -> Counter[tuple[int, Any]]:
    """An extract's records by (day, force cell): a few thousand keys where its counts have tens of thousands."""
    counted: Counter[tuple[int, Any]] = Counter()
    for (day, _, _, force_cell), n in extract.counts.items():
        counted[day, force_cell] += n
    return counted


def _overlapping_files(extracts: list[LoadedExtract], day_force: list[Counter[tuple[int, Any]]],
                       keep: Callable[[Any], bool], problems: list[Problem]) -> None:
    """Two files with records of the chosen force on the same days would be added together.

    data.police.uk publishes one file per force and month, so two of its files for the same month are the
    same records twice: the run stops. A force's own extracts may be split by area or offence, so there the
    overlap is a warning naming the files and months.
    """
    first_file: dict[int, LoadedExtract] = {}
    clashes: dict[tuple[int, int], set[int]] = {}
    for i, extract in enumerate(extracts):
        for day in {day for day, force_cell in day_force[i] if keep(force_cell)}:
            earlier = first_file.setdefault(day, extract)
            if earlier is not extract:
                clashes.setdefault((extracts.index(earlier), i), set()).add(month_number(day))
    for (a, b), months in clashes.items():
        one, other = extracts[a], extracts[b]
        named = ", ".join(month_label(m) for m in sorted(months))
        if one.cols.is_police_uk and other.cols.is_police_uk:
            raise PccdeskError(f"{one.path.name} and {other.path.name} both hold {named}: the same month would be "
                               "counted twice; give each month once", Location.of(other.path),
                               code=codes.CRIME_FILES_OVERLAP)
        problems.append(warning(codes.CRIME_FILES_MAY_OVERLAP,
                                f"{one.path.name} and {other.path.name} both have records for {named}: if they are "
                                "the same records those months are counted twice", Location.of(other.path)))


def _choose_force(extracts: list[LoadedExtract], day_force: list[Counter[tuple[int, Any]]], force: str | None,
                  categories: CategoryList, lookup: AreaLookup, where: Location
                  ) -> tuple[str | None, Callable[[Any], bool]]:
    """The force counted and which force cells are its records; several forces without ``--force`` stop."""
    found: dict[frozenset[str], Counter[str]] = {}
    for counted in day_force:
        for (_, cell), n in counted.items():
            text = str(cell).strip() if cell is not None else ""
            if text:
                found.setdefault(force_key(text), Counter())[text] += n
    names = {key: spellings.most_common(1)[0][0] for key, spellings in found.items()}
    totals = {key: sum(spellings.values()) for key, spellings in found.items()}
    listing = ", ".join(f"{names[k]} ({totals[k]:,})" for k in sorted(names, key=lambda k: -totals[k]))
    wanted = None if force is None or force.strip().lower() == "all" else force.strip()
    if wanted is None:
        if len(names) > 1:
            raise PccdeskError(f"the records are of {len(names)} forces, {listing}: choose one with --force NAME "
                               "(forces are never merged into one table)", where, code="crime-several-forces")
        if names:
            return next(iter(names.values())), lambda cell: True
        return _force_from_areas(extracts, categories), lambda cell: True
    code = gss_code(wanted)
    target = (lookup.force(code) or (code, wanted))[1] if code else wanted
    keys = {k for k, name in names.items() if same_force(name, target)}
    if not names:
        return (categories.force(target) or target), lambda cell: True
    if not keys:
        raise PccdeskError(f'no records of "{force}" in the files: they hold {listing}', where,
                           code="crime-force-missing")
    cache: dict[Any, bool] = {}

    def keep(cell: Any) -> bool:
        hit = cache.get(cell)
        if hit is None:
            text = str(cell).strip() if cell is not None else ""
            hit = cache[cell] = bool(text) and force_key(text) in keys
        return hit

    return names[next(iter(keys))], keep


def _force_from_areas(extracts: list[LoadedExtract], categories: CategoryList) -> str | None:
    """Without a force column: the listed force whose areas the records name, else None."""
    areas = {str(area).strip() for e in extracts for (_, _, area, _) in e.counts if area is not None}
    for force in categories.forces:
        known = {a.name for a in categories.areas_of(force)}
        if known and any(categories.area_name(a, force) in known for a in areas):
            return force
    return None


def _months_compared(periods: Periods, by_month: Counter[int], where: Location, problems: list[Problem]
                     ) -> tuple[set[int], bool, tuple[str, str]]:
    """The months left out, whether there is a previous year, and the two period labels."""
    current = months_between(*periods.current)
    previous = months_between(*periods.previous)
    has_previous = any(by_month.get(m) for m in previous)
    if has_previous:
        missing = [m for m in current if not by_month.get(m) or not by_month.get(m - 12)]
        absent = [m for m in current + previous if not by_month.get(m)]
        if len(missing) == len(current):
            raise PccdeskError(f"nothing can be compared like for like: no month of {periods.current_label} has "
                               f"records in both years (none for {month_list(absent)})", where,
                               code="crime-nothing-comparable")
        excluded = set(missing) | {m - 12 for m in missing}
        if missing:
            problems.append(warning(
                "crime-month-missing", f"no records for {month_list(absent)}: {month_list(missing)} and "
                f"{month_list(m - 12 for m in missing)} are left out of both years so that they compare like for "
                f"like ({len(current) - len(missing)} of {len(current)} months compared)", where))
    else:
        missing = [m for m in current if not by_month.get(m)]
        excluded = set(missing)
        if missing:
            problems.append(warning("crime-month-missing", f"no records for {month_list(missing)}: the current "
                                    "period counts only the months it has", where))
        problems.append(warning("crime-previous-not-covered", f"no records in {periods.previous_label}: the "
                                "previous period is shown as not available", where))
    return excluded, has_previous, (_label(periods.current, current, excluded),
                                    _label(periods.previous, previous, excluded))


def _label(span: tuple[dt.date, dt.date], months: list[int], excluded: set[int]) -> str:
    """The period's label, starting at its first month compared and naming any month left out inside it."""
    kept = [m for m in months if m not in excluded]
    start = span[0]
    if kept and kept[0] != months[0]:
        start = dt.date(kept[0] // 12, kept[0] % 12 + 1, 1)
    inside = [m for m in months if m in excluded and kept and m > kept[0]]
    label = Periods.label((start, span[1]))
    return label + (f" (without {month_list(inside)})" if inside else "")


def _partial_months(by_month: Counter[int], earliest: dt.date, latest: dt.date, months_only: bool,
                    where: Location) -> list[Problem]:
    """Months with under half the usual records per day (the days of each month the data cover)."""
    if len(by_month) < 3:
        return []
    rates: dict[int, float] = {}
    for month, n in by_month.items():
        first = dt.date(month // 12, month % 12 + 1, 1)
        last = month_start(first, -1) - dt.timedelta(days=1)
        if not months_only:
            first, last = max(first, earliest), min(last, latest)
        rates[month] = n / max((last - first).days + 1, 1)
    import statistics  # here: a slow import (fractions, decimals), needed only for a record extract

    usual = statistics.median(rates.values())
    low = [m for m, rate in rates.items() if rate < PARTIAL_SHARE * usual]
    if not low:
        return []
    shown = ", ".join(f"{month_label(m)} ({by_month[m]:,})" for m in sorted(low))
    return [warning("crime-month-partial", f"possibly incomplete: {shown} has under half the records per day of "
                    "the usual month in the data; check the extract before relying on its figures", where)]


def _cached(function: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
    cache: dict[Any, str | None] = {}

    def cached(value: Any) -> str | None:
        if value in cache:
            return cache[value]
        found = cache[value] = function(value)
        return found

    return cached


def _area_resolver(extract: LoadedExtract, categories: CategoryList, force: str | None, force_code: str | None,
                   lookup: AreaLookup, outside: Counter[str], unknown: Counter[str]) -> Callable[[Any], str | None]:
    """Cell → area table name (or None: the force total only, for a force the lookup does not know)."""
    lsoa = extract.cols.area_is_lsoa
    listed_force = categories.force(force) if force else None
    pfa = next((a.pfa for a in lookup.districts(force_code)), None) if force_code else None
    area_force = listed_force or pfa or force
    cache: dict[Any, str | None] = {}

    def area_of(value: Any) -> str | None:
        if value in cache:
            return cache[value]
        text = re.sub(r"\s+", " ", str(value)).strip() if value is not None else ""
        name: str | None
        if not text:
            name = NO_LOCATION
        elif not lsoa:
            name = categories.area_name(text, area_force)
        elif force_code is None:
            name = None
        else:
            place = _LSOA_SUFFIX.sub("", text)
            district = lookup.district(place)
            if district is None:
                unknown[place] += 0
                name = categories.area_name(place, area_force)
            elif district.pfa_code != force_code:
                name = OUTSIDE
                outside[place] += 0
            else:
                name = categories.area_name(district.csp, area_force)
        cache[value] = name
        return name

    return area_of


def _shown_categories(listed: list[str], seen: Counter[str], extracts: list[LoadedExtract],
                      categories: CategoryList, where: Location, problems: list[Problem]) -> list[str]:
    """The categories given a row: every listed one the source splits, and the source's own ones."""
    by_code = any("category" not in e.cols.columns for e in extracts)
    whole_list = by_code or categories.source.startswith("data.police.uk")
    shown = list(listed) if whole_list else [c for c in listed if c in seen]
    own = sorted((c for c in seen if c not in listed), key=lambda c: -seen[c])
    if own and len(own) <= MAX_OWN_CATEGORIES:
        shown += sorted(own)
        problems.append(info("crime-category-own", "categories not in the list are shown as the file names "
                             "them: " + ", ".join(f"{c} ({seen[c]:,})" for c in own[:8])
                             + (" …" if len(own) > 8 else ""), where))
    elif own:
        problems.append(info("crime-category-unlisted", f"{len(own)} categories not in the list (e.g. "
                             + ", ".join(own[:5]) + ") count in Total crime only", where))
    if not whole_list and all(e.cols.is_police_uk for e in extracts):
        note = not_split_note(categories, set(seen))
        if note:
            problems.append(info("crime-category-not-split", note, where))
    return shown


def _add_counts(result: CrimeImport, grouped: Counter[tuple[str, str | None, str | None]], shown: list[str],
                force: str, has_previous: bool, where: Location) -> None:
    areas = sorted({a for (_, a, _) in grouped if a is not None},
                   key=lambda a: (a in (OUTSIDE, NO_LOCATION), a == NO_LOCATION, a))
    area_tables = bool(areas)
    for role in (CURRENT, PREVIOUS) if has_previous else (CURRENT,):
        for area in [*areas, None]:
            cells = {cat: n for (r, a, cat), n in grouped.items() if r == role and a == area}
            if area is None:
                if area_tables:
                    for cat in shown:
                        if cells.get(cat):
                            result.unassigned[(cat, role)] = float(cells[cat])
                    if sum(cells.values()):
                        result.unassigned[(TOTAL, role)] = float(sum(cells.values()))
                continue
            for cat in shown:
                result.counts.append(CrimeCount(area, cat, role, float(cells.get(cat, 0)), where))
            result.counts.append(CrimeCount(area, TOTAL, role, float(sum(cells.values())), where))
        whole = Counter[str | None]()
        for (r, _, category), n in grouped.items():
            if r == role:
                whole[category] += n
        for cat in shown:
            result.counts.append(CrimeCount(force, cat, role, float(whole.get(cat, 0)), where, True))
        result.counts.append(CrimeCount(force, TOTAL, role, float(sum(whole.values())), where, True))


def _area_notes(result: CrimeImport, grouped: Counter[tuple[str, str | None, str | None]], outside: Counter[str],
                unknown: Counter[str], force: str | None, force_code: str | None, extracts: list[LoadedExtract],
                where: Location) -> None:
    by_area: Counter[str | None] = Counter()
    for (_, area, _), n in grouped.items():
        by_area[area] += n
    if by_area.get(NO_LOCATION):
        result.problems.append(info("crime-no-location", f"{by_area[NO_LOCATION]:,} crimes in the periods compared "
                                    f'have no location: they count in the force total and are shown as "{NO_LOCATION}"',
                                    where))
    if by_area.get(OUTSIDE):
        result.problems.append(info("crime-outside-force-area", f"{by_area[OUTSIDE]:,} crimes in the periods "
                                    f"compared lie in {len(outside)} local authorities outside {force} (e.g. "
                                    + ", ".join(sorted(outside)[:5]) + f'): shown as one "{OUTSIDE}" row',
                                    where))
    if unknown:
        result.problems.append(warning("crime-area-not-in-lookup", f"{len(unknown)} places are in no district of "
                                       "the local authority lookup (e.g. " + ", ".join(sorted(unknown)[:5])
                                       + "): each is shown as its own area; a newer lookup may know them "
                                       "(see templates/crime-area-lookup.csv)", where))
    if force_code is None and any(e.cols.area_is_lsoa for e in extracts):
        result.problems.append(info("crime-areas-unknown-force", f"the local areas of {force or 'the force'} are "
                                    "not in the local authority lookup: only the force's own table is shown",
                                    where))

