"""The recorded-crime section of the panel pack, and the crime-only workbook of ``pccdesk crime``.

:func:`build_crime_section` is the one entry point: ``pccdesk pack --crime``,
``pccdesk crime`` and the app all call it. It reads every input (whatever its
shape), combines them into one comparison, recomputes every change, runs the
checks, and returns a :class:`CrimeSection` that writes its sheets and its
``Crime`` table into any :class:`PackWorkbook`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from pccdesk.crime import codes
from pccdesk.crime.all_forces import all_forces, inputs_of, split_inputs, territorial_notes
from pccdesk.crime.categories import CategoryList, load_categories
from pccdesk.crime.crime_checks import run_checks
from pccdesk.crime.crime_model import CrimeImport, CrimeTable
from pccdesk.crime.crime_tables import build_tables, combine
from pccdesk.crime.extract_reading import Layouts
from pccdesk.crime.record_extracts import LoadedExtract
from pccdesk.problems import Location, PccdeskError, Problem, Severity, info, warning
from pccdesk.readers.codes import FILE_MISSING
from pccdesk.readers.options import ReadOptions
from pccdesk.readers.workbook_reader import WorkbookData
from pccdesk.records import record

if TYPE_CHECKING:  # the HTML copy is written only when asked for: its module (and html) is imported then
    from pccdesk.writers.html_pack import HtmlPack
    from pccdesk.writers.pack_workbook import PackWorkbook

#: What writing the section needs (xlsxwriter and the sheet writers): imported while the first file is read
#: (:func:`pccdesk.readers.isolation.while_reading`), not before.
WRITING_MODULES = ("pccdesk.crime.crime_sheets", "pccdesk.crime.crime_spc_sheet", "pccdesk.writers.data_quality",
                   "pccdesk.writers.safe_output")

Progress = Callable[[str, float], None]
TITLE = "Recorded crime"
#: How an extract's column mapping is stored in the mapping profiles (``crime-column:date`` → heading).
COLUMN_KEY = "crime-column:"
log = logging.getLogger("pccdesk.crime")


@record
class CrimeSection:
    """A :class:`pccdesk.pack_sections.PackSection` for recorded crime."""

    tables: list[CrimeTable]
    problems: list[Problem]
    categories: CategoryList
    imports: list[CrimeImport] = field(default_factory=list)
    title: str = TITLE

    @property
    def force(self) -> str | None:
        return next((t.area for t in self.tables if t.is_force), None)

    @property
    def forces(self) -> list[str]:
        """Every force with tables (several with ``--force all``)."""
        return [t.area for t in self.tables if t.is_force]

    @property
    def periods(self) -> tuple[str, str]:
        first = next((t.rows[0] for t in self.tables if t.rows), None)
        return (first.current_period, first.previous_period) if first else ("", "")

    def write_sheets(self, pack: PackWorkbook) -> None:
        from pccdesk.crime.crime_sheets import write_area_sheets
        from pccdesk.crime.crime_spc_sheet import write_crime_spc_sheets

        write_area_sheets(pack, self.tables, self.categories, "Comparison of recorded crime")
        write_crime_spc_sheets(pack, self.imports)

    def write_data(self, pack: PackWorkbook) -> None:
        from pccdesk.crime.crime_sheets import write_crime_table

        write_crime_table(pack, self.tables)

    def write_html(self, html: HtmlPack) -> None:
        from pccdesk.crime.crime_html import write_crime_html

        write_crime_html(html, self.tables, "Comparison of recorded crime")


def read_crime_file(path: Path, categories: CategoryList, *, force: str | None = None, period: str | None = None,
                    password: str | None = None, remembered: Mapping[str, str] | None = None) -> CrimeImport:
    """Read one input in whichever shape it is: record-level extract, national table, long table or blocks."""
    from pccdesk.crime.record_extracts import count_extracts

    found = _counts_of(_open_input(Path(path), password=password, remembered=remembered), categories, force)
    if isinstance(found, LoadedExtract):
        return count_extracts([found], categories, force=force, period=period)
    return found


Opened = LoadedExtract | WorkbookData  # the same as pccdesk.crime.all_forces.Opened


def _open_input(path: Path, *, password: str | None, remembered: Mapping[str, str] | None,
                options: ReadOptions | None = None, layouts: Layouts | None = None) -> Opened:
    """An extract's records (streamed and grouped) or a table's workbook, each file read once."""
    from pccdesk.crime import record_extracts
    from pccdesk.readers.workbook_reader import read_workbook

    if password is None and options is not None:
        password = options.password_for(path)
    if not path.is_file():
        raise PccdeskError("the file does not exist", Location.of(path), code=FILE_MISSING)
    loaded = record_extracts.open_extract(path, password=password, remembered=remembered, layouts=layouts)
    return loaded if loaded is not None else read_workbook(path, password=password)


def _counts_of(opened: Opened, categories: CategoryList, force: str | None) -> CrimeImport | LoadedExtract:
    """A table's counts for ``force``, or an extract's records still to be counted (extracts are counted together)."""
    from pccdesk.crime.national_tables import read_national
    from pccdesk.crime.summary_tables import read_blocks, read_long

    if isinstance(opened, LoadedExtract):
        return opened
    for reader in (read_national, read_long, read_blocks):
        found = reader(opened, categories, force)
        if found is not None and found.counts:
            return found
    raise PccdeskError("no recorded crime table was found: expected blocks per area (a title, a heading with two "
                       "periods, a row per category), a long table (area, category, current, previous), a national "
                       "table (areas as rows, categories as columns) or one row per crime (for an extract whose headings "
                       'are not recognised, name them once: --column date="…" --column category="…" --column '
                       'area="…")',
                       opened.location(), code=codes.CRIME_TABLE_MISSING)


def build_crime_section(files: list[Path], *, force: str | None = None, categories: Path | None = None,
                        password: str | None = None, progress: Progress | None = None,
                        period: str | None = None, remembered: Mapping[str, str] | None = None,
                        db: Path | str | None = None, pack_period: str | None = None,
                        options: ReadOptions | None = None) -> CrimeSection:
    """Read, combine, recompute and check the crime inputs; the section keeps its problems rather than raising.

    An input that cannot be used at all becomes an error in ``problems`` so that
    the rest of the pack is still built; with no usable input at all the
    section has no tables. ``period`` is ``fytd`` (default), ``quarter`` or
    ``rolling-12`` for record-level extracts. Extract columns named once with
    ``--column`` are given as ``remembered``, or looked up in the history
    store ``db`` (mapping profiles) when it is given. ``force`` is a name or
    a GSS code, or ``all`` for one set of tables per force of a national table.
    ``pack_period`` (the panel pack's reporting period) is checked against the
    crime tables' own period.
    """
    layouts: Layouts | None = None
    if remembered is None and db is not None:
        try:
            layouts = remembered_layouts(db)
        except (PccdeskError, OSError, sqlite3.Error) as exc:
            log.warning("remembered extract columns could not be read: %s", exc)
    listed, problems = load_categories(categories, options)
    _import_writers_while_reading()
    opened: list[Opened] = []
    for i, path in enumerate(files):
        if progress is not None:
            progress(f"Reading {Path(path).name}", 0.8 * i / max(len(files), 1))
        try:
            opened.append(_open_input(Path(path), password=password, remembered=remembered, options=options,
                                      layouts=layouts))
        except PccdeskError as exc:
            problems.append(exc.as_problem())
    if opened and listed.source == "shipped list" and \
            all(isinstance(o, LoadedExtract) and o.cols.is_police_uk for o in opened):
        from pccdesk.crime.extract_categories import police_uk_categories

        listed = police_uk_categories(listed)  # street files: data.police.uk's own crime types, in their order
    forces: list[str | None] = [force]
    splits: list[dict[frozenset[str], WorkbookData] | None] = [None] * len(opened)
    if force is not None and force.strip().lower() == "all":
        every = all_forces(opened, listed)
        forces = list(every.forces) or [None]
        problems += every.notes()
        splits = split_inputs(opened, listed)
    tables: list[CrimeTable] = []
    imports: list[CrimeImport] = []
    for n, name in enumerate(forces):
        if progress is not None:
            progress(f"Counting recorded crime{f' for {name}' if len(forces) > 1 else ''}",
                     0.8 + 0.15 * n / len(forces))
        found_tables, found_problems, found_imports = _one_force(inputs_of(name, opened, splits), listed, name,
                                                                 period)
        if len(forces) > 1:
            found_tables = [_of_force(t, found_tables) for t in found_tables]
            # each force has its own tables: another force's records are not "left out"
            found_problems = [p for p in found_problems if p.code != codes.CRIME_OTHER_FORCES_LEFT_OUT]
        found_problems += territorial_notes(found_tables, Location.of(found_imports[0].path) if found_imports
                                            else Location())
        tables += found_tables
        imports += found_imports
        problems += [p for p in found_problems if p not in problems]
    if progress is not None:
        progress("Recorded crime ready", 1.0)
    section = CrimeSection(tables, problems, listed, imports)
    if pack_period:
        section.problems.extend(period_agreement(section, pack_period))
    return section


def _import_writers_while_reading() -> None:
    import importlib

    from pccdesk.readers.isolation import while_reading

    for name in WRITING_MODULES:
        while_reading(lambda name=name: importlib.import_module(name))  # type: ignore[misc]


def _of_force(table: CrimeTable, tables: list[CrimeTable]) -> CrimeTable:
    """With several forces in one workbook, "No location" and "Outside the force area" say whose they are."""
    from pccdesk.crime.extract_counting import NO_LOCATION, OUTSIDE

    force = next((t.area for t in tables if t.is_force), None)
    if table.is_force or table.area not in (NO_LOCATION, OUTSIDE) or force is None:
        return table
    area = f"{table.area}: {force}"
    return CrimeTable(area, False, [dataclasses.replace(r, area=area) for r in table.rows])


def _one_force(opened: list[Opened], listed: CategoryList, force: str | None, period: str | None
               ) -> tuple[list[CrimeTable], list[Problem], list[CrimeImport]]:
    """The tables of one force from every input: read, combined, recomputed and checked."""
    from pccdesk.crime.record_extracts import count_extracts

    problems: list[Problem] = []
    imports: list[CrimeImport] = []
    extracts: list[LoadedExtract] = []
    for item in opened:
        try:
            found = _counts_of(item, listed, force)
        except PccdeskError as exc:
            problems.append(exc.as_problem())
            continue
        if isinstance(found, LoadedExtract):
            extracts.append(found)
        else:
            imports.append(found)
    if extracts:
        try:
            imports.append(count_extracts(extracts, listed, force=force, period=period))
        except PccdeskError as exc:
            problems.append(exc.as_problem())
    if not imports:
        return [], problems, imports
    for imp in imports:
        problems.extend(imp.problems)
    combined = combine(imports)
    problems.extend(combined.problems)
    tables, table_problems = build_tables(combined, listed)
    problems.extend(table_problems)
    problems.extend(run_checks(tables, combined.stated, combined.unassigned, listed.exhaustive))
    return tables, problems, imports


def period_agreement(section: CrimeSection, pack_period: str) -> list[Problem]:
    """A warning when the crime tables' current period does not end within the pack's reporting period.

    A panel pack for 2015-16 Q1 expects crime to 30 June 2015 (the quarter, the
    year to date or the twelve months ending then); a table for another period
    would sit beside the indicators as if it were this quarter's.
    """
    from pccdesk.periods import parse_period

    if not section.tables:
        return []
    pack = parse_period(pack_period)
    if pack.start is None or pack.end is None:
        return []
    current, _ = section.periods
    span = next((i.current_span for i in section.imports if i.current_span and i.counts), None)
    if span is None:
        parsed = parse_period(current)
        span = (parsed.start, parsed.end) if parsed.start and parsed.end else None
    where = Location.of(section.imports[0].path) if section.imports else Location()
    if span is None:
        return [info("crime-period-not-compared", f"the crime tables' period \"{current}\" has no dates that can be "
                     f"compared with the pack's period ({pack_period}): check that it is the right one", where)]
    if pack.start <= span[1] <= pack.end:
        return []
    return [warning("crime-period-differs", f"the crime tables are for {current} (to {span[1]:%d %b %Y}), but the "
                    f"pack is for {pack_period} ({pack.start:%d %b %Y} to {pack.end:%d %b %Y})", where)]


def remembered_layouts(db: Path | str) -> dict[str, dict[str, str]]:
    """Every extract layout whose columns were named once (layout signature → role → heading), from the
    history store in one query: each file's own layout is then looked up by the reader, which parses the file
    once (no database in the reading worker, no second parse to find the headings)."""
    from pccdesk.store.engines import is_url
    from pccdesk.store.mapping_profiles import MappingProfiles

    if not is_url(db) and not Path(db).is_file():
        return {}  # nothing remembered yet: no history database is created just to look
    profiles = MappingProfiles(db)
    try:
        saved = profiles.decisions_starting(COLUMN_KEY)
    finally:
        profiles.close()
    return {signature: {key[len(COLUMN_KEY):]: value for key, value in decisions.items()}
            for signature, decisions in saved.items()}


def column_mappings(files: list[Path], db: Path | str, *, given: Mapping[str, str] | None = None,
                    password: str | None = None, options: ReadOptions | None = None) -> dict[str, str]:
    """Extract columns (role → heading) given now, which are saved, or saved before for the same headings.

    Mappings are kept in the history store's mapping profiles, keyed by the
    layout of an extract's headings (not its file name), so next month's
    extract with the same headings needs no ``--column`` again.
    """
    from pccdesk.crime.extract_columns import layout_signature
    from pccdesk.crime.record_extracts import peek_rows
    from pccdesk.store.mapping_profiles import MappingProfiles

    given = dict(given or {})
    remembered: dict[str, str] = {}
    profiles = MappingProfiles(db)
    try:
        for path in files:
            if not Path(path).is_file():
                continue
            try:
                rows, sheet = peek_rows(Path(path), password if password is not None or options is None
                                        else options.password_for(path))
            except PccdeskError:
                continue
            signature = layout_signature(rows, sheet)
            if signature is None:
                continue
            if given:
                profiles.save(signature, {f"{COLUMN_KEY}{k}": v for k, v in given.items()})
            for key, value in profiles.decisions(signature).items():
                if key.startswith(COLUMN_KEY) and value:
                    remembered.setdefault(key[len(COLUMN_KEY):], value)
    finally:
        profiles.close()
    remembered.update(given)
    return remembered


def write_crime_workbook(section: CrimeSection, out: Path, *, marking: str = "OFFICIAL",
                         sources: list[str] | None = None) -> Path:
    """A crime-only pack: a cover line, the area sheets, and the Data sheet with ``Crime`` and ``DataQuality``."""
    from pccdesk.writers.data_quality import write_data_quality
    from pccdesk.writers.pack_workbook import PackWorkbook
    from pccdesk.writers.safe_output import atomic_output

    out = Path(out)
    with atomic_output(out) as tmp:
        pack = PackWorkbook(tmp, marking=marking, title="Recorded crime comparison")
        cover = pack.add_sheet("Cover", landscape=False)
        cover.set_column(0, 0, 110)
        pack.text(cover, 0, 0, marking, pack.fmt(bold=True, font_color="#C00000"))
        pack.text(cover, 2, 0, "Recorded crime comparison", pack.title_format)
        current, previous = section.periods
        who = section.force or "The force"
        if len(section.forces) > 1:
            who = f"{len(section.forces)} forces"
        line = (f"{who} and {len([t for t in section.tables if not t.is_force])} areas: "
                f"{current} compared with {previous}" if section.tables else "No recorded crime could be read")
        pack.text(cover, 3, 0, line, pack.fmt(text_wrap=True))
        pack.text(cover, 4, 0, f"Prepared {dt.date.today():%d %B %Y} with pccdesk from: "
                  + "; ".join(sources or []), pack.fmt(text_wrap=True))
        counts = {s: sum(1 for p in section.problems if p.severity is s) for s in Severity}
        pack.text(cover, 5, 0, f"Problems found: {counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} "
                  f"warnings, {counts[Severity.INFO]} notes (Data sheet, table DataQuality)", pack.fmt())
        section.write_sheets(pack)
        section.write_data(pack)
        write_data_quality(pack, section.problems)
        pack.close()
    return out
