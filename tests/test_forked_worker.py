"""The forked reading worker's process and pipes behave as the multiprocessing parts they stand in for."""

from __future__ import annotations

import os
import sys
import time

import pytest

from pccdesk.readers.forked_worker import ForkedProcess, pipe

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the forked worker is for POSIX only")


def _echo(tasks, results, callers_ends=()):  # a worker loop in small: every object sent comes back
    for end in callers_ends:
        end.close()
    while True:
        try:
            results.send(tasks.recv())
        except EOFError:
            return


def _start_echo():
    task_in, tasks = pipe()
    results, result_out = pipe()
    process = ForkedProcess(_echo, (task_in, result_out, (tasks, results)))
    process.start()
    task_in.close()
    result_out.close()
    return process, tasks, results


def test_objects_far_larger_than_a_pipe_buffer_come_back_whole_and_in_order():
    process, tasks, results = _start_echo()
    big = {"rows": [[f"cell {r}-{c}" for c in range(20)] for r in range(20_000)]}  # megabytes, not 64 KiB
    tasks.send(big)
    tasks.send(("second", None, 1.5))
    assert results.poll(30)
    assert results.recv() == big
    assert results.recv() == ("second", None, 1.5)
    tasks.close()  # the worker sees its task pipe end, and ends
    process.join(10)
    assert process.exitcode == 0 and not process.is_alive()
    results.close()


def test_recv_says_eof_when_the_worker_ends_without_answering():
    process, tasks, results = _start_echo()
    tasks.close()
    process.join(10)
    assert results.poll(5)  # the closed end counts as something to receive: recv does not wait
    with pytest.raises(EOFError):
        results.recv()
    results.close()


def test_send_fails_with_an_os_error_when_nobody_reads_any_more():
    process, tasks, results = _start_echo()
    process.kill()
    process.join(10)
    with pytest.raises(OSError):
        for _ in range(100):  # the first sends may still fit in the pipe's buffer
            tasks.send(b"x" * 100_000)
    tasks.close()
    results.close()


def test_poll_waits_at_most_its_timeout_when_nothing_comes():
    process, tasks, results = _start_echo()
    started = time.monotonic()
    assert results.poll(0.2) is False
    assert time.monotonic() - started >= 0.15
    tasks.close()
    process.join(10)
    results.close()


def _exit_with(code):
    raise SystemExit(code)


def _fail():
    raise ValueError("a worker that fails")


def _sleep():
    time.sleep(60)


@pytest.mark.parametrize("target, args, expected", [
    (_exit_with, (3,), 3),
    (_fail, (), 1),
    (os.getpid, (), 0),
])
def test_the_exit_code_says_how_the_child_ended(target, args, expected):
    process = ForkedProcess(target, args)
    process.start()
    process.join(10)
    assert process.exitcode == expected


def test_a_killed_child_ends_at_once_with_the_signal_as_a_negative_code():
    process = ForkedProcess(_sleep, ())
    process.start()
    assert process.is_alive()
    process.kill()
    process.join(10)
    assert process.exitcode == -9 and not process.is_alive()


def test_join_with_a_timeout_returns_while_the_child_still_runs():
    process = ForkedProcess(_sleep, ())
    process.start()
    process.join(0.05)
    assert process.exitcode is None and process.is_alive()
    process.kill()
    process.join(10)
