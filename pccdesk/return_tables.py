"""Finding indicator tables in a force's own spreadsheets (free-form returns)."""

from __future__ import annotations

from typing import Any

from pccdesk.indicator_definitions import Plan
from pccdesk.indicator_returns import ReturnReading
from pccdesk.problems import PccdeskError
from pccdesk.readers import WorkbookData


def read_force_tables(book: WorkbookData, plan: Plan, *, accept_suggestions: bool = False,
                      profiles: Any = None) -> ReturnReading:
    raise PccdeskError("this is not a pccdesk return template, and free-form returns cannot be read yet",
                       book.location())
