"""Problem codes of the history database.

Each code is declared here once: the severity it is normally raised at, a plain-English
title and a description of what it means and what to do. Importing this module registers
them in :mod:`pccdesk.problems`.
"""

from __future__ import annotations

from pccdesk.problems import ProblemCode, Severity

BACKUP_FAILED = ProblemCode(
    "backup-failed", Severity.ERROR, "The backup of the history database could not be written",
    "The copy of the history database could not be written; the message says why.")
BACKUP_SAME_FILE = ProblemCode(
    "backup-same-file", Severity.ERROR, "The backup would overwrite the history database itself",
    "The backup path is the database itself; choose another file name.")
DB_DAMAGED = ProblemCode(
    "db-damaged", Severity.ERROR, "The history database is damaged",
    "The history database is damaged or is not a pccdesk database; restore the backup kept beside it.")
DB_MISSING = ProblemCode(
    "db-missing", Severity.ERROR, "The history database was not found",
    "There is no history database at the path given.")
DB_UNOPENABLE = ProblemCode(
    "db-unopenable", Severity.ERROR, "The history database could not be opened",
    "The history database could not be opened (permissions, a missing drive or a lock).")
DECISION_NOT_SAVED = ProblemCode(
    "decision-not-saved", Severity.ERROR, "A matching decision could not be saved",
    "A matching decision could not be saved in the history database; it applies to this run only.")
HISTORY_NO_IMPORT = ProblemCode(
    "history-no-import", Severity.ERROR, "There is no stored return with that number",
    "The number given is not one of those pccdesk history list shows.")
HISTORY_REMOVE_NO_REASON = ProblemCode(
    "history-remove-no-reason", Severity.ERROR, "No reason was given for removing a return",
    "Removing a stored return needs a reason, which is kept in the history for audit.")
HISTORY_REMOVE_WHICH = ProblemCode(
    "history-remove-which", Severity.ERROR, "Which stored return to remove is not clear",
    "Give the number of the return from pccdesk history list, or its file name.")
VALUE_OUT_OF_RANGE = ProblemCode(
    "value-out-of-range", Severity.ERROR, "A figure is beyond what the history can keep",
    "A figure to be stored is infinite or beyond ±10^15; nothing was stored. Correct the cell and import "
    "the return again.")
DB_NEWER = ProblemCode(
    "db-newer", Severity.ERROR, "The history database was made by a newer pccdesk",
    "The history database has a newer schema than this pccdesk knows; update pccdesk before using it.")
DB_READ_ONLY = ProblemCode(
    "db-read-only", Severity.ERROR, "The history database is in a place pccdesk cannot write to",
    "The database file or its folder is read-only; it is not damaged. Ask for write access, or copy it to a "
    "folder you can write to.")
DB_NO_ROOM = ProblemCode(
    "db-no-room", Severity.ERROR, "The history database could not be written: no room",
    "The disk is full, a file size limit was reached or the drive stopped answering; a database that could not "
    "be created is removed.")
DB_ROLE_READ_ONLY = ProblemCode(
    "db-role-read-only", Severity.ERROR, "This user may read the shared history but not change it",
    "The database user of the shared history has read access only (a panel secretary's role); importing or "
    "saving needs a writing role, which the database administrator gives with pccdesk db grant-write.")
DB_COPY_MISMATCH = ProblemCode(
    "db-copy-mismatch", Severity.ERROR, "The copied history does not match the original",
    "After copying a history database the row counts or checksums of the copy differ from the original; the "
    "copy is not to be used.")
DB_COPY_TARGET_NOT_EMPTY = ProblemCode(
    "db-copy-target-not-empty", Severity.ERROR, "The database to copy into already holds a history",
    "pccdesk db copy only copies into an empty database, so that nothing is merged by accident.")
DB_OWNER_NEEDED = ProblemCode(
    "db-owner-needed", Severity.ERROR, "Only the shared history's owner can do this",
    "Giving roles access and upgrading the shared history's tables are for the database's owner (the "
    "administrator); the message says which was asked.")
