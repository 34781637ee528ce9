"""Children looked after: counts at 31 March, flows, short breaks and the profile (DOMAIN 3, 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from report.config import load_config
from report.pipeline import check_data
from tests.builders import Built, Year, build, child, episode, review, write_config, write_year

# The reporting year is 2024-25 (1 Apr 2024 - 31 Mar 2025); data are collections 2024 and 2025.
#   P  01/01/2025 -> 31/03/2025 E13   ends ON 31 March
#   Q  31/03/2025 -> open            starts ON 31 March
#   R  10/10/2023 -> open            open all year (in both files)
#   S  short breaks only (V3 in May 2024, V4 from 01/09/2024, open at 31 March)
#   T  05/05/2023 -> 01/04/2024 E11   open in the 2024 file, closed on 1 April in 2025's
#   U  01/05/2024 -> 01/06/2024 E13, then 01/09/2024 -> open: two periods started in the year
#   V  01/01/2024 -> 31/03/2024 E13   (2024 file only) ended before the year
FLOWS_2024: Year = (
    [child(c, "01/01/2012") for c in "RTV"],
    [
        episode("R", "10/10/2023"),
        episode("T", "05/05/2023"),
        episode("V", "01/01/2024", "31/03/2024", "E13"),
    ],
    [],
)
FLOWS_2025: Year = (
    [child(c, "01/01/2012", "F") for c in "PQRSTU"],
    [
        episode("P", "01/01/2025", "31/03/2025", "E13"),
        episode("Q", "31/03/2025"),
        episode("R", "10/10/2023"),
        episode("S", "10/05/2024", "12/05/2024", "E13", ls="V3"),
        episode("S", "01/09/2024", ls="V4"),
        episode("T", "05/05/2023", "01/04/2024", "E11"),
        episode("U", "01/05/2024", "01/06/2024", "E13"),
        episode("U", "01/09/2024"),
    ],
    [],
)


@pytest.fixture(scope="module")
def flows(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("flows"), {2024: FLOWS_2024, 2025: FLOWS_2025})


def value(built: Built, figure_id: str, year: str | None = None) -> float | None:
    return built.figure("children", figure_id, year).value


def test_at_period_end_counts_an_episode_open_on_31_march(flows: Built) -> None:
    # Q (starts on 31 March), R, U = 3. P ends on 31 March: not looked after at 31 March.
    # S is on a short break (V4) at 31 March: never looked after.
    assert value(flows, "cla.at_period_end") == 3
    # 31 Mar 2024: R and T open; V ended on 31 Mar 2024 so is not counted.
    assert value(flows, "cla.at_period_end", "2023-24") == 2


def test_started_counts_each_child_once(flows: Built) -> None:
    # Periods starting 1 Apr 2024 - 31 Mar 2025: P (01/01/2025), Q (31/03/2025), U (twice) = 3.
    assert value(flows, "cla.started") == 3
    # 2023-24: R (10/10/2023), T (05/05/2023), V (01/01/2024).
    assert value(flows, "cla.started", "2023-24") == 3


def test_ceased_counts_periods_ending_in_the_year(flows: Built) -> None:
    # T on 1 Apr 2024, U on 1 Jun 2024 (its second period is open), P on 31 Mar 2025 = 3.
    assert value(flows, "cla.ceased") == 3
    assert value(flows, "cla.ceased", "2023-24") == 1  # V on 31 Mar 2024


def test_during_year_counts_an_episode_ending_on_1_april(flows: Built) -> None:
    # P, Q, R, T (ceased on 1 April, so looked after on the year's first day), U = 5;
    # V ended on 31 Mar 2024, S only had short breaks.
    assert value(flows, "cla.during_year") == 5
    assert value(flows, "cla.during_year", "2023-24") == 3  # R, T, V


def test_short_breaks_are_their_own_cohort(flows: Built) -> None:
    assert value(flows, "cla.short_breaks") == 1  # S
    assert value(flows, "cla.short_breaks", "2023-24") == 0
    history = flows.history
    assert "S" not in set(history.periods["CHILD"])
    assert "S" not in set(history.due["CHILD"])  # no review is ever due for a short break
    assert set(history.short_breaks["CHILD"]) == {"S"}


def test_a_short_break_child_with_no_care_at_all_is_not_looked_after(tmp_path: Path) -> None:
    # Only a short-break child in the data: nothing is looked after, nothing is due.
    built = build(
        tmp_path,
        {
            2025: (
                [child("S1", "01/01/2015", "M")],
                [episode("S1", "10/05/2024", "12/05/2024", "E13", ls="V3")],
                [],
            )
        },
    )
    assert value(built, "cla.short_breaks") == 1
    assert value(built, "cla.at_period_end") == 0
    assert value(built, "cla.during_year") == 0
    assert built.figure("reviews", "reviews.held").value == 0
    assert built.figure("reviews", "reviews.overdue_at_period_end").value == 0
    assert built.history.due.empty


# --- profile at 31 March ------------------------------------------------------------------


def test_sex_codes_1_2_and_m_f_are_one_list(tmp_path: Path) -> None:
    # 2024 (2023-24) header uses 1/2, 2025 (2024-25) uses M/F/U. All five are looked after at
    # 31 Mar 2025. A is in both headers (1 then M); B is only in the 2024 header (2).
    # Male: A, C = 2; Female: B, D = 2; Not known or other: E (U) = 1.
    y2024: Year = (
        [child("A", "01/01/2012", "1"), child("B", "01/01/2012", "2")],
        [episode("A", "01/06/2023"), episode("B", "01/06/2023")],
        [],
    )
    y2025: Year = (
        [
            child(c, "01/01/2012", sex)
            for c, sex in (("A", "M"), ("C", "M"), ("D", "F"), ("E", "U"))
        ],
        [episode(c, "01/06/2023" if c in "AB" else "01/06/2024") for c in "ABCDE"],
        [],
    )
    built = build(tmp_path, {2024: y2024, 2025: y2025})
    assert not built.rules("code-unknown", "child-not-in-header")
    by_sex = built.breakdown("children", "cla.by_sex")
    assert by_sex.categories == ["Male", "Female", "Not known or other"]
    assert by_sex.series["Children"] == [2, 2, 1]
    # 31 Mar 2024: A and B only, read from 1/2 (A's latest header says M).
    assert built.breakdown("children", "cla.by_sex", "2023-24").series["Children"] == [1, 1, 0]
    assert set(built.history.header["SEX"]) == {"M", "F", "U"}


@pytest.mark.parametrize(("year", "code"), [(2024, "M"), (2025, "1")])
def test_a_sex_code_from_the_other_list_is_an_error(tmp_path: Path, year: int, code: str) -> None:
    built = build(
        tmp_path,
        {year: ([child("A", "01/01/2012", code)], [episode("A", "01/06/2023")], [])},
        year=f"{year - 1}-{year % 100:02d}",
    )
    issues = built.issues
    bad = issues.loc[issues["rule"] == "code-unknown"]
    assert bad[["file", "row", "column", "value"]].values.tolist() == [
        [f"ssda903/{year}/header.csv", 2, "SEX", code]
    ]


def test_age_bands_at_31_march(tmp_path: Path) -> None:
    # Completed years on 31 Mar 2025:
    #   01/04/2024 -> 0 (first birthday tomorrow)   Under 1
    #   31/03/2024 -> 1 (birthday today)            1 to 4
    #   01/04/2020 -> 4 (5th birthday tomorrow)     1 to 4
    #   31/03/2020 -> 5                             5 to 9
    #   29/02/2012 -> 13 (leap-day birthday)        10 to 15
    #   01/04/2009 -> 15 (16th birthday tomorrow)   10 to 15
    #   31/03/2009 -> 16                            16 and over
    dobs = ["01/04/2024", "31/03/2024", "01/04/2020", "31/03/2020", "29/02/2012"]
    dobs += ["01/04/2009", "31/03/2009"]
    ids = [f"K{i}" for i in range(len(dobs))]
    built = build(
        tmp_path,
        {
            2025: (
                [child(c, dob, "F") for c, dob in zip(ids, dobs, strict=True)],
                [episode(c, "05/04/2024") for c in ids],
                [],
            )
        },
    )
    by_age = built.breakdown("children", "cla.by_age_band")
    assert by_age.categories == ["Under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over"]
    assert by_age.series["Children"] == [1, 2, 1, 2, 1]


def test_legal_status_placement_and_ethnicity_use_the_episode_open_at_31_march(
    tmp_path: Path,
) -> None:
    # A: C2 in U1 until 01/10/2024, then E1 placed for adoption (A4): counted as placement order
    # / placed for adoption. B: s20 (V2) with parents (P1), ethnicity MWBC (Mixed).
    built = build(
        tmp_path,
        {
            2025: (
                [child("A", "01/01/2020", "F"), child("B", "01/01/2012", "M", "MWBC")],
                [
                    episode("A", "01/06/2024", "01/10/2024", "X1"),
                    episode("A", "01/10/2024", rne="P", ls="E1", place="A4"),
                    episode("B", "01/06/2024", ls="V2", place="P1"),
                ],
                [],
            )
        },
    )
    legal = built.breakdown("children", "cla.by_legal_status")
    assert dict(zip(legal.categories, legal.series["Children"], strict=True)) == {
        "Care orders": 0,
        "Placement order or freed for adoption": 1,
        "Voluntary agreements with parents (s20)": 1,
        "Youth justice legal statuses": 0,
        "Emergency and police protection": 0,
    }
    place = built.breakdown("children", "cla.by_placement").series["Children"]
    assert place == [0, 1, 1, 0, 0, 0, 0]  # foster, adoption, parents, ...
    ethnic = built.breakdown("children", "cla.by_ethnicity").series["Children"]
    assert ethnic == [1, 1, 0, 0, 0, 0]  # White (WBRI), Mixed (MWBC)


def test_a_child_missing_from_every_header_is_left_out_of_the_profile(tmp_path: Path) -> None:
    # Z is looked after at 31 March but in no header file: an error. Z still counts as looked
    # after, but has no age, sex or ethnicity: left out of those breakdowns (not guessed,
    # not "Not known"), and the left-out child is recorded against the episode's CHILD.
    built = build(
        tmp_path,
        {
            2025: (
                [child("A", "01/01/2012", "F")],
                [episode("Z", "01/06/2024")],
                [review("Z", "20/06/2024")],
            )
        },
    )
    assert built.rules("child-not-in-header") == ["child-not-in-header"] * 2
    assert value(built, "cla.at_period_end") == 1
    by_age = built.breakdown("children", "cla.by_age_band")
    assert "Not known" not in by_age.categories
    assert by_age.series["Children"] == [0, 0, 0, 0, 0]
    assert built.breakdown("children", "cla.by_sex").series["Children"] == [0, 0, 0]
    assert built.breakdown("children", "cla.by_placement").series["Children"][0] == 1  # foster
    left = {e.figure: (e.column, e.rows) for e in built.section("children").excluded}
    row = ("ssda903/2025/episodes.csv", 2)
    for fid in ("cla.by_age_band", "cla.by_sex", "cla.by_ethnicity"):
        assert left[fid] == ("CHILD", (row,))
    assert "cla.by_placement" not in left


def test_uasc_at_31_march_and_rate_per_10k(tmp_path: Path) -> None:
    # Looked after at 31 March 2025: A, B, C, D (episodes open). E left on 01/03/2025.
    # uasc.csv: A still UASC (DUC blank)            -> counted
    #           B ceased UASC 01/02/2025 (< 31 Mar) -> not counted
    #           C ceases UASC 01/04/2025 (> 31 Mar) -> counted
    #           E UASC but not looked after 31 Mar  -> not counted
    # so cla.uasc = 2. Rate: 4 children / 20,000 under-18s x 10,000 = 2.0 per 10,000.
    data = tmp_path / "data"
    ids = "ABCDE"
    write_year(
        data,
        2025,
        [child(c, "01/01/2008", "M") for c in ids],
        [episode(c, "01/06/2024") for c in "ABCD"]
        + [episode("E", "01/06/2024", "01/03/2025", "E13")],
        [],
        uasc=[
            {"CHILD": "A", "SEX": "M", "DOB": "01/01/2008", "DUC": ""},
            {"CHILD": "B", "SEX": "M", "DOB": "01/01/2008", "DUC": "01/02/2025"},
            {"CHILD": "C", "SEX": "M", "DOB": "01/01/2008", "DUC": "01/04/2025"},
            {"CHILD": "E", "SEX": "M", "DOB": "01/01/2008", "DUC": ""},
        ],
    )
    extra = "  under_18_population:\n    2024-25: 20000\n"
    path = write_config(tmp_path / "config.yaml", data)
    text = path.read_text().replace("  nation: england\n", "  nation: england\n" + extra)
    path.write_text(text)
    config = load_config(path)
    built = Built(config, check_data(config))
    assert value(built, "cla.at_period_end") == 4
    assert value(built, "cla.uasc") == 2
    rate = built.figure("children", "cla.rate_per_10k")
    assert (rate.value, rate.numerator, rate.denominator) == (2.0, 4, 20000)
