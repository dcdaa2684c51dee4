"""The ``--db`` option every command that uses the history shares: one help text, one way to read it."""

from __future__ import annotations

import argparse

from pccdesk.store.engines import DbLocation, as_location
from pccdesk.store.history_store import default_db_path

DB_HELP = "history database: a file, or postgresql://… for a shared server (default: in your user data folder)"


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=as_location, help=DB_HELP)


def db_location(args: argparse.Namespace) -> DbLocation:
    """The database ``--db`` names (already read by :func:`as_location`), else the user's own."""
    return args.db if args.db else default_db_path()
