"""How to open the files of one run, handed whole to every reader.

Passing one object instead of loose parameters is what lets a password given
once reach the plan, the returns, the crime files and the tracker register
alike, in the CLI and in the app.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field, replace
from pathlib import Path

from pccdesk.records import record


@record(frozen=True)
class ReadOptions:
    #: the password for every protected file of the run (``--password``)
    password: str | None = None
    #: passwords for particular files, by resolved path (the app asks file by file)
    file_passwords: Mapping[str, str] = field(default_factory=dict)
    #: the text encoding of delimited files, when the user knows better than the sniffing
    encoding: str | None = None
    #: remembered column roles of record-level extracts (heading → role)
    column_mappings: Mapping[str, str] = field(default_factory=dict)

    def password_for(self, path: str | Path) -> str | None:
        return self.file_passwords.get(str(Path(path).resolve()), self.password)

    def with_password(self, path: str | Path, password: str) -> ReadOptions:
        passwords = dict(self.file_passwords)
        passwords[str(Path(path).resolve())] = password
        return replace(self, file_passwords=passwords)


DEFAULT = ReadOptions()
