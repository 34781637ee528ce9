"""Dispute resolution and IRO challenge (DOMAIN 8, 11; IRO Handbook ch. 6).

Reporting year 2024-25 (1 April 2024 to 31 March 2025). Every expected value is worked out by
hand in the comments. Bank holidays used: Good Friday 29 March 2024, Easter Monday 1 April
2024, early May 6 May 2024, spring 27 May 2024. Working days: the day raised is day 0.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pandas as pd
import pytest

from report.model import SectionResult
from report.sections import BuildInput, SectionInput, escalations
from tests.builders import (
    ESCALATIONS,
    Built,
    build,
    child,
    episode,
    escalation,
    write_local,
)

# Children looked after (903). 2023-24 file: C1 (open), C10 (left 20/02/2024).
# 2024-25 file: C1 (same open episode), C2..C8 in the year (C3 leaves 31/07/2024; C8 starts on
# the last day, 31/03/2025), C9 a short break only (V3).
# Looked after during 2024-25: C1..C8 = 8 (C10 left before 1 April 2024; C9 short break).
# Looked after during 2023-24: C1, C10 = 2.
YEAR_2024 = (
    [child("C1", "01/01/2010"), child("C10", "01/01/2011")],
    [episode("C1", "01/01/2023"), episode("C10", "01/06/2023", "20/02/2024", "E13")],
    [],
)
YEAR_2025 = (
    [child("C1", "01/01/2010", "M")]
    + [child(c, "01/01/2012", "F") for c in ("C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9")],
    [
        episode("C1", "01/01/2023"),
        episode("C2", "15/04/2024"),
        episode("C3", "01/05/2024", "31/07/2024", "E13"),
        episode("C4", "01/06/2024"),
        episode("C5", "01/07/2024"),
        episode("C6", "01/08/2024"),
        episode("C7", "01/09/2024"),
        episode("C8", "31/03/2025"),
        episode("C9", "01/10/2024", "03/10/2024", "E13", ls="V3"),
    ],
    [],
)

# Concerns (KIND CONCERN unless stated); working days counted by hand:
# E1 raised Mon 29/04/2024, INFORMAL, resolved Wed 29/05/2024, RESOLVED.
#    Tue 30 Apr 1, Wed 1 May 2, Thu 3, Fri 4, (Mon 6 May bank holiday), Tue 7 5, Wed 6, Thu 7,
#    Fri 10 8, Mon 13 9, Tue 10, Wed 11, Thu 12, Fri 17 13, Mon 20 14, Tue 15, Wed 16,
#    Thu 17, Fri 24 18, (Mon 27 May bank holiday), Tue 28 19, Wed 29 May 20 -> 20: within 20.
#    Local target INFORMAL = 1 stage x 5 = 5: 20 > 5, not within.
# E2 raised Mon 29/04/2024, STAGE2, resolved Thu 30/05/2024 -> 21 working days: not within 20.
#    Local target STAGE2 = 3 stages x 5 = 15: not within. CAFCASS Y. PARTIAL.
# E3 raised Mon 03/06/2024, INFORMAL, resolved Wed 05/06/2024 -> 2: within 20 and within 5.
# E4 raised Mon 02/12/2024, STAGE1, resolved Mon 16/12/2024: Tue 3 1 .. Fri 6 4, Mon 9 5 ..
#    Fri 13 9, Mon 16 10 -> 10: within 20; target STAGE1 = 2 stages x 5 = 10: within (<= 10).
#    UNRESOLVED.
# E5 raised 03/03/2025, STAGE3, never resolved -> still open at 31 March.
# E6 raised 10/02/2025, INFORMAL, "resolved" 05/02/2025 (before it was raised: data error),
#    WITHDRAWN -> the loader reports it and blanks RESOLVED; counted as raised and by outcome
#    (closed, withdrawn), left out of the timescales, with a note.
# E7 raised Fri 15/03/2024 (2023-24), STAGE1, resolved Wed 10/04/2024 (in 2024-25):
#    Mon 18 1 .. Thu 28 9, (Good Friday 29 Mar, Easter Monday 1 Apr), Tue 2 Apr 10, Wed 11,
#    Thu 12, Fri 5 13, Mon 8 14, Tue 9 15, Wed 10 Apr 16 -> 16: within 20; target 10: not.
# E8 raised 20/03/2024 (2023-24), STAGE4, resolved 15/04/2025 (after 31 March 2025), CAFCASS Y
#    -> open at 31 March 2025; not raised in 2024-25 so not a 2024-25 Cafcass referral.
# E9 GOOD_PRACTICE raised 10/07/2024, no RESOLVED -> a good-practice alert, never a concern
#    (not raised, not open).
# E10 GOOD_PRACTICE raised 01/04/2025 (2025-26) -> not counted.
# E11 raised Mon 31/03/2025 (the last day), INFORMAL, no theme, open -> raised and open.
ROWS = [
    escalation(
        "E1", "29/04/2024", resolved="29/05/2024", outcome="RESOLVED", theme="Care planning drift"
    ),
    escalation(
        "E2",
        "29/04/2024",
        stage="STAGE2",
        resolved="30/05/2024",
        outcome="PARTIAL",
        theme="Care planning drift",
        cafcass="Y",
    ),
    escalation(
        "E3", "03/06/2024", resolved="05/06/2024", outcome="RESOLVED", theme="Contact with family"
    ),
    escalation(
        "E4",
        "02/12/2024",
        stage="STAGE1",
        resolved="16/12/2024",
        outcome="UNRESOLVED",
        theme="Placement stability",
    ),
    escalation("E5", "03/03/2025", stage="STAGE3", theme="Placement stability"),
    escalation(
        "E6", "10/02/2025", resolved="05/02/2025", outcome="WITHDRAWN", theme="Health assessments"
    ),
    escalation(
        "E7",
        "15/03/2024",
        stage="STAGE1",
        resolved="10/04/2024",
        outcome="RESOLVED",
        theme="Care planning drift",
    ),
    escalation(
        "E8",
        "20/03/2024",
        stage="STAGE4",
        resolved="15/04/2025",
        outcome="RESOLVED",
        theme="Permanence planning",
        cafcass="Y",
    ),
    escalation("E9", "10/07/2024", kind="GOOD_PRACTICE", theme="Care planning drift"),
    escalation(
        "E10", "01/04/2025", kind="GOOD_PRACTICE", resolved="01/04/2025", outcome="RESOLVED"
    ),
    escalation("E11", "31/03/2025"),
]


THEMES = """\
publishing:
  escalation_themes: [Care planning drift, Placement stability, Contact with family,
    Health assessments]
"""


def _built(
    tmp_path: Path,
    rows: list[dict[str, str]] = ROWS,
    nation: str = "england",
    extra: str = THEMES,
) -> Built:
    write_local(tmp_path / "data", "escalations", ESCALATIONS, rows)
    return build(tmp_path, {2024: YEAR_2024, 2025: YEAR_2025}, nation=nation, extra=extra)


@pytest.fixture
def built(tmp_path: Path) -> Built:
    return _built(tmp_path)


@pytest.fixture
def result(built: Built) -> SectionResult:
    return built.section("escalations")


def _series(result: SectionResult, breakdown_id: str) -> dict[str, int]:
    b = next(b for b in result.breakdowns if b.id == breakdown_id)
    (values,) = b.series.values()
    return dict(zip(b.categories, values, strict=True))


def test_the_only_data_error_is_the_concern_resolved_before_raised(built: Built) -> None:
    errors = built.issues.loc[built.issues["severity"] == "error"]
    assert list(errors["rule"]) == ["resolved-before-raised"]


def test_concerns_raised_exclude_good_practice_and_other_years(result: SectionResult) -> None:
    # Raised in 2024-25: E1, E2, E3, E4, E5, E6, E11 = 7 (E7, E8 in 2023-24; E9, E10 alerts).
    fig = result.figure("escalations.raised")
    assert (fig.value, fig.unit) == (7, "escalations")


def test_good_practice_alerts_counted_only_in_their_own_figure(result: SectionResult) -> None:
    # E9 raised in the year; E10 on 1 April 2025 is next year's.
    assert result.figure("escalations.good_practice").value == 1


def test_by_highest_stage_reached(result: SectionResult) -> None:
    # Informal E1, E3, E6, E11; stage 1 E4; stage 2 E2; stage 3 E5; stage 4 none. Sum 7.
    assert _series(result, "escalations.by_stage") == {
        "Informal": 4,
        "Stage 1": 1,
        "Stage 2": 1,
        "Stage 3": 1,
        "Stage 4": 0,
    }


def test_by_theme_most_frequent_first_not_recorded_last(result: SectionResult) -> None:
    # Care planning drift E1, E2; Placement stability E4, E5; Contact with family E3;
    # Health assessments E6; E11 has no theme. Ties in alphabetical order.
    assert list(_series(result, "escalations.by_theme").items()) == [
        ("Care planning drift", 2),
        ("Placement stability", 2),
        ("Contact with family", 1),
        ("Health assessments", 1),
        ("Not recorded", 1),
    ]


def test_by_outcome_at_31_march(result: SectionResult) -> None:
    # Resolved E1, E3; partly E2; unresolved E4; withdrawn E6; still open E5, E11. Sum 7.
    assert _series(result, "escalations.by_outcome") == {
        "Resolved": 2,
        "Partly resolved": 1,
        "Unresolved": 1,
        "Withdrawn": 1,
        "Still open": 2,
    }


def test_resolved_within_20_working_days_across_bank_holidays(result: SectionResult) -> None:
    # Resolved in 2024-25 with valid dates: E1 20, E2 21, E3 2, E4 10, E7 16 (E6 is a data
    # error; E8 is resolved next year). Within 20: E1 (exactly 20), E3, E4, E7 = 4 of 5.
    fig = result.figure("escalations.resolved_within_20wd")
    assert (fig.numerator, fig.denominator, fig.value) == (4, 5, 80.0)


def test_resolved_within_local_stage_target(result: SectionResult) -> None:
    # 5 working days per stage: E1 20 > 5 no; E2 21 > 15 no; E3 2 <= 5 yes; E4 10 <= 10 yes;
    # E7 16 > 10 no -> 2 of 5 = 40%.
    fig = result.figure("escalations.resolved_within_local_target")
    assert (fig.numerator, fig.denominator, fig.value) == (2, 5, 40.0)
    assert "informal stage counts as one stage and formal stage n as n + 1" in fig.method
    assert "stage 1 10, stage 2 15" in fig.definition


def test_median_working_days(result: SectionResult) -> None:
    # Sorted durations 2, 10, 16, 20, 21 -> median 16, over 5 concerns.
    fig = result.figure("escalations.median_working_days")
    assert (fig.value, fig.unit, fig.denominator) == (16, "working_days", 5)


def test_resolved_before_raised_is_left_out_with_a_note(result: SectionResult) -> None:
    # E6 reaches the section with its RESOLVED date marked in error (the loader keeps it):
    # left out of the timescales and of the concerns open at 31 March, with a note.
    assert any("RESOLVED date before the date they were RAISED" in n for n in result.notes)
    left = {e.figure: e.rows for e in result.excluded}
    assert left["escalations.resolved_within_20wd"] == (("local/escalations.csv", 7),)
    assert left["escalations.open_at_period_end"] == (("local/escalations.csv", 7),)


def test_section_guards_against_resolved_before_raised_itself(built: Built) -> None:
    # The same data with E6's bad date put back, as if the loader's check had not run: the
    # section leaves it out of the timescales by itself (still 4 of 5, median 16) and says so.
    data = copy.copy(built.checked.data)
    frame = data.local["escalations"].copy()
    frame.loc[frame["ESCALATION_ID"] == "E6", "RESOLVED"] = pd.Timestamp("2025-02-05")
    data.local = {**data.local, "escalations": frame}
    prepared = escalations.prepare(BuildInput(built.history, data, built.config))
    inp = SectionInput(built.history, data, built.config.period, built.config, prepared)
    result = escalations.compute(inp)
    fig = result.figure("escalations.resolved_within_20wd")
    assert (fig.numerator, fig.denominator) == (4, 5)
    assert result.figure("escalations.median_working_days").value == 16
    assert any("RESOLVED date before" in n for n in result.notes)


def test_open_at_31_march_includes_earlier_years(result: SectionResult) -> None:
    # E5 and E11 (never resolved), E8 (raised 2023-24, resolved 15/04/2025) = 3. E9 is an
    # open good-practice alert and does not count.
    assert result.figure("escalations.open_at_period_end").value == 3


def test_cafcass_referrals_of_concerns_raised_in_the_year(result: SectionResult) -> None:
    # E2 (E8 was raised in 2023-24).
    fig = result.figure("escalations.cafcass_referrals")
    assert fig.value == 1
    assert fig.label == "Concerns referred to Cafcass"


def test_rate_per_100_children_looked_after_during_the_year(result: SectionResult) -> None:
    # 7 concerns / 8 children looked after during the year x 100 = 87.5.
    fig = result.figure("escalations.rate_per_100_cla")
    assert (fig.numerator, fig.denominator, fig.value, fig.unit) == (7, 8, 87.5, "rate_per_100")


def test_trend_chart_of_concerns_and_alerts(result: SectionResult) -> None:
    (chart,) = result.charts
    assert chart.kind == "trend"
    assert chart.figures == ("escalations.raised", "escalations.good_practice")


def test_an_earlier_year_is_computed_as_at_its_own_31_march(built: Built) -> None:
    # 2023-24: raised E7, E8 = 2; both unresolved at 31/03/2024 (E7 resolved 10/04/2024), so
    # open 2 and both "Still open" by outcome. Nothing was resolved in 2023-24: no timescale.
    # Rate: 2 / 2 children (C1, C10) x 100 = 100.
    result = built.section("escalations", "2023-24")
    assert result.figure("escalations.raised").value == 2
    assert result.figure("escalations.open_at_period_end").value == 2
    assert _series(result, "escalations.by_outcome")["Still open"] == 2
    assert result.figure("escalations.resolved_within_20wd").value is None
    assert result.figure("escalations.median_working_days").value is None
    assert result.figure("escalations.rate_per_100_cla").value == 100.0
    assert result.figure("escalations.cafcass_referrals").value == 1  # E8


def test_wales_wording(tmp_path: Path) -> None:
    result = _built(tmp_path, nation="wales").section("escalations")
    fig = result.figure("escalations.cafcass_referrals")
    assert fig.label == "Concerns referred to CAFCASS Cymru"
    assert "CAFCASS Cymru" in fig.definition


def test_compute_does_not_change_the_data(built: Built) -> None:
    before = built.checked.data.local["escalations"].copy()
    issues = len(built.checked.data.issues.rows)
    built.section("escalations")
    assert built.checked.data.local["escalations"].equals(before)
    assert len(built.checked.data.issues.rows) == issues


def test_stage_not_recorded_is_its_own_category(tmp_path: Path) -> None:
    # One concern without a stage, resolved Mon 01/07/2024 -> Wed 03/07/2024 = 2 working
    # days: in the 20-day figure (1 of 1), not in the local target one (0 of 0), with a note.
    rows = [escalation("X1", "01/07/2024", stage="", resolved="03/07/2024", outcome="RESOLVED")]
    result = _built(tmp_path, rows).section("escalations")
    assert _series(result, "escalations.by_stage")["Not recorded"] == 1
    fig = result.figure("escalations.resolved_within_20wd")
    assert (fig.numerator, fig.denominator) == (1, 1)
    local = result.figure("escalations.resolved_within_local_target")
    assert (local.numerator, local.denominator, local.value) == (0, 0, None)
    assert any("no STAGE_REACHED" in n for n in result.notes)


def test_a_trend_year_before_the_records_begin_has_no_figures(built: Built) -> None:
    # The earliest record is E7, raised 15/03/2024: 2022-23 is not covered, so it has no
    # figures (a gap in the trend) rather than zeros.
    result = built.section("escalations", "2022-23")
    assert result.figures == [] and result.breakdowns == []
    assert any("no records this early" in n for n in result.notes)


def test_themes_not_in_the_configured_list_are_other(tmp_path: Path) -> None:
    # Only Care planning drift is listed: E4, E5 (Placement stability), E3 (Contact with
    # family) and E6 (Health assessments) are Other (4); E1, E2 match the listed theme
    # (case and spacing aside) and are shown as configured; E11 blank.
    extra = "publishing:\n  escalation_themes: [care planning  DRIFT]\n"
    result = _built(tmp_path, extra=extra).section("escalations")
    assert list(_series(result, "escalations.by_theme").items()) == [
        ("care planning DRIFT", 2),
        ("Other", 4),
        ("Not recorded", 1),
    ]


def test_a_child_id_typed_as_a_theme_is_never_published_and_is_reported(tmp_path: Path) -> None:
    # E1's THEME is the id of child C1 of the 903 header; E2's a UPN; E3's a postcode;
    # E4's a date of birth. All four are Other, even if listed, and validate reports each;
    # E6 (Health assessments, not listed) is Other too: 5. E5 Placement stability is listed.
    rows = [dict(r) for r in ROWS]
    rows[0]["THEME"], rows[1]["THEME"] = "C1", "Drift for A123456789012"
    rows[2]["THEME"], rows[3]["THEME"] = "SW1A 1AA", "01/02/2010"
    extra = "publishing:\n  escalation_themes: [C1, SW1A 1AA, Placement stability]\n"
    built = _built(tmp_path, rows, extra=extra)
    themes = _series(built.section("escalations"), "escalations.by_theme")
    assert themes == {"Placement stability": 1, "Other": 5, "Not recorded": 1}
    flagged = [r for r in built.checked.data.issues.rows if r["rule"] == "identifier-in-text"]
    assert [(r["row"], r["column"], r["value"]) for r in flagged] == [
        (2, "THEME", "(hidden: identifying)"),
        (3, "THEME", "(hidden: identifying)"),
        (4, "THEME", "(hidden: identifying)"),
        (5, "THEME", "(hidden: identifying)"),
    ]
