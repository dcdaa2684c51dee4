"""A plain .xlsx extract's chosen columns, tallied in bulk from the sheet's XML: one regular expression per block.

The workbook counterpart of :mod:`pccdesk.readers.text_tally`. The first sheet's XML is decompressed a few
megabytes at a time, and one compiled pattern per row picks out just the cells of the counted columns (their
attributes and content, never their addresses, so the same value gives the same bytes on every row); ``Counter``
tallies the matches, and each *distinct* combination is turned into values once, at the end, by
:func:`pccdesk.readers.sheet_xml.cell_value`: the values python-calamine's ``iter_rows`` gives.

What the rows add up to is what python-calamine's rows add up to, or the read is abandoned (:class:`NotPlain`)
and the caller reads the file with python-calamine:

* every ``<row`` of the sheet must match the pattern: cells addressed ``r="B12"`` first, of the shapes
  Excel, LibreOffice, openpyxl and xlsxwriter write (a value, a formula's cached value, an inline string), in
  column order up to the last counted column, each counted cell's address naming its own row (a cell of a
  counted column of any other shape, out of order before it, or placed in another row fails the row);
* row numbers must rise from row to row (no row given twice);
* calamine yields every row from the first to the last that holds a value, a missing row as an empty one; so
  rows missing between the heading and the last value count as empty rows, and rows after the last value (only
  formatting) are not rows at all (an empty value element there, on which calamine's readings differ, declines).

Cells after the last counted column are not examined (that is what makes the pattern fast): one there that
names another row's counted column (which no writer produces) would be missed.
"""

from __future__ import annotations

import operator
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any

from pccdesk.problems import Location, PccdeskError
from pccdesk.readers import second_core
from pccdesk.readers.cells import column_index, column_letter
from pccdesk.readers.deflate_stream import CutStream, DamagedStream, inflate
from pccdesk.readers.sheet_xml import NotPlain, PlainBook, cell_value
from pccdesk.readers.zip_limits import part_data

__all__ = ["BLOCK_BYTES", "NotPlain", "PlainSheet", "SheetTally"]

#: Decompressed bytes tallied at a time (cut back to the last row start).
BLOCK_BYTES = 8 * 1024 * 1024
#: Distinct raw combinations held before they are handed on (bounds memory when every row differs).
HAND_ON_AT = 100_000

#: A cell's content: text and tags up to its end, but never into another cell or row (a sheet whose cell does not
#: end would otherwise be searched to its end from every row after it: hours for a few hostile megabytes). Every
#: pattern here stops at the next tag or quote it cannot take, for the same reason.
_INSIDE = rb"[^<]*(?:<(?!/c>|c |/?row)[^<]*)*"
_ROW = re.compile(rb'<row r="([1-9]\d*)"[^<>]*?(/?)>')
_ROW_NUMBER = re.compile(rb'<row r="([1-9]\d*)"')
_NUMBER = itemgetter(0)  # a row pattern's match: its row's number first
_CELL = re.compile(rb'<c r="([A-Z]{1,3})([1-9]\d*)"((?: [st]="[^"<>]*")*)(?: ?/>|>(' + _INSIDE + rb')</c>)')
_VALUE = re.compile(rb"<v>[^<]|<is>")
#: An empty value element: calamine's versions and cell types differ on whether it makes the row hold a value.
_DOUBTFUL = re.compile(rb"<v>(?=<)|<v ?/>")
_PREFIXED = re.compile(rb"<[A-Za-z_][\w.-]*:(?:row|c)\b")
_COLON_TAG = re.compile(rb":(?:row|c)\b")  # a quick search that finds every prefixed tag (and a few texts)
#: The content shapes of a counted cell: a value, a formula's cached value, a one-piece inline string, nothing.
_CONTENT = rb'(?:<v>[^<]*</v>|<f>[^<]*</f>(?:<v>[^<]*</v>|<v ?/>)?|<is><t(?: xml:space="preserve")?>[^<]*</t></is>)?'
_SKIP = rb'(?: [\w:]+="[^"<>]*")*(?: ?/>|>' + _INSIDE + rb'</c>)'
#: The first character of a text that is certainly not blank: printable ASCII but space, ``&`` and ``_``.
_SURE_FIRST = rb"[!-%'-^`-~]"


def _crc32() -> Any:
    """ISA-L's CRC-32 where installed (six times zlib's speed), else zlib's: the same numbers."""
    try:
        from isal import isal_zlib
    except ImportError:  # pragma: no cover - isal is a dependency
        return zlib.crc32
    return isal_zlib.crc32


class PlainSheet:
    """The first sheet of a plain workbook, read from its XML (see the module's docstring)."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path, self._data = path, data
        self.book = PlainBook(data)
        self.name = self.book.sheet_name
        self._info = self.book.zip.getinfo(self.book.sheet_part)
        self._kept: list[tuple[bytes, int, int]] | None = None

    def blocks(self) -> Iterator[tuple[bytes, int, int]]:
        """The sheet's rows a few megabytes at a time: (bytes, start, end), whole rows between start and end.

        A sheet of one block is decompressed once and kept (the headings, the date column and the tally each
        read it); a bigger one is decompressed for each pass, holding one block at a time."""
        if self._kept is not None:
            yield from self._kept
            return
        if self._info.file_size <= BLOCK_BYTES:
            self._kept = list(self._decompressed())
            yield from self._kept
            return
        yield from self._decompressed()

    def _reads(self) -> Iterator[list[bytes]]:
        """The sheet part inflated, in runs of pieces about ``BLOCK_BYTES`` long, then ``[]``; checked against the
        zip's CRC at the end (calamine refuses a part that fails it, so this reading must not count one)."""
        try:
            raw = part_data(memoryview(self._data), self._info, Location.of(self.path))
        except PccdeskError as exc:
            raise NotPlain(str(exc)) from exc
        pieces = (bytes(raw[i:i + BLOCK_BYTES]) for i in range(0, len(raw), BLOCK_BYTES)) \
            if self._info.compress_type == zipfile.ZIP_STORED else inflate(raw, BLOCK_BYTES)
        crc32 = _crc32()
        crc, held, size = 0, [], 0
        try:
            for piece in pieces:
                crc = crc32(piece, crc)
                held.append(piece)
                size += len(piece)
                if size >= BLOCK_BYTES:
                    yield held
                    held, size = [], 0
        except (DamagedStream, CutStream) as exc:
            raise NotPlain(f"the sheet's part cannot be decompressed ({exc})") from exc
        if crc != self._info.CRC:
            raise NotPlain("the sheet's part does not match its checksum")
        if held:
            yield held
        yield []

    def _decompressed(self) -> Iterator[tuple[bytes, int, int]]:
        reads = self._reads()
        rest = b""
        started = ended = False
        while not ended:
            pieces = next(reads)
            chunk = bool(pieces)  # (only whether anything was read)
            data = b"".join([rest, *pieces])  # one copy per block
            start = 0
            if not started:
                at = data.find(b"<sheetData>")
                if at < 0:
                    if not chunk or b"<sheetData" in data[:-10]:
                        raise NotPlain("no rows")  # <sheetData/> or a prefixed or odd sheetData
                    rest = data[-16:]
                    continue
                start, started = at + len(b"<sheetData>"), True
            last_row = data.rfind(b"<row ", start)  # the rows end after the last row's start
            end = data.find(b"</sheetData>", max(last_row, start))
            if end >= 0:
                ended = True
            elif not chunk:
                raise NotPlain("the sheet's rows do not end")
            else:
                end = last_row
                if end <= start:
                    rest = data[start:] if started else data
                    continue
                rest = data[end:]
            if _COLON_TAG.search(data, start, end) and _PREFIXED.search(data, start, end):
                raise NotPlain("rows or cells with a namespace prefix")
            yield data, start, end
        for _ in reads:  # the part's end, for its checksum
            pass

    def rows(self) -> Iterator[tuple[int, dict[int, Any]]]:
        """Every row as (row number, its cells' values by column index), in order."""
        last = 0
        for block, start, stop in self.blocks():
            pos = start
            for row in _ROW.finditer(block, start, stop):
                if block[pos:row.start()].strip():
                    raise NotPlain("something between rows")
                number = int(row.group(1))
                if number <= last:
                    raise NotPlain("rows out of order")
                last = number
                if row.group(2):
                    pos = row.end()
                    yield number, {}
                    continue
                end = block.find(b"</row>", row.end(), stop)
                if end < 0:
                    raise NotPlain("a row that does not end")
                cells = self._cells(block, row.end(), end, row.group(1))
                pos = end + len(b"</row>")
                yield number, cells
            if block[pos:stop].strip():
                raise NotPlain("something between rows")

    def _cells(self, block: bytes, start: int, end: int, number: bytes) -> dict[int, Any]:
        cells: dict[int, Any] = {}
        pos, previous = start, -1
        while pos < end:
            cell = _CELL.match(block, pos, end)
            if cell is None or cell.group(2) != number:
                raise NotPlain("a cell of an unusual shape or address")
            column = column_index(cell.group(1))
            if column <= previous:
                raise NotPlain("cells out of order")
            previous = column
            content = cell.group(4) or b""
            cells[column] = cell_value(self.book, cell.group(3), content)
            pos = cell.end()
        return cells

    def head_rows(self, n: int) -> list[list[Any]]:
        """The first ``n`` rows as python-calamine's ``iter_rows`` gives them (a missing row as an empty one,
        an empty cell as ``''``), but from column A, each only as long as its last cell, and without the empty
        rows that end them (calamine has them only when a value follows)."""
        rows: list[list[Any]] = []
        for number, cells in self.rows():
            if number > n:
                break
            while len(rows) < number - 1:
                rows.append([])
            width = max(cells, default=-1) + 1
            rows.append([cells.get(c, "") for c in range(width)])
        while rows and all(v == "" and v.__class__ is str for v in rows[-1]):
            rows.pop()
        return rows

    def column_values(self, header_row: int, column: int, rows: int) -> Iterator[Any]:
        """The values of one column in the first ``rows`` rows after ``header_row``, in order (a missing row's
        as ``''``), with no more work per row than a match: for judging the shape of a date column."""
        pattern = _row_pattern((column,), None, sure_shared=True)
        first, last = header_row + 2, header_row + 1 + rows
        expected = first
        values: dict[bytes, Any] = {}
        for block, start, end in self.blocks():
            for number_text, cell in pattern.findall(block, start, end):
                number = int(number_text)
                if number < first:
                    continue
                if number > last:
                    return
                while expected < number:
                    expected += 1
                    yield ""
                expected += 1
                value = values.get(cell)
                if value is None:
                    value = values[cell] = cell_value(self.book, *_split(cell))
                yield value

    def tally(self, header_row: int, columns: tuple[int, ...], ref: int | None, *,
              two_cores: bool = False) -> Iterator[SheetTally]:
        """Tallies of the rows after ``header_row`` (0-based, as :meth:`head_rows` counts), by the values of
        ``columns`` in that order, watching ``ref`` for blank references; the last tally holds the empty rows.

        With ``two_cores``, a big sheet's second half of blocks is tallied at the same time by a child forked
        from the reading worker (:mod:`pccdesk.readers.second_core`); if the child fails, this process reads
        that half itself."""
        if ref in columns:
            raise NotPlain("the reference column is also counted")
        pattern = _row_pattern(columns, ref, sure_shared=not self.book.blank_strings())
        order = sorted(set(columns) | ({ref} if ref is not None else set()))
        first_data = header_row + 2  # the first data row's number
        blocks = -(-self._info.file_size // BLOCK_BYTES)
        split = blocks // 2 if two_cores and blocks >= 4 else 0
        helper = second_core.start(_tally_from, self, pattern, first_data, split) if split else None
        run = _Pass(pattern, first_data, skip_heading=True)
        try:
            for index, (block, start, end) in enumerate(self.blocks()):
                if helper is not None and index == split:
                    done, helper = helper.result(), None
                    if done is not None:  # else the child failed: read its half here
                        run.join(done)
                        break
                if len(run.counts) > HAND_ON_AT:  # handed on before a block: the last block's rows stay
                    yield SheetTally(self.book, order, columns, ref, run.counts)
                    run.counts = Counter()
                run.feed(block, start, end)
            else:
                run.finish()
        finally:
            if helper is not None:
                helper.cancel()
        empty = (run.last_value or first_data - 1) - first_data + 1 - run.matched
        if empty < 0:
            raise NotPlain("more rows than row numbers")
        yield SheetTally(self.book, order, columns, ref, run.counts, empty=empty)


def _tally_from(parent: int, sheet: PlainSheet, pattern: re.Pattern[bytes], first_data: int,
                split: int) -> tuple[Any, ...]:
    """In the forked child: the blocks from ``split`` on, tallied (what :meth:`_Pass.join` takes), or
    ``("not plain", reason)``."""
    run = _Pass(pattern, first_data, skip_heading=False)
    try:
        for index, (block, start, end) in enumerate(sheet.blocks()):
            if second_core.parent_gone(parent):
                return ("gone",)
            if index >= split:
                run.feed(block, start, end)
        run.finish()
    except NotPlain as exc:
        return ("not plain", str(exc))
    return ("done", run.counts, run.matched, run.first_number, run.last_number, run.last_value)


class _Pass:
    """The tally of a run of blocks, with what is needed to check and join the runs' seams."""

    def __init__(self, pattern: re.Pattern[bytes], first_data: int, *, skip_heading: bool) -> None:
        self.pattern, self.first_data = pattern, first_data
        groups = pattern.groups - 1  # the row's number is not part of the key
        self.key = itemgetter(*range(1, groups + 1)) if groups > 1 else itemgetter(1)
        self.counts: Counter[Any] = Counter()
        self.matched = self.first_number = self.last_value = 0
        # the heading and the rows above it are skipped by the first run; a later run must not meet them
        self.last_number = 0 if skip_heading else first_data - 1
        self._tail: tuple[bytes, int, int] = (b"", 0, 0)

    def feed(self, block: bytes, start: int, end: int) -> None:
        if self.last_number < self.first_data:  # skip the heading and the rows above it
            for row in _ROW_NUMBER.finditer(block, start, end):
                if int(row.group(1)) >= self.first_data:
                    start = row.start()
                    break
            else:
                self.last_number = max([self.last_number, *map(int, _ROW_NUMBER.findall(block, start, end))])
                return
        found = self.pattern.findall(block, start, end)
        if block.count(b"<row", start, end) != len(found):
            raise NotPlain("a row of an unusual shape, or whose first attribute is not its number")
        numbers = list(map(int, map(_NUMBER, found)))
        if not all(map(operator.lt, [self.last_number, *numbers], numbers)):
            raise NotPlain("rows out of order or given twice")
        self.counts.update(map(self.key, found))
        self.matched += len(found)
        if numbers:
            self.first_number = self.first_number or numbers[0]
            self.last_number = numbers[-1]
        self._tail = (block, start, end)

    def finish(self) -> None:
        """The end of the sheet: rows after the last value are not rows (calamine's rows end at it)."""
        block, start, end = self._tail
        trailing, self.last_value = _trailing(block, start, end, self.pattern)
        if trailing:
            self.counts.subtract(Counter(map(self.key, trailing)))
            if any(n < 0 for n in self.counts.values()):
                raise NotPlain("the rows without values run across blocks")
            self.counts = +self.counts
            self.matched -= len(trailing)
        if not self.last_value and self.matched:
            raise NotPlain("the last value is not in the last block")

    def join(self, done: tuple[Any, ...]) -> None:
        """Add the child's tally of the rest of the sheet (see :func:`_tally_from`)."""
        if done[0] != "done":
            raise NotPlain(done[1] if len(done) > 1 else "the second half was not read")
        _, counts, matched, first_number, last_number, last_value = done
        if matched and first_number <= self.last_number:
            raise NotPlain("rows out of order across the halves")
        if not matched and self.matched:
            raise NotPlain("the last value is not in the last block")
        self.counts.update(counts)
        self.matched += matched
        self.last_number, self.last_value = last_number or self.last_number, last_value


def _trailing(block: bytes, start: int, end: int, pattern: re.Pattern[bytes]) -> tuple[list[Any], int]:
    """The pattern's matches of the rows at the end of ``block`` holding no value, and the number of the last
    row that holds one (0 when none in the block)."""
    rows = list(_ROW.finditer(block, start, end))
    for i in range(len(rows) - 1, -1, -1):
        row = rows[i]
        after = rows[i + 1].start() if i + 1 < len(rows) else end
        if _DOUBTFUL.search(block, row.end(), after):
            raise NotPlain("an empty value element where the rows end")
        if not row.group(2) and _VALUE.search(block, row.end(), after):
            return pattern.findall(block, after, end), int(row.group(1))
    return pattern.findall(block, start, end), 0


def _split(cell: bytes) -> tuple[bytes, bytes]:
    """A counted cell's captured XML (after its address, to its end) as (attributes, content)."""
    if not cell or cell.endswith(b"/>"):
        return cell[:-2].rstrip(b" "), b""
    at = cell.index(b">")
    return cell[:at], cell[at + 1:-4]


def _row_pattern(columns: tuple[int, ...], ref: int | None, *, sure_shared: bool) -> re.Pattern[bytes]:
    """One row, up to the last counted column: a group per counted column (its XML after the address), in column
    order; for the reference column two (a mark when it is certainly not blank; else its XML); with
    before them the row's number, which each counted cell's address must repeat (calamine places a cell by its
    own address)."""
    wanted = sorted(set(columns) | ({ref} if ref is not None else set()))
    parts = [rb'<row r="([1-9]\d*)"[^<>]*?(?:/>|>']
    previous = -1
    for column in wanted:
        gap = [column_letter(c).encode() for c in range(previous + 1, column)]
        if gap:
            parts.append(rb'(?:<c r="(?:' + b"|".join(gap) + rb')\d+"' + _SKIP + rb")*")
        letters = column_letter(column).encode()
        address = rb'<c r="' + letters + rb'\1"'
        cell = address + rb'((?: [st]="[^"<>]*")*(?: ?/>|>' + _CONTENT + rb"</c>))"
        if column == ref:
            sure = [rb' t="inlineStr"><is><t(?: xml:space="preserve")?>' + _SURE_FIRST + rb"[^<]*</t></is>",
                    rb'(?: t="n")?><v>-?[\d.]+(?:[eE][-+]?\d+)?</v>']
            if sure_shared:
                sure.append(rb' t="s"><v>\d+</v>')
            parts.append(rb"(?:" + address + rb'(?: s="\d+")?(?:' + b"|".join(sure) + rb")(<)/c>|" + cell + rb")?")
        else:
            parts.append(rb"(?:" + cell + rb")?")
        parts.append(rb'(?!<c r="' + letters + rb'\d)')
        previous = column
    done = b"|".join(column_letter(c).encode() for c in range(previous + 1))
    parts.append(rb'(?=</row>|<c r="(?!(?:' + done + rb')\d)[A-Z]{1,3}\d))')
    return re.compile(b"".join(parts))


class SheetTally:
    """How many rows have each combination of the counted cells' XML, and how to read a combination back as the
    values python-calamine gives (the interface of :class:`pccdesk.readers.text_tally.TextTally`)."""

    def __init__(self, book: PlainBook, order: list[int], columns: tuple[int, ...], ref: int | None,
                 counts: Counter[Any], empty: int = 0) -> None:
        self._book, self._order, self._columns, self._ref = book, order, columns, ref
        self.counts, self.empty = counts, empty
        self.lines = sum(counts.values()) + empty  # rows, as count_rows totals them

    def items(self) -> Iterator[tuple[tuple[Any, ...], bool, int]]:
        """(the counted columns' values in the order asked for, whether the reference is blank, rows)."""
        book, ref, counts = self._book, self._ref, self.counts
        places: dict[int, int] = {}
        groups = ref_at = 0
        for column in self._order:
            places[column] = groups
            groups += 2 if column == ref else 1
        picks = [places[c] for c in self._columns]
        whole = groups == 1  # one group: the pattern's matches are bytes, not tuples
        cache: dict[bytes, Any] = {}
        watched = [] if ref is None else [places[ref] + 1]
        for place in picks + watched:  # each distinct cell of a column read once
            for cell in set(counts) if whole else set(map(itemgetter(place), counts)):
                if cell not in cache:
                    cache[cell] = cell_value(book, *_split(cell))
        lookup = cache.__getitem__
        if whole:
            for cell, n in counts.items():
                yield (lookup(cell),), False, n
        else:
            pick = itemgetter(*picks) if len(picks) > 1 else (lambda key: (key[picks[0]],))
            ref_at = places[ref] if ref is not None else -1
            for key, n in counts.items():
                blank = False
                if ref_at >= 0 and not key[ref_at]:
                    v = lookup(key[ref_at + 1])
                    blank = v.__class__ is str and (not v or v.isspace())
                yield tuple(map(lookup, pick(key))), blank, n
        if self.empty:
            yield tuple("" for _ in self._columns), ref is not None, self.empty
