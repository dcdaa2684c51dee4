"""Problem codes of opening files: formats, limits, passwords and damaged files.

Each code is declared here once: the severity it is normally raised at, a plain-English
title and a description of what it means and what to do. Importing this module registers
them in :mod:`pccdesk.problems`.
"""

from __future__ import annotations

from pccdesk.problems import ProblemCode, Severity

BAD_PART = ProblemCode(
    "bad-part", Severity.ERROR, "A part inside the workbook is not what its name says",
    "The workbook's contents do not match their declared type; it may be damaged or not made by a "
    "spreadsheet program. Open it in Excel and save it again.")
BAD_PART_NAME = ProblemCode(
    "bad-part-name", Severity.ERROR, "The workbook holds a part with an unsafe name",
    "A part of the workbook is named in a way that could write outside its folder; pccdesk refuses such "
    "files.")
BAD_SETTING = ProblemCode(
    "bad-setting", Severity.ERROR, "A reading limit was set to a value that cannot be used",
    "A reading limit set in the environment is not a positive number; correct or remove the setting.")
DAMAGED_FILE = ProblemCode(
    "damaged-file", Severity.ERROR, "The file is damaged and cannot be read",
    "The file could not be read as the spreadsheet it claims to be. Open it in Excel and save it again, "
    "or ask for a fresh copy.")
DAMAGED_SHEET = ProblemCode(
    "damaged-sheet", Severity.ERROR, "A sheet of the workbook is damaged",
    "One sheet of the workbook could not be read. Open the workbook in Excel and save it again.")
DECRYPT_FAILED = ProblemCode(
    "decrypt-failed", Severity.ERROR, "The protected file could not be unlocked",
    "The file is protected but could not be unlocked even with a password; save it again without "
    "protection or with Excel's standard encryption.")
DUPLICATE_PART = ProblemCode(
    "duplicate-part", Severity.ERROR, "The workbook holds the same part twice",
    "The workbook holds two parts of the same name, which Excel never writes; it may have been tampered "
    "with.")
FILE_MISSING = ProblemCode(
    "file-missing", Severity.ERROR, "The file was not found",
    "No file exists at the path given; check the name and the folder.")
FILE_UNREADABLE = ProblemCode(
    "file-unreadable", Severity.ERROR, "The file could not be opened",
    "The file exists but could not be opened (permissions, or it is locked by another program).")
NOT_A_FILE = ProblemCode(
    "not-a-file", Severity.ERROR, "The name given is a folder, not a file",
    "The path given is a folder; give the spreadsheet inside it.")
NOT_A_SPREADSHEET = ProblemCode(
    "not-a-spreadsheet", Severity.ERROR, "The file is not a spreadsheet or a text table",
    "The file is not a workbook (.xlsx, .xls, .ods) or a delimited text table (.csv); the message says "
    "what it looks like.")
NOT_TEXT = ProblemCode(
    "not-text", Severity.ERROR, "The file is not text that can be read as a table",
    "A .csv or text file holds bytes that are not text in any encoding pccdesk reads.")
PASSWORD_REQUIRED = ProblemCode(
    "password-required", Severity.ERROR, "The file is protected with a password",
    "The file is protected with a password; give it (--password, or when the app asks).")
SHEET_TOO_LARGE = ProblemCode(
    "sheet-too-large", Severity.ERROR, "A sheet is larger than pccdesk will read",
    "A sheet has more rows or columns than pccdesk reads, to keep memory in bounds; split the data or "
    "remove empty rows.")
TOO_LARGE = ProblemCode(
    "too-large", Severity.ERROR, "The file is larger than pccdesk will read",
    "The file is larger than pccdesk reads, to keep memory in bounds.")
TOO_MANY_PARTS = ProblemCode(
    "too-many-parts", Severity.ERROR, "The workbook holds more parts than pccdesk will read",
    "The workbook holds far more internal parts than a real workbook, which pccdesk refuses as unsafe.")
TRUNCATED_FILE = ProblemCode(
    "truncated-file", Severity.ERROR, "The file is cut short (it was not saved or copied completely)",
    "The file ends before its contents do: it was not completely saved, downloaded or copied. Ask for it "
    "again.")
UNEXPECTED_PART = ProblemCode(
    "unexpected-part", Severity.ERROR, "The workbook holds a part pccdesk does not read",
    "The workbook holds a part Excel never writes (for example a script); open it in Excel and save it "
    "again if you trust it.")
WRONG_PASSWORD = ProblemCode(
    "wrong-password", Severity.ERROR, "The password given does not open the file",
    "The password given does not unlock the file; check it with the sender.")
XML_DECLARATION = ProblemCode(
    "xml-declaration", Severity.ERROR, "The workbook holds XML that could be unsafe to read",
    "The workbook holds XML with a declaration that could make a reader fetch other files; Excel never "
    "writes one, so pccdesk refuses it.")
ZIP_BOMB = ProblemCode(
    "zip-bomb", Severity.ERROR, "The workbook would grow far too large when opened",
    "The workbook would expand far beyond its size when opened, a sign of a malicious file; pccdesk "
    "refuses it.")

# --- the reading worker and the checks that see what the parser sees -------------------------------------------
UNSAFE_FILE = ProblemCode(
    "unsafe-file", Severity.ERROR, "The file could not be read safely",
    "Reading the file in pccdesk's separate, limited reading process ran out of memory or time, or the "
    "spreadsheet reader stopped on it: no real return needs that. The file is refused; the app marks it and "
    "does not read it again by itself. Ask the sender to save it again from Excel.")
READER_UNAVAILABLE = ProblemCode(
    "reader-unavailable", Severity.ERROR, "The limited reading process could not be started",
    "Every file is read in a separate process with limits on memory and time; that process could not be "
    "started or limited, so no file was read. Restart pccdesk; if it happens again, tell IT.")
AMBIGUOUS_ZIP = ProblemCode(
    "ambiguous-zip", Severity.ERROR, "The workbook's zip could be read two ways",
    "The file holds more than one zip directory, or parts its directory does not list, so different programs "
    "would see different workbooks in it. Excel never writes one; the file has been altered.")
OVERLAPPING_ZIP_ENTRIES = ProblemCode(
    "overlapping-zip-entries", Severity.ERROR, "Parts of the workbook's zip share their bytes",
    "Two parts of the zip point at the same bytes, as in a zip bomb. Excel never writes one.")
WORKBOOK_TOO_LARGE = ProblemCode(
    "workbook-too-large", Severity.ERROR, "The workbook's sheets together are larger than pccdesk will read",
    "All the sheets together span more cells than pccdesk reads from one file, to keep memory in bounds.")
TOO_MANY_STYLES = ProblemCode(
    "too-many-styles", Severity.ERROR, "The workbook holds more cell formats than Excel allows",
    "styles.xml holds far more cell formats than Excel's 64,000; the file was not made by Excel.")
PART_TOO_LARGE = ProblemCode(
    "part-too-large", Severity.ERROR, "A part of the workbook is far larger than in any real workbook",
    "A part that is read whole (the workbook, its relationships, its styles) is larger than pccdesk allows.")
UNKNOWN_ENCODING = ProblemCode(
    "unknown-encoding", Severity.ERROR, "A part of the workbook declares a text encoding no program writes",
    "An XML part of the workbook names a text encoding Python does not know; the file is damaged or altered.")
FIELD_TOO_LONG = ProblemCode(
    "field-too-long", Severity.ERROR, "A field of the text table is too long",
    "A field of the CSV or text table is longer than 131,072 characters: usually an unclosed quote.")
TOO_MANY_ROWS = ProblemCode(
    "too-many-rows", Severity.ERROR, "The text table has more rows than Excel can hold",
    "The CSV or text table has more than 1,048,576 rows; no return or table is that long.")
ENCRYPTION_REFUSED = ProblemCode(
    "encryption-refused", Severity.ERROR, "The workbook's encryption settings are refused",
    "The protected workbook asks for encryption settings Excel never writes (such as millions of rounds of "
    "password hashing, which would make opening it take minutes). Save it again from Excel.")
