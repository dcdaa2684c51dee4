"""A big delimited text file's chosen columns, tallied in bulk: one regular expression over megabytes at a time.

A record-level crime extract is a million lines, and a count needs three or four of its columns. The csv module
makes a list of every field of every line (a million lists, seven million strings) before a single one is
counted. Here a whole chunk of the file's *bytes* goes through one compiled regular expression whose groups are
just the needed columns, and ``Counter`` tallies the matches; both are C loops, and no unneeded field ever
becomes an object. Each *distinct* combination is decoded once, at the end.

The fast lane is only taken where it reads exactly what the csv module reads, and the csv module reads the rest:

* the encoding is ASCII-compatible (UTF-8, Windows-1252): delimiters and line ends are single bytes that never
  occur inside a character, so a field's bytes decode alone as they would in their line. UTF-16 goes to csv;
* a chunk holds no quote character, no NUL, and no carriage return that is not part of CR LF: then every line is
  one record and every delimiter separates fields, as csv sees them. From the first chunk with a quote, the rest
  of the file is read by csv (a quoted field may hold a line end, so later line ends are no longer known to be
  record ends); a chunk with a NUL or a stray CR goes to csv, which reports them as it always does;
* every line of the chunk matches: a short line or a blank line makes the chunk go to csv, whose rows the caller
  counts by the same rules.

The reference column is not tallied (it differs on every line), but its blank lines are counted: a reference
that starts with a printable ASCII character other than space is certainly not blank; any other is kept
(with its delimiter, so an empty one is told from none) and decoded with its combination, for the caller to judge
(``str.strip``: what csv's text would give).

Lines are cut at line feeds only; a line longer than a chunk (8 MiB) sends the rest of the file to csv, whose
field limit then applies as before, so memory stays bounded by the chunk. (A field between csv's limit, 128 KiB,
and a chunk is read here where csv would refuse the file; memory is bounded by the chunk either way, and such a
field is counted as the text it is.)

A big file's second half is tallied at the same time by a child forked from the reading worker
(:mod:`pccdesk.readers.second_core`): it takes the fast lane from the first line start after the middle until its
end or the first chunk it cannot take, and this process reads on from there; a quote in the first half sends
the rest of the file to csv here and the child's work is dropped.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import operator
import os
import re
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pccdesk.readers import second_core
from pccdesk.readers.text_files import text_dialect

#: Bytes read at a time (the chunk is cut back to its last line end).
CHUNK_BYTES = 8 * 1024 * 1024
#: Distinct raw combinations held before the tally is handed on (bounds memory when, say, every line has its
#: own date-time text).
HAND_ON_AT = 100_000
#: Lines sent to the csv module at a time when a chunk cannot take the fast lane.
ROW_BLOCK = 256
_ASCII_COMPATIBLE = {"utf-8", "utf-8-sig", "cp1252"}


@dataclass
class TextTally:
    """How many lines have each combination of the chosen columns' raw bytes (and, where a reference column is
    watched, its raw text when it may be blank), and how to read a combination back as the csv module would."""

    columns: tuple[int, ...]
    flag: int | None
    delimiter: bytes
    encoding: str
    counts: Counter[Any] = field(default_factory=Counter)
    lines: int = 0

    def items(self) -> Iterator[tuple[tuple[str, ...], bool, int]]:
        """(the chosen columns' texts in the order asked for, whether the watched reference is blank, lines)."""
        runs = _runs(self.columns)
        flat = [c for run in runs for c in run]  # the runs' fields, joined by the delimiter, in this order
        places = [flat.index(c) for c in self.columns]
        pick: Callable[[list[str]], tuple[str, ...]] = operator.itemgetter(*places) if len(places) > 1 else \
            (lambda fields: (fields[places[0]],))
        encoding = "utf-8" if self.encoding == "utf-8-sig" else self.encoding
        delimiter, text_delimiter = self.delimiter, self.delimiter.decode("ascii")
        join = delimiter.join
        for key, n in self.counts.items():
            if key.__class__ is bytes:  # one run, a sure reference: the common case, kept short
                yield pick(key.decode(encoding, "replace").split(text_delimiter)), False, n
                continue
            blank = False
            if len(key) == len(runs):
                parts = key
            else:
                odd, parts = key[0], key[1:]
                if odd:
                    ref = odd[:-1] if self.flag == 0 else odd[1:]
                    blank = not ref.decode(encoding, "replace").strip()
            # A delimiter is one ASCII byte, never part of a character: the joined runs decode as their fields.
            fields = (parts[0] if len(parts) == 1 else join(parts)).decode(encoding, "replace").split(text_delimiter)
            yield pick(fields), blank, n


def _runs(columns: Sequence[int]) -> list[list[int]]:
    """The distinct column numbers as runs of neighbours: (1, 2, 3, 9) → [[1, 2, 3], [9]]."""
    runs: list[list[int]] = []
    for c in sorted(set(columns)):
        if runs and c == runs[-1][-1] + 1:
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs


def _line_patterns(columns: Sequence[int], flag: int | None, delimiter: bytes
                   ) -> tuple[re.Pattern[bytes], re.Pattern[bytes] | None]:
    """Two patterns for one line's needed fields, a group per run of neighbouring needed columns.

    The first has nothing more: a line matches it only when its reference (if watched) starts with printable
    ASCII other than space, so a match is a bytes object or a tuple of runs, cheap to count. The second
    (None when no reference is watched) matches any line with enough fields, with one more group, first: empty
    when the reference is surely not blank, else the reference with one delimiter (so an empty reference is
    told from none)."""
    d = re.escape(delimiter)
    plain = b"[^" + d + b"\\r\\n]*"
    # Printable ASCII other than the delimiter and space: a reference starting with one is not blank.
    printable = b"[" + b"".join(re.escape(bytes([b])) for b in range(0x21, 0x7F) if bytes([b]) != delimiter) + b"]"
    sure = printable + plain  # (allowing spaces first costs a third more: such references take the odd group)

    def pattern(odd_group: bool) -> re.Pattern[bytes]:
        runs = _runs(columns)
        starts, ends = {run[0] for run in runs}, {run[-1] for run in runs}
        last = max([*columns, *(() if flag is None else (flag,))])
        # Each line is found by the line feed before it (the chunk is searched with one put in front): a literal
        # first byte lets the search skip ahead, where ``^`` would be tried at every byte.
        parts = [b"\\n"]
        for c in range(last + 1):
            sep = b"" if c == 0 else d
            if c == flag:
                if not odd_group:
                    parts.append(sep + sure)
                elif c == 0:
                    parts.append(b"(?:" + sure + d + b"|(" + plain + d + b"))")
                else:
                    parts.append(b"(?:" + d + sure + b"|(" + d + plain + b"))")
                continue
            if odd_group and c == 1 and flag == 0:
                sep = b""  # the reference's group took this delimiter
            parts.append(sep + (b"(" if c in starts else b"") + plain + (b")" if c in ends else b""))
        return re.compile(b"".join(parts))

    return pattern(False), (None if flag is None else pattern(True))


class _Lane:
    """The fast lane's state over one stretch of a file: the patterns, and the tally being filled."""

    def __init__(self, columns: Sequence[int], flag: int | None, delimiter: bytes, encoding: str) -> None:
        self.plain, self.odd = _line_patterns(columns, flag, delimiter)
        self.pattern = self.plain
        self.tally = TextTally(tuple(columns), flag, delimiter, encoding)

    def take(self, chunk: bytes) -> bool:
        """Tally a chunk of whole lines without quotes; False (nothing tallied) when csv must read it."""
        if b"\x00" in chunk or (b"\r" in chunk and chunk.count(b"\r") != chunk.count(b"\r\n")):
            return False
        lines = chunk.count(b"\n")
        chunk = b"\n" + chunk
        matches = self.pattern.findall(chunk)
        if len(matches) != lines and self.pattern is self.plain and self.odd is not None:
            self.pattern = self.odd  # odd references (blank ones, say): the pattern that keeps them, from here on
            matches = self.pattern.findall(chunk)
        if len(matches) != lines:
            return False
        self.tally.counts.update(matches)
        self.tally.lines += lines
        return True


def _chunks(handle: Any, offset: int, rest: bytes, stop: int | None) -> Iterator[tuple[int, bytes | None]]:
    """(offset, chunk of whole lines, at most :data:`CHUNK_BYTES`) from ``offset`` (where ``rest`` starts) to
    ``stop`` (a line start) or the end; a chunk of None when a line is longer than a chunk (the caller hands the
    rest to csv). The last line gets a line end if it has none (csv ends a record at the end of the file)."""
    if stop is not None:
        rest = rest[:stop - offset]  # what was read ahead of the stretch may run past its end
    ended = False
    while True:
        data = rest
        if not ended and len(rest) < CHUNK_BYTES:
            want = CHUNK_BYTES - len(rest)
            if stop is not None:
                want = min(want, stop - offset - len(rest))
            more = handle.read(want) if want > 0 else b""
            ended = not more
            data = rest + more
        if not data:
            return
        cut = data.rfind(b"\n", 0, CHUNK_BYTES) + 1
        if not cut:
            if ended and len(data) <= CHUNK_BYTES:
                yield offset, data + b"\n"
                return
            yield offset, None
            return
        yield offset, data[:cut]
        offset, rest = offset + cut, data[cut:]


def text_blocks(path: Path, skip: int, columns: Sequence[int], flag: int | None = None, *,
                second_core: bool = False) -> Iterator[TextTally | list[list[str]]]:
    """The lines after the first ``skip`` of a delimited text file: tallies of ``columns`` (see
    :class:`TextTally`) where the fast lane reads them exactly, and blocks of csv rows (lists of every field)
    where it cannot. ``flag`` is a reference column whose blank lines the tallies keep apart. With
    ``second_core``, a big file's second half is tallied by a forked child (:mod:`pccdesk.readers.second_core`)
    while this process reads the first."""
    encoding, delimiter_text = text_dialect(path)
    delimiter = delimiter_text.encode("ascii")
    if encoding not in _ASCII_COMPATIBLE or len(delimiter) != 1:
        yield from row_blocks(_csv_rows(path, 0, encoding, delimiter_text, skip))
        return
    lane = _Lane(columns, flag, delimiter, encoding)
    with open(path, "rb") as handle:
        offset, rest = _after_lines(handle, skip)
        if offset is None:  # the heading lines hold a quote or a stray CR: csv finds where the records start
            yield from row_blocks(_csv_rows(path, 0, encoding, delimiter_text, skip))
            return
        helper, split = _second_half(path, handle, offset, columns, flag, delimiter, encoding) if second_core \
            else (None, None)
        try:
            resume = yield from _read_stretch(path, handle, offset, rest, split, lane, delimiter_text)
            if resume is None:  # csv read to the end: what the child tallied is not needed
                return
            if helper is not None:
                done = helper.result()
                helper = None
                if done is not None:  # added to this half's tally: a combination in both is decoded once
                    counts, lines, resume = done
                    lane.tally.counts.update(counts)
                    lane.tally.lines += lines
            handle.seek(resume)
            yield from _read_stretch(path, handle, resume, b"", None, lane, delimiter_text)  # hands the tally on
        finally:
            if helper is not None:
                helper.cancel()


def _read_stretch(path: Path, handle: Any, offset: int, rest: bytes, stop: int | None, lane: _Lane,
                  delimiter: str) -> Generator[TextTally | list[list[str]], None, int | None]:
    """Blocks of the stretch from ``offset`` to ``stop`` (or the end); returns where the next stretch starts,
    or None when csv had to read on to the end of the file (a quote, or a line longer than a chunk)."""
    encoding = lane.tally.encoding
    for at, chunk in _chunks(handle, offset, rest, stop):
        if chunk is None or b'"' in chunk:
            yield from _hand_on(lane.tally)
            yield from row_blocks(_csv_rows(path, at, encoding, delimiter, 0))
            return None
        if lane.take(chunk):
            if len(lane.tally.counts) > HAND_ON_AT:
                yield from _hand_on(lane.tally)
        else:
            text = chunk.decode("utf-8" if encoding == "utf-8-sig" else encoding, "replace")
            yield from row_blocks(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        offset = at + len(chunk)
    if stop is None:
        yield from _hand_on(lane.tally)
        return offset
    return stop  # the tally goes on into the next stretch


#: A file's records after its headings are split between two cores from this size.
SPLIT_BYTES = 4 * 1024 * 1024


def _second_half(path: Path, handle: Any, offset: int, columns: Sequence[int], flag: int | None,
                 delimiter: bytes, encoding: str) -> tuple[Any, int | None]:
    """A forked child tallying the file from the first line start after the middle of its records, and that
    line start; (None, None) for a small file, or where no child can be forked."""
    size = os.fstat(handle.fileno()).st_size
    if size - offset < SPLIT_BYTES:
        return None, None
    with open(path, "rb") as probe:
        probe.seek(offset + (size - offset) // 2)
        line = probe.readline(CHUNK_BYTES)
        split = probe.tell()
    if not line.endswith(b"\n") or split >= size:
        return None, None
    helper = second_core.start(_tally_stretch, path, split, size, tuple(columns), flag, delimiter, encoding)
    return (helper, split) if helper is not None else (None, None)


def _tally_stretch(parent: int, path: Path, start: int, stop: int, columns: tuple[int, ...], flag: int | None,
                   delimiter: bytes, encoding: str) -> tuple[Counter[Any], int, int]:
    """In the forked child: the fast lane from ``start`` until ``stop`` or the first chunk it cannot take (a
    quote, a NUL, a line that does not match…), as (counts, lines, where the caller goes on reading)."""
    lane = _Lane(columns, flag, delimiter, encoding)
    with open(path, "rb") as handle:
        handle.seek(start)
        for at, chunk in _chunks(handle, start, b"", stop):
            if second_core.parent_gone(parent):
                raise SystemExit(1)
            if chunk is None or b'"' in chunk or not lane.take(chunk):
                return lane.tally.counts, lane.tally.lines, at  # the caller reads on from this chunk
            if len(lane.tally.counts) > HAND_ON_AT:
                return lane.tally.counts, lane.tally.lines, min(at + len(chunk), stop)
    return lane.tally.counts, lane.tally.lines, stop


def _hand_on(tally: TextTally) -> Iterator[TextTally]:
    """The tally so far, if it holds anything, leaving ``tally`` empty for what follows."""
    if tally.lines:
        yield TextTally(tally.columns, tally.flag, tally.delimiter, tally.encoding, tally.counts, tally.lines)
        tally.counts = Counter()
        tally.lines = 0


def _after_lines(handle: Any, skip: int) -> tuple[int | None, bytes]:
    """The byte offset after the first ``skip`` lines, and the bytes read beyond it; None when those lines hold a
    quote or a carriage return not followed by a line feed (csv may then count records differently)."""
    head = b""
    while head.count(b"\n") < skip:
        more = handle.read(64 * 1024)
        if not more:
            break
        head += more
    ends = [m.end() for m in itertools.islice(re.finditer(b"\n", head), skip)]
    offset = ends[-1] if len(ends) == skip and skip else 0
    if len(ends) < skip:
        offset = len(head)
    heading = head[:offset]
    if b'"' in heading or heading.count(b"\r") != heading.count(b"\r\n") or b"\x00" in heading:
        return None, b""
    rest = head[offset:]
    if offset == 0 and head.startswith(codecs.BOM_UTF8):  # no heading lines skipped: the mark is not a field
        offset, rest = len(codecs.BOM_UTF8), head[len(codecs.BOM_UTF8):]
    return offset, rest


def _csv_rows(path: Path, offset: int, encoding: str, delimiter: str, skip: int) -> Iterator[list[str]]:
    """csv's rows of the file from byte ``offset`` (a record start), after the first ``skip`` of them."""
    with open(path, "rb") as raw:
        raw.seek(offset)
        text_encoding = encoding if offset == 0 or encoding != "utf-8-sig" else "utf-8"
        with io.TextIOWrapper(raw, encoding=text_encoding, errors="replace", newline="") as handle:
            yield from itertools.islice(csv.reader(handle, delimiter=delimiter), skip, None)


def row_blocks(rows: Iterable[list[Any]], size: int = ROW_BLOCK) -> Iterator[list[list[Any]]]:
    """``rows`` in lists of ``size`` (the last may be shorter): the unit the counting takes rows in."""
    rows = iter(rows)
    while block := list(itertools.islice(rows, size)):
        yield block
