"""Benchmark: ``--force all`` on a national long table costs one read and a small share per force.

The Home Office's ``rec-crime-pfa.csv`` (46,470 rows: 44 forces, British Transport Police and three fraud
reporting bodies, 52 years ending) was read again for each force: about 45 s for ``--force all``. It is now
split by force in one pass. In one run, on the real file when ``../shared/realdata`` is beside the clone and on
a generated table of the same shape (``--forces`` forces × 30 offences × ``--periods`` periods) always:

- ``build_crime_section(force=<one force>)``: the baseline, one force's tables;
- ``build_crime_section(force="all")``: every force's tables;

each best of ``--repeat``. The ratio all / one is the cost of every force in units of one: with one read and a
split it stays far below the number of forces (it was about the number of forces before).

Run: ``.venv/bin/python bench/bench_crime_forces.py [--forces 44] [--periods 52] [--repeat 3]``. Not a test.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

REAL = Path(__file__).resolve().parents[2] / "shared" / "realdata" / "rec-crime-pfa.csv"
OFFENCES = ("Homicide", "Violence with injury", "Violence without injury", "Stalking and harassment",
            "Sexual offences", "Robbery", "Theft from the person", "Bicycle theft", "Shoplifting",
            "All other theft offences", "Criminal damage and arson", "Drug offences",
            "Possession of weapons offences", "Public order offences", "Miscellaneous crimes against society",
            "Vehicle offences", "Residential burglary", "Non-residential burglary", "Domestic burglary",
            "Non-domestic burglary", "Death or serious injury caused by illegal driving")


def long_table(path: Path, forces: int, periods: int) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["12 months ending", "PFA", "Region", "Offence", "Rolling year total number of offences"])
        for p in range(periods):
            when = f"31-12-{2018 - periods + 1 + p}"
            for f in range(forces):
                for o, offence in enumerate(OFFENCES):
                    out.writerow([when, f"County {chr(65 + f // 26)}{chr(65 + f % 26)}", "Region", offence, 100 + f + o + p])
            for body in ("Action Fraud", "CIFAS", "UK Finance"):
                out.writerow([when, body, f"Fraud: {body}", body, 1000 + p])
    return path


def best(repeat: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def measure(path: Path, one: str, repeat: int) -> None:
    from pccdesk.crime.pack_section import build_crime_section

    single = best(repeat, lambda: build_crime_section([path], force=one))
    section = build_crime_section([path], force="all")
    every = best(repeat, lambda: build_crime_section([path], force="all"))
    forces = len(section.forces)
    print(f"{path.name}: one force ({one}) {single:.2f} s; all {forces} forces {every:.2f} s; "
          f"ratio {every / single:.1f} (reading once per force would be about {forces})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--forces", type=int, default=44)
    parser.add_argument("--periods", type=int, default=52)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if REAL.exists():
        measure(REAL, "Northumbria", args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        path = long_table(Path(tmp) / "long-table.csv", args.forces, args.periods)
        measure(path, "County AA", args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
