"""The reading worker as a plain forked process and two pipes, where forking is how the worker starts.

On POSIX, when the process has one thread and no Qt (the CLI), :mod:`pccdesk.readers.isolation` forks its
worker. For that one case this module does what :mod:`multiprocessing` does for a forked ``Process`` and a
one-way ``Pipe`` (each message a pickle after its length; the child ends with ``os._exit``, so it never runs
the parent's exit handlers), without importing :mod:`multiprocessing`: that package brings sockets,
``subprocess`` and its own pickler with it, about 10 ms of CPU at the start of every command, before the
first file is read. The app (a fork server, because of Qt's threads) and Windows (spawn) keep
:mod:`multiprocessing`, whose objects have the same methods (:class:`Channel`).
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import time
from collections.abc import Callable
from typing import Any, Protocol

_LENGTH = struct.Struct("!Q")
_CHUNK = 1 << 20


class Channel(Protocol):
    """One end of a one-way pipe of objects: :class:`PipeEnd`, or multiprocessing's ``Connection``."""

    def send(self, obj: Any) -> None: ...

    def recv(self) -> Any: ...

    def poll(self, timeout: float | None = 0.0) -> bool: ...

    def close(self) -> None: ...


class PipeEnd:
    """One end of an ``os.pipe``: objects are sent pickled, each after its length in eight bytes.

    As multiprocessing's ``Connection``: :meth:`recv` raises ``EOFError`` once the other end is closed and
    nothing is left, :meth:`send` raises ``OSError`` (``BrokenPipeError``) when nobody reads any more."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def fileno(self) -> int:
        return self._fd

    def send(self, obj: Any) -> None:
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        self._write(_LENGTH.pack(len(data)))
        self._write(data)

    def recv(self) -> Any:
        (length,) = _LENGTH.unpack(self._read(_LENGTH.size))
        return pickle.loads(self._read(length))

    def poll(self, timeout: float | None = 0.0) -> bool:
        """Whether :meth:`recv` would not wait (a message, or the other end closed), waiting at most
        ``timeout`` seconds (None: as long as it takes)."""
        waiting = select.poll()
        waiting.register(self._fd, select.POLLIN)
        return bool(waiting.poll(None if timeout is None else max(0.0, timeout) * 1000))

    def close(self) -> None:
        if self._fd >= 0:
            fd, self._fd = self._fd, -1
            os.close(fd)

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view):]

    def _read(self, size: int) -> bytes:
        chunks = []
        while size:
            chunk = os.read(self._fd, min(size, _CHUNK))
            if not chunk:
                raise EOFError("the other end of the pipe was closed")
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)


def pipe() -> tuple[PipeEnd, PipeEnd]:
    """A one-way pipe: (the end to receive from, the end to send on), as ``multiprocessing.Pipe(duplex=False)``."""
    read_fd, write_fd = os.pipe()
    return PipeEnd(read_fd), PipeEnd(write_fd)


class ForkedProcess:
    """``target(*args)`` in a forked child, with the part of ``multiprocessing.Process`` the worker uses:
    :meth:`start`, :meth:`is_alive`, :meth:`kill`, :meth:`join`, ``pid`` and ``exitcode`` (negative: the
    signal that ended it)."""

    def __init__(self, target: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self._target = target
        self._args = args
        self.pid: int | None = None
        self.exitcode: int | None = None

    def start(self) -> None:
        pid = os.fork()
        if pid == 0:  # the child: never returns into the caller's code, never runs its exit handlers
            code = 1
            try:
                self._target(*self._args)
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            except BaseException:  # noqa: BLE001, S110 - the exit code says it failed; its output goes nowhere
                pass
            finally:
                os._exit(code)
        self.pid = pid

    def is_alive(self) -> bool:
        if self.pid is None:
            return False
        self._reap(os.WNOHANG)
        return self.exitcode is None

    def kill(self) -> None:
        if self.pid is not None and self.exitcode is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def join(self, timeout: float | None = None) -> None:
        """Wait for the child to end (at most ``timeout`` seconds), and collect its exit code."""
        if self.pid is None:
            return
        if timeout is None:
            self._reap(0)
            return
        deadline = time.monotonic() + timeout
        pause = 0.0001  # a killed child is gone within a fraction of a millisecond: look again soon, then less often
        while self.exitcode is None:
            self._reap(os.WNOHANG)
            if self.exitcode is not None or time.monotonic() >= deadline:
                return
            time.sleep(pause)
            pause = min(pause * 2, 0.01)

    def _reap(self, flags: int) -> None:
        if self.exitcode is not None or self.pid is None:
            return
        try:
            pid, status = os.waitpid(self.pid, flags)
        except ChildProcessError:  # collected elsewhere already: its code is not known
            self.exitcode = 255
            return
        if pid:
            self.exitcode = os.waitstatus_to_exitcode(status)
