"""The history store: every imported figure, by indicator and reporting period, in SQLite (or, for a team, on a
PostgreSQL server: the engine's differences are kept in :mod:`pccdesk.store.engines`).

Why SQLite: one file the OPCC can keep on its shared drive and back up, no
server to run. Every change happens inside one transaction (``BEGIN
IMMEDIATE``, so two colleagues importing at once queue rather than clash), the
journal is WAL (the rollback journal on a network share, where WAL cannot
work), and the schema carries a version number with numbered
migrations. Before a migration changes an existing database a backup copy is
made beside it.

An import is identified by the SHA-256 of the file and the reporting period:
importing the same file again changes nothing. A later, different return for
the same period supersedes the earlier values of the same indicators, which
stay queryable.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import hashlib
import math
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from pccdesk.periods import settled_period
from pccdesk.problems import Location, PccdeskError
from pccdesk.records import record
from pccdesk.store import codes, engines
from pccdesk.store.engines import DB_FILE_NAME, default_db_path  # noqa: F401  (where callers have found them)
from pccdesk.store.migrations import MIGRATIONS
from pccdesk.values import FIGURE_LIMIT, tidy_number


def current_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return os.environ.get("USERNAME") or os.environ.get("USER") or "unknown"


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def on_network_drive(path: Path) -> bool:
    """Whether ``path`` is on a network share (a UNC path or mapped drive on Windows; NFS/SMB mounts elsewhere)."""
    resolved = str(Path(path).resolve())
    if os.name == "nt":
        if resolved.startswith("\\\\"):
            return True
        import ctypes

        drive_remote = 4
        return bool(ctypes.windll.kernel32.GetDriveTypeW(resolved[:3]) == drive_remote)  # type: ignore[attr-defined]
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    best, kind = "", ""
    for line in mounts:
        fields = line.split()
        if len(fields) >= 3 and (resolved + "/").startswith(fields[1].rstrip("/") + "/") and len(fields[1]) >= len(best):
            best, kind = fields[1], fields[2]
    return kind in {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "fuse.sshfs", "afs"}


@record(frozen=True)
class StoredValue:
    """One indicator figure as the store holds it."""

    ref: str
    reporting_period: str
    period_text: str
    value: float | None
    unit: str | None
    half_width: float | None
    text: str
    file_name: str
    sheet: str
    cell: str
    import_id: int
    imported_at: str
    user_name: str
    superseded: bool = False
    period_start: str = ""


@record(frozen=True)
class ValueToStore:
    ref: str
    period_text: str
    value: float | None
    unit: str | None
    half_width: float | None
    text: str
    sheet: str = ""
    cell: str = ""


@record(frozen=True)
class ImportOutcome:
    import_id: int
    already_imported: bool
    superseded_refs: tuple[str, ...] = ()
    #: For a file imported before: the indicators whose figures from it a later return has since replaced, and
    #: the names of the files that replaced them (the history's current figures are theirs, not this file's).
    replaced_refs: tuple[str, ...] = ()
    replaced_by: tuple[str, ...] = ()


class HistoryStore:
    """A connection to one history database. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0):
        self.location = engines.as_location(path)  # a path (SQLite) or a postgresql:// URL (PostgreSQL)
        self.path = Path(engines.describe(self.location))
        where = Location(engines.describe(self.location))
        self._deferred = False  # inside one_transaction(): writes wait for the whole run's commit
        self._shared = False
        self._checked = False
        self._timeout = timeout
        self.read_only = False
        self.conn: sqlite3.Connection
        session = _session(self.location)
        held = session.store if session is not None else None
        if held is not None:  # the same database inside one_transaction(): one connection, one transaction
            self.conn, self._deferred, self._shared, self._checked = held.conn, True, True, held._checked
            self.read_only = held.read_only
            return
        if isinstance(self.location, str):
            self._open_server(self.location, timeout, session)
            return
        existed = self.path.exists()
        self.read_only = existed and not _writable(self.path)
        self._created = False  # this call made the file, so a failed creation may remove it
        try:
            if not self.read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            if not existed:
                self._created = _claim_new(self.path)
                existed = not self._created and self.path.exists()  # another process made it first: theirs
            uri = f"{self.path.resolve().as_uri()}?mode=ro" if self.read_only else str(self.path)
            self.conn = sqlite3.connect(uri, timeout=timeout, isolation_level=None, uri=self.read_only)
        except (OSError, sqlite3.Error) as exc:
            raise PccdeskError(f"the history database cannot be opened ({exc})", where,
                               code=codes.DB_UNOPENABLE) from exc
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            if existed:
                self.quick_check()  # before anything, the journal mode included, is written
            if not self.read_only:
                # WAL needs shared memory between the processes, which a network share cannot give (SQLite's
                # documentation: "WAL does not work over a network filesystem"); there the rollback journal
                # is used.
                _set_journal_mode(self.conn, "DELETE" if on_network_drive(self.path) else "WAL", timeout)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.migrate()
            if session is not None:  # the first store of one_transaction(): the session closes the connection
                session.store, self._deferred, self._shared = self, True, True
        except PccdeskError as exc:
            self._give_up(exc)
            raise
        except sqlite3.DatabaseError as exc:
            self._give_up(exc)
            raise _open_error(exc, self.path, existed, timeout) from exc

    def _open_server(self, url: str, timeout: float, session: _Session | None) -> None:
        """A history on a PostgreSQL server: connected, and created or upgraded by the same migrations."""
        self.conn = engines.connect(url, timeout)
        self._checked = True  # the server checks its own pages
        try:
            self.migrate()
        except BaseException:
            self.conn.close()
            raise
        if session is not None:
            session.store, self._deferred, self._shared = self, True, True

    def _give_up(self, exc: Exception) -> None:
        """Close; a database this call was creating is removed, so a failed creation leaves nothing behind.

        Only a file this call made itself (:func:`_claim_new`) is removed, and not when it is busy: then
        another process has it open, and removing it from under that process would lose its work.
        """
        self.conn.close()
        if self._created and not _is_busy(exc):
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(OSError):
                    Path(str(self.path) + suffix).unlink()

    def quick_check(self) -> None:
        """SQLite's quick integrity check, before anything is written: a damaged database is never written to."""
        if self._checked:
            return
        try:
            rows = [r[0] for r in self.conn.execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError as exc:
            rows = [str(exc)]
        if rows != ["ok"]:
            raise PccdeskError(f"the history database is damaged ({rows[0][:120]}); nothing was written to it: "
                               "restore the latest backup (pccdesk db check lists the damage)",
                               Location(str(self.path)), code=codes.DB_DAMAGED)
        self._checked = True

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if not self._shared:
            self.conn.close()

    # --- transactions and schema ----------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing: commits on success, rolls back on any exception.

        Inside :func:`one_transaction` this is a savepoint of the run's one
        transaction: rolled back alone on failure, committed only when the
        whole run (the pack written) succeeds.
        """
        if self.read_only:
            raise PccdeskError("the history database is in a place pccdesk cannot write to (a read-only file or "
                               "folder; it is not damaged): ask for write access, or copy it to a folder you can "
                               "write to and use --db", Location(str(self.path)), code=codes.DB_READ_ONLY)
        if self._deferred:
            if not self.conn.in_transaction:
                with self._busy_said_plainly():
                    engines.begin_write(self.conn)
            self.conn.execute("SAVEPOINT pccdesk_step")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK TO pccdesk_step")
                self.conn.execute("RELEASE pccdesk_step")
                raise
            else:
                self.conn.execute("RELEASE pccdesk_step")
            return
        with self._busy_said_plainly(), engines.write_transaction(self.conn) as conn:  # one writer at a time
            yield conn

    @contextlib.contextmanager
    def _busy_said_plainly(self) -> Iterator[None]:
        """SQLite's "database is locked" (a colleague's pccdesk held it past the wait) in plain words."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc):
                raise
            raise busy_error(self.path, self._timeout) from exc

    @property
    def schema_version(self) -> int:
        if "schema_version" not in engines.table_names(self.conn):
            return 0
        got = self.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        return int(got or 0)

    def migrate(self) -> None:
        current = self.schema_version
        newest = MIGRATIONS[-1][0]
        if current > newest:
            raise PccdeskError(f"this history database was made by a newer pccdesk (schema {current}); update "
                               f"pccdesk (this one knows schema {newest})", Location(str(self.path)),
                               code=codes.DB_NEWER)
        pending = [(v, sql) for v, sql in MIGRATIONS if v > current]
        if not pending:
            return
        if current > 0 and not engines.is_postgres(self.conn):  # PostgreSQL: the server's backups (README)
            self.backup(self.path.with_name(f"{self.path.stem}.before-v{pending[0][0]}"
                                            f"-{dt.datetime.now():%Y%m%d-%H%M%S}{self.path.suffix}"))
        with self.transaction() as conn:
            if self.schema_version >= pending[-1][0]:
                return  # another process migrated while we waited for the lock
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
            for version, sql in pending:
                if version <= self.schema_version:
                    continue
                for statement in sql.split(";\n"):
                    if statement.strip():
                        conn.execute(engines.migration_statement(conn, statement))
                conn.execute("INSERT INTO schema_version VALUES (?, ?)", (version, _now()))

    def backup(self, target: str | Path) -> Path:
        """A consistent copy made with SQLite's online backup, safe while others use the database."""
        target = Path(target)
        dest = sqlite3.connect(str(target))
        try:
            self.conn.backup(dest)
        finally:
            dest.close()
        return target

    def integrity_problems(self) -> list[str]:
        """The one integrity check (:func:`pccdesk.store.integrity.connection_problems` on SQLite, the server's
        counterpart in :func:`pccdesk.store.engines.integrity_problems`) on this connection."""
        return engines.integrity_problems(self.conn)

    # --- indicator values ------------------------------------------------------
    def record_import(self, *, file_path: str | Path, sha256: str, reporting_period: str, period_start: str | None,
                      plan_name: str, values: Sequence[ValueToStore]) -> ImportOutcome:
        """Store a return's values for one reporting period, all or nothing (tried again if the server could not
        serialise it with a colleague's import)."""
        return engines.retrying(self.conn, lambda: self._record_import(
            file_path=file_path, sha256=sha256, reporting_period=reporting_period, period_start=period_start,
            plan_name=plan_name, values=values))

    def _record_import(self, *, file_path: str | Path, sha256: str, reporting_period: str, period_start: str | None,
                       plan_name: str, values: Sequence[ValueToStore]) -> ImportOutcome:
        file_name = Path(file_path).name
        for v in values:
            for number in (v.value, v.half_width):
                check_storable(number, Location(file_name, v.sheet, v.cell))
        with self.transaction() as conn:
            existing = conn.execute(
                "SELECT id FROM imports WHERE file_sha256 = ? AND reporting_period = ? AND kind = 'indicators'",
                (sha256, reporting_period)).fetchone()
            if existing is not None:
                return _already_imported(conn, int(existing["id"]))
            cur = conn.execute(
                "INSERT INTO imports (kind, file_name, file_sha256, reporting_period, period_start, plan_name,"
                " imported_at, user_name) VALUES ('indicators', ?, ?, ?, ?, ?, ?, ?)",
                (file_name, sha256, reporting_period, period_start, plan_name, _now(), current_user()))
            import_id = int(cur.lastrowid or 0)
            labels = _same_period_labels(conn, reporting_period, period_start)
            marks = ", ".join("?" * len(labels))
            superseded: list[str] = []
            for v in values:
                old = conn.execute(
                    f"UPDATE indicator_values SET superseded_by = ? WHERE ref = ? AND reporting_period IN ({marks})"
                    " AND superseded_by IS NULL", (import_id, v.ref, *labels))
                if old.rowcount:
                    superseded.append(v.ref)
                conn.execute(
                    "INSERT INTO indicator_values (import_id, ref, reporting_period, period_start, period_text, value,"
                    " unit, half_width, text, sheet, cell) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (import_id, v.ref, reporting_period, period_start, v.period_text, v.value, v.unit, v.half_width,
                     v.text, v.sheet, v.cell))
            return ImportOutcome(import_id, False, tuple(superseded))

    def series(self, ref: str, *, include_superseded: bool = False) -> list[StoredValue]:
        """Every stored value of an indicator, oldest reporting period first."""
        sql = ("SELECT v.*, i.file_name, i.imported_at, i.user_name FROM indicator_values v"
               " JOIN imports i ON i.id = v.import_id WHERE v.ref = ?")
        if not include_superseded:
            sql += " AND v.superseded_by IS NULL"
        sql += " ORDER BY COALESCE(v.period_start, ''), v.reporting_period, v.import_id"
        return [_stored(row) for row in self.conn.execute(sql, (ref,))]

    def value_before(self, ref: str, reporting_period: str, period_start: str | None) -> StoredValue | None:
        """The latest active value of ``ref`` from a reporting period earlier than the given one."""
        rows = [v for v in self.series(ref) if v.reporting_period != reporting_period and v.value is not None]
        if period_start:
            rows = [v for v in rows if not v.period_start or v.period_start < period_start]
        return rows[-1] if rows else None

    def reporting_periods(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT reporting_period FROM indicator_values WHERE superseded_by IS NULL"
            " GROUP BY reporting_period ORDER BY MIN(COALESCE(period_start, '')), MIN(import_id)")]

    def imports(self) -> list[sqlite3.Row]:
        return list(self.conn.execute("SELECT * FROM imports ORDER BY id"))


def _same_period_labels(conn: sqlite3.Connection, reporting_period: str, period_start: str | None) -> list[str]:
    """``reporting_period`` and the other labels of the same period already stored: a history kept by an older
    pccdesk may hold a quarter as "Q1 2015/16" and as "2015-16 Q1" (or a month as "Jul 2015"), and a corrected
    return must replace the figures stored under either."""
    labels = [reporting_period]
    if period_start:
        settled = settled_period(reporting_period)
        labels += [str(r[0]) for r in conn.execute(
            "SELECT DISTINCT reporting_period FROM indicator_values WHERE period_start = ? AND superseded_by IS NULL"
            " AND reporting_period <> ?", (period_start, reporting_period))
            if settled_period(str(r[0])) == settled]
    return labels


def _already_imported(conn: sqlite3.Connection, import_id: int) -> ImportOutcome:
    """A file imported before: whether later returns have since replaced some of its figures, and which."""
    rows = conn.execute(
        "SELECT v.ref, i.file_name FROM indicator_values v JOIN imports i ON i.id = v.superseded_by"
        " WHERE v.import_id = ? ORDER BY v.id", (import_id,)).fetchall()
    refs = tuple(dict.fromkeys(str(r["ref"]) for r in rows))
    files = tuple(dict.fromkeys(str(r["file_name"]) for r in rows))
    return ImportOutcome(import_id, True, (), refs, files)


#: The largest figure the history stores (either sign), the same as the reader's (values.FIGURE_LIMIT): no police
#: or crime figure comes near it; ±1e308 or a 400-digit "999…%" in a cell is an error, never a figure to keep.
MAX_STORED_MAGNITUDE = FIGURE_LIMIT


def check_storable(number: float | int | None, where: Location) -> None:
    """Refuse a figure that is not a finite number within ±:data:`MAX_STORED_MAGNITUDE` (None is fine)."""
    if number is None:
        return
    try:
        ok = isinstance(number, int | float) and not isinstance(number, bool) and \
            math.isfinite(float(number)) and abs(float(number)) <= MAX_STORED_MAGNITUDE
    except OverflowError:  # an int too large for a float
        ok = False
    if not ok:
        shown = f"{number:.6g}" if isinstance(number, float) else (str(number)[:20] + "…")
        raise PccdeskError(f"the figure {shown} is not a number pccdesk can keep in the history (beyond "
                           f"±{MAX_STORED_MAGNITUDE:.0e}); correct the cell and import the return again; nothing "
                           "was stored", where, code=codes.VALUE_OUT_OF_RANGE)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _claim_new(path: Path) -> bool:
    """Create the empty file of a new database, only if no other process has: whether this call made it.

    Two colleagues starting pccdesk on a new shared history at the same moment
    both find no file; only the one whose exclusive create succeeds may later
    remove it after a failed creation. Any other refusal (a read-only folder)
    is left for SQLite's own open to report, as it always has.
    """
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError:
        return False
    return True


def _is_busy(exc: BaseException) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


#: Pause between two tries at changing the journal mode while another process holds the database.
_JOURNAL_RETRY_PAUSE = 0.02


def _set_journal_mode(conn: sqlite3.Connection, mode: str, timeout: float) -> None:
    """Set the journal mode, waiting (up to ``timeout``) for another process that holds the database.

    SQLite answers a journal mode change at once with "database is locked" while
    another connection is writing, without waiting as the busy timeout makes every
    other statement wait; so two processes creating a new history at the same moment
    needed this loop. A database already in the mode is not changed at all.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).upper() != mode:
                conn.execute(f"PRAGMA journal_mode = {mode}")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(_JOURNAL_RETRY_PAUSE)


def busy_error(path: Path, timeout: float) -> PccdeskError:
    """What to say when another process has held the database longer than this one would wait."""
    return PccdeskError(f"the history database is busy: another pccdesk (a colleague's import or pack) has held it "
                        f"for more than {timeout:g} seconds; nothing was written: try again in a minute",
                        Location(str(path)), code=codes.DB_UNOPENABLE)


def _open_error(exc: sqlite3.DatabaseError, path: Path, existed: bool, timeout: float) -> PccdeskError:
    """Say which of the causes SQLite lumps together it was: busy, no room, no permission, or damage."""
    text = str(exc)
    where = Location(str(path))
    if _is_busy(exc):
        return busy_error(path, timeout)
    if "full" in text or "I/O" in text:
        what = "created" if not existed else "written"
        cause = "the disk is full or a file size limit was reached" if "full" in text else (
            "the disk is full, a file size limit was reached or the drive stopped answering (a network drive "
            "that went away)")  # SQLite says "disk I/O error" for all three
        return PccdeskError(f"the history database could not be {what}: {cause} ({text})"
                            + ("; nothing was left behind" if not existed else ""), where, code=codes.DB_NO_ROOM)
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return PccdeskError(f"the history database is in a place pccdesk cannot write to ({text}; it is not "
                            "damaged): ask for write access, or use --db with a folder you can write to", where,
                            code=codes.DB_READ_ONLY)
    return PccdeskError(f"this is not a pccdesk history database, or it is damaged ({text}); nothing was written "
                        "to it", where, code=codes.DB_DAMAGED)


def connect_for_reading(path: Path) -> sqlite3.Connection:
    """A read-only connection for checking a database, also where its folder is read-only.

    SQLite needs to create a ``-shm`` file beside a WAL database even to read
    it, so in a read-only folder a sound database cannot be opened normally
    and looked damaged. There it is opened as immutable when no ``-wal`` file
    holds changes (the main file is then the whole database); otherwise the
    answer says plainly that it cannot be checked in place.
    """
    uri = path.resolve().as_uri()
    if _writable(path):
        return sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=30)
    wal = Path(str(path) + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise PccdeskError("the history database is in a read-only place and has changes not yet written into it "
                           "(its -wal file), so it cannot be checked there; this is not damage: copy the database "
                           "with its -wal file to a folder you can write to and check the copy", Location(str(path)),
                           code=codes.DB_READ_ONLY)
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=30)


_HELD = threading.local()


class _Session:
    """One database's writes inside :func:`one_transaction`: the store that opened it first, once one has."""

    def __init__(self) -> None:
        self.store: HistoryStore | None = None


def _session(path: engines.DbLocation) -> _Session | None:
    sessions: dict[str, _Session] = getattr(_HELD, "sessions", {})
    return sessions.get(_key(path))


def _key(location: str | Path) -> str:
    path = engines.as_location(location)
    if isinstance(path, str):  # a server's URL is its own key
        return path
    key = str(path.resolve())
    return key.lower() if os.name == "nt" else key


@contextlib.contextmanager
def one_transaction(path: str | Path) -> Iterator[None]:
    """Everything written to the history at ``path`` by this thread inside the block is one transaction.

    The first :class:`HistoryStore` opened on that database inside the block
    opens it (nothing is created if none is); every later one shares its
    connection. Their writes become savepoints, and the whole is committed
    only when the block ends without an exception. A pack is built inside
    one, so its imports are stored if and only if the pack is written: a pack
    that fails stores nothing.
    """
    sessions: dict[str, _Session] = getattr(_HELD, "sessions", None) or {}
    _HELD.sessions = sessions
    key = _key(path)
    session = sessions[key] = _Session()
    try:
        yield
    except BaseException:
        if session.store is not None and session.store.conn.in_transaction:
            session.store.conn.execute("ROLLBACK")
        raise
    else:
        if session.store is not None and session.store.conn.in_transaction:
            session.store.conn.execute("COMMIT")
    finally:
        sessions.pop(key, None)
        if session.store is not None:
            session.store.conn.close()


def _stored(row: sqlite3.Row) -> StoredValue:
    value = StoredValue(
        ref=row["ref"], reporting_period=row["reporting_period"], period_text=row["period_text"] or "",
        value=tidy_number(row["value"]), unit=row["unit"], half_width=row["half_width"], text=row["text"] or "",
        file_name=row["file_name"], sheet=row["sheet"] or "", cell=row["cell"] or "", import_id=row["import_id"],
        imported_at=row["imported_at"], user_name=row["user_name"], superseded=row["superseded_by"] is not None,
        period_start=row["period_start"] or "")
    return value


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
