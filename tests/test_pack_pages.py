"""The pack on paper: nothing a reader needs together is split across two printed pages.

Read from the workbook's own print settings with openpyxl (fit-to-page, manual page breaks) and from the
chart's anchor in the drawing part, as a spreadsheet program prints them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pccdesk.panel_pack import PackRequest, build
from pccdesk.resources import example_inputs


@pytest.fixture(scope="module")
def demo_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("pages")
    example = example_inputs()
    result = build(PackRequest(definitions=example.plan, returns=example.returns, period=example.period,
                               out=tmp / "demo.xlsx", db=tmp / "h.sqlite", crime_files=example.crime))
    assert result.out is not None
    return result.out


def breaks_before(ws: Worksheet) -> set[int]:
    """1-based rows that start a new printed page (a break is stored after the row numbered ``id``)."""
    return {brk.id + 1 for brk in ws.row_breaks.brk}


def row_of(ws: Worksheet, start: str) -> int:
    rows = [c.row for row in ws.iter_rows(max_col=1) for c in row if str(c.value or "").startswith(start)]
    assert len(rows) == 1, f"{ws.title}: {start!r} found in rows {rows}"
    return rows[0]


def chart_top_rows(path: Path) -> list[int]:
    """1-based top row of every chart anchored in the workbook's drawings."""
    with zipfile.ZipFile(path) as z:
        rows = []
        for name in z.namelist():
            if name.startswith("xl/drawings/drawing") and name.endswith(".xml"):
                xml = z.read(name).decode()
                rows += [int(m) + 1 for m in re.findall(r"<xdr:from>.*?<xdr:row>(\d+)</xdr:row>", xml, re.S)]
        return rows


def test_the_data_sheet_note_prints_on_one_page(demo_pack: Path) -> None:
    # Its print area (the two lines saying where the figures are) is wider than A4 landscape: unfitted, the
    # title was cut in two across two printed pages ("... a named Ex" | "cel table)").
    ws = openpyxl.load_workbook(demo_pack)["Data"]
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) in ((1, 1), (None, None))  # None = 1


def test_the_force_crime_chart_starts_a_page_of_its_own(demo_pack: Path) -> None:
    # The table and the chart below it do not fit one A4 page: without a break the chart printed cut in half.
    wb = openpyxl.load_workbook(demo_pack)
    ws = wb["Crime Northumbria (force)"]
    note = row_of(ws, "Change and % change are worked out")
    (chart_row,) = chart_top_rows(demo_pack)
    assert chart_row > note
    starts = breaks_before(ws)
    assert any(note < start <= chart_row for start in starts), f"page breaks before rows {sorted(starts)}"
    for name in wb.sheetnames:
        if name.startswith("Crime ") and name != ws.title:
            assert not breaks_before(wb[name]), f"{name} has no chart, so needs no break"


def test_the_summary_counts_heading_prints_with_its_table(demo_pack: Path) -> None:
    # The heading "Status by objective" printed alone at the foot of the exceptions page, its table overleaf.
    ws = openpyxl.load_workbook(demo_pack)["Summary"]
    heading = row_of(ws, "Status by objective")
    assert ws.cell(heading + 1, 2).value == "Objective"
    assert heading in breaks_before(ws)


def test_tracker_sheets_never_break_a_common_word_across_lines(tmp_path: Path) -> None:
    # "Area for improvement" printed as "improvemen" / "t", "Head of Safeguarding" as "Safeguardin" / "g": the
    # narrowed Kind and Owner columns were narrower than the words they hold.
    from pccdesk.store.history_store import HistoryStore
    from pccdesk.tracker.pack_section import build_tracker_section
    from pccdesk.writers.section_workbook import write_section_workbook
    from tests.test_tracker_seed_data import TODAY, write_register_workbook

    with HistoryStore(tmp_path / "h.sqlite") as store:
        section = build_tracker_section(store, [write_register_workbook(tmp_path / "register.xlsx")], today=TODAY)
        path = write_section_workbook(section, tmp_path / "tracker.xlsx")
    book = openpyxl.load_workbook(path)
    broken = []
    for name in ("Open items", "Scrutiny actions", "Inspections"):
        ws = book[name]
        widths = {get_column_letter(i): d.width for d in ws.column_dimensions.values() if d.width and d.min
                  for i in range(d.min, (d.max or d.min) + 1)}  # one <col> may span several equal columns
        for row in ws.iter_rows(min_row=4):
            for c in row:
                if not isinstance(c.value, str) or not (c.alignment and c.alignment.wrap_text):
                    continue
                width = widths.get(c.column_letter, 8.43)
                # Arial 11 in a column of Arial-10 digits: a word of n letters needs about n + 1 of them
                broken += [f"{name}!{c.coordinate} {w!r} in {width:.1f}" for w in c.value.split()
                           if len(w) <= 12 and len(w) + 1 > width]
    assert not broken, broken[:10]


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice (libreoffice-calc-nogui) and poppler-utils are not installed")
def test_the_cover_legend_is_never_split_from_its_last_line(tmp_path: Path) -> None:
    # With the tracker's three sheets in the contents, the Cover ran just over one portrait page: its last line
    # ("Colour is never the only signal ...") printed alone on an otherwise blank second page.
    from tests.test_tracker_seed_data import write_register_workbook

    example = example_inputs()
    register = write_register_workbook(tmp_path / "register.xlsx")
    out = build(PackRequest(definitions=example.plan, returns=example.returns, period=example.period,
                            out=tmp_path / "pack.xlsx", db=tmp_path / "h.sqlite", crime_files=example.crime,
                            include_tracker=True, tracker_files=[register])).out
    assert out is not None
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "pack.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = text.split("\f")
    cover = [p for p in pages if re.search(r"Page \d+ of \d+\s+Cover", p)]
    legend = [p for p in cover if "How to read status" in p]
    assert len(legend) == 1, f"{len(cover)} cover pages"
    assert "Colour is never the only signal" in legend[0]
    assert "Contents" in cover[0]
