"""``make bench``: every measurement of pccdesk beside its comparators, in one run, as one table of ratios.

How it measures (so that the ratios compare like with like on a shared machine):

- every case is its own child process (``bench/cases.py CASE ...``); its wall time and its peak resident memory
  (``ru_maxrss`` from ``os.wait4``) are taken, so pccdesk and each comparator pay the same interpreter start;
  cases that time only part of their work (matching, the safety checks) report that part themselves;
- within a group, the cases run interleaved (A B C, A B C, ...) so each sees the same load, and the median
  of ``--runs`` (at least 3) is reported;
- each pccdesk row names the row it is divided by (``ratio`` = pccdesk ÷ comparator, lower is better) and the
  target from the issue, if there is one (judged on wall time; the CPU-time ratio beside it is less shaken by
  other work on a shared machine); comparators not installed (the ``bench`` extra:
  ``pip install -e '.[bench]'``) are listed as missing, never dropped.

Groups: start-up; the quarter's pack against a floor script (the same libraries writing the same cells with
no logic) and against history depths 1/8/40 quarters; matching reworded returns of 20/200/2,000 indicators
(and 100 vs 1,000); crime extracts as .xlsx and CSV at 10k/100k/… rows against fastexcel, polars, DuckDB and
pandas; the pre-parse safety checks as a share of a read; the app's first paint against an empty Qt window.

Run: ``make bench`` (full sizes, a few minutes on two cores) or ``.venv/bin/python bench/run_all.py --quick``
(small sizes, for CI). Exit code 0 unless ``--strict`` and a target is missed or a case fails.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))


@dataclass
class Case:
    """One thing measured: a label, the command after ``python``, and what it is compared with."""

    label: str
    argv: list[str]
    size: str = ""
    needs: tuple[str, ...] = ()
    ref: str | None = None  # label of the row this one is divided by
    target: float | None = None  # at most this ratio
    target_text: str = ""
    max_mib: float | None = None  # at most this peak memory
    ok_codes: tuple[int, ...] = (0,)
    times: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    error: str = ""
    missing: str = ""


@dataclass
class Group:
    title: str
    cases: list[Case]
    min_runs: int = 0  # short cases get more rounds: their medians are otherwise at the mercy of the machine


def _missing(case: Case) -> str:
    absent = [m for m in case.needs if importlib.util.find_spec(m) is None]
    return ", ".join(absent)


#: The process that starts every case. A child's ``ru_maxrss`` on Linux keeps the high-water mark of the
#: process it was forked from, so cases are forked from this small interpreter, not from the harness (which
#: holds the generated inputs): every case then starts from the same small floor (about that of
#: ``python -c pass``).
LAUNCHER = r"""
import json, os, sys, time
for line in sys.stdin:
    job = json.loads(line)
    out = os.open(job["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    err = os.open(job["err"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    null = os.open(os.devnull, os.O_RDONLY)
    start = time.perf_counter()
    pid = os.posix_spawn(job["argv"][0], job["argv"], job["env"], file_actions=[
        (os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, out, 1), (os.POSIX_SPAWN_DUP2, err, 2)])
    deadline, timed_out = start + job["timeout"], False
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.perf_counter() > deadline:
            os.kill(pid, 9)
            done, status, usage = os.wait4(pid, 0)
            timed_out = True
            break
        time.sleep(0.001)
    wall = time.perf_counter() - start
    for fd in (out, err, null):
        os.close(fd)
    print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "maxrss_kib": usage.ru_maxrss,
                      "code": os.waitstatus_to_exitcode(status),
                      "timed_out": timed_out}), flush=True)
"""


class Launcher:
    """A small long-lived interpreter that spawns each case and reports its wall time and peak memory."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.proc = subprocess.Popen([sys.executable, "-S", "-c", LAUNCHER], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)

    def run(self, argv: list[str], env: dict[str, str], timeout: float) -> tuple[dict, str, str]:
        out, err = self.folder / "case.out", self.folder / "case.err"
        job = {"argv": argv, "env": env, "timeout": timeout, "out": str(out), "err": str(err)}
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        result = json.loads(self.proc.stdout.readline())
        return (result, out.read_text(encoding="utf-8", errors="replace"),
                err.read_text(encoding="utf-8", errors="replace"))

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a case left something behind: end the launcher, keep the results
            self.proc.kill()
            self.proc.wait()


def run_case(launcher: Launcher, case: Case, env: dict[str, str], timeout: float) -> None:
    """Run the case once: append its seconds (wall, or the case's own) and peak MiB, or say why it failed."""
    os.chdir(ROOT)
    result, out, err = launcher.run([sys.executable, *case.argv], env, timeout)
    if result["timed_out"]:
        case.error = f"over {timeout:.0f} s"
        return
    if result["code"] not in case.ok_codes:
        tail = (err.strip() or out.strip()).splitlines()[-1:] or [""]
        case.error = f"exit {result['code']}: {tail[0][:80]}"
        return
    seconds, cpu = result["wall"], result["cpu"]
    for line in out.splitlines():
        if line.startswith("BENCH-SECONDS "):
            seconds, cpu = float(line.split()[1]), float(line.split()[2])
    case.times.append(seconds)
    case.cpus.append(cpu)
    case.peaks.append(result["maxrss_kib"] / 1024)


def measure(launcher: Launcher, groups: list[Group], runs: int, env: dict[str, str], timeout: float) -> None:
    for group in groups:
        print(f"  measuring: {group.title}", file=sys.stderr, flush=True)
        for case in group.cases:
            case.missing = _missing(case)
        for _ in range(max(runs, group.min_runs)):
            for case in group.cases:  # interleaved: every case once per round
                if not case.missing and not case.error:
                    run_case(launcher, case, env, timeout)


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def report(groups: list[Group]) -> list[str]:
    """Print the table; return the targets missed."""
    missed: list[str] = []
    head = (f"{'measurement':<44} {'size':>6} {'median s':>9} {'cpu s':>7} {'peak MiB':>8} {'runs':>4}  "
            f"{'ratio':>7} {'cpu ratio':>9}  {'÷ comparator':<28} {'target':<11} verdict")
    print(head)
    print("-" * len(head))
    for group in groups:
        print(f"[{group.title}]")
        by_label = {c.label: c for c in group.cases}
        for case in group.cases:
            med, peak = _median(case.times), _median(case.peaks)
            if case.missing:
                print(f"  {case.label:<42} {case.size:>6} {'missing: ' + case.missing}")
                continue
            if case.error and med is None:
                print(f"  {case.label:<42} {case.size:>6} failed: {case.error}")
                missed.append(f"{case.label} {case.size}: failed ({case.error})")
                continue
            assert med is not None and peak is not None
            ratio_text, cpu_text, verdict = "", "", ""
            cpu = _median(case.cpus) or 0.0
            ref = by_label.get(case.ref) if case.ref else None
            if ref is not None:
                ref_med = _median(ref.times)
                if ref_med:
                    ratio = med / ref_med
                    ratio_text = f"{ratio:6.2f}x"
                    cpu_text = f"{cpu / (_median(ref.cpus) or 1):6.2f}x"
                    if case.target is not None:
                        verdict = "ok" if ratio <= case.target else "MISSED"
                        if verdict == "MISSED":
                            missed.append(f"{case.label} {case.size}: {ratio:.2f}x of {ref.label} "
                                          f"(target {case.target_text})")
                else:
                    ratio_text = "  n/a"
                    verdict = f"comparator {'missing' if ref.missing else 'failed'}" if case.target else ""
            if case.max_mib is not None:
                mem_ok = peak <= case.max_mib
                verdict = (verdict + " " if verdict else "") + ("mem ok" if mem_ok else "MEM MISSED")
                if not mem_ok:
                    missed.append(f"{case.label} {case.size}: peak {peak:.0f} MiB (target ≤ {case.max_mib:.0f})")
            ref_text = (ref.label if ref is not None else "")[:28]
            print(f"  {case.label:<42} {case.size:>6} {med:9.3f} {cpu:7.3f} {peak:8.0f} {len(case.times):>4}  "
                  f"{ratio_text:>7} {cpu_text:>9}  {ref_text:<28} {case.target_text:<11} {verdict}")
    return missed


def markdown_rows(groups: list[Group]) -> list[str]:
    """The ratio of every pccdesk row that has a comparator, as Markdown table rows (for the README)."""
    lines = []
    for group in groups:
        by_label = {c.label: c for c in group.cases}
        for case in group.cases:
            ref = by_label.get(case.ref) if case.ref else None
            med = _median(case.times)
            ref_med = _median(ref.times) if ref is not None else None
            if ref is None or not med or not ref_med:
                continue
            what = f"{case.label} ({case.size})" if case.size else case.label
            peak = _median(case.peaks) or 0.0
            memory = f"; peak {peak:.0f} MiB" if case.max_mib is not None else ""
            lines.append(f"| {what} | {ref.label} | {med / ref_med:.2f}x (CPU {(_median(case.cpus) or 0) / (_median(ref.cpus) or 1):.2f}x{memory}) "
                         f"| {case.target_text or '—'} |")
    return lines


# --- set-up: the inputs every case reads -------------------------------------------------------------------
def _rows_label(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k"


def prepare_pack_spec(folder: Path, env: dict[str, str]) -> Path:
    """Build the example pack once and keep its cells: the floor script writes the same cells."""
    import python_calamine

    from pccdesk.resources import example_inputs

    out = folder / "demo-once"
    subprocess.run([sys.executable, "-m", "pccdesk", "demo", "--out", str(out)], env=env, cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    pack = next(out.glob("Panel pack*.xlsx"))
    book = python_calamine.CalamineWorkbook.from_path(str(pack))
    sheets = {}
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        sheets[name] = [[v if isinstance(v, str | int | float) else str(v) for v in row] for row in rows]
    example = example_inputs()
    inputs = [str(example.plan), *map(str, example.returns), *map(str, example.crime), *map(str, example.tracker)]
    spec = folder / "pack-spec.json"
    spec.write_text(json.dumps({"inputs": inputs, "sheets": sheets}), encoding="utf-8")
    return spec


def prepare_history(folder: Path, depth: int) -> Path:
    """A history database holding ``depth`` quarters of the example plan's indicators (the newest is the
    example quarter itself, which the pack records again)."""
    from pccdesk.indicators.definitions import load_definitions
    from pccdesk.resources import example_inputs
    from pccdesk.store.history_store import HistoryStore, ValueToStore

    example = example_inputs()
    plan = load_definitions(example.plan)
    db = folder / f"history-{depth}.sqlite"
    store = HistoryStore(db)
    try:
        year, quarter = 2015, 1
        for k in range(depth - 1):  # the quarters before the example's, oldest last
            quarter -= 1
            if quarter == 0:
                year, quarter = year - 1, 4
            period = f"{year}-{(year + 1) % 100:02d} Q{quarter}"
            start = f"{year if quarter < 4 else year + 1}-{(1, 4, 7, 10)[quarter % 4]:02d}-01"
            values = [ValueToStore(ind.ref, period, 50.0 + (k * 7 + i) % 13, None, None, str(50 + (k * 7 + i) % 13))
                      for i, ind in enumerate(plan.indicators)]
            store.record_import(file_path=f"return-{period}.xlsx", sha256=f"bench-{period}", reporting_period=period,
                                period_start=start, plan_name=plan.name, values=values)
    finally:
        store.close()
    return db


CASES = "bench/cases.py"


def startup_groups(args: argparse.Namespace, folder: Path, env: dict[str, str]) -> list[Group]:
    return [Group("start-up (whole process)", [
        Case("python -c pass", ["-c", "pass"]),
        Case("python -c 'import pccdesk'", ["-c", "import pccdesk"]),
        Case("pccdesk --version", ["-m", "pccdesk", "--version"], ref="python -c 'import pccdesk'",
             target=1.5, target_text="≤ 1.5x"),
    ], min_runs=15)]


def pack_groups(args: argparse.Namespace, folder: Path, env: dict[str, str]) -> list[Group]:
    spec = prepare_pack_spec(folder, env)
    floor = "floor: calamine in, xlsxwriter out"
    cases = [
        Case(floor, [CASES, "floor", str(spec), str(folder / "floor.xlsx")], needs=("python_calamine", "xlsxwriter")),
        Case("pccdesk demo (the quarter's pack)", ["-m", "pccdesk", "demo", "--out", str(folder / "demo")],
             ref=floor, target=1.5, target_text="≤ 1.5x", ok_codes=(0, 1)),
    ]
    for depth in (1, 8) if args.quick else (1, 8, 40):
        db = prepare_history(folder, depth)
        cases.append(Case(f"pack, history of {depth} quarters",
                          [CASES, "history-pack", str(db), str(folder / f"pack-{depth}.xlsx")],
                          size=f"{depth} q", ref="pack, history of 1 quarters" if depth > 1 else floor,
                          ok_codes=(0, 1), target_text=f"linear {depth}x" if depth > 1 else ""))
    return [Group("the quarter's pack (whole process)", cases, min_runs=7)]


def matching_groups(args: argparse.Namespace, folder: Path, env: dict[str, str]) -> list[Group]:
    from bench_matching import make_plan, write_return

    sizes = (20, 200) if args.quick else (20, 200, 2000)
    for n in sorted({*sizes, 100, 1000}):
        write_return(folder / f"return-{n}.xlsx", make_plan(n))
    first = f"match reworded return, {sizes[0]:,} indicators"
    cases = [Case(f"match reworded return, {n:,} indicators", [CASES, "matching", str(n), str(folder)],
                  size=f"{n:,}", ref=first if n > sizes[0] else None,
                  target_text=f"linear {n // sizes[0]}x" if n > sizes[0] else "") for n in sizes]
    cases.append(Case("match reworded return, 100 indicators", [CASES, "matching", "100", str(folder)], size="100"))
    cases.append(Case("match reworded return, 1,000 indicators", [CASES, "matching", "1000", str(folder)],
                      size="1,000", ref="match reworded return, 100 indicators", target=15, target_text="≤ 15x"))
    return [Group("matching (read_return only, in process)", cases)]


def xlsx_groups(args: argparse.Namespace, folder: Path, env: dict[str, str]) -> list[Group]:
    from bench_crime import write_xlsx

    groups = []
    sizes = (20_000,) if args.quick else (10_000, 100_000, 200_000)
    for n in sizes:
        path = folder / f"crime-{n}.xlsx"
        write_xlsx(path, n)
        label = _rows_label(n)
        ref = "fastexcel raw read"
        cases = [
            Case(ref, [CASES, "fastexcel", str(path)], size=label, needs=("fastexcel",)),
            Case("pccdesk crime", ["-m", "pccdesk", "crime", "--out", str(folder / "crime-x.xlsx"), str(path)],
                 size=label, ref=ref, target=2.0, target_text="≤ 2x", ok_codes=(0, 1)),
            Case("python-calamine sheet load only", [CASES, "calamine-load", str(path)], size=label,
                 needs=("python_calamine",), ref=ref),
            Case("polars read_excel + group_by", [CASES, "polars-xlsx", str(path)], size=label,
                 needs=("polars", "fastexcel"), ref=ref),
            Case("pandas + calamine read + groupby", [CASES, "pandas-calamine", str(path)], size=label,
                 needs=("pandas", "python_calamine"), ref=ref),
        ]
        if n <= args.openpyxl_max:
            cases.append(Case("pandas + openpyxl read + groupby", [CASES, "pandas-openpyxl", str(path)],
                              size=label, needs=("pandas", "openpyxl"), ref=ref))
        groups.append(Group(f"crime extract .xlsx, {n:,} rows (whole process)", cases))
    read = "read_workbook (checks, worker process)"
    groups.append(Group(f"safety checks on the {sizes[-1]:,}-row .xlsx (in process)", [
        Case(read, [CASES, "read", str(path)], size=label),
        Case("pre-parse safety checks", [CASES, "checks", str(path)], size=label, ref=read, target=0.10,
             target_text="≤ 0.10x"),
        Case("the same read in process (no worker)", [CASES, "read-here", str(path)], size=label, ref=read,
             target_text="1 - worker share"),
    ]))
    return groups


def csv_groups(args: argparse.Namespace, folder: Path, env: dict[str, str]) -> list[Group]:
    from bench_crime import write_csv

    groups = []
    for n in (10_000, 100_000) if args.quick else (10_000, 100_000, 1_000_000):
        path = folder / f"crime-{n}.csv"
        write_csv(path, n)
        label = _rows_label(n)
        ref = "polars read_csv + group_by"
        groups.append(Group(f"crime extract CSV, {n:,} rows (whole process)", [
            Case(ref, [CASES, "polars-csv", str(path)], size=label, needs=("polars",)),
            Case("pccdesk crime", ["-m", "pccdesk", "crime", "--out", str(folder / "crime-c.xlsx"), str(path)],
                 size=label, ref=ref, target=2.0, target_text="≤ 2x", max_mib=100 if n >= 1_000_000 else None,
                 ok_codes=(0, 1)),
            Case("DuckDB read_csv_auto + GROUP BY", [CASES, "duckdb-csv", str(path)], size=label,
                 needs=("duckdb",), ref=ref),
            Case("pandas read_csv + groupby", [CASES, "pandas-csv", str(path)], size=label, needs=("pandas",),
                 ref=ref),
        ]))
    groups.append(_street_group(args, folder))
    return groups


def _street_group(args: argparse.Namespace, folder: Path) -> Group:
    """A data.police.uk street file, whose long Crime IDs, coordinates and streets make each record four times
    the bytes of the generated extract's: reading is a larger share of the work here."""
    from bench_crime import write_street_csv

    n = 100_000 if args.quick else 1_000_000
    path = folder / f"street-{n}.csv"
    write_street_csv(path, n)
    label = _rows_label(n)
    ref = "polars read_csv + group_by"
    return Group(f"data.police.uk street file CSV, {n:,} rows, {path.stat().st_size / 2**20:.0f} MiB (whole process)", [
        Case(ref, [CASES, "polars-street-csv", str(path)], size=label, needs=("polars",)),
        Case("pccdesk crime", ["-m", "pccdesk", "crime", "--out", str(folder / "street-c.xlsx"), str(path)],
             size=label, ref=ref, target=2.0, target_text="≤ 2x", max_mib=100, ok_codes=(0, 1)),
    ])


def app_groups(args: argparse.Namespace, folder: Path, env: dict[str, str]) -> list[Group]:
    return [Group("the app's first paint (whole process, offscreen)", [
        Case("empty PySide6 main window", [CASES, "qt-empty"], needs=("PySide6",)),
        Case("pccdesk main window", [CASES, "qt-app"], needs=("PySide6",), ref="empty PySide6 main window",
             target=2.0, target_text="≤ 2x"),
    ], min_runs=7)]


SECTIONS = {"startup": startup_groups, "pack": pack_groups, "matching": matching_groups, "xlsx": xlsx_groups,
            "csv": csv_groups, "app": app_groups}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (CI): a minute or two")
    parser.add_argument("--runs", type=int, default=3, help="interleaved runs per case (the median counts)")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections to run (default: all of {','.join(SECTIONS)})")
    parser.add_argument("--openpyxl-max", type=int, default=20_000,
                        help="pandas + openpyxl only on extracts up to this many rows (it takes minutes above)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a case counts as failed")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed or a case fails")
    parser.add_argument("--markdown", type=Path, help="also write the ratios as Markdown table rows to this file")
    args = parser.parse_args()
    if args.runs < 3:
        parser.error("--runs must be at least 3 (medians of fewer mean little)")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pccdesk-bench-") as tmp:
        folder = Path(tmp)
        launcher = Launcher(folder)
        env = dict(os.environ, PCCDESK_DB=str(folder / "history.sqlite"), PCCDESK_LOG_DIR=str(folder / "logs"),
                   QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
        # As installed (pip and the bundle compile every module once): bytecode is cached, not recompiled on
        # every start, whatever this shell says.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "pccdesk"), str(HERE)], env=env,
                       check=True, stdout=subprocess.DEVNULL)
        print("  preparing inputs", file=sys.stderr, flush=True)
        groups = []
        for section in args.only.split(","):
            if section not in SECTIONS:
                parser.error(f"no section {section!r} (choose from {', '.join(SECTIONS)})")
            groups += SECTIONS[section](args, folder, env)
        try:
            measure(launcher, groups, args.runs, env, args.timeout)
        finally:
            launcher.close()
        shutil.rmtree(folder / "demo", ignore_errors=True)
    print(f"pccdesk bench: {'quick' if args.quick else 'full'} sizes, median of {args.runs} interleaved runs, "
          f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}; ratio = pccdesk ÷ comparator (lower is better)")
    missed = report(groups)
    if args.markdown:
        args.markdown.write_text("\n".join(markdown_rows(groups)) + "\n", encoding="utf-8")
    print(f"\n{len(missed)} target(s) missed" + (":" if missed else "") + f"  ({time.perf_counter() - started:.0f} s)")
    for line in missed:
        print(f"  - {line}")
    return 1 if (args.strict and missed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
