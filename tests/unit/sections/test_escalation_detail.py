"""Disputes in more detail (issue 12 item 6): the service each concern was raised with,
working days at each stage, referrals for legal advice; each left out with a note without
its column.

Reporting year 2024-25. No bank holidays fall between 28 May and 25 August 2024, so working
days are Monday to Friday; the day a stage begins is day 0.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from report.model import SectionResult
from report.sections.escalation_detail import stage_days
from tests.builders import ESCALATIONS, Built, build, child, episode, escalation, write_local

YEAR_2025 = ([child("C1", "01/01/2012")], [episode("C1", "01/01/2024")], [])
DETAIL = [*ESCALATIONS, "RAISED_WITH", *(f"STAGE{n}_DATE" for n in range(1, 5)), "LEGAL_ADVICE"]
SERVICES = """\
publishing:
  suppression_threshold: 1
  escalation_services:
    SWT: Social work team
    FOST: Fostering service
    LEGAL: Legal services
"""


def concern(esc_id: str, raised: str, **extra: str) -> dict[str, str]:
    stage, resolved = extra.pop("stage", "INFORMAL"), extra.pop("resolved", "")
    row = escalation(esc_id, raised, stage=stage, resolved=resolved, outcome="RESOLVED")
    return {**row, **extra}


# D1 raised Mon 03/06, stage 1 Mon 10/06, stage 2 Mon 17/06, resolved Fri 21/06:
#    informal 03/06 -> 10/06 = 5 (Tue 1, Wed 2, Thu 3, Fri 4, Mon 5); stage 1 10/06 -> 17/06
#    = 5; stage 2 17/06 -> 21/06 = 4. Social work team; legal advice Y.
# D2 raised Mon 01/07, stage 1 Wed 03/07, resolved Wed 17/07: informal 2; stage 1 03/07 ->
#    17/07 = Thu 1, Fri 2, Mon 3 .. Fri 12 7, Mon 8, Tue 9, Wed 17 10. Fostering; legal N.
# D3 raised Mon 08/07 straight to stage 2 that day (informal and stage 1 skipped), resolved
#    Mon 22/07: stage 2 = Tue 9 .. Fri 12 4, Mon 15 .. Fri 19 9, Mon 22 10. Code XX: Other
#    (and a warning).
# D4 informal only, raised Tue 02/07, resolved Tue 09/07: informal 5. No service recorded.
# D5 stage 1 dated 01/08, before it was raised on 05/08: an error; left out of the stage
#    timings (still a concern raised with Legal services).
# D6 reached stage 1 with no stage date: left out of the stage timings.
ROWS = [
    concern(
        "D1",
        "03/06/2024",
        stage="STAGE2",
        STAGE1_DATE="10/06/2024",
        STAGE2_DATE="17/06/2024",
        resolved="21/06/2024",
        RAISED_WITH="SWT",
        LEGAL_ADVICE="Y",
    ),
    concern(
        "D2",
        "01/07/2024",
        stage="STAGE1",
        STAGE1_DATE="03/07/2024",
        resolved="17/07/2024",
        RAISED_WITH="fost",
        LEGAL_ADVICE="N",
    ),
    concern(
        "D3",
        "08/07/2024",
        stage="STAGE2",
        STAGE2_DATE="08/07/2024",
        resolved="22/07/2024",
        RAISED_WITH="XX",
    ),
    concern("D4", "02/07/2024", resolved="09/07/2024"),
    concern(
        "D5",
        "05/08/2024",
        stage="STAGE1",
        STAGE1_DATE="01/08/2024",
        resolved="12/08/2024",
        RAISED_WITH="LEGAL",
    ),
    concern("D6", "01/10/2024", stage="STAGE1", resolved="15/10/2024"),
]


def _built(tmp_path: Path, columns: list[str] = DETAIL, rows: list[dict[str, str]] = ROWS) -> Built:
    write_local(tmp_path / "data", "escalations", columns, rows)
    return build(tmp_path, {2025: YEAR_2025}, extra=SERVICES)


def _value(result: SectionResult, figure_id: str) -> tuple[float | None, float | None]:
    figure = result.figure(figure_id)
    return figure.value, figure.denominator


def test_working_days_at_each_stage(tmp_path: Path) -> None:
    result = _built(tmp_path).section("escalations")
    # informal: D1 5, D2 2, D4 5 -> [2, 5, 5]: median 5, lowest 2, highest 5, 3 concerns
    assert _value(result, "escalations.stage_days_informal_median") == (5.0, 3.0)
    assert _value(result, "escalations.stage_days_informal_lowest") == (2.0, 3.0)
    assert _value(result, "escalations.stage_days_informal_highest") == (5.0, 3.0)
    # stage 1: D1 5, D2 10 -> median 7.5, range 5 to 10 (D5 in error, D6 undated: left out)
    assert _value(result, "escalations.stage_days_stage1_median") == (7.5, 2.0)
    assert _value(result, "escalations.stage_days_stage1_lowest") == (5.0, 2.0)
    assert _value(result, "escalations.stage_days_stage1_highest") == (10.0, 2.0)
    # stage 2: D1 4, D3 10 -> median 7
    assert _value(result, "escalations.stage_days_stage2_median") == (7.0, 2.0)
    # no concern went through stages 3 or 4: no figures
    ids = {f.id for f in result.figures}
    assert not {i for i in ids if "stage3" in i or "stage4" in i}
    assert result.figure("escalations.stage_days_stage1_median").unit == "working_days"


def test_concerns_by_service_and_legal_advice(tmp_path: Path) -> None:
    result = _built(tmp_path).section("escalations")
    table = next(b for b in result.breakdowns if b.id == "escalations.by_service")
    # SWT D1, fost (any case) D2, LEGAL D5, XX D3 -> Other, blank D4 and D6 -> Not recorded
    assert dict(zip(table.categories, table.series["Concerns"], strict=True)) == {
        "Social work team": 1,
        "Fostering service": 1,
        "Legal services": 1,
        "Other": 1,
        "Not recorded": 2,
    }
    assert sum(table.series["Concerns"]) == result.figure("escalations.raised").value == 6
    # LEGAL_ADVICE Y: D1 only
    assert result.figure("escalations.legal_advice_referrals").value == 1


def test_bad_stage_dates_and_unlisted_services_are_reported(tmp_path: Path) -> None:
    issues = _built(tmp_path).issues
    stage = issues.loc[issues["rule"] == "stage-dates"]
    # D5 is the fifth data row: row 6 (the header is row 1)
    assert list(
        zip(stage["row"], stage["column"], stage["value"], stage["severity"], strict=True)
    ) == [(6, "STAGE1_DATE", "01/08/2024", "error")]
    assert "expected RAISED <= STAGE1_DATE" in stage["message"].iloc[0]
    unlisted = issues.loc[issues["rule"] == "code-unlisted"]
    assert list(zip(unlisted["row"], unlisted["value"], unlisted["severity"], strict=True)) == [
        (4, "XX", "warning")
    ]
    assert "SWT, FOST, LEGAL" in unlisted["message"].iloc[0]


def test_a_stage_date_above_the_stage_reached_is_an_error(tmp_path: Path) -> None:
    rows = [concern("D1", "03/06/2024", STAGE2_DATE="10/06/2024", resolved="21/06/2024")]
    issues = _built(tmp_path, rows=rows).issues
    stage = issues.loc[issues["rule"] == "stage-dates"]
    assert list(zip(stage["row"], stage["column"], strict=True)) == [(2, "STAGE2_DATE")]
    assert "above the STAGE_REACHED" in stage["message"].iloc[0]


def test_a_legal_advice_flag_that_is_not_y_or_n_is_reported(tmp_path: Path) -> None:
    rows = [concern("D1", "03/06/2024", resolved="04/06/2024", LEGAL_ADVICE="Maybe")]
    built = _built(tmp_path, rows=rows)
    bad = built.issues.loc[built.issues["column"] == "LEGAL_ADVICE"]
    assert list(zip(bad["row"], bad["value"], bad["severity"], strict=True)) == [
        (2, "Maybe", "error")
    ]
    # the flag in error is not counted as a referral: 0
    assert built.section("escalations").figure("escalations.legal_advice_referrals").value == 0


def test_without_the_new_columns_each_figure_is_left_out_with_a_note(tmp_path: Path) -> None:
    rows = [{c: r[c] for c in ESCALATIONS} for r in ROWS]
    result = _built(tmp_path, ESCALATIONS, rows).section("escalations")
    assert not any(b.id == "escalations.by_service" for b in result.breakdowns)
    ids = {f.id for f in result.figures}
    assert "escalations.legal_advice_referrals" not in ids
    assert not {i for i in ids if i.startswith("escalations.stage_days_")}
    notes = " ".join(result.notes)
    assert "RAISED_WITH" in notes and "LEGAL_ADVICE" in notes and "STAGE1_DATE" in notes
    assert result.figure("escalations.raised").value == 6  # the rest as before


def test_stage_days_on_a_tiny_frame() -> None:
    # Raised Mon 03/06/2024 and resolved the same day at the informal stage: 0 working days.
    # Raised Mon 03/06/2024, stage 1 Thu 06/06 (3), resolved Mon 10/06 (Fri 1, Mon 2).
    day = pd.Timestamp
    frame = pd.DataFrame(
        {
            "RAISED": [day("2024-06-03"), day("2024-06-03")],
            "RESOLVED": [day("2024-06-03"), day("2024-06-10")],
            "STAGE_REACHED": ["INFORMAL", "STAGE1"],
            "STAGE1_DATE": [pd.NaT, day("2024-06-06")],
        }
    )
    days = stage_days(frame)
    assert list(days["INFORMAL"]) == [0, 3]
    assert list(days["STAGE1"]) == [2]
    assert days["STAGE2"].empty


def test_a_stage_few_concerns_went_through_has_its_median_only(tmp_path: Path) -> None:
    # With the threshold at 2: stage 1 and stage 2 had 2 concerns each (<= 2): median only;
    # the informal stage had 3: median, lowest and highest. A note says why.
    write_local(tmp_path / "data", "escalations", DETAIL, ROWS)
    extra = SERVICES.replace("suppression_threshold: 1", "suppression_threshold: 2")
    result = build(tmp_path, {2025: YEAR_2025}, extra=extra).section("escalations")
    ids = {f.id for f in result.figures if f.id.startswith("escalations.stage_days_")}
    assert ids == {
        "escalations.stage_days_informal_median",
        "escalations.stage_days_informal_lowest",
        "escalations.stage_days_informal_highest",
        "escalations.stage_days_stage1_median",
        "escalations.stage_days_stage2_median",
    }
    assert any("only when more than 2 concerns" in n for n in result.notes)
