"""Who may do what in a shared (PostgreSQL) history: a reading role and a writing role.

A performance team's officers import returns, record matching decisions and
write comments: they need a writing role. The panel secretary builds packs from
the history and must not change it: a reading role. The database administrator
creates the login roles (with the force's password rules) and the database,
and runs the migrations as the database's owner (the first pccdesk run does
it); these grants then give each role what it needs and nothing more, now and
for tables later migrations add (``ALTER DEFAULT PRIVILEGES``). The same
statements are listed in the README for administrators who prefer SQL.
"""

from __future__ import annotations

from typing import Any

from pccdesk.problems import Location, PccdeskError
from pccdesk.store import codes, engines

READ, WRITE = "read", "write"


def grant_statements(database: str, schema: str, role: str, access: str) -> list[Any]:
    """The GRANT statements for ``role`` (``READ`` or ``WRITE``), with every name quoted as an identifier."""
    from psycopg import sql

    db, sc, ro = sql.Identifier(database), sql.Identifier(schema), sql.Identifier(role)
    tables = "SELECT" if access == READ else "SELECT, INSERT, UPDATE, DELETE"
    statements = [
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(db, ro),
        sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sc, ro),
        sql.SQL("GRANT " + tables + " ON ALL TABLES IN SCHEMA {} TO {}").format(sc, ro),
        sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT " + tables + " ON TABLES TO {}").format(sc, ro),
    ]
    if access == READ:  # a reader that was a writer before becomes a reader
        statements.insert(3, sql.SQL("REVOKE INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {} FROM {}").format(sc, ro))
    else:  # new rows take their number from the tables' identity sequences
        statements += [
            sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(sc, ro),
            sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT USAGE, SELECT ON SEQUENCES TO {}").format(sc, ro),
        ]
    return statements


def grant(url: str, role: str, access: str) -> list[str]:
    """Give ``role`` read or write access to the history at ``url``; returns the statements run (as text)."""
    if not engines.is_url(url):
        raise PccdeskError("roles exist only on a database server: give --db postgresql://… (a SQLite file is "
                           "protected by the folder's permissions)", Location(str(url)), code=codes.DB_UNOPENABLE)
    from pccdesk.store.history_store import HistoryStore

    with HistoryStore(url) as store:  # creates or upgrades the tables first, so the grants cover them all
        conn = store.conn
        raw = conn.raw  # type: ignore[attr-defined]
        if raw.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
            raise PccdeskError(f"there is no database role named {role}: the administrator creates it first "
                               f"(CREATE ROLE {role} LOGIN PASSWORD '…')", Location(engines.redact(url)),
                               code=codes.DB_UNOPENABLE)
        database, schema = raw.execute("SELECT current_database(), current_schema()").fetchone()
        owns = raw.execute("SELECT pg_has_role(tableowner, 'MEMBER') FROM pg_tables WHERE schemaname = "
                           "current_schema() AND tablename = 'imports'").fetchone()
        if not owns or not owns[0]:  # PostgreSQL would only warn, and grant nothing
            raise PccdeskError("only the owner of the history's tables (or a superuser) can give access: run this "
                               "as the database's owner", Location(engines.redact(url)), code=codes.DB_OWNER_NEEDED)
        done = []
        try:
            with raw.transaction():
                for statement in grant_statements(database, schema, role, access):
                    raw.execute(statement)
                    done.append(statement.as_string(raw))
        except conn.psycopg.errors.InsufficientPrivilege as exc:  # type: ignore[attr-defined]
            raise PccdeskError("only the owner of the history's tables (or a superuser) can give access: run this "
                               "as the database's owner", Location(engines.redact(url)),
                               code=codes.DB_OWNER_NEEDED) from exc
        can_write = raw.execute("SELECT has_table_privilege(%s, 'imports', 'INSERT') AND has_table_privilege(%s, "
                                "'indicator_values', 'UPDATE')", (role, role)).fetchone()[0]
        can_read = raw.execute("SELECT has_table_privilege(%s, 'indicator_values', 'SELECT')", (role,)).fetchone()[0]
        if not can_read or can_write != (access == WRITE):
            raise PccdeskError(f"the grants did not take effect for {role} (a role it belongs to may give more, or "
                               "less): check its memberships with \\du in psql", Location(engines.redact(url)),
                               code=codes.DB_ROLE_READ_ONLY)
        return done
