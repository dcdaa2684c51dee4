"""Problem codes of the inspections and scrutiny tracker's registers.

Each code is declared here once, with the severity it is normally raised at and a
plain-English title; importing this module registers them in :mod:`pccdesk.problems`.
"""

from __future__ import annotations

from pccdesk.problems import ProblemCode, Severity

TRACKER_BAD_DATE = ProblemCode("tracker-bad-date", Severity.ERROR,
                               "A date in the tracker register cannot be read")
TRACKER_BAD_GRADE = ProblemCode("tracker-bad-grade", Severity.ERROR,
                                "A PEEL grade is not one of the grades")
TRACKER_BAD_KIND = ProblemCode("tracker-bad-kind", Severity.ERROR,
                               "The kind of a tracker item is not one pccdesk knows")
TRACKER_BAD_STATUS = ProblemCode("tracker-bad-status", Severity.ERROR,
                                 "The status of a tracker item is not one pccdesk knows")
TRACKER_DUPLICATE_REF = ProblemCode("tracker-duplicate-ref", Severity.ERROR,
                                    "Two tracker items have the same reference")
TRACKER_EMPTY_UPDATE = ProblemCode("tracker-empty-update", Severity.ERROR,
                                   "A progress update is empty")
TRACKER_GRADE_COLUMN = ProblemCode("tracker-grade-column", Severity.WARNING,
                                   "A column of the grades sheet was not recognised")
TRACKER_GRADE_YEAR = ProblemCode("tracker-grade-year", Severity.ERROR,
                                 "The year of a PEEL grade cannot be read")
TRACKER_MISSING_VALUE = ProblemCode("tracker-missing-value", Severity.ERROR,
                                    "A tracker item lacks a value it needs")
TRACKER_REPORTED_RAG = ProblemCode("tracker-reported-rag", Severity.WARNING,
                                   "The RAG the register states differs from the one worked out")
TRACKER_SHEET_SKIPPED = ProblemCode("tracker-sheet-skipped", Severity.INFO,
                                    "A sheet of the register was not read")
TRACKER_UNKNOWN_REF = ProblemCode("tracker-unknown-ref", Severity.ERROR,
                                  "No tracker item has that reference")
TRACKER_UPDATE_UNMATCHED = ProblemCode("tracker-update-unmatched", Severity.WARNING,
                                       "A progress update names no known tracker item")
