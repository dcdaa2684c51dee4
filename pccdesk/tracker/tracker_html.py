"""The tracker in the HTML copy of the pack: the open items, overdue first, as on the "Open items" sheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pccdesk.tracker.tracker_sheets import RatedItem, open_items, rag_text
from pccdesk.writers.html_pack import Cell, HtmlPack


def _date(day: dt.date | None) -> str:
    return f"{day:%d %b %Y}" if day else ""


def write_tracker_html(html: HtmlPack, items: Sequence[RatedItem], today: dt.date) -> None:
    html.section("Inspections and scrutiny: open items")
    pending = open_items(items)
    html.paragraph(f"Open items on {today:%d %B %Y}: overdue first, then by due date. RAG is worked out from the "
                   "due date and the latest update, and written as a word.")
    if not pending:
        html.paragraph("No open items.")
        return
    rows: list[list[Cell | str | None]] = [
        [Cell(i.ref, row_header=True), i.source, i.kind, i.text, i.owner, _date(i.due), i.status.value,
         Cell(rag_text(i.rag.rag), status=i.rag.rag.value), i.rag.reason, _date(i.last_update), i.latest_update]
        for i in pending]
    html.table(f"Open inspection findings and scrutiny actions on {today:%d %B %Y}",
               ["Ref", "From", "Kind", "Item", "Owner", "Due", "Status", "RAG", "Why", "Last update",
                "Latest progress"], rows)
