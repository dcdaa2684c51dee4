"""Problem codes of writing output files safely.

Each code is declared here once: the severity it is normally raised at, a plain-English
title and a description of what it means and what to do. Importing this module registers
them in :mod:`pccdesk.problems`.
"""

from __future__ import annotations

from pccdesk.problems import ProblemCode, Severity

DISK_FULL = ProblemCode(
    "disk-full", Severity.ERROR, "The disk is full",
    "The disk ran out of space while writing; free some space and run again. Nothing was half-written.")
OUTPUT_FOLDER_MISSING = ProblemCode(
    "output-folder-missing", Severity.ERROR, "The folder to write into does not exist",
    "The folder the output should go in does not exist; create it or choose another.")
OUTPUT_FOLDER_READONLY = ProblemCode(
    "output-folder-readonly", Severity.ERROR, "The folder to write into cannot be written to",
    "pccdesk cannot write into the folder given; choose a folder you can save in.")
OUTPUT_LOCKED = ProblemCode(
    "output-locked", Severity.ERROR, "The output file is open in another program",
    "The output file is open in Excel or another program; close it and run again.")
WRITE_FAILED = ProblemCode(
    "write-failed", Severity.ERROR, "The output file could not be written",
    "The output could not be written; the message says why. Nothing was half-written.")
OUTPUT_COLLISION = ProblemCode(
    "output-collision", Severity.ERROR, "An output would overwrite an input or the history",
    "An output file is the same file as an input, the history database (or a file SQLite keeps beside it) "
    "or another output; nothing was read or written. Choose another output name.")
INVISIBLE_CHARACTERS_REMOVED = ProblemCode(
    "invisible-characters-removed", Severity.WARNING, "Control or invisible direction characters were removed",
    "A text written to the pack held characters that XML forbids or that change how text reads without "
    "being seen (such as a right-to-left override); they were removed from the pack's cell named.")
TEXT_CUT = ProblemCode(
    "text-cut", Severity.WARNING, "A text was cut to fit one Excel cell",
    "A text longer than Excel's 32,767 characters a cell was cut, with a note at the cut, in the cell named.")
