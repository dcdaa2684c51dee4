"""Every file from outside is parsed in a separate worker process with hard limits on memory and time.

The checks in :mod:`pccdesk.readers.file_checks` refuse the hostile files we
know of before a parser runs; this module is the last line of defence for
the ones nobody has thought of yet. The parsers (calamine in Rust, openpyxl,
xlrd, msoffcrypto) run in a worker process that

* may take at most ``PCCDESK_READ_MEMORY_MB`` (default 1,536) megabytes
  beyond what it holds when it starts: POSIX ``setrlimit(RLIMIT_AS)``; on
  Windows a Job Object with a per-process memory limit (``ctypes``);
* is ended when a file takes longer than ``PCCDESK_READ_TIMEOUT_S`` seconds
  (default 30, plus one second per megabyte of file);
* has its standard output and error sent nowhere, so a parser's dying words
  ("memory allocation of 549755813888 bytes failed") never reach the screen.

A worker that runs out of memory or time, or dies, is replaced and the file is
refused with one plain line (code :data:`REFUSED_CODE`); the calling process,
the desktop app included, stays up. A worker that finishes is reused for the
next file of the run, so the cost per file is the pickling of its rows (the
start of the worker is paid once). On POSIX the worker is forked when the
process has no other threads (the CLI: a plain fork and two pipes, see
:mod:`pccdesk.readers.forked_worker`) and comes from multiprocessing's fork
server otherwise (the app: forking a process with Qt's threads is unsafe);
Windows spawns it.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pccdesk.problems import Location, PccdeskError
from pccdesk.readers import codes, second_core
from pccdesk.records import record

if TYPE_CHECKING:
    from pccdesk.readers.forked_worker import Channel

MEMORY_ENV = "PCCDESK_READ_MEMORY_MB"
TIMEOUT_ENV = "PCCDESK_READ_TIMEOUT_S"
#: The problem code of a file refused because reading it ran out of memory or time, or killed the reader.
REFUSED_CODE = "unsafe-file"
DEFAULT_MEMORY_MB = 1536
DEFAULT_TIMEOUT_S = 30.0
MB = 1024 * 1024
#: Python's own thresholds of the cycle collector, which the worker keeps whatever its caller chose.
_GC_DEFAULTS = (700, 10, 10)
#: Finished workers kept for the next file (the app may read in two threads at once).
_IDLE_KEPT = 2

MEMORY_MESSAGE = "could not be read safely: it asks for more memory than any real return needs"


@record(frozen=True)
class ReadLimits:
    """How much memory and time one file may take to read."""

    memory_bytes: int
    timeout_s: float

    @classmethod
    def for_file(cls, size: int) -> ReadLimits:
        """The limits from the environment; the time limit grows with the file (a second a megabyte)."""
        memory = _positive_number(MEMORY_ENV, DEFAULT_MEMORY_MB) * MB
        raw_timeout = os.environ.get(TIMEOUT_ENV, "").strip()
        timeout = _positive_number(TIMEOUT_ENV, DEFAULT_TIMEOUT_S) if raw_timeout else \
            DEFAULT_TIMEOUT_S + size / MB
        return cls(int(memory), float(timeout))


def _positive_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise PccdeskError(f"{name} must be a number, not '{raw}'", code=codes.BAD_SETTING) from exc
    if not value > 0:
        raise PccdeskError(f"{name} must be more than 0", code=codes.BAD_SETTING)
    return value


def while_reading(job: Callable[[], Any]) -> None:
    """Run ``job`` once in this process while the worker reads the next file (say, importing the modules that
    will write what the file adds up to): the wait for the worker is then not idle time. A job that fails is
    forgotten; whatever it was preparing is done again when needed."""
    _MEANWHILE.append(job)


_MEANWHILE: list[Callable[[], Any]] = []


def _run_meanwhile() -> None:
    while _MEANWHILE:
        job = _MEANWHILE.pop(0)
        try:
            job()
        except Exception:  # noqa: BLE001 - only a head start: the same work is done again where it is needed
            pass


def run_isolated(fn: Callable[..., Any], *args: Any, path: str | Path, **kwargs: Any) -> Any:
    """Run the module-level function ``fn(*args, **kwargs)`` in a worker process and return its (picklable)
    result. Any reader of files from outside calls its parsing through this (``read_workbook`` does).

    A :class:`PccdeskError` raised by ``fn`` is raised here as it was. A
    worker that runs out of memory or time or dies raises a
    :class:`PccdeskError` with code :data:`REFUSED_CODE` naming ``path``.
    """
    path = Path(path)
    ahead = _AHEAD.claim(fn, args, kwargs, path)
    if ahead is not None:
        return _result(*ahead, path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    limits = ReadLimits.for_file(size)
    env = {k: v for k, v in os.environ.items() if k.startswith("PCCDESK_")}
    worker = _POOL.take()
    try:
        outcome = worker.call((fn, args, kwargs, env, limits.memory_bytes, limits.timeout_s), limits.timeout_s)
    except BaseException:
        worker.stop()
        raise
    if outcome[0] in ("ok", "error"):
        _POOL.give_back(worker)
    else:
        worker.stop()
    return _result(outcome, limits, path)


def _result(outcome: tuple[Any, ...], limits: ReadLimits, path: Path) -> Any:
    where = Location.of(path)
    kind = outcome[0]
    if kind == "ok":
        return outcome[1]
    if kind == "error":
        _, message, location, code = outcome
        raise PccdeskError(message, location, code=code)
    if kind == "memory":
        raise PccdeskError(MEMORY_MESSAGE, where, code=REFUSED_CODE)
    if kind == "timeout":
        raise PccdeskError(f"could not be read safely: reading it took longer than {limits.timeout_s:g} seconds "
                           "(a real return takes a few)", where, code=REFUSED_CODE)
    if kind == "died":
        exitcode = outcome[1]
        if exitcode is not None and exitcode < 0 and -exitcode in _MEMORY_SIGNALS:
            raise PccdeskError(MEMORY_MESSAGE, where, code=REFUSED_CODE)
        if exitcode is not None and exitcode < 0 and -exitcode in _TIME_SIGNALS:
            return _result(("timeout",), limits, path)
        raise PccdeskError(f"could not be read safely: the spreadsheet reader stopped on it (exit {exitcode}; a "
                           "damaged or hostile file)", where, code=REFUSED_CODE)
    # "failed": an exception pccdesk does not expect, kept as one line rather than a traceback
    raise PccdeskError(f"could not be read: the spreadsheet reader failed on it ({outcome[1]})", where,
                       code=codes.DAMAGED_FILE)


#: A Rust allocation failure aborts (SIGABRT); the kernel's out-of-memory killer sends SIGKILL.
_MEMORY_SIGNALS = {6, 9}
#: The CPU-time backstop (SIGXCPU): reported as running out of time.
_TIME_SIGNALS = {24}


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self) -> None:
        method = _start_method()
        self.tasks: Channel
        self.results: Channel
        task_in: Channel
        result_out: Channel
        # the worker is handed this side's ends too, to close them: a forked worker that kept the write end of
        # its own task pipe would never see it close, and would outlive a caller that was killed
        if method == "fork":  # the CLI: a plain fork and two os.pipe()s, without multiprocessing (forked_worker)
            from pccdesk.readers.forked_worker import ForkedProcess, pipe

            task_in, self.tasks = pipe()
            self.results, result_out = pipe()
            self.process: Any = ForkedProcess(_serve, (task_in, result_out, (self.tasks, self.results)))
        else:
            import multiprocessing

            context = multiprocessing.get_context(method)
            # two one-way pipes (os.pipe), not a two-way one: that would be a socket pair, and pccdesk opens no
            # sockets
            task_in, self.tasks = context.Pipe(duplex=False)
            self.results, result_out = context.Pipe(duplex=False)
            self.process = context.Process(  # type: ignore[attr-defined]
                target=_serve, args=(task_in, result_out, (self.tasks, self.results)), daemon=True,
                name="pccdesk-reader")
        self.process.start()
        task_in.close()
        result_out.close()

    def call(self, task: tuple[Any, ...], timeout: float) -> tuple[Any, ...]:
        try:
            self.tasks.send(task)
        except OSError:  # BrokenPipeError included
            self.process.join(timeout=5)
            return ("died", self.process.exitcode)
        return self.receive(timeout)

    def receive(self, timeout: float) -> tuple[Any, ...]:
        """The outcome of the oldest task sent and not yet answered, waiting at most ``timeout`` seconds."""
        try:
            _run_meanwhile()
            if not self.results.poll(timeout):
                return ("timeout",)
            outcome: tuple[Any, ...] = self.results.recv()
            return outcome
        except (EOFError, OSError):
            self.process.join(timeout=5)
            return ("died", self.process.exitcode)

    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.tasks.close()
        self.results.close()


class _Pool:
    """Workers reused within a run; one per concurrent read, at most :data:`_IDLE_KEPT` kept idle."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []

    def take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.alive():
                    return worker
                worker.stop()
        try:
            return _Worker()
        except (OSError, RuntimeError, AssertionError) as exc:  # AssertionError: started from a daemonic process
            raise PccdeskError(f"pccdesk could not start its separate reading process ({exc}), so no file is read",
                               code=codes.READER_UNAVAILABLE) from exc

    def give_back(self, worker: _Worker) -> None:
        with self._lock:
            if len(self._idle) < _IDLE_KEPT:
                self._idle.append(worker)
                return
        worker.stop()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()


_POOL = _Pool()
atexit.register(_POOL.close)


# --- reading ahead ----------------------------------------------------------------------------------------------

class _Ahead:
    """A call sent to a worker before anyone asked for it, and the file as it was then. (A plain class: a
    dataclass is built when its module is imported, which is the time this exists to save.)"""

    __slots__ = ("fn", "args", "path", "stamp", "limits", "outcome")

    def __init__(self, fn: str, args: tuple[Any, ...], path: Path, stamp: tuple[int, int] | None,
                 limits: ReadLimits) -> None:
        self.fn = fn  # "module:function"
        self.args = args
        self.path = path
        self.stamp = stamp
        self.limits = limits
        self.outcome: tuple[Any, ...] | None = None  # received, not yet claimed


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


class _ReadAhead:
    """Calls sent to one worker ahead of time (:func:`read_ahead`), whose outcomes :func:`run_isolated` claims
    when the same call is made: the worker reads while the caller is still loading the rest of the program."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._worker: _Worker | None = None
        self._waiting: list[_Ahead] = []  # sent, outcome not yet received (in the order sent)
        self._ready: list[_Ahead] = []  # outcome received, not yet claimed

    def start(self, calls: list[tuple[str, tuple[Any, ...], Path]], warm: tuple[str, ...]) -> None:
        env = {k: v for k, v in os.environ.items() if k.startswith("PCCDESK_")}
        with self._lock:
            if self._worker is not None:
                return
            self._ready.clear()  # a run that stopped before asking for them: a new run reads its own files
            entries = []
            for fn, args, path in calls:
                stamp = _stamp(path)
                limits = ReadLimits.for_file(stamp[0] if stamp else 0)
                entries.append(_Ahead(fn, args, path, stamp, limits))
            worker = _POOL.take()
            try:
                for entry in entries:
                    worker.tasks.send((entry.fn, entry.args, {}, env, entry.limits.memory_bytes,
                                       entry.limits.timeout_s))
                    self._waiting.append(entry)
                for module in warm:
                    worker.tasks.send(("warm", module))
            except OSError:  # the worker is gone already: every file is read when it is asked for
                self._waiting.clear()
                worker.stop()
                return
            self._worker = worker

    def claim(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], path: Path
              ) -> tuple[tuple[Any, ...], ReadLimits] | None:
        """The outcome of this call if it was read ahead (and the file has not changed since), else None."""
        if self._worker is None and not self._ready:
            return None
        name = f"{getattr(fn, '__module__', '')}:{getattr(fn, '__qualname__', '')}"
        with self._lock:
            def same(entry: _Ahead) -> bool:
                return entry.fn == name and entry.args == args and not kwargs and entry.path == path

            match = next((e for e in self._waiting if same(e)), None)
            # outcomes come back in the order sent: those before it (or all of them, when the call is a new one
            # and the worker is wanted for it) are kept for when they are asked for
            while self._waiting and (match is None or match.outcome is None):
                self._receive_next()
            found = next((e for e in self._ready if same(e)), None)
            if found is not None:
                self._ready.remove(found)
            self._release_if_done()
        if found is None or found.outcome is None or _stamp(path) != found.stamp:
            return None  # not read ahead, or the file changed since: read it now
        return found.outcome, found.limits

    def _receive_next(self) -> None:
        worker, entry = self._worker, self._waiting.pop(0)
        assert worker is not None
        try:
            entry.outcome = worker.receive(entry.limits.timeout_s)
        except BaseException:  # interrupted mid-answer: no later answer may be taken for another file's
            worker.stop()
            self._worker = None
            self._waiting.clear()
            raise
        self._ready.append(entry)
        if entry.outcome[0] not in ("ok", "error"):  # ran out of memory or time, or died: stop it; the calls
            worker.stop()                          # still waiting are made afresh when they are asked for
            self._worker = None
            self._waiting.clear()

    def _release_if_done(self) -> None:
        if self._worker is not None and not self._waiting:
            _POOL.give_back(self._worker)
            self._worker = None

    def close(self) -> None:
        with self._lock:
            worker, self._worker = self._worker, None
            self._waiting.clear()
            self._ready.clear()
        if worker is not None:
            worker.stop()


_AHEAD = _ReadAhead()
atexit.register(_AHEAD.close)


def read_ahead(calls: list[tuple[str, tuple[Any, ...], Path]], *, warm: tuple[str, ...] = ()) -> None:
    """Start reading files in a worker now, for :func:`run_isolated` calls that will come: each call is
    ``("pccdesk.module:function", args, path)``, the function as ``run_isolated`` will be given it (no keyword
    arguments). ``warm``: modules the worker imports once those are read, for calls that are not read ahead.

    ``pccdesk pack`` and ``demo`` call this (through ``workbook_reader.read_ahead``) before importing the
    library, and ``panel_pack.build`` as it starts (a second batch while one is under way adds nothing), so
    the worker parses the inputs (same checks, same limits, one file at a time) while the rest of the program
    loads. A call that never comes costs the worker's time only; a file changed in between is read again.
    This never raises: whatever goes wrong here is met, and reported, when the file is read for real.
    """
    try:
        _AHEAD.start(calls, warm)
    except PccdeskError:
        return


def _start_method() -> str:
    """fork where it is safe (one thread, no Qt), a fork server for the app, spawn on Windows."""
    if sys.platform == "win32":
        return "spawn"
    if threading.active_count() == 1 and "PySide6.QtCore" not in sys.modules:
        return "fork"
    return "forkserver"


# --- inside the worker ------------------------------------------------------------------------------------------

def _serve(tasks: Channel, conn: Channel, callers_ends: tuple[Channel, ...] = ()) -> None:
    """The worker's loop: one task at a time from ``tasks``, each outcome sent on ``conn``, until ``tasks``
    closes (the caller stopped the worker, ended or was killed) or the caller stops listening."""
    for end in callers_ends:
        end.close()
    gc.set_threshold(*_GC_DEFAULTS)  # a command's caller may look for cycles less often; the worker does not
    second_core.mark_worker()
    _silence_output()
    base = _address_space()
    job: Any = None
    while True:
        try:
            task = tasks.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        if task[0] == "warm":  # a module to import while idle (read_ahead)
            try:
                importlib.import_module(_own_module(task[1]))
            except Exception:  # noqa: S110  (only a head start: the call that needs it imports it again)
                pass
            continue
        fn, args, kwargs, env, memory, seconds = task
        for key in [k for k in os.environ if k.startswith("PCCDESK_") and k not in env]:
            del os.environ[key]
        os.environ.update(env)
        outcome: tuple[Any, ...]
        try:
            job = _limit_memory(base + memory, job)
            _limit_cpu(seconds)
        except OSError as exc:  # never read without the limit
            conn.send(("error", f"pccdesk could not limit the memory of its reading process ({exc}), so the file "
                       "is not read", Location(), "reader-unavailable"))
            continue
        try:
            if isinstance(fn, str):  # read ahead: named, so that the caller need not import it first
                module, _, name = fn.partition(":")
                fn = getattr(importlib.import_module(_own_module(module)), name)
            outcome = ("ok", fn(*args, **kwargs))
        except PccdeskError as exc:
            outcome = ("error", exc.message, exc.location, exc.code)
        except MemoryError:
            outcome = ("memory",)
        except Exception as exc:  # reported as one line by the caller; the worker stays usable
            outcome = ("failed", f"{type(exc).__name__}: {str(exc)[:160]}")
        try:
            conn.send(outcome)
        except MemoryError:
            del outcome
            conn.send(("memory",))
        except OSError:  # the caller is gone
            return


def _own_module(name: str) -> str:
    """Only pccdesk's own modules are imported by name in the worker."""
    if not name.startswith("pccdesk."):
        raise ValueError(f"not a pccdesk module: {name}")
    return name


def _silence_output() -> None:
    """Send the worker's standard output and error to nowhere (parsers print on damaged files; Rust aborts loudly)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.close(null)
    except OSError:
        pass


def _address_space() -> int:
    """Bytes of address space the worker holds now (Linux: /proc; elsewhere 0, so the limit is absolute)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


def _limit_memory(limit: int, job: Any) -> Any:
    """Cap the worker's memory at ``limit`` bytes: RLIMIT_AS on POSIX, a Job Object on Windows."""
    if sys.platform == "win32":
        return _windows_job_limit(limit, job)
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return None


def _limit_cpu(seconds: float) -> None:
    """A CPU-time backstop (POSIX): a worker whose caller died mid-read still stops, by SIGXCPU."""
    if sys.platform == "win32":
        return
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = int(usage.ru_utime + usage.ru_stime + 2 * seconds) + 1
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _windows_job_limit(limit: int, job: Any) -> Any:
    """Put the worker in a Job Object whose per-process memory limit is ``limit`` (created once, then updated)."""
    import ctypes
    from ctypes import wintypes

    class IoCounters(ctypes.Structure):
        _fields_ = [(name, ctypes.c_ulonglong) for name in (
            "ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
            "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]

    class BasicLimits(ctypes.Structure):
        # DWORD spelled c_uint32: the layout is Windows' (144 bytes in all on 64-bit) wherever this is checked
        _fields_ = [("PerProcessUserTimeLimit", ctypes.c_int64), ("PerJobUserTimeLimit", ctypes.c_int64),
                    ("LimitFlags", ctypes.c_uint32), ("MinimumWorkingSetSize", ctypes.c_size_t),
                    ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", ctypes.c_uint32),
                    ("Affinity", ctypes.c_size_t), ("PriorityClass", ctypes.c_uint32),
                    ("SchedulingClass", ctypes.c_uint32)]

    class ExtendedLimits(ctypes.Structure):
        _fields_ = [("BasicLimitInformation", BasicLimits), ("IoInfo", IoCounters),
                    ("ProcessMemoryLimit", ctypes.c_size_t), ("JobMemoryLimit", ctypes.c_size_t),
                    ("PeakProcessMemoryUsed", ctypes.c_size_t), ("PeakJobMemoryUsed", ctypes.c_size_t)]

    job_object_extended_limit_information = 9
    job_object_limit_process_memory = 0x100
    job_object_limit_die_on_unhandled_exception = 0x400
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.CreateJobObjectW.argtypes = [ctypes.c_void_p, wintypes.LPCWSTR]
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    kernel32.GetCurrentProcess.argtypes = []
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE  # the pseudo-handle -1: argtypes keep it 64-bit
    kernel32.AssignProcessToJobObject.argtypes = [wintypes.HANDLE, wintypes.HANDLE]
    kernel32.AssignProcessToJobObject.restype = wintypes.BOOL
    kernel32.SetInformationJobObject.argtypes = [wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD]
    kernel32.SetInformationJobObject.restype = wintypes.BOOL
    if job is None:
        job = kernel32.CreateJobObjectW(None, None)
        if not job:
            raise OSError(ctypes.get_last_error(), "CreateJobObjectW failed")  # type: ignore[attr-defined]
        if not kernel32.AssignProcessToJobObject(job, kernel32.GetCurrentProcess()):
            raise OSError(ctypes.get_last_error(), "AssignProcessToJobObject failed")  # type: ignore[attr-defined]
    info = ExtendedLimits()
    info.BasicLimitInformation.LimitFlags = job_object_limit_process_memory | \
        job_object_limit_die_on_unhandled_exception
    info.ProcessMemoryLimit = limit
    if not kernel32.SetInformationJobObject(job, job_object_extended_limit_information,
                                            ctypes.byref(info), ctypes.sizeof(info)):
        raise OSError(ctypes.get_last_error(), "SetInformationJobObject failed")  # type: ignore[attr-defined]
    return job
