"""Draws pccdesk's icon (installer/pccdesk.ico) in plain Python: no image library, no binary source.

A navy tile with three bars in the pack's status colours (red, amber, green) on a white baseline:
the panel pack's RAG table in miniature. Sizes 16, 32 and 48 are stored as 32-bit bitmaps (what
every Windows tool reads) and 256 as PNG (the Vista+ convention that keeps the file small).

    python installer/make_icon.py                 # rewrites installer/pccdesk.ico
    python installer/make_icon.py --out x.ico
"""

from __future__ import annotations

import argparse
import struct
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ICON = HERE / "pccdesk.ico"
BITMAP_SIZES = (16, 32, 48)
PNG_SIZES = (256,)

Colour = tuple[int, int, int, int]
NAVY: Colour = (31, 58, 95, 255)
WHITE: Colour = (255, 255, 255, 255)
CLEAR: Colour = (0, 0, 0, 0)
#: Stronger versions of the pack's STATUS_FILLS, so they read on navy at 16 pixels.
BARS: tuple[tuple[float, float, float, Colour], ...] = (
    # left, right, top (0 = top of the tile, 1 = bottom), colour
    (0.20, 0.36, 0.52, (214, 96, 77, 255)),
    (0.42, 0.58, 0.36, (240, 178, 60, 255)),
    (0.64, 0.80, 0.20, (76, 175, 112, 255)),
)
BASELINE = (0.14, 0.86, 0.76, 0.82)  # left, right, top, bottom
CORNER = 0.18


def _colour_at(x: float, y: float) -> Colour:
    """The colour at a point of the unit tile (0..1 both ways, y downwards)."""
    r = CORNER
    cx = min(max(x, r), 1 - r)
    cy = min(max(y, r), 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r or not (0 <= x <= 1 and 0 <= y <= 1):
        return CLEAR
    left, right, top, bottom = BASELINE
    if left <= x <= right and top <= y <= bottom:
        return WHITE
    for bar_left, bar_right, bar_top, colour in BARS:
        if bar_left <= x <= bar_right and bar_top <= y <= top:
            return colour
    return NAVY


def render(size: int, samples: int = 4) -> list[list[Colour]]:
    """Rows of RGBA pixels, top row first; each pixel averages samples² points (anti-aliasing)."""
    rows = []
    n = samples * samples
    for py in range(size):
        row = []
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    c = _colour_at((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)
                    alpha = c[3]
                    acc[0] += c[0] * alpha
                    acc[1] += c[1] * alpha
                    acc[2] += c[2] * alpha
                    acc[3] += alpha
            a = acc[3]
            row.append((acc[0] // a, acc[1] // a, acc[2] // a, a // n) if a else CLEAR)
        rows.append(row)
    return rows


def png_bytes(rows: list[list[Colour]]) -> bytes:
    """A minimal RGBA PNG (filter 0 on every row)."""
    height, width = len(rows), len(rows[0])
    raw = b"".join(b"\x00" + bytes(v for px in row for v in px) for row in rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def dib_bytes(rows: list[list[Colour]]) -> bytes:
    """A 32-bit BGRA device-independent bitmap as ICO wants it: bottom-up, height doubled, AND mask."""
    height, width = len(rows), len(rows[0])
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    pixels = b"".join(bytes((b, g, r, a)) for row in reversed(rows) for (r, g, b, a) in row)
    mask_stride = ((width + 31) // 32) * 4
    mask = bytearray()
    for row in reversed(rows):
        line = bytearray(mask_stride)
        for x, px in enumerate(row):
            if px[3] == 0:
                line[x // 8] |= 0x80 >> (x % 8)
        mask += line
    return header + pixels + bytes(mask)


def ico_bytes() -> bytes:
    """The whole .ico: directory, then one image per size."""
    images = [(s, dib_bytes(render(s))) for s in BITMAP_SIZES]
    images += [(s, png_bytes(render(s, samples=2))) for s in PNG_SIZES]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    body = b""
    for size, data in images:
        dim = 0 if size >= 256 else size
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(body))
        body += data
    return out + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Draw pccdesk's Windows icon.")
    parser.add_argument("--out", type=Path, default=ICON)
    args = parser.parse_args(argv)
    args.out.write_bytes(ico_bytes())
    print(f"{args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
