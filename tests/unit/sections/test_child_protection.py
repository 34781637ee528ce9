"""Child protection conferences section (DOMAIN 9): timeliness and plans at 31 March.

Reporting year 2024-25 (1 April 2024 to 31 March 2025). Expected values are worked out by hand
in the comments. Bank holiday used: summer bank holiday Monday 26 August 2024.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import CP_CONFERENCES, Built, build, child, episode, review, write_local


def conf(
    child_id: str, kind: str, day: str, anchor: str = "", category: str = "", plan: str = ""
) -> dict[str, str]:
    return {
        "CHILD": child_id,
        "TYPE": kind,
        "DATE": day,
        "ANCHOR_DATE": anchor,
        "CATEGORY": category,
        "PLAN": plan,
    }


# Anchor Mon 12/08/2024 + 15 working days: 13 (1), 14, 15, 16 (4), 19 (5) to 23 (9),
# [Mon 26 Aug bank holiday], 27 (10), 28, 29, 30 (13), Mon 2 Sep (14), Tue 3 Sep (15).
CONFERENCES = [
    # P1: ICPC on exactly the 15th working day (on time); RCPC exactly 3 months later (due
    # 03/12/2024, on time); a conference after the year is ignored. Plan at 31 March: Neglect.
    conf("P1", "ICPC", "03/09/2024", "12/08/2024", "N", "Y"),
    conf("P1", "RCPC", "03/12/2024", "", "N", "Y"),
    conf("P1", "RCPC", "03/06/2025", "", "N", "Y"),
    # P2: ICPC on the 16th working day (late); RCPC 3 months and a day after it (due
    # 04/12/2024, held 05/12/2024: late). Plan at 31 March: Emotional abuse.
    conf("P2", "ICPC", "04/09/2024", "12/08/2024", "E", "Y"),
    conf("P2", "RCPC", "05/12/2024", "", "E", "Y"),
    # P3: ICPC last year; RCPC 10/04/2024 (3 months: due 10/04/2024, on time); RCPC 10/10/2024
    # (6 months after the previous: due 10/10/2024, on time) ends the plan.
    conf("P3", "ICPC", "10/01/2024", "02/01/2024", "P", "Y"),
    conf("P3", "RCPC", "10/04/2024", "", "P", "Y"),
    conf("P3", "RCPC", "10/10/2024", "", "P", "N"),
    # P4: first conference in the data is an RCPC (not assessable); the next is due 6 months
    # after it, 15/11/2024, held 20/11/2024: late. Plan at 31 March: Multiple.
    conf("P4", "RCPC", "15/05/2024", "", "M", "Y"),
    conf("P4", "RCPC", "20/11/2024", "", "M", "Y"),
    # P5: ICPC without an anchor date: not assessable. Plan at 31 March: Sexual abuse.
    conf("P5", "ICPC", "20/01/2025", "", "S", "Y"),
    # P6: ICPC last year, RCPC 04/06/2024 (due 04/06/2024, on time) ends the plan; a new ICPC
    # 03/02/2025 (anchor Mon 20/01/2025 + 15 working days = Mon 10/02/2025: on time).
    # Plan at 31 March: Physical abuse.
    conf("P6", "ICPC", "04/03/2024", "19/02/2024", "P", "Y"),
    conf("P6", "RCPC", "04/06/2024", "", "P", "N"),
    conf("P6", "ICPC", "03/02/2025", "20/01/2025", "P", "Y"),
    # P7: ICPC 01/05/2024 (anchor Wed 17/04/2024 + 15 working days = Thu 09/05/2024: on time),
    # no review conference since (it was due 01/08/2024): still counted on a plan, noted.
    # The row is given twice: used once, noted.
    conf("P7", "ICPC", "01/05/2024", "17/04/2024", "N", "Y"),
    conf("P7", "ICPC", "01/05/2024", "17/04/2024", "N", "Y"),
    # P8: anchor date after the conference: not assessable. No plan.
    conf("P8", "ICPC", "10/06/2024", "20/06/2024", "", "N"),
    # P9: a new ICPC restarts the timetable. RCPC 01/05/2024 (3 months after the ICPC: on
    # time), RCPC 01/08/2024 (6 months after the previous: on time) ends the plan; new ICPC
    # 01/10/2024 (anchor Mon 23/09/2024 + 15 working days = Mon 14/10/2024: on time); RCPC
    # 15/02/2025 is the first after the new ICPC, due 3 months after it, 01/01/2025: late
    # (measured 6 months from the ICPC it would wrongly be on time). Plan: Neglect.
    conf("P9", "ICPC", "01/02/2024", "22/01/2024", "N", "Y"),
    conf("P9", "RCPC", "01/05/2024", "", "N", "Y"),
    conf("P9", "RCPC", "01/08/2024", "", "N", "N"),
    conf("P9", "ICPC", "01/10/2024", "23/09/2024", "N", "Y"),
    conf("P9", "RCPC", "15/02/2025", "", "N", "Y"),
]


def make(tmp: Path, extra: str = "", conferences: bool = True) -> Built:
    if conferences:
        write_local(tmp / "data", "cp_conferences", CP_CONFERENCES, CONFERENCES)
    # The 903 year is not used by this section; one child with one review so it loads.
    return build(
        tmp,
        {
            2025: (
                [child("A1", "01/01/2012", "M")],
                [episode("A1", "01/01/2023")],
                [review("A1", "15/06/2024")],
            )
        },
        extra=extra,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return make(tmp_path_factory.mktemp("cp"))


def test_the_fixture_loads_without_issues(built: Built) -> None:
    assert built.rules() == []


def test_conferences_held_in_the_year(built: Built) -> None:
    # ICPCs dated 1 Apr 2024 to 31 Mar 2025: P1, P2, P5, P6 (03/02/2025), P7 (once), P8,
    # P9 (01/10/2024) = 7.
    # RCPCs: P1 03/12; P2 05/12; P3 10/04, 10/10; P4 15/05, 20/11; P6 04/06;
    # P9 01/05, 01/08, 15/02 = 10 (P1's 03/06/2025 is next year).
    assert built.figure("child_protection", "cp.icpc_held").value == 7
    assert built.figure("child_protection", "cp.rcpc_held").value == 10


def test_icpc_within_15_working_days(built: Built) -> None:
    # Assessable: P1, P2, P6, P7, P9 = 5 (P5 has no anchor; P8's anchor is after the date).
    # On time: P1 (15th working day), P6, P7, P9 = 4; P2 (16th working day) late. 4 / 5 = 80%.
    fig = built.figure("child_protection", "cp.icpc_on_time")
    assert (fig.numerator, fig.denominator) == (4, 5)
    assert fig.value == 80.0
    assert fig.base_unit == "conferences"


def test_rcpc_on_time(built: Built) -> None:
    # Assessable: the 10 RCPCs except P4 15/05 (no earlier conference in the data) = 9.
    # On time: P1 03/12, P3 10/04, P3 10/10, P6 04/06, P9 01/05, P9 01/08 = 6.
    # Late: P2 05/12 (3 months and a day), P4 20/11, P9 15/02 (restarted chain). 6 / 9.
    fig = built.figure("child_protection", "cp.rcpc_on_time")
    assert (fig.numerator, fig.denominator) == (6, 9)
    assert fig.value == pytest.approx(200 / 3)


def test_children_whose_conferences_were_all_on_time(built: Built) -> None:
    # Children with an assessable conference in the year: P1, P2, P3, P4, P6, P7, P9 = 7
    # (P5 and P8 have none). All on time: P1, P3, P6, P7 = 4. 4 / 7 = 57.1%.
    fig = built.figure("child_protection", "cp.children_on_time")
    assert (fig.numerator, fig.denominator) == (4, 7)
    assert fig.value == pytest.approx(400 / 7)


def test_plans_at_31_march_by_category(built: Built) -> None:
    # Latest conference on or before 31/03/2025 with PLAN = Y: P1 (N), P2 (E), P4 (M), P5 (S),
    # P6 (P), P7 (N), P9 (N) = 7. Not P3 (plan ended 10/10/2024) or P8 (no plan).
    assert built.figure("child_protection", "cp.plans_at_period_end").value == 7
    by_cat = built.breakdown("child_protection", "cp.plans_by_category")
    assert by_cat.categories == [
        "Neglect",
        "Physical abuse",
        "Emotional abuse",
        "Sexual abuse",
        "Multiple",
    ]
    assert by_cat.series == {"Children": [3, 1, 1, 1, 1]}
    assert by_cat.unit == "children"


def test_notes_count_what_could_not_be_assessed(built: Built) -> None:
    # counts of conferences and children from 1 to the threshold are "Some", never a number
    notes = built.section("child_protection").notes
    assert any(n.startswith("1 row(s) of local/cp_conferences.csv repeat") for n in notes)
    assert any(
        n.startswith("Some initial conference(s) held in the year have no ANCHOR_DATE")
        for n in notes
    )
    assert any(
        n.startswith("Some initial conference(s) held in the year have an ANCHOR_DATE after")
        for n in notes
    )
    assert any(
        n.startswith("Some review conference(s) held in the year are the child's first")
        for n in notes
    )
    # P7: on a plan since 01/05/2024, review conference due 01/08/2024, none held.
    assert any(n.startswith("Some child(ren) counted as subject to a plan") for n in notes)


def test_the_anchor_is_named_by_the_setting(built: Built, tmp_path: Path) -> None:
    default = built.figure("child_protection", "cp.icpc_on_time")
    assert default.label.endswith("of the strategy discussion")
    assert "strategy discussion that started the section 47 enquiry" in default.definition
    s47 = make(tmp_path, extra="rules:\n  icpc_timeliness_from: s47_start\n")
    fig = s47.figure("child_protection", "cp.icpc_on_time")
    assert fig.label.endswith("of the section 47 start")
    assert "start of the section 47 enquiry" in fig.definition
    assert (fig.numerator, fig.denominator) == (4, 5)  # the same ANCHOR_DATE column


def test_headline_and_charts(built: Built) -> None:
    result = built.section("child_protection")
    assert result.headline == [
        "cp.icpc_held",
        "cp.icpc_on_time",
        "cp.rcpc_held",
        "cp.rcpc_on_time",
        "cp.children_on_time",
        "cp.plans_at_period_end",
    ]
    kinds = {c.id: c.kind for c in result.charts}
    assert kinds == {
        "cp-timeliness-trend": "trend",
        "cp-plans-trend": "trend",
        "cp-plans-category": "hbar",
    }


def test_a_year_without_conferences_is_left_out(built: Built) -> None:
    result = built.section("child_protection", "2022-23")
    assert result.figures == [] and result.breakdowns == []
    assert any("has no conference dated in 2022-23" in n for n in result.notes)


def test_without_the_extract_the_section_explains(tmp_path: Path) -> None:
    result = make(tmp_path, conferences=False).section("child_protection")
    assert result.figures == []
    assert "local/cp_conferences.csv" in result.notes[0]
