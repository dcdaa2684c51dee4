"""Text from an input made safe for what pccdesk writes it into: XML parts, Excel cells and the terminal.

* **XML**: characters XML 1.0 forbids (C0 controls other than tab, line feed
  and carriage return; U+FFFE, U+FFFF; lone surrogates) make a part that no
  program opens. They are removed.
* **Invisible direction and width characters**: right-to-left overrides and
  isolates (U+202A–U+202E, U+2066–U+2069), direction marks and zero-width
  spaces can make a published figure or name read differently from what it
  is ("Trojan source"). They are removed from what is written, and the caller
  is told so it can warn.
* **Excel's cell limit**: a cell holds at most 32,767 characters; a longer
  text is cut, with a visible note at the cut, and the caller warns naming
  the cell.
* **The terminal**: escape sequences in a cell (``ESC ] 0 ; title BEL`` sets
  the window title, ``ESC [ 2 J`` clears the screen) and direction controls
  are printed as visible ``\\x1b``-style escapes, never obeyed.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator
from typing import Any, TextIO

#: Excel's limit on the characters in one cell.
EXCEL_CELL_LIMIT = 32_767

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: Direction overrides, embeddings, isolates and marks; zero-width space, word joiner, BOM.
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b\u2060\ufeff]")
#: Everything a terminal might act on: C0 and C1 controls (tab and newline excepted), DEL, and the above.
_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b\u2060\ufeff]")


#: Both of the above in one pattern: every string of a pack passes through it once.
_REMOVED = re.compile(f"{_XML_FORBIDDEN.pattern}|{_INVISIBLE.pattern}")


def clean_text(text: str) -> tuple[str, int]:
    """``text`` without XML-forbidden and invisible direction characters, and how many were removed."""
    cleaned = _REMOVED.sub("", text)
    return cleaned, len(text) - len(cleaned)


def cut_to_cell(text: str) -> tuple[str, int]:
    """``text`` cut to fit one Excel cell (with a note saying so) and its original length (0 if not cut)."""
    if len(text) <= EXCEL_CELL_LIMIT:
        return text, 0
    note = f" […cut: the text was {len(text):,} characters, more than the {EXCEL_CELL_LIMIT:,} a cell holds]"
    return text[:EXCEL_CELL_LIMIT - len(note)] + note, len(text)


def xml_safe(text: str) -> str:
    """``text`` with the characters XML forbids and the invisible direction characters removed."""
    return clean_text(text)[0]


def terminal_safe(text: str) -> str:
    """``text`` with control and direction characters shown as escapes (``\\x1b``, ``\\u202e``) instead."""
    return _TERMINAL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class TerminalSafeStream:
    """A text stream that escapes control and direction characters in everything written through it."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_safe(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def terminal_safe_output() -> Iterator[None]:
    """Within the block, standard output and error escape what a terminal would act on."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = TerminalSafeStream(out)  # type: ignore[assignment]
    sys.stderr = TerminalSafeStream(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
