"""Building filled force returns (pccdesk's template) in tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pccdesk.indicators.definitions import Plan
from pccdesk.indicators.plan_templates import example_return_rows, write_return_template


def write_return(path: Path, plan: Plan, period: str, changes: dict[str, list[Any]] | None = None,
                 only: set[str] | None = None) -> Path:
    """The example return with some rows replaced: ``changes[ref] = [prev, prev±, prev period, cur, cur±, cur period,
    note, commentary]``."""
    rows = example_return_rows()
    if only is not None:
        rows = {k: v for k, v in rows.items() if k in only}
    for ref, values in (changes or {}).items():
        rows[ref] = values
    return write_return_template(path, plan, period, filled=rows)
