"""Benchmark: how matching a reworded return scales with the size of the plan (issue: near-linear matching).

A plan of N indicators (ten per objective, wordings built from a fixed vocabulary) and a force return in
the seed report's layout (an objective title, the Previous | Period | Current | Period header, one row per
indicator) whose every row is *reworded*: words reordered, endings changed, the figure in the wording
dropped, "Percentage of" written "%". Every row therefore goes through the fuzzy stage, which used to score
each row against every indicator.

Reported: the median of interleaved runs of ``read_return`` for N = 100 and N = 1,000, and their ratio.
Linear is 10×; the target is at most 15×. Run: ``.venv/bin/python bench/bench_matching.py [--runs 3]``.
Not a test: a ratio measured in one run on one machine, so it compares like with like.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import xlsxwriter

from pccdesk.indicators.definitions import Better, Indicator, Measure, Plan
from pccdesk.indicators.returns import read_return

HEADER = ["", "", "Previous", "Period", "Current", "Period", "Comparative position or note"]
PER_OBJECTIVE = 10


def _vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    letters = "bcdfghjklmnprstvw"
    vowels = "aeiou"
    words: set[str] = set()
    while len(words) < size:
        n = rng.randint(2, 4)
        words.add("".join(rng.choice(letters) + rng.choice(vowels) for _ in range(n)) + rng.choice("nrtlk"))
    return sorted(words)


def make_plan(n: int, seed: int = 7) -> Plan:
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    indicators = []
    objectives = [f"Objective {k + 1} " + " ".join(rng.sample(vocab, 3)) for k in range(-(-n // PER_OBJECTIVE))]
    for i in range(n):
        objective = objectives[i // PER_OBJECTIVE]
        wording = "Percentage of " + " ".join(rng.sample(vocab, 6)) + f" within {rng.randint(2, 90)} days."
        indicators.append(Indicator(f"X{i + 1}", objective, wording, Measure.PERCENT, Better.HIGHER, row=i + 2))
    return Plan(f"Benchmark plan ({n})", None, indicators)


def reword(wording: str, rng: random.Random) -> str:
    words = wording.rstrip(".").split()[2:-3]  # drop "Percentage of" and "within N days"
    rng.shuffle(words)
    words = [w + "s" if rng.random() < 0.3 else w for w in words]
    return "% " + " ".join(words) + " in time"


def write_return(path: Path, plan: Plan, seed: int = 11) -> Path:
    rng = random.Random(seed)
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                           "strings_to_urls": False})
    sheet = book.add_worksheet("Q1 2015-16")
    r = 0
    for objective in plan.objectives():
        sheet.write_string(r, 0, objective)
        r += 1
        for c, text in enumerate(HEADER):
            if text:
                sheet.write_string(r, c, text)
        r += 1
        for ind in plan.in_objective(objective):
            sheet.write_string(r, 1, reword(ind.wording, rng))
            sheet.write_string(r, 2, f"{rng.randint(40, 99)}%")
            sheet.write_string(r, 3, "2014/15")
            sheet.write_string(r, 4, f"{rng.randint(40, 99)}%")
            sheet.write_string(r, 5, "April to June 2015")
            r += 1
        r += 1
    book.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        cases = {}
        for n in (args.small, args.large):
            plan = make_plan(n)
            cases[n] = (plan, write_return(Path(folder) / f"return-{n}.xlsx", plan))
        times: dict[int, list[float]] = {n: [] for n in cases}
        matched: dict[int, tuple[int, int]] = {}
        for _ in range(args.runs):
            for n, (plan, path) in cases.items():  # interleaved, so both sizes see the same machine load
                plan.__dict__.pop("_matching_index", None)
                start = time.perf_counter()
                reading = read_return(path, plan, accept_suggestions=True)
                times[n].append(time.perf_counter() - start)
                matched[n] = (sum(1 for row in reading.rows if row.ref == _expected(plan, row.label)), n)
    small, large = statistics.median(times[args.small]), statistics.median(times[args.large])
    print(f"{'indicators':>10}  {'median s':>9}  {'rows matched right':>18}")
    for n in cases:
        print(f"{n:>10}  {statistics.median(times[n]):9.3f}  {matched[n][0]:>10} of {matched[n][1]}")
    print(f"ratio {args.large} / {args.small} indicators: {large / small:.1f}x "
          f"(linear {args.large / args.small:.0f}x; target at most 15x)")


def _expected(plan: Plan, label: str) -> str | None:
    """The indicator a reworded row came from (the benchmark knows; the importer does not)."""
    words = set(label.replace("%", "").replace(" in time", "").split())
    for ind in plan.indicators:
        source = set(ind.wording.rstrip(".").split()[2:-3])
        if {w.rstrip("s") for w in words} <= {w.rstrip("s") for w in source} | source:
            return ind.ref
    return None


if __name__ == "__main__":
    main()
