"""``pccdesk tracker import|export|report|set``: the inspections and scrutiny tracker from the command line.

Each command is a thin shell over :mod:`pccdesk.tracker`: ``import`` reads
register and PEEL grades workbooks into the history store (all files or
none), ``export`` writes the whole register to a workbook for editing and
importing again, ``report`` writes the tracker's pack sheets on their own
(the same section ``pccdesk pack --tracker`` adds to the panel pack), and
``set`` changes one item's status or adds a progress update, recording who
and when.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from pccdesk.commands.db_option import add_db_option, db_location
from pccdesk.problems import BAD_USAGE, Location, PccdeskError, Severity
from pccdesk.store.engines import DbLocation

EXIT_OK, EXIT_PROBLEMS = 0, 1


def register(sub: Any) -> None:
    tracker = sub.add_parser("tracker", help="inspections, PEEL grades and scrutiny actions: import, export, report")
    tsub = tracker.add_subparsers(dest="tracker_command", metavar="ACTION", required=True)

    imp = tsub.add_parser("import", help="read register or PEEL grades workbooks into the history database")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE", help="register or grades workbooks")
    _password_option(imp)
    _db_option(imp)
    imp.set_defaults(func=run_import)

    exp = tsub.add_parser("export", help="write the whole register to a workbook you can edit and import again")
    exp.add_argument("--out", required=True, type=Path, help="the workbook to write (.xlsx)")
    _db_option(exp)
    exp.set_defaults(func=run_export)

    rep = tsub.add_parser("report", help="write the tracker's pack sheets (summary, open items, grades, actions)")
    rep.add_argument("files", nargs="*", type=Path, metavar="FILE", help="workbooks to import first (optional)")
    rep.add_argument("--out", required=True, type=Path, help="the workbook to write (.xlsx)")
    rep.add_argument("--today", type=_date, help="date to judge overdue items against (YYYY-MM-DD; default today)")
    rep.add_argument("--amber-days", type=int, default=28,
                     help="items due within this many days with no recent update are Amber (default 28)")
    rep.add_argument("--marking", default="OFFICIAL", help="protective marking (default OFFICIAL)")
    _password_option(rep)
    _db_option(rep)
    rep.set_defaults(func=run_report)

    st = tsub.add_parser("set", help="change an item's status or add a progress update (who and when recorded)")
    st.add_argument("ref", help="the finding's or action's reference")
    st.add_argument("--status", help='new status: "Not started", "In progress", "Complete" or "Closed"')
    st.add_argument("--update", help="progress update text to add")
    st.add_argument("--date", type=_date, help="date of the update or completion (default today)")
    _db_option(st)
    st.set_defaults(func=run_set)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD") from exc


def _db_option(p: argparse.ArgumentParser) -> None:
    add_db_option(p)


def _password_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--password", help="password of protected workbooks")


def _options(args: argparse.Namespace) -> Any:
    from pccdesk.readers.options import ReadOptions

    return ReadOptions(password=args.password)


def _db_path(args: argparse.Namespace) -> DbLocation:

    return db_location(args)


def run_import(args: argparse.Namespace) -> int:
    from pccdesk.store.history_store import HistoryStore
    from pccdesk.tracker.pack_section import import_registers

    with HistoryStore(_db_path(args)) as store:
        saved, problems = import_registers(store, list(args.files), _options(args))
    for p in problems:
        print(f"  {p.severity.value}: {p}")
    print(f"Tracker: {saved.added} added, {saved.changed} changed, {saved.unchanged} unchanged")
    return EXIT_PROBLEMS if any(p.severity is not Severity.INFO for p in problems) else EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from pccdesk.store.history_store import HistoryStore
    from pccdesk.tracker.register_export import write_register
    from pccdesk.tracker.tracker_store import TrackerStore
    from pccdesk.writers.safe_output import check_distinct_paths

    check_distinct_paths([args.out], db=_db_path(args))
    with HistoryStore(_db_path(args)) as store:
        reg = TrackerStore(store).register()
    out = write_register(reg, args.out)
    print(f"Register written: {out} ({len(reg.findings)} findings, {len(reg.actions)} actions,"
          f" {len(reg.grades)} grades)")
    return EXIT_OK


def run_report(args: argparse.Namespace) -> int:
    from pccdesk.store.history_store import HistoryStore
    from pccdesk.tracker.pack_section import build_tracker_section
    from pccdesk.writers.safe_output import check_distinct_paths
    from pccdesk.writers.section_workbook import write_section_workbook

    if args.amber_days < 0:
        raise PccdeskError("--amber-days cannot be negative", code=BAD_USAGE)
    check_distinct_paths([args.out], list(args.files), _db_path(args))
    with HistoryStore(_db_path(args)) as store:
        section = build_tracker_section(store, list(args.files), today=args.today or dt.date.today(),
                                        amber_days=args.amber_days, options=_options(args))
    write_section_workbook(section, args.out, marking=args.marking)
    for p in section.problems:
        print(f"  {p.severity.value}: {p}")
    opened = [i for i in [*section.rated_findings, *section.rated_actions] if not i.status.is_done]
    red = sum(i.rag.rag.value == "Red" for i in opened)
    amber = sum(i.rag.rag.value == "Amber" for i in opened)
    print(f"Tracker report written: {args.out} ({len(opened)} open items: {red} Red, {amber} Amber)")
    return EXIT_PROBLEMS if any(p.severity is not Severity.INFO for p in section.problems) else EXIT_OK


def run_set(args: argparse.Namespace) -> int:
    from pccdesk.store.history_store import HistoryStore
    from pccdesk.tracker.register_import import parse_status
    from pccdesk.tracker.tracker_store import TrackerStore

    if not args.status and not args.update:
        raise PccdeskError("give --status, --update or both", code=BAD_USAGE)
    status = parse_status(args.status) if args.status else None
    if args.status and status is None:
        raise PccdeskError(f"{args.status!r} is not a status (Not started, In progress, Complete, Closed)",
                           Location(), code=BAD_USAGE)
    with HistoryStore(_db_path(args)) as store:
        tracker = TrackerStore(store)
        if status is not None:
            tracker.set_status(args.ref, status, completed=args.date if status.is_done else None)
        if args.update:
            tracker.add_update(args.ref, args.date or dt.date.today(), args.update)
    print(f"{args.ref}: saved")
    return EXIT_OK
