"""Fuzzing the containers themselves: zip structures two readers may read differently, .ods repeat counts and
.xls records placed where a record-by-record walk does not look.

Same budget and rule as tests/test_fuzz_workbooks.py (``PCCDESK_FUZZ_EXAMPLES``; ``make fuzz`` runs both): any
outcome but a foreign exception is fine, and every read happens in pccdesk's limited worker process, so a
mutation that would take gigabytes is a refusal, not a dead test runner.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

import hypothesis.strategies as st
from hypothesis import given

from tests.hostile_files import FAR_ROW, _shift_zip, xls_with_hidden_sheet
from tests.test_fuzz_workbooks import FUZZ, check_import, seeds, zip_seed_names

ZIP_OPS = st.sampled_from(["prepend-zip", "append-end-record", "move-part", "overlap", "offset", "sizes",
                           "duplicate-local", "far-row-in-moved-part"])


def _directory(data: bytes) -> tuple[int, int, int]:
    end = data.rfind(b"PK\x05\x06")
    entries, _, start = struct.unpack_from("<HII", data, end + 10)
    return end, entries, start


def _central_entries(data: bytes) -> list[int]:
    end, entries, start = _directory(data)
    found, pos = [], start
    for _ in range(entries):
        if data[pos:pos + 4] != b"PK\x01\x02":
            break
        found.append(pos)
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        pos += 46 + name_len + extra_len + comment_len
    return found


def zip_mutation(data: bytes, op: str, pick: int, value: int) -> bytes:
    """One change to a package's zip structure (not to its parts' contents)."""
    entries = _central_entries(data)
    if not entries:
        return data
    entry = entries[pick % len(entries)]
    out = bytearray(data)
    if op == "prepend-zip":  # a whole other package before this one: two end records
        prefix = seeds()[zip_seed_names()[value % len(zip_seed_names())]]
        return prefix + _shift_zip(data, len(prefix))
    if op == "append-end-record":
        end = data.rfind(b"PK\x05\x06")
        return data + data[end:end + 22]
    if op == "overlap":
        other = entries[(pick + 1) % len(entries)]
        struct.pack_into("<I", out, entry + 42, struct.unpack_from("<I", data, other + 42)[0])
    elif op == "offset":
        struct.pack_into("<I", out, entry + 42, value % max(len(data), 1))
    elif op == "sizes":
        struct.pack_into("<II", out, entry + 20, value % 1_000_000, (value * 7919) % 2**32)
    elif op == "duplicate-local":  # a copy of one local entry the directory does not list, before the directory
        offset = struct.unpack_from("<I", data, entry + 42)[0]
        end_record, _, start = _directory(data)
        nxt = data.find(b"PK\x03\x04", offset + 4, start)
        blob = data[offset:nxt if nxt > 0 else start]
        out = bytearray(data[:start] + blob + data[start:])
        struct.pack_into("<I", out, end_record + len(blob) + 16, start + len(blob))
    elif op in ("move-part", "far-row-in-moved-part"):
        return _move_sheet(data, value, far=op == "far-row-in-moved-part")
    return bytes(out)


def _move_sheet(data: bytes, value: int, far: bool) -> bytes:
    """Rename the first worksheet part (and its relationship) to somewhere unusual, optionally adding far cells."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    sheet = next((n for n in names if re.match(r"xl/worksheets/[^/]+\.xml$", n)), None)
    if sheet is None:
        return data
    target = ["xl/moved.xml", "xl/a/b/c.xml", "xl/worksheets/sheet", "xl/sheet.bin.xml"][value % 4]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for name in names:
            body = source.read(name)
            if name == sheet:
                if far:
                    body = body.replace(b"</sheetData>", FAR_ROW.encode() + b"</sheetData>")
                new.writestr(target, body)
                continue
            if name == "xl/_rels/workbook.xml.rels":
                body = body.replace(sheet[3:].encode(), target[3:].encode())
            new.writestr(name, body)
    return out.getvalue()


@given(st.data(), ZIP_OPS, st.integers(0, 100), st.integers(0, 2**32 - 1))
@FUZZ
def test_zip_structure_mutations(data: st.DataObject, op: str, pick: int, value: int) -> None:
    name = data.draw(st.sampled_from(zip_seed_names()), label="seed")
    check_import(zip_mutation(seeds()[name], op, pick, value), name)


_REPEAT = re.compile(rb'table:number-(?:rows|columns)-repeated="\d+"')


@given(st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from([b"rows", b"columns"]),
                          st.sampled_from([1, 2, 1000, 16384, 65536, 1048576, 99999999])), min_size=1, max_size=6))
@FUZZ
def test_ods_repeat_mutations(changes: list[tuple[int, bytes, int]]) -> None:
    seed = seeds()["small.ods"]
    source = zipfile.ZipFile(io.BytesIO(seed))
    content = source.read("content.xml")
    for at, kind, count in changes:
        tags = [m.start() for m in re.finditer(rb"<table:table-(?:row|cell)[ >/]", content)]
        if not tags:
            break
        pos = tags[at % len(tags)]
        tag_end = content.index(b"-", pos + 12) if kind == b"rows" else pos
        insert = content.find(b" ", pos) if content.find(b" ", pos) < content.find(b">", pos) else \
            content.find(b">", pos)
        attr = b' table:number-%s-repeated="%d" office:value-type="float" office:value="1"' % (kind, count)
        content = _REPEAT.sub(b"", content[:insert]) + attr + content[insert:] if tag_end >= 0 else content
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in source.infolist():
            new.writestr(info, content if info.filename == "content.xml" else source.read(info.filename),
                         compress_type=info.compress_type)
    check_import(out.getvalue(), "small.ods")


_XLS_SEED: dict[str, bytes] = {}


def _xls_seed() -> bytes:
    if "seed" not in _XLS_SEED:
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="pccdesk-fuzz-xls-"))
        _XLS_SEED["seed"] = xls_with_hidden_sheet(folder / "seed.xls", far=(3, 3)).read_bytes()
    return _XLS_SEED["seed"]


@given(st.lists(st.tuples(st.sampled_from(["boundsheet", "cell-row", "cell-col", "record-length"]),
                          st.integers(0, 2**16 - 1), st.integers(0, 2**32 - 1)), min_size=1, max_size=4))
@FUZZ
def test_xls_record_mutations(changes: list[tuple[str, int, int]]) -> None:
    """BOUNDSHEET offsets, cell positions and record lengths changed inside the workbook stream."""
    data = bytearray(_xls_seed())
    stream_at = data.find(b"\x09\x08\x10\x00\x00\x06\x05\x00")  # the globals' BOF (a 512-byte-sector file)
    for op, small, big in changes:
        if stream_at < 0:
            break
        if op == "boundsheet":
            at = data.find(b"\x85\x00", stream_at)
            if at > 0:
                struct.pack_into("<I", data, at + 4, big % 4096)
        elif op in ("cell-row", "cell-col"):
            at = data.find(b"\x03\x02\x0e\x00", stream_at)  # a NUMBER record
            if at > 0:
                struct.pack_into("<H", data, at + (4 if op == "cell-row" else 6), small)
        else:
            at = stream_at + (big % 2048)
            if at + 4 <= len(data):
                struct.pack_into("<H", data, at + 2, small)
    check_import(bytes(data), "seed.xls")
