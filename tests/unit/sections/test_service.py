"""The IRO service section (DOMAIN 7, 11): IROs in post, FTE, caseloads, continuity.

Reporting year 2024-25 (1 April 2024 to 31 March 2025). Every expected value is worked out by
hand in the comments; bank holidays used: Easter Monday 1 April 2024, early May 6 May 2024.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import (
    IRO_ALLOCATIONS,
    IRO_STAFF,
    Built,
    build,
    child,
    episode,
    review,
    write_local,
)

# IROs (END inclusive; blank = in post):
#   I1 1.0 FTE, in post throughout.
#   I2 0.6 FTE (part-time), in post throughout.
#   I3 1.0 FTE, leaves mid-year: last day 30/09/2024 (still in post on 30 September).
#   I4 0.8 FTE, agency, starts 01/10/2024.
# In post at 31 March: I1, I2, I4 -> headcount 3, agency 1, FTE 1.0 + 0.6 + 0.8 = 2.4.
# FTE at the month ends: 30 Apr to 30 Sep (6 month ends) I1 + I2 + I3 = 2.6;
#                        31 Oct to 31 Mar (6 month ends) I1 + I2 + I4 = 2.4.
STAFF = [
    {"IRO_ID": "I1", "FTE": "1", "START": "01/01/2020", "AGENCY": "N"},
    {"IRO_ID": "I2", "FTE": "0.6", "START": "01/06/2022", "AGENCY": "N"},
    {"IRO_ID": "I3", "FTE": "1.0", "START": "01/01/2021", "END": "30/09/2024", "AGENCY": "N"},
    {"IRO_ID": "I4", "FTE": "0.8", "START": "2024-10-01", "AGENCY": "Y"},
]

# Children (903 episodes) and their IROs:
#   C1 looked after since 2022 (a placement change on 02/09/2024 continues the same period of
#      care), I1 throughout                                  -> all year, kept one IRO
#   C2 looked after from 01/04/2024 (a period starting on 1 April counts as all year), I2 from
#      02/04/2024                                            -> all year, kept one IRO; starter
#   C3 looked after since 2023, I3 to 30/09/2024 then I4     -> all year, changed IRO
#   C4 starts Wed 01/05/2024, I1 from Thu 09/05/2024         -> starter, 5th working day
#   C5 starts Wed 01/05/2024, I2 from Fri 10/05/2024         -> starter, 6th working day
#   C6 looked after since 2023, ceased 15/02/2025 (not looked after that day), I9 (not in the
#      staff file) in 2023 then I1 from 01/01/2024 to 15/02/2025   -> not all year
#   C7 starts 20/03/2025, no IRO                             -> starter, unallocated at 31 March
#   C8 short break (V3) since 2024 with an IRO               -> never counted
HEADER = [child(c, "01/01/2012", "M") for c in ("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8")]
EPISODES = [
    episode("C1", "01/01/2022", dec="02/09/2024", rec="X1"),  # placement change: same period
    episode("C1", "02/09/2024", rne="P"),
    episode("C2", "01/04/2024"),
    episode("C3", "01/06/2023"),
    episode("C4", "01/05/2024"),
    episode("C5", "01/05/2024"),
    episode("C6", "01/01/2023", dec="15/02/2025", rec="E11"),
    episode("C7", "20/03/2025"),
    episode("C8", "01/01/2024", ls="V3"),
]
# One review: the section does not use reviews (a 903 year with no reviews at all does not
# load yet: rules/history.py _check_pn_codes needs REVIEW_CODE).
REVIEWS = [review("C1", "15/06/2024")]
ALLOCATIONS = [
    {"CHILD": "C1", "IRO_ID": "I1", "START": "01/01/2022"},
    {"CHILD": "C2", "IRO_ID": "I2", "START": "02/04/2024"},
    {"CHILD": "C3", "IRO_ID": "I3", "START": "01/06/2023", "END": "30/09/2024"},
    {"CHILD": "C3", "IRO_ID": "I4", "START": "01/10/2024"},
    {"CHILD": "C4", "IRO_ID": "I1", "START": "09/05/2024"},
    {"CHILD": "C5", "IRO_ID": "I2", "START": "10/05/2024"},
    {"CHILD": "C6", "IRO_ID": "I9", "START": "01/01/2023", "END": "31/12/2023"},
    {"CHILD": "C6", "IRO_ID": "I1", "START": "01/01/2024", "END": "15/02/2025"},
    {"CHILD": "C8", "IRO_ID": "I1", "START": "01/01/2024"},
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("service")
    write_local(tmp / "data", "iro_staff", IRO_STAFF, STAFF)
    write_local(tmp / "data", "iro_allocations", IRO_ALLOCATIONS, ALLOCATIONS)
    return build(tmp, {2025: (HEADER, EPISODES, REVIEWS)})


def value(built: Built, figure_id: str, year: str | None = None) -> float | None:
    return built.figure("service", figure_id, year).value


def test_the_fixture_loads_with_only_the_unknown_iro_issue(built: Built) -> None:
    # C6's 2023 allocation names I9, who is not in iro_staff.csv (the loader's cross-check).
    assert built.rules() == ["iro-not-in-staff"]


def test_iros_in_post_at_31_march(built: Built) -> None:
    # I1, I2 and I4 (I3 left on 30/09/2024); I4 is agency.
    assert value(built, "iro.headcount_at_period_end") == 3
    assert value(built, "iro.agency_at_period_end") == 1
    fte = built.figure("service", "iro.fte_at_period_end")
    assert fte.unit == "fte"
    # 1.0 (I1) + 0.6 (I2, part-time) + 0.8 (I4, agency) = 2.4
    assert fte.value == pytest.approx(2.4)


def test_caseload_per_fte_at_31_march(built: Built) -> None:
    # Looked after on 31 March with an IRO that day: C1 (I1), C2 (I2), C3 (I4), C4 (I1),
    # C5 (I2) = 5. Not C6 (ceased 15/02/2025), C7 (no IRO), C8 (short break).
    # 5 / 2.4 FTE = 2.0833...
    fig = built.figure("service", "iro.caseload_per_fte")
    assert fig.unit == "caseload"
    assert fig.numerator == 5
    assert fig.denominator == pytest.approx(2.4)
    assert fig.value == pytest.approx(5 / 2.4)


def test_caseload_at_each_month_end_and_the_monthly_mean(built: Built) -> None:
    # Children looked after and allocated at each month end:
    #   30 Apr: C1, C2, C3, C6 = 4 (C4 and C5 start in May)
    #   31 May to 31 Jan (9 month ends): C1 to C6 = 6 (C4 allocated 9 May, C5 10 May)
    #   28 Feb, 31 Mar: C1 to C5 = 5 (C6 ceased 15 Feb; C7 unallocated)
    # FTE: 2.6 at 30 Apr to 30 Sep (I3's END is inclusive), 2.4 from 31 Oct.
    #   Apr 4/2.6; May-Sep 5 x 6/2.6; Oct-Jan 4 x 6/2.4 = 4 x 2.5; Feb, Mar 2 x 5/2.4.
    expected = [4 / 2.6] + [6 / 2.6] * 5 + [2.5] * 4 + [5 / 2.4] * 2
    result = built.section("service")
    months = result.context["caseload_by_month"]
    assert isinstance(months, list)
    assert [m["month"] for m in months] == [
        "Apr 2024",
        "May 2024",
        "Jun 2024",
        "Jul 2024",
        "Aug 2024",
        "Sep 2024",
        "Oct 2024",
        "Nov 2024",
        "Dec 2024",
        "Jan 2025",
        "Feb 2025",
        "Mar 2025",
    ]
    assert [m["children"] for m in months] == [4, 6, 6, 6, 6, 6, 6, 6, 6, 6, 5, 5]
    assert [m["fte"] for m in months] == pytest.approx([2.6] * 6 + [2.4] * 6)
    assert [m["caseload"] for m in months] == pytest.approx(expected)
    # Mean = (34/2.6 + 10 + 10/2.4) / 12 = (13.0769 + 10 + 4.1667) / 12 = 2.2703
    mean = result.figure("iro.caseload_per_fte_monthly_mean")
    assert mean.value == pytest.approx((34 / 2.6 + 10 + 10 / 2.4) / 12)
    assert mean.value == pytest.approx(2.2703, abs=1e-4)
    chart = next(c for c in result.charts if c.id == "iro-caseload-months")
    assert chart.kind == "line"
    assert chart.band == (50, 70)
    assert chart.categories == (
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
        "Jan",
        "Feb",
        "Mar",
    )  # the chart title gives the year
    assert chart.series[0][1] == pytest.approx(expected)


def test_children_without_an_iro_at_31_march(built: Built) -> None:
    # C7 (started 20/03/2025, no allocation); C8 is a short break and not looked after.
    assert value(built, "iro.children_unallocated_at_period_end") == 1


def test_continuity_counts_only_children_who_kept_one_iro(built: Built) -> None:
    # Looked after every day of the year: C1, C2 (from 1 April), C3 = 3.
    # Kept one IRO: C1 (I1), C2 (I2); C3 changed from I3 to I4. 2 / 3 = 66.7%.
    fig = built.figure("service", "iro.continuity_same_iro")
    assert (fig.numerator, fig.denominator) == (2, 3)
    assert fig.value == pytest.approx(200 / 3)


def test_allocation_within_5_working_days_across_a_bank_holiday(built: Built) -> None:
    # Starters: C2, C4, C5, C7 = 4.
    # C4 and C5 start Wed 01/05/2024. Working days: Thu 2 (1), Fri 3 (2), [Mon 6 May bank
    # holiday], Tue 7 (3), Wed 8 (4), Thu 9 (5), Fri 10 (6). C4 allocated 9 May (5th: counted),
    # C5 allocated 10 May (6th: not counted).
    # C2 starts on Easter Monday 01/04/2024 (bank holiday): counting from the working day
    # before, Tue 2 April is day 1 and Mon 8 April day 5; allocated 2 April: counted.
    # C7 has no IRO: not counted. 2 / 4 = 50%.
    fig = built.figure("service", "iro.allocated_within_5wd")
    assert (fig.numerator, fig.denominator) == (2, 4)
    assert fig.value == 50.0


def test_an_allocation_to_an_iro_not_in_the_staff_file_is_noted(built: Built) -> None:
    # C6's 2023 allocation names I9, who is not in iro_staff.csv: one row.
    notes = built.section("service").notes
    assert any(n.startswith("1 row(s) of local/iro_allocations.csv name an IRO_ID") for n in notes)


def test_headline_and_definitions(built: Built) -> None:
    result = built.section("service")
    assert result.headline == [
        "iro.headcount_at_period_end",
        "iro.agency_at_period_end",
        "iro.fte_at_period_end",
        "iro.caseload_per_fte",
        "iro.caseload_per_fte_monthly_mean",
        "iro.children_unallocated_at_period_end",
        "iro.continuity_same_iro",
        "iro.allocated_within_5wd",
    ]
    for fig in result.figures:
        assert fig.label and len(fig.definition) > 40
    assert "50 to 70" in result.figure("iro.caseload_per_fte").definition


def test_a_year_the_extracts_do_not_cover_shows_no_iro_figures(built: Built) -> None:
    # 2018-19: no IRO in post (I1 starts 2020) and no allocation covers any day of the year,
    # so nothing is computed rather than showing zeros; notes say why.
    result = built.section("service", "2018-19")
    assert result.figures == []
    assert any("iro_staff.csv has no IRO in post" in n for n in result.notes)
    assert any("iro_allocations.csv has no allocation" in n for n in result.notes)


def test_a_year_with_staff_but_no_allocations_shows_staff_only(built: Built) -> None:
    # 2020-21: I1 in post at 31/03/2021 (I3 from 01/01/2021 too: 2 IROs, 2.0 FTE), but the
    # first allocation starts 01/01/2022.
    result = built.section("service", "2020-21")
    assert [f.id for f in result.figures] == [
        "iro.headcount_at_period_end",
        "iro.agency_at_period_end",
        "iro.fte_at_period_end",
        "iro.agency_fte_share",  # 0 of 2.0 FTE agency; no caseload range without allocations
    ]
    assert result.figure("iro.fte_at_period_end").value == pytest.approx(2.0)
    assert result.figure("iro.agency_fte_share").value == 0


def test_without_the_extracts_the_section_explains(tmp_path: Path) -> None:
    built = build(tmp_path, {2025: (HEADER, EPISODES, REVIEWS)})
    result = built.section("service")
    assert result.figures == []
    assert "local/iro_staff.csv and local/iro_allocations.csv" in result.notes[0]


# --- The team at 31 March: caseload range, agency share, vacancies (issue 12 item 5) -------


def test_caseload_range_across_iros_at_31_march(built: Built) -> None:
    # In post on 31 March: I1 (1.0 FTE), I2 (0.6), I4 (0.8). Children looked after that day
    # and allocated: I1 has C1 and C4 -> 2 / 1.0 = 2.0; I2 has C2 and C5 -> 2 / 0.6 = 3.33;
    # I4 has C3 -> 1 / 0.8 = 1.25. (C8 is a short break; C6 ceased on 15/02/2025.)
    # In order 1.25, 2.0, 3.33: lowest 1.25, median 2.0, highest 3.33.
    assert value(built, "iro.caseload_lowest") == pytest.approx(1.25)
    assert value(built, "iro.caseload_median") == pytest.approx(2.0)
    assert value(built, "iro.caseload_highest") == pytest.approx(2 / 0.6)


def test_an_iro_in_post_with_no_children_is_the_lowest_caseload(tmp_path: Path) -> None:
    # I5 (0.5 FTE) is in post on 31 March with nobody allocated: caseload 0. With I1 (2.0),
    # I2 (3.33) and I4 (1.25) the four in order are 0, 1.25, 2.0, 3.33: median (1.25 + 2) / 2.
    staff = [*STAFF, {"IRO_ID": "I5", "FTE": "0.5", "START": "01/03/2025", "AGENCY": "N"}]
    write_local(tmp_path / "data", "iro_staff", IRO_STAFF, staff)
    write_local(tmp_path / "data", "iro_allocations", IRO_ALLOCATIONS, ALLOCATIONS)
    other = build(tmp_path, {2025: (HEADER, EPISODES, REVIEWS)})
    assert value(other, "iro.caseload_lowest") == 0
    assert value(other, "iro.caseload_median") == pytest.approx(1.625)


def test_agency_share_of_fte_at_31_march(built: Built) -> None:
    # Agency FTE in post on 31 March: I4 0.8, of 2.4 in post -> 33.3%.
    fig = built.figure("service", "iro.agency_fte_share")
    assert fig.unit == "percent"
    assert fig.value == pytest.approx(100 * 0.8 / 2.4)


def test_vacancies_need_the_establishment_in_config(built: Built) -> None:
    result = built.section("service")
    assert not any(f.id.startswith("iro.vacan") for f in result.figures)
    assert any("iro_establishment_fte" in note for note in result.notes)


def test_vacancies_against_the_establishment(built: Built) -> None:
    # Establishment 3.0 FTE, 2.4 in post on 31 March (agency included): 0.6 vacant, 20%.
    council = built.config.council.model_copy(update={"iro_establishment_fte": {"2024-25": 3.0}})
    funded = Built(built.config.model_copy(update={"council": council}), built.checked)
    assert value(funded, "iro.establishment_fte") == 3.0
    assert value(funded, "iro.vacant_fte") == pytest.approx(0.6)
    assert value(funded, "iro.vacancy_rate") == pytest.approx(20.0)
    # Over-establishment (2.0 funded, 2.4 in post) is 0 vacant, not negative.
    council = built.config.council.model_copy(update={"iro_establishment_fte": {"2024-25": 2.0}})
    over = Built(built.config.model_copy(update={"council": council}), built.checked)
    assert value(over, "iro.vacant_fte") == 0
