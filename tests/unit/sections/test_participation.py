"""Participation of children in their reviews: the 903 PN codes (DOMAIN 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import Built, build, child, episode, review, spread

# Report year 2024-25. T1 (born 01/01/2010) and T2 (born 01/01/2012) are 12-15 at every
# review; B1 (born 01/06/2023) is 1. All looked after from 01/04/2024.
CODED = {
    "T1": [
        ("10/04/2024", "PN1"),
        ("01/05/2024", "PN2"),
        ("01/06/2024", "PN3"),
        ("01/07/2024", "PN4"),
        ("01/09/2024", "PN5"),
        ("01/11/2024", "PN6"),
        ("01/01/2025", "PN7"),
    ],
    "T2": [("15/04/2024", "PN7")],
    "B1": [("15/04/2024", "PN0")],
}


def coded(tmp_path: Path, extra: str = "") -> Built:
    header = [
        child("T1", "01/01/2010", "F"),
        child("T2", "01/01/2012", "M"),
        child("B1", "01/06/2023", "M"),
    ]
    episodes = [episode(c, "01/04/2024") for c in CODED]
    reviews = [review(c, d, code) for c, rows in CODED.items() for d, code in rows]
    return build(tmp_path, {2025: (header, episodes, reviews)}, extra=extra)


def pct(built: Built, figure_id: str) -> tuple[float | None, float | None, float | None]:
    f = built.figure("participation", figure_id)
    return f.value, f.numerator, f.denominator


def test_participated_is_pn1_to_pn6_over_pn1_to_pn7(tmp_path: Path) -> None:
    # Coded PN1-PN7: 8 (T1 x7, T2 x1); PN0 (B1) is left out. Participated PN1-PN6: 6.
    built = coded(tmp_path)
    assert not built.rules("pn0-age", "pn-under4")
    assert pct(built, "participation.participated") == (75.0, 6, 8)
    assert built.figure("participation", "participation.under_4").value == 1


def test_the_setting_can_leave_pn4_out_of_participated(tmp_path: Path) -> None:
    # PN1, PN2, PN3, PN5, PN6 = 5 of 8.
    built = coded(tmp_path, "rules:\n  participation_excludes_pn4: true\n")
    assert pct(built, "participation.participated") == (62.5, 5, 8)
    assert pct(built, "participation.attended") == (50.0, 4, 8)  # attended is unchanged


def test_attended_is_pn1_to_pn4(tmp_path: Path) -> None:
    # PN1, PN2, PN3, PN4 = 4 of 8.
    assert pct(coded(tmp_path), "participation.attended") == (50.0, 4, 8)


def test_by_code_is_the_full_distribution(tmp_path: Path) -> None:
    table = coded(tmp_path).breakdown("participation", "participation.by_code")
    assert table.categories[0] == "Attended and spoke for themself"  # PN1, in words
    assert table.categories[6] == "Did not attend; views not conveyed"  # PN7
    assert table.series["Reviews"] == [1, 1, 1, 1, 1, 1, 2]


def test_by_age_band_at_the_review(tmp_path: Path) -> None:
    # T1 is 14 until 01/01/2025 and 15 on it; T2 is 12: all 8 coded reviews are at 10-15.
    table = coded(tmp_path).breakdown("participation", "participation.by_age_band")
    assert table.series == {"Participated": [0, 6, 0], "Did not participate": [0, 2, 0]}


@pytest.mark.parametrize(
    ("dob", "held", "code", "rules"),
    [
        # Born 15/10/2020: 4 on 15/10/2024, the day of the review.
        ("15/10/2020", "15/10/2024", "PN0", ["pn0-age"]),
        ("15/10/2020", "15/10/2024", "PN1", []),
        # ... 3 the day before.
        ("15/10/2020", "14/10/2024", "PN0", []),
        ("15/10/2020", "14/10/2024", "PN1", ["pn-under4"]),
        # A teenager (14) coded PN0; a toddler (1) coded PN1.
        ("01/01/2010", "15/10/2024", "PN0", ["pn0-age"]),
        ("01/06/2023", "15/10/2024", "PN1", ["pn-under4"]),
        # Born 29/02/2020: 2024 is a leap year, so 4 on 29/02/2024 (in last year's file).
        ("29/02/2020", "29/02/2024", "PN1", []),
        ("29/02/2020", "28/02/2024", "PN1", ["pn-under4"]),
    ],
)
def test_pn_code_must_match_age_at_the_review(
    tmp_path: Path, dob: str, held: str, code: str, rules: list[str]
) -> None:
    header = [child("C", dob, "F")]
    reviews = [review("C", held, code)]
    built = build(tmp_path, spread(header, [episode("C", "01/02/2024")], reviews, (2024, 2025)))
    assert built.rules("pn0-age", "pn-under4") == rules
    for _, issue in built.issues.loc[built.issues["rule"].isin(rules)].iterrows():
        assert (issue["column"], issue["value"], issue["row"]) == ("REVIEW_CODE", code, 2)
        assert issue["severity"] == "error"


def test_participation_by_age_figures(tmp_path: Path) -> None:
    # All 8 coded reviews are of children aged 10-15 (see above), 6 participated: 6/8 = 75%;
    # no reviews at 4-9 or 16+, so those percentages have no denominator.
    built = coded(tmp_path)
    assert pct(built, "participation.participated_age_10") == (75.0, 6, 8)
    assert pct(built, "participation.participated_age_4") == (None, 0, 0)
    assert pct(built, "participation.participated_age_16") == (None, 0, 0)
