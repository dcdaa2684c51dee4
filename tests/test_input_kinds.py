"""Each kind of input is recognised from its content: the real public files, the templates and the examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from pccdesk.input_kinds import InputKind, guess_from_heads, guess_kind
from pccdesk.readers.peek import SheetHead, peek
from tests.conftest import REALDATA, REPO, need_shared

# What each real file is, from SOURCES.md (who published it and what it holds), not from pccdesk's answer.
REAL_KINDS = {
    "2018-12-merseyside-street.csv": InputKind.CRIME_RECORDS,  # data.police.uk street-level, one row per crime
    "durham-street/2018-10-durham-street.csv": InputKind.CRIME_RECORDS,
    "MPS Borough Level Crime (most recent 24 months).csv": InputKind.CRIME_TABLE,  # borough × offence × month
    "pfatablesdec19.xlsx": InputKind.NATIONAL_TABLE,  # ONS police force area tables
    "policeforceareatablesyearendingmarch2018v2.xlsx": InputKind.NATIONAL_TABLE,
    "policeforceareatablesyejune25final.csv": InputKind.NATIONAL_TABLE,  # ONS Table C2, CSPs under each force
    "rec-crime-pfa.csv": InputKind.NATIONAL_TABLE,  # force × offence × rolling year, every force
    "rec-crime-1898-2002.xls": InputKind.OTHER,  # England and Wales totals only
    "police-workforce-sep19-tables.ods": InputKind.OTHER,  # workforce, not crime
    "police-workforce-tabs-30sep15.ods": InputKind.OTHER,
    "lad-csp-pfa-lookup-dec2016.csv": InputKind.OTHER,  # an area lookup
    "Monthly-AE-Time-Series-September-2023.xlsx": InputKind.OTHER,  # NHS A&E
}


@pytest.mark.parametrize("name", sorted(REAL_KINDS))
def test_real_public_files(name: str) -> None:
    guess = guess_kind(need_shared(REALDATA / name))
    assert guess.kind is REAL_KINDS[name], guess.reason
    assert guess.reason


@pytest.mark.parametrize(("name", "kind"), [
    ("templates/examples/northumbria-2015-16-Q1-return.xlsx", InputKind.RETURN),
    ("templates/examples/northumbria-2015-16-Q1-crime.xlsx", InputKind.CRIME_TABLE),
    ("templates/example-force-return.xlsx", InputKind.RETURN),  # laid out like the seed paper's tables
    ("templates/example-plan.xlsx", InputKind.PLAN),
    ("templates/indicator-definitions.xlsx", InputKind.PLAN),
])
def test_templates_and_examples(name: str, kind: InputKind) -> None:
    assert guess_kind(REPO / name).kind is kind


def test_examples_written_in_code(tmp_path: Path, example_return_path: Path) -> None:
    from pccdesk.examples.crime import write_example_crime
    from pccdesk.examples.tracker import write_example_tracker, write_peel_workbook

    assert guess_kind(example_return_path).kind is InputKind.RETURN
    assert guess_kind(write_example_crime(tmp_path / "figures.xlsx")).kind is InputKind.CRIME_TABLE
    assert guess_kind(write_example_tracker(tmp_path / "register.xlsx")).kind is InputKind.TRACKER_REGISTER
    assert guess_kind(write_peel_workbook(tmp_path / "grades.xlsx")).kind is InputKind.PEEL_MATRIX


def test_the_name_does_not_decide(tmp_path: Path) -> None:
    """A crime extract called "return.csv" is still crime records; a return called "crime.csv" a return."""
    extract = tmp_path / "return.csv"
    extract.write_text("Crime ID,Month,Crime type\nabc,2018-12,Burglary\n", encoding="utf-8")
    ret = tmp_path / "crime.csv"
    ret.write_text("Ref,Indicator,Previous,Current,Target\nV1,Satisfaction,90%,91%,92%\n", encoding="utf-8")
    assert guess_kind(extract).kind is InputKind.CRIME_RECORDS
    assert guess_kind(ret).kind is InputKind.RETURN


def test_heading_words_must_be_whole_cells() -> None:
    """"Crime ID" in a sentence is not a heading; one heading alone is not enough."""
    sentence = SheetHead("S", [["This table has no Crime ID column", "Month"]])
    alone = SheetHead("S", [["Crime ID", ""]])
    assert guess_from_heads([sentence]).kind is not InputKind.CRIME_RECORDS
    assert guess_from_heads([alone]).kind is InputKind.UNKNOWN


def test_unreadable_file_is_unknown_with_the_reason(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    guess = guess_kind(broken)
    assert guess.kind is InputKind.UNKNOWN
    assert "not recognised yet" in guess.reason


def test_peek_reads_only_the_first_rows(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_text("a,b\n" + "".join(f"{i},{i}\n" for i in range(100_000)), encoding="utf-8")
    (head,) = peek(big, rows=5)
    assert head.rows == [["a", "b"], ["0", "0"], ["1", "1"], ["2", "2"], ["3", "3"]]
