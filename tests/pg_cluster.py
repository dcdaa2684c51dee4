"""A throwaway PostgreSQL cluster for the tests: initdb + pg_ctl on a Unix socket in a temporary folder.

The server never runs as root (PostgreSQL refuses to): as root the cluster belongs to ``nobody``. Logins need
a password (scram-sha-256), as on a force's server, so the tests also show that passwords are handled and never
printed. The cluster is stopped and its folder removed at the end of the session.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

SUPERUSER, SUPERPASSWORD = "pgadmin", "s3cret-admin-pw"


def server_bin() -> Path | None:
    """The folder holding initdb and pg_ctl (Debian keeps them out of PATH, under /usr/lib/postgresql/N/bin)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def why_not_available() -> str | None:
    """None when a cluster can be started, else why not (the reason the tests give when they skip)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "the psycopg driver is not installed (pip install 'pccdesk[postgres]')"
    if server_bin() is None:
        return "the PostgreSQL server is not installed (Debian: apt-get install postgresql; .ci/system-deps does it)"
    if os.name != "posix":
        return "the throwaway PostgreSQL cluster needs a Unix socket"
    return None


@dataclass
class Cluster:
    folder: Path
    bindir: Path
    as_user: list[str]

    @property
    def socket_dir(self) -> str:
        return str(self.folder / "socket")

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str | None = SUPERPASSWORD) -> str:
        auth = quote(user, safe="") + (f":{quote(password, safe='')}" if password is not None else "")
        return f"postgresql://{auth}@/{database}?host={quote(self.socket_dir, safe='')}"

    def admin(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def new_database(self, name: str) -> str:
        self.admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        subprocess.run([*self.as_user, str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), "-m",
                        "immediate", "stop"], capture_output=True, check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> Cluster:
    bindir = server_bin()
    assert bindir is not None
    folder = Path(tempfile.mkdtemp(prefix="pccdesk-pg-"))
    (folder / "socket").mkdir()
    pwfile = folder / "pw"
    pwfile.write_text(SUPERPASSWORD + "\n", encoding="utf-8")
    as_user: list[str] = []
    if os.geteuid() == 0:
        import pwd

        nobody = pwd.getpwnam("nobody")
        for path in (folder, folder / "socket", pwfile):
            os.chown(path, nobody.pw_uid, nobody.pw_gid)
        os.chmod(folder, 0o755)
        as_user = ["runuser", "-u", "nobody", "--"]
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(folder / "data"), "-U", SUPERUSER,
                    "--auth=scram-sha-256", f"--pwfile={pwfile}", "-E", "UTF8", "--locale=C.UTF-8"],
                   check=True, capture_output=True, env=env, cwd=folder)
    options = f"-c listen_addresses='' -c unix_socket_directories='{folder / 'socket'}' -c fsync=off -c max_connections=60"
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(folder / "data"), "-o", options, "-l",
                    str(folder / "server.log"), "-w", "-t", "60", "start"], check=True, capture_output=True, env=env,
                   cwd=folder)
    return Cluster(folder, bindir, as_user)
