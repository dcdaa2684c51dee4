"""The real ``pccdesk`` command, run as a user would, with its exit codes and messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl

from pccdesk import __version__

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    return subprocess.run([sys.executable, "-m", "pccdesk", *args], capture_output=True, text=True, cwd=cwd or REPO,
                          env=env, timeout=120)


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"pccdesk {__version__}"


def test_pack_command_writes_the_pack(tmp_path, example_plan_path, example_return_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "pack.xlsx"
    done = run("pack", "--definitions", str(example_plan_path), "--period", "2015-16 Q1", "--db",
               str(tmp_path / "h.sqlite"), "--out", str(out), str(example_return_path))
    assert done.returncode == 1, done.stderr  # finished, with warnings: periods of different lengths compared
    assert "2 Green, 3 Amber, 1 Red, 21 No target, 2 No data; 0 error(s), 10 warning(s)" in done.stdout
    assert 'Return!I16: warning: the current period "April to May 2015" covers 2 months' in done.stdout
    wb = openpyxl.load_workbook(out)
    assert {"Performance", "DataQuality"} <= set(wb["Data"].tables)


def test_validate_prints_file_sheet_cell_and_exits_1(tmp_path, example_plan_path, example_plan) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers_returns import write_return

    ret = write_return(tmp_path / "r.xlsx", example_plan, "2015-16 Q1",
                       {"C11": [270, None, "x", "lots", None, "As at 30 June 2015", "", ""]})
    done = run("validate", "--definitions", str(example_plan_path), "--no-history", str(ret))
    assert done.returncode == 1
    assert 'r.xlsx:Return!I37: error: "lots" is not a number or a recognised "no data" text' in done.stdout


def test_unreadable_input_is_one_line_and_exit_2(tmp_path, example_plan_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "plan.xlsx"
    bad.write_bytes(b"%PDF-1.4 not a workbook")
    done = run("pack", "--definitions", str(bad), "--out", str(tmp_path / "p.xlsx"))
    assert done.returncode == 2
    assert done.stderr.strip() == "pccdesk: plan.xlsx: this is not a spreadsheet: it looks like a PDF document"
    assert "Traceback" not in done.stderr


def test_bad_usage_exit_2() -> None:
    done = run("pack", "--no-such-option")
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_template_commands(tmp_path, example_plan_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "R.xlsx"
    done = run("template", "return", "--definitions", str(example_plan_path), "--period", "2015-16 Q1", "--out",
               str(out))
    assert done.returncode == 0, done.stderr
    wb = openpyxl.load_workbook(out)
    ws = wb["Return"]
    assert ws.protection.sheet  # ref and wording are locked
    assert ws["A6"].value == "V1" and ws["A6"].protection.locked
    assert ws["I6"].protection.locked is False and ws["I6"].number_format == "0.0%"
    assert len(ws.data_validations.dataValidation) > 20
    assert "Instructions" in wb.sheetnames and wb["pccdesk"].sheet_state == "hidden"
    blank = tmp_path / "defs.xlsx"
    assert run("template", "definitions", "--out", str(blank)).returncode == 0
    assert openpyxl.load_workbook(blank)["Indicators"]["A1"].value == "ref"


def test_demo_builds_the_example_pack(tmp_path: Path) -> None:
    done = run("demo", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "Example pack written:" in done.stdout
    written = Path(done.stdout.strip().splitlines()[-1].split(": ", 1)[1])
    assert written.exists() and written.parent == (tmp_path / "out").resolve()
