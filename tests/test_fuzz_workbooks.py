"""Fuzzing the importer with mutated real and generated workbooks (hypothesis).

Seeds are the real public workbooks in ../shared/realdata and workbooks built
here (the pccdesk return template filled in, a force-shaped return, a small
.ods, a workbook with merges, hidden sheets and percent formats). Each
example changes one seed: bytes inside one zip part (flipped, inserted,
deleted, cut, or a hostile XML fragment spliced in), bytes of the container
itself, or the cell texts and sheet structure of a generated workbook. The
importer may then read the file or refuse it, but the only exception allowed
out is :class:`PccdeskError`, with the file named in its location.

Budget: ``PCCDESK_FUZZ_EXAMPLES`` examples per test (default 12, a few
seconds in ``make test``, derandomised so the short run is repeatable);
``make fuzz`` sets it high and runs with hypothesis' statistics, which report
how many cases were tried. A crash in the Rust reader that aborts the process
(rather than raising) ends the run, so it cannot go unnoticed; the input it
died on is left in ``<temp>/pccdesk-fuzz-last-input/``.
"""

from __future__ import annotations

import functools
import io
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pccdesk.problems import PccdeskError
from pccdesk.readers import read_workbook
from tests.conftest import REALDATA, REPO

LONG_RUN = "PCCDESK_FUZZ_EXAMPLES" in os.environ
EXAMPLES = int(os.environ.get("PCCDESK_FUZZ_EXAMPLES", "12"))
#: In the long run, each input is saved here before it is read (see check_import).
LAST_INPUT = Path(tempfile.gettempdir()) / "pccdesk-fuzz-last-input"
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=not LONG_RUN,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

#: Fragments spliced into XML parts: addresses far away, bad indexes, entities, odd numbers, broken structure.
HOSTILE_FRAGMENTS = [
    b'<c r="XFD1048576"><v>1</v></c>', b'<c r="A1048576" t="s"><v>99999999</v></c>', b'<row r="0">',
    b'<row r="4294967296">', b'<c r="A1" t="e"><v>#BOGUS!</v></c>', b'<c r="B2" t="n"><v>1e999</v></c>',
    b'<c r="C3" t="d"><v>not a date</v></c>', b'<c r="D4" t="b"><v>7</v></c>', b'<c t="inlineStr"><is>',
    b'<mergeCell ref="A1:XFD1048576"/>', b'<mergeCell ref="Z9:A1"/>', b"&amp;&#0;&#xD800;&bogus;",
    b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"</sheetData>", b"<sheetData>", b"\x00\xff\xfe",
    b'<numFmt numFmtId="164" formatCode="0.0%%%"/>', b'<xf numFmtId="999999"/>', b'<si><t>', b"</si>",
    b'table:number-columns-repeated="99999999" ', b'table:number-rows-repeated="1048577" ',
    b'office:value-type="percentage" office:value="NaN" ', b'<sheet name="" sheetId="0" r:id="rId999"/>',
    b'<Relationship Id="rId1" Target="../../../../etc/passwd" Type="x"/>',
]


@functools.cache
def seeds() -> dict[str, bytes]:
    """name → bytes of every seed workbook (built once per run)."""
    from pccdesk.indicators.definitions import load_definitions
    from pccdesk.indicators.plan_templates import write_example_plan, write_example_return

    folder = Path(tempfile.mkdtemp(prefix="pccdesk-fuzz-seeds-"))
    plan = load_definitions(write_example_plan(folder / "plan.xlsx"))
    found: dict[str, bytes] = {
        "template-return.xlsx": write_example_return(folder / "r.xlsx", plan).read_bytes(),
        "shapes.xlsx": _shapes_workbook(folder / "shapes.xlsx").read_bytes(),
        "small.ods": _small_ods(folder / "small.ods").read_bytes(),
    }
    force = REPO / "templates" / "example-force-return.xlsx"
    if force.exists():
        found["force-return.xlsx"] = force.read_bytes()
    if REALDATA.exists():
        for path in sorted(REALDATA.iterdir()):
            small_enough = path.stat().st_size < 2_000_000 or LONG_RUN
            if path.suffix.lower() in {".xlsx", ".xls", ".ods"} and small_enough:
                found[path.name] = path.read_bytes()
    return found


@functools.cache
def fuzz_plan() -> Any:
    from pccdesk.indicators.definitions import load_definitions
    from pccdesk.indicators.plan_templates import write_example_plan

    return load_definitions(write_example_plan(Path(tempfile.mkdtemp(prefix="pccdesk-fuzz-plan-")) / "plan.xlsx"))


def _shapes_workbook(path: Path) -> Path:
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
    pct = book.add_format({"num_format": "0.0%"})
    one = book.add_worksheet("Objective 1")
    one.merge_range(0, 0, 0, 4, "Putting victims first")
    for r, (label, value) in enumerate([("Rape", 0.61), ("Domestic abuse", 0.7), ("ASB", 12345)], start=2):
        one.write_string(r, 0, label)
        one.write_number(r, 4, value, pct if value < 1 else None)
    hidden = book.add_worksheet("workings")
    hidden.write_formula(0, 0, "=1+1", None, 2)
    hidden.hide()
    book.add_worksheet("empty")
    book.close()
    return path


def _small_ods(path: Path) -> Path:
    import pandas as pd

    frame = pd.DataFrame({"Indicator": ["Rape", "Burglary", "Victim satisfaction"], "Current": [61, 1200, 0.93],
                          "Note": ["+6%", "-2,736", "98.8% (+/-0.6%)"]})
    frame.to_excel(path, engine="odf", index=False)
    return path


def check_import(data: bytes, name: str, reader: Callable[[Path], Any] = read_workbook) -> None:
    """Write ``data`` as ``name`` and read it: any outcome but a foreign exception is fine."""
    if LONG_RUN:  # a crash that aborts the process leaves no report: keep the input it died on
        LAST_INPUT.mkdir(exist_ok=True)
        (LAST_INPUT / name).write_bytes(data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            reader(path)
        except PccdeskError as exc:
            assert exc.location.file == name, f"{type(exc).__name__} without the file: {exc}"
            assert exc.message.strip() and "\n" not in str(exc).strip() or exc.code == "invalid-file"


def read_return_for_fuzz(path: Path) -> Any:
    from pccdesk.indicators.returns import read_return

    return read_return(path, fuzz_plan())


def mutate(data: bytes, op: str, at: float, length: int, filler: bytes) -> bytes:
    """One mutation of ``data`` at relative position ``at``."""
    pos = int(at * len(data)) if data else 0
    if op == "flip":
        chunk = bytes(b ^ 0xFF for b in data[pos:pos + length])
        return data[:pos] + chunk + data[pos + length:]
    if op == "insert":
        return data[:pos] + filler + data[pos:]
    if op == "delete":
        return data[:pos] + data[pos + length:]
    if op == "truncate":
        return data[:pos]
    if op == "duplicate":
        return data[:pos] + data[pos:pos + length] * 3 + data[pos:]
    return data[:pos] + filler + data[pos + length:]  # overwrite


def rezip(data: bytes, part_index: int, change: Callable[[bytes], bytes]) -> bytes:
    """The same package with one part changed (order, names and the stored ``mimetype`` kept)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    infos = source.infolist()
    target = infos[part_index % len(infos)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in infos:
            body = source.read(info.filename)
            if info.filename == target.filename:
                body = change(body)
            new.writestr(info, body, compress_type=info.compress_type)
    return out.getvalue()


OPS = st.sampled_from(["flip", "insert", "delete", "truncate", "duplicate", "overwrite"])
FILLERS = st.one_of(st.sampled_from(HOSTILE_FRAGMENTS), st.binary(min_size=1, max_size=64))
ZIP_SEEDS = [n for n in ("template-return.xlsx", "shapes.xlsx", "small.ods", "force-return.xlsx",
                         "pfatablesdec19.xlsx", "Monthly-AE-Time-Series-September-2023.xlsx",
                         "police-workforce-sep19-tables.ods")]


def zip_seed_names() -> list[str]:
    return [n for n in ZIP_SEEDS if n in seeds()]


@given(st.data(), OPS, st.floats(0, 1), st.integers(1, 400), FILLERS, st.integers(0, 200))
@FUZZ
def test_bytes_inside_zip_parts(data: st.DataObject, op: str, at: float, length: int, filler: bytes,
                                part: int) -> None:
    name = data.draw(st.sampled_from(zip_seed_names()), label="seed")
    mutated = rezip(seeds()[name], part, lambda body: mutate(body, op, at, length, filler))
    check_import(mutated, name)


@given(st.data(), st.lists(st.tuples(OPS, st.floats(0, 1), st.integers(1, 64), FILLERS), min_size=1, max_size=4))
@FUZZ
def test_bytes_of_the_container(data: st.DataObject, ops: list[tuple[str, float, int, bytes]]) -> None:
    name = data.draw(st.sampled_from(sorted(seeds())), label="seed")
    mutated = seeds()[name]
    for op, at, length, filler in ops:
        mutated = mutate(mutated, op, at, length, filler)
    check_import(mutated, name)


@given(st.data(), st.floats(0, 1), st.sampled_from(HOSTILE_FRAGMENTS), st.integers(0, 200))
@FUZZ
def test_hostile_fragments_in_the_returns_the_importer_reads(data: st.DataObject, at: float, fragment: bytes,
                                                             part: int) -> None:
    """The full import (read_return), not just the reader, on returns with hostile XML spliced in."""
    name = data.draw(st.sampled_from([n for n in ("template-return.xlsx", "force-return.xlsx", "small.ods")
                                      if n in seeds()]), label="seed")
    mutated = rezip(seeds()[name], part, lambda body: mutate(body, "insert", at, 0, fragment))
    check_import(mutated, name, read_return_for_fuzz)


CELL_TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["98.8% (+/-0.6%)", "+2,736 + 13%", "- 34 - 27%", "N/A", "..", "[x]", "£1.2m", "(1,234)",
                     "=HYPERLINK(\"http://evil\",\"click\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "Rape",
                     "Objective One – Putting Victims First", "12 months to Jun 2015", "2015-16 Q1", "\u202e", ""]),
)
CELL = st.one_of(st.none(), CELL_TEXT, st.floats(allow_nan=True, allow_infinity=True),
                 st.integers(-10**15, 10**15), st.booleans())
SHEET = st.tuples(
    st.text(min_size=0, max_size=40),                                    # sheet name (made valid below)
    st.lists(st.lists(CELL, max_size=9), max_size=14),                   # rows
    st.lists(st.tuples(st.integers(0, 20), st.integers(0, 10), st.integers(0, 4), st.integers(0, 4)), max_size=3),
    st.booleans(),                                                       # hidden
    st.integers(0, 2000),                                                # first row offset
)


def write_generated(path: Path, sheets: list[tuple[str, list[list[Any]], list[tuple[int, int, int, int]], bool, int]]
                    ) -> Path:
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                           "strings_to_urls": False, "nan_inf_to_errors": True})
    pct = book.add_format({"num_format": "0.0%"})
    taken: set[str] = set()
    visible = 0
    for i, (name, rows, merges, hidden, offset) in enumerate(sheets):
        clean = "".join(ch for ch in name if ch not in "[]:*?/\\'" and ch.isprintable())[:31].strip() or f"S{i}"
        while clean.lower() in taken:
            clean = (clean[:28] + f"_{i}")[:31]
        taken.add(clean.lower())
        sheet = book.add_worksheet(clean)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, bool):
                    sheet.write_boolean(offset + r, c, value)
                elif isinstance(value, int | float):
                    sheet.write_number(offset + r, c, value, pct if c % 3 == 0 else None)
                else:
                    sheet.write_string(offset + r, c, value)
        for r, c, h, w in merges:
            if h or w:
                try:
                    sheet.merge_range(offset + r, c, offset + r + h, c + w, "")
                except xlsxwriter.exceptions.OverlappingRange:
                    pass
        if hidden and visible:
            sheet.hide()
        else:
            visible += 1
    book.close()
    return path


@given(st.lists(SHEET, min_size=1, max_size=4))
@FUZZ
def test_generated_cell_texts_and_sheet_structures(sheets: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = write_generated(Path(folder) / "generated.xlsx", sheets).read_bytes()
    check_import(data, "generated.xlsx", read_return_for_fuzz)


FINITE_CELL = st.one_of(st.none(), CELL_TEXT, st.floats(allow_nan=False, allow_infinity=False),
                       st.integers(-10**15, 10**15))  # what the template writer is given, not what it reads


@given(st.dictionaries(st.sampled_from(["V1", "V2", "V3", "A1", "A2", "B1", "C1"]),
                       st.lists(FINITE_CELL, min_size=8, max_size=8), max_size=5))
@FUZZ
def test_template_returns_with_random_cells(changes: dict[str, list[Any]]) -> None:
    from tests.helpers_returns import write_return

    with tempfile.TemporaryDirectory() as folder:
        path = write_return(Path(folder) / "q1.xlsx", fuzz_plan(), "2015-16 Q1", changes)
        data = path.read_bytes()
    check_import(data, "q1.xlsx", read_return_for_fuzz)


def test_every_seed_reads_before_mutation() -> None:
    """The seeds themselves are good workbooks, so mutations start from something the importer accepts."""
    assert {"template-return.xlsx", "shapes.xlsx", "small.ods"} <= set(seeds())
    for name, data in seeds().items():
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            assert read_workbook(path).sheets, name


@pytest.mark.parametrize("op", ["flip", "insert", "delete", "truncate", "duplicate", "overwrite"])
def test_mutate_changes_the_bytes(op: str) -> None:
    assert mutate(b"0123456789", op, 0.5, 2, b"XY") != b"0123456789"
