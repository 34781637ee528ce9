"""Reviews held and their timeliness: review level, child level, overdue (DOMAIN 4, 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import Built, build, child, episode, review, spread

# Report year 2024-25. Working-day sums (20 working days, day 0 = the start):
#   Mon 01/07/2024 -> Mon 29/07/2024 (2-5 Jul 4, 8-12 9, 15-19 14, 22-26 19, 29 = 20)
#   Mon 02/09/2024 -> Mon 30/09/2024 (3-6 Sep 4, 9-13 9, 16-20 14, 23-27 19, 30 = 20)
#   Mon 26/02/2024 -> Mon 25/03/2024 (27-29 Feb, 1 Mar 4, 4-8 9, 11-15 14, 18-22 19, 25 = 20)
#   Mon 02/12/2024 -> Thu 02/01/2025 (3-6 Dec 4, 9-13 9, 16-20 14, 23-24 16, 25/26 Dec off,
#                     27 17, 30-31 19, 1 Jan off, 2 Jan = 20)
#   Mon 03/02/2025 -> Mon 03/03/2025 (4-7 Feb 4, 10-14 9, 17-21 14, 24-28 19, 3 Mar = 20)
#   Mon 03/03/2025 -> Mon 31/03/2025 (4-7 Mar 4, 10-14 9, 17-21 14, 24-28 19, 31 = 20)


def figure(built: Built, figure_id: str, year: str | None = None) -> tuple[float | None, ...]:
    f = built.figure("reviews", figure_id, year)
    return (f.value, f.numerator, f.denominator) if f.unit == "percent" else (f.value,)


@pytest.fixture(scope="module")
def per_child(tmp_path_factory: pytest.TempPathFactory) -> Built:
    # C1 start 01/07/2024: 1st due 29/07, held 29/07 (on time); 2nd due 29/10/2024, held
    #    30/10/2024 (late); next due 30/04/2025 (after the year). Two due in the year, one
    #    missed: not all on time.
    # C2 start 02/09/2024: 1st due 30/09, held 27/09; 2nd due 27/12/2024, held 20/12/2024;
    #    next 20/06/2025. All on time.
    # C3 start 02/09/2024, left 20/09/2024: left before the 1st review was due.
    # C4 start 02/09/2024, left 30/09/2024: left on the due date: not due.
    # C5 start 02/09/2024, left 01/10/2024 with no review: due 30/09, missed.
    # C6 start 26/02/2024 (2024 file): 1st due 25/03/2024 (2023-24), held late 05/04/2024;
    #    2nd due 05/07/2024, held 05/07/2024; 3rd due 05/01/2025, held 03/01/2025. Due in
    #    2024-25: 05/07 and 05/01, both met: all on time (the late review was due last year).
    header = [child(f"C{i}", "01/01/2012", "F") for i in range(1, 7)]
    episodes = [
        episode("C1", "01/07/2024"),
        episode("C2", "02/09/2024"),
        episode("C3", "02/09/2024", "20/09/2024", "E13"),
        episode("C4", "02/09/2024", "30/09/2024", "E13"),
        episode("C5", "02/09/2024", "01/10/2024", "E13"),
        episode("C6", "26/02/2024"),
    ]
    reviews = [
        review("C1", "29/07/2024"),
        review("C1", "30/10/2024"),
        review("C2", "27/09/2024"),
        review("C2", "20/12/2024"),
        review("C6", "05/04/2024"),
        review("C6", "05/07/2024"),
        review("C6", "03/01/2025"),
    ]
    tmp = tmp_path_factory.mktemp("per_child")
    return build(tmp, spread(header, episodes, reviews, (2024, 2025)))


def test_children_all_on_time_needs_every_review_due_in_the_year_on_time(per_child: Built) -> None:
    # Denominator: C1, C2, C5, C6 (C3, C4 had nothing due). All on time: C2, C6. 2 / 4.
    assert figure(per_child, "reviews.children_all_on_time") == (50.0, 2, 4)
    # 2023-24: only C6 had a review due (25/03/2024), held late: 0 / 1.
    assert figure(per_child, "reviews.children_all_on_time", "2023-24") == (0.0, 0, 1)


def test_review_level_on_time(per_child: Built) -> None:
    # Held in 2024-25: C1 29/07 (on time), 30/10 (late); C2 27/09, 20/12 (on time);
    # C6 05/04 (late), 05/07, 03/01 (on time) = 7 held, 5 on time, all assessable.
    assert figure(per_child, "reviews.held") == (7,)
    assert figure(per_child, "reviews.on_time") == (100 * 5 / 7, 5, 7)
    assert figure(per_child, "reviews.not_assessable") == (0,)
    assert figure(per_child, "reviews.overdue_at_period_end") == (0,)


def test_overdue_at_31_march(tmp_path: Path) -> None:
    starts = {"O1": "02/12/2024", "O2": "02/12/2024", "O3": "02/12/2024", "O8": "02/12/2024"}
    starts |= {"O4": "03/03/2025", "O6": "03/02/2025", "O7": "03/02/2025"}
    starts |= {"O9": "10/01/2020", "O10": "10/01/2020", "O11": "10/01/2020"}
    episodes = [episode(c, d) for c, d in starts.items()]
    episodes.append(episode("O5", "02/12/2024", "20/03/2025", "E13"))
    reviews = [
        # O1: 1st 30/12/2024 -> 2nd due 30/03/2025, not held: overdue (before 31 March).
        review("O1", "30/12/2024"),
        # O2: 1st 31/12/2024 -> 2nd due 31/03/2025: due ON 31 March is not overdue.
        review("O2", "31/12/2024"),
        # O3: 2nd held on its due date 30/03/2025: not overdue.
        review("O3", "30/12/2024"),
        review("O3", "30/03/2025"),
        # O8: 2nd due 30/03/2025 held late on 31/03/2025: held by then, not overdue.
        review("O8", "30/12/2024"),
        review("O8", "31/03/2025"),
        # O4: start 03/03/2025, 1st due 31/03/2025: not overdue.
        # O5: 2nd due 30/03/2025 but left care on 20/03/2025: not looked after at 31 March.
        review("O5", "30/12/2024"),
        # O6: start 03/02/2025, 1st due 03/03/2025, none held: overdue.
        # O7: start 03/02/2025, 1st held late 04/03/2025 -> next due 04/06/2025: not overdue.
        review("O7", "04/03/2025"),
        # O9: in care since 2020, no review since the data began (01/04/2024): a review
        #     before then was at the latest on 31/03/2024, so the next was due by 30/09/2024
        #     at the latest: overdue.
        # O10: in care since 2020, 1st review seen 20/05/2024: next due after 3 or 6 months,
        #     by 20/11/2024 at the latest: overdue.
        review("O10", "20/05/2024"),
        # O11: 1st review seen 15/10/2024: next due 15/01/2025 or 15/04/2025: unknown, not
        #     counted.
        review("O11", "15/10/2024"),
    ]
    header = [child(c, "01/01/2012", "M") for c in [*starts, "O5"]]
    built = build(tmp_path, {2025: (header, episodes, reviews)})
    assert not built.rules()
    assert figure(built, "reviews.overdue_at_period_end") == (4,)  # O1, O6, O9, O10


@pytest.fixture(scope="module")
def sequences(tmp_path_factory: pytest.TempPathFactory) -> Built:
    # Data begin 01/04/2024 (collection 2025 only).
    # N  in care since 10/01/2020: 20/05/2024 and 10/11/2024 cannot be assessed (position
    #    unknown); 05/03/2025 is at least the 3rd, due 10/11/2024 + 6 months = 10/05/2025:
    #    on time, "later".
    # C1 start 01/07/2024: 29/07/2024 1st (due 29/07) on time; 30/10/2024 2nd (due 29/10)
    #    late.
    # AD start 03/06/2024 (1st due 01/07/2024): 25/06/2024 1st on time; 20/09/2024 2nd (due
    #    25/09) on time; placed for adoption 15/10/2024 (due + 28 days = 12/11/2024):
    #    12/11/2024 on time; 10/02/2025 2nd after placement (due 12/02/2025) on time.
    header = [child(c, "01/01/2012", "M") for c in ("N", "C1", "AD")]
    episodes = [
        episode("N", "10/01/2020"),
        episode("C1", "01/07/2024"),
        episode("AD", "03/06/2024", "15/10/2024", "X1"),
        episode("AD", "15/10/2024", rne="P", ls="E1", place="A4"),
    ]
    dates = {
        "N": ("20/05/2024", "10/11/2024", "05/03/2025"),
        "C1": ("29/07/2024", "30/10/2024"),
        "AD": ("25/06/2024", "20/09/2024", "12/11/2024", "10/02/2025"),
    }
    reviews = [review(c, d) for c, days in dates.items() for d in days]
    return build(tmp_path_factory.mktemp("sequences"), {2025: (header, episodes, reviews)})


def test_not_assessable_reviews_are_left_out_of_the_percentage(sequences: Built) -> None:
    # 9 held; N's first two cannot be assessed; of the other 7 only C1's 30/10 is late.
    assert figure(sequences, "reviews.held") == (9,)
    assert figure(sequences, "reviews.not_assessable") == (2,)
    assert figure(sequences, "reviews.on_time") == (100 * 6 / 7, 6, 7)


def test_reviews_by_sequence(sequences: Built) -> None:
    table = sequences.breakdown("reviews", "reviews.by_sequence")
    assert table.categories == [
        "First review",
        "Second review",
        "Third and later reviews",
        "First review after placement for adoption",
        "Position not known (care began before the data)",
    ]
    # first: C1 29/07, AD 25/06; second: AD 20/09, AD 10/02 on time, C1 30/10 late;
    # later: N 05/03; after placement: AD 12/11; not known: N 20/05, 10/11.
    assert table.series == {
        "On time": [2, 2, 1, 1, 0],
        "Late": [0, 1, 0, 0, 0],
        "Not assessable": [0, 0, 0, 0, 2],
    }
    assert figure(sequences, "reviews.on_time_first") == (100.0, 2, 2)
    assert figure(sequences, "reviews.on_time_second") == (100 * 2 / 3, 2, 3)
    assert figure(sequences, "reviews.on_time_later") == (100.0, 1, 1)


def test_by_sequence_always_shows_first_second_and_later(per_child: Built) -> None:
    table = per_child.breakdown("reviews", "reviews.by_sequence")
    assert table.categories == ["First review", "Second review", "Third and later reviews"]
    # C1 29/07 first on time, 30/10 second late; C2 27/09 first, 20/12 second on time; C6
    # 05/04 first late, 05/07 second, 03/01 later on time.
    assert table.series == {"On time": [2, 2, 1], "Late": [1, 1, 0], "Not assessable": [0, 0, 0]}


def test_late_reviews_by_days_late(per_child: Built) -> None:
    # C1 30/10/2024 was 1 day late (due 29/10); C6 05/04/2024 was 11 days late (due 25/03).
    late = per_child.breakdown("reviews", "reviews.late_by_days")
    assert late.series["Reviews"] == [1, 1, 0]


def test_a_review_outside_care_is_an_error_and_not_counted(tmp_path: Path) -> None:
    # E: looked after 01/07/2024 - 30/09/2024. Review 15/06/2024 (row 2) is before care began;
    # 20/07/2024 (row 3) is in care: the 1st, due 29/07, on time; 10/10/2024 (row 4) is after
    # the period ended.
    built = build(
        tmp_path,
        {
            2025: (
                [child("E", "01/01/2012", "F")],
                [episode("E", "01/07/2024", "30/09/2024", "E13")],
                [review("E", "15/06/2024"), review("E", "20/07/2024"), review("E", "10/10/2024")],
            )
        },
    )
    issues = built.issues
    assert issues[["file", "row", "column", "rule", "severity"]].values.tolist() == [
        ["ssda903/2025/reviews.csv", 2, "REVIEW", "review-outside-care", "error"],
        ["ssda903/2025/reviews.csv", 4, "REVIEW", "review-outside-care", "error"],
    ]
    assert figure(built, "reviews.held") == (1,)
    assert figure(built, "reviews.on_time") == (100.0, 1, 1)
    assert built.checked.data.issues.errors == 2


def test_a_review_in_a_short_break_is_an_error_and_not_counted(tmp_path: Path) -> None:
    # S has short breaks only (V3 10-12/05/2024, V4 from 01/09/2024): no 903 reviews. K is
    # looked after from 01/07/2024 and reviewed on 29/07/2024 (due 29/07).
    built = build(
        tmp_path,
        {
            2025: (
                [child("S", "01/01/2015", "M"), child("K", "01/01/2012", "F")],
                [
                    episode("S", "10/05/2024", "12/05/2024", "E13", ls="V3"),
                    episode("S", "01/09/2024", ls="V4"),
                    episode("K", "01/07/2024"),
                ],
                [review("S", "11/05/2024"), review("K", "29/07/2024"), review("S", "01/10/2024")],
            )
        },
    )
    issues = built.issues
    assert issues[["row", "column", "rule", "severity"]].values.tolist() == [
        [2, "REVIEW", "review-short-break", "error"],
        [4, "REVIEW", "review-short-break", "error"],
    ]
    assert figure(built, "reviews.held") == (1,)  # K's only
    assert set(built.history.reviews["CHILD"]) == {"K"}
    assert set(built.history.due["CHILD"]) == {"K"}
    # Only K has reviews due: 29/07/2024 (met) and 29/10/2024 (3 months on; not held).
    assert figure(built, "reviews.children_all_on_time") == (0.0, 0, 1)
