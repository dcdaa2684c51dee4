"""A1-style cell addresses, so every message can point at the cell a person sees in Excel."""

from __future__ import annotations


def column_letter(col: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    if col < 0:
        raise ValueError(f"negative column {col}")
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: bytes) -> int:
    """Excel letters as bytes from a sheet's XML (``b"AA"``) → 0-based column index (26)."""
    col = 0
    for ch in letters:
        col = col * 26 + (ch - 64)
    return col - 1


def cell_name(row: int, col: int) -> str:
    """0-based row and column → ``B7``."""
    return f"{column_letter(col)}{row + 1}"


def parse_cell(ref: str) -> tuple[int, int]:
    """``B7`` → (6, 1), 0-based."""
    ref = ref.replace("$", "").strip().upper()
    i = 0
    while i < len(ref) and ref[i].isalpha():
        i += 1
    letters, digits = ref[:i], ref[i:]
    if not letters or not digits.isdigit():
        raise ValueError(f"not a cell reference: {ref!r}")
    col = 0
    for ch in letters:
        col = col * 26 + (ord(ch) - 64)
    return int(digits) - 1, col - 1


def cell_text(value: object) -> str:
    """A cell as the text a person sees: blank for None, ``7`` not ``7.0`` for whole numbers, trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
