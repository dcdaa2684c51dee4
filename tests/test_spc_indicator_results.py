"""The SPC put on each indicator's result by assess(): the history it is drawn from, cut and completed at the
reporting period, and the cases where there is none."""

from __future__ import annotations

from dataclasses import dataclass

from pccdesk.indicators.definitions import Better, Indicator, Measure
from pccdesk.indicators.spc_status import history_for_spc, indicator_spc_for, spc_note
from pccdesk.spc import Assurance, Variation
from pccdesk.values import ParsedValue

QUARTERS = [f"{year}-{(year + 1) % 100:02d} Q{q}" for year in range(2012, 2017) for q in range(1, 5)]
COUNT = Indicator("P1", "Preventing crime", "Burglaries", Measure.NUMBER, Better.LOWER, target=100.0)


@dataclass(frozen=True)
class Stored:
    """A figure as the history store gives it (the fields the SPC reads)."""

    reporting_period: str
    value: float | None
    text: str = ""
    unit: str | None = None


def stored_figures(rows: list[tuple[str, float | None]]) -> list[Stored]:
    return [Stored(p, v, "" if v is None else f"{v:g}") for p, v in rows]


def figure(value: float) -> ParsedValue:
    return ParsedValue(f"{value:g}", value, "number")


def test_periods_after_the_reporting_period_are_left_out() -> None:
    stored = [(q, 1.0) for q in QUARTERS[:6]]
    assert history_for_spc(stored, QUARTERS[3], 1.0) == stored[:4]


def test_the_current_figure_is_added_when_the_store_has_nothing_for_the_period_yet() -> None:
    stored = [(q, 1.0) for q in QUARTERS[:3]]
    assert history_for_spc(stored, QUARTERS[3], 7.0) == [*stored, (QUARTERS[3], 7.0)]
    assert history_for_spc(stored, QUARTERS[3], None)[-1] == (QUARTERS[3], None)


def test_a_stored_figure_for_the_period_is_used_as_stored() -> None:
    stored = [(q, 1.0) for q in QUARTERS[:4]]
    assert history_for_spc(stored, QUARTERS[3], 9.0) == stored


def test_a_steady_count_under_its_target_consistently_meets_it() -> None:
    # 50, 52 alternately for 13 quarters: mean (7 × 50 + 6 × 52) / 13 = 662 / 13 = 50.92, moving ranges all 2, so
    # the limits are 50.92 ± 5.32 (45.6 to 56.2). Lower is better and the target of 100 is above the upper limit:
    # every quarter will meet it. No point is special: 50 and 52 alternate either side of the mean.
    values = [50.0 if i % 2 == 0 else 52.0 for i in range(13)]
    stored = list(zip(QUARTERS, values, strict=False))
    spc = indicator_spc_for(COUNT, stored_figures(stored[:12]), QUARTERS[12], figure(values[12]))
    assert spc.available and spc.chart is not None and len(spc.chart.points) == 13
    assert spc.variation is Variation.COMMON_CAUSE and spc.assurance is Assurance.MEETS
    assert (spc.variation_text, spc.assurance_text) == ("Common cause ~", "Consistently meets target (P)")


def test_a_gap_in_the_store_is_never_filled() -> None:
    stored: list[tuple[str, float | None]] = [(q, 50.0 + i % 2) for i, q in enumerate(QUARTERS[:16])]
    stored[2] = (QUARTERS[2], None)  # 13 quarters after the gap, including the current one
    spc = indicator_spc_for(COUNT, stored_figures(stored), QUARTERS[15], figure(51.0))
    assert spc.available and spc.periods[0] == QUARTERS[3] and len(spc.periods) == 13
    figures = stored_figures(stored)
    figures[3] = Stored(QUARTERS[3], 47.0, "+6%, +47 crimes")  # a stated change is not a level: a gap, now 12 left
    spc = indicator_spc_for(COUNT, figures, QUARTERS[15], figure(51.0))
    assert not spc.available and spc.chart is None
    assert spc_note(spc, 15) == ("SPC: only 12 periods of history since the missing period before 2013-14 Q1; "
                                 "13 are needed for an SPC chart")


def test_a_figure_given_as_a_change_is_not_charted() -> None:
    stored = [Stored(q, 5.0, "5") for q in QUARTERS[:13]]
    spc = indicator_spc_for(COUNT, stored, QUARTERS[13], ParsedValue("+6%, +47 crimes", None, "number", change=47.0))
    assert not spc.available and "stated change" in spc.reason


def test_no_note_while_there_is_no_trend_yet() -> None:
    spc = indicator_spc_for(COUNT, [], QUARTERS[0], figure(5.0))
    assert not spc.available and spc_note(spc, 1) == "" and spc_note(spc, 3).startswith("SPC: only 1 period")
