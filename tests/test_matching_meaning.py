"""Matching like a person: meaning-bearing words, synonyms, the structure of the table, candidates for every
unmatched row, and the investigating-officer row of the seed report suggested and applied on request."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pccdesk.examples.force_return import write_example_force_return
from pccdesk.examples.plan import EXAMPLE_INDICATORS, PLAN_NAME
from pccdesk.indicators.definitions import load_definitions
from pccdesk.indicators.matching import APPLY_AT, SUGGEST_AT, match_row, rank_candidates
from pccdesk.indicators.meaning_words import WordIndex, meaning_score, meaning_words, stem
from pccdesk.indicators.plan_templates import write_definitions_workbook
from pccdesk.indicators.returns import read_return

IO_ROW = ("Ensure 100% of cases, the Investigating Officer makes contact with the complainant within 24 hours of "
          "registration of a complaint.")
IO_PLAN = "Complainants contacted by the investigating officer within 24 hours"


@pytest.mark.parametrize(("word", "expected"), [
    ("contacted", "contact"), ("contacts", "contact"), ("contacting", "contact"), ("victims", "victim"),
    ("offences", "offenc"), ("offence", "offenc"), ("complainants", "complainant"), ("bus", "bus"),
    ("process", "process"), ("hours", "hour"),
])
def test_stemming_makes_endings_agree(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_meaning_words_set_aside_figures_stop_words_and_fold_synonyms() -> None:
    assert meaning_words(IO_ROW) == {"case", "io", "contact", "complainant", "hour", "registration", "complaint"}
    assert meaning_words(IO_PLAN) == {"complainant", "contact", "io", "hour"}
    assert meaning_words("IO contact within 24hrs") >= {"io", "contact"}
    assert meaning_words("Domestic abuse repeat victims") == meaning_words("DA repeat victims")
    assert meaning_words("Anti-social behaviour incidents") == meaning_words("ASB incidents")
    assert meaning_words("100%") == frozenset()


def test_meaning_score_contained_wording_is_a_suggestion_not_an_application() -> None:
    # the plan's four meaning words are all in the row's seven: 0.88 × 4/4 (half of the 7 shared: 4/7 ≥ 0.4)
    score = meaning_score(meaning_words(IO_ROW), meaning_words(IO_PLAN))
    assert score == pytest.approx(0.88)
    assert SUGGEST_AT <= score < APPLY_AT
    assert meaning_score(meaning_words("% of appeals made"), meaning_words("% of appeals upheld")) < SUGGEST_AT


def test_the_index_finds_the_rare_word_first() -> None:
    index = WordIndex.build([("a", ["Burglary dwelling offences"]), ("b", ["Vehicle crime offences"]),
                             ("c", ["Re-bail rate"])])
    assert index.candidates(meaning_words("dwelling burglaries")) [0] == "a"
    assert index.candidates(meaning_words("nothing in common")) == []


def _plan_with_reworded_c6(tmp_path: Path) -> Path:
    rows = [dataclasses.replace(i, wording=IO_PLAN, match="") if i.ref == "C6" else i for i in EXAMPLE_INDICATORS]
    return write_definitions_workbook(tmp_path / "plan.xlsx", rows, PLAN_NAME)


def test_the_investigating_officer_row_is_suggested(tmp_path: Path) -> None:
    plan = load_definitions(_plan_with_reworded_c6(tmp_path))
    match = match_row(plan, IO_ROW, objective=plan.get("C6").objective)  # type: ignore[union-attr]
    assert match.ref == "C6" and not match.applied
    reading = read_return(write_example_force_return(tmp_path / "return.xlsx"), plan)
    assert [s.ref for s in reading.suggestions] == ["C6"]
    assert "C6" not in {r.ref for r in reading.rows}
    message = next(p.message for p in reading.problems if p.code == "match-suggested")
    assert "C6" in message and "accepted" in message


def test_the_investigating_officer_row_is_applied_with_accept_suggestions(tmp_path: Path) -> None:
    plan = load_definitions(_plan_with_reworded_c6(tmp_path))
    reading = read_return(write_example_force_return(tmp_path / "return.xlsx"), plan, accept_suggestions=True)
    row = next(r for r in reading.rows if r.ref == "C6")
    assert row.current.value == 100 and row.current_period == "April to June 2015"


def test_the_last_unmatched_row_and_indicator_of_an_objective_are_paired(tmp_path: Path) -> None:
    # C6 reworded so its words share almost nothing with the force's row: only the structure pairs them
    rows = [dataclasses.replace(i, wording="Prompt first call with people who complain", match="")
            if i.ref == "C6" else i for i in EXAMPLE_INDICATORS]
    plan = load_definitions(write_definitions_workbook(tmp_path / "plan.xlsx", rows, PLAN_NAME))
    reading = read_return(write_example_force_return(tmp_path / "return.xlsx"), plan)
    suggestion = next(s for s in reading.suggestions if s.ref == "C6")
    assert suggestion.label == IO_ROW and suggestion.row is not None and suggestion.row.match_method == "structure"
    applied = read_return(write_example_force_return(tmp_path / "return2.xlsx"), plan, accept_suggestions=True)
    assert next(r for r in applied.rows if r.ref == "C6").current.value == 100


def test_an_unmatched_row_lists_its_best_candidates(tmp_path: Path) -> None:
    # two indicators of the objective lose their rows' wording, so structure cannot pair them: candidates are listed
    rows = [dataclasses.replace(i, wording="Prompt first call with people who complain", match="")
            if i.ref == "C6" else dataclasses.replace(i, wording="Bail percentage beyond four weeks")
            if i.ref == "C3" else i for i in EXAMPLE_INDICATORS]
    plan = load_definitions(write_definitions_workbook(tmp_path / "plan.xlsx", rows, PLAN_NAME))
    reading = read_return(write_example_force_return(tmp_path / "return.xlsx"), plan)
    unmatched = [p for p in reading.problems if p.code == "row-not-matched"]
    assert unmatched and all("closest:" in p.message for p in unmatched)
    io_row = next(r for r in reading.unmatched if r.label == IO_ROW)
    assert io_row.candidates and set(io_row.candidates) <= {i.ref for i in plan.indicators}


def test_ranked_candidates_use_the_index_on_a_big_plan(example_plan) -> None:  # type: ignore[no-untyped-def]
    ranked = rank_candidates(example_plan, "Victims satisfied with the time of arrival")
    assert ranked[0][0].ref == "V2"


def test_any_unmatched_row_can_be_assigned_by_hand_and_is_remembered(tmp_path: Path) -> None:
    from pccdesk.indicators.row_assignment import assign_row
    from pccdesk.store.mapping_profiles import MappingProfiles

    rows = [dataclasses.replace(i, wording="Prompt first call with people who complain", match="")
            if i.ref == "C6" else dataclasses.replace(i, wording="Bail percentage beyond four weeks")
            if i.ref == "C3" else i for i in EXAMPLE_INDICATORS]
    plan = load_definitions(write_definitions_workbook(tmp_path / "plan.xlsx", rows, PLAN_NAME))
    ret = write_example_force_return(tmp_path / "return.xlsx")
    profiles = MappingProfiles(tmp_path / "h.sqlite")
    reading = read_return(ret, plan, profiles=profiles)
    row = next(r for r in reading.unmatched if r.label == IO_ROW)
    applied = assign_row(reading, row, plan, "C6", profiles)
    assert applied.ref == "C6" and applied.current.value == 100 and applied in reading.rows
    assert row not in reading.unmatched
    assert not any(p.code == "row-not-matched" and p.location == row.location for p in reading.problems)
    again = read_return(ret, plan, profiles=profiles)
    remembered = next(r for r in again.rows if r.ref == "C6")
    assert remembered.match_method == "profile" and remembered.current.value == 100


def test_the_cli_suggests_the_row_and_applies_it_with_accept_suggestions(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    from pccdesk.cli import main

    plan = _plan_with_reworded_c6(tmp_path)
    ret = write_example_force_return(tmp_path / "return.xlsx")
    args = ["pack", str(ret), "--definitions", str(plan), "--period", "2015-16 Q1", "--out", str(tmp_path / "p.xlsx")]

    def stored_c6(db: Path) -> list[float]:
        with sqlite3.connect(db) as conn:
            return [r[0] for r in conn.execute("SELECT value FROM indicator_values WHERE ref = 'C6'")]

    assert main([*args, "--db", str(tmp_path / "a.sqlite")]) == 1
    out = capsys.readouterr().out
    assert "looks like C6" in out and "--accept-suggestions" in out
    assert stored_c6(tmp_path / "a.sqlite") == []
    assert main([*args, "--db", str(tmp_path / "b.sqlite"), "--accept-suggestions"]) in (0, 1)
    assert stored_c6(tmp_path / "b.sqlite") == [100]
