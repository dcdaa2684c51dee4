"""Real crime files give the figures a person counting by hand gets, or one clear refusal (exit 2).

Each test runs on the trimmed samples in tests/data/crime (always) and on the whole files in
../shared/realdata (when the shared folder is there). Every expected figure is counted here, from the file
itself, with the csv module or openpyxl: never taken from pccdesk's output.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from pccdesk.cli import main
from pccdesk.crime.pack_section import CrimeSection, build_crime_section, period_agreement

SAMPLES = Path(__file__).resolve().parent / "data" / "crime"
REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"
MONTHS = ("2018-10", "2018-11", "2018-12", "2019-01", "2019-02")
ASB = "Anti-social behaviour"


def _source(kind: str, which: str) -> Path | list[Path]:
    """The sample (``which == "sample"``) or the whole real file(s) (skipped when ../shared is missing)."""
    if kind == "durham":
        paths = [SAMPLES / f"{m}-durham-street-sample.csv" for m in MONTHS] if which == "sample" else \
            [REALDATA / "durham-street" / f"{m}-durham-street.csv" for m in MONTHS]
    else:
        paths = [{
            "merseyside": (SAMPLES / "2018-12-merseyside-street-sample.csv", REALDATA / "2018-12-merseyside-street.csv"),
            "c2": (SAMPLES / "table-c2-ye-june25-sample.csv", REALDATA / "policeforceareatablesyejune25final.csv"),
            "dec19": (SAMPLES / "table-p1-ye-dec19.xlsx", REALDATA / "pfatablesdec19.xlsx"),
            "mar18": (SAMPLES / "table-p1-ye-mar18.xlsx", REALDATA / "policeforceareatablesyearendingmarch2018v2.xlsx"),
        }[kind][0 if which == "sample" else 1]]
    for path in paths:
        if not path.exists():
            pytest.skip(f"{path.name} is not there (../shared/realdata missing)")
    return paths if kind == "durham" else paths[0]


BOTH = pytest.mark.parametrize("which", ["sample", "real"])


def _records(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _table(section: CrimeSection, area: str) -> dict[str, tuple[float | None, float | None]]:
    table = next(t for t in section.tables if t.area == area)
    return {r.category: (r.current, r.previous) for r in table.rows}


def _p1_row(path: Path, code: str) -> tuple[str, float]:
    """(name, Total recorded crime) of the row with ``code`` in column A of Table P1."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for row in book["Table P1"].iter_rows(values_only=True):
        if row and row[0] == code:
            return str(row[1]), float(row[2])
    raise AssertionError(code)


# --- national tables -----------------------------------------------------------------------------------------

@BOTH
def test_a_region_row_is_never_taken_for_the_force(which: str) -> None:
    path = _source("dec19", which)
    assert isinstance(path, Path)
    region_name, region_total = _p1_row(path, "E12000005")
    force_name, force_total = _p1_row(path, "E23000014")
    assert region_name.strip() == force_name == "West Midlands" and region_total != force_total
    for asked in ("West Midlands", "West Midlands ", "E23000014", "west midlands police"):
        section = build_crime_section([path], force=asked)
        assert _table(section, "West Midlands")["Total crime"] == (force_total, None), asked
    refused = build_crime_section([path], force="E12000005")
    assert refused.tables == [] and [p.code for p in refused.problems] == ["crime-force-missing"]
    assert "a region" in refused.problems[0].message


@BOTH
@pytest.mark.parametrize("order", ["new-first", "old-first"])
def test_two_ons_editions_compare_by_their_own_year_ending_dates_in_either_order(which: str, order: str) -> None:
    new, old = _source("dec19", which), _source("mar18", which)
    assert isinstance(new, Path) and isinstance(old, Path)
    files = [new, old] if order == "new-first" else [old, new]
    section = build_crime_section(files, force="Durham")
    assert section.periods == ("Year ending December 2019", "Year ending March 2018")
    assert _table(section, "Durham")["Total crime"] == (_p1_row(new, "E23000008")[1], _p1_row(old, "E23000008")[1])
    assert not [p for p in section.problems if p.code == "crime-duplicate"]
    apart = [p for p in section.problems if p.code == "crime-editions-apart"]
    assert len(apart) == 1 and "21 months apart" in apart[0].message


@BOTH
def test_the_same_edition_twice_gives_one_warning(which: str) -> None:
    path = _source("dec19", which)
    assert isinstance(path, Path)
    section = build_crime_section([path, path], force="Durham")
    assert [p.code for p in section.problems if p.severity.value == "warning"] == ["crime-same-edition"]
    assert _table(section, "Durham")["Total crime"] == (_p1_row(path, "E23000008")[1], None)


@BOTH
def test_a_national_table_without_force_exits_2_listing_its_forces(which: str, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = _source("c2", which)
    assert isinstance(path, Path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in list(csv.reader(handle))[8:] if r[0].startswith(("E23", "W15"))]
    out = tmp_path / "crime.xlsx"
    assert main(["crime", "--out", str(out), str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--force" in err
    assert all(r[1].replace("[note 4]", "").strip() in err for r in rows if not r[3].strip())
    assert not out.exists()


@BOTH
def test_force_all_gives_one_set_of_tables_per_force(which: str, tmp_path: Path) -> None:
    path = _source("c2", which)
    assert isinstance(path, Path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[8:]
    totals = {r[1].replace("[note 4]", "").strip(): int(r[6].replace(",", "")) for r in rows
              if r[0].startswith(("E23", "W15")) and not r[3].strip()}
    out = tmp_path / "crime.xlsx"
    assert main(["crime", "--out", str(out), "--force", "all", str(path)]) in (0, 1)
    book = openpyxl.load_workbook(out, read_only=True)
    data = {(r[0], r[1]): r[2] for r in book["Data"].iter_rows(values_only=True) if r and r[1] == "Total crime"}
    for force, total in totals.items():
        assert data[(force, "Total crime")] == total, force
    assert set(build_crime_section([path], force="all").forces) == set(totals) | {"City of London"}


@BOTH
def test_a_row_whose_code_and_name_disagree_counts_for_the_force_it_names(which: str) -> None:
    path = _source("c2", which)
    assert isinstance(path, Path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[8:]
    gwent_rows = [r for r in rows if r[1].strip() == "Gwent"]
    assert any(r[0] == "W15000003" for r in gwent_rows)  # "Unassigned Gwent" carries South Wales's code
    for force in ("Gwent", "South Wales"):
        section = build_crime_section([path], force=force)
        assert not [p for p in section.problems if p.code in ("crime-sum", "crime-duplicate")], force
        force_row = next(r for r in rows if r[1].strip() == force and not r[3].strip())
        assert _table(section, force)["Total crime"][0] == int(force_row[6].replace(",", ""))


# --- street-level files ----------------------------------------------------------------------------------------

@BOTH
def test_a_street_file_is_shown_in_its_own_crime_types_never_zeros(which: str) -> None:
    path = _source("merseyside", which)
    assert isinstance(path, Path)
    records = _records(path)
    crimes = [r for r in records if r["Crime type"] != ASB]
    by_type = Counter(r["Crime type"] for r in crimes)
    section = build_crime_section([path])
    force = _table(section, "Merseyside Police")
    assert force["Total crime"] == (len(crimes), None)
    for crime_type, n in by_type.items():
        assert force[crime_type] == (n, None), crime_type
    assert "Violence against the person" not in force and "Burglary dwelling" not in force
    asb = next(p for p in section.problems if p.code == "crime-asb-not-counted")
    assert asb.message.startswith(f"{len(records) - len(crimes):,} anti-social behaviour")


@BOTH
def test_a_street_file_with_a_home_office_list_shows_the_unsplit_categories(which: str) -> None:
    path = _source("merseyside", which)
    assert isinstance(path, Path)
    crimes = [r for r in _records(path) if r["Crime type"] != ASB]
    own_list = Path(__file__).resolve().parents[1] / "templates" / "crime-categories.csv"
    section = build_crime_section([path], categories=own_list)
    force = _table(section, "Merseyside Police")
    assert force["Violence and sexual offences"][0] == sum(1 for r in crimes
                                                           if r["Crime type"] == "Violence and sexual offences")
    assert force["Burglary"][0] == sum(1 for r in crimes if r["Crime type"] == "Burglary")
    assert force["Criminal damage"][0] == sum(1 for r in crimes if r["Crime type"] == "Criminal damage and arson")
    for unsplit in ("Violence against the person", "Sexual offences", "Burglary dwelling",
                    "Burglary other than dwelling"):
        assert unsplit not in force  # not a row of zeros
    note = next(p for p in section.problems if p.code == "crime-category-not-split")
    assert "Violence against the person and Sexual offences" in note.message


@BOTH
def test_no_location_and_outside_the_force_area_are_one_row_each(which: str) -> None:
    paths = _source("durham", which)
    assert isinstance(paths, list)
    with open(Path(__file__).resolve().parents[1] / "templates" / "crime-area-lookup.csv", encoding="utf-8-sig",
              newline="") as handle:
        durham = {r["LAD16NM"] for r in csv.DictReader(handle) if r["PFA16NM"] == "Durham"}
    assert durham == {"County Durham", "Darlington"}
    areas: Counter[str] = Counter()
    for path in paths:
        for r in _records(path):
            if r["Crime type"] == ASB:
                continue
            place = r["LSOA name"].rsplit(" ", 1)[0]
            areas[place if place in durham else "No location" if not place else "Outside the force area"] += 1
    section = build_crime_section(paths)
    assert [t.area for t in section.tables] == ["Durham Constabulary", "County Durham", "Darlington",
                                               "Outside the force area", "No location"]
    for area, n in areas.items():
        assert _table(section, area)["Total crime"][0] == n, area
    assert _table(section, "Durham Constabulary")["Total crime"][0] == sum(areas.values())
    assert not [p for p in section.problems if p.code in ("crime-sum", "crime-area-not-in-lookup")]
    note = next(p for p in section.problems if p.code == "crime-no-location")
    assert note.message.startswith(f"{areas['No location']:,} crimes")


def _year_before(paths: list[Path], tmp_path: Path) -> list[Path]:
    """Previous-year files built from the real months: each month's records a year earlier are another real
    month's (rotated, so the two years differ), with only the Month cell changed."""
    out = []
    for i, month in enumerate(MONTHS):
        donor = _records(paths[(i + 1) % len(paths)])
        earlier = f"{int(month[:4]) - 1}{month[4:]}"
        target = tmp_path / f"{earlier}-durham-street.csv"
        with open(target, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(donor[0]))
            writer.writeheader()
            writer.writerows({**r, "Month": earlier} for r in donor)
        out.append(target)
    return out


def _by_month(paths: list[Path]) -> Counter[str]:
    return Counter(r["Month"] for path in paths for r in _records(path) if r["Crime type"] != ASB)


@BOTH
def test_a_month_missing_compares_like_for_like_and_names_it(which: str, tmp_path: Path) -> None:
    paths = _source("durham", which)
    assert isinstance(paths, list)
    earlier = _year_before(paths, tmp_path)
    kept = [p for p in paths if "2018-12" not in p.name]  # December 2018 deleted
    months = _by_month(kept + earlier)
    current = sum(n for m, n in months.items() if m >= "2018-04" and m != "2018-12")
    previous = sum(n for m, n in months.items() if m < "2018-04" and m != "2017-12")
    section = build_crime_section(kept + earlier)
    assert _table(section, "Durham Constabulary")["Total crime"] == (current, previous)
    missing = [p for p in section.problems if p.code == "crime-month-missing"]
    assert len(missing) == 1 and "Dec 2018" in missing[0].message and "Dec 2017" in missing[0].message
    assert "without Dec 2018" in section.periods[0] and "without Dec 2017" in section.periods[1]
    # With every month there, nothing is left out but the months before October (absent in both years).
    whole = build_crime_section(paths + earlier)
    months = _by_month(paths + earlier)
    assert _table(whole, "Durham Constabulary")["Total crime"] == (
        sum(n for m, n in months.items() if m >= "2018-04"), sum(n for m, n in months.items() if m < "2018-04"))
    assert whole.periods == ("1 Oct 2018 to 28 Feb 2019", "1 Oct 2017 to 28 Feb 2018")


@BOTH
def test_nothing_comparable_left_exits_2_naming_the_months(which: str, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    paths = _source("durham", which)
    assert isinstance(paths, list)
    october_2017 = _year_before(paths, tmp_path)[0]
    out = tmp_path / "crime.xlsx"
    assert main(["crime", "--out", str(out), str(paths[1]), str(october_2017)]) == 2  # Nov 2018 against Oct 2017
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "like for like" in err and "Nov 2017" in err


@BOTH
def test_a_month_with_far_fewer_records_is_flagged_as_partial(which: str, tmp_path: Path) -> None:
    paths = _source("durham", which)
    assert isinstance(paths, list)
    records = _records(paths[2])
    cut = tmp_path / "2018-12-durham-street.csv"
    with open(cut, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records[: len(records) // 3])
    section = build_crime_section([paths[0], paths[1], cut, paths[3], paths[4]])
    partial = [p for p in section.problems if p.code == "crime-month-partial"]
    assert len(partial) == 1 and "Dec 2018" in partial[0].message and "Nov 2018" not in partial[0].message
    assert not [p for p in build_crime_section(paths).problems if p.code == "crime-month-partial"]


@BOTH
def test_two_forces_are_never_merged(which: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    merseyside = _source("merseyside", which)
    durham = _source("durham", which)
    assert isinstance(merseyside, Path) and isinstance(durham, list)
    out = tmp_path / "crime.xlsx"
    assert main(["crime", "--out", str(out), str(merseyside), str(durham[0])]) == 2
    err = capsys.readouterr().err
    assert "Merseyside Police" in err and "Durham Constabulary" in err and "--force" in err
    crimes = sum(1 for r in _records(merseyside) if r["Crime type"] != ASB)
    for asked in ("Merseyside", "E23000004", "Merseyside Police"):
        section = build_crime_section([merseyside, durham[0]], force=asked)
        assert section.force == "Merseyside Police"
        assert _table(section, "Merseyside Police")["Total crime"] == (crimes, None), asked


@BOTH
def test_a_street_file_without_crime_ids_counts_by_crime_type(which: str, tmp_path: Path) -> None:
    path = _source("merseyside", which)
    assert isinstance(path, Path)
    records = _records(path)
    blank = tmp_path / "no-ids.csv"
    with open(blank, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows({**r, "Crime ID": ""} for r in records)  # as British Transport Police publishes
    crimes = [r for r in records if r["Crime type"] != ASB]
    section = build_crime_section([blank])
    force = _table(section, "Merseyside Police")
    assert force["Total crime"] == (len(crimes), None)
    assert force["Shoplifting"] == (sum(1 for r in crimes if r["Crime type"] == "Shoplifting"), None)
    note = next(p for p in section.problems if p.code == "crime-records-without-reference")
    assert note.message.startswith(f'{len(crimes):,} crimes have no "Crime ID"')


@BOTH
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "cp1252"])
def test_a_street_file_counts_the_same_in_every_text_encoding(which: str, encoding: str, tmp_path: Path) -> None:
    path = _source("merseyside", which)
    assert isinstance(path, Path)
    text = path.read_text(encoding="utf-8-sig")
    copy = tmp_path / f"{encoding}.csv"
    data = text.encode(encoding, errors="replace")
    copy.write_bytes(("\ufeff".encode("utf-16-be") + data) if encoding == "utf-16-be" else data)
    original, decoded = build_crime_section([path]), build_crime_section([copy])

    def figures(section: CrimeSection) -> list[tuple[str, list[tuple[str, float | None, float | None]]]]:
        return [(t.area, [(r.category, r.current, r.previous) for r in t.rows]) for t in section.tables]

    assert original.tables and figures(decoded) == figures(original)
    crimes = sum(1 for r in _records(path) if r["Crime type"] != ASB)
    assert _table(decoded, "Merseyside Police")["Total crime"] == (crimes, None)


# --- the pack's period ---------------------------------------------------------------------------------------

def test_crime_tables_for_another_period_than_the_pack_give_a_warning_naming_both() -> None:
    section = build_crime_section([SAMPLES / "table-c2-ye-june25-sample.csv"], force="Northumbria")
    assert period_agreement(section, "2025-26 Q1") == []  # year ending 30 June 2025 ends in Apr–Jun 2025
    for other in ("2025-26 Q2", "2015-16 Q1", "2024-25 Q4"):
        found = period_agreement(section, other)
        assert [p.code for p in found] == ["crime-period-differs"], other
        assert "Year ending June 2025" in found[0].message and other in found[0].message


def test_pack_with_crime_for_another_period_warns_in_the_data_quality_table(
        tmp_path: Path, example_plan_path: Path, example_return_path: Path) -> None:
    out = tmp_path / "pack.xlsx"
    crime = SAMPLES / "table-c2-ye-june25-sample.csv"
    code = main(["pack", "--definitions", str(example_plan_path), "--out", str(out), "--crime", str(crime),
                 "--force", "Northumbria", "--db", str(tmp_path / "history.sqlite"), str(example_return_path)])
    assert code in (0, 1)
    data = openpyxl.load_workbook(out)["Data"]
    quality = [[c.value for c in r] for r in data[data.tables["DataQuality"].ref]]
    differs = [r for r in quality if any("the crime tables are for" in str(v) for v in r)]
    assert len(differs) == 1
    assert any("Year ending June 2025" in str(v) and "the pack is for 2015-16 Q1" in str(v) for v in differs[0])



# --- other real files ------------------------------------------------------------------------------------------

def test_a_national_long_table_without_force_is_refused_and_one_force_counts_by_hand() -> None:
    path = REALDATA / "rec-crime-pfa.csv"
    if not path.exists():
        pytest.skip("rec-crime-pfa.csv is not there (../shared/realdata missing)")
    refused = build_crime_section([path])
    assert refused.tables == [] and [p.code for p in refused.problems] == ["crime-force-needed"]
    assert "Northumbria" in refused.problems[0].message and "Durham" in refused.problems[0].message
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.reader(handle) if len(r) == 5 and r[1] == "Durham" and r[0] == "31-12-2018"]
    robbery = sum(int(r[4]) for r in rows if r[3] == "Robbery")
    section = build_crime_section([path], force="Durham Constabulary")
    assert [t.area for t in section.tables] == ["Durham"]
    assert _table(section, "Durham")["Robbery"][0] == robbery


def test_a_borough_table_with_no_force_column_is_known_by_the_lookup() -> None:
    path = REALDATA / "MPS Borough Level Crime (most recent 24 months).csv"
    if not path.exists():
        pytest.skip("the MPS borough file is not there (../shared/realdata missing)")
    section = build_crime_section([path])
    assert section.force == "Metropolitan Police"
    assert not [p for p in section.problems if p.code in ("crime-area-unknown", "crime-sum")]


def test_the_area_lookup_is_refreshed_only_from_a_whole_ons_lookup(tmp_path: Path) -> None:
    from pccdesk.crime.force_identity import LOOKUP_NAME, read_lookup, refresh_lookup
    from pccdesk.problems import PccdeskError

    shipped = Path(__file__).resolve().parents[1] / "templates" / LOOKUP_NAME
    with open(shipped, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    target = refresh_lookup(shipped, tmp_path)
    assert len(read_lookup(target).rows) == len(rows) and {r["PFA16CD"] for r in rows} >= {"E23000007", "W15000001"}
    partial = tmp_path / "partial.csv"
    partial.write_text(shipped.read_text(encoding="utf-8-sig").splitlines()[0] + "\n"
                       + "\n".join(shipped.read_text(encoding="utf-8-sig").splitlines()[1:30]) + "\n", encoding="utf-8")
    with pytest.raises(PccdeskError, match="fewer than 40 police force areas"):
        refresh_lookup(partial, tmp_path)
    assert len(read_lookup(target).rows) == len(rows)  # the one in place is untouched


@BOTH
def test_the_same_month_given_twice_is_refused_not_counted_twice(which: str, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    durham = _source("durham", which)
    assert isinstance(durham, list)
    copy = tmp_path / "durham-december-again.csv"
    copy.write_bytes(durham[2].read_bytes())
    out = tmp_path / "crime.xlsx"
    assert main(["crime", "--out", str(out), *map(str, durham), str(copy)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert durham[2].name in err and copy.name in err and "Dec 2018" in err and "twice" in err
    assert not out.exists()


def test_a_forces_own_extracts_with_records_on_the_same_days_are_flagged(tmp_path: Path) -> None:
    heading = ["Crime Reference", "Recorded Date", "Offence Group", "Local Authority"]
    north = [["N1", "03/05/2019", "Robbery", "Newcastle upon Tyne"], ["N2", "04/05/2019", "Burglary", "Gateshead"]]
    south = [["S1", "04/05/2019", "Robbery", "Sunderland"], ["S2", "20/05/2019", "Robbery", "Sunderland"]]
    paths = []
    for name, rows in (("north.csv", north), ("south.csv", south)):
        path = tmp_path / name
        with open(path, "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([heading, *rows])
        paths.append(path)
    section = build_crime_section(paths, force="Northumbria")
    flagged = [p for p in section.problems if p.code == "crime-files-may-overlap"]
    assert len(flagged) == 1 and "north.csv" in flagged[0].message and "south.csv" in flagged[0].message
    assert "May 2019" in flagged[0].message
    total = next(t for t in section.tables if t.area == section.force)
    assert {r.category: r.current for r in total.rows}["Total crime"] == 4  # counted, with the warning
