"""Readers turn a file into plain rows of values; they know nothing of plans, rules or writers."""

from pccdesk.readers import xml_safety
from pccdesk.readers.options import ReadOptions
from pccdesk.readers.workbook_reader import SheetData, WorkbookData, read_workbook

__all__ = ["ReadOptions", "SheetData", "WorkbookData", "read_workbook"]

xml_safety.install()  # defusedxml for every standard-library XML parser before any file is read
