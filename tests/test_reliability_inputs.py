"""Hostile and broken inputs: each is refused with one plain line naming the file, before any parser runs.

The hostile workbooks are built here from a real xlsxwriter workbook by
replacing or adding zip parts, so each test holds exactly the attack it shows.
"""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from pccdesk.problems import PccdeskError
from pccdesk.readers import read_workbook
from pccdesk.readers.file_checks import check_spreadsheet_bytes
from pccdesk.readers.xml_safety import DeclarationScanner, find_declaration
from pccdesk.readers.zip_limits import ZipLimits, check_zip_limits
from tests.conftest import REALDATA, REPO, need_shared

SST = "xl/sharedStrings.xml"
SHEET = "xl/worksheets/sheet1.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE sst [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
    + f']>\n<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
)


def base_workbook(path: Path, texts: tuple[str, ...] = ("Indicator", "Rape")) -> Path:
    """A small real .xlsx with shared strings (xlsxwriter writes every string to xl/sharedStrings.xml)."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Return")
    for row, text in enumerate(texts):
        sheet.write_string(row, 0, text)
        sheet.write_number(row, 1, row * 1.5)
    book.close()
    return path


def rewrite_parts(src: Path, dst: Path, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None,
                  compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """Copy a package, replacing the bytes of some parts and adding others."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", compression) as new:
        for info in old.infolist():
            new.writestr(info.filename, replace.get(info.filename, old.read(info.filename)))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # duplicate names are the point of one test
            for name, data in add.items():
                new.writestr(name, data)
    return dst


def set_declared_size(data: bytes, name: str, size: int) -> bytes:
    """Make the zip directory (central and local headers) claim ``size`` expanded bytes for part ``name``."""
    out = bytearray(data)
    encoded = name.encode()
    pos = out.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", out, pos + 28)[0]
        if bytes(out[pos + 46:pos + 46 + name_len]) == encoded:
            struct.pack_into("<I", out, pos + 24, size)
            local = struct.unpack_from("<I", out, pos + 42)[0]
            struct.pack_into("<I", out, local + 22, size)
        pos = out.find(b"PK\x01\x02", pos + 4)
    return bytes(out)


def refusal(path: Path, **kwargs: object) -> PccdeskError:
    with pytest.raises(PccdeskError) as caught:
        read_workbook(path, **kwargs)  # type: ignore[arg-type]
    exc = caught.value
    assert exc.location.file == path.name
    text = str(exc)
    assert text.startswith(f"{path.name}: ") and "\n" not in text and "Traceback" not in text
    return exc


# --- XML bombs and external entities ------------------------------------------------------------------------------

def test_billion_laughs_in_shared_strings_is_refused(tmp_path: Path) -> None:
    bomb = rewrite_parts(base_workbook(tmp_path / "a.xlsx"), tmp_path / "bomb.xlsx",
                         {SST: BILLION_LAUGHS.encode()})
    exc = refusal(bomb)
    assert exc.code == "xml-declaration"
    assert f"part '{SST}' declares a DOCTYPE" in exc.message and "XML bomb" in exc.message


def test_billion_laughs_in_a_sheet_is_refused(tmp_path: Path) -> None:
    sheet = (f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
             f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c>'
             "</row></sheetData></worksheet>")
    bomb = rewrite_parts(base_workbook(tmp_path / "a.xlsx"), tmp_path / "sheet-bomb.xlsx", {SHEET: sheet.encode()})
    exc = refusal(bomb)
    assert exc.code == "xml-declaration" and SHEET in exc.message


def test_entity_hidden_in_utf16_is_still_found(tmp_path: Path) -> None:
    encoded = BILLION_LAUGHS.replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16")
    bomb = rewrite_parts(base_workbook(tmp_path / "a.xlsx"), tmp_path / "utf16.xlsx", {SST: encoded})
    assert refusal(bomb).code == "xml-declaration"


def test_entity_declaration_alone_is_refused(tmp_path: Path) -> None:
    """No DOCTYPE keyword, just an ENTITY (not well-formed, but no parser gets the chance to decide)."""
    odd = f'<?xml version="1.0"?><!ENTITY x "y"><sst xmlns="{MAIN_NS}"/>'.encode()
    bomb = rewrite_parts(base_workbook(tmp_path / "a.xlsx"), tmp_path / "entity.xlsx", {SST: odd})
    exc = refusal(bomb)
    assert "declares a ENTITY" in exc.message or "declares a DOCTYPE" in exc.message


def _xxe_workbook(tmp_path: Path, secret_file: Path) -> Path:
    sst = (f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>'
           f'<sst xmlns="{MAIN_NS}" count="2" uniqueCount="2"><si><t>&xxe;</t></si><si><t>Rape</t></si></sst>')
    return rewrite_parts(base_workbook(tmp_path / "plain.xlsx"), tmp_path / "xxe.xlsx", {SST: sst.encode()})


def test_external_entity_is_refused_and_the_file_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7731")
    xxe = _xxe_workbook(tmp_path, secret)
    exc = refusal(xxe)
    assert exc.code == "xml-declaration"
    assert "TOP-SECRET-7731" not in str(exc) and "attempt to read other files" in exc.message


def test_external_entity_through_the_cli_leaves_no_trace_of_the_secret(tmp_path: Path, example_plan_path: Path,
                                                                    capsys: pytest.CaptureFixture[str],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole path: validate and pack with the hostile return; the secret is in no output, database or log."""
    from pccdesk.cli import main

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7731")
    xxe = _xxe_workbook(tmp_path, secret)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("PCCDESK_LOG_DIR", str(work / "logs"))
    db, out = work / "h.sqlite", work / "pack.xlsx"
    code_validate = main(["validate", str(xxe), "--definitions", str(example_plan_path), "--period", "2015-16 Q1",
                          "--db", str(db)])
    code_pack = main(["pack", str(xxe), "--definitions", str(example_plan_path), "--period", "2015-16 Q1",
                      "--db", str(db), "--out", str(out)])
    printed = capsys.readouterr()
    # validate lists the refused file; pack stops (exit 2): an unreadable return leaves no pack of "No data"
    assert code_validate == 1 and code_pack == 2
    assert "xxe.xlsx" in printed.out and "declares a DOCTYPE" in printed.out
    assert "declares a DOCTYPE" in printed.err and "no pack was written" in printed.err
    assert not out.exists() and not db.exists()  # validate writes nothing; pack stopped before recording
    import logging

    logs = [Path(h.baseFilename) for h in logging.getLogger("pccdesk").handlers if hasattr(h, "baseFilename")]
    files = [p for p in work.rglob("*") if p.is_file()] + [p for p in logs if p.exists()]
    everything = [printed.out, printed.err] + [p.read_bytes().decode("latin-1") for p in files]
    everything += [zipfile.ZipFile(out).read(n).decode("utf-8") for n in zipfile.ZipFile(out).namelist()] \
        if out.exists() else []
    assert not any("TOP-SECRET-7731" in text for text in everything)


def test_calamine_alone_does_not_expand_or_fetch_entities(tmp_path: Path) -> None:
    """Defence in depth, and the claim in pccdesk/readers/xml_safety.py: quick-xml inside calamine has no DTD support."""
    import python_calamine as pc

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7731")
    for path in (_xxe_workbook(tmp_path, secret),
                 rewrite_parts(base_workbook(tmp_path / "b.xlsx"), tmp_path / "lol.xlsx", {SST: BILLION_LAUGHS.encode()})):
        try:
            book = pc.CalamineWorkbook.from_path(str(path))
            rows = book.get_sheet_by_index(0).to_python()
        except Exception as exc:  # calamine refusing the unknown entity is the safe outcome too
            assert "TOP-SECRET" not in str(exc)
            continue
        flat = " ".join(str(v) for row in rows for v in row)
        assert "TOP-SECRET" not in flat and "lollollol" not in flat


def test_openpyxl_and_the_standard_library_parse_defused() -> None:
    import xml.dom.minidom
    import xml.etree.ElementTree as ElementTree

    import openpyxl
    from defusedxml import DTDForbidden, EntitiesForbidden

    from pccdesk.readers import xml_safety

    assert xml_safety.status() == {"stdlib_elementtree_defused": True, "stdlib_minidom_defused": True,
                                   "openpyxl_uses_defusedxml": True}
    from openpyxl.xml.functions import fromstring, iterparse

    assert fromstring.__module__.startswith("defusedxml") and iterparse.__module__.startswith("defusedxml")
    assert openpyxl.DEFUSEDXML is True
    with pytest.raises(EntitiesForbidden):
        ElementTree.fromstring(BILLION_LAUGHS)
    with pytest.raises((EntitiesForbidden, DTDForbidden)):
        xml.dom.minidom.parseString(BILLION_LAUGHS)
    import msoffcrypto.format.ooxml as ooxml  # parses a protected workbook's EncryptionInfo XML

    with pytest.raises((EntitiesForbidden, DTDForbidden)):
        ooxml.parseString(BILLION_LAUGHS)


def test_openpyxl_refuses_the_bomb_if_it_ever_got_one(tmp_path: Path) -> None:
    import openpyxl
    from defusedxml import EntitiesForbidden

    bomb = rewrite_parts(base_workbook(tmp_path / "a.xlsx"), tmp_path / "bomb.xlsx", {SST: BILLION_LAUGHS.encode()})
    with pytest.raises(ValueError) as caught:  # openpyxl wraps the parser's refusal in its own ValueError
        openpyxl.load_workbook(bomb)
    assert isinstance(caught.value.__cause__, EntitiesForbidden)


@pytest.mark.parametrize("split", range(1, 9))
def test_declaration_split_across_chunks_is_found(split: int) -> None:
    text = b"<?xml version='1.0'?>" + b" " * 100 + b"<!DOCTYPE x []><x/>"
    cut = text.index(b"<!DOCTYPE") + split
    scanner = DeclarationScanner()
    assert scanner.feed(text[:cut]) is None
    assert scanner.feed(text[cut:]) == "<!DOCTYPE"


def test_declaration_scan_boundaries() -> None:
    assert find_declaration(b'<?xml version="1.0"?><sst><si><t>&lt;!DOCTYPE is text</t></si></sst>') is None
    assert find_declaration(b"<!-- a comment --><x/>") is None
    assert find_declaration(b"<x><![CDATA[ fine ]]></x>") is None
    assert find_declaration(b"<!doctype x><x/>") is None  # not XML: no XML parser accepts the lower case
    assert find_declaration("<!DOCTYPE x><x/>".encode("utf-16-be")) == "<!DOCTYPE"
    assert find_declaration(b"\xef\xbb\xbf<!ENTITY x 'y'>") == "<!ENTITY"


# --- zip bombs and odd packages -------------------------------------------------------------------------------------

def _huge_part_workbook(tmp_path: Path, megabytes: int) -> Path:
    """A workbook whose sheet XML is padded with ``megabytes`` of blank space: compresses about 1000 to 1."""
    src = base_workbook(tmp_path / "a.xlsx")
    with zipfile.ZipFile(src) as old:
        sheet = old.read(SHEET)
    head, tail = sheet.split(b"<sheetData>", 1)
    dst = tmp_path / "zip-bomb.xlsx"
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != SHEET:
                new.writestr(info.filename, old.read(info.filename))
                continue
            with new.open(SHEET, "w") as part:
                part.write(head)
                block = b" " * (1024 * 1024)
                for _ in range(megabytes):
                    part.write(block)
                part.write(b"<sheetData>" + tail)
    return dst


def test_zip_bomb_ratio_is_refused(tmp_path: Path) -> None:
    bomb = _huge_part_workbook(tmp_path, 24)
    assert bomb.stat().st_size < 200_000
    exc = refusal(bomb)
    assert exc.code == "zip-bomb" and f"part '{SHEET}' is compressed" in exc.message and "limit 250 to 1" in exc.message


def test_directory_claiming_more_than_500_mb_is_refused_before_decompressing(tmp_path: Path) -> None:
    data = set_declared_size(base_workbook(tmp_path / "a.xlsx").read_bytes(), SST, 600 * 1024 * 1024)
    claim = tmp_path / "claims-600mb.xlsx"
    claim.write_bytes(data)
    exc = refusal(claim)
    assert exc.code == "too-large" and "limit 500 MB" in exc.message


def test_part_holding_more_than_its_directory_says_is_refused(tmp_path: Path) -> None:
    """A lying directory: calamine's zip reader would inflate past the declared size, so the real size counts."""
    data = _huge_part_workbook(tmp_path, 3).read_bytes()
    liar = tmp_path / "liar.xlsx"
    liar.write_bytes(set_declared_size(data, SHEET, 4000))
    exc = refusal(liar)
    assert exc.code == "zip-bomb" and "holds more than the zip directory says" in exc.message


def test_total_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _huge_part_workbook(tmp_path, 2)
    read_workbook(src)  # 2 MB of padding is fine by default
    monkeypatch.setenv("PCCDESK_MAX_UNZIPPED_MB", "1")
    exc = refusal(src)
    assert exc.code == "too-large" and "limit 1 MB" in exc.message
    monkeypatch.setenv("PCCDESK_MAX_UNZIPPED_MB", "lots")
    with pytest.raises(PccdeskError, match="PCCDESK_MAX_UNZIPPED_MB must be a number"):
        read_workbook(src)


def test_limits_passed_in_code(tmp_path: Path) -> None:
    data = _huge_part_workbook(tmp_path, 2).read_bytes()
    check_zip_limits(data, Path("ok.xlsx"), ZipLimits())
    with pytest.raises(PccdeskError, match="expands beyond 1 MB|expand to 2 MB"):
        check_zip_limits(data, Path("x.xlsx"), ZipLimits(max_total_uncompressed=1024 * 1024))
    with pytest.raises(PccdeskError, match="compressed .* to 1"):
        check_zip_limits(data, Path("x.xlsx"), ZipLimits(max_ratio=10, ratio_min_size=1024 * 1024))
    with pytest.raises(PccdeskError, match="parts \\(limit 3\\)"):
        check_zip_limits(data, Path("x.xlsx"), ZipLimits(max_entries=3))


def test_too_many_entries_is_refused(tmp_path: Path) -> None:
    many = tmp_path / "many.xlsx"
    src = base_workbook(tmp_path / "a.xlsx")
    rewrite_parts(src, many, add={f"xl/media/x{i}.png": b"" for i in range(10_001)}, compression=zipfile.ZIP_STORED)
    exc = refusal(many)
    assert exc.code == "too-many-parts" and "limit 10,000" in exc.message


@pytest.mark.parametrize(("name", "code"), [
    ("evil/payload.exe", "unexpected-part"),
    ("../../outside.xml", "bad-part-name"),
    ("/etc/passwd", "bad-part-name"),
    ("xl\\..\\..\\win.ini", "bad-part-name"),
    ("C:/Windows/evil.dll", "bad-part-name"),
    (SST, "duplicate-part"),
    ("XL/SHAREDSTRINGS.XML", "duplicate-part"),
])
def test_parts_outside_a_workbook_are_refused(tmp_path: Path, name: str, code: str) -> None:
    odd = rewrite_parts(base_workbook(tmp_path / "a.xlsx"), tmp_path / "odd.xlsx", add={name: b"<x/>"})
    exc = refusal(odd)
    assert exc.code == code


def test_unusual_compression_is_refused(tmp_path: Path) -> None:
    odd = rewrite_parts(base_workbook(tmp_path / "a.xlsx"), tmp_path / "bz.xlsx", compression=zipfile.ZIP_BZIP2)
    exc = refusal(odd)
    assert exc.code == "bad-part" and "method 12" in exc.message


def test_ods_parts_outside_the_package_are_refused(tmp_path: Path) -> None:
    ods = need_shared(REALDATA / "police-workforce-sep19-tables.ods")
    odd = rewrite_parts(ods, tmp_path / "odd.ods", add={"Object 1/content.xml": b"<x/>", "payload.bat": b"x"})
    exc = refusal(odd)
    assert exc.code == "unexpected-part" and "payload.bat" in exc.message and "OpenDocument" in exc.message


def test_real_workbooks_pass_every_check() -> None:
    """No false alarms: every real workbook and bundled template passes."""
    files = [p for p in REALDATA.glob("*") if p.suffix in {".xlsx", ".ods", ".xls"}] if REALDATA.exists() else []
    files += list((REPO / "templates").rglob("*.xlsx"))
    assert len(files) >= 3
    for path in files:
        assert check_spreadsheet_bytes(path.read_bytes(), path) in {"xlsx", "ods", "xls"}


# --- not spreadsheets at all ---------------------------------------------------------------------------------------

def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("readme.txt", "hello")
    return buffer.getvalue()


OLE_WORD = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1016 + "WordDocument".encode("utf-16-le")
            + b"\x00" * 3000)
FOREIGN = [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "it looks like a PDF document"),
    (b"", "it looks like an empty file (0 bytes)"),
    (b"   \r\n\t  ", "an empty file (8 bytes of blank space or zeros)"),
    (b"\xef\xbb\xbf<!DOCTYPE html>\n<html><body><table><tr><td>1</td></tr></table></body></html>",
     "a web page (HTML), perhaps an 'Excel export'"),
    ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><table></table></html>'.encode("utf-16"),
     "a web page (HTML)"),
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n", "single-file web page or e-mail"),
    (b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook '
     b'xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>', "'XML Spreadsheet 2003'"),
    (b"{\\rtf1\\ansi hello}", "Rich Text (RTF)"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "a picture"),
    (b"MZ\x90\x00" + b"\x00" * 60, "a Windows program (do not open it)"),
    (b"Ref,Indicator,Value\r\n1.1,Rape,12\r\n", "a text file (perhaps a CSV export)"),
    (_docx(), "it looks like a Word document"),
    (_zip(), "it looks like a zip archive"),
    (OLE_WORD, "it looks like a Word document"),
    (b"Rar!\x1a\x07\x00" + b"\x00" * 20, "a compressed archive"),
]


@pytest.mark.parametrize(("data", "seems"), FOREIGN)
def test_not_a_spreadsheet_gets_one_line_saying_what_it_seems(tmp_path: Path, data: bytes, seems: str) -> None:
    path = tmp_path / "Q1 return.xlsx"
    path.write_bytes(data)
    exc = refusal(path)
    assert exc.code == "not-a-spreadsheet"
    assert seems in exc.message, exc.message
    assert str(exc).startswith("Q1 return.xlsx: this is not a spreadsheet")


def test_renamed_pdf_with_an_old_excel_name(tmp_path: Path) -> None:
    path = tmp_path / "return.xls"
    path.write_bytes(b"%PDF-1.4\n" + b"x" * 500)
    assert refusal(path).message == "this is not a spreadsheet: it looks like a PDF document"


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.99])
def test_truncated_workbook_is_reported_as_incomplete(tmp_path: Path, keep: float) -> None:
    whole = base_workbook(tmp_path / "a.xlsx", tuple(f"text {i}" for i in range(300))).read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole[: int(len(whole) * keep)])
    exc = refusal(cut)
    assert exc.code == "truncated-file"
    assert "damaged or incomplete (a truncated download or copy?)" in exc.message


def test_truncated_legacy_workbook(tmp_path: Path) -> None:
    xls = need_shared(REALDATA / "rec-crime-1898-2002.xls").read_bytes()
    cut = tmp_path / "cut.xls"
    cut.write_bytes(xls[:1000])
    assert refusal(cut).code == "truncated-file"
    cut.write_bytes(xls[: len(xls) // 2])
    assert refusal(cut).code in {"damaged-file", "truncated-file", "damaged-sheet"}


def test_part_damaged_inside_is_reported(tmp_path: Path) -> None:
    data = bytearray(base_workbook(tmp_path / "a.xlsx", tuple(f"text {i}" for i in range(300))).read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo(SST)
    start = info.header_offset + 30 + len(SST)
    data[start + 10:start + 60] = b"\xff" * 50
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(bytes(data))
    exc = refusal(broken)
    assert exc.code in {"damaged-file", "truncated-file"} and SST in exc.message


# --- cells placed far apart (calamine would ask for gigabytes and the process would die) ----------------------------

def _sheet_body(tmp_path: Path, body: str, name: str = "far.xlsx") -> Path:
    src = base_workbook(tmp_path / "a.xlsx")
    with zipfile.ZipFile(src) as z:
        sheet = z.read(SHEET).decode()
    head, rest = sheet.split("<sheetData>", 1)
    tail = rest.split("</sheetData>", 1)[1]
    return rewrite_parts(src, tmp_path / name, {SHEET: (head + "<sheetData>" + body + "</sheetData>" + tail).encode()})


def test_two_cells_at_opposite_corners_are_refused(tmp_path: Path) -> None:
    """A1 and XFD1048576: a 5 KB file that made calamine allocate 550 GB and abort the whole program."""
    far = _sheet_body(tmp_path, '<row r="1"><c r="A1"><v>1</v></c></row>'
                                '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>')
    assert far.stat().st_size < 8000
    exc = refusal(far)
    assert exc.code == "sheet-too-large"
    assert "spans up to 1,048,576 rows by 16,384 columns" in exc.message and "30,000,000 cells" in exc.message


def test_cells_without_addresses_are_counted_too(tmp_path: Path) -> None:
    far = _sheet_body(tmp_path, '<row r="1">' + '<c s="0"><v>1</v></c>' * 16000 + '</row>'
                                '<row r="1048576"><c><v>2</v></c></row>')
    assert refusal(far).code == "sheet-too-large"


def test_cell_far_below_its_row_is_refused(tmp_path: Path) -> None:
    far = _sheet_body(tmp_path, '<row r="1"><c r="A1"><v>1</v></c><c r="ZZ1048576"><v>2</v></c></row>')
    assert refusal(far).code == "sheet-too-large"


def test_wide_and_tall_but_within_the_limit_is_read(tmp_path: Path) -> None:
    """The bound is refined by an exact second pass before refusing: 20,001 x 1,001 cells is read."""
    ok = _sheet_body(tmp_path, '<row r="1"><c r="A1"><v>1</v></c></row>'
                               '<row r="20001"><c r="ALM20001"><v>2</v></c></row>', "ok.xlsx")
    assert check_zip_limits(ok.read_bytes(), ok) == "xlsx"
    small = ZipLimits(max_sheet_cells=20_000_000)
    with pytest.raises(PccdeskError, match="spans up to 20,001 rows by 1,001 columns"):
        check_zip_limits(ok.read_bytes(), ok, small)


def _xls_with_far_cell(tmp_path: Path, col: int) -> Path:
    """An Excel 97-2003 file (xlwt) whose last cell's column is then patched in its RK record."""
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Return")
    sheet.write(0, 0, 1.5)
    sheet.write(65535, 255, 2.5)
    path = tmp_path / "far.xls"
    book.save(str(path))
    data = bytearray(path.read_bytes())
    record = struct.pack("<HHHH", 0x027E, 10, 65535, 255)
    at = data.find(record)
    assert at > 0
    struct.pack_into("<H", data, at + 6, col)
    path.write_bytes(bytes(data))
    return path


def test_legacy_workbook_with_a_cell_at_column_65535_is_refused(tmp_path: Path) -> None:
    """BIFF8 columns are 16-bit: one patched cell made calamine ask for 137 GB."""
    exc = refusal(_xls_with_far_cell(tmp_path, 65535))
    assert exc.code == "sheet-too-large" and "sheet 1 spans 65,536 rows by 65,536 columns" in exc.message


def test_legacy_workbook_within_the_limit_is_read(tmp_path: Path) -> None:
    path = _xls_with_far_cell(tmp_path, 255)
    assert check_spreadsheet_bytes(path.read_bytes(), path) == "xls"
    with pytest.raises(PccdeskError, match="sheet 1 spans 65,536 rows by 256 columns"):
        check_spreadsheet_bytes(path.read_bytes(), path, ZipLimits(max_sheet_cells=1_000_000))


def _xlsb_record(kind: int, body: bytes) -> bytes:
    head = bytes([kind]) if kind < 0x80 else bytes([kind & 0x7F | 0x80, kind >> 7])
    size, out = len(body), b""
    while True:
        out += bytes([size & 0x7F | (0x80 if size > 0x7F else 0)])
        size >>= 7
        if not size:
            break
    return head + out + body


def test_binary_workbook_with_far_apart_cells_is_refused(tmp_path: Path) -> None:
    def cell(col: int) -> bytes:  # BrtCellReal: column, style, an 8-byte number
        return _xlsb_record(5, struct.pack("<IId", col, 0, 1.0))

    sheet = (_xlsb_record(0, struct.pack("<I", 0) + b"\x00" * 8) + cell(0)
             + _xlsb_record(0, struct.pack("<I", 1_048_575) + b"\x00" * 8) + cell(16_383)
             + _xlsb_record(0x91, b"x" * 200))  # a two-byte type and a long body are walked over too
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.bin", b"\x83\x01\x00")
        z.writestr("xl/worksheets/sheet1.bin", sheet)
    path = tmp_path / "far.xlsb"
    path.write_bytes(buffer.getvalue())
    exc = refusal(path)
    assert exc.code == "sheet-too-large" and "1,048,576 rows by 16,384 columns" in exc.message


def test_legacy_container_with_shifted_sectors_is_refused_not_fatal(tmp_path: Path) -> None:
    """Found by the fuzz suite: 68 bytes inserted into this real .xls made calamine ask for 4 GB and abort."""
    real = need_shared(REALDATA / "rec-crime-1898-2002.xls").read_bytes()
    shifted = tmp_path / "rec-crime.xls"
    shifted.write_bytes(real[:43863] + b"x" * 68 + real[43863:])
    exc = refusal(shifted)
    assert exc.code in {"damaged-file", "not-a-spreadsheet"} and "97-2003" in exc.message


def test_legacy_workbook_cut_near_its_end_is_refused_not_a_panic(tmp_path: Path) -> None:
    """Found by fuzzing: this real .xls cut to 210,036 bytes made calamine panic (a BaseException, not an Exception)."""
    real = need_shared(REALDATA / "rec-crime-1898-2002.xls").read_bytes()
    cut = tmp_path / "rec-crime.xls"
    cut.write_bytes(real[:210_036])
    exc = refusal(cut)
    assert exc.code in {"damaged-file", "truncated-file", "damaged-sheet"}


def test_password_protected_bomb_is_refused_after_decryption(tmp_path: Path) -> None:
    """The decrypted package goes through the same checks: a password does not let an XML bomb past."""
    from msoffcrypto.format.ooxml import OOXMLFile

    bomb = rewrite_parts(base_workbook(tmp_path / "a.xlsx"), tmp_path / "bomb.xlsx", {SST: BILLION_LAUGHS.encode()})
    protected = tmp_path / "protected.xlsx"
    with open(bomb, "rb") as plain, open(protected, "wb") as out:
        OOXMLFile(plain).encrypt("Secret1", out)
    assert refusal(protected).code == "password-required"
    exc = refusal(protected, password="Secret1")
    assert exc.code == "xml-declaration" and SST in exc.message
    fine = tmp_path / "fine.xlsx"
    with open(base_workbook(tmp_path / "b.xlsx"), "rb") as plain, open(fine, "wb") as out:
        OOXMLFile(plain).encrypt("Secret1", out)
    assert read_workbook(fine, password="Secret1").sheets[0].rows[0][0] == "Indicator"


def test_xml_bomb_in_the_encryption_header_is_stopped_by_defused_minidom(tmp_path: Path) -> None:
    """msoffcrypto-tool reads a protected workbook's EncryptionInfo XML with minidom, before any of our checks."""
    import olefile
    from msoffcrypto.format.ooxml import OOXMLFile

    protected = tmp_path / "protected.xlsx"
    with open(base_workbook(tmp_path / "a.xlsx"), "rb") as plain, open(protected, "wb") as out:
        OOXMLFile(plain).encrypt("Secret1", out)
    ole = olefile.OleFileIO(str(protected), write_mode=True)
    info = ole.openstream("EncryptionInfo").read()
    bomb = (b'<?xml version="1.0"?><!DOCTYPE e [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            b"]><encryption>&b;</encryption>")
    ole.write_stream("EncryptionInfo", info[:8] + bomb + b" " * (len(info) - 8 - len(bomb)))
    ole.close()
    exc = refusal(protected, password="Secret1")
    assert exc.code == "decrypt-failed" and "EntitiesForbidden" in exc.message


@pytest.mark.parametrize("far_cell", [
    '<c r="xfd1048576"><v>2</v></c>',             # lower case: calamine accepts it
    "<c r='XFD1048576'><v>2</v></c>",             # single quotes
    '<c r = "XFD1048576"><v>2</v></c>',           # spaces round =
    '<c\tr="XFD1048576"><v>2</v></c>',            # a tab before the attribute
    '<c r="XFD0001048576"><v>2</v></c>',          # leading zeros
    '<c r="AAAAA1"><v>2</v></c><c r="A99999"><v>3</v></c>',  # five column letters
    '<c r="A4000000000"><v>2</v></c><c r="ZZ1"><v>3</v></c>',  # a row beyond Excel's
    '<c s="0" r="XFD1048576"><v>2</v></c>',       # the address not first
])
def test_far_cells_written_in_unusual_forms_are_refused(tmp_path: Path, far_cell: str) -> None:
    far = _sheet_body(tmp_path, f'<row r="1"><c r="A1"><v>1</v></c></row><row>{far_cell}</row>')
    assert refusal(far).code == "sheet-too-large"


def test_far_cell_with_a_namespace_prefix_is_refused(tmp_path: Path) -> None:
    far = _sheet_body(tmp_path, f"<x:row xmlns:x='{MAIN_NS}'><x:c r='A1'><x:v>1</x:v></x:c>"
                                "<x:c r='XFD1048576'><x:v>2</x:v></x:c></x:row>")
    assert refusal(far).code == "sheet-too-large"


def test_zip_directory_asking_for_an_unknown_zip_version_is_damage(tmp_path: Path) -> None:
    """Found by fuzzing: Python's zipfile raises NotImplementedError for 'zip file version 23.5'."""
    data = bytearray(base_workbook(tmp_path / "a.xlsx").read_bytes())
    at = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, at + 6, 235)  # version needed to extract, in the first central directory entry
    odd = tmp_path / "odd.xlsx"
    odd.write_bytes(bytes(data))
    assert refusal(odd).code == "truncated-file"
