"""The workbook itself is accessible: properties, language, alternative text, linked contents, plain tables."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from pccdesk.panel_pack import PackRequest, build
from pccdesk.resources import example_inputs


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    example = example_inputs()
    out = build(PackRequest(definitions=example.plan, returns=example.returns, period=example.period,
                            out=tmp_path / "pack.xlsx", db=tmp_path / "h.sqlite", crime_files=example.crime,
                            meeting_date="22 September 2015")).out
    assert out is not None
    return out


def test_title_subject_and_language(pack: Path) -> None:
    props = openpyxl.load_workbook(pack).properties
    assert props.title == "Delivery of the Police and Crime Plan: 2015-16 Q1"
    assert props.subject and "2015-16 Q1" in props.subject
    with zipfile.ZipFile(pack) as z:
        core = z.read("docProps/core.xml").decode("utf-8")
    assert "<dc:language>en-GB</dc:language>" in core


def test_every_chart_has_alternative_text_and_sits_below_its_table(pack: Path) -> None:
    with zipfile.ZipFile(pack) as z:
        drawings = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/drawings/drawing")]
    frames = [f for d in drawings for f in re.findall(r"<xdr:cNvPr [^>]*>", d)]
    assert frames
    for frame in frames:
        descr = re.search(r'descr="([^"]+)"', frame)
        assert descr and "% change in recorded crime" in descr.group(1)
        assert "Total crime +13%" in descr.group(1)  # the figures, not just "a chart"
    anchors = [int(c) for d in drawings for c in re.findall(r"<xdr:from><xdr:col>(\d+)</xdr:col>", d)]
    assert anchors == [0] * len(anchors)  # in column A below the table, so the page keeps its width


def test_cover_contents_link_to_every_sheet_and_explain_the_symbols(pack: Path) -> None:
    wb = openpyxl.load_workbook(pack)
    cover = wb["Cover"]
    links = {c.value: c.hyperlink.location for row in cover.iter_rows() for c in row if c.hyperlink}
    expected = [n for n in wb.sheetnames if n != "Cover"]
    assert list(links) == expected
    assert all(loc == f"'{name}'!A1" for name, loc in links.items())
    words = [c.value for row in cover.iter_rows() for c in row if isinstance(c.value, str)]
    for legend in ("✔ Green", "! Amber", "✖ Red", "⊕ Improved", "⊖ Deteriorated", "▲ Up", "▼ Down"):
        assert legend in words
    sources = cover["B10"].value
    assert "return" in sources and "crime" in sources  # every input file is named, the crime file too


def test_presentation_tables_have_header_rows_and_no_merged_cells(pack: Path) -> None:
    wb = openpyxl.load_workbook(pack)
    for name in wb.sheetnames:
        ws = wb[name]
        if re.match(r"\d+ ", name):
            assert ws.print_title_rows == "$3:$3"
            assert not ws.merged_cells.ranges, name
    summary = wb["Summary"]
    header = [c.value for c in summary[4]]
    assert header == ["Ref", "Indicator", "Status", "Current", "Target", "Change", "Movement", "Force commentary",
                      "OPCC comment"]
    refs = [r[0].value for r in summary.iter_rows(min_row=5) if r[0].hyperlink and r[1].value][:12]
    # every Red or Amber indicator, and every significant deterioration, with a link to its sheet
    assert {"V3", "D2", "C4", "C5", "V4"} <= set(refs)
