"""The fast lane for text extracts counts exactly what the csv module's rows count, whatever the file holds.

The reference is written out plainly here: decode the whole file, let ``csv.reader`` split it, and count each
row's chosen cells (short rows padded with None) and whether its reference is blank (``strip`` empty). The fast
lane (:mod:`pccdesk.readers.text_tally`) must agree on every file hypothesis makes: quotes with line ends
inside, CR LF and stray CRs, blank and short lines, odd and blank references, non-ASCII text, three encodings,
three delimiters, tiny chunks (so every chunk edge is crossed), and the second half read by a forked child.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pccdesk.readers import second_core, text_tally
from pccdesk.readers.text_files import text_dialect
from pccdesk.readers.text_tally import TextTally, text_blocks

COLUMNS = (1, 2, 4, 1)  # date, category, area, and the date again (no force column), as the crime count asks
REF = 0

FIELD = st.sampled_from(["A1", "01/04/2015", "2015-04", "Robbery", "Burglary - residential", "Sunderland", "é",
                         "Caf\u00e9", "", " ", "\t", "\u00a0", " x ", "-", "#7", "N/A", "1.5", "Ünïcode"])
QUOTED = st.sampled_from(['"a,b"', '"line\nbreak"', '"say ""hi"""', '""'])


@st.composite
def files(draw):  # type: ignore[no-untyped-def]
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    lines = [delimiter.join(["Crime ID", "Date", "Type", "Outcome", "Area", "Flag"])]
    for _ in range(draw(st.integers(0, 40))):
        shape = draw(st.integers(0, 19))
        if shape == 0:
            lines.append("")  # a blank line
            continue
        width = draw(st.integers(1, 5)) if shape == 1 else 6  # a short line now and then
        cells = [draw(FIELD) for _ in range(width)]
        if shape == 2:
            cells[draw(st.integers(0, width - 1))] = draw(QUOTED)
        lines.append(delimiter.join(cells))
    text = ending.join(lines) + draw(st.sampled_from(["", ending]))
    if draw(st.integers(0, 14)) == 0:
        text = text.replace(ending, "\r", 1)  # a stray carriage return
    return text.encode(encoding, errors="replace"), delimiter


def by_hand(path: Path) -> tuple[Counter, int]:
    """Every row after the heading as csv reads it, counted by (chosen cells, blank reference)."""
    encoding, delimiter = text_dialect(path)
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))[1:]
    counts: Counter = Counter()
    for row in rows:
        cells = tuple(row[c] if c < len(row) else None for c in COLUMNS)
        ref = row[REF] if REF < len(row) else None
        counts[cells, ref is None or not ref.strip()] += 1
    return counts, len(rows)


def tallied(path: Path, second: bool) -> tuple[Counter, int]:
    counts: Counter = Counter()
    lines = 0
    for block in text_blocks(path, 1, COLUMNS, REF, second_core=second):
        if isinstance(block, TextTally):
            for texts, blank, n in block.items():
                counts[texts, blank] += n
            lines += block.lines
        else:
            for row in block:
                cells = tuple(row[c] if c < len(row) else None for c in COLUMNS)
                ref = row[REF] if REF < len(row) else None
                counts[cells, ref is None or not ref.strip()] += 1
            lines += len(block)
    return counts, lines


@pytest.fixture
def tiny_chunks(monkeypatch):  # type: ignore[no-untyped-def]
    """Chunks of a few lines, and a second core from the smallest file, so every edge is crossed."""
    monkeypatch.setattr(text_tally, "CHUNK_BYTES", 97)
    monkeypatch.setattr(text_tally, "SPLIT_BYTES", 150)
    monkeypatch.setattr(second_core, "_IN_WORKER", True)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=files(), second=st.booleans())
def test_fast_lane_counts_exactly_as_csv(tiny_chunks, tmp_path: Path, case, second: bool) -> None:  # type: ignore[no-untyped-def]
    data, _ = case
    path = tmp_path / "extract.csv"
    path.write_bytes(data)
    assert tallied(path, second) == by_hand(path)


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_plain_file_is_tallied_not_parsed_row_by_row(tmp_path: Path) -> None:
    lines = ["Crime ID,Date,Type,Outcome,Area,Flag"] + [f"R{i},01/04/2015,Robbery,x,Sunderland,N" for i in range(50)]
    blocks = list(text_blocks(_write(tmp_path / "a.csv", lines), 1, COLUMNS, REF))
    assert all(isinstance(b, TextTally) for b in blocks)
    assert tallied(tmp_path / "a.csv", False) == (Counter({(("01/04/2015", "Robbery", "Sunderland", "01/04/2015"),
                                                           False): 50}), 50)


def test_blank_references_are_kept_apart_in_the_tally(tmp_path: Path) -> None:
    lines = ["Crime ID,Date,Type,Outcome,Area,Flag", "R1,01/04/2015,Robbery,x,S,N", ",01/04/2015,Robbery,x,S,N",
             "  ,01/04/2015,Robbery,x,S,N", "\u00a0,01/04/2015,Robbery,x,S,N", "-,01/04/2015,Robbery,x,S,N"]
    counts, lines_seen = tallied(_write(tmp_path / "b.csv", lines), False)
    key = ("01/04/2015", "Robbery", "S", "01/04/2015")
    assert counts == Counter({(key, False): 2, (key, True): 3}) and lines_seen == 5


def test_a_quote_hands_the_rest_of_the_file_to_csv(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(text_tally, "CHUNK_BYTES", 64)
    lines = ["Crime ID,Date,Type,Outcome,Area,Flag"] + [f"R{i},01/04/2015,Robbery,x,S,N" for i in range(10)]
    lines += ['R10,01/04/2015,Robbery,"two\nlines",S,N'] + [f"R{i},02/04/2015,Theft,x,T,N" for i in range(11, 15)]
    path = _write(tmp_path / "c.csv", lines)
    kinds = [type(b) for b in text_blocks(path, 1, COLUMNS, REF)]
    assert kinds[0] is TextTally and kinds[-1] is list
    assert tallied(path, False) == by_hand(path)
    assert by_hand(path)[1] == 15  # the quoted line end joins two lines into one record


def test_second_core_child_agrees_and_is_used(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(text_tally, "CHUNK_BYTES", 256)
    monkeypatch.setattr(text_tally, "SPLIT_BYTES", 1024)
    monkeypatch.setattr(second_core, "_IN_WORKER", True)
    started = []
    real_start = second_core.start

    def spy(*args):  # type: ignore[no-untyped-def]
        helper = real_start(*args)
        started.append(helper)
        return helper

    monkeypatch.setattr(second_core, "start", spy)
    lines = ["Crime ID,Date,Type,Outcome,Area,Flag"] + [
        f"R{i},0{1 + i % 3}/04/2015,{'Robbery' if i % 2 else 'Theft'},x,{'ST'[i % 2]},N" for i in range(400)]
    path = _write(tmp_path / "d.csv", lines)
    assert tallied(path, True) == by_hand(path) and by_hand(path)[1] == 400
    assert started and started[0] is not None


def test_no_child_outside_the_reading_worker(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(text_tally, "SPLIT_BYTES", 10)
    assert second_core.start(lambda parent: parent) is None  # this test process is not the reading worker
    lines = ["Crime ID,Date,Type,Outcome,Area,Flag"] + [f"R{i},01/04/2015,Robbery,x,S,N" for i in range(30)]
    path = _write(tmp_path / "e.csv", lines)
    assert tallied(path, True) == by_hand(path)


def test_a_child_that_fails_leaves_its_half_to_the_caller(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(text_tally, "CHUNK_BYTES", 128)
    monkeypatch.setattr(text_tally, "SPLIT_BYTES", 512)
    monkeypatch.setattr(second_core, "_IN_WORKER", True)

    def broken(parent, *args):  # type: ignore[no-untyped-def]
        raise MemoryError

    monkeypatch.setattr(text_tally, "_tally_stretch", broken)
    lines = ["Crime ID,Date,Type,Outcome,Area,Flag"] + [f"R{i},01/04/2015,Robbery,x,S,N" for i in range(200)]
    path = _write(tmp_path / "f.csv", lines)
    assert tallied(path, True) == by_hand(path) and by_hand(path)[1] == 200


def test_utf16_goes_to_csv(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("Crime ID,Date,Type,Outcome,Area,Flag\nR1,01/04/2015,Robbery,x,S,N\n", encoding="utf-16")
    blocks = list(text_blocks(path, 1, COLUMNS, REF))
    assert [type(b) for b in blocks] == [list] and tallied(path, False) == by_hand(path)
