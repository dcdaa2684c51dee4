"""Reading an .xlsx sheet's XML directly gives what python-calamine gives, or declines and leaves it to calamine.

The reference is python-calamine itself (the parser every other path uses): its ``iter_rows`` over the first
sheet, each row's chosen cells counted (its rows start at the sheet's first column holding a value, so columns
are shifted back by ``sheet.start``). :mod:`pccdesk.readers.sheet_tally` must give the same counts, cell for cell
and type for type, or raise :class:`NotPlain`; and workbooks as Excel, LibreOffice, openpyxl and xlsxwriter
write them must not make it decline (else the fast path would never be taken and these tests would prove little).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any
from unittest import mock

import openpyxl
import pytest
import python_calamine as pc
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pccdesk.crime import extract_reading
from pccdesk.readers import second_core, sheet_tally
from pccdesk.readers.sheet_tally import NotPlain, PlainSheet

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"


def _typed(value: Any) -> tuple[str, Any]:
    return type(value).__name__, value  # True == 1.0 in a Counter: keep the type apart


def calamine_tally(path: Path, header_row: int, columns: tuple[int, ...], ref: int | None) -> tuple[Counter, int]:
    book = pc.CalamineWorkbook.from_path(str(path))
    sheet = book.get_sheet_by_name(book.sheet_names[0])
    offset = sheet.start[1] if sheet.start else 0
    counts: Counter = Counter()
    blanks = 0
    for row in list(sheet.iter_rows())[header_row + 1:]:
        def cell(c: int, row: list[Any] = row) -> Any:
            return row[c - offset] if 0 <= c - offset < len(row) else ""
        counts[tuple(_typed(cell(c)) for c in columns)] += 1
        if ref is not None:
            r = cell(ref)
            blanks += r is None or (isinstance(r, str) and not r.strip())
    return counts, blanks


def xml_tally(path: Path, header_row: int, columns: tuple[int, ...], ref: int | None,
              two_cores: bool = False) -> tuple[Counter, int]:
    sheet = PlainSheet(path, path.read_bytes())
    counts: Counter = Counter()
    blanks = 0
    for tally in sheet.tally(header_row, columns, ref, two_cores=two_cores):
        for values, blank, n in tally.items():
            counts[tuple(_typed(v) for v in values)] += n
            blanks += n if blank else 0
    return counts, blanks


def read_both_ways(path: Path) -> tuple[Any, Any]:
    """The extract read from its sheet's XML (which must be how it was read) and, again, by calamine."""
    used = []
    original = extract_reading._load_xml
    with mock.patch.object(extract_reading, "_load_xml", lambda *a, **k: used.append(1) or original(*a, **k)):
        loaded = extract_reading.open_extract_here(path)
    with mock.patch.object(extract_reading, "_sheet_xml", lambda path, checked: None):
        reference = extract_reading.open_extract_here(path)
    assert used and loaded is not None and reference is not None
    return loaded, reference


def calamine_head(path: Path, n: int) -> list[list[Any]]:
    book = pc.CalamineWorkbook.from_path(str(path))
    sheet = book.get_sheet_by_name(book.sheet_names[0])
    offset = sheet.start[1] if sheet.start else 0
    rows = [_trim([""] * offset + list(r)) for r in list(sheet.iter_rows())[:n]]
    while rows and not rows[-1]:
        rows.pop()
    return [[_typed(v) for v in r] for r in rows]


def _trim(row: list[Any]) -> list[Any]:
    while row and row[-1] == "" and row[-1].__class__ is str:
        row = row[:-1]
    return row


def xml_head(path: Path, n: int) -> list[list[Any]]:
    rows = PlainSheet(path, path.read_bytes()).head_rows(n)
    return [[_typed(v) for v in _trim(r)] for r in rows]


# --- workbooks written several ways ---------------------------------------------------------------------------
TEXTS = ["Robbery", "Anti-social behaviour", "Sunderland", "", " ", "  x", "y  ", "a & b", "<tag>", "Café", "x\ny",
         "1,000", "'quoted", "N/A", "\u00a0", "日本", "=not a formula", "-"]
FORMATS = [None, "dd/mm/yyyy", "yyyy-mm-dd hh:mm", "[$-809]dd/mm/yyyy;@", "d mmm yyyy", "0.00", "General", "@",
           "mm-dd-yy", "#,##0"]
CELL = st.one_of(
    st.none(),
    st.tuples(st.just("s"), st.sampled_from(TEXTS)),
    st.tuples(st.just("n"), st.sampled_from([0, 1.5, -3, 41850, 1e20, 0.1, 43466.75, 61, 2958465])),
    st.tuples(st.just("d"), st.sampled_from([dt.datetime(2019, 1, 2), dt.datetime(2019, 1, 2, 13, 45),
                                             dt.datetime(1999, 12, 31, 23, 59, 59), dt.datetime(2024, 2, 29)])),
    st.tuples(st.just("b"), st.booleans()),
    st.tuples(st.just("f"), st.sampled_from([("=1+1", 2), ('="a"&"b"', "ab"), ("=1/0", "#DIV/0!")])),
    st.tuples(st.just("blank"), st.just(None)),
)


@st.composite
def sheets(draw):  # type: ignore[no-untyped-def]
    width = draw(st.integers(1, 8))
    rows = []
    for _ in range(draw(st.integers(0, 25))):
        if draw(st.integers(0, 9)) == 0:
            rows.append(None)  # a row left out altogether
            continue
        rows.append([(draw(CELL), draw(st.sampled_from(FORMATS))) for _ in range(width)])
    trailing = draw(st.integers(0, 2))  # rows of formatted blanks after the last value
    return width, rows, trailing


def write(path: Path, spec: tuple[int, list, int], writer: str) -> None:
    width, rows, trailing = spec
    headings = [f"Heading {c}" for c in range(width)]
    if writer == "openpyxl":
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(headings)
        for r, row in enumerate(rows, start=2):
            for c, (cell, fmt) in enumerate(row or []):
                if cell is None:
                    continue
                kind, value = cell
                target = sheet.cell(row=r, column=c + 1)
                if kind == "f":
                    continue  # openpyxl writes no cached values
                target.value = value if kind != "blank" else None
                if fmt and kind in ("n", "d", "blank"):
                    target.number_format = fmt
        for t in range(trailing):
            sheet.cell(row=len(rows) + 2 + t, column=1).number_format = "0.00"
        book.save(path)
        return
    book = xlsxwriter.Workbook(str(path), {"constant_memory": writer == "constant_memory",
                                           "strings_to_numbers": False, "strings_to_formulas": False,
                                           "strings_to_urls": False})
    sheet = book.add_worksheet("Records")
    formats = {f: book.add_format({"num_format": f}) if f else None for f in FORMATS}
    for c, head in enumerate(headings):
        sheet.write_string(0, c, head)
    for r, row in enumerate(rows, start=1):
        for c, (cell, fmt) in enumerate(row or []):
            if cell is None:
                continue
            kind, value = cell
            style = formats[fmt]
            if kind == "s":
                sheet.write_string(r, c, value, style)
            elif kind == "n":
                sheet.write_number(r, c, value, style)
            elif kind == "d":
                sheet.write_datetime(r, c, value, style or formats["dd/mm/yyyy"])
            elif kind == "b":
                sheet.write_boolean(r, c, value, style)
            elif kind == "f":
                sheet.write_formula(r, c, value[0], style, value[1])
            else:
                sheet.write_blank(r, c, None, formats["0.00"])
    for t in range(trailing):
        sheet.write_blank(len(rows) + 1 + t, 0, None, formats["0.00"])
    book.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=sheets(), writer=st.sampled_from(["shared", "constant_memory", "openpyxl"]),
       picks=st.lists(st.integers(0, 8), min_size=1, max_size=4, unique=True), ref=st.integers(0, 9),
       header=st.integers(0, 2), block=st.sampled_from([64, 333, sheet_tally.BLOCK_BYTES]))
def test_tally_is_calamines(tmp_path: Path, spec, writer, picks, ref, header, block) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"{writer}.xlsx"
    write(path, spec, writer)
    columns = tuple(picks)
    watched = None if ref in columns or ref > 8 else ref
    try:
        with mock.patch.object(sheet_tally, "BLOCK_BYTES", block):  # small blocks: every seam is crossed
            got = xml_tally(path, header, columns, watched)
            head = xml_head(path, 30)
    except NotPlain:
        return  # declined: calamine reads it (see the test below that ordinary sheets are not declined)
    assert got == calamine_tally(path, header, columns, watched)
    assert head == calamine_head(path, 30)


ORDINARY_TEXTS = [t for t in TEXTS if t == t.strip() and "\n" not in t]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(writer=st.sampled_from(["shared", "constant_memory"]), rows=st.lists(st.tuples(
    st.sampled_from(ORDINARY_TEXTS), st.sampled_from([dt.datetime(2019, 1, 2), dt.datetime(2019, 3, 4, 10, 30)]),
    st.sampled_from(ORDINARY_TEXTS)), max_size=30))
def test_ordinary_sheets_are_read_from_their_xml(tmp_path: Path, writer: str, rows) -> None:  # type: ignore[no-untyped-def]
    spec = (3, [[(("s", a), None), (("d", d), "dd/mm/yyyy"), (("s", b), None)] for a, d, b in rows], 1)
    path = tmp_path / "ordinary.xlsx"
    write(path, spec, writer)
    assert xml_tally(path, 0, (1, 2), 0) == calamine_tally(path, 0, (1, 2), 0)


# --- shapes only a hand-made file has -------------------------------------------------------------------------
def _base(tmp_path: Path) -> Path:
    path = tmp_path / "base.xlsx"
    write(path, (3, [[(("s", "R1"), None), (("d", dt.datetime(2019, 1, 2)), "dd/mm/yyyy"), (("s", "Robbery"), None)],
                     [(("s", "R2"), None), (("d", dt.datetime(2019, 1, 3)), "dd/mm/yyyy"), (("s", "Theft"), None)]],
                 0), "constant_memory")
    return path


def _edited(tmp_path: Path, part: str, old: bytes, new: bytes, name: str = "edited.xlsx") -> Path:
    source = _base(tmp_path)
    target = tmp_path / name
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                assert old in data, (old, data[:600])
                data = data.replace(old, new, 1)
            zout.writestr(item, data)
    return target


SHEET = "xl/worksheets/sheet1.xml"
DECLINED = [
    ("prefixed row", SHEET, b'<row r="3">', b'<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="3">'),
    ("row without its number first", SHEET, b'<row r="3">', b'<row spans="1:3" r="3">'),
    ("cells out of order", SHEET, b'<c r="B3" s="1"><v>43468</v></c><c r="C3"',
     b'<c r="C3" t="inlineStr"><is><t>Theft</t></is></c><c r="B3" s="1"><v>43468</v></c><c r="Z3"'),
    ("rows out of order", SHEET, b'<row r="3">', b'<row r="2">'),
    ("rich inline text", SHEET, b"<is><t>Theft</t></is>", b"<is><r><t>Th</t></r><r><t>eft</t></r></is>"),
    ("Excel escape", SHEET, b"<t>Theft</t>", b"<t>The_x0020_ft</t>"),
    ("1904 dates", "xl/workbook.xml", b"<workbookPr", b'<workbookPr date1904="1"'),
    ("unclassified date format", "xl/styles.xml", b'formatCode="dd/mm/yyyy"', b'formatCode="[Red]dd/mm/yyyy"'),
    ("ISO date cell", SHEET, b'<c r="B3" s="1"><v>43468</v></c>', b'<c r="B3" t="d"><v>2019-01-03</v></c>'),
    ("empty value element in the last row", SHEET, b'</row></sheetData>',
     b'</row><row r="9"><c r="D9"><v></v></c></row></sheetData>'),
    ("counted cell placed in another row", SHEET, b'<c r="B3" s="1">', b'<c r="B7" s="1">'),
    ("cell attribute other than s and t", SHEET, b'<c r="B3" s="1">', b'<c r="B3" s="1" cm="1">'),
]


@pytest.mark.parametrize(("what", "part", "old", "new"), DECLINED, ids=[d[0] for d in DECLINED])
def test_unusual_shapes_are_declined_and_counted_by_calamine(tmp_path: Path, what: str, part: str, old: bytes,
                                                             new: bytes) -> None:
    path = _edited(tmp_path, part, old, new)
    with pytest.raises(NotPlain):
        xml_tally(path, 0, (1, 2), 0)
        xml_head(path, 30)
    # and the extract as a whole still counts as calamine counts it
    loaded = extract_reading.open_extract_here(path)
    with mock.patch.object(extract_reading, "_sheet_xml", lambda path, checked: None):
        reference = extract_reading.open_extract_here(path)
    assert (loaded is None) == (reference is None)
    if loaded is not None and reference is not None:
        assert (loaded.counts, loaded.rows, loaded.problems) == (reference.counts, reference.rows, reference.problems)


READ_ALIKE = [
    ("formula with cached text", SHEET, b'<c r="C3" t="inlineStr"><is><t>Theft</t></is></c>',
     b'<c r="C3" t="str"><f>"Theft"</f><v>Theft</v></c>'),
    ("entity in text", SHEET, b"<t>Theft</t>", b"<t>Theft &amp; handling &#233;</t>"),
    ("text kept with its spaces", SHEET, b"<t>Theft</t>", b'<t xml:space="preserve"> Theft </t>'),
    ("error cell", SHEET, b'<c r="C3" t="inlineStr"><is><t>Theft</t></is></c>', b'<c r="C3" t="e"><v>#N/A</v></c>'),
    ("formula never calculated", SHEET, b'<c r="C3" t="inlineStr"><is><t>Theft</t></is></c>',
     b'<c r="C3"><f>A1</f></c>'),
    ("empty value element", SHEET, b'<c r="C2" t="inlineStr"><is><t>Robbery</t></is></c>',
     b'<c r="C2"><f>A1</f><v/></c>'),
    ("row with many attributes", SHEET, b'<row r="3">',
     b'<row r="3" spans="1:3" customFormat="false" ht="12.8" hidden="false" outlineLevel="0" collapsed="false">'),
    ("self-closing row in the middle", SHEET, b'<row r="3">', b'<row r="3"/><row r="4">'),
    ("gap of missing rows", SHEET, b'<row r="3">', b'<row r="9">'),
]


@pytest.mark.parametrize(("what", "part", "old", "new"), READ_ALIKE, ids=[d[0] for d in READ_ALIKE])
def test_other_writers_shapes_are_read_alike(tmp_path: Path, what: str, part: str, old: bytes, new: bytes) -> None:
    path = _edited(tmp_path, part, old, new)
    if what == "gap of missing rows":  # the cells of the moved row must follow it
        path = _edited(tmp_path, part, b'<row r="3"><c r="A3"', b'<row r="9"><c r="A9"', "gap.xlsx")
        data = zipfile.ZipFile(path).read(SHEET)
        assert b'r="B3"' in data  # the other cells keep row 3's digits: rewrite them too
        path = _rewrite_row(tmp_path, path, b"3", b"9")
    if what == "self-closing row in the middle":
        path = _rewrite_row(tmp_path, path, b"3", b"4")
    assert xml_tally(path, 0, (1, 2), 0) == calamine_tally(path, 0, (1, 2), 0)
    assert xml_head(path, 30) == calamine_head(path, 30)


def _rewrite_row(tmp_path: Path, path: Path, old: bytes, new: bytes) -> Path:
    target = tmp_path / f"row-{new.decode()}.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == SHEET:
                data = re.sub(rb'<c r="([A-Z]+)' + old + rb'"', rb'<c r="\g<1>' + new + rb'"', data)
            zout.writestr(item, data)
    return target


# --- whole extracts: the counts the panel sees -----------------------------------------------------------------
def _extract(path: Path, writer: str, title: bool) -> None:
    rows = []
    cats = ["Robbery", "Anti-social behaviour", "Burglary", "Vehicle crime", "Shoplifting"]
    for i in range(400):
        ref = ("s", f"R{i}") if i % 37 else (None if i % 2 else ("s", " "))
        when = ("d", dt.datetime(2019, 1 + i % 3, 1 + i % 28, i % 24)) if i % 53 else ("s", "not a date")
        rows.append([(ref, None), (when, "dd/mm/yyyy"), (("s", cats[i % 5]), None),
                     (("s", ["Sunderland", "Gateshead"][i % 2]), None)])
        if i % 97 == 0:
            rows.append(None)
    spec = (4, rows, 2)
    write(path, spec, writer)
    if title:  # a title row above the headings, as report exports have
        book = openpyxl.load_workbook(path)
        book.active.insert_rows(1)
        book.active["A1"] = "Crime records (OFFICIAL-SENSITIVE)"
        book.save(path)


@pytest.mark.parametrize("writer", ["shared", "constant_memory", "openpyxl"])
@pytest.mark.parametrize("title", [False, True])
def test_extract_counts_equal_calamines(tmp_path: Path, writer: str, title: bool) -> None:
    path = tmp_path / "extract.xlsx"
    _extract(path, writer, title)
    for i, heading in enumerate(["Crime ID", "Date", "Crime type", "Area"]):
        _set_heading(path, i, heading, 1 if title else 0)
    loaded, reference = read_both_ways(path)
    assert loaded.counts == reference.counts and loaded.rows == reference.rows
    assert loaded.problems == reference.problems and loaded.sheet == reference.sheet
    # and by hand: 400 records less 80 anti-social behaviour, less the 8 with no date (i % 53 == 0 but one ASB)
    no_date = [i for i in range(400) if i % 53 == 0 and i % 5 != 1]
    assert sum(loaded.counts.values()) == 400 - 80 - len(no_date)


def _set_heading(path: Path, column: int, text: str, row: int) -> None:
    book = openpyxl.load_workbook(path)
    book.active.cell(row=row + 1, column=column + 1).value = text
    book.save(path)


# --- real workbooks -----------------------------------------------------------------------------------------------
REAL = sorted(REALDATA.glob("*.xlsx")) if REALDATA.is_dir() else []


@pytest.mark.parametrize("path", REAL, ids=[p.name for p in REAL])
def test_real_workbooks_read_alike(path: Path) -> None:
    try:
        head = xml_head(path, 60)
    except NotPlain as exc:
        pytest.skip(f"declined: {exc}")
    assert head == calamine_head(path, 60)
    for columns in ((0, 1, 2), (3, 5), (1,)):
        try:
            got = xml_tally(path, 2, columns, 0 if 0 not in columns else None)
        except NotPlain:
            continue
        assert got == calamine_tally(path, 2, columns, 0 if 0 not in columns else None)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_workbook_reads_alike(tmp_path: Path) -> None:
    csv_path = tmp_path / "street.csv"
    lines = ["Crime ID,Month,Falls within,LSOA name,Crime type"]
    for i in range(300):
        ref = "" if i % 41 == 0 else f"id{i}"
        lines.append(f"{ref},2019-0{1 + i % 3},Durham Constabulary,"
                     f"County Durham 0{i % 9}A,{['Robbery', 'Anti-social behaviour', 'Burglary'][i % 3]}")
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(csv_path)],
                   check=True, capture_output=True, timeout=180)
    path = tmp_path / "street.xlsx"
    assert xml_tally(path, 0, (1, 4, 2), 0) == calamine_tally(path, 0, (1, 4, 2), 0)
    assert xml_head(path, 30) == calamine_head(path, 30)
    loaded = extract_reading.open_extract_here(path)
    with mock.patch.object(extract_reading, "_sheet_xml", lambda path, checked: None):
        reference = extract_reading.open_extract_here(path)
    assert loaded is not None and reference is not None
    assert (loaded.counts, loaded.rows, loaded.problems) == (reference.counts, reference.rows, reference.problems)
    assert loaded.rows == 200  # 300 rows less 100 anti-social behaviour, counted by hand


def test_file_is_not_modified(tmp_path: Path) -> None:
    path = _base(tmp_path)
    before = path.read_bytes()
    xml_tally(path, 0, (1, 2), 0)
    assert path.read_bytes() == before
    assert io.BytesIO(before).getbuffer().nbytes == len(before)


# --- the second core ------------------------------------------------------------------------------------------
def test_second_half_tallied_by_a_child_agrees(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "extract.xlsx"
    _extract(path, "shared", False)
    monkeypatch.setattr(sheet_tally, "BLOCK_BYTES", 2048)
    monkeypatch.setattr(second_core, "_IN_WORKER", True)
    started = []
    original = second_core.start
    monkeypatch.setattr(second_core, "start", lambda *a: started.append(1) or original(*a))
    assert xml_tally(path, 0, (1, 2, 3), 0, two_cores=True) == calamine_tally(path, 0, (1, 2, 3), 0)
    assert started


def test_a_failed_child_leaves_its_half_to_the_worker(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "extract.xlsx"
    _extract(path, "constant_memory", False)
    monkeypatch.setattr(sheet_tally, "BLOCK_BYTES", 2048)
    monkeypatch.setattr(second_core, "_IN_WORKER", True)

    def dies(*args: Any) -> None:
        raise SystemExit(3)

    monkeypatch.setattr(sheet_tally, "_tally_from", dies)
    assert xml_tally(path, 0, (1, 2, 3), 0, two_cores=True) == calamine_tally(path, 0, (1, 2, 3), 0)


def test_a_child_meeting_an_odd_row_declines_the_whole_sheet(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "extract.xlsx"
    _extract(path, "constant_memory", False)
    data = zipfile.ZipFile(path).read(SHEET)
    last = data.rindex(b"<row ")
    odd = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(odd, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, data[:last] + b"<row spans='1'" + data[last + 4:] if item.filename == SHEET
                          else zin.read(item.filename))
    monkeypatch.setattr(sheet_tally, "BLOCK_BYTES", 2048)
    monkeypatch.setattr(second_core, "_IN_WORKER", True)
    with pytest.raises(NotPlain):
        xml_tally(odd, 0, (1, 2, 3), 0, two_cores=True)


@pytest.mark.skipif(shutil.which("soffice") is None or not (REALDATA / "2018-12-merseyside-street.csv").is_file(),
                    reason="LibreOffice or the real Merseyside street file is not here")
def test_real_street_file_saved_as_xlsx_counts_as_by_hand(tmp_path: Path) -> None:
    """data.police.uk's Merseyside street file for December 2018, saved as .xlsx by LibreOffice: its crimes
    counted by hand from the CSV (every row whose "Crime type" is not anti-social behaviour) are the figure."""
    import csv

    source = REALDATA / "2018-12-merseyside-street.csv"
    with source.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    by_hand = Counter(r["Crime type"] for r in records if r["Crime type"] != "Anti-social behaviour")
    copy = tmp_path / "2018-12-merseyside-street.csv"
    copy.write_bytes(source.read_bytes())
    subprocess.run(["soffice", "--headless", "--infilter=CSV:44,34,76,1,,1033,true,true", "--convert-to", "xlsx",
                    "--outdir", str(tmp_path), str(copy)], check=True, capture_output=True, timeout=300)
    path = tmp_path / "2018-12-merseyside-street.xlsx"
    loaded, reference = read_both_ways(path)
    assert (loaded.counts, loaded.rows, loaded.problems) == (reference.counts, reference.rows, reference.problems)
    category = loaded.cols.columns["category"]
    assert category == 9
    counted = Counter()
    for (_, cat, _, _), n in loaded.counts.items():
        counted[cat] += n
    assert counted == by_hand and sum(by_hand.values()) == 10_616


FORMAT_CODES = ["dd/mm/yyyy", "[$-809]dd/mm/yyyy;@", "yyyy-mm-dd hh:mm:ss", "d mmm yyyy", "mmm-yy", "dd/mm/yyyy\\ hh:mm",
                "0.00", "#,##0", "_-£* #,##0_-;\\-£* #,##0_-;_-£* \"-\"_-;_-@_-", "General", "@", "0.0E+0", "0%",
                "[Red]0.00", '#,##0 "cases"', "[h]:mm", "h:mm AM/PM", "[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy"]


@pytest.mark.parametrize("code", FORMAT_CODES)
def test_number_formats_are_classified_as_calamine_does_or_declined(tmp_path: Path, code: str) -> None:
    path = tmp_path / "formats.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_string(0, 0, "Value")
    for r, value in enumerate([43466.0, 43466.5, 100.75], start=1):
        sheet.write_number(r, 0, value, book.add_format({"num_format": code}))
    book.close()
    try:
        got = xml_tally(path, 0, (0,), None)
    except NotPlain:
        assert _LETTERS.search(code.replace("General", "")), f"{code!r} has no letter yet was declined"
        return
    assert got == calamine_tally(path, 0, (0,), None)


_LETTERS = re.compile(r"[A-DF-Za-df-z]")


# --- hostile edits: whatever is done to a sheet's XML, the counts are calamine's or the sheet is declined ---------
def _mutate(xml: bytes, kind: int, a: int, b: int) -> bytes:
    rows = list(re.finditer(rb'<row r="(\d+)"', xml))
    cells = list(re.finditer(rb'<c r="([A-Z]+)(\d+)"', xml))
    values = list(re.finditer(rb"<v>[^<]*</v>", xml))
    types = list(re.finditer(rb' t="(\w+)"', xml))
    styles = list(re.finditer(rb' s="(\d+)"', xml))
    if kind == 0 and rows:
        m = rows[a % len(rows)]
        return xml[:m.start(1)] + str(b % 12 + 1).encode() + xml[m.end(1):]
    if kind == 1 and cells:
        m = cells[a % len(cells)]
        return xml[:m.start(2)] + str(b % 12 + 1).encode() + xml[m.end(2):]
    if kind == 2 and cells:
        m = cells[a % len(cells)]
        return xml[:m.start(1)] + b"ABCDEFGHZ"[b % 9:b % 9 + 1] + xml[m.end(1):]
    if kind == 3 and values:
        m = values[a % len(values)]
        return xml[:m.start()] + [b"<v></v>", b"<v/>", b"<v> 7 </v>", b"<v>1e3</v>", b"<v>x</v>"][b % 5] + xml[m.end():]
    if kind == 4 and types:
        m = types[a % len(types)]
        return xml[:m.start(1)] + [b"s", b"str", b"n", b"b", b"e", b"inlineStr", b"d"][b % 7] + xml[m.end(1):]
    if kind == 5 and styles:
        m = styles[a % len(styles)]
        return xml[:m.start(1)] + [b"0", b"1", b"2", b"99"][b % 4] + xml[m.end(1):]
    if kind == 6 and rows:
        m = rows[a % len(rows)]
        return xml[:m.start()] + b'<row r="%d"/>' % (b % 12 + 1) + xml[m.start():]
    if kind == 7 and rows:
        m = rows[a % len(rows)]
        end = xml.find(b"</row>", m.end()) + 6
        return xml[:end] + xml[m.start():end] + xml[end:]  # the row twice
    if kind == 8 and cells:
        m = cells[a % len(cells)]
        return xml[:m.end()] + [b' cm="1"', b" ", b'\n', b' s="1"'][b % 4] + xml[m.end():]
    if kind == 9 and cells:
        m = cells[a % len(cells)]
        return xml[:m.start()] + b"\n" + xml[m.start():]
    return xml


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=sheets(), writer=st.sampled_from(["shared", "constant_memory"]),
       edits=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 999), st.integers(0, 999)), min_size=1,
                      max_size=3))
def test_hostile_edits_are_counted_as_calamine_counts_or_declined(tmp_path: Path, spec, writer, edits) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "source.xlsx"
    write(source, spec, writer)
    path = tmp_path / "edited.xlsx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == SHEET:
                for kind, a, b in edits:
                    data = _mutate(data, kind, a, b)
            zout.writestr(item, data)
    try:
        expected = calamine_tally(path, 0, (1, 2), 0)
        expected_head = calamine_head(path, 30)
    except BaseException as exc:  # calamine refuses the edited file: nothing to compare with
        if isinstance(exc, KeyboardInterrupt):
            raise
        return
    try:
        got = xml_tally(path, 0, (1, 2), 0)
        head = xml_head(path, 30)
    except NotPlain:
        return
    assert got == expected
    assert head == expected_head


def _second_core_allowed() -> bool:
    return second_core._IN_WORKER


def test_only_the_reading_worker_may_fork_a_second_core(tmp_path: Path) -> None:
    """The tallies ask for a second core only where forking is safe: inside the reading worker, whichever way
    it was started, never in the calling process (the app's, with Qt's threads)."""
    from pccdesk.readers.isolation import run_isolated

    path = _base(tmp_path)
    assert run_isolated(_second_core_allowed, path=path) is True
    assert second_core._IN_WORKER is False


def test_date_times_are_calamines_to_the_millisecond(tmp_path: Path) -> None:
    """A date-time is rounded to the millisecond as calamine rounds it (a value 0.4 ms before midnight is the
    next day); a whole number is a date, any fraction a date-time; near midnight the sheet is declined."""
    path = tmp_path / "times.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    style = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    sheet.write_string(0, 0, "When")
    for r, seconds_to_midnight in enumerate([0.3, 0.5, 0.7, 30, 43200.5], start=1):
        sheet.write_number(r, 0, 43466 + (86400 - seconds_to_midnight) / 86400, style)
    sheet.write_number(6, 0, 43466.123456789, style)
    sheet.write_number(7, 0, 43466.0, style)
    book.close()
    assert xml_tally(path, 0, (0,), None) == calamine_tally(path, 0, (0,), None)
    sheet_xml_serials = [43466.000000001, 43466.9999999954]  # within a tenth of a second of midnight
    from pccdesk.readers.sheet_xml import excel_date
    for serial in sheet_xml_serials:
        with pytest.raises(NotPlain):
            excel_date(serial)
    assert excel_date(43466.0) == dt.date(2019, 1, 1) and excel_date(43466.5) == dt.datetime(2019, 1, 1, 12)


def test_a_sheet_failing_its_checksum_is_declined(tmp_path: Path) -> None:
    """calamine refuses a part whose bytes do not match the zip's CRC: so must this reading, not count it."""
    path = _base(tmp_path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as book:
        info = book.getinfo(SHEET)
    # the central directory's CRC of the sheet part, changed (the local header's is not what readers check)
    at = data.rindex(SHEET.encode()) - 46 + 16
    data[at:at + 4] = (info.CRC ^ 0xFFFF).to_bytes(4, "little")
    bad = tmp_path / "bad-crc.xlsx"
    bad.write_bytes(bytes(data))
    with pytest.raises(NotPlain, match="checksum"):
        xml_tally(bad, 0, (1, 2), 0)


HOSTILE = {
    "a row tag that never ends": (SHEET, b'<row r="99" '),
    "cells that never end": (SHEET, b'<row r="99"><c r="B99"><x>'),
    "an attribute that never ends": (SHEET, b'<row r="99"><c r="A99" s="'),
    "a skipped cell that never ends": (SHEET, b'<row r="99"><c r="A99"><x>'),
    "shared strings that never end": ("xl/sharedStrings.xml", b"<si><t>a</t>"),
    "cell formats that never end": ("xl/styles.xml", b"<cellXfs><xf numFmtId='0'"),
}
_HOSTILE_RUN = """
import sys, zipfile
from pathlib import Path
from pccdesk.readers.sheet_tally import NotPlain, PlainSheet
source, target, part, junk, where = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4].encode(), sys.argv[5]
with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == part:
            at = data.index(where.encode())
            data = data[:at] + junk * 60_000 + data[at:]
        zout.writestr(item, data)
try:
    sheet = PlainSheet(target, target.read_bytes())
    sheet.head_rows(30)
    list(sheet.tally(0, (2, 3), None))
    print("read")
except NotPlain:
    print("declined")
"""


@pytest.mark.parametrize("what", list(HOSTILE))
def test_a_hostile_sheet_is_declined_without_searching_it_over_and_over(tmp_path: Path, what: str) -> None:
    """Megabytes of tags that never end after many row starts: each search stops at the next tag it cannot take,
    so the sheet is declined at once (a search to the end of the block from every row took hours). Run in a
    process of its own with a generous limit, so a search that does not end fails the test rather than hangs."""
    part, junk = HOSTILE[what]
    source = tmp_path / "source.xlsx"
    write(source, (4, [[(("s", "R1"), None), (("s", "x"), None), (("s", "Robbery"), None), (("s", "A"), None)]], 0),
          "shared")
    where = {SHEET: "</sheetData>", "xl/sharedStrings.xml": "</sst>", "xl/styles.xml": "<cellXfs"}[part]
    done = subprocess.run([sys.executable, "-c", _HOSTILE_RUN, str(source), str(tmp_path / "hostile.xlsx"), part,
                           junk.decode(), where], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "declined"
