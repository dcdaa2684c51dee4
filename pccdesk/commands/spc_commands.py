"""``pccdesk spc``: XmR charts (statistical process control) for every series in a table.

A thin shell over :func:`pccdesk.spc.spc_workbook.spc_workbook`, the function
the pack and the app use too. Exit 0 when every series is charted with firm
limits; 1 when charts were written but something needs a look (trial limits,
a series left out); 2 when nothing could be written.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Any

from pccdesk.problems import PccdeskError, Severity


def _number(text: str) -> float:
    try:
        value = float(text.replace(",", ""))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from exc
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number")
    return value


def _points(text: str) -> int:
    if not text.isdigit() or int(text) < 2:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number of points, 2 or more")
    return int(text)


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "spc", help="XmR charts with the Making Data Count rules for every series in a table",
        description="Chart every series of FILE (first column: the period; each other numeric column: a series "
        "named by its heading) as an XmR chart, with special causes, variation and assurance, as NHSRplotthedots "
        "does.")
    parser.add_argument("file", type=Path, metavar="FILE", help="the table of series (any format pccdesk reads)")
    parser.add_argument("--out", type=Path, required=True, help="the workbook to write (e.g. spc.xlsx)")
    parser.add_argument("--better", choices=("higher", "lower"),
                        help="which direction is an improvement (leave out for figures that are only monitored)")
    parser.add_argument("--target", type=_number, help="the target, for the assurance (needs --better)")
    parser.add_argument("--rebase", action="append", default=[], metavar="PERIOD",
                        help="a period from which the process changed, so limits are worked out again from it "
                        "(repeat for several)")
    parser.add_argument("--fix-after", type=_points, metavar="N",
                        help="fix the limits on the first N points of each stretch and judge later points against them")
    parser.add_argument("--password", help="password of a protected workbook")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pccdesk.spc.icons import Better
    from pccdesk.spc.spc_workbook import spc_workbook
    from pccdesk.writers.safe_output import check_distinct_paths, check_writable

    check_distinct_paths([args.out], [args.file])
    if args.target is not None and not args.better:
        raise PccdeskError("--target needs --better higher or --better lower, to know which side of it is good",
                           code="bad-usage")
    check_writable(args.out)
    better = Better(args.better) if args.better else Better.NEITHER
    report = spc_workbook(args.file, args.out, better=better, target=args.target, rebase=args.rebase,
                          fix_after=args.fix_after, password=args.password)
    print(f"{args.out}: {len(report.charts)} XmR chart{'s' if len(report.charts) != 1 else ''}")
    for item in report.charts:
        chart = item.chart
        words = f"  {item.series.name}: {len(chart.points)} points, latest {chart.latest_variation.value}"
        if chart.assurance is not None:
            words += f", {chart.assurance.value}"
        print(words)
    shown = [p for p in report.problems if p.severity is not Severity.INFO]
    for problem in report.problems:
        print(f"  {problem.severity.value}: {problem}")
    return 1 if shown else 0
