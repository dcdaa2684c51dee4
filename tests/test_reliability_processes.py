"""Real processes: two importers on one database lose nothing; a kill mid-import or mid-write harms nothing.

Each child is a real Python process running pccdesk's code (the library, or
the CLI's ``main``). A child that must be killed "in the middle" prints a
marker line at a chosen point and then waits; the parent reads the marker and
sends SIGKILL, so the kill always lands where the test says, not by luck of
timing. The database must then pass SQLite's integrity check and hold each
import whole or not at all; an earlier pack must be byte-identical.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pccdesk.store.history_store import HistoryStore
from tests.conftest import REPO
from tests.helpers_returns import write_return

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is a POSIX signal")

#: Code run in a child before its task: makes the named points pause after printing a marker.
PAUSE_HELPERS = textwrap.dedent('''
    import sys, time, zipfile

    def pause(marker):
        print(marker, flush=True)
        time.sleep(120)

    def pause_mid_zip(after_parts):
        """Pause once ``after_parts`` zip parts of any workbook being written are on disk."""
        real_write, real_writestr = zipfile.ZipFile.write, zipfile.ZipFile.writestr
        count = [0]

        def counted(real):
            def wrapper(self, *args, **kwargs):
                result = real(self, *args, **kwargs)
                count[0] += 1
                if count[0] == after_parts:
                    self.fp.flush()
                    pause("mid-write")
                return result
            return wrapper

        zipfile.ZipFile.write = counted(real_write)
        zipfile.ZipFile.writestr = counted(real_writestr)

    class PausingValues(list):
        """The values of one import: iterating them pauses half-way, inside the import's transaction."""

        def __iter__(self):
            for i, value in enumerate(list.__iter__(self)):
                if i == len(self) // 2:
                    pause("mid-import")
                yield value

    def pause_mid_import():
        from pccdesk.store import history_store

        real = history_store.HistoryStore.record_import

        def record_import(self, **kwargs):
            kwargs["values"] = PausingValues(kwargs["values"])
            return real(self, **kwargs)

        history_store.HistoryStore.record_import = record_import
''')


def child(code: str, tmp_path: Path, name: str) -> subprocess.Popen[str]:
    script = tmp_path / f"{name}.py"
    script.write_text(PAUSE_HELPERS + textwrap.dedent(code))
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=str(tmp_path), env=env)


def kill_at(proc: subprocess.Popen[str], marker: str) -> None:
    """Wait for the child to print ``marker`` (it is then paused there) and kill it without warning."""
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == marker:
            break
    else:
        _, err = proc.communicate(timeout=30)
        pytest.fail(f"the child ended before '{marker}': {err[-2000:]}")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def finish(proc: subprocess.Popen[str]) -> str:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode in (0, 1), f"child failed ({proc.returncode}): {err[-3000:]}"
    return out


def counts(db: Path) -> tuple[int, int]:
    with HistoryStore(db) as store:
        assert store.integrity_problems() == []
        imports = store.conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0]
        values = store.conn.execute("SELECT COUNT(*) FROM indicator_values").fetchone()[0]
    return int(imports), int(values)


def db_check_passes(db: Path) -> bool:
    from pccdesk.cli import main

    return main(["db", "check", "--db", str(db)]) == 0


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


IMPORTS_PER_PROCESS = 25
VALUES_PER_IMPORT = 40

IMPORTER = '''
from pccdesk.store.history_store import HistoryStore, ValueToStore
who, go_file, db = sys.argv[1], sys.argv[2], sys.argv[3]
import pathlib
while not pathlib.Path(go_file).exists():
    time.sleep(0.005)
with HistoryStore(db) as store:
    for i in range({n}):
        values = [ValueToStore(f"R{{k}}", "Q1", float(k), "number", None, str(k)) for k in range({v})]
        store.record_import(file_path=f"{{who}}-{{i}}.xlsx", sha256=f"{{who}}-{{i}}", reporting_period=f"P{{i}}",
                            period_start=None, plan_name="plan", values=values)
        time.sleep(0.01)  # a person between two imports: gives the other process its turn
print("done", flush=True)
'''


def test_two_processes_importing_at_once_lose_nothing(tmp_path: Path) -> None:
    db, go = tmp_path / "shared.sqlite", tmp_path / "go"
    code = IMPORTER.format(n=IMPORTS_PER_PROCESS, v=VALUES_PER_IMPORT) + "\n"
    procs = []
    for who in ("anna", "ben"):
        script = tmp_path / f"{who}.py"
        script.write_text(PAUSE_HELPERS + code)
        procs.append(subprocess.Popen([sys.executable, str(script), who, str(go), str(db)], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(REPO))))
    go.write_text("go")
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert "done" in out, f"an importer failed ({proc.returncode}): {err[-3000:]}"
    assert counts(db) == (2 * IMPORTS_PER_PROCESS, 2 * IMPORTS_PER_PROCESS * VALUES_PER_IMPORT)
    with sqlite3.connect(db) as conn:
        by_user = dict(conn.execute("SELECT substr(file_name, 1, instr(file_name, '-') - 1), COUNT(*) FROM imports"
                                    " GROUP BY 1"))
        superseded = conn.execute("SELECT COUNT(*) FROM indicator_values WHERE superseded_by IS NOT NULL").fetchone()[0]
        order = [name.split("-")[0] for (name,) in conn.execute("SELECT file_name FROM imports ORDER BY id")]
    assert by_user == {"anna": IMPORTS_PER_PROCESS, "ben": IMPORTS_PER_PROCESS}
    switches = sum(1 for a, b in zip(order, order[1:], strict=False) if a != b)
    print(f"imports changed hands {switches} times")
    assert switches >= 2, "the two importers did not overlap, so the test proved nothing"  # they really ran at once
    # each period was imported by both: exactly one of the two sets of values is superseded, never both or neither
    assert superseded == IMPORTS_PER_PROCESS * VALUES_PER_IMPORT
    assert db_check_passes(db)


def test_two_pccdesk_pack_commands_on_one_database(tmp_path: Path, example_plan_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "same.sqlite"
    returns = {"2015-16 Q1": write_return(tmp_path / "q1.xlsx", example_plan, "2015-16 Q1"),
               "2015-16 Q2": write_return(tmp_path / "q2.xlsx", example_plan, "2015-16 Q2")}
    go = tmp_path / "go"
    procs = []
    for i, (period, ret) in enumerate(returns.items()):
        procs.append(child(f'''
            import pathlib
            while not pathlib.Path({str(go)!r}).exists():
                time.sleep(0.005)
            from pccdesk.cli import main
            sys.exit(main(["pack", {str(ret)!r}, "--definitions", {str(example_plan_path)!r}, "--period", {period!r},
                           "--db", {str(db)!r}, "--out", {str(tmp_path / f"pack{i}.xlsx")!r}]))
        ''', tmp_path, f"pack{i}"))
    go.write_text("go")
    for proc in procs:
        assert "Pack written" in finish(proc)
    imports, values = counts(db)
    assert imports == 2
    with HistoryStore(db) as store:
        assert store.reporting_periods() == ["2015-16 Q1", "2015-16 Q2"]
        per_period = dict(store.conn.execute("SELECT reporting_period, COUNT(*) FROM indicator_values GROUP BY 1"))
    assert per_period["2015-16 Q1"] == per_period["2015-16 Q2"] > 20 and values == 2 * per_period["2015-16 Q1"]
    assert (tmp_path / "pack0.xlsx").exists() and (tmp_path / "pack1.xlsx").exists()


def test_kill_during_import_keeps_the_database_whole(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    proc = child(f'''
        from pccdesk.store.history_store import HistoryStore, ValueToStore
        with HistoryStore({str(db)!r}) as store:
            first = [ValueToStore(f"R{{k}}", "Q1", float(k), "number", None, str(k)) for k in range(30)]
            store.record_import(file_path="q1.xlsx", sha256="a", reporting_period="P1", period_start=None,
                                plan_name="plan", values=first)
            second = PausingValues(ValueToStore(f"R{{k}}", "Q2", 2.0 * k, "number", None, "x") for k in range(30))
            store.record_import(file_path="q1-corrected.xlsx", sha256="b", reporting_period="P1", period_start=None,
                                plan_name="plan", values=second)
    ''', tmp_path, "import")
    kill_at(proc, "mid-import")
    assert (tmp_path / "h.sqlite-wal").exists()  # the kill left SQLite's journal to recover from
    assert db_check_passes(db)
    assert counts(db) == (1, 30)
    with HistoryStore(db) as store:
        series = store.series("R5")
        assert [(v.file_name, v.value, v.superseded) for v in series] == [("q1.xlsx", 5.0, False)]
        # the store is usable at once: the same import runs to the end
        from pccdesk.store.history_store import ValueToStore

        again = store.record_import(file_path="q1-corrected.xlsx", sha256="b", reporting_period="P1",
                                    period_start=None, plan_name="plan",
                                    values=[ValueToStore("R5", "Q2", 10.0, "number", None, "x")])
        assert not again.already_imported and again.superseded_refs == ("R5",)


def test_kill_during_pccdesk_pack_import(tmp_path: Path, example_plan_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "h.sqlite"
    q1 = write_return(tmp_path / "q1.xlsx", example_plan, "2015-16 Q1")
    q2 = write_return(tmp_path / "q2.xlsx", example_plan, "2015-16 Q2")
    from pccdesk.cli import main

    assert main(["pack", str(q1), "--definitions", str(example_plan_path), "--period", "2015-16 Q1", "--db", str(db),
                 "--out", str(tmp_path / "q1-pack.xlsx")]) in (0, 1)
    before = counts(db)
    proc = child(f'''
        pause_mid_import()
        from pccdesk.cli import main
        sys.exit(main(["pack", {str(q2)!r}, "--definitions", {str(example_plan_path)!r}, "--period", "2015-16 Q2",
                       "--db", {str(db)!r}, "--out", {str(tmp_path / "q2-pack.xlsx")!r}]))
    ''', tmp_path, "pack-import")
    kill_at(proc, "mid-import")
    assert db_check_passes(db)
    assert counts(db) == before
    with HistoryStore(db) as store:
        assert store.reporting_periods() == ["2015-16 Q1"]
    assert not (tmp_path / "q2-pack.xlsx").exists()


def test_kill_during_workbook_write_keeps_the_earlier_file(tmp_path: Path) -> None:
    target = tmp_path / "pack.xlsx"
    proc = child(f'''
        from pccdesk.writers.pack_workbook import PackWorkbook
        from pccdesk.writers.safe_output import atomic_output
        target = {str(target)!r}
        with atomic_output(target) as tmp:      # the good pack
            pack = PackWorkbook(tmp)
            pack.text(pack.add_sheet("Summary"), 0, 0, "the good pack")
            pack.close()
        print("good", flush=True)
        pause_mid_zip(after_parts=4)
        with atomic_output(target) as tmp:      # the next one, killed while its zip is half written
            pack = PackWorkbook(tmp)
            sheet = pack.add_sheet("Summary")
            for r in range(20000):
                pack.text(sheet, r, 0, f"row {{r}} of the new pack")
            pack.close()
    ''', tmp_path, "write")
    assert proc.stdout is not None and proc.stdout.readline().strip() == "good"
    good = sha(target)
    kill_at(proc, "mid-write")
    assert sha(target) == good
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".~pack.")]
    assert len(leftovers) == 1 and leftovers[0].stat().st_size > 0  # the half-written temporary file, not the pack
    import openpyxl

    assert openpyxl.load_workbook(target)["Summary"]["A1"].value == "the good pack"


def test_kill_during_pccdesk_pack_write_keeps_the_earlier_pack(tmp_path: Path, example_plan_path: Path,
                                                              example_return_path: Path) -> None:
    from pccdesk.cli import main

    out, db = tmp_path / "Panel pack.xlsx", tmp_path / "h.sqlite"
    args = ["pack", str(example_return_path), "--definitions", str(example_plan_path), "--period", "2015-16 Q1",
            "--db", str(db), "--out", str(out)]
    assert main(args) in (0, 1)
    good = sha(out)
    before = counts(db)
    proc = child(f'''
        pause_mid_zip(after_parts=5)
        from pccdesk.cli import main
        sys.exit(main({args!r} + ["--title", "A title the killed run would have written"]))
    ''', tmp_path, "pack-write")
    kill_at(proc, "mid-write")
    assert sha(out) == good
    assert db_check_passes(db) and counts(db) == before  # the same return again: already imported, nothing changed
    assert main(args) in (0, 1)  # and the next run writes the pack as usual
    assert out.exists()
