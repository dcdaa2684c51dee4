"""Status and direction rules at their boundaries."""

from __future__ import annotations

import math

import pytest

from pccdesk.indicators.definitions import Better
from pccdesk.indicators.status_rules import Direction, Status, change_for, combined_half_width, status_for

H, L, M = Better.HIGHER, Better.LOWER, Better.MONITOR


@pytest.mark.parametrize(
    ("current", "target", "better", "amber", "expected"),
    [
        (90.0, 90.0, H, 5, Status.GREEN),  # exactly on target
        (90.0000000001, 90.0, H, 5, Status.GREEN),
        (89.9999999999, 90.0, H, 0, Status.GREEN),  # float noise is not a miss
        (89.9, 90.0, H, 0, Status.RED),  # no amber margin: any miss is red
        (85.0, 90.0, H, 5, Status.AMBER),  # short by exactly the margin
        (84.9, 90.0, H, 5, Status.RED),
        (87.0, 90.0, H, 5, Status.AMBER),  # seed: needs assessment 87% vs 90%
        (68.0, 75.0, H, 5, Status.RED),  # seed: DA conviction rate 68% vs 75%
        (100.0, 100.0, H, 5, Status.GREEN),  # seed: IO contact 100% vs 100%
        (20.0, 20.0, L, 2, Status.GREEN),
        (22.0, 20.0, L, 2, Status.AMBER),
        (22.01, 20.0, L, 2, Status.RED),
        (5.0, 20.0, L, 0, Status.GREEN),
        (None, 90.0, H, 5, Status.NO_DATA),
        (None, None, M, 0, Status.NO_DATA),
        (50.0, None, H, 0, Status.NO_TARGET),
        (50.0, 40.0, M, 0, Status.NO_TARGET),  # monitor-only never gets a RAG
    ],
)
def test_status(current, target, better, amber, expected):  # type: ignore[no-untyped-def]
    assert status_for(current, target, better, amber) is expected


@pytest.mark.parametrize(
    ("prev", "cur", "better", "h1", "h2", "direction", "change"),
    [
        (99.0, 98.8, H, 0.6, 0.6, Direction.NO_SIGNIFICANT_CHANGE, -0.2),  # seed: ease of contact
        (87.0, 82.0, H, 0.5, 1.2, Direction.DETERIORATED, -5.0),  # seed: crime recording
        (10.0, 11.0, H, None, None, Direction.IMPROVED, 1.0),
        (10.0, 11.0, L, None, None, Direction.DETERIORATED, 1.0),
        (270.0, 178.0, L, None, None, Direction.IMPROVED, -92.0),
        (47.0, 47.0, H, None, None, Direction.NO_CHANGE, 0.0),
        (47.0, 47.0, H, 1.0, 1.0, Direction.NO_CHANGE, 0.0),
        (4.0, 5.0, M, None, None, Direction.UP, 1.0),
        (5.0, 4.0, M, None, None, Direction.DOWN, -1.0),
        (None, 5.0, H, None, None, Direction.NOT_COMPARABLE, None),
        (5.0, None, H, None, None, Direction.NOT_COMPARABLE, None),
        (90.0, 91.0, H, 1.0, None, Direction.IMPROVED, 1.0),  # one interval only: not a survey comparison
    ],
)
def test_direction(prev, cur, better, h1, h2, direction, change):  # type: ignore[no-untyped-def]
    result = change_for(prev, cur, better, h1, h2)
    assert result.direction is direction
    assert result.change == (pytest.approx(change) if change is not None else None)


def test_significance_boundary_is_inclusive() -> None:
    threshold = combined_half_width(3.0, 4.0)
    assert threshold == 5.0
    assert change_for(90.0, 95.0, H, 3.0, 4.0).direction is Direction.NO_SIGNIFICANT_CHANGE
    assert change_for(90.0, 95.01, H, 3.0, 4.0).direction is Direction.IMPROVED
    assert change_for(90.0, 84.99, H, 3.0, 4.0).direction is Direction.DETERIORATED
    assert math.isclose(change_for(99.0, 98.8, H, 0.6, 0.6).significance_threshold or 0, math.sqrt(0.72))
