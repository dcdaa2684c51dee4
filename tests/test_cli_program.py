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
