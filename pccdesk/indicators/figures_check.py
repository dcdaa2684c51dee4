"""No pack without figures: the checks made before anything is stored or written.

A pack of "No data" lines looks like a finished pack and is published as one.
So building stops (exit 2, nothing stored, no file) when no return was given,
when a return named could not be read (a misspelt path, a wrong password, a
file that is not a workbook), or when not one figure of the returns matched an
indicator of the plan. ``check`` (validate, the app) lists the same as
problems and goes on, because there the officer is still putting the inputs
together.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pccdesk.indicators import codes
from pccdesk.indicators.return_rows import ReturnReading
from pccdesk.problems import Location, PccdeskError, Problem

NO_RETURN = codes.NO_RETURN
RETURN_UNREADABLE = codes.RETURN_UNREADABLE
NO_FIGURES = codes.NO_FIGURES_MATCHED


def figures_found(readings: Sequence[ReturnReading]) -> int:
    """How many rows of the returns matched an indicator and hold a figure (a value or a stated change)."""
    return sum(1 for reading in readings for row in reading.rows
               if row.ref and (row.current.value is not None or row.current.change is not None))


def require_figures(returns: Sequence[str | Path], readings: Sequence[ReturnReading],
                    problems: Sequence[Problem]) -> None:
    """Raise :class:`PccdeskError` (nothing is stored or written) unless every return was read and at least
    one figure matched. ``problems`` are those of the reading, used to say why a file could not be read."""
    if not returns:
        raise PccdeskError("no return was given, so the pack would have no figures: name the force's return "
                           "file(s) after the command (e.g. pccdesk pack RETURN.xlsx --definitions …)", code=NO_RETURN)
    read = {Path(r.path).resolve() for r in readings}
    for path in returns:
        if Path(path).resolve() in read:
            continue
        name = Path(path).name
        why = next((p.message for p in problems if p.location.file in (name, str(path))), "")
        if not Path(path).exists():
            why = why or "there is no such file (check the spelling and the folder)"
        raise PccdeskError(f"the return could not be read{': ' + why if why else ''}; no pack was written",
                           Location.of(Path(path)), code=RETURN_UNREADABLE)
    if figures_found(readings) == 0:
        waiting = sum(len(r.suggestions) for r in readings)
        hint = (f" ({waiting} suggested match(es) are waiting: check them, then run again with --accept-suggestions)"
                if waiting else " (is this the force's return for this plan?)")
        raise PccdeskError("not one figure of the return(s) matched an indicator of the plan, so the pack would "
                           f"have no figures{hint}; no pack was written", code=NO_FIGURES)
