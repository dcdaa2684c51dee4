"""No output can overwrite an input, the history database or another output: refused with exit 2 before
anything is read or written, however the same file is spelled (links, ``..``, hard links)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from pccdesk.cli import main
from pccdesk.indicators.definitions import load_definitions
from pccdesk.indicators.plan_templates import EXAMPLE_PERIOD
from pccdesk.problems import PccdeskError
from pccdesk.store.history_store import HistoryStore
from pccdesk.writers.safe_output import check_distinct_paths, same_file
from tests.helpers_returns import write_return


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def setup(tmp_path: Path, example_plan_path: Path) -> dict[str, Path]:
    plan = load_definitions(example_plan_path)
    ret = write_return(tmp_path / "return.xlsx", plan, EXAMPLE_PERIOD)
    db = tmp_path / "history.sqlite"
    HistoryStore(db).close()
    return {"plan": example_plan_path, "return": ret, "db": db}


def test_same_file_however_spelled(tmp_path: Path) -> None:
    real = tmp_path / "return.xlsx"
    real.write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    os.symlink(real, tmp_path / "link.xlsx")
    os.link(real, tmp_path / "hard.xlsx")
    assert same_file(real, tmp_path / "sub" / ".." / "return.xlsx")
    assert same_file(real, tmp_path / "link.xlsx")
    assert same_file(real, tmp_path / "hard.xlsx")
    assert same_file(tmp_path / "new.xlsx", tmp_path / "sub" / ".." / "new.xlsx")  # neither exists yet
    assert not same_file(real, tmp_path / "other.xlsx")
    assert not same_file(tmp_path / "a.xlsx", tmp_path / "A.xlsx")  # a case-sensitive file system here


def test_every_collision_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    cases = [
        ([tmp_path / "r.xlsx"], [tmp_path / "r.xlsx"], None, "an input file (r.xlsx)"),
        ([db], [], db, "the history database (h.sqlite)"),
        ([tmp_path / "h.sqlite-wal"], [], db, "the history database's wal file"),
        ([tmp_path / "a.xlsx", tmp_path / "x" / ".." / "a.xlsx"], [], None, "two outputs are the same file"),
    ]
    for outputs, inputs, database, said in cases:
        with pytest.raises(PccdeskError) as caught:
            check_distinct_paths(outputs, inputs, database)
        assert caught.value.code == "output-collision" and said in caught.value.message
    check_distinct_paths([tmp_path / "pack.xlsx"], [tmp_path / "r.xlsx"], db)


def _refused(args: list[str], protected: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = digest(protected)
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nothing was read or written" in err[0]
    assert digest(protected) == before
    return err[0]


def test_pack_out_onto_the_return(setup: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    line = _refused(["pack", "--definitions", str(setup["plan"]), "--db", str(setup["db"]), "--out",
                     str(setup["return"]), str(setup["return"])], setup["return"], capsys)
    assert "would overwrite an input file (return.xlsx)" in line


def test_pack_out_onto_the_plan_through_a_link(setup: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    link = setup["plan"].with_name("pack.xlsx")
    os.symlink(setup["plan"], link)
    _refused(["pack", "--definitions", str(setup["plan"]), "--db", str(setup["db"]), "--out", str(link),
              str(setup["return"])], setup["plan"], capsys)


def test_pack_out_onto_the_database(setup: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    line = _refused(["pack", "--definitions", str(setup["plan"]), "--db", str(setup["db"]), "--out",
                     str(setup["db"]), str(setup["return"])], setup["db"], capsys)
    assert "would overwrite the history database" in line


def test_db_export_onto_the_database(setup: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _refused(["db", "export", "--db", str(setup["db"]), str(setup["db"])], setup["db"], capsys)


def test_tracker_report_onto_the_database(setup: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _refused(["tracker", "report", "--db", str(setup["db"]), "--out", str(setup["db"])], setup["db"], capsys)


def test_template_onto_the_definitions(setup: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _refused(["template", "return", "--definitions", str(setup["plan"]), "--period", EXAMPLE_PERIOD, "--out",
              str(setup["plan"])], setup["plan"], capsys)


def test_crime_out_onto_an_extract(setup: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    extract = setup["plan"].with_name("extract.csv")
    extract.write_text("Date,Category\n2015-04-01,Burglary\n", encoding="utf-8")
    _refused(["crime", "--db", str(setup["db"]), "--out", str(extract), str(extract)], extract, capsys)


def test_spc_out_onto_its_source(setup: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _refused(["spc", "--out", str(setup["return"]), str(setup["return"])], setup["return"], capsys)


def test_comments_template_onto_the_database(setup: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _refused(["comments", "template", "--definitions", str(setup["plan"]), "--period", EXAMPLE_PERIOD, "--db",
              str(setup["db"]), "--out", str(setup["db"])], setup["db"], capsys)
