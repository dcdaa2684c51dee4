"""``pccdesk history list``, ``history remove`` and ``history corrections``: putting the stored returns right.

A thin shell over :mod:`pccdesk.store.corrections`. ``list`` shows the stored
returns with their numbers; ``remove`` takes one out (by its number, or by file
name and period when that names exactly one), with a reason kept in the audit
record; ``corrections`` prints that audit trail.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pccdesk.commands.db_option import add_db_option, db_location
from pccdesk.problems import Location, PccdeskError
from pccdesk.store.codes import DB_MISSING, HISTORY_REMOVE_WHICH
from pccdesk.store.engines import DbLocation

EXIT_OK = 0


def register(sub: Any) -> None:
    history = sub.add_parser("history", help="list the returns stored in the history, or remove one stored wrongly")
    hsub = history.add_subparsers(dest="history_command", metavar="ACTION", required=True)
    listing = hsub.add_parser("list", help="the stored returns, with their numbers")
    listing.add_argument("--period", help='only this reporting period, e.g. "2015-16 Q2"')
    _db_option(listing)
    listing.set_defaults(func=run_list)
    remove = hsub.add_parser("remove", help="remove a stored return and its figures (an audit record is kept)")
    remove.add_argument("import_id", nargs="?", type=int, metavar="NUMBER", help="the return's number (see list)")
    remove.add_argument("--file", help="the return's file name (with --period when it was stored more than once)")
    remove.add_argument("--period", help="the reporting period it was stored under")
    remove.add_argument("--reason", required=True, help='why, e.g. "April to June figures stored as 2015-16 Q2"')
    _db_option(remove)
    remove.set_defaults(func=run_remove)
    audit = hsub.add_parser("corrections", help="every removal and overridden period check, with who and when")
    _db_option(audit)
    audit.set_defaults(func=run_corrections)


def _db_option(p: argparse.ArgumentParser) -> None:
    add_db_option(p)


def _db(args: argparse.Namespace) -> DbLocation:

    path = db_location(args)
    if isinstance(path, Path) and not path.is_file():
        raise PccdeskError("there is no history database here", Location(str(path)), code=DB_MISSING)
    return path


def run_list(args: argparse.Namespace) -> int:
    from pccdesk.store.corrections import stored_imports
    from pccdesk.store.history_store import HistoryStore

    with HistoryStore(_db(args)) as store:
        rows = stored_imports(store, period=args.period)
    if not rows:
        print("No returns are stored" + (f" for {args.period}" if args.period else "") + ".")
    for r in rows:
        replaced = "" if not r.replaced else (
            ", all replaced by a later return" if r.replaced == r.values else f", {r.replaced} replaced by a later return")
        print(f"{r.import_id:>5}  {r.reporting_period:<12}  {r.file_name}  ({r.values} figures{replaced}, imported "
              f"{r.imported_at} by {r.user_name})")
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    from pccdesk.store.corrections import remove_import, stored_imports
    from pccdesk.store.history_store import HistoryStore

    with HistoryStore(_db(args)) as store:
        import_id = args.import_id
        if import_id is None:
            if not args.file:
                raise PccdeskError("say which return to remove: its number (see pccdesk history list) or --file",
                                   code=HISTORY_REMOVE_WHICH)
            found = stored_imports(store, period=args.period, file_name=Path(args.file).name)
            if len(found) != 1:
                what = "no stored return" if not found else f"{len(found)} stored returns"
                raise PccdeskError(f"{what} match {Path(args.file).name}"
                                   f"{' for ' + args.period if args.period else ''}: give the number from "
                                   "pccdesk history list", code=HISTORY_REMOVE_WHICH)
            import_id = found[0].import_id
        done = remove_import(store, import_id, reason=args.reason)
    print(f"Removed {done.file_name} stored as {done.reporting_period} ({done.detail}); the audit record is "
          f"number {done.id} (pccdesk history corrections).")
    return EXIT_OK


def run_corrections(args: argparse.Namespace) -> int:
    from pccdesk.store.corrections import corrections
    from pccdesk.store.history_store import HistoryStore

    with HistoryStore(_db(args)) as store:
        rows = corrections(store)
    if not rows:
        print("No corrections have been made to the history.")
    for c in rows:
        print(f"{c.id:>5}  {c.at}  {c.user_name}  {c.kind}: {c.file_name} as {c.reporting_period}: {c.detail}")
    return EXIT_OK
