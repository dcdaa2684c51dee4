"""Password-protected copies of workbooks built in code (Agile encryption, as Excel does, via msoffcrypto-tool)."""

from __future__ import annotations

import io
from pathlib import Path

PLAN_PASSWORD = "Plan-2015-locked"


def protect(plain: Path, out: Path, password: str = PLAN_PASSWORD) -> Path:
    """Write ``plain`` (an .xlsx) to ``out`` encrypted with ``password``; ``plain`` is left as it is."""
    from msoffcrypto.format.ooxml import OOXMLFile

    buffer = io.BytesIO()
    with plain.open("rb") as handle:
        OOXMLFile(handle).encrypt(password, buffer)
    out.write_bytes(buffer.getvalue())
    return out
