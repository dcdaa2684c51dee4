"""Searching megabytes of XML for something that is almost never there, at the speed of ``memchr``.

The safety checks search every chunk of every part for things an ordinary
workbook never holds (``<!`` of a DTD, ``xf`` of a cell format outside the
styles, ``:c`` of a prefixed cell). A regular expression walks the chunk a byte
at a time (about 0.3 ns a byte, 25 ms on the 82 MB sheet of a 200,000-row
extract); ``bytes.find`` of a single byte is the C library's ``memchr``, ten
times faster. So :func:`holds` finds the rarest byte of the pattern first and
tries the pattern only where that byte is.

Where that byte turns out to be common (an Excel sheet's ``x14ac:dyDescent``
puts ``x`` and ``:`` in every row), hopping from one to the next in Python
would cost more than the regular expression: after a few hops that covered
less than :data:`HOP_BYTES` each, the rest of the chunk is searched by the
pattern itself. The answer is the same either way; only the time differs.
"""

from __future__ import annotations

import re

#: Below this many bytes between occurrences of the key byte, one regular-expression search is cheaper than hopping.
HOP_BYTES = 1024
#: Hops allowed before the distance between them is judged.
MIN_HOPS = 8


def holds(data: bytes, key: bytes, pattern: re.Pattern[bytes] | bytes, offset: int = 0) -> bool:
    """Whether ``pattern`` (a regular expression, or a literal) matches anywhere in ``data``; every match of it
    has the byte ``key`` at ``offset`` bytes from its start (the caller's promise), so it is tried only there."""
    pos = data.find(key)
    hops = 0
    while pos >= 0:
        start = pos - offset if pos >= offset else 0
        if data.startswith(pattern, start) if isinstance(pattern, bytes) else pattern.match(data, start):
            return True
        hops += 1
        if hops >= MIN_HOPS and pos < hops * HOP_BYTES:  # the key byte is common here: one search is cheaper
            # (the regex module's search for a literal is faster than bytes.find's for a short one)
            regex = re.compile(re.escape(pattern)) if isinstance(pattern, bytes) else pattern
            return regex.search(data, start) is not None
        pos = data.find(key, pos + 1)
    return False
