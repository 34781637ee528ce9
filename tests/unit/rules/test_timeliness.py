"""Review schedules (DOMAIN 4, 11): due dates worked out by hand from the rules.

England: 1st review within 20 working days of the start of care, 2nd within 3 months of the
1st, later ones within 6 months of the previous, each from the date actually held; after a
placement for adoption 28 days, 3 months, 6 months. Wales: the 1st within 28 days.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from report.rules.timeliness import REVIEW
from tests.builders import Built, build, child, episode, review, spread, ts


def one_child(
    tmp_path: Path,
    episodes: list[dict[str, str]],
    reviews: list[dict[str, str]],
    collections: tuple[int, ...] = (2025,),
    **options: str,
) -> Built:
    """Child "C1" (born 01/01/2012) with these episodes and reviews, in their 903 years."""
    header = [child("C1", "01/01/2012", "F")]
    return build(tmp_path, spread(header, episodes, reviews, collections), **options)


def outcomes(built: Built) -> list[tuple[pd.Timestamp, pd.Timestamp, bool, str]]:
    """(review date, due date, on time, sequence) of each of C1's reviews."""
    rv = built.child_reviews("C1")
    return list(zip(rv["DATE"], rv["DUE"], rv["ON_TIME"], rv["SEQUENCE"], strict=True))


def due_rows(built: Built) -> list[tuple[pd.Timestamp, bool, bool]]:
    """(due date, really due, met) of each of C1's assessable due dates."""
    d = built.history.due.sort_values("DUE")
    d = d.loc[d["CHILD"] == "C1"]
    return list(zip(d["DUE"], d["IS_DUE"], d["MET"], strict=True))


@pytest.mark.parametrize(
    ("reviews", "held", "due", "on_time"),
    [
        # 1st review: start Fri 20/12/2024; + 20 working days (Christmas and New Year bank
        # holidays skipped) = Wed 22/01/2025.
        ([], "22/01/2025", "22/01/2025", True),
        ([], "23/01/2025", "22/01/2025", False),
        # 2nd review: 1st held Fri 27/12/2024 (on time); + 3 months = 27/03/2025.
        (["27/12/2024"], "27/03/2025", "27/03/2025", True),
        (["27/12/2024"], "28/03/2025", "27/03/2025", False),
    ],
)
def test_a_review_on_the_due_date_is_on_time_and_the_day_after_is_late(
    tmp_path: Path, reviews: list[str], held: str, due: str, on_time: bool
) -> None:
    built = one_child(
        tmp_path, [episode("C1", "20/12/2024")], [review("C1", d) for d in [*reviews, held]]
    )
    last = outcomes(built)[-1]
    assert last[:3] == (ts(held), ts(due), on_time)


@pytest.mark.parametrize(
    ("start", "first_review", "due", "collections", "year"),
    [
        # Christmas: Fri 20/12/2024 + 20 working days = Wed 22/01/2025 (23, 24, 27, 30, 31 Dec,
        # 2, 3 Jan = 7; 6-10 = 12; 13-17 = 17; 20, 21, 22 = 20; 25/26 Dec, 1 Jan skipped).
        ("20/12/2024", "22/01/2025", "22/01/2025", (2025,), "2024-25"),
        # Easter 2024 (start in last year's file): Wed 20/03/2024: 21, 22, 25-28 Mar = 6; Good
        # Friday 29/03 and Easter Monday 01/04 skipped; 2-5 Apr = 10; 8-12 = 15; 15-19 = 20.
        ("20/03/2024", "19/04/2024", "19/04/2024", (2024, 2025), "2024-25"),
        # Easter 2025: Mon 14/04/2025: 15-17 Apr = 3; 18 and 21 Apr skipped; 22-25 = 7;
        # 28-30 Apr, 1-2 May = 12; May Day 05/05 skipped; 6-9 May = 16; 12-15 May = 20.
        ("14/04/2025", "15/05/2025", "15/05/2025", (2026,), "2025-26"),
        # Care starts on Easter Monday 01/04/2024, the first day of the data: Tue 2 Apr is day
        # 1; 2-5 Apr = 4; 8-12 = 9; 15-19 = 14; 22-26 = 19; Mon 29 Apr = 20. Assessable.
        ("01/04/2024", "29/04/2024", "29/04/2024", (2025,), "2024-25"),
    ],
)
def test_first_review_is_due_20_working_days_after_care_starts(
    tmp_path: Path,
    start: str,
    first_review: str,
    due: str,
    collections: tuple[int, ...],
    year: str,
) -> None:
    built = one_child(
        tmp_path,
        [episode("C1", start)],
        [review("C1", first_review)],
        collections,
        year=year,
    )
    assert outcomes(built) == [(ts(first_review), ts(due), True, "first")]
    assert built.figure("reviews", "reviews.on_time").value == 100.0


@pytest.mark.parametrize(
    ("nation", "extra", "due", "on_time"),
    [
        # England: Fri 20/12/2024 + 20 working days = 22/01/2025: 20/01/2025 is on time.
        ("england", "", "22/01/2025", True),
        # Wales: 28 calendar days: 11 days to 31/12, 17 more = Fri 17/01/2025: late.
        ("wales", "", "17/01/2025", False),
        # Wales with the setting at 15 days: 20/12/2024 + 15 = 04/01/2025 (a Saturday; never
        # moved).
        ("wales", "rules:\n  wales_first_review_days: 15\n", "04/01/2025", False),
    ],
)
def test_wales_first_review_is_due_28_days_after_care_starts(
    tmp_path: Path, nation: str, extra: str, due: str, on_time: bool
) -> None:
    built = one_child(
        tmp_path,
        [episode("C1", "20/12/2024")],
        [review("C1", "20/01/2025")],
        nation=nation,
        extra=extra,
    )
    assert outcomes(built) == [(ts("20/01/2025"), ts(due), on_time, "first")]


def test_second_and_later_reviews_in_wales_follow_the_english_months(tmp_path: Path) -> None:
    # Wales: start 02/09/2024, 1st due 30/09/2024 (28 days), held 27/09/2024; 2nd due
    # 27/12/2024 (3 months), held 20/12/2024; 3rd due 20/06/2025 (6 months).
    built = one_child(
        tmp_path,
        [episode("C1", "02/09/2024")],
        [review("C1", "27/09/2024"), review("C1", "20/12/2024")],
        nation="wales",
    )
    assert [o[1] for o in outcomes(built)] == [ts("30/09/2024"), ts("27/12/2024")]
    assert [d[0] for d in due_rows(built)][-1] == ts("20/06/2025")


def test_the_previous_review_can_be_in_last_years_file(tmp_path: Path) -> None:
    # Start Mon 03/07/2023 (2024 file): 4-7 Jul = 4, 10-14 = 9, 17-21 = 14, 24-28 = 19,
    # Mon 31/07/2023 = 20. 1st held 27/07/2023; 2nd due 27/10/2023, held 20/10/2023 (both in
    # the 2024 file); 3rd due 20/04/2024 (6 months), held 15/04/2024 (2025 file): on time;
    # 4th due 15/10/2024, held 16/10/2024: late.
    built = one_child(
        tmp_path,
        [episode("C1", "03/07/2023")],
        [review("C1", d) for d in ("27/07/2023", "20/10/2023", "15/04/2024", "16/10/2024")],
        (2024, 2025),
    )
    assert outcomes(built) == [
        (ts("27/07/2023"), ts("31/07/2023"), True, "first"),
        (ts("20/10/2023"), ts("27/10/2023"), True, "second"),
        (ts("15/04/2024"), ts("20/04/2024"), True, "later"),
        (ts("16/10/2024"), ts("15/10/2024"), False, "later"),
    ]
    on_time = built.figure("reviews", "reviews.on_time")
    assert (on_time.numerator, on_time.denominator) == (1, 2)  # 2024-25: 15/04 yes, 16/10 no


def test_six_months_after_31_august_is_the_end_of_february(tmp_path: Path) -> None:
    # Start Mon 01/07/2024: 2-5 Jul = 4, 8-12 = 9, 15-19 = 14, 22-26 = 19, Mon 29/07 = 20.
    # 1st 26/07/2024 -> 2nd due 26/10/2024, held early 31/08/2024 -> 3rd due 31/08/2024 +
    # 6 months = 28/02/2025 (no 31 or 29 Feb in 2025): held 28/02/2025, on time.
    built = one_child(
        tmp_path,
        [episode("C1", "01/07/2024")],
        [review("C1", d) for d in ("26/07/2024", "31/08/2024", "28/02/2025")],
    )
    assert outcomes(built) == [
        (ts("26/07/2024"), ts("29/07/2024"), True, "first"),
        (ts("31/08/2024"), ts("26/10/2024"), True, "second"),
        (ts("28/02/2025"), ts("28/02/2025"), True, "later"),
    ]


def test_a_late_review_resets_the_clock(tmp_path: Path) -> None:
    # Start 01/07/2024, 1st due 29/07/2024 but held 09/08/2024 (late). The 2nd is due 3 months
    # after the day it was held: 09/11/2024 (not 29/10/2024), so 08/11/2024 is on time.
    built = one_child(
        tmp_path,
        [episode("C1", "01/07/2024")],
        [review("C1", "09/08/2024"), review("C1", "08/11/2024")],
    )
    assert outcomes(built) == [
        (ts("09/08/2024"), ts("29/07/2024"), False, "first"),
        (ts("08/11/2024"), ts("09/11/2024"), True, "second"),
    ]
    # Late once: the missed 29/07 is the only due date not met; the next runs 6 months from
    # 08/11/2024 = 08/05/2025.
    assert due_rows(built) == [
        (ts("29/07/2024"), True, False),
        (ts("09/11/2024"), True, True),
        (ts("08/05/2025"), True, False),
    ]


@pytest.mark.parametrize(
    ("reviews", "due", "on_time"),
    [
        # Early: 1st 10/07/2024 (due 29/07); 2nd due 10/10/2024, held early on 10/09/2024; the
        # 3rd is due 6 months after 10/09/2024 = 10/03/2025 (not after 10/10/2024), so
        # 20/03/2025 is late.
        (["10/07/2024", "10/09/2024", "20/03/2025"], "10/03/2025", False),
        # Extra: 1st 10/07/2024; an extra review 17/07/2024 counts as the 2nd; the 3rd is due
        # 6 months later, 17/01/2025, so 20/01/2025 is late.
        (["10/07/2024", "17/07/2024", "20/01/2025"], "17/01/2025", False),
        (["10/07/2024", "17/07/2024", "17/01/2025"], "17/01/2025", True),
    ],
)
def test_an_early_or_extra_review_resets_the_clock(
    tmp_path: Path, reviews: list[str], due: str, on_time: bool
) -> None:
    built = one_child(tmp_path, [episode("C1", "01/07/2024")], [review("C1", d) for d in reviews])
    result = outcomes(built)
    assert [r[2] for r in result[:2]] == [True, True]
    assert result[2] == (ts(reviews[2]), ts(due), on_time, "later")


def test_a_new_period_of_care_restarts_the_schedule(tmp_path: Path) -> None:
    # Period 1: 01/07/2024 - 16/08/2024 (E13), 1st review 25/07/2024 (due 29/07). Its next
    # (3 months: 25/10/2024) is not due: the child left on 16/08.
    # Period 2 starts Mon 02/09/2024: 3-6 Sep = 4, 9-13 = 9, 16-20 = 14, 23-27 = 19,
    # Mon 30/09 = 20. The review on 01/10/2024 is that period's 1st: late (it would have been
    # on time as a 2nd review due 25/10/2024).
    built = one_child(
        tmp_path,
        [episode("C1", "01/07/2024", "16/08/2024", "E13"), episode("C1", "02/09/2024")],
        [review("C1", "25/07/2024"), review("C1", "01/10/2024")],
    )
    assert outcomes(built) == [
        (ts("25/07/2024"), ts("29/07/2024"), True, "first"),
        (ts("01/10/2024"), ts("30/09/2024"), False, "first"),
    ]
    assert built.history.reviews["PERIOD_ID"].nunique() == 2
    assert (ts("25/10/2024"), False, False) in due_rows(built)


def test_placement_for_adoption_restarts_the_schedule(tmp_path: Path) -> None:
    # Start Mon 03/06/2024 (U1): 4-7 Jun = 4, 10-14 = 9, 17-21 = 14, 24-28 = 19, Mon 01/07 = 20.
    #   25/06/2024 1st, due 01/07/2024, on time
    #   20/09/2024 2nd, due 25/09/2024 (3 months), on time; the 3rd would be due 20/03/2025
    #   15/10/2024 placed for adoption (E1, A4): restart, due 15/10 + 28 days = 12/11/2024
    #   12/11/2024 1st after placement, on the due date: on time
    #   10/02/2025 due 12/02/2025 (3 months), on time; the next is due 10/08/2025 (6 months)
    built = one_child(
        tmp_path,
        [
            episode("C1", "03/06/2024", "15/10/2024", "X1"),
            episode("C1", "15/10/2024", rne="P", ls="E1", place="A4"),
        ],
        [review("C1", d) for d in ("25/06/2024", "20/09/2024", "12/11/2024", "10/02/2025")],
    )
    assert outcomes(built) == [
        (ts("25/06/2024"), ts("01/07/2024"), True, "first"),
        (ts("20/09/2024"), ts("25/09/2024"), True, "second"),
        (ts("12/11/2024"), ts("12/11/2024"), True, "adoption_first"),
        (ts("10/02/2025"), ts("12/02/2025"), True, "second"),
    ]
    assert due_rows(built) == [
        (ts("01/07/2024"), True, True),
        (ts("25/09/2024"), True, True),
        (ts("12/11/2024"), True, True),
        (ts("12/02/2025"), True, True),
        (ts("20/03/2025"), False, False),  # superseded by the placement on 15/10/2024
        (ts("10/08/2025"), True, False),
    ]
    assert built.figure("reviews", "reviews.children_all_on_time").value == 100.0


def test_a_placement_for_adoption_reviewed_late_is_late(tmp_path: Path) -> None:
    # Placed for adoption 15/10/2024: the review is due 12/11/2024; 13/11/2024 is late.
    built = one_child(
        tmp_path,
        [
            episode("C1", "03/06/2024", "15/10/2024", "X1"),
            episode("C1", "15/10/2024", rne="P", ls="E1", place="A4"),
        ],
        [review("C1", "25/06/2024"), review("C1", "13/11/2024")],
    )
    assert outcomes(built)[-1] == (ts("13/11/2024"), ts("12/11/2024"), False, "adoption_first")


@pytest.mark.parametrize(
    ("left", "is_due"),
    [
        ("20/09/2024", False),  # left before the 1st review was due: nothing due
        ("30/09/2024", False),  # left ON the due date: not due (DOMAIN 11)
        ("01/10/2024", True),  # still looked after after it: due, and missed
    ],
)
def test_a_review_is_due_only_if_the_child_is_still_looked_after_after_the_due_date(
    tmp_path: Path, left: str, is_due: bool
) -> None:
    # Start Mon 02/09/2024: 1st review due Mon 30/09/2024 (20 working days, see above).
    built = one_child(tmp_path, [episode("C1", "02/09/2024", left, "E13")], [])
    assert due_rows(built) == [(ts("30/09/2024"), is_due, False)]


def test_care_begun_before_the_data_makes_the_first_reviews_seen_not_assessable(
    tmp_path: Path,
) -> None:
    # Data begin 01/04/2024 (collection 2025 only). Care began 10/01/2020: reviews before the
    # data may exist, so the 1st review seen (20/05/2024) could be a 2nd or later, its own due
    # date is unknown and so is the gap to the next (3 or 6 months): 10/11/2024 cannot be
    # assessed either. 10/11/2024 is at least the 2nd review, so the next is due 6 months
    # later, 10/05/2025: 05/03/2025 is on time.
    built = one_child(
        tmp_path,
        [episode("C1", "10/01/2020")],
        [review("C1", d) for d in ("20/05/2024", "10/11/2024", "05/03/2025")],
    )
    rv = built.child_reviews("C1")
    assert rv["ASSESSABLE"].tolist() == [False, False, True]
    assert rv["SEQUENCE"].tolist() == ["unknown", "unknown", "later"]
    assert rv["DUE"].iloc[2] == ts("10/05/2025") and bool(rv["ON_TIME"].iloc[2])
    assert not rv["ON_TIME"].iloc[:2].any()  # not assessable is never "on time"
    # Due dates: only from 10/11/2024 on (10/05/2025, met on 05/03/2025) and from
    # 05/03/2025 (+ 6 months = 05/09/2025).
    assert due_rows(built) == [(ts("10/05/2025"), True, True), (ts("05/09/2025"), True, False)]


def test_events_are_ordered_start_then_reviews_on_the_same_day(tmp_path: Path) -> None:
    # A review on the day care starts is the 1st review, due 20 working days later.
    built = one_child(tmp_path, [episode("C1", "02/09/2024")], [review("C1", "02/09/2024")])
    assert outcomes(built) == [(ts("02/09/2024"), ts("30/09/2024"), True, "first")]
    ev = built.history.events
    assert ev.loc[ev["TYPE"] == REVIEW, "K"].tolist() == [1]
