"""Building filled force returns (pccdesk's template) in tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pccdesk.indicators.definitions import Plan
from pccdesk.indicators.period_check import quarter_months
from pccdesk.indicators.plan_templates import example_return_rows, write_return_template


def write_return(path: Path, plan: Plan, period: str, changes: dict[str, list[Any]] | None = None,
                 only: set[str] | None = None) -> Path:
    """The example return with some rows replaced: ``changes[ref] = [prev, prev±, prev period, cur, cur±, cur period,
    note, commentary]``."""
    rows = example_return_rows()
    if only is not None:
        rows = {k: v for k, v in rows.items() if k in only}
    if period != "2015-16 Q1":
        # the example's figures are for April to June 2015: a return for another quarter says so in its period cells
        months = quarter_months(period)
        rows = {ref: [*v[:5], months if v[5] else v[5], *v[6:]] for ref, v in rows.items()}
    for ref, values in (changes or {}).items():
        rows[ref] = values
    return write_return_template(path, plan, period, filled=rows)
