"""The worker process every file is parsed in: a file that exhausts memory or time, or kills the parser, is
refused in one line and the caller carries on with the next file."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from pccdesk.problems import Location, PccdeskError
from pccdesk.readers import read_workbook
from pccdesk.readers.isolation import MEMORY_MESSAGE, REFUSED_CODE, ReadLimits, run_isolated
from tests.hostile_files import moved_far_apart_sheet, run_limited, small_workbook


# module-level functions, so the worker process can be handed them
def _die(signum: int) -> None:
    os.kill(os.getpid(), signum)


def _allocate(megabytes: int) -> int:
    block = bytearray(megabytes * 1024 * 1024)
    return len(block)


def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "woke"


def _refuse(name: str) -> None:
    raise PccdeskError("not today", Location(name, "Sheet1", "B2"), code="some-code")


def _unexpected() -> None:
    raise ZeroDivisionError("division by zero")


def _environment(name: str) -> str | None:
    return os.environ.get(name)


def test_the_moved_sheet_with_far_apart_cells_is_refused_and_the_next_file_read(tmp_path: Path) -> None:
    hostile = moved_far_apart_sheet(tmp_path / "moved.xlsx")
    good = small_workbook(tmp_path / "good.xlsx")
    assert hostile.stat().st_size < 8 * 1024
    result = run_limited(f"""
from pccdesk.readers import read_workbook
from pccdesk.problems import PccdeskError
try:
    read_workbook({str(hostile)!r})
except PccdeskError as exc:
    print(exc.code, '|', exc)
book = read_workbook({str(good)!r})
print('next', book.sheets[0].rows)
""")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(("sheet-too-large", REFUSED_CODE)) and "moved.xlsx" in lines[0]
    assert lines[1] == "next [['Indicator', 1.5]]"


@pytest.mark.parametrize("signum", [signal.SIGABRT, signal.SIGKILL])
def test_a_worker_killed_by_the_kernel_or_an_abort_is_a_memory_refusal(tmp_path: Path, signum: int) -> None:
    with pytest.raises(PccdeskError) as caught:
        run_isolated(_die, int(signum), path=tmp_path / "return.xlsx")
    assert caught.value.code == REFUSED_CODE
    assert str(caught.value) == f"return.xlsx: {MEMORY_MESSAGE}"
    assert run_isolated(_sleep, 0, path=tmp_path / "next.xlsx") == "woke"  # a fresh worker for the next file


def test_a_segfault_is_a_refusal_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(PccdeskError) as caught:
        run_isolated(_die, int(signal.SIGSEGV), path=tmp_path / "return.xlsx")
    assert caught.value.code == REFUSED_CODE
    assert str(caught.value).startswith("return.xlsx: could not be read safely: the spreadsheet reader stopped")


def test_memory_beyond_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PCCDESK_READ_MEMORY_MB", "100")
    assert run_isolated(_allocate, 20, path=tmp_path / "small.xlsx") == 20 * 1024 * 1024
    with pytest.raises(PccdeskError) as caught:
        run_isolated(_allocate, 400, path=tmp_path / "big.xlsx")
    assert (caught.value.code, caught.value.message) == (REFUSED_CODE, MEMORY_MESSAGE)


def test_time_beyond_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PCCDESK_READ_TIMEOUT_S", "0.5")
    started = time.monotonic()
    with pytest.raises(PccdeskError) as caught:
        run_isolated(_sleep, 60, path=tmp_path / "slow.xlsx")
    assert time.monotonic() - started < 30
    assert caught.value.code == REFUSED_CODE
    assert caught.value.message.startswith("could not be read safely: reading it took longer than 0.5 seconds")


def test_pccdesk_errors_cross_with_their_code_and_location(tmp_path: Path) -> None:
    with pytest.raises(PccdeskError) as caught:
        run_isolated(_refuse, "x.xlsx", path=tmp_path / "x.xlsx")
    assert (caught.value.code, caught.value.message) == ("some-code", "not today")
    assert caught.value.location == Location("x.xlsx", "Sheet1", "B2")


def test_an_unexpected_exception_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(PccdeskError) as caught:
        run_isolated(_unexpected, path=tmp_path / "odd.xlsx")
    assert str(caught.value) == "odd.xlsx: could not be read: the spreadsheet reader failed on it " \
                                "(ZeroDivisionError: division by zero)"


def test_settings_reach_a_worker_started_before_they_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    monkeypatch.delenv("PCCDESK_MAX_UNZIPPED_MB", raising=False)
    assert run_isolated(_environment, "PCCDESK_MAX_UNZIPPED_MB", path=tmp_path / "a.xlsx") is None
    monkeypatch.setenv("PCCDESK_MAX_UNZIPPED_MB", "7")
    assert run_isolated(_environment, "PCCDESK_MAX_UNZIPPED_MB", path=tmp_path / "a.xlsx") == "7"


def test_the_time_limit_grows_with_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PCCDESK_READ_TIMEOUT_S", raising=False)
    monkeypatch.delenv("PCCDESK_READ_MEMORY_MB", raising=False)
    assert ReadLimits.for_file(0) == ReadLimits(1536 * 1024 * 1024, 30.0)
    assert ReadLimits.for_file(10 * 1024 * 1024).timeout_s == 40.0
    monkeypatch.setenv("PCCDESK_READ_TIMEOUT_S", "nonsense")
    with pytest.raises(PccdeskError, match="PCCDESK_READ_TIMEOUT_S must be a number"):
        ReadLimits.for_file(0)


def test_the_cli_refuses_in_one_line_with_exit_2(tmp_path: Path, example_plan_path: Path) -> None:
    hostile = moved_far_apart_sheet(tmp_path / "moved.xlsx")
    result = run_limited(f"""
import sys
from pccdesk.cli import main
sys.exit(main(['pack', '--definitions', {str(example_plan_path)!r}, '--out', {str(tmp_path / 'pack.xlsx')!r},
               {str(hostile)!r}]))
""")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "moved.xlsx" in result.stderr
    assert not (tmp_path / "pack.xlsx").exists()


def test_reading_a_good_file_gives_the_same_rows_as_in_process(tmp_path: Path) -> None:
    from pccdesk.readers.workbook_reader import read_workbook_here

    path = small_workbook(tmp_path / "good.xlsx")
    isolated, here = read_workbook(path), read_workbook_here(path)
    assert [(s.name, s.rows, s.percent_cells, s.merged) for s in isolated.sheets] == \
        [(s.name, s.rows, s.percent_cells, s.merged) for s in here.sheets]
    assert isolated.path == path and isolated.kind == "xlsx"


def test_a_worker_does_not_outlive_a_caller_that_was_killed(tmp_path: Path) -> None:
    good = small_workbook(tmp_path / "good.xlsx")
    result = run_limited(f"""
import os, signal
from pccdesk.readers import read_workbook
from pccdesk.readers import isolation
read_workbook({str(good)!r})
print(isolation._POOL._idle[0].process.pid, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
""")
    assert result.returncode == -signal.SIGKILL
    worker = int(result.stdout.strip())
    for _ in range(200):  # the worker sees its task pipe close and ends at once; give a loaded machine 10 s
        if not Path(f"/proc/{worker}").exists() or "Z" in _state(worker):
            break
        time.sleep(0.05)
    else:
        os.kill(worker, signal.SIGKILL)
        raise AssertionError("the reading worker outlived its killed caller")


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "gone"


def test_the_windows_job_object_is_set_up_as_documented(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run here with a stand-in kernel32: the structure is the documented JOBOBJECT_EXTENDED_LIMIT_INFORMATION
    (144 bytes on 64-bit Windows) and the calls are made in order with a per-process memory limit."""
    import ctypes
    import struct as pack

    from pccdesk.readers import isolation

    calls: list[tuple[str, tuple[object, ...]]] = []

    class Function:
        def __init__(self, name: str, result: object):
            self.name, self.result, self.argtypes, self.restype = name, result, None, None

        def __call__(self, *args: object) -> object:
            calls.append((self.name, args))
            if self.name == "SetInformationJobObject":
                info = ctypes.cast(args[2], ctypes.POINTER(ctypes.c_char * args[3])).contents.raw  # type: ignore
                calls.append(("info", (info,)))
            return self.result

    class Kernel32:
        CreateJobObjectW = Function("CreateJobObjectW", 1234)
        GetCurrentProcess = Function("GetCurrentProcess", -1)
        AssignProcessToJobObject = Function("AssignProcessToJobObject", 1)
        SetInformationJobObject = Function("SetInformationJobObject", 1)

    monkeypatch.setattr(ctypes, "WinDLL", lambda name, use_last_error=False: Kernel32(), raising=False)
    job = isolation._windows_job_limit(1536 * 1024 * 1024, None)
    assert job == 1234
    names = [name for name, _ in calls]
    assert names == ["CreateJobObjectW", "GetCurrentProcess", "AssignProcessToJobObject", "SetInformationJobObject",
                     "info"]
    _, (handle, info_class, _, size) = calls[3]
    assert (handle, info_class) == (1234, 9)  # JobObjectExtendedLimitInformation
    if ctypes.sizeof(ctypes.c_void_p) == 8:
        assert size == 144
        info = calls[4][1][0]
        assert pack.unpack_from("<I", info, 16)[0] == 0x100 | 0x400  # LimitFlags after two LARGE_INTEGERs
        assert pack.unpack_from("<Q", info, 112)[0] == 1536 * 1024 * 1024  # ProcessMemoryLimit


def _join(*parts: str, sep: str = "-") -> str:
    return sep.join(parts)


def test_keyword_arguments_reach_the_worker(tmp_path: Path) -> None:
    assert run_isolated(_join, "a", "b", sep="+", path=tmp_path / "x.csv") == "a+b"
