"""make bench's table: ratios against the named comparator, targets judged, missing comparators listed, not dropped.

No timing here: the cases are given their times, as the harness would record them."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import run_all  # noqa: E402
from run_all import Case, Group, markdown_rows, report  # noqa: E402


def _case(label: str, times: list[float], **kw) -> Case:  # type: ignore[no-untyped-def]
    case = Case(label, [], **kw)
    case.times, case.cpus, case.peaks = list(times), [t / 2 for t in times], [40.0] * len(times)
    return case


def test_ratio_is_the_median_over_the_comparators_median_and_the_target_is_judged(capsys) -> None:  # type: ignore[no-untyped-def]
    base = _case("floor", [1.0, 9.0, 2.0])  # median 2.0, not the mean (4.0) nor the best (1.0)
    ok = _case("fast", [3.0, 2.9, 100.0], ref="floor", target=1.5, target_text="≤ 1.5x")  # median 3.0: 1.5x
    slow = _case("slow", [3.2, 3.2, 3.2], ref="floor", target=1.5, target_text="≤ 1.5x")  # 1.6x
    missed = report([Group("g", [base, ok, slow])])
    out = capsys.readouterr().out
    assert "1.50x" in out and "1.60x" in out
    assert len(missed) == 1 and missed[0].startswith("slow")


def test_a_missing_comparator_is_listed_and_its_pccdesk_row_says_so(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(run_all.importlib.util, "find_spec", lambda name: None if name == "polars" else object())
    polars = Case("polars", [], needs=("polars",))
    polars.missing = run_all._missing(polars)
    mine = _case("pccdesk", [1.0, 1.0, 1.0], ref="polars", target=2.0, target_text="≤ 2x")
    report([Group("g", [polars, mine])])
    out = capsys.readouterr().out
    assert "missing: polars" in out
    assert "comparator missing" in out


def test_memory_target_and_markdown_rows() -> None:
    base = _case("polars", [1.0, 1.0, 1.0])
    mine = _case("pccdesk", [1.5, 1.5, 1.5], ref="polars", target=2.0, target_text="≤ 2x", max_mib=30, size="1M")
    missed = report([Group("g", [base, mine])])
    assert missed == ["pccdesk 1M: peak 40 MiB (target ≤ 30)"]
    assert markdown_rows([Group("g", [base, mine])]) == [
        "| pccdesk (1M) | polars | 1.50x (CPU 1.50x; peak 40 MiB) | ≤ 2x |"]
