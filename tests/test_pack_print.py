"""The pack on paper: every presentation sheet prints at 10 pt or more on A4.

Two independent checks. The first reads the workbook's own print settings with
openpyxl (paper, orientation, margins, fit-to-width, column widths, the fonts
of the cells) and works out the printed text size as a spreadsheet program
does: a sheet fitted to one page wide is scaled by printable width ÷ width of
its columns. Column widths are counted at 7.41 pixels a character, the true
width of the default font's digit (Arial 10: 0.556 em at 96 pixels an inch;
Excel rounds it down to 7, so it prints a little larger). The second prints
the example pack through LibreOffice headless, as a panel secretary would, and
measures the text on the objective pages of the PDF against the Cover (which
is never scaled).
"""

from __future__ import annotations

import collections
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from pccdesk.panel_pack import PackRequest, build
from pccdesk.resources import example_inputs

A4_INCHES = (8.27, 11.69)
DIGIT_PX = 0.556 * 10 * 96 / 72


def printed_sizes(ws: Worksheet) -> tuple[float, float]:
    """(smallest printed cell text, smallest printed header/footer text), in points."""
    setup = ws.page_setup
    assert setup.paperSize == 9, f"{ws.title}: not A4"
    landscape = setup.orientation == "landscape"
    paper = A4_INCHES[1] if landscape else A4_INCHES[0]
    printable_px = (paper - ws.page_margins.left - ws.page_margins.right) * 96
    min_col, min_row, max_col, max_row = 1, 1, ws.max_column, ws.max_row
    if ws.print_area:
        area = ws.print_area if isinstance(ws.print_area, str) else ws.print_area[0]
        min_col, min_row, max_col, max_row = range_boundaries(area.split("!")[-1].replace("$", ""))
    widths = {c: 8.43 + 0.71 for c in range(min_col, max_col + 1)}  # Excel's default column
    for dim in ws.column_dimensions.values():
        if dim.width and dim.min:
            for c in range(dim.min, (dim.max or dim.min) + 1):
                if c in widths:
                    widths[c] = dim.width  # the stored width already includes the cell padding
    total_px = sum(w * DIGIT_PX for w in widths.values())
    fitted = ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
    if fitted and setup.fitToWidth == 1:
        scale = min(1.0, printable_px / total_px)
    else:
        scale = (setup.scale or 100) / 100
    fonts = [cell.font.sz for row in ws.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col)
             for cell in row if cell.value not in (None, "")]
    header_sizes = [float(p.size or 11) for part in (ws.oddHeader, ws.oddFooter)
                    for p in (part.left, part.center, part.right) if p.text]
    header_scaled = ws.HeaderFooter.scaleWithDoc is not False
    header = min(header_sizes or [11.0]) * (scale if header_scaled else 1.0)
    return min(fonts) * scale, header


@pytest.fixture
def demo_pack(tmp_path: Path) -> Path:
    example = example_inputs()
    result = build(PackRequest(definitions=example.plan, returns=example.returns, period=example.period,
                               out=tmp_path / "demo.xlsx", db=tmp_path / "h.sqlite", crime_files=example.crime))
    assert result.out is not None
    return result.out


def test_every_sheet_of_the_example_pack_prints_at_10pt_or_more(demo_pack: Path) -> None:
    wb = openpyxl.load_workbook(demo_pack)
    objective_sheets = [n for n in wb.sheetnames if re.match(r"\d+ ", n)]
    assert len(objective_sheets) == 5
    for ws in wb.worksheets:
        text, header = printed_sizes(ws)
        assert text >= 10 and header >= 10, f"{ws.title} prints at {text:.1f} pt (header {header:.1f} pt)"


def test_a_template_return_pack_prints_at_10pt_or_more(tmp_path, example_plan_path,  # type: ignore[no-untyped-def]
                                                       example_return_path) -> None:
    out = build(PackRequest(definitions=example_plan_path, returns=[example_return_path], period="2015-16 Q1",
                            out=tmp_path / "p.xlsx", use_history=False)).out
    assert out is not None
    for ws in openpyxl.load_workbook(out).worksheets:
        text, header = printed_sizes(ws)
        assert text >= 10 and header >= 10, f"{ws.title} prints at {text:.1f} pt"


def test_the_size_check_sees_a_sheet_that_is_too_wide(tmp_path: Path) -> None:
    """The check itself: 12 columns of 20 characters fitted to A4 landscape print well below 10 pt."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.page_setup.paperSize = 9
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    for c in range(1, 13):
        ws.column_dimensions[get_column_letter(c)].width = 20.71
        ws.cell(1, c, "text")
    ws.page_margins.left = ws.page_margins.right = 0.4
    wb.save(tmp_path / "wide.xlsx")
    text, _ = printed_sizes(openpyxl.load_workbook(tmp_path / "wide.xlsx").active)
    # printable 10.89 in = 1045 px; columns 12 × 20.71 × 7.41 = 1841 px; 11 pt × 1045/1841 = 6.2 pt
    assert text == pytest.approx(11 * (10.89 * 96) / (12 * 20.71 * DIGIT_PX), rel=1e-3)
    assert text < 10


def _pdf_pages(pdf: Path) -> list[list[tuple[float, str]]]:
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', page)
        pages.append([(float(b) - float(a), w) for a, b, w in words])
    return pages


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice (libreoffice-calc-nogui) and poppler-utils are not installed")
def test_printed_through_libreoffice_the_objective_pages_are_10pt_or_more(demo_pack: Path, tmp_path: Path) -> None:
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(demo_pack)], check=True, capture_output=True, timeout=300)
    pages = _pdf_pages(tmp_path / "demo.pdf")

    def body(page: list[tuple[float, str]]) -> float:
        """The most common word height on a page: its body text."""
        return collections.Counter(round(h, 1) for h, _ in page).most_common(1)[0][0]

    text = [" ".join(w for _, w in page) for page in pages]
    cover = body(pages[0])  # 11 pt, portrait, never scaled
    assert "Cover" in text[0]
    objective_pages = [i for i, t in enumerate(text) if re.search(r"\d+ \w.* Page \d+ of \d+|Objective \d+:", t)
                       and "Objective" in t]
    assert len(objective_pages) >= 5
    for i in objective_pages:
        assert body(pages[i]) * 11 / cover >= 9.95, f"page {i + 1} prints at {body(pages[i]) * 11 / cover:.1f} pt"
    # every page has the marking, the period and "Page x of y"
    for i, t in enumerate(text):
        assert "OFFICIAL" in t and f"Page {i + 1} of {len(pages)}" in t
    assert all("2015-16 Q1" in t for t in text)


def test_the_tracker_sheets_print_at_10pt_or_more(tmp_path: Path) -> None:
    from pccdesk.store.history_store import HistoryStore
    from pccdesk.tracker.pack_section import build_tracker_section
    from pccdesk.writers.section_workbook import write_section_workbook as write_report
    from tests.test_tracker_seed_data import TODAY, write_peel_workbook, write_register_workbook

    files = [write_register_workbook(tmp_path / "register.xlsx"), write_peel_workbook(tmp_path / "peel.xlsx")]
    with HistoryStore(tmp_path / "h.sqlite") as store:
        out = write_report(build_tracker_section(store, files, today=TODAY), tmp_path / "tracker.xlsx")
    sheets = openpyxl.load_workbook(out).worksheets
    assert {"Open items", "PEEL grades"} <= {ws.title for ws in sheets}
    for ws in sheets:
        text, header = printed_sizes(ws)
        assert text >= 10 and header >= 10, f"{ws.title} prints at {text:.1f} pt"
