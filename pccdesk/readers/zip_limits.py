"""Limits checked on a workbook's zip directory before any XML is parsed.

Refuses archives that would expand beyond reason (zip bombs), hold too many
entries, or contain paths outside a workbook's normal parts.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pccdesk.problems import Location, PccdeskError


@dataclass(frozen=True)
class ZipLimits:
    max_total_uncompressed: int = 500 * 1024 * 1024
    max_ratio: float = 200.0
    max_entries: int = 10_000


DEFAULT_LIMITS = ZipLimits()


def check_zip_limits(data: bytes, path: Path, limits: ZipLimits = DEFAULT_LIMITS) -> None:
    where = Location.of(path)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise PccdeskError(f"refused: the workbook holds {len(infos):,} parts (limit {limits.max_entries:,})", where,
                           code="too-many-parts")
    total = sum(i.file_size for i in infos)
    if total > limits.max_total_uncompressed:
        raise PccdeskError(
            f"refused: the workbook would expand to {total / 1e6:,.0f} MB (limit {limits.max_total_uncompressed / 1e6:,.0f} MB)",
            where, code="too-large")
    for info in infos:
        if info.file_size > 1_000_000 and info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
            raise PccdeskError(
                f"refused: part '{info.filename}' is compressed {info.file_size / info.compress_size:,.0f} to 1, "
                "as in a zip bomb", where, code="zip-bomb")
        name = info.filename
        if name.startswith("/") or ".." in name.split("/") or "\\" in name:
            raise PccdeskError(f"refused: the workbook holds a part outside its folders ('{name}')", where,
                               code="bad-part-name")
