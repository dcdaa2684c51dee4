"""The history as a pandas DataFrame, for performance analysts working in Python or Jupyter.

Analysts ask questions the pack does not (how long has V3 been Amber? which
returns were corrected, and by how much?). Rather than reading the tables and
re-deriving the rules, they get one row per indicator, reporting period and
source (the return it came from), with the status and direction the pack's own
rules give when the plan is supplied. pandas is an optional extra
(``pip install 'pccdesk[analysis]'``) and is never bundled with the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pccdesk.store.engines import DbLocation
from pccdesk.store.history_store import HistoryStore, StoredValue

COLUMNS = ("ref", "reporting_period", "period_start", "period_text", "value", "unit", "half_width", "text",
           "file_name", "sheet", "cell", "import_id", "imported_at", "user_name", "superseded")


def history_frame(db: DbLocation, *, definitions: Path | None = None, include_superseded: bool = True) -> Any:
    """Every stored figure as a ``pandas.DataFrame`` (oldest period first within each indicator).

    With ``definitions`` (the plan workbook) two columns are added, worked out by the pack's rules:
    ``status`` (Green/Amber/Red against the plan's target; "No target", "No data") and ``direction``
    (against the previous period's current figure, allowing for confidence intervals). A superseded figure has
    no direction (it is not part of the series); an indicator that is not in the plan, or a figure of another
    measure than the plan now gives it (a percentage where it counts), has neither. Without
    ``definitions`` those columns are absent rather than guessed.
    """
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ImportError("the history as a DataFrame needs pandas: pip install 'pccdesk[analysis]'") from exc
    with HistoryStore(db) as store:
        refs = [r[0] for r in store.conn.execute("SELECT DISTINCT ref FROM indicator_values ORDER BY ref")]
        values = [v for ref in refs for v in store.series(ref, include_superseded=include_superseded)]
    frame = pd.DataFrame([[getattr(v, c) if c != "period_start" else (v.period_start or None) for c in COLUMNS]
                          for v in values], columns=list(COLUMNS))
    if definitions is not None:
        status, direction = _status_and_direction(values, definitions)
        frame["status"] = status
        frame["direction"] = direction
    return frame


def _status_and_direction(values: list[StoredValue], definitions: Path) -> tuple[list[str | None], list[str | None]]:
    from pccdesk.indicators.definitions import load_definitions
    from pccdesk.indicators.spc_status import fits_measure
    from pccdesk.indicators.status_rules import change_for, status_for

    plan = {ind.ref: ind for ind in load_definitions(definitions).indicators}
    status: list[str | None] = []
    direction: list[str | None] = []
    previous: dict[str, StoredValue] = {}
    for v in values:  # each indicator's series, oldest first
        ind = plan.get(v.ref)
        if ind is None or not fits_measure(ind, v.unit):  # not in the plan, or another measure than it now has
            status.append(None)
            direction.append(None)
            continue
        status.append(status_for(v.value, ind.target, ind.better, ind.amber_within).value)
        if v.superseded:
            direction.append(None)
            continue
        before = previous.get(v.ref)
        direction.append(change_for(before.value if before else None, v.value, ind.better,
                                    before.half_width if before else None, v.half_width).direction.value)
        if v.value is not None:
            previous[v.ref] = v
    return status, direction
