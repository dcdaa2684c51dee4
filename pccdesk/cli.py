"""The ``pccdesk`` command: a thin shell over the library, one module per group of commands.

Exit codes: 0 done; 1 done but problems were found (outputs are still written,
problems listed); 2 bad usage or unreadable input (one plain line, no traceback
unless ``--debug``).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from pccdesk import __version__
from pccdesk.problems import PccdeskError, ProblemsFound
from pccdesk.writers.text_safety import terminal_safe_output

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNUSABLE = 2

#: Each module has ``register(subparsers)`` adding its commands; each command sets ``func(args) -> int``.
COMMAND_MODULES = (
    "pccdesk.commands.indicator_commands",
    "pccdesk.commands.crime_commands",
    "pccdesk.commands.tracker_commands",
    "pccdesk.commands.db_commands",
    "pccdesk.commands.comment_commands",
    "pccdesk.commands.spc_commands",
    "pccdesk.commands.history_commands",
    "pccdesk.commands.app_command",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"pccdesk: {message}", file=sys.stderr)
        raise SystemExit(EXIT_UNUSABLE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pccdesk", description="Check a force's returns and build the Police and Crime Panel pack.")
    parser.add_argument("--version", action="version", version=f"pccdesk {__version__}")
    parser.add_argument("--debug", action="store_true", help="show full error details (tracebacks) and log values")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not args_list or args_list == ["--debug"]:
        args_list = args_list + ["app"]
    args = parser.parse_args(args_list)
    from pccdesk.app_log import configure_logging

    configure_logging(debug=args.debug)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_UNUSABLE
    with terminal_safe_output():  # text from cells never reaches the terminal as escape sequences
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.func(args))
    except ProblemsFound as exc:
        print(f"pccdesk: {exc}", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        if args.debug:
            raise
        return EXIT_UNUSABLE
    except PccdeskError as exc:
        if args.debug:
            raise
        print(f"pccdesk: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("pccdesk: stopped", file=sys.stderr)
        return 130
    except Exception as exc:  # last resort: a plain line, never a traceback for users
        logging.getLogger("pccdesk").exception("unexpected error")
        if args.debug:
            raise
        print(f"pccdesk: unexpected error ({type(exc).__name__}: {exc}); run again with --debug for details",
              file=sys.stderr)
        return EXIT_UNUSABLE
