"""The two database engines of the history store: SQLite (a file, the default) and PostgreSQL (a server).

Why two: one officer keeps the history in one SQLite file, with no server to
run; a performance team that imports from several desktops at once needs a
database server with roles. The store's SQL is written once, in standard SQL
both engines accept (``INSERT ... ON CONFLICT``, ``COALESCE``, ``lower``); what
differs is kept here and nowhere else:

- where the database is: a path means SQLite, a ``postgresql://`` URL means
  PostgreSQL (a URL is never taken for a path, so no folder named
  ``postgresql:`` is ever created);
- the parameter style (sqlite3's ``?``, psycopg's ``%s``) and the new row's id
  (``lastrowid`` against ``RETURNING id``);
- the types in the migrations (SQLite's ``REAL`` is 8 bytes, PostgreSQL's only 4:
  figures are stored as ``DOUBLE PRECISION``; text compares byte by byte,
  ``COLLATE "C"``, so both engines sort the same way);
- how a writing transaction queues behind another: ``BEGIN IMMEDIATE`` in
  SQLite, a transaction-level advisory lock in PostgreSQL, so two officers
  importing at once are serialised exactly as on SQLite, and a transaction
  that still fails to serialise (error 40001 or a deadlock) is run again;
- a user allowed to read but not to write is refused with one plain line.

A password in a URL is never printed: :func:`redact` replaces it, and every
message names the database through :func:`describe`. psycopg (libpq) reads
``PGPASSWORD`` and ``~/.pgpass`` itself, so the URL need not hold one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from pccdesk.problems import Location, PccdeskError
from pccdesk.store import codes

URL_SCHEMES = ("postgresql://", "postgres://")
#: the advisory lock every writing transaction takes (an arbitrary constant: "pccdesk" in ASCII, as an integer)
WRITE_LOCK_KEY = 0x70636364657368
#: how often a transaction that failed to serialise is tried again, and how long to wait first
RETRIES = 6
_RETRY_PAUSE = 0.05
T = TypeVar("T")

DbLocation = Path | str  # a SQLite file or a postgresql:// URL


def is_url(location: object) -> bool:
    """Whether ``location`` names a PostgreSQL server (a URL) rather than a SQLite file."""
    return isinstance(location, str) and location.lower().startswith(URL_SCHEMES)


DB_FILE_NAME = "pccdesk-history.sqlite"


def default_db_path() -> DbLocation:
    """The history database: ``PCCDESK_DB`` (a path or a ``postgresql://`` URL), else a file in the user's data
    folder (``%LOCALAPPDATA%\\pccdesk`` on Windows). Here rather than in ``history_store`` so that the app can
    name its history before its first paint without importing the store."""
    env = os.environ.get("PCCDESK_DB")
    if env:
        return as_location(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("pccdesk", appauthor=False)) / DB_FILE_NAME


def as_location(value: str | Path) -> DbLocation:
    """A ``--db`` value, ``PCCDESK_DB`` or a setting as the store takes it: a URL stays a string, anything
    else is a path. Also usable as an argparse ``type``.

    A URL that was already made into a path (``Path`` folds ``//`` into ``/``) is recognised and restored,
    rather than creating a folder named ``postgresql:``.
    """
    text = str(value)
    if is_url(text):
        return text
    for scheme in URL_SCHEMES:
        folded = scheme.replace("://", ":/")
        if text.lower().startswith(folded) and not text.lower().startswith(scheme):
            return scheme + text[len(folded):].replace("\\", "/")
    return Path(value)


def redact(url: str) -> str:
    """The URL with any password replaced by ``***`` (also in ``password=`` query parameters)."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        if ":" in userinfo:
            userinfo = userinfo.split(":", 1)[0] + ":***"
        netloc = f"{userinfo}@{host}"
    query = re.sub(r"(?i)(^|&)(password)=[^&]*", r"\1\2=***", parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def describe(location: DbLocation) -> str:
    """How messages, logs and the pack name the database: the path, or the URL without its password."""
    return redact(location) if isinstance(location, str) else str(location)


def hide_secrets(text: str, location: DbLocation) -> str:
    """``text`` (a driver's message) with the location's password removed wherever it appears."""
    if isinstance(location, str):
        text = text.replace(location, redact(location))
        password = urlsplit(location).password
        if password:
            text = text.replace(password, "***")
    return text


# --- PostgreSQL ---------------------------------------------------------------------------------------------
class Row(tuple):  # type: ignore[type-arg]
    """A result row read by position or by column name, like ``sqlite3.Row``."""

    _names: dict[str, int]

    def __new__(cls, names: dict[str, int], values: Sequence[Any]) -> Row:
        row = super().__new__(cls, values)
        row._names = names
        return row

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return super().__getitem__(self._names[key])
        return super().__getitem__(key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: Any) -> Callable[[Sequence[Any]], Row]:
    names = {c.name: i for i, c in enumerate(cursor.description or ())}
    return lambda values: Row(names, values)


#: tables whose new rows get their number from the database (``lastrowid``)
_ID_TABLES = {"imports", "indicator_values", "tracker_updates", "tracker_edits", "opcc_comments",
              "history_corrections"}
_INSERT = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.IGNORECASE)


def to_pyformat(sql: str) -> str:
    """sqlite3's ``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled); quoted text is left alone."""
    out: list[str] = []
    for i, part in enumerate(re.split(r"('(?:[^']|'')*')", sql)):
        if i % 2:
            out.append(part.replace("%", "%%"))
        else:
            out.append(part.replace("%", "%%").replace("?", "%s"))
    return "".join(out)


def _plain(value: Any) -> Any:
    """A parameter as sqlite3 would store it: a date as ISO text, True as 1."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class PgCursor:
    """The part of ``sqlite3.Cursor`` the store uses, over a psycopg cursor."""

    def __init__(self, cursor: Any, lastrowid: int | None = None):
        self._cursor = cursor
        self.lastrowid = lastrowid
        self._first: list[Any] = []

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)

    def fetchone(self) -> Any:
        if self._first:
            return self._first.pop()
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self) -> list[Any]:
        rows = [*self._first, *(self._cursor.fetchall() if self._cursor.description else [])]
        self._first = []
        return rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class PgConnection:
    """The part of ``sqlite3.Connection`` the store uses (``execute``, ``close``), over psycopg 3."""

    kind = "postgresql"

    def __init__(self, url: str, timeout: float):
        try:
            import psycopg
        except ImportError as exc:
            raise PccdeskError("a PostgreSQL history needs the psycopg driver: pip install 'pccdesk[postgres]'",
                               Location(redact(url)), code=codes.DB_UNOPENABLE) from exc
        self.url = url
        self.psycopg = psycopg
        try:
            self.raw = psycopg.connect(url, autocommit=True, connect_timeout=max(1, int(timeout)),
                                       application_name="pccdesk")
        except psycopg.Error as exc:
            raise PccdeskError(f"the history database cannot be reached ({hide_secrets(_first_line(exc), url)})",
                               Location(redact(url)), code=codes.DB_UNOPENABLE) from exc
        self.raw.row_factory = _row_factory
        self.raw.execute(f"SET lock_timeout = '{int(timeout * 1000)}ms'")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgCursor:
        match = _INSERT.match(sql)
        returning = bool(match and match.group(1).lower() in _ID_TABLES and "RETURNING" not in sql.upper())
        query = to_pyformat(sql) + (" RETURNING id" if returning else "")
        try:
            cursor = self.raw.execute(query, [_plain(p) for p in params])  # type: ignore[arg-type]
        except self.psycopg.errors.InsufficientPrivilege as exc:
            if re.match(r"\s*(CREATE|ALTER|DROP)\b", sql, re.IGNORECASE):  # a migration
                raise PccdeskError("this version of pccdesk needs to upgrade the shared history, which only the "
                                   "database's owner may do: ask the administrator to run pccdesk once as the owner",
                                   Location(redact(self.url)), code=codes.DB_OWNER_NEEDED) from exc
            raise read_only_error(self.url) from exc
        except self.psycopg.OperationalError as exc:
            if not self.raw.closed and not self.raw.broken:
                raise  # a serialisation failure, a deadlock or a lock wait: the caller may try again
            raise PccdeskError("the connection to the history database was lost "
                               f"({hide_secrets(_first_line(exc), self.url)}); an unfinished change was not kept: "
                               "run the command again", Location(redact(self.url)),
                               code=codes.DB_UNOPENABLE) from exc
        result = PgCursor(cursor)
        if returning:
            row = cursor.fetchone()
            result.lastrowid = int(row[0]) if row is not None else None
        return result

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open (``sqlite3.Connection.in_transaction``)."""
        return bool(self.raw.info.transaction_status != self.psycopg.pq.TransactionStatus.IDLE)

    def close(self) -> None:
        self.raw.close()


def read_only_error(url: str) -> PccdeskError:
    user = urlsplit(url).username or "this user"
    return PccdeskError(f"{user} may read this history but not change it: ask the database administrator for "
                        "write access (pccdesk db grant-write)", Location(redact(url)), code=codes.DB_ROLE_READ_ONLY)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def connect(location: DbLocation, timeout: float) -> Any:
    """An open connection: ``sqlite3.Connection`` for a path, :class:`PgConnection` for a URL."""
    if isinstance(location, str):
        return PgConnection(location, timeout)
    location.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(location), timeout=timeout, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def is_postgres(conn: Any) -> bool:
    return isinstance(conn, PgConnection)


def begin_write(conn: Any) -> None:
    """Open a writing transaction that queues behind any other writer's (``BEGIN IMMEDIATE`` on SQLite)."""
    if not is_postgres(conn):
        conn.execute("BEGIN IMMEDIATE")
        return
    conn.raw.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
    try:
        conn.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
    except BaseException:
        with contextlib.suppress(conn.psycopg.Error):
            conn.raw.execute("ROLLBACK")
        raise


@contextlib.contextmanager
def write_transaction(conn: Any) -> Iterator[Any]:
    """All or nothing, and one writer at a time (the next queues until this one ends)."""
    begin_write(conn)
    try:
        yield conn
    except BaseException:
        if is_postgres(conn):
            with contextlib.suppress(conn.psycopg.Error, PccdeskError):  # a lost connection rolled back already
                conn.raw.execute("ROLLBACK")
        else:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def retrying(conn: Any, work: Callable[[], T], attempts: int = RETRIES) -> T:
    """``work()`` (one whole transaction), run again when PostgreSQL could not serialise it or found a deadlock."""
    if not is_postgres(conn):
        return work()
    errors = conn.psycopg.errors
    for attempt in range(attempts):
        try:
            return work()
        except (errors.SerializationFailure, errors.DeadlockDetected, errors.LockNotAvailable) as exc:
            if attempt == attempts - 1:
                if isinstance(exc, errors.LockNotAvailable):
                    raise PccdeskError("the shared history is busy: a colleague's import or pack has held it for "
                                       "too long; nothing was stored: try again in a minute",
                                       Location(redact(conn.url)), code=codes.DB_UNOPENABLE) from exc
                raise
            time.sleep(_RETRY_PAUSE * (2 ** attempt))
    raise AssertionError("unreachable")


def table_names(conn: Any) -> set[str]:
    if is_postgres(conn):
        rows = conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
    else:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {r[0] for r in rows}


def migration_statement(conn: Any, statement: str) -> str:
    """One statement of a migration as this engine needs it (the migrations are written for SQLite)."""
    if not is_postgres(conn):
        return statement
    statement = re.sub(r"\bid INTEGER PRIMARY KEY\b", "id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
                       statement)
    statement = re.sub(r"\bREAL\b", "DOUBLE PRECISION", statement)
    return re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', statement)


def integrity_problems(conn: Any) -> list[str]:
    """What the engine's own checks find wrong (empty when sound); reads only."""
    if is_postgres(conn):
        if "schema_version" not in table_names(conn):
            return ["this is not a pccdesk history database (no schema_version table)"]
        problems = []
        for table, column, parent in FOREIGN_KEYS:
            missing = conn.execute(f"SELECT COUNT(*) FROM {table} t WHERE t.{column} IS NOT NULL AND NOT EXISTS "
                                   f"(SELECT 1 FROM {parent} p WHERE p.id = t.{column})").fetchone()[0]
            if missing:
                problems.append(f"{missing} row(s) of {table} point to a missing row of {parent}")
        from pccdesk.store.integrity import doubled_figures

        return problems + doubled_figures(conn)
    from pccdesk.store.integrity import connection_problems

    return connection_problems(conn)


#: the references between tables, checked by ``db check`` on PostgreSQL (its own constraints enforce them too)
FOREIGN_KEYS = (("indicator_values", "import_id", "imports"), ("indicator_values", "superseded_by", "imports"))


def reset_id_sequences(conn: Any) -> None:
    """After rows were copied in with their own ids, new rows continue after the largest (PostgreSQL only)."""
    if not is_postgres(conn):
        return
    for table in sorted(_ID_TABLES):
        conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                     f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)")
