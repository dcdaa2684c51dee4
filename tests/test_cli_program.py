"""pccdesk as a program: which command a command line runs, and the reading worker's own collector settings."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from pccdesk.cli import _command_of
from pccdesk.readers.isolation import run_isolated


@pytest.mark.parametrize(("argv", "command"), [
    ([], "app"), (["--debug"], "app"), (["app"], "app"), (["--debug", "app"], "app"),
    (["demo", "--out", "x"], "demo"), (["--debug", "pack", "r.xlsx"], "pack"), (["--version"], "--version"),
])
def test_the_command_a_command_line_runs(argv: list[str], command: str) -> None:
    assert _command_of(argv) == command


def test_the_reading_worker_keeps_python_s_own_collector_thresholds(tmp_path: Path) -> None:
    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 20)
    try:
        assert run_isolated(gc.get_threshold, path=tmp_path) == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_a_command_leaving_a_thread_at_work_is_waited_for(tmp_path: Path) -> None:
    """The quick exit is not taken while a thread still works: what it writes is not lost."""
    import subprocess
    import sys

    out = tmp_path / "late.txt"
    code = ("import sys, threading, time\n"
            "import pccdesk.cli as cli\n"
            "def late():\n"
            "    time.sleep(0.3)\n"
            f"    open({str(out)!r}, 'w').write('written')\n"
            "cli.main = lambda: (threading.Thread(target=late).start(), 0)[1]\n"
            "sys.argv = ['pccdesk', 'demo']\n"
            "raise SystemExit(cli.run())\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert out.read_text() == "written"
