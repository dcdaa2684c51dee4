"""Privacy: the log holds file names, counts and problems but no cell values, and nothing goes over the network.

Each check runs the real CLI in a fresh process so that logging is set up as
it is for a user (a rotating file in the folder ``PCCDESK_LOG_DIR`` points
to, as the user data folder would be).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from pccdesk.indicators.plan_templates import example_return_rows
from tests.conftest import REPO
from tests.helpers_returns import write_return

CANARY_TEXT = "CANARY-COMMENTARY-4242"
CANARY_NUMBER = "987654.25"


def run_cli(tmp_path: Path, args: list[str], prelude: str = "") -> subprocess.CompletedProcess[str]:
    script = tmp_path / "run.py"
    script.write_text(textwrap.dedent(prelude) + "\nimport sys\nfrom pccdesk.cli import main\n"
                      f"sys.exit(main({args!r}))\n")
    env = dict(os.environ, PYTHONPATH=str(REPO), PCCDESK_LOG_DIR=str(tmp_path / "logs"),
               PCCDESK_DB=str(tmp_path / "h.sqlite"), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, cwd=str(tmp_path),
                          timeout=120)


def canary_return(tmp_path: Path, plan) -> Path:  # type: ignore[no-untyped-def]
    rows = example_return_rows()
    v1 = list(rows["V1"])
    v1[6] = CANARY_TEXT
    a2 = list(rows["A2"])
    a2[3] = float(CANARY_NUMBER)
    return write_return(tmp_path / "Q1 return.xlsx", plan, "2015-16 Q1", {"V1": v1, "A2": a2})


def log_text(tmp_path: Path) -> str:
    logs = sorted((tmp_path / "logs").glob("pccdesk.log*"))
    assert logs, "no log file was written"
    return "\n".join(p.read_text(encoding="utf-8") for p in logs)


def test_log_holds_names_and_counts_but_no_cell_values(tmp_path: Path, example_plan_path: Path,
                                                       example_plan) -> None:  # type: ignore[no-untyped-def]
    ret = canary_return(tmp_path, example_plan)
    done = run_cli(tmp_path, ["pack", str(ret), "--definitions", str(example_plan_path), "--period", "2015-16 Q1",
                              "--out", str(tmp_path / "pack.xlsx")])
    assert done.returncode in (0, 1), done.stderr
    log = log_text(tmp_path)
    assert "pack written: pack.xlsx" in log
    assert CANARY_TEXT not in log and CANARY_NUMBER not in log and "987654" not in log
    import openpyxl  # the canaries did reach the pack: the test would see them if they reached the log

    book = openpyxl.load_workbook(tmp_path / "pack.xlsx")
    cells = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert any(CANARY_TEXT in c for c in cells)


def test_log_of_a_refused_file_has_no_values(tmp_path: Path, example_plan_path: Path) -> None:
    bad = tmp_path / "return.xlsx"
    bad.write_bytes(b"%PDF-1.4 " + CANARY_TEXT.encode())
    done = run_cli(tmp_path, ["validate", str(bad), "--definitions", str(example_plan_path), "--period",
                              "2015-16 Q1"])
    assert "return.xlsx: error: this is not a spreadsheet: it looks like a PDF document" in done.stdout
    log_file = tmp_path / "logs" / "pccdesk.log"
    assert not log_file.exists() or CANARY_TEXT not in log_file.read_text(encoding="utf-8")


def test_building_a_pack_never_opens_a_network_connection(tmp_path: Path, example_plan_path: Path,
                                                          example_plan) -> None:  # type: ignore[no-untyped-def]
    """Every socket is made to fail in the child: the pack is still built, so nothing tried the network."""
    ret = canary_return(tmp_path, example_plan)
    prelude = """
        import socket
        attempts = []

        class NoNetwork(socket.socket):
            def __init__(self, *args, **kwargs):
                attempts.append(args)
                raise OSError("network use is not allowed in this test")

        def refuse(*args, **kwargs):
            attempts.append(args)
            raise OSError("network use is not allowed in this test")

        socket.socket = NoNetwork
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        import atexit
        atexit.register(lambda: print(f"network attempts: {len(attempts)}"))
    """
    done = run_cli(tmp_path, ["pack", str(ret), "--definitions", str(example_plan_path), "--period", "2015-16 Q1",
                              "--out", str(tmp_path / "pack.xlsx")], prelude)
    assert done.returncode in (0, 1), done.stderr
    assert "Pack written" in done.stdout and "network attempts: 0" in done.stdout
