"""Smoke checks of a built bundle: does the frozen program run, without the developer's Python?

    python installer/smoke_test.py dist/pccdesk [--max-mb 150]

Runs the bundled executables as a user would, with a clean environment and throw-away data and
log folders, and fails (exit 1) if any check fails:
  1. `pccdesk-cli --version` (and `pccdesk --version` where the windowed one has a console)
     prints "pccdesk <version>" with the package's version;
  2. `pccdesk-cli pack` on the bundle's own example plan and returns exits 0 and writes a
     workbook that openpyxl opens, with the `Performance` table on its `Data` sheet;
  3. `pccdesk-cli demo` builds the example pack from every bundled example input (crime and
     tracker examples too, once they are bundled), so those code paths run frozen as well;
  4. `pccdesk app --example --quit-after 1500` starts the desktop app under
     QT_QPA_PLATFORM=offscreen and exits 0;
  5. the unpacked bundle is smaller than --max-mb.
Used by `make bundle` on Linux and by the Windows installer workflow on the Windows build.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_version_info as names  # noqa: E402

WINDOWS = os.name == "nt"
TIMEOUT_S = 180
APP_QUIT_AFTER_MS = 1500


def executable(bundle: Path, name: str) -> Path:
    return bundle / (f"{name}.exe" if WINDOWS else name)


def bundle_size_mb(bundle: Path) -> float:
    """Unpacked size on disk of every file in the bundle, in MB (10⁶ bytes)."""
    return sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def _clean_env(work: Path, **extra: str) -> dict[str, str]:
    """The user's environment minus anything that would let the bundle use the build's Python,
    with the history database, logs and settings in the throw-away folder."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}}
    env["PCCDESK_DB"] = str(work / "history.sqlite")
    env["PCCDESK_LOG_DIR"] = str(work / "logs")
    if not WINDOWS:  # the app's QSettings file and any cache stay out of the developer's home
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            env[name] = str(work / name.lower())
    env.update(extra)
    return env


def _run(cmd: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    print("  $ " + " ".join(f'"{c}"' if " " in c else c for c in cmd), flush=True)
    return subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)


class CheckFailed(Exception):
    """One smoke check did not hold; the message says what was seen."""


def _expect_ok(result: subprocess.CompletedProcess[str], what: str, allowed: tuple[int, ...] = (0,)) -> None:
    if result.returncode not in allowed:
        raise CheckFailed(f"{what} exited {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}")


def check_version(bundle: Path, work: Path) -> str:
    expected = f"pccdesk {names.package_version()}"
    programs = [names.CLI_EXE] + ([] if WINDOWS else [names.GUI_EXE])
    for name in programs:
        result = _run([str(executable(bundle, name)), "--version"], _clean_env(work), work)
        _expect_ok(result, f"{name} --version")
        if result.stdout.strip() != expected:
            raise CheckFailed(f"{name} --version printed {result.stdout.strip()!r}, expected {expected!r}")
    return expected


def check_pack(bundle: Path, work: Path) -> str:
    templates = bundle / "_internal" / "templates"
    plan = templates / "example-plan.xlsx"
    returns = sorted((templates / "examples").glob("*return*.xlsx"))
    if not plan.is_file() or not returns:
        raise CheckFailed(f"the bundle has no example plan and returns under {templates}")
    out = work / "pack" / "Panel pack.xlsx"
    out.parent.mkdir()
    cmd = [str(executable(bundle, names.CLI_EXE)), "pack", "--definitions", str(plan), "--out", str(out),
           *[str(r) for r in returns]]
    result = _run(cmd, _clean_env(work), work)
    # 1 = finished with problems listed (the example compares periods of different lengths): still a pack.
    _expect_ok(result, "pack", allowed=(0, 1))
    if not out.is_file():
        raise CheckFailed(f"pack exited {result.returncode} but wrote no {out}")
    from openpyxl import load_workbook

    book = load_workbook(out)
    if "Data" not in book.sheetnames or "Performance" not in book["Data"].tables:
        raise CheckFailed(f"{out} has no Performance table on a Data sheet (sheets: {book.sheetnames})")
    return f"{out.name}: {len(book.sheetnames)} sheets, table Performance {book['Data'].tables['Performance'].ref}"


def check_demo(bundle: Path, work: Path) -> str:
    """The example pack from every bundled example input: reaches the crime and tracker code too."""
    out = work / "demo"
    result = _run([str(executable(bundle, names.CLI_EXE)), "demo", "--out", str(out)], _clean_env(work), work)
    _expect_ok(result, "demo")
    packs = sorted(out.glob("*.xlsx"))
    if not packs:
        raise CheckFailed(f"demo exited 0 but wrote no workbook in {out}")
    return f"{packs[0].name}"


def check_app(bundle: Path, work: Path) -> str:
    cmd = [str(executable(bundle, names.GUI_EXE)), "app", "--example", "--db", str(work / "app-history.sqlite"),
           "--quit-after", str(APP_QUIT_AFTER_MS)]
    result = _run(cmd, _clean_env(work, QT_QPA_PLATFORM="offscreen"), work)
    _expect_ok(result, "app")
    return f"started and quit after {APP_QUIT_AFTER_MS} ms"


def check_size(bundle: Path, max_mb: float) -> str:
    size = bundle_size_mb(bundle)
    if size >= max_mb:
        raise CheckFailed(f"the bundle is {size:.1f} MB unpacked, over the {max_mb:.0f} MB limit")
    return f"{size:.1f} MB unpacked (limit {max_mb:.0f} MB)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Smoke-check a built pccdesk bundle.")
    parser.add_argument("bundle", type=Path, help="the one-folder bundle, e.g. dist/pccdesk")
    parser.add_argument("--max-mb", type=float, default=150.0, help="largest allowed unpacked size (default 150)")
    args = parser.parse_args(argv)
    bundle: Path = args.bundle.resolve()
    if not executable(bundle, names.CLI_EXE).is_file():
        print(f"smoke: no bundle at {bundle} (build it with `make bundle`)", file=sys.stderr)
        return 2
    checks: list[tuple[str, Callable[[Path], str]]] = [
        ("--version", lambda w: check_version(bundle, w)),
        ("pack on the example data", lambda w: check_pack(bundle, w)),
        ("demo (every bundled example input)", lambda w: check_demo(bundle, w)),
        ("app start and quit (offscreen)", lambda w: check_app(bundle, w)),
        ("size", lambda w: check_size(bundle, args.max_mb)),
    ]
    failed = []
    for title, check in checks:
        print(f"smoke: {title}", flush=True)
        with tempfile.TemporaryDirectory(prefix="pccdesk-smoke-") as tmp:
            try:
                print(f"  ok: {check(Path(tmp))}", flush=True)
            except (CheckFailed, subprocess.TimeoutExpired, OSError) as exc:
                print(f"  FAILED: {exc}", flush=True)
                failed.append(title)
    if failed:
        print(f"smoke: {len(failed)} of {len(checks)} checks failed: {', '.join(failed)}", flush=True)
        return 1
    print(f"smoke: all {len(checks)} checks of {bundle} held", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
