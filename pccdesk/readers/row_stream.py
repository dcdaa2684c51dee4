"""Rows of a big file, streamed: the first sheet of a workbook or a delimited text file, one row alive at a time.

Record-level crime extracts run to a million rows, so they are not read into a
:class:`pccdesk.readers.workbook_reader.WorkbookData` (every cell of every
sheet in memory). They are opened here instead, with the same checks as every
other input (:mod:`pccdesk.readers.file_checks`: size, format sniffing, zip
limits; :func:`pccdesk.readers.workbook_reader.decrypt` for a protected
workbook) and the same text decoding (:mod:`pccdesk.readers.text_files`:
UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252), so that a file
counts the same whichever path opens it.

Everything here runs in the reading worker process
(:mod:`pccdesk.readers.isolation`): :func:`peek_rows` sends its few rows
back; the functions ending in ``_here`` and :func:`stream_rows` are for code
that itself runs in the worker (a feature's module-level function given to
``run_isolated``), which sends back only what the rows add up to.

Workbooks are parsed by python-calamine; peeking at the headings and then
streaming the rows share one parse (the last sheet opened is cached by path,
size and modification time, and freed with :func:`forget_cached_sheets`).
"""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pccdesk.problems import Location, PccdeskError
from pccdesk.readers.text_files import TEXT_SUFFIXES, head_text_rows, iter_text_rows

_SHEET_CACHE: dict[tuple[str, int, int], tuple[Any, str]] = {}


def is_text_file(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES


def peek_rows(path: Path, password: str | None = None, n: int = 30) -> tuple[list[list[Any]], str]:
    """The first ``n`` rows (blank cells as None in workbooks) and the sheet's name (a text file's stem), read in
    the reading worker process (:mod:`pccdesk.readers.isolation`), which keeps nothing of the file afterwards."""
    from pccdesk.readers.isolation import run_isolated

    peeked: tuple[list[list[Any]], str] = run_isolated(_peek_and_forget, Path(path), password, n, path=path)
    return peeked


def _peek_and_forget(path: Path, password: str | None, n: int) -> tuple[list[list[Any]], str]:
    try:
        return peek_rows_here(path, password, n)
    finally:
        forget_cached_sheets()


def peek_rows_here(path: Path, password: str | None = None, n: int = 30,
                   checked: tuple[bytes, str] | None = None) -> tuple[list[list[Any]], str]:
    """:func:`peek_rows` in this process, without the worker's limits: only inside the reading worker, where
    :func:`stream_rows` then streams the same parse. ``checked``: the file's bytes and kind as
    :func:`pccdesk.readers.file_checks.check_spreadsheet_bytes` has just passed them (not checked again)."""
    if is_text_file(path):
        return head_text_rows(path, n), path.stem
    sheet, name = _sheet(path, password, checked)
    where = Location.of(path, name)
    head_rows = list(_guarded(itertools.islice(sheet.iter_rows(), n), where))
    return [[None if _blank(v) else v for v in row] for row in head_rows], name


def stream_rows(path: Path, password: str | None = None, skip: int = 0) -> tuple[Iterator[list[Any]], str]:
    """Every row after the first ``skip``, streamed, and the sheet's name: only inside the reading worker (a
    generator cannot cross processes; the worker sends back what the rows add up to)."""
    if is_text_file(path):
        return iter_text_rows(path, skip), path.stem
    sheet, name = _sheet(path, password)
    return _guarded(itertools.islice(sheet.iter_rows(), skip, None), Location.of(path, name)), name


def forget_cached_sheets() -> None:
    """Free the cached sheet once a file has been streamed."""
    _SHEET_CACHE.clear()


def _sheet(path: Path, password: str | None, checked: tuple[bytes, str] | None = None) -> tuple[Any, str]:
    """The first sheet of a workbook (python-calamine) and its name, parsed once per file version."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    cached = _SHEET_CACHE.get(key)
    if cached is not None:
        return cached
    import python_calamine as pc

    from pccdesk.readers.file_checks import check_spreadsheet_bytes
    from pccdesk.readers.workbook_reader import decrypt

    data, kind = checked if checked is not None else (path.read_bytes(), "")
    if checked is None:
        kind = check_spreadsheet_bytes(data, path)
    if kind == "encrypted":
        data = decrypt(data, path, password)
        check_spreadsheet_bytes(data, path)
    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        if not names:
            raise PccdeskError("the workbook has no sheets", Location.of(path), code="unreadable-input")
        sheet = book.get_sheet_by_name(names[0])
    except PccdeskError:
        raise
    except BaseException as exc:  # calamine reports damage through several types; a Rust panic is a BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise PccdeskError(f"the workbook cannot be read ({type(exc).__name__})", Location.of(path),
                           code="unreadable-input") from exc
    _SHEET_CACHE.clear()
    _SHEET_CACHE[key] = (sheet, names[0])
    return sheet, names[0]


def _guarded(rows: Iterable[Any], where: Location) -> Iterator[Any]:
    """Rows of a sheet, with calamine's own error types turned into one plain error naming the sheet."""
    try:
        yield from rows
    except BaseException as exc:  # calamine's error types for damaged sheets (a Rust panic is a BaseException)
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise PccdeskError(f"the sheet cannot be read ({type(exc).__name__})", where,
                           code="unreadable-input") from exc


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and math.isnan(value)


def sheet_origin(path: Path, password: str | None = None) -> tuple[int, int]:
    """The 0-based (row, column) of the cell python-calamine's rows of the first sheet start from, so a row and
    column counted in :func:`stream_rows` can be named as the cell a person sees in Excel: its rows start at row
    1 (empty rows above the used range included) but at the used range's first column."""
    if is_text_file(path):
        return 0, 0
    sheet, _ = _sheet(path, password)
    start = sheet.start
    return (0, int(start[1])) if start else (0, 0)
