"""The checks decompress parts with ISA-L (``isal``) where it is installed and with zlib where it is not: both
must give the same bytes from every stream and refuse the same damaged ones, with the same problem code, or a
file would pass the checks on one computer and not on another."""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from pccdesk.problems import Location, PccdeskError
from pccdesk.readers import deflate_stream
from pccdesk.readers.zip_limits import MB, _part_chunks

isal_zlib = pytest.importorskip("isal.isal_zlib")

WHERE = Location("book.xlsx")


def _sheet_xml(rows: int, seed: int = 0) -> bytes:
    rng = random.Random(seed)
    body = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{rng.choice(["Burglary", "Arson", "Drugs"])} '
                   f'{rng.randrange(10 ** 6)}</t></is></c><c r="B{r}"><v>{rng.random()}</v></c></row>'
                   for r in range(1, rows + 1))
    return f'<worksheet><sheetData>{body}</sheetData></worksheet>'.encode()


def _package(part: bytes, level: int = 6) -> tuple[bytes, zipfile.ZipInfo]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", part)
    data = buffer.getvalue()
    return data, zipfile.ZipFile(io.BytesIO(data)).infolist()[0]


def _data_start(data: bytes, info: zipfile.ZipInfo) -> int:
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    return info.header_offset + 30 + name_len + extra_len


def _outcome(data: bytes, info: zipfile.ZipInfo, monkeypatch: pytest.MonkeyPatch, fast: Any) -> tuple[Any, ...]:
    """Everything a scan sees of the part: its chunks' bytes joined, and the refusal that ends them, if any."""
    monkeypatch.setattr(deflate_stream, "_fast_module", lambda: fast)
    out = bytearray()
    try:
        for chunk in _part_chunks(memoryview(data), info, WHERE):
            assert len(chunk) <= deflate_stream.READ_OUT  # memory stays at one chunk
            out += chunk
    except PccdeskError as exc:
        return bytes(out), exc.code
    return bytes(out), None


def _both(data: bytes, info: zipfile.ZipInfo, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    isal = _outcome(data, info, monkeypatch, isal_zlib)
    plain = _outcome(data, info, monkeypatch, None)
    assert isal == plain
    return isal


def test_the_inflater_in_use_is_isa_l() -> None:
    assert deflate_stream._fast_module() is isal_zlib


@pytest.mark.parametrize("level", [0, 1, 6, 9])
def test_a_sound_part_gives_the_same_bytes_from_both(level: int, monkeypatch: pytest.MonkeyPatch) -> None:
    part = _sheet_xml(40_000)  # several megabytes: many chunks and many calls with input left over
    assert len(part) > 3 * MB
    data, info = _package(part, level)
    assert _both(data, info, monkeypatch) == (part, None)


@pytest.mark.parametrize("keep", [0.0, 0.01, 0.3, 0.5, 0.99])
def test_a_part_cut_short_is_refused_alike(keep: float, monkeypatch: pytest.MonkeyPatch) -> None:
    data, info = _package(_sheet_xml(20_000))
    info.compress_size = int(info.compress_size * keep)  # the directory says less: the stream stops early
    got, code = _both(data, info, monkeypatch)
    assert code == "truncated-file"
    assert len(got) < info.file_size


def test_bytes_after_the_end_of_the_stream_are_ignored_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    part = _sheet_xml(50)
    stream = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    raw = stream.compress(part) + stream.flush() + b"trailing bytes"
    data, info = _package(part)
    start = _data_start(data, info)
    data = data[:start] + raw + data[start + info.compress_size:]
    info.compress_size = len(raw)
    assert _both(data, info, monkeypatch) == (part, None)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), min_size=1, max_size=4))
def test_damaged_streams_are_refused_alike(changes: list[tuple[float, int]]) -> None:
    """Bytes of the compressed stream flipped anywhere: the same bytes come out before the same refusal."""
    data, info = _DAMAGE_BASE
    start = _data_start(data, info)
    broken = bytearray(data)
    for at, xor in changes:
        broken[start + int(at * info.compress_size)] ^= xor
    with pytest.MonkeyPatch.context() as patch:
        _both(bytes(broken), info, patch)


_DAMAGE_BASE = _package(_sheet_xml(3_000, seed=7))


@settings(max_examples=100, deadline=None)
@given(st.binary(min_size=1, max_size=3000))
def test_streams_of_random_bytes_are_refused_alike(raw: bytes) -> None:
    data, info = _package(b"x")
    start = _data_start(data, info)
    data = data[:start] + raw
    info.compress_size = len(raw)
    info.file_size = 10 * MB
    with pytest.MonkeyPatch.context() as patch:
        _both(data, info, patch)
