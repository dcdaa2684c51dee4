"""Problem codes of the history database.

Each code is declared here once, with the severity it is normally raised at and a
plain-English title; importing this module registers them in :mod:`pccdesk.problems`.
"""

from __future__ import annotations

from pccdesk.problems import ProblemCode, Severity

BACKUP_FAILED = ProblemCode("backup-failed", Severity.ERROR,
                            "The backup of the history database could not be written")
BACKUP_SAME_FILE = ProblemCode("backup-same-file", Severity.ERROR,
                               "The backup would overwrite the history database itself")
DB_DAMAGED = ProblemCode("db-damaged", Severity.ERROR,
                         "The history database is damaged")
DB_MISSING = ProblemCode("db-missing", Severity.ERROR,
                         "The history database was not found")
DB_UNOPENABLE = ProblemCode("db-unopenable", Severity.ERROR,
                            "The history database could not be opened")
DECISION_NOT_SAVED = ProblemCode("decision-not-saved", Severity.ERROR,
                                 "A matching decision could not be saved")
