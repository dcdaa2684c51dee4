"""Writing output files so that a failure never leaves a half-written file in place.

Every workbook is written to a temporary file in the target folder and moved
over the target in one step (``os.replace``). If Excel has the target open
(Windows locks it; Excel also leaves a ``~$name`` owner file beside it), the old
file is left untouched and the message says who has it open.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pccdesk.problems import Location, PccdeskError


class OutputLockedError(PccdeskError):
    """The target is open in another program; the caller may offer another name."""

    def __init__(self, path: Path, who: str = ""):
        by = f" by {who}" if who else ""
        super().__init__(
            f"the file is open{by} (in Excel?) so it cannot be replaced: close it, or save under another name",
            Location.of(path), code="output-locked")
        self.path = path


def excel_owner(path: Path) -> str | None:
    """If Excel has ``path`` open, the user name in its ``~$`` owner file ('' if unreadable)."""
    owner = path.with_name("~$" + path.name[2:] if len(path.name) > 2 else "~$" + path.name)
    candidates = [owner, path.with_name("~$" + path.name)]
    for candidate in candidates:
        if candidate.exists():
            try:
                raw = candidate.read_bytes()[:54]
                name = raw[1:1 + raw[0]].decode("latin-1").strip() if raw else ""
            except (OSError, IndexError):
                name = ""
            return name
    return None


def check_writable(path: Path) -> None:
    """Fail early, before any work, when the target is known to be open or unwritable."""
    path = Path(path)
    who = excel_owner(path)
    if who is not None:
        raise OutputLockedError(path, who)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise PccdeskError("the folder to save into does not exist", Location.of(folder), code="output-folder-missing")
    if not os.access(folder, os.W_OK):
        raise PccdeskError("this folder cannot be written to (no permission)", Location(str(folder)),
                           code="output-folder-readonly")


@contextlib.contextmanager
def atomic_output(path: str | Path, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success move it over ``path`` in one step.

    Any failure (including a locked target or a full disk) removes the temporary
    file and leaves an existing ``path`` exactly as it was.
    """
    path = Path(path)
    check_writable(path)
    fd, tmp_name = tempfile.mkstemp(prefix=".~" + path.stem[:40] + ".", suffix=suffix or path.suffix or ".tmp",
                                    dir=path.parent if str(path.parent) else ".")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        _fsync(tmp)
        try:
            os.replace(tmp, path)
        except PermissionError as exc:
            raise OutputLockedError(path, excel_owner(path) or "") from exc
        except OSError as exc:
            raise _os_problem(exc, path) from exc
    except OSError as exc:
        raise _os_problem(exc, path) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError), open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _os_problem(exc: OSError, path: Path) -> PccdeskError:
    if isinstance(exc, PccdeskError):
        return exc
    if exc.errno == errno.ENOSPC:
        return PccdeskError("the disk is full: nothing was replaced, the earlier file is unchanged",
                            Location.of(path), code="disk-full")
    if isinstance(exc, PermissionError):
        return OutputLockedError(path, excel_owner(path) or "")
    return PccdeskError(f"the file could not be written ({exc.strerror or exc}); the earlier file is unchanged",
                        Location.of(path), code="write-failed")
