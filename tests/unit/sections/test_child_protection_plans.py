"""Child protection plans lasting 2 years or more, repeat plans (DfE Children in Need census
definitions) and conference attendance (issue 12 item 8). Report year 2024-25.

local/cp_plans.csv (START, END = the day the plan ended):
  K1  01/04/2022 - 01/04/2024   ended in the year; END = START + 24 months: 2 years or more
  K2  02/04/2022 - 01/04/2024   ended; one day short of 2 years: 1 year to under 2 years
  K3  01/01/2019 - 01/06/2019   ended long ago (the extract's first plan)
  K3  10/01/2025 - 09/04/2025   started in the year, a repeat (K3 had a plan in 2019);
                                ends after the year: not counted as ended
  K4  31/08/2024 - 28/02/2025   started (first plan); ended: 31 Aug + 6 months = 28 Feb
                                (clamped to month end): 6 months to under 1 year
  K5  15/05/2024 - 14/08/2024   started (first plan); ended: 15 May + 3 months = 15 Aug is
                                after 14 Aug: under 3 months
  K5  01/10/2024 -              started, a repeat (K5's plan of 15/05/2024)
  K6  01/12/2024 -              started (first plan)
Ended in the year: K1, K2, K4, K5 = 4; by length: under 3 months 1, 3 to 6 months 0,
6 months to 1 year 1, 1 to 2 years 1, 2 years or more 1. Lasted 2 years or more: 1 of 4 = 25%.
Started in the year: K3, K4, K5, K5, K6 = 5; repeats K3 and K5's second = 2 of 5 = 40%.

Conferences held in the year (CHILD_ATTENDED, PARENT_ATTENDED):
  C1 ICPC 03/09/2024 Y, Y    C2 ICPC 04/09/2024 N, Y    C3 RCPC 10/10/2024 NA, N
  C4 ICPC 20/01/2025 blank, Y                           C5 ICPC 01/03/2024 (last year) Y, Y
Child attended: Y 1 of Y/N 2 = 50% (NA and blank left out). Parent: Y 3 of 4 = 75%.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from report.sections.child_protection_plans import BY_DURATION, LONG, REPEAT
from tests.builders import CP_CONFERENCES, Built, build, child, episode, write_local

PLAN_COLUMNS = ["CHILD", "START", "END", "CATEGORY"]
ATTENDANCE = [*CP_CONFERENCES, "CHILD_ATTENDED", "PARENT_ATTENDED"]
PLANS = [
    ("K1", "01/04/2022", "01/04/2024"),
    ("K2", "02/04/2022", "01/04/2024"),
    ("K3", "01/01/2019", "01/06/2019"),
    ("K3", "10/01/2025", "09/04/2025"),
    ("K4", "31/08/2024", "28/02/2025"),
    ("K5", "15/05/2024", "14/08/2024"),
    ("K5", "01/10/2024", ""),
    ("K6", "01/12/2024", ""),
]
CONFERENCES = [
    ("C1", "ICPC", "03/09/2024", "Y", "Y"),
    ("C2", "ICPC", "04/09/2024", "N", "Y"),
    ("C3", "RCPC", "10/10/2024", "NA", "N"),
    ("C4", "ICPC", "20/01/2025", "", "Y"),
    ("C5", "ICPC", "01/03/2024", "Y", "Y"),
]


def _build(
    tmp: Path,
    plans: list[tuple[str, str, str]] | None = PLANS,
    conferences: list[tuple[str, str, str, str, str]] = CONFERENCES,
    attendance: bool = True,
) -> Built:
    data = tmp / "data"
    rows = [
        {
            "CHILD": c,
            "TYPE": t,
            "DATE": d,
            "ANCHOR_DATE": "",
            "CATEGORY": "N",
            "PLAN": "Y",
            "CHILD_ATTENDED": ca,
            "PARENT_ATTENDED": pa,
        }
        for c, t, d, ca, pa in conferences
    ]
    write_local(data, "cp_conferences", ATTENDANCE if attendance else CP_CONFERENCES, rows)
    if plans is not None:
        write_local(
            data,
            "cp_plans",
            PLAN_COLUMNS,
            [{"CHILD": c, "START": s, "END": e, "CATEGORY": "N"} for c, s, e in plans],
        )
    header, episodes = [child("A", "01/01/2012")], [episode("A", "01/05/2024")]
    return build(tmp, {2025: (header, episodes, [])})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory.mktemp("cp_plans"))


def test_plans_ended_by_length_and_the_share_lasting_2_years(built: Built) -> None:
    table = built.breakdown("child_protection", BY_DURATION)
    assert dict(zip(table.categories, table.series["Plans"], strict=True)) == {
        "Under 3 months": 1,
        "3 months to under 6 months": 0,
        "6 months to under 1 year": 1,
        "1 year to under 2 years": 1,
        "2 years or more": 1,
    }
    long = built.figure("child_protection", LONG)
    assert (long.numerator, long.denominator, long.value) == (1, 4, 25.0)


def test_second_or_later_plans_count_any_earlier_plan_however_old(built: Built) -> None:
    repeat = built.figure("child_protection", REPEAT)
    assert (repeat.numerator, repeat.denominator, repeat.value) == (2, 5, 40.0)
    notes = built.section("child_protection").notes
    assert any("gives plans that began from 2019 on" in n for n in notes)  # never a date


def test_conference_attendance_of_those_recorded_and_applicable(built: Built) -> None:
    child_ = built.figure("child_protection", "cp.child_attended")
    parent = built.figure("child_protection", "cp.parent_attended")
    assert (child_.numerator, child_.denominator) == (1, 2)
    assert (parent.numerator, parent.denominator, parent.value) == (3, 4, 75.0)
    notes = built.section("child_protection").notes
    assert any("no CHILD_ATTENDED recorded" in n for n in notes)


def test_the_length_table_is_tied_to_the_figure(built: Built) -> None:
    ties = built.section("child_protection").ties
    refs = {term for tie in ties for term, _ in tie.terms}
    assert {f"{LONG}#numerator", f"{LONG}#denominator", f"{BY_DURATION}/Total"} <= refs


def test_without_the_plans_extract_its_figures_are_left_out_with_a_note(tmp_path: Path) -> None:
    built = _build(tmp_path, plans=None)
    result = built.section("child_protection")
    assert not {LONG, REPEAT} & {f.id for f in result.figures}
    assert any("no local/cp_plans.csv" in n for n in result.notes)
    assert built.figure("child_protection", "cp.icpc_held").value == 3  # C1, C2, C4


def test_without_the_attendance_columns_attendance_is_left_out(tmp_path: Path) -> None:
    result = _build(tmp_path, attendance=False).section("child_protection")
    assert not {"cp.child_attended", "cp.parent_attended"} & {f.id for f in result.figures}
    assert any("records no CHILD_ATTENDED" in n for n in result.notes)
    assert any("records no PARENT_ATTENDED" in n for n in result.notes)


def test_bad_plans_are_errors_and_left_out(tmp_path: Path) -> None:
    # K7's second plan starts while its first (01/05/2024, open) runs: an error, left out;
    # K8 ends before it starts: an error, left out. Started in the year: the 5 above and K7's
    # first = 6, repeats still 2. An attendance "maybe" is an unknown code.
    plans = [*PLANS, ("K7", "01/05/2024", ""), ("K7", "01/06/2024", "01/07/2024")]
    plans.append(("K8", "01/06/2024", "01/05/2024"))
    conferences = [*CONFERENCES, ("C6", "ICPC", "05/09/2024", "maybe", "Y")]
    built = _build(tmp_path, plans=plans, conferences=conferences)
    assert {"overlapping-plan", "ends-before-start", "code-unknown"} <= set(built.errors["rule"])
    repeat = built.figure("child_protection", REPEAT)
    assert (repeat.numerator, repeat.denominator) == (2, 6)
    child_ = built.figure("child_protection", "cp.child_attended")
    assert (child_.numerator, child_.denominator) == (1, 2)
