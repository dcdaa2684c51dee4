"""``pccdesk pack``, ``validate``, ``template`` and ``demo``: the indicator commands."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from pccdesk.commands.db_option import add_db_option
from pccdesk.problems import Problem, Severity, sort_key

EXIT_OK, EXIT_PROBLEMS = 0, 1


def register(sub: Any) -> None:
    pack = sub.add_parser("pack", help="build the panel pack from the force's returns")
    _common(pack)
    pack.add_argument("--out", required=True, type=Path, help="the pack workbook to write (.xlsx)")
    pack.add_argument("--meeting-date", default="", help="the panel meeting date printed on the cover")
    pack.add_argument("--marking", default="OFFICIAL", help="protective marking (default OFFICIAL)")
    pack.add_argument("--title", default="Delivery of the Police and Crime Plan", help="title on the cover")
    _section_inputs(pack)
    pack.add_argument("--tracker", action="store_true",
                      help="include the inspections and scrutiny tracker from the history database")
    pack.add_argument("--html", type=Path, metavar="PAGE.html",
                      help="also write the pack as one accessible HTML page (for the website)")
    pack.add_argument("--today", type=dt.date.fromisoformat, help="date to judge overdue items against (YYYY-MM-DD)")
    pack.set_defaults(func=run_pack)

    validate = sub.add_parser("validate", help="check every input as pack would (returns, crime, tracker) and list "
                              "every problem; writes nothing")
    _common(validate)
    _section_inputs(validate)
    validate.set_defaults(func=run_validate)

    template = sub.add_parser("template", help="write a blank definitions workbook or a force return template")
    tsub = template.add_subparsers(dest="template_kind", metavar="KIND", required=True)
    ret = tsub.add_parser("return", help="the return the OPCC sends to the force")
    ret.add_argument("--definitions", required=True, type=Path, help="the plan's indicator definitions workbook")
    ret.add_argument("--period", required=True, help='reporting period, e.g. "2015-16 Q1"')
    ret.add_argument("--out", required=True, type=Path, help="the return template to write (.xlsx)")
    ret.add_argument("--password", help="password of a protected definitions workbook")
    ret.set_defaults(func=run_template_return)
    defs = tsub.add_parser("definitions", help="a blank indicator definitions workbook")
    defs.add_argument("--out", required=True, type=Path, help="the definitions workbook to write (.xlsx)")
    defs.add_argument("--example", action="store_true", help="fill it with the example (Northumbria 2015) plan")
    defs.set_defaults(func=run_template_definitions)

    demo = sub.add_parser("demo", help="build the example panel pack from the bundled example returns")
    demo.add_argument("--out", type=Path, default=Path("out"), help="folder to write into (default out/)")
    demo.set_defaults(func=run_demo)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("returns", nargs="*", type=Path, metavar="RETURN", help="the force's return workbooks")
    p.add_argument("--definitions", required=True, type=Path, help="the plan's indicator definitions workbook")
    p.add_argument("--period", help='reporting period, e.g. "2015-16 Q1" (default: from the template)')
    add_db_option(p)
    p.add_argument("--no-history", action="store_true", help="do not read or write the history database")
    p.add_argument("--password", help="password of protected workbooks")
    p.add_argument("--accept-suggestions", action="store_true",
                   help="apply the importer's suggested matches without asking")
    p.add_argument("--override-period-check", action="store_true",
                   help="use --period although a return's own period texts say another quarter (recorded in history)")


def _section_inputs(p: argparse.ArgumentParser) -> None:
    """The crime and tracker inputs, the same for ``pack`` and ``validate``."""
    p.add_argument("--crime", action="append", type=Path, default=[], metavar="FILE",
                   help="recorded crime input (repeatable)")
    p.add_argument("--force", help="with national crime tables: the force to take, with its areas")
    p.add_argument("--crime-categories", type=Path, help="crime categories and areas list (default: bundled)")
    p.add_argument("--crime-period", choices=("fytd", "quarter", "rolling-12"),
                   help="for record-level crime extracts: financial year to date (default), latest quarter, or "
                        "rolling 12 months, each against the same dates a year earlier")
    p.add_argument("--tracker-register", action="append", type=Path, default=[], metavar="FILE",
                   help="a tracker register or PEEL grades workbook (repeatable): pack imports it first (and includes "
                        "the tracker), validate only checks it")


def _request(args: argparse.Namespace) -> Any:
    from pccdesk.panel_pack import PackRequest
    from pccdesk.readers.options import ReadOptions

    return PackRequest(
        definitions=args.definitions, returns=list(args.returns), out=getattr(args, "out", None), period=args.period,
        db=args.db, use_history=not args.no_history, meeting_date=getattr(args, "meeting_date", ""),
        marking=getattr(args, "marking", "OFFICIAL"), title=getattr(args, "title", "Delivery of the Police and Crime Plan"),
        read_options=ReadOptions(password=args.password), accept_suggestions=args.accept_suggestions,
        crime_files=getattr(args, "crime", []), force=getattr(args, "force", None),
        crime_categories=getattr(args, "crime_categories", None), crime_period=getattr(args, "crime_period", None),
        tracker_files=list(getattr(args, "tracker_register", [])),
        include_tracker=bool(getattr(args, "tracker", False) or getattr(args, "tracker_register", [])),
        today=getattr(args, "today", None), override_period_check=args.override_period_check,
        html=getattr(args, "html", None))


def print_problems(problems: list[Problem], stream: Any = None) -> None:
    stream = stream or sys.stdout
    order = sorted(problems, key=sort_key)
    for p in order:
        where = str(p.location)
        print(f"{where}: {p.severity.value}: {p.message}" if where else f"{p.severity.value}: {p.message}",
              file=stream)


def _print_suggestions(result: Any) -> None:
    """Suggestions are already listed among the problems; say once how to apply them."""
    if any(reading.suggestions for reading in result.readings):
        print("Suggested matches are not applied: check them, then run again with --accept-suggestions "
              "(or accept them one by one in the app).")


def _summary_line(result: Any) -> str:
    from pccdesk.indicators.status_rules import Status

    counts = {s: 0 for s in Status}
    for r in result.results:
        if not r.is_heading:
            counts[r.status] += 1
    errors = sum(1 for p in result.problems if p.severity is Severity.ERROR)
    warnings = sum(1 for p in result.problems if p.severity is Severity.WARNING)
    shown = ", ".join(f"{n} {s.value}" for s, n in counts.items() if n)
    return f"{result.period}: {shown}; {errors} error(s), {warnings} warning(s)"


def run_pack(args: argparse.Namespace) -> int:
    crime = list(getattr(args, "crime", []))
    _read_ahead([args.definitions, *args.returns, *crime], args.password, crime=bool(crime))
    from pccdesk.panel_pack import build

    result = build(_request(args))
    print_problems([p for p in result.problems if p.severity is not Severity.INFO])
    _print_suggestions(result)
    print(_summary_line(result))
    print(f"Pack written: {result.out}")
    if getattr(args, "html", None):
        print(f"HTML copy written: {args.html}")
    return EXIT_PROBLEMS if result.has_problems else EXIT_OK


def run_validate(args: argparse.Namespace) -> int:
    from pccdesk.panel_pack import check

    result = check(_request(args))
    print_problems(result.problems)
    _print_suggestions(result)
    print(_summary_line(result))
    return EXIT_PROBLEMS if result.has_problems else EXIT_OK


def run_template_return(args: argparse.Namespace) -> int:
    from pccdesk.indicators.definitions import load_definitions
    from pccdesk.indicators.plan_templates import write_return_template
    from pccdesk.readers.options import ReadOptions
    from pccdesk.writers.safe_output import check_distinct_paths

    check_distinct_paths([args.out], [args.definitions])
    plan = load_definitions(args.definitions, options=ReadOptions(password=args.password))
    out = write_return_template(args.out, plan, args.period)
    print(f"Return template written: {out}")
    return EXIT_OK


def run_template_definitions(args: argparse.Namespace) -> int:
    from pccdesk.indicators.plan_templates import write_definitions_workbook, write_example_plan

    out = write_example_plan(args.out) if args.example else write_definitions_workbook(args.out)
    print(f"Definitions workbook written: {out}")
    return EXIT_OK


def _read_ahead(workbooks: list[Path], password: str | None, *, crime: bool) -> None:
    """Start parsing a pack's spreadsheets in the reading worker before the library's modules are imported:
    the worker reads while they load, and each read of the pack then finds its file parsed (see
    :func:`pccdesk.readers.workbook_reader.read_ahead`; the same checks and limits apply)."""
    from pccdesk.readers.options import ReadOptions
    from pccdesk.readers.workbook_reader import read_ahead

    read_ahead(workbooks, ReadOptions(password=password), warm=("pccdesk.crime.extract_reading",) if crime else ())


def run_demo(args: argparse.Namespace) -> int:
    """The example pack from the bundled plan and returns, in a fresh history database under ``--out``."""
    from pccdesk.resources import example_inputs

    example = example_inputs()
    _read_ahead([example.plan, *example.returns, *example.crime], None, crime=bool(example.crime))
    from pccdesk.panel_pack import build, example_request

    folder = Path(args.out)
    result = build(example_request(folder))
    print(_summary_line(result))
    print(f"Example pack written: {result.out.resolve() if result.out else ''}")
    return EXIT_OK
