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
    (2, """
CREATE TABLE tracker_inspections (
    title TEXT PRIMARY KEY,
    inspectorate TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '',
    published TEXT,
    forces TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    response_required INTEGER NOT NULL DEFAULT 0,
    response_due TEXT,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE tracker_findings (
    ref TEXT PRIMARY KEY,
    inspection TEXT NOT NULL,
    kind TEXT NOT NULL,
    question TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due TEXT,
    status TEXT NOT NULL,
    completed TEXT,
    force_position TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE tracker_actions (
    ref TEXT PRIMARY KEY,
    meeting TEXT NOT NULL DEFAULT '',
    meeting_date TEXT,
    item TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due TEXT,
    status TEXT NOT NULL,
    completed TEXT,
    outcome TEXT NOT NULL DEFAULT '',
    reported_rag TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE tracker_updates (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL,
    on_date TEXT NOT NULL,
    text TEXT NOT NULL,
    by_name TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (ref, on_date, text)
);
CREATE TABLE tracker_grades (
    force TEXT NOT NULL,
    question TEXT NOT NULL,
    year TEXT NOT NULL,
    grade TEXT,
    percent REAL,
    mark TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (force, question, year)
);
CREATE TABLE tracker_edits (
    id INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    ref TEXT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    user_name TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX tracker_edits_ref ON tracker_edits (ref)
"""),
    # OPCC comments: one current comment per indicator and period; a replaced one is kept with when and by whom.
    (3, """
CREATE TABLE opcc_comments (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL,
    reporting_period TEXT NOT NULL,
    comment TEXT NOT NULL,
    written_by TEXT NOT NULL,
    written_at TEXT NOT NULL,
    replaced_at TEXT
);
CREATE INDEX opcc_comments_period ON opcc_comments (reporting_period, ref)
"""),
    # Returns removed from the history (stored under the wrong period) and other corrections, for the audit.
    (4, """
CREATE TABLE history_corrections (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    import_id INTEGER,
    file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL DEFAULT '',
    reporting_period TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    removed_values TEXT NOT NULL DEFAULT '',
    user_name TEXT NOT NULL,
    at TEXT NOT NULL
)
"""),
]
