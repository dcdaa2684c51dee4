"""The checks see what the parser sees: sheets found wherever the workbook's relationships put them, zips that
two readers could read differently, one cell budget for the whole workbook, .ods repeats and .xls sheets placed
by their BOUNDSHEET records. Each attack is rebuilt here at small scale; reading runs in a memory-limited
subprocess where a regression could take memory (tests/hostile_files.py)."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from pccdesk.problems import PccdeskError
from pccdesk.readers.file_checks import check_spreadsheet_bytes
from pccdesk.readers.zip_limits import ZipLimits
from tests.hostile_files import (
    FAR_ROW,
    SHEET,
    moved_far_apart_sheet,
    parts_of,
    run_limited,
    small_workbook,
    sparse_sheets,
    two_directories,
    with_rows,
    write_parts,
    xls_with_hidden_sheet,
)

ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>")
VALUE = '<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'


def refusal(path: Path, limits: ZipLimits | None = None) -> PccdeskError:
    with pytest.raises(PccdeskError) as caught:
        check_spreadsheet_bytes(path.read_bytes(), path, limits)
    assert caught.value.location.file == path.name
    return caught.value


def read_in_subprocess(path: Path) -> str:
    """``code | message`` of the refusal, or ``ok`` and the sheets' sizes, from a memory-limited process."""
    result = run_limited(f"""
from pccdesk.readers import read_workbook
from pccdesk.problems import PccdeskError
try:
    book = read_workbook({str(path)!r})
except PccdeskError as exc:
    print(exc.code, '|', exc)
else:
    print('ok', [(s.name, s.height, s.width) for s in book.sheets])
""")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert len(result.stdout.strip().splitlines()) == 1
    return result.stdout.strip()


@pytest.mark.parametrize("target", ["xl/sheet1.xml", "xl/deep/er/sheet1.xml", "xl/worksheets/sheet1",
                                    "xl/worksheets/sheet1.dat", "customXml/sheet.xml"])
def test_a_sheet_moved_anywhere_is_still_measured(tmp_path: Path, target: str) -> None:
    path = moved_far_apart_sheet(tmp_path / "moved.xlsx", target)
    assert path.stat().st_size < 8 * 1024
    exc = refusal(path)
    assert exc.code == "sheet-too-large" and "1,048,576 rows by 16,384 columns" in exc.message
    assert read_in_subprocess(path).startswith("sheet-too-large | moved.xlsx: refused")


def test_the_moved_sheet_is_read_when_its_cells_are_near(tmp_path: Path) -> None:
    parts = parts_of(small_workbook(tmp_path / "base.xlsx"))
    parts["xl/sheet1.xml"] = parts.pop(SHEET)
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"worksheets/", b"")
    path = write_parts(tmp_path / "moved.xlsx", parts)
    assert read_in_subprocess(path) == "ok [('Return', 1, 2)]"


def test_twelve_sparse_sheets_are_refused_by_the_workbook_budget(tmp_path: Path) -> None:
    """Each sheet within the 30 million cell sheet limit (1,000,000 × 29), twelve of them far beyond memory."""
    path = sparse_sheets(tmp_path / "sparse.xlsx", sheets=12, rows=1_000_000, columns=29)
    assert path.stat().st_size < 16 * 1024
    exc = refusal(path)
    assert exc.code == "workbook-too-large" and "12 sheets span up to 348,000,000 cells" in exc.message
    assert read_in_subprocess(path).startswith("workbook-too-large | sparse.xlsx: refused")


def test_the_workbook_budget_boundary(tmp_path: Path) -> None:
    path = sparse_sheets(tmp_path / "two.xlsx", sheets=2, rows=1000, columns=50)  # 2 × 50,000 cells
    assert check_spreadsheet_bytes(path.read_bytes(), path, ZipLimits(max_workbook_cells=100_000)) == "xlsx"
    exc = refusal(path, ZipLimits(max_workbook_cells=99_999))
    assert exc.code == "workbook-too-large" and "100,000 cells together" in exc.message


def test_two_end_of_directory_records_are_refused(tmp_path: Path) -> None:
    hidden = tmp_path / "hidden.xlsx"
    write_parts(hidden, {**parts_of(small_workbook(tmp_path / "h.xlsx")),
                         SHEET: with_rows(parts_of(small_workbook(tmp_path / "h2.xlsx"))[SHEET], FAR_ROW)})
    shown = small_workbook(tmp_path / "shown.xlsx")
    path = two_directories(tmp_path / "two.xlsx", shown, hidden)
    with zipfile.ZipFile(path) as archive:  # Python's zipfile sees only the harmless workbook
        assert FAR_ROW.encode() not in archive.read(SHEET)
    exc = refusal(path)
    assert exc.code == "ambiguous-zip" and "more than one zip directory" in exc.message
    assert read_in_subprocess(path).startswith("ambiguous-zip | two.xlsx: refused")


def test_entries_the_directory_does_not_list_are_refused(tmp_path: Path) -> None:
    shown = small_workbook(tmp_path / "shown.xlsx").read_bytes()
    hidden = parts_of(small_workbook(tmp_path / "h.xlsx"))
    extra = tmp_path / "extra.zip"
    write_parts(extra, {"xl/worksheets/sheet9.xml": with_rows(hidden[SHEET], FAR_ROW)})
    local_only = extra.read_bytes()[:extra.read_bytes().find(b"PK\x01\x02")]  # local entries, no directory
    from tests.hostile_files import _shift_zip

    path = tmp_path / "prefixed.xlsx"
    path.write_bytes(local_only + _shift_zip(shown, len(local_only)))
    exc = refusal(path)
    assert exc.code == "ambiguous-zip" and "parts its directory does not list" in exc.message


def test_overlapping_entries_are_refused(tmp_path: Path) -> None:
    path = small_workbook(tmp_path / "overlap.xlsx")
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    entries, _, start = struct.unpack_from("<HII", data, end + 10)
    offsets, pos = [], start
    for _ in range(entries):
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        offsets.append(pos)
        pos += 46 + name_len + extra_len + comment_len
    first_offset = struct.unpack_from("<I", data, offsets[0] + 42)[0]
    struct.pack_into("<I", data, offsets[1] + 42, first_offset)  # the second entry now reads the first's bytes
    path.write_bytes(bytes(data))
    exc = refusal(path)
    assert exc.code == "overlapping-zip-entries"


def test_real_workbooks_have_one_directory_and_no_gaps(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Indicator", 1.5])
    book.save(tmp_path / "openpyxl.xlsx")
    for path in (tmp_path / "openpyxl.xlsx", small_workbook(tmp_path / "xlsxwriter.xlsx", sheets=3)):
        assert check_spreadsheet_bytes(path.read_bytes(), path) == "xlsx"


def ods(path: Path, *tables: str) -> Path:
    body = "".join(f'<table:table table:name="S{n}">{t}</table:table>' for n, t in enumerate(tables, start=1))
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} office:version="1.2">'
               f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>"
               "</office:document-content>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", MANIFEST)
    return path


def test_ods_repeated_values_are_counted(tmp_path: Path) -> None:
    """800 bytes: one value repeated across 1,000 columns and 100,000 rows (calamine: 10 GB, 72 s)."""
    row = ('<table:table-row table:number-rows-repeated="100000"><table:table-cell '
           'table:number-columns-repeated="1000" office:value-type="float" office:value="1"/></table:table-row>')
    path = ods(tmp_path / "repeat.ods", row)
    assert path.stat().st_size < 1024
    exc = refusal(path)
    assert exc.code == "sheet-too-large" and "100,000 rows by 1,000 columns" in exc.message
    assert read_in_subprocess(path).startswith("sheet-too-large | repeat.ods: refused")


def test_ods_empty_runs_count_only_before_a_value(tmp_path: Path) -> None:
    tail = ('<table:table-row table:number-rows-repeated="1048575"><table:table-cell '
            'table:number-columns-repeated="16384"/></table:table-row>')
    ordinary = ods(tmp_path / "tail.ods", f"<table:table-row>{VALUE}</table:table-row>{tail}")
    assert read_in_subprocess(ordinary) == "ok [('S1', 1, 1)]"
    middle = ('<table:table-row table:number-rows-repeated="29999"><table:table-cell '
              'table:number-columns-repeated="999"/></table:table-row>')
    last = f'<table:table-row><table:table-cell table:number-columns-repeated="999"/>{VALUE}</table:table-row>'
    path = ods(tmp_path / "gap.ods", f"<table:table-row>{VALUE}</table:table-row>{middle}{last}")
    # 1 + 29,999 + 1 rows by 1,000 columns: exactly 30,001,000 cells
    exc = refusal(path)
    assert "30,001 rows by 1,000 columns" in exc.message
    assert check_spreadsheet_bytes(path.read_bytes(), path, ZipLimits(max_sheet_cells=30_001_000)) == "ods"


def test_ods_sheets_share_one_budget(tmp_path: Path) -> None:
    table = ('<table:table-row table:number-rows-repeated="1000"><table:table-cell '
             'table:number-columns-repeated="10" office:value-type="float" office:value="1"/></table:table-row>')
    path = ods(tmp_path / "many.ods", table, table, table)
    assert check_spreadsheet_bytes(path.read_bytes(), path, ZipLimits(max_workbook_cells=30_000)) == "ods"
    exc = refusal(path, ZipLimits(max_workbook_cells=29_999))
    assert exc.code == "workbook-too-large"


def test_malformed_ods_content_is_damage(tmp_path: Path) -> None:
    path = ods(tmp_path / "cut.ods", "<table:table-row>")
    assert refusal(path).code == "damaged-file"


def test_xls_sheet_hidden_inside_another_record_is_found(tmp_path: Path) -> None:
    pytest.importorskip("xlwt")
    path = xls_with_hidden_sheet(tmp_path / "hidden.xls")
    exc = refusal(path)
    assert exc.code == "sheet-too-large" and "65,536 rows by 65,536 columns" in exc.message
    assert read_in_subprocess(path).startswith("sheet-too-large | hidden.xls: refused")
    near = xls_with_hidden_sheet(tmp_path / "near.xls", far=(3, 3))
    assert read_in_subprocess(near) == "ok [('Return', 4, 4)]"  # calamine reads the hidden sheet, 4 × 4


def test_styles_with_millions_of_formats_are_refused(tmp_path: Path) -> None:
    parts = parts_of(small_workbook(tmp_path / "base.xlsx"))
    styles = parts["xl/styles.xml"]
    many = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' * 1001
    parts["xl/styles.xml"] = styles.replace(b"</cellXfs>", many + b"</cellXfs>")
    path = write_parts(tmp_path / "styles.xlsx", parts)
    exc = refusal(path, ZipLimits(max_styles=1000))
    assert exc.code == "too-many-styles"
    assert check_spreadsheet_bytes(path.read_bytes(), path, ZipLimits(max_styles=1010)) == "xlsx"


@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", SHEET, "xl/styles.xml"])
def test_an_unknown_xml_encoding_is_a_clean_refusal(tmp_path: Path, part: str) -> None:
    parts = parts_of(small_workbook(tmp_path / "base.xlsx"))
    body = parts[part]
    body = body[body.index(b"?>") + 2:] if body.startswith(b"<?xml") else body
    parts[part] = b'<?xml version="1.0" encoding="x-no-such-thing"?>' + body
    path = write_parts(tmp_path / "encoding.xlsx", parts)
    exc = refusal(path)
    assert exc.code == "unknown-encoding" and "'x-no-such-thing'" in exc.message
    assert read_in_subprocess(path).startswith("unknown-encoding | encoding.xlsx: refused")


def test_a_csv_field_over_the_limit_is_one_clean_line(tmp_path: Path) -> None:
    from pccdesk.readers import read_workbook

    path = tmp_path / "long.csv"
    path.write_text('Indicator,Current\nRape,"' + "x" * 131_073 + '"\nBurglary,5\n', encoding="utf-8")
    with pytest.raises(PccdeskError) as caught:
        read_workbook(path)
    assert caught.value.code == "field-too-long"
    assert str(caught.value) == ("long.csv: refused: a field on line 2 is longer than 131,072 characters (an "
                                 "unclosed quote, or not a table)")
    path.write_text('Indicator,Current\nRape,"' + "x" * 131_072 + '"\n', encoding="utf-8")
    assert len(read_workbook(path).sheets[0].rows[1][1]) == 131_072


def test_csv_rows_beyond_excel_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pccdesk.readers import workbook_reader

    path = tmp_path / "rows.csv"
    path.write_text("a,b\n" * 5, encoding="utf-8")
    monkeypatch.setattr(workbook_reader, "MAX_DELIMITED_ROWS", 5)
    assert len(workbook_reader.read_delimited(path.read_bytes(), path).rows) == 5
    monkeypatch.setattr(workbook_reader, "MAX_DELIMITED_ROWS", 4)
    with pytest.raises(PccdeskError, match="more than 4 rows"):
        workbook_reader.read_delimited(path.read_bytes(), path)
