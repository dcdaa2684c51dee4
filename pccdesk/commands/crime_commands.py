"""``pccdesk crime``: the recorded-crime comparison tables as a workbook of their own.

It calls :func:`pccdesk.crime.pack_section.build_crime_section`, the same
function ``pccdesk pack --crime`` and the app use, and never asks a question:
unknown extract columns are named with ``--column ROLE=HEADING`` once and
remembered (per layout of headings) in the history store.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pccdesk.crime.codes import CRIME_NOTHING_READ
from pccdesk.problems import BAD_USAGE, PccdeskError, Severity
from pccdesk.store.engines import as_location


def register(sub: Any) -> None:
    parser = sub.add_parser("crime", help="recorded crime tables: force and every area, this year against last",
                            description="Build the recorded-crime comparison (force first, then each area) from "
                            "summary tables, national tables or record-level extracts, with the checks.")
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="the force's crime workbooks or extracts")
    parser.add_argument("--out", type=Path, required=True, help="the workbook to write (e.g. crime.xlsx)")
    parser.add_argument("--force", help="the force to count, by name or GSS code (e.g. Northumbria or E23000007); "
                        "needed for a national table or records of several forces; all: one set of tables per "
                        "force")
    parser.add_argument("--period", choices=("fytd", "quarter", "rolling-12"),
                        help="for record-level extracts: financial year to date (default), the latest quarter, or "
                        "the latest 12 months, each against the same dates a year earlier")
    parser.add_argument("--categories", type=Path, help="a category and area list (see templates/crime-categories.csv)")
    parser.add_argument("--password", help="password of protected workbooks")
    parser.add_argument("--marking", default="OFFICIAL", help="protective marking for headers and footers")
    parser.add_argument("--column", action="append", default=[], metavar="ROLE=HEADING",
                        help="for an extract whose headings are not recognised: which heading holds reference, "
                        "date, category, code, area, outcome or force (remembered for files with the same headings)")
    parser.add_argument("--db", type=as_location, help="history database holding remembered column mappings")
    parser.set_defaults(func=run)


def _given_columns(args: argparse.Namespace) -> dict[str, str]:
    from pccdesk.crime.extract_columns import ROLES

    given: dict[str, str] = {}
    for item in args.column:
        role, sep, heading = item.partition("=")
        role = role.strip().lower()
        if not sep or role not in ROLES or not heading.strip():
            raise PccdeskError(f'--column "{item}": write ROLE=HEADING with ROLE one of {", ".join(ROLES)}',
                               code=BAD_USAGE)
        given[role] = heading.strip()
    return given


def run(args: argparse.Namespace) -> int:
    from pccdesk.crime.pack_section import build_crime_section, column_mappings, write_crime_workbook
    from pccdesk.store.history_store import default_db_path
    from pccdesk.writers.safe_output import check_distinct_paths, check_writable

    db = args.db or default_db_path()
    check_distinct_paths([args.out], [*args.files, *([args.categories] if args.categories else [])], db)
    check_writable(args.out)
    given = _given_columns(args)
    remembered = column_mappings(list(args.files), db, given=given, password=args.password) if given else None
    section = build_crime_section(list(args.files), force=args.force, categories=args.categories,
                                  password=args.password, period=args.period, remembered=remembered, db=db)
    if not section.tables:
        errors = [p for p in section.problems if p.severity is Severity.ERROR]
        if len(errors) == 1:  # one clear line: the reason itself
            raise PccdeskError(errors[0].message, errors[0].location, code=errors[0].code)
        for problem in section.problems:
            print(f"  {problem}", file=sys.stderr)
        raise PccdeskError("no recorded crime could be read from the files given", code=CRIME_NOTHING_READ)
    write_crime_workbook(section, args.out, marking=args.marking, sources=[Path(f).name for f in args.files])
    current, previous = section.periods
    areas = [t.area for t in section.tables if not t.is_force]
    who = f"{len(section.forces)} forces" if len(section.forces) > 1 else (section.force or "no force total")
    print(f"{args.out}: {who} and {len(areas)} areas, {current} against {previous}")
    shown = [p for p in section.problems if p.severity is not Severity.INFO]
    for problem in shown:
        print(f"  {problem.severity.value}: {problem}")
    return 1 if shown else 0
