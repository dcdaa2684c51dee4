"""What pccdesk writes: input text never becomes a formula or a link, and a failed write never harms the old file.

Formula checks read the XML of the written workbook itself (not openpyxl's
view of it): no ``<f>`` element anywhere, and the hostile texts sit in the
shared strings (or inline strings) as plain text.
"""

from __future__ import annotations

import csv
import dataclasses
import errno
import hashlib
import os
import re
import time
import zipfile
from pathlib import Path

import pytest

from pccdesk.indicators.definitions import load_definitions
from pccdesk.indicators.plan_templates import (
    example_return_rows,
    write_definitions_workbook,
    write_return_template,
)
from pccdesk.panel_pack import PackRequest, build
from pccdesk.problems import PccdeskError
from pccdesk.writers import safe_output
from pccdesk.writers.csv_export import csv_safe, write_csv
from pccdesk.writers.safe_output import OutputLockedError, atomic_output
from tests.helpers_returns import write_return

HOSTILE = ['=HYPERLINK("http://evil","click")', "+1+1", "-2+3", "@SUM(A1)"]


def workbook_xml(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))}


def string_texts(parts: dict[str, str]) -> list[str]:
    """Every shared and inline string of the workbook, unescaped."""
    import html

    texts = re.findall(r"<t(?: [^>]*)?>(.*?)</t>", parts.get("xl/sharedStrings.xml", ""), flags=re.S)
    for name, xml in parts.items():
        if name.startswith("xl/worksheets/"):
            texts += re.findall(r"<is><t(?: [^>]*)?>(.*?)</t></is>", xml, flags=re.S)
    return [html.unescape(t) for t in texts]


def assert_strings_only(path: Path, expected: list[str]) -> None:
    parts = workbook_xml(path)
    sheets = {n: x for n, x in parts.items() if n.startswith("xl/worksheets/sheet")}
    assert sheets
    for name, xml in sheets.items():
        assert not re.search(r"<f[ >/]", xml), f"formula element in {name}"
    texts = string_texts(parts)
    for text in expected:
        assert any(text in t for t in texts), f"{text!r} is not a string in {path.name}"
    for name, xml in parts.items():
        if name.endswith(".rels"):
            assert "evil" not in xml, f"a link to the input's URL in {name}"
    assert not any("<hyperlink" in x and "evil" in x for x in sheets.values())


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- formula and link injection -------------------------------------------------------------------------------------

def test_pack_from_hostile_return_holds_the_texts_as_strings(tmp_path: Path, example_plan_path: Path,
                                                            example_plan) -> None:  # type: ignore[no-untyped-def]
    rows = example_return_rows()
    v1, v2, v3 = list(rows["V1"]), list(rows["V2"]), list(rows["V3"])
    v1[3], v1[6] = HOSTILE[0], HOSTILE[1]
    v2[3], v2[6] = HOSTILE[2], "\t=1+2"
    v3[6] = HOSTILE[3]
    ret = write_return(tmp_path / "hostile.xlsx", example_plan, "2015-16 Q1", {"V1": v1, "V2": v2, "V3": v3})
    assert_strings_only(ret, HOSTILE)  # the input itself, as the force might send it
    out = tmp_path / "pack.xlsx"
    build(PackRequest(definitions=example_plan_path, returns=[ret], period="2015-16 Q1", out=out, use_history=False))
    assert_strings_only(out, HOSTILE)


def test_return_template_from_a_hostile_plan_holds_the_texts_as_strings(tmp_path: Path) -> None:
    """The plan is an input too: its wording goes into the template the force fills in."""
    from pccdesk.examples.plan import EXAMPLE_INDICATORS

    hostile = [dataclasses.replace(ind, wording=HOSTILE[i]) if i < len(HOSTILE) else ind
               for i, ind in enumerate(EXAMPLE_INDICATORS)]
    plan_path = write_definitions_workbook(tmp_path / "plan.xlsx", hostile, plan_name="=cmd|' /C calc'!A0")
    plan = load_definitions(plan_path)
    out = write_return_template(tmp_path / "template.xlsx", plan, "2015-16 Q1")
    assert_strings_only(out, HOSTILE)


@pytest.mark.parametrize(("value", "written"), [
    ('=HYPERLINK("http://evil","click")', '\'=HYPERLINK("http://evil","click")'),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("Rape", "Rape"),
    ("a=b", "a=b"),
    (" =1", " =1"),
    ("", ""),
    (None, ""),
    (-2, -2),
    (-2.5, -2.5),
    (float("nan"), ""),
    (True, "TRUE"),
])
def test_csv_field_boundaries(value: object, written: object) -> None:
    assert csv_safe(value) == written


def test_csv_export_reads_back_as_text(tmp_path: Path) -> None:
    out = write_csv(tmp_path / "export.csv", ["ref", "text", "value"],
                    [["V1", HOSTILE[0], -2], ["V2", 'say "hi",\nthen go', 3.5], ["=X", "+1+1", None]])
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [["ref", "text", "value"], ["V1", "'" + HOSTILE[0], "-2"], ["V2", 'say "hi",\nthen go', "3.5"],
                    ["'=X", "'+1+1", ""]]
    assert not any(field.startswith(("=", "+", "-", "@")) for row in rows for field in row if field != "-2")


def test_db_export_is_formula_safe(tmp_path: Path) -> None:
    from pccdesk.cli import main
    from pccdesk.store.history_store import HistoryStore, ValueToStore

    db = tmp_path / "h.sqlite"
    with HistoryStore(db) as store:
        store.record_import(file_path="r.xlsx", sha256="s", reporting_period="2015-16 Q1", period_start="2015-04-01",
                            plan_name="p", values=[ValueToStore("V1", "Q1", None, None, None, HOSTILE[0]),
                                                   ValueToStore("V2", "Q1", -2.0, "number", None, "-2")])
    assert main(["db", "export", str(tmp_path / "e.csv"), "--db", str(db)]) == 0
    with open(tmp_path / "e.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["text"] for r in rows] == ["'" + HOSTILE[0], "'-2"]
    assert [r["value"] for r in rows] == ["", "-2"]  # a whole figure is exported as the whole number it is


# --- locked targets and failed writes -------------------------------------------------------------------------------

@pytest.fixture
def old_pack(tmp_path: Path) -> Path:
    out = tmp_path / "Panel pack.xlsx"
    out.write_bytes(b"PK the earlier, good pack " + os.urandom(64))
    return out


def _build(plan: Path, ret: Path, out: Path) -> None:
    build(PackRequest(definitions=plan, returns=[ret], period="2015-16 Q1", out=out, use_history=False))


def _no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.startswith(".~")]


@pytest.mark.parametrize("owner_name", ["~$Panel pack.xlsx", "~$nel pack.xlsx"])
def test_excel_owner_file_means_locked(tmp_path: Path, old_pack: Path, owner_name: str, example_plan_path: Path,
                                       example_return_path: Path) -> None:
    before = sha(old_pack)
    (tmp_path / owner_name).write_bytes(bytes([7]) + b"jbloggs" + b" " * 46 + b"\x07\x00" + "jbloggs".encode("utf-16-le"))
    with pytest.raises(OutputLockedError) as caught:
        _build(example_plan_path, example_return_path, old_pack)
    assert "the file is open by jbloggs (in Excel?)" in caught.value.message
    assert "the earlier file is unchanged" in caught.value.message
    assert sha(old_pack) == before and _no_temp_files(tmp_path)


def test_libreoffice_lock_file_means_locked(tmp_path: Path, old_pack: Path, example_plan_path: Path,
                                            example_return_path: Path) -> None:
    before = sha(old_pack)
    (tmp_path / ".~lock.Panel pack.xlsx#").write_text("Jo Bloggs,PC01,jbloggs,26.11.2026 21:00,url;")
    with pytest.raises(OutputLockedError, match="open by Jo Bloggs"):
        _build(example_plan_path, example_return_path, old_pack)
    assert sha(old_pack) == before


def test_replace_refused_by_the_system_keeps_the_old_file(tmp_path: Path, old_pack: Path, example_plan_path: Path,
                                                          example_return_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """What Windows does when Excel opens the file between our check and the replace."""
    before = sha(old_pack)

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Access is denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputLockedError, match="cannot be replaced"):
        _build(example_plan_path, example_return_path, old_pack)
    assert sha(old_pack) == before and _no_temp_files(tmp_path)


def test_read_only_folder_keeps_the_old_file(tmp_path: Path, old_pack: Path, example_plan_path: Path,
                                             example_return_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only folder as the system reports it: creating the temporary file fails."""
    before = sha(old_pack)

    def no_create(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(safe_output.tempfile, "mkstemp", no_create)
    with pytest.raises(PccdeskError, match="this folder cannot be written to") as caught:
        _build(example_plan_path, example_return_path, old_pack)
    assert caught.value.code == "output-folder-readonly" and caught.value.location.file == old_pack.name
    assert sha(old_pack) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_really_read_only_folder(tmp_path: Path, old_pack: Path, example_plan_path: Path,
                                 example_return_path: Path) -> None:
    before = sha(old_pack)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(PccdeskError, match="cannot be written to"):
            _build(example_plan_path, example_return_path, old_pack)
    finally:
        tmp_path.chmod(0o755)
    assert sha(old_pack) == before


def test_disk_full_while_writing_keeps_the_old_file(tmp_path: Path, old_pack: Path) -> None:
    from xlsxwriter.exceptions import FileCreateError

    before = sha(old_pack)
    with pytest.raises(PccdeskError, match="the disk is full: nothing was replaced") as caught:
        with atomic_output(old_pack) as tmp:
            tmp.write_bytes(b"half a pack")
            raise FileCreateError(OSError(errno.ENOSPC, "No space left on device"))
    assert caught.value.code == "disk-full"
    assert sha(old_pack) == before and _no_temp_files(tmp_path)


def test_a_bug_while_writing_keeps_the_old_file(tmp_path: Path, old_pack: Path) -> None:
    before = sha(old_pack)
    with pytest.raises(ZeroDivisionError):
        with atomic_output(old_pack) as tmp:
            tmp.write_bytes(b"half a pack")
            print(1 / 0)
    assert sha(old_pack) == before and _no_temp_files(tmp_path)


def test_successful_write_replaces_and_cleans_a_killed_writers_leftovers(tmp_path: Path, old_pack: Path) -> None:
    stale = tmp_path / ".~Panel pack.killed1.xlsx"
    fresh = tmp_path / ".~Panel pack.running.xlsx"
    for leftover in (stale, fresh):
        leftover.write_bytes(b"half")
    hours_ago = time.time() - 2 * 3600
    os.utime(stale, (hours_ago, hours_ago))
    with atomic_output(old_pack) as tmp:
        tmp.write_bytes(b"the new pack")
    assert old_pack.read_bytes() == b"the new pack"
    assert not stale.exists() and fresh.exists()


def test_cli_says_who_has_the_pack_open(tmp_path: Path, old_pack: Path, example_plan_path: Path,
                                        example_return_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pccdesk.cli import main

    before = sha(old_pack)
    (tmp_path / "~$Panel pack.xlsx").write_bytes(bytes([4]) + b"anna" + b" " * 49)
    code = main(["pack", str(example_return_path), "--definitions", str(example_plan_path), "--period", "2015-16 Q1",
                 "--no-history", "--out", str(old_pack)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1
    assert err[0].startswith("pccdesk: Panel pack.xlsx: the file is open by anna")
    assert sha(old_pack) == before
