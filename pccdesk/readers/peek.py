"""The first rows of every sheet of a file, read cheaply, to tell what kind of file it is.

Telling a return from a crime extract must not cost reading a million-row
extract: a delimited text file is read only up to its first 256 KB, a workbook
gets the same safety checks as a full read (size, zip limits, password) but
only its first rows are turned into values.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pccdesk.problems import Location, PccdeskError
from pccdesk.readers import codes
from pccdesk.readers.options import ReadOptions
from pccdesk.readers.workbook_reader import read_delimited
from pccdesk.records import record

TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
TEXT_SAMPLE_BYTES = 256 * 1024


@record(frozen=True)
class SheetHead:
    """A sheet's name and its first rows (cells as read, blank cells as "")."""

    name: str
    rows: list[list[Any]]


def peek(path: str | Path, *, rows: int = 40, options: ReadOptions | None = None) -> list[SheetHead]:
    """The first ``rows`` rows of every sheet (of the one table of a CSV). Raises :class:`PccdeskError` as
    :func:`~pccdesk.readers.workbook_reader.read_workbook` does (missing file, password, damage)."""
    path = Path(path)
    where = Location.of(path)
    if not path.is_file():
        raise PccdeskError("the file does not exist", where, code=codes.FILE_MISSING)
    if path.suffix.lower() in TEXT_SUFFIXES:
        try:
            with path.open("rb") as handle:
                data = handle.read(TEXT_SAMPLE_BYTES)
        except OSError as exc:
            raise PccdeskError(f"the file cannot be opened ({exc.strerror or exc})", where,
                               code=codes.FILE_UNREADABLE) from exc
        if len(data) == TEXT_SAMPLE_BYTES and b"\n" in data:
            data = data[: data.rindex(b"\n") + 1]  # never a half line at the end of the sample
        sheet = read_delimited(data, path)
        return [SheetHead(sheet.name, [list(r) for r in sheet.rows[:rows]])]
    return _peek_workbook(path, rows, options)


def _peek_workbook(path: Path, rows: int, options: ReadOptions | None) -> list[SheetHead]:
    import python_calamine as pc

    from pccdesk.readers.file_checks import check_spreadsheet_bytes
    from pccdesk.readers.workbook_reader import decrypt

    where = Location.of(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PccdeskError(f"the file cannot be opened ({exc.strerror or exc})", where,
                           code=codes.FILE_UNREADABLE) from exc
    kind = check_spreadsheet_bytes(data, path)
    if kind == "encrypted":
        data = decrypt(data, path, options.password_for(path) if options else None)
        check_spreadsheet_bytes(data, path)
    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        heads = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            heads.append(SheetHead(name, [list(r) for r in sheet.to_python(nrows=rows)]))
    except BaseException as exc:  # calamine reports damage through several types; a Rust panic is a BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise PccdeskError("the spreadsheet is damaged or not a spreadsheet", where, code=codes.DAMAGED_FILE) from exc
    return heads
