"""The history store: every imported figure, by indicator and reporting period, in SQLite.

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
import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pccdesk.problems import Location, PccdeskError
from pccdesk.store import codes
from pccdesk.store.integrity import connection_problems
from pccdesk.store.migrations import MIGRATIONS
from pccdesk.values import tidy_number

DB_FILE_NAME = "pccdesk-history.sqlite"


def default_db_path() -> Path:
    """The history database in the user's data folder (``%LOCALAPPDATA%\\pccdesk`` on Windows)."""
    env = os.environ.get("PCCDESK_DB")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("pccdesk", appauthor=False)) / DB_FILE_NAME


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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class ValueToStore:
    ref: str
    period_text: str
    value: float | None
    unit: str | None
    half_width: float | None
    text: str
    sheet: str = ""
    cell: str = ""


@dataclass(frozen=True)
class ImportOutcome:
    import_id: int
    already_imported: bool
    superseded_refs: tuple[str, ...] = ()


class HistoryStore:
    """A connection to one history database. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise PccdeskError(f"the history database cannot be opened ({exc})", Location(str(self.path)),
                               code=codes.DB_UNOPENABLE) from exc
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            # WAL needs shared memory between the processes, which a network share cannot give (SQLite's
            # documentation: "WAL does not work over a network filesystem"); there the rollback journal is used.
            self.conn.execute("PRAGMA journal_mode = DELETE" if on_network_drive(self.path) else "PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise PccdeskError(f"this is not a pccdesk history database, or it is damaged ({exc})",
                               Location(str(self.path)), code=codes.DB_DAMAGED) from exc

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # --- transactions and schema ----------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing: commits on success, rolls back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        row = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='schema_version'").fetchone()
        if row is None:
            return 0
        got = self.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        return int(got or 0)

    def migrate(self) -> None:
        current = self.schema_version
        pending = [(v, sql) for v, sql in MIGRATIONS if v > current]
        if not pending:
            return
        if current > 0:
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
                        conn.execute(statement)
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
        """The one integrity check (:func:`pccdesk.store.integrity.connection_problems`) on this connection."""
        return connection_problems(self.conn)

    # --- indicator values ------------------------------------------------------
    def record_import(self, *, file_path: str | Path, sha256: str, reporting_period: str, period_start: str | None,
                      plan_name: str, values: Sequence[ValueToStore]) -> ImportOutcome:
        """Store a return's values for one reporting period, all or nothing."""
        file_name = Path(file_path).name
        with self.transaction() as conn:
            existing = conn.execute(
                "SELECT id FROM imports WHERE file_sha256 = ? AND reporting_period = ? AND kind = 'indicators'",
                (sha256, reporting_period)).fetchone()
            if existing is not None:
                return ImportOutcome(int(existing["id"]), True)
            cur = conn.execute(
                "INSERT INTO imports (kind, file_name, file_sha256, reporting_period, period_start, plan_name,"
                " imported_at, user_name) VALUES ('indicators', ?, ?, ?, ?, ?, ?, ?)",
                (file_name, sha256, reporting_period, period_start, plan_name, _now(), current_user()))
            import_id = int(cur.lastrowid or 0)
            superseded: list[str] = []
            for v in values:
                old = conn.execute(
                    "UPDATE indicator_values SET superseded_by = ? WHERE ref = ? AND reporting_period = ?"
                    " AND superseded_by IS NULL", (import_id, v.ref, reporting_period))
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
