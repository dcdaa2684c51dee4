"""Files read ahead in the worker (while the pack's modules load) are the files the pack then gets: the same
rows, each parsed once, a changed file read again, a hostile one refused naming it, and calls that were not
read ahead still answered in order."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import xlsxwriter

from pccdesk.problems import PccdeskError
from pccdesk.readers import isolation, read_workbook
from pccdesk.readers.workbook_reader import read_workbook_here
from tests.hostile_files import small_workbook

READ = "pccdesk.readers.workbook_reader:read_workbook_here"


def _book(path: Path, text: str) -> Path:
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("Return").write_string(0, 0, text)
    book.close()
    return path


@pytest.fixture(autouse=True)
def _no_batch_left() -> object:
    yield
    isolation._AHEAD.close()


def _count_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the functions sent to a worker by an ordinary (not read-ahead) call."""
    sent: list[str] = []
    real = isolation._Worker.call

    def counted(self: isolation._Worker, task: tuple[object, ...], timeout: float) -> tuple[object, ...]:
        sent.append(getattr(task[0], "__name__", str(task[0])))
        return real(self, task, timeout)

    monkeypatch.setattr(isolation._Worker, "call", counted)
    return sent


def test_files_read_ahead_are_claimed_without_being_parsed_again(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = _book(tmp_path / "a.xlsx", "first"), _book(tmp_path / "b.xlsx", "second")
    sent = _count_calls(monkeypatch)
    isolation.read_ahead([(READ, (first, None), first), (READ, (second, None), second)])
    # asked for out of order: the first outcome is kept until it is asked for
    assert read_workbook(second).sheets[0].rows == [["second"]]
    assert read_workbook(first).sheets[0].rows == [["first"]]
    assert sent == []
    assert read_workbook(first).sheets[0].rows == [["first"]]  # claimed once: a second read parses it again
    assert sent == ["read_workbook_here"]


def test_a_file_changed_after_it_was_read_ahead_is_read_again(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = _book(tmp_path / "a.xlsx", "before")
    sent = _count_calls(monkeypatch)
    isolation.read_ahead([(READ, (path, None), path)])
    _book(tmp_path / "a.xlsx", "after, and longer")
    os.utime(path, ns=(1, 1))  # a different modification time whatever the clock's resolution
    assert read_workbook(path).sheets[0].rows == [["after, and longer"]]
    assert sent == ["read_workbook_here"]


def test_a_call_not_read_ahead_waits_for_the_worker_and_gets_its_own_answer(tmp_path: Path) -> None:
    ahead, other = _book(tmp_path / "a.xlsx", "ahead"), small_workbook(tmp_path / "other.xlsx")
    isolation.read_ahead([(READ, (ahead, None), ahead)])
    assert read_workbook(other).sheets[0].rows == [["Indicator", 1.5]]
    assert read_workbook(ahead).sheets[0].rows == [["ahead"]]


def test_a_hostile_file_read_ahead_is_refused_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "not really.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    good = _book(tmp_path / "good.xlsx", "fine")
    isolation.read_ahead([(READ, (bad, None), bad), (READ, (good, None), good)])
    with pytest.raises(PccdeskError) as refused:
        read_workbook(bad)
    assert refused.value.location.file == "not really.xlsx"
    assert read_workbook(good).sheets[0].rows == [["fine"]]


def test_only_pccdesk_functions_are_run_by_name(tmp_path: Path) -> None:
    path = small_workbook(tmp_path / "a.xlsx")
    isolation.read_ahead([("json:dumps", ("x",), path)])
    found = isolation._AHEAD.claim(json.dumps, ("x",), {}, path)
    assert found is not None and found[0] == ("failed", "ValueError: not a pccdesk module: json")


def test_the_same_rows_as_reading_in_place(tmp_path: Path) -> None:
    path = small_workbook(tmp_path / "a.xlsx", sheets=2)
    isolation.read_ahead([(READ, (path, None), path)])
    ahead, here = read_workbook(path), read_workbook_here(path)
    assert [(s.name, s.rows) for s in ahead.sheets] == [(s.name, s.rows) for s in here.sheets]


def test_a_new_run_forgets_what_an_earlier_run_read_ahead_and_never_asked_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = _book(tmp_path / "a.xlsx", "first"), _book(tmp_path / "b.xlsx", "second")
    isolation.read_ahead([(READ, (first, None), first)])
    read_workbook(small_workbook(tmp_path / "other.xlsx"))  # not read ahead: the worker's answers are collected
    isolation.read_ahead([(READ, (second, None), second)])
    sent = _count_calls(monkeypatch)
    assert read_workbook(first).sheets[0].rows == [["first"]]
    assert sent == ["read_workbook_here"]  # parsed again, not kept from the earlier run
    assert read_workbook(second).sheets[0].rows == [["second"]]


def test_an_interrupted_wait_never_hands_one_file_s_rows_to_another(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = _book(tmp_path / "a.xlsx", "first"), _book(tmp_path / "b.xlsx", "second")
    isolation.read_ahead([(READ, (first, None), first), (READ, (second, None), second)])
    real = isolation._Worker.receive

    def interrupted(self: isolation._Worker, timeout: float) -> tuple[object, ...]:
        raise KeyboardInterrupt

    monkeypatch.setattr(isolation._Worker, "receive", interrupted)
    with pytest.raises(KeyboardInterrupt):
        read_workbook(first)
    monkeypatch.setattr(isolation._Worker, "receive", real)
    assert read_workbook(second).sheets[0].rows == [["second"]]
    assert read_workbook(first).sheets[0].rows == [["first"]]
