"""Shared fixtures: the example plan and return built in code, and where the real public files are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
# The real public files: whole in ../shared/realdata (or wherever PCCDESK_REALDATA points) when that folder is
# there, otherwise the trimmed samples of the same names in tests/data/realdata (README.md there says how each
# was cut), so a fresh clone runs every real-data test. WHOLE says which: an assertion about a whole file (a row
# count, a total over every row) is made only when WHOLE, and its sample twin is worked out in the test.
WHOLE_REALDATA = Path(os.environ.get("PCCDESK_REALDATA") or SHARED / "realdata")
WHOLE = WHOLE_REALDATA.is_dir()
REALDATA = WHOLE_REALDATA if WHOLE else REPO / "tests" / "data" / "realdata"
# The two seed papers the tests read, copied unchanged from ../shared/seeds.
SEEDS = REPO / "tests" / "data" / "seeds"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's history database or logs from a test."""
    base = tmp_path_factory.mktemp("userdirs")
    monkeypatch.setenv("PCCDESK_DB", str(base / "history.sqlite"))
    monkeypatch.setenv("PCCDESK_LOG_DIR", str(base / "logs"))


@pytest.fixture
def example_plan_path(tmp_path: Path) -> Path:
    from pccdesk.indicators.plan_templates import write_example_plan

    return write_example_plan(tmp_path / "example-plan.xlsx")


@pytest.fixture
def example_plan(example_plan_path: Path):  # type: ignore[no-untyped-def]
    from pccdesk.indicators.definitions import load_definitions

    return load_definitions(example_plan_path)


@pytest.fixture
def example_return_path(tmp_path: Path, example_plan) -> Path:  # type: ignore[no-untyped-def]
    from pccdesk.indicators.plan_templates import write_example_return

    return write_example_return(tmp_path / "return-2015-16-Q1.xlsx", example_plan)


def need_shared(path: Path) -> Path:
    """``path`` under REALDATA or SEEDS; a file with no sample in tests/data is skipped when ../shared is away."""
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared folder sits beside the clone; no sample in tests/data)")
    return path


# --- the history store on both engines -------------------------------------------------------------------
# ``history_db`` is a fresh history database: a SQLite file, then a database on a throwaway PostgreSQL
# cluster (tests/pg_cluster.py; started once per session, stopped at the end). The PostgreSQL half skips only
# when the server or the driver is not installed, and says which.
_PG_DATABASES = iter(range(1, 1_000_000))


@pytest.fixture(scope="session")
def pg_cluster():  # type: ignore[no-untyped-def]
    from tests.pg_cluster import start_cluster, why_not_available

    reason = why_not_available()
    if reason:
        pytest.skip(f"PostgreSQL half of the store tests skipped: {reason}")
    cluster = start_cluster()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> str:  # type: ignore[no-untyped-def]
    """A fresh, empty database on the throwaway cluster (as its superuser)."""
    return pg_cluster.new_database(f"pccdesk_test_{next(_PG_DATABASES)}")


@pytest.fixture(params=["sqlite", "postgresql"])
def history_db(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """A history database location on each engine in turn: a path, then a postgresql:// URL."""
    if request.param == "sqlite":
        return tmp_path / "h.sqlite"
    return str(request.getfixturevalue("pg_url"))
