"""Numbered schema migrations for the history store, applied in order, each in one transaction.

Never edit a migration that has shipped: add a new one with the next number.
Statements are separated by ``;`` at the end of a line.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str]] = [
    (1, """
CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    reporting_period TEXT NOT NULL,
    period_start TEXT,
    plan_name TEXT,
    imported_at TEXT NOT NULL,
    user_name TEXT NOT NULL
);
CREATE INDEX imports_sha ON imports (file_sha256, reporting_period);
CREATE TABLE indicator_values (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports (id),
    ref TEXT NOT NULL,
    reporting_period TEXT NOT NULL,
    period_start TEXT,
    period_text TEXT,
    value REAL,
    unit TEXT,
    half_width REAL,
    text TEXT,
    sheet TEXT,
    cell TEXT,
    superseded_by INTEGER REFERENCES imports (id)
);
CREATE INDEX indicator_values_ref ON indicator_values (ref, reporting_period);
CREATE TABLE mapping_profiles (
    signature TEXT NOT NULL,
    source_text TEXT NOT NULL,
    ref TEXT,
    decided_at TEXT NOT NULL,
    user_name TEXT NOT NULL,
    PRIMARY KEY (signature, source_text)
)
"""),
]
