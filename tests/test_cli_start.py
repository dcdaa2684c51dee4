"""The command line builds only the parser of the command it runs: the map from command to module is whole."""

from __future__ import annotations

import importlib
import subprocess
import sys

from pccdesk.cli import COMMAND_MODULES, COMMAND_OWNERS, build_parser


def _commands_of(module: str) -> set[str]:
    import argparse

    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    importlib.import_module(module).register(sub)
    return set(sub.choices)


def test_every_command_has_its_owner_and_no_other() -> None:
    expected = {command: module for module in COMMAND_MODULES for command in _commands_of(module)}
    assert COMMAND_OWNERS == expected


def test_one_command_parser_parses_like_the_whole_one() -> None:
    argv = ["crime", "--out", "x.xlsx", "--period", "quarter", "extract.csv"]
    assert vars(build_parser("crime").parse_args(argv)).keys() == vars(build_parser().parse_args(argv)).keys()
    assert {k: v for k, v in vars(build_parser("crime").parse_args(argv)).items() if k != "func"} == \
        {k: v for k, v in vars(build_parser().parse_args(argv)).items() if k != "func"}


def test_version_imports_no_command_module() -> None:
    code = ("import sys\nfrom pccdesk.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('pccdesk.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["pccdesk 0.1.0", "['pccdesk.cli']"]


def test_an_unknown_command_still_lists_every_command(capsys) -> None:  # type: ignore[no-untyped-def]
    from pccdesk.cli import main

    try:
        main(["no-such-command"])
    except SystemExit as exc:
        assert exc.code == 2
    err = capsys.readouterr().err
    for command in COMMAND_OWNERS:
        assert command in err
