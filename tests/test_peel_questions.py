"""PEEL question sets: every round's names match, reworded headings match tolerantly, an unknown graded column is
kept as an other assessed area, and the crime data integrity recording rate is a percentage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter

from pccdesk.tracker.peel_questions import PEEL_2023_25, other_area_name, question_name, standard_order
from pccdesk.tracker.register_import import read_register
from pccdesk.tracker.tracker_model import PeelGrade

TEN_2023_25 = [
    "Police powers and public treatment", "Preventing crime", "Responding to the public", "Investigating crime",
    "Protecting vulnerable people", "Managing offenders and suspects",
    "Building, supporting and protecting the workforce", "Leadership and force management",
    "Crime data integrity", "Serious and organised crime",
]


def test_the_ten_2023_25_areas_are_the_official_list() -> None:
    assert list(PEEL_2023_25) == TEN_2023_25
    assert len({question_name(q) for q in TEN_2023_25}) == 10  # ten distinct standard questions


@pytest.mark.parametrize(("heading", "standard"), [
    ("Police powers and public treatment", "Public treatment"),
    ("Police powers & public treatment", "Public treatment"),
    ("POLICE POWERS AND PUBLIC TREATMENT", "Public treatment"),
    ("Building, supporting and protecting the workforce", "Building a workforce"),
    ("Building, supporting & protecting workforce", "Building a workforce"),
    ("Leadership and force management", "Leadership and management"),
    ("Preventing crime", "Prevention and deterrence"),
    ("Managing offenders and suspects", "Managing offenders"),
    # 2021/22 names
    ("Treatment of the public", "Public treatment"),
    ("Preventing crime and anti-social behaviour", "Prevention and deterrence"),
    ("Developing a positive workplace", "Building a workforce"),
    ("Good use of resources", "Leadership and management"),
    ("Recording data about crime", "Crime data integrity"),
    ("Disrupting serious organised crime", "Serious and organised crime"),
    # 2014–2019 pillars
    ("Effectiveness", "Effectiveness"), ("Efficiency", "Efficiency"), ("Legitimacy", "Legitimacy"),
    # short forms
    ("CDI", "Crime data integrity"), ("SOC", "Serious and organised crime"),
    # not questions
    ("& Deterrence", None), ("Force", None), ("Year", None), ("Notes", None),
])
def test_headings_of_every_round_match_their_standard_question(heading: str, standard: str | None) -> None:
    assert question_name(heading) == standard


def test_other_areas_come_after_the_standard_questions() -> None:
    other = other_area_name("Firearms licensing")
    assert other == "Other assessed area: Firearms licensing" and other_area_name(other) == other
    assert standard_order([other, "Legitimacy", "Investigating crime"]) == ["Investigating crime", "Legitimacy", other]


def _matrix(path: Path, headings: list[str], rows: list[list[str]]) -> Path:
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    sheet = book.add_worksheet("PEEL 2023-25")
    for c, text in enumerate(["Force", *headings]):
        sheet.write_string(0, c, text)
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            sheet.write_string(r, c, text)
    book.close()
    return path


def test_a_matrix_with_all_ten_2023_25_columns_keeps_every_grade(tmp_path: Path) -> None:
    grades = ["Good", "Adequate", "Requires improvement", "Inadequate", "Outstanding", "Good", "Adequate",
              "Requires improvement", "Good (96.2%)", "n/a"]
    rows = [["Durham", *grades], ["Cleveland", *reversed(grades)]]
    headings = [*TEN_2023_25, "Firearms licensing", "Notes"]
    rows = [[*row, "Good", "see report"] for row in rows]
    reading = read_register(_matrix(tmp_path / "peel.xlsx", headings, rows))
    got = {(g.force, g.question): g for g in reading.register.grades}
    # 2 forces × (10 areas + 1 other assessed area)
    assert len(got) == 22
    for force, row in (("Durham", rows[0]), ("Cleveland", rows[1])):
        for heading, cell in zip(TEN_2023_25, row[1:11], strict=True):
            entry = got[(force, question_name(heading))]  # type: ignore[index]
            word = cell.split(" (")[0]
            expected = PeelGrade.NOT_APPLICABLE if word == "n/a" else next(g for g in PeelGrade if g.value == word)
            assert entry.grade is expected, (force, heading)
    assert got[("Durham", "Crime data integrity")].percent == 96.2
    assert got[("Durham", "Other assessed area: Firearms licensing")].grade is PeelGrade.GOOD
    codes = {p.code: p.message for p in reading.problems}
    assert "Firearms licensing" in codes["tracker-grade-other-area"]
    assert "'Notes'" in codes["tracker-grade-column"]  # text, not grades: said, not silently dropped


def test_the_recording_rate_is_a_percentage_in_the_pack(tmp_path: Path) -> None:
    import openpyxl

    from pccdesk.store.history_store import HistoryStore
    from pccdesk.tracker.pack_section import build_tracker_section
    from pccdesk.writers.pack_workbook import PackWorkbook

    path = _matrix(tmp_path / "peel.xlsx", TEN_2023_25, [["Durham", "Good", "Good", "Good", "Good", "Good", "Good",
                                                          "Good", "Good", "Good (96.2%)", "Good"]])
    out = tmp_path / "pack.xlsx"
    with HistoryStore(tmp_path / "h.sqlite") as store:
        section = build_tracker_section(store, [path], today=dt.date(2025, 6, 1))
        pack = PackWorkbook(out, marking="OFFICIAL", title="t")
        section.write_sheets(pack)
        section.write_data(pack)
        pack.close()
    data = openpyxl.load_workbook(out)["Data"]
    ref = data.tables["PeelGrades"].ref
    rows = list(data[ref])
    col = [c.value for c in rows[0]].index("Recording rate")
    cdi = next(r for r in rows[1:] if r[2].value == "Crime data integrity")
    assert cdi[col].value == 0.962 and "%" in cdi[col].number_format
    assert len([r for r in rows[1:] if r[0].value == "Durham"]) == 10
