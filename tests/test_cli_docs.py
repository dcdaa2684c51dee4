"""Every command and every option of ``pccdesk`` is documented in the README, from the real parser.

As sqlite-utils does with its CLI reference, the README's "Every command and
option" section is generated from :func:`pccdesk.cli.build_parser` and this
test fails when the two differ: a new option cannot ship undocumented. To
bring the README up to date after changing a command, run
``PCCDESK_UPDATE_README=1 python -m pytest tests/test_cli_docs.py``.
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from pccdesk.cli import build_parser

README = Path(__file__).resolve().parents[1] / "README.md"
START = "<!-- commands: generated from the parser by tests/test_cli_docs.py -->"
END = "<!-- end of commands -->"


def _subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser, str]]:
    """(name, parser, help) of each subcommand, depth first, in the order they were added."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                found.append((name, sub, helps.get(name, "")))
    return found


def _commands(parser: argparse.ArgumentParser, prefix: str = "pccdesk") -> list[tuple[str, str, list[str]]]:
    """(command line, help, option lines) for every command that runs something."""
    out = []
    for name, sub, helped in _subcommands(parser):
        line = f"{prefix} {name}"
        nested = _subcommands(sub)
        if nested:
            out += _commands(sub, line)
            continue
        options = []
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            if action.option_strings:
                flag = ", ".join(action.option_strings)
                takes = action.nargs != 0
                metavar = action.metavar or ("{" + ",".join(map(str, action.choices)) + "}" if action.choices
                                             else action.dest.upper() if takes else "")
                shown = f"{flag} {metavar}" if takes and metavar else flag
                if action.nargs == "?":
                    shown = f"{flag} [{metavar}]"
            else:
                shown = action.metavar or action.dest.upper()
                if action.nargs in ("*", "+"):
                    shown += " …"
            options.append(f"- `{shown}`: {action.help or ''}".rstrip())
        out.append((line, helped, options))
    return out


def reference() -> str:
    parser = build_parser()
    lines = [START, ""]
    globals_ = [a for a in parser._actions if a.option_strings and not isinstance(a, argparse._HelpAction)]
    lines.append("`pccdesk` on its own opens the desktop app. Before any command: " +
                 "; ".join(f"`{', '.join(a.option_strings)}` {a.help}" for a in globals_) + ".")
    for line, helped, options in _commands(parser):
        lines += ["", f"**`{line}`**: {helped}", ""]
        lines += options or ["- no options"]
    lines += ["", END]
    return "\n".join(lines)


def test_every_command_and_option_is_documented_in_the_readme():
    expected = reference()
    text = README.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    if os.environ.get("PCCDESK_UPDATE_README") and pattern.search(text):
        README.write_text(pattern.sub(lambda _: expected, text), encoding="utf-8")
        text = README.read_text(encoding="utf-8")
    found = pattern.search(text)
    assert found, f"README.md has no section between {START} and {END}"
    assert found.group(0) == expected, ("the README's command reference is out of date: run "
                                        "PCCDESK_UPDATE_README=1 python -m pytest tests/test_cli_docs.py")


def test_the_reference_lists_every_command_and_every_option():
    """Guards the generator: compare against the parser's own help output, command by command."""
    text = reference()
    for line, _, _ in _commands(build_parser()):
        words = line.split()[1:]
        sub = build_parser()
        for word in words:
            sub = dict((n, p) for n, p, _ in _subcommands(sub))[word]
        assert f"**`{line}`**" in text
        for option in set(re.findall(r"(--[a-z][a-z-]*)", sub.format_help())) - {"--help"}:
            assert f"`{option}" in text, (line, option)
    assert {"pccdesk pack", "pccdesk validate", "pccdesk template return", "pccdesk tracker set",
            "pccdesk crime", "pccdesk demo"} <= {line for line, _, _ in _commands(build_parser())}
