"""``pccdesk app``: opens the desktop app (also what ``pccdesk`` with no arguments does)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("app", help="open the desktop app")
    p.add_argument("--example", action="store_true", help="open with the bundled example plan and returns")
    p.add_argument("--db", help="history database file (default: in your user data folder)")
    p.add_argument("--quit-after", type=int, metavar="MS", default=None,
                   help="close the app after MS milliseconds (smoke tests of installed builds)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        from pccdesk.ui.app import run_app
    except ImportError as exc:
        from pccdesk.problems import PccdeskError

        raise PccdeskError(f"the desktop app is not available here ({exc}); install pccdesk[app]") from exc
    return run_app(example=args.example, db=args.db, quit_after_ms=args.quit_after)
