"""Half of a long read done on the machine's second core: a child forked from the reading worker.

The reading worker (:mod:`pccdesk.readers.isolation`) is one process, so it reads on one core while a desktop
has two or more. For the one job that is long and splits cleanly (tallying the second half of a big text extract,
:mod:`pccdesk.readers.text_tally`), the worker forks a child for that half and reads the first half itself.

The child is a copy of the worker: the same memory limit, its output sent nowhere. It is forked only where that
is safe: inside the worker (single-threaded, never the desktop app's own process) on POSIX; elsewhere (Windows,
or any other process) :func:`start` returns None and the caller reads both halves itself. The child watches its
parent and stops if the worker is gone (killed for its time limit, say). Whatever goes wrong in the child, the
caller gets None from :meth:`Helper.result` and reads that half itself: the child can make a read faster, never
different.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from typing import Any

_IN_WORKER = False


def mark_worker() -> None:
    """Called once by the reading worker as it starts: forking a helper is safe here."""
    global _IN_WORKER
    _IN_WORKER = True


def parent_gone(parent: int) -> bool:
    """True when the process that forked this one has ended (the child then stops its work)."""
    return os.getppid() != parent


class Helper:
    """A forked child running one function; :meth:`result` waits for its (picklable) return value."""

    def __init__(self, pid: int, reader: int) -> None:
        self.pid, self._reader = pid, reader

    def result(self) -> Any | None:
        """The child's return value, or None when it failed, died or returned nothing."""
        chunks = []
        try:
            while data := os.read(self._reader, 1 << 20):
                chunks.append(data)
        finally:
            os.close(self._reader)
            self._reap()
        try:
            value = pickle.loads(b"".join(chunks)) if chunks else None
        except Exception:  # a child that died while writing: its half is read again by the caller
            return None
        return value

    def cancel(self) -> None:
        """Stop the child and forget its work."""
        try:
            os.kill(self.pid, 9)
        except OSError:
            pass
        os.close(self._reader)
        self._reap()

    def _reap(self) -> None:
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def start(function: Callable[..., Any], *args: Any) -> Helper | None:
    """``function(parent_pid, *args)`` in a forked child; None where forking is not safe or fails."""
    if not _IN_WORKER or sys.platform == "win32" or not hasattr(os, "fork"):
        return None
    parent = os.getpid()
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return None
    if pid:
        os.close(writer)
        return Helper(pid, reader)
    # The child: never returns to the caller's code.
    status = 1
    try:
        os.close(reader)
        data = pickle.dumps(function(parent, *args), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(writer, view):]
        status = 0
    except BaseException:  # noqa: BLE001 - the caller reads this half itself
        status = 1
    finally:
        os._exit(status)
