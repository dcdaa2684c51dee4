"""How the pack looks, without xlsxwriter: each status's fill and symbol (always beside the status word) and a
grid's columns.

Kept apart from :mod:`pccdesk.writers.pack_workbook` so that the app's window (which colours its tables the
same way and rates tracker items) opens without importing xlsxwriter before its first paint.
"""

from __future__ import annotations

from pccdesk.records import record

#: Fills chosen from the Okabe–Ito colour-blind-safe palette (lightened so black text stays readable).
#: Status is always written as a word as well: colour is never the only signal.
STATUS_FILLS = {
    "Green": "#B8E0C8",
    "Amber": "#FBD89A",
    "Red": "#F4B6A6",
    "No target": "#E6E6E6",
    "No data": "#FFFFFF",
}
STATUS_SYMBOLS = {"Green": "✔", "Amber": "!", "Red": "✖", "No target": "–", "No data": "…"}


@record(frozen=True)
class Column:
    header: str
    width: float = 14
    kind: str = "text"  # text | number | integer | percent | date | wrap
