"""Hostile workbooks rebuilt in code at small scale, and a way to read them without risking the test runner.

Each builder makes exactly one attack from a real xlsxwriter (or odfpy) file,
so a test shows what it refuses. :func:`run_limited` runs a snippet in a
separate Python with a 3 GB address-space limit and a timeout: if a
regression lets an attack through, that process dies, not pytest.
"""

from __future__ import annotations

import os
import resource
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import xlsxwriter

REPO = Path(__file__).resolve().parent.parent
SHEET = "xl/worksheets/sheet1.xml"
FAR_ROW = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'


def small_workbook(path: Path, sheets: int = 1) -> Path:
    """One sheet "Return" (and more "Return2"...) holding ``Indicator`` and 1.5 in row 1."""
    book = xlsxwriter.Workbook(str(path))
    for n in range(sheets):
        sheet = book.add_worksheet("Return" if n == 0 else f"Return{n + 1}")
        sheet.write_string(0, 0, "Indicator")
        sheet.write_number(0, 1, 1.5)
    book.close()
    return path


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_parts(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def with_rows(sheet_xml: bytes, rows: str) -> bytes:
    return sheet_xml.replace(b"</sheetData>", rows.encode() + b"</sheetData>")


def moved_far_apart_sheet(path: Path, target: str = "xl/sheet1.xml") -> Path:
    """The 7 KB attack: the sheet part moved out of xl/worksheets/ with cells at A1 and XFD1048576."""
    parts = parts_of(small_workbook(path.with_suffix(".base.xlsx")))
    sheet = with_rows(parts.pop(SHEET), FAR_ROW)
    relative = target[3:] if target.startswith("xl/") else "/" + target
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"worksheets/sheet1.xml", relative.encode())
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"/xl/worksheets/sheet1.xml",
                                                                        ("/" + target).encode())
    parts[target] = sheet
    path.with_suffix(".base.xlsx").unlink()
    return write_parts(path, parts)


def sparse_sheets(path: Path, sheets: int, rows: int, columns: int) -> Path:
    """``sheets`` sheets each spanning ``rows`` × ``columns`` with two cells (under the per-sheet limit)."""
    book = xlsxwriter.Workbook(str(path))
    for n in range(sheets):
        sheet = book.add_worksheet(f"S{n + 1}")
        sheet.write_number(0, 0, 1)
        sheet.write_number(rows - 1, columns - 1, 2)
    book.close()
    return path


def two_directories(path: Path, shown: Path, hidden: Path) -> Path:
    """A zip whose last end-of-central-directory record describes ``shown`` while an earlier one describes
    ``hidden``: readers that search from the end and readers that take the first record see different files."""
    hidden_bytes, shown_bytes = hidden.read_bytes(), shown.read_bytes()
    # shift the shown zip's offsets by the length of the hidden zip placed before it
    path.write_bytes(hidden_bytes + _shift_zip(shown_bytes, len(hidden_bytes)))
    return path


def _shift_zip(data: bytes, by: int) -> bytes:
    """The zip ``data`` with its central directory's offsets moved by ``by`` bytes (for prepending)."""
    end = data.rfind(b"PK\x05\x06")
    entries, size, start = struct.unpack_from("<HII", data, end + 10)
    out = bytearray(data)
    pos = start
    for _ in range(entries):
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", out, pos + 28)
        offset = struct.unpack_from("<I", out, pos + 42)[0]
        struct.pack_into("<I", out, pos + 42, offset + by)
        pos += 46 + name_len + extra_len + comment_len
    struct.pack_into("<I", out, end + 16, start + by)
    return bytes(out)


def run_limited(code: str, memory_gb: float = 3.0, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a new Python (this repository on its path) limited to ``memory_gb`` of address space."""
    def limit() -> None:
        cap = int(memory_gb * 1024 ** 3)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout,
                          preexec_fn=limit, env=env, cwd=str(REPO))


def xls_with_hidden_sheet(path: Path, far: tuple[int, int] = (65535, 65535)) -> Path:
    """A legacy .xls whose first sheet, as the BOUNDSHEET record places it, starts inside the body of the
    shared-string record: a walk from record to record never sees its cells, calamine reads them."""
    import olefile
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Return")
    sheet.write(0, 0, "A" * 400)
    sheet.write(1, 0, 1.5)
    book.save(str(path))
    ole = olefile.OleFileIO(str(path), write_mode=True)
    stream = bytearray(ole.openstream("Workbook").read())
    hidden_at = stream.find(b"A" * 400) + 8
    bof = struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 0x0006)
    cells = b"".join(struct.pack("<HHHHHd", 0x0203, 14, row, col, 0x0F, 1.0) for row, col in ((0, 0), far))
    hidden = bof + cells + struct.pack("<HH", 0x000A, 0)
    stream[hidden_at:hidden_at + len(hidden)] = hidden
    pos = 0
    while pos + 4 <= len(stream):  # point the first BOUNDSHEET at the hidden sheet
        kind, length = struct.unpack_from("<HH", stream, pos)
        if kind == 0x0085:
            struct.pack_into("<I", stream, pos + 4, hidden_at)
            break
        pos += 4 + length
    ole.write_stream("Workbook", bytes(stream))
    ole.close()
    return path
