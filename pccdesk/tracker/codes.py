"""Problem codes of the inspections and scrutiny tracker's registers.

Each code is declared here once: the severity it is normally raised at, a plain-English
title and a description of what it means and what to do. Importing this module registers
them in :mod:`pccdesk.problems`.
"""

from __future__ import annotations

from pccdesk.problems import ProblemCode, Severity

TRACKER_BAD_DATE = ProblemCode(
    "tracker-bad-date", Severity.ERROR, "A date in the tracker register cannot be read",
    "A date must be written as 31/03/2025 or 2025-03-31.")
TRACKER_BAD_GRADE = ProblemCode(
    "tracker-bad-grade", Severity.ERROR, "A PEEL grade is not one of the grades",
    "A PEEL grade must be one of the grades HMICFRS uses (Outstanding … Inadequate).")
TRACKER_BAD_KIND = ProblemCode(
    "tracker-bad-kind", Severity.ERROR, "The kind of a tracker item is not one pccdesk knows",
    "The kind of item must be one of those listed in the message.")
TRACKER_BAD_STATUS = ProblemCode(
    "tracker-bad-status", Severity.ERROR, "The status of a tracker item is not one pccdesk knows",
    "The status must be Not started, In progress, Complete or Closed.")
TRACKER_CONFLICTING_FILES = ProblemCode(
    "tracker-conflicting-files", Severity.ERROR, "Two files imported together give the same item differently",
    "A finding, action or PEEL grade is in two of the files with different details; saving both would keep "
    "whichever came last, so nothing is imported. Import only the file that is up to date.")
TRACKER_DUPLICATE_REF = ProblemCode(
    "tracker-duplicate-ref", Severity.ERROR, "Two tracker items have the same reference",
    "Each finding and action needs its own reference; the other use is named.")
TRACKER_EMPTY_UPDATE = ProblemCode(
    "tracker-empty-update", Severity.ERROR, "A progress update is empty",
    "A progress update needs some text.")
TRACKER_GRADE_COLUMN = ProblemCode(
    "tracker-grade-column", Severity.WARNING, "A column of the grades sheet was not recognised",
    "A column of the grades sheet is not a PEEL question; it is left out.")
TRACKER_GRADE_OTHER_AREA = ProblemCode(
    "tracker-grade-other-area", Severity.WARNING, "A grades column is a PEEL area pccdesk does not know",
    "The column holds grades under a heading that is not one of HMICFRS's PEEL areas known to pccdesk; "
    "its grades are kept under that heading.")
TRACKER_GRADE_YEAR = ProblemCode(
    "tracker-grade-year", Severity.ERROR, "The year of a PEEL grade cannot be read",
    "The year or round of a PEEL grade cannot be read.")
TRACKER_MISSING_VALUE = ProblemCode(
    "tracker-missing-value", Severity.ERROR, "A tracker item lacks a value it needs",
    "A value every row of the register needs is blank.")
TRACKER_RAG_NOT_READ = ProblemCode(
    "tracker-rag-not-read", Severity.INFO, "The register's own RAG column is not read",
    "pccdesk works out each finding's RAG from its due date, status and latest update, so the RAG typed in "
    "the register is not read and the two may differ.")
TRACKER_REPORTED_RAG = ProblemCode(
    "tracker-reported-rag", Severity.WARNING, "The RAG the register states differs from the one worked out",
    "The RAG written in the register is not Red, Amber or Green; it is kept as written.")
TRACKER_STATUS_DATES = ProblemCode(
    "tracker-status-dates", Severity.WARNING, "An item has a completion date but is not done",
    "The item's status says it is not done, yet it has a completion date. It is counted by its status (open, "
    "so Red when past its due date); correct the status or the date.")
TRACKER_SHEET_SKIPPED = ProblemCode(
    "tracker-sheet-skipped", Severity.INFO, "A sheet of the register was not read",
    "A sheet without register headings was not read.")
TRACKER_UNKNOWN_REF = ProblemCode(
    "tracker-unknown-ref", Severity.ERROR, "No tracker item has that reference",
    "No finding or action has the reference given.")
TRACKER_UPDATE_UNMATCHED = ProblemCode(
    "tracker-update-unmatched", Severity.WARNING, "A progress update names no known tracker item",
    "A progress update names a reference that no finding or action has.")
