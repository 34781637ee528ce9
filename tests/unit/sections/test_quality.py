"""Quality assurance section: midway reviews, IRO contact before reviews, parents taking part.

Reporting year 2024-25 (1 April 2024 to 31 March 2025). Six months before 31 March 2025 is
30 September 2024. Expected values are worked out by hand in the comments.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import (
    MIDWAY_REVIEWS,
    REVIEW_EXTRAS,
    Built,
    build,
    child,
    episode,
    review,
    write_local,
)

# Children:
#   Q1 looked after since 01/01/2023                   midway 15/07/2024
#   Q2 looked after since 30/09/2024 (exactly 6 months) midway 15/03/2024 (last year)
#   Q3 looked after since 01/10/2024 (under 6 months)  midway 01/12/2024
#   Q4 looked after 2022 to 01/03/2025 (ceased)        midway 01/06/2024
#   Q5 short breaks (V4) since 2022                    midway 01/06/2024
#   Q6 looked after since 01/06/2021                   midway 31/03/2025 (last day of year)
HEADER = [child(c, "01/01/2012", "F") for c in ("Q1", "Q2", "Q3", "Q4", "Q5", "Q6")]
EPISODES = [
    episode("Q1", "01/01/2023"),
    episode("Q2", "30/09/2024"),
    episode("Q3", "01/10/2024"),
    episode("Q4", "01/01/2022", dec="01/03/2025", rec="E11"),
    episode("Q5", "01/01/2022", ls="V4"),
    episode("Q6", "01/06/2021"),
]
REVIEWS = [
    review("Q1", "10/06/2024"),
    review("Q1", "05/12/2024"),
    review("Q2", "28/10/2024"),
    review("Q6", "01/08/2024"),
    review("Q6", "20/01/2025"),
]
MIDWAY = [
    {"CHILD": "Q1", "DATE": "15/07/2024", "IRO_ID": "I1"},
    {"CHILD": "Q2", "DATE": "15/03/2024", "IRO_ID": "I1"},
    {"CHILD": "Q3", "DATE": "01/12/2024", "IRO_ID": "I2"},
    {"CHILD": "Q4", "DATE": "01/06/2024", "IRO_ID": "I2"},
    {"CHILD": "Q5", "DATE": "01/06/2024", "IRO_ID": "I2"},
    {"CHILD": "Q6", "DATE": "2025-03-31", "IRO_ID": "I1"},
]
EXTRAS = [
    {"CHILD": "Q1", "REVIEW": "10/06/2024", "PARENT_PARTICIPATION": "Y", "SEEN_BEFORE": "Y"},
    {"CHILD": "Q1", "REVIEW": "05/12/2024", "PARENT_PARTICIPATION": "NA", "SEEN_BEFORE": "N"},
    # No 903 review of Q1 on 11/06/2024 (a mistyped date): not used, noted.
    {"CHILD": "Q1", "REVIEW": "11/06/2024", "PARENT_PARTICIPATION": "Y", "SEEN_BEFORE": "Y"},
    {"CHILD": "Q2", "REVIEW": "28/10/2024", "PARENT_PARTICIPATION": "N", "SEEN_BEFORE": "Yes"},
    {"CHILD": "Q6", "REVIEW": "01/08/2024", "PARENT_PARTICIPATION": "N", "SEEN_BEFORE": ""},
    # Q6's review of 20/01/2025 has no row.
]


def make(tmp: Path, midway: bool = True, extras: bool = True) -> Built:
    if midway:
        write_local(tmp / "data", "midway_reviews", MIDWAY_REVIEWS, MIDWAY)
    if extras:
        write_local(tmp / "data", "review_extras", REVIEW_EXTRAS, EXTRAS)
    return build(tmp, {2025: (HEADER, EPISODES, REVIEWS)})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return make(tmp_path_factory.mktemp("quality"))


def test_the_fixture_loads_without_issues(built: Built) -> None:
    assert built.rules() == []


def test_midway_reviews_of_children_looked_after_six_months_or_more(built: Built) -> None:
    # Looked after at 31 March and in their current period since 30/09/2024 or earlier:
    # Q1, Q2 (started exactly on 30/09/2024), Q6 = 3. Not Q3 (started 01/10/2024), Q4 (ceased
    # 01/03/2025) or Q5 (short breaks).
    # With a midway review dated in the year: Q1 (15/07/2024), Q6 (31/03/2025) = 2; Q2's was
    # on 15/03/2024, last year. 2 / 3 = 66.7%.
    fig = built.figure("quality", "quality.midway_reviews")
    assert (fig.numerator, fig.denominator) == (2, 3)
    assert fig.value == pytest.approx(200 / 3)
    assert fig.base_unit == "children"


def test_midway_reviews_held_counts_every_one_dated_in_the_year(built: Built) -> None:
    # Q1, Q3, Q4, Q5, Q6 = 5 (Q2's is dated last year).
    assert built.figure("quality", "quality.midway_reviews_held").value == 5


def test_seen_before_review(built: Built) -> None:
    # Reviews held in the year with an extras row giving SEEN_BEFORE: Q1 10/06 (Y),
    # Q1 05/12 (N), Q2 28/10 (Yes) = 3; Q6 01/08 has SEEN_BEFORE blank, Q6 20/01 no row,
    # Q1 11/06 matches no review. Seen: 2. 2 / 3 = 66.7%.
    fig = built.figure("quality", "quality.seen_before_review")
    assert (fig.numerator, fig.denominator) == (2, 3)
    assert fig.value == pytest.approx(200 / 3)


def test_parent_participation_leaves_out_not_applicable(built: Built) -> None:
    # Y or N: Q1 10/06 (Y), Q2 28/10 (N), Q6 01/08 (N) = 3; Q1 05/12 is NA. Y: 1. 1 / 3.
    fig = built.figure("quality", "quality.parent_participation")
    assert (fig.numerator, fig.denominator) == (1, 3)
    assert fig.value == pytest.approx(100 / 3)


def test_extras_matching_no_review_are_noted(built: Built) -> None:
    notes = built.section("quality").notes
    assert any(
        n.startswith("1 row(s) of local/review_extras.csv dated in 2024-25 match no") for n in notes
    )


def test_headline_and_chart(built: Built) -> None:
    result = built.section("quality")
    assert result.headline == [
        "quality.midway_reviews",
        "quality.midway_reviews_held",
        "quality.seen_before_review",
        "quality.parent_participation",
    ]
    assert result.charts[0].kind == "trend"
    assert result.charts[0].figures == (
        "quality.midway_reviews",
        "quality.seen_before_review",
        "quality.parent_participation",
    )


def test_a_year_without_midway_reviews_leaves_the_figure_out(built: Built) -> None:
    # 2023-24 has one midway review (Q2's, 15/03/2024), so the figures are shown; 2022-23 has
    # none, so they are left out with a note rather than shown as 0% (the extract may simply
    # not go back that far).
    assert built.section("quality", "2023-24").figure("quality.midway_reviews_held").value == 1
    result = built.section("quality", "2022-23")
    assert "quality.midway_reviews" not in {f.id for f in result.figures}
    assert any("has no midway review dated in 2022-23" in n for n in result.notes)


def test_only_midway_reviews_supplied(tmp_path: Path) -> None:
    result = make(tmp_path, extras=False).section("quality")
    assert [f.id for f in result.figures] == [
        "quality.midway_reviews",
        "quality.midway_reviews_held",
    ]
    assert any("local/review_extras.csv" in n for n in result.notes)


def test_only_review_extras_supplied(tmp_path: Path) -> None:
    result = make(tmp_path, midway=False).section("quality")
    assert [f.id for f in result.figures] == [
        "quality.seen_before_review",
        "quality.parent_participation",
    ]
    assert any("no local/midway_reviews.csv" in n for n in result.notes)


def test_no_quality_data_says_which_files_would_fill_the_section(tmp_path: Path) -> None:
    result = make(tmp_path, midway=False, extras=False).section("quality")
    assert result.figures == [] and result.charts == []
    assert len(result.notes) == 1
    assert "local/midway_reviews.csv" in result.notes[0]
    assert "local/review_extras.csv" in result.notes[0]
