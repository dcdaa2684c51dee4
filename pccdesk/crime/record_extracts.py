"""Record-level crime extracts (one row per crime, often 100,000–1,000,000 rows) aggregated into the tables.

The work is split by concern: :mod:`~pccdesk.crime.extract_columns` (which
heading holds what), :mod:`~pccdesk.crime.extract_reading` (the rows, streamed
through the readers and grouped as they pass), :mod:`~pccdesk.crime.extract_dates`
(dates and the compared periods), :mod:`~pccdesk.crime.extract_categories`
(which category a record counts under) and :mod:`~pccdesk.crime.extract_counting`
(force, months and areas into the comparison). This module is their one
entry point for the rest of pccdesk. Every file is read in the reading worker
process (:mod:`pccdesk.readers.isolation`), which sends back only the counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pccdesk.crime.categories import CategoryList
from pccdesk.crime.crime_model import CrimeImport
from pccdesk.crime.extract_columns import ROLES, ExtractColumns, find_columns, is_record_extract, recognise
from pccdesk.crime.extract_counting import count_extracts
from pccdesk.crime.extract_dates import PERIOD_CHOICES, Periods, choose_periods
from pccdesk.crime.extract_reading import LoadedExtract, load_extract, open_extract
from pccdesk.readers.row_stream import forget_cached_sheets, peek_rows

__all__ = ["PERIOD_CHOICES", "ROLES", "ExtractColumns", "LoadedExtract", "Periods", "choose_periods",
           "count_extracts", "find_columns", "forget_cached_sheets", "is_record_extract", "load_extract",
           "open_extract", "peek_rows", "read_extract", "recognise"]


def read_extract(path: Path, categories: CategoryList, *, force: str | None = None, period: str | None = None,
                 password: str | None = None, remembered: Mapping[str, str] | None = None,
                 peeked: tuple[list[list[Any]], str] | None = None) -> CrimeImport:
    """Count the crimes of one extract by area and category for the two periods."""
    loaded = load_extract(path, password=password, remembered=remembered, peeked=peeked)
    return count_extracts([loaded], categories, force=force, period=period)
