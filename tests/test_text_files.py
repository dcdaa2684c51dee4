"""The readers' one text decoding: every encoding a CSV is saved in reads to the same rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from pccdesk.readers.headings import heading_key, recognise_roles
from pccdesk.readers.text_files import decode_text, head_text_rows, is_binary, text_encoding
from pccdesk.readers.workbook_reader import read_workbook

ROWS = [["Crime ID", "Month", "Crime type", "LSOA name"], ["a1", "2018-12", "Burglary", "Liverpool 001A"],
        ["", "2018-12", "Anti-social behaviour", "St. Helens 002B"], ["b2", "2018-12", "Other theft", "Wirral café"]]


@pytest.mark.parametrize(("encoding", "bom", "found"), [
    ("utf-8", b"", "utf-8"), ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"), ("utf-16-le", b"\xff\xfe", "utf-16"),
    ("utf-16-be", b"\xfe\xff", "utf-16"), ("cp1252", b"", "cp1252"),
])
def test_every_encoding_reads_to_the_same_rows(tmp_path: Path, encoding: str, bom: bytes, found: str) -> None:
    text = "\r\n".join(",".join(row) for row in ROWS) + "\r\n"
    data = bom + text.encode(encoding)
    assert text_encoding(data) == found and not is_binary(data)
    assert decode_text(data) == text
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes(data)
    assert head_text_rows(path) == ROWS  # the streamed path
    assert read_workbook(path).sheets[0].rows == [[c or None for c in row] for row in ROWS]  # the table path


def test_nul_bytes_without_a_utf16_mark_are_binary() -> None:
    assert is_binary(b"PK\x03\x04\x00\x00") and not is_binary(b"\xff\xfea\x00b\x00")


def test_headings_are_recognised_one_way() -> None:
    assert heading_key("Violence against the person4") == "violence against the person"
    assert heading_key("Police Force\nArea name [note 2]") == "police force area name"
    synonyms = {"reference": ("crime reference", "crime id"), "date": ("recorded date", "month")}
    assert recognise_roles(["Month", "Crime ID", "Crime Reference"], synonyms) == {"reference": 2, "date": 0}
    assert recognise_roles(["Month", "Crime ID", "Crime Reference"], synonyms, by_column=True) == \
        {"date": 0, "reference": 1}
    assert recognise_roles(["When", "Ref"], synonyms, {"date": "when"}) == {"date": 0}


def test_a_utf8_character_cut_by_the_head_read_is_still_utf8() -> None:
    assert text_encoding("Wirral café".encode()[:-1], complete=False) == "utf-8"
    assert text_encoding("Wirral café".encode("cp1252")) == "cp1252"
