"""The ``pccdesk`` command: a thin shell over the library, one module per group of commands.

Exit codes: 0 done; 1 done but problems were found (outputs are still written,
problems listed); 2 bad usage or unreadable input (one plain line, no traceback
unless ``--debug``).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from pccdesk import __version__

# Start-up: this module imports only what parsing the command line needs. The problems, logging, the
# terminal guard and each command's library modules are imported when a command runs, and ``--version``
# answers before the parser (eight command groups) is built at all: `make bench` compares it with
# ``python -c "import pccdesk"``.

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

#: Which module registers each top-level command, so that running one command builds only its own parser
#: (and imports only its module); ``tests/test_cli_start.py`` keeps this in step with the modules.
COMMAND_OWNERS = {
    "pack": "pccdesk.commands.indicator_commands", "validate": "pccdesk.commands.indicator_commands",
    "template": "pccdesk.commands.indicator_commands", "demo": "pccdesk.commands.indicator_commands",
    "crime": "pccdesk.commands.crime_commands", "tracker": "pccdesk.commands.tracker_commands",
    "db": "pccdesk.commands.db_commands", "comments": "pccdesk.commands.comment_commands",
    "spc": "pccdesk.commands.spc_commands", "history": "pccdesk.commands.history_commands",
    "app": "pccdesk.commands.app_command",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"pccdesk: {message}", file=sys.stderr)
        raise SystemExit(EXIT_UNUSABLE)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command-line parser: every command's, or only ``command``'s when it is a known one (the rest of
    the parser, its help and its errors are the same either way)."""
    parser = _Parser(prog="pccdesk", description="Check a force's returns and build the Police and Crime Panel pack.")
    parser.add_argument("--version", action="version", version=f"pccdesk {__version__}")
    parser.add_argument("--debug", action="store_true", help="show full error details (tracebacks) and log values")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    owner = COMMAND_OWNERS.get(command or "")
    for name in (owner,) if owner else COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list == ["--version"]:  # as argparse's version action does, without building the parser
        print(f"pccdesk {__version__}")
        raise SystemExit(EXIT_OK)
    from pccdesk.writers.text_safety import terminal_safe_output

    if not args_list or args_list == ["--debug"]:
        args_list = args_list + ["app"]
    parser = build_parser(_command_of(args_list))
    args = parser.parse_args(args_list)
    from pccdesk.app_log import configure_logging

    configure_logging(debug=args.debug)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_UNUSABLE
    with terminal_safe_output():  # text from cells never reaches the terminal as escape sequences
        return _run(args)


def run() -> int:
    """``pccdesk`` as a program (``python -m pccdesk`` and the installed command): :func:`main`, then the
    process ends without tearing the interpreter down.

    The exit handlers still run (the reading workers are stopped, the log is flushed and closed, temporary
    folders are removed) and the terminal's output is flushed; what is skipped is freeing each of the few
    hundred modules and their objects one by one, which the operating system does at once when the process
    ends (tens of milliseconds after a pack). The desktop app is left to end as usual (Qt saves its settings
    as its objects are destroyed), and so is a run under a profiler or debugger.

    A command (not the app, which lives long) also runs with the cycle collector looking at new objects every
    :data:`COMMAND_GC_YOUNG` allocations instead of Python's 700: a command makes many objects that live until
    it ends (modules, classes, the inputs' rows) and almost no cyclic garbage (memory is freed as it is
    released either way), and the default spent about 5% of a pack re-examining them. The reading worker
    goes back to Python's setting (:mod:`pccdesk.readers.isolation`).
    """
    if _command_of(list(sys.argv[1:])) != "app":
        import gc

        young, middle, old = gc.get_threshold()
        gc.set_threshold(max(young, COMMAND_GC_YOUNG), middle, old)
    code = main()
    if "PySide6.QtCore" in sys.modules or sys.getprofile() is not None or sys.gettrace() is not None \
            or _threads_still_working():
        return code  # a profiler or debugger writes its findings as the interpreter ends; threads are waited for
    import atexit
    import os

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed terminal or pipe: nothing more can be said on it
            pass
    os._exit(code)


def _threads_still_working() -> bool:
    """Whether a thread other than this one (and not a daemon) is still running: the interpreter waits for it."""
    threading = sys.modules.get("threading")
    if threading is None:
        return False
    return any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread())


#: Allocations between the cycle collector's looks at new objects during a command (see :func:`run`).
COMMAND_GC_YOUNG = 50_000


def _command_of(args_list: list[str]) -> str | None:
    """The command ``args_list`` runs: its first word after ``--debug``; the app when there is none."""
    if not args_list or args_list == ["--debug"]:
        return "app"
    return next((a for a in args_list if a != "--debug"), None)


def _run(args: argparse.Namespace) -> int:
    import logging

    from pccdesk.problems import PccdeskError, ProblemsFound

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
