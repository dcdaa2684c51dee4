"""``pack --html``: the whole pack as one accessible HTML page, in the workbook's order.

Details, what needs attention, one part per objective, then each section that
can write itself to HTML (recorded crime, the tracker), then the legend. A
section without an HTML part is named on the page, so nobody takes the page
for the whole pack when it is not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from pccdesk.indicators.assessment import IndicatorResult
from pccdesk.indicators.html_sheets import write_front, write_legend, write_objectives, write_summary
from pccdesk.indicators.spc_sheets import has_spc
from pccdesk.indicators.summary_sheets import CoverDetails
from pccdesk.pack_sections import PackSection, write_section_html
from pccdesk.writers.html_pack import HtmlPack


def write_html_copy(path: Path, details: CoverDetails, results: Sequence[IndicatorResult],
                    comments: Mapping[str, str], sections: Sequence[PackSection]) -> Path:
    html = HtmlPack(details.title, details.period, details.marking)
    write_front(html, details)
    write_summary(html, results, comments)
    write_objectives(html, results, comments)
    left_out = [s.title for s in sections if not write_section_html(s, html)]
    if left_out:
        html.section("Not in this page", sheet=False)
        html.paragraph("These parts are in the workbook only: " + "; ".join(left_out) + ".")
    write_legend(html, any(has_spc(r) for r in results))
    return html.write(path)
