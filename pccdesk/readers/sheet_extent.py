"""How far a sheet's cells spread, from one streamed pass over its XML: an upper bound the checks hold to the limit.

calamine holds a sheet as a dense grid from its first to its last cell, so a few far-apart cells make a small
file ask for gigabytes. :class:`SheetExtent` bounds a sheet's rows and columns while the checks
(:mod:`pccdesk.readers.zip_limits`) decompress it, with searches that match rarely in ordinary sheets, and
measures exactly, in a second pass, only the sheets that need it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

from pccdesk.readers.byte_search import holds

_WIDE_COLUMN = re.compile(rb' r="([A-Za-z]{2,})\d')
_ROW_DIGITS = {d: re.compile(rb' r="[A-Za-z]*0*([1-9]\d{%d,})"' % (d - 1)) for d in range(1, 12)}
#: A cell or row whose first attribute is not exactly ``r="`` (Excel, LibreOffice and the Python writers put it
#: first, after one space): no address, single quotes, spaces round ``=``, other white space.
_UNADDRESSED = (re.compile(rb'<c(?:[>\t\r\n]| (?!r="))'), re.compile(rb'<row(?:[>\t\r\n]| (?!r="))'))
#: A cell (row) tag that is not the ordinary ``<c r="A1"``: no address or another attribute first (as in
#: ``_UNADDRESSED``), a column of two letters or more, or a row number of more than N digits. The ordinary sheet
#: has none, and this one search per tag costs half of searching for each in turn. The possessive quantifiers
#: find what ``[A-Za-z]?\d{1,N}"`` finds (giving back a letter or a digit never makes it match) without trying
#: to. The row search starts at the ``w`` of ``<row``: the regex module walks to the first byte of a pattern's
#: literal start, and a ``w`` is ten times rarer than a ``<``; ``_ROW_AT`` is the tag's start from the match's.
_RARE_ADDRESS = rb'(?! r="[A-Za-z]?+[0-9]{1,%d}+")[\s>]'
_CELL_RARE = {d: re.compile(rb"<c" + _RARE_ADDRESS % d) for d in range(1, 11)}
_ROW_RARE = {d: re.compile(rb"w(?<=<row)" + _RARE_ADDRESS % d) for d in range(1, 11)}
_ROW_AT = 3
#: The longest stretch those searches look at from a tag's start (``<row r="A1234567890"`` and one more).
_TAG_WINDOW = 24
#: Cells or rows with a namespace prefix (``<x:c``), which calamine reads like ``<c``. (A false alarm, ":c" in a
#: text, only costs the exact examination.)
_PREFIXED_TAG = re.compile(rb":(?:c|row)")
#: How many bytes after ``<c `` or ``<row `` the test for ``r="`` needs to see.
_LOOKAHEAD = 3


def _unaddressed(data: bytes, final: bool) -> bool:
    """Whether ``data`` holds a cell or row whose first attribute is not ``r="`` (see ``_UNADDRESSED``).

    A tag cut off by the end of a chunk (``<c r`` with ``="A1"`` still to come) is not judged here: the last bytes
    are kept and judged again with the next chunk, or by :meth:`SheetExtent.finish` when the part ends (``final``).
    """
    for pattern in _UNADDRESSED:
        pos = 0
        while (found := pattern.search(data, pos)) is not None:
            if final or found.end() + _LOOKAHEAD <= len(data):
                return True
            pos = found.start() + 1
    return False


_ANY_ADDRESS = re.compile(rb"""\sr\s*=\s*["']\s*([A-Za-z]*)0*(\d*)""")


def _long_address(digits: int) -> re.Pattern[bytes]:
    """Addresses written `` r="B12"`` whose row number has at least ``digits`` significant digits."""
    return re.compile(rb' r="[A-Za-z]*0*([1-9][0-9]{%d,})"' % (digits - 1))
_ROW_START = re.compile(rb"<(?:[\w.-]+:)?row[\s>/]")
_CELL_START = re.compile(rb"<(?:[\w.-]+:)?c[\s>/]")
#: A cell or row tag with a namespace prefix: what the search for ``_PREFIXED_TAG`` suspects, made sure of.
_PREFIXED_START = re.compile(rb"<[\w.-]+:(?:c|row)[\s>/]")
#: How far back from the end of a chunk the exact measure keeps the bytes from the last ``<`` for the next chunk
#: (a tag or an address cut off by the chunk's end is measured whole); beyond it only the last bytes are kept.
_CARRY_MAX = 1024 * 1024
_CARRY_MIN = 256


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


class SheetExtent:
    """An upper bound on the rows and columns a sheet's XML spans, from a single streamed pass.

    Exact positions of every cell would cost a regular-expression match per
    cell (over a second on a 200,000-row sheet), so the bound is built from
    searches that match rarely in ordinary sheets: columns of two letters or
    more (beyond Z, either case, as calamine accepts), row numbers by their
    count of significant digits, and cells or rows whose first attribute is
    exactly ``r="`` (no address, single quotes, spaces around ``=``, a
    namespace prefix: forms Excel and LibreOffice never write). A sheet that
    holds one is measured exactly in a second pass over the whole part
    (:meth:`measure_odd`): every address is placed, rows are counted and the
    widest row's cells taken, as calamine places cells without addresses by
    counting, whatever the chunks. When the bound is over the limit the part
    is read a second time for its exact last row before anything is refused.
    """

    def __init__(self) -> None:
        self.max_col = 0
        self.digits = 0
        self.rows = 0
        self.widest_unaddressed = 0
        self.exact_max_row: int | None = None
        self.odd_max_row = 0
        self.odd = False
        self.is_sheet = False
        self._tail = b""
        self._before = b""

    def feed(self, chunk: bytes) -> None:
        # the chunk and the seam with the previous one (its last 32 bytes and this one's first 32) are searched
        # apart: every fast search below matches within 24 bytes, so this finds what searching the two chunks
        # joined would, without copying a whole chunk to join them
        seam = self._tail + chunk[:32]
        if not self.is_sheet:
            self.is_sheet = b"sheetData" in chunk or b"sheetData" in seam
            if self.is_sheet:
                self._examine(self._tail + chunk)
        elif self._rare(chunk, False) or self._rare(seam, False) or holds(chunk, b":", _PREFIXED_TAG) \
                or _PREFIXED_TAG.search(seam):
            self._examine(self._tail + chunk)
        self._tail = chunk[-32:] if len(chunk) >= 32 else (self._tail + chunk)[-32:]
        self._before = chunk

    def _rare(self, data: bytes, final: bool) -> bool:
        """Whether a cell or row tag in ``data`` is anything but ``<c r="`` / ``<row r="`` followed by at most one
        letter and at most the row digits seen so far: one search each for cells and rows finds a wide column, a
        longer row number, a missing or odd address (``_UNADDRESSED``) alike; :meth:`_examine` then measures.

        A tag within the last bytes may be cut off by the end of the chunk (``<c r="A1`` with ``2"`` still to
        come): it is not judged here but with the next chunk, whose seam starts with these bytes, or by
        :meth:`finish` when the part ends (``final``).
        """
        if self.digits < 1 or self.digits >= 11:
            return True
        for pattern, at in ((_CELL_RARE[self.digits], 0), (_ROW_RARE[self.digits], _ROW_AT)):
            pos = 0
            while (found := pattern.search(data, pos)) is not None:
                if final or found.start() - at + _TAG_WINDOW <= len(data):
                    return True
                pos = found.start() + 1
        return False

    def _examine(self, data: bytes, final: bool = False) -> None:
        """Measure a chunk that holds something unusual: wide columns, longer row numbers, unaddressed cells."""
        wide = set(_WIDE_COLUMN.findall(data))
        if wide:
            self.max_col = max(self.max_col, max(_column_number(c) for c in wide))
        while self.digits < 11:
            longer = _ROW_DIGITS[self.digits + 1].search(data)
            if longer is None:
                break
            self.digits = len(longer.group(1))
        if not self.odd and (_unaddressed(data, final) or self._prefixed(data)):
            self.odd = True  # rare: the whole part is measured exactly (measure_odd)

    def _prefixed(self, data: bytes) -> bool:
        """Whether ``data`` (the last bytes of the chunk before and this chunk) holds a prefixed cell or row tag.
        ``:c`` or ``:row`` alone also appears in text and in Excel's extensions (``<x14:conditionalFormatting``),
        so the tag is made sure of, from the last ``<`` of the chunk before (its prefix may be long)."""
        if not holds(data, b":", _PREFIXED_TAG):
            return False
        start = self._before.rfind(b"<")
        if start < 0 and self._before:
            return True  # a tag longer than a chunk: taken for a prefixed one
        opening = self._before[start:] if start >= 0 else b""
        return _PREFIXED_START.search(opening + data[len(self._tail):]) is not None  # data: the tail, then the chunk

    @classmethod
    def of_part(cls, chunks: Sequence[bytes]) -> SheetExtent:
        """The measure of a whole part held as chunks, taken as the checks take it (fed, finished, measured
        again when odd); the checks themselves feed each chunk as it is inflated."""
        extent = cls()
        for chunk in chunks:
            extent.feed(chunk)
        extent.finish()
        if extent.odd:
            extent.measure_odd(chunks)
        return extent

    def finish(self) -> None:
        """The part has ended: examine the last bytes kept back (a tag cut off by the end of the last chunk)."""
        if self.is_sheet and self._rare(self._tail, final=True):
            self._examine(self._tail, final=True)

    def measure_odd(self, chunks: Iterable[bytes]) -> None:
        """Place every address, count the rows and the widest row's cells over the whole part (a second pass,
        for a sheet with cells or rows that are unaddressed, oddly addressed or prefixed), as calamine will.

        Each chunk is measured up to its last ``<``, and the bytes from there are measured with the next chunk:
        no tag or address is cut in two, and a row's cells are counted together however many chunks it spans
        (a measure chunk by chunk took a row split by a chunk's end for two narrower ones)."""
        rows = widest = current = 0
        carry = b""
        for chunk in itertools.chain(chunks, [None]):
            data = carry + chunk if chunk is not None else carry
            cut = data.rfind(b"<") if chunk is not None else len(data)
            if cut < 0 or cut < len(data) - _CARRY_MAX:  # no tag begins near the end: keep the last bytes only
                cut = max(len(data) - _CARRY_MIN, 0)
            body, carry = data[:cut], data[cut:]
            for letters, digits in set(_ANY_ADDRESS.findall(body)):
                self.max_col = max(self.max_col, _column_number(letters[:12]))
                self.odd_max_row = max(self.odd_max_row, int(digits[:12] or b"0"))
            pieces = _ROW_START.split(body)
            current += len(_CELL_START.findall(pieces[0]))
            for piece in pieces[1:]:
                rows += 1
                widest = max(widest, current)
                current = len(_CELL_START.findall(piece))
        self.rows = rows
        self.widest_unaddressed = max(widest, current)

    def exact_rows(self, chunks: Iterable[bytes]) -> None:
        """Replace the digit-count bound on rows by the largest row number actually present (a second pass).

        An odd sheet's every address was placed by :meth:`measure_odd` already. In any other sheet every cell
        and row is addressed `` r="..."`` (that is what not odd means), and the largest number has as many
        significant digits as the longest the first pass saw (``self.digits``): so only addresses that long
        are picked out, and the search passes over the rest itself (listing a million-row sheet's seven million
        addresses one by one took five seconds)."""
        if self.odd:
            self.exact_max_row = self.odd_max_row
            return
        pattern = _long_address(max(self.digits, 1))
        largest, tail = 0, b""
        for chunk in chunks:
            data = tail + chunk
            numbers = pattern.findall(data)
            if numbers:
                largest = max(largest, max(int(n[:12]) for n in numbers))
            tail = data[-32:]
        self.exact_max_row = largest

    def bounds(self) -> tuple[int, int]:
        coarse = 10 ** self.digits if self.digits else 999
        rows = max(self.exact_max_row if self.exact_max_row is not None else coarse, self.rows, self.odd_max_row)
        cols = max(self.max_col, self.widest_unaddressed, 26)
        return rows, cols

    def cells_bound(self) -> int:
        rows, cols = self.bounds()
        return rows * cols
