"""Reading 903 files: recognised by columns, every date cell checked, years stitched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from report.load.issues import MASK
from tests.builders import (
    HEADER,
    Built,
    build,
    child,
    episode,
    review,
    ts,
    write_csv,
)

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "ssda903" / "SSDA903_2020_episodes.csv"


def issue_text(issues: pd.DataFrame) -> str:
    """Every cell of every issue, as one string (to look for identifiers)."""
    return "\n".join(" | ".join(str(v) for v in row) for row in issues.itertuples(index=False))


# --- dates: dd/mm/yyyy only ---------------------------------------------------------------


@pytest.fixture
def bad_dates(tmp_path: Path) -> Built:
    header = [child("ZQ9876", "15/06/2010"), child("XK5555", "31/02/2010", "M")]
    episodes = [episode("ZQ9876", "01/04/2024")]
    reviews = [
        review("ZQ9876", "01/01/19"),  # row 2: two-digit year
        review("ZQ9876", "2024-01-05"),  # row 3: ISO
        review("ZQ9876", "31/02/2024"),  # row 4: no such date
        review("ZQ9876", "45292"),  # row 5: an Excel serial (45292 = 1 Jan 2024)
        review("ZQ9876", "15/05/2024"),  # row 6: fine
    ]
    return build(tmp_path, {2025: (header, episodes, reviews)})


@pytest.mark.parametrize(
    ("row", "value", "words"),
    [
        (2, "01/01/19", "two-digit year"),
        (3, "2024-01-05", "ISO date"),
        (4, "31/02/2024", "no such date"),
        (5, "45292", "Excel date serial"),
    ],
)
def test_a_bad_date_is_an_error_naming_file_row_and_column(
    bad_dates: Built, row: int, value: str, words: str
) -> None:
    issues = bad_dates.issues
    found = issues.loc[(issues["file"] == "ssda903/2025/reviews.csv") & (issues["row"] == row)]
    assert len(found) == 1
    issue = found.iloc[0]
    assert (issue["column"], issue["value"], issue["rule"]) == ("REVIEW", value, "date")
    assert issue["severity"] == "error"
    assert words in issue["message"]
    assert "dd/mm/yyyy" in issue["message"]


def test_rows_with_a_bad_review_date_are_left_out(bad_dates: Built) -> None:
    # Only row 6 (15/05/2024) has a usable date.
    assert bad_dates.checked.data.reviews["REVIEW"].tolist() == [ts("15/05/2024")]
    assert bad_dates.figure("reviews", "reviews.held").value == 1


def test_a_bad_date_of_birth_is_masked_and_no_child_id_is_shown(bad_dates: Built) -> None:
    issues = bad_dates.issues
    dob = issues.loc[(issues["file"] == "ssda903/2025/header.csv") & (issues["column"] == "DOB")]
    assert dob["row"].tolist() == [3]  # XK5555 is the second data row: row 3
    assert dob["value"].tolist() == [MASK]
    assert dob["message"].str.contains("no such date").all()
    text = issue_text(issues)
    for secret in ("ZQ9876", "XK5555", "31/02/2010", "15/06/2010"):
        assert secret not in text


# --- stitching collection years -----------------------------------------------------------


@pytest.fixture
def two_years(tmp_path: Path) -> Built:
    # 2024 (2023-24): the episode is open at 31 Mar 2024 (DEC blank).
    # 2025 (2024-25): the same episode (same DECOM) closed on 15 Aug 2024.
    # The review of 20 Mar 2024 is sent again in 2025, now coded PN2.
    y2024 = (
        [child("A1", "15/06/2010")],
        [episode("A1", "10/10/2023")],
        [review("A1", "05/11/2023"), review("A1", "20/03/2024", "PN1")],
    )
    y2025 = (
        [child("A1", "15/06/2010", "M")],
        [episode("A1", "10/10/2023", "15/08/2024", "E13")],
        [review("A1", "20/03/2024", "PN2"), review("A1", "01/06/2024")],
    )
    return build(tmp_path, {2024: y2024, 2025: y2025})


def test_the_latest_collection_wins_for_the_same_episode(two_years: Built) -> None:
    eps = two_years.checked.data.episodes
    assert len(eps) == 1
    row = eps.iloc[0]
    assert (row["DECOM"], row["DEC"], row["REC"], row["YEAR"]) == (
        ts("10/10/2023"),
        ts("15/08/2024"),
        "E13",
        2025,
    )
    # Not "open but missing from next year": the 2025 row replaced the open 2024 one.
    assert two_years.rules() == []


def test_the_same_review_in_two_files_is_counted_once(two_years: Built) -> None:
    reviews = two_years.checked.data.reviews
    assert reviews["REVIEW"].tolist() == [ts("05/11/2023"), ts("20/03/2024"), ts("01/06/2024")]
    again = reviews.loc[reviews["REVIEW"] == ts("20/03/2024")].iloc[0]
    assert (again["REVIEW_CODE"], again["YEAR"]) == ("PN2", 2025)
    # 2023-24: 5 Nov 2023 and 20 Mar 2024; 2024-25: 1 Jun 2024.
    assert two_years.figure("reviews", "reviews.held", "2023-24").value == 2
    assert two_years.figure("reviews", "reviews.held").value == 1


def test_a_duplicate_row_in_one_file_is_a_warning_and_counted_once(tmp_path: Path) -> None:
    built = build(
        tmp_path,
        {
            2025: (
                [child("A1", "15/06/2010", "M")],
                [episode("A1", "10/10/2023")],
                [review("A1", "01/06/2024"), review("A1", "01/06/2024", "PN3")],
            )
        },
    )
    issues = built.issues
    dup = issues.loc[issues["rule"] == "duplicate"]
    assert dup[["file", "row", "severity"]].values.tolist() == [
        ["ssda903/2025/reviews.csv", 3, "warning"]
    ]
    assert built.figure("reviews", "reviews.held").value == 1
    assert built.child_reviews("A1")["REVIEW_CODE"].tolist() == ["PN3"]  # the later row


def test_files_are_recognised_by_columns_in_any_case_not_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "ssda903" / "2025"
    kid = {k.lower(): v for k, v in child("A1", "15/06/2010", "F").items()}
    write_csv(folder / "kids.csv", [c.lower() for c in HEADER], [kid])
    write_csv(
        folder / "cla_spells.csv",
        ["child", "decom", "rne", "ls", "place", "dec", "rec"],
        [{"child": "A1", "decom": "01/05/2024", "rne": "S", "ls": "C2", "place": "U1"}],
    )
    write_csv(folder / "revs.csv", ["Child", "Review", "Review_Code"], [])
    built = build(tmp_path, {})
    assert built.checked.data.episodes["DECOM"].tolist() == [ts("01/05/2024")]
    assert built.figure("children", "cla.at_period_end").value == 1


# --- a third-party file in the raw DfE layout ---------------------------------------------


def test_third_party_2020_episodes_file_is_recognised_and_parsed(tmp_path: Path) -> None:
    # SSDA903_2020_episodes.csv (liia-tools sample), 5 rows, header = row 1:
    #   row 2: 689661 11/12/2018 P V4 K2 -> 18/07/2019 E15  (a short break)
    #   row 3: 689661 02/12/2018 S J2 U5 -> 16/05/2019 X1
    #   row 4: 689661 16/05/2019 T J2 U5 -> 26/09/2019 E2
    #   row 5: 249901 30/03/2019 L J3 U4 -> 10/04/2019 X1
    #   row 6: 249901 10/04/2019 L V3 U4 -> 24/06/2019 X1  (a short break)
    data = tmp_path / "data"
    folder = data / "ssda903" / "2020"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURE, folder / "episodes.csv")
    write_csv(
        folder / "header.csv",
        HEADER,
        [child("689661", "01/05/2005", "1"), child("249901", "01/09/2010", "2")],
    )
    write_csv(folder / "reviews.csv", ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"], [])
    built = build(tmp_path, {}, year="2019-20")

    eps = built.checked.data.episodes
    assert len(eps) == 5
    assert "HOME_POST" not in eps.columns and "URN" not in eps.columns
    first = eps.loc[eps["_ROW"] == 2].iloc[0]
    assert (first["CHILD"], first["DECOM"], first["LS"], first["DEC"], first["REC"]) == (
        "689661",
        ts("11/12/2018"),
        "V4",
        ts("18/07/2019"),
        "E15",
    )
    # Short breaks (rows 2 and 6) are kept apart from care.
    assert sorted(built.history.short_breaks["_ROW"]) == [2, 6]
    assert sorted(built.history.care["_ROW"]) == [3, 4, 5]
    # 2019-20 (1 Apr 2019 - 31 Mar 2020): both children had a short break in the year and
    # an episode of care in the year (689661 to 26/09/2019; 249901 to 10/04/2019); nobody
    # was looked after at 31 Mar 2020.
    assert built.figure("children", "cla.short_breaks").value == 2
    assert built.figure("children", "cla.during_year").value == 2
    assert built.figure("children", "cla.at_period_end").value == 0
    # No cell is rejected; the data's own faults are reported. Sorted by DECOM, 689661's
    # rows are 3 (to 16/05/2019), 2 (from 11/12/2018: before row 3 ends) and 4 (from
    # 16/05/2019: before row 2 ends on 18/07/2019): rows 2 and 4 overlap. 249901's X1
    # episode (row 5) is followed by a short break, not care. The reviews file is empty.
    issues = built.issues
    assert not issues["rule"].isin(["date", "code-unknown", "required"]).any()
    episode_issues = issues.loc[issues["file"] == "ssda903/2020/episodes.csv"]
    assert sorted(zip(episode_issues["rule"], episode_issues["row"], strict=True)) == [
        ("overlapping-episodes", 2),
        ("overlapping-episodes", 4),
        ("x1-without-next", 5),
    ]
    assert issues.loc[issues["file"] == "ssda903/2020/reviews.csv", "rule"].tolist() == ["no-rows"]
    text = issue_text(issues)
    for secret in ("689661", "249901", "Y8 5KZ", "I28 8HA", "F18 7NI", "6834366"):
        assert secret not in text


def test_a_header_with_no_usable_row_gives_issues_not_a_crash(tmp_path: Path) -> None:
    # Every DOB exported as ISO (rows 2 and 3): both header rows are left out, so the
    # children in the episodes and reviews files are in no header.
    built = build(
        tmp_path,
        {
            2025: (
                [child("A1", "2010-06-15", "F"), child("B2", "2012-01-01", "M")],
                [episode("A1", "01/05/2024"), episode("B2", "01/05/2024")],
                [review("A1", "20/05/2024")],
            )
        },
    )
    errors = built.errors
    dates = errors.loc[errors["rule"] == "date"]
    assert dates[["file", "row", "column", "value"]].values.tolist() == [
        ["ssda903/2025/header.csv", 2, "DOB", MASK],
        ["ssda903/2025/header.csv", 3, "DOB", MASK],
    ]
    assert built.rules("child-not-in-header") == ["child-not-in-header"] * 3
    assert built.figure("children", "cla.at_period_end").value == 2
    assert built.figure("reviews", "reviews.held").value == 1
