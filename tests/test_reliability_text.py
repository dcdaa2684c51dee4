"""Links, sheet names and text written by pccdesk: what a browser, Excel, an XML parser or a terminal would read
differently from what the officer sees is refused, cleaned or escaped."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.dom.minidom import parseString

import openpyxl
import pytest

from pccdesk.writers.links import allowed_link, link_host
from pccdesk.writers.pack_workbook import PackWorkbook, excel_safe_sheet_name
from pccdesk.writers.text_safety import EXCEL_CELL_LIMIT, terminal_safe


@pytest.mark.parametrize("url", [
    "https://evil.example\\.gov.uk/report",  # a browser goes to evil.example
    "https:\\\\evil.example/.gov.uk",
    "https://www.gov.uk@evil.example/",
    "https://evil.example%2egov.uk/",
    "https://evil.example#.gov.uk",
    "https://evil.example?.gov.uk",
    "https://evil.example/.gov.uk",
    "https://xn--gv-fka.uk.evil.example/",
    "https://gov.uk.evil.example/",
    "https://www.gоv.uk/",  # a Cyrillic о
    "https://www.gov.uk\uff0e/",  # a full-width dot
    "javascript://www.gov.uk/%0aalert(1)",
    "https://www.gov.uk\t/",
    "https://[::1]/",
    "https://192.168.0.1/",
    "https://www.gov.uk:80x/",
    "file://www.gov.uk/",
])
def test_links_a_browser_reads_elsewhere_are_refused(url: str) -> None:
    assert not allowed_link(url)


@pytest.mark.parametrize(("url", "host"), [
    ("https://www.justiceinspectorates.gov.uk/hmicfrs/publications/", "www.justiceinspectorates.gov.uk"),
    ("http://www.gov.uk", "www.gov.uk"),
    ("HTTPS://WWW.POLICE.UK/a?b=c#d", "www.police.uk"),
    ("https:www.gov.uk/x", "www.gov.uk"),  # WHATWG: slashes optional for special schemes
    ("https:////www.gov.uk/x", "www.gov.uk"),
    ("https://www.gov.uk:443/x", "www.gov.uk"),
    ("https://www.gov.uk./x", "www.gov.uk"),
])
def test_plain_links_on_the_list_are_allowed(url: str, host: str) -> None:
    assert link_host(url) == host and allowed_link(url)


def test_a_long_hostile_host_is_refused_quickly() -> None:
    assert link_host("https://" + "a" * 5000 + "_.gov.uk/") is None


@pytest.mark.parametrize(("name", "expected"), [
    ("Objective 1: Putting victims' needs first always'", "Objective 1- Putting victims"),  # cut, no apostrophe
    ("'Quoted'", "Quoted"),
    ("Tackling 🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓 crime", "Tackling"),
    ("🚓" * 20, "🚓" * 15),  # 30 UTF-16 units: one more would split nothing but exceed 31
    ("Bell\x07 and\x1b[2J escape", "Bell and-2J escape"),
    ("Right\u202eto left", "Rightto left"),
    ("[]:*?/\\", "-------"),
    ("   ", "Sheet"),
    ("\x00\x01", "Sheet"),
])
def test_sheet_names_are_valid(name: str, expected: str) -> None:
    got = excel_safe_sheet_name(name, set())
    assert got == expected
    assert len(got.encode("utf-16-le")) // 2 <= 31 and not got.startswith("'") and not got.endswith("'")


def test_sheet_names_unique_whatever_the_case_and_length() -> None:
    taken: set[str] = set()
    long = "Keeping our neighbourhoods safe and feeling safe"
    names = [excel_safe_sheet_name(n, taken) for n in (long, long.upper(), long, "ÉTÉ", "été")]
    assert len({n.casefold() for n in names}) == 5
    assert names[1].endswith(" (2)") and names[2].endswith(" (3)") and names[4] == "été (2)"
    assert all(len(n.encode("utf-16-le")) // 2 <= 31 for n in names)


def test_a_pack_with_hostile_names_and_texts_is_valid_xml(tmp_path: Path) -> None:
    path = tmp_path / "pack.xlsx"
    pack = PackWorkbook(path, marking="OFFICIAL\x01", title="Pack\x02")
    names = ["Victims' voice matters most of all'", "Bell\x07\x1b]0;pwned\x07", "🚓" * 40, "'", "Right\u202eleft"]
    sheets = [pack.add_sheet(n) for n in names]
    pack.text(sheets[0], 0, 0, "A\x00B\x1bC\u202eD")
    pack.text(sheets[0], 1, 0, "x" * 40_000)
    pack.value(sheets[0], 2, 0, "plain")
    pack.close()
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                parseString(archive.read(name))  # every part is well-formed XML
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    assert ws["A1"].value == "ABCD"
    assert len(ws["A2"].value) == EXCEL_CELL_LIMIT and ws["A2"].value.endswith("more than the 32,767 a cell holds]")
    assert ws["A3"].value == "plain"
    found = {(p.code, p.location.cell) for p in pack.text_problems}
    assert found == {("invisible-characters-removed", "A1"), ("text-cut", "A2")}
    assert all(p.location.sheet == ws.title for p in pack.text_problems)


def test_terminal_output_escapes_what_a_terminal_obeys() -> None:
    assert terminal_safe("a\x1b]0;title\x07b\x1b[2Jc\u202ed\re\tf\n") == \
        "a\\x1b]0;title\\x07b\\x1b[2Jc\\u202ed\\re\tf\n"


def test_the_cli_escapes_cell_text_it_prints(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pccdesk.cli import main

    missing = tmp_path / "evil\x1b[2J\u202e.xlsx"
    assert main(["db", "check", "--db", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err and "evil\\x1b[2J\\u202e.xlsx" in err


def _encrypted(tmp_path: Path, spin: bytes | None = None) -> Path:
    import olefile
    import xlsxwriter
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = tmp_path / "plain.xlsx"
    book = xlsxwriter.Workbook(str(plain))
    book.add_worksheet("Return").write_string(0, 0, "Indicator")
    book.close()
    protected = tmp_path / "protected.xlsx"
    with open(plain, "rb") as source, open(protected, "wb") as out:
        OOXMLFile(source).encrypt("Secret1", out)
    if spin is not None:
        ole = olefile.OleFileIO(str(protected), write_mode=True)
        info = ole.openstream("EncryptionInfo").read()
        assert info.count(b'spinCount="100000"') == 1  # the password key encryptor's
        ole.write_stream("EncryptionInfo", info.replace(b'spinCount="100000"', b'spinCount="' + spin + b'"'))
        ole.close()
    return protected


def test_an_absurd_spin_count_is_refused_not_called_a_wrong_password(tmp_path: Path) -> None:
    from pccdesk.problems import PccdeskError
    from pccdesk.readers import read_workbook

    protected = _encrypted(tmp_path, spin=b"999999")
    for password in (None, "Secret1", "wrong"):
        with pytest.raises(PccdeskError) as caught:
            read_workbook(protected, password=password)
        assert caught.value.code == "encryption-refused" and "999,999 rounds" in caught.value.message
    fine = _encrypted(tmp_path)
    with pytest.raises(PccdeskError) as caught:
        read_workbook(fine, password="wrong")
    assert caught.value.code == "wrong-password"
    assert read_workbook(fine, password="Secret1").sheets[0].rows == [["Indicator"]]


def test_encryption_settings_msoffcrypto_refuses_are_refused_as_such(tmp_path: Path) -> None:
    from pccdesk.problems import PccdeskError
    from pccdesk.readers.workbook_reader import decrypt

    protected = _encrypted(tmp_path, spin=b"-00001")
    with pytest.raises(PccdeskError) as caught:
        decrypt(protected.read_bytes(), protected, "Secret1")
    assert caught.value.code == "encryption-refused" and "not ones Excel writes" in caught.value.message
