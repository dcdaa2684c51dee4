"""``pccdesk comments template`` and ``comments import``: the OPCC's comment on each indicator.

A thin shell over :mod:`pccdesk.indicators.opcc_comment_files`: the comments
are kept in the history store and printed in every pack built for the period.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pccdesk.commands.db_option import add_db_option, db_location
from pccdesk.store.engines import DbLocation

EXIT_OK, EXIT_PROBLEMS = 0, 1


def register(sub: Any) -> None:
    comments = sub.add_parser("comments", help="write or import the OPCC's comments on the indicators")
    csub = comments.add_subparsers(dest="comments_command", metavar="ACTION", required=True)
    template = csub.add_parser("template", help="a workbook listing every indicator with its current comment")
    template.add_argument("--out", required=True, type=Path, help="the workbook to write (.xlsx)")
    _options(template)
    template.set_defaults(func=run_template)
    imp = csub.add_parser("import", help="store the comments of a filled-in workbook in the history database")
    imp.add_argument("workbook", type=Path, metavar="WORKBOOK", help="the filled-in comments workbook")
    _options(imp)
    imp.set_defaults(func=run_import)


def _options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--definitions", required=True, type=Path, help="the plan's indicator definitions workbook")
    p.add_argument("--period", required=True, help='reporting period, e.g. "2015-16 Q1"')
    add_db_option(p)


def _db(args: argparse.Namespace) -> DbLocation:

    return db_location(args)


def run_template(args: argparse.Namespace) -> int:
    from pccdesk.indicators.opcc_comment_files import comments_template
    from pccdesk.writers.safe_output import check_distinct_paths

    check_distinct_paths([args.out], [args.definitions], _db(args))
    out = comments_template(args.definitions, args.period, _db(args), args.out)
    print(f"Comments workbook written: {out}")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from pccdesk.commands.indicator_commands import print_problems
    from pccdesk.indicators.opcc_comment_files import import_comments

    result = import_comments(args.workbook, args.definitions, args.period, _db(args))
    print_problems(result.problems)
    print(f"{args.period}: {len(result.comments)} comment row(s) read, {result.changed} changed in the history")
    return EXIT_PROBLEMS if result.problems else EXIT_OK
