"""Writing output files so that a failure never leaves a half-written file in place.

Every workbook is written to a temporary file in the target folder and moved
over the target in one step (``os.replace``). Whatever happens before that
step (a crash, a kill, a full disk, a dropped network drive, a bug) the target
is exactly what it was; the step itself is atomic on one volume, which is why
the temporary file sits beside the target and not in the system temp folder.

Who has the target open is found three ways: Excel's ``~$name.xlsx`` owner
file (it holds the user's name), LibreOffice's ``.~lock.name.xlsx#`` file
(``name,host,user,...``), and on Windows a try at opening the target for
writing (Excel holds it with a share lock). A failed replace with a
permission error is reported the same way. On Windows an owner file that can
itself be opened for writing is a leftover of a crashed Excel and is ignored.

A process killed mid-write leaves its temporary ``.~name.*`` file behind;
the next write to the same target removes such leftovers once they are an
hour old (a younger one may belong to a colleague writing right now).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from pccdesk.problems import Location, PccdeskError
from pccdesk.writers import codes

#: Temporary files of a killed writer older than this are removed by the next write to the same target.
STALE_TEMP_SECONDS = 3600


class OutputLockedError(PccdeskError):
    """The target is open in another program; the caller may offer another name."""

    def __init__(self, path: Path, who: str = ""):
        by = f" by {who}" if who else ""
        super().__init__(
            f"the file is open{by} (in Excel?) so it cannot be replaced: close it, or save under another name; "
            "the earlier file is unchanged",
            Location.of(path), code=codes.OUTPUT_LOCKED)
        self.path = path


def _owner_files(path: Path) -> list[Path]:
    """Excel names its owner file ``~$`` + the name, replacing the first two characters when the name is long."""
    names = ["~$" + path.name]
    if len(path.name) > 2:
        names.append("~$" + path.name[2:])
    return [path.with_name(n) for n in names]


def _in_use_on_windows(candidate: Path) -> bool:
    """On Windows, whether another program holds ``candidate`` open with a share lock."""
    if os.name != "nt":
        return True
    try:
        with open(candidate, "r+b"):
            return False
    except PermissionError:
        return True
    except OSError:
        return True


def excel_owner(path: Path) -> str | None:
    """If Excel has ``path`` open, the user name in its ``~$`` owner file ('' if unreadable)."""
    path = Path(path)
    for candidate in _owner_files(path):
        if not candidate.is_file() or not _in_use_on_windows(candidate):
            continue
        try:
            raw = candidate.read_bytes()[:54]
            name = raw[1:1 + raw[0]].decode("latin-1").strip() if raw else ""
        except (OSError, IndexError):
            name = ""
        return "".join(ch for ch in name if ch.isprintable())
    return None


def libreoffice_owner(path: Path) -> str | None:
    """If LibreOffice has ``path`` open, the user name in its ``.~lock.name#`` file ('' if unreadable)."""
    lock = Path(path).with_name(f".~lock.{Path(path).name}#")
    if not lock.is_file():
        return None
    try:
        fields = lock.read_text(encoding="utf-8", errors="replace").split(",")
    except OSError:
        return ""
    return fields[0].strip() if fields and fields[0].strip() else ""


def lock_owner(path: Path) -> str | None:
    """Who has ``path`` open ('' when unknown), or None when nobody is known to."""
    path = Path(path)
    for finder in (excel_owner, libreoffice_owner):
        who = finder(path)
        if who is not None:
            return who
    if os.name == "nt" and path.is_file() and _in_use_on_windows(path):
        return ""
    return None


def check_writable(path: Path) -> None:
    """Fail early, before any work, when the target is known to be open or unwritable."""
    path = Path(path)
    who = lock_owner(path)
    if who is not None:
        raise OutputLockedError(path, who)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise PccdeskError("the folder to save into does not exist", Location.of(folder), code=codes.OUTPUT_FOLDER_MISSING)
    if not os.access(folder, os.W_OK):
        raise PccdeskError("this folder cannot be written to (no permission)", Location(str(folder)),
                           code=codes.OUTPUT_FOLDER_READONLY)


@contextlib.contextmanager
def atomic_output(path: str | Path, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success move it over ``path`` in one step.

    Any failure (including a locked target or a full disk) removes the temporary
    file and leaves an existing ``path`` exactly as it was.
    """
    path = Path(path)
    check_writable(path)
    folder = path.parent if str(path.parent) else Path(".")
    prefix = ".~" + path.stem[:40] + "."
    ending = suffix or path.suffix or ".tmp"
    _remove_stale_temps(folder, prefix, ending)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=ending, dir=folder)
    except OSError as exc:
        raise _os_problem(exc, path, creating=True) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        _fsync(tmp)
        _give_normal_permissions(tmp, path)
        os.replace(tmp, path)
    except PccdeskError:
        raise
    except OSError as exc:
        raise _os_problem(exc, path) from exc
    except Exception as exc:
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, OSError):  # xlsxwriter wraps the OSError of close() in its FileCreateError
            raise _os_problem(cause, path) from exc
        raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _remove_stale_temps(folder: Path, prefix: str, ending: str) -> None:
    now = time.time()
    try:
        leftovers = [p for p in folder.iterdir() if p.name.startswith(prefix) and p.name.endswith(ending)]
    except OSError:
        return
    for leftover in leftovers:
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > STALE_TEMP_SECONDS:
                leftover.unlink()


def _give_normal_permissions(tmp: Path, target: Path) -> None:
    """mkstemp makes files only their owner can read; a pack on a shared drive must be readable like any other
    file, so the new file takes the old file's permissions, or the usual ones (umask) for a new file."""
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError), open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _os_problem(exc: OSError, path: Path, creating: bool = False) -> PccdeskError:
    if isinstance(exc, PccdeskError):
        return exc
    if exc.errno == errno.ENOSPC:
        return PccdeskError("the disk is full: nothing was replaced, the earlier file is unchanged",
                            Location.of(path), code=codes.DISK_FULL)
    if exc.errno == errno.EROFS or (creating and isinstance(exc, PermissionError)):
        return PccdeskError("this folder cannot be written to (no permission, or a read-only drive); the earlier "
                            "file is unchanged", Location.of(path), code=codes.OUTPUT_FOLDER_READONLY)
    if isinstance(exc, PermissionError):
        return OutputLockedError(path, lock_owner(path) or "")
    return PccdeskError(f"the file could not be written ({exc.strerror or exc}); the earlier file is unchanged",
                        Location.of(path), code=codes.WRITE_FAILED)


# --- outputs that would overwrite an input ------------------------------------------------------------------------

#: Files SQLite keeps beside a database: writing over one damages the history as surely as over the database.
_DB_COMPANIONS = ("", "-wal", "-shm", "-journal")


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file: after resolving links, by device and inode when both exist (hard links
    and other spellings of one file), and case-insensitively on Windows and macOS's usual file systems."""
    a, b = Path(a), Path(b)
    with contextlib.suppress(OSError, ValueError):
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    ra, rb = _resolved(a), _resolved(b)
    if os.name == "nt" or _case_insensitive(ra.parent):
        return os.path.normcase(str(ra)).casefold() == os.path.normcase(str(rb)).casefold()
    return ra == rb


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _case_insensitive(folder: Path) -> bool:
    """Whether ``folder``'s file system ignores case (probed with the folder's own name in another case)."""
    name = folder.name
    if not name or name.swapcase() == name:
        return False
    with contextlib.suppress(OSError):
        other = folder.with_name(name.swapcase())
        return other.exists() and os.path.samefile(folder, other)
    return False


def check_distinct_paths(outputs: Sequence[str | Path], inputs: Sequence[str | Path] = (),
                         db: str | Path | None = None) -> None:
    """Refuse, before anything is read or written, an output that is an input, the history database (or one
    of SQLite's files beside it) or another output. Raises :class:`PccdeskError` (code ``output-collision``)."""
    outs = [Path(p) for p in outputs if p is not None]
    protected: list[tuple[Path, str]] = [(Path(p), "an input file") for p in inputs if p is not None]
    if db is not None:
        protected += [(Path(str(db) + suffix), "the history database" if not suffix else
                       f"the history database's {suffix[1:]} file") for suffix in _DB_COMPANIONS]
    for i, out in enumerate(outs):
        for other, what in protected:
            if same_file(out, other):
                raise PccdeskError(f"the output would overwrite {what} ({other.name}): choose another output name; "
                                   "nothing was read or written", Location.of(out), code=codes.OUTPUT_COLLISION)
        for later in outs[i + 1:]:
            if same_file(out, later):
                raise PccdeskError(f"two outputs are the same file ({later.name}): choose different names; nothing "
                                   "was read or written", Location.of(out), code=codes.OUTPUT_COLLISION)
