"""Matching rows to indicators: method and score on every match, suggestions below the threshold, context from
headings and objectives, and saved decisions per source layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_tables import write_sheet

from pccdesk.indicators.matching import (
    APPLY_AT,
    SUGGEST_AT,
    match_row,
    normalise_wording,
    objective_for_title,
)
from pccdesk.indicators.returns import read_return
from pccdesk.store.history_store import HistoryStore
from pccdesk.store.mapping_profiles import MappingProfiles, source_key, structure_signature


@pytest.mark.parametrize(("a", "b"), [
    ("Percentage of victims satisfied with ease of contact.", "% of victims satisfied with ease of contact"),
    ("Percentage of victims satisfied with ease of contact.", "PERCENTAGE OF VICTIMS SATISFIED WITH EASE OF CONTACT"),
    ("Domestic & Sexual Abuse", "Domestic and sexual abuse"),
    ("Re-bail rate.", "Re bail rate"),
    ("Increase the conviction rate at Magistrate’s Court to 85%.", "Increase the conviction rate at Magistrate's Court "
     "to 85 per cent"),
    ("Rape1", "Rape"),  # a footnote number glued on
])
def test_normalised_wordings_are_equal(a: str, b: str) -> None:
    assert normalise_wording(a) == normalise_wording(b)


def test_normalising_keeps_what_differs() -> None:
    assert normalise_wording("% of appeals made") != normalise_wording("% of appeals upheld")
    assert normalise_wording("Domestic Violence") != normalise_wording("Violence")


def test_methods_in_order_of_trust(example_plan) -> None:  # type: ignore[no-untyped-def]
    by_ref = match_row(example_plan, "anything at all about contact", "V1")
    assert (by_ref.ref, by_ref.method, by_ref.score, by_ref.applied) == ("V1", "ref", 1.0, True)
    wording = match_row(example_plan, "Re-bail rate")
    assert (wording.ref, wording.method, wording.score, wording.applied) == ("C2", "wording", 1.0, True)
    alias = match_row(example_plan, "NCRS compliance")
    assert (alias.ref, alias.method, alias.applied) == ("V4", "alias", True)
    fuzzy = match_row(example_plan, "Victims satisfied with ease of contact")
    assert fuzzy.ref == "V1" and fuzzy.method == "fuzzy" and fuzzy.score >= APPLY_AT and fuzzy.applied
    nothing = match_row(example_plan, "Number of drones purchased")
    assert nothing.ref is None and nothing.method == "none" and not nothing.applied


def test_a_ref_beside_another_indicators_wording_is_not_trusted(example_plan) -> None:  # type: ignore[no-untyped-def]
    match = match_row(example_plan, "Number of live complaints being managed.", "V1")
    assert match.ref == "C11" and match.method == "wording"


def test_weak_fuzzy_match_is_only_a_suggestion(example_plan) -> None:  # type: ignore[no-untyped-def]
    match = match_row(example_plan, "Burglary dwelling offences")
    assert match.ref == "P1" and match.method == "fuzzy"
    assert SUGGEST_AT <= match.score < APPLY_AT and not match.applied


def test_sub_rows_are_matched_under_their_heading(example_plan) -> None:  # type: ignore[no-untyped-def]
    d1, p2 = example_plan.get("D1"), example_plan.get("P2")
    assert match_row(example_plan, "Domestic Violence", parent=d1).ref == "D1c"
    assert match_row(example_plan, "Domestic Violence", parent=p2).ref == "P2a"
    alone = match_row(example_plan, "Domestic Violence")
    assert not alone.applied and set(alone.ambiguous) == {"D1c", "P2a"}


def test_objective_from_title(example_plan) -> None:  # type: ignore[no-untyped-def]
    assert objective_for_title(example_plan, "Objective Two – Dealing with Anti-Social Behaviour (ASB)") == \
        "Dealing with Anti-Social Behaviour (ASB)"
    assert objective_for_title(example_plan, "Performance against the budget") is None
    # within the Domestic and Sexual Abuse objective, a bare "Domestic Violence" is D1c, not P2a
    assert match_row(example_plan, "Domestic Violence", objective="Domestic and Sexual Abuse (D&SA)").ref == "D1c"


REWORDED = [
    ["Putting Victims First"],
    [None, "Previous", "Period", "Current", "Period"],
    ["Victim satisfaction: time of arrival", "93.7%", "12 months to May 2015", "92.9%", "12 months to June 2015"],
    ["Number of drones purchased", "3", "2014/15", "5", "April to June 2015"],
    ["Re-bail rate.", "41.6%", "2014/15", "36.2%", "April to June 2015"],
]


def test_suggestions_unmatched_rows_and_missing_indicators_are_reported(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    reading = read_return(write_sheet(tmp_path / "q1.xlsx", REWORDED), example_plan)
    assert [r.ref for r in reading.rows] == ["C2"]
    assert [(s.ref, s.label, s.location.cell) for s in reading.suggestions] == \
        [("V2", "Victim satisfaction: time of arrival", "A3")]
    assert SUGGEST_AT <= reading.suggestions[0].score < APPLY_AT
    assert reading.suggestions[0].row is not None and reading.suggestions[0].row.current.value == 92.9
    assert {r.label for r in reading.unmatched} == {"Victim satisfaction: time of arrival", "Number of drones purchased"}
    codes = [(p.code, p.location.cell) for p in reading.problems]
    assert ("match-suggested", "A3") in codes and ("row-not-matched", "A4") in codes
    [missing] = [p.message for p in reading.problems if p.code == "indicator-not-in-return"]
    listed = missing.split(": ", 1)[1].split(" (")[0].split(", ")
    assert "V1" in listed and "V2" in listed and "C2" not in listed
    assert "D1" not in listed and "D1a" in listed  # a heading is never listed: its sub-rows are
    assert missing.startswith("28 indicator(s)") and "waiting for V2" in missing


def test_accepting_suggestions_applies_and_remembers_them(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "history.sqlite"
    profiles = MappingProfiles(db)
    first = read_return(write_sheet(tmp_path / "q1.xlsx", REWORDED), example_plan, accept_suggestions=True,
                        profiles=profiles)
    v2 = {r.ref: r for r in first.rows}["V2"]
    assert v2.match_method == "fuzzy" and v2.match_score < APPLY_AT and v2.current.value == 92.9
    assert first.suggestions == []
    # next quarter: another file name, other figures, same layout → no questions, no flag needed
    q2 = [list(r) for r in REWORDED]
    q2[2] = ["Victim satisfaction: time of arrival", "92.9%", "12 months to June 2015", "91.0%",
             "12 months to Sep 2015"]
    second = read_return(write_sheet(tmp_path / "northumbria-Q2-final.xlsx", q2), example_plan, profiles=profiles)
    v2 = {r.ref: r for r in second.rows}["V2"]
    assert (v2.match_method, v2.match_score, v2.current.value) == ("profile", 1.0, 91.0)
    assert second.suggestions == []
    assert second.signature == first.signature
    profiles.close()
    with HistoryStore(db) as store:
        saved = store.conn.execute("SELECT source_text, ref FROM mapping_profiles").fetchall()
    assert [(r["source_text"], r["ref"]) for r in saved] == [("victim satisfaction: time of arrival", "V2")]


def test_profile_saying_not_an_indicator_silences_the_row(tmp_path: Path, history_db, example_plan) -> None:  # type: ignore[no-untyped-def]
    path = write_sheet(tmp_path / "q1.xlsx", REWORDED)
    first = read_return(path, example_plan)
    profiles = MappingProfiles(history_db)
    profiles.save(first.signature, {source_key("Number of drones purchased"): None})
    again = read_return(path, example_plan, profiles=profiles)
    assert "Number of drones purchased" not in {r.label for r in again.unmatched}
    assert "row-not-matched" not in {p.code for p in again.problems}
    assert profiles.forget(first.signature) == 1
    profiles.close()


def test_signature_is_the_structure_not_the_figures_or_name() -> None:
    a = structure_signature(["Q1 2015-16"], ["Previous", "Period", "Current"])
    assert a == structure_signature(["Q2 2015-16"], ["previous", "Period", "Current "])
    assert a != structure_signature(["Q1 2015-16"], ["Previous", "Period", "Current", "Target"])
    assert source_key("Rape", "Reduce the attrition rate") == "reduce the attrition rate > rape"


def test_accepting_one_suggestion_as_the_app_does(tmp_path: Path, history_db, example_plan) -> None:  # type: ignore[no-untyped-def]
    from pccdesk.indicators.force_tables import accept_suggestion

    path = write_sheet(tmp_path / "q1.xlsx", REWORDED)
    reading = read_return(path, example_plan)
    profiles = MappingProfiles(history_db)
    suggestion = reading.suggestions[0]
    row = accept_suggestion(reading, suggestion, example_plan, profiles)
    assert row is not None and row.ref == "V2" and row.match_method == "accepted"
    assert reading.suggestions == [] and "match-suggested" not in {p.code for p in reading.problems}
    again = read_return(path, example_plan, profiles=profiles)
    assert {r.ref: r.match_method for r in again.rows}["V2"] == "profile"
    profiles.close()


def test_an_unusable_profile_store_does_not_stop_the_import(tmp_path: Path, example_plan) -> None:  # type: ignore[no-untyped-def]
    not_a_db = tmp_path / "history.sqlite"
    not_a_db.write_bytes(b"this is not SQLite" * 100)
    reading = read_return(write_sheet(tmp_path / "q1.xlsx", REWORDED), example_plan, accept_suggestions=True,
                          profiles=MappingProfiles(not_a_db))
    assert {r.ref for r in reading.rows} == {"C2", "V2"}
    codes = {p.code for p in reading.problems}
    assert "mapping-profile-unavailable" in codes and "mapping-profile-not-saved" in codes
