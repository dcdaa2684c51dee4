"""Problem codes of opening files: formats, limits, passwords and damaged files.

Each code is declared here once, with the severity it is normally raised at and a
plain-English title; importing this module registers them in :mod:`pccdesk.problems`.
"""

from __future__ import annotations

from pccdesk.problems import ProblemCode, Severity

BAD_PART = ProblemCode("bad-part", Severity.ERROR,
                       "A part inside the workbook is not what its name says")
BAD_PART_NAME = ProblemCode("bad-part-name", Severity.ERROR,
                            "The workbook holds a part with an unsafe name")
BAD_SETTING = ProblemCode("bad-setting", Severity.ERROR,
                          "A reading limit was set to a value that cannot be used")
DAMAGED_FILE = ProblemCode("damaged-file", Severity.ERROR,
                           "The file is damaged and cannot be read")
DAMAGED_SHEET = ProblemCode("damaged-sheet", Severity.ERROR,
                            "A sheet of the workbook is damaged")
DECRYPT_FAILED = ProblemCode("decrypt-failed", Severity.ERROR,
                             "The protected file could not be unlocked")
DUPLICATE_PART = ProblemCode("duplicate-part", Severity.ERROR,
                             "The workbook holds the same part twice")
FILE_MISSING = ProblemCode("file-missing", Severity.ERROR,
                           "The file was not found")
FILE_UNREADABLE = ProblemCode("file-unreadable", Severity.ERROR,
                              "The file could not be opened")
NOT_A_FILE = ProblemCode("not-a-file", Severity.ERROR,
                         "The name given is a folder, not a file")
NOT_A_SPREADSHEET = ProblemCode("not-a-spreadsheet", Severity.ERROR,
                                "The file is not a spreadsheet or a text table")
NOT_TEXT = ProblemCode("not-text", Severity.ERROR,
                       "The file is not text that can be read as a table")
PASSWORD_REQUIRED = ProblemCode("password-required", Severity.ERROR,
                                "The file is protected with a password")
SHEET_TOO_LARGE = ProblemCode("sheet-too-large", Severity.ERROR,
                              "A sheet is larger than pccdesk will read")
TOO_LARGE = ProblemCode("too-large", Severity.ERROR,
                        "The file is larger than pccdesk will read")
TOO_MANY_PARTS = ProblemCode("too-many-parts", Severity.ERROR,
                             "The workbook holds more parts than pccdesk will read")
TRUNCATED_FILE = ProblemCode("truncated-file", Severity.ERROR,
                             "The file is cut short (it was not saved or copied completely)")
UNEXPECTED_PART = ProblemCode("unexpected-part", Severity.ERROR,
                              "The workbook holds a part pccdesk does not read")
WRONG_PASSWORD = ProblemCode("wrong-password", Severity.ERROR,
                             "The password given does not open the file")
XML_DECLARATION = ProblemCode("xml-declaration", Severity.ERROR,
                              "The workbook holds XML that could be unsafe to read")
ZIP_BOMB = ProblemCode("zip-bomb", Severity.ERROR,
                       "The workbook would grow far too large when opened")
