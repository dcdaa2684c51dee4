"""Problem codes of writing output files safely.

Each code is declared here once, with the severity it is normally raised at and a
plain-English title; importing this module registers them in :mod:`pccdesk.problems`.
"""

from __future__ import annotations

from pccdesk.problems import ProblemCode, Severity

DISK_FULL = ProblemCode("disk-full", Severity.ERROR,
                        "The disk is full")
OUTPUT_FOLDER_MISSING = ProblemCode("output-folder-missing", Severity.ERROR,
                                    "The folder to write into does not exist")
OUTPUT_FOLDER_READONLY = ProblemCode("output-folder-readonly", Severity.ERROR,
                                     "The folder to write into cannot be written to")
OUTPUT_LOCKED = ProblemCode("output-locked", Severity.ERROR,
                            "The output file is open in another program")
WRITE_FAILED = ProblemCode("write-failed", Severity.ERROR,
                           "The output file could not be written")
