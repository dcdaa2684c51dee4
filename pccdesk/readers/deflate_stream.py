"""Inflating one zip part's deflate stream in bounded chunks: ISA-L's speed, zlib's verdicts.

The safety checks decompress every part of a workbook before any parser
runs (:mod:`pccdesk.readers.zip_limits`); on a 200,000-row extract that is
82 MB of sheet XML, and zlib's inflate takes a quarter of the checks' time.
ISA-L's (the ``isal`` package, a dependency of 1 MB) inflates the same bytes
two to three times faster.

Both follow RFC 1951, so a sound stream gives the same bytes from either.
They part only on a broken one: zlib can call a stream damaged where ISA-L,
holding back its last bytes, calls it cut short, or the reverse. A refusal
must not depend on which library a computer has, so when ISA-L stops before
the end of a stream, zlib inflates the stream again from its start and has
the last word: the bytes ISA-L has already given are passed over and zlib's
remaining bytes and its verdict follow (tests/test_zip_inflate.py compares the
two on cut, damaged and random streams). This costs time only on a broken
file. Where ``isal`` is not installed, zlib does all of it.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

#: The most the inflater may give back at once: memory stays at one chunk however far a part expands. 128 KB,
#: not more: every search of the checks then reads a chunk the CPU's cache still holds, and the C library's
#: allocator reuses the memory of the chunk before instead of mapping fresh pages for each (a megabyte at a time
#: took a sixth longer on the 82 MB sheet of a 200,000-row extract, most of it in page faults).
READ_OUT = 128 * 1024
#: Compressed bytes handed to the inflater at a time: what it cannot use before its output is full is copied
#: again on every call, so little at a time (a sheet expands about 12 to 1, so 16 KB fill a chunk or two).
READ_IN = 16 * 1024


class DamagedStream(Exception):
    """The stream cannot be inflated: its bytes are not deflate data."""


class CutStream(Exception):
    """The stream ends before its last block."""


def inflate(raw: memoryview, limit: int = READ_OUT) -> Iterator[bytes]:
    """The inflated bytes of the raw deflate stream ``raw``, in chunks of at most ``limit`` bytes; raises
    :class:`DamagedStream` or :class:`CutStream` after the last bytes that could be inflated."""
    fast = _fast_module()
    if fast is None:
        yield from _inflate(zlib, raw, limit)
        return
    given = 0
    try:
        for out in _inflate(fast, raw, limit):
            given += len(out)
            yield out
        return
    except (DamagedStream, CutStream):
        pass
    for out in _inflate(zlib, raw, limit):  # zlib's verdict on a broken stream (see the module's docstring)
        if given >= len(out):
            given -= len(out)
            continue
        yield out[given:]
        given = 0
    if given:  # zlib ended a stream ISA-L could not, with fewer bytes than ISA-L gave: the two disagree
        raise DamagedStream("the inflaters disagree")


def _fast_module() -> Any:
    try:
        from isal import isal_zlib
    except ImportError:  # pragma: no cover - isal is a dependency; zlib still gives the same answers
        return None
    return isal_zlib


def _inflate(module: Any, raw: memoryview, limit: int) -> Iterator[bytes]:
    inflater = module.decompressobj(-zlib.MAX_WBITS)
    try:
        for pos in range(0, len(raw), READ_IN):
            out = inflater.decompress(raw[pos:pos + READ_IN], limit)
            if out:
                yield out
            while inflater.unconsumed_tail:
                out = inflater.decompress(inflater.unconsumed_tail, limit)
                if not out:  # never with a limit on the output, but never a loop either
                    raise DamagedStream("no progress")
                yield out
        while not inflater.eof:
            out = inflater.decompress(b"", limit)
            if not out:
                break
            yield out
    except module.error as exc:
        raise DamagedStream(str(exc)) from exc
    if not inflater.eof:
        raise CutStream("the stream ends before its last block")
