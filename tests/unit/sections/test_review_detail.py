"""Reviews in detail (issue 12 item 3): month by month, reasons for lateness, review records.

Report year 2024-25. The children and their reviews (all assessable; data from 1 April 2023):
  C1 starts Mon 01/07/2024: 1st due 29/07, held 29/07 (on time); 2nd due 29/10, held Wed
     30/10/2024 (late).
  C2 starts Mon 02/09/2024: 1st due 30/09, held Fri 27/09 (on time); 2nd due 27/12, held Fri
     20/12/2024 (on time).
  C6 starts 26/02/2024: 1st due 25/03/2024, held 05/04/2024 (late); 2nd due 05/07, held
     05/07/2024 (on time); 3rd due 05/01/2025, held 03/01/2025 (on time).
By month held: Apr late 1; Jul on time 2; Sep on time 1; Oct late 1; Dec on time 1; Jan on
time 1; the other months 0. Totals: on time 5, late 2, not assessable 0.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import Built, build, child, episode, review, spread, write_local

EXTRAS = [
    "CHILD",
    "REVIEW",
    "IRO_ID",
    "PARENT_PARTICIPATION",
    "SEEN_BEFORE",
    "LATE_REASON",
    "RECORD_DATE",
]
CONFIG = (
    "rules:\n  review_record_working_days: 10\n"
    "publishing:\n  late_review_reasons:\n    IRO: IRO not available\n"
    "    FAM: Family or child unavailable\n"
)
HEADER = [child(c, "01/01/2012", "F") for c in ("C1", "C2", "C6")]
EPISODES = [episode("C1", "01/07/2024"), episode("C2", "02/09/2024"), episode("C6", "26/02/2024")]
REVIEWS = [
    review("C1", "29/07/2024"),
    review("C1", "30/10/2024"),
    review("C2", "27/09/2024"),
    review("C2", "20/12/2024"),
    review("C6", "05/04/2024"),
    review("C6", "05/07/2024"),
    review("C6", "03/01/2025"),
]
# Record due 10 working days after the review (the review is day 0):
#   C1 Mon 29/07/2024 -> Mon 12/08/2024; recorded 12/08 (the last day)     -> within
#   C1 Wed 30/10/2024 -> Wed 13/11/2024; recorded 14/11                    -> not within
#   C2 Fri 27/09/2024 -> Fri 11/10/2024; no record date                    -> not within
#   C2 Fri 20/12/2024 -> 23, 24, (25, 26 bank holidays), 27, 30, 31, (1 Jan), 2, 3, 6, 7, 8
#      -> Wed 08/01/2025; recorded 08/01/2025                              -> within
#   C6 05/04/2024: recorded 01/04/2024, before the review                 -> left out (note)
#   C6 05/07/2024 and 03/01/2025: no row in the extract                    -> not counted
#   C9: no such review                                                     -> not counted
# Reviews with a row: 4 (C1 x2, C2 x2); within: 2 -> 50%.
# Late reasons: C1 30/10 IRO (listed), C6 05/04 XYZ (not listed: Other).
ROWS = [
    {"CHILD": "C1", "REVIEW": "29/07/2024", "RECORD_DATE": "12/08/2024"},
    {"CHILD": "C1", "REVIEW": "30/10/2024", "LATE_REASON": "IRO", "RECORD_DATE": "14/11/2024"},
    {"CHILD": "C2", "REVIEW": "27/09/2024"},
    {"CHILD": "C2", "REVIEW": "20/12/2024", "RECORD_DATE": "08/01/2025"},
    {"CHILD": "C6", "REVIEW": "05/04/2024", "LATE_REASON": "XYZ", "RECORD_DATE": "01/04/2024"},
    {"CHILD": "C9", "REVIEW": "05/05/2024", "RECORD_DATE": "06/05/2024"},
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("review_detail")
    write_local(tmp / "data", "review_extras", EXTRAS, ROWS)
    return build(tmp, spread(HEADER, EPISODES, REVIEWS, (2024, 2025)), extra=CONFIG)


def test_reviews_by_month(built: Built) -> None:
    table = built.breakdown("reviews", "reviews.by_month")
    assert table.categories[0] == "Apr 2024" and table.categories[-1] == "Mar 2025"
    on_time = dict(zip(table.categories, table.series["On time"], strict=True))
    late = dict(zip(table.categories, table.series["Late"], strict=True))
    assert {m: n for m, n in on_time.items() if n} == {
        "Jul 2024": 2,
        "Sep 2024": 1,
        "Dec 2024": 1,
        "Jan 2025": 1,
    }
    assert {m: n for m, n in late.items() if n} == {"Apr 2024": 1, "Oct 2024": 1}
    assert sum(table.series["Not assessable"]) == 0
    assert table.row_totals


def test_late_reviews_by_reason(built: Built) -> None:
    table = built.breakdown("reviews", "reviews.late_by_reason")
    # Listed reasons always shown in config order (0 included); Other only when used.
    assert table.categories == ["IRO not available", "Family or child unavailable", "Other"]
    assert table.series["Reviews"] == [1, 0, 1]


def test_review_records_within_the_working_days(built: Built) -> None:
    fig = built.figure("reviews", "reviews.record_within_target")
    assert (fig.numerator, fig.denominator) == (2, 4)
    assert fig.value == pytest.approx(50.0)
    assert "10 working days" in fig.label
    notes = built.section("reviews").notes
    assert any("1 review record(s)" in n and "before their review" in n for n in notes)


def test_without_the_extract_reasons_and_records_are_off_with_a_note(tmp_path: Path) -> None:
    plain = build(tmp_path, spread(HEADER, EPISODES, REVIEWS, (2024, 2025)))
    result = plain.section("reviews")
    assert "reviews.late_by_reason" not in [b.id for b in result.breakdowns]
    assert "reviews.record_within_target" not in [f.id for f in result.figures]
    assert any("review_extras.csv" in n for n in result.notes)
    assert "reviews.by_month" in [b.id for b in result.breakdowns]  # from the 903 alone


def test_an_extract_without_the_new_columns_says_so(tmp_path: Path) -> None:
    old = ["CHILD", "REVIEW", "IRO_ID", "PARENT_PARTICIPATION", "SEEN_BEFORE"]
    write_local(tmp_path / "data", "review_extras", old, [{"CHILD": "C1", "REVIEW": "29/07/2024"}])
    built = build(tmp_path, spread(HEADER, EPISODES, REVIEWS, (2024, 2025)))
    result = built.section("reviews")
    assert "reviews.late_by_reason" not in [b.id for b in result.breakdowns]
    assert any("LATE_REASON" in n for n in result.notes)
    assert any("RECORD_DATE" in n for n in result.notes)
