"""Text files (CSV, TSV, TXT): which encoding, which delimiter, and the rows streamed or whole.

The one place a text file's bytes become text, for the table reader
(:func:`pccdesk.readers.workbook_reader.read_workbook`) and for the streamed
record-level crime extracts alike, so that a file reads the same whichever
path opens it. Decided once, from the first bytes:

- a byte-order mark wins: UTF-8 (``EF BB BF``), UTF-16 LE (``FF FE``) or
  UTF-16 BE (``FE FF``) — Excel's "Unicode text" and some exports save UTF-16;
- otherwise UTF-8 when the head decodes as UTF-8 (it fails loudly on other
  encodings, so a pass is strong evidence), else Windows-1252 (what Excel on
  Windows writes as "CSV").

A file whose head holds NUL bytes without a UTF-16 mark is binary, not text.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterator
from pathlib import Path

from pccdesk.problems import Location, PccdeskError

TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
_HEAD = 256 * 1024
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def text_encoding(head: bytes, complete: bool = True) -> str:
    """The codec name for a text file whose first bytes are ``head`` (see the module docstring); ``complete``
    says ``head`` is the whole file, not a first read that may cut a multi-byte character at its end."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # Only a multi-byte character cut off at the end of the head read may fail and still be UTF-8.
        cut = not complete and exc.reason == "unexpected end of data" and exc.start >= len(head) - 3
        return "utf-8" if cut else "cp1252"


def is_binary(head: bytes) -> bool:
    """NUL bytes in the head and no UTF-16 mark: not a text file."""
    return b"\x00" in head[:4096] and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def decode_text(data: bytes) -> str:
    """A whole text file's bytes as text, in the encoding :func:`text_encoding` finds (a BOM is dropped)."""
    return data.decode(text_encoding(data[:_HEAD], complete=len(data) <= _HEAD), errors="replace")


def sniff_delimiter(sample: str) -> str:
    """``,`` ``;`` tab or ``|``: the csv module's guess, else the most frequent of them in the sample."""
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ",;\t|"}
        return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def text_dialect(path: Path) -> tuple[str, str]:
    """Encoding and delimiter of a text file, from its first 256 KB."""
    with open(path, "rb") as handle:
        head = handle.read(_HEAD)
    if is_binary(head):
        raise PccdeskError("this is a binary file, not a CSV or text table", Location.of(path), code="not-text")
    encoding = text_encoding(head, complete=len(head) < _HEAD)
    text = head.decode(encoding, errors="replace")
    lines = text.splitlines(keepends=True)
    if len(head) == _HEAD and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut
    return encoding, sniff_delimiter("".join(lines[:50]))


def iter_text_rows(path: Path, skip: int = 0) -> Iterator[list[str]]:
    """The rows of a delimited text file, streamed (one row alive at a time), after the first ``skip``."""
    encoding, delimiter = text_dialect(path)
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        yield from itertools.islice(csv.reader(handle, delimiter=delimiter), skip, None)


def head_text_rows(path: Path, n: int = 30) -> list[list[str]]:
    """The first ``n`` rows of a delimited text file."""
    return [list(r) for r in itertools.islice(iter_text_rows(path), n)]


def text_rows(data: bytes) -> list[list[str]]:
    """Every row of a delimited text file given as bytes."""
    text = decode_text(data)
    delimiter = sniff_delimiter(text[:64 * 1024])
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
