"""CSV exports that cannot become formulas when opened in Excel.

A CSV has no types: Excel decides what each field is when it opens the file,
and a field starting with ``=``, ``+``, ``-`` or ``@`` becomes a formula
(``=HYPERLINK("http://evil","click")``, or ``=cmd|' /C calc'!A0`` in old
Excel). Tab and carriage return at the start of a field are treated the same
way by some programs. Following OWASP's "CSV Injection" guidance, every *text*
field starting with one of those characters is written with a leading
apostrophe (Excel shows the text, hides the apostrophe), and every field is
quoted when it holds the delimiter, a quote or a line break (the csv module's
minimal quoting; quotes inside are doubled).

Numbers stay numbers: a negative number written from a Python ``float`` is
not text from an input and is written as ``-2``. A *text* ``"-2"`` is
prefixed, as OWASP asks, because pccdesk cannot know what the force meant by
it. The file is UTF-8 with a byte-order mark so that Excel reads accents and
``£`` correctly, and it is written through :func:`atomic_output`.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pccdesk.writers.safe_output import atomic_output

#: Characters that make a spreadsheet program treat a field as a formula (OWASP CSV Injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> str | int | float:
    """One field as written to a CSV: numbers as numbers, text neutralised, blanks empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return "" if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def write_csv(path: str | Path, header: Sequence[str], rows: Iterable[Sequence[Any]], *,
              delimiter: str = ",") -> Path:
    """Write ``header`` and ``rows`` to ``path`` atomically, every field through :func:`csv_safe`."""
    path = Path(path)
    with atomic_output(path, suffix=".csv") as tmp:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
            writer.writerow([csv_safe(h) for h in header])
            for row in rows:
                writer.writerow([csv_safe(v) for v in row])
    return path
