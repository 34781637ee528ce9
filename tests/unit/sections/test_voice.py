"""Voice of the child: feedback (DOMAIN 1, 10, 11).

Reporting year 2024-25 (1 April 2024 to 31 March 2025). Every expected value is worked out by
hand in the comments.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from report.model import SectionResult
from tests.builders import FEEDBACK, Built, answer, build, child, episode, write_local

# Children looked after (903). 2023-24 file: C1 (open), C10 (left 20/02/2024).
# 2024-25 file: C1 (same open episode), C2..C8 in the year.
# Looked after during 2024-25: C1..C8 = 8 (C10 left before 1 April 2024).
YEAR_2024 = (
    [child("C1", "01/01/2010"), child("C10", "01/01/2011")],
    [episode("C1", "01/01/2023"), episode("C10", "01/06/2023", "20/02/2024", "E13")],
    [],
)
YEAR_2025 = (
    [child("C1", "01/01/2010", "M")]
    + [child(c, "01/01/2012", "F") for c in ("C2", "C3", "C4", "C5", "C6", "C7", "C8")],
    [
        episode("C1", "01/01/2023"),
        episode("C2", "15/04/2024"),
        episode("C3", "01/05/2024", "31/07/2024", "E13"),
        episode("C4", "01/06/2024"),
        episode("C5", "01/07/2024"),
        episode("C6", "01/08/2024"),
        episode("C7", "01/09/2024"),
        episode("C8", "31/03/2025"),
    ],
    [],
)

Q1 = "Did you feel listened to?"
Q2 = "Was the review helpful?"
QUESTIONS = f"""\
publishing:
  feedback_sources: [Form, App, Survey]
feedback:
  questions:
    - code: Q1
      text: "{Q1}"
      positive: ["Yes"]
    - code: Q2
      text: "{Q2}"
      positive: ["Yes", "Mostly"]
"""

# Responses (one row per answer):
# R1  10/05/2024 Form   CHILD C1      Q1 Yes, Q2 No
# R2  12/11/2024 App    CHILD C1      Q1 yes (lower case: still positive), Q2 Mostly
# R3  20/06/2024 Form   CHILD C2      Q1 No, Q2 blank (not an answer)
# R4  15/07/2024 App    CHILD C10     Q1 Yes          (C10 was not looked after in 2024-25)
# R5  01/08/2024 Form   PARENT (C3)   Q1 Yes, Q2 Yes  (a parent: not a child respondent)
# R6  05/09/2024 Survey CARER         Q1 No, Q3 free text (Q3 is not declared in config)
# R7  30/03/2024 Form   CHILD C4      Q1 Yes          (2023-24: not counted)
# R8  31/03/2025 Survey PROFESSIONAL  Q2 Yes          (the last day: counted)
# R9  01/04/2025 Form   CHILD C5      Q1 Yes          (2025-26: not counted)
# R10 12/12/2024 (no source) CARER    "did you feel listened to?" (Q1 by its wording) No
ROWS = [
    answer("R1", "10/05/2024", "CHILD", "Q1", "Yes", child_id="C1", source="Form"),
    answer("R1", "10/05/2024", "CHILD", "Q2", "No", child_id="C1", source="Form"),
    answer("R2", "12/11/2024", "CHILD", "Q1", "yes", child_id="C1", source="App"),
    answer("R2", "12/11/2024", "CHILD", "Q2", "Mostly", child_id="C1", source="App"),
    answer("R3", "20/06/2024", "CHILD", "Q1", "No", child_id="C2", source="Form"),
    answer("R3", "20/06/2024", "CHILD", "Q2", "", child_id="C2", source="Form"),
    answer("R4", "15/07/2024", "CHILD", "Q1", "Yes", child_id="C10", source="App"),
    answer("R5", "01/08/2024", "PARENT", "Q1", "Yes", child_id="C3", source="Form"),
    answer("R5", "01/08/2024", "PARENT", "Q2", "Yes", child_id="C3", source="Form"),
    answer("R6", "05/09/2024", "CARER", "Q1", "No", source="Survey"),
    answer("R6", "05/09/2024", "CARER", "Q3", "My IRO was kind", source="Survey"),
    answer("R7", "30/03/2024", "CHILD", "Q1", "Yes", child_id="C4", source="Form"),
    answer("R8", "31/03/2025", "PROFESSIONAL", "Q2", "Yes", source="Survey"),
    answer("R9", "01/04/2025", "CHILD", "Q1", "Yes", child_id="C5", source="Form"),
    answer("R10", "12/12/2024", "CARER", "did you feel listened to?", "No"),
]


def _built(tmp_path: Path, extra: str = QUESTIONS, nation: str = "england") -> Built:
    write_local(tmp_path / "data", "feedback", FEEDBACK, ROWS)
    return build(tmp_path, {2024: YEAR_2024, 2025: YEAR_2025}, nation=nation, extra=extra)


@pytest.fixture
def built(tmp_path: Path) -> Built:
    return _built(tmp_path)


@pytest.fixture
def result(built: Built) -> SectionResult:
    return built.section("voice")


def _series(result: SectionResult, breakdown_id: str) -> dict[str, list[int]]:
    b = next(b for b in result.breakdowns if b.id == breakdown_id)
    return {"categories": b.categories, **b.series}  # type: ignore[dict-item]


def test_the_fixture_loads_without_errors(built: Built) -> None:
    assert built.checked.data.issues.errors == 0


def test_responses_in_the_year(result: SectionResult) -> None:
    # R1, R2, R3, R4, R5, R6, R8, R10 = 8 (R7 is 2023-24, R9 2025-26).
    fig = result.figure("feedback.respondents")
    assert (fig.value, fig.unit) == (8, "responses")


def test_by_respondent(result: SectionResult) -> None:
    # Children R1 R2 R3 R4 = 4; parents R5 = 1; carers R6 R10 = 2; professionals R8 = 1.
    assert _series(result, "feedback.by_respondent") == {
        "categories": ["Children and young people", "Parents", "Carers", "Professionals"],
        "Responses": [4, 1, 2, 1],
    }


def test_by_source_most_frequent_first(result: SectionResult) -> None:
    # Form R1 R3 R5 = 3; App R2 R4 = 2; Survey R6 R8 = 2 (ties alphabetical); R10 none = 1.
    assert _series(result, "feedback.by_source") == {
        "categories": ["Form", "App", "Survey", "Not recorded"],
        "Responses": [3, 2, 2, 1],
    }


def test_share_of_children_looked_after_who_gave_feedback(result: SectionResult) -> None:
    # Children who answered as CHILD in the year: C1 (twice: counted once), C2, C10.
    # Looked after during the year: C1, C2 (C10 left in 2023-24); the parent's response about
    # C3 does not count. 2 / 8 children looked after during the year = 25%.
    fig = result.figure("feedback.respondents_pct_of_cohort")
    assert (fig.numerator, fig.denominator, fig.value) == (2, 8, 25.0)
    assert fig.base_unit == "children"
    assert any("not looked after during the year" in n for n in result.notes)


def test_positive_answers_per_declared_question(result: SectionResult) -> None:
    # Q1 answers: R1 Yes, R2 yes, R3 No, R4 Yes, R5 Yes, R6 No, R10 No (named by its wording)
    #   = 7; positive R1 R2 R4 R5 = 4 -> 4/7.
    # Q2 answers: R1 No, R2 Mostly, R5 Yes, R8 Yes = 4 (R3 blank left out); positive "Yes" or
    #   "Mostly": R2 R5 R8 = 3 -> 3/4 = 75%.
    q1 = result.figure("feedback.positive/Q1")
    assert (q1.label, q1.numerator, q1.denominator) == (Q1, 4, 7)
    assert q1.value == pytest.approx(400 / 7)
    q2 = result.figure("feedback.positive/Q2")
    assert (q2.label, q2.numerator, q2.denominator, q2.value) == (Q2, 3, 4, 75.0)


def test_positive_by_question_breakdown_and_chart(result: SectionResult) -> None:
    # Other answers: Q1 7 - 4 = 3; Q2 4 - 3 = 1.
    b = next(b for b in result.breakdowns if b.id == "feedback.positive_by_question")
    assert b.categories == [Q1, Q2]
    assert b.series == {"Positive": [4, 3], "Other answers": [3, 1]}
    assert (b.row_totals, b.show_pct) == (True, False)
    (chart,) = result.charts
    assert (chart.kind, chart.source) == ("stacked_hbar", "feedback.positive_by_question")


def test_undeclared_questions_are_counted_in_a_note_but_never_quoted(
    result: SectionResult,
) -> None:
    # QUESTION is free text: the page says how many, never what was typed (issue 10)
    assert result.context["undeclared_questions"] == ["Q3"]
    assert any("1 question(s) not declared" in n for n in result.notes)
    assert not any("Q3" in n for n in result.notes)


def test_no_free_text_is_taken_from_the_data(result: SectionResult) -> None:
    # Answers are only counted: quotes come from the narrative, never from the data.
    assert "My IRO was kind" not in repr(result)


def test_without_declared_questions_there_is_a_note_and_no_chart(tmp_path: Path) -> None:
    result = _built(tmp_path, extra="").section("voice")
    assert not [f for f in result.figures if f.id.startswith("feedback.positive/")]
    assert "feedback.positive_by_question" not in [b.id for b in result.breakdowns]
    assert result.charts == []
    assert any("No feedback questions are declared" in n for n in result.notes)
    # Q1, Q2 and Q3 are all undeclared now.
    assert result.context["undeclared_questions"] == ["Q1", "Q2", "Q3", Q1.lower()]


def test_an_earlier_year(built: Built) -> None:
    # 2023-24: R7 only (child C4, who was not looked after in 2023-24: only C1 and C10 were).
    result = built.section("voice", "2023-24")
    assert result.figure("feedback.respondents").value == 1
    fig = result.figure("feedback.respondents_pct_of_cohort")
    assert (fig.numerator, fig.denominator) == (0, 2)


def test_a_trend_year_before_the_records_begin_has_no_figures(built: Built) -> None:
    # The earliest response is R7, 30/03/2024: 2022-23 is not covered (a gap, not zeros).
    result = built.section("voice", "2022-23")
    assert result.figures == [] and result.breakdowns == []
    assert any("no records this early" in n for n in result.notes)
